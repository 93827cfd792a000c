"""The webhooks' create, encoded straight into protobuf, sends the write the Firestore library would send."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from google.cloud.firestore_v1 import _helpers
from google.cloud.firestore_v1.types import write as write_types
from otklik.adapters.firestore_create import create_write

NAME = "projects/p/databases/(default)/documents/appeals/tg-0123456789abcdef01234567"
SAKHALIN = timezone(timedelta(hours=11))


def library_write(data: dict[str, object]) -> object:
    (write,) = _helpers.pbs_for_create(NAME, data)
    return write_types.Write.pb(write)


@pytest.mark.parametrize("data", [
    {"text": "Яма на дороге 🚧", "status": "received", "reopen_count": 0, "overdue": False, "reportable": True,
     "due_at": None, "score": 0.75, "received_at": datetime(2026, 11, 29, 3, 30, 51, 959797, tzinfo=UTC),
     "local": datetime(2026, 11, 29, 14, 0, tzinfo=SAKHALIN), "search_words": [], "words": ["яма", "дорога"],
     "nested": {"a": [1, {"b": None}], "empty": {}}, "raw": b"\x00\x01", "large": 2**62},
    {},
])
def test_the_write_equals_the_librarys(data: dict[str, object]) -> None:
    assert create_write(NAME, data) == library_write(data)


def test_a_value_firestore_cannot_store_is_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        create_write(NAME, {"tags": {"a", "b"}})
