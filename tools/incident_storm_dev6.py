"""Writes the sixth development storm of incident grouping (tests/data/incidents_storm_dev6.jsonl).

Written by a helper that had read neither the grouping's nor the classifier's code and lexicons, nor any storm's
texts or other storm scripts' phrase banks (only the town's districts and streets and `tools/incident_storm.py`'s
output format and helpers). Three outages in two districts, in the same ten hours:

- heating: a heat main breaks in Северный and the whole microdistrict (all ten streets) goes cold;
- water: the sewer overflows in the centre around a school, on Дзержинского, Хабаровская, Карла Маркса, Емельянова;
- electricity: the wind brings wires down in the centre, on Ленина, Комсомольская, Чехова, Сахалинская,
  Пограничная, Курильская (no power, voltage jumping before it went).

150 unrelated messages of the same three categories: single dwellings' problems on the outages' own streets, single
houses elsewhere, and five outage-like messages alone in their district and category.

    .venv/bin/python -m tools.incident_storm_dev6     # fixed seed
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import DATA, location, numbered, write

SEED = 6017
PREFIX = "x"
SPAN_MINUTES = 600
CHANNELS = ("vk", "vk", "vk", "telegram", "telegram", "ok", "max", "regional")


@dataclass(frozen=True)
class Street:
    nominative: str  # "Украинская"
    oblique: str  # "(на) Украинской", "(по) Украинской": surnames' streets do not change
    accusative: str  # "(всю) Украинскую"
    misspelt: tuple[str, ...]  # one letter off, as typed in a hurry


def surname_street(name: str, *misspelt: str) -> Street:
    return Street(name, name, name, misspelt)


def adjective_street(name: str, *misspelt: str) -> Street:
    stem = name[:-2]
    return Street(name, stem + "ой", stem + "ую", misspelt)


SEVERNY_STREETS = (
    surname_street("Пуркаева", "Пуркаево", "Пукраева"),
    adjective_street("Украинская", "Укранская", "Украинкая"),
    surname_street("Горького", "Горкого", "Горьково"),
    adjective_street("Тихоокеанская", "Тихоакеанская", "Тихоокеанкая"),
    surname_street("Крюкова", "Крюкого", "Крюквоа"),
    surname_street("Поповича", "Паповича", "Поповичча"),
    surname_street("Комарова", "Камарова", "Комарво"),
    adjective_street("Физкультурная", "Фискультурная", "Физкультурня"),
    adjective_street("Амурская", "Амурска", "Амуркая"),
    adjective_street("Бумажная", "Бумажнвя", "Бумажая"),
)
SEWER_STREETS = (
    surname_street("Дзержинского", "Держинского", "Дзержинскго"),
    adjective_street("Хабаровская", "Хаборовская", "Хабаровкая"),
    surname_street("Карла Маркса", "Карла Макса", "К.Маркса"),
    surname_street("Емельянова", "Емельяного", "Емельянва"),
)
POWER_STREETS = (
    surname_street("Ленина", "Ленна", "Лениа"),
    adjective_street("Комсомольская", "Комсомолькая", "Камсомольская"),
    surname_street("Чехова", "Чехово", "Чехва"),
    adjective_street("Сахалинская", "Сахолинская", "Сахалинкая"),
    adjective_street("Пограничная", "Пограничая", "Пограничнаая"),
    adjective_street("Курильская", "Курилская", "Курильска"),
)

# How residents name the district: "in" forms and bare forms, some misspelt.
SEVERNY_IN = ("в Северном", "в мкр. Северный", "на Северном", "в мкр Северном", "в северном микрорайоне",
              "в Севреном", "в р-не Северный", "у нас на Северном")
SEVERNY = ("Северный", "мкр Северный", "северный микрорайон", "Сверный", "микрорайон Северный", "мкр. Северный")
CENTRE_IN = ("в центре", "в центре города", "в центральном районе", "в ценре", "в центре Южно-Сахалинска",
             "в центре ЮС")
CENTRE = ("центр", "Центр", "центр города", "центральный район", "ценр", "весь центр")

# Landmarks, in the form after "у"/"возле" (made up; no school named in heating or power messages).
SEVERNY_LANDMARKS = ("бани", "конечной восьмёрки", "магазина «Островок»", "кольца у гаражей", "котельной на горке",
                     "поликлиники", "ДК «Родина»", "стадиона", "аптеки на углу", "остановки «Северная»")
SEWER_LANDMARKS = ("школы №3", "третьей школы", "гимназии", "школьного стадиона", "остановки «Школа»",
                   "школьного забора", "перекрёстка у школы", "пешеходного у школы")
POWER_LANDMARKS = ("драмтеатра", "главпочтамта", "остановки «Универмаг»", "фонтана", "кольца у администрации",
                   "магазина «Пчёлка»", "банка на углу", "памятника", "старого кинотеатра")

# Placeholders: {addr} a street and house; {nom} {obl} {acc} the street's forms; {nom2} {obl2} another street of the
# outage; {h} a house alone; {din} the district with "в"; {d} the district bare; {lm} a landmark; {coords} a point.
HEATING_TEXTS = (
    "опять батареи ледяные {din}!!!",
    "кто знает когда дадут отопление? {addr}",
    "верните тепло",
    "у нас в квартире +14, батареи холодные с ночи. {addr}. УК говорит порыв на теплотрассе, сроков никто не называет",
    "На {obl} порыв теплотрассы, из люка пар валит, во всех домах отопл. нет",
    "Дети в куртках дома сидят 😡😡 {d} весь без тепла",
    "ХОЛОДНО!!! {addr} отопления нет с 6 утра",
    "отопление когда??? {nom} {h}",
    "Тепло когда?",
    "батареи как лёд, всю {acc} отключили что-ли?",
    "пар из-под земли у {lm}, трубу прорвало, а у нас в доме ни тепла ни ГВС",
    "Здравствуйте. Прошу сообщить сроки восстановления теплоснабжения по адресу: {addr}. Температура в квартире 15 "
    "градусов, в доме маленький ребёнок.",
    "холодиииина в квартире, батареи еле тёплые... {d}",
    "мерзнем!! {nom} {h} кв 34",
    "Горячей воды нет и батареи холодные, {addr}",
    "у нас тоже холодно, {din} наверно авария",
    "кто-нибудь в курсе что с отоплением на {obl}?",
    "Дайте тепло людям!!! пол района без отопления",
    "ТЕПЛОТРАССУ ПРОРВАЛО у {lm}, весь микрорайон без отопления",
    "Отопл. отсутствует с ночи, д{h} по {obl}",
    "Радиаторы холодные во всём подъезде и в соседних домах тоже. {addr}",
    "{nom} {h}: в квартире 13 градусов 🥶🥶🥶",
    "уже 5 часов без тепла, {d}, администрация вы где???",
    "Почему весь {d} без отопления в мороз? Когда устранят порыв?",
    "у нас в доме батареи холодные, ребенок заболел, сделайте что нибудь",
    "в нашем доме нет отопления с утра. Это авария или УК?",
    "Тепло дадут сегодня? {nom}",
    "батарейки холодные(((( {addr}",
    "холод собачий дома, на улице -18, а батареи ледяные. {din}",
    "{coords} — прорыв теплотрассы, парит сильно, дома вокруг без отопления",
    "Порыв на тепломагистрали? Говорят до вечера. {nom} {h} кв. 8 — в квартире +12",
    "Сколько можно мёрзнуть?! {din} третий час нет отопления",
    "отопления нетууу {addr}",
    "ГВС и отопление отключены, информации ноль. {addr}",
    "Пожилая мама одна, в квартире холодно, батареи не греют. {addr}, помогите",
    "Включите отопление!!! {nom}",
    "Ребята, у кого тоже батареи холодные? У нас {addr}",
    "на {obl} и {obl2} батареи холодные, по всему району так",
    "в квартире дубак, отопление отрубили {din}",
    "Утром проснулись от холода. Батареи ледяные. {h} дом по {obl}",
    "Возле {lm} весь квартал без отопления",
    "отопление?? 😡😡😡",
    "Холодно дома. {nom} д{h}",
    "Обогреватели не спасают, в доме холодно с ночи, {addr}. Что с теплотрассой?",
    "Трубы отопления холодные по всему стояку, у соседей тоже, {addr}",
    "Отопления нет на {obl}, на {obl2} и дальше по району",
    "Когда будет отопление на {obl}??? Дети болеют",
    "мы замерзаем, сделайте хоть что-нибудь, {d}",
    "порыв теплотрассы {din}, сколько ещё ждать???",
    "УК говорит авария на сетях, вопросы к теплосети. Так когда тепло? {addr}",
    "Холодные батареи, {h} по {obl}. В детской 14°",
    "Верните отопление {din}!!",
    "почему отопл. нет?? {nom}, {h}",
    "Батареи ледяные второй час, на {obl} у {lm}",
    "хооолодно, батареи не греют вообще. {d}",
    "Подскажите, это только у нас или весь район без отопления? {addr}",
    "теплосеть, ау! {coords} у нас ни тепла ни горячей",
)
SEWER_TEXTS = (
    "канализация выливается на дорогу у {lm}!!!",
    "Вонь невыносимая, из колодца течёт канализация возле школы, {nom}",
    "Кто знает когда уберут эту жижу? {addr}",
    "Уберите фекалии с улицы!!",
    "На {obl} прорвало канализацию, стоки текут к школе, дети идут по этому",
    "Из люков хлещет канализация {din}, запах на весь квартал 🤢",
    "канализацию прорвало у {lm}, детей в школу вести невозможно",
    "Добрый день. Возле {lm} из канализационного колодца изливаются сточные воды, затоплен тротуар и часть двора "
    "{addr}. Прошу принять меры.",
    "г*вно течёт по {obl}!!! сделайте что-нибудь",
    "канализация!!! {nom} {h}",
    "во дворе {addr} озеро из канализации",
    "стоки из колодца текут прямо к школьному крыльцу, {nom}",
    "КОГДА УБЕРУТ КАНАЛИЗАЦИЮ У ШКОЛЫ???",
    "запах канализации по всей {obl}, люк переполнен",
    "на улице из люка течёт, и у нас унитаз не сливает. {addr}",
    "переливается коллектор у {lm}",
    "Канализационный колодец фонтанирует {coords}",
    "вода с фекалиями по щиколотку на перекрёстке {nom} и {nom2}",
    "Детей из школы забираем через эту вонючую лужу. {d}, когда починят?",
    "Водоканал, вы где? канализация течёт по улице {nom} уже 3 часа",
    "стоки на дороге {din}, машины разбрызгивают на людей",
    "у нас канализация не уходит, а на улице всё залито. {addr}",
    "ужас что творится у школы на {obl} 🤮",
    "Откачайте канализацию!!!",
    "нечистоты разливаются у {lm}, проход к школе затоплен",
    "канализ. авария {addr}",
    "у школы течёт канализация, это вообще нормально?! {d}",
    "Сколько ещё будем нюхать это? {nom} {h}",
    "коллектор забился, из люков всё наверх идёт, {obl} и {obl2}",
    "Переполнены колодцы {din}, по дороге течёт грязная вонючая вода",
    "Прорыв канализации, {addr}. Дети ходят в школу по стокам",
    "канализацию прорвало?? когда откачают? {nom}",
    "воняеееет на всю улицу {nom}, из люка прёт",
    "во дворе стоки, на тротуаре стоки, у школы стоки. {addr}",
    "Заливает двор канализацией, {h} по {obl}",
    "Когда устранят аварию на канализации {din}?",
    "Школьники обходят по проезжей части, тротуар залит стоками у {lm}",
    "Здравствуйте, на {obl} у школы из колодца бьёт канализация, прошу срочно прислать аварийку",
    "ЖИЖА!!! на {obl} у {lm}",
    "Сточные воды заливают улицу {nom} возле гимназии",
    "Унитазы не сливают во всём доме {addr}, говорят авария на коллекторе",
    "канализация течёт по улице, пахнет жутко {d}",
    "кто-нибудь вызвал водоканал? у {lm} всё залито",
    "у нас в доме канализация стоит, на улице из люков течёт. {nom} {h}",
    "откачка когда будет?? {d}",
    "стоки! {addr}",
    "Уберите эту вонь от школы!",
    "Из решётки ливнёвки и из люка идут нечистоты, {obl} {h}",
    "Запах сероводорода и нечистоты на тротуаре у {lm}, {din}",
    "Вторую смену в школе отменят? у входа канализация разлилась, {nom}",
    "у нас во дворе канализационный потоп 💩💩 {addr}",
    "коллектор прорвало {din}, перекрыли дорогу",
    "по {obl} течёт канализация в сторону {lm}",
    "водоканал когда приедет?? {coords} фонтан из люка",
)
POWER_TEXTS = (
    "опять без света!!!",
    "кто знает когда дадут свет? {addr}",
    "Дайте свет!",
    "На {obl} провода оборвало ветром, висят до земли, света нет во всех домах",
    "нет эл-ва с 7 утра, {addr}",
    "э/э отключено {din}, холодильник течёт",
    "СВЕТ КОГДА ДАДУТ??? {nom} {h}",
    "У {lm} дерево упало на провода, весь квартал без света",
    "Свет мигал, потом бахнуло и всё. {addr}, света нет",
    "электричества нет, {d}",
    "в нашем доме нет света уже 4 часа, дети без ужина... когда?",
    "Добрый день! По адресу {addr} с утра отсутствует электроснабжение. Соседние дома по {obl} тоже без света. "
    "Прошу сообщить сроки.",
    "Провод искрит на столбе у {lm}!!! опасно, и света нет",
    "Напряжение скакало, лампы то горели то гасли, теперь вообще пропало. {addr}",
    "светааа нееет {din}",
    "электричество когда?",
    "провода на дороге лежат на {obl}, обесточено всё вокруг 😱",
    "уже полдня без электричества!! {nom} д{h}",
    "Ветром сорвало провода между столбами, {nom}/{nom2}, и у нас тьма",
    "У кого свет есть в центре? У нас {addr} ничего",
    "Отключение света на {obl} — это авария или плановое?",
    "Света нет, связи нет, лифт стоит. {addr}",
    "Темно во всём доме и в соседних, {din}",
    "Когда восстановят электроснабжение {din}?",
    "Света нет!!! {coords}",
    "скачки напряжения сожгли роутер, а потом свет пропал совсем. {addr}",
    "без света сидим, всю {acc} обесточили?",
    "Верните электричество!!!",
    "{nom} {h}, эл-ва нет, в подъезде темно",
    "у нас во всём квартале нет света после ветра",
    "после урагана нет света, {d}",
    "Столб накренился у {lm}, провода оборваны, света нет с ночи",
    "Холодильники текут, продукты портятся. Сколько ждать? {addr}",
    "нет электроэнергии {nom} {h} и по всей улице",
    "Света нет на {obl} и {obl2}",
    "ЭЛЕКТРИЧЕСТВО ОТКЛЮЧИЛИ БЕЗ ПРЕДУПРЕЖДЕНИЯ {addr}",
    "свет дадут сегодня? {d}",
    "Почему нет света в центре города? Уже 3 часа",
    "подстанция у {lm} гудела и вырубилась, у нас темно",
    "Нет света, не работает ничего, {h} по {obl}",
    "э/э нет, кто-то звонил в сети? {addr}",
    "в квартире темно, на площадке темно, во дворе темно. {din} нет света",
    "Когда включат свет? У бабушки кислородный концентратор... {addr}",
    "обрыв проводов на {obl}, наш дом без света",
    "светик дайте пожалуйста 🙏 {addr}",
    "Свет моргнул и пропал, {d}, у соседей тоже",
    "Провода упали на машины во дворе {addr}, света нет",
    "Отключили свет во всём районе вокруг {lm}",
    "света нету третий час {nom}",
    "Электроснабжение? {addr}",
    "нет света по ул {nom} — и в магазинах, и в домах",
    "свет!!! когда!!! {d}",
    "думали проводка сгорела, нет, у всех нет света. {addr}",
    "в доме {h} на {obl} нет света, лифт встал между этажами",
    "Почему в центре опять нет электричества?? Ветер же не такой сильный",
    "электросети, {coords} провод на земле, света нет",
)

# Unrelated single dwellings' problems of the same categories ({addr} only).
HEATING_SINGLE = (
    "В одной комнате батарея холодная, в остальных тепло. {addr}",
    "Течёт батарея в зале, капает на пол, {addr}",
    "У соседей батареи горячие, у нас одних холодные. {addr}, воздух в системе?",
    "Полотенцесушитель не греет уже неделю, {addr}",
    "Прошу стравить воздух из стояка, верхний этаж, {addr}",
    "Батарея в спальне кипяток, регулятор сломан, {addr}",
    "Подтекает кран на стояке отопления в подъезде, {addr}",
    "Сосед снял батарею, теперь у нас стояк холодный. {addr}",
    "Неправильно начислили за отопление за ноябрь, {addr}",
    "Ржавая горячая вода из крана в нашей квартире, {addr}",
)
WATER_SINGLE = (
    "Засор в квартире, раковина не уходит, {addr}",
    "Капает с потолка от соседей сверху, {addr}",
    "Течёт кран холодной воды в подвале, {addr}",
    "Вода из-под крана жёлтая только в нашей квартире, у соседей чистая. {addr}",
    "Счётчик ХВС крутится, хотя всё закрыто. {addr}",
    "Колонка у частного дома не работает, {addr}",
    "Трубу под ванной прорвало, вызвали аварийку, {addr}",
    "Слабый напор только у нас после замены смесителя, {addr}",
    "Прошу опломбировать новый водосчётчик, {addr}",
    "Подтекает соединение на трубе ХВС в туалете, {addr}",
)
ELECTRICITY_SINGLE = (
    "В квартире выбивает автомат, у соседей всё нормально, {addr}",
    "Розетка на кухне искрит, {addr}",
    "В нашей квартире пропала одна фаза, у соседей свет есть. {addr}",
    "Счётчик электроэнергии не крутится, {addr}",
    "Провод свисает с фасада частного дома, {addr}",
    "Лампочки моргают только у нас в квартире, {addr}",
    "Прошу подключить электричество к новому гаражу, {addr}",
    "Пробки выбивает при включении чайника, {addr}",
    "Неправильно начислили за электроэнергию, {addr}",
    "Гудит электросчётчик в квартире, {addr}",
)

OTHER_DISTRICTS: dict[str, tuple[tuple[Street, ...], tuple[float, float]]] = {
    "Луговое": ((adjective_street("Лучистая"), surname_street("Дружбы"), adjective_street("Авиационная"),
                 adjective_street("Ударная"), adjective_street("Майская")), (46.9905, 142.7160)),
    "Ново-Александровск": ((adjective_street("Советская"), adjective_street("Рабочая"), adjective_street("Лесная"),
                            adjective_street("Садовая"), adjective_street("Полевая")), (47.0330, 142.7230)),
    "Южный": ((surname_street("Мира"), surname_street("Победы"), surname_street("Есенина"),
               adjective_street("Холмская"), adjective_street("Невельская")), (46.9400, 142.7350)),
    "Дальнее": ((adjective_street("Горная"), adjective_street("Весенняя"), adjective_street("Речная")),
                (46.8600, 142.6500)),
    "Хомутово": ((adjective_street("Новая"), adjective_street("Центральная"), adjective_street("Озёрная")),
                 (46.9200, 142.8200)),
}

# Outage-like messages, each alone in its district and category: one resident, not an incident.
LONE_OUTAGE_LIKE = (
    ("Нет света на всей Горной, с. Дальнее", "Дальнее"),
    ("Из люка на Майской течёт канализация, Луговое", "Луговое"),
    ("Батареи холодные, ул. Мира 12, Южный", "Южный"),
    ("Воды нет с утра, Озёрная 3, Хомутово", "Хомутово"),
    ("Свет мигает весь вечер, Лесная 8 в Ново-Александровске", "Ново-Александровск"),
)


@dataclass(frozen=True)
class Outage:
    label: str
    streets: tuple[Street, ...]
    texts: tuple[str, ...]
    district_in: tuple[str, ...]
    district: tuple[str, ...]
    landmarks: tuple[str, ...]
    count: int
    centre: tuple[float, float]
    first_minute: int
    last_minute: int


OUTAGES = (
    Outage("severny-heat-main", SEVERNY_STREETS, HEATING_TEXTS, SEVERNY_IN, SEVERNY, SEVERNY_LANDMARKS,
           105, (46.9800, 142.7400), 0, 540),
    Outage("centre-sewer-school", SEWER_STREETS, SEWER_TEXTS, CENTRE_IN, CENTRE, SEWER_LANDMARKS,
           95, (46.9570, 142.7350), 60, 480),
    Outage("centre-wires-down", POWER_STREETS, POWER_TEXTS, CENTRE_IN, CENTRE, POWER_LANDMARKS,
           100, (46.9610, 142.7420), 20, 600),
)


def house(rng: random.Random) -> str:
    number = rng.choice([rng.randint(1, 12), rng.randint(1, 48)])
    return rng.choice([str(number), str(number), f"д{number}", f"д.{number}", f"{number}к{rng.randint(1, 3)}",
                       f"дом {number} корп {rng.randint(1, 2)}", f"{number}/{rng.randint(1, 4)}", f"{number}а"])


def address(rng: random.Random, s: Street) -> str:
    name = rng.choice(s.misspelt) if s.misspelt and rng.random() < 0.15 else s.nominative
    h = house(rng)
    return rng.choice([f"ул. {name} {h}", f"{name} {h}", f"{name}, {h}", f"ул.{name}, {h}", f"улица {name}, {h}",
                       f"{name.lower()} {h}", f"на {s.oblique} {h}", f"{h} по {s.oblique}", f"ул {name} {h}"])


def coordinates(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = centre[0] + rng.uniform(-0.004, 0.004)
    lon = centre[1] + rng.uniform(-0.004, 0.004)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"{lat:.4f},{lon:.4f}", f"({lat:.5f} {lon:.5f})",
                       f"геолокация: {lat:.4f}, {lon:.4f}", f"https://yandex.ru/maps/?pt={lon:.5f},{lat:.5f}"])


def roughen(rng: random.Random, text: str) -> str:
    """What hurried typing does: lower case, caps, a swapped pair of letters, extra marks."""
    if rng.random() < 0.07:
        words = text.split()
        long_words = [i for i, word in enumerate(words) if len(word) >= 6 and word.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            j = rng.randint(1, len(words[i]) - 3)
            word = words[i]
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
            text = " ".join(words)
    roll = rng.random()
    if roll < 0.12:
        text = text.lower()
    elif roll < 0.16:
        text = text.upper()
    if rng.random() < 0.1:
        text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!!!!", " ...", ")))", " 😤", " 🙏"])
    return " ".join(text.split())


def outage_lines(rng: random.Random, outage: Outage) -> list[dict[str, Any]]:
    lines = []
    for _ in range(outage.count):
        s, s2 = rng.sample(outage.streets, 2)
        text = rng.choice(outage.texts).format(
            addr=address(rng, s), nom=rng.choice(s.misspelt) if rng.random() < 0.12 else s.nominative,
            obl=s.oblique, acc=s.accusative, nom2=s2.nominative, obl2=s2.oblique, h=house(rng),
            din=rng.choice(outage.district_in), d=rng.choice(outage.district), lm=rng.choice(outage.landmarks),
            coords=coordinates(rng, outage.centre))
        lines.append({"minutes": rng.randint(outage.first_minute, outage.last_minute),
                      "channel": rng.choice(CHANNELS), "text": roughen(rng, text),
                      "location": location(rng, outage.centre, 0.004), "incident": outage.label})
    return lines


def single_lines(rng: random.Random, groups: list[tuple[tuple[str, ...], tuple[Street, ...], int, tuple[float, float]]],
                 ) -> list[dict[str, Any]]:
    lines = []
    used: set[tuple[str, str]] = set()
    for texts, streets, count, centre in groups:
        made = 0
        while made < count:
            template, s = rng.choice(texts), rng.choice(streets)
            if (template, s.nominative) in used:
                continue  # two alike on one street would be an incident of their own
            used.add((template, s.nominative))
            lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
                          "text": roughen(rng, template.format(addr=address(rng, s))),
                          "location": location(rng, centre, 0.01), "incident": None})
            made += 1
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        lines.extend(outage_lines(rng, outage))
    severny, sewer, power = (outage.centre for outage in OUTAGES)
    groups = [
        # On the outages' own streets: 45 single dwellings.
        (HEATING_SINGLE, SEVERNY_STREETS, 9, severny),
        (WATER_SINGLE, SEVERNY_STREETS, 3, severny),
        (ELECTRICITY_SINGLE, SEVERNY_STREETS, 3, severny),
        (WATER_SINGLE, SEWER_STREETS, 8, sewer),
        (HEATING_SINGLE, SEWER_STREETS, 3, sewer),
        (ELECTRICITY_SINGLE, SEWER_STREETS, 4, sewer),
        (ELECTRICITY_SINGLE, POWER_STREETS, 9, power),
        (WATER_SINGLE, POWER_STREETS, 3, power),
        (HEATING_SINGLE, POWER_STREETS, 3, power),
    ]
    for streets, centre in OTHER_DISTRICTS.values():  # 100 single houses elsewhere, 20 a district
        groups += [(HEATING_SINGLE, streets, 7, centre), (WATER_SINGLE, streets, 7, centre),
                   (ELECTRICITY_SINGLE, streets, 6, centre)]
    lines.extend(single_lines(rng, groups))
    for text, district in LONE_OUTAGE_LIKE:
        lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS), "text": text,
                      "location": location(rng, OTHER_DISTRICTS[district][1], 0.01), "incident": None})
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev6.jsonl", storm())


if __name__ == "__main__":
    main()
