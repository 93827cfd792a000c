"""Writes the second held-out storm of incident grouping (tests/data/incidents_storm_holdout2.jsonl).

Written by a writer who had not read the grouping's code, its lexicons or the other storms' phrase banks (only the
town's districts and streets and the output format of `tools/incident_storm.py`). Its phrase banks are its own: a
winter day in Южно-Сахалинск with three outages in two districts —

- `sewer_novoalexandrovsk`: a sewer collector overflows and floods Садовая, Полевая, Заводская and Молодёжная in
  Ново-Александровск (category water);
- `power_lugovoe`: a power cut over the western streets of Луговое: Западная, Ключевая, Сиреневая, Майская,
  Больничная (electricity);
- `hot_water_lugovoe`: no hot water in the block of Луговое fed from one heat substation: Лучистая, Дружбы,
  Авиационная, Шоссейная, Ударная (heating);

and 150 unrelated messages in the same hours: the same categories elsewhere in the town, single-house problems on the
outages' own streets, and a few neighbouring categories (a dark street lamp, a lift, an uncleared pavement).
Each unrelated message is the only one of its category on its street, so that no two of them describe one problem.

One JSON line each, as the other storms:

    {"id": "g-001", "minutes": <since the storm began>, "channel": "vk", "text": "...",
     "location": {"latitude": .., "longitude": ..} (some only), "incident": "<label>" | null}

    .venv/bin/python -m tools.incident_storm_holdout2      # fixed seed: the same file every time
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.incident_storm import write

OUTPUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "incidents_storm_holdout2.jsonl"
SEED = 20270118
SPAN_MINUTES = 600
SHORT_CHANNELS = ("telegram", "telegram", "vk", "vk", "max", "ok")
LONG_CHANNELS = ("regional", "regional", "vk", "ok", "telegram")
EMOJI = (" 😡", " 😤", " 🙏", " 😢", " ‼️", " 🤬", " 😩", " !!!", " ((", " ???")


@dataclass(frozen=True)
class Street:
    nominative: str  # "Сиреневая", "Дружбы", "Мира"
    oblique: str  # after "на", "по", "ул.": "Сиреневой", "Дружбы"
    accusative: str  # "затопило Садовую"
    avenue: bool = False  # проспект, not улица
    misspelt: tuple[str, ...] = ()  # how some residents write it
    centre: tuple[float, float] | None = None  # of its district, for the unrelated messages' coordinates


def adjective_street(nominative: str, *misspelt: str) -> Street:
    stem = nominative[:-2]
    soft = nominative.endswith("яя")
    return Street(nominative, stem + ("ей" if soft else "ой"), stem + ("юю" if soft else "ую"), misspelt=misspelt)


def named_street(name: str, avenue: bool = False) -> Street:
    return Street(name, name, name, avenue)


def in_district(centre: tuple[float, float], *streets: Street) -> tuple[Street, ...]:
    return tuple(Street(s.nominative, s.oblique, s.accusative, s.avenue, s.misspelt, centre) for s in streets)


def house_number(rng: random.Random) -> str:
    number = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    roll = rng.random()
    if roll < 0.08:
        return f"{number}{rng.choice('аАб')}"
    if roll < 0.12:
        return f"{number}/{rng.randint(1, 3)}"
    if roll < 0.15:
        return f"{number} корп {rng.randint(1, 2)}"
    return str(number)


def nominative_form(rng: random.Random, s: Street) -> str:
    if s.misspelt and rng.random() < 0.12:
        return rng.choice(s.misspelt)
    return s.nominative


def on_street(rng: random.Random, s: Street) -> str:
    """"на Сиреневой", "по ул. Сиреневой", "на проспекте Мира"."""
    if s.avenue:
        return rng.choice([f"на пр. {s.nominative}", f"на проспекте {s.nominative}", f"на {s.nominative}",
                           f"по пр-ту {s.nominative}", f"на пр-те {s.nominative}"])
    return rng.choice([f"на {s.oblique}", f"на ул. {s.oblique}", f"по ул. {s.oblique}", f"на улице {s.oblique}",
                       f"по {s.oblique}", f"на ул.{s.oblique}", f"на {s.oblique.lower()}"])


def street_alone(rng: random.Random, s: Street) -> str:
    name = nominative_form(rng, s)
    if s.avenue:
        return rng.choice([f"пр. {name}", f"проспект {name}", f"пр-т {name}"])
    return rng.choice([name, f"ул. {name}", f"улица {name}", f"ул.{name}", name.upper()])


def street_accusative(rng: random.Random, s: Street) -> str:
    if s.avenue:
        return rng.choice([f"проспект {s.nominative}", f"пр. {s.nominative}"])
    return rng.choice([s.accusative, f"улицу {s.accusative}", f"ул. {s.accusative}"])


def address(rng: random.Random, s: Street, house: str) -> str:
    """A standalone address: "ул. Сиреневая 5", "д.5 по ул. Сиреневой", "СИРЕНЕВАЯ 5"."""
    name = nominative_form(rng, s)
    kind = "пр." if s.avenue else "ул."
    forms = [f"{kind} {name} {house}", f"{name}, {house}", f"{name} д.{house}", f"{kind}{name} д. {house}",
             f"{name}-{house}", f"д. {house} по {kind} {s.oblique}", f"дом {house}, {kind} {name}", f"{name} {house}",
             f"{name.upper()} {house}", f"{name} {house} кв {rng.randint(1, 90)}", f"{name} {kind}, д.{house}",
             f"{name.lower()} {house}"]
    return rng.choice(forms)


def at_house(rng: random.Random, s: Street, house: str) -> str:
    """A place in a sentence: "на Сиреневой 5", "в доме 5 по ул. Сиреневой"."""
    street = on_street(rng, s)
    forms = [f"{street} {house}", f"{street}, д. {house}", f"в доме {house} {street}", f"в д.{house} {street}",
             f"у нас {street} {house}", f"по адресу {address(rng, s, house)}", f"{street} дом {house}"]
    return rng.choice(forms)


def coordinates(rng: random.Random, centre: tuple[float, float], spread: float) -> str:
    lat = centre[0] + rng.uniform(-spread, spread)
    lon = centre[1] + rng.uniform(-spread, spread)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"📍{lat:.4f},{lon:.4f}", f"координаты {lat:.5f} {lon:.5f}",
                       f"(геометка {lat:.5f}N {lon:.5f}E)", f"https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17"])


@dataclass(frozen=True)
class District:
    located: tuple[str, ...]  # "в Луговом"
    named: tuple[str, ...]  # "Луговое"


@dataclass(frozen=True)
class Outage:
    label: str
    district: District
    streets: tuple[Street, ...]
    landmarks: tuple[str, ...]  # located phrases: "у пожарной части в Луговом"
    texts: tuple[str, ...]
    count: int
    centre: tuple[float, float]
    first_minute: int
    last_minute: int


@dataclass(frozen=True)
class Unrelated:
    """Single-house problems of one category; {addr}, {at}, {street}, {on} placeholders."""

    category: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class UnrelatedGroup:
    banks: tuple[Unrelated, ...]
    streets: tuple[Street, ...]
    count: int
    centre: tuple[float, float]


def misspell(rng: random.Random, text: str) -> str:
    """One typo in one longer word: a letter dropped, doubled, swapped or a vowel confused."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    k = rng.randint(1, len(w) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        w = w[:k] + w[k + 1:]
    elif kind == 1:
        w = w[:k] + w[k] + w[k:]
    elif kind == 2:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    else:
        swaps = {"е": "и", "и": "е", "о": "а", "а": "о", "ё": "е", "ь": "", "ъ": "ь"}
        for j in range(k, len(w)):
            if w[j] in swaps:
                w = w[:j] + swaps[w[j]] + w[j + 1:]
                break
    words[i] = w
    return " ".join(words)


def roughen(rng: random.Random, text: str) -> str:
    """What residents' keyboards and moods do to a message."""
    shouted = text.startswith("^")
    text = text.lstrip("^")
    if rng.random() < 0.15:
        text = misspell(rng, text)
    if rng.random() < 0.04:
        text = misspell(rng, text)
    if shouted or (len(text) < 70 and rng.random() < 0.05):
        text = text.upper()
    elif rng.random() < 0.12:
        text = text.lower()
    if rng.random() < 0.1:
        text = text.rstrip(".!") + rng.choice(EMOJI)
    if rng.random() < 0.05:
        text = text.replace(", ", " ").rstrip(".")
    return " ".join(text.split())


def fill(rng: random.Random, template: str, s: Street, house: str, district: District | None,
         landmarks: tuple[str, ...], centre: tuple[float, float]) -> str:
    text = template.format(
        addr=address(rng, s, house), at=at_house(rng, s, house), on=on_street(rng, s), street=street_alone(rng, s),
        street_acc=street_accusative(rng, s), house=house,
        district=rng.choice(district.located) if district else "",
        district_name=rng.choice(district.named) if district else "",
        landmark=rng.choice(landmarks) if landmarks else "",
        coords=coordinates(rng, centre, 0.003))
    if not text.startswith("http") and rng.random() < 0.85:
        text = text[0].upper() + text[1:]
    return roughen(rng, text)


def channel_for(rng: random.Random, text: str) -> str:
    return rng.choice(LONG_CHANNELS if len(text) > 120 else SHORT_CHANNELS)


def location(rng: random.Random, centre: tuple[float, float], spread: float) -> dict[str, float] | None:
    if rng.random() >= 0.17:
        return None
    return {"latitude": round(centre[0] + rng.uniform(-spread, spread), 5),
            "longitude": round(centre[1] + rng.uniform(-spread, spread), 5)}


def storm(outages: tuple[Outage, ...], unrelated: tuple[UnrelatedGroup, ...], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = []
    for outage in outages:
        if len(set(outage.texts)) < 40:
            raise ValueError(f"{outage.label}: fewer than 40 wordings")
        for _ in range(outage.count):
            # the onset brings most messages: the minute is skewed towards the outage's first hours
            minute = outage.first_minute + int((outage.last_minute - outage.first_minute) * rng.random() ** 1.6)
            text = fill(rng, rng.choice(outage.texts), rng.choice(outage.streets), house_number(rng),
                        outage.district, outage.landmarks, outage.centre)
            lines.append({"minutes": minute, "channel": channel_for(rng, text), "text": text,
                          "location": location(rng, outage.centre, 0.004), "incident": outage.label})
    taken: set[tuple[str, str]] = set()
    for group in unrelated:
        made = 0
        while made < group.count:
            bank, s = rng.choice(group.banks), rng.choice(group.streets)
            if (bank.category, s.nominative) in taken:
                continue  # two of one category on one street could be one problem: keep them apart
            taken.add((bank.category, s.nominative))
            centre = s.centre or group.centre
            text = fill(rng, rng.choice(bank.texts), s, house_number(rng), None, (), centre)
            lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": channel_for(rng, text), "text": text,
                          "location": location(rng, centre, 0.008), "incident": None})
            made += 1
    rng.shuffle(lines)
    lines.sort(key=lambda line: line["minutes"])
    result: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        row: dict[str, Any] = {"id": f"g-{number:03d}", "minutes": line["minutes"], "channel": line["channel"],
                               "text": line["text"]}
        if line["location"] is not None:
            row["location"] = line["location"]
        row["incident"] = line["incident"]
        result.append(row)
    return result


# Geography (districts and streets of infra/config/towns.json).

NOVOALEX = District(
    located=("в Ново-Александровске", "в Новоалександровске", "в Н-Александровске", "в с. Ново-Александровск",
             "у нас в Ново-Александровске", "в Ново-Алекс."),
    named=("Ново-Александровск", "Новоалександровск", "Н.-Александровск", "НОВО-АЛЕКСАНДРОВСК"))
LUGOVOE = District(
    located=("в Луговом", "в Луговом районе", "в мкр Луговое", "в пл.р. Луговое", "в Луговом мкр."),
    named=("Луговое", "мкр. Луговое", "Луговой", "ЛУГОВОЕ", "пл. р-н Луговое"))

SADOVAYA = adjective_street("Садовая", "Садавая")
POLEVAYA = adjective_street("Полевая", "Палевая")
ZAVODSKAYA = adjective_street("Заводская", "Заводсая")
MOLODYOZHNAYA = adjective_street("Молодёжная", "Молодежная", "Молодёжн.")
ZAPADNAYA = adjective_street("Западная", "Западн.")
KLYUCHEVAYA = adjective_street("Ключевая", "Ключивая")
SIRENEVAYA = adjective_street("Сиреневая", "Сиренивая", "Сирен.")
MAYSKAYA = adjective_street("Майская")
BOLNICHNAYA = adjective_street("Больничная", "Больнишная")
LUCHISTAYA = adjective_street("Лучистая", "Лучестая")
DRUZHBY = named_street("Дружбы")
AVIATSIONNAYA = adjective_street("Авиационная", "Авиацыонная", "Авиац.")
SHOSSEYNAYA = adjective_street("Шоссейная", "Шосейная")
UDARNAYA = adjective_street("Ударная")

ELSEWHERE = (
    *in_district((46.9590, 142.7380), named_street("Ленина"), adjective_street("Комсомольская"),
                 named_street("Чехова"), adjective_street("Сахалинская"), adjective_street("Пограничная"),
                 adjective_street("Курильская"), named_street("Дзержинского"), adjective_street("Хабаровская"),
                 named_street("Карла Маркса"), named_street("Емельянова")),
    *in_district((46.9800, 142.7400), named_street("Пуркаева"), adjective_street("Украинская"),
                 named_street("Горького"), adjective_street("Тихоокеанская"), named_street("Крюкова"),
                 named_street("Поповича"), named_street("Комарова"), adjective_street("Физкультурная"),
                 adjective_street("Амурская"), adjective_street("Бумажная")),
    *in_district((46.9380, 142.7360), named_street("Мира", avenue=True), named_street("Победы", avenue=True),
                 named_street("Есенина"), named_street("Маяковского"), adjective_street("Детская"),
                 adjective_street("Холмская"), adjective_street("Железнодорожная"), adjective_street("Невельская"),
                 adjective_street("Вокзальная"), named_street("Ухтомского")),
    *in_district((46.9200, 142.8200), adjective_street("Новая"), adjective_street("Центральная"),
                 adjective_street("Зелёная"), adjective_street("Озёрная")),
    *in_district((46.8600, 142.6500), adjective_street("Горная"), adjective_street("Весенняя"),
                 adjective_street("Солнечная"), adjective_street("Речная")),
)

# The outages' phrase banks. Placeholders: {addr} a standalone address, {at} a located address, {on} the street
# located, {street} the street alone, {street_acc} its accusative, {district} located, {district_name}, {landmark},
# {coords}. A leading "^" shouts the whole message.

SEWER = Outage(
    label="sewer_novoalexandrovsk", district=NOVOALEX,
    streets=(SADOVAYA, POLEVAYA, ZAVODSKAYA, MOLODYOZHNAYA),
    landmarks=("у дома культуры в Ново-Александровске", "возле почты в Новоалександровске",
               "у автобусного кольца в Ново-Александровске", "около магазина «Удача» в Н-Александровске",
               "у моста через ручей в Ново-Александровске", "за старой баней в Новоалександровске"),
    texts=(
        "{on} из люка хлещет канализация, вся улица в нечистотах 🤢",
        "Из канализационного колодца {on} выбивает стоки, течёт по дороге уже несколько часов",
        "Затопило улицу канализацией, {addr}. Вонь невыносимая",
        "^канализация прорвала {on}!!! когда приедут",
        "Здравствуйте. {district} переполнился канализационный коллектор, стоки текут {on} в сторону домов. "
        "Во дворы уже заходит, у частных домов подтапливает погреба. Просим срочно направить аварийную бригаду "
        "водоканала.",
        "фекалии текут {on}, дети в школу идут по этой жиже",
        "Сообщаю об аварии на канализационной сети: {addr}, из люков изливаются сточные воды, по проезжей части "
        "идёт целый поток. Запах распространяется на весь квартал.",
        "{district} опять прорвало канализацию, река из нечистот {on}",
        "Люк фонтанирует, {addr}. Вода коричневая, запах ужасный",
        "у нас {on} сточные воды по колено, машины проезжают и брызги до окон",
        "Крышку канализационного люка сорвало напором, из него льётся, {at}",
        "Уважаемые службы! С раннего утра {on} изливаются стоки из канализации. Вода уже подошла к подъездам, в "
        "подвалы затекает. Звонили в водоканал — занято. Когда приедет аварийная машина?",
        "{district} улицу затопило канализацией, дорога как болото, пройти невозможно",
        "{landmark} из колодца хлещет канализация, лужа на всю ширину дороги",
        "Авария канализации {district}, {street} залита стоками. Срочно!",
        "Что за потоп {on}?? из люков идёт вонючая вода с утра",
        "прорыв канализации {at} 😷😷",
        "Стоки текут в огороды {on}, сколько можно ждать аварийку",
        "Добрый день. В районе {addr} произошёл излив канализационных стоков на рельеф. Сточные воды текут вниз по "
        "улице, затоплены переулок и частные дворы. Просьба принять меры и провести дезинфекцию после устранения.",
        "засор коллектора {on}, всё вылезло наружу, невозможно дышать",
        "КНС не справляется? {district} из всех люков течёт",
        "{addr} — канализационные воды заливают дорогу и тротуар, обойти негде",
        "Дорогу {on} размыло канализационными стоками, по щиколотку",
        "Уже третий час из колодца напротив дома {house} {on} идёт канализация, никто не едет",
        "Сточные воды затопили {street_acc}, к домам не пройти",
        "Пишу по поводу аварии: {on} канализационный колодец переполнен, стоки идут по улице, подтоплены гаражи. "
        "Запах на весь микрорайон, дети гуляют рядом. Огородите хотя бы место и откачайте.",
        "канализация на улице {coords}",
        "Вонь и стоки {on} 🤮 {coords}",
        "{district_name}: из люка бьёт канализация, уже вся дорога залита",
        "когда откачают канализацию {on}? ходим по нечистотам",
        "Водоканал, ау! {at} канализация выливается на дорогу",
        "Прорвало канализационную трубу под дорогой {on}, всё бурлит и воняет",
        "Проехать {on} невозможно, вода с фекалиями по колено",
        "Здравствуйте, {at} весь двор залило канализацией из колодца на улице, в подвал дома тоже натекло. Просим "
        "прислать откачку.",
        "Излив стоков {landmark}, сделайте что-нибудь!!",
        "Стоки из канализации заливают {street_acc}, нужна откачка",
        "Коллектор переполнен, {on} течёт канализация в сторону ручья",
        "{addr}, канализация на улице, дышать нечем",
        "У нас {district} море из канализации, машины глохнут",
        "Жители домов {on} просят срочно устранить излив канализации, стоки текут по дороге с утра.",
        "Опять канализация {on}! С утра течёт, никакой реакции",
        "^канализация на дороге {addr}",
        "Помогите, {landmark} всё затоплено канализацией, к дому не подойти",
        "{district_name}, {street}. Из канализационных колодцев вытекают стоки, лёд на дороге стал коричневым, "
        "запах стоит по всей улице. Пожилым не выйти из дома. Когда устранят аварию?",
        "канализ. колодец переполнен {at}, течёт по улице {coords}",
        "из люков прёт говн... извините, нечистоты {on}. сделайте что-нибудь",
    ),
    count=105, centre=(47.0345, 142.7260), first_minute=0, last_minute=480)

POWER = Outage(
    label="power_lugovoe", district=LUGOVOE,
    streets=(ZAPADNAYA, KLYUCHEVAYA, SIRENEVAYA, MAYSKAYA, BOLNICHNAYA),
    landmarks=("у пожарной части в Луговом", "возле луговской церкви", "у конечной 62-го в Луговом",
               "рядом с ТЦ «Луговой»", "около бани на Западной", "у Луговского стадиона"),
    texts=(
        "{district} нет света с утра",
        "Света нет {on}, что случилось?",
        "Отключили электричество {at}, без предупреждения!",
        "^почему нет света {district}???",
        "Здравствуйте. {district} с 9 утра отсутствует электроснабжение, не работают холодильники, насосы, "
        "электроплиты. В домах маленькие дети и пожилые. Просим сообщить причину отключения и сроки восстановления.",
        "{addr} нет электроэнергии уже 3 часа",
        "вырубило свет во всём районе, {district_name}",
        "обесточены дома {on}, звонили в сети — трубку не берут",
        "сидим без света {on} 😡",
        "Свет пропал {at}, соседи тоже без света",
        "Уважаемые! Полное отключение электричества {district}, не работает ничего — ни свет, ни связь, ни "
        "электрокотлы в частных домах. Дома остывают. Когда включат?",
        "электричество выключили {on}, у мамы кислородный концентратор, срочно!!!",
        "Нет электроэнергии {landmark}, весь квартал тёмный",
        "Сколько можно? {district} опять обесточили",
        "{addr}: пропало электричество в 7 утра, до сих пор нет",
        "Блэкаут {district} 🕯🕯",
        "{street} без света с утра",
        "{district} что-то с подстанцией, бахнуло и всё погасло",
        "У нас {on} свет моргнул и пропал, уже час нет",
        "Когда дадут электричество {at}? Продукты портятся",
        "Обращаюсь по поводу отключения электроэнергии: {addr}, с утра света нет ни в доме, ни у соседей по улице. "
        "Информации на сайте сетевой компании нет. Прошу разобраться и сообщить сроки.",
        "Частный сектор {on} без электричества, насосы стоят, воды в скважинах тоже нет",
        "электроэнергия отсутствует {district}, это авария?",
        "света нет {coords}",
        "нет эл. энергии {at} 😤 {coords}",
        "Отключение света {landmark}, и у всех соседей тоже",
        "^живём как в каменном веке, {district_name} без света",
        "{district_name}: обесточка с утра, даже светофор на перекрёстке не работает",
        "Пропало напряжение {on}, свет не горит во всех домах",
        "Добрый день. Сообщаю, что {at} с раннего утра нет электроснабжения. Предупреждений о плановых работах не "
        "было. У нас в доме лежачий больной на аппарате, прошу отнестись серьёзно.",
        "Электричество когда включат {on}?",
        "Дайте свет!!! {district}",
        "Полдня без света {at}, телефоны садятся",
        "{landmark} погасло всё, видимо авария на линии",
        "нет света. {addr}",
        "Свет отрубили {on} и на соседних улицах тоже",
        "Без электричества {district} уже 5 часов, в домах холодает, кто-нибудь скажет что происходит?",
        "Авария на ЛЭП? {district} нет света",
        "{street} 😭 без электричества",
        "Оборвало провода? {on} ни в одном доме нет света",
        "нет светаа {at}",
        "Прошу восстановить подачу электроэнергии {at}, отсутствует с утра. Дети не могут делать уроки, "
        "холодильник потёк.",
        "{district_name}, {street}. С утра полностью отключена электроэнергия, в магазинах не работают кассы, "
        "в домах не греют котлы. Сетевая компания на звонки не отвечает. Просим взять ситуацию на контроль.",
        "эл-во пропало {on} и не возвращается, уже обед",
        "кто-нибудь знает когда дадут свет {district}? 🙏",
    ),
    count=100, centre=(46.9925, 142.7095), first_minute=20, last_minute=540)

HOT_WATER = Outage(
    label="hot_water_lugovoe", district=LUGOVOE,
    streets=(LUCHISTAYA, DRUZHBY, AVIATSIONNAYA, SHOSSEYNAYA, UDARNAYA),
    landmarks=("у ЦТП в Луговом", "в домах вокруг ТЦ «Каскад» в Луговом", "возле Луговского рынка",
               "в квартале за бассейном «Волна» в Луговом", "у новой котельной в Луговом"),
    texts=(
        "{at} горячей воды нет с утра",
        "ГВС отсутствует {on}, весь квартал",
        "Отключили горячую воду {district}? Объявлений не было",
        "Вместо горячей течёт ледяная, {addr}",
        "Здравствуйте. С утра в нашем квартале ({district_name}, {street}) отсутствует горячее водоснабжение. Ни "
        "предупреждений, ни объявлений на подъездах. Прошу сообщить причину и когда возобновят подачу ГВС.",
        "^горячей воды нет {on}",
        "нет горячки {at} 😡",
        "Помыться невозможно, горячей воды нет {on}",
        "Горячая вода пропала во всех домах {on}, холодная есть",
        "Опять без горячей воды {district}, сколько можно",
        "Не подают горячую воду {at}, маленький ребёнок, греем в кастрюлях",
        "Уважаемая администрация, в домах квартала {on} прекращена подача горячей воды. УК говорит, что проблема "
        "на сетях теплоснабжающей организации. Просим взять на контроль.",
        "{addr} — горячей воды нет, только холодная",
        "Горячей воды нет {landmark}, во всём квартале",
        "Где горячая вода? {district_name}, {street}",
        "У нас {on} не идёт горячая вода с 6 утра",
        "горячая вода отключена {at}. когда включат?",
        "{coords} нет горячей воды",
        "Горячую воду отрубили {on} 😤 {coords}",
        "Прекращена подача ГВС {on}, на досках объявлений ничего нет",
        "Здравствуйте, {at} нет горячей воды. Позвонили в диспетчерскую — говорят, авария на тепловых сетях, "
        "срок не называют. Прошу проконтролировать.",
        "ни капли горячей воды {on}",
        "Смеситель даёт только холодную, {addr}. Горячей нет ни у кого в подъезде и в соседних домах",
        "Квартал {district} остался без горячей воды",
        "ГВС {on} нету!!",
        "Без горячей воды {at} с самого утра, детей купать нечем",
        "отсутствует гвс {on} уже 5 часов",
        "Добрый день! {addr}. С утра перестала идти горячая вода, у соседей из домов напротив тоже. Когда дадут?",
        "Горячее водоснабжение отключено без предупреждения {district}, прошу разобраться",
        "Авария на теплосети? {on} нет горячей воды, батареи вроде тёплые",
        "горячая не идёт {at}",
        "Сообщаю: {on} горячая вода отсутствует во всех домах квартала. Для пожилых это серьёзная проблема, прошу "
        "ускорить восстановление.",
        "почему нет гор. воды {on}??",
        "Только холодная вода {at}, горячую отключили",
        "{street}: горячей воды нету с утра",
        "Сначала текла еле тёплая, а теперь горячая вода и вовсе пропала, {addr}",
        "Хочется помыться 😩 горячую воду дайте {district}",
        "Когда вернут горячую воду {on}? ни объявлений ни информации",
        "{landmark} нет горячей воды с утра, холодная есть",
        "ГВС пропала {at}, соседи тоже без горячей",
        "^горячая вода {district} где?",
        "{district_name}, {street}. Пятый час нет горячей воды во всех домах, которые питаются от одного теплового "
        "пункта. Работающим людям вечером не помыться. Просим сообщить, когда будет устранена авария.",
        "горячее водоснабжение {at} отсутствует, краны шипят воздухом",
        "у всего квартала {on} гвс нет, это авария на ЦТП?",
    ),
    count=95, centre=(46.9885, 142.7215), first_minute=60, last_minute=600)

# Unrelated single-house problems.

WATER_HOUSE = Unrelated("water", (
    "{at} нет холодной воды, в соседних домах есть",
    "В подвале течёт труба ХВС, {addr}, уже по щиколотку",
    "Ржавая вода из крана {at} второй день",
    "Слабый напор холодной воды {at}, на пятом этаже еле капает",
    "Из-под земли возле дома бьёт вода, {addr}",
    "Вода пахнет тухлым {at}, пить страшно",
    "Здравствуйте. {at} в подъезде из стояка холодной воды течь, залило две квартиры. Просим направить аварийную "
    "службу.",
    "Засор канализации, {addr}, стоки стоят в подвале",
    "Колодец водопроводный у дома {addr} без крышки, в нём стоит вода",
    "ХВС отключили только в нашем подъезде, {addr}",
))
HEATING_HOUSE = Unrelated("heating", (
    "Холодные батареи {at}, в квартире +15",
    "В одном подъезде нет горячей воды, {addr}, в остальных есть",
    "Течёт радиатор на лестнице, {addr}",
    "ГВС еле тёплая {at} уже неделю",
    "Стояк отопления в угловой комнате холодный, {addr}",
    "Добрый день. {at} в квартире не греет ни одна батарея, соседи сверху и снизу в порядке. Прошу прислать "
    "слесаря и разобраться.",
    "Из под пола в подвале пар, видимо лопнула труба отопления, {addr}",
    "Полотенцесушитель холодный, горячая вода чуть тёплая {at}",
    "Батареи как лёд {at} 🥶",
    "Перетоп в квартире +29 {at}, батареи не регулируются",
))
ELECTRICITY_HOUSE = Unrelated("electricity", (
    "{at} нет света в одном подъезде",
    "Искрит электрощиток на площадке, {addr}, пахнет горелым",
    "Свет мигает весь вечер {at}, техника выключается",
    "Провод провис над двором, {addr}, почти до земли",
    "Выбивает автомат на весь этаж, {addr}",
    "Нет света только в нашем доме {on}, д. {house}, у соседей горит",
    "Здравствуйте. {at} напряжение в розетках скачет от 180 до 250, сгорел телевизор. Прошу проверить ввод в дом.",
    "Гудит и трещит трансформаторная будка у дома {addr}",
    "В квартире пропала одна фаза, {addr}, половина розеток не работает",
))
LIGHTING_HOUSE = Unrelated("lighting", (
    "Не горит фонарь у дома {addr}, темень",
    "Уличное освещение {on} у дома {house} не работает неделю",
    "Фонарь над переходом {on} мигает и гаснет",
))
MANAGEMENT_HOUSE = Unrelated("management_company", (
    "Лифт не работает третий день, {addr}",
    "Сосульки над подъездом {at}, никто не сбивает",
    "Подъезд не убирается месяц, {addr}, УК молчит",
))
SNOW_HOUSE = Unrelated("snow", (
    "Тротуар у дома {addr} не чищен, скользко",
    "Грейдер завалил выезд со двора {at}",
))

UNRELATED = (
    UnrelatedGroup((WATER_HOUSE,), ELSEWHERE, 30, (46.9590, 142.7380)),
    UnrelatedGroup((HEATING_HOUSE,), ELSEWHERE, 28, (46.9590, 142.7380)),
    UnrelatedGroup((ELECTRICITY_HOUSE,), ELSEWHERE, 28, (46.9590, 142.7380)),
    UnrelatedGroup((LIGHTING_HOUSE, MANAGEMENT_HOUSE, SNOW_HOUSE), ELSEWHERE, 28, (46.9590, 142.7380)),
    # single houses on the outages' own streets, the outage's own category among them
    UnrelatedGroup((ELECTRICITY_HOUSE, HEATING_HOUSE, MANAGEMENT_HOUSE),
                   (SADOVAYA, POLEVAYA, ZAVODSKAYA, MOLODYOZHNAYA), 8, (47.0345, 142.7260)),
    UnrelatedGroup((WATER_HOUSE,), (SADOVAYA, POLEVAYA, ZAVODSKAYA, MOLODYOZHNAYA), 3, (47.0345, 142.7260)),
    UnrelatedGroup((WATER_HOUSE, HEATING_HOUSE, LIGHTING_HOUSE),
                   (ZAPADNAYA, KLYUCHEVAYA, SIRENEVAYA, MAYSKAYA, BOLNICHNAYA), 10, (46.9925, 142.7095)),
    UnrelatedGroup((ELECTRICITY_HOUSE,), (ZAPADNAYA, KLYUCHEVAYA, SIRENEVAYA), 3, (46.9925, 142.7095)),
    UnrelatedGroup((WATER_HOUSE, ELECTRICITY_HOUSE, MANAGEMENT_HOUSE),
                   (LUCHISTAYA, DRUZHBY, AVIATSIONNAYA, SHOSSEYNAYA, UDARNAYA), 9, (46.9885, 142.7215)),
    UnrelatedGroup((HEATING_HOUSE,), (LUCHISTAYA, DRUZHBY, AVIATSIONNAYA), 3, (46.9885, 142.7215)),
)


def main() -> None:
    write(OUTPUT, storm((SEWER, POWER, HOT_WATER), UNRELATED, SEED))


if __name__ == "__main__":
    main()
