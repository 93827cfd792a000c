"""An answer's delivery, as it records who sends it, how far it got and how it ended (domain/reply_delivery.py)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from otklik.domain.model import Appeal, Delivery, DeliveryStatus
from otklik.domain.reply_delivery import (
    ClaimState,
    NotClaimable,
    claim,
    claim_state,
    give_up,
    record_delivery,
    record_part,
)
from tests.builders import an_appeal, answered, routed

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


def appeal_with(delivery: Delivery = Delivery()) -> Appeal:
    """A Telegram appeal answered with ans-1, whose sending has got as far as `delivery`."""
    return answered(routed(an_appeal("Нет воды", received_at=NOW), category="water", department="housing_utilities"),
                    "Воду дали", answer_id="ans-1", at=NOW, delivery=delivery)


def delivery(appeal: Appeal) -> Delivery:
    return appeal.answers[0].delivery


class TestClaim:
    def test_a_pending_delivery_is_claimed_for_the_lease_and_counts_an_attempt(self) -> None:
        claimed = delivery(claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE))
        assert (claimed.claimed_by, claimed.claimed_until, claimed.attempts) == ("attempt-1", NOW + LEASE, 1)

    def test_a_live_claim_refuses_another_sender_until_it_runs_out(self) -> None:
        held = claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE)
        with pytest.raises(NotClaimable) as refused:
            claim(held, "ans-1", NOW + LEASE - timedelta(seconds=1), by="attempt-2", lease=LEASE)
        assert refused.value.state is ClaimState.HELD

        taken_over = delivery(claim(held, "ans-1", NOW + LEASE, by="attempt-2", lease=LEASE))
        assert (taken_over.claimed_by, taken_over.attempts) == ("attempt-2", 2)

    @pytest.mark.parametrize("status", [DeliveryStatus.DELIVERED, DeliveryStatus.UNDELIVERED, DeliveryStatus.MANUAL])
    def test_a_delivery_that_ended_cannot_be_claimed(self, status: DeliveryStatus) -> None:
        assert claim_state(Delivery(status=status), NOW) is ClaimState.CLOSED
        with pytest.raises(NotClaimable):
            claim(appeal_with(Delivery(status=status)), "ans-1", NOW, by="attempt-1", lease=LEASE)

    def test_claims_add_no_history(self) -> None:
        appeal = appeal_with()
        assert claim(appeal, "ans-1", NOW, by="attempt-1", lease=LEASE).history == appeal.history


class TestParts:
    def test_each_part_is_counted_once_in_order_with_its_message_ids_and_renews_the_claim(self) -> None:
        appeal = claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE)
        later = NOW + timedelta(seconds=30)
        appeal = record_part(appeal, "ans-1", later, index=0, platform_message_ids=("10", "11"), by="attempt-1",
                             lease=LEASE)
        again = record_part(appeal, "ans-1", later, index=0, platform_message_ids=("12",), by="attempt-1", lease=LEASE)
        skipped = record_part(appeal, "ans-1", later, index=2, platform_message_ids=("13",), by="attempt-1",
                              lease=LEASE)

        assert again is appeal and skipped is appeal
        recorded = delivery(appeal)
        assert (recorded.parts_sent, recorded.platform_message_ids, recorded.claimed_until) == (
            1, ("10", "11"), later + LEASE)

    def test_a_part_sent_by_a_sender_whose_claim_was_taken_over_is_counted_without_renewing_the_others_claim(
            self) -> None:
        appeal = claim(appeal_with(), "ans-1", NOW, by="attempt-2", lease=LEASE)
        appeal = record_part(appeal, "ans-1", NOW + LEASE / 2, index=0, platform_message_ids=("10",),
                             by="attempt-1", lease=LEASE)
        assert (delivery(appeal).parts_sent, delivery(appeal).claimed_until) == (1, NOW + LEASE)


class TestOutcome:
    def test_delivered_ends_the_claim_with_a_history_entry(self) -> None:
        appeal = claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE)
        appeal = record_part(appeal, "ans-1", NOW, index=0, platform_message_ids=("10",), by="attempt-1", lease=LEASE)
        done = record_delivery(appeal, "ans-1", NOW, status=DeliveryStatus.DELIVERED, by="attempt-1")

        assert (delivery(done).status, delivery(done).claimed_by, delivery(done).claimed_until) == (
            DeliveryStatus.DELIVERED, None, None)
        assert done.history[-1].action == "reply_delivered"
        assert done.history[-1].details["platform_message_ids"] == ["10"]

    def test_a_transient_failure_keeps_the_parts_and_the_error_and_frees_the_claim_for_the_next_attempt(self) -> None:
        appeal = claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE)
        appeal = record_part(appeal, "ans-1", NOW, index=0, platform_message_ids=("10",), by="attempt-1", lease=LEASE)
        failed = record_delivery(appeal, "ans-1", NOW, status=DeliveryStatus.PENDING, by="attempt-1",
                                 reason="Telegram sendMessage: Bad Gateway")

        recorded = delivery(failed)
        assert (recorded.status, recorded.parts_sent, recorded.reason) == (
            DeliveryStatus.PENDING, 1, "Telegram sendMessage: Bad Gateway")
        assert claim_state(recorded, NOW) is ClaimState.FREE

    def test_a_late_failure_of_a_sender_that_was_taken_over_leaves_the_new_claim(self) -> None:
        appeal = claim(appeal_with(), "ans-1", NOW, by="attempt-2", lease=LEASE)
        failed = record_delivery(appeal, "ans-1", NOW, status=DeliveryStatus.PENDING, by="attempt-1", reason="timeout")
        assert delivery(failed).claimed_by == "attempt-2"

    def test_delivered_is_recorded_over_undelivered_but_nothing_is_recorded_over_delivered(self) -> None:
        undelivered = appeal_with(Delivery(status=DeliveryStatus.UNDELIVERED, reason="retries ran out"))
        delivered = record_delivery(undelivered, "ans-1", NOW, status=DeliveryStatus.DELIVERED, by="attempt-1")
        assert (delivery(delivered).status, delivery(delivered).reason) == (DeliveryStatus.DELIVERED, None)

        for status in DeliveryStatus:
            assert record_delivery(delivered, "ans-1", NOW, status=status, by="attempt-2") is delivered


class TestGiveUp:
    def test_a_pending_delivery_becomes_undelivered_with_the_last_error(self) -> None:
        pending = appeal_with(Delivery(attempts=10, reason="Telegram sendMessage: Too Many Requests"))
        gave_up = give_up(pending, "ans-1", NOW)
        assert delivery(gave_up).status is DeliveryStatus.UNDELIVERED
        assert delivery(gave_up).reason == ("not delivered after 10 attempts; "
                                            "the last error: Telegram sendMessage: Too Many Requests")
        assert gave_up.history[-1].action == "reply_undelivered"

    def test_a_delivery_that_ended_or_is_being_sent_is_left_alone(self) -> None:
        delivered = appeal_with(Delivery(status=DeliveryStatus.DELIVERED))
        sending = claim(appeal_with(), "ans-1", NOW, by="attempt-1", lease=LEASE)
        assert give_up(delivered, "ans-1", NOW) is delivered
        assert give_up(sending, "ans-1", NOW) is sending
