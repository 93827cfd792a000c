"""Words an appeal is found by: lemmas, the same in what is stored and in what is asked."""
from __future__ import annotations

from otklik.domain.search import MAX_LENGTH, query_words, search_words


def test_different_forms_of_a_word_find_each_other() -> None:
    assert set(query_words("мусора")) <= set(search_words("Не вывозят мусор во дворе"))


def test_a_token_longer_than_any_word_is_cut_the_same_way_when_stored_and_asked() -> None:
    junk = "x" * 1600
    (stored,) = search_words(junk)
    (asked,) = query_words(junk)
    assert stored == asked and len(stored) <= MAX_LENGTH
