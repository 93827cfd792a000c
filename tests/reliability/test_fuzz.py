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

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63) | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=20,
)


def mutated(base: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A real payload with one field replaced, removed or added: close to valid, where parsers break."""
    keys = st.sampled_from(sorted(base))
    return st.one_of(
        st.tuples(keys, JSON).map(lambda kv: base | {kv[0]: kv[1]}),
        keys.map(lambda k: {key: value for key, value in base.items() if key != k}),
        st.tuples(st.text(max_size=10), JSON).map(lambda kv: base | {kv[0]: kv[1]}),
        JSON,
    )


def nested(base: dict[str, Any], key: str) -> st.SearchStrategy[Any]:
    return mutated(base[key]).map(lambda inner: base | {key: inner})


BODIES = st.one_of(st.binary(max_size=200), JSON.map(lambda v: json.dumps(v).encode()))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

WEBHOOKS = {
    "telegram": ("telegram_webhook/yuzhno", {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]},
                 payload("telegram", "update_message_text"), "message"),
    "vk": ("vk_webhook/", {}, payload("vk", "callback_message_new_text"), "object"),
    "ok": (f"ok_webhook/{SECRETS['ok-yuzhno-webhook']}", {}, payload("ok", "webhook_message_created_text"), "message"),
    "max": ("max_webhook/yuzhno", {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]},
            payload("max", "webhook_message_created_dialog_text"), "message"),
}


def count(stack: Stack) -> int:
    return len(stack.deps.appeals.recent(1000))


def send(base: str, path: str, body: Any, headers: dict[str, str]) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return requests.post(f"{base}/{path}", data=data, headers={"Content-Type": "application/json", **headers},
                         timeout=30, allow_redirects=False)


@pytest.mark.parametrize("platform", sorted(WEBHOOKS))
def test_webhooks_never_fail_with_5xx_and_store_nothing_they_refuse(stack: Stack, functions_server: str,
                                                                     platform: str) -> None:
    path, headers, base, inner = WEBHOOKS[platform]

    @FUZZ
    @given(body=st.one_of(BODIES, mutated(base), nested(base, inner)))
    def check(body: Any) -> None:
        before = count(stack)
        response = send(functions_server, path, body, headers)
        assert response.status_code < 500, response.text
        if response.status_code >= 400:
            assert response.json()["error"]
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
    @given(action=st.sampled_from(actions), body=st.one_of(BODIES, JSON.map(lambda v: json.dumps(v).encode())),
           query=st.dictionaries(st.sampled_from(["status", "limit", "due_before", "overdue", "q", "cursor",
                                                 "channel", "town"]), st.text(max_size=15), max_size=4))
    def check(action: str, body: bytes, query: dict[str, str]) -> None:
        before = count(stack)
        listed = requests.get(f"{base}/appeals", params=query, headers=auth, timeout=30, allow_redirects=False)
        acted = requests.post(f"{base}/appeals/some-id/{action}", data=body,
                              headers=auth | {"Content-Type": "application/json"}, timeout=30,
                              allow_redirects=False)
        registered = requests.post(f"{base}/appeals", data=body, headers=auth | {"Content-Type": "application/json"},
                                   timeout=30, allow_redirects=False)
        assert listed.status_code < 500 and acted.status_code < 500 and registered.status_code < 500
        if registered.status_code >= 400:
            assert count(stack) == before

    check()


def test_the_report_never_fails_with_5xx(stack: Stack, functions_server: str) -> None:
    seed_towns(stack)
    _, key = stack.deps.api_keys.issue(Role.SUPERVISOR, (TOWN,))

    @FUZZ
    @given(params=st.dictionaries(st.sampled_from(["town", "month", "format"]), st.text(max_size=12), max_size=3))
    def check(params: dict[str, str]) -> None:
        response = requests.get(f"{functions_server}/monthly_report/", params=params,
                                headers={"Authorization": f"Bearer {key}"}, timeout=30,
                                allow_redirects=False)
        assert response.status_code < 500, response.text

    check()
