"""Structured JSON logs in Cloud Logging's format, with the appeal id as correlation id."""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TextIO

_appeal_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("appeal_id", default=None)

_SEVERITY = {
    logging.DEBUG: "DEBUG",
    logging.INFO: "INFO",
    logging.WARNING: "WARNING",
    logging.ERROR: "ERROR",
    logging.CRITICAL: "CRITICAL",
}
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class CloudLoggingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "severity": _SEVERITY.get(record.levelno, "DEFAULT"),
            "message": record.getMessage(),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "logger": record.name,
            "logging.googleapis.com/sourceLocation": {
                "file": record.pathname,
                "line": record.lineno,
                "function": record.funcName,
            },
        }
        appeal_id = getattr(record, "appeal_id", None) or _appeal_id.get()
        if appeal_id:
            entry["appeal_id"] = appeal_id
            entry["logging.googleapis.com/labels"] = {"appeal_id": appeal_id}
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["stack_trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _stamp_correlation(factory: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    """Records carry the appeal id of the context they were made in, whenever they are formatted."""

    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        if not hasattr(record, "appeal_id"):
            appeal_id = _appeal_id.get()
            if appeal_id:
                record.appeal_id = appeal_id
        return record

    make.otklik_stamp = True  # type: ignore[attr-defined]
    return make


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """JSON lines on stdout (where Cloud Functions collects them), or on `stream` (the CLI: stderr)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "otklik_stamp", False):
        logging.setLogRecordFactory(_stamp_correlation(factory))
    root = logging.getLogger()
    if any(isinstance(h.formatter, CloudLoggingFormatter) for h in root.handlers):
        root.setLevel(level)
        return
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(CloudLoggingFormatter())
    root.addHandler(handler)
    root.setLevel(level)


@contextlib.contextmanager
def correlation(appeal_id: str) -> Iterator[None]:
    token = _appeal_id.set(appeal_id)
    try:
        yield
    finally:
        _appeal_id.reset(token)
