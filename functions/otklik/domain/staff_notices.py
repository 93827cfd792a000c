"""Staff notices: which duty chat hears about which deadline notice, and the short Russian text it reads.

Each department and each town's supervisors may have a duty chat (a Telegram group or a MAX chat) in the town's
configuration. A warning goes to the owning department's chat; an escalation to the department's chat and the
supervisors' chat. A department without a chat of its own is covered by the supervisors' chat, so a notice is
never silently dropped while the town has any chat. Pure: `now` is given."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.model import Channel

ESCALATED = "escalated"
DutyPlatform = Literal["telegram", "max"]
# The platforms' limits on one message's text (Telegram counts UTF-16 units; MAX characters).
TEXT_LIMITS: dict[DutyPlatform, int] = {"telegram": 4096, "max": 4000}


class DutyChat(BaseModel):
    """A group chat where a bot of the town posts notices. The bot is a channel of the configuration (same
    platform, its `account`), whose `api_token_ref` names the token in the secrets."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    platform: DutyPlatform
    chat_id: str = Field(min_length=1, max_length=64, pattern=r"^-?[A-Za-z0-9_@.]+$",
                         description="Telegram: the group's id (-100…); MAX: the chat id.")
    bot: str = Field(min_length=1, description="`account` of the channel whose bot posts here.")

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.chat_id}"

    @property
    def channel(self) -> Channel:
        return Channel(self.platform)


class DutyChats(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    departments: dict[str, DutyChat] = Field(default_factory=dict, description="department code → its duty chat")
    supervisors: DutyChat | None = None

    def all(self) -> list[tuple[str, DutyChat]]:
        """Every chat with who it serves: a department's code, or "supervisors"."""
        named = [(department, chat) for department, chat in sorted(self.departments.items())]
        return named + ([("supervisors", self.supervisors)] if self.supervisors else [])


@dataclass(frozen=True)
class NoticeLine:
    """One appeal of a digest, as staff read it (no resident's text or name)."""

    notice_id: str
    appeal_id: str
    notice: str  # ESCALATED or a warning point ("75%", "1h_before")
    due_at: datetime
    department: str | None
    category: str | None
    place: str | None
    incident_id: str | None = None  # one line for an incident's members: appeal_id is its earliest-due member
    incident_members: int | None = None

    @property
    def escalated(self) -> bool:
        return self.notice == ESCALATED


def chats_for(chats: DutyChats, line: NoticeLine) -> list[DutyChat]:
    """Where one notice goes: its department's chat (or the supervisors' when the department has none), and the
    supervisors' too when it is an escalation."""
    department_chat = chats.departments.get(line.department) if line.department else None
    found = [department_chat] if department_chat else []
    if chats.supervisors and (line.escalated or department_chat is None):
        found.append(chats.supervisors)
    return list({chat.key: chat for chat in found}.values())


def by_chat(chats: DutyChats, lines: Iterable[NoticeLine]) -> dict[str, tuple[DutyChat, list[NoticeLine]]]:
    grouped: dict[str, tuple[DutyChat, list[NoticeLine]]] = {}
    for line in lines:
        for chat in chats_for(chats, line):
            grouped.setdefault(chat.key, (chat, []))[1].append(line)
    return grouped


def digest_texts(lines: Sequence[NoticeLine], now: datetime, limit: int, departments: dict[str, str]) -> list[str]:
    """The messages a chat gets for these notices: escalations first, then warnings by deadline; cut between
    lines so that each message fits `limit` (a message never splits an appeal's line)."""
    ordered = sorted(lines, key=lambda line: (not line.escalated, line.due_at, line.appeal_id))
    escalated = sum(line.escalated for line in ordered)
    header = _header(escalated, len(ordered) - escalated)
    entries = [_line(line, now, departments) for line in ordered]
    footer = "Открыть: python -m otklik appeals show <номер>"
    texts: list[str] = []
    current: list[str] = []
    for entry in entries:
        candidate = "\n".join([header, *current, entry, footer])
        if current and _length(candidate) > limit:
            texts.append("\n".join([header, *current, footer]))
            current = []
        current.append(entry[: max(limit - _length(header) - _length(footer) - 2, 1)])
    if current:
        texts.append("\n".join([header, *current, footer]))
    if len(texts) > 1:
        texts = [text.replace(header, f"{header} ({index}/{len(texts)})", 1) for index, text in enumerate(texts, 1)]
    return texts


def _header(escalated: int, warned: int) -> str:
    parts = []
    if escalated:
        parts.append(f"просрочено: {escalated}")
    if warned:
        parts.append(f"срок подходит: {warned}")
    return "⏰ Обращения — " + ", ".join(parts)


def _line(line: NoticeLine, now: datetime, departments: dict[str, str]) -> str:
    category = CATEGORY_LABELS.get(line.category or "", line.category or "без категории")
    timing = (f"просрочено на {_duration(now - line.due_at)}" if line.due_at <= now
              else f"осталось {_duration(line.due_at - now)}")
    cells = [f"№ {line.appeal_id}", category]
    if line.incident_id:
        cells = [f"Инцидент {line.incident_id} ({line.incident_members} обр., первое № {line.appeal_id})", category]
    if line.place:
        cells.append(line.place)
    if line.escalated and line.department:
        cells.append(departments.get(line.department, line.department))
    cells.append(timing)
    return "• " + " · ".join(cells)


def _duration(span: timedelta) -> str:
    minutes = max(int(span.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} д {hours} ч"
    return f"{hours} ч {minutes} мин" if hours else f"{minutes} мин"


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
