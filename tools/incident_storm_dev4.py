"""Writes the fourth development storm of incident grouping (tests/data/incidents_storm_dev4.jsonl).

Written after the held-out storm 2's first score by a writer who had not read it: outages of kinds the first three
development storms lack. In Северный a sewer and storm-drain overflow floods five streets (a failure, not a missing
supply) and a power cut darkens a block of five other streets; in the centre a block of five streets fed from one
heat substation has no hot water. Most residents name only their own street and house, some only a landmark or the
district, some send coordinates (or type them). 150 unrelated messages of the same categories: single-house problems
on the outages' own streets and elsewhere, and a few outage-like single messages in other districts (one per district
and category, so that no two of them are arguably one problem).

The phrase banks were written for this repository (made-up houses, landmarks and coordinates; no real person's
words). The format is tools/incident_storm.py's:

    {"id": "...", "minutes": <since the storm began>, "channel": "vk", "text": "...",
     "location": {"latitude": .., "longitude": ..} (some only), "incident": "<label>" | null}

    .venv/bin/python -m tools.incident_storm_dev4
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.incident_storm import location, write

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CHANNELS = ("vk", "vk", "telegram", "telegram", "ok", "max", "regional")
SEED = 4017
EMOJI = (" 😡", " 🤬", " 😭", " 🙏", " ‼️", " 😤", " 🤦‍♀️")


@dataclass(frozen=True)
class Street:
    nominative: str  # "Пуркаева", "Украинская"
    locative: str  # "на Пуркаева", "на Украинской"
    after_po: str  # "(дом 5 по) Пуркаева", "Украинской"
    misspelt: str  # as some residents type it: "Пуркаево"


@dataclass(frozen=True)
class Outage:
    label: str
    district_forms: tuple[str, ...]
    streets: tuple[Street, ...]
    landmarks: tuple[str, ...]
    texts: tuple[str, ...]  # {addr} {street} {loc} {po} {district} {house} {landmark} {coords}
    count: int
    centre: tuple[float, float]
    first_minute: int
    last_minute: int


@dataclass(frozen=True)
class Noise:
    texts: tuple[str, ...]
    streets: tuple[Street, ...]
    count: int
    centre: tuple[float, float]


def _address(rng: random.Random, s: Street, house: int) -> str:
    name = s.misspelt if rng.random() < 0.06 else s.nominative
    return rng.choice([
        f"{name} {house}", f"{name} {house}", f"{name}, {house}", f"ул. {name}, д. {house}", f"ул.{name} {house}",
        f"{name} д{house}", f"дом {house} по {s.after_po}", f"{s.locative} {house}", f"улица {name} дом {house}",
        f"{name}-{house}", f"ул {name} {house}кв{rng.randint(1, 90)}",
    ])


def _typo(rng: random.Random, text: str) -> str:
    """One slip of the finger in a longer word: two letters swapped or one dropped."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randint(1, len(word) - 3)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:] if rng.random() < 0.5 else word[:j] + word[j + 1:]
    return " ".join(words)


def _coords(rng: random.Random, centre: tuple[float, float]) -> str:
    latitude, longitude = centre[0] + rng.uniform(-0.003, 0.003), centre[1] + rng.uniform(-0.003, 0.003)
    return rng.choice([f"{latitude:.5f}, {longitude:.5f}", f"({latitude:.4f} {longitude:.4f})",
                       f"геолокация {latitude:.5f},{longitude:.5f}"])


def _fill(rng: random.Random, template: str, s: Street, house: int, district_forms: tuple[str, ...],
          landmarks: tuple[str, ...], centre: tuple[float, float]) -> str:
    text = template.format(addr=_address(rng, s, house), street=s.nominative, loc=s.locative, po=s.after_po,
                           house=house,
                           district=rng.choice(district_forms) if district_forms else "",
                           landmark=rng.choice(landmarks) if landmarks else "", coords=_coords(rng, centre))
    roll = rng.random()
    if roll < 0.10:
        text = text.lower()
    elif roll < 0.14:
        text = text.upper()
    if rng.random() < 0.12:
        text = _typo(rng, text)
    if rng.random() < 0.10:
        text = text.rstrip(".!") + rng.choice(["!!!", "??", "!!", " …", ")))", "?!"])
    if rng.random() < 0.10:
        text += rng.choice(EMOJI)
    return " ".join(text.split())


def scenario(outages: tuple[Outage, ...], noise: tuple[Noise, ...], seed: int, prefix: str,
             span_minutes: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = []
    for outage in outages:
        for _ in range(outage.count):
            s = rng.choice(outage.streets)
            house = rng.choice([rng.randint(1, 15), rng.randint(1, 60)])
            lines.append({"minutes": rng.randint(outage.first_minute, outage.last_minute),
                          "channel": rng.choice(CHANNELS),
                          "text": _fill(rng, rng.choice(outage.texts), s, house, outage.district_forms,
                                        outage.landmarks, outage.centre),
                          "location": location(rng, outage.centre, 0.003), "incident": outage.label})
    for group in noise:
        if group.count > len(group.texts) * len(group.streets):
            raise ValueError("more unrelated messages asked than wordings × streets")
        used: set[tuple[str, str]] = set()
        made = 0
        while made < group.count:
            template, s = rng.choice(group.texts), rng.choice(group.streets)
            if (template, s.nominative) in used:
                continue  # one resident's problem per street and wording
            used.add((template, s.nominative))
            lines.append({"minutes": rng.randint(0, span_minutes), "channel": rng.choice(CHANNELS),
                          "text": _fill(rng, template, s, rng.randint(1, 70), (), (), group.centre),
                          "location": location(rng, group.centre, 0.008), "incident": None})
            made += 1
    rng.shuffle(lines)
    lines.sort(key=lambda line: line["minutes"])
    for number, line in enumerate(lines, 1):
        line["id"] = f"{prefix}-{number:03d}"
        if line["location"] is None:
            del line["location"]
    return [{"id": line.pop("id"), **line} for line in lines]


SEVERNY = ("в Северном", "мкр Северный", "Северный р-н", "в Северном районе", "на Северном")
CENTRE = ("в центре", "центр города", "в Центре", "в центре города")

SEWER_STREETS = (
    Street("Пуркаева", "на Пуркаева", "Пуркаева", "Пуркаево"),
    Street("Украинская", "на Украинской", "Украинской", "Укранская"),
    Street("Горького", "на Горького", "Горького", "Горкого"),
    Street("Тихоокеанская", "на Тихоокеанской", "Тихоокеанской", "Тихокеанская"),
    Street("Крюкова", "на Крюкова", "Крюкова", "Крюково"),
)
POWER_STREETS = (
    Street("Поповича", "на Поповича", "Поповича", "Попович"),
    Street("Комарова", "на Комарова", "Комарова", "Камарова"),
    Street("Физкультурная", "на Физкультурной", "Физкультурной", "Физкультурня"),
    Street("Амурская", "на Амурской", "Амурской", "Амурска"),
    Street("Бумажная", "на Бумажной", "Бумажной", "Бумажня"),
)
HOT_WATER_STREETS = (
    Street("Чехова", "на Чехова", "Чехова", "Чехово"),
    Street("Сахалинская", "на Сахалинской", "Сахалинской", "Сахалинкая"),
    Street("Пограничная", "на Пограничной", "Пограничной", "Пограничня"),
    Street("Курильская", "на Курильской", "Курильской", "Курильска"),
    Street("Емельянова", "на Емельянова", "Емельянова", "Емельяново"),
)

SEWER_TEXTS = (
    "{addr} — затопило всю улицу, из канализационного люка хлещет вода",
    "{loc} потоп, канализация переполнена, машины не проедут",
    "канализация вышла из берегов {loc}, вонь на весь двор",
    "{addr}. Из колодца бьёт фонтаном, вода с нечистотами заливает подъезды",
    "Ливнёвка не справляется, {loc} река по колено",
    "ЗАТОПИЛО {street} {house}!!! где аварийка?",
    "{addr} подвал залило стоками, уровень растёт",
    "Прорвало канализационный коллектор {loc}, всё течёт по дороге",
    "Добрый день. {addr}. Уже третий час из люков на проезжую часть идут канализационные стоки. Пройти к "
    "остановке невозможно, дети не могут выйти в школу. Просим срочно направить аварийную бригаду водоканала.",
    "{loc} фекалии по всей улице 🤢",
    "затопило улицу {loc}, ливнёвку забило",
    "Вода из канализации стоит во дворе, {addr}, подступает к подъездам",
    "Когда откачают воду {loc}? Третий час стоим в воде",
    "{district} {loc} плавают машины, ливневая канализация не работает",
    "Помогите! {addr}, нечистоты заливают подвал и двор",
    "у нас {loc} люк сорвало напором, течёт грязная вода",
    "{addr} - канализация хлещет из люка посреди улицы, запах жуткий",
    "Сообщаю о подтоплении {loc}: сточные воды вышли на дорогу, тротуара не видно",
    "кто отвечает за канализацию? {loc} всё залито",
    "{addr} потоп из канализации",
    "{loc} улицу залило по щиколотку, из колодцев идёт вонючая вода",
    "{district}: переполнен коллектор, улицы в нечистотах",
    "вода с канализации прёт {loc}, к дому не подойти",
    "Затопление проезжей части {loc} канализационными стоками. Адрес: {addr}",
    "{addr} у подъезда озеро из канализации, когда уберут?",
    "Ребята что с канализацией {loc}? всё всплыло",
    "Прошу принять меры: {addr}, дорога затоплена, из ливнёвки бьёт вода",
    "{loc} затопило перекрёсток, люки переполнены",
    "{street} вся в дерьме, канализацию прорвало 💩",
    "Уважаемая администрация, {district} после ливня затопило улицы, {loc} вода из канализации стоит с утра",
    "Ливневые стоки не уходят {loc}, вода заходит в подвалы",
    "из-под люка {loc} течёт ручей, пахнет канализацией",
    "{addr} — подвал затопило канализацией, насос не справляется, вода идёт наверх",
    "канализационный колодец переполнен {loc}, улица залита",
    "Затопило! {addr}",
    "Автобус не может проехать по {po}, вода по колено, это канализация",
    "{loc} возле {landmark} вода с нечистотами, обойти нельзя",
    "{district} потоп, канализация не принимает",
    "откачайте воду {loc}, все дворы в стоках",
    "Вся улица {street} в воде, из люков поднимается, запах ужасный. Дом {house}",
    "аварийная ситуация с канализацией {loc}, подтопление домов",
    "{addr} ручьи нечистот по тротуару",
    "почему никто не едет? {loc} канализация затопила дорогу",
    "Возле {landmark} {loc} прорвало канализацию, всё затоплено",
    "стоки на дороге {loc}, не пройти ни пешком ни на машине",
    "Воду {loc} так и не откачали, люки всё ещё фонтанируют",
    "{district}, у {landmark} всё залито стоками из люков",
    "потоп {coords} канализация из люков",
)
POWER_TEXTS = (
    "{addr} нет света с утра",
    "Свет отключили {loc}, весь квартал без электричества",
    "света нет {street} {house}",
    "Когда дадут свет? {addr}",
    "{loc} обесточены все дома, подстанция хлопнула и всё погасло",
    "ПОЛНЫЙ БЛЭКАУТ {loc}!!!",
    "Здравствуйте, {addr}, с 7 утра отсутствует электроэнергия, у соседних домов тоже. Холодильники "
    "размораживаются, просим сообщить сроки восстановления.",
    "{district} опять без света",
    "сидим без электричества {loc}, лифт стоит",
    "нет электроэнергии {addr}",
    "Пропало электричество {loc}, и во всех домах рядом",
    "{addr} вырубило свет, у всей улицы темно",
    "свет когда включат {loc}?",
    "У нас {loc} электричества нет уже пять часов, котёл не работает, дома холодает",
    "{loc} отключение электроэнергии, вся улица тёмная",
    "Без света {addr}, что случилось?",
    "По {po} все дома обесточены",
    "{district}, {street}: нет напряжения в сети с самого утра",
    "электричество пропало {loc} ⚡❌",
    "дайте свет {loc}, дети без горячей еды",
    "{loc} электричества нету",
    "Темно во всех домах {loc}, свет отключили без предупреждения",
    "{addr}. Свет моргнул и пропал, у соседей тоже",
    "Куда звонить? {loc} нету света",
    "подстанция {loc} не работает, квартал обесточен",
    "{addr} нет света, у мамы кислородный концентратор, помогите!!",
    "свтеа нет {addr}",
    "Сколько ещё без электричества? {street}",
    "{loc} выбило свет во всём районе",
    "Отключили электроснабжение {addr}. Сроки?",
    "уже 4 часа без света {loc}, телефоны садятся",
    "{district}: электричества нет {loc} и соседних улицах",
    "нет света!!! {addr}",
    "у нас {loc} света нет, у знакомых с соседних улиц тоже",
    "{loc} темнота, ни света ни интернета",
    "{addr} электричество отсутствует с 6:40",
    "Восстановите электроснабжение {loc}, не работают насосы",
    "сгорел трансформатор {loc}? света нет у всех",
    "{street} {house} без света сидим",
    "Прошу сообщить, когда вернут свет {loc}",
    "{loc} обесточка с утра",
    "весь квартал {district} без света",
    "{addr} нет эл-ва",
    "Электричество выключили {loc}, без объявления",
    "возле {landmark} все дома без света",
    "свет так и не дали {loc}, вечер уже",
    "нет света, {coords}",
)
HOT_WATER_TEXTS = (
    "{addr} нет горячей воды",
    "Горячую воду отключили {loc}, из крана только холодная",
    "гвс нет {addr}",
    "Когда дадут горячую воду? {street} {house}",
    "{loc} из горячего крана течёт ледяная",
    "НЕТ ГОРЯЧЕЙ ВОДЫ {loc}",
    "Здравствуйте! {addr}. Со вчерашнего вечера отсутствует горячее водоснабжение. Управляющая компания говорит, "
    "что проблема на ЦТП и не у них. Просим разобраться и сообщить сроки.",
    "{district} горячей воды нет, ребёнка не искупать 😭",
    "горячка пропала {loc}",
    "Нет ГВС {addr}, в соседних домах тоже",
    "{addr} второй день без горячей воды",
    "Кипяток из крана пропал {loc}, течёт еле тёплая",
    "Почему нет горячей воды {loc}?",
    "у нас {loc} горячей воды нет со вчера",
    "{addr} горячая вода еле тёплая, вторые сутки",
    "Отключение горячего водоснабжения {loc} без предупреждения",
    "гор. вода отсутствует {addr}",
    "{loc} нет горячей воды, говорят авария на ЦТП",
    "{district}: весь квартал без горячей воды",
    "горячей воды нет {addr} помыться негде",
    "ЦТП не работает? {loc} горячей нет",
    "{addr} - из крана горячей воды идёт холодная",
    "Верните горячую воду {loc}!",
    "Сколько можно без горячей воды? {street} {house}",
    "горячую воду отключили {addr}, полотенцесушитель ледяной",
    "{loc} нет горячей, кто-нибудь знает когда дадут?",
    "{addr} нет гвс с утра",
    "Горячее водоснабжение отсутствует по адресу {addr}",
    "{loc} горячей воды нет у всех соседей",
    "без горячей воды {district}, {street} {house}",
    "горячей воды нетууу {loc} 🥶",
    "Подскажите, когда включат горячую воду {loc}?",
    "{addr} - холодная вода есть, горячей нет",
    "нет горячей {addr}",
    "в доме {house} {loc} горячей воды нет, и в соседних тоже",
    "{loc} пропала горячая вода, батареи вроде тёплые",
    "Уважаемые, {addr}, горячую воду отключили ночью, до сих пор нет",
    "{district} опять без горячей воды, что на подстанции?",
    "горячая вода не идёт {loc}",
    "Третий час без горячей воды {loc}, дети не помыты",
    "{addr} ГВС отсутствует",
    "возле {landmark} во всех домах нет горячей воды",
    "{addr} из горячего крана ржавая холодная вода",
    "Когда будет горячая вода? {loc}",
    "нет горячей воды {street} {house} сообщите сроки",
    "горячей воды нет {coords}",
)

OUTAGES = (
    Outage("sewer-overflow-severny", SEVERNY, SEWER_STREETS,
           ("рынка", "остановки «Северная»", "ТЦ «Гранд»", "школы №14", "детской поликлиники"),
           SEWER_TEXTS, 105, (46.9872, 142.7304), 0, 420),
    Outage("power-severny-block", SEVERNY, POWER_STREETS,
           ("котельной", "магазина «Ромашка»", "детского сада «Солнышко»", "гаражей"),
           POWER_TEXTS, 100, (46.9935, 142.7218), 40, 520),
    Outage("hot-water-centre-block", CENTRE, HOT_WATER_STREETS,
           ("ЦТП", "драмтеатра", "почты", "сквера"),
           HOT_WATER_TEXTS, 95, (46.9580, 142.7365), 20, 600),
)

# Problems of one house or flat, of the outages' categories and around them.
SINGLE_HOUSE_TEXTS = (
    "{addr} затопили соседи сверху, течёт по стене",
    "{addr} засор канализации в подъезде, управляйка не чистит",
    "{addr} течёт кран на кухне, управляющая компания не приходит",
    "{addr} в квартире нет горячей воды, у соседей есть",
    "{addr} не горит фонарь у подъезда",
    "{addr} выбивает автомат в квартире, свет на кухне не горит",
    "{addr} батарея в спальне холодная, остальные греют",
    "{addr} яма на дороге у дома",
    "{addr} протекает крыша над последним этажом",
    "{addr} лужа у подъезда не уходит, не пройти",
    "{addr} в подвале течёт труба, вода стоит",
    "{addr} счётчик электроэнергии искрит в щитке",
    "{addr} в подъезде не горит свет на третьем этаже",
    "{addr} слабый напор холодной воды по утрам",
    "{addr} из крана ржавая вода",
    "{addr} в квартире отопление еле тёплое",
    "{addr} в ванной поднимается вода из слива, засор в стояке",
)
# An outage-like message alone in its district: one per district and category.
ELSEWHERE_OUTAGE_LIKE = (
    ("{addr} нет света с утра", Street("Лесная", "на Лесной", "Лесной", "Лесна")),
    ("{addr} нет горячей воды", Street("Дружбы", "на улице Дружбы", "Дружбы", "Дружба")),
    ("Затопило дорогу {loc}, канализация", Street("Горная", "на Горной", "Горной", "Горна")),
    ("Нет воды {loc}", Street("Новая", "на Новой", "Новой", "Новоя")),
    ("Батареи холодные {loc}", Street("Победы", "на Победы", "Победы", "Побед")),
)
ELSEWHERE_STREETS = (
    Street("Лучистая", "на Лучистой", "Лучистой", "Лучистоя"),
    Street("Ключевая", "на Ключевой", "Ключевой", "Ключевоя"),
    Street("Сиреневая", "на Сиреневой", "Сиреневой", "Сиренивая"),
    Street("Советская", "на Советской", "Советской", "Советкая"),
    Street("Кольцевая", "на Кольцевой", "Кольцевой", "Кольцевоя"),
    Street("Мира", "на Мира", "Мира", "Мир"),
    Street("Есенина", "на Есенина", "Есенина", "Есенин"),
    Street("Холмская", "на Холмской", "Холмской", "Холмска"),
    Street("Центральная", "на Центральной", "Центральной", "Центральна"),
    Street("Речная", "на Речной", "Речной", "Речна"),
)

NOISE = (
    Noise(SINGLE_HOUSE_TEXTS, SEWER_STREETS, 16, (46.9872, 142.7304)),
    Noise(SINGLE_HOUSE_TEXTS, POWER_STREETS, 14, (46.9935, 142.7218)),
    Noise(SINGLE_HOUSE_TEXTS, HOT_WATER_STREETS, 14, (46.9580, 142.7365)),
    Noise(SINGLE_HOUSE_TEXTS, ELSEWHERE_STREETS, 101, (46.9300, 142.7400)),
)


def elsewhere_outage_like(rng: random.Random, prefix: str) -> list[dict[str, Any]]:
    return [{"minutes": rng.randint(0, 600), "channel": rng.choice(CHANNELS),
             "text": _fill(rng, template, s, rng.randint(1, 40), (), (), (0.0, 0.0)), "location": None,
             "incident": None} for template, s in ELSEWHERE_OUTAGE_LIKE]


def build() -> list[dict[str, Any]]:
    lines = scenario(OUTAGES, NOISE, SEED, "q", 600)
    rng = random.Random(SEED + 1)
    extra = elsewhere_outage_like(rng, "q")
    merged = sorted([{k: v for k, v in line.items() if k != "id"} for line in lines]
                    + [{k: v for k, v in line.items() if v is not None or k != "location"} for line in extra],
                    key=lambda line: line["minutes"])
    return [{"id": f"q-{number:03d}", **line} for number, line in enumerate(merged, 1)]


def main() -> None:
    write(DATA / "incidents_storm_dev4.jsonl", build())


if __name__ == "__main__":
    main()
