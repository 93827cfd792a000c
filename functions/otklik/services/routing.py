"""route_appeal: classify, decide town, department and deadline, fold follow-ups about the same problem, link
the resident's appeals about others, classify edited texts again, publish the result."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from otklik.domain.classification import Classification, classify
from otklik.domain.followups import (
    FOLDED,
    FollowUp,
    classify_follow_up,
    confirm_resolution,
    follow_up_target,
    link_related,
    merge,
    own_topic,
    reopen,
    thread_key,
)
from otklik.domain.model import Appeal, Status
from otklik.domain.reclassification import awaits_reclassification, may_reclassify, reroute
from otklik.domain.routing import apply_route, deadline_from, decide_route
from otklik.logs import correlation
from otklik.messages import AppealReceived
from otklik.services.events import write
from otklik.services.locating import Locating
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealStore, AppealWrite, Threads, TownDirectory
from otklik.services.preparation import Preparation

log = logging.getLogger(__name__)
DEFAULT_FOLLOW_UP_WINDOW = timedelta(hours=24)


class RouteOutcome(StrEnum):
    ROUTED = "routed"
    NEEDS_TRIAGE = "needs_triage"
    FOLDED = "folded"
    REROUTED = "rerouted"
    ALREADY_HANDLED = "already_handled"
    UNKNOWN_APPEAL = "unknown_appeal"


class _Classifications:
    """The classifier's answers within one message's handling, each text classified once."""

    def __init__(self, classify: Callable[[str], Classification]) -> None:
        self._classify = classify
        self._known: dict[str, Classification] = {}

    def __call__(self, text: str) -> Classification:
        if text not in self._known:
            self._known[text] = self._classify(text)
        return self._known[text]


class RoutingService:
    def __init__(self, repository: AppealStore, threads: Threads, towns: TownDirectory, outbox: OutboxRelay,
                 clock: Callable[[], datetime], classifier: Callable[[str], Classification] = classify,
                 preparation: Preparation | None = None,
                 town_classifiers: Callable[[str], Callable[[str], Classification]] | None = None,
                 locating: Locating | None = None) -> None:
        self._repository = repository
        self._threads = threads
        self._towns = towns
        self._outbox = outbox
        self._clock = clock
        self._classify = classifier
        # On an instance's first message: what routing loads (the morphology dictionary, the town's model, the Pub/Sub
        # client) loads on a thread while the appeal, its thread and the towns are read (services/preparation.py).
        self._preparation = preparation
        # A town's classifier: the rules with its learned model (town_classifiers.py); `classifier` for every town
        # when not given.
        self._town_classifiers = town_classifiers
        # Where the problem is (place keys), stored in the routing commit; grouping itself is group_appeal's, on the
        # appeal.routed this commit publishes (services/group_appeal.py).
        self._locating = locating

    def handle(self, message: AppealReceived) -> RouteOutcome:
        if self._preparation is not None:
            self._preparation.start(message.municipality)
        with correlation(message.appeal_id):
            appeal = self._repository.get(message.appeal_id)
            if appeal is None:
                log.warning("appeal.received for an unknown appeal; acknowledged without change")
                return RouteOutcome.UNKNOWN_APPEAL
            if appeal.status is not Status.RECEIVED:
                # A redelivery: finish what the first delivery may have left. Or a text edited after routing.
                self._outbox.flush(appeal.id)
                if awaits_reclassification(appeal):
                    return self._reclassify(appeal)
                return RouteOutcome.ALREADY_HANDLED
            classified = _Classifications(self._classifier_for(appeal.municipality))
            kind, target = follow_up_target(appeal, self._thread_of(appeal), self._window(appeal),
                                            lambda a: self._topic(a, classified))
            if target is not None and kind in FOLDED:
                outcome = self._fold(appeal, target, classified)
                if outcome is not None:
                    return outcome
            related_to = target.id if kind is FollowUp.RELATED and target is not None else None
            return self._route(appeal, classified, related_to)

    def _classifier_for(self, town: str) -> Callable[[str], Classification]:
        return self._town_classifiers(town) if self._town_classifiers is not None else self._classify

    def _route(self, received: Appeal, classified: _Classifications, related_to: str | None = None) -> RouteOutcome:
        """Routes the appeal on its own; `related_to`: the resident's open appeal about another problem, linked."""
        appeal_id = received.id
        towns = self._towns.all()
        now = self._clock()
        # Classified before the transaction, which then stays short (a cold instance loads the dictionary here)
        # and is not classified again when retried; only a text edited meanwhile is classified inside.
        classified(received.text)

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[appeal_id]
            if appeal is None or appeal.status is not Status.RECEIVED:
                return []
            routed = apply_route(appeal, decide_route(appeal, classified(appeal.text), towns), now)
            if self._locating is not None:
                routed = self._locating.located(routed, towns.get(routed.municipality))
            related = current.get(related_to) if related_to else None
            if related is None:
                return [write(appeal, routed)]
            return [write(appeal, link_related(routed, related, now)),
                    write(related, link_related(related, routed, now))]

        writes = self._repository.transact([appeal_id, *([related_to] if related_to else [])], change)
        if not writes:
            return RouteOutcome.ALREADY_HANDLED
        self._outbox.publish(writes)
        routed = writes[0].appeal
        log.info("appeal %s", routed.status, extra={"category": routed.category, "department": routed.department,
                                                   "municipality": routed.municipality,
                                                   "related": related_to is not None})
        return RouteOutcome.ROUTED if routed.status is Status.ROUTED else RouteOutcome.NEEDS_TRIAGE

    def _fold(self, received: Appeal, target: Appeal, classified: _Classifications) -> RouteOutcome | None:
        """Folds the message into the earlier appeal; None when, re-read in the transaction, it is not a follow-up.
        An unanswered appeal whose text the follow-up changed is classified again, and routed again if that moves it."""
        appeal_id, previous_id = received.id, target.id
        towns = self._towns.all()
        now = self._clock()
        window = self._window(target)
        preview, _ = merge(received, target, now, FollowUp.APPEND)
        if preview.text != target.text and may_reclassify(preview):
            classified(preview.text)  # outside the transaction, as in _route

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            message, previous = current[appeal_id], current[previous_id]
            if message is None or previous is None or message.status is not Status.RECEIVED:
                return []
            kind = classify_follow_up(message, previous, window)
            if kind not in FOLDED:
                return []
            if kind is FollowUp.CONFIRM:
                previous = confirm_resolution(previous, now, message.id)
            elif kind is FollowUp.REOPEN:
                due_at, warnings, due_reason = deadline_from(now, previous, towns.get(previous.municipality))
                previous = reopen(previous, now, due_at, reason="the resident says it is not solved",
                                  actor=f"resident:{previous.author.platform_user_id}", warnings=warnings,
                                  due_reason=due_reason)
            before = current[previous_id]
            updated, merged = merge(message, previous, now, kind)
            text_changed = before is not None and updated.text != before.text
            if kind is FollowUp.APPEND and text_changed and may_reclassify(updated):
                decision = decide_route(updated, classified(updated.text), towns)
                updated = reroute(updated, decision, now, because="follow_up") or updated
            return [write(before, updated), write(message, merged)]

        writes = self._repository.transact([appeal_id, previous_id], change)
        if not writes:
            return None if self._still_received(appeal_id) else RouteOutcome.ALREADY_HANDLED
        updated = writes[0].appeal
        log.info("follow-up folded into %s", updated.id, extra={"into": updated.id, "status": str(updated.status)})
        self._outbox.publish(writes)
        return RouteOutcome.FOLDED

    def _reclassify(self, edited: Appeal) -> RouteOutcome:
        """The resident changed the text of an unanswered appeal: classified again, routed again if that moves it."""
        towns = self._towns.all()
        now = self._clock()
        classified = _Classifications(self._classifier_for(edited.municipality))
        classified(edited.text)

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[edited.id]
            if appeal is None or not awaits_reclassification(appeal):
                return []
            rerouted = reroute(appeal, decide_route(appeal, classified(appeal.text), towns), now, because="text_edited")
            return [write(appeal, rerouted)] if rerouted is not None else []

        writes = self._repository.transact([edited.id], change)
        if not writes:
            log.info("edited text classified again: unchanged")
            return RouteOutcome.ALREADY_HANDLED
        self._outbox.publish(writes)
        routed = writes[0].appeal
        log.info("edited text classified again: %s", routed.status,
                 extra={"category": routed.category, "department": routed.department})
        return RouteOutcome.REROUTED

    def _still_received(self, appeal_id: str) -> bool:
        appeal = self._repository.get(appeal_id)
        return appeal is not None and appeal.status is Status.RECEIVED

    def _thread_of(self, appeal: Appeal) -> list[Appeal]:
        key = thread_key(appeal)
        return self._threads.latest_in_thread(key) if key is not None else []

    def _topic(self, appeal: Appeal, classified: _Classifications) -> str | None:
        """The problem the appeal is about: where routing (or an operator) put it, else what its text says."""
        if appeal.status in (Status.ROUTED, Status.IN_PROGRESS) and appeal.category not in (None, "other"):
            return appeal.category
        return own_topic(classified(appeal.text))

    def _window(self, appeal: Appeal) -> timedelta:
        town = self._towns.all().get(appeal.municipality)
        return timedelta(hours=town.follow_up_window_hours) if town else DEFAULT_FOLLOW_UP_WINDOW
