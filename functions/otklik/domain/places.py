"""Which of the six towns (docs/domain.md) a text is about, from place names in any grammatical case.

Town names are matched by their stems, so "в Холмске", "из Корсакова", "Анивский район" all count.
Names that are also ordinary words ("Луговое", "Дальнее", "Рогатка", "Южный") count only when written with a
capital letter or after a settlement word ("мкр", "с.", "посёлок"). A name that is part of a street
("ул. Корсакова", "Анивская улица") does not name the town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOWNS: dict[str, str] = {
    "yuzhno_sakhalinsk": "Южно-Сахалинск",
    "aniva": "Анива",
    "dolinsk": "Долинск",
    "kholmsk": "Холмск",
    "korsakov": "Корсаков",
    "nevelsk": "Невельск",
}

_SETTLEMENT_WORD = r"(?:мкр|микрорайон\w*|пл\.?\s?р-н|район\w*|пос|посел\w*|пгт|с|село|селе|села|д|деревн\w*)\.?\s*"


@dataclass(frozen=True)
class _PlacePattern:
    town: str
    pattern: re.Pattern[str]


def _plain(town: str, *stems: str) -> list[_PlacePattern]:
    """Unambiguous names: case does not matter."""
    return [_PlacePattern(town, re.compile(rf"(?<![\w-]){stem}", re.IGNORECASE)) for stem in stems]


def _proper(town: str, *stems: str) -> list[_PlacePattern]:
    """Names that are also ordinary words: a capital letter, or a settlement word before them."""
    patterns = []
    for stem in stems:
        patterns.append(_PlacePattern(town, re.compile(rf"(?<![\w-]){stem}")))
        patterns.append(_PlacePattern(town, re.compile(rf"(?<![\w-]){_SETTLEMENT_WORD}{stem.lower()}", re.IGNORECASE)))
    return patterns


_PATTERNS: list[_PlacePattern] = [
    *_plain(
        "yuzhno_sakhalinsk",
        r"ю(?:жно)?[\s.-]*сахалинск\w*",
        r"юс\b",
        r"хомутов[оа]?\b",
        r"ново[\s-]?александровск\w*",
        r"синегорск\w*",
        r"березняк\w*",
        r"старорусск(?:ое|ом|ого|ому)\b",
        r"владимировк\w*",
        r"пихтов(?:ое|ом|ого|ому)\b",
        r"пятиречь\w*",
        r"тойохар\w*",
    ),
    *_proper(
        "yuzhno_sakhalinsk",
        r"Южн(?:ый|ого|ому|ым|ом)\b(?!\s+(?:[Вв]осток|[Рр]айон|[Кк]урил|[Сс]ахалин))",
        r"Лугов(?:ое|ом|ого|ому)\b",
        r"Дальн(?:ее|ем|его|ему|ий)\b(?!\s+[Вв]осток)",
        r"Рогатк(?:а|е|и|у|ой)\b",
    ),
    *_plain("aniva", r"анив\w*", r"новотроицк\w*", r"таранай\w*", r"мицулевк\w*", r"успенск(?:ое|ом|ого)\b"),
    *_proper("aniva", r"Троицк(?:ое|ом|ого)\b", r"Огоньк(?:и|ах|ов)\b"),
    *_plain("dolinsk", r"долинск\w*", r"стародубск\w*"),
    *_proper("dolinsk", r"Взморь\w*", r"Сокол(?:е|а|у)?\b"),
    *_plain("kholmsk", r"холмск\w*", r"чапланов\w*", r"костромск(?:ое|ом|ого)\b"),
    *_proper("kholmsk", r"Яблочн(?:ое|ом|ого)\b"),
    *_plain("korsakov", r"корсаков\w*", r"соловьевк\w*", r"новиков(?:о|е)\b"),
    *_proper("korsakov", r"Озерск(?:ий|ом|ого)\b", r"Пригородн(?:ое|ом|ого)\b"),
    *_plain("nevelsk", r"невельск\w*", r"горнозаводск\w*", r"шебунин\w*"),
]

# A place name inside a street name: "ул. Корсакова", "Римского-Корсакова", "Анивская улица".
_STREET_BEFORE = re.compile(
    r"(?:\b(?:ул|улиц\w*|пер|переул\w*|пр|пр-т|просп\w*|шоссе|бульв\w*|б-р|им|имени|наб|набережн\w*)\.?\s*|-)$",
    re.IGNORECASE,
)
_STREET_AFTER = re.compile(r"^\s+(?:ул|улиц\w*|пер|переул\w*|просп\w*|шоссе|бульв\w*|проезд\w*)\b", re.IGNORECASE)


def _is_street(text: str, start: int, end: int) -> bool:
    return bool(_STREET_BEFORE.search(text[:start]) or _STREET_AFTER.search(text[end:]))


def towns_mentioned(text: str) -> set[str]:
    normalized = text.replace("ё", "е").replace("Ё", "Е")
    found: set[str] = set()
    for place in _PATTERNS:
        if place.town in found:
            continue
        for match in place.pattern.finditer(normalized):
            if not _is_street(normalized, match.start(), match.end()):
                found.add(place.town)
                break
    return found


def detect_town(text: str) -> str | None:
    """The town the text names, or None when it names none or more than one."""
    towns = towns_mentioned(text or "")
    return towns.pop() if len(towns) == 1 else None
