"""How Otklik answers on Telegram, checked over real HTTP against the fake Bot API: a reply to the resident's
message, photos first in media groups, the text as a caption when it fits, and which errors are worth retrying."""
from __future__ import annotations

import json
import logging

import pytest

from otklik.domain.model import Channel, SourceKind
from otklik.platforms.replies import (
    Delivered,
    OutgoingReply,
    PermanentDeliveryError,
    ReplyPart,
    TransientDeliveryError,
)
from otklik.platforms.telegram.fake import TELEGRAM_BOT_BLOCKED, TELEGRAM_CHAT_NOT_FOUND, FakeTelegram, telegram_error
from otklik.platforms.telegram.replies import TelegramReplyClient
from tests.support import payload
from tests.unit.replies.support import (
    PHOTO,
    REGISTERED,
    SECOND_PHOTO,
    TELEGRAM_TOKEN,
    TG_PRIVATE,
    paragraphs,
    source,
)


def tg_client(fake: FakeTelegram, timeout: float = 10) -> TelegramReplyClient:
    return TelegramReplyClient(fake.base_url, timeout=timeout)


class TestTelegramMessages:
    def test_a_message_is_answered_with_send_message_replying_to_it(self, telegram: FakeTelegram) -> None:
        delivered = tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

        [request] = telegram.requests
        assert (request.http_method, request.path) == ("POST", f"/bot{TELEGRAM_TOKEN}/sendMessage")
        assert request.json == payload("telegram", "api_sendMessage_request")["body"]
        assert delivered == Delivered(("1000",))

    def test_each_message_gets_the_next_message_id(self, telegram: FakeTelegram) -> None:
        client = tg_client(telegram)

        first = client.send(OutgoingReply("answer-1", TG_PRIVATE, "Первый ответ"), token=TELEGRAM_TOKEN)
        second = client.send(OutgoingReply("answer-2", TG_PRIVATE, "Второй ответ"), token=TELEGRAM_TOKEN)

        assert (first.platform_message_ids, second.platform_message_ids) == (("1000",), ("1001",))

    def test_a_group_chat_with_a_negative_id_is_addressed_by_that_number(self, telegram: FakeTelegram) -> None:
        group = source(Channel.TELEGRAM, SourceKind.GROUP_MESSAGE, chat_id="-1001234567890", message_id="57")

        tg_client(telegram).send(OutgoingReply("answer-1", group, REGISTERED), token=TELEGRAM_TOKEN)

        assert telegram.requests[0].json["chat_id"] == -1001234567890
        assert telegram.requests[0].json["reply_parameters"]["message_id"] == 57

    def test_a_long_text_is_split_into_messages_of_at_most_4096_characters_all_replying(self,
                                                                                       telegram: FakeTelegram) -> None:
        text = paragraphs(3, 3000)

        delivered = tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, text), token=TELEGRAM_TOKEN)

        assert delivered.platform_message_ids == ("1000", "1001", "1002")
        assert [m.text for m in telegram.sent] == text.split("\n\n")
        assert {m.reply_to for m in telegram.sent} == {"211"}


class TestTelegramPhotos:
    def test_one_photo_is_sent_with_send_photo_as_multipart_with_the_text_as_caption(self,
                                                                                     telegram: FakeTelegram) -> None:
        reply = OutgoingReply("answer-1", TG_PRIVATE, "График вывоза мусора", (PHOTO,))

        delivered = tg_client(telegram).send(reply, token=TELEGRAM_TOKEN)

        [request] = telegram.requests
        assert request.path == f"/bot{TELEGRAM_TOKEN}/sendPhoto"
        assert request.headers["Content-Type"].startswith("multipart/form-data")
        assert request.form["chat_id"] == "482913774"
        assert request.form["caption"] == "График вывоза мусора"
        assert json.loads(request.form["reply_parameters"]) == {"message_id": 211, "allow_sending_without_reply": True}
        photo = request.files["photo"]
        assert (photo.data, photo.file_name, photo.content_type) == (PHOTO.data, "schedule.png", "image/png")
        assert delivered == Delivered(("1000",))

    def test_a_text_too_long_for_a_caption_follows_the_photo_as_a_message(self, telegram: FakeTelegram) -> None:
        text = "Подробный ответ. " * 100

        delivered = tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, text, (PHOTO,)),
                                             token=TELEGRAM_TOKEN)

        photo, message = telegram.requests
        assert photo.method_name == "sendPhoto"
        assert "caption" not in photo.form
        assert message.method_name == "sendMessage"
        assert message.json["text"] == text
        assert delivered.platform_message_ids == ("1000", "1001")

    def test_several_photos_go_as_one_media_group_with_the_caption_on_the_first(self, telegram: FakeTelegram) -> None:
        reply = OutgoingReply("answer-1", TG_PRIVATE, "До и после", (PHOTO, SECOND_PHOTO))

        delivered = tg_client(telegram).send(reply, token=TELEGRAM_TOKEN)

        [request] = telegram.requests
        assert request.method_name == "sendMediaGroup"
        assert json.loads(request.form["media"]) == [
            {"type": "photo", "media": "attach://photo0", "caption": "До и после"},
            {"type": "photo", "media": "attach://photo1"},
        ]
        assert request.files["photo0"].data == PHOTO.data
        assert request.files["photo1"].data == SECOND_PHOTO.data
        assert json.loads(request.form["reply_parameters"])["message_id"] == 211
        assert delivered.platform_message_ids == ("1000", "1001")

    def test_eleven_photos_are_a_group_of_ten_and_a_single_photo(self, telegram: FakeTelegram) -> None:
        reply = OutgoingReply("answer-1", TG_PRIVATE, "Все фото", (PHOTO,) * 11)

        delivered = tg_client(telegram).send(reply, token=TELEGRAM_TOKEN)

        assert [r.method_name for r in telegram.requests] == ["sendMediaGroup", "sendPhoto"]
        assert len(delivered.platform_message_ids) == 11


class TestTelegramFailures:
    def test_429_is_transient_and_carries_retry_after(self, telegram: FakeTelegram) -> None:
        telegram.fail_next("sendMessage",
                           error=telegram_error(429, "Too Many Requests: retry after 35", retry_after=35))

        with pytest.raises(TransientDeliveryError) as raised:
            tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

        assert raised.value.retry_after == 35
        assert "Too Many Requests" in raised.value.reason

    def test_a_bot_blocked_by_the_user_is_permanent_with_telegrams_description(self, telegram: FakeTelegram) -> None:
        telegram.fail_next("sendMessage", error=TELEGRAM_BOT_BLOCKED)

        with pytest.raises(PermanentDeliveryError) as raised:
            tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

        assert (raised.value.code, raised.value.reason) == ("403", "Forbidden: bot was blocked by the user")

    def test_chat_not_found_is_permanent(self, telegram: FakeTelegram) -> None:
        telegram.fail_next("sendPhoto", error=TELEGRAM_CHAT_NOT_FOUND)

        with pytest.raises(PermanentDeliveryError) as raised:
            tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, "x", (PHOTO,)), token=TELEGRAM_TOKEN)

        assert (raised.value.code, raised.value.reason) == ("400", "Bad Request: chat not found")

    def test_a_server_error_is_transient(self, telegram: FakeTelegram) -> None:
        telegram.fail_next("sendMessage", error=telegram_error(502, "Bad Gateway"))

        with pytest.raises(TransientDeliveryError):
            tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

    def test_the_bot_token_appears_neither_in_errors_nor_in_http_logs(self, telegram: FakeTelegram,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
        telegram.delay_next("sendMessage", seconds=0.5)
        caplog.set_level(logging.DEBUG)
        client = tg_client(telegram, timeout=0.1)

        with pytest.raises(TransientDeliveryError) as raised:
            client.send(OutgoingReply("answer-1", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)
        client.send(OutgoingReply("answer-2", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

        assert TELEGRAM_TOKEN not in str(raised.value)
        assert any("sendMessage" in record.getMessage() for record in caplog.records if record.name == "httpx")
        assert all(TELEGRAM_TOKEN.split(":")[1] not in record.getMessage() for record in caplog.records)


class TestPlannedParts:
    def test_telegram_sends_the_photos_first_and_a_text_too_long_for_a_caption_after_them(self) -> None:
        text = paragraphs(2, 3000)
        parts = TelegramReplyClient("http://127.0.0.1:9").parts(OutgoingReply("answer-1", TG_PRIVATE, text,
                                                                               (PHOTO, SECOND_PHOTO)))
        assert parts == (ReplyPart(0, "", (PHOTO, SECOND_PHOTO)), *(ReplyPart(i + 1, chunk)
                                                                    for i, chunk in enumerate(text.split("\n\n"))))
