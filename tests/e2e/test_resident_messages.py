"""Nothing a resident sends is lost: edits, forwards and the shapes the platforms' own models allow, posted to the
webhook functions over HTTP as the platforms post them (payloads built with their models, tests/platform_payloads)."""
from __future__ import annotations

from typing import Any

import pytest
from vkbottle_types.objects import MessagesForeignMessage, MessagesMessageAttachment, PhotosPhoto, PhotosPhotoSizes

from otklik.domain.model import Appeal, AttachmentKind, Channel
from otklik.platforms.events import FORWARD_MARK
from tests.conftest import Stack
from tests.e2e.test_webhooks import MAX_SECRET, TG_SECRET, VK_PATH, post, stored
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
from tests.support import SECRETS, payload


def only_appeal(stack: Stack) -> Appeal:
    (appeal,) = stored(stack)
    return appeal


class TestEditsReachTheAppeal:
    def test_a_vk_message_edit(self, stack: Stack, functions_server: str) -> None:
        assert post(functions_server, VK_PATH, vk_message_new(vk_message("Во дворе яма"))).text == "ok"
        edit = vk_message_edit(vk_message("Во дворе огромная яма у подъезда", update_time=SENT_AT + 90))
        assert edit["event_id"] != vk_message_new(vk_message(""))["event_id"], "VK sends an edit as a new event"

        response = post(functions_server, VK_PATH, edit)

        assert (response.status_code, response.text) == (200, "ok")
        appeal = only_appeal(stack)
        assert appeal.text == "Во дворе огромная яма у подъезда"
        assert [h.action for h in appeal.history] == ["received", "text_edited"]

    def test_a_vk_wall_comment_edit(self, stack: Stack, functions_server: str) -> None:
        post(functions_server, VK_PATH, vk_wall_reply("Яма на Садовой"))
        assert post(functions_server, VK_PATH, vk_wall_reply("Яма на Садовой, 4", edited=True)).text == "ok"
        appeal = only_appeal(stack)
        assert (appeal.text, appeal.history[-1].action) == ("Яма на Садовой, 4", "text_edited")

    def test_a_max_message_edited(self, stack: Stack, functions_server: str) -> None:
        post(functions_server, "max_webhook/yuzhno", max_created(max_message("Нет воды")), MAX_SECRET)
        response = post(functions_server, "max_webhook/yuzhno", max_edited(max_message("Нет воды третий день")),
                        MAX_SECRET)
        assert response.status_code == 200
        appeal = only_appeal(stack)
        assert (appeal.text, appeal.history[-1].action) == ("Нет воды третий день", "text_edited")

    def test_an_edit_of_an_unknown_message_is_acknowledged_and_stores_nothing(self, stack: Stack,
                                                                            functions_server: str) -> None:
        assert post(functions_server, VK_PATH, vk_message_edit(vk_message("x", cmid=9))).text == "ok"
        assert stored(stack) == []


class TestForwardsAreAppeals:
    def test_a_max_forward_with_an_empty_body_text(self, stack: Stack, functions_server: str) -> None:
        forward = max_forward("Не вывозят мусор на Ленина, 12")
        response = post(functions_server, "max_webhook/yuzhno", max_created(max_message("", link=forward)),
                        MAX_SECRET)
        assert response.status_code == 200
        assert only_appeal(stack).text == f"{FORWARD_MARK}\nНе вывозят мусор на Ленина, 12"

    def test_a_vk_forward_with_the_residents_comment_and_a_photo(self, stack: Stack, functions_server: str) -> None:
        photo = MessagesMessageAttachment(type="photo", photo=PhotosPhoto(
            id=1, owner_id=2, album_id=-3, date=SENT_AT,
            sizes=[PhotosPhotoSizes(type="x", width=604, height=453, url="https://sun9-1.userapi.com/x.jpg")]))
        forwarded = MessagesForeignMessage(conversation_message_id=90, date=SENT_AT, from_id=111,
                                           text="В подвале дома 3 прорвало трубу", attachments=[photo])
        body = vk_message_new(vk_message("Соседи пишут, помогите", fwd_messages=[forwarded]))
        assert post(functions_server, VK_PATH, body).text == "ok"
        appeal = only_appeal(stack)
        assert appeal.text == f"Соседи пишут, помогите\n\n{FORWARD_MARK}\nВ подвале дома 3 прорвало трубу"
        assert [a.kind for a in appeal.attachments] == [AttachmentKind.PHOTO]

    def test_a_telegram_forward(self, stack: Stack, functions_server: str) -> None:
        body = payload("telegram", "update_message_text")
        body["message"]["forward_origin"] = {"type": "hidden_user", "date": SENT_AT - 3600,
                                             "sender_user_name": "Сосед"}
        assert post(functions_server, "telegram_webhook/yuzhno", body, TG_SECRET).status_code == 200
        assert only_appeal(stack).text.startswith(f"{FORWARD_MARK}\nЗдравствуйте!")


class TestWhatThePlatformsMayLeaveOut:
    def test_a_bare_max_message_created_is_acknowledged(self, stack: Stack, functions_server: str) -> None:
        body = {"timestamp": 1784114462472, "user_locale": "ru", "update_type": "message_created"}
        response = post(functions_server, "max_webhook/yuzhno", body, MAX_SECRET)
        assert (response.status_code, response.json()) == (200, {"ok": True})
        assert stored(stack) == []

    def test_a_max_message_without_a_body_is_kept_to_be_answered(self, stack: Stack, functions_server: str) -> None:
        body = max_created(max_message(None, with_body=False))
        body["message"]["body"] = None
        assert post(functions_server, "max_webhook/yuzhno", body, MAX_SECRET).status_code == 200
        appeal = only_appeal(stack)
        assert (appeal.channel, appeal.source.chat_id) == (Channel.MAX, "182182182")

    @pytest.mark.parametrize("change", ["photo size with src only", "geo without coordinates"])
    def test_vk_shapes_that_vks_own_model_allows(self, stack: Stack, functions_server: str, change: str) -> None:
        body = vk_message_new(vk_message("Яма у дома 5"))
        message: dict[str, Any] = body["object"]["message"]
        if change == "photo size with src only":
            message["attachments"] = [{"type": "photo", "photo": {"id": 1, "owner_id": 2, "album_id": -3,
                                                                  "date": SENT_AT, "sizes": [
                                                                      {"type": "x", "width": 604, "height": 453,
                                                                       "src": "https://sun9-1.userapi.com/x.jpg"}]}}]
        else:
            message["geo"] = {"type": "point"}
        response = post(functions_server, VK_PATH, body)
        assert (response.status_code, response.text) == (200, "ok")
        assert only_appeal(stack).text == "Яма у дома 5"

    def test_a_wrong_vk_field_is_named_from_the_envelopes_root(self, stack: Stack, functions_server: str) -> None:
        body = vk_message_new(vk_message("Яма"))
        body["object"]["message"]["date"] = "вчера"
        response = post(functions_server, VK_PATH, body)
        assert response.status_code == 400
        assert "object.message.date" in {d["field"] for d in response.json()["details"]}
        assert stored(stack) == []


    def test_a_time_no_calendar_holds_is_refused_as_bad_input_not_retried(self, stack: Stack,
                                                                         functions_server: str) -> None:
        body = vk_message_new(vk_message("Яма"))
        body["object"]["message"]["date"] = 10**12
        response = post(functions_server, VK_PATH, body)
        assert (response.status_code, response.json()["error"]) == (400, "invalid_body")
        assert "object.message.date" in {d["field"] for d in response.json()["details"]}
        assert stored(stack) == []


class TestVkConfirmation:
    def test_the_documented_request_without_a_secret_is_answered(self, stack: Stack, functions_server: str) -> None:
        response = post(functions_server, VK_PATH, {"type": "confirmation", "group_id": 218734512})
        assert (response.status_code, response.text) == (200, "c0nf1rm")

    def test_a_secret_sent_with_it_must_still_match(self, stack: Stack, functions_server: str) -> None:
        wrong = post(functions_server, VK_PATH, {"type": "confirmation", "group_id": 218734512, "secret": "x"})
        right = post(functions_server, VK_PATH, {"type": "confirmation", "group_id": 218734512,
                                                      "secret": SECRETS["vk-218734512-webhook"]})
        assert (wrong.status_code, right.status_code, right.text) == (403, 200, "c0nf1rm")
