"""The operators' grouping by hand: an incident made of a selection of appeals, an appeal added or taken out, two
incidents merged, one split. Each is the aggregate's own step (domain/incidents/model.py), recorded with its reason
on the incident and on each appeal it touches, and written with those appeals in one commit; but a merge or a split
moves a storm's hundreds of members as work on an incident does: the first page in the step's commit, the rest a
page per `incident.fan-out` message (services/incident_work.py, the `move` step).

An appeal that joins an incident (added, or brought by a merge) receives at once what the incident's residents were
told (domain/incidents/members.py `joining_member_receives`): its latest answer, or its final answer and, when the
incident is resolved, the resolution."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from otklik.domain.actions import ActionRefused
from otklik.domain.incidents import model as incidents
from otklik.domain.incidents.actions import step_key
from otklik.domain.incidents.members import joining_member_receives
from otklik.domain.incidents.model import Incident, IncidentChange, IncidentConflict, IncidentStatus, Reason
from otklik.domain.incidents.places import where
from otklik.domain.model import Appeal
from otklik.domain.principals import Principal, Role
from otklik.domain.towns import auto_resolve_after
from otklik.services import commands
from otklik.services.events import write
from otklik.services.incident_work import MEMBERS_PER_COMMIT, IncidentNotVisible, carry_on
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import MAX_APPEALS_PER_COMMIT, AppealWrite, IncidentStore, IncidentWrite, TownDirectory
from otklik.services.work import Forbidden, NotVisible

log = logging.getLogger(__name__)
GROUPING_ACTIONS = ("add_member", "remove_member", "merge", "split")


class IncidentSelection:
    def __init__(self, incidents_store: IncidentStore, towns: TownDirectory, outbox: OutboxRelay,
                 clock: Callable[[], datetime]) -> None:
        self._incidents = incidents_store
        self._towns = towns
        self._outbox = outbox
        self._clock = clock

    def create(self, principal: Principal, command: commands.CreateIncident,
               idempotency_key: str | None = None) -> Incident:
        _operator(principal)
        selected = list(dict.fromkeys(command.appeal_ids))
        # The same key makes the same incident: a repeated request finds it made.
        incident_id = incidents.incident_id_for(f"{selected[0]}\x1f{idempotency_key or uuid.uuid4().hex}")
        now = self._clock()

        def change(found: Mapping[str, Incident | None], appeals: Mapping[str, Appeal | None]) -> IncidentChange | None:
            if found[incident_id] is not None:
                return None
            chosen = [_visible(principal, appeals[i], i) for i in selected]
            return incidents.start(incident_id, chosen, Reason(command.reason, {"by": "operator"}), now,
                                   actor=principal.actor)

        return self._commit(principal, [incident_id], selected, change, incident_id)

    def act(self, principal: Principal, incident_id: str, action: str, command: object,
            idempotency_key: str | None = None) -> Incident:
        _operator(principal)
        current = self._incidents.get(incident_id)
        if current is None or not principal.can_see_work(current.municipality, current.department):
            raise IncidentNotVisible(incident_id)
        if action in ("add_member", "remove_member"):
            assert isinstance(command, commands.IncidentMember)
            return self._member(principal, incident_id, command, adding=action == "add_member")
        if action == "merge":
            assert isinstance(command, commands.MergeIncidents)
            return self._merge(principal, incident_id, command)
        if action == "split":
            assert isinstance(command, commands.SplitIncident)
            return self._split(principal, incident_id, command, idempotency_key)
        raise ValueError(f"not a grouping action: {action}")

    def _member(self, principal: Principal, incident_id: str, command: commands.IncidentMember, *,
                adding: bool) -> Incident:
        now = self._clock()
        reason = Reason(command.reason, {"by": "operator"})

        def member(found: Mapping[str, Incident | None],
                   appeals: Mapping[str, Appeal | None]) -> IncidentChange | None:
            incident = _present(found[incident_id], incident_id)
            if adding:
                if command.appeal_id in incident.member_ids:
                    return None  # added already: the same request again
                appeal = _visible(principal, appeals[command.appeal_id], command.appeal_id)
                return incidents.add_member(incident, appeal, reason, now, actor=principal.actor,
                                            place_keys=where(appeal.place_keys))
            if command.appeal_id not in incident.member_ids:
                return None
            return incidents.remove_member(incident, command.appeal_id, reason, now, actor=principal.actor)

        return self._commit(principal, [incident_id], [command.appeal_id], member, incident_id)

    def _merge(self, principal: Principal, incident_id: str, command: commands.MergeIncidents) -> Incident:
        absorbed = self._incidents.get(command.incident_id)
        if absorbed is None or not principal.can_see_work(absorbed.municipality, absorbed.department):
            raise IncidentNotVisible(command.incident_id)
        now = self._clock()

        def merge(found: Mapping[str, Incident | None],
                  appeals: Mapping[str, Appeal | None]) -> IncidentChange | None:
            kept, other = _present(found[incident_id], incident_id), found[command.incident_id]
            if other is None or other.status is IncidentStatus.MERGED:
                return None
            return incidents.merge(kept, other, Reason(command.reason, {"by": "operator"}), now, actor=principal.actor)

        return self._commit(principal, [incident_id, command.incident_id], list(absorbed.member_ids), merge,
                            incident_id, moved_into=incident_id)

    def _split(self, principal: Principal, incident_id: str, command: commands.SplitIncident,
               idempotency_key: str | None) -> Incident:
        moving = list(dict.fromkeys(command.appeal_ids))
        new_id = incidents.incident_id_for(f"{incident_id}\x1fsplit\x1f{idempotency_key or uuid.uuid4().hex}")
        now = self._clock()
        before = _present(self._incidents.get(incident_id), incident_id)
        # In the new incident's order of members (the old one's), which its pages follow.
        in_order = [i for i in before.member_ids if i in set(moving)] + [i for i in moving
                                                                         if i not in before.member_ids]

        def split(found: Mapping[str, Incident | None],
                  appeals: Mapping[str, Appeal | None]) -> IncidentChange | None:
            if found[new_id] is not None:
                return None
            return incidents.split(_present(found[incident_id], incident_id), moving, new_id,
                                   Reason(command.reason, {"by": "operator"}), now, actor=principal.actor)

        return self._commit(principal, [incident_id, new_id], in_order, split, incident_id, moved_into=new_id)

    def _commit(self, principal: Principal, incident_ids: list[str], appeal_ids: Sequence[str],
                decide: Callable[[Mapping[str, Incident | None], Mapping[str, Appeal | None]], IncidentChange | None],
                result_id: str, *, moved_into: str | None = None) -> Incident:
        """`moved_into`: the incident a merge or a split moves `appeal_ids` into, in its order of members: the first
        page of them is written in this commit, the last of which carries the move on to the rest."""
        if moved_into is None:
            _fits_one_commit(appeal_ids)
        page = list(appeal_ids) if moved_into is None else list(appeal_ids)[:MEMBERS_PER_COMMIT]
        now = self._clock()
        towns = self._towns.all()

        def change(found: dict[str, Incident | None], appeals: dict[str, Appeal | None]) -> IncidentWrite | None:
            try:
                decided = decide(found, appeals)
            except IncidentConflict as conflict:
                raise ActionRefused(str(conflict)) from None
            if decided is None:
                return None
            writes: list[AppealWrite] = []
            for member in decided.members:
                before = appeals.get(member.appeal_id)
                if before is None:
                    continue
                after = incidents.applied(before, member)
                target = next((i for i in decided.incidents if i.id == member.incident_id), None)
                if target is not None and target.work.answers:
                    after = joining_member_receives(
                        after, target.id, target.work.answers,
                        incident_resolved=target.status is IncidentStatus.RESOLVED, at=now,
                        auto_resolve_after=auto_resolve_after(towns.get(target.municipality)), actor=principal.actor)
                writes.append(write(before, after))
            target = next((i for i in decided.incidents if i.id == moved_into), None)
            if target is not None and len(appeal_ids) > len(page) and writes:
                # The rest are moved by fan_out_incident, after this page's last, as the target's newest entry says.
                carry = carry_on(target, step_key(target, len(target.history) - 1), page[-1])
                writes[-1] = AppealWrite(writes[-1].appeal, (*writes[-1].messages, carry))
            return IncidentWrite(incidents=decided.incidents, appeals=tuple(writes))

        written = self._incidents.transact(incident_ids, page, change)
        self._outbox.publish(written.appeals)
        log.info("incident grouped by hand", extra={"principal": principal.actor, "incident_id": result_id,
                                                     "appeals": len(written.appeals)})
        result = next((i for i in written.incidents if i.id == result_id), None) or self._incidents.get(result_id)
        if result is None:
            raise IncidentNotVisible(result_id)
        return result


def _operator(principal: Principal) -> None:
    if principal.role is not Role.OPERATOR:
        raise Forbidden("only operators group appeals into incidents")


def _visible(principal: Principal, appeal: Appeal | None, appeal_id: str) -> Appeal:
    if appeal is None or not principal.can_see(appeal):
        raise NotVisible(appeal_id)
    return appeal


def _present(incident: Incident | None, incident_id: str) -> Incident:
    if incident is None:
        raise IncidentNotVisible(incident_id)
    return incident


def _fits_one_commit(appeal_ids: Sequence[str]) -> None:
    if len(appeal_ids) > MAX_APPEALS_PER_COMMIT:
        raise ActionRefused(f"{len(appeal_ids)} appeals at once; at most {MAX_APPEALS_PER_COMMIT}")
