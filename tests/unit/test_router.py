"""The method-and-path router of the HTTP functions that serve several resources."""
from __future__ import annotations

import flask
import pytest

from otklik.entrypoints.http import ApiError
from otklik.entrypoints.router import Router

app = flask.Flask(__name__)
router = Router()


@router.route("GET", "/appeals/<appeal_id>")
def read_appeal(request: flask.Request, appeal_id: str) -> flask.Response:
    return flask.jsonify(handler="read", appeal_id=appeal_id)


@router.route("POST", "/appeals/<appeal_id>/<action>")
def act(request: flask.Request, appeal_id: str, action: str) -> flask.Response:
    return flask.jsonify(handler="act", appeal_id=appeal_id, action=action)


@router.route("POST", "/appeals:batch")
def batch(request: flask.Request) -> flask.Response:
    return flask.jsonify(handler="batch")


@router.route("GET", "/requests/<request_id>.json")
def one_request(request: flask.Request, request_id: str) -> flask.Response:
    return flask.jsonify(handler="request", request_id=request_id)


def dispatch(method: str, path: str) -> dict[str, str]:
    with app.test_request_context(path, method=method):
        response = router.dispatch(flask.request)
        return dict(response.get_json())


def test_placeholders_are_passed_by_name() -> None:
    assert dispatch("POST", "/appeals/tg-1/take") == {"handler": "act", "appeal_id": "tg-1", "action": "take"}
    assert dispatch("GET", "/requests/tg-42.json") == {"handler": "request", "request_id": "tg-42"}


def test_a_fixed_path_wins_over_a_pattern() -> None:
    assert dispatch("POST", "/appeals:batch") == {"handler": "batch"}


def test_a_placeholder_is_one_path_segment() -> None:
    with pytest.raises(ApiError) as raised:
        dispatch("GET", "/appeals/tg-1/extra/segments")
    assert raised.value.status == 404


def test_a_known_path_with_another_method_is_405_naming_the_allowed_ones() -> None:
    with pytest.raises(ApiError) as raised:
        dispatch("DELETE", "/appeals/tg-1")
    assert raised.value.status == 405
    assert raised.value.headers == {"Allow": "GET"}


def test_head_is_served_by_get() -> None:
    assert dispatch("HEAD", "/appeals/tg-1")["handler"] == "read"

