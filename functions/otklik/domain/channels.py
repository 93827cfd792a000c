"""Per-town channel configuration: which receiving account belongs to which town."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from otklik.domain.model import Channel


class ChannelConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    platform: Channel
    account: str = Field(description="VK community id, Telegram/MAX bot account, OK group id.")
    municipality: str
    # Names of entries in the secret store (Secret Manager in the cloud), never the values.
    webhook_secret_ref: str | None = None
    api_token_ref: str | None = None
    vk_confirmation: str | None = Field(default=None, description="VK Callback API confirmation string.")
    bot_username: str | None = None
    bot_user_id: int | None = None
    active: bool = True

    @property
    def key(self) -> str:
        return channel_key(self.platform, self.account)


def channel_key(platform: Channel, account: str) -> str:
    return f"{platform}:{account}"
