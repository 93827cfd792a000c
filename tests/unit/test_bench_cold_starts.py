"""`make bench` measures the cold start of every deployed function: each needs a first request in bench/coldstart.py,
or the whole section fails only when the bench runs (minutes in, on a quiet machine)."""
from __future__ import annotations

import ast
from pathlib import Path

from otklik.topology import HTTP_FUNCTIONS, pubsub_functions

COLDSTART = Path(__file__).resolve().parents[2] / "bench" / "coldstart.py"


def _requested_functions() -> set[str]:
    tree = ast.parse(COLDSTART.read_text(encoding="utf-8"))
    calls = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "calls")
    table = next(node.value for node in ast.walk(calls) if isinstance(node, ast.Return)
                 and isinstance(node.value, ast.Dict))
    return {key.value for key in table.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)}


def test_every_deployed_function_has_a_first_request_for_its_cold_start() -> None:
    missing = set(HTTP_FUNCTIONS) | set(pubsub_functions())
    absent = missing - _requested_functions()
    assert not absent, f"add a first request to bench/coldstart.py for {sorted(absent)}"
