"""The classifier's work grows in proportion to the text: a 40,000-character text costs about forty times a
1,000-character one, never more. Counted by the classifier itself (otklik.domain.classification.work), since wall
time on a shared machine cannot tell linear from quadratic reliably; `make bench` reports the times."""
from __future__ import annotations

import pytest

from otklik.domain.classification.rules import classify_by_rules
from otklik.domain.classification.work import Work

PARAGRAPHS = (
    "Здравствуйте. На ул. Ленина у д. 120 на проезжей части огромная яма, машины объезжают по встречке. ",
    "Во дворе дома 5 по ул. Садовой сломаны качели, дети на площадке играют среди обломков! ",
    "Нет горячей воды третий день, из крана идёт холодная, УК не отвечает? ",
    "Возле школы №6 у остановки не горят фонари, вечером темно. ",
    "вода вода вода 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 холодной, ",  # repeats and long runs of modifiers
    "Мусор не вывозят, контейнеры переполнены, на Мира 5 свалка.\n",
)


def text_of_length(length: int) -> str:
    text = ""
    index = 0
    while len(text) < length:
        text += PARAGRAPHS[index % len(PARAGRAPHS)]
        index += 1
    return text[:length]


def steps_for(text: str) -> int:
    work = Work()
    classify_by_rules(text, work=work)
    return work.steps


@pytest.mark.parametrize("long_length", [16_000, 40_000])
def test_work_grows_in_proportion_to_the_text(long_length: int) -> None:
    short, long = steps_for(text_of_length(1_000)), steps_for(text_of_length(long_length))
    ratio = long / short
    expected = long_length / 1_000
    assert 0.8 * expected <= ratio <= 1.2 * expected, f"{ratio:.1f}x the work for {expected:.0f}x the text"


def test_a_single_word_repeated_costs_no_more_per_character() -> None:
    # The worst case of phrase matching: the first word of a phrase everywhere, its partner nowhere near.
    short, long = steps_for("вода " * 200), steps_for("вода " * 8_000)
    assert long / short <= 40 * 1.2


def test_counting_the_work_changes_nothing_in_the_answer() -> None:
    text = text_of_length(4_000)
    assert classify_by_rules(text, work=Work()) == classify_by_rules(text)
