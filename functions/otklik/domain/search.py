"""Words an appeal can be found by: lemmas, so that "мусора" finds "мусор"."""
from __future__ import annotations

from otklik.domain.words import canonical_lemma, tokenize

MAX_WORDS = 300
MIN_LENGTH = 3
# No Russian word is longer; a longer token (a pasted link, "аааа…") is cut, the same way in the stored words and
# in a query, so it still matches, and no index entry or query value nears Firestore's 1,500-byte limit.
MAX_LENGTH = 40


def search_words(text: str) -> list[str]:
    words = dict.fromkeys(_word(t) for t in tokenize(text) if len(t) >= MIN_LENGTH)
    return list(words)[:MAX_WORDS]


def query_words(text: str) -> list[str]:
    return [_word(t) for t in tokenize(text) if len(t) >= MIN_LENGTH]


def _word(token: str) -> str:
    return canonical_lemma(token[:MAX_LENGTH])
