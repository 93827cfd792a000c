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


def test_a_residents_не_решено_through_route_appeal_reopens_that_member_and_flags_the_incident() -> None:
    from otklik.domain.incidents.model import IncidentStatus
    from otklik.messages import IncidentFanOut
    from tests.builders import a_message

    town = GroupingTown(Clock(MORNING))
    first = town.writes("Авария на водоводе? Луговое без воды с 6 утра. улица Авиационная, дом 17!!!")
    town.clock.advance(minutes=13)
    second = town.writes("Уважаемая администрация, в в Луговом нет водоснабжения, Ударная, д.23. Просим сообщить сроки")
    incident_id = town.appeal(first).incident_id
    assert incident_id is not None and town.appeal(second).incident_id == incident_id
    work = IncidentWorkService(town.incidents, town.incidents, town.appeals, configured_towns(), Photos(),
                               relay(town.appeals, town.published), town.clock, reopen_share=0.6)
    work.act(OPERATOR, incident_id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Воду дали"))
    town.clock.advance(hours=1)

    resident = town.appeal(first)
    reply = a_message("Воды так и нет, не решено", chat=resident.source.chat_id,
                      author=resident.author.platform_user_id, sent_at=town.clock())
    town.route(town.ingest.receive(reply, TOWN).appeal_id)

    assert town.appeal(first).status is Status.ROUTED  # reopened by its resident, as any answered appeal
    (told,) = decoded(town.published.published, TOPICS.name(TOPICS.incident_fan_out))
    assert told["not_fixed_by"] == first
    work.fan_out(IncidentFanOut.model_validate(told))
    flagged = town.incidents.get(incident_id)
    assert flagged is not None and flagged.work.not_fixed == (first,) and flagged.status is IncidentStatus.ANSWERED
    assert town.appeal(second).status is Status.ANSWERED  # 1 of 2 is below the share of 0.6
