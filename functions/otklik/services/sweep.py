"""sweep_deadlines: one tick of the deadline clock. Warns, escalates, auto-resolves and publishes what changes left
in their outbox (appeal.received of a webhook whose publish failed, too), reading only what is due, in pages within
a time budget; what is left waits for the next tick.

Each appeal's step stands alone. When one fails for a reason that trying again will not fix (its document no
longer parses, Firestore refuses to write it), the appeal is set aside (quarantined: out of the sweep's queries,
listed by `python -m otklik appeals quarantined`) and the tick goes on with the others. When storage itself is
unavailable the tick stops: every other appeal would fail the same way, and the tick is delivered again."""
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
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealStore, AppealWrite, ConcurrentUpdate, StorageUnavailable, SweepQueries

log = logging.getLogger(__name__)
STALE_OUTBOX_AFTER = timedelta(minutes=1)
# The line operators alert on: one per appeal set aside, with its id as correlation id and the error's type.
SET_ASIDE = "appeal set aside by the deadline sweep"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class SweepReport:
    notices: int = 0
    auto_resolved: int = 0
    quarantined: int = 0
    outbox_recovered: int = 0
    finished: bool = True
    touched: list[str] = field(default_factory=list)


class Step(Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    QUARANTINED = "quarantined"


class SweepService:
    def __init__(self, appeals: AppealStore, due: SweepQueries, outbox: OutboxRelay, clock: Callable[[], datetime],
                 page_size: int = 100, budget_seconds: float = 50.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._appeals = appeals
        self._due = due
        self._outbox = outbox
        self._clock = clock
        self._page_size = page_size
        self._budget = budget_seconds
        self._monotonic = monotonic

    def tick(self) -> SweepReport:
        now = self._clock()
        deadline = self._monotonic() + self._budget
        report = SweepReport()
        try:
            report.notices, notices_done = self._sweep(self._due.notices_due, apply_due_notices, now,
                                                       deadline, report)
            report.auto_resolved, resolved_done = self._sweep(self._due.auto_resolve_due, auto_resolve, now,
                                                              deadline, report)
            report.finished = notices_done and resolved_done
            if self._monotonic() < deadline:
                report.outbox_recovered = self._outbox.flush_stale(now - STALE_OUTBOX_AFTER, self._page_size)
        except StorageUnavailable:
            report.finished = False
            log.warning("deadline sweep stopped: storage unavailable", extra=_tick_fields(report))
            raise
        log.info("deadline sweep", extra=_tick_fields(report))
        return report

    def _sweep(self, due: Callable[[datetime, int], list[str]], change: Callable[[Appeal, datetime], Appeal | None],
               now: datetime, deadline: float, report: SweepReport) -> tuple[int, bool]:
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
                step = self._apply(appeal_id, change, now)
                if step is Step.CHANGED:
                    changed += 1
                    report.touched.append(appeal_id)
                elif step is Step.QUARANTINED:
                    report.quarantined += 1
                if self._monotonic() >= deadline:
                    break
        return changed, False

    def _apply(self, appeal_id: str, change: Callable[[Appeal, datetime], Appeal | None], now: datetime) -> Step:
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
            self._outbox.publish(writes)
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


def _tick_fields(report: SweepReport) -> dict[str, object]:
    return {"notices": report.notices, "auto_resolved": report.auto_resolved, "quarantined": report.quarantined,
            "outbox_recovered": report.outbox_recovered, "finished": report.finished}
