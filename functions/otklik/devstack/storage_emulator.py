"""The Cloud Storage emulator (gcp-storage-emulator from PyPI) on a free loopback port, in its own process group.

It keeps objects in memory, so nothing is left on disk when it stops, unless given a directory to keep them in
(`make run` keeps them between runs)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from otklik.adapters.photo_storage import STORAGE_EMULATOR_HOST
from otklik.devstack.emulators import HOST, ProcessGroup, free_port, wait_until_answers


def emulator_executable() -> Path:
    """The console script installed beside the running interpreter, i.e. in the project's venv."""
    return Path(sys.executable).parent / "gcp-storage-emulator"


class StorageEmulator:
    def __init__(self, port: int | None = None, data_dir: Path | None = None) -> None:
        self.port = port or free_port()
        self.data_dir = data_dir
        self._group: ProcessGroup | None = None

    @property
    def host(self) -> str:
        return f"{HOST}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    @property
    def process_group_id(self) -> int | None:
        """Its leader's pid, for checking that stop() left nothing behind."""
        return self._group.process.pid if self._group is not None else None

    def start(self, timeout: float = 30.0) -> StorageEmulator:
        executable = emulator_executable()
        if not executable.exists():
            raise RuntimeError(f"{executable} not found: install gcp-storage-emulator into this environment")
        argv = [str(executable), "start", "--host", HOST, "--port", str(self.port), "--quiet"]
        env = None
        if self.data_dir is None:
            argv.append("--in-memory")
        else:  # it keeps its objects under $STORAGE_BASE/$STORAGE_DIR
            self.data_dir.mkdir(parents=True, exist_ok=True)
            env = os.environ | {"STORAGE_BASE": str(self.data_dir.parent.resolve()), "STORAGE_DIR": self.data_dir.name}
        self._group = ProcessGroup("storage-emulator", argv, env=env)
        try:
            wait_until_answers(f"{self.url}/", timeout, self._group.process)  # "/" is its health check
        except Exception:
            self.stop()
            raise RuntimeError(f"the storage emulator did not start; see {self._group.log_path}") from None
        return self

    def stop(self) -> None:
        if self._group is not None:
            self._group.stop()

    def environment(self) -> dict[str, str]:
        # google-cloud-storage uses the value as its API endpoint, so unlike the other emulators it needs the scheme.
        return {STORAGE_EMULATOR_HOST: self.url}
