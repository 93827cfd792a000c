"""infra/ against the code: every entry point, topic, subscription, setting, secret, index and grant the code needs
is deployed, and nothing the code lacks. Parses infra/*.tf with python-hcl2; needs no Terraform and no cloud."""
from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from dataclasses import asdict

import pytest

from otklik.adapters.firestore_indexes import COMPOSITE_INDEXES
from otklik.devstack.pubsub_setup import push_endpoint
from otklik.services.queries import AppealQuery
from otklik.settings import Settings, Topics
from otklik.topology import FUNCTION_NEEDS, HTTP_FUNCTIONS, PUSH_SUBSCRIPTIONS, FunctionNeeds, pubsub_functions
from tests.infra.code_facts import FUNCTIONS, INFRA, entry_points, env_name, field_uses, self_calls
from tests.infra.terraform import Ref, Scope, Terraform

FUNCTION = ("google_cloudfunctions2_function", "function")
RUNTIMES = {"python311", "python312"}
NEEDS_FIELDS = tuple(FunctionNeeds.__dataclass_fields__)

# Settings fields infra/ sets for every function, by need, as a secret, or leaves at their defaults.
FOR_EVERY_FUNCTION = {"project_id", "timezone", "log_level"}
FOR_PHOTO_FUNCTIONS = {"photo_bucket"}
FROM_SECRET_MANAGER = {"channel_secrets"}
# The default is what the cloud runs with: tuning, and the platforms' real API addresses.
CLOUD_DEFAULTS = {"config_cache_seconds", "max_body_bytes", "publish_timeout_seconds",
                  "redelivery_publish_grace_seconds", "republish_after_seconds", "platform_base_urls",
                  "platform_timeout_seconds"}

ROLE_BY_FIRESTORE_ACCESS = {True: "roles/datastore.user", False: "roles/datastore.viewer"}


@pytest.fixture(scope="module")
def tf() -> Terraform:
    return Terraform(INFRA)


@pytest.fixture(scope="module")
def functions(tf: Terraform) -> dict[str, dict[str, typing.Any]]:
    return tf.instances(*FUNCTION)


def text(value: object) -> str:
    return str(value)


def only(items: list[dict[str, typing.Any]], what: str) -> dict[str, typing.Any]:
    assert len(items) == 1, f"expected one {what}, found {len(items)}"
    return items[0]


def differences(what: str, in_code: Iterable[str], in_infra: Iterable[str], *, code: str, infra: str) -> list[str]:
    in_code, in_infra = set(in_code), set(in_infra)
    problems = []
    if missing := sorted(in_code - in_infra):
        problems.append(f"{what} in {code} but not in {infra}: {', '.join(missing)}")
    if extra := sorted(in_infra - in_code):
        problems.append(f"{what} in {infra} that {code} lacks: {', '.join(extra)}")
    return problems


def fail_on(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def account(member: object) -> str:
    """The function (or push subscription) a service-account member string belongs to."""
    match = re.search(r'google_service_account\.(\w+)\["([^"]+)"\]\.email', text(member))
    return f"{match.group(1)}:{match.group(2)}" if match else text(member)


# The code agrees with itself.

def test_topology_lists_the_entry_points_of_main_py() -> None:
    kinds = entry_points()
    fail_on(differences("HTTP functions", [n for n, k in kinds.items() if k == "http"], HTTP_FUNCTIONS,
                        code="functions/main.py (@functions_framework.http)", infra="topology.HTTP_FUNCTIONS")
            + differences("Pub/Sub functions", [n for n, k in kinds.items() if k == "cloud_event"], pubsub_functions(),
                          code="functions/main.py (@functions_framework.cloud_event)",
                          infra="topology.PUSH_SUBSCRIPTIONS"))


def test_every_entry_point_declares_what_it_needs() -> None:
    fail_on(differences("entry points", entry_points(), FUNCTION_NEEDS,
                        code="functions/main.py", infra="topology.FUNCTION_NEEDS"))


def test_push_subscriptions_fit_pubsub_limits() -> None:
    problems = []
    for s in PUSH_SUBSCRIPTIONS:
        for value, low, high, name in ((s.ack_deadline_seconds, 10, 600, "ack_deadline_seconds"),
                                       (s.max_delivery_attempts, 5, 100, "max_delivery_attempts"),
                                       (s.min_backoff_seconds, 0, 600, "min_backoff_seconds"),
                                       (s.max_backoff_seconds, 0, 600, "max_backoff_seconds")):
            if not low <= value <= high:
                problems.append(f"{s.name}: {name}={value}, Pub/Sub allows {low}..{high}")
        if s.min_backoff_seconds > s.max_backoff_seconds:
            problems.append(f"{s.name}: min_backoff_seconds exceeds max_backoff_seconds")
        if s.topic not in Topics.model_fields:
            problems.append(f"{s.name}: topic {s.topic!r} is not a field of settings.Topics")
    fail_on(problems)


# Functions.

def test_every_entry_point_is_deployed_and_nothing_else(functions: dict) -> None:
    fail_on(differences("entry points", entry_points(), functions,
                        code="functions/main.py", infra="infra/ (local.functions)"))


def test_the_function_table_in_infra_matches_function_needs(tf: Terraform) -> None:
    table = tf.local("functions")
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        if name in table:
            declared = {k: table[name][k] for k in NEEDS_FIELDS}
            if declared != asdict(needs):
                wrong = {k: f"{declared[k]} in infra, {v} in code" for k, v in asdict(needs).items() if declared[k] != v}
                problems.append(f"local.functions.{name} disagrees with topology.FUNCTION_NEEDS: {wrong}")
    for name, kind in entry_points().items():
        expected = "http" if kind == "http" else "pubsub"
        if name in table and table[name]["trigger"] != expected:
            problems.append(f"local.functions.{name}.trigger is {table[name]['trigger']!r}; main.py makes it {expected!r}")
    fail_on(problems)


def test_functions_run_their_entry_point_on_a_python_runtime(tf: Terraform, functions: dict) -> None:
    problems = []
    for name, function in functions.items():
        build = only(function["build_config"], f"build_config of {name}")
        if build["runtime"] not in RUNTIMES:
            problems.append(f"{name}: runtime {build['runtime']!r}, expected one of {sorted(RUNTIMES)}")
        if build["entry_point"] != name:
            problems.append(f"{name}: entry_point {build['entry_point']!r}")
        storage = only(only(build["source"], "source")["storage_source"], "storage_source")
        if text(storage["object"]) != "${google_storage_bucket_object.source.name}":
            problems.append(f"{name}: built from {storage['object']}, not the archive of functions/")
        if function["name"] != name.replace("_", "-"):
            problems.append(f"{name}: deployed as {function['name']!r}")
    fail_on(problems)


def test_http_functions_are_public_and_pubsub_functions_are_not(tf: Terraform, functions: dict) -> None:
    kinds = entry_points()
    invokers: dict[str, set[str]] = {}
    for binding in tf.instances("google_cloud_run_service_iam_member").values():
        if binding["role"] == "roles/run.invoker":
            function = re.search(r'function\["(\w+)"\]', text(binding["service"])).group(1)
            invokers.setdefault(function, set()).add(account(binding["member"]))
    pushed_to = {s["function"] for s in tf.local("push_subscriptions").values()}
    problems = []
    for name, function in functions.items():
        ingress = only(function["service_config"], "service_config")["ingress_settings"]
        if kinds.get(name) == "http":
            if invokers.get(name) != {"allUsers"}:
                problems.append(f"{name} is HTTP: run.invoker should be allUsers only, is {invokers.get(name)}")
            if ingress != "ALLOW_ALL":
                problems.append(f"{name} is HTTP: ingress {ingress}")
            if name in pushed_to:
                problems.append(f"{name} is HTTP but a push subscription targets it")
        elif kinds.get(name) == "cloud_event":
            if "allUsers" in invokers.get(name, set()):
                problems.append(f"{name} is Pub/Sub-triggered but public")
            if ingress != "ALLOW_INTERNAL_ONLY":
                problems.append(f"{name} is Pub/Sub-triggered: ingress should be ALLOW_INTERNAL_ONLY, is {ingress}")
        if function.get("event_trigger"):
            problems.append(f"{name} has an event_trigger: the code expects push subscriptions (topology)")
    fail_on(problems)


def test_http_function_urls_are_outputs(tf: Terraform) -> None:
    urls = tf.output("http_function_urls")
    fail_on(differences("HTTP functions", [n for n, k in entry_points().items() if k == "http"], urls,
                        code="functions/main.py", infra="output http_function_urls"))
    assert all(text(url) == f'${{google_cloudfunctions2_function.function["{n}"].url}}' for n, url in urls.items())


def test_source_archive_leaves_out_what_gcloudignore_does(tf: Terraform) -> None:
    archive = only(list(_data(tf, "archive_file", "functions")), "archive_file.functions")
    assert text(archive["source_dir"]).endswith("/../functions")
    excludes = set(archive["excludes"])
    problems = []
    for line in (FUNCTIONS / ".gcloudignore").read_text(encoding="utf-8").splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        directory = pattern.rstrip("/")
        wanted = (f"{directory}/**" if "/" in directory else f"**/{directory}/**") if pattern.endswith("/") else pattern
        if wanted not in excludes:
            problems.append(f"functions/.gcloudignore has {pattern!r}: infra/source.tf excludes lack {wanted!r}")
    fail_on(problems)


def _data(tf: Terraform, data_type: str, name: str) -> Iterable[dict[str, typing.Any]]:
    for block in tf.of_kind("data"):
        if block.labels == (data_type, name):
            yield tf.render(block.body, Scope())


# Pub/Sub.

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
        sub, uri = deployed[s.name], f'${{google_cloudfunctions2_function.function["{s.function}"].service_config[0].uri}}'
        push = only(sub["push_config"], "push_config")
        oidc = only(push.get("oidc_token", []), f"oidc_token of {s.name}")
        retry = only(sub.get("retry_policy", []), f"retry_policy of {s.name}")
        dead_letter = only(sub.get("dead_letter_policy", []), f"dead_letter_policy of {s.name}")
        local_stack = Settings.model_construct(project_id="${var.project_id}", topics=Topics.model_construct())
        expected = {
            "topic": f'${{google_pubsub_topic.topic["{s.topic}"].id}}',
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
        }
        actual = {
            "topic": text(sub["topic"]), "filter": sub.get("filter"), "ack_deadline_seconds": sub["ack_deadline_seconds"],
            "push endpoint": text(push["push_endpoint"]), "OIDC identity": text(oidc["service_account_email"]),
            "OIDC audience": text(oidc["audience"]), "minimum_backoff": retry["minimum_backoff"],
            "maximum_backoff": retry["maximum_backoff"], "dead_letter_topic": text(dead_letter["dead_letter_topic"]),
            "max_delivery_attempts": dead_letter["max_delivery_attempts"],
            "expiration ttl (never)": only(sub.get("expiration_policy", [{}]), "expiration_policy").get("ttl"),
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


# Settings and secrets.

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


# Firestore.

def _index_key(collection: str, fields: Iterable[tuple[str, str]]) -> str:
    shown = [f"{path} {order}" for path, order in fields if path != "__name__"]
    return f"{collection}({', '.join(shown)})"


def test_every_composite_index_the_code_declares_exists_and_no_other(tf: Terraform) -> None:
    in_code = {_index_key(i.collection, [(f.path, f.order) for f in i.fields]) for i in COMPOSITE_INDEXES}
    deployed = tf.instances("google_firestore_index", "composite")
    problems = [f"google_firestore_index.composite[{k!r}]: query_scope {i.get('query_scope')!r}"
                for k, i in deployed.items() if i.get("query_scope", "COLLECTION") != "COLLECTION"]
    in_infra = {_index_key(i["collection"], [(f["field_path"], f.get("order") or f.get("array_config"))
                                             for f in i["fields"]]) for i in deployed.values()}
    fail_on(problems + differences("composite indexes", in_code, in_infra,
                                   code="adapters/firestore_indexes.COMPOSITE_INDEXES", infra="infra/firestore.tf"))


def test_every_query_that_needs_a_composite_index_declares_one() -> None:
    """A query that filters or orders on several fields, one of them by range or order, needs a composite index
    (equalities alone are merged from single-field indexes). Its method must be named in COMPOSITE_INDEXES.used_by."""
    uses_by_owner: dict[str, list] = {}
    for use in field_uses():
        if use.fields != frozenset({"__name__"}):
            uses_by_owner.setdefault(use.owner, []).append(use)
    calls = self_calls()

    def reached(owner: str, seen: set[str]) -> list:
        seen.add(owner)
        found = list(uses_by_owner.get(owner, []))
        for callee in calls.get(owner, set()) - seen:
            found += reached(callee, seen)
        return found

    # used_by names a method ("Class.method ...") or a whole class ("Class (...)").
    declared = {re.split(r"[\s(]", i.used_by, maxsplit=1)[0] for i in COMPOSITE_INDEXES}
    problems = []
    for owner in sorted(set(uses_by_owner) | set(calls)):
        uses = reached(owner, set())
        ordered = {u.expression if u.fields is None else "/".join(sorted(u.fields))
                   for u in uses if u.kind in ("range", "order")}
        others = {u.expression if u.fields is None else "/".join(sorted(u.fields)) for u in uses} - ordered
        named = owner in declared or owner.split(".")[0] in declared
        if ordered and (others or len(ordered) > 1) and not named and uses_by_owner.get(owner):
            places = sorted({u.where for u in uses})
            problems.append(f"{owner} queries {sorted(others)} with range/order on {sorted(ordered)}: no "
                            f"COMPOSITE_INDEXES entry names it in used_by (at {', '.join(places)})")
    fail_on(problems)


def _unresolved_fields() -> dict[tuple[str, str], set[str]]:
    """Field arguments the code computes, with the fields they can be, from the code where it tells."""
    import ast

    report = (FUNCTIONS / "otklik" / "services" / "report.py").read_text(encoding="utf-8")
    report_filters = {k.arg for n in ast.walk(ast.parse(report)) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr == "count" for k in n.keywords if k.arg}
    return {
        ("FirestoreAppealRepository.search", "query.order_by"):
            set(typing.get_args(typing.get_type_hints(AppealQuery)["order_by"])),
        ("FirestoreReportQueries._month", "path"): report_filters,  # the keywords ReportService counts by
    }


def _kept(index: dict[str, typing.Any]) -> tuple[str, str]:
    """A single-field index of an override as (ASCENDING, DESCENDING or CONTAINS, query scope)."""
    return index.get("order") or index.get("array_config"), index.get("query_scope", "COLLECTION")


def test_single_field_index_overrides_keep_what_queries_need(tf: Terraform) -> None:
    overrides = {(o["collection"], o["field"]): {_kept(i) for i in only(o["index_config"], "index_config").get("indexes", [])}
                 for o in tf.instances("google_firestore_field", "single_field_indexes").values()
                 if o.get("index_config")}
    unresolved = _unresolved_fields()
    problems = []
    for use in field_uses():
        fields = use.fields if use.fields is not None else unresolved.get((use.owner, use.expression))
        if fields is None:
            problems.append(f"cannot tell which field {use.expression!r} at {use.where} queries: add it to "
                            f"_unresolved_fields in tests/infra/test_terraform.py")
            continue
        for field in fields - {"__name__"}:
            scope = "COLLECTION_GROUP" if use.collection_group else "COLLECTION"
            for (collection, overridden), kept in overrides.items():
                if overridden != field or (use.collection_group and use.collection_group != collection):
                    continue
                order = "DESCENDING" if use.descending else "ASCENDING"
                scoped = {o for o, s in kept if s == scope}
                if use.kind == "array_contains" and ("CONTAINS", scope) not in kept:
                    problems.append(f"{collection}.{field}: array-contains at {use.where} needs its array index")
                elif use.kind == "order" and order not in scoped:
                    problems.append(f"{collection}.{field}: {order} {scope} index turned off, used at {use.where}")
                elif use.kind in ("range", "equality") and not scoped:
                    problems.append(f"{collection}.{field}: every {scope} index turned off, queried at {use.where}")
    fail_on(sorted(set(problems)))


def test_collection_group_queries_have_their_single_field_index(tf: Terraform) -> None:
    kept = {(o["collection"], o["field"], *_kept(i))
            for o in tf.instances("google_firestore_field", "single_field_indexes").values()
            for i in only(o["index_config"], "index_config").get("indexes", [])}
    problems = []
    for use in field_uses():
        if use.collection_group and use.fields:
            order = "DESCENDING" if use.descending else "ASCENDING"
            for field in use.fields - {"__name__"}:
                if (use.collection_group, field, order, "COLLECTION_GROUP") not in kept:
                    problems.append(f"collection-group query on {use.collection_group}.{field} at {use.where}: "
                                    f"no {order} COLLECTION_GROUP index in infra/firestore.tf (field_indexes)")
    fail_on(sorted(set(problems)))


def test_infra_tables_are_uniform_for_for_each(tf: Terraform) -> None:
    """Terraform turns a for_each object into a map only if its entries have the same attributes."""
    def kind(value: object) -> object:
        if isinstance(value, dict):
            return tuple(sorted((k, kind(v)) for k, v in value.items()))
        if isinstance(value, list):
            return ("list", *sorted({repr(kind(v)) for v in value}))
        return None if value is None else type(value).__name__  # null fits any type

    problems = []
    for table in ("functions", "push_subscriptions", "composite_indexes", "field_indexes"):
        entries = tf.local(table)
        if len({tuple(sorted(e)) for e in entries.values()}) > 1:
            problems.append(f"local.{table}: entries have different attributes")
            continue
        for attribute in next(iter(entries.values())):
            kinds = {repr(kind(e[attribute])) for e in entries.values() if e[attribute] not in (None, [])}
            if len(kinds) > 1:
                problems.append(f"local.{table}: attribute {attribute} has different types: {sorted(kinds)}")
    fail_on(problems)


def test_refs_render_like_terraform_references() -> None:
    assert text(Ref("google_pubsub_topic.topic").index("a.b").attr("id")) == '${google_pubsub_topic.topic["a.b"].id}'
