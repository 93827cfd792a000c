"""Writes the seventh development storm of incident grouping (tests/data/incidents_storm_dev7.jsonl).

Three outages in one morning and afternoon of Южно-Сахалинск, two of them in the same district:

- `power_lugovoe` (electricity, 105): a power cut on Лучистая, Дружбы, Авиационная, Шоссейная, Ударная in Луговое
  from the storm's start;
- `water_lugovoe` (water, 100): no cold water a few hours later on Дружбы, Авиационная, Шоссейная, Ключевая,
  Сиреневая in Луговое, the pumping station having stopped; three streets and two hours overlap the power cut;
- `heating_yuzhny` (heating, 95): no heating (and no hot water) on Мира, Победы, Есенина, Маяковского, Детская,
  Холмская in Южный.

A message naming both problems of Луговое is labelled by the one it complains of first. 150 unrelated messages of
the same categories share the hours: single flats and houses on the outages' own streets (a fuse, a leaking riser,
one cold radiator), the same kinds elsewhere, street lamps and water-filled potholes, and five whole-building losses
each alone in its district and category.

The phrase banks were written for this repository by a writer who had not read the matching nor any other storm's
texts, in the manner of residents' chat messages, comments and portal forms; houses, landmarks and coordinates are
made up. A fixed seed makes the file reproducible:

    .venv/bin/python -m tools.incident_storm_dev7
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 7017
PREFIX = "g"
SPAN_MINUTES = 600


@dataclass(frozen=True)
class StreetName:
    nominative: str

    @property
    def adjectival(self) -> bool:
        return self.nominative.endswith("ая")

    @property
    def oblique(self) -> str:
        """Genitive, dative and prepositional at once (Лучистой); an invariant name (Дружбы, Мира) stays as it is."""
        return self.nominative[:-2] + "ой" if self.adjectival else self.nominative


def streets(*names: str) -> tuple[StreetName, ...]:
    return tuple(StreetName(name) for name in names)


@dataclass(frozen=True)
class District:
    name: str
    inside: tuple[str, ...]  # "в Луговом"
    whole: tuple[str, ...]  # "Всё Луговое"
    landmarks: tuple[str, ...]
    centre: tuple[float, float]


@dataclass(frozen=True)
class Outage:
    label: str
    count: int
    district: District
    streets: tuple[StreetName, ...]
    first_minute: int
    last_minute: int
    centre: tuple[float, float]
    landmarks: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Unrelated:
    count: int
    streets: tuple[tuple[StreetName, District], ...]
    texts: tuple[str, ...]


LUGOVOE = District(
    "Луговое",
    ("в Луговом", "в мкр. Луговое", "в Луговом районе", "на Луговом", "в луговом", "в Лугвом", "в мкр Луговое",
     "по Луговому", "пл.р. Луговое"),
    ("Всё Луговое", "Весь мкр Луговое", "Весь Луговой", "Всё луговое"),
    (), (46.9745, 142.7060))
YUZHNY = District(
    "Южный",
    ("в Южном", "в мкр. Южный", "в южном микрорайоне", "на Южном", "в южном", "в Южнном", "мкр Южный",
     "по Южному"),
    ("Весь Южный", "Весь мкр Южный", "Весь южный микрорайон", "Весь Южнй"),
    (), (46.9240, 142.7420))
CENTRE = District("Центр", (), (), (), (46.9590, 142.7380))
SEVERNY = District("Северный", (), (), (), (46.9850, 142.7450))
NOVOALEX = District("Ново-Александровск", (), (), (), (47.0300, 142.7200))
KHOMUTOVO = District("Хомутово", (), (), (), (46.9100, 142.7800))
DALNEE = District("Дальнее", (), (), (), (46.8900, 142.6600))

POWER_STREETS = streets("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная")
WATER_STREETS = streets("Дружбы", "Авиационная", "Шоссейная", "Ключевая", "Сиреневая")
HEAT_STREETS = streets("Мира", "Победы", "Есенина", "Маяковского", "Детская", "Холмская")
LUGOVOE_OTHER = streets("Больничная", "Западная", "Майская")
YUZHNY_OTHER = streets("Железнодорожная", "Невельская", "Вокзальная", "Ухтомского")
ELSEWHERE: tuple[tuple[StreetName, District], ...] = (
    tuple((s, CENTRE) for s in streets("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная",
                                       "Курильская", "Дзержинского", "Хабаровская", "Карла Маркса", "Емельянова"))
    + tuple((s, SEVERNY) for s in streets("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова",
                                          "Поповича", "Комарова", "Физкультурная", "Амурская", "Бумажная"))
    + tuple((s, NOVOALEX) for s in streets("Советская", "Рабочая", "Молодёжная", "Крайняя", "Лесная", "Кольцевая",
                                           "Заводская", "Садовая", "Полевая"))
    + tuple((s, KHOMUTOVO) for s in streets("Новая", "Центральная", "Зелёная", "Озёрная"))
    + tuple((s, DALNEE) for s in streets("Горная", "Весенняя", "Солнечная", "Речная"))
    + tuple((s, LUGOVOE) for s in LUGOVOE_OTHER)
    + tuple((s, YUZHNY) for s in YUZHNY_OTHER)
)
ON_OUTAGE_STREETS_LUGOVOE = tuple((s, LUGOVOE) for s in streets(
    "Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная", "Ключевая", "Сиреневая"))
ON_OUTAGE_STREETS_YUZHNY = tuple((s, YUZHNY) for s in HEAT_STREETS)

POWER_TEXTS = (
    "Света нет {at}",
    "{addr} нет света с 6 утра",
    "НЕТ СВЕТА!!! {addr}",
    "у нас опять без света 😡",
    "Свет когда дадут?",
    "Когда включат эл-во {at}? Сидим с утра без всего",
    "нет э/э {in_district}, весь район тёмный",
    "Отключили электричество {at}, дом {house}. Никто ничего не объявлял",
    "Здравствуйте. По адресу {addr} с раннего утра отсутствует электроснабжение. Просим сообщить сроки "
    "восстановления.",
    "светааааа нееет 😭😭",
    "{street} {house} эл-во пропало в шесть с чем-то, холодильник размораживается",
    "Обесточены дома {at} и {at2}, это авария или плановое?",
    "Почему без предупреждения вырубили свет? {in_district} целая улица сидит в темноте",
    "Свет моргнул и погас, {addr}. У соседей тоже нет",
    "{landmark} нет света, светофор тоже не работает",
    "Третий час без электричества, дети, мороз, обогреватель не включить. {addr}",
    "Электричества нету с утра {at}",
    "нет света в нашем доме и во всех соседних",
    "Когда вернут электричество? Работаю из дома, всё встало. {in_district}",
    "{at} полностью отключено электроснабжение, в подъезде темно, домофон не работает",
    "Скажите хоть что-нибудь! Свет сегодня будет?",
    "{addr} — без электроэнергии с 06:10. Примите меры",
    "Вырубило свет {all_street}",
    "{whole} без света что ли? 🤬",
    "Электросети, вы там живые? {at} нет света уже 4 часа!!!",
    "нет эл-ва {addr}",
    "отключение э/э {at}, котёл без света не работает, в доме уже холодает",
    "Нет света, а теперь ещё и вода пропала. {addr}",
    "Света нет и воды тоже нет, {at}. Что происходит вообще??",
    "Пропало электричество {landmark}, магазины закрыты, банкомат не работает",
    "Сколько можно! Второй раз за месяц без света {at}",
    "Добрый день, {addr}, нет напряжения в сети с утра. Соседи по улице тоже без света. Подскажите, ведутся ли "
    "работы?",
    "{coords} свет отключили",
    "У нас темно во всём доме и на улице тоже, свет отрубили ещё утром",
    "тока нет {at}",
    "Верните свет!!!",
    "ребят у кого {at} свет есть?",
    "Без света сидим, {in_district}. Когда дадите?",
    "{addr} пропал свет. Щиток в подъезде смотрели — у нас всё нормально, значит на линии",
    "Мы {at} {house}, с 6 утра без эл-ва, пожилая мама на кислородном концентраторе!!! Срочно!",
    "Отключение электроэнергии {at}, причина? сроки?",
    "Весь квартал между {gen} и {gen2} без света",
    "нету света🙁",
    "опять свет вырубили {po}",
    "{district}: нет электричества с утра, дайте хотя бы информацию",
    "Свет пропал в 6:05, {addr}. Ни звонка, ни смс от сетей",
    "у нас в доме нет света, и у соседей напротив тоже",
    "Когда восстановят электроснабжение на ул. {street_plain}?",
    "ЭЛЕКТРИЧЕСТВО ДАЙТЕ {at}",
    "нет электроэнергии {landmark}, ночью трансформатор гудел, а утром бахнуло",
    "Мкр {district}, {street} — отключён свет, вся улица. Аварийка трубку не берёт",
    "четвёртый час без света.. {at}.. телефон садится",
    "Здравствуйте! Пишу от имени жильцов дома {addr}. С утра нет электроснабжения, в доме маленькие дети и "
    "лежачие больные. Просим ускорить восстановление и сообщить, когда дадут свет.",
    "свет??? {street}",
    "Что со светом {in_district}?",
    "Со светом беда {at}, уже полдня. Хоть бы генератор поставили",
    "Сколько можно! С утра без света, теперь и без воды, {at}",
    "СВЕТ ДАДУТ СЕГОДНЯ ИЛИ НЕТ",
    "Ни света, ни воды {at}! Сколько ждать?",
    "Света нет с утра, вода тоже кончилась, {addr}",
    "Электричества нет полдня, уже и вода не идёт. {in_district}",
    "в нашем доме электричества нет, у всех соседей тоже. {coords}",
)

WATER_TEXTS = (
    "Нет холодной воды {at}",
    "{addr} нет ХВС",
    "ВОДЫ НЕТ!!! {addr}",
    "у нас воды нет совсем 😡",
    "Вода когда будет?",
    "Когда дадут холодную воду {at}? Ни помыться, ни приготовить",
    "нет хвс {in_district}, с обеда сухо в кранах",
    "Свет дали, а воды теперь нет. {addr}",
    "Здравствуйте. По адресу {addr} отсутствует холодное водоснабжение. Просим сообщить причину и сроки.",
    "водыыы нееет 😭",
    "{street} {house} из крана только шипит",
    "Говорят, насосная встала после отключения света. Когда запустят? {at} сухие краны",
    "Почему нет воды {at} и {at2}? Объявлений не было",
    "Напор упал до нуля, {addr}, пятый этаж вообще без воды",
    "кран открываешь — а там ничего. {in_district}",
    "{landmark} нет воды, кафе закрылось",
    "Четвёртый час без воды, ребёнок маленький, {addr}",
    "Воды нету с обеда {at}",
    "нет воды в нашем доме и у соседей тоже",
    "Когда вернут воду? {in_district} пол района без воды",
    "{at} нет холодной воды, бачок унитаза не набирается",
    "Скажите хоть что-нибудь про воду! Сегодня будет?",
    "{addr} — нет ХВС с 14:30. Примите меры",
    "Нет воды {all_street}",
    "{whole} без воды что ли? 🤬",
    "Водоканал, ау! {at} воды нет уже 3 часа!!!",
    "нет хол. воды {addr}",
    "Воды нет, свет хоть дали, а толку. {at}",
    "Нет воды, и свет ещё моргает, {at}",
    "Холодная вода пропала {landmark}, в магазине сказали, у всех так",
    "Теперь и воды нет! {at}. Сначала свет, теперь это",
    "Добрый день, {addr}, с середины дня нет холодной воды. Соседи по улице тоже без воды. Ведутся ли работы?",
    "{coords} нет воды",
    "ХВС НЕТ {at}",
    "вода где?",
    "Дайте воду!!!",
    "ребят у кого {at} вода есть?",
    "Без воды сидим, {in_district}. Когда подключат?",
    "{addr} нет воды. В подвале сухо, ничего не течёт, значит авария не у нас",
    "Мы {at} {house}, с 3 часов без воды, дома лежачий больной! Привезите хоть бочку",
    "Отсутствует ХВС {at}, причина? сроки?",
    "Весь квартал от {gen} до {gen2} без воды",
    "нету воды🙁",
    "опять воду отключили {po}",
    "{district}: нет воды с обеда, дайте информацию",
    "Вода пропала около трёх, {addr}. Никто не предупреждал",
    "Когда восстановят водоснабжение на ул. {street_plain}?",
    "ВОДУ ДАЙТЕ {at}",
    "нет воды {landmark}, насосная не работает, говорят из-за света",
    "Мкр {district}, {street}: нет холодной воды, вся улица. Диспетчер не отвечает",
    "пятый час без воды.. {at}.. даже чайник не поставить",
    "Здравствуйте! Обращаюсь от имени жильцов дома {addr}. Во второй половине дня пропала холодная вода, в доме "
    "маленькие дети и пожилые. Просим организовать подвоз питьевой воды и сообщить сроки.",
    "вода??? {street}",
    "Что с водой {in_district}?",
    "краны сухие {at}, хоть снег топи",
    "Напора нет совсем, еле капает, {addr}",
    "хвс нет с 15:00 {addr}, у соседей через дорогу тоже",
    "Вода-то будет сегодня или нет??? {in_district}",
    "Нет воды! Свет только вернули, теперь вода. {addr}",
    "в нашем доме ни капли холодной воды, {coords}",
)

HEAT_TEXTS = (
    "Нет отопления {at}",
    "{addr} батареи холодные",
    "ОТОПЛЕНИЯ НЕТ!!! {addr}",
    "у нас батареи ледяные 🥶",
    "Когда тепло включат?",
    "Когда дадут отопление {at}? Дома +14",
    "нет отопл. {in_district}, батареи холоднее, чем на улице",
    "Здравствуйте. По адресу {addr} отсутствует теплоснабжение, температура в квартире 15 градусов. Просим принять "
    "меры.",
    "холоднооо дома, батареи не греют 😭",
    "{street} {house} отопление отключили, ГВС тоже нет",
    "Говорят, на теплотрассе авария. Когда починят? {at} все мёрзнут",
    "Почему нет тепла {at} и {at2}?",
    "Батареи остыли с утра, {addr}. У соседей тоже",
    "сидим дома в куртках, {in_district}",
    "{landmark} в домах холодно, отопления нет",
    "Восьмой час без отопления, маленький ребёнок, {addr}",
    "нет ни отопления, ни горячей воды {at}",
    "холодные радиаторы во всём доме и в соседних",
    "Когда вернут тепло? {in_district} замерзаем",
    "{at} нет отопления, в квартире пар изо рта",
    "Скажите хоть что-нибудь! Отопление сегодня будет?",
    "{addr} — нет теплоснабжения с 7:00. Примите меры",
    "Батареи холодные {all_street}",
    "{whole} без отопления что ли? 🤬",
    "Теплосети, ау! {at} холодно уже 5 часов!!!",
    "нет отопл. и ГВС {addr}",
    "Отопления нет, горячей воды нет, {at}. Зима на дворе!",
    "Трубы отопления ледяные {landmark}",
    "Сколько можно! Опять без тепла {at}",
    "Добрый день, {addr}, с утра не работает отопление, радиаторы холодные. Соседи по улице тоже. Подскажите, "
    "ведутся ли работы?",
    "{coords} нет отопления",
    "ГВС и отопления нет {at}",
    "тепло где?",
    "Дайте тепло!!!",
    "ребят у кого {at} батареи горячие?",
    "Мёрзнем, {in_district}. Когда включат?",
    "{addr} батареи холодные. Воздух спускали — не помогает, стояк тоже холодный, значит не у нас",
    "Мы {at} {house}, с утра без отопления, дома ребёнок с температурой! Срочно!",
    "Отсутствует теплоснабжение {at}, причина? сроки?",
    "Весь квартал от {gen} до {gen2} без отопления",
    "батареи холодные🙁",
    "опять отопление отключили {po}",
    "{district}: нет отопления с утра, дайте информацию",
    "Отопление пропало ночью, {addr}. Никто не предупреждал",
    "Когда восстановят отопление на ул. {street_plain}?",
    "ОТОПЛЕНИЕ ВКЛЮЧИТЕ {at}",
    "в квартире +13, {at}, обогреватели выбивают пробки",
    "Мкр {district}, {street}: нет отопления, вся улица. Диспетчер молчит",
    "десятый час без тепла.. {at}.. дети спят в шапках",
    "Здравствуйте! Пишу от имени жильцов дома {addr}. С утра нет отопления и горячей воды, в квартирах 14–15 "
    "градусов, в доме маленькие дети. Просим срочно восстановить теплоснабжение и сообщить сроки.",
    "тепло??? {street}",
    "Что с отоплением {in_district}?",
    "горячей воды нет и батареи холодные {addr}",
    "Радиаторы были еле тёплые, теперь совсем остыли. {at}",
    "у нас в доме холодрыга, отопления нет с ночи",
    "Отопление будет или нет??? {in_district}",
    "дома дубак {at}, батареи ледяныеее",
    "ни тепла ни горячей воды в нашем доме, {coords}",
)

OUTAGES = (
    Outage("power_lugovoe", 105, LUGOVOE, POWER_STREETS, 0, 330, (46.9735, 142.7040),
           ("у ТЦ «Лучик»", "возле аптеки на кольце", "у остановки «Авиагородок»", "рядом с почтой",
            "за автозаправкой", "у магазина «Берёзка»"),
           POWER_TEXTS),
    Outage("water_lugovoe", 100, LUGOVOE, WATER_STREETS, 150, 480, (46.9760, 142.7095),
           ("у бани", "возле старой водокачки", "у магазина «Ключ»", "у остановки «Сиреневый бульвар»",
            "за гаражами у котельной", "рядом с автомойкой"),
           WATER_TEXTS),
    Outage("heating_yuzhny", 95, YUZHNY, HEAT_STREETS, 60, 600, (46.9240, 142.7410),
           ("у ДК «Юность»", "возле рынка на кольце", "рядом со стадионом", "у ТЦ «Южный»", "за вокзалом",
            "у остановки «Детская больница»"),
           HEAT_TEXTS),
)

POWER_ONE_DWELLING = (
    "В квартире {addr} выбивает автомат, у соседей свет есть",
    "{addr}: пропал свет только в одной комнате, розетки не работают",
    "Искрит розетка на кухне, {addr}, кв. 12. Пришлите электрика",
    "у нас в квартире нет света, а в подъезде горит. {addr}. что делать?",
    "Пробки выбило и обратно не включаются, {addr} кв 7",
    "{addr}, кв. 34: в квартире моргает свет уже неделю, у соседей всё нормально",
    "Сгорел счётчик в квартире {addr}, пахнет гарью, без света только мы",
    "Напряжение скачет только в нашей квартире, {addr}, сгорел телевизор",
    "Оборвало провод к нашему частному дому {addr}, у остальных на улице свет есть",
)
WATER_ONE_DWELLING = (
    "Течёт стояк в подъезде {addr}, заливает третий этаж",
    "{addr}: ржавая вода из крана только у нас в квартире",
    "Прорвало трубу под раковиной, {addr} кв 18, перекрыть не можем",
    "В подвале дома {addr} течёт труба, слышно, как шумит вода",
    "Слабый напор только в нашей квартире, {addr}, у соседей нормально",
    "{addr}, капает со стояка в туалете, протекает к соседям снизу",
    "Засор канализации в подъезде {addr}, вода стоит в ванной",
    "Потёк счётчик холодной воды, {addr}",
    "Течёт с потолка в ванной, {addr}, сверху никто не открывает",
)
HEAT_ONE_DWELLING = (
    "Одна батарея в спальне холодная, остальные горячие, {addr}",
    "{addr} кв 21: радиатор на кухне не греет, завоздушило",
    "В угловой комнате холодно, батарея чуть тёплая, {addr}, а соседи говорят, у них жарко",
    "Потёк радиатор в квартире {addr}, подставили таз",
    "Нет горячей воды только в нашей квартире, {addr}, у соседей есть",
    "Батарея в детской холодная вторую неделю, {addr}",
    "После замены радиатора в квартире {addr} он не греет",
    "В зале батарея холодная сверху, тёплая снизу, {addr}, кв. 40",
)
LAMPS = (
    "Не горит фонарь возле дома {addr}, вечером темно",
    "Фонарь у остановки {at} мигает уже неделю",
    "Разбит фонарь {at} напротив дома {house}",
    "Столб освещения покосился {at}, возле д. {house}",
    "Уличный фонарь у дома {addr} горит днём и не горит ночью",
    "Нет освещения на пешеходном переходе {at}",
)
POTHOLES = (
    "Яма на дороге {at} у дома {house}, вся в воде, машины проваливаются",
    "Огромная лужа на месте ямы {at}, не пройти к остановке",
    "Провал асфальта {at} возле д. {house}, заполнен водой",
    "Ямы {at} залиты водой, пробил колесо",
    "Выбоина на проезжей части у дома {addr}, глубокая, с водой",
    "Открытый люк на дороге {at}, его не видно под водой",
)
UNRELATED = (
    Unrelated(12, ON_OUTAGE_STREETS_LUGOVOE, POWER_ONE_DWELLING),
    Unrelated(12, ON_OUTAGE_STREETS_LUGOVOE, WATER_ONE_DWELLING),
    Unrelated(10, ON_OUTAGE_STREETS_YUZHNY, HEAT_ONE_DWELLING),
    Unrelated(3, ON_OUTAGE_STREETS_LUGOVOE, HEAT_ONE_DWELLING),
    Unrelated(3, ON_OUTAGE_STREETS_YUZHNY, POWER_ONE_DWELLING),
    Unrelated(3, ON_OUTAGE_STREETS_YUZHNY, WATER_ONE_DWELLING),
    Unrelated(2, ON_OUTAGE_STREETS_LUGOVOE, LAMPS),
    Unrelated(2, ON_OUTAGE_STREETS_YUZHNY, LAMPS),
    Unrelated(2, ON_OUTAGE_STREETS_LUGOVOE, POTHOLES),
    Unrelated(2, ON_OUTAGE_STREETS_YUZHNY, POTHOLES),
    Unrelated(20, ELSEWHERE, POWER_ONE_DWELLING),
    Unrelated(20, ELSEWHERE, WATER_ONE_DWELLING),
    Unrelated(20, ELSEWHERE, HEAT_ONE_DWELLING),
    Unrelated(20, ELSEWHERE, LAMPS),
    Unrelated(14, ELSEWHERE, POTHOLES),
)
# A whole building without a supply, each alone in its district and category: an outage's shape, no incident's size.
WHOLE_BUILDINGS = (
    ("Во всём доме {addr} нет света с утра, у соседних домов есть", StreetName("Горная"), DALNEE),
    ("В доме {addr} нет воды во всех квартирах", StreetName("Горького"), SEVERNY),
    ("Весь дом {addr} без отопления, соседние дома тёплые", StreetName("Лесная"), NOVOALEX),
    ("В нашем доме {addr} нет горячей воды во всех подъездах", StreetName("Озёрная"), KHOMUTOVO),
    ("Весь подъезд без света, {addr}", StreetName("Курильская"), CENTRE),
)


def misspell(rng: random.Random, word: str) -> str:
    """One letter off: dropped, doubled, swapped with the next, or a vowel changed."""
    position = rng.randint(1, len(word) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:position] + word[position + 1:]
    if kind == 1:
        return word[:position] + word[position] + word[position:]
    if kind == 2:
        return word[:position] + word[position + 1] + word[position] + word[position + 2:]
    vowels = "аеиоуыя"
    if word[position] in vowels:
        return word[:position] + rng.choice([v for v in vowels if v != word[position]]) + word[position + 1:]
    return word[:position] + word[position + 1] + word[position] + word[position + 2:]


def spell(rng: random.Random, name: str) -> str:
    """A resident's spelling of a name: mostly right, sometimes lower case, ё as е, or one letter off."""
    roll = rng.random()
    if roll < 0.12:
        name = misspell(rng, name)
    elif roll < 0.24:
        name = name.lower()
    if "ё" in name and rng.random() < 0.5:
        name = name.replace("ё", "е")
    return name


def house(rng: random.Random) -> str:
    number = rng.choice([rng.randint(1, 12), rng.randint(1, 48)])
    part = rng.randint(1, 3)
    return rng.choice([
        f"{number}", f"{number}", f"д{number}", f"д. {number}", f"дом {number}", f"{number}к{part}",
        f"{number}/{part}", f"дом {number} корп {part}", f"д.{number} кв.{rng.randint(1, 80)}", f"{number}а",
    ])


def address(rng: random.Random, s: StreetName) -> str:
    name, number = spell(rng, s.nominative), house(rng)
    return rng.choice([
        f"ул. {name}, {number}", f"{name} {number}", f"{name}, {number}", f"ул {name} {number}",
        f"улица {name}, {number}", f"{name}-{number}" if number.isdigit() else f"{name} {number}",
    ])


def at(rng: random.Random, s: StreetName) -> str:
    """Where, as residents write it: "на Лучистой", "на ул. Дружбы", "ул. Лучистая", now and then the wrong case."""
    oblique, nominative = spell(rng, s.oblique), spell(rng, s.nominative)
    return rng.choice([
        f"на {oblique}", f"на {oblique}", f"на ул. {oblique}", f"на улице {oblique}", f"на ул. {nominative}",
        f"ул. {nominative}", f"на {nominative}", f"по ул. {nominative}",
    ])


def genitive(rng: random.Random, s: StreetName) -> str:
    name = spell(rng, s.oblique)
    return name if s.adjectival and rng.random() < 0.7 else rng.choice([f"ул. {name}", f"улицы {name}"])


def along(rng: random.Random, s: StreetName) -> str:
    name = spell(rng, s.oblique)
    return rng.choice([f"по {name}", f"по ул. {name}", f"по улице {name}"])


def along_all(rng: random.Random, s: StreetName) -> str:
    name = spell(rng, s.oblique)
    if s.adjectival:
        return rng.choice([f"по всей {name}", f"по всей улице {name}", f"на всей {name}"])
    return rng.choice([f"по всей улице {name}", f"по всей ул. {name}"])


def coordinates(rng: random.Random, centre: tuple[float, float]) -> str:
    latitude = round(centre[0] + rng.uniform(-0.003, 0.003), 5)
    longitude = round(centre[1] + rng.uniform(-0.003, 0.003), 5)
    return rng.choice([
        f"{latitude}, {longitude}", f"{latitude} {longitude}", f"координаты {latitude}, {longitude}",
        f"https://yandex.ru/maps/?pt={longitude},{latitude}&z=17", f"({latitude},{longitude})",
        f"геометка: {latitude}, {longitude}",
    ])


def fill(rng: random.Random, template: str, s: StreetName, others: tuple[StreetName, ...], district: District,
         landmarks: tuple[str, ...], centre: tuple[float, float]) -> str:
    second = rng.choice([other for other in others if other != s] or [s])
    values = {
        "at": at(rng, s), "at2": at(rng, second), "addr": address(rng, s), "house": house(rng),
        "street": rng.choice([spell(rng, s.nominative), f"ул. {spell(rng, s.nominative)}",
                              f"ул {spell(rng, s.nominative)}"]),
        "street_plain": spell(rng, s.nominative), "gen": genitive(rng, s), "gen2": genitive(rng, second),
        "po": along(rng, s), "all_street": along_all(rng, s),
        "in_district": rng.choice(district.inside) if district.inside else "",
        "whole": rng.choice(district.whole) if district.whole else "",
        "district": spell(rng, district.name), "landmark": rng.choice(landmarks) if landmarks else "",
        "coords": coordinates(rng, centre),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:] if template[0] == "{" and rng.random() < 0.5 else text


def styled(rng: random.Random, text: str) -> str:
    """Chat habits no wording carries by itself: all lower case, a trailing emoji or exclamation."""
    roll = rng.random()
    if roll < 0.08:
        return text.lower()
    if roll < 0.14:
        return text + rng.choice([" 😡", " 🤬", " !!!", " ((", " 😤", " !!"])
    return text


# A message that names Луговое's other problem too is written while both are on (the pumps stop at minute 150).
BOTH_PROBLEMS_MINUTES: dict[str, tuple[str, int, int]] = {
    "power_lugovoe": ("вод", 150, 330), "water_lugovoe": ("свет", 180, 480)}


BOTH_PROBLEMS_STREETS = tuple(s for s in POWER_STREETS if s in WATER_STREETS)


def names_both(outage: Outage, template: str) -> bool:
    return outage.label in BOTH_PROBLEMS_MINUTES and BOTH_PROBLEMS_MINUTES[outage.label][0] in template.lower()


def outage_minute(rng: random.Random, outage: Outage, template: str) -> int:
    """More messages in an outage's first hours than in its last."""
    first, last = outage.first_minute, outage.last_minute
    if names_both(outage, template):
        first, last = BOTH_PROBLEMS_MINUTES[outage.label][1:]
    early: float = rng.random() ** 1.6
    return first + round(early * (last - first))


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        if len(set(outage.texts)) < 50:
            raise ValueError(f"{outage.label}: fewer than 50 wordings")
        for _ in range(outage.count):
            template = rng.choice(outage.texts)
            s = rng.choice(BOTH_PROBLEMS_STREETS if names_both(outage, template) else outage.streets)
            text = fill(rng, template, s, outage.streets, outage.district, outage.landmarks, outage.centre)
            lines.append({"minutes": outage_minute(rng, outage, template), "channel": rng.choice(CHANNELS),
                          "text": styled(rng, text), "location": location(rng, outage.centre, 0.004),
                          "incident": outage.label})
    for group in UNRELATED:
        used: set[tuple[str, str]] = set()
        while len(used) < group.count:
            template, (s, district) = rng.choice(group.texts), rng.choice(group.streets)
            if (template, s.nominative) in used:
                continue  # one resident's problem per street and wording: two alike would make an incident
            used.add((template, s.nominative))
            lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
                          "text": fill(rng, template, s, (s,), district, (), district.centre),
                          "location": location(rng, district.centre, 0.01), "incident": None})
    for template, s, district in WHOLE_BUILDINGS:
        lines.append({"minutes": rng.randint(0, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
                      "text": fill(rng, template, s, (s,), district, (), district.centre),
                      "location": location(rng, district.centre, 0.01), "incident": None})
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev7.jsonl", storm())


if __name__ == "__main__":
    main()
