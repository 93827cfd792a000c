"""Writes the development storm of round 18 (tests/data/incidents_storm_dev18.jsonl): two related outages in one
district that must stay two incidents, and a power cut beside dark street lamps.

Южно-Сахалинск, a February weekday; minute 0 is 06:00 local, the storm lasts 480 minutes (to 14:00).

1. `coldwater-yuzhny` (water, 100 messages, minutes 0–420): a cold-water main burst in Южный at about 06:00. First
   no cold water at all (minutes 0–210), then the supply comes back with weak pressure (150–330), then rusty, muddy
   cold water (260–420); on Мира, Есенина and Маяковского. Wordings that say the hot tap still runs are never put
   on Маяковского (its hot water is out too).
2. `hotwater-yuzhny` (heating, 100 messages, minutes 30–460): the district's heat point (ЦТП) stopped at about
   06:30 for an urgent repair; no hot water from the hot tap, radiators still warm for most and lukewarm for some
   (30–220 first reports, 120–400 «still none», 380–460 the hot tap lukewarm or rusty after the restart); on
   Маяковского (shared with the cold water), Победы and Детская. Wordings that say the cold tap runs are never put
   on Маяковского.
   Ten messages on Маяковского (minutes 30–420) say there is neither cold nor hot water: five name or stress the
   cold first (labelled `coldwater-yuzhny`), five the hot (labelled `hotwater-yuzhny`).
3. `power-lugovoe` (electricity, 100 messages, minutes 60–480): a substation fault in Луговое at about 07:00;
   voltage surges and flickering lights first (60–170), then no power (140–480), on Лучистая, Дружбы, Авиационная
   and Шоссейная.

150 unrelated messages (incident null), minutes 0–480:
- 15 in Луговое on its other streets (Ударная, Больничная, Западная, Ключевая, Сиреневая, Майская), minutes
  60–480, each wording once: 10 about street lamps (5 dark at 60–130 on five streets, 5 blinking or burning by day
  at 250–480, at most two on one street), 5 about one flat's breaker tripping (on five streets);
- 40 single dwellings on the outages' own streets: a dripping cold tap or running cistern on Мира/Есенина/
  Маяковского dated 421–480 (after the cold water is back), a broken hot-water mixer on Победы/Детская dated 0–29
  or 461–480 and on Маяковского 461–480, a flat's broken water heater (водонагреватель) on Победы/Детская at any
  minute and on the cold-water streets at 421–480, a flat's socket on Южный's streets at any minute and on
  Луговое's cut streets at 0–59 — every one of them says it is their own flat;
- 85 single dwellings of water, heating and electricity in Северный, Центр, Ново-Александровск, Хомутово and
  Дальнее, each wording at most twice (the second time in another district), never two alike on one street;
- 5 whole buildings without a supply, each alone in its district and category: no other message of that category
  in that district (water in Центр and Хомутово, heating in Северный and Дальнее, electricity in
  Ново-Александровск);
- 5 potholes and icy pavements.

The phrase banks below were written for this storm by a writer who had not read the matching, the classifier, any
other storm's texts or scripts: terse chat, long portal-style letters with house and flat numbers, caps, emoji,
stretched words, typos, shorthand, streets in several cases, houses as «д5», «5к2», «дом 5 корп 1», «5/1», «5а»,
landmark-only, district-only and «у нас»-only messages, coordinates and map links, bare questions and demands, how
long it has lasted (worked out from the minute). Every house, flat, landmark and coordinate is made up. 15 % of each
group (15 of each outage, 22 of the unrelated) carries a "location" near its street.

    .venv/bin/python -m tools.incident_storm_dev18      # or python3 -m tools.incident_storm_dev18
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 18017
PREFIX = "s18"
SPAN = 480
COLD, HOT, POWER = "coldwater-yuzhny", "hotwater-yuzhny", "power-lugovoe"


@dataclass(frozen=True)
class Place:
    name: str  # as on the sign: "Мира", "Детская"
    loc: str  # after "на"/"по": "Мира", "Детской"
    acc: str  # after "на" of direction: "Мира", "Детскую"
    district: str
    typos: tuple[str, ...] = ()  # the name one letter off


def place(name: str, district: str, loc: str | None = None, acc: str | None = None, *typos: str) -> Place:
    return Place(name, loc or name, acc or loc or name, district, typos)


# Made-up centres of the districts (not surveyed, near enough for a test).
DISTRICT_CENTRES = {
    "Южный": (46.9185, 142.7420), "Луговое": (46.9870, 142.6980), "Северный": (46.9830, 142.7440),
    "Центр": (46.9580, 142.7360), "Ново-Александровск": (47.0190, 142.7230), "Хомутово": (46.9050, 142.6860),
    "Дальнее": (46.8790, 142.6950),
}

MIRA = place("Мира", "Южный", None, None, "Миира")
ESENINA = place("Есенина", "Южный", None, None, "Есенена", "Есинина")
MAYAK = place("Маяковского", "Южный", None, None, "Маяковскго", "Маековского")
POBEDY = place("Победы", "Южный", None, None, "Пабеды")
DETSKAYA = place("Детская", "Южный", "Детской", "Детскую", "Деткая")
LUCHISTAYA = place("Лучистая", "Луговое", "Лучистой", "Лучистую", "Лучиствя")
DRUZHBY = place("Дружбы", "Луговое", None, None, "Дружбв")
AVIA = place("Авиационная", "Луговое", "Авиационной", "Авиационную", "Авиоционная")
SHOSSE = place("Шоссейная", "Луговое", "Шоссейной", "Шоссейную", "Шосейная")
LUGOVOE_OTHER = (place("Ударная", "Луговое", "Ударной", "Ударную"), place("Больничная", "Луговое", "Больничной"),
                 place("Западная", "Луговое", "Западной", "Западную"), place("Ключевая", "Луговое", "Ключевой"),
                 place("Сиреневая", "Луговое", "Сиреневой", "Сиреневую"), place("Майская", "Луговое", "Майской"))
SEVERNY = tuple(place(n, "Северный") for n in ("Пуркаева", "Горького", "Крюкова", "Поповича", "Комарова")) + (
    place("Украинская", "Северный", "Украинской", "Украинскую"),
    place("Тихоокеанская", "Северный", "Тихоокеанской", "Тихоокеанскую"),
    place("Физкультурная", "Северный", "Физкультурной", "Физкультурную"),
    place("Амурская", "Северный", "Амурской", "Амурскую"), place("Бумажная", "Северный", "Бумажной", "Бумажную"))
CENTRE = tuple(place(n, "Центр") for n in ("Ленина", "Чехова", "Дзержинского", "Карла Маркса", "Емельянова")) + (
    place("Комсомольская", "Центр", "Комсомольской", "Комсомольскую"),
    place("Сахалинская", "Центр", "Сахалинской", "Сахалинскую"),
    place("Пограничная", "Центр", "Пограничной", "Пограничную"),
    place("Курильская", "Центр", "Курильской", "Курильскую"),
    place("Хабаровская", "Центр", "Хабаровской", "Хабаровскую"))
NOVO = tuple(place(n, "Ново-Александровск", n[:-2] + "ой", n[:-2] + "ую") for n in (
    "Советская", "Молодёжная", "Школьная", "Лесная", "Кольцевая", "Заводская", "Садовая", "Полевая")) + (
    place("Рабочая", "Ново-Александровск", "Рабочей", "Рабочую"),
    place("Крайняя", "Ново-Александровск", "Крайней", "Крайнюю"))
KHOMUTOVO = tuple(place(n, "Хомутово", n[:-2] + "ой", n[:-2] + "ую") for n in ("Новая", "Центральная", "Зелёная",
                                                                                   "Озёрная"))
DALNEE = tuple(place(n, "Дальнее", n[:-2] + "ой", n[:-2] + "ую") for n in ("Горная", "Солнечная", "Речная")) + (
    place("Весенняя", "Дальнее", "Весенней", "Весеннюю"),)
KHOLMSKAYA = place("Холмская", "Южный", "Холмской", "Холмскую")

DISTRICT_FORMS = {
    "Южный": (("Южный", "мкр Южный", "микрорайон Южный", "Южный район"),
              ("в Южном", "на Южном", "в районе Южного", "в мкр. Южный")),
    "Луговое": (("Луговое", "мкр Луговое", "планировочный район Луговое"),
                ("в Луговом", "на Луговом", "в районе Лугового", "в Луговом районе")),
}
LANDMARKS = {  # made up; taken in turn, so that each appears
    COLD: ("у рынка", "возле магазина «Лукошко»", "за школой", "у остановки «Южная площадь»", "возле поликлиники",
           "у хлебного киоска на углу"),
    HOT: ("у ЦТП", "у рынка", "возле детского сада «Ромашка»", "у остановки «Южная площадь»", "за аптекой",
          "возле спорткомплекса"),
    POWER: ("у подстанции", "возле поликлиники", "у магазина «Берёзка»", "возле школы", "у конечной автобуса",
            "у гаражей за котельной"),
}
LANDMARK_TURN: dict[str, int] = {}


def _landmark(label: str) -> str:
    turn = LANDMARK_TURN.get(label, 0)
    LANDMARK_TURN[label] = turn + 1
    return LANDMARKS[label][turn % len(LANDMARKS[label])]


@dataclass(frozen=True)
class W:
    """One wording; `avoid`: streets it must not be put on (it would contradict what that street lacks)."""

    text: str
    avoid: tuple[str, ...] = ()


def ww(*texts: str, avoid: tuple[str, ...] = ()) -> tuple[W, ...]:
    return tuple(W(text, avoid) for text in texts)


NOT_MAYAK = ("Маяковского",)

# --- coldwater-yuzhny -----------------------------------------------------------------------------------------------
COLD_NONE = ww(
    "опять воды нет",
    "{a} нет холодной воды с утра",
    "Холодной воды нет, {a}. Когда дадут?",
    "ХВС нет {loc}, что случилось?",
    "Здравствуйте! По адресу {A}, кв. {kv} отсутствует холодное водоснабжение с 6 утра. Просим сообщить сроки "
    "восстановления и организовать подвоз питьевой воды.",
    "воды нет вообще {loc}!!! ни умыться ни чайник поставить 😡",
    "х/в нет, {a}",
    "в нашем доме нет холодной воды. дети в школу не умытые ушли",
    "Из крана холодной ничего не идёт, только шипит. {a}",
    "Воды нет {loc}, говорят трубу прорвало. Это правда? сколько ждать",
    "{d} опять без холодной воды, прорыв что ли?",
    "хвс нету {vd}",
    "водыыыы нееет 😭",
    "{lm} вода из-под асфальта бьёт, на дороге каток, а в квартирах сухо",
    "вот тут {map} нет воды с шести утра",
    "моя точка {geo}, холодной воды нет",
    "Сосед сказал магистраль прорвало {loc}. Нас хоть предупредят, когда воду дадут?",
    "Во всём подъезде нет холодной воды, {a}",
    "нет х.в. {a} кв{kv}",
    "{vd} есть вода у кого нибудь? у нас нет",
    "Холодная вода не поступает с раннего утра. Адрес: {A}. УК говорит, авария на городских сетях, а нам что делать",
)
COLD_NONE_HOT_OK = ww(
    "у нас хол. вода пропала, горячая идёт, а холодной нет. {a}",
    "горячая из крана течёт, холодной ноль, {loc} даже разбавить нечем",
    avoid=NOT_MAYAK,
)
COLD_PRESSURE = ww(
    "дали воду, но напор никакой, {a}",
    "Холодная еле капает, {a}. Стиралка не запускается",
    "ХВС слабый напор {loc}, на 5 этаже вообще нет",
    "водичка пошла тоненькой струйкой, это надолго?",
    "Напор холодной воды очень слабый, {a}, кв. {kv}. Бачок набирается полчаса.",
    "на верхних этажах {loc} всё ещё нет холодной, внизу чуть течёт",
    "{d}: хол. вода еле идёт",
    "нормальный напор когда будет? {loc} ручеёк из крана",
    "в нашем доме вода есть но давления нет совсем",
    "{a} — напор слабый, газовая колонка не зажигается",
    "{vd} вода вроде есть, но еле-еле",
    "Вода появилась, но струйка с карандаш. {a}",
    "{lm} дали воду? у нас только капает",
)
COLD_RUSTY = ww(
    "Пошла вода, но ржавая, {a}. Пить нельзя",
    "из крана течёт коричневая холодная вода {loc} 🤢",
    "ХВС ржавая, {a}, кв {kv}. Когда промоют трубы?",
    "вода как чай, {loc}",
    "Дали воду, она мутная и с песком. {a}",
    "сливаем уже час а она всё рыжая, {loc}",
    "Хол. вода грязная, бельё не постирать, {a}",
    "{vd} вода пошла мутная, это нормально после аварии?",
    "у нас в доме вода жёлтая и воняет железом",
    "Ржавчина в холодной воде {loc}. Фильтр забился за 10 минут",
    "вадичка ржавая 😡 {a}",
)
COLD_ANY = ww(
    "Сколько ещё ждать нормальную воду? {loc} {dur} мучаемся",
    "ДАЙТЕ ВОДУ!!! {a}",
    "{dur} без нормальной холодной воды, {a}. Вы издеваетесь?",
    "Подвоз воды будет? {d}, {s}",
    "почему не предупредили про отключение воды {loc}??",
    "воду дайте!!!",
    "Что с водой {vd}? Прорыв устранили?",
    "аварийку пришлите {acc}, с водой беда {dur}",
)
COLD_BOTH = ww(  # Маяковского only: neither cold nor hot, the cold named first or stressed
    "{a}: нет ни холодной, ни горячей воды!",
    "Холодной нет с самого утра, и горячей тоже нет. {a}",
    "ни холодной ни горячей, {a}, что происходит",
    "Нет холодной воды совсем, горячей тоже, но главное холодной — даже бачок не набрать. {a}",
    "ХВС нет с шести утра, ГВС потом тоже пропала. {a}",
)

# --- hotwater-yuzhny ------------------------------------------------------------------------------------------------
HOT_EARLY = ww(
    "горячей воды нет",
    "ГВС нет с утра, {a}",
    "г/в отключили? {loc}",
    "Здравствуйте. По адресу {A}, кв. {kv} с половины седьмого нет горячего водоснабжения. Об отключении не "
    "предупреждали. Прошу разобраться и сообщить сроки.",
    "ЦТП встало? у нас {loc} горячей нет",
    "гор. воды нет {vd}",
    "Говорят, ЦТП на срочном ремонте, горячей нет. Надолго?",
    "нет гвс {a}",
    "{lm} горячей нет ни в одном доме",
    "в нашем доме горячей воды нет, отопление вроде греет",
    "Горячую воду отключили без предупреждения!! {a}",
    "ребёнка искупать нечем, горячей нет. {a}",
    "Подскажите, {vd} горячую отключили планово или авария?",
    "{map} — горячей воды нет",
    "горячая вода не идёт. {geo}",
    "горячей нетуууу 😤",
    "ГВС {loc} нет, что за дела",
    "{a} — горячая вода пропала утром",
    "дети в школу без душа ушли, горячей нет {loc}",
)
HOT_EARLY_COLD_OK = ww(
    "Нет горячей воды, {a}. Батареи тёплые, а из гор. крана бежит холодная",
    "из горячего крана течёт ледяная 🥶 {loc}",
    "кран с горячей крутишь, а там холодная. {loc} у всех так?",
    avoid=NOT_MAYAK,
)
HOT_MID = ww(
    "Батареи еле тёплые и горячей воды нет, {a}",
    "ГВС нет уже {dur}! {a}",
    "батареи чуть тёплые, горячей вообще нет, в квартире 17 градусов. {a}, кв. {kv}",
    "Когда запустят ЦТП? {loc} без горячей {dur}",
    "уже {dur} без горячей воды, это нормально??",
    "Добрый день. {A}. Горячего водоснабжения нет с утра, отопление еле тёплое. Просим сообщить сроки ремонта "
    "ЦТП и сделать перерасчёт.",
    "ГОРЯЧУЮ ВОДУ ДАЙТЕ",
    "сколько можно без горячей?? {loc}",
    "{lm} аварийная машина стоит, горячую когда дадут?",
    "г/в нет, батареи тёплые, {a}",
    "нет горячки {loc}, {dur}",
    "Горячая вода отсутствует {dur}. Адрес {A}. Будет перерасчёт?",
    "холодно дома, батареи чуть тёплые, горячей воды тоже нет. {d}",
    "когда ЦТП заработает? ребёнка купать надо, {loc}",
    "Горячее водоснабжение {loc} так и не восстановлено. Ответьте хоть что-нибудь",
    "гвс нет!!! сколько можно ремонтировать ЦТП? {d}",
    "{a}: гвс нет, в квартире прохладно, батареи чуть живые",
    "воды горячей нет, батареи тёплые, но это не дело. {loc}",
)
HOT_MID_COLD_OK = ww(
    "посуду в ледяной мою, горячей нет {dur}. {a}",
    "греем воду в кастрюле, горячей нет {dur}. {a}",
    avoid=NOT_MAYAK,
)
HOT_LATE = ww(
    "горячая пошла, но чуть тёплая, {a}",
    "из гор. крана еле тёплая, это уже починили или нет?",
    "ГВС дали? у нас {loc} пока только тепленькая",
    "горячую вроде включили, но она ржавая и едва тёплая. {a}",
    "{d}: горячая вода пошла, но еле тёплая и с запахом",
)
HOT_ANY = ww(
    "Когда будет горячая вода? {a}",
    "горячую дайте!!!",
    "почему нет горячей воды {loc}?",
    "сколько ещё без ГВС сидеть, {d}",
    "Где горячая вода?? {loc}",
    "у нас горячей нет, у всех так?",
    "ЦТП когда починят? {a}, кв {kv}",
)
HOT_BOTH = ww(  # Маяковского only: neither, the hot named first or stressed
    "Нет ни горячей, ни холодной. {a}",
    "ГВС нет, а теперь и ХВС пропала. {a}",
    "горячей нет уже {dur}, батареи еле тёплые, ну и холодной тоже нет. {a}",
    "{a}: горячей воды нет, холодной тоже, но без горячей с ребёнком вообще никак",
    "нет ни гор., ни хол. {a}",
)

# --- power-lugovoe --------------------------------------------------------------------------------------------------
POWER_SURGE = ww(
    "свет мигает {loc}",
    "Скачки напряжения {loc}, лампочки то ярко, то тускло",
    "У нас моргает свет, {a}. Боимся за технику",
    "напряжение скачет, холодильник щёлкает и отключается. {a}",
    "Здравствуйте, по адресу {A} с 7 утра сильные перепады напряжения, сгорел роутер. Кто возместит ущерб?",
    "свет то есть то нет {vd}",
    "лампочки мигают как на дискотеке {loc} 😳",
    "перепады э/э {a}",
    "{lm} что-то хлопнуло, теперь свет мерцает",
    "Напряжение 170 вольт, {a}, ничего нормально не работает",
    "мерцает свет во всём доме, {a}",
    "свет тусклый, стиралка не запускается. {a}",
    "моргает эл-во {loc}, это авария?",
    "подстанция гудит и свет скачет, {loc}",
)
POWER_NONE = ww(
    "света нет",
    "свет дайте!!!",
    "Нет электричества, {a}",
    "{a} нет света уже {dur}",
    "СВЕТА НЕТ {loc}!!!",
    "Обесточены дома {loc}. Когда включат?",
    "Добрый день! По адресу {A}, кв. {kv} отсутствует электроснабжение. Перед этим были сильные скачки "
    "напряжения. Прошу сообщить сроки восстановления.",
    "{lm} света нет во всех домах, что сгорело?",
    "света нет, отопление электрическое, дома холодает. {a}",
    "без света {dur}, продукты в холодильнике портятся",
    "э/э нет {a}",
    "ни света ни интернета {loc}",
    "{d} опять без света? {loc} темно",
    "ТП выбило? {loc} света нет",
    "у нас в доме света нет, лифт стоит, бабушка на 9 этаже",
    "свет вырубился после скачков, {a}",
    "{map} тут света нет",
    "нет эл-ва. координаты {geo}",
    "светааа нееет 😭 {loc}",
    "пропал свет во всём районе? {vd}",
    "Отключение электроэнергии {loc}, дом {h} и соседние. Предупреждения не было.",
    "Когда дадут свет {loc}?",
    "в подъезде темно, в квартирах света нет, {a}",
    "свет на пять минут дали и опять пропал {loc}",
    "Электричества нет {dur}. Аварийка хоть едет? {a}",
    "котёл без света не работает, дома холодно. {a}",
    "{lm} аварийная машина стоит, свет когда будет?",
    "даже фонари не горят, и в домах темно {loc}",
    "насос без электричества встал, так что и воды нет, {a}",
    "Свет отключили {loc}, у мамы аппарат кислородный, срочно!!!",
    "{vd} подстанция сгорела, сидим без света {dur}",
    "нет света {loc}, холодильник потёк",
)
POWER_ANY = ww(
    "что со светом {vd}?",
    "что с электричеством {loc}??",
    "сколько можно издеваться с электричеством {vd}",
    "почему такое со светом {loc}, предупреждать надо",
    "Эл-во когда нормально будет, {a}?",
    "СВЕТ!!! {a}",
    "аварийку {acc} пришлите, со светом беда",
    "какие сроки по электричеству {vd}?",
)

# --- unrelated ------------------------------------------------------------------------------------------------------
LUGOVOE_LAMPS_DARK = (  # minutes 60–130: it is still dark
    "На {s_loc} не горят фонари, темно идти до остановки",
    "фонари не горят {loc} от дома {h} до конца улицы",
    "уличное освещение {loc} не работает, дети в школу в темноте идут",
    "темно на {s_loc}, ни одного фонаря",
    "улица {s} без освещения, фонари погасли ночью и так и не включились",
)
LUGOVOE_LAMPS_DAY = (  # minutes 250–480, by day
    "фонари {loc} мигают уже неделю",
    "на {s_loc} фонарь моргает у дома {h}, в окна бьёт",
    "Фонари {loc} горят днём, а утром не горели. Кто этим занимается?",
    "столб освещения у дома {h} по {po} не горит",
    "фонарь {loc} то загорается то гаснет, заменить бы лампу",
)
LUGOVOE_BREAKER = (
    "у меня в квартире выбивает автомат, когда включаю чайник. {a}, кв {kv}. У соседей свет есть",
    "выбивает пробки в квартире, у соседей всё нормально. {a}",
    "автомат в щитке выбивает только у нас, кв. {kv}, {a}. Электрика от УК не дождаться",
    "в одной комнате нет света, автомат щёлкает, {a} кв {kv}",
    "УЗО выбивает постоянно в нашей квартире, {a}",
)
FLAT_COLD_TAP = (  # on the cold-water streets, minutes 421–480
    "В квартире капает кран холодной воды, {a}, кв. {kv}. Как вызвать сантехника?",
    "у меня течёт бачок унитаза, вода бежит постоянно, {a} кв{kv}",
    "Подтекает труба холодной воды под раковиной в нашей квартире, {a}",
    "хол. кран на кухне не закрывается до конца, капает, кв {kv} {a}",
    "это у меня в ванной х/в подтекает, в квартире {kv}, {a}, соседей пока не залило",
    "кран-буксу на холодной надо поменять в квартире {kv}, {a}, кто делает?",
    "счётчик холодной воды в квартире подтекает, {a}, кв {kv}",
)
FLAT_HOT_MIXER = (  # on the hot-water streets, minutes 0–29 (not Маяковского) or 461–480
    "Сломался смеситель, горячая течёт из-под крана, {a}, кв. {kv}",
    "в ванной смеситель гор. воды не закрывается, {a} кв {kv}",
    "У меня в квартире подтекает кран горячей воды на кухне. {a}, кв {kv}",
    "полотенцесушитель течёт в квартире {kv}, {a}",
    "смеситель развалился, перекрыл кран на квартиру, {a} кв {kv}, нужен сантехник",
    "Вентиль ГВС в квартире сорвало, {a}, кв. {kv}",
    "гор. кран в ванной капает день и ночь, кв {kv} {a}",
)
FLAT_BOILER = (  # on Победы/Детская any minute, on the cold-water streets 421–480
    "Сломался водонагреватель в квартире, {a}, кв. {kv}. Подскажите мастера",
    "бойлер в квартире не греет, {a} кв{kv}, лампочка не загорается",
    "водонагреватель потёк, залил пол, {a}, кв. {kv}",
    "У меня в кв. {kv} накрылся водонагреватель, ТЭН сгорел наверное. {a}",
    "Из бойлера капает вода, только у меня в квартире, {a}",
)
FLAT_SOCKET = (  # on Южный's streets any minute, on Луговое's cut streets 0–59
    "в квартире не работает розетка на кухне, {a}, кв. {kv}",
    "розетка искрит в комнате, {a} кв {kv}, страшно",
    "Розетка в ванной оплавилась, {a}, кв. {kv}",
    "Не работают розетки в одной комнате, остальное работает. {a}, кв {kv}",
    "розетка болтается и греется, кв {kv} {a}",
    "Нужен электрик: выгорела розетка в квартире, {a}, кв. {kv}",
)
ELSEWHERE = {
    "water": (
        "капает кран на кухне, {a}, кв {kv}",
        "течёт бачок унитаза в квартире, {a} кв. {kv}",
        "в квартире {kv} слабый напор только на кухне, видимо фильтр, {a}",
        "засор канализации в квартире, {a}, кв {kv}, раковина не уходит",
        "в моей квартире из крана холодной идёт мутная вода после замены труб, {a}",
        "лопнул шланг у стиралки, залили соседей снизу, {a}, кв {kv}",
        "счётчик холодной воды сломался, {a}, кв {kv}, кого вызывать?",
        "у меня в квартире ржавая вода из холодного крана, у соседей нормальная, {a}",
        "Прошу заменить вентиль ХВС в квартире {kv}, {a}, не перекрывается",
        "труба под ванной течёт, {a}, кв {kv}",
        "унитаз подтекает, сантехник из УК не идёт уже неделю. {a}",
        "в квартире нет холодной воды только на кухне, в ванной есть. {a}, кв {kv}",
        "фильтр на вводе в квартиру забился, напор никакой, {a}",
        "запах канализации в ванной, {a} кв {kv}",
        "течёт кран-букса, капает всю ночь, {a}",
        "сифон под раковиной протекает, {a}, кв. {kv}",
        "гудят трубы холодной воды в квартире, {a}",
    ),
    "heating": (
        "в одной комнате батарея холодная, остальные горячие, {a}, кв {kv}",
        "подтекает батарея в квартире, {a} кв {kv}",
        "завоздушило радиатор в спальне, {a}, кв. {kv}",
        "у меня в квартире не греет полотенцесушитель, {a}",
        "из крана горячей идёт чуть тёплая только у меня, соседи говорят у них нормально. {a}, кв {kv}",
        "течёт кран горячей воды в ванной, {a}, кв {kv}",
        "счётчик горячей воды не крутится, {a}, кв {kv}",
        "в квартире холодно только на кухне, батарея там еле тёплая, {a}",
        "смеситель сломался, горячая течёт, {a} кв. {kv}",
        "водонагреватель в квартире не работает, {a}, кв {kv}",
        "в нашей квартире батареи горячие до ужаса, не регулируются, {a}",
        "радиатор капает на стыке, {a}, кв {kv}, подставили тазик",
        "просьба прислать слесаря стравить воздух из батареи, {a}, кв {kv}",
        "вентиль на батарее сорвало, {a} кв. {kv}",
        "полотенцесушитель течёт, {a}, кв {kv}",
        "горячая вода в ванной есть, а на кухне нет, {a}, кв. {kv}",
        "после замены батареи в квартире она не греет, {a}, кв {kv}",
    ),
    "electricity": (
        "розетка искрит, {a}, кв {kv}",
        "в квартире выбивает автомат, {a}, кв {kv}",
        "в одной комнате нет света, {a}, кв. {kv}",
        "сгорел счётчик электроэнергии в квартире, {a}, кв {kv}",
        "розетка на кухне не работает, {a}",
        "свет в квартире мигает, у соседей нормально, {a}, кв {kv}",
        "Не работает выключатель в коридоре, {a}, кв {kv}",
        "провод в щитке на площадке у нашей квартиры греется, {a}",
        "у меня в квартире пахнет горелой проводкой, {a}, кв {kv}",
        "пробки выбивает, когда включаю обогреватель, {a}",
        "лампочки в квартире часто перегорают, напряжение что ли скачет только у нас? {a}, кв {kv}",
        "УЗО срабатывает в ванной, {a}, кв {kv}",
        "оборвало провод к моему частному дому, {a}",
        "в моём частном доме нет света, у соседей есть, {a}",
        "искрит в квартирном щитке, {a}, кв {kv}",
        "электрик нужен: в квартире половина розеток не работает, {a}",
        "после ремонта в квартире нет света на кухне, {a}",
    ),
}
ELSEWHERE_DISTRICTS = {  # the whole buildings' districts are left out of their category
    "water": SEVERNY + NOVO + DALNEE,
    "heating": CENTRE + NOVO + KHOMUTOVO,
    "electricity": SEVERNY + CENTRE + KHOMUTOVO + DALNEE,
}
ELSEWHERE_COUNTS = {"water": 28, "heating": 28, "electricity": 29}
BUILDINGS = (  # (wording, street): each alone in its district and category
    ("{a} — весь дом без холодной воды, во всех подъездах сухо. Соседние дома с водой", CENTRE[0]),
    ("{a}: отопление не работает во всех квартирах дома, батареи ледяные", SEVERNY[2]),
    ("{a}, весь дом без света, в соседних домах свет есть", NOVO[0]),
    ("нет воды во всём доме с утра, {a}, у соседних домов есть", KHOMUTOVO[1]),
    ("{a}: нет отопления и горячей воды во всём доме, у соседей всё работает", DALNEE[0]),
)
ROADS = (  # potholes and ice
    ("яма на дороге {loc} у дома {h}, чуть колесо не пробил", CENTRE[1]),
    ("гололёд на тротуаре {loc}, люди падают, посыпьте", SEVERNY[4]),
    ("тротуар {loc} не посыпан, сплошной лёд", KHOLMSKAYA),
    ("огромная выбоина {loc}, замёрзла, машины прыгают", NOVO[8]),
    ("скользко у остановки {loc}, пожилые падают", DALNEE[1]),
)


def _street_coords() -> dict[str, tuple[float, float]]:
    rng = random.Random(SEED + 1)
    places = (MIRA, ESENINA, MAYAK, POBEDY, DETSKAYA, LUCHISTAYA, DRUZHBY, AVIA, SHOSSE, KHOLMSKAYA,
              *LUGOVOE_OTHER, *SEVERNY, *CENTRE, *NOVO, *KHOMUTOVO, *DALNEE)
    coords = {}
    for p in places:
        lat, lon = DISTRICT_CENTRES[p.district]
        coords[p.name] = (round(lat + rng.uniform(-0.007, 0.007), 5), round(lon + rng.uniform(-0.009, 0.009), 5))
    return coords


COORDS = _street_coords()


def _house(rng: random.Random) -> str:
    n = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    r = rng.random()
    if r < 0.62:
        return str(n)
    if r < 0.72:
        return f"{n}а"
    if r < 0.80:
        return f"{n}к{rng.randint(1, 3)}"
    if r < 0.87:
        return f"{n}/{rng.randint(1, 4)}"
    if r < 0.94:
        return f"{n} корп {rng.randint(1, 2)}"
    return f"{n}Б"


def _name(rng: random.Random, p: Place) -> str:
    return rng.choice(p.typos) if p.typos and rng.random() < 0.08 else p.name


def _address(rng: random.Random, p: Place, h: str) -> str:
    s = _name(rng, p)
    forms = [f"ул. {s} {h}", f"ул.{s}, {h}", f"{s}, д.{h}", f"{s} {h}", f"ул {s} д {h}", f"{s} д{h}",
             f"дом {h} по {p.loc}", f"дом {h} по ул. {p.loc}", f"на {p.loc} {h}", f"улица {s}, дом {h}",
             f"{s}, дом {h}", f"{s} {h}", f"ул. {s}, д. {h}"]
    if rng.random() < 0.06:
        return f"{s}{h}"
    return rng.choice(forms)


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


ORDINAL_HOUR = {2: "второй", 3: "третий", 4: "четвёртый", 5: "пятый", 6: "шестой", 7: "седьмой", 8: "восьмой"}


def _lasting(rng: random.Random, elapsed: int) -> str:
    """How long it has lasted, as a resident puts it, `elapsed` minutes after the outage began."""
    if elapsed < 45:
        return rng.choice(["с утра", "с самого утра", "уже полчаса"])
    if elapsed < 60:
        return rng.choice(["уже почти час", "целый час"])
    n = elapsed // 60
    forms = [f"уже {n} {_plural(n, 'час', 'часа', 'часов')}", f"{n} {_plural(n, 'час', 'часа', 'часов')}"]
    if n + 1 in ORDINAL_HOUR:
        forms.append(f"{ORDINAL_HOUR[n + 1]} час")
    if n >= 3:
        forms.append("полдня")
    return rng.choice(forms)


def _geo(rng: random.Random, p: Place) -> tuple[float, float]:
    lat, lon = COORDS[p.name]
    return round(lat + rng.uniform(-0.0015, 0.0015), 5), round(lon + rng.uniform(-0.0015, 0.0015), 5)


def _map(rng: random.Random, p: Place) -> str:
    lat, lon = _geo(rng, p)
    return rng.choice([f"https://yandex.ru/maps/?pt={lon},{lat}&z=17", f"https://2gis.ru/geo/{lon},{lat}",
                       f"geo:{lat},{lon}"])


def _fill(rng: random.Random, template: str, p: Place, minute: int, start: int, label: str | None) -> str:
    h = _house(rng)
    forms = DISTRICT_FORMS.get(p.district, ((p.district,), (f"в {p.district}",)))
    lat, lon = _geo(rng, p)
    values = {
        "a": _address(rng, p, h), "h": h,
        "A": rng.choice([f"ул. {p.name}, д. {h}", f"ул. {p.name}, дом {h}", f"улица {p.name}, д. {h}"]),
        "s": _name(rng, p), "s_loc": p.loc,
        "loc": rng.choice([f"на {p.loc}", f"на {p.loc}", f"на ул. {p.loc}", f"на улице {p.loc}"]),
        "po": rng.choice([p.loc, f"ул. {p.loc}", f"улице {p.loc}"]),
        "acc": rng.choice([f"на {p.acc}", f"на улицу {p.acc}"]),
        "d": rng.choice(forms[0]), "vd": rng.choice(forms[1]),
        "lm": _landmark(label) if label and "{lm}" in template else "",
        "kv": rng.choice([rng.randint(1, 40), rng.randint(1, 140)]),
        "dur": _lasting(rng, minute - start),
        "geo": rng.choice([f"{lat}, {lon}", f"{lat},{lon}", f"{lat} {lon}"]), "map": _map(rng, p),
    }
    if template.startswith("{lm}"):
        values["lm"] = values["lm"][:1].upper() + values["lm"][1:]
    text = template.format(**values).replace("уже уже", "уже")
    if rng.random() < 0.11:
        text = text.lower()
    if rng.random() < 0.08:
        text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!", " …", ")))", "!!!!!"])
    if rng.random() < 0.04:
        text = text + " " + rng.choice(["🙏", "😡", "🤬", "😢", "👎"])
    return " ".join(text.split())


def _cap(wording: W, once: bool) -> int:
    """A wording is used at most twice, once if it has nothing to vary (no street, house, time) or `once`."""
    return 1 if once or "{" not in wording.text else 2


def _pick(rng: random.Random, bank: tuple[W, ...], streets: tuple[Place, ...], used: dict[str, int],
          once: bool) -> tuple[W, Place]:
    left = [w for w in bank if used.get(w.text, 0) < _cap(w, once) and any(p.name not in w.avoid for p in streets)]
    if not left:
        raise ValueError("a phase asks more messages than its wordings allow")
    wording = rng.choice(left)
    used[wording.text] = used.get(wording.text, 0) + 1
    return wording, rng.choice([p for p in streets if p.name not in wording.avoid])


def _minute(rng: random.Random, low: int, high: int) -> int:
    return int(round(rng.triangular(low, high, low + (high - low) * 0.3)))


SEEN: set[str] = set()  # no two messages of the storm word for word the same


def _outage(rng: random.Random, label: str, start: int, streets: tuple[Place, ...],
            phases: list[tuple[tuple[W, ...], int, int, int, tuple[Place, ...] | None]]) -> list[dict[str, Any]]:
    """phases: (bank, count, first minute, last minute, streets or None for the outage's); each wording used at
    most twice (the "both" wordings once)."""
    lines: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    for bank, count, low, high, only in phases:
        for _ in range(count):
            wording, p = _pick(rng, bank, only or streets, used, once=only is not None)
            minute = _minute(rng, low, high)
            text = _fill(rng, wording.text, p, minute, start, label)
            while text in SEEN:
                text = _fill(rng, wording.text, p, minute, start, label)
            SEEN.add(text)
            lines.append({"minutes": minute, "channel": rng.choice(CHANNELS), "text": text, "place": p})
    return lines


def _noise_line(rng: random.Random, template: str, p: Place, minute: int) -> dict[str, Any]:
    text = _fill(rng, template, p, minute, 0, None)
    while text in SEEN:
        text = _fill(rng, template, p, minute, 0, None)
    SEEN.add(text)
    return {"minutes": minute, "channel": rng.choice(CHANNELS), "text": text, "place": p, "incident": None}


def _unrelated(rng: random.Random) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    used: set[tuple[str, str]] = set()
    counts: dict[str, int] = {}

    lamps: dict[str, int] = {}  # street lamps: at most one at dawn and one by day on one street of Луговое
    breakers: dict[str, int] = {}

    def take(bank: tuple[str, ...], streets: tuple[Place, ...], low: int, high: int, n: int,
             minutes: tuple[tuple[int, int], ...] | None = None, cap: int = 2,
             per_street: dict[str, int] | None = None, street_cap: int = 2) -> None:
        made = 0
        while made < n:
            template, p = rng.choice(bank), rng.choice(streets)
            if (template, p.name) in used or counts.get(template, 0) >= cap:
                continue
            if per_street is not None and per_street.get(p.name, 0) >= street_cap:
                continue
            used.add((template, p.name))
            counts[template] = counts.get(template, 0) + 1
            if per_street is not None:
                per_street[p.name] = per_street.get(p.name, 0) + 1
            span = rng.choice(minutes) if minutes else (low, high)
            lines.append(_noise_line(rng, template, p, rng.randint(*span)))
            made += 1

    # Луговое, other streets, in the power cut's hours.
    take(LUGOVOE_LAMPS_DARK, LUGOVOE_OTHER, 60, 130, 5, cap=1, per_street=lamps, street_cap=1)
    take(LUGOVOE_LAMPS_DAY, LUGOVOE_OTHER, 250, 480, 5, cap=1, per_street=lamps)
    take(LUGOVOE_BREAKER, LUGOVOE_OTHER, 60, 480, 5, cap=1, per_street=breakers, street_cap=1)
    # Single dwellings on the outages' own streets (40).
    take(FLAT_COLD_TAP, (MIRA, ESENINA, MAYAK), 421, 480, 10)
    take(FLAT_HOT_MIXER, (POBEDY, DETSKAYA), 0, 0, 7, minutes=((0, 29), (461, 480)))
    take(FLAT_HOT_MIXER, (MAYAK,), 461, 480, 3)
    take(FLAT_BOILER, (POBEDY, DETSKAYA), 0, 480, 5)
    take(FLAT_BOILER, (MIRA, ESENINA, MAYAK), 421, 480, 3)
    take(FLAT_SOCKET, (MIRA, ESENINA, MAYAK, POBEDY, DETSKAYA), 0, 480, 6)
    take(FLAT_SOCKET, (LUCHISTAYA, DRUZHBY, AVIA, SHOSSE), 0, 59, 6)
    # Single dwellings elsewhere (85): each wording at most twice, the second time in another district, and at
    # most two messages of one category on one street.
    for category, n in ELSEWHERE_COUNTS.items():
        bank, streets = ELSEWHERE[category], ELSEWHERE_DISTRICTS[category]
        districts_of: dict[str, set[str]] = {}
        per_street: dict[str, int] = {}
        made = 0
        while made < n:
            template, p = rng.choice(bank), rng.choice(streets)
            seen_in = districts_of.get(template, set())
            if p.district in seen_in or len(seen_in) >= 2 or per_street.get(p.name, 0) >= 2:
                continue
            districts_of.setdefault(template, set()).add(p.district)
            per_street[p.name] = per_street.get(p.name, 0) + 1
            lines.append(_noise_line(rng, template, p, rng.randint(0, SPAN)))
            made += 1
    for template, p in BUILDINGS + ROADS:
        lines.append(_noise_line(rng, template, p, rng.randint(0, SPAN)))
    return lines


def _located(rng: random.Random, lines: list[dict[str, Any]]) -> None:
    """Exactly 15 % of the group (rounded) carries a location near its street."""
    chosen = set(rng.sample(range(len(lines)), round(len(lines) * 0.15)))
    for index, line in enumerate(lines):
        p = line.pop("place")
        line["location"] = location(rng, COORDS[p.name], 0.0015, share=1.0) if index in chosen else None


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    SEEN.clear()
    LANDMARK_TURN.clear()
    cold = _outage(rng, COLD, 0, (MIRA, ESENINA, MAYAK), [
        (COLD_NONE + COLD_NONE_HOT_OK, 40, 0, 210, None), (COLD_PRESSURE, 22, 150, 330, None),
        (COLD_RUSTY, 20, 260, 420, None), (COLD_ANY, 13, 0, 420, None), (COLD_BOTH, 5, 30, 420, (MAYAK,))])
    hot = _outage(rng, HOT, 30, (MAYAK, POBEDY, DETSKAYA), [
        (HOT_EARLY + HOT_EARLY_COLD_OK, 38, 30, 220, None), (HOT_MID + HOT_MID_COLD_OK, 37, 120, 400, None),
        (HOT_LATE, 8, 380, 460, None), (HOT_ANY, 12, 30, 460, None), (HOT_BOTH, 5, 30, 420, (MAYAK,))])
    power = _outage(rng, POWER, 60, (LUCHISTAYA, DRUZHBY, AVIA, SHOSSE), [
        (POWER_SURGE, 27, 60, 170, None), (POWER_NONE, 58, 140, 480, None), (POWER_ANY, 15, 60, 480, None)])
    for label, group in ((COLD, cold), (HOT, hot), (POWER, power)):
        for line in group:
            line["incident"] = label
        _located(rng, group)
    noise = _unrelated(rng)
    _located(rng, noise)
    return numbered(rng, cold + hot + power + noise, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev18.jsonl", storm())


if __name__ == "__main__":
    main()
