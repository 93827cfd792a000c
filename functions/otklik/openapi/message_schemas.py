"""JSON Schemas of the Pub/Sub message bodies: schemas/messages/<topic>.schema.json for every topic of
settings.Topics, with the message attributes (`x-attributes`, what subscription filters select on) and an example."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from otklik.domain.model import Channel
from otklik.messages import (
    AppealReceived,
    AppealRouted,
    DeadlineNotice,
    DeadlineTick,
    IncidentFanOut,
    RegionalCallback,
    ReplyRequested,
    RetentionTick,
    RetrainClassifier,
    StaffNoticeItem,
    StaffNotices,
)
from otklik.openapi.json_schema import SUFFIX, standalone
from otklik.settings import Topics

# The body each topic carries, by field name of settings.Topics.
TOPIC_BODIES: dict[str, type[BaseModel]] = {
    "appeal_received": AppealReceived,
    "appeal_routed": AppealRouted,
    "reply_requested": ReplyRequested,
    "regional_callback": RegionalCallback,
    "appeal_escalated": DeadlineNotice,
    "deadline_warning": DeadlineNotice,
    "deadline_tick": DeadlineTick,
    "staff_notice": StaffNotices,
    "retention_tick": RetentionTick,
    "classifier_retrain": RetrainClassifier,
    "incident_fan_out": IncidentFanOut,
}

_AT = datetime(2026, 6, 10, 0, 30, tzinfo=UTC)
_DUE = _AT + timedelta(hours=12)
_TOWN = "yuzhno_sakhalinsk"
_APPEAL = "tg-3f2a9c1e0b7d4a6f8e5c2b1a"

# One example a topic, in the schema's `examples`; its attributes() give the schema's `x-attributes`.
EXAMPLES: dict[str, BaseModel] = {
    "appeal_received": AppealReceived(appeal_id=_APPEAL, municipality=_TOWN, channel=Channel.TELEGRAM,
                                      received_at=_AT),
    "appeal_routed": AppealRouted(appeal_id=_APPEAL, municipality=_TOWN, channel=Channel.TELEGRAM, status="routed",
                                  category="roads", department="city_economy", due_at=_DUE, changed_at=_AT,
                                  first_routing=True),
    "reply_requested": ReplyRequested(appeal_id=_APPEAL, answer_id="ans-1", municipality=_TOWN,
                                      channel=Channel.TELEGRAM),
    "regional_callback": RegionalCallback(
        event_id=f"{_APPEAL}/4/callback", event_type="final_answer", appeal_id=_APPEAL, client_id="cur-sakhalin",
        regional_id="R-2026-000123", municipality=_TOWN, status="answered", occurred_at=_AT,
        data={"answer_id": "ans-1", "kind": "final", "planned_date": None, "due_at": _DUE.isoformat()}),
    "appeal_escalated": DeadlineNotice(appeal_id=_APPEAL, municipality=_TOWN, channel=Channel.TELEGRAM,
                                       department="city_economy", status="routed", due_at=_DUE, notice="escalated",
                                       occurred_at=_DUE),
    "deadline_warning": DeadlineNotice(appeal_id=_APPEAL, municipality=_TOWN, channel=Channel.TELEGRAM,
                                       department="city_economy", status="routed", due_at=_DUE, notice="75%",
                                       occurred_at=_AT + timedelta(hours=9)),
    "deadline_tick": DeadlineTick(),
    "staff_notice": StaffNotices(
        digest_id=f"{(_DUE + timedelta(minutes=1)).isoformat()}/{_TOWN}/1", municipality=_TOWN,
        tick=_DUE + timedelta(minutes=1),
        notices=[StaffNoticeItem(notice_id=f"{_APPEAL}/7/notice", appeal_id=_APPEAL, department="city_economy",
                                 notice="escalated", due_at=_DUE)]),
    "retention_tick": RetentionTick(),
    "classifier_retrain": RetrainClassifier(municipality=_TOWN, examples_since_model=50),
    "incident_fan_out": IncidentFanOut(incident_id="in-5b0e2c7d9a1f3e4b6c8d0a2f", municipality=_TOWN,
                                       step="in-5b0e2c7d9a1f3e4b6c8d0a2f/4", after=_APPEAL),
}


def topic_ids() -> dict[str, str]:
    """Topic ids by field name of settings.Topics, as deployed (the defaults; a prefix only keeps tests apart)."""
    return {name: str(field.default) for name, field in Topics.model_fields.items() if name != "prefix"}


def message_schema_path(topic_id: str) -> str:
    return f"messages/{topic_id}{SUFFIX}"


def attribute_names(message: BaseModel) -> list[str]:
    attributes = getattr(message, "attributes", None)
    return list(attributes()) if attributes is not None else []


def message_schemas() -> dict[str, dict[str, Any]]:
    schemas = {}
    for field, topic_id in topic_ids().items():
        model, example = TOPIC_BODIES[field], EXAMPLES[field]
        if type(example) is not model:
            raise TypeError(f"the example of {topic_id} is a {type(example).__name__}, not a {model.__name__}")
        path = message_schema_path(topic_id)
        annotations: dict[str, Any] = {"x-topic": topic_id, "x-attributes": attribute_names(example),
                                       "examples": [example.model_dump(mode="json")]}
        schemas[path] = standalone(path, model, "validation", **annotations)
    return schemas
