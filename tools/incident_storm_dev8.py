"""Writes the eighth development storm of incident grouping (tests/data/incidents_storm_dev8.jsonl).

Three outages of one district, Ново-Александровск, in the same morning, on overlapping streets:

- ``gas-novoalex``: the gas supply cut on seven streets (the domain has no gas category; the label is the incident);
- ``water-novoalex``: a burst cold-water main on Садовая, water over the street and into the yards, and no cold water
  on Садовая, Полевая, Заводская, Кольцевая (the flood and the dry taps are one incident);
- ``hotwater-novoalex``: a heat point failed, no hot water in the block of Советская, Рабочая, Молодёжная,
  Заводская while the cold water there still runs.

150 unrelated messages: single dwellings and entrances on the outages' own streets, the same kinds elsewhere, ordinary
appeals of the same categories (a pothole full of water, a broken hydrant, a smell of gas at one entrance) and five
whole-building losses alone in their district and category.

The phrase banks were written for this repository in the manner of residents' messages (made-up houses, landmarks and
coordinates; no real person's words). Each line has the format of `tools.incident_storm`:

    {"id", "minutes", "channel", "text", "location" (some), "incident": "<label>" | null}

    .venv/bin/python -m tools.incident_storm_dev8
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 8017
PREFIX = "e"
SPAN_MINUTES = 600


@dataclass(frozen=True)
class Street:
    """A street's name in the cases residents put it in ("на Садовой", "затопило Садовую", "с Садовой")."""

    nom: str
    gen: str
    dat: str
    acc: str
    ins: str
    pre: str


def street(nominative: str) -> Street:
    if nominative.endswith("ая"):
        stem = nominative[:-2]
        oblique = stem + ("ей" if stem[-1] in "жчшщ" else "ой")  # "Рабочей", "Советской"
        return Street(nominative, oblique, oblique, stem + "ую", oblique, oblique)
    if nominative.endswith("яя"):  # "Крайняя"
        stem = nominative[:-2]
        oblique = stem + "ей"
        return Street(nominative, oblique, oblique, stem + "юю", oblique, oblique)
    return Street(nominative, nominative, nominative, nominative, nominative, nominative)  # "Ленина", "Дружбы"


def misspelt(word: str, how: int, at: int) -> str:
    """One letter off: dropped, doubled, swapped with the next, or a vowel heard wrong."""
    if len(word) < 5:
        return word
    i = 1 + at % (len(word) - 3)
    if how == 0:
        return word[:i] + word[i + 1:]
    if how == 1:
        return word[:i] + word[i] + word[i:]
    if how == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    swaps = {"о": "а", "а": "о", "е": "и", "и": "е", "ё": "е", "я": "е"}
    for j in range(i, len(word)):
        if word[j] in swaps:
            return word[:j] + swaps[word[j]] + word[j + 1:]
    return word[:i] + word[i + 1:]


def street_forms(rng: random.Random, s: Street) -> dict[str, str]:
    """The forms of one street for one message: sometimes misspelt a letter off, sometimes in lower case."""
    forms = {"nom": s.nom, "gen": s.gen, "dat": s.dat, "acc": s.acc, "ins": s.ins, "pre": s.pre}
    roll = rng.random()
    if roll < 0.14:
        how, at = rng.randrange(4), rng.randrange(100)
        forms = {case: misspelt(form, how, at) for case, form in forms.items()}
    elif roll < 0.24:
        forms = {case: form.lower() for case, form in forms.items()}
    elif roll < 0.28:
        forms = {case: form.replace("ё", "е") for case, form in forms.items()}
    return forms


def house(rng: random.Random) -> tuple[int, str]:
    n = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    k = rng.randint(1, 3)
    form = rng.choice([
        f"д{n}", f"д.{n}", f"д. {n}", f"дом {n}", f"{n}", f"{n}", f"{n}к{k}", f"дом {n} корп {k}", f"{n}/{k}",
        f"{n}а", f"д {n}", f"дом №{n}", f"{n} корп.{k}",
    ])
    return n, form


def address(rng: random.Random, f: dict[str, str], house_form: str) -> str:
    bare = house_form.removeprefix("дом ").removeprefix("д. ").removeprefix("д.").removeprefix("д ").lstrip("д№")
    return rng.choice([
        f"ул. {f['nom']} {house_form}",
        f"ул.{f['nom']}, {house_form}",
        f"{f['nom']} {house_form}",
        f"{f['nom']}, {house_form}",
        f"ул {f['nom']} {house_form}",
        f"{house_form} по ул. {f['dat']}",
        f"{house_form} по {f['dat']}",
        f"{f['nom']}-{bare}",
        f"улица {f['nom']}, {house_form}",
        f"{f['nom']} ул., {house_form}",
        f"{f['nom']}{bare}" if rng.random() < 0.3 else f"{f['nom']} {bare}",
    ])


def coordinates(rng: random.Random, centre: tuple[float, float], spread: float) -> str:
    lat = round(centre[0] + rng.uniform(-spread, spread), 5)
    lon = round(centre[1] + rng.uniform(-spread, spread), 5)
    return rng.choice([
        f"{lat}, {lon}", f"{lat} {lon}", f"координаты {lat},{lon}", f"https://yandex.ru/maps/?pt={lon},{lat}&z=17",
        f"https://2gis.ru/geo/{lon},{lat}", f"геометка: {lat}, {lon}",
    ])


NOVOALEX_IN = ("в Ново-Александровске", "в Новоалександровске", "в Ново-Александровке", "в мкр Ново-Александровск",
               "в Н-Александровске", "в ново-александровске", "в Ново Александровске", "в Новоалександровксе",
               "в с. Ново-Александровск", "у нас в Ново-Александровске")
NOVOALEX_NAME = ("Ново-Александровск", "Новоалександровск", "мкр. Ново-Александровск", "Н.Александровск",
                 "с. Ново-Александровск", "новоалександровск", "Ново Александровск", "Ново-Алексанровск")


@dataclass(frozen=True)
class Outage:
    label: str
    streets: tuple[Street, ...]
    landmarks: tuple[str, ...]  # "у магазина «Каскад»": each a phrase that stands on its own
    texts: tuple[str, ...]
    count: int
    centre: tuple[float, float]
    spread: float
    first_minute: int
    last_minute: int


GAS_TEXTS = (
    "Газа нет с утра, {addr}. Плиты не горят, чем детей кормить?",
    "газа нет {d}",
    "{D} ГАЗА НЕТ!!! что случилось???",
    "У нас на {pre} газ пропал часов с шести, конфорки не зажигаются вообще",
    "плита не горит, газ не идёт. {nom} {house}. Сахалиноблгаз трубку не берёт 😡",
    "Вся {nom} без газа, Сахалиноблгаз молчит, ни ответа ни привета",
    "Когда дадут газ на {pre}?",
    "газ когда будет?? {addr}",
    "Здравствуйте. Проживаю по адресу: {addr}. С 6:30 отсутствует газоснабжение, плита не зажигается. Аварийная "
    "служба газа по 04 занята. Просим сообщить сроки восстановления.",
    "газовщики ходили по {dat}, что-то посмотрели и уехали, а газа так и нет",
    "Газовщики что-то копают {lm}, газ отключили всей улице без предупреждения! {nom}",
    "Нееет газааа на {pre} 😭😭",
    "ни одна конфорка не горит, у соседей тоже. {addr}",
    "У нас газ отключили? Плита щёлкает, а не загорается. {nom} {house}",
    "Отключили газ без объявления!!! Ни на подъезде, ни в группе ничего не было. {addr}",
    "газ???",
    "Что с газом {d}?",
    "Сидим без газа, чайник только электрический спасает. ул {nom}",
    "Плиты не горяят уже 3 часа!!! {nom2}, {nom} — везде так",
    "по {dat} газ не подаётся с утра, позвонили в Сахалиноблгаз — говорят авария, сроков нет",
    "Газа нет у всей улицы {gen}",
    "дайте газ людям!!! {d}",
    "{Acc} оставили без газа, дети голодные, пенсионеры без горячей еды",
    "У мамы на {pre} {house} не горит плита, газа нет. Это у всех или только у неё?",
    "Подскажите, газ {d} отключили по плану или авария?",
    "Газовая плита не работает, газ не поступает, {addr}. Требую разобраться!",
    "газ пропал 🔥❌ {nom} {house}",
    "С 7 утра нет газа. Улица {nom}, частный сектор, котлы газовые стоят — дома уже холодает",
    "Котёл погас, газа нет! {addr}. Сколько можно, ребёнку 2 месяца",
    "Колонка не зажигается, газа нет вообще, даже плита не горит. {nom} {house}",
    "гааз дайте",
    "{Lm} газовая аварийка стоит с утра, а газа всё нет. Что там?",
    "ребят у кого газ есть? у нас на {pre} нету",
    "нет газа!!!! на {pre} {house}, 3 подъезд",
    "Газ отсутствует по ул. {dat} и ул. {dat2}, заявку в аварийку подали в 7:10, номер не дали",
    "Почему опять без газа? В прошлом месяце было то же самое. {d}",
    "газ не идёт, конфорки тухнут сразу. ул.{nom} {house}",
    "{Dn} без газа — это уже норма? 🤬",
    "Уважаемая администрация! Прошу взять на контроль отсутствие газоснабжения в мкр. Ново-Александровск "
    "(ул. {nom}). Сахалиноблгаз информацию не даёт, на звонки не отвечает.",
    "Сколько ещё без газа сидеть? Уже обед, есть не на чем приготовить",
    "У нас в доме газа нет, и в соседних тоже",
    "газ отрубили всей {dat}",
    "Не горит плита!!! ГАЗ!!! {coords}",
    "Газоснабжение прекращено без уведомления, {addr}. Прошу сообщить причину и время подключения.",
    "Когда газ включат? Обещали к 12, а воз и ныне там",
    "Газа нет второй час, аварийка 04 вообще не отвечает, что у вас там случилось на {pre}?",
    "{Lm} газовщики перекрыли трубу, теперь все без газа",
    "газ нет {nom} {house}",
    "Сахалиноблгаз! Верните газ на {acc}",
    "Плиты не работают ни у кого в подъезде. {nom} {house}, газ пропал в 6 утра",
    "Газ будет сегодня или нет??? {d}",
    "Тёща с {gen} звонит: газа нет, плита не горит, дом остывает, котёл на газу",
    "без газа с утра, {nom2} и {nom}, соседи тоже. сделайте что-нибудь",
    "блин опять газ 🙄 плита не горит",
    "Газа нет. {house} по {dat}.",
    "Во всех домах {lm} нет газа",
    "Газовщики ходили по квартирам, сказали авария на газопроводе, а сколько ждать не сказали. {d}",
    "Ни газа, ни информации. {Dn}, ул. {nom}",
    "ГАЗ!!!!! НЕТ!!!!! {NOM}",
    "Здравствуйте, у нас на {pre} с утра не горят плиты. Газ вообще не поступает. Дом {n}.",
    "газ будет?",
    "кто знает что с газом на {pre}? плита не горит",
    "Требую срочно восстановить подачу газа! {addr}. Лежачая бабушка, нечем даже кашу сварить",
    "гза нет на {pre}, {house}",
)

WATER_TEXTS = (
    "На {pre} прорвало трубу, вода хлещет фонтаном прямо из-под асфальта!",
    "{Acc} топит!!! вода бежит рекой по дороге",
    "порыв водовода на {pre}, вода заливает дворы",
    "У нас во дворе озеро, вода идёт с улицы, {addr}. Прорыв трубы",
    "Воды нет с утра. {addr}",
    "ХВС нет!!! {nom} {house}",
    "нет холодной воды, краны пустые, на {pre}",
    "вода где??? {nom}",
    "Из-под земли бьёт вода на перекрёстке {gen} и {gen2}, уже по колено",
    "Затопило огород и погреб, вода течёт с {gen}, где трубу прорвало. {addr}",
    "Уважаемые коммунальщики, на {pre} с 8 утра из земли течёт вода, улицу залило, к домам не пройти. Примите меры!",
    "Водоканал где? Вода хлещет на {pre} уже третий час!!!",
    "вода из крана не идёт вообще. {house} по {dat}",
    "Когда дадут воду? {d}",
    "ни капли воды в кране, ни чаю попить ни умыться, {nom} {house}",
    "Прорыв на {pre} — дорогу размыло, машины плывут 🚗🌊",
    "на {pre} гейзер 😱😱 вода фонтаном метра на два",
    "Топит дворы на {pre}, вода уже у порога. Откачивать кто будет?",
    "У нас вода не идёт, кран шипит и всё. {nom} {house}",
    "Воды нет у всей улицы {gen}. Говорят, трубу прорвало",
    "без воды сидим, ни помыться ни чай. {d}",
    "ПОТОП на {pre}!!! Вода уже и на {pre2}",
    "Вода течёт по {dat} ручьём, {lm} уже целое озеро",
    "Во дворе дома {n} по {dat} вода по щиколотку, льётся из колодца",
    "ХВС отсутствует с 9:00 по адресу: {addr}. Прошу сообщить сроки устранения аварии.",
    "воды нееет 😭 {nom}",
    "Кран сухой. {nom} {house}",
    "Вода хлещет из люка {lm}, всё заливает",
    "Когда закончат ремонт трубы на {pre}? без воды уже полдня",
    "Давление ноль, вода не идёт, {addr}",
    "Затопило {acc}, во дворах вода, а в кранах воды нет — классика 🤦",
    "Залило весь двор и сарай, вода с улицы прёт. {nom}, {house}",
    "Прорвало водопровод {d}, вода бежит по улице",
    "Трубу прорвало, улица в воде, а в доме ни капли. {nom} {house}",
    "У нас в доме нет воды совсем",
    "Вода бьёт фонтаном {coords}",
    "Доброе утро. Подскажите, почему на {pre} нет холодной воды? Дети в школу неумытые ушли",
    "ВОДЫ НЕТ!!! {NOM} {n}",
    "хол. воды нет на {pre} с утра",
    "Кто отвечает за водопровод? На {pre} река вместо дороги, а в кране пусто",
    "вода затопила погреб, течёт с улицы, где прорыв, {addr}",
    "Прорыв водопровода {lm}, ни пройти ни проехать",
    "водоканал, {acc} затопило, когда приедете?",
    "Почему нет воды {d}?",
    "нет воды {nom} {house}, и у соседей тоже нет",
    "Вода не поступает в дом с 8 утра, {addr}. Аварийная бригада не приехала.",
    "трубу на {pre} прорвало, воду отключили, а вода всё течёт и течёт",
    "С {gen} вода бежит к нам на {acc2}, весь двор залило",
    "Вода не идёт. Сколько ждать?",
    "вода из асфальта бьёт, {nom} напротив дома {n}",
    "Детям не умыться, посуду не помыть, воды нет с утра. {Dn}, {nom}",
    "ул. {nom} — нет ХВС, во дворе лужа размером с озеро",
    "Хлещет вода по {dat}, на морозе всё намерзает, машины буксуют. Перекройте уже!",
    "Каток на {pre}, вода разлилась и замёрзла, всё из-за прорыва трубы",
    "кто-нибудь знает когда воду дадут на {pre}?",
    "Уже вся {nom} в воде 😡😡 куда смотрит водоканал",
    "У дома {n} по {dat} из земли бьёт вода, уже 2 часа",
    "Холодной воды нет! Стирку не запустить, туалет не смыть. {addr}",
    "Прошу срочно устранить порыв на водопроводе по ул. {dat}. Вода поступает во дворы частных домов, затоплены "
    "подвалы и погреба. Звонила по телефону — без результата.",
    "Между {ins} и {ins2} вода по колено, прорвало трубу",
    "воды нет вообще {d} 😤",
    "вада хлещет на {pre} ужас",
    "Водокачка или труба? Воды нет на {pre} и {pre2}",
)

HOT_WATER_TEXTS = (
    "Горячей воды нет с утра. {addr}",
    "ГВС нет!!! {nom} {house}",
    "из горячего крана идёт холодная, на {pre}",
    "нет горячки {nom} {house}",
    "Горячая вода пропала, холодная есть. {addr}",
    "Говорят, ЦТП сломалось, поэтому горячей воды нет на {pre}. Когда починят?",
    "Авария на тепловом пункте {lm}, полквартала без горячей воды",
    "Где горячая вода??? {d}",
    "Горячей нет, холодная течёт. {nom} и {nom2}, весь квартал",
    "Не могу ребёнка искупать, горячей воды нет. {addr}",
    "ГВС отсутствует с 7:00, {addr}. Прошу восстановить горячее водоснабжение.",
    "горячую воду отключили? {nom} {house}",
    "ГОРЯЧЕЙ ВОДЫ НЕТ!!! {NOM}",
    "Кран с горячей открываешь, а там ледяная 🥶 {nom}",
    "горячей водички нет(((",
    "ЦТП на {pre} опять встал? горячей воды нет",
    "В домах по {dat} и {dat2} нет горячей воды",
    "Горячее водоснабжение отсутствует, {addr}. Холодная вода есть. УК говорит, проблема на тепловом пункте.",
    "УК говорит не их проблема, тепловой пункт не работает. Горячей воды нет. {nom} {house}",
    "Сколько можно без горячей воды?! Уже 5 часов. {d}",
    "гор. воды нет на {pre}",
    "Горячая шла еле тёплая, теперь совсем холодная. {addr}",
    "Полотенцесушитель холодный, и горячей воды нет. {nom} {house}",
    "Когда дадут горячую воду?",
    "нет ГВС {nom}{n}",
    "Горячей воды нет во всех домах на {pre} и {pre2}, холодная есть",
    "Мыться холодной водой в декабре — спасибо, коммунальщики 👏 {nom}",
    "У нас горячей воды нет, у сестры на {pre} тоже",
    "ГВС пропало в 7 утра {d}, ул. {nom}",
    "Горячая вода закончилась 😂 а если серьёзно — когда дадут? {nom} {house}",
    "Добрый день. Нет горячей воды по адресу {addr}. Заявку в УК подавали, ответили, что авария на ЦТП. Когда "
    "устранят?",
    "горячей водыыы нееет на {pre}",
    "с горячим краном беда, течёт холодная. у нас весь дом так и соседние",
    "Тепловой пункт отключился, в домах на {pre} нет горячей воды. Сроки?",
    "Где ГВС на {pre}???",
    "Горячей воды нет {coords}",
    "Соседи, горячей воды нет во всём квартале {lm}, в УК звонили",
    "Грею воду кипятильником, горячей нет с утра. {nom} {house}",
    "горячей нет. {house} {nom}",
    "Нет горячей воды, хотя холодная есть. Это авария или плановое? {d}",
    "Горячая вода отсутствует по {dat} {house}, в соседних домах тоже",
    "Почему без предупреждения отключили горячую воду на {pre}?",
    "Г/В нет. {addr}",
    "Из горячих кранов ничего, а холодная бежит как ни в чём не бывало. {nom} {house}",
    "В доме {n} по {dat} нет горячей воды с 8 утра, соседние дома тоже без ГВС",
    "тепловики, ау! горячей воды нет {d}",
    "Горячая не идёт. Вообще. {nom}",
    "Мы на {pre} без горячей воды, дети немытые, старики немытые 😡",
    "ЦТП {lm} сломался, весь наш квартал без горячей",
    "Сообщаю об отсутствии горячего водоснабжения в многоквартирных домах по ул. {dat} ({n}, {n2}) и ул. {dat2}. "
    "Холодная вода подаётся.",
    "Горячей воды нету нигде в нашем квартале",
    "ребят у кого горячая есть? у нас на {pre} нет",
    "Батареи тёплые, а горячей воды нет. {nom} {house}",
    "опять гвс нет((( {nom}",
    "Из крана горячей воды течёт холодная уже полдня. {addr}. Примите меры!",
    "Горячую воду верните!!! {d}",
    "Горячее водоснабжение на {pre} — когда?",
    "В ванной только холодная, горячей нет с утра. {nom}, д. {n}",
    "ГВС!!!! {nom} {house}",
    "горячей воды нет, холодная есть, у всех в подъезде так. {addr}",
)

SOVETSKAYA, RABOCHAYA, MOLODEZHNAYA, SHKOLNAYA, KRAYNYAYA, LESNAYA, KOLTSEVAYA, ZAVODSKAYA, SADOVAYA, POLEVAYA = (
    street(name) for name in ("Советская", "Рабочая", "Молодёжная", "Школьная", "Крайняя", "Лесная", "Кольцевая",
                              "Заводская", "Садовая", "Полевая"))

OUTAGES = (
    Outage("gas-novoalex", (SOVETSKAYA, RABOCHAYA, MOLODEZHNAYA, SHKOLNAYA, KRAYNYAYA, LESNAYA, SADOVAYA),
           ("у ДК", "возле Дома культуры", "у остановки «Новая школа»", "возле пекарни", "у церкви", "на кольце"),
           GAS_TEXTS, 100, (47.0330, 142.7230), 0.005, 15, 300),
    Outage("water-novoalex", (SADOVAYA, SADOVAYA, POLEVAYA, ZAVODSKAYA, KOLTSEVAYA),
           ("у магазина «Каскад»", "возле почты", "у колонки на углу", "напротив аптеки", "у моста через ручей"),
           WATER_TEXTS, 105, (47.0365, 142.7262), 0.002, 60, 420),
    Outage("hotwater-novoalex", (SOVETSKAYA, RABOCHAYA, MOLODEZHNAYA, ZAVODSKAYA),
           ("за школой", "у пятиэтажек", "возле котельной", "у детского сада «Солнышко»", "у стадиона"),
           HOT_WATER_TEXTS, 95, (47.0312, 142.7205), 0.002, 100, 470),
)


# Unrelated messages: kinds of single-dwelling and ordinary problems. None of them says the neighbours lack the same,
# so a single dwelling on an outage's own street does not contradict the outage.
NOISE_KINDS: dict[str, tuple[str, ...]] = {
    "stove": (
        "У меня одна конфорка не горит, остальные нормально. {addr}, кв {flat}. Куда обращаться?",
        "Газовая плита барахлит, пламя еле-еле, пьезоподжиг не щёлкает. {addr}",
        "Духовка газовая не зажигается, сама плита горит. {addr}",
        "Поставили новую плиту, а газовщики неделю не едут подключать. {addr}, кв. {flat}",
        "Плита гаснет, когда отпускаешь ручку, наверное термопара. {nom} {house}, кв {flat}",
    ),
    "gas_smell": (
        "Запах газа во 2 подъезде, {addr}! Аварийку вызвали?",
        "В подъезде пахнет газом второй день, {addr}, подъезд 3",
        "Воняет газом на лестнице между 2 и 3 этажом. {nom} {house}",
        "Сильный запах газа у подвала дома {n} по {dat}, страшно",
    ),
    "riser": (
        "Течёт стояк в туалете, {addr}, кв. {flat}. УК не чешется",
        "Стояк холодной воды капает в ванной, {addr}. Прошу прислать сантехника",
        "Соседи сверху заливают, у них прорвало стояк!! {addr}, кв {flat}",
        "Под раковиной подтекает труба, {nom} {house} кв {flat}",
    ),
    "mixer": (
        "Смеситель сломался, кран не переключается на горячую. {addr}, кв {flat}. Это к УК или сами?",
        "На кухне горячая еле течёт, в ванной нормально — видимо, смеситель забился. {nom} {house}",
        "Поменяли смеситель, теперь горячая идёт тонкой струйкой. {addr}",
        "Кран горячей воды сорвало, перекрыли вентиль в квартире, теперь без горячей. {addr}, кв {flat}",
    ),
    "pothole": (
        "Яма на дороге вся в воде, глубины не видно, колесо пробил. {nom} возле дома {n}",
        "Огромная лужа-яма на {pre} у дома {n}, машины обливают пешеходов",
        "Ямища, полная воды, напротив {addr}, когда заасфальтируют?",
    ),
    "hydrant": (
        "Пожарный гидрант сломан у дома {n} по {dat}, крышки нет, туда уже ребёнок чуть не провалился",
        "Гидрант на {pre} у дома {n} разбит машиной, торчит труба",
        "Колодец пожарного гидранта открыт, {addr}, опасно",
    ),
    "flat_cold_water": (
        "В квартире нет холодной воды только на кухне, видимо засор в фильтре. {addr}, кв {flat}",
        "Из крана ржавая вода уже неделю, {addr}",
    ),
    "radiator": (
        "Одна батарея в спальне холодная, остальные горячие. {addr}, кв {flat}",
        "Завоздушило батарею на 5 этаже, {nom} {house}, кв {flat}",
    ),
}

WHOLE_BUILDING = (
    ("Во всём доме нет газа с утра, подъезды все без газа. {addr}", "Центральная", (46.9200, 142.8200)),
    ("Весь дом без горячей воды с ночи, {addr}. Соседние дома с горячей.", "Мира", (46.9400, 142.7350)),
    ("Весь подъезд и весь дом без холодной воды, {addr}, УК молчит", "Пуркаева", (46.9800, 142.7400)),
    ("Дом {n} по {dat} без воды с 7 утра, ни в одной квартире нет", "Дружбы", (46.9905, 142.7160)),
    ("В доме {addr} ни у кого нет горячей воды, УК говорит бойлер в подвале сгорел", "Чехова", (46.9590, 142.7380)),
)

ELSEWHERE = {
    "Луговое": (("Лучистая", "Дружбы", "Авиационная", "Шоссейная", "Ударная", "Больничная", "Западная", "Ключевая",
                 "Сиреневая", "Майская"), (46.9905, 142.7160)),
    "Центр": (("Ленина", "Комсомольская", "Чехова", "Сахалинская", "Пограничная", "Курильская", "Дзержинского",
               "Хабаровская", "Карла Маркса", "Емельянова"), (46.9590, 142.7380)),
    "Северный": (("Пуркаева", "Украинская", "Горького", "Тихоокеанская", "Крюкова", "Поповича", "Комарова",
                  "Физкультурная", "Амурская", "Бумажная"), (46.9800, 142.7400)),
    "Хомутово": (("Новая", "Центральная", "Зелёная", "Озёрная"), (46.9200, 142.8200)),
    "Дальнее": (("Горная", "Весенняя", "Солнечная", "Речная"), (46.8600, 142.6500)),
    "Южный": (("Мира", "Победы", "Есенина", "Маяковского", "Детская", "Холмская", "Железнодорожная", "Невельская",
               "Вокзальная", "Ухтомского"), (46.9400, 142.7350)),
}
NOVOALEX_STREETS = (SOVETSKAYA, RABOCHAYA, MOLODEZHNAYA, SHKOLNAYA, KRAYNYAYA, LESNAYA, KOLTSEVAYA, ZAVODSKAYA,
                    SADOVAYA, POLEVAYA)
NOISE_ON_OUTAGE_STREETS = 45
NOISE_ELSEWHERE = 100


def fill(rng: random.Random, template: str, s: Street, second: Street, landmarks: tuple[str, ...],
         centre: tuple[float, float], spread: float) -> str:
    f, f2 = street_forms(rng, s), street_forms(rng, second)
    n, house_form = house(rng)
    landmark = rng.choice(landmarks) if landmarks else ""
    district_in, district_name = rng.choice(NOVOALEX_IN), rng.choice(NOVOALEX_NAME)
    values = {
        **f, **{f"{case}2": form for case, form in f2.items()},
        "NOM": f["nom"].upper(), "Acc": f["acc"][:1].upper() + f["acc"][1:],
        "addr": address(rng, f, house_form), "house": house_form, "n": n, "n2": n + rng.choice([2, 4, 6]),
        "flat": rng.randint(1, 120), "d": district_in, "D": district_in[:1].upper() + district_in[1:],
        "dn": district_name, "Dn": district_name[:1].upper() + district_name[1:],
        "lm": landmark, "Lm": landmark[:1].upper() + landmark[1:], "coords": coordinates(rng, centre, spread),
    }
    return " ".join(template.format(**values).split())


def roughen(rng: random.Random, text: str) -> str:
    """What a hurried phone keyboard does to a message: lower case, a trailing burst, a dropped final full stop."""
    roll = rng.random()
    if roll < 0.10:
        text = text.lower()
    elif roll < 0.14:
        text = text.upper()
    roll = rng.random()
    if roll < 0.10:
        text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!!!!", " …", ")))", " 😡", " 🙏", "?!"])
    elif roll < 0.25:
        text = text.rstrip(".")
    return text


def outage_lines(rng: random.Random, outage: Outage) -> list[dict[str, Any]]:
    order = list(outage.texts)
    rng.shuffle(order)
    templates = order[:outage.count] + [rng.choice(outage.texts) for _ in range(outage.count - len(order))]
    lines = []
    for template in templates:
        s = rng.choice(outage.streets)
        second = rng.choice([other for other in outage.streets if other != s])
        text = fill(rng, template, s, second, outage.landmarks, outage.centre, outage.spread)
        lines.append({"minutes": rng.randint(outage.first_minute, outage.last_minute),
                      "channel": rng.choice(CHANNELS), "text": roughen(rng, text),
                      "location": location(rng, outage.centre, outage.spread, share=0.12),
                      "incident": outage.label})
    return lines


# A dwelling's fault that says the rest of the building has the supply ("остальные конфорки горят", "в ванной
# нормально") is dated after its street's outage ended, so that no unrelated message contradicts an outage.
AFTER_OUTAGE = {
    "stove": (OUTAGES[0].streets, OUTAGES[0].last_minute + 30),
    "flat_cold_water": (OUTAGES[1].streets, OUTAGES[1].last_minute + 30),
    "riser": (OUTAGES[1].streets, OUTAGES[1].last_minute + 30),
    "mixer": (OUTAGES[2].streets, OUTAGES[2].last_minute + 30),
}


def noise_line(rng: random.Random, template: str, s: Street, centre: tuple[float, float],
               first_minute: int = 0) -> dict[str, Any]:
    text = fill(rng, template, s, s, (), centre, 0.002)
    return {"minutes": rng.randint(first_minute, SPAN_MINUTES), "channel": rng.choice(CHANNELS),
            "text": roughen(rng, text), "location": location(rng, centre, 0.008, share=0.12), "incident": None}


def noise_lines(rng: random.Random) -> list[dict[str, Any]]:
    """One problem of a kind per street: two alike on one street would be an incident of their own."""
    lines = []
    kinds = sorted(NOISE_KINDS)
    # A pothole full of water or a broken hydrant on the flooded streets would read as the burst main itself.
    pairs = [(kind, s) for kind in kinds for s in NOVOALEX_STREETS
             if not (kind in ("pothole", "hydrant") and s in OUTAGES[1].streets)]
    for kind, s in rng.sample(pairs, NOISE_ON_OUTAGE_STREETS):
        streets, after = AFTER_OUTAGE.get(kind, ((), 0))
        first_minute = after if s in streets else 0
        lines.append(noise_line(rng, rng.choice(NOISE_KINDS[kind]), s, (47.0335, 142.7235), first_minute))
    elsewhere = [(kind, name, centre) for kind in kinds for streets, centre in ELSEWHERE.values() for name in streets]
    for kind, name, centre in rng.sample(elsewhere, NOISE_ELSEWHERE):
        lines.append(noise_line(rng, rng.choice(NOISE_KINDS[kind]), street(name), centre))
    for template, name, centre in WHOLE_BUILDING:
        lines.append(noise_line(rng, template, street(name), centre))
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    lines = [line for outage in OUTAGES for line in outage_lines(rng, outage)] + noise_lines(rng)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev8.jsonl", storm())


if __name__ == "__main__":
    main()
