"""OTKLIK_BENCH_PROFILE=1: py-spy profiles of the loaded functions' workers (bare and ours) in extra ingest runs.

py-spy is not a project requirement: install it into the venv first (.venv/bin/pip install py-spy==0.4.3).
Only samples of threads holding the interpreter lock are kept (--gil), so the profile shows where the worker's
CPU goes, not where it waits for the emulators. Written as collapsed stacks, summed up in results.json."""
from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

PY_SPY = Path(sys.executable).parent / "py-spy"


def available() -> bool:
    return PY_SPY.exists()


class Recording:
    def __init__(self, pid: int, seconds: float, output: Path) -> None:
        self.output = output
        output.parent.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [str(PY_SPY), "record", "--pid", str(pid), "--duration", str(max(1, int(seconds))), "--rate", "100",
             "--gil", "--nonblocking", "--format", "raw", "--output", str(output)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)

    def finish(self, timeout: float = 60.0) -> dict[str, Any]:
        try:
            self._process.wait(timeout=timeout)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
        return summarise(self.output) if self.output.exists() else {}


def summarise(path: Path, top: int = 25) -> dict[str, Any]:
    """The frames with the largest share of samples (inclusive), without line numbers."""
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        total += samples
        for frame in dict.fromkeys(re.sub(r":\d+\)", ")", f) for f in stack.split(";")):
            inclusive[frame] += samples
    interesting = [(frame, n) for frame, n in inclusive.most_common()
                   if "otklik" in frame or "firestore" in frame or "pubsub" in frame or "proto" in frame]
    return {"file": str(path), "samples": total,
            "top_frames": [{"frame": frame, "share": round(n / total, 3)} for frame, n in interesting[:top]]}
