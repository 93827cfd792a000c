"""Open311 GeoReport v2 wire models, named and shaped as the specification names them (served as JSON and as XML:
open311/xml.py)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from otklik.domain import ids
from otklik.regional.wire import TOWN_PATTERN
from otklik.wire_types import CategoryCode, HttpUrlText, Instant

MAX_REQUESTS = 1000
DEFAULT_WINDOW_DAYS = 90
APPEAL_ID_PATTERN = rf"^{ids.APPEAL_ID_PATTERN}$"
_ID = ids.APPEAL_ID_PATTERN

JurisdictionId = Annotated[str, Field(pattern=TOWN_PATTERN, description="The town code, e.g. yuzhno_sakhalinsk.")]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Service(_Wire):
    service_code: str = Field(description="The category code.")
    service_name: str = Field(description="The category's Russian label.")
    description: str
    metadata: bool = Field(default=False, description="Always false: no extra attributes are asked for.")
    type: Literal["realtime", "batch", "blackbox"] = "realtime"
    keywords: str
    group: str = Field(description="The category group's Russian label.")


class ServiceRequest(_Wire):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str = Field(description="The finer status: received, needs_triage, routed, in_progress, answered, "
                                          "resolved, with a Russian explanation.")
    service_name: str | None
    service_code: str | None
    description: str | None = Field(description="Requests filed through Open311 and appeals made in public (VK "
                                                "comments and board posts), with contacts, links and flat numbers "
                                                "masked; null otherwise.")
    agency_responsible: str | None = Field(description="The department's name.")
    service_notice: str | None = None
    requested_datetime: datetime
    updated_datetime: datetime
    expected_datetime: datetime | None = Field(description="The response deadline.")
    address: str | None = Field(default=None, description="As filed through Open311, or the place named in a public "
                                                          "appeal; for a private one only the street without the "
                                                          "house number, where the town publishes coarse locations.")
    address_id: str | None = Field(default=None, description="As filed through Open311.")
    zipcode: str | None = None
    lat: float | None = Field(default=None, description="Exact for requests filed through Open311 and public "
                                                        "appeals; rounded to about 100 m for private ones, where the "
                                                        "town publishes coarse locations.")
    long: float | None = Field(default=None, description="As lat.")
    media_url: str | None = Field(default=None, description="The photo filed through Open311.")


class RequestCreated(_Wire):
    service_request_id: str
    service_notice: str | None = None
    account_id: str | None = None


class Open311Error(_Wire):
    code: int
    description: str


class JurisdictionQuery(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    jurisdiction_id: JurisdictionId


class RequestsQuery(BaseModel):
    """GET requests.json: the specification's filters, and page_size/cursor for paging (the next page's URL is
    in the Link header, its cursor also in X-Next-Cursor)."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    jurisdiction_id: JurisdictionId
    service_request_id: str | None = Field(
        default=None, max_length=2600, pattern=rf"^{_ID}(,{_ID})*$",
        description="Comma-separated ids (up to 100); when given, every other filter is ignored.")
    service_code: str | None = Field(default=None, max_length=400, pattern=r"^[a-z_]+(,[a-z_]+)*$",
                                     description="Comma-separated category codes.")
    start_date: Instant | None = Field(default=None, description="Requested at or after (default: end_date - 90 days).")
    end_date: Instant | None = Field(default=None, description="Requested at or before (default: start_date + 90 "
                                                               "days, or now); equal to start_date, that one instant.")
    status: str | None = Field(default=None, pattern=r"^(open|closed)(,(open|closed))*$",
                               description="open, closed, or both comma-separated; default both.")
    page_size: int = Field(default=MAX_REQUESTS, ge=1, le=MAX_REQUESTS)
    cursor: str | None = Field(default=None, pattern=APPEAL_ID_PATTERN, description="From the previous page.")


class NewServiceRequest(BaseModel):
    """POST requests.json (or .xml), form-encoded (as the specification has it) or JSON. api_key may also come in
    the query string, as the specification allows; the body is preferred (URLs end up in request logs). The
    submitter's contact fields are kept to answer them and never shown."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True, json_schema_extra={
        "anyOf": [{"required": ["lat", "long"]}, {"required": ["address_string"]}, {"required": ["address_id"]}],
        "dependentRequired": {"lat": ["long"], "long": ["lat"]},
    })

    api_key: str = Field(min_length=1, max_length=200, description="The Open311 client's key: preferably here in "
                                                                    "the body rather than in the query string.")
    jurisdiction_id: JurisdictionId
    service_code: CategoryCode
    description: str = Field(min_length=1, max_length=4000, pattern=r"\S")
    lat: float | None = Field(default=None, ge=-90, le=90)
    long: float | None = Field(default=None, ge=-180, le=180)
    address_string: str | None = Field(default=None, min_length=1, max_length=500)
    address_id: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    device_id: str | None = Field(default=None, max_length=200)
    account_id: str | None = Field(default=None, max_length=200)
    first_name: str | None = Field(default=None, max_length=200)
    last_name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=50)
    media_url: HttpUrlText | None = None

    @model_validator(mode="after")
    def _located(self) -> Self:
        if (self.lat is None) != (self.long is None):
            raise PydanticCustomError("location", "lat and long go together")
        if self.lat is None and not self.address_string and not self.address_id:
            raise PydanticCustomError("location", "a location is required: lat and long, address_string or address_id")
        return self
