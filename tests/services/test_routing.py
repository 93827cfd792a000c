"""route_appeal's service: a received appeal is classified and routed, or sent to triage; a resident's next message
in the same chat continues their appeal, confirms or reopens an answered one, or opens a new one."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain.model import Appeal, HistoryAction, Status
from otklik.messages import AppealReceived
from otklik.services.ingest import IngestService
from otklik.services.routing import RouteOutcome, RoutingService
from tests.builders import TOWN, a_message, routed
from tests.fakes import TOPICS, Clock, InMemoryAppeals, RecordingPublisher, configured_towns, decoded, relay


class Town:
    """A resident writing to the town's Telegram bot, and route_appeal handling what arrives."""

    def __init__(self, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
        self.appeals, self.published, self.clock = appeals, published, clock
        self.ingest = IngestService(appeals, relay(appeals, published), clock)
        self.routing = RoutingService(appeals, appeals, configured_towns(), relay(appeals, published), clock)

    def writes(self, text: str, chat: str = "500") -> str:
        """A message in `chat`, stored and routed as the functions do; the appeal id."""
        received = self.ingest.receive(a_message(text, chat=chat, sent_at=self.clock()), TOWN)
        (message,) = [m for m in decoded(self.published.published, TOPICS.name(TOPICS.appeal_received))
                      if m["appeal_id"] == received.appeal_id][-1:]
        self.routing.handle(AppealReceived.model_validate(message))
        return received.appeal_id

    def appeal(self, appeal_id: str) -> Appeal:
        return self.appeals.current(appeal_id)


@pytest.fixture
def town(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> Town:
    return Town(appeals, published, clock)


def test_a_clear_complaint_is_routed_to_its_department_with_a_deadline_and_published(town: Town) -> None:
    appeal = town.appeal(town.writes("Во дворе дома 12 третью неделю не вывозят мусор, контейнеры переполнены"))

    assert (appeal.status, appeal.category, appeal.department) == (Status.ROUTED, "waste", "ecology")
    assert appeal.due_at == appeal.received_at + timedelta(hours=12)
    assert [h.action for h in appeal.history] == [HistoryAction.RECEIVED, HistoryAction.ROUTED]
    (routed_message,) = decoded(town.published.published, TOPICS.name(TOPICS.appeal_routed))
    assert (routed_message["department"], routed_message["status"]) == ("ecology", "routed")
    assert town.appeals.outbox == {appeal.id: {}}, "everything published is cleared from the outbox"


def test_a_greeting_goes_to_triage_not_to_a_department(town: Town) -> None:
    appeal = town.appeal(town.writes("Здравствуйте!"))
    assert (appeal.status, appeal.department) == (Status.NEEDS_TRIAGE, None)


def test_a_redelivered_message_changes_nothing(town: Town) -> None:
    appeal_id = town.writes("Нет горячей воды в доме 5 по ул. Мира")
    before = town.appeal(appeal_id)
    again = AppealReceived(appeal_id=appeal_id, municipality=TOWN, channel=before.channel,
                           received_at=before.received_at)
    assert town.routing.handle(again) is RouteOutcome.ALREADY_HANDLED
    assert town.appeal(appeal_id) == before


def test_a_follow_up_about_the_same_problem_joins_the_open_appeal(town: Town) -> None:
    first = town.writes("Во дворе дома 12 не вывозят мусор")
    town.clock.advance(hours=1)
    follow_up = town.writes("когда уже уберут?")

    assert town.appeal(follow_up).status is Status.MERGED
    assert town.appeal(first).follow_ups == (follow_up,)
    assert "когда уже уберут?" in town.appeal(first).text


def test_a_message_about_another_problem_opens_its_own_appeal_linked_to_the_first(town: Town) -> None:
    first = town.writes("Во дворе дома 12 не вывозят мусор")
    town.clock.advance(hours=1)
    second = town.writes("И ещё на улице Ленина не горят фонари уже неделю")

    assert town.appeal(second).status is Status.ROUTED and town.appeal(second).category == "lighting"
    assert second in town.appeal(first).related_appeals and first in town.appeal(second).related_appeals


def test_a_resident_who_says_it_is_not_solved_reopens_the_answered_appeal(town: Town) -> None:
    first = town.writes("Во дворе дома 12 не вывозят мусор")
    answered = town.appeal(first).changed(
        Status.ANSWERED, town.appeal(first).history[-1].model_copy(update={"action": HistoryAction.ANSWERED_FINAL}),
        answered_at=town.clock(), resolve_after=town.clock() + timedelta(hours=72))
    town.appeals.put(answered)
    town.clock.advance(hours=2)

    town.writes("Ничего не сделали, мусор так и лежит, не решено")

    reopened = town.appeal(first)
    assert (reopened.status, reopened.reopen_count) == (Status.ROUTED, 1)
    assert reopened.due_at == town.clock() + timedelta(hours=12)


def test_a_resident_who_thanks_confirms_the_answered_appeal(town: Town) -> None:
    first = routed(town.appeal(town.writes("Во дворе дома 12 не вывозят мусор")))
    answered = first.changed(Status.ANSWERED, first.history[-1].model_copy(
        update={"action": HistoryAction.ANSWERED_FINAL}), answered_at=town.clock(),
        resolve_after=town.clock() + timedelta(hours=72))
    town.appeals.put(answered)
    town.clock.advance(hours=2)

    town.writes("Спасибо, всё убрали!")

    assert town.appeal(first.id).status is Status.RESOLVED
