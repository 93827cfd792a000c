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
