"""An instance's start (otklik.entrypoints.instance): the garbage collector is held off from main.py's first line
until the first answer, which freezes what the start loaded and resumes collection."""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from otklik.entrypoints import instance

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"


@pytest.fixture
def unsettled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(instance, "_settled", False)
    gc.unfreeze()
    instance.hold_collection_until_settled()
    try:
        yield
    finally:
        gc.enable()


def test_importing_the_entry_points_holds_collection_off() -> None:
    probe = "import gc, json, main; print(json.dumps(gc.isenabled()))"
    done = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(FUNCTIONS)},
                          capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) is False


def test_the_first_event_handled_settles_the_instance(unsettled: None) -> None:
    handled: list[str] = []
    handler = instance.settles_instance(handled.append)
    assert not gc.isenabled()
    handler("event")
    assert handled == ["event"]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_failing_first_event_settles_it_too(unsettled: None) -> None:
    def failing(event: str) -> None:
        raise RuntimeError("storage down")

    with pytest.raises(RuntimeError):
        instance.settles_instance(failing)("event")
    assert gc.isenabled()


def test_later_events_do_not_freeze_again(unsettled: None) -> None:
    handler = instance.settles_instance(lambda event: None)
    handler("first")
    gc.unfreeze()
    handler("second")
    assert gc.get_freeze_count() == 0


def test_every_entry_point_settles_the_instance_after_its_first_answer() -> None:
    import ast

    # An HTTP function answering in HTML (the console) maps its own failures and only settles.
    settling = {"http": ("http_endpoint", "settles_instance"), "cloud_event": ("settles_instance",)}
    tree = ast.parse((FUNCTIONS / "main.py").read_text(encoding="utf-8"))
    for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
        decorators = [ast.unparse(d) for d in function.decorator_list]
        kind = next(d.removeprefix("functions_framework.") for d in decorators if d.startswith("functions_framework."))
        names = [d.split("(")[0] for d in decorators]
        assert set(settling[kind]) & set(names), f"{function.name} never settles: decorate it with {settling[kind]}"
