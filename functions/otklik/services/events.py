"""The messages a change of an appeal publishes, derived from the history entries it added."""
from __future__ import annotations

from otklik.domain.model import Appeal
from otklik.messages import AppealRouted
from otklik.services.ports import AppealWrite, OutboxMessage

ROUTING_ACTIONS = frozenset({"routed", "needs_triage", "reopened"})


def outbox_messages(before: Appeal | None, after: Appeal) -> tuple[OutboxMessage, ...]:
    first_new = len(before.history) if before is not None else 0
    messages: list[OutboxMessage] = []
    for index, entry in enumerate(after.history[first_new:], start=first_new):
        if entry.action in ROUTING_ACTIONS:
            routed = AppealRouted(
                appeal_id=after.id, municipality=after.municipality, channel=after.channel, status=str(after.status),
                category=after.category, department=after.department, due_at=after.due_at, changed_at=entry.at,
            )
            messages.append(OutboxMessage(id=f"{after.id}/{index}/appeal_routed", topic="appeal_routed",
                                          body=routed.model_dump(mode="json"), attributes=routed.attributes()))
    return tuple(messages)


def write(before: Appeal | None, after: Appeal) -> AppealWrite:
    return AppealWrite(after, outbox_messages(before, after))
