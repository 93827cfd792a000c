"""What every section of `make bench` shares: the knobs, the environment of the served functions, the seeded
data, and the rows of the printed table."""
from __future__ import annotations

import contextlib
import json
import math
import os
import statistics
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.stack import MAIN, TOWNS_FILE, Served
from otklik.devstack.emulators import HOST, Emulator, free_port
from otklik.settings import Settings, get_settings
from tests.support import CHANNELS, SECRETS, TOWN

if TYPE_CHECKING:
    from otklik.wiring import Container

BARE_TOPIC = "bench.bare"
ROUNDTRIP_TOPIC = "bench.roundtrip"
# cold first: its emulators hold no other data yet; console last: its 1,000 open appeals stay in the run's project
SECTIONS = ("classify", "cold", "ingest", "e2e", "report", "sweep", "grouping", "console")


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class Config:
    """Knobs, all from OTKLIK_BENCH_* variables; OTKLIK_BENCH_QUICK=1 is a smoke run of about two minutes."""

    quick: bool
    seconds: float  # each measured ingest run
    warmup_seconds: float
    connections: int
    threads: int
    rounds: int  # ingest runs alternate bare, ours, bare, ours...: rounds of the pair
    growth_requests: int
    e2e_appeals: int
    cold_repeats: int
    cold_functions: tuple[str, ...]  # only these in the cold section (all when empty)
    sweep_open: int
    sweep_due: int
    report_appeals: int
    grouping_open: int
    console_open: int  # open appeals in the town whose queue the console section reads
    console_requests: int
    load_tool: str | None
    sections: tuple[str, ...]
    strict: bool
    profile: bool

    @classmethod
    def from_env(cls) -> Config:
        quick = os.environ.get("OTKLIK_BENCH_QUICK", "") not in ("", "0")
        only = os.environ.get("OTKLIK_BENCH_ONLY", "")
        sections = tuple(s.strip() for s in only.split(",") if s.strip()) or SECTIONS
        unknown = sorted(set(sections) - set(SECTIONS))
        if unknown:
            raise SystemExit(f"OTKLIK_BENCH_ONLY: unknown sections {unknown}; known: {', '.join(SECTIONS)}")
        return cls(
            quick=quick,
            seconds=_number("OTKLIK_BENCH_SECONDS", 4 if quick else 20),
            warmup_seconds=_number("OTKLIK_BENCH_WARMUP_SECONDS", 2 if quick else 10),
            connections=int(_number("OTKLIK_BENCH_CONNECTIONS", 16)),
            threads=int(_number("OTKLIK_BENCH_THREADS", 2)),
            rounds=int(_number("OTKLIK_BENCH_ROUNDS", 1 if quick else 2)),
            growth_requests=int(_number("OTKLIK_BENCH_GROWTH_REQUESTS", 0 if quick else 10_000)),
            e2e_appeals=int(_number("OTKLIK_BENCH_E2E_APPEALS", 20 if quick else 200)),
            cold_repeats=int(_number("OTKLIK_BENCH_COLD_REPEATS", 1 if quick else 7)),
            cold_functions=tuple(f.strip() for f in os.environ.get("OTKLIK_BENCH_COLD_FUNCTIONS", "").split(",")
                                 if f.strip()),
            sweep_open=int(_number("OTKLIK_BENCH_SWEEP_OPEN", 5_000 if quick else 100_000)),
            sweep_due=int(_number("OTKLIK_BENCH_SWEEP_DUE", 100)),
            report_appeals=int(_number("OTKLIK_BENCH_REPORT_APPEALS", 1_000 if quick else 10_000)),
            grouping_open=int(_number("OTKLIK_BENCH_GROUPING_OPEN", 5_000 if quick else 100_000)),
            console_open=int(_number("OTKLIK_BENCH_CONSOLE_OPEN", 1_000)),
            console_requests=int(_number("OTKLIK_BENCH_CONSOLE_REQUESTS", 30 if quick else 200)),
            load_tool=os.environ.get("OTKLIK_BENCH_LOAD") or None,
            sections=tuple(s for s in SECTIONS if s in sections),
            strict=os.environ.get("OTKLIK_BENCH_STRICT", "") not in ("", "0"),
            profile=os.environ.get("OTKLIK_BENCH_PROFILE", "") not in ("", "0"),
        )


@dataclass
class Row:
    """One line of the table: our figure beside the baseline's, their ratio and the target."""

    section: str
    metric: str
    ours: float | str | None
    baseline: float | str | None = None
    unit: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v not in (None, "")}


@dataclass
class Context:
    config: Config
    emulators: dict[str, Emulator]
    run_id: str = field(default_factory=lambda: os.environ.get("OTKLIK_BENCH_RUN") or uuid.uuid4().hex[:8])
    env: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # parts of a section that failed while the rest ran
    _webhook: Served | None = None

    @property
    def settings(self) -> Settings:
        return get_settings()

    @property
    def project_id(self) -> str:
        return f"bench-{self.run_id}"

    @property
    def firestore_host(self) -> str:
        return self.emulators["firestore"].host

    def environment(self, storage_environment: dict[str, str]) -> dict[str, str]:
        """The variables `make run` gives the functions, with a project and topic prefix of this run's own."""
        dead = f"http://{HOST}:{free_port()}"  # nothing listens there: no reply ever leaves the machine
        self.env = {
            "FIRESTORE_EMULATOR_HOST": self.emulators["firestore"].host,
            "PUBSUB_EMULATOR_HOST": self.emulators["pubsub"].host,
            **storage_environment,
            "OTKLIK_PROJECT_ID": self.project_id,
            "OTKLIK_TOPIC_PREFIX": f"b{self.run_id}-",
            "OTKLIK_CHANNEL_SECRETS": json.dumps(SECRETS),
            "OTKLIK_PLATFORM_BASE_URLS": json.dumps({p: dead for p in ("vk", "telegram", "ok", "max")}),
            "BENCH_BARE_TOPIC": BARE_TOPIC,
        }
        return self.env

    def served_env(self) -> dict[str, str]:
        return dict(os.environ) | self.env

    def seed(self) -> None:
        """Channels, towns, API keys and a regional client in this run's project, as `make run` seeds them."""
        from otklik.domain.principals import Role
        from otklik.domain.towns import RegionConfig
        from otklik.regional.clients import RegionalClient
        from otklik.wiring import container

        deps = container()
        deps.channels.save(CHANNELS)
        deps.towns.save(RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns)
        self.keys = {
            "operator": deps.api_keys.issue(Role.OPERATOR, (TOWN,), name="bench operator")[1],
            "supervisor": deps.api_keys.issue(Role.SUPERVISOR, (TOWN,), name="bench supervisor")[1],
        }
        deps.regional_clients.save(RegionalClient(id="cur-sakhalin", name="ЦУР (bench)",
                                                  secret_ref="regional-cur-sakhalin", towns=(TOWN,),
                                                  rate_limit_per_minute=100_000))
        self._seed_classifier_model(deps)

    @staticmethod
    def _seed_classifier_model(deps: Container) -> None:
        """The bench town's learned model, from the regional archive (otklik/regional_archive.py) as a deployed town
        loads it: route_appeal's cold start loads it with the first message."""
        from otklik.regional_archive import archive_examples

        deps.retraining.start_from(TOWN, archive_examples)

    def webhook(self) -> Served:
        """telegram_webhook served once for the ingest and end-to-end sections."""
        if self._webhook is None:
            self._webhook = Served("telegram_webhook", MAIN, self.served_env()).start()
        return self._webhook

    def stop_webhook(self) -> None:
        if self._webhook is not None:
            self._webhook.stop()
            self._webhook = None

    def add(self, *rows: Row) -> None:
        self.rows.extend(rows)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(round(fraction * len(ordered), 9)))
    return ordered[min(len(ordered), rank) - 1]


def ratio(ours: float, baseline: float) -> float | None:
    return ours / baseline if baseline else None


@contextlib.contextmanager
def suppress_logs() -> Any:
    """The services log at INFO in this process too (the sweep, the report): keep the table readable."""
    import logging

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.setLevel(level)


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
