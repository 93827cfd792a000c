"""GeoReport v2's XML form of the wire models, read back with xmltodict (not the ElementTree that writes it)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
import xmltodict
from pydantic import BaseModel

from otklik.open311.georeport_xml import ERRORS, SERVICE_REQUESTS, SERVICES, document
from otklik.open311.publication import services
from otklik.open311.wire import Open311Error, RequestCreated, ServiceRequest


def read(xml: bytes) -> dict:  # type: ignore[type-arg]
    return xmltodict.parse(xml, strip_whitespace=False)  # type: ignore[no-any-return]


def test_services_are_the_specifications_elements_with_booleans_as_true_and_false() -> None:
    parsed = read(document(SERVICES, services()[:2]))
    first = parsed["services"]["service"][0]
    assert list(first) == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
    assert (first["metadata"], first["type"]) == ("false", "realtime")


def test_a_request_with_nulls_markup_and_characters_xml_cannot_carry() -> None:
    request = ServiceRequest(
        service_request_id="vk-0123456789abcdef01234567", status="open", status_notes="routed", service_name=None,
        service_code=None, description="<b>яма</b> & \"кв.\"\x01\ud800", agency_responsible=None,
        requested_datetime=datetime(2026, 3, 1, 2, 0, tzinfo=UTC),
        updated_datetime=datetime(2026, 3, 1, 2, 0, tzinfo=UTC), expected_datetime=None, lat=46.9591)
    xml = document(SERVICE_REQUESTS, [request])
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    (item,) = [read(xml)["service_requests"]["request"]]
    assert item["description"] == '<b>яма</b> & "кв."\ufffd\ufffd'
    assert (item["service_name"], item["expected_datetime"], item["lat"]) == (None, None, "46.9591")
    assert item["requested_datetime"] == "2026-03-01T02:00:00Z"


def test_a_filing_and_an_error_and_an_empty_list() -> None:
    created = read(document(SERVICE_REQUESTS, [RequestCreated(service_request_id="rc-0123456789abcdef01234567")]))
    assert created == {"service_requests": {"request": {"service_request_id": "rc-0123456789abcdef01234567",
                                                        "service_notice": None, "account_id": None}}}
    error = read(document(ERRORS, [Open311Error(code=403, description="the api_key is not valid")]))
    assert error == {"errors": {"error": {"code": "403", "description": "the api_key is not valid"}}}
    assert read(document(SERVICE_REQUESTS, [])) == {"service_requests": None}


def test_only_scalar_fields_can_be_written() -> None:
    class Nested(BaseModel):
        parts: list[int]

    with pytest.raises(TypeError):
        document(SERVICES, [Nested(parts=[1])])
