"""Dead letters mark their appeals where operators look: a routing that kept failing sends the appeal to triage, a
callback the regional centre never got is listed as not delivered, each once, each counted by one log line."""
from __future__ import annotations

import logging

import pytest

from otklik.domain.model import Appeal, Channel, HistoryAction, HistoryEntry, Status
from otklik.messages import AppealReceived, RegionalCallback
from otklik.regional.clients import RegionalClient
from otklik.services.dead_letter_marks import DEAD_LETTER_MARKED, CallbackDeadLetters, RoutingDeadLetters
from otklik.services.ports import AppealWrite, HttpAnswer
from otklik.services.queries import AppealQuery
from otklik.services.regional_callbacks import RegionalCallbacks
from otklik.services.routing import RouteOutcome, RoutingService
from tests.builders import TOWN, a_regional_appeal, an_appeal, routed
from tests.fakes import TOPICS, Clock, InMemoryAppeals, RecordingPublisher, Secrets, configured_towns, decoded, relay

CENTRE = "cur-sakhalin"


def received_message(appeal: Appeal) -> AppealReceived:
    return AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                          received_at=appeal.received_at)


def marks(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int | None]]:
    return [(r.dead_letter, r.attempts) for r in caplog.records  # type: ignore[attr-defined]
            if r.getMessage() == DEAD_LETTER_MARKED]


def listed(appeals: InMemoryAppeals, **flag: bool) -> list[str]:
    found, _ = appeals.search(AppealQuery(municipality=TOWN, **flag))
    return [a.id for a in found]


# Routing.

def test_a_received_appeal_whose_routing_kept_failing_goes_to_triage_marked_and_counted(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock,
        caplog: pytest.LogCaptureFixture) -> None:
    appeal = an_appeal()
    appeals.add(AppealWrite(appeal))
    caplog.set_level(logging.INFO)

    assert RoutingDeadLetters(appeals, relay(appeals, published), clock).give_up(received_message(appeal), 5)

    marked = appeals.current(appeal.id)
    assert (marked.status, marked.triage_reason) == (Status.NEEDS_TRIAGE, "routing failed")
    assert marked.history[-1].action is HistoryAction.ROUTING_FAILED
    assert marked.history[-1].details["attempts"] == 5
    (routed_message,) = decoded(published.published, TOPICS.name(TOPICS.appeal_routed))
    assert routed_message["status"] == "needs_triage"
    assert listed(appeals, routing_failed=True) == [appeal.id]
    assert listed(appeals, routing_failed=False) == []
    assert marks(caplog) == [("route-appeal", 5)]


def test_a_routing_dead_letter_delivered_again_changes_nothing(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock,
        caplog: pytest.LogCaptureFixture) -> None:
    appeal = an_appeal()
    appeals.add(AppealWrite(appeal))
    dead_letters = RoutingDeadLetters(appeals, relay(appeals, published), clock)
    dead_letters.give_up(received_message(appeal), 5)
    marked = appeals.current(appeal.id)
    caplog.clear()

    clock.advance(minutes=1)
    assert not dead_letters.give_up(received_message(appeal), 5)

    assert appeals.current(appeal.id) == marked
    assert marks(caplog) == []


def test_a_routed_appeal_needs_no_mark(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeal = routed(an_appeal())
    appeals.add(AppealWrite(appeal))

    assert not RoutingDeadLetters(appeals, relay(appeals, published), clock).give_up(received_message(appeal), 5)
    assert appeals.current(appeal.id) == appeal


def test_its_replayed_appeal_received_routes_it_and_the_mark_goes(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeal = an_appeal("Во дворе дома 12 третью неделю не вывозят мусор, контейнеры переполнены")
    appeals.add(AppealWrite(appeal))
    RoutingDeadLetters(appeals, relay(appeals, published), clock).give_up(received_message(appeal), 5)

    routing = RoutingService(appeals, appeals, configured_towns(), relay(appeals, published), clock)
    assert routing.handle(received_message(appeal)) is RouteOutcome.REROUTED

    rerouted = appeals.current(appeal.id)
    assert (rerouted.status, rerouted.department, rerouted.triage_reason) == (Status.ROUTED, "ecology", None)
    assert listed(appeals, routing_failed=True) == []


# Callbacks.

class Centre:
    """The regional centre's one client, answering callbacks with `status`."""

    def __init__(self) -> None:
        self.status = 503
        self.client = RegionalClient(id=CENTRE, name="ЦУР", secret_ref="cur-secret", towns=(TOWN,),
                                     callback_url="https://cur.example/callbacks")

    def get(self, client_id: str) -> RegionalClient | None:
        return self.client if client_id == CENTRE else None

    def granted(self, town: str) -> list[RegionalClient]:
        return [self.client]

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer:
        return HttpAnswer(status_code=self.status)


def escalated(appeal: Appeal, at_entry: int) -> RegionalCallback:
    return RegionalCallback(event_id=f"{appeal.id}/{at_entry}/callback", event_type="escalated", appeal_id=appeal.id,
                            client_id=CENTRE, regional_id=appeal.source.event_id, municipality=TOWN,
                            status=str(appeal.status), occurred_at=appeal.received_at)


def test_a_callback_whose_retries_ran_out_is_listed_until_a_replayed_delivery_gets_through(
        appeals: InMemoryAppeals, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    appeal = routed(a_regional_appeal(centre=CENTRE))
    assert appeal.channel is Channel.REGIONAL
    appeals.add(AppealWrite(appeal))
    callback = escalated(appeal, 2)
    centre = Centre()
    callbacks = RegionalCallbacks(appeals, centre, Secrets(**{"cur-secret": "s"}), centre, clock)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            callbacks.deliver(callback)
    caplog.set_level(logging.INFO)

    assert CallbackDeadLetters(appeals, clock).give_up(callback, 50)

    marked = appeals.current(appeal.id)
    assert marked.undelivered_callbacks == (callback.event_id,)
    entry = marked.history[-1]
    assert entry.action is HistoryAction.CALLBACK_NOT_DELIVERED
    assert entry.details == {"event_id": callback.event_id, "event_type": "escalated", "client_ids": [CENTRE],
                                  "attempts": 50, "last_error": f"{CENTRE}: HTTP 503"}
    assert listed(appeals, callback_not_delivered=True) == [appeal.id]
    assert marks(caplog) == [("deliver-regional-callback", 50)]
    assert not CallbackDeadLetters(appeals, clock).give_up(callback, 50), "a dead letter delivered again"
    assert appeals.current(appeal.id) == marked

    centre.status = 200
    callbacks.deliver(callback)  # the replayed callback
    assert appeals.current(appeal.id).undelivered_callbacks == ()
    assert listed(appeals, callback_not_delivered=True) == []


def test_a_callback_that_reached_the_centre_on_its_last_attempt_needs_no_mark(
        appeals: InMemoryAppeals, clock: Clock) -> None:
    appeal = routed(a_regional_appeal(centre=CENTRE))
    callback = escalated(appeal, 2)
    delivered = appeal.with_entry(HistoryEntry(at=clock(), actor="system:regional_callback",
                                               action=HistoryAction.CALLBACK_DELIVERED,
                                               details={"event_id": callback.event_id, "client_id": CENTRE}))
    appeals.add(AppealWrite(delivered))

    assert not CallbackDeadLetters(appeals, clock).give_up(callback, 50)
    assert appeals.current(appeal.id) == delivered


def test_a_routed_appeal_whose_edited_text_could_not_be_classified_stays_with_its_department_marked(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeal = routed(an_appeal())
    edited = appeal.with_entry(HistoryEntry(at=clock(), actor="resident:1", action=HistoryAction.TEXT_EDITED),
                               text="Во дворе не вывозят мусор")
    appeals.add(AppealWrite(edited))

    assert RoutingDeadLetters(appeals, relay(appeals, published), clock).give_up(received_message(edited), 5)

    marked = appeals.current(appeal.id)
    assert (marked.status, marked.department) == (Status.ROUTED, "city_economy")
    assert listed(appeals, routing_failed=True) == [appeal.id]
    assert decoded(published.published, TOPICS.name(TOPICS.appeal_routed)) == [], "it has not moved"
