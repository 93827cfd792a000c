"""Deadline notices and auto-resolution: what is due for an appeal at a given moment. Pure: `now` is given."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from otklik.domain.calendar import WorkCalendar
from otklik.domain.deadlines import SlaPolicy, warning_times
from otklik.domain.model import OPEN_STATUSES, Appeal, HistoryAction, HistoryEntry, Status, WarningPoint

SWEEPER = "system:deadline_sweep"


def plan_warnings(start: datetime, due_at: datetime | None, *, policy: SlaPolicy, calendar: WorkCalendar,
                  source: str, category: str | None) -> tuple[WarningPoint, ...]:
    if due_at is None:
        return ()
    mode = policy.rule_for(source, category).mode
    return tuple(WarningPoint(label=label, at=at)
                 for label, at in warning_times(start, due_at, policy=policy, calendar=calendar, mode=mode))


def notice_key(label: str, due_at: datetime) -> str:
    # Keyed by the deadline too: a reopened appeal with a new deadline is warned and escalated again.
    return f"{label}@{due_at.isoformat()}"


def next_notice_at(appeal: Appeal) -> datetime | None:
    """When the sweep should look at this appeal next; None when nothing more can fall due."""
    if appeal.status not in OPEN_STATUSES or appeal.due_at is None or responded(appeal):
        return None
    if appeal.incident_id is not None:
        return None  # its incident is warned and escalated once for all its members (domain/incidents/sweep.py)
    if notice_key(HistoryAction.ESCALATED, appeal.due_at) in appeal.notices:
        return None  # warnings skipped because the deadline had passed are not owed any more
    pending = [p.at for p in appeal.warning_points if notice_key(p.label, appeal.due_at) not in appeal.notices]
    return min([*pending, appeal.due_at])


def responded(appeal: Appeal) -> bool:
    """An answer since the current deadline was set (at routing, or at the last reopening) stops the clock."""
    started = appeal.clock_started_at or appeal.received_at
    return any(answer.created_at >= started for answer in appeal.answers)


def apply_due_notices(appeal: Appeal, now: datetime) -> Appeal | None:
    """The appeal with every notice due by `now` recorded once, or None when none is due.

    A response (even an intermediate one) stops the clock: no warning or escalation after it."""
    if next_notice_at(appeal) is None or appeal.due_at is None:
        return None
    due_at = appeal.due_at
    changed = appeal
    for point in sorted(appeal.warning_points, key=lambda p: p.at):
        key = notice_key(point.label, due_at)
        if point.at <= now and key not in changed.notices and due_at > now:
            changed = changed.with_entry(
                HistoryEntry(at=now, actor=SWEEPER, action=HistoryAction.WARNING,
                             details={"notice": point.label, "due_at": due_at.isoformat()}),
                notices=(*changed.notices, key))
    escalation = notice_key(HistoryAction.ESCALATED, due_at)
    if due_at <= now and escalation not in changed.notices:
        changed = changed.with_entry(
            HistoryEntry(at=now, actor=SWEEPER, action=HistoryAction.ESCALATED,
                         details={"notice": str(HistoryAction.ESCALATED), "due_at": due_at.isoformat(),
                                  "late_by_seconds": (now - due_at).total_seconds()}),
            notices=(*changed.notices, escalation), overdue=True)
    return changed if changed is not appeal else None


def auto_resolve(appeal: Appeal, now: datetime) -> Appeal | None:
    if appeal.status is not Status.ANSWERED or appeal.resolve_after is None or appeal.resolve_after > now:
        return None
    return appeal.changed(Status.RESOLVED, HistoryEntry(at=now, actor=SWEEPER, action=HistoryAction.RESOLVED,
                                                         details={"by": "no objection in time"}), resolved_at=now,
                          resolve_after=None)


def auto_resolve_at(appeal: Appeal) -> datetime | None:
    return appeal.resolve_after if appeal.status is Status.ANSWERED else None


def report_month(moment: datetime, calendar_tz: str) -> str:
    """The month an appeal counts in: months are the town's local months."""
    local = moment.astimezone(ZoneInfo(calendar_tz))
    return f"{local.year:04d}-{local.month:02d}"

