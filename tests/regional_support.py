"""Helpers for the regional API, callback and Open311 tests: signed calls, seeded clients, the fake regional
centre, and appeals stored as they would be after routing."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import requests

from otklik.devstack.fake_regional import FakeRegionalCentre
from otklik.domain import actions
from otklik.domain.model import AnswerKind, Appeal, Status
from otklik.regional.clients import RegionalClient
from otklik.regional.signing import signed_headers
from otklik.services.events import write
from otklik.services.ports import AppealWrite
from tests.conftest import Stack, seed_towns
from tests.support import OTHER_TOWN, SECRETS, TOWN
from tests.support import wait_for as wait_for  # re-exported for the regional tests

CLIENT = "cur-sakhalin"  # granted the test town and the other town
NORTH = "cur-north"  # granted only the other town
SECRET = SECRETS["regional-cur-sakhalin"]
NORTH_SECRET = SECRETS["regional-cur-north"]
OPERATOR = "operator:0a1b2c3d4e5f"
# Fixed for the session, so that the same appeal_body() is the same body in every call.
RECEIVED_AT = (datetime.now(UTC) - timedelta(hours=1)).replace(second=0, microsecond=0).isoformat()


def regional_client(client_id: str = CLIENT, towns: tuple[str, ...] = (TOWN, OTHER_TOWN),
                    callback_url: str | None = None, rate_limit_per_minute: int = 600) -> RegionalClient:
    return RegionalClient(id=client_id, name=f"ЦУР ({client_id})", secret_ref=f"regional-{client_id}", towns=towns,
                          callback_url=callback_url, rate_limit_per_minute=rate_limit_per_minute)


def call(base: str, method: str, path: str, body: Any = None, *, client: str = CLIENT, secret: str = SECRET,
         headers: dict[str, str] | None = None, signed_path: str | None = None,
         now: float | None = None) -> requests.Response:
    """A signed request to the regional API; `signed_path` signs another path than the one called."""
    raw = body if isinstance(body, bytes) else (b"" if body is None else json.dumps(body, ensure_ascii=False).encode())
    signature = signed_headers(client, secret, method, signed_path or path, raw, now=now)
    return requests.request(method, f"{base}/regional_api{path}", data=raw, timeout=30, allow_redirects=False,
                            headers={"Content-Type": "application/json", **signature, **(headers or {})})


def appeal_body(regional_id: str = "R-1001", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "regional_id": regional_id,
        "town": TOWN,
        "text": "Во дворе дома 5 по ул. Пограничной яма на проезде, машины не проезжают",
        "author": {"name": "Ирина Смирнова", "profile_url": "https://vk.com/id5550123"},
        "source_url": "https://vk.com/wall-1_2?reply=3",
        "received_at": RECEIVED_AT,
        "category_hint": "roads",
    }
    return body | changes


@pytest.fixture(scope="session")
def fake_regional_server() -> Iterator[FakeRegionalCentre]:
    with FakeRegionalCentre({CLIENT: SECRET, NORTH: NORTH_SECRET}) as fake:
        yield fake


@pytest.fixture
def regional(stack: Stack, fake_regional_server: FakeRegionalCentre) -> FakeRegionalCentre:
    """The towns, two regional clients calling back to the fake regional centre, and the fake reset."""
    fake_regional_server.reset()
    seed_towns(stack)
    for client in (regional_client(callback_url=fake_regional_server.callback_url(CLIENT)),
                   regional_client(NORTH, towns=(OTHER_TOWN,), callback_url=fake_regional_server.callback_url(NORTH))):
        stack.deps.regional_clients.save(client)
    return fake_regional_server


def change(stack: Stack, appeal_id: str, act: Callable[[Appeal, datetime], Appeal]) -> Appeal:
    """Applies a domain action the way the services do: in a transaction, outbox flushed after."""
    now = datetime.now(UTC)

    def apply(current: dict[str, Appeal | None]) -> list[AppealWrite]:
        appeal = current[appeal_id]
        assert appeal is not None
        return [write(appeal, act(appeal, now))]

    (written,) = stack.deps.appeals.transact([appeal_id], apply)
    stack.deps.outbox.flush(appeal_id)
    return written.appeal


def answer(kind: AnswerKind, text: str, photos: tuple[str, ...] = (), answer_id: str = "ans-1"):  # type: ignore[no-untyped-def]
    def act(appeal: Appeal, now: datetime) -> Appeal:
        planned = date.today() + timedelta(days=3) if kind is AnswerKind.INTERMEDIATE else None
        return actions.answer(appeal, OPERATOR, now, answer_id=answer_id, kind=kind, text=text, planned_date=planned,
                              photos=photos, photo_report_required=False, auto_resolve_after=timedelta(hours=72),
                              manual_delivery=True)
    return act


def resolve(appeal: Appeal, now: datetime) -> Appeal:
    return actions.resolve(appeal, OPERATOR, now, "confirmed by the operator")


def routed(appeal: Appeal) -> bool:
    return appeal.status is Status.ROUTED
