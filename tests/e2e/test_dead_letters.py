"""`python -m otklik dead-letters list|replay` on the Pub/Sub emulator: messages the emulator itself dead-lettered
(a consumer refused them until its delivery attempts ran out) are shown without being taken, and replayed to the
topic they were first published to."""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from google.cloud import pubsub_v1

from otklik.devstack.pubsub_setup import ensure_dead_letter_subscriptions
from otklik.domain import reply_delivery
from otklik.domain.model import DeliveryStatus, Status
from otklik.messages import AppealReceived, ReplyRequested
from otklik.services.ports import AppealWrite
from tests.builders import an_appeal, answered, routed
from tests.conftest import Stack
from tests.e2e.test_cli_commands import cli

ATTEMPTS = 5  # the fewest Pub/Sub allows


@pytest.fixture
def dead_letters(stack: Stack) -> Iterator[Stack]:
    ensure_dead_letter_subscriptions(stack.settings)
    yield stack
    stack.deps.dead_letters.replay()  # nothing left for the next test


def dead_letter(stack: Stack, push_subscription: str, topic_field: str, body: Any) -> None:
    """Published to `topic_field` and refused by a consumer standing for `push_subscription` until Pub/Sub gives it up
    to that subscription's dead-letter topic, as the push subscription's own retries would."""
    settings, subscriber, publisher = stack.settings, pubsub_v1.SubscriberClient(), pubsub_v1.PublisherClient()
    project, topics = settings.project_id, settings.topics
    refusing_name = topics.name(f"{push_subscription}-refusing-{uuid.uuid4().hex[:6]}")
    refusing = subscriber.subscription_path(project, refusing_name)
    subscriber.create_subscription(request={
        "name": refusing, "topic": subscriber.topic_path(project, topics.name(getattr(topics, topic_field))),
        "dead_letter_policy": {"dead_letter_topic": subscriber.topic_path(
            project, topics.name(f"{push_subscription}.dead-letter")), "max_delivery_attempts": ATTEMPTS}})
    try:
        publisher.publish(publisher.topic_path(project, topics.name(getattr(topics, topic_field))),
                          json.dumps(body.model_dump(mode="json")).encode(), **body.attributes()).result()
        for _ in range(ATTEMPTS):
            response = subscriber.pull(request={"subscription": refusing, "max_messages": 10}, timeout=10)
            assert len(response.received_messages) == 1
            subscriber.modify_ack_deadline(request={"subscription": refusing, "ack_deadline_seconds": 0,
                                                    "ack_ids": [response.received_messages[0].ack_id]})
        # The emulator moves the message when it would deliver it once more.
        assert not subscriber.pull(request={"subscription": refusing, "max_messages": 10}, timeout=10).received_messages
    finally:
        subscriber.delete_subscription(request={"subscription": refusing})


def listed(*args: str) -> list[dict[str, Any]]:
    result = cli("dead-letters", "list", "--json", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_routing_dead_letter_is_listed_without_being_taken_then_replayed_to_appeal_received(
        dead_letters: Stack) -> None:
    stack = dead_letters
    appeal = an_appeal()
    stack.deps.appeals.add(AppealWrite(appeal))
    message = AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                             received_at=appeal.received_at)
    dead_letter(stack, "route-appeal", "appeal_received", message)
    stack.deps.routing_dead_letters.give_up(message, ATTEMPTS)  # what mark_routing_failed does with it

    first = listed("--topic", "route-appeal")
    assert [(w["appeal_id"], w["gave_up"], w["topic"], w["attempts"]) for w in first] == [
        (appeal.id, "route-appeal", "appeal.received", ATTEMPTS)]
    assert 0 <= first[0]["age_seconds"] < 300
    assert first[0]["error"] == "routing failed; the appeal is needs_triage (route_appeal's log has the error)"
    again = listed("--topic", "appeal.received")
    assert [{**w, "age_seconds": None} for w in again] == [{**w, "age_seconds": None} for w in first], \
        "listing takes nothing; the original topic names the same dead letters"
    assert listed("--topic", "deliver-reply") == []

    probe = stack.probe("appeal_received")
    try:
        result = cli("dead-letters", "replay", "--topic", "route-appeal.dead-letter")
        assert result.returncode == 0, result.stderr
        assert "route-appeal.dead-letter: 1 republished and acknowledged" in result.stdout
        (replayed,) = probe.collect(1)
    finally:
        probe.close()
    assert json.loads(replayed.data) == message.model_dump(mode="json")
    assert dict(replayed.attributes) == message.attributes(), "Pub/Sub's dead-letter attributes are left out"
    assert listed() == []


def test_a_replayed_reply_is_made_pending_again_so_that_deliver_reply_sends_it(dead_letters: Stack) -> None:
    stack = dead_letters
    appeal = answered(routed(an_appeal()))
    answer_id = appeal.answers[-1].id
    given_up = reply_delivery.give_up(appeal, answer_id, appeal.answers[-1].created_at)
    stack.deps.appeals.add(AppealWrite(given_up))
    request = ReplyRequested(appeal_id=appeal.id, answer_id=answer_id, municipality=appeal.municipality,
                             channel=appeal.channel)
    dead_letter(stack, "deliver-reply", "reply_requested", request)

    (waiting,) = listed("--topic", "reply.requested")
    assert (waiting["appeal_id"], waiting["gave_up"]) == (appeal.id, "deliver-reply")
    assert waiting["error"] == "not delivered after 0 attempts; the last error: no error was recorded"

    probe = stack.probe("reply_requested")
    try:
        report = stack.deps.dead_letters.replay("deliver-reply")
        (replayed,) = probe.collect(1)
    finally:
        probe.close()
    assert report.replayed == {"deliver-reply.dead-letter": 1} and report.failed is None
    assert json.loads(replayed.data) == request.model_dump(mode="json")
    pending = stack.deps.appeals.get(appeal.id)
    assert pending is not None and pending.status is Status.ANSWERED
    assert pending.answers[-1].delivery.status is DeliveryStatus.PENDING
    assert listed("--topic", "deliver-reply") == []


def test_an_unknown_topic_is_refused_naming_the_known_ones(dead_letters: Stack) -> None:
    result = cli("dead-letters", "list", "--topic", "no-such")
    assert result.returncode == 2
    assert "deliver-reply" in result.stderr and "route-appeal" in result.stderr
