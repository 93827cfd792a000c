"""Deterministic appeal ids: the same platform event always maps to the same document."""
from __future__ import annotations

import hashlib
import re

from otklik.domain.model import Channel

APPEAL_ID_PATTERN = r"[a-z]{2}-[0-9a-f]{24}"
_APPEAL_ID = re.compile(APPEAL_ID_PATTERN)

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


def is_appeal_id(value: str) -> bool:
    """Whether `value` has the form every appeal id has: anything else names no appeal (and may be a string
    Firestore refuses as a document id, such as "__x__" or "a/b")."""
    return _APPEAL_ID.fullmatch(value) is not None
