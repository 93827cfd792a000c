"""The harness itself: Chromium is found (or the failure says how to get it) and axe, run in a page, tells a labelled
form from an unlabelled one even under a strict Content-Security-Policy."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tests.browser.accessibility import blocking_violations
from tests.browser.chromium import ChromiumMissing, chromium_executable


def test_a_missing_chromium_is_named_with_the_way_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(ChromiumMissing) as missing:
        chromium_executable({"OTKLIK_CHROMIUM": str(tmp_path / "no-chromium")})
    assert "apt-get install chromium" in str(missing.value) and "OTKLIK_CHROMIUM" in str(missing.value)
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    with pytest.raises(ChromiumMissing):
        chromium_executable({"OTKLIK_CHROMIUM": str(not_executable)})


FORM = """<!doctype html><html lang="ru"><head><title>Вход</title></head><body><main><h1>Вход</h1>
<form>{control}<button type="submit">Войти</button></form></main></body></html>"""


CONTROLS = {"/labelled": '<label for="key">Ключ</label><input id="key" name="key" type="password">',
            "/unlabelled": '<input name="key" type="password">'}


def _serve(route: Route) -> None:
    path = route.request.url.removeprefix("http://console.test")
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=FORM.format(control=CONTROLS[path]),
                  headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'"})


def test_axe_finds_an_unlabelled_control_and_passes_a_labelled_one(page: Page) -> None:
    page.route("http://console.test/**", _serve)
    page.goto("http://console.test/unlabelled")
    assert any(line.startswith("label (critical)") for line in blocking_violations(page))
    page.goto("http://console.test/labelled")
    assert blocking_violations(page) == []
