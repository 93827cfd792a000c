"""Cloud Logging and Monitoring filters of infra/, read as far as infra/ writes them: clauses joined by AND, each
`path = "value"` or `path = one_of("a", "b")`. Anything else raises, rather than being guessed."""
from __future__ import annotations

import json
import re
from typing import Any

# A value is a quoted string, or a Terraform reference rendered as tests/infra/terraform.py renders it ("${…}").
_CLAUSE = re.compile(r'^\s*([\w.]+)\s*=\s*(?:"(\$\{[^}]*\})"|"((?:[^"\\]|\\.)*)"|one_of\((.*)\))\s*$')


def clauses(filter_text: str) -> dict[str, tuple[str, ...]]:
    """path -> the values it may take."""
    found: dict[str, tuple[str, ...]] = {}
    for clause in filter_text.split(" AND "):
        match = _CLAUSE.match(clause)
        if match is None:
            raise ValueError(f"a clause these tests do not read: {clause!r}")
        path, reference, value, choices = match.groups()
        if reference is not None:
            found[path] = (reference,)
        else:
            found[path] = (json.loads(f'"{value}"'),) if choices is None else tuple(json.loads(f"[{choices}]"))
    return found


def matches(filter_text: str, entry: dict[str, Any]) -> bool:
    """Whether a log entry ({"resource": …, "jsonPayload": …}) passes the filter."""
    for path, values in clauses(filter_text).items():
        value: Any = entry
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in values:
            return False
    return True


def cloud_run_entry(json_line: str, service: str) -> dict[str, Any]:
    """The entry Cloud Logging stores for a JSON line a Cloud Run service wrote on stdout: the line as jsonPayload
    (less the fields Logging takes for itself), on the service's cloud_run_revision."""
    payload = json.loads(json_line)
    for taken in ("severity", "time", "logging.googleapis.com/labels", "logging.googleapis.com/sourceLocation"):
        payload.pop(taken, None)
    return {"resource": {"type": "cloud_run_revision", "labels": {"service_name": service}}, "jsonPayload": payload}
