"""Answers delivered where the resident wrote: the exact platform call, once, with failures recorded."""
from __future__ import annotations

import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from PIL import Image

from otklik.devstack.fake_server import http_error
from otklik.devstack.pubsub_setup import ensure_push_subscriptions, ensure_topics
from otklik.domain import reply_delivery
from otklik.domain.model import AnswerKind, Appeal, DeliveryStatus, Status
from otklik.domain.principals import Role
from otklik.messages import AppealReceived, ReplyRequested
from otklik.platforms.events import NewMessage
from otklik.platforms.max import webhook as max_platform
from otklik.platforms.ok import webhook as ok
from otklik.platforms.reply_clients import clients_for
from otklik.platforms.telegram import webhook as telegram
from otklik.platforms.telegram.fake import TELEGRAM_BOT_BLOCKED, telegram_error
from otklik.platforms.vk import webhook as vk
from otklik.services import commands
from otklik.services.delivery import CLAIM_LEASE, DeliveryInProgress, DeliveryOutcome, DeliveryService, RetryLater
from otklik.services.events import write
from otklik.services.reply_dead_letters import ReplyDeadLetters
from otklik.services.work import Upload
from otklik.topology import PUSH_SUBSCRIPTIONS
from tests.conftest import Stack, seed_towns
from tests.support import CHANNELS, SECRETS, TOWN, eventually, payload


def incoming(platform: str, fixture: str) -> Any:
    data = payload(platform, fixture)
    if platform == "telegram":
        event = telegram.interpret(telegram.Update.model_validate(data), account="yuzhno", bot_username=None,
                                   bot_user_id=None)
    elif platform == "vk":
        event = vk.interpret(vk.CallbackEnvelope.model_validate(data), account="218734512")
    elif platform == "ok":
        event = ok.interpret(ok.Update.model_validate(data), account="yuzhno")
    else:
        event = max_platform.interpret(max_platform.Update.model_validate(data), account="yuzhno",
                                       bot_username=None, bot_user_id=None)
    assert isinstance(event, NewMessage)
    return event.message


def answered(stack: Stack, platform: str, fixture: str, text: str = "Контейнеры вывезли, спасибо за сигнал",
             photos: Sequence[Upload] = ()) -> tuple[Appeal, ReplyRequested]:
    seed_towns(stack)
    stored = stack.deps.ingest.receive(incoming(platform, fixture), TOWN)
    appeal = stack.deps.appeals.get(stored.appeal_id)
    assert appeal is not None
    stack.deps.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                                             received_at=appeal.received_at))
    operator, _ = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))
    routed = stack.deps.appeals.get(appeal.id)
    assert routed is not None and routed.status is Status.ROUTED, routed
    if routed.category in ("roads", "yards", "greening", "lighting", "snow", "waste"):
        # Categories with a photo report rule get an intermediate answer here; photos are tested elsewhere.
        command = commands.AnswerCommand(kind=AnswerKind.INTERMEDIATE, text=text, planned_date="2026-12-20")
    else:
        command = commands.AnswerCommand(kind=AnswerKind.FINAL, text=text)
    result = stack.deps.work.act(operator, appeal.id, "answer", command, uploads=photos)
    answer = result.answers[-1]
    return result, ReplyRequested(appeal_id=result.id, answer_id=answer.id, municipality=TOWN, channel=result.channel)


def delivery_of(stack: Stack, appeal_id: str) -> Any:
    appeal = stack.deps.appeals.get(appeal_id)
    assert appeal is not None
    return appeal.answers[-1].delivery


def test_telegram_replies_to_the_residents_message_in_their_chat(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.DELIVERED

    (call,) = stack.platforms["telegram"].requests_for("sendMessage")
    assert call.path == f"/bot{SECRETS['telegram-yuzhno-token']}/sendMessage"
    body = call.json
    assert body["chat_id"] in (482913774, "482913774")
    assert body["reply_parameters"]["message_id"] in (211, "211")
    assert body["text"] == "Контейнеры вывезли, спасибо за сигнал"
    delivery = delivery_of(stack, appeal.id)
    assert delivery.status is DeliveryStatus.DELIVERED and delivery.platform_message_ids


def test_vk_community_message_uses_messages_send_with_a_random_id_from_the_answer(stack: Stack) -> None:
    _, request = answered(stack, "vk", "callback_message_new_text")
    stack.deps.delivery.deliver(request)
    (call,) = stack.platforms["vk"].requests_for("messages.send")
    params = call.params
    assert params["peer_id"] == "574821396" and params["random_id"] and params["v"] == "5.199"
    assert params["access_token"] == SECRETS["vk-218734512-token"]


def test_vk_wall_comment_is_answered_in_its_thread(stack: Stack) -> None:
    _, request = answered(stack, "vk", "callback_wall_reply_new", "Ремонт дороги на ул. Садовой запланирован")
    stack.deps.delivery.deliver(request)
    (call,) = stack.platforms["vk"].requests_for("wall.createComment")
    params = call.params
    assert (params["owner_id"], params["post_id"], params["reply_to_comment"]) == ("-218734512", "3311", "5127")
    assert params["from_group"] == "218734512" and params["guid"]


def test_ok_and_max_send_to_the_residents_chat(stack: Stack) -> None:
    _, ok_request = answered(stack, "ok", "webhook_message_created_text")
    _, max_request = answered(stack, "max", "webhook_message_created_dialog_text")
    stack.deps.delivery.deliver(ok_request)
    stack.deps.delivery.deliver(max_request)
    (ok_call,) = [r for r in stack.platforms["ok"].requests if "/messages/" in r.path]
    assert ok_call.json["recipient"] == {"chat_id": "chat:C3ecb9d02a600"}
    (max_call,) = [r for r in stack.platforms["max"].requests if r.path == "/messages"]
    assert max_call.query["chat_id"] == "182182182"
    assert max_call.json["link"] == {"type": "reply", "mid": "mid.000000000adf429c019d47d58f2b3e01"}


def test_a_redelivered_request_sends_once(stack: Stack) -> None:
    _, request = answered(stack, "telegram", "update_message_text")
    outcomes = [stack.deps.delivery.deliver(request) for _ in range(3)]
    assert outcomes == [DeliveryOutcome.DELIVERED, DeliveryOutcome.ALREADY_DONE, DeliveryOutcome.ALREADY_DONE]
    assert len(stack.platforms["telegram"].requests_for("sendMessage")) == 1


def test_a_rate_limit_is_retried_later_and_then_delivered(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    stack.platforms["telegram"].fail_next("sendMessage",
                                          error=telegram_error(429, "Too Many Requests: retry after 3", 3))

    with pytest.raises(RetryLater):
        stack.deps.delivery.deliver(request)
    assert delivery_of(stack, appeal.id).status is DeliveryStatus.PENDING
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.DELIVERED

    delivery = delivery_of(stack, appeal.id)
    assert delivery.status is DeliveryStatus.DELIVERED and delivery.attempts == 2
    assert len(stack.platforms["telegram"].sent) == 1


def test_a_blocked_bot_is_recorded_as_undelivered_with_the_platforms_reason_and_not_retried(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    stack.platforms["telegram"].fail_next("sendMessage", error=TELEGRAM_BOT_BLOCKED)

    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.UNDELIVERED
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.ALREADY_DONE
    delivery = delivery_of(stack, appeal.id)
    assert delivery.status is DeliveryStatus.UNDELIVERED and "blocked" in (delivery.reason or "")
    assert stack.deps.appeals.get(appeal.id).history[-1].action == "reply_undelivered"  # type: ignore[union-attr]


def test_the_whole_path_webhook_routed_answered_and_replied_in_the_thread(wired: Stack, functions_server: str) -> None:
    """As under `make run`: every step triggered the way the cloud triggers it."""
    update = payload("telegram", "update_message_text")
    update["message"]["text"] = "Нет горячей воды в доме 5 по ул. Мира третий день"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]}
    assert requests.post(f"{functions_server}/telegram_webhook/yuzhno", json=update, headers=headers, timeout=30,
                         allow_redirects=False).ok
    appeal_id = eventually(
        lambda: next((a.id for a in wired.deps.appeals.recent(5) if a.status is Status.ROUTED), None))

    _, key = wired.deps.api_keys.issue(Role.DEPARTMENT, (TOWN,), "housing_utilities")
    response = requests.post(f"{functions_server}/operator_api/appeals/{appeal_id}/answer",
                             json={"kind": "final", "text": "Горячую воду дали"},
                             headers={"Authorization": f"Bearer {key}"}, timeout=30, allow_redirects=False)
    assert response.status_code == 200, response.text

    sent = eventually(lambda: wired.platforms["telegram"].sent or None)
    assert sent[0].text == "Горячую воду дали" and sent[0].reply_to == "211"
    delivered = eventually(lambda: (a := wired.deps.appeals.get(appeal_id)) and
                      a.answers[-1].delivery.status is DeliveryStatus.DELIVERED or None)
    assert delivered


# Once: a claim before sending, progress per part, and an end when the retries run out.


def paragraphs(count: int, length: int) -> str:
    """`count` paragraphs of `length` characters each, separated by blank lines: one Telegram message each when
    two do not fit in 4096 characters."""
    return "\n\n".join(f"{n:03d} " + "ж" * (length - 4) for n in range(count))


def photo(color: str) -> Upload:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), color).save(buffer, "PNG")
    return Upload(buffer.getvalue(), f"{color}.png")


def delivery_at(stack: Stack, now: datetime) -> DeliveryService:
    """The delivery service of the stack, on a clock of its own."""
    deps = stack.deps
    return DeliveryService(deps.appeals, deps.channels, deps.secrets, clients_for(stack.settings.platform_base_urls),
                           deps.photos, lambda: now)


def test_two_concurrent_deliveries_of_one_request_send_it_once(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    fake = stack.platforms["telegram"]
    fake.delay_next("sendMessage", seconds=1.5)  # the first delivery is still sending when the second comes
    outcomes: list[DeliveryOutcome] = []
    first = threading.Thread(target=lambda: outcomes.append(stack.deps.delivery.deliver(request)))

    first.start()
    eventually(lambda: fake.requests_for("sendMessage"))
    with pytest.raises(DeliveryInProgress):
        stack.deps.delivery.deliver(request)
    first.join()

    assert outcomes == [DeliveryOutcome.DELIVERED]
    assert len(fake.sent) == 1 and len(fake.requests_for("sendMessage")) == 1
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.ALREADY_DONE, "the redelivery finds it done"
    delivery = delivery_of(stack, appeal.id)
    assert (delivery.status, delivery.claimed_by, delivery.attempts) == (DeliveryStatus.DELIVERED, None, 1)


def test_a_claim_of_a_sender_that_crashed_runs_out_and_the_next_delivery_sends(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    crashed_at = datetime.now(UTC)
    stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], reply_delivery.claim(
        current[appeal.id], request.answer_id, crashed_at, by="a-sender-that-crashed", lease=CLAIM_LEASE))])

    with pytest.raises(DeliveryInProgress):
        delivery_at(stack, crashed_at + CLAIM_LEASE - timedelta(seconds=1)).deliver(request)
    assert stack.platforms["telegram"].requests == []

    assert delivery_at(stack, crashed_at + CLAIM_LEASE).deliver(request) is DeliveryOutcome.DELIVERED
    assert len(stack.platforms["telegram"].sent) == 1
    assert delivery_of(stack, appeal.id).attempts == 2


def test_a_long_reply_that_failed_after_its_first_part_resumes_with_the_second(stack: Stack) -> None:
    text = paragraphs(3, 2600)
    appeal, request = answered(stack, "telegram", "update_message_text", text)
    fake = stack.platforms["telegram"]
    fake.fail_next("sendMessage", error=telegram_error(502, "Bad Gateway"), after=1)

    with pytest.raises(RetryLater):
        stack.deps.delivery.deliver(request)
    halfway = delivery_of(stack, appeal.id)
    assert (halfway.status, halfway.parts_sent, len(halfway.platform_message_ids)) == (DeliveryStatus.PENDING, 1, 1)
    assert halfway.reason == "Telegram sendMessage: Bad Gateway"

    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.DELIVERED
    assert [m.text for m in fake.sent] == text.split("\n\n"), "parts two and three only, each once"
    delivered = delivery_of(stack, appeal.id)
    assert delivered.parts_sent == 3
    assert delivered.platform_message_ids == tuple(m.platform_id for m in fake.sent)


def test_photos_sent_before_a_failure_are_not_sent_again_with_the_rest_of_the_text(stack: Stack) -> None:
    text = paragraphs(2, 2600)
    appeal, request = answered(stack, "telegram", "update_message_text", text, photos=[photo("red"), photo("blue")])
    fake = stack.platforms["telegram"]
    fake.fail_next("sendMessage", error=telegram_error(429, "Too Many Requests: retry after 1", 1))

    with pytest.raises(RetryLater):
        stack.deps.delivery.deliver(request)
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.DELIVERED

    assert [r.method_name for r in fake.requests] == ["sendMediaGroup", "sendMessage", "sendMessage", "sendMessage"]
    assert [m.method_name for m in fake.sent] == ["sendMediaGroup", "sendMediaGroup", "sendMessage", "sendMessage"]
    assert [m.text for m in fake.sent if m.method_name == "sendMessage"] == text.split("\n\n")
    assert delivery_of(stack, appeal.id).parts_sent == 3


def test_a_reply_whose_retries_ran_out_is_undelivered_with_the_last_error(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    stack.platforms["telegram"].fail_next("sendMessage", times=2, error=telegram_error(502, "Bad Gateway"))
    for _ in range(2):
        with pytest.raises(RetryLater):
            stack.deps.delivery.deliver(request)

    assert stack.deps.reply_dead_letters.give_up(request) is DeliveryOutcome.UNDELIVERED

    delivery = delivery_of(stack, appeal.id)
    assert delivery.status is DeliveryStatus.UNDELIVERED
    assert delivery.reason == "not delivered after 2 attempts; the last error: Telegram sendMessage: Bad Gateway"
    assert stack.deps.appeals.get(appeal.id).history[-1].action == "reply_undelivered"  # type: ignore[union-attr]
    assert stack.deps.delivery.deliver(request) is DeliveryOutcome.ALREADY_DONE


def test_a_dead_letter_that_finds_the_claim_of_a_crashed_last_attempt_comes_back_once_it_ran_out(
        stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    crashed_at = datetime.now(UTC)
    stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], reply_delivery.claim(
        current[appeal.id], request.answer_id, crashed_at, by="the-last-attempt", lease=CLAIM_LEASE))])

    with pytest.raises(DeliveryInProgress):
        ReplyDeadLetters(stack.deps.appeals, lambda: crashed_at + timedelta(seconds=10)).give_up(request)
    assert delivery_of(stack, appeal.id).status is DeliveryStatus.PENDING

    outcome = ReplyDeadLetters(stack.deps.appeals, lambda: crashed_at + CLAIM_LEASE).give_up(request)
    assert outcome is DeliveryOutcome.UNDELIVERED
    assert delivery_of(stack, appeal.id).status is DeliveryStatus.UNDELIVERED


def test_a_dead_letter_of_a_reply_delivered_meanwhile_changes_nothing(stack: Stack) -> None:
    appeal, request = answered(stack, "telegram", "update_message_text")
    stack.deps.delivery.deliver(request)

    assert stack.deps.reply_dead_letters.give_up(request) is DeliveryOutcome.ALREADY_DONE
    assert delivery_of(stack, appeal.id).status is DeliveryStatus.DELIVERED


@pytest.fixture
def quick_dead_letters(stack: Stack, functions_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    """Topics of their own with deliver-reply and its dead-letter consumer pushing to the served functions as in the
    cloud, except that Pub/Sub gives a reply up after 5 attempts (the least it allows) without waiting between."""
    quick = [replace(s, max_delivery_attempts=5, min_backoff_seconds=0, max_backoff_seconds=0)
             for s in PUSH_SUBSCRIPTIONS if "deliver-reply" in (s.name, s.dead_letters_of)]
    monkeypatch.setenv("OTKLIK_TOPIC_PREFIX", f"{stack.settings.topics.prefix}quick-dead-letters-")
    stack.reset_caches()
    ensure_topics(stack.settings)
    ensure_push_subscriptions(stack.settings, functions_server, quick)
    stack.deps.channels.save(CHANNELS)
    yield stack
    monkeypatch.undo()
    stack.reset_caches()


def test_a_reply_failing_until_pubsub_gives_up_is_listed_undelivered_to_operators(
        quick_dead_letters: Stack, functions_server: str) -> None:
    stack = quick_dead_letters
    stack.platforms["telegram"].fail_next("sendMessage", times=100, error=http_error(503, "Service Unavailable"))
    # Answering publishes reply.requested to deliver-reply, as in the cloud.
    failing, _ = answered(stack, "telegram", "update_message_text")
    delivered, _ = answered(stack, "max", "webhook_message_created_dialog_text")

    undelivered = eventually(lambda: (a := stack.deps.appeals.get(failing.id)) and
                        a.answers[-1].delivery.status is DeliveryStatus.UNDELIVERED and a, timeout=60)
    delivery = undelivered.answers[-1].delivery
    assert delivery.reason == (f"not delivered after {delivery.attempts} attempts; "
                               "the last error: Telegram sendMessage answered HTTP 503")
    assert delivery.attempts >= 5 and stack.platforms["telegram"].sent == []
    eventually(lambda: delivery_of(stack, delivered.id).status is DeliveryStatus.DELIVERED)

    _, key = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))

    def listed(query: str) -> list[tuple[str, bool]]:
        response = requests.get(f"{functions_server}/operator_api/appeals?{query}",
                                headers={"Authorization": f"Bearer {key}"}, timeout=30)
        assert response.status_code == 200, response.text
        return sorted((a["id"], a["undelivered"]) for a in response.json()["appeals"])

    assert listed("") == sorted([(failing.id, True), (delivered.id, False)])
    assert listed("undelivered=true") == [(failing.id, True)]
    assert listed("undelivered=false") == [(delivered.id, False)]



