"""Topics, push subscriptions, their identities and the deadline tick in infra/ against settings.Topics and
topology.PUSH_SUBSCRIPTIONS."""
from __future__ import annotations

import re

from otklik.devstack.pubsub_setup import push_endpoint
from otklik.settings import Settings, Topics
from otklik.topology import PUSH_SUBSCRIPTIONS
from tests.infra.checks import account, differences, fail_on, only, text
from tests.infra.terraform import Terraform


def test_every_topic_of_the_settings_exists(tf: Terraform) -> None:
    defaults = {f: info.default for f, info in Topics.model_fields.items() if f != "prefix"}
    topics = {text(t["name"]) for t in tf.instances("google_pubsub_topic", "topic").values()}
    problems = differences("topics", defaults.values(), topics, code="settings.Topics", infra="infra/ topics")
    if tf.local("topics") != defaults:
        problems.append(f"local.topics {tf.local('topics')} differs from settings.Topics {defaults}")
    dead_letters = {text(t["name"]) for t in tf.instances("google_pubsub_topic", "dead_letter").values()}
    problems += differences("dead-letter topics", [s.dead_letter_topic for s in PUSH_SUBSCRIPTIONS], dead_letters,
                            code="topology.PUSH_SUBSCRIPTIONS", infra="infra/ dead-letter topics")
    fail_on(problems)


def test_push_subscriptions_match_topology(tf: Terraform) -> None:
    deployed = tf.instances("google_pubsub_subscription", "push")
    problems = differences("push subscriptions", [s.name for s in PUSH_SUBSCRIPTIONS], deployed,
                           code="topology.PUSH_SUBSCRIPTIONS", infra="infra/ (local.push_subscriptions)")
    for s in PUSH_SUBSCRIPTIONS:
        if s.name not in deployed:
            continue
        sub = deployed[s.name]
        uri = f'${{google_cloudfunctions2_function.function["{s.function}"].service_config[0].uri}}'
        push = only(sub["push_config"], "push_config")
        oidc = only(push.get("oidc_token", []), f"oidc_token of {s.name}")
        retry = only(sub.get("retry_policy", []), f"retry_policy of {s.name}")
        dead_letter = only(sub.get("dead_letter_policy", []), f"dead_letter_policy of {s.name}")
        local_stack = Settings.model_construct(project_id="${var.project_id}", topics=Topics.model_construct())
        source = (f'google_pubsub_topic.dead_letter["{s.dead_letters_of}"]' if s.dead_letters_of
                  else f'google_pubsub_topic.topic["{s.topic}"]')
        expected = {
            "topic": f"${{{source}.id}}",
            "filter": s.filter,
            "ack_deadline_seconds": s.ack_deadline_seconds,
            "push endpoint": push_endpoint(uri, s, local_stack).replace(f"/{s.function}/", "/", 1),
            "OIDC identity": f'${{google_service_account.push["{s.name}"].email}}',
            "OIDC audience": uri,
            "minimum_backoff": f"{s.min_backoff_seconds}s",
            "maximum_backoff": f"{s.max_backoff_seconds}s",
            "dead_letter_topic": f'${{google_pubsub_topic.dead_letter["{s.name}"].id}}',
            "max_delivery_attempts": s.max_delivery_attempts,
            "expiration ttl (never)": "",
            "enable_message_ordering": s.ordered,
        }
        actual = {
            "topic": text(sub["topic"]), "filter": sub.get("filter"),
            "ack_deadline_seconds": sub["ack_deadline_seconds"],
            "push endpoint": text(push["push_endpoint"]), "OIDC identity": text(oidc["service_account_email"]),
            "OIDC audience": text(oidc["audience"]), "minimum_backoff": retry["minimum_backoff"],
            "maximum_backoff": retry["maximum_backoff"], "dead_letter_topic": text(dead_letter["dead_letter_topic"]),
            "max_delivery_attempts": dead_letter["max_delivery_attempts"],
            "expiration ttl (never)": only(sub.get("expiration_policy", [{}]), "expiration_policy").get("ttl"),
            "enable_message_ordering": sub.get("enable_message_ordering"),
        }
        problems += [f"subscription {s.name}: {k} is {actual[k]!r} in infra/, {v!r} per topology"
                     for k, v in expected.items() if actual[k] != v]
    fail_on(problems)


def test_only_the_push_identity_may_invoke_a_pubsub_function(tf: Terraform) -> None:
    expected: dict[str, set[str]] = {}
    for s in PUSH_SUBSCRIPTIONS:
        expected.setdefault(s.function, set()).add(f"push:{s.name}")
    actual: dict[str, set[str]] = {}
    for binding in tf.instances("google_cloud_run_service_iam_member").values():
        function = re.search(r'function\["(\w+)"\]', text(binding["service"])).group(1)
        if function in expected and binding["role"] == "roles/run.invoker":
            actual.setdefault(function, set()).add(account(binding["member"]))
    fail_on([f"{f}: run.invoker granted to {sorted(actual.get(f, set()))}, expected {sorted(members)}"
             for f, members in expected.items() if actual.get(f, set()) != members])


def test_the_pubsub_service_agent_can_dead_letter(tf: Terraform) -> None:
    agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
    publishes_to = {text(b["topic"]) for b in tf.instances("google_pubsub_topic_iam_member").values()
                    if b["role"] == "roles/pubsub.publisher" and text(b["member"]) == agent}
    acknowledges = {text(b["subscription"]) for b in tf.instances("google_pubsub_subscription_iam_member").values()
                    if b["role"] == "roles/pubsub.subscriber" and text(b["member"]) == agent}
    problems = []
    for s in PUSH_SUBSCRIPTIONS:
        if f'${{google_pubsub_topic.dead_letter["{s.name}"].id}}' not in publishes_to:
            problems.append(f"the Pub/Sub service agent cannot publish to {s.dead_letter_topic}")
        if f'${{google_pubsub_subscription.push["{s.name}"].id}}' not in acknowledges:
            problems.append(f"the Pub/Sub service agent cannot acknowledge dead letters on subscription {s.name}")
    fail_on(problems)


def test_dead_letters_are_kept(tf: Terraform) -> None:
    held = {text(s["topic"]) for s in tf.instances("google_pubsub_subscription", "dead_letter").values()}
    fail_on([f"nothing subscribes to {s.dead_letter_topic}: its messages would be dropped"
             for s in PUSH_SUBSCRIPTIONS if f'${{google_pubsub_topic.dead_letter["{s.name}"].id}}' not in held])


def test_pubsub_functions_finish_within_their_ack_deadline(tf: Terraform) -> None:
    table = tf.local("functions")
    fail_on([f"{s.function} may run {table[s.function]['timeout_seconds']} s, but subscription {s.name} redelivers "
             f"after {s.ack_deadline_seconds} s" for s in PUSH_SUBSCRIPTIONS
             if s.function in table and table[s.function]["timeout_seconds"] > s.ack_deadline_seconds])


def test_the_deadline_tick_runs_every_five_minutes_in_sakhalin_time(tf: Terraform) -> None:
    jobs = [j for j in tf.instances("google_cloud_scheduler_job").values()
            if text(only(j.get("pubsub_target", [{}]), "pubsub_target").get("topic_name"))
            == '${google_pubsub_topic.topic["deadline_tick"].id}']
    job = only(jobs, "Cloud Scheduler job publishing to deadline.tick")
    assert (job["schedule"], job["time_zone"]) == ("*/5 * * * *", "Asia/Sakhalin"), \
        f"the deadline tick runs on {job['schedule']!r} in {job['time_zone']!r}, not every 5 minutes in Asia/Sakhalin"
    assert any(s.topic == "deadline_tick" for s in PUSH_SUBSCRIPTIONS), \
        "nothing in topology.PUSH_SUBSCRIPTIONS takes deadline_tick: the ticks would reach no function"
