"""Ingest under load, and memory: telegram_webhook beside bare_webhook, both served by functions-framework in
production mode, loaded in turn (bare, ours, bare, ours...) with the same duration and connections.

bare_same_writes, loaded in the same rounds, is a second baseline (not a target's): the writes the webhook's design
makes (an appeal-shaped document and its outbox entry in one batch, a publish, the entry's delete) with the client
libraries alone. Ours beside it is what Otklik's own code costs; it beside bare_webhook is what the design costs."""
from __future__ import annotations

import itertools
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import load
from bench.context import Context, Row, median, ratio
from bench.stack import (
    BARE,
    LOG_DIR,
    Call,
    Served,
    emulator_cpu_seconds,
    fresh_number,
    json_call,
    serving,
    telegram_update,
)
from tests.support import SECRETS

SECRET = SECRETS["telegram-yuzhno-webhook"]
PATH = "/yuzhno"
MIB = 1024 * 1024


def first_update() -> Call:
    number = fresh_number()
    return json_call("POST", PATH, telegram_update(number, 1, number),
                     {"X-Telegram-Bot-Api-Secret-Token": SECRET})


def measure(ctx: Context) -> None:
    cfg = ctx.config
    tool = load.tool(cfg.load_tool)
    chats = itertools.count(fresh_number() * 100, 1000)  # a block of chat ids per run, one per wrk thread
    ours = ctx.webhook()
    ours.first_success(first_update)
    template = _same_writes_template(LOG_DIR / "same-writes-template.json")
    with (serving("bare_webhook", BARE, ctx.served_env()) as bare,
          serving("bare_same_writes", BARE, ctx.served_env() | {"BENCH_APPEAL_TEMPLATE": str(template)}) as same):
        servers: dict[str, Served] = {"bare": bare, "ours": ours, "same": same}
        for served in servers.values():
            served.first_success(first_update)

        def run(name: str, seconds: float, limit: int = 0, connections: int = cfg.connections,
                threads: int = cfg.threads) -> load.LoadResult:
            return load.run(tool, servers[name].base_url + PATH, SECRET, next(chats), seconds, connections,
                            threads, limit)

        warmup = {name: run(name, cfg.warmup_seconds) for name in servers}
        after_warmup = {name: s.memory() for name, s in servers.items()}
        runs: list[dict[str, Any]] = []
        for _ in range(cfg.rounds):
            for name in ("bare", "ours", "same"):
                # CPU used per request, by the function's processes and by the emulators: on a small machine they
                # share the cores, so the emulators' work for a request weighs on the throughput too.
                function_cpu, emulator_cpu = servers[name].cpu_seconds(), emulator_cpu_seconds()
                result = run(name, cfg.seconds)
                function_cpu = servers[name].cpu_seconds() - function_cpu
                emulator_cpu = {k: v - emulator_cpu[k] for k, v in emulator_cpu_seconds().items()}
                per_request = 1000 / max(1, result.requests)
                runs.append({"server": name, **result.as_dict(),
                             "cpu_ms_per_request": {"function": function_cpu * per_request,
                                                    **{k: v * per_request for k, v in emulator_cpu.items()}}})
        # At saturation a closed-loop load's latency is mostly queueing (connections / throughput): one connection
        # shows each function's own service time.
        single = {name: run(name, max(2.0, cfg.seconds / 2), connections=1, threads=1) for name in ("bare", "ours")}
        since_warmup = {name: sum(r["requests"] for r in runs if r["server"] == name)
                        + (single[name].requests if name in single else 0) for name in servers}
        topped_up = 0
        for name in ("bare", "ours") if cfg.profile else ():
            recording = _profile(servers[name], cfg.seconds)
            if recording is None:
                break
            profiled = run(name, cfg.seconds)  # an extra run, not in the figures: the profiler takes CPU too
            ctx.results.setdefault("ingest_profile", {})[name] = recording.finish() | {"run": profiled.as_dict()}
            if name == "ours":
                topped_up += profiled.requests
                since_warmup["ours"] += profiled.requests
        if since_warmup["ours"] < cfg.growth_requests:
            missing = cfg.growth_requests - since_warmup["ours"]
            rate = max(1.0, median([r["throughput_rps"] for r in runs if r["server"] == "ours"]))
            extra = run("ours", seconds=math.ceil(missing / rate * 2 + 10), limit=missing)
            topped_up += extra.requests
            since_warmup["ours"] += extra.requests
        at_end = {name: s.memory() for name, s in servers.items()}
    stored = _appeals_stored()

    by = {name: [r for r in runs if r["server"] == name] for name in servers}
    figures = {name: {"throughput_rps": median([r["throughput_rps"] for r in rs]),
                      "p50_ms": median([r["p50_ms"] for r in rs]), "p99_ms": median([r["p99_ms"] for r in rs]),
                      "function_cpu_ms": median([r["cpu_ms_per_request"]["function"] for r in rs]),
                      "emulator_cpu_ms": median([r["cpu_ms_per_request"]["firestore"]
                                                 + r["cpu_ms_per_request"]["pubsub"] for r in rs])}
               for name, rs in by.items()}
    answered = since_warmup["ours"] + warmup["ours"].requests
    failures = sum(sum(r["errors"].values()) for r in runs)
    ctx.results["ingest"] = {
        "tool": tool, "seconds": cfg.seconds, "connections": cfg.connections, "threads": cfg.threads,
        "rounds": cfg.rounds, "order": [r["server"] for r in runs],
        "warmup": {k: v.as_dict() for k, v in warmup.items()},
        "one_connection": {k: v.as_dict() for k, v in single.items()},
        "runs": runs, "medians": figures, "failed_requests": failures, "appeals_stored": stored,
        "requests_answered_by_ours": answered,
    }
    ctx.results["memory"] = {"after_warmup": after_warmup, "at_end": at_end, "requests_since_warmup": since_warmup,
                             "topped_up": topped_up}
    spread = "; ".join(f"{name} " + "/".join(f"{r['throughput_rps']:.0f}" for r in rs) for name, rs in by.items())
    note = (f"{tool}, {cfg.connections} connections, {cfg.threads} threads, {cfg.seconds:.0f} s a run; "
            f"req/s by run: {spread}")
    if tool != "wrk":
        why = "wrk is missing" if load.wrk_path() is None else "as OTKLIK_BENCH_LOAD asks"
        note += f" (the Python load generator, {why}: slower than wrk, and it shares the CPU)"
    if failures:
        note += f"; {failures} FAILED requests"
    stored_note = (f"{stored:,} appeals stored for {answered:,} answered requests" +
                   ("" if stored >= answered else ": FEWER appeals than answers"))
    ours_f, bare_f, same_f = figures["ours"], figures["bare"], figures["same"]
    throughput = ratio(ours_f["throughput_rps"], bare_f["throughput_rps"])
    p99 = ratio(ours_f["p99_ms"], bare_f["p99_ms"])
    ctx.add(
        Row("ingest", "throughput", ours_f["throughput_rps"], bare_f["throughput_rps"], "req/s", throughput,
            ">= 0.8x", None if throughput is None else throughput >= 0.8, note),
        Row("ingest", "p50 latency", ours_f["p50_ms"], bare_f["p50_ms"], "ms",
            ratio(ours_f["p50_ms"], bare_f["p50_ms"])),
        Row("ingest", "p99 latency", ours_f["p99_ms"], bare_f["p99_ms"], "ms", p99, "<= 1.25x",
            None if p99 is None else p99 <= 1.25, stored_note),
        Row("ingest", "p50 latency, one connection", single["ours"].p50_ms, single["bare"].p50_ms, "ms",
            ratio(single["ours"].p50_ms, single["bare"].p50_ms)),
        Row("ingest", "p99 latency, one connection", single["ours"].p99_ms, single["bare"].p99_ms, "ms",
            ratio(single["ours"].p99_ms, single["bare"].p99_ms),
            note=f"{single['ours'].throughput:.0f} / {single['bare'].throughput:.0f} req/s on one connection"),
        Row("ingest", "CPU per request: function (master+worker)", ours_f["function_cpu_ms"], bare_f["function_cpu_ms"],
            "ms", ratio(ours_f["function_cpu_ms"], bare_f["function_cpu_ms"])),
        Row("ingest", "CPU per request: Firestore+Pub/Sub emulators", ours_f["emulator_cpu_ms"],
            bare_f["emulator_cpu_ms"], "ms", ratio(ours_f["emulator_cpu_ms"], bare_f["emulator_cpu_ms"])),
        Row("ingest", "throughput beside bare_same_writes",
            ours_f["throughput_rps"], same_f["throughput_rps"], "req/s",
            ratio(ours_f["throughput_rps"], same_f["throughput_rps"]),
            note="context, not a target: bare_same_writes makes the design's writes with no Otklik code; beside "
                 "bare_webhook it is "
                 f"{ratio(same_f['throughput_rps'], bare_f['throughput_rps']) or 0:.2f}x"),
        Row("ingest", "CPU per request beside bare_same_writes: function", ours_f["function_cpu_ms"],
            same_f["function_cpu_ms"], "ms", ratio(ours_f["function_cpu_ms"], same_f["function_cpu_ms"])),
    )
    worker_peak = ratio(at_end["ours"]["worker_peak_mib"], at_end["bare"]["worker_peak_mib"])
    growth = at_end["ours"]["total_rss_mib"] - after_warmup["ours"]["total_rss_mib"]
    bare_growth = at_end["bare"]["total_rss_mib"] - after_warmup["bare"]["total_rss_mib"]
    enough = since_warmup["ours"] >= 10_000
    ctx.add(
        Row("memory", "peak RSS of the worker (telegram_webhook)", at_end["ours"]["worker_peak_mib"],
            at_end["bare"]["worker_peak_mib"], "MiB", worker_peak, "<= 1.2x",
            None if worker_peak is None else worker_peak <= 1.2, "VmHWM of the gunicorn worker after the load"),
        Row("memory", "peak RSS, master + worker", at_end["ours"]["total_peak_mib"], at_end["bare"]["total_peak_mib"],
            "MiB", ratio(at_end["ours"]["total_peak_mib"], at_end["bare"]["total_peak_mib"]),
            note="pages the forked worker shares with the master are counted twice here"),
        Row("memory", "PSS, master + worker, after the load", at_end["ours"]["total_pss_mib"],
            at_end["bare"]["total_pss_mib"], "MiB",
            ratio(at_end["ours"]["total_pss_mib"], at_end["bare"]["total_pss_mib"]),
            note="shared pages counted once: closest to what an instance's memory limit sees"),
        Row("memory", f"RSS growth over {since_warmup['ours']:,} requests after warm-up", growth, bare_growth, "MiB",
            None, "<= 10 MB", (growth * MIB <= 10_000_000) if enough else None,
            "" if enough else "fewer than 10,000 requests: not judged"),
    )


def _same_writes_template(path: Path) -> Path:
    """One appeal telegram_webhook stored, and the outbox entry it wrote beside it (rebuilt: the relay deleted it),
    as bare_same_writes' template; timestamps as {"$timestamp": ISO text}."""
    from otklik.adapters.appeal_documents import appeal_from_document
    from otklik.services.events import write
    from otklik.wiring import container

    stored = next(container().firestore.collection("appeals").limit(1).stream()).to_dict() or {}
    message = write(None, appeal_from_document(stored)).messages[0]

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"$timestamp": value.isoformat()}
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"appeal": plain(stored), "outbox": plain(vars(message))}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def _appeals_stored() -> int:
    """Appeals in this run's project: at least one per request answered 200."""
    from otklik.wiring import container

    query = container().firestore.collection("appeals").count(alias="n")
    return int(query.get()[0][0].value)


def _profile(served: Served, seconds: float) -> Any:
    from bench import profile

    if not profile.available():
        print(f"[bench] OTKLIK_BENCH_PROFILE: {profile.PY_SPY} not found (pip install py-spy into .venv)", flush=True)
        return None
    worker = next(pid for name, pid in served.processes().items() if name.startswith("worker"))
    return profile.Recording(worker, seconds, LOG_DIR / f"{served.label}-profile.txt")
