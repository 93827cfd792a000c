"""The Open311 GeoReport v2 endpoint served over HTTP: services, requests with the specification's filters and
paging, one request, filing with an api_key, every resource in JSON and XML, and no personal data in anything it
shows."""
from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
import xmltodict
from georeport import GeoReport

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import (
    Appeal,
    Author,
    Channel,
    Location,
    SourceKind,
    Status,
)
from otklik.domain.principals import Role
from otklik.logs import CloudLoggingFormatter
from otklik.messages import AppealReceived
from otklik.services.ports import AppealWrite
from tests.builders import an_appeal
from tests.conftest import Stack, seed_towns
from tests.regional_support import routed
from tests.support import OTHER_TOWN, SECRETS, TOWN, MessageProbe, payload, wait_for

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def towns(stack: Stack) -> Stack:
    seed_towns(stack)
    return stack


def get(base: str, path: str, **params: Any) -> requests.Response:
    return requests.get(f"{base}/open311{path}", params={"jurisdiction_id": TOWN} | params, timeout=30,
                        allow_redirects=False)


def file(base: str, fields: dict[str, Any], *, as_json: bool = False, headers: dict[str, str] | None = None,
         query: dict[str, str] | None = None, extension: str = "json") -> requests.Response:
    url = f"{base}/open311/requests.{extension}"
    if as_json:
        return requests.post(url, data=json.dumps(fields), params=query, timeout=30, allow_redirects=False,
                             headers={"Content-Type": "application/json", **(headers or {})})
    return requests.post(url, data=fields, params=query, timeout=30, headers=headers,
                         allow_redirects=False)


def stored_appeal(stack: Stack, number: int, *, hours_ago: float, status: Status = Status.ROUTED,
                  category: str | None = "roads", town: str = TOWN,
                  kind: SourceKind = SourceKind.WALL_COMMENT, location: Location | None = None) -> Appeal:
    received_at = NOW - timedelta(hours=hours_ago)
    appeal = an_appeal(
        f"Обращение номер {number}", channel=Channel.VK, account="218734512", kind=kind, chat=None,
        source={"event_id": f"event-{number}"}, author=Author(platform_user_id=f"user-{number}",
                                                              display_name=f"Житель {number}"),
        municipality=town, received_at=received_at, status=status, category=category, location=location,
        department={"roads": "city_economy", "heating": "housing_utilities"}.get(category or ""),
        due_at=received_at + timedelta(hours=12))
    assert stack.deps.appeals.add(AppealWrite(appeal))
    assert appeal.id == stored_id(number)
    return appeal


def ids(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["service_request_id"] for r in response.json()]


# Services


def test_services_are_the_categories_grouped(towns: Stack, functions_server: str) -> None:
    response = get(functions_server, "/services.json")
    assert response.status_code == 200
    services = {s["service_code"]: s for s in response.json()}
    assert len(services) == 18
    assert services["snow"] == {"service_code": "snow", "service_name": "Уборка снега",
                                "description": "Благоустройство: Уборка снега", "metadata": False,
                                "type": "realtime", "keywords": "snow", "group": "Благоустройство"}


@pytest.mark.parametrize(("params", "status"), [({"jurisdiction_id": "atlantis"}, 404), ({"jurisdiction_id": ""}, 400)])
def test_an_unknown_or_missing_jurisdiction_is_an_open311_error(towns: Stack, functions_server: str,
                                                                params: dict, status: int) -> None:  # type: ignore[type-arg]
    response = get(functions_server, "/services.json", **params)
    assert response.status_code == status
    (error,) = response.json()
    assert error["code"] == status and error["description"]


# Listing


@pytest.fixture
def listed(towns: Stack) -> dict[str, Appeal]:
    return {
        "roads_open": stored_appeal(towns, 1, hours_ago=48),
        "heating_closed": stored_appeal(towns, 2, hours_ago=24, status=Status.ANSWERED, category="heating"),
        "triage": stored_appeal(towns, 3, hours_ago=30, status=Status.NEEDS_TRIAGE, category=None),
        "old": stored_appeal(towns, 4, hours_ago=100 * 24),
        "merged": stored_appeal(towns, 5, hours_ago=10, status=Status.MERGED),
        "rejected": stored_appeal(towns, 6, hours_ago=11, status=Status.REJECTED),
        "elsewhere": stored_appeal(towns, 7, hours_ago=12, town=OTHER_TOWN),
        "resolved": stored_appeal(towns, 8, hours_ago=60, status=Status.RESOLVED),
    }


def test_requests_are_the_last_90_days_of_the_town_newest_first_without_folded_or_rejected_ones(
        listed: dict[str, Appeal], functions_server: str) -> None:
    response = get(functions_server, "/requests.json")
    assert ids(response) == [listed[k].id for k in ("heating_closed", "triage", "roads_open", "resolved")]
    assert "Link" not in response.headers


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "open"}, ["triage", "roads_open"]),
    ({"status": "closed"}, ["heating_closed", "resolved"]),
    ({"status": "open,closed"}, ["heating_closed", "triage", "roads_open", "resolved"]),
    ({"service_code": "heating"}, ["heating_closed"]),
    ({"service_code": "roads,heating", "status": "open"}, ["roads_open"]),
    ({"start_date": (NOW - timedelta(days=101)).isoformat(), "end_date": (NOW - timedelta(days=99)).isoformat()},
     ["old"]),
    ({"start_date": (NOW - timedelta(hours=50)).isoformat()}, ["heating_closed", "triage", "roads_open"]),
    ({"end_date": (NOW - timedelta(hours=40)).isoformat()}, ["roads_open", "resolved"]),
])
def test_requests_are_filtered_as_the_specification_says(
        listed: dict[str, Appeal], functions_server: str, params: dict, expected: list[str]) -> None:  # type: ignore[type-arg]
    assert ids(get(functions_server, "/requests.json", **params)) == [listed[k].id for k in expected]


def test_service_request_ids_override_every_other_filter_and_stay_in_the_jurisdiction(
        listed: dict[str, Appeal], functions_server: str) -> None:
    wanted = ",".join(listed[k].id for k in ("old", "elsewhere", "merged", "roads_open"))
    response = get(functions_server, "/requests.json", service_request_id=wanted, status="closed")
    assert ids(response) == [listed["old"].id, listed["roads_open"].id]


def test_pages_follow_the_link_header_to_the_end_without_repeats(towns: Stack, functions_server: str) -> None:
    made = [stored_appeal(towns, n, hours_ago=n) for n in range(1, 8)]
    seen: list[str] = []
    response = get(functions_server, "/requests.json", page_size=3)
    pages = 0
    while True:
        pages += 1
        seen += ids(response)
        if "Link" not in response.headers:
            break
        url = response.headers["Link"].split(";")[0].strip("<>")
        assert response.headers["X-Next-Cursor"] in url
        response = requests.get(f"{functions_server}/open311{url}", timeout=30, allow_redirects=False)
    assert seen == [a.id for a in made]
    assert pages == 3


@pytest.mark.parametrize("params", [{"status": "pending"}, {"page_size": 0}, {"page_size": 1001},
                                    {"service_code": "potholes"}, {"cursor": "vk-000000000000000000000000"},
                                    {"cursor": "../../etc"}, {"start_date": "yesterday"},
                                    {"start_date": NOW.isoformat(), "end_date": (NOW - timedelta(days=1)).isoformat()},
                                    {"service_request_id": "not an id"}])
def test_bad_filters_are_400(towns: Stack, functions_server: str, params: dict) -> None:  # type: ignore[type-arg]
    response = get(functions_server, "/requests.json", **params)
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


# One request


def test_one_request_shows_its_status_department_and_deadline(listed: dict[str, Appeal],
                                                               functions_server: str) -> None:
    appeal = listed["roads_open"]
    response = get(functions_server, f"/requests/{appeal.id}.json")

    assert response.status_code == 200
    (request,) = response.json()
    assert request["service_request_id"] == appeal.id
    assert (request["status"], request["status_notes"]) == ("open", "routed — передано исполнителю")
    assert (request["service_code"], request["service_name"]) == ("roads", "Дороги")
    assert request["agency_responsible"] == "Департамент городского хозяйства"
    assert datetime.fromisoformat(request["expected_datetime"]) == appeal.due_at
    assert datetime.fromisoformat(request["requested_datetime"]) == appeal.received_at
    assert request["description"] == "Обращение номер 1"  # a public VK comment


@pytest.mark.parametrize("request_id", ["__reserved__", "..", "vk-000000000000000000000000", "x" * 2000])
def test_an_id_that_is_no_request_is_not_found(towns: Stack, functions_server: str, request_id: str) -> None:
    response = get(functions_server, f"/requests/{request_id}.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


@pytest.mark.parametrize("which", ["merged", "rejected", "elsewhere"])
def test_hidden_or_other_towns_requests_are_not_found(listed: dict[str, Appeal], functions_server: str,
                                                      which: str) -> None:
    assert get(functions_server, f"/requests/{listed[which].id}.json").status_code == 404


# Filing


def valid_fields(api_key: str, **changes: Any) -> dict[str, Any]:
    return {"api_key": api_key, "jurisdiction_id": TOWN, "service_code": "roads",
            "description": "Яма на дороге у остановки «Детская поликлиника»", "lat": "46.9591", "long": "142.7381",
            "first_name": "Олег", "last_name": "Ким", "email": "oleg.kim@example.ru", "phone": "+7 914 000-11-22",
            "device_id": "device-1"} | changes


def test_a_client_with_an_open311_key_files_a_request_that_is_stored_and_published(
        towns: Stack, probe: MessageProbe, functions_server: str) -> None:
    principal, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,), name="Городское приложение")
    response = file(functions_server, valid_fields(key))

    assert response.status_code == 201, response.text
    (created,) = response.json()
    appeal = towns.deps.appeals.get(created["service_request_id"])
    assert appeal is not None
    assert (appeal.channel, appeal.source.kind, appeal.source.account) == (
        Channel.RECEPTION, SourceKind.RECEPTION, f"open311:{principal.key_id}")
    assert (appeal.municipality, appeal.category_hint, appeal.status) == (TOWN, "roads", Status.RECEIVED)
    assert appeal.location is not None and appeal.location.latitude == pytest.approx(46.9591)
    assert (appeal.author.display_name, appeal.author.contact) == ("Олег Ким", "oleg.kim@example.ru")
    (message,) = probe.collect(expected=1)
    assert AppealReceived.model_validate_json(message.data).appeal_id == appeal.id


def test_filing_the_same_request_again_gives_the_same_request(towns: Stack, functions_server: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    first = file(functions_server, valid_fields(key))
    again = file(functions_server, valid_fields(key), as_json=True)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert len(towns.deps.appeals.recent(10)) == 1


def test_an_idempotency_key_names_the_request_and_its_reuse_for_another_body_is_409(
        towns: Stack, functions_server: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    header = {"Idempotency-Key": "app-7f3a"}
    assert file(functions_server, valid_fields(key), headers=header).status_code == 201
    assert file(functions_server, valid_fields(key), headers=header).status_code == 200
    conflict = file(functions_server, valid_fields(key, description="Другое"), headers=header)
    assert conflict.status_code == 409 and conflict.json()[0]["code"] == 409
    assert file(functions_server, valid_fields(key), headers={"Idempotency-Key": "no spaces"}).status_code == 400


def test_without_a_valid_open311_key_granted_the_town_nothing_is_filed(towns: Stack, functions_server: str) -> None:
    staff_keys = [towns.deps.api_keys.issue(role, (TOWN,), "city_economy" if role is Role.DEPARTMENT else None)[1]
                  for role in Role if role is not Role.OPEN311]
    _, other_towns_key = towns.deps.api_keys.issue(Role.OPEN311, (OTHER_TOWN,))
    fields = valid_fields("")
    del fields["api_key"]

    # GeoReport v2: "403 - api_key was not provided or is invalid".
    missing = file(functions_server, fields)
    assert missing.status_code == 403 and "api_key was not provided" in missing.text
    for key in ("otk_0000_not-a-key", *staff_keys, other_towns_key):
        response = file(functions_server, valid_fields(key))
        assert response.status_code == 403 and response.json()[0]["code"] == 403
    assert "not an Open311 client's key" in file(functions_server, valid_fields(staff_keys[0])).text
    assert towns.deps.appeals.recent(10) == []


@pytest.mark.parametrize("changes", [{"lat": None, "long": None}, {"long": None}, {"service_code": "potholes"},
                                     {"description": "  "}, {"jurisdiction_id": "Южный"}, {"lat": "north"}])
def test_a_request_without_location_service_or_description_is_400(towns: Stack, functions_server: str,
                                                                  changes: dict) -> None:  # type: ignore[type-arg]
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = {k: v for k, v in (valid_fields(key) | changes).items() if v is not None}
    response = file(functions_server, fields)
    assert response.status_code == 400, response.text
    assert towns.deps.appeals.recent(10) == []


def test_a_filed_request_is_routed_like_every_other_appeal(wired: Stack, functions_server: str) -> None:
    _, key = wired.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = valid_fields(key, service_code="lighting", address_string="ул. Мира, 5")
    del fields["lat"], fields["long"]  # an address instead of coordinates
    (created,) = file(functions_server, fields).json()
    appeal = wait_for(wired, created["service_request_id"], routed)

    assert (appeal.category, appeal.department) == ("lighting", "city_economy")
    (request,) = get(functions_server, f"/requests/{appeal.id}.json").json()
    assert request["agency_responsible"] == "Департамент городского хозяйства"
    assert request["expected_datetime"] is not None
    assert (request["description"], request["address"]) == (fields["description"], "ул. Мира, 5")


# Personal data


def test_nothing_personal_is_published(towns: Stack, functions_server: str) -> None:
    telegram = payload("telegram", "update_message_text")
    vk_comment = payload("vk", "callback_wall_reply_new")
    vk_comment["object"]["text"] = "Ямы на ул. Садовой, звоните 8 (924) 555-12-34, кв. 12"
    for path, body, headers in (
            ("telegram_webhook/yuzhno", telegram,
             {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]}),
            ("vk_webhook", vk_comment, {})):
        assert requests.post(f"{functions_server}/{path}", data=json.dumps(body), timeout=30, allow_redirects=False,
                             headers={"Content-Type": "application/json", **headers}).status_code == 200
    listing = get(functions_server, "/requests.json")
    singles = [request for i in ids(listing) for request in get(functions_server, f"/requests/{i}.json").json()]

    # Times left out: a clock's digits ("…:51:27") may spell a personal number by chance.
    published = json.dumps([{field: value for field, value in request.items() if not field.endswith("_datetime")}
                            for request in [*listing.json(), *singles]], ensure_ascii=False)
    assert len(ids(listing)) == 2
    for personal in ("Анна", "Петрова", "anna_petrova", "482913774", "574821396", "3311", "5127",
                     "не вывозят мусор", "555-12-34", "кв. 12", "vk.com", "t.me"):
        assert personal not in published, personal
    descriptions = sorted(str(r["description"]) for r in listing.json())
    assert descriptions == ["None", "Ямы на ул. Садовой, звоните [телефон], кв. […]"]


# What a request shows of where it is


def test_a_request_filed_through_open311_reads_back_with_its_description_address_location_and_photo(
        towns: Stack, functions_server: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = valid_fields(key, address_string="ул. Ленина, 12", media_url="https://app.example.ru/photos/77.jpg")
    (created,) = file(functions_server, fields).json()
    request_id = created["service_request_id"]

    (single,) = get(functions_server, f"/requests/{request_id}.json").json()
    (listed,) = get(functions_server, "/requests.json").json()
    for request in (single, listed):
        assert request["description"] == "Яма на дороге у остановки «Детская поликлиника»"
        assert (request["address"], request["lat"], request["long"]) == ("ул. Ленина, 12", 46.9591, 142.7381)
        assert request["media_url"] == "https://app.example.ru/photos/77.jpg"
        assert "Олег" not in json.dumps(request, ensure_ascii=False) and "oleg.kim" not in json.dumps(request)


def test_appeals_show_their_location_as_the_town_allows(towns: Stack, functions_server: str) -> None:
    home = Location(latitude=46.958731, longitude=142.734622, place="Южно-Сахалинск, ул. Ленина, д. 154, кв. 7")
    comment = stored_appeal(towns, 1, hours_ago=1, location=home)
    message = stored_appeal(towns, 2, hours_ago=2, kind=SourceKind.PRIVATE_MESSAGE, location=home)

    def where(appeal: Appeal) -> tuple[Any, ...]:
        (request,) = get(functions_server, f"/requests/{appeal.id}.json").json()
        return request["address"], request["lat"], request["long"], request["description"]

    assert where(comment) == (home.place, home.latitude, home.longitude, comment.text)
    assert where(message) == (None, None, None, None)
    town = towns.deps.towns.get(TOWN)
    assert town is not None and town.open311_coarse_location is False  # as infra/config/towns.json has it
    towns.deps.towns.save([town.model_copy(update={"open311_coarse_location": True})])
    assert where(message) == ("ул. Ленина", 46.959, 142.735, None)
    assert where(comment) == (home.place, home.latitude, home.longitude, comment.text)


# Dates and errors


def test_a_start_date_equal_to_the_end_date_is_that_one_instant(listed: dict[str, Appeal],
                                                               functions_server: str) -> None:
    instant = listed["roads_open"].received_at.isoformat()
    assert ids(get(functions_server, "/requests.json", start_date=instant, end_date=instant)) == [
        listed["roads_open"].id]
    elsewhen = (listed["roads_open"].received_at + timedelta(seconds=1)).isoformat()
    assert ids(get(functions_server, "/requests.json", start_date=elsewhen, end_date=elsewhen)) == []


@pytest.mark.parametrize(("params", "named"), [
    ({"start_date": NOW.isoformat(), "end_date": (NOW - timedelta(days=1)).isoformat()}, "start_date: "),
    ({"start_date": "yesterday"}, "start_date: "),
    ({"end_date": "2026-13-01T00:00:00Z"}, "end_date: "),
    ({"status": "pending"}, "status: "),
    ({"page_size": 0}, "page_size: "),
    ({"service_code": "potholes"}, "service_code: "),
    ({"service_request_id": ",".join([appeal_id_for(Channel.VK, "1", str(n)) for n in range(101)])},
     "service_request_id: "),
    ({"cursor": "vk-000000000000000000000000"}, "cursor: "),
])
def test_an_error_names_the_query_parameter_it_is_about(towns: Stack, functions_server: str, params: dict,  # type: ignore[type-arg]
                                                        named: str) -> None:
    for extension in ("json", "xml"):
        response = get(functions_server, f"/requests.{extension}", **params)
        assert response.status_code == 400
        assert named in response.text and "(body)" not in response.text, response.text


def test_a_filing_error_names_the_field_or_the_fields_together(towns: Stack, functions_server: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    no_location = {k: v for k, v in valid_fields(key).items() if k not in ("lat", "long")}
    (error,) = file(functions_server, no_location).json()
    assert error["description"] == "a location is required: lat and long, address_string or address_id"
    (error,) = file(functions_server, valid_fields(key, lat="north")).json()
    assert error["description"].startswith("lat: ")


# The api_key


@pytest.mark.parametrize("where", ["query", "form body", "JSON body"])
def test_the_api_key_is_taken_from_the_query_string_or_the_body(towns: Stack, functions_server: str,
                                                                where: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = valid_fields(key)
    if where == "query":
        del fields["api_key"]
        response = file(functions_server, fields, query={"api_key": key})
    else:
        response = file(functions_server, fields, as_json=where == "JSON body")
    assert response.status_code == 201, response.text


def test_a_key_in_the_body_wins_over_one_in_the_query_string(towns: Stack, functions_server: str) -> None:
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    assert file(functions_server, valid_fields("otk_0000_not-a-key"), query={"api_key": key}).status_code == 403
    assert file(functions_server, valid_fields(key), query={"api_key": "otk_0000_not-a-key"}).status_code == 201


def test_no_log_line_carries_a_key_sent_in_the_query_string(towns: Stack, functions_server: str,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = valid_fields(key)
    del fields["api_key"]
    assert file(functions_server, fields, query={"api_key": key}).status_code == 201
    assert file(functions_server, fields | {"description": "x"}, query={"api_key": key},
                extension="xml").status_code == 201
    assert get(functions_server, "/requests.json", api_key=key).status_code == 200

    formatter = CloudLoggingFormatter()
    # urllib3 is this test's own HTTP client, logging the URL it was given; the functions do not use it.
    lines = [formatter.format(record) for record in caplog.records if not record.name.startswith("urllib3")]
    assert any("POST /open311/requests.json" in line for line in lines), "the request lines are logged"
    secret = key.split("_", 2)[-1]  # otk_<key id>_<secret>: the secret may itself hold "_"
    assert [line for line in lines if key in line or secret in line] == []


def test_the_next_page_link_does_not_repeat_a_key(towns: Stack, functions_server: str) -> None:
    for number in (1, 2):
        stored_appeal(towns, number, hours_ago=number)
    response = get(functions_server, "/requests.json", page_size=1, api_key="otk_0000_secret-value")
    assert "Link" in response.headers and "secret-value" not in response.headers["Link"]


# XML beside JSON


def xml_items(response: requests.Response, root: str, item: str) -> list[dict[str, Any]]:
    """The items of a GeoReport v2 XML document, read by xmltodict (not the ElementTree that wrote it)."""
    assert response.headers["Content-Type"].startswith("application/xml"), response.headers["Content-Type"]
    document = xmltodict.parse(response.content, strip_whitespace=False, force_list=(item,))
    assert list(document) == [root]
    return list((document[root] or {}).get(item, []))


def assert_same_data(json_items: list[dict[str, Any]], xml: list[dict[str, Any]]) -> None:
    """Field by field, in the same order: null is an empty element, booleans true/false, numbers their value."""
    assert len(json_items) == len(xml)
    for from_json, from_xml in zip(json_items, xml, strict=True):
        assert list(from_json) == list(from_xml)
        for name, value in from_json.items():
            text = from_xml[name]
            if value is None or isinstance(value, str):
                assert text == value, name
            elif isinstance(value, bool):
                assert text == str(value).lower(), name
            else:
                assert float(text) == value, name


def both(base: str, path: str, **params: Any) -> tuple[requests.Response, requests.Response]:
    return get(base, f"{path}.json", **params), get(base, f"{path}.xml", **params)


def test_every_endpoint_carries_the_same_data_in_json_and_xml(towns: Stack, functions_server: str) -> None:
    home = Location(latitude=46.958731, longitude=142.734622, place="ул. Ленина, 154")
    stored_appeal(towns, 1, hours_ago=1, location=home)
    stored_appeal(towns, 2, hours_ago=2, kind=SourceKind.PRIVATE_MESSAGE, status=Status.ANSWERED)
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    with_tricky_text = valid_fields(key, description="Яма <глубокая> & «опасная»\nвторая строка",
                                    media_url="https://app.example.ru/p.jpg?a=1&b=2")

    filed_in_json = file(functions_server, with_tricky_text)
    filed_in_xml = file(functions_server, with_tricky_text, extension="xml")  # the same body: the same request
    assert (filed_in_json.status_code, filed_in_xml.status_code) == (201, 200)
    assert_same_data(filed_in_json.json(), xml_items(filed_in_xml, "service_requests", "request"))
    request_id = filed_in_json.json()[0]["service_request_id"]

    services_json, services_xml = both(functions_server, "/services")
    assert_same_data(services_json.json(), xml_items(services_xml, "services", "service"))
    listing_json, listing_xml = both(functions_server, "/requests")
    assert len(listing_json.json()) == 3
    assert_same_data(listing_json.json(), xml_items(listing_xml, "service_requests", "request"))
    single_json, single_xml = both(functions_server, f"/requests/{request_id}")
    assert single_json.json()[0]["description"] == with_tricky_text["description"]
    assert_same_data(single_json.json(), xml_items(single_xml, "service_requests", "request"))
    empty_json, empty_xml = both(functions_server, "/requests", service_code="snow")
    assert empty_json.json() == [] and xml_items(empty_xml, "service_requests", "request") == []


@pytest.mark.parametrize(("method", "path", "params", "status"), [
    ("GET", "/services", {"jurisdiction_id": "atlantis"}, 404),
    ("GET", "/requests", {"status": "pending"}, 400),
    ("GET", "/requests/rc-000000000000000000000000", {}, 404),
    ("POST", "/requests", {}, 403),
    ("GET", "/nothing", {}, 404),
    ("DELETE", "/services", {}, 405),
])
def test_errors_come_in_the_format_of_the_url(towns: Stack, functions_server: str, method: str, path: str,
                                              params: dict, status: int) -> None:  # type: ignore[type-arg]
    def call(extension: str) -> requests.Response:
        return requests.request(method, f"{functions_server}/open311{path}.{extension}", timeout=30,
                                params={"jurisdiction_id": TOWN} | params,
                                data=valid_fields("otk_0000_not-a-key") if method == "POST" else None)

    in_json, in_xml = call("json"), call("xml")
    assert (in_json.status_code, in_xml.status_code) == (status, status)
    errors = xml_items(in_xml, "errors", "error")
    assert [e["code"] for e in errors] == [str(status)]
    assert_same_data(json.loads(in_json.text.replace(".json", ".xml")), errors)  # "no resource at /nothing.xml"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_a_third_party_georeport_client_sees_what_was_filed_and_where(towns: Stack, functions_server: str,
                                                                    output_format: str) -> None:
    """georeport 0.3.1 from PyPI (Apache-2.0 licence), a GeoReport v2 client that reads JSON with requests and XML
    with xmltodict, as a map-based client would: the filed request is there with its place and photo."""
    _, key = towns.deps.api_keys.issue(Role.OPEN311, (TOWN,))
    fields = valid_fields(key, address_string="ул. Ленина, 12", media_url="https://app.example.ru/photos/77.jpg")
    (created,) = file(functions_server, fields).json()
    stored_appeal(towns, 1, hours_ago=1, location=Location(latitude=46.95, longitude=142.73, place="ул. Мира"))
    client = GeoReport(f"{functions_server}/open311", jurisdiction=TOWN, output_format=output_format)

    assert {s["service_code"] for s in client.get_service_list()} >= {"roads", "snow", "heating"}
    listed = client.get_service_requests(status="open")
    assert [r["service_request_id"] for r in listed] == [created["service_request_id"], stored_id(1)]
    filed = client.get_service_request(created["service_request_id"])
    assert filed["description"] == fields["description"]
    assert (filed["address"], filed["media_url"]) == ("ул. Ленина, 12", "https://app.example.ru/photos/77.jpg")
    assert (float(filed["lat"]), float(filed["long"])) == (46.9591, 142.7381)  # XML carries text


def stored_id(number: int) -> str:
    return appeal_id_for(Channel.VK, "218734512", f"event-{number}")
