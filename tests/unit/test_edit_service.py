"""IngestService.edit against in-memory fakes of its ports: where an edit lands when routing folds the message
at the same moment, and what it asks routing to do."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from otklik.domain.followups import FollowUp, merge
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Author, Channel, HistoryEntry, SourceKind, SourceRef, Status
from otklik.services.ingest import AppealPublisher, IngestService
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealWrite
from otklik.settings import Topics

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
TOPICS = Topics(prefix="unit-")


class Appeals:
    """The repository's part an edit uses; `before_transaction` lets a test change what is stored meanwhile."""

    def __init__(self, *appeals: Appeal) -> None:
        self.stored = {a.id: a for a in appeals}
        self.before_transaction: Callable[[], None] | None = None

    def get(self, appeal_id: str) -> Appeal | None:
        return self.stored.get(appeal_id)

    def transact(self, ids: list[str], change: Callable[[dict[str, Appeal | None]], list[AppealWrite]]
                 ) -> list[AppealWrite]:
        if self.before_transaction is not None:
            meanwhile, self.before_transaction = self.before_transaction, None
            meanwhile()
        writes = change({i: self.stored.get(i) for i in ids})
        self.stored |= {w.appeal.id: w.appeal for w in writes}
        return writes

    def delete_message(self, appeal_id: str, message_id: str) -> None:
        pass


class Published:
    def __init__(self) -> None:
        self.topics: list[str] = []

    def publish(self, topic: str, data: bytes, attributes: dict[str, str]) -> str:
        self.topics.append(topic)
        return str(len(self.topics))


def message(text: str, number: int, status: Status = Status.RECEIVED, **changes: Any) -> Appeal:
    event_id = f"100:{number}"
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE,
                       event_id=event_id, chat_id="100", message_id=str(number))
    return Appeal(id=appeal_id_for(Channel.TELEGRAM, "yuzhno", event_id), municipality="yuzhno_sakhalinsk",
                  channel=Channel.TELEGRAM, source=source, author=Author(platform_user_id="100"), text=text,
                  received_at=T0, status=status,
                  history=(HistoryEntry(at=T0, actor="telegram:yuzhno", action="received"),), **changes)


def service(appeals: Appeals, published: Published) -> IngestService:
    return IngestService(appeals, AppealPublisher(appeals, published, "received", lambda: T0),  # type: ignore[arg-type]
                         OutboxRelay(appeals, published, TOPICS), lambda: T0, timedelta(seconds=15))  # type: ignore[arg-type]


def test_an_edit_racing_the_fold_of_its_message_lands_in_the_appeal_it_was_folded_into() -> None:
    first = message("Яма на Ленина", 1, Status.ROUTED, category="roads", department="city_economy")
    follow_up = message("когда почнят?", 2)
    appeals, published = Appeals(first, follow_up), Published()

    def routing_folds_it() -> None:
        folded, merged = merge(follow_up, first, T0, FollowUp.APPEND)
        appeals.stored |= {folded.id: folded, merged.id: merged}

    appeals.before_transaction = routing_folds_it
    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:2", "когда починят?", None)

    assert appeals.stored[follow_up.id].text == "когда починят?"
    assert appeals.stored[first.id].text == "Яма на Ленина\n\nкогда починят?"


def test_an_edit_of_an_unanswered_routed_appeal_asks_routing_to_classify_it_again() -> None:
    routed = message("Яма на Ленина", 1, Status.ROUTED, category="roads", department="city_economy")
    routed = routed.with_entry(HistoryEntry(at=T0, actor="system:router", action="routed"))
    appeals, published = Appeals(routed), Published()

    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:1", "Нет горячей воды", None)

    assert published.topics == [TOPICS.name(TOPICS.appeal_received)]


def test_an_edit_of_a_message_not_yet_routed_asks_nothing_more() -> None:
    appeals, published = Appeals(message("Яма", 1)), Published()
    assert service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:1", "Яма на Ленина", None)
    assert published.topics == [] and appeals.stored[message("", 1).id].text == "Яма на Ленина"


def test_an_edit_of_an_unknown_message_changes_nothing() -> None:
    appeals, published = Appeals(), Published()
    assert not service(appeals, published).edit(Channel.TELEGRAM, "yuzhno", "100:9", "x", None)
    assert appeals.stored == {}
