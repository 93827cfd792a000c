"""How Otklik answers on VK, checked over real HTTP against the fake VK API: messages.send for chats, comments
for wall, photo and board threads, photos uploaded first, and which VK errors are worth retrying."""
from __future__ import annotations

import pytest

from otklik.domain.model import Channel, SourceKind
from otklik.platforms.replies import (
    Delivered,
    OutgoingReply,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from otklik.platforms.vk.fake import VK_CANNOT_MESSAGE_USER, VK_TOO_MANY_REQUESTS, FakeVk, vk_error
from otklik.platforms.vk.replies import VkReplyClient, vk_random_id
from tests.support import payload
from tests.unit.replies.support import (
    PHOTO,
    REGISTERED,
    VK_PRIVATE,
    VK_TOKEN,
    paragraphs,
    source,
)

VK_WALL_COMMENT = source(Channel.VK, SourceKind.WALL_COMMENT, owner_id="-218734512", post_id="3311", comment_id="5127")


class TestVkMessages:
    def test_a_private_message_is_answered_with_messages_send_replying_to_the_residents_message(
            self, vk: FakeVk) -> None:
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


class TestPlannedParts:
    def test_a_vk_part_sent_again_keeps_its_random_id(self, vk: FakeVk) -> None:
        client = VkReplyClient(vk.base_url)
        reply = OutgoingReply("answer-1", VK_PRIVATE, paragraphs(2, 5000))
        second = client.parts(reply)[1]

        client.send_part(reply, second, token=VK_TOKEN)
        client.send(reply, token=VK_TOKEN)

        assert [m.text for m in vk.sent] == [second.text, client.parts(reply)[0].text]
        assert len(vk.duplicates) == 1
