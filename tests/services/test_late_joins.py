"""The late join (issue 17, domain/incidents/late.py): residents who wrote before their outage's incident existed
stayed alone, or undecided in triage; when the incident becomes an outage of an area (two streets, three residents)
or doubles its members, grouping looks back at a few of the town's recent appeals and joins those the rules of a
new appeal would join, saying so in both histories."""
from __future__ import annotations

import pytest

from otklik.domain.incidents.matching import GroupingPolicy
from otklik.domain.incidents.model import IncidentStatus
from otklik.domain.incidents.places import UNPLACED
from otklik.domain.model import HistoryAction, Status
from tests.fakes import Clock
from tests.services.incident_support import GroupingTown


@pytest.fixture
def town(clock: Clock) -> GroupingTown:
    return GroupingTown(clock)


def a_power_cut_on_two_streets(town: GroupingTown) -> str:
    """Three residents on Советская and Рабочая without power: an area outage's incident, once the third writes. Its
    id."""
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    second = town.writes("Света нет, Советская 10, отключили электричество")
    town.clock.advance(minutes=5)
    town.writes("Нет электричества, Рабочая 14")
    incident_id = town.appeal(second).incident_id
    assert incident_id is not None
    return incident_id


def test_an_appeal_that_named_no_place_before_the_outage_was_known_joins_it_late(town: GroupingTown) -> None:
    nowhere = town.writes("у нас света нет, провод оборван у старого кинотеатра")
    assert town.appeal(nowhere).place_keys == (UNPLACED,), "stored so that a late join finds it"
    assert town.appeal(nowhere).incident_id is None, "no outage yet to join"
    town.clock.advance(minutes=10)

    incident_id = a_power_cut_on_two_streets(town)

    appeal = town.appeal(nowhere)
    incident = town.incidents.stored[incident_id]
    assert appeal.incident_id == incident_id and nowhere in incident.member_ids
    entry = appeal.history[-1]
    assert entry.action is HistoryAction.INCIDENT_JOINED
    assert entry.details["reason"].startswith("joined late: ")
    assert "the town's only open electricity outage" in entry.details["reason"]
    joined = [e for e in incident.history if e.details.get("appeal_id") == nowhere]
    assert joined and joined[-1].details["reason"].startswith("joined late: "), "the reason in the incident's history"
    assert UNPLACED not in incident.place_keys, "UNPLACED is no place of the incident's"


def test_an_undecided_appeal_at_the_outage_s_street_joins_late_and_takes_its_category(town: GroupingTown) -> None:
    early = town.writes("Обесточка на Рабочей 5")
    assert town.appeal(early).status is Status.NEEDS_TRIAGE, "no outage yet to join"
    town.clock.advance(minutes=10)

    incident_id = a_power_cut_on_two_streets(town)

    appeal = town.appeal(early)
    incident = town.incidents.stored[incident_id]
    assert appeal.incident_id == incident_id and early in incident.member_ids
    assert (appeal.status, appeal.category, appeal.department, appeal.triage_reason) == (
        Status.ROUTED, incident.category, incident.department, None)
    routed_entry, joined_entry = appeal.history[-2:]
    assert routed_entry.action is HistoryAction.ROUTED
    assert joined_entry.details["reason"].startswith("joined late: ")
    assert "undecided, its words say electricity" in joined_entry.details["reason"]


def test_an_undecided_appeal_naming_no_place_joins_late_as_on_arrival_and_one_of_no_outage_stays_in_triage(
        town: GroupingTown) -> None:
    nowhere = town.writes("Обесточка у нас")
    no_outage = town.writes("Выбило всё в доме и у соседей тоже, Рабочая 2")
    town.clock.advance(minutes=10)

    incident_id = a_power_cut_on_two_streets(town)
    arriving_now = town.writes("Обесточка у нас")

    assert town.appeal(arriving_now).incident_id == incident_id, "the town's only outage, on arrival"
    assert town.appeal(nowhere).incident_id == incident_id, "and late, by the same rule"
    assert town.appeal(nowhere).history[-1].details["reason"].startswith("joined late: ")
    assert town.appeal(no_outage).status is Status.NEEDS_TRIAGE
    assert town.appeal(no_outage).incident_id is None


def test_an_incident_on_one_street_of_two_residents_looks_back_at_nothing(town: GroupingTown) -> None:
    early = town.writes("Обесточка на Советской 5")
    town.clock.advance(minutes=10)
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    town.incidents.reads = 0

    second = town.writes("Света нет, Советская 10, отключили электричество")

    assert town.appeal(second).incident_id is not None
    assert town.appeal(early).incident_id is None, "not yet an outage of an area: no look back"


def test_a_look_back_reads_a_bounded_number_of_appeals_however_many_wrote_before(town: GroupingTown) -> None:
    policy = GroupingPolicy()
    for house in range(1, 41):
        town.writes(f"Кран в ванной течёт, Рабочая {house}")  # alone at the incident's street: a look back's reads
        town.clock.advance(minutes=1)
    town.writes("Нет света на Советской 3")
    town.clock.advance(minutes=10)
    town.writes("Света нет, Советская 10, отключили электричество")
    town.clock.advance(minutes=5)
    town.incidents.reads = 0

    third = town.writes("Нет электричества, Рабочая 14")

    assert town.appeal(third).incident_id is not None
    new_appeal = policy.incidents_read + policy.appeals_read + 2
    look_back = policy.late_join_read + policy.late_undecided_read + policy.town_incidents_read
    assert new_appeal < town.incidents.reads <= new_appeal + look_back, "it looked back, reading at most this many"


def test_a_small_incident_of_the_outage_s_first_residents_is_merged_into_it_late(town: GroupingTown) -> None:
    """Two residents of Лучистая whose water came back dirty started an incident before the outage's was known (no
    outage in their incident's words, so the outage's first residents did not join it); when the outage's incident on
    Лучистая and Дружбы doubles, the small one, each of whose members would join it now, is merged into it: 'merged
    late' in the incidents' histories and the members'."""
    first = town.writes("Вода появилась, но ржавая, Лучистая 3")
    town.clock.advance(minutes=5)
    town.writes("Вода пошла мутная, с песком, Лучистая 5")
    small_id = town.appeal(first).incident_id
    assert small_id is not None
    town.clock.advance(minutes=10)
    town.writes("Нет воды, Лучистая 10")
    town.clock.advance(minutes=5)
    second = town.writes("Воды нет, Лучистая 12")
    outage_id = town.appeal(second).incident_id
    assert outage_id not in (None, small_id), "the dirty water's incident is no outage to join"
    for text in ("нет воды, Дружбы 14", "Воды нет, Дружбы 20"):
        town.clock.advance(minutes=5)
        town.writes(text)

    small, outage = town.incidents.stored[small_id], town.incidents.stored[outage_id or ""]
    assert small.status is IncidentStatus.MERGED and small.merged_into == outage_id
    assert first in outage.member_ids and town.appeal(first).incident_id == outage_id
    merged = [e for e in outage.history if e.action is HistoryAction.INCIDENTS_MERGED]
    assert merged and merged[-1].details["reason"].startswith("merged late: ")
    assert town.appeal(first).history[-1].details["reason"].startswith("merged late: ")


def test_a_small_incident_of_another_problem_or_of_other_streets_is_not_merged(town: GroupingTown) -> None:
    """A power cut's pair beside the water's outage; two residents on Дружбы whose water came back dirty beside an
    outage seen on Лучистая only: streets of their own, the district's other problem."""
    power = town.writes("Нет света, Лучистая 3")
    town.clock.advance(minutes=5)
    town.writes("Света нет на Лучистой 5")
    dirty = town.writes("Вода появилась, но ржавая, Дружбы 3")
    town.clock.advance(minutes=5)
    town.writes("Вода пошла мутная, с песком, Дружбы 5")
    for text in ("Нет воды, Лучистая 10", "Воды нет, Лучистая 12", "нет воды, Лучистая 14", "Воды нет, Лучистая 20"):
        town.clock.advance(minutes=5)
        town.writes(text)

    for appeal_id in (power, dirty):
        small_id = town.appeal(appeal_id).incident_id
        assert small_id is not None and town.incidents.stored[small_id].status is not IncidentStatus.MERGED
