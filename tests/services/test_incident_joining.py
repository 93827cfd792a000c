"""A resident who writes after an incident was answered, over the fakes with route_appeal's routing and grouping:
the appeal joins the incident automatically and is told at once what the incident's residents were told."""
from __future__ import annotations

from datetime import UTC, date, datetime

from otklik.domain.model import AnswerKind, Channel, Status
from otklik.domain.principals import Principal, Role
from otklik.services import commands
from otklik.services.incident_work import IncidentWorkService
from tests.builders import TOWN
from tests.fakes import TOPICS, Clock, Photos, configured_towns, decoded, relay
from tests.services.incident_support import GroupingTown

MORNING = datetime(2026, 12, 13, 19, 0, tzinfo=UTC)  # 06:00 in Южно-Сахалинск
OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))


def test_a_resident_writing_after_the_intermediate_answer_joins_and_gets_it_at_once() -> None:
    town = GroupingTown(Clock(MORNING))
    first = town.writes("Авария на водоводе? Луговое без воды с 6 утра. улица Авиационная, дом 17!!!")
    town.clock.advance(minutes=13)
    town.writes("Уважаемая администрация, в в Луговом нет водоснабжения, Ударная, д.23. Просим сообщить сроки",
                channel=Channel.VK)
    incident_id = town.appeal(first).incident_id
    assert incident_id is not None
    work = IncidentWorkService(town.incidents, town.incidents, town.appeals, configured_towns(), Photos(),
                               relay(town.appeals, town.published), town.clock)
    answered = work.act(OPERATOR, incident_id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Аварийная бригада работает, воду дадут к вечеру",
        planned_date=date(2026, 12, 14)))
    town.clock.advance(minutes=30)

    late = town.writes("вады нет!!! Ударная, д.34 когда дадут воду")

    joined = town.appeal(late)
    assert joined.incident_id == incident_id and joined.status is Status.ROUTED
    assert [a.id for a in joined.answers] == [answered.work.answers[0].id]
    assert joined.first_response_at == town.clock()
    replies = decoded(town.published.published, TOPICS.name(TOPICS.reply_requested))
    assert replies[-1]["appeal_id"] == late  # published by route_appeal itself, not left for the sweep
