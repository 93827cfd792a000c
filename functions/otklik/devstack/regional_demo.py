"""The regional centre under `make run`: a fake regional centre receiving callbacks, a demo client calling the
regional API, and how to try it and Open311 (whose client key is one of the demo keys)."""
from __future__ import annotations

import contextlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from otklik.devstack.demo import DEMO_TOWN
from otklik.devstack.fake_regional import FakeRegionalCentre
from otklik.regional.clients import RegionalClient

if TYPE_CHECKING:
    from otklik.wiring import Container

DEMO_CLIENT_ID = "demo-cur"
DEMO_SECRET_REF = "regional-demo-cur"


def start_fake_regional(running: contextlib.ExitStack, demo_secrets: dict[str, str]) -> FakeRegionalCentre:
    """Makes up the demo client's secret unless kept from an earlier run (added to the secrets the functions get)
    and starts the fake."""
    secret = demo_secrets.setdefault(DEMO_SECRET_REF, secrets.token_urlsafe(24))
    fake = FakeRegionalCentre({DEMO_CLIENT_ID: secret}, verbose=True).start()
    running.callback(fake.stop)
    return fake


def seed_regional_demo(deps: Container, fake: FakeRegionalCentre, sample_body: Path) -> None:
    """The demo client (its callbacks to this run's fake) and an appeal to hand down, written to `sample_body`."""
    towns = tuple(sorted(deps.towns.all()))
    deps.regional_clients.save(RegionalClient(id=DEMO_CLIENT_ID, name="Демо ЦУР Сахалинской области",
                                              secret_ref=DEMO_SECRET_REF, towns=towns,
                                              callback_url=fake.callback_url(DEMO_CLIENT_ID)))
    received = datetime.now(UTC).replace(microsecond=0)
    sample_body.parent.mkdir(parents=True, exist_ok=True)
    sample_body.write_text(json.dumps({
        "regional_id": f"DEMO-{received:%H%M%S}", "town": DEMO_TOWN,
        "text": "На ул. Ленина у дома 40 не горят фонари уже неделю", "author": {"name": "Демо Житель"},
        "received_at": received.isoformat(), "deadline": (received + timedelta(hours=6)).isoformat(),
    }, ensure_ascii=False, indent=2), encoding="utf-8")


def regional_banner(base_url: str, demo_secrets: dict[str, str], keys: dict[str, str], sample_body: Path) -> list[str]:
    api = f"{base_url}/regional_api"
    return [
        f"Regional API client (demo): id {DEMO_CLIENT_ID}   secret {demo_secrets[DEMO_SECRET_REF]}",
        "  callbacks go to a fake regional centre, which prints them. Hand an appeal down (signatures last 5 min):",
        f"  .venv/bin/python -m otklik regional sign --client {DEMO_CLIENT_ID} --secret "
        f"{demo_secrets[DEMO_SECRET_REF]} --path /appeals --body-file {sample_body} --url {api} | sh",
        "  then --method GET --path /appeals/<regional_id> (no --body-file) to read it back",
        "Open311 GeoReport v2:",
        f"  curl -s '{base_url}/open311/requests.json?jurisdiction_id={DEMO_TOWN}'",
        f"  curl -s {base_url}/open311/requests.json -d api_key={keys.get('open311', '')} "
        f"-d jurisdiction_id={DEMO_TOWN} -d service_code=roads -d lat=46.959 -d long=142.738 "
        "--data-urlencode 'description=Яма на дороге'",
    ]
