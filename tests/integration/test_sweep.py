"""The deadline sweep against the emulators with a controllable clock."""
from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from otklik.domain.classification import Classification
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import (
    Answer,
    AnswerKind,
    Appeal,
    Author,
    Channel,
    SourceKind,
    SourceRef,
    Status,
)
from otklik.domain.routing import apply_route, decide_route
from otklik.messages import DeadlineNotice, RegionalCallback
from otklik.services.events import write
from otklik.services.republish import RepublishService
from otklik.services.sweep import SweepService

from tests.conftest import Stack, seed_towns
from tests.support import TOWN, CountingRepository, MessageProbe

T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)
_numbers = itertools.count()


def routed_at(stack: Stack, received: datetime, channel: Channel = Channel.TELEGRAM, status: Status = Status.ROUTED,
              **changes: Any) -> Appeal:
    number = next(_numbers)
    source = SourceRef(platform=channel, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE, event_id=f"e{number}",
                       chat_id=str(number))
    appeal = Appeal(id=appeal_id_for(channel, "yuzhno", f"e{number}"), municipality=TOWN, channel=channel,
                    source=source, author=Author(platform_user_id=f"u{number}"), text="яма на дороге",
                    received_at=received, **changes)
    assert stack.deps.appeals.add(appeal, stored_at=received)
    decision = decide_route(appeal, Classification("roads", 0.9, False, ["яма"], "appeal"), stack.deps.towns.all())
    routed = apply_route(appeal, decision, received)
    stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], routed)])
    return routed


def sweeper(stack: Stack, now: datetime, page_size: int = 100, repository: Any = None) -> SweepService:
    repository = repository or stack.deps.appeals
    republish = RepublishService(repository, stack.deps.appeal_publisher, lambda: now, timedelta(minutes=1))
    return SweepService(repository, stack.deps.outbox, republish, lambda: now, page_size=page_size)


def history(stack: Stack, appeal_id: str) -> list[str]:
    appeal = stack.deps.appeals.get(appeal_id)
    assert appeal is not None
    return [f"{h.action}:{h.details.get('notice', '')}" for h in appeal.history if h.actor == "system:deadline_sweep"]


def test_warnings_and_the_escalation_happen_at_their_moments_once_each(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0)
    warnings, escalations = stack.probe("deadline_warning"), stack.probe("appeal_escalated")
    try:
        for hours in (1, 8.9, 9.1, 9.2, 11.05, 11.5, 12.01, 12.5, 30):
            sweeper(stack, T0 + timedelta(hours=hours)).tick()
        assert history(stack, appeal.id) == ["warning:75%", "warning:1h_before", "escalated:escalated"]
        stored = stack.deps.appeals.get(appeal.id)
        assert stored is not None and stored.overdue
        assert sorted(DeadlineNotice.model_validate_json(m.data).notice for m in warnings.collect(expected=2)) == [
            "1h_before", "75%"]
        (escalated,) = escalations.collect(expected=1)
        assert escalated.attributes["department"] == "city_economy"
    finally:
        warnings.close()
        escalations.close()


def test_concurrent_and_redelivered_ticks_give_each_notice_once(stack: Stack) -> None:
    seed_towns(stack)
    appeals = [routed_at(stack, T0 + timedelta(minutes=i)) for i in range(5)]
    probe = stack.probe("appeal_escalated")
    try:
        late = T0 + timedelta(hours=13)
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda _: sweeper(stack, late).tick(), range(4)))
        sweeper(stack, late).tick()
        for appeal in appeals:
            assert history(stack, appeal.id) == ["escalated:escalated"]
        assert len(probe.collect(expected=5, settle_seconds=1.5)) == 5
    finally:
        probe.close()


def test_regional_appeals_escalate_to_the_regional_centre_too(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0, channel=Channel.REGIONAL, external_deadline=T0 + timedelta(hours=6))
    probe = stack.probe("regional_callback")
    try:
        sweeper(stack, T0 + timedelta(hours=6, minutes=1)).tick()
        (message,) = probe.collect(expected=1)
        callback = RegionalCallback.model_validate_json(message.data)
        assert (callback.event_type, callback.appeal_id) == ("escalated", appeal.id)
    finally:
        probe.close()


def test_answered_appeals_resolve_themselves_after_the_towns_time(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0)
    answer = Answer(id="a", kind=AnswerKind.FINAL, text="сделано", author="op", created_at=T0 + timedelta(hours=2))
    answered = appeal.changed(Status.ANSWERED, appeal.history[-1].model_copy(update={"action": "answered_final",
                                                                                      "details": {"answer_id": "a"}}),
                              answers=(answer,), answered_at=answer.created_at,
                              resolve_after=answer.created_at + timedelta(hours=72))
    stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], answered)])

    assert sweeper(stack, T0 + timedelta(hours=73)).tick().auto_resolved == 0
    assert sweeper(stack, T0 + timedelta(hours=74, minutes=1)).tick().auto_resolved == 1
    resolved = stack.deps.appeals.get(appeal.id)
    assert resolved is not None and resolved.status is Status.RESOLVED
    assert history(stack, appeal.id) == ["resolved:"]


def test_the_sweep_publishes_appeals_left_unpublished(stack: Stack, probe: MessageProbe) -> None:
    from tests.integration.test_write_path import _service_publishing_to, incoming

    failing, _ = _service_publishing_to(stack, f"{stack.settings.topics.prefix}missing")
    stored = failing.receive(incoming(), TOWN)
    assert not stored.published

    report = sweeper(stack, datetime.now(UTC) + timedelta(minutes=2)).tick()

    assert report.republished == 1
    (message,) = probe.collect(expected=1)
    assert message.attributes["appeal_id"] == stored.appeal_id


def test_the_sweep_reads_what_is_due_not_every_open_appeal(stack: Stack) -> None:
    seed_towns(stack)
    for minute in range(120):  # open, far from any deadline at the sweep's moment
        routed_at(stack, T0 + timedelta(hours=10, minutes=minute))
    due = [routed_at(stack, T0 - timedelta(hours=1, minutes=i)) for i in range(6)]
    counting = CountingRepository(stack.deps.appeals)

    report = sweeper(stack, T0 + timedelta(hours=11, minutes=30), page_size=4, repository=counting).tick()

    assert sorted(report.touched) == sorted(a.id for a in due)
    # Each due appeal is read twice (found, then changed in its transaction), plus a few empty queries.
    assert counting.reads <= 2 * len(due) + 6, counting.reads
