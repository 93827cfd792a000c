"""What a learned model sees of a text: the lemmas of its words and the pairs of neighbouring lemmas."""
from __future__ import annotations

from itertools import pairwise

from otklik.domain.classification.tokens import content_tokens
from otklik.domain.classification.work import Work
from otklik.domain.words import canonical_lemma


def text_features(text: str) -> list[str]:
    lemmas = [canonical_lemma(token) for token in content_tokens(text or "", Work()).words]
    return [*lemmas, *(f"{first} {second}" for first, second in pairwise(lemmas))]
