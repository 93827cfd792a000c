"""Writes the thirteenth storm of incident grouping (tests/data/incidents_storm_dev13.jsonl), a validation set.

A frosty night in Южно-Сахалинск, eight hours (minute 0 is 22:00 local). In Ново-Александровск a boiler house stops:
no heating and no hot water on Школьная, Молодёжная, Садовая, Полевая (heating, `heating-novoalexandrovsk`, 105,
minutes 35–440). The same night, in the same district, a power cut on Полевая (the shared street), Зелёная, Новая,
Центральная (electricity, `power-novoalexandrovsk`, 95, minutes 68–335); on the three streets the boiler house does
not heat, houses warmed by boilers and pumps that need electricity, so some residents write that the light and the
heating are both gone (they mean the power cut, and are labelled so); on Полевая after the light is back some write
that the radiators are still cold (they mean the boiler house). In Дальнее a water main bursts: no cold water, then a
weak pressure, then rusty water, on Речная, Горная, Весенняя, Солнечная (water, `water-dalnee`, 100, minutes
20–430). 150 unrelated (label null), in the same hours: 50 single dwellings of the three utilities on the outages'
own streets (a flat's breaker, one cold radiator, a leaking tap; those needing the supply their street lacks are
dated outside that outage's minutes), 90 single dwellings of the three utilities elsewhere, 5 whole buildings without
a supply, each alone in its district and category, and 5 potholes and street lamps. Labels are what each resident
means.

Phrase banks written for this repository by a writer who had read neither the matching, the classifier, nor any
other storm's texts (made-up houses, landmarks and coordinates); no third-party data.

    .venv/bin/python -m tools.incident_storm_dev13
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import DATA, location, numbered, write

SEED = 13017
PREFIX = "s13"
SPAN_MINUTES = 480
CHANNELS = ("vk", "vk", "telegram", "telegram", "ok", "max", "regional")
PORTAL_CHANNELS = ("regional", "regional", "vk", "ok")  # where long, formal letters mostly come from
PORTAL_LENGTH = 170
FROSTS = ("-24", "минус 25", "−23°", "-26!", "минус 27", "-25 градусов")
NUMBER_WORDS = {2: "два", 3: "три", 4: "четыре", 5: "пять", 6: "шесть", 7: "семь"}


@dataclass(frozen=True)
class Place:
    nominative: str  # Школьная, Космонавта Гагарина
    on: str  # на Школьной
    along: str  # по Школьной
    to: str  # на Школьную
    misspelt: str  # one letter off
    adjective: bool  # «на Школьной улице» reads well
    district: str
    centre: tuple[float, float]


def adjective_street(nominative: str, misspelt: str, district: str, centre: tuple[float, float]) -> Place:
    """A street named by an adjective: «Школьная» → на Школьной, по Школьной, на Школьную."""
    stem, soft = nominative[:-2], nominative.endswith("яя")
    locative, accusative = (stem + "ей", stem + "юю") if soft else (stem + "ой", stem + "ую")
    return Place(nominative, f"на {locative}", f"по {locative}", f"на {accusative}", misspelt, True, district,
                 centre)


def named_street(nominative: str, misspelt: str, district: str, centre: tuple[float, float]) -> Place:
    """A street named after a person or an event, the same in every case: на Ленина, по Ленина."""
    return Place(nominative, f"на {nominative}", f"по {nominative}", f"на {nominative}", misspelt, False, district,
                 centre)


NOVO, DALNEE, CENTRE, NORTH, SOUTH, KHOMUTOVO, LUGOVOE = (
    "Ново-Александровск", "Дальнее", "Центр", "Северный", "Южный", "Хомутово", "Луговое")

SHKOLNAYA = adjective_street("Школьная", "Школная", NOVO, (47.0352, 142.7148))
MOLODYOZHNAYA = adjective_street("Молодёжная", "Маладёжная", NOVO, (47.0338, 142.7182))
SADOVAYA = adjective_street("Садовая", "Садавая", NOVO, (47.0321, 142.7160))
POLEVAYA = adjective_street("Полевая", "Палевая", NOVO, (47.0306, 142.7205))
ZELYONAYA = adjective_street("Зелёная", "Зилёная", NOVO, (47.0289, 142.7231))
NOVAYA = adjective_street("Новая", "Навая", NOVO, (47.0275, 142.7198))
TSENTRALNAYA = adjective_street("Центральная", "Центральня", NOVO, (47.0294, 142.7262))
RECHNAYA = adjective_street("Речная", "Речьная", DALNEE, (46.9228, 142.6571))
GORNAYA = adjective_street("Горная", "Гороная", DALNEE, (46.9249, 142.6618))
VESENNYAYA = adjective_street("Весенняя", "Весеняя", DALNEE, (46.9207, 142.6639))
SOLNECHNAYA = adjective_street("Солнечная", "Солнешная", DALNEE, (46.9189, 142.6590))

ELSEWHERE = (
    adjective_street("Таёжная", "Таежная", NOVO, (47.0368, 142.7240)),
    adjective_street("Кедровая", "Кедравая", NOVO, (47.0260, 142.7150)),
    adjective_street("Лесная", "Лестная", DALNEE, (46.9262, 142.6550)),
    adjective_street("Ягодная", "Ягадная", DALNEE, (46.9172, 142.6660)),
    named_street("Ленина", "Ленена", CENTRE, (46.9590, 142.7380)),
    adjective_street("Комсомольская", "Камсомольская", CENTRE, (46.9555, 142.7335)),
    named_street("Пушкина", "Пушкена", CENTRE, (46.9620, 142.7300)),
    adjective_street("Сахалинская", "Сахалиская", CENTRE, (46.9575, 142.7450)),
    named_street("Лермонтова", "Лермантова", CENTRE, (46.9530, 142.7410)),
    named_street("Горького", "Горькова", NORTH, (46.9750, 142.7420)),
    adjective_street("Украинская", "Украиньская", NORTH, (46.9780, 142.7360)),
    named_street("Мира", "Мирра", NORTH, (46.9725, 142.7480)),
    named_street("Победы", "Побед", SOUTH, (46.9380, 142.7480)),
    named_street("Космонавта Гагарина", "Космонавта Гагрина", SOUTH, (46.9420, 142.7390)),
    adjective_street("Железнодорожная", "Железнодоржная", SOUTH, (46.9400, 142.7300)),
    adjective_street("Шоссейная", "Шосейная", KHOMUTOVO, (46.9080, 142.7470)),
    adjective_street("Деповская", "Диповская", KHOMUTOVO, (46.9050, 142.7420)),
    adjective_street("Больничная", "Больничня", LUGOVOE, (46.9880, 142.7010)),
    adjective_street("Транзитная", "Транзиная", LUGOVOE, (46.9910, 142.7080)),
)


def elsewhere(nominative: str) -> Place:
    return next(place for place in ELSEWHERE if place.nominative == nominative)


@dataclass(frozen=True)
class Wording:
    text: str  # placeholders: {addr} {on} {along} {to} {street} {district} {districtname} {mark} {coords} {link}
    #            {since} {elapsed} {frost}
    first: int  # the minutes a resident would write it in
    last: int
    only: tuple[str, ...] = ()  # the streets it is written from, when not every street of its outage


def bank(first: int, last: int, *texts: str, only: tuple[str, ...] = ()) -> tuple[Wording, ...]:
    return tuple(Wording(text, first, last, only) for text in texts)


@dataclass(frozen=True)
class Outage:
    label: str
    category: str
    streets: tuple[Place, ...]
    wordings: tuple[Wording, ...]
    count: int
    began: int  # the supply is lost at this minute …
    ended: int  # … and back at this one
    since: tuple[str, ...]  # «с …»: how residents name the time it began
    district_in: tuple[str, ...]  # «в Дальнем»
    district_names: tuple[str, ...]  # «Дальнее»
    landmarks: tuple[str, ...]  # «возле школы»: the outage's area named by what stands there


HEATING_WORDINGS = (
    bank(35, 440,
         "{addr} нет отопления",
         "Нет отопления {on}. Батареи ледяные",
         "отопления нет {addr}, и горячей воды тоже",
         "{district} котельная встала?? батареи холодные, ГВС нет",
         "Здравствуйте! Проживаю по адресу {addr}. С {since} отсутствует отопление и горячее водоснабжение. "
         "На улице мороз {frost}, в квартире уже +15 и продолжает остывать. Прошу сообщить, когда будет "
         "восстановлена подача тепла.",
         "ХОЛОДНООО 🥶🥶 {on} батареи как лёд",
         "у нас батареи холодные и гвс нет, {street}",
         "Когда дадут тепло {to}???",
         "{districtname}, {street}. Нет отопления с вечера, дети мёрзнут",
         "Опять котельная?! {on} ни тепла ни горячей воды 😡",
         "{addr}: батареи остыли, из горячего крана идёт холодная",
         "УК говорит котельная встала. {addr}. Сколько ждать?",
         "Батареи холодные, {addr}. Мороз {frost}!!!",
         "без отопления {on}, пожилые люди, маленькие дети, мороз. Примите меры!",
         "Уважаемая администрация! Мы, жители дома {addr}, остались без отопления и горячей воды в сильный "
         "мороз. Дозвониться в управляющую компанию и в котельную невозможно. Просим срочно принять меры и "
         "сообщить сроки.",
         "нет тепла {addr} 🥶",
         "тепло отключили {on}? батареи ледяные",
         "У нас дома холодно, батареи не греют. {districtname}",
         "у нас отопление пропало и горячей воды нет. сделайте что нибудь",
         "У нас опять без тепла!!! сколько можно",
         "{mark} — все дома без отопления",
         "Дома {mark} без отопления и без горячей воды",
         "{coords} — тут нет отопления и горячей воды",
         "Нет отопления. Моё местоположение: {link}",
         "гвс и отопление отсутствуют {addr}",
         "ГВС нет, батареи холодные. {addr}. Прошу разобраться",
         "Тепло когда будет? {district}",
         "{district} нет отопления, котельная не работает!!",
         "Почему в мороз {frost} целый район без тепла?! {district}",
         "ОТОПЛЕНИЯ НЕТ!!! {addr}",
         "в квартире +14, батареи холодные, {addr}. У нас грудной ребёнок, помогите",
         "горячей воды нет и батареи не греют {along} вся улица",
         "на улице {frost}, а батареи холодные, {on} все дома так",
         "батарейки холодные, у всех соседей так же, {addr}",
         "Будет ли тепло сегодня? {on}",
         "Дайте тепло!!! {addr}",
         "Требую восстановить отопление! {addr}",
         "Когда запустят котельную?",
         "котельная в Ново-Александровске встала, когда починят?",
         "в ванной горячая не идёт, батареи холодные, {addr}",
         "Объясните, что с котельной? {on} нет тепла и г/в",
         "отопл нет {addr}",
         "тепла нет, {addr}",
         "Замерзаем!!! {addr} 🥶❄️",
         "Где отопление??? {mark}",
         "дома колотун, батареи ледяные, котельная стоит. {districtname}, {street}",
         "кто-нибудь знает, когда котельную запустят? {on} холодина"),
    bank(35, 200,
         "котельная гудела и затихла, потом батареи остыли. {addr}",
         "Батареи остывают с {since}, {addr}. Что случилось?",
         "у нас трубы остывают, из котельной дым не идёт. {district}"),
    bank(150, 440,
         "отопления нет уже {elapsed}, {addr}",
         "{elapsed} без тепла, дома +12. {on}",
         "Спим в куртках. {addr}, отопления нет {elapsed}",
         "Детей увезли к бабушке, дома +13. {addr}. Где отопление?",
         "Сколько ещё ждать тепла? {elapsed} прошло, {district}",
         "Трубы не разморозит? батареи ледяные с вечера, {addr}"),
    bank(380, 440,
         "Батареи чуть тёплые стали или показалось? {on} всё ещё холодно"),
    bank(340, 440,
         "Свет дали, а батареи так и холодные. {addr}",
         "электричество вернули, а отопления всё нет, {on}",
         only=("Полевая",)),
)

POWER_WORDINGS = (
    bank(68, 335,
         "нет света {addr}",
         "Свет отключили {on}, когда дадут?",
         "{addr} нет электричества",
         "Свет вырубило {along} и дальше, вся улица тёмная",
         "э/э нет {addr}",
         "эл-во пропало {on} с {since}",
         "Что со светом {district}??",
         "{district} света нет!!!",
         "Здравствуйте. По адресу {addr} с {since} отсутствует электроснабжение. В доме пожилые люди и "
         "ребёнок, не работают холодильник и насосы. Просим сообщить причину и сроки восстановления.",
         "СВЕТА НЕТ!!! {addr}",
         "свееет когда дадут? {on}",
         "Без света сидим {on}. Дети боятся темноты",
         "нет света у нас",
         "У нас опять свет отключили, сколько можно?!",
         "Темно во всём квартале {mark}",
         "Света нет, координаты {coords}",
         "Нет света вот здесь {link}",
         "телефон садится, света нет с вечера, {addr}",
         "{addr} - э/э отсутствует, в РЭС не дозвониться",
         "Когда включат свет?",
         "Дайте свет! {addr}",
         "Требуем восстановить электроснабжение {along}!",
         "Обесточена вся {street}?? у соседей тоже нет",
         "свет пропал {addr} 😡",
         "💡❌ {addr}",
         "Уважаемые энергетики и администрация! {on} нет электроэнергии с {since}. На улице мороз, в домах "
         "становится холодно. Когда восстановят подачу?",
         "Провод оборвало? {on} темно, фонари тоже не горят",
         "Электричества нет! {districtname}, {street}",
         "отключение электроэнергии {addr}, плановое? никто не предупреждал",
         "Почему нет света {on}? Аварийка не отвечает",
         "у меня свет пропал и у соседей тоже. {addr}",
         "кто знает, когда свет дадут {to}?",
         "Света нет, связь пропадает, вышка видимо тоже без питания. {district}",
         "ЭЭ нет. {addr}",
         "{addr}, нет света с {since}",
         "Темнотаааа 🌑 {on}",
         "{mark} что-то бахнуло, и весь квартал без света"),
    bank(68, 150,
         "на столбе бахнуло и свет погас, {addr}",
         "свет моргнул пару раз и погас, {addr}"),
    bank(160, 335,
         "у нас электричества нет уже {elapsed}",
         "Холодильник потёк, света нет {elapsed}. {addr}",
         "света нет уже {elapsed}, {on} все дома тёмные",
         "без света {elapsed}!!! {on}"),
    bank(68, 335,
         "Нет ни света, ни отопления! {addr}. Котёл без электричества не работает",
         "свет отключили, и батареи остывают — насос стоит. {addr}",
         "{addr}: нет света и тепла, газовый котёл без электричества не запускается",
         "без света и без отопления сидим {on}, частный сектор, котлы электрические",
         "СВЕТА НЕТ, ТЕПЛА НЕТ!!! {addr}",
         "у нас и свет и отопление пропали, {street}",
         "Когда дадут свет? Без него котёл не греет, дома +15. {addr}",
         "нет эл-ва и отопления {on}",
         "Света нет с {since}, отопление через насос — тоже не работает. {addr}",
         only=("Зелёная", "Новая", "Центральная")),
    bank(160, 335,
         "Света нет {elapsed}, дома уже холодно, отопление тоже не работает. {on}",
         "Электричества нет, насосы встали, батареи холодные. {district}",
         only=("Зелёная", "Новая", "Центральная")),
)

WATER_WORDINGS = (
    bank(20, 300,
         "нет воды {addr}",
         "Нет холодной воды {on}",
         "ХВС отсутствует {addr}",
         "воды нет {district}, что случилось?",
         "Прорыв трубы {on}, вода течёт по дороге, а в кранах пусто",
         "{mark} из-под асфальта бьёт вода, фонтан! А у нас в кране пусто",
         "Здравствуйте. По адресу {addr} с {since} отсутствует холодное водоснабжение. Рядом с домом из земли "
         "течёт вода, видимо прорыв водовода. Просим направить аварийную бригаду и сообщить сроки.",
         "воды нет!!! {addr} 😡",
         "в кране ни капли, {addr}",
         "у нас воды нет",
         "У нас опять без воды. Ни умыться, ни чай попить",
         "хол. воды нет {on}",
         "Водааа где? {on}",
         "Трубу прорвало {along}, улица в воде, ХВС нет",
         "Нет воды вообще, {addr}. Где взять питьевую?",
         "воду отключили {on}? никто не предупредил",
         "вода течёт по улице {mark}, а из крана не идёт",
         "Нет воды, вот здесь течёт: {link}",
         "ХВС нет, {coords}",
         "{district} воды нет с вечера",
         "водоканал, ответьте! {addr} нет воды",
         "нет водыыы {addr}",
         "{addr} ХВС нет с {since}",
         "{mark} раскопали трубу, воды нет",
         "Дети в школу, а умыться нечем. {addr}, воды нет",
         "хвс нет, {addr}"),
    bank(260, 400,
         "вода еле течёт {addr}",
         "Дали воду? Напор никакой, {on}",
         "напор слабый, струйка тоненькая. {addr}",
         "{addr}: вода пошла, но еле-еле, на второй этаж не поднимается",
         "слабый напор ХВС {on}, стиралка не набирает",
         "Вода капает, а не течёт! {district}",
         "У нас давление воды никакое, колонку не включить",
         "Подскажите, когда нормальный напор будет? {on} только струйка",
         "Добрый день. {addr}. После аварии вода подаётся с очень низким напором, на верхних этажах воды нет "
         "совсем. Прошу разобраться.",
         "напора нет {addr}"),
    bank(350, 430,
         "вода ржавая {addr}",
         "Из крана течёт коричневая вода!!! {on}",
         "ВОДА РЖАВАЯ, пить невозможно. {addr}",
         "дали воду, а она как чай 🤢 {on}",
         "Вода мутная, с песком, {addr}. Это после прорыва?",
         "Ржавчина из крана {district}. Сколько сливать?",
         "У нас вода грязная пошла после ремонта трубы",
         "Уважаемый водоканал! {addr}. После восстановления подачи из крана идёт ржавая вода с запахом. Можно "
         "ли её пить и когда будет чистая?",
         "рыжая вода {on}, бельё не постирать",
         "вода с ржавчиной {addr}, фильтр забился за час",
         "коричневая вода из крана, {coords}"),
    bank(20, 430,
         "прорыв водовода {on}, когда устранят?",
         "Что с водой {district}??",
         "Дайте нормальную воду! {addr}",
         "вода!!! {addr}",
         "Вода вообще будет сегодня? {on}",
         "Когда будет нормальная вода?"),
    bank(120, 430,
         "Сколько ещё без нормальной воды? {elapsed} уже, {on}",
         "Привезите воду! {on} {elapsed} без нормальной воды",
         "Водовоз будет? {district} {elapsed} без воды"),
)

OUTAGES = (
    Outage("heating-novoalexandrovsk", "heating", (SHKOLNAYA, MOLODYOZHNAYA, SADOVAYA, POLEVAYA),
           tuple(w for part in HEATING_WORDINGS for w in part), 105, began=30, ended=445,
           since=("22:30", "22.30", "половины одиннадцатого", "вечера", "10 вечера", "22 часов"),
           district_in=("в Ново-Александровске", "в Новоалександровске", "в Н-Александровске",
                        "в ново-александровске", "в Ново-Александровке"),
           district_names=("Ново-Александровск", "Новоалександровск", "Н-Александровск", "ново-александровск"),
           landmarks=("возле школы", "у Дома культуры", "за амбулаторией", "напротив почты",
                      "возле магазина «Радуга»", "рядом с детсадом «Берёзка»", "у котельной")),
    Outage("power-novoalexandrovsk", "electricity", (POLEVAYA, ZELYONAYA, NOVAYA, TSENTRALNAYA),
           tuple(w for part in POWER_WORDINGS for w in part), 95, began=65, ended=335,
           since=("23:05", "23.00", "одиннадцати вечера", "23 ч", "вечера", "одиннадцати"),
           district_in=("в Ново-Александровске", "в Новоалександровске", "в Н-Александровске",
                        "в ново-александровске"),
           district_names=("Ново-Александровск", "Новоалександровск", "Ново-Ал", "ново-александровск"),
           landmarks=("возле храма", "за стадионом", "у пекарни «Колосок»", "напротив магазина «Светлана»",
                      "у трансформаторной будки за стадионом", "возле остановки «Новая»")),
    Outage("water-dalnee", "water", (RECHNAYA, GORNAYA, VESENNYAYA, SOLNECHNAYA),
           tuple(w for part in WATER_WORDINGS for w in part), 100, began=15, ended=435,
           since=("22:15", "вечера", "десяти вечера", "22 часов", "22-15"),
           district_in=("в Дальнем", "в с. Дальнее", "в дальнем", "в районе Дальнее", "в Дальнем (Южно-Сахалинск)"),
           district_names=("Дальнее", "с. Дальнее", "дальнее", "Дальнее, Южно-Сахалинск"),
           landmarks=("у школы в Дальнем", "возле детсада «Солнышко»", "у магазина «Ассорти»", "напротив клуба",
                      "за водонапорной башней", "у остановки «Дальнее»")),
)


@dataclass(frozen=True)
class Single:
    """One dwelling's own problem: {addr} {flat}."""

    category: str
    text: str


def singles(category: str, *texts: str) -> tuple[Single, ...]:
    return tuple(Single(category, text) for text in texts)


LONE_DWELLINGS = (
    singles("electricity",
            "В квартире {flat} {addr} выбило автомат, у соседей свет есть. Что делать?",
            "{addr}, кв. {flat}: пропал свет только в нашей квартире, у соседей горит",
            "У меня одна розетка на кухне искрит и не работает, {addr}",
            "в квартире свет моргает уже неделю, лампочки перегорают, {addr} кв{flat}",
            "Автомат выбивает каждые полчаса, {addr}, квартира {flat}. Электрика от УК не дождаться",
            "Нет света в одной комнате, остальные работают. {addr}",
            "низкое напряжение в квартире, чайник еле греет. {addr}, кв {flat}",
            "В нашей квартире нет света, у соседей по площадке есть. {addr}",
            "Сгорел счётчик в квартире {flat}, {addr}, пахнет гарью. Кто меняет?",
            "Провод от щитка до квартиры обгорел, {addr}. Свет только у нас пропал",
            "пробки выбило, у соседей всё горит, {addr} кв.{flat}",
            "Подскажите, куда звонить: в квартире {flat} по адресу {addr} нет света после замены счётчика",
            "свет в квартире есть, но напряжение скачет, техника выключается. {addr}",
            "Выключатель в коридоре дымил, теперь в половине квартиры нет света. {addr}, кв {flat}"),
    singles("heating",
            "В квартире {flat} {addr} холодная одна батарея в спальне, остальные горячие",
            "Батарея на кухне не греет, воздух? {addr}, кв {flat}",
            "У меня в угловой комнате батарея еле тёплая, у соседей нормально. {addr}",
            "Течёт батарея в квартире {flat}, {addr}, подставили тазик",
            "В ванной полотенцесушитель холодный, остальное греет. {addr}",
            "горячая вода только в нашей квартире еле тёплая, {addr}, кв.{flat}",
            "Поменяли батарею в квартире, теперь она не греет. {addr}",
            "Кран Маевского сломался, батарея не прогревается, {addr} кв {flat}",
            "в детской батарея холодная, остальные горячие, {addr}",
            "Из батареи капает на пол в квартире {flat}, {addr}",
            "Смеситель горячей воды подтекает, {addr}, кв {flat}",
            "Одна секция батареи холодная, {addr}. Как стравить воздух?",
            "в спальне батарея холодная уже неделю, {addr} кв{flat}",
            "Полотенцесушитель течёт, {addr}, квартира {flat}"),
    singles("water",
            "Капает кран на кухне, {addr}, кв {flat}. Сантехник УК не приходит",
            "У меня в квартире течёт бачок унитаза, {addr}",
            "В квартире {flat} {addr} слабый напор холодной воды, у соседей нормальный",
            "подтекает труба под раковиной, {addr} кв.{flat}",
            "Засор в ванной, вода не уходит, {addr}",
            "Счётчик холодной воды крутится, хотя всё закрыто. {addr}, кв {flat}",
            "Течёт смеситель в ванной, {addr}. Кому звонить?",
            "Из-под ванной капает соседям снизу, {addr} кв {flat}",
            "у нас в квартире вода из крана пахнет, у соседей нет. {addr}",
            "кран холодной воды не закрывается до конца, {addr}",
            "Фильтр на входе забился, в квартире еле течёт. {addr}, кв.{flat}",
            "Протекает стояк в туалете квартиры {flat}, {addr}",
            "Шланг от стиральной машины лопнул, {addr}, воду в квартире перекрыли",
            "Кран на кухне гудит и плюётся, {addr} кв {flat}"),
)

# Whole buildings without a supply, each the only message of its category in its district.
WHOLE_BUILDINGS = (
    (elsewhere("Шоссейная"), "electricity",
     "Во всём доме {addr} нет света, в соседних домах горит. Похоже, что-то с вводом в дом"),
    (elsewhere("Больничная"), "water",
     "{addr}: во всём доме нет холодной воды, в подвале шумит вода. Соседние дома с водой"),
    (elsewhere("Украинская"), "heating",
     "Весь дом {addr} без отопления, в соседних домах тепло. Может, узел в подвале?"),
    (elsewhere("Космонавта Гагарина"), "electricity",
     "Дом {addr} полностью обесточен, все подъезды. На соседних домах свет есть"),
    (elsewhere("Транзитная"), "heating",
     "В нашем доме {addr} все батареи холодные, во всех квартирах. Соседние дома греются"),
)
STREET_PROBLEMS = (
    (elsewhere("Ленина"), "Яма на дороге, {addr}, пробил колесо"),
    (elsewhere("Мира"), "Огромная яма на перекрёстке Мира и Горького, объезжают по встречке"),
    (elsewhere("Победы"), "Не горит фонарь у остановки {on}, темно, страшно идти"),
    (elsewhere("Сахалинская"), "{on} темно, фонари не горят уже третий день"),
    (elsewhere("Деповская"), "Яма {along} возле дома {house}, машины бьют подвеску"),
)
ON_OUTAGE_STREETS = 50
ELSEWHERE_COUNT = 90
PER_STREET_AND_CATEGORY = 3  # a few lone dwellings on one street, never enough to look like an outage …
# … and one only of those needing the supply an outage takes from that street, dated outside the outage's minutes


def house_number(rng: random.Random) -> tuple[int, str]:
    number = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    written = rng.choices([str(number), f"{number}{rng.choice('аб')}", f"{number}к{rng.randint(1, 3)}",
                           f"{number}/{rng.randint(1, 3)}"], weights=[70, 10, 10, 10])[0]
    return number, written


def address(rng: random.Random, place: Place) -> str:
    """A street and a house as residents write them: cases, with and without «ул.», lower case, a letter off."""
    number, house = house_number(rng)
    block = rng.randint(1, 3)
    name = rng.choices([place.nominative, place.nominative.lower(), place.misspelt], weights=[75, 15, 10])[0]
    forms = [f"ул. {name}, д. {house}", f"ул.{name} {house}", f"{name} {house}", f"{name}, {house}",
             f"{name} д{house}", f"ул {name} д.{house}", f"{place.on} {house}", f"{place.on}, дом {house}",
             f"дом {house} {place.along}", f"{house} {place.along}", f"улица {name}, дом {house}",
             f"{name} дом {number} корп {block}", f"{name} {number}к{block}", f"{name} {number}/{block}",
             f"{name} {number}а"]
    if place.adjective:
        forms += [f"{place.on} улице, д.{house}", f"{name} ул., {house}"]
    return rng.choice(forms)


def coordinates(rng: random.Random, place: Place) -> tuple[float, float]:
    return (place.centre[0] + rng.uniform(-0.0012, 0.0012), place.centre[1] + rng.uniform(-0.0012, 0.0012))


def coordinates_text(rng: random.Random, place: Place) -> str:
    lat, lon = coordinates(rng, place)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"{lat:.6f},{lon:.6f}", f"📍{lat:.4f} {lon:.4f}",
                       f"шир. {lat:.4f} долг. {lon:.4f}"])


def map_link(rng: random.Random, place: Place) -> str:
    lat, lon = coordinates(rng, place)
    return rng.choice([f"https://yandex.ru/maps/?pt={lon:.5f},{lat:.5f}&z=17",
                       f"https://maps.google.com/?q={lat:.5f},{lon:.5f}",
                       f"https://2gis.ru/yuzhnosakhalinsk/geo/{lon:.5f}%2C{lat:.5f}"])


def elapsed(rng: random.Random, minutes: int) -> str:
    """«уже …»: how long the supply has been gone, in words residents use."""
    hours = round(minutes / 60)
    if hours <= 1:
        return rng.choice(["час", "целый час", "больше часа"])
    if hours <= 4:
        return rng.choice([f"{hours} часа", f"{NUMBER_WORDS[hours]} часа"])
    return rng.choice([f"{hours} часов", f"{NUMBER_WORDS.get(hours, str(hours))} часов", f"часов {hours}"])


def finish(rng: random.Random, text: str) -> str:
    """The last touches of a hurried resident: all lower case, caps, a run of marks."""
    if rng.random() < 0.08:
        text = text.lower()
    elif len(text) < 70 and rng.random() < 0.03:
        text = text.upper()
    if rng.random() < 0.08:
        text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!", " …", ")))", "!!!!11"])
    return " ".join(text.split())


def channel(rng: random.Random, text: str) -> str:
    return rng.choice(PORTAL_CHANNELS if len(text) > PORTAL_LENGTH else CHANNELS)


def outage_line(rng: random.Random, outage: Outage) -> dict[str, Any]:
    wording = rng.choice(outage.wordings)
    streets = [s for s in outage.streets if not wording.only or s.nominative in wording.only]
    place = rng.choice(streets)
    minute = rng.randint(wording.first, wording.last)
    text = wording.text.format(
        addr=address(rng, place), on=place.on, along=place.along, to=place.to,
        street=rng.choice([place.nominative, place.nominative.lower(), f"ул. {place.nominative}"]),
        district=rng.choice(outage.district_in), districtname=rng.choice(outage.district_names),
        mark=rng.choice(outage.landmarks), coords=coordinates_text(rng, place), link=map_link(rng, place),
        since=rng.choice(outage.since), elapsed=elapsed(rng, minute - outage.began), frost=rng.choice(FROSTS))
    text = finish(rng, text[0].upper() + text[1:] if wording.text.startswith("{elapsed}") else text)
    return {"minutes": minute, "channel": channel(rng, text), "text": text,
            "location": location(rng, place.centre, 0.0015), "incident": outage.label}


def single_text(rng: random.Random, template: str, place: Place) -> str:
    number, _ = house_number(rng)
    return finish(rng, template.format(addr=address(rng, place), flat=rng.randint(1, 120), on=place.on,
                                       along=place.along, house=number))


def unrelated_line(rng: random.Random, text: str, place: Place, minute: int) -> dict[str, Any]:
    return {"minutes": minute, "channel": channel(rng, text), "text": text,
            "location": location(rng, place.centre, 0.0015), "incident": None}


def lacks(place: Place, category: str) -> bool:
    """Whether one of the storm's outages takes the supply of `category` from the street for a while."""
    return any(o.category == category and place in o.streets for o in OUTAGES)


def dated(rng: random.Random, place: Place, category: str) -> int:
    """A minute of the storm when the street has the supply the dwelling's problem needs."""
    lacking = [(o.began, o.ended) for o in OUTAGES if o.category == category and place in o.streets]
    return rng.choice([m for m in range(SPAN_MINUTES + 1) if not any(a <= m <= b for a, b in lacking)])


def lone_dwellings(rng: random.Random, streets: tuple[Place, ...], count: int,
                   forbidden: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """`count` single dwellings' problems, one wording per street, none in a forbidden (district, category)."""
    wordings = [w for part in LONE_DWELLINGS for w in part]
    used: set[tuple[str, str]] = set()
    per_street: dict[tuple[str, str], int] = {}
    lines: list[dict[str, Any]] = []
    while len(lines) < count:
        wording, place = rng.choice(wordings), rng.choice(streets)
        key = (place.nominative, wording.category)
        limit = 1 if lacks(place, wording.category) else PER_STREET_AND_CATEGORY
        if ((wording.text, place.nominative) in used or (place.district, wording.category) in forbidden
                or per_street.get(key, 0) >= limit):
            continue
        used.add((wording.text, place.nominative))
        per_street[key] = per_street.get(key, 0) + 1
        lines.append(unrelated_line(rng, single_text(rng, wording.text, place), place,
                                    dated(rng, place, wording.category)))
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = [outage_line(rng, outage) for outage in OUTAGES for _ in range(outage.count)]
    outage_streets = tuple(dict.fromkeys(s for outage in OUTAGES for s in outage.streets))
    lines += lone_dwellings(rng, outage_streets, ON_OUTAGE_STREETS, set())
    alone = {(place.district, category) for place, category, _ in WHOLE_BUILDINGS}
    lines += lone_dwellings(rng, ELSEWHERE, ELSEWHERE_COUNT, alone)
    for place, _, template in WHOLE_BUILDINGS:
        lines.append(unrelated_line(rng, single_text(rng, template, place), place, rng.randint(0, SPAN_MINUTES)))
    for place, template in STREET_PROBLEMS:
        lines.append(unrelated_line(rng, single_text(rng, template, place), place, rng.randint(0, SPAN_MINUTES)))
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev13.jsonl", storm())


if __name__ == "__main__":
    main()
