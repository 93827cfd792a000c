"""Grouping a routed appeal (issue 17): it joins an open incident about the same problem, starts one with a similar
recent appeal, or stays alone. Runs in group_appeal on the appeal.routed of routing's first decision (and right after
an operator's triage), and again on a redelivery of that message while the appeal is in no incident: each run reads a
bounded number of candidates. Starting an incident writes it and its two appeals in one transaction, which re-checks
what it read; joining one writes only the appeal and a pending join beside the incident, in the appeal's transaction
(services/incident_joins.py folds it into the incident). A join that makes its incident an area outage or doubles its
members then looks back at a few of the town's appeals written before the incident existed, and joins those that fit
it (the late join, domain/incidents/late.py); a small incident two of its first residents started meanwhile is merged
into it when each of its members fits it (the late merge)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from otklik.domain.incidents.categories import category_family
from otklik.domain.incidents.late import (
    FIRST_DOUBLING,
    absorbs_late,
    joins_late,
    look_back_keys,
    worth_looking_back,
)
from otklik.domain.incidents.matching import (
    ALONE,
    Decision,
    GroupingPolicy,
    Match,
    NewAppeal,
    decide,
    names_no_address,
    names_no_place,
    the_towns_only_outage,
)
from otklik.domain.incidents.members import joining_member_receives
from otklik.domain.incidents.model import (
    GROUPER,
    MEMBER_STATUSES,
    Incident,
    IncidentConflict,
    IncidentStatus,
    applied,
    fold,
    incident_id_for,
    join,
    merge,
    start,
)
from otklik.domain.incidents.places import DISTRICT, STREET, where
from otklik.domain.incidents.problem import problem_words
from otklik.domain.incidents.undecided import UNDECIDED_FAMILY, classifier_undecided, routed_by_incident
from otklik.domain.model import Appeal, Status
from otklik.domain.towns import TownConfig, auto_resolve_after
from otklik.services import locating
from otklik.services.events import joined_message, write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealWrite, GroupingCandidates, IncidentStore, IncidentWrite, TownDirectory

log = logging.getLogger(__name__)
# A transaction that finds its candidate taken meanwhile (another appeal started the incident first) decides again.
ATTEMPTS = 2


def _stems(place_keys: tuple[str, ...]) -> tuple[str, ...]:
    """The street and district stems of stored place keys ("street:лучист" → "лучист")."""
    return tuple(key.split(":")[1] for key in place_keys if key.startswith((STREET, DISTRICT)))


@dataclass(frozen=True)
class Grouped:
    decision: Decision
    incident_id: str | None
    reason: str


class GroupingService:
    def __init__(self, incidents: IncidentStore, candidates: GroupingCandidates, towns: TownDirectory,
                 policy: GroupingPolicy, clock: Callable[[], datetime], outbox: OutboxRelay | None = None) -> None:
        self._outbox = outbox
        self._incidents = incidents
        self._candidates = candidates
        self._towns = towns
        self._policy = policy
        self._clock = clock

    def located(self, appeal: Appeal, town: TownConfig | None) -> Appeal:
        """The routed appeal with its place keys, written in routing's own commit."""
        return locating.with_places(appeal, town, self._policy.distance_m)

    def group(self, appeal: Appeal) -> Grouped:
        for _ in range(ATTEMPTS):
            if not self._may_group(appeal):
                return Grouped(Decision.ALONE, appeal.incident_id, "not an appeal grouping takes")
            match, incidents = self._match(appeal)
            if match.decision is Decision.ALONE:
                return Grouped(Decision.ALONE, None, match.reason.text)
            if match.decision is Decision.JOIN and appeal.status is Status.NEEDS_TRIAGE:
                written = self._place_undecided(appeal, match, incidents)
            else:
                written = self._write(appeal, match, incidents)
            if self._outbox is not None:
                self._outbox.publish(written.appeals)  # a joining appeal's answers (reply.requested) go at once
            if written.appeals:
                incident_id = written.appeals[-1].appeal.incident_id
                log.info("appeal grouped: %s", match.decision, extra={
                    "incident_id": incident_id,
                    "place": match.reason.matched.get("place"), "similarity": match.reason.matched.get("similarity")})
                self._look_back(incidents.get(match.target or ""), written)
                return Grouped(match.decision, incident_id, match.reason.text)
            # Re-read in the transaction, the incident or the other appeal had changed: decide again from new reads.
        return Grouped(Decision.ALONE, None, "the candidates changed meanwhile")

    def _may_group(self, appeal: Appeal) -> bool:
        """A routed appeal in no incident; or one the classifier could not decide, which may join an outage."""
        if appeal.incident_id is not None:
            return False
        if appeal.status is Status.NEEDS_TRIAGE:
            return classifier_undecided(appeal)
        return appeal.status in MEMBER_STATUSES and appeal.category is not None

    def _match(self, appeal: Appeal) -> tuple[Match, dict[str, Incident]]:
        """The decision, and the open incidents it was taken among, as read."""
        town = self._towns.all().get(appeal.municipality)
        places = locating.places_of(appeal, town, self._policy.distance_m)
        new = NewAppeal.read(appeal, places.keys, problem_words(appeal.text, places.name_stems), places.coordinates)
        if new.category is None:
            return ALONE, {}
        # Found by the category its words name: an appeal the classifier read by its address ("Школьная") is found
        # by the outage it speaks of.
        since = appeal.received_at - self._policy.window(new.category)
        family = category_family(new.category)
        if names_no_place(new):
            # Nowhere to look by: the town's few most recent incidents of the family, for its one outage.
            town_incidents = self._candidates.town_incidents(appeal.municipality, family, since,
                                                             self._policy.town_incidents_read)
            return the_towns_only_outage(new, town_incidents, self._policy), {i.id: i for i in town_incidents}
        incidents = self._candidates.open_incidents(appeal.municipality, family, places.query_keys, since,
                                                    self._policy.incidents_read)
        # Coordinates alone ("46.98, 142.74 — у нас ни тепла"): the town's one outage too, unless one nearby takes
        # it; the town's incidents are read instead of as many recent appeals, so the reads stay as many.
        only_coordinates = names_no_address(new)
        town_incidents = self._candidates.town_incidents(appeal.municipality, family, since,
                                                         self._policy.town_incidents_read) if only_coordinates else []
        read = {i.id: i for i in (*incidents, *town_incidents)}
        if new.triaged:
            match = decide(new, incidents, [], {}, {}, self._policy, self._clock())
        else:
            appeals_read = self._policy.appeals_read - (self._policy.town_incidents_read if only_coordinates else 0)
            recent = self._candidates.recent_appeals(appeal.municipality, family, places.query_keys, since,
                                                     max(0, appeals_read))
            match = decide(new, incidents, recent, {a.id: a.place_keys for a in recent},
                           {a.id: self._words(a) for a in recent}, self._policy, self._clock())
        if only_coordinates and match.decision is not Decision.JOIN:
            towns_outage = the_towns_only_outage(new, town_incidents, self._policy)
            if towns_outage.decision is Decision.JOIN:
                return towns_outage, read
        return match, read

    def _look_back(self, before: Incident | None, written: IncidentWrite) -> None:
        """When the join (or the start) made the incident an area outage or doubled its members, the late join
        (domain/incidents/late.py): a bounded number of the town's recent appeals at its streets, districts and
        cells, or naming no place, left alone or undecided, join it as they would have had it existed when they came.
        Reads: two appeal queries (policy.late_join_read + late_undecided_read documents), one of the town's
        incidents (town_incidents_read), and each joining appeal's own commit."""
        after = written.incidents[0] if written.incidents else (
            fold(before, written.joins) if before is not None else None)
        if after is None or not worth_looking_back(before, after):
            return
        now = self._clock()
        since = now - self._policy.window(after.category)
        keys = look_back_keys(after)
        family = category_family(after.category)
        routed = self._candidates.recent_appeals(after.municipality, family, keys, since, self._policy.late_join_read)
        undecided = self._candidates.recent_appeals(after.municipality, UNDECIDED_FAMILY, keys, since,
                                                    self._policy.late_undecided_read)
        town = self._towns.all().get(after.municipality)
        # The incident's rivals: a late appeal joins it only if it would not have joined another open incident.
        town_incidents = self._candidates.town_incidents(after.municipality, family, since,
                                                         self._policy.town_incidents_read)
        joined = 0
        for appeal in sorted((*routed, *undecided), key=lambda a: a.received_at):
            places = locating.places_of(appeal, town, self._policy.distance_m)
            new = NewAppeal.read(appeal, places.keys, problem_words(appeal.text, places.name_stems),
                                 places.coordinates)
            match = joins_late(new, after, town_incidents, self._policy, now)
            if match.decision is not Decision.JOIN:
                continue
            late = (self._place_undecided(appeal, match, {after.id: after}) if appeal.status is Status.NEEDS_TRIAGE
                    else self._write(appeal, match, {after.id: after}))
            if self._outbox is not None:
                self._outbox.publish(late.appeals)
            if late.joins:
                after = fold(after, late.joins)
                joined += 1
        if joined:
            log.info("appeals joined late", extra={"incident_id": after.id, "joined": joined})
        self._absorb_small(after, town_incidents, town, now)

    def _absorb_small(self, after: Incident, town_incidents: list[Incident], town: TownConfig | None,
                      now: datetime) -> None:
        """The town's small open incidents of the category (fewer than four members: read among the rivals) whose
        members would each join `after` now are merged into it (late.absorbs_late), each in one commit of the two
        incidents and its few appeals."""
        for small in town_incidents:
            if small.id == after.id or not small.joinable or len(small.members) >= FIRST_DOUBLING:
                continue

            def change(found: dict[str, Incident | None], appeals: dict[str, Appeal | None],
                       kept_id: str = after.id, small_id: str = small.id) -> IncidentWrite | None:
                kept, other = found[kept_id], found[small_id]
                stored = [a for a in appeals.values() if a is not None]
                if kept is None or other is None:
                    return None
                members = [self._as_new(appeal.model_copy(update={"incident_id": None}), town) for appeal in stored]
                match = absorbs_late(kept, other, members, town_incidents, self._policy, now)
                if match.decision is not Decision.JOIN:
                    return None
                try:
                    merged = merge(kept, other, match.reason, now, actor=GROUPER)
                except IncidentConflict:
                    return None
                by_id = {appeal.id: appeal for appeal in stored}
                return IncidentWrite(merged.incidents, tuple(
                    write(by_id[member.appeal_id], applied(by_id[member.appeal_id], member))
                    for member in merged.members if member.appeal_id in by_id))

            written = self._incidents.transact([after.id, small.id], list(small.member_ids), change)
            if written.incidents:
                if self._outbox is not None:
                    self._outbox.publish(written.appeals)
                after = written.incidents[0]
                log.info("incident merged late", extra={"incident_id": after.id, "merged": small.id})

    def _as_new(self, appeal: Appeal, town: TownConfig | None) -> NewAppeal:
        places = locating.places_of(appeal, town, self._policy.distance_m)
        return NewAppeal.read(appeal, places.keys, problem_words(appeal.text, places.name_stems), places.coordinates)

    def _words(self, appeal: Appeal) -> dict[str, float]:
        return problem_words(appeal.text, _stems(appeal.place_keys))

    def _write(self, appeal: Appeal, match: Match, incidents: dict[str, Incident]) -> IncidentWrite:
        now = self._clock()
        assert match.target is not None
        if match.decision is Decision.JOIN:
            incident = incidents[match.target]
            return self._incidents.transact([], [appeal.id], lambda _, a: self._join(incident, a[appeal.id], match,
                                                                                     now))
        incident_id = incident_id_for(f"{match.target}|{appeal.id}")
        return self._incidents.transact(
            [incident_id], [match.target, appeal.id],
            lambda i, a: self._start(incident_id, i[incident_id], a[match.target or ""], a[appeal.id], match, now))

    def _place_undecided(self, appeal: Appeal, match: Match, incidents: dict[str, Incident]) -> IncidentWrite:
        """An appeal in triage joins the outage: routed to the incident's category and department and joined (the
        same join as a routed appeal's) in the appeal's transaction, which finds it still undecided."""
        now = self._clock()
        incident = incidents[match.target or ""]

        def change(_: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            stored = appeals[appeal.id]
            if stored is None or not classifier_undecided(stored):
                return None
            try:
                routed = routed_by_incident(stored, incident, match.reason, now)
            except IncidentConflict:
                return None
            # One change of the stored appeal: its routing and its joining, with the messages of both.
            return self._join(incident, routed, match, now, stored=stored)

        return self._incidents.transact([], [appeal.id], change)

    def _join(self, incident: Incident, appeal: Appeal | None, match: Match, now: datetime, *,
              stored: Appeal | None = None) -> IncidentWrite | None:
        """The appeal joins the incident as the candidates' query read it: the appeal's own commit re-checks the
        appeal only; the fold re-reads the incident (what it was told since, a merge meanwhile). `stored`: the appeal
        as stored, when `appeal` is already changed in this commit (routed by the incident)."""
        if appeal is None:
            return None
        try:
            pending, entry = join(incident, appeal, match.reason, now, place_keys=where(appeal.place_keys),
                                  problem_words=tuple(self._words(appeal)))
        except IncidentConflict:
            return None
        # What the incident's residents were told, the joining appeal is told at once (domain/incidents/members.py).
        joined = joining_member_receives(
            applied(appeal, entry), incident.id, incident.work.answers,
            incident_resolved=incident.status is IncidentStatus.RESOLVED, at=now, actor=GROUPER,
            auto_resolve_after=auto_resolve_after(self._towns.all().get(appeal.municipality)))
        base = write(stored or appeal, joined)
        fold = joined_message(incident.id, incident.municipality, appeal.id)
        return IncidentWrite(appeals=(AppealWrite(base.appeal, (*base.messages, fold)),), joins=(pending,))

    def _start(self, incident_id: str, existing: Incident | None, first: Appeal | None, appeal: Appeal | None,
               match: Match, now: datetime) -> IncidentWrite | None:
        if existing is not None or first is None or appeal is None:
            return None
        pair = [first, appeal]
        try:
            change = start(incident_id, pair, match.reason, now,
                           place_keys={a.id: where(a.place_keys) for a in pair},
                           problem_words={a.id: tuple(self._words(a)) for a in pair})
        except IncidentConflict:
            return None
        by_id = {a.id: a for a in pair}
        return IncidentWrite(change.incidents, tuple(write(by_id[m.appeal_id], applied(by_id[m.appeal_id], m))
                                                     for m in change.members))
