"""The classifier's learning as the cloud triggers it: route_appeal routes, operators correct through operator_api,
the nightly tick's message reaches retrain_classifier, and route_appeal then sends a like appeal where the operators
put it (a correction is never silently undone)."""
from __future__ import annotations

import pytest
import requests

from otklik.domain.model import Status
from otklik.domain.principals import Role
from tests.builders import an_appeal
from tests.conftest import Stack
from tests.support import TOWN, eventually, wait_for

LAMPS = ["Во дворе дома 5 по улице Мира не горят фонари уже неделю",
         "Во дворе дома 7 по улице Ленина не горят фонари уже неделю",
         "Во дворе дома 3 по улице Мира не горят фонари, темно"]


@pytest.fixture
def learning(wired: Stack, monkeypatch: pytest.MonkeyPatch) -> Stack:
    # route_appeal checks the town's model version on every message (in the cloud: every 5 minutes).
    monkeypatch.setenv("OTKLIK_CLASSIFIER_MODEL_CACHE_SECONDS", "0")
    wired.reset_caches()
    return wired


def routed_by_the_functions(stack: Stack, text: str) -> str:
    appeal = an_appeal(text)
    assert stack.deps.ingest.store(appeal).created
    wait_for(stack, appeal.id, lambda a: a.status is not Status.RECEIVED)
    return appeal.id


def test_corrections_through_the_api_retrain_the_model_and_route_a_like_appeal_where_operators_put_it(
        learning: Stack, functions_server: str) -> None:
    deps = learning.deps
    _, key = deps.api_keys.issue(Role.OPERATOR, (TOWN,))
    for text in LAMPS:
        appeal_id = routed_by_the_functions(learning, text)
        assert deps.appeals.get(appeal_id).category == "lighting"  # type: ignore[union-attr]
        response = requests.post(f"{functions_server}/operator_api/appeals/{appeal_id}/triage",
                                 json={"category": "management_company"}, headers={"Authorization": f"Bearer {key}"},
                                 timeout=30, allow_redirects=False)
        assert response.status_code == 200, response.text
    assert deps.classifier_examples.count_since(TOWN, None) == 3

    topics = learning.settings.topics
    deps.publisher.publish(topics.name(topics.classifier_retrain), b"{}", {})  # Cloud Scheduler's nightly tick
    model = eventually(lambda: deps.classifier_models.current(TOWN), what="the town's model stored")

    like_them = routed_by_the_functions(learning, "Во дворе дома 9 по улице Мира не горят фонари уже неделю")
    appeal = deps.appeals.get(like_them)
    assert (model.version, model.examples) == (1, 3)
    assert appeal is not None and (appeal.status, appeal.category) == (Status.ROUTED, "management_company")
    assert appeal.classification_reasons[0].startswith("operators' corrections")
