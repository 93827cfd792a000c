"""What operators and departments do to an incident: take, assign, note, answer, resolve, reopen. Each returns the
incident with one more history entry or refuses, as the appeal's actions do (domain/actions.py); the entry is
then carried out on every member appeal (domain/incidents/members.py, `member_step`). Pure: `at` is given."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from otklik.domain.actions import MAX_NOTES_PER_APPEAL, ActionRefused, check_answer
from otklik.domain.incidents.members import MemberStep, StepKind
from otklik.domain.incidents.model import Incident, IncidentStatus
from otklik.domain.model import Answer, AnswerKind, Delivery, HistoryAction, HistoryEntry

WORKED_ON = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS})
STEPS: dict[HistoryAction, StepKind] = {
    HistoryAction.TAKEN: StepKind.TAKE, HistoryAction.ASSIGNED: StepKind.ASSIGN, HistoryAction.NOTE: StepKind.NOTE,
    HistoryAction.ANSWERED_INTERMEDIATE: StepKind.ANSWER, HistoryAction.ANSWERED_FINAL: StepKind.ANSWER,
    HistoryAction.RESOLVED: StepKind.RESOLVE, HistoryAction.REOPENED: StepKind.REOPEN,
}
ANSWERED = {AnswerKind.INTERMEDIATE: HistoryAction.ANSWERED_INTERMEDIATE,
            AnswerKind.FINAL: HistoryAction.ANSWERED_FINAL}


class IncidentStatusConflict(Exception):
    """The incident's status does not allow what was asked."""

    def __init__(self, current: IncidentStatus, message: str) -> None:
        super().__init__(message)
        self.current = current


def _require(incident: Incident, allowed: frozenset[IncidentStatus], action: str) -> None:
    if incident.status not in allowed:
        raise IncidentStatusConflict(incident.status, f"cannot {action} an incident in status {incident.status}")


def _entry(at: datetime, actor: str, action: HistoryAction, **details: object) -> HistoryEntry:
    return HistoryEntry(at=at, actor=actor, action=action, details=details)


def take(incident: Incident, actor: str, at: datetime) -> Incident:
    _require(incident, WORKED_ON, "take")
    return incident.with_entry(_entry(at, actor, HistoryAction.TAKEN), status=IncidentStatus.IN_PROGRESS,
                               work=incident.work.model_copy(update={"assignee": actor}))


def assign(incident: Incident, actor: str, at: datetime, *, department: str | None,
           assignee: str | None) -> Incident:
    if department is None and assignee is None:
        raise ActionRefused("assign to a department or a person")
    _require(incident, WORKED_ON, "assign")
    entry = _entry(at, actor, HistoryAction.ASSIGNED, department=department, assignee=assignee,
                   previous_department=incident.department)
    if department is not None and department != incident.department:
        # Handing it to another department puts it back in the queue there.
        return incident.with_entry(entry, department=department, status=IncidentStatus.OPEN,
                                   work=incident.work.model_copy(update={"assignee": assignee}))
    return incident.with_entry(entry, work=incident.work.model_copy(
        update={"assignee": assignee if assignee is not None else incident.work.assignee}))


def note(incident: Incident, actor: str, at: datetime, text: str) -> Incident:
    if not text.strip():
        raise ActionRefused("a note needs text")
    if incident.work.note_count >= MAX_NOTES_PER_APPEAL:
        raise ActionRefused(f"an incident takes at most {MAX_NOTES_PER_APPEAL} notes")
    return incident.with_entry(_entry(at, actor, HistoryAction.NOTE, text=text),
                               work=incident.work.model_copy(update={"note_count": incident.work.note_count + 1}))


def answer(incident: Incident, actor: str, at: datetime, *, answer_id: str, kind: AnswerKind, text: str,
           planned_date: date | None, photos: tuple[str, ...], photo_report_required: bool,
           auto_resolve_after: timedelta | None = None) -> Incident:
    """The same rules as an appeal's answer; each member is given it as its own answer (its own delivery)."""
    check_answer(kind=kind, text=text, planned_date=planned_date, photos=photos,
                 photo_report_required=photo_report_required, category=incident.category)
    _require(incident, WORKED_ON, "answer")
    new = Answer(id=answer_id, kind=kind, text=text, planned_date=planned_date, photos=photos, author=actor,
                 created_at=at, delivery=Delivery(updated_at=at))
    work = incident.work.model_copy(update={"answers": (*incident.work.answers, new)})
    if work.first_response_at is None:
        first_received = min((m.received_at for m in incident.members), default=incident.created_at)
        work = work.model_copy(update={"first_response_at": at,
                                       "first_response_seconds": (at - first_received).total_seconds()})
    entry = _entry(at, actor, ANSWERED[kind], answer_id=answer_id, photos=len(photos),
                   planned_date=planned_date.isoformat() if planned_date else None)
    if kind is AnswerKind.INTERMEDIATE:
        return incident.with_entry(entry, work=work)
    resolve_after = at + auto_resolve_after if auto_resolve_after is not None else None
    return incident.with_entry(entry, status=IncidentStatus.ANSWERED, work=work.model_copy(
        update={"answered_at": at, "not_fixed": (), "resolve_after": resolve_after}))


def resolve(incident: Incident, actor: str, at: datetime, reason: str) -> Incident:
    """Resolved after its final answer; each member is resolved with it (given the final answer first if it
    missed it)."""
    _require(incident, frozenset({IncidentStatus.ANSWERED}), "resolve")
    return incident.with_entry(_entry(at, actor, HistoryAction.RESOLVED, by=reason), status=IncidentStatus.RESOLVED,
                               work=incident.work.model_copy(update={"resolved_at": at, "resolve_after": None}))


def reopen(incident: Incident, actor: str, at: datetime, reason: str) -> Incident:
    if not reason.strip():
        raise ActionRefused("a reopening needs a reason")
    _require(incident, frozenset({IncidentStatus.ANSWERED, IncidentStatus.RESOLVED}), "reopen")
    return incident.with_entry(
        _entry(at, actor, HistoryAction.REOPENED, reason=reason), status=IncidentStatus.OPEN,
        work=incident.work.model_copy(update={"reopen_count": incident.work.reopen_count + 1, "resolved_at": None,
                                              "answered_at": None, "not_fixed": (), "notices": (),
                                              "overdue": False, "resolve_after": None}))


def step_key(incident: Incident, number: int) -> str:
    return f"{incident.id}/{number}"


def member_step(incident: Incident, number: int) -> MemberStep | None:
    """The incident's history entry `number` as its members carry it out, or None for an entry that is not work
    on the members (grouping entries, but those that bring members from another incident: a merge into this one, a
    split off into this one, whose members are moved a page at a time)."""
    entry = incident.history[number]
    moved_from = _moved_from(entry)
    if moved_from is not None:
        return MemberStep(incident_id=incident.id, step=step_key(incident, number), kind=StepKind.MOVE,
                          actor=entry.actor, at=entry.at, text=entry.details.get("reason"),
                          answers=incident.work.answers, moved_from=moved_from, move_action=entry.action)
    kind = STEPS.get(entry.action)
    if kind is None:
        return None
    found = None
    if kind is StepKind.ANSWER:
        found = next(a for a in incident.work.answers if a.id == entry.details["answer_id"])
    text = entry.details.get("text") or entry.details.get("reason") or entry.details.get("by")
    return MemberStep(incident_id=incident.id, step=step_key(incident, number), kind=kind, actor=entry.actor,
                      at=entry.at, department=entry.details.get("department"),
                      assignee=entry.details.get("assignee"), text=text, answer=found,
                      answers=incident.work.answers)


def _moved_from(entry: HistoryEntry) -> str | None:
    """The incident whose members this entry brings in, if any."""
    if entry.action is HistoryAction.INCIDENTS_MERGED:
        return entry.details.get("merged")
    if entry.action is HistoryAction.INCIDENT_SPLIT:
        return entry.details.get("split_from")
    return None
