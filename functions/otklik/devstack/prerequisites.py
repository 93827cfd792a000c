"""Checks that this machine can run the emulators, and says exactly what to install when not."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

MIN_JAVA = 17
COMPONENTS = {"firestore": "cloud-firestore-emulator", "pubsub": "pubsub-emulator"}


class MissingPrerequisite(RuntimeError):
    pass


def _java_major() -> int | None:
    if shutil.which("java") is None:
        return None
    result = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


@lru_cache(maxsize=1)
def gcloud_sdk_root() -> Path | None:
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        return None
    # /usr/bin/gcloud is a link into <sdk>/bin/gcloud on package installs.
    return Path(gcloud).resolve().parent.parent


def problems(emulators: tuple[str, ...] = ("firestore", "pubsub")) -> list[str]:
    found: list[str] = []
    major = _java_major()
    if major is None:
        found.append(f"Java {MIN_JAVA}+ is not installed: apt-get install openjdk-{MIN_JAVA}-jre-headless")
    elif major < MIN_JAVA:
        found.append(f"Java {major} is too old, {MIN_JAVA}+ is needed: apt-get install openjdk-{MIN_JAVA}-jre-headless")
    root = gcloud_sdk_root()
    if root is None:
        found.append("the Google Cloud CLI is not installed: https://cloud.google.com/sdk/docs/install "
                     "(or apt-get install google-cloud-cli)")
        return found
    for emulator in emulators:
        component = COMPONENTS[emulator]
        if not (root / "platform" / component).is_dir():
            found.append(f"the {emulator} emulator is not installed: gcloud components install {component} beta "
                         f"(or apt-get install google-cloud-cli-{component})")
    return found


def require(emulators: tuple[str, ...] = ("firestore", "pubsub")) -> None:
    missing = problems(emulators)
    if missing:
        raise MissingPrerequisite("cannot start the emulators:\n  - " + "\n  - ".join(missing))


def main() -> int:
    missing = problems()
    for line in missing:
        print(f"missing: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
