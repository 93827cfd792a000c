"""The browser tests' fixtures: headless Chromium (tests/browser/chromium.py), the stack `make run` serves
(started as tests/e2e/test_make_run.py starts it, once per module), and a fresh browser context per test.

A machine without Chromium fails these tests at once, before any stack is started, with the way to get it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.browser.chromium import ChromiumMissing, chromium_executable, launched_chromium
from tests.e2e.test_make_run import RunningStack, make_run

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / ".otklik" / "screenshots"  # git-ignored; two are copied by hand into docs/screenshots/
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}
TOWN_TIME_ZONE = "Asia/Sakhalin"  # the demo town's
# The queue polls every 2 s instead of 15: what a test awaits shows sooner, the same way.
STACK_SETTINGS = {"OTKLIK_CONSOLE_POLL_SECONDS": "2"}
EXPECT_TIMEOUT_MS = 30_000  # what the stack does in the background (pushes, routing) takes seconds, not minutes

Screenshot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    try:
        chromium_executable()
    except ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with launched_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def running_stack(chromium: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """`make run`, once for a module's tests (each works in chats and appeals of its own), stopped after them."""
    with make_run(tmp_path_factory.mktemp("browser") / "repo", settings=STACK_SETTINGS) as stack:
        yield stack


def new_context(browser: Browser, viewport: ViewportSize = LAPTOP, *, mobile: bool = False) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="ru-RU", timezone_id=TOWN_TIME_ZONE, is_mobile=mobile,
                                  has_touch=mobile)
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    return context


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A page at 1366×768 in a context of its own: no cookies from another test."""
    context = new_context(chromium)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def screenshot() -> Screenshot:
    """Saves the page as .otklik/screenshots/<name>.png (not committed) and returns the file."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
