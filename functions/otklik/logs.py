"""Structured JSON logs in Cloud Logging's format, with the appeal id as correlation id; on a person's terminal
(`make run`), the same records as one readable line each."""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["json", "text"]

_appeal_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("appeal_id", default=None)

_SEVERITY = {
    logging.DEBUG: "DEBUG",
    logging.INFO: "INFO",
    logging.WARNING: "WARNING",
    logging.ERROR: "ERROR",
    logging.CRITICAL: "CRITICAL",
}
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def _extra_fields(record: logging.LogRecord, taken: set[str] | dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The fields a call passed in `extra`, beyond what a record always has."""
    for key, value in vars(record).items():
        if key not in _STANDARD_ATTRS and key not in taken and not key.startswith("_"):
            yield key, value


def _appeal_id_of(record: logging.LogRecord) -> str | None:
    return getattr(record, "appeal_id", None) or _appeal_id.get()


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
        appeal_id = _appeal_id_of(record)
        if appeal_id:
            entry["appeal_id"] = appeal_id
            entry["logging.googleapis.com/labels"] = {"appeal_id": appeal_id}
        entry.update(_extra_fields(record, entry))
        if record.exc_info:
            entry["stack_trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # newlines, and escape sequences a terminal would act on
_NEEDS_QUOTES = re.compile(r"[\s\"=]")


class TerminalFormatter(logging.Formatter):
    """One line per record for a person: local time, severity, logger, message, then the appeal id and the other
    fields as key=value. Control characters are shown escaped, never passed to the terminal. A stack trace follows
    on indented lines."""

    def format(self, record: logging.LogRecord) -> str:
        time = datetime.fromtimestamp(record.created).strftime("%H:%M:%S.%f")[:-3]
        severity = _SEVERITY.get(record.levelno, "DEFAULT")
        fields = {"appeal_id": _appeal_id_of(record)} | dict(_extra_fields(record, {"appeal_id"}))
        shown = " ".join(f"{key}={_field_value(value)}" for key, value in fields.items() if value is not None)
        line = f"{time} {severity:<8} {record.name}: {_escaped(record.getMessage())}"
        if shown:
            line = f"{line}  {shown}"
        if record.exc_info:
            line += "".join(f"\n    {trace_line}" for trace_line in self.formatException(record.exc_info).splitlines())
        return line


def _escaped(text: str) -> str:
    return _UNSAFE.sub(lambda match: json.dumps(match.group())[1:-1], text)


def _field_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if _NEEDS_QUOTES.search(value) or not value else _escaped(value)
    if isinstance(value, (dict, list, tuple)):
        return _escaped(json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":")))
    return _escaped(str(value))


_FORMATTERS: dict[str, type[logging.Formatter]] = {"json": CloudLoggingFormatter, "text": TerminalFormatter}


class _StampingCorrelation:
    """A log record factory around another: records carry the appeal id of the context they were made in,
    whenever they are formatted."""

    def __init__(self, factory: Callable[..., logging.LogRecord]) -> None:
        self._factory = factory

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self._factory(*args, **kwargs)
        if not hasattr(record, "appeal_id"):
            appeal_id = _appeal_id.get()
            if appeal_id:
                record.appeal_id = appeal_id
        return record


def configure_logging(level: str = "INFO", stream: TextIO | None = None, log_format: LogFormat = "json") -> None:
    """JSON lines on stdout (where Cloud Functions collects them), or on `stream` (the CLI: stderr); with
    `log_format="text"`, readable lines for a terminal."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _StampingCorrelation):
        logging.setLogRecordFactory(_StampingCorrelation(factory))
    root = logging.getLogger()
    root.setLevel(level)
    formatter = _FORMATTERS[log_format]()
    ours = [h for h in root.handlers if isinstance(h.formatter, tuple(_FORMATTERS.values()))]
    for handler in ours:
        handler.setFormatter(formatter)
    if ours:
        return
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(formatter)
    root.addHandler(handler)


@contextlib.contextmanager
def correlation(appeal_id: str) -> Iterator[None]:
    token = _appeal_id.set(appeal_id)
    try:
        yield
    finally:
        _appeal_id.reset(token)
