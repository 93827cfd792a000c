"""One tick of the deadline sweep over the fakes: warnings and escalations once per deadline, auto-resolution,
what was left in outboxes published, and an appeal that cannot be written set aside while the others go on."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain.model import Answer, AnswerKind, Appeal, HistoryAction, HistoryEntry, Status, WarningPoint
from otklik.services.events import write
from otklik.services.sweep import SweepService
from tests.builders import an_appeal, routed
from tests.fakes import T0, TOPICS, Clock, InMemoryAppeals, RecordingPublisher, decoded, relay


@pytest.fixture
def sweep(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> SweepService:
    return SweepService(appeals, appeals, relay(appeals, published), clock)


def due_in_twelve_hours(text: str = "Огромная яма на дороге") -> Appeal:
    return routed(an_appeal(text), due_at=T0 + timedelta(hours=12),
                  warnings=(WarningPoint(label="75%", at=T0 + timedelta(hours=9)),))


def actions(appeals: InMemoryAppeals, appeal_id: str) -> list[HistoryAction]:
    appeal = appeals.get(appeal_id)
    assert appeal is not None
    return [h.action for h in appeal.history if h.actor == "system:deadline_sweep"]


def test_a_warning_at_75_percent_and_an_escalation_at_the_deadline_each_once(
        sweep: SweepService, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeal = due_in_twelve_hours()
    appeals.put(appeal)

    clock.now = T0 + timedelta(hours=9, minutes=1)
    assert sweep.tick().notices == 1
    assert sweep.tick().notices == 0, "a second tick finds the warning given"
    clock.now = T0 + timedelta(hours=12, minutes=1)
    assert sweep.tick().notices == 1

    assert actions(appeals, appeal.id) == [HistoryAction.WARNING, HistoryAction.ESCALATED]
    assert [m["notice"] for m in decoded(published.published, TOPICS.name(TOPICS.deadline_warning))] == ["75%"]
    assert [m["notice"] for m in decoded(published.published, TOPICS.name(TOPICS.appeal_escalated))] == ["escalated"]
    assert appeals.current(appeal.id).overdue


def test_an_answer_stops_the_clock(sweep: SweepService, appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal = due_in_twelve_hours()
    answer = Answer(id="a1", kind=AnswerKind.INTERMEDIATE, text="В работе", author="op", created_at=T0)
    appeals.put(appeal.model_copy(update={"answers": (answer,)}))
    clock.now = T0 + timedelta(hours=13)
    assert sweep.tick().notices == 0


def test_an_answered_appeal_without_objection_is_resolved_when_its_time_comes(
        sweep: SweepService, appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal = routed(an_appeal())
    answered = appeal.changed(Status.ANSWERED, HistoryEntry(at=T0, actor="op", action=HistoryAction.ANSWERED_FINAL),
                              answered_at=T0, resolve_after=T0 + timedelta(hours=72))
    appeals.put(answered)

    clock.now = T0 + timedelta(hours=71)
    assert sweep.tick().auto_resolved == 0
    clock.now = T0 + timedelta(hours=72, seconds=1)
    assert sweep.tick().auto_resolved == 1
    assert appeals.current(appeal.id).status is Status.RESOLVED


def test_messages_left_in_outboxes_are_published_a_minute_later(
        sweep: SweepService, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeal = an_appeal()
    appeals.add(write(None, appeal))  # stored, its appeal.received never published

    assert sweep.tick().outbox_recovered == 0, "a change just made may still be publishing it"
    clock.advance(minutes=2)
    assert sweep.tick().outbox_recovered == 1
    assert [m["appeal_id"] for m in decoded(published.published, TOPICS.name(TOPICS.appeal_received))] == [appeal.id]
    assert appeals.pending_messages(appeal.id) == []


def test_an_appeal_that_cannot_be_written_is_set_aside_and_the_others_are_still_swept(
        sweep: SweepService, appeals: InMemoryAppeals, clock: Clock) -> None:
    stuck, fine = due_in_twelve_hours("яма у дома 1"), due_in_twelve_hours("яма у дома 2")
    appeals.put(stuck, fine)
    appeals.refused = {stuck.id}
    clock.now = T0 + timedelta(hours=12, minutes=1)

    report = sweep.tick()

    assert (report.notices, report.quarantined) == (1, 1)
    # The warning's time passed with the deadline's: only the escalation is owed.
    assert actions(appeals, fine.id) == [HistoryAction.ESCALATED]
    assert [q.appeal_id for q in appeals.quarantined(10)] == [stuck.id]
    assert sweep.tick().quarantined == 0, "set aside: not tried again every tick"
