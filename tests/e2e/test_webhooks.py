"""The four webhook functions served over HTTP by functions-framework: what each platform posts,
what it gets back, and what is stored and published."""
from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from otklik.domain.model import Channel, Status
from otklik.messages import AppealReceived
from tests.conftest import Stack
from tests.support import SECRETS, TOWN, MessageProbe, payload

TG_SECRET = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]}
MAX_SECRET = {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]}
OK_PATH = f"ok_webhook/{SECRETS['ok-yuzhno-webhook']}"
# VK posts to the function's own URL; the local stack serves a function's root at "<name>/" (it answers "<name>"
# with a 308, which VK does not follow: the local-stack item of the code-health issue).
VK_PATH = "vk_webhook"


def post(base: str, path: str, body: Any, headers: dict[str, str] | None = None) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False).encode()
    return requests.post(f"{base}/{path}", data=data, headers={"Content-Type": "application/json", **(headers or {})},
                         timeout=30, allow_redirects=False)


def stored(stack: Stack) -> list[Any]:
    return stack.deps.appeals.recent(100)


CASES = [
    ("telegram", "telegram_webhook/yuzhno", "update_message_text", TG_SECRET),
    ("vk", VK_PATH, "callback_message_new_text", {}),
    ("ok", OK_PATH, "webhook_message_created_text", {}),
    ("max", "max_webhook/yuzhno", "webhook_message_created_dialog_text", MAX_SECRET),
]


@pytest.mark.parametrize(("platform", "path", "fixture", "headers"), CASES, ids=[c[0] for c in CASES])
def test_a_platform_message_is_stored_published_and_acknowledged(
        stack: Stack, probe: MessageProbe, functions_server: str,
        platform: str, path: str, fixture: str, headers: dict[str, str]) -> None:
    response = post(functions_server, path, payload(platform, fixture), headers)

    assert response.status_code == 200
    if platform == "vk":
        assert response.text == "ok"
    (appeal,) = stored(stack)
    assert appeal.channel is Channel(platform)
    assert appeal.municipality == TOWN
    assert appeal.status is Status.RECEIVED
    assert "не вывозят мусор" in appeal.text
    (message,) = probe.collect(expected=1)
    assert message.attributes["municipality"] == TOWN and message.attributes["channel"] == platform
    assert AppealReceived.model_validate_json(message.data).appeal_id == appeal.id


@pytest.mark.parametrize(("platform", "path", "fixture", "headers"), CASES, ids=[c[0] for c in CASES])
def test_a_redelivered_event_gets_the_same_answer_and_no_second_appeal(
        stack: Stack, functions_server: str, platform: str, path: str, fixture: str, headers: dict[str, str]) -> None:
    answers = [post(functions_server, path, payload(platform, fixture), headers) for _ in range(3)]
    assert {(a.status_code, a.text) for a in answers} == {(answers[0].status_code, answers[0].text)}
    assert len(stored(stack)) == 1


@pytest.mark.parametrize(("path", "body", "headers"), [
    ("telegram_webhook/yuzhno", payload("telegram", "update_message_text"),
     {"X-Telegram-Bot-Api-Secret-Token": "wrong"}),
    ("telegram_webhook/yuzhno", payload("telegram", "update_message_text"), {}),
    ("telegram_webhook/kholmsk", payload("telegram", "update_message_text"), TG_SECRET),
    (VK_PATH, payload("vk", "callback_message_new_text") | {"secret": "wrong"}, {}),
    (VK_PATH, {k: v for k, v in payload("vk", "callback_message_new_text").items() if k != "secret"}, {}),
    ("max_webhook/yuzhno", payload("max", "webhook_message_created_dialog_text"), {"X-Max-Bot-Api-Secret": "wrong"}),
], ids=["tg-wrong", "tg-missing", "tg-other-bots-secret", "vk-wrong", "vk-missing", "max-wrong"])
def test_a_wrong_secret_is_forbidden_and_nothing_is_stored(
        stack: Stack, functions_server: str, path: str, body: Any, headers: dict[str, str]) -> None:
    response = post(functions_server, path, body, headers)
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert stored(stack) == []


@pytest.mark.parametrize("path", ["ok_webhook/not-the-token", "ok_webhook", "ok_webhook/",
                                  "telegram_webhook/unknown-bot", "telegram_webhook", "telegram_webhook/"])
def test_an_unknown_channel_is_not_found_and_nothing_is_stored(stack: Stack, functions_server: str, path: str) -> None:
    response = post(functions_server, path, payload("ok", "webhook_message_created_text"), TG_SECRET)
    assert response.status_code == 404
    assert "error" in response.json()
    assert stored(stack) == []


BAD_TELEGRAM_BODIES = {
    "malformed json": b'{"update_id": 1, "message": ',
    "not an object": b"[1, 2, 3]",
    "wrong type": {"update_id": "first", "message": {}},
    "missing fields": {"update_id": 5, "message": {"text": "привет"}},
    "not utf-8": b"\xff\xfe{}",
    "text over the limit": payload("telegram", "update_message_text")
    | {"message": payload("telegram", "update_message_text")["message"] | {"text": "я" * 4097}},
}


@pytest.mark.parametrize("body", BAD_TELEGRAM_BODIES.values(), ids=BAD_TELEGRAM_BODIES.keys())
def test_bad_bodies_get_a_clear_client_error_and_nothing_is_stored(
        stack: Stack, functions_server: str, body: Any) -> None:
    response = post(functions_server, "telegram_webhook/yuzhno", body, TG_SECRET)
    assert 400 <= response.status_code < 500
    problem = response.json()
    assert problem["error"] and problem["message"]
    assert stored(stack) == []


def test_a_missing_field_is_named(stack: Stack, functions_server: str) -> None:
    response = post(functions_server, "telegram_webhook/yuzhno", {"update_id": 5, "message": {"text": "x"}}, TG_SECRET)
    fields = {d["field"] for d in response.json()["details"]}
    assert {"message.message_id", "message.chat", "message.date"} <= fields


def test_a_body_over_one_mebibyte_is_refused_with_413(stack: Stack, functions_server: str) -> None:
    big = json.dumps({"update_id": 1, "padding": "x" * (1024 * 1024)}).encode()
    response = post(functions_server, "telegram_webhook/yuzhno", big, TG_SECRET)
    assert response.status_code == 413
    assert stored(stack) == []


@pytest.mark.parametrize(("path", "body", "headers"), [
    ("telegram_webhook/yuzhno", payload("telegram", "update_callback_query"), TG_SECRET),
    (VK_PATH, payload("vk", "callback_message_new_text") | {"type": "group_join"}, {}),
    (OK_PATH, payload("ok", "webhook_message_created_text") | {"webhookType": "CHAT_SYSTEM"}, {}),
    ("max_webhook/yuzhno", payload("max", "webhook_bot_started_verbatim"), MAX_SECRET),
], ids=["telegram", "vk", "ok", "max"])
def test_events_we_do_not_handle_get_the_platforms_acknowledgement(
        stack: Stack, functions_server: str, path: str, body: Any, headers: dict[str, str]) -> None:
    response = post(functions_server, path, body, headers)
    assert response.status_code == 200
    assert stored(stack) == []


def test_vk_confirmation_answers_the_communitys_string(stack: Stack, functions_server: str) -> None:
    response = post(functions_server, VK_PATH, payload("vk", "callback_confirmation"))
    assert (response.status_code, response.text) == (200, "c0nf1rm")
    assert response.headers["Content-Type"].startswith("text/plain")


def test_telegram_edit_updates_the_appeal_text_and_history(stack: Stack, functions_server: str) -> None:
    post(functions_server, "telegram_webhook/yuzhno", payload("telegram", "update_message_text"), TG_SECRET)
    response = post(functions_server, "telegram_webhook/yuzhno", payload("telegram", "update_edited_message"),
                    TG_SECRET)

    assert response.status_code == 200
    (appeal,) = stored(stack)
    assert "четвёртую неделю" in appeal.text
    assert [h.action for h in appeal.history] == ["received", "text_edited"]


def test_every_vk_appeal_event_type_creates_an_appeal(stack: Stack, functions_server: str) -> None:
    names = ["callback_message_new_text", "callback_wall_reply_new", "callback_wall_post_new_suggest",
             "callback_photo_comment_new", "callback_board_post_new"]
    for name in names:
        assert post(functions_server, VK_PATH, payload("vk", name)).text == "ok"
    assert len(stored(stack)) == len(names)


def test_a_redirect_is_seen_as_the_answer_it_is() -> None:
    """VK, Telegram, OK and MAX do not follow redirects: neither do these tests' requests."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the http.server hook's name
            self.send_response(308)
            self.send_header("Location", "/elsewhere/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        response = post(f"http://127.0.0.1:{server.server_port}", VK_PATH, payload("vk", "callback_message_new_text"))
        assert (response.status_code, response.headers["Location"]) == (308, "/elsewhere/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
