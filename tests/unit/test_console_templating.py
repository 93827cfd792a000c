"""The console's templates served from bytecode compiled before deployment (console/templating.py): found wherever
the source is deployed, never written at run time, and ignored once its template changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from otklik.console import templating


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The templates and their bytecode as `make bytecode` leaves them, at a build path."""
    build = tmp_path / "build"
    shutil.copytree(templating.TEMPLATES, build / "templates")
    monkeypatch.setattr(templating, "TEMPLATES", build / "templates")
    monkeypatch.setattr(templating, "BYTECODE", build / "template_bytecode")
    assert "queue.html" in templating.precompile()
    return build


def deployed(built: Path, at: Path) -> jinja2.Environment:
    """The environment an instance builds, with the build moved elsewhere (as Cloud Functions unpacks it)."""
    shutil.copytree(built, at)
    loader = jinja2.FileSystemLoader(at / "templates")
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True,
                              bytecode_cache=templating.TemplateBytecode(at / "template_bytecode", writable=False))


def test_a_deployed_instance_loads_every_template_from_bytecode_without_compiling(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environment = deployed(built, tmp_path / "workspace")

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled at run time")

    monkeypatch.setattr(environment, "compile", no_compiling)
    for name in environment.list_templates():
        environment.get_template(name)


def test_a_changed_template_is_compiled_anew_and_nothing_is_written(built: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    environment = deployed(built, workspace)
    (workspace / "templates" / "error.html").write_text("changed {{ message }}", encoding="utf-8")
    before = sorted(p.stat().st_mtime_ns for p in (workspace / "template_bytecode").iterdir())

    assert environment.get_template("error.html").render(message="!") == "changed !"
    assert sorted(p.stat().st_mtime_ns for p in (workspace / "template_bytecode").iterdir()) == before
