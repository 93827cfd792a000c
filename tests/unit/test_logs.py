"""Logs are one JSON object per line in Cloud Logging's format, correlated by appeal id."""
from __future__ import annotations

import io
import json
import logging
import re

import pytest
from pydantic import ValidationError

from otklik.logs import CloudLoggingFormatter, TerminalFormatter, configure_logging, correlation
from otklik.settings import Settings


def capture(emit) -> dict:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(CloudLoggingFormatter())
    logger = logging.getLogger("test.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return json.loads(stream.getvalue())


def test_entries_carry_severity_message_and_the_appeal_id_as_label() -> None:
    def emit(logger: logging.Logger) -> None:
        with correlation("tg-123"):
            logger.warning("publish failed", extra={"channel": "telegram"})

    entry = capture(emit)
    assert entry["severity"] == "WARNING"
    assert entry["message"] == "publish failed"
    assert entry["appeal_id"] == "tg-123"
    assert entry["logging.googleapis.com/labels"] == {"appeal_id": "tg-123"}
    assert entry["channel"] == "telegram"


def test_outside_a_correlation_there_is_no_appeal_id() -> None:
    entry = capture(lambda logger: logger.info("tick"))
    assert "appeal_id" not in entry and entry["severity"] == "INFO"


def text_line(emit) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TerminalFormatter())
    logger = logging.getLogger("otklik.services.ingest")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_on_a_terminal_an_event_is_one_line_of_time_severity_logger_message_appeal_id_and_fields() -> None:
    def emit(logger: logging.Logger) -> None:
        with correlation("tg-0123456789abcdef01234567"):
            logger.info("appeal stored", extra={"channel": "telegram", "municipality": "yuzhno_sakhalinsk"})

    output = text_line(emit)
    assert output.count("\n") == 1
    assert re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3} INFO +otklik\.services\.ingest: appeal stored  "
                        r"appeal_id=tg-0123456789abcdef01234567 channel=telegram municipality=yuzhno_sakhalinsk\n",
                        output), output


def test_on_a_terminal_control_characters_are_shown_escaped_never_sent_to_it() -> None:
    output = text_line(lambda logger: logger.warning("\x1b[31mred\x1b[0m\nsecond line",
                                                     extra={"reason": "a b\x1b[2J", "count": 3}))
    assert "\x1b" not in output and output.count("\n") == 1
    assert "\\u001b[31mred\\u001b[0m\\nsecond line" in output
    assert 'reason="a b\\u001b[2J" count=3' in output


def test_on_a_terminal_a_stack_trace_follows_its_event_indented() -> None:
    def emit(logger: logging.Logger) -> None:
        try:
            raise ValueError("no such town")
        except ValueError:
            logger.exception("routing failed")

    first, *trace = text_line(emit).splitlines()
    assert first.endswith("routing failed") and " ERROR " in first
    assert trace and all(line.startswith("    ") for line in trace)
    assert trace[-1].strip() == "ValueError: no such town"


def test_json_stays_the_format_unless_the_setting_says_text(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().log_format == "json"
    monkeypatch.setenv("OTKLIK_LOG_FORMAT", "text")
    assert Settings().log_format == "text"
    monkeypatch.setenv("OTKLIK_LOG_FORMAT", "colourful")
    with pytest.raises(ValidationError):
        Settings()


def test_configure_logging_switches_the_root_handler_to_the_format_asked_for() -> None:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        configure_logging("INFO", stream=io.StringIO(), log_format="text")
        ours = [h for h in root.handlers if isinstance(h.formatter, (TerminalFormatter, CloudLoggingFormatter))]
        assert len(ours) == 1 and isinstance(ours[0].formatter, TerminalFormatter)
        configure_logging("INFO", log_format="json")
        assert [type(h.formatter) for h in root.handlers if h in ours] == [CloudLoggingFormatter]
    finally:
        root.handlers[:] = before[0]
        root.setLevel(before[1])
