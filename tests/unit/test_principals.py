"""Who may read what: a key sees appeals only in a role that reads them, and only in its towns and department."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from otklik.domain.model import Appeal, Author, Channel, SourceKind, SourceRef, Status
from otklik.domain.principals import APPEAL_READERS, REPORT_READERS, Principal, Role

TOWN = "aniva"
ROAD = Appeal(
    id="tg-0123456789abcdef01234567", municipality=TOWN, channel=Channel.TELEGRAM, text="Яма у дома 5",
    received_at=datetime(2026, 3, 1, tzinfo=UTC), status=Status.ROUTED, category="roads", department="city_economy",
    source=SourceRef(platform=Channel.TELEGRAM, account="aniva", kind=SourceKind.PRIVATE_MESSAGE, event_id="1:2",
                     chat_id="1"),
    author=Author(platform_user_id="1"),
)


def key(role: Role, department: str | None = None, towns: tuple[str, ...] = (TOWN,)) -> Principal:
    return Principal(key_id="k", role=role, towns=towns, department=department)


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR, Role.REGIONAL])
def test_the_centres_readers_see_their_towns_appeals(role: Role) -> None:
    assert key(role).can_see(ROAD)
    assert not key(role, towns=("kholmsk",)).can_see(ROAD)


def test_a_department_sees_only_its_own_appeals() -> None:
    assert key(Role.DEPARTMENT, "city_economy").can_see(ROAD)
    assert not key(Role.DEPARTMENT, "ecology").can_see(ROAD)


def test_an_open311_client_sees_no_residents_appeal_even_in_its_own_town() -> None:
    assert not key(Role.OPEN311).can_see(ROAD)
    assert not key(Role.OPEN311).can_work(ROAD)
    assert Role.OPEN311 not in APPEAL_READERS


@pytest.mark.parametrize(("role", "reads"), [(Role.SUPERVISOR, True), (Role.REGIONAL, True), (Role.OPERATOR, False),
                                             (Role.DEPARTMENT, False), (Role.OPEN311, False)])
def test_the_monthly_figures_are_for_supervisors_and_the_regional_centre(role: Role, reads: bool) -> None:
    assert key(role, "city_economy").reads_reports is reads
    assert (role in REPORT_READERS) is reads
