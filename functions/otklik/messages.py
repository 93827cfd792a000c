"""Bodies of the Pub/Sub messages Otklik's functions exchange."""
from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict

from otklik.domain.model import Channel


class AppealReceived(BaseModel):
    """Published once an appeal is stored; the routing function reads the rest from Firestore."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    appeal_id: str
    municipality: str
    channel: Channel
    received_at: AwareDatetime

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "channel": str(self.channel), "appeal_id": self.appeal_id}


class AppealRouted(BaseModel):
    """Published when routing (or a reopening) gives an appeal its department, or sends it to triage.

    Built from the stored appeal only, so a redelivery republishes exactly the same content."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    appeal_id: str
    municipality: str
    channel: Channel
    status: str
    category: str | None
    department: str | None
    due_at: AwareDatetime | None
    changed_at: AwareDatetime

    def attributes(self) -> dict[str, str]:
        # Attributes are what subscription filters select on; absent values are empty strings.
        return {
            "municipality": self.municipality,
            "department": self.department or "",
            "category": self.category or "",
            "status": self.status,
            "appeal_id": self.appeal_id,
        }
