"""Cold start: from process start to the first successful answer of each function of functions/main.py, served
by the functions-framework CLI, beside bare_hello (imports the same client libraries, answers 200) and, for
context, bare_webhook (its first answer creates its clients and does one create and one publish).

Each function is asked something it answers with success: a new message for a webhook, an authorised GET for an
API, a valid push body for a Pub/Sub-triggered function. Starts are interleaved (every function once, then again),
and each is paired with a start of bare_hello just before it: this machine's speed drifts (bare_hello alone took
690 to 1,208 ms over twelve starts in a row, its CPU time alike), so a function is judged by the median of its
pairs' ratios, not by its median beside bare_hello's median taken minutes apart. A first round is not counted
(WARM_UP_ROUNDS)."""
from __future__ import annotations

import copy
import json
import math
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.context import Context, Row, median, ratio
from bench.stack import (
    BARE,
    MAIN,
    Call,
    Served,
    fresh_number,
    json_call,
    push_call,
    send,
    telegram_update,
)
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Author, Channel, IncomingMessage, SourceKind, SourceRef, Status
from otklik.topology import HTTP_FUNCTIONS, PUSH_SUBSCRIPTIONS, pubsub_functions
from tests.support import SECRETS, TOWN

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "platforms"
TARGET = 1.3
# Not counted: a just-started emulator answers each new kind of query many times slower than later ones (its JIT
# is cold; production Firestore is not) and would tax only the functions that call it, never bare_hello.
WARM_UP_ROUNDS = 1


def _fixture(platform: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / platform / f"{name}.json").read_text(encoding="utf-8"))
    return data


def calls(ctx: Context) -> dict[str, Callable[[], Call]]:
    """For each function, how to make a request it answers with success (called once per start)."""
    from otklik.regional.signing import signed_headers
    from otklik.services.ports import AppealWrite

    settings = ctx.settings
    project = settings.project_id

    def topic_of(function: str) -> tuple[str, str]:
        spec = next(s for s in PUSH_SUBSCRIPTIONS if s.function == function)
        return spec.topic_id(settings.topics), settings.topics.name(spec.name)

    def telegram() -> Call:
        number = fresh_number()
        return json_call("POST", "/yuzhno", telegram_update(number, 1, number),
                         {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]})

    def vk() -> Call:
        body = copy.deepcopy(_fixture("vk", "callback_message_new_text"))
        body["event_id"] = uuid.uuid4().hex
        # A VK appeal is its message: (peer, conversation message id) names it, so each call sends a new one.
        body["object"]["message"]["id"] = body["object"]["message"]["conversation_message_id"] = fresh_number()
        return json_call("POST", "/", body)

    def ok() -> Call:
        body = copy.deepcopy(_fixture("ok", "webhook_message_created_text"))
        body["message"]["mid"] = f"mid:{uuid.uuid4().hex}"
        return json_call("POST", f"/{SECRETS['ok-yuzhno-webhook']}", body)

    def max_() -> Call:
        body = copy.deepcopy(_fixture("max", "webhook_message_created_dialog_text"))
        body["message"]["body"]["mid"] = f"mid.{uuid.uuid4().hex}"
        return json_call("POST", "/yuzhno", body, {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]})

    def operator_api() -> Call:
        return Call("GET", "/appeals", {"Authorization": f"Bearer {ctx.keys['operator']}"})

    def regional_api() -> Call:
        body = json.dumps({
            "regional_id": f"R-{fresh_number()}", "town": TOWN,
            "text": "Во дворе дома 5 по ул. Пограничной яма на проезде, машины не проезжают",
            "author": {"name": "Ирина Смирнова"},
            "received_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
        }, ensure_ascii=False).encode()
        headers = signed_headers("cur-sakhalin", SECRETS["regional-cur-sakhalin"], "POST", "/appeals", body)
        return Call("POST", "/appeals", {"Content-Type": "application/json", **headers}, body)

    def open311() -> Call:
        return Call("GET", f"/services.json?jurisdiction_id={TOWN}")

    def monthly_report() -> Call:
        month = datetime.now(UTC).strftime("%Y-%m")
        return Call("GET", f"/?town={TOWN}&month={month}", {"Authorization": f"Bearer {ctx.keys['supervisor']}"})

    def console() -> Call:
        # The queue page of a signed-in operator, with a session made here as signing in makes it.
        from otklik.wiring import container

        token, _ = container().console_sessions.sign_in(ctx.keys["operator"])
        return Call("GET", "/", {"Cookie": f"otklik_console={token}"})

    def route_appeal() -> Call:
        # A received appeal stored (not published) just now: the routing does its real work on it, with the town's
        # learned model (seeded by Context.seed) loaded on this first message.
        from otklik.domain.model import Appeal
        from otklik.wiring import container

        number = fresh_number()
        source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE,
                           event_id=f"{number}:1", chat_id=str(number), message_id="1")
        now = datetime.now(UTC)
        message = IncomingMessage(source=source, author=Author(platform_user_id=str(number)),
                                  text="На улице Сахалинской у дома 7 огромная яма на дороге", sent_at=now)
        appeal = Appeal.receive(appeal_id_for(Channel.TELEGRAM, "yuzhno", f"{number}:1"), TOWN, message, now)
        container().appeals.add(AppealWrite(appeal))
        topic, subscription = topic_of("route_appeal")
        body = {"appeal_id": appeal.id, "municipality": TOWN, "channel": "telegram", "received_at": now.isoformat()}
        return push_call(project, topic, subscription, body, {"appeal_id": appeal.id, "municipality": TOWN})

    def group_appeal() -> Call:
        # Routing's first decision about an appeal routed (stored) just now, about a street of the town: grouping does
        # its real work on it (the town's streets, the candidates' queries; it stays alone or starts an incident).
        from otklik.domain.model import Appeal
        from otklik.domain.routing import RoutingDecision, apply_route
        from otklik.wiring import container

        number = fresh_number()
        source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE,
                           event_id=f"{number}:1", chat_id=str(number), message_id="1")
        now = datetime.now(UTC)
        message = IncomingMessage(source=source, author=Author(platform_user_id=str(number)),
                                  text=f"Нет воды с утра, ул. Лучистая {number % 90 + 1}", sent_at=now)
        received = Appeal.receive(appeal_id_for(Channel.TELEGRAM, "yuzhno", f"{number}:1"), TOWN, message, now)
        decision = RoutingDecision(status=Status.ROUTED, municipality=TOWN, category="water",
                                   department="housing_utilities", confidence=0.9, reasons=("bench",), due_at=None)
        deps = container()
        appeal = deps.locating.located(apply_route(received, decision, now), deps.towns.all().get(TOWN))
        deps.appeals.add(AppealWrite(appeal))
        topic, subscription = topic_of("group_appeal")
        body = {"appeal_id": appeal.id, "municipality": TOWN, "channel": "telegram", "status": "routed",
                "category": "water", "department": "housing_utilities", "due_at": None,
                "changed_at": now.isoformat(), "first_routing": True}
        return push_call(project, topic, subscription, body, {"appeal_id": appeal.id, "first_routing": "true"})

    def hand_to_regional() -> Call:
        # Selected by the subscription's filter (department regional); the appeal is not stored: one read.
        topic, subscription = topic_of("hand_to_regional")
        appeal_id = f"tg-{uuid.uuid4().hex[:24]}"
        now = datetime.now(UTC).isoformat()
        body = {"appeal_id": appeal_id, "municipality": TOWN, "channel": "telegram", "status": "routed",
                "category": "healthcare", "department": "regional", "due_at": now, "changed_at": now}
        return push_call(project, topic, subscription, body, {"department": "regional", "appeal_id": appeal_id})

    def deliver_reply() -> Call:
        topic, subscription = topic_of("deliver_reply")
        body = {"appeal_id": f"tg-{uuid.uuid4().hex[:24]}", "answer_id": "a1", "municipality": TOWN,
                "channel": "telegram"}
        return push_call(project, topic, subscription, body, {})

    def mark_reply_undelivered() -> Call:
        # A dead letter of an answer that is not stored: one transaction that reads one document.
        topic, subscription = topic_of("mark_reply_undelivered")
        body = {"appeal_id": f"tg-{uuid.uuid4().hex[:24]}", "answer_id": "a1", "municipality": TOWN,
                "channel": "telegram"}
        return push_call(project, topic, subscription, body, {})

    def mark_callback_undelivered() -> Call:
        # A dead letter of a callback whose appeal is not stored: one transaction that reads one document.
        topic, subscription = topic_of("mark_callback_undelivered")
        body = {"event_id": uuid.uuid4().hex, "event_type": "escalated", "appeal_id": f"rg-{uuid.uuid4().hex[:24]}",
                "client_id": "cur-sakhalin", "regional_id": "R-1", "municipality": TOWN, "status": "routed",
                "occurred_at": datetime.now(UTC).isoformat()}
        return push_call(project, topic, subscription, body, {"CloudPubSubDeadLetterSourceDeliveryCount": "50"})

    def mark_routing_failed() -> Call:
        # A dead letter of an appeal.received whose appeal is not stored: one transaction that reads one document.
        topic, subscription = topic_of("mark_routing_failed")
        body = {"appeal_id": f"tg-{uuid.uuid4().hex[:24]}", "municipality": TOWN, "channel": "telegram",
                "received_at": datetime.now(UTC).isoformat()}
        return push_call(project, topic, subscription, body, {"CloudPubSubDeadLetterSourceDeliveryCount": "5"})

    def deliver_regional_callback() -> Call:
        topic, subscription = topic_of("deliver_regional_callback")
        body = {"event_id": uuid.uuid4().hex, "event_type": "escalated", "appeal_id": f"rg-{uuid.uuid4().hex[:24]}",
                "client_id": "cur-sakhalin", "regional_id": "R-1", "municipality": TOWN, "status": "routed",
                "occurred_at": datetime.now(UTC).isoformat()}
        return push_call(project, topic, subscription, body, {})

    def sweep_deadlines() -> Call:
        topic, subscription = topic_of("sweep_deadlines")
        return push_call(project, topic, subscription, {}, {})

    def notify_staff() -> Call:
        # A digest for a town with no duty chats configured: the town read, nothing posted.
        topic, subscription = topic_of("notify_staff")
        tick = datetime.now(UTC).isoformat()
        body = {"digest_id": f"{tick}/{TOWN}/1", "municipality": TOWN, "tick": tick, "notices": []}
        return push_call(project, topic, subscription, body, {"municipality": TOWN})

    def erase_expired() -> Call:
        # The daily retention pass over a bench project: one query per town, nothing due.
        topic, subscription = topic_of("erase_expired")
        return push_call(project, topic, subscription, {}, {})

    def retrain_classifier() -> Call:
        # The nightly tick over the bench project: every town's examples read (the bench town's are those its model
        # was seeded from, so nothing is trained again).
        topic, subscription = topic_of("retrain_classifier")
        return push_call(project, topic, subscription, {}, {})

    def fan_out_incident() -> Call:
        # A page of an incident's step whose incident is not stored: one transaction that reads it, nothing to do.
        topic, subscription = topic_of("fan_out_incident")
        incident_id = f"in-{uuid.uuid4().hex[:24]}"
        body = {"incident_id": incident_id, "municipality": TOWN, "step": f"{incident_id}/3",
                "after": f"tg-{uuid.uuid4().hex[:24]}"}
        return push_call(project, topic, subscription, body, {"municipality": TOWN, "incident_id": incident_id})

    def bare_webhook() -> Call:
        number = fresh_number()
        return json_call("POST", "/yuzhno", telegram_update(number, 1, number))

    return {
        "telegram_webhook": telegram, "vk_webhook": vk, "ok_webhook": ok, "max_webhook": max_,
        "operator_api": operator_api, "regional_api": regional_api, "open311": open311,
        "monthly_report": monthly_report, "console": console, "route_appeal": route_appeal,
        "group_appeal": group_appeal, "hand_to_regional": hand_to_regional,
        "deliver_reply": deliver_reply, "mark_reply_undelivered": mark_reply_undelivered,
        "deliver_regional_callback": deliver_regional_callback,
        "mark_callback_undelivered": mark_callback_undelivered, "mark_routing_failed": mark_routing_failed,
        "sweep_deadlines": sweep_deadlines, "notify_staff": notify_staff, "erase_expired": erase_expired,
        "retrain_classifier": retrain_classifier, "fan_out_incident": fan_out_incident,
        "bare_hello": lambda: Call("GET", "/"), "bare_webhook": bare_webhook,
    }


def _warm_seconds(served: Served, call: Call) -> float:
    """How long a second request of the same kind takes on the now warm instance: the part of the first
    answer's time that is the request's own work rather than the start."""
    started = time.perf_counter()
    status, body = send(served.base_url, call)
    if not 200 <= status < 300:
        raise RuntimeError(f"{served.label} answered a warm request with {status}: {body[:300]!r}")
    return time.perf_counter() - started


def measure(ctx: Context) -> None:
    every = HTTP_FUNCTIONS + pubsub_functions()
    makers = calls(ctx)
    missing = sorted(set(every) - set(makers))
    if missing:
        raise RuntimeError(f"no cold-start request for {missing}: add one to bench/coldstart.py")
    functions = tuple(f for f in every if f in ctx.config.cold_functions) if ctx.config.cold_functions else every
    targets = [*((name, MAIN) for name in functions), *([] if ctx.config.cold_functions else [("bare_webhook", BARE)])]
    seconds: dict[str, list[float]] = {name: [] for name, _ in [*targets, ("bare_hello", BARE)]}
    paired: dict[str, list[float]] = {name: [] for name, _ in targets}
    warm: dict[str, list[float]] = {name: [] for name, _ in [*targets, ("bare_hello", BARE)]}
    memory: dict[str, list[dict[str, float]]] = {name: [] for name, _ in [*targets, ("bare_hello", BARE)]}
    failures: dict[str, str] = {}

    def start(name: str, source: Path, counted: bool) -> float | None:
        served = Served(name, source, ctx.served_env()).start()
        try:
            first = served.first_success(makers[name])
            if counted:
                seconds[name].append(first)
                memory[name].append(served.memory())
                warm[name].append(_warm_seconds(served, makers[name]()))
            return first
        except (RuntimeError, TimeoutError, OSError) as error:
            failures[name] = str(error)  # this function is left out; the others are still measured
            return None
        finally:
            served.stop()

    for round_number in range(WARM_UP_ROUNDS + ctx.config.cold_repeats):
        counted = round_number >= WARM_UP_ROUNDS
        for name, source in targets:
            if name in failures:
                continue
            # Each start right after a start of bare_hello: this machine's speed drifts by a third over minutes,
            # and a pair taken seconds apart sees the same machine.
            bare_first = start("bare_hello", BARE, counted)
            if bare_first is None:
                raise RuntimeError(f"bare_hello did not start: {failures['bare_hello']}")
            first = start(name, source, counted)
            if counted and first is not None:
                paired[name].append(first / bare_first)
    bare = median(seconds["bare_hello"])
    bare_warm_ms = median(warm["bare_hello"]) * 1000
    bare_memory = median([m["worker_peak_mib"] for m in memory["bare_hello"]])
    ctx.results["cold_start"] = {
        "repeats": ctx.config.cold_repeats,
        "warm_up_rounds_not_counted": WARM_UP_ROUNDS,
        "method": "each start right after a start of bare_hello; the ratio is the median of the pairs' ratios",
        "seconds": seconds,
        "median_seconds": {name: median(values) for name, values in seconds.items()},
        "paired_ratios": paired,
        "ratio_to_bare_hello": {name: median(values) for name, values in paired.items() if values},
        "warm_request_seconds": warm,
        "memory_after_first_answer": memory,
        "failures": failures,
    }
    for name, _ in targets:
        if name in failures:
            ctx.add(Row("cold start", name, "ERROR", met=False, note=failures[name][:400]))
            ctx.failures[f"cold start / {name}"] = failures[name]
            continue
        value = median(seconds[name])
        r = median(paired[name])
        judged = name in functions
        peak = median([m["worker_peak_mib"] for m in memory[name]])
        pss = median([m["total_pss_mib"] for m in memory[name]])
        warm_ms = median(warm[name]) * 1000 if warm[name] else math.nan
        # The first answer includes the request's own work (a report, eight Firestore round trips): without it,
        # what is left is the start itself, beside bare_hello's start without its (tiny) request.
        start_only = ratio(value * 1000 - warm_ms, bare * 1000 - bare_warm_ms)
        ctx.add(Row("cold start", name, value * 1000, bare * 1000, "ms", r, f"<= {TARGET}x" if judged else "",
                    (r is not None and r <= TARGET) if judged else None,
                    f"ratio: median of {len(paired[name])} starts each paired with a bare_hello start just before "
                    f"it; the same request warm: {warm_ms:.0f} ms (first minus warm: {start_only or 0:.2f}x "
                    f"bare_hello's); worker peak RSS after the 1st answer {peak:.0f} MiB "
                    f"({ratio(peak, bare_memory) or 0:.2f}x bare_hello's), master+worker PSS {pss:.0f} MiB"))
