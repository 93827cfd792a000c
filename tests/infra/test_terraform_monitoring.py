"""infra/monitoring.tf watches what it should: every dead-letter subscription, the tick line the deadline sweep
actually logs, the line every dead letter's mark logs, and every function of main.py; every alert goes to the
notification channels the operator lists."""
from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from otklik.logs import CloudLoggingFormatter
from otklik.messages import AppealReceived
from otklik.services.dead_letter_marks import RoutingDeadLetters
from otklik.services.ports import AppealWrite
from otklik.services.sweep import SweepService
from otklik.topology import DEAD_LETTER_SUBSCRIPTIONS
from tests.builders import an_appeal
from tests.fakes import Clock, InMemoryAppeals, RecordingPublisher, relay
from tests.infra.checks import differences, fail_on, only, text
from tests.infra.code_facts import entry_points
from tests.infra.log_filters import clauses, cloud_run_entry, matches
from tests.infra.terraform import Terraform

CHANNELS = "${var.alert_notification_channels}"


@contextmanager
def json_lines() -> Iterator[list[str]]:
    """The JSON lines our loggers write meanwhile, as a deployed function writes them on stdout."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(CloudLoggingFormatter())
    logger = logging.getLogger("otklik")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    lines: list[str] = []
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        lines += stream.getvalue().splitlines()


def logged_by(service: str, run: Callable[[], Any]) -> list[dict[str, Any]]:
    with json_lines() as lines:
        run()
    return [cloud_run_entry(line, service) for line in lines]


def condition(policy: dict[str, Any], kind: str) -> dict[str, Any]:
    return only(only(policy["conditions"], "condition")[kind], kind)


def test_every_dead_letter_subscription_of_the_topology_is_kept_in_infra(tf: Terraform) -> None:
    kept = tf.instances("google_pubsub_subscription", "dead_letter")
    problems = differences("dead-letter subscriptions", [s.of.name for s in DEAD_LETTER_SUBSCRIPTIONS], kept,
                           code="topology.DEAD_LETTER_SUBSCRIPTIONS", infra="infra/ (pubsub.tf dead_letter)")
    for s in DEAD_LETTER_SUBSCRIPTIONS:
        if s.of.name in kept:
            sub = kept[s.of.name]
            expected = {"name": s.name, "topic": f'${{google_pubsub_topic.dead_letter["{s.of.name}"].id}}',
                        "ack_deadline_seconds": s.ack_deadline_seconds,
                        "message_retention_duration": f"{s.retention_seconds}s"}
            actual = {"name": sub["name"], "topic": text(sub["topic"]), "ack_deadline_seconds": sub.get(
                "ack_deadline_seconds"), "message_retention_duration": sub.get("message_retention_duration")}
            problems += [f"dead-letter subscription {s.name}: {k} is {actual[k]!r} in infra/, {v!r} per topology"
                         for k, v in expected.items() if actual[k] != v]
    fail_on(problems)


def test_a_backlog_in_any_dead_letter_subscription_alerts(tf: Terraform) -> None:
    policies = tf.instances("google_monitoring_alert_policy", "dead_letter_backlog")
    watched: dict[str, str] = {}
    problems = []
    for key, policy in policies.items():
        threshold = condition(policy, "condition_threshold")
        found = clauses(text(threshold["filter"]))
        if found.get("metric.type") != ("pubsub.googleapis.com/subscription/num_undelivered_messages",) or \
                found.get("resource.type") != ("pubsub_subscription",):
            problems.append(f"dead_letter_backlog[{key}] does not watch a subscription's undelivered messages")
        if (threshold["comparison"], threshold["threshold_value"]) != ("COMPARISON_GT", 0):
            problems.append(f"dead_letter_backlog[{key}] alerts on {threshold['comparison']} "
                            f"{threshold['threshold_value']}, not on any message (> 0)")
        if text(policy.get("notification_channels")) != CHANNELS:
            problems.append(f"dead_letter_backlog[{key}] does not notify var.alert_notification_channels")
        for subscription in found.get("resource.labels.subscription_id", ()):
            watched[subscription] = key
    expected = [f'${{google_pubsub_subscription.dead_letter["{s.of.name}"].name}}' for s in DEAD_LETTER_SUBSCRIPTIONS]
    fail_on(problems + differences("watched dead-letter subscriptions", expected, watched,
                                   code="topology.DEAD_LETTER_SUBSCRIPTIONS", infra="infra/monitoring.tf"))


def test_the_sweep_metric_counts_the_tick_line_the_sweep_logs_and_its_absence_alerts(tf: Terraform) -> None:
    appeals = InMemoryAppeals()
    sweep = SweepService(appeals, appeals, relay(appeals, RecordingPublisher()), Clock())
    entries = logged_by("sweep-deadlines", lambda: (sweep.tick(), sweep.tick()))
    metric = only(list(tf.instances("google_logging_metric", "sweep_ticks").values()), "sweep_ticks metric")

    counted = [e for e in entries if matches(text(metric["filter"]), e)]
    assert len(counted) == 2, f"the sweep metric's filter {metric['filter']!r} counts {len(counted)} lines of two " \
                              f"ticks: {entries}"

    policy = only(list(tf.instances("google_monitoring_alert_policy", "sweep_silent").values()), "sweep alert")
    absent = condition(policy, "condition_absent")
    assert clauses(text(absent["filter"]))["metric.type"] == \
        ("logging.googleapis.com/user/${google_logging_metric.sweep_ticks.name}",)
    seconds = tf.variable_default("sweep_silence_seconds")
    assert absent["duration"] == f"{seconds}s" and 300 < seconds <= 600, \
        "the sweep ticks every 5 minutes: alert after one missed tick, not after a normal gap"
    assert text(policy.get("notification_channels")) == CHANNELS


def test_the_dead_letter_metric_counts_the_line_a_marked_appeal_logs(tf: Terraform) -> None:
    appeals, clock = InMemoryAppeals(), Clock()
    appeal = an_appeal()
    appeals.add(AppealWrite(appeal))
    message = AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                             received_at=appeal.received_at)
    marking = RoutingDeadLetters(appeals, relay(appeals, RecordingPublisher()), clock)
    entries = logged_by("mark-routing-failed", lambda: (marking.give_up(message, 5), marking.give_up(message, 5)))
    metric = only(list(tf.instances("google_logging_metric", "dead_letters_marked").values()), "dead letter metric")

    counted = [e for e in entries if matches(text(metric["filter"]), e)]
    assert [e["jsonPayload"]["dead_letter"] for e in counted] == ["route-appeal"], \
        "one line for the appeal marked, none for the dead letter delivered again"
    assert metric["label_extractors"] == {"dead_letter": "EXTRACT(jsonPayload.dead_letter)"}


def test_every_function_of_main_py_is_covered_by_the_error_rate_alert(tf: Terraform) -> None:
    policy = only(list(tf.instances("google_monitoring_alert_policy", "function_errors").values()), "error alert")
    threshold = condition(policy, "condition_threshold")
    errors, requests = clauses(text(threshold["filter"])), clauses(text(threshold["denominator_filter"]))
    assert errors.get("metric.labels.response_code_class") == ("5xx",)
    assert errors["resource.labels.service_name"] == requests["resource.labels.service_name"], \
        "the errors and the requests they are a share of are of the same functions"
    fail_on(differences("functions", [name.replace("_", "-") for name in entry_points()],
                        errors["resource.labels.service_name"], code="functions/main.py",
                        infra="infra/monitoring.tf function_errors"))
    assert only(threshold["aggregations"], "aggregations")["group_by_fields"] == ["resource.labels.service_name"], \
        "each function's share on its own"
    assert threshold["threshold_value"] == tf.variable_default("function_error_rate_threshold")
    assert text(policy.get("notification_channels")) == CHANNELS


def test_where_alerts_go_is_the_operators_choice(tf: Terraform) -> None:
    assert text(tf.variable_default("alert_notification_channels")) == CHANNELS, \
        "alert_notification_channels has no default: the operator names the channels (an empty list is a choice)"
