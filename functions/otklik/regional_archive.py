"""The regional archive: labelled texts in the manner of Sakhalin's residents (tests/data, written for this
repository: portal forms and comments under the administrations' VK posts) that a town loads as its first examples,
so that its learned model (services/learning.py) starts from them rather than from nothing and operators'
corrections add to it (issue 16: "a new town can load an archive as its first examples"). On the validation and
held-out sets of writers the rules were never tuned on, the rules alone are right on 76–89 % of the texts they
decide and confidently wrong on 6–13 % of all; with the archive's model, on 88–97 % and 1–5 % (tests/data/README.md,
"The regional archive" and what follows it).

Development sets only: the validation and held-out sets judge the archive's model and are never part of it. The
files stay in the repository (tests/data is not deployed): the command runs from a checkout, as every `python -m
otklik` command does.

    python -m otklik classifier train --town T --regional-archive    # a town's first examples, and its model
"""
from __future__ import annotations

from pathlib import Path

from otklik.domain.learning.examples import LabelledText, read_examples

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
ARCHIVE_SETS = (
    "portal_dev.jsonl", "portal_dev2.jsonl", "portal_dev3.jsonl", "portal_dev4.jsonl", "portal_dev5.jsonl",
    "portal_dev6.jsonl", "portal_dev7.jsonl", "portal_dev8.jsonl", "portal_dev9.jsonl", "portal_dev10.jsonl",
    "portal_dev11.jsonl", "portal_dev12.jsonl", "portal_dev14.jsonl", "portal_dev15.jsonl", "portal_dev16.jsonl",
    "comments_dev.jsonl", "comments_dev2.jsonl", "comments_dev4.jsonl", "comments_dev5.jsonl", "comments_dev6.jsonl",
    "comments_dev7.jsonl",
)


def archive_paths() -> tuple[Path, ...]:
    return tuple(DATA / name for name in ARCHIVE_SETS)


def archive_examples() -> list[LabelledText]:
    return [example for path in archive_paths()
            for example in read_examples(path.read_text(encoding="utf-8").splitlines())]
