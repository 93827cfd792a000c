"""The operator API's list page: appeal summaries and the next page's cursor.
schemas/ documents it (`make schemas`); a single appeal is the full `Appeal` model."""
from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from otklik.domain.dead_letters import routing_failed
from otklik.domain.model import Appeal, Channel, DeliveryStatus, Status

SUMMARY_TEXT_CHARS = 300


class AppealSummary(BaseModel):
    """An appeal as a list shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    municipality: str
    channel: Channel
    status: Status
    category: str | None
    department: str | None
    due_at: AwareDatetime | None
    overdue: bool
    received_at: AwareDatetime
    text: str = Field(description=f"The first {SUMMARY_TEXT_CHARS} characters of the text.")
    assignee: str | None
    answers: int = Field(description="How many answers it has.")
    undelivered: bool = Field(description="An answer the platform refused for good: deliver it another way.")
    callback_not_delivered: bool = Field(description="A callback the regional centre never got, after every retry: "
                                         "`python -m otklik dead-letters replay` sends it again.")
    routing_failed: bool = Field(description="Its routing kept failing: it waits in triage (reason "
                                             "\"routing failed\"), or, routed before, where it was.")

    @classmethod
    def of(cls, appeal: Appeal) -> AppealSummary:
        return cls(
            id=appeal.id, municipality=appeal.municipality, channel=appeal.channel, status=appeal.status,
            category=appeal.category, department=appeal.department, due_at=appeal.due_at, overdue=appeal.overdue,
            received_at=appeal.received_at, text=appeal.text[:SUMMARY_TEXT_CHARS], assignee=appeal.assignee,
            answers=len(appeal.answers),
            undelivered=any(a.delivery.status == DeliveryStatus.UNDELIVERED for a in appeal.answers),
            callback_not_delivered=bool(appeal.undelivered_callbacks), routing_failed=routing_failed(appeal),
        )


class AppealPage(BaseModel):
    """One page of appeals, soonest due first."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    appeals: list[AppealSummary]
    next_cursor: str | None = Field(description="Send as `cursor` for the next page; null on the last page.")
