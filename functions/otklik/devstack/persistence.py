"""What `make run` keeps between runs, in one directory (`.otklik/data`, git-ignored): the Firestore emulator's last
export, the Cloud Storage emulator's objects, and the demo town's secrets and API keys. `make run FRESH=1` empties it.

The Firestore emulator exports on request (its REST API) and imports at start (`--import-data`); gcloud's
`--export-on-exit` was not relied on: the emulator did not export when its process group was stopped. The Pub/Sub
emulator keeps nothing (its `--data-dir` holds only its settings), so topics and subscriptions are made again at each
start, and messages it had not delivered when it stopped are gone: what Firestore still holds unpublished, the
deadline sweep publishes again."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import urllib.request
from pathlib import Path
from typing import Any

EXPORT_TIMEOUT_SECONDS = 60


class LocalData:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._saving = threading.Lock()

    @property
    def storage_dir(self) -> Path:
        return self.root / "storage"

    @property
    def _firestore(self) -> Path:
        return self.root / "firestore"

    @property
    def _firestore_before(self) -> Path:
        return self.root / "firestore.previous"

    @property
    def _demo_file(self) -> Path:
        return self.root / "demo.json"

    def wipe(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def firestore_import(self) -> Path | None:
        """The metadata file of the last complete export, for the emulator's --import-data; None before the first."""
        for directory in (self._firestore, self._firestore_before):  # the second only if a save stopped midway
            found = sorted(directory.glob("*/*.overall_export_metadata"))
            if found:
                return found[-1]
        return None

    def save_firestore(self, host: str, project_id: str) -> None:
        """Exports the project's database, then puts the export in place of the previous one."""
        with self._saving:  # the periodic save and the last one may overlap
            self._export(host, project_id)

    def _export(self, host: str, project_id: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="firestore.saving-", dir=self.root))
        try:
            body = json.dumps({"database": f"projects/{project_id}/databases/(default)",
                               "export_directory": str(staging)}).encode()
            request = urllib.request.Request(f"http://{host}/emulator/v1/projects/{project_id}:export", data=body,
                                             headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(request, timeout=EXPORT_TIMEOUT_SECONDS):
                pass
            if not list(staging.glob("*/*.overall_export_metadata")):
                raise RuntimeError(f"the Firestore emulator wrote no export into {staging}")
            shutil.rmtree(self._firestore_before, ignore_errors=True)
            if self._firestore.exists():
                self._firestore.rename(self._firestore_before)
            staging.rename(self._firestore)
            shutil.rmtree(self._firestore_before, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def load_demo(self) -> dict[str, Any] | None:
        if not self._demo_file.exists():
            return None
        saved: dict[str, Any] = json.loads(self._demo_file.read_text(encoding="utf-8"))
        return saved

    def save_demo(self, saved: dict[str, Any]) -> None:
        """Secrets and keys in plain text, readable by this user only."""
        self.root.mkdir(parents=True, exist_ok=True)
        partial = self._demo_file.with_suffix(".saving")
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as file:
            json.dump(saved, file, ensure_ascii=False, indent=2)
        partial.replace(self._demo_file)
