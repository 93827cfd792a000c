"""Writes schemas/*.openapi.json, or with --check only reports which differ (exit 1)."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from otklik.openapi.builder import Document, build
from otklik.openapi.open311 import open311_document
from otklik.openapi.regional import regional_document

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
DOCUMENTS: dict[str, Callable[[], Document]] = {
    "regional_api.openapi.json": regional_document,
    "open311.openapi.json": open311_document,
}


def rendered() -> dict[str, str]:
    return {name: _render(build(make())) for name, make in DOCUMENTS.items()}


def _render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m otklik.openapi", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with schemas/ instead of writing")
    parser.add_argument("--out", type=Path, default=SCHEMAS)
    args = parser.parse_args(argv)
    stale = []
    for name, text in rendered().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `make schemas`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
