"""The demo town for `make run`: channels of Южно-Сахалинск with secrets made up for this run only."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Channel

DEMO_TOWN = "yuzhno_sakhalinsk"


@dataclass(frozen=True)
class DemoSetup:
    channels: list[ChannelConfig]
    secrets: dict[str, str]


def demo_setup() -> DemoSetup:
    made_up = {
        "vk-218734512-webhook": secrets.token_urlsafe(12),
        "telegram-yuzhno-webhook": secrets.token_urlsafe(24),
        "ok-yuzhno-webhook": secrets.token_urlsafe(24),
        "max-yuzhno-webhook": secrets.token_urlsafe(24),
    }
    channels = [
        ChannelConfig(platform=Channel.VK, account="218734512", municipality=DEMO_TOWN,
                      webhook_secret_ref="vk-218734512-webhook", vk_confirmation=secrets.token_hex(4)),
        ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="telegram-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=7012345678),
        ChannelConfig(platform=Channel.OK, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="ok-yuzhno-webhook"),
        ChannelConfig(platform=Channel.MAX, account="yuzhno", municipality=DEMO_TOWN,
                      webhook_secret_ref="max-yuzhno-webhook", bot_username="city_reception_bot",
                      bot_user_id=229229229),
    ]
    return DemoSetup(channels=channels, secrets=made_up)
