"""What Open311 publishes of an appeal: status, category, department and deadline; text only of public
comments, masked; never who wrote it or from where."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from otklik.domain.model import (
    Appeal,
    Author,
    Channel,
    HistoryEntry,
    Location,
    SourceKind,
    SourceRef,
    Status,
)
from otklik.open311.publication import (
    is_published,
    mask_contacts,
    public_description,
    service_request,
    services,
)

AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def appeal(kind: SourceKind = SourceKind.WALL_COMMENT, status: Status = Status.ROUTED,
           text: str = "Яма у дома 5 по ул. Ленина") -> Appeal:
    return Appeal(
        id="vk-0123456789abcdef01234567", municipality="aniva", channel=Channel.VK, text=text, received_at=AT,
        source=SourceRef(platform=Channel.VK, account="218734512", kind=kind, event_id="e1", chat_id="2000000001",
                         owner_id="-218734512", post_id="77", link="https://vk.com/wall-218734512_77?reply=9"),
        author=Author(platform_user_id="5550123", display_name="Анна Петрова", username="anna_p",
                      profile_url="https://vk.com/id5550123"),
        location=Location(latitude=46.71, longitude=142.52, place="ул. Ленина, 5"),
        status=status, category="roads", department="city_economy", due_at=AT + timedelta(hours=12),
        history=(HistoryEntry(at=AT, actor="vk:218734512", action="received"),
                 HistoryEntry(at=AT + timedelta(minutes=1), actor="system:router", action="routed")),
    )


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
    published = service_request(appeal(), None).model_dump_json()
    for secret in ("Анна", "Петрова", "anna_p", "5550123", "2000000001", "vk.com", "46.71", "Ленина, 5", "e1"):
        assert secret not in published


@pytest.mark.parametrize("kind", [SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE, SourceKind.WALL_POST,
                                  SourceKind.REGIONAL, SourceKind.RECEPTION])
def test_only_appeals_made_in_public_show_their_text(kind: SourceKind) -> None:
    assert public_description(appeal(kind=kind)) is None
    assert service_request(appeal(kind=kind), None).description is None


@pytest.mark.parametrize("kind", [SourceKind.WALL_COMMENT, SourceKind.PHOTO_COMMENT, SourceKind.BOARD_POST])
def test_public_comments_show_their_text(kind: SourceKind) -> None:
    assert public_description(appeal(kind=kind)) == "Яма у дома 5 по ул. Ленина"


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
