"""Which OpenAPI document describes which HTTP functions: every function of topology.HTTP_FUNCTIONS is in one."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from otklik.openapi.builder import Document, Operation
from otklik.openapi.console import console_document
from otklik.openapi.monthly_report import monthly_report_document
from otklik.openapi.open311 import open311_document
from otklik.openapi.operator_api import operator_api_document
from otklik.openapi.regional import regional_document
from otklik.openapi.webhooks import webhooks_document


@dataclass(frozen=True)
class HttpApi:
    """An OpenAPI document and the functions it describes. A document of several functions has the host as its
    server, and each path starts with its function's name."""

    file_name: str
    document: Callable[[], Document]
    functions: tuple[str, ...]

    def function_of(self, operation: Operation) -> str:
        if len(self.functions) == 1:
            return self.functions[0]
        function = operation.path.split("/")[1]
        if function not in self.functions:
            raise ValueError(f"{self.file_name}: {operation.path} does not start with one of {self.functions}")
        return function


HTTP_APIS: tuple[HttpApi, ...] = (
    HttpApi("regional_api.openapi.json", regional_document, ("regional_api",)),
    HttpApi("open311.openapi.json", open311_document, ("open311",)),
    HttpApi("operator_api.openapi.json", operator_api_document, ("operator_api",)),
    HttpApi("monthly_report.openapi.json", monthly_report_document, ("monthly_report",)),
    HttpApi("console.openapi.json", console_document, ("console",)),
    HttpApi("webhooks.openapi.json", webhooks_document, ("vk_webhook", "telegram_webhook", "ok_webhook",
                                                         "max_webhook")),
)
