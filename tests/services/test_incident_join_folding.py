"""A join never writes the incident's document (services/incident_joins.py): the appeal and a pending join beside
the incident are written in the appeal's commit, and fan_out_incident folds an incident's pending joins into it,
one incident's messages at a time, so a storm's burst of joins makes no hot document."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime

from otklik.domain.incidents.model import IncidentStatus, Reason, merge, start
from otklik.domain.model import AnswerKind, HistoryAction, Status
from otklik.domain.principals import Principal, Role
from otklik.messages import IncidentFanOut
from otklik.services import commands
from otklik.services.incident_work import IncidentWorkService
from tests.builders import TOWN, an_appeal, routed
from tests.fakes import TOPICS, Clock, Photos, configured_towns, relay
from tests.services.incident_support import GroupingTown

MORNING = datetime(2026, 12, 13, 19, 0, tzinfo=UTC)  # 06:00 in Южно-Сахалинск
OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
FAN_OUT = TOPICS.name(TOPICS.incident_fan_out)


def an_outage(town: GroupingTown) -> str:
    """Two residents of Луговое without water: an incident of two; its id."""
    first = town.writes("Нет воды с утра, ул. Лучистая 12")
    town.clock.advance(minutes=10)
    town.writes("Лучистая 4, воды нет, что случилось?")
    incident_id = town.appeal(first).incident_id
    assert incident_id is not None
    return incident_id


def work_on(town: GroupingTown) -> IncidentWorkService:
    return IncidentWorkService(town.incidents, town.incidents, town.appeals, configured_towns(), Photos(),
                               relay(town.appeals, town.published), town.clock)


def fold_messages(town: GroupingTown) -> list[tuple[dict[str, object], str | None]]:
    return [(json.loads(data), key) for (topic, data, _), key in zip(town.published.published,
                                                                     town.published.ordering_keys, strict=True)
            if topic == FAN_OUT and json.loads(data)["joined"] is not None]


def test_joining_residents_write_their_appeals_and_pending_joins_not_the_incident() -> None:
    town = GroupingTown(Clock(MORNING))
    incident_id = an_outage(town)
    before = town.incidents.stored[incident_id]
    town.clock.advance(minutes=5)
    joiners = [town.writes(text, fold=False) for text in ("вады нет!!! на Дружбы у пятого дома",
                                                          "Луговое, Авиационная 17 — без воды с шести утра")]

    assert town.incidents.stored[incident_id] == before, "the incident's document is not written by a join"
    assert set(town.incidents.pending[incident_id]) == set(joiners)
    for joiner in joiners:
        assert town.appeal(joiner).incident_id == incident_id
        assert town.appeal(joiner).history[-1].action is HistoryAction.INCIDENT_JOINED
    messages = fold_messages(town)
    assert [body["joined"] for body, _ in messages] == joiners
    assert {key for _, key in messages} == {incident_id}, "keyed by the incident: its folds come one at a time"

    body, _ = messages[0]
    folded = work_on(town).fan_out(IncidentFanOut.model_validate(body))

    incident = town.incidents.stored[incident_id]
    assert folded.changed == 2, "the first message folds every pending join"
    assert incident.member_ids[-2:] == tuple(joiners)
    assert [e.details["appeal_id"] for e in incident.history[-2:]] == joiners
    assert not town.incidents.pending[incident_id]
    commits = len(town.incidents.commit_writes)
    assert work_on(town).fan_out(IncidentFanOut.model_validate(messages[1][0])).changed == 0
    assert len(town.incidents.commit_writes) == commits, "a later message finds nothing to fold and writes nothing"


def test_an_answer_committed_after_a_join_read_the_incident_reaches_the_joiner_at_the_fold() -> None:
    town = GroupingTown(Clock(MORNING))
    incident_id = an_outage(town)
    as_read_by_the_join = town.incidents.stored[incident_id]
    answered = work_on(town).act(OPERATOR, incident_id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Аварийная бригада работает, воду дадут к вечеру",
        planned_date=date(2026, 12, 14)))
    as_answered = town.incidents.stored[incident_id]
    town.clock.advance(minutes=5)
    # The join's candidate query read the incident before the answer's commit.
    town.incidents.put(as_read_by_the_join)
    late = town.writes("вады нет!!! Ударная, д.34 когда дадут воду", fold=False)
    town.incidents.put(as_answered)
    assert town.appeal(late).answers == ()

    town.fold()

    assert [a.id for a in town.appeal(late).answers] == [answered.work.answers[0].id]
    assert late in town.incidents.stored[incident_id].member_ids
    town.fold()
    assert len(town.appeal(late).answers) == 1, "a fold gives an answer once"


def test_a_join_of_an_incident_merged_before_its_fold_ends_in_the_incident_it_was_merged_into() -> None:
    town = GroupingTown(Clock(MORNING))
    absorbed_id = an_outage(town)
    town.clock.advance(minutes=5)
    late = town.writes("вады нет!!! на Дружбы у пятого дома", fold=False)
    other = routed(an_appeal("Нет воды, Лучистая 30", received_at=town.clock()), category="water",
                   department="housing_utilities")
    town.appeals.put(other)
    kept = start("in-" + "e" * 24, [other], Reason("operator"), town.clock()).incident
    survivor, closed = merge(kept, town.incidents.stored[absorbed_id], Reason("one burst main"), town.clock(),
                             actor="operator:1").incidents
    town.incidents.put(survivor, closed)

    town.fold()

    assert closed.status is IncidentStatus.MERGED
    assert town.appeal(late).incident_id == survivor.id
    assert town.appeal(late).history[-1].details["previous_incident_id"] == absorbed_id
    assert late in town.incidents.stored[survivor.id].member_ids
    assert not town.incidents.pending.get(absorbed_id) and not town.incidents.pending.get(survivor.id)
    assert town.appeal(late).status is Status.ROUTED


def test_a_join_whose_fold_never_came_takes_the_next_step_with_the_other_members() -> None:
    town = GroupingTown(Clock(MORNING))
    incident_id = an_outage(town)
    town.clock.advance(minutes=5)
    late = town.writes("вады нет!!! Ударная, д.34 когда дадут воду", fold=False)  # its message dead-lettered

    answered = work_on(town).act(OPERATOR, incident_id, "answer", commands.AnswerCommand(
        kind=AnswerKind.FINAL, text="Водоснабжение восстановлено"))

    assert late in answered.member_ids
    assert [a.text for a in town.appeal(late).answers] == ["Водоснабжение восстановлено"]
    assert town.appeal(late).status is Status.ANSWERED
