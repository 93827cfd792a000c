"""Writes the lemma table of the classifier's data files (functions/otklik/domain/data/data_lemmas.json).

Building the lexicon needs the lemma of every word of data/category_lexicon.json and data/message_kinds.json;
parsing them all with the morphology dictionary took a few hundred milliseconds of each instance's first
classification. The table holds those lemmas exactly as the dictionary gives them, so nothing changes but the
time. Regenerate after editing the data files (a test fails while it is stale), from the repository's root:

    make lemmas        # or: .venv/bin/python -m tools.lemma_table
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from otklik.domain.words import (
    DATA_DIR,
    LEMMA_TABLE_FILE,
    LEXICON_FILES,
    normalize_text,
    parsed_canonical_lemma,
    tokenize_without_corrections,
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("_"):  # "_doc": explanations for people, not words to match
                continue
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


_WORD = re.compile(r"[0-9-]*[а-яa-z][0-9а-яa-z-]*")


def data_words() -> set[str]:
    """Every word of the data files, as whitespace splits them and as the tokenizer reads them."""
    words: set[str] = set()
    for name in LEXICON_FILES:
        for text in _strings(json.loads((DATA_DIR / name).read_text(encoding="utf-8"))):
            normalized = normalize_text(text)
            words.update(word.rstrip("*") for word in normalized.split())
            words.update(tokenize_without_corrections(text))
    return {word for word in words if _WORD.fullmatch(word)}


def computed_table() -> dict[str, str]:
    return {word: parsed_canonical_lemma(word) for word in sorted(data_words())}


def render(table: dict[str, str]) -> str:
    return json.dumps({"generated_by": "python -m tools.lemma_table", "lemmas": table},
                      ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> None:
    path = DATA_DIR / LEMMA_TABLE_FILE
    table = computed_table()
    path.write_text(render(table), encoding="utf-8")
    print(f"{path}: {len(table)} words")


if __name__ == "__main__":
    main()
