"""Bare functions that `make bench` measures Otklik's functions against, served the same way
(`functions-framework --target ... --source bench/bare/main.py`).

- bare_webhook: the least a webhook can do: parse the JSON, one Firestore create, one Pub/Sub publish with the
  client settings Otklik's publisher uses (small batch latency, waiting for the result).
- bare_same_writes: the writes Otklik's webhook makes, with nothing of Otklik's code: one batch creating a
  document shaped like a stored appeal (a template read from one that telegram_webhook stored, BENCH_APPEAL_TEMPLATE)
  and setting its outbox entry, one publish, one delete of the entry. What the library costs for the design alone.
- bare_hello: imports the client libraries Otklik's functions use and answers 200: the floor for a cold start.

Configured by the same variables as the real functions (OTKLIK_PROJECT_ID, OTKLIK_TOPIC_PREFIX and the emulator
hosts) plus BENCH_BARE_TOPIC, the topic id (without prefix) bare_webhook publishes to."""
from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from typing import Any

import flask
import functions_framework
import httpx  # noqa: F401 - imported for a cold start comparable to the real functions'
import pydantic  # noqa: F401 - likewise
from google.cloud import (
    firestore,
    pubsub_v1,
    storage,  # noqa: F401 - likewise
)

_lock = threading.Lock()
_clients: dict[str, object] = {}


def _client(name: str) -> object:
    with _lock:
        if name not in _clients:
            if name == "firestore":
                _clients[name] = firestore.Client(project=os.environ["OTKLIK_PROJECT_ID"])
            else:
                _clients[name] = pubsub_v1.PublisherClient(
                    batch_settings=pubsub_v1.types.BatchSettings(max_messages=100, max_latency=0.001))
        return _clients[name]


@functions_framework.http
def bare_webhook(request: flask.Request) -> flask.Response:
    update = json.loads(request.get_data())
    message = update["message"]
    document_id = f"{message['chat']['id']}:{message['message_id']}"
    db: firestore.Client = _client("firestore")  # type: ignore[assignment]
    db.collection("bare_appeals").document(document_id).create({
        "chat_id": message["chat"]["id"], "message_id": message["message_id"], "text": message.get("text"),
        "received_at": firestore.SERVER_TIMESTAMP,
    })
    publisher: pubsub_v1.PublisherClient = _client("publisher")  # type: ignore[assignment]
    topic = publisher.topic_path(os.environ["OTKLIK_PROJECT_ID"],
                                 os.environ.get("OTKLIK_TOPIC_PREFIX", "") + os.environ["BENCH_BARE_TOPIC"])
    publisher.publish(topic, json.dumps({"id": document_id}).encode(), id=document_id).result(timeout=10)
    return flask.Response('{"ok":true}', status=200, mimetype="application/json")


def _restored(value: Any) -> Any:
    """Timestamps back from the template's {"$timestamp": ISO text}."""
    if isinstance(value, dict):
        if set(value) == {"$timestamp"}:
            return datetime.fromisoformat(value["$timestamp"])
        return {k: _restored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_restored(v) for v in value]
    return value


def _template() -> dict[str, Any]:
    with _lock:
        if "template" not in _clients:
            with open(os.environ["BENCH_APPEAL_TEMPLATE"], encoding="utf-8") as file:
                _clients["template"] = _restored(json.load(file))
        return _clients["template"]  # type: ignore[return-value]


@functions_framework.http
def bare_same_writes(request: flask.Request) -> flask.Response:
    update = json.loads(request.get_data())
    message = update["message"]
    document_id = f"tg:{message['chat']['id']}:{message['message_id']}"
    template = _template()
    now = datetime.now(UTC)
    appeal = template["appeal"] | {"id": document_id, "text": message.get("text"), "received_at": now}
    db: firestore.Client = _client("firestore")  # type: ignore[assignment]
    reference = db.collection("bare_appeals").document(document_id)
    entry = reference.collection("outbox").document(f"{document_id}:0:received")
    batch = db.batch()
    batch.create(reference, appeal)
    batch.set(entry, template["outbox"] | {"id": f"{document_id}/0/received", "created_at": now})
    batch.commit()
    publisher: pubsub_v1.PublisherClient = _client("publisher")  # type: ignore[assignment]
    topic = publisher.topic_path(os.environ["OTKLIK_PROJECT_ID"],
                                 os.environ.get("OTKLIK_TOPIC_PREFIX", "") + os.environ["BENCH_BARE_TOPIC"])
    publisher.publish(topic, json.dumps({"appeal_id": document_id}).encode(), id=document_id).result(timeout=10)
    entry.delete()
    return flask.Response('{"ok":true}', status=200, mimetype="application/json")


@functions_framework.http
def bare_hello(request: flask.Request) -> flask.Response:
    return flask.Response("ok", status=200, mimetype="text/plain")
