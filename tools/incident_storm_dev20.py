"""Writes the validation storm dev20 (tests/data/incidents_storm_dev20.jsonl): three outages of a January frost night.

Южно-Сахалинск, a January night after a hard frost; minute 0 is 21:00 local (Asia/Sakhalin) and the storm runs to
minute 480 (05:00). Three outages, three districts, three categories, 100 messages each:

* ``heat-novo`` (heating), minutes 0–450: a heat main burst in Ново-Александровск at about 21:00 in a −25 °C
  frost. Radiators cold, no hot water either, the flats at +15 falling to +10 by the morning (the temperature and
  how long it has lasted are worked out from the minute), children and old people freezing, steam from the ground,
  the spilled water freezing into ice on the road; on Садовая, Полевая, Лесная, Заводская.
* ``water-centre`` (water), minutes 60–480: a cold-water main froze and then burst in Центр at about 22:00. Weak
  pressure first (60–200), then no cold water at all, a fountain from under the asphalt; from minute 300 the water
  comes back brown, with sand; on Сахалинская, Пограничная, Курильская.
* ``power-khomutovo`` (electricity), minutes 30–420: ice on the wires brought them down in Хомутово at about
  21:30. No light, the electric heaters and electric boilers dead, the pumps of the private houses' wells stopped
  (so no water either), wires on the road; on Новая, Центральная, Зелёная, Озёрная.

The 150 unrelated messages (``incident`` null) come in the same hours:

* 50 single dwellings on the outages' own streets, each saying it is the writer's own flat or house: on the heat
  streets a tap, a flood from upstairs, a blocked drain, a breaker or socket at any minute (water and power are
  there), a leaking radiator or a broken air valve only at 451–480; on the water streets a radiator, a towel rail or
  the wiring at any minute, a tap, a flood from upstairs or a blocked toilet only at 0–59; in Хомутово a breaker, a
  sagging service wire, a frozen or burst pipe, a well pump, a boiler only at 0–29 or 421–480.
* 90 single dwellings of heating, water and electricity in Луговое, Северный, Южный, Дальнее and Центр's Ленина,
  Чехова, Комсомольская: 50 wordings, each used at most twice and the second time in another district; at most two
  of one category on one street; the «no water in my flat» wordings are kept out of Центр.
* 5 whole buildings without a supply, each alone in its district and category (electricity in Луговое and Дальнее,
  heating in Северный and Центр, water in Южный).
* 5 others: icy pavements, snow not cleared, dark street lamps, away from the outages.

The phrase banks are this script's own (56, 56 and 56 wordings for the outages), written in residents' manner for
the administration's chats and the portal: terse chat, long portal-style letters with house and flat numbers,
anger, caps, emoji, stretched words, typos, shorthand (ХВС, ГВС, хол., гор., г/в, х/в, ЦТП, э/э, эл-во, ТП, УК),
streets in several cases and one letter off, houses as «д5», «5к2», «дом 5 корп 1», «5/1», «5а», landmark-only,
district-only and «у нас»-only messages, coordinates and map links in the text, bare questions and demands. Each
message is labelled by what its writer means. No two messages are word for word the same. Exactly 15 of each
outage's messages and about 15 % of the others carry a location near their street. All houses, landmarks and
coordinates are made up.

This is a validation storm (issue 17, branch write19v): written without reading the matching, the classifier or any
other storm; the matching is scored on it, never tuned on it.

    python3 -m tools.incident_storm_dev20
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 20017
PREFIX = "s20"
SPAN = 480


@dataclass(frozen=True)
class Way:
    """A street as residents write it."""

    nominative: str  # "Садовая", "Ленина"
    oblique: str  # after «на»/«по»: "Садовой", "Ленина"
    typos: tuple[str, ...]  # one letter off, ё written as е
    centre: tuple[float, float]  # made up


def _way(nominative: str, oblique: str, centre: tuple[float, float], *typos: str) -> Way:
    return Way(nominative, oblique, typos, centre)


# --- the outages' streets (coordinates made up, near each district) -------------------------------------------
NOVO = (_way("Садовая", "Садовой", (47.0312, 142.7148), "Садавая", "Садовоя"),
        _way("Полевая", "Полевой", (47.0338, 142.7186), "Палевая", "Полевоя"),
        _way("Лесная", "Лесной", (47.0291, 142.7203), "Лессная", "Лесня"),
        _way("Заводская", "Заводской", (47.0355, 142.7121), "Заводсая", "Заводкая"))
CENTRE = (_way("Сахалинская", "Сахалинской", (46.9587, 142.7361), "Сахалинсая", "Сахолинская"),
          _way("Пограничная", "Пограничной", (46.9612, 142.7402), "Пограничня", "Пограничая"),
          _way("Курильская", "Курильской", (46.9563, 142.7419), "Курилская", "Курильсая"))
KHOM = (_way("Новая", "Новой", (46.9021, 142.7617), "Новоя"),
        _way("Центральная", "Центральной", (46.9043, 142.7652), "Центральня", "Цетральная"),
        _way("Зелёная", "Зелёной", (46.9008, 142.7683), "Зеленая", "Зиленая"),
        _way("Озёрная", "Озёрной", (46.8989, 142.7641), "Озерная", "Озёрня"))

# --- other districts' streets, for the unrelated messages ----------------------------------------------------
OTHER: dict[str, tuple[Way, ...]] = {
    "Луговое": (_way("Лучистая", "Лучистой", (46.9861, 142.6992)), _way("Дружбы", "Дружбы", (46.9879, 142.7031)),
                _way("Авиационная", "Авиационной", (46.9842, 142.7065)),
                _way("Шоссейная", "Шоссейной", (46.9893, 142.6968)), _way("Ударная", "Ударной", (46.9827, 142.7012)),
                _way("Сиреневая", "Сиреневой", (46.9851, 142.6947)), _way("Майская", "Майской", (46.9905, 142.7008))),
    "Северный": (_way("Пуркаева", "Пуркаева", (46.9803, 142.7452)), _way("Горького", "Горького", (46.9781, 142.7421)),
                 _way("Крюкова", "Крюкова", (46.9822, 142.7488)), _way("Поповича", "Поповича", (46.9768, 142.7469)),
                 _way("Комарова", "Комарова", (46.9795, 142.7503)),
                 _way("Тихоокеанская", "Тихоокеанской", (46.9836, 142.7437)),
                 _way("Амурская", "Амурской", (46.9812, 142.7396))),
    "Южный": (_way("Мира", "Мира", (46.9312, 142.7318)), _way("Победы", "Победы", (46.9289, 142.7352)),
              _way("Есенина", "Есенина", (46.9334, 142.7291)), _way("Маяковского", "Маяковского", (46.9297, 142.7276)),
              _way("Холмская", "Холмской", (46.9321, 142.7367)), _way("Вокзальная", "Вокзальной", (46.9345, 142.7335)),
              _way("Ухтомского", "Ухтомского", (46.9276, 142.7309))),
    "Дальнее": (_way("Горная", "Горной", (46.9012, 142.6803)), _way("Весенняя", "Весенней", (46.9034, 142.6841)),
                _way("Солнечная", "Солнечной", (46.8998, 142.6779)), _way("Речная", "Речной", (46.9026, 142.6762))),
    "Центр": (_way("Ленина", "Ленина", (46.9631, 142.7348)), _way("Чехова", "Чехова", (46.9604, 142.7313)),
              _way("Комсомольская", "Комсомольской", (46.9648, 142.7386))),
}


@dataclass(frozen=True)
class Storm:
    label: str
    streets: tuple[Way, ...]
    districts: tuple[str, ...]  # the district named on its own
    in_district: tuple[str, ...]  # "в Ново-Александровске"
    landmarks: tuple[str, ...]  # after «у»/«возле» (genitive), made up
    first: int
    last: int
    began: tuple[str, ...]  # since when, as residents write it
    private: bool  # private houses: no flats, no building blocks
    texts: tuple[str | tuple[str, int, int], ...]  # a wording, or a wording with its own stretch of minutes


# Placeholders: {addr} a whole address; {st} the street (sometimes one letter off); {obl} the street after на/по;
# {na} «на Садовой» / «на ул. Садовой» / «на улице Садовой»; {h} a house; {flat}; {d} the district; {vd} «в районе»;
# {lm} a landmark after «у»; {geo} coordinates or a map link; {dur} how long it has lasted; {since}; {temp}.

HEAT = Storm(
    label="heat-novo", streets=NOVO,
    districts=("Ново-Александровск", "Новоалександровск", "Н-Александровск", "Ново-Александровск"),
    in_district=("в Ново-Александровске", "в Новоалександровске", "в Н.-Александровске", "в Ново-Александровске"),
    landmarks=("школы", "магазина «Кедр»", "остановки «Дом культуры»", "клуба", "почты", "котельной",
               "садика «Ёлочка»", "аптеки"),
    first=0, last=450, began=("с 21:00", "с девяти вечера", "с вечера", "с 9 вечера"), private=False,
    texts=(
        "опять батареи холодные {na} {h}",
        "НЕТ ОТОПЛЕНИЯ!!! {addr}, в квартире {temp}",
        "Здравствуйте. Пишу вам из Ново-Александровска, {addr}, кв. {flat}. {since_cap} в квартире ледяные батареи, "
        "сейчас {temp} и падает. У меня двое маленьких детей, спим в куртках. Когда дадут тепло? Прошу принять меры.",
        "{na} прорвало теплотрассу, пар из-под земли столбом, вода течёт по дороге",
        "батареи ледяныеее 🥶🥶 {d}",
        "отопления нет {dur}, когда дадут?",
        "{st} {h} — хол. батареи, дома {temp}. ГВС тоже нет",
        "У нас в доме {temp}, бабушке 84 года, она не встаёт, батареи холодные. {addr}. Сделайте что-нибудь!!",
        "прорыв теплотрассы возле {lm}, пар валит, всё в тумане",
        "по {obl} вода с теплотрассы разлилась и замерзает, машины буксуют, дорога каток",
        "Когда будет тепло в Ново-Александровске???",
        "мороз -25 а у нас отопление отключили. это нормально вообще?",
        "{addr} нету отопления и г/в",
        "Уважаемая администрация! Жители дома {house} по ул. {obl} ({d}) остались без отопления в мороз. Температура в "
        "квартирах {temp}. Среди нас пожилые и дети. Просим сообщить сроки восстановления теплоснабжения.",
        "батареи холодные, дома {temp}, дети мёрзнут. {st} {h}",
        "где тепло??? {d}",
        "Сколько можно? {dur_cap} без отопления, {na} {h}. Включили все обогреватели, всё равно холодно",
        "из люка {na} пар, рядом лужа растекается, скоро всё замёрзнет",
        "{geo} вот тут прорвало трубу отопления, пар и кипяток",
        "ХОЛОДНО ДОМА!!!!!! {st} {h}",
        "у нас в доме отопление пропало, кв {flat}, {temp} в детской",
        "Что с отоплением в Ново-Александровске? Вся улица {st} мёрзнет",
        ("в квартире {temp}, батареи были еле тёплые, теперь совсем остыли. {addr}", 0, 200),
        "Добрый вечер. {addr}. Батареи холодные с 21:00, позвонили в УК — говорят авария на теплотрассе. Когда "
        "устранят?",
        "тепла нет возле {lm}, в домах рядом тоже",
        "Дайте тепло людям! дети в шапках спят",
        "{na} {h} холодно. бабушка одна, 90 лет, у неё {temp}",
        "парит из-под земли у {lm}, асфальт провалился?",
        "порыв на теплосети {na}, кипяток разливается по дороге",
        "на дороге по {obl} сплошной лёд от теплотрассы, пешком не пройти, машина в кювет съехала",
        "отопление когда включат? {st} {h}",
        "Батареи как лёд. Ново-Александровск, {st}",
        "у нас {temp} в квартире и холоднее становится. {d}",
        "прорыв теплотрассы {na}, это надолго??",
        "Здравствуйте, я живу {na} {h}, кв. {flat}. В квартире отключилось отопление, в доме у всех то же самое. "
        "Мороз на улице -25, у меня лежачая мама. Прошу срочно направить бригаду и сообщить, когда дадут тепло.",
        "ребёнок заболел, дома холодно, отопления нет!!! {addr}",
        "ни тепла ни горячей воды {na} {h} 😡",
        "Хол. батареи по всему дому, {addr}. Трубы не разморозятся?",
        "что там с теплом у нас? {d}",
        "{vd} авария на теплотрассе? у нас батареи остыли",
        "ОТОПЛЕНИЕ ДАЙТЕ",
        "{st}{h} батареи холодные кв{flat}",
        "Люди замерзают!!! {d}, {temp} в квартирах, отопления нет {since}",
        "у {lm} из земли бьёт горячая вода и пар, там уже каток",
        "подскажите, сколько ещё без отопления сидеть? {na}",
        ("тепло дали или нет? у нас до сих пор холодные батареи, {st} {h}", 180, 450),
        "Дети в куртках дома. {temp}. {addr}. Когда???",
        "пар над дорогой {na}, ничего не видно, водители аккуратнее",
        "в доме {house} по {obl} отопления нет, старики мёрзнут, помогите",
        "батареи холодныееее {dur} 🥶",
        "сообщите сроки подачи теплоносителя, {addr}, кв. {flat}",
        "ЦТП у {lm} не работает? тепла нет во всех домах вокруг",
        "мороз за окном, у нас в квартире {temp}, ну как так-то. Ново-Александровск",
        "Заявка: отсутствует отопление, {addr}. Температура в квартире {temp}. Просьба устранить.",
        "у нас хол. батареи и гор. воды нет, {st} {h}",
        "авария на теплосети в Новоалександровске, когда закончат?",
    ))

WATER = Storm(
    label="water-centre", streets=CENTRE,
    districts=("Центр", "центр", "центр города", "Центр"),
    in_district=("в Центре", "в центре", "в центре города", "в Центре"),
    landmarks=("поликлиники", "рынка", "ТЦ «Маяк»", "остановки «Площадь»", "аптеки на углу", "гимназии",
               "банка", "кинотеатра"),
    first=60, last=480, began=("с 22:00", "с десяти вечера", "с вечера", "с 10 вечера"), private=False,
    texts=(
        "опять воды нет {na} {h}",
        "ХВС нет с 22:00, {addr}",
        "вода пропала, {st} {h}, кв {flat}",
        "Здравствуйте! {addr}, кв. {flat}. {since_cap} нет холодной воды. Ни помыться, ни ребёнку смесь развести. "
        "Когда дадут воду? Пожалуйста, сообщите сроки.",
        "воды нет в Центре? у нас {na} ни капли",
        "х/в нет вообще, {na}",
        ("сначала напор упал, теперь вообще ничего не течёт. {addr}", 120, 300),
        "говорят трубу разморозило {na}, это правда? воды нет",
        "{na} из-под асфальта вода фонтаном, видимо водопровод порвало",
        "у {lm} вода хлещет из-под земли, улица заливается",
        "КОГДА БУДЕТ ВОДА?!",
        "нет хол. воды {st} {h} 😤",
        "воды нет {dur}. {na}. Хоть бы подвоз организовали",
        "Где вода???? центр, {st}",
        "Уважаемые сотрудники администрации! В доме {house} по ул. {obl} отсутствует холодное водоснабжение {since}. "
        "Жильцы не могут пользоваться санузлом. Просим организовать подвоз питьевой воды и сообщить сроки ремонта.",
        "водопровод перемёрз? у нас {na} воды нет",
        "в нашем доме воды нет, ни холодной, ни в бачок не набирается",
        "Водовозку пришлите на {st} {h}, дома ни капли",
        "ВОДЫ НЕТ!!!! {addr}",
        "возле {lm} авария на водопроводе, весь район без воды?",
        "кран открываю — шипит и всё. {st} {h}",
        "{geo} здесь из люка вода бьёт, похоже трубу прорвало",
        "воды нет, {vd} авария? {st}",
        "дайте воду!!! 🚱 {na}",
        "мама пожилая, ей надо лекарства запивать, воды нет {since}. {addr}",
        ("вода появилась, но с песком, коричневая. {addr}", 300, 480),
        ("дали воду — течёт ржавая с песком, фильтр забился 🤢 {st} {h}", 300, 480),
        ("вода мутная с песком после ремонта, пить можно? {na}", 300, 480),
        ("Здравствуйте. Воду подали, но из крана идёт песок и грязь, {addr}, кв. {flat}. Стиральная машина теперь не "
         "работает. Когда будет нормальная вода?", 300, 480),
        ("х/в пошла с песком. {st} {h}", 300, 480),
        ("песок в воде, набрали ванну — на дне слой. {na}", 300, 480),
        ("после аварии вода грязная, {d}, {st}", 300, 480),
        "Сколько ещё без воды? {dur_cap}! {st} {h}",
        "{na} лужа от прорыва водопровода, замёрзла, машины скользят",
        "водоканал вообще работает? {na} нет воды",
        ("у нас вода еле капает, напора нет, {st} {h}", 60, 200),
        "в центре нет водыыыы 😭",
        "Дом {house} по {obl}, нет холодной воды с 22 часов. Прошу принять меры.",
        "Почему нет воды {na}???",
        "водопровод прорвало у {lm}, там целое озеро",
        "хвс отсутствует {addr}",
        "на перекрёстке Сахалинской и Пограничной вода из-под земли бьёт, уже наледь",
        "когда дадут воду в центре?",
        "Без воды сидим, {na} {h}. Унитаз не смыть, посуду не помыть",
        "ребёнок маленький, воды нет, помогите!!! {addr}",
        "вода будет сегодня? {st}",
        "нет х/в. {st}{h} кв{flat}",
        "что с водой {na}? {since} ни капли",
        "Воды нет, воды нет, воды нет. Сколько можно. {st} {h}",
        "трубы перемёрзли или что? {vd} без воды весь квартал",
        "Заявка: отсутствует холодное водоснабжение, адрес: {addr}.",
        "подвоз воды будет? {na} нет воды {dur}",
        "у {lm} стоит аварийка водоканала, копают. надолго?",
        ("вода пошла наконец, но жёлтая и с песком {na}", 300, 480),
        "в нашем доме нет воды, {st} {h}, пишу уже второй раз!!",
        "УК говорит авария на водоводе, {addr} без воды {dur}",
    ))

POWER = Storm(
    label="power-khomutovo", streets=KHOM,
    districts=("Хомутово", "хомутово", "Хомутово", "пос. Хомутово"),
    in_district=("в Хомутово", "в Хомутове", "в Хомутово", "в посёлке Хомутово"),
    landmarks=("подстанции", "магазина «Хуторок»", "остановки «Озеро»", "школы", "ТП возле пруда", "клуба",
               "почты", "водокачки"),
    first=30, last=420, began=("с 21:30", "с половины десятого", "с вечера", "с полдесятого"), private=True,
    texts=(
        "свет дайте!!! Хомутово",
        "нет света {na} {h}",
        "э/э нет с половины десятого, {addr}",
        "Здравствуйте. Хомутово, {addr}. {since_cap} нет электричества. Дом частный, отопление от электрокотла, котёл "
        "встал, в доме холодает. Насос скважины тоже не работает — нет воды. Когда дадут свет?",
        "провода обледенели и оборвались {na}, лежат на дороге!",
        "{vd} света нет {dur}",
        "СВЕТА НЕТ!!! обогреватели не работают, дома холодно. {st} {h}",
        "насос не качает, воды нет, потому что света нет. {na}",
        "у {lm} провода провисли от льда до самой земли, искрит",
        "когда свет дадут?",
        "эл-во пропало по всей улице {st}",
        "света нет, сидим со свечками 🕯️ {d}",
        "ТП {na} гудела и искрила, потом всё погасло",
        "обледенение проводов, нет света, {addr}",
        "Уважаемая администрация! В Хомутово на улице {st} и соседних нет электроэнергии. В частных домах не "
        "работают насосы и электрокотлы, трубы могут перемёрзнуть. Просим срочно восстановить электроснабжение.",
        "у нас темно, холодно и воды нет 😢 Хомутово",
        "когда дадут э/э? {st} {h}",
        "свеееет дайтеее",
        "{geo} тут оборван провод, висит над дорогой",
        "без света {dur}, котёл стоит, дом остывает. {addr}",
        "{na} опять нет света, ну сколько можно",
        "подстанция в Хомутово сгорела? всё погасло",
        "нет эл-ва {st} {h}, насос стоит, воды нет",
        "у {lm} темно, весь посёлок без света",
        "Добрый вечер. {addr}. У нас пожилые родители, дом отапливается электричеством. {dur_cap} нет света, в доме "
        "+12. Когда восстановят?",
        "провода во льду, порвались между столбами {na}",
        "свет дайте, дети боятся темноты",
        "ЭЛЕКТРИЧЕСТВА НЕТ В ХОМУТОВО!!!!",
        "в нашем доме света нет, {st} {h}, и у соседей через дорогу тоже",
        "обогреватель не работает, света нет, мороз. {na}",
        "Хомутово без света, вы знаете вообще?",
        "столб {na} весь обледенел, провод оборвало, света нет",
        "скважина без насоса не качает, воды ни капли, света нет {since}. {addr}",
        ("холодильник потёк, света нет {dur}. {st} {h}", 150, 420),
        "нет света по {obl}, звоним в сети — занято",
        "Сколько ещё сидеть без света? {d}",
        "свет моргнул и пропал, {st} {h}",
        "Заявка: отсутствует электроснабжение, адрес {addr}",
        "э/э нет, х/в нет (насос), тепла нет (котёл). {na} {h}. Помогите!",
        "у {lm} ТП вырубилась, свет пропал у всех",
        "света нет. Хомутово. {st}",
        "{na} лёд на проводах толщиной с палец, всё оборвалось",
        "почему нет света?????",
        "бабушка одна в доме, без света и тепла, {addr}. Пожалуйста, побыстрее!",
        "темно везде 😡😡😡 {na}",
        "фонари не горят и в домах темно, {na}",
        "когда будет электричество {na}?",
        ("у нас трубы начинают замерзать, насос без света стоит, {st} {h}", 120, 420),
        "свет отключили по всему Хомутово из-за льда?",
        "{st} {h}: нет электроэнергии с 21:30",
        "дом {house}, {st}, нет эл-ва. котёл электрический. холодает",
        "{vd} обрыв проводов, {na} темно",
        "нет света нет воды нет тепла. спасибо 👍",
        "ремонтники приедут? у {lm} провода на земле",
        "Напишите сроки по свету, {na}",
        "Обращаюсь по поводу отсутствия электроснабжения в Хомутово, {addr}. Электроснабжение отсутствует {dur}. "
        "Прошу сообщить причину и сроки.",
    ))

STORMS = (HEAT, WATER, POWER)

# --- unrelated: single dwellings on the outages' own streets ------------------------------------------------
# (wording, stretches of minutes it may fall in); each wording says it is the writer's own flat or house.
ANY = ((0, SPAN),)
OWN_NOVO: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("течёт кран на кухне, не перекрывается, {addr}, кв. {flat}", ANY),
    ("соседи сверху залили, у меня мокрый потолок в ванной, кв. {flat}, {addr}", ANY),
    ("в ванной капает смеситель, это только у меня, {st} {h}", ANY),
    ("у меня в квартире засор канализации, у соседей всё нормально. {addr}", ANY),
    ("сосед сверху затопил стиральной машиной, вода по стене течёт, {na} {h}, кв {flat}", ANY),
    ("в квартире выбило автомат и не взводится, у соседей свет есть. {addr}, кв. {flat}", ANY),
    ("розетка на кухне искрит и почернела, {st} {h}", ANY),
    ("в моей квартире мигает свет, у соседей всё нормально, {addr}", ANY),
    ("счётчик в квартире щёлкает и отключает свет, {na} {h} кв {flat}", ANY),
    ("у меня в частном доме перемёрзла труба от колонки во дворе, {st} {h}, у соседей вода идёт", ANY),
    ("батарея в спальне подтекает на стыке, подставила тазик. Только у меня, {addr}, кв. {flat}", ((451, SPAN),)),
    ("сломался кран Маевского на батарее, свистит и капает, {addr}, кв. {flat}", ((451, SPAN),)),
)
OWN_CENTRE: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("батарея в комнате течёт, залила пол, {addr}, кв. {flat}", ANY),
    ("в квартире одна батарея холодная, остальные горячие. {st} {h}, кв {flat}", ANY),
    ("сосед сверху залил с батареи, кв {flat}, {addr}", ANY),
    ("полотенцесушитель подтекает у меня в ванной, {na} {h}", ANY),
    ("у меня выбивает автомат, когда включаю чайник. {addr}", ANY),
    ("в квартире пропал свет, в подъезде есть. кв {flat}, {st} {h}", ANY),
    ("проводка в моей квартире пахнет гарью, {na} {h}", ANY),
    ("течёт кран в ванной, прокладку бы поменять, {addr}, кв. {flat}", ((0, 59),)),
    ("соседи сверху топят, {st} {h}, кв {flat}", ((0, 59),)),
    ("засор в унитазе у меня, вода не уходит, {addr}", ((0, 59),)),
    ("бачок унитаза течёт без остановки, только у нас в квартире, {na} {h}", ((0, 59),)),
)
OUTSIDE_POWER = ((0, 29), (421, SPAN))
OWN_KHOM: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("у меня в доме выбило пробки, у соседей свет есть. {st} {h}", OUTSIDE_POWER),
    ("перемёрзла труба от скважины в моём доме, {addr}. У соседей вода есть", OUTSIDE_POWER),
    ("счётчик на столбе у моего дома искрит, {na} {h}", OUTSIDE_POWER),
    ("в доме на кухне розетки не работают, остальное работает, {st} {h}", OUTSIDE_POWER),
    ("замёрз слив в моём доме, {addr}", OUTSIDE_POWER),
    ("котёл в доме потёк, {st} {h}, вызвать бы мастера", OUTSIDE_POWER),
    ("у меня в доме свет мигает, у соседей нормально, {addr}", OUTSIDE_POWER),
    ("провод от столба к моему дому провис до забора, {na} {h}", OUTSIDE_POWER),
    ("в доме лопнула труба в подполе, {st} {h}, только у меня", OUTSIDE_POWER),
    ("насос в моей скважине сгорел, сам не починю, {addr}", OUTSIDE_POWER),
)
OWN = ((HEAT, OWN_NOVO, 17), (WATER, OWN_CENTRE, 17), (POWER, OWN_KHOM, 16))

# --- unrelated: single dwellings in other districts (category, wording, may it be in Центр) ---------------
ELSEWHERE: tuple[tuple[str, str, bool], ...] = (
    ("heating", "батарея в зале течёт, {addr}, кв. {flat}", True),
    ("heating", "в моей квартире холодная батарея на кухне, у соседей горячие. {addr}", True),
    ("heating", "подтекает радиатор под окном, капает на ламинат, {st} {h}", True),
    ("heating", "сорвало кран Маевского, хлещет горячая вода!! {addr} кв {flat}", True),
    ("heating", "у меня в квартире полотенцесушитель холодный, у всех в стояке горячий, {na} {h}", True),
    ("heating", "в одной комнате батарея еле тёплая, воздух? {addr}, кв {flat}", True),
    ("heating", "Здравствуйте. {addr}, кв. {flat}. В моей квартире после замены батарея не греет, остальные в "
                "квартире тёплые. Прошу прислать слесаря.", True),
    ("heating", "течь на стояке отопления в ванной у меня, {st} {h}", True),
    ("heating", "в квартире нет горячей воды, только у меня, соседи моются. {addr}", True),
    ("heating", "гор. вода в кране еле тёплая у меня одной, {na} {h} кв {flat}", True),
    ("heating", "в частном доме замёрзли трубы отопления, котёл работает а батареи холодные, {addr}", False),
    ("heating", "батарея капает в детской, {st} {h}", True),
    ("heating", "сосед сверху снял батарею и залил меня кипятком, кв {flat}, {addr}", True),
    ("heating", "г/в нет в моей квартире, смеситель сломан? {addr}", True),
    ("heating", "в батарее стучит и шипит всю ночь, кв {flat}, {st} {h}", True),
    ("heating", "свистит батарея в спальне, спать невозможно, {na} {h}", True),
    ("heating", "в моей комнате +16, батарея чуть тёплая, у соседей жарко. {addr}", True),
    ("water", "течёт кран на кухне, {addr}, кв. {flat}", True),
    ("water", "затопили соседи сверху, течёт по люстре!!! {st} {h} кв {flat}", True),
    ("water", "у меня в квартире нет холодной воды, у соседей есть, {addr}", False),
    ("water", "лопнул шланг под раковиной, перекрыла воду, {na} {h}", True),
    ("water", "засор канализации в квартире, {addr}, кв. {flat}", True),
    ("water", "в моём частном доме перемёрзла труба водопровода от колодца, {addr}", False),
    ("water", "унитаз течёт, вода не перекрывается, {st} {h}", True),
    ("water", "вода в моём кране ржавая, у соседей чистая. {na} {h} кв {flat}", False),
    ("water", "слабый напор хол. воды только у меня, фильтр поменяла — не помогло, {addr}", False),
    ("water", "счётчик воды потёк, {addr}, кв {flat}", True),
    ("water", "Здравствуйте! Соседи из квартиры над нами третий раз за месяц топят нас. {addr}, кв. {flat}. "
              "Примите меры.", True),
    ("water", "в частном доме замёрзла вода в трубе, грею феном, {st} {h}", False),
    ("water", "капает с потолка в ванной, сверху никто не открывает, {na} {h}", True),
    ("water", "течь на трубе х/в за ванной, {addr}", True),
    ("water", "вода из бачка унитаза постоянно бежит, {st} {h} кв {flat}", True),
    ("water", "у меня в квартире кран сорвало, вода по полу, аварийку куда звать? {addr}", True),
    ("electricity", "выбило автомат в квартире и не включается, {addr}", True),
    ("electricity", "розетка искрит, {st} {h}, кв {flat}", True),
    ("electricity", "в моей квартире нет света, в подъезде и у соседей есть. {addr}", True),
    ("electricity", "пахнет палёной проводкой в квартире, {na} {h}", True),
    ("electricity", "мигает свет только в моей квартире, {addr}, кв. {flat}", True),
    ("electricity", "счётчик э/э сгорел, {st} {h}", True),
    ("electricity", "в частном доме пропал свет, у соседей горит. {addr}", False),
    ("electricity", "вырубает пробки каждый час, {na} {h} кв {flat}", True),
    ("electricity", "Здравствуйте. В моей квартире ({addr}, кв. {flat}) половина розеток не работает, автомат цел. "
                    "Прошу направить электрика.", True),
    ("electricity", "у меня лампочки перегорают каждый день, скачет напряжение только в квартире. {addr}", True),
    ("electricity", "провод от щитка к моей квартире оплавился, {st} {h}", True),
    ("electricity", "в квартире свет пропал, как включила чайник, у соседей есть. {na} {h}", True),
    ("electricity", "УЗО выбивает постоянно, {addr}, кв {flat}", True),
    ("electricity", "свет в одной комнате не горит, остальные работают, {st} {h}", True),
    ("electricity", "низкое напряжение у меня в доме, чайник не кипит, у соседей норм. {addr}", False),
    ("electricity", "электросчётчик в моей квартире гудит и греется, {na} {h}", True),
    ("electricity", "в частном доме отгорел провод на вводе, {addr}, соседи со светом", False),
)
ELSEWHERE_COUNT = 90

# --- unrelated: whole buildings, each alone in its district and category -----------------------------------
WHOLE: tuple[tuple[str, str, str], ...] = (
    ("Луговое", "electricity", "Во всём доме {addr} нет света, все подъезды. В соседних домах свет есть, проверьте "
                               "наш щит"),
    ("Северный", "heating", "Весь дом {addr} без отопления, все стояки холодные, а в соседних домах тепло. Просим "
                            "проверить тепловой узел дома."),
    ("Южный", "water", "В доме {addr} во всех квартирах нет холодной воды, в соседних домах вода есть. УК молчит"),
    ("Дальнее", "electricity", "на весь дом {addr} нет света с вечера, соседние дома со светом"),
    ("Центр", "heating", "весь наш дом {addr} без отопления, у соседних домов всё нормально, что с нашим вводом?"),
)

# --- unrelated: streets, snow, lamps, away from the outages ------------------------------------------------
OTHERS: tuple[tuple[str, str], ...] = (
    ("Северный", "тротуар {na} сплошной лёд, бабушки падают, посыпьте песком"),
    ("Южный", "снег {na} не чистили третий день, не пройти"),
    ("Луговое", "не горят фонари {na}, темно идти с остановки"),
    ("Дальнее", "на остановке у дома {house} по {obl} лёд, скользко, уже двое упали"),
    ("Центр", "снег с тротуара {na} так и не убрали, идём по дороге"),
)


def _plural_hours(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} час"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} часа"
    return f"{n} часов"


def _duration(rng: random.Random, elapsed: int) -> str:
    """How long it has lasted, as a resident says it, from the minutes since the outage began."""
    if elapsed < 45:
        return rng.choice(["уже полчаса", "уже минут сорок", "уже час почти"])
    hours = max(1, round(elapsed / 60))
    forms = [f"уже {_plural_hours(hours)}", f"{_plural_hours(hours)} уже", f"уже {hours} ч"]
    if hours >= 3:
        forms.append("полночи" if hours < 6 else "всю ночь")
    return rng.choice(forms)


def _house(rng: random.Random, private: bool) -> tuple[int, str]:
    n = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    if private:
        forms = [f"{n}", f"{n}", f"д{n}", f"д.{n}", f"дом {n}", f"{n}а", f"{n}б"]
    else:
        k = rng.randint(1, 3)
        forms = [f"{n}", f"{n}", f"{n}", f"д{n}", f"д.{n}", f"д. {n}", f"{n}к{k}", f"дом {n} корп {k}", f"{n}/{k}",
                 f"{n}а"]
    return n, rng.choice(forms)


def _street_name(rng: random.Random, s: Way) -> str:
    r = rng.random()
    if s.typos and r < 0.15:
        return rng.choice(s.typos)
    if r < 0.25:
        return s.nominative.lower()
    return s.nominative


def _address(rng: random.Random, s: Way, h: str) -> str:
    st = _street_name(rng, s)
    by_po = h if h.startswith("д") else f"дом {h}"
    return rng.choice([f"ул. {st} {h}", f"ул.{st}, {h}", f"{st} {h}", f"{st}, {h}", f"на {s.oblique} {h}",
                       f"{by_po} по {s.oblique}", f"улица {st}, {by_po}", f"ул {st} {h}", f"{st} {h}"])


def _geo(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = centre[0] + rng.uniform(-0.0012, 0.0012)
    lon = centre[1] + rng.uniform(-0.0012, 0.0012)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"https://yandex.ru/maps/?pt={lon:.5f},{lat:.5f}&z=17",
                       f"https://2gis.ru/geo/{lon:.5f},{lat:.5f}", f"geo:{lat:.5f},{lon:.5f}",
                       f"координаты {lat:.4f} {lon:.4f}"])


def _fill(rng: random.Random, template: str, s: Way, minute: int, storm: Storm | None = None,
          private: bool = False, district: str = "") -> str:
    n, h = _house(rng, private)
    since = rng.choice(storm.began) if storm else "с вечера"
    dur = _duration(rng, minute - storm.first) if storm else "с вечера"
    values = {
        "addr": _address(rng, s, h), "st": _street_name(rng, s), "obl": s.oblique, "h": h, "house": n,
        "na": rng.choice([f"на {s.oblique}", f"на {s.oblique}", f"на ул. {s.oblique}", f"на улице {s.oblique}"]),
        "flat": rng.randint(1, 120), "geo": _geo(rng, s.centre),
        "d": rng.choice(storm.districts) if storm else district,
        "vd": rng.choice(storm.in_district) if storm else district,
        "lm": rng.choice(storm.landmarks) if storm else "",
        "dur": dur, "dur_cap": dur[:1].upper() + dur[1:], "since": since, "since_cap": since[:1].upper() + since[1:],
        "temp": f"+{max(10, round(15 - minute / 90))}",
    }
    text = template.format(**values)
    if rng.random() < 0.08:
        text = text.lower()
    return " ".join(text.split())


def _channel(rng: random.Random, text: str) -> str:
    if len(text) > 150 and rng.random() < 0.6:
        return rng.choice(["regional", "vk"])
    return rng.choice(CHANNELS)


def _minute(rng: random.Random, lo: int, hi: int) -> int:
    """Reports come thick at first and thin out: mostly a triangle leaning to the start of the stretch."""
    if rng.random() < 0.35:
        return rng.randint(lo, hi)
    return int(round(rng.triangular(lo, hi, lo + (hi - lo) * 0.08)))


def _line(minute: int, channel: str, text: str, where: dict[str, float] | None, label: str | None) -> dict[str, Any]:
    return {"minutes": minute, "channel": channel, "text": text, "location": where, "incident": label}


def outages(rng: random.Random, seen: set[str]) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for storm in STORMS:
        uses: dict[int, int] = {}
        located = set(rng.sample(range(100), 15))  # exactly 15 % carry a location
        for index in range(100):
            while True:
                pick = rng.randrange(len(storm.texts))
                if uses.get(pick, 0) >= 2 or (index < len(storm.texts) and pick in uses):
                    continue  # every wording used once before any is used twice
                entry = storm.texts[pick]
                template, lo, hi = entry if isinstance(entry, tuple) else (entry, storm.first, storm.last)
                s = rng.choice(storm.streets)
                minute = _minute(rng, max(lo, storm.first), min(hi, storm.last))
                text = _fill(rng, template, s, minute, storm, storm.private)
                if text in seen:
                    continue
                break
            uses[pick] = uses.get(pick, 0) + 1
            seen.add(text)
            where = location(rng, s.centre, 0.0015, share=1.0) if index in located else None
            lines.append(_line(minute, _channel(rng, text), text, where, storm.label))
    return lines


def unrelated(rng: random.Random, seen: set[str]) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []

    def add(template: str, s: Way, minute: int, private: bool = False, district: str = "") -> None:
        text = _fill(rng, template, s, minute, None, private, district)
        seen.add(text)
        lines.append(_line(minute, _channel(rng, text), text, location(rng, s.centre, 0.0015), None))

    for storm, bank, count in OWN:
        uses: dict[int, int] = {}
        pairs: set[tuple[int, str]] = set()
        while sum(uses.values()) < count:
            pick = rng.randrange(len(bank))
            s = rng.choice(storm.streets)
            if uses.get(pick, 0) >= 2 or (pick, s.nominative) in pairs:
                continue
            if sum(uses.values()) < len(bank) and pick in uses:
                continue
            template, stretches = bank[pick]
            lo, hi = rng.choice(stretches)
            uses[pick] = uses.get(pick, 0) + 1
            pairs.add((pick, s.nominative))
            add(template, s, rng.randint(lo, hi), storm.private)

    where_used: dict[int, list[str]] = {}
    per_street: dict[tuple[str, str], int] = {}
    districts = list(OTHER)
    made = 0
    while made < ELSEWHERE_COUNT:
        pick = rng.randrange(len(ELSEWHERE))
        category, template, centre_ok = ELSEWHERE[pick]
        district = rng.choice(districts)
        s = rng.choice(OTHER[district])
        if len(where_used.get(pick, [])) >= 2 or district in where_used.get(pick, []):
            continue  # each wording at most twice, the second time in another district
        if made < len(ELSEWHERE) and pick in where_used:
            continue
        if district == "Центр" and not centre_ok:
            continue
        if per_street.get((s.nominative, category), 0) >= 2:
            continue
        if any(district == d and category == c for d, c, _ in WHOLE):
            continue  # the whole building stays alone in its district and category
        where_used.setdefault(pick, []).append(district)
        per_street[(s.nominative, category)] = per_street.get((s.nominative, category), 0) + 1
        add(template, s, rng.randint(0, SPAN))
        made += 1

    for district, _category, template in WHOLE:
        s = rng.choice(OTHER[district] if district != "Центр" else OTHER["Центр"][1:])  # Чехова or Комсомольская
        add(template, s, rng.randint(0, SPAN))
    for district, template in OTHERS:
        add(template, rng.choice(OTHER[district]), rng.randint(0, SPAN))
    return lines


def check(lines: list[dict[str, Any]]) -> None:
    ranges = {storm.label: (storm.first, storm.last) for storm in STORMS}
    counts: dict[str | None, int] = {}
    for line in lines:
        counts[line["incident"]] = counts.get(line["incident"], 0) + 1
        lo, hi = ranges.get(line["incident"], (0, SPAN))
        assert lo <= line["minutes"] <= hi, line
        assert line["channel"] in {"vk", "telegram", "ok", "max", "regional"}, line
    assert len(lines) == 450 and counts == {"heat-novo": 100, "water-centre": 100, "power-khomutovo": 100,
                                            None: 150}, counts
    assert len({line["text"] for line in lines}) == len(lines), "two messages word for word the same"
    assert [line["minutes"] for line in lines] == sorted(line["minutes"] for line in lines)


def main() -> None:
    rng = random.Random(SEED)
    seen: set[str] = set()
    lines = outages(rng, seen) + unrelated(rng, seen)
    storm = numbered(rng, lines, PREFIX)
    check(storm)
    write(DATA / "incidents_storm_dev20.jsonl", storm)


if __name__ == "__main__":
    main()
