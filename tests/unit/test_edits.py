"""A resident edits a message: its own text changes where it is kept, the other messages' texts stay, and an
unanswered appeal may be classified (and routed) again."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from otklik.domain.appeal_text import FOLLOW_UP_TEXT_LIMIT, with_follow_up_edited
from otklik.domain.classification import classify
from otklik.domain.edits import edit_follow_up, edit_message
from otklik.domain.followups import FollowUp, merge
from otklik.domain.model import AnswerKind, Appeal, HistoryAction, HistoryEntry, Status
from otklik.domain.reclassification import awaits_reclassification, may_reclassify, reroute
from otklik.domain.routing import apply_route, decide_route
from otklik.domain.towns import RegionConfig
from tests.builders import an_appeal, answered
from tests.conftest import TOWNS_FILE

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
TOWNS = {t.code: t for t in RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns}
ACTOR = "telegram:yuzhno"


def appeal(text: str) -> Appeal:
    """A message of the same resident in the same chat."""
    return an_appeal(text, chat="100", author="u1", received_at=T0)


def routed(text: str) -> Appeal:
    received = appeal(text)
    return apply_route(received, decide_route(received, classify(text), TOWNS), T0)


def with_follow_ups(first: Appeal, *texts: str) -> tuple[Appeal, list[Appeal]]:
    records = []
    for text in texts:
        first, record = merge(appeal(text), first, T0, FollowUp.APPEND)
        records.append(record)
    return first, records


class TestEditingTheFirstMessage:
    def test_the_follow_ups_texts_stay(self) -> None:
        folded, _ = with_follow_ups(routed("Яма на Ленина"), "вот фото", "когда починят?")
        edited = edit_message(folded, "Яма на Ленина у дома 5", T0, ACTOR, None)
        assert edited is not None
        assert edited.text == "Яма на Ленина у дома 5\n\nвот фото\n\nкогда починят?"
        assert edited.own_text == "Яма на Ленина у дома 5"
        assert edited.history[-1].action == "text_edited"

    def test_without_follow_ups_the_text_is_replaced(self) -> None:
        edited = edit_message(appeal("Яма"), "Яма у школы", T0, ACTOR, T0 - timedelta(minutes=1))
        assert edited is not None and (edited.text, edited.own_text) == ("Яма у школы", None)
        assert edited.history[-1].details == {"edited_at": (T0 - timedelta(minutes=1)).isoformat()}

    def test_the_same_text_again_changes_nothing(self) -> None:
        folded, _ = with_follow_ups(routed("Яма"), "вот фото")
        assert edit_message(folded, "Яма", T0, ACTOR, None) is None

    def test_a_first_message_without_text_gets_one_before_its_follow_ups(self) -> None:
        folded, _ = with_follow_ups(appeal(""), "яма на Ленина")
        edited = edit_message(folded, "Фото ямы", T0, ACTOR, None)
        assert edited is not None and edited.text == "Фото ямы\n\nяма на Ленина"


class TestEditingAFollowUp:
    def test_its_record_and_its_part_of_the_appeals_text_change(self) -> None:
        folded, (photo, question) = with_follow_ups(routed("Яма на Ленина"), "вот фото", "когда починят?")
        record = edit_message(question, "когда отремонтируют?", T0, ACTOR, None)
        assert record is not None and record.text == "когда отремонтируют?" and record.status is Status.MERGED
        changed = edit_follow_up(folded, record, question.text, T0, ACTOR)
        assert changed is not None
        assert changed.text == "Яма на Ленина\n\nвот фото\n\nкогда отремонтируют?"
        assert changed.history[-1].action == "follow_up_edited"
        assert changed.history[-1].details == {"appeal_id": question.id}

    def test_the_same_words_elsewhere_are_not_touched(self) -> None:
        folded, _ = with_follow_ups(routed("Яма"), "фото", "и ещё фото", "фото")
        assert with_follow_up_edited(folded, "фото", "снимок")["text"] == "Яма\n\nфото\n\nи ещё фото\n\nснимок"

    def test_a_follow_up_left_out_of_the_text_comes_in_once_it_fits(self) -> None:
        folded, records = with_follow_ups(routed("Яма"), "я" * (FOLLOW_UP_TEXT_LIMIT - 10), "и ещё вот что")
        assert not folded.text.endswith("и ещё вот что"), "over the bound: left out, kept in its record"
        longer = edit_message(records[1], "и ещё вот что было", T0, ACTOR, None)
        assert longer is not None and edit_follow_up(folded, longer, "и ещё вот что", T0, ACTOR) is None
        shorter = edit_message(records[1], "и ещё", T0, ACTOR, None)
        assert shorter is not None
        changed = edit_follow_up(folded, shorter, "и ещё вот что", T0, ACTOR)
        assert changed is not None and changed.text.endswith("я\n\nи ещё")

    def test_an_edit_keeps_the_text_within_its_bound(self) -> None:
        folded, records = with_follow_ups(routed("Яма"), "коротко", "x" * (FOLLOW_UP_TEXT_LIMIT - 20))
        record = edit_message(records[0], "длинно " * 100, T0, ACTOR, None)
        assert record is not None
        changed = edit_follow_up(folded, record, "коротко", T0, ACTOR)
        assert changed is not None and len(changed.text) == len("Яма\n\n") + FOLLOW_UP_TEXT_LIMIT


class TestClassifyingAgain:
    def test_an_unanswered_appeal_routed_by_the_classifier_may_be(self) -> None:
        waste = routed("Во дворе не вывозят мусор")
        assert may_reclassify(waste)
        assert not awaits_reclassification(waste), "nothing changed since it was classified"
        edited = edit_message(waste, "Во дворе прорвало трубу", T0, ACTOR, None)
        assert edited is not None and awaits_reclassification(edited)

    @pytest.mark.parametrize("change", ["answered", "taken", "triaged", "hinted"])
    def test_once_people_decided_or_answered_it_is_not(self, change: str) -> None:
        waste = routed("Во дворе не вывозят мусор")
        changed = {
            "answered": answered(waste, "ok", kind=AnswerKind.INTERMEDIATE, at=T0),
            "taken": waste.changed(Status.IN_PROGRESS, HistoryEntry(at=T0, actor="operator",
                                                                    action=HistoryAction.TAKEN), assignee="op"),
            "triaged": waste.with_entry(HistoryEntry(at=T0, actor="operator", action=HistoryAction.TRIAGED)),
            "hinted": waste.model_copy(update={"category_hint": "waste"}),
        }[change]
        edited = edit_message(changed, "Во дворе прорвало трубу", T0, ACTOR, None)
        assert edited is not None and not awaits_reclassification(edited)

    def test_a_new_problem_routes_it_to_its_department_with_the_new_deadline(self) -> None:
        waste = routed("Во дворе не вывозят мусор")
        edited = edit_message(waste, "В подвале прорвало трубу, всё заливает", T0, ACTOR, None)
        assert edited is not None
        decision = decide_route(edited, classify(edited.text), TOWNS)
        moved = reroute(edited, decision, T0 + timedelta(minutes=5), because="text_edited")
        assert moved is not None
        assert (moved.status, moved.category, moved.department) == (Status.ROUTED, "water", "housing_utilities")
        assert moved.due_at == decision.due_at
        assert moved.history[-1].action == "routed"
        assert moved.history[-1].details["previous"] == {"status": "routed", "category": "waste",
                                                          "department": "ecology"}
        assert not awaits_reclassification(moved)

    def test_the_same_decision_changes_nothing(self) -> None:
        waste = routed("Во дворе не вывозят мусор")
        edited = edit_message(waste, "Во дворе третью неделю не вывозят мусор", T0, ACTOR, None)
        assert edited is not None
        assert reroute(edited, decide_route(edited, classify(edited.text), TOWNS), T0, because="text_edited") is None

    def test_an_appeal_in_triage_with_another_unsure_guess_stays_in_triage(self) -> None:
        unsure = routed("Сколько можно ждать?")
        assert unsure.status is Status.NEEDS_TRIAGE
        edited = edit_message(unsure, "Во дворе не вывозят мусор", T0, ACTOR, None)
        assert edited is not None
        moved = reroute(edited, decide_route(edited, classify(edited.text), TOWNS), T0, because="text_edited")
        assert moved is not None and (moved.status, moved.department) == (Status.ROUTED, "ecology")
