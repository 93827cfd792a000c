"""Work on an incident through IncidentWorkService over the fakes: each action checked against who asks as for
appeals, recorded on the incident and carried out on every member appeal, a page per commit, paced through
incident.fan-out messages; every member answered once, however often a fan-out message comes."""
from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date, timedelta

import pytest
from PIL import Image

from otklik.domain.actions import ActionRefused
from otklik.domain.incidents.actions import IncidentStatusConflict
from otklik.domain.incidents.members import INCIDENT_ID
from otklik.domain.incidents.model import Incident, IncidentStatus, Reason, incident_id_for, start
from otklik.domain.model import AnswerKind, Appeal, Channel, HistoryAction, Status
from otklik.domain.principals import Principal, Role
from otklik.messages import IncidentFanOut
from otklik.services import commands
from otklik.services.events import write
from otklik.services.incident_selection import IncidentSelection
from otklik.services.incident_work import MEMBERS_PER_COMMIT, IncidentWorkService
from otklik.services.ports import AppealWrite
from otklik.services.work import Forbidden, NotVisible, Upload
from tests.builders import TOWN, a_regional_appeal, a_wall_comment, an_appeal, answered, routed
from tests.fakes import (
    TOPICS,
    Clock,
    InMemoryAppeals,
    InMemoryIncidents,
    Photos,
    RecordingPublisher,
    configured_towns,
    decoded,
    relay,
)

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
HOUSING = Principal(key_id="hu1", role=Role.DEPARTMENT, towns=(TOWN,), department="housing_utilities")
ECOLOGY = Principal(key_id="eco1", role=Role.DEPARTMENT, towns=(TOWN,), department="ecology")
SUPERVISOR = Principal(key_id="sup1", role=Role.SUPERVISOR, towns=(TOWN,))
FAN_OUT = TOPICS.name(TOPICS.incident_fan_out)
REPLIES = TOPICS.name(TOPICS.reply_requested)


@pytest.fixture
def incidents(appeals: InMemoryAppeals) -> InMemoryIncidents:
    return InMemoryIncidents(appeals)


@pytest.fixture
def service(incidents: InMemoryIncidents, appeals: InMemoryAppeals, published: RecordingPublisher,
            clock: Clock) -> IncidentWorkService:
    return IncidentWorkService(incidents, incidents, appeals, configured_towns(), Photos(), relay(appeals, published),
                               clock, reopen_share=0.5)


def an_incident(incidents: InMemoryIncidents, appeals: InMemoryAppeals, members: list[Appeal],
                category: str = "water") -> Incident:
    """The members grouped as the grouping step groups them, stored as it stores them."""
    members = [m.model_copy(update={"category": category}) for m in members]
    change = start(incident_id_for(members[0].id), members, Reason("the same street"), members[0].received_at)
    incident = change.incident
    incidents.put(incident)
    by_id = {m.id: m for m in members}
    appeals.put(*(by_id[e.appeal_id].with_entry(e.entry, incident_id=e.incident_id) for e in change.members))
    return incident


def water(n: int, **appeal: object) -> list[Appeal]:
    return [routed(an_appeal(f"Нет воды в доме {i} по ул. Ленина", **appeal),  # type: ignore[arg-type]
                   category="water", department="housing_utilities") for i in range(n)]


def fan_out_until_done(service: IncidentWorkService, published: RecordingPublisher, start: int = 0) -> int:
    """Pub/Sub delivering every incident.fan-out message published, in order, until no new one comes."""
    handled = 0
    while True:
        bodies = decoded(published.published, FAN_OUT)
        if handled >= len(bodies):
            return handled
        service.fan_out(IncidentFanOut.model_validate(bodies[handled]))
        handled += 1


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_taking_an_incident_takes_every_member_with_an_entry_naming_the_incident(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    incident = an_incident(incidents, appeals, water(3))

    taken = service.act(HOUSING, incident.id, "take")

    assert taken.status is IncidentStatus.IN_PROGRESS and taken.work.assignee == HOUSING.actor
    assert taken.history[-1].action is HistoryAction.TAKEN
    for appeal_id in incident.member_ids:
        member = appeals.current(appeal_id)
        assert (member.status, member.assignee) == (Status.IN_PROGRESS, HOUSING.actor)
        assert member.history[-1].details[INCIDENT_ID] == incident.id


def test_one_answer_reaches_every_member_once_in_pages_within_a_commit_and_redelivery_sends_nothing_again(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals,
        published: RecordingPublisher) -> None:
    members = water(130, channel=Channel.TELEGRAM) + [
        routed(a_wall_comment(f"Нет воды, дом {i}"), category="water", department="housing_utilities")
        for i in range(110)] + [routed(a_regional_appeal("Нет воды"), category="water", department="housing_utilities")]
    incident = an_incident(incidents, appeals, members)

    answered_incident = service.act(HOUSING, incident.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.FINAL, text="Водоснабжение восстановлено"), idempotency_key="k1")
    (answer,) = answered_incident.work.answers
    assert len(decoded(published.published, REPLIES)) == MEMBERS_PER_COMMIT  # the first page, in the request

    assert fan_out_until_done(service, published) == 3  # three more pages: 241 members, 80 a page
    replies = decoded(published.published, REPLIES)
    assert Counter(r["appeal_id"] for r in replies) == Counter({m: 1 for m in incident.member_ids[:-1]})
    assert {r["answer_id"] for r in replies} == {answer.id}
    regional = appeals.current(incident.member_ids[-1])
    assert [a.id for a in regional.answers] == [answer.id]  # answered through its callback
    assert all(appeals.current(i).status is Status.ANSWERED for i in incident.member_ids)
    assert max(incidents.commit_writes) <= 500

    # Every fan-out message delivered again, and the request repeated: nothing is sent twice. (A page delivered
    # again passes its continuation on again, which finds its own page done.)
    for body in decoded(published.published, FAN_OUT):
        service.fan_out(IncidentFanOut.model_validate(body))
    fan_out_until_done(service, published)
    again = service.act(HOUSING, incident.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.FINAL, text="Водоснабжение восстановлено"), idempotency_key="k1")
    assert len(again.work.answers) == 1 and decoded(published.published, REPLIES) == replies
    assert all(len(appeals.current(i).answers) == 1 for i in incident.member_ids)


def test_a_final_answer_in_a_photo_report_category_needs_photos_which_every_member_answer_names(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    roads = [routed(an_appeal(f"Яма у дома {i}"), category="roads", department="city_economy") for i in range(2)]
    incident = an_incident(incidents, appeals, roads, category="roads")
    economy = Principal(key_id="ce1", role=Role.DEPARTMENT, towns=(TOWN,), department="city_economy")
    final = commands.AnswerCommand(kind=AnswerKind.FINAL, text="Яму заделали")

    with pytest.raises(ActionRefused, match="photo report"):
        service.act(economy, incident.id, "answer", final)
    done = service.act(economy, incident.id, "answer", final, uploads=[Upload(photo(), "report.jpg")])

    (answer,) = done.work.answers
    assert len(answer.photos) == 1 and answer.photos[0].startswith(incident.id)
    assert all(appeals.current(i).answers[0].photos == answer.photos for i in incident.member_ids)


def test_who_may_see_and_act_on_an_incident_is_checked_as_for_appeals(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    incident = an_incident(incidents, appeals, water(2))
    with pytest.raises(NotVisible):
        service.act(ECOLOGY, incident.id, "take")
    with pytest.raises(Forbidden):
        service.act(SUPERVISOR, incident.id, "take")
    with pytest.raises(Forbidden):
        service.act(HOUSING, incident.id, "resolve", commands.Resolve())
    with pytest.raises(Forbidden):
        service.act(HOUSING, incident.id, "assign", commands.Assign(department="ecology"))
    assert service.get(SUPERVISOR, incident.id).id == incident.id
    assert [i.id for i in service.list_open(HOUSING, None, None, 10)] == [incident.id]
    assert service.list_open(ECOLOGY, None, None, 10) == []


def test_handing_an_incident_to_another_department_moves_every_member(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals,
        published: RecordingPublisher) -> None:
    incident = an_incident(incidents, appeals, water(2))
    moved = service.act(OPERATOR, incident.id, "assign", commands.Assign(department="ecology"))
    assert moved.department == "ecology"
    assert {appeals.current(i).department for i in incident.member_ids} == {"ecology"}
    assert len(decoded(published.published, TOPICS.name(TOPICS.appeal_routed))) == 2


def test_resolve_needs_the_final_answer_and_resolves_every_member(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    incident = an_incident(incidents, appeals, water(3))
    with pytest.raises(IncidentStatusConflict):
        service.act(OPERATOR, incident.id, "resolve", commands.Resolve())
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.INTERMEDIATE,
                                                                        text="Работы идут",
                                                                        planned_date=date(2026, 6, 12)))
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Готово"))
    resolved = service.act(OPERATOR, incident.id, "resolve", commands.Resolve())
    assert resolved.status is IncidentStatus.RESOLVED
    assert {appeals.current(i).status for i in incident.member_ids} == {Status.RESOLVED}
    assert resolved.work.first_response_at is not None


def test_members_saying_not_fixed_flag_the_incident_and_enough_of_them_reopen_it_with_every_member(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals,
        published: RecordingPublisher, clock: Clock) -> None:
    incident = an_incident(incidents, appeals, water(4))
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Готово"))
    first, second, *_ = incident.member_ids

    def resident_reopens(appeal_id: str) -> None:
        # What the feedback path (routing's REOPEN follow-up) writes: the member reopened by its resident.
        from otklik.domain.followups import reopen

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            member = current[appeal_id]
            assert member is not None
            return [write(member, reopen(member, clock(), clock() + timedelta(days=1), "не решено",
                                         f"resident:{member.author.platform_user_id}"))]

        relay(appeals, published).publish(appeals.transact([appeal_id], change))

    resident_reopens(first)
    fan_out_until_done(service, published)
    flagged = incidents.get(incident.id)
    assert flagged is not None and flagged.status is IncidentStatus.ANSWERED and flagged.work.not_fixed == (first,)
    assert appeals.current(second).status is Status.ANSWERED

    resident_reopens(second)  # 2 of 4: the share of 0.5 is reached
    fan_out_until_done(service, published)
    reopened = incidents.get(incident.id)
    assert reopened is not None and reopened.status is IncidentStatus.OPEN and reopened.work.reopen_count == 1
    assert {appeals.current(i).status for i in incident.member_ids} == {Status.ROUTED}


def test_a_reopening_the_incident_carried_out_on_a_member_does_not_count_as_its_resident_saying_so(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals,
        published: RecordingPublisher) -> None:
    incident = an_incident(incidents, appeals, water(2))
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Готово"))
    service.act(OPERATOR, incident.id, "reopen", commands.Reopen(reason="снова нет воды"))
    assert decoded(published.published, FAN_OUT) == []
    reopened = incidents.get(incident.id)
    assert reopened is not None and reopened.work.not_fixed == ()


def test_a_fan_out_message_is_pub_sub_s_json(published: RecordingPublisher, service: IncidentWorkService,
                                            incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    small = InMemoryIncidents(appeals)
    paged = IncidentWorkService(small, small, appeals, configured_towns(), Photos(), relay(appeals, published),
                                Clock(), page_size=2)
    incident = an_incident(small, appeals, water(5))
    paged.act(OPERATOR, incident.id, "note", commands.Note(text="Бригада выехала"))
    (body,) = decoded(published.published, FAN_OUT)
    assert body == {"incident_id": incident.id, "municipality": TOWN, "step": f"{incident.id}/1",
                    "after": incident.member_ids[1], "not_fixed_by": None, "joined": None}
    assert json.loads(json.dumps(body)) == body
    fan_out_until_done(paged, published)
    notes = [e for i in incident.member_ids for e in appeals.current(i).history if e.action is HistoryAction.NOTE]
    assert len(notes) == 5


def test_an_answered_member_is_not_given_a_later_intermediate_answer(
        service: IncidentWorkService, incidents: InMemoryIncidents, appeals: InMemoryAppeals) -> None:
    early = answered(routed(an_appeal("Нет воды"), category="water", department="housing_utilities"))
    incident = an_incident(incidents, appeals, [*water(1), early])
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Работы идут", planned_date=date(2026, 6, 12)))
    assert len(appeals.current(early.id).answers) == 1
    assert len(appeals.current(incident.member_ids[0]).answers) == 1


@pytest.fixture
def selection(incidents: InMemoryIncidents, appeals: InMemoryAppeals, published: RecordingPublisher,
              clock: Clock) -> IncidentSelection:
    return IncidentSelection(incidents, configured_towns(), relay(appeals, published), clock)


def test_an_operator_makes_an_incident_of_a_selection_recorded_with_the_reason_on_each_appeal(
        selection: IncidentSelection, appeals: InMemoryAppeals) -> None:
    members = water(3)
    appeals.put(*members)
    command = commands.CreateIncident(appeal_ids=[m.id for m in members], reason="одна авария на Ленина")

    made = selection.create(OPERATOR, command, idempotency_key="sel-1")

    assert made.member_ids == tuple(m.id for m in members) and made.department == "housing_utilities"
    for member in members:
        stored = appeals.current(member.id)
        assert stored.incident_id == made.id
        entry = stored.history[-1]
        assert (entry.action, entry.details["reason"]) == (HistoryAction.INCIDENT_JOINED, "одна авария на Ленина")
    assert made.history[0].details["reason"] == "одна авария на Ленина"
    assert selection.create(OPERATOR, command, idempotency_key="sel-1").id == made.id  # the same request again
    with pytest.raises(Forbidden):
        selection.create(HOUSING, command)


def test_an_appeal_added_after_the_intermediate_answer_receives_it_at_once(
        service: IncidentWorkService, selection: IncidentSelection, incidents: InMemoryIncidents,
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    incident = an_incident(incidents, appeals, water(2))
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Аварийная бригада на месте", planned_date=date(2026, 6, 12)))
    clock.advance(hours=2)
    (late,) = water(1)
    appeals.put(late.model_copy(update={"category": "water"}))

    selection.act(OPERATOR, incident.id, "add_member", commands.IncidentMember(appeal_id=late.id,
                                                                               reason="тот же дом"))

    joined = appeals.current(late.id)
    assert joined.incident_id == incident.id and [a.kind for a in joined.answers] == [AnswerKind.INTERMEDIATE]
    assert joined.answers[0].created_at == clock.now
    assert [r["appeal_id"] for r in decoded(published.published, REPLIES)][-1] == late.id


def test_an_appeal_added_to_a_resolved_incident_gets_the_final_answer_and_is_resolved_with_it(
        service: IncidentWorkService, selection: IncidentSelection, incidents: InMemoryIncidents,
        appeals: InMemoryAppeals) -> None:
    incident = an_incident(incidents, appeals, water(2))
    service.act(OPERATOR, incident.id, "answer", commands.AnswerCommand(kind=AnswerKind.FINAL, text="Готово"))
    (late,) = water(1)
    appeals.put(late.model_copy(update={"category": "water"}))
    selection.act(OPERATOR, incident.id, "add_member", commands.IncidentMember(appeal_id=late.id, reason="тот же"))
    assert appeals.current(late.id).status is Status.ANSWERED
    service.act(OPERATOR, incident.id, "resolve", commands.Resolve())
    (later,) = water(1)
    appeals.put(later.model_copy(update={"category": "water"}))
    with pytest.raises(ActionRefused):  # a resolved incident takes no new members
        selection.act(OPERATOR, incident.id, "add_member", commands.IncidentMember(appeal_id=later.id, reason="x"))


def test_merging_brings_the_other_incidents_members_with_this_ones_answer_and_splitting_moves_some(
        service: IncidentWorkService, selection: IncidentSelection, incidents: InMemoryIncidents,
        appeals: InMemoryAppeals) -> None:
    kept = an_incident(incidents, appeals, water(2))
    other = an_incident(incidents, appeals, water(2))
    service.act(OPERATOR, kept.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Работы идут", planned_date=date(2026, 6, 12)))

    merged = selection.act(OPERATOR, kept.id, "merge", commands.MergeIncidents(incident_id=other.id,
                                                                               reason="одна авария"))

    assert set(merged.member_ids) == {*kept.member_ids, *other.member_ids}
    assert all(len(appeals.current(i).answers) == 1 for i in other.member_ids)
    closed = incidents.get(other.id)
    assert closed is not None and closed.status is IncidentStatus.MERGED

    moved = list(other.member_ids)
    selection.act(OPERATOR, kept.id, "split", commands.SplitIncident(appeal_ids=moved, reason="другой дом"),
                  idempotency_key="split-1")
    new_incident = {appeals.current(i).incident_id for i in moved}
    assert len(new_incident) == 1 and new_incident != {kept.id}
    assert incidents.get(kept.id).member_ids == kept.member_ids  # type: ignore[union-attr]


def deliver_fan_out(service: IncidentWorkService, published: RecordingPublisher, start: int = 0) -> int:
    """fan_out_incident on every incident.fan-out message published from `start` on, as Pub/Sub delivers them
    (each one's page may publish the next); how many were delivered."""
    delivered = start
    while delivered < len(published.published):
        topic, data, _ = published.published[delivered]
        delivered += 1
        if topic == FAN_OUT:
            service.fan_out(IncidentFanOut.model_validate(json.loads(data)))
    return delivered


def test_a_storms_incidents_of_hundreds_of_members_are_merged_and_split_a_page_at_a_time(
        service: IncidentWorkService, selection: IncidentSelection, incidents: InMemoryIncidents,
        appeals: InMemoryAppeals, published: RecordingPublisher) -> None:
    kept = an_incident(incidents, appeals, water(3))
    other = an_incident(incidents, appeals, water(170))
    service.act(OPERATOR, kept.id, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Работы идут", planned_date=date(2026, 6, 12)))
    start_at = len(published.published)

    merged = selection.act(OPERATOR, kept.id, "merge", commands.MergeIncidents(incident_id=other.id,
                                                                               reason="одна авария"))

    assert merged.member_ids == (*kept.member_ids, *other.member_ids)
    moved_now = [i for i in other.member_ids if appeals.current(i).incident_id == kept.id]
    assert moved_now == list(other.member_ids[:MEMBERS_PER_COMMIT]), "the first page in the merge's own commit"
    deliver_fan_out(service, published, start_at)
    for appeal_id in other.member_ids:
        appeal = appeals.current(appeal_id)
        assert appeal.incident_id == kept.id
        assert [e.action for e in appeal.history].count(HistoryAction.INCIDENTS_MERGED) == 1
        assert len(appeal.answers) == 1, "each moved member is told the incident's answer once"
    again = len(published.published)
    deliver_fan_out(service, published, start_at)  # every message delivered again
    assert all(len(appeals.current(i).answers) == 1 for i in other.member_ids)
    assert len(decoded(published.published[again:], REPLIES)) == 0, "a repeated move sends nobody anything"

    moving = list(other.member_ids[:120])
    before = len(published.published)
    split = selection.act(OPERATOR, kept.id, "split", commands.SplitIncident(appeal_ids=moving, reason="два прорыва"),
                          idempotency_key="split-big")
    deliver_fan_out(service, published, before)
    (new_id,) = {appeals.current(i).incident_id for i in moving}
    assert new_id != kept.id and incidents.get(new_id).member_ids == tuple(moving)  # type: ignore[union-attr]
    assert split.member_ids == (*kept.member_ids, *other.member_ids[120:])
    assert all(appeals.current(i).incident_id == kept.id for i in split.member_ids)
