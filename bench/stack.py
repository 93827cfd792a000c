"""The emulators, the seeded data and the served functions that `make bench` measures.

Every function is served the way Cloud Functions serves it: the functions-framework CLI of the venv in its
production mode (gunicorn, one worker), in a process group of its own that is stopped on every exit path."""
from __future__ import annotations

import base64
import contextlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from otklik.devstack.emulators import HOST, ProcessGroup, free_port

REPO = Path(__file__).resolve().parents[1]
MAIN = REPO / "functions" / "main.py"
BARE = REPO / "bench" / "bare" / "main.py"
TOWNS_FILE = REPO / "infra" / "config" / "towns.json"
LOG_DIR = REPO / ".otklik" / "bench"
FUNCTIONS_FRAMEWORK = Path(sys.executable).parent / "functions-framework"


@dataclass(frozen=True)
class Call:
    """One HTTP request; `ok` says which answers count as success (2xx unless told otherwise)."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def send(base_url: str, call: Call, timeout: float = 30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(base_url + call.path, data=call.body, method=call.method,
                                     headers=call.headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak RSS) and Pss of one process, in KiB; empty when it is gone."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
    except OSError:
        return {}
    try:  # proportional: pages shared by the master and its forked worker counted once in the sum
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    values["Pss"] = int(line.split()[1])
    except OSError:
        pass
    return values


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def emulator_cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the Java processes of this run's Firestore and Pub/Sub emulators (found by the
    marker variable every process of the run inherits)."""
    marker = f"OTKLIK_BENCH_RUN={os.environ.get('OTKLIK_BENCH_RUN', '-')}".encode()
    used: dict[str, float] = {"firestore": 0.0, "pubsub": 0.0}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                argv = cmdline.read().split(b"\0")
            with open(f"/proc/{entry}/environ", "rb") as environ:
                if marker not in environ.read().split(b"\0"):
                    continue
        except OSError:
            continue
        if not argv or not argv[0].endswith(b"java"):
            continue
        joined = b" ".join(argv)
        kind = "firestore" if b"firestore" in joined else "pubsub" if b"pubsub" in joined else None
        if kind:
            used[kind] += cpu_seconds(int(entry))
    return used


class Served:
    """One function served by `functions-framework --target NAME --source FILE` on its own loopback port."""

    def __init__(self, target: str, source: Path, env: dict[str, str], label: str | None = None) -> None:
        self.target = target
        self.source = source
        self.env = env
        self.label = label or target
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self._group: ProcessGroup | None = None
        self.started_at = 0.0

    def start(self) -> Served:
        argv = [str(FUNCTIONS_FRAMEWORK), "--target", self.target, "--source", str(self.source),
                "--host", HOST, "--port", str(self.port)]
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log_path = LOG_DIR / f"{self.label}-{self.port}.log"
        self.started_at = time.perf_counter()
        self._group = ProcessGroup(f"bench-{self.label}", argv, env=self.env, log_path=log_path)
        return self

    @property
    def pid(self) -> int:
        assert self._group is not None
        return self._group.process.pid

    @property
    def log_path(self) -> Path | None:
        return self._group.log_path if self._group is not None else None

    def first_success(self, make_call: Callable[[], Call], timeout: float = 60.0,
                      ok: Callable[[int], bool] = lambda status: 200 <= status < 300) -> float:
        """Seconds from process start to the first successful answer. A refused connection (nothing listens
        yet) is retried; any answer that is not a success is an error, not a retry."""
        assert self._group is not None
        deadline = time.perf_counter() + timeout
        call = make_call()
        while time.perf_counter() < deadline:
            if self._group.process.poll() is not None:
                raise RuntimeError(f"{self.label} exited with {self._group.process.returncode}; see {self.log_path}")
            try:
                status, body = send(self.base_url, call, timeout=max(1.0, deadline - time.perf_counter()))
            except (ConnectionRefusedError, ConnectionResetError):
                time.sleep(0.005)  # nothing listens yet
                continue
            except urllib.error.URLError as error:
                if isinstance(error.reason, (ConnectionRefusedError, ConnectionResetError)):
                    time.sleep(0.005)
                    continue
                raise
            elapsed = time.perf_counter() - self.started_at
            if not ok(status):
                raise RuntimeError(f"{self.label} answered {status}: {body[:300]!r}; see {self.log_path}")
            return elapsed
        raise TimeoutError(f"{self.label} gave no successful answer within {timeout} s; see {self.log_path}")

    def processes(self) -> dict[str, int]:
        """The gunicorn master (the CLI process itself) and its workers."""
        master = self.pid
        return {"master": master, **{f"worker{i}": pid for i, pid in enumerate(sorted(_children(master)))}}

    def cpu_seconds(self) -> float:
        """CPU time of the master and its workers so far."""
        return sum(cpu_seconds(pid) for pid in self.processes().values())

    def memory(self) -> dict[str, Any]:
        """RSS now and the peak so far (VmHWM), per process and summed, in MiB."""
        per = {name: memory_kib(pid) for name, pid in self.processes().items()}
        workers = [v for k, v in per.items() if k.startswith("worker")]
        master = per.get("master", {})
        return {
            "master_rss_mib": master.get("VmRSS", 0) / 1024,
            "worker_rss_mib": sum(w.get("VmRSS", 0) for w in workers) / 1024,
            "worker_peak_mib": sum(w.get("VmHWM", 0) for w in workers) / 1024,
            "total_rss_mib": (master.get("VmRSS", 0) + sum(w.get("VmRSS", 0) for w in workers)) / 1024,
            "total_peak_mib": (master.get("VmHWM", 0) + sum(w.get("VmHWM", 0) for w in workers)) / 1024,
            "total_pss_mib": (master.get("Pss", 0) + sum(w.get("Pss", 0) for w in workers)) / 1024,
        }

    def stop(self) -> None:
        if self._group is not None:
            self._group.stop()

    def alive(self) -> bool:
        if self._group is None:
            return False
        try:
            os.killpg(self.pid, 0)
        except ProcessLookupError:
            return False
        return True


@contextlib.contextmanager
def serving(target: str, source: Path, env: dict[str, str], label: str | None = None) -> Iterator[Served]:
    served = Served(target, source, env, label).start()
    try:
        yield served
    finally:
        served.stop()


# Requests ---------------------------------------------------------------------------------------------------------

TEXTS = (
    "Во дворе дома {n} по ул. Ленина третью неделю не вывозят мусор",
    "На улице Сахалинской у дома {n} огромная яма на дороге, машины бьют колёса",
    "В подъезде дома {n} по проспекту Мира нет отопления, батареи холодные",
    "Возле школы на улице Пограничной {n} не горят фонари, вечером темно",
)


def telegram_update(chat_id: int, message_id: int, update_id: int, text: str | None = None) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Анна", "username": "anna_bench"},
            "chat": {"id": chat_id, "type": "private"},
            "date": int(time.time()),
            "text": text or TEXTS[message_id % len(TEXTS)].format(n=message_id % 97 + 1),
        },
    }


def json_call(method: str, path: str, body: Any, headers: dict[str, str] | None = None) -> Call:
    return Call(method, path, {"Content-Type": "application/json", **(headers or {})},
                json.dumps(body, ensure_ascii=False).encode())


def push_call(project_id: str, topic: str, subscription: str, body: Any, attributes: dict[str, str]) -> Call:
    """A raw Pub/Sub push request as the emulator (and Pub/Sub) sends it."""
    envelope = {
        "message": {
            "data": base64.b64encode(json.dumps(body, ensure_ascii=False, default=str).encode()).decode(),
            "attributes": attributes,
            "messageId": uuid.uuid4().hex[:16],
            "publishTime": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        },
        "subscription": f"projects/{project_id}/subscriptions/{subscription}",
    }
    return json_call("POST", f"/projects/{project_id}/topics/{topic}", envelope)


_last_number = [0]


def fresh_number() -> int:
    """A number (below 10**12, exact in a Lua or JSON double even times 1000) that no earlier call of this run
    or of a run before gave: ids built from it make new appeals."""
    number = max(int(time.time() * 1000) % 10**10 * 100 + uuid.uuid4().int % 100, _last_number[0] + 1)
    _last_number[0] = number
    return number
