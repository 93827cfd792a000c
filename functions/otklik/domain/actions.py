"""What operators and departments do to an appeal. Each returns the changed appeal with one more
history entry (who, when, what changed) or refuses: the lifecycle is enforced here, not in the API."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from otklik.domain.model import (
    Answer,
    AnswerKind,
    Appeal,
    Delivery,
    DeliveryStatus,
    HistoryAction,
    HistoryEntry,
    InvalidTransition,
    Status,
    StatusConflict,
    WarningPoint,
)
from otklik.domain.towns import TownConfig

ANSWERED = {AnswerKind.INTERMEDIATE: HistoryAction.ANSWERED_INTERMEDIATE,
            AnswerKind.FINAL: HistoryAction.ANSWERED_FINAL}


class ActionRefused(ValueError):
    """The action is possible in this status but not with these inputs (for example no photo report)."""


# Notes are internal working remarks: a hundred on one appeal is far past any real use, and an appeal must not
# grow without bound (each note is up to 8,000 characters).
MAX_NOTES_PER_APPEAL = 100


def triage(appeal: Appeal, actor: str, at: datetime, *, category: str, municipality: str, department: str,
           due_at: datetime | None, warnings: tuple[WarningPoint, ...] = (), due_reason: str | None = None) -> Appeal:
    """`due_reason`: how due_at was counted, when triage sets the appeal's first deadline."""
    new_deadline = {"due_at": due_at.isoformat(), "due_reason": due_reason} if due_at and due_reason else {}
    return appeal.changed(
        Status.ROUTED,
        HistoryEntry(at=at, actor=actor, action=HistoryAction.TRIAGED, details={
            "category": category, "municipality": municipality, "department": department,
            "previous": {"category": appeal.category, "municipality": appeal.municipality,
                         "department": appeal.department}} | new_deadline),
        category=category, municipality=municipality, department=department, due_at=due_at or appeal.due_at,
        warning_points=warnings or appeal.warning_points, triage_reason=None, category_confidence=1.0,
    )


def reject(appeal: Appeal, actor: str, at: datetime, reason: str) -> Appeal:
    if not reason.strip():
        raise ActionRefused("a rejection needs a reason")
    entry = HistoryEntry(at=at, actor=actor, action=HistoryAction.REJECTED, details={"reason": reason})
    return appeal.changed(Status.REJECTED, entry)


def assign(appeal: Appeal, actor: str, at: datetime, *, department: str | None, assignee: str | None) -> Appeal:
    if department is None and assignee is None:
        raise ActionRefused("assign to a department or a person")
    details = {"department": department, "assignee": assignee, "previous_department": appeal.department}
    entry = HistoryEntry(at=at, actor=actor, action=HistoryAction.ASSIGNED, details=details)
    if department is not None and department != appeal.department:
        # Handing it to another department puts it back in the queue there.
        return appeal.changed(Status.ROUTED, entry, department=department, assignee=assignee)
    _require_open(appeal, "assign")
    return appeal.with_entry(entry, assignee=assignee if assignee is not None else appeal.assignee)


def take(appeal: Appeal, actor: str, at: datetime) -> Appeal:
    entry = HistoryEntry(at=at, actor=actor, action=HistoryAction.TAKEN)
    return appeal.changed(Status.IN_PROGRESS, entry, assignee=actor)


def note(appeal: Appeal, actor: str, at: datetime, text: str) -> Appeal:
    if not text.strip():
        raise ActionRefused("a note needs text")
    notes = _notes_so_far(appeal)
    if notes >= MAX_NOTES_PER_APPEAL:
        raise ActionRefused(f"an appeal takes at most {MAX_NOTES_PER_APPEAL} notes, and this one has {notes}")
    return appeal.with_entry(HistoryEntry(at=at, actor=actor, action=HistoryAction.NOTE, details={"text": text}),
                             note_count=notes + 1)


def check_answer(*, kind: AnswerKind, text: str, planned_date: date | None, photos: tuple[str, ...],
                 photo_report_required: bool, category: str | None) -> None:
    """What any answer to residents needs, an appeal's or an incident's."""
    if not text.strip():
        raise ActionRefused("an answer needs text")
    if kind is AnswerKind.INTERMEDIATE and planned_date is None:
        raise ActionRefused("an intermediate answer needs the planned date")
    if kind is AnswerKind.FINAL and photo_report_required and not photos:
        raise ActionRefused(f"a final answer in category {category} needs a photo report")


def check_department(town: TownConfig | None, department: str | None) -> None:
    """A department named in an action is one of the town's."""
    if department is not None and (town is None or department not in town.departments):
        raise ActionRefused(f"unknown department {department}")


def answer(appeal: Appeal, actor: str, at: datetime, *, answer_id: str, kind: AnswerKind, text: str,
           planned_date: date | None, photos: tuple[str, ...], photo_report_required: bool,
           auto_resolve_after: timedelta, manual_delivery: bool) -> Appeal:
    check_answer(kind=kind, text=text, planned_date=planned_date, photos=photos,
                 photo_report_required=photo_report_required, category=appeal.category)
    if appeal.status not in (Status.ROUTED, Status.IN_PROGRESS):
        raise InvalidTransition(appeal.status, Status.ANSWERED)
    delivery = Delivery(status=DeliveryStatus.MANUAL if manual_delivery else DeliveryStatus.PENDING, updated_at=at)
    new_answer = Answer(id=answer_id, kind=kind, text=text, planned_date=planned_date, photos=photos, author=actor,
                        created_at=at, delivery=delivery)
    changes: dict[str, object] = {"answers": (*appeal.answers, new_answer)}
    if appeal.first_response_at is None:
        # The first answer of either kind is the response the deadline measures.
        changes |= {
            "first_response_at": at,
            "first_response_seconds": (at - appeal.received_at).total_seconds(),
            "first_response_within_deadline": appeal.due_at is None or at <= appeal.due_at,
        }
    entry = HistoryEntry(at=at, actor=actor, action=ANSWERED[kind], details={
        "answer_id": answer_id, "photos": len(photos),
        "planned_date": planned_date.isoformat() if planned_date else None})
    if kind is AnswerKind.INTERMEDIATE:
        # Moves the resolution date, not the response deadline.
        return appeal.with_entry(entry, planned_resolution=planned_date, **changes)
    return appeal.changed(Status.ANSWERED, entry, answered_at=at, resolve_after=at + auto_resolve_after, **changes)


def resolve(appeal: Appeal, actor: str, at: datetime, reason: str) -> Appeal:
    entry = HistoryEntry(at=at, actor=actor, action=HistoryAction.RESOLVED, details={"by": reason})
    return appeal.changed(Status.RESOLVED, entry, resolved_at=at, resolve_after=None)


def _notes_so_far(appeal: Appeal) -> int:
    # Appeals stored before notes were counted have their notes only in the history.
    return max(appeal.note_count, sum(1 for entry in appeal.history if entry.action == "note"))


def _require_open(appeal: Appeal, action: str) -> None:
    if appeal.status not in (Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS):
        raise StatusConflict(appeal.status, f"cannot {action} an appeal in status {appeal.status}")
