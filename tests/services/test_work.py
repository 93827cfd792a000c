"""What operators and departments do to appeals, through WorkService over the fakes: each action checked against
who asks, recorded in the history, and the messages it causes left for the relay."""
from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from otklik.domain.actions import ActionRefused
from otklik.domain.model import AnswerKind, Channel, DeliveryStatus, HistoryAction, Status, StatusConflict
from otklik.domain.principals import Principal, Role
from otklik.services import commands
from otklik.services.ingest import IngestService
from otklik.services.queries import AppealQuery
from otklik.services.work import Forbidden, NotVisible, Upload, WorkService
from tests.builders import TOWN, an_appeal, routed
from tests.fakes import TOPICS, Clock, InMemoryAppeals, Photos, RecordingPublisher, configured_towns, decoded, relay

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
ROADS = Principal(key_id="roads1", role=Role.DEPARTMENT, towns=(TOWN,), department="city_economy")
WASTE = Principal(key_id="waste1", role=Role.DEPARTMENT, towns=(TOWN,), department="ecology")
SUPERVISOR = Principal(key_id="sup1", role=Role.SUPERVISOR, towns=(TOWN,))


@pytest.fixture
def work(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> WorkService:
    outbox = relay(appeals, published)
    return WorkService(appeals, appeals, configured_towns(), Photos(), IngestService(appeals, outbox, clock), outbox,
                       clock)


@pytest.fixture
def road(appeals: InMemoryAppeals) -> str:
    appeal = routed(an_appeal("Огромная яма на дороге у дома 5"), category="roads", department="city_economy")
    appeals.put(appeal)
    return appeal.id


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_department_takes_and_answers_its_appeal_and_the_reply_is_requested(
        work: WorkService, road: str, published: RecordingPublisher) -> None:
    taken = work.act(ROADS, road, "take")
    assert (taken.status, taken.assignee) == (Status.IN_PROGRESS, ROADS.actor)

    answered = work.act(ROADS, road, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Взято в работу", planned_date=date(2026, 6, 15)))

    assert answered.first_response_at is not None and answered.status is Status.IN_PROGRESS
    (reply,) = decoded(published.published, TOPICS.name(TOPICS.reply_requested))
    assert reply == {"appeal_id": road, "answer_id": answered.answers[0].id, "municipality": TOWN,
                     "channel": "telegram"}


def test_a_final_answer_in_a_photo_report_category_needs_photos(work: WorkService, road: str) -> None:
    final = commands.AnswerCommand(kind=AnswerKind.FINAL, text="Яма заделана")
    with pytest.raises(ActionRefused, match="photo report"):
        work.act(ROADS, road, "answer", final)

    answered = work.act(ROADS, road, "answer", final, uploads=[Upload(photo(), "after.jpg")])

    assert answered.status is Status.ANSWERED and len(answered.answers[0].photos) == 1


def test_a_department_sees_and_acts_only_on_its_own_appeals(work: WorkService, road: str) -> None:
    with pytest.raises(NotVisible):
        work.get(WASTE, road)
    with pytest.raises(NotVisible):
        work.act(WASTE, road, "note", commands.Note(text="не наше"))
    assert work.list(WASTE, AppealQuery(municipality=TOWN))[0] == []
    assert [a.id for a in work.list(ROADS, AppealQuery(municipality=TOWN))[0]] == [road]


def test_a_supervisor_reads_but_does_not_act(work: WorkService, road: str) -> None:
    assert work.get(SUPERVISOR, road).id == road
    with pytest.raises(Forbidden):
        work.act(SUPERVISOR, road, "take")


def test_the_same_request_with_the_same_idempotency_key_is_done_once(
        work: WorkService, road: str, appeals: InMemoryAppeals) -> None:
    for _ in range(3):
        work.act(ROADS, road, "note", commands.Note(text="позвонить подрядчику"), idempotency_key="k-1")
    notes = [h for h in appeals.current(road).history if h.action is HistoryAction.NOTE]
    assert len(notes) == 1


def test_an_operator_moves_an_appeal_to_another_department_and_routing_is_told(
        work: WorkService, road: str, published: RecordingPublisher) -> None:
    with pytest.raises(Forbidden):
        work.act(ROADS, road, "assign", commands.Assign(department="ecology"))
    moved = work.act(OPERATOR, road, "assign", commands.Assign(department="ecology"))
    assert (moved.department, moved.status) == ("ecology", Status.ROUTED)
    assert [m["department"] for m in decoded(published.published, TOPICS.name(TOPICS.appeal_routed))] == ["ecology"]
    with pytest.raises(NotVisible):
        work.get(ROADS, road)


def test_a_department_assigns_a_person_without_moving_the_appeal(
        work: WorkService, road: str, published: RecordingPublisher) -> None:
    assert work.act(ROADS, road, "assign", commands.Assign(assignee="Иванов")).assignee == "Иванов"
    assert decoded(published.published, TOPICS.name(TOPICS.appeal_routed)) == []


def test_triage_decides_what_the_classifier_could_not(work: WorkService, appeals: InMemoryAppeals) -> None:
    greeting = an_appeal("Здравствуйте", status=Status.NEEDS_TRIAGE)
    appeals.put(greeting)
    triaged = work.act(OPERATOR, greeting.id, "triage", commands.Triage(category="lighting"))
    assert (triaged.status, triaged.category, triaged.department) == (Status.ROUTED, "lighting", "city_economy")
    assert triaged.due_at is not None


def test_triage_moves_an_appeal_that_reached_the_wrong_town_to_another_of_the_keys_towns(
        work: WorkService, appeals: InMemoryAppeals) -> None:
    misplaced = an_appeal("В Аниве на ул. Калинина не горят фонари", status=Status.NEEDS_TRIAGE)
    appeals.put(misplaced)
    regional_operator = Principal(key_id="op2", role=Role.OPERATOR, towns=(TOWN, "aniva"))
    with pytest.raises(Forbidden):
        work.act(OPERATOR, misplaced.id, "triage", commands.Triage(category="lighting", municipality="aniva"))
    with pytest.raises(ActionRefused):
        work.act(regional_operator, misplaced.id, "triage",
                 commands.Triage(category="lighting", municipality="aniva", department="no_such_department"))

    moved = work.act(regional_operator, misplaced.id, "triage",
                     commands.Triage(category="lighting", municipality="aniva"))

    aniva = configured_towns().all()["aniva"]
    assert (moved.municipality, moved.department) == ("aniva", aniva.department_for("lighting"))
    assert moved.history[-1].details["previous"]["municipality"] == TOWN


def test_impossible_steps_are_refused_naming_the_status(work: WorkService, road: str) -> None:
    with pytest.raises(StatusConflict):
        work.act(OPERATOR, road, "resolve", commands.Resolve())


def test_a_phone_appeal_is_registered_once_per_key_with_manual_delivery_of_answers(
        work: WorkService, published: RecordingPublisher) -> None:
    intake = commands.RegisterReception(resident_name="Петров П.П.", contact="+7 914 000-00-00",
                                        text="Не горят фонари на ул. Мира")
    first = work.register(OPERATOR, intake, "call-17")
    again = work.register(OPERATOR, intake, "call-17")

    assert (first.id, first.channel, first.status) == (again.id, Channel.RECEPTION, Status.RECEIVED)
    assert len(decoded(published.published, TOPICS.name(TOPICS.appeal_received))) == 1
    with pytest.raises(Forbidden):
        work.register(ROADS, intake, "call-18")


def test_a_reception_answer_is_delivered_by_hand_not_requested_from_a_platform(
        work: WorkService, appeals: InMemoryAppeals, published: RecordingPublisher) -> None:
    reception = routed(an_appeal("Не горят фонари", channel=Channel.RECEPTION, chat=None), category="lighting")
    appeals.put(reception)
    answered = work.act(OPERATOR, reception.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Передано подрядчику", planned_date=date(2026, 6, 20)))
    assert answered.answers[0].delivery.status is DeliveryStatus.MANUAL
    assert decoded(published.published, TOPICS.name(TOPICS.reply_requested)) == []


def test_counts_are_of_what_the_principal_may_see(work: WorkService, appeals: InMemoryAppeals) -> None:
    appeals.put(routed(an_appeal("Яма у дома 5"), category="roads", department="city_economy"),
                routed(an_appeal("Мусор у дома 7"), category="waste", department="ecology"))
    everything = AppealQuery(municipality=TOWN)

    assert work.count(OPERATOR, everything) == 2
    assert work.count(ROADS, everything) == 1
    assert work.count(ROADS, AppealQuery(municipality=TOWN, department="ecology")) == 1  # its own, whatever is asked
    with pytest.raises(Forbidden):
        work.count(ROADS, AppealQuery(municipality="kholmsk"))
