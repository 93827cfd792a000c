"""The demo town for `make run`: channels of Южно-Сахалинск with secrets made up for this run only."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Channel

DEMO_TOWN = "yuzhno_sakhalinsk"


@dataclass(frozen=True)
class DemoSetup:
    channels: list[ChannelConfig]
    secrets: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)


def demo_setup() -> DemoSetup:
    made_up = {
        "vk-218734512-webhook": secrets.token_urlsafe(12),
        "telegram-yuzhno-webhook": secrets.token_urlsafe(24),
        "ok-yuzhno-webhook": secrets.token_urlsafe(24),
        "max-yuzhno-webhook": secrets.token_urlsafe(24),
        "vk-218734512-token": secrets.token_urlsafe(24),
        "telegram-yuzhno-token": f"7012345678:{secrets.token_urlsafe(24)}",
        "ok-yuzhno-token": secrets.token_urlsafe(24),
        "max-yuzhno-token": secrets.token_urlsafe(24),
    }
    channels = [
        ChannelConfig(platform=Channel.VK, account="218734512", municipality=DEMO_TOWN,
                      webhook_secret_ref="vk-218734512-webhook", vk_confirmation=secrets.token_hex(4),
                      api_token_ref="vk-218734512-token"),
        ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="telegram-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=7012345678, api_token_ref="telegram-yuzhno-token"),
        ChannelConfig(platform=Channel.OK, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="ok-yuzhno-webhook", api_token_ref="ok-yuzhno-token"),
        ChannelConfig(platform=Channel.MAX, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="max-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=229229229, api_token_ref="max-yuzhno-token"),
    ]
    return DemoSetup(channels=channels, secrets=made_up)
