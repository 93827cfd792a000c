"""monthly_report: GET ?town=...&month=2026-06[&format=csv] for supervisor and regional keys."""
from __future__ import annotations

import flask

from otklik.domain.principals import REPORT_READERS
from otklik.entrypoints.bearer_keys import authenticate
from otklik.entrypoints.http import ApiError, json_response
from otklik.services.report import ReportRefused, as_csv
from otklik.wiring import Container


def handle(request: flask.Request, deps: Container) -> flask.Response:
    principal = authenticate(request, deps, serves=REPORT_READERS)
    if request.method != "GET":
        raise ApiError(405, "method_not_allowed", "use GET", headers={"Allow": "GET"})
    town = request.args.get("town") or principal.towns[0]
    month = request.args.get("month", "")
    output = request.args.get("format", "json")
    if output not in ("json", "csv"):
        raise ApiError(400, "invalid_query", "format is json or csv")
    try:
        report = deps.reports.monthly(town, month, principal)
    except PermissionError as error:
        raise ApiError(403, "forbidden", str(error)) from None
    except ReportRefused as error:
        raise ApiError(400, "invalid_query", str(error)) from None
    if output == "csv":
        return flask.Response(as_csv(report), mimetype="text/csv",
                              headers={"Content-Disposition": f'attachment; filename="otklik-{town}-{month}.csv"'})
    return json_response(200, report.model_dump(mode="json"))
