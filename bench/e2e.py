"""End to end: a webhook until its appeal is routed, through the push subscription of route_appeal as `make run`
wires it (route_appeal served by functions-framework too), beside the emulator's own publish -> push round trip
to a tiny endpoint that records arrival times."""
from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import pubsub_v1
from google.protobuf import duration_pb2

from bench.context import ROUNDTRIP_TOPIC, Context, Row, median, percentile, ratio
from bench.stack import (
    MAIN,
    Call,
    fresh_number,
    json_call,
    push_call,
    send,
    serving,
    telegram_update,
)
from otklik.devstack.emulators import HOST, free_port, wipe_firestore
from otklik.devstack.pubsub_setup import push_endpoint
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Channel, Status
from otklik.domain.routing import ROUTER
from otklik.topology import PUSH_SUBSCRIPTIONS
from tests.support import SECRETS, TOWN

POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 60.0


def measure(ctx: Context) -> None:
    from otklik.wiring import container

    # The ingest section left tens of thousands of appeals: start from an empty project, as a town's first day
    # would, so that the emulator (which scans instead of using indexes) does not slow the routing's queries.
    wipe_firestore(ctx.firestore_host, ctx.project_id)
    ctx.seed()
    settings = ctx.settings
    deps = container()
    webhook = ctx.webhook()
    webhook.first_success(lambda: _update(fresh_number())[0])
    subscriber = pubsub_v1.SubscriberClient()
    with subscriber, serving("route_appeal", MAIN, ctx.served_env()) as route:
        topic = settings.topics.name(settings.topics.appeal_received)
        route.first_success(lambda: push_call(settings.project_id, topic, "warm", {
            "appeal_id": "tg-unknown", "municipality": TOWN, "channel": "telegram",
            "received_at": datetime.now(UTC).isoformat()}, {}))
        subscription = _route_subscription(subscriber, ctx, route.base_url)
        try:
            _one_appeal(webhook.base_url, deps)  # the first routing loads the classifier's data: not counted
            samples = [_one_appeal(webhook.base_url, deps) for _ in range(ctx.config.e2e_appeals)]
        finally:
            subscriber.delete_subscription(subscription=subscription)
    roundtrip = _bare_roundtrip(ctx)

    e2e = [s["visible_ms"] for s in samples]
    server_side = [s["received_to_routed_ms"] for s in samples]
    acks = [s["webhook_ms"] for s in samples]
    outcomes: dict[str, int] = {}
    for sample in samples:
        outcomes[sample["status"]] = outcomes.get(sample["status"], 0) + 1
    ctx.results["e2e"] = {
        "appeals": len(samples), "outcomes": outcomes,
        "webhook_to_routed_visible_ms": {"p50": median(e2e), "p99": percentile(e2e, 0.99), "max": max(e2e)},
        "received_to_routed_entry_ms": {"p50": median(server_side), "p99": percentile(server_side, 0.99)},
        "webhook_answer_ms": {"p50": median(acks), "p99": percentile(acks, 0.99)},
        "bare_publish_to_push_ms": {"p50": median(roundtrip), "p99": percentile(roundtrip, 0.99),
                                    "max": max(roundtrip)},
        "samples": samples,
    }
    note = "routed: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    ctx.add(
        Row("e2e", f"webhook -> routed p50 ({len(samples)} sequential)", median(e2e), median(roundtrip), "ms",
            ratio(median(e2e), median(roundtrip)), note="baseline: bare publish -> push round trip"),
        Row("e2e", "webhook -> routed p99", percentile(e2e, 0.99), percentile(roundtrip, 0.99), "ms",
            ratio(percentile(e2e, 0.99), percentile(roundtrip, 0.99)), note=note),
        Row("e2e", "received -> routed (history) p50 / p99", f"{median(server_side):.1f} / "
            f"{percentile(server_side, 0.99):.1f}", unit="ms",
            note=f"the webhook answered in {median(acks):.1f} ms (p50), {percentile(acks, 0.99):.1f} ms (p99)"),
    )


def _update(number: int) -> tuple[Call, str]:
    """A new appeal from a new resident (a new chat each time, so that none is folded as a follow-up)."""
    update = telegram_update(number, 1, number)
    call = json_call("POST", "/yuzhno", update, {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]})
    return call, appeal_id_for(Channel.TELEGRAM, "yuzhno", f"{number}:1")


def _one_appeal(base_url: str, deps: Any) -> dict[str, Any]:
    call, appeal_id = _update(fresh_number())
    sent = time.time()
    status, body = send(base_url, call)
    answered = time.time()
    if status != 200:
        raise RuntimeError(f"telegram_webhook answered {status}: {body[:300]!r}")
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        appeal = deps.appeals.get(appeal_id)
        seen = time.time()
        if appeal is not None and appeal.status is not Status.RECEIVED:
            received = next(h.at for h in appeal.history if h.action == "received")
            routed = next(h.at for h in appeal.history if h.actor == ROUTER)
            return {"appeal_id": appeal_id, "status": str(appeal.status), "webhook_ms": (answered - sent) * 1000,
                    "visible_ms": (seen - sent) * 1000,
                    "received_to_routed_ms": (routed - received).total_seconds() * 1000}
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"appeal {appeal_id} was not routed within {TIMEOUT_SECONDS} s")


def _route_subscription(subscriber: pubsub_v1.SubscriberClient, ctx: Context, base_url: str) -> str:
    """The route-appeal push subscription of infra/ (and `make run`), pointing at the served route_appeal."""
    settings = ctx.settings
    spec = next(s for s in PUSH_SUBSCRIPTIONS if s.function == "route_appeal")
    topic = settings.topics.name(getattr(settings.topics, spec.topic))
    path = subscriber.subscription_path(settings.project_id, settings.topics.name(spec.name))
    # functions-framework serves the one function at every path: drop the /route_appeal mount of `make run`.
    endpoint = push_endpoint(base_url, spec, settings).replace(f"/{spec.function}/", "/", 1)
    subscriber.create_subscription(request={
        "name": path,
        "topic": subscriber.topic_path(settings.project_id, topic),
        "push_config": {"push_endpoint": endpoint},
        "ack_deadline_seconds": spec.ack_deadline_seconds,
        "dead_letter_policy": {
            "dead_letter_topic": subscriber.topic_path(settings.project_id,
                                                       settings.topics.name(spec.dead_letter_topic)),
            "max_delivery_attempts": spec.max_delivery_attempts,
        },
        "retry_policy": {"minimum_backoff": duration_pb2.Duration(seconds=spec.min_backoff_seconds),
                         "maximum_backoff": duration_pb2.Duration(seconds=spec.max_backoff_seconds)},
    })
    return path


class _Recorder(BaseHTTPRequestHandler):
    arrivals: dict[int, float] = {}
    arrived = threading.Condition()

    def do_POST(self) -> None:  # the standard library's name
        at = time.time()
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        number = int(json.loads(base64.b64decode(body["message"]["data"]))["n"])
        with self.arrived:
            self.arrivals.setdefault(number, at)
            self.arrived.notify_all()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def _bare_roundtrip(ctx: Context) -> list[float]:
    """Publish -> push arrival at a recording endpoint, one message at a time, in milliseconds."""
    from otklik.adapters.pubsub_publisher import publisher_client

    settings = ctx.settings
    server = ThreadingHTTPServer((HOST, free_port()), _Recorder)
    thread = threading.Thread(target=server.serve_forever, name="push-recorder", daemon=True)
    thread.start()
    subscriber = pubsub_v1.SubscriberClient()
    topic = subscriber.topic_path(settings.project_id, settings.topics.name(ROUNDTRIP_TOPIC))
    subscription = subscriber.subscription_path(settings.project_id, settings.topics.name(f"{ROUNDTRIP_TOPIC}-push"))
    try:
        with contextlib.suppress(google_exceptions.AlreadyExists):
            subscriber.create_subscription(request={
                "name": subscription, "topic": topic, "ack_deadline_seconds": 10,
                "push_config": {"push_endpoint": f"http://{HOST}:{server.server_port}/push"}})
        publisher = publisher_client()
        _Recorder.arrivals = {}
        times = []
        for number in range(ctx.config.e2e_appeals + 1):  # the first one warms up, not counted
            sent = time.time()
            publisher.publish(topic, json.dumps({"n": number}).encode()).result(timeout=10)
            with _Recorder.arrived:
                if not _Recorder.arrived.wait_for(lambda n=number: n in _Recorder.arrivals, timeout=TIMEOUT_SECONDS):
                    raise TimeoutError(f"push {number} did not arrive within {TIMEOUT_SECONDS} s")
                if number:
                    times.append((_Recorder.arrivals[number] - sent) * 1000)
        return times
    finally:
        try:
            subscriber.delete_subscription(subscription=subscription)
        finally:
            subscriber.close()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
