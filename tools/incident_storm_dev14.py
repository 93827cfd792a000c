"""Writes the fourteenth development storm of incident grouping (tests/data/incidents_storm_dev14.jsonl).

Южно-Сахалинск, a December day; minute 0 is 08:00 local, the last message comes at minute 480 (16:00). 450 messages,
in the format of `tools/incident_storm.py` (id, minutes, channel, text, location for about 15 %, incident):

- `sewer-severny` (category water), 100 messages, minutes 0–400: the sewer collector of Северный is blocked. Sewage
  stands in the basements, comes out of the manholes onto the yards and the road (and freezes there), backs up into
  the toilets, baths and sinks of the ground floors, the entrances stink. Streets Пуркаева, Украинская, Горького,
  Тихоокеанская; landmarks the market (by Пуркаева) and a school (by Украинская).
- `coldwater-severny` (category water), 100 messages, minutes 60–460: a pumping station of the same district failed.
  No cold water at first (minutes 60–270), then a weak pressure once it is given back (200–380), then rusty, muddy
  water (300–460). Streets Горького (shared with the sewer), Крюкова, Поповича, Комарова; landmarks the shop «Огонёк»,
  the children's polyclinic, a stop. Some residents of Горького write about both the sewage and the water: each such
  message is labelled by its main complaint (six wordings, three in each bank, say which one matters to them).
- `power-centre` (category electricity), 100 messages, minutes 30–420: a fire at a transformer substation in the
  centre (Центр). No power (30–290), then flickering light and a jumping voltage once it is given back (240–420);
  traffic lights and lifts out (people stuck in lifts early on), shops, cash machines and a polyclinic closed, smoke
  and the smell of burning near the substation. Streets Ленина, Комсомольская, Чехова, Сахалинская; landmarks the
  substation, the shopping centre «Парус» and its stop, the polyclinic.

Each outage has its own bank of 50–60 wordings in residents' manner (terse chat, long portal-style letters with
house and flat numbers, caps, emoji, stretched words, typos, shorthand, landmark-only, district-only, «у нас»-only,
coordinates and map links, bare questions and demands, how long it has lasted); every wording is used once or twice.
Streets appear in several cases (nominative, «на …», «по …», «на улицу …»), with and without «ул.», sometimes one
letter off; houses as «5», «д5», «5а», «5/1», «5к2», «дом 5 корп 1».

150 unrelated messages (incident null), minutes 0–480:
- 49 single dwellings on the outages' own streets (a leaking tap or cistern, a neighbour above flooding, a toilet or
  sink blocked inside the flat, a flat's breaker or socket, one cold radiator). Those that need a supply their
  street lacks during an outage (cold water on Горького, Крюкова, Поповича, Комарова; the drains on Пуркаева,
  Украинская, Горького, Тихоокеанская; power on Ленина, Комсомольская, Чехова, Сахалинская) are dated outside that
  outage's minutes; the blocked-toilet ones also say that only their flat is affected. Each wording at most twice,
  never twice on one street.
- 88 single dwellings of water, sewer, electricity and heating (and a few entrance or lift complaints) on other
  districts' streets: Луговое, Ново-Александровск, Южный, Хомутово, Дальнее and the centre's Пограничная, Курильская,
  Дзержинского. Each wording at most twice, never twice on one street; private-house wordings only in the districts
  of private houses.
- 5 whole buildings without a supply, each alone in its district and category (no other unrelated message of that
  category in that district): electricity in Луговое and Хомутово, water in Ново-Александровск and Дальнее (a sewer
  backing up through the whole house), heating in Южный.
- 8 others: 3 potholes, 3 dark street lamps, 2 icy pavements.

Every house, flat, landmark, coordinate and map link is made up; no third-party data.

    .venv/bin/python -m tools.incident_storm_dev14      # or python3 -m tools.incident_storm_dev14
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, Street, address, location, numbered, write

SEED = 14017
PREFIX = "s14"
SPAN = 480  # minutes: 08:00–16:00
LETTER_CHANNELS = ("regional", "regional", "vk", "ok")
EMOJI = ("😡", "🤬", "😤", "😢", "🙏", "‼️")
AGAIN = ("{}!!", "{} (пишу второй раз)", "Повторяю: {}", "+ {}", "{} …", "ну и? {}")


# ---------------------------------------------------------------------------------------------------------------
# Streets and districts (made-up points near each street)
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    street: Street  # nominative, locative (after «на»), genitive (after «по»)
    accusative: str  # after «на улицу»
    typos: tuple[str, ...]  # one letter off
    point: tuple[float, float]
    district: str


def _declined(name: str) -> tuple[str, str]:
    """(after «на»/«по», after «на улицу») of a street name: Украинская → Украинской, Украинскую; Ленина → Ленина."""
    if name.endswith("яя"):
        return name[:-2] + "ей", name[:-2] + "юю"
    if name.endswith(("чая", "жая", "шая", "щая")):
        return name[:-2] + "ей", name[:-2] + "ую"
    if name.endswith("ая"):
        return name[:-2] + "ой", name[:-2] + "ую"
    return name, name


def place(name: str, district: str, point: tuple[float, float], typos: tuple[str, ...] = ()) -> Place:
    oblique, accusative = _declined(name)
    return Place(Street(name, oblique, oblique), accusative, typos, point, district)


SEVERNY = {p.street.nominative: p for p in (
    place("Пуркаева", "Северный", (46.98721, 142.73914), ("Пуркаево", "Пуркеева")),
    place("Украинская", "Северный", (46.98583, 142.74362), ("Украиская", "Укранская")),
    place("Горького", "Северный", (46.98412, 142.74681), ("Горкого", "Горьково")),
    place("Тихоокеанская", "Северный", (46.98893, 142.74517), ("Тихоакеанская", "Тихоокенская")),
    place("Крюкова", "Северный", (46.98224, 142.75123), ("Крюкава", "Крюкво")),
    place("Поповича", "Северный", (46.98091, 142.74884), ("Паповича", "Поповча")),
    place("Комарова", "Северный", (46.98362, 142.75431), ("Камарова", "Комарво")),
    place("Амурская", "Северный", (46.98655, 142.75207)),
    place("Бумажная", "Северный", (46.99012, 142.74163)),
)}
CENTRE = {p.street.nominative: p for p in (
    place("Ленина", "Центр", (46.95914, 142.73842), ("Ленена", "Лениа")),
    place("Комсомольская", "Центр", (46.95723, 142.73471), ("Камсомольская", "Комсамольская")),
    place("Чехова", "Центр", (46.95631, 142.74093), ("Чехово", "Чехва")),
    place("Сахалинская", "Центр", (46.96082, 142.74261), ("Сахолинская", "Сахалиская")),
    place("Пограничная", "Центр", (46.95312, 142.73254)),
    place("Курильская", "Центр", (46.95194, 142.73981)),
    place("Дзержинского", "Центр", (46.95473, 142.74512)),
    place("Карла Маркса", "Центр", (46.95826, 142.72963)),
)}
DISTRICT_POINTS = {"Луговое": (47.00214, 142.70922), "Ново-Александровск": (47.04683, 142.72341),
                   "Южный": (46.93124, 142.73682), "Хомутово": (46.91873, 142.77914),
                   "Дальнее": (46.91252, 142.68883)}
DISTRICT_STREETS = {
    "Луговое": ("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная", "Больничная", "Западная", "Ключевая",
                "Сиреневая", "Майская"),
    "Ново-Александровск": ("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая",
                           "Заводская", "Садовая", "Полевая"),
    "Южный": ("Мира", "Победы", "Есенина", "Маяковского", "Детская", "Холмская", "Железнодорожная", "Невельская",
              "Вокзальная", "Ухтомского"),
    "Хомутово": ("Новая", "Центральная", "Зелёная", "Озёрная"),
    "Дальнее": ("Горная", "Весенняя", "Солнечная", "Речная"),
}


def _district_places(rng: random.Random) -> dict[str, list[Place]]:
    places: dict[str, list[Place]] = {}
    for district, names in DISTRICT_STREETS.items():
        lat, lon = DISTRICT_POINTS[district]
        places[district] = [place(name, district, (round(lat + rng.uniform(-0.008, 0.008), 5),
                                                   round(lon + rng.uniform(-0.008, 0.008), 5))) for name in names]
    places["Центр"] = [CENTRE[name] for name in ("Пограничная", "Курильская", "Дзержинского")]
    return places


DISTRICT_FORMS = {
    "Северный": (("в Северном", "на Северном", "в мкр Северный", "в северном районе", "в районе Северного"),
                 ("Северный", "мкр Северный", "северный", "р-н Северный")),
    "Центр": (("в центре", "в центре города", "в Центре", "в центральном районе"),
              ("Центр", "центр города", "центр", "Центральный район")),
}


# ---------------------------------------------------------------------------------------------------------------
# Wordings
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    text: str
    lo: int = 0  # the minutes it can be written in (intersected with the outage's)
    hi: int = SPAN
    on: tuple[str, ...] = ()  # only these streets (a landmark's street, or a street named in the text)
    letter: bool = False  # a portal-style letter: kept as written, more often via the regional centre


def w(text: str, lo: int = 0, hi: int = SPAN, on: tuple[str, ...] = (), letter: bool = False) -> Wording:
    return Wording(text, lo, hi, on, letter)


# Placeholders: {addr} an address with a house, {st} the street, {loc} «на …», {po} «по …», {acc} «на улицу …»,
# {h} a house, {kv} a flat, {kv1} a ground-floor flat, {p} an entrance, {d} the district after «в/на», {D} the
# district alone, {dur} how long it has lasted, {clock} the time now, {coords} coordinates, {map} a map link.

SEWER = (
    w("Канализация {loc} хлещет из люка прямо во двор"),
    w("{addr}, подвал затоплен канализацией, вонь на весь подъезд"),
    w("в подвале нечистоты по колено {addr} когда откачают??"),
    w("У нас в подъезде вонь невозможная, в подвале канализация стоит. {addr}"),
    w("опять КНС встала? {loc} из колодцев течёт"),
    w("ГОВНО ИЗ ЛЮКОВ {loc} ТЕЧЁТ ПО ДОРОГЕ!!!"),
    w("На первом этаже из унитаза полезло, {addr}, кв {kv1}. Что делать?!", lo=40),
    w("Здравствуйте. Проживаю по адресу: {addr}, кв. {kv1} (1 этаж). С утра в ванной через слив поднимается "
      "канализация, залило пол. В подвале стоят стоки. Прошу срочно направить аварийную бригаду и откачать подвал.",
      lo=60, letter=True),
    w("{loc} в подъездах вонища стоит, дышать нечем 🤢"),
    w("{D} тонет в канализации, когда прочистят коллектор?"),
    w("{d} опять канализацию прорвало, люки фонтанируют"),
    w("Из люка у школы течёт канализация, дети идут в школу прямо по этому", hi=300, on=("Украинская",)),
    w("у рынка из колодца течёт, вонь на всю остановку", on=("Пуркаева",)),
    w("за рынком весь двор залило стоками, машины проехать не могут", lo=30, on=("Пуркаева",)),
    w("{addr} в туалете вода не уходит, поднимается обратно. У соседей снизу то же самое"),
    w("унитаз на 1 этаже переполнился, {st} {h}"),
    w("у нас в доме канализацию выдавливает в ванны на первых этажах, {dur}", lo=60),
    w("кто отвечает за коллектор {loc}? {dur} течёт", lo=90),
    w("{st} {h} канализация в подвале, УК трубку не берёт, аварийка занято"),
    w("Сколько можно?? С утра из колодца {loc} течёт, на морозе всё замёрзло, каток из нечистот", lo=120),
    w("{addr}: стоки идут из подвала на улицу, всё замерзает, скользко и воняет", lo=60),
    w("Прошу принять меры: {addr}. Засор канализационного коллектора, подвал дома затоплен фекальными стоками, "
      "запах распространяется по подъездам. Жители первых этажей не могут пользоваться санузлом.", letter=True),
    w("пкуркаева канализация", on=("Пуркаева",)),
    w("канализация! {st}!!!"),
    w("Ужас {loc}: в подъезде воняет так, что глаза режет. Детей в школу ведём через это", hi=240),
    w("Когда откачают подвал {addr}? уже полдня стоим в говне", lo=220),
    w("ассенизаторы приедут вообще?? {loc} всё течёт", lo=60),
    w("В ванне на первом этаже поднялась вода с канализацией, {addr} кв{kv1}"),
    w("Водоканал, ау! Коллектор забит {loc}, из люков бежит к дороге"),
    w("{coords} вот тут из колодца хлещет канализация"),
    w("{map} люк фонтанирует нечистотами, прямо у подъезда"),
    w("На углу Пуркаева и Украинской колодец переполнен, течёт по тротуару", on=("Пуркаева", "Украинская")),
    w("дом {h} {po}, подвал полностью в канализационных стоках. запах уже в квартирах"),
    w("в подвале плавает всё. {st} {h}. когда?"),
    w("Вы там спите? С 8 утра канализация {po} течёт, никто не приехал", lo=90, hi=320),
    w("{dur} в подъезде вонь, первый этаж заливает. {addr}", lo=240),
    w("С первого этажа пишу, {addr}: из раковины на кухне пошла вода с канализацией"),
    w("в нашем доме подвал в стоках, вонь по всему подъезду, детей не выпустить"),
    w("Куда звонить, если из люка на дороге {loc} течёт канализация?"),
    w("Откачайте подвал!!! {st} {h}"),
    w("запах канализации на весь двор {loc}, даже через закрытые окна"),
    w("Горького {h}: в подвале стоки, а теперь ещё и холодной воды нет. Но главное канализация — в подъезде "
      "дышать нечем, первый этаж затопило", lo=90, hi=300, on=("Горького",)),
    w("на Горького вонь из подвала и воды нет. вода ладно, переживём, канализацию уберите уже, к квартирам "
      "подбирается", lo=90, hi=300, on=("Горького",)),
    w("Без воды ещё ладно, но у нас на Горького {h} канализация из ванны лезет на первом этаже! это важнее",
      lo=120, hi=300, on=("Горького",)),
    w("кнс или коллектор не знаю что у вас там, но {loc} из всех люков льёт"),
    w("{st}, подвал в нечистотах 🤮🤮"),
    w("аааа канализацияяя в ванну лезет!!! {addr}"),
    w("канализ. {loc} стоит, на 1 эт. в туалет не сходить"),
    w("Уважаемая администрация! Второй раз за зиму {d} выбивает канализацию. Сегодня с утра {loc} стоки выходят "
      "из колодцев и заливают подвалы жилых домов. Прошу сообщить сроки устранения и организовать откачку.",
      letter=True),
    w("подскажите, коллектор {d} прочищают? из люка у дома всё ещё течёт", lo=200),
    w("вода в унитазе стоит и не уходит, у всех соседей по стояку то же, {addr}"),
    w("{st} д{h} подъезд {p} воняет канализацией, в подвале вода"),
    w("из под люка пар и вонь, течёт ручьём {po}"),
    w("СЕВЕРНЫЙ!!! КАНАЛИЗАЦИЯ ВО ДВОРАХ!!!"),
    w("ул {st} — стоки в подвале с утра, сейчас {clock}, никто так и не приехал", lo=150),
    w("канализацыя {loc} {h} бежит из колодца", hi=300),
)

COLDWATER = (
    w("опять воды нет", hi=260),
    w("{loc} нет холодной воды, {dur}", hi=270),
    w("хвс нет {addr}", hi=270),
    w("{st} {h} нет воды вообще. Что случилось?", hi=250),
    w("нет хол. воды {po}, когда дадут?", hi=270),
    w("горячая есть, холодной нет, {addr}. почему не предупредили", hi=270),
    w("{loc} воды нет, говорят насосная сломалась", lo=90, hi=270),
    w("вода будет сегодня?? {st} {h}", hi=270),
    w("Дайте воду!!! {loc} с утра сидим без воды", lo=100, hi=270),
    w("{d} нет холодной воды, ни одного объявления!", hi=260),
    w("{D} без воды, водоканал молчит", hi=270),
    w("у нас в доме воды нет, ребёнок маленький, даже смесь развести нечем", hi=270),
    w("в нашем доме нет холодной воды {dur}", lo=100, hi=270),
    w("в доме за «Огоньком» воды нет, в магазине говорят у них тоже", hi=270, on=("Крюкова",)),
    w("возле детской поликлиники воды нет, в поликлинике туалеты закрыли", hi=270, on=("Поповича",)),
    w("Здравствуйте! Проживаю по адресу {addr}, кв. {kv}. С 9 утра отсутствует холодное водоснабжение, никаких "
      "уведомлений об отключении не было. Прошу сообщить причину и сроки подачи воды.", lo=80, hi=270, letter=True),
    w("{coords} нет воды в доме", hi=270),
    w("{map} вот этот дом, нет ХВС", hi=270),
    w("Горького {h}: воды нет, а в подвале ещё и канализация стоит. Воду дайте хотя бы!", hi=270, on=("Горького",)),
    w("на горького ни воды, ни канализации нормальной, но хоть воду верните, детей мыть нечем", hi=270,
      on=("Горького",)),
    w("водыыы нееет {loc}", hi=270),
    w("НЕТ ВОДЫ {st} {h}!!!!", hi=270),
    w("{st} {h} кв {kv} нет хвс, колонку газовую даже не включить", hi=270),
    w("подвоз воды будет? {loc} с утра без воды, у нас старики на пятом", lo=120, hi=270),
    w("пожалуйста, организуйте подвоз питьевой воды {d}, {loc} нет воды {dur}", lo=150, hi=270),
    w("воды нет ни в одном кране, {addr}", hi=270),
    w("как долго не будет воды {po}?", hi=270),
    w("Поповича тоже без воды, у знакомых на Комарова то же самое", hi=270, on=("Поповича", "Комарова")),
    w("нет хол воды, унитаз не смыть, {st} {h}", hi=270),
    w("в «Огоньке» воду в бутылках всю разобрали, вся округа без воды", lo=120, hi=270, on=("Крюкова",)),
    w("у нас воды нет с утра, а в водоканале говорят авария на насосной. Сколько ждать?", lo=90, hi=270),
    w("вады нет {st} {h}", hi=270),
    w("вода пошла еле-еле, струйка, {addr}", lo=200, hi=380),
    w("{loc} напор никакой, выше третьего этажа не доходит", lo=200, hi=380),
    w("дали воду? у нас тонкой струйкой течёт, стиралка не запускается", lo=200, hi=380),
    w("слабый напор хвс {loc}", lo=200, hi=380),
    w("напор ноль. {st} д{h}", lo=200, hi=380),
    w("на пятом этаже воды так и нет, внизу капает. {addr}", lo=200, hi=380),
    w("Вроде дали, но кран еле капает. {st}{h}", lo=200, hi=380),
    w("Уважаемые! По адресу {addr} после обеда подали холодную воду, но давление очень низкое: газовая колонка не "
      "включается, бачок набирается по 10 минут. Прошу восстановить нормальное давление.", lo=240, hi=380,
      letter=True),
    w("водичка потекла, но как из пипетки 🙄 {loc}", lo=200, hi=380),
    w("Почему такой слабый напор {d}? Обещали же воду дать", lo=220, hi=380),
    w("у остановки «Комарова» в домах вода еле идёт", lo=200, hi=380, on=("Комарова",)),
    w("дали воду а она рыжая, {addr}", lo=300),
    w("из крана ржавчина идёт, {loc}, пить это можно??", lo=300),
    w("вода коричневая!!! {st} {h}", lo=300),
    w("РЖАВАЯ ВОДА {loc}, бельё не постирать", lo=300),
    w("после отключения пошла мутная ржавая вода, {addr} кв {kv}, сколько её сливать?", lo=300),
    w("вода вернулась цвета чая, {st}", lo=300),
    w("у нас вода с песком и ржавая, в чайник страшно наливать", lo=300),
    w("Прошу проверить качество воды: {addr}. После восстановления подачи холодной воды из крана идёт вода бурого "
      "цвета с запахом железа. В квартире маленькие дети, пить её нельзя.", lo=320, letter=True),
    w("{map} тут вода ржавая идёт, а до этого полдня не было вообще", lo=330),
    w("возле поликлиники в домах вода пошла ржавая", lo=300, on=("Поповича",)),
    w("хвс дали, но она рыжая, {po}", lo=300),
    w("Горького {h} — вода ржавая пошла, канализация вроде ушла. Нормальную воду когда дадут?", lo=400,
      on=("Горького",)),
    w("Комарова, Поповича — вода грязная, жёлтая, кто будет отвечать", lo=300, on=("Комарова", "Поповича")),
    w("{d} вода из крана ржавая, не пейте", lo=300),
    w("отстаивать пробовали, всё равно рыжая. {st} {h}", lo=330),
)

POWER = (
    w("свет дайте!!!", hi=290),
    w("{loc} нет света, {dur}", hi=290),
    w("нет э/э {addr}", hi=290),
    w("{st} {h} света нет, что случилось?", hi=200),
    w("{d} света нет, говорят подстанция горит", hi=250),
    w("у подстанции дым столбом, пахнет гарью, весь квартал без света", hi=220, on=("Сахалинская",)),
    w("Горит подстанция во дворе у Сахалинской, пожарные уже там", hi=160, on=("Сахалинская",)),
    w("светофоры {loc} не работают, на перекрёстке хаос", hi=290, on=("Ленина", "Комсомольская")),
    w("Застряли в лифте, {addr}, свет пропал! Помогите", hi=150),
    w("лифт стоит, бабушка с 9 этажа не может спуститься, {addr}", hi=290),
    w("магазины {loc} закрыты, кассы не работают, света нет", hi=290),
    w("в ТЦ «Парус» темно, всех выгнали на мороз", hi=290, on=("Ленина",)),
    w("у нас в доме нет света, в квартире холодает, обогреватель не включить", lo=90, hi=290),
    w("в нашем доме света нет, холодильник потёк, что с продуктами??", lo=120, hi=290),
    w("Здравствуйте. По адресу {addr}, кв. {kv}, с 8:30 нет электроэнергии. Со слов соседей, горит "
      "трансформаторная подстанция во дворе. Прошу сообщить, когда будет восстановлено электроснабжение: в квартире "
      "пожилой человек на кислородном концентраторе.", lo=60, hi=290, letter=True),
    w("ЭЛЕКТРИЧЕСТВО КОГДА??? {st} {h}", hi=290),
    w("Светааа нееет {loc} 😭", hi=290),
    w("эл-во отключили без предупреждения, {addr}", hi=290),
    w("запах гари {loc}, откуда — непонятно, и света нет", hi=220),
    w("{coords} вот здесь подстанция горела, дым до сих пор", hi=240, on=("Сахалинская", "Чехова")),
    w("{map} этот дом без света с утра", lo=90, hi=290),
    w("{d} все светофоры не горят, регулировщиков нет", hi=290),
    w("на остановке у «Паруса» темно, табло не работает", hi=290, on=("Ленина",)),
    w("{st} {h} нет света, интернета, связи нет", hi=290),
    w("что горит {d}? чёрный дым над домами, и свет вырубило", hi=180),
    w("аптека {loc} закрыта — нет света", hi=290),
    w("{st} без света {dur}", lo=60, hi=290),
    w("света нет {po}, на улице -15, дома уже +16", lo=120, hi=290),
    w("Когда дадут свет {loc}?", hi=290),
    w("в подъезде темно, лифт встал, света нет — у нас весь дом так", hi=290),
    w("Ленина — Комсомольская, весь квартал без света", hi=290, on=("Ленина", "Комсомольская")),
    w("ТП сгорела что ли? {st} {h}, ничего не работает", hi=290),
    w("в сетях сказали, заявка {acc} есть, а света всё нет, {dur}", lo=60, hi=290),
    w("Из окна вижу, как горит подстанция, {st} {h}. Пожарные тушат", hi=150, on=("Сахалинская", "Чехова")),
    w("Пришла в поликлинику, а там темно, приём отменили. Весь центр без света?", lo=30, hi=290, on=("Чехова",)),
    w("банкоматы не работают, в магазинах кассы встали, {loc} света нет", hi=290),
    w("свт нет {addr}", hi=290),
    w("свет дали, но мигает, {addr}", lo=240),
    w("моргает свет {loc}, техника с ума сходит", lo=240),
    w("дали и снова выключили, уже раз пять. {st} {h}", lo=240),
    w("напряжение скачет, лампочки мигают, {addr} кв {kv}", lo=240),
    w("свет то есть, то нет {po} — спалите нам всю технику!", lo=240),
    w("Уважаемая администрация! После восстановления электроснабжения по адресу {addr} постоянные перепады "
      "напряжения, мигает освещение, у соседей сгорел холодильник. Прошу принять меры и сообщить, кто возместит "
      "ущерб.", lo=270, letter=True),
    w("мерцает свет 🤬🤬 {st}", lo=240),
    w("{d} свет дали, но моргает, лифт опять встал", lo=250),
    w("у нас свет моргает уже час, холодильник выключили от греха", lo=300),
    w("светофор у «Паруса» то включается, то гаснет", lo=240, on=("Ленина",)),
    w("э/э дали с перебоями {loc}, лампы мигают", lo=240),
    w("СВЕТ МИГАЕТ {st} {h}!!! ЭТО НОРМАЛЬНО??", lo=240),
    w("{map} тут свет дали, но он мигает каждые пару минут", lo=240),
    w("лифт поехал и опять встал, свет мигает. {addr}", lo=250),
    w("{st}: дали свет, мигнул и снова пропал", lo=240),
    w("опять свет выключился {loc}, когда это кончится", lo=260),
    w("гарью у подстанции всё ещё пахнет, а в домах свет мигает", lo=240, on=("Сахалинская",)),
    w("{st} {h} свет скачет, роутер перезагружается каждые 5 минут", lo=240),
    w("{st} д{h} э/э нет", hi=290),
)


@dataclass(frozen=True)
class Outage:
    label: str
    district: str
    streets: tuple[str, ...]
    bank: tuple[Wording, ...]
    first_minute: int
    last_minute: int
    count: int = 100


OUTAGES = (
    Outage("sewer-severny", "Северный", ("Пуркаева", "Украинская", "Горького", "Тихоокеанская"), SEWER, 0, 400),
    Outage("coldwater-severny", "Северный", ("Горького", "Крюкова", "Поповича", "Комарова"), COLDWATER, 60, 460),
    Outage("power-centre", "Центр", ("Ленина", "Комсомольская", "Чехова", "Сахалинская"), POWER, 30, 420),
)
PLACES = {**SEVERNY, **CENTRE}

# Single dwellings on the outages' own streets: (wording, the supplies it needs).
OWN_STREETS = (
    (w("Кран на кухне течёт, не закрывается до конца, {addr} кв {kv}. Куда обратиться?"), ("water",)),
    (w("бачок унитаза всё время журчит, вода бежит, {st} {h}"), ("water",)),
    (w("Соседи сверху топят! {addr}, кв {kv}, потолок в ванной мокрый, дверь не открывают"), ("water",)),
    (w("у меня в квартире подтекает смеситель в ванной, капает всю ночь, {addr}"), ("water",)),
    (w("залило сверху, с потолка на кухне капает, сосед уехал. {st} {h} кв{kv}"), ("water",)),
    (w("в моей квартире лопнул шланг у стиральной машины, залили соседей снизу, {addr}. Нужен сантехник"),
     ("water",)),
    (w("Здравствуйте, {addr}, кв. {kv}. В квартире течёт вентиль на трубе холодной воды под раковиной, "
       "самостоятельно перекрыть не могу. Прошу направить слесаря.", letter=True), ("water",)),
    (w("сосед с пятого этажа топит уже второй раз, у нас мокрый угол в зале, {loc}, дом {h}"), ("water",)),
    (w("течёт из-под ванны, только у меня, стояк сухой. {st} {h}"), ("water",)),
    (w("бачок переполняется и льёт на пол, поплавок сломался? {addr}"), ("water",)),
    (w("капает с трубы в туалете на стыке, подставила тазик, {st} {h} кв{kv}"), ("water",)),
    (w("тихо капает кран в ванной уже неделю, кто меняет прокладки? {addr}"), ("water",)),
    (w("засорился унитаз в квартире, ребёнок уронил игрушку, у соседей всё нормально. {addr} кв {kv}"),
     ("water", "sewer")),
    (w("у меня одной на кухне раковина не уходит, засор, у соседей всё уходит, {st} {h}"), ("water", "sewer")),
    (w("Засор в туалете только в нашей квартире, {addr}, вызвала сантехника — не идёт"), ("water", "sewer")),
    (w("в ванной вода медленно уходит, только у нас, трос не помог, {addr}"), ("water", "sewer")),
    (w("Выбило автомат в квартире и не включается, {addr} кв {kv}, во всём доме свет есть"), ("power",)),
    (w("розетка на кухне заискрила и почернела, {st} {h}, в остальных комнатах свет есть"), ("power",)),
    (w("в квартире пропал свет только в одной комнате, автомат не выбит, {addr}"), ("power",)),
    (w("счётчик щёлкает и вырубает свет, когда включаю чайник, {st} {h} кв {kv}"), ("power",)),
    (w("Здравствуйте. В моей квартире по адресу {addr}, кв. {kv}, после короткого замыкания не работает половина "
       "розеток. У соседей электричество есть. Можно вызвать электрика?", letter=True), ("power",)),
    (w("выбивает пробки, когда включаем обогреватель, {loc}, дом {h}"), ("power",)),
    (w("у меня в прихожей искрит выключатель, боюсь пожара. {addr}"), ("power",)),
    (w("автомат в щитке на площадке отключается только на нашу квартиру, {st} {h}"), ("power",)),
    (w("лампочка в квартире мигает, только на кухне, остальное нормально, {addr}"), ("power",)),
    (w("в одной комнате батарея холодная, остальные горячие, {addr} кв {kv}"), ()),
    (w("полотенцесушитель течёт в ванной, {st} {h}"), ()),
    (w("горячая вода в квартире чуть тёплая, {addr}"), ()),
    (w("в спальне батарея еле тёплая, воздух не спускается, {st} {h} кв {kv}"), ()),
)
OWN_STREET_COUNT = 49
# The minutes a street lacks a supply: a single dwelling needing it is dated outside them.
LACKS = {
    "water": ({"Горького", "Крюкова", "Поповича", "Комарова"}, (60, 460)),
    "sewer": ({"Пуркаева", "Украинская", "Горького", "Тихоокеанская"}, (0, 400)),
    "power": ({"Ленина", "Комсомольская", "Чехова", "Сахалинская"}, (30, 420)),
}

# Single dwellings on other districts' streets: (wording, utility, private house only).
ELSEWHERE = (
    (w("Течёт кран в ванной, не могу перекрыть, {addr} кв {kv}"), "water", False),
    (w("в квартире лопнула труба хвс под мойкой, {addr}, срочно сантехника!"), "water", False),
    (w("соседи сверху залили кухню, {st} {h} кв {kv}, их нет дома"), "water", False),
    (w("бачок не набирается, хотя вода в квартире есть, {addr}"), "water", False),
    (w("Здравствуйте. По адресу {addr}, кв. {kv} течёт стояк холодной воды в туалете, на полу лужа. Слесарь обещает "
       "прийти только завтра. Прошу помочь.", letter=True), "water", False),
    (w("в частном доме {loc} перемёрзла труба, воды нет только у нас, у соседей есть"), "water", True),
    (w("смеситель на кухне сломался, вода хлещет, перекрыла вентиль. {addr}"), "water", False),
    (w("капает с потолка от соседей, {st} д{h}"), "water", False),
    (w("счётчик холодной воды потёк, {addr} кв{kv}, кто меняет?"), "water", False),
    (w("у меня в квартире гудят трубы, когда открываешь кран, {st} {h}"), "water", False),
    (w("протекает гибкая подводка к унитазу в нашей квартире, {addr}"), "water", False),
    (w("у меня течёт фильтр под мойкой, вода на полу, {addr}"), "water", False),
    (w("вентиль на стояке в квартире не перекрывается, {addr} кв {kv}"), "water", False),
    (w("в нашей квартире очень слабый напор, у соседей нормальный, {st} {h}"), "water", False),
    (w("в частном доме насос не качает воду из скважины, {st} {h}, помогите найти мастера"), "water", True),
    (w("засор в туалете, только у нас в квартире, {addr}"), "sewer", False),
    (w("раковина на кухне не уходит, {st} {h} кв {kv}"), "sewer", False),
    (w("Здравствуйте, в квартире {kv} дома {h} {po} засорилась канализация в ванной, у соседей всё работает. Нужен "
       "сантехник.", letter=True), "sewer", False),
    (w("в частном доме замёрз выгребной септик, {st} {h}, кто может откачать?"), "sewer", True),
    (w("из ванной запах канализации, только в нашей квартире, {addr}"), "sewer", False),
    (w("унитаз качается и подтекает снизу, {st} {h}"), "sewer", False),
    (w("сифон под ванной течёт, {addr}"), "sewer", False),
    (w("засор в трубе от ванны к стояку, только в моей квартире, {st} {h}"), "sewer", False),
    (w("из слива в душевой кабине булькает и пахнет, {addr} кв{kv}"), "sewer", False),
    (w("в квартире вода из стиралки не сливается в канализацию, {st} {h}, у соседей нормально"), "sewer", False),
    (w("В квартире выбило автомат, не включается, {addr} кв {kv}. В доме у всех свет есть"), "electricity", False),
    (w("розетка в спальне оплавилась, {st} {h}"), "electricity", False),
    (w("искрит проводка в коридоре квартиры, {addr}, страшно"), "electricity", False),
    (w("у меня в квартире нет света, у соседей есть, автоматы в щитке включены. {addr}"), "electricity", False),
    (w("Добрый день. {addr}, кв. {kv}. В квартире периодически пропадает электричество в одной комнате, электрик "
       "не приходит уже неделю. Прошу посодействовать.", letter=True), "electricity", False),
    (w("в частном доме {loc} {h} оборвало провод от столба к дому, у соседей свет есть"), "electricity", True),
    (w("счётчик электроэнергии не показывает, хотя свет в квартире есть, {addr}"), "electricity", False),
    (w("лампочки в квартире перегорают каждую неделю, {st} {h} кв{kv}, напряжение?"), "electricity", False),
    (w("выбивает автомат, когда включаю стиралку, {addr}"), "electricity", False),
    (w("в квартире мигает свет только на кухне, {addr}"), "electricity", False),
    (w("сгорел электросчётчик в квартире, {st} {h}, свет пропал только у нас"), "electricity", False),
    (w("электроплита не работает, пробки выбивает, {addr}"), "electricity", False),
    (w("кз в распределительной коробке в квартире, {st} {h} кв {kv}, запах горелой проводки"), "electricity", False),
    (w("у меня свет пропал только в квартире, в подъезде горит, {addr}"), "electricity", False),
    (w("в частном доме {st} {h} от счётчика на столбе нет напряжения, у соседей всё горит"), "electricity", True),
    (w("половина розеток в квартире не работает, {addr} кв {kv}"), "electricity", False),
    (w("батарея в зале холодная, в других комнатах тёплые, {addr} кв {kv}"), "heating", False),
    (w("из батареи капает, {st} {h}"), "heating", False),
    (w("горячая вода еле тёплая в моей квартире, {addr}"), "heating", False),
    (w("в квартире холодно, +17, {st} {h} кв {kv}"), "heating", False),
    (w("воздух в батарее, не греет, {addr}"), "heating", False),
    (w("течёт кран горячей воды в квартире, {st} {h}"), "heating", False),
    (w("домофон в подъезде не работает неделю, {addr}"), "other", False),
    (w("лифт в доме {h} {po} опять сломан, пешком на 9 этаж"), "other", False),
    (w("в подъезде на моём этаже не горит лампочка, {st} {h}"), "other", False),
    (w("дверь в подъезд не закрывается, доводчик сломан, {addr}"), "other", False),
)
ELSEWHERE_COUNTS = {"water": 26, "sewer": 18, "electricity": 28, "heating": 10, "other": 6}
# Districts each utility may be written from: a whole building's district and category has no other message.
ALLOWED = {
    "water": ("Луговое", "Южный", "Хомутово", "Центр"),
    "sewer": ("Луговое", "Южный", "Хомутово", "Центр"),
    "electricity": ("Ново-Александровск", "Южный", "Дальнее", "Центр"),
    "heating": ("Луговое", "Ново-Александровск", "Хомутово", "Дальнее", "Центр"),
    "other": ("Южный", "Ново-Александровск"),
}
PRIVATE = ("Луговое", "Ново-Александровск", "Хомутово", "Дальнее")

# Whole buildings without a supply, each alone in its district and category: (wording, district, street, house).
BUILDINGS = (
    (w("Луговое, {addr}: весь дом без света с утра, все подъезды, а в соседних домах свет горит"), "Луговое",
     "Лучистая", 14),
    (w("{st} {h}, Хомутово — во всём доме нет электричества, соседние дома со светом. Что с нашим домом?"),
     "Хомутово", "Центральная", 7),
    (w("Ново-Александровск, {addr}. Во всём доме нет холодной воды, у соседних домов вода есть. Сколько ждать?"),
     "Ново-Александровск", "Кольцевая", 22),
    (w("Здравствуйте. Дальнее, {addr}: во всех подъездах дома стоит канализация, в подвале вода, на первых этажах "
       "не уходит из ванн. В соседних домах всё в порядке. Прошу направить аварийную службу.", letter=True),
     "Дальнее", "Солнечная", 3),
    (w("{addr} — весь дом без отопления и горячей воды, батареи ледяные во всех квартирах"), "Южный", "Есенина", 31),
)
# Others: (wording, place).
OTHERS = (
    (w("яма на дороге {loc} у дома {h}, уже два колеса пробили"), "Амурская"),
    (w("огромная выбоина {loc}, машины объезжают по встречке"), "Шоссейная"),
    (w("{loc} яма во всю полосу возле остановки"), "Победы"),
    (w("{loc} не горят фонари от {h} дома до перекрёстка, темно идти"), "Мира"),
    (w("уличные фонари {po} не работают вторую неделю"), "Садовая"),
    (w("темно {loc}, фонарь у дома {h} не горит"), "Горная"),
    (w("тротуар {loc} сплошной лёд, не посыпано, люди падают"), "Бумажная"),
    (w("гололёд на тротуаре {loc}, у дома {h} никто не чистит"), "Карла Маркса"),
)


# ---------------------------------------------------------------------------------------------------------------
# Writing the lines
# ---------------------------------------------------------------------------------------------------------------

def house_text(rng: random.Random, n: int) -> str:
    r = rng.random()
    if r < 0.6:
        return str(n)
    if r < 0.72:
        return f"{n}{rng.choice('аб')}"
    if r < 0.83:
        return f"{n}/{rng.randint(1, 3)}"
    if r < 0.94:
        return f"{n}к{rng.randint(1, 3)}"
    return f"{n} корп {rng.randint(1, 2)}"


def written_address(rng: random.Random, s: Street, n: int) -> str:
    if rng.random() < 0.35:
        return address(rng, s, n)
    h = house_text(rng, n)
    return rng.choice([
        f"ул. {s.nominative} {h}", f"{s.nominative} {h}", f"{s.nominative} д{h}", f"{s.nominative}, д. {h}",
        f"ул {s.nominative}, {h}", f"д{h} по {s.genitive}", f"дом {n} корп {rng.randint(1, 3)} по ул. {s.genitive}",
        f"на {s.locative} {h}", f"улица {s.nominative}, дом {h}", f"{s.nominative}{h}", f"{s.nominative} дом {h}",
    ])


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def lasted(rng: random.Random, minutes: int) -> str:
    if minutes < 55:
        return f"уже {max(10, minutes // 10 * 10)} минут"
    n = max(1, round(minutes / 60))
    hours = f"{n} {_plural(n, 'час', 'часа', 'часов')}"
    return rng.choice([f"уже {hours}", f"{hours} уже", f"{n}-й час" if n > 1 else "уже час"])


def fill(rng: random.Random, wording: Wording, at: Place, house: int, minute: int, since: int) -> str:
    s = at.street
    if at.typos and rng.random() < 0.1:
        s = Street(rng.choice(at.typos), s.locative, s.genitive)
    lat = at.point[0] + rng.uniform(-0.0015, 0.0015)
    lon = at.point[1] + rng.uniform(-0.0015, 0.0015)
    near, alone = DISTRICT_FORMS.get(at.district, ((f"в {at.district}",), (at.district,)))
    text = wording.text.format(
        addr=written_address(rng, s, house), st=s.nominative, loc=f"на {s.locative}", po=f"по {s.genitive}",
        acc=f"на улицу {at.accusative}", h=house_text(rng, house), kv=rng.randint(1, 140), kv1=rng.randint(1, 4),
        p=rng.randint(1, 6), d=rng.choice(near), D=rng.choice(alone), dur=lasted(rng, minute - since),
        clock=f"{8 + minute // 60:02d}:{minute % 60:02d}", coords=f"{lat:.5f}, {lon:.5f}",
        map=rng.choice([f"https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17", f"geo:{lat:.5f},{lon:.5f}",
                        f"https://yandex.ru/maps/?ll={lon:.5f}%2C{lat:.5f}&z=18"]))
    if not wording.letter:
        if rng.random() < 0.1:
            text = text.lower()
        if rng.random() < 0.08:
            text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!", "?!", " …"])
        if rng.random() < 0.05:
            text = f"{text} {rng.choice(EMOJI)}"
    return " ".join(text.split())


def channel(rng: random.Random, wording: Wording) -> str:
    return rng.choice(LETTER_CHANNELS if wording.letter else CHANNELS)


def line(rng: random.Random, wording: Wording, at: Place, house: int, minute: int, since: int,
         label: str | None, spread: float) -> dict[str, Any]:
    return {"minutes": minute, "channel": channel(rng, wording), "text": fill(rng, wording, at, house, minute, since),
            "location": location(rng, at.point, spread), "incident": label}


def outage_lines(rng: random.Random, outage: Outage) -> list[dict[str, Any]]:
    houses = {name: rng.sample(range(1, 48), 9) for name in outage.streets}
    extra = outage.count - len(outage.bank)
    if not 0 <= extra <= len(outage.bank):
        raise ValueError(f"{outage.label}: each wording once or twice needs {outage.count // 2}–{outage.count}")
    order = list(outage.bank) + rng.sample(outage.bank, extra)
    lines: list[dict[str, Any]] = []
    texts: set[str] = set()
    for wording in order:
        lo, hi = max(wording.lo, outage.first_minute), min(wording.hi, outage.last_minute)
        if lo > hi:
            raise ValueError(f"{outage.label}: no minutes left for {wording.text!r}")
        for _ in range(8):  # two residents seldom write the very same words: another street, house or manner
            name = rng.choice(wording.on or outage.streets)
            entry = line(rng, wording, PLACES[name], rng.choice(houses[name]), rng.randint(lo, hi),
                         outage.first_minute, outage.label, 0.0015)
            if entry["text"] not in texts:
                break
        if entry["text"] in texts:
            entry["text"] = rng.choice(AGAIN).format(entry["text"])
        texts.add(entry["text"])
        lines.append(entry)
    return lines


def free_minutes(needs: tuple[str, ...], name: str) -> list[tuple[int, int]]:
    """The minutes 0–SPAN left when the street lacks none of the supplies the wording needs."""
    spans = [(0, SPAN)]
    for need in needs:
        streets, (start, end) = LACKS[need]
        if name in streets:
            spans = [part for lo, hi in spans for part in ((lo, min(hi, start - 1)), (max(lo, end + 1), hi))
                     if part[0] <= part[1]]
    return spans


def pick_minute(rng: random.Random, spans: list[tuple[int, int]]) -> int:
    lo, hi = rng.choices(spans, weights=[hi - lo + 1 for lo, hi in spans])[0]
    return rng.randint(lo, hi)


def own_street_lines(rng: random.Random) -> list[dict[str, Any]]:
    names = [name for outage in OUTAGES for name in outage.streets]
    names = list(dict.fromkeys(names))  # Горького once
    uses: dict[int, int] = {}
    taken: set[tuple[int, str]] = set()
    lines = []
    for number in range(OWN_STREET_COUNT):
        name = names[number % len(names)]
        choices = [i for i, _ in enumerate(OWN_STREETS) if uses.get(i, 0) < 2 and (i, name) not in taken]
        i = rng.choice(choices)
        wording, needs = OWN_STREETS[i]
        uses[i] = uses.get(i, 0) + 1
        taken.add((i, name))
        lines.append(line(rng, wording, PLACES[name], rng.randint(1, 50), pick_minute(rng, free_minutes(needs, name)),
                          0, None, 0.003))
    return lines


def elsewhere_lines(rng: random.Random, places: dict[str, list[Place]]) -> list[dict[str, Any]]:
    lines = []
    taken: set[tuple[str, str]] = set()
    for utility, count in ELSEWHERE_COUNTS.items():
        bank = [(wording, private) for wording, kind, private in ELSEWHERE if kind == utility]
        if not len(bank) <= count <= 2 * len(bank):
            raise ValueError(f"{utility}: {count} messages from {len(bank)} wordings, each once or twice")
        for wording, private in bank + rng.sample(bank, count - len(bank)):
            districts = [d for d in ALLOWED[utility] if not private or d in PRIVATE]
            while True:
                at = rng.choice(places[rng.choice(districts)])
                if (wording.text, at.street.nominative) not in taken:
                    break
            taken.add((wording.text, at.street.nominative))
            lines.append(line(rng, wording, at, rng.randint(1, 60), rng.randint(0, SPAN), 0, None, 0.003))
    return lines


def unrelated_lines(rng: random.Random) -> list[dict[str, Any]]:
    places = _district_places(rng)
    by_name = {p.street.nominative: p for group in places.values() for p in group} | PLACES
    lines = own_street_lines(rng) + elsewhere_lines(rng, places)
    for wording, _district, name, house in BUILDINGS:
        lines.append(line(rng, wording, by_name[name], house, rng.randint(0, SPAN), 0, None, 0.003))
    for wording, name in OTHERS:
        lines.append(line(rng, wording, by_name[name], rng.randint(1, 40), rng.randint(0, SPAN), 0, None, 0.003))
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = [entry for outage in OUTAGES for entry in outage_lines(rng, outage)] + unrelated_lines(rng)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev14.jsonl", storm())


if __name__ == "__main__":
    main()
