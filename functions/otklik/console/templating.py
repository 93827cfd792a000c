"""The console's Jinja2 templates, served from bytecode compiled before deployment.

Compiling a page's templates takes tens of milliseconds, on every cold instance; `make bytecode` (which `make deploy`
runs) compiles them once into template_bytecode/, shipped with the source. Jinja checks each file against its
template's source and the Python version and compiles anew when either differs, so a stale one costs only time.
Run as `python -m otklik.console.templating` to write them."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
BYTECODE = HERE / "template_bytecode"


class TemplateBytecode(jinja2.FileSystemBytecodeCache):
    """Keyed by template name, not by path, so that it is found wherever the source is deployed."""

    def __init__(self, directory: Path, writable: bool) -> None:
        super().__init__(str(directory))
        self._writable = writable

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(name.encode()).hexdigest()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self._writable:  # at run time the deployed source is read-only: nothing is written
            super().dump_bytecode(bucket)


def _environment(bytecode: TemplateBytecode | None) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              bytecode_cache=bytecode)


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    return _environment(TemplateBytecode(BYTECODE, writable=False) if BYTECODE.is_dir() else None)


def precompile() -> list[str]:
    """Writes every template's bytecode; returns the templates' names."""
    BYTECODE.mkdir(exist_ok=True)
    environment = _environment(TemplateBytecode(BYTECODE, writable=True))
    names = environment.list_templates()
    for name in names:
        environment.get_template(name)
    return names


if __name__ == "__main__":
    print(f"compiled {len(precompile())} console templates into {BYTECODE}")
