"""Events that carry a resident's words in less common shapes, built with the platforms' own models: edits (VK,
MAX), forwards (VK, MAX, Telegram), what MAX cannot show a bot, and fields the platforms' models let them leave
out. None may be refused or dropped."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError
from vkbottle_types.objects import (
    MessagesForeignMessage,
    MessagesMessageAttachment,
    PhotosPhoto,
    PhotosPhotoSizes,
)

from otklik.domain.model import AttachmentKind, SourceKind
from otklik.entrypoints.http import validation_details
from otklik.platforms.events import (
    FORWARD_MARK,
    FORWARDED_TEXT_LIMIT,
    EditedMessage,
    Ignored,
    NewMessage,
    PlatformEvent,
    with_forwarded,
)
from otklik.platforms.max import webhook as max_platform
from otklik.platforms.telegram import webhook as telegram
from otklik.platforms.vk import webhook as vk
from tests.platform_payloads import (
    SENT_AT,
    max_created,
    max_edited,
    max_forward,
    max_message,
    vk_message,
    vk_message_edit,
    vk_message_new,
    vk_wall_reply,
)
from tests.support import payload


def read_vk(body: dict[str, Any]) -> PlatformEvent:
    return vk.interpret(vk.CallbackEnvelope.model_validate(body), account="218734512")


def read_max(body: dict[str, Any]) -> PlatformEvent:
    return max_platform.interpret(max_platform.Update.model_validate(body), account="yuzhno",
                                  bot_username="city_reception_bot", bot_user_id=229229229)


def read_tg(body: dict[str, Any]) -> PlatformEvent:
    return telegram.interpret(telegram.Update.model_validate(body), account="yuzhno",
                              bot_username="city_reception_bot", bot_user_id=7012345678)


def new_message(event: PlatformEvent) -> NewMessage:
    assert isinstance(event, NewMessage), event
    return event


def vk_photo(sizes: list[PhotosPhotoSizes]) -> MessagesMessageAttachment:
    return MessagesMessageAttachment(type="photo", photo=PhotosPhoto(id=457239017, owner_id=574821396, album_id=-3,
                                                                     date=SENT_AT, sizes=sizes))


class TestEdits:
    def test_a_vk_message_edit_names_the_message_it_edits_whatever_its_event_id(self) -> None:
        created = new_message(read_vk(vk_message_new(vk_message("Во дворе яма"), event_id="1" * 40)))
        edit = read_vk(vk_message_edit(vk_message("Во дворе огромная яма", update_time=SENT_AT + 60),
                                       event_id="2" * 40))
        assert edit == EditedMessage(event_id=created.message.source.event_id, text="Во дворе огромная яма",
                                     edited_at=datetime.fromtimestamp(SENT_AT + 60, UTC))

    def test_in_a_group_chat_the_conversation_message_id_names_the_message(self) -> None:
        # VK gives a community's bot id 0 for messages in chats: (peer, conversation message id) tells them apart.
        chat = {"peer_id": 2_000_000_005, "message_id": 0}
        first = new_message(read_vk(vk_message_new(vk_message("Яма", cmid=15, **chat))))
        second = new_message(read_vk(vk_message_new(vk_message("Мусор", cmid=16, **chat))))
        edit = read_vk(vk_message_edit(vk_message("Яма у школы", cmid=15, **chat)))
        assert first.message.source.event_id != second.message.source.event_id
        assert isinstance(edit, EditedMessage) and edit.event_id == first.message.source.event_id

    def test_the_communitys_own_edits_are_not_the_residents(self) -> None:
        assert isinstance(read_vk(vk_message_edit(vk_message("Ответ", out=True))), Ignored)

    def test_a_vk_wall_comment_edit_names_the_comment_it_edits(self) -> None:
        created = new_message(read_vk(vk_wall_reply("Яма на Садовой")))
        edit = read_vk(vk_wall_reply("Яма на Садовой, у дома 4", edited=True))
        assert isinstance(edit, EditedMessage)
        assert (edit.event_id, edit.text) == (created.message.source.event_id, "Яма на Садовой, у дома 4")

    def test_a_max_message_edited_names_the_message_by_its_mid(self) -> None:
        created = new_message(read_max(max_created(max_message("Нет воды"))))
        edit = read_max(max_edited(max_message("Нет воды третий день"), at_ms=(SENT_AT + 300) * 1000))
        assert edit == EditedMessage(event_id=created.message.source.event_id, text="Нет воды третий день",
                                     edited_at=datetime.fromtimestamp(SENT_AT + 300, UTC))


class TestForwards:
    def test_a_vk_forward_brings_its_text_and_photos_after_the_residents_own_words(self) -> None:
        size = PhotosPhotoSizes(type="x", width=604, height=453, url="https://sun9-1.userapi.com/x.jpg")
        forwarded = MessagesForeignMessage(conversation_message_id=90, date=SENT_AT - 600, from_id=111,
                                           text="В подвале дома 3 прорвало трубу", attachments=[vk_photo([size])])
        message = new_message(read_vk(vk_message_new(vk_message("Посмотрите, соседи пишут",
                                                                fwd_messages=[forwarded])))).message
        assert message.text == f"Посмотрите, соседи пишут\n\n{FORWARD_MARK}\nВ подвале дома 3 прорвало трубу"
        assert [a.url for a in message.attachments] == ["https://sun9-1.userapi.com/x.jpg"]

    def test_nested_vk_forwards_are_read_in_order(self) -> None:
        inner = MessagesForeignMessage(conversation_message_id=1, date=SENT_AT, from_id=2, text="второе")
        outer = MessagesForeignMessage(conversation_message_id=2, date=SENT_AT, from_id=3, text="первое",
                                       fwd_messages=[inner])
        message = new_message(read_vk(vk_message_new(vk_message("", fwd_messages=[outer])))).message
        assert message.text == f"{FORWARD_MARK}\nпервое\n\n{FORWARD_MARK}\nвторое"

    def test_a_max_forward_keeps_its_text_in_link_message_with_an_empty_body(self) -> None:
        forward = max_forward("Не вывозят мусор на Ленина, 12")
        message = new_message(read_max(max_created(max_message("", link=forward)))).message
        assert message.text == f"{FORWARD_MARK}\nНе вывозят мусор на Ленина, 12"
        assert message.source.event_id == "mid.000000000adf429c019d47d58f2b3e01"

    def test_a_max_forward_without_a_body_is_kept_too(self) -> None:
        body = max_created(max_message(None, link=max_forward("Яма на дороге"), with_body=False))
        body["message"]["body"] = None
        message = new_message(read_max(body)).message
        assert message.text == f"{FORWARD_MARK}\nЯма на дороге"
        assert message.source.message_id is None
        assert message.source.event_id != new_message(read_max(max_created(max_message("x")))).message.source.event_id

    def test_a_max_forward_brings_its_photo(self) -> None:
        photo = {"type": "image", "payload": {"photo_id": 7421135298, "token": "t", "url": "https://i.max/x.jpg"}}
        forward = max_forward("Вот что у нас во дворе", attachments=[photo])
        message = new_message(read_max(max_created(max_message("", link=forward)))).message
        assert [(a.kind, a.url) for a in message.attachments] == [(AttachmentKind.PHOTO, "https://i.max/x.jpg")]

    def test_a_max_reply_is_not_a_forward(self) -> None:
        event = read_max(payload("max", "webhook_message_created_dialog_reply"))
        assert FORWARD_MARK not in new_message(event).message.text

    def test_a_telegram_forward_is_marked_as_someone_elses_words(self) -> None:
        data = payload("telegram", "update_message_text")
        data["message"]["forward_origin"] = {"type": "user", "date": 1735720000,
                                             "sender_user": {"id": 111, "is_bot": False, "first_name": "Сосед"}}
        event = telegram.interpret(telegram.Update.model_validate(data), account="yuzhno",
                                   bot_username="city_reception_bot", bot_user_id=7012345678)
        forwarded = payload("telegram", "update_message_text")["message"]["text"]
        assert new_message(event).message.text == f"{FORWARD_MARK}\n{forwarded}"

    def test_forwarded_texts_are_bounded(self) -> None:
        composed = with_forwarded("свои слова", ["я" * 10_000] * 5)
        assert composed.startswith("свои слова\n\n") and composed.endswith("…")
        assert len(composed) == len("свои слова") + FORWARDED_TEXT_LIMIT


class TestWhatMaxCannotShowABot:
    def test_a_bare_message_created_is_acknowledged(self) -> None:
        # As MAX sends a native voice note (max-bot-api-client-ts issue 250): no message, sender or chat.
        assert isinstance(read_max({"timestamp": 1784114462472, "user_locale": "ru",
                                    "update_type": "message_created"}), Ignored)

    def test_a_message_without_readable_content_is_kept_for_an_answer(self) -> None:
        body = max_created(max_message(None, with_body=False))
        body["message"]["body"] = None
        message = new_message(read_max(body)).message
        assert (message.text, [a.kind for a in message.attachments]) == ("", [AttachmentKind.OTHER])
        assert (message.source.chat_id, message.author.platform_user_id) == ("182182182", "123456789")


class TestFieldsThePlatformsMayLeaveOut:
    def test_a_vk_photo_size_with_src_and_no_url(self) -> None:
        sizes = [PhotosPhotoSizes(type="m", width=130, height=97, src="https://sun9-1.userapi.com/m.jpg"),
                 PhotosPhotoSizes(type="x", width=604, height=453, src="https://sun9-1.userapi.com/x.jpg")]
        message = new_message(read_vk(vk_message_new(vk_message("Фото ямы", attachments=[vk_photo(sizes)])))).message
        assert [(a.kind, a.url) for a in message.attachments] == [(AttachmentKind.PHOTO,
                                                                  "https://sun9-1.userapi.com/x.jpg")]

    def test_a_vk_geo_without_coordinates(self) -> None:
        body = vk_message_new(vk_message("Яма здесь"))
        body["object"]["message"]["geo"] = {"type": "point", "place": {"title": "Южно-Сахалинск"}}
        message = new_message(read_vk(body)).message
        assert (message.text, message.location) == ("Яма здесь", None)

    def test_a_vk_message_new_without_a_message_is_acknowledged(self) -> None:
        body = vk_message_new(vk_message("x"))
        body["object"] = {"client_info": {"keyboard": True}}
        assert isinstance(read_vk(body), Ignored)

    @pytest.mark.parametrize("body", [None, {"mid": "mid.1", "seq": 1, "text": None, "attachments": None}])
    def test_a_max_message_with_a_null_body_or_text(self, body: dict[str, Any] | None) -> None:
        update = max_created(max_message("x"))
        update["message"]["body"] = body
        assert [a.kind for a in new_message(read_max(update)).message.attachments] == [AttachmentKind.OTHER]

    def test_a_max_location_without_coordinates(self) -> None:
        body = max_created(max_message("Вот где"))
        body["message"]["body"]["attachments"] = [{"type": "location"}]
        message = new_message(read_max(body)).message
        assert (message.text, message.location) == ("Вот где", None)

    def test_a_suggested_vk_post_without_its_ids_is_acknowledged(self) -> None:
        body = payload("vk", "callback_wall_post_new_suggest")
        del body["object"]["id"]
        assert isinstance(read_vk(body), Ignored)


class TestProblemsAreNamedAsThePlatformNamesThem:
    @pytest.mark.parametrize(("event_type", "wrong", "field"), [
        ("message_new", {"message": {"id": 1, "date": "yesterday", "from_id": 1, "peer_id": 1}},
         "object.message.date"),
        ("message_edit", {"id": 1, "date": 1, "from_id": "someone", "peer_id": 1}, "object.from_id"),
        ("wall_reply_new", {"id": 1, "date": 1, "from_id": 1, "attachments": [{"photo": {}}]},
         "object.attachments.0.type"),
    ])
    def test_vk_fields_are_named_from_the_envelopes_root(self, event_type: str, wrong: dict[str, Any],
                                                         field: str) -> None:
        body = vk_message_new(vk_message("x")) | {"type": event_type, "object": wrong}
        with pytest.raises(ValidationError) as refused:
            read_vk(body)
        assert field in {d["field"] for d in validation_details(refused.value)}

    def test_a_time_no_calendar_holds_is_a_bad_field_not_a_failure(self) -> None:
        vk_body = vk_message_new(vk_message("Яма"))
        vk_body["object"]["message"]["date"] = 10**12
        max_body = max_created(max_message("Яма"))
        max_body["message"]["timestamp"] = 10**22
        tg_body = payload("telegram", "update_message_text")
        tg_body["message"]["date"] = -(10**20)
        for read, body, field in ((read_vk, vk_body, "object.message.date"), (read_max, max_body, "message.timestamp"),
                                  (read_tg, tg_body, "message.date")):
            with pytest.raises(ValidationError) as refused:
                read(body)
            assert field in {d["field"] for d in validation_details(refused.value)}

    def test_a_text_over_the_limit_is_named_likewise(self) -> None:
        from otklik.platforms.events import TextTooLong

        with pytest.raises(TextTooLong) as refused:
            read_vk(vk_message_edit(vk_message("я" * (vk.TEXT_LIMIT + 1))))
        assert refused.value.field == "object.text"


def test_sources_keep_what_answering_needs() -> None:
    message = new_message(read_vk(vk_wall_reply("Яма"))).message
    assert (message.source.kind, message.source.comment_id, message.source.post_id) == (
        SourceKind.WALL_COMMENT, "5127", "3311")
