"""A first message's preparation (services/preparation.py): its steps run once, on a thread of their own, in order,
given the message's town; a step that fails does not stop the others (the handling meets the failure itself)."""
from __future__ import annotations

import threading

from otklik.services.preparation import THREAD_NAME, Preparation


def test_the_steps_run_once_on_a_thread_in_order_with_the_town() -> None:
    ran: list[tuple[str, str, str]] = []

    def step(name: str) -> object:
        return lambda town: ran.append((name, town, threading.current_thread().name))

    preparation = Preparation([step("dictionary"), step("model")])

    thread = preparation.start("yuzhno_sakhalinsk")
    assert thread is not None
    thread.join(5)

    assert ran == [("dictionary", "yuzhno_sakhalinsk", THREAD_NAME), ("model", "yuzhno_sakhalinsk", THREAD_NAME)]
    assert preparation.start("korsakov") is None, "only the first message starts it"
    assert len(ran) == 2


def test_a_failing_step_leaves_the_next_ones_to_run() -> None:
    ran: list[str] = []

    def failing(town: str) -> object:
        raise RuntimeError("Firestore is down")

    thread = Preparation([failing, ran.append]).start("aniva")
    assert thread is not None
    thread.join(5)

    assert ran == ["aniva"]
