"""A person's request taken once however often it comes (an Idempotency-Key, a form posted twice): the history
entries it writes keep a mark of it, and an answer's id comes from it. Appeals and incidents alike."""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

from otklik.domain.model import Answer, HistoryEntry

REQUEST_MARK = "request"


def request_mark(subject_id: str, action: str, idempotency_key: str | None) -> str | None:
    """What the history entries of an action keep of its Idempotency-Key, to know the request when it comes again."""
    if idempotency_key is None:
        return None
    return hashlib.sha256(f"{subject_id}\x1f{action}\x1f{idempotency_key}".encode()).hexdigest()[:20]


def answer_id(subject_id: str, idempotency_key: str | None) -> str:
    """The answer's id: the same for the same key, so an answer posted again is found, not given twice."""
    key = idempotency_key or uuid.uuid4().hex
    return "ans-" + hashlib.sha256(f"{subject_id}\x1f{key}".encode()).hexdigest()[:20]


def done_before(answers: Sequence[Answer], history: Sequence[HistoryEntry], answer: str | None,
                mark: str | None) -> bool:
    """Whether the request was carried out already: its answer given, or its mark in the history."""
    if answer and any(a.id == answer for a in answers):
        return True
    return mark is not None and any(e.details.get(REQUEST_MARK) == mark for e in history)


def marked(history: tuple[HistoryEntry, ...], first_new: int, mark: str | None) -> tuple[HistoryEntry, ...]:
    """The history with the request's mark on the entries it added (from `first_new` on)."""
    if mark is None:
        return history
    new = tuple(e.model_copy(update={"details": e.details | {REQUEST_MARK: mark}}) for e in history[first_new:])
    return (*history[:first_new], *new)
