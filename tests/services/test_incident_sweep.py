"""The deadline sweep and incidents, over the fakes: members of an incident get no notices of their own; the
incident is warned and escalated once for all of them, a line of the tick's staff digest naming it."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain.incidents.model import Incident, Reason, applied, incident_id_for, start
from otklik.domain.model import Appeal, HistoryAction, WarningPoint
from otklik.services.incident_sweep import IncidentSweep
from otklik.services.sweep import SweepService
from tests.builders import an_appeal, routed
from tests.fakes import T0, TOPICS, Clock, InMemoryAppeals, InMemoryIncidents, RecordingPublisher, decoded, relay


@pytest.fixture
def incidents(appeals: InMemoryAppeals) -> InMemoryIncidents:
    return InMemoryIncidents(appeals)


@pytest.fixture
def sweep(appeals: InMemoryAppeals, incidents: InMemoryIncidents, published: RecordingPublisher,
          clock: Clock) -> SweepService:
    return SweepService(appeals, appeals, relay(appeals, published), clock,
                        incidents=IncidentSweep(incidents, incidents))


def due(hours: float) -> Appeal:
    return routed(an_appeal("Нет воды в доме 5"), category="water", department="housing_utilities",
                  due_at=T0 + timedelta(hours=hours), warnings=(WarningPoint(label="75%", at=T0 + timedelta(hours=9)),))


def grouped(incidents: InMemoryIncidents, appeals: InMemoryAppeals, members: list[Appeal]) -> Incident:
    change = start(incident_id_for(members[0].id), members, Reason("одна авария"), T0)
    by_id = {m.id: m for m in members}
    appeals.put(*(applied(by_id[e.appeal_id], e) for e in change.members))
    incidents.put(change.incident)
    return change.incident


def test_forty_members_make_one_warning_and_one_escalation_not_forty(
        sweep: SweepService, incidents: InMemoryIncidents, appeals: InMemoryAppeals, published: RecordingPublisher,
        clock: Clock) -> None:
    members = [due(12 + n) for n in range(40)]
    incident = grouped(incidents, appeals, members)
    loner = due(12)
    appeals.put(loner)

    clock.now = T0 + timedelta(hours=9, minutes=1)
    first = sweep.tick()
    clock.now = T0 + timedelta(hours=12, minutes=1)
    second = sweep.tick()
    third = sweep.tick()

    assert (first.incident_notices, second.incident_notices, third.incident_notices) == (1, 1, 0)
    assert (first.notices, second.notices) == (1, 1)  # the appeal in no incident, as before
    assert all(not any(e.actor == "system:deadline_sweep" for e in appeals.current(m.id).history) for m in members)
    noticed = incidents.get(incident.id)
    assert noticed is not None and noticed.work.overdue
    assert [e.action for e in noticed.history if e.actor == "system:deadline_sweep"] == [
        HistoryAction.WARNING, HistoryAction.ESCALATED]
    escalations = decoded(published.published, TOPICS.name(TOPICS.appeal_escalated))
    assert [(m["incident_id"], m["incident_members"]) for m in escalations if m["incident_id"]] == [(incident.id, 40)]
    lines = [item for digest in decoded(published.published, TOPICS.name(TOPICS.staff_notice))
             for item in digest["notices"]]
    assert sum(1 for item in lines if item["incident_id"] == incident.id) == 2  # the warning, then the escalation
    assert {item["appeal_id"] for item in lines if item["incident_id"]} == {members[0].id}  # the earliest due


def test_an_answered_incident_is_not_escalated(sweep: SweepService, incidents: InMemoryIncidents,
                                               appeals: InMemoryAppeals, clock: Clock) -> None:
    from otklik.domain.incidents.actions import answer
    from otklik.domain.model import AnswerKind

    incident = grouped(incidents, appeals, [due(12), due(13)])
    incidents.put(answer(incident, "operator:1", T0 + timedelta(hours=1), answer_id="a1",
                         kind=AnswerKind.INTERMEDIATE, text="Работаем", planned_date=(T0 + timedelta(days=2)).date(),
                         photos=(), photo_report_required=False))
    clock.now = T0 + timedelta(hours=13)
    assert sweep.tick().incident_notices == 0


def test_the_staff_line_of_an_incident_names_it_and_its_members() -> None:
    from otklik.domain.staff_notices import NoticeLine, digest_texts

    line = NoticeLine(notice_id="n1", appeal_id="tg-1", notice="escalated", due_at=T0, department="housing_utilities",
                      category="water", place=None, incident_id="in-1", incident_members=40)
    (text,) = digest_texts([line], T0 + timedelta(hours=1), 4096, {})
    assert "Инцидент in-1 (40 обр., первое № tg-1)" in text


def test_an_incident_answered_finally_is_resolved_when_its_time_comes_unless_a_member_objected(
        appeals: InMemoryAppeals, incidents: InMemoryIncidents, published: RecordingPublisher, clock: Clock) -> None:
    from otklik.domain.incidents.model import IncidentStatus
    from otklik.domain.model import AnswerKind, Status
    from otklik.domain.principals import Principal, Role
    from otklik.services import commands
    from otklik.services.incident_work import IncidentWorkService
    from tests.builders import TOWN
    from tests.fakes import Photos, configured_towns

    work = IncidentWorkService(incidents, incidents, appeals, configured_towns(), Photos(), relay(appeals, published),
                               clock, reopen_share=0.9)
    sweep = SweepService(appeals, appeals, relay(appeals, published), clock,
                         incidents=IncidentSweep(incidents, incidents, resolve=work.auto_resolve))
    operator = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
    quiet = grouped(incidents, appeals, [due(12), due(13)])
    objected = grouped(incidents, appeals, [due(12), due(13)])
    for incident in (quiet, objected):
        work.act(operator, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Готово"))
    work.member_not_fixed(objected.id, objected.member_ids[0])

    clock.advance(hours=71)
    assert sweep.tick().incidents_resolved == 0
    clock.advance(hours=2)  # past the town's 72 hours
    assert sweep.tick().incidents_resolved == 1
    assert sweep.tick().incidents_resolved == 0

    resolved, still = incidents.get(quiet.id), incidents.get(objected.id)
    assert resolved is not None and resolved.status is IncidentStatus.RESOLVED
    assert resolved.history[-1].details["by"] == "no objection in time"
    assert {appeals.current(i).status for i in quiet.member_ids} == {Status.RESOLVED}
    assert still is not None and still.status is IncidentStatus.ANSWERED  # flagged: people decide
