"""Whether a new routed appeal is about the same problem as an open incident or a recent appeal, and which.

A candidate qualifies when it is of the same town, of the same category or one the problem covers
(categories.covered), close in time (a window per category), and at the same place: the same house; or, for
outages that cover an area, the same street or district; or within a distance where both have coordinates. Text
similarity over the problem's lemmas (not greetings, not addresses) must then reach a threshold that is lower the
closer the place, and decides between candidates. The decision says what matched. Pure: `now` is an argument.

The problem's words are read in problem.py. The category compared is the one they name (`grouping_category`): the
classifier's, unless its evidence was only the address ("нет света на Школьной": schools) or a whole quarter's
darkness (lighting, a power cut). An appeal the classifier left undecided (in triage) joins an open outage only on
strong evidence: its words say a supply is missing and name the incident's problem, it names the incident's house,
street or district, and its words are closer to the incident's than a routed appeal's need be; it starts no
incident.

An outage is a supply missing for many or a network's failure, a street flooded from the sewer or the storm drains
among them (read as the water network's whatever the classifier said). An outage of the incident's own utility in its
area (a street or district of its members) joins it however it is worded; a covered category still needs the words.
Hot water and cold water are two problems: an appeal that names one never joins what names the other. So are two
supplies or failures on the same streets at the same time (power and water, the heating and the hot water, the sewer's
overflow and no water): an appeal is judged by the one it complains of first (`complained_of`), and joins only what
enough of whose members name it too (`other_problem`). Dirty water from the tap joins an outage whose members say a
main burst (its repair's end, `its_repair_s_end`) and starts none: elsewhere it is a house's pipes."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from otklik.domain.incidents.categories import AREA_OUTAGE_OF, covered
from otklik.domain.incidents.model import Incident, Reason
from otklik.domain.incidents.places import DISTRICT, HOUSE, STREET, distance_m
from otklik.domain.incidents.problem import (
    AREA_CATEGORIES,
    COLD_WATER,
    DARK_WORDS,
    DIRTY_WATER_WORDS,
    FAILURE_WORDS,
    FLOOD,
    HEAT,
    HOT,
    HOT_WATER,
    KIND,
    KIND_SHARE,
    ONE_DWELLING_WORDS,
    OUTAGE_WORDS,
    POWER,
    SURGE_WORDS,
    TOPIC,
    WATER,
    WATER_MAIN_FAILURE_WORDS,
    ProblemWords,
    complained_of,
    dark_over_an_area,
    dirty_tap_water,
    grouping_category,
    is_outage,
    network_flood,
    one_dwellings_words,
    only_ours,
    other_problem,
    other_water,
    over_an_area,
    says_an_outage,
    water_back_dirty,
    water_side,
)
from otklik.domain.model import Appeal, Status

STREET_LIGHTING = "lighting"
PLACE_STRENGTH = {"house": 3.0, "distance": 2.0, "street": 2.0, "district": 1.0}


class Decision(StrEnum):
    JOIN = "join"  # join the open incident
    START = "start"  # start an incident with the recent appeal
    ALONE = "alone"


@dataclass(frozen=True)
class GroupingPolicy:
    """What counts as the same problem: time windows per category (hours), the distance for coordinates, and the
    text similarity needed at each strength of place. From settings (otklik/settings.py)."""

    window_hours: Mapping[str, float] = field(default_factory=lambda: {
        "water": 48, "heating": 48, "electricity": 48, "lighting": 48, "management_company": 48})
    default_window_hours: float = 24
    distance_m: float = 500
    min_similarity: Mapping[str, float] = field(default_factory=lambda: {
        "house": 0.4, "distance": 0.35, "street": 0.25, "district": 0.25})
    # What an appeal in triage needs to join an outage: stricter than any place's similarity for a routed one.
    triaged_min_similarity: float = 0.30
    incidents_read: int = 10
    appeals_read: int = 20
    # An appeal that names no place reads this many of the town's open incidents of its family (and no other
    # candidates), to find the one outage it can only be about.
    town_incidents_read: int = 10
    # A late join (domain/incidents/late.py) reads this many of the town's recent appeals left alone, and this many
    # left undecided, at the incident's streets, districts and cells or naming no place: 20 at most.
    late_join_read: int = 15
    late_undecided_read: int = 5

    def window(self, category: str | None) -> timedelta:
        return timedelta(hours=self.window_hours.get(category or "", self.default_window_hours))


def read_as_area_outage(new: NewAppeal) -> NewAppeal:
    """A problem said of a whole block or district that is another category's outage (categories.AREA_OUTAGE_OF),
    read as that outage: "темно во всём квартале" is the power cut's, its darkness a word of the power cut."""
    category = new.category
    # A whole quarter's darkness names the power cut, a street's flood ("на Хабаровской гейзер") the water network,
    # in words the lexicon gives no topic.
    if TOPIC + (category or "") not in new.words and (
            (category == "electricity" and dark_over_an_area(new.words))
            or (category == "water" and network_flood(new.words))):
        return replace(new, words={**new.words, TOPIC + (category or ""): 2.0})
    wider = AREA_OUTAGE_OF.get(category or "")
    if wider is None or not over_an_area(new.words) or not is_outage(new.words):
        return new
    words = dict(new.words)
    words[TOPIC + wider] = max(words.pop(TOPIC + (category or ""), 0.0), words.get(TOPIC + wider, 0.0))
    return replace(new, words=words)


def similarity(first: ProblemWords, second: ProblemWords) -> float:
    """Cosine of the two weighted bags of lemmas: 0 (nothing in common) to 1."""
    shared = first.keys() & second.keys()
    if not shared:
        return 0.0
    dot = sum(first[w] * second[w] for w in shared)
    norm = math.sqrt(sum(v * v for v in first.values())) * math.sqrt(sum(v * v for v in second.values()))
    return dot / norm if norm else 0.0


def containment(words: ProblemWords, incident: Incident) -> float:
    """How much of the appeal's problem (by weight) the incident's members say too: a word counts fully once a tenth
    of the members (at least one) used it. 0 to 1."""
    total = sum(words.values())
    if not total:
        return 0.0
    common = max(1.0, 0.1 * len(incident.members))
    return sum(weight * min(1.0, incident.problem_words.get(word, 0) / common)
               for word, weight in words.items()) / total


def dwelling_fault(words: ProblemWords) -> bool:
    """Words of a dwelling's own fitting or rooms and none of many, and no supply said to be missing: a fault of the
    dwelling, whatever the street outside has."""
    return one_dwellings_words(words) and not is_outage(words)


def incident_is_outage(incident: Incident) -> bool:
    """Whether about a third of its members wrote of a missing supply (words counted per member; a member may use
    two of them, so this is a generous estimate) and few of a single dwelling's fault."""
    outage = sum(incident.problem_words.get(word, 0) for word in OUTAGE_WORDS | SURGE_WORDS)
    one_dwelling = max((incident.problem_words.get(word, 0) for word in ONE_DWELLING_WORDS), default=0)
    return outage * 3 >= len(incident.members) and one_dwelling * 2 < len(incident.members)


@dataclass(frozen=True)
class NewAppeal:
    """The appeal being grouped, as matching sees it."""

    appeal: Appeal
    place_keys: tuple[str, ...]
    words: ProblemWords
    written_coordinates: tuple[float, float] | None = None  # pasted in its text, when it sent no location

    @classmethod
    def read(cls, appeal: Appeal, place_keys: Sequence[str], words: ProblemWords,
             written_coordinates: tuple[float, float] | None = None) -> NewAppeal:
        """The appeal as matching compares it, a problem said of a whole block read as the wider outage it is
        (`read_as_area_outage`): its category and its candidates are found by that reading."""
        return read_as_area_outage(cls(appeal, tuple(place_keys), words, written_coordinates))

    @property
    def category(self) -> str | None:
        return grouping_category(self.appeal.category, self.words)

    @property
    def triaged(self) -> bool:
        """Left to triage by an undecided classifier: it may join an outage on strong evidence only."""
        return self.appeal.status is Status.NEEDS_TRIAGE

    @property
    def coordinates(self) -> tuple[float, float] | None:
        location = self.appeal.location
        return (location.latitude, location.longitude) if location is not None else self.written_coordinates


@dataclass(frozen=True)
class Match:
    decision: Decision
    target: str | None  # the incident's or the recent appeal's id
    reason: Reason
    score: float = 0.0


ALONE = Match(Decision.ALONE, None, Reason("no open incident or recent appeal about the same problem here"))


def _place(new: NewAppeal, keys: Sequence[str], coordinates: Sequence[tuple[float, float]], area: bool,
           policy: GroupingPolicy) -> tuple[str, list[str]] | None:
    """The strongest place the two share, and the keys that matched; None when they share none that counts. Only
    the same house counts for a house's own problem; an outage also counts nearby, on the street, in the district."""
    shared = [k for k in new.place_keys if k in set(keys)]
    houses = [k for k in shared if k.startswith(HOUSE)]
    if houses:
        return "house", houses
    if not area:
        return None
    here = new.coordinates
    if here is not None and not new.triaged:  # an undecided appeal joins by a place it names
        near = [c for c in coordinates if distance_m(here, c) <= policy.distance_m]
        if near:
            return "distance", [f"within {policy.distance_m:.0f} m ({min(distance_m(here, c) for c in near):.0f} m)"]
    streets = [k for k in shared if k.startswith(STREET)]
    if streets:
        return "street", streets
    districts = [k for k in shared if k.startswith(DISTRICT)]
    if districts:
        return "district", districts
    return None


def heat_point_s_other_supply(own: str, category: str, theirs: ProblemWords) -> bool:
    """Whether a heating appeal meets the hot water's outage filed under the water network (its members, `theirs`,
    name the hot water): one heat point or heat main gives both, and the radiators going cold beside the hot tap
    gone dry are its other supply, whichever category its first resident was filed under."""
    return own == "heating" and category == "water" and water_side(theirs) == HOT_WATER


def names_its_water(words: ProblemWords, theirs: ProblemWords) -> bool:
    """Whether the appeal names the water the incident's members (or a recent appeal) say is missing, hot ("горячей
    нет") or cold ("холодной нет"), under whichever category either was filed."""
    return ((water_side(theirs) == HOT_WATER and names_hot_water(words))
            or (water_side(theirs) == COLD_WATER and water_side(words) == COLD_WATER))


def _judge(new: NewAppeal, municipality: str, category: str, last_at: datetime, keys: Sequence[str],
           coordinates: Sequence[tuple[float, float]], words: ProblemWords, text: float, outage: bool,
           policy: GroupingPolicy, members: int = 1) -> tuple[float, dict[str, Any]] | None:
    appeal, own = new.appeal, new.category
    if appeal.municipality != municipality or own is None or not covered(own, category):
        return None
    its_water = names_its_water(new.words, words)
    if (own != category and TOPIC + category not in new.words and not its_water
            and not heat_point_s_other_supply(own, category, words)):
        # A covered category joins only when the text names the problem too: "нет горячей воды" joins a burst
        # water main, "батареи холодные" does not; hot water ("горячей нет") or cold ("холодной нет"), filed under
        # the heating, joins what its members say is that water, under whichever category it was filed.
        return None
    if own == STREET_LIGHTING and category != own and street_lamps_only(new.words):
        # Street lamps out join no power cut: a lamp's own failure says nothing of the houses' supply, whatever its
        # words share with it.
        return None
    window = policy.window(own)
    if (abs(appeal.received_at - last_at) > window or other_water(new.words, words)
            or other_problem(new.words, words, members)):
        return None
    if only_ours(new.words) or (outage and dwelling_fault(new.words)):
        # One dwelling's trouble, the rest having the supply or its words naming the dwelling's own fitting and no
        # supply missing ("кран на кухне течёт"), is not the outage, even at one of its members' houses; and the
        # rest having it ("у соседей всё нормально"), it is no neighbour's trouble either, whatever that one is.
        return None
    area = (own in AREA_CATEGORIES and category in AREA_CATEGORIES and outage
            and (says_an_outage(new.words, new.place_keys)
                 or its_repair_s_end(new.words, words, members, new.place_keys)))
    if new.triaged and not (area and (TOPIC + category in new.words or its_water)):
        # Undecided: only an outage its words name, by the incident's category or as the water its members name
        # ("горячую отключили?" beside hot water filed under the water network).
        return None
    place = _place(new, keys, coordinates, area, policy)
    if place is None:
        return None
    strength, matched_places = place
    if strength == "district" and own == category == STREET_LIGHTING:
        # Street lamps are lit street by street: dark on two streets of a district, they are two streets' lamps (the
        # whole area's darkness is read as the power cut's, `read_as_area_outage`).
        return None
    if text < _similarity_needed(new, own, category, strength, area, policy):
        return None
    shared_words = sorted(new.words.keys() & words.keys(), key=lambda w: -new.words[w])[:8]
    return PLACE_STRENGTH[strength] + text, {
        "category": _category_reason(appeal, own, category, new.triaged),
        "place": strength, "place_keys": matched_places, "similarity": round(text, 3), "words": shared_words,
        "hours_apart": round(abs(appeal.received_at - last_at).total_seconds() / 3600, 1),
    }


# The street lamps themselves ("фонари не горят", "уличное освещение не работает"), and what they do going out.
LAMP_WORDS = frozenset({"фонарь", "освещение", "уличный", "фонарный"})
LAMPS_GO_OUT = frozenset({"погаснуть", "потухнуть"})


def street_lamps_only(words: ProblemWords) -> bool:
    """Street lamps said to be out ("фонари погасли ночью и не включились"), and no darkness beyond them ("темно",
    "тьма"), no power named, no other failure ("провод оборвало"): the lamps' own failure."""
    return (any(word in LAMP_WORDS for word in words) and KIND + POWER not in words
            and not any(word in DARK_WORDS or word in FAILURE_WORDS - LAMPS_GO_OUT for word in words))


def burst_main(words: ProblemWords, members: int) -> bool:
    """Whether an incident's members (`words` counted over them) say the water is missing and a main burst: a tenth
    of them (at least one) name the water and a failure of the main each, and not the hot water."""
    share = max(1.0, KIND_SHARE * members)
    failures = sum(words.get(word, 0) for word in WATER_MAIN_FAILURE_WORDS)
    return words.get(KIND + WATER, 0) >= share and failures >= share and water_side(words) != HOT_WATER


def cold_water_outage(words: ProblemWords, members: int) -> bool:
    """Whether an incident's members (`words` counted over them) say the cold water is missing: a tenth of them (at
    least one) name the water and the cold water each, and not the hot water."""
    share = max(1.0, KIND_SHARE * members)
    return (words.get(KIND + WATER, 0) >= share and words.get(COLD_WATER, 0) >= share
            and water_side(words) != HOT_WATER)


def its_repair_s_end(words: ProblemWords, theirs: ProblemWords, members: int,
                     place_keys: Sequence[str] = ()) -> bool:
    """Dirty water from the tap said where an outage of a burst main is (an incident of AREA_OUTAGE_MEMBERS or more,
    never a recent appeal: two houses' rusty pipes are no outage): the main repaired, its water back dirty. Said of
    a street or a district, no house named, where the cold water was missing (`cold_water_outage`), whatever failed:
    the pipes refilled after any outage run dirty for all, as surges said of a street are the network's."""
    if members < AREA_OUTAGE_MEMBERS or not dirty_tap_water(words):
        return False
    of_an_area = not any(key.startswith(HOUSE) for key in place_keys)
    return (burst_main(theirs, members) or dirty_water_outage(theirs, members)
            or (of_an_area and cold_water_outage(theirs, members)))


def dirty_water_outage(words: ProblemWords, members: int) -> bool:
    """Whether an incident's members (`words` counted over them) say the water itself is spoiled: a tenth of them (at
    least one) name the water and its dirt each, and not the hot water: a source or a main muddied for all, whose
    every tap runs dirty, at a house too."""
    share = max(1.0, KIND_SHARE * members)
    dirt = sum(words.get(word, 0) for word in DIRTY_WATER_WORDS)
    return words.get(KIND + WATER, 0) >= share and dirt >= share and water_side(words) != HOT_WATER


def _similarity_needed(new: NewAppeal, own: str, category: str, strength: str, area: bool,
                       policy: GroupingPolicy) -> float:
    if new.triaged:
        return policy.triaged_min_similarity
    if not area:
        return policy.min_similarity[strength]
    if own == category and TOPIC + category in new.words:
        # The same utility's failure in the incident's area: one failure, however the resident words it ("улицу
        # залило, из колодцев идёт вода" beside "канализация хлещет из люков").
        return 0.0
    # An outage's appeals from the same house need no closer wording than those from the same district.
    return min(policy.min_similarity[strength], policy.min_similarity["district"])


def _category_reason(appeal: Appeal, own: str, category: str, triaged: bool) -> str:
    said = own if triaged or own == appeal.category else f"{appeal.category} read as {own}"
    said = f"undecided, its words say {said}" if triaged else said
    return said if own == category else f"{said} covers {category}"


def _reason(kind: str, matched: dict[str, Any]) -> Reason:
    place = {"house": "the same house", "street": "the same street", "district": "the same district",
             "distance": "nearby"}[matched["place"]]
    return Reason(f"{kind}: {place}, {matched['category']}, {matched['hours_apart']} h apart, similar words "
                  f"({', '.join(matched['words'])}; {matched['similarity']})", matched)


def names_no_place(new: NewAppeal) -> bool:
    """Whether the appeal says nowhere its problem is: no street, district or house the town's streets name, no
    coordinates ("верните тепло", "у нас темно", "у старого кинотеатра")."""
    return names_no_address(new) and new.coordinates is None


def names_no_address(new: NewAppeal) -> bool:
    """Whether the appeal names no street, district or house (it may have coordinates)."""
    return not any(key.startswith((STREET, DISTRICT, HOUSE)) for key in new.place_keys)


# An area outage is seen on this many streets at least, by this many residents at least: not one house's trouble
# its neighbours wrote of too, nor two messages that happened to agree.
AREA_OUTAGE_STREETS = 2
AREA_OUTAGE_MEMBERS = 3


def _is_area_outage(incident: Incident, new: NewAppeal, policy: GroupingPolicy) -> bool:
    """An open outage seen on two streets or more by three residents or more, of the appeal's category or one it
    covers that its words name ("нет отопления в доме", to the management company: the heating's), within the
    window."""
    own = new.category or ""
    streets = {key for key in incident.place_keys if key.startswith(STREET)}
    named = incident.category == own or (covered(own, incident.category) and (
        TOPIC + incident.category in new.words or names_its_water(new.words, incident.problem_words)))
    return (incident.joinable and incident.municipality == new.appeal.municipality and named
            and incident.category in AREA_CATEGORIES and len(streets) >= AREA_OUTAGE_STREETS
            and len(incident.members) >= AREA_OUTAGE_MEMBERS
            and incident_is_outage(incident)
            and abs(new.appeal.received_at - incident.last_member_at) <= policy.window(incident.category))


def _far_from_its_members(new: NewAppeal, incident: Incident, policy: GroupingPolicy, reach: float = 0.0) -> bool:
    """The appeal's coordinates are beyond the distance (or `reach`, if farther) from every member's that has some:
    elsewhere."""
    here = new.coordinates
    theirs = [c for member in incident.members if (c := member.coordinates) is not None]
    return here is not None and bool(theirs) and all(
        distance_m(here, c) > max(policy.distance_m, reach) for c in theirs)


# An outage seen over a wider area is met anywhere as far from its members as they are spread, up to this: about a
# district's width, beyond which an appeal with coordinates only is in another part of the town.
MAX_REACH_M = 2_000.0


def reach_m(incident: Incident) -> float:
    """How far from its located members an appeal with coordinates only may be and still be in the outage's area:
    as far as the members are spread (`extent_m`), at most `MAX_REACH_M`."""
    return min(extent_m(incident), MAX_REACH_M)


def extent_m(incident: Incident) -> float:
    """How wide the incident's located members are spread: the diagonal of the box around their coordinates (0 with
    fewer than two)."""
    theirs = [c for member in incident.members if (c := member.coordinates) is not None]
    if len(theirs) < 2:
        return 0.0
    latitudes, longitudes = [c[0] for c in theirs], [c[1] for c in theirs]
    return distance_m((min(latitudes), min(longitudes)), (max(latitudes), max(longitudes)))


def the_towns_only_outage(new: NewAppeal, town_incidents: Sequence[Incident], policy: GroupingPolicy) -> Match:
    """An appeal that names no place (or only coordinates, near one of the outage's members if any has them: within
    the distance, or as far as the members are spread, `reach_m`) joins the town's open area outage of its category
    (or, when there is none, of a category it covers and names) when there is only one among `town_incidents` (the
    town's most recent of its family), not of the other water, and its words say that supply is missing, in the
    words the incident's members use; otherwise it stays alone."""
    own = new.category
    if own not in AREA_CATEGORIES or not names_no_address(new) or not (
            is_outage(new.words) or dirty_tap_water(new.words)):
        return ALONE
    outages = [incident for incident in town_incidents if _is_area_outage(incident, new, policy)
               and (is_outage(new.words) or its_repair_s_end(new.words, incident.problem_words,
                                                             len(incident.members)))
               and not _far_from_its_members(new, incident, policy, reach_m(incident))
               and not other_water(new.words, incident.problem_words)
               and not other_problem(new.words, incident.problem_words, len(incident.members))]
    # Its own category's outage first: a heating appeal's "нет горячей" names the water too.
    outages = [incident for incident in outages if incident.category == own] or outages
    outages = _the_water_it_names(new.words, outages)
    if len(outages) != 1 or not (TOPIC + outages[0].category in new.words
                                 or names_its_water(new.words, outages[0].problem_words)):
        return ALONE
    incident = outages[0]
    text = containment(new.words, incident)
    if text < (policy.triaged_min_similarity if new.triaged else policy.min_similarity["district"]):
        return ALONE
    shared_words = sorted(new.words.keys() & incident.problem_words.keys(), key=lambda w: -new.words[w])[:8]
    hours = round(abs(new.appeal.received_at - incident.last_member_at).total_seconds() / 3600, 1)
    said = _category_reason(new.appeal, own, incident.category, new.triaged)
    matched = {"category": said, "place": "town", "place_keys": [], "similarity": round(text, 3),
               "words": shared_words, "hours_apart": hours}
    return Match(Decision.JOIN, incident.id, Reason(
        f"joined the incident: no place given; the town's only open {incident.category} outage, {said}, "
        f"{hours} h apart, similar words ({', '.join(shared_words)}; {round(text, 3)})", matched),
        PLACE_STRENGTH["district"] + text)


def _the_water_it_names(words: ProblemWords, outages: list[Incident]) -> list[Incident]:
    """Of two outages, one of hot water and one not, the one whose water the appeal names: water without "hot" or a
    street's flood is the water network's, hot water the heat point's; both when it names neither."""
    hot = [incident for incident in outages if water_side(incident.problem_words) == HOT_WATER]
    if len(outages) != 2 or len(hot) != 1:
        return outages
    if names_the_networks_water(words):
        return [incident for incident in outages if incident not in hot]
    return hot if names_hot_water(words) else outages


# Two candidates whose scores (place strength + similarity) are closer than this fit the appeal about equally.
AMBIGUOUS_MARGIN = 0.1


def names_water_only(words: ProblemWords) -> bool:
    """Water named with no word of hot ("без воды", "вода не идёт"): the water network's supply."""
    return (complained_of(words) == WATER and water_side(words) is None
            and not any(word in (KIND + HOT, "горячий", "горячка") for word in words))


def names_the_networks_water(words: ProblemWords) -> bool:
    """Water named without "hot", a street flooded ("из асфальта бьёт фонтан"), or the water back dirty ("вода
    появилась, но ржавая"), hot not named: the water network's."""
    return names_water_only(words) or (
        (complained_of(words) == FLOOD or water_back_dirty(words))
        and water_side(words) != HOT_WATER and not any(word in (KIND + HOT, "горячий") for word in words))


def names_hot_water(words: ProblemWords) -> bool:
    """Hot water named, cold water not said to be missing ("кран с горячей открываешь, а там ледяная")."""
    return (water_side(words) != COLD_WATER and KIND + HEAT not in words
            and any(word in (KIND + HOT, HOT_WATER) for word in words))


def two_problems(first: Incident, second: Incident) -> bool:
    """Whether two open incidents are about different problems, as their members word them: one of hot water and
    one of cold, or areas that share no street."""
    streets = [{key for key in incident.place_keys if key.startswith(STREET)} for incident in (first, second)]
    return (other_water(first.problem_words, second.problem_words)
            or (all(streets) and not streets[0] & streets[1]))


# Members with coordinates an appeal's own coordinates are compared with before it joins by the district alone.
LOCATED_MEMBERS = 2


def another_area(new: NewAppeal, incident: Incident, policy: GroupingPolicy) -> bool:
    """Whether the appeal's coordinates are far from every located member's though several members are located: a
    second area of the district, not the incident's, which the district alone does not join it to."""
    located = sum(member.coordinates is not None for member in incident.members)
    return located >= LOCATED_MEMBERS and _far_from_its_members(new, incident, policy)


def names_one_of_its_streets(new: NewAppeal, incident: Incident) -> bool:
    """Whether the appeal names a street the incident's members named: where it says its problem is, the incident
    is seen."""
    return any(key.startswith(STREET) and key in incident.place_keys for key in new.place_keys)


def _the_one_that_fits(new: NewAppeal, fitting: list[Match], incidents: Sequence[Incident]) -> Match:
    """The best fitting incident; or, when two of different problems fit about equally, the one on a street the
    appeal names if the other is not (it fits the other by its district or coordinates only), else the one whose
    water the appeal names, else none: water named without "hot" is the water network's, not a heat point's ("без
    воды" on a street that both a burst main and a heat point's repair left dry); joining either could be wrong, so
    neither, nor a third beside them."""
    if not fitting:
        return ALONE
    fitting = sorted(fitting, key=lambda match: -match.score)
    by_id = {incident.id: incident for incident in incidents}
    fitting = _its_own_water_first(new, fitting, by_id)
    if (len(fitting) == 1 or fitting[0].score - fitting[1].score >= AMBIGUOUS_MARGIN
            or not two_problems(by_id[fitting[0].target or ""], by_id[fitting[1].target or ""])):
        return fitting[0]
    on_its_street = [match for match in fitting[:2] if names_one_of_its_streets(new, by_id[match.target or ""])]
    if len(on_its_street) == 1:
        return on_its_street[0]
    hot = [match for match in fitting[:2] if water_side(by_id[match.target or ""].problem_words) == HOT_WATER]
    not_hot = [match for match in fitting[:2] if match not in hot]
    if len(hot) == 1 and names_the_networks_water(new.words):
        return not_hot[0]
    if len(hot) == 1 and names_hot_water(new.words):
        return hot[0]
    return Match(Decision.ALONE, None, Reason(
        f"fits two open incidents about equally ({fitting[0].target}, {fitting[1].target}): joins neither"))


def _its_own_water_first(new: NewAppeal, fitting: list[Match], by_id: Mapping[str, Incident]) -> list[Match]:
    """The fitting incidents, the water network's first when the appeal names its water (no "hot", the water back
    dirty) and the best fitting is the hot water's: a heat point's residents name the cold streets and words too
    ("у подруги на Украинской холодной нет"), so its score says less than the water named."""
    if len(fitting) < 2 or not names_the_networks_water(new.words):
        return fitting
    hot = [match for match in fitting if water_side(by_id[match.target or ""].problem_words) == HOT_WATER]
    if fitting[0] not in hot:
        return fitting
    return [match for match in fitting if match not in hot] + hot


def decide(new: NewAppeal, incidents: Sequence[Incident], recent: Sequence[Appeal],
           recent_places: Mapping[str, tuple[str, ...]], recent_words: Mapping[str, ProblemWords],
           policy: GroupingPolicy, now: datetime) -> Match:
    """Join the best open incident, or start one with the best recent appeal, or stay alone. `recent_places` and
    `recent_words`: each recent appeal's place keys and problem words, by its id. An appeal that names no place is
    decided by `the_towns_only_outage` instead."""
    fitting: list[Match] = []
    for incident in incidents:
        if not incident.joinable or new.appeal.id in incident.member_ids:
            continue
        coordinates = [c for m in incident.members if (c := m.coordinates) is not None]
        judged = _judge(new, incident.municipality, incident.category, incident.last_member_at, incident.place_keys,
                        coordinates, incident.problem_words, containment(new.words, incident),
                        incident_is_outage(incident), policy, len(incident.members))
        if judged is not None and not (judged[1]["place"] == "district" and another_area(new, incident, policy)):
            fitting.append(Match(Decision.JOIN, incident.id, _reason("joined the incident", judged[1]), judged[0]))
    best = _the_one_that_fits(new, fitting, incidents)
    if fitting or new.triaged:
        # An open incident about the problem wins: a second one beside it would split the problem in two; so does
        # an appeal fitting two about equally, which joins neither and starts no third. An undecided appeal starts
        # nothing.
        return best
    for other in recent:
        if other.id == new.appeal.id or other.incident_id is not None or other.category is None:
            continue
        if other.received_at > now:
            continue
        location = other.location
        coordinates = [(location.latitude, location.longitude)] if location is not None else []
        words = recent_words.get(other.id, {})
        judged = _judge(new, other.municipality, other.category, other.received_at, recent_places.get(other.id, ()),
                        coordinates, words, similarity(new.words, words),
                        says_an_outage(words, recent_places.get(other.id, ())), policy)
        if judged is not None and judged[0] > best.score:
            best = Match(Decision.START, other.id, _reason("started with a similar appeal", judged[1]), judged[0])
    return best
