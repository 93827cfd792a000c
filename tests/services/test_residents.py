"""A resident's data on request (export, erase) and the daily erasure past each town's retention period, over the
in-memory fakes: what is erased, what is left alone, and what the audit log keeps (ids and counts, not the data)."""
from __future__ import annotations

from datetime import datetime, timedelta

from otklik.domain.model import Appeal, Author, Channel, HistoryAction, HistoryEntry, Status
from otklik.domain.retention import ERASED
from otklik.domain.towns import TownConfig
from otklik.services.residents import ResidentData
from tests.builders import TOWN, an_appeal, answered, routed
from tests.fakes import T0, Audit, Clock, InMemoryAppeals, InMemoryIncidents, Photos, Towns

NAME = "Анна Петрова"
OTHER_TOWN = "kholmsk"


def town(code: str, retention_days: int) -> TownConfig:
    return TownConfig(code=code, name=code, departments={"city_economy": "ДГХ"}, routing={"roads": "city_economy"},
                      personal_data_retention_days=retention_days)


def resolved(text: str = "Яма у дома 5", *, author: str = "u1", municipality: str = TOWN,
             at: datetime = T0) -> Appeal:
    appeal = answered(routed(an_appeal(text, author=Author(platform_user_id=author, display_name=NAME),
                                       municipality=municipality, received_at=at)))
    resolved_at = at + timedelta(hours=2)
    confirmed = HistoryEntry(at=resolved_at, actor=f"resident:{author}", action=HistoryAction.RESOLVED,
                             details={"by": "resident confirmed"})
    return appeal.changed(Status.RESOLVED, confirmed, resolved_at=resolved_at)


def service(appeals: InMemoryAppeals, clock: Clock, photos: Photos | None = None,
            audit: Audit | None = None, incidents: InMemoryIncidents | None = None) -> ResidentData:
    return ResidentData(appeals, appeals, appeals, photos or Photos(), Towns(town(TOWN, 365), town(OTHER_TOWN, 30)),
                        audit or Audit(), clock, incidents=incidents or InMemoryIncidents(appeals))


def test_the_daily_pass_erases_what_each_towns_retention_no_longer_allows(appeals: InMemoryAppeals) -> None:
    old_here, recent_here, old_there = resolved(), resolved(at=T0 + timedelta(days=300)), resolved(
        author="u2", municipality=OTHER_TOWN)
    still_open = routed(an_appeal(author="u3"))
    appeals.put(old_here, recent_here, old_there, still_open)
    audit = Audit()

    report = service(appeals, Clock(T0 + timedelta(days=366)), audit=audit).erase_expired()

    assert sorted(report.appeal_ids) == sorted([old_here.id, old_there.id])
    assert appeals.current(old_here.id).text == ERASED and appeals.current(old_there.id).text == ERASED
    assert appeals.current(recent_here.id) == recent_here and appeals.current(still_open.id) == still_open
    [entry] = audit.entries
    assert (entry.action, entry.actor, sorted(entry.appeal_ids)) == ("erase_expired", "system:retention",
                                                                    sorted(report.appeal_ids))


def test_a_second_pass_finds_nothing_left_to_erase(appeals: InMemoryAppeals) -> None:
    appeals.put(resolved(), resolved(author="u2"))
    residents = service(appeals, Clock(T0 + timedelta(days=400)))
    residents.erase_expired()
    transactions = appeals.transactions

    assert residents.erase_expired().appeals == 0 and appeals.transactions == transactions


def test_erasing_deletes_the_photo_reports_and_the_archived_history(appeals: InMemoryAppeals) -> None:
    photos = Photos({"appeals/a/answers/ans-1/p.jpg": b"jpeg"})
    appeal = resolved()
    appeal = appeal.model_copy(update={"answers": (appeal.answers[0].model_copy(
        update={"photos": ("appeals/a/answers/ans-1/p.jpg",)}),), "archived_history": 1})
    appeals.put(appeal)
    appeals.archive[appeal.id] = [HistoryEntry(at=T0, actor="operator:1", action=HistoryAction.NOTE,
                                               details={"text": f"звонила {NAME}"})]

    report = service(appeals, Clock(T0 + timedelta(days=400)), photos).erase_expired()

    assert photos.stored == {} and report.photos_deleted == 1
    assert appeals.archive[appeal.id][0].details == {"text": ERASED} and report.archived_entries == 1


def test_a_residents_request_erases_all_their_appeals_on_that_channel_and_no_others(appeals: InMemoryAppeals) -> None:
    first, second = resolved(author="u1"), routed(an_appeal(author=Author(platform_user_id="u1", display_name=NAME)))
    someone_else = resolved(author="u2")
    elsewhere = an_appeal(channel=Channel.VK, account="218734512", author="u1")
    appeals.put(first, second, someone_else, elsewhere)
    audit = Audit()

    report = service(appeals, Clock(T0 + timedelta(days=1)), audit=audit).erase(Channel.TELEGRAM, "u1", "cli:olga")

    assert sorted(report.appeal_ids) == sorted([first.id, second.id]) and report.still_open == 1
    assert all(appeals.current(i).erased_at is not None for i in (first.id, second.id))
    assert appeals.current(someone_else.id) == someone_else and appeals.current(elsewhere.id) == elsewhere
    [entry] = audit.entries
    assert (entry.actor, entry.action, entry.channel, entry.counts["appeals"]) == ("cli:olga", "erase", "telegram", 2)
    recorded = repr(entry)
    assert "u1" not in recorded and NAME not in recorded and "Яма" not in recorded


def test_the_export_holds_every_appeal_and_message_of_the_resident(appeals: InMemoryAppeals) -> None:
    mine = resolved(author="u1").model_copy(update={"archived_history": 1})
    appeals.put(mine, resolved(author="u2"))
    appeals.archive[mine.id] = [HistoryEntry(at=T0, actor="telegram:yuzhno", action=HistoryAction.RECEIVED)]
    audit = Audit()

    exported = service(appeals, Clock(), audit=audit).export(Channel.TELEGRAM, "u1", "cli:olga")

    [shown] = exported.appeals
    assert shown["id"] == mine.id and shown["author"]["display_name"] == NAME
    assert len(shown["history"]) == len(mine.history) + 1
    [entry] = audit.entries
    assert (entry.action, entry.appeal_ids, entry.counts["archived_entries"]) == ("export", (mine.id,), 1)


def test_erasing_a_member_of_an_incident_takes_its_coordinates_and_words_off_the_incident_too(
        appeals: InMemoryAppeals) -> None:
    from otklik.domain.incidents.model import Reason, applied, start
    from otklik.domain.model import Location

    here = routed(an_appeal("Нет воды, Ленина 5", author=Author(platform_user_id="u1"),
                            location=Location(latitude=46.95, longitude=142.73)), category="water")
    neighbour = routed(an_appeal("Нет воды, Ленина 7", author=Author(platform_user_id="u2"),
                                 location=Location(latitude=46.96, longitude=142.74)), category="water")
    change = start("in-" + "5" * 24, [here, neighbour], Reason("same street"), T0,
                   problem_words={here.id: ["вода"], neighbour.id: ["вода"]})
    incidents = InMemoryIncidents(appeals)
    incidents.put(change.incident)
    appeals.put(*(applied(a, m) for a, m in zip((here, neighbour), change.members, strict=True)))

    service(appeals, Clock(T0 + timedelta(days=1)), incidents=incidents).erase(Channel.TELEGRAM, "u1", "cli:olga")

    mine, theirs = incidents.stored[change.incident.id].members
    assert (mine.coordinates, mine.problem_words) == (None, ())
    assert (theirs.coordinates, theirs.problem_words) == ((46.96, 142.74), ("вода",)), "a neighbour's stays"
    assert appeals.current(here.id).location is None
