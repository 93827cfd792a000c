"""Writes the nineteenth development storm of incident grouping (tests/data/incidents_storm_dev19.jsonl).

Южно-Сахалинск, a March weekday; minute 0 is 07:00 local, the storm lasts 480 minutes. Its point: two outages of
RELATED supplies at the same hours in the SAME district (Северный) but on DIFFERENT streets, which residents describe
in overlapping words (вода, кран, нет воды, ржавая, напор) and often place only by the district, a landmark or «у нас»;
they must stay two incidents. A power cut elsewhere is the third.

1. `coldwater-severny` (water), 100 messages, minutes 0–430: a pumping station of Северный failed at about 07:00. No
   cold water at all (0–200), then low pressure on the upper floors (150–330), then yellow or rusty cold water when it
   returns (260–430), on Пуркаева, Украинская, Тихоокеанская.
2. `hotwater-severny` (heating: hot water and heating are one category), 100 messages, minutes 20–470: a heat main
   burst near a boiler house of the same district at about 07:20. No hot water from the hot tap (20–470), a cloud of
   steam over the yards (20–260), radiators going cold (80–470, ice-cold from about 180), on Физкультурная, Амурская,
   Бумажная, Крюкова (no street shared with the cold water).
   In both, about a fifth of the messages name no street: the district only («Северный», «в Северном», «на
   северном»), a landmark (the pumping station, a school, a shop and a stop for the cold water; the boiler house, the
   polyclinic, the market, another shop and stop for the hot water), «у нас»/«в нашем доме», or a house number alone.
   Every one of them says which supply it means (the cold tap, an empty cistern, the pumping station; the hot tap,
   radiators, steam, the boiler house). Ten messages (five of each) say both supplies are missing (home on one street,
   work or a relative on the other): each is labelled by the supply named first, which is also its home street's.
3. `power-novo` (electricity), 100 messages, minutes 40–480: wet snow on the lines in Ново-Александровск; lights
   flicker and the voltage jumps first (40–200), then no power (120–480), on Советская, Рабочая, Молодёжная, Школьная.

The phrase banks hold 60, 56 and 56 wordings; each is used once or twice (the «both» wordings once, no two messages
word for word the same), each tied to a stretch of minutes (the phases above); how long it has lasted is worked out
from the minute. 20, 20 and 25 messages name no street. Exactly 15 messages of each outage and 22 of
the unrelated carry coordinates near their street; some texts carry coordinates or a map link themselves.

150 unrelated (incident null), in the same hours:
- 40 single flats on the outages' own streets (25 wordings, at most twice, the second time on another street; at most
  two of one category on one street), each saying it is their own flat: a cold tap, cistern, drain or water heater
  on the cold-water streets only at 431–480 (elsewhere at any minute, but a water heater on Ново-Александровск's
  cut streets only at 0–39); a hot-water mixer, a leaking radiator or towel rail on the hot-water streets only at
  0–19 or 471–480 (on the other streets at any minute); a socket, a breaker or a bulb in Северный at any minute and
  on Ново-Александровск's cut streets only at 0–39.
- 15 single flats on Северный's other streets (Горького, Поповича, Комарова; 15 wordings, each once, five of water,
  of hot water and of heating, at most two of one kind on one street), at any minute.
- 85 single flats in other districts (45 wordings, each at most twice, the second time in another district; at most
  two of one category on one street): water in Южный, Луговое, Дальнее; heating in Центр, Луговое, Хомутово;
  electricity in Центр, Южный, Хомутово, Дальнее.
- 5 whole buildings without a supply, each alone in its district and category (water in Центр and Хомутово, heating
  in Южный and Дальнее, electricity in Луговое).
- 5 potholes and icy pavements.

All houses, flats, landmarks, shop and stop names and coordinates are made up; no third-party data.

    python3 -m tools.incident_storm_dev19      # from the repository root
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 19017
PREFIX = "s19"
SPAN = 480


@dataclass(frozen=True)
class Road:
    nominative: str  # "Украинская"
    locative: str  # (на) "Украинской"
    dative: str  # (по) "Украинской"
    accusative: str  # (на) "Украинскую"
    centre: tuple[float, float]


def road(name: str, centre: tuple[float, float]) -> Road:
    if name.endswith(("ая", "яя")):
        stem = name[:-2]
        soft = name.endswith("яя") or stem[-1] in "жчшщ"
        loc = stem + ("ей" if soft else "ой")
        acc = stem + ("юю" if name.endswith("яя") else "ую")
        return Road(name, loc, loc, acc, centre)
    return Road(name, name, name, name, centre)


def roads(names: str, centre: tuple[float, float], step: float = 0.0025) -> tuple[Road, ...]:
    return tuple(road(name, (round(centre[0] + step * (i % 3 - 1), 4), round(centre[1] + step * (i // 3 - 1), 4)))
                 for i, name in enumerate(names.split(", ")))


COLD_STREETS = roads("Пуркаева, Украинская, Тихоокеанская", (46.9905, 142.7262))
HOT_STREETS = roads("Физкультурная, Амурская, Бумажная, Крюкова", (46.9871, 142.7368))
OTHER_NORTH = roads("Горького, Поповича, Комарова", (46.9938, 142.7321))
POWER_STREETS = roads("Советская, Рабочая, Молодёжная, Школьная", (46.9032, 142.7108))
DISTRICTS = {
    "Центр": roads("Ленина, Комсомольская, Чехова, Сахалинская, Пограничная, Курильская, Дзержинского, Хабаровская, "
                   "Карла Маркса, Емельянова", (46.9591, 142.7379)),
    "Южный": roads("Мира, Победы, Есенина, Маяковского, Детская, Холмская, Железнодорожная, Невельская, Вокзальная, "
                   "Ухтомского", (46.9342, 142.7335)),
    "Луговое": roads("Лучистая, Дружбы, Авиационная, Шоссейная, Ударная, Больничная, Западная, Ключевая, Сиреневая, "
                     "Майская", (46.9467, 142.6821)),
    "Хомутово": roads("Новая, Центральная, Зелёная, Озёрная", (46.9218, 142.7812)),
    "Дальнее": roads("Горная, Весенняя, Солнечная, Речная", (46.9893, 142.6788)),
    "Ново-Александровск": roads("Крайняя, Лесная", (46.9061, 142.7155)),
}

NORTH_IN = ("в Северном", "в Северном", "на северном", "в северном районе", "у нас в Северном", "в р-не Северный")
NORTH_NAMED = ("Северный", "Северный", "северный", "р-н Северный", "Северный район", "мкр Северный")
NOVO_IN = ("в Ново-Александровске", "в Новоалександровске", "в ново-александровске", "у нас в Ново-Александровске")
NOVO_NAMED = ("Ново-Александровск", "Новоалександровск", "н-александровск", "Ново-Александровск")
COLD_LANDMARKS = ("возле насосной станции", "у насосной", "рядом со школой на горке", "у магазина «Ручеёк»",
                  "возле остановки «Кедровая роща»", "у школы")
HOT_LANDMARKS = ("возле котельной", "у котельной", "рядом с поликлиникой", "у рынка", "возле магазина «Фрегат»",
                 "на остановке «Сопка»")
POWER_LANDMARKS = ("у подстанции", "возле подстанции за школой", "рядом со школой", "у магазина «Снежок»",
                   "на остановке «Депо»", "возле поликлиники", "у рынка")

# (wording, first minute, last minute, kind): kind "S" names the street, "N" names none (district, landmark, «у нас»,
# a house alone), "B" says both supplies are missing (home street first, the other outage's street second).
COLD_BANK: tuple[tuple[str, int, int, str], ...] = (
    ("опять воды нет {addr}", 0, 200, "S"),
    ("{addr} — холодной воды нет вообще, кран открываешь и ничего", 0, 200, "S"),
    ("Здравствуйте! По адресу {addr}, кв. {fl} с утра полностью отсутствует холодное водоснабжение. Просим сообщить "
     "причину и сроки восстановления.", 10, 200, "S"),
    ("ХВС нет {na} {dur}, ни капли", 30, 200, "S"),
    ("воды нет!!! {st} {h}", 0, 200, "S"),
    ("{na} нету хол. воды, умыться нечем, дети в школу немытые 😡", 0, 90, "S"),
    ("Почему {na} отключили холодную воду без предупреждения? Ни объявления, ни смс от УК", 0, 200, "S"),
    ("ВОДЫ НЕТ {na}. СКОЛЬКО МОЖНО", 60, 200, "S"),
    ("х/в нет {po} {h} {dur}, когда дадут?", 30, 200, "S"),
    ("Вода в кране кончилась прям когда чайник набирала. {addr}. Что случилось?", 0, 60, "S"),
    ("у нас {na} в бачке пусто, унитаз не смыть, воды нет холодной", 10, 200, "S"),
    ("{st} {h}, кв {fl}. Нет холодной воды {dur}. Аварийка УК трубку не берёт", 40, 200, "S"),
    ("водыыы нееет {na} 😭😭", 0, 200, "S"),
    ("Когда дадут воду {acc}?? с утра сидим без воды", 30, 200, "S"),
    ("сообщаю: {addr} отсутствует ХВС. Купили воду в магазине, на чай. Сколько еще ждать?", 60, 200, "S"),
    ("Ни в ванной ни на кухне хол. воды нету, {st} {h}. Соседи тоже без воды", 0, 200, "S"),
    ("{na} весь дом без холодной воды, и соседний тоже. Авария?", 0, 150, "S"),
    ("Вода будет сегодня? {addr}", 60, 200, "S"),
    ("Дайте воду!!! {na} третий подъезд, {dur} сухие краны", 40, 200, "S"),
    ("Уважаемая администрация! Проживаю по адресу: {addr}, кв. {fl}. Сегодня с раннего утра в доме нет холодной воды, "
     "горячая при этом есть. Пожилые родители, нечем приготовить еду. Прошу принять меры.", 60, 200, "S"),
    ("ребята кто знает чё с водой {na}? сухо в кранах", 0, 150, "S"),
    ("{addr} нет воды 😡😡😡", 0, 200, "S"),
    ("нет холодной воды {po}, звонили в водоканал, сказали авария на насосной", 40, 200, "S"),
    ("{geo} — {st} {h}, нет холодной воды с утра", 20, 200, "S"),
    ("када воду включат {na}?? {dur} сидим, ваще ни капли", 60, 200, "S"),
    ("{na} вода появилась но еле течет, на {floor} этаже вообще струйка", 150, 330, "S"),
    ("напор никакой, {addr}, {floor} этаж. Стиралка выдаёт ошибку нет воды", 150, 330, "S"),
    ("Слабый напор холодной воды {na}, верхние этажи без воды до сих пор", 150, 330, "S"),
    ("{st} {h} — на первых этажах вода пошла, у нас на {floor}-м капает еле-еле", 150, 330, "S"),
    ("Водичку дали но напора нет совсем!!! {addr}", 150, 330, "S"),
    ("на верхних этажах {po} по-прежнему нет холодной, внизу течёт тонкой струйкой. Это когда закончится?", 170, 330,
     "S"),
    ("давление в трубе никакое {na}, бачок полчаса набирается", 150, 330, "S"),
    ("хвс слабо идёт {st} {h} кв{fl}, {floor} эт.", 150, 330, "S"),
    ("Дали воду {na}, а она жёлтая как чай! Это пить можно??", 260, 430, "S"),
    ("из крана ржавчина течёт, {addr}. Ванну набрать невозможно, всё рыжее", 260, 430, "S"),
    ("Вода пошла, но ржавая и с песком. {st}, {h}. Фильтр забился за 5 минут", 260, 430, "S"),
    ("хол вода мутная рыжая {na} уже час сливаем не светлеет", 270, 430, "S"),
    ("После отключения холодная вода бурая, {addr} кв. {fl}. Прошу провести промывку сетей и сообщить, когда вода "
     "будет пригодна для питья.", 280, 430, "S"),
    ("ЖЁЛТАЯ ВОДА {na}!!! белое бельё испортила", 260, 430, "S"),
    ("вода с запахом железа и желтая, {po} {h}. Дети пить не будут", 260, 430, "S"),
    ("ржавая водааа {st} {h} 🤢", 260, 430, "S"),
    ("{addr}: холодная из крана коричневая, чайник после неё весь в налёте", 280, 430, "S"),
    ("{in_north} опять нет холодной воды, насосная станция встала?", 0, 200, "N"),
    ("{named_north} без воды! кран холодный пустой, бачок не набирается", 0, 200, "N"),
    ("дома {lm} нет холодной воды {dur}", 20, 200, "N"),
    ("у нас нет х/в {dur}, горячая бежит а холодной нет", 30, 200, "N"),
    ("в нашем доме нет холодной воды, горячая есть, разбавить нечем, один кипяток", 0, 200, "N"),
    ("дом {h}, кв {fl}: холодной воды нет, ответьте когда дадут", 20, 200, "N"),
    ("{lm_cap} холодная вода еле бежит, на {floor} этаже её вообще нет", 150, 330, "N"),
    ("{in_north} холодная вода ржавая пошла, из крана как кофе", 260, 430, "N"),
    ("Что с насосной {in_north}? {dur_cap} без холодной воды", 60, 200, "N"),
    ("{geo} — нет холодной воды во всём доме", 0, 200, "N"),
    ("у нас опять сухо в кране холодной, бачок пустой. Когда вода? {dur_cap}", 30, 200, "N"),
    ("{named_north}, нет ХВС. Горячая течёт, холодной ноль", 0, 200, "N"),
    ("д{hn} {lm} — хол. вода жёлтая после включения", 260, 430, "N"),
    ("{na} дома нет холодной воды, а на работе {other_na} теперь нет горячей и батареи холодные. Что творится в "
     "Северном?", 90, 200, "B"),
    ("Холодной воды нет {na} с утра, сестра {other_from} пишет у них горячей нет. Весь Северный без воды?", 30, 200,
     "B"),
    ("у меня {na} холодная пропала, на работе {other_na} горячей нет. мы тут вообще живём или как", 30, 200, "B"),
    ("ХВС нет по адресу {addr}. Заодно: {other_na} (там офис) нет ГВС и отопление слабое", 90, 200, "B"),
    ("Нет хол. воды {po} {h}, и у дочки {other_na} нет горячей, батареи ледяные. Одна авария или две?", 120, 200,
     "B"),
)

HOT_BANK: tuple[tuple[str, int, int, str], ...] = (
    ("нет горячей воды {addr}", 20, 470, "S"),
    ("ГВС нет {na} с самого утра, из горячего крана холодная бежит", 40, 470, "S"),
    ("{st} {h} — горячую отключили? Предупреждений не было", 20, 200, "S"),
    ("гор. воды нет {po} {h}, кв {fl}", 20, 470, "S"),
    ("Здравствуйте. По адресу {addr}, кв. {fl} отсутствует горячее водоснабжение {dur}. Холодная вода есть. Прошу "
     "сообщить сроки.", 60, 470, "S"),
    ("{na} горячка пропала, ребёнка не искупать", 20, 470, "S"),
    ("г/в нет {na} 😡", 20, 470, "S"),
    ("Из горячего крана течёт ледяная. {addr}. Это надолго?", 20, 300, "S"),
    ("ГОРЯЧЕЙ ВОДЫ НЕТ {na} {dur}", 60, 470, "S"),
    ("почему {na} нет горячей воды? В УК говорят не их авария", 40, 470, "S"),
    ("гвс нету {st} {h}", 20, 470, "S"),
    ("Кипятим воду в кастрюлях, {na} горячей нет {dur}. Сколько можно", 90, 470, "S"),
    ("{addr} нет горячей водыыы", 20, 470, "S"),
    ("горячую дайте!!! {na}", 60, 470, "S"),
    ("{na} во дворе из-под земли пар валит, целое облако, горячей воды нет", 20, 240, "S"),
    ("Во дворе {po} {h} прорвало трубу, пар столбом, ничего не видно. И горячая пропала", 20, 240, "S"),
    ("пар из люка {na}, теплотрасса порвалась? батареи начали остывать", 60, 260, "S"),
    ("Над двором {addr} облако пара, снег растаял, течёт кипяток. Огородите хоть, дети ходят!", 20, 220, "S"),
    ("{st} у {h} дома парит как в бане, это авария? гвс нет", 20, 240, "S"),
    ("{geo} {na} пар из земли, горячей нет", 20, 240, "S"),
    ("батареи холодные {addr}", 120, 470, "S"),
    ("{na} отопление еле тёплое, а на улице минус. Что с теплотрассой?", 80, 470, "S"),
    ("Радиаторы остывают {na}, горячей воды тоже нет. Дома {temp} градусов", 120, 470, "S"),
    ("В квартире холодно, батареи ледяные, {st} {h} кв {fl}. Дети в куртках сидят", 200, 470, "S"),
    ("ОТОПЛЕНИЯ НЕТ {na}!!! март месяц, минус ночью", 150, 470, "S"),
    ("Просим срочно восстановить теплоснабжение дома {addr}. Температура в квартире {temp}°, батареи холодные, "
     "горячая вода отсутствует с утра.", 180, 470, "S"),
    ("батареи чуть тёплые, {po}, и горячки нет", 80, 470, "S"),
    ("{na} остыли радиаторы, включили обогреватели, теперь боимся что пробки вылетят", 180, 470, "S"),
    ("холодно дома {addr} 🥶🥶 когда дадут тепло?", 180, 470, "S"),
    ("отопление и гвс отсутствуют {st} {h}, {dur}. УК отправляет в теплосети", 150, 470, "S"),
    ("Тепла нет {na}. Горячей нет. Когда?", 120, 470, "S"),
    ("{addr} батареи остыли полностью, горячей воды нет, кв. {fl}", 200, 470, "S"),
    ("Сколько ещё без горячей сидеть {na}? {dur_cap}", 100, 470, "S"),
    ("полотенцесушитель холодный, горячей воды нет, {st} {h}", 20, 470, "S"),
    ("Ремонт теплотрассы {na} когда закончат? Горячей воды нет, батареи холодные.", 150, 470, "S"),
    ("гор вода не идёт {na}, {floor}-й этаж, кран шипит и всё", 20, 470, "S"),
    ("Аварийная служба где?! {addr}, батареи ледяные, ГВС нет!!!", 200, 470, "S"),
    ("{st}, {h} — горячая вода {dur} отсутствует, рабочие в яме у котельной копают", 100, 470, "S"),
    ("{in_north} у котельной трубу прорвало, пар над дворами", 20, 240, "N"),
    ("{named_north} без горячей воды, теплотрасса рванула возле котельной?", 20, 300, "N"),
    ("{lm_cap} пар из-под снега валит, горячей воды нет", 20, 240, "N"),
    ("у нас батареи холодные и горячей нет, {dur}", 120, 470, "N"),
    ("в нашем доме нет горячей воды, из горячего крана холодная. Радиаторы остывают", 80, 470, "N"),
    ("дом {h}, кв. {fl} — ГВС нет, отопление еле тёплое", 80, 470, "N"),
    ("{lm_cap} все дома без тепла и без горячей воды", 150, 470, "N"),
    ("{in_north} опять холодные батареи, котельная что ли встала", 120, 470, "N"),
    ("{geo} вот тут прорыв теплотрассы, пар, гвс нет", 20, 240, "N"),
    ("у нас нет горячей {dur}, холодная бежит. {named_north}", 40, 470, "N"),
    ("радиаторы ледяные {in_north}, сколько ждать???", 180, 470, "N"),
    ("д{hn}: горячая пропала, полотенцесушитель холодный", 20, 470, "N"),
    ("{named_north} замерзает! батареи не греют, горячей нет", 200, 470, "N"),
    ("{na} нет горячей и батареи остывают, а у мамы {other_na} вообще холодной воды нет. Северный целиком без воды?",
     80, 200, "B"),
    ("ГВС нет {po} {h}, а на работе {other_na} ещё и холодной нет. Весь район без воды", 30, 200, "B"),
    ("горячки нет {na}, тёща {other_from} звонит — у неё холодная не идёт. Что происходит?", 30, 200, "B"),
    ("Дома {addr} батареи холодные и горячей воды нет; в офисе {other_na} отсутствует ХВС. Прошу сообщить о сроках "
     "по обеим авариям.", 120, 200, "B"),
    ("у меня {na} горячей нету, у подруги {other_na} холодной нету, весь северный как после войны", 30, 200, "B"),
)

POWER_BANK: tuple[tuple[str, int, int, str], ...] = (
    ("свет моргает {na}", 40, 170, "S"),
    ("{addr} лампочки мигают с утра, холодильник щёлкает", 40, 170, "S"),
    ("Напряжение скачет {na}, телевизор сам выключился. Это из-за снега?", 40, 170, "S"),
    ("Мигает свет {po} {h}, боюсь за технику", 40, 170, "S"),
    ("{st} {h} свет то есть то нет, уже раз десять за час", 60, 170, "S"),
    ("провода провисли от мокрого снега {na}, искрят, свет мигает!", 40, 200, "S"),
    ("ТП гудит и искрит {na}, свет моргает", 40, 180, "S"),
    ("Нет света {addr}", 120, 480, "S"),
    ("свет дайте!!! {na}", 120, 480, "S"),
    ("э/э нет {na} {dur}", 150, 480, "S"),
    ("СВЕТА НЕТ {na} {dur}!!!", 150, 480, "S"),
    ("Здравствуйте, по адресу {addr}, кв. {fl} отсутствует электроснабжение {dur}. Прошу сообщить причину и сроки "
     "восстановления.", 150, 480, "S"),
    ("эл-во пропало {po} {h}, весь дом тёмный", 120, 480, "S"),
    ("{na} света нет, котёл электрический не работает, дом остывает", 180, 480, "S"),
    ("Без света сидим {na}. У меня мама на кислородном концентраторе, срочно!!!", 150, 480, "S"),
    ("{st} {h} нет электричиства, в подъезде темно, лифт встал", 120, 480, "S"),
    ("почему нет света {na}? ветки на проводах висят, снегом облепило", 120, 400, "S"),
    ("Обрыв провода {na} у {h} дома, лежит на снегу, огородите!", 120, 400, "S"),
    ("холодильник течёт, света нет {dur}, {addr}", 240, 480, "S"),
    ("Когда дадут свет {acc}??", 150, 480, "S"),
    ("света нееет {na} 😭", 120, 480, "S"),
    ("{addr} нет света, телефон садится, пишу с последних процентов", 240, 480, "S"),
    ("Электроснабжение отсутствует {na}, насос скважины не качает, без света и без воды в доме", 150, 480, "S"),
    ("{na} пропал свет целиком, соседи тоже без света", 120, 480, "S"),
    ("свет пропал {po} {h} кв{fl}, ничего не работает", 120, 480, "S"),
    ("Опять без света {na}, в прошлом году так же было от мокрого снега", 120, 480, "S"),
    ("линию порвало снегом {na}? света нет {dur}", 150, 480, "S"),
    ("э/энергии нет {st} {h}, морозилка потекла", 240, 480, "S"),
    ("{addr} — сначала мигало, теперь совсем темно. Сколько ждать?", 150, 480, "S"),
    ("ребят у кого есть свет {na}? у нас по нулям", 120, 480, "S"),
    ("вот уже {dur_bare} без электричества {na}. Дети не могут сделать уроки, ноутбук сел", 240, 480, "S"),
    ("СВЕТ!!! {st} {h}", 120, 480, "S"),
    ("электричества нет {addr}, бригаду вызывали ещё утром, никого", 200, 480, "S"),
    ("{na} снег налип на провода, столб накренился, света нет", 120, 400, "S"),
    ("Просим восстановить подачу электроэнергии: {addr}. Отключение {dur}, в доме маленький ребёнок, электроплита, "
     "готовить не на чем.", 200, 480, "S"),
    ("нет эл-ва {na}, {dur}, сосед говорит авария на линии", 150, 480, "S"),
    ("{geo} {st} {h} нет света", 120, 480, "S"),
    ("{na} от мокрого снега провода гудят, лампы то ярче то тусклее", 40, 170, "S"),
    ("Сколько можна без света?! {addr}, {dur}", 200, 480, "S"),
    ("{st} {h}: свет отключился полностью, до этого час моргал", 140, 300, "S"),
    ("{in_novo} свет мигает, что за дела", 40, 170, "N"),
    ("{named_novo} без света!!! {dur_cap}", 150, 480, "N"),
    ("{lm_cap} темно, света нет ни в одном доме", 120, 480, "N"),
    ("у нас опять нет света 😡 {dur}", 150, 480, "N"),
    ("в нашем доме свет моргал, потом пропал совсем. ТП рядом искрило", 100, 250, "N"),
    ("дом {h}, кв. {fl} — нет электроэнергии. Ответьте хоть что-то", 150, 480, "N"),
    ("{geo} тут провод оборван, света нет", 120, 400, "N"),
    ("{in_novo} мокрым снегом порвало провода? света нет {dur}", 150, 480, "N"),
    ("{lm_cap} провода провисли почти до земли, свет мигает", 40, 200, "N"),
    ("Когда включат свет {in_novo}?", 150, 480, "N"),
    ("у нас свет мигает уже час, лампы гудят", 100, 170, "N"),
    ("{named_novo}, э/э отсутствует, телефон садится", 240, 480, "N"),
    ("{lm_cap} нет света {dur}, всё закрыто", 150, 480, "N"),
    ("д{hn} сидим без света. Где аварийка?", 150, 480, "N"),
    ("{in_novo} провода обледенели после вчерашнего снега, свет моргает всё утро", 40, 170, "N"),
    ("скачет напряжение у нас, лампочки перегорают", 40, 170, "N"),
)

# Single flats on the outages' own streets: (wording, supply the flat needs, category).
OWN_STREET_FLATS: tuple[tuple[str, str, str], ...] = (
    ("у меня в квартире кран холодной капает, прокладку поменять некому, {addr}, кв {fl}", "cold", "water"),
    ("Только в нашей квартире бачок унитаза подтекает, вода всё время бежит. {addr}", "cold", "water"),
    ("{addr}, кв. {fl}: течёт смеситель холодной воды на кухне, у соседей всё нормально. Можно сантехника из УК?",
     "cold", "water"),
    ("капает х/в кран в ванной, {st} {h} кв{fl}, это только у нас", "cold", "water"),
    ("сломался смеситель горячей воды в ванной, {addr} кв. {fl}, только у меня", "hot", "heating"),
    ("в квартире кран горячей не закрывается, сорвало резьбу. {st} {h}, кв {fl}", "hot", "heating"),
    ("Подскажите, кто меняет смеситель? У нас в квартире {addr} подтекает гор. кран, в остальном всё работает", "hot",
     "heating"),
    ("Течёт батарея в одной комнате, {addr}, кв. {fl}. Подставили таз, у соседей сухо", "hot", "heating"),
    ("капает из радиатора у меня в квартире, {st} {h} кв{fl}, как вызвать слесаря?", "hot", "heating"),
    ("{addr}, кв {fl} — подтекает кран Маевского на батарее, только у нас", "hot", "heating"),
    ("сломался водонагреватель в квартире, {addr}, не греет. Из него холодная, остальное всё есть", "coldpower",
     "heating"),
    ("Водонагреватель выбивает автомат, {st} {h} кв {fl}. Кто может посмотреть?", "coldpower", "heating"),
    ("У нас в квартире потёк бойлер (водонагреватель), {addr}. Соседей снизу пока не залили", "coldpower", "heating"),
    ("розетка на кухне искрит и почернела, {addr} кв {fl}. Свет в квартире есть, только розетка", "power",
     "electricity"),
    ("в одной комнате не работают розетки, {st} {h}, кв {fl}, остальная квартира со светом", "power", "electricity"),
    ("Розетка оплавилась у меня в квартире {addr}. Можно электрика?", "power", "electricity"),
    ("выбивает автомат в квартире когда включаю чайник, {st} {h} кв{fl}", "power", "electricity"),
    ("из-под ванны течёт, слив засорился у нас в квартире, {addr}, кв. {fl}", "cold", "water"),
    ("Сорвало подводку к стиральной машине, {addr} кв {fl}, перекрыли кран на квартиру", "cold", "water"),
    ("счётчик холодной воды крутится, хотя всё закрыто, {st} {h}, кв. {fl}", "cold", "water"),
    ("в квартире гудит труба холодной воды по ночам, {addr}", "cold", "water"),
    ("в одной комнате батарея холодная, в остальных тёплые, {addr} кв {fl}. Завоздушило?", "hot", "heating"),
    ("у меня в квартире полотенцесушитель подтекает на резьбе, {st} {h}", "hot", "heating"),
    ("Сосед сверху поменял стояк, и у меня теперь батарея в спальне не греет, {addr}, кв. {fl}", "hot", "heating"),
    ("лампочка в квартире перегорает каждую неделю, {st} {h} кв {fl}, проверьте проводку", "power", "electricity"),
)

# Single flats on Северный's other streets: (wording, category), each once.
NORTH_FLATS: tuple[tuple[str, str], ...] = (
    ("у меня в квартире кран холодной воды не закрывается до конца, {addr}, кв. {fl}. В доме вода у всех нормальная",
     "water"),
    ("{addr}, кв {fl}: в туалете течёт бачок, вода всё время бежит. Только у нас", "water"),
    ("Засор в квартире, раковина не уходит, {st} {h}. Стояк нормальный, соседи проверяли", "water"),
    ("Протекает труба под мойкой на кухне, {addr}, кв. {fl}. Перекрыли вентиль на квартиру", "water"),
    ("в квартире {fl} {po} {h} слабый напор только у нас, у соседей хороший. Фильтр?", "water"),
    ("Горячая у нас в квартире еле тёплая, а у соседей нормальная, {addr}, кв. {fl}", "hotwater"),
    ("сломался кран горячей воды на кухне, {st} {h} кв{fl}", "hotwater"),
    ("{addr}: в ванной течёт смеситель гор. воды, только в нашей квартире", "hotwater"),
    ("Полотенцесушитель в квартире холодный с тех пор как сосед делал ремонт, {addr}, кв {fl}", "hotwater"),
    ("Не работает счётчик горячей воды в квартире, {st}, {h}, кв. {fl}. Кто опломбирует?", "hotwater"),
    ("в одной комнате холодная батарея, остальные греют, {addr} кв {fl}", "heating"),
    ("Радиатор в детской подтекает, {addr}, кв. {fl}. Подставили ведро", "heating"),
    ("{st} {h}, кв {fl} — в квартире жарко, батареи раскалённые, регулятора нет", "heating"),
    ("у нас в квартире завоздушило батарею на кухне, булькает и не греет, {addr}", "heating"),
    ("после замены окон у меня в квартире батарея под окном еле тёплая, {st} {h}, кв. {fl}", "heating"),
)

ELSEWHERE_FLATS: dict[str, tuple[str, ...]] = {
    "water": (
        "течёт кран на кухне, {addr}, кв. {fl}",
        "у меня в квартире бачок унитаза постоянно журчит, {st} {h}",
        "засор канализации в квартире, {addr} кв {fl}, ванна не сливается",
        "протечка под раковиной у меня, {addr}, кв. {fl}. Вентиль на квартиру закрыл",
        "У нас в квартире после замены фильтра вода с запахом, {addr}. Фильтр виноват?",
        "счётчик х/в сломался, {addr}, кв {fl}. Как заменить?",
        "сорвало шланг у стиральной машины, {st} {h} кв{fl}, залило ванную",
        "Капает с потолка в ванной от соседей сверху, {addr}, кв. {fl}",
        "смеситель холодной воды в ванной заклинило, {addr}",
        "Слабый напор только у меня на кухне, в ванной нормальный, {st} {h}, кв. {fl}",
        "гудит труба холодной воды у меня в квартире, {addr}",
        "{addr}, кв {fl}: подтекает вентиль на квартиру в туалете",
        "сифон под ванной треснул, течёт, {st} {h}",
        "Хочу заменить трубы в квартире, {addr}, кто перекроет стояк на время?",
        "у меня в квартире холодная из крана идёт с воздухом, плюётся, {addr} кв. {fl}",
    ),
    "heating": (
        "в спальне батарея холодная, остальные тёплые, {addr} кв {fl}",
        "течёт радиатор в зале, {st} {h}, кв. {fl}",
        "Полотенцесушитель в ванной не греет, только у нас, {addr}",
        "сломался смеситель горячей воды, {addr}, кв {fl}",
        "в квартире жара, батареи кипяток, {st} {h}, открыли все окна",
        "кран Маевского сломался на батарее, {addr}, кв. {fl}",
        "горячая вода у меня в квартире еле тёплая, соседи говорят у них нормальная. {addr}",
        "Прошу проверить стояк отопления в моей квартире, {addr}, кв. {fl}: батарея в угловой комнате чуть тёплая",
        "Счётчик ГВС не крутится, {st} {h}, кв {fl}",
        "водонагреватель сломался в квартире, {addr}, ТЭН сгорел",
        "подтекает гор. кран на кухне, {st} {h}",
        "после ремонта соседа батарея на кухне у меня ледяная, {addr} кв {fl}",
        "Из горячего крана в моей квартире идёт ржавая вода, у соседей чистая, {addr}",
        "радиатор стучит и булькает у нас в квартире, {addr}",
        "у нас в ванной капает полотенцесушитель, {st}, {h}",
    ),
    "electricity": (
        "розетка в спальне искрит, {addr} кв. {fl}",
        "в квартире выбивает автомат, {st} {h}, у соседей свет есть",
        "не работает половина розеток в квартире, {addr}, кв {fl}",
        "счётчик электроэнергии в квартире сгорел, пахнет гарью, {addr}",
        "у меня в квартире мигает свет только на кухне, {st} {h}, кв. {fl}",
        "Пробки выбило у меня, {addr}, в подъезде свет есть, а в квартире нет",
        "розетка в ванной не работает, {st} {h}",
        "Оплавился выключатель в коридоре, {addr}, кв. {fl}",
        "в квартире пропал свет в одной комнате, {addr} кв {fl}",
        "Электроплита выбивает УЗО, {st} {h}, кв. {fl}. Кому звонить?",
        "в щитке на площадке искрит автомат моей квартиры, {addr}",
        "проводка в квартире старая, гудит розетка, {addr} кв {fl}",
        "у нас в квартире лампочки перегорают одна за другой, {st} {h}",
        "сгорел автомат на мою квартиру, {addr}, кв. {fl}",
        "в квартире слабое напряжение, чайник еле греет, у соседей всё ок, {addr}",
    ),
}
# How many of each category go to which district (the cells left out hold the whole buildings below).
ELSEWHERE_QUOTA: dict[str, dict[str, int]] = {
    "water": {"Южный": 11, "Луговое": 11, "Дальнее": 6},
    "heating": {"Центр": 11, "Луговое": 11, "Хомутово": 6},
    "electricity": {"Центр": 9, "Южный": 9, "Хомутово": 5, "Дальнее": 6},
}
BUILDINGS: tuple[tuple[str, str], ...] = (
    ("Во всём доме {na} {h} нет холодной воды с утра, в подъездах никаких объявлений", "Центр"),
    ("{st} {h} — во всём доме нет воды, ни в одной квартире", "Хомутово"),
    ("во всём доме {na} {h} батареи холодные и горячей воды нет, у соседних домов всё есть", "Южный"),
    ("Дом {st} {h}: отопление отсутствует во всех подъездах", "Дальнее"),
    ("Весь дом {na} {h} без света, соседние дома со светом", "Луговое"),
)
ROADS_AND_ICE: tuple[tuple[str, str, int], ...] = (
    ("яма на дороге {na} у {h} дома, колесо пробил", "Центр", 4),
    ("гололёд на тротуаре {na}, люди падают, посыпьте!", "Южный", 2),
    ("{st} {h} — огромная яма на въезде во двор", "Северный", 0),
    ("на тротуаре {po} сплошной лёд, бабушка упала", "Ново-Александровск", 1),
    ("ямы {na} после зимы, не проехать", "Луговое", 6),
)

ORDINAL_HOURS = {2: "второй", 3: "третий", 4: "четвёртый", 5: "пятый", 6: "шестой", 7: "седьмой", 8: "восьмой"}


def clock(minute: int) -> str:
    return f"{7 + minute // 60}:{minute % 60:02d}"


def hours_word(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "час"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "часа"
    return "часов"


def lasted(rng: random.Random, minute: int, start: int, bare: bool = False) -> str:
    """How long it has lasted, worked out from the minute ("уже 3 часа", "с 7:20", "третий час")."""
    elapsed = max(minute - start, 5)
    if elapsed < 50:
        forms = [f"{elapsed // 10 * 10 or 10} минут", "полчаса"] if bare else \
            [f"с {clock(start)}", "уже полчаса", f"уже минут {elapsed // 10 * 10 or 10}"]
        return rng.choice(forms)
    hours = max(1, round(elapsed / 60))
    if bare:
        return rng.choice([f"{hours} {hours_word(hours)}", f"{hours} ч."])
    forms = [f"уже {hours} {hours_word(hours)}", f"с {clock(start)}", f"уже {hours} ч"]
    if start == 0:
        forms.append("с 7 утра")
    if elapsed % 60 and elapsed // 60 + 1 in ORDINAL_HOURS:
        forms.append(f"{ORDINAL_HOURS[elapsed // 60 + 1]} час")
    return rng.choice(forms)


def misspelt(rng: random.Random, name: str) -> str:
    """One letter off: dropped, doubled or swapped with its neighbour."""
    if len(name) < 6 or " " in name:
        return name
    i = rng.randint(2, len(name) - 3)
    how = rng.choice(["drop", "double", "swap"])
    if how == "drop":
        return name[:i] + name[i + 1:]
    if how == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def house(rng: random.Random) -> tuple[str, str]:
    """(how the house is written, its plain number)."""
    n = rng.choice([rng.randint(1, 15), rng.randint(1, 48)])
    k = rng.randint(1, 3)
    forms = [str(n)] * 5 + [f"д{n}", f"д.{n}", f"д. {n}", f"{n}к{k}", f"дом {n} корп {k}", f"{n}/{k}",
                            f"{n}{rng.choice('аб')}"]
    return rng.choice(forms), str(n)


def address(rng: random.Random, s: Road, written: str, plain: str) -> str:
    nom = misspelt(rng, s.nominative) if rng.random() < 0.07 else s.nominative
    forms = [f"ул. {nom} {written}", f"{nom} {written}", f"{nom}, д. {plain}", f"ул.{nom}, {written}",
             f"на {s.locative} {written}", f"по {s.dative} {written}", f"дом {plain} по ул. {s.dative}",
             f"улица {nom}, дом {plain}", f"{nom}{plain}", f"{nom.lower()} {written}", f"ул {nom} д {plain}"]
    return rng.choice(forms)


def geo(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = round(centre[0] + rng.uniform(-0.002, 0.002), 5)
    lon = round(centre[1] + rng.uniform(-0.002, 0.002), 5)
    return rng.choice([f"{lat}, {lon}", f"https://yandex.ru/maps/?pt={lon},{lat}&z=17",
                       f"https://2gis.ru/geo/{lon},{lat}", f"geo:{lat},{lon}", f"координаты {lat} {lon}"])


def fill(rng: random.Random, template: str, s: Road, minute: int, start: int = 0,
         landmarks: tuple[str, ...] = (), other: Road | None = None, novo: bool = False) -> str:
    written, plain = house(rng)
    nom = misspelt(rng, s.nominative) if rng.random() < 0.07 else s.nominative
    lm = rng.choice(landmarks) if landmarks else ""
    dur = lasted(rng, minute, start)
    values = {
        "addr": address(rng, s, written, plain),
        "st": rng.choice([nom, nom, f"ул. {nom}", f"ул.{nom}", nom.lower()]),
        "h": written if rng.random() < 0.5 else plain, "hn": plain,
        "na": rng.choice([f"на {s.locative}", f"на {s.locative}", f"на ул. {s.locative}", f"на улице {s.locative}"]),
        "po": rng.choice([f"по {s.dative}", f"по {s.dative}", f"по ул. {s.dative}"]),
        "acc": rng.choice([f"на {s.accusative}", f"на улицу {s.accusative}"]),
        "fl": str(rng.randint(1, 140)),
        "floor": str(rng.randint(5, 9)),
        "temp": str(rng.randint(14, 17)),
        "lm": lm, "lm_cap": lm[:1].upper() + lm[1:],
        "dur": dur, "dur_cap": dur[:1].upper() + dur[1:],
        "dur_bare": lasted(rng, minute, start, bare=True),
        "geo": geo(rng, s.centre),
        "in_north": rng.choice(NORTH_IN), "named_north": rng.choice(NORTH_NAMED),
        "in_novo": rng.choice(NOVO_IN), "named_novo": rng.choice(NOVO_NAMED),
        "other_na": f"на {other.locative}" if other else "",
        "other_from": f"с {other.locative}" if other else "",
    }
    text = template.format(**values)
    if rng.random() < 0.1 and not text.isupper():
        text = text.lower()
    if rng.random() < 0.08:
        text = text.rstrip(".!?") + rng.choice(["!!!", "??", "!!", " …", ")))", "?!"])
    return " ".join(text.split())


def outage_lines(rng: random.Random, label: str, bank: tuple[tuple[str, int, int, str], ...],
                 streets: tuple[Road, ...], others: tuple[Road, ...], landmarks: tuple[str, ...], first: int,
                 start: int, nameless: int, seen: set[str]) -> list[dict[str, Any]]:
    """100 messages: every wording once, then second uses so that `nameless` name no street; «both» wordings once."""
    named = [w for w in bank if w[3] == "S"]
    bare = [w for w in bank if w[3] == "N"]
    both = [w for w in bank if w[3] == "B"]
    again_bare = rng.sample([w for w in bare if "{" in w[0]], nameless - len(bare))
    again_named = rng.sample(named, 100 - len(both) - nameless - len(named))
    chosen = named + bare + both + again_bare + again_named
    with_location = set(rng.sample(range(100), 15))
    lines = []
    for index, (template, lo, hi, _kind) in enumerate(chosen):
        for _ in range(50):
            minute = rng.randint(max(lo, first), hi)
            s = rng.choice(streets)
            text = fill(rng, template, s, minute, start, landmarks, rng.choice(others) if others else None)
            if text not in seen:
                break
        else:
            raise ValueError(f"cannot make a new text of {template!r}")
        seen.add(text)
        lines.append({"minutes": minute, "channel": rng.choice(CHANNELS), "text": text,
                      "location": location(rng, s.centre, 0.003, share=1.0) if index in with_location else None,
                      "incident": label})
    return lines


def noise_line(rng: random.Random, template: str, s: Road, minute: int, seen: set[str]) -> dict[str, Any]:
    for _ in range(50):
        text = fill(rng, template, s, minute)
        if text not in seen:
            break
    seen.add(text)
    return {"minutes": minute, "channel": rng.choice(CHANNELS), "text": text, "location": None, "incident": None,
            "road": s}


def own_street_options(supply: str) -> list[tuple[Road, tuple[tuple[int, int], ...]]]:
    """Where a single flat needing `supply` may be put, and when (outside its street's outage)."""
    any_time = ((0, SPAN),)
    cold = {"cold": ((431, SPAN),), "hot": any_time, "coldpower": ((431, SPAN),), "power": any_time}[supply]
    hot = {"cold": any_time, "hot": ((0, 19), (471, SPAN)), "coldpower": any_time, "power": any_time}[supply]
    novo = {"cold": any_time, "hot": any_time, "coldpower": ((0, 39),), "power": ((0, 39),)}[supply]
    return ([(s, cold) for s in COLD_STREETS] + [(s, hot) for s in HOT_STREETS]
            + [(s, novo) for s in POWER_STREETS])


def noise(rng: random.Random, seen: set[str]) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    per_street: dict[tuple[str, str], int] = {}

    # 40 single flats on the outages' own streets: the first 15 wordings twice, the other 10 once.
    for number, (template, supply, category) in enumerate(OWN_STREET_FLATS[:15] * 2 + OWN_STREET_FLATS[15:]):
        first_street = None
        if 15 <= number < 30:
            first_street = lines[number - 15]["road"].nominative
        options = [(s, windows) for s, windows in own_street_options(supply)
                   if per_street.get((s.nominative, category), 0) < 2 and s.nominative != first_street]
        s, windows = rng.choice(options)
        lo, hi = rng.choice(windows)
        per_street[(s.nominative, category)] = per_street.get((s.nominative, category), 0) + 1
        lines.append(noise_line(rng, template, s, rng.randint(lo, hi), seen))

    # 15 single flats on Северный's other streets, five per street.
    streets = [s for s in OTHER_NORTH for _ in range(5)]
    rng.shuffle(streets)
    for (template, category), s in zip(NORTH_FLATS, streets, strict=True):
        while per_street.get((s.nominative, category), 0) >= 2:
            s = rng.choice(OTHER_NORTH)
        per_street[(s.nominative, category)] = per_street.get((s.nominative, category), 0) + 1
        lines.append(noise_line(rng, template, s, rng.randint(0, SPAN), seen))

    # 85 single flats elsewhere: each wording at most twice, the second time in another district.
    for category, quota in ELSEWHERE_QUOTA.items():
        wordings = ELSEWHERE_FLATS[category]
        total = sum(quota.values())
        remaining = dict(quota)
        first_district: dict[str, str] = {}
        for template in list(wordings) + list(wordings[:total - len(wordings)]):
            choices = [d for d, left in remaining.items() if left > 0 and d != first_district.get(template)]
            most = max(remaining[d] for d in choices)
            district = rng.choice([d for d in choices if remaining[d] == most])
            remaining[district] -= 1
            first_district.setdefault(template, district)
            s = rng.choice([s for s in DISTRICTS[district] if per_street.get((s.nominative, category), 0) < 2])
            per_street[(s.nominative, category)] = per_street.get((s.nominative, category), 0) + 1
            lines.append(noise_line(rng, template, s, rng.randint(0, SPAN), seen))

    for template, district in BUILDINGS:
        lines.append(noise_line(rng, template, rng.choice(DISTRICTS[district]), rng.randint(0, SPAN), seen))
    for template, district, which in ROADS_AND_ICE:
        s = OTHER_NORTH[0] if district == "Северный" else DISTRICTS[district][which]
        lines.append(noise_line(rng, template, s, rng.randint(0, SPAN), seen))

    with_location = set(rng.sample(range(len(lines)), 22))
    for index, line in enumerate(lines):
        s = line.pop("road")
        if index in with_location:
            line["location"] = location(rng, s.centre, 0.003, share=1.0)
    return lines


def storm() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    seen: set[str] = set()
    lines = outage_lines(rng, "coldwater-severny", COLD_BANK, COLD_STREETS, HOT_STREETS, COLD_LANDMARKS, 0, 0, 20,
                         seen)
    lines += outage_lines(rng, "hotwater-severny", HOT_BANK, HOT_STREETS, COLD_STREETS, HOT_LANDMARKS, 20, 20, 20,
                          seen)
    lines += outage_lines(rng, "power-novo", POWER_BANK, POWER_STREETS, (), POWER_LANDMARKS, 40, 40, 25, seen)
    lines += noise(rng, seen)
    return numbered(rng, lines, PREFIX)


def main() -> None:
    write(DATA / "incidents_storm_dev19.jsonl", storm())


if __name__ == "__main__":
    main()
