"""operator_api over HTTP: who sees what, the lifecycle with its refusals, photo reports, reception."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from PIL import Image

from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.principals import Role
from otklik.messages import AppealReceived
from otklik.platforms.events import NewMessage
from otklik.platforms.telegram import webhook as telegram
from tests.conftest import Stack, seed_towns
from tests.support import OTHER_TOWN, TOWN, payload

_numbers = iter(range(1, 10**6))


@dataclass
class Keys:
    operator: str
    other_town_operator: str
    roads_department: str
    waste_department: str
    supervisor: str
    regional: str


@dataclass
class World:
    stack: Stack
    base: str
    keys: Keys
    road: Appeal
    waste: Appeal
    other_town: Appeal
    greeting: Appeal


def routed_appeal(stack: Stack, text: str, account: str = "yuzhno", town: str = TOWN) -> Appeal:
    data = payload("telegram", "update_message_text")
    number = next(_numbers)
    data["message"] |= {"message_id": number, "text": text, "chat": {"id": 10_000 + number, "type": "private"}}
    event = telegram.interpret(telegram.Update.model_validate(data), account=account, bot_username=None,
                               bot_user_id=None)
    assert isinstance(event, NewMessage)
    received = stack.deps.ingest.receive(event.message, town)
    stored = stack.deps.appeals.get(received.appeal_id)
    assert stored is not None
    stack.deps.routing.handle(AppealReceived(appeal_id=stored.id, municipality=town, channel=stored.channel,
                                             received_at=stored.received_at))
    routed = stack.deps.appeals.get(stored.id)
    assert routed is not None
    return routed


@pytest.fixture
def world(stack: Stack, functions_server: str) -> World:
    seed_towns(stack)
    issue = stack.deps.api_keys.issue
    keys = Keys(
        operator=issue(Role.OPERATOR, (TOWN,))[1],
        other_town_operator=issue(Role.OPERATOR, (OTHER_TOWN,))[1],
        roads_department=issue(Role.DEPARTMENT, (TOWN,), "city_economy")[1],
        waste_department=issue(Role.DEPARTMENT, (TOWN,), "ecology")[1],
        supervisor=issue(Role.SUPERVISOR, (TOWN,))[1],
        regional=issue(Role.REGIONAL, (TOWN, OTHER_TOWN))[1],
    )
    return World(
        stack=stack, base=f"{functions_server}/operator_api", keys=keys,
        road=routed_appeal(stack, "Огромная яма на дороге по ул. Ленина, машины бьют колёса"),
        waste=routed_appeal(stack, "Мусор не вывозят неделю, контейнеры переполнены"),
        other_town=routed_appeal(stack, "Яма на дороге у рынка", account="kholmsk", town=OTHER_TOWN),
        greeting=routed_appeal(stack, "Здравствуйте"),
    )


def call(world: World, key: str | None, method: str, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return requests.request(method, f"{world.base}{path}", json=body, headers=headers | kwargs.pop("headers", {}),
                            timeout=30, allow_redirects=False, **kwargs)


def ids(response: requests.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {a["id"] for a in response.json()["appeals"]}


def test_the_world_is_routed_as_expected(world: World) -> None:
    assert (world.road.department, world.waste.department) == ("city_economy", "ecology")
    assert world.greeting.status is Status.NEEDS_TRIAGE


class TestVisibility:
    def test_an_operator_sees_every_appeal_of_the_town_and_none_of_another(self, world: World) -> None:
        assert ids(call(world, world.keys.operator, "GET", "/appeals")) == {world.road.id, world.waste.id,
                                                                            world.greeting.id}
        assert call(world, world.keys.operator, "GET", f"/appeals/{world.other_town.id}").status_code == 404
        assert call(world, world.keys.operator, "GET", f"/appeals?town={OTHER_TOWN}").status_code == 403

    def test_a_department_sees_only_its_own_appeals_in_lists_reads_and_actions(self, world: World) -> None:
        key = world.keys.roads_department
        assert ids(call(world, key, "GET", "/appeals")) == {world.road.id}
        assert ids(call(world, key, "GET", "/appeals?status=needs_triage")) == set()
        assert call(world, key, "GET", "/appeals?department=ecology").status_code == 403
        assert call(world, key, "GET", f"/appeals/{world.waste.id}").status_code == 404
        assert call(world, key, "POST", f"/appeals/{world.waste.id}/take").status_code == 404
        assert call(world, key, "GET", f"/appeals/{world.road.id}").status_code == 200

    def test_a_not_visible_appeal_looks_exactly_like_a_missing_one(self, world: World) -> None:
        hidden = call(world, world.keys.roads_department, "GET", f"/appeals/{world.waste.id}").json()
        missing = call(world, world.keys.roads_department, "GET", "/appeals/no-such-appeal").json()
        assert hidden["error"] == missing["error"] == "not_found"
        assert world.waste.text not in json.dumps(hidden, ensure_ascii=False)

    def test_supervisors_read_but_do_not_act(self, world: World) -> None:
        assert ids(call(world, world.keys.supervisor, "GET", "/appeals")) == {world.road.id, world.waste.id,
                                                                              world.greeting.id}
        assert call(world, world.keys.supervisor, "POST", f"/appeals/{world.road.id}/take").status_code == 403
        assert call(world, world.keys.supervisor, "POST", f"/appeals/{world.other_town.id}/take").status_code == 404

    def test_regional_readers_see_their_granted_towns_and_do_not_act(self, world: World) -> None:
        assert ids(call(world, world.keys.regional, "GET", f"/appeals?town={OTHER_TOWN}")) == {world.other_town.id}
        assert call(world, world.keys.regional, "GET", f"/appeals/{world.road.id}").status_code == 200
        assert call(world, world.keys.regional, "POST", f"/appeals/{world.road.id}/note",
                    {"text": "x"}).status_code == 403

    @pytest.mark.parametrize("key", [None, "otk_wrong_key"])
    def test_without_a_valid_key_nothing_is_shown(self, world: World, key: str | None) -> None:
        response = call(world, key, "GET", "/appeals")
        assert response.status_code == 401 and response.json()["error"] == "unauthenticated"

    def test_filters_and_text_search_narrow_the_list_sorted_by_deadline(self, world: World) -> None:
        key = world.keys.operator
        assert ids(call(world, key, "GET", "/appeals?category=waste")) == {world.waste.id}
        assert ids(call(world, key, "GET", "/appeals?q=контейнеров")) == {world.waste.id}
        assert ids(call(world, key, "GET", "/appeals?q=яма+колесо")) == {world.road.id}
        routed_by_telegram = ids(call(world, key, "GET", "/appeals?channel=telegram&status=routed"))
        assert routed_by_telegram == {world.road.id, world.waste.id}
        listed = call(world, key, "GET", "/appeals").json()["appeals"]
        assert [a["due_at"] for a in listed] == sorted(a["due_at"] for a in listed)

    def test_pages_follow_the_cursor_to_the_end(self, world: World) -> None:
        first = call(world, world.keys.operator, "GET", "/appeals?limit=2").json()
        assert len(first["appeals"]) == 2 and first["next_cursor"]
        second = call(world, world.keys.operator, "GET", f"/appeals?limit=2&cursor={first['next_cursor']}").json()
        seen = {a["id"] for a in first["appeals"] + second["appeals"]}
        assert seen == {world.road.id, world.waste.id, world.greeting.id}

    @pytest.mark.parametrize("query", ["status=bogus", "limit=0", "limit=abc", "due_before=yesterday",
                                       "overdue=maybe", "undelivered=yes", "due_before=2026-01-01T00:00:00"])
    def test_bad_filters_are_a_client_error(self, world: World, query: str) -> None:
        assert call(world, world.keys.operator, "GET", f"/appeals?{query}").status_code == 400


def jpeg_with_gps(size: tuple[int, int] = (2400, 1800)) -> bytes:
    image = Image.new("RGB", size, (120, 160, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (46.0, 57.0, 30.0), 3: "E", 4: (142.0, 44.0, 10.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def answer(world: World, key: str, appeal: Appeal, kind: str, text: str = "Работы выполнены",
           photos: list[bytes] | None = None, **extra: Any) -> requests.Response:
    body = {"kind": kind, "text": text} | extra
    if photos is None:
        return call(world, key, "POST", f"/appeals/{appeal.id}/answer", body)
    files = [("photos", (f"p{i}.jpg", data, "image/jpeg")) for i, data in enumerate(photos)]
    return call(world, key, "POST", f"/appeals/{appeal.id}/answer", data={"answer": json.dumps(body)}, files=files)


class TestLifecycle:
    def test_take_answer_intermediate_final_with_photo_resolve_and_reopen(self, world: World) -> None:
        key, road = world.keys.roads_department, world.road
        taken = call(world, key, "POST", f"/appeals/{road.id}/take").json()
        assert taken["status"] == "in_progress" and taken["assignee"].startswith("department:")

        response = answer(world, key, road, "intermediate", "Взято в работу", planned_date="2026-12-05")
        assert response.status_code == 200, response.text
        intermediate = response.json()
        assert intermediate["status"] == "in_progress"
        assert intermediate["planned_resolution"] == "2026-12-05"
        assert intermediate["due_at"] == taken["due_at"], "an intermediate answer does not move the deadline"
        assert intermediate["first_response_at"] is not None

        refused = answer(world, key, road, "final")
        assert refused.status_code == 422 and "photo report" in refused.json()["message"]

        final = answer(world, key, road, "final", photos=[jpeg_with_gps()]).json()
        assert final["status"] == "answered"
        assert final["first_response_at"] == intermediate["first_response_at"]
        (photo_name,) = final["answers"][1]["photos"]

        resolved = call(world, world.keys.operator, "POST", f"/appeals/{road.id}/resolve", {}).json()
        assert resolved["status"] == "resolved" and resolved["resolved_at"]
        reopened = call(world, world.keys.operator, "POST", f"/appeals/{road.id}/reopen",
                        {"reason": "жители жалуются"}).json()
        assert (reopened["status"], reopened["reopen_count"]) == ("routed", 1)
        actions = [h["action"] for h in reopened["history"]]
        assert actions[-5:] == ["taken", "answered_intermediate", "answered_final", "resolved", "reopened"]
        assert all(h["actor"] for h in reopened["history"])

        stored = Image.open(io.BytesIO(world.stack.deps.photos.get(photo_name)))
        assert max(stored.size) == 1600
        assert not stored.getexif() and "exif" not in stored.info

    @pytest.mark.parametrize(("action", "body"), [
        ("resolve", {}), ("take", None),
    ])
    def test_impossible_transitions_are_refused_naming_the_current_status(self, world: World, action: str,
                                                                          body: Any) -> None:
        assert call(world, world.keys.operator, "POST", f"/appeals/{world.waste.id}/take").status_code == 200
        response = call(world, world.keys.operator, "POST", f"/appeals/{world.waste.id}/{action}", body)
        assert response.status_code == 409 and response.json()["details"]["current_status"] == "in_progress"

    def test_answering_a_triage_appeal_is_refused(self, world: World) -> None:
        response = answer(world, world.keys.operator, world.greeting, "intermediate", planned_date="2026-12-01")
        assert response.status_code == 409 and response.json()["details"]["current_status"] == "needs_triage"

    def test_an_intermediate_answer_needs_a_planned_date(self, world: World) -> None:
        assert answer(world, world.keys.operator, world.waste, "intermediate").status_code == 422

    def test_a_category_without_photo_rule_is_answered_without_photos(self, world: World) -> None:
        heating = routed_appeal(world.stack, "Нет отопления в квартире, батареи холодные")
        response = answer(world, world.keys.operator, heating, "final", "Отопление восстановлено")
        assert response.status_code == 200 and response.json()["status"] == "answered"

    def test_the_same_answer_sent_twice_with_an_idempotency_key_is_kept_once(self, world: World) -> None:
        heating = routed_appeal(world.stack, "Нет отопления в квартире, батареи холодные")
        body = {"kind": "final", "text": "Отопление дали"}
        for key in ("k-1", "k-1", "k-2"):
            response = call(world, world.keys.operator, "POST", f"/appeals/{heating.id}/answer", body,
                            headers={"Idempotency-Key": key})
            assert response.status_code == (409 if key == "k-2" else 200), response.text
        appeal = world.stack.deps.appeals.get(heating.id)
        assert appeal is not None and len(appeal.answers) == 1


class TestTriageAndAssignment:
    def test_triage_sets_category_and_the_towns_department(self, world: World) -> None:
        triaged = call(world, world.keys.operator, "POST", f"/appeals/{world.greeting.id}/triage",
                       {"category": "lighting"}).json()
        assert (triaged["status"], triaged["category"], triaged["department"]) == ("routed", "lighting", "city_economy")
        assert triaged["history"][-1]["action"] == "triaged"

    def test_triage_can_reject_spam_with_a_reason(self, world: World) -> None:
        rejected = call(world, world.keys.operator, "POST", f"/appeals/{world.greeting.id}/triage",
                        {"reject_reason": "не обращение"}).json()
        assert rejected["status"] == "rejected"

    def test_departments_cannot_triage(self, world: World) -> None:
        assert call(world, world.keys.roads_department, "POST", f"/appeals/{world.road.id}/triage",
                    {"category": "roads"}).status_code == 403

    def test_an_operator_hands_an_appeal_to_another_department(self, world: World) -> None:
        moved = call(world, world.keys.operator, "POST", f"/appeals/{world.road.id}/assign",
                     {"department": "ecology"}).json()
        assert moved["department"] == "ecology"
        assert call(world, world.keys.roads_department, "GET", f"/appeals/{world.road.id}").status_code == 404
        assert call(world, world.keys.waste_department, "GET", f"/appeals/{world.road.id}").status_code == 200

    def test_a_department_assigns_a_person_but_not_another_department(self, world: World) -> None:
        key = world.keys.roads_department
        assign = f"/appeals/{world.road.id}/assign"
        assert call(world, key, "POST", assign, {"assignee": "Иванов"}).json()["assignee"] == "Иванов"
        assert call(world, key, "POST", assign, {"department": "ecology"}).status_code == 403

    def test_unknown_department_and_bad_bodies_are_refused(self, world: World) -> None:
        key = world.keys.operator
        assert call(world, key, "POST", f"/appeals/{world.road.id}/assign", {"department": "nope"}).status_code == 422
        assert call(world, key, "POST", f"/appeals/{world.road.id}/note", {"txt": "x"}).status_code == 422
        assert call(world, key, "POST", f"/appeals/{world.road.id}/fly", {}).status_code == 404
        assert call(world, key, "DELETE", f"/appeals/{world.road.id}").status_code == 405

    def test_notes_stay_internal(self, world: World) -> None:
        noted = call(world, world.keys.roads_department, "POST", f"/appeals/{world.road.id}/note",
                     {"text": "позвонить подрядчику"}).json()
        assert noted["history"][-1] == noted["history"][-1] | {"action": "note"}
        assert noted["answers"] == []


class TestReception:
    def test_an_appeal_by_phone_is_registered_routed_and_answered_for_manual_delivery(self, world: World) -> None:
        body = {"resident_name": "Петров П.П.", "contact": "+7 914 000-00-00", "text": "Не горят фонари на ул. Мира"}
        created = call(world, world.keys.operator, "POST", "/appeals", body, headers={"Idempotency-Key": "call-17"})
        assert created.status_code == 201
        appeal = created.json()
        assert (appeal["channel"], appeal["municipality"], appeal["status"]) == ("reception", TOWN, "received")
        again = call(world, world.keys.operator, "POST", "/appeals", body, headers={"Idempotency-Key": "call-17"})
        assert again.json()["id"] == appeal["id"]

        world.stack.deps.routing.handle(AppealReceived(appeal_id=appeal["id"], municipality=TOWN,
                                                       channel=Channel.RECEPTION, received_at=appeal["received_at"]))
        routed = call(world, world.keys.operator, "GET", f"/appeals/{appeal['id']}").json()
        assert (routed["status"], routed["category"]) == ("routed", "lighting")
        answered = answer(world, world.keys.operator, world.stack.deps.appeals.get(appeal["id"]), "intermediate",  # type: ignore[arg-type]
                          "Заявка передана подрядчику", planned_date="2026-12-10").json()
        assert answered["answers"][0]["delivery"]["status"] == "manual"

    def test_only_operators_register_and_only_in_their_town(self, world: World) -> None:
        body = {"resident_name": "А", "contact": "b", "text": "c"}
        assert call(world, world.keys.roads_department, "POST", "/appeals", body).status_code == 403
        assert call(world, world.keys.operator, "POST", "/appeals", body | {"town": OTHER_TOWN}).status_code == 403
        assert call(world, world.keys.operator, "POST", "/appeals", {"text": "c"}).status_code == 400
