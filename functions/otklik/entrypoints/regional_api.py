"""The regional centre's HTTP API: signed requests, appeals handed down one by one or in batches, their status.

Order of checks: body size (413), signature (401), rate limit (429), route (404/405), body (400/422),
town (422 unknown, 403 not granted), idempotency (409)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import flask
from pydantic import ValidationError

from otklik.entrypoints.bodies import parse_json, read_body
from otklik.entrypoints.http import ApiError, json_response, validation_details
from otklik.entrypoints.router import Router
from otklik.regional.auth import Unauthenticated, retry_after_header
from otklik.regional.clients import RegionalClient
from otklik.regional.signing import (
    CLIENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureProblem,
    SignedRequest,
    request_target,
)
from otklik.regional.view import appeal_view
from otklik.regional.wire import (
    AppealAccepted,
    BatchEnvelope,
    BatchItemResult,
    BatchResult,
    FieldProblem,
    Problem,
    RegionalAppealIn,
)
from otklik.services.ports import PhotoNotFound, StorageUnavailable
from otklik.services.regional_intake import (
    ConflictingResubmission,
    ImplausibleAppeal,
    TownNotGranted,
    UnknownTown,
    regional_appeal_id,
)

if TYPE_CHECKING:
    from otklik.wiring import Container

log = logging.getLogger(__name__)
router = Router()

_UNAUTHENTICATED = {
    SignatureProblem.MISSING_CLIENT: f"the {CLIENT_HEADER} header is missing",
    SignatureProblem.MISSING_TIMESTAMP: f"the {TIMESTAMP_HEADER} header is missing",
    SignatureProblem.MISSING_SIGNATURE: f"the {SIGNATURE_HEADER} header is missing",
    SignatureProblem.MALFORMED_TIMESTAMP: f"{TIMESTAMP_HEADER} must be unix seconds",
    SignatureProblem.STALE_TIMESTAMP: f"{TIMESTAMP_HEADER} is more than 5 minutes away from the server's clock",
    SignatureProblem.MALFORMED_SIGNATURE: f"{SIGNATURE_HEADER} must be sha256=<64 hex digits>",
    SignatureProblem.UNKNOWN_CLIENT: "no active regional client with this id",
    SignatureProblem.BAD_SIGNATURE: "the signature does not match the request (timestamp, method, path and body)",
}


@dataclass(frozen=True)
class Call:
    client: RegionalClient
    body: bytes
    deps: Container


def handle(request: flask.Request, deps: Container) -> flask.Response:
    body = read_body(request, deps.settings.max_body_bytes)
    client = _authenticate(request, body, deps)
    wait = deps.regional_rate_limits.take(client.id, client.rate_limit_per_minute)
    if wait:
        log.info("regional client rate-limited", extra={"client_id": client.id})
        raise ApiError(429, "rate_limited", f"over {client.rate_limit_per_minute} requests a minute; retry later",
                       headers={"Retry-After": retry_after_header(wait)})
    return router.dispatch(request, Call(client, body, deps))


@router.route("POST", "/appeals")
def post_appeal(request: flask.Request, call: Call) -> flask.Response:
    try:
        item = RegionalAppealIn.model_validate(_json_object(call.body))
    except ValidationError as error:
        raise ApiError(422, "invalid_body", "the appeal does not match the schema", validation_details(error)) from None
    status, accepted = _accept(call, item)
    return json_response(status, accepted.model_dump(mode="json"), headers={"Location": accepted.status_url})


@router.route("POST", "/appeals:batch")
def post_batch(request: flask.Request, call: Call) -> flask.Response:
    try:
        envelope = BatchEnvelope.model_validate(_json_object(call.body))
    except ValidationError as error:
        raise ApiError(422, "invalid_body", "the batch does not match the schema", validation_details(error)) from None
    results = [_batch_item(index, raw, call) for index, raw in enumerate(envelope.items)]
    batch = BatchResult(created=sum(r.outcome == "created" for r in results),
                        already_stored=sum(r.outcome == "already_stored" for r in results),
                        failed=sum(r.outcome == "failed" for r in results), results=results)
    log.info("regional batch handled", extra={"client_id": call.client.id, "items_created": batch.created,
                                              "items_already_stored": batch.already_stored,
                                              "items_failed": batch.failed})
    return json_response(200, batch.model_dump(mode="json"))


@router.route("GET", "/appeals/<regional_id>")
def get_appeal(request: flask.Request, call: Call, regional_id: str) -> flask.Response:
    appeal = call.deps.appeals.get(regional_appeal_id(call.client.id, regional_id))
    if appeal is None:
        raise ApiError(404, "not_found", f"no appeal with regional id {regional_id} from this client")
    if not call.client.may_use(appeal.municipality):
        raise ApiError(403, "town_not_granted", f"the appeal is now in town {appeal.municipality}, not granted")
    view = appeal_view(appeal, call.deps.towns.get(appeal.municipality))
    return json_response(200, view.model_dump(mode="json"))


_PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@router.route("GET", "/appeals/<regional_id>/answers/<answer_id>/photos/<file_name>")
def get_photo(request: flask.Request, call: Call, regional_id: str, answer_id: str, file_name: str) -> flask.Response:
    appeal = call.deps.appeals.get(regional_appeal_id(call.client.id, regional_id))
    answer = next((a for a in appeal.answers if a.id == answer_id), None) if appeal else None
    name = next((p for p in answer.photos if p.rsplit("/", 1)[-1] == file_name), None) if answer else None
    if appeal is None or name is None:
        raise ApiError(404, "not_found", "no such photo in this appeal's answers")
    if not call.client.may_use(appeal.municipality):
        raise ApiError(403, "town_not_granted", f"the appeal is now in town {appeal.municipality}, not granted")
    try:
        data = call.deps.photos.get(name)
    except PhotoNotFound:
        raise ApiError(404, "not_found", "the photo is no longer stored") from None
    mimetype = _PHOTO_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
    return flask.Response(data, status=200, mimetype=mimetype)


def _authenticate(request: flask.Request, body: bytes, deps: Container) -> RegionalClient:
    signed = SignedRequest(client_id=request.headers.get(CLIENT_HEADER),
                           timestamp=request.headers.get(TIMESTAMP_HEADER),
                           signature=request.headers.get(SIGNATURE_HEADER), method=request.method,
                           path_with_query=request_target(request.environ), body=body)
    try:
        return deps.regional_auth.authenticate(signed)
    except Unauthenticated as refused:
        log.info("regional request refused", extra={"reason": str(refused.problem)})
        raise ApiError(401, str(refused.problem), _UNAUTHENTICATED[refused.problem],
                       headers={"WWW-Authenticate": 'Otklik-HMAC-SHA256 realm="regional"'}) from None


def _json_object(body: bytes) -> Any:
    data = parse_json(body)
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_body", "the body must be a JSON object",
                       [{"field": "(body)", "problem": "not an object"}])
    return data


def _accept(call: Call, item: RegionalAppealIn) -> tuple[int, AppealAccepted]:
    try:
        accepted = call.deps.regional_intake.accept(call.client, item)
    except UnknownTown as error:
        raise ApiError(422, "unknown_town", str(error), [{"field": "town", "problem": "unknown town"}]) from None
    except TownNotGranted as error:
        raise ApiError(403, "town_not_granted", str(error)) from None
    except ImplausibleAppeal as error:
        raise ApiError(422, "invalid_body", str(error), [{"field": error.field, "problem": error.problem}]) from None
    except ConflictingResubmission as error:
        raise ApiError(409, "conflict", str(error)) from None
    return (201 if accepted.created else 200), AppealAccepted(
        regional_id=item.regional_id, appeal_id=accepted.appeal_id,
        outcome="created" if accepted.created else "already_stored", status=str(accepted.status),
        status_url=f"/appeals/{item.regional_id}")


def _batch_item(index: int, raw: Any, call: Call) -> BatchItemResult:
    regional_id = raw.get("regional_id") if isinstance(raw, dict) else None
    regional_id = regional_id if isinstance(regional_id, str) else None
    try:
        if not isinstance(raw, dict):
            raise ApiError(422, "invalid_body", "an item must be a JSON object",
                           [{"field": f"items.{index}", "problem": "not an object"}])
        try:
            item = RegionalAppealIn.model_validate(raw)
        except ValidationError as error:
            details = [d | {"field": _item_field(index, d["field"])} for d in validation_details(error)]
            raise ApiError(422, "invalid_body", "the item does not match the schema", details) from None
        status, accepted = _accept(call, item)
    except ApiError as error:
        problems = [FieldProblem(field=d["field"] if d["field"].startswith("items.")
                                 else _item_field(index, d["field"]), problem=d["problem"])
                    for d in (error.details or [])]
        return BatchItemResult(index=index, regional_id=regional_id, outcome="failed", status=error.status,
                               problem=Problem(error=error.error, message=error.message, details=problems or None))
    except StorageUnavailable:
        log.warning("batch item not stored: storage unavailable", extra={"index": index})
        return BatchItemResult(index=index, regional_id=regional_id, outcome="failed", status=503, problem=Problem(
            error="storage_unavailable", message="could not store the item; send it again"))
    return BatchItemResult(index=index, regional_id=regional_id, outcome=accepted.outcome, status=status,
                           appeal_id=accepted.appeal_id)


def _item_field(index: int, field: str) -> str:
    return f"items.{index}" if field == "(body)" else f"items.{index}.{field}"
