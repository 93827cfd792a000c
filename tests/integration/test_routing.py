"""route_appeal against the emulators, triggered through push subscriptions as in the cloud."""
from __future__ import annotations

import base64
import json
import time
from datetime import timedelta
from typing import Any

import requests

from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status
from otklik.messages import AppealReceived, AppealRouted
from otklik.services.events import write
from otklik.services.ports import AppealWrite
from tests.conftest import Stack, seed_towns
from tests.support import SECRETS, TOWN, payload, wait_for

TG = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"], "Content-Type": "application/json"}
_message_ids = iter(range(5000, 100000))


def telegram_message(base: str, text: str, chat_id: int = 482913774) -> str:
    """Posts a resident's Telegram message to the webhook; returns the id of the appeal it creates."""
    from otklik.domain.ids import appeal_id_for
    from otklik.domain.model import Channel

    data = payload("telegram", "update_message_text")
    message_id = next(_message_ids)
    data["update_id"] = message_id
    data["message"] |= {"message_id": message_id, "text": text, "chat": {"id": chat_id, "type": "private"}}
    response = requests.post(f"{base}/telegram_webhook/yuzhno", data=json.dumps(data).encode(), headers=TG, timeout=30,
                             allow_redirects=False)
    assert response.status_code == 200, response.text
    return appeal_id_for(Channel.TELEGRAM, "yuzhno", f"{chat_id}:{message_id}")


def not_received(appeal: Appeal) -> bool:
    return appeal.status is not Status.RECEIVED


def test_a_webhook_message_is_routed_through_the_push_subscription(wired: Stack, functions_server: str) -> None:
    probe = wired.probe("appeal_routed")
    try:
        started = time.monotonic()
        appeal_id = telegram_message(functions_server, "Во дворе дома 12 по ул. Ленина третью неделю не вывозят мусор")
        appeal = wait_for(wired, appeal_id, not_received)
        elapsed = time.monotonic() - started

        assert appeal.status is Status.ROUTED
        assert (appeal.category, appeal.department) == ("waste", "ecology")
        assert appeal.due_at == appeal.received_at + timedelta(hours=12)
        assert appeal.classification_reasons
        assert [h.action for h in appeal.history] == ["received", "routed"]
        (message,) = probe.collect(expected=1)
        assert dict(message.attributes) == {"municipality": TOWN, "department": "ecology", "category": "waste",
                                            "status": "routed", "appeal_id": appeal_id, "first_routing": "true"}
        assert AppealRouted.model_validate_json(message.data).due_at == appeal.due_at
        assert wired.deps.appeals.pending_messages(appeal_id) == [], "every message published and cleared"
        assert elapsed < 5, f"routing took {elapsed:.2f} s"
    finally:
        probe.close()


def test_routed_appeals_end_up_in_an_incident_through_group_appeals_push_subscription(
        wired: Stack, functions_server: str) -> None:
    first = telegram_message(functions_server, "Нет воды с утра, ул. Лучистая 12", chat_id=482913001)
    wait_for(wired, first, not_received)
    second = telegram_message(functions_server, "Лучистая 4, воды нет, что случилось?", chat_id=482913002)

    grouped = wait_for(wired, second, lambda appeal: appeal.incident_id is not None)

    assert grouped.status is Status.ROUTED and "street:лучист" in grouped.place_keys, "routed and located first"
    first_appeal = wired.deps.appeals.get(first)
    assert first_appeal is not None and first_appeal.incident_id == grouped.incident_id
    incident = wired.deps.incidents.get(grouped.incident_id or "")
    # Each routed appeal's group_appeal runs on its own push: whichever comes second starts the incident with the other.
    assert incident is not None and set(incident.member_ids) == {first, second}
    assert grouped.history[-1].action is HistoryAction.INCIDENT_JOINED
    assert first_appeal.history[-1].action is HistoryAction.INCIDENT_JOINED


def push_body(body: bytes, message_id: str = "1") -> dict[str, Any]:
    return {"message": {"data": base64.b64encode(body).decode(), "messageId": message_id, "attributes": {}},
            "subscription": "projects/p/subscriptions/s"}


def deliver(base: str, stack: Stack, body: dict[str, Any]) -> requests.Response:
    topic = stack.settings.topics.name(stack.settings.topics.appeal_received)
    return requests.post(f"{base}/route_appeal/projects/{stack.settings.project_id}/topics/{topic}",
                         json=body, timeout=30, allow_redirects=False)


def stored_received(stack: Stack, text: str) -> AppealReceived:
    from otklik.platforms.events import NewMessage
    from otklik.platforms.telegram import webhook as telegram

    data = payload("telegram", "update_message_text")
    data["message"]["text"] = text
    event = telegram.interpret(telegram.Update.model_validate(data), account="yuzhno", bot_username=None,
                               bot_user_id=None)
    assert isinstance(event, NewMessage)
    received = stack.deps.ingest.receive(event.message, TOWN)
    appeal = stack.deps.appeals.get(received.appeal_id)
    assert appeal is not None
    return AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                          received_at=appeal.received_at)


def test_the_same_message_delivered_twice_routes_once_and_publishes_once(stack: Stack, functions_server: str) -> None:
    seed_towns(stack)
    message = stored_received(stack, "Яма на дороге по ул. Садовой, колесо пробил")
    probe = stack.probe("appeal_routed")
    try:
        for attempt in range(2):
            assert deliver(functions_server, stack, push_body(message.model_dump_json().encode(), str(attempt))).ok
        appeal = stack.deps.appeals.get(message.appeal_id)
        assert appeal is not None and appeal.status is Status.ROUTED and appeal.category == "roads"
        assert [h.action for h in appeal.history] == ["received", "routed"]
        assert len(probe.collect(expected=1, settle_seconds=1.5)) == 1
    finally:
        probe.close()


def test_a_redelivery_publishes_what_the_first_attempt_stored_but_did_not_publish(stack: Stack) -> None:
    seed_towns(stack)
    message = stored_received(stack, "Нет горячей воды третий день")
    stack.deps.routing.handle(message)
    stored = stack.deps.appeals.get(message.appeal_id)
    assert stored is not None
    # As if the function died between the transaction and the publish: the outbox holds the message again.
    before_routing = stored.model_copy(update={"history": stored.history[:1], "status": Status.RECEIVED})
    stack.deps.appeals.transact([stored.id], lambda current: [write(before_routing, stored)])
    probe = stack.probe("appeal_routed")
    try:
        stack.deps.routing.handle(message)
        (republished,) = probe.collect(expected=1)
        assert AppealRouted.model_validate_json(republished.data).category == "heating"
        assert stack.deps.appeals.pending_messages(stored.id) == []
        after = stack.deps.appeals.get(stored.id)
        assert after is not None and after.history == stored.history
    finally:
        probe.close()


def test_poison_messages_are_acknowledged_and_change_nothing(stack: Stack, functions_server: str) -> None:
    seed_towns(stack)
    message = stored_received(stack, "Яма на дороге")
    before = stack.deps.appeals.get(message.appeal_id)
    unknown = message.model_copy(update={"appeal_id": "tg-000000000000000000000000"})
    for body in (push_body(b"not json at all"), push_body(b'{"appeal_id": 5}'),
                 {"message": {"data": "%%%not-base64", "messageId": "9"}, "subscription": "s"},
                 push_body(unknown.model_dump_json().encode())):
        assert deliver(functions_server, stack, body).status_code == 200
    assert stack.deps.appeals.get(message.appeal_id) == before
    assert stack.deps.appeals.get(unknown.appeal_id) is None


def test_a_follow_up_in_the_same_chat_is_added_to_the_open_appeal(wired: Stack, functions_server: str) -> None:
    first = telegram_message(functions_server, "Не горит фонарь у дома 5 по ул. Мира")
    wait_for(wired, first, not_received)
    second = telegram_message(functions_server, "И у дома 7 тоже темно")

    merged = wait_for(wired, second, not_received)
    assert merged.status is Status.MERGED and merged.merged_into == first
    appeal = wait_for(wired, first, lambda a: bool(a.follow_ups))
    assert appeal.text.endswith("И у дома 7 тоже темно")
    assert appeal.follow_ups == (second,)
    assert [h.action for h in appeal.history][-1] == "follow_up"
    other_chat = telegram_message(functions_server, "Не горит фонарь у дома 9", chat_id=111)
    assert wait_for(wired, other_chat, not_received).status is Status.ROUTED


def answer(stack: Stack, appeal_id: str) -> None:
    def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
        appeal = current[appeal_id]
        assert appeal is not None
        entry = HistoryEntry(at=appeal.received_at + timedelta(hours=1), actor="test:operator",
                             action=HistoryAction.ANSWERED_FINAL)
        return [AppealWrite(appeal.changed(Status.ANSWERED, entry))]

    stack.deps.appeals.transact([appeal_id], change)


def test_thanks_after_an_answer_resolves_and_not_solved_reopens(wired: Stack, functions_server: str) -> None:
    resolved = telegram_message(functions_server, "Яма на дороге у школы", chat_id=201)
    wait_for(wired, resolved, not_received)
    answer(wired, resolved)
    telegram_message(functions_server, "Спасибо, всё сделали!", chat_id=201)
    assert wait_for(wired, resolved, lambda a: a.status is Status.RESOLVED).history[-1].action == "follow_up"

    reopened = telegram_message(functions_server, "Нет воды в доме 3 по ул. Победы", chat_id=202)
    first_due = wait_for(wired, reopened, not_received).due_at
    answer(wired, reopened)
    telegram_message(functions_server, "не решено, воды до сих пор нет", chat_id=202)
    appeal = wait_for(wired, reopened, lambda a: a.reopen_count == 1)
    assert appeal.status is Status.ROUTED
    assert appeal.due_at is not None and first_due is not None and appeal.due_at > first_due


def test_regional_matters_are_handed_to_the_regional_centre_and_others_are_not(
        wired: Stack, functions_server: str) -> None:
    clinic = telegram_message(functions_server, "В поликлинике №2 невозможно записаться к терапевту", chat_id=301)
    road = telegram_message(functions_server, "Яма на дороге на ул. Ленина", chat_id=302)

    handed = wait_for(wired, clinic, lambda a: any(h.action == "handed_to_regional" for h in a.history))
    assert handed.department == "regional"
    time.sleep(1.0)
    assert not any(h.action == "handed_to_regional" for h in wait_for(wired, road, not_received).history)


def test_a_text_edited_while_routing_is_classified_as_edited(stack: Stack) -> None:
    from datetime import UTC, datetime

    from otklik.domain.classification import Classification, classify
    from otklik.domain.model import Channel
    from otklik.services.routing import RoutingService

    seed_towns(stack)
    message = stored_received(stack, "Нет горячей воды третий день")
    classified: list[str] = []

    def classify_while_the_resident_edits(text: str) -> Classification:
        if not classified:  # the resident edits after routing read the appeal, before its transaction
            stored = stack.deps.appeals.get(message.appeal_id)
            assert stored is not None
            assert stack.deps.ingest.edit(Channel.TELEGRAM, "yuzhno", stored.source.event_id,
                                          "На дороге огромная яма", datetime.now(UTC))
        classified.append(text)
        return classify(text)

    routing = RoutingService(stack.deps.appeals, stack.deps.appeals, stack.deps.towns, stack.deps.outbox,
                             lambda: datetime.now(UTC),
                             classify_while_the_resident_edits)
    routing.handle(message)

    routed = stack.deps.appeals.get(message.appeal_id)
    assert routed is not None and routed.category == "roads"
    assert classified == ["Нет горячей воды третий день", "На дороге огромная яма"]


def test_the_first_message_starts_preparing_the_classifier_on_a_thread_once(stack: Stack) -> None:
    import threading
    from datetime import UTC, datetime

    from otklik.services.preparation import THREAD_NAME, Preparation
    from otklik.services.routing import RouteOutcome, RoutingService

    prepared_on: list[str] = []
    done = threading.Event()

    def prepare(town: str) -> None:
        prepared_on.append(f"{threading.current_thread().name} {town}")
        done.set()

    routing = RoutingService(stack.deps.appeals, stack.deps.appeals, stack.deps.towns, stack.deps.outbox,
                             lambda: datetime.now(UTC),
                             preparation=Preparation([prepare]))
    unknown = AppealReceived(appeal_id="tg-unknown", municipality=TOWN, channel="telegram",
                             received_at=datetime.now(UTC))
    assert routing.handle(unknown) is RouteOutcome.UNKNOWN_APPEAL
    assert routing.handle(unknown) is RouteOutcome.UNKNOWN_APPEAL
    assert done.wait(10)
    time.sleep(0.1)
    assert prepared_on == [f"{THREAD_NAME} {TOWN}"]
