"""Folding an incident's pending joins into its document.

Grouping writes a join in the joining appeal's own commit: the appeal, and a pending join beside the incident
(`incidents/{id}/joins/{appeal}`), never the incident's document, which a storm's burst would otherwise make a hot
document. Each join's outbox carries an `incident.fan-out` message keyed by the incident; fan_out_incident takes one
incident's messages one at a time and folds every pending join it finds, a page per commit, so the incident's
document is written about once per fold, whatever the rate of joins (later messages find nothing left to fold).

A fold also gives each joiner what the incident's residents were told after the join read the incident (an answer
given, a resolution), and sends joins of an incident merged meanwhile on to the incident it was merged into."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from otklik.domain.incidents.members import joining_member_receives
from otklik.domain.incidents.model import (
    GROUPER,
    Incident,
    IncidentStatus,
    PendingJoin,
    applied,
    fold,
    forward,
)
from otklik.domain.model import Appeal
from otklik.domain.towns import auto_resolve_after
from otklik.services.events import joined_message, write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealWrite, IncidentChangeFunction, IncidentStore, IncidentWrite, TownDirectory

log = logging.getLogger(__name__)
# Joins arriving while a fold commits are folded by the same message, up to this many pages; any left over are
# folded by their own messages.
FOLD_ROUNDS = 3


class JoinFolding:
    def __init__(self, incidents: IncidentStore, towns: TownDirectory, outbox: OutboxRelay,
                 clock: Callable[[], datetime], page_size: int) -> None:
        self._incidents = incidents
        self._towns = towns
        self._outbox = outbox
        self._clock = clock
        self._page_size = page_size

    def fold(self, incident_id: str) -> int:
        """Folds the incident's pending joins into it; how many were folded (or sent on to a merged-into one)."""
        folded = 0
        for _ in range(FOLD_ROUNDS):
            pending = self._incidents.pending_joins(incident_id, self._page_size)
            if not pending:
                break
            written = self._incidents.transact([incident_id], [p.appeal_id for p in pending],
                                               self._folding(incident_id, pending))
            self._outbox.publish(written.appeals)
            folded += len(written.folded)
        if folded:
            log.info("incident joins folded", extra={"incident_id": incident_id, "folded": folded})
        return folded

    def _folding(self, incident_id: str, pending: Sequence[PendingJoin]) -> IncidentChangeFunction:
        return lambda incidents, appeals: self._fold_page(incidents[incident_id], incident_id, appeals, pending)

    def _fold_page(self, incident: Incident | None, incident_id: str, appeals: Mapping[str, Appeal | None],
                   pending: Sequence[PendingJoin]) -> IncidentWrite:
        if incident is None:
            log.warning("pending joins of an unknown incident dropped", extra={"incident_id": incident_id})
            return IncidentWrite(folded=tuple(pending))
        # A join whose appeal has left the incident meanwhile (or is gone) is not folded.
        joiners = [(p, appeal) for p in pending
                   if (appeal := appeals.get(p.appeal_id)) is not None and appeal.incident_id == incident.id]
        if incident.status is IncidentStatus.MERGED:
            return self._forwarded(incident, joiners, pending)
        now = self._clock()
        after = auto_resolve_after(self._towns.all().get(incident.municipality))
        writes: list[AppealWrite] = []
        for _, appeal in joiners:
            caught_up = joining_member_receives(
                appeal, incident.id, incident.work.answers, at=now, actor=GROUPER,
                incident_resolved=incident.status is IncidentStatus.RESOLVED, auto_resolve_after=after)
            if caught_up is not appeal:
                writes.append(write(appeal, caught_up))
        folded = fold(incident, [p for p, _ in joiners])
        return IncidentWrite(incidents=(folded,) if folded is not incident else (), appeals=tuple(writes),
                             folded=tuple(pending))

    def _forwarded(self, absorbed: Incident, joiners: Sequence[tuple[PendingJoin, Appeal]],
                   pending: Sequence[PendingJoin]) -> IncidentWrite:
        now = self._clock()
        joins: list[PendingJoin] = []
        writes: list[AppealWrite] = []
        for join, appeal in joiners:
            moved, entry = forward(absorbed, join, now)
            joins.append(moved)
            base = write(appeal, applied(appeal, entry))
            writes.append(AppealWrite(base.appeal, (*base.messages, joined_message(
                moved.incident_id, absorbed.municipality, appeal.id))))
        return IncidentWrite(appeals=tuple(writes), joins=tuple(joins), folded=tuple(pending))
