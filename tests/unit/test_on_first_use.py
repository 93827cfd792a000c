"""OnFirstUse: what a cold instance makes only when a request needs it, and only once."""
from __future__ import annotations

import threading
import time

from otklik.on_first_use import OnFirstUse


def test_nothing_is_made_before_the_first_get() -> None:
    made: list[int] = []
    lazy = OnFirstUse(lambda: made.append(1) or len(made))
    assert made == [] and not lazy.made()
    assert lazy.get() == 1 and lazy.get() == 1
    assert made == [1] and lazy.made()


def test_first_requests_arriving_together_make_it_once() -> None:
    made: list[object] = []

    def slow_make() -> object:
        time.sleep(0.05)  # long enough for every thread to ask before the first one is done
        made.append(object())
        return made[-1]

    lazy = OnFirstUse(slow_make)
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(lazy.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert got == made * 8


def test_forgetting_hands_back_the_value_and_the_next_get_makes_a_new_one() -> None:
    counter = iter(range(10))
    lazy = OnFirstUse(lambda: next(counter))
    assert lazy.forget() is None
    assert lazy.get() == 0
    assert lazy.forget() == 0
    assert lazy.get() == 1


def test_a_failed_make_is_tried_again_on_the_next_get() -> None:
    # Routing's background dictionary load may fail; classification then loads it itself.
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("dictionary file unreadable")
        return "analyzer"

    lazy = OnFirstUse(flaky)
    try:
        lazy.get()
    except OSError:
        pass
    assert not lazy.made()
    assert lazy.get() == "analyzer" and len(attempts) == 2
