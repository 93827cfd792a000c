"""Incidents' work on the Firestore emulator: the record of work kept with the incident, the operators' list by
deadline (a department's too), the deadline sweep's query and one tick noticing an incident once."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from otklik.domain.incidents.actions import answer
from otklik.domain.incidents.model import Incident, Reason, applied, incident_id_for, start
from otklik.domain.model import AnswerKind, Appeal
from otklik.services.ports import AppealWrite, IncidentWrite
from tests.builders import an_appeal, routed
from tests.conftest import Stack


def stored(stack: Stack, due_in_hours: float, department: str = "housing_utilities", count: int = 2) -> Incident:
    now = datetime.now(UTC)
    appeals: list[Appeal] = [routed(an_appeal("Нет воды", received_at=now), category="water", department=department,
                                    at=now, due_at=now + timedelta(hours=due_in_hours + n)) for n in range(count)]
    change = start(incident_id_for(appeals[0].id), appeals, Reason("одна авария"), now)
    by_id = {a.id: a for a in appeals}
    for member in change.members:
        stack.deps.appeals.add(AppealWrite(applied(by_id[member.appeal_id], member)))
    stack.deps.incidents.transact([change.incident.id], [], lambda *_: IncidentWrite(incidents=(change.incident,)))
    return change.incident


def test_the_work_record_is_kept_and_the_list_is_by_deadline_for_the_town_and_a_department(stack: Stack) -> None:
    later = stored(stack, 30)
    sooner = stored(stack, 5, department="ecology")
    at = datetime.now(UTC)
    worked = answer(later, "operator:1", at, answer_id="a1", kind=AnswerKind.INTERMEDIATE, text="Работаем",
                    planned_date=(at + timedelta(days=2)).date(), photos=(), photo_report_required=False)
    stack.deps.incidents.transact([later.id], [], lambda *_: IncidentWrite(incidents=(worked,)))

    read = stack.deps.incidents.get(later.id)
    assert read is not None and read.work.answers == worked.work.answers
    lists = stack.deps.incident_lists
    assert [i.id for i in lists.open_by_deadline(sooner.municipality, None, 10)] == [sooner.id, later.id]
    assert [i.id for i in lists.open_by_deadline(sooner.municipality, "housing_utilities", 10)] == [later.id]


def test_one_sweep_tick_notices_an_overdue_incident_once_and_not_its_members(stack: Stack) -> None:
    overdue = stored(stack, -1)
    not_yet = stored(stack, 48)
    lists = stack.deps.incident_lists
    assert lists.incident_notices_due(datetime.now(UTC), 10) == [overdue.id]

    report = stack.deps.sweep.tick()

    assert report.incident_notices == 1 and report.notices == 0
    noticed = stack.deps.incidents.get(overdue.id)
    assert noticed is not None and noticed.work.overdue
    assert lists.incident_notices_due(datetime.now(UTC), 10) == []
    assert stack.deps.sweep.tick().incident_notices == 0
    assert not (stack.deps.incidents.get(not_yet.id) or not_yet).work.notices


def test_the_monthly_report_counts_the_months_incidents_appeals_per_incident_and_time_to_first_answer(
        stack: Stack) -> None:
    from otklik.domain.incidents.model import IncidentStatus
    from tests.conftest import seed_towns

    seed_towns(stack)
    june = datetime(2026, 6, 1, tzinfo=UTC) - timedelta(hours=11)  # local midnight in Yuzhno-Sakhalinsk

    def incident(created: datetime, members: int, first_answer_after: float | None,
                 status: IncidentStatus = IncidentStatus.OPEN) -> None:
        appeals = [routed(an_appeal("Нет воды", received_at=created), category="water",
                          department="housing_utilities", at=created) for _ in range(members)]
        made = start(incident_id_for(appeals[0].id), appeals, Reason("одна авария"), created).incident
        if first_answer_after is not None:
            made = answer(made, "operator:1", created + timedelta(seconds=first_answer_after), answer_id="a1",
                          kind=AnswerKind.INTERMEDIATE, text="Работаем", planned_date=created.date(), photos=(),
                          photo_report_required=False)
        made = made.model_copy(update={"status": status})
        stack.deps.incidents.transact([made.id], [], lambda *_: IncidentWrite(incidents=(made,)))

    incident(june + timedelta(days=1), 3, 600)
    incident(june + timedelta(days=2), 5, 1800)
    incident(june + timedelta(days=3), 4, None)
    incident(june + timedelta(days=4), 2, 60, status=IncidentStatus.MERGED)  # counted in the one it joined
    incident(june - timedelta(minutes=1), 7, 60)  # May, local time

    figures = stack.deps.reports.monthly("yuzhno_sakhalinsk", "2026-06").incidents

    assert figures is not None
    assert (figures.incidents, figures.appeals_in_incidents, figures.appeals_per_incident) == (3, 12, 4.0)
    assert (figures.answered, figures.first_answer_mean_seconds, figures.first_answer_median_seconds) == (
        2, 1200.0, 1200.0)


def test_the_sweep_finds_an_answered_incident_whose_time_came_and_resolves_it_with_its_members(
        stack: Stack) -> None:
    from otklik.domain.incidents.model import IncidentStatus
    from otklik.domain.model import Status
    from tests.conftest import seed_towns

    seed_towns(stack)
    incident = stored(stack, 30)
    at = datetime.now(UTC) - timedelta(hours=73)
    final = answer(incident, "operator:1", at, answer_id="a1", kind=AnswerKind.FINAL, text="Готово", planned_date=None,
                   photos=(), photo_report_required=False, auto_resolve_after=timedelta(hours=72))
    stack.deps.incidents.transact([incident.id], [], lambda *_: IncidentWrite(incidents=(final,)))
    assert stack.deps.incident_lists.incident_auto_resolve_due(datetime.now(UTC), 10) == [incident.id]

    assert stack.deps.sweep.tick().incidents_resolved == 1

    resolved = stack.deps.incidents.get(incident.id)
    assert resolved is not None and resolved.status is IncidentStatus.RESOLVED
    # Its members had not been given the answer (stored so): resolving gives it to them first.
    members = stack.deps.appeal_feed.by_ids(incident.member_ids)
    assert {m.status for m in members} == {Status.RESOLVED} and all(m.answers[0].id == "a1" for m in members)
    assert stack.deps.incident_lists.incident_auto_resolve_due(datetime.now(UTC), 10) == []
