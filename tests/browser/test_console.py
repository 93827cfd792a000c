"""The operator console in headless Chromium against `make run`'s stack, as the centre's staff use it all day: every
step by labels and roles, what happens in the background awaited with Playwright's `expect`, never a fixed sleep.
Each page is screenshotted into .otklik/screenshots/ and checked with axe (no serious or critical violation)."""
from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from otklik.devstack.demo import DEMO_TOWN
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Channel
from otklik.platforms.telegram.webhook import message_event_id
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import PHONE, Screenshot, new_context
from tests.browser.console import (
    POLLED_MS,
    console_url,
    fake_telegram_sent,
    photo,
    queue_row,
    resident_writes,
    sign_in,
    tab_to,
)
from tests.e2e.test_make_run import RunningStack, settled
from tests.support import eventually

# Each run's stack starts empty; a chat's id is also its messages' date (devstack/examples.py), so ids near now.
_chats = itertools.count(int(time.time()))


def new_chat() -> int:
    """A Telegram chat no earlier test of the run wrote from: its first message makes a new appeal."""
    return next(_chats)


def telegram_appeal(chat_id: int) -> str:
    return appeal_id_for(Channel.TELEGRAM, "yuzhno", message_event_id(chat_id, 1))


def delivery_shown(page: Page) -> str | None:
    """The latest answer's delivery status as the appeal page shows it, reloaded (the page does not poll)."""
    page.reload()
    return page.get_by_test_id("delivery-status").last.get_attribute("data-status")


def received_column(page: Page, table: str, attribute: str) -> dict[str, int]:
    """A dashboard table's "received" column by its rows' codes (channel, category, department)."""
    rows: dict[str, str] = page.get_by_test_id(table).evaluate(
        f"table => Object.fromEntries([...table.querySelectorAll('tr[{attribute}]')]"
        f".map(row => [row.getAttribute('{attribute}'), row.cells[1].textContent.trim()]))")
    return {code: int(count) for code, count in rows.items()}


def nonzero(figures: dict[str, int]) -> dict[str, int]:
    return {code: count for code, count in figures.items() if count}


def routed_to(stack: RunningStack, appeal_id: str, key: str) -> str | None:
    """The department the appeal was routed to, once it is (through the operator API)."""
    response = requests.get(f"{stack.base_url}/operator_api/appeals/{appeal_id}",
                            headers={"Authorization": f"Bearer {key}"}, timeout=30)
    if response.status_code != 200:
        return None
    found = response.json()
    return found["department"] if found["status"] == "routed" else None


def test_signing_in_by_keyboard_alone_and_the_sign_in_page_is_accessible(page: Page, running_stack: RunningStack,
                                                                         screenshot: Screenshot) -> None:
    refused: list[str] = []  # the page's own style sheet and script load: no request of the page fails
    page.on("response", lambda response: refused.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.goto(console_url(running_stack))
    expect(page).to_have_url(re.compile(r"/console/sign-in$"))
    expect(page).to_have_title(re.compile("Вход"))
    assert refused == []
    screenshot(page, "sign-in")
    assert_accessible(page)
    # The key field has the focus on arrival; typing and Enter sign in: no mouse.
    expect(page.get_by_label("Ключ доступа")).to_be_focused()
    page.keyboard.type(running_stack.demo().keys["operator"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("^Очередь"))).to_be_visible()
    # The key went in a POST body, never into the address or the browser's storage.
    assert running_stack.demo().keys["operator"] not in page.url
    stored = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert running_stack.demo().keys["operator"] not in stored
    session = next(c for c in page.context.cookies() if c["name"] == "otklik_console")
    assert session["httpOnly"] and session["sameSite"] == "Strict" and session["expires"] > time.time()


def test_a_wrong_key_is_refused_on_the_page(page: Page, running_stack: RunningStack) -> None:
    page.goto(console_url(running_stack))
    page.get_by_label("Ключ доступа").fill("not-a-key")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_test_id("nav-queue")).to_have_count(0)


def test_a_telegram_appeal_appears_in_the_open_queue_without_a_reload(page: Page, running_stack: RunningStack,
                                                                      screenshot: Screenshot) -> None:
    sign_in(page, running_stack, "operator")
    page.evaluate("() => { window.notReloaded = true; }")
    chat = new_chat()
    resident_writes(running_stack, chat, 1, "На ул. Ленина у дома 12 огромная яма на дороге, машины бьют колёса")
    row = queue_row(page, telegram_appeal(chat))
    expect(row).to_be_visible(timeout=POLLED_MS)
    assert page.evaluate("() => window.notReloaded") is True, "the page was reloaded"
    expect(row).to_contain_text("яма на дороге")
    screenshot(page, "queue-1366x768")
    assert_accessible(page)


def test_the_queue_on_a_phone(chromium: Browser, running_stack: RunningStack, screenshot: Screenshot) -> None:
    context = new_context(chromium, PHONE, mobile=True)
    try:
        page = context.new_page()
        sign_in(page, running_stack, "operator")
        # Nothing wider than the screen: the page scrolls down, not sideways (a wide table scrolls in its own box).
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, "queue-phone")
        assert_accessible(page)
    finally:
        context.close()


def test_an_appeal_worked_from_the_queue_to_the_residents_thread_and_back(
        page: Page, running_stack: RunningStack, screenshot: Screenshot, tmp_path: Path) -> None:
    stack = running_stack
    sign_in(page, stack, "operator")
    chat = new_chat()
    appeal_id = telegram_appeal(chat)
    resident_writes(stack, chat, 1, "На ул. Ленина у дома 12 огромная яма на дороге, машины бьют колёса")
    row = queue_row(page, appeal_id)
    expect(row).to_be_visible(timeout=POLLED_MS)
    expect(row).to_contain_text("Дороги")

    # Open it: the resident's text, the thread, the classifier's category with its confidence.
    row.get_by_test_id("open-appeal").click()
    expect(page.get_by_test_id("appeal-id")).to_have_text(appeal_id)
    expect(page.get_by_test_id("resident-text")).to_contain_text("огромная яма")
    expect(page.get_by_test_id("thread")).to_contain_text(str(chat))
    expect(page.get_by_test_id("category")).to_contain_text("Дороги")
    screenshot(page, "appeal")
    assert_accessible(page)

    # The operator corrects the category: the pothole is in a yard.
    page.get_by_label("Категория", exact=True).select_option(label="Дворы")
    page.get_by_test_id("action-triage").click()
    expect(page.get_by_test_id("done")).to_have_text("Разбор сохранён.")
    expect(page.get_by_test_id("category")).to_contain_text("Дворы")
    expect(page.get_by_test_id("history")).to_contain_text("разобрано")

    # A final answer with two photos: the photo-report rule is shown before sending, the previews before sending too.
    expect(page.get_by_test_id("photo-rule")).to_contain_text("фотоотчёт")
    page.get_by_label("Итоговый").check()
    page.get_by_label("Текст ответа").fill("Двор отремонтировали, яму заделали. Фото прилагаем.")
    page.get_by_label("Фото (можно несколько)").set_input_files(
        [photo(tmp_path / "before.jpg", (90, 90, 90)), photo(tmp_path / "after.jpg", (40, 40, 40))])
    expect(page.locator("#photo-previews img")).to_have_count(2)
    screenshot(page, "appeal-answer-form")
    page.get_by_test_id("action-answer").click()
    expect(page.get_by_test_id("done")).to_have_text("Ответ сохранён и отправляется жителю.")
    expect(page.get_by_test_id("appeal-status")).to_have_text("Дан ответ")
    expect(page.get_by_test_id("answer")).to_contain_text("Фотоотчёт: 2 фото")

    # The fake Telegram got the answer in the resident's chat, both photos, and the page then says it was delivered.
    eventually(lambda: len(fake_telegram_sent(stack, "sendMediaGroup", chat)) == 2, timeout=60, interval=0.2,
               what="the answer sent to the chat")
    eventually(lambda: delivery_shown(page) == "delivered", timeout=60, interval=1,
               what="the delivery shown on the appeal")
    assert_accessible(page)

    # Answered, it left the open queue; the resident says it is not solved and it comes back, without a reload.
    page.get_by_role("link", name="← Очередь").click()
    expect(queue_row(page, appeal_id)).to_have_count(0)
    page.evaluate("() => { window.notReloaded = true; }")
    resident_writes(stack, chat, 2, "не решено, яма на месте")
    expect(queue_row(page, appeal_id)).to_be_visible(timeout=POLLED_MS)
    expect(queue_row(page, appeal_id)).to_contain_text("Направлено")
    assert page.evaluate("() => window.notReloaded") is True


def test_a_department_cannot_open_another_departments_appeal_by_its_url(
        page: Page, running_stack: RunningStack, screenshot: Screenshot) -> None:
    stack = running_stack
    operator_key = stack.demo().keys["operator"]
    theirs, ours = new_chat(), new_chat()
    resident_writes(stack, theirs, 1, "В доме 5 по улице Мира третий день нет горячей воды и холодные батареи")
    resident_writes(stack, ours, 1, "На ул. Ленина у дома 14 огромная яма на дороге, машины бьют колёса")
    other_department = settled(lambda: routed_to(stack, telegram_appeal(theirs), operator_key),
                               what="the heating appeal routed")
    assert other_department != "city_economy"
    assert settled(lambda: routed_to(stack, telegram_appeal(ours), operator_key), what="the road routed") \
        == "city_economy"

    sign_in(page, stack, "city_economy")
    expect(queue_row(page, telegram_appeal(ours))).to_be_visible()
    expect(queue_row(page, telegram_appeal(theirs))).to_have_count(0)
    response = page.goto(console_url(stack, f"/appeals/{telegram_appeal(theirs)}"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("main")).to_contain_text("Такого обращения нет или оно вам не видно.")
    expect(page.get_by_text("В доме 5 по улице Мира")).to_have_count(0)
    screenshot(page, "not-visible")
    assert_accessible(page)
    # Its own, by the same kind of URL, opens.
    page.goto(console_url(stack, f"/appeals/{telegram_appeal(ours)}"))
    expect(page.get_by_test_id("appeal-id")).to_have_text(telegram_appeal(ours))


def test_the_supervisor_dashboard_shows_the_months_figures_of_python_m_otklik_report(
        page: Page, running_stack: RunningStack, screenshot: Screenshot) -> None:
    stack = running_stack
    chat = new_chat()
    resident_writes(stack, chat, 1, "На ул. Ленина у дома 16 огромная яма на дороге, машины бьют колёса")
    settled(lambda: routed_to(stack, telegram_appeal(chat), stack.demo().keys["operator"]), what="routed")
    sign_in(page, stack, "supervisor")
    page.get_by_test_id("nav-dashboard").click()
    expect(page.get_by_role("heading", name=re.compile("^Сводка"))).to_be_visible()
    month = page.get_by_role("combobox", name=re.compile("^Месяц")).input_value()
    report = json.loads(stack.shell(f".venv/bin/python -m otklik report --town {DEMO_TOWN} --month {month}"))
    assert report["received"] >= 1
    for test_id, figure in (("received", report["received"]), ("processed", report["processed"]),
                            ("answered-in-time", report["deadlines"]["answered_in_time"])):
        expect(page.get_by_test_id(test_id)).to_have_text(str(figure))
    for test_id, seconds in (("mean-first-response", report["first_response"]["mean_seconds"]),
                             ("p90-first-response", report["first_response"]["p90_seconds"])):
        shown = page.get_by_test_id(test_id).get_attribute("data-seconds")
        assert (float(shown) if shown else None) == (pytest.approx(seconds) if seconds is not None else None)
    for table, attribute, figures in (("by-channel", "data-channel", report["by_channel"]),
                                      ("by-category", "data-category", report["by_category"]),
                                      ("by-department", "data-department", report["by_department"])):
        shown_received = received_column(page, table, attribute)
        assert nonzero(shown_received) == nonzero(figures), table
    expect(page.locator("svg").first).to_be_visible()
    screenshot(page, "dashboard-1366x768")
    assert_accessible(page)


def test_answering_by_keyboard_alone(page: Page, running_stack: RunningStack) -> None:
    """Tab reaches the answer form's controls in the order they are shown, arrows pick the kind, Enter sends."""
    stack = running_stack
    chat = new_chat()
    resident_writes(stack, chat, 1, "В доме 7 по улице Мира третий день нет горячей воды и холодные батареи")
    settled(lambda: routed_to(stack, telegram_appeal(chat), stack.demo().keys["operator"]), what="routed")
    sign_in(page, stack, "operator")
    page.goto(console_url(stack, f"/appeals/{telegram_appeal(chat)}"))
    expect(page.get_by_test_id("photo-rule")).to_have_count(0)  # heating: a final answer needs no photo report

    tab_to(page, page.get_by_label("Промежуточный"), most=80)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Итоговый")).to_be_checked()
    tab_to(page, page.get_by_label("Плановая дата решения (для промежуточного)"), most=1)
    tab_to(page, page.get_by_label("Текст ответа"), most=4)  # through the date's day, month and year
    page.keyboard.type("Горячую воду дали, батареи прогреты.")
    tab_to(page, page.get_by_label("Фото (можно несколько)"), most=2)
    tab_to(page, page.get_by_test_id("action-answer"), most=1)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("done")).to_have_text("Ответ сохранён и отправляется жителю.")
    expect(page.get_by_test_id("appeal-status")).to_have_text("Дан ответ")
    expect(page.get_by_test_id("answer")).to_contain_text("Итоговый ответ")


@pytest.mark.parametrize(("key_name", "path", "name"), [
    ("operator", "/reception", "reception"),
    ("supervisor", "/templates", "templates"),
    ("supervisor", "/dashboard/print", "dashboard-print"),
])
def test_every_other_page_is_accessible(page: Page, running_stack: RunningStack, screenshot: Screenshot,
                                        key_name: str, path: str, name: str) -> None:
    sign_in(page, running_stack, key_name)
    response = page.goto(console_url(running_stack, path))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, name)
    assert_accessible(page)


def test_a_two_member_incident_answered_once_from_its_page_reaches_both_residents_chats(
        page: Page, running_stack: RunningStack, screenshot: Screenshot) -> None:
    stack = running_stack
    operator_key = stack.demo().keys["operator"]
    first, second = new_chat(), new_chat()
    resident_writes(stack, first, 1, "На ул. Ленина у дома 21 огромная яма на дороге, машины бьют колёса")
    resident_writes(stack, second, 1, "На ул. Мира у дома 3 глубокая яма на дороге, не проехать")
    appeals = [telegram_appeal(first), telegram_appeal(second)]
    for appeal_id in appeals:
        assert settled(lambda a=appeal_id: routed_to(stack, a, operator_key), what="the road routed") \
            == "city_economy"
    # Different streets: the operator groups them by hand (operator_api, as the selection in the API does).
    made = requests.post(f"{stack.base_url}/operator_api/incidents", timeout=30,
                         headers={"Authorization": f"Bearer {operator_key}", "Idempotency-Key": appeals[0]},
                         json={"appeal_ids": appeals, "reason": "один подрядчик, одна бригада"})
    assert made.status_code == 201, made.text
    incident_id = made.json()["id"]

    sign_in(page, stack, "operator")
    incident_row = page.locator(f'[data-testid="incident-row"][data-incident-id="{incident_id}"]')
    expect(incident_row).to_contain_text("Инцидент: 2 обращ.")
    incident_row.get_by_test_id("open-incident").click()
    expect(page.get_by_test_id("incident-id")).to_have_text(incident_id)
    expect(page.get_by_test_id("member")).to_have_count(2)
    screenshot(page, "incident")
    assert_accessible(page)

    page.get_by_label("Плановая дата решения (для промежуточного)").fill("2030-06-20")
    page.get_by_label("Текст ответа").fill("Ремонт ям на Ленина и Мира запланирован, бригада выезжает.")
    page.get_by_test_id("action-answer").click()
    expect(page.get_by_test_id("done")).to_have_text("Ответ сохранён и отправляется жителям всех обращений.")
    expect(page.get_by_test_id("answer")).to_have_count(1)

    def told(chat: int) -> bool:
        return any("бригада выезжает" in line for line in fake_telegram_sent(stack, "sendMessage", chat))

    eventually(lambda: told(first) and told(second), timeout=60, interval=0.2, what="the answer in both chats")
    eventually(lambda: page.reload() is not None and page.locator(
        '[data-testid="member-delivery"][data-status="delivered"]').count() == 2, timeout=60, interval=1,
        what="both deliveries shown on the incident page")


def test_an_operator_merges_two_incidents_about_one_problem_from_the_incident_page(
        page: Page, running_stack: RunningStack) -> None:
    stack = running_stack
    operator_key = stack.demo().keys["operator"]
    chats = [new_chat(), new_chat()]
    resident_writes(stack, chats[0], 1, "На ул. Победы у дома 40 провал асфальта на дороге, яма во всю полосу")
    resident_writes(stack, chats[1], 1, "Проспект Победы 44 — яма на дороге после прорыва, колёса бьют")
    appeals = [telegram_appeal(chat) for chat in chats]
    incident_ids = []
    for appeal_id in appeals:
        assert settled(lambda a=appeal_id: routed_to(stack, a, operator_key), what="the road routed") \
            == "city_economy"
        made = requests.post(f"{stack.base_url}/operator_api/incidents", timeout=30,
                             headers={"Authorization": f"Bearer {operator_key}", "Idempotency-Key": appeal_id},
                             json={"appeal_ids": [appeal_id], "reason": "провал на Победы"})
        assert made.status_code == 201, made.text
        incident_ids.append(made.json()["id"])
    kept, absorbed = incident_ids

    sign_in(page, stack, "operator")
    page.goto(console_url(stack, f"/incidents/{kept}"))
    page.get_by_label("Инцидент", exact=True).select_option(absorbed)
    page.locator("#merge-reason").fill("один провал, одна бригада")
    assert_accessible(page)
    page.get_by_test_id("action-merge").click()

    expect(page.get_by_test_id("done")).to_contain_text("Инциденты объединены")
    expect(page.get_by_test_id("member")).to_have_count(2)
    page.goto(console_url(stack, f"/incidents/{absorbed}"))
    expect(page.get_by_text("Объединён").first).to_be_visible()
