"""Who may read what: a key sees appeals only in a role that reads them, and only in its towns and department."""
from __future__ import annotations

import pytest

from otklik.domain.principals import APPEAL_READERS, REPORT_READERS, Principal, Role
from tests.builders import an_appeal, routed

TOWN = "aniva"
ROAD = routed(an_appeal("Яма у дома 5", municipality=TOWN, account="aniva"), category="roads",
              department="city_economy")


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
