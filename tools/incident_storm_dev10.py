"""Writes the tenth development storm of incident grouping (tests/data/incidents_storm_dev10.jsonl).

What it tests: one dwelling's trouble stays apart from an outage on its own street at the same time. Three outages
in two districts of Южно-Сахалинск:

- `water-severny` (105): a burst cold-water main at the pumping station leaves Комарова, Физкультурная, Амурская,
  Бумажная, Поповича (Северный) without water, from the first minutes;
- `heat-severny` (100): the heat main to Пуркаева, Украинская, Горького, Тихоокеанская, Крюкова (Северный) fails,
  radiators and hot water go cold;
- `power-yuzhny` (95): a power cut on Мира, Победы, Есенина, Маяковского, Детская, Холмская (Южный).

150 unrelated: 60 single dwellings' failures of the same utility on those very streets, dated inside that outage's
hours (a flat's fuse, a burnt socket, one cold radiator, a leaking riser or mixer, a valve the plumber shut, a flat
flooded from above; a few say nothing that sets them apart and are labelled as their writer means them, their own
problem); 90 elsewhere: the same utilities' single dwellings in other districts, four whole-building losses alone in
their district and category, and ordinary appeals (street lamps, potholes, snow), some on the outages' streets.

The phrase banks were written for this repository in the manner of residents' messages (made-up houses, landmarks
and coordinates; no real person's words). Fixed seed.

    .venv/bin/python -m tools.incident_storm_dev10
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 10017
PREFIX = "x"


@dataclass(frozen=True)
class Street:
    nom: str  # Амурская
    gen: str  # (с) Амурской
    dat: str  # (по) Амурской
    acc: str  # (на) Амурскую
    ins: str  # (за) Амурской
    loc: str  # (на) Амурской
    typos: tuple[str, ...]  # one letter off, in the nominative


def adjective(nom: str, typos: tuple[str, ...]) -> Street:
    stem = nom[:-2]
    return Street(nom, stem + "ой", stem + "ой", stem + "ую", stem + "ой", stem + "ой", typos)


def fixed(nom: str, typos: tuple[str, ...]) -> Street:
    return Street(nom, nom, nom, nom, nom, nom, typos)


@dataclass(frozen=True)
class Area:
    label: str
    streets: tuple[Street, ...]
    district: tuple[str, ...]
    landmarks: tuple[str, ...]
    centre: tuple[float, float]
    first_minute: int
    last_minute: int
    count: int
    texts: tuple[str, ...]


def house_form(rng: random.Random) -> str:
    number = rng.choice([rng.randint(1, 14), rng.randint(1, 48)])
    return rng.choice([f"{number}", f"{number}", f"д{number}", f"д.{number}", f"д. {number}", f"дом {number}",
                       f"{number}к{rng.randint(1, 3)}", f"дом {number} корп {rng.randint(1, 3)}",
                       f"{number}/{rng.randint(1, 4)}", f"{number}а"])


def street_name(rng: random.Random, s: Street, form: str) -> str:
    name = getattr(s, form)
    if form == "nom" and s.typos and rng.random() < 0.15:
        name = rng.choice(s.typos)
    if rng.random() < 0.1:
        name = name.lower()
    return name


def address(rng: random.Random, s: Street) -> str:
    house = house_form(rng)
    nom = street_name(rng, s, "nom")
    return rng.choice([
        f"ул. {nom} {house}", f"ул.{nom}, {house}", f"{nom} {house}", f"{nom}, {house}", f"{nom} {house}",
        f"ул {nom} {house}", f"улица {nom}, {house}", f"{house} по {s.dat}", f"{house} по ул. {s.dat}",
        f"{nom}-{house}" if house.isdigit() else f"{nom} {house}", f"на {s.loc} {house}",
    ])


def coords_text(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = round(centre[0] + rng.uniform(-0.004, 0.004), 4)
    lon = round(centre[1] + rng.uniform(-0.004, 0.004), 4)
    return rng.choice([f"{lat}, {lon}", f"{lat} {lon}", f"({lat};{lon})", f"https://yandex.ru/maps/?pt={lon},{lat}",
                       f"геолокация {lat},{lon}"])


def fill(rng: random.Random, template: str, s: Street, other: Street, district: tuple[str, ...],
         landmarks: tuple[str, ...], centre: tuple[float, float]) -> str:
    text = template.format(
        addr=address(rng, s), nom=street_name(rng, s, "nom"), gen=s.gen, dat=s.dat, acc=s.acc, ins=s.ins,
        loc=s.loc, other=other.ins, other_loc=other.loc, house=house_form(rng),
        district=rng.choice(district) if district else "", landmark=rng.choice(landmarks) if landmarks else "",
        coords=coords_text(rng, centre))
    if rng.random() < 0.08:
        text = text.lower()
    return " ".join(text.split())


# --- the outages' streets ---

KOMAROVA = fixed("Комарова", ("Комарво", "Комарава", "Камарова"))
FIZKULT = adjective("Физкультурная", ("Фискультурная", "Физкультурня", "Физкултурная"))
AMURSKAYA = adjective("Амурская", ("Амурскя", "Амурска", "Омурская"))
BUMAZHNAYA = adjective("Бумажная", ("Бумажня", "Бумаждная", "Бумашная"))
POPOVICHA = fixed("Поповича", ("Поповча", "Паповича", "Поповиа"))

PURKAEVA = fixed("Пуркаева", ("Пуркева", "Пуркаево", "Пуркаеваа"))
UKRAINSKAYA = adjective("Украинская", ("Украиская", "Укроинская", "Украинсая"))
GORKOGO = fixed("Горького", ("Горкого", "Горьково", "Горьког"))
TIKHOOKEANSKAYA = adjective("Тихоокеанская", ("Тихокеанская", "Тихоакеанская", "Тихоокенская"))
KRYUKOVA = fixed("Крюкова", ("Крюкво", "Крюково", "Крукова"))

MIRA = fixed("Мира", ("Мирра", "Миира", "Мра"))
POBEDY = fixed("Победы", ("Побед", "Пабеды", "Победв"))
ESENINA = fixed("Есенина", ("Есенена", "Есениа", "Ессенина"))
MAYAKOVSKOGO = fixed("Маяковского", ("Маяковкого", "Маековского", "Маяковскго"))
DETSKAYA = adjective("Детская", ("Дедская", "Детска", "Деткая"))
KHOLMSKAYA = adjective("Холмская", ("Холмска", "Холмскя", "Холмсккая"))

SEVERNY = ("в Северном", "Северный", "мкр Северный", "на Северном", "в северном", "в мкр. Северный",
           "Северный р-н", "в Северном микрорайоне", "в Северном районе", "в Севреном")
YUZHNY = ("в Южном", "Южный", "мкр Южный", "в южном", "в мкр. Южный", "Южный р-н", "в Южном микрорайоне",
          "в районе Южный", "в Ужном")

WATER_LANDMARKS = ("у бассейна «Волна»", "возле стадиона «Спартак»", "за магазином «Берёзка»",
                   "у остановки «Амурский сквер»", "около 14-й школы", "за аптекой «Живица»")
HEAT_LANDMARKS = ("у ТЦ «Гранит»", "возле поликлиники №4", "за котельной у гаражей", "около пекарни «Колосок»",
                  "у детсада «Рябинка»", "напротив почты")
POWER_LANDMARKS = ("у рынка «Южный двор»", "возле магазина «Fix»", "за 26-й школой", "около ДК «Родина»",
                   "у остановки «Холмская»", "возле шиномонтажа", "у аптеки «Сахфарм»")

WATER_TEXTS = (
    "Нет воды на {loc}",
    "{addr} воды нет с утра",
    "воды нет!!! {addr}",
    "ХВС нет {addr}",
    "Когда дадут воду на {loc}?",
    "Сколько можно, опять без воды {district} 😡",
    "У нас на {loc} холодной воды нет вообще, краны пустые",
    "Вода где? {addr}",
    "ВОДЫ НЕТ на {loc} !!!",
    "Водыы нееет, {nom}",
    "{addr}. Утром открыла кран — ничего, ни холодной, ни горячей не идёт",
    "На {acc} воду когда вернут? Дети не умытые в школу пошли",
    "Здравствуйте. Проживаю по адресу {addr}. С 6 утра отсутствует холодное водоснабжение. "
    "В УК трубка не берётся. Прошу сообщить причину и сроки. Спасибо",
    "Вода есть у кого на {loc}?",
    "{district} без воды, трубу прорвало говорят",
    "У нас в доме нет воды и у соседей по двору тоже, {nom}",
    "вода нет на {loc} уже 3 часа",
    "Около {house} {gen} прорвало трубу, вода фонтаном через снег, в домах воды нет",
    "Прорыв на {loc}! вода хлещет из-под асфальта, а в кранах сухо",
    "Объясните что происходит с водой {district}??",
    "С водой что? {addr}",
    "Не могу ни чайник поставить, ни смыть. {addr}, вода отсутствует",
    "Доброе утро, воды нет на всей {loc}? 😒",
    "ХВС отсутствует, {addr}, сообщите сроки",
    "Вода когда будет?",
    "Воду дайте!!! {district}",
    "Водоканал, ау!! на {loc} и по {dat} сухо",
    "У нас вода пропала полностью. Весь подъезд, весь дом, соседний дом тоже. {addr}",
    "{landmark} вода из под земли бьет, а дома пусто в кранах",
    "Уже полдня без воды {landmark}, когда это кончится",
    "в нашем доме нет воды с утра, хоть бы объявление повесили",
    "у нас воды нет",
    "Сухо в кранах по всей {loc} и между {other} и {ins} тоже",
    "Что за бардак?! Каждый месяц воду отключают без предупреждения, {district}, {nom}. Пенсионеры воду "
    "вёдрами из магазина таскают, вам не стыдно?",
    "воды нет {coords}",
    "Нет воды. {coords}",
    "Подвезите воду на {acc}, хотя бы бочку, у нас лежачая бабушка",
    "{nom} {house} — ХВС нет, шипит и всё",
    "Из крана только воздух идёт, {addr}",
    "Когда закончат ремонт трубы на {loc}? 4 часа без воды уже",
    "Без воды весь микрорайон? {district}, или только мы на {loc}",
    "Вода кончилась во всём квартале между {ins} и {other}",
    "Ребят, у кого на {loc} вода есть? у нас ноль",
    "Холодной воды нет, {addr}, и горячую тоже не дают, краны пустые",
    "Прорвало магистраль на {loc}, на дороге каток, а дома воды нет. Когда починят?",
    "Пишу с работы: дома на {loc} с утра без воды, муж пишет до сих пор не дали",
    "{district}: хвс нет, напор ноль, ни капли",
    "Почему нет воды на {loc}??? Никто ничего не объявлял!!!",
    "вода!!! {nom}!!!",
    "Без воды сидим 😤😤 {addr}",
    "Воды нет в доме {addr} и в соседних тоже. Аварийка говорит авария на водоводе",
    "Здравствуйте, подскажите пожалуйста, плановое отключение воды {district} или авария? Сколько ждать?",
    "Срочно подвоз воды на {acc} {house}! Дети маленькие",
    "Спасибо водоканалу за прекрасное утро без воды, {district}, {nom} 👏",
    "Водички нет у нас на {loc} совсем",
    "ХВС нееет уже с 6 утра, {nom}",
)

HEAT_TEXTS = (
    "Нет отопления на {loc}",
    "{addr} батареи холодные",
    "отопл. нет {addr}",
    "ГВС и отопления нет на {loc}",
    "Батареи ледяные!!! {addr}",
    "Когда дадут тепло на {loc}?",
    "Дома +15, батареи холодные, горячей воды нет. {addr}",
    "Тепло когда?",
    "Где отопление? {district} 🥶🥶",
    "ХОЛОДНО!!! {nom} {house}, батареи как лёд",
    "Здравствуйте. По адресу {addr} с ночи отсутствует отопление и горячее водоснабжение. В квартире маленький "
    "ребёнок, температура падает. Прошу принять меры",
    "На на {loc} горячей воды нет и батареи холодные у всего дома",
    "Отопления нет по {dat}, сидим в куртках",
    "У нас в доме батареи не греют совсем, и у соседей тоже. {addr}",
    "Горячки нет и батареи холодныеее на {loc}",
    "Замерзаем {district}, котельная опять??",
    "Ребята, у кого на {loc} батареи тёплые? у нас ледяные",
    "Тепла нет с ночи {landmark}",
    "Прорыв теплотрассы на {loc}, из люка пар валит, а в домах холод",
    "Пар из колодца {landmark}, батареи остыли во всех квартирах",
    "ГВС нет, отопл нет, {addr}, сколько ждать?",
    "Горячей воды нет на {loc}, из горячего крана течёт ледяная",
    "Почему опять нет отопления {district}??? Зима на дворе!!!",
    "Отопление дайте!!! {nom}",
    "в нашем доме холодно, батареи холодные с утра",
    "у нас холодно",
    "батареи холодные {coords}",
    "Отопления нет. {coords}",
    "Температура в квартире 14 градусов. {addr}. Батареи холодные во всём стояке, во всём доме",
    "Горячей воды и тепла нет во всём квартале между {ins} и {other}",
    "Котельная что, встала? {district}, батареи холодные",
    "Тепло вернут сегодня? {addr}, дети мёрзнут",
    "Пишу уже третий раз!! Нет отопления на {loc}! Вы там вообще работаете?",
    "Отопления нет во всём районе? Или только у нас на {loc}",
    "Батарейки холоднючие, {nom} {house} 🥶",
    "Горячую воду когда дадут на {loc}?",
    "тепла нет на {loc}",
    "Дома холодрыга. {addr}. У соседей тоже. Обогреватели пробки выбивают",
    "Сидим в шапках дома 🥶 {district}, {nom}",
    "Подскажите, авария на теплотрассе {district}? нет ни отопления ни гвс",
    "{nom}, {house} — Г/В нет, батареи остывают",
    "Отопления нет, воды горячей нет. Ни объявлений, ни звонков. {addr}. Спасибо, УК, за заботу",
    "Что с теплом по {dat}?",
    "Уже 5 часов без отопления {landmark}, холодно очень",
    "Батареи холодные по всей {loc} и на {other_loc}",
    "ОТОПЛЕНИЕ??? {nom}",
    "Холодно в квартирах по {dat}, и горячей воды нет. Куда звонить?",
    "Доброе утро, у всех на {loc} холодно? батареи не греют",
    "Верните тепло на {acc}",
    "Помогите, у меня пожилая мама одна, в квартире холодно, батареи ледяные, {addr}. Горячей воды нет. "
    "Диспетчер говорит авария на сетях, а сроков никто не знает",
    "ГВС нету, батареи еле тёплые, {addr}",
    "Пол-Северного без тепла, {nom} тоже, что случилось?",
    "Батареи ледяные в подъезде и в квартирах на {loc}, весь дом мёрзнет",
    "горячей нет, батареи холодные 😡😡 {nom}",
    "тепло дадут сегодня? {district}",
)

POWER_TEXTS = (
    "Нет света на {loc}",
    "{addr} света нет",
    "Эл-во отключили на {loc}!!!",
    "Нет э/э {addr}",
    "Свет когда дадут {district}?",
    "СВЕТА НЕТ!!! {nom}",
    "Отключили электричество на {loc}, весь дом и соседние тоже",
    "Свет где? {addr}",
    "Света нееет уже 2 часа, {nom}",
    "Здравствуйте. По адресу {addr} с утра отсутствует электроснабжение. Не работают холодильник и котёл. "
    "Прошу сообщить сроки восстановления",
    "У всех на {loc} темно? У нас электричества нет",
    "{district} без света, подстанция??",
    "Темно во всём квартале между {ins} и {other}, светофоры тоже не работают",
    "Света нет {landmark}",
    "В магазине {landmark} касса не работает, света нет на всей улице",
    "Электричества нет с 8 утра. {addr}. Сколько можно",
    "Света нет {coords}",
    "Отключение электроэнергии. {coords}",
    "у нас нет света",
    "в нашем доме отключили свет, и в соседнем тоже",
    "Свет дайте!!! {district} 😡",
    "Что со светом на {loc}?",
    "Сколько ещё сидеть без света?? {addr}",
    "Без света на {loc}, хлопнуло на столбе и погасло у всех",
    "Бахнуло на подстанции {landmark} и свет пропал во всём районе",
    "Ни света, ничего. {nom}, {house}",
    "Электроснабжение отсутствует на {loc} и на {other_loc}",
    "Когда включат свет на {loc}? Ребёнок уроки при свечке делает",
    "Сети, ау! {district} без э/э третий час",
    "Тока нет на {loc}",
    "Электричество пропало во всем подъезде и во всём доме, {addr}. Лифты стоят",
    "Люди в лифте застряли на {loc}, света нет!!!",
    "Света нет по {dat}, холодильники текут",
    "эл-во когда? {nom}",
    "Свет??? {nom}",
    "{district} свет вырубили, не предупредили никого, безобразие!!!",
    "Темнота на {loc}, и в домах, и на улице",
    "Почему опять нет электричества {district}? Вчера дали, сегодня снова нет",
    "Свет дадут сегодня? {addr}",
    "Не работает ничего, света нет {landmark}, интернета нет",
    "Доброе утро, кто знает когда свет дадут на {acc}?",
    "{addr} — э/э отсутствует, котёл встал, дома холодает",
    "Весь дом без света, {addr}, и через дорогу тоже темно",
    "Обесточена вся {nom}! Скорее сделайте что-нибудь",
    "света нет у нас на {loc} 😔",
    "Со светом беда {district}, {nom}",
    "Пропало электричество у всех на {loc}. Звонили в сети — авария на линии, сроков нет",
    "Отключение света по {dat}, без предупреждения. У меня аппарат кислородный у отца, срочно!!!",
    "Свет вырубили в пол-Южного, {nom} тоже",
    "Электричества нет ни у кого на {loc}, и на {other_loc} нет",
    "Светаа нет, телефон садится, {nom} {house}",
    "Провода оборвало на {loc}, света нет в домах",
    "Когда свет?",
    "Ну и где электричество?! {addr}, третий час сидим в темноте 🤬",
    "{district}: эл-во нет, у соседей тоже",
)

WATER_AREA = Area("water-severny", (KOMAROVA, FIZKULT, AMURSKAYA, BUMAZHNAYA, POPOVICHA), SEVERNY, WATER_LANDMARKS,
                  (46.9810, 142.7390), 0, 420, 105, WATER_TEXTS)
HEAT_AREA = Area("heat-severny", (PURKAEVA, UKRAINSKAYA, GORKOGO, TIKHOOKEANSKAYA, KRYUKOVA), SEVERNY,
                 HEAT_LANDMARKS, (46.9860, 142.7460), 20, 480, 100, HEAT_TEXTS)
POWER_AREA = Area("power-yuzhny", (MIRA, POBEDY, ESENINA, MAYAKOVSKOGO, DETSKAYA, KHOLMSKAYA), YUZHNY,
                  POWER_LANDMARKS, (46.9400, 142.7360), 40, 400, 95, POWER_TEXTS)
AREAS = (WATER_AREA, HEAT_AREA, POWER_AREA)

# --- single dwellings of the same utility on the outages' own streets, in the outages' hours (labelled null) ---

WATER_DWELLING = (
    "{addr}, кв 12. Только у меня нет холодной воды, у соседей всё есть. Посмотрите пожалуйста",
    "Смеситель на кухне течёт, капает уже струйкой, {addr}",
    "Сантехник из УК перекрыл вентиль на мою квартиру и ушёл, второй час без воды. {addr}",
    "Соседи сверху заливают!!! {addr}, вода по стене бежит, никто не открывает",
    "Стояк в ванной подтекает, под ним лужа, {addr} кв 40",
    "После ремонта в ванной слабый напор только в душе, на кухне нормально. {addr}",
    "У меня счётчик ХВС крутится, когда воду никто не открывает. {addr}",
    "Вызывали сантехника, поменял кран, теперь вода в квартиру не идёт совсем. {nom} {house}",
    "Фильтр грубой очистки забился видимо, в квартире еле течёт, у соседей напор норм. {addr}",
    "бачок унитаза не набирается, остальное всё есть. {addr}",
    "Добрый день. Проживаю {addr}. Вчера менял трубы в санузле, сегодня холодная вода в кухне не идёт, в ванной "
    "идёт. Мастер говорит надо перекрыть стояк. Прошу прислать сантехника УК",
    "Только в одной квартире нет воды — у нас. Соседи на площадке с водой. {addr}",
    "Капает с потолка в туалете, сверху соседи что-то сделали. {nom}, {house}",
    "Течёт труба под раковиной, перекрыла у себя кран, сама без воды теперь. {addr}",
    "Разорвало гибкий шланг у стиральной машины, залили себя и немного соседей снизу. {addr}",
    "Из крана на кухне идёт ржавая вода, только на кухне. {addr}",
    "Вентиль в туалете сорвало, нужна замена, {addr}",
    "Почему у меня нет воды, а у соседей напротив есть? {addr}",
    "Холодная вода не идёт в квартире, {addr}",
    "Воду не могу открыть — кран сломался, крутится вхолостую. {nom} {house}",
    "Заливает соседей снизу из-под моей ванны, текёт сифон, {addr}",
    "Уже неделю протекает кран в ванной, УК не реагирует. {addr}",
)

HEAT_DWELLING = (
    "Одна батарея в спальне холодная, остальные горячие. {addr}",
    "Полотенцесушитель холодный, всё остальное работает. {addr}",
    "У меня в квартире батареи чуть тёплые, у соседей горячие. {addr}, воздух наверно",
    "Батарея в зале течёт из соединения, подставили тазик. {addr}",
    "После замены радиатора в детской он не греет. {nom} {house}",
    "Только у меня горячей воды нет, у соседей есть. {addr}",
    "Сантехник перекрыл отопление на квартиру, когда менял трубу, и не открыл. {addr}",
    "Горячая вода только в ванной, на кухне из горячего крана ничего не идёт, смеситель менял недавно. {addr}",
    "Радиатор на кухне холодный, надо спустить воздух, а кран Маевского сорван. {addr}",
    "Счётчик ГВС не крутится, вода горячая есть. {addr}",
    "Добрый день. Проживаю по адресу {addr}, кв. 7. После того как соседи сверху сделали ремонт и поменяли "
    "трубы, у нас в угловой комнате батарея перестала греть. В остальных комнатах тепло. Прошу проверить стояк",
    "Протекает стояк отопления в туалете на стыке, капает. {addr}",
    "Кран на батарее подтекает, {nom} {house}, кв 31",
    "У меня холодно в одной комнате, батарея ледяная, в других греют. {addr}",
    "В ванной полотенчик ледяной уже неделю, {addr}",
    "Вызывали сантехника — говорит завоздушило, а приходить отказывается. {addr}",
    "Горячая вода еле тёплая только у меня в квартире, в соседней квартире нормальная. {addr}",
    "Смеситель в ванной перестал давать горячую, холодная есть, поменяли картридж — не помогло. {addr}",
    "Холодно в квартире. {addr}",
    "Батарея холодная, {addr}",
    "Отопление в комнате не работает после установки пластиковых окон, рабочие задели трубу. {addr}",
)

POWER_DWELLING = (
    "Выбило автомат в щитке, не включается обратно. {addr}, кв 9",
    "Розетка на кухне сгорела, почернела и пахнет гарью. {addr}",
    "У меня нет света, у соседей есть. {addr}",
    "Только у нас в квартире нет электричества, на площадке свет горит. {addr}",
    "В одной комнате нет света, в остальных есть. {nom} {house}",
    "Счётчик электричества не горит и щёлкает, света в квартире нет. {addr}",
    "Пробки выбивает, как включаешь чайник. {addr}",
    "После ремонта проводки не работает половина розеток. {addr}",
    "Искрит розетка в детской, боимся включать. {nom}, {house}",
    "Добрый день. Проживаю по адресу {addr}. Вчера у нас был скачок, и теперь в квартире сгорела розетка и "
    "холодильник. В подъезде свет горит, у соседей всё работает. Куда обратиться за проверкой проводки?",
    "Электрик УК отключил нашу квартиру за долг по ошибке, долга нет! {addr}",
    "У нас в квартире пропал свет, в подъезде горит, соседи со светом. {addr}",
    "Запахло палёным из щитка на площадке, только наша квартира обесточена. {addr}",
    "Не работает свет в ванной, лампочку поменяли, не помогает. {addr}",
    "Выключатель в коридоре сгорел. {addr}",
    "Провод от щитка к квартире оплавился, нет света. {addr}",
    "Свет мигает только у меня в квартире, у соседей нормально. {nom} {house}",
    "Света нет в квартире. {addr}",
    "Нет электричества, {addr}",
    "Автомат выбивает каждые полчаса, в щитке трещит. {addr}",
    "Плита электрическая не работает, остальное всё работает. {addr}",
)

# --- elsewhere: other districts' streets and the outages' districts' other streets ---

ELSEWHERE = (
    fixed("Ленина", ("Ленна",)), adjective("Комсомольская", ("Комсомолская",)), fixed("Чехова", ("Чехво",)),
    adjective("Сахалинская", ("Сахалиская",)), adjective("Лучистая", ("Лучистя",)), fixed("Дружбы", ("Дружб",)),
    adjective("Авиационная", ("Авиационая",)), adjective("Советская", ("Совецкая",)),
    adjective("Рабочая", ("Рабочя",)), adjective("Лесная", ("Лесня",)), adjective("Новая", ("Новя",)),
    adjective("Горная", ("Горня",)), adjective("Вокзальная", ("Вокзальня",)),
    fixed("Ухтомского", ("Ухтомскго",)), fixed("Карла Маркса", ("Карла Макса",)),
)
ELSEWHERE_CENTRE = (46.9590, 142.7380)

WATER_ELSEWHERE = (
    "Течёт стояк в подвале, {addr}",
    "Сосед сверху залил ванную. {addr}",
    "Кран в ванной не закрывается до конца, течёт. {addr}",
    "Напор слабый только в нашей квартире, {addr}",
    "Ржавая вода из холодного крана второй день, {addr}",
    "Засор канализации в квартире, {addr}",
    "Течёт под раковиной, {addr}",
    "Счётчик воды сломался, {addr}",
    "Нет холодной воды у меня одной, {addr}",
    "Прорвало трубу в туалете, вызвали аварийку, ждём. {addr}",
)
HEAT_ELSEWHERE = (
    "Батарея в комнате не греет, {addr}",
    "Полотенцесушитель холодный, {addr}",
    "Течёт радиатор, {addr}",
    "Горячая вода еле тёплая только у нас, {addr}",
    "В угловой комнате холодно, одна батарея ледяная, {addr}",
    "Стояк отопления капает в туалете, {addr}",
    "Сантехник перекрыл батарею и не открыл, {addr}",
    "Нет горячей воды в квартире, у соседей есть, {addr}",
    "Воздух в батарее, булькает и не греет, {addr}",
    "Смеситель не даёт горячую, {addr}",
)
POWER_ELSEWHERE = (
    "Розетка сгорела, {addr}",
    "Выбивает автомат в квартире, {addr}",
    "Нет света только в нашей квартире, {addr}",
    "Искрит в щитке на площадке, {addr}",
    "Свет мигает в квартире, {addr}",
    "Счётчик электроэнергии не работает, {addr}",
    "В подъезде не горит свет на 3 этаже, {addr}",
    "Плита не включается, проводка наверное, {addr}",
    "Пахнет горелой проводкой в коридоре, {addr}",
    "Не работает половина розеток, {addr}",
)
ORDINARY = (
    "Не горит фонарь у дома {addr}",
    "Яма на дороге на {loc}, напротив {house}, колёса бьём",
    "Фонари не горят вдоль {gen}, темно идти",
    "Огромная яма на проезжей части, {addr}",
    "Не чистят снег во дворе {addr}",
    "Гололёд на тротуаре на {loc}, люди падают",
    "Фонарь мигает всю ночь, {addr}",
    "Выбоина у остановки на {loc}",
)
ORDINARY_STREETS = (AMURSKAYA, PURKAEVA, GORKOGO, MIRA, DETSKAYA, ELSEWHERE[0], ELSEWHERE[4], ELSEWHERE[7],
                    ELSEWHERE[10], ELSEWHERE[12])

# Whole-building losses alone in their district and category.
LONE_LOSSES = (
    ("Весь дом без воды с утра, {addr}", adjective("Горная", ()), (46.8600, 142.6500)),
    ("Во всём доме нет отопления, {addr}", adjective("Лучистая", ()), (46.9905, 142.7160)),
    ("Весь подъезд и весь дом без света, {addr}", adjective("Советская", ()), (47.0330, 142.7230)),
    ("Нет света во всём доме, соседний тоже, {addr}", adjective("Зелёная", ()), (46.9200, 142.8200)),
)


def line(rng: random.Random, minutes: int, text: str, centre: tuple[float, float], spread: float,
         label: str | None) -> dict[str, Any]:
    return {"minutes": minutes, "channel": rng.choice(CHANNELS), "text": text,
            "location": location(rng, centre, spread), "incident": label}


def outage_lines(rng: random.Random) -> list[dict[str, Any]]:
    lines = []
    for area in AREAS:
        for _ in range(area.count):
            s, other = rng.sample(area.streets, 2)
            text = fill(rng, rng.choice(area.texts), s, other, area.district, area.landmarks, area.centre)
            lines.append(line(rng, rng.randint(area.first_minute, area.last_minute), text, area.centre, 0.004,
                              area.label))
    return lines


def pairs(rng: random.Random, texts: tuple[str, ...], streets: tuple[Street, ...], count: int
          ) -> list[tuple[str, Street]]:
    """Distinct (wording, street) pairs, every wording used before any twice: two alike would be an incident."""
    chosen: list[tuple[str, Street]] = []
    order = list(texts)
    rng.shuffle(order)
    while len(chosen) < count:
        for template in order:
            if len(chosen) == count:
                break
            free = [s for s in streets if (template, s.nom) not in {(t, c.nom) for t, c in chosen}]
            chosen.append((template, rng.choice(free)))
    return chosen


def unrelated_lines(rng: random.Random) -> list[dict[str, Any]]:
    lines = []
    for area, bank in ((WATER_AREA, WATER_DWELLING), (HEAT_AREA, HEAT_DWELLING), (POWER_AREA, POWER_DWELLING)):
        for template, s in pairs(rng, bank, area.streets, 20):
            text = fill(rng, template, s, s, (), (), area.centre)
            lines.append(line(rng, rng.randint(area.first_minute + 15, area.last_minute), text, area.centre,
                              0.004, None))
    for bank in (WATER_ELSEWHERE, HEAT_ELSEWHERE, POWER_ELSEWHERE):
        for template, s in pairs(rng, bank, ELSEWHERE, 22):
            text = fill(rng, template, s, s, (), (), ELSEWHERE_CENTRE)
            lines.append(line(rng, rng.randint(0, 540), text, ELSEWHERE_CENTRE, 0.03, None))
    for template, s, centre in LONE_LOSSES:
        lines.append(line(rng, rng.randint(0, 540), fill(rng, template, s, s, (), (), centre), centre, 0.003, None))
    for template, s in pairs(rng, ORDINARY, ORDINARY_STREETS, 20):
        text = fill(rng, template, s, s, (), (), ELSEWHERE_CENTRE)
        lines.append(line(rng, rng.randint(0, 540), text, ELSEWHERE_CENTRE, 0.03, None))
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = outage_lines(rng) + unrelated_lines(rng)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev10.jsonl", storm())


if __name__ == "__main__":
    main()
