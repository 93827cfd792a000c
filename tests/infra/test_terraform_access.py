"""Settings, secrets, service accounts and roles in infra/ against the Settings class and topology.FUNCTION_NEEDS:
every function gets what it reads, and no more rights than it needs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from otklik.settings import Settings, Topics
from otklik.topology import FUNCTION_NEEDS, secret_groups
from tests.infra.checks import account, differences, fail_on, only, text
from tests.infra.code_facts import env_name
from tests.infra.terraform import Terraform

# Settings fields infra/ sets for every function, by need, as a secret, or leaves at their defaults.
FOR_EVERY_FUNCTION = {"project_id", "timezone", "log_level"}
FOR_PHOTO_FUNCTIONS = {"photo_bucket"}
FROM_SECRET_MANAGER = {"channel_secrets"}
# The default is what the cloud runs with: tuning, and the platforms' real API addresses.
CLOUD_DEFAULTS = {"config_cache_seconds", "max_body_bytes", "publish_timeout_seconds", "firestore_timeout_seconds",
                  "platform_base_urls", "platform_timeout_seconds", "log_format",
                  # Grouping into incidents: the figures (48 h for outages, 500 m) are the cloud's too.
                  "grouping_window_hours", "grouping_default_window_hours", "grouping_distance_m"}

ROLE_BY_FIRESTORE_ACCESS = {True: "roles/datastore.user", False: "roles/datastore.viewer"}
SECRETS_VARIABLE = env_name(Settings, "channel_secrets")
# Roles that include reading a secret's value, or publishing to a topic.
SECRET_READING_ROLES = {"roles/secretmanager.secretAccessor", "roles/secretmanager.admin", "roles/owner"}
PUBLISHING_ROLES = {"roles/pubsub.publisher", "roles/pubsub.editor", "roles/pubsub.admin", "roles/editor",
                    "roles/owner"}
PUBSUB_SERVICE_AGENT = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"


@dataclass(frozen=True)
class Grant:
    """One role given to one member by an IAM resource of infra/, on what the resource names."""

    resource: str  # the resource type, e.g. google_pubsub_topic_iam_member
    on: str  # the topic, secret, bucket, ... as a reference; the project for project-level grants
    role: str
    member: str

    @property
    def project_wide(self) -> bool:
        return self.resource.startswith("google_project_iam_")


def iam_grants(tf: Terraform) -> list[Grant]:
    """Every grant of every *_iam_member and *_iam_binding resource (an authoritative *_iam_policy is refused)."""
    found: list[Grant] = []
    kinds = {b.labels[0] for b in tf.of_kind("resource") if re.search(r"_iam_(member|binding|policy)$", b.labels[0])}
    for kind in sorted(kinds):
        assert not kind.endswith("_iam_policy"), f"{kind}: an authoritative policy drops grants infra/ does not see"
        for rendered in tf.instances(kind).values():
            on = _granted_on(rendered)
            members = rendered.get("members") or [rendered.get("member")]
            found += [Grant(kind, on, rendered["role"], text(m)) for m in members]
    return found


def _granted_on(rendered: dict[str, Any]) -> str:
    for attribute in ("topic", "secret_id", "subscription", "bucket", "service", "service_account_id", "project"):
        if attribute in rendered:
            return text(rendered[attribute])
    raise AssertionError(f"an IAM resource on something tests/infra does not know: {sorted(rendered)}")


def secret_ref(secret_id: str, attribute: str) -> str:
    return f'${{google_secret_manager_secret.secret["{secret_id}"].{attribute}}}'


def topic_ref(field: str) -> str:
    return f'${{google_pubsub_topic.topic["{field}"].id}}'


def test_every_setting_is_provided_or_its_default_is_meant_for_the_cloud() -> None:
    accounted = FOR_EVERY_FUNCTION | FOR_PHOTO_FUNCTIONS | FROM_SECRET_MANAGER | CLOUD_DEFAULTS | {"topics"}
    fail_on([f"Settings.{field} ({env_name(Settings, field)}): infra/ does not set it and tests/infra does not list "
             f"its default as meant for the cloud; decide which, here and in infra/functions.tf"
             for field in Settings.model_fields if field not in accounted])


def test_functions_get_the_settings_they_read(tf: Terraform, functions: dict) -> None:
    common = {env_name(Settings, f) for f in FOR_EVERY_FUNCTION} | {env_name(Topics, "prefix")}
    photo = {env_name(Settings, f) for f in FOR_PHOTO_FUNCTIONS}
    secret = {env_name(Settings, f) for f in FROM_SECRET_MANAGER}
    assert secret == {SECRETS_VARIABLE}, "a second setting from Secret Manager: say here which secret it comes from"
    scheduler_zone = only(sorted({job["time_zone"] for job in tf.instances("google_cloud_scheduler_job").values()}),
                          "time zone of the scheduler jobs")
    problems = []
    for name, function in functions.items():
        needs = FUNCTION_NEEDS.get(name)
        if needs is None:
            continue
        service = only(function["service_config"], "service_config")
        env = service.get("environment_variables", {})
        expected = common | (photo if needs.reads_photos or needs.writes_photos or needs.deletes_photos else set())
        problems += [f"{name}: {p}" for p in differences("environment variables", expected, env,
                                                          code="its settings", infra="its environment_variables")]
        mounted = {s["key"] for s in service.get("secret_environment_variables", [])}
        problems += [f"{name}: {p}" for p in differences(
            "secrets", secret if needs.secret else set(), mounted,
            code="FUNCTION_NEEDS secret", infra="its secret_environment_variables")]
        checks = {"OTKLIK_TOPIC_PREFIX": "", "OTKLIK_PROJECT_ID": "${var.project_id}",
                  "OTKLIK_PHOTO_BUCKET": "${google_storage_bucket.photos.name}", "OTKLIK_TIMEZONE": scheduler_zone}
        problems += [f"{name}: {k}={text(env[k])!r}, expected {v!r}" for k, v in checks.items()
                     if k in env and text(env[k]) != v]
    fail_on(problems)


# Secrets.

def test_each_secret_group_is_a_secret_created_empty(tf: Terraform) -> None:
    secrets = {text(s["secret_id"]): s for s in tf.instances("google_secret_manager_secret").values()}
    problems = differences("secrets", [g.secret_id for g in secret_groups()], secrets,
                           code="topology (secrets some function mounts)", infra="infra/secrets.tf")
    versions = {text(v["secret"]): v["secret_data"]
                for v in tf.instances("google_secret_manager_secret_version").values()}
    problems += [f"secret {g.secret_id}: no empty first version for the functions to start with"
                 for g in secret_groups() if versions.get(secret_ref(g.secret_id, "id")) != "{}"]
    fail_on(problems)


def test_each_function_mounts_its_own_secret_and_no_other(functions: dict) -> None:
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        if name not in functions:
            continue
        mounts = only(functions[name]["service_config"], "service_config").get("secret_environment_variables", [])
        mounted = [(m["key"], text(m["secret"]), m["version"]) for m in mounts]
        expected = ([(SECRETS_VARIABLE, secret_ref(needs.secret.secret_id, "secret_id"), "latest")]
                    if needs.secret else [])
        if mounted != expected:
            problems.append(f"{name} mounts {mounted}, expected {expected}")
    fail_on(problems)


def test_each_function_may_read_its_own_secret_and_nothing_else(tf: Terraform) -> None:
    readers = [g for g in iam_grants(tf) if g.role in SECRET_READING_ROLES]
    problems = [f"{account(g.member)} has {g.role} on the whole project; grant it on its secret"
                for g in readers if g.project_wide]
    granted: dict[str, set[str]] = {}
    for g in readers:
        if not g.project_wide:
            granted.setdefault(account(g.member), set()).add(g.on if g.role == "roles/secretmanager.secretAccessor"
                                                             else f"{g.role} on {g.on}")
    for name, needs in FUNCTION_NEEDS.items():
        expected = {secret_ref(needs.secret.secret_id, "id")} if needs.secret else set()
        actual = granted.pop(f"function:{name}", set())
        if actual != expected:
            problems.append(f"{name} may read {sorted(actual)}; expected {sorted(expected)}")
    problems += [f"{who} may read secrets {sorted(on)}, but is no function that needs them"
                 for who, on in granted.items()]
    fail_on(problems)


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


def test_each_function_may_publish_to_its_own_topics_and_no_other(tf: Terraform) -> None:
    publishers = [g for g in iam_grants(tf) if g.role in PUBLISHING_ROLES]
    problems = [f"{account(g.member)} has {g.role} on the whole project; grant it on its topics"
                for g in publishers if g.project_wide]
    granted: dict[str, set[str]] = {}
    for g in publishers:
        if not g.project_wide:
            granted.setdefault(account(g.member), set()).add(
                g.on if (g.role, g.resource) == ("roles/pubsub.publisher", "google_pubsub_topic_iam_member")
                else f"{g.role} on {g.on}")
    for name, needs in FUNCTION_NEEDS.items():
        expected = {topic_ref(t) for t in needs.publishes_to}
        actual = granted.pop(f"function:{name}", set())
        if actual != expected:
            problems.append(f"{name} may publish to {sorted(actual)}; expected {sorted(expected)}")
    # The Pub/Sub service agent moves undeliverable messages to dead-letter topics (test_terraform_pubsub).
    dead_letters = {f'${{google_pubsub_topic.dead_letter["{k}"].id}}'
                    for k in tf.instances("google_pubsub_topic", "dead_letter")}
    problems += [f"{who} may publish to {sorted(on)}" for who, on in granted.items()
                 if not (who == PUBSUB_SERVICE_AGENT and on <= dead_letters)]
    fail_on(problems)


# Erasing personal data deletes photo reports: a custom role with that one permission, not objectAdmin.
PHOTO_DELETER = "${google_project_iam_custom_role.photo_deleter.id}"


def test_photo_bucket_is_private_and_used_only_as_needed(tf: Terraform) -> None:
    bucket = tf.instances("google_storage_bucket", "photos")[None]
    problems = [f"photo bucket: {k} is {bucket.get(k)!r}" for k, v in
                (("uniform_bucket_level_access", True), ("public_access_prevention", "enforced")) if bucket.get(k) != v]
    grants: dict[str, set[str]] = {}
    for binding in tf.instances("google_storage_bucket_iam_member").values():
        if text(binding["bucket"]) == "${google_storage_bucket.photos.name}":
            grants.setdefault(text(binding["role"]), set()).add(account(binding["member"]))
    wanted = {"roles/storage.objectViewer": {f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.reads_photos},
              "roles/storage.objectCreator": {f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.writes_photos},
              PHOTO_DELETER: {f"function:{n}" for n, x in FUNCTION_NEEDS.items() if x.deletes_photos}}
    deleter = tf.instances("google_project_iam_custom_role", "photo_deleter")[None]
    if deleter["permissions"] != ["storage.objects.delete"]:
        problems.append(f"the photo deleter's role may {deleter['permissions']}, expected only storage.objects.delete")
    problems += differences("photo bucket roles", wanted, grants, code="FUNCTION_NEEDS", infra="infra/")
    problems += [f"{role} on the photo bucket: granted to {sorted(grants.get(role, set()))}, expected {sorted(who)}"
                 for role, who in wanted.items() if grants.get(role, set()) != who]
    fail_on(problems)


def test_no_function_has_a_broad_role(tf: Terraform) -> None:
    allowed = {"roles/datastore.user", "roles/datastore.viewer", "roles/cloudbuild.builds.builder"}
    fail_on([f"{account(b['member'])}: project role {b['role']}"
             for b in tf.instances("google_project_iam_member").values() if b["role"] not in allowed])
