"""Incidents in Firestore (adapters/firestore_incidents.py) on the emulator: group_appeal's grouping writes the
incident and its members' appeals in one transaction, a later join writes only its appeal and a pending join that
fan_out_incident folds into the incident, and the candidate queries read a bounded number of documents whatever
the number of open appeals."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from otklik.domain.incidents.categories import UTILITIES_FAMILY
from otklik.domain.incidents.places import UNPLACED
from otklik.domain.incidents.undecided import UNDECIDED_FAMILY
from otklik.domain.model import Appeal, HistoryAction
from otklik.messages import AppealReceived, AppealRouted, IncidentFanOut
from otklik.services.events import outbox_messages, write
from tests.builders import TOWN, an_appeal, routed
from tests.conftest import Stack, seed_towns


def store_and_route(stack: Stack, text: str) -> str:
    """Stored, routed by route_appeal's service, then grouped by group_appeal's on the appeal.routed routing
    published (as its routed appeal gives it)."""
    appeal = an_appeal(text, received_at=datetime.now(UTC))
    assert stack.deps.appeals.add(write(None, appeal))
    stack.deps.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality,
                                             channel=appeal.channel, received_at=appeal.received_at))
    routed = stack.deps.appeals.get(appeal.id)
    assert routed is not None
    for message in outbox_messages(appeal, routed):
        if message.topic == "appeal_routed":
            stack.deps.group_appeal.handle(AppealRouted.model_validate(message.body))
    return appeal.id


def open_water_appeal(text: str, place_keys: tuple[str, ...], received_at: datetime) -> Appeal:
    appeal = routed(an_appeal(text, received_at=received_at), category="water", department="housing_utilities")
    return appeal.model_copy(update={"place_keys": place_keys})


def test_group_appeal_starts_and_grows_an_incident_in_firestore(stack: Stack) -> None:
    seed_towns(stack)
    first = store_and_route(stack, "Нет воды с утра, ул. Лучистая 12")
    second = store_and_route(stack, "Прорыв трубы на Дружбы, в Луговом без воды. Дружбы 3")
    third = store_and_route(stack, "воды нет, Лучистая 40, когда дадут")

    appeals = {i: stack.deps.appeals.get(i) for i in (first, second, third)}
    incident_id = appeals[first].incident_id if appeals[first] else None
    assert incident_id is not None
    incident = stack.deps.incidents.get(incident_id)
    assert incident is not None and incident.member_ids == (first, second), "a join does not write the incident"
    (pending,) = stack.deps.incidents.pending_joins(incident_id, 10)
    assert (pending.incident_id, pending.appeal_id) == (incident_id, third)

    # The join's message (published by group_appeal's relay) as fan_out_incident receives it.
    assert stack.deps.incident_work.fan_out(IncidentFanOut(incident_id=incident_id, municipality=TOWN,
                                                           joined=third)).changed == 1

    incident = stack.deps.incidents.get(incident_id)
    assert incident is not None and incident.member_ids == (first, second, third)
    assert [e.action for e in incident.history] == [HistoryAction.INCIDENT_STARTED, HistoryAction.INCIDENT_JOINED]
    assert stack.deps.incidents.pending_joins(incident_id, 10) == []
    for appeal in appeals.values():
        assert appeal is not None and appeal.incident_id == incident_id
        assert appeal.history[-1].action is HistoryAction.INCIDENT_JOINED
    # A grouped appeal is no longer anyone's candidate: the incident is.
    since = datetime.now(UTC) - timedelta(hours=1)
    assert stack.deps.incidents.recent_appeals(TOWN, UTILITIES_FAMILY, ["district:лугов"], since, 10) == []
    assert [i.id for i in stack.deps.incidents.open_incidents(TOWN, UTILITIES_FAMILY, ["street:дружбы"], since,
                                                             10)] == [incident_id]


def test_an_appeal_that_names_no_place_joins_the_towns_only_open_outage_found_by_its_own_query(stack: Stack) -> None:
    seed_towns(stack)
    first = store_and_route(stack, "Нет воды с утра, ул. Лучистая 12")
    store_and_route(stack, "Прорыв трубы на Дружбы, в Луговом без воды. Дружбы 3")
    third = store_and_route(stack, "воды нет, Лучистая 40, когда дадут")
    first_appeal = stack.deps.appeals.get(first)
    assert first_appeal is not None and first_appeal.incident_id is not None
    incident_id = first_appeal.incident_id
    stack.deps.incident_work.fan_out(IncidentFanOut(incident_id=incident_id, municipality=TOWN, joined=third))
    since = datetime.now(UTC) - timedelta(hours=1)
    assert [i.id for i in stack.deps.incidents.town_incidents(TOWN, UTILITIES_FAMILY, since, 10)] == [incident_id]
    assert stack.deps.incidents.town_incidents(TOWN, "roads", since, 10) == []
    assert stack.deps.incidents.town_incidents("korsakov", UTILITIES_FAMILY, since, 10) == []

    nowhere = store_and_route(stack, "У нас тоже нет воды!!! Когда дадут?")

    appeal = stack.deps.appeals.get(nowhere)
    assert appeal is not None and appeal.incident_id == incident_id
    assert appeal.history[-1].action is HistoryAction.INCIDENT_JOINED
    assert "no place given" in str(appeal.history[-1].details)


def test_appeals_written_before_the_outage_are_found_by_the_late_join_s_queries_and_join_it(stack: Stack) -> None:
    seed_towns(stack)
    nowhere = store_and_route(stack, "у нас света нет, провод оборван у старого кинотеатра")
    undecided = store_and_route(stack, "Обесточка на Рабочей 5")
    since = datetime.now(UTC) - timedelta(hours=1)
    # Found only by what a late join asks: the place key UNPLACED, the family UNDECIDED_FAMILY.
    assert [a.id for a in stack.deps.incidents.recent_appeals(TOWN, UTILITIES_FAMILY, [UNPLACED], since, 5)] == [
        nowhere]
    assert [a.id for a in stack.deps.incidents.recent_appeals(TOWN, UNDECIDED_FAMILY, ["street:рабоч"], since,
                                                              5)] == [undecided]
    assert stack.deps.incidents.recent_appeals(TOWN, UTILITIES_FAMILY, ["street:рабоч"], since, 5) == []

    store_and_route(stack, "Нет света на Советской 3")
    second = store_and_route(stack, "Света нет, Советская 10, отключили электричество")
    store_and_route(stack, "Нет электричества, Рабочая 14")

    second_appeal = stack.deps.appeals.get(second)
    assert second_appeal is not None and second_appeal.incident_id is not None
    for late in (nowhere, undecided):
        appeal = stack.deps.appeals.get(late)
        assert appeal is not None and appeal.incident_id == second_appeal.incident_id
        assert appeal.history[-1].details["reason"].startswith("joined late: ")
    assert stack.deps.incidents.recent_appeals(TOWN, UNDECIDED_FAMILY, ["street:рабоч"], since, 5) == []


def test_the_candidate_queries_read_no_more_documents_with_more_unrelated_open_appeals(stack: Stack) -> None:
    now = datetime.now(UTC)
    incidents = stack.deps.incidents
    here = ("district:лугов", "street:лучист")

    def reads_after(unrelated: int) -> tuple[int, list[Appeal]]:
        for number in range(unrelated):
            stack.deps.appeals.add(write(None, open_water_appeal(f"Нет воды, Ленина {number}",
                                                                 ("district:центр", "street:ленина"),
                                                                 now - timedelta(minutes=number % 50))))
        incidents.reads = 0
        found = incidents.recent_appeals(TOWN, UTILITIES_FAMILY, here, now - timedelta(hours=48), 5)
        incidents.open_incidents(TOWN, UTILITIES_FAMILY, here, now - timedelta(hours=48), 5)
        return incidents.reads, found

    for number in range(8):  # the place's own open appeals: more than one query reads
        stack.deps.appeals.add(write(None, open_water_appeal(f"Нет воды, Лучистая {number}", here,
                                                             now - timedelta(minutes=number))))
    few, found_few = reads_after(10)
    many, found_many = reads_after(200)

    assert few == many == 5 + 1, "five appeals, and an empty incident query billed as one read"
    assert [a.id for a in found_few] == [a.id for a in found_many]
    assert all("street:лучист" in a.place_keys for a in found_many)


def test_an_incident_and_its_members_are_written_in_one_transaction(stack: Stack) -> None:
    from otklik.domain.incidents.model import Reason, applied, incident_id_for, start
    from otklik.services.ports import IncidentWrite

    now = datetime.now(UTC)
    first = open_water_appeal("Нет воды, Лучистая 1", ("street:лучист",), now)
    second = open_water_appeal("Нет воды, Лучистая 2", ("street:лучист",), now)
    for appeal in (first, second):
        stack.deps.appeals.add(write(None, appeal))
    incident_id = incident_id_for(first.id)

    def change(incidents: dict, appeals: dict) -> IncidentWrite:
        made = start(incident_id, [appeals[first.id], appeals[second.id]], Reason("test"), now)
        return IncidentWrite(made.incidents, tuple(write(appeals[m.appeal_id], applied(appeals[m.appeal_id], m))
                                                   for m in made.members))

    stack.deps.incidents.transact([incident_id], [first.id, second.id], change)

    stored = stack.deps.incidents.get(incident_id)
    assert stored is not None and stored.member_ids == (first.id, second.id)
    assert {stack.deps.appeals.get(i).incident_id for i in (first.id, second.id)} == {incident_id}  # type: ignore[union-attr]


def test_a_small_incident_of_the_outage_s_first_residents_is_merged_into_it_in_firestore(stack: Stack) -> None:
    seed_towns(stack)

    def routed_and_folded(text: str) -> str:
        appeal_id = store_and_route(stack, text)
        stored = stack.deps.appeals.get(appeal_id)
        if stored is not None and stored.incident_id is not None:
            stack.deps.incident_work.fan_out(IncidentFanOut(incident_id=stored.incident_id, municipality=TOWN,
                                                            joined=appeal_id))
        return appeal_id

    first = routed_and_folded("Вода появилась, но ржавая, Лучистая 3")
    routed_and_folded("Вода пошла мутная, с песком, Лучистая 5")
    routed_and_folded("Нет воды, Лучистая 10")
    second = routed_and_folded("Воды нет, Лучистая 12")
    routed_and_folded("нет воды, Дружбы 14")
    routed_and_folded("Воды нет, Дружбы 20")

    small_id = (stack.deps.appeals.get(first) or an_appeal("")).incident_id
    outage_id = (stack.deps.appeals.get(second) or an_appeal("")).incident_id
    assert outage_id is not None and small_id == outage_id, "merged into the outage's incident"
    outage = stack.deps.incidents.get(outage_id)
    assert outage is not None and first in outage.member_ids
    assert any(e.action is HistoryAction.INCIDENTS_MERGED and e.details["reason"].startswith("merged late: ")
               for e in outage.history)
