"""Where a routed appeal's problem is: its place keys, written in routing's own commit (and a triage's), by which
grouping (group_appeal, services/grouping.py) later finds its candidates and is found by later appeals. Kept apart
from grouping so that route_appeal stores the keys without loading grouping's matching."""
from __future__ import annotations

from typing import TYPE_CHECKING

from otklik.domain.model import Appeal
from otklik.domain.towns import TownConfig

if TYPE_CHECKING:
    from otklik.domain.incidents.places import Places

# The grid cell's side when none is configured (settings.grouping_distance_m).
DEFAULT_CELL_M = 500.0


def places_of(appeal: Appeal, town: TownConfig | None, cell_m: float = DEFAULT_CELL_M) -> Places:
    """Where the appeal's problem is, from its text, its coordinates and its town's streets; `cell_m`: the side of
    the grid cell of its coordinates (grouping's distance)."""
    # Here: its patterns load with the first appeal located (or a first message's preparation), not with routing.
    from otklik.domain.incidents.places import Gazetteer, read_places

    location = appeal.location
    return read_places(appeal.text, Gazetteer.of(town.districts) if town is not None else Gazetteer.of({}),
                       location.latitude if location else None, location.longitude if location else None, cell_m)


def with_places(appeal: Appeal, town: TownConfig | None, cell_m: float = DEFAULT_CELL_M) -> Appeal:
    """The appeal with its place keys, as routing stores it (one that names no place by UNPLACED, where a late join
    looks for it)."""
    return appeal.model_copy(update={"place_keys": places_of(appeal, town, cell_m).stored_keys})


class Locating:
    """Routing's step that stores where the problem is (its place keys) with the routed appeal."""

    def __init__(self, cell_m: float = DEFAULT_CELL_M) -> None:
        self._cell_m = cell_m

    def located(self, appeal: Appeal, town: TownConfig | None) -> Appeal:
        """The routed appeal with its place keys, written in routing's own commit."""
        return with_places(appeal, town, self._cell_m)

    @staticmethod
    def prepare(town: TownConfig | None) -> None:
        """The town's streets and districts read from its configuration, before its first appeal is located (a
        step of a first message's preparation, services/preparation.py)."""
        from otklik.domain.incidents.places import Gazetteer

        if town is not None:
            Gazetteer.of(town.districts)
