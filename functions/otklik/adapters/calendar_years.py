"""Production calendars loaded without a deploy, in Firestore (one small document per country and year), read all at
once on first need and cached per instance like the town directory; and the marks that let a daily warning out once."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from pydantic import ValidationError

from otklik.adapters.appeal_documents import to_document
from otklik.domain.calendar import ProductionYear
from otklik.services.ports import StorageUnavailable

log = logging.getLogger(__name__)
CALENDARS = "calendars"
DAILY_MARKS = "daily_marks"


def calendar_document_id(country: str, year: int) -> str:
    return f"{country}-{year}"


class FirestoreCalendarYears:
    """CalendarYears. A stored year that no longer reads (edited by hand) is logged and left out: the shipped year or
    the statutory fallback counts instead, and routing goes on."""

    def __init__(self, client: firestore.Client, ttl_seconds: float, clock: Callable[[], float] = time.monotonic,
                 timeout_seconds: float = 10.0) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._clock = clock
        self._timeout = timeout_seconds
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._years: dict[tuple[str, int], ProductionYear] = {}

    def loaded(self, country: str, year: int) -> ProductionYear | None:
        return self._snapshot().get((country, year))

    def loaded_years(self, country: str) -> Mapping[int, ProductionYear]:
        return {year: loaded for (of, year), loaded in self._snapshot().items() if of == country}

    def save(self, country: str, production_year: ProductionYear) -> None:
        document = {"country": country, "year": production_year.year,
                    "production_year": to_document(production_year.model_dump(mode="json")),
                    "loaded_at": firestore.SERVER_TIMESTAMP}
        self._client.collection(CALENDARS).document(calendar_document_id(country, production_year.year)).set(document)
        with self._lock:
            self._loaded_at = None

    def _snapshot(self) -> dict[tuple[str, int], ProductionYear]:
        with self._lock:
            now = self._clock()
            if self._loaded_at is None or now - self._loaded_at > self._ttl:
                try:
                    snapshots = list(self._client.collection(CALENDARS).stream(timeout=self._timeout))
                except google_exceptions.GoogleAPICallError as error:
                    raise StorageUnavailable(f"production calendars unavailable: {error}") from error
                self._years = dict(year for snapshot in snapshots
                                   if (year := _read(snapshot.id, snapshot.to_dict())) is not None)
                self._loaded_at = now
            return self._years


def _read(document_id: str, stored: dict[str, Any] | None) -> tuple[tuple[str, int], ProductionYear] | None:
    stored = stored or {}
    try:
        production_year = ProductionYear.model_validate(stored.get("production_year"))
    except ValidationError as error:
        log.error("a loaded production calendar does not read; left out", extra={
            "document": document_id, "error_type": type(error).__name__, "problems": error.error_count()})
        return None
    return (str(stored.get("country")), production_year.year), production_year


class FirestoreDailyMarks:
    """DailyMarks: one document per kind and day, created once; an instance that saw a day's mark asks no more."""

    def __init__(self, client: firestore.Client, timeout_seconds: float = 10.0) -> None:
        self._client = client
        self._timeout = timeout_seconds
        self._lock = threading.Lock()
        self._last_day: dict[str, date] = {}

    def first_today(self, kind: str, day: date) -> bool:
        with self._lock:
            if self._last_day.get(kind) == day:
                return False
        reference = self._client.collection(DAILY_MARKS).document(f"{kind.replace(' ', '_')}-{day.isoformat()}")
        try:
            reference.create({"kind": kind, "day": day.isoformat(), "at": firestore.SERVER_TIMESTAMP},
                             timeout=self._timeout)
            first = True
        except google_exceptions.AlreadyExists:
            first = False
        except google_exceptions.GoogleAPICallError as error:
            raise StorageUnavailable(f"daily marks unavailable: {error}") from error
        with self._lock:
            self._last_day[kind] = day
        return first
