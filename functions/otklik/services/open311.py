"""Open311 GeoReport v2 over the towns' appeals: categories as services, appeals as service requests, and
filing a request as a reception appeal that takes the same ingest → routing path as every other appeal.

Filing: the channel is `reception` (an appeal not made on a social platform, answered by the operators), the
source account `open311:<key id>` (open311/filing.py). The specification has no client-supplied idempotency
token, so a filing is identified by the Idempotency-Key header when the client sends one, else by a hash of its
body: the same body filed again is the same request."""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.ids import appeal_id_for, is_appeal_id
from otklik.domain.incidents.model import Incident
from otklik.domain.model import (
    Appeal,
    Attachment,
    AttachmentKind,
    Author,
    Channel,
    HistoryAction,
    HistoryEntry,
    Location,
    SourceKind,
    SourceRef,
    Status,
)
from otklik.domain.principals import Principal, Role
from otklik.domain.towns import TownConfig
from otklik.open311.filing import account_of, filed_text
from otklik.open311.publication import CLOSED, OPEN, is_published, service_request, services
from otklik.open311.wire import DEFAULT_WINDOW_DAYS, NewServiceRequest, RequestsQuery, Service, ServiceRequest
from otklik.services.ports import ApiKeys, AppealFeed, AppealStore, IncidentReader, Ingest, TownDirectory

log = logging.getLogger(__name__)
# Filtering by status happens after the read, so a page is filled from chunks; this bounds one request's reads.
CHUNK = 200
MAX_SCANNED = 5000
_INSTANT = timedelta(microseconds=1)


class UnknownJurisdiction(LookupError):
    pass


class RequestNotFound(LookupError):
    pass


class InvalidFilter(ValueError):
    pass


class InvalidApiKey(PermissionError):
    pass


class NotGranted(PermissionError):
    pass


class IdempotencyConflict(Exception):
    pass


@dataclass(frozen=True)
class Page:
    requests: list[ServiceRequest]
    next_cursor: str | None


@dataclass(frozen=True)
class Filed:
    appeal_id: str
    created: bool


class Open311Service:
    def __init__(self, feed: AppealFeed, appeals: AppealStore, towns: TownDirectory, keys: ApiKeys, ingest: Ingest,
                 clock: Callable[[], datetime], incidents: IncidentReader | None = None) -> None:
        self._incidents = incidents
        self._feed = feed
        self._appeals = appeals
        self._towns = towns
        self._keys = keys
        self._ingest = ingest
        self._clock = clock

    def services(self, jurisdiction_id: str) -> list[Service]:
        self._town(jurisdiction_id)
        return services()

    def request(self, jurisdiction_id: str, request_id: str) -> ServiceRequest:
        town = self._town(jurisdiction_id)
        # Not every string is a possible document id ("__x__", ".."): only ids of the appeals' form are looked up.
        appeal = self._appeals.get(request_id) if is_appeal_id(request_id) else None
        if appeal is None or appeal.municipality != town.code or not is_published(appeal):
            raise RequestNotFound(request_id)
        return self._published([appeal], town)[0]

    def requests(self, query: RequestsQuery) -> Page:
        town = self._town(query.jurisdiction_id)
        if query.service_request_id:
            ids = query.service_request_id.split(",")
            if len(ids) > 100:
                raise InvalidFilter("service_request_id: at most 100 ids")
            published = [a for a in self._feed.by_ids(ids) if a.municipality == town.code and is_published(a)]
            return Page(self._published(published, town), None)
        categories = _categories(query.service_code)
        wanted = _statuses(query.status)
        start, end = _window(query.start_date, query.end_date, self._clock())
        found: list[Appeal] = []
        cursor, scanned = query.cursor, 0
        while True:
            chunk = self._feed.newest_first(town.code, categories, start, end, after=cursor, limit=CHUNK)
            for appeal in chunk:
                cursor, scanned = appeal.id, scanned + 1
                if appeal.status in wanted:
                    found.append(appeal)
                    if len(found) == query.page_size:
                        return Page(self._published(found, town), appeal.id)
            if len(chunk) < CHUNK:
                return Page(self._published(found, town), None)
            if scanned >= MAX_SCANNED:
                return Page(self._published(found, town), cursor)

    def _published(self, appeals: list[Appeal], town: TownConfig) -> list[ServiceRequest]:
        """The requests as published; a member of an incident with the incident's status (each incident read once)."""
        incidents: dict[str, Incident | None] = {}
        if self._incidents is not None:
            for incident_id in dict.fromkeys(a.incident_id for a in appeals if a.incident_id):
                incidents[incident_id] = self._incidents.get(incident_id)
        return [service_request(a, town, incidents.get(a.incident_id) if a.incident_id else None) for a in appeals]

    def file(self, new: NewServiceRequest, idempotency_key: str | None) -> Filed:
        principal = self._keys.authenticate(new.api_key)
        if principal is None:
            raise InvalidApiKey("the api_key is not valid")
        if principal.role is not Role.OPEN311:
            raise NotGranted("the api_key is not an Open311 client's key")
        town = self._town(new.jurisdiction_id)
        if town.code not in principal.towns:
            raise NotGranted(f"the api_key is not granted jurisdiction {town.code}")
        body_hash = _fingerprint(new)
        event_id = idempotency_key or f"h-{body_hash[:32]}"
        appeal = _appeal(principal, new, event_id, self._clock())
        received = self._ingest.store(appeal, fingerprint=body_hash)
        if not received.created and self._appeals.body_fingerprint(received.appeal_id) != body_hash:
            raise IdempotencyConflict("the Idempotency-Key was used for another request")
        if received.created:
            log.info("open311 request filed", extra={"key_id": principal.key_id, "municipality": town.code})
        return Filed(received.appeal_id, received.created)

    def _town(self, code: str) -> TownConfig:
        town = self._towns.all().get(code)
        if town is None:
            raise UnknownJurisdiction(code)
        return town


def _categories(service_code: str | None) -> list[str]:
    codes = list(dict.fromkeys(service_code.split(","))) if service_code else []
    unknown = [c for c in codes if c not in CATEGORY_LABELS]
    if unknown:
        raise InvalidFilter(f"service_code: unknown {', '.join(unknown)}")
    return codes


def _statuses(status: str | None) -> frozenset[Status]:
    names = set(status.split(",")) if status else {"open", "closed"}
    return (OPEN if "open" in names else frozenset()) | (CLOSED if "closed" in names else frozenset())


def _window(start: datetime | None, end: datetime | None, now: datetime) -> tuple[datetime, datetime]:
    """[from, before): end_date is the latest time included, as the specification has it, so start_date equal to
    end_date is that one instant (times are kept to the microsecond)."""
    days = timedelta(days=DEFAULT_WINDOW_DAYS)
    if start is not None and end is not None and start > end:
        raise InvalidFilter("start_date: must not be after end_date")
    if end is not None:
        return (start or end - days), end + _INSTANT
    if start is not None:
        return start, start + days
    return now - days, now + timedelta(seconds=1)


def _fingerprint(new: NewServiceRequest) -> str:
    canonical = new.model_dump(mode="json", exclude={"api_key"})
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _appeal(principal: Principal, new: NewServiceRequest, event_id: str, now: datetime) -> Appeal:
    account = account_of(principal.key_id)
    name = " ".join(p for p in (new.first_name, new.last_name) if p) or None
    text = filed_text(new.description, new.address_string, new.address_id)
    location = (Location(latitude=new.lat, longitude=new.long, place=new.address_string)
                if new.lat is not None and new.long is not None else None)
    return Appeal(
        id=appeal_id_for(Channel.RECEPTION, account, event_id),
        municipality=new.jurisdiction_id,
        channel=Channel.RECEPTION,
        source=SourceRef(platform=Channel.RECEPTION, account=account, kind=SourceKind.RECEPTION, event_id=event_id),
        author=Author(platform_user_id=new.account_id or new.device_id or "", display_name=name,
                      contact=new.email or new.phone),
        text=text,
        attachments=(Attachment(kind=AttachmentKind.PHOTO, url=new.media_url),) if new.media_url else (),
        location=location,
        received_at=now.astimezone(UTC),
        category_hint=str(new.service_code),
        history=(HistoryEntry(at=now, actor=account, action=HistoryAction.RECEIVED,
                              details={"channel": "open311"}),),
    )
