"""Storage and messaging outages, and duplicates: nothing half-written, nothing lost, nothing twice."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Channel, Status
from otklik.domain.principals import Role
from otklik.services.sweep import SweepService
from tests.conftest import Stack
from tests.reliability.support import paused, post_telegram, telegram_update
from tests.support import MessageProbe, eventually


def appeal_id(number: int) -> str:
    return appeal_id_for(Channel.TELEGRAM, "yuzhno", f"{900_000 + number}:{number}")


def test_storage_down_answers_5xx_and_redelivery_after_it_gives_one_appeal_per_event(
        stack: Stack, functions_server: str) -> None:
    before = [post_telegram(functions_server, telegram_update(n)) for n in range(3)]
    assert all(r.status_code == 200 for r in before)

    with paused(stack.emulators["firestore"]), ThreadPoolExecutor(max_workers=6) as pool:
        during = list(pool.map(lambda n: post_telegram(functions_server, telegram_update(n)), range(6)))
    assert [r.status_code for r in during] == [503] * 6
    assert all(r.json()["error"] == "storage_unavailable" and r.headers["Retry-After"] for r in during)
    assert all(stack.deps.appeals.get(appeal_id(n)) is None for n in range(3, 6)), "nothing half-written"

    # The platforms send again everything that was not answered 200, and some of what was.
    after = [post_telegram(functions_server, telegram_update(n)) for n in range(6)]
    assert all(r.status_code == 200 for r in after)
    stored = stack.deps.appeals.recent(50)
    assert sorted(a.id for a in stored) == sorted(appeal_id(n) for n in range(6))
    assert all([h.action for h in a.history] == ["received"] for a in stored)


def test_messaging_down_keeps_appeals_and_the_sweep_publishes_them_once_it_is_back(
        wired: Stack, functions_server: str) -> None:
    with paused(wired.emulators["pubsub"]), ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda n: post_telegram(functions_server, telegram_update(n)), range(4)))
    assert [r.status_code for r in answers] == [200] * 4, "stored is enough to answer the platform"
    for number in range(4):
        (left,) = wired.deps.appeals.pending_messages(appeal_id(number))
        assert left.topic == "appeal_received", "the appeal and its appeal.received were written together"

    later = datetime.now(UTC) + timedelta(minutes=2)
    report = SweepService(wired.deps.appeals, wired.deps.appeals, wired.deps.outbox, lambda: later).tick()
    # At least ours: a write of an earlier test still in flight when the data was wiped can add its own message.
    # That each of ours was recovered is checked below, by its routing and its cleared outbox.
    assert report.outbox_recovered >= 4

    for number in range(4):
        routed = eventually(lambda n=number: (a := wired.deps.appeals.get(appeal_id(n))) and
                            a.status is not Status.RECEIVED and a)
        assert [h.action for h in routed.history].count("routed") == 1
        eventually(lambda n=number: wired.deps.appeals.pending_messages(appeal_id(n)) == [],
                   what="routing's messages published and cleared")


def test_fifty_concurrent_deliveries_of_one_event_give_one_appeal_one_message_one_reply(
        wired: Stack, functions_server: str) -> None:
    probe = wired.probe()
    try:
        update = telegram_update(7, "Нет горячей воды в доме {n}")
        with ThreadPoolExecutor(max_workers=25) as pool:
            answers = list(pool.map(lambda _: post_telegram(functions_server, update), range(50)))
        assert {r.status_code for r in answers} == {200}
        assert [a.id for a in wired.deps.appeals.recent(10)] == [appeal_id(7)]
        assert len(probe.collect(expected=1, settle_seconds=2)) == 1

        routed = eventually(lambda: (a := wired.deps.appeals.get(appeal_id(7))) and a.status is Status.ROUTED and a)
        operator, _ = wired.deps.api_keys.issue(Role.OPERATOR, (routed.municipality,))
        from otklik.services.commands import AnswerCommand

        wired.deps.work.act(operator, routed.id, "answer", AnswerCommand(kind="final", text="Воду дали"))
        eventually(lambda: wired.platforms["telegram"].sent)
        eventually(lambda: (a := wired.deps.appeals.get(routed.id)) and a.answers[-1].delivery.status == "delivered")
        assert len(wired.platforms["telegram"].sent) == 1
    finally:
        probe.close()


def test_a_probe_is_quiet_when_nothing_is_published(stack: Stack, probe: MessageProbe) -> None:
    """The duplicate checks above rely on the probe seeing every message and inventing none."""
    assert probe.collect(expected=0, settle_seconds=0.5, timeout=1) == []
