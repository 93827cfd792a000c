"""The regional API's wire models: exactly what travels over HTTP, kept apart from the domain's Appeal.

The OpenAPI document in schemas/ is generated from these (python -m otklik.openapi)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from otklik.wire_types import CategoryCode, HttpUrlText, Instant

DEFAULT_RESPONSE_HOURS = 12
MAX_BATCH_ITEMS = 100
REGIONAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
TOWN_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"

RegionalId = Annotated[str, Field(pattern=REGIONAL_ID_PATTERN,
                                  description="The regional centre's own id of the appeal; unique per client.")]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class RegionalAuthor(_Wire):
    name: str = Field(min_length=1, max_length=300, description="The resident's name as the regional centre has it.")
    profile_url: HttpUrlText | None = Field(default=None, description="The resident's profile on the platform.")


class RegionalAppealIn(_Wire):
    """One appeal handed down to a town's centre."""

    regional_id: RegionalId
    town: str = Field(pattern=TOWN_PATTERN, description="Town code, e.g. yuzhno_sakhalinsk.")
    text: str = Field(min_length=1, max_length=20_000, pattern=r"\S")
    author: RegionalAuthor
    source_url: HttpUrlText | None = Field(default=None, description="The original post or comment.")
    received_at: Instant = Field(description="When the regional centre received the appeal.")
    deadline: Instant | None = Field(
        default=None, description=f"Answer by then; absent means {DEFAULT_RESPONSE_HOURS} hours after received_at.")
    category_hint: CategoryCode | None = Field(default=None, description="The regional centre's category, if known.")

    @field_validator("deadline")
    @classmethod
    def _deadline_after_receipt(cls, deadline: datetime | None, info: ValidationInfo) -> datetime | None:
        received_at = info.data.get("received_at")
        if deadline is not None and received_at is not None and deadline <= received_at:
            raise ValueError("deadline must be after received_at")
        return deadline

    def effective_deadline(self) -> datetime:
        return self.deadline or self.received_at + timedelta(hours=DEFAULT_RESPONSE_HOURS)


class BatchRequest(_Wire):
    """Up to 100 appeals; each is stored or reported as failed on its own."""

    items: list[RegionalAppealIn] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class BatchEnvelope(_Wire):
    """What is read first: the items stay raw so that one bad item fails alone."""

    items: list[Any] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class FieldProblem(_Wire):
    field: str = Field(description='Path of the field, e.g. "author.name" or "items.3.received_at".')
    problem: str


class Problem(_Wire):
    error: str = Field(description="A stable machine-readable code, e.g. stale_timestamp, unknown_town.")
    message: str
    details: list[FieldProblem] | None = None


Outcome = Literal["created", "already_stored"]


class AppealAccepted(_Wire):
    regional_id: str
    appeal_id: str = Field(description="Otklik's id of the appeal.")
    outcome: Outcome = Field(description="created (201) or already_stored: the same body was sent before (200).")
    status: str
    status_url: str = Field(description="Path of GET /appeals/{regional_id}.")


class BatchItemResult(_Wire):
    index: int = Field(ge=0)
    regional_id: str | None
    outcome: Literal["created", "already_stored", "failed"]
    appeal_id: str | None = None
    status: int = Field(description="The HTTP status this item would have had on its own.")
    problem: Problem | None = None


class BatchResult(_Wire):
    created: int
    already_stored: int
    failed: int
    results: list[BatchItemResult]


class PhotoOut(_Wire):
    object_name: str = Field(description="Cloud Storage object name of the photo.")
    url: str = Field(description="Path of the photo in this API (a signed GET, like every request).")


class AnswerOut(_Wire):
    id: str
    kind: Literal["intermediate", "final"]
    text: str
    planned_date: date | None = None
    created_at: datetime
    photos: list[PhotoOut] = Field(default_factory=list)


HistoryValue = str | int | float | bool | None


ActorKind = Literal["system", "operator", "department", "supervisor", "regional_centre", "resident", "platform",
                    "other"]


class HistoryItem(_Wire):
    at: datetime
    action: str = Field(description="received, routed, needs_triage, triaged, assigned, taken, answered_intermediate, "
                                    "answered_final, escalated, reopened, resolved, handed_to_regional, callback_… .")
    by: ActorKind
    details: dict[str, HistoryValue] = Field(default_factory=dict)


class RegionalAppealView(_Wire):
    regional_id: str
    appeal_id: str
    town: str
    status: str = Field(
        description="received, needs_triage, routed, in_progress, answered, resolved, rejected, merged.")
    category: str | None
    category_label: str | None
    department: str | None
    department_name: str | None
    received_at: datetime
    deadline: datetime | None = Field(description="The response deadline in force (due_at).")
    requested_deadline: datetime | None = Field(description="The deadline the regional centre sent (or implied).")
    overdue: bool
    reopen_count: int
    first_response_at: datetime | None
    answered_at: datetime | None
    resolved_at: datetime | None
    answers: list[AnswerOut]
    history: list[HistoryItem] = Field(description="Every step; internal notes' text and operators' ids left out.")


CallbackType = Literal["intermediate_answer", "final_answer", "escalated", "reopened", "resolved", "handed_over",
                       "rejected"]


class CallbackEvent(_Wire):
    """What Otklik POSTs to the client's callback_url, signed like requests (X-Otklik-Client names the client)."""

    event_id: str = Field(description="Stable across retries (also in X-Otklik-Event-Id): drop repeats by it.")
    event_type: CallbackType
    client_id: str
    appeal_id: str
    regional_id: str | None = Field(description="Null for a town's own appeal handed over to the regional centre.")
    town: str
    status: str
    occurred_at: datetime
    data: dict[str, Any] = Field(description="due_at; for answers answer_id, kind, text, photos, planned_date; for "
                                             "handed_over category, text and source_link; for rejected the reason.")
