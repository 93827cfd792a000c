"""IngestService.edit against in-memory fakes of its ports: where an edit lands when routing folds the message
at the same moment, and what it asks routing to do."""
from __future__ import annotations

from otklik.domain.followups import FollowUp, merge
from otklik.domain.model import Appeal, Channel, Status
from otklik.services.ingest import IngestService
from tests.builders import an_appeal, routed
from tests.fakes import T0, TOPICS, InMemoryAppeals, RecordingPublisher, relay


def message(text: str, number: int, status: Status = Status.RECEIVED) -> Appeal:
    return an_appeal(text, chat="100", number=number, author="100", status=status)


def service(appeals: InMemoryAppeals, published: RecordingPublisher) -> IngestService:
    return IngestService(appeals, relay(appeals, published), lambda: T0)


def test_an_edit_racing_the_fold_of_its_message_lands_in_the_appeal_it_was_folded_into() -> None:
    first = routed(message("Яма на Ленина", 1))
    follow_up = message("когда почнят?", 2)
    appeals, published = InMemoryAppeals(first, follow_up), RecordingPublisher()

    def routing_folds_it() -> None:
        folded, merged = merge(follow_up, first, T0, FollowUp.APPEND)
        appeals.put(folded, merged)

    appeals.before_transaction = routing_folds_it
    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:2", "когда починят?", None)

    assert appeals.current(follow_up.id).text == "когда починят?"
    assert appeals.current(first.id).text == "Яма на Ленина\n\nкогда починят?"


def test_an_edit_of_an_unanswered_routed_appeal_asks_routing_to_classify_it_again() -> None:
    appeals, published = InMemoryAppeals(routed(message("Яма на Ленина", 1))), RecordingPublisher()

    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:1", "Нет горячей воды", None)

    assert published.topics() == [TOPICS.name(TOPICS.appeal_received)]


def test_an_edit_of_a_message_not_yet_routed_asks_nothing_more() -> None:
    appeals, published = InMemoryAppeals(message("Яма", 1)), RecordingPublisher()
    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:1", "Яма на Ленина", None)
    assert published.topics() == [] and appeals.current(message("", 1).id).text == "Яма на Ленина"


def test_an_edit_of_an_unknown_message_changes_nothing() -> None:
    appeals, published = InMemoryAppeals(), RecordingPublisher()
    assert not service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:9", "x", None)
    assert appeals.all == []
