"""topology.FUNCTION_NEEDS against the code: each entry point is declared to read the secrets it looks up and to
publish to the topics its code can publish to. infra/ grants exactly what is declared (test_terraform_access), so
a declaration the code outgrows fails here rather than with PermissionDenied in the cloud."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from otklik.domain.model import Channel
from otklik.services.staff_digests import STAFF_TOPIC
from otklik.settings import Topics
from otklik.topology import FUNCTION_NEEDS, OUTBOX_TOPICS, secret_groups
from tests.infra.checks import differences, fail_on
from tests.infra.code_facts import (
    INFRA,
    SECRET_STORE,
    calls,
    outbox_topics,
    platforms_named,
    reach,
    secret_fields_read,
)

SECRET_ID = re.compile(r"[A-Za-z0-9_-]{1,255}")
# Container properties (otklik/wiring.py) through which a function publishes.
PUBLISHER, INGEST, OUTBOX = "publisher", "ingest", "outbox"


# Secrets.

def test_each_function_declares_the_secret_of_the_names_its_code_looks_up() -> None:
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        reached = reach(name)
        looked_up = set().union(*(secret_fields_read(m) for m in reached.modules if m != SECRET_STORE))
        declared = {needs.secret.config_field} if needs.secret else set()
        problems += [f"{name}: {p}" for p in differences(
            "secrets by configuration field", looked_up, declared,
            code="its code (secret store lookups)", infra="its FUNCTION_NEEDS secret")]
        if ("secrets" in reached.properties) != (needs.secret is not None):
            problems.append(f"{name}: its code {'uses' if 'secrets' in reached.properties else 'never uses'} the "
                            f"secret store, but FUNCTION_NEEDS gives it secret {needs.secret}")
    fail_on(problems)


def test_webhook_secrets_are_split_by_the_platform_each_webhook_serves() -> None:
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        if needs.secret is None or needs.secret.platform is None:
            continue
        served = {Channel[member].value for member in platforms_named(name)}
        if served != {needs.secret.platform}:
            problems.append(f"{name} serves channels of {sorted(served)} but mounts {needs.secret.secret_id}, "
                            f"which holds the secrets of {needs.secret.platform} channels")
    fail_on(problems)


def test_secret_groups_are_valid_secrets_of_distinct_kinds() -> None:
    groups = secret_groups()
    problems = [f"{g.secret_id}: not a valid Secret Manager secret id" for g in groups
                if not SECRET_ID.fullmatch(g.secret_id)]
    problems += [f"{g.secret_id}: platform {g.platform!r} is not a Channel" for g in groups
                 if g.platform is not None and g.platform not in {c.value for c in Channel}]
    kinds = [(g.config_field, g.platform) for g in groups]
    problems += [f"two secrets hold {kind}" for kind in set(kinds) if kinds.count(kind) > 1]
    if len({g.secret_id for g in groups}) != len(groups):
        problems.append("two secret groups share a secret id")
    fail_on(problems)


def test_infra_readme_tells_operators_what_each_secret_holds_and_who_mounts_it() -> None:
    """Its table rows: | `secret id` | `config field` of every <Platform> channel ... | `function`, ... |"""
    rows = {}
    for line in (INFRA / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"`otklik-[\w-]+`", cells[0]):
            rows[cells[0].strip("`")] = cells
    problems = differences("secrets", [g.secret_id for g in secret_groups()], rows,
                           code="topology", infra="infra/README.md's table of secrets")
    for group in secret_groups():
        if group.secret_id not in rows:
            continue
        _, holds, mounted_by = rows[group.secret_id]
        holder = "regional client" if group.config_field == "secret_ref" else "channel"
        phrase = f"`{group.config_field}` of every {group.platform or ''} {holder}".replace("  ", " ")
        if phrase.lower() not in holds.lower():
            problems.append(f"README: {group.secret_id} should say it holds {phrase}, not {holds!r}")
        readers = [name for name, needs in FUNCTION_NEEDS.items() if needs.secret == group]
        if sorted(re.findall(r"`(\w+)`", mounted_by)) != sorted(readers):
            problems.append(f"README: {group.secret_id} is mounted by {readers}, not {mounted_by}")
    fail_on(problems)


# Topics.

def test_functions_publish_to_topics_of_the_settings_and_never_the_tick() -> None:
    topics = set(Topics.model_fields) - {"prefix"}
    problems = [f"{name}: publishes_to names {topic!r}, which is no field of settings.Topics"
                for name, needs in FUNCTION_NEEDS.items() for topic in needs.publishes_to if topic not in topics]
    problems += [f"{name} may publish to deadline_tick: only Cloud Scheduler does"
                 for name, needs in FUNCTION_NEEDS.items() if "deadline_tick" in needs.publishes_to]
    problems += [f"{name} lists a topic twice" for name, needs in FUNCTION_NEEDS.items()
                 if len(set(needs.publishes_to)) != len(needs.publishes_to)]
    fail_on(problems)


def test_only_functions_whose_code_publishes_may_publish() -> None:
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        properties = reach(name).properties
        if (PUBLISHER in properties) != bool(needs.publishes_to):
            problems.append(f"{name}: its code {'publishes' if PUBLISHER in properties else 'publishes nothing'}, "
                            f"FUNCTION_NEEDS lets it publish to {list(needs.publishes_to)}")
        # A new appeal's appeal.received goes out with it; only the sweep publishes others' leftovers too.
        relays_leftovers = any(calls(module, "flush_stale") for module in reach(name).modules)
        if (INGEST in properties) != ("appeal_received" in needs.publishes_to) and not relays_leftovers:
            problems.append(f"{name}: its code {'stores' if INGEST in properties else 'stores no'} new "
                            f"appeals (appeal.received), FUNCTION_NEEDS publishes_to is {list(needs.publishes_to)}")
        # What a function relays is what its own changes left in an outbox; a webhook's edit leaves only
        # appeal.received there, so relaying needs some topic, not every outbox topic.
        if OUTBOX in properties and not needs.publishes_to:
            problems.append(f"{name}: its code relays outbox messages, FUNCTION_NEEDS lets it publish nothing")
        if OUTBOX not in properties and needs.publishes_to:
            problems.append(f"{name}: its code relays no outbox messages, FUNCTION_NEEDS publishes_to is "
                            f"{list(needs.publishes_to)}")
    fail_on(problems)


def _imports(module: Path, dotted: str) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module == dotted
               for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))))


def test_outbox_topics_are_those_the_history_of_an_appeal_derives() -> None:
    fail_on(differences("outbox topics", outbox_topics(), OUTBOX_TOPICS,
                        code="services/events.py (outbox_messages)", infra="topology.OUTBOX_TOPICS"))


def test_whatever_relays_leftovers_may_publish_every_outbox_topic() -> None:
    """The sweep publishes any message a change left in an outbox (flush_stale), whichever function made it,
    appeal.received of a new appeal too, and the staff digests it makes of the deadline notices among them."""
    problems = []
    for name, needs in FUNCTION_NEEDS.items():
        modules = reach(name).modules
        if any(calls(module, "flush_stale") for module in modules):
            makes_digests = any(_imports(module, "otklik.services.staff_digests") for module in modules)
            digests = {STAFF_TOPIC} if makes_digests else set()
            problems += [f"{name}: {p}" for p in differences(
                "topics", outbox_topics() | digests, needs.publishes_to,
                code="what its outbox sweep can publish", infra="its FUNCTION_NEEDS publishes_to")]
    assert any(calls(module, "flush_stale") for module in reach("sweep_deadlines").modules), \
        "sweep_deadlines no longer relays leftovers: say here what does"
    fail_on(problems)
