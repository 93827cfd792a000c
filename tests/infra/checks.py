"""Helpers of the infra tests: comparing what the code has with what infra/ deploys, in plain messages."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def text(value: object) -> str:
    return str(value)


def only(items: list[dict[str, Any]], what: str) -> dict[str, Any]:
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
