"""A town's own configuration: departments, which category goes where, deadlines and working hours.

Stored in Firestore (one document per town), loaded from a versioned file, editable without a deploy."""
from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from otklik.domain.calendar import DEFAULT_TZ, WorkCalendar, WorkingHours, YearLookup, load_calendar
from otklik.domain.channels import ChannelConfig
from otklik.domain.deadlines import SlaPolicy
from otklik.domain.staff_notices import DutyChats

DEFAULT_PHOTO_REPORT_CATEGORIES = ("roads", "yards", "greening", "lighting", "snow", "waste")
# Three years (one of them a leap year) after an appeal is closed: its residents' personal data is then erased.
DEFAULT_RETENTION_DAYS = 1096


class TownConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,), defer_build=True)

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    timezone: str = DEFAULT_TZ
    departments: dict[str, str] = Field(description="department code → name")
    routing: dict[str, str] = Field(description="category code → department code")
    sla: SlaPolicy = SlaPolicy()
    working_hours: WorkingHours = WorkingHours()
    extra_holidays: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()
    follow_up_window_hours: float = Field(default=24, gt=0)
    auto_resolve_hours: float = Field(default=72, gt=0)
    photo_report_categories: tuple[str, ...] = DEFAULT_PHOTO_REPORT_CATEGORIES
    districts: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="district (or planning area, village of the town) → its streets, named as "
                                          "on the street signs: grouping reads an appeal about one of these streets as "
                                          "about the district too, so that one outage's appeals from neighbouring "
                                          "streets are found together (domain/incidents/places.py)")
    open311_coarse_location: bool = Field(
        default=False, description="Whether Open311 shows where private appeals (messages, reception, regional) are "
                                   "about, coarsely: the street without the house number and coordinates rounded to "
                                   "about 100 m. Public appeals and Open311 filings always show their location.")
    duty_chats: DutyChats = Field(default_factory=DutyChats,
                                  description="Where deadline warnings and escalations are posted (notify_staff).")
    # Production years loaded without a deploy (python -m otklik calendar load): attached by the directory that
    # reads the towns, not configuration of the town.
    _loaded_calendar_years: YearLookup | None = PrivateAttr(default=None)

    personal_data_retention_days: int = Field(
        default=DEFAULT_RETENTION_DAYS, ge=1,
        description="Days after an appeal is closed (resolved, rejected, or folded into another) after which the "
                    "resident's personal data in it is erased: name, contact, platform ids, texts, photos. Category, "
                    "department, times and statuses stay for the figures (domain/retention.py).")

    @model_validator(mode="after")
    def _routes_to_known_departments(self) -> Self:
        unknown = sorted({d for d in self.routing.values() if d not in self.departments})
        if unknown:
            raise ValueError(f"routing names departments that are not listed: {unknown}")
        unknown_chats = sorted(set(self.duty_chats.departments) - set(self.departments))
        if unknown_chats:
            raise ValueError(f"duty_chats names departments that are not listed: {unknown_chats}")
        return self

    @property
    def personal_data_retention(self) -> timedelta:
        return timedelta(days=self.personal_data_retention_days)

    def department_for(self, category: str | None) -> str | None:
        return self.routing.get(category) if category else None

    @cached_property
    def calendar(self) -> WorkCalendar:
        return load_calendar(hours=self.working_hours, tz=self.timezone, extra_holidays=self.extra_holidays,
                             extra_working_days=self.extra_working_days, loaded_years=self._loaded_calendar_years)

    def with_loaded_calendar_years(self, loaded_years: YearLookup) -> TownConfig:
        """The town whose calendar also knows the production years `loaded_years` finds (they win over the shipped
        ones and the statutory fallback)."""
        town = TownConfig.model_construct(self.model_fields_set, **{name: getattr(self, name)
                                                                     for name in TownConfig.model_fields})
        town._loaded_calendar_years = loaded_years
        return town


def auto_resolve_after(town: TownConfig | None) -> timedelta:
    """How long after a final answer an appeal (or incident) the resident does not object to is resolved: the town's
    period, or the default one for a town not configured."""
    hours = town.auto_resolve_hours if town is not None else TownConfig.model_fields["auto_resolve_hours"].default
    return timedelta(hours=hours)


class RegionConfig(BaseModel):
    """The versioned configuration file: every town of a deployment."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    version: int
    description: str = ""
    towns: tuple[TownConfig, ...]
    channels: tuple[ChannelConfig, ...] = ()

    @model_validator(mode="after")
    def _unique_codes(self) -> Self:
        codes = [t.code for t in self.towns]
        if len(codes) != len(set(codes)):
            raise ValueError("town codes must be unique")
        return self

    @model_validator(mode="after")
    def _duty_chats_have_bots(self) -> Self:
        """When the file lists channels, each duty chat's bot must be one of the town's channels of its platform."""
        if not self.channels:
            return self
        bots = {(str(c.platform), c.account, c.municipality) for c in self.channels}
        missing = sorted(f"{town.code}: {who} ({chat.platform} bot {chat.bot!r})" for town in self.towns
                         for who, chat in town.duty_chats.all() if (chat.platform, chat.bot, town.code) not in bots)
        if missing:
            raise ValueError(f"duty chats whose bot is not a channel of the town: {missing}")
        return self
