"""Writes the validation storm dev21 (tests/data/incidents_storm_dev21.jsonl): a snowmelt day in Южно-Сахалинск.

An April weekday of snowmelt; minute 0 is 10:00 local (Asia/Sakhalin), the storm lasts eight hours (0–480). Three
outages of three supplies in three districts, 100 messages each, plus 150 unrelated messages of the same hours:

* `power-south` (electricity), minutes 0–420: at about 10:00 an excavator digging a trench for a new pipe cut a
  cable in Южный. No power on Ухтомского, Железнодорожная, Невельская, Вокзальная: shops and a pharmacy closed, the
  intercoms dead, a lift stuck with people in it (only in the first hour and a half), fridges thawing (from minute
  120 on); how long it has lasted is worked out from the minute.
* `heat-lugovoe` (heating), minutes 40–470: at about 10:40 the boiler house of Луговое stopped (a pump broke, which
  residents learn only from minute 100 on). Radiators cold, cold water from the hot tap, the flats cooling (the
  flat's temperature is worked out from the minute, +21 falling to +15), on Ударная, Больничная, Западная,
  Ключевая; a part of the messages say the old boiler house's chimney is not smoking.
* `water-dalnee` (water), minutes 20–480: meltwater flooded the well pump station of Дальнее. From minute 20 the
  water is cloudy and smells of earth (until about 130), then it is cut off (from about 120 on); from minute 180 a
  tanker brings water and residents ask whether it is drinkable. Streets Горная, Весенняя, Солнечная, Речная.

Each outage has its own bank of 56 wordings, every wording used once before any is used twice and none more than
twice; some are tied to a stretch of minutes (the phases above). Reports are thick at first and thin out; no two
messages of the storm are word for word the same (a repeat gets a resident's addition). Exactly 15 messages of each
outage carry coordinates (near the street), and 22 of the unrelated ones.

150 unrelated (incident null):
* 50 single dwellings on the outages' own streets (30 wordings, each at most twice, at most once per street, at most
  three of one category on one street), each saying it is the resident's own flat or house. A problem that needs the
  supply the street lacks is dated outside that outage: electricity on Южный's four streets only at 421–480, heating
  on Луговое's four streets only at 0–39 or 471–480, water on Дальнее's streets only at 0–19; the other categories at
  any minute. The snowmelt's flooded private cellars are kept out of Дальнее.
* 90 single dwellings of electricity, heating and water elsewhere (54 wordings, each at most twice, the second time
  preferably in another district, at most one per street and wording and two of one category on one street):
  electricity in Центр, Северный, Ново-Александровск; heating in Центр, Ново-Александровск, Хомутово and Южный's Мира,
  Победы, Есенина; water in Северный, Хомутово and Южный's Мира, Победы, Есенина (private-house wordings only in
  Хомутово, flat wordings never there).
* 5 whole buildings without a supply, each alone in its district and category (no other message of that category
  there): electricity in Хомутово and in Луговое (Майская), heating in Северный, water in Центр and in
  Ново-Александровск.
* 5 others: puddles and a flooded road from the snowmelt (one in Дальнее), a pothole, dark street lamps.

All houses, flats, landmarks and coordinates are made up; written for this repository, no third-party data.

    python3 -m tools.incident_storm_dev21      # from the worktree root
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, Street, location, numbered, street, write

SEED = 21017
PREFIX = "s21"
SPAN = 480
OUTAGE_COUNT = 100
OUTAGE_LOCATED = 15
NOISE_LOCATED = 22


@dataclass(frozen=True)
class Wording:
    text: str
    lo: int = 0
    hi: int = SPAN


def w(text: str, lo: int = 0, hi: int = SPAN) -> Wording:
    return Wording(text, lo, hi)


# One letter off, as residents type in a hurry.
TYPOS: dict[str, tuple[str, ...]] = {
    "Ухтомского": ("Ухтомскаго", "Ухтомсково"),
    "Железнодорожная": ("Железнодорожня", "Жележнодорожная"),
    "Невельская": ("Невелская", "Невельсая"),
    "Вокзальная": ("Вакзальная", "Вокзальня"),
    "Ударная": ("Ударня", "Удраная"),
    "Больничная": ("Больнчная", "Бальничная"),
    "Западная": ("Запдная", "Западня"),
    "Ключевая": ("Ключивая", "Клчевая"),
    "Горная": ("Горнная", "Горня"),
    "Весенняя": ("Весеняя", "Весенная"),
    "Солнечная": ("Солничная", "Солнечня"),
    "Речная": ("Речьная", "Рчная"),
}


def _adj(nominative: str) -> Street:
    """A feminine adjective street: «Невельская» → «на Невельской», «по Невельской»."""
    stem = nominative[:-2]
    ending = "ей" if nominative.endswith("яя") else "ой"
    return street(nominative, stem + ending, stem + ending)


def _name(nominative: str) -> Street:
    """A street named in the genitive (Ленина, Мира): the same in every case."""
    return street(nominative)


def _streets(names: tuple[str, ...]) -> tuple[Street, ...]:
    return tuple(_adj(n) if n.endswith(("ая", "яя")) else _name(n) for n in names)


# Made-up centres of the districts (not surveyed; near enough for a map pin).
DISTRICT_CENTRES: dict[str, tuple[float, float]] = {
    "Южный": (46.92350, 142.74120),
    "Луговое": (46.99400, 142.70210),
    "Дальнее": (46.88800, 142.69350),
    "Центр": (46.95900, 142.73800),
    "Северный": (46.97600, 142.73000),
    "Хомутово": (46.91800, 142.79000),
    "Ново-Александровск": (47.02000, 142.72000),
}
DISTRICT_STREETS: dict[str, tuple[str, ...]] = {
    "Южный": ("Ухтомского", "Железнодорожная", "Невельская", "Вокзальная"),
    "Южный-прочие": ("Мира", "Победы", "Есенина"),
    "Луговое": ("Ударная", "Больничная", "Западная", "Ключевая"),
    "Дальнее": ("Горная", "Весенняя", "Солнечная", "Речная"),
    "Центр": ("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная", "Курильская", "Дзержинского",
              "Хабаровская", "Карла Маркса", "Емельянова"),
    "Северный": ("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова", "Поповича", "Комарова",
                 "Физкультурная", "Амурская", "Бумажная"),
    "Хомутово": ("Новая", "Центральная", "Зелёная", "Озёрная"),
    "Ново-Александровск": ("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая",
                           "Заводская", "Садовая", "Полевая"),
}


def street_centre(district: str, name: str) -> tuple[float, float]:
    """A made-up point of a street: its district's centre moved by a fixed small step per street."""
    base = DISTRICT_CENTRES[district.split("-прочие")[0]]
    index = sum(map(ord, name)) % 9
    return (round(base[0] + (index % 3 - 1) * 0.0035, 5), round(base[1] + (index // 3 - 1) * 0.0045, 5))


# ---------------------------------------------------------------------------------------------------------------
# The outages' phrase banks. Placeholders: {addr} a street and house in one of residents' forms, {nom} the street's
# name, {loc} its form after «на», {po} after «по», {h} a house («5», «5а», «5/1», «5к2», «5 корп 1»), {kv} a flat,
# {in_d} «в Южном»-like, {d} the district's bare name, {dur} how long it has lasted, {since} when it began, {clock}
# the local time, {temp} the flat's temperature (heating), {coords} coordinates or a map link.
# ---------------------------------------------------------------------------------------------------------------

POWER_TEXTS = (
    w("свет дайте!!!"),
    w("{addr} нет света с 10 утра"),
    w("на {loc} света нет уже {dur}, когда дадут?", 30),
    w("Здравствуйте. Проживаю по адресу {adr}, кв. {kv}. С 10:00 отсутствует электроснабжение во всём доме и, как "
      "говорят соседи, на всей улице. Прошу сообщить причину отключения и сроки восстановления. Заранее спасибо."),
    w("У нас {in_d} экскаватор порвал кабель, копали под новую трубу. Весь район без света!!"),
    w("В нашем доме застрял лифт с людьми, света нет! {addr}, третий подъезд. Срочно!!!", 0, 90),
    w("ЛЮДИ В ЛИФТЕ СИДЯТ!!! {nom} {h} света нет, лифт встал между этажами, вызывайте аварийку", 0, 80),
    w("аптека на {loc} закрыта, света нет, а мне лекарства маме нужны. когда включат?"),
    w("Магазины по {po} все закрыты, кассы не работают, свет вырубили. Что случилось?"),
    w("Э/э нет по {po} {dur}. Холодильник течёт, продукты пропадают. Кто возместит?", 120),
    w("эл-во когда будет??? {nom} {h}"),
    w("Видела сама: на {loc} у стройки экскаватор зацепил кабель, заискрило и всё погасло. Это в 10 утра было."),
    w("света нееееет 😡😡😡 {d}"),
    w("Отключение электроэнергии, {addr}. Сколько можно ждать? Уже {dur}!", 60),
    w("Подскажите, {in_d} авария на ТП? У нас на {loc} света нет"),
    w("Полный блэкаут на Вокзальной и Невельской, сидим без света с утра"),
    w("Что со светом в Южном? {coords}"),
    w("Добрый день! Обращаюсь по поводу отсутствия электроэнергии по адресу: ул. {nom}, дом {h}, кв {kv}. Отключили "
      "без предупреждения около 10 часов. В квартире лежачий больной, нужен концентратор кислорода. Прошу срочно "
      "принять меры!!!"),
    w("у нас опять света нет. это уже невозможно"),
    w("Холодильники текут, мясо потекло, {dur} без электричества на {loc}. УК говорит не их вопрос, звоните в сети.",
      120),
    w("Это копатели кабель перерубили у вокзала? Когда починят?"),
    w("В магазине у остановки «Железнодорожная» продавцы в темноте сидят, касса не пробивает. Когда дадут ток?"),
    w("На {loc} {h} нет электричества. Подъезд 2. Лифт не работает, пожилые не могут спуститься"),
    w("Когда дадут свет в Южном???"),
    w("Ухтомского тоже без света, подтверждаю"),
    w("{addr} — света нет, связь садится, телефон на 10%. Напишите хоть сроки", 60),
    w("ребят у кого на {loc} свет есть? у нас нету с утра"),
    w("Света нет {dur}, детей со школы на {loc} отпустили домой, а дома тоже темно", 60),
    w("Около поликлиники в Южном всё без света, светофоры не работают"),
    w("Подстанция на Невельской гудела, а теперь тишина и света нет. Это из-за стройки?"),
    w("Вот здесь кабель порвали: {coords} Свет когда включат?"),
    w("Администрация, вы вообще в курсе, что пол-района без света? {d}, {dur}", 60),
    w("{in_d} без эл-ва с 10:00, ничего не работает, ни лифт ни домофон"),
    w("Домофон не работает, дверь не открыть, света нет. {addr}"),
    w("Раб. день сорван, офис на {loc} без электричества, комп. не работают. Сроки???"),
    w("на жд {h} нет света"),
    w("СВЕТ!!! ДАЙТЕ!!! СВЕТ!!! {nom}"),
    w("Сосед говорит, экскаватором кабель порвали на {loc}. Правда? когда восстановят"),
    w("Здравствуйте, у нас в доме {h} по {po} с утра нет электроэнергии, в подъезде темно, лифт стоит. Просим "
      "разобраться."),
    w("аптека закрыта, магазин закрыт, банкомат не работает. {d} вымер без света"),
    w("Без света {dur}, у ребёнка небулайзер не работает. {addr}, кв.{kv}. Помогите!", 45),
    w("Электричество вообще собираются давать? {nom} {h}", 120),
    w("Холодильник разморозился, вода по всей кухне. Нет света на {loc} с 10 утра", 150),
    w("скока можно без света сидеть?? {dur} уже", 60),
    w("Когда устранят порыв кабеля в районе {po}?"),
    w("Вокзальная {h} света нет"),
    w("на Невельской до сих пор нет света, {clock}", 180),
    w("Лифт встал, соседка с ребёнком застряла, МЧС вызвали. Свет вырубило по всему Южному", 0, 90),
    w("э/э отсутствует: {nom}, {h}. Прошу сообщить сроки."),
    w("у нас света нет, магазин внизу закрылся, продавщица сказала кабель порвали"),
    w("{coords} тут света нет с утра"),
    w("Опять копают и опять рвут кабели. Кто ответит за испорченные продукты? {d}, {nom}", 180),
    w("света нет на {loc}. включите пожалуйста, у нас дети маленькие"),
    w("{addr}: света нет уже {dur}, а никто ничего не говорит", 120),
    w("В кафе на Железнодорожной всё выкидывают, холодильные камеры потекли. Когда дадут свет?", 150),
    w("Светофор у вокзала не работает, машины едут как попало, и света нет во всех домах вокруг"),
)

HEAT_TEXTS = (
    w("батареи холодные! {addr}"),
    w("{in_d} котельная встала, батареи ледяные, горячей воды нет"),
    w("Здравствуйте. По адресу {adr}, кв. {kv}, с утра перестали греть радиаторы отопления и отсутствует горячее "
      "водоснабжение. Прошу сообщить причину и срок устранения."),
    w("на {loc} нет отопления и ГВС"),
    w("г/в нет, батареи холодные, {nom} {h}"),
    w("из горячего крана течёт холодная, батареи еле тёплые. {d}", 40, 200),
    w("Труба старой котельной не дымит с утра, это котельная стоит? У нас на {loc} батареи остыли"),
    w("Котельная в Луговом не работает? Дым из трубы не идёт"),
    w("В квартире уже +{temp}, дети в куртках сидят. {addr}", 200),
    w("холодно в квартире!!! отопления нет {dur}", 120),
    w("Говорят, насос на котельной сломался. Когда починят? {nom} {h}", 100),
    w("ГВС отсутствует по {po} {dur}", 90),
    w("отопление дайте!!! замерзаем на {loc}", 150),
    w("Батареи ледяныыые, горячей воды нет, сколько это будет продолжаться? {d}"),
    w("Ни гор. воды, ни отопления. {nom} д{h}"),
    w("Почему {in_d} опять холодные батареи? Апрель, но ночью ещё минус"),
    w("у нас в доме батареи холодные с обеда", 180),
    w("Обращение. Я, житель дома {h} по улице {nom}, сообщаю, что с {since} в квартире нет отопления, температура в "
      "комнатах опустилась до +{temp}. В квартире двое маленьких детей. Требую срочно восстановить теплоснабжение.",
      180),
    w("{in_d} котельная не работает? в квартире +{temp}", 150),
    w("Горячей воды нет, ребёнка не искупать. {addr}"),
    w("ТРУБА НЕ ДЫМИТ! Котельная стоит! Луговое замерзает!", 120),
    w("Где горячая вода на {loc}???"),
    w("ЦТП у школы на Ударной гудит, а тепла нет. Что случилось?"),
    w("Радиаторы остыли, из крана г/в течёт холодная. {nom} {h}, кв {kv}"),
    w("батареи холодные {dur}. ау, администрация", 120),
    w("Хочу узнать, когда дадут отопление на {loc}? Пожилая мама мёрзнет", 90),
    w("{coords} здесь нет отопления и горячей воды"),
    w("Старая котельная у больницы не дымит, а у нас дома холод. Это связано?"),
    w("Отопление отключили без предупреждения! {addr}"),
    w("В нашем доме холодно, батареи как лёд. Звонили в УК, говорят котельная встала", 90),
    w("Когда запустят котельную в Луговом? Уже {dur}", 120),
    w("ГВС и отопления нет на Западной и Ключевой. Что с котельной?"),
    w("Дома +{temp}, обогреватели включили, пробки выбивает. {nom} {h}", 240),
    w("горячую воду верните!!!"),
    w("у нас в Луговом батареи холодные, а в новостях ничего"),
    w("Смотрю в окно на {loc} — труба котельной не дымит с утра. В квартире холодает.", 90),
    w("{nom} {h} нет тепла"),
    w("Уважаемая администрация! Сегодня с {since} в доме {h} по {po} отсутствует отопление и горячая вода. Слышала, "
      "что на котельной сломался насос. Прошу сообщить, когда будет устранена авария и будет ли перерасчёт.", 100),
    w("Возле поликлиники на Больничной во всех домах батареи холодные, горячей воды нет"),
    w("Когда тепло дадут?? {d}, {nom}"),
    w("Батареи холодные, в кранах горячей нет, в подъезде холодина. {addr}"),
    w("чё с котельной? насос опять??", 100),
    w("С горячего крана идёт только холодная вода уже {dur}. {nom}, {h}", 90),
    w("Мы на Ударной замерзаем, детей укутали в одеяла, в квартире +{temp}", 200),
    w("У нас в доме г/в нет и батареи остыли. Ключевая"),
    w("Нет отопления {dur}! Безобразие!", 90),
    w("Здравствуйте, почему нет горячей воды на {loc}? Без предупреждения отключили"),
    w("Отопление на {loc} {h} когда включат? {clock} уже, а батареи холодные", 180),
    w("{in_d} котельная сдохла что ли? 🥶🥶🥶"),
    w("Котельная не дымит, батареи не греют, ГВС нет. Западная {h}"),
    w("Батарея в детской ледяная, и во всём доме так же. {addr}, кв. {kv}"),
    w("Квартира остывает, уже +{temp}. {d}, {nom}", 200),
    w("Почему тишина про котельную в Луговом? Люди мёрзнут!", 150),
    w("нету гор воды и отопл. {nom} {h}"),
    w("В магазине у остановки на Больничной продавцы в пуховиках, батареи ледяные, говорят котельная встала"),
    w("{coords} батареи холодные, горячей воды нет. Сколько ждать?"),
)

WATER_TEXTS = (
    w("вода из крана мутная и пахнет землёй. {addr}", 0, 130),
    w("Что с водой в Дальнем? Мутная, воняет землёй", 0, 140),
    w("опять воды нет", 120),
    w("Здравствуйте. По адресу {adr} из крана идёт вода мутного цвета с запахом земли. Можно ли её пить? Прошу "
      "проверить качество воды.", 0, 130),
    w("Вода жёлтая с песком, на {loc}", 0, 130),
    w("ХВС нет с обеда на {loc}", 150),
    w("хол. воды нет {dur}, {nom} {h}", 150),
    w("Насосную в Дальнем затопило талой водой, поэтому воды нет? Когда дадут?", 120),
    w("Водовозка приехала на {loc}, эту воду можно пить или только техническая?", 180),
    w("Воду из бочки пить можно? У нас дети. {d}", 180),
    w("ВОДЫ НЕТ!!! {nom} {h}", 120),
    w("Сначала шла мутная, теперь вообще ничего не идёт. {addr}", 150),
    w("{in_d} вода пахнет землёй, кто-нибудь знает, что случилось?", 0, 130),
    w("Помыть руки нечем, воды нет {dur}. Весенняя", 150),
    w("Обращение. Проживаю: ул. {nom}, д. {h}, кв. {kv}. С утра холодная вода шла мутной, с землистым запахом, а "
      "около полудня подача прекращена полностью. Прошу сообщить сроки и организовать подвоз питьевой воды.", 150),
    w("Где водовоз? Обещали к обеду, на {loc} до сих пор нет", 200),
    w("на {loc} х/в нет", 120),
    w("Вода коричневая, стирать нельзя, {nom} {h}", 0, 130),
    w("Речка разлилась, насосную затопило, говорят. Воды {in_d} не будет до вечера?", 120),
    w("Подскажите, цистерна у школы на Горной — вода питьевая?", 180),
    w("Без воды {dur}. {d}, {nom}", 150),
    w("{in_d} нет воды, туалет не смыть, кошмар", 120),
    w("воду дайте!!!", 120),
    w("{coords} вода мутная, пахнет землёй", 0, 130),
    w("{coords} воды нет", 120),
    w("Солнечная {h} нет холодной воды", 120),
    w("У кого на Речной есть вода? У нас из крана ни капли", 120),
    w("Воняет землёй вода. Это нормально?? {addr}", 0, 130),
    w("Привезли воду в бочке на {loc}, а она тоже с запахом. Её кипятить надо?", 180),
    w("Водовозка стоит у магазина на Солнечной. А когда будет нормальная вода в кранах?", 180),
    w("Мутная вода с утра, потом кран зашипел и всё. {nom}, {h}", 130),
    w("Нет воды в нашем доме и во всём Дальнем. Сколько ещё ждать?", 150),
    w("Вода не идёт уже {dur}, у нас лежачая бабушка. {addr}, кв {kv}", 180),
    w("ХВС: мутная, с песком, запах. {nom} {h}", 0, 130),
    w("Почему без предупреждения отключили воду на {loc}?", 120),
    w("Талой водой насосную залило, а мы теперь без воды сидим. Администрация, что делаете?", 150),
    w("у нас в дальнем вода грязная", 0, 140),
    w("в нашем доме нет воды", 120),
    w("Из бочки воду набрали, она питьевая? Чайник можно? {d}", 180),
    w("Горная {h} кв {kv} — воды нет, сантехник УК сказал, авария на насосной", 130),
    w("Дайте воду на {loc}!!!", 120),
    w("Какой-то ужас, вода цвета чая и пахнет сыростью. Весенняя {h}", 0, 130),
    w("Водоснабжение отсутствует {dur}. Прошу организовать подвоз воды на {loc}", 150),
    w("Вода появилась на 5 минут, мутная, и опять пропала. {nom}", 200),
    w("Магазин у остановки на Речной закрылся, воды нет, туалет не работает", 150),
    w("воды нетууу 😭 {d}", 120),
    w("Можно ли пить воду из водовозки на Речной? На ней написано «техническая»", 180),
    w("Уже {clock}, а воды так и нет", 240),
    w("Затопило насосную? Почему не откачивают? {in_d} весь день без воды", 300),
    w("вода пошла мутная, пахнет сырой землёй, кипятить? {nom} {h}", 0, 130),
    w("На {loc} вода с песком, фильтр за час забился", 0, 140),
    w("Здравствуйте! Сообщаю, что в доме {h} по {po} нет холодного водоснабжения. Утром вода была мутная и с "
      "запахом. Когда восстановят подачу и когда будет подвоз воды?", 150),
    w("сколько можно без воды??? {dur} уже", 180),
    w("Где взять питьевую воду в Дальнем? Магазин у рынка всю воду распродал", 200),
    w("Насосная у речки в воде стоит, видел сам. Отсюда и вода грязная. {coords}", 60),
    w("Водовоз уехал с Горной, половина не набрала. Когда ещё привезут?", 240),
)


@dataclass(frozen=True)
class Outage:
    label: str
    district: str
    in_forms: tuple[str, ...]
    bare_forms: tuple[str, ...]
    since_forms: tuple[str, ...]
    texts: tuple[Wording, ...]
    first_minute: int
    last_minute: int
    began: int  # the minute the residents' trouble began ({dur} counts from it)
    cut: int | None = None  # water: the minute the supply was cut ({dur} counts from it after it)


OUTAGES = (
    Outage("power-south", "Южный", ("в Южном", "в мкр. Южный", "в Южном районе", "в южном"),
           ("Южный", "мкр Южный", "южный"), ("10:00", "10 утра", "утра"), POWER_TEXTS, 0, 420, 0),
    Outage("heat-lugovoe", "Луговое", ("в Луговом", "в Луговом районе", "в луговом"),
           ("Луговое", "луговое", "пл. р-н Луговое"), ("утра", "10:40", "11 часов"), HEAT_TEXTS, 40, 470, 40),
    Outage("water-dalnee", "Дальнее", ("в Дальнем", "в с. Дальнее", "в дальнем"),
           ("Дальнее", "с. Дальнее", "дальнее"), ("утра", "полудня"), WATER_TEXTS, 20, 480, 20, cut=120),
)


def house(rng: random.Random) -> str:
    n = rng.choice([rng.randint(1, 12), rng.randint(1, 48)])
    return rng.choice([str(n)] * 5 + [f"{n}а", f"{n}/1", f"{n}к2", f"{n} корп 1", f"{n}б"])


def address(rng: random.Random, s: Street, h: str, bare: bool = False) -> str:
    """A street and house in one of the ways residents write them (now and then one letter off); `bare`: without a
    preposition (after «по адресу»)."""
    nom = s.nominative
    if nom in TYPOS and rng.random() < 0.1:
        nom = rng.choice(TYPOS[nom])
    forms = [f"ул. {nom} {h}", f"ул.{nom}, {h}", f"{nom}, д.{h}", f"{nom} {h}", f"ул {nom} д {h}",
             f"дом {h} по ул. {s.genitive}", f"на {s.locative} {h}", f"{nom} д. {h}", f"улица {nom}, дом {h}",
             f"по {s.genitive} {h}", f"{nom} д{h}", f"{nom.lower()} {h}"]
    if h.isdigit():
        forms.append(f"{nom}{h}")
    if bare:
        forms = [form for form in forms if not form.startswith(("на ", "по ", "дом "))]
    return rng.choice(forms)


def coords_text(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = centre[0] + rng.uniform(-0.0015, 0.0015)
    lon = centre[1] + rng.uniform(-0.0015, 0.0015)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17",
                       f"https://2gis.ru/geo/{lon:.6f},{lat:.6f}", f"geo:{lat:.5f},{lon:.5f}",
                       f"координаты {lat:.4f} {lon:.4f}"])


def hours(n: int) -> str:
    if n % 10 == 1 and n != 11:
        return f"{n} час"
    return f"{n} часа" if n % 10 in (2, 3, 4) and n not in (12, 13, 14) else f"{n} часов"


ORDINAL_HOURS = ("первый", "второй", "третий", "четвёртый", "пятый", "шестой", "седьмой", "восьмой", "девятый")


def duration(rng: random.Random, elapsed: int) -> str:
    """How long it has lasted, in a resident's words."""
    if elapsed < 25:
        return f"{max(10, elapsed // 5 * 5)} минут"
    if elapsed < 45:
        return rng.choice(["полчаса", f"{elapsed // 5 * 5} минут"])
    if elapsed < 60:
        return rng.choice(["почти час", "около часа"])
    if elapsed < 90:
        return rng.choice(["час", "больше часа", "второй час"])
    whole = elapsed // 60
    return rng.choice([hours(round(elapsed / 60)), f"{ORDINAL_HOURS[whole]} час",
                       f"больше {whole} часов" if whole > 1 else "больше часа"])


def clock(minute: int) -> str:
    return f"{10 + minute // 60}:{minute % 60:02d}"


def polish(rng: random.Random, text: str) -> str:
    """Residents' manner: lower case, ё as е, extra marks; one space between words."""
    if rng.random() < 0.12:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.replace("ё", "е")
    if rng.random() < 0.1:
        text = text.rstrip(".!") + rng.choice(["!!!", "??", "!!", " …", ")))"])
    return " ".join(text.split())


def fill(rng: random.Random, template: str, district: str, s: Street, minute: int,
         extra: dict[str, str]) -> str:
    h = house(rng)
    values = {"addr": address(rng, s, h), "adr": address(rng, s, h, bare=True), "nom": s.nominative,
              "loc": s.locative, "po": s.genitive, "h": h,
              "kv": str(rng.randint(1, 180)), "house": str(rng.randint(1, 60)), "clock": clock(minute),
              "coords": coords_text(rng, street_centre(district, s.nominative)), **extra}
    return polish(rng, template.format(**values))


def skewed_minute(rng: random.Random, lo: int, hi: int) -> int:
    """Thick at first, thinning out."""
    return lo + int((hi - lo + 1) * rng.random() ** 1.5)


def outage_lines(rng: random.Random, outage: Outage) -> list[dict[str, Any]]:
    texts = list(outage.texts)
    order = rng.sample(texts, len(texts)) + rng.sample(texts, OUTAGE_COUNT - len(texts))
    located = set(rng.sample(range(OUTAGE_COUNT), OUTAGE_LOCATED))
    streets = _streets(DISTRICT_STREETS[outage.district])
    lines = []
    for index, wording in enumerate(order):
        lo, hi = max(outage.first_minute, wording.lo), min(outage.last_minute, wording.hi)
        minute = skewed_minute(rng, lo, hi)
        began = outage.cut if outage.cut is not None and minute >= outage.cut + 20 else outage.began
        s = rng.choice(streets)
        extra = {"in_d": rng.choice(outage.in_forms), "d": rng.choice(outage.bare_forms),
                 "since": rng.choice(outage.since_forms), "dur": duration(rng, minute - began),
                 "temp": str(max(15, round(21 - (minute - outage.began) / 65)))}
        text = fill(rng, wording.text, outage.district, s, minute, extra)
        centre = street_centre(outage.district, s.nominative)
        lines.append({"minutes": minute, "channel": rng.choice(CHANNELS), "text": text,
                      "location": location(rng, centre, 0.0015, share=1.0) if index in located else None,
                      "incident": outage.label})
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Unrelated messages: one dwelling's problem each, then whole buildings and the rest.
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Single:
    category: str  # "electricity", "heating", "water"
    text: str
    kind: str = "flat"  # "flat" (a block of flats) or "house" (a private house)
    cellar: bool = False  # the snowmelt in a private cellar: kept out of Дальнее


def e(text: str, kind: str = "flat") -> Single:
    return Single("electricity", text, kind)


def h(text: str, kind: str = "flat") -> Single:
    return Single("heating", text, kind)


def wt(text: str, kind: str = "flat", cellar: bool = False) -> Single:
    return Single("water", text, kind, cellar)


OWN_STREET_TEXTS = (
    e("В квартире искрит розетка на кухне, страшно включать. {addr}, кв. {kv}. У соседей всё нормально."),
    e("у меня в квартире выбивает автомат, когда включаю чайник. {nom} {h}. электрика пришлите"),
    e("Розетка в комнате почернела и искрит, только у меня в квартире. {addr}"),
    e("В квартире {kv} моргает свет и пахнет горелой проводкой, у соседей всё в порядке. {nom}, {h}"),
    e("В моей квартире нет света, а в подъезде и у соседей есть. Наверное, щиток. {addr}, кв {kv}"),
    e("Выключатель в ванной искрит, {nom} {h} кв {kv}. Куда обращаться?"),
    e("Перегорела проводка в квартире, нет света только в одной комнате. {addr}, кв. {kv}"),
    e("Электросчётчик в квартире задымил и отключился. {nom} {h}, кв {kv}. У соседей свет есть."),
    e("Розетку в коридоре выбило вместе с проводом, искры летели. Квартира {kv}, {addr}"),
    wt("Капает кран на кухне, прокладку поменять некому. {addr}, кв. {kv}"),
    wt("Соседи сверху заливают!!! {nom} {h}, кв {kv}, вода по стене течёт, дверь не открывают"),
    wt("Бачок унитаза течёт постоянно, счётчик крутится. {addr}, кв {kv}"),
    wt("Подвал частного дома затопило талой водой, {nom} {house}. Насос не справляется, помогите откачать",
       "house", cellar=True),
    wt("У меня в квартире сорвало кран под раковиной, перекрыли воду. {addr}, кв {kv}"),
    wt("Течёт кран холодной воды в ванной, только у меня. {nom} {h}, кв. {kv}"),
    wt("нас топит сверху, кв {kv}, {addr}. сосед уехал, ключей нет"),
    wt("В погребе частного дома по {po} {house} вода по колено от таяния снега. Что делать?", "house", cellar=True),
    wt("Труба холодной воды в туалете потекла, только у нас. {nom} {h} кв {kv}"),
    wt("Соседка сверху затопила ванную, потолок мокрый. {addr}, кв. {kv}"),
    wt("Талая вода зашла в подпол моего дома на {loc}, {house}. Вода прибывает", "house", cellar=True),
    h("Течёт батарея в комнате, подставили тазик. {addr}, кв. {kv}. Только у нас."),
    h("Подтекает радиатор в квартире {kv}, {nom} {h}. УК не отвечает"),
    h("У меня в спальне одна батарея холодная, остальные горячие. Воздух? {addr}, кв {kv}"),
    h("Полотенцесушитель течёт, залили ванную. {nom}, д.{h}, кв.{kv}"),
    h("Кран Маевского сорвало, батарея брызжет! {addr} кв {kv}"),
    h("Батарея на кухне капает из соединения, только в нашей квартире. {nom} {h}, кв {kv}"),
    h("Стояк отопления в квартире течёт на стыке, лужа на полу. {nom} {h}, кв {kv}"),
    h("В квартире {kv} сильно шумит и подтекает батарея. {addr}"),
    h("Поменяли батарею в квартире, теперь она течёт снизу. {addr}, кв. {kv}"),
    h("В моей квартире радиатор горячий только сверху, у соседей нормально. {nom}, {h}, кв {kv}"),
)

OTHER_TEXTS = (
    e("В квартире выбивает пробки каждые полчаса. {addr}, кв. {kv}"),
    e("У меня в квартире нет света, в подъезде есть. {addr} кв {kv}. Что делать?"),
    e("Искрит розетка в детской!! {nom} {h}, кв {kv}"),
    e("Свет в квартире моргает весь день, лампочки перегорают. {addr}, кв {kv}"),
    e("Пахнет палёной проводкой в квартире, вызвала электрика УК, не идёт. {nom}, д. {h}, кв. {kv}"),
    e("Счётчик эл-ва в квартире щёлкает и отключается. {addr}"),
    e("низкое напряжение в квартире, холодильник не запускается. {nom} {h} кв {kv}"),
    e("Обгорел провод в распредкоробке у нас в квартире, половина розеток не работает. {addr}"),
    e("В квартире {kv} по {po} {h} выбило автомат и не включается обратно"),
    e("Электрик УК обещал прийти третий день, розетка болтается и искрит. {nom} {h}, кв {kv}"),
    e("Свет на кухне есть, в комнате нет. Квартира {kv}, {addr}"),
    e("Из розетки дым пошёл, обесточили квартиру сами. {nom}, {h}, кв. {kv}. Нужен электрик"),
    e("у меня лампы мигают и гудит щиток на площадке, только наша квартира. {addr}"),
    e("В ванной кран бьётся током, это проводка? {nom} {h} кв {kv}"),
    e("После ремонта соседа у меня в квартире пропал свет в двух комнатах. {nom} {h}, кв {kv}"),
    e("Вилка плавится в розетке, в квартире {kv} по адресу {adr}. Боимся пожара"),
    e("Автомат в щитке нашей квартиры греется и пахнет. {nom}, д.{h}"),
    e("эл-во в квартире то есть то нет, у соседей норм. {addr} кв{kv}"),
    h("Течёт батарея в зале, {addr}, кв. {kv}"),
    h("Одна батарея в спальне холодная, остальные горячие. {nom} {h} кв {kv}"),
    h("Полотенцесушитель холодный только у нас, у соседей горячий. {addr}, кв {kv}"),
    h("Из крана Маевского свистит и капает. {nom}, д.{h}, кв.{kv}"),
    h("В квартире жарко как в бане, батареи не регулируются. {addr}, кв {kv}"),
    h("Горячая вода в квартире еле тёплая, у соседей нормальная. {nom} {h} кв {kv}"),
    h("Батарея на кухне подтекает на стыке, подставили ведро. {addr}, кв {kv}"),
    h("Стояк отопления в ванной шумит и стучит, спать невозможно. {nom} {h}, кв {kv}"),
    h("В угловой комнате батарея чуть тёплая, стена мокрая. {addr}, кв. {kv}"),
    h("Сорвало вентиль на батарее, кипяток на полу!!! {nom} {h} кв {kv}"),
    h("Только в моей квартире нет горячей воды, смеситель новый. {addr}"),
    h("Радиатор ржавый, капает под подоконником. {nom}, {h}, кв {kv}"),
    h("ГВС в квартире идёт ржавая, только у нас так. {addr} кв {kv}"),
    h("Батарея в детской холодная, УК говорит завоздушена, но не приходят. {nom} {h}, кв. {kv}"),
    h("Котёл в моём частном доме потух и не запускается, в доме холодно. {nom} {house}", "house"),
    h("Потекла труба отопления в частном доме, {nom}, {house}. Куда обращаться?", "house"),
    h("В доме {house} по {po} батареи еле тёплые, котёл не тянет. Только у нас", "house"),
    h("Котёл в доме на {loc}, {house}, течёт, нужна помощь, живу одна, пенсионерка", "house"),
    wt("В квартире нет холодной воды, у соседей есть. {addr}, кв. {kv}"),
    wt("Капает кран, УК не чешется. {nom} {h}, кв {kv}"),
    wt("Сосед сверху затопил, потолок в ванной мокрый. {addr}, кв {kv}"),
    wt("Слабый напор холодной воды только у меня в квартире. {nom} {h}, кв {kv}"),
    wt("Засор канализации в квартире, вода стоит в ванне. {addr}, кв {kv}"),
    wt("Течёт труба ХВС под раковиной, перекрыли кран. {nom}, д. {h}, кв. {kv}"),
    wt("Бачок унитаза течёт, вода шумит день и ночь. {addr}, кв {kv}"),
    wt("Из крана в квартире идёт ржавая вода, у соседей чистая. {nom} {h} кв {kv}"),
    wt("Лопнул шланг стиральной машины, залили соседей снизу. {addr}, кв. {kv}"),
    wt("Счётчик холодной воды течёт. {nom}, {h}, кв. {kv}"),
    wt("В туалете капает с потолка, это сверху. {addr} кв {kv}"),
    wt("Воздух в трубах, кран чихает, только в моей квартире. {nom} {h}, кв {kv}"),
    wt("Х/в в квартире еле капает, у соседей норм напор. {addr}"),
    wt("Прорвало гибкую подводку на кухне, воду перекрыли, нужен сантехник. {nom} {h} кв {kv}"),
    wt("Насос в скважине частного дома сгорел, воды в доме нет. {nom} {house}", "house"),
    wt("Потекла труба от колодца в мой дом, {nom}, {house}. Вода в подполе", "house"),
    wt("В доме {house} по {po} не идёт вода из скважины, только у нас", "house"),
    wt("Подтопило погреб частного дома талой водой, на {loc}, {house}. Нужен насос", "house", cellar=True),
)

# (district, the rule for each category: the minutes a message of it may come, or absent when it may not)
FULL_DAY = ((0, SPAN),)
OWN_STREET_PLAN: tuple[tuple[str, dict[str, tuple[tuple[int, int], ...]], dict[str, int]], ...] = (
    ("Южный", {"electricity": ((421, 480),), "water": FULL_DAY, "heating": FULL_DAY},
     {"electricity": 4, "water": 7, "heating": 6}),
    ("Луговое", {"heating": ((0, 39), (471, 480)), "water": FULL_DAY}, {"heating": 7, "water": 10}),
    ("Дальнее", {"water": ((0, 19),), "electricity": FULL_DAY, "heating": FULL_DAY},
     {"water": 3, "electricity": 8, "heating": 5}),
)
OTHER_PLAN: tuple[tuple[str, str, int], ...] = (
    ("Центр", "electricity", 11), ("Северный", "electricity", 11), ("Ново-Александровск", "electricity", 10),
    ("Центр", "heating", 10), ("Ново-Александровск", "heating", 10), ("Южный-прочие", "heating", 5),
    ("Хомутово", "heating", 6),
    ("Северный", "water", 16), ("Южный-прочие", "water", 5), ("Хомутово", "water", 6),
)

# Whole buildings, each alone in its district and category; and the rest of the day's complaints.
BUILDINGS: tuple[tuple[str, str, str], ...] = (
    ("Хомутово", "Озёрная",
     "Во всём доме {house} на Озёрной нет света, двухэтажка на 8 квартир. У соседних домов свет горит."),
    ("Луговое", "Майская",
     "В доме {h} по Майской нет света ни в одной квартире, соседние дома со светом. Что случилось?"),
    ("Северный", "Пуркаева",
     "Весь дом на Пуркаева {h} без отопления, все стояки холодные, в соседних домах тепло. УК молчит"),
    ("Центр", "Чехова",
     "Во всём доме по Чехова, {h}, нет холодной воды с утра, во всех подъездах. Соседние дома с водой."),
    ("Ново-Александровск", "Молодёжная",
     "В нашем доме ({adr}) нет воды ни в одной квартире, а в соседних есть. Что у нас?"),
)
OTHERS: tuple[tuple[str, str, str], ...] = (
    ("Центр", "Ленина", "Огромная лужа на остановке {loc} от таяния снега, не пройти, машины окатывают"),
    ("Дальнее", "Речная", "Дорогу на Речной затопило талой водой, машины не проедут, ямы не видно"),
    ("Северный", "Комарова", "Яма на дороге по Комарова у {h} дома, пробил колесо. Когда заделают?"),
    ("Ново-Александровск", "Советская", "Не горят фонари на Советской от школы до остановки, темно идти"),
    ("Южный-прочие", "Мира", "Талая вода заливает двор на Мира {h}, из подъезда не выйти"),
)


def minute_in(rng: random.Random, windows: tuple[tuple[int, int], ...]) -> int:
    choices = [minute for lo, hi in windows for minute in range(lo, hi + 1)]
    return rng.choice(choices)


@dataclass
class Ledger:
    """What the unrelated messages have used so far."""

    uses: dict[Single, int]
    districts: dict[Single, set[str]]
    pairs: set[tuple[Single, str]]
    per_street: dict[tuple[str, str], int]


def pick(rng: random.Random, bank: tuple[Single, ...], ledger: Ledger, district: str, category: str,
         street_limit: int) -> tuple[Single, Street]:
    """A wording of `category` (at most twice, the second time preferably elsewhere) and a street of `district`."""
    kind = "house" if district == "Хомутово" else "flat"
    candidates = [s for s in bank if s.category == category and ledger.uses.get(s, 0) < 2
                  and (s.kind == kind or (district in ("Луговое", "Южный") and s.cellar))
                  and not (district == "Дальнее" and s.cellar)]
    candidates.sort(key=lambda s: (ledger.uses.get(s, 0), district in ledger.districts.get(s, set()),
                                   rng.random()))
    streets = list(_streets(DISTRICT_STREETS[district]))
    for single in candidates:
        rng.shuffle(streets)
        for st in streets:
            crowded = ledger.per_street.get((st.nominative, category), 0) >= street_limit
            if (single, st.nominative) in ledger.pairs or crowded:
                continue
            ledger.uses[single] = ledger.uses.get(single, 0) + 1
            ledger.districts.setdefault(single, set()).add(district)
            ledger.pairs.add((single, st.nominative))
            ledger.per_street[(st.nominative, category)] = ledger.per_street.get((st.nominative, category), 0) + 1
            return single, st
    raise ValueError(f"no wording left for {category} in {district}")


def noise_line(rng: random.Random, text: str, district: str, s: Street, minute: int) -> dict[str, Any]:
    return {"minutes": minute, "channel": rng.choice(CHANNELS), "text": fill(rng, text, district, s, minute, {}),
            "location": None, "incident": None, "district": district, "street": s.nominative}


def noise_lines(rng: random.Random) -> list[dict[str, Any]]:
    lines = []
    ledger = Ledger({}, {}, set(), {})
    for district, windows, counts in OWN_STREET_PLAN:
        for category, count in counts.items():
            for _ in range(count):
                single, s = pick(rng, OWN_STREET_TEXTS, ledger, district, category, 3)
                lines.append(noise_line(rng, single.text, district, s, minute_in(rng, windows[category])))
    ledger = Ledger({}, {}, set(), {})
    for district, category, count in OTHER_PLAN:
        for _ in range(count):
            single, s = pick(rng, OTHER_TEXTS, ledger, district, category, 2)
            lines.append(noise_line(rng, single.text, district, s, rng.randint(0, SPAN)))
    for district, name, text in BUILDINGS + OTHERS:
        s = _streets((name,))[0]
        lines.append(noise_line(rng, text, district, s, rng.randint(0, SPAN)))
    for index in rng.sample(range(len(lines)), NOISE_LOCATED):
        line = lines[index]
        lines[index]["location"] = location(rng, street_centre(line["district"], line["street"]), 0.0015, share=1.0)
    for line in lines:
        del line["district"], line["street"]
    return lines


REPEATS = (" Ответьте!", " Сколько можно?", " 😡", " Пишу второй раз.", " Примите меры.", " Ау!", " Когда?")


def main() -> None:
    rng = random.Random(SEED)
    lines = [line for outage in OUTAGES for line in outage_lines(rng, outage)] + noise_lines(rng)
    seen: set[str] = set()
    for line in lines:  # no two messages word for word the same: a repeated one gets a resident's addition
        while line["text"] in seen:
            line["text"] = line["text"] + rng.choice(REPEATS)
        seen.add(line["text"])
    write(DATA / "incidents_storm_dev21.jsonl", numbered(rng, lines, PREFIX))


if __name__ == "__main__":
    main()
