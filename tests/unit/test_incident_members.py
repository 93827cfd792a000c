"""What a step of work on an incident does to each member appeal (domain/incidents/members.py): every member in its
own lifecycle, once per step, an answer under the incident answer's own id."""
from __future__ import annotations

from datetime import date, timedelta

from otklik.domain.incidents.members import (
    INCIDENT_ID,
    INCIDENT_STEP,
    MemberDeadline,
    MemberStep,
    StepKind,
    apply_step,
    joining_member_receives,
)
from otklik.domain.model import Answer, AnswerKind, Channel, HistoryAction, Status
from otklik.services.events import outbox_messages
from tests.builders import a_regional_appeal, an_appeal, answered, routed
from tests.fakes import T0

AUTO = timedelta(hours=72)
INCIDENT = "inc-1"
INCIDENT_PHOTOS = "in-5b0e2c7d9a1f3e4b6c8d0a2f"  # an incident id, as the photos of its answers are stored under


def an_answer(kind: AnswerKind = AnswerKind.FINAL, answer_id: str = "ians-1", hours: float = 2,
              photos: tuple[str, ...] = ()) -> Answer:
    return Answer(id=answer_id, kind=kind, text="Аварию устранили", author="department:roads1",
                  planned_date=date(2026, 6, 20) if kind is AnswerKind.INTERMEDIATE else None, photos=photos,
                  created_at=T0 + timedelta(hours=hours))


def step(kind: StepKind, number: int = 3, **fields: object) -> MemberStep:
    return MemberStep(incident_id=INCIDENT, step=f"{INCIDENT}/{number}", kind=kind, actor="department:roads1",
                      at=T0 + timedelta(hours=2), **fields)  # type: ignore[arg-type]


def test_an_incident_answer_becomes_the_members_own_answer_and_requests_its_reply() -> None:
    member = routed(an_appeal("Нет воды в доме 5"))
    answer = an_answer(photos=("incidents/inc-1/ians-1/0.jpg",))

    changed = apply_step(member, step(StepKind.ANSWER, answer=answer), auto_resolve_after=AUTO)

    assert changed is not None and changed.status is Status.ANSWERED
    (given,) = changed.answers
    assert (given.id, given.text, given.photos) == (answer.id, answer.text, answer.photos)
    assert changed.history[-1].details[INCIDENT_ID] == INCIDENT
    assert [m.topic for m in outbox_messages(member, changed)] == ["reply_requested"]


def test_a_step_carried_out_before_changes_nothing() -> None:
    member = routed(an_appeal("Нет воды в доме 5"))
    answer_step = step(StepKind.ANSWER, answer=an_answer())
    once = apply_step(member, answer_step, auto_resolve_after=AUTO)
    assert once is not None
    assert apply_step(once, answer_step, auto_resolve_after=AUTO) is None

    note = step(StepKind.NOTE, number=4, text="Бригада выехала")
    noted = apply_step(once.model_copy(update={"status": Status.IN_PROGRESS}), note, auto_resolve_after=AUTO)
    assert noted is not None and noted.history[-1].details[INCIDENT_STEP] == f"{INCIDENT}/4"
    assert apply_step(noted, note, auto_resolve_after=AUTO) is None


def test_a_regional_member_is_answered_through_its_callback_not_a_reply() -> None:
    member = routed(a_regional_appeal("Нет воды"))
    changed = apply_step(member, step(StepKind.ANSWER, answer=an_answer()), auto_resolve_after=AUTO)
    assert changed is not None
    assert [m.topic for m in outbox_messages(member, changed)] == ["regional_callback"]


def test_an_answered_member_takes_no_intermediate_answer_and_a_closed_one_nothing() -> None:
    member = answered(routed(an_appeal("Нет воды")))
    intermediate = step(StepKind.ANSWER, answer=an_answer(AnswerKind.INTERMEDIATE, "ians-2"))
    assert apply_step(member, intermediate, auto_resolve_after=AUTO) is None
    rejected = an_appeal("Реклама", status=Status.REJECTED)
    assert apply_step(rejected, step(StepKind.TAKE), auto_resolve_after=AUTO) is None


def test_take_and_assign_are_the_members_own_take_and_assign() -> None:
    member = routed(an_appeal("Нет воды"))
    taken = apply_step(member, step(StepKind.TAKE), auto_resolve_after=AUTO)
    assert taken is not None and (taken.status, taken.assignee) == (Status.IN_PROGRESS, "department:roads1")
    moved = apply_step(taken, step(StepKind.ASSIGN, number=4, department="housing"), auto_resolve_after=AUTO)
    assert moved is not None and (moved.status, moved.department) == (Status.ROUTED, "housing")
    assert [m.topic for m in outbox_messages(taken, moved)] == ["appeal_routed"]


def test_resolving_gives_a_member_that_missed_the_final_answer_that_answer_first() -> None:
    final = an_answer()
    member = routed(an_appeal("Нет воды"))
    resolved = apply_step(member, step(StepKind.RESOLVE, number=5, answers=(final,)), auto_resolve_after=AUTO)
    assert resolved is not None and resolved.status is Status.RESOLVED
    assert [a.id for a in resolved.answers] == [final.id]
    assert [e.action for e in resolved.history[-2:]] == [HistoryAction.ANSWERED_FINAL, HistoryAction.RESOLVED]


def test_reopening_routes_answered_members_again_with_their_new_deadline() -> None:
    member = answered(routed(an_appeal("Нет воды")))
    due = T0 + timedelta(days=1)
    reopened = apply_step(member, step(StepKind.REOPEN, text="снова нет воды"), auto_resolve_after=AUTO,
                          deadline=MemberDeadline(due))
    assert reopened is not None and (reopened.status, reopened.due_at) == (Status.ROUTED, due)


def test_a_member_joining_after_the_intermediate_answer_gets_it_at_once() -> None:
    joining = routed(an_appeal("Нет воды", received_at=T0 + timedelta(hours=5)), at=T0 + timedelta(hours=5))
    answers = (an_answer(AnswerKind.INTERMEDIATE, "ians-1"), an_answer(AnswerKind.INTERMEDIATE, "ians-2", hours=3))
    at = T0 + timedelta(hours=5, minutes=1)

    received = joining_member_receives(joining, INCIDENT, answers, incident_resolved=False, at=at,
                                       auto_resolve_after=AUTO, actor="system:incidents")

    assert [a.id for a in received.answers] == ["ians-2"] and received.status is Status.ROUTED
    assert received.first_response_at == at
    assert [m.topic for m in outbox_messages(joining, received)] == ["reply_requested"]


def test_a_member_joining_a_resolved_incident_gets_the_final_answer_and_is_resolved_with_it() -> None:
    joining = routed(an_appeal("Нет воды", channel=Channel.VK, received_at=T0 + timedelta(hours=5)))
    answers = (an_answer(AnswerKind.INTERMEDIATE, "ians-1"), an_answer(AnswerKind.FINAL, "ians-2", hours=3))
    received = joining_member_receives(joining, INCIDENT, answers, incident_resolved=True,
                                       at=T0 + timedelta(hours=5), auto_resolve_after=AUTO, actor="system:incidents")
    assert [a.id for a in received.answers] == ["ians-2"] and received.status is Status.RESOLVED
    assert [m.topic for m in outbox_messages(joining, received)] == ["reply_requested"]


def test_a_member_joining_an_incident_without_answers_receives_nothing() -> None:
    joining = routed(an_appeal("Нет воды"))
    assert joining_member_receives(joining, INCIDENT, (), incident_resolved=False, at=T0, auto_resolve_after=AUTO,
                                   actor="system:incidents") is joining


def test_erasing_a_members_personal_data_leaves_the_incidents_photo_report_to_the_other_members() -> None:
    from otklik.domain.retention import photo_objects

    shared = f"appeals/{INCIDENT_PHOTOS}/answers/ians-1/ab12.jpg"
    own = "appeals/tg-0123456789abcdef01234567/answers/ans-1/cd34.jpg"
    member = routed(an_appeal("Нет воды"))
    given = apply_step(member, step(StepKind.ANSWER, answer=an_answer(photos=(shared,))), auto_resolve_after=AUTO)
    assert given is not None
    with_own = given.model_copy(update={"answers": (*given.answers, given.answers[0].model_copy(
        update={"id": "ans-1", "photos": (own,)}))})
    assert photo_objects(with_own) == (own,)
