"""infra/ against the code: every entry point of functions/main.py is deployed as the code expects it, and nothing
the code lacks. The other test_terraform_* modules do the same for Pub/Sub, access and Firestore. All parse
infra/*.tf with python-hcl2; none needs Terraform or a cloud."""
from __future__ import annotations

import re
from typing import Any

from otklik.settings import Topics
from otklik.topology import (
    FUNCTION_NEEDS,
    HTTP_FUNCTIONS,
    PUSH_SUBSCRIPTIONS,
    FunctionNeeds,
    pubsub_functions,
)
from tests.infra.checks import account, differences, fail_on, only, text
from tests.infra.code_facts import FUNCTIONS, entry_points
from tests.infra.terraform import Terraform

RUNTIMES = {"python311", "python312"}
# deletes_photos is local.photo_deleters, a list of its own rather than a column of every row.
NEEDS_FIELDS = tuple(name for name in FunctionNeeds.__dataclass_fields__ if name != "deletes_photos")


def as_in_infra(needs: FunctionNeeds) -> dict[str, Any]:
    """A FunctionNeeds as local.functions writes it: topics in any order, the secret by its id."""
    declared: dict[str, Any] = {field: getattr(needs, field) for field in NEEDS_FIELDS}
    declared["publishes_to"] = sorted(needs.publishes_to)
    declared["secret"] = needs.secret.secret_id if needs.secret else None
    return declared


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
            declared = {k: table[name].get(k) for k in NEEDS_FIELDS}
            declared["publishes_to"] = sorted(declared["publishes_to"] or [])
            if declared != as_in_infra(needs):
                wrong = {k: f"{declared[k]} in infra, {v} in code"
                         for k, v in as_in_infra(needs).items() if declared[k] != v}
                problems.append(f"local.functions.{name} disagrees with topology.FUNCTION_NEEDS: {wrong}")
    deleters = sorted(tf.local("photo_deleters"))
    if deleters != sorted(name for name, needs in FUNCTION_NEEDS.items() if needs.deletes_photos):
        problems.append(f"local.photo_deleters is {deleters}; topology.FUNCTION_NEEDS says otherwise (deletes_photos)")
    for name, kind in entry_points().items():
        expected = "http" if kind == "http" else "pubsub"
        if name in table and table[name]["trigger"] != expected:
            problems.append(f"local.functions.{name}.trigger is {table[name]['trigger']!r}; "
                            f"main.py makes it {expected!r}")
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
    archive = tf.data_source("archive_file", "functions")
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


def test_where_residents_data_lives_is_the_operators_choice(tf: Terraform) -> None:
    """No silent default region: Firestore (unless firestore_location is set) and the photo bucket are where the
    operator says, and the example file says it."""
    from tests.infra.code_facts import INFRA

    assert str(tf.variable_default("region")) == "${var.region}", "var.region has a default"
    assert text(tf.instances("google_storage_bucket", "photos")[None]["location"]) == "${var.region}"
    example = (INFRA / "terraform.tfvars.example").read_text(encoding="utf-8")
    assert re.search(r"^region\s*=\s*\"[a-z]+-[a-z]+\d\"", example, re.MULTILINE), \
        "terraform.tfvars.example does not set region, which has no default"
