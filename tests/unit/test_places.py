"""Town detection from place names (docs/domain.md: six towns)."""

from __future__ import annotations

import pytest

from otklik.domain.places import TOWNS, detect_town


def test_towns_table() -> None:
    assert TOWNS == {
        "yuzhno_sakhalinsk": "Южно-Сахалинск",
        "aniva": "Анива",
        "dolinsk": "Долинск",
        "kholmsk": "Холмск",
        "korsakov": "Корсаков",
        "nevelsk": "Невельск",
    }


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("в Холмске нет воды", "kholmsk"),
        ("Холмск, ул. Победы", "kholmsk"),
        ("из Корсакова не уехать", "korsakov"),
        ("в Корсакове яма", "korsakov"),
        ("Анива, нет света", "aniva"),
        ("в Аниве", "aniva"),
        ("Анивский район, село", "aniva"),
        ("в Долинске не чистят снег", "dolinsk"),
        ("Невельск", "nevelsk"),
        ("в невельске опять", "nevelsk"),
        ("Южно-Сахалинск", "yuzhno_sakhalinsk"),
        ("в Южно-Сахалинске", "yuzhno_sakhalinsk"),
        ("в южно сахалинске", "yuzhno_sakhalinsk"),
        ("южносахалинск", "yuzhno_sakhalinsk"),
        ("у нас в ЮС", "yuzhno_sakhalinsk"),
        ("в Южном опять пробки", "yuzhno_sakhalinsk"),
    ],
)
def test_town_in_any_case_and_spelling(text: str, town: str) -> None:
    assert detect_town(text) == town


@pytest.mark.parametrize(
    "text",
    [
        "в Хомутово нет света",
        "Ново-Александровск, ул. Новая",
        "в Новоалександровске",
        "в Луговом яма",
        "мкр. Дальнее",
        "Синегорск",
        "в Березняках",
        "в Старорусском",
        "Владимировка",
        "на Рогатке",
        "в Пихтовом",
    ],
)
def test_districts_and_villages_of_yuzhno_sakhalinsk(text: str) -> None:
    assert detect_town(text) == "yuzhno_sakhalinsk"


@pytest.mark.parametrize(
    "text",
    ["ул. Корсакова 15, яма", "улица Римского-Корсакова", "на Анивской улице темно", "южный ветер сорвал крышу",
     "рогатка", "Дальний Восток"],
)
def test_not_a_town(text: str) -> None:
    assert detect_town(text) is None


@pytest.mark.parametrize("text", ["из Холмска в Невельск автобус", "в Южно-Сахалинске и в Корсакове",
                                  "Анива или Долинск"])
def test_two_towns_give_none(text: str) -> None:
    assert detect_town(text) is None


def test_same_town_twice_is_that_town() -> None:
    assert detect_town("Холмск, в Холмске опять") == "kholmsk"


def test_nothing_gives_none() -> None:
    assert detect_town("нет воды") is None
    assert detect_town("") is None
