"""Property-based runs of the committed OpenAPI documents against the served functions (schemathesis):
whatever the documents allow, and whatever breaks them, the functions answer without a 5xx and as documented.

Requests to the regional API are signed for a client granted every town (so generated requests reach the
handlers), and Open311 filings carry a valid api_key half of the time; the number of examples is bounded."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from otklik.devstack.emulators import wipe_firestore
from otklik.domain.principals import Role
from otklik.regional.signing import signed_headers
from tests.conftest import Stack, seed_towns
from tests.regional_support import CLIENT, SECRET, regional_client
from tests.support import OTHER_TOWN, TOWN

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
REGIONAL = schemathesis.openapi.from_path(SCHEMAS / "regional_api.openapi.json")
OPEN311 = schemathesis.openapi.from_path(SCHEMAS / "open311.openapi.json")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
BOUNDED = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


class RegionalSignature(requests.auth.AuthBase):
    """Signs the request as sent: the final body bytes and the path below the function's mount point."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        raw = body.encode() if isinstance(body, str) else body
        path = (request.path_url or "/").removeprefix("/regional_api")
        request.headers.update(signed_headers(CLIENT, SECRET, request.method or "GET", path, raw))
        return request


@pytest.fixture(scope="module")
def served(emulators: Stack, functions_server: str) -> Iterator[dict[str, str]]:
    """Towns, a regional client without a practical rate limit, and an Open311 key, for the whole module."""
    wipe_firestore(emulators.emulators["firestore"].host, emulators.settings.project_id)
    emulators.reset_caches()
    seed_towns(emulators)
    emulators.deps.regional_clients.save(regional_client(rate_limit_per_minute=100_000))
    _, key = emulators.deps.api_keys.issue(Role.OPEN311, (TOWN, OTHER_TOWN))
    yield {"base": functions_server, "api_key": key}
    emulators.reset_caches()


@REGIONAL.parametrize()
@BOUNDED
def test_the_regional_api_keeps_to_its_document(case: Any, served: dict[str, str]) -> None:
    response = case.call(base_url=f"{served['base']}/regional_api", auth=RegionalSignature(), timeout=30)
    case.validate_response(response, checks=CHECKS)


@OPEN311.parametrize()
@BOUNDED
def test_open311_keeps_to_its_document(case: Any, served: dict[str, str]) -> None:
    if isinstance(case.body, dict) and "api_key" in case.body and hash(str(case.body)) % 2 == 0:
        case.body["api_key"] = served["api_key"]
    response = case.call(base_url=f"{served['base']}/open311", timeout=30)
    case.validate_response(response, checks=CHECKS)
