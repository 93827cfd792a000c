"""The monthly report's OpenAPI document (entrypoints/monthly_report.py, services/report.py)."""
from __future__ import annotations

from otklik.openapi.builder import Document, Operation, Reply
from otklik.openapi.common import (
    BEARER_KEY_SCHEMES,
    BEARER_KEY_SECURITY,
    HEADERS,
    UNAUTHENTICATED,
    UNAVAILABLE,
    error,
    servers,
)
from otklik.services.report import MONTH, MonthlyReport

DESCRIPTION = """A town's figures for one month of the region's local time: appeals received and processed, first
response times, deadlines kept and missed, and counts by category group, category, channel and department. For
supervisor and regional keys (`Authorization: Bearer <key>`) of the town. Errors are `{error, message, details?}`."""

PARAMETERS = (
    {"name": "town", "in": "query", "required": False, "description": "Town code; defaults to the key's first town.",
     "schema": {"type": "string"}},
    {"name": "month", "in": "query", "required": True, "description": "The local month, e.g. 2026-06.",
     "schema": {"type": "string", "pattern": MONTH.pattern}},
    {"name": "format", "in": "query", "required": False, "description": "json, or csv: one figure a row "
     "(section, key, value).", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}},
)

OPERATIONS = (
    Operation(
        "GET", "/", "getMonthlyReport", "A town's monthly report",
        parameters=PARAMETERS,
        replies={"200": Reply("The report.", MonthlyReport, headers=("Content-Disposition",),
                              other_content=(("text/csv", {"type": "string"}),)),
                 "400": error("invalid_query: a malformed month or format, or an unknown town."),
                 "401": UNAUTHENTICATED,
                 "403": error("forbidden: not a supervisor or regional key, or not granted the town."),
                 "503": UNAVAILABLE}),
)


def monthly_report_document() -> Document:
    return Document(
        title="Otklik monthly report", version="1.0.0", description=DESCRIPTION,
        servers=servers("monthly_report"), operations=OPERATIONS, headers=HEADERS,
        security_schemes=BEARER_KEY_SCHEMES, security=BEARER_KEY_SECURITY,
    )
