"""sweep_deadlines: one tick of the deadline clock. Warns, escalates, auto-resolves and recovers, reading
only what is due, in pages within a time budget; what is left waits for the next tick."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from otklik.domain.model import Appeal
from otklik.domain.sweep import apply_due_notices, auto_resolve
from otklik.logs import correlation
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealRepository, AppealWrite, ConcurrentUpdate
from otklik.services.republish import RepublishService

log = logging.getLogger(__name__)
STALE_OUTBOX_AFTER = timedelta(minutes=1)


@dataclass
class SweepReport:
    notices: int = 0
    auto_resolved: int = 0
    republished: int = 0
    outbox_recovered: int = 0
    finished: bool = True
    touched: list[str] = field(default_factory=list)


class SweepService:
    def __init__(self, repository: AppealRepository, outbox: OutboxRelay, republish: RepublishService,
                 clock: Callable[[], datetime], page_size: int = 100, budget_seconds: float = 50.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._repository = repository
        self._outbox = outbox
        self._republish = republish
        self._clock = clock
        self._page_size = page_size
        self._budget = budget_seconds
        self._monotonic = monotonic

    def tick(self) -> SweepReport:
        now = self._clock()
        deadline = self._monotonic() + self._budget
        report = SweepReport()
        report.notices, notices_done = self._sweep(self._repository.notices_due, apply_due_notices, now, deadline, report)
        report.auto_resolved, resolved_done = self._sweep(self._repository.auto_resolve_due, auto_resolve, now,
                                                          deadline, report)
        report.finished = notices_done and resolved_done
        if self._monotonic() < deadline:
            report.republished = self._republish.run(max_pages=5).published
            report.outbox_recovered = self._outbox.flush_stale(now - STALE_OUTBOX_AFTER, self._page_size)
        log.info("deadline sweep", extra={"notices": report.notices, "auto_resolved": report.auto_resolved,
                                          "republished": report.republished, "finished": report.finished})
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
                if self._apply(appeal_id, change, now):
                    changed += 1
                    report.touched.append(appeal_id)
                if self._monotonic() >= deadline:
                    break
        return changed, False

    def _apply(self, appeal_id: str, change: Callable[[Appeal, datetime], Appeal | None], now: datetime) -> bool:
        with correlation(appeal_id):
            def decide(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                appeal = current[appeal_id]
                changed = change(appeal, now) if appeal is not None else None
                return [write(appeal, changed)] if appeal is not None and changed is not None else []

            try:
                writes = self._repository.transact([appeal_id], decide)
            except ConcurrentUpdate:
                # A concurrent tick is changing it; whatever is still due is found again next time.
                log.warning("appeal contended; left for the next tick")
                return False
            self._outbox.publish(writes)
            return bool(writes)
