"""Logs are one JSON object per line in Cloud Logging's format, correlated by appeal id."""
from __future__ import annotations

import io
import json
import logging

from otklik.logs import CloudLoggingFormatter, correlation


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
