"""Property-based runs of the committed OpenAPI documents against the served functions (schemathesis):
whatever the documents allow, and whatever breaks them, the functions answer without a 5xx and as documented.

Requests to the regional API are signed for a client granted the test towns, so generated requests reach the
handlers. Hooks steer part of the generated data to existing things (a known town, a recent receipt, a valid
api_key, an appeal that exists) so that success answers are checked against the documents too. The number of
examples is bounded."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from otklik.devstack.emulators import wipe_firestore
from otklik.domain.principals import Role
from otklik.regional.signing import signed_headers
from otklik.regional.wire import RegionalAppealIn
from tests.conftest import Stack, seed_towns
from tests.regional_support import (
    CLIENT,
    RECEIVED_AT,
    SECRET,
    appeal_body,
    regional_client,
)
from tests.support import OTHER_TOWN, TOWN

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
REGIONAL = schemathesis.openapi.from_path(SCHEMAS / "regional_api.openapi.json")
OPEN311 = schemathesis.openapi.from_path(SCHEMAS / "open311.openapi.json")


def content_type_of_our_answers(ctx: Any, response: Any, case: Any) -> bool | None:
    """content_type_conformance, except for functions-framework's own HTML 404 for a path it cannot route at
    all (a control character in it): that answer never reaches the function, in the cloud either."""
    if response.status_code == 404 and response.headers.get("content-type", [""])[0].startswith("text/html"):
        return None
    return content_type_conformance(ctx, response, case)


CHECKS = [not_a_server_error, status_code_conformance, content_type_of_our_answers, response_schema_conformance]
BOUNDED = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
KNOWN = {"regional_id": "R-PROPERTY", "api_key": "", "request_id": ""}  # filled in by the `served` fixture


def _at_home(item: Any) -> Any:
    return item | {"town": TOWN, "received_at": RECEIVED_AT} if isinstance(item, dict) else item


@REGIONAL.hook
def flatmap_body(context: Any, body: Any) -> Any:
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return st.sampled_from([body, body | {"items": [_at_home(i) for i in body["items"]]}])
    return st.sampled_from([body, _at_home(body)])


@REGIONAL.hook("flatmap_path_parameters")
def existing_regional_id(context: Any, parameters: Any) -> Any:
    if not isinstance(parameters, dict) or "regional_id" not in parameters:
        return st.just(parameters)
    return st.sampled_from([parameters, parameters | {"regional_id": KNOWN["regional_id"]}])


@OPEN311.hook("flatmap_query")
def known_jurisdiction(context: Any, query: Any) -> Any:
    if not isinstance(query, dict) or "jurisdiction_id" not in query:
        return st.just(query)
    return st.sampled_from([query, query | {"jurisdiction_id": TOWN}])


@OPEN311.hook("flatmap_body")
def valid_api_key(context: Any, body: Any) -> Any:
    if not isinstance(body, dict):
        return st.just(body)
    return st.sampled_from([body, body | {"api_key": KNOWN["api_key"], "jurisdiction_id": TOWN}])


@OPEN311.hook("flatmap_path_parameters")
def existing_request_id(context: Any, parameters: Any) -> Any:
    if not isinstance(parameters, dict) or "service_request_id" not in parameters:
        return st.just(parameters)
    return st.sampled_from([parameters, parameters | {"service_request_id": KNOWN["request_id"]}])


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
    accepted = emulators.deps.regional_intake.accept(
        regional_client(), RegionalAppealIn.model_validate(appeal_body(KNOWN["regional_id"])))
    KNOWN.update(api_key=key, request_id=accepted.appeal_id)
    yield {"base": functions_server}
    emulators.reset_caches()


@REGIONAL.parametrize()
@BOUNDED
def test_the_regional_api_keeps_to_its_document(case: Any, served: dict[str, str]) -> None:
    response = case.call(base_url=f"{served['base']}/regional_api", auth=RegionalSignature(), timeout=30)
    case.validate_response(response, checks=CHECKS)


@OPEN311.parametrize()
@BOUNDED
def test_open311_keeps_to_its_document(case: Any, served: dict[str, str]) -> None:
    response = case.call(base_url=f"{served['base']}/open311", timeout=30)
    case.validate_response(response, checks=CHECKS)
