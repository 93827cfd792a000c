"""`make run`: the emulators, every function and the demo town, wired as in the cloud. Ctrl-C stops all."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

from otklik.devstack.demo import DEMO_TOWN, DemoSetup, demo_setup
from otklik.devstack.emulators import HOST, emulator_environment, running_emulators
from otklik.devstack.fake_platforms import all_fakes
from otklik.devstack.prerequisites import MissingPrerequisite, require
from otklik.devstack.pubsub_setup import ensure_push_subscriptions, ensure_topics
from otklik.devstack.regional_demo import (
    regional_banner,
    seed_regional_demo,
    start_fake_regional,
)
from otklik.devstack.server import FunctionsServer, all_functions
from otklik.devstack.storage_emulator import StorageEmulator
from otklik.domain.model import Channel
from otklik.domain.principals import Role
from otklik.domain.towns import RegionConfig
from otklik.settings import Settings, get_settings
from otklik.topology import HTTP_FUNCTIONS
from otklik.wiring import Container

REPO = Path(__file__).resolve().parents[3]
RUN_FILE = REPO / ".otklik" / "run.env"
TOWNS_FILE = REPO / "infra" / "config" / "towns.json"
SAMPLE_UPDATE = {
    "update_id": 900000001,
    "message": {
        "message_id": 1,
        "from": {"id": 482913774, "is_bot": False, "first_name": "Анна", "username": "anna_petrova"},
        "chat": {"id": 482913774, "type": "private"},
        "date": 1735729100,
        "text": "Во дворе дома 12 по ул. Ленина третью неделю не вывозят мусор",
    },
}


def main() -> int:
    try:
        require()
    except MissingPrerequisite as error:
        print(error, file=sys.stderr)
        return 2
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with contextlib.ExitStack() as running:
        base_url, env, demo = _start(running, port=int(os.environ.get("OTKLIK_PORT", "8080")))
        _print_banner(base_url, env, demo)
        stop.wait()
        print("\nstopping…", flush=True)
    return 0


def _start(running: contextlib.ExitStack, port: int) -> tuple[str, dict[str, str], DemoSetup]:
    """Everything `make run` runs, each registered to stop (in reverse order) on any exit."""
    demo = demo_setup()
    emulators = running.enter_context(running_emulators())
    storage = StorageEmulator().start()
    running.callback(storage.stop)
    platforms = all_fakes(verbose=True)
    for platform in platforms.values():
        running.callback(platform.stop)
    fake_regional = start_fake_regional(running, demo.secrets)
    env = emulator_environment(emulators) | storage.environment() | {
        "OTKLIK_PROJECT_ID": os.environ.get("OTKLIK_PROJECT_ID", "otklik-demo"),
        "OTKLIK_CHANNEL_SECRETS": json.dumps(demo.secrets),
        "OTKLIK_PLATFORM_BASE_URLS": json.dumps({name: p.base_url for name, p in platforms.items()}),
    }
    os.environ.update(env)
    get_settings.cache_clear()
    settings = get_settings()
    ensure_topics(settings)
    server = FunctionsServer(HOST, port).start()
    running.callback(server.stop)
    ensure_push_subscriptions(settings, server.base_url)

    from otklik.wiring import container

    deps = container()
    deps.photos.ensure_bucket()
    deps.channels.save(demo.channels)
    deps.towns.save(RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns)
    demo.keys.update(_issue_demo_keys(deps))
    seed_regional_demo(deps, fake_regional, demo.keys)
    ticker = DeadlineTicker(settings, interval_seconds=60).start()
    running.callback(ticker.stop)
    _write_run_file(env)
    running.callback(RUN_FILE.unlink, missing_ok=True)
    return server.base_url, env, demo


class DeadlineTicker:
    """What Cloud Scheduler does in the cloud (every 5 minutes there): publish a tick to deadline.tick."""

    def __init__(self, settings: Settings, interval_seconds: float) -> None:
        self._settings = settings
        self._interval = interval_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deadline-ticker", daemon=True)

    def start(self) -> DeadlineTicker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        from otklik.adapters.pubsub_publisher import publisher_client

        topic = publisher_client().topic_path(self._settings.project_id,
                                              self._settings.topics.name(self._settings.topics.deadline_tick))
        while not self._stop.wait(self._interval):
            publisher_client().publish(topic, b"{}").result(timeout=10)


def _issue_demo_keys(deps: Container) -> dict[str, str]:
    return {
        "operator": deps.api_keys.issue(Role.OPERATOR, (DEMO_TOWN,), name="demo operator")[1],
        "city_economy": deps.api_keys.issue(Role.DEPARTMENT, (DEMO_TOWN,), "city_economy", "demo department")[1],
        "supervisor": deps.api_keys.issue(Role.SUPERVISOR, (DEMO_TOWN,), name="demo supervisor")[1],
    }


def _write_run_file(env: dict[str, str]) -> None:
    RUN_FILE.parent.mkdir(exist_ok=True)
    shown = {k: v for k, v in env.items() if k != "OTKLIK_CHANNEL_SECRETS"}
    RUN_FILE.write_text("".join(f"{k}={v}\n" for k, v in shown.items()))


def channel_lines(base_url: str, demo: DemoSetup) -> list[str]:
    """The demo channels as the banner shows them: where each platform posts, and what it needs to be let in."""
    secrets = demo.secrets
    vk = next(c for c in demo.channels if c.platform is Channel.VK)
    return [
        "Demo channels and their secrets (made up for this run):",
        f"  VK community {vk.account}   POST {base_url}/vk_webhook   secret {secrets[vk.webhook_secret_ref]}   "
        f"confirmation string {vk.vk_confirmation}",
        f"  Telegram bot 'yuzhno'     POST {base_url}/telegram_webhook/yuzhno   "
        f"X-Telegram-Bot-Api-Secret-Token: {secrets['telegram-yuzhno-webhook']}",
        f"  OK group 'yuzhno'         POST {base_url}/ok_webhook/{secrets['ok-yuzhno-webhook']}",
        f"  MAX bot 'yuzhno'          POST {base_url}/max_webhook/yuzhno   "
        f"X-Max-Bot-Api-Secret: {secrets['max-yuzhno-webhook']}",
    ]


def _print_banner(base_url: str, env: dict[str, str], demo: DemoSetup) -> None:
    secrets = demo.secrets
    lines = [
        "Otklik is running locally.",
        f"  Firestore emulator: {env['FIRESTORE_EMULATOR_HOST']}   Pub/Sub emulator: {env['PUBSUB_EMULATOR_HOST']}",
        f"  project: {env['OTKLIK_PROJECT_ID']}   town: {DEMO_TOWN}",
        "Functions:",
        *[f"  {base_url}/{name}" + ("" if name in HTTP_FUNCTIONS else "   (Pub/Sub push)") for name in all_functions()],
        *channel_lines(base_url, demo),
        "Try it:",
        f"  curl -s -X POST {base_url}/telegram_webhook/yuzhno \\",
        f"    -H 'Content-Type: application/json' -H 'X-Telegram-Bot-Api-Secret-Token: {secrets['telegram-yuzhno-webhook']}' \\",
        f"    -d '{json.dumps(SAMPLE_UPDATE, ensure_ascii=False)}'",
        "  .venv/bin/python -m otklik appeals list",
        "Operator API keys (demo):",
        *[f"  {name:<13} {key}" for name, key in demo.keys.items()],
        f"  curl -s {base_url}/operator_api/appeals -H 'Authorization: Bearer {demo.keys['operator']}'",
        "Fake VK, Telegram, OK and MAX APIs print what they are asked to send.",
        "The deadline sweep ticks every minute (`python -m otklik sweep` runs one tick by hand).",
        *regional_banner(base_url, secrets, demo.keys),
        "Ctrl-C stops everything.",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
