"""A resident's messages in one chat against the emulators: follow-ups about the same problem join the open appeal
however many there are, another problem opens an appeal of its own linked to the first, and an edit changes the
edited message's own text (and routes an unanswered appeal again when its problem changed)."""
from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import requests

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.principals import Role
from otklik.messages import AppealReceived
from otklik.platforms.events import NewMessage
from otklik.platforms.telegram import webhook as telegram
from otklik.services.routing import RouteOutcome
from tests.conftest import Stack, seed_towns
from tests.integration.test_routing import TG, answer, not_received, telegram_message
from tests.support import TOWN, payload, wait_for

_message_ids = itertools.count(200_000)


def received(stack: Stack, text: str, chat_id: int) -> AppealReceived:
    """A resident's Telegram message stored as the webhook stores it, and the message routing then gets."""
    data = payload("telegram", "update_message_text")
    message_id = next(_message_ids)
    data["message"] |= {"message_id": message_id, "text": text, "chat": {"id": chat_id, "type": "private"},
                        "from": data["message"]["from"] | {"id": chat_id}}
    event = telegram.interpret(telegram.Update.model_validate(data), account="yuzhno", bot_username=None,
                               bot_user_id=None)
    assert isinstance(event, NewMessage)
    stored = stack.deps.ingest.receive(event.message, TOWN)
    appeal = stack.deps.appeals.get(stored.appeal_id)
    assert appeal is not None
    return AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                          received_at=appeal.received_at)


def routed(stack: Stack, text: str, chat_id: int) -> tuple[RouteOutcome, Appeal]:
    message = received(stack, text, chat_id)
    outcome = stack.deps.routing.handle(message)
    appeal = stack.deps.appeals.get(message.appeal_id)
    assert appeal is not None
    return outcome, appeal


def edit(stack: Stack, appeal: Appeal, text: str) -> None:
    assert stack.deps.ingest.edit(Channel.TELEGRAM, "yuzhno", appeal.source.event_id, text, datetime.now(UTC))


def current(stack: Stack, appeal: Appeal) -> Appeal:
    found = stack.deps.appeals.get(appeal.id)
    assert found is not None
    return found


def test_every_follow_up_joins_the_open_appeal_whatever_their_number(stack: Stack) -> None:
    seed_towns(stack)
    _, first = routed(stack, "Не горит фонарь у дома 5 по ул. Мира", chat_id=501)
    follow_ups = ["И у дома 7 тоже темно", "вот фото", "когда починят?", "📷", "уже неделю так", "и ещё фото",
                  "Сколько можно ждать?"]
    for text in follow_ups:
        outcome, record = routed(stack, text, chat_id=501)
        assert (outcome, record.status, record.merged_into) == (RouteOutcome.FOLDED, Status.MERGED, first.id)
    appeal = current(stack, first)
    assert appeal.follow_up_count == len(follow_ups) == len(appeal.follow_ups)
    assert appeal.text.startswith("Не горит фонарь у дома 5 по ул. Мира\n\nИ у дома 7 тоже темно")
    assert appeal.text.endswith("Сколько можно ждать?")


def test_a_message_about_another_problem_opens_its_own_appeal_linked_to_the_first(stack: Stack) -> None:
    seed_towns(stack)
    _, waste = routed(stack, "Во дворе дома 12 по ул. Ленина третью неделю не вывозят мусор", chat_id=502)
    outcome, water = routed(stack, "В подвале прорвало трубу, всё заливает", chat_id=502)

    assert outcome is RouteOutcome.ROUTED
    assert (water.status, water.category, water.department) == (Status.ROUTED, "water", "housing_utilities")
    assert water.related_appeals == (waste.id,)
    first = current(stack, waste)
    assert (first.category, first.department, first.related_appeals) == ("waste", "ecology", (water.id,))
    assert first.follow_ups == () and "трубу" not in first.text
    # What continues either goes to the one it is about.
    _, about_waste = routed(stack, "Мусор так и не вывезли", chat_id=502)
    _, progress = routed(stack, "Когда починят?", chat_id=502)
    assert (about_waste.merged_into, progress.merged_into) == (waste.id, water.id)


def test_an_edit_of_the_first_message_keeps_the_follow_ups(stack: Stack) -> None:
    seed_towns(stack)
    _, first = routed(stack, "Яма на дороге у дома 3", chat_id=503)
    routed(stack, "вот фото", chat_id=503)
    routed(stack, "колесо пробил", chat_id=503)

    edit(stack, first, "Яма на дороге у дома 3 по ул. Садовой")

    appeal = current(stack, first)
    assert appeal.text == "Яма на дороге у дома 3 по ул. Садовой\n\nвот фото\n\nколесо пробил"
    assert [h.action for h in appeal.history][-1] == "text_edited"
    assert len(appeal.follow_ups) == 2


def test_an_edit_of_a_follow_up_changes_its_own_record_and_its_part_of_the_appeal(stack: Stack) -> None:
    seed_towns(stack)
    _, first = routed(stack, "Яма на дороге у дома 3", chat_id=504)
    _, photo = routed(stack, "вот фото", chat_id=504)
    _, question = routed(stack, "когда почнят?", chat_id=504)

    edit(stack, question, "когда починят?")

    assert current(stack, question).text == "когда починят?"
    appeal = current(stack, first)
    assert appeal.text == "Яма на дороге у дома 3\n\nвот фото\n\nкогда починят?"
    assert appeal.history[-1].action == "follow_up_edited"
    assert current(stack, photo).text == "вот фото"


def test_an_edit_that_changes_the_problem_routes_an_unanswered_appeal_again(stack: Stack) -> None:
    seed_towns(stack)
    _, appeal = routed(stack, "Во дворе не вывозят мусор", chat_id=505)
    probe = stack.probe("appeal_received")
    try:
        edit(stack, appeal, "В подвале прорвало трубу, всё заливает")
        (again,) = probe.collect(expected=1)
    finally:
        probe.close()

    assert stack.deps.routing.handle(AppealReceived.model_validate_json(again.data)) is RouteOutcome.REROUTED
    moved = current(stack, appeal)
    assert (moved.status, moved.category, moved.department) == (Status.ROUTED, "water", "housing_utilities")
    assert [h.action for h in moved.history] == ["received", "routed", "text_edited", "routed"]
    assert stack.deps.routing.handle(AppealReceived.model_validate_json(again.data)) is RouteOutcome.ALREADY_HANDLED


def test_an_edit_of_an_answered_appeal_changes_its_text_only(stack: Stack) -> None:
    seed_towns(stack)
    _, appeal = routed(stack, "Во дворе не вывозят мусор", chat_id=506)
    answer(stack, appeal.id)
    probe = stack.probe("appeal_received")
    try:
        edit(stack, appeal, "В подвале прорвало трубу, всё заливает")
        assert probe.collect(expected=0, settle_seconds=1.0) == []
    finally:
        probe.close()
    edited = current(stack, appeal)
    assert (edited.text, edited.category, edited.status) == ("В подвале прорвало трубу, всё заливает", "waste",
                                                            Status.ANSWERED)


def test_through_the_webhooks_another_problem_is_linked_and_an_edit_reroutes(wired: Stack,
                                                                             functions_server: str) -> None:
    waste = telegram_message(functions_server, "Во дворе дома 12 не вывозят мусор", chat_id=507)
    wait_for(wired, waste, not_received)
    water = telegram_message(functions_server, "В подвале прорвало трубу, всё заливает", chat_id=507)
    assert wait_for(wired, water, not_received).related_appeals == (waste,)
    _, key = wired.deps.api_keys.issue(Role.OPERATOR, (TOWN,), name="test operator")
    shown = requests.get(f"{functions_server}/operator_api/appeals/{waste}", headers={"Authorization": f"Bearer {key}"},
                         timeout=30, allow_redirects=False)
    assert shown.json()["related_appeals"] == [water], "operators see the resident's other appeal"

    edited: dict[str, Any] = payload("telegram", "update_edited_message")
    stored = wired.deps.appeals.get(waste)
    assert stored is not None and stored.source.message_id is not None
    edited["edited_message"] |= {"message_id": int(stored.source.message_id), "chat": {"id": 507, "type": "private"},
                                 "text": "Во дворе прорвало трубу, всё заливает"}
    response = requests.post(f"{functions_server}/telegram_webhook/yuzhno", data=json.dumps(edited).encode(),
                             headers=TG, timeout=30, allow_redirects=False)
    assert response.status_code == 200
    moved = wait_for(wired, waste, lambda a: a.category == "water")
    assert (moved.department, moved.history[-1].action) == ("housing_utilities", "routed")
    assert appeal_id_for(Channel.TELEGRAM, "yuzhno", stored.source.event_id) == waste
