"""Integration and end-to-end tests run against real emulators this session starts and stops itself.

Every run gets its own Firestore project id and Pub/Sub topic prefix; Firestore is wiped between tests."""
from __future__ import annotations

import itertools
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from otklik.adapters.photo_storage import storage_client
from otklik.devstack.emulators import (
    Emulator,
    emulator_environment,
    running_emulators,
    wipe_firestore,
)
from otklik.devstack.fake_platforms import all_fakes
from otklik.devstack.fake_server import FakePlatform
from otklik.devstack.pubsub_setup import ensure_topics
from otklik.devstack.storage_emulator import StorageEmulator
from otklik.settings import Settings, get_settings
from otklik.wiring import Container, container
from tests.infra.emulated_iam import GrantedTopics
from tests.support import CHANNELS, SECRETS, MessageProbe

RUN_ID = uuid.uuid4().hex[:8]
_probe_numbers = itertools.count()
# Publishes the served functions attempted beyond their grants (tests/infra/emulated_iam.py).
REFUSED_PUBLISHES: list[str] = []


@dataclass
class Stack:
    emulators: dict[str, Emulator]
    settings: Settings
    platforms: dict[str, FakePlatform]

    @property
    def deps(self) -> Container:
        return container()

    def probe(self, topic_field: str = "appeal_received") -> MessageProbe:
        topic = self.settings.topics.name(getattr(self.settings.topics, topic_field))
        subscription = f"{self.settings.topics.prefix}probe-{next(_probe_numbers)}"
        return MessageProbe(self.settings.project_id, topic, subscription)

    def reset_caches(self) -> None:
        get_settings.cache_clear()
        container.cache_clear()
        self.settings = get_settings()
        deps = container()
        granted = GrantedTopics(deps.publisher, self.settings.topics, REFUSED_PUBLISHES)
        deps.publisher = granted  # type: ignore[assignment]


@pytest.fixture(scope="session")
def emulators() -> Iterator[Stack]:
    saved = dict(os.environ)
    storage = StorageEmulator()
    platforms: dict[str, FakePlatform] = {}
    with running_emulators() as started:
        try:
            storage.start()
            platforms.update(all_fakes())
            os.environ.update(emulator_environment(started) | storage.environment() | {
                "OTKLIK_PROJECT_ID": f"test-{RUN_ID}",
                "OTKLIK_TOPIC_PREFIX": f"t{RUN_ID}-",
                "OTKLIK_CHANNEL_SECRETS": json.dumps(SECRETS),
                "OTKLIK_PLATFORM_BASE_URLS": json.dumps({name: p.base_url for name, p in platforms.items()}),
                "OTKLIK_PLATFORM_TIMEOUT_SECONDS": "3",
                # Outages are simulated in tests: fail fast instead of waiting out production timeouts.
                "OTKLIK_FIRESTORE_TIMEOUT_SECONDS": "3",
                "OTKLIK_PUBLISH_TIMEOUT_SECONDS": "3",
            })
            storage_client.cache_clear()
            stack = Stack(started, Settings(), platforms)
            stack.reset_caches()
            ensure_topics(stack.settings)
            stack.deps.photos.ensure_bucket()
            yield stack
        finally:
            for platform in platforms.values():
                platform.stop()
            storage.stop()
            os.environ.clear()
            os.environ.update(saved)
            get_settings.cache_clear()
            container.cache_clear()
            storage_client.cache_clear()


def _wipe(stack: Stack, attempts: int = 5) -> None:
    # A push delivery of the previous test may still be writing: the wipe is retried until it goes through.
    for attempt in range(attempts):
        try:
            wipe_firestore(stack.emulators["firestore"].host, stack.settings.project_id)
            return
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


@pytest.fixture
def stack(emulators: Stack) -> Iterator[Stack]:
    """A clean Firestore with the test towns' channels, and fresh per-instance caches."""
    _wipe(emulators)
    for platform in emulators.platforms.values():
        platform.reset()
    emulators.reset_caches()
    emulators.deps.channels.save(CHANNELS)
    yield emulators


@pytest.fixture
def probe(stack: Stack) -> Iterator[MessageProbe]:
    created = stack.probe()
    yield created
    created.close()


@pytest.fixture(scope="session")
def functions_server(emulators: Stack) -> Iterator[str]:
    """Every function served over real HTTP by functions-framework, as `make run` serves them."""
    from otklik.devstack.emulators import HOST, free_port
    from otklik.devstack.server import FunctionsServer

    server = FunctionsServer(HOST, free_port()).start()
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def published_within_grants() -> Iterator[None]:
    """A served function may publish only to the topics infra/ grants it: a test during which one tried another
    fails (tests/infra/emulated_iam.py)."""
    already = len(REFUSED_PUBLISHES)
    yield
    refused = REFUSED_PUBLISHES[already:]
    assert not refused, "published beyond infra/'s grants:\n" + "\n".join(refused)


TOWNS_FILE = Path(__file__).resolve().parents[1] / "infra" / "config" / "towns.json"
_wired_prefixes: set[str] = set()


def seed_towns(stack: Stack) -> None:
    from otklik.domain.towns import RegionConfig

    stack.deps.towns.save(RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns)


@pytest.fixture
def wired(stack: Stack, functions_server: str) -> Iterator[Stack]:
    """Topics of their own with push subscriptions to the served functions, as `make run` wires them:
    what is published here is delivered to route_appeal and the other Pub/Sub-triggered functions."""
    from otklik.devstack.pubsub_setup import ensure_push_subscriptions

    plain_prefix = os.environ["OTKLIK_TOPIC_PREFIX"]
    wired_prefix = f"{plain_prefix}wired-"
    os.environ["OTKLIK_TOPIC_PREFIX"] = wired_prefix
    stack.reset_caches()
    if wired_prefix not in _wired_prefixes:
        ensure_topics(stack.settings)
        ensure_push_subscriptions(stack.settings, functions_server)
        _wired_prefixes.add(wired_prefix)
    stack.deps.channels.save(CHANNELS)
    seed_towns(stack)
    try:
        yield stack
    finally:
        os.environ["OTKLIK_TOPIC_PREFIX"] = plain_prefix
        stack.reset_caches()
