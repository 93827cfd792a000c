"""Deadline notices reach the duty chats through the served functions on the emulators: the sweep's digest is pushed
to notify_staff, which posts to the fake Telegram: batched per tick, each appeal once per chat, through a 429 in the
middle of a 300-appeal overdue storm and a redelivered digest; a group that kicked the bot is recorded and shown by
`towns check`."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from otklik.domain.model import Appeal, WarningPoint
from otklik.domain.staff_notices import DutyChat, DutyChats
from otklik.messages import StaffNotices
from otklik.platforms.telegram.fake import TELEGRAM_BOT_KICKED, telegram_error
from otklik.services.ports import AppealWrite
from otklik.services.staff_notices import check_duty_chats
from tests.builders import an_appeal, routed
from tests.conftest import Stack
from tests.support import TOWN, eventually

ROADS = DutyChat(platform="telegram", chat_id="-1001", bot="yuzhno")
ECOLOGY = DutyChat(platform="telegram", chat_id="-1002", bot="yuzhno")
SUPERVISORS = DutyChat(platform="telegram", chat_id="-1009", bot="yuzhno")
APPEAL_NUMBER = re.compile(r"№ (\S+)")


def with_duty_chats(stack: Stack) -> None:
    town = stack.deps.towns.all()[TOWN]
    chats = DutyChats(departments={"city_economy": ROADS, "ecology": ECOLOGY}, supervisors=SUPERVISORS)
    stack.deps.towns.save([town.model_copy(update={"duty_chats": chats})])


def overdue(number: int, now: datetime, *, category: str = "roads", department: str = "city_economy") -> Appeal:
    received = now - timedelta(hours=14)
    return routed(an_appeal(f"Яма номер {number}", number=number, received_at=received), category=category,
                  department=department, due_at=now - timedelta(hours=1), at=received,
                  warnings=(WarningPoint(label="75%", at=received + timedelta(hours=9)),))


def numbers_in(stack: Stack, chat: DutyChat) -> list[str]:
    return [number for message in stack.platforms["telegram"].sent if message.target == f"chat {chat.chat_id}"
            for number in APPEAL_NUMBER.findall(message.text)]


def test_a_storm_of_300_overdue_appeals_reaches_each_chat_once_in_a_few_messages_through_a_429(wired: Stack) -> None:
    with_duty_chats(wired)
    telegram = wired.platforms["telegram"]
    telegram.refuse_chat(ECOLOGY.chat_id, TELEGRAM_BOT_KICKED)
    # The second message of the storm is refused with a rate limit: notify_staff nacks and Pub/Sub redelivers.
    telegram.fail_next("sendMessage", error=telegram_error(429, "Too Many Requests: retry after 1", retry_after=1),
                       after=1)
    now = datetime.now(UTC)
    storm = [overdue(n, now) for n in range(1, 301)]
    waste = overdue(301, now, category="waste", department="ecology")
    for appeal in [*storm, waste]:
        assert wired.deps.appeals.add(AppealWrite(appeal))

    report = wired.deps.sweep.tick()
    assert report.notices == 301 and report.staff_digests == 1

    expected = sorted(a.id for a in storm)
    eventually(lambda: sorted(numbers_in(wired, ROADS)) == expected, timeout=60, what="the storm in the roads chat")
    eventually(lambda: sorted(numbers_in(wired, SUPERVISORS)) == sorted([*expected, waste.id]), timeout=60,
               what="the storm in the supervisors' chat")
    statuses = eventually(lambda: [s for s in wired.deps.staff_notice_ledger.chat_statuses() if s.rejecting],
                          what="the kicked bot recorded")
    assert [s.chat_key for s in statuses] == [ECOLOGY.key]

    # The same digest delivered again (a redelivery, or a second sweep of the same moment) posts nothing more.
    sent_before = len(telegram.sent)
    wired.deps.staff_notifier.notify(digest_of(wired, now))
    assert len(telegram.sent) == sent_before
    ecology_calls = [r for r in telegram.requests_for("sendMessage")
                     if isinstance(r.json, dict) and str(r.json.get("chat_id")) == ECOLOGY.chat_id]
    assert len(ecology_calls) == 1, "a chat that refused the bot is not tried again"

    roads_messages = [m for m in telegram.sent if m.target == f"chat {ROADS.chat_id}"]
    assert 2 <= len(roads_messages) <= 10, "batched: a few messages, not 300"
    assert len(telegram.requests_for("sendMessage")) <= 2 * 10 + 2, "the 429 was not hammered"
    problems = {c.chat_key: c.problem for c in check_duty_chats(wired.deps.towns.all(), wired.deps.channels,
                                                                wired.deps.staff_notice_ledger.chat_statuses())}
    assert "kicked" in (problems[ECOLOGY.key] or "") and problems[ROADS.key] is None


def digest_of(stack: Stack, now: datetime) -> StaffNotices:
    """The digest the sweep published, made again from the appeals' recorded notices (same id, same items)."""
    from otklik.services.events import outbox_messages
    from otklik.services.staff_digests import digests

    held = []
    for appeal in stack.deps.appeals.recent(400):
        before = appeal.model_copy(update={"history": appeal.history[:-1]})
        held += [(appeal.id, m) for m in outbox_messages(before, appeal) if m.topic in ("appeal_escalated",)]
    tick = next(a.history[-1].at for a in stack.deps.appeals.recent(1))
    [message] = digests(held, tick)
    return StaffNotices.model_validate(message.body)
