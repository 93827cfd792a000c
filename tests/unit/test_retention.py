"""Erasing a resident's personal data: what goes, what stays for the figures, and when it is due."""
from __future__ import annotations

import json
from datetime import timedelta

from otklik.domain import actions
from otklik.domain.followups import FollowUp, confirm_resolution, merge, thread_key
from otklik.domain.model import AnswerKind, Appeal, Attachment, AttachmentKind, Author, HistoryAction, Location, Status
from otklik.domain.retention import (
    ERASED,
    closed_at,
    erase_entry,
    erase_personal_data,
    erasure_due,
    photo_objects,
    retention_from,
)
from otklik.domain.towns import DEFAULT_RETENTION_DAYS
from tests.builders import a_regional_appeal, an_appeal, answered, routed
from tests.fakes import T0

NAME, PHONE, USER_ID = "Анна Петрова", "+7 914 123-45-67", "u577001"
TEXT = "Яма у дома 5 по ул. Ленина, звоните +7 914 123-45-67"
ANSWER = "Анна Петровна, яму у дома 5 заделали"
PHOTO = "appeals/x/answers/ans-1/0123456789abcdef.jpg"
LATER = T0 + timedelta(days=2000)


def a_resolved_appeal() -> Appeal:
    appeal = an_appeal(TEXT, author=Author(platform_user_id=USER_ID, display_name=NAME, username="anna",
                                           profile_url="https://t.me/anna", contact=PHONE),
                       attachments=(Attachment(kind=AttachmentKind.PHOTO, platform_id="AgAD-file", url="https://x/1.jpg",
                                               file_name="IMG_anna.jpg", mime_type="image/jpeg"),),
                       location=Location(latitude=46.95, longitude=142.73, place="ул. Ленина, 5"))
    worked = actions.note(routed(appeal), "operator:1", T0 + timedelta(minutes=5), f"звонила {NAME}, {PHONE}")
    answered_appeal = actions.answer(worked, "department:city_economy", T0 + timedelta(hours=1), answer_id="ans-1",
                                     kind=AnswerKind.FINAL, text=ANSWER, planned_date=None, photos=(PHOTO,),
                                     photo_report_required=True, auto_resolve_after=timedelta(hours=72),
                                     manual_delivery=False)
    return confirm_resolution(answered_appeal, T0 + timedelta(hours=2), "msg-9001")


def test_erasing_takes_out_everything_that_identifies_or_speaks_for_the_resident() -> None:
    appeal = a_resolved_appeal()

    erased = erase_personal_data(appeal, LATER)

    stored = json.dumps(erased.model_dump(mode="json"), ensure_ascii=False)
    for personal in (NAME, PHONE, USER_ID, "Ленина", "anna", "AgAD-file", "IMG_anna", "https://x/1.jpg", "142.73",
                     ANSWER, PHOTO, "msg-9001", appeal.source.chat_id, appeal.source.event_id):
        assert personal not in stored, f"{personal!r} is still in the erased appeal"
    assert erased.text == ERASED and erased.answers[0].text == ERASED
    assert thread_key(erased) is None, "no later message of anyone's may join an erased appeal"


def test_erasing_keeps_what_the_figures_are_made_of() -> None:
    appeal = a_resolved_appeal()

    erased = erase_personal_data(appeal, LATER)

    kept = ("id", "municipality", "channel", "received_at", "status", "category", "department", "due_at",
            "first_response_at", "first_response_seconds", "first_response_within_deadline", "answered_at",
            "resolved_at", "overdue", "reopen_count", "note_count", "notices", "archived_history")
    assert {f: getattr(erased, f) for f in kept} == {f: getattr(appeal, f) for f in kept}
    assert [e.action for e in erased.history] == [*(e.action for e in appeal.history),
                                                   HistoryAction.PERSONAL_DATA_ERASED]
    assert [(e.at, e.details.get("category"), e.details.get("department")) for e in erased.history[:-1]] == [
        (e.at, e.details.get("category"), e.details.get("department")) for e in appeal.history]
    assert (erased.answers[0].kind, erased.answers[0].created_at, erased.answers[0].delivery.status) == (
        appeal.answers[0].kind, appeal.answers[0].created_at, appeal.answers[0].delivery.status)
    assert [a.kind for a in erased.attachments] == [AttachmentKind.PHOTO]
    assert erased.erased_at == LATER and erased.history[-1].details == {"by": "retention"}


def test_erasing_twice_changes_nothing_the_second_time() -> None:
    erased = erase_personal_data(a_resolved_appeal(), LATER)

    assert erase_personal_data(erased, LATER + timedelta(days=1)) is erased
    assert all(erase_entry(entry) is entry for entry in erased.history)


def test_the_photo_reports_to_delete_are_named() -> None:
    assert photo_objects(a_resolved_appeal()) == (PHOTO,)


def test_the_regional_centres_own_id_of_an_appeal_it_handed_down_stays() -> None:
    appeal = routed(a_regional_appeal(TEXT, regional_id="R-77", author=NAME))

    erased = erase_personal_data(appeal, LATER, "request")

    assert erased.source.event_id == "R-77" and erased.author.display_name is None
    assert erased.history[-1].details == {"by": "request"}


def test_the_resident_as_actor_loses_their_platform_id() -> None:
    resolved = a_resolved_appeal()

    actors = {e.actor for e in erase_personal_data(resolved, LATER).history}

    assert f"resident:{USER_ID}" in {e.actor for e in resolved.history}
    assert "resident" in actors and not any(USER_ID in actor for actor in actors)


def test_retention_counts_from_closing_and_stops_once_erased() -> None:
    open_appeal = routed(an_appeal())
    resolved = a_resolved_appeal()
    rejected = actions.reject(an_appeal(), "operator:1", T0 + timedelta(hours=3), "спам")
    later = an_appeal("и ещё фото", chat="42", received_at=T0 + timedelta(minutes=10))
    _, merged = merge(later, an_appeal(chat="42"), T0 + timedelta(minutes=11), FollowUp.APPEND)

    assert closed_at(open_appeal) is None and closed_at(answered(routed(an_appeal()))) is None
    assert closed_at(resolved) == resolved.resolved_at == T0 + timedelta(hours=2)
    assert closed_at(rejected) == T0 + timedelta(hours=3)
    assert merged.status is Status.MERGED and closed_at(merged) == T0 + timedelta(minutes=11)
    assert retention_from(erase_personal_data(resolved, LATER)) is None


def test_erasure_falls_due_when_the_retention_period_has_run_out() -> None:
    resolved = a_resolved_appeal()
    retention = timedelta(days=DEFAULT_RETENTION_DAYS)
    start = resolved.resolved_at
    assert start is not None

    assert not erasure_due(resolved, retention, start + retention - timedelta(seconds=1))
    assert erasure_due(resolved, retention, start + retention)
    assert not erasure_due(routed(an_appeal()), retention, LATER + retention)
