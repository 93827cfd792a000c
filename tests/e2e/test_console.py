"""The console served as `make run` serves it (functions-framework over HTTP at /console/) on the emulators:
sessions in Firestore, department isolation through Firestore's queries and counts, an answer with photos through
the photo store and the outbox (within the console's grants), templates in Firestore, and the dashboard's figures
equal to the monthly report's."""
from __future__ import annotations

import hashlib
import io
import random
import re
from dataclasses import dataclass

import pytest
import requests
from PIL import Image

from otklik.adapters.firestore_console import CONSOLE_SESSIONS
from otklik.console import views
from otklik.domain.model import Appeal, Status
from otklik.domain.principals import Role
from otklik.services.ports import AppealWrite
from otklik.services.report import as_csv
from tests.conftest import Stack, seed_towns
from tests.e2e.test_operator_api import routed_appeal
from tests.integration.test_report import JUNE_END, JUNE_START, generate
from tests.support import TOWN

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class ConsoleSession:
    """A browser's view of the console: a requests session with its cookies and the page's CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.csrf = ""

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.base + path, timeout=60, allow_redirects=False)
        if match := _CSRF.search(response.text):
            self.csrf = match.group(1)
        return response

    def post(self, path: str, data: dict[str, str], files: list[tuple[str, tuple[str, bytes, str]]] | None = None
             ) -> requests.Response:
        return self.http.post(self.base + path, data={"csrf_token": self.csrf} | data, files=files, timeout=60,
                              allow_redirects=False)

    def sign_in(self, key: str) -> requests.Response:
        self.get("/sign-in")
        response = self.post("/sign-in", {"api_key": key})
        self.get("/")
        return response


@dataclass
class Keys:
    operator: str
    roads: str
    ecology: str
    supervisor: str


@pytest.fixture
def keys(stack: Stack) -> Keys:
    seed_towns(stack)
    issue = stack.deps.api_keys.issue
    return Keys(operator=issue(Role.OPERATOR, (TOWN,))[1], roads=issue(Role.DEPARTMENT, (TOWN,), "city_economy")[1],
                ecology=issue(Role.DEPARTMENT, (TOWN,), "ecology")[1], supervisor=issue(Role.SUPERVISOR, (TOWN,))[1])


@pytest.fixture
def console(functions_server: str) -> str:
    return f"{functions_server}/console"


def rows(html: str) -> list[str]:
    return re.findall(r'data-appeal-id="([^"]+)"', html)


def escalate(stack: Stack, appeal: Appeal) -> None:
    """Marked overdue, as the sweep's escalation leaves it."""
    def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
        found = current[appeal.id]
        assert found is not None
        return [AppealWrite(found.model_copy(update={"overdue": True}))]

    stack.deps.appeals.transact([appeal.id], change)


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_signing_in_keeps_only_the_tokens_digest_in_firestore_and_opens_the_queue(
        stack: Stack, keys: Keys, console: str) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    browser = ConsoleSession(console)
    first = browser.get("")  # /console, as make run prints it, without the slash too
    assert first.status_code == 303 and first.headers["Location"] == "/console/sign-in"

    signed = browser.sign_in(keys.operator)

    assert signed.status_code == 303
    token = browser.http.cookies.get("otklik_console", path="/console")
    assert token is not None
    (document,) = list(stack.deps.firestore.collection(CONSOLE_SESSIONS).stream())
    assert document.id == hashlib.sha256(token.encode()).hexdigest()
    assert keys.operator not in str(document.to_dict()) and token not in str(document.to_dict())
    queue = browser.get("/")
    assert queue.status_code == 200 and rows(queue.text) == [road.id]
    assert "default-src 'self'" in queue.headers["Content-Security-Policy"]

    assert browser.post("/sign-out", {}).status_code == 303
    assert not list(stack.deps.firestore.collection(CONSOLE_SESSIONS).stream())


def test_a_department_never_sees_another_departments_appeal_in_firestores_lists_counts_or_by_url(
        stack: Stack, keys: Keys, console: str) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    rubbish = routed_appeal(stack, "Мусор не вывозят неделю, контейнеры переполнены")
    assert (road.department, rubbish.department) == ("city_economy", "ecology")
    escalate(stack, rubbish)
    roads = ConsoleSession(console)
    roads.sign_in(keys.roads)

    assert rows(roads.get("/").text) == [road.id]
    assert rows(roads.get("/?q=мусор").text) == []
    assert rows(roads.get("/?department=ecology").text) == [road.id]
    assert roads.get("/queue/rows").headers["X-Overdue-Count"] == "0"
    refused = roads.get(f"/appeals/{rubbish.id}")
    assert refused.status_code == 404 and "контейнеры" not in refused.text

    ecology = ConsoleSession(console)
    ecology.sign_in(keys.ecology)
    assert rows(ecology.get("/?q=мусор").text) == [rubbish.id]
    assert ecology.get("/queue/rows").headers["X-Overdue-Count"] == "1"
    assert "<title>(1) Очередь" in ecology.get("/").text


def test_an_answer_with_two_photos_is_stored_and_its_reply_requested(stack: Stack, keys: Keys, console: str) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    browser = ConsoleSession(console)
    browser.sign_in(keys.roads)
    browser.get(f"/appeals/{road.id}")
    assert browser.post(f"/appeals/{road.id}/take", {}).status_code == 303

    browser.get(f"/appeals/{road.id}")
    answered = browser.post(f"/appeals/{road.id}/answer", {"kind": "final", "text": "Яму заделали",
                                                          "request_id": "e2e-1"},
                            files=[("photos", ("before.jpg", photo(), "image/jpeg")),
                                   ("photos", ("after.jpg", photo(), "image/jpeg"))])

    assert answered.status_code == 303, answered.text
    stored = stack.deps.appeals.get(road.id)
    assert stored is not None and stored.status is Status.ANSWERED
    (answer,) = stored.answers
    assert len(answer.photos) == 2 and all(stack.deps.photos.get(name) for name in answer.photos)
    page = browser.get(f"/appeals/{road.id}?done=answer").text
    assert "Фотоотчёт: 2 фото" in page and 'data-testid="delivery-status"' in page


def test_a_supervisors_template_is_kept_in_firestore_and_offered_in_the_answer_form(
        stack: Stack, keys: Keys, console: str) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    supervisor = ConsoleSession(console)
    supervisor.sign_in(keys.supervisor)
    supervisor.get("/templates")
    assert supervisor.post("/templates", {"town": TOWN, "category": "roads",
                                          "text": "Здравствуйте! Яму заделали."}).status_code == 303
    assert stack.deps.reply_template_store.for_town(TOWN) == {"roads": "Здравствуйте! Яму заделали."}

    department = ConsoleSession(console)
    department.sign_in(keys.roads)
    assert '<pre id="answer-template" hidden>Здравствуйте! Яму заделали.</pre>' in department.get(
        f"/appeals/{road.id}").text


def test_the_dashboard_shows_the_monthly_reports_figures_and_exports_its_csv(
        stack: Stack, keys: Keys, console: str) -> None:
    month: list[Appeal] = generate(random.Random(18), 120)
    for appeal in month:
        stack.deps.appeals.add(AppealWrite(appeal))
    report = stack.deps.reports.monthly(TOWN, "2026-06")
    breakdown = stack.deps.reports.breakdown(TOWN, "2026-06")
    supervisor = ConsoleSession(console)
    supervisor.sign_in(keys.supervisor)

    page = supervisor.get("/dashboard?month=2026-06").text

    def shown(testid: str) -> str:
        match = re.search(rf'data-testid="{testid}"[^>]*>([^<]*)<', page)
        assert match is not None, testid
        return match.group(1)

    assert (shown("received"), shown("processed"), shown("answered-in-time")) == (
        str(report.received), str(report.processed), str(report.deadlines.answered_in_time))
    assert re.search(rf'data-testid="p90-first-response" data-seconds="{report.first_response.p90_seconds}"', page)
    assert report.received > 0 and "<svg" in page
    # Each department's deadlines, counted here independently (open overdue counted as missed).
    counted = [a for a in month if a.municipality == TOWN and JUNE_START <= a.received_at < JUNE_END
               and a.status not in (Status.MERGED, Status.REJECTED)]
    for department, deadlines in breakdown.deadlines_by_department.items():
        mine = [a for a in counted if a.department == department]
        assert (deadlines.answered_in_time, deadlines.answered_late, deadlines.open_overdue) == (
            sum(a.first_response_within_deadline is True for a in mine),
            sum(a.first_response_within_deadline is False for a in mine),
            sum(a.first_response_within_deadline is None and a.overdue for a in mine)), department
        assert re.search(rf'<tr data-department="{department}">.*?{re.escape(views.percent(deadlines.share_in_time))}',
                         page) or not mine
    assert sum(breakdown.processed_by_channel.values()) == report.processed

    exported = supervisor.get("/dashboard.csv?month=2026-06")
    assert exported.headers["Content-Type"].startswith("text/csv") and exported.text == as_csv(report)
    assert supervisor.get("/dashboard/print?month=2026-06").status_code == 200
