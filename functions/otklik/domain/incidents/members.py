"""What work on an incident does to each of its member appeals. Pure: `now` is given.

An incident's step (take, assign, note, answer, resolve, reopen) is carried out on every member appeal in that
appeal's own lifecycle, with the appeal's own history entry naming the incident and the incident's entry it
carries out (`INCIDENT_STEP`): a step carried out before is not carried out again, so a redelivered fan-out changes
nothing twice. An answer keeps the incident answer's id in the appeal, so it is delivered (deliver_reply, the
regional callback) once per (answer, appeal), however often the fan-out runs.

A member that cannot take a step in its status (a closed appeal is not taken, an answered one is not given an
intermediate answer) is left as it is: the step does not concern it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from otklik.domain import actions
from otklik.domain.followups import reopen
from otklik.domain.model import (
    Answer,
    AnswerKind,
    Appeal,
    Channel,
    HistoryAction,
    HistoryEntry,
    Status,
    WarningPoint,
)

# The history detail naming the incident's entry a member's entry carries out: "<incident id>/<entry number>".
INCIDENT_STEP = "incident_step"
INCIDENT_ID = "incident_id"
WORKED_ON = frozenset({Status.ROUTED, Status.IN_PROGRESS})


class StepKind(StrEnum):
    TAKE = "take"
    ASSIGN = "assign"
    NOTE = "note"
    ANSWER = "answer"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    # Members that came from another incident (a merge, a split) are moved to this one, a page at a time.
    MOVE = "move"


@dataclass(frozen=True)
class MemberDeadline:
    """A reopened member's new response deadline, counted for that appeal (its own category and source)."""

    due_at: datetime | None
    warnings: tuple[WarningPoint, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class MemberStep:
    """One step of work on an incident, as each of its members takes it."""

    incident_id: str
    step: str  # "<incident id>/<entry number>": the incident's history entry this carries out
    kind: StepKind
    actor: str
    at: datetime
    department: str | None = None
    assignee: str | None = None
    text: str | None = None  # a note's text, a resolution's or a reopening's reason
    answer: Answer | None = None
    # The incident's answers so far, oldest first: a member that missed one (it joined later, or a resolution is
    # carried out before the answer's own fan-out) is given the latest before the step.
    answers: tuple[Answer, ...] = field(default=())
    # A move's: the incident the members come from, and the grouping entry (merged, split) each member gets.
    moved_from: str | None = None
    move_action: HistoryAction | None = None


def carried_out(appeal: Appeal, step: str) -> bool:
    return any(entry.details.get(INCIDENT_STEP) == step for entry in appeal.history)


def apply_step(appeal: Appeal, step: MemberStep, *, auto_resolve_after: timedelta,
               deadline: MemberDeadline | None = None) -> Appeal | None:
    """The member after the step, or None when the step does not concern it or was carried out before."""
    if step.kind is StepKind.MOVE:
        return _moved(appeal, step, auto_resolve_after)
    if appeal.status not in (*WORKED_ON, Status.ANSWERED, Status.RESOLVED) or carried_out(appeal, step.step):
        return None
    if step.kind is StepKind.ANSWER:
        assert step.answer is not None
        return give_answer(appeal, step.incident_id, step.answer, auto_resolve_after=auto_resolve_after,
                           step=step.step)
    if step.kind is StepKind.RESOLVE:
        return _resolve(appeal, step, auto_resolve_after)
    if step.kind is StepKind.REOPEN:
        return _reopen(appeal, step, deadline or MemberDeadline(appeal.due_at))
    if appeal.status not in WORKED_ON:
        return None
    changed = _work(appeal, step)
    return _marked(changed, len(appeal.history), step) if changed is not None else None


def give_answer(appeal: Appeal, incident_id: str, answer: Answer, *, auto_resolve_after: timedelta,
                at: datetime | None = None, step: str | None = None) -> Appeal | None:
    """The incident's answer as the member's own (same id, text, photos), given at `at` (the answer's own time
    unless the member joined later), or None when the member has it already or cannot take it: a closed member
    takes none, an answered one no intermediate answer."""
    if any(a.id == answer.id for a in appeal.answers) or appeal.status not in WORKED_ON:
        return None
    given_at = max(at or answer.created_at, appeal.received_at)
    changed = actions.answer(
        appeal, answer.author, given_at, answer_id=answer.id, kind=answer.kind, text=answer.text,
        planned_date=answer.planned_date, photos=answer.photos,
        # The photo report was required of the incident's answer, by the incident's category.
        photo_report_required=False, auto_resolve_after=auto_resolve_after,
        manual_delivery=appeal.channel is Channel.RECEPTION)
    entry = changed.history[-1]
    details = entry.details | {INCIDENT_ID: incident_id} | ({INCIDENT_STEP: step} if step else {})
    return changed.model_copy(update={"history": (*changed.history[:-1],
                                                  entry.model_copy(update={"details": details}))})


def catch_up(appeal: Appeal, incident_id: str, answers: Sequence[Answer], *, at: datetime,
             auto_resolve_after: timedelta) -> Appeal:
    """The member given what it missed of the incident's answers: the final one if any, else the latest
    intermediate one (a resident is told where things stand, not every step before)."""
    latest = _latest(answers)
    if latest is None:
        return appeal
    return give_answer(appeal, incident_id, latest, at=at, auto_resolve_after=auto_resolve_after) or appeal


def _latest(answers: Sequence[Answer]) -> Answer | None:
    finals = [a for a in answers if a.kind is AnswerKind.FINAL]
    if finals:
        return finals[-1]
    return answers[-1] if answers else None


def _moved(appeal: Appeal, step: MemberStep, auto_resolve_after: timedelta) -> Appeal | None:
    """A member of the incident it came from (whatever its status) moved to the step's incident, its history saying
    so, and given the latest of the step's incident's answers if it is still open."""
    if step.moved_from is None or step.move_action is None or appeal.incident_id != step.moved_from:
        return None
    entry = HistoryEntry(at=step.at, actor=step.actor, action=step.move_action, details={
        INCIDENT_ID: step.incident_id, "previous_incident_id": step.moved_from, "reason": step.text or "",
        INCIDENT_STEP: step.step})
    moved = appeal.with_entry(entry, incident_id=step.incident_id)
    return catch_up(moved, step.incident_id, step.answers, at=step.at, auto_resolve_after=auto_resolve_after)


def _work(appeal: Appeal, step: MemberStep) -> Appeal | None:
    try:
        if step.kind is StepKind.TAKE:
            if appeal.status is not Status.ROUTED:
                return None
            return actions.take(appeal, step.actor, step.at)
        if step.kind is StepKind.ASSIGN:
            return actions.assign(appeal, step.actor, step.at, department=step.department, assignee=step.assignee)
        if step.kind is StepKind.NOTE:
            return actions.note(appeal, step.actor, step.at, step.text or "")
    except actions.ActionRefused:
        return None  # e.g. a member with its hundred notes already: the note stays on the incident
    raise ValueError(f"not a step of work on members: {step.kind}")


def _resolve(appeal: Appeal, step: MemberStep, auto_resolve_after: timedelta) -> Appeal | None:
    """Resolved with the incident: a member not yet given the final answer is given it first."""
    caught_up = catch_up(appeal, step.incident_id, step.answers, at=step.at, auto_resolve_after=auto_resolve_after)
    if caught_up.status is not Status.ANSWERED:
        return caught_up if caught_up is not appeal else None
    resolved = actions.resolve(caught_up, step.actor, step.at, step.text or "resolved with the incident")
    return _marked(resolved, len(caught_up.history), step)


def _reopen(appeal: Appeal, step: MemberStep, deadline: MemberDeadline) -> Appeal | None:
    if appeal.status not in (Status.ANSWERED, Status.RESOLVED):
        return None
    reopened = reopen(appeal, step.at, deadline.due_at, step.text or "the incident was reopened", step.actor,
                      deadline.warnings, deadline.reason)
    return _marked(reopened, len(appeal.history), step)


def _marked(appeal: Appeal, first_new: int, step: MemberStep) -> Appeal:
    marks = {INCIDENT_ID: step.incident_id, INCIDENT_STEP: step.step}
    new = tuple(e.model_copy(update={"details": e.details | marks}) for e in appeal.history[first_new:])
    return appeal.model_copy(update={"history": (*appeal.history[:first_new], *new)})


def joining_member_receives(appeal: Appeal, incident_id: str, answers: Sequence[Answer], *, incident_resolved: bool,
                            at: datetime, auto_resolve_after: timedelta, actor: str) -> Appeal:
    """What an appeal that joins an incident receives at once: the incident's final answer (and, if the incident is
    resolved, the resolution with it), else its latest intermediate answer, else nothing. Call it in the join's own
    transaction, on the appeal as the join leaves it: the answers it adds publish their reply.requested (and
    regional callbacks) through the appeal's outbox as any answer does."""
    answered = catch_up(appeal, incident_id, answers, at=at, auto_resolve_after=auto_resolve_after)
    if incident_resolved and answered.status is Status.ANSWERED:
        resolved = actions.resolve(answered, actor, at, "resolved with the incident")
        entry = resolved.history[-1]
        return resolved.model_copy(update={"history": (*resolved.history[:-1], entry.model_copy(
            update={"details": entry.details | {INCIDENT_ID: incident_id}}))})
    return answered


def answered_entry(appeal: Appeal, answer_id: str) -> HistoryEntry | None:
    return next((e for e in appeal.history if e.details.get("answer_id") == answer_id
                 and e.action in actions.ANSWERED.values()), None)
