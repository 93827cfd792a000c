"""Whether a new routed appeal is about the same problem as an open incident or a recent appeal
(domain/incidents/matching.py): town, covered category, place, time window, and the problem's words (read by
domain/incidents/problem.py)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.domain.incidents.matching import (
    Decision,
    GroupingPolicy,
    NewAppeal,
    decide,
    similarity,
    the_towns_only_outage,
)
from otklik.domain.incidents.model import Incident, Reason, start
from otklik.domain.incidents.places import Gazetteer, read_places
from otklik.domain.incidents.problem import (
    COLD_WATER,
    HOT_WATER,
    complained_of,
    dirty_tap_water,
    grouping_category,
    is_outage,
    only_ours,
    problem_words,
    says_an_outage,
    water_side,
)
from otklik.domain.incidents.undecided import classifier_undecided
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Location, Status
from tests.builders import an_appeal, routed
from tests.fakes import T0

GAZETTEER = Gazetteer.of({"Луговое": ["Лучистая", "Дружбы"], "Центр": ["Ленина", "Чехова"]})
POLICY = GroupingPolicy()


def appeal(text: str, category: str, *, hours: float = 0, municipality: str = "yuzhno_sakhalinsk",
           location: Location | None = None) -> Appeal:
    at = T0 + timedelta(hours=hours)
    made = routed(an_appeal(text, received_at=at, municipality=municipality, location=location), category=category,
                  department="housing_utilities")
    places = read_places(text, GAZETTEER, location.latitude if location else None,
                         location.longitude if location else None)
    return made.model_copy(update={"place_keys": places.keys})


def new(made: Appeal) -> NewAppeal:
    location = made.location
    places = read_places(made.text, GAZETTEER, location.latitude if location else None,
                         location.longitude if location else None)
    return NewAppeal.read(made, places.query_keys, problem_words(made.text, places.name_stems))


def decided(made: Appeal, *incidents: Incident) -> Decision:
    """What the appeal does among these open incidents, with no recent appeal to start one with."""
    return decide(new(made), list(incidents), [], {}, {}, POLICY, T0).decision


def incident_of(*members: Appeal, number: int = 1) -> Incident:
    return start(f"in-{number:024x}", list(members), Reason("test"), T0,
                 place_keys={m.id: m.place_keys for m in members},
                 problem_words={m.id: tuple(problem_words(m.text)) for m in members}).incident


def test_an_outage_joins_the_open_incident_of_its_district_and_says_what_matched() -> None:
    burst = incident_of(appeal("Прорыв трубы, нет воды, ул. Лучистая 3", "water"),
                        appeal("Нет воды на Лучистой 8 с утра", "water", hours=1))
    later = appeal("воды нету, Дружбы 14, когда дадут", "water", hours=3)

    match = decide(new(later), [burst], [], {}, {}, POLICY, later.received_at)

    assert (match.decision, match.target) == (Decision.JOIN, burst.id)
    assert match.reason.matched["place"] == "district"  # Дружбы and Лучистая are both Луговое's
    assert match.reason.matched["place_keys"] == ["district:лугов"]
    assert "@water" in match.reason.matched["words"]
    assert "the same district" in match.reason.text


def test_a_house_s_own_fault_does_not_join_the_district_s_outage() -> None:
    burst = incident_of(appeal("Прорыв трубы, нет воды, ул. Лучистая 3", "water"),
                        appeal("Нет воды на Лучистой 8", "water", hours=1))
    leak = appeal("Течёт кран в подвале, Дружбы 14", "water", hours=2)

    assert not is_outage(problem_words(leak.text))
    assert decide(new(leak), [burst], [], {}, {}, POLICY, leak.received_at).decision is Decision.ALONE


def test_a_single_dwelling_without_power_is_not_an_outage() -> None:
    assert is_outage(problem_words("нет света во всём доме"))
    assert not is_outage(problem_words("В одной квартире нет света, автомат выбивает"))
    assert not is_outage(problem_words("Прорвало трубу под раковиной, соседей снизу заливаем"))


def test_another_town_or_an_uncovered_category_stays_alone() -> None:
    burst = incident_of(appeal("Нет воды, ул. Лучистая 3", "water"), appeal("Нет воды, Лучистая 5", "water"))
    elsewhere = appeal("Нет воды, ул. Лучистая 3", "water", municipality="korsakov", hours=1)
    pothole = appeal("Огромная яма, нет проезда, ул. Лучистая 3", "roads", hours=1)

    assert decided(elsewhere, burst) is Decision.ALONE
    assert decided(pothole, burst) is Decision.ALONE


def test_a_covered_category_joins_only_when_its_text_names_the_incident_s_problem() -> None:
    burst = incident_of(appeal("Прорыв трубы, нет воды, ул. Лучистая 3", "water"),
                        appeal("Нет воды на Лучистой 8", "water", hours=1))
    no_hot_water = appeal("Нет горячей воды, Лучистая 10", "heating", hours=2)
    cold_radiators = appeal("Батареи ледяные, отопления нет, Лучистая 10", "heating", hours=2)

    joined = decide(new(no_hot_water), [burst], [], {}, {}, POLICY, T0)
    assert joined.decision is Decision.JOIN and joined.reason.matched["category"] == "heating covers water"
    assert decided(cold_radiators, burst) is Decision.ALONE


def test_hot_water_and_cold_water_are_two_problems_and_both_said_gone_the_first_named_s() -> None:
    no_hot_water = incident_of(appeal("Нет горячей воды, Ленина 12", "heating"),
                               appeal("на Чехова 20 тоже нет горячей воды", "heating", hours=1))
    burst_main = incident_of(appeal("Прорвало трубу, нет холодной воды, Лучистая 3", "water"),
                             appeal("ХВС нет на Лучистой 8", "water", hours=1), number=2)
    cold_water = appeal("Ленина 30 нет холодной воды, авария на водоводе", "water", hours=2)
    hot_water = appeal("Лучистая 10, горячей тоже нет", "heating", hours=2)
    both = appeal("Ленина 14: воды нет вообще, ни горячей ни холодной", "water", hours=2)

    assert decided(cold_water, no_hot_water) is Decision.ALONE
    assert decided(hot_water, burst_main) is Decision.ALONE
    assert decide(new(both), [no_hot_water], [], {}, {}, POLICY, T0).target == no_hot_water.id
    cold_first = appeal("Ленина 16: ни холодной, ни горячей", "water", hours=2)
    assert decided(cold_first, no_hot_water) is Decision.ALONE


@pytest.mark.parametrize(("text", "water"), [
    ("ХВС нет на Лучистой 8", COLD_WATER), ("хол. воды нет второй день", COLD_WATER), ("нет ГВС", HOT_WATER),
    ("гор.вода отсутствует", HOT_WATER), ("воды нет ни холодной, ни горячей", COLD_WATER), ("нет воды", None),
    ("Нет воды холодной, набрали бутылок", COLD_WATER), ("вода не идёт горячая, Крюкова 2а", HOT_WATER),
    ("Воды нет, горячей. Холодная течёт", HOT_WATER), ("нет горячего водоснабжения, холодная вода есть", HOT_WATER),
])
def test_the_water_named_is_read_in_residents_shorthand_too(text: str, water: str | None) -> None:
    assert water_side(problem_words(text)) == water


def test_the_time_window_is_per_category() -> None:
    burst = incident_of(appeal("Нет воды, ул. Лучистая 3", "water"), appeal("Нет воды, Лучистая 5", "water"))
    within = appeal("Нет воды, Лучистая 7", "water", hours=47)
    after = appeal("Нет воды, Лучистая 7", "water", hours=49)
    pit = incident_of(appeal("Яма на дороге, ул. Ленина 5", "roads"), appeal("Яма на дороге у дома 5 по ул. Ленина",
                                                                            "roads"), number=2)
    next_day = appeal("Яма на дороге, Ленина 5", "roads", hours=25)

    assert decided(within, burst) is Decision.JOIN
    assert decided(after, burst) is Decision.ALONE
    assert decided(next_day, pit) is Decision.ALONE, "roads: 24 h by default"
    short = GroupingPolicy(window_hours={"water": 2})
    assert decide(new(within), [burst], [], {}, {}, short, T0).decision is Decision.ALONE


def test_a_house_s_problem_joins_at_its_own_house() -> None:
    pit = incident_of(appeal("Огромная яма на дороге, ул. Ленина 5", "roads"),
                      appeal("Яма на дороге у дома 5 по ул. Ленина", "roads"))
    same_house = appeal("На Ленина у пятого дома яма на дороге, колесо пробил", "roads", hours=2)
    next_house = appeal("Яма на дороге, ул. Ленина 9", "roads", hours=2)

    match = decide(new(same_house), [pit], [], {}, {}, POLICY, T0)
    assert match.decision is Decision.JOIN and match.reason.matched["place_keys"] == ["house:ленина:5"]
    assert decided(next_house, pit) is Decision.ALONE


def test_coordinates_within_the_distance_match_an_outage() -> None:
    here = Location(latitude=46.9590, longitude=142.7380)
    near = Location(latitude=46.9610, longitude=142.7380)  # ~220 m
    far = Location(latitude=46.9700, longitude=142.7380)  # ~1.2 km
    outage = incident_of(appeal("Нет света во всём доме", "electricity", location=here),
                         appeal("Свет пропал", "electricity", location=here))

    assert decide(new(appeal("нет света", "electricity", hours=1, location=near)), [outage], [], {}, {}, POLICY,
                  T0).decision is Decision.JOIN
    assert decide(new(appeal("нет света", "electricity", hours=1, location=far)), [outage], [], {}, {}, POLICY,
                  T0).decision is Decision.ALONE


def test_the_problem_s_words_decide_between_two_incidents_of_one_place() -> None:
    power = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                        appeal("Электричества нет, Лучистая 5", "electricity"), number=1)
    lights = incident_of(appeal("Не горят фонари, темно на улице, Лучистая 3", "lighting"),
                         appeal("Фонари не горят, темно, Лучистая 5", "lighting"), number=2)
    dark = appeal("темно на улице, фонари не горят, Лучистая 9", "lighting", hours=1)

    assert decide(new(dark), [power, lights], [], {}, {}, POLICY, T0).target == lights.id


def test_two_similar_appeals_start_an_incident_when_none_is_open() -> None:
    first = appeal("Нет воды, ул. Лучистая 3", "water")
    second = appeal("воды нет на Дружбы 1, прорыв?", "water", hours=1)

    match = decide(new(second), [], [first], {first.id: first.place_keys},
                   {first.id: problem_words(first.text)}, POLICY, second.received_at)

    assert (match.decision, match.target) == (Decision.START, first.id)


def test_greetings_and_addresses_are_not_words_of_the_problem() -> None:
    words = problem_words("Здравствуйте! Добрый день. Улица Лучистая, дом 5, квартира 3: нет воды", ("лучист",))
    assert "@water" in words and "вода" in words
    assert not {"здравствуйте", "добрый", "день", "улица", "дом", "квартира", "лучистый", "лучистая"} & words.keys()
    assert similarity(problem_words("нет воды"), problem_words("воды нету совсем")) > 0.5
    assert similarity(problem_words("нет воды"), problem_words("яма на дороге")) == 0


def undecided(text: str, category: str | None = "other", *, hours: float = 0,
              reason: str = "classifier unsure (appeal, confidence 0.10)") -> Appeal:
    """An appeal the router left to triage, with the reason it gives."""
    at = T0 + timedelta(hours=hours)
    made = an_appeal(text, received_at=at).changed(
        Status.NEEDS_TRIAGE, HistoryEntry(at=at, actor="system:router", action=HistoryAction.NEEDS_TRIAGE),
        category=category, triage_reason=reason)
    return made.model_copy(update={"place_keys": read_places(text, GAZETTEER).keys})


def power_cut_on_luchistaya() -> Incident:
    return incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                       appeal("Электричества нет, свет отключили, Лучистая 5", "electricity"))


def test_an_appeal_the_classifier_read_by_its_address_is_grouped_by_the_problem_its_words_name() -> None:
    # «Школьная» made the classifier say schools; without the street's name the words say a power cut.
    school_street = appeal("свет отключили, нет света, Лучистая 9", "schools", hours=1)
    pupils = appeal("В школе на Лучистой 9 не хватает учебников", "schools", hours=1)

    assert grouping_category("schools", problem_words(school_street.text, ("лучист",))) == "electricity"
    match = decide(new(school_street), [power_cut_on_luchistaya()], [], {}, {}, POLICY, T0)
    assert match.decision is Decision.JOIN
    assert match.reason.matched["category"] == "schools read as electricity"
    assert decided(pupils, power_cut_on_luchistaya()) is Decision.ALONE


def test_a_whole_quarter_in_the_dark_is_the_power_cut_and_a_lamp_is_not() -> None:
    quarter = appeal("Темно во всём квартале, Лучистая 12", "lighting", hours=1)
    lamp = appeal("Фонарь у подъезда не горит, темно, Лучистая 12", "lighting", hours=1)

    joined = decide(new(quarter), [power_cut_on_luchistaya()], [], {}, {}, POLICY, T0)
    assert joined.decision is Decision.JOIN and joined.reason.matched["category"] == "lighting read as electricity"
    assert decided(lamp, power_cut_on_luchistaya()) is Decision.ALONE


def test_asking_when_the_supply_comes_back_says_it_is_missing() -> None:
    assert is_outage(problem_words("когда будет вода? Лучистая 7"))
    assert is_outage(problem_words("Когда дадут свет?"))
    assert not is_outage(problem_words("когда починят кран, капает"))
    burst = incident_of(appeal("Нет воды, ул. Лучистая 3", "water"), appeal("Прорыв, воды нет, Лучистая 5", "water"))

    assert decide(new(appeal("когда будет вода? Лучистая 7", "water", hours=1)), [burst], [], {}, {}, POLICY,
                  T0).decision is Decision.JOIN


def test_a_failure_word_without_a_topic_names_its_supply() -> None:
    assert "@electricity" in problem_words("Обесточка!")
    assert "@water" in problem_words("порвало водовод")


def test_an_undecided_appeal_joins_an_outage_only_on_strong_evidence() -> None:
    outage = power_cut_on_luchistaya()
    same_street = undecided("Обесточка! Лучистая 14", hours=1)
    same_district = undecided("Обесточка в Луговом", hours=1)
    other_district = undecided("Обесточка в Центре", hours=1)
    not_an_outage = undecided("Провод искрит у подъезда, Лучистая 14", hours=1)
    thanks = undecided("Спасибо, свет дали! Лучистая 14", hours=1, reason="classifier unsure (thanks, confidence 1.00)")

    joined = decide(new(same_street), [outage], [], {}, {}, POLICY, T0)
    assert joined.decision is Decision.JOIN
    assert joined.reason.matched["category"] == "undecided, its words say electricity"
    assert decided(same_district, outage) is Decision.JOIN
    assert decided(other_district, outage) is Decision.ALONE
    assert decided(not_an_outage, outage) is Decision.ALONE
    assert classifier_undecided(same_street) and not classifier_undecided(thanks)
    strict = GroupingPolicy(triaged_min_similarity=0.9)
    assert decide(new(same_street), [outage], [], {}, {}, strict, T0).decision is Decision.ALONE


def test_an_undecided_appeal_starts_no_incident() -> None:
    first = appeal("Нет света, ул. Лучистая 3", "electricity")
    second = undecided("Обесточка! Лучистая 5", hours=1)

    match = decide(new(second), [], [first], {first.id: first.place_keys}, {first.id: problem_words(first.text)},
                   POLICY, second.received_at)

    assert match.decision is Decision.ALONE


# Issue 17, the fourth development storm: failures and wordings the first three lacked.

def test_a_street_flooded_from_the_sewer_or_the_storm_drains_is_an_area_failure() -> None:
    assert is_outage(problem_words("Из люков хлещет канализация, затопило перекрёсток"))
    assert is_outage(problem_words("фекалии по всей улице"))
    assert is_outage(problem_words("подвал залило стоками, уровень растёт"))  # the network's water, not the house's
    assert not is_outage(problem_words("Засорилась канализация, вонь в подъезде"))  # a house's drain
    assert not is_outage(problem_words("Затопило подвал, пахнет сыростью"))  # a house's pipe
    assert not is_outage(problem_words("Затопили соседи сверху, течёт по стене"))


def test_a_flood_the_classifier_gave_to_roads_is_compared_as_the_water_network_s() -> None:
    storm_drain = problem_words("Ливнёвка не справляется, затопило перекрёсток")
    pothole = problem_words("Огромная яма на перекрёстке")

    assert grouping_category("roads", storm_drain) == "water"
    assert grouping_category("roads", pothole) == "roads"


def test_cold_is_missing_heat_when_said_of_the_heating_or_the_hot_water_not_of_the_cold_water() -> None:
    assert is_outage(problem_words("из горячего крана течёт ледяная"))
    assert is_outage(problem_words("нет горячей, когда дадут?"))
    assert not is_outage(problem_words("слабый напор холодной воды по утрам"))
    assert not is_outage(problem_words("Из крана идёт горячая вода вместо холодной"))


def test_a_supply_missing_at_the_resident_s_alone_is_not_an_outage() -> None:
    assert is_outage(problem_words("в квартире нет горячей воды, и у соседей тоже"))
    assert not is_outage(problem_words("в квартире нет горячей воды, у соседей есть"))
    assert not is_outage(problem_words("света нет только у нас"))


def test_darkness_and_no_power_together_are_the_power_cut() -> None:
    assert grouping_category(None, problem_words("темнота, ни света ни интернета")) == "electricity"


def test_the_same_utility_s_failure_on_another_street_of_the_district_joins_however_it_is_worded() -> None:
    sewer = incident_of(appeal("Канализация хлещет из люков, затопило ул. Лучистая 3", "water"),
                        appeal("Потоп на Лучистой 8, канализация переполнена", "water", hours=1))
    other_street = appeal("Дружбы 14 — из колодцев прёт вонючая вода, к дому не подойти, всю улицу залило", "water",
                          hours=2)
    own_flat = appeal("Дружбы 14: затопили соседи сверху, течёт по стене", "water", hours=2)

    no_hot_water = appeal("Дружбы 14, нет горячей воды", "heating", hours=2)
    # Words as close as this policy asks are never written: only the failure itself can join.
    strict = GroupingPolicy(min_similarity={"house": 0.95, "distance": 0.95, "street": 0.95, "district": 0.95})

    joined = decide(new(other_street), [sewer], [], {}, {}, strict, T0)
    assert (joined.decision, joined.reason.matched["place"]) == (Decision.JOIN, "district")
    assert joined.reason.matched["similarity"] < 0.95
    assert decide(new(own_flat), [sewer], [], {}, {}, strict, T0).decision is Decision.ALONE
    assert decide(new(no_hot_water), [sewer], [], {}, {}, strict, T0).decision is Decision.ALONE, \
        "a covered category still needs the words"


def test_coordinates_written_in_the_text_place_an_appeal_that_sent_none() -> None:
    lights_out = incident_of(appeal("Нет света, Лучистая 3", "electricity",
                                    location=Location(latitude=46.9300, longitude=142.7300)),
                             appeal("Нет света, Лучистая 8", "electricity", hours=1))
    pasted = appeal("нет света, 46.93150, 142.73080", "electricity", hours=2)
    far = appeal("нет света, 46.99150, 142.73080", "electricity", hours=2)

    assert new(pasted).coordinates is None, "matching reads the appeal's own location only..."
    places = read_places(pasted.text, GAZETTEER)
    written = NewAppeal.read(pasted, places.query_keys, problem_words(pasted.text), places.coordinates)
    far_places = read_places(far.text, GAZETTEER)
    written_far = NewAppeal.read(far, far_places.query_keys, problem_words(far.text), far_places.coordinates)

    joined = decide(written, [lights_out], [], {}, {}, POLICY, T0)
    assert (joined.decision, joined.reason.matched["place"]) == (Decision.JOIN, "distance")
    assert decide(written_far, [lights_out], [], {}, {}, POLICY, T0).decision is Decision.ALONE


@pytest.mark.parametrize(("shorthand", "spelt_out"), [
    ("нет эл-ва", "нет электричества"), ("Э/Э НЕТ", "электроэнергии нет"), ("ХВС еле течёт", "вода еле течёт"),
    ("ГВС отключили", "горячую воду отключили"), ("отопл. нет", "отопления нет"), ("гор. вода отсутствует",
                                                                                  "горячая вода отсутствует"),
    ("нетууу воооды", "нет воды"), ("Свееет дайте", "свет дайте"), ("ЭЭ отключили", "электроэнергию отключили"),
    ("у нас ээ нет", "у нас электроэнергии нет"),
])
def test_residents_shorthand_and_stretched_words_read_as_the_words_they_stand_for(shorthand: str,
                                                                                   spelt_out: str) -> None:
    short, long = problem_words(shorthand), problem_words(spelt_out)
    assert {w for w in short if w.startswith("@")} == {w for w in long if w.startswith("@")} != set()
    assert is_outage(short) == is_outage(long)


def test_a_weak_water_pressure_is_a_supply_missing_and_a_recurring_one_a_dwelling_s_own() -> None:
    assert is_outage(problem_words("напор холодной воды никакой, еле капает"))
    assert is_outage(problem_words("давление воды упало, на верхних этажах сухо"))
    assert "@healthcare" not in problem_words("давление в трубах упало")
    assert "@healthcare" in problem_words("у бабушки давление 180")
    assert not is_outage(problem_words("слабый напор холодной воды по утрам"))


def test_cold_batteries_in_residents_words_and_warm_ones_next_door() -> None:
    assert is_outage(problem_words("батареи холоднючие"))
    assert is_outage(problem_words("батареи как лёд"))
    assert not is_outage(problem_words("в моей квартире холодная батарея, у соседей горячие"))


# Issue 17, the sixth development storm: messages that say no place at all, or only one the town's streets cannot.
def test_an_outage_that_names_no_place_joins_the_town_s_only_open_outage_of_its_kind() -> None:
    power_cut = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                            appeal("Электричества нет, свет отключили, Дружбы 5", "electricity"),
                            appeal("свет отключили, Дружбы 9", "electricity"))
    landmark_only = appeal("Провод оборван у старого кинотеатра, света нет", "electricity", hours=1)

    match = the_towns_only_outage(new(landmark_only), [power_cut], POLICY)

    assert (match.decision, match.target) == (Decision.JOIN, power_cut.id)
    assert match.reason.matched["place"] == "town"
    assert "no place given; the town's only open electricity outage" in match.reason.text
    undecided_one = undecided("Обесточка!", hours=1)
    assert the_towns_only_outage(new(undecided_one), [power_cut], POLICY).decision \
        is Decision.JOIN


def test_an_appeal_without_a_place_stays_alone_unless_the_outage_is_the_only_one_and_its_own_kind() -> None:
    power_cut = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                            appeal("Электричества нет, свет отключили, Дружбы 5", "electricity"),
                            appeal("свет отключили, Дружбы 9", "electricity"))
    other_power_cut = incident_of(appeal("Нет света на Ленина 3", "electricity"),
                                  appeal("Электричества нет, Чехова 5", "electricity"),
                                  appeal("Нет света, Чехова 7", "electricity"), number=2)
    one_house = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                            appeal("Свет отключили, Лучистая 3", "electricity"),
                            appeal("Света нет, Лучистая 3", "electricity"), number=3)
    two_messages = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                               appeal("Электричества нет, Дружбы 5", "electricity"), number=4)
    no_power = appeal("у нас нет света", "electricity", hours=1)

    assert the_towns_only_outage(new(no_power), [power_cut, other_power_cut], POLICY).decision is Decision.ALONE
    assert the_towns_only_outage(new(no_power), [one_house], POLICY).decision is Decision.ALONE
    assert the_towns_only_outage(new(no_power), [two_messages], POLICY).decision \
        is Decision.ALONE
    assert the_towns_only_outage(new(no_power), [power_cut, two_messages], POLICY).target \
        == power_cut.id
    flat_fault = appeal("в одной комнате нет света, автомат выбивает", "electricity", hours=1)
    assert the_towns_only_outage(new(flat_fault), [power_cut], POLICY).decision \
        is Decision.ALONE
    too_late = appeal("у нас нет света", "electricity", hours=60)
    assert the_towns_only_outage(new(too_late), [power_cut], POLICY).decision is Decision.ALONE
    # An appeal that names a street is judged by it: the power cut is not its street's nor its district's.
    elsewhere = appeal("нет света, ул. Ленина 9", "electricity", hours=1)
    assert the_towns_only_outage(new(elsewhere), [power_cut], POLICY).decision \
        is Decision.ALONE


@pytest.mark.parametrize("text", ["Тепло когда?", "свет!!! когда!!!", "мёрзнем!!", "Холодно дома.", "канализация!!!",
                                  "стоки!", "канализ. авария"])
def test_bare_questions_freezing_and_the_sewer_named_alone_read_as_an_outage(text: str) -> None:
    assert is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["когда починят кран, капает", "засор канализации в стояке",
                                  "холодно, батареи кипяток, а в окна дует"])
def test_a_repair_asked_for_a_house_s_drain_and_an_overheat_are_not_an_outage(text: str) -> None:
    assert not is_outage(problem_words(text))


# Issue 17, the sixth development storm's residents (round 5): questions, bare demands, slang and numbers.
def test_a_question_the_classifier_left_to_triage_may_join_an_outage_its_words_say_is_missing() -> None:
    asked = undecided("Тепло когда?", None, reason="classifier unsure (question, confidence 1.00)")
    greeting = undecided("Здравствуйте", None, reason="classifier unsure (greeting, confidence 1.00)")

    assert classifier_undecided(asked)
    assert not classifier_undecided(greeting)


@pytest.mark.parametrize("text", ["ОТОПЛЕНИЕ?? 😡😡😡", "Свет!!!", "Украинская 9/1: в квартире 13 градусов 🥶",
                                  "Горького 7 кв. 8 — в квартире +12",
                                  "Пожилая мама одна, в квартире холодно, батареи не греют",
                                  "Трубы отопления холодные по всему стояку, у соседей тоже",
                                  "ветром сорвало провода, и у нас тьма", "водички нет", "светик дайте пожалуйста"])
def test_bare_demands_cold_rooms_and_residents_words_for_a_loss_read_as_an_outage(text: str) -> None:
    assert is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["Гололёд, провода оборвались у стадиона на Лучистой",
                                  "Ветром оборвало провода вдоль Дружбы"])
def test_wires_torn_down_are_the_network_s_failure(text: str) -> None:
    wires_down = incident_of(appeal("Провода лежат на дороге, света нет, Лучистая 3", "electricity"),
                             appeal("Нет света на Дружбы 8, провода на земле", "electricity", hours=1),
                             appeal("провод висит, электричества нет. Лучистая 10", "electricity", hours=1))
    undecided_line = undecided(text, "electricity", hours=2)

    assert is_outage(problem_words(text))
    assert decided(undecided_line, wires_down) is Decision.JOIN


@pytest.mark.parametrize("text", ["по Дружбы провода провисли до самой земли, искрят!",
                                  "Лучистая — провод лежит прямо на дороге, страшно"])
def test_a_line_down_said_of_a_street_is_the_network_s_failure_a_house_s_wire_its_own(text: str) -> None:
    """A wire hanging, lying on the ground or sparking, said of a street with no house named, is the line's
    failure and joins the power cut there, as surges said so do; a house's own wire names its house."""
    power_cut = an_outage_of("electricity", "света")
    line_down = appeal(text, "electricity", hours=2)
    house_s_wire = appeal("Провод свисает с фасада, Дружбы 7", "electricity", hours=2)

    assert says_an_outage(problem_words(text), new(line_down).place_keys)
    assert decided(line_down, power_cut) is Decision.JOIN
    assert not says_an_outage(problem_words(house_s_wire.text), new(house_s_wire).place_keys)


@pytest.mark.parametrize("text", ["На Дружбы из-под асфальта валит пар, снег вокруг растаял",
                                  "возле гаражей парит из грунта, Лучистая"])
def test_steam_out_of_the_ground_is_the_heat_main_s_burst(text: str) -> None:
    no_heating = an_outage_of("heating", "отопления")
    steam = appeal(text, "roads", hours=2)

    assert is_outage(problem_words(text))
    assert complained_of(problem_words(text)) == "heat"
    assert decided(steam, no_heating) is Decision.JOIN


def test_steam_and_a_stench_out_of_a_manhole_are_not_the_heat_main_s() -> None:
    assert complained_of(problem_words("из земли у люка пар и вонища, Лучистая")) != "heat"


@pytest.mark.parametrize("text", ["Лучистая 5: из кранов идёт вода с воздухом, стиралка встала",
                                  "Дружбы 2 — воздух в трубах, стиральная машина не набирает",
                                  "Лучистая 9, воды чуть-чуть, тоненько"])
def test_air_in_the_water_s_pipes_and_a_trickle_say_its_supply_is_still_broken(text: str) -> None:
    no_water = an_outage_of("water", "воды")
    made = appeal(text, "water", hours=2)

    assert is_outage(problem_words(text))
    assert decided(made, no_water) is Decision.JOIN


@pytest.mark.parametrize("text", ["Лучистая 5: выше третьего этажа вода не доходит, напор никакой",
                                  "на верхние этажи вода не поднимается совсем, Дружбы 2"])
def test_water_not_reaching_the_upper_floors_is_the_network_s_weak_pressure(text: str) -> None:
    """The water not reaching the upper floors is the network's pressure failing, the floors where it shows; a weak
    pressure on one floor stays that flat's."""
    no_water = an_outage_of("water", "воды")
    made = appeal(text, "water", hours=2)

    assert is_outage(problem_words(text))
    assert decided(made, no_water) is Decision.JOIN
    assert not is_outage(problem_words("Слабый напор воды на пятом этаже, Лучистая 9"))


def test_a_heater_tripping_the_fuses_beside_cold_radiators_is_the_heating_s_loss() -> None:
    """Left without heating, residents plug in heaters that trip the flat's breaker: beside the heating said
    missing, the breaker is the heater's load, not the flat's fault; a breaker tripping alone stays the flat's."""
    no_heating = an_outage_of("heating", "отопления")
    heater = appeal("Дружбы 9: батареи ледяные с утра, из-за обогревателя выбивает автомат", "heating", hours=2)

    assert is_outage(problem_words(heater.text))
    assert decided(heater, no_heating) is Decision.JOIN
    assert not is_outage(problem_words("Автомат выбивает, когда включаю чайник, Дружбы 9"))


def test_a_radiator_beside_the_hot_water_said_missing_is_the_heat_point_s_outage() -> None:
    """One heat point gives the heating and the hot water: a radiator in the singular beside the hot water said
    missing is both supplies gone, not the radiator's fault; beside the hot water running, it stays the flat's."""
    no_heating = an_outage_of("heating", "отопления")
    both = appeal("Дружбы 4: радиатор ледяной, горячей воды тоже нет", "heating", hours=2)

    assert is_outage(problem_words(both.text))
    assert decided(both, no_heating) is Decision.JOIN
    assert not is_outage(problem_words("Дружбы 4: радиатор ледяной, ГВС есть"))


def test_air_in_a_radiator_stays_the_dwelling_s() -> None:
    assert not is_outage(problem_words("воздух в трубах отопления в спальне, батарея холодная, Лучистая 5"))


def test_people_left_in_the_cold_say_a_supply_is_missing() -> None:
    power_cut = an_outage_of("electricity", "света")
    demand = undecided("на Лучистой со светом беда, бабушки в холоде", "electricity", hours=2)

    assert is_outage(problem_words("Сидим в холоде с вечера, Лучистая 4"))
    assert decided(demand, power_cut) is Decision.JOIN


@pytest.mark.parametrize("text", ["+15 в квартире, Лучистая 7, когда это кончится?",
                                  "Дружбы 4: 16° в детской, ребёнок болеет", "12 градусов дома! Лучистая 2"])
def test_a_cold_room_s_temperature_said_before_the_room_is_missing_heat(text: str) -> None:
    """The temperature before the room ("+15 в квартире", "16° в детской") says the flat is below the norm as it
    does after it: missing heat, which joins the heating's outage on its street as any word of the loss would."""
    no_heating = an_outage_of("heating", "отопления")
    cold_flat = appeal(text, "heating", hours=2)

    assert is_outage(problem_words(text))
    assert decided(cold_flat, no_heating) is Decision.JOIN
    assert not is_outage(problem_words("на улице -20, а дома +23, спасибо"))
    assert not is_outage(problem_words("дом 14 в квартире 5 течёт кран"))


@pytest.mark.parametrize("text", ["Лучистая 6 — радиаторы с утра едва тёплые, сидим в свитерах",
                                  "чуть тёплые батареи весь день, Дружбы 10"])
def test_radiators_only_lukewarm_say_the_heating_is_too_weak(text: str) -> None:
    """Radiators "чуть тёплые", "едва тёплые" are the heating too weak, as "еле греют"; a flat's lukewarm hot tap
    stays its own."""
    no_heating = an_outage_of("heating", "отопления")
    lukewarm = appeal(text, "heating", hours=2)

    assert is_outage(problem_words(text))
    assert decided(lukewarm, no_heating) is Decision.JOIN
    assert not is_outage(problem_words("горячая вода в квартире чуть тёплая, Лучистая 6"))


@pytest.mark.parametrize("text", ["в квартире 23 градуса, батареи кипяток", "в одной комнате холодно, батарея холодная",
                                  "отопление в одной квартире не греет", "в квартире 3 комнаты, батарея течёт"])
def test_a_warm_flat_and_one_room_s_cold_are_not_an_outage(text: str) -> None:
    assert not is_outage(problem_words(text))


def test_the_heat_network_s_burst_is_the_heating_s_and_the_sewer_s_slang_the_water_network_s() -> None:
    assert grouping_category("water", problem_words("Порыв на тепломагистрали? Говорят до вечера")) == "heating"
    assert grouping_category("water", problem_words("Порыв трубы, воды нет")) == "water"
    assert grouping_category(None, problem_words("жижа!!! у остановки")) == "water"
    assert grouping_category("other", problem_words("Г*ВНО ТЕЧЁТ ПО УЛИЦЕ!!!")) == "water"
    assert grouping_category("schools", problem_words("у входа в школу канализация разлилась")) == "water"
    assert grouping_category("roads", problem_words("воняет на всю улицу, из люка прёт")) == "water"
    assert grouping_category("schools", problem_words("в школе засор канализации в туалете")) == "schools"
    assert grouping_category("management_company", problem_words("запах канализации в подвале")) \
        == "management_company"


def test_an_appeal_with_coordinates_only_joins_the_town_s_only_outage_unless_its_members_are_far() -> None:
    power_cut = incident_of(appeal("Нет света на Лучистой 3", "electricity",
                                   location=Location(latitude=46.96, longitude=142.73)),
                            appeal("Электричества нет, свет отключили, Дружбы 5", "electricity"),
                            appeal("свет отключили, Дружбы 9", "electricity"))
    near = appeal("у нас нет света", "electricity", hours=1, location=Location(latitude=46.962, longitude=142.731))
    far = appeal("у нас нет света", "electricity", hours=1, location=Location(latitude=46.90, longitude=142.70))

    assert the_towns_only_outage(new(near), [power_cut], POLICY).target == power_cut.id
    assert the_towns_only_outage(new(far), [power_cut], POLICY).decision is Decision.ALONE


def test_an_appeal_with_coordinates_only_joins_the_town_s_only_outage_as_far_as_its_members_are_spread() -> None:
    """An outage whose residents are spread over a kilometre is met anywhere that far from them: coordinates 850 m
    from the nearest member of one 1.1 km wide join it; 3 km away, elsewhere, they do not."""
    power_cut = incident_of(appeal("Нет света на Лучистой 3", "electricity",
                                   location=Location(latitude=46.960, longitude=142.730)),
                            appeal("Электричества нет, свет отключили, Дружбы 5", "electricity",
                                   location=Location(latitude=46.970, longitude=142.730)),
                            appeal("свет отключили, Дружбы 9", "electricity"))
    edge = appeal("у нас нет света", "electricity", hours=1, location=Location(latitude=46.965, longitude=142.7385))
    elsewhere = appeal("у нас нет света", "electricity", hours=1,
                       location=Location(latitude=46.965, longitude=142.770))

    assert the_towns_only_outage(new(edge), [power_cut], POLICY).target == power_cut.id
    assert the_towns_only_outage(new(elsewhere), [power_cut], POLICY).decision is Decision.ALONE


def test_an_appeal_without_a_place_does_not_join_the_town_s_only_outage_of_the_other_water() -> None:
    cold_water = incident_of(appeal("Нет холодной воды, Лучистая 3", "water"),
                             appeal("холодной воды нет, Дружбы 5", "water"),
                             appeal("ХВС нет на Лучистой 9", "water"))
    no_hot_water = appeal("у нас нет горячей воды", "heating", hours=1)

    assert the_towns_only_outage(new(no_hot_water), [cold_water], POLICY).decision is Decision.ALONE


# The precision audit (round 5): related outages on overlapping streets of one district stay apart.
def test_a_power_cut_does_not_join_a_water_outage_on_the_same_streets_nor_a_flat_s_fault_an_outage() -> None:
    no_water = incident_of(appeal("Нет воды, Лучистая 3", "water"), appeal("воды нет, Дружбы 5", "water"),
                           appeal("Нет воды на Лучистой 9", "water"))
    no_power = appeal("нет света, Лучистая 5", "electricity", hours=1)
    flat_fault = appeal("в одной квартире нет света, автомат выбивает, Лучистая 7", "electricity", hours=1)

    assert decided(no_power, no_water) is Decision.ALONE
    assert decided(flat_fault, power_cut_on_luchistaya()) is Decision.ALONE


def test_a_power_cut_and_a_water_cut_on_the_same_streets_are_two_problems() -> None:
    power_cut = incident_of(appeal("Нет света на Дружбы 3", "electricity"),
                            appeal("Свет пропал, Лучистая 8", "electricity", hours=1))
    water_cut = incident_of(appeal("Нет воды, насосная стоит, Дружбы 5", "water"),
                            appeal("Воды нет на Лучистой 2", "water", hours=1), number=2)
    water_first = appeal("Воды нет, свет хоть дали, а толку. Дружбы 7", "electricity", hours=2)
    power_first = appeal("Ни света, ни воды на Лучистой! Сколько ждать?", "water", hours=2)

    assert grouping_category("electricity", problem_words(water_first.text)) == "water"
    assert decide(new(water_first), [power_cut, water_cut], [], {}, {}, POLICY, T0).target == water_cut.id
    assert decide(new(power_first), [power_cut, water_cut], [], {}, {}, POLICY, T0).target == power_cut.id


def test_a_supply_given_back_is_not_what_the_resident_complains_of() -> None:
    power_cut = incident_of(appeal("Нет света на Дружбы 3", "electricity"),
                            appeal("Свет пропал, Лучистая 8", "electricity", hours=1))
    water_now = appeal("Свет дали, а воды теперь нет. Дружбы 9", "water", hours=2)

    assert complained_of(problem_words(water_now.text)) == "water"
    assert complained_of(problem_words("Свет не дали, воды нет")) == "power"
    assert decided(water_now, power_cut) is Decision.ALONE


def test_cold_radiators_and_no_hot_water_are_two_problems_unless_one_heat_point_lost_both() -> None:
    cold_radiators = incident_of(appeal("Батареи холодные, Лучистая 3", "heating"),
                                 appeal("Нет отопления на Лучистой 8", "heating", hours=1))
    no_hot_water = appeal("Нет горячей воды, Лучистая 10", "heating", hours=2)
    both = appeal("Нет отопл. и ГВС, Лучистая 12", "heating", hours=2)
    a_radiator_cold = appeal("Батареи ледяные, Лучистая 5", "heating", hours=3)

    assert decided(no_hot_water, cold_radiators) is Decision.ALONE
    assert decide(new(both), [cold_radiators], [], {}, {}, POLICY, T0).target == cold_radiators.id
    # Two such appeals start nothing together either.
    recent = decide(new(a_radiator_cold), [], [no_hot_water], {no_hot_water.id: no_hot_water.place_keys},
                    {no_hot_water.id: problem_words(no_hot_water.text)}, POLICY, T0)
    assert recent.decision is Decision.ALONE


def test_a_sewer_overflow_and_no_water_on_one_street_are_two_problems() -> None:
    overflow = incident_of(appeal("Канализация хлещет из люков, Лучистая 3", "water"),
                           appeal("Стоки по всей Лучистой, воняет", "water", hours=1))
    no_water = incident_of(appeal("Нет воды, Дружбы 3", "water"), appeal("Воды нет на Дружбы 8", "water", hours=1),
                           number=2)
    dry_tap = appeal("Нет воды, Лучистая 10", "water", hours=2)
    sewage = appeal("Из колодца течёт канализация, Дружбы 12", "water", hours=2)
    street_flooded = appeal("Затопило улицу, откачайте воду! Лучистая 5", "water", hours=2)

    assert decided(dry_tap, overflow) is Decision.ALONE
    assert decided(sewage, no_water) is Decision.ALONE
    assert decide(new(street_flooded), [overflow], [], {}, {}, POLICY, T0).target == overflow.id


# Round 15: on a street where the sewer overflows and the taps are dry, which a resident complains of.
@pytest.mark.parametrize(("text", "kind"), [
    ("Нет воды в доме, а во дворе канализация из колодца хлещет, Лучистая 3", "water"),
    ("Лучистая 8: ни воды, ни канализации, дайте воду", "water"),
    ("Без света ещё ладно, но воды нет уже весь день, Дружбы 2", "water"),
    ("Воды нет — ладно, переживём, но канализация из люков хлещет по Лучистой", "sewer"),
    ("Канализация хлещет из люков, вода по всей Лучистой", "sewer"),
])
def test_the_water_said_missing_is_the_tap_s_and_a_supply_said_bearable_is_not_the_complaint(
        text: str, kind: str) -> None:
    assert complained_of(problem_words(text)) == kind


def test_no_water_said_beside_the_sewer_joins_the_dry_taps_not_the_overflow() -> None:
    overflow = incident_of(appeal("Канализация хлещет из люков, Лучистая 3", "water"),
                           appeal("Стоки по всей Лучистой, воняет", "water", hours=1))
    dry_and_sewage = appeal("Воды нет, а из колодца во дворе ещё и канализация течёт, Лучистая 10", "water", hours=2)

    assert decided(dry_and_sewage, overflow) is Decision.ALONE


@pytest.mark.parametrize("text", ["Лучистая 7, подвал в нечистотах", "в подвале канализация стоит, Лучистая 12",
                                  "Дружбы 4: в подъезде воняет канализацией, УК не берёт трубку"])
def test_the_sewer_s_water_in_a_basement_or_an_entrance_is_the_network_s_backing_up(text: str) -> None:
    overflow = incident_of(appeal("Канализация хлещет из люков, Лучистая 3", "water"),
                           appeal("Стоки по всей Дружбы, воняет", "water", hours=1),
                           appeal("Из колодцев на Лучистой течёт канализация", "water", hours=1))
    backing_up = appeal(text, "water", hours=2)

    assert is_outage(problem_words(text))
    assert decide(new(backing_up), [overflow], [], {}, {}, POLICY, T0).target == overflow.id


@pytest.mark.parametrize("text", ["в подвале вода, Лучистая 7", "засор в стояке, канализация в подвале, Лучистая 7"])
def test_a_basement_s_water_or_a_blocked_riser_stays_the_house_s(text: str) -> None:
    assert not is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["На 1 этаже из ванны лезут стоки, Лучистая 9",
                                  "у нас на первом этаже унитаз переполнился, Дружбы 6",
                                  "Пишу с первого этажа: из раковины поднимается вода с канализацией. Лучистая 11"])
def test_the_ground_floor_s_drains_backing_up_are_the_sewer_s_overflow(text: str) -> None:
    overflow = incident_of(appeal("Канализация хлещет из люков, Лучистая 3", "water"),
                           appeal("Стоки по всей Дружбы, воняет", "water", hours=1),
                           appeal("Из колодцев на Лучистой течёт канализация", "water", hours=1))
    backing_up = appeal(text, "water", hours=2)

    assert is_outage(problem_words(text))
    assert complained_of(problem_words(text)) in ("sewer", None)
    assert decide(new(backing_up), [overflow], [], {}, {}, POLICY, T0).target == overflow.id


@pytest.mark.parametrize("text", ["Засор в стояке, на первом этаже унитаз не уходит, Лучистая 9",
                                  "Унитаз засорился только у нас, 1 этаж, Лучистая 9",
                                  "Унитаз течёт, Лучистая 9, кв 3"])
def test_a_riser_or_one_flat_s_drain_stays_the_house_s(text: str) -> None:
    assert not is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["канализацыя из люка на Лучистой бежит", "Дружбы, двор в нечистотах"])
def test_a_misspelt_or_plural_word_of_the_sewer_names_the_sewer_as_its_lexicon_word_does(text: str) -> None:
    no_water = incident_of(appeal("Нет воды, Лучистая 3", "water"), appeal("Воды нет на Дружбы 8", "water", hours=1),
                           appeal("без воды сидим, Лучистая 12", "water", hours=1))

    assert complained_of(problem_words(text)) == "sewer"
    assert decide(new(appeal(text, "water", hours=2)), [no_water], [], {}, {}, POLICY, T0).decision is (
        Decision.ALONE)


def test_without_power_only_at_ours_or_a_burnt_meter_is_one_dwelling() -> None:
    assert not is_outage(problem_words("Сгорел счётчик в квартире, пахнет гарью, без света только мы"))
    assert not is_outage(problem_words("Без света только мы, у соседей горит"))


# Issue 17, the seventh development storm's residents (round 7): questions about a supply, a fault found not to be
# the resident's own, a supply missing filed by another word, residents' words for power and for freezing.
@pytest.mark.parametrize("text", ["тепло??? ул. Лучистая", "Что с отоплением по Луговому?", "вода где?",
                                  "ребят у кого по ул. Дружбы вода есть?",
                                  "Скажите хоть что-нибудь про воду! Сегодня будет?",
                                  "кто-нибудь в курсе что с отоплением на Дружбы?"])
def test_a_question_about_a_supply_and_nothing_else_asks_for_it(text: str) -> None:
    places = read_places(text, GAZETTEER)

    assert is_outage(problem_words(text, places.name_stems))


@pytest.mark.parametrize("text", ["Горячая вода", "Кто отвечает за отопление на Дружбы?",
                                  "почему вода ржавая? Лучистая 3"])
def test_a_supply_named_beside_other_words_or_without_asking_is_not_asked_for(text: str) -> None:
    places = read_places(text, GAZETTEER)

    assert not is_outage(problem_words(text, places.name_stems))


def test_a_district_s_outage_takes_a_question_about_its_supply_there() -> None:
    asked = appeal("Что со светом по Луговому?", "electricity", hours=1)
    elsewhere = appeal("Что со светом в Центре?", "electricity", hours=1)

    assert decided(asked, power_cut_on_luchistaya()) is Decision.JOIN
    assert decided(elsewhere, power_cut_on_luchistaya()) is Decision.ALONE


@pytest.mark.parametrize("text", [
    "Лучистая д.11 пропал свет. Щиток в подъезде смотрели — у нас всё нормально, значит на линии",
    "Дружбы д. 8 нет воды. В подвале сухо, ничего не течёт, значит авария не у нас",
    "Лучистая 5к3 батареи холодные. Воздух спускали — не помогает, стояк тоже холодный, значит не у нас"])
def test_a_fault_the_resident_found_is_not_theirs_is_an_outage_whatever_they_checked(text: str) -> None:
    assert is_outage(problem_words(text))


def test_a_fault_in_the_resident_s_own_panel_or_riser_stays_one_dwelling_s() -> None:
    assert not is_outage(problem_words("Лучистая д.11 пропал свет, щиток в подъезде искрит"))
    assert not is_outage(problem_words("Лучистая 5к3 батареи холодные, стояк холодный, воздух спускали"))


def an_outage_of(category: str, supply: str) -> Incident:
    return incident_of(appeal(f"Нет {supply}, Лучистая 3", category),
                       appeal(f"{supply.capitalize()} нет на Дружбы 8", category, hours=1),
                       appeal(f"нет {supply} с утра, Лучистая 10", category, hours=1))


@pytest.mark.parametrize(("text", "category", "supply"), [
    ("Лучистая 7: с вечера нет отопления, в подъезде на стенах изморозь", "heating", "отопления"),
    ("Дружбы 3 — электричество пропало, в подъезде хоть глаз выколи, домофон молчит", "electricity", "света")])
def test_an_entrance_beside_any_supply_said_missing_is_where_the_outage_is_felt(text: str, category: str,
                                                                                  supply: str) -> None:
    made = appeal(text, category, hours=2)

    assert is_outage(problem_words(text))
    assert decided(made, an_outage_of(category, supply)) is Decision.JOIN


def test_an_entrance_s_own_lamp_stays_the_entrance_s() -> None:
    assert not is_outage(problem_words("В подъезде не горит свет на третьем этаже, Лучистая 9"))


def test_a_missing_supply_filed_by_another_word_of_its_text_is_the_utility_s() -> None:
    dry_taps = problem_words("краны сухие по ул. Дружбы, хоть снег топи", ("дружб",))

    assert grouping_category("snow", dry_taps) == "water"
    assert grouping_category("snow", problem_words("снег не убран, во дворе не пройти, Дружбы 3")) == "snow"
    assert grouping_category("schools", problem_words("в школе засор канализации в туалете")) == "schools"


@pytest.mark.parametrize("text", ["тока нет на улице Лучистой", "сидим дома в куртках, в Луговом",
                                  "кран открываешь — а там ничего", "из крана только шипит",
                                  "у кого свет есть? у нас на Ленина ничего"])
def test_residents_words_for_no_power_no_water_and_freezing_read_as_an_outage(text: str) -> None:
    words = problem_words(text)

    assert is_outage(words)
    assert grouping_category(None, words) in {"electricity", "water", "heating"}


def test_nothing_done_is_no_supply_missing() -> None:
    assert not is_outage(problem_words("свет есть, а управляющая ничего не делает"))


def test_a_supply_the_domain_has_no_category_for_is_its_own_problem() -> None:
    """Gas: the classifier files it by another word of its text (a boiler: heating; a pipe: water); it never joins the
    water's or the heating's outage on the same streets, nor the town's only one."""
    no_hot_water = incident_of(appeal("Нет горячей воды, Лучистая 3", "heating"),
                               appeal("Горячей воды нет на Дружбы 8", "heating", hours=1),
                               appeal("ГВС нет, Лучистая 10", "heating", hours=1))
    burst_main = incident_of(appeal("Прорыв трубы, нет воды, Лучистая 3", "water"),
                             appeal("Нет воды на Лучистой 8", "water", hours=1),
                             appeal("воды нет, Дружбы 5, трубу прорвало", "water", hours=1), number=2)
    boilers_out = appeal("С 7 утра нет газа. Лучистая, котлы газовые стоят — дома уже холодает", "heating", hours=2)
    pipe_shut = appeal("Газовщики перекрыли трубу, теперь все без газа", "water", hours=2)

    assert complained_of(problem_words(boilers_out.text)) == "gas"
    assert decided(boilers_out, no_hot_water, burst_main) is Decision.ALONE
    assert the_towns_only_outage(new(pipe_shut), [burst_main], POLICY).decision is Decision.ALONE
    # ...and a water outage does not join what gas's residents started.
    gas_cut = incident_of(appeal("Газа нет, Лучистая 3", "management_company"),
                          appeal("нет газа на Лучистой 8", "management_company", hours=1), number=3)
    dry_tap = appeal("Нет воды и газа, Лучистая 10", "water", hours=2)
    assert decided(dry_tap, gas_cut) is Decision.ALONE


def test_a_gas_appliance_stopped_with_the_power_is_the_power_cut_s() -> None:
    """A gas boiler's pump and ignition run on the power: "газовая колонка погасла, электричества нет" complains of
    the power; the gas itself said missing, or the power said present, is still the gas."""
    power_cut = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                            appeal("Электричества нет на Дружбы 8", "electricity", hours=1),
                            appeal("свет отключили, Лучистая 10", "electricity", hours=1))
    boiler = appeal("Газовая колонка погасла, электричества нет уже час. Лучистая 12", "electricity", hours=2)

    assert complained_of(problem_words(boiler.text)) == "power"
    assert decided(boiler, power_cut) is Decision.JOIN
    assert complained_of(problem_words("Газа нет, газовый котёл потух, свет есть")) == "gas"
    assert complained_of(problem_words("Газовые плиты не горят, а свет отключили ещё вчера")) == "gas"


@pytest.mark.parametrize("text", ["В доме воды нет: скважина без электричества не качает. Дружбы 4",
                                  "Батареи остыли: котёл у нас электрический, а электроэнергии нет. Лучистая 12",
                                  "Воды нет уже два часа, насос стоит. Света тоже нет, Дружбы 6"])
def test_water_or_heat_a_house_s_pump_or_electric_boiler_gives_is_the_power_cut_s(text: str) -> None:
    """A house's pump, well or electric boiler runs on the power: with the power named beside it, the water or the
    heat it gave stopped for want of it, and the appeal joins the power cut; a pumping station is the water's own
    plant, and the power said present is not complained of."""
    power_cut = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                            appeal("Электричества нет на Дружбы 8", "electricity", hours=1),
                            appeal("свет отключили, Лучистая 10", "electricity", hours=1))
    house = appeal(text, "water", hours=2)

    assert complained_of(problem_words(text)) == "power"
    assert decided(house, power_cut) is Decision.JOIN
    assert complained_of(problem_words("Воды нет, насосная станция встала, а свет на улице горит")) == "water"
    assert complained_of(problem_words("Воды нет, насос на станции сломался, свет дали ещё утром")) == "water"


def test_the_heat_and_the_water_gone_with_the_power_at_once_are_the_power_cut_s() -> None:
    """A house whose heat and water are gone with its power at once lost what both need: the power; the heating and
    the hot water are one heat point's, named before the power they stay its complaint."""
    power_cut = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                            appeal("Электричества нет на Дружбы 8", "electricity", hours=1),
                            appeal("свет отключили, Лучистая 10", "electricity", hours=1))
    everything = undecided("Отопления нет, вода не идёт, электричества тоже нет! Дружбы 12", "electricity",
                           hours=2)

    assert complained_of(problem_words(everything.text)) == "power"
    assert decided(everything, power_cut) is Decision.JOIN
    assert complained_of(problem_words("Нет отопления и горячей воды, и свет ещё отключили")) == "heat"


@pytest.mark.parametrize("text", ["Поменяли смеситель, теперь горячая идёт тонкой струйкой. Лучистая 3",
                                  "кран горячей воды сорвало, перекрыли вентиль в квартире, теперь без горячей"])
def test_a_dwelling_s_own_mixer_or_valve_is_no_outage(text: str) -> None:
    assert not is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["Поменяли смеситель, теперь горячая идёт тонкой струйкой",
                                  "кран горячей воды сорвало", "горячая еле течёт"])
def test_hot_water_named_by_its_adjective_alone_is_hot_water(text: str) -> None:
    words = problem_words(text)

    assert water_side(words) == HOT_WATER
    assert complained_of(words) == "hot"


def test_a_hot_meal_is_not_hot_water() -> None:
    assert water_side(problem_words("Без газа, дети голодные, пенсионеры без горячей еды")) is None


def test_hot_water_from_a_heat_point_and_cold_water_from_a_main_are_two_problems() -> None:
    burst_main = incident_of(appeal("Нет холодной воды, Лучистая 3, трубу прорвало", "water"),
                             appeal("ХВС нет на Дружбы 8", "water", hours=1),
                             appeal("холодной воды нет, Лучистая 10", "water", hours=1))
    hot_trickle = appeal("горячая еле течёт, Лучистая 5", "heating", hours=2)

    assert decided(hot_trickle, burst_main) is Decision.ALONE


def test_water_standing_in_a_pothole_is_the_road_s_not_a_flood() -> None:
    burst_main = incident_of(appeal("Прорыв трубы, затопило улицу, нет воды, Лучистая 3", "water"),
                             appeal("Лучистую затопило, вода по дороге", "water", hours=1),
                             appeal("воды нет, Дружбы 5", "water", hours=1))
    pothole = appeal("Яма на дороге вся в воде, глубины не видно, колесо пробил. Дружбы 1", "roads", hours=2)

    assert not is_outage(problem_words(pothole.text))
    assert decided(pothole, burst_main) is Decision.ALONE


def test_a_street_the_water_floods_is_the_flood_s_not_the_heating_s() -> None:
    """"топит" of a street or a yard floods it; of the radiators, "не топят", it heats."""
    flooded = problem_words("Лучистую топит!!! вода бежит рекой по дороге")

    assert complained_of(flooded) == "flood"
    assert grouping_category("water", flooded) == "water"
    assert complained_of(problem_words("батареи не топят, Лучистая 3")) == "heat"


@pytest.mark.parametrize("text", ["Вода бьёт фонтаном 47.03814 142.72432", "из земли бьёт вода, уже 2 часа",
                                  "на Лучистой гейзер, вода фонтаном метра на два",
                                  "вода течёт по лучистой ручьём, у колонки уже целое озеро",
                                  "Прорыв на Лучистой — дорогу размыло, машины плывут"])
def test_water_spouting_from_the_ground_or_running_down_the_street_is_a_burst_main_s_flood(text: str) -> None:
    words = problem_words(text)

    assert is_outage(words)
    assert grouping_category("roads", words) == "water"


@pytest.mark.parametrize("text", ["Наледь на тротуаре по Лучистой после прорыва, люди падают",
                                  "на Дружбы после прорыва трубы дорога стеклом, машины буксуют",
                                  "Автобус не может проехать: водовод прорвало, всё замёрзло. Лучистая"])
def test_ice_a_burst_main_left_on_the_road_is_the_water_network_s_outage(text: str) -> None:
    """A water main's burst named beside what it left on the road (ice, a frozen flood), filed to the roads, the snow
    or the buses: the water network's failure, which joins the burst main's outage; not the heat network's burst,
    nor a gust of wind."""
    burst_main = incident_of(appeal("Прорыв трубы, нет воды, Лучистая 3", "water"),
                             appeal("Нет воды на Дружбы 8", "water", hours=1),
                             appeal("воды нет, Лучистая 10, трубу прорвало", "water", hours=1))
    ice = appeal(text, "snow", hours=2)

    assert grouping_category("roads", problem_words(text)) == "water"
    assert decided(ice, burst_main) is Decision.JOIN
    assert grouping_category("roads", problem_words("Прорыв теплотрассы, на Лучистой дорога вся во льду")) != "water"
    assert grouping_category("roads", problem_words("Порывом ветра повалило дерево на дорогу, Лучистая")) == "roads"


@pytest.mark.parametrize("text", ["Затопило всю улицу, Лучистая — к магазину не подойти",
                                  "улица Дружбы в воде по щиколотку, дети в садик не дойдут"])
def test_the_street_itself_said_to_be_under_water_is_a_flood_outdoors(text: str) -> None:
    """"улица затоплена", "затопило всю улицу": the street under water is a flood outdoors, the water network's,
    whatever the classifier filed it by (a shop, a kindergarten); a flat flooded by its neighbours is not."""
    burst_main = incident_of(appeal("Прорыв трубы, нет воды, Лучистая 3", "water"),
                             appeal("Нет воды на Дружбы 8", "water", hours=1),
                             appeal("воды нет, Лучистая 10, трубу прорвало", "water", hours=1))
    flooded = appeal(text, "schools", hours=2)

    assert grouping_category("schools", problem_words(text)) == "water"
    assert decided(flooded, burst_main) is Decision.JOIN
    assert not is_outage(problem_words("Затопили соседи сверху, вода по стене в квартире на улице Дружбы"))


def test_people_freezing_at_home_are_the_heating_s_loss_whatever_else_their_words_name() -> None:
    """"мёрзнем, дети делают уроки в варежках": freezing at home is the heating's loss though the words name a
    school's lessons; an undecided one naming no place joins the town's only heating outage."""
    no_heating = incident_of(appeal("Нет отопления, дома мёрзнем, Лучистая 3", "heating"),
                             appeal("батареи ледяные, дети мёрзнут, Дружбы 8", "heating", hours=1),
                             appeal("отопления нет с ночи, Лучистая 10", "heating", hours=1))
    freezing = undecided("дома мёрзнем!! дети делают уроки в варежках", "schools", hours=2)

    assert grouping_category("schools", problem_words(freezing.text)) == "heating"
    assert the_towns_only_outage(new(freezing), [no_heating], POLICY).target == no_heating.id
    assert grouping_category("schools", problem_words("дети делают уроки, в школе ремонт")) == "schools"


@pytest.mark.parametrize("text", ["Где ГВС на Лучистой???", "Горячее водоснабжение на Лучистой — когда?"])
def test_hot_water_asked_for_by_an_undecided_appeal_is_the_heating_s_outage(text: str) -> None:
    words = problem_words(text, ("лучист",))

    assert is_outage(words)
    assert grouping_category(None, words) == "heating"


def test_an_empty_tap_is_a_supply_missing() -> None:
    assert is_outage(problem_words("а в кране пусто"))


# Issue 17, round 9: what residents say of one dwelling keeps it apart from the outage of the same supply on its
# street (the ninth and tenth development storms' single dwellings).
@pytest.mark.parametrize("text", [
    "В спальне батарея холодная, у всех в подъезде горячие. Лучистая 3",
    "Горячую всем дали, а у меня нет, Лучистая 5",
    "Нет света только в нашей квартире, Лучистая 4",
    "Только наша квартира обесточена, Дружбы 2",
    "Воды нет, а соседи на площадке с водой. Лучистая 7",
    "Во всём доме нет света, в соседних домах горит. Дружбы 6",
    "у нас еле течёт, у соседей напор норм",
    "Горячая вода еле тёплая только у меня, в соседней квартире нормальная",
    "Холодной воды нет у меня одной, Лучистая 9",
])
def test_the_neighbours_or_the_rest_having_the_supply_make_it_one_dwelling_s_whatever_words_of_many(text: str) -> None:
    assert not is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["горячую отключили? или только у нас? Лучистая 9",
                                  "у соседей тоже нет света, Лучистая 2", "Пропало электричество у всех на Лучистой"])
def test_asking_whether_it_is_only_ours_or_saying_all_lost_it_is_still_an_outage(text: str) -> None:
    assert is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["батарея холодная, Лучистая 3", "Радиатор на кухне не греет",
                                  "сгорела розетка, света нет", "Кран Маевского не помогает, батареи холодные",
                                  "Стравливали воздух, без толку, батареи не греют"])
def test_one_fitting_of_a_dwelling_or_its_radiator_s_air_is_no_outage(text: str) -> None:
    assert not is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["батареи холодные, Лучистая 3", "Розетки мёртвые, свет не включается",
                                  "ни одна розетка не работает, света нет во всём доме"])
def test_fittings_in_the_plural_say_the_supply_is_missing(text: str) -> None:
    assert is_outage(problem_words(text))


@pytest.mark.parametrize("text", ["После ремонта в квартире нет воды, Лучистая 3",
                                  "После замены радиатора отопление не греет",
                                  "Вызывали сантехника, теперь вода не идёт совсем",
                                  "Сантехник перекрыл отопление на квартиру и ушёл, батареи холодные",
                                  "Электрик УК отключил нашу квартиру, света нет",
                                  "Провод к квартире оплавился, нет света"])
def test_work_done_on_a_dwelling_or_a_tradesman_called_to_it_is_no_outage(text: str) -> None:
    assert not is_outage(problem_words(text))


def test_a_dwelling_whose_neighbours_have_the_supply_does_not_join_the_outage_even_at_a_member_s_house() -> None:
    cut = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                      appeal("Нет света на Лучистой 8", "electricity", hours=1))
    alone = appeal("У меня света нет, у всех на улице уже дали. Лучистая 3", "electricity", hours=2)
    neighbour = appeal("Света нет, Лучистая 3, кв. 5", "electricity", hours=2)

    assert decide(new(alone), [cut], [], {}, {}, POLICY, alone.received_at).decision is Decision.ALONE
    assert decide(new(neighbour), [cut], [], {}, {}, POLICY, neighbour.received_at).target == cut.id


@pytest.mark.parametrize("text", ["Холодной воды нет ни у кого в подъезде, Лучистая 5",
                                  "Нет воды вообще, Лучистая 46. Ни на кухне, ни в ванной",
                                  "между Лучистой и Дружбы воды нет ни в одном доме",
                                  "Подвезите воду на Лучистую, хотя бы бочку", "Из крана только воздух идёт, Дружбы 10",
                                  "ХВС 0. Лучистая 13"])
def test_nobody_nowhere_an_empty_tap_or_water_asked_to_be_brought_say_the_supply_is_missing(text: str) -> None:
    assert is_outage(problem_words(text))


def test_surges_said_of_many_are_the_network_s_failure_and_of_one_house_its_own() -> None:
    assert is_outage(problem_words("на Лучистой свет моргает, у всех соседей то же самое"))
    assert is_outage(problem_words("Лампочки моргают, по Лучистой у всех так"))
    assert not is_outage(problem_words("Скачет напряжение, моргают лампы, ул. Лучистая, 44"))
    assert not is_outage(problem_words("Фонарь мигает всю ночь, ул. Лучистая, д6"))


def test_surges_said_of_a_street_join_its_power_cut_and_one_house_s_flicker_does_not() -> None:
    cut = incident_of(appeal("Нет света на Лучистой", "electricity"),
                      appeal("свет отключили, Дружбы 8", "electricity", hours=1),
                      appeal("нет света, Лучистая 12", "electricity", hours=1))
    street = appeal("На Лучистой скачет напряжение", "electricity", hours=2)
    flicker = appeal("Что с напряжением на Дружбы?? холодильник то включается то выключается", "electricity",
                     hours=2)
    house = appeal("Скачет напряжение, моргают лампы, Дружбы 44", "electricity", hours=2)

    assert decide(new(street), [cut], [], {}, {}, POLICY, street.received_at).target == cut.id
    assert decide(new(flicker), [cut], [], {}, {}, POLICY, flicker.received_at).target == cut.id
    assert decide(new(house), [cut], [], {}, {}, POLICY, house.received_at).decision is Decision.ALONE


def test_a_light_that_shimmers_on_a_street_is_a_surge_of_its_power_cut() -> None:
    cut = incident_of(appeal("Нет света на Лучистой", "electricity"),
                      appeal("свет отключили, Дружбы 8", "electricity", hours=1),
                      appeal("нет света, Лучистая 12", "electricity", hours=1))
    street = appeal("Свет мерцает на Дружбы, что происходит", "electricity", hours=2)

    assert says_an_outage(problem_words(street.text), street.place_keys)
    assert decide(new(street), [cut], [], {}, {}, POLICY, street.received_at).target == cut.id


def test_a_substation_or_a_sewage_pumping_station_by_its_initials_is_the_network_s_plant() -> None:
    substation = problem_words("КТП у школы сгорела, Дружбы 4")
    pumping_station = problem_words("КНС опять встала, из люков на Лучистой течёт")

    assert is_outage(substation)
    assert grouping_category(None, substation) == "electricity"
    assert is_outage(pumping_station)
    assert complained_of(pumping_station) == "sewer"


def test_asking_how_long_to_wait_for_a_supply_says_it_is_missing() -> None:
    assert is_outage(problem_words("Где горячая вода? Сколько ждать?"))


def test_a_whole_quarter_s_darkness_filed_under_the_roads_is_the_power_cut_s() -> None:
    dark = undecided("Темно во всём квартале между Лучистой и Дружбы, светофоры тоже не работают", "roads")
    lamp = undecided("Светофор не работает на Лучистой", "roads")

    assert new(dark).category == "electricity"
    assert "@electricity" in new(dark).words
    assert new(lamp).category == "roads"


def test_a_street_s_flood_in_words_the_lexicon_gives_no_topic_names_the_water_network() -> None:
    geyser = new(undecided("На Лучистой гейзер из-под асфальта", "other"))

    assert geyser.category == "water"
    assert "@water" in geyser.words


def test_silence_from_the_tap_says_the_water_is_missing() -> None:
    assert is_outage(problem_words("А что с водой на Лучистой? открываю кран — тишина"))


def test_cold_water_that_does_not_run_beside_hot_water_that_still_does_is_the_cold_water() -> None:
    assert water_side(problem_words("Холодная не идёт совсем, только горячая бежит, Лучистая 31")) == COLD_WATER


def test_a_dwelling_s_own_fitting_does_not_join_an_outage_even_at_a_member_s_house() -> None:
    burst = incident_of(appeal("Прорыв трубы, в кране пусто, ул. Лучистая 3", "water"),
                        appeal("Нет воды на Лучистой 8", "water", hours=1))
    dripping_tap = appeal("У меня в квартире кран на кухне течёт, капает не переставая. ул. Лучистая 3", "water",
                          hours=2)

    assert decided(dripping_tap, burst) is Decision.ALONE


def cold_and_hot_water_on_one_street() -> tuple[Incident, Incident]:
    burst_main = incident_of(appeal("Прорвало трубу, нет холодной воды, Лучистая 3", "water"),
                             appeal("Нет холодной воды, Лучистая 5", "water"),
                             appeal("ХВС нет, Дружбы 2", "water"), number=1)
    heat_point = incident_of(appeal("Нет горячей воды, Лучистая 7", "water"),
                             appeal("горячей воды нет, Лучистая 9", "water"),
                             appeal("Нет горячей воды на Дружбы 4", "water"), number=2)
    return burst_main, heat_point


def test_water_said_without_hot_on_a_street_two_water_outages_share_is_the_water_network_s() -> None:
    burst_main, heat_point = cold_and_hot_water_on_one_street()
    without_water = appeal("на Лучистой 11 без воды", "water", hours=1)
    icy_from_the_hot_tap = appeal("Лучистая 12: кран с горячей открываешь, а там ледяная", "water", hours=1)

    dirty_back = appeal("Вода появилась, но ржавая, коричневая. Лучистая 11", "water", hours=1)

    for incidents in ([burst_main, heat_point], [heat_point, burst_main]):
        assert decide(new(without_water), incidents, [], {}, {}, POLICY, T0).target == burst_main.id
        assert decide(new(dirty_back), incidents, [], {}, {}, POLICY, T0).target == burst_main.id
        assert decide(new(icy_from_the_hot_tap), incidents, [], {}, {}, POLICY, T0).target == heat_point.id


def test_an_appeal_that_fits_two_outages_of_different_areas_equally_joins_neither() -> None:
    lamps_street = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                               appeal("Свет отключили, Лучистая 5", "electricity"), number=1)
    cable_cut = incident_of(appeal("Нет света на Дружбы 2, кабель порвали", "electricity"),
                            appeal("свет отключили на Дружбы 6", "electricity"), number=2)
    district_only = appeal("нет света в Луговом", "electricity", hours=1)
    on_a_street = appeal("нет света, Дружбы 10", "electricity", hours=1)

    alone_before = appeal("свет пропал в Луговом", "electricity", hours=0.5)

    assert decide(new(district_only), [lamps_street, cable_cut], [alone_before],
                  {alone_before.id: alone_before.place_keys}, {alone_before.id: problem_words(alone_before.text)},
                  POLICY, district_only.received_at).decision is Decision.ALONE, "nor starts a third beside them"
    assert decide(new(on_a_street), [lamps_street, cable_cut], [], {}, {}, POLICY, T0).target == cable_cut.id


def test_an_appeal_far_from_every_located_member_does_not_join_by_the_district_alone() -> None:
    located = Location(latitude=46.96, longitude=142.73)
    power_cut = incident_of(appeal("Нет света на Лучистой 3", "electricity", location=located),
                            appeal("Свет отключили, Лучистая 5", "electricity", location=located))
    far = appeal("нет света, Дружбы 10", "electricity", hours=1, location=Location(latitude=46.93, longitude=142.73))
    near = appeal("нет света, Дружбы 10", "electricity", hours=1, location=Location(latitude=46.961, longitude=142.73))

    assert decided(far, power_cut) is Decision.ALONE
    assert decide(new(near), [power_cut], [], {}, {}, POLICY, T0).target == power_cut.id


def test_hot_water_filed_under_the_heating_joins_a_hot_water_outage_filed_under_the_water() -> None:
    _, heat_point = cold_and_hot_water_on_one_street()  # its first appeal read as the water's: filed under water
    no_hot = appeal("горячей нет, Лучистая 15", "heating", hours=1)
    cold_radiators = appeal("батареи холодные, Лучистая 15", "heating", hours=1)

    assert heat_point.category == "water"
    assert decide(new(no_hot), [heat_point], [], {}, {}, POLICY, T0).target == heat_point.id
    assert decided(cold_radiators, heat_point) is Decision.ALONE


def test_cold_water_filed_under_the_heating_joins_a_cold_water_outage() -> None:
    burst_main, heat_point = cold_and_hot_water_on_one_street()
    no_cold = appeal("Горячая есть, холодной нет, Лучистая 20", "heating", hours=1)

    assert water_side(problem_words(no_cold.text)) == COLD_WATER
    assert decide(new(no_cold), [burst_main, heat_point], [], {}, {}, POLICY, T0).target == burst_main.id


@pytest.mark.parametrize("text", ["с Лучистой пишу, холодная не идёт совсем", "холодной нет, Лучистая 23, кв 34",
                                  "х/в нет, Лучистая 4"])
def test_cold_water_said_missing_without_the_word_water_is_the_water_network_s_outage(text: str) -> None:
    cold = new(undecided(text, "other"))

    assert cold.category == "water"
    assert is_outage(cold.words)
    assert water_side(cold.words) == COLD_WATER


def test_hot_water_written_as_g_slash_v_is_hot_water() -> None:
    assert water_side(problem_words("г/в нет, Лучистой 33/3")) == HOT_WATER
    assert is_outage(problem_words("г/в нет, Лучистой 33/3"))


def test_all_the_houses_without_hot_water_is_an_outage_not_the_rest_having_it() -> None:
    assert is_outage(problem_words("возле школы на Лучистой во всех домах горячей воды нет"))
    assert not is_outage(problem_words("у всех горячая идёт, а у нас нет, Лучистая 3"))


@pytest.mark.parametrize("text", ["Два часа сливала воду, горячая так и не пошла. Лучистая дом 15",
                                  "кран открываю а там только хрип. Лучистая", "горячая вода? кто знает",
                                  "Водоканал, когда почините трубу в центре?", "тепловой пункт когда починят?"])
def test_a_supply_that_did_not_come_a_wheezing_tap_a_supply_asked_about_or_the_network_s_repair_say_an_outage(
        text: str) -> None:
    assert is_outage(problem_words(text))


def test_a_dwelling_s_own_pipe_to_repair_is_no_outage() -> None:
    assert not is_outage(problem_words("когда почините трубу в подвале, течёт стояк, Лучистая 3"))


def test_hot_water_filed_outside_the_utilities_is_the_heating_s() -> None:
    assert new(undecided("г/в нет, Лучистой 33/3 🤬", "other")).category == "heating"


def test_surges_written_as_skachki_or_a_light_that_jerks_are_surges() -> None:
    assert is_outage(problem_words("Скачки напряжения на Лучистой, у соседей сгорел телевизор"))
    jerks = new(appeal("Луговое, свет дёргается с утра, позвонили в сети — молчат", "electricity"))
    assert says_an_outage(jerks.words, jerks.place_keys)


def test_a_cold_towel_rail_beside_the_hot_tap_running_cold_is_the_hot_water_s_outage() -> None:
    assert is_outage(problem_words("на Лучистой из горячего крана холодная течёт, полотенцесушитель ледяной"))
    assert is_outage(problem_words("полотенцесушитель холодный и из крана гвс ледяная, ул Лучистая д 8"))
    assert not is_outage(problem_words("полотенцесушитель не греет, ул. Лучистая д5"))


def test_where_the_supply_is_asked_says_it_is_missing_and_surges_name_the_power() -> None:
    assert is_outage(problem_words("Ну и где вода? Третий час сидим, даже в туалет не сходить. Позор городу!"))
    after_surges = new(undecided("после скачков всё вырубилось. Лучистая", "other"))
    assert after_surges.category == "electricity"
    assert is_outage(after_surges.words)
    assert is_outage(problem_words("после скачков всё потухло. Лучистая"))


def test_surges_in_the_houses_in_the_plural_are_the_network_s() -> None:
    assert is_outage(problem_words("у магазина «Светлана» фонари и свет в домах моргают"))
    assert not is_outage(problem_words("у нас в доме свет мигает, что происходит?"))


@pytest.mark.parametrize("text", ["греем воду в кастрюлях как в 90-е. Лучистая, 43",
                                  "Кипятим чайниками, чтобы помыться, ул. Лучистая. Сколько ещё так?",
                                  "у нас только холодная идёт. Луговое",
                                  "вода есть, но только холодная. Лучистая 4",
                                  "из крана только холодная, Лучистая 9"])
def test_water_heated_at_home_or_only_the_cold_running_says_the_hot_water_is_missing(text: str) -> None:
    heated = new(undecided(text, "other"))

    assert water_side(heated.words) == HOT_WATER
    assert is_outage(heated.words)
    assert heated.category == "heating"


def test_only_the_cold_missing_is_not_the_hot_water_s() -> None:
    assert water_side(problem_words("только холодной нет, Лучистая 4")) == COLD_WATER


def test_an_appeal_fitting_two_outages_equally_joins_the_one_on_the_street_it_names() -> None:
    """Its street one's, the other's members only near its coordinates: where the resident says it is."""
    station = Location(latitude=46.98, longitude=142.74)
    lamps_street = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                               appeal("Свет отключили, Лучистая 5", "electricity"), number=1)
    cable_cut = incident_of(appeal("Нет света на Дружбы 2, кабель порвали", "electricity", location=station),
                            appeal("свет отключили на Дружбы 6", "electricity", location=station), number=2)
    on_lamps_street = appeal("нет света, Лучистая 10", "electricity", hours=1,
                             location=Location(latitude=46.981, longitude=142.741))

    for incidents in ([lamps_street, cable_cut], [cable_cut, lamps_street]):
        match = decide(new(on_lamps_street), incidents, [], {}, {}, POLICY, T0)
        assert (match.decision, match.target) == (Decision.JOIN, lamps_street.id)


def test_a_supply_said_to_be_there_is_not_what_the_appeal_complains_of() -> None:
    assert complained_of(problem_words("Горячая есть, холодной нет, Лучистая 4")) == "water"
    assert complained_of(problem_words("Свет есть, а воды нет, Лучистая 4")) == "water"
    assert complained_of(problem_words("Горячей нет, Лучистая 4")) == "hot"


def test_a_mixer_giving_only_boiling_water_beside_the_cold_said_missing_is_the_cold_water_s_outage() -> None:
    words = problem_words("Горячая есть, холодной нет, смеситель только кипяток даёт. Лучистая 4")

    assert water_side(words) == COLD_WATER
    assert is_outage(words)
    assert not is_outage(problem_words("Смеситель в ванной сломался, вода льёт, Лучистая 5"))


def test_an_undecided_appeal_naming_hot_water_joins_the_hot_water_outage_filed_under_the_water_network() -> None:
    heat_point = incident_of(appeal("Нет горячей воды, Лучистая 7", "water"),
                             appeal("горячей воды нет, Лучистая 9", "water"),
                             appeal("Нет горячей воды на Дружбы 4", "water"), number=2)
    asked = undecided("горячую отключили на Лучистой?", "heating", hours=1)

    assert new(asked).category == "heating"
    match = decide(new(asked), [heat_point], [], {}, {}, POLICY, T0)
    assert (match.decision, match.target) == (Decision.JOIN, heat_point.id)
    assert decide(new(undecided("батареи холодные на Лучистой", "heating", hours=1)), [heat_point], [], {}, {},
                  POLICY, T0).decision is Decision.ALONE


def test_the_water_said_to_be_back_dirty_is_the_network_s_outage_and_dirty_water_alone_a_house_s() -> None:
    assert is_outage(problem_words("Вода появилась, но ржавая, коричневая как чай. Лучистая 9"))
    assert is_outage(problem_words("дали воду, а она рыжая, Лучистая 2"))
    assert is_outage(problem_words("Вода пошла мутная, с песком, фильтр забился. Лучистая 12"))
    assert not is_outage(problem_words("Из крана ржавая вода, Лучистая 9"))


def test_an_appeal_without_a_place_beside_a_burst_main_and_a_hot_water_outage_joins_the_water_it_names() -> None:
    """Water without "hot", or a street's flood, is the water network's; hot water the heat point's; a word of
    neither joins neither."""
    burst_main = incident_of(appeal("Прорвало трубу, воды нет, Лучистая 3", "water"),
                             appeal("Воды нет, порыв, Дружбы 5", "water"),
                             appeal("из асфальта бьёт фонтан, воды нет, Дружбы 9", "water"), number=1)
    heat_point = incident_of(appeal("Нет горячей воды, Лучистая 7", "water"),
                             appeal("горячей воды нет, Лучистая 9", "water"),
                             appeal("Нет горячей воды на Дружбы 4", "water"), number=2)
    no_water = appeal("у нас воды нету", "water", hours=1)
    fountain = appeal("Возле школы из асфальта бьёт фонтан, в домах вокруг вода пропала", "roads", hours=1)
    no_hot = appeal("у нас нет горячей воды", "water", hours=1)
    runs_icy = appeal("воды нет. из крана течёт, но ледяная", "water", hours=1)

    for outages in ([burst_main, heat_point], [heat_point, burst_main]):
        assert the_towns_only_outage(new(no_water), outages, POLICY).target == burst_main.id
        assert the_towns_only_outage(new(fountain), outages, POLICY).target == burst_main.id
        assert the_towns_only_outage(new(no_hot), outages, POLICY).target == heat_point.id
        assert the_towns_only_outage(new(runs_icy), outages, POLICY).target == heat_point.id


def test_the_network_s_plant_named_beside_a_dwelling_s_rooms_is_the_network_s_failure() -> None:
    assert is_outage(problem_words("Я на Лучистой 30, пропала вода в кране, в подъезде сказали порыв магистрали"))
    assert not is_outage(problem_words("Прорвало трубу под раковиной, соседей снизу заливаем"))


def test_sitting_by_candles_is_the_power_missing() -> None:
    words = problem_words("Сидим при свечках на Лучистой")

    assert is_outage(words)
    assert complained_of(words) == "power"
    assert grouping_category(None, words) == "electricity"


def test_hot_water_with_no_place_joins_the_town_s_only_hot_water_outage_filed_under_the_water_network() -> None:
    heat_point = incident_of(appeal("Нет горячей воды, Лучистая 7", "water"),
                             appeal("горячей воды нет, Лучистая 9", "water"),
                             appeal("Нет горячей воды на Дружбы 4", "water"), number=2)
    no_hot = appeal("нет горячей у нас", "heating", hours=1)

    assert (the_towns_only_outage(new(no_hot), [heat_point], POLICY).target) == heat_point.id
    assert the_towns_only_outage(new(appeal("батареи холодные у нас", "heating", hours=1)), [heat_point],
                                 POLICY).decision is Decision.ALONE


def test_an_entrance_beside_the_hot_water_said_missing_is_where_the_outage_is_felt() -> None:
    assert is_outage(problem_words("По Лучистой 47 с утра нет ГВС, в подъезде пожилые люди"))
    assert not is_outage(problem_words("В подъезде лампочка не горит, Лучистая 47"))


def test_the_light_gone_out_is_the_power_s_failure() -> None:
    gone_out = appeal("Дружбы 9: мигнуло и погасло электричество", "electricity", hours=2)
    lights_out = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                             appeal("Нет света на Лучистой 8", "electricity", hours=1))

    assert is_outage(problem_words(gone_out.text))
    assert decide(new(gone_out), [lights_out], [], {}, {}, POLICY, T0).target == lights_out.id


def test_radiators_cooling_down_say_the_heat_is_going() -> None:
    assert is_outage(problem_words("Радиаторы остывают уже час, Лучистая 12"))
    assert not is_outage(problem_words("Радиаторы горячие, Лучистая 12"))


def test_dirty_water_where_a_main_burst_is_its_repair_s_end_and_elsewhere_a_house_s_pipes() -> None:
    burst = incident_of(appeal("Прорыв на магистрали, нет воды, Лучистая 3", "water"),
                        appeal("Порыв трубы, воды нет на Лучистой 8", "water", hours=1),
                        appeal("Нет воды, Дружбы 2, авария", "water", hours=1))
    weak = incident_of(appeal("Напор никакой, Лучистая 3", "water"),
                       appeal("воды почти нет, еле капает, Лучистая 8", "water", hours=1),
                       appeal("Нет воды, Дружбы 2", "water", hours=1), number=2)
    rusty = appeal("Из-под крана течёт бурая, мутная вода. Дружбы 11", "water", hours=5)

    assert decide(new(rusty), [burst], [], {}, {}, POLICY, T0).target == burst.id
    assert decided(rusty, weak) is Decision.ALONE
    for own in ("Мутная вода из крана уже неделю, Дружбы 11", "Мутная вода только у меня, у соседей чистая. Дружбы 11"):
        assert decide(new(appeal(own, "water", hours=5)), [burst], [], {}, {}, POLICY, T0).decision is Decision.ALONE
    other = appeal("вода мутная, Дружбы 4", "water", hours=4)
    assert decide(new(rusty), [], [other], {other.id: other.place_keys}, {other.id: problem_words(other.text)},
                  POLICY, T0).decision is Decision.ALONE
    no_place = appeal("у нас из крана вода рыжая пошла", "water", hours=5)
    assert the_towns_only_outage(new(no_place), [burst], POLICY).target == burst.id


def test_dirty_water_said_of_a_street_where_the_cold_water_was_missing_is_the_outage_s_end_whatever_failed() -> None:
    dry = incident_of(appeal("Нет холодной воды, Лучистая 3", "water"),
                      appeal("ХВС нет на Лучистой 8 с утра", "water", hours=1),
                      appeal("Холодной воды нет, Дружбы 2, насосная встала", "water", hours=1))
    on_the_street = appeal("Мутная вода из крана на Дружбы, пить страшно", "water", hours=6)
    in_the_district = appeal("в Луговом вода из-под крана бурая, мутная", "water", hours=6)
    at_a_house = appeal("Мутная вода из крана, Дружбы 11", "water", hours=6)

    assert decide(new(on_the_street), [dry], [], {}, {}, POLICY, T0).target == dry.id
    assert decide(new(in_the_district), [dry], [], {}, {}, POLICY, T0).target == dry.id
    # At one house, it may be its own pipes: only a burst main's repair explains it there.
    assert decided(at_a_house, dry) is Decision.ALONE


@pytest.mark.parametrize("text", ["Сколько ещё не будет воды на Лучистой?", "света не было полдня, Дружбы 4"])
def test_a_supply_that_will_not_be_or_was_not_is_missing(text: str) -> None:
    assert is_outage(problem_words(text))


def test_what_was_not_is_no_supply_missing() -> None:
    assert not is_outage(problem_words("Такого раньше не было, Дружбы 4"))


def test_the_management_company_named_beside_a_utility_s_plant_is_who_told_not_what_failed() -> None:
    words = problem_words("В управляющей компании сказали — котельная сломалась. Лучистая 4")

    assert {"@management_company", "@heating"} <= words.keys()
    assert grouping_category(None, words) == "heating"
    assert grouping_category(None, problem_words("управляющая компания не отвечает, Лучистая 4")) == (
        "management_company")


def test_a_supply_asked_about_over_a_whole_area_asks_for_it() -> None:
    assert is_outage(problem_words("Что с отоплением по всему микрорайону?"))
    assert is_outage(problem_words("Что с водой в районе Луговое??"))
    assert not is_outage(problem_words("Что с дорогой в районе Луговое??"))


def test_asking_whether_a_supply_will_come_says_it_is_missing() -> None:
    assert is_outage(problem_words("Свет к утру будет? Лучистая 4"))
    assert is_outage(problem_words("Подскажите, будет ли отопление, Лучистая 4"))
    assert not is_outage(problem_words("Будет ли ремонт дороги? Лучистая 4"))


def test_a_part_of_a_flat_without_power_is_the_flat_s_own_fault() -> None:
    lights_out = incident_of(appeal("Нет света, Лучистая 3", "electricity"),
                             appeal("Нет света на Лучистой 8", "electricity", hours=1))
    half = appeal("Что-то хлопнуло в коридоре, в части квартиры пропал свет. Лучистая 10", "electricity", hours=2)

    assert not is_outage(problem_words(half.text))
    assert decided(half, lights_out) is Decision.ALONE


def test_fittings_replaced_in_a_flat_and_failing_since_are_the_flat_s_own_fault() -> None:
    assert not is_outage(problem_words("Заменили батареи на новые, теперь не греют. Лучистая 10"))
    assert is_outage(problem_words("Батареи не греют. Лучистая 10"))


@pytest.mark.parametrize(("text", "side"), [("Нет ни холодной, ни горячей. Лучистая 11", COLD_WATER),
                                            ("Горячей воды нет, и холодной тоже нет, Дружбы 2", HOT_WATER),
                                            ("ХВС нет с утра, а к обеду и ГВС пропала, Лучистая 6", COLD_WATER)])
def test_both_waters_said_missing_complain_of_the_one_named_first(text: str, side: str) -> None:
    assert water_side(problem_words(text)) == side


def test_an_appeal_naming_both_waters_joins_the_outage_of_the_one_named_first() -> None:
    """A burst main and a heat point's repair on one street: "ни холодной, ни горячей" is the first one's."""
    cold = incident_of(appeal("Нет холодной воды, Лучистая 3", "water"),
                       appeal("холодной воды нет на Лучистой 5", "water"), number=1)
    hot = incident_of(appeal("Нет горячей воды, Лучистая 7", "heating"),
                      appeal("горячей воды нет, Лучистая 9", "heating"), number=2)
    both = appeal("Нет ни холодной, ни горячей воды. Лучистая 11", "heating", hours=1)

    for incidents in ([cold, hot], [hot, cold]):
        match = decide(new(both), incidents, [], {}, {}, POLICY, both.received_at)
        assert (match.decision, match.target) == (Decision.JOIN, cold.id)


@pytest.mark.parametrize("text", ["кипяток из крана льётся, холодной ноль, Лучистая 4",
                                  "Холодная еле капает, Дружбы 2, бак не наполнить",
                                  "у нас холодная пропала с обеда, Лучистая 9"])
def test_the_cold_water_named_by_its_adjective_and_a_word_of_loss_is_the_cold_water_missing(text: str) -> None:
    words = problem_words(text)

    assert water_side(words) == COLD_WATER
    assert is_outage(words)


def test_darkness_said_of_the_houses_around_is_the_power_cut_not_the_street_lamps() -> None:
    assert new(appeal("и фонари не горят, и в домах темно, Лучистая", "lighting")).category == "electricity"
    assert new(appeal("фонари на Лучистой не горят, темно", "lighting")).category == "lighting"


def test_street_lamps_out_on_two_streets_of_a_district_are_two_streets_lamps() -> None:
    first = appeal("Фонари не горят на Лучистой, темно идти", "lighting")
    words = {first.id: problem_words(first.text)}
    other_street = appeal("На Дружбы ни один фонарь не горит, темно", "lighting", hours=0.5)
    same_street = appeal("На Лучистой уличное освещение не работает, темно", "lighting", hours=0.5)

    assert decide(new(other_street), [], [first], {first.id: first.place_keys}, words, POLICY,
                  other_street.received_at).decision is Decision.ALONE
    assert decide(new(same_street), [], [first], {first.id: first.place_keys}, words, POLICY,
                  same_street.received_at).decision is Decision.START


def test_street_lamps_out_join_no_power_cut_unless_the_darkness_or_the_power_is_said_beyond_them() -> None:
    cut = incident_of(appeal("Нет света на Лучистой 3", "electricity"),
                      appeal("Свет отключили, Лучистая 5", "electricity"),
                      appeal("Электричества нет, Дружбы 2", "electricity"))
    lamps = appeal("Фонари на Лучистой погасли ночью и так и не включились", "lighting", hours=1)
    dark = appeal("на Лучистой темно, фонари не горят и в домах света нет", "lighting", hours=1)

    assert decide(new(lamps), [cut], [], {}, {}, POLICY, lamps.received_at).decision is Decision.ALONE
    assert decide(new(dark), [cut], [], {}, {}, POLICY, dark.received_at).target == cut.id


def test_a_flat_s_water_heater_is_its_own_unless_a_supply_is_said_missing_beside_it() -> None:
    assert not is_outage(problem_words("Бойлер прохудился, залило пол в прихожей, Лучистая 5, кв 12"))
    assert is_outage(problem_words("в кранах воды нет, водонагреватель не включить, Лучистая 5"))
    assert is_outage(problem_words("Света нет с утра, бойлер встал, Дружбы 3"))


def test_coordinates_pasted_in_a_member_s_text_place_it_as_a_location_does() -> None:
    burst = incident_of(appeal("вот здесь 46.98100, 142.74100 воды нет совсем", "water"),
                        appeal("Нет воды с утра, точка 46.98130 142.74160", "water"))
    near = appeal("воды нет, прорыв?", "water", hours=1, location=Location(latitude=46.9815, longitude=142.7420))

    assert all(member.coordinates is not None for member in burst.members)
    match = decide(new(near), [burst], [], {}, {}, POLICY, near.received_at)
    assert (match.decision, match.target, match.reason.matched["place"]) == (Decision.JOIN, burst.id, "distance")


@pytest.mark.parametrize(("text", "category"), [
    ("Ребёнок в садик неумытый пошёл, горячей нет, Лучистая 4", "kindergartens"),
    ("г/в отключили? Дружбы 7", None),
    ("Горячую воду отключили, опять! Лучистая 2", "other")])
def test_hot_water_filed_outside_the_utilities_is_the_heating_s_whatever_else_its_words_name(
        text: str, category: str | None) -> None:
    assert grouping_category(category, problem_words(text)) == "heating"


def test_the_street_said_to_be_without_a_supply_is_not_the_rest_having_it() -> None:
    words = problem_words("на улице Лучистой без горячей с утра, когда дадут?")

    assert not only_ours(words)
    assert is_outage(words)


@pytest.mark.parametrize(("text", "side"), [("нет х.в. с утра, Лучистая 5 кв 3", COLD_WATER),
                                            ("Г.в. нет, Дружбы 11", HOT_WATER),
                                            ("у нас нет ни гор., ни хол., Лучистая 8", HOT_WATER),
                                            ("без хол. сидим, Дружбы 2", COLD_WATER)])
def test_the_waters_cut_short_with_dots_name_the_water_missing(text: str, side: str) -> None:
    words = problem_words(text)

    assert water_side(words) == side
    assert is_outage(words)


def test_asking_what_the_terms_are_for_a_supply_asks_when_it_comes() -> None:
    words = problem_words("Какие сроки по горячей воде на Лучистой??")

    assert is_outage(words)
    assert not is_outage(problem_words("Какие сроки подачи заявок на субсидию?"))


def test_the_water_back_dirty_joins_the_water_network_s_outage_though_a_heat_point_s_words_fit_it_better() -> None:
    """A heat point's residents name the cold streets too ("у сестры на Лучистой холодной нет") and words the dirty
    water shares ("трубу прорвало, пошла вода с песком"): the water named decides, not the closer score."""
    pumps_stopped = incident_of(appeal("Нет холодной воды, Лучистая 3, насосы встали", "water"),
                                appeal("ХВС нет на Дружбы 8", "water", hours=1),
                                appeal("холодной воды нет, Лучистая 10", "water", hours=1), number=1)
    heat_point = incident_of(appeal("горячей воды нет, трубу прорвало, вода с песком пошла по двору, Дружбы 4",
                                    "water"),
                             appeal("нет горячей, у сестры на Лучистой холодной нет, трубу прорвало, песок", "water"),
                             appeal("горячей воды нет, вода пошла по двору с песком, Дружбы 6", "water"), number=2)
    dirty = appeal("Вода пошла, но ржавая и с песком, Лучистая 21", "water", hours=2)

    match = decide(new(dirty), [heat_point, pumps_stopped], [], {}, {}, POLICY, T0)
    assert (match.decision, match.target) == (Decision.JOIN, pumps_stopped.id)


def test_radiators_too_hot_are_no_heating_outage_whatever_else_is_said_missing() -> None:
    """The heat too much ("жарко", "раскалённые") is a flat's regulation; the "нет" beside it is of a regulator."""
    no_heating = incident_of(appeal("Отопления нет, Лучистая 3", "heating"),
                             appeal("батареи холодные на Дружбы 8", "heating", hours=1),
                             appeal("нет тепла, Лучистая 10", "heating", hours=1))
    too_hot = appeal("Лучистая 15, кв 4: в детской жарко, батареи раскалённые, а регулятора на них нет", "heating",
                     hours=2)

    assert not is_outage(problem_words(too_hot.text))
    assert decided(too_hot, no_heating) is Decision.ALONE


def test_radiators_going_cold_join_the_hot_water_s_outage_filed_under_the_water_network() -> None:
    """One heat main gives the hot tap and the radiators: its heating appeal joins the hot water's incident whichever
    category its first resident got; the cold water's outage it does not join."""
    hot_tap_dry = incident_of(appeal("Нет горячей воды, Лучистая 7, теплосеть копает", "water"),
                              appeal("горячей воды нет, Дружбы 9", "water"),
                              appeal("Нет горячей воды на Лучистой 4", "water"), number=2)
    cold_tap_dry = incident_of(appeal("Нет холодной воды, Лучистая 7", "water"),
                               appeal("холодной воды нет, Дружбы 9", "water"),
                               appeal("ХВС нет на Лучистой 4", "water"), number=3)
    radiators = appeal("на Дружбы 12 радиаторы остывают, теплотрасса опять?", "heating", hours=1)

    assert decided(radiators, hot_tap_dry) is Decision.JOIN
    assert decided(radiators, cold_tap_dry) is Decision.ALONE


def test_a_flat_whose_neighbours_have_the_supply_starts_nothing_with_another_flat_of_its_house() -> None:
    """"у соседей всё нормально": the trouble is that flat's own, so no neighbour's trouble, even at one house."""
    rusty = appeal("Из крана рыжая вода, Лучистая 6", "water")
    own_mixer = appeal("Лучистая 6, кв 12: смеситель на кухне капает, холодная вода еле, у соседей всё в порядке",
                       "management_company", hours=1)
    places = {rusty.id: rusty.place_keys}
    words = {rusty.id: problem_words(rusty.text, ("лучист",))}

    assert decide(new(own_mixer), [], [rusty], places, words, POLICY, own_mixer.received_at).decision is Decision.ALONE


def test_yellow_water_from_the_tap_is_dirty_water_as_rusty_is() -> None:
    words = problem_words("После отключения из крана бежит жёлтая вода, Лучистая 8")

    assert dirty_tap_water(words)
    assert dirty_tap_water(problem_words("вода желтая пошла, Дружбы 3"))


@pytest.mark.parametrize("text", [
    "котельная осталась без электричества, в домах отопление пропало",
    "теплопункт обесточен, горячей воды нет, Лучистая 3",
    "водозабор без света стоит, в кранах воды нет",
])
def test_the_power_of_a_heat_or_water_plant_is_not_what_the_residents_miss(text: str) -> None:
    """A boiler house, a heat point or a water intake stopped for want of power: the residents miss the heat or the
    water it gives, not their own light."""
    assert complained_of(problem_words(text)) != "power"


def test_a_house_s_pump_stopped_with_the_power_is_still_the_power_cut_s() -> None:
    assert complained_of(problem_words("воды нет, насос без света не качает, Лучистая 40")) == "power"


def test_sand_in_the_water_is_dirty_water_as_rust_is() -> None:
    """A main refilled after its repair brings sand up with the water ("вода с песком пошла"): its repair's end, as
    rusty water is."""
    assert dirty_tap_water(problem_words("После аварии вода из крана с песком, Дружбы 5"))
    assert dirty_tap_water(problem_words("в кране песок, Лучистая 2"))
    assert not dirty_tap_water(problem_words("песок на дороге не убран, Лучистая 2"))


def test_dirty_water_said_of_the_houses_around_is_an_outage_and_of_one_house_is_not() -> None:
    """The network's water spoiled at its source or main runs dirty in every house; one house's rusty tap is its
    pipes."""
    assert is_outage(problem_words("из крана мутная вода, и у соседей тоже, Дружбы"))
    assert is_outage(problem_words("по всему району вода ржавая"))
    assert not is_outage(problem_words("из крана мутная вода, Дружбы 4"))


def test_dirty_water_at_a_house_joins_an_outage_of_the_water_spoiled_for_all() -> None:
    """Where the members say the water itself runs dirty (no main burst, no water missing), a house's dirty tap on its
    streets is that outage; beside an outage of no dirt it stays the house's own pipes."""
    spoiled = incident_of(appeal("вода мутная во всех домах, Лучистая", "water"),
                          appeal("по Дружбы у всех вода коричневая, пить нельзя", "water"),
                          appeal("на Лучистой воды нет, перед тем шла грязная", "water"), number=2)
    pressure = incident_of(appeal("напор упал во всех домах, Лучистая", "water"),
                           appeal("по Дружбы у всех вода еле идёт", "water"),
                           appeal("на Лучистой воды нет, перед тем шла еле-еле", "water"), number=3)
    tap = appeal("из крана течёт ржавая вода, Лучистая 8", "water", hours=1)

    assert decided(tap, spoiled) is Decision.JOIN
    assert decided(tap, pressure) is Decision.ALONE


def test_wires_that_tore_are_a_failure_as_torn_wires_are() -> None:
    assert is_outage(problem_words("провода порвались от ветра, Лучистая"))


@pytest.mark.parametrize("text", ["Скажите сроки по воде, Дружбы 4", "назовите хотя бы сроки подачи отопления",
                                  "уточните сроки по электричеству на Лучистой"])
def test_the_deadline_asked_for_asks_when_the_supply_comes(text: str) -> None:
    assert is_outage(problem_words(text))


def test_residents_in_outdoor_clothes_at_home_say_so_in_either_order() -> None:
    assert is_outage(problem_words("мы в пуховиках дома, Лучистая 9"))
    assert is_outage(problem_words("бабушка в шапке сидит дома второй час, Дружбы"))


def test_a_water_truck_asked_for_says_the_water_is_missing() -> None:
    words = problem_words("Пришлите водовоз на Лучистую 12, хоть какую-то")

    assert is_outage(words)
    assert complained_of(words) == "water"


def test_what_is_there_with_a_supply_asks_for_it() -> None:
    """"там" in "что там со светом?" points at nothing: the supply asked about is the question."""
    assert is_outage(problem_words("что там с водой?"))
    assert is_outage(problem_words("Что там со светом??"))


def test_the_heat_carrier_is_the_heating_s_supply() -> None:
    """"теплоноситель" is how the heat network names what it supplies: asked for, the heating is missing."""
    words = problem_words("когда дадут теплоноситель? Лучистая 5")

    assert is_outage(words)
    assert complained_of(words) == "heat"


def test_cold_radiators_shortened_are_the_heating_missing() -> None:
    words = problem_words("хол радиаторы во всём подъезде, Дружбы 7")

    assert is_outage(words)
    assert "холодный" in words
