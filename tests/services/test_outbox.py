"""The outbox relay: the one way messages leave. A change's messages are published right after its commit and
cleared; what cannot be published waits for the sweep; a request that committed never fails afterwards."""
from __future__ import annotations

from otklik.services.events import write
from otklik.services.ports import StorageUnavailable
from tests.builders import an_appeal
from tests.fakes import TOPICS, InMemoryAppeals, RecordingPublisher, relay


def test_a_new_appeals_message_is_published_once_and_cleared(appeals: InMemoryAppeals,
                                                              published: RecordingPublisher) -> None:
    created = write(None, an_appeal())
    assert appeals.add(created)

    assert relay(appeals, published).publish([created]) == 1
    assert relay(appeals, published).flush(created.appeal.id) == 0, "nothing left to publish again"
    assert published.topics() == [TOPICS.name(TOPICS.appeal_received)]


def test_a_message_that_cannot_be_published_stays_for_the_sweep(appeals: InMemoryAppeals,
                                                                 published: RecordingPublisher) -> None:
    created = write(None, an_appeal())
    appeals.add(created)
    published.failing = {TOPICS.name(TOPICS.appeal_received)}

    assert relay(appeals, published).publish([created]) == 0

    assert [m.topic for m in appeals.pending_messages(created.appeal.id)] == ["appeal_received"]


def test_a_published_message_that_cannot_be_cleared_does_not_fail_the_committed_change(
        published: RecordingPublisher) -> None:
    class StoreGoneAfterCommit(InMemoryAppeals):
        def delete_message(self, appeal_id: str, message_id: str) -> None:
            raise StorageUnavailable("the store went away")

    appeals = StoreGoneAfterCommit()
    created = write(None, an_appeal())
    appeals.add(created)

    assert relay(appeals, published).publish([created]) == 1
    assert len(appeals.pending_messages(created.appeal.id)) == 1, "left for the sweep, which publishes it again"
