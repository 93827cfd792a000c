"""Working on appeals: what operators and departments see and do, each step checked against who asks."""
from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from otklik.domain import actions
from otklik.domain.followups import reopen
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Author, Channel, HistoryAction, HistoryEntry, SourceKind, SourceRef, Status
from otklik.domain.photos import check_batch
from otklik.domain.principals import Principal, Role
from otklik.domain.routing import deadline_from
from otklik.domain.towns import TownConfig, auto_resolve_after
from otklik.logs import correlation
from otklik.services import commands, requests_once
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import (
    AppealSearch,
    AppealStore,
    AppealWrite,
    Ingest,
    PhotoStore,
    StorageUnavailable,
    TownDirectory,
)
from otklik.services.queries import AppealQuery

if TYPE_CHECKING:
    from otklik.services.grouping import GroupingService

log = logging.getLogger(__name__)


class NotVisible(LookupError):
    """No such appeal for this principal: the same answer whether it does not exist or is not theirs."""


class Forbidden(PermissionError):
    pass


@dataclass(frozen=True)
class Upload:
    data: bytes
    file_name: str


WORKERS = (Role.OPERATOR, Role.DEPARTMENT)
OPERATOR_ONLY = (Role.OPERATOR,)
ALLOWED: dict[str, tuple[Role, ...]] = {
    "triage": OPERATOR_ONLY, "assign": WORKERS, "take": WORKERS, "note": WORKERS, "answer": WORKERS,
    "resolve": OPERATOR_ONLY, "reopen": OPERATOR_ONLY,
}


class WorkService:
    def __init__(self, repository: AppealStore, lists: AppealSearch, towns: TownDirectory, photos: PhotoStore,
                 ingest: Ingest, outbox: OutboxRelay, clock: Callable[[], datetime],
                 retrain_trigger: Callable[[AppealWrite], AppealWrite] | None = None,
                 grouping: Callable[[], GroupingService] | None = None) -> None:
        self._repository = repository
        self._lists = lists
        self._towns = towns
        self._photos = photos
        self._ingest = ingest
        self._outbox = outbox
        self._clock = clock
        # Adds the retraining message to a write whose operator's decision made enough new examples (learning.py).
        self._retrain_trigger = retrain_trigger
        # A triaged appeal is grouped as a routed one (issue 17): its place keys in the triage's commit, grouping after.
        # Given as a provider: grouping's matching (the classifier's lexicon) loads with the first triage, not on a
        # cold start of operator_api.
        self._grouping = grouping

    # Reading

    def list(self, principal: Principal, query: AppealQuery) -> tuple[list[Appeal], str | None]:
        if query.municipality not in principal.towns:
            raise Forbidden(f"no access to town {query.municipality}")
        if principal.role is Role.DEPARTMENT:
            if query.department not in (None, principal.department):
                raise Forbidden("a department sees only its own appeals")
            query = replace(query, department=principal.department)
        appeals, cursor = self._lists.search(query)
        # The query already selects only what the principal may see; this guards against a filter slip.
        return [a for a in appeals if principal.can_see(a)], cursor

    def count(self, principal: Principal, query: AppealQuery) -> int:
        """How many appeals the query selects among those the principal may see (a department: its own only)."""
        if query.municipality not in principal.towns:
            raise Forbidden(f"no access to town {query.municipality}")
        if principal.role is Role.DEPARTMENT:
            query = replace(query, department=principal.department)
        return self._lists.count(query)

    def get(self, principal: Principal, appeal_id: str) -> Appeal:
        appeal = self._repository.get(appeal_id)
        if appeal is None or not principal.can_see(appeal):
            raise NotVisible(appeal_id)
        return appeal

    # Registering

    def register(self, principal: Principal, intake: commands.RegisterReception, idempotency_key: str | None) -> Appeal:
        if principal.role is not Role.OPERATOR:
            raise Forbidden("only operators register appeals")
        town = intake.town or principal.towns[0]
        if town not in principal.towns:
            raise Forbidden(f"no access to town {town}")
        event_id = idempotency_key or uuid.uuid4().hex
        now = self._clock()
        appeal = Appeal(
            id=appeal_id_for(Channel.RECEPTION, principal.key_id, event_id), municipality=town,
            channel=Channel.RECEPTION,
            source=SourceRef(platform=Channel.RECEPTION, account=principal.key_id, kind=SourceKind.RECEPTION,
                             event_id=event_id),
            author=Author(platform_user_id=_contact_id(intake.contact), display_name=intake.resident_name,
                          contact=intake.contact),
            text=intake.text, received_at=now,
        )
        appeal = appeal.model_copy(update={"history": (HistoryEntry(
            at=now, actor=principal.actor, action=HistoryAction.RECEIVED, details={"channel": "reception"}),)})
        if self._ingest.store(appeal).created:
            return appeal  # what was written: a read-back that failed now would fail a request that succeeded
        stored = self._repository.get(appeal.id)  # the same key again: what was registered then, as it is now
        if stored is None:
            raise StorageUnavailable(f"appeal {appeal.id} was registered but cannot be read")
        return stored

    # Acting

    def act(self, principal: Principal, appeal_id: str, action: str, command: object = None,
            uploads: Sequence[Upload] = (), idempotency_key: str | None = None) -> Appeal:
        if principal.role not in ALLOWED[action]:
            # Still answer "not found" for appeals the principal cannot see at all.
            self.get(principal, appeal_id)
            raise Forbidden(f"a {principal.role} key cannot {action}")
        with correlation(appeal_id):
            answer_id = None
            photo_names: tuple[str, ...] = ()
            request_mark = requests_once.request_mark(appeal_id, action, idempotency_key)
            if action == "answer":
                answer_id = requests_once.answer_id(appeal_id, idempotency_key)
                photo_names = self._store_photos(principal, appeal_id, answer_id, uploads)
            now = self._clock()
            towns = self._towns.all()

            # The appeal as the transaction left it: the answer, with no read after the commit that could fail
            # a request that succeeded (and make a client without an Idempotency-Key send it again).
            result: Appeal | None = None

            def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                nonlocal result
                appeal = current[appeal_id]
                if appeal is None or not principal.can_see(appeal):
                    raise NotVisible(appeal_id)
                if requests_once.done_before(appeal.answers, appeal.history, answer_id, request_mark):
                    result = appeal
                    return []  # the same request again
                changed = self._apply(principal, appeal, action, command, now, towns, answer_id, photo_names)
                if action == "triage" and self._grouping is not None and changed.status is Status.ROUTED:
                    changed = self._grouping().located(changed, towns.get(changed.municipality))
                result = changed.model_copy(update={
                    "history": requests_once.marked(changed.history, len(appeal.history), request_mark)})
                written = write(appeal, result)
                if written.example is not None and self._retrain_trigger is not None:
                    written = self._retrain_trigger(written)
                return [written]

            writes = self._repository.transact([appeal_id], change)
            log.info("appeal %s", action, extra={"principal": principal.actor})
            self._outbox.publish(writes)
            assert result is not None
            if action == "triage":
                self._group(result)
            return result

    def _group(self, triaged: Appeal) -> None:
        """Grouping after the triage's commit, as after routing's. Run again by the same request repeated (its
        Idempotency-Key) when it failed after the commit; nothing for an appeal already in an incident."""
        if self._grouping is not None and triaged.status is Status.ROUTED:
            self._grouping().group(triaged)

    def _apply(self, principal: Principal, appeal: Appeal, action: str, command: object, now: datetime,
               towns: Mapping[str, TownConfig], answer_id: str | None, photos: tuple[str, ...]) -> Appeal:
        actor = principal.actor
        town = towns.get(appeal.municipality)
        if action == "take":
            return actions.take(appeal, actor, now)
        if action == "note":
            assert isinstance(command, commands.Note)
            return actions.note(appeal, actor, now, command.text)
        if action == "assign":
            assert isinstance(command, commands.Assign)
            if command.department is not None and principal.role is Role.DEPARTMENT:
                raise Forbidden("only operators hand appeals to another department")
            actions.check_department(town, command.department)
            return actions.assign(appeal, actor, now, department=command.department, assignee=command.assignee)
        if action == "triage":
            assert isinstance(command, commands.Triage)
            return self._triage(appeal, actor, now, command, _triage_town(principal, appeal, command, towns))
        if action == "answer":
            assert isinstance(command, commands.AnswerCommand) and answer_id is not None
            categories = town.photo_report_categories if town else ()
            return actions.answer(appeal, actor, now, answer_id=answer_id, kind=command.kind, text=command.text,
                                  planned_date=command.planned_date, photos=photos,
                                  photo_report_required=appeal.category in categories,
                                  auto_resolve_after=auto_resolve_after(town),
                                  manual_delivery=appeal.channel is Channel.RECEPTION)
        if action == "resolve":
            assert isinstance(command, commands.Resolve)
            return actions.resolve(appeal, actor, now, command.reason)
        if action == "reopen":
            assert isinstance(command, commands.Reopen)
            due_at, warnings, due_reason = deadline_from(now, appeal, town)
            return reopen(appeal, now, due_at, command.reason, actor, warnings, due_reason)
        raise ValueError(f"unknown action {action}")

    def _triage(self, appeal: Appeal, actor: str, now: datetime, command: commands.Triage,
                town: TownConfig | None) -> Appeal:
        if command.reject_reason:
            return actions.reject(appeal, actor, now, command.reject_reason)
        if not command.category:
            raise actions.ActionRefused("triage needs a category, or a reject_reason")
        if town is None:
            raise actions.ActionRefused(f"town {appeal.municipality} is not configured")
        department = command.department or town.department_for(command.category)
        if department is None:
            raise actions.ActionRefused(f"no department for category {command.category}; name one")
        actions.check_department(town, department)
        if appeal.due_at is None:
            due_at, warnings, due_reason = deadline_from(appeal.received_at, appeal, town, command.category)
        else:
            due_at, warnings, due_reason = appeal.due_at, appeal.warning_points, None
        return actions.triage(appeal, actor, now, category=command.category, municipality=town.code,
                              department=department, due_at=due_at, warnings=warnings, due_reason=due_reason)

    def _store_photos(self, principal: Principal, appeal_id: str, answer_id: str,
                      uploads: Sequence[Upload]) -> tuple[str, ...]:
        if not uploads:
            return ()
        from otklik.domain.photo_processing import clean_photo  # Pillow: loaded with the first photo, not on wiring

        appeal = self.get(principal, appeal_id)  # nothing is uploaded for an appeal the principal cannot see
        check_batch(len(uploads))
        cleaned = [clean_photo(u.data, u.file_name) for u in uploads]
        return tuple(self._photos.put(appeal.id, answer_id, photo) for photo in cleaned)










def _contact_id(contact: str) -> str:
    return "contact-" + hashlib.sha256(contact.strip().lower().encode()).hexdigest()[:16]


def _triage_town(principal: Principal, appeal: Appeal, command: commands.Triage,
                 towns: Mapping[str, TownConfig]) -> TownConfig | None:
    """The town a triage routes to: the appeal's own, or another of the key's for one that reached the wrong town."""
    if command.municipality in (None, appeal.municipality) or command.reject_reason:
        return towns.get(appeal.municipality)
    if command.municipality not in principal.towns:
        raise Forbidden(f"this key works in no town {command.municipality}")
    town = towns.get(command.municipality or "")
    if town is None:
        raise actions.ActionRefused(f"town {command.municipality} is not configured")
    return town
