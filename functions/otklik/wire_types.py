"""Field types shared by the public APIs' wire models (the regional API and Open311)."""
from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

from otklik.domain.categories import CATEGORY_LABELS

# The stable category codes of docs/domain.md, as an enum so that the API documents list them. mypy understands a
# functional enum only when its members are written out as literals.
CategoryCode = StrEnum("CategoryCode", {c: c for c in CATEGORY_LABELS})  # type: ignore[misc]  # members from data

_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _plausible(moment: datetime) -> datetime:
    # Also keeps arithmetic on it (a deadline 12 h later, conversion to UTC) from overflowing.
    try:
        in_utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("the time is out of range") from None
    if not _EARLIEST <= in_utc < _LATEST:
        raise ValueError("the time must be between 2000-01-01 and 2100-01-01")
    return in_utc


Instant = Annotated[AwareDatetime, AfterValidator(_plausible),
                    Field(description="RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00+11:00.")]
HttpUrlText = Annotated[str, Field(max_length=2048, pattern=r"^https?://[^\s/?#]+[^\s]*$",
                                   description="An http(s) URL.")]
