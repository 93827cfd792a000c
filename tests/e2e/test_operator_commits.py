"""operator_api answers what it committed: storage failing after the commit does not turn a success into a 503,
which a client without an Idempotency-Key would send again (a second answer, a second reply to the resident)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from otklik.adapters.firestore_appeals import FirestoreAppealRepository
from otklik.domain.model import Appeal
from otklik.domain.principals import Role
from otklik.services.ingest import IngestService
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealWrite, StorageUnavailable
from otklik.services.work import WorkService
from otklik.wiring import utc_now
from tests.conftest import Stack, seed_towns
from tests.e2e.test_operator_api import routed_appeal
from tests.support import TOWN


class FailsAfterCommit:
    """The real Firestore repository, except that once something is committed through it, every further call
    fails the way an outage does. The writes themselves go to the emulator."""

    def __init__(self, inner: FirestoreAppealRepository) -> None:
        self._inner = inner
        self.committed = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.committed:
                raise StorageUnavailable(f"{name} after the commit: the emulator is unreachable")
            return attribute(*args, **kwargs)
        return call

    def transact(self, appeal_ids: list[str],
                 change: Callable[[dict[str, Appeal | None]], list[AppealWrite]]) -> list[AppealWrite]:
        writes = self._inner.transact(appeal_ids, change)
        self.committed = True
        return writes

    def add(self, created: AppealWrite, fingerprint: str | None = None) -> bool:
        stored = self._inner.add(created, fingerprint)
        self.committed = True
        return stored


@pytest.fixture
def failing_after_commit(stack: Stack, functions_server: str) -> FailsAfterCommit:
    """operator_api (served over HTTP, as `make run` serves it) working through FailsAfterCommit."""
    seed_towns(stack)
    deps = stack.deps
    repository = FailsAfterCommit(deps.appeals)
    outbox = OutboxRelay(repository, deps.publisher, deps.settings.topics)
    ingest = IngestService(repository, outbox, utc_now)
    deps.work = WorkService(repository, repository, deps.towns, deps.photos, ingest, outbox, utc_now)  # type: ignore[misc]
    return repository


def post(stack: Stack, functions_server: str, path: str, body: dict[str, Any], key: str) -> requests.Response:
    return requests.post(f"{functions_server}/operator_api{path}", json=body,
                         headers={"Authorization": f"Bearer {key}"}, timeout=30)


def test_an_answer_committed_before_storage_failed_is_answered_200_with_the_committed_appeal(
        stack: Stack, functions_server: str, failing_after_commit: FailsAfterCommit) -> None:
    appeal = routed_appeal(stack, "Нет горячей воды в доме 5 по ул. Мира третий день")
    _, key = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))

    response = post(stack, functions_server, f"/appeals/{appeal.id}/answer",
                    {"kind": "final", "text": "Горячую воду дали"}, key)

    assert failing_after_commit.committed
    assert response.status_code == 200, response.text
    stored = stack.deps.appeals.get(appeal.id)
    assert stored is not None and [a.text for a in stored.answers] == ["Горячую воду дали"]
    assert response.json() == stored.model_dump(mode="json")


def test_a_registration_committed_before_storage_failed_is_answered_201_with_the_registered_appeal(
        stack: Stack, functions_server: str, failing_after_commit: FailsAfterCommit) -> None:
    _, key = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))

    response = post(stack, functions_server, "/appeals",
                    {"text": "Позвонила жительница: не горит фонарь у школы №3", "contact": "+7 924 000-00-00",
                     "resident_name": "Иванова"}, key)

    assert failing_after_commit.committed
    assert response.status_code == 201, response.text
    stored = stack.deps.appeals.get(response.json()["id"])
    assert stored is not None and response.json() == stored.model_dump(mode="json")


HEATING = "Нет отопления в квартире, батареи холодные"
# action: (the appeal's text, the actions done before it, its body, the history entry it makes)
ACTIONS: dict[str, tuple[str, tuple[tuple[str, dict[str, Any]], ...], dict[str, Any], str]] = {
    "triage": ("Здравствуйте", (), {"category": "lighting"}, "triaged"),
    "assign": (HEATING, (), {"assignee": "Петров"}, "assigned"),
    "take": (HEATING, (), {}, "taken"),
    "note": (HEATING, (), {"text": "Позвонили в управляющую компанию"}, "note"),
    "answer": (HEATING, (), {"kind": "final", "text": "Отопление дали"}, "answered_final"),
    "resolve": (HEATING, (("answer", {"kind": "final", "text": "Отопление дали"}),), {}, "resolved"),
    "reopen": (HEATING, (("answer", {"kind": "final", "text": "Отопление дали"}),), {"reason": "Снова холодно"},
               "reopened"),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_repeated_with_its_idempotency_key_is_done_once(stack: Stack, functions_server: str,
                                                                     action: str) -> None:
    seed_towns(stack)
    text, before, body, entry = ACTIONS[action]
    appeal = routed_appeal(stack, text)
    _, key = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))
    for earlier, earlier_body in before:
        assert post(stack, functions_server, f"/appeals/{appeal.id}/{earlier}", earlier_body, key).status_code == 200

    first, repeat = (requests.post(f"{functions_server}/operator_api/appeals/{appeal.id}/{action}", json=body,
                                   headers={"Authorization": f"Bearer {key}", "Idempotency-Key": "request-1"},
                                   timeout=30) for _ in range(2))

    assert (first.status_code, repeat.status_code) == (200, 200), repeat.text
    assert repeat.json() == first.json()
    stored = stack.deps.appeals.get(appeal.id)
    assert stored is not None and [h.action for h in stored.history].count(entry) == 1
