"""The write path against the emulators: each event stored once, published once, never lost."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from otklik.adapters.pubsub_publisher import PubSubPublisher, publisher_client
from otklik.devstack.pubsub_setup import ensure_topics
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Channel, Status
from otklik.messages import AppealReceived
from otklik.platforms.events import NewMessage
from otklik.platforms.telegram import webhook as telegram
from otklik.services.ingest import IngestService
from otklik.services.outbox import OutboxRelay
from otklik.wiring import utc_now
from tests.conftest import Stack
from tests.support import TOWN, MessageProbe, payload


def incoming(update_name: str = "update_message_text", message_id: int | None = None):  # type: ignore[no-untyped-def]
    data = payload("telegram", update_name)
    if message_id is not None:
        data["message"]["message_id"] = message_id
    event = telegram.interpret(telegram.Update.model_validate(data), account="yuzhno",
                               bot_username="city_reception_bot", bot_user_id=7012345678)
    assert isinstance(event, NewMessage)
    return event.message


def test_an_event_is_stored_as_a_received_appeal_and_published_with_its_attributes(
        stack: Stack, probe: MessageProbe) -> None:
    result = stack.deps.ingest.receive(incoming(), TOWN)

    assert result.created
    appeal = stack.deps.appeals.get(result.appeal_id)
    assert appeal is not None
    assert appeal.status is Status.RECEIVED
    assert appeal.municipality == TOWN
    assert appeal.source.chat_id == "482913774"
    assert [h.action for h in appeal.history] == ["received"]
    (message,) = probe.collect(expected=1)
    assert dict(message.attributes) == {"municipality": TOWN, "channel": "telegram", "appeal_id": result.appeal_id}
    body = AppealReceived.model_validate_json(message.data)
    assert body.appeal_id == result.appeal_id
    assert stack.deps.appeals.pending_messages(result.appeal_id) == [], "published, and cleared from the outbox"


def test_the_same_event_five_times_gives_one_appeal_and_one_message(stack: Stack, probe: MessageProbe) -> None:
    results = [stack.deps.ingest.receive(incoming(), TOWN) for _ in range(5)]

    assert [r.created for r in results] == [True, False, False, False, False]
    assert len({r.appeal_id for r in results}) == 1
    assert len(stack.deps.appeals.recent(10)) == 1
    assert len(probe.collect(expected=1, settle_seconds=1.5)) == 1


def test_ten_concurrent_deliveries_give_one_appeal_and_one_message(stack: Stack, probe: MessageProbe) -> None:
    message = incoming()
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: stack.deps.ingest.receive(message, TOWN), range(10)))

    assert sum(r.created for r in results) == 1
    assert len(stack.deps.appeals.recent(20)) == 1
    assert len(probe.collect(expected=1, settle_seconds=1.5)) == 1


def test_distinct_events_give_distinct_appeals(stack: Stack) -> None:
    ids = {stack.deps.ingest.receive(incoming(message_id=n), TOWN).appeal_id for n in range(3)}
    assert len(ids) == 3 and len(stack.deps.appeals.recent(10)) == 3


def _ingest_publishing_to(stack: Stack, topic: str) -> IngestService:
    """The ingest service with appeal.received sent to another topic: one that does not exist makes publishing
    fail for real."""
    publisher = PubSubPublisher(publisher_client, stack.settings.project_id, timeout_seconds=5)
    topics = stack.settings.topics.model_copy(update={"prefix": "", "appeal_received": topic})
    return IngestService(stack.deps.appeals, OutboxRelay(stack.deps.appeals, publisher, topics), utc_now)


def test_a_failed_publish_leaves_the_appeal_and_its_message_stored_and_the_sweep_publishes_it(stack: Stack) -> None:
    topic = f"{stack.settings.topics.prefix}late-{datetime.now(UTC):%H%M%S%f}"
    ingest = _ingest_publishing_to(stack, topic)

    result = ingest.receive(incoming(), TOWN)

    assert result.created
    (left,) = stack.deps.appeals.pending_messages(result.appeal_id)
    assert (left.topic, left.body["appeal_id"]) == ("appeal_received", result.appeal_id)

    client = stack.deps.publisher._client
    client.create_topic(name=client.topic_path(stack.settings.project_id, topic))
    late_probe = MessageProbe(stack.settings.project_id, topic, f"{topic}-probe")
    relay = OutboxRelay(stack.deps.appeals, stack.deps.publisher,
                        stack.settings.topics.model_copy(update={"prefix": "", "appeal_received": topic}))
    try:
        assert relay.flush_stale(utc_now() - timedelta(minutes=1), limit=10) == 0, "a message under a minute old waits"
        assert relay.flush_stale(utc_now() + timedelta(minutes=1), limit=10) == 1
        (message,) = late_probe.collect(expected=1)
        assert AppealReceived.model_validate_json(message.data).appeal_id == result.appeal_id
        assert stack.deps.appeals.pending_messages(result.appeal_id) == []
    finally:
        late_probe.close()


def test_a_redelivery_changes_nothing_and_publishes_nothing(stack: Stack, probe: MessageProbe) -> None:
    failing = _ingest_publishing_to(stack, f"{stack.settings.topics.prefix}missing-topic")
    first = failing.receive(incoming(), TOWN)

    redelivered = stack.deps.ingest.receive(incoming(), TOWN)

    assert first.created and not redelivered.created
    assert probe.collect(expected=0, settle_seconds=1) == []
    assert len(stack.deps.appeals.pending_messages(first.appeal_id)) == 1, "still the sweep's to publish"


def test_an_edit_replaces_the_text_once_and_is_kept_in_history(stack: Stack) -> None:
    created = stack.deps.ingest.receive(incoming(), TOWN)
    event_id = telegram.message_event_id(482913774, 211)
    edited_at = datetime(2025, 1, 1, 11, 5, tzinfo=UTC)

    for _ in range(2):
        assert stack.deps.ingest.edit(Channel.TELEGRAM, "yuzhno", event_id, "новый текст", edited_at)

    appeal = stack.deps.appeals.get(created.appeal_id)
    assert appeal is not None and appeal.text == "новый текст"
    assert [h.action for h in appeal.history] == ["received", "text_edited"]
    assert not stack.deps.ingest.edit(Channel.TELEGRAM, "yuzhno", "1:999", "x", edited_at)


def test_appeal_ids_are_derived_from_platform_account_and_event() -> None:
    a = appeal_id_for(Channel.TELEGRAM, "yuzhno", "1:2")
    assert a == appeal_id_for(Channel.TELEGRAM, "yuzhno", "1:2")
    assert a != appeal_id_for(Channel.TELEGRAM, "kholmsk", "1:2")
    assert a != appeal_id_for(Channel.MAX, "yuzhno", "1:2")


def test_topics_can_be_created_twice(stack: Stack) -> None:
    ensure_topics(stack.settings)
