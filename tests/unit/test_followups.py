"""A resident's next message in the same chat: part of the open appeal, feedback, or a new appeal."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from otklik.domain.appeal_text import FOLLOW_UP_TEXT_LIMIT
from otklik.domain.classification import classify
from otklik.domain.followups import (
    MAX_FOLLOW_UP_ATTACHMENTS,
    MAX_LINKED_FOLLOW_UPS,
    FollowUp,
    classify_follow_up,
    confirm_resolution,
    follow_up_target,
    link_related,
    merge,
    own_topic,
    reopen,
    thread_key,
)
from otklik.domain.model import Appeal, Attachment, AttachmentKind, Channel, InvalidTransition, SourceKind, Status
from tests.builders import a_wall_comment, an_appeal, answered, routed

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)


def message(text: str, *, at: datetime = T0, status: Status = Status.RECEIVED, chat: str = "100",
            author: str = "u1", attachments: tuple[Attachment, ...] = ()) -> Appeal:
    """A message of resident u1 in chat 100 unless said otherwise, each an appeal of its own, in `status` as it is."""
    return an_appeal(text, received_at=at, status=status, chat=chat, author=author, attachments=attachments)


def topic(appeal: Appeal) -> str | None:
    """As routing decides it: where the appeal was routed, else what the classifier makes of its text."""
    if appeal.status is Status.ROUTED and appeal.category:
        return appeal.category
    return own_topic(classify(appeal.text))


WASTE = routed(message("Во дворе дома 12 по ул. Ленина третью неделю не вывозят мусор"), category="waste",
               department="ecology")
LATER = T0 + timedelta(hours=2)


@pytest.mark.parametrize("text", ["и ещё фото", "Когда уберут?", "Сколько можно ждать?", "",
                                  "Контейнеры переполнены, мусор валяется вокруг", "Мусор так и не вывезли"])
def test_a_message_continuing_the_open_appeals_problem_joins_it(text: str) -> None:
    """No problem of its own (a question about progress, a photo or location alone), or the same one."""
    assert follow_up_target(message(text, at=LATER), [WASTE], WINDOW, topic) == (FollowUp.APPEND, WASTE)


@pytest.mark.parametrize("text", ["В подвале прорвало трубу, всё заливает", "А ещё на улице Мира не горят фонари "
                                  "уже неделю", "Нет горячей воды третий день"])
def test_a_message_about_another_problem_is_an_appeal_of_its_own_linked_to_the_open_one(text: str) -> None:
    assert follow_up_target(message(text, at=LATER), [WASTE], WINDOW, topic) == (FollowUp.RELATED, WASTE)


def test_after_a_first_message_without_a_problem_the_next_one_joins_it() -> None:
    hello = message("Здравствуйте, у меня вопрос", status=Status.NEEDS_TRIAGE)
    assert follow_up_target(message("Во дворе не вывозят мусор", at=LATER), [hello], WINDOW, topic) == (
        FollowUp.APPEND, hello)


def test_a_message_joins_the_open_appeal_about_its_problem_even_if_another_is_newer() -> None:
    water = routed(message("В подвале прорвало трубу", at=T0 + timedelta(hours=1)), category="water",
                   department="housing_utilities")
    assert follow_up_target(message("Мусор так и не вывезли", at=LATER), [water, WASTE], WINDOW, topic) == (
        FollowUp.APPEND, WASTE)
    assert follow_up_target(message("Когда починят?", at=LATER), [water, WASTE], WINDOW, topic) == (
        FollowUp.APPEND, water), "without a problem of its own: the newest open appeal"


def test_feedback_on_the_latest_answered_appeal_comes_first() -> None:
    waste_answered = answered(WASTE, at=T0 + timedelta(hours=1))
    assert follow_up_target(message("Спасибо, всё сделали!", at=LATER), [waste_answered], WINDOW, topic) == (
        FollowUp.CONFIRM, waste_answered)
    assert follow_up_target(message("В подвале прорвало трубу", at=LATER), [waste_answered], WINDOW, topic) == (
        FollowUp.NEW_APPEAL, None)


def test_an_open_appeal_out_of_the_window_takes_nothing_and_links_nothing() -> None:
    late = T0 + WINDOW + timedelta(minutes=1)
    for text in ("и ещё фото", "В подвале прорвало трубу"):
        assert follow_up_target(message(text, at=late), [WASTE], WINDOW, topic) == (FollowUp.NEW_APPEAL, None)


def test_the_thread_lookup_does_not_classify_what_it_need_not() -> None:
    classified: list[str] = []

    def counting(appeal: Appeal) -> str | None:
        classified.append(appeal.id)
        return topic(appeal)

    new = message("и ещё фото", at=LATER)
    follow_up_target(new, [WASTE], WINDOW, counting)
    assert classified == [new.id]


def test_a_later_or_the_same_message_is_not_an_earlier_appeal() -> None:
    itself = message("и ещё", at=LATER)
    later = message("яма", at=LATER + timedelta(minutes=1), status=Status.ROUTED)
    assert follow_up_target(itself, [later, itself], WINDOW, topic) == (FollowUp.NEW_APPEAL, None)


def test_thread_is_the_same_author_in_the_same_chat() -> None:
    assert thread_key(message("a")) == thread_key(message("b"))
    assert thread_key(message("a")) != thread_key(message("a", chat="200"))
    assert thread_key(message("a")) != thread_key(message("a", author="u2"))


def test_comments_under_the_same_post_share_a_thread_other_kinds_have_none() -> None:
    assert thread_key(a_wall_comment("a", post="7")) is not None
    on_a_board = an_appeal("a", channel=Channel.VK, kind=SourceKind.BOARD_POST, chat="100",
                           source={"owner_id": "-1", "post_id": "7"})
    assert thread_key(on_a_board) is None


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS])
def test_a_message_while_an_appeal_is_open_and_young_is_appended(status: Status) -> None:
    previous = message("яма", status=status)
    assert classify_follow_up(message("и ещё одна", at=T0 + timedelta(hours=3)), previous, WINDOW) is FollowUp.APPEND


def test_an_open_appeal_older_than_the_window_does_not_take_follow_ups() -> None:
    previous = message("яма", status=Status.ROUTED)
    assert classify_follow_up(message("и ещё", at=T0 + WINDOW + timedelta(minutes=1)), previous,
                              WINDOW) is FollowUp.NEW_APPEAL


@pytest.mark.parametrize(("text", "expected"), [
    ("спасибо, всё сделали", FollowUp.CONFIRM),
    ("решено", FollowUp.CONFIRM),
    ("не решено", FollowUp.REOPEN),
    ("ничего не сделали", FollowUp.REOPEN),
    ("а ещё у нас во дворе нет освещения", FollowUp.NEW_APPEAL),
])
def test_after_an_answer_the_next_message_is_feedback(text: str, expected: FollowUp) -> None:
    previous = message("яма", status=Status.ANSWERED)
    assert classify_follow_up(message(text, at=T0 + timedelta(days=2)), previous, WINDOW) is expected


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.REJECTED])
def test_after_resolution_anything_starts_a_new_appeal(status: Status) -> None:
    previous = message("яма", status=status)
    assert classify_follow_up(message("не решено", at=T0 + timedelta(hours=1)), previous, WINDOW) is FollowUp.NEW_APPEAL


def test_merging_appends_the_text_and_records_both_sides() -> None:
    previous = message("яма на Ленина", status=Status.ROUTED)
    photo = message("фото прикладываю")
    updated, merged = merge(photo, previous, T0, FollowUp.APPEND)
    assert updated.text == "яма на Ленина\n\nфото прикладываю"
    assert updated.follow_ups == (photo.id,) and updated.status is Status.ROUTED
    assert updated.history[-1].action == "follow_up"
    assert merged.status is Status.MERGED and merged.merged_into == previous.id


def test_merging_keeps_the_first_messages_own_text_apart() -> None:
    previous = message("яма на Ленина", status=Status.ROUTED)
    photo, question = message("вот фото"), message("когда починят?")
    once, _ = merge(photo, previous, T0, FollowUp.APPEND)
    twice, _ = merge(question, once, T0, FollowUp.APPEND)
    assert (twice.own_text, twice.first_message_text) == ("яма на Ленина", "яма на Ленина")
    assert twice.text == "яма на Ленина\n\nвот фото\n\nкогда починят?"
    assert (twice.follow_ups, twice.follow_up_count) == ((photo.id, question.id), 2)


def test_what_merging_adds_to_an_appeal_is_bounded_and_every_follow_up_is_counted() -> None:
    photo = Attachment(kind=AttachmentKind.PHOTO, platform_id="p")
    appeal = message("яма на Ленина " * 50, status=Status.ROUTED)
    follow_ups = [message(f"{number} " + "и ещё подробности " * 20, attachments=(photo, photo))
                  for number in range(MAX_LINKED_FOLLOW_UPS + 20)]
    for number, follow_up in enumerate(follow_ups):
        appeal, merged = merge(follow_up, appeal, T0, FollowUp.APPEND)
        assert merged.text.startswith(f"{number} "), "each follow-up keeps its own text"
    assert len(appeal.text) <= len(appeal.first_message_text) + len("\n\n") + FOLLOW_UP_TEXT_LIMIT
    assert appeal.text.endswith("и ещё подробности ") and "\n\n1 и ещё" in appeal.text
    assert len(appeal.follow_ups) == MAX_LINKED_FOLLOW_UPS and appeal.follow_ups[0] == follow_ups[0].id
    assert appeal.follow_up_count == MAX_LINKED_FOLLOW_UPS + 20
    assert len(appeal.attachments) == MAX_FOLLOW_UP_ATTACHMENTS


def test_a_related_appeal_is_linked_on_both_sides_once() -> None:
    first = message("мусор", status=Status.ROUTED)
    second = message("труба", status=Status.ROUTED)
    linked = link_related(first, second, T0)
    assert linked.related_appeals == (second.id,) and linked.history[-1].action == "related_appeal"
    assert link_related(linked, second, T0) is linked
    assert link_related(second, first, T0).related_appeals == (first.id,)


def test_confirmation_resolves_an_answered_appeal_only() -> None:
    assert confirm_resolution(message("x", status=Status.ANSWERED), T0, "m2").status is Status.RESOLVED
    with pytest.raises(InvalidTransition):
        confirm_resolution(message("x", status=Status.ROUTED), T0, "m2")


def test_reopening_routes_again_with_a_new_deadline_and_counts() -> None:
    due = T0 + timedelta(hours=12)
    reopened = reopen(message("x", status=Status.ANSWERED), T0, due, reason="не решено", actor="resident:u1")
    assert (reopened.status, reopened.due_at, reopened.reopen_count) == (Status.ROUTED, due, 1)
    assert reopened.history[-1].action == "reopened"
