"""An instance's start, as the garbage collector sees it.

A cold start allocates some 120,000 objects that live as long as the instance (modules, models, clients), and the
collector scans them again and again while they pile up: about 50 ms of every cold start, measured. main.py holds
collection off from its first line; the first answer settles the instance: what is loaded by then is frozen out of
the collector's sight (no later full collection scans it again, ~40 ms each) and collection resumes. The start
leaves only a few hundred unreachable objects behind (measured: 240-260), frozen with the rest."""
from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

_settled = False
R = TypeVar("R")


def hold_collection_until_settled() -> None:
    gc.disable()


def settle_once() -> None:
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
        gc.enable()


def settles_instance(handler: Callable[..., R]) -> Callable[..., R]:
    """For the event-triggered functions: the instance settles once their first event is handled (or failed)."""

    @wraps(handler)
    def settling(*args: object, **kwargs: object) -> R:
        try:
            return handler(*args, **kwargs)
        finally:
            settle_once()

    return settling
