"""The regional centre's API served over HTTP: who may call it, what it stores, and what it answers."""
from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from otklik.adapters.firestore_appeals import APPEALS
from otklik.devstack.fake_regional import FakeRegionalCentre
from otklik.domain import actions
from otklik.domain.model import AnswerKind, Channel, SourceKind, Status
from otklik.domain.photo_processing import clean_photo
from otklik.logs import CloudLoggingFormatter
from otklik.messages import AppealReceived
from otklik.regional.signing import CLIENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from otklik.services.regional_intake import regional_appeal_id
from tests.conftest import Stack
from tests.regional_support import (
    CLIENT,
    NORTH,
    NORTH_SECRET,
    OPERATOR,
    SECRET,
    answer,
    appeal_body,
    call,
    change,
    fake_regional_server,
    regional,
    regional_client,
    routed,
    wait_for,
)
from tests.support import OTHER_TOWN, TOWN, MessageProbe

__all__ = ["fake_regional_server", "regional"]  # fixtures


def stored(stack: Stack) -> list[object]:
    return stack.deps.appeals.recent(200)


# Signatures


def test_a_signed_appeal_is_stored_as_a_regional_appeal_and_published(
        stack: Stack, regional: FakeRegionalCentre, probe: MessageProbe, functions_server: str) -> None:
    body = appeal_body(deadline="2099-01-01T00:00:00+11:00")
    response = call(functions_server, "POST", "/appeals", body)

    assert response.status_code == 201, response.text
    accepted = response.json()
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    assert accepted == {"regional_id": "R-1001", "appeal_id": appeal_id, "outcome": "created", "status": "received",
                        "status_url": "/appeals/R-1001"}
    assert response.headers["Location"] == "/appeals/R-1001"
    appeal = stack.deps.appeals.get(appeal_id)
    assert appeal is not None
    assert (appeal.channel, appeal.municipality, appeal.status) == (Channel.REGIONAL, TOWN, Status.RECEIVED)
    assert (appeal.source.platform, appeal.source.account, appeal.source.kind, appeal.source.event_id,
            appeal.source.link) == (Channel.REGIONAL, CLIENT, SourceKind.REGIONAL, "R-1001", body["source_url"])
    assert appeal.received_at == datetime.fromisoformat(body["received_at"])
    assert appeal.external_deadline == datetime(2098, 12, 31, 13, tzinfo=UTC)
    assert appeal.category_hint == "roads"
    assert appeal.author.display_name == "Ирина Смирнова"
    (message,) = probe.collect(expected=1)
    assert AppealReceived.model_validate_json(message.data).appeal_id == appeal_id


def test_without_a_deadline_the_appeal_is_due_twelve_hours_after_the_regional_receipt(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    body = appeal_body()
    assert call(functions_server, "POST", "/appeals", body).status_code == 201
    appeal = stack.deps.appeals.get(regional_appeal_id(CLIENT, "R-1001"))
    assert appeal is not None
    assert appeal.external_deadline == datetime.fromisoformat(body["received_at"]) + timedelta(hours=12)


def _without(header: str) -> dict[str, str]:
    return {header: ""}


@pytest.mark.parametrize(("make", "reason"), [
    (lambda base: call(base, "POST", "/appeals", appeal_body(), secret="not-the-secret"), "bad_signature"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), now=time.time() - 301), "stale_timestamp"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), now=time.time() + 400), "stale_timestamp"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), headers=_without(CLIENT_HEADER)), "missing_client"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), headers=_without(TIMESTAMP_HEADER)),
     "missing_timestamp"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), headers=_without(SIGNATURE_HEADER)),
     "missing_signature"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), headers={TIMESTAMP_HEADER: "yesterday"}),
     "malformed_timestamp"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), headers={SIGNATURE_HEADER: "md5=abc"}),
     "malformed_signature"),
    (lambda base: call(base, "POST", "/appeals", appeal_body(), client="cur-nobody"), "unknown_client"),
    # The other client's own secret does not sign for this client.
    (lambda base: call(base, "POST", "/appeals", appeal_body(), secret=NORTH_SECRET), "bad_signature"),
    # A body and signature captured on one resource, replayed on another.
    (lambda base: call(base, "POST", "/appeals:batch", {"items": [appeal_body()]}, signed_path="/appeals"),
     "bad_signature"),
    (lambda base: call(base, "GET", "/appeals/R-2", signed_path="/appeals/R-1"), "bad_signature"),
    (lambda base: call(base, "GET", "/appeals/R-1?x=1", signed_path="/appeals/R-1"), "bad_signature"),
], ids=["wrong-secret", "stale", "from-the-future", "no-client", "no-timestamp", "no-signature",
        "timestamp-not-a-number", "not-sha256", "unknown-client", "another-clients-secret",
        "replayed-on-batch", "replayed-on-another-appeal", "replayed-with-a-query"])
def test_a_request_that_is_not_properly_signed_is_refused_with_401_and_the_reason(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    response = make(functions_server)
    assert response.status_code == 401
    assert response.json()["error"] == reason
    assert response.headers["WWW-Authenticate"].startswith("Otklik-HMAC-SHA256")
    assert stored(stack) == []


def test_an_inactive_client_is_unknown(stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    stack.deps.regional_clients.save(regional_client().model_copy(update={"active": False}))
    response = call(functions_server, "POST", "/appeals", appeal_body())
    assert (response.status_code, response.json()["error"]) == (401, "unknown_client")


def test_a_replayed_identical_request_within_the_window_changes_nothing(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    now = time.time()
    first = call(functions_server, "POST", "/appeals", appeal_body(), now=now)
    replay = call(functions_server, "POST", "/appeals", appeal_body(), now=now)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert len(stored(stack)) == 1


# Idempotency


def test_the_same_regional_id_and_body_again_is_the_same_appeal(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    body = appeal_body()
    first = call(functions_server, "POST", "/appeals", body)
    # The same instant written in another offset is the same body.
    received = datetime.fromisoformat(body["received_at"]).astimezone(UTC).isoformat()
    again = call(functions_server, "POST", "/appeals", body | {"received_at": received})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["outcome"] == "already_stored"
    assert again.json()["appeal_id"] == first.json()["appeal_id"]
    assert len(stored(stack)) == 1


def test_the_same_regional_id_with_another_body_is_a_conflict(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body()).status_code == 201
    response = call(functions_server, "POST", "/appeals", appeal_body(text="Совсем другой текст обращения"))
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    (appeal,) = stored(stack)
    assert "яма" in appeal.text  # type: ignore[attr-defined]


def test_the_body_fingerprint_is_kept_beside_the_appeal_and_survives_changes(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body()).status_code == 201
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    fingerprint = stack.deps.appeals.body_fingerprint(appeal_id)
    stack.deps.routing.handle(AppealReceived(appeal_id=appeal_id, municipality=TOWN, channel=Channel.REGIONAL,
                                             received_at=datetime.now(UTC)))
    document = stack.deps.firestore.collection(APPEALS).document(appeal_id).get().to_dict()
    assert fingerprint and document["body_fingerprint"] == fingerprint and document["status"] == "routed"
    assert call(functions_server, "POST", "/appeals", appeal_body()).status_code == 200


def test_regional_ids_are_per_client(stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    mine = call(functions_server, "POST", "/appeals", appeal_body())
    theirs = call(functions_server, "POST", "/appeals", appeal_body(town=OTHER_TOWN), client=NORTH, secret=NORTH_SECRET)
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["appeal_id"] != theirs.json()["appeal_id"]
    theirs_read = call(functions_server, "GET", "/appeals/R-1001", client=NORTH, secret=NORTH_SECRET)
    assert theirs_read.json()["town"] == OTHER_TOWN


# Batches


def test_a_batch_stores_every_good_item_and_reports_each_failure_on_its_own(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body("R-0")).status_code == 201
    items = [
        appeal_body("R-1"),
        appeal_body("R-2", text="", author={}),  # schema violations
        appeal_body("R-0"),  # sent before with the same body
        appeal_body("R-0", text="Другой текст"),  # sent before with another body
        appeal_body("R-3", town="atlantis"),  # no such town
        appeal_body("R-4", town="nevelsk"),  # a town this client is not granted
        "not an object",
        appeal_body("R-5", category_hint="healthcare"),
        appeal_body("R-1"),  # repeated inside the batch
    ]
    response = call(functions_server, "POST", "/appeals:batch", {"items": items})

    assert response.status_code == 200, response.text
    batch = response.json()
    assert [(r["index"], r["outcome"], r["status"]) for r in batch["results"]] == [
        (0, "created", 201), (1, "failed", 422), (2, "already_stored", 200), (3, "failed", 409), (4, "failed", 422),
        (5, "failed", 403), (6, "failed", 422), (7, "created", 201), (8, "already_stored", 200)]
    assert (batch["created"], batch["already_stored"], batch["failed"]) == (2, 2, 5)
    problems = {r["index"]: r["problem"] for r in batch["results"] if r["problem"]}
    assert {d["field"] for d in problems[1]["details"]} == {"items.1.text", "items.1.author.name"}
    assert problems[4]["error"] == "unknown_town" and problems[4]["details"] == [
        {"field": "items.4.town", "problem": "unknown town"}]
    assert problems[5]["error"] == "town_not_granted"
    assert problems[3]["error"] == "conflict"
    assert batch["results"][0]["appeal_id"] == regional_appeal_id(CLIENT, "R-1")
    assert {a.source.event_id for a in stored(stack)} == {"R-0", "R-1", "R-5"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("body", "field"), [({"items": []}, "items"), ({"items": [appeal_body()] * 101}, "items"),
                                             ({"things": []}, "items"), ({"items": "x"}, "items")],
                         ids=["empty", "over-100", "no-items", "not-a-list"])
def test_a_batch_that_is_not_a_list_of_1_to_100_items_is_refused_whole(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str, body: dict, field: str) -> None:  # type: ignore[type-arg]
    response = call(functions_server, "POST", "/appeals:batch", body)
    assert response.status_code == 422
    assert field in {d["field"] for d in response.json()["details"]}
    assert stored(stack) == []


# Towns, limits and bad input


def test_a_town_the_client_is_not_granted_is_forbidden(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    response = call(functions_server, "POST", "/appeals", appeal_body(town=TOWN), client=NORTH, secret=NORTH_SECRET)
    assert (response.status_code, response.json()["error"]) == (403, "town_not_granted")
    assert stored(stack) == []


def test_an_appeal_moved_to_a_town_not_granted_can_no_longer_be_read(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body(town=OTHER_TOWN), client=NORTH,
                secret=NORTH_SECRET).status_code == 201
    appeal_id = regional_appeal_id(NORTH, "R-1001")
    change(stack, appeal_id, lambda appeal, now: appeal.model_copy(update={"municipality": TOWN}))
    response = call(functions_server, "GET", "/appeals/R-1001", client=NORTH, secret=NORTH_SECRET)
    assert (response.status_code, response.json()["error"]) == (403, "town_not_granted")


def test_over_its_rate_limit_a_client_gets_429_with_retry_after(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    stack.deps.regional_clients.save(regional_client(rate_limit_per_minute=3))
    answers = [call(functions_server, "GET", f"/appeals/R-{n}") for n in range(4)]

    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert answers[3].json()["error"] == "rate_limited"
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 20
    # Another client has a bucket of its own.
    assert call(functions_server, "GET", "/appeals/R-0", client=NORTH, secret=NORTH_SECRET).status_code == 404


def test_a_body_over_one_mebibyte_is_refused_with_413(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    response = call(functions_server, "POST", "/appeals", appeal_body(text="я" * (600 * 1024)))
    assert (response.status_code, response.json()["error"]) == (413, "body_too_large")


def test_schema_violations_are_422_naming_each_field_path(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    body = {"regional_id": "has spaces", "town": "Южный", "text": "   ", "author": {"profile_url": "vk.com/id1"},
            "received_at": "2026-03-01T10:00:00", "deadline": "soon", "category_hint": "potholes", "extra": 1}
    response = call(functions_server, "POST", "/appeals", body)

    assert response.status_code == 422
    assert {d["field"] for d in response.json()["details"]} == {
        "regional_id", "town", "text", "author.name", "author.profile_url", "received_at", "deadline",
        "category_hint", "extra"}


@pytest.mark.parametrize(("changes", "field"), [
    ({"deadline": "2020-01-01T00:00:00Z", "received_at": "2020-01-01T00:00:00Z"}, "deadline"),
    ({"received_at": "1999-12-31T23:59:59Z"}, "received_at"),
    ({"received_at": "9999-12-31T23:59:59-14:00"}, "received_at"),
])
def test_impossible_times_are_422(stack: Stack, regional: FakeRegionalCentre, functions_server: str,
                                  changes: dict, field: str) -> None:  # type: ignore[type-arg]
    response = call(functions_server, "POST", "/appeals", appeal_body(**changes))
    assert response.status_code == 422
    assert field in {d["field"] for d in response.json()["details"]}


def test_a_receipt_in_the_future_is_422(stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    response = call(functions_server, "POST", "/appeals", appeal_body(received_at=future))
    assert response.status_code == 422
    assert response.json()["details"] == [{"field": "received_at", "problem": "received_at is in the future"}]


def test_an_unknown_town_is_422(stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    response = call(functions_server, "POST", "/appeals", appeal_body(town="atlantis"))
    assert (response.status_code, response.json()["error"]) == (422, "unknown_town")


@pytest.mark.parametrize("raw", [b"{not json", b"[" * 100_000, b'{"n": ' + b"1" * 5000 + b"}", b"\xff\xfe"],
                         ids=["broken", "deeply-nested", "huge-integer", "not-utf8"])
def test_a_body_that_is_not_json_is_400(stack: Stack, regional: FakeRegionalCentre, functions_server: str,
                                        raw: bytes) -> None:
    response = call(functions_server, "POST", "/appeals", raw)
    assert (response.status_code, response.json()["error"]) == (400, "malformed_json")


def test_a_json_body_that_is_not_an_object_is_422(stack: Stack, regional: FakeRegionalCentre,
                                                  functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", [appeal_body()]).status_code == 422


def test_an_unknown_path_or_method_is_404_or_405(stack: Stack, regional: FakeRegionalCentre,
                                                 functions_server: str) -> None:
    assert call(functions_server, "GET", "/nothing").status_code == 404
    response = call(functions_server, "DELETE", "/appeals/R-1")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


# Reading an appeal back


def test_get_shows_the_routed_appeal_with_answers_photos_and_a_history_summary(
        wired: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    body = appeal_body(deadline=(datetime.now(UTC) + timedelta(hours=3)).replace(microsecond=0).isoformat())
    assert call(functions_server, "POST", "/appeals", body).status_code == 201
    appeal_id = regional_appeal_id(CLIENT, "R-1001")
    wait_for(wired, appeal_id, routed)
    change(wired, appeal_id, lambda a, now: actions.note(a, OPERATOR, now, "Внутреннее: позвонить Ирине"))
    photo = clean_photo(_jpeg(), "report.jpg")
    object_name = wired.deps.photos.put(appeal_id, "ans-2", photo)
    change(wired, appeal_id, answer(AnswerKind.INTERMEDIATE, "Приняли в работу, отремонтируем", answer_id="ans-1"))
    change(wired, appeal_id, answer(AnswerKind.FINAL, "Яму заделали", photos=(object_name,), answer_id="ans-2"))

    response = call(functions_server, "GET", "/appeals/R-1001")

    assert response.status_code == 200, response.text
    view = response.json()
    assert (view["status"], view["category"], view["category_label"], view["department"], view["department_name"]) == (
        "answered", "roads", "Дороги", "city_economy", "Департамент городского хозяйства")
    assert datetime.fromisoformat(view["deadline"]) == datetime.fromisoformat(body["deadline"])
    assert view["reopen_count"] == 0 and view["town"] == TOWN and view["regional_id"] == "R-1001"
    assert [(a["id"], a["kind"]) for a in view["answers"]] == [("ans-1", "intermediate"), ("ans-2", "final")]
    (photo_out,) = view["answers"][1]["photos"]
    assert photo_out["object_name"] == object_name
    actions_seen = [(h["action"], h["by"]) for h in view["history"]]
    assert actions_seen[:3] == [("received", "regional_centre"), ("routed", "system"), ("note", "operator")]
    assert ("answered_final", "operator") in actions_seen
    text = response.text
    assert "позвонить" not in text and "0a1b2c3d4e5f" not in text

    fetched = call(functions_server, "GET", photo_out["url"])
    assert (fetched.status_code, fetched.headers["Content-Type"]) == (200, "image/jpeg")
    assert fetched.content == photo.data
    assert call(functions_server, "GET", photo_out["url"].replace(".jpg", ".png")).status_code == 404
    # The two answers' callbacks settle before the next test wipes the store.
    wait_for(wired, appeal_id, lambda a: sum(e.action == "callback_delivered" for e in a.history) == 2)


def test_get_of_an_unknown_or_another_clients_appeal_is_404(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str) -> None:
    assert call(functions_server, "POST", "/appeals", appeal_body(town=OTHER_TOWN)).status_code == 201
    assert call(functions_server, "GET", "/appeals/R-404").status_code == 404
    assert call(functions_server, "GET", "/appeals/R-1001", client=NORTH, secret=NORTH_SECRET).status_code == 404


def test_nothing_is_logged_with_the_residents_text_or_the_secret(
        stack: Stack, regional: FakeRegionalCentre, functions_server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    call(functions_server, "POST", "/appeals", appeal_body())
    call(functions_server, "POST", "/appeals", appeal_body(), secret="wrong")
    lines = [CloudLoggingFormatter().format(record) for record in caplog.records]
    assert any("regional appeal stored" in line for line in lines)
    logged = "\n".join(lines)
    assert "Пограничной" not in logged and "Ирина" not in logged and SECRET not in logged


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 80, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()

