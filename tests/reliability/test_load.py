"""Many webhooks across the four platforms, some duplicated: every distinct event is one appeal, routed.

The short run is part of `make test`; `make soak` runs 10,000."""
from __future__ import annotations

import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.firestore_appeals import APPEALS
from otklik.domain.model import Status
from tests.conftest import Stack
from tests.support import SECRETS, eventually, payload


def events(count: int, rng: random.Random) -> list[tuple[str, dict[str, str], dict[str, Any]]]:
    made: list[tuple[str, dict[str, str], dict[str, Any]]] = []
    for n in range(count):
        platform = n % 4
        text = rng.choice(["Яма на дороге у дома {n}", "Не вывозят мусор во дворе {n}", "Нет воды в доме {n}",
                           "Не горит фонарь у подъезда {n}"]).format(n=n)
        if platform == 0:
            body = payload("telegram", "update_message_text")
            body["update_id"] = n
            body["message"] |= {"message_id": n, "text": text, "chat": {"id": 10**9 + n, "type": "private"}}
            made.append(("telegram_webhook/yuzhno",
                         {"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram-yuzhno-webhook"]}, body))
        elif platform == 1:
            body = payload("vk", "callback_message_new_text")
            body["event_id"] = f"{n:040x}"
            body["object"]["message"] |= {"id": n, "text": text, "peer_id": 10**6 + n, "from_id": 10**6 + n}
            made.append(("vk_webhook", {}, body))
        elif platform == 2:
            body = payload("ok", "webhook_message_created_text")
            body["message"] |= {"mid": f"mid:load.{n}", "text": text}
            body["sender"]["user_id"] = f"user:{n}"
            body["recipient"]["chat_id"] = f"chat:{n}"
            made.append((f"ok_webhook/{SECRETS['ok-yuzhno-webhook']}", {}, body))
        else:
            body = payload("max", "webhook_message_created_dialog_text")
            body["message"]["body"] |= {"mid": f"mid.load{n}", "text": text}
            body["message"]["recipient"]["chat_id"] = 10**7 + n
            body["message"]["sender"]["user_id"] = 10**7 + n
            made.append(("max_webhook/yuzhno", {"X-Max-Bot-Api-Secret": SECRETS["max-yuzhno-webhook"]}, body))
    return made


def count(query: Any) -> int:
    return int(query.count(alias="n").get()[0][0].value)


def run_load(stack: Stack, base: str, distinct: int, duplicate_share: float, workers: int) -> dict[str, float]:
    rng = random.Random(distinct)
    unique = events(distinct, rng)
    deliveries = unique + rng.sample(unique, int(distinct * duplicate_share))
    rng.shuffle(deliveries)
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=workers))

    def deliver(event: tuple[str, dict[str, str], dict[str, Any]]) -> int:
        path, headers, body = event
        response = session.post(f"{base}/{path}", data=json.dumps(body, ensure_ascii=False).encode(),
                                headers={"Content-Type": "application/json", **headers}, timeout=60,
                                allow_redirects=False)
        return response.status_code

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        codes = list(pool.map(deliver, deliveries))
    elapsed = time.monotonic() - started
    assert set(codes) == {200}, {c: codes.count(c) for c in set(codes)}

    appeals_collection = stack.deps.firestore.collection(APPEALS)
    still_received = appeals_collection.where(filter=FieldFilter("status", "==", str(Status.RECEIVED)))

    def all_routed() -> bool:
        # Counted, not read: reading every appeal each second loaded the emulator more than routing did.
        return count(appeals_collection) == distinct and count(still_received) == 0

    # Routing is one push at a time per instance here: about 15-25 appeals a second on a 2-core machine.
    eventually(all_routed, timeout=max(60, distinct / 10), interval=2)
    appeals = stack.deps.appeals.recent(distinct + 100)
    assert len({a.id for a in appeals}) == distinct
    assert all([h.action for h in a.history].count("received") == 1 for a in appeals)
    return {"deliveries": len(deliveries), "seconds": elapsed, "per_second": len(deliveries) / elapsed}


def test_a_burst_of_webhooks_with_duplicates_gives_one_routed_appeal_per_event(wired: Stack,
                                                                                 functions_server: str) -> None:
    figures = run_load(wired, functions_server, distinct=240, duplicate_share=0.2, workers=16)
    assert figures["deliveries"] == 288


@pytest.mark.slow
def test_soak_ten_thousand_webhooks(wired: Stack, functions_server: str) -> None:
    figures = run_load(wired, functions_server, distinct=int(os.environ.get("OTKLIK_SOAK_EVENTS", "10000")),
                       duplicate_share=0.1, workers=32)
    print(f"soak: {figures}")
