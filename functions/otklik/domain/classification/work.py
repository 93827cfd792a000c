"""The work the classifier does on a text, counted by the code itself.

Each pass over a text adds the steps it takes: tokens read, characters looked at between tokens, positions tried
while matching a phrase, words walked back over to find a preposition. A test compares the count for a short and a
long text to see the work grow in proportion to the text (wall time on a shared machine cannot show that)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Work:
    steps: int = 0

    def add(self, steps: int = 1) -> None:
        self.steps += steps
