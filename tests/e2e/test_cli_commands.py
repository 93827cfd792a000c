"""The admin command line against the emulators: configuration, keys, classification, sweep and report."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from otklik.domain.principals import Role
from tests.conftest import TOWNS_FILE, Stack

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "otklik", *args], cwd=REPO, capture_output=True, text=True,
                          input=stdin, env=dict(os.environ), timeout=120, check=False)


def test_config_load_stores_every_town_of_the_versioned_file(stack: Stack) -> None:
    result = cli("config", "load", str(TOWNS_FILE))
    assert result.returncode == 0, result.stderr
    stack.deps.towns._loaded_at = None  # the cache of this process
    assert set(stack.deps.towns.all()) == {"yuzhno_sakhalinsk", "aniva", "dolinsk", "kholmsk", "korsakov", "nevelsk"}
    assert stack.deps.towns.get("kholmsk").routing["waste"] == "ecology"  # type: ignore[union-attr]


def test_a_broken_configuration_file_is_refused_and_nothing_changes(stack: Stack, tmp_path: Path) -> None:
    broken = json.loads(TOWNS_FILE.read_text(encoding="utf-8"))
    broken["towns"][0]["routing"]["roads"] = "no_such_department"
    path = tmp_path / "towns.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    result = cli("config", "load", str(path))
    assert result.returncode != 0 and "no_such_department" in result.stderr
    assert stack.deps.towns.all() == {}


def test_keys_issue_prints_the_key_once_and_stores_only_its_hash(stack: Stack) -> None:
    result = cli("keys", "issue", "--role", "department", "--town", "yuzhno_sakhalinsk", "--department", "ecology")
    assert result.returncode == 0, result.stderr
    issued = json.loads(result.stdout)
    principal = stack.deps.api_keys.authenticate(issued["api_key"])
    assert principal is not None and (principal.role, principal.department) == (Role.DEPARTMENT, "ecology")
    stored = [s.to_dict() for s in stack.deps.firestore.collection("api_keys").stream()]
    assert issued["api_key"] not in json.dumps(stored, default=str)
    assert cli("keys", "issue", "--role", "department", "--town", "yuzhno_sakhalinsk").returncode == 2


def test_classify_reads_json_lines_and_passes_other_fields_through() -> None:
    lines = "\n".join(json.dumps({"text": t, "id": i}, ensure_ascii=False) for i, t in enumerate(
        ["Яма на дороге по ул. Ленина", "Здравствуйте!"]))
    result = cli("classify", stdin=lines)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["id"], first["category"], first["triage"]) == (0, "roads", False) and first["reasons"]
    assert (second["id"], second["triage"]) == (1, True)
    assert cli("classify", stdin="not json").returncode == 2


def test_sweep_and_report_run_by_hand(stack: Stack) -> None:
    assert cli("config", "load", str(TOWNS_FILE)).returncode == 0
    sweep = cli("sweep")
    assert sweep.returncode == 0 and json.loads(sweep.stdout)["finished"] is True
    report = cli("report", "--town", "yuzhno_sakhalinsk", "--month", "2026-06", "--format", "csv")
    assert report.returncode == 0 and report.stdout.startswith("section,key,value")
    assert cli("report", "--town", "yuzhno_sakhalinsk", "--month", "June").returncode == 2
