"""Appeals the regional centre hands down: stored once per (client, regional id) and sent on to routing
like every other appeal; the same id with another body is a conflict, not an update."""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Author, Channel, HistoryAction, HistoryEntry, SourceKind, SourceRef, Status
from otklik.regional.clients import RegionalClient
from otklik.regional.wire import RegionalAppealIn
from otklik.services.ports import AppealStore, Ingest, TownDirectory

log = logging.getLogger(__name__)
# received_at a little ahead of our clock is the regional centre's clock running fast; far ahead is a mistake.
MAX_FUTURE_SKEW = timedelta(minutes=5)


class UnknownTown(ValueError):
    pass


class TownNotGranted(PermissionError):
    pass


class ImplausibleAppeal(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


class ConflictingResubmission(Exception):
    """The regional id is taken by an appeal with another body."""


@dataclass(frozen=True)
class Accepted:
    appeal_id: str
    created: bool
    status: Status


def regional_appeal_id(client_id: str, regional_id: str) -> str:
    return appeal_id_for(Channel.REGIONAL, client_id, regional_id)


def fingerprint(item: RegionalAppealIn) -> str:
    """A hash of the body's meaning: times compared as instants, an absent deadline as the one it implies."""
    canonical = item.model_dump(mode="json") | {
        "received_at": item.received_at.astimezone(UTC).isoformat(),
        "deadline": item.effective_deadline().astimezone(UTC).isoformat(),
    }
    encoded = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def appeal_from_regional(client_id: str, item: RegionalAppealIn, now: datetime) -> Appeal:
    return Appeal(
        id=regional_appeal_id(client_id, item.regional_id),
        municipality=item.town,
        channel=Channel.REGIONAL,
        source=SourceRef(platform=Channel.REGIONAL, account=client_id, kind=SourceKind.REGIONAL,
                         event_id=item.regional_id, link=item.source_url),
        # The resident has no platform identity here; the profile link is the closest thing to one.
        author=Author(platform_user_id=item.author.profile_url or "", display_name=item.author.name,
                      profile_url=item.author.profile_url),
        text=item.text,
        received_at=item.received_at.astimezone(UTC),
        external_deadline=item.effective_deadline().astimezone(UTC),
        category_hint=str(item.category_hint) if item.category_hint else None,
        history=(HistoryEntry(at=now, actor=f"regional:{client_id}", action=HistoryAction.RECEIVED,
                              details={"event_id": item.regional_id, "sent_at": item.received_at.isoformat()}),),
    )


class RegionalIntake:
    def __init__(self, ingest: Ingest, appeals: AppealStore, towns: TownDirectory,
                 clock: Callable[[], datetime]) -> None:
        self._ingest = ingest
        self._appeals = appeals
        self._towns = towns
        self._clock = clock

    def accept(self, client: RegionalClient, item: RegionalAppealIn) -> Accepted:
        if item.town not in self._towns.all():
            raise UnknownTown(f"unknown town {item.town}")
        if not client.may_use(item.town):
            raise TownNotGranted(f"client {client.id} is not granted town {item.town}")
        now = self._clock()
        if item.received_at - now > MAX_FUTURE_SKEW:
            raise ImplausibleAppeal("received_at", "received_at is in the future")
        body_hash = fingerprint(item)
        received = self._ingest.store(appeal_from_regional(client.id, item, now), fingerprint=body_hash)
        if received.created:
            log.info("regional appeal stored", extra={"client_id": client.id, "regional_id": item.regional_id,
                                                      "appeal_id": received.appeal_id})
            return Accepted(received.appeal_id, created=True, status=Status.RECEIVED)
        if self._appeals.body_fingerprint(received.appeal_id) != body_hash:
            log.info("regional id reused with another body", extra={"client_id": client.id,
                                                                    "regional_id": item.regional_id})
            raise ConflictingResubmission(
                f"regional id {item.regional_id} was already sent with another body")
        stored = self._appeals.get(received.appeal_id)
        return Accepted(received.appeal_id, created=False, status=stored.status if stored else Status.RECEIVED)
