"""`python -m otklik dead-letters list|replay` over every dead-letter subscription (services/dead_letters.py), with an
in-memory queue. The Pub/Sub adapter and the CLI are tested on the emulator (tests/e2e/test_dead_letters.py)."""
from __future__ import annotations

import json
import threading
from collections.abc import Sequence

from otklik.services.dead_letters import DeadLetters
from otklik.services.ports import DeadLetter
from otklik.topology import DEAD_LETTER_SUBSCRIPTIONS
from tests.fakes import T0, TOPICS, InMemoryAppeals, RecordingPublisher


class EmptyPullsWait:
    """A queue where, as on Pub/Sub, a pull that finds nothing waits: here until every subscription has been asked
    (or a second has passed, when they are asked one after another, and then it raises BrokenBarrierError)."""

    def __init__(self, waiting: dict[str, list[DeadLetter]]) -> None:
        self.waiting = waiting
        self.acknowledged: list[str] = []
        self._everyone_asked = threading.Barrier(len(DEAD_LETTER_SUBSCRIPTIONS), timeout=1.0)
        self._lock = threading.Lock()
        self._first_pull: set[str] = set()

    def pull(self, subscription: str, limit: int) -> list[DeadLetter]:
        with self._lock:
            first = subscription not in self._first_pull
            self._first_pull.add(subscription)
            held, self.waiting[subscription] = self.waiting.get(subscription, [])[:limit], []
        if first:
            self._everyone_asked.wait()
        return held

    def release(self, subscription: str, ack_ids: Sequence[str]) -> None:
        pass

    def acknowledge(self, subscription: str, ack_ids: Sequence[str]) -> None:
        self.acknowledged += ack_ids


def letter(number: int, appeal_id: str) -> DeadLetter:
    return DeadLetter(ack_id=f"ack-{number}", message_id=f"m-{number}",
                      data=json.dumps({"appeal_id": appeal_id}).encode(),
                      attributes={"appeal_id": appeal_id, "CloudPubSubDeadLetterSourceDeliveryCount": "5"},
                      dead_lettered_at=T0)


def dead_letters(queue: EmptyPullsWait, publisher: RecordingPublisher) -> DeadLetters:
    return DeadLetters(queue, publisher, InMemoryAppeals(), TOPICS, lambda: T0)


def test_every_subscription_is_read_at_once_so_empty_ones_cost_one_wait_not_thirteen() -> None:
    queue = EmptyPullsWait({"route-appeal.dead-letter": [letter(1, "vk-1")],
                            "deliver-reply.dead-letter": [letter(2, "tg-2")]})

    waiting = dead_letters(queue, RecordingPublisher()).waiting()

    assert [(w.subscription, w.appeal_id, w.attempts) for w in waiting] == sorted(
        [("route-appeal.dead-letter", "vk-1", 5), ("deliver-reply.dead-letter", "tg-2", 5)],
        key=lambda row: [s.name for s in DEAD_LETTER_SUBSCRIPTIONS].index(row[0]))


def test_a_replay_reports_each_subscription_and_the_failure_while_the_others_are_replayed() -> None:
    queue = EmptyPullsWait({"route-appeal.dead-letter": [letter(1, "vk-1"), letter(2, "vk-2")],
                            "group-appeal.dead-letter": [letter(3, "ok-3")]})
    publisher = RecordingPublisher()
    publisher.failing.add(TOPICS.name(TOPICS.appeal_routed))

    report = dead_letters(queue, publisher).replay()

    assert report.replayed["route-appeal.dead-letter"] == 2
    assert report.replayed["group-appeal.dead-letter"] == 0
    assert report.failed is not None and "down" in report.failed
    assert sorted(queue.acknowledged) == ["ack-1", "ack-2"], "what was not republished waits, unacknowledged"
    assert set(report.replayed) == {s.name for s in DEAD_LETTER_SUBSCRIPTIONS}
