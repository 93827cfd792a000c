"""Settings, secrets, service accounts and roles in infra/ against the Settings class and topology.FUNCTION_NEEDS:
every function gets what it reads, and no more rights than it needs."""
from __future__ import annotations

import re

from otklik.settings import Settings, Topics
from otklik.topology import FUNCTION_NEEDS

from tests.infra.checks import account, differences, fail_on, only, text
from tests.infra.code_facts import env_name
from tests.infra.terraform import Terraform

# Settings fields infra/ sets for every function, by need, as a secret, or leaves at their defaults.
FOR_EVERY_FUNCTION = {"project_id", "timezone", "log_level"}
FOR_PHOTO_FUNCTIONS = {"photo_bucket"}
FROM_SECRET_MANAGER = {"channel_secrets"}
# The default is what the cloud runs with: tuning, and the platforms' real API addresses.
CLOUD_DEFAULTS = {"config_cache_seconds", "max_body_bytes", "publish_timeout_seconds", "firestore_timeout_seconds",
                  "redelivery_publish_grace_seconds", "republish_after_seconds", "platform_base_urls",
                  "platform_timeout_seconds"}

ROLE_BY_FIRESTORE_ACCESS = {True: "roles/datastore.user", False: "roles/datastore.viewer"}


def test_every_setting_is_provided_or_its_default_is_meant_for_the_cloud() -> None:
    accounted = FOR_EVERY_FUNCTION | FOR_PHOTO_FUNCTIONS | FROM_SECRET_MANAGER | CLOUD_DEFAULTS | {"topics"}
    fail_on([f"Settings.{field} ({env_name(Settings, field)}): infra/ does not set it and tests/infra does not list "
             f"its default as meant for the cloud; decide which, here and in infra/functions.tf"
             for field in Settings.model_fields if field not in accounted])


def test_functions_get_the_settings_they_read(tf: Terraform, functions: dict) -> None:
    common = {env_name(Settings, f) for f in FOR_EVERY_FUNCTION} | {env_name(Topics, "prefix")}
    photo = {env_name(Settings, f) for f in FOR_PHOTO_FUNCTIONS}
    secret = {env_name(Settings, f) for f in FROM_SECRET_MANAGER}
    scheduler_zone = only(list(tf.instances("google_cloud_scheduler_job").values()), "scheduler job")["time_zone"]
    problems = []
    for name, function in functions.items():
        needs = FUNCTION_NEEDS.get(name)
        if needs is None:
            continue
        service = only(function["service_config"], "service_config")
        env = service.get("environment_variables", {})
        expected = common | (photo if needs.reads_photos or needs.writes_photos else set())
        problems += [f"{name}: {p}" for p in differences("environment variables", expected, env,
                                                          code="its settings", infra="its environment_variables")]
        mounted = {s["key"]: s for s in service.get("secret_environment_variables", [])}
        problems += [f"{name}: {p}" for p in differences(
            "secrets", secret if needs.channel_secrets else set(), mounted,
            code="FUNCTION_NEEDS.channel_secrets", infra="its secret_environment_variables")]
        for key, mount in mounted.items():
            if text(mount["secret"]) != "${google_secret_manager_secret.channel_secrets.secret_id}":
                problems.append(f"{name}: {key} mounts {mount['secret']}, not the channel secrets")
        checks = {"OTKLIK_TOPIC_PREFIX": "", "OTKLIK_PROJECT_ID": "${var.project_id}",
                  "OTKLIK_PHOTO_BUCKET": "${google_storage_bucket.photos.name}", "OTKLIK_TIMEZONE": scheduler_zone}
        problems += [f"{name}: {k}={text(env[k])!r}, expected {v!r}" for k, v in checks.items()
                     if k in env and text(env[k]) != v]
    fail_on(problems)


def test_only_functions_that_need_secrets_may_read_them(tf: Terraform) -> None:
    readers = {account(b["member"]) for b in tf.instances("google_secret_manager_secret_iam_member").values()
               if b["role"] == "roles/secretmanager.secretAccessor"}
    fail_on(differences("secret readers", [f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.channel_secrets],
                        readers, code="FUNCTION_NEEDS (channel_secrets)", infra="infra/ secretAccessor grants"))


# Identities and roles.

def test_each_function_runs_as_its_own_service_account(tf: Terraform, functions: dict) -> None:
    accounts = tf.instances("google_service_account", "function")
    problems = []
    for name, function in functions.items():
        email = text(only(function["service_config"], "service_config")["service_account_email"])
        if email != f'${{google_service_account.function["{name}"].email}}':
            problems.append(f"{name} runs as {email}, not its own account")
    for key, sa in {**{f"function:{k}": v for k, v in accounts.items()},
                    **{f"push:{k}": v for k, v in tf.instances("google_service_account", "push").items()}}.items():
        if not re.fullmatch(r"[a-z][a-z0-9-]{4,28}[a-z0-9]", sa["account_id"]):
            problems.append(f"{key}: account_id {sa['account_id']!r} is not 6-30 lowercase letters, digits, dashes")
    fail_on(problems)


def test_firestore_roles_follow_function_needs(tf: Terraform) -> None:
    granted: dict[str, set[str]] = {}
    for binding in tf.instances("google_project_iam_member").values():
        if binding["role"].startswith("roles/datastore."):
            granted.setdefault(account(binding["member"]), set()).add(binding["role"])
    fail_on([f"{name}: Firestore roles {sorted(granted.get(f'function:{name}', set()))}, expected "
             f"{ROLE_BY_FIRESTORE_ACCESS[needs.writes_firestore]}" for name, needs in FUNCTION_NEEDS.items()
             if granted.get(f"function:{name}", set()) != {ROLE_BY_FIRESTORE_ACCESS[needs.writes_firestore]}]
            + [f"{who} has Firestore roles but is no function" for who in granted if not who.startswith("function:")])


def test_only_functions_that_publish_may_publish(tf: Terraform) -> None:
    problems = [f"{account(b['member'])} has {b['role']} on the whole project; grant it on topics"
                for b in tf.instances("google_project_iam_member").values()
                if b["role"] in ("roles/pubsub.publisher", "roles/pubsub.editor", "roles/pubsub.admin")]
    topics_by_publisher: dict[str, set[str]] = {}
    for binding in tf.instances("google_pubsub_topic_iam_member").values():
        if binding["role"] == "roles/pubsub.publisher" and account(binding["member"]).startswith("function:"):
            topic = re.search(r'google_pubsub_topic\.(\w+\["[^"]+"\])', text(binding["topic"])).group(1)
            topics_by_publisher.setdefault(account(binding["member"]), set()).add(topic)
    problems += differences("publishers", [f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.publishes],
                            topics_by_publisher, code="FUNCTION_NEEDS (publishes)", infra="infra/ publisher grants")
    # The outbox relays whatever a change left, so a publisher may publish to every topic but the tick.
    every_topic = {f'topic["{f}"]' for f in Topics.model_fields if f not in ("prefix", "deadline_tick")}
    problems += [f"{who} may publish to {sorted(topics)}; expected {sorted(every_topic)}"
                 for who, topics in topics_by_publisher.items() if topics != every_topic]
    fail_on(problems)


def test_photo_bucket_is_private_and_used_only_as_needed(tf: Terraform) -> None:
    bucket = tf.instances("google_storage_bucket", "photos")[None]
    problems = [f"photo bucket: {k} is {bucket.get(k)!r}" for k, v in
                (("uniform_bucket_level_access", True), ("public_access_prevention", "enforced")) if bucket.get(k) != v]
    grants: dict[str, set[str]] = {}
    for binding in tf.instances("google_storage_bucket_iam_member").values():
        if text(binding["bucket"]) == "${google_storage_bucket.photos.name}":
            grants.setdefault(binding["role"], set()).add(account(binding["member"]))
    wanted = {"roles/storage.objectViewer": {f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.reads_photos},
              "roles/storage.objectCreator": {f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.writes_photos}}
    problems += differences("photo bucket roles", wanted, grants, code="FUNCTION_NEEDS", infra="infra/")
    problems += [f"{role} on the photo bucket: granted to {sorted(grants.get(role, set()))}, expected {sorted(who)}"
                 for role, who in wanted.items() if grants.get(role, set()) != who]
    fail_on(problems)


def test_no_function_has_a_broad_role(tf: Terraform) -> None:
    allowed = {"roles/datastore.user", "roles/datastore.viewer", "roles/cloudbuild.builds.builder"}
    fail_on([f"{account(b['member'])}: project role {b['role']}"
             for b in tf.instances("google_project_iam_member").values() if b["role"] not in allowed])
