"""An appeal's text once follow-ups are folded in: the first message, then the follow-ups' texts, bounded.

The text always starts with the first message's own text (kept in `own_text` once there are follow-ups), then a
blank line, then the follow-ups' texts separated by blank lines. What does not fit the bound is left out of it:
every follow-up keeps its own text in its own record (`follow_ups`)."""
from __future__ import annotations

from otklik.domain.model import Appeal

SEPARATOR = "\n\n"
# Characters of follow-up texts an appeal's text holds after its first message.
FOLLOW_UP_TEXT_LIMIT = 4000
_CUT = "…"


def join(head: str, tail: str) -> str:
    return f"{head}{SEPARATOR}{tail}" if head and tail else head or tail


def follow_up_part(appeal: Appeal) -> str:
    """The follow-ups' texts as the appeal's text holds them."""
    if appeal.own_text is None:
        return ""
    return appeal.text[len(appeal.own_text):].removeprefix(SEPARATOR)


def _texts(appeal: Appeal, follow_ups: str) -> dict[str, str]:
    own = appeal.first_message_text
    return {"text": join(own, follow_ups), "own_text": own}


def with_follow_up(appeal: Appeal, text: str) -> dict[str, str]:
    """The changes that append a follow-up's text; none when it has no text or would go over the bound."""
    current = follow_up_part(appeal)
    added = join(current, text)
    if not text or len(added) > FOLLOW_UP_TEXT_LIMIT:
        return {}
    return _texts(appeal, added)


def with_first_message(appeal: Appeal, text: str) -> dict[str, str | None]:
    """The changes that replace the first message's text and keep the follow-ups' texts."""
    if appeal.own_text is None:
        return {"text": text}
    return {"text": join(text, follow_up_part(appeal)), "own_text": text}


def with_follow_up_edited(appeal: Appeal, old: str, new: str) -> dict[str, str]:
    """The changes that replace one follow-up's text `old` by `new` (the last occurrence, as a whole part).

    A follow-up whose text was left out is added if it now fits; the result is cut to the bound."""
    current = follow_up_part(appeal)
    start = _part_position(current, old) if old else None
    if start is None:
        return with_follow_up(appeal, new)
    before, after = current[:start].removesuffix(SEPARATOR), current[start + len(old):].removeprefix(SEPARATOR)
    edited = join(join(before, new), after)
    if len(edited) > FOLLOW_UP_TEXT_LIMIT:
        edited = edited[: FOLLOW_UP_TEXT_LIMIT - len(_CUT)] + _CUT
    return _texts(appeal, edited)


def _part_position(text: str, part: str) -> int | None:
    """Where `part` stands in `text` as a whole part between separators, the last such place."""
    position = text.rfind(part)
    while position >= 0:
        end = position + len(part)
        starts = position == 0 or text[:position].endswith(SEPARATOR)
        ends = end == len(text) or text[end:].startswith(SEPARATOR)
        if starts and ends:
            return position
        position = text.rfind(part, 0, position + len(part) - 1)
    return None
