"""Grouping's reads per new appeal (issue 17) at 1,000 and at 100,000 open appeals, in a fresh project of its own on
the emulator: open routed appeals of one town and category family, spread over its streets and districts, written in
batches as the functions write them (adapters/appeal_documents.py); then a new appeal at a place with its own few
open appeals is grouped by the service's own code in this process (services/grouping.py over
adapters/firestore_incidents.py), its documents read counted. The same constant is expected at both sizes: the
candidate queries are equalities on indexed fields, a time bound and a limit."""
from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.context import Context, Row
from bench.data import towns, write_documents
from otklik.adapters.appeal_documents import appeal_document
from otklik.adapters.firestore_appeals import FirestoreAppealRepository
from otklik.adapters.firestore_client import firestore_client
from otklik.adapters.firestore_incidents import FirestoreIncidents
from otklik.devstack.emulators import wipe_firestore
from otklik.domain.classification import Classification
from otklik.domain.ids import appeal_id_for
from otklik.domain.incidents.matching import GroupingPolicy
from otklik.domain.model import Appeal, Author, Channel, SourceKind, SourceRef
from otklik.domain.routing import apply_route, decide_route
from otklik.domain.towns import TownConfig
from otklik.services.grouping import GroupingService
from otklik.services.locating import with_places
from tests.support import TOWN

NOW = datetime(2026, 12, 14, 0, 0, tzinfo=UTC)
# The place's own open appeals at each measurement: more than a candidate query reads.
AT_THE_PLACE = 30


class _Towns:
    def __init__(self, configured: Mapping[str, TownConfig]) -> None:
        self._towns = configured

    def all(self) -> Mapping[str, TownConfig]:
        return self._towns


def _water_appeal(number: int, text: str, received: datetime, configured: dict[str, TownConfig],
                  policy: GroupingPolicy) -> Appeal:
    event = f"g{number}"
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE, event_id=event,
                       chat_id=str(number))
    appeal = Appeal(id=appeal_id_for(Channel.TELEGRAM, "yuzhno", event), municipality=TOWN, channel=Channel.TELEGRAM,
                    source=source, author=Author(platform_user_id=f"u{number}"), text=text, received_at=received)
    decision = decide_route(appeal, Classification("water", 0.9, False, ["вода"], "appeal"), configured)
    return with_places(apply_route(appeal, decision, received), configured[TOWN], policy.distance_m)


def measure_grouping(ctx: Context) -> None:
    settings = ctx.settings.model_copy(update={"project_id": f"bench-grouping-{ctx.run_id}"})
    client = firestore_client(settings.project_id)
    repository = FirestoreAppealRepository(client, settings.timezone, settings.firestore_timeout_seconds)
    incidents = FirestoreIncidents(client, repository)
    configured = towns()
    policy = GroupingPolicy()
    grouping = GroupingService(incidents, incidents, _Towns(configured), policy, lambda: NOW)
    # Open appeals elsewhere in the town: the same family, other streets and houses (streets of other districts than
    # the two measured places').
    measured_at = {"Луговое": "Лучистая", "Ново-Александровск": "Советская"}
    elsewhere_streets = [s for district, streets in configured[TOWN].districts.items() if district not in measured_at
                         for s in streets]
    numbers = iter(range(10**6, 10**8))

    def elsewhere(count: int) -> Iterator[tuple[str, dict[str, Any]]]:
        for index in range(count):
            number = next(numbers)
            street = elsewhere_streets[number % len(elsewhere_streets)]
            appeal = _water_appeal(number, f"Нет воды, ул. {street} {number % 90 + 1}",
                                   NOW - timedelta(minutes=index % 600), configured, policy)
            yield appeal.id, appeal_document(appeal, settings.timezone)

    def the_place(street: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for index in range(AT_THE_PLACE):
            appeal = _water_appeal(next(numbers), f"Нет воды, ул. {street} {index + 1}",
                                   NOW - timedelta(minutes=index), configured, policy)
            yield appeal.id, appeal_document(appeal, settings.timezone)

    def reads_for_a_new_appeal(street: str) -> tuple[int, str]:
        new = _water_appeal(next(numbers), f"Воды нет с утра, ул. {street} 99", NOW, configured, policy)
        write_documents(client, [(new.id, appeal_document(new, settings.timezone))])
        incidents.reads = 0
        grouped = grouping.group(new)
        return incidents.reads, str(grouped.decision)

    measured: dict[int, dict[str, Any]] = {}
    sizes = (1_000, ctx.config.grouping_open)
    written = 0
    write_seconds = 0.0
    try:
        for size, street in zip(sizes, measured_at.values(), strict=True):
            started = time.perf_counter()
            written += write_documents(client, elsewhere(size - written))
            written += write_documents(client, the_place(street))
            write_seconds += time.perf_counter() - started
            started = time.perf_counter()
            reads, decision = reads_for_a_new_appeal(street)
            measured[size] = {"open": written, "reads": reads, "decision": decision,
                              "seconds": time.perf_counter() - started}
    finally:
        wipe_firestore(ctx.firestore_host, settings.project_id)
    allowed = policy.incidents_read + policy.appeals_read + 3
    small, large = (measured[size] for size in sizes)
    ctx.results["grouping"] = {"measured": {str(k): v for k, v in measured.items()}, "reads_allowed": allowed,
                               "write_seconds": write_seconds, "written": written}
    ctx.add(
        Row("grouping", f"reads per new appeal, {small['open']:,} open", small["reads"], allowed, "docs", None,
            f"<= {allowed}", small["reads"] <= allowed, small["decision"]),
        Row("grouping", f"reads per new appeal, {large['open']:,} open", large["reads"], allowed, "docs", None,
            f"the same as at {small['open']:,}", large["reads"] == small["reads"] and large["reads"] <= allowed,
            f"{large['decision']}; {large['seconds'] * 1000:.0f} ms on the emulator"),
        Row("grouping", "open appeals written (emulator)", write_seconds, unit="s",
            note=f"{written:,} documents at {written / write_seconds:,.0f} docs/s"),
    )
