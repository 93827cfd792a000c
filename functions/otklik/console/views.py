"""What the pages show, in Russian: time left and its colour, labels, local times. Pure: `now` is an argument."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.model import OPEN_STATUSES, Appeal, Channel, DeliveryStatus, Status

STATUS_LABELS: dict[str, str] = {
    "received": "Получено", "needs_triage": "Нужен разбор", "routed": "Направлено", "in_progress": "В работе",
    "answered": "Дан ответ", "resolved": "Решено", "rejected": "Отклонено", "merged": "Объединено",
}
CHANNEL_LABELS: dict[str, str] = {
    "vk": "ВКонтакте", "telegram": "Telegram", "ok": "Одноклассники", "max": "MAX", "regional": "ЦУР",
    "reception": "Приёмная",
}
DELIVERY_LABELS: dict[str, str] = {
    "pending": "отправляется", "delivered": "доставлен", "undelivered": "не доставлен", "manual": "передать вручную",
}
ANSWER_KIND_LABELS: dict[str, str] = {"intermediate": "Промежуточный ответ", "final": "Итоговый ответ"}
HISTORY_LABELS: dict[str, str] = {
    "received": "получено", "routed": "направлено", "needs_triage": "на разбор", "triaged": "разобрано",
    "rejected": "отклонено", "assigned": "назначено", "handed_to_regional": "передано в ЦУР", "taken": "взято в работу",
    "note": "заметка", "answered_intermediate": "промежуточный ответ", "answered_final": "итоговый ответ",
    "resolved": "решено", "reopened": "открыто снова", "follow_up": "дополнение жителя", "merged": "объединено",
    "related_appeal": "связанное обращение", "text_edited": "текст изменён", "follow_up_edited": "дополнение изменено",
    "warning": "предупреждение о сроке", "escalated": "срок нарушен, эскалация", "reply_pending": "ответ отправляется",
    "reply_delivered": "ответ доставлен", "reply_undelivered": "ответ не доставлен",
    "callback_delivered": "ЦУР получил ответ", "callback_failed": "ЦУР не получил ответ (повтор)",
    "callback_rejected": "ЦУР отклонил ответ", "callback_not_delivered": "ЦУР так и не получил ответ",
    "routing_failed": "сбой маршрутизации", "personal_data_erased": "персональные данные удалены",
}
SOURCE_KIND_LABELS: dict[str, str] = {
    "private_message": "личное сообщение", "group_message": "сообщение в группе", "wall_post": "запись на стене",
    "wall_comment": "комментарий на стене", "photo_comment": "комментарий к фото", "board_post": "обсуждение",
    "regional": "от ЦУР", "reception": "приёмная",
}
ATTACHMENT_LABELS: dict[str, str] = {
    "photo": "фото", "video": "видео", "voice": "голосовое", "audio": "аудио", "document": "документ",
    "sticker": "стикер", "other": "вложение",
}
DETAIL_LABELS: dict[str, str] = {
    "category": "категория", "department": "отдел", "reason": "причина", "due_at": "срок", "due_reason": "срок по",
    "text": "текст", "assignee": "исполнитель", "channel": "канал", "answer_id": "ответ", "kind": "вид",
    "municipality": "город", "confidence": "уверенность", "into": "в обращение", "follow_up": "дополнение",
}
TONE_LABELS: dict[str, str] = {"on_time": "в срок", "warned": "срок близко", "overdue": "просрочено",
                               "closed": "закрыто", "no_deadline": "без срока"}


@dataclass(frozen=True)
class TimeLeft:
    text: str  # "осталось 3 ч 20 мин", "просрочено на 1 д 2 ч"
    tone: str  # on_time · warned · overdue · closed · no_deadline: the colour, and a word for who cannot see it


def span(delta: timedelta) -> str:
    """A duration as people say it at a glance: the two largest units, e.g. "1 д 4 ч", "3 ч 20 мин", "5 мин"."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} д {hours} ч" if hours else f"{days} д"
    if hours:
        return f"{hours} ч {minutes} мин" if minutes else f"{hours} ч"
    return f"{minutes} мин"


def time_left(appeal: Appeal, now: datetime) -> TimeLeft:
    if appeal.status not in OPEN_STATUSES:
        return TimeLeft(STATUS_LABELS[str(appeal.status)].lower(), "closed")
    if appeal.due_at is None:
        return TimeLeft("срок не назначен", "no_deadline")
    if appeal.due_at <= now or appeal.overdue:
        return TimeLeft(f"просрочено на {span(now - appeal.due_at)}", "overdue")
    warned = any(point.at <= now for point in appeal.warning_points)
    return TimeLeft(f"осталось {span(appeal.due_at - now)}", "warned" if warned else "on_time")


def local_time(moment: datetime | None, timezone: str) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


def first_words(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def category_label(category: str | None) -> str:
    if category is None:
        return "не определена"
    return CATEGORY_LABELS.get(category, category)


def channel_label(channel: Channel | str) -> str:
    return CHANNEL_LABELS.get(str(channel), str(channel))


def status_label(status: Status | str) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def delivery_label(status: DeliveryStatus | str) -> str:
    return DELIVERY_LABELS.get(str(status), str(status))


def web_link(url: str | None) -> str | None:
    """A platform's link, if it is one a browser should follow: http or https only (never javascript: or data:)."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def map_link(latitude: float, longitude: float) -> str:
    return f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}#map=17/{latitude:.6f}/{longitude:.6f}"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f} %"


def hours(seconds: float | None) -> str:
    return "—" if seconds is None else span(timedelta(seconds=seconds))
