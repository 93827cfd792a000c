"""Regional callbacks carry ids and facts on Pub/Sub; the regional centre still receives the texts, read from the
appeal when the callback is delivered."""
from __future__ import annotations

import json
from datetime import timedelta

from otklik.domain import actions
from otklik.messages import RegionalCallback
from otklik.regional.clients import RegionalClient
from otklik.services.events import outbox_messages
from otklik.services.ports import HttpAnswer
from otklik.services.regional_callbacks import RegionalCallbacks
from tests.builders import a_regional_appeal, answered, routed
from tests.fakes import T0, Clock, InMemoryAppeals, Secrets

RESIDENT_TEXT = "Нет света у дома 5 по ул. Ленина, Анна Петрова"
ANSWER_TEXT = "Анна Петровна, фонарь заменили"
REASON = "Не обращение: Анна Петрова благодарит"


class Clients:
    client = RegionalClient(id="cur-sakhalin", name="ЦУР", secret_ref="regional-cur-sakhalin",
                            towns=("yuzhno_sakhalinsk",), callback_url="https://cur.example/callbacks")

    def get(self, client_id: str) -> RegionalClient | None:
        return self.client if client_id == self.client.id else None

    def granted(self, town: str) -> list[RegionalClient]:
        return [self.client]


class Sender:
    def __init__(self) -> None:
        self.bodies: list[dict] = []  # type: ignore[type-arg]

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer:
        self.bodies.append(json.loads(body))
        return HttpAnswer(status_code=200)


def delivered(appeals: InMemoryAppeals, message: RegionalCallback) -> dict:  # type: ignore[type-arg]
    sender = Sender()
    RegionalCallbacks(appeals, Clients(), Secrets(**{"regional-cur-sakhalin": "s3cret"}), sender, Clock()).deliver(
        message)
    [body] = sender.bodies
    return body


def callback_of(before, after) -> RegionalCallback:  # type: ignore[no-untyped-def]
    [message] = [m for m in outbox_messages(before, after) if m.topic == "regional_callback"]
    body = json.dumps(message.body, ensure_ascii=False)
    for personal in (RESIDENT_TEXT, ANSWER_TEXT, REASON, "Анна"):
        assert personal not in body, f"{personal!r} travels on Pub/Sub"
    return RegionalCallback.model_validate(message.body)


def test_an_answer_travels_as_its_id_and_reaches_the_regional_centre_with_its_text() -> None:
    appeal = routed(a_regional_appeal(RESIDENT_TEXT, author="Анна Петрова"))
    answered_appeal = answered(appeal, ANSWER_TEXT)
    appeals = InMemoryAppeals(answered_appeal)

    body = delivered(appeals, callback_of(appeal, answered_appeal))

    assert (body["data"]["answer_id"], body["data"]["text"], body["data"]["photos"]) == ("ans-1", ANSWER_TEXT, [])


def test_a_rejection_reaches_the_regional_centre_with_its_reason() -> None:
    appeal = a_regional_appeal(RESIDENT_TEXT, author="Анна Петрова")
    rejected = actions.reject(appeal, "operator:1", T0 + timedelta(hours=1), REASON)

    body = delivered(InMemoryAppeals(rejected), callback_of(appeal, rejected))

    assert (body["event_type"], body["data"]["reason"]) == ("rejected", REASON)


def test_a_callback_published_before_with_the_texts_is_delivered_with_the_appeals() -> None:
    appeal = routed(a_regional_appeal(RESIDENT_TEXT))
    answered_appeal = answered(appeal, ANSWER_TEXT)
    [message] = [m for m in outbox_messages(appeal, answered_appeal) if m.topic == "regional_callback"]
    old_shape = RegionalCallback.model_validate(message.body | {"data": message.body["data"] | {
        "text": ANSWER_TEXT, "photos": []}})

    body = delivered(InMemoryAppeals(answered_appeal), old_shape)

    assert body["data"]["text"] == ANSWER_TEXT
