"""Documents as the version before readable documents wrote them (commit 55de092): its records (source, author,
attachments, location, history, answers, warning_points) as JSON text, an archived history entry as JSON text, and
`published_at`, which versions before 430fa5d wrote. Copied from what that version's repository wrote for the
appeal below, so that reading and migrating them is tested on the real old shape."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

APPEAL_ID = "tg-90db86597f1735d3e2b69486"  # appeal_id_for(Channel.TELEGRAM, "yuzhno", "1:2")
T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)


def answered_appeal() -> dict[str, Any]:
    """An answered appeal with one entry of its history archived."""
    return {
        "id": APPEAL_ID,
        "municipality": "yuzhno_sakhalinsk",
        "channel": "telegram",
        "source": '{"platform":"telegram","account":"yuzhno","kind":"private_message","event_id":"1:2","chat_id":"1",'
                  '"message_id":"2"}',
        "author": '{"platform_user_id":"7","display_name":"Анна"}',
        "text": "яма у дома",
        "attachments": '[{"kind":"photo","platform_id":"p1","width":800,"height":600}]',
        "location": '{"latitude":46.95,"longitude":142.73}',
        "received_at": T0,
        "status": "answered",
        "category": "roads",
        "category_confidence": 0.9,
        "classification_reasons": ["яма"],
        "department": "roads_dept",
        "due_at": datetime(2026, 6, 11, 1, 0, tzinfo=UTC),
        "clock_started_at": T0,
        "warning_points": '[{"label":"75%","at":"2026-06-10T19:00:00+00:00"}]',
        "follow_up_count": 0,
        "reopen_count": 0,
        "answers": '[{"id":"a1","kind":"final","text":"Отремонтировано","planned_date":"2026-06-20","author":"op:1",'
                   '"created_at":"2026-06-10T03:00:00+00:00","delivery":{"status":"delivered","platform_message_ids":'
                   '["55"],"parts_sent":1,"attempts":1,"updated_at":"2026-06-10T03:00:00+00:00"}}]',
        "first_response_at": datetime(2026, 6, 10, 3, 0, tzinfo=UTC),
        "first_response_seconds": 7200.0,
        "first_response_within_deadline": True,
        "answered_at": datetime(2026, 6, 10, 3, 0, tzinfo=UTC),
        "resolve_after": datetime(2026, 6, 13, 1, 0, tzinfo=UTC),
        "overdue": False,
        "note_count": 1,
        "history": '[{"at":"2026-06-10T01:00:30+00:00","actor":"op:1","action":"note","details":{"text":"первая"}},'
                   '{"at":"2026-06-10T01:01:00+00:00","actor":"router",'
                   '"action":"routed","details":{"category":"roads","confidence":0.9,"reasons":["яма"],"department":'
                   '"roads_dept","due_at":"2026-06-11T01:00:00+00:00","triage_reason":null}},{"at":'
                   '"2026-06-10T03:00:00+00:00","actor":"op:1","action":"answered_final","details":{"answer_id":"a1",'
                   '"photos":0,"planned_date":"2026-06-20"}}]',
        "archived_history": 1,
        "thread_key": "telegram:yuzhno:chat:1:7",
        "search_words": ["яма", "дом"],
        "auto_resolve_at": datetime(2026, 6, 13, 1, 0, tzinfo=UTC),
        "received_month": "yuzhno_sakhalinsk:2026-06",
        "reportable": True,
        "undelivered": False,
    }


def archived_entry() -> dict[str, Any]:
    """Entry 0 of the appeal's history, moved to its archive."""
    return {"number": 0, "entry": '{"at":"2026-06-10T01:00:00+00:00","actor":"telegram:yuzhno","action":"received",'
                                  '"details":{"sent_at":"2026-06-10T01:00:00+00:00"}}'}
