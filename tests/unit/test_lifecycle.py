"""The appeal lifecycle of docs/domain.md, enforced."""
from __future__ import annotations

import pytest

from otklik.domain.model import InvalidTransition, Status, can_transition, check_transition

ALLOWED = [
    (Status.RECEIVED, Status.ROUTED), (Status.RECEIVED, Status.NEEDS_TRIAGE), (Status.NEEDS_TRIAGE, Status.ROUTED),
    (Status.NEEDS_TRIAGE, Status.REJECTED), (Status.ROUTED, Status.IN_PROGRESS), (Status.IN_PROGRESS, Status.ANSWERED),
    (Status.ROUTED, Status.ANSWERED), (Status.ANSWERED, Status.RESOLVED), (Status.ANSWERED, Status.ROUTED),
    (Status.RESOLVED, Status.ROUTED),
]
REFUSED = [
    (Status.RECEIVED, Status.ANSWERED), (Status.NEEDS_TRIAGE, Status.ANSWERED), (Status.ROUTED, Status.RESOLVED),
    (Status.REJECTED, Status.ROUTED), (Status.MERGED, Status.ROUTED), (Status.RESOLVED, Status.ANSWERED),
]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed(current: Status, target: Status) -> None:
    assert can_transition(current, target)
    check_transition(current, target)


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_naming_the_current_status(current: Status, target: Status) -> None:
    with pytest.raises(InvalidTransition, match=str(current)):
        check_transition(current, target)
