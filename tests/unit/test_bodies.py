"""The one body reader: what JSON every HTTP function accepts, refuses (and how it names the problem), and mends."""
from __future__ import annotations

import json

import pytest

from otklik.entrypoints.bodies import MAX_JSON_DEPTH, parse_json
from otklik.entrypoints.http import ApiError


def refusal(raw: bytes | str) -> ApiError:
    with pytest.raises(ApiError) as refused:
        parse_json(raw)
    assert refused.value.status == 400 and refused.value.error == "malformed_json"
    return refused.value


def test_a_platform_payload_comes_back_as_it_was_sent() -> None:
    update = {"update_id": 2**62, "message": {"text": "Нет воды 🚱", "chat": {"id": -1001234567890}, "ok": True,
                                              "latitude": 46.95, "none": None, "list": [1, "два", [3.5]]}}
    assert parse_json(json.dumps(update, ensure_ascii=False).encode()) == update


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 500, 10_000, 100_000])
def test_json_nested_beyond_the_limit_is_refused_at_any_depth(levels: int) -> None:
    assert "nested deeper" in refusal(b"[" * levels + b"]" * levels).message
    assert "nested deeper" in refusal(b'{"a":' * levels + b"1" + b"}" * levels).message


def test_json_nested_up_to_the_limit_is_read() -> None:
    assert parse_json(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH) is not None


@pytest.mark.parametrize("number", ["9" * 5000, "9" * 30, str(2**63), str(-(2**63) - 1)])
def test_integers_beyond_64_bits_are_refused(number: str) -> None:
    assert refusal('{"update_id": ' + number + "}").status == 400


def test_the_refused_field_is_named_from_the_root() -> None:
    error = refusal('{"message": {"chat": {"id": ' + "1" * 30 + "}}, \"n\": [0, 1]}")
    assert error.details == [{"field": "message.chat.id", "problem": "the integer is outside the 64-bit range"}]
    assert refusal('{"list": [0, ' + "1" * 30 + "]}").details[0]["field"] == "list.1"


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", '{"x": 1e999}', "[-1e400]"])
def test_numbers_json_cannot_carry_are_refused(raw: str) -> None:
    refusal(raw)


def test_a_lone_surrogate_becomes_the_replacement_character_in_values_and_names() -> None:
    data = parse_json(b'{"text": "\\u0434\\ud800a", "\\udfff": ["\\udbff"], "pair": "\\ud83d\\ude00"}')
    assert data == {"text": "д\ufffda", "\ufffd": ["\ufffd"], "pair": "😀"}
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # storable and answerable as UTF-8


def test_a_refused_field_named_with_a_surrogate_can_still_be_answered() -> None:
    error = refusal(b'{"\\udc72": [' + b"9" * 25 + b"]}")
    json.dumps(error.details, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe{}", b'{"a": tru}'])
def test_what_is_not_json_is_refused(raw: bytes) -> None:
    refusal(raw)
