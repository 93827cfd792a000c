"""Property-based bad input against every HTTP function of ours: never a 5xx, nothing stored when refused.

(The regional API and Open311 are fuzzed from their OpenAPI documents in their own tests.)"""
from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otklik.domain.principals import Role
from tests.conftest import Stack, seed_towns
from tests.support import SECRETS, TOWN, payload

# Text as residents and attackers write it: Cyrillic, emoji, control characters, and lone UTF-16 surrogates
# (which JSON can spell as "\ud800" and no UTF-8 store can hold).
TEXT = st.text(alphabet=st.characters(categories=("L", "N", "P", "S", "Zs", "Cc", "Cs")), max_size=40)
# What a URL can carry (UTF-8 has no surrogates).
URL_TEXT = st.text(alphabet=st.characters(categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=40)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(TEXT, children, max_size=6),
    max_leaves=20,
)
# A placeholder a body carries where a raw number too long for any parser's defaults goes.
_HUGE = "\u0000huge-number\u0000"


def mutated(base: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A real payload with one field replaced, removed or added: close to valid, where parsers break."""
    keys = st.sampled_from(sorted(base))
    return st.one_of(
        st.tuples(keys, JSON | st.just(_HUGE)).map(lambda kv: base | {kv[0]: kv[1]}),
        keys.map(lambda k: {key: value for key, value in base.items() if key != k}),
        st.tuples(TEXT, JSON).map(lambda kv: base | {kv[0]: kv[1]}),
        JSON,
    )


def nested(base: dict[str, Any], key: str) -> st.SearchStrategy[Any]:
    return mutated(base[key]).map(lambda inner: base | {key: inner})


def encoded(body: Any, digits: int) -> bytes:
    """The body as JSON (ASCII, so surrogates travel escaped), with a number of `digits` digits in the placeholder."""
    return json.dumps(body).replace(json.dumps(_HUGE), "9" * digits).encode()


def deep(levels: int, opening: bytes) -> bytes:
    closing = {b"[": b"]", b'{"a":': b"}"}[opening]
    return opening * levels + (b"1" if opening != b"[" else b"") + closing * levels


DEEP = st.builds(deep, st.integers(min_value=1, max_value=20_000), st.sampled_from([b"[", b'{"a":']))
DIGITS = st.integers(min_value=1, max_value=6_000)
BODIES = st.one_of(st.binary(max_size=200), DEEP, st.builds(encoded, JSON, DIGITS))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
# Ids and cursors Firestore refuses or that are not ids at all, and anything else.
ODD_IDS = st.sampled_from(["__main__", "__x__", "a/b", "\n", "..", ".", "x" * 1600, ""]) | URL_TEXT


def _json_answer(response: requests.Response) -> bool:
    return response.headers.get("Content-Type", "").startswith("application/json")


WEBHOOKS = {
    "telegram": ("telegram_webhook/yuzhno", {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]},
                 payload("telegram", "update_message_text"), "message"),
    "vk": ("vk_webhook", {}, payload("vk", "callback_message_new_text"), "object"),
    "ok": (f"ok_webhook/{SECRETS['ok-yuzhno-webhook']}", {}, payload("ok", "webhook_message_created_text"), "message"),
    "max": ("max_webhook/yuzhno", {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]},
            payload("max", "webhook_message_created_dialog_text"), "message"),
}


def count(stack: Stack) -> int:
    return len(stack.deps.appeals.recent(1000))


def send(base: str, path: str, body: bytes, headers: dict[str, str]) -> requests.Response:
    return requests.post(f"{base}/{path}", data=body, headers={"Content-Type": "application/json", **headers},
                         timeout=30, allow_redirects=False)


@pytest.mark.parametrize("platform", sorted(WEBHOOKS))
def test_webhooks_never_fail_with_5xx_and_store_nothing_they_refuse(stack: Stack, functions_server: str,
                                                                     platform: str) -> None:
    path, headers, base, inner = WEBHOOKS[platform]

    @FUZZ
    @given(body=st.one_of(BODIES, st.builds(encoded, st.one_of(mutated(base), nested(base, inner)), DIGITS)))
    def check(body: bytes) -> None:
        before = count(stack)
        response = send(functions_server, path, body, headers)
        assert response.status_code < 500, response.text
        assert not 300 <= response.status_code < 400, "a platform does not follow redirects"
        if response.status_code >= 400:
            assert _json_answer(response) and response.json()["error"]
            assert count(stack) == before

    check()


@FUZZ
@given(path=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="?#"), max_size=30),
       # The client itself refuses values with leading or trailing whitespace: those never reach a server.
       header=st.text(alphabet=st.characters(codec="latin-1", exclude_categories=("Cc",)), max_size=30).map(str.strip))
def test_unknown_paths_and_odd_headers_are_client_errors(stack: Stack, functions_server: str, path: str,
                                                         header: str) -> None:
    for function in ("telegram_webhook", "max_webhook", "ok_webhook"):
        response = requests.post(f"{functions_server}/{function}/{requests.utils.quote(path)}", data=b"{}",
                                 headers={"X-Telegram-Bot-Api-Secret-Token": header, "X-Max-Bot-Api-Secret": header},
                                 timeout=30, allow_redirects=False)
        assert 400 <= response.status_code < 500
    assert count(stack) == 0


def test_the_operator_api_never_fails_with_5xx(stack: Stack, functions_server: str) -> None:
    seed_towns(stack)
    _, key = stack.deps.api_keys.issue(Role.OPERATOR, (TOWN,))
    auth = {"Authorization": f"Bearer {key}"}
    base = f"{functions_server}/operator_api"
    actions = ["triage", "assign", "take", "note", "answer", "resolve", "reopen", "x"]

    @FUZZ
    @given(action=st.sampled_from(actions), body=BODIES, appeal_id=ODD_IDS,
           query=st.dictionaries(st.sampled_from(["status", "limit", "due_before", "overdue", "q", "cursor",
                                                 "channel", "town"]), ODD_IDS, max_size=4))
    def check(action: str, body: bytes, appeal_id: str, query: dict[str, str]) -> None:
        before = count(stack)
        json_body = auth | {"Content-Type": "application/json"}
        quoted = requests.utils.quote(appeal_id, safe="")
        call = {"timeout": 30, "allow_redirects": False}
        answers = [
            requests.get(f"{base}/appeals", params=query, headers=auth, **call),
            requests.get(f"{base}/appeals/{quoted}", headers=auth, **call),
            requests.post(f"{base}/appeals/{quoted}/{action}", data=body, headers=json_body, **call),
            requests.post(f"{base}/appeals/{quoted}/answer", data={"answer": body.decode("utf-8", "replace")},
                          files=[("photos", ("p.jpg", b"jpeg", "image/jpeg"))], headers=auth, **call),
        ]
        registered = requests.post(f"{base}/appeals", data=body, headers=json_body, **call)
        for response in (*answers, registered):
            assert response.status_code < 500, (response.request.method, response.url, response.text)
            assert _json_answer(response), response.text
        if registered.status_code >= 400:
            assert count(stack) == before

    check()


def test_the_report_never_fails_with_5xx(stack: Stack, functions_server: str) -> None:
    seed_towns(stack)
    _, key = stack.deps.api_keys.issue(Role.SUPERVISOR, (TOWN,))

    @FUZZ
    @given(params=st.dictionaries(st.sampled_from(["town", "month", "format"]), st.text(max_size=12), max_size=3))
    def check(params: dict[str, str]) -> None:
        response = requests.get(f"{functions_server}/monthly_report", params=params,
                                headers={"Authorization": f"Bearer {key}"}, timeout=30,
                                allow_redirects=False)
        assert response.status_code < 500, response.text

    check()
