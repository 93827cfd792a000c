"""The demo town for `make run`: channels of Южно-Сахалинск with made-up secrets, and API keys to work with it.

Secrets and keys are made up on the first start and kept with the data (devstack/persistence.py), so a platform or
client pointed at the local stack keeps working across restarts; `make run FRESH=1` makes new ones."""
from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Channel
from otklik.domain.principals import Role
from otklik.domain.staff_notices import DutyChat, DutyChats

if TYPE_CHECKING:
    from otklik.adapters.api_keys import FirestoreApiKeys

DEMO_TOWN = "yuzhno_sakhalinsk"
VK_COMMUNITY = 218734512
SECRET_MAKERS: dict[str, Callable[[], str]] = {
    f"vk-{VK_COMMUNITY}-webhook": lambda: secrets.token_urlsafe(12),
    "telegram-yuzhno-webhook": lambda: secrets.token_urlsafe(24),
    "ok-yuzhno-webhook": lambda: secrets.token_urlsafe(24),
    "max-yuzhno-webhook": lambda: secrets.token_urlsafe(24),
    f"vk-{VK_COMMUNITY}-token": lambda: secrets.token_urlsafe(24),
    "telegram-yuzhno-token": lambda: f"7012345678:{secrets.token_urlsafe(24)}",
    "ok-yuzhno-token": lambda: secrets.token_urlsafe(24),
    "max-yuzhno-token": lambda: secrets.token_urlsafe(24),
}


@dataclass(frozen=True)
class DemoKey:
    role: Role
    department: str | None
    holder: str


DEMO_KEYS = {
    "operator": DemoKey(Role.OPERATOR, None, "demo operator"),
    "city_economy": DemoKey(Role.DEPARTMENT, "city_economy", "demo department"),
    "supervisor": DemoKey(Role.SUPERVISOR, None, "demo supervisor"),
    "open311": DemoKey(Role.OPEN311, None, "demo Open311 client"),
}


@dataclass(frozen=True)
class DemoSetup:
    channels: list[ChannelConfig]
    secrets: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def vk(self) -> ChannelConfig:
        return next(c for c in self.channels if c.platform is Channel.VK)

    def webhook_secret(self, channel: ChannelConfig) -> str:
        if channel.webhook_secret_ref is None:
            raise ValueError(f"the demo channel {channel.key} has no webhook secret")
        return self.secrets[channel.webhook_secret_ref]

    def saved(self) -> dict[str, Any]:
        """What demo_setup() needs to make the same setup again."""
        return {"secrets": dict(self.secrets), "vk_confirmation": self.vk.vk_confirmation, "keys": dict(self.keys)}


def demo_setup(saved: Mapping[str, Any] | None = None) -> DemoSetup:
    """The demo town's channels; their secrets and the keys are those `saved` holds, the missing ones made up."""
    saved = saved or {}
    kept: dict[str, str] = dict(saved.get("secrets", {}))
    made_up = kept | {name: make() for name, make in SECRET_MAKERS.items() if name not in kept}
    confirmation = saved.get("vk_confirmation") or secrets.token_hex(4)
    channels = [
        ChannelConfig(platform=Channel.VK, account=str(VK_COMMUNITY), municipality=DEMO_TOWN,
                      webhook_secret_ref=f"vk-{VK_COMMUNITY}-webhook", vk_confirmation=confirmation,
                      api_token_ref=f"vk-{VK_COMMUNITY}-token"),
        ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="telegram-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=7012345678, api_token_ref="telegram-yuzhno-token"),
        ChannelConfig(platform=Channel.OK, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="ok-yuzhno-webhook", api_token_ref="ok-yuzhno-token"),
        ChannelConfig(platform=Channel.MAX, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="max-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=229229229, api_token_ref="max-yuzhno-token"),
    ]
    return DemoSetup(channels=channels, secrets=made_up, keys=dict(saved.get("keys", {})))


def ensure_demo_keys(api_keys: FirestoreApiKeys, demo: DemoSetup) -> None:
    """Keeps each saved key that still opens what it should (the data it was issued in was kept) and issues the rest."""
    for name, wanted in DEMO_KEYS.items():
        kept = demo.keys.get(name)
        principal = api_keys.authenticate(kept) if kept else None
        if principal is None or (principal.role, principal.department) != (wanted.role, wanted.department):
            demo.keys[name] = api_keys.issue(wanted.role, (DEMO_TOWN,), wanted.department, wanted.holder)[1]


def demo_duty_chats() -> DutyChats:
    """Duty chats of the demo town, posted to by its Telegram and MAX bots: the fakes print what they get."""
    return DutyChats(departments={"city_economy": DutyChat(platform="telegram", chat_id="-1001000000001", bot="yuzhno"),
                                  "housing_utilities": DutyChat(platform="max", chat_id="-70000001", bot="yuzhno")},
                     supervisors=DutyChat(platform="telegram", chat_id="-1001000000009", bot="yuzhno"))
