"""The OpenAPI documents in schemas/ are what the code generates from the wire models (`make schemas`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from otklik.openapi.__main__ import DOCUMENTS, SCHEMAS, main, rendered
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


def test_both_documents_are_openapi_3_1_for_served_functions() -> None:
    for name, text in rendered().items():
        document = json.loads(text)
        assert document["openapi"] == "3.1.0"
        function = document["servers"][0]["url"].rsplit("/", 1)[-1]
        assert function in HTTP_FUNCTIONS, name
        for path, operations in document["paths"].items():
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
