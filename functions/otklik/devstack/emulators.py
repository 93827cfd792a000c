"""The Firestore and Pub/Sub emulators on free loopback ports, each in its own process group.

Stopping the `gcloud` wrapper alone leaves its java child running, so the whole group is stopped."""
from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from otklik.devstack.prerequisites import require

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


PORT_ATTEMPTS = 3


class ExitedEarly(RuntimeError):
    """The awaited process ended before it answered."""


class PortTaken(RuntimeError):
    """The emulator could not bind its port: Firestore's exits, Pub/Sub's logs it and hangs."""


def wait_until_answers(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None,
                       log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        exited = process is not None and process.poll() is not None  # before the log: an exit's last words count
        if log is not None and b"java.net.BindException" in log.read_bytes():
            raise PortTaken(f"{url}: port already in use")
        if process is not None and exited:
            raise ExitedEarly(f"process for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class ProcessGroup:
    """A child started in a session of its own, stopped with its whole group on every exit path."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str] | None = None,
                 log_path: Path | None = None) -> None:
        self.name = name
        self.log_path = log_path or Path(tempfile.gettempdir()) / f"otklik-{name}-{os.getpid()}.log"
        self._log = open(self.log_path, "wb")  # closed in stop()
        self.process = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True, env=env)
        # atexit does not run when the owner is killed outright; the watchdog stops the group then.
        self._watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self.process.pid)],
                                          stdin=subprocess.DEVNULL, start_new_session=True)
        atexit.register(self.stop)

    def stop(self, grace_seconds: float = 5.0) -> None:
        if self.process.poll() is None or _group_alive(self.process.pid):
            for sig, wait in ((signal.SIGTERM, grace_seconds), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, sig)
                if _wait_group_gone(self.process, wait):
                    break
        if self._watchdog.poll() is None:
            self._watchdog.kill()
            self._watchdog.wait()
        if not self._log.closed:
            self._log.close()
        atexit.unregister(self.stop)


_WATCHDOG = """
import os, signal, sys, time
owner, group = int(sys.argv[1]), int(sys.argv[2])
def alive(pid, kill=os.kill):
    try:
        kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
while alive(owner) and alive(group, os.killpg):
    time.sleep(0.5)
for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        break
    end = time.monotonic() + wait
    while time.monotonic() < end and alive(group, os.killpg):
        time.sleep(0.1)
"""


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_group_gone(process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.05)
        if not _group_alive(process.pid):
            return True
    return not _group_alive(process.pid)


class Emulator:
    def __init__(self, kind: str, port: int | None = None, import_data: Path | None = None) -> None:
        """`import_data`: for Firestore, the metadata file of an export to start with (LocalData)."""
        self.kind = kind
        self.port = port or free_port()
        self.import_data = import_data
        self._group: ProcessGroup | None = None
        # A port we picked can be taken by another process before the emulator binds it: the first start may
        # then move to another free port. A restart keeps its port, since clients already point at it.
        self._may_move = port is None

    @property
    def host(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self, timeout: float = 90.0) -> Emulator:
        require((self.kind,))
        attempts = PORT_ATTEMPTS if self._may_move else 1
        for attempt in range(attempts):
            if attempt:
                self.port = free_port()
            group = self._group = ProcessGroup(f"{self.kind}-emulator", self._argv())
            try:
                wait_until_answers(f"http://{self.host}/", timeout, group.process, group.log_path)
            except PortTaken:
                self.stop()
                continue
            except Exception:
                self.stop()
                raise RuntimeError(f"the {self.kind} emulator did not start; see {group.log_path}") from None
            self._may_move = False
            return self
        raise RuntimeError(f"the {self.kind} emulator found its port taken ({attempts} port(s) tried); "
                           f"see {group.log_path}")

    def _argv(self) -> list[str]:
        argv = ["gcloud", "beta", "emulators", self.kind, "start", f"--host-port={self.host}", "--quiet"]
        if self.import_data is not None:
            argv.append(f"--import-data={self.import_data}")
        return argv

    def stop(self) -> None:
        if self._group is not None:
            self._group.stop()

    def restart(self, timeout: float = 90.0) -> Emulator:
        """Same port again, so clients configured with its host reconnect."""
        self.stop()
        return self.start(timeout)


@contextlib.contextmanager
def running_emulators(kinds: tuple[str, ...] = ("firestore", "pubsub"),
                      firestore_import: Path | None = None) -> Iterator[dict[str, Emulator]]:
    emulators = {kind: Emulator(kind, import_data=firestore_import if kind == "firestore" else None)
                 for kind in kinds}
    errors: list[BaseException] = []

    def start(emulator: Emulator) -> None:
        try:
            emulator.start()
        except BaseException as error:  # reported after every start has finished
            errors.append(error)

    threads = [threading.Thread(target=start, args=(e,)) for e in emulators.values()]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        yield emulators
    finally:
        stopping = [threading.Thread(target=e.stop, name=f"stop-{e.kind}") for e in emulators.values()]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()


def emulator_environment(emulators: dict[str, Emulator]) -> dict[str, str]:
    env: dict[str, str] = {}
    if "firestore" in emulators:
        env["FIRESTORE_EMULATOR_HOST"] = emulators["firestore"].host
    if "pubsub" in emulators:
        env["PUBSUB_EMULATOR_HOST"] = emulators["pubsub"].host
    return env


def wipe_firestore(host: str, project_id: str) -> None:
    request = urllib.request.Request(
        f"http://{host}/emulator/v1/projects/{project_id}/databases/(default)/documents", method="DELETE"
    )
    with urllib.request.urlopen(request, timeout=10):
        pass
