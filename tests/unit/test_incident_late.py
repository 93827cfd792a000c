"""When an incident is looked back for (domain/incidents/late.py): when a join first makes it an outage of an area,
two streets and three residents, or its members reach 4, 8, 16…; and which appeal joins it late: the one the rules
of a new appeal would join to it, not one another open incident fits about as well."""
from __future__ import annotations

from datetime import timedelta

from otklik.domain.incidents.late import (
    LATE,
    MERGED_LATE,
    absorbs_late,
    joins_late,
    look_back_keys,
    worth_looking_back,
)
from otklik.domain.incidents.matching import Decision, GroupingPolicy, NewAppeal
from otklik.domain.incidents.model import Incident, Reason, fold, join, start
from otklik.domain.incidents.places import UNPLACED, Gazetteer, read_places
from otklik.domain.incidents.problem import problem_words
from otklik.domain.model import Appeal
from tests.builders import an_appeal, routed
from tests.fakes import T0

GAZETTEER = Gazetteer.of({"Луговое": ["Лучистая", "Дружбы"], "Центр": ["Ленина", "Чехова"]})
POLICY = GroupingPolicy()


def appeal(text: str, *, hours: float = 0, category: str = "water") -> Appeal:
    made = routed(an_appeal(text, received_at=T0 + timedelta(hours=hours)), category=category,
                  department="housing_utilities")
    return made.model_copy(update={"place_keys": read_places(text, GAZETTEER, None, None).stored_keys})


def new(made: Appeal) -> NewAppeal:
    places = read_places(made.text, GAZETTEER, None, None)
    return NewAppeal.read(made, places.keys, problem_words(made.text, places.name_stems))


def incident_of(*members: Appeal, number: int = 1) -> Incident:
    return start(f"in-{number:024x}", list(members), Reason("test"), T0,
                 place_keys={m.id: m.place_keys for m in members},
                 problem_words={m.id: tuple(problem_words(m.text)) for m in members}).incident


def joined(incident: Incident, *appeals: Appeal) -> Incident:
    return fold(incident, [join(incident, a, Reason("test"), T0, place_keys=a.place_keys,
                                problem_words=tuple(problem_words(a.text)))[0] for a in appeals])


def test_an_incident_is_looked_back_for_when_it_first_becomes_an_area_outage() -> None:
    two = incident_of(appeal("Нет воды на Лучистой 3"), appeal("Нет воды, Дружбы 8", hours=1))
    three = joined(two, appeal("Без воды сидим, Лучистая 12", hours=2))
    three_on_one_street = joined(incident_of(appeal("Нет воды на Лучистой 3"), appeal("Нет воды, Лучистая 8")),
                                appeal("Лучистая 5, нет воды"))

    assert not worth_looking_back(None, two), "two residents: being started"
    assert worth_looking_back(two, three), "two streets, three residents: an area outage"
    assert not worth_looking_back(incident_of(appeal("Нет воды на Лучистой 3"), appeal("Нет воды, Лучистая 8")),
                                  three_on_one_street), "three on one street: neither an area nor a doubling"


def test_an_incident_is_looked_back_for_when_its_members_double() -> None:
    waters = [appeal(f"Нет воды, Лучистая {house}", hours=house / 10) for house in range(1, 10)]
    incident = incident_of(*waters[:2])
    looked = []
    for water in waters[2:]:
        grown = joined(incident, water)
        looked.append(worth_looking_back(incident, grown))
        incident = grown

    assert looked == [False, True, False, False, False, True, False], "at 4 and 8 members"


def test_the_look_back_finds_appeals_by_the_incident_s_streets_and_districts_and_unplaced() -> None:
    incident = incident_of(appeal("Нет воды на Лучистой 3"), appeal("Нет воды, Ленина 8", hours=1))

    keys = look_back_keys(incident)

    assert keys[0] == UNPLACED
    areas = [key for key in incident.place_keys if key.startswith(("street:", "district:"))]
    assert {"street:лучист", "district:лугов", "district:центр"} <= set(areas)
    assert list(keys[1:]) == areas, "no houses: an appeal at another house of the street is found by the street"


def test_an_earlier_appeal_joins_late_with_its_reason_and_one_of_another_problem_does_not() -> None:
    incident = incident_of(appeal("Прорыв трубы, нет воды, ул. Лучистая 3", hours=2),
                           appeal("Нет воды на Лучистой 8 с утра", hours=3))
    earlier = appeal("воды нету, Дружбы 14, когда дадут")
    leak = appeal("Течёт кран в подвале, Дружбы 14")

    match = joins_late(new(earlier), incident, [incident], POLICY, T0 + timedelta(hours=3))

    assert (match.decision, match.target) == (Decision.JOIN, incident.id)
    assert match.reason.text.startswith(LATE) and match.reason.matched["place"] == "district"
    assert joins_late(new(leak), incident, [incident], POLICY, T0 + timedelta(hours=3)).decision is Decision.ALONE


def test_an_earlier_appeal_that_fits_another_open_incident_better_does_not_join_late() -> None:
    luchistaya = incident_of(appeal("Прорыв трубы, нет воды, ул. Лучистая 3", hours=2),
                             appeal("Нет воды на Лучистой 8 с утра", hours=3))
    druzhby = incident_of(appeal("Нет воды, Дружбы 2, прорвало трубу", hours=2),
                          appeal("Дружбы 6, воды нет с утра", hours=3), number=2)
    earlier = new(appeal("воды нету, Дружбы 14, когда дадут"))
    now = T0 + timedelta(hours=3)

    alone = joins_late(earlier, luchistaya, [luchistaya], POLICY, now)
    with_its_street_s_incident = joins_late(earlier, luchistaya, [luchistaya, druzhby], POLICY, now)

    assert (alone.decision, alone.target) == (Decision.JOIN, luchistaya.id), "by the district, were it the only one"
    assert with_its_street_s_incident.decision is Decision.ALONE, "its own street's incident fits it better"


def test_a_small_incident_each_of_whose_members_would_join_the_outage_is_merged_into_it_late() -> None:
    outage = incident_of(appeal("Нет холодной воды, Лучистая 3"), appeal("воды нет, Дружбы 5"),
                         appeal("Нет холодной воды, Дружбы 9"), appeal("холодной воды нет на Лучистой 12"))
    pair = [appeal("Воды нет, Лучистая 20", hours=0.5), appeal("нет воды на Дружбы 30", hours=0.5)]
    small = incident_of(*pair, number=2)
    hot = [appeal("Нет горячей воды, Лучистая 20", hours=0.5), appeal("горячей воды нет, Дружбы 30", hours=0.5)]
    other_water = incident_of(*hot, number=3)

    match = absorbs_late(outage, small, [new(a) for a in pair], [outage, small], POLICY, T0)
    assert (match.decision, match.target) == (Decision.JOIN, outage.id)
    assert match.reason.text.startswith(MERGED_LATE) and match.reason.matched["merged"] == small.id
    assert absorbs_late(outage, other_water, [new(a) for a in hot], [outage, other_water], POLICY,
                        T0).decision is Decision.ALONE, "hot water is not the cold's"
    grown = joined(small, appeal("Воды нет, Лучистая 22", hours=0.6), appeal("Воды нет, Лучистая 24", hours=0.6))
    assert absorbs_late(outage, grown, [new(a) for a in pair], [outage, grown], POLICY, T0).decision \
        is Decision.ALONE, "four members: an incident of its own"


def test_a_small_incident_on_streets_of_its_own_is_not_merged_whatever_its_members_would_join() -> None:
    """Each of the pair on Дружбы would join the outage seen on Лучистая by their district, Луговое; but two incidents
    on disjoint streets of a district are two problems until a member says otherwise (a cable cut by the station
    beside the district's power cut)."""
    outage = incident_of(*(appeal(f"Нет воды, Лучистая {n}") for n in (3, 5, 9, 12)))
    pair = [appeal("Воды нет, Дружбы 20", hours=0.5), appeal("нет воды на Дружбы 30", hours=0.5)]
    small = incident_of(*pair, number=2)

    assert all(joins_late(new(a), outage, [outage], POLICY, T0).decision is Decision.JOIN for a in pair)
    assert absorbs_late(outage, small, [new(a) for a in pair], [outage, small], POLICY, T0).decision \
        is Decision.ALONE
