"""The commands `make run` prints to try the whole loop by hand: a resident writes to the Telegram bot, the department
lists, takes and answers with a photo report, and the resident thanks (or says it is not solved) in the same chat.

Each is a shell command to copy as printed, run from the repository's root; tests run the same commands."""
from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from otklik.devstack.demo import VK_COMMUNITY, DemoSetup
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Channel
from otklik.platforms.telegram.webhook import SECRET_HEADER, message_event_id

RESIDENT_TEXT = "На ул. Ленина у дома 12 огромная яма на дороге, машины бьют колёса"
CATEGORY = "roads"
DEPARTMENT = "city_economy"  # the department the demo town routes roads to, and the demo department key's
THANKS = "Спасибо, яму заделали!"
NOT_SOLVED = "не решено, яма на месте"
TELEGRAM_ACCOUNT = "yuzhno"


@dataclass(frozen=True)
class Step:
    says: str
    command: str


@dataclass(frozen=True)
class ResidentLoop:
    """The loop in a Telegram chat of its own, so that each run's loop starts a new appeal (with the data kept
    between runs, an earlier run's open appeal in the same chat would take the message as a follow-up)."""

    appeal_id: str
    writes: Step
    lists: Step
    takes: Step
    answers_without_photo: Step
    answers_with_photo: Step
    thanks: Step
    not_solved: Step

    @property
    def steps(self) -> tuple[Step, ...]:
        return (self.writes, self.lists, self.takes, self.answers_without_photo, self.answers_with_photo, self.thanks,
                self.not_solved)


def resident_loop(base_url: str, demo: DemoSetup, photo: Path, chat_id: int,
                  photo_categories: tuple[str, ...] = (CATEGORY,)) -> ResidentLoop:
    """`chat_id`: the time the loop is printed, in seconds, makes a new one each run (and is the messages' date).
    `photo_categories`: the town's categories whose final answers need a photo report, as the banner names them."""
    appeal_id = appeal_id_for(Channel.TELEGRAM, TELEGRAM_ACCOUNT, message_event_id(chat_id, 1))
    key = demo.keys[DEPARTMENT]
    auth = f"-H {shlex.quote(f'Authorization: Bearer {key}')}"
    appeal_url = f"{base_url}/operator_api/appeals/{appeal_id}"
    final = {"kind": "final", "text": "Яму заделали, фото прилагаем"}
    return ResidentLoop(
        appeal_id=appeal_id,
        writes=Step(f"A resident writes to the Telegram bot (the update Telegram would post); it becomes appeal "
                    f"{appeal_id}:", telegram_message(base_url, demo, chat_id, 1, RESIDENT_TEXT)),
        lists=Step(f"Routed a moment later to {DEPARTMENT}, whose key lists it:",
                   f"curl -sS {base_url}/operator_api/appeals {auth}"),
        takes=Step("The department takes it:", f"curl -sS -X POST {appeal_url}/take {auth}"),
        answers_without_photo=Step(
            f"A final answer in {', '.join(photo_categories)} needs a photo report: without one it is refused (422):",
            f"curl -sS -X POST {appeal_url}/answer {auth} -H 'Content-Type: application/json' "
            f"-d {shlex.quote(json.dumps(final, ensure_ascii=False))}"),
        answers_with_photo=Step(
            "With the photo, as multipart/form-data; the fake Telegram prints the answer it is asked to send:",
            f"curl -sS -X POST {appeal_url}/answer {auth} "
            f"-F {shlex.quote('answer=' + json.dumps(final, ensure_ascii=False))} "
            f"-F {shlex.quote(f'photos=@{photo};type=image/jpeg')}"),
        thanks=Step(f"The resident replies in the same chat: \"{THANKS}\" resolves the appeal:",
                    telegram_message(base_url, demo, chat_id, 2, THANKS)),
        not_solved=Step(f"or, instead, \"{NOT_SOLVED}\" reopens it, with a new deadline:",
                        telegram_message(base_url, demo, chat_id, 3, NOT_SOLVED)),
    )


def telegram_message(base_url: str, demo: DemoSetup, chat_id: int, message_id: int, text: str) -> str:
    update = {
        "update_id": chat_id * 10 + message_id,
        "message": {
            "message_id": message_id,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Анна", "username": "anna_petrova"},
            "chat": {"id": chat_id, "type": "private"},
            "date": chat_id,
            "text": text,
        },
    }
    secret = demo.secrets["telegram-yuzhno-webhook"]
    return (f"curl -sS -X POST {base_url}/telegram_webhook/{TELEGRAM_ACCOUNT} -H 'Content-Type: application/json' "
            f"-H {shlex.quote(f'{SECRET_HEADER}: {secret}')} -d {shlex.quote(json.dumps(update, ensure_ascii=False))}")


def vk_confirmation_request(base_url: str) -> str:
    """What VK posts first when the server is added to the community; the answer is the confirmation string."""
    body = json.dumps({"type": "confirmation", "group_id": VK_COMMUNITY})
    return f"curl -sS -X POST {base_url}/vk_webhook -H 'Content-Type: application/json' -d {shlex.quote(body)}"
