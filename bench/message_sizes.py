"""What each kind of Pub/Sub message carries: its body's bytes, and whether a resident's text, name or platform id is
in it. `PYTHONPATH=functions:. .venv/bin/python -m bench.message_sizes` prints one row per kind; the messages are
the outbox's own (services/events.py) for appeals made as the domain makes them, with long texts (a resident's
1,500 characters, an answer's 1,000), as a regional centre's appeals often have."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from otklik.domain import actions
from otklik.domain.model import AnswerKind, Appeal, Author, HistoryAction, HistoryEntry
from otklik.domain.sweep import apply_due_notices
from otklik.services.events import outbox_messages
from otklik.services.ports import OutboxMessage
from tests.builders import a_regional_appeal, an_appeal, routed

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
RESIDENT_TEXT = "Во дворе дома 5 по ул. Ленина огромная яма, машины не проедут. Звоните: +7 914 000-00-00. " * 17
ANSWER_TEXT = "Уважаемая Анна Петровна! Яму во дворе дома 5 по ул. Ленина заделали 12 июня. " * 13
NAME = "Анна Петрова"


def _answered(appeal: Appeal, kind: AnswerKind = AnswerKind.FINAL) -> Appeal:
    at = appeal.received_at + timedelta(hours=1)
    return actions.answer(appeal, "department:city_economy", at, answer_id=f"ans-{len(appeal.answers) + 1}", kind=kind,
                          text=ANSWER_TEXT, planned_date=(at + timedelta(days=7)).date(),
                          photos=("appeals/x/answers/ans-1/0123456789abcdef.jpg",), photo_report_required=False,
                          auto_resolve_after=timedelta(hours=72), manual_delivery=False)


def messages() -> Iterator[tuple[str, OutboxMessage, Appeal]]:
    """(kind, message, the appeal it is about) for every kind the outbox publishes."""
    direct = an_appeal(RESIDENT_TEXT, received_at=T0, author=Author(platform_user_id="id577001", display_name=NAME))
    yield "appeal.received", outbox_messages(None, direct)[0], direct
    routed_appeal = routed(direct, due_at=T0 + timedelta(hours=12), at=T0)
    yield "appeal.routed", outbox_messages(direct, routed_appeal)[0], routed_appeal
    answered = _answered(routed_appeal)
    yield "reply.requested", next(m for m in outbox_messages(routed_appeal, answered)
                                  if m.topic == "reply_requested"), answered
    escalated = apply_due_notices(routed_appeal, T0 + timedelta(hours=13))
    assert escalated is not None
    for message in outbox_messages(routed_appeal, escalated):
        yield {"appeal_escalated": "appeal.escalated", "deadline_warning": "appeal.deadline-warning"}[
            message.topic], message, escalated

    handed_down = a_regional_appeal(RESIDENT_TEXT, received_at=T0, author=NAME)
    regional = routed(handed_down, due_at=T0 + timedelta(hours=12), at=T0)
    for kind, answer_kind in (("intermediate_answer", AnswerKind.INTERMEDIATE), ("final_answer", AnswerKind.FINAL)):
        changed = _answered(regional, answer_kind)
        yield f"regional.callback {kind}", _callback(regional, changed), changed
    handed = routed(direct, category="healthcare", department="regional", at=T0).with_entry(
        HistoryEntry(at=T0, actor="system:regional_handoff", action=HistoryAction.HANDED_TO_REGIONAL))
    yield "regional.callback handed_over", _callback(routed(direct, category="healthcare", department="regional",
                                                            at=T0), handed), handed
    rejected = actions.reject(handed_down, "operator:1", T0 + timedelta(hours=1), "Не обращение: Анна Петрова просит "
                              "передать благодарность")
    yield "regional.callback rejected", _callback(handed_down, rejected), rejected
    yield "regional.callback escalated", _callback(regional, apply_due_notices(regional, T0 + timedelta(hours=13))
                                                   or regional), regional


def _callback(before: Appeal, after: Appeal) -> OutboxMessage:
    return next(m for m in outbox_messages(before, after) if m.topic == "regional_callback")


def personal_data_in(body: bytes, appeal: Appeal) -> list[str]:
    text = body.decode()
    found = []
    for label, value in (("resident's text", RESIDENT_TEXT[:40]), ("answer's text", ANSWER_TEXT[:40]),
                         ("name", NAME), ("platform id", appeal.author.platform_user_id)):
        if value and json.dumps(value, ensure_ascii=False)[1:-1] in text:
            found.append(label)
    return found


def main() -> None:
    print(f"{'message':<40} {'bytes':>6}  personal data")
    for kind, message, appeal in messages():
        body = json.dumps(message.body, ensure_ascii=False).encode()
        print(f"{kind:<40} {len(body):>6}  {', '.join(personal_data_in(body, appeal)) or '-'}")


if __name__ == "__main__":
    main()
