"""A town whose residents write, whose route_appeal routes what arrives and group_appeal groups what it routed, and
whose operators triage, over the in-memory fakes: what the grouping tests drive."""
from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from otklik.domain.incidents.matching import GroupingPolicy
from otklik.domain.model import Appeal, Channel, Location
from otklik.messages import AppealReceived, AppealRouted
from otklik.services.group_appeal import GroupAppealService
from otklik.services.grouping import GroupingService
from otklik.services.incident_joins import JoinFolding
from otklik.services.ingest import IngestService
from otklik.services.locating import Locating
from otklik.services.routing import RoutingService
from otklik.services.work import WorkService
from tests.builders import TOWN, a_message, a_regional_appeal
from tests.fakes import (
    TOPICS,
    Clock,
    InMemoryAppeals,
    InMemoryIncidents,
    Photos,
    RecordingPublisher,
    configured_towns,
    relay,
)

DATA = Path(__file__).resolve().parents[1] / "data"
_accounts = {Channel.VK: "218734512", Channel.TELEGRAM: "yuzhno", Channel.OK: "yuzhno-ok", Channel.MAX: "yuzhno-max"}


class GroupingTown:
    """Residents of Южно-Сахалинск writing on any channel; each message stored, routed and grouped as the functions
    do: route_appeal, then group_appeal on the appeal.routed it published."""

    def __init__(self, clock: Clock, policy: GroupingPolicy | None = None) -> None:
        self.clock = clock
        policy = policy or GroupingPolicy()
        self.appeals = InMemoryAppeals()
        self.incidents = InMemoryIncidents(self.appeals)
        self.published = RecordingPublisher()
        outbox = relay(self.appeals, self.published)
        self.grouping = GroupingService(self.incidents, self.incidents, configured_towns(), policy, clock,
                                        outbox=outbox)
        self.ingest = IngestService(self.appeals, outbox, clock)
        self.routing = RoutingService(self.appeals, self.appeals, configured_towns(), outbox, clock,
                                      locating=Locating(policy.distance_m))
        self.group_appeal = GroupAppealService(self.appeals, lambda: self.grouping)
        self.folding = JoinFolding(self.incidents, configured_towns(), outbox, clock, page_size=80)
        self.work = WorkService(self.appeals, self.appeals, configured_towns(), Photos(), self.ingest, outbox, clock,
                                grouping=lambda: self.grouping)
        self._chats = itertools.count(7000)

    def writes(self, text: str, *, channel: Channel = Channel.TELEGRAM, location: Location | None = None,
               fold: bool = True) -> str:
        """A resident's message, stored and routed (its join folded in, unless not `fold`); the appeal's id."""
        if channel is Channel.REGIONAL:
            appeal = a_regional_appeal(text, received_at=self.clock())
            appeal_id = self.ingest.store(appeal.model_copy(update={"location": location})).appeal_id
        else:
            message = a_message(text, channel=channel, account=_accounts[channel], chat=str(next(self._chats)),
                                sent_at=self.clock(), location=location)
            appeal_id = self.ingest.receive(message, TOWN).appeal_id
        self.route(appeal_id, fold=fold)
        return appeal_id

    def route(self, appeal_id: str, *, fold: bool = True) -> None:
        """Routed, then grouped by the appeal.routed messages routing published (every one: group_appeal takes
        routing's first decision only); with `fold`, the joins are folded into their incidents, as fan_out_incident
        does right after."""
        appeal = self.appeal(appeal_id)
        published = len(self.published.published)
        self.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality,
                                           channel=appeal.channel, received_at=appeal.received_at))
        self.group_routed(published)
        if fold:
            self.fold()

    def group_routed(self, since: int = 0) -> None:
        """group_appeal handles the appeal.routed messages published since the `since`-th message."""
        routed_topic = TOPICS.name(TOPICS.appeal_routed)
        for topic, data, _ in self.published.published[since:]:
            if topic == routed_topic:
                self.group_appeal.handle(AppealRouted.model_validate_json(data))

    def fold(self) -> None:
        """Every pending join folded, including those a fold sent on to a merged-into incident."""
        for _ in range(3):
            for incident_id in [i for i, pending in self.incidents.pending.items() if pending]:
                self.folding.fold(incident_id)

    def appeal(self, appeal_id: str) -> Appeal:
        return self.appeals.current(appeal_id)


def storm_lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    true_pairs: int
    grouped_pairs: int


def pair_scores(labels: dict[str, str | None], incidents: dict[str, str | None]) -> PairScores:
    """Precision and recall over pairs of messages: a pair is grouped when both are in the same incident, and truly
    one problem when both carry the same label."""
    true = grouped = both = 0
    for first, second in itertools.combinations(labels, 2):
        same_problem = labels[first] is not None and labels[first] == labels[second]
        same_incident = incidents[first] is not None and incidents[first] == incidents[second]
        true += same_problem
        grouped += same_incident
        both += same_problem and same_incident
    return PairScores(both / grouped if grouped else 0.0, both / true if true else 0.0, true, grouped)


def play(town: GroupingTown, lines: Iterable[dict[str, Any]], start: datetime) -> dict[str, str]:
    """Each line written at its minute; the line's id → its appeal's id."""
    appeal_ids = {}
    for line in lines:
        town.clock.now = start + timedelta(minutes=line["minutes"])
        location = Location(**line["location"]) if "location" in line else None
        appeal_ids[line["id"]] = town.writes(line["text"], channel=Channel(line["channel"]), location=location)
    return appeal_ids
