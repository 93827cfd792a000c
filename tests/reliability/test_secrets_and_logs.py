"""Secrets are compared in constant time, and logs of a whole run carry no secret and no resident text."""
from __future__ import annotations

import hmac
import logging
from typing import Any

import pytest
import requests

from otklik.adapters.secrets import SecretStore
from otklik.domain.model import DeliveryStatus, Status
from otklik.domain.principals import Role
from otklik.logs import CloudLoggingFormatter
from tests.conftest import Stack
from tests.reliability.support import post_telegram, telegram_update
from tests.support import SECRETS, eventually


def test_webhook_secrets_are_compared_with_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    store = SecretStore({"s": __import__("pydantic").SecretStr("expected-secret")})
    assert store.matches("s", "expected-secret") and not store.matches("s", "expected-secreT")
    assert not store.matches("missing", "x") and not store.matches("s", None)
    assert len(calls) == 2


RESIDENT_TEXT = "Квартира 17, третий этаж, у Ивановых протекает крыша и течёт вода по стене"


def test_a_whole_run_logs_no_secret_and_no_resident_text(wired: Stack, functions_server: str,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    principal, key = wired.deps.api_keys.issue(Role.OPERATOR, ("yuzhno_sakhalinsk",))
    update = telegram_update(31, RESIDENT_TEXT)
    assert post_telegram(functions_server, update).status_code == 200
    bad = post_telegram(functions_server, telegram_update(32) | {"message": {"text": RESIDENT_TEXT}})
    assert bad.status_code == 400
    appeal = eventually(lambda: next((a for a in wired.deps.appeals.recent(5) if a.status is Status.ROUTED), None))
    answer_text = "Кровлю отремонтируем до пятницы, Ивановым позвоним"
    response = requests.post(f"{functions_server}/operator_api/appeals/{appeal.id}/answer",
                             json={"kind": "final", "text": answer_text},
                             headers={"Authorization": f"Bearer {key}"}, timeout=30, allow_redirects=False)
    assert response.status_code == 200, response.text
    eventually(lambda: (a := wired.deps.appeals.get(appeal.id)) and
               a.answers[-1].delivery.status is DeliveryStatus.DELIVERED)

    formatter = CloudLoggingFormatter()
    # werkzeug's access log is the local server's; in the cloud, request logs are Cloud Run's own.
    lines = [formatter.format(r) for r in caplog.records if r.levelno >= logging.INFO and r.name != "werkzeug"]
    assert any(appeal.id in line for line in lines), "the run was logged, with the appeal id as correlation id"
    forbidden = [*SECRETS.values(), key, RESIDENT_TEXT, answer_text, RESIDENT_TEXT[:30], answer_text[:30]]
    leaks = [(secret[:12], line[:200]) for line in lines for secret in forbidden if secret in line]
    assert leaks == []
