"""The operator console with a town's worth of open appeals (OTKLIK_BENCH_CONSOLE_OPEN, 1,000):

- the queue's server time: the console served as in the cloud (functions-framework, one worker), an operator signed
  in through the sign-in form, the first page asked again and again (p50/p95), and every page of the queue walked
  by its cursor;
- the documents one page reads: the console's own code run in this process, its reads counted where they happen
  (the appeal store's queries, counts and gets, and the session looked up), for the first page and a later one;
- the first paint of the queue in Chromium (tests/browser/chromium.py), signed in with the session's cookie.

Its cold start beside the bare function's is in the cold section (bench/coldstart.py), with every other function's."""
from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from bench.context import Context, Row, median, percentile
from bench.data import _copies, _routed, towns, write_documents
from bench.stack import MAIN, Call, Served
from otklik.adapters.appeal_documents import appeal_document
from otklik.adapters.firestore_client import firestore_client

FIXED_READS = 3  # beside the page's appeals: the session, the cursor's document, the overdue count (per 1,000)
FIRST_PAINTS = 5
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_NEXT = re.compile(r'href="[^"]*\?([^"]*cursor=[^"]+)" data-testid="next-page"')


def open_appeals(count: int, now: datetime) -> Iterator[tuple[str, dict[str, Any]]]:
    """`count` routed appeals of the bench town, one every 15 minutes over the last ten days, as a backlog is: their
    deadlines (12 hours on) from days past to hours ahead, so the queue's order by deadline has work to do."""
    town_configs = towns()
    timezone = "Asia/Sakhalin"
    templates = [_routed(i, now - timedelta(minutes=15 * i), town_configs) for i in range(960)]
    for number in range(count):
        (appeal,) = _copies(templates[number % len(templates)], [2 * 10**7 + number])
        yield appeal.id, appeal_document(appeal, timezone)


def sign_in(base_url: str, key: str) -> requests.Session:
    """An operator's browser session, through the sign-in form as a person signs in."""
    session = requests.Session()
    form = session.get(f"{base_url}/sign-in", timeout=30)
    form.raise_for_status()
    token = _CSRF.search(form.text)
    if token is None:
        raise RuntimeError(f"the sign-in page has no CSRF field: {form.text[:300]!r}")
    signed = session.post(f"{base_url}/sign-in", data={"csrf_token": token.group(1), "api_key": key}, timeout=30,
                          allow_redirects=False)
    if signed.status_code != 303 and signed.status_code != 302:
        raise RuntimeError(f"sign-in answered {signed.status_code}: {signed.text[:300]!r}")
    return session


def _timed(session: requests.Session, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = session.get(url, timeout=60, allow_redirects=False)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.text[:300]!r}")
    return seconds, response.text


def _next_query(html: str) -> str | None:
    found = _NEXT.search(html)
    return found.group(1).replace("&amp;", "&") if found else None


@dataclass
class Timed:
    first_page_seconds: list[float] = field(default_factory=list)
    walk_seconds: list[float] = field(default_factory=list)
    page_queries: list[str] = field(default_factory=list)  # each page's query string, the first's empty
    cookies: dict[str, str] = field(default_factory=dict)


def server_times(served: Served, key: str, requests_count: int) -> Timed:
    """The first page asked `requests_count` times after a warm-up, then every page walked by its cursor."""
    served.first_success(lambda: Call("GET", "/sign-in"))
    session = sign_in(served.base_url, key)
    timed = Timed(cookies=session.cookies.get_dict())
    for _ in range(5):  # warm: the instance's clients, the emulator's query plans
        _timed(session, f"{served.base_url}/")
    timed.first_page_seconds = [_timed(session, f"{served.base_url}/")[0] for _ in range(requests_count)]
    query: str | None = ""
    while query is not None:
        seconds, html = _timed(session, f"{served.base_url}/?{query}")
        timed.walk_seconds.append(seconds)
        timed.page_queries.append(query)
        query = _next_query(html)
    return timed


class Counted:
    """An object whose public methods count, in `counter`, the documents their answers cost."""

    def __init__(self, inner: Any, counter: CountingReads) -> None:
        self._inner = inner
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name.startswith("_") or not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            self._counter.add(name, args, result)
            return result

        return call


@dataclass
class CountingReads:
    """The documents a request reads through the appeal store and the sessions: each appeal a query returns (an empty
    query is billed one read) and the cursor's document, one per 1,000 index entries of a count, one per get."""

    reads: int = 0
    calls: list[str] = field(default_factory=list)

    def add(self, name: str, args: tuple[Any, ...], result: Any) -> None:
        self.calls.append(name)
        if name == "search":
            query, (appeals, _) = args[0], result
            self.reads += max(1, len(appeals)) + (1 if query.after else 0)
        elif name == "count":
            self.reads += max(1, math.ceil(int(result) / 1000))
        elif isinstance(result, list):
            self.reads += max(1, len(result))
        else:
            self.reads += 1


def reads_per_page(cookies: dict[str, str], queries: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The console's code in this process, on the same data, its reads counted for each page asked."""
    import functions_framework

    from otklik.wiring import container

    deps = container()
    counting = CountingReads()
    appeals, sessions = deps.appeals, deps.console_sessions
    deps.__dict__.pop("work", None)  # built from the store on first use: built again around the counted one
    deps.appeals = Counted(appeals, counting)  # type: ignore[assignment]
    deps.console_sessions = Counted(sessions, counting)  # type: ignore[assignment]
    try:
        client = functions_framework.create_app(target="console", source=str(MAIN)).test_client()
        for name, value in cookies.items():
            client.set_cookie(name, value)
        pages = {}
        for label, query in queries.items():
            counting.reads, counting.calls = 0, []
            response = client.get(f"/?{query}")
            if response.status_code != 200:
                raise RuntimeError(f"the console in this process answered {response.status_code} to /?{query}")
            pages[label] = {"reads": counting.reads, "calls": list(counting.calls)}
        return pages
    finally:
        deps.__dict__.pop("work", None)
        deps.appeals, deps.console_sessions = appeals, sessions  # type: ignore[assignment]


def first_paints(base_url: str, cookies: dict[str, str], count: int) -> list[float]:
    """Milliseconds to the first contentful paint of the queue, each in a fresh browser context."""
    from tests.browser.chromium import launched_chromium

    paints = []
    with launched_chromium() as browser:
        for _ in range(count):
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
            try:
                context.add_cookies([{"name": n, "value": v, "url": base_url} for n, v in cookies.items()])
                page = context.new_page()
                page.goto(f"{base_url}/", wait_until="load")
                paint = page.evaluate(
                    "() => new Promise(done => new PerformanceObserver((list, observer) => {"
                    " const found = list.getEntries().find(e => e.name === 'first-contentful-paint');"
                    " if (found) { observer.disconnect(); done(found.startTime); } })"
                    ".observe({type: 'paint', buffered: true}))")
                paints.append(float(paint))
            finally:
                context.close()
    return paints


def measure(ctx: Context) -> None:
    from otklik.console.queue_page import PAGE_SIZE

    cfg = ctx.config
    written = write_documents(firestore_client(ctx.project_id), open_appeals(cfg.console_open, datetime.now(UTC)))
    served = Served("console", MAIN, ctx.served_env()).start()
    try:
        timed = server_times(served, ctx.keys["operator"], cfg.console_requests)
        later = timed.page_queries[len(timed.page_queries) // 2]
        reads = reads_per_page(timed.cookies, {"first page": "", f"page {len(timed.page_queries) // 2 + 1}": later})
        try:
            paints: list[float] | str = first_paints(served.base_url, timed.cookies, FIRST_PAINTS)
        except Exception as error:  # no Chromium here: said in the table, the other figures still stand
            paints = f"{type(error).__name__}: {error}"
    finally:
        served.stop()
    first, walk = timed.first_page_seconds, timed.walk_seconds
    allowed = PAGE_SIZE + FIXED_READS
    ctx.results["console"] = {"open_appeals": written, "page_size": PAGE_SIZE, "reads_allowed": allowed,
                              "first_page_seconds": first, "walk_seconds": walk, "reads": reads,
                              "first_contentful_paint_ms": paints}
    ctx.add(
        Row("console", f"queue, {written:,} open: first page p50 / p95",
            f"{median(first) * 1000:.0f} / {percentile(first, 0.95) * 1000:.0f}", unit="ms",
            note=f"{len(first)} requests to the console served by functions-framework, signed in by the form"),
        Row("console", "queue: every page by its cursor p50 / p95",
            f"{median(walk) * 1000:.0f} / {percentile(walk, 0.95) * 1000:.0f}", unit="ms",
            note=f"{len(walk)} pages of {PAGE_SIZE}"),
    )
    for label, counted in reads.items():
        ctx.add(Row("console", f"queue: documents read, {label}", counted["reads"], allowed, "docs", None,
                    f"<= page {PAGE_SIZE} + {FIXED_READS} = {allowed}", counted["reads"] <= allowed,
                    "through " + ", ".join(counted["calls"])))
    if isinstance(paints, str):
        ctx.add(Row("console", "queue: first contentful paint (Chromium)", "ERROR", met=False, note=paints[:400]))
        ctx.failures["console / first paint"] = paints
    else:
        ctx.add(Row("console", "queue: first contentful paint (Chromium)", median(paints), unit="ms",
                    note=f"median of {len(paints)} loads, each in a fresh context; max {max(paints):.0f} ms"))
