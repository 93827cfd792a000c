"""What the reply tests share: tokens, an answer's text and photos, and a place to answer on each platform."""
from __future__ import annotations

from otklik.domain.model import Channel, SourceKind, SourceRef
from otklik.platforms.replies import Photo

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


VK_PRIVATE = source(Channel.VK, chat_id="574821396", message_id="1844")
TG_PRIVATE = source(Channel.TELEGRAM, chat_id="482913774", message_id="211")
OK_CHAT = source(Channel.OK, chat_id="chat:C3ecb9d02a600", message_id="mid:C3ecb9d02a600.17")
MAX_DIALOG = source(Channel.MAX, chat_id="182182182", message_id="mid.000000000adf429c019d47d58f2b3e01")
