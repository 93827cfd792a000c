"""The fake platform APIs of the local stack and the tests: one started per platform (platforms/<network>/fake.py)."""
from __future__ import annotations

from otklik.devstack.fake_server import FakePlatform
from otklik.platforms.max.fake import FakeMax
from otklik.platforms.ok.fake import FakeOk
from otklik.platforms.telegram.fake import FakeTelegram
from otklik.platforms.vk.fake import FakeVk


def all_fakes(verbose: bool = False) -> dict[str, FakePlatform]:
    """One started fake per platform, keyed like `reply_clients.clients_for` expects its base URLs."""
    return {"vk": FakeVk(verbose=verbose).start(), "telegram": FakeTelegram(verbose=verbose).start(),
            "ok": FakeOk(verbose=verbose).start(), "max": FakeMax(verbose=verbose).start()}
