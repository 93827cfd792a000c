"""Residents' personal data: what one resident sees of it (export), erasing it at their request, and erasing it
everywhere the town's retention period has run out (the daily pass, function `erase_expired`).

Erasing one appeal deletes its photo reports, rewrites its archived history entries, and then erases the appeal in
a transaction (domain/retention.py): that commit is what takes it out of the pass's query, so a pass stopped
anywhere leaves the appeal due, and the next pass does the rest again (each step finds its work done). Every
command and every pass that erased something is recorded in the audit log with ids and counts, never the data."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from otklik.domain.incidents.model import Incident, forget_member
from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.retention import ERASER, ErasureReason, erase_entry, erase_personal_data, photo_objects
from otklik.logs import correlation
from otklik.services.events import write
from otklik.services.ports import (
    AppealStore,
    AuditEntry,
    AuditLog,
    IncidentStore,
    IncidentWrite,
    Outbox,
    PhotoStore,
    ResidentRecords,
    StorageUnavailable,
    TownDirectory,
)

log = logging.getLogger(__name__)
# A resident with more appeals than this is refused whole rather than exported or erased in part.
MAX_APPEALS_PER_RESIDENT = 1000


class TooManyAppeals(RuntimeError):
    pass


@dataclass(frozen=True)
class ResidentExport:
    appeals: list[dict[str, Any]]  # each appeal as stored, its archived history entries first in its history
    outbox: list[dict[str, Any]]  # messages its changes still have to publish


@dataclass
class ErasureReport:
    appeals: int = 0  # erased now
    already_erased: int = 0
    still_open: int = 0  # erased at a request while still being worked on
    archived_entries: int = 0
    photos_deleted: int = 0
    failed: int = 0
    finished: bool = True
    appeal_ids: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"appeals": self.appeals, "already_erased": self.already_erased, "still_open": self.still_open,
                "archived_entries": self.archived_entries, "photos_deleted": self.photos_deleted,
                "failed": self.failed}


class ResidentData:
    def __init__(self, appeals: AppealStore, records: ResidentRecords, outbox: Outbox, photos: PhotoStore,
                 towns: TownDirectory, audit: AuditLog, clock: Callable[[], datetime], *, incidents: IncidentStore,
                 page_size: int = 100, budget_seconds: float = 500.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._appeals = appeals
        self._incidents = incidents
        self._records = records
        self._outbox = outbox
        self._photos = photos
        self._towns = towns
        self._audit = audit
        self._clock = clock
        self._page_size = page_size
        self._budget = budget_seconds
        self._monotonic = monotonic

    # A resident's request.

    def export(self, channel: Channel, author: str, actor: str) -> ResidentExport:
        """Every appeal and message stored for the resident `author` of `channel`."""
        ids = self._resident_appeals(channel, author)
        appeals: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        archived = 0
        for appeal_id in ids:
            appeal = self._appeals.get(appeal_id)
            if appeal is None:
                continue
            shown = appeal.model_dump(mode="json")
            if appeal.archived_history:
                older = [e.model_dump(mode="json") for e in self._appeals.archived_history(appeal_id)]
                archived += len(older)
                shown["history"] = older + shown["history"]
            appeals.append(shown)
            outbox += [{"appeal_id": appeal_id, "topic": m.topic, "body": m.body}
                       for m in self._outbox.pending_messages(appeal_id)]
        self._audit.record(AuditEntry(at=self._clock(), actor=actor, action="export", channel=str(channel),
                                      appeal_ids=tuple(a["id"] for a in appeals),
                                      counts={"appeals": len(appeals), "archived_entries": archived,
                                              "outbox_messages": len(outbox)}))
        return ResidentExport(appeals, outbox)

    def erase(self, channel: Channel, author: str, actor: str) -> ErasureReport:
        """Erases the resident's personal data now, in every appeal of theirs, open ones too."""
        report = ErasureReport()
        for appeal_id in self._resident_appeals(channel, author):
            self._erase_one(appeal_id, "request", report)
        self._audit.record(AuditEntry(at=self._clock(), actor=actor, action="erase", channel=str(channel),
                                      appeal_ids=tuple(report.appeal_ids), counts=report.counts()))
        log.info("resident's personal data erased", extra=report.counts())
        return report

    def audit_log(self, limit: int) -> list[AuditEntry]:
        return self._audit.recent(limit)

    # The retention period.

    def erase_expired(self) -> ErasureReport:
        """Erases every appeal whose town's retention period has run out since it closed, town by town, in pages,
        within the time budget (what is left is found by the next pass)."""
        now = self._clock()
        deadline = self._monotonic() + self._budget
        report = ErasureReport()
        failed: set[str] = set()
        for town in self._towns.all().values():
            cutoff = now - town.personal_data_retention
            while True:
                if self._monotonic() >= deadline:
                    report.finished = False
                    break
                page = [i for i in self._records.erasure_due(town.code, cutoff, self._page_size) if i not in failed]
                if not page:
                    break
                for appeal_id in page:
                    if not self._erase_one(appeal_id, "retention", report):
                        failed.add(appeal_id)
                    if self._monotonic() >= deadline:
                        break
        if report.appeal_ids or report.failed:
            self._audit.record(AuditEntry(at=now, actor=ERASER, action="erase_expired",
                                          appeal_ids=tuple(report.appeal_ids), counts=report.counts()))
        log.info("expired personal data erased", extra=report.counts() | {"finished": report.finished})
        return report

    def _resident_appeals(self, channel: Channel, author: str) -> list[str]:
        ids = self._records.by_resident(channel, author, MAX_APPEALS_PER_RESIDENT + 1)
        if len(ids) > MAX_APPEALS_PER_RESIDENT:
            raise TooManyAppeals(f"the resident has more than {MAX_APPEALS_PER_RESIDENT} appeals")
        return ids

    def _erase_one(self, appeal_id: str, reason: ErasureReason, report: ErasureReport) -> bool:
        """False when this appeal failed (logged, counted) and the others should go on."""
        with correlation(appeal_id):
            try:
                appeal = self._appeals.get(appeal_id)
                if appeal is None:
                    return True
                if appeal.erased_at is not None:
                    report.already_erased += 1
                    return True
                deleted = self._delete_photos(photo_objects(appeal), report)
                report.archived_entries += self._records.rewrite_archived_history(appeal_id, erase_entry)
                erased = self._erase_in_transaction(appeal_id, appeal.incident_id, reason)
            except StorageUnavailable:
                raise
            except Exception as error:  # one appeal that fails must not stop the others
                report.failed += 1
                log.error("personal data of an appeal not erased", extra={"error_type": type(error).__name__})
                return False
            if erased is None:
                report.already_erased += 1
                return True
            # Photos of an answer given between the read above and the erasure's commit.
            self._delete_photos(tuple(n for n in photo_objects(erased) if n not in deleted), report)
            report.appeals += 1
            report.still_open += erased.status not in _CLOSED
            report.appeal_ids.append(appeal_id)
            return True

    def _erase_in_transaction(self, appeal_id: str, incident_id: str | None, reason: ErasureReason) -> Appeal | None:
        """The appeal as it was just before its erasure was committed; None when it was erased meanwhile. Its
        incident's copy of what the resident told (the member's coordinates and words) goes in the same commit."""
        now = self._clock()
        before: Appeal | None = None

        def change(incidents: dict[str, Incident | None], current: dict[str, Appeal | None]) -> IncidentWrite | None:
            nonlocal before
            appeal = current[appeal_id]
            before = appeal if appeal is not None and appeal.erased_at is None else None
            if before is None:
                return None
            incident = incidents.get(incident_id or "")
            forgotten = forget_member(incident, appeal_id) if incident is not None else None
            return IncidentWrite(incidents=(forgotten,) if forgotten is not None and forgotten is not incident else (),
                                 appeals=(write(before, erase_personal_data(before, now, reason)),))

        self._incidents.transact([incident_id] if incident_id else [], [appeal_id], change)
        return before

    def _delete_photos(self, names: tuple[str, ...], report: ErasureReport) -> set[str]:
        for name in names:
            report.photos_deleted += self._photos.delete(name)
        return set(names)


_CLOSED = frozenset({Status.RESOLVED, Status.REJECTED, Status.MERGED})
