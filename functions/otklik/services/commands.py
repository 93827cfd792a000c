"""What operators and departments ask for through the operator API (request bodies)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from otklik.domain.incidents.model import MAX_MEMBERS
from otklik.domain.model import AnswerKind


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class RegisterReception(_Command):
    """An appeal that came by phone or in writing."""

    resident_name: str = Field(min_length=1, max_length=200)
    contact: str = Field(min_length=1, max_length=200, description="Phone, e-mail or postal address to answer.")
    text: str = Field(min_length=1, max_length=16384)
    town: str | None = Field(default=None, description="Town code; defaults to the operator's town.")


class Triage(_Command):
    """Decide what the machine could not: category and department, or reject as not an appeal."""

    category: str | None = None
    department: str | None = Field(default=None, description="Defaults to the town's department for the category.")
    municipality: str | None = Field(default=None, description="Another of the key's towns, for an appeal that "
                                                              "reached the wrong one; the department is that town's.")
    reject_reason: str | None = Field(default=None, max_length=1000,
                                      description="Set to close it as not an appeal or spam.")


class Assign(_Command):
    department: str | None = None
    assignee: str | None = Field(default=None, max_length=200)


class Note(_Command):
    text: str = Field(min_length=1, max_length=8000)


class AnswerCommand(_Command):
    kind: AnswerKind
    text: str = Field(min_length=1, max_length=8000)
    planned_date: date | None = Field(default=None, description="Required for an intermediate answer.")


class Resolve(_Command):
    reason: str = Field(default="confirmed by the operator", max_length=1000)


class Reopen(_Command):
    reason: str = Field(min_length=1, max_length=1000)


ActionName = Literal["triage", "assign", "take", "note", "answer", "resolve", "reopen"]


# Incidents: the operators' grouping by hand (services/incident_selection.py).

MAX_SELECTED = 100  # appeals changed in one commit (services/ports.py MAX_APPEALS_PER_COMMIT)
# A split moves its members a page at a time: as many as an incident holds.
MAX_SPLIT = MAX_MEMBERS


class CreateIncident(_Command):
    """An incident of the selected appeals (routed, in no incident); the first one's category and department."""

    appeal_ids: list[str] = Field(min_length=1, max_length=MAX_SELECTED)
    reason: str = Field(min_length=1, max_length=1000)


class IncidentMember(_Command):
    """An appeal to add to the incident, or a member to take out of it (it goes on on its own)."""

    appeal_id: str
    reason: str = Field(min_length=1, max_length=1000)


class MergeIncidents(_Command):
    """The incident `incident_id` folded into this one: its members join this one, it is closed as merged."""

    incident_id: str
    reason: str = Field(min_length=1, max_length=1000)


class SplitIncident(_Command):
    """The named members leave for a new incident of their own."""

    appeal_ids: list[str] = Field(min_length=1, max_length=MAX_SPLIT)
    reason: str = Field(min_length=1, max_length=1000)
