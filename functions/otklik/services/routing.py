"""route_appeal: classify, decide town, department and deadline, fold follow-ups, publish the result."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from otklik.domain.classification import Classification, classify
from otklik.domain.followups import FollowUp, classify_follow_up, confirm_resolution, merge, reopen, thread_key
from otklik.domain.model import Appeal, Status
from otklik.domain.routing import apply_route, deadline_from, decide_route
from otklik.domain.towns import TownConfig
from otklik.logs import correlation
from otklik.messages import AppealReceived
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealRepository, AppealWrite

log = logging.getLogger(__name__)
DEFAULT_FOLLOW_UP_WINDOW = timedelta(hours=24)
CLASSIFIER_PREPARATION = "prepare-classifier"


class RouteOutcome(StrEnum):
    ROUTED = "routed"
    NEEDS_TRIAGE = "needs_triage"
    FOLDED = "folded"
    ALREADY_HANDLED = "already_handled"
    UNKNOWN_APPEAL = "unknown_appeal"


class TownDirectory(Protocol):
    def all(self) -> Mapping[str, TownConfig]: ...


class RoutingService:
    def __init__(self, repository: AppealRepository, towns: TownDirectory, outbox: OutboxRelay,
                 clock: Callable[[], datetime], classifier: Callable[[str], Classification] = classify,
                 prepare_classifier: Callable[[], object] | None = None) -> None:
        self._repository = repository
        self._towns = towns
        self._outbox = outbox
        self._clock = clock
        self._classify = classifier
        self._prepare_classifier = prepare_classifier

    def handle(self, message: AppealReceived) -> RouteOutcome:
        self._start_preparing_the_classifier()
        with correlation(message.appeal_id):
            appeal = self._repository.get(message.appeal_id)
            if appeal is None:
                log.warning("appeal.received for an unknown appeal; acknowledged without change")
                return RouteOutcome.UNKNOWN_APPEAL
            if appeal.status is not Status.RECEIVED:
                # A redelivery: finish what the first delivery may have left, change nothing else.
                self._outbox.flush(appeal.id)
                return RouteOutcome.ALREADY_HANDLED
            previous = self._previous_in_thread(appeal)
            if previous is not None and classify_follow_up(appeal, previous, self._window(previous)) is not FollowUp.NEW_APPEAL:
                outcome = self._fold(appeal.id, previous.id)
                if outcome is not None:
                    return outcome
            return self._route(appeal)

    def _start_preparing_the_classifier(self) -> None:
        """On an instance's first message: what the classifier loads (the morphology dictionary, ~50 ms of CPU)
        loads on a thread while the appeal, its thread and the towns are read, instead of after those round trips."""
        prepare, self._prepare_classifier = self._prepare_classifier, None
        if prepare is not None:
            threading.Thread(target=prepare, name=CLASSIFIER_PREPARATION, daemon=True).start()

    def _route(self, received: Appeal) -> RouteOutcome:
        appeal_id = received.id
        towns = self._towns.all()
        now = self._clock()
        # Classified before the transaction, which then stays short (a cold instance loads the dictionary here)
        # and is not classified again when retried; only a text edited meanwhile is classified inside.
        classified = {received.text: self._classify(received.text)}

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[appeal_id]
            if appeal is None or appeal.status is not Status.RECEIVED:
                return []
            if appeal.text not in classified:
                classified[appeal.text] = self._classify(appeal.text)
            decision = decide_route(appeal, classified[appeal.text], towns)
            return [write(appeal, apply_route(appeal, decision, now))]

        writes = self._repository.transact([appeal_id], change)
        if not writes:
            return RouteOutcome.ALREADY_HANDLED
        self._outbox.publish(writes)
        routed = writes[0].appeal
        log.info("appeal %s", routed.status, extra={"category": routed.category, "department": routed.department,
                                                   "municipality": routed.municipality})
        return RouteOutcome.ROUTED if routed.status is Status.ROUTED else RouteOutcome.NEEDS_TRIAGE

    def _fold(self, appeal_id: str, previous_id: str) -> RouteOutcome | None:
        """Folds the message into the earlier appeal; None when, re-read in the transaction, it is not a follow-up."""
        towns = self._towns.all()
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            message, previous = current[appeal_id], current[previous_id]
            if message is None or previous is None or message.status is not Status.RECEIVED:
                return []
            kind = classify_follow_up(message, previous, self._window(previous))
            if kind is FollowUp.NEW_APPEAL:
                return []
            if kind is FollowUp.CONFIRM:
                previous = confirm_resolution(previous, now, message.id)
            elif kind is FollowUp.REOPEN:
                due_at, warnings = deadline_from(now, previous, towns.get(previous.municipality))
                previous = reopen(previous, now, due_at, reason="the resident says it is not solved",
                                  actor=f"resident:{previous.author.platform_user_id}", warnings=warnings)
            before = current[previous_id]
            updated, merged = merge(message, previous, now, kind)
            return [write(before, updated), write(message, merged)]

        writes = self._repository.transact([appeal_id, previous_id], change)
        if not writes:
            return None if self._still_received(appeal_id) else RouteOutcome.ALREADY_HANDLED
        updated = writes[0].appeal
        log.info("follow-up folded into %s", updated.id, extra={"into": updated.id, "status": str(updated.status)})
        self._outbox.publish(writes)
        return RouteOutcome.FOLDED

    def _still_received(self, appeal_id: str) -> bool:
        appeal = self._repository.get(appeal_id)
        return appeal is not None and appeal.status is Status.RECEIVED

    def _previous_in_thread(self, appeal: Appeal) -> Appeal | None:
        key = thread_key(appeal)
        if key is None:
            return None
        earlier = [a for a in self._repository.latest_in_thread(key)
                   if a.id != appeal.id and a.received_at <= appeal.received_at]
        return earlier[0] if earlier else None

    def _window(self, appeal: Appeal) -> timedelta:
        town = self._towns.all().get(appeal.municipality)
        return timedelta(hours=town.follow_up_window_hours) if town else DEFAULT_FOLLOW_UP_WINDOW
