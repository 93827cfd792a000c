"""The operator console over HTTP (a Flask test client at /console, the services over the in-memory fakes): signing
in and out, the cookie's flags, CSRF refusals, the security headers, what each principal sees, and every action's
form reaching WorkService. Browser scenarios are tests/browser's; Firestore paths are tests/e2e/test_console.py."""
from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta

import pytest
from PIL import Image

from otklik.console.web import SECURITY_HEADERS, SESSION_COOKIE
from otklik.domain.model import (
    AnswerKind,
    Appeal,
    Attachment,
    AttachmentKind,
    HistoryAction,
    Location,
    Status,
    WarningPoint,
)
from tests.builders import TOWN, an_appeal, answered, routed
from tests.fakes import Clock, InMemoryAppeals, RecordingPublisher
from tests.services.console_support import Browser, ConsoleDeps, text


@pytest.fixture
def deps(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> ConsoleDeps:
    return ConsoleDeps(clock, appeals, published)


def stored(deps: ConsoleDeps, appeal: Appeal) -> Appeal:
    deps.appeals.put(appeal)
    return appeal


def road(deps: ConsoleDeps, text: str = "Огромная яма на дороге у дома 5", **kwargs: object) -> Appeal:
    return stored(deps, routed(an_appeal(text), category="roads", department="city_economy", **kwargs))  # type: ignore[arg-type]


def waste(deps: ConsoleDeps, text: str = "Мусор не вывозят неделю, контейнеры переполнены") -> Appeal:
    return stored(deps, routed(an_appeal(text), category="waste", department="ecology"))


def signed_in(deps: ConsoleDeps, key: str, host: str = "127.0.0.1") -> Browser:
    browser = Browser(deps, host)
    assert browser.sign_in(key).status_code == 303
    return browser


def row_ids(html: str) -> list[str]:
    return re.findall(r'data-appeal-id="([^"]+)"', html)


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


# Signing in and out


def test_a_visitor_without_a_session_is_sent_to_sign_in(deps: ConsoleDeps) -> None:
    browser = Browser(deps)
    response = browser.get("/")
    assert response.status_code == 303 and response.headers["Location"] == "/console/sign-in"
    assert browser.get("/queue/rows").status_code == 401  # the polling script reloads to the sign-in page


def test_the_key_goes_in_a_posted_password_field_never_in_a_url(deps: ConsoleDeps) -> None:
    html = text(Browser(deps).get("/sign-in"))
    assert re.search(r'<form method="post" action="/console/sign-in"', html)
    assert re.search(r'<input id="api_key" name="api_key" type="password" autocomplete="off"', html)


def test_sign_in_sets_an_httponly_strict_session_cookie_scoped_to_the_console(deps: ConsoleDeps) -> None:
    browser = Browser(deps)
    browser.get("/sign-in")
    response = browser.post("/sign-in", {"api_key": "operator-key"})

    assert response.status_code == 303 and response.headers["Location"] == "/console/"
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE + "=")]
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "max-age", "path"} <= flags and "secure" not in flags  # plain HTTP on this machine
    assert "SameSite=Strict" in cookie and "Path=/console;" in cookie + ";" and "Max-Age=43200" in cookie
    assert "operator-key" not in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    # Stored by digest only, with the principal and an expiry 12 hours ahead.
    (digest, session), = deps.session_store.sessions.items()
    assert digest == hashlib.sha256(token.encode()).hexdigest() and token not in str(session)
    assert session.principal.key_id == "op1" and session.expires_at == deps.clock() + timedelta(hours=12)


def test_the_session_cookie_is_secure_anywhere_but_on_this_machine(deps: ConsoleDeps) -> None:
    browser = Browser(deps, host="console.example.ru")
    browser.get("/sign-in")
    response = browser.post("/sign-in", {"api_key": "operator-key"})
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE + "=")]
    assert "; Secure" in cookie


@pytest.mark.parametrize(("key", "said"), [("no-such-key", "неизвестен или отозван"),
                                           ("open311-key", "выдан не сотруднику центра")])
def test_a_wrong_key_or_a_key_of_another_role_is_refused_without_a_session(deps: ConsoleDeps, key: str,
                                                                            said: str) -> None:
    browser = Browser(deps)
    browser.get("/sign-in")
    response = browser.post("/sign-in", {"api_key": key})
    assert response.status_code == 401 and said in text(response)
    assert not deps.session_store.sessions
    assert not any(c.startswith(SESSION_COOKIE + "=") for c in response.headers.getlist("Set-Cookie"))


def test_a_sign_in_posted_without_the_forms_token_is_refused(deps: ConsoleDeps) -> None:
    """Another site cannot sign a browser in with its own key (login CSRF): the form's token must match the cookie."""
    browser = Browser(deps)
    response = browser.post("/sign-in", {"api_key": "operator-key", "csrf_token": "made-up"})
    assert response.status_code == 403 and not deps.session_store.sessions


def test_sign_out_deletes_the_session_so_its_cookie_opens_nothing(deps: ConsoleDeps) -> None:
    browser = signed_in(deps, "operator-key")
    cookie = browser.client.get_cookie(SESSION_COOKIE, domain="127.0.0.1", path="/console")
    assert cookie is not None

    response = browser.post("/sign-out")

    assert response.status_code == 303 and response.headers["Location"] == "/console/sign-in"
    assert not deps.session_store.sessions
    browser.client.set_cookie(SESSION_COOKIE, cookie.value, domain="127.0.0.1", path="/console")  # replayed
    assert browser.get("/").status_code == 303


def test_ending_a_keys_sessions_signs_out_each_of_its_browsers(deps: ConsoleDeps) -> None:
    desk, phone, operator = signed_in(deps, "roads-key"), signed_in(deps, "roads-key"), signed_in(deps, "operator-key")
    assert deps.console_sessions.end_for_key("roads1") == 2
    assert desk.get("/").status_code == phone.get("/").status_code == 303
    assert operator.get("/").status_code == 200


def test_an_expired_session_is_refused_and_deleted(deps: ConsoleDeps) -> None:
    browser = signed_in(deps, "operator-key")
    deps.clock.advance(hours=12)
    assert browser.get("/").headers["Location"] == "/console/sign-in"
    assert not deps.session_store.sessions


# Headers


def test_every_answer_carries_the_strict_csp_and_the_other_security_headers(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = Browser(deps)
    answers = [browser.get("/"), browser.get("/sign-in"), browser.get("/assets/console.js")]
    browser.sign_in("roads-key")
    answers += [browser.get("/"), browser.get(f"/appeals/{appeal.id}"),
                browser.get("/appeals/tg-000000000000000000000000"),
                browser.post(f"/appeals/{appeal.id}/take", csrf=False), browser.get("/nowhere")]
    assert [a.status_code for a in answers] == [303, 200, 200, 200, 200, 404, 403, 404]
    for answer in answers:
        assert {k: answer.headers.get(k) for k in SECURITY_HEADERS} == SECURITY_HEADERS
    assert SECURITY_HEADERS["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
    assert answers[3].headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style_the_csp_would_block(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "operator-key")
    for path in ("/", f"/appeals/{appeal.id}", "/reception", "/templates"):
        html = text(browser.get(path))
        assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "<style" not in html and " style=" not in html
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers either


# CSRF


def test_an_action_posted_without_the_sessions_csrf_token_is_refused_and_changes_nothing(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "roads-key")
    response = browser.post(f"/appeals/{appeal.id}/take", csrf=False)
    assert response.status_code == 403 and "проверочного токена" in text(response)
    assert deps.appeals.current(appeal.id).status is Status.ROUTED


def test_another_sessions_csrf_token_does_not_open_this_session(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    mine, theirs = signed_in(deps, "roads-key"), signed_in(deps, "operator-key")
    response = mine.post(f"/appeals/{appeal.id}/note", {"text": "x", "csrf_token": theirs.csrf})
    assert response.status_code == 403 and deps.appeals.current(appeal.id).note_count == 0


@pytest.mark.parametrize("path", ["/sign-out", "/reception", "/templates"])
def test_every_other_form_needs_the_token_too(deps: ConsoleDeps, path: str) -> None:
    browser = signed_in(deps, "supervisor-key" if path == "/templates" else "operator-key")
    response = browser.post(path, {"resident_name": "Иван", "contact": "1", "text": "Яма", "category": "roads",
                                   "text_": "x"}, csrf=False)
    assert response.status_code == 403
    assert deps.session_store.sessions and not deps.appeals.all and not deps.template_store.templates


# The queue


def test_the_queue_lists_by_deadline_with_time_left_coloured_and_the_overdue_count_in_the_title(
        deps: ConsoleDeps) -> None:
    now = deps.clock()
    later = road(deps, "Яма у школы", due_at=now + timedelta(hours=20))
    warned = road(deps, "Яма у рынка", due_at=now + timedelta(hours=2),
                  warnings=(WarningPoint(label="75%", at=now - timedelta(minutes=5)),))
    late = stored(deps, road(deps, "Яма у моста", due_at=now - timedelta(hours=1)).model_copy(update={"overdue": True}))
    html = text(signed_in(deps, "operator-key").get("/"))

    assert row_ids(html) == [late.id, warned.id, later.id]
    tones = re.findall(r'<tr class="tone-([a-z_]+)" data-testid="queue-row"', html)
    assert tones == ["overdue", "warned", "on_time"]
    assert "просрочено на 1 ч" in html and "осталось 2 ч" in html and "осталось 20 ч" in html
    assert "<title>(1) Очередь — Отклик</title>" in html
    assert "Дороги" in html and "Telegram" in html and "Департамент городского хозяйства" in html


def test_the_queue_filters_searches_and_pages_by_cursor(deps: ConsoleDeps) -> None:
    roads = [road(deps, f"Яма номер {n}", due_at=deps.clock() + timedelta(hours=n + 1)) for n in range(55)]
    rubbish = waste(deps)
    browser = signed_in(deps, "operator-key")

    assert row_ids(text(browser.get("/?category=waste"))) == [rubbish.id]
    first = text(browser.get("/?category=roads"))
    assert row_ids(first) == [a.id for a in roads[:50]]
    (next_link,) = re.findall(r'href="/console/\?([^"]+)" data-testid="next-page"', first)
    assert row_ids(text(browser.get("/?" + next_link.replace("&amp;", "&")))) == [a.id for a in roads[50:]]
    assert row_ids(text(browser.get("/?q=мусор"))) == [rubbish.id]


def test_the_polled_rows_bring_new_appeals_and_the_overdue_count(deps: ConsoleDeps) -> None:
    browser = signed_in(deps, "operator-key")
    assert row_ids(text(browser.get("/queue/rows"))) == []
    newcomer = road(deps, due_at=deps.clock() - timedelta(minutes=1))
    rows = browser.get("/queue/rows?category=roads")
    assert row_ids(text(rows)) == [newcomer.id] and rows.headers["X-Overdue-Count"] == "0"  # not yet swept
    stored(deps, newcomer.model_copy(update={"overdue": True}))
    assert browser.get("/queue/rows").headers["X-Overdue-Count"] == "1"


# Department isolation: lists, counts, search, direct URLs


def test_a_department_sees_only_its_own_appeals_in_lists_counts_search_and_by_url(deps: ConsoleDeps) -> None:
    mine = road(deps, "Яма и мусор у дома 5")
    theirs = stored(deps, waste(deps, "Мусор у дома 7").model_copy(update={"overdue": True}))
    roads = signed_in(deps, "roads-key")

    assert row_ids(text(roads.get("/"))) == [mine.id]
    assert row_ids(text(roads.get("/?department=ecology"))) == [mine.id]  # the filter cannot widen it
    assert row_ids(text(roads.get("/?q=мусор"))) == [mine.id]
    assert row_ids(text(roads.get("/?overdue=1"))) == []
    assert roads.get("/queue/rows").headers["X-Overdue-Count"] == "0"  # the other department's overdue one
    assert "<title>Очередь — Отклик</title>" in text(roads.get("/"))

    by_url = roads.get(f"/appeals/{theirs.id}")
    assert by_url.status_code == 404 and "Мусор у дома 7" not in text(by_url)
    acted = roads.post(f"/appeals/{theirs.id}/note", {"text": "чужое"})
    assert acted.status_code == 404 and deps.appeals.current(theirs.id).note_count == 0

    ecology = signed_in(deps, "waste-key")
    assert row_ids(text(ecology.get("/"))) == [theirs.id]
    assert ecology.get("/queue/rows").headers["X-Overdue-Count"] == "1"


# Every action's form reaches WorkService


def test_a_department_takes_notes_and_answers_with_two_photos(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "roads-key")
    page = text(browser.get(f"/appeals/{appeal.id}"))
    offered = set(re.findall(r'data-testid="(action-[a-z]+)"', page))
    assert {"action-take", "action-note", "action-answer", "action-assign"} <= offered
    assert "action-triage" not in page and "action-resolve" not in page  # operators' actions

    assert browser.post(f"/appeals/{appeal.id}/take").status_code == 303
    assert deps.appeals.current(appeal.id).status is Status.IN_PROGRESS
    assert browser.post(f"/appeals/{appeal.id}/note", {"text": "Выехала бригада"}).status_code == 303
    answer = browser.post(f"/appeals/{appeal.id}/answer", {
        "kind": "final", "text": "Яму заделали", "request_id": "form-1",
        "photos": [(io.BytesIO(photo()), "before.jpg"), (io.BytesIO(photo()), "after.jpg")]},
        content_type="multipart/form-data")

    assert answer.status_code == 303 and answer.headers["Location"] == f"/console/appeals/{appeal.id}?done=answer"
    current = deps.appeals.current(appeal.id)
    assert current.status is Status.ANSWERED and current.note_count == 1
    (final,) = current.answers
    assert (final.kind, final.text, len(final.photos)) == (AnswerKind.FINAL, "Яму заделали", 2)
    shown = text(browser.get(f"/appeals/{appeal.id}?done=answer"))
    assert 'data-status="pending">отправляется' in shown and "Фотоотчёт: 2 фото" in shown


def test_the_photo_report_rule_is_explained_before_sending_and_enforced(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "roads-key")
    page = text(browser.get(f"/appeals/{appeal.id}"))
    assert page.index('data-testid="photo-rule"') < page.index('data-testid="action-answer"')
    assert "только с фотоотчётом" in page

    refused = browser.post(f"/appeals/{appeal.id}/answer", {"kind": "final", "text": "Сделано", "photos": [
        (io.BytesIO(b""), "")]}, content_type="multipart/form-data")  # the empty file input a browser sends
    assert refused.status_code == 422 and "принимается только с фотоотчётом" in text(refused)
    assert deps.appeals.current(appeal.id).answers == ()


def test_an_intermediate_answer_needs_its_planned_date(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "roads-key")
    bad = browser.post(f"/appeals/{appeal.id}/answer", {"kind": "intermediate", "text": "Работаем",
                                                        "planned_date": "15-06-2026"},
                       content_type="multipart/form-data")
    assert bad.status_code == 422 and "плановая дата: дата в виде ГГГГ-ММ-ДД" in text(bad)
    good = browser.post(f"/appeals/{appeal.id}/answer", {"kind": "intermediate", "text": "Работаем",
                                                         "planned_date": "2026-06-15"},
                        content_type="multipart/form-data")
    assert good.status_code == 303
    assert str(deps.appeals.current(appeal.id).answers[0].planned_date) == "2026-06-15"


def test_the_same_form_sent_twice_answers_once(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "operator-key")
    form = {"kind": "intermediate", "text": "Работаем", "planned_date": "2026-06-15", "request_id": "same"}
    for _ in range(2):
        assert browser.post(f"/appeals/{appeal.id}/answer", form,
                            content_type="multipart/form-data").status_code == 303
    assert len(deps.appeals.current(appeal.id).answers) == 1


def test_an_operator_triages_to_another_category_and_department(deps: ConsoleDeps) -> None:
    appeal = road(deps, "Контейнеры переполнены")
    browser = signed_in(deps, "operator-key")
    response = browser.post(f"/appeals/{appeal.id}/triage", {"decision": "route", "category": "waste",
                                                              "department": ""})
    assert response.status_code == 303
    current = deps.appeals.current(appeal.id)
    assert (current.category, current.department) == ("waste", "ecology")
    assert current.history[-1].action is HistoryAction.TRIAGED


def test_triage_offers_the_keys_other_towns_and_moves_an_appeal_that_reached_the_wrong_one(deps: ConsoleDeps) -> None:
    appeal = stored(deps, an_appeal("В Аниве не горят фонари").model_copy(update={"status": Status.NEEDS_TRIAGE}))
    assert 'id="triage-town"' not in signed_in(deps, "operator-key").get(f"/appeals/{appeal.id}").get_data(True)
    browser = signed_in(deps, "two-towns-key")
    page = browser.get(f"/appeals/{appeal.id}").get_data(as_text=True)
    assert 'id="triage-town"' in page and 'value="aniva"' in page

    response = browser.post(f"/appeals/{appeal.id}/triage", {"decision": "route", "category": "lighting",
                                                              "department": "", "town": "aniva"})

    assert response.status_code == 303
    current = deps.appeals.current(appeal.id)
    assert (current.municipality, current.category) == ("aniva", "lighting")
    assert current.department == deps.towns.all()["aniva"].department_for("lighting")


def test_an_operator_rejects_spam_in_triage(deps: ConsoleDeps) -> None:
    appeal = stored(deps, an_appeal("Купите окна недорого").model_copy(update={"status": Status.NEEDS_TRIAGE}))
    browser = signed_in(deps, "operator-key")
    assert browser.post(f"/appeals/{appeal.id}/triage", {"decision": "spam", "reject_reason": "реклама"}
                        ).status_code == 303
    current = deps.appeals.current(appeal.id)
    assert current.status is Status.REJECTED and current.history[-1].details.get("reason") == "спам: реклама"


def test_an_operator_assigns_resolves_and_reopens(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    browser = signed_in(deps, "operator-key")
    assert browser.post(f"/appeals/{appeal.id}/assign", {"department": "housing_utilities",
                                                         "assignee": "Петров"}).status_code == 303
    assigned = deps.appeals.current(appeal.id)
    assert (assigned.department, assigned.assignee) == ("housing_utilities", "Петров")

    stored(deps, answered(assigned))
    assert browser.post(f"/appeals/{appeal.id}/resolve", {"reason": "житель подтвердил"}).status_code == 303
    assert deps.appeals.current(appeal.id).status is Status.RESOLVED
    assert browser.post(f"/appeals/{appeal.id}/reopen", {"reason": "не решено"}).status_code == 303
    assert deps.appeals.current(appeal.id).status is Status.ROUTED


def test_a_department_cannot_take_an_operators_action_by_posting_it(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    response = signed_in(deps, "roads-key").post(f"/appeals/{appeal.id}/triage", {"category": "waste"})
    assert response.status_code == 403 and deps.appeals.current(appeal.id).category == "roads"


def test_an_action_the_status_does_not_allow_is_a_409_page(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    response = signed_in(deps, "operator-key").post(f"/appeals/{appeal.id}/resolve", {"reason": "x"})
    assert response.status_code == 409 and "в статусе «Направлено»" in text(response)


def test_the_appeal_page_shows_what_the_resident_sent_where_and_how_it_was_classified(deps: ConsoleDeps) -> None:
    message = an_appeal("Яма у дома 5", attachments=(
        Attachment(kind=AttachmentKind.PHOTO, url="https://cdn.example/p.jpg"),
        Attachment(kind=AttachmentKind.DOCUMENT, url="javascript:alert(1)", file_name="x.js")),
        location=Location(latitude=46.9591, longitude=142.7380, place="ул. Ленина, 5"),
        source={"link": "https://t.me/c/1/2"})
    appeal = stored(deps, routed(message).model_copy(update={
        "classification_reasons": ("слово «яма»",), "category_confidence": 0.87}))
    page = text(signed_in(deps, "operator-key").get(f"/appeals/{appeal.id}"))

    assert "Яма у дома 5" in page and "ул. Ленина, 5" in page
    assert "https://www.openstreetmap.org/?mlat=46.959100&amp;mlon=142.738000" in page
    assert 'href="https://cdn.example/p.jpg"' in page and "javascript:" not in page
    assert "Дороги (уверенность 87.0 %)" in page and "слово «яма»" in page
    assert "10.06.2026 12:00" in page  # received, in Sakhalin time
    assert 'href="https://t.me/c/1/2"' in page and "личное сообщение" in page and "<li>фото" in page


def test_a_supervisor_reads_an_appeal_without_action_forms(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    page = text(signed_in(deps, "supervisor-key").get(f"/appeals/{appeal.id}"))
    assert "Огромная яма на дороге у дома 5" in page and "data-testid=\"action-" not in page


# Reception and templates


def test_an_operator_registers_a_phone_appeal_once_per_form(deps: ConsoleDeps) -> None:
    browser = signed_in(deps, "operator-key")
    form = {"resident_name": "Иван Петров", "contact": "+7 999 000-11-22", "text": "Не горит фонарь",
            "address": "ул. Ленина, 5", "request_id": "reception-1"}
    first, again = browser.post("/reception", form), browser.post("/reception", form)

    (appeal,) = deps.appeals.all
    assert first.headers["Location"] == again.headers["Location"] == f"/console/appeals/{appeal.id}?done=register"
    assert (appeal.author.display_name, appeal.author.contact) == ("Иван Петров", "+7 999 000-11-22")
    assert appeal.text == "Не горит фонарь\n\nАдрес: ул. Ленина, 5"


def test_a_reception_form_missing_a_field_is_a_422_naming_it(deps: ConsoleDeps) -> None:
    response = signed_in(deps, "operator-key").post("/reception", {"resident_name": "Иван", "text": "Яма"})
    assert response.status_code == 422 and "контакт: обязательное поле" in text(response) and not deps.appeals.all


def test_only_operators_register_reception_appeals(deps: ConsoleDeps) -> None:
    browser = signed_in(deps, "roads-key")
    assert browser.get("/reception").status_code == 403
    assert browser.post("/reception", {"resident_name": "И", "contact": "1", "text": "Яма"}).status_code == 403
    assert not deps.appeals.all


def test_a_supervisor_edits_a_categorys_template_which_the_answer_form_offers(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    supervisor = signed_in(deps, "supervisor-key")
    saved = supervisor.post("/templates", {"town": TOWN, "category": "roads", "text": "Здравствуйте! Яму заделали."})
    assert saved.status_code == 303

    page = text(signed_in(deps, "roads-key").get(f"/appeals/{appeal.id}"))
    assert '<pre id="answer-template" hidden>Здравствуйте! Яму заделали.</pre>' in page
    assert 'data-testid="insert-template"' in page


def test_only_supervisors_edit_templates(deps: ConsoleDeps) -> None:
    response = signed_in(deps, "operator-key").post("/templates", {"town": TOWN, "category": "roads", "text": "x"})
    assert response.status_code == 403 and not deps.template_store.templates


# Bad input: a clear 4xx page, never a 500


@pytest.mark.parametrize(("path", "status"), [
    ("/?status=lost", 400), ("/?cursor=tg-000000000000000000000000", 400), ("/?town=elsewhere", 403),
    ("/appeals/..%2F..%2Fetc", 404), ("/appeals/tg-000000000000000000000000", 404), ("/assets/secrets.py", 404),
    ("/dashboard", 403),
])
def test_bad_requests_get_a_page_naming_the_problem(deps: ConsoleDeps, path: str, status: int) -> None:
    response = signed_in(deps, "operator-key").get(path)
    assert response.status_code == status and response.mimetype == "text/html"
    assert 'data-testid="error-message"' in text(response)


def test_an_unknown_action_is_a_404_page(deps: ConsoleDeps) -> None:
    appeal = road(deps)
    assert signed_in(deps, "operator-key").post(f"/appeals/{appeal.id}/explode").status_code == 404
