"""`make run` as a newcomer meets it: what it prints works exactly as printed, the terminal is readable, Ctrl-C leaves
nothing running, and the next run finds the data, secrets and keys of the last one (FRESH=1 starts empty).

The stack runs as `make run` runs it (python -m otklik.devstack.run) in a process of its own, from a working directory
laid out like the repository's root (.venv, and .otklik for its data), so the printed commands run as printed."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import requests

from otklik.devstack.demo import DEMO_TOWN, DemoSetup, demo_setup
from otklik.devstack.emulators import HOST, free_port
from otklik.devstack.examples import ResidentLoop, resident_loop
from otklik.devstack.persistence import LocalData
from otklik.devstack.server import function_urls
from otklik.domain.towns import RegionConfig
from tests.conftest import TOWNS_FILE
from tests.support import eventually

REPO = Path(__file__).resolve().parents[2]
STARTED = "Ctrl-C stops everything."
LOG_LINE = re.compile(r"\d\d:\d\d:\d\d\.\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) +[\w.]+: ")
PHOTO_CATEGORIES = tuple(next(t for t in RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns
                              if t.code == DEMO_TOWN).photo_report_categories)


@dataclass
class RunningStack:
    process: subprocess.Popen[str]
    workdir: Path
    base_url: str
    output: list[str] = field(default_factory=list)

    @property
    def home(self) -> Path:
        return self.workdir / ".otklik"

    @property
    def printed(self) -> str:
        return "\n".join(self.output)

    @property
    def banner(self) -> str:
        return self.printed.partition(STARTED)[0]

    def demo(self) -> DemoSetup:
        saved = LocalData(self.home / "data").load_demo()
        assert saved is not None
        return demo_setup(saved)

    def printed_loop(self) -> ResidentLoop:
        """The loop the banner shows, made again by the function that made it; every command as printed."""
        chat = re.search(r'"chat": \{"id": (\d+)', self.banner)
        assert chat is not None, self.banner
        loop = self.loop(int(chat.group(1)))
        lines = [line.strip() for line in self.banner.splitlines()]
        for step in loop.steps:
            assert step.command in lines, f"not printed as is: {step.command}"
            assert any(line.endswith(step.says) for line in lines), f"not printed: {step.says}"
        return loop

    def loop(self, chat_id: int) -> ResidentLoop:
        return resident_loop(self.base_url, self.demo(), self.home / "demo-photo.jpg", chat_id, PHOTO_CATEGORIES)

    def emulator_ports(self) -> list[str]:
        found = re.search(r"Firestore emulator: [\d.]+:(\d+) +Pub/Sub emulator: [\d.]+:(\d+) +"
                          r"Cloud Storage emulator: http://[\d.]+:(\d+)", self.banner)
        assert found is not None, self.banner
        return list(found.groups())

    def storage_url(self) -> str:
        found = re.search(r"Cloud Storage emulator: (http://\S+)", self.banner)
        assert found is not None
        return found.group(1)

    def shell(self, command: str) -> str:
        """A printed command, run as a person would paste it in the repository's root."""
        # pipefail: a printed `… | sh` whose first command fails is a failure, not an empty answer.
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=self.workdir, capture_output=True,
                                text=True, timeout=120, env=_clean_environment(), check=False)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        return result.stdout


def _clean_environment() -> dict[str, str]:
    """This session's emulator settings stay out: the stack makes its own, and the command line finds them."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("OTKLIK_") and not k.endswith("_EMULATOR_HOST") and k != "GOOGLE_CLOUD_PROJECT"}


STOP_SECONDS = 180


@contextlib.contextmanager
def make_run(workdir: Path, fresh: bool = False, settings: Mapping[str, str] | None = None) -> Iterator[RunningStack]:
    """`settings`: OTKLIK_* variables the stack gets (this session's own are kept out)."""
    workdir.mkdir(exist_ok=True)
    if not (workdir / ".venv").exists():
        (workdir / ".venv").symlink_to(REPO / ".venv")
    port = free_port()
    argv = [sys.executable, "-u", "-m", "otklik.devstack.run", "--port", str(port), "--home", str(workdir / ".otklik")]
    process = subprocess.Popen(argv + (["--fresh"] if fresh else []), cwd=workdir,
                               env=_clean_environment() | dict(settings or {}),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stack = RunningStack(process, workdir, f"http://{HOST}:{port}")
    output = process.stdout
    assert output is not None
    reader = threading.Thread(target=lambda: stack.output.extend(line.rstrip("\n") for line in output), daemon=True)
    reader.start()
    try:
        eventually(lambda: STARTED in stack.output or process.poll() is not None, timeout=240, what="make run started",
                   interval=0.2)
        assert process.poll() is None, f"make run exited with {process.returncode}:\n{stack.printed}"
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            # make run's own stopping is bounded: a periodic save it may wait for and the last one (up to
            # persistence.EXPORT_TIMEOUT_SECONDS each), its timers' and emulators' joins. Two CI runs waited out 90 s.
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"make run did not stop within {STOP_SECONDS} s of Ctrl-C; it printed:\n"
                                 f"{stack.printed}") from None
        finally:
            process.kill()
        reader.join(timeout=10)
    assert process.returncode == 0, stack.printed
    assert "data saved in" in stack.printed
    ports = stack.emulator_ports()
    left = [line for line in subprocess.run(["ps", "-eo", "args="], capture_output=True, text=True).stdout.splitlines()
            if any(re.search(rf"--port[= ]{port}\b", line) for port in ports)]
    assert left == [], "emulators left running after Ctrl-C"


# What the running stack does in the background (pushes, the fake platforms), polled gently: it is a whole stack.
settled = partial(eventually, timeout=30, interval=0.2)


def appeal(stack: RunningStack, appeal_id: str, key: str) -> dict[str, Any]:
    response = requests.get(f"{stack.base_url}/operator_api/appeals/{appeal_id}",
                            headers={"Authorization": f"Bearer {key}"}, timeout=30, allow_redirects=False)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def listed(stack: RunningStack, loop: ResidentLoop, status: str) -> bool:
    """The printed listing shows the loop's appeal in `status`."""
    page = json.loads(stack.shell(loop.lists.command))
    return any(a["id"] == loop.appeal_id and a["status"] == status for a in page["appeals"])


def answer_with_a_photo(stack: RunningStack, loop: ResidentLoop) -> dict[str, Any]:
    assert json.loads(stack.shell(loop.writes.command)) == {"ok": True}
    settled(lambda: listed(stack, loop, "routed"), what="the appeal routed to the department")
    assert json.loads(stack.shell(loop.takes.command))["status"] == "in_progress"
    answered: dict[str, Any] = json.loads(stack.shell(loop.answers_with_photo.command))
    assert answered["status"] == "answered" and len(answered["answers"][-1]["photos"]) == 1
    return answered


def test_make_run_answers_at_every_printed_url_and_every_printed_command_works(tmp_path: Path) -> None:
    with make_run(tmp_path / "repo") as stack:
        printed_urls = sorted(set(re.findall(rf"{re.escape(stack.base_url)}/[^\s'\"]*", stack.banner)))
        assert {f.url for f in function_urls(stack.base_url)} <= set(printed_urls)
        for url in printed_urls:
            for shown in {url, url.rstrip("/") + "/"}:
                response = requests.post(shown, data=b"{}", headers={"Content-Type": "application/json"}, timeout=30,
                                         allow_redirects=False)
                assert not 300 <= response.status_code < 400, f"POST {shown} redirects"
                if url.startswith(f"{stack.base_url}/console"):  # pages for people: its own HTML page, not JSON
                    assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), shown
                    continue
                assert "text/html" not in response.headers.get("Content-Type", ""), f"POST {shown}: {response.text}"
        console = requests.get(f"{stack.base_url}/console/sign-in", timeout=30)
        assert console.status_code == 200 and 'name="api_key" type="password"' in console.text

        demo = stack.demo()
        vk = demo.vk
        vk_secret = demo.webhook_secret(vk)
        assert f"secret {vk_secret}   confirmation string {vk.vk_confirmation}" in stack.banner
        confirmation = next(line.strip() for line in stack.banner.splitlines() if '"type": "confirmation"' in line)
        assert stack.shell(confirmation) == vk.vk_confirmation
        for name, key in demo.keys.items():
            assert re.search(rf"^  {name} +{re.escape(key)} ", stack.banner, re.MULTILINE)

        # The whole loop as printed: a resident writes, the department lists, takes, is refused a final answer
        # without a photo report, answers with one (sent to the resident), and the resident thanks.
        loop = stack.printed_loop()
        assert json.loads(stack.shell(loop.writes.command)) == {"ok": True}
        settled(lambda: listed(stack, loop, "routed"), what="the appeal routed to the department")
        assert json.loads(stack.shell(loop.takes.command))["status"] == "in_progress"
        refused = json.loads(stack.shell(loop.answers_without_photo.command))
        assert refused["error"] == "refused" and "photo report" in refused["message"]
        assert "needs a photo report" in loop.answers_without_photo.says and "roads" in loop.answers_without_photo.says
        answered = json.loads(stack.shell(loop.answers_with_photo.command))
        assert answered["status"] == "answered" and len(answered["answers"][0]["photos"]) == 1
        settled(lambda: any("[fake telegram] sendPhoto" in line for line in stack.output), what="the answer sent")
        assert json.loads(stack.shell(loop.thanks.command)) == {"ok": True}
        settled(lambda: listed(stack, loop, "resolved"), what="resolved by the resident's thanks")
        assert loop.appeal_id in stack.shell(".venv/bin/python -m otklik appeals list")

        # The other ending, in a chat of its own: "не решено" reopens the appeal.
        other = stack.loop(int(time.time()) + 1)
        answer_with_a_photo(stack, other)
        assert json.loads(stack.shell(other.not_solved.command)) == {"ok": True}
        settled(lambda: listed(stack, other, "routed"), what="reopened by the resident's reply")
        assert appeal(stack, other.appeal_id, demo.keys["city_economy"])["reopen_count"] == 1

        # The regional centre's and Open311's examples.
        regional = next(line.strip() for line in stack.banner.splitlines() if "regional sign" in line)
        assert json.loads(stack.shell(regional))["outcome"] == "created"
        open311 = [line.strip() for line in stack.banner.splitlines()
                   if line.strip().startswith("curl") and "/open311/" in line]
        assert len(open311) == 2
        for command in open311:
            shown = json.loads(stack.shell(command))
            assert isinstance(shown, list), shown

        # The terminal: one readable line per event, no JSON, no escape sequences.
        after_banner = stack.printed.partition(STARTED)[2].splitlines()
        logged = [line for line in after_banner if LOG_LINE.match(line)]
        assert any(f"otklik.services.ingest: appeal stored  appeal_id={loop.appeal_id}" in line for line in logged)
        assert not [line for line in after_banner if line.startswith("{")]
        assert "\x1b" not in stack.printed


def test_make_run_keeps_data_secrets_and_keys_between_runs_and_fresh_starts_empty(tmp_path: Path) -> None:
    workdir = tmp_path / "repo"
    with make_run(workdir) as first:
        demo = first.demo()
        loop = first.printed_loop()
        answered = answer_with_a_photo(first, loop)
        (photo,) = answered["answers"][0]["photos"]
    data = LocalData(workdir / ".otklik" / "data")
    assert data.firestore_import() is not None
    assert (data.root / "demo.json").stat().st_mode & 0o777 == 0o600

    with make_run(workdir) as second:
        assert second.demo().saved() == demo.saved()
        for secret in (demo.secrets["telegram-yuzhno-webhook"], demo.keys["city_economy"], demo.keys["operator"]):
            assert secret in second.banner
        kept = appeal(second, loop.appeal_id, demo.keys["city_economy"])
        assert kept["status"] == "answered" and kept["answers"][0]["photos"] == [photo]
        object_url = f"{second.storage_url()}/storage/v1/b/otklik-photos/o/{urllib.parse.quote(photo, safe='')}"
        stored = requests.get(object_url, params={"alt": "media"}, timeout=30)
        assert stored.status_code == 200 and stored.content[:2] == b"\xff\xd8"  # the JPEG of the first run
        # The old Telegram secret is let in, and the Pub/Sub wiring made again routes the new message.
        next_loop = second.printed_loop()
        assert json.loads(second.shell(next_loop.writes.command)) == {"ok": True}
        settled(lambda: listed(second, next_loop, "routed"), what="routed after the restart")

    with make_run(workdir, fresh=True) as third:
        assert third.demo().secrets["telegram-yuzhno-webhook"] != demo.secrets["telegram-yuzhno-webhook"]
        refused = requests.get(f"{third.base_url}/operator_api/appeals",
                               headers={"Authorization": f"Bearer {demo.keys['city_economy']}"}, timeout=30)
        assert refused.status_code == 401
        empty = requests.get(f"{third.base_url}/operator_api/appeals",
                             headers={"Authorization": f"Bearer {third.demo().keys['operator']}"}, timeout=30)
        assert empty.status_code == 200 and empty.json()["appeals"] == []
