"""What a change publishes: one row per kind of event (history entry) in services/events.py."""
from __future__ import annotations

from datetime import timedelta

from otklik.domain import actions
from otklik.domain.model import AnswerKind, Appeal, Channel, HistoryAction, HistoryEntry, Status
from otklik.domain.reclassification import reroute
from otklik.domain.routing import RoutingDecision
from otklik.messages import AppealRouted
from otklik.services.events import MESSAGES, write
from tests.builders import an_appeal, routed
from tests.fakes import T0


def test_every_kind_of_event_says_what_it_publishes() -> None:
    missing = set(HistoryAction) - set(MESSAGES)
    assert not missing, f"add a row to services/events.py MESSAGES for {sorted(missing)} (an empty tuple: nothing)"


def test_a_new_appeal_publishes_appeal_received_with_a_stable_id() -> None:
    appeal = an_appeal()
    (message,) = write(None, appeal).messages
    assert (message.id, message.topic) == (f"{appeal.id}/0/received", "appeal_received")
    assert write(None, appeal).messages == (message,), "the same change always gives the same messages"


def test_a_change_publishes_only_for_the_entries_it_added() -> None:
    appeal = routed(an_appeal())
    answered = actions.answer(appeal, "department:k", T0 + timedelta(hours=1), answer_id="a1",
                              kind=AnswerKind.INTERMEDIATE, text="В работе", planned_date=T0.date(), photos=(),
                              photo_report_required=False, auto_resolve_after=timedelta(hours=72),
                              manual_delivery=False)
    assert [m.topic for m in write(appeal, answered).messages] == ["reply_requested"]


def test_an_answer_to_a_regional_appeal_goes_back_through_the_callback_not_a_platform() -> None:
    appeal = routed(an_appeal(channel=Channel.REGIONAL, account="cur-sakhalin", chat=None))
    answered = actions.answer(appeal, "department:k", T0 + timedelta(hours=1), answer_id="a1",
                              kind=AnswerKind.FINAL, text="Сделано", planned_date=None, photos=(),
                              photo_report_required=False, auto_resolve_after=timedelta(hours=72),
                              manual_delivery=True)
    assert [m.topic for m in write(appeal, answered).messages] == ["regional_callback"]


def _routed_messages(before: Appeal | None, after: Appeal) -> list[AppealRouted]:
    return [AppealRouted.model_validate(m.body) for m in write(before, after).messages if m.topic == "appeal_routed"]


def test_routings_first_decision_is_marked_for_group_appeal_and_no_later_placing_is() -> None:
    received = an_appeal()
    first = routed(received)
    (message,) = _routed_messages(received, first)
    assert message.first_routing and message.attributes()["first_routing"] == "true"

    decision = RoutingDecision(status=Status.ROUTED, municipality=first.municipality, category="waste",
                               confidence=0.8, reasons=(), department="ecology", due_at=None)
    again = reroute(first, decision, T0 + timedelta(hours=1), because="text_edited")
    assert again is not None
    (reclassified,) = _routed_messages(first, again)
    assert not reclassified.first_routing and reclassified.attributes()["first_routing"] == "false"

    to_triage = received.changed(Status.NEEDS_TRIAGE, HistoryEntry(at=T0, actor="system:router",
                                                                   action=HistoryAction.NEEDS_TRIAGE, details={}))
    triaged = actions.triage(to_triage, "operator:1", T0 + timedelta(hours=2), category="roads",
                             municipality=to_triage.municipality, department="city_economy", due_at=None)
    assert [m.first_routing for m in _routed_messages(received, to_triage)] == [True]
    assert [m.first_routing for m in _routed_messages(to_triage, triaged)] == [False]
