"""What a cold instance loads before its first request, and what wiring a service loads: heavy libraries come
with the first use that needs them (each is tens of milliseconds of every cold start). Run in a fresh
interpreter, since this test process has long imported everything."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
PLATFORMS = ("vk", "telegram", "ok", "max")
HEAVY = ("google.cloud.firestore", "google.cloud.pubsub_v1", "google.cloud.storage", "httpx", "pymorphy3", "PIL")


def loaded_after(code: str, watched: tuple[str, ...] = HEAVY) -> list[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps([m for m in {watched!r} if m in sys.modules]))"
    # An unreachable emulator: clients may be made, nothing is sent.
    env = {**os.environ, "PYTHONPATH": str(FUNCTIONS), "FIRESTORE_EMULATOR_HOST": "127.0.0.1:9",
           "PUBSUB_EMULATOR_HOST": "127.0.0.1:9", "OTKLIK_PROJECT_ID": "cold-imports"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_entry_points_loads_no_client_library() -> None:
    assert loaded_after("import main") == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_webhook_loads_its_own_platform_and_no_other(platform: str) -> None:
    packages = tuple(f"otklik.platforms.{name}" for name in PLATFORMS)
    assert loaded_after("import main", packages) == []
    own_webhook = f"import main\nfrom otklik.platforms.{platform} import webhook"
    others = tuple(package for package in packages if not package.endswith(f".{platform}"))
    # Nor the reply side, which brings httpx: a webhook answers the platform's request, it sends nothing.
    assert loaded_after(own_webhook, (*others, "otklik.platforms.replies", "httpx")) == []


def test_each_webhook_function_imports_its_own_platform_only() -> None:
    tree = ast.parse((FUNCTIONS / "main.py").read_text(encoding="utf-8"))
    webhooks = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.endswith("_webhook")]
    assert sorted(function.name.removesuffix("_webhook") for function in webhooks) == sorted(PLATFORMS)
    for function in webhooks:
        imported = {node.module for node in ast.walk(function)
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("otklik.platforms")}
        assert imported == {f"otklik.platforms.{function.name.removesuffix('_webhook')}"}, function.name


def test_the_operator_api_loads_the_storage_library_only_with_a_photo() -> None:
    assert "google.cloud.storage" not in loaded_after("import main\nmain.container().work")


def test_the_operator_api_loads_pillow_only_with_a_photo() -> None:
    assert "PIL" not in loaded_after("import main\nmain.container().work")


def test_reply_delivery_loads_the_storage_library_only_with_a_photo() -> None:
    assert "google.cloud.storage" not in loaded_after("import main\nmain.container().delivery")


def test_the_regional_api_loads_the_storage_library_only_with_a_photo() -> None:
    assert "google.cloud.storage" not in loaded_after("import main\nfrom otklik.entrypoints import regional_api")


def test_wiring_routing_leaves_the_morphology_dictionary_to_the_first_message() -> None:
    assert "pymorphy3" not in loaded_after("import main\nmain.container().routing")


def test_storing_appeals_leaves_the_classifier_to_routing() -> None:
    # The repository derives search words and thread keys on every write; neither needs the classifier.
    assert loaded_after("from otklik.adapters import firestore_appeals", ("otklik.domain.classification",)) == []


def test_the_monthly_report_does_not_load_the_operator_api() -> None:
    assert loaded_after("from otklik.entrypoints import monthly_report", ("otklik.entrypoints.operator_api",)) == []


def test_open311_loads_the_xml_library_only_for_an_xml_answer() -> None:
    assert loaded_after("import main\nfrom otklik.entrypoints import open311", ("xml.etree.ElementTree",)) == []


def test_route_appeal_with_a_towns_learned_model_loads_no_training_code() -> None:
    # The model is read as JSON and scored with math: the training and evaluation code stays in retrain_classifier,
    # and the morphology dictionary waits for the first message.
    training = ("otklik.services.learning", "otklik.domain.learning.evaluation", "pymorphy3", "numpy", "sklearn")
    assert loaded_after("import main\nmain.container().routing\nmain.container().town_classifiers", training) == []


@pytest.mark.parametrize("service", ["work", "incident_work", "console_sessions"])
def test_a_service_that_may_publish_loads_the_pubsub_library_only_with_its_first_publish(service: str) -> None:
    # The console's pages and the operator API's reads publish nothing.
    assert "google.cloud.pubsub_v1" not in loaded_after(f"import main\nmain.container().{service}")


def test_route_appeal_loads_no_grouping_which_is_group_appeals() -> None:
    # It stores the place keys (services/locating.py); the matching, the problem's words and the incidents' queries
    # load in group_appeal, on the appeal.routed routing publishes.
    grouping = ("otklik.services.grouping", "otklik.domain.incidents.matching", "otklik.domain.incidents.problem",
                "otklik.adapters.firestore_incidents")
    assert loaded_after("import main\nmain.container().routing", grouping) == []


def test_group_appeal_loads_grouping_only_for_a_message_it_groups() -> None:
    assert "otklik.services.grouping" not in loaded_after("import main\nmain.container().group_appeal",
                                                          ("otklik.services.grouping",))
