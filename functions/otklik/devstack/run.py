"""`make run`: the emulators, every function and the demo town, wired as in the cloud. Ctrl-C stops all.

The data (Firestore, photos, the demo's secrets and keys) is kept between runs in `.otklik/data`; `--fresh`
(`make run FRESH=1`) starts empty."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from otklik.devstack.demo import DEMO_KEYS, DEMO_TOWN, DemoSetup, demo_duty_chats, demo_setup, ensure_demo_keys
from otklik.devstack.emulators import HOST, emulator_environment, running_emulators
from otklik.devstack.examples import resident_loop, vk_confirmation_request
from otklik.devstack.fake_platforms import all_fakes
from otklik.devstack.persistence import LocalData
from otklik.devstack.prerequisites import MissingPrerequisite, require
from otklik.devstack.pubsub_setup import ensure_dead_letter_subscriptions, ensure_push_subscriptions, ensure_topics
from otklik.devstack.regional_demo import (
    regional_banner,
    seed_regional_demo,
    start_fake_regional,
)
from otklik.devstack.server import FunctionsServer, function_urls
from otklik.devstack.storage_emulator import StorageEmulator
from otklik.domain.towns import RegionConfig
from otklik.regional_archive import archive_examples
from otklik.settings import Settings, get_settings

REPO = Path(__file__).resolve().parents[3]
DEFAULT_HOME = REPO / ".otklik"  # git-ignored; `python -m otklik` finds the running stack through its run.env
TOWNS_FILE = REPO / "infra" / "config" / "towns.json"
TICK_SECONDS = 60
SAVE_SECONDS = 60  # what a crash (or a closed terminal) can lose of the Firestore data
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalStack:
    """What a started stack tells the person who started it."""

    base_url: str
    env: dict[str, str]
    demo: DemoSetup
    home: Path
    photo_report_categories: tuple[str, ...]

    @property
    def data(self) -> LocalData:
        return LocalData(self.home / "data")

    @property
    def run_file(self) -> Path:
        return self.home / "run.env"

    @property
    def photo(self) -> Path:
        return self.home / "demo-photo.jpg"

    @property
    def regional_body(self) -> Path:
        return self.home / "regional-appeal.json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make run", description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="start with no data: new secrets and keys too")
    parser.add_argument("--port", type=int, default=int(os.environ.get("OTKLIK_PORT", "8080")))
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="where the data and run.env are kept")
    args = parser.parse_args(argv)
    try:
        require()
    except MissingPrerequisite as error:
        print(error, file=sys.stderr)
        return 2
    os.environ.setdefault("OTKLIK_LOG_FORMAT", "text")  # a person reads this terminal
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    with contextlib.ExitStack() as running:
        try:
            stack = start(running, port=args.port, home=args.home.resolve(), fresh=args.fresh)
        except RuntimeError as error:  # an emulator did not start
            print(f"{error}\nIf it is the kept data it cannot read: make run FRESH=1 starts empty.", file=sys.stderr)
            return 1
        print("\n".join(banner(stack, loop_chat=int(time.time()))), flush=True)
        # Woken every second: Python runs a signal's handler only on the main thread, and a Ctrl-C the kernel hands
        # to one of the other threads (the server's, gRPC's) would otherwise wait for a wake-up that never comes.
        while not stop.wait(1.0):
            pass
        print("\nstopping…", flush=True)
    return 0


def _hold_port(port: int) -> socket.socket:
    """A socket bound to the functions' port until their server takes it; exits naming the port when it is taken."""
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        held.bind((HOST, port))
        held.listen()  # listening, so no other socket may bind it, SO_REUSEADDR or not; no connection is accepted
    except OSError:
        held.close()
        raise SystemExit(f"Port {port} is in use by another program: stop it, or make run OTKLIK_PORT=<another>.") \
            from None
    return held


def start(running: contextlib.ExitStack, port: int, home: Path, fresh: bool = False) -> LocalStack:
    """Everything `make run` runs, each registered with `running` to stop (in reverse order) on any exit; the data
    is saved after the functions have stopped and before the emulators do."""
    # Held from the start: the emulators and fakes started next take free ports the system hands out, and the
    # functions' port, free a moment ago, could be one of them.
    held = _hold_port(port)
    running.callback(held.close)
    data = LocalData(home / "data")
    if fresh:
        data.wipe()
    demo = demo_setup(data.load_demo())
    emulators = running.enter_context(running_emulators(firestore_import=data.firestore_import()))
    project_id = os.environ.get("OTKLIK_PROJECT_ID", "otklik-demo")
    firestore_host = emulators["firestore"].host
    running.callback(_save_firestore, data, firestore_host, project_id)
    storage = StorageEmulator(data_dir=data.storage_dir).start()
    running.callback(storage.stop)
    platforms = all_fakes(verbose=True)
    for platform in platforms.values():
        running.callback(platform.stop)
    fake_regional = start_fake_regional(running, demo.secrets)
    env = emulator_environment(emulators) | storage.environment() | {
        "OTKLIK_PROJECT_ID": project_id,
        "OTKLIK_CHANNEL_SECRETS": json.dumps(demo.secrets),
        "OTKLIK_PLATFORM_BASE_URLS": json.dumps({name: p.base_url for name, p in platforms.items()}),
    }
    os.environ.update(env)
    get_settings.cache_clear()
    settings = get_settings()
    ensure_topics(settings)
    held.close()
    server = FunctionsServer(HOST, port).start()
    running.callback(server.stop)
    ensure_push_subscriptions(settings, server.base_url)
    ensure_dead_letter_subscriptions(settings)  # where dead letters wait for `python -m otklik dead-letters`

    from otklik.wiring import container

    deps = container()
    deps.photos.ensure_bucket()
    deps.channels.save(demo.channels)
    towns = tuple(town.model_copy(update={"duty_chats": demo_duty_chats()}) if town.code == DEMO_TOWN else town
                  for town in RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns)
    deps.towns.save(towns)
    # The demo town classifies as a deployed town that loaded the regional archive (`classifier train --town T
    # --regional-archive`).
    deps.retraining.start_from(DEMO_TOWN, archive_examples)
    ensure_demo_keys(deps.api_keys, demo)
    data.save_demo(demo.saved())
    stack = LocalStack(server.base_url, env, demo, home,
                       tuple(next(t for t in towns if t.code == DEMO_TOWN).photo_report_categories))
    seed_regional_demo(deps, fake_regional, stack.regional_body)
    write_demo_photo(stack.photo)
    save = Repeating("firestore-save", SAVE_SECONDS, lambda: data.save_firestore(firestore_host, project_id))
    for repeating in (Repeating("deadline-ticker", TICK_SECONDS, _tick(settings)), save):
        running.callback(repeating.start().stop)
    _write_run_file(stack.run_file, env)
    running.callback(stack.run_file.unlink, missing_ok=True)
    return stack


def _save_firestore(data: LocalData, host: str, project_id: str) -> None:
    try:
        data.save_firestore(host, project_id)
    except Exception as error:  # stopping goes on; the previous save is kept
        print(f"the Firestore data could not be saved ({error}); {data.root} keeps the previous save", file=sys.stderr)
    else:
        print(f"data saved in {data.root} (make run FRESH=1 starts empty)", flush=True)


class Repeating:
    """An action every `interval_seconds` on a thread of its own, until stopped."""

    def __init__(self, name: str, interval_seconds: float, action: Callable[[], object]) -> None:
        self._interval = interval_seconds
        self._action = action
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Repeating:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._action()
            except Exception:  # logged; the next round tries again
                log.warning("%s failed", self._thread.name, exc_info=True)


def _tick(settings: Settings) -> Callable[[], None]:
    """What Cloud Scheduler does in the cloud (every 5 minutes there): publish a tick to deadline.tick."""
    from otklik.adapters.pubsub_publisher import publisher_client

    topic = publisher_client().topic_path(settings.project_id, settings.topics.name(settings.topics.deadline_tick))

    def tick() -> None:
        publisher_client().publish(topic, b"{}").result(timeout=10)

    return tick


def write_demo_photo(path: Path) -> None:
    """A photo report to attach to an answer: a grey road with a dark patch."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (128, 128, 124))
    ImageDraw.Draw(image).ellipse((220, 180, 420, 300), fill=(70, 70, 66))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


def _write_run_file(path: Path, env: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = {k: v for k, v in env.items() if k != "OTKLIK_CHANNEL_SECRETS"}
    path.write_text("".join(f"{k}={v}\n" for k, v in shown.items()))


def channel_lines(base_url: str, demo: DemoSetup) -> list[str]:
    """The demo channels: where each platform posts, and what it needs to be let in."""
    secrets = demo.secrets
    vk = demo.vk
    return [
        "Channels of the demo town (their secrets are kept with the data):",
        f"  VK community {vk.account}   POST {base_url}/vk_webhook   secret {demo.webhook_secret(vk)}   "
        f"confirmation string {vk.vk_confirmation}",
        "    VK checks the server first with a confirmation request, answered with the confirmation string:",
        f"    {vk_confirmation_request(base_url)}",
        f"  Telegram bot 'yuzhno'     POST {base_url}/telegram_webhook/yuzhno   "
        f"X-Telegram-Bot-Api-Secret-Token: {secrets['telegram-yuzhno-webhook']}",
        f"  OK group 'yuzhno'         POST {base_url}/ok_webhook/{secrets['ok-yuzhno-webhook']}",
        f"  MAX bot 'yuzhno'          POST {base_url}/max_webhook/yuzhno   "
        f"X-Max-Bot-Api-Secret: {secrets['max-yuzhno-webhook']}",
        "  A real community or bot needs this port reachable over HTTPS (a tunnel), registered with the secret above.",
        "  Answers go to fake VK, Telegram, OK and MAX APIs, which print what they are asked to send.",
        "  Deadline warnings and escalations go to the demo duty chats (printed by the fakes too): "
        + ", ".join(f"{serves} {chat.key}" for serves, chat in demo_duty_chats().all()),
    ]


def banner(stack: LocalStack, loop_chat: int) -> list[str]:
    """Everything a person needs to connect a client and try the whole loop. `loop_chat`: the Telegram chat the
    loop's resident writes from (a new one each run)."""
    base_url, env, demo = stack.base_url, stack.env, stack.demo
    loop = resident_loop(base_url, demo, stack.photo, loop_chat, stack.photo_report_categories)
    return [
        "Otklik is running locally.",
        f"  Firestore emulator: {env['FIRESTORE_EMULATOR_HOST']}   Pub/Sub emulator: {env['PUBSUB_EMULATOR_HOST']}   "
        f"Cloud Storage emulator: {env['STORAGE_EMULATOR_HOST']}",
        f"  project: {env['OTKLIK_PROJECT_ID']}   town: {DEMO_TOWN}",
        f"  data kept in {stack.data.root} between runs; make run FRESH=1 starts empty",
        "Functions (each at its URL as shown, with or without a trailing slash):",
        *[f"  {f.url}" + ("   (Pub/Sub push)" if f.pushed else "") for f in function_urls(base_url)],
        f"The operator console, in a browser (sign in with one of the API keys below): {base_url}/console/",
        *channel_lines(base_url, demo),
        "API keys of the demo town (kept with the data):",
        *[f"  {name:<13} {key}   ({DEMO_KEYS[name].role})" for name, key in demo.keys.items()],
        "The whole loop, a command at a time (from the repository's root):",
        *[line for number, step in enumerate(loop.steps, start=1)
          for line in (f"  {number}. {step.says}", f"     {step.command}")],
        "  Every appeal: .venv/bin/python -m otklik appeals list   (--help lists every command)",
        *regional_banner(base_url, demo.secrets, demo.keys, stack.regional_body),
        f"The deadline sweep ticks every {TICK_SECONDS} s (`python -m otklik sweep` runs one tick by hand).",
        "Ctrl-C stops everything.",
    ]


if __name__ == "__main__":
    raise SystemExit(main())
