"""Replies and headers the documents of the webhooks, the operator API and the monthly report share: their errors
are all the `ErrorBody` of entrypoints/http.py."""
from __future__ import annotations

from typing import Any

from otklik.entrypoints.wire import ErrorBody
from otklik.openapi.builder import Reply

CLOUD_FUNCTIONS = "https://{region}-{project}.cloudfunctions.net"
CLOUD_VARIABLES = {"region": {"default": "europe-west1"}, "project": {"default": "otklik"}}
LOCAL = "http://127.0.0.1:8080"

HEADERS: dict[str, dict[str, Any]] = {
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}},
    "WWW-Authenticate": {"description": "The scheme: Bearer.", "schema": {"type": "string"}},
    "Content-Disposition": {"description": "With format=csv: attachment; filename=\"otklik-<town>-<month>.csv\".",
                            "schema": {"type": "string"}},
}


def servers(function: str | None = None) -> tuple[dict[str, Any], ...]:
    """The function's base URLs in the cloud and under `make run`; without a function, the host of several."""
    path = f"/{function}" if function else ""
    return ({"url": CLOUD_FUNCTIONS + path, "variables": CLOUD_VARIABLES},
            {"url": LOCAL + path, "description": "make run"})


def error(description: str, *headers: str) -> Reply:
    return Reply(description, ErrorBody, headers=headers)


MALFORMED = error("malformed_json: the body is not JSON, is nested deeper than 64 levels, or carries a number "
                  "beyond 64 bits (the field in details); invalid_body: it does not have the expected shape (each "
                  "field's problem in details).")
TOO_LARGE = error("body_too_large: the body is over 1 MiB.")
UNAVAILABLE = error("storage_unavailable or temporarily_unavailable: send it again.", "Retry-After")
UNAUTHENTICATED = error("unauthenticated: no Authorization: Bearer <key>, or an unknown or revoked key.",
                        "WWW-Authenticate")

# The operator API and the monthly report take the same API keys.
BEARER_KEY_SCHEMES: dict[str, dict[str, Any]] = {
    "bearer": {"type": "http", "scheme": "bearer", "description": "An API key."}}
BEARER_KEY_SECURITY: tuple[dict[str, list[str]], ...] = ({"bearer": []},)
