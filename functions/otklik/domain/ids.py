"""Deterministic appeal ids: the same platform event always maps to the same document."""
from __future__ import annotations

import hashlib

from otklik.domain.model import Channel

_PREFIX = {
    Channel.VK: "vk",
    Channel.TELEGRAM: "tg",
    Channel.OK: "ok",
    Channel.MAX: "mx",
    Channel.REGIONAL: "rg",
    Channel.RECEPTION: "rc",
}


def appeal_id_for(platform: Channel, account: str, event_id: str) -> str:
    # Hashed rather than concatenated: ids stay short, carry no personal data and spread
    # evenly over Firestore's key space instead of growing sequentially.
    digest = hashlib.sha256(f"{platform}\x1f{account}\x1f{event_id}".encode()).hexdigest()
    return f"{_PREFIX[platform]}-{digest[:24]}"
