"""API keys sent as 'Authorization: Bearer <key>': the operator API's and the monthly report's authentication."""
from __future__ import annotations

from typing import TYPE_CHECKING

import flask

from otklik.entrypoints.http import ApiError

if TYPE_CHECKING:
    from otklik.domain.principals import Principal
    from otklik.wiring import Container


def authenticate(request: flask.Request, deps: Container) -> Principal:
    scheme, _, key = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "unauthenticated", "send an API key as 'Authorization: Bearer <key>'",
                       headers={"WWW-Authenticate": "Bearer"})
    principal = deps.api_keys.authenticate(key.strip())
    if principal is None:
        raise ApiError(401, "unauthenticated", "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    return principal
