"""The deadline sweep's incidents: one warning and one escalation per incident, for all its members (whose own
notices the per-appeal sweep skips). Each incident's notices are recorded on it in a transaction; the notice
message is written, in the same commit, to the outbox of the member whose deadline is the incident's, so that the
sweep puts it in the tick's staff digest as any appeal's notice (services/staff_digests.py), and a tick that stops
before the digest leaves it for the next tick's recovery."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from otklik.domain.incidents.model import Incident
from otklik.domain.incidents.sweep import apply_due_notices, earliest_member
from otklik.domain.model import Appeal, HistoryAction
from otklik.logs import correlation
from otklik.messages import DeadlineNotice
from otklik.services.ports import (
    AppealWrite,
    ConcurrentUpdate,
    IncidentStore,
    IncidentSweepQueries,
    IncidentWrite,
    OutboxMessage,
)

log = logging.getLogger(__name__)
NOTICE_TOPIC = {HistoryAction.WARNING: "deadline_warning", HistoryAction.ESCALATED: "appeal_escalated"}


class IncidentSweep:
    def __init__(self, incidents: IncidentStore, due: IncidentSweepQueries, page_size: int = 100,
                 resolve: Callable[[str], bool] | None = None) -> None:
        """`resolve`: resolves an answered incident whose time came, with its members (IncidentWorkService)."""
        self._resolve = resolve
        self._incidents = incidents
        self._due = due
        self._page_size = page_size

    def sweep(self, now: datetime, in_time: Callable[[], bool]) -> tuple[list[AppealWrite], int]:
        """The writes carrying the incidents' notices (for the caller to hold for its digest), and how many
        incidents were noticed; pages until nothing is due or `in_time` says stop."""
        writes: list[AppealWrite] = []
        noticed = 0
        seen: set[str] = set()
        while in_time():
            page = [i for i in self._due.incident_notices_due(now, self._page_size) if i not in seen]
            if not page:
                break
            for incident_id in page:
                seen.add(incident_id)
                written = self._notice(incident_id, now)
                if written:
                    noticed += 1
                    writes += written
                if not in_time():
                    break
        return writes, noticed

    def resolve_due(self, now: datetime, in_time: Callable[[], bool]) -> int:
        """Answered incidents whose time came resolved, each in its own commits; how many."""
        if self._resolve is None:
            return 0
        resolved = 0
        seen: set[str] = set()
        while in_time():
            page = [i for i in self._due.incident_auto_resolve_due(now, self._page_size) if i not in seen]
            if not page:
                break
            for incident_id in page:
                seen.add(incident_id)
                with correlation(incident_id):
                    try:
                        resolved += self._resolve(incident_id)
                    except ConcurrentUpdate:
                        log.warning("incident contended; left for the next tick")
                if not in_time():
                    break
        return resolved

    def _notice(self, incident_id: str, now: datetime) -> list[AppealWrite]:
        current = self._incidents.get(incident_id)
        member_id = earliest_member(current) if current is not None else None
        if current is None or member_id is None:
            return []

        def change(found: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            incident, member = found[incident_id], appeals[member_id]
            changed = apply_due_notices(incident, now) if incident is not None else None
            if incident is None or changed is None or member is None:
                return None
            return IncidentWrite(incidents=(changed,),
                                 appeals=(AppealWrite(member, _notices(incident, changed, member)),))

        with correlation(incident_id):
            try:
                written = self._incidents.transact([incident_id], [member_id], change)
            except ConcurrentUpdate:
                log.warning("incident contended; left for the next tick")
                return []
        if written.incidents:
            log.info("incident deadline notice", extra={"incident_id": incident_id,
                                                         "members": len(written.incidents[0].members)})
        return list(written.appeals)


def _notices(before: Incident, after: Incident, member: Appeal) -> tuple[OutboxMessage, ...]:
    messages = []
    for number in range(len(before.history), len(after.history)):
        entry = after.history[number]
        body = DeadlineNotice(appeal_id=member.id, municipality=after.municipality, channel=member.channel,
                              department=after.department, status=str(after.status), due_at=entry.details["due_at"],
                              notice=str(entry.details["notice"]), occurred_at=entry.at, incident_id=after.id,
                              incident_members=len(after.members))
        messages.append(OutboxMessage(id=f"{after.id}/{number}/notice", topic=NOTICE_TOPIC[entry.action],
                                      body=body.model_dump(mode="json"), attributes=body.attributes()))
    return tuple(messages)
