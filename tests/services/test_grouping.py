"""group_appeal groups what route_appeal routes (services/grouping.py): a resident's appeal about a problem others wrote
about joins their incident, or starts one with a similar recent appeal, or stays alone; each step is in the incident's
history and the appeal's, with what matched."""
from __future__ import annotations

import pytest

from otklik.domain.incidents.matching import GroupingPolicy
from otklik.domain.model import Channel, HistoryAction, Status
from otklik.services.ports import StorageUnavailable
from tests.fakes import Clock
from tests.services.incident_support import GroupingTown


@pytest.fixture
def town(clock: Clock) -> GroupingTown:
    return GroupingTown(clock)


def test_the_second_resident_about_a_burst_main_starts_an_incident_with_the_first(town: GroupingTown) -> None:
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    assert town.appeal(first).place_keys == ("district:лугов", "street:лучист", "house:лучист:12"), \
        "routing stores where the problem is"
    assert town.appeal(first).incident_id is None, "alone: nobody else wrote yet"
    town.clock.advance(minutes=20)

    second = town.writes("Прорыв трубы на Дружбы, в Луговом без воды. Дружбы 3", channel=Channel.VK)

    incident_id = town.appeal(second).incident_id
    assert incident_id is not None and town.appeal(first).incident_id == incident_id
    incident = town.incidents.stored[incident_id]
    assert incident.member_ids == (first, second)
    assert (incident.category, incident.department) == ("water", "housing_utilities")
    assert incident.due_at == town.appeal(first).due_at, "the earliest member's deadline"
    (started,) = incident.history
    assert started.action is HistoryAction.INCIDENT_STARTED
    assert started.details["matched"]["place"] == "district"
    assert started.details["matched"]["place_keys"] == ["district:лугов"]
    for member in (first, second):
        entry = town.appeal(member).history[-1]
        assert entry.action is HistoryAction.INCIDENT_JOINED
        assert entry.details["incident_id"] == incident_id and "the same district" in entry.details["reason"]
    assert town.appeal(second).status is Status.ROUTED, "grouping changes no appeal's status"


def test_later_residents_join_the_open_incident(town: GroupingTown) -> None:
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    town.clock.advance(minutes=10)
    second = town.writes("Лучистая 4, воды нет, что случилось?")
    town.clock.advance(hours=2)

    third = town.writes("вады нет!!! на Дружбы у пятого дома когда дадут воду", channel=Channel.OK)

    incident_id = town.appeal(first).incident_id
    assert incident_id is not None
    assert town.incidents.stored[incident_id].member_ids == (first, second, third)
    joined = town.incidents.stored[incident_id].history[-1]
    assert (joined.action, joined.details["appeal_id"]) == (HistoryAction.INCIDENT_JOINED, third)
    assert "joined the incident" in joined.details["reason"]


def test_an_unrelated_appeal_in_the_same_hours_stays_alone(town: GroupingTown) -> None:
    town.writes("Нет воды с утра, ул. Лучистая 12")
    town.writes("Лучистая 4, воды нет")
    town.clock.advance(minutes=30)

    elsewhere = town.writes("Течёт труба в подвале, ул. Ленина 5")
    leak_here = town.writes("Течёт кран в подвале, Лучистая 9, уже неделю")

    assert town.appeal(elsewhere).incident_id is None
    assert town.appeal(leak_here).incident_id is None, "a house's own fault is not the district's outage"


def test_a_redelivered_message_groups_nothing_twice(town: GroupingTown) -> None:
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    second = town.writes("Лучистая 4, воды нет")
    incident_id = town.appeal(second).incident_id
    assert incident_id is not None
    before = (town.incidents.stored[incident_id], town.appeal(first), town.appeal(second))

    town.route(second)
    town.route(first)

    assert (town.incidents.stored[incident_id], town.appeal(first), town.appeal(second)) == before
    assert len(town.incidents.stored) == 1


def test_grouping_that_failed_after_routing_happens_on_the_redelivery(town: GroupingTown) -> None:
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    failing = town.incidents.transact
    published = len(town.published.published)

    def unavailable(*args: object, **kwargs: object) -> object:
        raise StorageUnavailable("Firestore is down")

    town.incidents.transact = unavailable  # type: ignore[method-assign]
    with pytest.raises(StorageUnavailable):
        town.writes("Лучистая 4, воды нет")
    (second,) = [a.id for a in town.appeals.all if a.id != first]
    assert town.appeal(second).status is Status.ROUTED and town.appeal(second).incident_id is None
    town.incidents.transact = failing  # type: ignore[method-assign]

    town.route(second)  # Pub/Sub delivers route_appeal's message again: it was routed, nothing to publish again
    assert town.appeal(second).incident_id is None, "grouping is group_appeal's"
    town.group_routed(published)  # and group_appeal's appeal.routed, whose grouping failed

    assert town.appeal(second).incident_id is not None
    assert town.appeal(second).incident_id == town.appeal(first).incident_id


def test_the_documents_read_per_new_appeal_do_not_grow_with_unrelated_open_appeals(clock: Clock) -> None:
    def reads_for_one_more_appeal(unrelated: int) -> int:
        town = GroupingTown(Clock(clock()), GroupingPolicy(incidents_read=5, appeals_read=5))
        for number in range(unrelated):
            town.writes(f"Нет воды, ул. Ленина {number + 1}")  # same town and category, another district
        for number in range(30):
            town.writes(f"Нет воды, ул. Лучистая {number + 1}")  # the same district: more than a query reads
        town.incidents.reads = 0
        town.writes("Нет воды, Лучистая 99")
        return town.incidents.reads

    few, many = reads_for_one_more_appeal(10), reads_for_one_more_appeal(300)

    assert few == many
    assert many <= 5 + 5 + 2, "one bounded query of each kind, then the incident and the appeal"
