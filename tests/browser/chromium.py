"""Headless Chromium for the browser tests and the bench: Debian's `chromium` package (or the binary OTKLIK_CHROMIUM
names), driven by Playwright from PyPI. Playwright never downloads a browser of its own here: nothing runs
`playwright install`, and every launch names the installed executable."""
from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (tests run as root in CI), and nothing that reaches out to the network by itself.
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync")
HOW_TO_GET = ("the browser tests need Chromium: install Debian's package with `apt-get install chromium` "
              "(`make test` does it when it runs as root where apt works), or point OTKLIK_CHROMIUM=/path/to/chromium "
              "at a Chromium or Chrome binary")


class ChromiumMissing(RuntimeError):
    """No Chromium to drive: the message says how to get one."""


def chromium_executable(environ: Mapping[str, str] = os.environ) -> Path:
    configured = environ.get("OTKLIK_CHROMIUM")
    found = shutil.which("chromium")
    path = Path(configured) if configured else Path(found) if found else DEBIAN_CHROMIUM
    if not (path.is_file() and os.access(path, os.X_OK)):
        named = f"OTKLIK_CHROMIUM={configured}" if configured else str(path)
        raise ChromiumMissing(f"no Chromium at {named}: {HOW_TO_GET}")
    return path


@contextlib.contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Chromium started headless with a fresh profile (Playwright gives each launch a new temporary user-data-dir and
    deletes it at close), closed on every exit path."""
    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=list(ARGS), headless=True)
        try:
            yield browser
        finally:
            browser.close()
