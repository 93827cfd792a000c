"""Writes the storm scenario dev15 (tests/data/incidents_storm_dev15.jsonl): a January frost night in Южно-Сахалинск.

Minute 0 is 03:00 local time, the frost is −22, the storm lasts until 11:00 (minute 480). Three outages in three
districts, 100 messages each, and 150 unrelated messages of the same hours:

- `heat-lugovoe` (heating), minutes 20–470: a heat main bursts under Авиационная in Луговое at about 03:10; no
  heating and no hot water on Лучистая, Дружбы, Авиационная, Шоссейная, Ударная. Early messages see steam from the
  ground on Авиационная and radiators cooling down; later ones write about cold flats, children and old people
  freezing, people warming themselves with ovens and gas rings.
- `power-yuzhny` (electricity), minutes 0–300: ice on the wires brings a line down in Южный at 03:00; no power on
  Мира, Победы, Есенина, Маяковского: electric heaters and gas-boiler pumps stopped, phones dying, lifts stuck, a
  shop's fridges off; from about minute 180 the power is back for some and flickering.
- `water-khomutovo` (water), minutes 90–480: the pump of Хомутово's water tower freezes at about 04:20; no cold
  water on Новая, Центральная, Зелёная, Озёрная, then a trickle (from about minute 220), then air in the pipes (from
  about minute 280); people buy bottled water and ask for a water truck.

Each outage has its own bank of 56–57 wordings in residents' manner (terse chat, long portal-style letters with
house and flat numbers, caps, emoji, stretched words, typos, shorthand, streets in several cases, landmark-only,
district-only, «у нас»-only, coordinates and map links in the text, bare questions); every wording is used once or
twice (a second time only if it takes an address or is short, so that no long text comes twice word for word).
A wording may be tied to a stretch of minutes (steam early, a trickle later) or to one street. `incident` is
what the resident means: a question with no address during the outage is still labelled with it.

The 150 unrelated messages (incident null):
- 45 single dwellings on the outages' own streets (27 wordings, each at most twice, never twice on one street): a
  dripping tap, a neighbour's leak, a pipe frozen in an outside wall, a flat's breaker or socket, one airlocked or
  leaking radiator. Those needing a supply their street lacks are dated outside that outage's minutes (heating on
  Луговое's streets at minutes 0–19, electricity on Южный's at 301–480, water on Хомутово's at 0–89), and all of
  them say it is their flat only.
- 92 single dwellings on the 37 streets of Центр, Северный, Ново-Александровск, Дальнее and Луговое's Больничная,
  Западная, Ключевая: 30 water, 29 heating, 27 electricity and 6 entrance, lift and icicle complaints (52 wordings,
  each at most twice, at most one message per street and category, so never a wording twice on one street).
- 5 whole buildings without a supply, each alone in its district and category (water in Центр and Дальнее,
  electricity in Северный and Луговое's Майская, heating in Ново-Александровск).
- 8 others: 3 potholes, 2 icy pavements, 2 dark street lamps, a stray dog.

About 15 % of the messages carry a location near their street. All houses, flats, landmarks and coordinates are
made up; the texts were written for this repository (no third-party data).

Validation set (issue 17): written without reading the matching, the classifier, or any other storm's texts or
scripts, and committed before the grouping was run on it.

    .venv/bin/python -m tools.incident_storm_dev15     # or: python3 -m tools.incident_storm_dev15
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, Street, address, location, numbered, street, write

SEED = 15017
PREFIX = "s15"
SPAN = 480
LETTER_CHANNELS = ("regional", "regional", "vk", "telegram")

# Made-up district centres (not surveyed points).
LUGOVOE = (46.9921, 142.7003)
YUZHNY = (46.9312, 142.7284)
KHOMUTOVO = (46.9074, 142.7779)
CENTRE = (46.9587, 142.7386)
SEVERNY = (46.9783, 142.7441)
NOVO = (47.0338, 142.7143)
DALNEE = (46.9205, 142.6824)

# One letter off, as residents type on a phone.
TYPOS = {
    "Лучистая": "Лучитсая", "Дружбы": "Дружьы", "Авиационная": "Авиоционная", "Шоссейная": "Шосейная",
    "Ударная": "Уданая", "Мира": "Мирв", "Победы": "Пабеды", "Есенина": "Есенена", "Маяковского": "Маяковкого",
    "Новая": "Новоя", "Центральная": "Центральая", "Зелёная": "Зеленая", "Озёрная": "Азёрная",
}


def _adj(name: str) -> Street:
    """A street named by an adjective: Лучистая → на Лучистой, по Лучистой."""
    stem = name[:-2]
    ending = "ей" if name.endswith("яя") else "ой"
    return street(name, stem + ending)


def _inv(name: str) -> Street:
    """A street named by a genitive: Мира → на Мира, по Мира."""
    return street(name)


def _streets(*names: str) -> tuple[Street, ...]:
    return tuple(_adj(n) if n.endswith(("ая", "яя")) else _inv(n) for n in names)


# The districts' streets (infra/config/towns.json), each given a made-up point around its district's centre.
DISTRICT_STREETS = (
    (LUGOVOE, ("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная", "Больничная", "Западная", "Ключевая",
               "Сиреневая", "Майская")),
    (YUZHNY, ("Мира", "Победы", "Есенина", "Маяковского", "Детская", "Холмская", "Железнодорожная", "Невельская",
              "Вокзальная", "Ухтомского")),
    (KHOMUTOVO, ("Новая", "Центральная", "Зелёная", "Озёрная")),
    (CENTRE, ("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная", "Курильская", "Дзержинского",
              "Хабаровская", "Карла Маркса", "Емельянова")),
    (SEVERNY, ("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова", "Поповича", "Комарова",
               "Физкультурная", "Амурская", "Бумажная")),
    (NOVO, ("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая", "Заводская",
            "Садовая", "Полевая")),
    (DALNEE, ("Горная", "Весенняя", "Солнечная", "Речная")),
)
POINTS = {name: (round(centre[0] + (i % 3 - 1) * 0.0035, 5), round(centre[1] + (i // 3 - 1) * 0.0045, 5))
          for centre, names in DISTRICT_STREETS for i, name in enumerate(names)}


@dataclass(frozen=True)
class Wording:
    text: str
    lo: int = 0
    hi: int = SPAN
    on: tuple[str, ...] = ()  # only these streets (empty: any of the outage's)
    letter: bool = False
    category: str = ""


def w(text: str, lo: int = 0, hi: int = SPAN, on: tuple[str, ...] = (), letter: bool = False,
      category: str = "") -> Wording:
    return Wording(text, lo, hi, on, letter, category)


@dataclass(frozen=True)
class Outage:
    label: str
    first: int
    last: int
    began: int  # the minute the failure happened, for "how long" phrases
    district: tuple[str, ...]
    streets: tuple[Street, ...]
    wordings: tuple[Wording, ...]


# ---------------------------------------------------------------------------------------------------------------
# heat-lugovoe: a heat main under Авиационная, Луговое
HEAT = Outage(
    label="heat-lugovoe", first=20, last=470, began=10,
    district=("в Луговом", "Луговое", "на Луговом", "в Луговом районе", "луговое", "Луговой"),
    streets=_streets("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная"),
    wordings=(
        w("{district}, на Авиационной из-под земли валит пар, прямо из снега. Трубу прорвало похоже", 20, 200,
          ("Авиационная",)),
        w("На Авиационной возле остановки столб пара, парит из люка, весь проезд в тумане. Это теплотрасса?", 20, 180,
          ("Авиационная",)),
        w("батареи еле тёплые {addr}, что случилось?", 20, 150),
        w("У нас {loc} батареи остывают прямо на глазах. Час назад были горячие", 20, 160),
        w("горячая вода пошла холодная {at}, кран открыт уже 10 минут", 20, 200),
        w("пар из под земли у школы на Авиационной, снег растаял, кипяток течёт по дороге. утром тут дети пойдут!!",
          20, 240, ("Авиационная",)),
        w("ул Авиационная, вот координаты {coords} — парит из земли, грунт просел, огородите пожалуйста", 20, 300,
          ("Авиационная",)),
        w("{map} вот тут прорыв, пар столбом", 20, 300, ("Авиационная",)),
        w("Нет отопления {at}!!!"),
        w("отопления нет и горячей воды нет. {addr}"),
        w("ГВС и отопление отключили без предупреждения? {district}, {street}"),
        w("когда дадут тепло {loc}?? минус 22 на улице"),
        w("ХОЛОДНО!!! {addr} БАТАРЕИ ЛЕДЯНЫЕ"),
        w("у нас в квартире +14, батареи холодные, дети спят в куртках. {addr}, кв {flat}", 120),
        w("Здравствуйте. Проживаю по адресу: {addr}, кв. {flat}. С ночи в доме отсутствует отопление и горячее "
          "водоснабжение. В квартире двое маленьких детей, температура упала до 15 градусов. Прошу сообщить, когда "
          "будет восстановлено теплоснабжение, и принять срочные меры.", 150, letter=True),
        w("Уважаемая администрация! Обращаюсь от имени жильцов дома {house} {po}. Около трёх часов ночи пропало "
          "отопление, к утру в подъездах иней, батареи ледяные. У нас пожилые люди, лежачая бабушка в кв. {flat}. "
          "Сколько это будет продолжаться? Кто ответит за здоровье людей?", 200, letter=True),
        w("греемся духовкой, плиту включили на всю. {district}, тепла нет уже {hours}", 120),
        w("бабушке 86 лет, одна в квартире, батареи холодные, лежит под тремя одеялами. {addr} помогите", 150),
        w("Дети мёрзнут!!! {loc} нет тепла с ночи", 150),
        w("холодныыыыые батареи 🥶🥶🥶 {district}"),
        w("отопление вернут сегодня? {street}"),
        w("Тепло когда будет?"),
        w("у нас дома холодина, батареи как лёд, горячей воды тоже нет. что происходит?", 60),
        w("В нашем доме нет отопления с 3 ночи, а на улице -22. Это вообще нормально?", 90),
        w("теплосеть прорвало на Авиационной, весь Луговой без тепла. Сроки ремонта озвучьте", 60),
        w("сколько можно!!! {hours} без отопления, {district}. обогреватель один на всю квартиру", 150),
        w("радиаторы остыли полностью {addr}. в квартире 16 и падает", 100),
        w("{addr} — нет ни тепла, ни горячей воды. УК трубку не берёт", 60),
        w("У меня ребёнок 8 месяцев, в квартире холодно, батареи не греют. {at}. Что делать? Куда ехать?", 120),
        w("Шоссейная вся без тепла, узнавали у соседей. Когда починят?", 60, on=("Шоссейная",)),
        w("На Ударной тоже холодно. Батареи чуть тёплые были ночью, сейчас совсем холодные", 150, on=("Ударная",)),
        w("атопление!!!!! {district} {street}"),
        w("мы на Дружбы, у нас тоже нет отопления", 60, on=("Дружбы",)),
        w("возле магазина «Снежок» на Луговом раскопали трубу? ночью пар шёл, теперь дома холодно", 90),
        w("Луговое без отопления???"),
        w("Почему на Луговом нет отопления, ночью было -22, аварийная служба вообще в курсе?", 40),
        w("сосед сказал трубу прорвало на авиационной. у нас {loc} теперь тоже батареи холодные", 60,
          on=("Лучистая", "Дружбы", "Шоссейная", "Ударная")),
        w("Горячей воды нет {at}, из крана течёт холодная. Ребёнка не помыть", 60),
        w("гвс нет, отопления нет, {addr}, кв{flat}"),
        w("в подъезде минус, трубы бы не разморозило! {addr}", 250),
        w("Когда починят теплотрассу? Сутки так сидеть??", 150),
        w("ОТОПЛЕНИЕ ДАЙТЕ {addr}"),
        w("у нас {hours} как нет тепла. квартира остыла до +13. {district}, {street}", 200),
        w("Здравствуйте, {addr}. Батареи холодные с ночи, воды горячей нет. В квартире инвалид 1 группы. Просим "
          "восстановить отопление как можно скорее.", 100, letter=True),
        w("включили все конфорки чтобы согреться, боимся угореть. {loc} нет отопления", 150),
        w("детям холодно 😢 батареи не греют, {district}", 100),
        w("тепло будет к вечеру хотя бы? {addr}", 200),
        w("кто-нибудь знает когда на Лучистой дадут отопление?", 60, on=("Лучистая",)),
        w("Отопление отсутствует {at}. Время {now}. Температура в квартире 15.", 150),
        w("батареи ледяные, горяч. воды нет. {addr}"),
        w("{loc} тепла нет. пенсионеры сидят в пальто. позор", 120),
        w("остановка «Лётная» — напротив из земли пар, а в домах холод. Это связано?", 20, 250),
        w("Алло, администрация! Луговой замерзает! {hours} без тепла!!!", 120),
        w("где аварийка? на авиационной дыра, пар, а тепла нет во всём районе", 40),
        w("Прошу принять меры: {addr}, нет отопления, в квартире {flat} маленький ребёнок, в детской 14 градусов.",
          150, letter=True),
        w("радиатор в комнате холодный, на кухне холодный, полотенцесушитель холодный. {at} всё остыло", 100),
        w("Луговое, дома возле поликлиники без тепла с ночи. Приезжайте на улицу {street}, сами посмотрите", 90),
    ),
)

# ---------------------------------------------------------------------------------------------------------------
# power-yuzhny: ice brings a line down in Южный
POWER = Outage(
    label="power-yuzhny", first=0, last=300, began=0,
    district=("в Южном", "Южный", "мкр Южный", "в южном", "в микрорайоне Южный", "мкр. Южный"),
    streets=_streets("Мира", "Победы", "Есенина", "Маяковского"),
    wordings=(
        w("свет дайте!!!"),
        w("{district} нет света"),
        w("Нет электричества {at}"),
        w("провода обледенели и оборвались {loc}, лежат на снегу, искрят!! {coords}", 0, 90),
        w("хлопнуло и свет погас. {addr}", 0, 60),
        w("э/э нет {at} с 3 ночи", 30),
        w("эл-во отключили? {district}, {addr}"),
        w("света нет уже {hours}, телефон садится, пишу с последних процентов. {street}", 90),
        w("котёл газовый встал, насос без света не качает, в доме холодает. {district}, частный дом {at}", 40),
        w("обогреватели не работают, света нет, дети мёрзнут. {addr}", 60),
        w("застряли в лифте {at}!!! свет пропал, мы внутри", 0, 40),
        w("В лифте на {street} {house} застрял мужчина, света нет во всём доме, диспетчер не отвечает", 0, 120),
        w("магазин на {street} без света, холодильники стоят, всё потечёт. Когда включат??", 60),
        w("Здравствуйте! Я индивидуальный предприниматель, магазин продуктов по адресу {addr}. С 3 часов ночи "
          "отсутствует электроснабжение, холодильное оборудование отключено, продукция портится. Прошу сообщить "
          "сроки восстановления подачи электроэнергии.", 150, letter=True),
        w("Добрый день. {addr}, кв. {flat}. В нашем доме с ночи нет электричества. Не работают лифты, в подъезде "
          "темно, у соседки кислородный концентратор, она без него не может. Прошу срочно восстановить "
          "электроснабжение или прислать генератор.", 90, letter=True),
        w("ЛЁД на проводах, провода порвало, {district} во тьме", 0, 200),
        w("подстанция в Южном не работает? у нас ни света ни интернета"),
        w("возле подстанции на {street} провод висит до земли, не подходите!", 0, 200),
        w("света нет 😡😡😡 {street}"),
        w("скоооолько можно без светаааа", 120),
        w("Когда дадут свет?"),
        w("у нас в доме темно, телефоны сели, связи нет. Что с электричеством?", 120),
        w("в нашем доме пропал свет во всех подъездах, соседние дома тоже тёмные"),
        w("{addr}: электроэнергии нет {hours}", 60),
        w("весь Южный обесточен?"),
        w("Мира, Победы, Есенина — всё без света. Это надолго?", 30),
        w("Маяковского без света, котёл не работает (насос электрический), в доме +16", 90, on=("Маяковского",)),
        w("свет дали!! но моргает постоянно, холодильник щёлкает. {addr}", 180),
        w("у нас свет появился, а у соседей через дорогу на {street} до сих пор нет", 180),
        w("свет то есть то нет, лампочки мигают, техника сгорит! {at}", 180),
        w("напряжение скачет после включения, {district} {street}", 190),
        w("почему на {street} {house} до сих пор нет света? на соседней улице дали", 200),
        w("ТП не работает на {street}? уже {hours} темно", 60),
        w("у магазина «Уголёк» обрыв провода, всё обледенело, света нет в округе", 0, 200),
        w("на остановке «Южная» темно, дома вокруг тоже без света", 0, 240),
        w("телефон на 5%, света нет, пишу пока могу. {street}, {house}", 100),
        w("электричества нет в доме {house} {po}"),
        w("у школы на Есенина провода лежат на земле, детей туда не пускать! света нет", 0, 200, ("Есенина",)),
        w("Без света с 3 ночи. {street}. Холодно, электрокамин не включить", 90),
        w("Подскажите пожалуйста, когда восстановят электроснабжение {at}? Маленький ребёнок, смесь не согреть, "
          "плита электрическая", 120, letter=True),
        w("элвктричества нет {addr}"),
        w("СВЕТ!!! {street}!!! ДЕТИ В ХОЛОДЕ", 60),
        w("в микрорайоне Южный авария на линии? видел как провода провисли от льда", 0, 150),
        w("geo:{lat},{lon} — тут оборван провод, искры", 0, 150),
        w("{map} провод на земле возле дома, света нет", 0, 200),
        w("лифт стоит, 9 этаж, пожилая мама не может спуститься. {addr}", 120),
        w("у нас опять моргает свет, то дадут то отключат", 200),
        w("Дали свет на Победы, но только в одном подъезде. Остальные сидят без света", 200, on=("Победы",)),
        w("наконец-то свет, но половина улицы {street} так и тёмная", 200),
        w("морозильник потёк, света нет {hours}. кто компенсирует? {addr}", 150),
        w("Администрация, сделайте что-нибудь! Южный без света, люди мёрзнут, газовые котлы без электричества не "
          "работают!", 60),
        w("на Есенина на столбе обледенелые провода, один оборван. Электриков вызвали?", 0, 180, ("Есенина",)),
        w("Есть информация по отключению света {loc}? сколько ждать", 60),
        w("света нет {at}. Холодильник, котёл, всё стоит."),
        w("Мы на {street} {house}, свет отключился в 3 ночи, до сих пор нет. Сейчас {now}", 60),
        w("эл-во мигает после включения, боюсь за технику, {district}", 190),
        w("Дайте уже свет на {street}, невозможно!! насос котла стоит, в доме 15", 90),
    ),
)

# ---------------------------------------------------------------------------------------------------------------
# water-khomutovo: the water tower's pump froze, Хомутово
WATER = Outage(
    label="water-khomutovo", first=90, last=480, began=80,
    district=("в Хомутово", "Хомутово", "в Хомутове", "с. Хомутово", "хомутово", "в хомутово"),
    streets=_streets("Новая", "Центральная", "Зелёная", "Озёрная"),
    wordings=(
        w("опять воды нет"),
        w("{district} нет воды"),
        w("нет холодной воды {at}"),
        w("ХВС нет с утра {addr}", 180),
        w("хол. воды нет {addr}"),
        w("водокачка замёрзла? в Хомутово воды нет", 120),
        w("насос на водонапорной башне встал, говорят замёрз. когда почините? у нас {loc} сухо", 120),
        w("Из крана ни капли. {addr}"),
        w("водыыыы нееет 😭 {district}"),
        w("нет воды уже {hours}, ни попить, ни в туалет. {loc}", 150),
        w("Воды нет. Купили бутилированную в магазине, там уже почти всё разобрали", 150),
        w("в магазине «Хомутовский» вода в бутылках закончилась, а в кранах воды нет с ночи", 180),
        w("Пришлите водовозку в Хомутово! Люди без воды с ночи", 180),
        w("Здравствуйте. Проживаю: {addr}, кв. {flat}. С раннего утра в доме отсутствует холодное водоснабжение. "
          "Дома маленький ребёнок и пожилая мать. Прошу организовать подвоз питьевой воды и сообщить сроки "
          "устранения аварии.", 180, letter=True),
        w("Уважаемые сотрудники администрации! Жители с. Хомутово обращаются к вам: третий час нет воды, башня "
          "замёрзла, ни УК, ни водоканал ничего не объясняют. Просим поставить водовоз на Центральной у клуба.",
          200, 260, letter=True),
        w("вода пошла тоненькой струйкой {at}, напора нет", 220, 400),
        w("еле капает, это не вода а издевательство. {addr}", 220, 420),
        w("кран плюётся воздухом, вода с пузырями {addr}", 300),
        w("дали воду? у нас только шипит и воздух идёт", 300),
        w("в трубах воздух, вода рывками, стиралка выдаёт ошибку. {loc}", 300),
        w("ХВС!!! {district}!!!"),
        w("Когда дадут воду?"),
        w("у нас нет воды, чайник не вскипятить. что случилось?", 90, 300),
        w("в нашем доме нет воды с самого утра", 200),
        w("зеленая {house} нет воды", on=("Зелёная",)),
        w("озерная д{house} воды нет совсем", 90, 300, ("Озёрная",)),
        w("Новая {house}а — без воды. Водовоз будет?", 180, on=("Новая",)),
        w("Центральная {house}/1 — вода еле течёт", 220, 400, ("Центральная",)),
        w("где водовоз??? Хомутово без воды {hours}", 200),
        w("координаты {coords} — тут водонапорная башня, возле неё мужики ходят, что-то греют. Воды нет", 120),
        w("{map} наш дом, воды нет с ночи", 120),
        w("Какие сроки по воде в Хомутово? Скоро на работу, не умыться", 150, 300),
        w("водонапорка замерзла, весь посёлок без воды. ВЫ ГДЕ", 120),
        w("Воды нет ни холодной. ни какой. {addr}"),
        w("у колонки {loc} очередь, а колонка тоже пустая", 150),
        w("сколько можно!!!! опять без воды сидим, {district}"),
        w("{addr} кв {flat}: холодного водоснабжения нет, напор ноль"),
        w("Вода появилась, но слабая и с воздухом. Это нормально? {at}", 280),
        w("бутылки по 5 литров разобрали в «Хомутовском», воды в кранах нет. Куда ехать за водой?", 200),
        w("На Зелёной воды нет уже {hours}, даже чайник не поставить", 180, 300, ("Зелёная",)),
        w("нет воды {loc}. туалет не смыть, посуду не помыть"),
        w("водовозку на Озёрную пожалуйста, у нас пенсионеры, им в магазин не дойти", 200, on=("Озёрная",)),
        w("воды нет 🤬 {street}"),
        w("Тонкая струйка из крана, чайник полчаса набирается. {street}, {house}", 220, 420),
        w("вода пошла и опять пропала, воздух в трубах гудит. {addr}", 280),
        w("Здравствуйте, {addr}. Нет холодной воды с утра, сейчас {now}. Просьба сообщить, когда восстановят "
          "подачу. В доме лежачий больной.", 200, letter=True),
        w("Хомутово, замёрз насос на башне? Жители {loc} без воды", 120),
        w("кнс встала? или башня? воды нет {district}", 90),
        w("у клуба на Центральной поставьте водовоз, всем удобно будет", 200),
        w("вода есть?? у кого есть напишите, у нас {loc} нет", 120, 400),
        w("нет воды {at}, сколько это продлится???"),
        w("пропала вода, кран сухой. {street} д {house}", 90, 300),
        w("ВОДА!!! когда???"),
        w("в кранах воздух и ржавчина пошла, {loc}", 320),
        w("купили воду бутилированную, чай на ней варим. Хомутово без воды {hours} — это как?", 250),
        w("вода чуть-чуть пошла, ведро за 10 минут. {addr}", 220, 400),
        w("на рынке в Хомутово воду продают по 150 за пятилитровку, совесть есть? в кранах пусто с ночи", 200),
    ),
)

OUTAGES = (HEAT, POWER, WATER)

# ---------------------------------------------------------------------------------------------------------------
# Unrelated: single dwellings on the outages' own streets, each saying it is their flat only.
OWN_STREET = (
    w("у меня в квартире капает кран на кухне, прокладка. {addr}, кв {flat}", category="water"),
    w("соседи сверху заливают, по стене в ванной течёт. {addr}, кв. {flat}", category="water"),
    w("в квартире замёрзла труба в наружной стене, на кухне воды нет, в ванной есть. {addr} кв{flat}",
      category="water"),
    w("бачок унитаза течёт без остановки, только у нас. {addr}, кв {flat}", category="water"),
    w("под ванной лужа, сифон подтекает, у соседей всё сухо. {addr}", category="water"),
    w("Здравствуйте. {addr}, кв. {flat}. Из квартиры выше течёт вода по стояку к нам, соседи не открывают. Прошу "
      "прислать аварийную службу.", letter=True, category="water"),
    w("засор в раковине на кухне, у соседей всё нормально, {addr} кв {flat}", category="water"),
    w("гибкая подводка к смесителю лопнула, перекрыли воду в своей квартире, {addr} кв {flat}", category="water"),
    w("счётчик воды подтекает на резьбе, только в нашей квартире. {addr}", category="water"),
    w("у меня в квартире выбило автомат, у соседей свет есть, поднимаю — снова выбивает. {addr}, кв {flat}",
      category="electricity"),
    w("розетка на кухне заискрила и перестала работать, остальное в квартире работает. {addr}",
      category="electricity"),
    w("в одной комнате нет света, в других есть. {addr} кв{flat}", category="electricity"),
    w("в квартире счётчик гудит и нагревается, у соседей тихо. {addr}, кв. {flat}", category="electricity"),
    w("Прошу прислать электрика в кв. {flat}, {addr}: в квартире пропало напряжение в ванной, в остальных "
      "комнатах есть.", letter=True, category="electricity"),
    w("лампочки в квартире мигают, у соседей ровно горят. {addr}", category="electricity"),
    w("в квартире выбило пробки, когда включили чайник и стиралку, у соседей всё горит. {addr}",
      category="electricity"),
    w("выключатель в коридоре сгорел, в коридоре темно, в остальной квартире свет есть. {addr} кв {flat}",
      category="electricity"),
    w("Добрый день. В квартире {flat} ({addr}) на кухне не работают розетки, в остальных помещениях "
      "электричество есть. Нужен электрик.", letter=True, category="electricity"),
    w("в спальне одна батарея холодная, завоздушилась, остальные горячие. {addr}, кв {flat}", category="heating"),
    w("полотенцесушитель подтекает, подставили таз, у соседей всё в порядке. {addr}, кв {flat}",
      category="heating"),
    w("батарея в зале капает на соединении, {addr} кв{flat}", category="heating"),
    w("в моей квартире в угловой комнате еле тёплый радиатор, остальные горячие. {addr}", category="heating"),
    w("у нас в квартире кран Маевского сломался, батарея шипит, {addr}, кв {flat}", category="heating"),
    w("в ванной смеситель не даёт горячую, на кухне горячая есть, у соседей тоже. {addr}", category="heating"),
    w("радиатор в детской течёт из-под заглушки, {addr}, кв {flat}", category="heating"),
    w("в ванной стояк горячей воды стучит, только у меня, соседи не слышат. {addr}", category="heating"),
    w("Батарея в кухне холодная после того, как сосед поменял свои радиаторы. Остальные греют. {addr}, кв. {flat}",
      category="heating"),
)

# (outage, category, count, first minute, last minute): outside the outage's minutes where the street lacks it.
OWN_STREET_PLAN = (
    (HEAT, "water", 6, 0, SPAN), (HEAT, "electricity", 6, 0, SPAN), (HEAT, "heating", 3, 0, 19),
    (POWER, "water", 6, 0, SPAN), (POWER, "heating", 6, 0, SPAN), (POWER, "electricity", 3, 301, SPAN),
    (WATER, "electricity", 6, 0, SPAN), (WATER, "heating", 6, 0, SPAN), (WATER, "water", 3, 0, 89),
)

# Unrelated single dwellings on other districts' streets.
OTHER_DISTRICTS = (
    _streets("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная", "Курильская", "Дзержинского",
             "Хабаровская", "Карла Маркса", "Емельянова"),
    _streets("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова", "Поповича", "Комарова",
             "Физкультурная", "Амурская", "Бумажная"),
    _streets("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая", "Заводская",
             "Садовая", "Полевая"),
    _streets("Горная", "Весенняя", "Солнечная", "Речная"),
    _streets("Больничная", "Западная", "Ключевая"),
)
OTHER_COUNT = 92

OTHER = (
    w("Течёт кран в ванной, соседей снизу скоро зальём. {addr}, кв. {flat}. Слесарь УК не идёт", category="water"),
    w("у меня в квартире нет холодной воды только на кухне, труба в наружной стене замёрзла. {addr} кв{flat}",
      category="water"),
    w("сосед сверху затопил, с потолка капает, {addr}, кв {flat}", category="water"),
    w("Бачок унитаза не перестаёт набирать воду, журчит всю ночь. {addr}", category="water"),
    w("в квартире {flat} {at} прорвало гибкую подводку под раковиной, перекрыли кран, нужен сантехник",
      category="water"),
    w("засор в ванной, вода не уходит, только у нас. {addr}, кв {flat}", category="water"),
    w("вода из крана с запахом, только в нашей квартире? соседи говорят у них нормально. {addr}", category="water"),
    w("Здравствуйте. {addr}, кв. {flat}. В квартире после замены стояка слабый напор холодной воды, у соседей "
      "нормальный. Прошу направить мастера.", letter=True, category="water"),
    w("лопнул смеситель, вода хлещет, в квартире перекрыли. {addr} кв {flat}, нужен слесарь срочно",
      category="water"),
    w("в туалете течёт труба канализации, по стене мокро. только в моей квартире. {addr}", category="water"),
    w("счётчик воды крутится, хотя всё закрыто. кв {flat}, {addr}", category="water"),
    w("кран течёт {addr}", category="water"),
    w("Соседи снизу говорят, что мы их топим, а у нас сухо. {addr}, кв. {flat}. Помогите разобраться",
      category="water"),
    w("в квартире {flat} {at} замёрзла канализация, вода не уходит, у остальных соседей нормально",
      category="water"),
    w("труба под раковиной капает, {addr}", category="water"),
    w("вода в квартире ржавая только из одного крана. {addr}", category="water"),
    w("не работает кран на вводе в квартиру, не могу перекрыть воду. {addr} кв {flat}", category="water"),
    w("канализацией пахнет в ванной, только у нас. {addr}", category="water"),
    w("в угловой комнате батарея холодная, остальные греют. {addr}, кв {flat}", category="heating"),
    w("радиатор завоздушило, в квартире одна батарея не греет, кран Маевского не открыть. {addr}",
      category="heating"),
    w("Течёт батарея в комнате, подтекает на соединении. {addr}, кв. {flat}", category="heating"),
    w("полотенцесушитель холодный, а горячая вода есть. {addr}", category="heating"),
    w("у меня горячая вода еле тёплая, у соседей горячая. кв {flat} {at}", category="heating"),
    w("Здравствуйте! Прошу проверить отопление в квартире {flat} по адресу {addr}: после установки новых "
      "радиаторов в спальне +16, в остальных комнатах тепло.", letter=True, category="heating"),
    w("батарея на кухне ледяная, остальные в порядке, кв {flat}. {addr}", category="heating"),
    w("в квартире жарко как в бане, регулятор на батарее сломан, {addr}", category="heating"),
    w("стояк отопления в моей квартире стучит и гудит, батареи тёплые. {addr}, кв {flat}", category="heating"),
    w("после промывки батарей в моей квартире холодный радиатор в зале. {addr}", category="heating"),
    w("батарея течёт кв {flat} {addr}!!!", category="heating"),
    w("{addr}, кв {flat} — нет горячей воды только в ванной, на кухне есть", category="heating"),
    w("ОЧЕНЬ холодно в квартире, угловая, стены промерзают. {addr} кв {flat}. Батареи еле тёплые только у меня",
      category="heating"),
    w("Подскажите, куда звонить: в квартире {flat} ({addr}) батарея лопнула, кипяток на полу!!!",
      category="heating"),
    w("Радиатор в детской комнате не греет, другие греют. {addr}, кв. {flat}", category="heating"),
    w("в подъезде {at} на 3 этаже течёт труба отопления, лужа на площадке", category="heating"),
    w("в квартире нет света, у соседей есть. автомат не поднимается. {addr} кв {flat}", category="electricity"),
    w("розетка оплавилась в комнате, запах гари, обесточили сами. {addr}", category="electricity"),
    w("счётчик электроэнергии в моей квартире гудит и мигает. {addr}, кв. {flat}", category="electricity"),
    w("в одной комнате нет света, в остальных есть. {at}, кв {flat}", category="electricity"),
    w("в квартире постоянно выбивает пробки, проводка старая. {addr}", category="electricity"),
    w("Прошу прислать электрика: {addr}, кв. {flat}, в квартире пропало напряжение на кухне, остальное работает.",
      letter=True, category="electricity"),
    w("свет в квартире моргает, у соседей нет. {addr}", category="electricity"),
    w("в щитке на площадке горит наш провод, у других всё норм. {addr} кв{flat}", category="electricity"),
    w("после замены счётчика в квартире нет света. {addr}, кв {flat}", category="electricity"),
    w("плита электрическая не включается, остальное работает, кв. {flat}, {addr}", category="electricity"),
    w("выбивает автомат кв{flat} {addr}", category="electricity"),
    w("электросчётчик сгорел в квартире, кв. {flat}, {addr}, что делать?", category="electricity"),
    w("у нас в квартире напряжение низкое, лампы тусклые, у соседей всё нормально, {addr}", category="electricity"),
    w("звонок и свет в коридоре не работают, остальное есть. кв {flat} {addr}", category="electricity"),
    w("в квартире пахнет горелой проводкой из розетки, отключили автомат. {addr}, кв {flat}",
      category="electricity"),
    w("лифт не работает третий день {addr}, свет в доме есть", category="management_company"),
    w("дверь в подъезд не закрывается, холод в подъезде {addr}", category="management_company"),
    w("сосулька огромная над подъездом {addr}, опасно", category="management_company"),
)

# Whole buildings without a supply, each alone in its district and category.
BUILDINGS = (
    (_inv("Чехова"), "water",
     "Во всём доме {addr} нет холодной воды с ночи, в соседних домах вода есть. УК молчит"),
    (_inv("Комарова"), "electricity",
     "весь дом {addr} без света, все подъезды, а соседние дома светятся. в щитовой что-то хлопнуло"),
    (_adj("Школьная"), "heating",
     "в нашем доме {addr} во всех квартирах холодные батареи, соседние дома отапливаются. Элеваторный узел?"),
    (_adj("Горная"), "water",
     "дом {addr} весь без воды, похоже перемёрз ввод в дом. у соседей вода есть"),
    (_adj("Майская"), "electricity",
     "{addr} — весь дом без электричества, остальные дома на улице со светом"),
)

# Potholes, icy pavements, dark street lamps, a stray dog (never on an outage's street).
OTHERS = (
    (_inv("Ленина"), "roads", "яма на дороге {loc} у дома {house}, колесо пробил"),
    (_adj("Тихоокеанская"), "roads", "на проезжей части {loc} яма, машины в неё влетают. {coords}"),
    (_adj("Заводская"), "roads", "Заводская {house}, дорога разбита, яма глубокая, засыпьте"),
    (_adj("Курильская"), "snow", "тротуар {loc} сплошной лёд, бабушка упала, посыпьте песком"),
    (_adj("Весенняя"), "snow", "гололёд на тротуаре {loc}, к остановке не пройти"),
    (_adj("Хабаровская"), "lighting", "не горят фонари {loc} от дома {house} до перекрёстка, темно идти"),
    (_adj("Речная"), "lighting", "фонарь у остановки {loc} не горит вторую неделю"),
    (_inv("Пуркаева"), "animals", "стая собак у остановки {loc}, кидаются на людей, уберите"),
)

HOUR_WORDS = {2: "два часа", 3: "три часа", 4: "четыре часа", 5: "пять часов", 6: "шесть часов", 7: "семь часов"}


def _hours(rng: random.Random, minutes: int) -> str:
    if minutes < 50:
        return f"минут {max(10, minutes // 10 * 10)}"
    if minutes < 90:
        return rng.choice(["час", "почти час", "больше часа"])
    h = round(minutes / 60)
    if h in HOUR_WORDS and rng.random() < 0.4:
        return HOUR_WORDS[h]
    unit = "час" if h % 10 == 1 and h != 11 else "часа" if h % 10 in (2, 3, 4) and h not in (12, 13, 14) else "часов"
    return f"{h} {unit}"


def _clock(minute: int) -> str:
    h, m = divmod(180 + minute, 60)
    return f"{h}:{m:02d}" if minute % 2 else f"{h:02d}.{m:02d}"


def _name(rng: random.Random, s: Street) -> str:
    r = rng.random()
    if r < 0.08 and s.nominative in TYPOS:
        return TYPOS[s.nominative]
    if r < 0.18:
        return s.nominative.lower()
    return s.nominative


def _addr(rng: random.Random, s: Street, house: int) -> str:
    """The ways residents write an address: those of tools.incident_storm and more."""
    n = _name(rng, s)
    k = rng.randint(1, 3)
    forms = [
        address(rng, s, house), address(rng, s, house), f"{n} {house}", f"{n} д{house}", f"ул.{n} д.{house}",
        f"{n} {house}к{k}", f"{n} дом {house} корп {k}", f"{n} {house}/{k}", f"{n} {house}{rng.choice('аб')}",
        f"ул {n}, {house}", f"{n}, {house}",
    ]
    return rng.choice(forms)


def _swap(rng: random.Random, word: str) -> str:
    """Two neighbouring letters swapped: Лучистой → Лучситой."""
    i = rng.randint(1, len(word) - 3)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _at(rng: random.Random, s: Street, house: int) -> str:
    loc = s.locative if rng.random() > 0.08 or len(s.locative) < 5 else _swap(rng, s.locative)
    forms = [f"на {loc} {house}", f"на {loc}, д. {house}", f"по {s.genitive} {house}",
             f"в доме {house} по {s.genitive}", f"на улице {loc} {house}", f"на ул. {loc}, {house}",
             f"на {loc} д{house}", f"по {s.genitive}, {house}а"]
    return rng.choice(forms)


def _loc(rng: random.Random, s: Street) -> str:
    return rng.choice([f"на {s.locative}", f"на {s.locative}", f"на улице {s.locative}", f"на ул. {s.locative}",
                       f"по {s.genitive}"])


def _po(rng: random.Random, s: Street) -> str:
    return rng.choice([f"по {s.genitive}", f"по ул. {s.genitive}", f"по улице {s.genitive}"])


def _map(rng: random.Random, lat: float, lon: float) -> str:
    return rng.choice([f"https://yandex.ru/maps/?pt={lon:.5f},{lat:.5f}&z=17&l=map", f"geo:{lat:.5f},{lon:.5f}",
                       f"https://2gis.ru/geo/{lon:.5f},{lat:.5f}", f"{lat:.5f} {lon:.5f}"])


def _fill(rng: random.Random, wording: Wording, s: Street, house: int, minute: int, point: tuple[float, float],
          district: tuple[str, ...] = (), began: int = 0) -> str:
    lat = round(point[0] + rng.uniform(-0.0015, 0.0015), 5)
    lon = round(point[1] + rng.uniform(-0.0015, 0.0015), 5)
    text = wording.text.format(
        addr=_addr(rng, s, house), at=_at(rng, s, house), loc=_loc(rng, s), po=_po(rng, s), street=_name(rng, s),
        house=house, flat=rng.randint(1, 140), district=rng.choice(district) if district else "",
        hours=_hours(rng, minute - began), now=_clock(minute), coords=f"{lat:.5f}, {lon:.5f}", lat=f"{lat:.5f}",
        lon=f"{lon:.5f}", map=_map(rng, lat, lon))
    if not wording.letter:
        if rng.random() < 0.1:
            text = text.lower()
        if rng.random() < 0.08:
            text = text.rstrip(".!") + rng.choice(["!!!", "??", "!!", " …", ")))"])
    return " ".join(text.split())


def _house(rng: random.Random) -> int:
    return rng.choice([rng.randint(1, 12), rng.randint(1, 45)])


def _channel(rng: random.Random, wording: Wording) -> str:
    return rng.choice(LETTER_CHANNELS if wording.letter else CHANNELS)


def _outage_lines(rng: random.Random, outage: Outage) -> list[dict[str, Any]]:
    bank = list(outage.wordings)
    if not 50 <= len(bank) <= 60:
        raise ValueError(f"{outage.label}: {len(bank)} wordings")
    # each wording once or twice; a second time only if it has an address or is short (no two identical letters)
    picks = bank + rng.sample([x for x in bank if "{" in x.text or len(x.text) < 45], 100 - len(bank))
    lines = []
    for wording in picks:
        choices = [s for s in outage.streets if not wording.on or s.nominative in wording.on]
        s = rng.choice(choices)
        minute = rng.randint(max(wording.lo, outage.first), min(wording.hi, outage.last))
        lines.append({"minutes": minute, "channel": _channel(rng, wording),
                      "text": _fill(rng, wording, s, _house(rng), minute, POINTS[s.nominative], outage.district,
                                    outage.began),
                      "location": location(rng, POINTS[s.nominative], 0.0015), "incident": outage.label})
    return lines


def _own_street_lines(rng: random.Random) -> list[dict[str, Any]]:
    uses: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    per_street: dict[tuple[str, str], int] = {}
    lines = []
    for outage, category, count, lo, hi in OWN_STREET_PLAN:
        made = 0
        while made < count:
            wording = rng.choice([x for x in OWN_STREET if x.category == category and uses.get(x.text, 0) < 2])
            s = rng.choice(outage.streets)
            if (wording.text, s.nominative) in pairs or per_street.get((s.nominative, category), 0) >= 2:
                continue
            pairs.add((wording.text, s.nominative))
            uses[wording.text] = uses.get(wording.text, 0) + 1
            per_street[(s.nominative, category)] = per_street.get((s.nominative, category), 0) + 1
            minute = rng.randint(lo, hi)
            lines.append({"minutes": minute, "channel": _channel(rng, wording),
                          "text": _fill(rng, wording, s, rng.randint(1, 45), minute, POINTS[s.nominative]),
                          "location": location(rng, POINTS[s.nominative], 0.0015), "incident": None})
            made += 1
    return lines


def _other_lines(rng: random.Random) -> list[dict[str, Any]]:
    streets = [s for group in OTHER_DISTRICTS for s in group]
    taken = {(s.nominative, category) for s, category, _ in BUILDINGS}
    uses: dict[str, int] = {}
    lines = []
    while len(lines) < OTHER_COUNT:
        wording = rng.choice([x for x in OTHER if uses.get(x.text, 0) < 2])
        s = rng.choice(streets)
        point = POINTS[s.nominative]
        if (s.nominative, wording.category) in taken:
            continue  # one message per street and category: never a wording twice on a street, never two alike
        taken.add((s.nominative, wording.category))
        uses[wording.text] = uses.get(wording.text, 0) + 1
        minute = rng.randint(0, SPAN)
        lines.append({"minutes": minute, "channel": _channel(rng, wording),
                      "text": _fill(rng, wording, s, rng.randint(1, 60), minute, point),
                      "location": location(rng, point, 0.0015), "incident": None})
    return lines


def _single_lines(rng: random.Random) -> list[dict[str, Any]]:
    lines = []
    for s, _, text in BUILDINGS + OTHERS:
        minute, point = rng.randint(0, SPAN), POINTS[s.nominative]
        lines.append({"minutes": minute, "channel": rng.choice(CHANNELS),
                      "text": _fill(rng, w(text), s, rng.randint(1, 40), minute, point),
                      "location": location(rng, point, 0.0015), "incident": None})
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        lines += _outage_lines(rng, outage)
    lines += _own_street_lines(rng) + _other_lines(rng) + _single_lines(rng)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev15.jsonl", storm())


if __name__ == "__main__":
    main()
