"""The OpenAPI documents in schemas/ are what the code generates from the wire models (`make schemas`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from otklik.openapi.__main__ import DOCUMENTS, SCHEMAS, main, rendered
from otklik.openapi.catalog import HTTP_APIS, HttpApi
from otklik.topology import HTTP_FUNCTIONS


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_committed_document_is_what_the_code_generates(name: str) -> None:
    committed = SCHEMAS / name
    assert committed.exists(), f"{committed} is missing: run `make schemas`"
    assert committed.read_text(encoding="utf-8") == rendered()[name], f"{name} is out of date: run `make schemas`"


def test_check_mode_reports_a_stale_document(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "open311.openapi.json").write_text("{}", encoding="utf-8")
    assert main(["--check", "--out", str(tmp_path)]) == 1


@pytest.mark.parametrize("api", HTTP_APIS, ids=lambda api: api.file_name)
def test_every_document_is_openapi_3_1_for_served_functions(api: HttpApi) -> None:
    document = json.loads(rendered()[api.file_name])
    assert document["openapi"] == "3.1.0"
    assert set(api.functions) <= set(HTTP_FUNCTIONS)
    server = document["servers"][0]["url"].rsplit("/", 1)[-1]
    for path, operations in document["paths"].items():
        # One function: its URL is the server. Several: the server is the host and each path names its function.
        function = server if len(api.functions) == 1 else path.split("/")[1]
        assert function in api.functions, f"{api.file_name}: {path}"
        for method, operation in operations.items():
            assert operation["responses"], f"{method} {path}"
            assert "500" not in operation["responses"]


def test_the_regional_document_describes_the_signature_and_the_callbacks() -> None:
    document = json.loads(rendered()["regional_api.openapi.json"])
    assert set(document["components"]["securitySchemes"]) == {"client", "timestamp", "signature"}
    assert "HMAC-SHA256" in document["info"]["description"]
    callback = document["webhooks"]["appealEvent"]["post"]
    assert callback["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CallbackEvent"}
    fields = document["components"]["schemas"]["RegionalAppealIn"]["properties"]
    assert set(fields) == {"regional_id", "town", "text", "author", "source_url", "received_at", "deadline",
                           "category_hint"}
