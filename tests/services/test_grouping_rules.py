"""The rules that let more residents of one outage into its incident (issue 17), as route_appeal and an operator's
triage run them over the fakes: an appeal the classifier read by its street's name, a whole quarter in the dark,
a resident asking when the supply comes back, a street named after "на", and an appeal the classifier could not
decide, grouped by the router or after an operator's triage."""
from __future__ import annotations

import pytest

from otklik.domain.incidents.matching import GroupingPolicy
from otklik.domain.incidents.model import GROUPER
from otklik.domain.model import HistoryAction, Status
from otklik.domain.principals import Principal, Role
from otklik.services import commands
from tests.builders import TOWN
from tests.fakes import TOPICS, Clock, decoded
from tests.services.incident_support import GroupingTown

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))


@pytest.fixture
def town(clock: Clock) -> GroupingTown:
    return GroupingTown(clock)


def power_cut_on_sovetskaya(town: GroupingTown) -> str:
    """Two residents of Ново-Александровск without power; their incident's id."""
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    second = town.writes("Света нет, Советская 10, отключили электричество")
    town.clock.advance(minutes=10)
    incident_id = town.appeal(second).incident_id
    assert incident_id is not None and town.incidents.stored[incident_id].category == "electricity"
    return incident_id


def test_an_appeal_the_classifier_read_by_its_street_s_name_joins_the_outage(town: GroupingTown) -> None:
    incident_id = power_cut_on_sovetskaya(town)

    school_street = town.writes("свет отключили на школьной 15")

    appeal = town.appeal(school_street)
    assert appeal.category == "schools", "the classifier's reading, which grouping does not change"
    assert appeal.incident_id == incident_id
    assert "schools read as electricity" in appeal.history[-1].details["reason"]


def test_a_quarter_in_the_dark_joins_the_power_cut_and_a_dark_lamp_does_not(town: GroupingTown) -> None:
    incident_id = power_cut_on_sovetskaya(town)

    quarter = town.writes("Темно во всём районе, Советская 21")
    lamp = town.writes("Фонарь не горит у дома, Рабочая 7")

    assert town.appeal(quarter).category == "lighting" and town.appeal(quarter).incident_id == incident_id
    assert town.appeal(lamp).incident_id is None


def test_a_resident_asking_when_water_comes_back_joins_the_burst_main(town: GroupingTown) -> None:
    town.writes("Нет воды с утра, ул. Лучистая 12")
    town.clock.advance(minutes=10)
    second = town.writes("Лучистая 4, воды нет, что случилось?")
    town.clock.advance(hours=1)

    asking = town.writes("Когда дадут воду? Лучистая 9")

    assert town.appeal(asking).incident_id == town.appeal(second).incident_id is not None


def test_a_street_named_after_on_at_the_end_is_where_the_outage_is(town: GroupingTown) -> None:
    town.writes("Нет воды с утра, ул. Лучистая 12")
    town.clock.advance(minutes=10)
    second = town.writes("Лучистая 4, воды нет, что случилось?")
    town.clock.advance(hours=1)

    burst = town.writes("Прорвало трубу, вода хлещет на лучистой")

    assert "street:лучист" in town.appeal(burst).place_keys
    assert town.appeal(burst).incident_id == town.appeal(second).incident_id is not None


def test_an_undecided_appeal_about_the_outage_takes_the_incident_s_category_and_department(
        town: GroupingTown) -> None:
    incident_id = power_cut_on_sovetskaya(town)

    undecided = town.writes("Обесточка на Советской 5")

    appeal = town.appeal(undecided)
    incident = town.incidents.stored[incident_id]
    assert appeal.incident_id == incident_id and undecided in incident.member_ids
    assert (appeal.status, appeal.category, appeal.department, appeal.triage_reason) == (
        Status.ROUTED, incident.category, incident.department, None)
    routed_entry, joined_entry = appeal.history[-2:]
    assert (routed_entry.action, routed_entry.actor) == (HistoryAction.ROUTED, GROUPER)
    assert routed_entry.details["previous"]["category"] == "other"
    assert joined_entry.action is HistoryAction.INCIDENT_JOINED
    assert "undecided, its words say electricity" in joined_entry.details["reason"]
    assert incident.history[-1].details["appeal_id"] == undecided
    assert "undecided" in incident.history[-1].details["reason"], "the reason in the incident's history too"
    routed = [body for body in decoded(town.published.published, TOPICS.name(TOPICS.appeal_routed))
              if body["appeal_id"] == undecided]
    assert routed[-1]["department"] == incident.department, "routed as any routed appeal is (hand-offs, figures)"


def test_thanks_and_appeals_that_name_no_outage_stay_in_triage(town: GroupingTown) -> None:
    incident_id = power_cut_on_sovetskaya(town)

    thanks = town.writes("Спасибо, свет дали! Советская 5")
    no_outage = town.writes("Выбило всё в доме и у соседей тоже, Советская 2")

    for appeal_id in (thanks, no_outage):
        assert town.appeal(appeal_id).status is Status.NEEDS_TRIAGE
        assert town.appeal(appeal_id).incident_id is None
    assert len(town.incidents.stored[incident_id].members) == 2


def test_an_appeal_an_operator_triages_is_grouped_as_a_routed_one(town: GroupingTown) -> None:
    early = town.writes("Обесточка на Советской 5")
    assert town.appeal(early).status is Status.NEEDS_TRIAGE, "no outage yet to join"
    town.clock.advance(minutes=5)
    incident_id = power_cut_on_sovetskaya(town)
    assert town.appeal(early).incident_id is None

    triaged = town.work.act(OPERATOR, early, "triage", commands.Triage(category="electricity"))

    assert triaged.place_keys == ("district:ново александровск", "street:советск", "house:советск:5")
    appeal = town.appeal(early)
    assert appeal.incident_id == incident_id
    assert appeal.history[-1].action is HistoryAction.INCIDENT_JOINED
    town.fold()  # fan_out_incident, on the join's message
    assert early in town.incidents.stored[incident_id].member_ids


def a_power_cut_on_two_streets(town: GroupingTown) -> str:
    """Three residents on two streets without power: an area outage's incident, ten minutes old. Its id."""
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    second = town.writes("Света нет, Рабочая 10, отключили электричество")
    town.writes("Нет электричества, Рабочая 14")
    incident_id = town.appeal(second).incident_id
    assert incident_id is not None
    town.clock.advance(minutes=10)
    return incident_id


def test_an_appeal_that_names_no_place_joins_the_town_s_only_power_cut(town: GroupingTown) -> None:
    incident_id = a_power_cut_on_two_streets(town)

    nowhere = town.writes("у нас света нет, провод оборван у старого кинотеатра")

    assert town.appeal(nowhere).incident_id == incident_id
    assert "no place given; the town's only open electricity outage" in town.appeal(nowhere).history[-1].details[
        "reason"]


def test_an_appeal_with_only_coordinates_joins_the_town_s_only_power_cut_reading_no_more(town: GroupingTown) -> None:
    incident_id = a_power_cut_on_two_streets(town)
    town.incidents.reads = 0

    pasted = town.writes("46.9801, 142.7367 у нас света нет")

    assert town.appeal(pasted).incident_id == incident_id
    policy = GroupingPolicy()
    assert town.incidents.reads <= policy.incidents_read + policy.appeals_read + 2
