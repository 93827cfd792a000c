"""Writes the sixteenth development storm of incident grouping (tests/data/incidents_storm_dev16.jsonl).

Южно-Сахалинск, a January weekday, minute 0 is 07:00 local; 450 messages over eight hours (minutes 0–480):

* ``heat-novoalex`` (heating, 100 messages, minutes 0–420): Ново-Александровск's district boiler house stopped at
  about 02:00. Radiators cold, later lukewarm, no hot water from the hot tap, +14 in the flats, children in coats at
  home, on Советская, Рабочая, Школьная and Заводская. Residents blame the management company, the boiler house
  and the administration, and ask when it will be fixed.
* ``water-dalnee`` (water, 100 messages, minutes 40–460): a water main burst in Дальнее at about 07:30. No cold
  water, then the street flooded and the water freezing on the road and pavements, then weak pressure and brown
  water when it comes back, on Горная, Весенняя and Речная. Messages about the water and ice on the road from
  the burst belong to this outage.
* ``power-lugovoe`` (electricity, 100 messages, minutes 20–440): wind broke an overhead line in Луговое at about
  07:10. No power in private houses and blocks, electric boilers and private well pumps stopped (residents who
  write "no heat" or "no water" because there is no power belong to this outage), fridges thawing, the mobile
  network weak, on Ключевая, Сиреневая, Майская and Западная and the private-house lanes behind them.
* 150 unrelated (``incident`` null):
  - 50 single dwellings on the outages' own streets: a flat's cold or airlocked radiator, a dripping tap or cistern,
    a neighbour above flooding, a burned socket or a tripping breaker. Those needing the supply their street lacks
    are dated outside that outage's minutes: heating on Ново-Александровск's streets at 421–480, water on Дальнее's
    at 0–25 or 461–480, anything on Луговое's at 0–8 or 441–480. Each is about one flat, and most say so. A
    wording is used at most twice and never twice on one street.
  - 86 single dwellings of the same three utilities in other districts: heating in Северный, Южный, Хомутово,
    Центр, Дальнее (Солнечная) and Луговое's other streets; water in Северный, Южный, Хомутово, Центр and
    Ново-Александровск's and Луговое's other streets; electricity in Северный, Южный, Хомутово, Центр,
    Ново-Александровск's other streets and Дальнее (Солнечная). A wording is used at most twice, at most one
    message per street and category, never a whole building.
  - 5 whole buildings without a supply, each alone in its district and category (heating in Центр and Северный,
    water in Южный and Хомутово, electricity in Северный).
  - 9 others: potholes, dark street lamps, snow not cleared (Центр, Северный, Южный, Хомутово).

The outages' phrase banks (56, 56 and 56 wordings) were written for this storm, in the manner of residents. They
include terse chat, long portal-style letters, caps, emoji, stretched words, typos and shorthand, and streets
written several ways. Some messages name only a landmark, only the district, or only «у нас». Others give
coordinates or map links in the text, or say how long the outage has lasted. Each wording is used once or twice.
Some are tied to a stretch of minutes (cold early and lukewarm late; the burst, then ice, then brown water;
the broken line, then thawing fridges). All houses, flats, landmarks and coordinates are made up.

    .venv/bin/python -m tools.incident_storm_dev16
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 16017
PREFIX = "s16"
SPAN = 480

HEAT, WATER, POWER = "heat-novoalex", "water-dalnee", "power-lugovoe"


@dataclass(frozen=True)
class St:
    """A street with the forms residents use: «Советская», «на Советской»/«по Советской», «на Советскую»."""

    nom: str
    obl: str  # oblique: after на/по/у/за
    acc: str
    typo: str  # one letter off
    district: str
    centre: tuple[float, float]


DISTRICT_CENTRES = {
    "Центр": (46.9590, 142.7380),
    "Северный": (46.9800, 142.7410),
    "Южный": (46.9350, 142.7350),
    "Луговое": (46.9930, 142.7050),
    "Ново-Александровск": (47.0330, 142.7230),
    "Дальнее": (46.9020, 142.7620),
    "Хомутово": (46.8930, 142.7180),
}

DISTRICT_STREETS = {
    "Луговое": ("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная", "Больничная", "Западная", "Ключевая",
                "Сиреневая", "Майская"),
    "Ново-Александровск": ("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая",
                           "Заводская", "Садовая", "Полевая"),
    "Центр": ("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная", "Курильская", "Дзержинского",
              "Хабаровская", "Карла Маркса", "Емельянова"),
    "Северный": ("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова", "Поповича", "Комарова",
                 "Физкультурная", "Амурская", "Бумажная"),
    "Хомутово": ("Новая", "Центральная", "Зелёная", "Озёрная"),
    "Дальнее": ("Горная", "Весенняя", "Солнечная", "Речная"),
    "Южный": ("Мира", "Победы", "Есенина", "Маяковского", "Детская", "Холмская", "Железнодорожная", "Невельская",
              "Вокзальная", "Ухтомского"),
}

TYPOS = {"Советская": "Совецкая", "Рабочая": "Рабочея", "Школьная": "Школная", "Заводская": "Заводкая",
         "Горная": "Гарная", "Весенняя": "Весеняя", "Речная": "Речьная", "Ключевая": "Ключивая",
         "Сиреневая": "Сереневая", "Майская": "Маиская", "Западная": "Зпадная"}


def _forms(name: str) -> tuple[str, str]:
    if name.endswith("яя"):
        return name[:-2] + "ей", name[:-2] + "юю"
    if name.endswith("ая"):
        return name[:-2] + "ой", name[:-2] + "ую"
    return name, name  # «Ленина», «Дружбы», «Карла Маркса»: as written


def _streets() -> dict[str, St]:
    out: dict[str, St] = {}
    for district, names in DISTRICT_STREETS.items():
        lat, lon = DISTRICT_CENTRES[district]
        for i, name in enumerate(names):
            obl, acc = _forms(name)
            centre = (round(lat + ((i % 3) - 1) * 0.0035, 5), round(lon + ((i // 3) % 3 - 1) * 0.0045, 5))
            out[name] = St(name, obl, acc, TYPOS.get(name, name), district, centre)
    return out


STREETS = _streets()

OUTAGE_STREETS = {
    HEAT: ("Советская", "Рабочая", "Школьная", "Заводская"),
    WATER: ("Горная", "Весенняя", "Речная"),
    POWER: ("Ключевая", "Сиреневая", "Майская", "Западная"),
}
OUTAGE_MINUTES = {HEAT: (0, 420), WATER: (40, 460), POWER: (20, 440)}
# minute the outage began (for "уже N часов"): the boiler house at ~02:00, the main at ~07:30, the line at ~07:10
OUTAGE_START = {HEAT: -300, WATER: 30, POWER: 10}
DISTRICT_IN = {
    HEAT: ("в Ново-Александровске", "в Новоалександровске", "в Н-Александровске", "в ново-александровске"),
    WATER: ("в Дальнем", "в Дальнее", "в п. Дальнем", "в дальнем"),
    POWER: ("в Луговом", "в луговом", "на Луговом", "в Луговом районе"),
}
DISTRICT_NOM = {
    HEAT: ("Ново-Александровск", "Новоалександровск", "Н-Александровск", "новоалександровск"),
    WATER: ("Дальнее", "дальнее", "р-н Дальнее", "Дальнее"),
    POWER: ("Луговое", "луговое", "Луговой", "р-н Луговое"),
}

# Outage wordings: (first minute, last minute, text). Placeholders: {addr} an address in one of residents' ways,
# {faddr} a formal one, {nom}/{obl}/{acc} the street, {typo} the street one letter off, {house} a house as residents
# write it, {n} a plain house number, {flat}, {d_in}/{d_nom} the district, {hrs} how long, {clock} the time now,
# {coords}/{link} coordinates near the street. A leading "!" means the message is written in caps. A leading "#" a
# long letter (more often through the regional centre or VK, never lower-cased).
HEAT_TEXTS: tuple[tuple[int, int, str], ...] = (
    (0, 420, "опять батареи холодные {d_in}"),
    (0, 200, "Проснулись — в квартире холод, батареи ледяные. {addr}, кв {flat}. Что случилось??"),
    (0, 420, "отопления нет {d_in}!!! дети дома в куртках сидят"),
    (0, 200, "На {obl} с ночи нет отопления и горячей воды. Говорят, котельная встала. Когда включат?"),
    (0, 420, "Котельная опять стоит? у нас на {obl} батареи как лёд"),
    (0, 420, "ГВС нет, отопл. нет. {nom} {house}"),
    (0, 420, "+14 в квартире. +14!!! {addr}. Это вообще нормально зимой?"),
    (0, 420, "УК трубку не берёт, диспетчер говорит «котельная, не к нам». Так к кому? {nom} {house}, нет тепла с "
             "ночи"),
    (0, 260, "#Здравствуйте! Пишу от имени жильцов дома {n} по ул. {obl} ({d_nom}). С ночи в доме отсутствует "
             "отопление, горячей воды тоже нет. В квартирах холодно, у нас маленькие дети и пожилые люди. Управляющая "
             "компания ссылается на котельную. Просим принять меры и сообщить сроки восстановления теплоснабжения."),
    (0, 420, "батареи холодныееее 🥶🥶🥶"),
    (0, 420, "Когда дадут отопление на {obl}?"),
    (200, 420, "{nom} {house} — холодно, радиаторы еле тёплые, из горячего крана течёт холодная"),
    (200, 420, "Вроде чуть потеплели батареи, но всё равно холодно. {addr}. Горячей воды так и нет"),
    (200, 420, "уже {hrs} без отопления!!! {d_nom}, {nom}"),
    (0, 420, "администрация, вы там спите? весь {d_nom} мёрзнет"),
    (0, 200, "Встали утром, в квартире дубак, ребёнок дома в шапке ходит. {nom}, {house}"),
    (0, 420, "на {obl} нет тепла. и горячей тоже нет. сколько можно"),
    (0, 420, "Дети сидят дома в пуховиках, в квартире +15. {addr}, кв. {flat}. Кто ответит?"),
    (0, 420, "!отопление верните!!! {nom} {house}"),
    (0, 420, "Подскажите, что с котельной {d_in}? Батареи холодные с ночи"),
    (0, 420, "у нас в доме батареи ледяные, горячей воды нет. УК молчит"),
    (0, 420, "В нашем доме с ночи нет отопления. Сколько ещё ждать?"),
    (0, 420, "{typo} {n}, батареи холодные, гвс нет"),
    (0, 420, "Котельная встала ночью, а УК даже объявление не повесила. {addr}"),
    (0, 420, "мёрзнем на {obl} 🥶 когда починят?"),
    (0, 420, "Холодно дома. Батарея холодная, ГВС нет. {nom} д{n}"),
    (0, 420, "горячую воду дадут сегодня? на {obl} с утра нет"),
    (0, 150, "в 6 утра проснулись от холода. {addr}. батареи ледяные, из крана горячая не идёт совсем"),
    (0, 420, "возле школы все дома без отопления, у нас дома +14"),
    (0, 420, "у магазина «Ласточка» дома холодные, батареи не греют. котельная?"),
    (0, 420, "Дома рядом с котельной и те холодные 😡 Что там у вас случилось?"),
    (0, 420, "{d_nom}. Нет отопления. Нет горячей воды. Ответьте хоть что-нибудь"),
    (0, 420, "#Я пенсионерка, живу одна, {faddr}, кв. {flat}. В квартире очень холодно, батареи холодные с ночи. "
             "Включаю духовку, чтобы согреться. Помогите, пожалуйста"),
    (0, 420, "на {acc} когда тепло дадут?"),
    (0, 420, "отопл. нет {d_in} на {obl}, {house}. УК отправляет в администрацию, администрация в котельную"),
    (200, 420, "{hrs} без тепла. Батареи чуть тёплые. {nom} {house}. Это издевательство"),
    (0, 420, "Тут {coords}, дом холодный, батарей как будто нет. Отопление когда?"),
    (0, 420, "{link} — вот наш дом, отопления нет с ночи"),
    (0, 420, "холодно!!!! 🥶🥶 {d_nom} {nom}"),
    (0, 420, "#Доброе утро. Нет отопления по адресу: {faddr}. Прошу сообщить причину и сроки."),
    (0, 420, "аварийка котельной не отвечает, УК не отвечает. {nom} {house} замерзаем"),
    (200, 420, "Уже {clock}, а батареи только чуть тёплые. Дети в кофтах и шерстяных носках. {addr}"),
    (0, 420, "Почему в январе без отопления?! {d_in} на {obl} весь дом холодный"),
    (0, 420, "батареи холодные на {obl} и на соседних улицах тоже"),
    (0, 420, "сколько будут котельную чинить? холодно дома"),
    (0, 420, "Это что, котельная опять сломалась? на {obl} {n} нет ни отопления, ни горячей воды"),
    (0, 200, "Проснулась от того что холодно, градусник показывает +14. {nom} {house}, кв {flat}"),
    (0, 420, "В квартире 14 градусов, дети болеют, УК говорит ждите. Сколько ждать??? {addr}"),
    (0, 420, "гвс и отопление отсутствуют, {nom} {house}"),
    (0, 420, "Обогреватель выбивает пробки, а батареи холодные с ночи. {addr}"),
    (200, 420, "С утра ничего не изменилось. Батареи еле тёплые, горячей воды нет. {d_nom}, ул. {nom}"),
    (0, 420, "Кто-нибудь знает, когда дадут тепло {d_in}? на {obl} холод"),
    (0, 420, "у нас холодно!! дети в куртках делают уроки"),
    (0, 420, "Котельная {d_in} встала — а администрация где? 🤬 {nom} {house}"),
    (0, 200, "Ночью стало холодно, к утру батареи совсем остыли. Горячей нет. {addr}"),
    (0, 420, "отопление!!!!! {nom}"),
)

WATER_TEXTS: tuple[tuple[int, int, str], ...] = (
    (40, 300, "воды нет {d_in}"),
    (40, 300, "опять воды нет на {obl}"),
    (40, 170, "На {obl} прорвало трубу, вода хлещет из-под асфальта! Срочно пришлите аварийку!"),
    (40, 300, "Холодной воды нет с утра. {addr}. Что случилось?"),
    (40, 300, "ХВС нет, {nom} {house}"),
    (90, 330, "Вся {nom} в воде, машины по колено едут. Это с прорыва на трубе"),
    (90, 330, "На {obl} вода из трубы разлилась и замёрзла, на дороге каток. Ни пройти ни проехать"),
    (90, 330, "тротуар на {obl} сплошной лёд после прорыва, бабушка упала 😢"),
    (160, 300, "воды нет уже {hrs}!!! {d_nom}"),
    (40, 300, "Подскажите, {d_in} авария на водопроводе? на {obl} воды нет"),
    (280, 460, "Воду дали, но напор никакой, еле капает. {addr}"),
    (280, 460, "вода пошла коричневая 🤢 пить страшно. {nom} {house}"),
    (280, 460, "На {obl} после аварии из крана течёт ржавая вода. Когда будет нормальная?"),
    (60, 250, "Фонтан на {obl} уже час бьёт, вода течёт во дворы, скоро в подвалы пойдёт!"),
    (40, 170, "Прорыв трубы у остановки на {obl}, вода по дороге рекой"),
    (90, 330, "Улица затоплена, {nom} — не пройти к остановке, дети в школу выйти не могут"),
    (40, 300, "Когда дадут воду {d_in}?"),
    (40, 300, "воду верните!!! {d_nom}"),
    (40, 250, "#Здравствуйте. Проживаю по адресу: {d_nom}, {faddr}, кв. {flat}. С утра отсутствует холодное "
              "водоснабжение. Соседи говорят, что на улице прорвало трубу. Прошу сообщить, когда будет устранена "
              "авария и восстановлена подача воды."),
    (90, 330, "Администрация! На {obl} после прорыва всё замёрзло, машины в кювет съезжают. Посыпьте хотя бы!"),
    (40, 300, "ни воды, ни информации. {nom}, {house}"),
    (40, 300, "у нас воды нет совсем"),
    (40, 300, "В нашем доме нет воды с утра, чем детей мыть?"),
    (40, 300, "{typo} {n} воды нет"),
    (90, 330, "Возле магазина «Уют» по дороге течёт вода, а дальше уже лёд 🧊"),
    (90, 330, "у остановки «Дальнее» лужа огромная, замёрзла — автобус еле проехал. это с прорыва"),
    (40, 300, "водоканал, когда воду дадут? {d_in} с утра сухие краны"),
    (40, 200, "Вода хлещет из колодца на {obl}, вот тут: {coords}"),
    (60, 330, "{link} вот тут трубу прорвало, всё залило и замерзает"),
    (280, 460, "Вода появилась, но напор слабый, стиралка не включается. {addr}"),
    (280, 460, "Воду дали? у меня еле бежит и мутная. {nom} {house}"),
    (100, 300, "снег топим, чтобы унитаз смыть, серьёзно?! {d_nom}, {nom}"),
    (160, 300, "Где подвоз воды? {d_in} нет воды уже {hrs}"),
    (90, 330, "!на {obl} вся дорога во льду от прорыва!!!"),
    (40, 200, "прорвало водопровод на {obl}, воды нет во всех домах"),
    (60, 300, "сколько ещё без воды сидеть? дети, старики… {d_nom}"),
    (280, 460, "после отключения вода как чай, коричневая. {addr}. это пить можно?"),
    (90, 330, "На {obl} у дома {n} воду из прорыва несёт прямо во двор, у подъезда уже лёд"),
    (40, 300, "ХВС отсутствует, {d_nom}, ул {nom} {house}. Аварийку вызывали?"),
    (120, 400, "Сосед машину не может выгнать — вмёрзла в лёд после прорыва на {obl}"),
    (40, 300, "когда воду дадут на {obl}??"),
    (40, 300, "Нет воды. Ни попить, ни умыться. {addr}"),
    (90, 330, "вода с прорыва течёт вниз на {acc}, там уже каток"),
    (280, 460, "Напор слабый, до пятого этажа вода не доходит. {nom} {house}"),
    (40, 300, "Объявите хоть сроки! {d_in} с утра нет воды"),
    (40, 200, "{d_nom} без воды?"),
    (90, 330, "Пешеходы идут по проезжей части, тротуар на {obl} залит и замёрз после аварии"),
    (40, 300, "вадыыы нет 😭 {nom}"),
    (280, 460, "Вода пошла ржавая, напор слабый. {d_nom}, {addr}"),
    (60, 300, "Трубу прорвало у школы, вода по всей дороге и уже замерзает"),
    (40, 300, "у нас в доме воды нет, УК говорит авария на сетях водоканала"),
    (280, 460, "#Дали воду, но она грязная и пахнет. Адрес: {faddr}, кв. {flat}. Прошу проверить качество воды "
               "после аварии и сообщить, когда можно будет её пить."),
    (40, 300, "Воды нет, детей помыть нечем, чай сварить не из чего. {addr}"),
    (90, 330, "Возле рынка вся улица залита водой, уже схватилось льдом"),
    (40, 130, "утром вода шла тонкой струйкой, а теперь совсем пропала. {nom} {house}"),
    (300, 460, "{hrs} без воды, а теперь вот коричневая течёт. {nom}"),
)

POWER_TEXTS: tuple[tuple[int, int, str], ...] = (
    (20, 300, "свет дайте!!!"),
    (20, 180, "Ветром оборвало провода на {obl}, света нет"),
    (20, 200, "На {obl} провод висит на заборе, искрит! Опасно, дети ходят!"),
    (20, 440, "нет света {d_in}"),
    (20, 200, "Опора ЛЭП на {obl} накренилась, провода порваны. Света нет и в частном секторе, и в пятиэтажках"),
    (60, 440, "Электрокотёл не работает, света нет, дом остывает. {addr}. Когда дадут?"),
    (60, 440, "В частном доме без света нет ни тепла, ни воды — насос не качает. {nom} {house}"),
    (60, 440, "воды нет потому что света нет, насос встал 😩 {d_nom}"),
    (180, 440, "Холодильник потёк, продукты пропадают. Света нет с утра. {addr}"),
    (20, 440, "э/э нет, {nom} {house}"),
    (20, 440, "эл-во когда дадут на {obl}?"),
    (40, 440, "Связь еле ловит, телефон садится, света нет. {d_nom}"),
    (40, 440, "Сеть почти не ловит, интернет пропал. Вышку тоже обесточило? {d_in}"),
    (20, 300, "#Здравствуйте. {d_nom}, {faddr}. С утра отсутствует электроэнергия, по словам соседей, ветром оборвало "
              "провод на линии. В доме электрическое отопление, температура падает. Просим срочно восстановить "
              "электроснабжение."),
    (20, 440, "свет когда будет?? {nom}"),
    (180, 440, "Уже {hrs} без света! {d_in}. Котёл стоит, трубы скоро перемёрзнут"),
    (60, 440, "!тепла нет, воды нет — света нет! {nom} {house}"),
    (60, 440, "у нас света нет, котёл электрический встал, в доме холодает"),
    (20, 440, "В нашем доме нет света с утра"),
    (20, 440, "{typo} {n} нет света"),
    (20, 200, "провод оборвало на {obl}, лежит на дороге, никто не огораживает"),
    (20, 440, "у подстанции на въезде в Луговое что-то бахнуло утром, с тех пор света нет"),
    (20, 440, "возле магазина «Колосок» света нет во всех домах"),
    (20, 440, "за поликлиникой нет света в домах, связь тоже пропала"),
    (60, 440, "Насос в скважине без электричества не работает, воды нет. Частный дом, {addr}"),
    (180, 440, "Продукты в морозилке разморозились, кто компенсирует? {nom} {house}, света нет с утра"),
    (20, 440, "светаааа нет на {obl} 😭😭"),
    (20, 440, "Электросети, где бригада? {d_in} обрыв провода, света нет"),
    (20, 300, "{coords} — здесь провод на земле, света нет на всей улице"),
    (20, 300, "{link} обрыв линии, света нет"),
    (60, 440, "В пятиэтажке ещё терпимо, но частный сектор за {obl} без света мёрзнет — электрокотлы стоят"),
    (180, 440, "Света так и нет. {addr}. Ребёнок маленький, дома холодно, отопление у нас на электричестве"),
    (20, 440, "#Когда восстановят электроснабжение на ул. {obl}? Нет света с утра, {faddr}."),
    (20, 440, "Света нет ни у кого на {obl}, ни в частных домах, ни в многоэтажках"),
    (20, 180, "Утром ветрище, потом хлопок и свет пропал. {nom} {house}"),
    (90, 440, "Без света котёл не работает, в доме уже +12. {addr}"),
    (20, 440, "{d_nom} без света, сколько можно?!"),
    (20, 440, "!электричество дайте!!! {nom}"),
    (60, 440, "Воды нет — в частном секторе на {obl} насосы без света стоят. {d_in}"),
    (180, 440, "{hrs} без эл-ва, в холодильнике всё потекло, телефон сел"),
    (20, 440, "света нет на {obl} и в переулках за ней"),
    (20, 440, "В переулке за {obl} света нет, провода лежат"),
    (90, 440, "Дома без света, вода в трубах скоро замёрзнет, котёл встал. Частный дом, {addr}"),
    (20, 440, "Мобильная связь почти пропала, дозвониться в аварийку не могу, света нет. {nom} {house}"),
    (20, 180, "сильный ветер порвал провода между опорами на {obl}, свет пропал около семи"),
    (20, 440, "Кто-нибудь знает, когда свет дадут {d_in}?"),
    (20, 300, "Свет отключили {d_in}. Предупреждения не было"),
    (180, 440, "Уже {clock}, а света нет. Холодильник разморозился, котёл стоит. {nom} {house}"),
    (20, 440, "нету света. {nom} д{n}"),
    (60, 440, "#Отопление в частном доме электрическое, без света дом остывает, дети в шапках. Адрес: {faddr}. "
              "Просим сообщить, когда дадут электроэнергию."),
    (20, 440, "Администрация, сделайте что-нибудь! {d_nom} с утра без электричества"),
    (20, 440, "на {obl} нет света, связь через раз"),
    (60, 440, "Вода не идёт — насос без электричества. Света нет с утра. {nom} {house}"),
    (20, 440, "свет вырубило на {obl}, у соседей тоже"),
    (20, 440, "Где свет? {d_nom}"),
    (20, 300, "У школы опора покосилась, провода висят низко. Света нет"),
)

OUTAGE_TEXTS = {HEAT: HEAT_TEXTS, WATER: WATER_TEXTS, POWER: POWER_TEXTS}

# Unrelated single dwellings on the outages' own streets: (category, districts it is not written for, text).
OWN_STREET_TEXTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("heating", (), "У всех уже тепло, а у меня в спальне батарея так и холодная, и так с прошлой недели. {addr}, "
                    "кв {flat}"),
    ("heating", (), "Стояк завоздушен, в нашей квартире одна батарея холодная, у соседей горячие. {addr}, кв. {flat}"),
    ("heating", (), "Батарея на кухне холодная уже неделю, остальные греют. {nom} {house}, кв {flat}. УК не приходит"),
    ("heating", (), "в одной комнате батарея холодная с прошлой недели, только у нас. {addr} кв {flat}"),
    ("heating", (), "Полотенцесушитель холодный с понедельника, у соседей работает. {addr}, кв {flat}"),
    ("heating", (), "Подтекает батарея в зале, под ней лужа, у нас одних. {nom} {house} кв {flat}"),
    ("heating", (), "После замены окон в угловой комнате батарея еле тёплая уже вторую неделю, остальные нормальные. "
                    "{addr}, кв. {flat}"),
    ("heating", (), "Кран Маевского сломался, спустить воздух не могу, батарея в детской холодная. {nom}, {house}, "
                    "кв {flat}"),
    ("heating", (), "Батарея в ванной ледяная с прошлой недели, в остальных комнатах тепло. {addr}, кв {flat}"),
    ("water", (), "Течёт кран на кухне, перекрыть не получается. {addr}, кв {flat}"),
    ("water", (), "Соседи сверху топят, с потолка течёт! {addr}, кв {flat}, дверь не открывают"),
    ("water", (), "бачок унитаза течёт постоянно, счётчик крутится. {nom} {house} кв {flat}"),
    ("water", (), "Под раковиной протекает труба холодной воды, только у меня в квартире. {addr}, кв. {flat}"),
    ("water", (), "Смеситель в ванной сломался, вода не перекрывается. {nom} {house}, кв {flat}. Сантехник УК не "
                  "приходит"),
    ("water", (), "Засор в квартире, раковина не уходит третий день. {addr} кв {flat}"),
    ("water", ("Дальнее",), "У меня одной в квартире напор слабый с прошлой недели, фильтр что ли забился. {addr}, "
                            "кв {flat}"),
    ("water", (), "С потолка в ванной капает — соседи сверху опять затопили. {nom} {house}, кв {flat}"),
    ("water", (), "Унитаз течёт в квартире {flat}, {nom} {house}. Мастера не дождаться"),
    ("water", (), "Прорвало гибкую подводку в ванной, перекрыл воду в квартире, нужен сантехник. {addr} кв {flat}"),
    ("electricity", (), "Розетка в комнате сгорела, почернела и пахнет гарью. {addr}, кв {flat}"),
    ("electricity", (), "В квартире выбивает автомат, у соседей свет есть. {nom} {house}, кв {flat}"),
    ("electricity", (), "Искрит выключатель в коридоре, боюсь включать. {addr} кв {flat}"),
    ("electricity", ("Луговое",), "В одной комнате нет света, в остальных есть. Что делать? {nom} {house} кв {flat}"),
    ("electricity", ("Луговое",), "Счётчик в квартире щёлкает и гудит, свет моргает только у нас. {addr}, кв. "
                                  "{flat}"),
    ("electricity", (), "сгорела проводка на кухне, у соседей всё нормально. {nom} д{n} кв {flat}"),
    ("electricity", ("Луговое",), "Лампочки в квартире мигают, у соседей нет. {addr}, кв {flat}"),
    ("electricity", (), "У меня на кухне розетка оплавилась, теперь не работает. {addr}, кв {flat}"),
)

# Unrelated single dwellings in other districts: (category, text).
OTHER_TEXTS: tuple[tuple[str, str], ...] = (
    ("heating", "В квартире холодно, одна батарея еле тёплая, у соседей нормально. {addr}, кв. {flat}"),
    ("heating", "Не греет батарея в детской, стояк завоздушило. {nom} {house}, кв {flat}"),
    ("heating", "Подскажите куда обращаться: в комнате батарея холодная с прошлой недели, УК не реагирует. {addr}, "
                "кв {flat}"),
    ("heating", "Батарея течёт в квартире, подставили таз. {addr} кв {flat}, нужен слесарь"),
    ("heating", "ГВС в моей квартире еле тёплая, у соседей горячая. {nom} {house} кв {flat}"),
    ("heating", "В квартире {flat} по адресу {faddr} после ремонта стояка холодный полотенцесушитель"),
    ("heating", "у меня одна батарея холодная третью неделю!!! {nom} д{n} кв{flat}"),
    ("heating", "#Здравствуйте! В моей квартире ({faddr}, кв. {flat}) в угловой комнате температура +17, радиатор "
                "прогревается только сверху. Прошу направить специалиста для проверки."),
    ("heating", "Воздух в батарее, булькает и не греет. кв {flat}, {addr}"),
    ("heating", "Сосед при ремонте сломал кран на стояке, у меня теперь холодная батарея. {nom} {house}, кв {flat}"),
    ("heating", "В ванной не греет полотенцесушитель уже месяц, УК отвечает «ждите». {addr}, кв. {flat}"),
    ("heating", "Батарея в спальне холодная снизу, сверху тёплая. Что делать? {nom} {house} кв {flat}"),
    ("heating", "Горячая вода у меня из крана идёт чуть тёплая, сливаю по 10 минут. Квартира {flat}, {addr}"),
    ("heating", "Прошу прислать слесаря: в квартире {flat} ({faddr}) завоздушена батарея на кухне"),
    ("heating", "батарея в зале ледяная, остальные греют, кв {flat} {nom} {house}"),
    ("heating", "Протекает вентиль на отоплении в квартире, капает на пол. {addr}, кв {flat}"),
    ("heating", "После промывки системы у меня в квартире одна батарея так и не греет. {nom}, {house}, кв. {flat}"),
    ("water", "Кран на кухне течёт, вода не перекрывается. {addr}, кв {flat}"),
    ("water", "Нас топят соседи сверху, вода по стене течёт. {nom} {house}, кв {flat}"),
    ("water", "Течёт труба под ванной, у меня в квартире лужа. {addr} кв {flat}"),
    ("water", "Сломался вентиль на стояке в моей квартире, сантехник УК не приходит третий день. {addr}, кв. {flat}"),
    ("water", "бачок течёт, счётчик мотает. кв {flat}, {nom} {house}"),
    ("water", "#Здравствуйте. По адресу {faddr}, кв. {flat} протекает соединение трубы холодного водоснабжения в "
              "санузле. Прошу направить сантехника."),
    ("water", "Засор в раковине, вода не уходит. {nom} {house} кв {flat}"),
    ("water", "Соседи сверху залили ванную, у них дома никого. {addr}, кв {flat}. Что делать??"),
    ("water", "Капает с потолка в туалете, сосед сверху не открывает. {addr}, кв {flat}"),
    ("water", "У меня в квартире холодная вода идёт с воздухом и плюётся, у соседей нормально. {nom} {house} кв "
              "{flat}"),
    ("water", "Сорвало кран на стиральную машину, воду перекрыл, нужен сантехник. {addr}, кв {flat}"),
    ("water", "Подскажите, кто меняет счётчик воды? у меня под ним течёт. {nom} {house}, кв {flat}"),
    ("water", "!топят сверху!!! {addr} кв {flat}"),
    ("water", "Канализация в квартире булькает и пахнет, только у нас. {addr}, кв. {flat}"),
    ("water", "Соседи сверху затопили кухню второй раз за месяц, УК разводит руками. {nom}, {house}, кв {flat}"),
    ("water", "Течёт смеситель в ванной, капает круглые сутки. кв. {flat}, {addr}"),
    ("water", "Прорвало шланг под мойкой, вода на полу, воду в квартире перекрыли. {addr}, кв {flat}"),
    ("electricity", "Сгорела розетка на кухне, запах гари. {addr}, кв {flat}"),
    ("electricity", "В квартире выбивает автомат, как только включаю чайник. {nom} {house}, кв {flat}"),
    ("electricity", "Искрит розетка в детской, что делать? {addr} кв {flat}"),
    ("electricity", "У меня в квартире нет света, у соседей есть. Электрик УК не отвечает. {addr}, кв. {flat}"),
    ("electricity", "Свет моргает только в нашей квартире, лампочки перегорают одна за другой. {nom} {house}, кв "
                    "{flat}"),
    ("electricity", "#Здравствуйте. В квартире {flat} дома {n} по ул. {obl} оплавилась проводка в щитке, пропал свет "
                    "в одной комнате. Прошу прислать электрика."),
    ("electricity", "счётчик э/э сгорел в квартире, свет есть только на кухне. кв {flat} {nom} {house}"),
    ("electricity", "Выключатель в ванной плавится, пахнет пластиком. {addr}, кв {flat}"),
    ("electricity", "Перегорела проводка в коридоре, пол квартиры без света. {addr} кв {flat}"),
    ("electricity", "в квартире пробки выбивает каждый вечер, у соседей всё ок. {nom} д{n} кв {flat}"),
    ("electricity", "Розетка в зале не работает и потрескивает. {addr}, кв. {flat}"),
    ("electricity", "Как вызвать электрика? у меня в квартире отгорел провод на счётчике. {nom} {house}, кв {flat}"),
    ("electricity", "Дома вырубился автомат и не поднимается, у остальных в подъезде свет есть. {addr}, кв {flat}"),
    ("electricity", "Бьёт током от крана в ванной, только у нас. {addr}, кв. {flat}"),
    ("electricity", "Сгорело УЗО в квартире, кухня без света. {nom} {house} кв {flat}"),
    ("electricity", "В квартире {flat} ({faddr}) пропало напряжение на половине розеток, электрик УК не приходит"),
    ("electricity", "Розетка вывалилась из стены вместе с проводами, искрит. {nom}, {house}, кв {flat}"),
)

# Districts (and their streets) where single dwellings of a category are not part of any outage.
OTHER_PLACES = {
    "heating": ("Северный", "Южный", "Хомутово", "Центр", "Дальнее", "Луговое"),
    "water": ("Северный", "Южный", "Хомутово", "Центр", "Ново-Александровск", "Луговое"),
    "electricity": ("Северный", "Южный", "Хомутово", "Центр", "Ново-Александровск", "Дальнее"),
}
OTHER_COUNT = {"heating": 29, "water": 29, "electricity": 28}

# Whole buildings without a supply, each alone in its district and category: (category, street, text).
BUILDING_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("heating", "Курильская", "Весь дом {addr} без отопления, все квартиры холодные. УК говорит — авария в подвале "
                              "нашего дома. Сколько ждать?"),
    ("water", "Победы", "Во всём доме {addr} нет холодной воды, в подвале прорвало трубу. Все подъезды, соседние дома "
                        "с водой"),
    ("electricity", "Крюкова", "Весь дом без света! {addr}, все четыре подъезда. В соседних домах свет есть"),
    ("water", "Центральная", "#Дом {n} по ул. {obl}: во всех квартирах нет воды, в соседних домах вода есть. Просим "
                             "проверить ввод в наш дом."),
    ("heating", "Тихоокеанская", "В доме {addr} во всех квартирах холодные батареи, лопнула труба в подвале, УК не "
                                 "отвечает"),
)

# A few others: (street, text).
OTHER_KIND_TEXTS: tuple[tuple[str, str], ...] = (
    ("Ленина", "Яма на дороге на {obl} у дома {n}, уже два колеса пробил"),
    ("Мира", "Ямы на {obl} возле дома {n} — машины объезжают по встречке"),
    ("Новая", "Опять яма на проезжей части, {addr}. Когда залатаете?"),
    ("Горького", "Не горят фонари на {obl}, вечером идти страшно"),
    ("Холмская", "Фонарь у дома {n} по {obl} не горит уже неделю"),
    ("Чехова", "Уличное освещение на {obl} не работает, утром дети идут в школу в темноте"),
    ("Амурская", "Снег не убран на {obl}, тротуар завален"),
    ("Есенина", "Двор не чищен после снегопада, {addr}. Машины буксуют"),
    ("Зелёная", "Грейдер оставил вал снега у выезда, {addr}. Не выехать"),
)

LONG_CHANNELS = ("regional", "regional", "vk", "ok")


def _house(rng: random.Random, n: int) -> str:
    k = rng.randint(1, 3)
    return rng.choice([str(n), str(n), str(n), f"д{n}", f"д. {n}", f"{n}к{k}", f"дом {n} корп {k}", f"{n}/{k}",
                       f"{n}а", f"{n}б"])


def _address(rng: random.Random, s: St, n: int) -> str:
    h = _house(rng, n)
    forms = [f"ул. {s.nom} {h}", f"ул.{s.nom}, {n}", f"{s.nom}, д.{n}", f"{s.nom} {h}", f"{s.nom} {h}",
             f"ул {s.nom} д {n}", f"дом {n} по ул. {s.obl}", f"на {s.obl} {h}", f"по {s.obl} {h}",
             f"{s.nom.lower()} {h}", f"улица {s.nom}, дом {n}", f"{s.nom} д{n}"]
    if s.typo != s.nom:
        forms.append(f"{s.typo} {h}")
    if rng.random() < 0.1:
        return f"{s.nom}{n}"
    return rng.choice(forms)


def _formal(rng: random.Random, s: St, n: int) -> str:
    return rng.choice([f"ул. {s.nom}, д. {n}", f"ул. {s.nom}, д. {n}, корп. {rng.randint(1, 2)}",
                       f"улица {s.nom}, дом {n}", f"ул. {s.nom}, {n}"])


def _hours(h: int) -> str:
    if h % 10 == 1 and h % 100 != 11:
        return f"{h} час"
    if h % 10 in (2, 3, 4) and h % 100 not in (12, 13, 14):
        return f"{h} часа"
    return f"{h} часов"


def _coords(rng: random.Random, s: St) -> tuple[float, float]:
    return (round(s.centre[0] + rng.uniform(-0.0015, 0.0015), 5), round(s.centre[1] + rng.uniform(-0.0015, 0.0015), 5))


def _text(rng: random.Random, template: str, s: St, minute: int, label: str | None) -> tuple[str, bool]:
    """The message and whether it is a long letter."""
    caps, long_letter = template.startswith("!"), template.startswith("#")
    template = template.lstrip("!#")
    n = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    lat, lon = _coords(rng, s)
    coords = rng.choice([f"{lat}, {lon}", f"{lat} {lon}", f"{lat:.4f},{lon:.4f}"])
    link = rng.choice([f"https://yandex.ru/maps/?pt={lon},{lat}&z=17", f"https://2gis.ru/geo/{lon},{lat}",
                       f"geo:{lat},{lon}"])
    clock_minute = 7 * 60 + minute
    hrs = (minute - OUTAGE_START[label]) // 60 if label else 0
    text = template.format(
        addr=_address(rng, s, n), faddr=_formal(rng, s, n), nom=s.nom, obl=s.obl, acc=s.acc, typo=s.typo,
        house=_house(rng, n), n=n, flat=rng.randint(1, 120),
        d_in=rng.choice(DISTRICT_IN[label]) if label else "", d_nom=rng.choice(DISTRICT_NOM[label]) if label else "",
        hrs=_hours(hrs), clock=f"{clock_minute // 60:02d}:{clock_minute % 60:02d}", coords=coords, link=link)
    if caps:
        text = text.upper()
    elif not long_letter:
        if rng.random() < 0.12:
            text = text.lower()
        if rng.random() < 0.08:
            text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!", " …", ")))"])
    return " ".join(text.split()), long_letter


def _line(rng: random.Random, minute: int, text: str, long_letter: bool, s: St,
          label: str | None) -> dict[str, Any]:
    return {"minutes": minute, "channel": rng.choice(LONG_CHANNELS if long_letter else CHANNELS), "text": text,
            "location": location(rng, s.centre, 0.002), "incident": label}


def _outage(rng: random.Random, label: str, count: int = 100) -> list[dict[str, Any]]:
    texts = OUTAGE_TEXTS[label]
    order = list(texts)
    rng.shuffle(order)
    second = list(texts)
    rng.shuffle(second)  # a second use of some wordings, never a third, never word for word the same message
    lo_all, hi_all = OUTAGE_MINUTES[label]
    lines: list[dict[str, Any]] = []
    written: set[str] = set()
    while len(lines) < count:
        first, last, template = order.pop() if order else second.pop()
        for _ in range(20):
            s = STREETS[rng.choice(OUTAGE_STREETS[label])]
            minute = rng.randint(max(first, lo_all), min(last, hi_all))
            text, long_letter = _text(rng, template, s, minute, label)
            if text.lower() not in written:
                break
        else:
            continue  # a wording with nothing to vary: not used a second time
        written.add(text.lower())
        lines.append(_line(rng, minute, text, long_letter, s, label))
    return lines


def _own_street_minute(rng: random.Random, district: str, category: str) -> int:
    if district == "Луговое":  # everything there needs the power the line cut
        return rng.choice([rng.randint(0, 8), rng.randint(441, SPAN)])
    if district == "Ново-Александровск" and category == "heating":
        return rng.randint(421, SPAN)
    if district == "Дальнее" and category == "water":
        return rng.choice([rng.randint(0, 25), rng.randint(461, SPAN)])
    return rng.randint(0, SPAN)


def _own_streets(rng: random.Random, count: int = 50) -> list[dict[str, Any]]:
    places = [(label, name) for label, names in OUTAGE_STREETS.items() for name in names]
    per_district = {HEAT: 17, WATER: 17, POWER: 16}
    uses: dict[int, int] = {}
    seen: set[tuple[int, str]] = set()
    per_cat_street: dict[tuple[str, str], int] = {}
    lines = []
    for label, quota in per_district.items():
        made = 0
        while made < quota:
            name = rng.choice([p[1] for p in places if p[0] == label])
            s = STREETS[name]
            index = rng.randrange(len(OWN_STREET_TEXTS))
            category, not_in, template = OWN_STREET_TEXTS[index]
            if (s.district in not_in or uses.get(index, 0) >= 2 or (index, name) in seen
                    or per_cat_street.get((category, name), 0) >= 2):
                continue
            uses[index] = uses.get(index, 0) + 1
            seen.add((index, name))
            per_cat_street[(category, name)] = per_cat_street.get((category, name), 0) + 1
            minute = _own_street_minute(rng, s.district, category)
            text, long_letter = _text(rng, template, s, minute, None)
            lines.append(_line(rng, minute, text, long_letter, s, None))
            made += 1
    assert len(lines) == count
    return lines


def _other_streets(category: str) -> list[str]:
    outage_streets = {name for names in OUTAGE_STREETS.values() for name in names}
    building = {street for cat, street, _ in BUILDING_TEXTS if cat == category}
    return [name for district in OTHER_PLACES[category] for name in DISTRICT_STREETS[district]
            if name not in outage_streets and name not in building]


def _other_districts(rng: random.Random) -> list[dict[str, Any]]:
    uses: dict[int, int] = {}
    lines = []
    for category, quota in OTHER_COUNT.items():
        indices = [i for i, (cat, _) in enumerate(OTHER_TEXTS) if cat == category]
        streets = _other_streets(category)
        rng.shuffle(streets)
        for name in streets[:quota]:  # at most one message per street and category
            index = rng.choice([i for i in indices if uses.get(i, 0) < 2])
            uses[index] = uses.get(index, 0) + 1
            s = STREETS[name]
            minute = rng.randint(0, SPAN)
            text, long_letter = _text(rng, OTHER_TEXTS[index][1], s, minute, None)
            lines.append(_line(rng, minute, text, long_letter, s, None))
    return lines


def _others(rng: random.Random) -> list[dict[str, Any]]:
    lines = []
    for _, name, template in BUILDING_TEXTS:
        s, minute = STREETS[name], rng.randint(0, SPAN)
        text, long_letter = _text(rng, template, s, minute, None)
        lines.append(_line(rng, minute, text, long_letter, s, None))
    for name, template in OTHER_KIND_TEXTS:
        s, minute = STREETS[name], rng.randint(0, SPAN)
        text, long_letter = _text(rng, template, s, minute, None)
        lines.append(_line(rng, minute, text, long_letter, s, None))
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = _outage(rng, HEAT) + _outage(rng, WATER) + _outage(rng, POWER)
    lines += _own_streets(rng) + _other_districts(rng) + _others(rng)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev16.jsonl", storm())


if __name__ == "__main__":
    main()
