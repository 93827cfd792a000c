"""What every HTTP entry point shares (otklik.entrypoints.http.http_endpoint)."""
from __future__ import annotations

import gc

import flask
import pytest
from werkzeug.exceptions import RequestEntityTooLarge

from otklik.entrypoints import http, instance

app = flask.Flask(__name__)


def test_its_first_request_settles_the_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instance, "_settled", False)
    gc.unfreeze()
    instance.hold_collection_until_settled()
    try:
        endpoint = http.http_endpoint()(lambda request: flask.Response("ok"))
        with app.test_request_context("/", method="GET"):
            assert endpoint(flask.request).status_code == 200
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()


def test_an_unexpected_failure_is_a_503_the_platform_retries() -> None:
    def failing(request: flask.Request) -> flask.Response:
        raise RuntimeError("boom")

    with app.test_request_context("/", method="POST"):
        response = http.http_endpoint()(failing)(flask.request)
    assert response.status_code == 503
    assert response.get_json()["error"] == "temporarily_unavailable"
    assert response.headers["Retry-After"] == "5"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_a_post_only_endpoint_refuses_other_methods_before_its_handler_runs(method: str) -> None:
    calls: list[str] = []

    def handler(request: flask.Request) -> flask.Response:
        calls.append(request.method)
        return flask.Response("ok")

    with app.test_request_context("/", method=method, data=b"{}"):
        response = http.http_endpoint(methods=("POST",))(handler)(flask.request)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.get_json()["error"] == "method_not_allowed"
    assert calls == []


def test_werkzeugs_own_refusals_are_answered_as_json_with_their_status() -> None:
    def handler(request: flask.Request) -> flask.Response:
        raise RequestEntityTooLarge()

    with app.test_request_context("/", method="POST"):
        response = http.http_endpoint()(handler)(flask.request)
    assert response.status_code == 413
    assert response.mimetype == "application/json" and response.get_json()["error"] == "request_entity_too_large"
