"""The words of a text as the classifier reads them, and what the morphology says about them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from otklik.domain.classification.work import Work
from otklik.domain.words import KINDERGARTEN_ABBREVIATION_RE, fix_mixed_script, is_known_word, misspellings, morph

STREET_NAME = "<street>"
_CASED_TOKEN_RE = re.compile(r"[0-9]+(?:-?[а-яёa-z]+)?|[а-яёa-z]+", re.IGNORECASE)
_GARDEN = frozenset({"сад", "сада", "саду", "садом", "саде"})
_OPENING_QUOTES = "«„"
_CLOSING_QUOTES = "»"
_EITHER_QUOTES = "\"“”"
_QUOTE_RE = re.compile("[«»„\"“”]")
MAX_NAME_WORDS = 4
# A person's initials ("терапевту Петровой И.А."): not the words "и", "а".
_INITIALS_RE = re.compile(r"\b[А-ЯЕ]\.\s?[А-ЯЕ]\.")
# A full stop right after these ends no sentence: "ул. Садовая", "д. 5", "г. Корсаков".
_ABBREVIATIONS = frozenset({"ул", "пер", "пр", "д", "им", "мкр", "пос", "г", "с"})


def _starts_sentence(gap: str, previous_word: str) -> bool:
    """Whether the characters between the previous word and this one end a sentence: a line break, or "!", "?"
    or a full stop (not of an abbreviation) as the last mark before the word."""
    mark = gap.rstrip()
    if "\n" in gap[len(mark):]:
        return True
    if not mark:
        return False
    if mark[-1] in "!?":
        return True
    if mark[-1] != ".":
        return False
    return len(mark) > 1 or previous_word.lower() not in _ABBREVIATIONS


@dataclass(frozen=True)
class Tokens:
    words: list[str]
    names: frozenset[int]  # positions of words in quotation marks that name something: остановка "Детский сад"
    sentences: tuple[int, ...] = ()  # the sentence each word stands in, counted from 0
    questions: frozenset[int] = frozenset()  # the sentences that end with a question mark
    quoted: frozenset[int] = frozenset()  # positions of words in a quotation longer than a name: someone else's words


class _Quotes:
    """Words between quotation marks: a name when there are a few of them (ТЦ «Столица», остановка "Детский сад"),
    a quotation when there are more."""

    def __init__(self) -> None:
        self.opened_at: int | None = None
        self.names: set[int] = set()
        self.quoted: set[int] = set()

    def see(self, gap: str, position: int) -> None:
        for mark in gap:
            if mark in _OPENING_QUOTES or (mark in _EITHER_QUOTES and self.opened_at is None):
                self.opened_at = position
            elif mark in _CLOSING_QUOTES or mark in _EITHER_QUOTES:
                if self.opened_at is not None and 0 < position - self.opened_at <= MAX_NAME_WORDS:
                    self.names.update(range(self.opened_at, position))
                elif self.opened_at is not None:
                    self.quoted.update(range(self.opened_at, position))
                self.opened_at = None


def content_tokens(text: str, work: Work) -> Tokens:
    """Like tokenize(), but a capitalised adjective inside a sentence ("на Школьной", "ул. Садовая") is a street
    name, not a topic, and becomes STREET_NAME; a garden with such a name is a park ("в Овсянниковском саду"); words in
    quotation marks are noted as names. One pass: each word looks only at the characters since the previous word."""
    normalized = KINDERGARTEN_ABBREVIATION_RE.sub(" детсад ", text.replace("ё", "е").replace("Ё", "Е"))
    normalized = _INITIALS_RE.sub(" ", normalized)
    tokens: list[str] = []
    quotes = _Quotes()
    previous_end, previous_word = 0, ""
    sentences: list[int] = []
    questions: set[int] = set()
    sentence = 0
    for match in _CASED_TOKEN_RE.finditer(normalized):
        raw = match.group()
        start = match.start()
        work.steps += 1 + start - previous_end
        gap = normalized[previous_end:start]
        if _QUOTE_RE.search(gap):
            quotes.see(gap, len(tokens))
        words, may_be_street = _reading(raw)
        starts_sentence = _starts_sentence(gap, previous_word)
        if tokens and starts_sentence:
            if "?" in gap:
                questions.add(sentence)
            sentence += 1
        if may_be_street and tokens and not starts_sentence:
            tokens.append(STREET_NAME)
        elif tokens and tokens[-1] == STREET_NAME and words[0] in _GARDEN:
            tokens.append("парк")
        else:
            tokens.extend(words)
        sentences.extend([sentence] * (len(tokens) - len(sentences)))
        previous_end, previous_word = match.end(), raw
    quotes.see(normalized[previous_end:], len(tokens))
    if "?" in normalized[previous_end:]:
        questions.add(sentence)
    return Tokens(tokens, frozenset(quotes.names), tuple(sentences), frozenset(questions), frozenset(quotes.quoted))


@lru_cache(maxsize=100_000)
def _reading(raw: str) -> tuple[tuple[str, ...], bool]:
    """The tokens a written word stands for (misspellings mended), and whether it is a capitalised adjective: a
    street's name unless it starts a sentence."""
    token = fix_mixed_script(raw.lower())
    capitalised = raw[:1].isupper() and raw[1:].islower()
    return misspellings().get(token, (token,)), capitalised and is_adjective(token)


@lru_cache(maxsize=50_000)
def part_of_speech(token: str) -> str | None:
    return morph().parse(token)[0].tag.POS


@lru_cache(maxsize=50_000)
def first_person_or_infinitive_lemma(token: str) -> tuple[str, bool] | None:
    """(lemma, is an infinitive) when the likeliest reading is a verb in the first person ("отменяю", "снимаем") or
    an infinitive ("отменить"), else None."""
    parse = morph().parse(token)[0]
    if parse.tag.POS == "INFN" or (parse.tag.POS == "VERB" and parse.tag.person == "1per"):
        return parse.normal_form.replace("ё", "е"), parse.tag.POS == "INFN"
    return None


@lru_cache(maxsize=50_000)
def imperative_lemma(token: str) -> str | None:
    """The verb's lemma when its likeliest reading is an imperative ("уберите" → "убрать"), else None."""
    parse = morph().parse(token)[0]
    return parse.normal_form.replace("ё", "е") if parse.tag.mood == "impr" else None


@lru_cache(maxsize=50_000)
def has_instrumental_reading(token: str) -> bool:
    return any(parse.tag.case == "ablt" for parse in morph().parse(token))


@lru_cache(maxsize=50_000)
def has_locative_reading(token: str) -> bool:
    return any(parse.tag.case in {"loct", "loc2"} for parse in morph().parse(token)) or not is_known_word(token)


@lru_cache(maxsize=50_000)
def verb_tense(token: str) -> str | None:
    """"past", "pres" or "futr" when the likeliest reading is a finite verb ("заварили", "ходят"); None otherwise."""
    tag = morph().parse(token)[0].tag
    return tag.tense if tag.POS == "VERB" else None


def is_adjective(token: str) -> bool:
    return part_of_speech(token) in {"ADJF", "PRTF"}


# Legal forms written before an institution's name: "у МБОУ СОШ №8".
_LEGAL_FORMS = frozenset(
    {"мбоу", "маоу", "моу", "гбоу", "мкоу", "мбдоу", "мадоу", "мдоу", "гбуз", "гауз", "огбуз", "ооо"}
)


def is_modifier(token: str) -> bool:
    """Words that may stand between a preposition and its noun: "возле [нашей] [5] школы", "у [МБОУ] СОШ"."""
    return token[0].isdigit() or token in _LEGAL_FORMS or part_of_speech(token) in {"ADJF", "PRTF", "NUMR"}
