"""Response deadlines and warning moments.

Times are written in Sakhalin local time (UTC+11) unless they say UTC; the calendar is the default
Mon–Fri 09:00–18:00 with the Russian production calendar.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from otklik.domain.calendar import WorkCalendar, load_calendar
from otklik.domain.deadlines import SlaPolicy, SlaRule, explained_deadline, response_deadline, warning_times
from otklik.domain.model import Channel

SAKHALIN = ZoneInfo("Asia/Sakhalin")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SAKHALIN)


def hours(count: float) -> timedelta:
    return timedelta(hours=count)


@pytest.fixture
def calendar() -> WorkCalendar:
    return load_calendar()


class TestRuleFor:
    POLICY = SlaPolicy(
        rules=[
            SlaRule(source="vk", hours=8),
            SlaRule(category="heating", hours=4),
            SlaRule(source="vk", category="heating", hours=2, mode="working"),
            SlaRule(source="telegram", hours=24, mode="working"),
        ],
        default_hours=12,
    )

    def test_source_and_category_beat_everything(self) -> None:
        assert self.POLICY.rule_for("vk", "heating").hours == 2

    def test_category_beats_source(self) -> None:
        assert self.POLICY.rule_for("telegram", "heating").hours == 4

    def test_source_applies_to_other_categories(self) -> None:
        assert self.POLICY.rule_for("vk", "roads").hours == 8
        assert self.POLICY.rule_for("vk", None).hours == 8

    def test_nothing_matching_gives_the_default(self) -> None:
        rule = self.POLICY.rule_for("ok", "roads")

        assert (rule.hours, rule.mode) == (12, "plain")

    def test_a_category_rule_does_not_match_an_unknown_category(self) -> None:
        assert self.POLICY.rule_for("ok", None).hours == 12

    def test_a_rule_for_any_source_and_category_replaces_the_default(self) -> None:
        policy = SlaPolicy(rules=[SlaRule(hours=6, mode="working"), SlaRule(source="vk", hours=8)])

        assert policy.rule_for("ok", "roads") == SlaRule(hours=6, mode="working")
        assert policy.rule_for("vk", "roads").hours == 8

    def test_channel_enum_works_as_source(self) -> None:
        assert self.POLICY.rule_for(Channel.VK, "roads").hours == 8

    def test_two_rules_for_the_same_key_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="more than one rule"):
            SlaPolicy(rules=[SlaRule(source="vk", hours=8), SlaRule(source="vk", hours=6)])

    def test_non_positive_hours_are_refused(self) -> None:
        with pytest.raises(ValidationError):
            SlaRule(hours=0)

    def test_warning_fraction_must_be_inside_the_period(self) -> None:
        with pytest.raises(ValidationError, match="between 0 and 1"):
            SlaPolicy(warn_at_fractions=[1.0])


class TestResponseDeadline:
    def test_plain_hours_cross_midnight(self, calendar: WorkCalendar) -> None:
        due = response_deadline(
            local(2026, 3, 13, 20), source="vk", category="roads", policy=SlaPolicy(), calendar=calendar
        )

        assert due == local(2026, 3, 14, 8)

    def test_plain_hours_ignore_weekends_and_holidays(self, calendar: WorkCalendar) -> None:
        due = response_deadline(
            local(2026, 1, 1, 10), source="vk", category=None, policy=SlaPolicy(), calendar=calendar
        )

        assert due == local(2026, 1, 1, 22)

    def test_utc_in_and_utc_out(self, calendar: WorkCalendar) -> None:
        # 09:00 UTC is 20:00 in Sakhalin; 12 plain hours later is 08:00 next day local, 21:00 UTC.
        due = response_deadline(
            datetime(2026, 3, 13, 9, tzinfo=UTC), source="vk", category=None, policy=SlaPolicy(), calendar=calendar
        )

        assert due.tzinfo == UTC
        assert due == datetime(2026, 3, 13, 21, tzinfo=UTC)

    def test_working_hours_friday_17_00_plus_12_is_tuesday_11_00(self, calendar: WorkCalendar) -> None:
        # Friday 17–18 (1 h) + Monday 09–18 (9 h) + Tuesday 09–11 (2 h).
        policy = SlaPolicy(default_hours=12, default_mode="working")

        due = response_deadline(local(2026, 3, 13, 17), source="vk", category=None, policy=policy, calendar=calendar)

        assert due == local(2026, 3, 17, 11)
        assert due == datetime(2026, 3, 17, 0, tzinfo=UTC)

    def test_working_hours_received_on_saturday_start_on_monday(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(rules=[SlaRule(source="telegram", hours=4, mode="working")])

        due = response_deadline(
            local(2026, 3, 14, 11), source="telegram", category=None, policy=policy, calendar=calendar
        )

        assert due == local(2026, 3, 16, 13)

    def test_working_hours_across_the_new_year_break(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(default_mode="working")

        due = response_deadline(local(2025, 12, 30, 17), source="vk", category=None, policy=policy, calendar=calendar)

        assert due == local(2026, 1, 13, 11)

    def test_regional_deadline_earlier_than_the_policy_wins(self, calendar: WorkCalendar) -> None:
        received = local(2026, 3, 11, 10)

        due = response_deadline(
            received,
            source="regional",
            category="roads",
            policy=SlaPolicy(),
            calendar=calendar,
            external_deadline=local(2026, 3, 11, 18),
        )

        assert due == local(2026, 3, 11, 18)
        assert due.tzinfo == UTC

    def test_regional_deadline_later_than_the_policy_does_not(self, calendar: WorkCalendar) -> None:
        due = response_deadline(
            local(2026, 3, 11, 10),
            source="regional",
            category="roads",
            policy=SlaPolicy(),
            calendar=calendar,
            external_deadline=local(2026, 3, 12, 10),
        )

        assert due == local(2026, 3, 11, 22)

    def test_regional_appeals_are_capped_at_12_clock_hours_under_a_working_rule(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(default_mode="working")

        regional = response_deadline(
            local(2026, 3, 13, 17), source="regional", category=None, policy=policy, calendar=calendar
        )
        direct = response_deadline(local(2026, 3, 13, 17), source="vk", category=None, policy=policy, calendar=calendar)

        assert regional == local(2026, 3, 14, 5)
        assert direct == local(2026, 3, 17, 11)

    def test_regional_cap_can_be_switched_off(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(default_mode="working", regional_limit_hours=None)

        due = response_deadline(
            local(2026, 3, 13, 17), source="regional", category=None, policy=policy, calendar=calendar
        )

        assert due == local(2026, 3, 17, 11)

    def test_naive_receipt_time_is_refused(self, calendar: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            response_deadline(
                datetime(2026, 3, 11, 10), source="vk", category=None, policy=SlaPolicy(), calendar=calendar
            )


class TestWarningTimesPlain:
    def test_75_percent_and_one_hour_before(self, calendar: WorkCalendar) -> None:
        received = local(2026, 3, 13, 20)

        points = warning_times(received, received + hours(12), policy=SlaPolicy(), calendar=calendar, mode="plain")

        assert points == [("75%", local(2026, 3, 14, 5)), ("1h_before", local(2026, 3, 14, 7))]
        assert all(moment.tzinfo == UTC for _, moment in points)

    def test_points_are_sorted_by_time(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(warn_at_fractions=[0.9, 0.5], warn_before=[timedelta(minutes=30), hours(3)])
        received = local(2026, 3, 11, 10)

        points = warning_times(received, received + hours(12), policy=policy, calendar=calendar, mode="plain")

        assert points == [
            ("50%", local(2026, 3, 11, 16)),
            ("3h_before", local(2026, 3, 11, 19)),
            ("90%", local(2026, 3, 11, 20, 48)),
            ("30m_before", local(2026, 3, 11, 21, 30)),
        ]

    def test_coinciding_points_are_kept_once(self, calendar: WorkCalendar) -> None:
        received = local(2026, 3, 11, 10)

        points = warning_times(received, received + hours(4), policy=SlaPolicy(), calendar=calendar, mode="plain")

        assert points == [("75%", local(2026, 3, 11, 13))]

    def test_points_before_receipt_are_dropped(self, calendar: WorkCalendar) -> None:
        # A regional deadline 45 minutes after receipt: "1 hour before" would precede receipt.
        received = local(2026, 3, 11, 10)

        points = warning_times(
            received, received + timedelta(minutes=45), policy=SlaPolicy(), calendar=calendar, mode="plain"
        )

        assert points == [("75%", received + timedelta(minutes=33, seconds=45))]

    def test_a_deadline_already_passed_has_no_warnings(self, calendar: WorkCalendar) -> None:
        received = local(2026, 3, 11, 10)

        assert warning_times(received, received - hours(1), policy=SlaPolicy(), calendar=calendar, mode="plain") == []


class TestWarningTimesWorking:
    def test_fractions_and_lead_times_are_working_time(self, calendar: WorkCalendar) -> None:
        # 12 working hours from Friday 17:00 to Tuesday 11:00: 75 % = 9 h in, Monday 17:00;
        # one working hour before Tuesday 11:00 is Tuesday 10:00.
        received, due = local(2026, 3, 13, 17), local(2026, 3, 17, 11)

        points = warning_times(received, due, policy=SlaPolicy(), calendar=calendar, mode="working")

        assert points == [("75%", local(2026, 3, 16, 17)), ("1h_before", local(2026, 3, 17, 10))]

    def test_one_working_hour_before_a_monday_morning_deadline_is_at_opening(self, calendar: WorkCalendar) -> None:
        # Due Monday 10:00: one working hour before is reached on Friday at closing, when nobody is
        # there, so the warning goes out at Monday's opening.
        received, due = local(2026, 3, 12, 10), local(2026, 3, 16, 10)

        points = warning_times(received, due, policy=SlaPolicy(), calendar=calendar, mode="working")

        assert ("1h_before", local(2026, 3, 16, 9)) in points

    def test_a_fraction_landing_on_closing_moves_to_the_next_opening(self, calendar: WorkCalendar) -> None:
        # 16 working hours from Thursday 15:00 to Monday 13:00: 75 % = 12 h in, exactly Friday 18:00,
        # so the warning goes out at Monday 09:00.
        received, due = local(2026, 3, 12, 15), local(2026, 3, 16, 13)

        points = warning_times(received, due, policy=SlaPolicy(), calendar=calendar, mode="working")

        assert points == [("75%", local(2026, 3, 16, 9)), ("1h_before", local(2026, 3, 16, 12))]

    def test_across_the_new_year_break(self, calendar: WorkCalendar) -> None:
        received, due = local(2025, 12, 30, 17), local(2026, 1, 13, 11)

        points = warning_times(received, due, policy=SlaPolicy(), calendar=calendar, mode="working")

        assert points == [("75%", local(2026, 1, 12, 17)), ("1h_before", local(2026, 1, 13, 10))]

    def test_working_warnings_for_a_deadline_capped_outside_hours(self, calendar: WorkCalendar) -> None:
        # Received Friday 17:00 with a regional cap at Saturday 05:00: only one working hour lies in
        # between, so "1 hour before" would fall on receipt and is dropped.
        received, due = local(2026, 3, 13, 17), local(2026, 3, 14, 5)

        points = warning_times(received, due, policy=SlaPolicy(), calendar=calendar, mode="working")

        assert points == [("75%", local(2026, 3, 13, 17, 45))]

    def test_deadline_and_warnings_together(self, calendar: WorkCalendar) -> None:
        policy = SlaPolicy(rules=[SlaRule(source="vk", hours=8, mode="working")])
        received = datetime(2026, 3, 13, 6, tzinfo=UTC)  # Friday 17:00 local
        rule = policy.rule_for("vk", None)

        due = response_deadline(received, source="vk", category=None, policy=policy, calendar=calendar)
        points = warning_times(received, due, policy=policy, calendar=calendar, mode=rule.mode)

        assert due == local(2026, 3, 16, 16)
        assert points == [("75%", local(2026, 3, 16, 14)), ("1h_before", local(2026, 3, 16, 15))]


class TestDeadlineReason:
    WORKING = SlaPolicy(default_hours=12, default_mode="working")

    def test_a_working_hours_deadline_into_a_year_without_a_calendar_is_provisional(
            self, calendar: WorkCalendar) -> None:
        deadline = explained_deadline(local(2027, 12, 30, 20), source="telegram", category="roads",
                                      policy=self.WORKING, calendar=calendar)

        assert deadline.due_at == local(2028, 1, 11, 12)
        assert deadline.provisional_years == (2028,)
        assert deadline.reason.startswith("PROVISIONAL: no production calendar published for 2028")
        assert "ст. 112 ТК РФ" in deadline.reason and "12 working hours" in deadline.reason

    def test_within_published_years_the_reason_is_the_rule(self, calendar: WorkCalendar) -> None:
        deadline = explained_deadline(local(2027, 12, 20, 10), source="telegram", category="roads",
                                      policy=self.WORKING, calendar=calendar)

        assert (deadline.provisional_years, deadline.reason) == ((), "12 working hours by the town's default")

    def test_plain_hours_never_depend_on_a_calendar(self, calendar: WorkCalendar) -> None:
        deadline = explained_deadline(local(2027, 12, 30, 20), source="telegram", category="roads",
                                      policy=SlaPolicy(rules=[SlaRule(category="roads", hours=48)]), calendar=calendar)

        assert deadline.due_at == local(2028, 1, 1, 20)
        assert deadline.reason == "48 hours by the town's rule for category roads"

    def test_caps_are_named(self, calendar: WorkCalendar) -> None:
        regional = explained_deadline(local(2026, 3, 13, 17), source="regional", category=None, policy=self.WORKING,
                                      calendar=calendar)
        sent = explained_deadline(local(2026, 3, 13, 10), source="vk", category=None, policy=self.WORKING,
                                  calendar=calendar, external_deadline=local(2026, 3, 13, 12))

        assert regional.reason.endswith("capped at the regional centre's limit of 12 hours")
        assert sent.reason.endswith("the earlier deadline sent with the appeal")
