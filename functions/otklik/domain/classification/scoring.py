"""Scoring: the lexicon's phrases and words found in a text add their weights to their categories; a word used
only as a landmark counts for little."""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from otklik.domain.classification.lexicon import Phrase, lexicon, unigram_hits
from otklik.domain.classification.reading import ReadText
from otklik.domain.classification.work import Work

PHRASE_WINDOW = 3
LANDMARK_DISCOUNT = 0.3


@dataclass
class Evidence:
    scores: dict[str, float] = field(default_factory=dict)
    terms: dict[str, dict[str, float]] = field(default_factory=dict)  # category -> label -> weight

    def add(self, category: str, weight: float, label: str) -> None:
        labels = self.terms.setdefault(category, {})
        if label in labels:
            # Repeating a word adds a little, not a full weight again.
            bonus = min(0.5, weight * 0.2)
            labels[label] += bonus
            self.scores[category] += bonus
            return
        labels[label] = weight
        self.scores[category] = self.scores.get(category, 0.0) + weight

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))

    def top_labels(self, category: str, limit: int = 4) -> list[str]:
        labels = self.terms.get(category, {})
        return [label for label, _ in sorted(labels.items(), key=lambda item: -item[1])[:limit]]


def _nearby(positions: list[int], anchor: int, window: int, work: Work) -> Iterator[int]:
    """The positions (sorted) within `window` of the anchor: found by bisection, so a word repeated all over a
    long text costs only the few positions near each anchor."""
    index = bisect_left(positions, anchor - window)
    while index < len(positions) and positions[index] <= anchor + window:
        work.steps += 1
        yield positions[index]
        index += 1


def _find_window(
    words: tuple[str, ...], positions: dict[str, list[int]], used: set[int], work: Work
) -> list[int] | None:
    """Positions of all words within PHRASE_WINDOW of the first one, none already used by another phrase."""
    window = PHRASE_WINDOW + len(words) - 2
    for anchor in positions.get(words[0], []):
        work.steps += 1
        if anchor in used:
            continue
        chosen = [anchor]
        for word in words[1:]:
            nearby = _nearby(positions.get(word, []), anchor, window, work)
            match = next((p for p in nearby if p not in used and p not in chosen), None)
            if match is None:
                break
            chosen.append(match)
        else:
            return chosen
    return None


def _match_phrases(text: ReadText, landmarks: set[int], evidence: Evidence) -> set[int]:
    entries = lexicon()
    positions, work = text.positions, text.work
    candidates: dict[int, Phrase] = {}
    for key in positions:
        for phrase in entries.phrases_by_word.get(key, ()):
            candidates[id(phrase)] = phrase
    used: set[int] = set()
    for phrase in sorted(candidates.values(), key=lambda p: (-len(p.words), -p.weight, p.label)):
        chosen = _find_window(phrase.words, positions, used, work)
        if chosen is not None:
            used.update(chosen)
            discounted = all(p in landmarks for p in chosen)
            evidence.add(phrase.category, phrase.weight * (LANDMARK_DISCOUNT if discounted else 1.0), phrase.label)
    return used


def score(text: ReadText, landmarks: set[int]) -> Evidence:
    evidence = Evidence()
    used_by_phrases = _match_phrases(text, landmarks, evidence)
    text.work.steps += len(text.tokens)
    for index, token in enumerate(text.tokens):
        if index in used_by_phrases:
            continue
        factor = LANDMARK_DISCOUNT if index in landmarks else 1.0
        for category, weight, label in unigram_hits(token):
            evidence.add(category, weight * factor, label)
    return evidence


def confidence(ranked: list[tuple[str, float]]) -> float:
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    strength = 1.0 - math.exp(-top / 3.0)
    margin = (top - second) / top
    return round(strength * (0.35 + 0.65 * margin), 3)
