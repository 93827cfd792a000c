"""The monthly figures from Firestore aggregation queries (count, sum, avg): a report costs index
entries, not a read of every appeal. Percentiles come from counts by threshold plus a read of the
few appeals around the one asked for."""
from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.appeal_documents import RECEIVED_MONTH, REPORTABLE, month_key
from otklik.adapters.firestore_appeals import APPEALS, _storage_errors
from otklik.services.queries import Count

FIRST_RESPONSE_SECONDS = "first_response_seconds"
T = TypeVar("T")


PARALLEL_QUERIES = 8


@dataclass
class QueryCost:
    aggregations: int = 0
    documents_read: int = 0


class FirestoreReportQueries:
    """A report is some forty counts and two percentile searches: independent queries, so they run side by side
    (PARALLEL_QUERIES at a time) instead of one round trip after another."""

    def __init__(self, client: firestore.Client, parallel: int = PARALLEL_QUERIES) -> None:
        self._appeals = client.collection(APPEALS)
        self._parallel = parallel
        self.cost = QueryCost()
        self._cost_lock = threading.Lock()

    def _query(self, town: str, month: str, count: Count) -> Any:
        query = self._appeals.where(filter=FieldFilter(RECEIVED_MONTH, "==", month_key(town, month)))
        if count.reportable:
            query = query.where(filter=FieldFilter(REPORTABLE, "==", True))
        for path, value in count.equal.items():
            if isinstance(value, (list, tuple)):
                query = query.where(filter=FieldFilter(path, "in", list(value)))
            else:
                query = query.where(filter=FieldFilter(path, "==", value))
        return query

    @_storage_errors
    def counts(self, town: str, month: str, wanted: Mapping[str, Count]) -> dict[str, int]:
        names = list(wanted)
        values = self._side_by_side([partial(self._count, self._query(town, month, wanted[name])) for name in names])
        return dict(zip(names, values, strict=True))

    @_storage_errors
    def response_totals(self, town: str, month: str) -> tuple[int, float]:
        """How many were responded to and the sum of their seconds to first response."""
        query = self._query(town, month, Count()).where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, ">=", 0))
        aggregation = query.count(alias="n")
        aggregation.sum(FIRST_RESPONSE_SECONDS, alias="total")
        result = self._aggregate(aggregation)
        return int(result["n"]), float(result["total"] or 0)

    @_storage_errors
    def response_percentiles(self, town: str, month: str, fractions: Sequence[float],
                             responded: int) -> list[float | None]:
        """The nearest-rank percentiles of seconds to first response."""
        share = max(1, self._parallel // max(1, len(fractions)))
        return self._side_by_side([partial(self._percentile, town, month, fraction, responded, share)
                                   for fraction in fractions])

    def _percentile(self, town: str, month: str, fraction: float, responded: int, parallel: int) -> float | None:
        if responded == 0:
            return None
        rank = max(1, math.ceil(fraction * responded))
        base = self._query(town, month, Count())
        counted: dict[int, int] = {}

        def at_most(thresholds: list[int]) -> list[int]:
            new = [t for t in thresholds if t not in counted]
            found = self._side_by_side(
                [partial(self._count, base.where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, "<=", t))) for t in new],
                parallel)
            counted.update(zip(new, found, strict=True))
            return [counted[t] for t in thresholds]

        # The least whole second with at least `rank` responses at or below it, with `parallel` counts a round:
        # first raising the bound fourfold a probe, then narrowing it to a `parallel + 1`-th each round.
        low, start = 0, 1
        while True:
            bounds = [start * 4**i for i in range(parallel)]
            reached = [t for t, n in zip(bounds, at_most(bounds), strict=True) if n >= rank]
            if reached:
                high = reached[0]
                low = max([low, *(t for t in bounds if t < high)])
                break
            low, start = bounds[-1], bounds[-1] * 4
        while high - low > 1:
            width = high - low
            thresholds = sorted({low + width * i // (parallel + 1) for i in range(1, parallel + 1)} - {low, high})
            for threshold, n in zip(thresholds, at_most(thresholds), strict=True):
                if n >= rank:
                    high = threshold
                    break
                low = threshold
        if low == 0 and high == 1 and at_most([0])[0] >= rank:
            high = 0
        below = at_most([high - 1])[0] if high > 0 else 0
        # The value itself lies in (high - 1, high]: read just the few appeals there.
        window = (base.where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, ">", high - 1))
                  .where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, "<=", high))
                  .order_by(FIRST_RESPONSE_SECONDS).limit(rank - below).select([FIRST_RESPONSE_SECONDS]))
        values = [s.get(FIRST_RESPONSE_SECONDS) for s in window.stream()]
        with self._cost_lock:
            self.cost.documents_read += len(values)
        return float(values[-1]) if values else float(high)

    def _side_by_side(self, calls: Sequence[Callable[[], T]], parallel: int | None = None) -> list[T]:
        workers = min(parallel or self._parallel, len(calls))
        if workers <= 1:
            return [call() for call in calls]
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report-query") as pool:
            return list(pool.map(lambda call: call(), calls))

    def _count(self, query: Any) -> int:
        return int(self._aggregate(query.count(alias="n"))["n"])

    def _aggregate(self, aggregation: Any) -> dict[str, Any]:
        with self._cost_lock:
            self.cost.aggregations += 1
        (results,) = aggregation.get()
        return {result.alias: result.value for result in results}
