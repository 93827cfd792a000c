"""One answer to an incident reaches every member's resident in their own thread, once each, on the emulators with
every function served and wired as in the cloud: operator_api commits the answer with the first page of members,
fan_out_incident the next pages, deliver_reply each member's reply (a Telegram 429 in the middle waited out by
Pub/Sub's backoff). A fan-out message delivered again sends nothing twice."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import requests

from otklik.devstack.fake_server import SentMessage
from otklik.domain.incidents.model import Incident, Reason, applied, incident_id_for, start
from otklik.domain.model import Appeal, Channel, DeliveryStatus, SourceKind, Status
from otklik.domain.principals import Role
from otklik.messages import IncidentFanOut
from otklik.platforms.telegram.fake import telegram_error
from otklik.services.ports import AppealWrite, IncidentWrite
from tests.builders import an_appeal, routed
from tests.conftest import Stack
from tests.support import TOWN, eventually

TELEGRAM_MEMBERS = 200
VK_MEMBERS = 100
ANSWER = "Водоснабжение на ул. Ленина восстановлено"


def members(now: datetime) -> list[Appeal]:
    telegram = [an_appeal(f"Нет воды в доме {n} по ул. Ленина", channel=Channel.TELEGRAM, account="yuzhno",
                          received_at=now, number=700_000 + n) for n in range(TELEGRAM_MEMBERS)]
    vk = [an_appeal(f"Нет воды, Ленина {n}", channel=Channel.VK, account="218734512", received_at=now,
                    kind=SourceKind.PRIVATE_MESSAGE, number=800_000 + n) for n in range(VK_MEMBERS)]
    return [routed(a, category="water", department="housing_utilities", at=now,
                   due_at=now + timedelta(days=1)) for a in telegram + vk]


def stored_incident(stack: Stack, appeals: list[Appeal], now: datetime) -> Incident:
    """The 300 appeals grouped as the grouping step groups them, stored as a test's starting state."""
    change = start(incident_id_for(appeals[0].id), appeals, Reason("одна авария на ул. Ленина"), now)
    by_id = {a.id: a for a in appeals}
    for member in change.members:
        assert stack.deps.appeals.add(AppealWrite(applied(by_id[member.appeal_id], member)))
    stack.deps.incidents.transact([change.incident.id], [],
                                  lambda found, _: IncidentWrite(incidents=(change.incident,)))
    return change.incident


def sent_to(messages: list[SentMessage]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in messages:
        counts[message.target] = counts.get(message.target, 0) + 1
    return counts


def test_one_answer_to_a_300_member_incident_delivers_300_replies_once_each_through_a_telegram_429(
        wired: Stack, functions_server: str) -> None:
    now = datetime.now(UTC) - timedelta(hours=1)
    appeals = members(now)
    incident = stored_incident(wired, appeals, now)
    telegram, vk = wired.platforms["telegram"], wired.platforms["vk"]
    # In the middle of the replies Telegram says "Too Many Requests" three times, retry after a second.
    telegram.fail_next("sendMessage", times=3, after=TELEGRAM_MEMBERS // 2,
                       error=telegram_error(429, "Too Many Requests: retry after 1", 1))
    fan_outs = wired.probe("incident_fan_out")
    _, key = wired.deps.api_keys.issue(Role.DEPARTMENT, (TOWN,), "housing_utilities")

    response = requests.post(f"{functions_server}/operator_api/incidents/{incident.id}/answer",
                             json={"kind": "final", "text": ANSWER}, headers={"Authorization": f"Bearer {key}",
                                                                              "Idempotency-Key": "answer-1"},
                             timeout=60, allow_redirects=False)

    assert response.status_code == 200, response.text
    (answer,) = response.json()["incident_answers"]

    def every_member_delivered() -> list[Appeal] | None:
        found = wired.deps.appeal_feed.by_ids([a.id for a in appeals])
        done = [a for a in found if a.answers and a.answers[-1].delivery.status is DeliveryStatus.DELIVERED]
        return found if len(done) == len(appeals) else None

    final = eventually(every_member_delivered, timeout=180, interval=1, what="every member's reply delivered")
    assert all(a.status is Status.ANSWERED and [x.id for x in a.answers] == [answer["id"]] for a in final)
    telegram_sent = [m for m in telegram.sent if m.text == ANSWER]
    vk_sent = [m for m in vk.sent if m.text == ANSWER]
    assert (len(telegram_sent), len(vk_sent)) == (TELEGRAM_MEMBERS, VK_MEMBERS)
    assert set(sent_to(telegram_sent).values()) == {1} and set(sent_to(vk_sent).values()) == {1}
    assert not telegram.duplicates and not vk.duplicates
    # The three members Telegram refused at first were sent on a later attempt.
    assert sum(a.answers[-1].delivery.attempts - 1 for a in final) >= 3

    # The operator sees each member's delivery.
    view = requests.get(f"{functions_server}/operator_api/incidents/{incident.id}",
                        headers={"Authorization": f"Bearer {key}"}, timeout=30).json()
    assert len(view["members"]) == 300
    assert {d["status"] for m in view["members"] for d in m["deliveries"]} == {"delivered"}

    # Every fan-out message delivered again: no member changes, no reply is requested again.
    published = fan_outs.collect(expected=3)
    fan_outs.close()
    assert len(published) == 3  # pages 2, 3 and 4 (80 members a page)
    replies = wired.probe("reply_requested")
    try:
        for message in published:
            result = wired.deps.incident_work.fan_out(IncidentFanOut.model_validate(json.loads(message.data)))
            assert result.changed == 0
        assert replies.collect(expected=0, settle_seconds=2, timeout=3) == []
    finally:
        replies.close()
    assert len([m for m in telegram.sent if m.text == ANSWER]) == TELEGRAM_MEMBERS


def test_operators_group_by_hand_and_list_incidents_a_department_seeing_its_own(
        stack: Stack, functions_server: str) -> None:
    from tests.conftest import seed_towns

    seed_towns(stack)
    now = datetime.now(UTC)
    selected = members(now)[:3]
    for appeal in selected:
        stack.deps.appeals.add(AppealWrite(appeal))
    _, operator = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))
    _, housing = stack.deps.api_keys.issue(Role.DEPARTMENT, (TOWN,), "housing_utilities")
    _, ecology = stack.deps.api_keys.issue(Role.DEPARTMENT, (TOWN,), "ecology")
    api = f"{functions_server}/operator_api"

    def call(method: str, path: str, key: str, body: object = None) -> requests.Response:
        return requests.request(method, f"{api}{path}", json=body, headers={"Authorization": f"Bearer {key}"},
                                timeout=30, allow_redirects=False)

    created = call("POST", "/incidents", operator, {"appeal_ids": [a.id for a in selected[:2]],
                                                    "reason": "одна авария на Ленина"})
    assert created.status_code == 201, created.text
    incident_id = created.json()["id"]
    added = call("POST", f"/incidents/{incident_id}/add_member", operator,
                 {"appeal_id": selected[2].id, "reason": "тот же дом"})
    assert added.status_code == 200 and added.json()["member_count"] == 3
    assert call("POST", f"/incidents/{incident_id}/add_member", housing,
                {"appeal_id": selected[2].id, "reason": "x"}).status_code == 403

    listed = call("GET", "/incidents", housing).json()["incidents"]
    assert [(i["id"], i["member_count"], i["channels"]) for i in listed] == [(incident_id, 3, {"telegram": 3})]
    assert call("GET", "/incidents", ecology).json()["incidents"] == []
    assert call("GET", f"/incidents/{incident_id}", ecology).status_code == 404
    assert call("POST", f"/incidents/{incident_id}/resolve", operator, {}).status_code == 409
    assert call("POST", f"/incidents/{incident_id}/fly", operator, {}).status_code == 404
    assert call("GET", "/incidents/in-000000000000000000000000", operator).json()["error"] == "not_found"
