"""What of an appeal may be published through Open311, where anyone can read it.

The policy, by how the appeal was made: (1) A request filed through Open311 was filed to be public: its
description, address, coordinates and photo URL are shown. (2) Appeals made in public, VK wall comments, photo
comments and board posts, which anyone could read there anyway: the text, and the location where one was given
(coordinates, and the place's name or address). (3) Everything else, private and group messages, suggested posts
(seen only by the community's admins), reception and regional appeals: no text and no exact address; where the
town's configuration allows it (open311_coarse_location, off by default) a coarse location, the street without
the house number and coordinates rounded to about 100 m. Every description shown has phone numbers, e-mails, links,
@mentions, VK mention markup and flat numbers masked. Never shown: the resident's name, platform ids, contacts,
links to their post, attachments of appeals not filed through Open311, or the answers' texts (an answer
addresses the resident by name)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from otklik.domain.categories import CATEGORY_GROUPS, CATEGORY_LABELS, GROUP_LABELS
from otklik.domain.incidents.model import Incident, IncidentStatus
from otklik.domain.model import Appeal, AttachmentKind, Location, SourceKind, Status
from otklik.domain.towns import TownConfig
from otklik.open311.filing import is_filed_through_open311, split_filed_text
from otklik.open311.wire import Service, ServiceRequest

PUBLIC_KINDS = frozenset({SourceKind.WALL_COMMENT, SourceKind.PHOTO_COMMENT, SourceKind.BOARD_POST})
HIDDEN_STATUSES = frozenset({Status.MERGED, Status.REJECTED})  # folded follow-ups; greetings and spam
OPEN = frozenset({Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS})
CLOSED = frozenset({Status.ANSWERED, Status.RESOLVED})
MAX_DESCRIPTION = 1000
MAX_FILED_DESCRIPTION = 4000  # what a filing may hold: shown whole
# 0.001° is 111 m of latitude and, at Sakhalin's 46-51° N, 70-77 m of longitude.
COARSE_DECIMALS = 3


class Exposure(StrEnum):
    FILED = "filed"  # through Open311, to be public
    PUBLIC = "public"  # made where anyone can read it
    PRIVATE = "private"


@dataclass(frozen=True)
class PublicPlace:
    address: str | None = None
    address_id: str | None = None
    lat: float | None = None
    long: float | None = None


_STATUS_NOTES = {
    Status.RECEIVED: "received — обращение получено",
    Status.NEEDS_TRIAGE: "needs_triage — тему уточняет оператор",
    Status.ROUTED: "routed — передано исполнителю",
    Status.IN_PROGRESS: "in_progress — в работе",
    Status.ANSWERED: "answered — дан ответ",
    Status.RESOLVED: "resolved — решено",
}
# A member of an incident shows the incident's status: every member the same notes.
_INCIDENT_STATUS_NOTES = {
    IncidentStatus.OPEN: _STATUS_NOTES[Status.ROUTED],
    IncidentStatus.IN_PROGRESS: _STATUS_NOTES[Status.IN_PROGRESS],
    IncidentStatus.ANSWERED: _STATUS_NOTES[Status.ANSWERED],
    IncidentStatus.RESOLVED: _STATUS_NOTES[Status.RESOLVED],
}
_MASKS = (
    (re.compile(r"\[(?:id|club|public|event)\d+\|[^\]]*\]"), "[…]"),
    (re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE), "[ссылка]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"@\w{2,}"), "[…]"),
    (re.compile(r"(?:\+\s*\d[\s\-()]*)?(?:\d[\s\-()]*){9,}\d"), "[телефон]"),
    (re.compile(r"\b(кв\.?|квартир[а-яё]*)\s*№?\s*\d+[а-яa-z]?", re.IGNORECASE), r"\1 […]"),
)
# Characters XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates, U+FFFE/U+FFFF): replaced,
# so that the JSON and XML forms of a request carry the same text. Line ends become "\n", as an XML reader's would.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile(r"\r\n?")

_HOUSE_NUMBER = r"№?\s*\d+\s*[а-яёa-z]?(?:\s*/\s*\d+\s*[а-яёa-z]?)?"
_HOUSE_WORDS = r"(?:д|дом|корп|корпус|к|стр|строение|лит|литера|вл|влд|владение|уч|участок|кв|квартира)\.?\s*"
# A part of an address that is a house (or flat) number: "5", "5а", "12/1", "д. 5", "корп. 2", "кв. 3".
_HOUSE_PART = re.compile(rf"(?:{_HOUSE_WORDS})?{_HOUSE_NUMBER}(?:\s+{_HOUSE_WORDS}.*)?", re.IGNORECASE)
# A house number ending a street part: "ул. Ленина 5", "ул. Ленина д. 5 кв. 3" (but not "ул. 8 Марта").
_TRAILING_HOUSE = re.compile(rf"\s+(?:{_HOUSE_WORDS})?{_HOUSE_NUMBER}(?:\s+{_HOUSE_WORDS}.*)?$", re.IGNORECASE)
_STREET_WORD = re.compile(
    r"(?<![\w-])(?:ул|улиц\w*|пр|пр-т|просп|проспект\w*|пер|переул\w*|ш|шоссе|б-р|бульвар\w*|наб|набережн\w*|пл|"
    r"площад\w*|проезд\w*|тупик\w*|алле\w*|мкр|микрорайон\w*|тракт\w*)(?![\w-])", re.IGNORECASE)


def services() -> list[Service]:
    return [
        Service(service_code=code, service_name=label, description=f"{GROUP_LABELS[CATEGORY_GROUPS[code]]}: {label}",
                keywords=code, group=GROUP_LABELS[CATEGORY_GROUPS[code]])
        for code, label in CATEGORY_LABELS.items()
    ]


def is_published(appeal: Appeal) -> bool:
    return appeal.status not in HIDDEN_STATUSES


def exposure(appeal: Appeal) -> Exposure:
    if is_filed_through_open311(appeal):
        return Exposure.FILED
    return Exposure.PUBLIC if appeal.source.kind in PUBLIC_KINDS else Exposure.PRIVATE


def publishable_text(text: str) -> str:
    return _NOT_IN_XML.sub("\ufffd", _LINE_END.sub("\n", text))


def mask_contacts(text: str, limit: int = MAX_DESCRIPTION) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def public_description(appeal: Appeal) -> str | None:
    match exposure(appeal):
        case Exposure.FILED:
            description = split_filed_text(appeal.text, appeal.location).description
            return mask_contacts(publishable_text(description), MAX_FILED_DESCRIPTION)
        case Exposure.PUBLIC:
            return mask_contacts(publishable_text(appeal.text))
        case Exposure.PRIVATE:
            return None


def public_place(appeal: Appeal, coarse_allowed: bool) -> PublicPlace:
    """Where the request is, as far as it may be shown; `coarse_allowed` is the town's open311_coarse_location."""
    location = appeal.location
    match exposure(appeal):
        case Exposure.FILED:
            filed = split_filed_text(appeal.text, location)
            return PublicPlace(address=_optional_text(filed.address), address_id=_optional_text(filed.address_id),
                               lat=location.latitude if location else None,
                               long=location.longitude if location else None)
        case Exposure.PUBLIC:
            if location is None:
                return PublicPlace()
            return PublicPlace(address=_optional_text(location.place), lat=location.latitude,
                               long=location.longitude)
        case Exposure.PRIVATE:
            return coarse_place(location) if coarse_allowed and location is not None else PublicPlace()


def coarse_place(location: Location) -> PublicPlace:
    return PublicPlace(address=_optional_text(street_without_house_number(location.place)),
                       lat=round(location.latitude, COARSE_DECIMALS), long=round(location.longitude, COARSE_DECIMALS))


def street_without_house_number(place: str | None) -> str | None:
    """The street an address names, without what follows it: "Южно-Сахалинск, ул. Ленина, д. 5, кв. 3" →
    "ул. Ленина". None when no part names a street (a venue's name is as exact as an address)."""
    if not place:
        return None
    street = None
    for part in (p.strip() for p in place.split(",")):
        if _HOUSE_PART.fullmatch(part):
            break
        part = _TRAILING_HOUSE.sub("", part)
        if _STREET_WORD.search(part):
            street = part
    return street


def public_media_url(appeal: Appeal) -> str | None:
    if exposure(appeal) is not Exposure.FILED:
        return None
    return next((a.url for a in appeal.attachments if a.kind is AttachmentKind.PHOTO and a.url), None)


def incident_status(incident: Incident) -> tuple[Literal["open", "closed"], str] | None:
    """The Open311 status and status_notes every member of the incident shows; None for a merged incident (its
    members show their own until they are read with the incident they were merged into)."""
    notes = _INCIDENT_STATUS_NOTES.get(incident.status)
    if notes is None:
        return None
    closed = incident.status in (IncidentStatus.ANSWERED, IncidentStatus.RESOLVED)  # as an appeal's own
    return ("closed" if closed else "open"), f"{notes} · одна проблема, обращений: {len(incident.members)}"


def service_request(appeal: Appeal, town: TownConfig | None, incident: Incident | None = None) -> ServiceRequest:
    departments = town.departments if town else {}
    place = public_place(appeal, coarse_allowed=bool(town and town.open311_coarse_location))
    own: tuple[Literal["open", "closed"], str] = (
        "closed" if appeal.status in CLOSED else "open", _STATUS_NOTES.get(appeal.status, str(appeal.status)))
    status, notes = (incident_status(incident) if incident is not None else None) or own
    return ServiceRequest(
        service_request_id=appeal.id,
        status=status,
        status_notes=notes,
        service_name=CATEGORY_LABELS.get(appeal.category) if appeal.category else None,
        service_code=appeal.category,
        description=public_description(appeal),
        agency_responsible=departments.get(appeal.department) if appeal.department else None,
        requested_datetime=appeal.received_at,
        updated_datetime=appeal.history[-1].at if appeal.history else appeal.received_at,
        expected_datetime=appeal.due_at,
        address=place.address,
        address_id=place.address_id,
        lat=place.lat,
        long=place.long,
        media_url=public_media_url(appeal),
    )


def _optional_text(text: str | None) -> str | None:
    return publishable_text(text) if text else None
