"""How Otklik answers on each platform, checked over real HTTP against the fake platform APIs.

Each test states one rule: which call answers which kind of source, how photos get there, how long texts are cut,
and which failures are worth retrying (TransientDeliveryError) and which are final (PermanentDeliveryError)."""
from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from otklik.devstack.fake_server import FakePlatform, http_error
from otklik.domain.model import Channel, SourceKind, SourceRef
from otklik.platforms.max.fake import MAX_ATTACHMENT_NOT_READY, MAX_INVALID_TOKEN, FakeMax, max_error
from otklik.platforms.max.replies import MaxReplyClient
from otklik.platforms.ok.fake import FakeOk, ok_error
from otklik.platforms.ok.replies import OkReplyClient
from otklik.platforms.replies import (
    Delivered,
    OutgoingReply,
    PermanentDeliveryError,
    Photo,
    ReplyPart,
    TransientDeliveryError,
    split_text,
)
from otklik.platforms.reply_clients import clients_for
from otklik.platforms.telegram.fake import TELEGRAM_BOT_BLOCKED, TELEGRAM_CHAT_NOT_FOUND, FakeTelegram, telegram_error
from otklik.platforms.telegram.replies import TelegramReplyClient
from otklik.platforms.vk.fake import VK_CANNOT_MESSAGE_USER, VK_TOO_MANY_REQUESTS, FakeVk, vk_error
from otklik.platforms.vk.replies import VkReplyClient, vk_random_id

from tests.support import payload

VK_TOKEN = "vk1.a.community-token-for-tests"
TELEGRAM_TOKEN = "7012345678:AAH-bot-token-for-tests_0123456789"
OK_TOKEN = "tkn1-ok-group-token-for-tests"
MAX_TOKEN = "max-bot-token-for-tests"

REGISTERED = "Ваше обращение зарегистрировано под номером 2025-0142."
PHOTO = Photo(data=b"\x89PNG\r\n\x1a\n-schedule-", content_type="image/png", file_name="schedule.png")
SECOND_PHOTO = Photo(data=b"\xff\xd8\xff-container-yard-", content_type="image/jpeg", file_name="yard.jpg")


def source(platform: Channel, kind: SourceKind = SourceKind.PRIVATE_MESSAGE, **where: str) -> SourceRef:
    return SourceRef(platform=platform, account="yuzhno", kind=kind, event_id="event-1", **where)


def paragraphs(count: int, length: int) -> str:
    """`count` paragraphs of `length` characters each, separated by blank lines."""
    return "\n\n".join(f"{n:03d}" + "ж" * (length - 3) for n in range(count))


@pytest.fixture
def vk() -> Iterator[FakeVk]:
    with FakeVk(group_id=218734512) as fake:
        yield fake


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def ok() -> Iterator[FakeOk]:
    with FakeOk() as fake:
        yield fake


@pytest.fixture
def max_api() -> Iterator[FakeMax]:
    with FakeMax() as fake:
        yield fake


# ---------------------------------------------------------------------------------------------------------------
# VK
# ---------------------------------------------------------------------------------------------------------------

VK_PRIVATE = source(Channel.VK, chat_id="574821396", message_id="1844")
VK_WALL_COMMENT = source(Channel.VK, SourceKind.WALL_COMMENT, owner_id="-218734512", post_id="3311", comment_id="5127")


class TestVkMessages:
    def test_a_private_message_is_answered_with_messages_send_replying_to_the_residents_message(self, vk: FakeVk) -> None:
        delivered = VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_PRIVATE, REGISTERED), token=VK_TOKEN)

        [request] = vk.requests
        assert (request.http_method, request.path) == ("POST", "/method/messages.send")
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert request.form == {
            "peer_id": "574821396",
            "random_id": str(vk_random_id("answer-1")),
            "message": REGISTERED,
            "reply_to": "1844",
            "access_token": VK_TOKEN,
            "v": "5.199",
        }
        assert delivered == Delivered((vk.sent[0].platform_id,))

    def test_random_id_is_derived_from_the_answer_id_deterministically_within_positive_int64(self) -> None:
        assert vk_random_id("answer-1") == vk_random_id("answer-1")
        assert vk_random_id("answer-1") != vk_random_id("answer-2")
        assert all(0 < vk_random_id(f"answer-{n}") < 2**63 for n in range(1000))

    def test_sending_the_same_answer_again_does_not_deliver_it_twice(self, vk: FakeVk) -> None:
        client = VkReplyClient(vk.base_url)
        reply = OutgoingReply("answer-1", VK_PRIVATE, REGISTERED)

        first = client.send(reply, token=VK_TOKEN)
        again = client.send(reply, token=VK_TOKEN)

        assert first == again
        assert len(vk.sent) == 1
        assert len(vk.duplicates) == 1

    def test_a_group_chat_message_without_a_community_side_id_is_answered_without_reply_to(self, vk: FakeVk) -> None:
        # In group chats VK gives a community bot message id 0; there is nothing to reply_to.
        chat = source(Channel.VK, SourceKind.GROUP_MESSAGE, chat_id="2000000007", message_id="0")

        VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", chat, REGISTERED), token=VK_TOKEN)

        [request] = vk.requests
        assert request.form["peer_id"] == "2000000007"
        assert "reply_to" not in request.form

    def test_a_photo_goes_through_the_messages_upload_flow_and_is_attached(self, vk: FakeVk) -> None:
        VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_PRIVATE, "График", (PHOTO,)), token=VK_TOKEN)

        get_server, upload, save, send = vk.requests
        assert get_server.method_name == "photos.getMessagesUploadServer"
        assert get_server.form["peer_id"] == "574821396"
        assert upload.method_name == "upload"
        assert upload.files["photo"].data == PHOTO.data
        assert upload.files["photo"].file_name == "schedule.png"
        assert "access_token" not in upload.form | upload.query
        assert save.method_name == "photos.saveMessagesPhoto"
        assert save.form["server"] == "909218" and save.form["photo"] and save.form["hash"]
        assert send.method_name == "messages.send"
        assert send.form["attachment"].startswith("photo-218734512_")
        assert vk.sent[0].attachments == (send.form["attachment"],)

    def test_a_long_text_becomes_several_messages_each_with_its_own_stable_random_id(self, vk: FakeVk) -> None:
        text = paragraphs(3, 5000)
        client = VkReplyClient(vk.base_url)

        delivered = client.send(OutgoingReply("answer-1", VK_PRIVATE, text), token=VK_TOKEN)
        client.send(OutgoingReply("answer-1", VK_PRIVATE, text), token=VK_TOKEN)

        assert len(delivered.platform_message_ids) == 3
        assert [m.text for m in vk.sent] == text.split("\n\n")
        random_ids = [r.form["random_id"] for r in vk.requests_for("messages.send")]
        assert random_ids[:3] == random_ids[3:]
        assert len(set(random_ids)) == 3
        assert len(vk.duplicates) == 3


class TestVkComments:
    def test_a_wall_comment_is_answered_in_its_thread_on_behalf_of_the_community(self, vk: FakeVk) -> None:
        reply = OutgoingReply("appeal-2025-0143", VK_WALL_COMMENT, "Ремонт запланирован на май.")

        delivered = VkReplyClient(vk.base_url).send(reply, token=VK_TOKEN)

        [request] = vk.requests
        assert request.path == "/method/wall.createComment"
        expected = payload("vk", "api_wall_createComment_request")["params"]
        assert {k: request.form[k] for k in ("owner_id", "post_id", "from_group", "reply_to_comment", "guid")} == {
            k: str(expected[k]) for k in ("owner_id", "post_id", "from_group", "reply_to_comment", "guid")}
        assert request.form["message"] == "Ремонт запланирован на май."
        assert delivered == Delivered((vk.sent[0].platform_id,))

    def test_a_repeated_wall_comment_answer_is_deduplicated_by_guid(self, vk: FakeVk) -> None:
        client = VkReplyClient(vk.base_url)
        reply = OutgoingReply("answer-1", VK_WALL_COMMENT, REGISTERED)

        assert client.send(reply, token=VK_TOKEN) == client.send(reply, token=VK_TOKEN)
        assert len(vk.sent) == 1

    def test_a_suggested_post_is_answered_with_a_top_level_comment_under_it(self, vk: FakeVk) -> None:
        post = source(Channel.VK, SourceKind.WALL_POST, owner_id="-218734512", post_id="3320")

        VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", post, REGISTERED), token=VK_TOKEN)

        [request] = vk.requests
        assert request.method_name == "wall.createComment"
        assert (request.form["owner_id"], request.form["post_id"], request.form["from_group"]) == (
            "-218734512", "3320", "218734512")
        assert "reply_to_comment" not in request.form

    def test_a_photo_comment_is_answered_under_the_photo(self, vk: FakeVk) -> None:
        photo_comment = source(Channel.VK, SourceKind.PHOTO_COMMENT, owner_id="-218734512", photo_id="457240001",
                               comment_id="88")

        VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", photo_comment, REGISTERED), token=VK_TOKEN)

        [request] = vk.requests
        assert request.method_name == "photos.createComment"
        assert {k: request.form[k] for k in ("owner_id", "photo_id", "reply_to_comment", "from_group", "guid")} == {
            "owner_id": "-218734512", "photo_id": "457240001", "reply_to_comment": "88", "from_group": "1",
            "guid": "answer-1"}

    def test_a_board_post_is_answered_in_the_topic(self, vk: FakeVk) -> None:
        board_post = source(Channel.VK, SourceKind.BOARD_POST, owner_id="-218734512", topic_id="49871234",
                            comment_id="42")

        VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", board_post, REGISTERED), token=VK_TOKEN)

        [request] = vk.requests
        assert request.method_name == "board.createComment"
        assert {k: request.form[k] for k in ("group_id", "topic_id", "from_group", "guid", "message")} == {
            "group_id": "218734512", "topic_id": "49871234", "from_group": "1", "guid": "answer-1",
            "message": REGISTERED}

    def test_a_photo_in_a_comment_goes_through_the_wall_upload_flow(self, vk: FakeVk) -> None:
        reply = OutgoingReply("answer-1", VK_WALL_COMMENT, "Фото после ремонта", (PHOTO,))

        VkReplyClient(vk.base_url).send(reply, token=VK_TOKEN)

        assert [r.method_name for r in vk.requests] == [
            "photos.getWallUploadServer", "upload", "photos.saveWallPhoto", "wall.createComment"]
        get_server, upload, save, comment = vk.requests
        assert get_server.form["group_id"] == "218734512"
        assert upload.files["photo"].data == PHOTO.data
        assert save.form["group_id"] == "218734512"
        assert comment.form["attachments"].startswith("photo-218734512_")

    def test_a_source_without_the_post_to_comment_on_cannot_be_answered(self, vk: FakeVk) -> None:
        broken = source(Channel.VK, SourceKind.WALL_COMMENT, owner_id="-218734512", comment_id="5127")

        with pytest.raises(PermanentDeliveryError) as raised:
            VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", broken, REGISTERED), token=VK_TOKEN)

        assert raised.value.code == "unanswerable_source"
        assert vk.requests == []


class TestVkFailures:
    @pytest.mark.parametrize("code", [6, 9, 10])
    def test_rate_limits_and_internal_errors_are_transient(self, vk: FakeVk, code: int) -> None:
        vk.fail_next("messages.send", error=vk_error(code, "Too many requests per second"))

        with pytest.raises(TransientDeliveryError) as raised:
            VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_PRIVATE, REGISTERED), token=VK_TOKEN)

        assert f"error {code}" in raised.value.reason
        assert vk.sent == []

    def test_a_retry_after_error_6_delivers_the_answer(self, vk: FakeVk) -> None:
        vk.fail_next("messages.send", error=VK_TOO_MANY_REQUESTS)
        client = VkReplyClient(vk.base_url)
        reply = OutgoingReply("answer-1", VK_PRIVATE, REGISTERED)

        with pytest.raises(TransientDeliveryError):
            client.send(reply, token=VK_TOKEN)
        client.send(reply, token=VK_TOKEN)

        assert len(vk.sent) == 1

    def test_no_permission_to_message_the_user_901_is_permanent_with_vks_reason(self, vk: FakeVk) -> None:
        vk.fail_next("messages.send", error=VK_CANNOT_MESSAGE_USER)

        with pytest.raises(PermanentDeliveryError) as raised:
            VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_PRIVATE, REGISTERED), token=VK_TOKEN)

        assert (raised.value.code, raised.value.reason) == ("901", "Can't send messages for users without permission")

    @pytest.mark.parametrize(("code", "message"), [
        (902, "Can't send messages to this user due to their privacy settings"),
        (212, "Access to post comments denied"),
        (213, "Access to status replies denied"),
        (15, "Access denied"),
        (100, "One of the parameters specified was missing or invalid: post_id is undefined"),
    ])
    def test_access_and_parameter_errors_are_permanent(self, vk: FakeVk, code: int, message: str) -> None:
        vk.fail_next("wall.createComment", error=vk_error(code, message))

        with pytest.raises(PermanentDeliveryError) as raised:
            VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_WALL_COMMENT, REGISTERED), token=VK_TOKEN)

        assert (raised.value.code, raised.value.reason) == (str(code), message)

    def test_a_failed_photo_save_stops_the_answer_before_anything_is_sent(self, vk: FakeVk) -> None:
        vk.fail_next("photos.saveMessagesPhoto", error=VK_TOO_MANY_REQUESTS)

        with pytest.raises(TransientDeliveryError):
            VkReplyClient(vk.base_url).send(OutgoingReply("answer-1", VK_PRIVATE, REGISTERED, (PHOTO,)), token=VK_TOKEN)

        assert vk.requests_for("messages.send") == []

    def test_a_send_that_timed_out_but_went_through_is_not_repeated_by_the_retry(self, vk: FakeVk) -> None:
        vk.delay_next("messages.send", seconds=0.5)
        client = VkReplyClient(vk.base_url, timeout=0.1)
        reply = OutgoingReply("answer-1", VK_PRIVATE, REGISTERED)

        with pytest.raises(TransientDeliveryError):
            client.send(reply, token=VK_TOKEN)
        vk.wait_for_sent(1)
        client.send(reply, token=VK_TOKEN)

        assert len(vk.sent) == 1
        assert len(vk.duplicates) == 1


# ---------------------------------------------------------------------------------------------------------------
# Telegram
# ---------------------------------------------------------------------------------------------------------------

TG_PRIVATE = source(Channel.TELEGRAM, chat_id="482913774", message_id="211")


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

        delivered = tg_client(telegram).send(OutgoingReply("answer-1", TG_PRIVATE, text, (PHOTO,)), token=TELEGRAM_TOKEN)

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
        telegram.fail_next("sendMessage", error=telegram_error(429, "Too Many Requests: retry after 35", retry_after=35))

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


# ---------------------------------------------------------------------------------------------------------------
# OK
# ---------------------------------------------------------------------------------------------------------------

OK_CHAT = source(Channel.OK, chat_id="chat:C3ecb9d02a600", message_id="mid:C3ecb9d02a600.17")


class TestOk:
    def test_a_message_is_answered_in_the_same_chat_with_the_token_in_the_query(self, ok: FakeOk) -> None:
        delivered = OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, REGISTERED), token=OK_TOKEN)

        [request] = ok.requests
        assert (request.http_method, request.path) == ("POST", "/graph/me/messages/chat:C3ecb9d02a600")
        assert request.query == {"access_token": OK_TOKEN}
        assert request.headers["Content-Type"].startswith("application/json")
        assert request.json == payload("ok", "api_send_message_to_chat_request")["body"]
        assert delivered == Delivered((ok.sent[0].platform_id,))

    def test_a_photo_with_a_public_url_is_attached_by_url_without_uploading(self, ok: FakeOk) -> None:
        public = Photo(PHOTO.data, PHOTO.content_type, PHOTO.file_name, public_url="https://st.mycdn.me/res/i/ok_logo.png")

        OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, "", (public,)), token=OK_TOKEN)

        [request] = ok.requests
        assert request.json == payload("ok", "api_send_message_to_chat_image_request")["body"]

    def test_a_photo_without_a_url_is_uploaded_and_attached_by_token(self, ok: FakeOk) -> None:
        OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, "График", (PHOTO,)), token=OK_TOKEN)

        fetch_url, upload, send = ok.requests
        assert (fetch_url.path, fetch_url.query) == ("/graph/me/fetch-upload-url", {"type": "IMAGE", "access_token": OK_TOKEN})
        assert upload.files["data"].data == PHOTO.data
        assert "access_token" not in upload.query
        attachment = send.json["message"]["attachment"]
        assert attachment["type"] == "IMAGE" and attachment["payload"]["token"]
        assert send.json["message"]["text"] == "График"

    def test_more_than_five_photos_are_split_over_messages_of_at_most_five(self, ok: FakeOk) -> None:
        public = Photo(b"", "image/jpeg", "p.jpg", public_url="https://example.org/p.jpg")

        delivered = OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, "Фото", (public,) * 7),
                                                    token=OK_TOKEN)

        first, second = (r.json["message"] for r in ok.requests_for("messages"))
        assert (first["text"], len(first["attachments"])) == ("Фото", 5)
        assert ("text" not in second, len(second["attachments"])) == (True, 2)
        assert len(delivered.platform_message_ids) == 2

    def test_an_error_code_body_is_permanent(self, ok: FakeOk) -> None:
        ok.fail_next("messages", error=ok_error(10, "PERMISSION_DENIED : user is not allowed to receive messages"))

        with pytest.raises(PermanentDeliveryError) as raised:
            OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, REGISTERED), token=OK_TOKEN)

        assert raised.value.code == "10"
        assert raised.value.reason.startswith("PERMISSION_DENIED")

    def test_a_client_error_status_is_permanent(self, ok: FakeOk) -> None:
        ok.fail_next("messages", error=http_error(404, "Not Found"))

        with pytest.raises(PermanentDeliveryError) as raised:
            OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, REGISTERED), token=OK_TOKEN)

        assert raised.value.code == "404"

    def test_429_is_transient(self, ok: FakeOk) -> None:
        ok.fail_next("messages", error=http_error(429, "Too Many Requests"))

        with pytest.raises(TransientDeliveryError):
            OkReplyClient(ok.base_url).send(OutgoingReply("answer-1", OK_CHAT, REGISTERED), token=OK_TOKEN)


# ---------------------------------------------------------------------------------------------------------------
# MAX
# ---------------------------------------------------------------------------------------------------------------

MAX_DIALOG = source(Channel.MAX, chat_id="182182182", message_id="mid.000000000adf429c019d47d58f2b3e01")


class TestMax:
    def test_a_message_is_answered_in_the_chat_as_a_reply_with_the_raw_token_header(self, max_api: FakeMax) -> None:
        delivered = MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED),
                                                          token=MAX_TOKEN)

        [request] = max_api.requests
        assert (request.http_method, request.path, request.query) == ("POST", "/messages", {"chat_id": "182182182"})
        assert request.headers["Authorization"] == MAX_TOKEN
        assert request.json == {"text": REGISTERED,
                                "link": {"type": "reply", "mid": "mid.000000000adf429c019d47d58f2b3e01"}}
        assert delivered == Delivered((max_api.sent[0].platform_id,))

    def test_a_photo_is_uploaded_then_attached_with_the_photos_the_upload_returned(self, max_api: FakeMax) -> None:
        MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, "График", (PHOTO,)), token=MAX_TOKEN)

        uploads, upload, send = max_api.requests
        assert (uploads.path, uploads.query, uploads.headers["Authorization"]) == ("/uploads", {"type": "image"}, MAX_TOKEN)
        assert upload.files["data"].data == PHOTO.data
        assert "Authorization" not in upload.headers
        [attachment] = send.json["attachments"]
        assert attachment["type"] == "image"
        assert list(attachment["payload"]["photos"].values())[0]["token"]
        assert send.json["text"] == "График"

    def test_a_long_text_is_split_into_messages_of_at_most_4000_characters(self, max_api: FakeMax) -> None:
        text = paragraphs(2, 3500)

        delivered = MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, text), token=MAX_TOKEN)

        assert [m.text for m in max_api.sent] == text.split("\n\n")
        assert len(delivered.platform_message_ids) == 2

    def test_attachment_not_ready_is_transient(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=MAX_ATTACHMENT_NOT_READY)

        with pytest.raises(TransientDeliveryError) as raised:
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, "x", (PHOTO,)), token=MAX_TOKEN)

        assert "attachment.not.ready" in raised.value.reason

    def test_an_invalid_token_is_permanent(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=MAX_INVALID_TOKEN)

        with pytest.raises(PermanentDeliveryError) as raised:
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)

        assert (raised.value.code, raised.value.reason) == ("verify.token", "Invalid access_token")

    @pytest.mark.parametrize("status", [403, 404])
    def test_forbidden_and_not_found_are_permanent(self, max_api: FakeMax, status: int) -> None:
        max_api.fail_next("messages", error=max_error(status, "chat.denied", "Bot is not a member of the chat"))

        with pytest.raises(PermanentDeliveryError):
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)

    def test_429_is_transient(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=max_error(429, "too.many.requests", "Number of requests is exceeded"))

        with pytest.raises(TransientDeliveryError):
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)


# ---------------------------------------------------------------------------------------------------------------
# Every platform
# ---------------------------------------------------------------------------------------------------------------

PLATFORMS = {
    "vk": (FakeVk, VkReplyClient, VK_PRIVATE, VK_TOKEN, "messages.send"),
    "telegram": (FakeTelegram, TelegramReplyClient, TG_PRIVATE, TELEGRAM_TOKEN, "sendMessage"),
    "ok": (FakeOk, OkReplyClient, OK_CHAT, OK_TOKEN, "messages"),
    "max": (FakeMax, MaxReplyClient, MAX_DIALOG, MAX_TOKEN, "messages"),
}


@pytest.mark.parametrize("platform", PLATFORMS)
class TestEveryPlatform:
    def test_a_slow_answer_is_a_transient_timeout(self, platform: str) -> None:
        fake_class, client_class, where, token, method = PLATFORMS[platform]
        with fake_class() as fake:
            fake.delay_next(method, seconds=0.5)
            with pytest.raises(TransientDeliveryError) as raised:
                client_class(fake.base_url, timeout=0.1).send(OutgoingReply("answer-1", where, REGISTERED), token=token)
        assert "no answer within 0.1 s" in raised.value.reason

    def test_an_http_500_is_transient(self, platform: str) -> None:
        fake_class, client_class, where, token, method = PLATFORMS[platform]
        with fake_class() as fake:
            fake.fail_next(method, error=http_error(500))
            with pytest.raises(TransientDeliveryError):
                client_class(fake.base_url).send(OutgoingReply("answer-1", where, REGISTERED), token=token)

    def test_an_unreachable_api_is_transient(self, platform: str) -> None:
        _, client_class, where, token, _ = PLATFORMS[platform]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        with pytest.raises(TransientDeliveryError) as raised:
            client_class(f"http://127.0.0.1:{closed_port}").send(OutgoingReply("answer-1", where, REGISTERED),
                                                                 token=token)
        assert token not in str(raised.value)

    def test_a_source_from_another_platform_is_refused_before_any_call(self, platform: str) -> None:
        fake_class, client_class, _, token, _ = PLATFORMS[platform]
        foreign = source(Channel.TELEGRAM if platform != "telegram" else Channel.VK, chat_id="1")
        with fake_class() as fake:
            with pytest.raises(PermanentDeliveryError) as raised:
                client_class(fake.base_url).send(OutgoingReply("answer-1", foreign, REGISTERED), token=token)
            assert fake.requests == []
        assert raised.value.code == "wrong_platform"


@pytest.mark.parametrize("platform", PLATFORMS)
class TestPartsOneAtATime:
    """A reply is planned as parts and sent part by part, so that a delivery can resume after the parts sent."""

    def test_each_platform_plans_the_parts_it_sends_in_that_order(self, platform: str) -> None:
        fake_class, client_class, where, token, _ = PLATFORMS[platform]
        reply = OutgoingReply("answer-1", where, paragraphs(3, 3000), (PHOTO, SECOND_PHOTO))
        with fake_class() as fake:
            client = client_class(fake.base_url)
            parts = client.parts(reply)
            delivered = client.send(reply, token=token)
        assert [p.index for p in parts] == list(range(len(parts)))
        assert len(parts) > 1 and parts == client.parts(reply), "the same reply, the same parts"
        assert [p for part in parts for p in part.photos] == [PHOTO, SECOND_PHOTO]
        assert len(fake.sent) == len(delivered.platform_message_ids) >= len(parts)

    def test_a_part_sends_only_its_own_text_and_uploads_only_its_own_photos(self, platform: str) -> None:
        fake_class, client_class, where, token, _ = PLATFORMS[platform]
        reply = OutgoingReply("answer-1", where, paragraphs(3, 3000), (PHOTO,))
        with fake_class() as fake:
            client = client_class(fake.base_url)
            first, *rest = client.parts(reply)
            sent = [client.send_part(reply, part, token=token) for part in rest]
        assert first.photos == (PHOTO,) and all(not part.photos for part in rest)
        assert [m.text for m in fake.sent] == [part.text for part in rest]
        assert all(m.attachments == () for m in fake.sent)
        assert not any(r.files for r in fake.requests), "the first part's photo is not uploaded again"
        assert [ids for ids in sent] == [(m.platform_id,) for m in fake.sent]


class TestPlannedParts:
    def test_telegram_sends_the_photos_first_and_a_text_too_long_for_a_caption_after_them(self) -> None:
        text = paragraphs(2, 3000)
        parts = TelegramReplyClient("http://127.0.0.1:9").parts(OutgoingReply("answer-1", TG_PRIVATE, text,
                                                                               (PHOTO, SECOND_PHOTO)))
        assert parts == (ReplyPart(0, "", (PHOTO, SECOND_PHOTO)), *(ReplyPart(i + 1, chunk)
                                                                    for i, chunk in enumerate(text.split("\n\n"))))

    def test_a_vk_part_sent_again_keeps_its_random_id(self, vk: FakeVk) -> None:
        client = VkReplyClient(vk.base_url)
        reply = OutgoingReply("answer-1", VK_PRIVATE, paragraphs(2, 5000))
        second = client.parts(reply)[1]

        client.send_part(reply, second, token=VK_TOKEN)
        client.send(reply, token=VK_TOKEN)

        assert [m.text for m in vk.sent] == [second.text, client.parts(reply)[0].text]
        assert len(vk.duplicates) == 1


def test_clients_for_builds_one_client_per_configured_platform_only() -> None:
    fakes: list[FakePlatform] = [FakeVk(), FakeTelegram()]
    clients = clients_for({"vk": fakes[0].base_url, "telegram": fakes[1].base_url})
    for fake in fakes:
        fake.stop()

    assert set(clients) == {Channel.VK, Channel.TELEGRAM}
    assert isinstance(clients[Channel.VK], VkReplyClient)
    assert isinstance(clients[Channel.TELEGRAM], TelegramReplyClient)


def test_the_platforms_share_one_http_client_made_on_the_first_send(
        vk: FakeVk, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[httpx.Client] = []

    class CountedClient(httpx.Client):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(httpx, "Client", CountedClient)
    clients = clients_for({"vk": vk.base_url, "telegram": telegram.base_url, "ok": vk.base_url, "max": vk.base_url})
    assert made == [], "a cold instance that sends nothing builds no TLS context"

    clients[Channel.VK].send(OutgoingReply("answer-1", VK_PRIVATE, REGISTERED), token=VK_TOKEN)
    clients[Channel.TELEGRAM].send(OutgoingReply("answer-2", TG_PRIVATE, REGISTERED), token=TELEGRAM_TOKEN)

    assert len(made) == 1
    assert len(vk.sent) == 1 and len(telegram.sent) == 1


def test_an_answer_needs_text_or_photos() -> None:
    with pytest.raises(ValueError):
        OutgoingReply("answer-1", VK_PRIVATE, "  ")


class TestSplitText:
    def test_a_text_within_the_limit_stays_whole(self) -> None:
        assert split_text("Короткий ответ", 4000) == ["Короткий ответ"]

    def test_pieces_never_exceed_the_limit_and_prefer_paragraph_breaks(self) -> None:
        text = "Первый абзац. " * 20 + "\n\n" + "Второй абзац. " * 20

        pieces = split_text(text, 300)

        assert pieces == ["Первый абзац. " * 19 + "Первый абзац.", "Второй абзац. " * 19 + "Второй абзац."]

    def test_a_text_without_spaces_is_cut_hard(self) -> None:
        assert split_text("а" * 10, 4) == ["аааа", "аааа", "аа"]

    def test_characters_outside_the_basic_plane_count_twice_as_telegram_counts_them(self) -> None:
        assert split_text("😀" * 3, 4) == ["😀😀", "😀"]
