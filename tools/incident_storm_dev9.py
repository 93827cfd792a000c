"""Writes the ninth development storm of incident grouping (tests/data/incidents_storm_dev9.jsonl).

Three outages in the same hours of one morning in Южно-Сахалинск:

- `water-centre` (water, 105): a cold-water main bursts under Хабаровская in the centre, the street floods and the
  taps run dry on Хабаровская, Дзержинского, Карла Маркса and Емельянова;
- `hotwater-centre` (heating, 95): the heat point feeding the centre's block of Ленина, Комсомольская, Чехова and
  Курильская fails, no hot water there while the cold water still runs;
- `power-khomutovo` (electricity, 100): a substation fault in Хомутово, first voltage surges, then a power cut, on
  Новая, Центральная, Зелёная and Озёрная — streets residents write in lower case, in every case form, and whose
  names they also use as ordinary adjectives («центральное отопление», «новые трубы», «зелёный двор»).

And 150 unrelated messages of the same three categories (incident null): 45 single dwellings on the outages' own
streets (dated where they cannot be the outage: a flat's tap after the water is back, a burnt socket after the power
is), 100 single dwellings elsewhere, and 5 whole-building losses, each alone in its district and category.

The phrase banks were written for this repository by a writer who had not read the matching, the classifier, nor
any other storm's texts or phrase banks; houses, landmarks, shops and coordinates are made up. Fixed seed:

    .venv/bin/python -m tools.incident_storm_dev9
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 9017
PREFIX = "n"
SPAN_MINUTES = 480


@dataclass(frozen=True)
class StreetForms:
    """A street's name in the forms residents put it in (after «на», «по», «с», «между», «улицу»)."""

    nom: str  # Хабаровская
    gen: str  # (с, от, до) Хабаровской
    dat: str  # (по) Хабаровской
    acc: str  # (на, через) Хабаровскую
    ins: str  # (между) Хабаровской
    loc: str  # (на) Хабаровской
    district: str


def adjective(nom: str, district: str) -> StreetForms:
    stem = nom[:-2]
    return StreetForms(nom, stem + "ой", stem + "ой", stem + "ую", stem + "ой", stem + "ой", district)


def invariant(nom: str, district: str) -> StreetForms:
    return StreetForms(nom, nom, nom, nom, nom, nom, district)


CENTRE = "Центр"
KHOMUTOVO = "Хомутово"

STREETS: dict[str, StreetForms] = {s.nom: s for s in (
    adjective("Хабаровская", CENTRE), invariant("Дзержинского", CENTRE), invariant("Карла Маркса", CENTRE),
    invariant("Емельянова", CENTRE), invariant("Ленина", CENTRE), adjective("Комсомольская", CENTRE),
    invariant("Чехова", CENTRE), adjective("Курильская", CENTRE), adjective("Сахалинская", CENTRE),
    adjective("Пограничная", CENTRE),
    adjective("Новая", KHOMUTOVO), adjective("Центральная", KHOMUTOVO), adjective("Зелёная", KHOMUTOVO),
    adjective("Озёрная", KHOMUTOVO),
    adjective("Лучистая", "Луговое"), invariant("Дружбы", "Луговое"), adjective("Авиационная", "Луговое"),
    adjective("Шоссейная", "Луговое"), adjective("Ключевая", "Луговое"), adjective("Сиреневая", "Луговое"),
    adjective("Майская", "Луговое"), adjective("Западная", "Луговое"),
    adjective("Советская", "Ново-Александровск"), adjective("Рабочая", "Ново-Александровск"),
    adjective("Школьная", "Ново-Александровск"), adjective("Лесная", "Ново-Александровск"),
    adjective("Садовая", "Ново-Александровск"), adjective("Полевая", "Ново-Александровск"),
    invariant("Пуркаева", "Северный"), adjective("Украинская", "Северный"), invariant("Горького", "Северный"),
    adjective("Тихоокеанская", "Северный"), invariant("Поповича", "Северный"), adjective("Амурская", "Северный"),
    adjective("Физкультурная", "Северный"),
    invariant("Мира", "Южный"), invariant("Победы", "Южный"), invariant("Есенина", "Южный"),
    invariant("Маяковского", "Южный"), adjective("Детская", "Южный"), adjective("Вокзальная", "Южный"),
    invariant("Ухтомского", "Южный"),
    adjective("Горная", "Дальнее"), adjective("Весенняя", "Дальнее"), adjective("Солнечная", "Дальнее"),
    adjective("Речная", "Дальнее"),
)}
# A soft-stem adjective: «Весенней», not adjective()'s «Весенной».
STREETS["Весенняя"] = StreetForms("Весенняя", "Весенней", "Весенней", "Весеннюю", "Весенней", "Весенней", "Дальнее")

WATER_STREETS = ("Хабаровская", "Дзержинского", "Карла Маркса", "Емельянова")
HOT_STREETS = ("Ленина", "Комсомольская", "Чехова", "Курильская")
POWER_STREETS = ("Новая", "Центральная", "Зелёная", "Озёрная")

# How residents name the district: after «в» / as a heading.
CENTRE_IN = ("в центре", "в центре города", "в Центральном районе", "в центральной части города", "в центре ЮСа",
             "в центре Южно-Сахалинска", "в центр. р-не", "в цетре")
CENTRE_NOM = ("Центр", "центр города", "Центральный район", "центр, ЮС", "Центральный р-н")
KHOMUTOVO_IN = ("в Хомутово", "в Хомутове", "в с. Хомутово", "в хомутово", "на Хомутово", "в Хомутва", "в Хомутого",
                "в пос. Хомутово")
KHOMUTOVO_NOM = ("Хомутово", "с. Хомутово", "хомутово", "Хомутово (село)", "Хоиутово")

WATER_LANDMARKS = ("драмтеатра", "старого почтамта", "гостиницы «Заря»", "аптеки «Будь здоров»", "ТЦ «Панорама»",
                   "музыкалки", "сквера с памятником", "остановки «Хабаровская»")
HOT_LANDMARKS = ("ЦУМа", "главной площади", "кинотеатра «Октябрь»", "магазина «Восход»", "банка на углу",
                 "книжного на Ленина", "фонтана на площади")
KHOMUTOVO_LANDMARKS = ("сельского клуба", "магазина «Берёзка»", "остановки «Хомутово»", "старой котельной", "пруда",
                       "трансформаторной будки", "почты", "церкви")

WATER_CENTRE = (46.9565, 142.7335)
HOT_CENTRE = (46.9605, 142.7395)
POWER_CENTRE = (46.9200, 142.8200)
DISTRICT_CENTRES = {CENTRE: (46.9590, 142.7380), KHOMUTOVO: (46.9200, 142.8200), "Луговое": (46.9905, 142.7160),
                    "Ново-Александровск": (47.0330, 142.7230), "Северный": (46.9800, 142.7400),
                    "Южный": (46.9400, 142.7350), "Дальнее": (46.8600, 142.6500)}

# Where a template's street comes from: "main" — Хабаровская, where the main burst; "any" — any street of the
# outage; "other" — an outage street but the main one; "none" — the template names no street.
MAIN, ANY, OTHER, NONE = "main", "any", "other", "none"

# A template starting with "^" is shouted: the whole message is written in capitals.

WATER_TEXTS: tuple[tuple[str, str], ...] = (
    (MAIN, "На {loc} прорвало трубу, вода бьёт прямо из-под асфальта, машины плывут"),
    (MAIN, "{nom} затоплена от {h} и до перекрёстка, течёт целая река 😱"),
    (MAIN, "^{acc} залило!!! что за потоп"),
    (MAIN, "возле дома {h} по {dat} из колодца фонтан, вода уже во дворах"),
    (MAIN, "Там на {loc} авария, у остановки воды по щиколотку, кто-нибудь едет вообще?"),
    (MAIN, "Утром шла на работу по {dat} - вся дорога в воде, под ней что-то бурлит. А дома кран сухой. {addr}"),
    (MAIN, "В районе {gen} {h} порыв водопровода, вода заливает подвалы, срочно перекройте!"),
    (MAIN, "Прорыв трубы на ул. {nom}, парит и льёт, народ обходит по газону"),
    (MAIN, "{addr} — у подъезда озеро, вода идёт из люка, а в квартире хол. воды нет"),
    (MAIN, "на {loc} гейзер 🙈🙈 снимайте пока не перекрыли"),
    (MAIN, "Уважаемая администрация! Сегодня с раннего утра на ул. {nom} в районе дома {h} произошёл порыв "
           "водопроводной сети. Вода разливается по проезжей части и затекает в подвалы жилых домов, при этом в "
           "квартирах холодное водоснабжение отсутствует. Просим принять срочные меры."),
    (MAIN, "Водоканал вы где??? {nom} тонет уже час"),
    (MAIN, "машину у {gen} {h} по колёса залило, это ваша труба лопнула, кто платить будет"),
    (MAIN, "прорвало магистраль, на {loc} всё в воде и уже подмерзает, пешеходам не пройти"),
    (MAIN, "Из-под асфальта на {loc} фонтанирует вода, метра два в высоту было. В доме воды нет"),
    (MAIN, "{nom} {h}: подвал топит водой с улицы, там лопнула труба водоканала, а из крана ни капли"),
    (MAIN, "Новые трубы же летом меняли на {loc}!!! и опять порыв, вся улица в воде. Куда деньги дели?"),
    (MAIN, "Перекрыли движение по {dat}, там яма размыта и вода хлещет. У нас дома сухо в кранах, {addr}"),
    (ANY, "Нет холодной воды {addr}"),
    (ANY, "хвс нет с утра, {addr}"),
    (ANY, "{addr} ХВС отсутствует. Когда дадут?"),
    (ANY, "А что с водой на {loc}? открываю кран — тишина"),
    (ANY, "Воды нету на {loc}😡😡😡"),
    (ANY, "Нет воды вообще. {nom} {h}. Ни на кухне ни в ванной."),
    (ANY, "Сколько можно? Третий час без холодной воды, {addr}, дети, бабушка лежачая, даже чайник не вскипятить"),
    (ANY, "кран шипит и всё. на {loc} {h}"),
    (ANY, "на {loc} воды нет, говорят где-то трубу прорвало"),
    (ANY, "Добрый день. Проживаю по адресу {addr}. С утра отсутствует холодная вода. Аварийку УК набрать "
          "невозможно, занято. Прошу сообщить сроки восстановления."),
    (ANY, "^воды нет {nom} {h}"),
    (ANY, "когда включат воду по {dat}?"),
    (ANY, "Холодной воды нет ни у кого в подъезде, {addr}. Туалет не смыть, это антисанитария"),
    (ANY, "вода где?? {nom}"),
    (ANY, "Ребят у кого на {loc} вода есть? У меня сухо"),
    (ANY, "водаааа нетуууу, {addr} 😭"),
    (ANY, "на {loc} дом {h} без воды с семи утра, на работу ушли немытые"),
    (ANY, "Требую срочно восстановить подачу холодной воды! {addr}. Ни одного объявления, никто не предупредил."),
    (ANY, "Опять без воды сидим, {nom}. Привезите хоть бочку питьевой"),
    (ANY, "нет хол. воды, {addr}, кв. {flat}"),
    (ANY, "Подскажите, по {dat} воду отключили плановое или авария?"),
    (ANY, "У нас дом {h} по {dat}, воды нет, в УК сказали авария на сетях водоканала, когда устранят не знают"),
    (ANY, "холодная не идёт совсем, только горячая бежит и то еле-еле. {addr}"),
    (ANY, "Хвс 0. {nom} {h}"),
    (ANY, "Воду отключили без предупреждения, {addr}. Как обед готовить?"),
    (ANY, "на {loc} опять порыв? воды нет уже 2 часа"),
    (ANY, "{nom} д{h}… без воды🤬 сделайте что-нибудь"),
    (ANY, "Мы на {loc} живём, вода пропала в 8 утра, сейчас уже обед. Где аварийная бригада?"),
    (ANY, "между {ins} и {other_ins} воды нет ни в одном доме"),
    (ANY, "Поставил новый смеситель, думал он виноват — а воды нет во всём доме. {addr}"),
    (ANY, "в кранах пусто, {nom}-{n}. сколько ждать"),
    (ANY, "Вадоканал, на {loc} вады нет!!"),
    (OTHER, "у нас на {loc} в кранах ни капли. это из-за аварии на хабаровской?"),
    (OTHER, "Хабаровскую прорвало, а без воды и мы на {loc}. {addr}"),
    (OTHER, "С {gen} {h}: воды нет, хотя труба лопнула через квартал от нас"),
    (NONE, "У нас воды нет 😡"),
    (NONE, "в нашем доме нет холодной воды, уже три часа"),
    (NONE, "{district} нет воды, что случилось?"),
    (NONE, "{district} воды нет, где-то трубу прорвало?"),
    (NONE, "у {lm} всё затопило, вода хлещет из колодца"),
    (NONE, "напротив {lm} фонтан из-под земли, а дома в кранах сухо"),
    (NONE, "Когда вода будет?"),
    (NONE, "ВОДА!!!! когда?!"),
    (NONE, "Водоканал, когда почините трубу в центре?"),
    (NONE, "Хол воды нет. Доколе?"),
    (NONE, "в нашем доме в кранах ни капли, соседи тоже без воды. {coords}"),
    (NONE, "{coords} — тут прорыв, улица в воде"),
    (NONE, "дайте воду людям!!!"),
    (NONE, "У нас не идёт вода, чайник набрали из бутылок, в туалет сходить нельзя. Это как вообще"),
    (NONE, "Возле {lm} на дороге наледь от воды, трубу прорвало, и у нас дома воды нет"),
    (NONE, "{district_nom}, нет ХВС"),
    (NONE, "В нашем доме нету воды, у соседнего тоже. Объявлений нигде нет"),
    (NONE, "ну и где вода, у нас с утра ноль"),
)

HOT_TEXTS: tuple[tuple[str, str], ...] = (
    (ANY, "Нет горячей воды {addr}"),
    (ANY, "ГВС нет с утра, {addr}"),
    (ANY, "{addr} — горячей нет, холодная идёт нормально"),
    (ANY, "на {loc} горячая вода не идёт, из крана течёт ледяная"),
    (ANY, "гор. воды нет! {nom} {h}"),
    (ANY, "Опять отключили горячую воду без объявлений, {addr}. Когда включат?"),
    (ANY, "Горячая пропала на {loc}. У кого-то есть?"),
    (ANY, "Здравствуйте. По адресу {addr} отсутствует горячее водоснабжение с 9 утра. Холодная вода есть. "
          "Просим сообщить причину и сроки."),
    (ANY, "из горячего крана течёт холодная, сливаю уже 20 минут — без толку. {nom} {h}"),
    (ANY, "гвс 0 градусов 🥶 {addr}"),
    (ANY, "Помыть ребёнка нечем, горячей воды нет, {addr}"),
    (ANY, "греем воду в кастрюлях как в 90-е. {nom}, {h}"),
    (ANY, "Центральное отопление работает, батареи горячие, а горячей воды нет. {addr}"),
    (ANY, "горячей нету на {loc} и в соседних домах"),
    (ANY, "Говорят, на тепловом пункте авария, вот и сидим без горячей воды. {addr}"),
    (ANY, "тепловой пункт на {loc} опять сломался? горячей нет"),
    (ANY, "полотенцесушитель холодный и из крана гвс ледяная, {addr}"),
    (ANY, "Когда дадут гор воду по {dat}??"),
    (ANY, "{nom} {h}: горячее водоснабжение отсутствует, УК отправляет в теплосеть, теплосеть в УК"),
    (ANY, "^нет горячей воды {nom}"),
    (ANY, "горячую воду верните!!! {addr}"),
    (ANY, "Сегодня на работу без душа, на {loc} горячей нет 😤"),
    (ANY, "Мы с {gen} — нет горячей воды уже 4 часа, сколько ещё?"),
    (ANY, "На {loc} от {h} дома до конца улицы нет горячей"),
    (ANY, "между {ins} и {other_ins} все дома без горячей воды"),
    (ANY, "В квартале {gen}–{other_gen} нет ГВС"),
    (ANY, "Горячей воды нет, холодная есть. {nom}, {h}. Подскажите что случилось"),
    (ANY, "Горячую отключили? Или только у нас? {addr}"),
    (ANY, "кран горячей воды — одна ледяная. на {loc} {h}"),
    (ANY, "ГВС нетт {addr}"),
    (ANY, "Жители дома {h} по {dat} просят срочно восстановить горячее водоснабжение, в доме дети и пожилые"),
    (ANY, "уважаемые, когда будет горячая по {dat}? ни помыться ни посуду помыть"),
    (ANY, "Я работаю в ночную смену, пришла — горячей воды нет, даже душ не принять. {addr}"),
    (ANY, "{nom}: с утра горячей воды нет, а платим за неё как положено"),
    (ANY, "Отсутствует ГВС по адресу: г. Южно-Сахалинск, ул. {nom}, д. {h}. Прошу принять меры."),
    (ANY, "горячей вооооды нет на {loc}"),
    (ANY, "Нет гор. воды на {loc}, хол. есть"),
    (ANY, "Новый смеситель ставили в субботу, думала в нём дело. А горячей нет у всего подъезда, {addr}"),
    (ANY, "Комсомолка/Ленина — горячей воды нет, кто в курсе когда?"),
    (ANY, "{nom} {n}/{k} гвс нет, холодная норм"),
    (ANY, "Слили стояк — всё равно холодная из горячего крана. Вся {nom} так"),
    (ANY, "Кипятим чайниками, чтобы помыться, {loc_na_phrase}. Сколько ещё так?"),
    (ANY, "Управляющая компания говорит, что ГВС нет по всему кварталу {gen}, авария на ЦТП. Сроки?"),
    (ANY, "ГОРЯЧЕЙ ВОДЫ НЕТ!!! {addr}. Где теплосеть?"),
    (ANY, "горячей нет, у {gen} {h} и у соседних домов тоже, холодная бежит"),
    (NONE, "у нас горячей воды нет"),
    (NONE, "В нашем доме нет горячей воды с утра, холодная есть"),
    (NONE, "{district} нет горячей воды?"),
    (NONE, "ГВС когда???"),
    (NONE, "горячая вода когда будет"),
    (NONE, "Нет горячей воды в районе {lm}"),
    (NONE, "У {lm} все дома без горячей воды, тепловой пункт во дворе гудит и молчит"),
    (NONE, "{coords} нет гвс"),
    (NONE, "Горячей воды нет уже полдня, в нашем подъезде и в соседнем"),
    (NONE, "вода только холодная. горячую когда включите?"),
    (NONE, "{district_nom}. Нет ГВС. Дети немытые."),
    (NONE, "Где горячая вода? Сколько ждать?"),
    (NONE, "Теплосеть, ау! У нас горячей нет!"),
    (NONE, "в нашем доме гор. вода пропала, а батареи горячие"),
    (NONE, "Горячую воду дайте людям, {district} весь квартал моется из тазиков"),
)

SURGE_TEXTS: tuple[tuple[str, str], ...] = (
    (ANY, "На {loc} скачет напряжение, лампочки то ярко то тускло"),
    (ANY, "свет мигает уже полчаса, {addr}, боюсь за технику"),
    (ANY, "Что с напряжением на {loc}?? холодильник то включается то выключается"),
    (ANY, "у нас на {loc} напряжение 170 вольт, стабилизатор пищит"),
    (ANY, "скачки напряжения, {addr}! У соседей сгорел телевизор"),
    (ANY, "{district_nom}, {nom}: мигает свет, гудит в щитке"),
    (ANY, "лампочки моргают, по {dat} у всех так"),
    (ANY, "Купили новый холодильник неделю назад, а тут напряжение прыгает. Кто будет отвечать если сгорит? "
          "{addr}"),
    (ANY, "^скачет свет на {loc}"),
    (ANY, "на подстанции что-то бахнуло, и свет стал мигать по всей {dat}"),
    (ANY, "Свет тусклый, напряжение низкое, {addr}. Микроволновка не запускается"),
    (ANY, "Электрики, проверьте напряжение по {dat}, лампочки перегорают одна за другой"),
    (ANY, "В доме {h} по {dat} скачки напряжения. Отключите линию, пока всё не погорело"),
    (ANY, "то 250 то 180 вольт на {loc}, это нормально?"),
    (ANY, "в новом доме на {loc} свет моргает, у всех соседей то же самое"),
    (NONE, "У нас свет мигает, что случилось?"),
    (NONE, "{district} скачки напряжения, выключайте технику из розеток!"),
    (NONE, "у нас напряжение прыгает, лампы горят вполсилы"),
    (NONE, "возле {lm} бахнула подстанция, свет заморгал"),
    (NONE, "{district} свет моргает как на дискотеке 🪩"),
)

CUT_TEXTS: tuple[tuple[str, str], ...] = (
    (ANY, "Нет света {addr}"),
    (ANY, "на {loc} нет света"),
    (ANY, "Свет отключили, {addr}"),
    (ANY, "электричества нет с утра. {nom}, {h}"),
    (ANY, "эл-во пропало на {loc}"),
    (ANY, "нет э/э, {addr}"),
    (ANY, "после скачков всё потухло. {district_nom}, {nom}"),
    (ANY, "Сначала мигало, теперь вообще темно. {addr}"),
    (ANY, "Когда дадут свет на {loc}?"),
    (ANY, "Добрый день. Проживаю: {district_nom}, ул. {nom}, д. {h}. Сегодня утром сначала были скачки "
          "напряжения, затем электроснабжение пропало полностью. Прошу сообщить, когда будет восстановлено."),
    (ANY, "^света нет {nom}"),
    (ANY, "сидим без света на {loc} уже 3 часа, котёл электрический, дом остывает"),
    (ANY, "вся {nom} без света"),
    (ANY, "{nom} и {other_nom} без электричества"),
    (ANY, "свет где? {nom} {h}"),
    (ANY, "светааа нееет 😭 {addr}"),
    (ANY, "Электричество отсутствует. {addr}. Холодильник потёк, продукты пропадают"),
    (ANY, "от {gen} до {other_gen} нигде нет света"),
    (ANY, "на {loc} в окнах ни огонька, и фонари не горят"),
    (ANY, "Требуем восстановить электроснабжение!!! {addr}. У нас пожилой человек на кислородном концентраторе"),
    (ANY, "{district_nom}, на {loc} нет эл-ва"),
    (ANY, "нету света. {nom} д{n}"),
    (ANY, "Почему нет света на {loc}? Никаких объявлений не было"),
    (ANY, "Кто знает, когда включат электричество по {dat}?"),
    (ANY, "купили новый обогреватель, а толку, света нет. {addr}"),
    (ANY, "электричества нет на {loc} и на {other_loc}"),
    (ANY, "Свет вырубило после скачков, {addr}. Автоматы в щитке целые, значит на линии"),
    (ANY, "с утра без электроэнергии, {addr}, ребёнок болеет, ни чайник, ни ингалятор"),
    (ANY, "в доме {h} по {dat} нет света, у соседних домов тоже"),
    (ANY, "На {loc} темно, свет пропал после того как моргал всё утро"),
    (ANY, "Россети, вы там живые? {nom} без света"),
    (ANY, "э/э отсутствует {nom} {h}, в РЭС дозвониться не могу"),
    (ANY, "{nom} {n}к{k} — электричества нет, вода в скважине на насосе, значит и воды нет"),
    (ANY, "У нас на {loc} свет отключился, зелёный огонёк на счётчике не горит"),
    (ANY, "не могу дозвониться никуда!! {addr} без света с 9 утра"),
    (ANY, "Отопление у нас не центральное, котёл электрический — без света замерзаем. {addr}"),
    (ANY, "СВЕТ ДАЙТЕ {nom}!!!"),
    (ANY, "Света нет, {addr}. Весь наш зелёный двор в темноте, фонари тоже погасли"),
    (ANY, "нет света {loc_na_phrase}, и у соседей через дорогу тоже"),
    (NONE, "У нас нет света"),
    (NONE, "в нашем доме нет электричества"),
    (NONE, "{district} нет света"),
    (NONE, "Свет когда дадут?"),
    (NONE, "возле {lm} нигде нет света"),
    (NONE, "{coords} света нет"),
    (NONE, "СВЕТ!!!"),
    (NONE, "у нас то мигал свет, теперь совсем отключили"),
    (NONE, "Нет электроэнергии в нашем доме и в соседних, с утра"),
    (NONE, "в районе {lm} света нет"),
    (NONE, "{district} после скачков вырубило свет, когда починят подстанцию?"),
    (NONE, "Эл-во когда будет???"),
)


@dataclass(frozen=True)
class Dwelling:
    """One dwelling's own problem (or one building's), not an outage: its street and the minutes it can be sent."""

    street: str
    text: str
    first: int
    last: int


# The outages' hours: water off 25–340, hot water off 40–360, surges 5–60 then no power 55–330.
BEFORE_WATER, AFTER_WATER = (0, 20), (380, SPAN_MINUTES)
AFTER_HOT = (400, SPAN_MINUTES)
AFTER_POWER = (360, SPAN_MINUTES)
ALL_DAY = (0, SPAN_MINUTES)


def dwelling(street: str, text: str, hours: tuple[int, int] = ALL_DAY) -> Dwelling:
    return Dwelling(street, text, hours[0], hours[1])


# 45 single dwellings on the outages' own streets, in the three categories.
OWN_STREET_DWELLINGS: tuple[Dwelling, ...] = (
    # the burst main's streets: the cold water is off 25–340, so taps and risers are written before or after
    dwelling("Хабаровская", "Воду дали, а у меня теперь кран в ванной не закрывается, течёт струйкой. {addr}, "
                            "кв. {flat}. Остальные в подъезде говорят у них нормально", AFTER_WATER),
    dwelling("Дзержинского", "После того как воду включили, в туалете бачок шумит и течёт без остановки. Только у "
                             "нас, соседи проверили. {addr}", AFTER_WATER),
    dwelling("Карла Маркса", "Течёт стояк холодной воды в санузле кв. {flat}, {addr}. УК третий день не идёт",
             BEFORE_WATER),
    dwelling("Емельянова", "У меня из смесителя на кухне капает, прокладку менял - не помогло. {addr}",
             AFTER_WATER),
    dwelling("Хабаровская", "в квартире ржавая вода из-под крана после включения, у соседей уже чистая. {addr}",
             AFTER_WATER),
    dwelling("Дзержинского", "Одна батарея в спальне холодная, остальные горячие. {addr}, кв. {flat}"),
    dwelling("Карла Маркса", "В детской радиатор чуть тёплый, а в зале жарко. Воздух наверное. {addr}"),
    dwelling("Емельянова", "у нас в квартире одна батарея ледяная, кран маевского не помогает. {nom} {h}"),
    dwelling("Хабаровская", "Холодно в угловой комнате, батарея еле тёплая, у соседей норм. {addr}"),
    dwelling("Дзержинского", "В квартире выбивает автомат, когда включаю чайник. У соседей всё работает. {addr}"),
    dwelling("Карла Маркса", "Розетка на кухне искрит и почернела, кв. {flat}, {addr}. Боюсь пожара"),
    dwelling("Емельянова", "У меня в квартире нет света только в ванной и коридоре, в щитке всё включено. {addr}"),
    dwelling("Хабаровская", "Горячей воды нет только в нашей квартире — сосед говорит, вентиль на стояке "
                            "перекрыт у нас. {addr}, кв. {flat}. Откройте пожалуйста"),
    dwelling("Дзержинского", "Из горячего крана идёт чуть тёплая, только у меня, у соседей горячая. {addr}"),
    dwelling("Карла Маркса", "Стояк у соседа сверху течёт, у нас мокрое пятно на потолке. {addr}", AFTER_WATER),
    # the hot water's block: the cold water runs all day, the hot is off 40–360
    dwelling("Ленина", "Кран холодной воды на кухне не перекрывается до конца, капает всю ночь. {addr}, кв. {flat}"),
    dwelling("Комсомольская", "Течёт стояк холодной воды в подвале, под нашей квартирой, {addr}. Заливает кладовку"),
    dwelling("Чехова", "Подтекает соединение трубы под раковиной, новые трубы ставили полгода назад. {addr}"),
    dwelling("Курильская", "В квартире {flat} по {addr} лопнул шланг у смесителя, воду перекрыли сами. "
                           "Нужен сантехник УК"),
    dwelling("Ленина", "Напор холодной воды слабый только у меня в ванной, на кухне нормальный. {addr}"),
    dwelling("Чехова", "У нас в туалете течёт стояк, соседи снизу жалуются. {nom} {h}, кв. {flat}"),
    dwelling("Комсомольская", "В спальне батарея холодная, у всех в подъезде горячие. {addr}, кв. {flat}"),
    dwelling("Курильская", "одна батарея холодная в квартире, остальные греют. {nom} {h}"),
    dwelling("Ленина", "Батарею в зале меняли летом, новая, а не греет. Остальные тёплые. {addr}"),
    dwelling("Чехова", "Радиатор на кухне холодный сверху, воздух, наверное. Только у меня так. {addr}"),
    dwelling("Комсомольская", "Горячую всем дали, а у меня нет: вентиль у счётчика закис и не открывается. "
                              "{addr}, кв. {flat}", AFTER_HOT),
    dwelling("Ленина", "У соседей горячая вода уже пошла, у нас нет, сантехник говорит кран на стояке сломан. "
                       "{addr}", AFTER_HOT),
    dwelling("Курильская", "В квартире не работают розетки в одной комнате, автомат не выбит. {addr}, кв. {flat}"),
    dwelling("Чехова", "Выбивает пробки, когда включаю стиральную машину, соседи без проблем. {addr}"),
    dwelling("Комсомольская", "запах горелой проводки в квартире, щиток на площадке в порядке. {addr}"),
    # the power cut's streets in Хомутово: no power 5–330, so the flats' electricity is written after
    dwelling("Новая", "Свет дали, а у меня после скачков сгорела розетка на кухне, почернела. Только у нас так. "
                      "{addr}", AFTER_POWER),
    dwelling("Центральная", "после утренних скачков в квартире не работает ни одна розетка в зале, у соседей всё "
                            "есть. {addr}", AFTER_POWER),
    dwelling("Зелёная", "Электричество вернули, но в нашей квартире выбивает автомат каждые 10 минут. Соседи "
                        "говорят у них нормально. {addr}", AFTER_POWER),
    dwelling("Озёрная", "у меня одного дома света нет, у всех на улице уже дали. Счётчик не показывает ничего. "
                        "{addr}", AFTER_POWER),
    dwelling("Новая", "Сгорел блок питания котла после скачка, свет есть, но котёл не запускается. Одна наша "
                      "квартира. {addr}", AFTER_POWER),
    dwelling("Центральная", "На кухне капает кран, новый смеситель купили — всё равно течёт. {addr}"),
    dwelling("Зелёная", "Течёт труба под раковиной у нас в доме {h} по {dat}, вызывали УК — никто не пришёл"),
    dwelling("Озёрная", "Стояк холодной воды течёт в санузле, пол мокрый. {addr}, кв. {flat}"),
    dwelling("Новая", "Слабый напор в ванной, только в нашей квартире. Фильтр меняли. {addr}"),
    dwelling("Центральная", "Подтекает стояк в подвале нашего дома, {addr}, под лестницей лужа"),
    dwelling("Зелёная", "Одна батарея холодная в детской, в других комнатах нормально. {addr}"),
    dwelling("Озёрная", "У нас в квартире радиатор в спальне еле тёплый, у соседей жарко. {addr}"),
    dwelling("Новая", "Батарея на кухне не греет, кран у неё закрыт был, теперь не открывается. {addr}"),
    dwelling("Центральная", "Горячей воды нет только у меня — вентиль на трубе в квартире сорвало. {addr}"),
    dwelling("Озёрная", "из горячего крана течёт чуть тёплая, у соседей горячая, у нас что-то с краном. {addr}"),
)

# Single dwellings elsewhere, by category: each wording is sent from two streets of other districts.
ELSEWHERE_WORDINGS: dict[str, tuple[str, ...]] = {
    "water": (
        "Течёт стояк в туалете, {addr}, кв. {flat}. Заливаем соседей снизу",
        "кран на кухне капает круглые сутки, {addr}",
        "Поставили новый смеситель, а он течёт из-под гайки. {addr}",
        "Слабый напор холодной воды только в нашей квартире, {addr}. Соседи говорят у них норм",
        "В ванной труба потекла, новые трубы меняли всего год назад! {addr}",
        "у нас в квартире вода из крана мутная, у соседей чистая. {addr}",
        "Подвал нашего дома заливает из лопнувшей трубы, {addr}. УК не реагирует",
        "бачок унитаза течёт, сантехник из УК не приходит третий день, {addr}",
        "Прорвало шланг стиральной машины, перекрыли вентиль в квартире, теперь нет воды у нас одних. {addr}",
        "Капает с потолка в ванной, сверху течёт стояк. {nom} {h}, кв. {flat}",
        "Из крана холодной воды идёт тонкая струйка, только у меня на кухне. {addr}",
        "в подъезде под лестницей лужа, течёт труба в подвале. {addr}",
        "Счётчик холодной воды подтекает, кто должен менять? {addr}",
        "Засорилась канализация в квартире, вода в ванной не уходит. {addr}",
        "Свищ на трубе холодной воды в санузле, подставили тазик. {addr}, кв. {flat}",
        "Шумит и гудит труба холодной воды в стене, только у нас. {addr}",
        "Вентиль на стояке в квартире течёт, надо менять. {addr}",
        "На смесителе зелёный налёт, и он подтекает по капле. {addr}, кв. {flat}",
    ),
    "heating": (
        "Одна батарея в комнате холодная, остальные нормальные. {addr}, кв. {flat}",
        "в квартире холодно, батареи еле тёплые, у соседей жарко. {addr}",
        "Центральное отопление в нашей квартире слабое, в спальне +17. {addr}",
        "Радиатор течёт на стыке, подставила ведро. {nom} {h}",
        "Горячей воды нет только в нашей квартире, вентиль закрыт и не поворачивается. {addr}",
        "Полотенцесушитель холодный, в остальной квартире всё работает. {addr}",
        "После замены батареи на новую она не греет. {addr}, кв. {flat}",
        "Из горячего крана чуть тёплая вода, только у нас. {addr}",
        "Батарея в детской ледяная, стравливали воздух - без толку. {addr}",
        "у нас в угловой квартире холодно, стены промерзают. {addr}, кв. {flat}",
        "Стояк отопления в квартире не греет, у соседей сверху горячий. {addr}",
        "Капает из-под крана на батарее, надо вызвать сантехника. {addr}",
        "Горячая вода идёт ржавая только у меня в ванной, у соседей чистая. {addr}",
        "ГВС в нашей квартире еле тёплая, у соседей норм. {addr}",
        "Батарея на кухне шумит и булькает, плохо греет. {addr}",
        "на лоджии батарея холодная, в комнатах тепло. {addr}",
    ),
    "electricity": (
        "Розетка в комнате сгорела и почернела, {addr}, кв. {flat}",
        "В квартире выбивает автомат при включении духовки, {addr}",
        "Нет света только в нашей квартире, у соседей есть. {addr}",
        "пахнет горелым из розетки на кухне, у меня одной. {addr}",
        "Не работает половина розеток в квартире, автомат включён. {addr}",
        "Счётчик электроэнергии в квартире не крутится, свет есть. {addr}, кв. {flat}",
        "Мигает свет только у нас на кухне, у соседей нормально. {addr}",
        "Искрит выключатель в коридоре, {addr}. Боимся включать",
        "В щитке на площадке искрит наш автомат, у соседей всё в порядке. {addr}",
        "Сгорела проводка в ванной, нет света только там. {addr}",
        "у меня в квартире пропал свет, у соседей горит, пробки целые. {addr}",
        "Плита электрическая не включается, остальное работает, думаю провод. {addr}",
        "Провод в квартире греется, когда включаем обогреватель. {addr}, кв. {flat}",
        "Пропал свет в одной комнате, в остальных есть. {addr}",
        "Нужно заменить автомат в квартирном щитке, выбивает постоянно. {addr}",
        "Запах гари из розетки в детской, только у нас. {addr}",
    ),
}

# District and category of each whole-building loss: no other unrelated message of that category in that district.
WHOLE_BUILDINGS: tuple[tuple[str, str, str], ...] = (
    ("electricity", "Ключевая", "Во всём доме {addr} нет света с утра, в соседних домах горит. Видимо, кабель "
                                "к дому"),
    ("water", "Горького", "Весь дом {addr} без холодной воды, в соседних домах вода есть. УК говорит ввод "
                          "прорвало"),
    ("heating", "Есенина", "В доме {addr} во всех квартирах холодные батареи, у соседних домов тепло"),
    ("electricity", "Солнечная", "В нашем доме {h} по {dat} нет света ни в одной квартире, а на улице у всех "
                                 "горит"),
    ("heating", "Лесная", "{addr}: отопление не работает во всём доме, УК перекрыла узел и ушла"),
)

ELSEWHERE_DISTRICTS = ("Луговое", "Ново-Александровск", "Северный", "Южный", "Дальнее", CENTRE)
CENTRE_SPARE_STREETS = ("Сахалинская", "Пограничная")

def one_letter_off(rng: random.Random, word: str) -> str:
    """A letter dropped, doubled, swapped with its neighbour, or a vowel changed (never the first letter)."""
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 2)
    kind = rng.choice(("drop", "double", "swap", "vowel"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    vowels = [j for j in range(1, len(word)) if word[j] in "аоеиыуя"]
    if not vowels:
        return word
    j = rng.choice(vowels)
    return word[:j] + {"а": "о", "о": "а", "е": "и", "и": "е", "ы": "и", "у": "ю", "я": "а"}[word[j]] + word[j + 1:]


def street_form(rng: random.Random, s: StreetForms, case: str) -> str:
    form: str = getattr(s, case)
    if s.nom == "Карла Маркса":
        form = rng.choice(("Карла Маркса", "Карла Маркса", "К.Маркса", "К. Маркса", "Маркса"))
    lower_share = 0.5 if s.district == KHOMUTOVO else 0.1
    if "ё" in form and rng.random() < 0.5:
        form = form.replace("ё", "е")
    if rng.random() < 0.08:
        words = form.split(" ")
        words[-1] = one_letter_off(rng, words[-1])
        form = " ".join(words)
    if rng.random() < lower_share:
        form = form.lower()
    return form


def house_form(rng: random.Random, n: int, k: int) -> str:
    return rng.choice((f"{n}", f"{n}", f"д{n}", f"д.{n}", f"д. {n}", f"дом {n}", f"{n}к{k}", f"{n} корп. {k}",
                       f"дом {n} корп {k}", f"{n}/{k}", f"{n}а"))


def address(rng: random.Random, s: StreetForms, n: int, k: int) -> str:
    nom, dat, loc = street_form(rng, s, "nom"), street_form(rng, s, "dat"), street_form(rng, s, "loc")
    hf = house_form(rng, n, k)
    return rng.choice((f"ул. {nom} {hf}", f"{nom} {hf}", f"ул.{nom}, {hf}", f"{nom}, {hf}", f"{nom}-{n}",
                       f"дом {n} по {dat}", f"дом {n} по ул. {dat}", f"на {loc} {hf}", f"улица {nom}, дом {n}",
                       f"ул {nom} д {n}", f"{hf} по ул. {dat}"))


def coordinates(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = round(centre[0] + rng.uniform(-0.003, 0.003), 5)
    lon = round(centre[1] + rng.uniform(-0.003, 0.003), 5)
    return rng.choice((f"{lat}, {lon}", f"{lat} {lon}", f"https://yandex.ru/maps/?pt={lon},{lat}&z=17",
                       f"координаты {lat},{lon}"))


@dataclass(frozen=True)
class Place:
    """Everything a template may name besides its street: the district, its landmarks, coordinates."""

    district_in: tuple[str, ...]
    district_nom: tuple[str, ...]
    landmarks: tuple[str, ...]
    centre: tuple[float, float]


CENTRE_WATER = Place(CENTRE_IN, CENTRE_NOM, WATER_LANDMARKS, WATER_CENTRE)
CENTRE_HOT = Place(CENTRE_IN, CENTRE_NOM, HOT_LANDMARKS, HOT_CENTRE)
KHOMUTOVO_POWER = Place(KHOMUTOVO_IN, KHOMUTOVO_NOM, KHOMUTOVO_LANDMARKS, POWER_CENTRE)


def fill(rng: random.Random, template: str, s: StreetForms, other: StreetForms, place: Place | None) -> str:
    n = rng.choice((rng.randint(1, 12), rng.randint(1, 48)))
    k = rng.randint(1, 3)
    values = {
        "addr": address(rng, s, n, k), "h": house_form(rng, n, k), "n": str(n), "k": str(k),
        "flat": str(rng.randint(1, 96)),
        "nom": street_form(rng, s, "nom"), "gen": street_form(rng, s, "gen"), "dat": street_form(rng, s, "dat"),
        "acc": street_form(rng, s, "acc"), "ins": street_form(rng, s, "ins"), "loc": street_form(rng, s, "loc"),
        "loc_na_phrase": rng.choice((f"на {street_form(rng, s, 'loc')} {n}", f"ул. {street_form(rng, s, 'nom')}",
                                     f"на {street_form(rng, s, 'loc')}")),
        "other_nom": street_form(rng, other, "nom"), "other_gen": street_form(rng, other, "gen"),
        "other_ins": street_form(rng, other, "ins"), "other_loc": street_form(rng, other, "loc"),
    }
    if place is not None:
        values.update(district=rng.choice(place.district_in), district_nom=rng.choice(place.district_nom),
                      lm=rng.choice(place.landmarks), coords=coordinates(rng, place.centre))
    shout = template.startswith("^")
    text = template.lstrip("^").format(**values)
    if shout:
        text = text.upper()
    elif rng.random() < 0.1:
        text = text.lower()
    if rng.random() < 0.08:
        text = text.rstrip(".!") + rng.choice(("!!!", "??", ")))", " 😡", "!!1"))
    text = " ".join(text.split())
    return text[0].upper() + text[1:] if text[0].isalpha() and rng.random() < 0.5 else text


def pick_street(rng: random.Random, where: str, streets: tuple[str, ...]) -> tuple[StreetForms, StreetForms]:
    if where == MAIN:
        chosen = streets[0]
    elif where == OTHER:
        chosen = rng.choice(streets[1:])
    else:
        chosen = rng.choice(streets)
    other = rng.choice([name for name in streets if name != chosen])
    return STREETS[chosen], STREETS[other]


def outage_lines(rng: random.Random, label: str, bank: tuple[tuple[str, str], ...], count: int,
                 streets: tuple[str, ...], place: Place, hours: tuple[int, int]) -> list[dict[str, Any]]:
    """`count` messages from `bank`, every wording at least once, in the outage's hours."""
    if count < len(bank):
        raise ValueError(f"{label}: fewer messages than wordings")
    order = list(bank) + [rng.choice(bank) for _ in range(count - len(bank))]
    lines = []
    for where, template in order:
        s, other = pick_street(rng, where, streets)
        lines.append({"minutes": rng.randint(*hours), "channel": rng.choice(CHANNELS),
                      "text": fill(rng, template, s, other, place),
                      "location": location(rng, place.centre, 0.004), "incident": label})
    return lines


def unrelated_line(rng: random.Random, s: StreetForms, text: str, hours: tuple[int, int]) -> dict[str, Any]:
    return {"minutes": rng.randint(*hours), "channel": rng.choice(CHANNELS),
            "text": fill(rng, text, s, s, None),
            "location": location(rng, DISTRICT_CENTRES[s.district], 0.01), "incident": None}


def elsewhere_streets(category: str) -> list[str]:
    taken = {(cat, STREETS[name].district) for cat, name, _ in WHOLE_BUILDINGS}
    outage_streets = set(WATER_STREETS) | set(HOT_STREETS) | set(POWER_STREETS)
    return [name for name, s in STREETS.items()
            if s.district in ELSEWHERE_DISTRICTS and name not in outage_streets
            and (category, s.district) not in taken and name not in {b for _, b, _ in WHOLE_BUILDINGS}]


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = outage_lines(rng, "water-centre", WATER_TEXTS, 105, WATER_STREETS, CENTRE_WATER, (25, 340))
    lines += outage_lines(rng, "hotwater-centre", HOT_TEXTS, 95, HOT_STREETS, CENTRE_HOT, (40, 360))
    lines += outage_lines(rng, "power-khomutovo", SURGE_TEXTS, 25, POWER_STREETS, KHOMUTOVO_POWER, (5, 60))
    lines += outage_lines(rng, "power-khomutovo", CUT_TEXTS, 75, POWER_STREETS, KHOMUTOVO_POWER, (55, 330))
    for d in OWN_STREET_DWELLINGS:
        lines.append(unrelated_line(rng, STREETS[d.street], d.text, (d.first, d.last)))
    elsewhere = [(category, text) for category, texts in ELSEWHERE_WORDINGS.items() for text in texts]
    sends = [pair for pair in elsewhere for _ in range(2)]
    sends += rng.sample(elsewhere, 100 - len(sends))
    used: set[tuple[str, str]] = set()
    for category, text in sends:
        candidates = [name for name in elsewhere_streets(category) if (text, name) not in used]
        name = rng.choice(candidates)
        used.add((text, name))
        lines.append(unrelated_line(rng, STREETS[name], text, ALL_DAY))
    for _, name, text in WHOLE_BUILDINGS:
        lines.append(unrelated_line(rng, STREETS[name], text, ALL_DAY))
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev9.jsonl", storm())


if __name__ == "__main__":
    main()
