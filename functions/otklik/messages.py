"""Bodies of the Pub/Sub messages Otklik's functions exchange."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from otklik.domain.model import Channel


class AppealReceived(BaseModel):
    """Published once an appeal is stored, and again when the resident edits the text of one still unanswered;
    the routing function reads the rest from Firestore."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    appeal_id: str
    municipality: str
    channel: Channel
    received_at: AwareDatetime

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "channel": str(self.channel), "appeal_id": self.appeal_id}


class AppealRouted(BaseModel):
    """Published when routing (or a triage, a move, a reopening) gives an appeal its department, or sends it to
    triage.

    Built from the stored appeal only, so a redelivery republishes exactly the same content."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    appeal_id: str
    municipality: str
    channel: Channel
    status: str
    category: str | None
    department: str | None
    due_at: AwareDatetime | None
    changed_at: AwareDatetime
    first_routing: bool = Field(default=False, description="Routing's first decision about the appeal (routed, or "
                                "sent to triage), which group_appeal groups; not a triage, a move, a reopening or a "
                                "decision again after an edit.")

    def attributes(self) -> dict[str, str]:
        # Attributes are what subscription filters select on; absent values are empty strings.
        return {
            "municipality": self.municipality,
            "department": self.department or "",
            "category": self.category or "",
            "status": self.status,
            "appeal_id": self.appeal_id,
            "first_routing": "true" if self.first_routing else "false",
        }


class ReplyRequested(BaseModel):
    """An answer to deliver where the resident wrote; deliver_reply reads the answer from the appeal."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    appeal_id: str
    answer_id: str
    municipality: str
    channel: Channel

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "channel": str(self.channel), "appeal_id": self.appeal_id}


CallbackEventType = Literal["intermediate_answer", "final_answer", "escalated", "reopened", "resolved", "handed_over",
                            "rejected"]


class RegionalCallback(BaseModel):
    """What the regional centre is told about an appeal; event_id lets it drop duplicates."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    event_id: str
    event_type: CallbackEventType
    appeal_id: str
    client_id: str | None = Field(description="The regional client that handed the appeal down, if one did.")
    regional_id: str | None
    municipality: str
    status: str
    occurred_at: AwareDatetime
    data: dict[str, Any] = Field(default_factory=dict, description="Facts and ids only: due_at; for answers answer_id, "
                                 "kind, planned_date; for handed_over the category. The texts and photos the regional "
                                 "centre receives are read from the appeal when the callback is delivered.")

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "event_type": self.event_type, "appeal_id": self.appeal_id,
                "client_id": self.client_id or ""}


class DeadlineNotice(BaseModel):
    """A warning before, or an escalation after, an appeal's response deadline."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    appeal_id: str
    municipality: str
    channel: Channel
    department: str | None
    status: str
    due_at: AwareDatetime
    notice: str = Field(description='"escalated" or the warning point, e.g. "75%" or "1h_before".')
    occurred_at: AwareDatetime
    incident_id: str | None = Field(default=None, description="Set for an incident's one notice for all its members "
                                    "(appeal_id is then its member with the earliest deadline).")
    incident_members: int | None = Field(default=None, description="How many appeals the incident has.")

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "department": self.department or "", "notice": self.notice,
                "channel": str(self.channel), "appeal_id": self.appeal_id}


class DeadlineTick(BaseModel):
    """Cloud Scheduler's tick (`{}`); its content does not matter: the sweep reads what is due when it runs."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)


class StaffNoticeItem(BaseModel):
    """One deadline notice in a digest: ids and labels only; notify_staff reads the appeal itself."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    notice_id: str = Field(description="The id of the appeal's deadline-notice message (its outbox message).")
    appeal_id: str
    department: str | None
    notice: str = Field(description='"escalated" or the warning point, e.g. "75%" or "1h_before".')
    due_at: AwareDatetime
    incident_id: str | None = Field(default=None, description="An incident's notice, for all its members.")
    incident_members: int | None = None


class StaffNotices(BaseModel):
    """The deadline notices of one sweep tick for one town: notify_staff posts one message per duty chat."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    digest_id: str = Field(description="<tick>/<town>/<number>: the same notices always make the same digest id.")
    municipality: str
    tick: AwareDatetime
    notices: list[StaffNoticeItem]
    announcement: str | None = Field(
        default=None, description="A notice for the supervisors about no one appeal (a production calendar missing): "
                                  "posted to the supervisors' chat before any lines.")

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "digest_id": self.digest_id}
class RetentionTick(BaseModel):
    """Cloud Scheduler's daily tick (`{}`) of erase_expired: it erases what is due when it runs."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)


class RetrainClassifier(BaseModel):
    """Retrain the classifier's learned models: Cloud Scheduler's nightly tick (`{}`, every town), or an operator's
    decision that brought a town's examples since its model to a multiple of
    Settings.classifier_retrain_after_examples (that town). Retraining reads the examples when it runs."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    municipality: str | None = Field(default=None, description="The town to retrain; absent: every town with "
                                                               "examples newer than its model.")
    examples_since_model: int | None = Field(default=None, description="How many of the town's examples its current "
                                                                       "model has not learned from.")

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality or ""}
class IncidentFanOut(BaseModel):
    """A step of work on an incident carried on to its members after `after` (fan_out_incident), a member whose
    resident said it is not fixed (`not_fixed_by`), or an appeal that joined it (`joined`: the incident's pending
    joins are folded into it). Ids only: the step is the incident's history entry. Published with the incident's id
    as ordering key: one incident's messages are handled one at a time."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    incident_id: str
    municipality: str
    step: str | None = Field(default=None, description="\"<incident id>/<entry number>\": the incident's entry "
                             "its members carry out.")
    after: str | None = Field(default=None, description="The member appeal after which the next page starts.")
    not_fixed_by: str | None = Field(default=None, description="A member appeal whose resident said it is not fixed.")
    joined: str | None = Field(default=None, description="An appeal that joined the incident: the joins not yet in "
                               "the incident's document are folded into it.")

    def attributes(self) -> dict[str, str]:
        return {"municipality": self.municipality, "incident_id": self.incident_id}
