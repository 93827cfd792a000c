"""group_appeal: an appeal routing has just placed (routed, or sent to triage undecided) is grouped into incidents
(services/grouping.py) by a function of its own, on routing's appeal.routed (first_routing), so that route_appeal's
cold instance loads neither grouping's matching nor the incidents' queries. An operator's triage groups in its own
request (services/work.py). Idempotent: a redelivery, or an appeal already in an incident, changes nothing."""
from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from otklik.logs import correlation
from otklik.messages import AppealRouted
from otklik.services.ports import AppealStore
from otklik.services.preparation import Preparation

if TYPE_CHECKING:
    from otklik.services.grouping import GroupingService

log = logging.getLogger(__name__)


class GroupOutcome(StrEnum):
    GROUPED = "grouped"  # it started or joined an incident (a join is folded in by fan_out_incident)
    ALONE = "alone"  # no incident for it, or not an appeal grouping takes (routed to "other", decided in triage)
    ALREADY_GROUPED = "already_grouped"  # in an incident already: a redelivery
    NOT_FIRST_ROUTING = "not_first_routing"  # a triage, a move, a reopening, a decision again after an edit
    UNKNOWN_APPEAL = "unknown_appeal"


class GroupAppealService:
    def __init__(self, appeals: AppealStore, grouping: Callable[[], GroupingService],
                 preparation: Preparation | None = None) -> None:
        """`grouping`: the grouping service, made on the first appeal that needs it (a message it ignores loads
        none of it). `preparation`: started by the first appeal to group, what grouping loads (its matching, the
        morphology, the town's streets, the Pub/Sub client) loads on a thread while the appeal is read."""
        self._appeals = appeals
        self._grouping = grouping
        self._preparation = preparation

    def handle(self, message: AppealRouted) -> GroupOutcome:
        # The emulator ignores subscription filters, so the consumer checks what the filter selects.
        if not message.first_routing:
            return GroupOutcome.NOT_FIRST_ROUTING
        if self._preparation is not None:
            self._preparation.start(message.municipality)
        with correlation(message.appeal_id):
            appeal = self._appeals.get(message.appeal_id)
            if appeal is None:
                log.warning("appeal.routed for an unknown appeal; acknowledged without change")
                return GroupOutcome.UNKNOWN_APPEAL
            if appeal.incident_id is not None:
                return GroupOutcome.ALREADY_GROUPED
            grouped = self._grouping().group(appeal)
            return GroupOutcome.GROUPED if grouped.incident_id is not None else GroupOutcome.ALONE
