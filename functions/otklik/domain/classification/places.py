"""Places named only to say where something is: "яма возле школы" is about a road, "ходят в школу" is a route;
"в школе холодно" is about the school. Institutions mentioned as subjects decide precedence."""
from __future__ import annotations

from dataclasses import dataclass

from otklik.domain.classification.lexicon import lexicon
from otklik.domain.classification.reading import ReadText
from otklik.domain.classification.tokens import has_instrumental_reading, has_locative_reading, is_modifier

_DIRECTION_PREPOSITIONS = frozenset({"в", "во", "на"})
_WITH_PREPOSITIONS = frozenset({"с", "со"})
_AND = frozenset({"и", "или"})
# Not "за": "за школой" is a place but "ходим за водой" is a purpose.
_SPATIAL_WITH_INSTRUMENTAL = frozenset({"перед", "над", "под"})
# "переход к школе", "идут к остановке": the goal of a way is where it leads, not the topic; but after an action named
# by a noun ("подключение к водопроводу", "претензия к УК") "к" governs its object, the topic.
_TOWARDS = frozenset({"к", "ко"})
_NAMED_ACTION_ENDINGS = ("ние", "ия", "ии", "ию", "ией")
ACTION_LOOKBEHIND = 3
# "тротуар от остановки до поликлиники": the two ends of a stretch say where it runs, not what it is about ("от" and
# "до" alone also tell time and senders: "письмо от УК", "до вечера").
_STRETCH_FROM = "от"
_STRETCH_TO = "до"
STRETCH_REACH = 5
# "возле [нашей старой] [5] школы": a noun group is short; a longer run of modifiers is a list, not one group.
MAX_MODIFIERS = 4


@dataclass(frozen=True)
class InstitutionMention:
    category: str
    name: str
    start: int
    end: int
    landmark: bool  # "возле школы", "ходят в школу": the place is only a reference point, not the subject


def _governor(text: ReadText, index: int) -> int | None:
    """Position of the word governing the noun group that contains `index` (its preposition, usually)."""
    tokens = text.tokens
    position = index - 1
    while position >= 0 and index - position <= MAX_MODIFIERS and is_modifier(tokens[position]):
        position -= 1
    text.work.steps += index - position
    if position >= 1 and tokens[position] in _WITH_PREPOSITIONS:
        position -= 1  # "рядом со школой": the landmark word is before "со"
    return position if position >= 0 else None


def _after_named_action(text: ReadText, preposition: int) -> bool:
    text.work.steps += ACTION_LOOKBEHIND
    return any(token.endswith(_NAMED_ACTION_ENDINGS)
               for token in text.tokens[max(0, preposition - ACTION_LOOKBEHIND) : preposition])


def spatial_landmark_positions(text: ReadText) -> set[int]:
    """Positions of words used only to say where something is: "фонарь у остановки", "яма возле школы", "между
    детским садом и котельной", and names in quotation marks (остановка "Детский сад")."""
    spatial = lexicon().spatial_landmark_words
    tokens, keys = text.tokens, text.keys
    text.work.steps += len(tokens)
    positions: set[int] = set(text.names)
    if not any(token_keys & spatial or token in _SPATIAL_WITH_INSTRUMENTAL or token in _TOWARDS
               or token == _STRETCH_TO for token, token_keys in zip(tokens, keys, strict=True)):
        return positions
    for index in range(len(tokens)):
        governor = _governor(text, index)
        if governor is None:
            continue
        if keys[governor] & spatial:
            positions.add(index)
        elif tokens[governor] in _TOWARDS and not _after_named_action(text, governor):
            positions.add(index)  # "переход к школе", not "подключение частных домов к водопроводу"
        elif tokens[governor] in _SPATIAL_WITH_INSTRUMENTAL and has_instrumental_reading(tokens[index]):
            positions.add(index)  # "над площадкой", "под окнами"
        elif _ends_a_stretch(text, governor):
            positions.add(index)  # "от остановки до поликлиники"
        elif tokens[governor] in _AND and any(p in positions for p in range(max(0, governor - 3), governor)):
            positions.add(index)  # the second of two landmarks: "между школой [№6] и котельной"
    return positions


def _ends_a_stretch(text: ReadText, preposition: int) -> bool:
    """"от" with a "до" a few words after it in its sentence, or "до" with an "от" a few words before it."""
    tokens, sentences = text.tokens, text.sentences
    if tokens[preposition] == _STRETCH_FROM:
        others = range(preposition + 1, min(len(tokens), preposition + 1 + STRETCH_REACH))
        other_end = _STRETCH_TO
    elif tokens[preposition] == _STRETCH_TO:
        others = range(max(0, preposition - STRETCH_REACH), preposition)
        other_end = _STRETCH_FROM
    else:
        return False
    text.work.steps += STRETCH_REACH
    return any(tokens[other] == other_end and (not sentences or sentences[other] == sentences[preposition])
               for other in others)


def _is_route_or_landmark(text: ReadText, start: int, end: int, spatial: set[int]) -> bool:
    if start in spatial:
        return True
    governor = _governor(text, start)
    if governor is None:
        return False
    if text.keys[governor] & lexicon().route_words:
        return True
    # "ходят в школу" is a route to it, "в школе" is about it.
    return bool(text.keys[governor] & _DIRECTION_PREPOSITIONS) and not has_locative_reading(text.tokens[end])


def institution_mentions(text: ReadText, spatial: set[int]) -> list[InstitutionMention]:
    entries = lexicon()
    spans: list[tuple[str, str, int, int]] = []
    for category, names in entries.institutions.items():
        covered: set[int] = set()
        for words in entries.institution_phrases[category]:
            for start in text.phrase_starts(words):
                spans.append((category, " ".join(words), start, start + len(words) - 1))
                covered.update(range(start, start + len(words)))
        for name in names:
            for index in text.positions.get(name, ()):
                if index not in covered:
                    spans.append((category, name, index, index))
    # One mention per position: the alphabetically first name, as sets of lemmas give them.
    first: dict[tuple[str, int, int], str] = {}
    for category, name, start, end in spans:
        key = (category, start, end)
        if key not in first or name < first[key]:
            first[key] = name
    text.work.steps += len(spans)
    return [
        InstitutionMention(category, name, start, end, _is_route_or_landmark(text, start, end, spatial))
        for (category, start, end), name in sorted(first.items(), key=lambda item: item[0][1])
    ]
