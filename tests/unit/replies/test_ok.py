"""How Otklik answers on OK, checked over real HTTP against the fake group bot API."""
from __future__ import annotations

import pytest

from otklik.devstack.fake_server import http_error
from otklik.platforms.ok.fake import FakeOk, ok_error
from otklik.platforms.ok.replies import OkReplyClient
from otklik.platforms.replies import (
    Delivered,
    OutgoingReply,
    PermanentDeliveryError,
    Photo,
    TransientDeliveryError,
)
from tests.support import payload
from tests.unit.replies.support import (
    OK_CHAT,
    OK_TOKEN,
    PHOTO,
    REGISTERED,
)


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
        assert (fetch_url.path, fetch_url.query) == ("/graph/me/fetch-upload-url",
                                                     {"type": "IMAGE", "access_token": OK_TOKEN})
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
