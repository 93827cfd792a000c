"""Helpers for fault tests: pausing an emulator, posting many platform events."""
from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Iterator
from typing import Any

import requests

from otklik.devstack.emulators import Emulator
from tests.support import SECRETS, payload

TG_HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"],
              "Content-Type": "application/json"}


@contextlib.contextmanager
def paused(emulator: Emulator) -> Iterator[None]:
    """The emulator stops answering (its whole process group is stopped) and comes back with its data."""
    group = emulator._group
    assert group is not None
    os.killpg(group.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(group.process.pid, signal.SIGCONT)


def telegram_update(number: int, text: str = "Яма на дороге у дома {n} по ул. Ленина") -> dict[str, Any]:
    data = payload("telegram", "update_message_text")
    data["update_id"] = 800_000 + number
    data["message"] |= {"message_id": number, "text": text.format(n=number),
                        "chat": {"id": 900_000 + number, "type": "private"}}
    return data


def post_telegram(base: str, update: dict[str, Any], timeout: float = 30) -> requests.Response:
    return requests.post(f"{base}/telegram_webhook/yuzhno", data=json.dumps(update, ensure_ascii=False).encode(),
                         headers=TG_HEADERS, timeout=timeout, allow_redirects=False)



