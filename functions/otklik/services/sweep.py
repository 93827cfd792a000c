"""sweep_deadlines: one tick of the deadline clock. Warns, escalates, auto-resolves and publishes what changes left
in their outbox (appeal.received of a webhook whose publish failed, too), reading only what is due, in pages within
a time budget; what is left waits for the next tick.

Each appeal's step stands alone. When one fails for a reason that trying again will not fix (its document no
longer parses, Firestore refuses to write it), the appeal is set aside (quarantined: out of the sweep's queries,
listed by `python -m otklik appeals quarantined`) and the tick goes on with the others. When storage itself is
unavailable the tick stops: every other appeal would fail the same way, and the tick is delivered again.

Once a day at most, while this or (from October) next year's production calendar is missing, the tick reports it
(`calendar_warning`, and a WARNING line `production calendar missing`) for the supervisors' chat."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from otklik.domain.model import Appeal
from otklik.domain.sweep import apply_due_notices, auto_resolve
from otklik.logs import correlation
from otklik.services.calendars import CALENDAR_MISSING
from otklik.services.events import write
from otklik.services.incident_sweep import IncidentSweep
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import (
    AppealStore,
    AppealWrite,
    ConcurrentUpdate,
    OutboxMessage,
    PublishFailed,
    StorageUnavailable,
    SweepQueries,
    TownDirectory,
)
from otklik.services.staff_digests import NOTICE_TOPICS, HeldNotice, announcements, digests, hold_notices

log = logging.getLogger(__name__)
STALE_OUTBOX_AFTER = timedelta(minutes=1)
# The line operators alert on: one per appeal set aside, with its id as correlation id and the error's type.
SET_ASIDE = "appeal set aside by the deadline sweep"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class SweepReport:
    notices: int = 0
    incident_notices: int = 0  # incidents warned or escalated: one notice each, for all their members
    incidents_resolved: int = 0  # answered incidents resolved when their time came
    auto_resolved: int = 0
    quarantined: int = 0
    outbox_recovered: int = 0
    staff_digests: int = 0
    finished: bool = True
    touched: list[str] = field(default_factory=list)
    # Set on the one tick of a day that warns that a production calendar is missing (Russian, for the supervisors).
    calendar_warning: str | None = None


class Step(Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    QUARANTINED = "quarantined"


class SweepService:
    def __init__(self, appeals: AppealStore, due: SweepQueries, outbox: OutboxRelay, clock: Callable[[], datetime],
                 page_size: int = 100, budget_seconds: float = 50.0,
                 monotonic: Callable[[], float] = time.monotonic,
                 calendar_warning: Callable[[datetime], str | None] | None = None,
                 towns: TownDirectory | None = None, incidents: IncidentSweep | None = None) -> None:
        """`calendar_warning`: the missing-calendar warning when it is due today and not yet given (CalendarService),
        told to the supervisors of `towns` that have a duty chat for them."""
        self._appeals = appeals
        self._due = due
        self._outbox = outbox
        self._clock = clock
        self._page_size = page_size
        self._budget = budget_seconds
        self._monotonic = monotonic
        self._calendar_warning = calendar_warning
        self._towns = towns
        self._incidents = incidents

    def tick(self) -> SweepReport:
        now = self._clock()
        deadline = self._monotonic() + self._budget
        report = SweepReport()
        # The tick's deadline notices, held back from relaying until its staff digests are published
        # (services/staff_digests.py).
        held: list[HeldNotice] = []
        try:
            report.notices, notices_done = self._sweep(self._due.notices_due, apply_due_notices, now,
                                                       deadline, report, held)
            report.auto_resolved, resolved_done = self._sweep(self._due.auto_resolve_due, auto_resolve, now,
                                                              deadline, report, held)
            self._sweep_incidents(now, deadline, held, report)
            report.finished = notices_done and resolved_done
            if self._monotonic() < deadline:
                report.outbox_recovered = self._outbox.flush_stale(now - STALE_OUTBOX_AFTER, self._page_size,
                                                                   hold=_holder(held))
            report.staff_digests = self._publish_digests(held, now)
            report.calendar_warning = self._warn_of_missing_calendar(now)
        except StorageUnavailable:
            report.finished = False
            log.warning("deadline sweep stopped: storage unavailable", extra=_tick_fields(report))
            raise
        log.info("deadline sweep", extra=_tick_fields(report))
        return report

    def _sweep_incidents(self, now: datetime, deadline: float, held: list[HeldNotice], report: SweepReport) -> None:
        """One notice per incident for all its members, held for the tick's digests like the appeals' ones; and
        answered incidents whose time came resolved."""
        if self._incidents is None:
            return

        def in_time() -> bool:
            return self._monotonic() < deadline

        writes, report.incident_notices = self._incidents.sweep(now, in_time)
        relay_now, notices = hold_notices(writes)
        self._outbox.publish(relay_now)
        held.extend(notices)
        report.incidents_resolved = self._incidents.resolve_due(now, in_time)

    def _warn_of_missing_calendar(self, now: datetime) -> str | None:
        warning = self._calendar_warning(now) if self._calendar_warning is not None else None
        if warning is not None:
            log.warning(CALENDAR_MISSING, extra={"warning": warning})
            self._announce(warning, now)
        return warning

    def _announce(self, text: str, now: datetime) -> None:
        if self._towns is None:
            return
        towns = [code for code, town in self._towns.all().items() if town.duty_chats.supervisors is not None]
        try:
            for message in announcements(towns, text, now):
                self._outbox.send(message)
        except PublishFailed:
            # The WARNING line above is alerted on; the chats hear of it on the next day's tick.
            log.warning("announcement to the supervisors not published", exc_info=True)

    def _publish_digests(self, held: list[HeldNotice], now: datetime) -> int:
        """The tick's digests, then the held notices relayed as usual; a digest that cannot be published leaves
        them all in their outboxes, for the next tick's recovery to put into its digest."""
        if not held:
            return 0
        made = digests(held, now)
        try:
            for digest in made:
                self._outbox.send(digest)
        except PublishFailed:
            log.warning("staff digest not published; its notices wait in their outboxes for the next tick",
                        exc_info=True)
            return 0
        self._outbox.publish_held(held)
        return len(made)

    def _sweep(self, due: Callable[[datetime, int], list[str]], change: Callable[[Appeal, datetime], Appeal | None],
               now: datetime, deadline: float, report: SweepReport, held: list[HeldNotice]) -> tuple[int, bool]:
        """Pages through what `due` finds; each appeal changed in its own transaction, so a concurrent or
        repeated tick finds the work done and changes nothing."""
        changed = 0
        seen: set[str] = set()
        while self._monotonic() < deadline:
            page = [appeal_id for appeal_id in due(now, self._page_size) if appeal_id not in seen]
            if not page:
                return changed, True
            for appeal_id in page:
                seen.add(appeal_id)
                step = self._apply(appeal_id, change, now, held)
                if step is Step.CHANGED:
                    changed += 1
                    report.touched.append(appeal_id)
                elif step is Step.QUARANTINED:
                    report.quarantined += 1
                if self._monotonic() >= deadline:
                    break
        return changed, False

    def _apply(self, appeal_id: str, change: Callable[[Appeal, datetime], Appeal | None], now: datetime,
               held: list[HeldNotice]) -> Step:
        with correlation(appeal_id):
            def decide(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                appeal = current[appeal_id]
                changed = change(appeal, now) if appeal is not None else None
                return [write(appeal, changed)] if appeal is not None and changed is not None else []

            try:
                writes = self._appeals.transact([appeal_id], decide)
            except ConcurrentUpdate:
                # A concurrent tick is changing it; whatever is still due is found again next time.
                log.warning("appeal contended; left for the next tick")
                return Step.UNCHANGED
            except StorageUnavailable:
                raise
            except Exception as error:  # whatever this one appeal raises must not stop the others
                return self._set_aside(appeal_id, change, now, error)
            relay_now, notices = hold_notices(writes)
            self._outbox.publish(relay_now)
            held.extend(notices)
            return Step.CHANGED if writes else Step.UNCHANGED

    def _set_aside(self, appeal_id: str, change: Callable[[Appeal, datetime], Appeal | None], now: datetime,
                   error: Exception) -> Step:
        # The error's message is not logged: a validation error quotes the stored values, residents' texts too.
        fields = {"error_type": type(error).__name__, "step": change.__name__, "failed_in": _where(error)}
        try:
            self._due.quarantine(appeal_id, now)
        except StorageUnavailable:
            raise
        except Exception as quarantine_error:
            log.error("appeal failed in the deadline sweep and could not be set aside; the tick goes on",
                      extra=fields | {"quarantine_error_type": type(quarantine_error).__name__})
            return Step.UNCHANGED
        log.error(SET_ASIDE, extra=fields)
        return Step.QUARANTINED


def _where(error: BaseException) -> str | None:
    """The innermost line of our own code the error passed through: where to look, without the error's text."""
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        path = Path(traceback.tb_frame.f_code.co_filename).resolve()
        if _PACKAGE in path.parents:
            found = f"{path.name}:{traceback.tb_lineno} ({traceback.tb_frame.f_code.co_name})"
        traceback = traceback.tb_next
    return found


def _holder(held: list[HeldNotice]) -> Callable[[str, OutboxMessage], bool]:
    def hold(appeal_id: str, message: OutboxMessage) -> bool:
        if message.topic not in NOTICE_TOPICS:
            return False
        # A notice held already this tick (an incident's, written beside an unchanged appeal whose outbox time is
        # its last entry's) is held once.
        if all(message.id != other.id for _, other in held):
            held.append((appeal_id, message))
        return True

    return hold


def _tick_fields(report: SweepReport) -> dict[str, object]:
    return {"notices": report.notices, "incident_notices": report.incident_notices,
            "incidents_resolved": report.incidents_resolved,
            "auto_resolved": report.auto_resolved, "quarantined": report.quarantined,
            "outbox_recovered": report.outbox_recovered, "staff_digests": report.staff_digests,
            "finished": report.finished}
