"""deliver_reply's service over the fakes and a scripted platform client: an answer is sent once, part by part,
its outcome recorded on it; a platform that refuses for good leaves it undelivered with the reason; one that asks
to wait has it sent again later from the first part not sent."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain import actions
from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Answer, AnswerKind, Appeal, Channel, DeliveryStatus
from otklik.messages import ReplyRequested
from otklik.platforms.replies import Delivered, OutgoingReply, PermanentDeliveryError, ReplyPart, TransientDeliveryError
from otklik.services.delivery import DeliveryInProgress, DeliveryOutcome, DeliveryService, RetryLater
from tests.builders import TOWN, an_appeal, routed
from tests.fakes import T0, Channels, Clock, InMemoryAppeals, Photos, Secrets

TELEGRAM = ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=TOWN,
                         webhook_secret_ref="tg-webhook", api_token_ref="tg-token")


class ScriptedPlatform:
    """A ReplyClient whose answer is one part per 10 characters of text; `failures` raise on the calls named by
    their number (1 = the first part sent over all deliveries)."""

    def __init__(self, failures: dict[int, Exception] | None = None) -> None:
        self.sent: list[str] = []
        self.failures = failures or {}
        self.calls = 0

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        chunks = [reply.text[i:i + 10] for i in range(0, len(reply.text), 10)]
        return tuple(ReplyPart(index=i, text=chunk) for i, chunk in enumerate(chunks))

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        self.calls += 1
        if self.calls in self.failures:
            raise self.failures[self.calls]
        self.sent.append(part.text)
        return (f"m{len(self.sent)}",)

    def send(self, reply: OutgoingReply, *, token: str) -> Delivered:
        return Delivered(tuple(m for part in self.parts(reply) for m in self.send_part(reply, part, token=token)))


def answered(appeals: InMemoryAppeals, text: str) -> tuple[Appeal, ReplyRequested]:
    appeal = routed(an_appeal())
    appeal = actions.answer(appeal, "department:k", T0 + timedelta(hours=1), answer_id="a1", kind=AnswerKind.FINAL,
                            text=text, planned_date=None, photos=(), photo_report_required=False,
                            auto_resolve_after=timedelta(hours=72), manual_delivery=False)
    appeals.put(appeal)
    return appeal, ReplyRequested(appeal_id=appeal.id, answer_id="a1", municipality=TOWN, channel=Channel.TELEGRAM)


def service(appeals: InMemoryAppeals, platform: ScriptedPlatform, clock: Clock) -> DeliveryService:
    return DeliveryService(appeals, Channels(TELEGRAM), Secrets(**{"tg-token": "t0ken"}),
                           {Channel.TELEGRAM: platform}, Photos(), clock)


def the_answer(appeals: InMemoryAppeals, appeal: Appeal) -> Answer:
    return appeals.current(appeal.id).answers[0]


def test_an_answer_is_sent_in_its_parts_and_recorded_delivered(appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal, request = answered(appeals, "Яма заделана, спасибо за обращение")
    platform = ScriptedPlatform()

    assert service(appeals, platform, clock).deliver(request) is DeliveryOutcome.DELIVERED
    assert service(appeals, platform, clock).deliver(request) is DeliveryOutcome.ALREADY_DONE

    assert "".join(platform.sent) == "Яма заделана, спасибо за обращение"
    delivery = the_answer(appeals, appeal).delivery
    assert (delivery.status, delivery.parts_sent) == (DeliveryStatus.DELIVERED, 4)


def test_a_platform_that_refuses_for_good_leaves_the_answer_undelivered_with_its_reason(
        appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal, request = answered(appeals, "Сделано")
    platform = ScriptedPlatform({1: PermanentDeliveryError("bot was blocked by the user", "403")})

    assert service(appeals, platform, clock).deliver(request) is DeliveryOutcome.UNDELIVERED
    delivery = the_answer(appeals, appeal).delivery
    assert (delivery.status, delivery.reason) == (DeliveryStatus.UNDELIVERED, "bot was blocked by the user")


def test_a_failure_part_way_resumes_from_the_first_part_not_sent(appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal, request = answered(appeals, "первая ч. вторая ч. третья ч.")
    platform = ScriptedPlatform({2: TransientDeliveryError("Too Many Requests: retry after 3", retry_after=3)})

    with pytest.raises(RetryLater):
        service(appeals, platform, clock).deliver(request)
    assert the_answer(appeals, appeal).delivery.status is DeliveryStatus.PENDING
    clock.advance(seconds=5)
    assert service(appeals, platform, clock).deliver(request) is DeliveryOutcome.DELIVERED

    assert platform.sent == ["первая ч. ", "вторая ч. ", "третья ч."], "the first part is not sent twice"


def test_a_second_delivery_while_the_first_is_sending_sends_nothing_and_comes_back(
        appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal, request = answered(appeals, "Сделано")
    concurrent: list[Exception] = []

    class SlowPlatform(ScriptedPlatform):
        def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
            try:  # the same request delivered again while this one is on the wire
                service(appeals, self, clock).deliver(request)
            except DeliveryInProgress as refused:
                concurrent.append(refused)
            return super().send_part(reply, part, token=token)

    platform = SlowPlatform()
    assert service(appeals, platform, clock).deliver(request) is DeliveryOutcome.DELIVERED

    assert len(concurrent) == 1 and platform.sent == ["Сделано"]
