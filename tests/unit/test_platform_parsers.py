"""Each platform's wire format, read from the recorded payloads, and what Otklik makes of it."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from otklik.domain.model import AttachmentKind, Channel, SourceKind
from otklik.platforms.events import EditedMessage, Ignored, NewMessage, TextTooLong
from otklik.platforms.max import webhook as max_platform
from otklik.platforms.ok import webhook as ok
from otklik.platforms.telegram import webhook as telegram
from otklik.platforms.vk import webhook as vk
from tests.support import payload


def tg(name: str, **changes: object) -> telegram.Update:
    return telegram.Update.model_validate(payload("telegram", name) | changes)


def interpret_tg(update: telegram.Update) -> object:
    return telegram.interpret(update, account="yuzhno", bot_username="city_reception_bot", bot_user_id=7012345678)


class TestTelegram:
    def test_text_message_becomes_a_new_message_with_everything_needed_to_reply(self) -> None:
        event = interpret_tg(tg("update_message_text"))
        assert isinstance(event, NewMessage)
        message = event.message
        assert message.source.platform is Channel.TELEGRAM
        assert message.source.account == "yuzhno"
        assert message.source.kind is SourceKind.PRIVATE_MESSAGE
        assert (message.source.chat_id, message.source.message_id) == ("482913774", "211")
        assert message.author.platform_user_id == "482913774"
        assert message.author.display_name == "Анна Петрова"
        assert message.text.startswith("Здравствуйте! Во дворе дома 12")
        assert message.sent_at == datetime.fromtimestamp(1735729100, UTC)

    def test_photo_with_caption_keeps_the_largest_size_and_the_caption_as_text(self) -> None:
        event = interpret_tg(tg("update_message_photo"))
        assert isinstance(event, NewMessage)
        assert event.message.text == "Вот фото контейнерной площадки"
        (photo,) = event.message.attachments
        assert photo.kind is AttachmentKind.PHOTO
        assert (photo.width, photo.height, photo.size_bytes) == (1280, 960, 151402)
        assert photo.platform_id and photo.platform_id.endswith("AAN5AAM2BA")

    def test_location_is_kept(self) -> None:
        event = interpret_tg(tg("update_message_location"))
        assert isinstance(event, NewMessage)
        assert event.message.location is not None
        assert (event.message.location.latitude, event.message.location.longitude) == (55.751244, 37.618423)

    def test_edited_message_refers_to_the_original_message(self) -> None:
        event = interpret_tg(tg("update_edited_message"))
        assert isinstance(event, EditedMessage)
        assert event.event_id == telegram.message_event_id(482913774, 211)
        assert "четвёртую неделю" in event.text
        assert event.edited_at == datetime.fromtimestamp(1735729500, UTC)

    def test_edit_and_original_share_the_event_identity(self) -> None:
        original = interpret_tg(tg("update_message_text"))
        edit = interpret_tg(tg("update_edited_message"))
        assert isinstance(original, NewMessage) and isinstance(edit, EditedMessage)
        assert original.message.source.event_id == edit.event_id

    @pytest.mark.parametrize("name", ["update_callback_query", "update_message_command_start"])
    def test_callbacks_and_bare_commands_are_ignored(self, name: str) -> None:
        assert isinstance(interpret_tg(tg(name)), Ignored)

    @pytest.mark.parametrize("media", ["voice", "video", "document", "sticker"])
    def test_a_message_with_only_media_still_creates_an_appeal_with_it_recorded(self, media: str) -> None:
        data = payload("telegram", "update_message_text")
        del data["message"]["text"]
        data["message"][media] = {"file_id": f"{media}-file", "file_unique_id": "u1", "file_size": 2048}
        event = interpret_tg(telegram.Update.model_validate(data))
        assert isinstance(event, NewMessage)
        assert event.message.text == ""
        assert [a.platform_id for a in event.message.attachments] == [f"{media}-file"]

    def test_service_messages_are_ignored(self) -> None:
        data = payload("telegram", "update_message_text")
        del data["message"]["text"]
        data["message"]["new_chat_members"] = [{"id": 1, "is_bot": False, "first_name": "X"}]
        assert isinstance(interpret_tg(telegram.Update.model_validate(data)), Ignored)

    def _group_message(self, text: str, entities: list[dict[str, object]] | None = None,
                       reply_from: dict[str, object] | None = None) -> telegram.Update:
        data = payload("telegram", "update_message_text")
        data["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Двор"}
        data["message"]["text"] = text
        if entities:
            data["message"]["entities"] = entities
        if reply_from:
            data["message"]["reply_to_message"] = {"message_id": 5, "from": reply_from,
                                                   "chat": data["message"]["chat"], "date": 1}
        return telegram.Update.model_validate(data)

    def test_group_messages_count_only_when_they_mention_or_reply_to_the_bot(self) -> None:
        assert isinstance(interpret_tg(self._group_message("просто болтаем")), Ignored)
        mention = "@city_reception_bot"
        mentioned = self._group_message(f"{mention} яма на дороге",
                                        [{"type": "mention", "offset": 0, "length": len(mention)}])
        assert isinstance(interpret_tg(mentioned), NewMessage)
        reply = self._group_message("и ещё фонарь", reply_from={"id": 7012345678, "is_bot": True, "first_name": "Бот"})
        event = interpret_tg(reply)
        assert isinstance(event, NewMessage) and event.message.source.kind is SourceKind.GROUP_MESSAGE

    def test_text_over_the_platform_limit_is_refused(self) -> None:
        update = tg("update_message_text")
        data = update.model_dump(by_alias=True)
        data["message"]["text"] = "я" * (telegram.TEXT_LIMIT + 1)
        with pytest.raises(TextTooLong):
            interpret_tg(telegram.Update.model_validate(data))


class TestVk:
    def interpret(self, name: str) -> object:
        return vk.interpret(vk.CallbackEnvelope.model_validate(payload("vk", name)), account="218734512")

    def test_community_message(self) -> None:
        event = self.interpret("callback_message_new_text")
        assert isinstance(event, NewMessage)
        source = event.message.source
        assert (source.kind, source.chat_id, source.message_id) == (SourceKind.PRIVATE_MESSAGE, "574821396", "1843")
        assert source.event_id == "message:574821396_1201", "the message itself (peer, conversation message id)"
        assert event.message.author.profile_url == "https://vk.com/id574821396"

    def test_photo_attachment_keeps_the_largest_size_and_its_attachment_key(self) -> None:
        event = self.interpret("callback_message_new_photo")
        assert isinstance(event, NewMessage)
        (photo,) = event.message.attachments
        assert photo.platform_id == "photo574821396_457239017_9c1e6b7d2a4f8e03b5"
        sizes = payload("vk", "callback_message_new_photo")["object"]["message"]["attachments"][0]["photo"]["sizes"]
        assert photo.width == max(s["width"] for s in sizes)

    def test_geo_becomes_the_location(self) -> None:
        event = self.interpret("callback_message_new_geo")
        assert isinstance(event, NewMessage) and event.message.location is not None
        assert event.message.location.place == "Москва, Россия"

    def test_wall_comment_keeps_post_and_comment_for_a_threaded_reply(self) -> None:
        event = self.interpret("callback_wall_reply_new")
        assert isinstance(event, NewMessage)
        source = event.message.source
        assert (source.kind, source.owner_id, source.post_id, source.comment_id) == (
            SourceKind.WALL_COMMENT, "-218734512", "3311", "5127")
        assert source.link == "https://vk.com/wall-218734512_3311?reply=5127"

    def test_suggested_post_photo_comment_and_board_post_are_appeals(self) -> None:
        kinds = {name: self.interpret(name) for name in
                 ("callback_wall_post_new_suggest", "callback_photo_comment_new", "callback_board_post_new")}
        assert all(isinstance(e, NewMessage) for e in kinds.values())
        assert kinds["callback_photo_comment_new"].message.source.photo_id == "457240001"  # type: ignore[union-attr]
        assert kinds["callback_board_post_new"].message.source.topic_id == "49871234"  # type: ignore[union-attr]

    def test_the_communitys_own_comments_and_posts_are_ignored(self) -> None:
        data = payload("vk", "callback_wall_reply_new")
        data["object"]["from_id"] = -218734512
        assert isinstance(vk.interpret(vk.CallbackEnvelope.model_validate(data), account="218734512"), Ignored)
        post = payload("vk", "callback_wall_post_new_suggest")
        post["object"]["post_type"] = "post"
        assert isinstance(vk.interpret(vk.CallbackEnvelope.model_validate(post), account="218734512"), Ignored)

    def test_other_event_types_are_ignored(self) -> None:
        data = payload("vk", "callback_message_new_text") | {"type": "message_typing_state"}
        assert isinstance(vk.interpret(vk.CallbackEnvelope.model_validate(data), account="218734512"), Ignored)


class TestOk:
    def interpret(self, name: str) -> object:
        return ok.interpret(ok.Update.model_validate(payload("ok", name)), account="yuzhno")

    def test_text_message(self) -> None:
        event = self.interpret("webhook_message_created_text")
        assert isinstance(event, NewMessage)
        assert event.message.source.event_id == "mid:C3ecb9d02a600.15cea67d78d2059"
        assert event.message.source.chat_id == "chat:C3ecb9d02a600"
        assert event.message.author.display_name == "Анна Петрова"

    def test_official_example_without_webhook_type_is_a_created_message(self) -> None:
        assert isinstance(self.interpret("webhook_message_created_text_official"), NewMessage)

    def test_image_and_location(self) -> None:
        image = self.interpret("webhook_message_created_image")
        location = self.interpret("webhook_message_created_location")
        assert isinstance(image, NewMessage) and image.message.attachments[0].kind is AttachmentKind.PHOTO
        assert isinstance(location, NewMessage) and location.message.location is not None

    def test_callbacks_are_ignored(self) -> None:
        data = payload("ok", "webhook_message_created_text") | {"webhookType": "MESSAGE_CALLBACK"}
        assert isinstance(ok.interpret(ok.Update.model_validate(data), account="yuzhno"), Ignored)


class TestMax:
    def interpret(self, name: str) -> object:
        return max_platform.interpret(max_platform.Update.model_validate(payload("max", name)), account="yuzhno",
                                      bot_username="city_reception_bot", bot_user_id=229229229)

    def test_dialog_text(self) -> None:
        event = self.interpret("webhook_message_created_dialog_text")
        assert isinstance(event, NewMessage)
        assert event.message.source.event_id == "mid.000000000adf429c019d47d58f2b3e01"
        assert event.message.source.chat_id == "182182182"
        assert event.message.author.display_name == "Анна Петрова"

    def test_image_and_location(self) -> None:
        image = self.interpret("webhook_message_created_dialog_image")
        location = self.interpret("webhook_message_created_dialog_location")
        assert isinstance(image, NewMessage) and image.message.attachments[0].platform_id == "7421135298"
        assert isinstance(location, NewMessage) and location.message.location is not None

    def test_group_chat_message_not_addressed_to_the_bot_is_ignored(self) -> None:
        assert isinstance(self.interpret("webhook_message_created_chat_verbatim"), Ignored)

    @pytest.mark.parametrize("name", ["webhook_bot_started_verbatim", "webhook_message_callback_verbatim"])
    def test_other_update_types_are_ignored(self, name: str) -> None:
        assert isinstance(self.interpret(name), Ignored)
