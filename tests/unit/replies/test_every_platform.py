"""What holds on every platform, checked over real HTTP against the fake platform APIs: slow and failing APIs,
replies planned and sent part by part, one HTTP client for all, and long texts cut where a reader expects.

Each test states one rule; the platforms' own rules are in test_vk.py, test_telegram.py, test_ok.py, test_max.py."""
from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from otklik.devstack.fake_server import FakePlatform, http_error
from otklik.domain.model import Channel
from otklik.platforms.max.fake import FakeMax
from otklik.platforms.max.replies import MaxReplyClient
from otklik.platforms.ok.fake import FakeOk
from otklik.platforms.ok.replies import OkReplyClient
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    TransientDeliveryError,
    split_text,
)
from otklik.platforms.reply_clients import clients_for
from otklik.platforms.telegram.fake import FakeTelegram
from otklik.platforms.telegram.replies import TelegramReplyClient
from otklik.platforms.vk.fake import FakeVk
from otklik.platforms.vk.replies import VkReplyClient
from tests.unit.replies.support import (
    MAX_DIALOG,
    MAX_TOKEN,
    OK_CHAT,
    OK_TOKEN,
    PHOTO,
    REGISTERED,
    SECOND_PHOTO,
    TELEGRAM_TOKEN,
    TG_PRIVATE,
    VK_PRIVATE,
    VK_TOKEN,
    paragraphs,
    source,
)

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
