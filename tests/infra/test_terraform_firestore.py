"""Firestore in infra/: indexes against the code's queries (adapters/firestore_indexes.COMPOSITE_INDEXES, and the
fields queries filter and order on, read from the code; the emulator enforces no index), and security rules that
refuse every client (only the functions use Firestore, through IAM)."""
from __future__ import annotations

import ast
import re
import typing
from collections.abc import Iterable

from otklik.adapters.firestore_indexes import COMPOSITE_INDEXES, FIELD_INDEXES
from otklik.services.queries import AppealQuery
from tests.infra.checks import differences, fail_on, only, text
from tests.infra.code_facts import FUNCTIONS, field_uses, self_calls
from tests.infra.terraform import Terraform


def _index_key(collection: str, fields: Iterable[tuple[str, str]]) -> str:
    return f"{collection}({', '.join(f'{path} {order}' for path, order in fields)})"


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
    report = (FUNCTIONS / "otklik" / "services" / "report.py").read_text(encoding="utf-8")
    report_filters = {k.arg for n in ast.walk(ast.parse(report)) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Name) and n.func.id == "Count"
                      for k in n.keywords if k.arg and k.arg != "reportable"}
    return {
        ("FirestoreAppealRepository.search", "query.order_by"):
            set(typing.get_args(typing.get_type_hints(AppealQuery)["order_by"])),
        ("FirestoreReportQueries._query", "path"): report_filters,  # the keywords ReportService counts by
    }


def _kept(index: dict[str, typing.Any]) -> tuple[str, str]:
    """A single-field index of an override as (ASCENDING, DESCENDING or CONTAINS, query scope)."""
    return index.get("order") or index.get("array_config"), index.get("query_scope", "COLLECTION")


def test_single_field_index_overrides_keep_what_queries_need(tf: Terraform) -> None:
    overrides = {(o["collection"], o["field"]):
                 {_kept(i) for i in only(o["index_config"], "index_config").get("indexes", [])}
                 for o in tf.instances("google_firestore_field", "single_field_indexes").values()
                 if o.get("index_config")}
    unresolved = _unresolved_fields()
    problems = []
    for use in field_uses():
        fields = use.fields if use.fields is not None else unresolved.get((use.owner, use.expression))
        if fields is None:
            problems.append(f"cannot tell which field {use.expression!r} at {use.where} queries: add it to "
                            f"_unresolved_fields in tests/infra/test_terraform_firestore.py")
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


def _field_key(collection: str, field: str, indexes: Iterable[tuple[str, str]]) -> str:
    kept = ", ".join(f"{order} {scope}" for order, scope in sorted(indexes)) or "none"
    return f"{collection}.{field}: {kept}"


def test_every_single_field_index_override_the_code_declares_exists_and_no_other(tf: Terraform) -> None:
    in_code = {_field_key(f.collection, f.field, [(i.order, i.scope) for i in f.indexes]) for f in FIELD_INDEXES}
    in_infra = {_field_key(o["collection"], o["field"],
                           [_kept(i) for i in only(o["index_config"], "index_config").get("indexes", [])])
                for o in tf.instances("google_firestore_field", "single_field_indexes").values()}
    fail_on(differences("single-field index overrides", in_code, in_infra,
                        code="adapters/firestore_indexes.FIELD_INDEXES", infra="infra/firestore.tf (field_indexes)"))


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


# Security rules.

DENY_ALL = """
rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} {
      allow read, write: if false;
    }
  }
}
"""


def _words(rules: str) -> list[str]:
    return rules.split()


def test_firestore_rules_refuse_every_client_request_and_are_released(tf: Terraform) -> None:
    rulesets = tf.instances("google_firebaserules_ruleset")
    (name, _), ruleset = only(list(rulesets.items()), "Firestore ruleset")
    source = only(ruleset["source"], f"source of ruleset {name}")
    rules = only(source["files"], f"file of ruleset {name}")
    assert source.get("language") in (None, "FIREBASE_RULES"), f"ruleset {name} is in {source['language']}"
    assert _words(rules["content"]) == _words(DENY_ALL), \
        f"ruleset {name} is not the deny-all ruleset clients must meet:\n{rules['content']}"
    release = only(list(tf.instances("google_firebaserules_release").values()), "rules release")
    # Firestore enforces the release named cloud.firestore for the (default) database, nothing else.
    database = only(list(tf.instances("google_firestore_database").values()), "Firestore database")
    assert database["name"] == "(default)", \
        f"the rules of database {database['name']} would be released as cloud.firestore/<its id>"
    assert (release["name"], text(release["ruleset_name"])) == (
        "cloud.firestore", f"projects/${{var.project_id}}/rulesets/${{google_firebaserules_ruleset.{name}.name}}"), \
        f"the rules release is {release['name']!r} of {release['ruleset_name']}"
    assert "firebaserules.googleapis.com" in tf.instances("google_project_service", "api"), \
        "the Firebase Rules API is not enabled (apis.tf)"
