"""What the services refuse, said in Russian on the console's pages. The services speak English to the JSON API and
the logs; the console says the same refusals in its people's language (the original stays in the logs)."""
from __future__ import annotations

import re

from pydantic import ValidationError

from otklik.console import views
from otklik.domain.model import StatusConflict
from otklik.domain.photos import MAX_PHOTOS_PER_ANSWER, PhotoRejected

# The domain's and the work service's refusals (domain/actions.py, services/work.py): pattern → Russian.
ACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"a rejection needs a reason", "для отклонения нужна причина"),
    (r"assign to a department or a person", "укажите отдел или исполнителя"),
    (r"a note needs text", "заметка пустая"),
    (r"an appeal takes at most (\d+) notes.*", r"у обращения уже \1 заметок — больше нельзя"),
    (r"an answer needs text", "ответ пустой"),
    (r"an intermediate answer needs the planned date", "для промежуточного ответа нужна плановая дата решения"),
    (r"a final answer in category (\S+) needs a photo report",
     "итоговый ответ по этой категории принимается только с фотоотчётом: приложите фото"),
    (r"triage needs a category, or a reject_reason", "выберите категорию или отклоните обращение"),
    (r"town (\S+) is not configured", r"город \1 не настроен"),
    (r"no department for category (\S+); name one", r"для категории \1 нет отдела по умолчанию: выберите отдел"),
    (r"unknown department (\S+)", r"нет такого отдела: \1"),
    (r"only operators hand appeals to another department", "передать обращение в другой отдел может только оператор"),
    (r"only operators register appeals", "регистрировать обращения могут только операторы"),
    (r"no access to town (\S+)", r"нет доступа к городу \1"),
    (r"a department sees only its own appeals", "отдел видит только свои обращения"),
    (r"a (\w+) key cannot (\w+)", "с вашей ролью это действие недоступно"),
    (r"only the town's supervisors edit reply templates", "шаблоны правит руководитель города"),
))
PHOTO_REASONS = {
    "too_large": "файл больше 10 МБ", "not_an_image": "это не изображение",
    "format_not_allowed": "формат не JPEG, PNG или WebP", "damaged": "изображение повреждено",
    "decompression_bomb": "слишком большое изображение", "too_many": f"больше {MAX_PHOTOS_PER_ANSWER} фото",
}
FIELD_LABELS = {
    "text": "текст", "contact": "контакт", "resident_name": "имя жителя", "address": "адрес", "kind": "вид ответа",
    "planned_date": "плановая дата", "reason": "причина", "category": "категория", "department": "отдел",
    "assignee": "исполнитель", "decision": "решение", "reject_reason": "пояснение", "api_key": "ключ", "town": "город",
    "request_id": "служебное поле формы",
}
PROBLEMS = {
    "missing": "обязательное поле", "string_too_short": "не заполнено", "string_too_long": "слишком длинно",
    "date_from_datetime_parsing": "дата в виде ГГГГ-ММ-ДД", "date_parsing": "дата в виде ГГГГ-ММ-ДД",
    "enum": "недопустимое значение", "literal_error": "недопустимое значение",
}


def in_russian(error: Exception) -> str:
    """The refusal as the page says it."""
    if isinstance(error, StatusConflict):
        return (f"обращение сейчас в статусе «{views.status_label(error.current)}», и это действие для него "
                "недоступно. Обновите страницу")
    if isinstance(error, PhotoRejected):
        return f"фото {error.file_name or ''} не принято: {PHOTO_REASONS.get(error.reason, str(error))}".replace(
            "фото  ", "фото ")
    if isinstance(error, ValidationError):
        return "; ".join(_field_problem(item["loc"], item["type"]) for item in error.errors(include_url=False))
    message = str(error)
    for pattern, russian in ACTIONS:
        if pattern.fullmatch(message):
            return pattern.sub(russian, message)
    return message


def _field_problem(location: tuple[int | str, ...], kind: str) -> str:
    field = ".".join(str(part) for part in location)
    return f"{FIELD_LABELS.get(field, field or 'форма')}: {PROBLEMS.get(kind, 'неверное значение')}"
