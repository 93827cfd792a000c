"""The regional API's OpenAPI document."""
from __future__ import annotations

from typing import Any

from otklik.openapi.builder import Body, Document, Operation, Reply, Webhook
from otklik.regional.signing import (
    CLIENT_HEADER,
    EVENT_ID_HEADER,
    MAX_CLOCK_SKEW_SECONDS,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
)
from otklik.regional.wire import (
    MAX_BATCH_ITEMS,
    REGIONAL_ID_PATTERN,
    AppealAccepted,
    BatchRequest,
    BatchResult,
    CallbackEvent,
    Problem,
    RegionalAppealIn,
    RegionalAppealView,
)

DESCRIPTION = f"""The regional centre (ЦУР) hands each town's appeals down to the town's municipal centre and reads
back their status and answers; Otklik calls the client back when an appeal is answered, escalated, reopened,
resolved or handed over.

**Signing.** Every request carries three headers:

* `{CLIENT_HEADER}`: the client id;
* `{TIMESTAMP_HEADER}`: unix seconds, within {MAX_CLOCK_SKEW_SECONDS // 60} minutes of the server's clock;
* `{SIGNATURE_HEADER}`: `sha256=` + hex HMAC-SHA256 with the client's shared secret over
  `"{{timestamp}}\\n{{METHOD}}\\n{{path_with_query}}\\n"` followed by the raw body bytes (empty for GET).

`path_with_query` is the path relative to the API's base URL, e.g. `/appeals/R-1`, with the query string exactly
as sent. A missing or wrong signature, an unknown client or a stale timestamp is 401 with the reason as `error`;
a town the client is not granted is 403; over the client's rate limit, 429 with `Retry-After`.

**Idempotency.** An appeal is identified by the client's `regional_id`: the same id with the same body again is
200 with the same appeal, with another body 409. Bodies are compared by meaning: times as instants, an absent
`deadline` as `received_at` + 12 h.

**Callbacks** (see `webhooks`) are signed the same way with the client's secret, carry `{EVENT_ID_HEADER}`,
are retried with backoff until a 2xx (408, 429, 5xx, timeouts) and are not retried after another 4xx."""

HEADERS: dict[str, dict[str, Any]] = {
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}},
    "Location": {"description": "Path of the appeal's status.", "schema": {"type": "string"}},
    "WWW-Authenticate": {"description": "The scheme: Otklik-HMAC-SHA256.", "schema": {"type": "string"}},
}


def _problem(description: str, *headers: str) -> Reply:
    return Reply(description, Problem, headers=headers)


COMMON = {
    "401": _problem("Not authenticated: error is missing_client, missing_timestamp, missing_signature, "
                    "malformed_timestamp, stale_timestamp, malformed_signature, unknown_client or bad_signature.",
                    "WWW-Authenticate"),
    "429": _problem("Over the client's rate limit.", "Retry-After"),
    "503": _problem("Temporarily unavailable; send again.", "Retry-After"),
}
_BODY_PROBLEMS = {
    "400": _problem("The body is not JSON."),
    "413": _problem("The body is over 1 MiB."),
    "422": _problem("Schema violations (each field path in details) or an unknown town."),
}


def _path_parameter(name: str, description: str, pattern: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if pattern:
        schema["pattern"] = pattern
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def _signature_header(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": True, "description": description, "schema": {"type": "string"}}


OPERATIONS = (
    Operation(
        "POST", "/appeals", "handAppealDown", "Hand one appeal down to a town",
        body=Body(RegionalAppealIn),
        replies={
            "201": Reply("Stored; it goes on to routing.", AppealAccepted, headers=("Location",)),
            "200": Reply("Already stored with the same body.", AppealAccepted, headers=("Location",)),
            **_BODY_PROBLEMS,
            "401": COMMON["401"],
            "403": _problem("The town is not granted to this client."),
            "409": _problem("The regional_id was already sent with another body."),
            "429": COMMON["429"], "503": COMMON["503"],
        }),
    Operation(
        "POST", "/appeals:batch", "handAppealsDown", f"Hand up to {MAX_BATCH_ITEMS} appeals down",
        description="Each item is stored or reported as failed on its own, with the status it would have had "
                    "alone; an item is never half-stored. A failed item can be sent again.",
        body=Body(BatchRequest),
        replies={"200": Reply("The result of each item, in order.", BatchResult), **_BODY_PROBLEMS,
                 "401": COMMON["401"], "429": COMMON["429"], "503": COMMON["503"]}),
    Operation(
        "GET", "/appeals/{regional_id}", "getAppeal", "Status, deadline, answers and history of an appeal",
        parameters=(_path_parameter("regional_id", "The regional id it was handed down with.", REGIONAL_ID_PATTERN),),
        replies={"200": Reply("The appeal.", RegionalAppealView), "401": COMMON["401"],
                 "403": _problem("The appeal is in a town not granted to this client."),
                 "404": _problem("No appeal with this regional id from this client."),
                 "429": COMMON["429"], "503": COMMON["503"]}),
    Operation(
        "GET", "/appeals/{regional_id}/answers/{answer_id}/photos/{file_name}", "getAnswerPhoto",
        "A photo of an answer's photo report (the url given in the appeal's answers)",
        parameters=(_path_parameter("regional_id", "The regional id.", REGIONAL_ID_PATTERN),
                    _path_parameter("answer_id", "The answer's id."),
                    _path_parameter("file_name", "The photo's file name.")),
        replies={"200": Reply("The photo.", media_types=("image/jpeg", "image/png", "image/webp"),
                              raw_schema={"type": "string", "format": "binary"}),
                 "401": COMMON["401"], "403": _problem("The appeal is in a town not granted to this client."),
                 "404": _problem("No such photo."), "429": COMMON["429"], "503": COMMON["503"]}),
)

WEBHOOK = Webhook(
    "appealEvent", "An appeal's event, POSTed to the client's callback_url",
    "Answer 2xx once stored. Drop repeats by event_id: a delivery can come more than once.",
    body=Body(CallbackEvent),
    parameters=(_signature_header(CLIENT_HEADER, "The client id the callback is signed for."),
                _signature_header(TIMESTAMP_HEADER, "Unix seconds."),
                _signature_header(SIGNATURE_HEADER, "sha256=<hex HMAC-SHA256>, as for requests; the path is the "
                                                    "callback URL's path and query."),
                _signature_header(EVENT_ID_HEADER, "The event id, also in the body.")),
    replies={"2XX": Reply("Received."), "4XX": Reply("Refused: recorded, not sent again (except 408 and 429)."),
             "5XX": Reply("Sent again later, with backoff.")},
)


def regional_document() -> Document:
    return Document(
        title="Otklik regional API", version="1.0.0", description=DESCRIPTION,
        servers=({"url": "https://{region}-{project}.cloudfunctions.net/regional_api",
                  "variables": {"region": {"default": "europe-west1"}, "project": {"default": "otklik"}}},
                 {"url": "http://127.0.0.1:8080/regional_api", "description": "make run"}),
        operations=OPERATIONS,
        headers=HEADERS,
        security_schemes={
            "client": {"type": "apiKey", "in": "header", "name": CLIENT_HEADER, "description": "The client id."},
            "timestamp": {"type": "apiKey", "in": "header", "name": TIMESTAMP_HEADER, "description": "Unix seconds."},
            "signature": {"type": "apiKey", "in": "header", "name": SIGNATURE_HEADER,
                          "description": "sha256=<hex HMAC-SHA256>, see the description above."},
        },
        security=({"client": [], "timestamp": [], "signature": []},),
        webhooks=(WEBHOOK,),
    )
