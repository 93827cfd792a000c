"""The sweep and the report on volumes a town reaches, each in a fresh project of its own on the emulator.

Documents are written fast, in batches of 500 built by the appeals' own document mapping (adapters/appeal_documents.py,
so the fields the sweep and the report query, next_notice_at and received_month among them, are there as the
functions write them).
The sweep's and the report's own code then runs in this process, with its reads counted."""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.context import Context, Row, median
from bench.stack import TOWNS_FILE
from otklik.adapters.appeal_documents import appeal_document
from otklik.adapters.firestore_appeals import APPEALS, FirestoreAppealRepository
from otklik.adapters.firestore_client import firestore_client
from otklik.devstack.emulators import wipe_firestore
from otklik.domain.classification import Classification
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Author, Channel, SourceKind, SourceRef
from otklik.domain.routing import apply_route, decide_route
from otklik.domain.sweep import next_notice_at
from otklik.domain.towns import RegionConfig, TownConfig
from tests.integration.test_report import generate as generate_month
from tests.support import TOWN, CountingRepository

BATCH = 500
IN_FLIGHT = 6
SWEEP_T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)  # 11:00 on a Wednesday in Sakhalin
SWEEP_NOW = SWEEP_T0 + timedelta(hours=5)


def towns() -> dict[str, TownConfig]:
    return {t.code: t for t in RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns}


def write_documents(client: Any, documents: Iterable[tuple[str, dict[str, Any]]]) -> int:
    """Batch writes of 500, a few in flight at once; the number written."""
    collection = client.collection(APPEALS)
    slots = threading.Semaphore(IN_FLIGHT)
    written = 0
    pending: list[Future[Any]] = []

    def commit(batch: Any) -> None:
        try:
            batch.commit(timeout=120)
        finally:
            slots.release()

    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        batch, size = client.batch(), 0
        for document_id, document in documents:
            batch.set(collection.document(document_id), document)
            size += 1
            if size == BATCH:
                slots.acquire()
                pending.append(pool.submit(commit, batch))
                written += size
                batch, size = client.batch(), 0
        if size:
            slots.acquire()
            pending.append(pool.submit(commit, batch))
            written += size
        for future in pending:
            future.result()
    return written


# The sweep ---------------------------------------------------------------------------------------------------------

def _routed(number: int, received: datetime, town_configs: dict[str, TownConfig]) -> Appeal:
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE,
                       event_id=f"t{number}", chat_id=str(number))
    appeal = Appeal(id=appeal_id_for(Channel.TELEGRAM, "yuzhno", f"t{number}"), municipality=TOWN,
                    channel=Channel.TELEGRAM, source=source, author=Author(platform_user_id=f"u{number}"),
                    text="яма на дороге у дома 5", received_at=received)
    decision = decide_route(appeal, Classification("roads", 0.9, False, ["яма"], "appeal"), town_configs)
    return apply_route(appeal, decision, received)


def _copies(template: Appeal, numbers: Iterable[int]) -> Iterator[Appeal]:
    for number in numbers:
        event_id = f"s{number}"
        source = template.source.model_copy(update={"event_id": event_id, "chat_id": str(number)})
        yield template.model_copy(update={"id": appeal_id_for(Channel.TELEGRAM, "yuzhno", event_id), "source": source,
                                          "author": Author(platform_user_id=f"u{number}")})


def measure_sweep(ctx: Context) -> None:
    from otklik.adapters.pubsub_publisher import PubSubPublisher, publisher_client
    from otklik.devstack.pubsub_setup import ensure_topics
    from otklik.services.outbox import OutboxRelay
    from otklik.services.sweep import SweepService

    cfg = ctx.config
    settings = ctx.settings.model_copy(update={"project_id": f"bench-sweep-{ctx.run_id}"})
    ensure_topics(settings)
    client = firestore_client(settings.project_id)
    repository = FirestoreAppealRepository(client, settings.timezone, settings.firestore_timeout_seconds)
    town_configs = towns()
    open_count, due_count = cfg.sweep_open - cfg.sweep_due, cfg.sweep_due
    not_due = [_routed(i, SWEEP_T0 + timedelta(seconds=10 * i), town_configs) for i in range(60)]
    due = [_routed(1000 + i, SWEEP_T0 - timedelta(days=7, minutes=i), town_configs) for i in range(10)]
    assert all(next_notice_at(a) is not None and next_notice_at(a) > SWEEP_NOW for a in not_due)  # type: ignore[operator]
    assert all(next_notice_at(a) is not None and next_notice_at(a) <= SWEEP_NOW for a in due)  # type: ignore[operator]

    def documents() -> Iterator[tuple[str, dict[str, Any]]]:
        numbers = iter(range(10**6, 10**7))
        # The due ones spread among the others, as they would be in a real collection.
        every = max(1, open_count // max(1, due_count))
        made_due = 0
        for index in range(open_count):
            template = not_due[index % len(not_due)]
            (appeal,) = _copies(template, [next(numbers)])
            yield appeal.id, appeal_document(appeal, settings.timezone)
            if index % every == 0 and made_due < due_count:
                (late,) = _copies(due[made_due % len(due)], [next(numbers)])
                made_due += 1
                yield late.id, appeal_document(late, settings.timezone)
        for index in range(made_due, due_count):
            (late,) = _copies(due[index % len(due)], [next(numbers)])
            yield late.id, appeal_document(late, settings.timezone)

    publisher = PubSubPublisher(publisher_client, settings.project_id, settings.publish_timeout_seconds)
    ticks = []
    try:
        started = time.perf_counter()
        written = write_documents(client, documents())
        write_seconds = time.perf_counter() - started
        for _ in range(2):  # the tick that finds the due appeals, then one that finds nothing
            counting = CountingRepository(repository)
            sweep = SweepService(counting, counting, OutboxRelay(counting, publisher, settings.topics),
                                 lambda: SWEEP_NOW)
            started = time.perf_counter()
            report = sweep.tick()
            ticks.append({"seconds": time.perf_counter() - started, "reads": counting.reads,
                          "queries": counting.queries, "notices": report.notices, "finished": report.finished,
                          "touched": len(report.touched)})
    finally:
        wipe_firestore(ctx.firestore_host, settings.project_id)
    first, second = ticks
    allowed = 2 * due_count + 6
    ctx.results["sweep"] = {"open": written, "due": due_count, "write_seconds": write_seconds,
                            "write_docs_per_second": written / write_seconds, "ticks": ticks,
                            "reads_allowed": allowed}
    ctx.add(
        Row("sweep", f"reads, {written:,} open / {due_count} due", first["reads"], allowed, "docs", None,
            f"<= 2 x due + 6 = {allowed}", first["reads"] <= allowed and first["notices"] == due_count,
            f"{first['notices']} notices given, {first['queries']} queries"),
        Row("sweep", "tick time (emulator)", first["seconds"] * 1000, unit="ms",
            note=f"written at {written / write_seconds:,.0f} docs/s"),
        Row("sweep", "next tick, nothing due: reads / time", f"{second['reads']} / {second['seconds'] * 1000:.0f}",
            unit="docs / ms"),
    )


# The report --------------------------------------------------------------------------------------------------------

def measure_report(ctx: Context) -> None:
    from otklik.adapters.firestore_reports import FirestoreReportQueries
    from otklik.adapters.town_directory import FirestoreTownDirectory
    from otklik.services.report import ReportService

    settings = ctx.settings
    project = f"bench-report-{ctx.run_id}"
    client = firestore_client(project)
    directory = FirestoreTownDirectory(client, 600)
    # the distribution the report test checks
    appeals = generate_month(random.Random(20260601), ctx.config.report_appeals)
    runs = []
    try:
        directory.save(towns().values())
        started = time.perf_counter()
        written = write_documents(client, ((a.id, appeal_document(a, settings.timezone)) for a in appeals))
        write_seconds = time.perf_counter() - started
        for _ in range(3):
            queries = FirestoreReportQueries(client)
            started = time.perf_counter()
            report = ReportService(queries, directory, settings.timezone).monthly(TOWN, "2026-06")
            runs.append({"seconds": time.perf_counter() - started, "aggregations": queries.cost.aggregations,
                         "documents_read": queries.cost.documents_read, "received": report.received})
    finally:
        wipe_firestore(ctx.firestore_host, project)
    first = runs[0]
    in_town = sum(1 for a in appeals if a.municipality == TOWN)
    ctx.results["report"] = {"appeals": written, "in_town": in_town, "write_seconds": write_seconds, "runs": runs}
    ctx.add(
        Row("report", f"month of {written:,} appeals: aggregations / documents read",
            f"{first['aggregations']} / {first['documents_read']}", unit="queries / docs",
            note=f"report counted {first['received']:,} appeals of the town"),
        Row("report", "time (median of 3, emulator)", median([r["seconds"] for r in runs]) * 1000, unit="ms"),
    )
