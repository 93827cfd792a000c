"""Working on incidents: what operators and departments see and do, each step checked against who asks as for
appeals, and carried out on every member appeal.

A step (take, assign, note, answer, resolve, reopen) is committed on the incident together with the first page of
its members (MEMBERS_PER_COMMIT appeals: a member's step writes its document, up to two outbox messages and up to
two history entries moved to its archive, within Firestore's 500 writes per commit). When more members remain, the
last appeal of the page carries in its outbox an `incident.fan-out` message naming the step and that member, and
fan_out_incident commits the next page the same way, until every member has it. Each member's step is marked with
the incident's entry it carries out (an answer keeps the incident answer's id), so a redelivered or replayed fan-out
changes nothing twice: every member gets each answer once, delivered by deliver_reply (or the regional callback) as
its own answer, with that delivery's claims, 429 backoff and dead letters. (A page delivered again passes its
continuation on again, which finds its own page done and sends nothing.)"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from otklik.domain.actions import check_department
from otklik.domain.incidents import actions as incident_actions
from otklik.domain.incidents.feedback import member_not_fixed
from otklik.domain.incidents.members import MemberDeadline, MemberStep, StepKind, apply_step
from otklik.domain.incidents.model import Incident
from otklik.domain.incidents.sweep import auto_resolve
from otklik.domain.model import Appeal
from otklik.domain.photos import check_batch
from otklik.domain.principals import Principal, Role
from otklik.domain.routing import deadline_from
from otklik.domain.towns import TownConfig, auto_resolve_after
from otklik.messages import IncidentFanOut
from otklik.services import commands, requests_once
from otklik.services.events import incident_message, write
from otklik.services.incident_joins import JoinFolding
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import (
    MAX_APPEALS_PER_COMMIT,
    AppealFeed,
    AppealWrite,
    IncidentSearch,
    IncidentStore,
    IncidentWrite,
    OutboxMessage,
    PhotoStore,
    TownDirectory,
)
from otklik.services.work import ALLOWED, Forbidden, NotVisible, Upload

log = logging.getLogger(__name__)
DEFAULT_REOPEN_SHARE = 0.3
# 80 members × (document + 2 messages + 2 archived entries) + the incident + the next page's message < 500 writes.
MEMBERS_PER_COMMIT = min(80, MAX_APPEALS_PER_COMMIT)


class IncidentNotVisible(NotVisible):
    """No such incident for this principal: the same answer whether it does not exist or is not theirs."""


@dataclass(frozen=True)
class _Page:
    writes: tuple[AppealWrite, ...]
    carried: bool  # the last write carries the step on to the next page
    changed: int = 0


@dataclass(frozen=True)
class FanOutResult:
    changed: int  # member appeals changed by this page
    continues: bool  # a next page was left to the next fan-out message


class IncidentWorkService:
    def __init__(self, incidents: IncidentStore, lists: IncidentSearch, members: AppealFeed, towns: TownDirectory,
                 photos: PhotoStore, outbox: OutboxRelay, clock: Callable[[], datetime], *,
                 reopen_share: float = DEFAULT_REOPEN_SHARE, page_size: int = MEMBERS_PER_COMMIT) -> None:
        self._incidents = incidents
        self._lists = lists
        self._members = members
        self._towns = towns
        self._photos = photos
        self._outbox = outbox
        self._clock = clock
        self._reopen_share = reopen_share
        self._page_size = page_size
        self._joins = JoinFolding(incidents, towns, outbox, clock, page_size)

    # Reading

    def list_open(self, principal: Principal, municipality: str | None, department: str | None,
             limit: int) -> list[Incident]:
        """The town's open incidents by deadline; a department sees only its own."""
        town = municipality or principal.towns[0]
        if town not in principal.towns:
            raise Forbidden(f"no access to town {town}")
        if principal.role is Role.DEPARTMENT:
            if department not in (None, principal.department):
                raise Forbidden("a department sees only its own incidents")
            department = principal.department
        found = self._lists.open_by_deadline(town, department, limit)
        return [i for i in found if principal.can_see_work(i.municipality, i.department)]

    def get(self, principal: Principal, incident_id: str) -> Incident:
        incident = self._incidents.get(incident_id)
        if incident is None or not principal.can_see_work(incident.municipality, incident.department):
            raise IncidentNotVisible(incident_id)
        return incident

    def read(self, principal: Principal, incident_id: str) -> tuple[Incident, list[Appeal]]:
        """The incident and its member appeals as they are (their statuses, their answers' deliveries)."""
        incident = self.get(principal, incident_id)
        return incident, self._members.by_ids(incident.member_ids)

    # Acting

    def act(self, principal: Principal, incident_id: str, action: str, command: object = None,
            uploads: Sequence[Upload] = (), idempotency_key: str | None = None) -> Incident:
        if principal.role not in ALLOWED[action]:
            self.get(principal, incident_id)
            raise Forbidden(f"a {principal.role} key cannot {action}")
        # Joins whose own fold has not come (delayed, or dead-lettered) take the step with the other members; a fold
        # only carries out joins already decided, so it needs no check of who asks.
        self._joins.fold(incident_id)
        before = self.get(principal, incident_id)
        answer_id = requests_once.answer_id(incident_id, idempotency_key) if action == "answer" else None
        photos = self._store_photos(incident_id, answer_id, uploads) if answer_id else ()
        request_mark = requests_once.request_mark(incident_id, action, idempotency_key)
        now = self._clock()
        towns = self._towns.all()
        page = list(before.member_ids[:self._page_size])
        result: Incident | None = None

        def change(incidents: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            nonlocal result
            incident = incidents[incident_id]
            if incident is None or not principal.can_see_work(incident.municipality, incident.department):
                raise IncidentNotVisible(incident_id)
            if requests_once.done_before(incident.work.answers, incident.history, answer_id, request_mark):
                result = incident
                return None
            changed = self._apply(principal, incident, action, command, now, towns, answer_id, photos)
            changed = changed.model_copy(update={
                "history": requests_once.marked(changed.history, len(incident.history), request_mark)})
            result = changed
            number = len(changed.history) - 1
            return IncidentWrite(incidents=(changed,),
                                 appeals=self._members_page(changed, number, appeals, page, towns).writes)

        written = self._incidents.transact([incident_id], page, change)
        log.info("incident %s", action, extra={"principal": principal.actor, "incident_id": incident_id,
                                                "members": len(before.members)})
        self._outbox.publish(written.appeals)
        assert result is not None
        return result

    def _apply(self, principal: Principal, incident: Incident, action: str, command: object, now: datetime,
               towns: Mapping[str, TownConfig], answer_id: str | None, photos: tuple[str, ...]) -> Incident:
        actor = principal.actor
        town = towns.get(incident.municipality)
        if action == "take":
            return incident_actions.take(incident, actor, now)
        if action == "note":
            assert isinstance(command, commands.Note)
            return incident_actions.note(incident, actor, now, command.text)
        if action == "assign":
            assert isinstance(command, commands.Assign)
            if command.department is not None and principal.role is Role.DEPARTMENT:
                raise Forbidden("only operators hand incidents to another department")
            check_department(town, command.department)
            return incident_actions.assign(incident, actor, now, department=command.department,
                                           assignee=command.assignee)
        if action == "answer":
            assert isinstance(command, commands.AnswerCommand) and answer_id is not None
            categories = town.photo_report_categories if town else ()
            return incident_actions.answer(incident, actor, now, answer_id=answer_id, kind=command.kind,
                                           text=command.text, planned_date=command.planned_date, photos=photos,
                                           photo_report_required=incident.category in categories,
                                           auto_resolve_after=auto_resolve_after(town))
        if action == "resolve":
            assert isinstance(command, commands.Resolve)
            return incident_actions.resolve(incident, actor, now, command.reason)
        if action == "reopen":
            assert isinstance(command, commands.Reopen)
            return incident_actions.reopen(incident, actor, now, command.reason)
        raise ValueError(f"not an action on incidents: {action}")

    # Carrying a step out on the members

    def fan_out(self, message: IncidentFanOut) -> FanOutResult:
        """The next page of members after `message.after` takes the step; a member not found (it left) is skipped."""
        if message.not_fixed_by is not None:
            self.member_not_fixed(message.incident_id, message.not_fixed_by)
            return FanOutResult(0, False)
        if message.joined is not None:
            return FanOutResult(self._joins.fold(message.incident_id), False)
        assert message.step is not None
        current = self._incidents.get(message.incident_id)
        if current is None:
            log.warning("incident.fan-out for an unknown incident; acknowledged",
                        extra={"incident_id": message.incident_id})
            return FanOutResult(0, False)
        members = list(current.member_ids)
        start = members.index(message.after) + 1 if message.after in members else 0
        page = members[start:start + self._page_size]
        if not page:
            return FanOutResult(0, False)
        number = int(message.step.rsplit("/", 1)[1])
        towns = self._towns.all()
        done = _Page((), carried=False)

        def change(incidents: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            nonlocal done
            incident = incidents[message.incident_id]
            if incident is None or number >= len(incident.history):
                return None
            done = self._members_page(incident, number, appeals, page, towns)
            return IncidentWrite(appeals=done.writes) if done.writes else None

        written = self._incidents.transact([message.incident_id], page, change)
        self._outbox.publish(written.appeals)
        log.info("incident step carried out on members", extra={"incident_id": message.incident_id,
                                                                 "step": message.step, "page": len(page),
                                                                 "changed": done.changed, "continues": done.carried})
        return FanOutResult(done.changed, done.carried)

    def _members_page(self, incident: Incident, number: int, appeals: Mapping[str, Appeal | None],
                      page: Sequence[str], towns: Mapping[str, TownConfig]) -> _Page:
        """The page's members after the incident's entry `number`, and when members remain after the page, the
        message that carries the step on, in the outbox of the page's last member (written even if unchanged)."""
        step = incident_actions.member_step(incident, number)
        if step is None:
            return _Page((), carried=False)
        town = towns.get(incident.municipality)
        auto_resolve = auto_resolve_after(town)
        writes: list[AppealWrite] = []
        last: Appeal | None = None
        for appeal_id in page:
            appeal = appeals.get(appeal_id)
            if appeal is None or appeal.incident_id not in (incident.id, step.moved_from):
                continue
            last = appeal
            after = apply_step(appeal, step, auto_resolve_after=auto_resolve, deadline=_deadline(step, appeal, town))
            if after is not None:
                writes.append(write(appeal, after))
        changed = len(writes)
        members = list(incident.member_ids)
        if last is None or page[-1] not in members or members[-1] == page[-1]:
            return _Page(tuple(writes), carried=False, changed=changed)
        carry = carry_on(incident, step.step, last.id)
        if writes and writes[-1].appeal.id == last.id:
            writes[-1] = AppealWrite(writes[-1].appeal, (*writes[-1].messages, carry))
        else:
            writes.append(AppealWrite(last, (carry,)))
        return _Page(tuple(writes), carried=True, changed=changed)

    # Members' feedback

    def member_not_fixed(self, incident_id: str, appeal_id: str) -> Incident | None:
        """A member's resident said it is not fixed (the member is reopened already, by the feedback path): the
        incident is flagged, and reopened, with every member, when enough members say so."""
        now = self._clock()
        changed = self._system_step(incident_id, lambda incident: member_not_fixed(
            incident, appeal_id, now, reopen_share=self._reopen_share))
        if changed is not None:
            log.info("incident member says not fixed", extra={"incident_id": incident_id,
                                                               "status": str(changed.status)})
        return changed

    def auto_resolve(self, incident_id: str) -> bool:
        """The deadline sweep resolves an answered incident whose time came (no member objected), with its
        members."""
        now = self._clock()
        return self._system_step(incident_id, lambda incident: auto_resolve(incident, now)) is not None

    def _system_step(self, incident_id: str, decide: Callable[[Incident], Incident | None]) -> Incident | None:
        """A step the system takes (not a person's request), committed with the first page of members."""
        self._joins.fold(incident_id)
        incident = self._incidents.get(incident_id)
        if incident is None:
            return None
        page = list(incident.member_ids[:self._page_size])
        towns = self._towns.all()
        result: Incident | None = None

        def change(incidents: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            nonlocal result
            current = incidents[incident_id]
            changed = decide(current) if current is not None else None
            if changed is None:
                return None
            result = changed
            return IncidentWrite(incidents=(changed,),
                                 appeals=self._members_page(changed, len(changed.history) - 1, appeals, page,
                                                            towns).writes)

        written = self._incidents.transact([incident_id], page, change)
        self._outbox.publish(written.appeals)
        return result

    def _store_photos(self, incident_id: str, answer_id: str, uploads: Sequence[Upload]) -> tuple[str, ...]:
        if not uploads:
            return ()
        from otklik.domain.photo_processing import clean_photo  # Pillow: loaded with the first photo

        check_batch(len(uploads))
        cleaned = [clean_photo(u.data, u.file_name) for u in uploads]
        # Stored under the incident's id: every member's answer names the same objects.
        return tuple(self._photos.put(incident_id, answer_id, photo) for photo in cleaned)


def _deadline(step: MemberStep, appeal: Appeal, town: TownConfig | None) -> MemberDeadline | None:
    if step.kind is not StepKind.REOPEN:
        return None
    due_at, warnings, reason = deadline_from(step.at, appeal, town)
    return MemberDeadline(due_at, warnings, reason)


def carry_on(incident: Incident, step: str, after: str) -> OutboxMessage:
    """The message that carries the incident's step (`step_key`) on to its members after `after`."""
    body = IncidentFanOut(incident_id=incident.id, municipality=incident.municipality, step=step, after=after)
    return incident_message(f"{step}/fan-out/{after}", body)







