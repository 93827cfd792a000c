"""The classifier learns from operators: their decisions are a town's labelled examples (stored with the appeal's
change, services/events.write), a town's model is trained from its examples (function `retrain_classifier`: nightly,
and when enough new examples arrived), stored versioned, and route_appeal picks it up (services/town_classifiers.py).
A new town can load its archive as its first examples (`python -m otklik classifier train --town T --from …`)."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from otklik.domain.learning.examples import LabelledText
from otklik.domain.learning.operator_labels import LabelledExample
from otklik.messages import RetrainClassifier
from otklik.services.events import retrain_request
from otklik.services.ports import AppealWrite, ExampleStore, ModelStore, ModelVersion, TownDirectory

log = logging.getLogger(__name__)
ARCHIVE_LOADER = "system:archive"


class RetrainTrigger:
    """Adds `classifier.retrain` for the town to the outbox of a write whose operator's decision brings the town's
    examples since its current model to a multiple of `every` (each multiple, so a retraining that failed is asked
    again). The count is an aggregation query read beside the transaction, not a counter document every triage would
    contend on: two decisions at the same moment may both miss the multiple, and the nightly tick then retrains."""

    def __init__(self, examples: ExampleStore, models: ModelStore, every: int) -> None:
        self._examples = examples
        self._models = models
        self._every = every

    def __call__(self, write: AppealWrite) -> AppealWrite:
        example = write.example
        if example is None or self._every <= 0:
            return write
        current = self._models.current(example.town)
        since_model = self._examples.count_since(example.town, current.examples_until if current else None) + 1
        if since_model % self._every:
            return write
        return replace(write, messages=(*write.messages, retrain_request(write.appeal, since_model)))


@dataclass(frozen=True)
class Retrained:
    town: str
    version: int | None  # None: not retrained
    examples: int
    reason: str  # "trained", "no examples", "no new examples"


class Retraining:
    def __init__(self, examples: ExampleStore, models: ModelStore, towns: TownDirectory,
                 clock: Callable[[], datetime], keep_versions: int = 5,
                 rules: Callable[[str], str | None] | None = None) -> None:
        self._examples = examples
        self._models = models
        self._towns = towns
        self._clock = clock
        self._keep = keep_versions
        self._rules = rules

    def handle(self, message: RetrainClassifier) -> list[Retrained]:
        towns = [message.municipality] if message.municipality else sorted(self._towns.all())
        return [self.retrain(town) for town in towns]

    def retrain(self, town: str, *, force: bool = False) -> Retrained:
        """Trains the town's model from all its examples and stores it as a new version; nothing when the examples
        are those the current model learned from (none newer, none erased), unless `force`."""
        current = self._models.current(town)
        if not force and current is not None and self._learned_all(town, current):
            return Retrained(town, None, current.examples, "no new examples")
        examples = self._examples.of_town(town)
        if not examples:
            return Retrained(town, None, 0, "no examples")
        newest = max(example.decided_at for example in examples)
        # The retraining function's own imports, not route_appeal's.
        from otklik.domain.learning.evaluation import rules_decision
        from otklik.domain.learning.model import train

        now = self._clock()
        model = train([example.labelled() for example in examples], rules=self._rules or rules_decision, town=town,
                      trained_at=now.isoformat())
        stored = self._models.save(ModelVersion(town, 0, now, model.examples, newest), model.to_json(), self._keep)
        log.info("classifier model trained", extra={"municipality": town, "version": stored.version,
                                                    "examples": model.examples, "corrections": len(model.corrections)})
        return Retrained(town, stored.version, model.examples, "trained")

    def _learned_all(self, town: str, current: ModelVersion) -> bool:
        """Whether the current model learned from every example the town has: none decided after it, and as many as
        it learned from (fewer: some were erased with their appeals' personal data, and the model, whose corrections
        keep the words of their texts, must forget them too). Counted by two aggregation queries: the nightly tick
        reads no town's examples when nothing changed (the regional archive alone is 2,400 documents)."""
        if current.examples_until is None:
            return False
        return (self._examples.count_since(town, current.examples_until) == 0
                and self._examples.count_since(town, None) == current.examples)

    def start_from(self, town: str, archive: Callable[[], Iterable[LabelledText]]) -> Retrained | None:
        """A town with no example yet: the archive as its first examples, and its model trained from them. None, after
        one count, for a town that has examples (its own decisions are never mixed with a second copy)."""
        if self._examples.count_since(town, None):
            return None
        self.load_archive(town, archive())
        return self.retrain(town)

    def load_archive(self, town: str, texts: Iterable[LabelledText], loaded_by: str = ARCHIVE_LOADER) -> int:
        """A town's archive as its examples (the same text loaded again replaces itself); returns how many."""
        now = self._clock()
        unique = {example.id: example for example in (archive_example(town, text, loaded_by, now) for text in texts)}
        return self._examples.add_all(list(unique.values()))


def archive_example(town: str, labelled: LabelledText, loaded_by: str, at: datetime) -> LabelledExample:
    """A text of a town's archive as one of its examples: the same text (whatever its case and spacing) is one
    example."""
    key = " ".join(labelled.text.lower().replace("ё", "е").split())
    digest = hashlib.sha256(f"{town}\x1f{key}".encode()).hexdigest()[:32]
    return LabelledExample(id=f"archive-{digest}", town=town, text=labelled.text, category=labelled.category,
                           source="archive", decided_by=loaded_by, decided_at=at)
