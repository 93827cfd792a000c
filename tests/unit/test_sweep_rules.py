"""When warnings, escalations and auto-resolution fall due: pure rules with the clock given."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from otklik.domain.calendar import load_calendar
from otklik.domain.deadlines import SlaPolicy
from otklik.domain.model import AnswerKind, Appeal, HistoryAction, Status
from otklik.domain.sweep import (
    apply_due_notices,
    auto_resolve,
    next_notice_at,
    plan_warnings,
)
from tests.builders import an_appeal, answered, routed

CALENDAR = load_calendar()
PLAIN = SlaPolicy()
WORKING = SlaPolicy(default_mode="working")
T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)  # Wednesday 11:00 in Sakhalin


def a_road_appeal(received: datetime = T0, policy: SlaPolicy = PLAIN) -> Appeal:
    """A Telegram appeal about a road, routed with the deadline and warnings `policy` gives."""
    from otklik.domain.deadlines import response_deadline

    due_at = response_deadline(received, source="telegram", category="roads", policy=policy, calendar=CALENDAR)
    return routed(an_appeal("яма", received_at=received), category="roads", due_at=due_at,
                  warnings=plan_warnings(received, due_at, policy=policy, calendar=CALENDAR, source="telegram",
                                         category="roads"))


def actions(appeal: Appeal | None) -> list[str]:
    """What happened to the appeal after it was received and routed."""
    assert appeal is not None
    received, routing, *since = appeal.history
    assert (received.action, routing.action) == (HistoryAction.RECEIVED, HistoryAction.ROUTED)
    return [f"{h.action}:{h.details.get('notice')}" for h in since]


def test_plain_policy_warns_at_75_percent_and_an_hour_before_then_escalates_once() -> None:
    appeal = a_road_appeal()
    assert [(p.label, p.at - T0) for p in appeal.warning_points] == [
        ("75%", timedelta(hours=9)), ("1h_before", timedelta(hours=11))]
    assert next_notice_at(appeal) == T0 + timedelta(hours=9)
    assert apply_due_notices(appeal, T0 + timedelta(hours=8, minutes=59)) is None

    warned = apply_due_notices(appeal, T0 + timedelta(hours=9, minutes=1))
    assert actions(warned) == ["warning:75%"]
    assert apply_due_notices(warned, T0 + timedelta(hours=9, minutes=6)) is None  # a repeated tick
    warned_again = apply_due_notices(warned, T0 + timedelta(hours=11))  # type: ignore[arg-type]
    escalated = apply_due_notices(warned_again, T0 + timedelta(hours=12))  # type: ignore[arg-type]
    assert actions(escalated) == ["warning:75%", "warning:1h_before", "escalated:escalated"]
    assert escalated is not None and escalated.overdue and next_notice_at(escalated) is None
    assert apply_due_notices(escalated, T0 + timedelta(hours=20)) is None


def test_a_first_tick_after_the_deadline_escalates_without_stale_warnings() -> None:
    escalated = apply_due_notices(a_road_appeal(), T0 + timedelta(hours=13))
    assert actions(escalated) == ["escalated:escalated"]
    assert escalated is not None and next_notice_at(escalated) is None


def test_a_response_stops_the_clock() -> None:
    appeal = answered(a_road_appeal(), "в работе", kind=AnswerKind.INTERMEDIATE, at=T0 + timedelta(hours=1))
    assert next_notice_at(appeal) is None
    assert apply_due_notices(appeal, T0 + timedelta(hours=20)) is None


def test_a_reopened_appeal_is_warned_and_escalated_again_for_its_new_deadline() -> None:
    from otklik.domain.followups import reopen

    escalated = apply_due_notices(a_road_appeal(), T0 + timedelta(hours=13))
    assert escalated is not None
    done = answered(escalated, "готово", at=T0 + timedelta(hours=14))
    later = T0 + timedelta(days=1)
    reopened = reopen(done, later, later + timedelta(hours=12), "не решено", "resident:u",
                      plan_warnings(later, later + timedelta(hours=12), policy=PLAIN, calendar=CALENDAR,
                                    source="telegram", category="roads"))
    assert next_notice_at(reopened) == later + timedelta(hours=9)
    assert actions(apply_due_notices(reopened, later + timedelta(hours=12)))[-1] == "escalated:escalated"


def local(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC) - timedelta(hours=11)


def test_working_hours_friday_evening_is_due_on_tuesday_and_not_escalated_over_the_weekend() -> None:
    appeal = a_road_appeal(received=local(2026, 6, 5, 17), policy=WORKING)
    assert appeal.due_at == local(2026, 6, 9, 11)
    for moment in (local(2026, 6, 6, 12), local(2026, 6, 7, 23), local(2026, 6, 8, 8)):
        assert all(n.split(":")[0] != "escalated" for n in actions(apply_due_notices(appeal, moment) or appeal))
    assert actions(apply_due_notices(appeal, local(2026, 6, 9, 11)))[-1] == "escalated:escalated"


def test_working_hours_across_the_new_year_holidays() -> None:
    appeal = a_road_appeal(received=local(2025, 12, 30, 17), policy=WORKING)
    assert appeal.due_at == local(2026, 1, 13, 11)
    assert apply_due_notices(appeal, local(2026, 1, 8, 12)) is None, "nothing falls due during the holidays"
    # 75 % of 12 working hours is 9: 1 h on Dec 30 and 8 h on Monday Jan 12 (Dec 31 to Jan 11 are days off).
    assert [p.at for p in appeal.warning_points] == [local(2026, 1, 12, 17), local(2026, 1, 13, 10)]


def test_auto_resolution_after_the_towns_time_without_objection() -> None:
    done = answered(a_road_appeal(), at=T0, auto_resolve_after=timedelta(hours=72))
    assert done.resolve_after == T0 + timedelta(hours=72)
    assert auto_resolve(done, T0 + timedelta(hours=71)) is None
    resolved = auto_resolve(done, T0 + timedelta(hours=72))
    assert resolved is not None and resolved.status is Status.RESOLVED and resolved.resolve_after is None
    assert auto_resolve(a_road_appeal(), T0 + timedelta(days=10)) is None
