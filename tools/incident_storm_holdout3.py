"""Writes the third held-out storm of incident grouping (tests/data/incidents_storm_holdout3.jsonl).

Written by a helper that had read neither the grouping's nor the classifier's code, nor any other storm's texts or
phrase banks: only the town's districts and streets and the output format of `tools/incident_storm.py`. The
wordings below were made up for this repository in the manner of residents' chat messages, comments and portal
forms (made-up houses, landmarks and coordinates; no real person's words, no third-party data).

Three outages in two districts of Южно-Сахалинск within ten hours:
  * a burst cold-water main flooding Хабаровская in the centre; no cold water on the streets it feeds (water);
  * no hot water in the centre's block fed from one heat point, Ленина / Комсомольская / Чехова / Курильская (heating);
  * voltage surges, then a power cut, after a substation fault in Хомутово (electricity);
and 150 unrelated messages of the same categories in the same hours: single-house problems on the outages' own
streets, single-house problems elsewhere, and a few outage-like messages alone in their district and category.

    .venv/bin/python -m tools.incident_storm_holdout3      # held out: judged on, never tuned on
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import DATA, location, write

SEED = 31717
SPAN_MINUTES = 600
CHANNELS = ("vk", "vk", "vk", "telegram", "telegram", "ok", "max", "regional")


@dataclass(frozen=True)
class Way:
    """A street as residents write it: the name, its oblique form ("на Хабаровской", "по Хабаровской"), accusative."""

    name: str
    oblique: str
    accusative: str


def way(name: str, oblique: str | None = None, accusative: str | None = None) -> Way:
    return Way(name, oblique or name, accusative or oblique or name)


@dataclass(frozen=True)
class Outage:
    label: str
    districts: tuple[str, ...]  # how residents name the district, each usable at a sentence's end
    streets: tuple[Way, ...]
    landmarks: tuple[str, ...]  # "у главпочтамта": usable at a sentence's start or end
    texts: tuple[str, ...]
    count: int
    centre: tuple[float, float]
    first_minute: int
    last_minute: int


@dataclass(frozen=True)
class Unrelated:
    texts: tuple[str, ...]
    streets: tuple[Way, ...]
    count: int
    centre: tuple[float, float]


# --- the town's streets (infra/config/towns.json) ----------------------------------------------------------------

KHABAROVSKAYA = way("Хабаровская", "Хабаровской", "Хабаровскую")
DZERZHINSKOGO = way("Дзержинского")
MARKSA = way("Карла Маркса")
EMELYANOVA = way("Емельянова")
LENINA = way("Ленина")
KOMSOMOLSKAYA = way("Комсомольская", "Комсомольской", "Комсомольскую")
CHEKHOVA = way("Чехова")
KURILSKAYA = way("Курильская", "Курильской", "Курильскую")
SAKHALINSKAYA = way("Сахалинская", "Сахалинской", "Сахалинскую")
POGRANICHNAYA = way("Пограничная", "Пограничной", "Пограничную")
NOVAYA = way("Новая", "Новой", "Новую")
TSENTRALNAYA = way("Центральная", "Центральной", "Центральную")
ZELYONAYA = way("Зелёная", "Зелёной", "Зелёную")
OZYORNAYA = way("Озёрная", "Озёрной", "Озёрную")

CENTRE_FORMS = ("в центре", "центр", "центр города", "в центре города", "в самом центре", "центр, Южно-Сахалинск",
                "в ценре")
KHOMUTOVO_FORMS = ("в Хомутово", "Хомутово", "в Хомутове", "на Хомутово", "с. Хомутово", "в п. Хомутово",
                   "хомутово", "в Хомутова", "Хомутово, частный сектор")

# --- outage 1: a burst cold-water main under Хабаровская -----------------------------------------------------------

WATER_TEXTS = (
    "Прорвало трубу на {obl}, вода хлещет прямо из асфальта, {addr} без холодной воды",
    "опять без воды!!! {addr}",
    "{addr} нет воды с шести утра. Когда дадут?",
    "кто знает когда дадут воду на {obl}??",
    "На {obl} из-под земли бьёт фонтан, вся проезжая часть в воде, машины еле ползут",
    "Вода когда будет?? {district}",
    "У нас в доме ни капли воды. Что случилось вообще?",
    "ДАЙТЕ ВОДУ!!! {street} {h}",
    "Затопило {acc} от перекрёстка до перекрёстка, ни пройти ни проехать 😡",
    "в кране пусто, {addr}",
    "ХВС нет с утра, {addr}, УК трубку не берёт",
    "Добрый день. Проживаю по адресу {addr}. С раннего утра отсутствует холодное водоснабжение, соседи говорят, "
    "что на улице прорыв магистрали. Просим сообщить сроки восстановления подачи воды и организовать подвоз "
    "питьевой воды для пожилых жильцов.",
    "Сколько можно?! Третий раз за год прорыв на {obl}, всю улицу залило, дети идут в школу по воде, а в квартирах "
    "сухие краны. Где водоканал? Где администрация? ПОЗОР!!!",
    "водаааа где?? {street}",
    "Водоканал вообще в курсе что на {obl} потоп? Люк поднимает, течёт рекой",
    "нет воды. {district}",
    "{landmark} из-под земли хлещет вода, затопило и тротуар и дорогу",
    "{landmark} потоп, а в домах рядом воды нет",
    "Без воды сидим. {coords}",
    "порыв трубы, {coords}, вода уходит в ливнёвку, в домах пусто",
    "подскажите, воду на {obl} к вечеру дадут? ребёнка купать нечем",
    "ни помыться ни чай попить, {addr}, когда уже 😤",
    "В нашем доме нет холодной воды, сосед сказал на улице трубу порвало",
    "нет хвс {addr}",
    "{addr}, хол. воды нет, весь стояк сухой",
    "В центре опять прорыв? У нас на {obl} из крана только шипит",
    "Администрация, когда устранят порыв водовода на {obl}? Уже пять часов без воды!",
    "верните воду людям!!! {district}",
    "{district} опять без воды, сколько можно",
    "На {obl} улица превратилась в реку 🌊🌊 а в кранах ни капли",
    "Из крана сначала ржавая струйка, потом совсем пропала. {addr}",
    "воду отключили без предупреждения!!! {addr}, объявления не было",
    "Дом {n} по {obl}: холодной воды нет, унитаз не смыть, как жить?",
    "нету воды на {obl}, чё случилось?",
    "нет водыы {addr} 😭",
    "Течёт по всей {obl}, асфальт вспучило, прорвало водовод. Перекройте уже!",
    "Где аварийка? {landmark} всё залито водой уже три часа",
    "Когда будет вода в центре? Работать невозможно, в офисе туалет не работает",
    "Жители домов по {obl} остались без воды из-за прорыва. Когда восстановят?",
    "Набирайте воду кто может — на {obl} порыв, скоро и у вас перекроют",
    "мужики, на {obl} прорвало, вода по колено у подъезда, в доме воды нет",
    "Воду включите!!! Ребёнок маленький, {addr}",
    "из-за прорыва трубы на {obl} не выйти из подъезда — кругом вода, и в кранах пусто",
    "ХВС отсутствует. Адрес: {addr}. Прошу принять меры.",
    "Вопрос к водоканалу: порыв на {obl} когда устраните? Уже обед",
    "{district} без воды??",
    "вода🚱 {addr}",
    "у нас сухо в кранах, а на улице потоп, вот ирония 🙃 на {obl}",
    "Вода есть у кого-нибудь в центре? У нас на {obl} нет",
    "ВОДЫ НЕТ {street} {h}",
    "порыв водовода {coords}",
    "Дом {n}, {street}. Нет воды. Когда?",
    "вады нет {street} {h}",
    "Холоднои воды нет, {addr}",
    "Алё, водоканал! {street} затоплена, в квартирах сухо. Сделайте что-нибудь!!",
    "кран открываю — тишина. {addr}",
    "вода?",
    "Когда??? Вода!!! {street}",
    "Хабаровскую перекрыли, там фонтан, это из-за него у нас на {obl} сухо?",
)
WATER = Outage(
    label="burst-main-centre",
    districts=CENTRE_FORMS,
    streets=(KHABAROVSKAYA, DZERZHINSKOGO, MARKSA, EMELYANOVA),
    landmarks=("у главпочтамта", "возле горсада", "на остановке «Универмаг»", "у гимназии №1",
               "напротив магазина «Рябинка»", "у кинотеатра «Комсомолец»", "на перекрёстке у Сбера"),
    texts=WATER_TEXTS, count=105, centre=(46.9600, 142.7330), first_minute=0, last_minute=430)

# --- outage 2: no hot water in a block of the centre fed from one heat point -------------------------------------

HOT_WATER_TEXTS = (
    "Нет горячей воды {addr}, с утра из крана только холодная",
    "ГВС нет!!! {addr}",
    "гвс когда дадут? {street}",
    "горячей нет. {district}",
    "Горячую воду верните!!! {addr}",
    "В нашем доме нет горячей воды с семи утра, в УК говорят проблема на ЦТП. Когда?",
    "Кран горячий открываю, течёт ледяная, десять минут спускаю — без толку. {addr}",
    "Добрый день! По адресу {addr} отсутствует горячее водоснабжение. Ни предупреждений, ни объявлений не было. "
    "Прошу сообщить причину отключения и срок восстановления.",
    "Опять без горячей воды на {obl}! Каждую зиму одно и то же, платим за ГВС по полной, а мыться греем воду в "
    "кастрюлях. Кто-нибудь за это ответит?!",
    "горяч. воды нет {addr}",
    "г/в нет {street} {h}",
    "Горячая вода когда будет в центре?",
    "Горячая вода? На {obl}",
    "весь квартал между {obl} и {other} без горячей воды, в ЦТП что-то сломалось",
    "Из горячего крана идёт холодная, {addr}",
    "горячей водыыы нееет 😭 {street}",
    "Мыться нечем, горячей нет, {addr}",
    "Кто-нибудь знает, что с горячей водой на {obl}? У всех соседей тоже нет",
    "{landmark} во всех домах нет горячей воды",
    "У нас нет горячей воды уже полдня!",
    "в доме гвс отсутствует, {coords}",
    "Горячее водоснабжение отключено без объявления. {addr}. Это законно вообще?",
    "ТЕПЛОСЕТЬ!!! где горячая вода на {obl}???",
    "Дайте горячую воду! Ребёнок весь в грязи с прогулки, отмыть нечем. {addr}",
    "Полотенцесушитель холодный и горячей воды нет, {addr}",
    "гор вода ноль градусов {street} {h}",
    "горячая сначала еле тёплая шла, потом вовсе холодная, {addr}",
    "Горячую воду отключили? {district}",
    "ГВС??? {street} {h}",
    "Центр без горячей воды, по всей {obl} холодная из обоих кранов",
    "соседи сверху тоже без горячки, {addr}",
    "нет горячки {addr} 😡",
    "Жильцы дома {n} по {obl}: горячей воды нет с утра, УК отправляет в теплосеть, теплосеть в УК.",
    "{street}, {n} — только холодная из обоих кранов",
    "С утра не могу помыть посуду — горячей воды нет, на {obl}",
    "горячую когда дадите? {district}",
    "Вопрос: горячую воду на {obl} дадут до вечера?",
    "Горячей воды нет, а в квитанции за неё посчитают, как всегда! {addr}",
    "В нашем доме горячая вода пропала, в соседних тоже, {landmark}",
    "Отсутствует ГВС по {obl}. Сроки?",
    "верните горячую воду!!!",
    "ванну набрать невозможно, горячая холодная 🥶 {addr}",
    "горячую воду отрубили {street} {h}",
    "в квартале {landmark} ни у кого нет горячей воды",
    "Нет гор.воды, {addr}",
    "Горячая вода отсутствует с 07:00. {addr}",
    "{district} горячей воды нету?",
    "Из крана с горячей бежит ледяная уже три часа, на {obl}",
    "Когда включат ГВС в домах по {obl}?",
    "горячей воды нет 😤😤 {coords}",
    "Отключили горячую воду на {obl} без предупреждения, бабушкам мыться негде",
    "Помогите, нет горячей воды, {addr}, грудной ребёнок",
    "подскажите почему нет горячки на {obl}",
    "ГВС не идёт, {street} {h}, стояк холодный",
    "горячей воды нет, в ЦТП на {obl} какие-то работы?",
    "горячая???",
    "ГОРЯЧУЮ ДАЙТЕ {street}",
    "Гарячей воды нет {addr}",
)
HOT_WATER = Outage(
    label="hot-water-centre",
    districts=CENTRE_FORMS,
    streets=(LENINA, KOMSOMOLSKAYA, CHEKHOVA, KURILSKAYA),
    landmarks=("у администрации", "возле ДК", "у остановки «Площадь Ленина»", "за школой №9",
               "у сквера с фонтаном", "рядом с почтой на Ленина", "у «Пятёрочки»"),
    texts=HOT_WATER_TEXTS, count=95, centre=(46.9560, 142.7420), first_minute=40, last_minute=560)

# --- outage 3: voltage surges, then a power cut, after a substation fault in Хомутово --------------------------------

POWER_TEXTS = (
    "опять без света!!! {addr}",
    "Свет мигает всё утро, то 180 вольт то 250, у нас сгорел холодильник. {addr}",
    "перепады напряжения {district}, лампочки то гаснут то горят ярко",
    "эл-ва нет {addr}",
    "э/э нет с обеда, {street} {h}",
    "Кто знает когда свет дадут? {district}",
    "Напряжение скачет на {obl}, телевизор сгорел, кто будет возмещать?!",
    "Свет будет сегодня? {district}",
    "Верните свет!!! {street}",
    "Здравствуйте. По адресу {addr} с 10 утра сильные перепады напряжения, затем электроснабжение пропало "
    "полностью. Котёл без электричества не работает, дом остывает. Просим срочно направить бригаду.",
    "На {obl} света нет уже четыре часа, котёл встал, дома холодает. Хомутово опять забыли! Сетевая компания "
    "хоть раз приедет вовремя?",
    "На подстанции у {obl} что-то хлопнуло и свет пропал",
    "{landmark} хлопнуло на трансформаторе, весь посёлок без света",
    "у нас свет то есть то нет, на {obl}",
    "лампочки мерцают, ноут не заряжается, напряжение 170. {addr}",
    "электричество пропало {street} {h}",
    "електричества нет {addr}",
    "свет моргает каждые пять минут 😡 {addr}",
    "Когда починят? {district}, свет",
    "Света нет. {coords}",
    "Без света сидим, {landmark}",
    "Дайте свет!!! {district}",
    "низкое напряжение на {obl}, стиралка не включается",
    "Сгорел блок питания у компа из-за скачка, {addr}. Что делать?",
    "У нас во всём доме нет света",
    "Вся {street} без света, и соседняя улица тоже",
    "СВЕТА НЕТ!!! {street}",
    "Света нееет 😭 {addr}",
    "Подскажите, на {obl} плановое отключение или авария?",
    "Напряжение 150 вольт, {addr}, холодильник пищит",
    "Свет дали и опять вырубили, на {obl}",
    "Электроснабжение отсутствует. Адрес: {addr}.",
    "отрубили свет {district}",
    "скачет напряжение {street} {h}, боимся пожара",
    "после скачка в доме запахло горелой проводкой, {addr}",
    "свет когда?? на {obl}",
    "{district} опять без электричества",
    "Это нормально что свет гаснет каждые десять минут? {addr}",
    "{landmark} гудит трансформатор, а в домах то свет то нет",
    "лампочки лопаются от скачков!! {addr}",
    "Насос в скважине сгорел от перепада напряжения, теперь и воды нет. {addr}",
    "без электроэнергии с 11:00, {addr}",
    "Включите свет людям!!! на {obl}",
    "когда восстановят электроснабжение на {obl}?",
    "У нас то 190 то 240 вольт, вся техника под угрозой. {street}, {n}",
    "эл-во пропадает и появляется {district}",
    "Свет мигает, потом совсем пропал. {addr}",
    "подстанция опять сдохла? {district}",
    "вырубило свет по всей {obl}",
    "Кто-нибудь звонил в сети? на {obl} света нет",
    "уже три часа без света!! {addr}",
    "свет нет {street} {h}",
    "напряжение гуляет {coords}",
    "у всей улицы нет света, на {obl}",
    "Почему опять нет электричества на {obl}?!",
    "свет?",
    "ДАЙТЕ ЭЛЕКТРИЧЕСТВО, ЛЮДИ МЁРЗНУТ {district}",
    "Светааа!!! {landmark}",
)
POWER = Outage(
    label="substation-khomutovo",
    districts=KHOMUTOVO_FORMS,
    streets=(NOVAYA, TSENTRALNAYA, ZELYONAYA, OZYORNAYA),
    landmarks=("у магазина «Колос»", "возле клуба", "у остановки «Хомутово»", "у почты", "у водонапорной башни",
               "на повороте к аэропорту", "за конечной автобуса"),
    texts=POWER_TEXTS, count=100, centre=(46.9200, 142.8200), first_minute=90, last_minute=600)

OUTAGES = (WATER, HOT_WATER, POWER)

# --- unrelated: one dwelling's problem each, in the same categories --------------------------------------------------

WATER_DWELLING = (
    "Течёт кран на кухне, {addr}, кто должен менять?",
    "Засор канализации в квартире, {addr}, вода в ванной не уходит",
    "Протекает счётчик холодной воды, {addr}",
    "В квартире вода из крана пахнет тухлым, у соседей нормальная. {addr}",
    "Унитаз течёт не переставая, {addr}, сантехника не дождаться",
    "Прошу опломбировать новый счётчик воды, {addr}",
    "Смеситель в ванной сломался, вода не перекрывается, {addr}",
    "Только у меня на кухне слабый напор, в ванной нормально. {addr}",
    "Колодец канализации во дворе {addr} без крышки, дети бегают рядом",
    "Под раковиной капает с соединения, {addr}",
)
HEATING_DWELLING = (
    "Одна батарея в спальне холодная, остальные горячие. {addr}",
    "Завоздушило батарею в комнате, {addr}, кто стравит воздух?",
    "Течёт полотенцесушитель, {addr}",
    "В квартире батареи еле тёплые, а у соседей жарко, {addr}",
    "Только у меня в квартире горячая вода идёт холодная, у соседей есть. {addr}",
    "Радиатор на кухне подтекает, {addr}",
    "Батареи жарят так, что приходится открывать окна, {addr}",
    "Прошу проверить счётчик горячей воды, крутит без остановки, {addr}",
    "После замены окон в квартире холодно, батарея под окном чуть тёплая, {addr}",
    "В ванной полотенцесушитель холодный, а горячая вода есть, {addr}",
)
ELECTRICITY_DWELLING = (
    "В квартире искрит розетка, {addr}",
    "Выбивает автомат только у нас, у соседей свет есть. {addr}",
    "Сгорел электросчётчик, {addr}",
    "Провод к дому провис над двором, {addr}",
    "Прошу заменить электросчётчик, старый не показывает, {addr}",
    "Только в нашей квартире нет света, в подъезде горит. {addr}",
    "На вводе в дом {addr} оборвало провод, дом частный",
    "В одной комнате пропало электричество, остальные работают, {addr}",
    "В щитке на площадке что-то трещит, {addr}",
    "Проводка в квартире греется, {addr}, кого вызывать?",
)
ELSEWHERE = (
    way("Лучистая", "Лучистой", "Лучистую"), way("Ключевая", "Ключевой", "Ключевую"),
    way("Майская", "Майской", "Майскую"), way("Пуркаева"), way("Горького"), way("Комарова"), way("Мира"),
    way("Есенина"), way("Детская", "Детской", "Детскую"),
    way("Советская", "Советской", "Советскую"), way("Лесная", "Лесной", "Лесную"),
    way("Солнечная", "Солнечной", "Солнечную"), way("Речная", "Речной", "Речную"), SAKHALINSKAYA, POGRANICHNAYA,
)
CENTRE_OUTAGE_STREETS = WATER.streets + HOT_WATER.streets
# Where the unrelated streets elsewhere are (their districts' middles), for the coordinates some messages carry.
DISTRICT_OF_STREET_CENTRE = {
    "Лучистая": (46.9905, 142.7160), "Ключевая": (46.9905, 142.7160), "Майская": (46.9905, 142.7160),
    "Пуркаева": (46.9800, 142.7400), "Горького": (46.9800, 142.7400), "Комарова": (46.9800, 142.7400),
    "Мира": (46.9400, 142.7350), "Есенина": (46.9400, 142.7350), "Детская": (46.9400, 142.7350),
    "Советская": (47.0330, 142.7230), "Лесная": (47.0330, 142.7230),
    "Солнечная": (46.8600, 142.6500), "Речная": (46.8600, 142.6500),
    "Сахалинская": (46.9580, 142.7380), "Пограничная": (46.9580, 142.7380),
}

UNRELATED = (
    # the outages' own streets: single dwellings that must stay apart from the outage on their street
    Unrelated(WATER_DWELLING, CENTRE_OUTAGE_STREETS, 12, (46.9580, 142.7380)),
    Unrelated(HEATING_DWELLING, CENTRE_OUTAGE_STREETS, 12, (46.9580, 142.7380)),
    Unrelated(ELECTRICITY_DWELLING, CENTRE_OUTAGE_STREETS, 6, (46.9580, 142.7380)),
    Unrelated(ELECTRICITY_DWELLING, POWER.streets, 9, POWER.centre),
    Unrelated(WATER_DWELLING, POWER.streets, 3, POWER.centre),
    Unrelated(HEATING_DWELLING, POWER.streets, 3, POWER.centre),
    # elsewhere in the town
    Unrelated(WATER_DWELLING, ELSEWHERE, 35, (46.9590, 142.7380)),
    Unrelated(HEATING_DWELLING, ELSEWHERE, 35, (46.9590, 142.7380)),
    Unrelated(ELECTRICITY_DWELLING, ELSEWHERE, 30, (46.9590, 142.7380)),
)
# Whole-building losses, each alone in its district and category (no other message like it there).
ALONE = (
    ("Нет воды во всём доме, {addr}", way("Лучистая", "Лучистой", "Лучистую"), (46.9905, 142.7160)),
    ("Во всём подъезде нет горячей воды, {addr}", way("Пуркаева"), (46.9800, 142.7400)),
    ("Свет отключили во всём доме, {addr}", way("Мира"), (46.9400, 142.7350)),
    ("Перепады напряжения у нас в доме, лампы мигают, {addr}", way("Солнечная", "Солнечной", "Солнечную"),
     (46.8600, 142.6500)),
    ("Холодной воды нет с утра, {addr}", way("Советская", "Советской", "Советскую"), (47.0330, 142.7230)),
)

# --- how residents write places --------------------------------------------------------------------------------------

NEIGHBOURING_LETTERS = {"а": "о", "о": "а", "е": "и", "и": "е", "ё": "е", "я": "а", "с": "з", "к": "г", "в": "ф"}


def misspell(rng: random.Random, word: str) -> str:
    """One letter off: dropped, doubled, swapped with the next, or a neighbouring sound."""
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 2)
    kind = rng.choice(("drop", "double", "swap", "sound"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and word[i + 1] != " ":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letter = word[i]
    return word[:i] + NEIGHBOURING_LETTERS.get(letter, letter) + word[i + 1:]


def spelt(rng: random.Random, s: Way) -> Way:
    """The street as this resident spells it: mostly right, sometimes a letter off, in lower case, ё as е."""
    name, oblique, accusative = s.name, s.oblique, s.accusative
    roll = rng.random()
    if roll < 0.13:
        name, oblique, accusative = misspell(rng, name), misspell(rng, oblique), misspell(rng, accusative)
    elif roll < 0.28:
        name, oblique, accusative = name.lower(), oblique.lower(), accusative.lower()
    if rng.random() < 0.5:
        name, oblique, accusative = (w.replace("ё", "е") for w in (name, oblique, accusative))
    if name == "Карла Маркса" and rng.random() < 0.4:
        name = oblique = accusative = rng.choice(("К. Маркса", "К.Маркса", "Маркса"))
    return Way(name, oblique, accusative)


def house(rng: random.Random) -> tuple[str, str]:
    """A house as written after a street ("д5", "дом 5 корп 1") and without its "д"/"дом" ("5", "5 корп 1")."""
    n = rng.choice((rng.randint(1, 15), rng.randint(1, 48)))
    block, flat = rng.randint(1, 3), rng.randint(1, 120)
    return rng.choice((
        (f"{n}", f"{n}"), (f"{n}", f"{n}"), (f"д{n}", f"{n}"), (f"д.{n}", f"{n}"), (f"д. {n}", f"{n}"),
        (f"дом {n}", f"{n}"), (f"{n}к{block}", f"{n}к{block}"), (f"{n} корп {block}", f"{n} корп {block}"),
        (f"дом {n} корп {block}", f"{n} корп {block}"), (f"{n}/{block}", f"{n}/{block}"), (f"{n}а", f"{n}а"),
        (f"{n}, кв {flat}", f"{n}, кв {flat}"), (f"д{n} кв.{flat}", f"{n} кв.{flat}"),
    ))


def address(rng: random.Random, s: Way, h: str, bare: str) -> str:
    return rng.choice((
        f"ул. {s.name} {h}", f"{s.name} {h}", f"ул.{s.name},{bare}", f"{s.name},{bare}", f"на {s.oblique} {h}",
        f"ул {s.name} д {bare}", f"улица {s.name} {h}", f"{s.name}-{bare}", f"{s.name}{bare}",
        f"дом {bare} по {s.oblique}", f"по ул. {s.oblique}, {h}", f"{s.name} ул., {h}",
    ))


def coordinates(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = round(centre[0] + rng.uniform(-0.004, 0.004), 5)
    lon = round(centre[1] + rng.uniform(-0.004, 0.004), 5)
    return rng.choice((
        f"{lat}, {lon}", f"{lat} {lon}", f"геопозиция: {lat},{lon}", f"https://yandex.ru/maps/?pt={lon},{lat}&z=17",
        f"координаты {lat}, {lon}", f"({lat}; {lon})",
    ))


def fill(rng: random.Random, template: str, streets: tuple[Way, ...], s: Way, districts: tuple[str, ...],
         landmarks: tuple[str, ...], centre: tuple[float, float]) -> str:
    shown = spelt(rng, s)
    other = spelt(rng, rng.choice([t for t in streets if t != s] or [s]))
    h, bare = house(rng)
    landmark = rng.choice(landmarks) if landmarks else ""
    district = rng.choice(districts) if districts else ""
    if template.startswith("{landmark}"):
        landmark = landmark[:1].upper() + landmark[1:]
    text = template.format(
        addr=address(rng, shown, h, bare), street=shown.name, obl=shown.oblique, acc=shown.accusative,
        other=other.oblique, h=h, n=bare, district=district, landmark=landmark,
        coords=coordinates(rng, centre))
    roll = rng.random()
    if roll < 0.1:
        text = text.lower()
    elif roll < 0.14:
        text = text.upper()
    if rng.random() < 0.08:
        text = text.rstrip(".!?") + rng.choice(("!!!", "??", "!!!!!", "...", ")))", " 😡", " 🤬", " 🙏"))
    return " ".join(text.split())


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        for _ in range(outage.count):
            s = rng.choice(outage.streets)
            text = fill(rng, rng.choice(outage.texts), outage.streets, s, outage.districts, outage.landmarks,
                        outage.centre)
            lines.append({"minutes": rng.randint(outage.first_minute, outage.last_minute),
                          "channel": rng.choice(CHANNELS), "text": text,
                          "location": location(rng, outage.centre, 0.004, share=0.12), "incident": outage.label})
    for group in UNRELATED:
        used: set[tuple[str, str]] = set()
        while len(used) < group.count:
            template, s = rng.choice(group.texts), rng.choice(group.streets)
            if (template, s.name) in used:
                continue  # one resident's problem per street and wording: two alike would be an incident
            used.add((template, s.name))
            centre = DISTRICT_OF_STREET_CENTRE.get(s.name, group.centre)
            lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
                          "text": fill(rng, template, group.streets, s, (), (), centre),
                          "location": location(rng, centre, 0.006, share=0.12), "incident": None})
    for template, s, centre in ALONE:
        lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
                      "text": fill(rng, template, (s,), s, (), (), centre),
                      "location": location(rng, centre, 0.004, share=0.12), "incident": None})
    rng.shuffle(lines)
    lines.sort(key=lambda line: line["minutes"])
    numbered = []
    for number, line in enumerate(lines, 1):
        if line["location"] is None:
            del line["location"]
        numbered.append({"id": f"h3-{number:03d}", **line})
    return numbered


def main() -> None:
    write(DATA / "incidents_storm_holdout3.jsonl", storm())


if __name__ == "__main__":
    main()
