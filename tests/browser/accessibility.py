"""axe-core (vendored in tests/browser/axe/, MPL-2.0) run inside the page under test."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).parent / "axe" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page: Page) -> list[dict[str, Any]]:
    """axe's violations of the page as it is now. The script is evaluated through the driver, which a page's
    Content-Security-Policy does not restrict, so the page's own policy stays as strict as it is served."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations")
    return found


def blocking_violations(page: Page) -> list[str]:
    """The serious and critical violations, one readable line each: rule, impact, help, and where."""
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in violations(page) if v.get("impact") in BLOCKING]


def assert_accessible(page: Page) -> None:
    blocking = blocking_violations(page)
    assert not blocking, f"axe: {page.url}\n" + "\n".join(blocking)
