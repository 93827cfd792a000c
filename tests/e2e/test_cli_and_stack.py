"""The admin command line and the local stack's housekeeping."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from otklik.devstack.emulators import HOST, Emulator
from otklik.domain.model import Status
from otklik.platforms.events import NewMessage
from otklik.platforms.telegram import webhook as telegram
from tests.conftest import Stack
from tests.support import TOWN, eventually, payload, wait_for

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "otklik", *args], cwd=REPO, capture_output=True, text=True,
                          env=dict(os.environ), timeout=60, check=False)


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("appeals", "republish"):
        assert command in result.stdout


def test_appeals_list_and_show_print_stored_appeals(stack: Stack) -> None:
    event = telegram.interpret(telegram.Update.model_validate(payload("telegram", "update_message_text")),
                               account="yuzhno", bot_username=None, bot_user_id=None)
    assert isinstance(event, NewMessage)
    appeal_id = stack.deps.ingest.receive(event.message, TOWN).appeal_id

    listed = run_cli("appeals", "list")
    shown = run_cli("appeals", "show", appeal_id)

    assert listed.returncode == 0 and appeal_id in listed.stdout and TOWN in listed.stdout
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["history"][0]["action"] == "received"
    assert run_cli("appeals", "show", "no-such-appeal").returncode == 1


def test_appeals_list_shows_category_department_status_and_time_left(wired: Stack, functions_server: str) -> None:
    from tests.integration.test_routing import not_received, telegram_message

    appeal_id = telegram_message(functions_server, "Яма на дороге у дома 12 по ул. Ленина", chat_id=7101)
    routed = wait_for(wired, appeal_id, not_received)
    assert (routed.category, routed.department, routed.status) == ("roads", "city_economy", Status.ROUTED)

    listed = run_cli("appeals", "list")

    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["ID", "RECEIVED", "CHANNEL", "TOWN", "CATEGORY", "DEPARTMENT", "STATUS", "TIME",
                              "LEFT", "TEXT"]
    (row,) = [row for row in rows if row.startswith(appeal_id)]
    time_left = r"(\d+d \d\dh|\d+h \d\dm|\d+m) left"
    assert re.search(rf"telegram +yuzhno_sakhalinsk +roads +city_economy +routed +{time_left} +Яма на дороге", row), row


def _java_processes_of_group(pgid: int) -> list[str]:
    result = subprocess.run(["ps", "-eo", "pgid=,args="], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line.split(None, 1)[0] == str(pgid) and "java" in line]


def test_stopping_an_emulator_stops_its_java_child_too(emulators: Stack) -> None:
    emulator = Emulator("pubsub").start()
    group = emulator._group
    assert group is not None
    assert _java_processes_of_group(group.process.pid), "the emulator runs in java under its own process group"
    emulator.stop()
    assert _java_processes_of_group(group.process.pid) == []


@pytest.mark.parametrize("kind", ["firestore", "pubsub"])
def test_an_emulator_whose_picked_port_was_taken_meanwhile_starts_on_another(emulators: Stack, kind: str) -> None:
    """Firestore's emulator exits on a taken port, Pub/Sub's logs it and hangs: both move to another port."""
    emulator = Emulator(kind)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind((HOST, emulator.port))
        squatter.listen()
        taken = emulator.port
        try:
            emulator.start()
            assert emulator.port != taken
            with urllib.request.urlopen(f"http://{emulator.host}/", timeout=5) as answer:
                assert answer.status == 200
        finally:
            emulator.stop()


def test_an_emulator_given_a_taken_port_says_it_did_not_start(emulators: Stack) -> None:
    """A port asked for is kept: clients may already point at it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind((HOST, 0))
        squatter.listen()
        emulator = Emulator("pubsub", port=squatter.getsockname()[1])
        with pytest.raises(RuntimeError, match="port taken"):
            emulator.start(timeout=60)


def test_an_emulator_outlives_no_owner_killed_outright() -> None:
    """SIGKILL skips every cleanup of the owner; the watchdog still stops the emulator's group."""
    owner = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
                               "from otklik.devstack.emulators import Emulator\n"
                               "e = Emulator('pubsub').start()\n"
                               "print(e._group.process.pid, flush=True)\n"
                               "time.sleep(120)\n"],
        cwd=REPO, stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert owner.stdout is not None
        group = int(owner.stdout.readline())
        assert _java_processes_of_group(group)
        owner.kill()
        owner.wait()
        eventually(lambda: not _java_processes_of_group(group), timeout=20, what="the watchdog stopping java")
    finally:
        owner.kill()
