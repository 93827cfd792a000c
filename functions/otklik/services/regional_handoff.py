"""Appeals routed to the `regional` department (healthcare and other regional matters) are handed
to the regional centre; the town keeps the record of it."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status
from otklik.logs import correlation
from otklik.messages import AppealRouted
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealStore, AppealWrite

log = logging.getLogger(__name__)
REGIONAL_DEPARTMENT = "regional"


class RegionalHandoffService:
    def __init__(self, repository: AppealStore, outbox: OutboxRelay, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._outbox = outbox
        self._clock = clock

    def handle(self, message: AppealRouted, attributes: dict[str, str]) -> bool:
        # The emulator ignores subscription filters, so the consumer checks what the filter selects.
        if attributes.get("department") != REGIONAL_DEPARTMENT or message.status != Status.ROUTED:
            return False
        with correlation(message.appeal_id):
            now = self._clock()

            def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                appeal = current[message.appeal_id]
                if appeal is None or appeal.department != REGIONAL_DEPARTMENT or _already_handed(appeal, message):
                    return []
                entry = HistoryEntry(at=now, actor="system:regional_handoff", action=HistoryAction.HANDED_TO_REGIONAL,
                                     details={"routed_at": message.changed_at.isoformat()})
                return [write(appeal, appeal.with_entry(entry))]

            writes = self._repository.transact([message.appeal_id], change)
            if writes:
                log.info("appeal handed to the regional centre")
                self._outbox.publish(writes)
            return bool(writes)


def _already_handed(appeal: Appeal, message: AppealRouted) -> bool:
    routed_at = message.changed_at.isoformat()
    return any(e.action is HistoryAction.HANDED_TO_REGIONAL and e.details.get("routed_at") == routed_at
               for e in appeal.history)
