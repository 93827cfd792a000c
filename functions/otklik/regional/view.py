"""What the regional centre may read about an appeal it handed down: status, deadline, answers and a summary
of the history without internal notes' text or the operators' key ids."""
from __future__ import annotations

from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.model import Answer, Appeal, Channel, HistoryEntry
from otklik.domain.towns import TownConfig
from otklik.regional.wire import ActorKind, AnswerOut, HistoryItem, HistoryValue, PhotoOut, RegionalAppealView

# History details that are facts of the process, never free text written by a person.
_SHOWN_DETAILS = frozenset({"category", "department", "due_at", "answer_id", "planned_date", "photos", "notice",
                            "triage_reason", "event_id", "event_type", "status_code", "attempt"})
_PLATFORMS = frozenset({Channel.VK, Channel.TELEGRAM, Channel.OK, Channel.MAX})
_ACTOR_KINDS: dict[str, ActorKind] = {"system": "system", "operator": "operator", "department": "department",
                                      "supervisor": "supervisor", "regional": "regional_centre", "resident": "resident"}


def appeal_view(appeal: Appeal, town: TownConfig | None) -> RegionalAppealView:
    departments = town.departments if town else {}
    return RegionalAppealView(
        regional_id=appeal.source.event_id,
        appeal_id=appeal.id,
        town=appeal.municipality,
        status=str(appeal.status),
        category=appeal.category,
        category_label=CATEGORY_LABELS.get(appeal.category) if appeal.category else None,
        department=appeal.department,
        department_name=departments.get(appeal.department) if appeal.department else None,
        received_at=appeal.received_at,
        deadline=appeal.due_at,
        requested_deadline=appeal.external_deadline,
        overdue=appeal.overdue,
        reopen_count=appeal.reopen_count,
        first_response_at=appeal.first_response_at,
        answered_at=appeal.answered_at,
        resolved_at=appeal.resolved_at,
        answers=[_answer(appeal.source.event_id, a) for a in appeal.answers],
        history=[_history_item(e) for e in appeal.history],
    )


def photo_path(regional_id: str, answer_id: str, object_name: str) -> str:
    return f"/appeals/{regional_id}/answers/{answer_id}/photos/{object_name.rsplit('/', 1)[-1]}"


def _answer(regional_id: str, answer: Answer) -> AnswerOut:
    return AnswerOut(
        id=answer.id, kind=answer.kind.value, text=answer.text, planned_date=answer.planned_date,
        created_at=answer.created_at,
        photos=[PhotoOut(object_name=name, url=photo_path(regional_id, answer.id, name)) for name in answer.photos],
    )


def _history_item(entry: HistoryEntry) -> HistoryItem:
    details: dict[str, HistoryValue] = {
        key: value for key, value in entry.details.items()
        if key in _SHOWN_DETAILS and (value is None or isinstance(value, (str, int, float, bool)))
    }
    return HistoryItem(at=entry.at, action=entry.action, by=_actor_kind(entry.actor), details=details)


def _actor_kind(actor: str) -> ActorKind:
    prefix = actor.split(":", 1)[0]
    if prefix in _ACTOR_KINDS:
        return _ACTOR_KINDS[prefix]
    return "platform" if prefix in {str(p) for p in _PLATFORMS} else "other"
