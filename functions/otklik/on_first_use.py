"""A value made on first use and kept: the clients and data a cold instance should pay for only when a request
needs them (an HTTP client's TLS context, the storage library, the morphology dictionary)."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class OnFirstUse(Generic[T]):
    """Made once even when an instance's first requests ask for it together."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._make()
                value = self._value
        return value

    def made(self) -> bool:
        return self._value is not None

    def forget(self) -> T | None:
        """The value made so far, if any, no longer kept: the next get() makes a new one."""
        with self._lock:
            value, self._value = self._value, None
        return value
