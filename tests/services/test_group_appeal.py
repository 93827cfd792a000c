"""group_appeal's service (services/group_appeal.py): route_appeal stores where a routed appeal's problem is and
publishes appeal.routed; group_appeal, on routing's first decision, groups the appeal into incidents. Any other
appeal.routed (a triage, a move, a reopening, a decision again after an edit) is ignored, and a redelivery changes
nothing."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from otklik.domain.model import HistoryAction, Status
from otklik.messages import AppealReceived, AppealRouted
from otklik.services.group_appeal import GroupAppealService, GroupOutcome
from otklik.services.grouping import GroupingService
from otklik.services.preparation import THREAD_NAME, Preparation
from tests.builders import TOWN, a_message
from tests.fakes import TOPICS, Clock, decoded
from tests.services.incident_support import GroupingTown


@pytest.fixture
def town(clock: Clock) -> GroupingTown:
    return GroupingTown(clock)


def routed_only(town: GroupingTown, text: str) -> tuple[str, AppealRouted]:
    """A resident's message stored and routed by route_appeal alone; the appeal's id and the appeal.routed it
    published."""
    appeal_id = town.ingest.receive(a_message(text, sent_at=town.clock(), chat=f"c-{len(town.appeals.all)}"),
                                    TOWN).appeal_id
    appeal = town.appeal(appeal_id)
    town.routing.handle(AppealReceived(appeal_id=appeal_id, municipality=appeal.municipality, channel=appeal.channel,
                                       received_at=appeal.received_at))
    (message,) = [AppealRouted.model_validate(m) for m in decoded(town.published.published,
                                                                  TOPICS.name(TOPICS.appeal_routed))
                  if m["appeal_id"] == appeal_id]
    return appeal_id, message


def test_route_appeal_stores_where_the_problem_is_and_leaves_the_grouping_to_group_appeal(
        town: GroupingTown) -> None:
    first, _ = routed_only(town, "Нет воды с утра, ул. Лучистая 12")
    second, routed = routed_only(town, "Лучистая 4, воды нет")

    appeal = town.appeal(second)
    assert appeal.status is Status.ROUTED
    assert appeal.place_keys == ("district:лугов", "street:лучист", "house:лучист:4")
    assert appeal.incident_id is None and town.incidents.stored == {}, "route_appeal groups nothing"
    assert routed.first_routing and routed.attributes()["first_routing"] == "true"

    assert town.group_appeal.handle(routed) is GroupOutcome.GROUPED

    incident_id = town.appeal(second).incident_id
    assert incident_id is not None and town.appeal(first).incident_id == incident_id
    assert town.incidents.stored[incident_id].member_ids == (first, second)
    assert town.appeal(second).history[-1].action is HistoryAction.INCIDENT_JOINED


def test_an_appeal_with_no_incident_for_it_stays_alone(town: GroupingTown) -> None:
    _, routed = routed_only(town, "Нет воды с утра, ул. Лучистая 12")

    assert town.group_appeal.handle(routed) is GroupOutcome.ALONE
    assert town.incidents.stored == {}


def test_a_redelivered_message_groups_nothing_twice(town: GroupingTown) -> None:
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    second, routed = routed_only(town, "Лучистая 4, воды нет")
    assert town.group_appeal.handle(routed) is GroupOutcome.GROUPED
    incident_id = town.appeal(second).incident_id
    assert incident_id is not None

    def state() -> tuple[object, ...]:
        return (town.incidents.stored[incident_id or ""], town.appeal(first), town.appeal(second),
                len(town.published.published))

    before = state()

    assert town.group_appeal.handle(routed) is GroupOutcome.ALREADY_GROUPED

    assert state() == before
    assert len(town.incidents.stored) == 1


def test_placings_other_than_routings_first_decision_are_ignored_without_loading_grouping(clock: Clock) -> None:
    town = GroupingTown(clock)
    made: list[str] = []

    def grouping() -> GroupingService:
        made.append("grouping")
        return town.grouping

    service = GroupAppealService(town.appeals, grouping)
    town.writes("Нет воды с утра, ул. Лучистая 12")
    appeal_id, routed = routed_only(town, "Лучистая 4, воды нет")
    triaged = routed.model_copy(update={"first_routing": False, "changed_at": routed.changed_at + timedelta(hours=1)})

    assert service.handle(triaged) is GroupOutcome.NOT_FIRST_ROUTING
    assert town.appeal(appeal_id).incident_id is None
    assert made == [], "an ignored message loads no grouping"


def test_an_unknown_appeal_is_acknowledged_without_change(town: GroupingTown) -> None:
    _, routed = routed_only(town, "Нет воды с утра, ул. Лучистая 12")
    unknown = routed.model_copy(update={"appeal_id": "tg-000000000000000000000000"})

    assert town.group_appeal.handle(unknown) is GroupOutcome.UNKNOWN_APPEAL
    assert town.incidents.stored == {}


def test_an_undecided_appeal_just_sent_to_triage_joins_the_outage_and_its_placing_is_not_grouped_again(
        town: GroupingTown) -> None:
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    town.writes("Света нет, Советская 10, отключили электричество")
    town.clock.advance(minutes=10)
    appeal_id, routed = routed_only(town, "Обесточка на Советской 5")
    assert routed.status == Status.NEEDS_TRIAGE and routed.first_routing
    published = len(town.published.published)

    assert town.group_appeal.handle(routed) is GroupOutcome.GROUPED

    appeal = town.appeal(appeal_id)
    assert (appeal.status, appeal.category, appeal.incident_id is not None) == (Status.ROUTED, "electricity", True)
    (placed,) = [AppealRouted.model_validate(m) for m in decoded(town.published.published[published:],
                                                                 TOPICS.name(TOPICS.appeal_routed))]
    assert not placed.first_routing, "routed by its outage: a placing group_appeal does not take again"
    assert town.group_appeal.handle(placed) is GroupOutcome.NOT_FIRST_ROUTING


def test_the_first_appeal_to_group_starts_the_preparation_and_an_ignored_message_does_not(clock: Clock) -> None:
    town = GroupingTown(clock)
    prepared: list[str] = []
    service = GroupAppealService(town.appeals, lambda: town.grouping, Preparation([prepared.append]))
    _, routed = routed_only(town, "Нет воды с утра, ул. Лучистая 12")

    service.handle(routed.model_copy(update={"first_routing": False}))
    assert prepared == [], "nothing loaded for a message it ignores"

    service.handle(routed)
    service.handle(routed)
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(5)
    assert prepared == [TOWN], "once, with the appeal's town"
