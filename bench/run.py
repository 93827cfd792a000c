"""`make bench`: Otklik's functions measured beside bare baselines, side by side in one run, on the emulators.

    .venv/bin/python -m bench.run          (from the repository root; `make bench` does this)

Prints a table and writes bench/results.json; a full run of every section also rewrites bench/README.md. Ratios are
the figures to judge (the machine is shared and noisy); absolute numbers are there for context. Knobs (environment):

    OTKLIK_BENCH_QUICK=1            a smoke run of about two minutes (short loads, fewer repeats, smaller data)
    OTKLIK_BENCH_ONLY=a,b           only these sections: classify, cold, ingest, e2e, report, sweep, grouping, console
                                    (`make bench-console`: the console alone, its cold start with the bare one's)
    OTKLIK_BENCH_SECONDS            each measured ingest run (20; quick 4), OTKLIK_BENCH_WARMUP_SECONDS (10; 2)
    OTKLIK_BENCH_CONNECTIONS (16), OTKLIK_BENCH_THREADS (2), OTKLIK_BENCH_ROUNDS (2: bare, ours, bare, ours)
    OTKLIK_BENCH_GROWTH_REQUESTS    requests after the warm-up before memory growth is read (10000; quick 0)
    OTKLIK_BENCH_E2E_APPEALS (200; quick 20), OTKLIK_BENCH_COLD_REPEATS (7; quick 1)
    OTKLIK_BENCH_COLD_FUNCTIONS=a,b only these functions' cold starts (each still paired with bare_hello's)
    OTKLIK_BENCH_SWEEP_OPEN (100000; quick 5000), OTKLIK_BENCH_SWEEP_DUE (100)
    OTKLIK_BENCH_REPORT_APPEALS (10000; quick 1000)
    OTKLIK_BENCH_GROUPING_OPEN      open appeals at grouping's second measurement of reads (100000; quick 5000)
    OTKLIK_BENCH_CONSOLE_OPEN (1000), OTKLIK_BENCH_CONSOLE_REQUESTS (200; quick 30): the console's queue
    OTKLIK_BENCH_LOAD=wrk|python    the load generator (wrk when installed, else a Python one, said in the table)
    OTKLIK_BENCH_STRICT=1           exit 3 when a target is missed (otherwise only errors fail the run)
    OTKLIK_BENCH_PROFILE=1          py-spy profiles of bare_webhook's and telegram_webhook's workers, each in an extra
                                    ingest run (py-spy must be installed in .venv); summed up in results.json, raw in
                                    .otklik/bench/

Every process it starts (emulators, functions, load generator) is stopped on every exit path."""
from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import shutil
import signal
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script too: bench/ and tests/ import from the repository root
    sys.path.insert(0, str(REPO))

from bench.context import (  # noqa: E402 - after the sys.path line above
    BARE_TOPIC,
    ROUNDTRIP_TOPIC,
    SECTIONS,
    Config,
    Context,
    Row,
    suppress_logs,
    write_json,
)

RESULTS = REPO / "bench" / "results.json"
MARKER = "OTKLIK_BENCH_RUN"


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> int:
    config = Config.from_env()
    # SIGTERM (make interrupted, a CI timeout) unwinds like Ctrl-C, so every finally stops what it started.
    signal.signal(signal.SIGTERM, _interrupt)
    # Every process started from here on inherits the marker: what is still running with it at the end was left.
    os.environ[MARKER] = uuid.uuid4().hex[:8]
    load_at_start = os.getloadavg()[0]
    if load_at_start > 1.0:
        print(f"[bench] note: the load average is {load_at_start:.1f} before starting: something else is running, "
              "the figures will be noisier", flush=True)
    started = time.perf_counter()
    errors: dict[str, str] = {}
    ctx: Context | None = None
    try:
        ctx = _run(config, errors)
    except KeyboardInterrupt:
        print("\ninterrupted: everything started was stopped", file=sys.stderr)
        return 130
    finally:
        leftovers = _leftovers()
        if leftovers:
            print("WARNING: processes left behind:\n  " + "\n  ".join(leftovers), file=sys.stderr)
    assert ctx is not None
    elapsed = time.perf_counter() - started
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "load_average_1min_at_start": load_at_start, "load_average_1min_at_end": os.getloadavg()[0]}
    _print_table(ctx, config, elapsed, errors, machine)
    write_json(RESULTS, {
        "when": datetime.now(UTC).isoformat(), "run_id": ctx.run_id, "seconds": elapsed, "machine": machine,
        "config": vars(config), "rows": [row.as_dict() for row in ctx.rows], "sections": ctx.results,
        "errors": errors, "leftover_processes": leftovers,
    })
    print(f"\nwritten: {RESULTS.relative_to(REPO)}")
    if not config.quick and set(config.sections) == set(SECTIONS) and not errors:
        from bench import readme

        readme.main()  # the last full run's table, kept in the repository
    missed = [row for row in ctx.rows if row.met is False]
    if errors or leftovers:
        return 1
    if missed and config.strict:
        return 3
    return 0


def _run(config: Config, errors: dict[str, str]) -> Context:
    from bench import classification, coldstart, console, data, e2e, grouping, ingest
    from bench.stack import LOG_DIR
    from otklik.adapters.photo_storage import storage_client
    from otklik.devstack.emulators import running_emulators
    from otklik.devstack.pubsub_setup import ensure_topics
    from otklik.devstack.storage_emulator import StorageEmulator
    from otklik.settings import get_settings
    from otklik.wiring import container

    sections = {"classify": classification.measure, "ingest": ingest.measure, "e2e": e2e.measure,
                "cold": coldstart.measure, "report": data.measure_report, "sweep": data.measure_sweep,
                "grouping": grouping.measure_grouping, "console": console.measure}
    shutil.rmtree(LOG_DIR, ignore_errors=True)  # the served functions' logs of the last run only
    _compile_bytecode()
    needs_stack = any(s != "classify" for s in config.sections)
    with contextlib.ExitStack() as running:
        emulators = running.enter_context(running_emulators()) if needs_stack else {}
        ctx = Context(config, emulators)
        if needs_stack:
            storage = StorageEmulator().start()
            running.callback(storage.stop)
            os.environ.update(ctx.environment(storage.environment()))
            get_settings.cache_clear()
            container.cache_clear()
            storage_client.cache_clear()
            ensure_topics(ctx.settings)
            _ensure_bench_topics(ctx)
            ctx.seed()
            running.callback(ctx.stop_webhook)
        for name in config.sections:
            print(f"[bench] {name}…", flush=True)
            section_started = time.perf_counter()
            try:
                with suppress_logs():
                    sections[name](ctx)
            except KeyboardInterrupt:
                raise
            except Exception as error:  # reported in the table, the other sections still run
                errors[name] = f"{type(error).__name__}: {error}"
                traceback.print_exc()
                ctx.add(Row(name, "section failed", "ERROR", met=False, note=str(error)[:400]))
            if name == "e2e" or (name == "ingest" and "e2e" not in config.sections):
                ctx.stop_webhook()  # telegram_webhook serves these two sections only
            print(f"[bench] {name} done in {time.perf_counter() - section_started:.0f} s", flush=True)
        errors.update(ctx.failures)
        return ctx


def _compile_bytecode() -> None:
    """Ours and the bare functions served from bytecode, as `make deploy` ships them: this machine's
    PYTHONDONTWRITEBYTECODE would otherwise have every cold start compile every module from source."""
    import compileall
    import py_compile

    for directory in (REPO / "functions", REPO / "bench" / "bare"):
        compileall.compile_dir(directory, quiet=1, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    from otklik.console.templating import precompile

    precompile()  # the console's templates, as `make bytecode` ships them


def _ensure_bench_topics(ctx: Context) -> None:
    from google.api_core import exceptions as google_exceptions
    from google.cloud import pubsub_v1

    publisher = pubsub_v1.PublisherClient()
    for topic in (BARE_TOPIC, ROUNDTRIP_TOPIC):
        with contextlib.suppress(google_exceptions.AlreadyExists):
            publisher.create_topic(name=publisher.topic_path(ctx.project_id, ctx.settings.topics.name(topic)))


def _leftovers() -> list[str]:
    """Processes still running that this run started (directly or not): they carry its marker variable."""
    mark = f"{MARKER}={os.environ.get(MARKER, '')}".encode() + b"\0"
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes() + b"\0"
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if environ.startswith(mark) or b"\0" + mark in environ:
            found.append(f"{entry}: {cmdline[:160]}")
    return found


def _format(value: Any, unit: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        if unit in ("ms",) and value < 100:
            return f"{value:,.1f}"
        return f"{value:,.1f}" if abs(value) < 10 else f"{value:,.0f}"
    return str(value)


def _print_table(ctx: Context, config: Config, elapsed: float, errors: dict[str, str],
                 machine: dict[str, Any]) -> None:
    header = ("section", "metric", "ours", "baseline", "unit", "ratio", "target", "")
    lines = [header]
    for row in ctx.rows:
        verdict = {True: "met", False: "MISSED", None: ""}[row.met]
        lines.append((row.section, row.metric, _format(row.ours, row.unit), _format(row.baseline, row.unit), row.unit,
                      f"{row.ratio:.2f}x" if row.ratio is not None else "", row.target, verdict))
    caps = {1: 58, 2: 16, 3: 16}
    widths = [min(max(len(str(line[i])) for line in lines), caps.get(i, 60)) for i in range(len(header))]
    print()
    mode = "QUICK smoke run" if config.quick else "full run"
    print(f"Otklik bench ({mode}, {os.cpu_count()} CPUs, {elapsed:.0f} s; load average "
          f"{machine['load_average_1min_at_start']:.1f} at start, {machine['load_average_1min_at_end']:.1f} at end)")
    for line in lines:
        print("  ".join(str(cell)[:widths[i]].ljust(widths[i]) if i in (0, 1, 4, 6, 7) else
                        str(cell).rjust(widths[i]) for i, cell in enumerate(line)).rstrip())
    notes = [(row.section, row.metric, row.note) for row in ctx.rows if row.note]
    if notes:
        print("\nnotes:")
        for section, metric, note in notes:
            print(f"  {section} / {metric}: {note}")
    met = sum(row.met is True for row in ctx.rows)
    missed = [f"{row.section} / {row.metric}" for row in ctx.rows if row.met is False]
    print(f"\ntargets met: {met}, missed: {len(missed)}" + (f" ({'; '.join(missed)})" if missed else ""))
    if errors:
        print("errors: " + json.dumps(errors, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
