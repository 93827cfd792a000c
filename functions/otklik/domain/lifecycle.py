"""Which status may follow which (domain.md's lifecycle)."""
from __future__ import annotations

from otklik.domain.model import Status

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.NEEDS_TRIAGE, Status.ROUTED, Status.MERGED, Status.REJECTED}),
    Status.NEEDS_TRIAGE: frozenset({Status.ROUTED, Status.REJECTED}),
    # routed → routed: handed to another department.
    Status.ROUTED: frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.NEEDS_TRIAGE}),
    Status.IN_PROGRESS: frozenset({Status.ROUTED, Status.ANSWERED}),
    Status.ANSWERED: frozenset({Status.RESOLVED, Status.ROUTED}),
    Status.RESOLVED: frozenset({Status.ROUTED}),
    Status.REJECTED: frozenset(),
    Status.MERGED: frozenset(),
}


class StatusConflict(Exception):
    """The appeal's current status does not allow what was asked."""

    def __init__(self, current: Status, message: str) -> None:
        super().__init__(message)
        self.current = current


class InvalidTransition(StatusConflict):
    def __init__(self, current: Status, target: Status) -> None:
        super().__init__(current, f"an appeal in status {current} cannot become {target}")
        self.target = target


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def check_transition(current: Status, target: Status) -> None:
    if not can_transition(current, target):
        raise InvalidTransition(current, target)
