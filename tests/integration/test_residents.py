"""Residents' personal data on the emulators: erased when the retention period has run out and at a resident's
request — in the appeal, its archived history and its photo reports — with the month's report unchanged; the
export holds every appeal and message of the resident; the audit log keeps ids and counts, never the data."""
from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from otklik import cli
from otklik.adapters.firestore_appeals import FirestoreAppealRepository
from otklik.adapters.firestore_residents import AUDIT, FirestoreAuditLog, FirestoreResidentRecords
from otklik.domain import actions
from otklik.domain.history import HistoryBounds
from otklik.domain.model import AnswerKind, Appeal, Author, Status
from otklik.domain.photos import CleanPhoto
from otklik.domain.retention import ERASED
from otklik.services.events import write
from otklik.services.ports import AppealWrite, PhotoNotFound
from otklik.services.residents import ResidentData
from tests.builders import an_appeal, routed
from tests.conftest import Stack, seed_towns
from tests.integration.test_report import JUNE_END, generate
from tests.support import TOWN

NAME, PHONE = "Анна Петрова", "+7 914 123-45-67"
# Past the default retention (1096 days) of everything generated for June 2026.
YEARS_LATER = JUNE_END + timedelta(days=1200)


def residents(stack: Stack, now: datetime) -> ResidentData:
    deps = stack.deps
    return ResidentData(deps.appeals, FirestoreResidentRecords(deps.firestore), deps.appeals, deps.photos, deps.towns,
                        FirestoreAuditLog(deps.firestore), lambda: now, incidents=deps.incidents)


def report(stack: Stack) -> dict[str, Any]:
    return stack.deps.reports.monthly(TOWN, "2026-06").model_dump(mode="json")


def audit_log(stack: Stack) -> list[dict[str, Any]]:
    return [s.to_dict() or {} for s in stack.deps.firestore.collection(AUDIT).stream()]


def resolved_with_a_photo_and_archive(stack: Stack, author: str, received_at: datetime) -> tuple[Appeal, str]:
    """A resolved appeal of `author` with a note naming them in its archived history and a photo report stored."""
    appeal = routed(an_appeal(f"Яма у дома 5, звоните {PHONE}", received_at=received_at,
                              author=Author(platform_user_id=author, display_name=NAME, contact=PHONE)))
    stack.deps.appeals.add(AppealWrite(appeal))
    photo = stack.deps.photos.put(appeal.id, "ans-1", CleanPhoto(data=b"\xff\xd8jpeg", content_type="image/jpeg",
                                                                 width=1, height=1, sha256="ab" * 32, extension="jpg"))
    archiving = FirestoreAppealRepository(stack.deps.firestore, history=HistoryBounds(entries=2))
    at = received_at + timedelta(minutes=5)

    def work(current: dict[str, Appeal | None]) -> list[AppealWrite]:
        before = current[appeal.id]
        assert before is not None
        noted = actions.note(before, "operator:1", at, f"звонила {NAME}, {PHONE}")
        done = actions.answer(noted, "department:city_economy", at, answer_id="ans-1", kind=AnswerKind.FINAL,
                              text=f"{NAME}, яму заделали", planned_date=None, photos=(photo,),
                              photo_report_required=True, auto_resolve_after=timedelta(hours=72),
                              manual_delivery=False)
        return [write(before, actions.resolve(done, "operator:1", at + timedelta(hours=1), "решено"))]

    archiving.transact([appeal.id], work)
    stored = stack.deps.appeals.get(appeal.id)
    assert stored is not None and stored.archived_history > 0 and stored.status is Status.RESOLVED
    return stored, photo


def everything_stored_about(stack: Stack, appeal_id: str) -> str:
    document = stack.deps.firestore.collection("appeals").document(appeal_id)
    stored = [document.get().to_dict(), *(s.to_dict() for s in document.collection("history_archive").stream())]
    return json.dumps(stored, ensure_ascii=False, default=str)


@pytest.fixture
def month(stack: Stack) -> list[Appeal]:
    seed_towns(stack)
    appeals = generate(random.Random(20260601), 120)
    for appeal in appeals:
        stack.deps.appeals.add(AppealWrite(appeal))
    return appeals


def test_the_retention_pass_erases_a_past_month_and_its_report_stays_the_same(stack: Stack,
                                                                               month: list[Appeal]) -> None:
    appeal, photo = resolved_with_a_photo_and_archive(stack, "u577001", JUNE_END - timedelta(days=3))
    before = report(stack)

    erased = residents(stack, YEARS_LATER).erase_expired()

    closed = [a for a in month if a.status in (Status.RESOLVED, Status.REJECTED, Status.MERGED)]
    assert erased.appeals == len(closed) + 1 and erased.finished
    assert report(stack) == before
    stored = everything_stored_about(stack, appeal.id)
    for personal in (NAME, PHONE, "u577001", "Яма у дома 5", photo):
        assert personal not in stored
    with pytest.raises(PhotoNotFound):
        stack.deps.photos.get(photo)
    still_open = next(a for a in month if a.status is Status.IN_PROGRESS)
    assert stack.deps.appeals.get(still_open.id) == still_open
    assert residents(stack, YEARS_LATER).erase_expired().appeals == 0


def test_nothing_is_erased_before_the_retention_period_has_run_out(stack: Stack, month: list[Appeal]) -> None:
    assert residents(stack, JUNE_END + timedelta(days=1000)).erase_expired().appeals == 0


def test_a_residents_request_erases_their_data_now_and_the_report_stays_the_same(
        stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    seed_towns(stack)
    mine, photo = resolved_with_a_photo_and_archive(stack, "u577001", datetime(2026, 6, 15, tzinfo=UTC))
    someone_elses, _ = resolved_with_a_photo_and_archive(stack, "u900", datetime(2026, 6, 16, tzinfo=UTC))
    before = report(stack)

    assert cli.main(["residents", "erase", "--channel", "telegram", "--author", "u577001", "--by", "olga"]) == 0

    assert json.loads(capsys.readouterr().out)["appeal_ids"] == [mine.id]
    assert report(stack) == before
    assert NAME not in everything_stored_about(stack, mine.id) and NAME in everything_stored_about(
        stack, someone_elses.id)
    with pytest.raises(PhotoNotFound):
        stack.deps.photos.get(photo)
    [entry] = audit_log(stack)
    assert (entry["actor"], entry["action"], entry["appeal_ids"], entry["counts"]["appeals"]) == (
        "cli:olga", "erase", [mine.id], 1)
    recorded = json.dumps(entry, ensure_ascii=False, default=str)
    assert not [personal for personal in (NAME, PHONE, "u577001", "Яма") if personal in recorded]


def test_the_export_prints_every_appeal_and_message_of_the_resident(stack: Stack,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    seed_towns(stack)
    first, _ = resolved_with_a_photo_and_archive(stack, "u577001", datetime(2026, 6, 15, tzinfo=UTC))
    second = an_appeal("И ещё: не горит фонарь", author=Author(platform_user_id="u577001", display_name=NAME))
    stack.deps.ingest.store(second)
    resolved_with_a_photo_and_archive(stack, "u900", datetime(2026, 6, 16, tzinfo=UTC))

    assert cli.main(["residents", "export", "--channel", "telegram", "--author", "u577001"]) == 0

    exported = json.loads(capsys.readouterr().out)
    by_id = {a["id"]: a for a in exported["appeals"]}
    assert set(by_id) == {first.id, second.id}
    assert by_id[second.id]["text"] == "И ещё: не горит фонарь"
    assert [e["action"] for e in by_id[first.id]["history"]][:3] == ["received", "routed", "note"], \
        "the archived history entries come first"
    assert f"звонила {NAME}, {PHONE}" in json.dumps(by_id[first.id], ensure_ascii=False)
    [entry] = audit_log(stack)
    assert (entry["action"], sorted(entry["appeal_ids"])) == ("export", sorted(by_id))
    assert NAME not in json.dumps(entry, ensure_ascii=False, default=str)
    assert ERASED not in json.dumps(exported, ensure_ascii=False)
