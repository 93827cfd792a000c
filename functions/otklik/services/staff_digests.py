"""The sweep's side of staff notices: the deadline notices of one tick gathered into one digest per town.

Why here, and why exactly once. Each warning or escalation is written into its appeal's outbox in the appeal's own
commit (services/events.py), as before. During a tick the sweep holds those notice messages back instead of
relaying each at once; after its page loop it publishes one `staff.notice` digest per town listing them (ids and
labels only), and only then relays and clears the held messages as usual. notify_staff then posts one message per
duty chat per digest (services/staff_notices.py), claiming each (digest, chat) in Firestore, so a redelivered or
concurrently delivered digest posts once.

- The sweep crashes, or the digest cannot be published, before the held messages are relayed: they stay in their
  outboxes, the next tick's recovery (`flush_stale`) finds them and puts them into that tick's digest. Nothing is
  lost, and nothing is read per appeal (the recovery query is bounded by its page size).
- The sweep crashes after the digest is published but before the held messages are cleared: the next tick puts
  them into a digest again. That window (one publish call per appeal) is the outbox's own "published but not
  cleared" window; it can repeat a line, never lose one.

The digest id is `<tick>/<town>/<number>`: a tick delivered twice (two sweeps at the same moment) does its work
once, since each appeal's notice is recorded once in a transaction."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from otklik.messages import DeadlineNotice, StaffNoticeItem, StaffNotices
from otklik.services.ports import AppealWrite, OutboxMessage

NOTICE_TOPICS = frozenset({"deadline_warning", "appeal_escalated"})
STAFF_TOPIC = "staff_notice"
# A digest's body stays far below Pub/Sub's 10 MB (an item is about 200 bytes); the chats' messages are cut by
# notify_staff at each platform's text limit anyway.
MAX_ITEMS_PER_DIGEST = 1000

HeldNotice = tuple[str, OutboxMessage]  # (appeal id, its deadline-notice outbox message)


def hold_notices(writes: Iterable[AppealWrite]) -> tuple[list[AppealWrite], list[HeldNotice]]:
    """The writes with their deadline notices taken out (to relay now), and those notices (to hold)."""
    relay_now: list[AppealWrite] = []
    held: list[HeldNotice] = []
    for write in writes:
        held += [(write.appeal.id, m) for m in write.messages if m.topic in NOTICE_TOPICS]
        relay_now.append(AppealWrite(write.appeal, tuple(m for m in write.messages if m.topic not in NOTICE_TOPICS)))
    return relay_now, held


def digests(held: Sequence[HeldNotice], tick: datetime) -> list[OutboxMessage]:
    """One digest per town (more only past MAX_ITEMS_PER_DIGEST), in a stable order."""
    by_town: dict[str, list[StaffNoticeItem]] = defaultdict(list)
    seen: set[str] = set()
    for _, message in held:
        if message.id in seen:
            continue
        seen.add(message.id)
        notice = DeadlineNotice.model_validate(message.body)
        by_town[notice.municipality].append(StaffNoticeItem(
            notice_id=message.id, appeal_id=notice.appeal_id, department=notice.department, notice=notice.notice,
            due_at=notice.due_at, incident_id=notice.incident_id, incident_members=notice.incident_members))
    found: list[OutboxMessage] = []
    for town, items in sorted(by_town.items()):
        for number, start in enumerate(range(0, len(items), MAX_ITEMS_PER_DIGEST), 1):
            body = StaffNotices(digest_id=f"{tick.isoformat()}/{town}/{number}", municipality=town, tick=tick,
                                notices=items[start:start + MAX_ITEMS_PER_DIGEST])
            found.append(OutboxMessage(id=body.digest_id, topic=STAFF_TOPIC, body=body.model_dump(mode="json"),
                                       attributes=body.attributes()))
    return found


def announcements(towns: Iterable[str], text: str, tick: datetime) -> list[OutboxMessage]:
    """One digest per town carrying `text` for its supervisors and no notices; the id is the tick's, so a tick
    delivered twice announces once."""
    found: list[OutboxMessage] = []
    for town in sorted(towns):
        body = StaffNotices(digest_id=f"{tick.isoformat()}/{town}/announcement", municipality=town, tick=tick,
                            notices=[], announcement=text)
        found.append(OutboxMessage(id=body.digest_id, topic=STAFF_TOPIC, body=body.model_dump(mode="json"),
                                   attributes=body.attributes()))
    return found
