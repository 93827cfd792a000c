"""Writes the twelfth development storm (tests/data/incidents_storm_dev12.jsonl): problems easy to confuse.

Северный, the same hours: a burst cold-water main on Пуркаева, Украинская, Горького, Тихоокеанская (water) and no hot
water after a heat point's repair on Горького, Тихоокеанская, Крюкова, Поповича (heating) — two shared streets, many
residents of both saying only «воды нет». Южный, the same hours: a power cut on Мира, Победы, Есенина, Маяковского,
Детская and a second, separate one on Железнодорожная and Вокзальная (a cable by the station). 150 unrelated: single
dwellings of the three utilities on those streets, and 40 lone problems in Луговое. Labels are what each resident
means. Phrase banks written for this repository (made-up houses, landmarks and coordinates), no third-party data.

    python3 -m tools.incident_storm_dev12
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import DATA, location, numbered, write

SEED = 12017
CHANNELS = ("vk", "vk", "telegram", "telegram", "ok", "max", "regional")


@dataclass(frozen=True)
class Place:
    nominative: str  # Горького, Украинская
    on: str  # на Украинской
    along: str  # по Украинской
    to: str  # на Украинскую
    misspelt: str


def place(nominative: str, on: str, along: str, to: str, misspelt: str) -> Place:
    return Place(nominative, on, along, to, misspelt)


PURKAEVA = place("Пуркаева", "на Пуркаева", "по Пуркаева", "на Пуркаева", "Пуркаево")
UKRAINSKAYA = place("Украинская", "на Украинской", "по Украинской", "на Украинскую", "Украиньская")
GORKOGO = place("Горького", "на Горького", "по Горького", "на Горького", "Горькова")
TIKHOOK = place("Тихоокеанская", "на Тихоокеанской", "по Тихоокеанской", "на Тихоокеанскую", "Тихоакеанская")
KRYUKOVA = place("Крюкова", "на Крюкова", "по Крюкова", "на Крюкова", "Крюково")
POPOVICHA = place("Поповича", "на Поповича", "по Поповича", "на Поповича", "Паповича")
MIRA = place("Мира", "на Мира", "по Мира", "на Мира", "Мирра")
POBEDY = place("Победы", "на Победы", "по Победы", "на Победы", "Побед")
ESENINA = place("Есенина", "на Есенина", "по Есенина", "на Есенина", "Есинина")
MAYAK = place("Маяковского", "на Маяковского", "по Маяковского", "на Маяковского", "Маековского")
DETSKAYA = place("Детская", "на Детской", "по Детской", "на Детскую", "Децкая")
ZHELDOR = place("Железнодорожная", "на Железнодорожной", "по Железнодорожной", "на Железнодорожную",
                "Железнодоржная")
VOKZAL = place("Вокзальная", "на Вокзальной", "по Вокзальной", "на Вокзальную", "Вакзальная")
LUGOVOE_STREETS = tuple(place(n, f"на {loc}", f"по {loc}", f"на {acc}", n.lower())
                        for n, loc, acc in (("Лучистая", "Лучистой", "Лучистую"), ("Дружбы", "Дружбы", "Дружбы"),
                                            ("Авиационная", "Авиационной", "Авиационную"),
                                            ("Шоссейная", "Шоссейной", "Шоссейную"),
                                            ("Ударная", "Ударной", "Ударную"),
                                            ("Больничная", "Больничной", "Больничную"),
                                            ("Западная", "Западной", "Западную"),
                                            ("Ключевая", "Ключевой", "Ключевую"),
                                            ("Сиреневая", "Сиреневой", "Сиреневую"),
                                            ("Майская", "Майской", "Майскую")))

SEVERNY = ("в Северном", "Северный", "мкр Северный", "на Северном", "в сев. микрорайоне", "Северный р-н",
           "в Северном районе", "в северном")
YUZHNY = ("в Южном", "Южный", "мкр. Южный", "в южном", "на Южном", "Южный р-н", "в Южном микрорайоне")

SEVERNY_CENTRE = (46.9805, 142.7420)
YUZHNY_CENTRE = (46.9395, 142.7355)
STATION_CENTRE = (46.9430, 142.7290)
LUGOVOE_CENTRE = (46.9900, 142.7165)


def house(rng: random.Random) -> str:
    number = rng.choice([rng.randint(1, 14), rng.randint(1, 48)])
    return rng.choice([f"{number}", f"д{number}", f"д. {number}", f"дом {number}", f"{number}к{rng.randint(1, 3)}",
                       f"дом {number} корп {rng.randint(1, 2)}", f"{number}/{rng.randint(1, 4)}", f"{number}а",
                       f"д.{number}"])


def address(rng: random.Random, s: Place) -> str:
    h = house(rng)
    return rng.choice([f"ул. {s.nominative} {h}", f"{s.nominative} {h}", f"{s.nominative}, {h}",
                       f"ул.{s.nominative} {h}", f"{s.on} {h}", f"{s.on}, {h}", f"{s.misspelt} {h}",
                       f"{h} {s.along}", f"{s.nominative.lower()} {h}", f"улица {s.nominative}, {h}"])


def fill(rng: random.Random, template: str, s: Place, districts: tuple[str, ...]) -> str:
    text = template.format(addr=address(rng, s), st=s.nominative, on=s.on, along=s.along, to=s.to,
                           bad=s.misspelt, d=rng.choice(districts), h=house(rng),
                           lat=round(SEVERNY_CENTRE[0] + rng.uniform(-0.004, 0.004), 5),
                           lon=round(SEVERNY_CENTRE[1] + rng.uniform(-0.004, 0.004), 5),
                           slat=round(YUZHNY_CENTRE[0] + rng.uniform(-0.004, 0.004), 5),
                           slon=round(YUZHNY_CENTRE[1] + rng.uniform(-0.004, 0.004), 5))
    if rng.random() < 0.1:
        text = text.lower()
    if rng.random() < 0.08:
        text = text.rstrip(".!?") + rng.choice(["!!!", "???", "!!", " ...", " 😡", " 🤬"])
    return " ".join(text.split())


# Outage A: the cold-water main burst under Украинская; no cold water on its four streets, a flood, rusty water back.
COLD_WATER = (
    "Воды нет {addr}",
    "воды нет",
    "вода не идёт {on}",
    "ХВС нет {addr} с утра",
    "Нет холодной воды, {addr}. Когда дадут?",
    "{on} прорвало трубу, вода хлещет прямо из-под асфальта, а в кранах пусто",
    "У нас {on} фонтан посреди дороги 😱 и дома ни капли",
    "Затопило улицу {st} у перекрёстка, машины по колено в воде. Водоканал где???",
    "кран открываю - шипит и всё. {addr}",
    "Холодной воды нету уже 3 часа!!! {addr}",
    "Здравствуйте. По адресу {addr} отсутствует холодное водоснабжение с 7 утра. Просим сообщить сроки.",
    "когда вода будет {on}?",
    "Вода появилась, но ржавая, коричневая как чай. {addr}",
    "дали воду, а она рыжая 🤢 {on}",
    "после аварии из крана идёт ржавчина, стирать невозможно, {addr}",
    "{d} порыв, воды нет ни холодной ни в бачке",
    "Что за авария {on}? Вода бьёт из люка",
    "хвс отсутствует {addr}, дети дома, ни попить ни унитаз смыть",
    "ВОДЫ НЕТ!!! {addr}!!! Сколько можно",
    "Опять без воды {d}. Порыв на {st} говорят",
    "Улицу {st} заливает, вода идёт по тротуару к школе, скоро во дворы зайдёт",
    "во дворе {addr} лужа по щиколотку, из трубы течёт, а в квартире кран сухой",
    "Воды нет, ни холодной. Горячая вроде капает. {addr}",
    "нет ХВС {on} и соседних домах",
    "Водоканал, вы где? Порыв трубы {on}, весь перекрёсток залит, воды в домах нет",
    "Уважаемые! Я на {addr}, в 6:40 пропала вода в кране, в подъезде сказали порыв магистрали. Когда устранят?"
    " На работу не умыться, ребёнку смесь развести нечем.",
    "вода не идёт. {st}",
    "Подскажите, долго ещё без холодной воды {along}?",
    "хол. воды нет {addr}",
    "у нас воды нету 😭",
    "Сколько можно! Третий раз за зиму труба лопается {on}, воды нет, дорогу размыло. Администрация, займитесь сетями!",
    "Капает тонкой струйкой, потом совсем пропала. {addr}, холодная",
    "около магазина на {st} прорыв, вода течёт рекой",
    "Воду на {st} дали? У мамы {h} до сих пор нет",
    "{lat}, {lon} — тут из-под земли вода бьёт, кранов нет воды",
    "воды нет {d}, {st}",
    "Нет воды холодной. Набрали бутылок в магазине. {addr}",
    "Вода пошла мутная, с песком, фильтр забился. {addr}",
    "Горячая есть, холодной нет, смеситель только кипяток даёт. {on}",
    "Люк на {st} выбило, вода ледяная по всей проезжей части, и в домах вода пропала",
    "ребят воду когда включат? {d}",
    "{addr} без воды",
    "В кранах пусто, в бачке пусто, на улице потоп. Классика {d} 🙃",
    "Спасибо водоканалу: вода в кране есть, но пахнет железом и рыжая. {on}",
    "Возле 9-й школы из асфальта бьёт фонтан, в домах вокруг вода пропала",
    "у рынка всю дорогу залило, в кранах сухо",
    "Аварийка приехала {to}, перекрыли воду, в домах пусто",
)

# Outage B: a heat point's repair; no hot water on Горького, Тихоокеанская, Крюкова, Поповича, cold water running.
HOT_WATER = (
    "нет горячей",
    "Нет горячей воды {addr}",
    "ГВС нет {on}",
    "из крана только холодная, {addr}",
    "г/в отсутствует {addr} с утра",
    "Помыться нечем, горячей нет. {addr}",
    "Воды нет, горячей. Холодная течёт. {on}",
    "горячую отключили {on}?",
    "Открываю горячий кран - ледяная. {addr}",
    "Здравствуйте, по адресу {addr} нет горячего водоснабжения. Предупреждений о ремонте не было.",
    "ГВС!!! когда?? {addr}",
    "Опять тепловой пункт чинят и нас оставили без горячей {d}",
    "нет гор воды {along}",
    "Горячей воды нет, ребёнка купать нечем, воду на плите грею. {addr}",
    "Из крана с красной ручкой течёт холодная уже полдня 😤 {on}",
    "вода есть, но только холодная. {addr}",
    "Подскажите, на {st} горячей воды сегодня не будет?",
    "Нет горячки {on}, полотенцесушитель холодный",
    "{addr}: горячая вода отсутствует, холодная есть. Просим сроки ремонта ЦТП",
    "горячей нет у всего дома {addr}",
    "Сливаю горячий кран 15 минут — еле тёплая, потом совсем холодная. {addr}",
    "воды нет помыться. Горячей в смысле. {on}",
    "ГВС отключено без предупреждения {d}, это нормально?",
    "УК говорит ремонт на тепловом пункте, горячей не будет до вечера. {addr}",
    "Нет г/в {on} 😡",
    "горячая вода пропала {addr}",
    "Мужик приходит со смены, а помыться нельзя. Горячей воды нет {on}. Доколе?",
    "Ремонт теплового пункта {along} — а нас кто предупредил? Горячей воды нет с 8 утра",
    "{lat}, {lon} нет горячей воды",
    "нет горячей у нас",
    "Тепло есть, батареи горячие, а горячей воды в кране нет. {addr}",
    "когда дадут гвс {d}",
    "Без горячей воды {on}, посуду мыть холодной невозможно",
    "В душе ледяная, из обоих кранов одинаковая холодная. {addr}",
    "воды нет. горячей. {st}",
    "А горячую на {st} когда включат? Мы {h}",
    "Уважаемая администрация! По {st} {h} с утра нет ГВС, в подъезде пожилые люди, греем воду в кастрюлях.",
    "Кипятильником греем воду, горячей нет. {addr}",
    "Горячей воды нет, холодная есть, значит опять ЦТП. {d}",
    "нет гвс {addr}",
    "горячая не идёт. только холодная {on}",
    "у нас горячей воды нет 😭 помыться нечем",
    "Напишите хоть что-то, сколько ещё без горячей {along}?",
    "дома за поликлиникой без горячей воды, тепловой пункт раскопан",
    "У садика Рябинка во всех домах нет ГВС",
    "Переехали {to} месяц назад и уже второй раз без горячей воды",
)
# A resident of B's own streets who writes only «воды нет» means the hot water: those streets' cold water runs.
HOT_WATER_OWN_STREETS = (
    "воды нет {on}, помыться нечем",
    "Воды нет {addr}. Из крана течёт, но ледяная",
    "вода не идёт горячая {addr}",
)

# Outage C: a power cut across Мира, Победы, Есенина, Маяковского, Детская after a substation failed.
POWER = (
    "Света нет {addr}",
    "света нет",
    "Нет электричества {on}",
    "эл-во пропало {addr}",
    "Нет э/э {addr} с 8 утра",
    "Вырубило свет во всём доме, {addr}, и у соседних тоже",
    "Отключили свет {on}, сколько ждать?",
    "У нас весь {d} без света, светофоры не работают",
    "Электричества нет {along}, холодильник течёт",
    "свет когда дадут {d}??",
    "Здравствуйте. По адресу {addr} с 07:50 отсутствует электроснабжение. Просим сообщить причину и сроки.",
    "СВЕТА НЕТ {addr}!!!",
    "Без света сидим {on}, котёл электрический, в доме холодает",
    "Подстанция бахнула у {st}, весь район темный",
    "эл-во отключили {on} и на соседних",
    "нет света {addr}",
    "Обесточено {along}, у меня лекарства в холодильнике, когда включат?",
    "Сидим при свечках 🕯️ {on}",
    "У нас {on} опять отключение электроэнергии, ни интернета ни связи",
    "Свет моргнул и пропал. {addr}",
    "нет электроэнергии у всего квартала {on}",
    "Лифты встали, света нет, {addr}. Бабушка на 9 этаже",
    "Почему нет света {on}? Никаких объявлений не было",
    "{slat}, {slon} света нет",
    "электричество отключили {d}",
    "Нет света уже 4 часа!!! {addr}. Сетевая компания, ау!",
    "Весь дом {addr} обесточен, магазин внизу тоже закрылся",
    "сети опять отключили нас {along}",
    "Света нет. {st}",
    "Когда свет включат на {st}? У меня работа удалённая",
    "На {st} возле школы все окна тёмные, светофор не горит",
    "Свет отрубили во всём Южном что ли?",
    "нет эл-ва {addr} и в доме напротив",
    "Пропал свет, щиток в подъезде в порядке, у соседей тоже нет. {addr}",
    "У нас света нет 😡",
    "Уважаемые энергетики, {addr} без электроэнергии с утра, в квартире маленький ребёнок, обогреватель не работает.",
    "{on} темнота, электричества нет ни в одном доме",
    "Э/Э нет {d}",
    "Электричество на {st} когда будет?",
    "Светофор на перекрёстке {st} не работает, дома света тоже нет",
    "Свет вырубили {on}, интернет лёг, холодильник греется",
    "без света {d}, подстанция",
    "Возле ТЦ Радуга все дома без света, даже аптека закрыта",
    "у гимназии темно, электричества нет в домах вокруг",
    "Энергетики {to} едут вообще? Свет пропал с утра",
)

# The second power problem of Южный, separate: a cable fault by the station on Железнодорожная and Вокзальная.
STATION_POWER = (
    "Света нет {addr}",
    "Нет света {on} у вокзала",
    "эл-во пропало {addr}, говорят кабель у вокзала",
    "У нас {on} кабель повредили экскаватором, свет пропал",
    "Возле вокзала на {st} нет электричества",
    "нет э/э {addr}",
    "Свет на {st} отключили, копали у переезда",
    "На {st} весь ряд домов без света, кабель порвали",
    "Без света {addr}, раскопки возле вокзала",
    "свет когда будет на {st}? копатели кабель перебили",
    "Нет электроэнергии {addr} с 10 утра",
    "Что у вокзала со светом? {on} темно",
    "{addr} обесточен, рабочие говорят повредили кабель",
    "СВЕТА НЕТ {on}!!! у вокзала раскоп",
    "Нет света. {st}",
    "электричество пропало {along} после работ у переезда",
    "Дома у вокзала без света, привокзальная площадь тоже тёмная",
)

# Unrelated: one dwelling's trouble of each utility, by kind: "cold" needs the cold water, "hot" the hot water, "power"
# the power, "heat" only the flat's own radiators (the heating runs everywhere in this storm).
DWELLING_TEXTS = (
    ("cold", "У меня в квартире кран на кухне течёт, капает не переставая. {addr}"),
    ("cold", "Подтекает бачок унитаза, {addr}, вызвать сантехника УК"),
    ("cold", "Смеситель в ванной сломался, вода льёт, {addr}, квартира 12"),
    ("heat", "В одной комнате батарея холодная, в остальных горячие. {addr}"),
    ("heat", "Радиатор в спальне не греет, видимо завоздушило. {addr}"),
    ("power", "У меня выбило автомат в квартире, у соседей свет есть. {addr}"),
    ("power", "Розетка на кухне сгорела и пахнет гарью, только у меня. {addr}"),
    ("power", "Счётчик электрический щёлкает и гудит, {addr}, кв 7"),
    ("cold", "Сосед сверху топит, с потолка капает. {addr}"),
    ("cold", "Стояк в ванной подтекает на стыке, {addr}"),
    ("hot", "Полотенцесушитель холодный, а горячая вода есть. {addr}"),
    ("power", "В квартире пробки выбивает когда включаю чайник. {addr}"),
    ("heat", "Батарея на кухне течёт, подставила тазик. {addr}"),
    ("hot", "Вчера поменяли смеситель, теперь горячая еле идёт только у меня. {addr}"),
)
LUGOVOE_TEXTS = (
    ("cold", "Кран течёт на кухне, {addr}"),
    ("power", "В квартире свет мигает, у соседей нормально, {addr}"),
    ("heat", "Холодная батарея в детской, {addr}"),
    ("cold", "Протекает бачок унитаза. {addr}"),
    ("power", "Выбило автомат в квартире, {addr}, не поднимается"),
    ("hot", "Горячая вода еле тёплая только в нашей квартире, {addr}"),
    ("cold", "Счётчик воды сломался, крутит без остановки. {addr}"),
    ("power", "Розетка искрит в комнате. {addr}"),
    ("heat", "Радиатор в зале ледяной, УК не отвечает. {addr}"),
    ("cold", "Течёт стояк в подвале, {addr}"),
    ("power", "Проводка в щитке гудит на площадке, {addr}"),
    ("hot", "Полотенцесушитель протекает, {addr}"),
    ("cold", "Напор холодной воды слабый только у меня, фильтр забился? {addr}"),
    ("cold", "Сосед залил сверху, {addr}"),
    ("power", "Электроплита не включается, в остальной квартире свет есть. {addr}"),
    ("heat", "Батарея в подъезде на первом этаже лопнула, течёт. {addr}"),
    ("hot", "Горячая вода с запахом, только из нашего крана. {addr}"),
    ("cold", "Унитаз не набирает воду, вентиль сломался. {addr}"),
    ("power", "Счётчик э/э сгорел, в квартире нет света, у соседей есть. {addr}"),
    ("heat", "В угловой комнате батарея чуть тёплая, {addr}"),
)
# The minutes in which each street lacks a supply: a dwelling that needs it is dated outside them.
OUTAGE_WINDOWS: dict[tuple[str, str], tuple[int, int]] = {}
SPAN = (0, 470)


def free_minute(rng: random.Random, kind: str, s: Place) -> int:
    window = OUTAGE_WINDOWS.get((kind, s.nominative))
    while True:
        minute = rng.randint(*SPAN)
        if window is None or not window[0] - 10 <= minute <= window[1] + 10:
            return minute


def outage_lines(rng: random.Random, label: str, texts: tuple[str, ...], streets: tuple[Place, ...],
                 districts: tuple[str, ...], count: int, minutes: tuple[int, int], centre: tuple[float, float],
                 own: tuple[tuple[str, ...], tuple[Place, ...]] | None = None) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for number in range(count):
        if own is not None and number % 8 == 0:
            template, s = rng.choice(own[0]), rng.choice(own[1])
        else:
            template, s = texts[number % len(texts)] if number < len(texts) else rng.choice(texts), \
                rng.choice(streets)
        lines.append({"minutes": rng.randint(*minutes), "channel": rng.choice(CHANNELS),
                      "text": fill(rng, template, s, districts), "location": location(rng, centre, 0.004),
                      "incident": label})
    return lines


def lone_lines(rng: random.Random, texts: tuple[tuple[str, str], ...], streets: tuple[Place, ...], count: int,
               centre: tuple[float, float]) -> list[dict[str, Any]]:
    """`count` single dwellings, each wording on different streets (a wording used at most ⌈count/len⌉ times)."""
    lines: list[dict[str, Any]] = []
    used: set[tuple[str, str]] = set()
    number = 0
    while len(lines) < count:
        kind, template = texts[number % len(texts)]
        s = rng.choice(streets)
        if (template, s.nominative) in used:
            continue
        used.add((template, s.nominative))
        number += 1
        lines.append({"minutes": free_minute(rng, kind, s), "channel": rng.choice(CHANNELS),
                      "text": fill(rng, template, s, ("",)), "location": location(rng, centre, 0.01),
                      "incident": None})
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    for kind, streets, window in (("cold", (PURKAEVA, UKRAINSKAYA, GORKOGO, TIKHOOK), (0, 360)),
                                  ("hot", (GORKOGO, TIKHOOK, KRYUKOVA, POPOVICHA), (20, 400)),
                                  ("power", (MIRA, POBEDY, ESENINA, MAYAK, DETSKAYA), (10, 420)),
                                  ("power", (ZHELDOR, VOKZAL), (90, 300))):
        for s in streets:
            OUTAGE_WINDOWS[(kind, s.nominative)] = window
    lines = outage_lines(rng, "water-severny", COLD_WATER, (PURKAEVA, UKRAINSKAYA, GORKOGO, TIKHOOK), SEVERNY, 100,
                         (0, 360), SEVERNY_CENTRE)
    lines += outage_lines(rng, "hotwater-severny", HOT_WATER, (GORKOGO, TIKHOOK, KRYUKOVA, POPOVICHA), SEVERNY, 100,
                          (20, 400), SEVERNY_CENTRE, own=(HOT_WATER_OWN_STREETS, (KRYUKOVA, POPOVICHA)))
    lines += outage_lines(rng, "power-yuzhny", POWER, (MIRA, POBEDY, ESENINA, MAYAK, DETSKAYA), YUZHNY, 82,
                          (10, 420), YUZHNY_CENTRE)
    lines += outage_lines(rng, "power-yuzhny-station", STATION_POWER, (ZHELDOR, VOKZAL), YUZHNY, 18, (90, 300),
                          STATION_CENTRE)
    outage_streets = (PURKAEVA, UKRAINSKAYA, GORKOGO, TIKHOOK, KRYUKOVA, POPOVICHA)
    lines += lone_lines(rng, DWELLING_TEXTS, outage_streets, 60, SEVERNY_CENTRE)
    yuzhny_streets = (MIRA, POBEDY, ESENINA, MAYAK, DETSKAYA, ZHELDOR, VOKZAL)
    lines += lone_lines(rng, DWELLING_TEXTS, yuzhny_streets, 50, YUZHNY_CENTRE)
    lines += lone_lines(rng, LUGOVOE_TEXTS, LUGOVOE_STREETS, 40, LUGOVOE_CENTRE)
    return numbered(rng, lines, "l")


def main() -> None:
    write(DATA / "incidents_storm_dev12.jsonl", storm())


if __name__ == "__main__":
    main()
