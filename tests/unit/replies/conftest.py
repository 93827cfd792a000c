"""Each test gets its own fake platform API, started on a free port and stopped after it."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from otklik.platforms.max.fake import FakeMax
from otklik.platforms.ok.fake import FakeOk
from otklik.platforms.telegram.fake import FakeTelegram
from otklik.platforms.vk.fake import FakeVk


@pytest.fixture
def vk() -> Iterator[FakeVk]:
    with FakeVk(group_id=218734512) as fake:
        yield fake


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def ok() -> Iterator[FakeOk]:
    with FakeOk() as fake:
        yield fake


@pytest.fixture
def max_api() -> Iterator[FakeMax]:
    with FakeMax() as fake:
        yield fake
