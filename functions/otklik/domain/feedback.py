"""A resident's reply right after their appeal was answered: confirm, reopen, or something else.

Negation wins: "не решено", "ничего не сделали", "так и не убрали" reopen the appeal even though
"решено", "сделали", "убрали" alone would confirm it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from otklik.domain.words import canonical_lemma, lemmas_of, message_kind_data, tokenize

FeedbackVerdict = Literal["confirm", "reopen", "other"]

NEGATION_REACH = 3  # "не [очень-то и] решили": how many words a negation may stand before its verb


@dataclass(frozen=True)
class _FeedbackCues:
    resolution_verbs: frozenset[str]
    negations: frozenset[str]
    reopen_markers: frozenset[str]
    reopen_phrases: tuple[tuple[str, ...], ...]
    confirm_words: frozenset[str]
    confirm_phrases: tuple[tuple[str, ...], ...]
    confirm_emoji: tuple[str, ...]


def _lemmas(words: list[str]) -> frozenset[str]:
    return frozenset(words) | frozenset(canonical_lemma(word) for word in words)


def _phrases(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(canonical_lemma(word) for word in tokenize(phrase)) for phrase in phrases)


@lru_cache(maxsize=1)
def _cues() -> _FeedbackCues:
    raw = message_kind_data()["feedback"]
    return _FeedbackCues(
        resolution_verbs=_lemmas(raw["resolution_verbs"]),
        negations=frozenset(raw["negations"]),
        reopen_markers=_lemmas(raw["reopen_markers"]),
        reopen_phrases=_phrases(raw["reopen_phrases"]),
        confirm_words=_lemmas(raw["confirm_words"]),
        confirm_phrases=_phrases(raw["confirm_phrases"]),
        confirm_emoji=tuple(raw["confirm_emoji"]),
    )


def _contains_phrase(keys: list[frozenset[str]], phrase: tuple[str, ...]) -> bool:
    return any(
        all(phrase[offset] in keys[start + offset] for offset in range(len(phrase)))
        for start in range(len(keys) - len(phrase) + 1)
    )


def _negated_resolution(tokens: list[str], keys: list[frozenset[str]]) -> bool:
    """A resolution verb with a negation shortly before it: "не решено", "ничего не сделали", "никто не приходил"."""
    cues = _cues()
    for index, token in enumerate(tokens):
        if _is_fused_negation(token):
            return True
        if keys[index] & cues.resolution_verbs:
            window = tokens[max(0, index - NEGATION_REACH) : index]
            if any(word in cues.negations for word in window):
                return True
    return False


@lru_cache(maxsize=10_000)
def _is_fused_negation(token: str) -> bool:
    """"нерешено", "несделано": the negation written together with the verb."""
    cues = _cues()
    return token.startswith("не") and len(token) > 4 and bool(lemmas_of(token[2:]) & cues.resolution_verbs)


def _reopens(tokens: list[str], keys: list[frozenset[str]]) -> bool:
    cues = _cues()
    if tokens in (["нет"], ["неа"], ["не", "решено"]):
        return True
    if any(token_keys & cues.reopen_markers for token_keys in keys):
        return True
    if any(_contains_phrase(keys, phrase) for phrase in cues.reopen_phrases):
        return True
    return _negated_resolution(tokens, keys)


def _confirms(text: str, keys: list[frozenset[str]]) -> bool:
    cues = _cues()
    if any(token_keys & cues.confirm_words for token_keys in keys):
        return True
    if any(_contains_phrase(keys, phrase) for phrase in cues.confirm_phrases):
        return True
    return any(emoji in text for emoji in cues.confirm_emoji)


def classify_feedback(text: str) -> FeedbackVerdict:
    tokens = tokenize(text or "")
    keys = [lemmas_of(token) for token in tokens]
    if _reopens(tokens, keys):
        return "reopen"
    if _confirms(text or "", keys):
        return "confirm"
    return "other"
