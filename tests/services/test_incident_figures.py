"""Incidents in the public figures, over the fakes: Open311 shows each member request with its incident's status
and the same status_notes."""
from __future__ import annotations

from datetime import timedelta

from otklik.domain.incidents.actions import take
from otklik.domain.incidents.model import Reason, applied, incident_id_for, start
from otklik.domain.model import Status
from otklik.open311.wire import RequestsQuery
from otklik.services.open311 import Open311Service
from tests.builders import TOWN, an_appeal, answered, routed
from tests.fakes import T0, Clock, InMemoryAppeals, InMemoryIncidents, Keys, configured_towns


def test_open311_shows_every_member_with_the_incidents_status_and_the_same_notes() -> None:
    appeals, clock = InMemoryAppeals(), Clock()
    incidents = InMemoryIncidents(appeals)
    members = [routed(an_appeal("Нет воды в доме 5"), category="water", department="housing_utilities"),
               answered(routed(an_appeal("Нет воды, дом 7"), category="water", department="housing_utilities"))]
    change = start(incident_id_for(members[0].id), members, Reason("одна авария"), T0)
    by_id = {m.id: m for m in members}
    appeals.put(*(applied(by_id[e.appeal_id], e) for e in change.members))
    incidents.put(take(change.incident, "department:hu1", T0 + timedelta(hours=1)))
    alone = routed(an_appeal("Яма у дома 9"))
    appeals.put(alone)
    service = Open311Service(appeals, appeals, configured_towns(), Keys(), None, clock,  # type: ignore[arg-type]
                             incidents=incidents)

    page = service.requests(RequestsQuery(jurisdiction_id=TOWN,
                                          service_request_id=",".join([*by_id, alone.id])))

    shown = {r.service_request_id: r for r in page.requests}
    assert appeals.current(members[1].id).status is Status.ANSWERED  # its own status would show "closed"
    assert {(shown[i].status, shown[i].status_notes) for i in by_id} == {
        ("open", "in_progress — в работе · одна проблема, обращений: 2")}
    assert (shown[alone.id].status, shown[alone.id].status_notes) == ("open", "routed — передано исполнителю")
    assert service.request(TOWN, members[0].id).status_notes == shown[members[0].id].status_notes
