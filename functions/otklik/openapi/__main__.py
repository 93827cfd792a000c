"""Writes schemas/ (OpenAPI documents, HTTP body and message schemas) and removes generated files it no longer
produces; with --check only reports what differs, is missing or is not generated (exit 1)."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from otklik.openapi.body_schemas import http_body_schemas
from otklik.openapi.builder import Document, build
from otklik.openapi.catalog import HTTP_APIS
from otklik.openapi.message_schemas import message_schemas

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
DOCUMENTS: dict[str, Callable[[], Document]] = {api.file_name: api.document for api in HTTP_APIS}
GENERATED_KINDS = ("*.openapi.json", "*.schema.json")  # what a write may remove when no longer generated


def generated() -> dict[str, Any]:
    """Every file of schemas/ by its path there, as JSON."""
    files: dict[str, Any] = {name: build(make()) for name, make in DOCUMENTS.items()}
    for part in (message_schemas(), http_body_schemas()):
        if files.keys() & part.keys():
            raise ValueError(f"generated twice: {sorted(files.keys() & part.keys())}")
        files |= part
    return dict(sorted(files.items()))


def rendered() -> dict[str, str]:
    return {path: _render(content) for path, content in generated().items()}


def _render(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def present(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} if out.is_dir() else set()


def differences(out: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """(stale: missing or different, extra: in `out` but not generated)."""
    stale = [path for path, text in files.items()
             if not (out / path).is_file() or (out / path).read_text(encoding="utf-8") != text]
    return stale, sorted(present(out) - files.keys())


def write(out: Path, files: dict[str, str]) -> list[str]:
    """Writes what changed, removes generated kinds no longer generated; returns other files left in `out`."""
    stale, extra = differences(out, files)
    for path in stale:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[path], encoding="utf-8")
        print(f"wrote {target}")
    left = []
    for path in extra:
        if any(Path(path).match(kind) for kind in GENERATED_KINDS):
            (out / path).unlink()
            print(f"removed {out / path}")
        else:
            left.append(path)
    for directory in sorted((d for d in out.rglob("*") if d.is_dir()), key=lambda d: len(d.parts), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m otklik.openapi", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with schemas/ instead of writing")
    parser.add_argument("--out", type=Path, default=SCHEMAS)
    args = parser.parse_args(argv)
    files = rendered()
    if args.check:
        stale, extra = differences(args.out, files)
        if stale:
            print(f"out of date or missing in {args.out}: {', '.join(stale)}; run `make schemas`", file=sys.stderr)
        if extra:
            print(f"not generated, in {args.out}: {', '.join(extra)}; run `make schemas`", file=sys.stderr)
        return 1 if stale or extra else 0
    left = write(args.out, files)
    if left:
        print(f"{args.out} holds only generated files; remove {', '.join(left)}", file=sys.stderr)
        return 1
    print(f"{len(files)} files in {args.out} are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
