"""Recovery: publish every appeal whose `appeal.received` was never published."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from otklik.logs import correlation
from otklik.services.ingest import AppealPublisher
from otklik.services.ports import AppealRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RepublishReport:
    found: int
    published: int


class RepublishService:
    def __init__(self, repository: AppealRepository, appeal_publisher: AppealPublisher,
                 clock: Callable[[], datetime], older_than: timedelta, page_size: int = 200) -> None:
        self._repository = repository
        self._appeal_publisher = appeal_publisher
        self._clock = clock
        self._older_than = older_than
        self._page_size = page_size

    def run(self, max_pages: int = 50) -> RepublishReport:
        cutoff = self._clock() - self._older_than
        found = published = 0
        for _ in range(max_pages):
            page = self._repository.unpublished_since_before(cutoff, self._page_size)
            found += len(page)
            progress = 0
            for appeal in page:
                with correlation(appeal.id):
                    if self._appeal_publisher.publish(appeal, again=True):
                        progress += 1
            published += progress
            # A page that published nothing would come back the same: stop instead of spinning.
            if len(page) < self._page_size or progress == 0:
                break
        log.info("republish finished", extra={"found": found, "published": published})
        return RepublishReport(found=found, published=published)
