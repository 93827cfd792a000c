"""notify_staff: a sweep tick's deadline notices posted to the duty chats of the departments and supervisors.

A digest (`staff.notice`, one per town per tick: services/staff_digests.py) becomes one message per duty chat
listing its appeals (domain/staff_notices.py), cut at the platform's text limit. The appeals are read from
Firestore by id, so no resident's text or name travels through Pub/Sub (and none is posted: staff open the appeal).

Exactly once, as deliver_reply does it (services/delivery.py): before sending to a chat, the delivery claims the
(digest, chat) in a Firestore transaction with a lease; a concurrent delivery finds the claim and is redelivered
later; each part sent is recorded, so a redelivery resumes after the last part sent and a finished chat is skipped.

Failures. A rate limit (Telegram 429 with `retry_after`) or an outage gives the claim up with a `not_before`, and the
delivery fails (a 5xx to Pub/Sub), which redelivers with backoff; a delivery before `not_before` sends nothing. A
chat that refuses the bot (kicked, blocked, chat not found) is recorded (`python -m otklik towns check` shows it)
and that chat's message is given up: the digest is not retried for it."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from otklik.domain.model import Channel, SourceKind, SourceRef
from otklik.domain.staff_notices import TEXT_LIMITS, DutyChat, NoticeLine, by_chat, digest_texts
from otklik.domain.towns import TownConfig
from otklik.messages import StaffNotices
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    ReplyClient,
    ReplyPart,
    TransientDeliveryError,
)
from otklik.services.ports import (
    AppealFeed,
    ChannelDirectory,
    DutyChatStatus,
    SecretLookup,
    StaffNoticeLedger,
    TownDirectory,
)

log = logging.getLogger(__name__)
# Longer than notify_staff may run (60 s), so a live sender keeps its claim; each part sent renews it.
CLAIM_LEASE = timedelta(minutes=2)
DELIVERED = "delivered"
REJECTED = "rejected"


class StaffNoticesPending(RuntimeError):
    """Some chat's message could not be sent now: the delivery fails, and Pub/Sub redelivers it with backoff."""


@dataclass
class NotifyReport:
    sent: list[str] = field(default_factory=list)  # chat keys posted to by this delivery
    already_done: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    unrouted: int = 0  # notices of a town without any duty chat


class StaffNotifier:
    def __init__(self, appeals: AppealFeed, towns: TownDirectory, channels: ChannelDirectory, secrets: SecretLookup,
                 clients: Mapping[Channel, ReplyClient], ledger: StaffNoticeLedger, clock: Callable[[], datetime],
                 lease: timedelta = CLAIM_LEASE) -> None:
        self._appeals = appeals
        self._towns = towns
        self._channels = channels
        self._secrets = secrets
        self._clients = clients
        self._ledger = ledger
        self._clock = clock
        self._lease = lease

    def notify(self, digest: StaffNotices) -> NotifyReport:
        report = NotifyReport()
        town = self._towns.all().get(digest.municipality)
        if town is None:
            log.warning("staff notices for an unknown town; acknowledged", extra={"town": digest.municipality})
            report.unrouted = len(digest.notices)
            return report
        lines = self._lines(digest)
        grouped = by_chat(town.duty_chats, lines)
        supervisors = town.duty_chats.supervisors
        if digest.announcement and supervisors is not None:
            grouped.setdefault(supervisors.key, (supervisors, []))
        report.unrouted = sum(1 for line in lines if not any(line in chat_lines for _, chat_lines in grouped.values()))
        if report.unrouted:
            log.warning("deadline notices with no duty chat to go to", extra={"town": town.code,
                                                                              "notices": report.unrouted})
        attempt = uuid.uuid4().hex
        for chat, chat_lines in grouped.values():
            self._post(digest, town, chat, chat_lines, attempt, report)
        log.info("staff notices", extra={"digest_id": digest.digest_id, "town": town.code, "sent": len(report.sent),
                                         "already_done": len(report.already_done), "rejected": len(report.rejected),
                                         "pending": len(report.pending)})
        if report.pending:
            raise StaffNoticesPending(f"{len(report.pending)} duty chats to post to later")
        return report

    def _lines(self, digest: StaffNotices) -> list[NoticeLine]:
        # The digest's appeals in one batched read, not one read per line (a storm lists hundreds).
        appeals = {appeal.id: appeal for appeal in self._appeals.by_ids([item.appeal_id for item in digest.notices])}
        lines = []
        for item in digest.notices:
            appeal = appeals.get(item.appeal_id)
            lines.append(NoticeLine(
                notice_id=item.notice_id, appeal_id=item.appeal_id, notice=item.notice, due_at=item.due_at,
                department=appeal.department if appeal else item.department,
                category=appeal.category if appeal else None,
                place=appeal.location.place if appeal and appeal.location else None,
                incident_id=item.incident_id, incident_members=item.incident_members))
        return lines

    def _post(self, digest: StaffNotices, town: TownConfig, chat: DutyChat, lines: list[NoticeLine], attempt: str,
              report: NotifyReport) -> None:
        key = f"{digest.digest_id}/{chat.key}"
        now = self._clock()
        claim = self._ledger.claim(key, now, attempt, now + self._lease)
        if claim.done:
            report.already_done.append(chat.key)
            return
        if not claim.claimed:
            log.info("another delivery holds this chat's notices; back later",
                     extra={"chat": chat.key, "held_until": claim.held_until.isoformat() if claim.held_until else None})
            report.pending.append(chat.key)
            return
        # Times are counted from the tick, so a redelivery writes the same text.
        texts = digest_texts(lines, digest.tick, TEXT_LIMITS[chat.platform], town.departments) if lines else []
        if digest.announcement and chat == town.duty_chats.supervisors:
            texts = [digest.announcement, *texts]
        try:
            client, token = self._client(chat, town)
            for index in range(claim.parts_sent, len(texts)):
                self._send(client, token, chat, key, texts[index])
                self._ledger.record_parts(key, attempt, index + 1, self._clock() + self._lease)
        except TransientDeliveryError as error:
            wait = timedelta(seconds=error.retry_after or 0)
            self._ledger.release(key, attempt, self._clock() + wait)
            log.warning("staff notices postponed", extra={"chat": chat.key, "reason": error.reason,
                                                          "retry_after": error.retry_after})
            report.pending.append(chat.key)
            return
        except PermanentDeliveryError as error:
            now = self._clock()
            self._ledger.finish(key, attempt, REJECTED, now, reason=error.reason)
            self._ledger.chat_rejected(chat.key, town.code, f"{error.reason} (code {error.code})", now)
            log.error("a duty chat refuses the bot; recorded", extra={"chat": chat.key, "reason": error.reason,
                                                                       "code": error.code})
            report.rejected.append(chat.key)
            return
        except Exception:
            self._ledger.release(key, attempt, self._clock())
            raise
        now = self._clock()
        self._ledger.finish(key, attempt, DELIVERED, now)
        self._ledger.chat_delivered(chat.key, town.code, now)
        report.sent.append(chat.key)

    def _client(self, chat: DutyChat, town: TownConfig) -> tuple[ReplyClient, str]:
        client = self._clients.get(chat.channel)
        channel = self._channels.get(chat.channel, chat.bot)
        token = self._secrets.get(channel.api_token_ref) if channel and channel.municipality == town.code else None
        if client is None or token is None:
            raise PermanentDeliveryError(f"no {chat.platform} bot {chat.bot!r} with a token configured for "
                                         f"{town.code}", code="not_configured")
        return client, token

    def _send(self, client: ReplyClient, token: str, chat: DutyChat, key: str, text: str) -> None:
        source = SourceRef(platform=chat.channel, account=chat.bot, kind=SourceKind.GROUP_MESSAGE, event_id=key,
                           chat_id=chat.chat_id)
        reply = OutgoingReply(answer_id=key, source=source, text=text)
        for part in client.parts(reply):
            client.send_part(reply, ReplyPart(part.index, part.text), token=token)


@dataclass(frozen=True)
class DutyChatCheck:
    """One duty chat as `python -m otklik towns check` shows it."""

    town: str
    serves: str  # a department code, or "supervisors"
    chat_key: str
    problem: str | None  # None: nothing wrong is known


def check_duty_chats(towns: Mapping[str, TownConfig], channels: ChannelDirectory,
                     statuses: list[DutyChatStatus]) -> list[DutyChatCheck]:
    """Every configured duty chat: whether its bot is a configured channel of the town, and whether it last refused
    the bot (and has not taken a message since)."""
    by_key = {status.chat_key: status for status in statuses}
    checks = []
    for code, town in sorted(towns.items()):
        if not town.duty_chats.all():
            checks.append(DutyChatCheck(code, "-", "-", "no duty chats: deadline notices reach nobody"))
        for serves, chat in town.duty_chats.all():
            channel = channels.get(chat.channel, chat.bot)
            status = by_key.get(chat.key)
            problem = None
            if channel is None or channel.municipality != code:
                problem = f"its bot {chat.bot!r} is not a {chat.platform} channel of the town"
            elif status is not None and status.rejecting and status.rejected_at is not None:
                problem = f"refused the bot at {status.rejected_at.isoformat()}: {status.reason}"
            checks.append(DutyChatCheck(code, serves, chat.key, problem))
    return checks
