"""`python -m otklik regional`: registering regional clients and signing a request by hand."""
from __future__ import annotations

import json
from pathlib import Path

import requests

from otklik.devstack.fake_regional import FakeRegionalCentre
from tests.conftest import Stack
from tests.e2e.test_cli_and_stack import run_cli
from tests.regional_support import CLIENT, appeal_body, fake_regional_server, regional
from tests.support import OTHER_TOWN, TOWN

__all__ = ["fake_regional_server", "regional"]  # fixtures


def test_add_client_registers_a_client_that_can_then_call_the_api(stack: Stack, regional: FakeRegionalCentre) -> None:
    result = run_cli("regional", "add-client", "--id", "cur-new", "--name", "ЦУР (новый)", "--towns",
                     f"{TOWN}, {OTHER_TOWN}", "--callback-url", "https://cur.example/otklik/callbacks",
                     "--secret-ref", "regional-cur-new", "--rate-limit", "120")

    assert result.returncode == 0, result.stderr
    client = stack.deps.regional_clients.get("cur-new")
    assert client is not None
    assert (client.towns, client.rate_limit_per_minute, client.secret_ref) == ((TOWN, OTHER_TOWN), 120,
                                                                               "regional-cur-new")
    assert "no secret named regional-cur-new" in result.stderr  # the secret itself is never given to the CLI


def test_add_client_refuses_unknown_towns_and_plain_http_callbacks(stack: Stack, regional: FakeRegionalCentre) -> None:
    common = ["regional", "add-client", "--id", "cur-bad", "--name", "x", "--secret-ref", "s"]
    unknown_town = run_cli(*common, "--towns", "atlantis")
    plain_http = run_cli(*common, "--towns", TOWN, "--callback-url", "http://cur.example/cb")

    assert unknown_town.returncode == 2 and "atlantis" in unknown_town.stderr
    assert plain_http.returncode == 2 and "callback_url" in plain_http.stderr
    assert stack.deps.regional_clients.get("cur-bad") is None


def test_sign_prints_headers_the_api_accepts(stack: Stack, regional: FakeRegionalCentre, functions_server: str,
                                            tmp_path: Path) -> None:
    body = tmp_path / "appeal.json"
    body.write_text(json.dumps(appeal_body(), ensure_ascii=False), encoding="utf-8")
    result = run_cli("regional", "sign", "--client", CLIENT, "--secret-ref", "regional-cur-sakhalin",
                     "--path", "/appeals", "--body-file", str(body))

    assert result.returncode == 0, result.stderr
    response = requests.post(f"{functions_server}/regional_api/appeals", data=body.read_bytes(), timeout=30,
                             allow_redirects=False,
                             headers=json.loads(result.stdout) | {"Content-Type": "application/json"})
    assert response.status_code == 201, response.text


def test_sign_can_print_a_complete_curl_command(stack: Stack) -> None:
    result = run_cli("regional", "sign", "--client", CLIENT, "--secret", "s3cret", "--method", "GET",
                     "--path", "/appeals/R-1", "--url", "http://127.0.0.1:8080/regional_api")
    assert result.returncode == 0
    assert result.stdout.startswith("curl -sS -X GET http://127.0.0.1:8080/regional_api/appeals/R-1 -H ")
    assert "X-Otklik-Signature: sha256=" in result.stdout
