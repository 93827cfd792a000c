"""The write path: every platform event becomes its appeal exactly once, and is published; an edit changes the
message's text where it is kept."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from otklik.domain.edits import edit_follow_up, edit_message
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Channel, IncomingMessage, Status
from otklik.logs import correlation
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealStore, AppealWrite, ConcurrentUpdate, Received

log = logging.getLogger(__name__)
EDIT_ATTEMPTS = 3


class IngestService:
    def __init__(self, repository: AppealStore, outbox: OutboxRelay, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._outbox = outbox
        self._clock = clock

    def receive(self, message: IncomingMessage, municipality: str) -> Received:
        source = message.source
        appeal_id = appeal_id_for(source.platform, source.account, source.event_id)
        return self.store(Appeal.receive(appeal_id, municipality, message, self._clock()))

    def store(self, appeal: Appeal, fingerprint: str | None = None) -> Received:
        """Creates the appeal if its id is new, with its `appeal.received` in its outbox in the same commit, and
        publishes that; a repeat finds it stored and changes nothing (a message not published is the sweep's).
        `fingerprint` (of the API request) is stored with a new appeal for idempotency checks."""
        with correlation(appeal.id):
            created = write(None, appeal)
            if not self._repository.add(created, fingerprint=fingerprint):
                return Received(appeal.id, created=False)
            log.info("appeal stored", extra={"channel": str(appeal.channel), "municipality": appeal.municipality})
            self._outbox.publish([created])
            return Received(appeal.id, created=True)

    def edit(self, platform: Channel, account: str, event_id: str, text: str, edited_at: datetime | None) -> bool:
        """The resident edited a message: its record takes the new text, and so does the appeal that holds it
        (the message's own, or the one it was folded into, whose other follow-ups stay). An unanswered appeal is
        then classified again by route_appeal. False when no appeal has that message."""
        appeal_id = appeal_id_for(platform, account, event_id)
        with correlation(appeal_id):
            # Routing may fold the message into an appeal between the read and the transaction: read again then.
            for _ in range(EDIT_ATTEMPTS):
                record = self._repository.get(appeal_id)
                if record is None:
                    log.info("edit for an unknown message ignored")
                    return False
                writes = self._edit(appeal_id, _holder(record), text, edited_at, actor=f"{platform}:{account}")
                if writes is not None:
                    self._outbox.publish(writes)
                    log.info("edit applied" if writes else "edit repeated: nothing changed")
                    return True
            raise ConcurrentUpdate(f"appeal {appeal_id} kept being folded while its edit was applied")

    def _edit(self, appeal_id: str, holder: str | None, text: str, edited_at: datetime | None,
              actor: str) -> list[AppealWrite] | None:
        """The edit's writes, done; None when the message no longer belongs where it was read."""
        now = self._clock()
        moved = False

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            nonlocal moved
            message = current[appeal_id]
            if message is None:
                return []
            moved = _holder(message) != holder
            edited = edit_message(message, text, now, actor, edited_at)
            if moved or edited is None:
                return []
            writes = [write(message, edited)]
            appeal = current[holder] if holder else None
            changed = edit_follow_up(appeal, edited, message.text, now, actor) if appeal is not None else None
            if appeal is not None and changed is not None:
                writes.append(write(appeal, changed))
            return writes

        writes = self._repository.transact([appeal_id, *([holder] if holder else [])], change)
        return None if moved else writes


def _holder(message: Appeal) -> str | None:
    """The appeal a folded follow-up's text is part of."""
    return message.merged_into if message.status is Status.MERGED else None
