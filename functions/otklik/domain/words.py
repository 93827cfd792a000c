"""Words of residents' texts: tokens, misspellings mended, lemmas. Shared by the classifier, the feedback
reading and search; kept apart so that storing an appeal (its search words) does not load the classifier.

Pure: no I/O apart from reading the data files of this package, lazily and once per process. The morphology
dictionary is loaded on the first word that needs it."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from otklik.on_first_use import OnFirstUse

DATA_DIR = Path(__file__).parent / "data"
LEXICON_FILES = ("category_lexicon.json", "message_kinds.json")
LEMMA_TABLE_FILE = "data_lemmas.json"

_LATIN_TO_CYRILLIC = str.maketrans("aeopcxykmtbh", "аеорсхукмтвн")
_TOKEN_RE = re.compile(r"[0-9]+(?:-?[а-яa-z]+)?|[а-яa-z]+")
KINDERGARTEN_ABBREVIATION_RE = re.compile(r"\bд\s?[/.]\s?(?:с|сад)\b\.?")


def normalize_text(text: str) -> str:
    lowered = text.lower().replace("ё", "е")
    return KINDERGARTEN_ABBREVIATION_RE.sub(" детсад ", lowered)


def fix_mixed_script(token: str) -> str:
    has_cyrillic = any("а" <= ch <= "я" for ch in token)
    has_latin = any("a" <= ch <= "z" for ch in token)
    return token.translate(_LATIN_TO_CYRILLIC) if has_cyrillic and has_latin else token


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens, ё→е, Latin look-alikes inside Cyrillic words fixed, common misspellings mended."""
    corrections = misspellings()
    tokens: list[str] = []
    for token in tokenize_without_corrections(text):
        tokens.extend(corrections.get(token, (token,)))
    return tokens


def tokenize_without_corrections(text: str) -> list[str]:
    return [fix_mixed_script(raw) for raw in _TOKEN_RE.findall(normalize_text(text))]


@lru_cache(maxsize=1)
def category_lexicon_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "category_lexicon.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def message_kind_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "message_kinds.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def misspellings() -> dict[str, tuple[str, ...]]:
    return {
        wrong.lower(): tuple(right.lower().replace("ё", "е").split())
        for wrong, right in category_lexicon_data()["misspellings"].items()
    }


class Tag(Protocol):
    POS: str | None
    case: str | None
    mood: str | None
    person: str | None
    tense: str | None
    gender: str | None
    number: str | None
    grammemes: frozenset[str]


class Parse(Protocol):
    normal_form: str
    tag: Tag


class Morphology(Protocol):
    """What this package reads of pymorphy3's MorphAnalyzer (pymorphy3 ships no type information)."""

    def parse(self, word: str) -> list[Parse]: ...

    def word_is_known(self, word: str) -> bool: ...


def morph() -> Morphology:
    return _analyzer.get()


def _load_analyzer() -> Morphology:
    # Imported here: modules that only need the tokenizer do not load the morphology. The dictionary's path is
    # given outright: finding it through package entry points scans every installed distribution's metadata
    # (~40 ms of a cold start).
    import pymorphy3
    import pymorphy3_dicts_ru

    analyzer: Morphology = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
    return analyzer


# Loaded once even when an instance's first requests come together.
_analyzer: OnFirstUse[Morphology] = OnFirstUse(_load_analyzer)


@lru_cache(maxsize=200_000)
def lemmas_of(token: str) -> frozenset[str]:
    """The token itself plus the normal forms of its likeliest parses (ambiguity kept on purpose: "ямы")."""
    forms = {token}
    for parse in morph().parse(token)[:4]:
        forms.add(parse.normal_form.replace("ё", "е"))
    return frozenset(forms)


@lru_cache(maxsize=50_000)
def canonical_lemma(word: str) -> str:
    word = word.lower().replace("ё", "е")
    known = _data_lemmas().get(word)
    return known if known is not None else parsed_canonical_lemma(word)


def parsed_canonical_lemma(word: str) -> str:
    return morph().parse(word)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=1)
def _data_lemmas() -> dict[str, str]:
    """The lemmas of every word of the data files, computed ahead (tools/lemma_table.py): building the lexicon then
    parses nothing, which takes a few hundred milliseconds off the first classification of an instance."""
    path = DATA_DIR / LEMMA_TABLE_FILE
    if not path.exists():
        return {}
    table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["lemmas"]
    return table


def is_known_word(token: str) -> bool:
    return morph().word_is_known(token)
