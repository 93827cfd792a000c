"""Where an appeal's problem is, as keys grouping compares and finds candidates by:

    district:луговое          a district (or planning area, village) of the town, named or implied by its street
    street:лучист             a street, by the stem of its name ("Лучистая", "на Лучистой", "ул.Лучистая")
    house:лучист:5            a house on it ("Лучистая, д.5", "дом 5 по ул. Лучистой", "на Лучистой у пятого дома")
    cell:<i>:<j>              the grid cell of the appeal's coordinates, when it has them
    unplaced                  stored on an appeal that has none of the above: what a late join finds it by

The town's streets and districts come from its configuration (TownConfig.districts); a street not listed there is
still read after a street word ("ул.", "улица", "проспект"). A listed street that is also an ordinary word
("Школьная", "Детская", "Мира") counts only after a street word, before a house number, capitalised inside a
sentence, or after "на"/"по" with no noun after it ("прорвало трубу на железнодорожной"). Pure: text and
configuration in, keys out."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from otklik.domain.words import Tag, morph

HOUSE = "house:"
STREET = "street:"
DISTRICT = "district:"
CELL = "cell:"
# The one key of an appeal that names no place and has no coordinates, stored so that an outage found later can look
# back for it (services/grouping.py, the late join); never an incident's, never a place two appeals share.
UNPLACED = "unplaced"
METRES_PER_DEGREE = 111_320.0

_STREET_WORD = (r"(?:ул(?:ица|ице|ицу|ицы)?|пр(?:осп(?:ект)?|-т)?|пер(?:еул(?:ок|ке|ка))?|б-р|бульвар\w*|шоссе"
                r"|проезд\w*)")
_STREET_WORD_BEFORE = re.compile(rf"(?:^|[\s,(])(?:{_STREET_WORD})\.?\s*$", re.IGNORECASE)
_DISTRICT_WORD_BEFORE = re.compile(
    r"(?:^|[\s,(])(?:мкр|микрорайон\w*|р-н\w*|район\w*|пл\.?\s*р-н|пос|посел\w*|с|село|в|во|на|из|всему|всем)\.?\s*$",
    re.IGNORECASE)
_DISTRICT_WORD_AFTER = re.compile(r"^\s+(?:район|микрорайон|р-н|мкр)", re.IGNORECASE)
_HOUSE_NUMBER = r"(\d{1,4}(?:\s?[а-д](?![а-я]))?(?:/\d{1,3})?)"
# A building of a house: "5к2", "5 к.2", "дом 5 корп 2", "5 корпус 2", "5 стр 1": the key "5к2".
_BUILDING_AFTER = re.compile(r"^\s*(?:к|корп|корпус|стр|строение)\.?\s*(\d{1,2})(?!\d)", re.IGNORECASE)
# After the street: "Лучистая 5", "Лучистая, д.5", "ул.Лучистая,5", "Лучистая д 5", "Лучистая (дом 5)", "Лучистая5",
# "Лучистая-5".
_NOT_A_HOUSE = r"(?![\d:.,]\d)(?!\s*(?:-?го\b|этаж|час|утра|мин|°))"  # "5-го этажа", "с 6 утра", "+14°"
_HOUSE_AFTER = re.compile(rf"^\s*[,(-]?\s*(?:д\.?|дом|№)?\s*{_HOUSE_NUMBER}{_NOT_A_HOUSE}", re.IGNORECASE)
# "у пятого дома", "возле 12-го дома", "около дома 5".
_ORDINAL_AFTER = re.compile(r"^\s*,?\s*(?:у|возле|около|напротив|за)\s+(\w+)(?:-?го)?\s+дом[аеу]?\b", re.IGNORECASE)
_NUMBER_AFTER_HOUSE_WORD = re.compile(rf"^\s*,?\s*(?:у|возле|около|напротив)\s+дом[аеу]?\s*№?\s*{_HOUSE_NUMBER}",
                                      re.IGNORECASE)
# Before the street: "дом 10 по ул. Шоссейной", "в доме 5 на Лучистой".
_HOUSE_BEFORE = re.compile(rf"(?:д\.?|дом\w*)\s*№?\s*{_HOUSE_NUMBER}(?:\s*(?:к|корп|корпус)\.?\s*(\d{{1,2}}))?"
                           rf"\s+(?:по|на)\s+(?:{_STREET_WORD}\.?\s*)?$",
                           re.IGNORECASE)
_ORDINALS = {"первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "пятого": 5, "шестого": 6, "седьмого": 7,
             "восьмого": 8, "девятого": 9, "десятого": 10, "одиннадцатого": 11, "двенадцатого": 12}
# Any word after a street word: a street the configuration does not list.
_UNLISTED_STREET = re.compile(rf"(?:^|[\s,(])({_STREET_WORD})(?![а-я])\.?\s*([а-я][а-я-]+(?:\s+[а-я][а-я-]+)?)",
                              re.IGNORECASE)
_ADJECTIVE_ENDING = re.compile(r"(?:ая|яя|ой|ую|юю|ое|ее|ом|ем|ого|его|ому|ему|ий|ый|ей|ые|ие|ых|их)$")
# "на Больничной и соседних улицах", "на больничной улице": a street word after the name.
_STREET_WORD_AFTER = re.compile(r"^\s+(?:и\s+соседн\w+\s+)?(?:улиц\w*|ул\.)", re.IGNORECASE)
_ON_BEFORE = re.compile(r"(?:^|[\s,(])(?:на|по)\s+$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[^\w\s]|$)")  # a stop, a bracket, an emoji
_SENTENCE_END = re.compile(r"(?:[.!?…]\s*|\n\s*|^\s*)$")
# A clause's start: the text's, or after a stop, a comma, a slash, a dash, an emoji ("нет света, центр",
# "включите отопление!!! амурская", "пограничная/курильская").
_CLAUSE_START = re.compile(r"(?:^|[^\w\s-]|\s-)\s*$")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The name is a clause of its own, in whatever case: nothing before it in its clause and nothing after it
    ("отопления нет, амурская"): what else could it be but the place?"""
    return bool(_CLAUSE_START.search(text[max(0, start - 5):start]) and _CLAUSE_END.match(text[end:end + 3]))


def name_stem(name: str) -> str:
    """The part of a street's or district's name that its grammatical forms share: "Лучистая", "Лучистой" →
    "лучист"; "Ленина" stays "ленина" (a name in the genitive does not change)."""
    words = name.lower().replace("ё", "е").replace("-", " ").split()
    stems = [_ADJECTIVE_ENDING.sub("", w) if len(w) >= 5 and _ADJECTIVE_ENDING.search(w) else w for w in words]
    return " ".join(stems)


@dataclass(frozen=True)
class _Name:
    """A street or district of the town's configuration. Its pattern is compiled on the first text that may name it
    (one that holds its last word's stem): a town's sixty streets cost a cold instance nothing before."""

    key: str
    stem: str
    district: str | None = None  # a street's district; None for a district

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.district is None:
            return _name_pattern(self.stem)
        words = self.stem.split()
        return _name_pattern(self.stem, person=len(words) == 2 and is_only_a_name(words[1]))

    def may_be_named_in(self, folded_text: str) -> bool:
        """False when the casefolded text cannot name it: each of its patterns' forms holds its last word's stem."""
        return self.stem.split()[-1].casefold() in folded_text


@lru_cache(maxsize=1024)
def _name_pattern(stem: str, *, person: bool = False) -> re.Pattern[str]:
    """`person`: a street named by a first name and a surname ("Карла Маркса"), whose first name residents write as
    an initial or leave out ("К. Маркса", "ул. Маркса")."""
    words = stem.split()
    # Each word of the name in any of its forms: the stem and up to three letters of ending.
    body = r"[\s-]*".join(re.escape(w) + r"[а-я]{0,3}" for w in words)
    if person:
        first, surname = words
        body = rf"(?:{re.escape(first)}[а-я]{{0,3}}[\s-]*|{re.escape(first[0])}\.\s*)?{re.escape(surname)}[а-я]{{0,3}}"
    return re.compile(rf"(?<![а-я0-9-]){body}(?![а-я]|-[а-я])", re.IGNORECASE)  # "Крюкова-7", not "Ново-"


@dataclass(frozen=True)
class Gazetteer:
    """A town's districts and their streets, as its configuration lists them."""

    streets: tuple[_Name, ...]
    districts: tuple[_Name, ...]

    @classmethod
    def of(cls, districts: Mapping[str, Iterable[str]]) -> Gazetteer:
        return _gazetteer(tuple((d, tuple(s)) for d, s in districts.items()))

    def names_in(self, text: str) -> Gazetteer:
        """Its streets and districts the text may name: the others' patterns could not match (nor are compiled)."""
        folded = text.casefold()
        return Gazetteer(tuple(n for n in self.streets if n.may_be_named_in(folded)),
                         tuple(n for n in self.districts if n.may_be_named_in(folded)))


@lru_cache(maxsize=64)
def _gazetteer(districts: tuple[tuple[str, tuple[str, ...]], ...]) -> Gazetteer:
    streets: list[_Name] = []
    named: list[_Name] = []
    for district, district_streets in districts:
        district_key = DISTRICT + name_stem(district)
        stem = name_stem(district)
        named.append(_Name(district_key, stem))
        for street in district_streets:
            street_stem = name_stem(street)
            streets.append(_Name(STREET + street_stem, street_stem, district_key))
    return Gazetteer(tuple(streets), tuple(named))


EMPTY = Gazetteer((), ())


@dataclass(frozen=True)
class Places:
    """The keys of a text (and coordinates): what the appeal is stored with, and what it looks for."""

    houses: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    cell: str | None = None
    nearby_cells: tuple[str, ...] = ()
    coordinates: tuple[float, float] | None = None  # the appeal's, or those written in its text
    misspelt_names: tuple[str, ...] = ()  # streets' and districts' names as misspelt in the text ("лессная")

    @property
    def name_stems(self) -> tuple[str, ...]:
        """The stems of the streets and districts named, and their misspellings: not words of the problem."""
        return (*(key.split(":", 1)[1] for key in (*self.streets, *self.districts)), *self.misspelt_names)

    @property
    def keys(self) -> tuple[str, ...]:
        """Stored with the appeal (and its incident): where it is."""
        return (*self.districts, *self.streets, *self.houses, *((self.cell,) if self.cell else ()))

    @property
    def stored_keys(self) -> tuple[str, ...]:
        """The keys stored with the appeal: where it is, or UNPLACED."""
        return self.keys or (UNPLACED,)

    @property
    def query_keys(self) -> tuple[str, ...]:
        """What candidates are found by: its own keys and the cells around its own."""
        return tuple(dict.fromkeys((*self.keys, *self.nearby_cells)))


def where(place_keys: Iterable[str]) -> tuple[str, ...]:
    """The stored keys that say where (UNPLACED says it is nowhere): what an incident's member keeps."""
    return tuple(key for key in place_keys if key != UNPLACED)


def _house(text: str, start: int, end: int) -> str | None:
    after = text[end:end + 40]
    if (number := _HOUSE_AFTER.match(after)) is not None:
        house = number.group(1).replace(" ", "").lower()
        if (building := _BUILDING_AFTER.match(after[number.end():])) is not None:
            house += "к" + building.group(1)
        return house
    if (ordinal := _ORDINAL_AFTER.match(after)) is not None:
        word = ordinal.group(1).lower().replace("ё", "е")
        if word.isdigit():
            return word
        if word in _ORDINALS:
            return str(_ORDINALS[word])
    if (numbered := _NUMBER_AFTER_HOUSE_WORD.match(after)) is not None:
        return numbered.group(1).replace(" ", "").lower()
    if (before := _HOUSE_BEFORE.search(text[max(0, start - 40):start])) is not None:
        of_building = f"к{before.group(2)}" if before.group(2) else ""
        return before.group(1).replace(" ", "").lower() + of_building
    return None


_NAME_GRAMMEMES = frozenset({"Surn", "Name", "Patr", "Geox"})


@lru_cache(maxsize=4096)
def is_only_a_name(word: str) -> bool:
    """Whether the dictionary knows the word only as a person's or place's name ("Пуркаева", "Комарова"), never as an
    ordinary word ("Школьная", "Мира", "Горького": горький): such a street is meant wherever it is written."""
    parses = morph().parse(word.lower())
    return bool(parses) and all(parse.tag.grammemes & _NAME_GRAMMEMES for parse in parses)


# What a street's name never is: "улицу залило", "улицу на Украинской".
_NOT_A_NAME_POS = frozenset({"VERB", "INFN", "PRTS", "GRND", "PREP", "CONJ", "PRCL", "NPRO", "ADVB", "PRED"})


def _may_name_a_street(word: str) -> bool:
    return morph().parse(word.lower())[0].tag.POS not in _NOT_A_NAME_POS


def _outdoors(street_word: str, word: str) -> bool:
    """"на улице потоп", "на улице темнота": outdoors, and what is there (a known noun in the nominative), no street's
    name (those follow in the genitive, "улица Мира", or agree as adjectives, "улица Лесная")."""
    if street_word.lower() != "улице" or not morph().word_is_known(word.lower()):
        return False
    parse = morph().parse(word.lower())[0]
    return parse.tag.POS == "NOUN" and parse.tag.case == "nomn"


def _is_street_mention(text: str, start: int, end: int) -> bool:
    if is_only_a_name(text[start:end]):
        return True
    before = text[max(0, start - 20):start]
    if _STREET_WORD_BEFORE.search(before) or _house(text, start, end) is not None:
        return True
    if _STREET_WORD_AFTER.match(text[end:end + 30]):
        return True
    # "на/по" and the name with no noun after it, the clause ending there or going on with no noun or adjective the
    # name could be said of: "вода бьёт фонтаном на железнодорожной", "цтп на молодёжной опять встал".
    if _ON_BEFORE.search(before) and (_CLAUSE_END.match(text[end:end + 3])
                                      or _no_noun_after(text[end:end + 30], text[start:end])):
        return True
    if _stands_alone(text, start, end):
        return True
    # Capitalised inside a sentence, as street names are written ("батареи холодные на Школьной").
    return text[start].isupper() and not _SENTENCE_END.search(before)


_NEXT_WORD = re.compile(r"^\s+([а-я]+)", re.IGNORECASE)
_NOUN_POS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", "NUMR"})


def _no_noun_after(following: str, name: str = "") -> bool:
    """No noun or adjective after the name that it could be said of: none at all, or one it does not agree with in
    gender (or number) and case ("на озёрной напряжение 170 вольт"; not "на новой машине")."""
    word = _NEXT_WORD.match(following)
    if word is None:
        return False
    parses = [parse for parse in morph().parse(word.group(1).lower()) if parse.tag.POS in _NOUN_POS]
    if not parses:
        return True
    if not name:
        return False
    forms = {_form(parse.tag) for parse in morph().parse(name.lower()) if parse.tag.POS in {"ADJF", "PRTF"}}
    return bool(forms) and not forms & {_form(parse.tag) for parse in parses}


def _form(tag: Tag) -> tuple[str | None, str | None]:
    return (tag.gender if tag.number != "plur" else "plur"), tag.case


def _is_district_mention(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 20):start]
    return bool(text[start].isupper() or _DISTRICT_WORD_BEFORE.search(before)
                or _DISTRICT_WORD_AFTER.match(text[end:end + 15]) or _stands_alone(text, start, end))


def read_places(text: str, gazetteer: Gazetteer = EMPTY, latitude: float | None = None,
                longitude: float | None = None, cell_m: float = 500.0) -> Places:
    normalized = collapse_stretched(text.replace("ё", "е").replace("Ё", "Е"))
    named = gazetteer.names_in(normalized)
    found = _Found()
    # "в Ново Александровске": a street's name ("Новая") inside a district's name written out is the district's.
    district_spans = [(match.start(), match.end()) for name in named.districts
                      for match in name.pattern.finditer(normalized)]
    for name in named.streets:
        for match in name.pattern.finditer(normalized):
            within_a_district = any(start <= match.start() and match.end() <= end and end - start > len(match.group())
                                    for start, end in district_spans)
            if not within_a_district and _is_street_mention(normalized, match.start(), match.end()):
                found.street(normalized, name.key, name.stem, match.start(), match.end(), name.district)
    misspelt = _read_misspelt_names(normalized, gazetteer, found)
    for unlisted in _UNLISTED_STREET.finditer(normalized):
        start, word = unlisted.start(2), unlisted.group(2).split()[0]
        if not found.covers(start) and _may_name_a_street(word) and not _outdoors(unlisted.group(1), word):
            stem = name_stem(word)
            found.street(normalized, STREET + stem, stem, start, start + len(word), None)
    for name in named.districts:
        for match in name.pattern.finditer(normalized):
            # Not a street of the same stem.
            if not found.covers(match.start()) and _is_district_mention(normalized, match.start(), match.end()):
                found.districts[name.key] = None
    if latitude is None or longitude is None:
        latitude, longitude = written_coordinates(normalized) or (None, None)
    cell, nearby = _cells(latitude, longitude, cell_m)
    coordinates = (latitude, longitude) if latitude is not None and longitude is not None else None
    return Places(tuple(found.houses), tuple(found.streets), tuple(found.districts), cell, nearby, coordinates,
                  misspelt)


def _read_misspelt_names(text: str, gazetteer: Gazetteer, found: _Found) -> tuple[str, ...]:
    """The streets and districts written misspelt, added to `found`; the misspellings."""
    misspelt: dict[str, None] = {}
    for word in _WORD.finditer(text):
        if found.covers(word.start()) or (name := misspelt_name(
                word.group().lower(), gazetteer, _an_address(text, word.start(), word.end()))) is None:
            continue
        if name.key.startswith(STREET):
            found.street(text, name.key, name.stem, word.start(), word.end(), name.district)
        elif _is_district_mention(text, word.start(), word.end()):
            found.districts[name.key] = None
            found.spans.append((word.start(), word.end()))
        else:
            continue
        misspelt[word.group().lower()] = None
    return tuple(misspelt)


_STRETCHED = re.compile(r"([а-яa-z])\1{2,}", re.IGNORECASE)


def collapse_stretched(text: str) -> str:
    """A letter written three times or more is one: "нееет" → "нет", "Свееет" → "Свет", "воооды" → "воды"."""
    return _STRETCHED.sub(r"\1", text)


# Words of five letters or more: a short name a letter off too ("Чеова": Чехова).
_WORD = re.compile(r"(?<![а-я0-9])[а-я]{5,}", re.IGNORECASE)
# The letters an ending adds to a name's stem ("лучист" + "ой").
_MAX_ENDING = 3


def _an_address(text: str, start: int, end: int) -> bool:
    """A capitalised word, or one after a street word, before a house number ("Палевая 28/1", "улица Палевая, дом
    10"): written as an address, whatever else the word means."""
    return bool((text[start].isupper() or _STREET_WORD_BEFORE.search(text[max(0, start - 12):start]))
                and _HOUSE_AFTER.match(text[end:end + 20]))


def misspelt_name(word: str, gazetteer: Gazetteer, address: bool = False) -> _Name | None:
    """The town's street or district that a word is a slip of ("Лессная", "Запандой", "Новоалександрвоск",
    "Лугавое"): one letter off (dropped, doubled, changed, two swapped) from a name's stem of four letters or more,
    two from one of nine or more; None unless exactly one name is that close. A word the dictionary knows only when
    written as an `address` ("Палевая 28/1": Полевая)."""
    if morph().word_is_known(word) and not address:
        return None
    return _closest_name(word, gazetteer)


@lru_cache(maxsize=8192)
def _closest_name(word: str, gazetteer: Gazetteer) -> _Name | None:
    best: dict[str, _Name] = {}
    best_distance = 3
    for name in (*gazetteer.streets, *gazetteer.districts):
        spellings = [name.stem.replace(" ", "")] if name.key.startswith(DISTRICT) else [name.stem]
        for stem in spellings:
            if " " in stem or len(stem) < 4:
                continue
            limit = 2 if len(stem) >= 9 else 1
            distance = min((_edit_distance(word[:length], stem)
                            for length in range(len(stem) - limit, len(stem) + limit + 1)
                            if 0 <= len(word) - length <= _MAX_ENDING), default=limit + 1)
            if distance > limit or distance > best_distance:
                continue
            if distance < best_distance:
                best, best_distance = {}, distance
            best[name.key] = name
    return next(iter(best.values())) if len(best) == 1 else None


def _edit_distance(first: str, second: str) -> int:
    """Letters dropped, added, changed or two neighbours swapped (the optimal string alignment distance)."""
    rows = [list(range(len(second) + 1))]
    for i, a in enumerate(first, 1):
        row = [i]
        for j, b in enumerate(second, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


# "46.98550, 142.73050", "(46.9855 142.7305)", "геолокация 46.98550,142.73050": a map's coordinates pasted in the text.
_WRITTEN_COORDINATES = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d{4,7})\s*[,;]?\s*(-?\d{1,3}\.\d{4,7})(?![\d.])")


def written_coordinates(text: str) -> tuple[float, float] | None:
    """Latitude and longitude written in the text, as a map application copies them, if any."""
    match = _WRITTEN_COORDINATES.search(text)
    if match is None:
        return None
    latitude, longitude = float(match.group(1)), float(match.group(2))
    return (latitude, longitude) if abs(latitude) <= 90 and abs(longitude) <= 180 else None


class _Found:
    def __init__(self) -> None:
        self.houses: dict[str, None] = {}
        self.streets: dict[str, None] = {}
        self.districts: dict[str, None] = {}
        self.spans: list[tuple[int, int]] = []

    def covers(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.spans)

    def street(self, text: str, key: str, stem: str, start: int, end: int, district: str | None) -> None:
        self.streets[key] = None
        if district:
            self.districts[district] = None
        self.spans.append((start, end))
        if (house := _house(text, start, end)) is not None:
            self.houses[f"{HOUSE}{stem}:{house}"] = None


# Longitude cells are as wide as `cell_m` at 60° of latitude, everywhere: wider further south (about 1.4 × at
# Sakhalin's 47°), so the cells around an appeal's cover at least `cell_m` in every direction up to 60°N; the
# distance itself is then measured. One width for every row keeps neighbouring rows' columns aligned.
_LONGITUDE_SCALE = math.cos(math.radians(60))


def cell_of(latitude: float, longitude: float, cell_m: float) -> tuple[int, int]:
    return (math.floor(latitude * METRES_PER_DEGREE / cell_m),
            math.floor(longitude * METRES_PER_DEGREE * _LONGITUDE_SCALE / cell_m))


def _cells(latitude: float | None, longitude: float | None, cell_m: float) -> tuple[str | None, tuple[str, ...]]:
    if latitude is None or longitude is None:
        return None, ()
    row, column = cell_of(latitude, longitude, cell_m)
    nearby = tuple(f"{CELL}{row + dr}:{column + dc}" for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
    return f"{CELL}{row}:{column}", nearby


def distance_m(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))
