"""One reply client per platform, sharing one HTTP client: what deliver_reply is wired with."""
from __future__ import annotations

from collections.abc import Mapping

import httpx

from otklik.domain.model import Channel
from otklik.platforms.max.replies import MaxReplyClient
from otklik.platforms.ok.replies import OkReplyClient
from otklik.platforms.replies import (
    DEFAULT_TIMEOUT_SECONDS,
    LazyHttpClient,
    PlatformReplies,
    ReplyClient,
)
from otklik.platforms.telegram.replies import TelegramReplyClient
from otklik.platforms.vk.replies import VkReplyClient

_CLIENT_CLASSES: Mapping[Channel, type[PlatformReplies]] = {
    Channel.VK: VkReplyClient,
    Channel.TELEGRAM: TelegramReplyClient,
    Channel.OK: OkReplyClient,
    Channel.MAX: MaxReplyClient,
}


def clients_for(base_urls: Mapping[str, str], *, http: httpx.Client | None = None,
                timeout: float = DEFAULT_TIMEOUT_SECONDS) -> dict[Channel, ReplyClient]:
    """One reply client per platform named in `base_urls` (keys are Channel values: "vk", "telegram", "ok", "max").

    Only the platforms given get a client, so a local stack cannot fall through to a production API."""
    clients: dict[Channel, ReplyClient] = {}
    shared = LazyHttpClient(http)
    for name, base_url in base_urls.items():
        channel = Channel(name)
        if channel not in _CLIENT_CLASSES:
            raise ValueError(f"no reply client for the {channel} channel")
        clients[channel] = _CLIENT_CLASSES[channel](base_url, http=shared, timeout=timeout)
    return clients
