"""Deadline notices reach the duty chats: the sweep gathers a tick's notices into one digest per town, and
notify_staff posts one message per chat listing them (warnings to the department, escalations to the department and
the supervisors), in Russian, once, waiting out rate limits and recording chats that refuse the bot."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Appeal, Channel, Location, WarningPoint
from otklik.domain.staff_notices import DutyChat, DutyChats
from otklik.domain.towns import RegionConfig, TownConfig
from otklik.messages import StaffNotices
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    ReplyPart,
    TransientDeliveryError,
    split_text,
)
from otklik.services.calendars import CalendarService
from otklik.services.staff_notices import StaffNoticesPending, StaffNotifier
from otklik.services.sweep import SweepService
from tests.builders import an_appeal, routed
from tests.fakes import (
    T0,
    TOPICS,
    CalendarYears,
    Channels,
    Clock,
    InMemoryAppeals,
    InMemoryStaffNoticeLedger,
    RecordingPublisher,
    Secrets,
    Towns,
    configured_towns,
    decoded,
    relay,
)

TOWN = "yuzhno_sakhalinsk"
ROADS_CHAT = DutyChat(platform="telegram", chat_id="-1001", bot="yuzhno")
SUPERVISORS_CHAT = DutyChat(platform="telegram", chat_id="-1009", bot="yuzhno")
WATER_CHAT = DutyChat(platform="max", chat_id="-77", bot="yuzhno_max")


class RecordingChatClient:
    """A reply client of one platform that records texts per chat; `failures` are raised by the next sends."""

    def __init__(self, limit: int = 4096) -> None:
        self.sent: list[tuple[str, str]] = []
        self.failures: list[Exception] = []
        self._limit = limit

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        return tuple(ReplyPart(i, text) for i, text in enumerate(split_text(reply.text, self._limit)))

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        assert token == "bot-token"
        if self.failures:
            raise self.failures.pop(0)
        assert len(part.text) <= self._limit
        self.sent.append((str(reply.source.chat_id), part.text))
        return (str(len(self.sent)),)

    def send(self, reply: OutgoingReply, *, token: str):  # type: ignore[no-untyped-def]
        raise AssertionError("notices are sent part by part")

    def to(self, chat: DutyChat) -> list[str]:
        return [text for chat_id, text in self.sent if chat_id == chat.chat_id]


def town_with_chats(**changes: object) -> TownConfig:
    town = configured_towns().all()[TOWN]
    chats = DutyChats(departments={"city_economy": ROADS_CHAT, "housing_utilities": WATER_CHAT},
                      supervisors=SUPERVISORS_CHAT)
    return town.model_copy(update={"duty_chats": chats, **changes})


@pytest.fixture
def telegram() -> RecordingChatClient:
    return RecordingChatClient(4096)


@pytest.fixture
def max_chat() -> RecordingChatClient:
    return RecordingChatClient(4000)


@pytest.fixture
def ledger() -> InMemoryStaffNoticeLedger:
    return InMemoryStaffNoticeLedger()


@pytest.fixture
def notifier(appeals: InMemoryAppeals, telegram: RecordingChatClient, max_chat: RecordingChatClient,
             ledger: InMemoryStaffNoticeLedger, clock: Clock) -> StaffNotifier:
    channels = Channels(ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=TOWN,
                                      api_token_ref="tg"),
                        ChannelConfig(platform=Channel.MAX, account="yuzhno_max", municipality=TOWN,
                                      api_token_ref="mx"))
    return StaffNotifier(appeals, Towns(town_with_chats()), channels, Secrets(tg="bot-token", mx="bot-token"),
                         {Channel.TELEGRAM: telegram, Channel.MAX: max_chat}, ledger, clock)


@pytest.fixture
def sweep(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> SweepService:
    return SweepService(appeals, appeals, relay(appeals, published), clock)


def due(number: int, *, hours: float = 12, category: str = "roads", department: str = "city_economy",
        place: str | None = None) -> Appeal:
    location = Location(latitude=46.95, longitude=142.73, place=place) if place else None
    return routed(an_appeal(f"Обращение {number}", number=number, location=location), category=category,
                  department=department, due_at=T0 + timedelta(hours=hours),
                  warnings=(WarningPoint(label="75%", at=T0 + timedelta(hours=hours * 0.75)),))


def digests_of(published: RecordingPublisher) -> list[StaffNotices]:
    bodies = decoded(published.published, TOPICS.name(TOPICS.staff_notice))
    return [StaffNotices.model_validate(body) for body in bodies]


# The sweep's digests.

def test_one_tick_makes_one_digest_per_town_with_ids_only(
        sweep: SweepService, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeals.put(*[due(n) for n in range(1, 6)], due(6, hours=1))
    clock.now = T0 + timedelta(hours=9, minutes=1)

    report = sweep.tick()

    [digest] = digests_of(published)
    assert report.staff_digests == 1 and digest.municipality == TOWN
    assert sorted(n.notice for n in digest.notices) == ["75%"] * 5 + ["escalated"]
    assert "Обращение" not in json.dumps(digest.model_dump(mode="json"), ensure_ascii=False)
    assert len(decoded(published.published, TOPICS.name(TOPICS.deadline_warning))) == 5, "still published per appeal"
    assert all(not appeals.pending_messages(a.id) for a in appeals.all), "the held notices are relayed and cleared"
    assert published.topics().index(TOPICS.name(TOPICS.staff_notice)) < \
        published.topics().index(TOPICS.name(TOPICS.deadline_warning)), "the digest goes before the notices clear"


def test_a_digest_that_cannot_be_published_leaves_its_notices_for_the_next_ticks_digest(
        sweep: SweepService, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
    appeals.put(due(1), due(2))
    clock.now = T0 + timedelta(hours=12, minutes=1)
    published.failing.add(TOPICS.name(TOPICS.staff_notice))
    assert sweep.tick().staff_digests == 0
    assert all(appeals.pending_messages(a.id) for a in appeals.all), "the notices wait in their outboxes"

    published.failing.clear()
    clock.advance(minutes=2)
    sweep.tick()

    [digest] = digests_of(published)
    assert sorted(n.appeal_id for n in digest.notices) == sorted(a.id for a in appeals.all)
    assert all(not appeals.pending_messages(a.id) for a in appeals.all)


# Posting to the chats.

def test_a_warning_goes_to_the_department_an_escalation_to_the_department_and_the_supervisors(
        sweep: SweepService, notifier: StaffNotifier, appeals: InMemoryAppeals, published: RecordingPublisher,
        telegram: RecordingChatClient, max_chat: RecordingChatClient, clock: Clock) -> None:
    warned, overdue = due(1, place="ул. Ленина, 5"), due(2, hours=1)
    water_warning = due(3, category="water", department="housing_utilities")
    appeals.put(warned, overdue, water_warning)
    clock.now = T0 + timedelta(hours=9, minutes=1)
    sweep.tick()
    [digest] = digests_of(published)

    notifier.notify(digest)

    [roads] = telegram.to(ROADS_CHAT)
    [supervisors] = telegram.to(SUPERVISORS_CHAT)
    [water] = max_chat.to(WATER_CHAT)
    first, second, third = warned.id, overdue.id, water_warning.id
    assert f"№ {first} · Дороги · ул. Ленина, 5 · осталось 2 ч 59 мин" in roads
    assert f"№ {second} · Дороги · Департамент городского хозяйства · просрочено на 8 ч 1 мин" in roads
    assert second in supervisors and first not in supervisors, "supervisors hear of escalations only"
    assert f"№ {third} · Водоснабжение и канализация" in water and third not in roads
    assert roads.startswith("⏰ Обращения — просрочено: 1, срок подходит: 1")
    assert "Обращение 1" not in roads, "no resident's text in a staff chat"


def test_a_department_without_a_chat_is_covered_by_the_supervisors(
        notifier: StaffNotifier, appeals: InMemoryAppeals, telegram: RecordingChatClient) -> None:
    appeal = due(1, category="schools", department="education")
    appeals.put(appeal)
    notifier.notify(digest_for(appeal, notice="75%"))
    assert [appeal.id in text for text in telegram.to(SUPERVISORS_CHAT)] == [True]


def test_a_storm_of_300_escalations_is_a_few_messages_each_within_the_limit(
        sweep: SweepService, notifier: StaffNotifier, appeals: InMemoryAppeals, published: RecordingPublisher,
        telegram: RecordingChatClient, clock: Clock) -> None:
    appeals.put(*[due(n, place=f"ул. Пограничная, {n}") for n in range(1, 301)])
    clock.now = T0 + timedelta(hours=13)
    sweep.tick()
    [digest] = digests_of(published)

    notifier.notify(digest)

    assert appeals.batched_reads == 1, "the digest's 300 appeals are read at once"
    for chat in (ROADS_CHAT, SUPERVISORS_CHAT):
        texts = telegram.to(chat)
        assert 2 <= len(texts) <= 10, len(texts)
        assert all(len(text.encode("utf-16-le")) // 2 <= 4096 for text in texts)
        assert sum(text.count("№ ") for text in texts) == 300
        assert texts[0].startswith(f"⏰ Обращения — просрочено: 300 (1/{len(texts)})")


def test_a_redelivered_digest_posts_nothing_more(notifier: StaffNotifier, appeals: InMemoryAppeals,
                                                 telegram: RecordingChatClient) -> None:
    appeal = due(1)
    appeals.put(appeal)
    digest = digest_for(appeal, notice="escalated")
    notifier.notify(digest)
    report = notifier.notify(digest)
    assert len(telegram.sent) == 2 and report.sent == [] and len(report.already_done) == 2


def test_a_concurrent_delivery_finds_the_claim_and_comes_back_later(
        notifier: StaffNotifier, appeals: InMemoryAppeals, ledger: InMemoryStaffNoticeLedger, clock: Clock,
        telegram: RecordingChatClient) -> None:
    appeal = due(1)
    appeals.put(appeal)
    digest = digest_for(appeal, notice="75%")
    ledger.claim(f"{digest.digest_id}/{ROADS_CHAT.key}", clock(), "another delivery", clock() + timedelta(minutes=2))
    with pytest.raises(StaffNoticesPending):
        notifier.notify(digest)
    assert telegram.sent == []


def test_a_rate_limit_is_waited_out_through_redeliveries(
        notifier: StaffNotifier, appeals: InMemoryAppeals, telegram: RecordingChatClient, clock: Clock) -> None:
    appeal = due(1)
    appeals.put(appeal)
    digest = digest_for(appeal, notice="75%")
    telegram.failures.append(TransientDeliveryError("Too Many Requests: retry after 30", retry_after=30))

    with pytest.raises(StaffNoticesPending):
        notifier.notify(digest)
    clock.advance(seconds=10)
    with pytest.raises(StaffNoticesPending):
        notifier.notify(digest)  # a redelivery before retry_after sends nothing
    assert telegram.sent == []
    clock.advance(seconds=21)
    notifier.notify(digest)
    assert len(telegram.to(ROADS_CHAT)) == 1


def test_a_chat_that_refuses_the_bot_is_recorded_and_not_retried(
        notifier: StaffNotifier, appeals: InMemoryAppeals, ledger: InMemoryStaffNoticeLedger,
        telegram: RecordingChatClient) -> None:
    appeal = due(1)
    appeals.put(appeal)
    digest = digest_for(appeal, notice="escalated")
    telegram.failures.append(PermanentDeliveryError("Forbidden: bot was kicked from the group chat", "403"))

    report = notifier.notify(digest)
    again = notifier.notify(digest)

    assert report.rejected == [ROADS_CHAT.key] and again.rejected == [] and not telegram.to(ROADS_CHAT)
    assert len(telegram.to(SUPERVISORS_CHAT)) == 1, "the other chat still hears"
    status = ledger.chats[ROADS_CHAT.key]
    assert status.rejecting and "kicked" in (status.reason or "")


# The configuration.

def test_duty_chats_must_name_listed_departments_and_configured_bots() -> None:
    town = town_with_chats()
    with pytest.raises(ValueError, match="duty_chats names departments that are not listed"):
        TownConfig.model_validate(town.model_dump() | {
            "duty_chats": {"departments": {"nowhere": ROADS_CHAT.model_dump()}}})
    telegram_bot = ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=TOWN)
    with pytest.raises(ValueError, match="bot is not a channel of the town"):
        RegionConfig(version=1, towns=(town,), channels=(telegram_bot,))  # the MAX bot is missing
    with pytest.raises(ValueError):
        DutyChat(platform="vk", chat_id="1", bot="x")  # type: ignore[arg-type]


def digest_for(appeal: Appeal, *, notice: str) -> StaffNotices:
    return StaffNotices.model_validate({
        "digest_id": f"{T0.isoformat()}/{TOWN}/1", "municipality": TOWN, "tick": T0 + timedelta(hours=13),
        "notices": [{"notice_id": f"{appeal.id}/2/notice", "appeal_id": appeal.id, "department": appeal.department,
                     "notice": notice, "due_at": appeal.due_at}]})


def test_towns_check_shows_a_chat_that_refused_the_bot_until_it_takes_a_message_again(
        ledger: InMemoryStaffNoticeLedger, clock: Clock) -> None:
    from otklik.services.staff_notices import check_duty_chats

    channels = Channels(ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=TOWN))
    ledger.chat_rejected(ROADS_CHAT.key, TOWN, "Forbidden: bot was kicked from the group chat (code 403)", clock())
    problems = {c.chat_key: c.problem for c in check_duty_chats({TOWN: town_with_chats()}, channels,
                                                                ledger.chat_statuses())}
    assert "kicked" in (problems[ROADS_CHAT.key] or "")
    assert problems[SUPERVISORS_CHAT.key] is None
    assert "not a max channel" in (problems[WATER_CHAT.key] or "")

    ledger.chat_delivered(ROADS_CHAT.key, TOWN, clock.advance(minutes=5))
    assert not any(c.problem for c in check_duty_chats({TOWN: town_with_chats()}, channels, ledger.chat_statuses())
                   if c.chat_key == ROADS_CHAT.key)


def test_a_missing_production_calendar_is_told_to_the_supervisors_chat_once_a_day(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock, notifier: StaffNotifier,
        telegram: RecordingChatClient) -> None:
    calendars = CalendarYears()
    warning_due = CalendarService(calendars, calendars, "Asia/Sakhalin").warning_due
    sweep = SweepService(appeals, appeals, relay(appeals, published), clock, calendar_warning=warning_due,
                         towns=Towns(town_with_chats()))
    clock.now = datetime(2027, 10, 1, 9, tzinfo=ZoneInfo("Asia/Sakhalin")).astimezone(UTC)

    warned, again = sweep.tick(), sweep.tick()
    for digest in digests_of(published):
        notifier.notify(digest)
        notifier.notify(digest)  # redelivered

    assert warned.calendar_warning is not None and again.calendar_warning is None
    assert telegram.to(SUPERVISORS_CHAT) == [warned.calendar_warning]
    assert telegram.to(ROADS_CHAT) == []
