"""What work on an incident has done so far, kept on the incident (`Incident.work`): its owner, its answers, when it
was first answered, the members who said it is not fixed. Kept apart from the grouping fields of model.py."""
from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from otklik.domain.model import Answer


class IncidentWork(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    assignee: str | None = None
    answers: tuple[Answer, ...] = Field(default=(), description="The incident's answers, oldest first; each member "
                                        "appeal is given each one under the same id, and its delivery is recorded "
                                        "there (the member's own answer).")
    first_response_at: AwareDatetime | None = None
    first_response_seconds: float | None = Field(default=None, description="From the first member's receipt to the "
                                                 "incident's first answer.")
    answered_at: AwareDatetime | None = None
    resolve_after: AwareDatetime | None = Field(default=None, description="When an incident answered finally is "
                                                "resolved by the deadline sweep, unless a member objected.")
    resolved_at: AwareDatetime | None = None
    reopen_count: int = 0
    note_count: int = 0
    not_fixed: tuple[str, ...] = Field(default=(), description="Members whose residents said it is not fixed since "
                                       "the last final answer: the incident is flagged; enough of them reopen it.")
    notices: tuple[str, ...] = Field(default=(), description="Deadline notices given for the incident, each once per "
                                     "deadline: \"warning:<label>@<due_at>\", \"escalated@<due_at>\".")
    overdue: bool = False

    @property
    def flagged(self) -> bool:
        return bool(self.not_fixed)
