"""Service tests: the use cases of otklik/services over the in-memory fakes of tests/fakes.py, no emulators."""
from __future__ import annotations

import pytest

from tests.fakes import Clock, InMemoryAppeals, RecordingPublisher


@pytest.fixture
def appeals() -> InMemoryAppeals:
    return InMemoryAppeals()


@pytest.fixture
def published() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def clock() -> Clock:
    return Clock()
