"""Where an appeal goes: town, department and deadline, decided without any I/O."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from otklik.domain.classification import Classification
from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.routing import apply_route, decide_route, decide_town
from otklik.domain.towns import RegionConfig, TownConfig
from tests.builders import a_regional_appeal, an_appeal

CONFIG = Path(__file__).resolve().parents[2] / "infra" / "config" / "towns.json"
TOWNS = {t.code: t for t in RegionConfig.model_validate_json(CONFIG.read_text()).towns}
RECEIVED = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)  # Wednesday 12:00 in Sakhalin


def appeal(text: str = "яма на дороге", *, channel: Channel = Channel.TELEGRAM, municipality: str = "yuzhno_sakhalinsk",
           received_at: datetime = RECEIVED) -> Appeal:
    return an_appeal(text, channel=channel, municipality=municipality, received_at=received_at)


def sure(category: str) -> Classification:
    return Classification(category=category, confidence=0.9, triage=False, reasons=["яма", "дорога"], kind="appeal")


UNSURE = Classification(category="other", confidence=0.2, triage=True, reasons=[], kind="appeal")


@pytest.mark.parametrize(("category", "department"), [
    ("roads", "city_economy"), ("waste", "ecology"), ("heating", "housing_utilities"), ("schools", "education"),
    ("benefits", "social"), ("housing", "housing_policy"), ("public_transport", "transport"),
    ("healthcare", "regional"),
])
def test_a_confident_category_goes_to_the_towns_department_for_it(category: str, department: str) -> None:
    decision = decide_route(appeal(), sure(category), TOWNS)
    assert decision.status is Status.ROUTED
    assert (decision.category, decision.department) == (category, department)
    assert decision.reasons == ("яма", "дорога")


def test_the_default_policy_gives_twelve_hours_from_receipt() -> None:
    assert decide_route(appeal(), sure("roads"), TOWNS).due_at == RECEIVED + timedelta(hours=12)


def test_an_unsure_classification_goes_to_triage_with_the_reason_and_a_deadline() -> None:
    decision = decide_route(appeal(), UNSURE, TOWNS)
    assert decision.status is Status.NEEDS_TRIAGE
    assert decision.department is None
    assert decision.triage_reason and "unsure" in decision.triage_reason
    assert decision.due_at == RECEIVED + timedelta(hours=12)


def test_a_category_without_a_department_goes_to_triage() -> None:
    town = TOWNS["yuzhno_sakhalinsk"]
    partial = town.model_copy(update={"routing": {k: v for k, v in town.routing.items() if k != "roads"}})
    decision = decide_route(appeal(), sure("roads"), {"yuzhno_sakhalinsk": partial})
    assert decision.status is Status.NEEDS_TRIAGE and "no department" in (decision.triage_reason or "")


class TestTown:
    def test_direct_channels_keep_the_town_of_their_receiving_account(self) -> None:
        assert decide_town(appeal("яма в Холмске"), TOWNS) == "yuzhno_sakhalinsk"

    @pytest.mark.parametrize("channel", [Channel.REGIONAL, Channel.RECEPTION])
    def test_without_an_account_the_town_named_in_the_text_decides(self, channel: Channel) -> None:
        without_account = appeal("в Холмске на ул. Советской яма", channel=channel, municipality="")
        assert decide_town(without_account, TOWNS) == "kholmsk"

    def test_a_district_of_yuzhno_sakhalinsk_counts_as_the_town(self) -> None:
        assert decide_town(appeal("в Хомутово нет света", channel=Channel.RECEPTION, municipality=""),
                           TOWNS) == "yuzhno_sakhalinsk"

    def test_no_town_means_triage(self) -> None:
        decision = decide_route(appeal("яма на дороге", channel=Channel.RECEPTION, municipality=""), sure("roads"),
                                TOWNS)
        assert decision.status is Status.NEEDS_TRIAGE and decision.triage_reason == "town unknown"
        assert decision.due_at is None


class TestRegional:
    def regional(self, **body: object) -> Appeal:
        return a_regional_appeal("яма на дороге", municipality="kholmsk", received_at=RECEIVED, **body)

    def test_its_own_earlier_deadline_wins(self) -> None:
        earlier = RECEIVED + timedelta(hours=6)
        assert decide_route(self.regional(deadline=earlier), sure("roads"), TOWNS).due_at == earlier

    def test_a_later_deadline_than_the_policy_does_not(self) -> None:
        later = RECEIVED + timedelta(hours=30)
        decision = decide_route(self.regional(deadline=later), sure("roads"), TOWNS)
        assert decision.due_at == RECEIVED + timedelta(hours=12)

    def test_a_category_hint_is_taken_as_decided(self) -> None:
        decision = decide_route(self.regional(category_hint="water"), UNSURE, TOWNS)
        assert (decision.status, decision.category, decision.department) == (Status.ROUTED, "water",
                                                                             "housing_utilities")


def test_working_hours_policy_counts_only_working_time() -> None:
    town: TownConfig = TOWNS["yuzhno_sakhalinsk"]
    working = town.model_copy(update={"sla": town.sla.model_copy(update={"default_mode": "working"})})
    friday_evening = datetime(2026, 6, 5, 6, 0, tzinfo=UTC)  # Friday 17:00 local
    decision = decide_route(appeal(received_at=friday_evening), sure("roads"), {"yuzhno_sakhalinsk": working})
    # 1 h on Friday, 9 h on Monday, 2 h on Tuesday: Tuesday 11:00 local.
    assert decision.due_at == datetime(2026, 6, 9, 0, 0, tzinfo=UTC)


def test_applying_a_route_records_one_history_entry_with_the_reasons() -> None:
    received = appeal()
    decision = decide_route(received, sure("roads"), TOWNS)
    routed = apply_route(received, decision, RECEIVED + timedelta(seconds=1))
    assert routed.status is Status.ROUTED and routed.department == "city_economy"
    assert routed.history[:len(received.history)] == received.history
    (entry,) = routed.history[len(received.history):]
    assert entry.action == "routed" and entry.details["reasons"] == ["яма", "дорога"]


def test_the_shipped_configuration_routes_every_category_of_the_brief() -> None:
    categories = {"roads", "yards", "greening", "lighting", "snow", "waste", "schools", "kindergartens", "healthcare",
                  "benefits", "housing", "water", "heating", "electricity", "management_company", "public_transport",
                  "animals"}
    for town in TOWNS.values():
        assert set(town.routing) == categories
    assert set(TOWNS) == {"yuzhno_sakhalinsk", "aniva", "dolinsk", "kholmsk", "korsakov", "nevelsk"}
    assert json.loads(CONFIG.read_text())["version"] >= 1
