"""The late join (issue 17): appeals written before their outage's incident existed stayed alone, or undecided in
triage; when a join makes the incident an outage of an area, or doubles its members, grouping looks back at a few
recent appeals of the town at its streets, districts and coordinates' cells, or that named no place, and joins those
the rules of a new appeal (matching.decide, matching.the_towns_only_outage) would join to the incident as it now is.
An undecided one takes the incident's category and department, as it would have on arrival (undecided.py); a late
join never starts an incident. A small incident of the town's (fewer than four members) each of whose members would
join the incident now is merged into it (`absorbs_late`): two of the outage's first residents paired before it
existed. Pure: `now` is given.

The look back is bounded twice: a few appeals are read at each look, and an incident is looked back for only when it
first spans two streets with three members or its members reach 4, 8, 16… (each a doubling), so at most a handful of
times in its life."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from otklik.domain.incidents.matching import (
    ALONE,
    AREA_OUTAGE_MEMBERS,
    AREA_OUTAGE_STREETS,
    Decision,
    GroupingPolicy,
    Match,
    NewAppeal,
    decide,
    names_no_place,
    the_towns_only_outage,
)
from otklik.domain.incidents.model import Incident, Reason
from otklik.domain.incidents.places import CELL, DISTRICT, STREET, UNPLACED

# The fewest members a doubling is looked back at: an incident of two or three is still being started.
FIRST_DOUBLING = 4
# The keys a look back is found by, at most: what one array-contains-any query takes.
LOOK_BACK_KEYS = 30
LATE = "joined late: "


def _area(incident: Incident | None) -> bool:
    """Seen on AREA_OUTAGE_STREETS streets by AREA_OUTAGE_MEMBERS residents: what an area outage is seen as."""
    return incident is not None and len(incident.members) >= AREA_OUTAGE_MEMBERS and sum(
        key.startswith(STREET) for key in incident.place_keys) >= AREA_OUTAGE_STREETS


def _doubled(before: int, after: int) -> bool:
    """Whether the members reached a power of two (from FIRST_DOUBLING) with this join."""
    return any(before < size <= after for size in _doublings(after))


def _doublings(most: int) -> list[int]:
    sizes, size = [], FIRST_DOUBLING
    while size <= most:
        sizes.append(size)
        size *= 2
    return sizes


def worth_looking_back(before: Incident | None, after: Incident) -> bool:
    """Whether the join that made `after` of `before` (None: the incident was just started) made it an area outage,
    seen on two streets by three residents for the first time, or doubled its members."""
    became_area = not _area(before) and _area(after)
    members_before = 0 if before is None else len(before.members)
    return after.joinable and (became_area or _doubled(members_before, len(after.members)))


def look_back_keys(incident: Incident) -> tuple[str, ...]:
    """What the appeals looked back at are found by: UNPLACED, and the incident's streets, districts and cells (an
    incident keeps its area keys before its houses), LOOK_BACK_KEYS at most."""
    return (UNPLACED, *(key for key in incident.place_keys
                        if key.startswith((STREET, DISTRICT, CELL))))[:LOOK_BACK_KEYS]


def joins_late(new: NewAppeal, incident: Incident, town_incidents: Sequence[Incident], policy: GroupingPolicy,
               now: datetime) -> Match:
    """Whether an appeal left alone (or undecided) joins the incident as it now is, by the rules a new appeal is
    joined by, among the incident and the town's other open incidents of its family (`town_incidents`, a few, the
    incident among them as it was read): at a place, the one that fits it best, unless another fits about as well;
    naming no place, the town's only outage."""
    if new.appeal.incident_id is not None or new.appeal.id in incident.member_ids:
        return ALONE
    incidents = [incident, *(i for i in town_incidents if i.id != incident.id)]
    if names_no_place(new):
        match = the_towns_only_outage(new, incidents, policy)
    else:
        match = decide(new, incidents, [], {}, {}, policy, now)
    if match.decision is not Decision.JOIN or match.target != incident.id:
        return ALONE
    return Match(Decision.JOIN, incident.id, Reason(LATE + match.reason.text, match.reason.matched), match.score)


def _disjoint_streets(first: Incident, second: Incident) -> bool:
    """Both seen on streets, none of them shared: two problems of a district, not one grown apart."""
    streets = [{key for key in incident.place_keys if key.startswith(STREET)} for incident in (first, second)]
    return all(streets) and not streets[0] & streets[1]


# An incident this small (fewer than the first doubling's members) that grew beside an outage may be the outage's own
# start: two of its first residents paired before the outage's incident existed.
MERGED_LATE = "merged late: "


def absorbs_late(incident: Incident, small: Incident, members: Sequence[NewAppeal],
                 town_incidents: Sequence[Incident], policy: GroupingPolicy, now: datetime) -> Match:
    """Whether `small`, an open incident of the incident's town and category with fewer than FIRST_DOUBLING members
    (`members`: its appeals as matching reads them), is the incident's problem: each of its members, were it alone,
    would join the incident as it now is by the rules of a new appeal, and no other of the town's open incidents
    (`town_incidents`) about as well (hot water's members join no cold water's outage); and the two are not seen on
    disjoint streets (`_disjoint_streets`: the district's other problem, which its members' district alone would
    join). Then it is merged into the incident; otherwise ALONE."""
    if (small.id == incident.id or not small.joinable or not incident.joinable
            or len(small.members) >= FIRST_DOUBLING or len(members) != len(small.members)
            or small.category != incident.category or small.municipality != incident.municipality
            or _disjoint_streets(small, incident)):
        return ALONE
    rivals = [incident, *(i for i in town_incidents if i.id not in (incident.id, small.id))]
    matches = []
    for new in members:
        match = (the_towns_only_outage(new, rivals, policy) if names_no_place(new)
                 else decide(new, rivals, [], {}, {}, policy, now))
        if match.decision is not Decision.JOIN or match.target != incident.id:
            return ALONE
        matches.append(match)
    weakest = min(matches, key=lambda match: match.score)
    return Match(Decision.JOIN, incident.id, Reason(
        f"{MERGED_LATE}each of its {len(matches)} members fits the incident ({weakest.reason.text})",
        {**weakest.reason.matched, "merged": small.id}), weakest.score)
