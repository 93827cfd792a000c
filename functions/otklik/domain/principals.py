"""Who is asking, and what they may see and do. Every read and action is checked here."""
from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from otklik.domain.model import Appeal


class Role(StrEnum):
    OPERATOR = "operator"  # one town, every department; works on appeals
    DEPARTMENT = "department"  # one town, one department; works on its appeals
    SUPERVISOR = "supervisor"  # one town; reads and reports
    REGIONAL = "regional"  # the granted towns; reads
    OPEN311 = "open311"  # an Open311 client filing appeals for the granted towns


# Who reads residents' appeals (names, contacts, private messages): the centre's staff and regional readers.
APPEAL_READERS = frozenset({Role.OPERATOR, Role.DEPARTMENT, Role.SUPERVISOR, Role.REGIONAL})
REPORT_READERS = frozenset({Role.SUPERVISOR, Role.REGIONAL})  # the monthly figures


class Principal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    key_id: str
    role: Role
    towns: tuple[str, ...] = Field(min_length=1)
    department: str | None = None
    name: str = ""

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.key_id}"

    def can_see(self, appeal: Appeal) -> bool:
        return self.can_see_work(appeal.municipality, appeal.department)

    def can_see_work(self, municipality: str, department: str | None) -> bool:
        """An appeal's or an incident's: of the principal's towns, and of its department for a department key."""
        if self.role not in APPEAL_READERS or municipality not in self.towns:
            return False
        return self.role is not Role.DEPARTMENT or department == self.department

    def can_work(self, appeal: Appeal) -> bool:
        return self.role in (Role.OPERATOR, Role.DEPARTMENT) and self.can_see(appeal)

    @property
    def reads_reports(self) -> bool:
        return self.role in REPORT_READERS
