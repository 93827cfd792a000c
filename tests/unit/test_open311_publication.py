"""What Open311 publishes of an appeal: status, category, department and deadline always; of a request filed
through Open311, what was filed; of an appeal made in public, its masked text and its location; of a private one,
no text and no exact place, and a coarse location only where the town allows it; never who wrote it."""
from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otklik.domain.model import Appeal, Attachment, AttachmentKind, Author, Channel, Location, SourceKind, Status
from otklik.domain.towns import TownConfig
from otklik.open311.filing import account_of, filed_text
from otklik.open311.publication import (
    coarse_place,
    is_published,
    mask_contacts,
    public_description,
    public_place,
    service_request,
    services,
    street_without_house_number,
)
from tests.builders import an_appeal, routed

AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
PRIVATE_KINDS = [SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE, SourceKind.WALL_POST, SourceKind.REGIONAL,
                 SourceKind.RECEPTION]
PUBLIC_KINDS = [SourceKind.WALL_COMMENT, SourceKind.PHOTO_COMMENT, SourceKind.BOARD_POST]
HOME = Location(latitude=46.712345, longitude=142.523456, place="Анива, ул. Ленина, д. 5, кв. 3")
ANNA = Author(platform_user_id="5550123", display_name="Анна Петрова", username="anna_p",
              profile_url="https://vk.com/id5550123")


def appeal(kind: SourceKind = SourceKind.WALL_COMMENT, status: Status = Status.ROUTED,
           text: str = "Яма у дома 5 по ул. Ленина", location: Location | None = HOME) -> Appeal:
    """A VK appeal of `kind` with everything personal a platform gives: who wrote it, in which chat, under which
    post, with which photo and where; routed, then in `status`."""
    received = an_appeal(
        text, channel=Channel.VK, account="218734512", kind=kind, chat="2000000001", author=ANNA,
        municipality="aniva", received_at=AT, location=location,
        attachments=(Attachment(kind=AttachmentKind.PHOTO, url="https://sun9-1.userapi.com/photo.jpg"),),
        source={"event_id": "e1", "owner_id": "-218734512", "post_id": "77",
                "link": "https://vk.com/wall-218734512_77?reply=9"})
    published = routed(received, category="roads", department="city_economy", at=AT + timedelta(minutes=1),
                       due_at=AT + timedelta(hours=12))
    return published.model_copy(update={"status": status})


def filed(description: str = "Яма на дороге у остановки", *, lat: float | None = 46.9591,
          long: float | None = 142.7381, address: str | None = "ул. Мира, 5", address_id: str | None = None,
          media_url: str | None = "https://app.example.ru/photos/1.jpg") -> Appeal:
    """An appeal as Open311Service.file stores a filing."""
    return an_appeal(
        filed_text(description, address, address_id), channel=Channel.RECEPTION, account=account_of("k-1"),
        municipality="aniva", received_at=AT, status=Status.ROUTED,
        author=Author(platform_user_id="device-1", display_name="Олег Ким", contact="oleg@example.ru"),
        attachments=(Attachment(kind=AttachmentKind.PHOTO, url=media_url),) if media_url else (),
        location=Location(latitude=lat, longitude=long, place=address) if lat is not None and long is not None
        else None)


def town(coarse_location: bool) -> TownConfig:
    return TownConfig(code="aniva", name="Анива", departments={"city_economy": "Отдел ЖКХ"},
                      routing={"roads": "city_economy"}, open311_coarse_location=coarse_location)


def test_services_are_the_categories_with_their_russian_labels_and_groups() -> None:
    listed = {s.service_code: s for s in services()}
    assert len(listed) == 18
    assert (listed["roads"].service_name, listed["roads"].group) == ("Дороги", "Благоустройство")
    assert (listed["healthcare"].group, listed["heating"].group) == ("Социальная сфера", "ЖКХ")
    assert all(s.type == "realtime" and s.metadata is False for s in listed.values())


@pytest.mark.parametrize(("status", "open_or_closed", "notes"), [
    (Status.RECEIVED, "open", "received"), (Status.NEEDS_TRIAGE, "open", "needs_triage"),
    (Status.ROUTED, "open", "routed"), (Status.IN_PROGRESS, "open", "in_progress"),
    (Status.ANSWERED, "closed", "answered"), (Status.RESOLVED, "closed", "resolved")])
def test_statuses_map_to_open_or_closed_with_the_finer_status_in_the_notes(
        status: Status, open_or_closed: str, notes: str) -> None:
    published = service_request(appeal(status=status), None)
    assert published.status == open_or_closed
    assert published.status_notes.startswith(notes + " — ")


def test_merged_follow_ups_and_rejected_messages_are_not_published() -> None:
    assert not is_published(appeal(status=Status.MERGED))
    assert not is_published(appeal(status=Status.REJECTED))
    assert is_published(appeal(status=Status.RECEIVED))


def test_a_published_request_carries_no_personal_data() -> None:
    for kind in [*PUBLIC_KINDS, *PRIVATE_KINDS]:
        for coarse_location in (False, True):
            published = service_request(appeal(kind=kind), town(coarse_location)).model_dump_json()
            for secret in ("Анна", "Петрова", "anna_p", "5550123", "2000000001", "vk.com", "userapi", "e1"):
                assert secret not in published, (kind, secret)


@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_only_appeals_made_in_public_show_their_text(kind: SourceKind) -> None:
    assert public_description(appeal(kind=kind)) is None
    assert service_request(appeal(kind=kind), None).description is None


@pytest.mark.parametrize("kind", PUBLIC_KINDS)
def test_public_comments_show_their_text(kind: SourceKind) -> None:
    assert public_description(appeal(kind=kind)) == "Яма у дома 5 по ул. Ленина"


# Requests filed through Open311


@pytest.mark.parametrize(("filing", "shown"), [
    ({}, {"address": "ул. Мира, 5", "address_id": None, "lat": 46.9591, "long": 142.7381}),
    ({"address": None}, {"address": None, "address_id": None, "lat": 46.9591, "long": 142.7381}),
    ({"lat": None, "long": None}, {"address": "ул. Мира, 5", "address_id": None, "lat": None, "long": None}),
    ({"lat": None, "long": None, "address": None, "address_id": "FIAS-7731"},
     {"address": None, "address_id": "FIAS-7731", "lat": None, "long": None}),
])
def test_a_request_filed_through_open311_reads_back_as_it_was_filed(filing: dict, shown: dict) -> None:  # type: ignore[type-arg]
    published = service_request(filed(**filing), town(coarse_location=False))
    assert published.description == "Яма на дороге у остановки"
    assert published.media_url == "https://app.example.ru/photos/1.jpg"
    assert {k: getattr(published, k) for k in shown} == shown
    assert "Олег" not in published.model_dump_json() and "oleg@" not in published.model_dump_json()


def test_a_filed_description_that_holds_an_address_line_itself_is_kept_whole() -> None:
    description = "Яма\nАдрес: ул. Мира, 7 (рядом)"
    assert public_description(filed(description, address=None)) == description
    with_address = service_request(filed(description, lat=None, long=None, address="ул. Мира, 5"), None)
    assert (with_address.description, with_address.address) == (description, "ул. Мира, 5")


def test_contacts_in_a_filed_description_are_masked_but_it_is_not_cut() -> None:
    description = "Звоните +7 (924) 123-45-67. " + "а" * 3000
    assert public_description(filed(description)) == "Звоните [телефон]. " + "а" * 3000


# Location


@pytest.mark.parametrize("kind", PUBLIC_KINDS)
def test_an_appeal_made_in_public_shows_the_location_it_was_given_with(kind: SourceKind) -> None:
    published = service_request(appeal(kind=kind), town(coarse_location=False))
    assert (published.lat, published.long, published.address) == (46.712345, 142.523456,
                                                                   "Анива, ул. Ленина, д. 5, кв. 3")
    assert published.media_url is None  # attachments only of requests filed through Open311
    bare = service_request(appeal(kind=kind, location=None), None)
    assert (bare.lat, bare.long, bare.address) == (None, None, None)


@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_a_private_appeal_shows_no_location_unless_the_town_publishes_coarse_ones(kind: SourceKind) -> None:
    for town_config in (town(coarse_location=False), None):
        published = service_request(appeal(kind=kind), town_config)
        assert (published.lat, published.long, published.address, published.media_url) == (None, None, None, None)


@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_where_the_town_allows_it_a_private_appeal_shows_its_street_and_rounded_coordinates(kind: SourceKind) -> None:
    published = service_request(appeal(kind=kind), town(coarse_location=True))
    assert (published.lat, published.long, published.address) == (46.712, 142.523, "ул. Ленина")
    assert published.description is None and published.media_url is None
    assert public_place(appeal(kind=kind, location=None), coarse_allowed=True).lat is None


def test_the_town_configuration_publishes_no_coarse_location_by_default() -> None:
    assert TownConfig(code="aniva", name="Анива", departments={}, routing={}).open311_coarse_location is False


def metres_between(lat_a: float, long_a: float, lat_b: float, long_b: float) -> float:
    earth = 6_371_000
    dy = math.radians(lat_b - lat_a) * earth
    dx = math.radians(long_b - long_a) * earth * math.cos(math.radians((lat_a + lat_b) / 2))
    return math.hypot(dx, dy)


@given(st.floats(min_value=45.0, max_value=55.0), st.floats(min_value=141.0, max_value=157.0))
def test_coarse_coordinates_are_within_about_100_m_on_a_grid_of_about_100_m(latitude: float, longitude: float) -> None:
    coarse = coarse_place(Location(latitude=latitude, longitude=longitude))
    assert coarse.lat is not None and coarse.long is not None
    assert metres_between(latitude, longitude, coarse.lat, coarse.long) <= 70
    assert (coarse.lat, coarse.long) == (round(coarse.lat, 3), round(coarse.long, 3))  # every point of a cell alike


@pytest.mark.parametrize(("place", "street"), [
    ("Анива, ул. Ленина, д. 5, кв. 3", "ул. Ленина"),
    ("ул. Ленина 5", "ул. Ленина"),
    ("ул. Ленина д. 5 кв. 3", "ул. Ленина"),
    ("улица Ленина, 5", "улица Ленина"),
    ("пр. Мира 117а корп. 2", "пр. Мира"),
    ("проспект Победы, 50/1", "проспект Победы"),
    ("2-я Пролетарская ул., 5", "2-я Пролетарская ул."),
    ("ул. 8 Марта, 12", "ул. 8 Марта"),
    ("Холмское шоссе, 5", "Холмское шоссе"),
    ("мкр. Дальний, дом 12", "мкр. Дальний"),
    ("Южно-Сахалинск", None),
    ("Кафе «Ромашка»", None),  # a venue is as exact as an address
    ("Россия, Сахалинская область", None),
    ("", None),
    (None, None),
])
def test_the_street_without_the_house_number(place: str | None, street: str | None) -> None:
    assert street_without_house_number(place) == street


def test_texts_are_published_as_xml_can_carry_them() -> None:
    published = service_request(appeal(text="Яма\r\nвторая строка\rтретья\x01\x1b конец"), None)
    assert published.description == "Яма\nвторая строка\nтретья\ufffd\ufffd конец"


@pytest.mark.parametrize(("text", "masked"), [
    ("Звоните +7 (924) 123-45-67 или 89241234567", "Звоните [телефон] или [телефон]"),
    ("пишите anna.petrova@mail.ru", "пишите [e-mail]"),
    ("[id5550123|Анна Петрова], посмотрите", "[…], посмотрите"),
    ("@anna_p тоже видела", "[…] тоже видела"),
    ("фото тут https://vk.com/photo1_2 и www.example.ru/x", "фото тут [ссылка] и [ссылка]"),
    ("Течёт крыша, кв. 15, и в квартире 7", "Течёт крыша, кв. […], и в квартире […]"),
    ("Яма у дома 5, 3 недели", "Яма у дома 5, 3 недели"),
])
def test_contacts_links_mentions_and_flat_numbers_are_masked(text: str, masked: str) -> None:
    assert mask_contacts(text) == masked


def test_long_texts_are_cut() -> None:
    assert len(mask_contacts("а" * 5000)) == 1000
