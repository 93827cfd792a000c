"""A cold instance's first message: what its handling will load anyway (the morphology dictionary, the Pub/Sub
library and client, a town's learned model or its streets' patterns) is loaded on a thread while the message's first
Firestore reads run, instead of one after the other after those round trips. Each step is made once per process
by its own code (OnFirstUse, locks): the handling that needs it first waits for it or makes it, never twice.

A step that fails is left to the handling, which meets the same failure where it is handled (a Firestore read that
fails there is retried by Pub/Sub); here it is only logged at DEBUG."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)
THREAD_NAME = "prepare-first-message"

# A step: given the message's town, loads something its handling will use.
Step = Callable[[str], object]


class Preparation:
    """Started by a service's first message; later messages start nothing."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self._steps: tuple[Step, ...] = tuple(steps)
        self._lock = threading.Lock()

    def start(self, town: str) -> threading.Thread | None:
        """The thread running the steps for `town`, on the first call only; None after."""
        with self._lock:
            steps, self._steps = self._steps, ()
        if not steps:
            return None
        thread = threading.Thread(target=_run, args=(steps, town), name=THREAD_NAME, daemon=True)
        thread.start()
        return thread


def _run(steps: tuple[Step, ...], town: str) -> None:
    for step in steps:
        try:
            step(town)
        except Exception:  # the handling meets (and reports) the same failure itself
            log.debug("a preparation step failed; the handling does it itself", exc_info=True)
