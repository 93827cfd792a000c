"""Writes the fourth held-out storm of incident grouping (tests/data/incidents_storm_holdout4.jsonl).

A winter morning in Южно-Сахалинск, three outages in two districts:

- `coldwater-lugovoe` (water, 105, minutes 0–360): a cold-water main burst under Авиационная in Луговое; no cold
  water on Лучистая, Дружбы, Авиационная, Шоссейная, the street iced over where the water came up.
- `sewer-lugovoe` (water, 95, minutes 60–420): in the same district and hours, the sewage pumping station stopped;
  sewage rising in basements and out of manholes on Шоссейная, Ударная, Больничная, Западная (Шоссейная shared).
- `power-dalnee` (electricity, 100, minutes 30–480): a blizzard brought wires down in Дальнее; no power on Горная,
  Весенняя, Солнечная, Речная.

150 unrelated messages of the same categories in the same ten hours: single dwellings on the outages' own streets
(a flat's own fault, or dated before or after that street's outage), single dwellings elsewhere, five whole-building
losses alone in their district and category. The phrase banks were written for this repository by a writer who had
not read the grouping, the classifier, nor any other storm's texts or phrase banks (made-up houses, landmarks and
coordinates; no real person's message).

    .venv/bin/python -m tools.incident_storm_holdout4
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from tools.incident_storm import CHANNELS, DATA, location, numbered, write

SEED = 41717
SPAN_MINUTES = 600


@dataclass(frozen=True)
class Forms:
    """A street in the cases residents write it: «Лучистая», «на Лучистой», «с Лучистой», «на Лучистую»,
    «по Лучистой», and how it is misspelt a letter off."""

    nom: str
    loc: str
    gen: str
    acc: str
    dat: str
    typo: str


def forms(nom: str, loc: str, gen: str, acc: str, dat: str, typo: str) -> Forms:
    return Forms(nom, loc, gen, acc, dat, typo)


LUCHISTAYA = forms("Лучистая", "Лучистой", "Лучистой", "Лучистую", "Лучистой", "Лучестая")
DRUZHBY = forms("Дружбы", "Дружбы", "Дружбы", "Дружбы", "Дружбы", "Дружбв")
AVIATSIONNAYA = forms("Авиационная", "Авиационной", "Авиационной", "Авиационную", "Авиационной", "Авиацонная")
SHOSSEINAYA = forms("Шоссейная", "Шоссейной", "Шоссейной", "Шоссейную", "Шоссейной", "Шосейная")
UDARNAYA = forms("Ударная", "Ударной", "Ударной", "Ударную", "Ударной", "Ударнная")
BOLNICHNAYA = forms("Больничная", "Больничной", "Больничной", "Больничную", "Больничной", "Больнчная")
ZAPADNAYA = forms("Западная", "Западной", "Западной", "Западную", "Западной", "Заподная")
KLYUCHEVAYA = forms("Ключевая", "Ключевой", "Ключевой", "Ключевую", "Ключевой", "Ключевя")
SIRENEVAYA = forms("Сиреневая", "Сиреневой", "Сиреневой", "Сиреневую", "Сиреневой", "Сирениевая")
MAISKAYA = forms("Майская", "Майской", "Майской", "Майскую", "Майской", "Маиская")
GORNAYA = forms("Горная", "Горной", "Горной", "Горную", "Горной", "Горнаяя")
VESENNYAYA = forms("Весенняя", "Весенней", "Весенней", "Весеннюю", "Весенней", "Весеная")
SOLNECHNAYA = forms("Солнечная", "Солнечной", "Солнечной", "Солнечную", "Солнечной", "Солнечная")
RECHNAYA = forms("Речная", "Речной", "Речной", "Речную", "Речной", "Речьная")
MIRA = forms("Мира", "Мира", "Мира", "Мира", "Мира", "Миры")
POBEDY = forms("Победы", "Победы", "Победы", "Победы", "Победы", "Побед")
ESENINA = forms("Есенина", "Есенина", "Есенина", "Есенина", "Есенина", "Есениа")
NEVELSKAYA = forms("Невельская", "Невельской", "Невельской", "Невельскую", "Невельской", "Невелская")
UKHTOMSKOGO = forms("Ухтомского", "Ухтомского", "Ухтомского", "Ухтомского", "Ухтомского", "Ухтомскго")
LENINA = forms("Ленина", "Ленина", "Ленина", "Ленина", "Ленина", "Ленинна")
CHEKHOVA = forms("Чехова", "Чехова", "Чехова", "Чехова", "Чехова", "Чехого")
SAKHALINSKAYA = forms("Сахалинская", "Сахалинской", "Сахалинской", "Сахалинскую", "Сахалинской", "Сахолинская")
PURKAEVA = forms("Пуркаева", "Пуркаева", "Пуркаева", "Пуркаева", "Пуркаева", "Пурккаева")
GORKOGO = forms("Горького", "Горького", "Горького", "Горького", "Горького", "Горкого")
AMURSKAYA = forms("Амурская", "Амурской", "Амурской", "Амурскую", "Амурской", "Амурскя")
SOVETSKAYA = forms("Советская", "Советской", "Советской", "Советскую", "Советской", "Совецкая")
LESNAYA = forms("Лесная", "Лесной", "Лесной", "Лесную", "Лесной", "Лесная")
SADOVAYA = forms("Садовая", "Садовой", "Садовой", "Садовую", "Садовой", "Садовя")
NOVAYA = forms("Новая", "Новой", "Новой", "Новую", "Новой", "Новая")
OZYORNAYA = forms("Озёрная", "Озерной", "Озёрной", "Озёрную", "Озёрной", "Озерная")

LUGOVOE = ("Луговое", "в Луговом", "мкр Луговое", "в мкр. Луговом", "в Луговом районе", "на Луговом",
           "в Лугвом", "луговое", "п/р Луговое")
DALNEE = ("Дальнее", "в Дальнем", "с. Дальнее", "в селе Дальнем", "на Дальнем", "в Дальнм", "дальнее",
          "пос. Дальнее")


def house(rng: random.Random) -> str:
    """One of the ways residents write a house number: «5», «д5», «5к2», «дом 5 корп 1», «5/1», «5а»."""
    number = rng.randint(1, 48)
    return rng.choice([f"{number}", f"{number}", f"д{number}", f"д.{number}", f"{number}к{rng.randint(1, 3)}",
                       f"дом {number} корп {rng.randint(1, 2)}", f"{number}/{rng.randint(1, 3)}",
                       f"{number}а", f"д. {number}"])


def address(rng: random.Random, s: Forms) -> str:
    name = s.typo if rng.random() < 0.15 else s.nom
    if rng.random() < 0.15:
        name = name.lower()
    h = house(rng)
    number = re.findall(r"\d+", h)[0]
    return rng.choice([f"ул. {name} {h}", f"ул.{name}, {h}", f"{name} {h}", f"{name}, {h}", f"{name}-{number}",
                       f"улица {name} {h}", f"ул {name} {h}", f"{h} по {s.dat}", f"{name} {h}"])


def coordinates(rng: random.Random, centre: tuple[float, float]) -> str:
    lat = centre[0] + rng.uniform(-0.004, 0.004)
    lon = centre[1] + rng.uniform(-0.004, 0.004)
    return rng.choice([f"{lat:.5f}, {lon:.5f}", f"{lat:.6f},{lon:.6f}", f"коорд. {lat:.4f} {lon:.4f}",
                       f"https://yandex.ru/maps/?pt={lon:.5f},{lat:.5f}&z=17"])


def stretch(rng: random.Random, text: str) -> str:
    """Sometimes elongates a vowel the way people shout in chats («опяяять»)."""
    if rng.random() >= 0.08:
        return text
    vowels = [i for i, c in enumerate(text) if c in "аеиоуяю" and 0 < i < len(text) - 1]
    if not vowels:
        return text
    i = rng.choice(vowels)
    return text[:i] + text[i] * rng.randint(3, 5) + text[i + 1:]


def fill(rng: random.Random, template: str, s: Forms, districts: tuple[str, ...], landmarks: tuple[str, ...],
         centre: tuple[float, float]) -> str:
    text = template.format(addr=address(rng, s), nom=s.nom if rng.random() < 0.85 else s.typo, loc=s.loc,
                           gen=s.gen, acc=s.acc, dat=s.dat, h=house(rng),
                           district=rng.choice(districts) if districts else "",
                           lm=rng.choice(landmarks) if landmarks else "", coords=coordinates(rng, centre))
    text = stretch(rng, text)
    if rng.random() < 0.1:
        text = text.lower()
    if rng.random() < 0.07:
        text = text.rstrip(".!") + rng.choice(["!!!", "??", "!!!!", " …", ")))", " 😡", "(("])
    return " ".join(text.split())


# A cold-water main burst under Авиационная in Луговое: dry taps on four streets, water and ice on the road.
COLD_WATER_TEXTS = (
    "опять нет воды на {loc}",
    "{addr} воды нет с утра. когда дадут?",
    "ХВС нет {district}, {addr}",
    "Авария? на {loc} вода хлещет из-под асфальта, а в кранах пусто",
    "кто знает когда воду дадут? {nom}",
    "дайте воду!",
    "Воды нет!!! {addr}",
    "Уважаемые, ответьте, почему на {loc} с шести утра нет холодной воды? Ребёнка не умыть, чайник не вскипятить. "
    "Ни одного объявления в подъезде, УК трубку не берёт. {addr}",
    "на {loc} прорвало трубу, фонтан, вся дорога в воде и уже замерзает",
    "{lm} из-под земли бьёт вода, у нас в домах сухо. это одна и та же беда я так понимаю",
    "воды нет",
    "хол воды нет {addr} 😡",
    "Водоканал, вы вообще работаете? {district} без воды уже пятый час!!!",
    "у нас нет воды. {coords}",
    "в нашем доме ни капли, ни холодной ни какой. {nom}",
    "авария на водоводе? {district} сухие краны",
    "ВОДЫЫЫ НЕТ {nom}",
    "Здравствуйте. Прошу сообщить сроки восстановления холодного водоснабжения по адресу {addr}. "
    "Дома пожилой человек, воду приходится носить из магазина.",
    "на {loc} течёт река посреди улицы, машины буксуют, а у людей в квартирах пусто. ремонтников не видно",
    "{lm} огромная лужа и пар, кран дома сухой",
    "когда будет вода??",
    "у кого-нибудь есть вода на {loc}? у нас нет с утра",
    "вода будет сегодня или нет? {addr}",
    "Сколько можно?! Каждую зиму одно и то же, трубы гнилые, а деньги за ХВС берут исправно. {addr}",
    "верните воду",
    "прорыв трубы на Авиационной, {district} без холодной воды. Аварийка приехала? ",
    "в унитаз слить нечем, в кране шипит воздух. {addr}",
    "Кран открываешь — только сипит. {nom}, {h}",
    "{district}: где взять воду? развозить будут?",
    "водовозку пришлют? на {loc} второй час без воды",
    "ни капли воды {district}",
    "люди, что с водой на {loc}?",
    "Вода пропала во всём доме и у соседей напротив. {addr}. Позвонила в диспетчерскую, сказали авария на сетях.",
    "на {loc} у школы бьёт фонтан, тротуар во льду, дети скользят. И воды в домах нет",
    "у нас {lm} нет воды",
    "обещали к десяти, уже обед, а воды нет. {addr}",
    "Без воды с 7 утра! {district}",
    "ХВС отсутствует, {addr}, прошу принять меры",
    "холодной воды нет",
    "вода??",
    "Где вода, Водоканал? {coords}",
    "ул {nom} тоже сухо",
    "дружбы 12 и вся дружба без воды",
    "на {acc} приехала аварийка, копают. Сколько ещё ждать воду?",
    "{lm} затопило проезжую часть, в домах вода пропала",
    "в домах {gen} нет холодной воды, на дороге каток от прорыва",
    "по {dat} вода по колено у обочины, а из крана ничего",
    "Кто-нибудь знает, надолго отключили воду {district}? Никаких предупреждений не было.",
    "пустые краны {addr}. дети в школу неумытые",
    "ХВС!!!",
    "Водоканал ответьте людям, {district} без воды",
    "вода хлещет из люка на {loc}, а в квартире ноль",
    "давление упало до нуля, потом вообще пропала вода. {addr}",
    "в доме нет воды, {nom} {h}",
    "Ни в одной квартире нашего подъезда нет холодной воды. {addr}. Напор пропал около семи.",
    "у вас на {loc} вода есть? у нас нет",
    "заявка: отсутствие холодного водоснабжения, {addr}",
    "без воды сидим {district}, {lm}",
)

COLD_WATER_LANDMARKS = ("у школы на Авиационной", "возле магазина «Лучик»", "на остановке «Авиационная»",
                        "у кольца на Шоссейной", "напротив аптеки на Дружбы", "рядом с гаражами за Лучистой",
                        "у детской площадки на Дружбы")


# The sewage pumping station of Луговое stopped: sewage rising in basements and out of manholes.
SEWER_TEXTS = (
    "канализация не уходит {addr}",
    "в подвале {addr} по щиколотку канализации, вонь на весь подъезд",
    "Из люка на {loc} течёт канализация прямо на дорогу!!!",
    "что с канализацией {district}? всё стоит",
    "воняет по всей улице {nom}",
    "КНС опять встала? {district} в говне, извините",
    "в ванной вода не уходит, из слива поднимается. {addr}",
    "сделайте что-нибудь с канализацией!",
    "Уважаемая администрация! Второй раз за месяц заливает подвал нашего дома нечистотами. {addr}. "
    "Запах стоит в квартирах первого этажа, дети дышат этим. Когда будет порядок?",
    "канализационный люк {lm} переполнен, течёт к домам",
    "канализация",
    "у нас в туалете всё обратно идёт, {nom}",
    "Засор по всему стояку или авария? {addr}, у соседей то же самое",
    "на {loc} фекалии из колодца, замёрзло коркой. Ужас",
    "Кто отвечает за канализацию {district}? дозвониться невозможно",
    "вонища {lm}",
    "из унитаза пошло вверх, это нормально?? {nom} {h}",
    "подвал затопило стоками, {addr} {coords}",
    "запах канализации на весь двор {addr}",
    "КАНАЛИЗАЦИЯ ТЕЧЁТ ПО УЛИЦЕ {nom}",
    "когда откачают? {district}",
    "Соседи, у вас раковина уходит? У нас на {loc} всё стоит второй час",
    "колодец переполнен у дома, {addr}, течёт по тротуару",
    "Сток не принимает, в подвале вода и запах. {nom}, {h}",
    "ассенизатор вызывать самим что ли? {district}",
    "по {dat} вдоль дороги течёт грязная вонючая вода из люка",
    "на {acc} приехала машина водоканала, качают из колодца, но не помогает",
    "в нашем доме канализация встала, пользоваться туалетом нельзя",
    "у нас вонь и подвал в нечистотах",
    "переполнен канализационный колодец {coords}",
    "Прошу принять меры: излив сточных вод из колодца во дворе дома {addr}.",
    "снова топит подвал {gen} говном, сколько можно",
    "когда починят канализацию??",
    "{lm} из люка хлещет, вонь страшная",
    "ванну не слить, унитаз не смыть, {addr}",
    "насосная станция стоит? {district} канализация не работает",
    "уберите канализацию с улицы!",
    "Канализация встала!! {district}",
    "Люди добрые, скажите, на {loc} у всех канализация не уходит или только в нашем подъезде? {h}",
    "дети в школу идут по лужам из канализации {lm}",
    "у нас в подъезде запах, в подвале стоки по колено. {nom}",
    "ответьте кто-нибудь, канализация {district}",
    "Обращение: затопление подвала канализационными стоками, {addr}. "
    "Управляющая говорит, что причина на сетях водоканала.",
    "Канализационные стоки на проезжей части {gen}",
    "Стояк забит, вода из ванны не уходит, у соседей сверху и снизу так же. {addr}",
    "фу. на {loc} опять канализация",
    "вонь и лёд из нечистот {lm}",
    "Канализацию прорвало на {loc}??",
    "Уже три часа в подвале {addr} поднимается уровень стоков, скоро дойдёт до электрощита!",
    "сливать некуда, {district}",
    "вызвали аварийку по канализации на {acc}, ждём",
    "опять канализация... {nom}",
    "поднимаются стоки из раковины, {addr}",
    "КНС у Больничной не работает?",
    "в квартирах первых этажей канализация обратно идёт. {nom} {h}",
    "сток не уходит",
)

SEWER_LANDMARKS = ("у поликлиники на Больничной", "возле садика «Берёзка»", "у остановки «Ударная»",
                   "за магазином «Западный»", "возле КНС", "у гаражей на Западной", "у аптеки на Ударной")


# A blizzard brought wires down in Дальнее: no power on all four streets.
POWER_TEXTS = (
    "опять без света!!!",
    "{district} нет света",
    "свет когда дадут? {nom}",
    "эл-во пропало {addr}",
    "Нет электричества с утра, {addr}. Дом холодный, котёл без света не работает!",
    "ветром порвало провода на {loc}, висят над дорогой, света нет",
    "у нас темно",
    "верните свет",
    "Сетевая компания, где вы? {district} без света четвёртый час, в метель, с детьми!",
    "в нашем доме нет света",
    "обрыв проводов {lm}, весь посёлок без э/э",
    "{nom} без света",
    "СВЕТА НЕТ!! {addr}",
    "у кого свет есть {district}?",
    "Провод лежит на снегу у дома {addr}, искрил, потом всё погасло",
    "столб завалило {lm}, провода на дороге",
    "Здравствуйте, по адресу {addr} отсутствует электроэнергия с утра. Прошу сообщить сроки восстановления.",
    "света нет",
    "когда электричество??",
    "на {loc} темно, холодильник течёт",
    "Котлы у всех встали, без света не греют. {district} замерзает!",
    "свет дали?",
    "без эл-ва {coords}",
    "метель, темнота, света нет. {nom}, {h}",
    "провода оборвало, упали на {acc}",
    "ЭЛЕКТРИЧЕСТВО ВЕРНИТЕ",
    "у соседей тоже нет, по всей {dat} тишина",
    "ни света ни связи {district}, телефон садится",
    "где бригада? {district} без света",
    "э/э нет {addr}",
    "Насос в скважине без света, воды тоже нет. {addr}",
    "свет моргнул и пропал, {nom}",
    "Прошу обратить внимание: {district} обесточен, на {loc} висит оборванный провод над тротуаром, опасно!",
    "обесточены {lm}",
    "нет эл-ва",
    "аварийка на {acc} приехала? свет когда",
    "продукты в морозилке тают, света нет с семи утра. {addr}",
    "Электричество!!!",
    "трансформатор {lm} гудел и вырубился",
    "у нас свет пропал {coords}",
    "Уже 5 часов без света в мороз! {district}. Старики в домах мёрзнут, печки не у всех",
    "со стороны {gen} провода в снегу",
    "{district} — во всех домах темно",
    "подстанция? ветер? что случилось со светом {district}",
    "лампочки погасли во всём доме {addr}",
    "Россети, ответьте, {district} без света",
    "Нету света!!! {nom}",
    "весь {district} в темноте?",
    "оборвались провода от ветра, {lm}",
    "свет давайте!",
    "Света нет, {addr}, у соседей тоже, в окнах темнота",
    "Сколько можно без света сидеть? Ни объявлений, ни сроков. {district}",
    "по {dat} нет света с утра",
    "без электроэнергии {addr}",
    "когда включат?",
)

POWER_LANDMARKS = ("у школы в Дальнем", "возле магазина «Дальний»", "у остановки «Речная»",
                   "у ДК на Солнечной", "у моста на Речной", "у почты", "возле фельдшерского пункта")


@dataclass(frozen=True)
class Single:
    """One dwelling's problem. `needs` names the supply its words say the rest of the street has ("water", "sewer",
    "power"); on that supply's outage streets it is dated outside the outage's minutes."""

    text: str
    needs: str | None = None


# Single dwellings on Луговое's outage streets: a flat's own fault, or dated outside that street's outage.
LUGOVOE_SINGLES = (
    Single("течёт смеситель на кухне, капает круглые сутки. {addr}"),
    Single("прорвало гибкую подводку под раковиной, залили соседей снизу, {addr}"),
    Single("соседи сверху топят, потолок в ванной мокрый. {addr}"),
    Single("стояк в туалете подтекает на стыке, УК не идёт третью неделю. {addr}"),
    Single("кран в ванной не закрывается до конца, сорвало резьбу. {addr}"),
    Single("счётчик воды в квартире потёк, кто его меняет? {addr}"),
    Single("у меня одной нет воды в ванной, на кухне есть. {addr}", "water"),
    Single("бачок унитаза не набирает, у соседей всё нормально. {addr}", "water"),
    Single("засор в раковине, у соседей всё уходит, только у нас. {addr}", "sewer"),
    Single("слабый напор только в моей квартире, фильтр забился? {addr}", "water"),
    Single("в ванной медленно уходит вода, волосы наверное, вызову сантехника. {addr}", "sewer"),
    Single("в одной комнате батарея холодная, остальные горячие. {addr}"),
    Single("полотенцесушитель холодный, только у нас. {addr}"),
    Single("после замены радиатора в спальне он не греет, воздух? {addr}"),
    Single("из батареи капает на стыке, подставили тазик. {addr}"),
    Single("горячая вода еле тёплая только в нашей квартире, у соседей горячая. {addr}"),
    Single("батарея в детской ледяная, стояк горячий. кран на радиаторе закрыт что ли. {addr}"),
    Single("в квартире выбивает автомат, когда включаю чайник. {addr}"),
    Single("розетка на кухне искрит и почернела. {addr}"),
    Single("счётчик эл-ва в квартире перестал крутиться, свет есть. {addr}"),
    Single("у меня в квартире половина розеток не работает, автоматы включены. {addr}"),
    Single("провод от щитка к моей квартире греется, пахнет палёным. {addr}"),
    Single("лампочки мигают только у меня, у соседей нормально. {addr}"),
)

# Single dwellings on Дальнее's streets: a house's own fault, or dated before or after the power cut.
DALNEE_SINGLES = (
    Single("свет дали, а у меня на кухне розетки не работают, автомат выбило. {addr}", "power"),
    Single("после того как дали свет, сгорел блок у котла, у соседей всё работает. {addr}", "power"),
    Single("у нас одних моргает свет, у соседей нормально, проводка старая. {addr}", "power"),
    Single("счётчик щёлкает и отключает дом, у соседей свет горит. {addr}", "power"),
    Single("электрокотёл не включается, свет в доме есть. {addr}", "power"),
    Single("насос в колодце гудит, а воды не качает, свет есть. {addr}", "power"),
    Single("водонагреватель не греет, свет есть, наверное ТЭН. {addr}", "power"),
    Single("труба в бане перемёрзла и лопнула. {addr}"),
    Single("кран на кухне течёт, прокладку менять некому. {addr}"),
    Single("батарея у окна не греет, остальные тёплые. {addr}"),
    Single("в доме замёрзла канализационная труба, только у нас. {addr}"),
    Single("течёт расширительный бак отопления в доме. {addr}"),
)

# Single dwellings in the other districts and on Луговое's other streets.
ELSEWHERE_SINGLES = (
    "у меня в ванной течёт кран, сантехник УК не приходит. {addr}",
    "в квартире слабый напор холодной воды, у соседей нормальный. {addr}",
    "бачок унитаза постоянно журчит. {addr}",
    "подтекает труба под мойкой, только у нас. {addr}",
    "соседи сверху залили кухню. {addr}",
    "вода из крана в моей квартире мутная, у соседей чистая. {addr}",
    "засор в ванной, вантуз не помогает, у соседей всё уходит. {addr}",
    "счётчик холодной воды крутится, когда всё закрыто. {addr}",
    "течёт стояк в туалете у нас в квартире. {addr}",
    "лопнул шланг у стиральной машины, залило пол. {addr}",
    "на кухне нет воды только у нас, в ванной есть. {addr}",
    "смеситель в ванной сломался, вода не переключается на душ. {addr}",
    "капает с потолка в ванной, видимо у соседей течь. {addr}",
    "кран горячей воды в квартире заклинило. {addr}",
    "у меня одна батарея холодная, в других комнатах тепло. {addr}",
    "в угловой комнате батарея чуть тёплая, промерзает стена. {addr}",
    "полотенцесушитель ледяной уже неделю, только у нас. {addr}",
    "из радиатора подтекает, вызвала сантехника. {addr}",
    "после ремонта батарея не греет, воздушная пробка? {addr}",
    "горячая вода в квартире чуть тёплая, у соседей нормальная. {addr}",
    "в спальне холодно, батарея в спальне не греет. {addr}",
    "кран Маевского сорвало, течёт горячая вода. {addr}",
    "батареи в квартире шумят и стучат. {addr}",
    "на кухне радиатор холодный, стояк горячий. {addr}",
    "в квартире +16, у соседей тепло, одна батарея на всю комнату не греет. {addr}",
    "полотенцесушитель течёт на стыке. {addr}",
    "ГВС в квартире еле течёт, у соседей напор нормальный. {addr}",
    "выбивает автомат в квартире по вечерам. {addr}",
    "розетка в ванной не работает и пахнет гарью. {addr}",
    "в квартире нет света в одной комнате, автоматы включены. {addr}",
    "счётчик эл-ва в квартире сгорел, у соседей всё работает. {addr}",
    "свет в квартире мигает, у соседей нормально. {addr}",
    "искрит выключатель в коридоре. {addr}",
    "проводка в квартире старая, греется щиток. {addr}",
    "у меня в квартире пропал свет, у соседей есть, автомат не включается. {addr}",
    "Подскажите, кто меняет счётчик электроэнергии в квартире? Старый не крутится. {addr}",
    "плита электрическая выбивает пробки. {addr}",
    "напряжение в моей квартире низкое, лампочки тусклые, у соседей нормально. {addr}",
    "Прошу прислать сантехника: течь под ванной, {addr}",
    "в нашей квартире засорилась канализация на кухне. {addr}",
    "Воняет канализацией только в нашей ванной, из слива. {addr}",
    "холодная вода в квартире идёт с ржавчиной после замены крана. {addr}",
    "Заявка: не греет радиатор в комнате, {addr}",
    "в ванной холодно, полотенцесушитель отключили при ремонте и не включили. {addr}",
    "Здравствуйте, в квартире по адресу {addr} не работает половина розеток.",
    "у нас в квартире горячая вода только из одного крана. {addr}",
    "счётчик горячей воды не крутится. {addr}",
    "протекает батарея на кухне, лужа. {addr}",
    "в комнате не горит люстра и не работают розетки, в остальных есть. {addr}",
    "течёт унитаз, вода на полу. {addr}",
)

# Whole buildings without a supply, each alone in its district and category.
WHOLE_BUILDINGS = (
    ("во всём доме нет света с девяти утра, соседние дома со светом. {addr}", MIRA),
    ("весь дом без холодной воды, в соседних домах вода есть. {addr}", PURKAEVA),
    ("во всём доме холодные батареи, соседние дома топят. {addr}", LENINA),
    ("весь наш подъезд и весь дом обесточены, на улице фонари горят. {addr}", SOVETSKAYA),
    ("дом остыл, отопление не работает во всех квартирах. {addr}", NOVAYA),
)


@dataclass(frozen=True)
class Outage:
    label: str
    streets: tuple[Forms, ...]
    districts: tuple[str, ...]
    texts: tuple[str, ...]
    landmarks: tuple[str, ...]
    count: int
    first_minute: int
    last_minute: int
    centre: tuple[float, float]


LUGOVOE_CENTRE = (46.9955, 142.7125)
DALNEE_CENTRE = (47.0385, 142.7850)

OUTAGES = (
    Outage("coldwater-lugovoe", (LUCHISTAYA, DRUZHBY, AVIATSIONNAYA, SHOSSEINAYA), LUGOVOE, COLD_WATER_TEXTS,
           COLD_WATER_LANDMARKS, 105, 0, 360, LUGOVOE_CENTRE),
    Outage("sewer-lugovoe", (SHOSSEINAYA, UDARNAYA, BOLNICHNAYA, ZAPADNAYA), LUGOVOE, SEWER_TEXTS,
           SEWER_LANDMARKS, 95, 60, 420, (LUGOVOE_CENTRE[0] - 0.004, LUGOVOE_CENTRE[1] - 0.003)),
    Outage("power-dalnee", (GORNAYA, VESENNYAYA, SOLNECHNAYA, RECHNAYA), DALNEE, POWER_TEXTS, POWER_LANDMARKS,
           100, 30, 480, DALNEE_CENTRE),
)

ELSEWHERE_STREETS = (
    (MIRA, (46.9300, 142.7300)), (POBEDY, (46.9300, 142.7300)), (ESENINA, (46.9300, 142.7300)),
    (NEVELSKAYA, (46.9300, 142.7300)), (UKHTOMSKOGO, (46.9300, 142.7300)),
    (LENINA, (46.9590, 142.7380)), (CHEKHOVA, (46.9590, 142.7380)), (SAKHALINSKAYA, (46.9590, 142.7380)),
    (PURKAEVA, (46.9800, 142.7400)), (GORKOGO, (46.9800, 142.7400)), (AMURSKAYA, (46.9800, 142.7400)),
    (SOVETSKAYA, (46.8600, 142.6500)), (LESNAYA, (46.8600, 142.6500)), (SADOVAYA, (46.8600, 142.6500)),
    (NOVAYA, (46.9200, 142.8200)), (OZYORNAYA, (46.9200, 142.8200)),
    (KLYUCHEVAYA, LUGOVOE_CENTRE), (SIRENEVAYA, LUGOVOE_CENTRE), (MAISKAYA, LUGOVOE_CENTRE),
)
MARGIN = 20


def outside(rng: random.Random, window: tuple[int, int]) -> int:
    """A minute of the storm at least MARGIN minutes before or after `window`."""
    before = list(range(0, max(0, window[0] - MARGIN)))
    after = list(range(min(SPAN_MINUTES, window[1] + MARGIN), SPAN_MINUTES + 1))
    return rng.choice(before + after)


def supply_window(s: Forms, needs: str | None) -> tuple[int, int] | None:
    """The outage minutes of the supply `needs` on street `s`, if that street has that outage."""
    label = {"water": "coldwater-lugovoe", "sewer": "sewer-lugovoe", "power": "power-dalnee"}.get(needs or "")
    for outage in OUTAGES:
        if outage.label == label and s in outage.streets:
            return outage.first_minute, outage.last_minute
    return None


def singles(rng: random.Random, bank: tuple[Single, ...], streets: tuple[Forms, ...], count: int,
            centre: tuple[float, float]) -> list[dict[str, Any]]:
    pairs = [(single, s) for single in bank for s in streets]
    lines = []
    for single, s in rng.sample(pairs, count):
        window = supply_window(s, single.needs)
        minute = outside(rng, window) if window else rng.randint(0, SPAN_MINUTES)
        if single.needs == "power" and "дали" in single.text and window:
            minute = rng.randint(window[1] + MARGIN, SPAN_MINUTES)  # "the power is back" can only come after
        lines.append(line(rng, minute, fill(rng, single.text, s, (), (), centre), centre, None))
    return lines


def line(rng: random.Random, minute: int, text: str, centre: tuple[float, float],
         label: str | None) -> dict[str, Any]:
    return {"minutes": minute, "channel": rng.choice(CHANNELS), "text": text,
            "location": location(rng, centre, 0.004 if label else 0.008), "incident": label}


def storm(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = []
    for outage in OUTAGES:
        for _ in range(outage.count):
            s = rng.choice(outage.streets)
            text = fill(rng, rng.choice(outage.texts), s, outage.districts, outage.landmarks, outage.centre)
            lines.append(line(rng, rng.randint(outage.first_minute, outage.last_minute), text, outage.centre,
                              outage.label))
    lugovoe_outage_streets = (LUCHISTAYA, DRUZHBY, AVIATSIONNAYA, SHOSSEINAYA, UDARNAYA, BOLNICHNAYA, ZAPADNAYA)
    lines += singles(rng, LUGOVOE_SINGLES, lugovoe_outage_streets, 30, LUGOVOE_CENTRE)
    lines += singles(rng, DALNEE_SINGLES, (GORNAYA, VESENNYAYA, SOLNECHNAYA, RECHNAYA), 15, DALNEE_CENTRE)
    for text in ELSEWHERE_SINGLES:  # each wording from two streets of different districts
        first, second = rng.sample(range(len(ELSEWHERE_STREETS)), 2)
        while ELSEWHERE_STREETS[first][1] == ELSEWHERE_STREETS[second][1]:
            second = rng.randrange(len(ELSEWHERE_STREETS))
        for s, centre in (ELSEWHERE_STREETS[first], ELSEWHERE_STREETS[second]):
            lines.append(line(rng, rng.randint(0, SPAN_MINUTES), fill(rng, text, s, (), (), centre), centre, None))
    for text, s in WHOLE_BUILDINGS:
        centre = next(c for street, c in ELSEWHERE_STREETS if street == s)
        lines.append(line(rng, rng.randint(0, SPAN_MINUTES), fill(rng, text, s, (), (), centre), centre, None))
    return numbered(rng, lines, "q")


def main() -> None:
    write(DATA / "incidents_storm_holdout4.jsonl", storm(SEED))


if __name__ == "__main__":
    main()
