"""The deadline sweep against the emulators with a controllable clock."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from otklik.domain.classification import Classification
from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.routing import apply_route, decide_route
from otklik.messages import DeadlineNotice, RegionalCallback
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.sweep import SweepService
from tests.builders import an_appeal, answered
from tests.conftest import Stack, seed_towns
from tests.support import TOWN, CountingRepository, MessageProbe

T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)


def routed_at(stack: Stack, received: datetime, channel: Channel = Channel.TELEGRAM, **changes: Any) -> Appeal:
    """An appeal received at `received`, stored and routed as the services store and route it."""
    appeal = an_appeal("яма на дороге", channel=channel, municipality=TOWN, received_at=received, **changes)
    created = write(None, appeal)
    assert stack.deps.appeals.add(created)
    decision = decide_route(appeal, Classification("roads", 0.9, False, ["яма"], "appeal"), stack.deps.towns.all())
    routed = apply_route(appeal, decision, received)
    writes = stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], routed)])
    stack.deps.outbox.publish([created, *writes])  # as the services do: only what a test leaves stays behind
    return routed


def sweeper(stack: Stack, now: datetime, page_size: int = 100, repository: Any = None) -> SweepService:
    repository = repository or stack.deps.appeals
    outbox = OutboxRelay(repository, stack.deps.publisher, stack.settings.topics)
    return SweepService(repository, repository, outbox, lambda: now, page_size=page_size)


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
    done = answered(appeal, "сделано", at=T0 + timedelta(hours=2), auto_resolve_after=timedelta(hours=72))
    stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], done)])

    assert sweeper(stack, T0 + timedelta(hours=73)).tick().auto_resolved == 0
    assert sweeper(stack, T0 + timedelta(hours=74, minutes=1)).tick().auto_resolved == 1
    resolved = stack.deps.appeals.get(appeal.id)
    assert resolved is not None and resolved.status is Status.RESOLVED
    assert history(stack, appeal.id) == ["resolved:"]


def test_the_sweep_publishes_appeals_left_unpublished(stack: Stack, probe: MessageProbe) -> None:
    from tests.integration.test_write_path import _ingest_publishing_to, incoming

    failing = _ingest_publishing_to(stack, f"{stack.settings.topics.prefix}missing")
    stored = failing.receive(incoming(), TOWN)
    assert stack.deps.appeals.pending_messages(stored.appeal_id)

    report = sweeper(stack, datetime.now(UTC) + timedelta(minutes=2)).tick()

    assert report.outbox_recovered == 1
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


# One bad appeal must not stop the sweep ----------------------------------------------------------------------------

RESIDENT_TEXT = "Иванова Мария, кв. 12, прорвало трубу"


class RecordingRepository(CountingRepository):
    """Counts reads as CountingRepository does, and remembers which appeals each transaction was for."""

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.transacted: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = super().__getattr__(name)
        if name != "transact":
            return attribute

        def transact(ids: list[str], change: Any) -> Any:
            self.transacted += ids
            return attribute(ids, change)
        return transact


def stored_document(stack: Stack, appeal_id: str) -> dict[str, Any]:
    snapshot = stack.deps.firestore.collection("appeals").document(appeal_id).get()
    assert snapshot.exists
    return snapshot.to_dict() or {}


def store_as_is(stack: Stack, appeal_id: str, document: dict[str, Any]) -> None:
    stack.deps.firestore.collection("appeals").document(appeal_id).set(document)


def fill_to_the_store_limit(stack: Stack, appeal_id: str) -> None:
    """The appeal with its text as long as the store accepts: anything the sweep adds makes it too large."""
    from google.api_core.exceptions import InvalidArgument

    document = stored_document(stack, appeal_id)
    fits, too_long = len(document["text"]), 1_048_576
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        try:
            store_as_is(stack, appeal_id, document | {"text": "x" * middle})
            fits = middle
        except InvalidArgument:
            too_long = middle
    store_as_is(stack, appeal_id, document | {"text": "x" * fits})


def answered_at(stack: Stack, received: datetime, resolve_after: datetime) -> Appeal:
    """An appeal received at `received` and answered an hour later, to resolve itself at `resolve_after`."""
    appeal = routed_at(stack, received)
    at = received + timedelta(hours=1)
    done = answered(appeal, "сделано", at=at, auto_resolve_after=resolve_after - at)
    writes = stack.deps.appeals.transact([appeal.id], lambda current: [write(current[appeal.id], done)])
    stack.deps.outbox.publish(writes)
    return done


def test_poison_appeals_first_in_order_are_set_aside_and_every_other_appeal_is_still_swept(
        stack: Stack, caplog: Any) -> None:
    import logging

    from otklik.logs import CloudLoggingFormatter

    seed_towns(stack)
    now = T0 + timedelta(hours=12, minutes=30)
    # First in the sweep's order: an appeal an older version stored in a shape that no longer parses (and left
    # unpublished), one so large that any change is refused, and an answered one whose history is corrupt.
    unreadable = routed_at(stack, T0 - timedelta(days=2))
    store_as_is(stack, unreadable.id, stored_document(stack, unreadable.id) | {
        "status": "closed_by_v1", "text": RESIDENT_TEXT, "next_notice_at": T0 - timedelta(days=1)})
    too_large = routed_at(stack, T0 - timedelta(days=1))
    fill_to_the_store_limit(stack, too_large.id)
    corrupt = answered_at(stack, T0 - timedelta(days=3), resolve_after=T0 - timedelta(days=1))
    store_as_is(stack, corrupt.id, stored_document(stack, corrupt.id) | {"history": "[{", "text": RESIDENT_TEXT})
    # Behind them, what the tick owes: an escalation, a warning, an auto-resolution and a recovery.
    escalated = routed_at(stack, T0)
    warned = routed_at(stack, T0 + timedelta(hours=3))
    resolved = answered_at(stack, T0, resolve_after=T0 + timedelta(hours=12))
    unpublished = an_appeal("нет света", received_at=T0)
    assert stack.deps.appeals.add(write(None, unpublished)), "stored with its appeal.received, never published"
    poison = {unreadable.id, too_large.id, corrupt.id}
    caplog.set_level(logging.INFO)

    report = sweeper(stack, now).tick()

    assert (report.notices, report.auto_resolved, report.quarantined, report.outbox_recovered) == (2, 1, 3, 1)
    assert history(stack, escalated.id) == ["escalated:escalated"]
    assert history(stack, warned.id) == ["warning:75%"]
    assert history(stack, resolved.id) == ["resolved:"]
    assert {q.appeal_id for q in stack.deps.appeals.quarantined(10)} == poison
    set_aside = [r for r in caplog.records if r.getMessage() == "appeal set aside by the deadline sweep"]
    assert sorted((r.appeal_id, r.error_type) for r in set_aside) == sorted(  # type: ignore[attr-defined]
        [(unreadable.id, "ValidationError"), (too_large.id, "InvalidArgument"), (corrupt.id, "JSONDecodeError")])
    assert all(r.failed_in.startswith(("firestore_appeals.py:", "appeal_documents.py:"))  # type: ignore[attr-defined]
               for r in set_aside)
    assert all(RESIDENT_TEXT not in CloudLoggingFormatter().format(r) for r in caplog.records)

    recording = RecordingRepository(stack.deps.appeals)
    again = sweeper(stack, now + timedelta(minutes=1), repository=recording).tick()
    assert again.quarantined == 0 and not poison & set(recording.transacted)
    assert recording.reads <= 6, recording.reads  # the empty queries only: nothing is read again


class FailingFor:
    """The repository, except that `method` (transact or quarantine) raises `error` for one appeal."""

    def __init__(self, inner: Any, appeal_id: str, error: Exception, method: str = "transact") -> None:
        self._inner = inner
        self._appeal_id = appeal_id
        self._error = error
        self._method = method

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name != self._method:
            return attribute

        def failing(ids: list[str] | str, *args: Any) -> Any:
            if self._appeal_id in ids:
                raise self._error
            return attribute(ids, *args)
        return failing


def test_a_storage_outage_stops_the_tick_and_sets_nothing_aside(stack: Stack) -> None:
    from otklik.services.ports import StorageUnavailable

    seed_towns(stack)
    first, second = routed_at(stack, T0), routed_at(stack, T0 + timedelta(minutes=1))
    late = T0 + timedelta(hours=13)
    outage = FailingFor(stack.deps.appeals, first.id, StorageUnavailable("firestore unavailable"))

    with pytest.raises(StorageUnavailable):
        sweeper(stack, late, repository=outage).tick()

    assert stack.deps.appeals.quarantined(10) == []
    assert history(stack, second.id) == [], "every other appeal would fail alike: the tick stops"
    sweeper(stack, late).tick()
    assert history(stack, first.id) == history(stack, second.id) == ["escalated:escalated"]


def test_a_contended_appeal_is_left_for_the_next_tick_and_the_others_go_on(stack: Stack) -> None:
    from otklik.services.ports import ConcurrentUpdate

    seed_towns(stack)
    first, second = routed_at(stack, T0), routed_at(stack, T0 + timedelta(minutes=1))
    late = T0 + timedelta(hours=13)
    contended = FailingFor(stack.deps.appeals, first.id, ConcurrentUpdate("kept changing"))

    report = sweeper(stack, late, repository=contended).tick()

    assert (report.notices, report.quarantined) == (1, 0)
    assert history(stack, second.id) == ["escalated:escalated"]
    assert stack.deps.appeals.quarantined(10) == [] and first.id in stack.deps.appeals.notices_due(late, 10)


def test_an_appeal_that_cannot_even_be_set_aside_still_does_not_stop_the_tick(stack: Stack) -> None:
    seed_towns(stack)
    unreadable = routed_at(stack, T0 - timedelta(days=1))
    store_as_is(stack, unreadable.id, stored_document(stack, unreadable.id) | {"status": "closed_by_v1"})
    other = routed_at(stack, T0)
    stuck = FailingFor(stack.deps.appeals, unreadable.id, RuntimeError("refused"), method="quarantine")

    report = sweeper(stack, T0 + timedelta(hours=13), repository=stuck).tick()

    assert (report.notices, report.quarantined) == (1, 0)
    assert history(stack, other.id) == ["escalated:escalated"]


def test_operators_list_the_appeals_set_aside_and_put_them_back(stack: Stack, capsys: Any) -> None:
    from otklik import cli

    seed_towns(stack)
    late = T0 + timedelta(hours=13)
    unreadable = routed_at(stack, T0 - timedelta(days=1))
    store_as_is(stack, unreadable.id, stored_document(stack, unreadable.id) | {"status": "closed_by_v1"})
    readable = routed_at(stack, T0)
    stack.deps.appeals.quarantine(readable.id, late)  # as if its change had been refused
    assert sweeper(stack, late).tick().quarantined == 1
    capsys.readouterr()

    assert cli.main(["appeals", "quarantined", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((q["appeal_id"], q["problem"]) for q in listed) == sorted(
        [(unreadable.id, "ValidationError"), (readable.id, None)])

    assert cli.main(["appeals", "release", unreadable.id]) == 1
    assert "ValidationError" in capsys.readouterr().err
    assert cli.main(["appeals", "release", readable.id]) == 0
    assert [q.appeal_id for q in stack.deps.appeals.quarantined(10)] == [unreadable.id]
    assert sweeper(stack, late).tick().notices == 1
    assert history(stack, readable.id) == ["escalated:escalated"]
