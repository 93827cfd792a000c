"""What the browser tests do in the console, as a person does it: by labels, roles and the console's test ids."""
from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from otklik.devstack.examples import telegram_message
from tests.e2e.test_make_run import RunningStack

POLLED_MS = 45_000  # a new appeal: routed in the background, then shown by the queue's next poll


def console_url(stack: RunningStack, path: str = "/") -> str:
    return f"{stack.base_url}/console{path}"


def sign_in(page: Page, stack: RunningStack, key_name: str) -> None:
    """Signs in with one of the demo's keys (operator, city_economy, supervisor) through the sign-in form."""
    page.goto(console_url(stack))
    expect(page).to_have_url(re.compile(r"/console/sign-in$"))
    page.get_by_label("Ключ доступа").fill(stack.demo().keys[key_name])
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_test_id("nav-queue")).to_be_visible()


def resident_writes(stack: RunningStack, chat_id: int, message_id: int, text: str) -> None:
    """The update Telegram posts when a resident writes to the demo town's bot (the command `make run` prints)."""
    answer = json.loads(stack.shell(telegram_message(stack.base_url, stack.demo(), chat_id, message_id, text)))
    assert answer == {"ok": True}, answer


def queue_row(page: Page, appeal_id: str) -> Locator:
    return page.locator(f'[data-testid="queue-row"][data-appeal-id="{appeal_id}"]')


def photo(path: Path, colour: tuple[int, int, int]) -> Path:
    """A small JPEG of one colour: a photo report to attach."""
    from PIL import Image

    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


def fake_telegram_sent(stack: RunningStack, method: str, chat_id: int) -> list[str]:
    """What the fake Telegram printed it was asked to send to this chat with this method."""
    return [line for line in stack.output if line.startswith(f"[fake telegram] {method} → chat {chat_id}")]


def tab_to(page: Page, target: Locator, most: int) -> None:
    """Presses Tab until `target` has the focus, at most `most` times: it is reachable by keyboard, that soon."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"not focused after {most} Tabs: {target}; the focus is on {focused}")
