"""The console's forms as posted (application/x-www-form-urlencoded, the answer multipart/form-data): what each page
reads, and what schemas/console.openapi.json documents. A field left empty is absent; pydantic's refusal of a field
becomes a 422 page naming it."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from otklik.domain.model import AnswerKind
from otklik.services import commands

# The triage form's choices of rejection, as the history records them.
REJECTIONS = {"not_appeal": "не обращение", "spam": "спам"}


class _Form(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True, str_strip_whitespace=True)

    csrf_token: str = Field(default="", description="The session's CSRF token (the sign-in form's: its cookie's).")

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data


class _ActionForm(_Form):
    request_id: str | None = Field(default=None, max_length=200,
                                   description="Random per rendered form: the action's Idempotency-Key.")


class SignInForm(_Form):
    api_key: str = Field(default="", max_length=500, description="An API key (python -m otklik keys issue).")


class ReceptionForm(_ActionForm):
    resident_name: str = Field(min_length=1, max_length=200)
    contact: str = Field(min_length=1, max_length=200, description="Phone, e-mail or postal address to answer.")
    address: str = Field(default="", max_length=500, description="Where the problem is; added to the text.")
    text: str = Field(min_length=1, max_length=15000)
    town: str | None = Field(default=None, description="Town code; defaults to the operator's first town.")

    def command(self, town: str) -> commands.RegisterReception:
        address = " ".join(self.address.split())
        text = f"{self.text}\n\nАдрес: {address}" if address else self.text
        return commands.RegisterReception(resident_name=self.resident_name, contact=self.contact, text=text,
                                          town=town)


class TemplateForm(_Form):
    town: str | None = None
    category: str
    text: str = Field(default="", max_length=4000, description="Empty removes the category's template.")


class TakeForm(_ActionForm):
    def command(self) -> None:
        return None


class NoteForm(_ActionForm):
    text: str = Field(default="", max_length=8000)

    def command(self) -> commands.Note:
        return commands.Note(text=self.text)


class AssignForm(_ActionForm):
    department: str | None = None
    assignee: str | None = Field(default=None, max_length=200)

    def command(self) -> commands.Assign:
        return commands.Assign(department=self.department, assignee=self.assignee)


class TriageForm(_ActionForm):
    decision: Literal["route", "not_appeal", "spam"] = "route"
    category: str | None = None
    department: str | None = Field(default=None, description="Empty: the town's department for the category.")
    town: str | None = Field(default=None, description="Another of the key's towns, for an appeal that reached the "
                                                       "wrong one (then the department is left to the category).")
    reject_reason: str | None = Field(default=None, max_length=900, description="A comment to a rejection.")

    def command(self) -> commands.Triage:
        if self.decision in REJECTIONS:
            reason = REJECTIONS[self.decision] + (f": {self.reject_reason}" if self.reject_reason else "")
            return commands.Triage(reject_reason=reason)
        return commands.Triage(category=self.category, department=self.department, municipality=self.town)


class AnswerForm(_ActionForm):
    """Sent as multipart/form-data with the photos as repeated `photos` files."""

    kind: AnswerKind
    text: str = Field(default="", max_length=8000)
    planned_date: date | None = Field(default=None, description="Required for an intermediate answer.")

    def command(self) -> commands.AnswerCommand:
        return commands.AnswerCommand(kind=self.kind, text=self.text, planned_date=self.planned_date)


class ResolveForm(_ActionForm):
    reason: str = Field(default="подтверждено оператором", max_length=900)

    def command(self) -> commands.Resolve:
        return commands.Resolve(reason=self.reason)


class ReopenForm(_ActionForm):
    reason: str = Field(default="", max_length=900)

    def command(self) -> commands.Reopen:
        return commands.Reopen(reason=self.reason)


class IncidentMemberForm(_ActionForm):
    """A member taken out of an incident (it goes on on its own)."""

    appeal_id: str
    reason: str = Field(min_length=1, max_length=1000)

    def command(self) -> commands.IncidentMember:
        return commands.IncidentMember(appeal_id=self.appeal_id, reason=self.reason)


class IncidentMergeForm(_ActionForm):
    """Another incident about the same problem folded into this one: its members join this one."""

    incident_id: str = Field(min_length=1)
    reason: str = Field(min_length=1, max_length=1000)

    def command(self) -> commands.MergeIncidents:
        return commands.MergeIncidents(incident_id=self.incident_id, reason=self.reason)


ACTION_FORMS: dict[str, type[TakeForm | NoteForm | AssignForm | TriageForm | AnswerForm | ResolveForm | ReopenForm]] = {
    "take": TakeForm, "note": NoteForm, "assign": AssignForm, "triage": TriageForm, "answer": AnswerForm,
    "resolve": ResolveForm, "reopen": ReopenForm,
}
