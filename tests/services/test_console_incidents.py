"""Incidents in the operator console over the fakes: the queue's incident rows by deadline, a department's isolation
in the list and by URL, the incident page, and every action's form reaching IncidentWorkService (removing a member:
IncidentSelection) with the session's CSRF token."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image

from otklik.domain.incidents.model import Incident, IncidentStatus, Reason, incident_id_for, start
from otklik.domain.model import AnswerKind, Appeal, Channel, HistoryAction, Status
from tests.builders import an_appeal, routed
from tests.fakes import Clock, InMemoryAppeals, RecordingPublisher
from tests.services.console_support import Browser, ConsoleDeps, text


@pytest.fixture
def deps(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> ConsoleDeps:
    return ConsoleDeps(clock, appeals, published)


def signed_in(deps: ConsoleDeps, key: str) -> Browser:
    browser = Browser(deps)
    assert browser.sign_in(key).status_code == 303
    return browser


def grouped(deps: ConsoleDeps, members: list[Appeal]) -> Incident:
    """The appeals stored as one incident, as the grouping step stores them."""
    change = start(incident_id_for(members[0].id), members, Reason("одна улица"), members[0].received_at)
    deps.incidents.put(change.incident)
    by_id = {m.id: m for m in members}
    deps.appeals.put(*(by_id[e.appeal_id].with_entry(e.entry, incident_id=e.incident_id) for e in change.members))
    return change.incident


def roads(deps: ConsoleDeps, n: int, hours: float, channel: Channel = Channel.TELEGRAM) -> Incident:
    due = deps.clock() + timedelta(hours=hours)
    return grouped(deps, [routed(an_appeal(f"Яма на дороге у дома {i} по ул. Ленина", channel=channel),
                                 category="roads", department="city_economy", due_at=due) for i in range(n)])


def waste(deps: ConsoleDeps, n: int, hours: float) -> Incident:
    due = deps.clock() + timedelta(hours=hours)
    return grouped(deps, [routed(an_appeal(f"Мусор не вывозят у дома {i}"), category="waste", department="ecology",
                                 due_at=due) for i in range(n)])


def incident_ids(html: str) -> list[str]:
    return re.findall(r'data-incident-id="([^"]+)"', html)


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def members(deps: ConsoleDeps, incident: Incident) -> list[Appeal]:
    return [deps.appeals.current(i) for i in incident.member_ids]


# The queue


def test_the_queue_lists_open_incidents_above_the_appeals_by_deadline_with_time_left_and_member_count(
        deps: ConsoleDeps) -> None:
    later, sooner, overdue = roads(deps, 2, hours=30), waste(deps, 3, hours=3), roads(deps, 2, hours=-1)
    deps.incidents.put(roads(deps, 2, hours=1).model_copy(update={"status": IncidentStatus.RESOLVED}))

    for path in ("/", "/queue/rows"):  # the page and its polled rows
        html = text(signed_in(deps, "operator-key").get(path))
        assert incident_ids(html) == [overdue.id, sooner.id, later.id]
        assert html.index('data-testid="incident-row"') < html.index('data-testid="queue-row"')
    assert re.search(rf'class="incident-row tone-overdue"[^>]*data-incident-id="{overdue.id}"', html)
    assert re.search(rf'class="incident-row tone-on_time"[^>]*data-incident-id="{sooner.id}"', html)
    assert "Инцидент: 3 обращ." in html and "Отдел экологии и ТКО" in html and "Telegram 2" in html


def test_an_appeal_row_of_an_incident_links_to_it_and_so_does_its_page(deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    browser = signed_in(deps, "operator-key")
    html = text(browser.get("/"))
    assert html.count(f'href="/console/incidents/{incident.id}" data-testid="row-incident"') == 2
    page = text(browser.get(f"/appeals/{incident.member_ids[0]}"))
    assert f'href="/console/incidents/{incident.id}" data-testid="appeal-incident"' in page


def test_a_department_sees_only_its_own_incidents_in_the_queue_and_by_url(deps: ConsoleDeps) -> None:
    own, other = roads(deps, 2, hours=5), waste(deps, 2, hours=1)
    browser = signed_in(deps, "roads-key")
    assert incident_ids(text(browser.get("/?department=ecology"))) == [own.id]
    assert incident_ids(text(browser.get("/queue/rows"))) == [own.id]
    assert browser.get(f"/incidents/{own.id}").status_code == 200
    hidden = browser.get(f"/incidents/{other.id}")
    assert hidden.status_code == 404 and "Такого инцидента нет или он вам не виден." in text(hidden)
    refused = browser.post(f"/incidents/{other.id}/take")
    assert refused.status_code == 404 and deps.incidents.get(other.id).status is IncidentStatus.OPEN  # type: ignore[union-attr]
    assert browser.get("/incidents/not-an-id").status_code == 404


# The incident page


def test_the_incident_page_shows_members_with_channel_place_status_and_delivery_and_its_facts(
        deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    page = text(signed_in(deps, "operator-key").get(f"/incidents/{incident.id}"))
    for appeal_id in incident.member_ids:
        assert f'data-testid="member" data-appeal-id="{appeal_id}"' in page
        assert f'href="/console/appeals/{appeal_id}"' in page
    assert "Департамент городского хозяйства" in page and "Telegram: 2" in page
    assert "только с фотоотчётом" in page  # roads need a photo report: said before sending
    assert page.index('data-testid="photo-rule"') < page.index('data-testid="action-answer"')
    assert "ответа не было" in page


def test_a_department_takes_answers_in_between_and_finally_with_a_photo_every_member_gets_each_answer(
        deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    browser = signed_in(deps, "roads-key")
    browser.get(f"/incidents/{incident.id}")

    assert browser.post(f"/incidents/{incident.id}/take").status_code == 303
    assert {m.status for m in members(deps, incident)} == {Status.IN_PROGRESS}
    intermediate = browser.post(f"/incidents/{incident.id}/answer", {
        "kind": "intermediate", "text": "Ремонт запланирован", "planned_date": "2026-06-20"},
        content_type="multipart/form-data")
    assert intermediate.status_code == 303
    refused = browser.post(f"/incidents/{incident.id}/answer", {"kind": "final", "text": "Сделано", "photos": [
        (io.BytesIO(b""), "")]}, content_type="multipart/form-data")
    assert refused.status_code == 422 and "фотоотчёт" in text(refused)
    final = browser.post(f"/incidents/{incident.id}/answer", {"kind": "final", "text": "Яма заделана", "photos": [
        (io.BytesIO(photo()), "done.jpg")]}, content_type="multipart/form-data")
    assert final.status_code == 303 and final.headers["Location"].endswith("?done=answer")

    stored = deps.incidents.get(incident.id)
    assert stored is not None and stored.status is IncidentStatus.ANSWERED
    assert [a.kind for a in stored.work.answers] == [AnswerKind.INTERMEDIATE, AnswerKind.FINAL]
    for member in members(deps, incident):
        assert [a.text for a in member.answers] == ["Ремонт запланирован", "Яма заделана"]
        assert str(member.answers[0].planned_date) == "2026-06-20" and len(member.answers[1].photos) == 1
    page = text(browser.get(f"/incidents/{incident.id}?done=answer"))
    assert page.count('data-testid="member-delivery" data-status="pending"') == 4  # 2 members × 2 answers


def test_an_operator_assigns_notes_resolves_and_reopens_an_incident(deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    browser = signed_in(deps, "operator-key")
    browser.get(f"/incidents/{incident.id}")
    assert browser.post(f"/incidents/{incident.id}/assign", {"assignee": "Петров"}).status_code == 303
    assert browser.post(f"/incidents/{incident.id}/note", {"text": "Подрядчик извещён"}).status_code == 303
    assert browser.post(f"/incidents/{incident.id}/answer", {"kind": "final", "text": "Сделано", "photos": [
        (io.BytesIO(photo()), "p.jpg")]}, content_type="multipart/form-data").status_code == 303
    assert browser.post(f"/incidents/{incident.id}/resolve", {}).status_code == 303
    assert {m.status for m in members(deps, incident)} == {Status.RESOLVED}
    assert browser.post(f"/incidents/{incident.id}/reopen", {"reason": "Яма снова"}).status_code == 303

    stored = deps.incidents.get(incident.id)
    assert stored is not None and stored.status is IncidentStatus.OPEN and stored.work.assignee == "Петров"
    actions = [e.action for e in stored.history]
    assert [HistoryAction.ASSIGNED, HistoryAction.NOTE, HistoryAction.ANSWERED_FINAL, HistoryAction.RESOLVED,
            HistoryAction.REOPENED] == actions[-5:]
    assert {m.status for m in members(deps, incident)} == {Status.ROUTED}  # reopened with it
    assert browser.post(f"/incidents/{incident.id}/resolve", {}).status_code == 409  # not answered since


def test_an_operator_removes_a_member_which_goes_on_alone(deps: ConsoleDeps) -> None:
    incident = roads(deps, 3, hours=5)
    leaving = incident.member_ids[1]
    browser = signed_in(deps, "operator-key")
    page = text(browser.get(f"/incidents/{incident.id}"))
    assert 'data-testid="action-remove-member"' in page
    response = browser.post(f"/incidents/{incident.id}/remove_member", {"appeal_id": leaving, "reason": "другая улица"})
    assert response.status_code == 303
    stored = deps.incidents.get(incident.id)
    assert stored is not None and leaving not in stored.member_ids and len(stored.member_ids) == 2
    assert deps.appeals.current(leaving).incident_id is None


def test_an_operator_merges_another_incident_about_the_same_problem_into_this_one(deps: ConsoleDeps) -> None:
    kept, other, unrelated = roads(deps, 2, hours=5), roads(deps, 3, hours=8), waste(deps, 2, hours=4)
    browser = signed_in(deps, "operator-key")
    page = text(browser.get(f"/incidents/{kept.id}"))
    assert 'data-testid="action-merge"' in page
    offered = re.findall(r'<option value="(in-[0-9a-f]+)"', page)
    assert offered == [other.id], "the town's other open incidents of the same kind of problem only"

    response = browser.post(f"/incidents/{kept.id}/merge", {"incident_id": other.id, "reason": "одна яма"})

    assert response.status_code == 303 and "done=merge" in response.headers["Location"]
    stored = deps.incidents.get(kept.id)
    assert stored is not None and stored.member_ids == (*kept.member_ids, *other.member_ids)
    assert deps.incidents.get(other.id).status is IncidentStatus.MERGED  # type: ignore[union-attr]
    assert {m.incident_id for m in members(deps, other)} == {kept.id}
    assert deps.incidents.get(unrelated.id) == unrelated
    assert "Инциденты объединены" in text(browser.get(f"/incidents/{kept.id}?done=merge"))


def test_a_department_is_offered_no_merge_and_cannot_post_one(deps: ConsoleDeps) -> None:
    kept, other = roads(deps, 2, hours=5), roads(deps, 2, hours=8)
    browser = signed_in(deps, "roads-key")
    assert 'data-testid="action-merge"' not in text(browser.get(f"/incidents/{kept.id}"))
    assert browser.post(f"/incidents/{kept.id}/merge", {"incident_id": other.id, "reason": "x"}).status_code == 403
    assert deps.incidents.get(other.id) == other


def test_a_department_is_offered_no_member_removal_and_cannot_post_it(deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    browser = signed_in(deps, "roads-key")
    assert 'data-testid="action-remove-member"' not in text(browser.get(f"/incidents/{incident.id}"))
    response = browser.post(f"/incidents/{incident.id}/remove_member",
                            {"appeal_id": incident.member_ids[0], "reason": "x"})
    assert response.status_code == 403
    assert deps.incidents.get(incident.id).member_ids == incident.member_ids  # type: ignore[union-attr]


def test_a_supervisor_reads_an_incident_without_action_forms(deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    page = text(signed_in(deps, "supervisor-key").get(f"/incidents/{incident.id}"))
    assert 'data-testid="members"' in page and "action-" not in page


@pytest.mark.parametrize("action", ["take", "note", "remove_member", "merge"])
def test_an_incident_action_without_the_sessions_csrf_token_is_refused_and_changes_nothing(
        deps: ConsoleDeps, action: str) -> None:
    incident = roads(deps, 2, hours=5)
    browser = signed_in(deps, "operator-key")
    response = browser.post(f"/incidents/{incident.id}/{action}", {
        "text": "x", "appeal_id": incident.member_ids[0], "incident_id": incident.id, "reason": "x"}, csrf=False)
    assert response.status_code == 403 and "проверочного токена" in text(response)
    assert deps.incidents.get(incident.id) == incident


def test_an_unknown_incident_action_is_a_404_page(deps: ConsoleDeps) -> None:
    incident = roads(deps, 2, hours=5)
    response = signed_in(deps, "operator-key").post(f"/incidents/{incident.id}/explode", {})
    assert response.status_code == 404 and "Такого действия нет." in text(response)
