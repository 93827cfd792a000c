"""The problem an appeal describes, read from residents' own words: which supply or network it is about, whether it
says that supply is missing for many or one dwelling's fault, the kind complained of first, and the category those
words name. What matching.py compares between appeals and incidents. Pure: no I/O beyond the lexicon's data."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from otklik.domain.classification.lexicon import unigram_hits
from otklik.domain.classification.tokens import STREET_NAME, content_tokens
from otklik.domain.classification.work import Work
from otklik.domain.incidents.categories import AREA_OUTAGE_OF, covered
from otklik.domain.incidents.places import DISTRICT, HOUSE, STREET, collapse_stretched
from otklik.domain.words import canonical_lemma, morph

# Problems that cover an area: one failure leaves streets and districts without water, heat or power.
AREA_CATEGORIES = frozenset({"water", "heating", "electricity", "lighting", "management_company"})
# Parts of speech that say what the problem is; pronouns, prepositions, numbers and particles do not.
_PROBLEM_POS = frozenset({"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS", "ADVB", "PRED", "GRND"})
# Words of politeness, addresses and time that residents write about any problem; "где", "есть" of a question ("вода
# где?", "у кого вода есть?", "кто в курсе"); "-нибудь" of a pronoun (its lemma "нибыть"); "там" of "что там с
# водой?".
_NOT_THE_PROBLEM = frozenset("""
здравствуйте здравствовать добрый день утро вечер ночь уважаемый администрация подсказать подсказывать просить
сообщить спасибо пожалуйста помочь помогите мочь можно нужно надо
улица ул дом д кв квартира мкр город пос посёлок село адрес город
сегодня вчера завтра час минута сутки неделя уже ещё опять снова когда сколько почему что который такой
быть мы они наш свой это этот сказать говорить писать
где есть ребята народ нибыть утром ночью вечером днем курс знать там
""".split())
# House numbers in words ("у пятого дома"): part of the address.
_ORDINALS = frozenset("""
первый второй третий четвертый пятый шестой седьмой восьмой девятый десятый одиннадцатый двенадцатый
""".split())
# An outage is a supply missing for many: a supplied good and a word of its absence ("нет воды", "батареи остыли",
# "включите свет"), or a word of a failure of the network itself ("прорыв", "подстанция", "обесточка"). An appeal
# that says neither is about its own house's fault and matches only at its house.
SUPPLY_WORDS = frozenset("""
вода водоснабжение хвс гвс водопровод кран свет электричество электроэнергия электроснабжение напряжение отопление
тепло теплоснабжение батарея радиатор топить газ горячий горячка напор ток теплоноситель
""".split())
ABSENCE_WORDS = frozenset("""
когда нет без ни не отключить отключение отключать отключенный отсутствовать отсутствие пропасть пропадать кончиться
прекратить прекращенный остыть остывать холодный ледяной холоднющий дать включить восстановить вернуть подать подача
уйти выключить выключать отключиться подвезти привезти ждать тишина
слабый еле упасть никакой ноль струйка капля лед холоднючий дубак шипеть ничего пусто пустой хрип хрипеть хрипнуть
перебой
""".split())
# A network that floods the streets fails them as surely as one that stops: an overflowing sewer or storm drain.
FLOOD_WORDS = frozenset("""
затопить затопление затопленный потоп подтопить подтопление откачать залить заливать фонтанировать переполнить
переполненный хлестать разлиться разливаться перелиться переливаться
фонтан гейзер ручей ручьем река озеро размыть размывать
""".split())
# The network's own water: sewage, storm drains. With a flood, or said of the street, the yard, the manholes, it is an
# area's failure even when it reaches a house's basement or entrance ("из люков хлещет, заливает подъезды", "подвал
# залило стоками", "фекалии по всей улице"); not when a house's own drain is blocked ("засор в стояке").
SEWAGE_WORDS = frozenset("""
канализация канализационный сток сточный нечистота фекалия ливневка ливневый коллектор жижа говно дерьмо
""".split())
# A stench out of the manholes is the sewer's ("воняет на всю улицу, из люка прёт"); a stench alone may be anything's.
SMELL_WORDS = frozenset({"вонь", "вонять", "вонючий", "смрад", "зловоние"})
# "улица затоплена", "затопило всю улицу", "улицу залило": the street itself under water ("улица" is an address's
# word, no word of the problem otherwise).
STREET_FLOODED = "улица в воде"
_STREET_FLOODED = re.compile(r"(?<![а-я])(?:улиц[аеуы]\s+(?:\w+\s+)?(?:затоп|подтоп|залит|залил|в\s+вод)"
                             r"|(?:затоп|подтоп|залил|залит)\w*\s+(?:вс[юя]\s+)?улиц)")
OUTDOOR_WORDS = frozenset("""
люк колодец дорога перекресток тротуар двор проезжий ливневка ливневый коллектор земля асфальт
""".split()) | {"фонтан", "гейзер", STREET_FLOODED}  # water spouting out of the ground
# Water standing in a pothole ("яма на дороге вся в воде") is the road's, not a flood.
POTHOLE_WORDS = frozenset({"яма", "ямища", "ямка", "выбоина", "колдобина", "лужа"})
HOUSE_DRAIN_WORDS = frozenset({"засор", "стояк", "слив", "раковина", "унитаз", "засорить", "засориться"})
FAILURE_WORDS = frozenset("""
авария аварийный прорыв порыв прорвать порвать прорывать обесточить обесточенный обесточка вырубить вырубиться
потухнуть погаснуть отрубить подстанция оборвать оборваться порваться
котельная теплосеть теплотрасса тепломагистраль теплопункт магистраль водовод сухой сухо темно темнота тьма лэп
блэкаут обрыв
""".split()) | FLOOD_WORDS
# The networks' own plant, no dwelling's: named, the failure is theirs whatever rooms the resident mentions ("в
# подъезде сказали порыв магистрали").
NETWORK_PLANT_WORDS = frozenset({"подстанция", "котельная", "теплосеть", "теплотрасса", "тепломагистраль",
                                 "теплопункт", "магистраль", "водовод", "лэп"})
# Surges and flickering ("скачет напряжение", "свет моргает") are a failure of the network when said of many ("у всех
# так", "у соседей тоже", "по всей улице"); of one house, its own wiring's trouble.
SURGE_WORDS = frozenset("""
скачок скачка скакать прыгать перепад мигать моргать замигать заморгать тусклый тускло вольт перегорать вполсилы
дергаться мерцать замерцать
""".split())
OUTAGE_WORDS = ABSENCE_WORDS | FAILURE_WORDS | SEWAGE_WORDS
COLD_WORDS = frozenset({"холодный", "ледяной", "холоднющий", "холоднючий", "лед", "дубак"})
# "Вода появилась, но ржавая", "дали воду, а она рыжая", "вода пошла мутная, фильтр забился": the water back, dirty
# from the network's repair, is the outage's end, said where it was, whatever fitting the dirt clogged; sand the
# refilled main brings up ("вода с песком") is its dirt too.
DIRTY_WATER_WORDS = frozenset({"ржавый", "рыжий", "мутный", "ржавчина", "коричневый", "грязный", "желтый", "песок"})
# The words of a water main's failure: dirty water where its members name one is its repair's end (`dirty_tap_water`).
WATER_MAIN_FAILURE_WORDS = frozenset({"прорыв", "порыв", "прорвать", "порвать", "прорывать", "авария", "аварийный",
                                      "магистраль", "водовод"})
WATER_BACK_WORDS = frozenset({"появиться", "дать", "включить", "вернуть", "подать", "пойти"})
# "мёрзнем", "холодно дома", "сидим в холоде": people freezing indoors say the heat is missing, whatever the
# supply's name.
FREEZING_WORDS = frozenset({"холодно", "мерзнуть", "замерзать", "замерзнуть", "промерзнуть", "холод"})
SWAP = "вместо"
# Cold says heat is missing when said of the heating or of the hot water ("батареи холодные", "из горячего крана
# течёт ледяная"); not of the cold water itself ("слабый напор холодной воды"), nor of a swap or an overheat
# ("горячая вместо холодной", "батареи кипяток").
HEAT_WORDS = frozenset({"отопление", "тепло", "теплоснабжение", "батарея", "радиатор", "топить", "горячий", "горячка",
                        "гвс"})
HOT_WORDS = frozenset({SWAP, "кипяток", "жарко", "раскаленный"})
# "в квартире жарко, батареи раскалённые, регулятора нет": the heat too much, not missing; a "нет" beside it is of
# something else (a valve, a regulator), so no outage of many unless a failure is named.
OVERHEAT_WORDS = frozenset({"жарко", "раскаленный", "раскалить"})
# "у соседей есть", "только у нас": the resident says the supply is missing at theirs alone.
ONLY_OURS = "только у нас"
# "по утрам", "постоянно": a dwelling's recurring trouble, not an outage now.
RECURRING = "по утрам"
# "в одной квартире", "одна комната", "в половине квартиры": one of a dwelling's parts; not a person alone
# ("пожилая мама одна").
ONE_PLACE = "в одной квартире"
_ONE_PLACE = re.compile(r"(?<![а-я])(?<!ни )(?:(?:одн(?:а|ой|ом|у|ого)|один)\s+"
                        r"(?:квартир|комнат|подъезд|розетк|стояк|этаж|дом|секци|половин|фаз)"
                        r"|(?:половин|част)\w*\s+(?:квартир|комнат))")
# "уже неделю", "второй день": a trouble older than the hours of an outage.
LONG_STANDING = "уже неделю"
_LONG_STANDING = re.compile(r"(?<![а-я])(?:(?:уже|целую|вторую|третью|который|второй|третий|несколько)\s+"
                            r"(?:недел\w*|дн(?:я|ей)|день|месяц\w*)|неделю\s+уже)(?![а-я])")
# "у соседей тоже", "и у соседей": the neighbours have lost it too.
NEIGHBOURS_TOO = "у соседей тоже"
_NEIGHBOURS_TOO = re.compile(r"(?<![а-я])(?:у\s+сосед\w*\s+(?:тоже|также|то\s+же)|и\s+у\s+сосед\w*"
                             r"|(?:в|во)\s+(?:вс\w+\s+)?домах|вс\w+\s+дома)(?![а-я])")  # "свет в домах моргает"
# "ни у кого в подъезде", "ни в одном доме", "ни на кухне, ни в ванной": nobody and nowhere has it, not one room.
NOWHERE = "ни у кого"
_NOWHERE = re.compile(r"(?<![а-я])(?:ни\s+у\s+кого|ни\s+в\s+одн\w+\s+(?:квартир|дом|подъезд)"
                      r"|ни\s+(?:на|в)\s+\w+\s*,?\s*ни\s+(?:на|в)\s)")
# "значит не у нас", "значит на линии": the resident checked their own (the panel, the basement, the riser) and
# found the fault is not theirs: the dwelling words they use say where they looked, not where the fault is.
NOT_OURS = "не у нас"
_NOT_OURS = re.compile(r"(?<![а-я])(?:не\s+у\s+нас|на\s+линии)(?![а-я])")
# "на первом этаже из унитаза полезло", "первый этаж заливает", "с 1 этажа пишу": the ground floor, where a blocked
# sewer backs up first through every flat's drains.
GROUND_FLOOR = "на первом этаже"
_GROUND_FLOOR = re.compile(r"(?<![а-я\d])(?:перв\w+|1)\s*(?:-?(?:й|м|ом|ого|ых|ые)\s*)?эт(?:аж\w*|\.|(?![а-я]))")
# One fitting of a dwelling named alone: "батарея холодная", "радиатор не греет", "розетка сгорела" (many residents
# of an outage say "батареи", "розетки"); a radiator's air valve, air let out of it.
ONE_FITTING = "одна батарея"
_ONE_FITTING = re.compile(r"(?<![а-я])(?<!ни одна )(?:батарея|радиатор|розетк(?:а|у|е|ой)|конфорк(?:а|у))(?![а-я])"
                          r"|кран\w*\s+маевск|(?:стравлива|стравил|спуска|спустил|спустить)\w*\s+воздух"
                          r"|воздух\w*\s+в\s+(?:систем|батаре|радиатор)|завоздуш")
# Work done on the dwelling, or a plumber or an electrician called to it: "после ремонта", "после замены радиатора",
# "поменяли батарею", "вызывали сантехника", "сантехник перекрыл вентиль", "электрик УК отключил нашу квартиру".
DWELLING_WORK = "после ремонта"
_DWELLING_WORK = re.compile(
    r"(?<![а-я])(?:после\s+(?:\w+\s+)?(?:ремонт|замен|установк|монтаж)"
    r"|(?:поменя|замени|установи|постави)\w*\s+(?:\w+\s+)?(?:батаре|радиатор|смесител|кран|сч[её]тчик|розетк"
    r"|выключател|автомат|проводк|бойлер|водонагревател)"
    r"|(?:вызыва|вызва|пришлите|нужен|надо\s+вызвать)\w*\s+(?:\w+\s+)?(?:сантехник|электрик|мастер)"
    r"|(?:сантехник|электрик|мастер)\w*\s+(?:\w+\s+){0,2}?(?:перекрыл|поменял|заменил|менял|отключил|снял|говорит"
    r"|сказал|приходил|пришел|не\s+приходит|отказыва))")
# Words that put the fault in one dwelling even when its supply is missing: "в одной квартире", "автомат выбивает",
# "засор" (a house's drain blocked, not the network), "подвал" (a house's basement flooded), and the phrases above.
ONE_DWELLING_WORDS = frozenset("""
автомат пробка выбивать остальной подъезд этаж ванная кухня комната спальня раковина полотенцесушитель
проводка коротнуть сверху снизу стояк засор подвал счетчик смеситель вентиль
угловой оплавиться фильтр картридж прокладка шланг свищ водонагреватель бойлер
""".split()) | {ONLY_OURS, RECURRING, ONE_PLACE, ONE_FITTING, DWELLING_WORK}
_RECURRING = re.compile(r"(?<![а-я])(?:по\s+(?:утрам|вечерам|ночам|выходным)|постоянно|периодически|иногда|всегда)"
                        r"(?![а-я])")
# "у соседей есть", "у всех в подъезде горячие", "в соседних домах горит", "остальные греют", "соседи на площадке с
# водой", "только у нас" (not asked: "или только у нас?"), "у меня одной", "нет света только там": the supply is
# missing at this dwelling (or this building) alone. Said so, it outweighs the words of many ("у всех", "соседний").
# Not when a word of absence comes between ("на улице Победы без горячей": the street is without it).
_NOT_NEGATED = r"(?:(?!(?:не|нет|ни|без|тоже|также|то)\s)\w+\s+){0,3}?"
_ONLY_OURS = re.compile(
    r"(?<![а-я])(?:(?:у\s+|в\s+)?(?:сосед\w*|остальн\w*|други[хе]|всех|всем|на\s+площадке|в\s+подъезде|на\s+улице)"
    r"\s+" + _NOT_NEGATED +
    r"(?:есть|норм\w*|горит|горят|ид[её]т|работа\w*|гре[ею]т|горяч\w*|тепл\w*|жарко|чист\w*|дали|с\s+вод\w*"
    r"|в\s+порядке|вс[её]\s+(?:есть|работает|в\s+порядке))"
    r"(?![а-я]*(?:\s+[а-я]+)?\s+(?:нет|не|ни)(?![а-я]))"  # "во всех домах горячей воды нет": all lost it
    r"|только\s+(?:у\s+|в\s+)?(?:нас|меня|мы|я|наш\w*|мо\w+|там|на\s+кухне|в\s+ванной|в\s+душе)(?![а-я])(?!\s*\?)"
    r"|у\s+(?:нас|меня)\s+одн\w+|одна\s+наша\s+квартира)")
# ...unless the resident says it is not only theirs: "во всём подъезде и в соседних домах".
MANY_WORDS = frozenset({"соседний", "весь", "квартал", "район", "микрорайон", "верхний", NEIGHBOURS_TOO, NOT_OURS,
                        NOWHERE})
# Words of a network's failure the classifier's lexicon gives no topic, and the supply they name.
SUPPLY_OF = {"обесточка": "electricity", "водовод": "water", "тепломагистраль": "heating", "жижа": "water",
             "ток": "electricity", "теплопункт": "heating", "теплоноситель": "heating", "скачок": "electricity",
             "скачка": "electricity"}
# The heat network's failure is the heating's, though a burst is the water's word ("порыв на тепломагистрали").
HEAT_NETWORK_WORDS = frozenset({"теплосеть", "теплотрасса", "тепломагистраль", "теплоснабжение", "теплопункт"})
# "когда будет вода?", "когда дадут свет": asking when a supply comes back says it is missing now.
_RETURN_VERBS = frozenset({"быть", "дать", "появиться", "включить", "вернуть", "восстановить", "подать"})
WHEN = "когда"
# Hot and cold water are two supplies with two owners: "нет холодной воды" after a burst main is not the hot water a
# heat point stopped, nor the other way round; a resident who says both went ("ни холодной, ни горячей") complains of
# the one named first (`_water_named`).
HOT_WATER = "горячая вода"
COLD_WATER = "холодная вода"
# "только горячая бежит": the hot water is what still runs, not what is missing; "холодная не идёт", "холодной ноль",
# "холодная еле капает": the cold is, named by its adjective and a word of loss, as the hot water is;
# "нет воды холодной", "вода не идёт горячая", "воды нет, горячей": the one named after the water; "холодная вода
# есть": the cold runs.
_RUNS = r"(?!\w*\s+(?:есть|ид[её]т|теч[её]т|бежит))"
# "греем воду в кастрюлях", "кипятим чайниками, чтобы помыться": water heated at home, the hot water missing.
_HEATING_WATER_AT_HOME = (r"(?:гре|грел|кипят|кипятил|нагрева|нагрел)\w*\s+(?:вод\w*\s+)?(?:в\s+)?"
                          r"(?:кастрюл|чайник|ведр|таз)")
# "только холодная идёт", "вода есть, но только холодная.": the cold is what runs (said by its verb, or ending the
# clause), the hot water missing; not "только холодной нет".
_ONLY_COLD_RUNS = r"только\s+холодн\w*(?:\s+(?:ид[её]т|теч|бежит)|(?=\s*(?:[.,;!?)]|$)))"
# "из крана течёт, но ледяная": the water runs, only cold: the hot water is missing.
_RUNS_BUT_ICY = r"(?:ид[её]т|теч[её]т|бежит)\s*,?\s*но\s+(?:ледян|холодн)"
_HOT_WATER = re.compile(r"(?<![а-я])(?:горяч\w*\s+(?:вод" + _RUNS + r"|кран|(?:тоже\s+|также\s+)?нет)"
                        r"|гор\.?\s*вод|гвс|горячк|г\s?[/.]\s?в(?![а-я])|" + _HEATING_WATER_AT_HOME +
                        r"|" + _ONLY_COLD_RUNS + r"|" + _RUNS_BUT_ICY +
                        r"|(?:нет|без)\s+вод\w*\s+горяч"
                        r"|вод\w*\s+(?:нет|не\s+ид[её]т|не\s+теч\w*)[,.]?\s+горяч(?!\w*\s+(?:есть|ид|теч|беж))"
                        r"|(?:ни|нет|без)\s+(?:горяч(?!\w*\s+(?:ед|пищ|обед|чай|чая|блюд))|гор\.)"
                        r"|(?<!только\s)горяч(?:ая|ей|ую)\s+(?:тоже\s+|также\s+|только\s+)?"
                        r"(?:не\s|ид[её]т|теч|бежит|еле|пропал|кончил|закончил|отключ))", re.IGNORECASE)
_COLD_WATER = re.compile(r"(?<![а-я])(?:холодн\w*\s+(?:вод" + _RUNS + r"|кран|(?:тоже\s+|также\s+)?нет)"
                         r"|хол\.?\s*вод|хвс|х\s?[/.]\s?в(?![а-я])"
                         r"|(?:нет|без)\s+вод\w*\s+холодн"
                         r"|вод\w*\s+(?:нет|не\s+ид[её]т|не\s+теч\w*)[,.]?\s+холодн(?!\w*\s+(?:есть|ид|теч|беж))"
                         r"|(?:ни|нет|без)\s+(?:холодн|хол\.)"
                         r"|холодн(?:ая|ой|ую)\s+(?:тоже\s+|также\s+)?(?:не\s+(?:ид[её]т|теч|бежит|поступа|подаю)"
                         r"|ноль|еле|пропал|кончил|закончил|отключ))",
                         re.IGNORECASE)
# Words that put a problem over a whole area, not one house's or one evening's: "во всём квартале", "у соседей".
WHOLE_AREA_WORDS = frozenset({"квартал", "район", "микрорайон", "соседний", "сосед", "округа", "везде", "всюду"})
# "нет" is in every outage's words; it counts, but less. "вместо" says a swap ("горячая вместо холодной"), not a loss.
_WEAK = {"нет": 0.3, "не": 0.3, "без": 0.3, "ни": 0.3, WHEN: 0.3, SWAP: 0.3}


ProblemWords = Mapping[str, float]


def problem_words(text: str, place_names: Sequence[str] = ()) -> dict[str, float]:
    """The lemmas of what the text says is wrong, weighted, and the topics the classifier reads in them ("@water"
    for "вода", "прорыв", "водоснабжение": residents name one problem in many words): topic words count more, "нет"
    little; greetings, addresses (street and district names, `place_names` by their stems, numbers) and time words
    not at all."""
    prefixes = tuple(stem[:max(4, len(stem) - 2)] for name in place_names for stem in name.split())
    words: dict[str, float] = {}
    for token, lemma, weight in _problem_words(text):
        if prefixes and token.startswith(prefixes):
            continue
        words[lemma] = max(words.get(lemma, 0.0), weight)
    if _supply_asked_for(text, words):
        words[WHEN] = max(words.get(WHEN, 0.0), _WEAK[WHEN])
    return words


def is_outage(words: ProblemWords) -> bool:
    """Whether the words say a supply is missing for many (no water, no power, no heat) or the network failed
    (a burst, a flood), not a house's own fault. Cold is missing heat when said of the heating or the hot water."""
    if network_flood(words):
        return True
    if only_ours(words):
        return False
    if sewer_backs_up(words):
        return True
    if any(word in NETWORK_PLANT_WORDS for word in words) or water_back_dirty(words) or dirty_over_an_area(words):
        return True
    if one_dwellings_words(words):
        return False
    if any(word in FAILURE_WORDS for word in words):
        return True
    if _surge(words) and any(word in MANY_WORDS | WHOLE_AREA_WORDS for word in words):
        return True
    if any(word in SEWAGE_WORDS for word in words) and not any(word in HOUSE_DRAIN_WORDS for word in words):
        # The sewer's own water where no house's drain is named ("канализация!!! Хабаровская 16а", "стоки!").
        return True
    if _freezing_indoors(words):
        return True
    cold_is_missing_heat = any(word in HEAT_WORDS for word in words) and not any(word in HOT_WORDS for word in words)
    absent = any(word in ABSENCE_WORDS and (cold_is_missing_heat or word not in COLD_WORDS) for word in words)
    overheated = any(word in OVERHEAT_WORDS for word in words)
    return absent and any(word in SUPPLY_WORDS for word in words) and not overheated


def water_back_dirty(words: ProblemWords) -> bool:
    """The water said to be back and dirty ("Вода появилась, но ржавая"): the network's repair, not a house's pipes."""
    return ("вода" in words and any(word in WATER_BACK_WORDS for word in words)
            and any(word in DIRTY_WATER_WORDS for word in words))


def dirty_tap_water(words: ProblemWords) -> bool:
    """Dirty water from the tap ("вода ржавая", "из крана течёт коричневая"), not hot, of no one dwelling's (its rooms,
    the neighbours' clean) and not long-standing ("уже неделю"): where a water main burst, its repair's end
    (`matching.burst_main`); elsewhere a house's pipes."""
    return (("вода" in words or "кран" in words) and any(word in DIRTY_WATER_WORDS for word in words)
            and KIND + HOT not in words and HOT_WATER not in words and LONG_STANDING not in words
            and not one_dwellings_words(words) and not only_ours(words))


def dirty_over_an_area(words: ProblemWords) -> bool:
    """Dirty water from the tap said of the houses around or a whole district ("вода грязная во всех домах", "в
    районе у всех мутная"): the network's water spoiled at its source or main, not one house's pipes."""
    return dirty_tap_water(words) and over_an_area(words)


# A cold towel rail is how the hot water's loss shows in a flat: with the hot tap said to run cold too ("из горячего
# крана холодная течёт, полотенцесушитель ледяной"), it is the hot water's symptom, not the dwelling's fault.
HOT_WATER_SYMPTOMS = frozenset({"полотенцесушитель"})
# A mixer that gives only boiling water is how the cold water's loss shows: with the cold said to be missing
# ("горячая есть, холодной нет, смеситель только кипяток даёт"), its symptom, not the dwelling's broken mixer.
COLD_WATER_SYMPTOMS = frozenset({"смеситель"})


# A whole entrance is many flats: with a supply said to be missing ("нет ГВС, в подъезде пожилые люди", "нет
# электричества, в подъезде темно", "отопление пропало, в подъездах иней"), it is where the outage is felt, not one
# flat's fault.
BUILDING_WORDS = frozenset({"подъезд"})


# The entrance's panel ("щиток в подъезде искрит") is where one flat's wiring fails: the entrance named there is not
# the building.
ENTRANCE_PANEL = "щиток"


def _supply_said_missing(words: ProblemWords) -> bool:
    """A supply and a word of its absence ("нет электричества", "пропало отопление"); not the entrance's own lamp
    ("в подъезде не горит свет": "не" before what a lamp does) nor its cold ("в подъезде холодно": its door), nor
    beside its panel."""
    return (any(word in SUPPLY_WORDS for word in words) and ENTRANCE_PANEL not in words
            and any(word in ABSENCE_WORDS - COLD_WORDS - {"не"} for word in words))


# A flat's water heater ("водонагреватель потёк", "бойлер не греет") is its own appliance; beside a supply said
# missing ("в кране пусто, бойлер не включить", "нет света, бойлер встал"), it is how the outage is felt.
WATER_HEATERS = frozenset({"водонагреватель", "бойлер"})


# The sewer backs up into a building from below: its sewage in the basement or the entrance ("подвал в стоках",
# "в подъезде воняет канализацией") is the network's, where no flat's drain is named.
SEWER_BACKS_UP_INTO = frozenset({"подвал", "подъезд"})


# A weak pressure shows on the upper floors first: the water not reaching them ("до пятого этажа вода не доходит",
# "на верхние этажи не поднимается") is the network's pressure failing, not one flat's; a weak pressure on one
# floor ("слабый напор на пятом этаже") stays its own.
NOT_REACHING_WORDS = frozenset({"доходить", "дойти", "подниматься", "подняться"})
FLOORS = frozenset({"этаж"})


# Residents left without heating plug in heaters, which trip the flat's fuses ("обогреватель выбивает пробки, а
# батареи холодные"): beside the heating named, the fuses are the heater's load, not the flat's fault.
HEATER = "обогреватель"
FUSE_WORDS = frozenset({"автомат", "пробка", "выбивать"})


def dwelling_words(words: ProblemWords) -> frozenset[str]:
    """The words that put the trouble in one dwelling, as the rest of the text reads them: a towel rail not, beside
    the hot water said to be missing, nor a mixer beside the cold water said to be, nor an entrance beside either
    or any supply said to be missing, nor a water heater beside a supply said to be missing, nor a basement or an
    entrance beside the sewer's own water."""
    dwelling = ONE_DWELLING_WORDS - HOT_WATER_SYMPTOMS if HOT_WATER in words else ONE_DWELLING_WORDS
    dwelling = dwelling - COLD_WATER_SYMPTOMS if COLD_WATER in words else dwelling
    if HOT_WATER in words or COLD_WATER in words or _supply_said_missing(words):
        dwelling = dwelling - BUILDING_WORDS
    if HOT_WATER in words and _supply_said_missing(words):
        # "Батарея холодная, ГВС нет": a radiator beside the hot water said missing is the heat point's two
        # supplies gone, as a towel rail is.
        dwelling = dwelling - {ONE_FITTING}
    if _supply_said_missing(words):
        dwelling = dwelling - WATER_HEATERS
    if any(word in SEWAGE_WORDS for word in words):
        dwelling = dwelling - SEWER_BACKS_UP_INTO
    if any(word in NOT_REACHING_WORDS for word in words):
        dwelling = dwelling - FLOORS
    if HEATER in words and KIND + HEAT in words:
        dwelling = dwelling - FUSE_WORDS
    return dwelling


def one_dwellings_words(words: ProblemWords) -> bool:
    """Words that put the trouble in one dwelling (`dwelling_words`), and none of many."""
    dwelling = dwelling_words(words)
    return any(word in dwelling for word in words) and not any(word in MANY_WORDS for word in words)


def _surge(words: ProblemWords) -> bool:
    return any(word in SURGE_WORDS for word in words)


# A line down: "провод висит на заборе", "провода на земле", "провисли провода", "провод искрит".
WIRE = "провод"
WIRE_DOWN_WORDS = frozenset({"висеть", "свисать", "провиснуть", "провисать", "лежать", "земля", "искрить"})


def _wire_down(words: ProblemWords) -> bool:
    return WIRE in words and any(word in WIRE_DOWN_WORDS for word in words)


def says_an_outage(words: ProblemWords, place_keys: Sequence[str]) -> bool:
    """`is_outage`; or surges of the power, or its line down, said of a street or a district, no house named ("На
    Новой скачет напряжение", "в Хомутово свет моргает", "на Ключевой провод висит, искрит"): the network's, where
    one house's flicker or wire names its house."""
    if is_outage(words):
        return True
    dwelling = any(word in ONE_DWELLING_WORDS for word in words) and not any(word in MANY_WORDS for word in words)
    return (((_surge(words) and KIND + POWER in words) or _wire_down(words)) and not dwelling
            and any(key.startswith((STREET, DISTRICT)) for key in place_keys)
            and not any(key.startswith(HOUSE) for key in place_keys))


def only_ours(words: ProblemWords) -> bool:
    """Whether the resident says the supply is missing at theirs alone, the neighbours or the rest having it ("у
    соседей есть", "у всех на улице уже дали", "только в нашей квартире"), and not that the neighbours lost it too."""
    return ONLY_OURS in words and NEIGHBOURS_TOO not in words and NOT_OURS not in words


# What comes up a ground floor's drains when the sewer backs up: the sewage itself, or the fittings it comes out of.
DRAIN_FITTINGS = frozenset({"унитаз", "раковина", "ванна", "ванная", "слив", "туалет"})


def sewer_backs_up(words: ProblemWords) -> bool:
    """The sewage or a drain's fitting said of the ground floor ("на первом этаже из унитаза полезло"): the sewer
    backing up through the building's drains, not one flat's blockage (a riser's or a flat's own are said so:
    "засор в стояке", "только у нас")."""
    return (GROUND_FLOOR in words and not only_ours(words)
            and any(word in SEWAGE_WORDS | DRAIN_FITTINGS for word in words)
            and "стояк" not in words)


def _sewer_named(words: ProblemWords) -> bool:
    if sewer_backs_up(words):
        return True
    return (any(word in SEWAGE_WORDS for word in words) and not any(word in HOUSE_DRAIN_WORDS for word in words)
            and not any(word in dwelling_words(words) for word in words))


def network_flood(words: ProblemWords) -> bool:
    if any(word in HOUSE_DRAIN_WORDS for word in words):
        return False
    # Water out of the sewer ("вода из канализации прёт") is a flood; water in a pothole is not.
    flood = any(word in FLOOD_WORDS for word in words) or (
        "вода" in words and not any(word in POTHOLE_WORDS for word in words))
    outdoor = any(word in OUTDOOR_WORDS for word in words)
    sewage = any(word in SEWAGE_WORDS for word in words) or (outdoor and any(word in SMELL_WORDS for word in words))
    return (flood and (sewage or outdoor)) or (sewage and (outdoor or any(word in MANY_WORDS for word in words)))


TOPIC = "@"


# "не" says a supply is missing only before what a supply does: "не идёт", "не греют", "не топят", "не горит", "не
# доходит".
_SUPPLY_VERBS = frozenset({"работать", "греть", "гореть", "идти", "пойти", "топить", "подаваться", "поступать",
                           "включаться", "течь", "бежать"}) | NOT_REACHING_WORDS
# "воды не будет до вечера", "света не было полдня": a supply that will not be, or was not, is missing.
_BEFORE_VERBS = {"не": _SUPPLY_VERBS | {"быть"}, WHEN: _RETURN_VERBS}


_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND"})
# "а там ничего", "у нас ничего": nothing comes; not "ничего не делают", "ничего не сказали".
NOTHING = "ничего"


def _before_a_verb(tokens: Sequence[str], position: int) -> bool:
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return following == "не" or (following.isalpha() and morph().parse(following)[0].tag.POS in _VERB_POS)


def _says_missing(token: str, following: str) -> bool:
    """"не" before what a supply does ("не идёт"), "когда" before its return ("когда дадут") or before no verb at
    all ("Тепло когда?", "свет!!! когда!!! Центр": when the supply itself, not a repair, comes)."""
    if token == WHEN and (not following.isalpha() or morph().parse(following)[0].tag.POS not in _VERB_POS):
        return True
    return following.isalpha() and canonical_lemma(following) in _BEFORE_VERBS[token]


# Residents' shorthand for the supplies, read as the words the lexicon knows: "нет эл-ва", "э/э", "ЭЭ", "ХВС", "ГВС",
# "г/в", "х.в.", "отопл.", "гор. вода", "хол вода", "нету"; "давление" of the water is its pressure, not a patient's.
_SHORTHAND = (
    (re.compile(r"(?<![а-я])эл(?:\.|-|\. )?(?:в[оау]|энерги[яиюей])(?![а-я])", re.IGNORECASE), "электричество"),
    (re.compile(r"(?<![а-я])э\s?/?\s?э(?![а-я])", re.IGNORECASE), "электроэнергия"),
    (re.compile(r"(?<![а-я])хвс(?![а-я])", re.IGNORECASE), "вода"),
    (re.compile(r"(?<![а-я])гвс(?![а-я])", re.IGNORECASE), "горячая вода"),
    (re.compile(r"(?<![а-я])г\s?[/.]\s?в(?![а-я])\.?", re.IGNORECASE), "горячая вода"),
    (re.compile(r"(?<![а-я])(?:" + _HEATING_WATER_AT_HOME + r"\w*|" + _ONLY_COLD_RUNS + r"\w*)", re.IGNORECASE),
     "горячей воды нет"),
    (re.compile(r"(?<![а-я])х\s?[/.]\s?в(?![а-я])\.?", re.IGNORECASE), "вода"),
    # "нет ни гор., ни хол.": the hot and the cold water, cut short after a word of absence.
    (re.compile(r"(?<![а-я])(ни|нет|без)\s+гор\.", re.IGNORECASE), r"\1 горячей "),
    (re.compile(r"(?<![а-я])(ни|нет|без)\s+хол\.", re.IGNORECASE), r"\1 холодной "),
    # A transformer substation ("ТП", "КТП") is the power's; a sewage pumping station ("КНС") the sewer's.
    (re.compile(r"(?<![а-я])к?тп(?![а-я])", re.IGNORECASE), "подстанция"),
    (re.compile(r"(?<![а-я])кнс(?![а-я])", re.IGNORECASE), "канализационная станция"),
    # A heat point ("тепловой пункт", "ЦТП") is the heat network's, as a substation is the power's.
    (re.compile(r"(?<![а-я])(?:теплов\w*\s+пункт\w*|цтп)(?![а-я])", re.IGNORECASE), "теплопункт"),
    # The network's pipe to be repaired ("когда почините трубу?"): it burst.
    (re.compile(r"(?<![а-я])(?:когда|скоро)\s+(?:\w+\s+)?почин\w*\s+труб\w*|труб\w*\s+когда\s+(?:\w+\s+)?почин\w*",
                re.IGNORECASE), "порыв трубы"),
    (re.compile(r"(?<![а-я])отопл(?![а-я])\.?", re.IGNORECASE), "отопление"),
    (re.compile(r"(?<![а-я])гор\.?\s+(?=вод)", re.IGNORECASE), "горячая "),
    (re.compile(r"(?<![а-я])хол\.?\s+(?=вод)", re.IGNORECASE), ""),
    # "хол. батареи": cold radiators, shortened as the cold water is.
    (re.compile(r"(?<![а-я])хол\.?\s+(?=батаре|радиатор)", re.IGNORECASE), "холодные "),
    (re.compile(r"(?<![а-я])нету(?![а-я])", re.IGNORECASE), "нет"),
    # "какие сроки по электричеству?", "напишите сроки по свету", "сообщите сроки подачи": when the supply comes,
    # asked.
    (re.compile(r"(?<![а-я])(?:как(?:ие|ой|ов\w*)|напиш\w*|сообщ\w*|скаж\w*|назов\w*|озвуч\w*|уточн\w*)"
                r"\s+(?:\w+\s+)?срок\w*", re.IGNORECASE), "когда"),
    # "водовозку пришлите", "когда будет водовоз?": a water truck asked for, as "подвезите воду".
    (re.compile(r"(?<![а-я])водовоз\w*", re.IGNORECASE), "подвезти воду"),
    # "ХВС 0", "гвс 0 градусов": nothing comes; "из крана только воздух": empty.
    (re.compile(r"(?<![\d.,/])\b0\b(?![\d,/]|\.\d)"), "ноль"),
    (re.compile(r"(?<![а-я])только\s+воздух\w*", re.IGNORECASE), "пусто"),
    # "вода чуть-чуть пошла": a trickle, as "еле".
    (re.compile(r"(?<![а-я])чуть[\s-]+чуть(?![а-я])", re.IGNORECASE), "еле"),
    # "батареи только чуть тёплые", "едва тёплые радиаторы": the heating too weak, as "еле"; not a flat's lukewarm
    # tap ("горячая в квартире чуть тёплая").
    (re.compile(r"(?<![а-я])((?:батаре|радиатор|отоплени)\w*\s+(?:\w+\s+){0,2}?)(?:чуть|едва|слегка)(?=\s+т[её]пл)",
                re.IGNORECASE), r"\1еле"),
    (re.compile(r"(?<![а-я])(?:чуть|едва|слегка)(?=\s+т[её]пл\w*\s+(?:батаре|радиатор))", re.IGNORECASE), "еле"),
    # "то включается, то выключается": the power flickers.
    (re.compile(r"(?<![а-я])то\s+включа\w*\s*,?\s*то\s+выключа\w*", re.IGNORECASE), "мигает"),
    # "всю ночь", "весь день": how long, not how many.
    (re.compile(r"(?<![а-я])(?:вс[юеё]|весь)(?=\s+(?:ночь|день|утро|вечер|сутки|неделю|время)(?![а-я]))",
                re.IGNORECASE), "целый"),
    (re.compile(r"(?<![а-я])канализ(?![а-я])\.?", re.IGNORECASE), "канализация"),
    (re.compile(r"(?<![а-я])г[*@#.]вн", re.IGNORECASE), "говн"),  # a swear word starred out
    # "сидим при свечах", "ужинаем при свечке": no power.
    (re.compile(r"(?<![а-я])при\s+свеч(?:ах|ках|ке|е)(?![а-я])", re.IGNORECASE), "без света"),
    # Diminutives: "светик дайте", "водички нет".
    (re.compile(r"(?<![а-я])светик", re.IGNORECASE), "свет"),
    (re.compile(r"(?<![а-я])водичк[аиуеой]*(?![а-я])", re.IGNORECASE), "вода"),
)
# "Садовую топит", "топит дворы": water floods them; "не топят", "котельная плохо топит": the heating.
_FLOODS = re.compile(r"(?<![а-я])(?<!не )топит(?![а-я])", re.IGNORECASE)
_HEATING_NAMED = re.compile(r"батаре|отоплен|радиатор|котельн|тепл|гвс|горяч", re.IGNORECASE)
_PRESSURE = re.compile(r"(?<![а-я])давлени[еяюи]\w*", re.IGNORECASE)
# "пар из-под земли", "парит из земли", "из асфальта валит пар": steam out of the ground in frost is a heat main burst
# under it, the heat network's failure; not out of a manhole with a stench ("из люка пар и вонь": the sewer's).
_GROUND = r"из[\s-]*(?:под\s+)?(?:земл|асфальт|грунт)\w*"
_STEAM = r"(?:пар|парит|парят)(?![а-я])"
_STEAM_FROM_THE_GROUND = re.compile(r"(?<![а-я])(?:" + _STEAM + r"\s+(?:\w+\s+){0,2}?" + _GROUND
                                    + r"|" + _GROUND + r"\s+(?:\w+\s+){0,2}?" + _STEAM + ")", re.IGNORECASE)
# "кран плюётся воздухом", "вода с пузырями", "в трубах воздух, вода рывками": the water's pipes refilling after an
# outage, its supply still broken; not of the heating ("воздух в батарее": a radiator's airlock).
_AIR_IN_THE_WATER = re.compile(r"(?<![а-я])(?:плю[её]\w*\s+(?:\w+\s+)?воздух|вод\w*\s+(?:\w+\s+)?с\s+(?:воздух|пузыр)"
                               r"|воздух\w*\s+в\s+(?:труб|кран)|(?:труб|кран)\w*\s+воздух|вод\w*\s+рывками)\w*",
                               re.IGNORECASE)
_SEWER_SMELL = re.compile(r"(?<![а-я])(?:вон[ьяиюе]|смрад|канализ|сток|нечистот|фекал)", re.IGNORECASE)
_OF_WATER = re.compile(r"(?<![а-я])(?:вод|кран|труб|водопровод)", re.IGNORECASE)


def residents_spelling(text: str) -> str:
    """The text with stretched letters collapsed ("нееет", "воооды") and the supplies' shorthand spelt out."""
    text = collapse_stretched(text)
    for shorthand, words in _SHORTHAND:
        text = shorthand.sub(words, text)
    if not _HEATING_NAMED.search(text):
        text = _FLOODS.sub("заливает", text)
        text = _AIR_IN_THE_WATER.sub("вода с перебоями", text)
    if not _SEWER_SMELL.search(text):
        text = _STEAM_FROM_THE_GROUND.sub("теплотрасса парит", text)
    return _PRESSURE.sub("напор", text) if _OF_WATER.search(text) else text


@lru_cache(maxsize=4096)
def _problem_words(text: str) -> tuple[tuple[str, str, float], ...]:
    found: list[tuple[str, str, float]] = []
    water = _water_named(collapse_stretched(text))  # before the shorthand is spelt out: "ХВС" is "вода" after it
    text = residents_spelling(text)
    tokens = content_tokens(text, Work()).words
    for position, token in enumerate(tokens):
        if token == STREET_NAME or not token.isalpha() or len(token) < 2:
            continue
        if token in _BEFORE_VERBS:
            if _says_missing(token, tokens[position + 1] if position + 1 < len(tokens) else ""):
                found.append((token, token, _WEAK[token]))
            continue
        if canonical_lemma(token) in _NOT_THE_PROBLEM or (token == NOTHING and _before_a_verb(tokens, position)):
            continue
        hits = [hit for hit in unigram_hits(token) if hit[0] != "other"]
        if hits:
            category, _, _ = max(hits, key=lambda hit: hit[1])
            found.append((token, TOPIC + category, 2.0))
            found.append((token, _lemma(token), 1.0))
            continue
        if token in _WEAK:
            found.append((token, token, _WEAK[token]))
            continue
        if morph().parse(token)[0].tag.POS not in _PROBLEM_POS or len(token) < 3:
            continue
        found += _word_of_the_problem(token)
    markers = [*_dwelling_markers(text), *_street_flooded(text)]
    # The phrases count as the words do: the ground floor's drains backing up name the sewer's water.
    lemmas = {lemma: weight for _, lemma, weight in (*found, *markers)}
    sewage = _sewer_named(lemmas) or (network_flood(lemmas) and (
        any(word in SEWAGE_WORDS for word in lemmas) or any(word in SMELL_WORDS for word in lemmas)))
    flooded = network_flood(lemmas) or (any(word in FLOOD_WORDS for word in lemmas)
                                         and not any(word in HOUSE_DRAIN_WORDS for word in lemmas))
    kinds = _complaints(tokens, SEWER if sewage else FLOOD if flooded else None)
    if any(name == COLD_WATER for name, _, _ in water) and not any(lemma == "вода" for _, lemma, _ in found):
        # "холодная не идёт", "холодной нет": the cold water, named by its adjective alone, is the water's supply.
        found += [("вода", TOPIC + "water", 2.0), ("вода", "вода", 1.0)]
        kinds = kinds or [(KIND + WATER, KIND + WATER, 0.0)]
    return (*water, *kinds, *found, *markers, *_indoor_cold(text))


def _water_named(text: str) -> list[tuple[str, str, float]]:
    """Which water the text says is missing, hot or cold, as a word of the problem; first among the words, so that a
    member's kept words (model.MAX_MEMBER_WORDS) hold it. Both said missing ("ни холодной, ни горячей", "ХВС нет, ГВС
    потом тоже пропала"): the one named first, which the resident complains of as of the first supply
    (`_complaints`); an incident counting both for such members would take the other water's side too."""
    lowered = text.lower().replace("ё", "е")
    named = {name: found.start() for name, said in ((HOT_WATER, _HOT_WATER), (COLD_WATER, _COLD_WATER))
             if (found := said.search(lowered)) is not None}
    first = min(named, key=lambda name: named[name], default=None)
    return [(first, first, 1.0)] if first is not None else []


# What a resident complains of, by the supply or network: power, water (cold or unspecified), hot water, heating,
# the sewer. Two of them on the same streets at the same time are two problems (a power cut and the pumps' stopped
# water; cold radiators and no hot water; a sewer overflow and no water), however close their places and words.
# Each kind an appeal names is one of its words ("#power"), in the order named, of no weight: the first is what it
# complains of ("Воды нет, свет хоть дали" is the water's; "Ни света, ни воды" the power's).
KIND = "#"
POWER, WATER, HOT, HEAT, SEWER, FLOOD = "power", "water", "hot", "heat", "sewer", "flood"
# A supply the domain has no category for: the classifier files it by another word of its text ("котлы газовые
# стоят": heating; "перекрыли трубу": water), so it is known by its kind alone, and is its own problem.
GAS = "gas"
_KIND_OF_LEMMA = {
    **dict.fromkeys(("свет", "электричество", "электроэнергия", "электроснабжение", "напряжение", "ток", "обесточить",
                     "обесточенный", "обесточка", "скачок", "скачка"), POWER),
    **dict.fromkeys(("вода", "водоснабжение", "водопровод", "кран", "напор", "водовод"), WATER),
    **dict.fromkeys(("горячий", "горячка"), HOT),
    **dict.fromkeys(("отопление", "тепло", "теплоснабжение", "теплоноситель", "батарея", "радиатор", "топить",
                     "теплосеть", "теплотрасса", "тепломагистраль", "отопительный"), HEAT),
    **dict.fromkeys(SEWAGE_WORDS, SEWER),
    **dict.fromkeys(("газ", "газовый", "газоснабжение", "газопровод", "газовщик", "газификация"), GAS),
}
# The category each kind is the outage of (hot water is the heating's and the water's alike).
CATEGORY_OF_KIND = {POWER: "electricity", WATER: "water", SEWER: "water", FLOOD: "water", HEAT: "heating"}
# A missing supply of water, hot or unspecified, is one supply: a burst main leaves both ("нет воды" beside "нет
# горячей воды"); cold against hot is `other_water`'s. A street flooded with water ("вода хлещет по дороге", "стоим
# в воде") may be a burst main's or the sewer's: either's.
_ONE_SUPPLY = (frozenset({WATER, HOT}), frozenset({WATER, FLOOD}), frozenset({SEWER, FLOOD}))
# One heat point supplies the heating and the hot water: an appeal that says both went ("нет отопл. и ГВС") complains
# of the heat point's outage, which is either's.
_SUPPLIED_TOGETHER = frozenset({HEAT, HOT})
# A kind counts for an incident when this share of its members (at least one) names it.
KIND_SHARE = 0.1


# "без горячей еды": a hot meal, not hot water.
_MEALS = frozenset({"еда", "пища", "обед", "ужин", "завтрак", "чай", "блюдо"})


def _complaints(tokens: Sequence[str], flood: str | None) -> list[tuple[str, str, float]]:
    """The kinds the text names, in order, as words of no weight; what the resident says they can bear ("без воды
    ещё ладно, но…") and a gas boiler stopped with the power (`_stopped_for_power`) after the rest: named, not
    complained of."""
    named = _kinds_named(tokens, flood)
    kinds = list(dict.fromkeys(kind for _, kind in named))
    if _plant_without_power(tokens, named):
        conceded = {POWER} | {kind for position, kind in named if _conceded(tokens, position)}
    else:
        conceded = {kind for position, kind in named if _conceded(tokens, position) or _stopped_for_power(
            tokens, position, kind, named)}
    kinds = [kind for kind in kinds if kind not in conceded] + [kind for kind in kinds if kind in conceded]
    return [(KIND + kind, KIND + kind, 0.0) for kind in kinds]


def _kinds_named(tokens: Sequence[str], flood: str | None) -> list[tuple[int, str]]:
    """Each kind the text names, at its position. "горячей воды", "кран горячей воды" are hot water, not water too,
    "горячей еды" neither; in a street's flood (`flood`: the sewer's or a flood of water) the water is the flood's,
    unless said missing beside it ("воды нет")."""
    named: list[tuple[int, str]] = []
    hot_until = -1
    for position, token in enumerate(tokens):
        if not token.isalpha() or token == STREET_NAME:
            continue
        kind = _KIND_OF_LEMMA.get(_lemma(token))
        if kind is not None and (_restored(tokens, position) or _present(tokens, position)):
            continue
        following = canonical_lemma(tokens[position + 1]) if position + 1 < len(tokens) else ""
        if kind == HOT and following in _MEALS:
            continue
        if kind == WATER and following == "горячий":
            kind = HOT
        if kind == HOT:
            hot_until = position + 2
        elif kind == WATER and position <= hot_until:
            continue
        if kind == WATER and flood is not None and not _said_missing(tokens, position):
            kind = flood
        if kind is not None:
            named.append((position, kind))
    return named


# "без воды ещё ладно, но канализация лезет", "вода ладно, переживём": a supply the resident can bear.
_BEARABLE = frozenset({"ладно", "переживем", "переживу", "полбеды", "терпимо"})


# "газовый котёл встал, насос без света не качает": a gas boiler or water heater, whose pump and ignition run on the
# power; where the power is named too, it stopped for want of it (a gas stove needs none: "плиты не горят" is gas's).
_GAS = "газовый"
_NEEDS_POWER = frozenset({"котел", "колонка", "водонагреватель"})


def _gas_appliance(tokens: Sequence[str], position: int) -> bool:
    """"газовый" next to a boiler or a water heater ("котёл газовый", "газовые котлы")."""
    near = (*tokens[max(0, position - 1):position], *tokens[position + 1:position + 2])
    return canonical_lemma(tokens[position]) == _GAS and any(canonical_lemma(t) in _NEEDS_POWER for t in near)


# "вода не идёт — насос без электричества", "отопление электрическое, без света дом остывает", "котёл электрический
# встал": a house's pump, well or electric boiler runs on the power; where the power is named too, the water or the
# heat it gave stopped for want of it (a pumping station, "насосная", is the water network's own plant).
_RUNS_ON_POWER = frozenset({"насос", "скважина", "электрический", "электрокотел", "электроотопление", "бойлер",
                            "водонагреватель"})


# The supplies a house's pump, well or electric boiler gives, which stop with the power.
_POWERED = frozenset({WATER, HOT, HEAT})


def _stopped_for_power(tokens: Sequence[str], position: int, kind: str, named: Sequence[tuple[int, str]]) -> bool:
    """The power named in the text, and gas named only as a boiler's or a water heater's (`_gas_appliance`), or the
    water or the heat beside an appliance that runs on the power (`_RUNS_ON_POWER`) or both of them with it: the
    appliance stopped with the power, which is what is complained of (the gas itself not said missing)."""
    if not any(other == POWER for _, other in named):
        return False
    if kind == GAS:
        return all(_gas_appliance(tokens, at) for at, other in named if other == GAS)
    if kind not in _POWERED:
        return False
    # "Тепла нет, воды нет — света нет": the heat and the water of a house gone with the power at once, the power
    # the one they both need (the heating and the hot water alone are one heat point's).
    kinds = {other for _, other in named}
    return any(canonical_lemma(token) in _RUNS_ON_POWER for token in tokens) or {HEAT, WATER} <= kinds


# The heat or water network's own plant: a heat point, a boiler house, a pumping station, a water intake (not a
# house's pumps: "в частном секторе насосы без света стоят" is the power cut's).
_HEAT_AND_WATER_PLANT = frozenset({"теплопункт", "котельная", "насосный", "водозабор"})


def _plant_without_power(tokens: Sequence[str], named: Sequence[tuple[int, str]]) -> bool:
    """The power named beside a heat or water network's plant and that supply ("ЦТП обесточило, батареи холодные",
    "насосная стоит без света, все дома без отопления"): the plant stopped for want of it, and what the residents
    miss is the heat or the water it gives, not their own power."""
    kinds = {kind for _, kind in named}
    return POWER in kinds and bool(kinds & {HEAT, HOT, WATER}) and any(
        canonical_lemma(token) in _HEAT_AND_WATER_PLANT for token in tokens)


def _conceded(tokens: Sequence[str], position: int) -> bool:
    """The supply at `position` is said to be bearable within the next three words ("без воды ещё ладно")."""
    return any(token in _BEARABLE for token in tokens[position + 1:position + 4])


# "воды нет", "ни воды", "без воды": the supply said missing, next to it.
_MISSING_BEFORE = frozenset({"нет", "без", "ни"})


def _said_missing(tokens: Sequence[str], position: int) -> bool:
    """The supply at `position` is said to be missing by the word before or after it ("без воды", "воды нет"): the
    tap's water, not a flood's, whatever sewage the text names too ("воды нет, а в подвале канализация")."""
    before = tokens[position - 1] if position > 0 else ""
    after = tokens[position + 1] if position + 1 < len(tokens) else ""
    return before in _MISSING_BEFORE or after == "нет"


def _lemma(token: str) -> str:
    """The token's lemma as the problem's words hold it: the lexicon's own word for a form it knows (a misspelling,
    a plural: "канализацыя", "нечистот"), so that the kind it names is read from the same word."""
    hits = [hit for hit in unigram_hits(token) if hit[0] != "other"]
    if hits:
        label = max(hits, key=lambda hit: hit[1])[2]
        if " " not in label:
            return canonical_lemma(label)
    return canonical_lemma(token)


def _present(tokens: Sequence[str], position: int) -> bool:
    """The supply said to be there ("вода есть, но только холодная", "горячая есть, холодной нет"): not complained
    of."""
    return position + 1 < len(tokens) and tokens[position + 1] == "есть"


# "Свет дали, а воды теперь нет", "воды нет, свет хоть дали": a supply given back is not complained of.
_GIVEN_BACK = frozenset({"дать", "появиться", "вернуть", "включить", "восстановить", "подать"})


def _restored(tokens: Sequence[str], position: int) -> bool:
    """The supply at `position` is said to be back: a past verb of its return within the next two words, with no
    "не" or "когда" before it ("свет дали"; not "свет не дали", "свет когда дадут")."""
    for offset, token in enumerate(tokens[position + 1:position + 3], start=position + 1):
        if token in _BEFORE_VERBS:
            return False
        if not token.isalpha():
            continue
        parsed = morph().parse(token)[0]
        if "past" in str(parsed.tag) and canonical_lemma(token) in _GIVEN_BACK:
            return tokens[offset - 1] not in _BEFORE_VERBS
    return False


def complained_of(words: ProblemWords) -> str | None:
    """The kind an appeal complains of first; None when it names none."""
    return next((word[len(KIND):] for word in words if word.startswith(KIND)), None)


def other_problem(words: ProblemWords, theirs: ProblemWords, members: int) -> bool:
    """Whether the appeal complains of another supply or failure than the incident's members (or a recent appeal,
    `members` 1) name: a kind none or few of them name (under `KIND_SHARE`). Unknown when either names none."""
    kind = complained_of(words)
    kinds = {word[len(KIND):] for word in words if word.startswith(KIND)}
    complaints = _SUPPLIED_TOGETHER if _SUPPLIED_TOGETHER <= kinds else {kind}
    # An incident counts its members per word; a recent appeal's words weigh nothing here (it names each once).
    named = {word[len(KIND):]: count or 1.0 for word, count in theirs.items() if word.startswith(KIND)}
    if kind == GAS:
        # No category of its own to tell it apart by: apart from whatever does not name it, kinds or none.
        return _named_by(GAS, named) < max(1.0, KIND_SHARE * members)
    if kind is None or not named:
        return False
    return all(_named_by(complaint, named) < max(1.0, KIND_SHARE * members) for complaint in complaints)


def _named_by(kind: str | None, named: Mapping[str, float]) -> float:
    return sum(count for other, count in named.items()
               if other == kind or any({kind, other} <= supply for supply in _ONE_SUPPLY))


def water_side(words: ProblemWords) -> str | None:
    """Hot or cold water, when the words (an appeal's, or an incident's counted over its members) name one of them
    clearly more than the other; None when they name neither or both."""
    hot, cold = words.get(HOT_WATER, 0.0), words.get(COLD_WATER, 0.0)
    if hot > 2 * cold:
        return HOT_WATER
    if cold > 2 * hot:
        return COLD_WATER
    return None


def other_water(first: ProblemWords, second: ProblemWords) -> bool:
    """Whether one says hot water and the other cold: two problems, however close their places and words."""
    sides = water_side(first), water_side(second)
    return None not in sides and sides[0] != sides[1]


def _dwelling_markers(text: str) -> list[tuple[str, str, float]]:
    """"у соседей есть", "по утрам": phrases that put the trouble in one dwelling, and those that say it is not one
    dwelling's ("у соседей тоже", "значит не у нас"), as words of the problem."""
    lowered = text.lower().replace("ё", "е")
    return [(marker, marker, _WEAK["нет"])
            for marker, phrase in ((ONLY_OURS, _ONLY_OURS), (RECURRING, _RECURRING), (ONE_PLACE, _ONE_PLACE),
                                   (ONE_FITTING, _ONE_FITTING), (DWELLING_WORK, _DWELLING_WORK),
                                   (NEIGHBOURS_TOO, _NEIGHBOURS_TOO), (NOT_OURS, _NOT_OURS), (NOWHERE, _NOWHERE),
                                   (GROUND_FLOOR, _GROUND_FLOOR),
                                   (LONG_STANDING, _LONG_STANDING))
            if phrase.search(lowered)]


def _street_flooded(text: str) -> list[tuple[str, str, float]]:
    """The street said to be under water (`STREET_FLOODED`), as a word of the problem: outdoors, a flood's place."""
    lowered = text.lower().replace("ё", "е")
    return [(STREET_FLOODED, STREET_FLOODED, _WEAK["нет"])] if _STREET_FLOODED.search(lowered) else []


# "в квартире 13 градусов", "дома +12", "температура в квартире 15", "+14 в квартире", "16° дома": a dwelling below
# the heating season's norm, its temperature said before or after it.
INDOOR_NORM_C = 18
_INDOORS = r"(?:в\s+квартир\w*|дома|в\s+доме|в\s+комнат\w*|в\s+детской)"
_DEGREES = r"(?:(\+\s?\d{1,2})|(\d{1,2})(?:[.,]\d)?\s*(?:°|градус|гр\.))"
_INDOOR_TEMPERATURE = re.compile(r"(?<![а-я])" + _INDOORS + r"\s*[:—-]?\s*" + _DEGREES)
_TEMPERATURE_INDOORS = re.compile(r"(?<![\w.,/+-])" + _DEGREES + r"(?:\s*°)?\w*\s*" + _INDOORS)


# "сидим дома в куртках", "спим в шапках", "дети в куртках дома": dressed for the street indoors.
_OUTDOOR_CLOTHES = r"(?:куртк|шуб|пуховик|шапк|валенк|верхн\w+\s+одежд)"
_DRESSED_INDOORS = re.compile(r"(?<![а-я])(?:(?:сиди\w*|спи\w*|спа\w*|ходи\w*|дома)\s+(?:\w+\s+)?в\s+"
                              + _OUTDOOR_CLOTHES + r"|в\s+" + _OUTDOOR_CLOTHES + r"\w*\s+(?:\w+\s+)?дома(?![а-я]))")


def _indoor_cold(text: str) -> list[tuple[str, str, float]]:
    """A temperature indoors below the norm, or residents dressed for the street at home, say they are freezing: the
    heat is missing, which is the heating's."""
    lowered = text.lower().replace("ё", "е")
    freezing = [("холодно", "холодно", 1.0), ("холодно", TOPIC + "heating", 2.0)]
    if _DRESSED_INDOORS.search(lowered):
        return freezing
    for found in (*_INDOOR_TEMPERATURE.finditer(lowered), *_TEMPERATURE_INDOORS.finditer(lowered)):
        degrees = int((found.group(1) or found.group(2)).lstrip("+ "))
        if degrees < INDOOR_NORM_C:
            return freezing
    return []


# "Ну и где вода?", "где свет??": where the supply is, asked, whatever else the resident says.
_WHERE_IS = re.compile(r"(?<![а-я])где\s+(?:же\s+)?(?:вод[аы]|свет|тепло|отоплени|горяч|электричеств)\w*\s*\?",
                       re.IGNORECASE)


# "Вода вообще будет сегодня?", "будет ли свет?": whether the supply comes, asked.
_SUPPLIES = r"(?:вод[аыу]?|свет|тепло|отоплени\w*|горяч\w*|электричеств\w*)"
_WILL_IT_COME = re.compile(r"(?<![а-я])(?:" + _SUPPLIES + r"(?:\s+\w+){0,2}?\s+будет(?:\s+\w+){0,2}?\s*\?"
                           r"|будет\s+ли\s+(?:\w+\s+)?" + _SUPPLIES + r"(?![а-я]))", re.IGNORECASE)


def _supply_asked_for(text: str, words: ProblemWords) -> bool:
    """A supply named alone ("ОТОПЛЕНИЕ??", "Свет!!!"), or asked about with no other word of the problem, its place
    aside ("тепло??? ул. Есенина", "Что с отоплением по Южному?", "вода где?", "у кого вода есть?"): the resident
    asks for it, as "когда" asks when it comes."""
    if _WHERE_IS.search(text) or _WILL_IT_COME.search(text):
        return True
    # Where it asks ("во всём районе", "по кварталу") is no word of the problem.
    lemmas = {lemma for lemma in words if not lemma.startswith((TOPIC, KIND))
              and lemma not in (HOT_WATER, COLD_WATER) and lemma not in WHOLE_AREA_WORDS | {"весь"}}
    return bool(lemmas) and lemmas <= SUPPLY_WORDS and (len(lemmas) == 1 or "?" in text)


def _word_of_the_problem(token: str) -> list[tuple[str, str, float]]:
    """A word the lexicon has no topic for: its lemma, and the supply it names if it names one ("обесточка")."""
    lemma = canonical_lemma(token)
    if lemma in _NOT_THE_PROBLEM or lemma in _ORDINALS:
        return []
    supply = [(token, TOPIC + SUPPLY_OF[lemma], 2.0)] if lemma in SUPPLY_OF else []
    return [*supply, (token, lemma, 1.0)]


def grouping_category(category: str | None, words: ProblemWords) -> str | None:
    """The category grouping compares an appeal by: the classifier's when its words name it; when they do not (its
    evidence was a street's name, "Школьная", or the classifier could not decide), the one utility the words name;
    the water network's for a street's flood that the classifier gave to no utility (roads: "ливнёвка", "люк")."""
    named = {word[len(TOPIC):] for word in words if word.startswith(TOPIC)}
    if any(word in HEAT_NETWORK_WORDS for word in words):
        # "Порыв на тепломагистрали": the burst is the heat network's, not the water's.
        named -= {"water"}
    utilities = named & AREA_CATEGORIES
    if (category or "") not in AREA_CATEGORIES and (network_flood(words) or _sewer_named(words)
                                                     or _water_main_burst(words)):
        # A street flooded from the drains is the water network's failure, whatever else it is ("ливнёвка": roads);
        # so is the sewer's own water where no house's drain is named ("жижа!!! на Дзержинского", to schools), and
        # what a main's burst left on the roads ("тротуар сплошной лёд после прорыва": snow).
        return "water"
    kind = complained_of(words)
    if kind == HOT and (category or "") not in AREA_CATEGORIES and "heating" in utilities:
        # Hot water, undecided or filed outside the utilities ("Горячее водоснабжение на Рабочей — когда?", "г/в
        # нет, Курильской 33", "дети без душа в школу ушли, горячей нет": schools), whatever else its words name
        # ("г/в отключили?": the electricity's verb): the domain files it under the heating.
        return "heating"
    first = CATEGORY_OF_KIND.get(kind or "")
    if first in utilities and len(utilities) > 1 and not covered(category or "", first or ""):
        # Two utilities named ("Воды нет, свет хоть дали"): the one complained of first.
        return first
    if first in utilities and (category or "") not in AREA_CATEGORIES and is_outage(words):
        # A utility's supply said to be missing, filed by another word of the text ("краны сухие, хоть снег топи":
        # snow): the utility's outage.
        return first
    if (category or "") not in AREA_CATEGORIES and utilities == {"heating"} and _freezing_indoors(words):
        # "у нас холодно, дети в куртках делают уроки" (schools): people freezing at home, the heating's loss.
        return "heating"
    if (category or "") not in AREA_CATEGORIES and dark_over_an_area(words):
        # "Темно во всём квартале, светофоры не работают" (roads): a whole quarter's darkness is the power cut's.
        return "electricity"
    if category is not None and category in named:
        return category
    # "темнота, ни света": the street lights' darkness is the power cut's (categories.AREA_OUTAGE_OF).
    utilities -= {narrow for narrow, wide in AREA_OUTAGE_OF.items() if wide in utilities}
    if len(utilities) > 1:
        # "УК говорит котельная встала": the management company says what failed; the supply is what is missing.
        utilities -= {MANAGEMENT_COMPANY}
    return next(iter(utilities)) if len(utilities) == 1 else category


# A water main's burst ("прорыв", "прорвало", "водовод"); not "порыв", which is the wind's too ("порывом ветра").
WATER_MAIN_BURST_WORDS = frozenset({"прорыв", "прорвать", "прорывать", "водовод"})


def _water_main_burst(words: ProblemWords) -> bool:
    """A water main's burst named, not the heat network's ("прорыв теплотрассы"): whatever the resident complains
    of beside it, the ice or the flood it left on the road, it is the water network's failure."""
    return (any(word in WATER_MAIN_BURST_WORDS for word in words)
            and not any(word in HEAT_NETWORK_WORDS for word in words))


def _freezing_indoors(words: ProblemWords) -> bool:
    """People freezing ("холодно", "мёрзнем", a room below the norm), no swap nor overheat: the heat is missing."""
    return any(word in FREEZING_WORDS for word in words) and not any(word in HOT_WORDS for word in words)


MANAGEMENT_COMPANY = "management_company"
DARK_WORDS = frozenset({"темно", "темнота", "тьма"})


def over_an_area(words: ProblemWords) -> bool:
    """Said of a whole block or district ("во всём квартале"), or of the houses around ("и в домах темно", "у соседей
    тоже"): more than a street's lamps or one building."""
    return any(word in WHOLE_AREA_WORDS or word == NEIGHBOURS_TOO for word in words)


def dark_over_an_area(words: ProblemWords) -> bool:
    return any(word in DARK_WORDS for word in words) and over_an_area(words) and is_outage(words)
