"""The monthly figures from Firestore aggregation queries (count, sum, avg): a report costs index
entries, not a read of every appeal. Percentiles come from counts by threshold plus a read of the
few appeals around the one asked for."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.firestore_appeals import APPEALS, RECEIVED_MONTH, REPORTABLE, month_key, _storage_errors

FIRST_RESPONSE_SECONDS = "first_response_seconds"


@dataclass
class QueryCost:
    aggregations: int = 0
    documents_read: int = 0


class FirestoreReportQueries:
    def __init__(self, client: firestore.Client) -> None:
        self._appeals = client.collection(APPEALS)
        self.cost = QueryCost()

    def _month(self, town: str, month: str, **equal: Any) -> Any:
        query = self._appeals.where(filter=FieldFilter(RECEIVED_MONTH, "==", month_key(town, month)))
        query = query.where(filter=FieldFilter(REPORTABLE, "==", True))
        for path, value in equal.items():
            operator = "in" if isinstance(value, (list, tuple)) else "=="
            query = query.where(filter=FieldFilter(path, operator, list(value) if operator == "in" else value))
        return query

    @_storage_errors
    def count(self, town: str, month: str, **equal: Any) -> int:
        return int(self._aggregate(self._month(town, month, **equal).count(alias="n"))["n"])

    @_storage_errors
    def count_unreportable(self, town: str, month: str, status: str) -> int:
        query = (self._appeals.where(filter=FieldFilter(RECEIVED_MONTH, "==", month_key(town, month)))
                 .where(filter=FieldFilter("status", "==", status)))
        return int(self._aggregate(query.count(alias="n"))["n"])

    @_storage_errors
    def response_totals(self, town: str, month: str) -> tuple[int, float]:
        """How many were responded to and the sum of their seconds to first response."""
        query = self._month(town, month).where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, ">=", 0))
        aggregation = query.count(alias="n")
        aggregation.sum(FIRST_RESPONSE_SECONDS, alias="total")
        result = self._aggregate(aggregation)
        return int(result["n"]), float(result["total"] or 0)

    @_storage_errors
    def response_percentile(self, town: str, month: str, fraction: float, responded: int) -> float | None:
        """The nearest-rank percentile of seconds to first response."""
        if responded == 0:
            return None
        rank = max(1, math.ceil(fraction * responded))
        base = self._month(town, month)

        def at_most(seconds: int) -> int:
            query = base.where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, "<=", seconds))
            return int(self._aggregate(query.count(alias="n"))["n"])

        low, high = 0, 1
        while at_most(high) < rank:
            low, high = high, high * 2
        while low < high:  # the least whole second with at least `rank` responses at or below it
            middle = (low + high) // 2
            if at_most(middle) >= rank:
                high = middle
            else:
                low = middle + 1
        below = at_most(high - 1) if high > 0 else 0
        # The value itself lies in (high - 1, high]: read just the few appeals there.
        window = (base.where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, ">", high - 1))
                  .where(filter=FieldFilter(FIRST_RESPONSE_SECONDS, "<=", high))
                  .order_by(FIRST_RESPONSE_SECONDS).limit(rank - below).select([FIRST_RESPONSE_SECONDS]))
        values = [s.get(FIRST_RESPONSE_SECONDS) for s in window.stream()]
        self.cost.documents_read += len(values)
        return float(values[-1]) if values else float(high)

    def _aggregate(self, aggregation: Any) -> dict[str, Any]:
        self.cost.aggregations += 1
        (results,) = aggregation.get()
        return {result.alias: result.value for result in results}
