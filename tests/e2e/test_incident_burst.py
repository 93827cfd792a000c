"""A storm's burst through every served function, wired as in the cloud: forty residents of one street write about
the same outage at once; each is stored, routed and grouped, and each join is folded into the incident by
fan_out_incident through the ordered subscription, so that the incidents end up holding exactly the appeals that
name them, with no join left pending."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from otklik.domain.model import Appeal, Status
from tests.conftest import Stack
from tests.support import SECRETS, eventually, payload

RESIDENTS = 40
TG_SECRET = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]}
WORDINGS = ("Нет воды с утра, ул. Лучистая {n}", "Лучистая {n} — воды нет, что случилось?",
            "в Луговом нет воды!!! Лучистая д.{n}", "Когда дадут воду? Лучистая {n}, Луговое")


def a_resident_writes(base: str, n: int) -> int:
    update = payload("telegram", "update_message_text")
    update["update_id"] = 990_000 + n
    update["message"]["message_id"] = 1_000 + n
    update["message"]["chat"]["id"] = update["message"]["from"]["id"] = 550_000 + n
    update["message"]["text"] = WORDINGS[n % len(WORDINGS)].format(n=n % 30 + 1)
    response = requests.post(f"{base}/telegram_webhook/yuzhno", json=update, headers=TG_SECRET, timeout=30,
                             allow_redirects=False)
    return response.status_code


def test_a_burst_of_residents_about_one_outage_ends_in_incidents_holding_every_join(
        wired: Stack, functions_server: str) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda n: a_resident_writes(functions_server, n), range(RESIDENTS)))
    assert statuses == [200] * RESIDENTS

    def all_grouped() -> list[Appeal] | None:
        found = [a for a in wired.deps.appeals.recent(RESIDENTS + 10) if a.status is not Status.RECEIVED]
        return found if len(found) == RESIDENTS and all(a.incident_id for a in found) else None

    appeals = eventually(all_grouped, timeout=120, interval=0.5, what="every appeal routed and grouped")
    by_incident: dict[str, set[str]] = {}
    for appeal in appeals:
        assert appeal.incident_id is not None
        by_incident.setdefault(appeal.incident_id, set()).add(appeal.id)
    assert len(by_incident) <= 3, "one outage: an incident, or a few started at the same moment"

    def all_folded() -> bool:
        return all((incident := wired.deps.incidents.get(i)) is not None and set(incident.member_ids) == members
                   and not wired.deps.incidents.pending_joins(i, 10) for i, members in by_incident.items())

    eventually(all_folded, timeout=60, interval=0.5, what="every join folded into its incident")
