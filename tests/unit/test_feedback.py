"""A resident's reply to an answered appeal: confirm, reopen or other; negation wins."""

from __future__ import annotations

import pytest

from otklik.domain.feedback import classify_feedback


@pytest.mark.parametrize(
    "text",
    ["Спасибо!", "решено, спасибо", "спасибо, сделали", "Всё сделали, претензий нет", "👍", "свет дали, благодарю",
     "да, починили"],
)
def test_confirm(text: str) -> None:
    assert classify_feedback(text) == "confirm"


@pytest.mark.parametrize(
    "text",
    [
        "не решено",
        "Не решено!!!",
        "ничего не сделали",
        "опять то же самое",
        "так и не убрали",
        "никто не приходил",
        "яма как была так и есть",
        "до сих пор нет воды",
        "нерешено",
        "нет",
        "это отписка, фонарь не работает",
    ],
)
def test_reopen(text: str) -> None:
    assert classify_feedback(text) == "reopen"


@pytest.mark.parametrize("text", ["спасибо, но ничего не сделали", "сделали? нет, не сделали",
                                  "спасибо за ответ, но так и не починили"])
def test_negation_wins_over_thanks_and_done(text: str) -> None:
    assert classify_feedback(text) == "reopen"


@pytest.mark.parametrize("text", ["а когда будет концерт на площади?", "подскажите номер диспетчерской", ""])
def test_other(text: str) -> None:
    assert classify_feedback(text) == "other"
