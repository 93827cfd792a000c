"""The incident aggregate (domain/incidents/model.py): starting, joining, leaving, merging and splitting, each with
its reason in the incident's history and in every touched member's."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain.incidents.model import (
    MAX_MEMBERS,
    IncidentConflict,
    IncidentStatus,
    Reason,
    add_member,
    applied,
    fold,
    forward,
    incident_id_for,
    is_incident_id,
    join,
    merge,
    remove_member,
    split,
    start,
)
from otklik.domain.model import Appeal, HistoryAction
from tests.builders import an_appeal, routed
from tests.fakes import T0

SAME_PLACE = Reason("same street and house, same category", {"place_keys": ["house:ленин:5"], "category": "water"})


def water(text: str = "Нет воды, ул. Ленина 5", *, hours: float = 0, due_in: float = 12) -> Appeal:
    at = T0 + timedelta(hours=hours)
    return routed(an_appeal(text, received_at=at), category="water", department="housing_utilities",
                  due_at=at + timedelta(hours=due_in))


def test_two_similar_appeals_start_an_incident_recorded_in_its_history_and_theirs() -> None:
    first, second = water(hours=0, due_in=12), water(hours=1, due_in=3)
    change = start(incident_id_for(first.id), [first, second], SAME_PLACE, T0 + timedelta(hours=1),
                   place_keys={first.id: ["street:ленин", "house:ленин:5"], second.id: ["street:ленин"]})

    incident = change.incident
    assert is_incident_id(incident.id)
    assert (incident.category, incident.department, incident.status) == ("water", "housing_utilities",
                                                                         IncidentStatus.OPEN)
    assert incident.member_ids == (first.id, second.id)
    assert incident.due_at == second.due_at, "the earliest of the members' deadlines"
    assert incident.place_keys == ("street:ленин", "house:ленин:5"), "area keys first"
    (started,) = incident.history
    assert started.action is HistoryAction.INCIDENT_STARTED
    assert started.details["matched"] == {"place_keys": ["house:ленин:5"], "category": "water"}
    joined = applied(first, change.members[0])
    assert joined.incident_id == incident.id
    assert joined.history[-1].action is HistoryAction.INCIDENT_JOINED
    assert joined.history[-1].details["reason"] == SAME_PLACE.text


def test_a_member_joins_and_leaves_with_the_reason_each_time() -> None:
    first, second, third = water(), water(hours=1), water(hours=2, due_in=1)
    incident = start("in-" + "0" * 24, [first, second], SAME_PLACE, T0).incident

    grown = add_member(incident, third, SAME_PLACE, T0 + timedelta(hours=2))
    assert grown.incident.member_ids == (first.id, second.id, third.id)
    assert grown.incident.due_at == third.due_at
    assert grown.incident.last_member_at == third.received_at
    assert grown.members[0].incident_id == incident.id

    left = remove_member(grown.incident, third.id, Reason("another house"), T0 + timedelta(hours=3),
                         actor="operator:1")
    assert left.incident.member_ids == (first.id, second.id)
    assert left.incident.due_at == first.due_at, "the deadline counts again without the member who left"
    assert left.incident.history[-1].action is HistoryAction.INCIDENT_LEFT
    assert left.incident.history[-1].actor == "operator:1"
    assert applied(applied(third, grown.members[0]), left.members[0]).incident_id is None


def test_an_appeal_in_an_incident_cannot_join_another_and_the_last_member_cannot_leave() -> None:
    first, second = water(), water(hours=1)
    change = start("in-" + "1" * 24, [first, second], SAME_PLACE, T0)
    in_incident = applied(first, change.members[0])
    other = start("in-" + "2" * 24, [water(hours=2)], SAME_PLACE, T0).incident

    with pytest.raises(IncidentConflict):
        add_member(other, in_incident, SAME_PLACE, T0)
    with pytest.raises(IncidentConflict):
        remove_member(other, other.member_ids[0], SAME_PLACE, T0, actor="operator:1")
    with pytest.raises(IncidentConflict):
        start("in-" + "3" * 24, [an_appeal("Нет воды")], SAME_PLACE, T0)  # not routed: no category


def test_merging_moves_every_member_and_closes_the_other_incident() -> None:
    a1, a2, b1, b2 = water(), water(hours=1), water(hours=2, due_in=1), water(hours=3)
    kept = start("in-" + "a" * 24, [a1, a2], SAME_PLACE, T0).incident
    absorbed = start("in-" + "b" * 24, [b1, b2], SAME_PLACE, T0).incident

    change = merge(kept, absorbed, Reason("one burst main"), T0 + timedelta(hours=4), actor="operator:1")

    survivor, closed = change.incidents
    assert survivor.member_ids == (a1.id, a2.id, b1.id, b2.id)
    assert survivor.due_at == b1.due_at
    assert (closed.status, closed.merged_into, closed.members) == (IncidentStatus.MERGED, kept.id, ())
    assert not closed.joinable
    assert {(m.appeal_id, m.incident_id) for m in change.members} == {(b1.id, kept.id), (b2.id, kept.id)}
    assert all(m.entry.details["previous_incident_id"] == absorbed.id for m in change.members)
    with pytest.raises(IncidentConflict):
        merge(survivor, closed, Reason("again"), T0, actor="operator:1")


def test_splitting_moves_the_named_members_to_a_new_incident() -> None:
    appeals = [water(hours=h) for h in range(4)]
    incident = start("in-" + "c" * 24, appeals, SAME_PLACE, T0).incident

    change = split(incident, [appeals[2].id, appeals[3].id], "in-" + "d" * 24, Reason("two bursts"), T0,
                   actor="operator:1")

    left, new = change.incidents
    assert left.member_ids == (appeals[0].id, appeals[1].id)
    assert new.member_ids == (appeals[2].id, appeals[3].id)
    assert new.history[-1].details["split_from"] == incident.id
    assert [m.incident_id for m in change.members] == [new.id, new.id]
    with pytest.raises(IncidentConflict):
        split(incident, [a.id for a in appeals], "in-" + "e" * 24, Reason("all"), T0, actor="operator:1")


def test_a_join_leaves_the_incident_as_it_is_until_it_is_folded_in() -> None:
    first, second, third, fourth = water(), water(hours=1), water(hours=2, due_in=1), water(hours=3)
    incident = start("in-" + "f" * 24, [first, second], SAME_PLACE, T0,
                     problem_words={first.id: ["вода"], second.id: ["вода"]}).incident

    pending_third, entry = join(incident, third, SAME_PLACE, T0 + timedelta(hours=2), problem_words=["вода", "напор"])
    pending_fourth, _ = join(incident, fourth, SAME_PLACE, T0 + timedelta(hours=3), place_keys=["house:ленин:7"])

    assert applied(third, entry).incident_id == incident.id
    assert entry.entry.action is HistoryAction.INCIDENT_JOINED
    folded = fold(incident, [pending_third, pending_fourth])
    assert folded.member_ids == (first.id, second.id, third.id, fourth.id)
    assert folded.due_at == third.due_at
    assert folded.last_member_at == fourth.received_at
    assert "house:ленин:7" in folded.place_keys
    assert folded.problem_words == {"вода": 3, "напор": 1}
    assert [e.details["appeal_id"] for e in folded.history[-2:]] == [third.id, fourth.id]
    assert [e.at for e in folded.history[-2:]] == [T0 + timedelta(hours=2), T0 + timedelta(hours=3)]
    assert fold(folded, [pending_third, pending_fourth]) == folded, "a join folded before is not folded again"


def test_a_join_of_an_incident_merged_meanwhile_goes_on_to_the_incident_it_was_merged_into() -> None:
    a1, a2, b1, late = water(), water(hours=1), water(hours=2), water(hours=3)
    kept = start("in-" + "a" * 24, [a1, a2], SAME_PLACE, T0).incident
    absorbed = start("in-" + "b" * 24, [b1], SAME_PLACE, T0).incident
    pending, _ = join(absorbed, late, SAME_PLACE, T0 + timedelta(hours=3))
    closed = merge(kept, absorbed, Reason("one burst main"), T0 + timedelta(hours=3), actor="operator:1").incidents[1]

    moved, entry = forward(closed, pending, T0 + timedelta(hours=4))

    assert (moved.incident_id, moved.appeal_id, entry.incident_id) == (kept.id, late.id, kept.id)
    assert entry.entry.details["previous_incident_id"] == absorbed.id
    with pytest.raises(IncidentConflict):
        forward(kept, pending, T0)


def test_a_member_who_leaves_takes_their_problem_words_off_the_incident() -> None:
    first, second, third = water(), water(hours=1), water(hours=2)
    incident = start("in-" + "9" * 24, [first, second, third], SAME_PLACE, T0,
                     problem_words={first.id: ["вода", "нет"], second.id: ["вода"], third.id: ["канализация"]}
                     ).incident
    assert incident.problem_words == {"вода": 2, "канализация": 1, "нет": 1}

    left = remove_member(incident, third.id, Reason("another problem"), T0, actor="operator:1").incident
    assert left.problem_words == {"вода": 2, "нет": 1}

    kept, new = split(left, [second.id], "in-" + "8" * 24, Reason("two houses"), T0, actor="operator:1").incidents
    assert kept.problem_words == {"вода": 1, "нет": 1}
    assert new.problem_words == {"вода": 1}


def test_a_full_incident_takes_no_new_member_and_no_merge_past_the_most_one_holds() -> None:
    members = [water(hours=h / 100) for h in range(MAX_MEMBERS)]
    full = start("in-" + "7" * 24, members, SAME_PLACE, T0).incident
    small = start("in-" + "6" * 24, [water(hours=7)], SAME_PLACE, T0).incident

    assert full.full and not full.joinable, "grouping's candidate query finds it no more"
    with pytest.raises(IncidentConflict, match="more than"):
        join(full, water(hours=8), SAME_PLACE, T0)
    with pytest.raises(IncidentConflict, match="more than"):
        merge(small, full, Reason("one burst main"), T0, actor="operator:1")
    assert small.joinable
