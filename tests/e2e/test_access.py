"""Who may call what: every role × every HTTP function × every route, with the answer each must get.

Each HTTP function accepts only the roles it serves: operator_api the centre's staff and regional readers,
monthly_report its readers, Open311 filing only Open311 clients. A key of another role is refused (403) before
anything is read; the webhooks and the regional API do not take API keys at all."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import requests

from otklik.domain.model import Appeal
from otklik.domain.principals import Role
from tests.conftest import Stack, seed_towns
from tests.e2e.test_operator_api import routed_appeal
from tests.support import TOWN

ROLES = ("operator", "department", "supervisor", "regional", "open311", "no key", "unknown key")


@dataclass(frozen=True)
class Route:
    function: str
    method: str
    path: str  # {appeal} is the road appeal's id
    body: Any = None
    form: bool = False  # the body is sent form-encoded, with the key as api_key instead of a bearer header


WORK_ROLES = {"operator": 200, "department": 200}
READ_ROLES = {"operator": 200, "department": 200, "supervisor": 200, "regional": 200}
ANSWER = {"kind": "intermediate", "text": "Взято в работу", "planned_date": "2026-12-05"}
RECEPTION = {"resident_name": "Петров П.П.", "contact": "+7 914 000-00-00", "text": "Не горят фонари на ул. Мира"}
OPEN311_FILING = {"jurisdiction_id": TOWN, "service_code": "lighting", "description": "Не горит фонарь",
                  "address_string": "ул. Мира, 5"}

# What each role gets on each route; roles not named get `otherwise`.
TABLE: list[tuple[Route, dict[str, int], int]] = [
    (Route("operator_api", "GET", "/appeals"), READ_ROLES, 403),
    (Route("operator_api", "GET", "/appeals/{appeal}"), READ_ROLES, 403),
    (Route("operator_api", "POST", "/appeals", RECEPTION), {"operator": 201}, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/take"), WORK_ROLES, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/note", {"text": "позвонить подрядчику"}), WORK_ROLES, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/assign", {"assignee": "Иванов"}), WORK_ROLES, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/answer", ANSWER), WORK_ROLES, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/triage", {"category": "roads"}), {"operator": 200}, 403),
    # A routed appeal cannot be resolved before it is answered: the operator is let in and told why not.
    (Route("operator_api", "POST", "/appeals/{appeal}/resolve", {"reason": "сделано"}), {"operator": 409}, 403),
    (Route("operator_api", "POST", "/appeals/{appeal}/reopen", {"reason": "жалуются"}), {"operator": 200}, 403),
    (Route("monthly_report", "GET", f"/?town={TOWN}&month=2026-06"),
     {"supervisor": 200, "regional": 200}, 403),
    (Route("open311", "POST", "/requests.json", OPEN311_FILING, form=True), {"open311": 201}, 403),
    # Public reads: the key does not matter.
    (Route("open311", "GET", f"/services.json?jurisdiction_id={TOWN}"),
     dict.fromkeys(ROLES, 200), 200),
    # Functions that take no API keys: a staff key opens nothing there.
    (Route("regional_api", "POST", "/appeals", {}), {}, 401),
    (Route("telegram_webhook", "POST", "/yuzhno", {"update_id": 1}), {}, 403),
    (Route("max_webhook", "POST", "/yuzhno", {"update_type": "bot_started", "timestamp": 1}), {}, 403),
]
# Without a key, or with one nobody issued, the keyed functions answer 401 whatever the route.
UNAUTHENTICATED = {"operator_api": 401, "monthly_report": 401}


def expected(route: Route, role: str, allowed: dict[str, int], otherwise: int) -> int:
    if role in ("no key", "unknown key") and route.function in UNAUTHENTICATED:
        return UNAUTHENTICATED[route.function]
    if role in ("no key", "unknown key") and route.form:
        return 403  # Open311 answers a missing or unknown api_key as its specification's 403
    return allowed.get(role, otherwise)


CASES = [pytest.param(route, role, expected(route, role, allowed, otherwise),
                      id=f"{role}-{route.function}-{route.method}-{route.path}")
         for route, allowed, otherwise in TABLE for role in ROLES]


@pytest.fixture
def keys(stack: Stack) -> dict[str, str]:
    seed_towns(stack)
    issue = stack.deps.api_keys.issue
    return {
        "operator": issue(Role.OPERATOR, (TOWN,))[1],
        "department": issue(Role.DEPARTMENT, (TOWN,), "city_economy")[1],
        "supervisor": issue(Role.SUPERVISOR, (TOWN,))[1],
        "regional": issue(Role.REGIONAL, (TOWN,))[1],
        "open311": issue(Role.OPEN311, (TOWN,))[1],
        "unknown key": "otk_000000000000_never-issued",
    }


def send(base: str, route: Route, appeal: Appeal, key: str | None) -> requests.Response:
    url = f"{base}/{route.function}{route.path.replace('{appeal}', appeal.id)}"
    if route.form:
        return requests.request(route.method, url, data=route.body | ({"api_key": key} if key else {}),
                                timeout=30, allow_redirects=False)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return requests.request(route.method, url, json=route.body, headers=headers, timeout=30, allow_redirects=False)


@pytest.mark.parametrize(("route", "role", "status"), CASES)
def test_each_role_gets_exactly_what_each_function_serves_it(stack: Stack, functions_server: str,
                                                            keys: dict[str, str], route: Route, role: str,
                                                            status: int) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    assert road.department == "city_economy"
    response = send(functions_server, route, road, keys.get(role))
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    if status == 403 and route.function in UNAUTHENTICATED:
        assert road.text not in response.text and road.author.platform_user_id not in response.text


def test_an_open311_key_reads_no_residents_data_from_the_operator_api(stack: Stack, functions_server: str,
                                                                      keys: dict[str, str]) -> None:
    road = routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса")
    headers = {"Authorization": f"Bearer {keys['open311']}"}
    for path in ("/appeals", f"/appeals/{road.id}", f"/appeals?town={TOWN}&q=яма"):
        response = requests.get(f"{functions_server}/operator_api{path}", headers=headers, timeout=30)
        assert response.status_code == 403
        assert response.json()["error"] == "forbidden"
        assert road.id not in response.text and road.text not in response.text
