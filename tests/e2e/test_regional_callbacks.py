"""Callbacks to the regional centre: published on the appeal's events, pushed to deliver_regional_callback,
signed, POSTed to the fake regional centre, retried after failures and recorded on the appeal."""
from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests

from otklik.devstack.emulators import free_port
from otklik.devstack.fake_regional import FakeRegionalCentre
from otklik.domain import actions
from otklik.domain.followups import reopen
from otklik.domain.model import AnswerKind, Appeal, HistoryEntry, Status
from otklik.messages import RegionalCallback
from otklik.services.events import outbox_messages
from otklik.services.regional_callbacks import CallbackNotDelivered
from otklik.services.regional_intake import regional_appeal_id
from tests.conftest import Stack
from tests.integration.test_routing import telegram_message
from tests.regional_support import (
    CLIENT,
    NORTH,
    OPERATOR,
    answer,
    appeal_body,
    call,
    change,
    fake_regional_server,
    regional,
    regional_client,
    resolve,
    routed,
    wait_for,
)
from tests.support import OTHER_TOWN, TOWN

__all__ = ["fake_regional_server", "regional"]  # fixtures


def callbacks_recorded(appeal: Appeal) -> list[tuple[str, str, object, object]]:
    return [(e.action, e.details["event_type"], e.details["status_code"], e.details["attempt"])
            for e in appeal.history if e.action.startswith("callback_")]


def delivered(count: int):  # type: ignore[no-untyped-def]
    return lambda appeal: sum(e.action == "callback_delivered" for e in appeal.history) >= count


def handed_down_and_routed(stack: Stack, base: str) -> str:
    assert call(base, "POST", "/appeals", appeal_body()).status_code == 201
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    wait_for(stack, appeal_id, routed)
    return appeal_id


def test_a_callback_is_delivered_after_a_failing_first_attempt_and_both_attempts_are_recorded(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    appeal_id = handed_down_and_routed(wired, functions_server)
    regional.fail_next(times=1, status=500)
    started = time.monotonic()

    change(wired, appeal_id, answer(AnswerKind.INTERMEDIATE, "Приняли в работу, отремонтируем до пятницы"))
    (event,) = regional.wait_for_events(1)
    elapsed = time.monotonic() - started

    assert (event["event_type"], event["client_id"], event["regional_id"], event["town"], event["appeal_id"]) == (
        "intermediate_answer", CLIENT, "R-1001", TOWN, appeal_id)
    assert event["data"]["text"] == "Приняли в работу, отремонтируем до пятницы"
    attempts = regional.received
    assert [(r.status, r.problem) for r in attempts] == [(500, None), (200, None)]  # both correctly signed
    assert attempts[0].event_id == attempts[1].event_id == event["event_id"]
    appeal = wait_for(wired, appeal_id, delivered(1))
    assert callbacks_recorded(appeal) == [("callback_failed", "intermediate_answer", 500, 1),
                                          ("callback_delivered", "intermediate_answer", 200, 2)]
    assert elapsed < 10, f"redelivery took {elapsed:.1f} s"


def test_every_event_of_a_regional_appeal_is_called_back_once_and_recorded(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    appeal_id = handed_down_and_routed(wired, functions_server)

    def escalate(appeal: Appeal, now: datetime) -> Appeal:
        assert appeal.due_at is not None
        entry = HistoryEntry(at=now, actor="system:deadlines", action="escalated",
                             details={"due_at": appeal.due_at.isoformat(), "notice": "escalated"})
        return appeal.with_entry(entry, overdue=True)

    def reopened(appeal: Appeal, now: datetime) -> Appeal:
        return reopen(appeal, now, now + timedelta(hours=12), "the resident says it is not solved", OPERATOR)

    steps = [answer(AnswerKind.INTERMEDIATE, "В работе", answer_id="ans-1"), escalate,
             answer(AnswerKind.FINAL, "Сделано", answer_id="ans-2"), reopened,
             answer(AnswerKind.FINAL, "Переделали", answer_id="ans-3"), resolve]
    for number, step in enumerate(steps, start=1):
        change(wired, appeal_id, step)
        regional.wait_for_events(number)  # in order: each waits for the one before

    assert [e["event_type"] for e in regional.events] == [
        "intermediate_answer", "escalated", "final_answer", "reopened", "final_answer", "resolved"]
    assert len({e["event_id"] for e in regional.events}) == 6
    appeal = wait_for(wired, appeal_id, delivered(6))
    assert [r[:2] for r in callbacks_recorded(appeal)] == [("callback_delivered", e["event_type"])
                                                           for e in regional.events]
    view = call(functions_server, "GET", "/appeals/R-1001").json()
    assert view["reopen_count"] == 1 and view["status"] == "resolved"
    assert sum(h["action"] == "callback_delivered" for h in view["history"]) == 6


def test_a_regional_appeal_the_town_rejects_is_called_back_with_the_reason(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body(category_hint="other")).status_code == 201
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    wait_for(wired, appeal_id, lambda a: a.status is Status.NEEDS_TRIAGE)

    change(wired, appeal_id, lambda a, now: actions.reject(a, OPERATOR, now, "не относится к ведению муниципалитета"))
    (event,) = regional.wait_for_events(1)

    assert (event["event_type"], event["status"]) == ("rejected", "rejected")
    assert event["data"]["reason"] == "не относится к ведению муниципалитета"
    wait_for(wired, appeal_id, delivered(1))


def test_a_callback_the_regional_centre_refuses_with_a_4xx_is_recorded_and_not_retried(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    appeal_id = handed_down_and_routed(wired, functions_server)
    regional.fail_next(times=1, status=410)

    change(wired, appeal_id, answer(AnswerKind.INTERMEDIATE, "В работе"))
    appeal = wait_for(wired, appeal_id, lambda a: any(e.action == "callback_rejected" for e in a.history))
    time.sleep(2.5)  # a retry would come about a second after the failed attempt

    assert [r.status for r in regional.received] == [410]
    assert callbacks_recorded(appeal) == [("callback_rejected", "intermediate_answer", 410, 1)]


def test_a_towns_own_appeal_handed_to_the_regional_department_is_called_back_to_every_client_granted_the_town(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    wired.deps.regional_clients.save(regional_client(NORTH, towns=(OTHER_TOWN, TOWN),
                                                     callback_url=regional.callback_url(NORTH)))
    wired.deps.regional_clients.save(regional_client("cur-retired", towns=(TOWN,),
                                                     callback_url=regional.callback_url("cur-retired"))
                                     .model_copy(update={"active": False}))
    appeal_id = telegram_message(functions_server, "Не могу записаться к врачу в поликлинику, талонов нет месяц")

    events = regional.wait_for_events(2)
    appeal = wait_for(wired, appeal_id, delivered(2))

    assert appeal.department == "regional" and appeal.category == "healthcare"
    assert sorted(e["client_id"] for e in events) == sorted([CLIENT, NORTH])
    assert {(e["event_type"], e["regional_id"], e["town"]) for e in events} == {("handed_over", None, TOWN)}
    assert events[0]["data"]["category"] == "healthcare"
    assert sorted(e.details["client_id"] for e in appeal.history if e.action == "callback_delivered") == sorted(
        [CLIENT, NORTH])
    assert {r.client_id for r in regional.received} == {CLIENT, NORTH}


def test_an_unreachable_callback_url_fails_the_delivery_so_it_is_retried(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    closed = f"http://127.0.0.1:{free_port()}/callbacks/{CLIENT}"
    stack.deps.regional_clients.save(regional_client(callback_url=closed))
    assert call(functions_server, "POST", "/appeals", appeal_body(town=OTHER_TOWN)).status_code == 201
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    stack.deps.routing.handle(_received(stack, appeal_id))
    before = stack.deps.appeals.get(appeal_id)
    after = change(stack, appeal_id, answer(AnswerKind.INTERMEDIATE, "В работе"))
    (message,) = [m for m in outbox_messages(before, after) if m.topic == "regional_callback"]
    callback = RegionalCallback.model_validate(message.body)

    with pytest.raises(CallbackNotDelivered):
        stack.deps.regional_callbacks.deliver(callback)
    stack.deps.regional_clients.save(regional_client(callback_url=regional.callback_url(CLIENT)))
    stack.deps.regional_callbacks.deliver(callback)
    stack.deps.regional_callbacks.deliver(callback)  # a redelivery after success sends nothing more

    appeal = stack.deps.appeals.get(appeal_id)
    assert appeal is not None
    recorded = [e.details for e in appeal.history if e.action.startswith("callback_")]
    assert [(d["status_code"], d["attempt"]) for d in recorded] == [(None, 1), (200, 2)]
    assert str(recorded[0]["problem"]).startswith("ConnectError")
    assert len(regional.received) == 1


def test_a_poison_callback_message_is_acknowledged(stack: Stack, functions_server: str) -> None:
    topic = stack.settings.topics.name(stack.settings.topics.regional_callback)
    for data in (b"not json", b'{"event_id": 1}'):
        body = {"message": {"data": base64.b64encode(data).decode(), "messageId": "1", "attributes": {}},
                "subscription": "s"}
        response = requests.post(f"{functions_server}/deliver_regional_callback/projects/{stack.settings.project_id}"
                                 f"/topics/{topic}", data=json.dumps(body), timeout=30, allow_redirects=False,
                                 headers={"Content-Type": "application/json"})
        assert response.status_code == 200


def _received(stack: Stack, appeal_id: str):  # type: ignore[no-untyped-def]
    from otklik.domain.model import Channel
    from otklik.messages import AppealReceived

    return AppealReceived(appeal_id=appeal_id, municipality=OTHER_TOWN, channel=Channel.REGIONAL,
                          received_at=datetime.now(UTC))
