"""Response deadlines (SLA) of appeals and the moments to warn about them.

The regional centre's limit: an appeal it hands over must be answered within 12 hours of receipt
by the clock, whatever the municipality's own rule says. A working-hours rule for regional appeals
would often run past that, so for source "regional" the deadline is capped at
`regional_limit_hours` plain hours. Direct channels have no cap: their deadline is purely the
municipality's configuration, and a working-hours rule there is meant to span nights and weekends.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from otklik.domain.calendar import STATUTE, WorkCalendar

SlaMode = Literal["plain", "working"]

REGIONAL_SOURCE = "regional"


class SlaRule(BaseModel):
    """Hours to answer, for a channel (source) and/or a category; None matches any."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    source: str | None = None
    category: str | None = None
    hours: float = Field(gt=0)
    mode: SlaMode = "plain"

    def matches(self, source: str, category: str | None) -> bool:
        return (self.source is None or self.source == source) and (
            self.category is None or self.category == category
        )

    @property
    def specificity(self) -> int:
        """Higher wins: source and category > category > source > neither."""
        return (2 if self.category is not None else 0) + (1 if self.source is not None else 0)


class SlaPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    rules: tuple[SlaRule, ...] = ()
    default_hours: float = Field(default=12, gt=0)
    default_mode: SlaMode = "plain"
    warn_at_fractions: tuple[float, ...] = (0.75,)
    warn_before: tuple[timedelta, ...] = (timedelta(hours=1),)
    # The regional centre's hard limit in clock hours; None switches the cap off.
    regional_limit_hours: float | None = Field(default=12, gt=0)

    @field_validator("warn_at_fractions")
    @classmethod
    def _fractions_inside_the_period(cls, fractions: tuple[float, ...]) -> tuple[float, ...]:
        if outside := [fraction for fraction in fractions if not 0 < fraction < 1]:
            raise ValueError(f"warning fractions must be between 0 and 1 exclusive: {outside}")
        return fractions

    @field_validator("warn_before")
    @classmethod
    def _positive_lead_times(cls, lead_times: tuple[timedelta, ...]) -> tuple[timedelta, ...]:
        if not_positive := [lead for lead in lead_times if lead <= timedelta(0)]:
            raise ValueError(f"warn_before durations must be positive: {not_positive}")
        return lead_times

    @model_validator(mode="after")
    def _no_ambiguous_rules(self) -> Self:
        keys = [(rule.source, rule.category) for rule in self.rules]
        if duplicates := sorted({key for key in keys if keys.count(key) > 1}, key=str):
            raise ValueError(f"more than one rule for (source, category): {duplicates}")
        return self

    def rule_for(self, source: str, category: str | None) -> SlaRule:
        """The most specific matching rule; a rule with neither source nor category overrides the defaults."""
        matching = [rule for rule in self.rules if rule.matches(source, category)]
        if not matching:
            return SlaRule(hours=self.default_hours, mode=self.default_mode)
        return max(matching, key=lambda rule: rule.specificity)


@dataclass(frozen=True)
class Deadline:
    """When the answer is due, in UTC, and why: the rule, any cap, and whether the count is provisional."""

    due_at: datetime
    reason: str
    # Years a working-hours count went through on the statutory fallback, without a published production calendar.
    provisional_years: tuple[int, ...] = ()


def response_deadline(
    received_at: datetime,
    *,
    source: str,
    category: str | None,
    policy: SlaPolicy,
    calendar: WorkCalendar,
    external_deadline: datetime | None = None,
) -> datetime:
    """When the answer is due, in UTC: the policy's rule, capped by the regional limit and by an
    earlier deadline sent with the appeal (external_deadline)."""
    return explained_deadline(received_at, source=source, category=category, policy=policy, calendar=calendar,
                              external_deadline=external_deadline).due_at


def explained_deadline(
    received_at: datetime,
    *,
    source: str,
    category: str | None,
    policy: SlaPolicy,
    calendar: WorkCalendar,
    external_deadline: datetime | None = None,
) -> Deadline:
    """response_deadline with its reason, as the appeal's history records it."""
    _require_aware(received_at, "received_at")
    rule = policy.rule_for(source, category)
    due_at = _due_by_rule(received_at, rule, calendar)
    reasons = [_rule_reason(rule)]
    provisional: tuple[int, ...] = ()
    if rule.mode == "working":
        provisional = calendar.provisional_years(received_at.astimezone(calendar.tz).date(),
                                                 due_at.astimezone(calendar.tz).date())
    if source == REGIONAL_SOURCE and policy.regional_limit_hours is not None:
        regional_limit = _plus_hours(received_at, policy.regional_limit_hours)
        if regional_limit < due_at:
            due_at = regional_limit
            reasons.append(f"capped at the regional centre's limit of {policy.regional_limit_hours:g} hours")
    if external_deadline is not None:
        _require_aware(external_deadline, "external_deadline")
        if external_deadline.astimezone(UTC) < due_at:
            due_at = external_deadline.astimezone(UTC)
            reasons.append("the earlier deadline sent with the appeal")
    if provisional:
        years = ", ".join(str(year) for year in provisional)
        reasons.insert(0, f"PROVISIONAL: no production calendar published for {years}, working days counted on the "
                          f"holidays of {STATUTE} without the Government's transfers of days off")
    return Deadline(due_at, "; ".join(reasons), provisional)


def warning_times(
    received_at: datetime,
    due_at: datetime,
    *,
    policy: SlaPolicy,
    calendar: WorkCalendar,
    mode: SlaMode,
) -> list[tuple[str, datetime]]:
    """Labelled warning moments in UTC, e.g. [("75%", t1), ("1h_before", t2)], sorted.

    Only points strictly between receipt and the deadline are kept; points falling on the same
    moment are kept once, under the label listed first (fractions before lead times). In working
    mode fractions are of working time, lead times are working time, and a point landing on a
    closing time moves to the next opening, when somebody is there to act on it.
    """
    _require_aware(received_at, "received_at")
    _require_aware(due_at, "due_at")
    received_utc, due_utc = received_at.astimezone(UTC), due_at.astimezone(UTC)
    if due_utc <= received_utc:
        return []
    if mode == "working":
        candidates = _working_warning_points(received_utc, due_utc, policy, calendar)
    else:
        candidates = _plain_warning_points(received_utc, due_utc, policy)
    return _sorted_unique_between(candidates, received_utc, due_utc)


def _due_by_rule(received_at: datetime, rule: SlaRule, calendar: WorkCalendar) -> datetime:
    if rule.mode == "working":
        return calendar.add_working_time(received_at, timedelta(hours=rule.hours))
    return _plus_hours(received_at, rule.hours)


def _rule_reason(rule: SlaRule) -> str:
    hours = f"{rule.hours:g} working hours" if rule.mode == "working" else f"{rule.hours:g} hours"
    applies = [f"{name} {value}" for name, value in (("source", rule.source), ("category", rule.category)) if value]
    return f"{hours} by the town's rule for {' and '.join(applies)}" if applies else f"{hours} by the town's default"


def _plus_hours(moment: datetime, hours: float) -> datetime:
    # Added in UTC so the result is elapsed time even across a daylight-saving change.
    return moment.astimezone(UTC) + timedelta(hours=hours)


def _plain_warning_points(received_at: datetime, due_at: datetime, policy: SlaPolicy) -> list[tuple[str, datetime]]:
    total = due_at - received_at
    at_fractions = [(_fraction_label(f), received_at + total * f) for f in policy.warn_at_fractions]
    before_due = [(_lead_label(lead), due_at - lead) for lead in policy.warn_before]
    return at_fractions + before_due


def _working_warning_points(
    received_at: datetime, due_at: datetime, policy: SlaPolicy, calendar: WorkCalendar
) -> list[tuple[str, datetime]]:
    total = calendar.working_time_between(received_at, due_at)

    def after_working(elapsed: timedelta) -> datetime:
        return calendar.next_working_moment(calendar.add_working_time(received_at, elapsed))

    at_fractions = [(_fraction_label(f), after_working(total * f)) for f in policy.warn_at_fractions]
    before_due = [(_lead_label(lead), after_working(total - lead)) for lead in policy.warn_before if lead < total]
    return at_fractions + before_due


def _sorted_unique_between(
    candidates: list[tuple[str, datetime]], received_at: datetime, due_at: datetime
) -> list[tuple[str, datetime]]:
    unique: dict[datetime, str] = {}
    for label, moment in candidates:
        if received_at < moment < due_at:
            unique.setdefault(moment, label)
    return sorted(((label, moment) for moment, label in unique.items()), key=lambda point: point[1])


def _fraction_label(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def _lead_label(lead: timedelta) -> str:
    """1h -> "1h_before", 30 min -> "30m_before", 90 min -> "1h30m_before"."""
    minutes = int(lead.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = ([f"{hours}h"] if hours else []) + ([f"{minutes}m"] if minutes else [])
    return f"{''.join(parts) or f'{int(lead.total_seconds())}s'}_before"


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")
