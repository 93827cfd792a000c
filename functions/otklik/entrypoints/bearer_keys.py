"""API keys sent as 'Authorization: Bearer <key>': the operator API's and the monthly report's authentication.

Each function names the roles it serves; a valid key of another role (an Open311 client's, say) opens nothing."""
from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

import flask

from otklik.entrypoints.http import ApiError

if TYPE_CHECKING:
    from otklik.domain.principals import Principal, Role
    from otklik.wiring import Container


def authenticate(request: flask.Request, deps: Container, serves: Set[Role]) -> Principal:
    scheme, _, key = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "unauthenticated", "send an API key as 'Authorization: Bearer <key>'",
                       headers={"WWW-Authenticate": "Bearer"})
    principal = deps.api_keys.authenticate(key.strip())
    if principal is None:
        raise ApiError(401, "unauthenticated", "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    if principal.role not in serves:
        raise ApiError(403, "forbidden", f"a {principal.role} key cannot use this API; it serves "
                                         f"{', '.join(sorted(serves))}")
    return principal
