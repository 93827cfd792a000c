"""Places named only to say where something is: "яма возле школы" is about a road, "ходят в школу" is a route;
"в школе холодно" is about the school. Institutions mentioned as subjects decide precedence."""
from __future__ import annotations

from dataclasses import dataclass

from otklik.domain.classification.lexicon import lexicon, phrase_starts
from otklik.domain.classification.tokens import has_instrumental_reading, has_locative_reading, is_modifier

_DIRECTION_PREPOSITIONS = frozenset({"в", "во", "на"})
_WITH_PREPOSITIONS = frozenset({"с", "со"})
# Not "за": "за школой" is a place but "ходим за водой" is a purpose.
_SPATIAL_WITH_INSTRUMENTAL = frozenset({"перед", "над", "под"})


@dataclass(frozen=True)
class InstitutionMention:
    category: str
    name: str
    start: int
    end: int
    landmark: bool  # "возле школы", "ходят в школу": the place is only a reference point, not the subject


def _governor(tokens: list[str], index: int) -> int | None:
    """Position of the word governing the noun group that contains `index` (its preposition, usually)."""
    position = index - 1
    while position >= 0 and is_modifier(tokens[position]):
        position -= 1
    if position >= 1 and tokens[position] in _WITH_PREPOSITIONS:
        position -= 1  # "рядом со школой": the landmark word is before "со"
    return position if position >= 0 else None


def spatial_landmark_positions(tokens: list[str], keys: list[frozenset[str]]) -> set[int]:
    """Positions of nouns used only to say where something is: "фонарь у остановки", "яма возле школы"."""
    spatial = lexicon().spatial_landmark_words
    if not any(token_keys & spatial or token in _SPATIAL_WITH_INSTRUMENTAL for token, token_keys in zip(tokens, keys)):
        return set()
    positions: set[int] = set()
    for index in range(len(tokens)):
        governor = _governor(tokens, index)
        if governor is None:
            continue
        if keys[governor] & spatial:
            positions.add(index)
        elif tokens[governor] in _SPATIAL_WITH_INSTRUMENTAL and has_instrumental_reading(tokens[index]):
            positions.add(index)  # "над площадкой", "под окнами"
    return positions


def _is_route_or_landmark(tokens: list[str], keys: list[frozenset[str]], start: int, end: int, spatial: set[int]) -> bool:
    if start in spatial:
        return True
    governor = _governor(tokens, start)
    if governor is None:
        return False
    if keys[governor] & lexicon().route_words:
        return True
    # "ходят в школу" is a route to it, "в школе" is about it.
    return bool(keys[governor] & _DIRECTION_PREPOSITIONS) and not has_locative_reading(tokens[end])


def institution_mentions(tokens: list[str], keys: list[frozenset[str]], spatial: set[int]) -> list[InstitutionMention]:
    entries = lexicon()
    spans: list[tuple[str, str, int, int]] = []
    for category, names in entries.institutions.items():
        covered: set[int] = set()
        for words in entries.institution_phrases[category]:
            for start in phrase_starts(words, keys):
                spans.append((category, " ".join(words), start, start + len(words) - 1))
                covered.update(range(start, start + len(words)))
        for index, token_keys in enumerate(keys):
            named = token_keys & names
            if named and index not in covered:
                spans.append((category, min(named), index, index))
    return [
        InstitutionMention(category, name, start, end, _is_route_or_landmark(tokens, keys, start, end, spatial))
        for category, name, start, end in sorted(spans, key=lambda span: span[2])
    ]
