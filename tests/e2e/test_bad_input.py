"""Bad input never means "send it again": a body, id or cursor that can never be stored is answered 4xx as JSON,
so that no platform redelivers it for hours; what a resident wrote is stored whenever it can be.

Every HTTP function reads bodies through entrypoints/bodies.py; these tests go through each over real HTTP."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from otklik.domain.principals import Role
from tests import regional_support
from tests.conftest import Stack, seed_towns
from tests.regional_support import fake_regional_server, regional  # noqa: F401 - fixtures
from tests.support import SECRETS, TOWN, payload

DEEP = 10_000
HUGE_INTEGER = "9" * 5000


def deep_object(levels: int) -> bytes:
    return b'{"a":' * levels + b"1" + b"}" * levels


def deep_array(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


@dataclass(frozen=True)
class Webhook:
    platform: str
    path: str
    headers: dict[str, str]
    fixture: str
    text_at: tuple[str, ...]  # where the resident's text is in the payload
    date_at: tuple[str, ...]  # a timestamp field of the payload


WEBHOOKS = [
    Webhook("telegram", "telegram_webhook/yuzhno",
            {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]},
            "update_message_text", ("message", "text"), ("message", "date")),
    Webhook("vk", "vk_webhook", {}, "callback_message_new_text", ("object", "message", "text"),
            ("object", "message", "date")),
    Webhook("ok", f"ok_webhook/{SECRETS['ok-yuzhno-webhook']}", {}, "webhook_message_created_text",
            ("message", "text"), ("timestamp",)),
    Webhook("max", "max_webhook/yuzhno", {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]},
            "webhook_message_created_dialog_text", ("message", "body", "text"), ("message", "timestamp")),
]


def with_value(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def post(base: str, path: str, body: bytes | dict[str, Any], headers: dict[str, str] | None = None,
         content_type: str = "application/json") -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()  # ASCII JSON: a lone surrogate as \ud800
    return requests.post(f"{base}/{path}", data=data, headers={"Content-Type": content_type, **(headers or {})},
                         timeout=30, allow_redirects=False)


def stored_count(stack: Stack) -> int:
    return len(stack.deps.appeals.recent(100))


def assert_refused(response: requests.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    text = json.dumps(body).lower()
    assert all(word in text for word in words), body


WEBHOOK_IDS = [w.platform for w in WEBHOOKS]


@pytest.mark.parametrize("webhook", WEBHOOKS, ids=WEBHOOK_IDS)
@pytest.mark.parametrize(("body", "words"), [
    (deep_object(DEEP), ("nested",)), (deep_array(DEEP), ("nested",)), (deep_object(100), ("nested",)),
    (b'{"update_id": ' + HUGE_INTEGER.encode() + b"}", ("digits",)),
    (b'{"update_id": NaN}', ("nan",)),
], ids=["10000-objects", "10000-arrays", "100-objects", "5000-digits", "nan"])
def test_absurd_json_on_a_webhook_is_a_400_naming_the_problem(stack: Stack, functions_server: str, webhook: Webhook,
                                                              body: bytes, words: tuple[str, ...]) -> None:
    assert_refused(post(functions_server, webhook.path, body, webhook.headers), 400, *words)
    assert stored_count(stack) == 0


@pytest.mark.parametrize("webhook", WEBHOOKS, ids=WEBHOOK_IDS)
@pytest.mark.parametrize("date", [10**30, 2**62, -1], ids=["beyond-64-bits", "year-beyond-9999", "negative"])
def test_an_impossible_timestamp_is_a_400_naming_its_field(stack: Stack, functions_server: str, webhook: Webhook,
                                                           date: int) -> None:
    body = with_value(payload(webhook.platform, webhook.fixture), webhook.date_at, date)
    assert_refused(post(functions_server, webhook.path, body, webhook.headers), 400, ".".join(webhook.date_at[-2:]))
    assert stored_count(stack) == 0


@pytest.mark.parametrize("webhook", WEBHOOKS, ids=WEBHOOK_IDS)
def test_a_lone_surrogate_in_a_residents_text_is_stored_replaced(stack: Stack, functions_server: str,
                                                                 webhook: Webhook) -> None:
    body = with_value(payload(webhook.platform, webhook.fixture), webhook.text_at, "Нет воды \ud800 с утра")
    response = post(functions_server, webhook.path, body, webhook.headers)
    assert response.status_code == 200, response.text
    (appeal,) = stack.deps.appeals.recent(10)
    assert appeal.text == "Нет воды \ufffd с утра"


@pytest.fixture
def operator_key(stack: Stack) -> str:
    seed_towns(stack)
    return stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))[1]


def operator(base: str, key: str, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} | kwargs.pop("headers", {})
    return requests.request(method, f"{base}/operator_api{path}", headers=headers, timeout=30, allow_redirects=False,
                            **kwargs)


@pytest.mark.parametrize(("body", "words"), [
    (deep_object(DEEP), ("nested",)), (deep_array(DEEP), ("nested",)),
    (b'{"resident_name": "A", "contact": ' + HUGE_INTEGER.encode() + b', "text": "x"}', ("digits",)),
    (b'{"resident_name": "A", "contact": "b", "text": "x", "n": ' + b"1" * 30 + b"}", ("64-bit", "n")),
], ids=["10000-objects", "10000-arrays", "5000-digits", "30-digits"])
def test_absurd_json_on_reception_is_a_400_and_nothing_is_stored(stack: Stack, functions_server: str,
                                                                 operator_key: str, body: bytes,
                                                                 words: tuple[str, ...]) -> None:
    response = operator(functions_server, operator_key, "POST", "/appeals", data=body,
                        headers={"Content-Type": "application/json"})
    assert_refused(response, 400, *words)
    assert stored_count(stack) == 0


def test_a_lone_surrogate_in_a_reception_appeal_is_stored_replaced(stack: Stack, functions_server: str,
                                                                   operator_key: str) -> None:
    body = json.dumps({"resident_name": "Петров \udfff", "contact": "+7 914 000-00-00", "text": "Нет света \ud800"})
    response = operator(functions_server, operator_key, "POST", "/appeals", data=body.encode(),
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    assert (response.json()["text"], response.json()["author"]["display_name"]) == ("Нет света \ufffd", "Петров \ufffd")


@pytest.mark.parametrize("form_field", [deep_object(DEEP).decode(), '{"kind": "final", "text": "x", "n": 1e999999}',
                                        '{"kind": "final", "text": ' + HUGE_INTEGER + "}"])
def test_absurd_json_in_a_multipart_answer_is_a_400(stack: Stack, functions_server: str, operator_key: str,
                                                    form_field: str) -> None:
    response = operator(functions_server, operator_key, "POST", "/appeals/tg-0123456789abcdef01234567/answer",
                        data={"answer": form_field}, files=[("photos", ("p.jpg", b"not a photo", "image/jpeg"))])
    assert_refused(response, 400, "answer")


def test_a_multipart_field_beyond_the_form_limits_is_a_413_as_json(stack: Stack, functions_server: str,
                                                                  operator_key: str) -> None:
    response = operator(functions_server, operator_key, "POST", "/appeals/tg-0123456789abcdef01234567/answer",
                        data={"answer": "x" * 2_000_000}, files=[("photos", ("p.jpg", b"jpeg", "image/jpeg"))])
    assert_refused(response, 413)


RESERVED_IDS = ["__main__", "__x__", "%0A", "%2E%2E", "x" * 1600, "tg-0123456789ABCDEF01234567"]
# Ids that split or collapse the path itself: they never reach a handler as an id, but still get a JSON 4xx.
PATH_SHAPED_IDS = ["a%2Fb", "a/b", "..", "."]


def appeal_calls(appeal_id: str) -> list[tuple[str, str, Any]]:
    return [("GET", f"/appeals/{appeal_id}", None), ("POST", f"/appeals/{appeal_id}/note", {"text": "позвонить"}),
            ("POST", f"/appeals/{appeal_id}/take", None)]


@pytest.mark.parametrize("appeal_id", RESERVED_IDS)
def test_ids_no_appeal_can_have_are_not_found_as_json(stack: Stack, functions_server: str, operator_key: str,
                                                      appeal_id: str) -> None:
    for method, path, body in appeal_calls(appeal_id):
        response = operator(functions_server, operator_key, method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["error"] == "not_found"


@pytest.mark.parametrize("appeal_id", PATH_SHAPED_IDS)
def test_ids_shaped_like_paths_get_a_client_error_as_json(stack: Stack, functions_server: str, operator_key: str,
                                                          appeal_id: str) -> None:
    for method, path, body in appeal_calls(appeal_id):
        response = operator(functions_server, operator_key, method, path, json=body)
        assert 400 <= response.status_code < 500, (method, path, response.text)
        assert response.json()["error"]


@pytest.mark.parametrize("cursor", ["__main__", "__x__", "a/b", "\n", "..", "tg-0123456789abcdef01234567"])
def test_cursors_that_name_no_appeal_are_a_400_as_json(stack: Stack, functions_server: str, operator_key: str,
                                                       cursor: str) -> None:
    response = operator(functions_server, operator_key, "GET", "/appeals", params={"cursor": cursor})
    assert_refused(response, 400, "cursor")


@pytest.mark.parametrize("body", [deep_object(DEEP), b'{"regional_id": ' + HUGE_INTEGER.encode() + b"}"],
                         ids=["10000-levels", "5000-digits"])
def test_absurd_json_from_the_regional_centre_is_a_400(stack: Stack, functions_server: str, regional: Any,  # noqa: F811 - the fixture imported above
                                                       body: bytes) -> None:
    response = regional_support.call(functions_server, "POST", "/appeals", body)
    assert_refused(response, 400, "json")
    assert stored_count(stack) == 0


@pytest.mark.parametrize("body", [deep_object(DEEP), b'{"api_key": ' + HUGE_INTEGER.encode() + b"}"],
                         ids=["10000-levels", "5000-digits"])
def test_absurd_json_filed_through_open311_is_a_400(stack: Stack, functions_server: str, body: bytes) -> None:
    seed_towns(stack)
    response = post(functions_server, "open311/requests.json", body)
    assert response.status_code == 400, response.text
    assert stored_count(stack) == 0


@pytest.mark.parametrize("webhook", WEBHOOKS, ids=WEBHOOK_IDS)
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"])
def test_webhooks_serve_only_post_and_store_nothing_else(stack: Stack, functions_server: str, webhook: Webhook,
                                                         method: str) -> None:
    body = json.dumps(payload(webhook.platform, webhook.fixture)).encode()
    response = requests.request(method, f"{functions_server}/{webhook.path}", data=body, timeout=30,
                                headers={"Content-Type": "application/json", **webhook.headers}, allow_redirects=False)
    assert response.status_code == 405, response.text
    assert response.headers["Allow"] == "POST"
    assert response.json()["error"] == "method_not_allowed"
    assert stored_count(stack) == 0
