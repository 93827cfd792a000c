"""Writes the fifth development storm of incident grouping (tests/data/incidents_storm_dev5.jsonl).

Outages of kinds the first four development storms lack, written as messily as residents' chats are: in Луговое the
cold water's pressure drops across the whole district (a trickle, not a burst); in Южный a storm's wind brings down
wires and the power goes on seven streets; in Ново-Александровск the heating is off in a block of five streets. The
residents misspell streets and districts (one or two letters off, hyphens lost), name streets in every case, write
houses as «д5», «5к2», «5/1», «дом 5 корп 1», abbreviate the supplies (эл-во, э/э, ХВС, ГВС, отопл.), stretch words
(«нееет», «воооды»), shout, add emoji; some name only a landmark or the district. 150 unrelated messages of the same
categories: single-house problems on the outages' own streets and elsewhere, and a few outage-like single messages in
other districts (one per district and category).

The phrase banks were written for this repository (made-up houses, landmarks and coordinates; no real person's
words). The format is tools/incident_storm.py's.

    .venv/bin/python -m tools.incident_storm_dev5
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.incident_storm import location, write

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CHANNELS = ("vk", "vk", "telegram", "telegram", "ok", "max", "regional")
SEED = 5017
EMOJI = (" 😡", " 🥶", " 😭", " 🙏", " ‼️", " ⚡", " 💧", " 🤬", " 😤")
VOWEL_SLIPS = {"а": "о", "о": "а", "е": "и", "и": "е", "я": "а", "ы": "и"}


@dataclass(frozen=True)
class Street:
    nominative: str  # "Советская", "Мира"
    oblique: str  # "(на) Советской", "(по) Мира"
    accusative: str  # "(на) Советскую", "Мира"


def _adjective(name: str) -> Street:
    return Street(name, name[:-2] + "ой", name[:-2] + "ую")


def _noun(name: str) -> Street:
    return Street(name, name, name)


@dataclass(frozen=True)
class Outage:
    label: str
    districts: tuple[str, ...]
    streets: tuple[Street, ...]
    landmarks: tuple[str, ...]
    texts: tuple[str, ...]  # {addr} {street} {loc} {po} {acc} {district} {landmark} {house}
    count: int
    centre: tuple[float, float]
    first_minute: int
    last_minute: int


def _misspelt(rng: random.Random, word: str) -> str:
    """One letter off (a vowel slipped, a letter dropped or doubled, two swapped), sometimes two."""
    for _ in range(2 if rng.random() < 0.25 else 1):
        i = rng.randint(1, len(word) - 2)
        slip = rng.choice(("vowel", "drop", "double", "swap"))
        if slip == "vowel" and word[i] in VOWEL_SLIPS:
            word = word[:i] + VOWEL_SLIPS[word[i]] + word[i + 1:]
        elif slip == "drop":
            word = word[:i] + word[i + 1:]
        elif slip == "double":
            word = word[:i] + word[i] + word[i:]
        else:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word


def _house(rng: random.Random, number: int) -> str:
    return rng.choice([
        f"{number}", f"{number}", f"{number}", f"д{number}", f"д.{number}", f"д. {number}", f"дом {number}",
        f"{number}к{rng.randint(1, 3)}", f"{number}/{rng.randint(1, 4)}", f"дом {number} корп {rng.randint(1, 3)}",
        f"{number}а", f"{number} кв {rng.randint(1, 120)}", f"д{number} кв{rng.randint(1, 120)}",
    ])


def _name(rng: random.Random, form: str) -> str:
    roll = rng.random()
    if roll < 0.12:
        return _misspelt(rng, form)
    if roll < 0.22:
        return form.lower()
    return form


def _address(rng: random.Random, s: Street, number: int) -> str:
    house = _house(rng, number)
    name = _name(rng, s.nominative)
    return rng.choice([
        f"{name} {house}", f"{name} {house}", f"{name}, {house}", f"ул.{name} {house}", f"ул.{name}, {house}",
        f"ул. {name} {house}", f"ул {name} {house}", f"{house} по {_name(rng, s.oblique)}",
        f"на {_name(rng, s.oblique)} {house}", f"улица {name} {house}", f"{name}{house}" if house.isdigit() else
        f"{name} {house}", f"{name}-{number}",
    ])


def _fill(rng: random.Random, template: str, s: Street, number: int, districts: tuple[str, ...],
          landmarks: tuple[str, ...]) -> str:
    district = rng.choice(districts) if districts else ""
    if district and rng.random() < 0.12:
        name = max(district.split(), key=len)  # the district's name, not its "в" or "мкр"
        district = district.replace(name, _misspelt(rng, name))
    text = template.format(addr=_address(rng, s, number), street=_name(rng, s.nominative),
                           loc="на " + _name(rng, s.oblique), po="по " + _name(rng, s.oblique),
                           acc=_name(rng, s.accusative), house=_house(rng, number), district=district,
                           landmark=rng.choice(landmarks) if landmarks else "")
    roll = rng.random()
    if roll < 0.12:
        text = text.lower()
    elif roll < 0.17:
        text = text.upper()
    if rng.random() < 0.12:
        text = text.rstrip(".!") + rng.choice(["!!!", "??", "!!!!", " …", ")))", "?!", " ((("])
    if rng.random() < 0.15:
        text += rng.choice(EMOJI)
    return " ".join(text.split())


LUGOVOE = ("в Луговом", "Луговое", "в луговом", "мкр Луговое", "п. Луговое", "Луговое р-н", "в Лугавом",
           "на Луговом", "по всему Луговому", "в районе Луговое", "пл.р-н Луговое")
YUZHNY = ("в Южном", "мкр Южный", "Южный р-н", "в южном", "в Южном районе", "на Южном", "в мкр. Южный", "в Южнам")
NOVO = ("в Ново-Александровске", "Ново-Александровск", "в Новоалександровске", "в Ново Александровске",
        "Новоалександровск", "в ново-александровске", "в Н-Александровске", "в Ново-Алксандровске")

PRESSURE_STREETS = tuple(_adjective(n) for n in ("Лучистая", "Авиационная", "Шоссейная", "Ударная", "Больничная",
                                                   "Западная", "Ключевая", "Сиреневая", "Майская")) + (
    _noun("Дружбы"),)
WIRES_STREETS = (_noun("Мира"), _noun("Победы"), _noun("Есенина"), _noun("Маяковского"), _adjective("Детская"),
                 _adjective("Холмская"), _adjective("Вокзальная"))
HEATING_STREETS = tuple(_adjective(n) for n in ("Советская", "Рабочая", "Лесная", "Кольцевая", "Заводская"))

PRESSURE_TEXTS = (
    "{addr} напор холодной воды никакой, еле капает",
    "ХВС еле течёт {addr}",
    "хвс нет почти, {addr}, стиралка не набирает воду",
    "Воооды нет нормальной {district}, из крана тонкая струйка",
    "{district} упало давление воды, на 4 этаже вообще сухо",
    "{addr}. Холодная вода идёт еле-еле, напора нет с утра",
    "у нас {loc} напор воды слабый, бачок набирается полчаса",
    "почему в {district} нет давления в водопроводе?? {addr}",
    "Нееет напора! {addr}",
    "холодная еле бежит, {addr}, что случилось?",
    "слабый напор хол. воды {loc} дом {house}",
    "{district} вода тонкой струйкой уже 3 часа, когда починят насосную?",
    "Здравствуйте. По адресу {addr} очень слабое давление холодной воды, невозможно помыться",
    "{addr} - хвс по капле 😡",
    "нет давления воды {loc}",
    "вода из крана капает а не течёт, {addr}",
    "Добрый день, {district} пропал напор воды во всех домах, соседи тоже жалуются",
    "у всей улицы {street} слабый напор воды",
    "колонка не включается, напор воды мизерный, {addr}",
    "ХВС НЕТ НАПОРА {addr}",
    "{addr} холодной воды почти нет, струйка как нитка",
    "вода еле идет, {loc}, верхние этажи вообще без воды",
    "когда дадут нормальный напор? {district}",
    "Опять давление в трубах упало, {addr}",
    "{landmark} вода еле течёт у всех",
    "{district}, {landmark} — воды по сути нет, напор ноль",
    "давление хвс упало {loc} и соседних улицах",
    "водааа еле капает {addr}",
    "на {acc} что-то с водой? напора нет, {house}",
    "не могу набрать ванну, вода еле идёт, {addr}",
    "Сделайте что-нибудь с напором воды {district}!!",
    "{street} {house}: холодная вода тонкой струйкой, стиральная машина выдаёт ошибку",
    "вода еле-еле, ни помыться ни посуду помыть. {addr}",
    "водоканал, что с напором в {district}? {addr}",
    "слабый напор воды с самого утра {po}",
    "в кранах нет давления, {addr}, бойлер не включается",
    "хол вода еле течет {addr} уже полдня",
    "на верхних этажах нет воды, внизу еле течёт, {addr}",
    "Вода почти не идёт. {district}. Когда восстановят давление?",
    "напор упал до нуля {loc} {house}",
)
WIRES_TEXTS = (
    "после ветра оборвало провода, света нет {addr}",
    "нет эл-ва {addr}",
    "нет э/э с ночи {district}",
    "Свееет дайте!!! {addr}",
    "{district} ветром повалило столб, провода на земле, электричества нет",
    "{addr} нет электричества после урагана",
    "Провода оборваны {loc}, весь район без света",
    "упало дерево на провода {loc}, света нет",
    "света нет {addr}, холодильник течёт",
    "{district} обесточено после бури, когда дадут свет?",
    "НЕТ СВЕТА {addr}",
    "нет светааа {addr}",
    "Здравствуйте! {addr}. С 3 ночи нет электроэнергии, ветер порвал провода у дома",
    "эл-во пропало {loc} после шторма",
    "провод висит над дорогой {loc}, света нет во всех домах",
    "{landmark} провода на земле, искрят, света нет",
    "когда дадут свет? {district}",
    "сидим без света {addr} 😭",
    "опять нет света {loc}, ветер оборвал линию",
    "обрыв ЛЭП {loc}, весь квартал без электричества",
    "у всей улицы {street} нет электричества",
    "нет электричества {po} с утра",
    "{addr} отключили свет, говорят провода оборвало",
    "э/э нет {addr}, у соседей тоже",
    "{district} тёмный весь, света нет ни в одном доме",
    "ветром сорвало провода {loc} {house}, электричества нет",
    "свет вырубило во всём районе {district}",
    "Без электричества уже 6 часов! {addr}. Дети, холодно",
    "столб упал {loc}, мы без света",
    "электроэнергии нет {addr}",
    "не горит свет ни у кого {loc}",
    "Нет света по адресу {addr}",
    "ЭЛ-ВА НЕТ {district}",
    "после бури на {acc} нет света",
    "оборванные провода лежат {loc}, света нет, опасно!",
    "{addr} обесточен весь дом и соседние",
    "когда будет электричество? {addr}",
    "{district}, {landmark}: нет света, провода порвало",
    "вся {street} без света?",
    "пропало электричество {addr}, у всех соседей тоже",
)
HEATING_TEXTS = (
    "отопл. нет {addr}",
    "батареи ледяные {addr}",
    "Отопления нет с утра, {addr}",
    "не топят {loc}",
    "{district} не топят весь квартал, дома +15",
    "холодныееее батареи {addr}",
    "в квартире 14 градусов, батареи холодные, {addr}",
    "радиаторы холодные {addr}, у соседей тоже",
    "когда дадут отопление? {addr}",
    "Нет отопления {po}!!",
    "{addr} отопление отключили без предупреждения",
    "котельная встала? нет тепла {district}",
    "ОТОПЛЕНИЯ НЕТ {addr}",
    "Здравствуйте, {addr}. Батареи холодные со вчерашнего вечера, дети мёрзнут",
    "дома дубак, батареи не греют, {addr}",
    "тепла нет {loc}",
    "{landmark} все дома без отопления",
    "у всей улицы {street} холодные батареи",
    "батареи еле тёплые {addr}",
    "отопление не работает {addr}",
    "нет отопления {district}, {addr}",
    "не греют батареи {loc} {house}",
    "холодно в квартире, отопл. отключено, {addr}",
    "Почему нет отопления {district}? {addr}",
    "батареии холодные во всем доме {addr}",
    "замерзаем {addr}, отопления нет",
    "{district}: отопления нет в пяти домах {loc}",
    "трубы отопления холодные {addr}",
    "без отопления с ночи {addr} 🥶",
    "нет тепла в батареях {addr}",
    "{addr} отопление выключили, холод",
    "в квартале нет отопления, {loc}",
    "нет отопления и в соседних домах {po}",
    "батареи как лёд {addr}",
    "отопление когда включат? {addr}",
    "батареи холоднючие {loc}",
    "{district}, {landmark}: отопление отключено",
    "теплоснабжения нет {addr}",
    "подача тепла прекращена? {addr}",
    "радиаторы ледяные, в квартире +13, {addr}",
)

OUTAGES = (
    Outage("water-pressure-lugovoe", LUGOVOE, PRESSURE_STREETS,
           ("у ТЦ «Радуга»", "возле больницы", "у остановки «Аэропорт»", "за школой №15", "у рынка"),
           PRESSURE_TEXTS, 105, (46.9005, 142.7155), 30, 540),
    Outage("power-wires-yuzhny", YUZHNY, WIRES_STREETS,
           ("у вокзала", "возле стадиона", "у школы №2", "за магазином «Берёзка»", "у детского сада"),
           WIRES_TEXTS, 100, (46.9345, 142.7315), 0, 480),
    Outage("heating-novo", NOVO, HEATING_STREETS,
           ("у котельной", "возле ДК", "у почты", "за аптекой"),
           HEATING_TEXTS, 95, (46.8925, 142.6955), 60, 600),
)

SINGLE_HOUSE_TEXTS = (
    "в квартире нет воды, у соседей есть, {addr}",
    "течёт кран на кухне, {addr}",
    "прорвало трубу в подвале {addr}",
    "в подъезде не горит свет, {addr}",
    "искрит розетка в квартире, {addr}",
    "выбивает автомат в щитке, {addr}",
    "в моей квартире холодная батарея, у соседей горячие, {addr}",
    "стояк отопления течёт в подъезде {addr}",
    "засор канализации в доме, {addr}",
    "в подвале вода стоит, {addr}",
    "счётчик воды сломался, {addr}",
    "лампочка на площадке перегорела {addr}",
    "не греет одна батарея в комнате, {addr}",
    "у нас в квартире пропал свет, у соседей есть, {addr}",
    "ржавая вода из крана, {addr}",
    "яма во дворе {addr}",
    "мусор не вывозят неделю, {addr}",
    "не работает лифт {addr}",
    "воздух в батареях, надо спустить, {addr}",
    "на лестнице открыт электрощиток, {addr}",
)
ELSEWHERE_STREETS = (
    _noun("Ленина"), _adjective("Комсомольская"), _noun("Чехова"), _adjective("Сахалинская"), _noun("Пуркаева"),
    _adjective("Украинская"), _noun("Горького"), _noun("Поповича"), _adjective("Амурская"), _adjective("Новая"),
    _adjective("Центральная"), _adjective("Горная"), _adjective("Солнечная"), _adjective("Речная"),
    _noun("Карла Маркса"), _noun("Емельянова"), _adjective("Курильская"), _adjective("Физкультурная"),
)
# One outage-like message per district and category, outside the outages: nothing to group it with.
ELSEWHERE_OUTAGE_LIKE = (
    ("нет света {loc} {house}, весь дом без электричества", _noun("Пуркаева")),
    ("отопления нет {addr}, во всём доме холодно", _noun("Чехова")),
    ("воды нет {addr}, весь подъезд сухой", _adjective("Горная")),
    ("слабый напор воды {addr}, соседи тоже жалуются", _adjective("Центральная")),
    ("нет э/э {addr}", _adjective("Заводская")),
)


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        for _ in range(outage.count):
            s = rng.choice(outage.streets)
            lines.append({"minutes": rng.randint(outage.first_minute, outage.last_minute),
                          "channel": rng.choice(CHANNELS),
                          "text": _fill(rng, rng.choice(outage.texts), s, rng.choice([rng.randint(1, 20),
                                                                                      rng.randint(1, 60)]),
                                        outage.districts, outage.landmarks),
                          "location": location(rng, outage.centre, 0.003, share=0.12), "incident": outage.label})
    noise = ((PRESSURE_STREETS, 15, (46.9005, 142.7155)), (WIRES_STREETS, 15, (46.9345, 142.7315)),
             (HEATING_STREETS, 15, (46.8925, 142.6955)), (ELSEWHERE_STREETS, 100, (46.9600, 142.7400)))
    for streets, count, centre in noise:
        used: set[tuple[str, str]] = set()
        while len(used) < count:
            template, s = rng.choice(SINGLE_HOUSE_TEXTS), rng.choice(streets)
            if (template, s.nominative) in used:
                continue  # one resident's problem per street and wording
            used.add((template, s.nominative))
            lines.append({"minutes": rng.randint(0, 600), "channel": rng.choice(CHANNELS),
                          "text": _fill(rng, template, s, rng.randint(1, 70), (), ()),
                          "location": location(rng, centre, 0.008, share=0.12), "incident": None})
    for template, s in ELSEWHERE_OUTAGE_LIKE:
        lines.append({"minutes": rng.randint(0, 600), "channel": rng.choice(CHANNELS),
                      "text": _fill(rng, template, s, rng.randint(1, 40), (), ()), "location": None,
                      "incident": None})
    rng.shuffle(lines)
    lines.sort(key=lambda line: line["minutes"])
    return [{"id": f"v-{number:03d}", **{k: v for k, v in line.items() if v is not None or k != "location"}}
            for number, line in enumerate(lines, 1)]


def main() -> None:
    write(DATA / "incidents_storm_dev5.jsonl", build())


if __name__ == "__main__":
    main()
