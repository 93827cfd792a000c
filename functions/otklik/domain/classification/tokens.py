"""The words of a text as the classifier reads them, and what the morphology says about them."""
from __future__ import annotations

import re
from functools import lru_cache

from otklik.domain.words import KINDERGARTEN_ABBREVIATION_RE, fix_mixed_script, is_known_word, misspellings, morph

STREET_NAME = "<street>"
_CASED_TOKEN_RE = re.compile(r"[0-9]+(?:-?[а-яёa-z]+)?|[а-яёa-z]+", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?:[!?\n]|(?<!\bул)(?<!\bпер)(?<!\bпр)(?<!\bд)(?<!\bим)(?<!\bмкр)(?<!\bпос)(?<!\bг)(?<!\bс)\.)\s*$", re.IGNORECASE)


def content_tokens(text: str) -> list[str]:
    """Like tokenize(), but a capitalised adjective inside a sentence ("на Школьной", "ул. Садовая") is a street
    name, not a topic, and becomes STREET_NAME."""
    corrections = misspellings()
    normalized = KINDERGARTEN_ABBREVIATION_RE.sub(" детсад ", text.replace("ё", "е").replace("Ё", "Е"))
    tokens: list[str] = []
    for match in _CASED_TOKEN_RE.finditer(normalized):
        raw = match.group()
        token = fix_mixed_script(raw.lower())
        sentence_start = not tokens or bool(_SENTENCE_END_RE.search(normalized[: match.start()]))
        if raw[:1].isupper() and raw[1:].islower() and not sentence_start and is_adjective(token):
            tokens.append(STREET_NAME)
            continue
        tokens.extend(corrections.get(token, (token,)))
    return tokens


@lru_cache(maxsize=50_000)
def part_of_speech(token: str) -> str | None:
    return morph().parse(token)[0].tag.POS


@lru_cache(maxsize=50_000)
def has_instrumental_reading(token: str) -> bool:
    return any(parse.tag.case == "ablt" for parse in morph().parse(token))


@lru_cache(maxsize=50_000)
def has_locative_reading(token: str) -> bool:
    return any(parse.tag.case in {"loct", "loc2"} for parse in morph().parse(token)) or not is_known_word(token)


def is_adjective(token: str) -> bool:
    return part_of_speech(token) in {"ADJF", "PRTF"}


def is_modifier(token: str) -> bool:
    """Words that may stand between a preposition and its noun: "возле [нашей] [5] школы"."""
    return token[0].isdigit() or part_of_speech(token) in {"ADJF", "PRTF", "NUMR"}
