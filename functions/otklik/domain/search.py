"""Words an appeal can be found by: lemmas, so that "мусора" finds "мусор"."""
from __future__ import annotations

from otklik.domain.words import canonical_lemma, tokenize

MAX_WORDS = 300
MIN_LENGTH = 3


def search_words(text: str) -> list[str]:
    words = dict.fromkeys(canonical_lemma(t) for t in tokenize(text) if len(t) >= MIN_LENGTH)
    return list(words)[:MAX_WORDS]


def query_words(text: str) -> list[str]:
    return [canonical_lemma(t) for t in tokenize(text) if len(t) >= MIN_LENGTH]
