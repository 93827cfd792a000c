"""The request signature of the regional API and of its callbacks (both directions use the same scheme).

    X-Otklik-Client:    the client id
    X-Otklik-Timestamp: unix seconds
    X-Otklik-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}\\n{METHOD}\\n{path_with_query}\\n" + body)>

`path_with_query` is the request target exactly as sent on the request line (percent-encoding included),
relative to the receiver's base URL: for the API e.g. "/appeals/R-1?x=1", for a callback the callback URL's
path and query. Signing the method and path stops a captured body
from being replayed against another resource; the timestamp window bounds replays of the same request, which
the API's idempotency makes harmless."""
from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlsplit

CLIENT_HEADER = "X-Otklik-Client"
TIMESTAMP_HEADER = "X-Otklik-Timestamp"
SIGNATURE_HEADER = "X-Otklik-Signature"
EVENT_ID_HEADER = "X-Otklik-Event-Id"
MAX_CLOCK_SKEW_SECONDS = 300
SIGNATURE_PREFIX = "sha256="
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")
_SIGNATURE = re.compile(r"^sha256=[0-9a-fA-F]{64}$")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


class SignatureProblem(StrEnum):
    """Why a signed request was refused; returned to the caller as the error code."""

    MISSING_CLIENT = "missing_client"
    MISSING_TIMESTAMP = "missing_timestamp"
    MISSING_SIGNATURE = "missing_signature"
    MALFORMED_TIMESTAMP = "malformed_timestamp"
    STALE_TIMESTAMP = "stale_timestamp"
    MALFORMED_SIGNATURE = "malformed_signature"
    UNKNOWN_CLIENT = "unknown_client"
    BAD_SIGNATURE = "bad_signature"


@dataclass(frozen=True)
class SignedRequest:
    client_id: str | None
    timestamp: str | None
    signature: str | None
    method: str
    path_with_query: str
    body: bytes


def signature(secret: str, timestamp: str, method: str, path_with_query: str, body: bytes) -> str:
    message = f"{timestamp}\n{method.upper()}\n{path_with_query}\n".encode() + body
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(client_id: str, secret: str, method: str, path_with_query: str, body: bytes,
                   now: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if now is None else now))
    return {
        CLIENT_HEADER: client_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, method, path_with_query, body),
    }


def form_problem(request: SignedRequest, now: float) -> SignatureProblem | None:
    """What is wrong with the headers before any secret is looked at."""
    if not request.client_id:
        return SignatureProblem.MISSING_CLIENT
    if not request.timestamp:
        return SignatureProblem.MISSING_TIMESTAMP
    if not request.signature:
        return SignatureProblem.MISSING_SIGNATURE
    if not _TIMESTAMP.match(request.timestamp):
        return SignatureProblem.MALFORMED_TIMESTAMP
    if abs(now - int(request.timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return SignatureProblem.STALE_TIMESTAMP
    if not _SIGNATURE.match(request.signature):
        return SignatureProblem.MALFORMED_SIGNATURE
    return None


def signature_matches(secret: str, request: SignedRequest) -> bool:
    """Constant-time comparison of the presented signature with the expected one."""
    if request.timestamp is None or request.signature is None:
        return False
    expected = signature(secret, request.timestamp, request.method, request.path_with_query, request.body)
    return hmac.compare_digest(expected.encode(), request.signature.lower().encode("utf-8", "replace"))


def request_target(environ: Mapping[str, Any]) -> str:
    """The path and query as the client sent them, below the mount point (SCRIPT_NAME) of the WSGI app.

    PATH_INFO is percent-decoded by the server, so the raw target (RAW_URI from gunicorn, REQUEST_URI from
    werkzeug) is used when there is one; otherwise the decoded path is quoted back the usual way."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if not raw:
        query = environ.get("QUERY_STRING", "")
        return quote(environ.get("PATH_INFO") or "/", safe=_PATH_SAFE) + (f"?{query}" if query else "")
    parts = urlsplit(raw)
    path = parts.path or "/"
    mount = quote(environ.get("SCRIPT_NAME") or "", safe=_PATH_SAFE)
    if mount and path.startswith(mount):
        path = path[len(mount):] or "/"
    return path + (f"?{parts.query}" if parts.query else "")
