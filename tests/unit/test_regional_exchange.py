"""The regional exchange's pure parts: the signature, the rate limit, body fingerprints, clients, callbacks'
outcomes and what the regional centre is shown of an appeal."""
from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from otklik.domain.model import Channel, HistoryEntry, SourceKind, SourceRef
from otklik.regional.auth import TokenBuckets, retry_after_header
from otklik.regional.clients import RegionalClient
from otklik.regional.signing import (
    SignatureProblem,
    SignedRequest,
    form_problem,
    request_target,
    signature,
    signature_matches,
)
from otklik.regional.view import appeal_view
from otklik.regional.wire import RegionalAppealIn
from otklik.services.regional_callbacks import HttpAnswer, Outcome, outcome_of, path_with_query
from otklik.services.regional_intake import appeal_from_regional, fingerprint
from otklik.topology import PUSH_SUBSCRIPTIONS
from tests.builders import a_regional_appeal

NOW = 1_772_000_000.0
SECRET = "shared-secret"


def signed(method: str = "POST", path: str = "/appeals", body: bytes = b'{"a":1}', timestamp: float = NOW,
           secret: str = SECRET) -> SignedRequest:
    ts = str(int(timestamp))
    return SignedRequest(client_id="cur", timestamp=ts, signature=signature(secret, ts, method, path, body),
                         method=method, path_with_query=path, body=body)


def test_the_signature_is_hmac_sha256_over_timestamp_method_path_and_body() -> None:
    expected = hmac.new(b"k", b"1700000000\nPOST\n/appeals?x=1\n{}", hashlib.sha256).hexdigest()
    assert signature("k", "1700000000", "post", "/appeals?x=1", b"{}") == f"sha256={expected}"


def test_a_signature_holds_only_for_its_own_method_path_body_and_secret() -> None:
    request = signed()
    assert signature_matches(SECRET, request)
    assert not signature_matches("other", request)
    for changed in ({"method": "PUT"}, {"path_with_query": "/appeals:batch"}, {"body": b'{"a":2}'},
                    {"timestamp": str(int(NOW) + 1)}):
        assert not signature_matches(SECRET, SignedRequest(**(vars(request) | changed)))


def test_an_uppercase_hex_signature_is_the_same_signature() -> None:
    request = signed()
    assert signature_matches(SECRET, SignedRequest(**(vars(request) | {"signature": request.signature.upper()
                                                                       .replace("SHA256=", "sha256=")})))


@pytest.mark.parametrize(("changes", "problem"), [
    ({"client_id": None}, SignatureProblem.MISSING_CLIENT),
    ({"timestamp": ""}, SignatureProblem.MISSING_TIMESTAMP),
    ({"signature": None}, SignatureProblem.MISSING_SIGNATURE),
    ({"timestamp": "1.5e9"}, SignatureProblem.MALFORMED_TIMESTAMP),
    ({"timestamp": "-5"}, SignatureProblem.MALFORMED_TIMESTAMP),
    ({"timestamp": str(int(NOW) - 301)}, SignatureProblem.STALE_TIMESTAMP),
    ({"timestamp": str(int(NOW) + 301)}, SignatureProblem.STALE_TIMESTAMP),
    ({"signature": "sha256=xyz"}, SignatureProblem.MALFORMED_SIGNATURE),
    ({"signature": "sha1=" + "0" * 64}, SignatureProblem.MALFORMED_SIGNATURE),
])
def test_headers_are_checked_before_any_secret(changes: dict, problem: SignatureProblem) -> None:  # type: ignore[type-arg]
    assert form_problem(SignedRequest(**(vars(signed()) | changes)), NOW) is problem


def test_five_minutes_either_way_is_still_fresh() -> None:
    assert form_problem(signed(timestamp=NOW - 300), NOW) is None
    assert form_problem(signed(timestamp=NOW + 300), NOW) is None


def test_a_token_bucket_allows_a_minutes_worth_at_once_then_paces() -> None:
    clock = [0.0]
    buckets = TokenBuckets(clock=lambda: clock[0])
    assert [buckets.take("a", 3) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = buckets.take("a", 3)
    assert wait == pytest.approx(20.0)
    assert retry_after_header(wait) == "20"
    assert buckets.take("b", 3) == 0.0  # each client has its own bucket
    clock[0] = 20.0
    assert buckets.take("a", 3) == 0.0
    assert buckets.take("a", 3) > 0


def test_retry_after_is_at_least_one_second() -> None:
    assert retry_after_header(0.01) == "1"


def _item(**changes: object) -> RegionalAppealIn:
    base = {"regional_id": "R-1", "town": "aniva", "text": "Нет света на улице", "author": {"name": "Пётр"},
            "received_at": "2026-03-01T11:00:00+11:00"}
    return RegionalAppealIn.model_validate(base | changes)


def test_the_fingerprint_compares_meaning_not_spelling() -> None:
    assert fingerprint(_item()) == fingerprint(_item(received_at="2026-03-01T00:00:00Z"))
    assert fingerprint(_item()) == fingerprint(_item(deadline="2026-03-01T23:00:00+11:00"))
    assert fingerprint(_item()) != fingerprint(_item(text="Нет света на улице!"))
    assert fingerprint(_item()) != fingerprint(_item(deadline="2026-03-01T22:00:00+11:00"))


def test_a_regional_appeal_keeps_where_it_came_from_and_its_deadline() -> None:
    now = datetime(2026, 3, 1, 0, 5, tzinfo=UTC)
    appeal = appeal_from_regional("cur", _item(source_url="https://ok.ru/group/1/topic/2", category_hint="lighting"),
                                  now)
    assert appeal.id.startswith("rg-") and appeal.channel is Channel.REGIONAL
    assert appeal.source == SourceRef(platform=Channel.REGIONAL, account="cur", kind=SourceKind.REGIONAL,
                                      event_id="R-1", link="https://ok.ru/group/1/topic/2")
    assert appeal.received_at == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    assert appeal.external_deadline == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert appeal.category_hint == "lighting"
    assert [(h.action, h.actor, h.at) for h in appeal.history] == [("received", "regional:cur", now)]


def test_a_deadline_must_follow_the_receipt() -> None:
    with pytest.raises(ValidationError) as raised:
        _item(deadline="2026-03-01T11:00:00+11:00")
    assert [e["loc"] for e in raised.value.errors()] == [("deadline",)]


@pytest.mark.parametrize("url", ["http://regional.example/cb", "ftp://127.0.0.1/cb", "https://", "not a url"])
def test_callbacks_go_over_https_except_to_this_machine(url: str) -> None:
    with pytest.raises(ValidationError):
        RegionalClient(id="cur", name="ЦУР", secret_ref="s", towns=("aniva",), callback_url=url)
    assert RegionalClient(id="cur", name="ЦУР", secret_ref="s", towns=("aniva",), callback_url="http://127.0.0.1:9/cb")


@pytest.mark.parametrize(("status", "outcome"), [
    (200, Outcome.DELIVERED), (204, Outcome.DELIVERED), (None, Outcome.FAILED), (500, Outcome.FAILED),
    (503, Outcome.FAILED), (408, Outcome.FAILED), (429, Outcome.FAILED), (400, Outcome.REJECTED),
    (401, Outcome.REJECTED), (404, Outcome.REJECTED), (410, Outcome.REJECTED), (301, Outcome.REJECTED)])
def test_only_answers_that_may_change_on_a_retry_are_retried(status: int | None, outcome: Outcome) -> None:
    assert outcome_of(HttpAnswer(status_code=status)) is outcome


def test_a_callback_is_signed_for_the_path_and_query_of_its_url() -> None:
    assert path_with_query("https://cur.example/hooks/otklik?token=1") == "/hooks/otklik?token=1"
    assert path_with_query("https://cur.example") == "/"


def test_callbacks_are_retried_with_backoff_and_then_dead_lettered() -> None:
    (subscription,) = [s for s in PUSH_SUBSCRIPTIONS if s.function == "deliver_regional_callback"]
    assert subscription.topic == "regional_callback"
    assert subscription.min_backoff_seconds >= 10 and subscription.max_backoff_seconds == 600
    assert subscription.max_delivery_attempts >= 5 and subscription.dead_letter_topic.endswith(".dead-letter")


def test_the_regional_view_leaves_out_notes_operators_and_free_text() -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    appeal = a_regional_appeal("т", centre="cur", regional_id="R-1", municipality="aniva", received_at=at,
                               author="Пётр")
    for entry in (HistoryEntry(at=at, actor="operator:abcdef123456", action="note", details={"text": "секрет"}),
                  HistoryEntry(at=at, actor="operator:abcdef123456", action="reopened",
                               details={"reason": "жалоба Петра", "due_at": "2026-03-02T00:00:00+00:00"}),
                  HistoryEntry(at=at, actor="resident:42", action="resolved", details={"by": "Пётр подтвердил"})):
        appeal = appeal.with_entry(entry)
    view = appeal_view(appeal, None).model_dump(mode="json")
    assert [(h["action"], h["by"], h["details"]) for h in view["history"]] == [
        ("received", "regional_centre", {"event_id": "R-1"}), ("note", "operator", {}),
        ("reopened", "operator", {"due_at": "2026-03-02T00:00:00+00:00"}), ("resolved", "resident", {})]
    assert "abcdef123456" not in str(view) and "Петр" not in str(view) and "секрет" not in str(view)


@pytest.mark.parametrize(("environ", "target"), [
    ({"RAW_URI": "/regional_api/appeals/R%2D1?b=2&a=1", "SCRIPT_NAME": "/regional_api", "PATH_INFO": "/appeals/R-1"},
     "/appeals/R%2D1?b=2&a=1"),
    ({"REQUEST_URI": "/appeals:batch", "SCRIPT_NAME": "", "PATH_INFO": "/appeals:batch"}, "/appeals:batch"),
    ({"PATH_INFO": "/appeals/Ж", "QUERY_STRING": "x=1"}, "/appeals/%D0%96?x=1"),
])
def test_the_signed_path_is_the_request_target_as_sent_below_the_mount_point(environ: dict, target: str) -> None:  # type: ignore[type-arg]
    assert request_target(environ) == target
