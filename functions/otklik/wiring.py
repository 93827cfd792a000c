"""The one place adapters are built and handed to services. Everything is created on first use, and
imported on first use too: each function's instance loads only what it serves (cold starts)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from otklik.logs import configure_logging
from otklik.settings import Settings, get_settings

if TYPE_CHECKING:
    from google.cloud import firestore

    from otklik.adapters.api_keys import FirestoreApiKeys
    from otklik.adapters.appeal_feed import FirestoreAppealFeed
    from otklik.adapters.appeal_migration import AppealDocumentMigration
    from otklik.adapters.calendar_years import FirestoreCalendarYears, FirestoreDailyMarks
    from otklik.adapters.channel_directory import FirestoreChannelDirectory
    from otklik.adapters.firestore_appeals import FirestoreAppealRepository
    from otklik.adapters.firestore_console import FirestoreReplyTemplates
    from otklik.adapters.firestore_incident_lists import FirestoreIncidentLists
    from otklik.adapters.firestore_incidents import FirestoreIncidents
    from otklik.adapters.firestore_learning import FirestoreExamples, FirestoreModels
    from otklik.adapters.firestore_staff_notices import FirestoreStaffNoticeLedger
    from otklik.adapters.photo_storage import CloudStoragePhotos
    from otklik.adapters.pubsub_publisher import PubSubPublisher
    from otklik.adapters.regional_clients import FirestoreRegionalClients
    from otklik.adapters.secrets import SecretStore
    from otklik.adapters.town_directory import FirestoreTownDirectory
    from otklik.regional.auth import RegionalAuthenticator, TokenBuckets
    from otklik.services.calendars import CalendarService
    from otklik.services.console_sessions import ConsoleSessions
    from otklik.services.dead_letter_marks import CallbackDeadLetters, RoutingDeadLetters
    from otklik.services.dead_letters import DeadLetters
    from otklik.services.delivery import DeliveryService
    from otklik.services.group_appeal import GroupAppealService
    from otklik.services.grouping import GroupingService
    from otklik.services.incident_selection import IncidentSelection
    from otklik.services.incident_work import IncidentWorkService
    from otklik.services.ingest import IngestService
    from otklik.services.learning import Retraining, RetrainTrigger
    from otklik.services.locating import Locating
    from otklik.services.open311 import Open311Service
    from otklik.services.outbox import OutboxRelay
    from otklik.services.regional_callbacks import RegionalCallbacks
    from otklik.services.regional_handoff import RegionalHandoffService
    from otklik.services.regional_intake import RegionalIntake
    from otklik.services.reply_dead_letters import ReplyDeadLetters
    from otklik.services.reply_templates import ReplyTemplates
    from otklik.services.report import ReportService
    from otklik.services.residents import ResidentData
    from otklik.services.routing import RoutingService
    from otklik.services.staff_notices import StaffNotifier
    from otklik.services.sweep import SweepService
    from otklik.services.town_classifiers import TownClassifiers
    from otklik.services.work import WorkService


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Container:
    settings: Settings

    @cached_property
    def firestore(self) -> firestore.Client:
        from otklik.adapters.firestore_client import firestore_client

        return firestore_client(self.settings.project_id)

    @cached_property
    def appeals(self) -> FirestoreAppealRepository:
        from otklik.adapters.firestore_appeals import FirestoreAppealRepository

        return FirestoreAppealRepository(self.firestore, self.settings.timezone,
                                         self.settings.firestore_timeout_seconds)

    def appeal_migration(self, batch_size: int) -> AppealDocumentMigration:
        from otklik.adapters.appeal_migration import AppealDocumentMigration

        return AppealDocumentMigration(self.firestore, self.settings.timezone, batch_size)

    @cached_property
    def channels(self) -> FirestoreChannelDirectory:
        from otklik.adapters.channel_directory import FirestoreChannelDirectory

        return FirestoreChannelDirectory(self.firestore, self.settings.config_cache_seconds,
                                         timeout_seconds=self.settings.firestore_timeout_seconds)

    @cached_property
    def towns(self) -> FirestoreTownDirectory:
        from otklik.adapters.town_directory import FirestoreTownDirectory

        return FirestoreTownDirectory(self.firestore, self.settings.config_cache_seconds,
                                      loaded_calendar_years=self.calendar_years.loaded)

    @cached_property
    def calendar_years(self) -> FirestoreCalendarYears:
        from otklik.adapters.calendar_years import FirestoreCalendarYears

        return FirestoreCalendarYears(self.firestore, self.settings.config_cache_seconds,
                                      timeout_seconds=self.settings.firestore_timeout_seconds)

    @cached_property
    def daily_marks(self) -> FirestoreDailyMarks:
        from otklik.adapters.calendar_years import FirestoreDailyMarks

        return FirestoreDailyMarks(self.firestore, self.settings.firestore_timeout_seconds)

    @cached_property
    def calendars(self) -> CalendarService:
        from otklik.services.calendars import CalendarService

        return CalendarService(self.calendar_years, self.daily_marks, self.settings.timezone)

    @cached_property
    def api_keys(self) -> FirestoreApiKeys:
        from otklik.adapters.api_keys import FirestoreApiKeys

        return FirestoreApiKeys(self.firestore)

    @cached_property
    def secrets(self) -> SecretStore:
        from otklik.adapters.secrets import SecretStore

        return SecretStore(self.settings.channel_secrets)

    @cached_property
    def publisher(self) -> PubSubPublisher:
        from otklik.adapters.pubsub_publisher import PubSubPublisher, publisher_client

        return PubSubPublisher(publisher_client, self.settings.project_id, self.settings.publish_timeout_seconds)

    @cached_property
    def ingest(self) -> IngestService:
        from otklik.services.ingest import IngestService

        return IngestService(self.appeals, self.outbox, utc_now)

    @cached_property
    def outbox(self) -> OutboxRelay:
        from otklik.services.outbox import OutboxRelay

        return OutboxRelay(self.appeals, self.publisher, self.settings.topics)

    @cached_property
    def routing(self) -> RoutingService:
        from otklik.services.preparation import Preparation
        from otklik.services.routing import RoutingService

        # In the order routing needs them: the town's model (right after the appeal's read; its own reads overlap
        # that one), the dictionary (classifying), the town's streets (the commit's place keys), the Pub/Sub client.
        preparation = Preparation([self.town_classifiers, _morphology, self._town_streets, _pubsub_client])
        return RoutingService(self.appeals, self.appeals, self.towns, self.outbox, utc_now, preparation=preparation,
                              town_classifiers=self.town_classifiers, locating=self.locating)

    def _town_streets(self, town: str) -> None:
        self.locating.prepare(self.towns.all().get(town))

    @cached_property
    def locating(self) -> Locating:
        from otklik.services.locating import Locating

        return Locating(self.settings.grouping_distance_m)

    # The classifier's learning (services/learning.py).

    @cached_property
    def classifier_examples(self) -> FirestoreExamples:
        from otklik.adapters.firestore_learning import FirestoreExamples

        return FirestoreExamples(self.firestore)

    @cached_property
    def classifier_models(self) -> FirestoreModels:
        from otklik.adapters.firestore_learning import FirestoreModels

        return FirestoreModels(self.firestore)

    @cached_property
    def town_classifiers(self) -> TownClassifiers:
        from otklik.services.town_classifiers import TownClassifiers

        return TownClassifiers(self.classifier_models, self.settings.classifier_model_cache_seconds)

    @cached_property
    def retrain_trigger(self) -> RetrainTrigger:
        from otklik.services.learning import RetrainTrigger

        return RetrainTrigger(self.classifier_examples, self.classifier_models,
                              self.settings.classifier_retrain_after_examples)

    @cached_property
    def retraining(self) -> Retraining:
        from otklik.services.learning import Retraining

        return Retraining(self.classifier_examples, self.classifier_models, self.towns, utc_now,
                          keep_versions=self.settings.classifier_versions_kept)

    @cached_property
    def incidents(self) -> FirestoreIncidents:
        from otklik.adapters.firestore_incidents import FirestoreIncidents

        return FirestoreIncidents(self.firestore, self.appeals)

    @cached_property
    def grouping(self) -> GroupingService:
        from otklik.domain.incidents.matching import GroupingPolicy
        from otklik.services.grouping import GroupingService

        policy = GroupingPolicy(window_hours=self.settings.grouping_window_hours,
                                default_window_hours=self.settings.grouping_default_window_hours,
                                distance_m=self.settings.grouping_distance_m)
        return GroupingService(self.incidents, self.incidents, self.towns, policy, utc_now, outbox=self.outbox)

    @cached_property
    def group_appeal(self) -> GroupAppealService:
        from otklik.services.group_appeal import GroupAppealService
        from otklik.services.preparation import Preparation

        # Grouping's code and the incidents' store, the dictionary, the town's streets, the problem's words, then the
        # Pub/Sub client of the commit's messages.
        preparation = Preparation([lambda _: self.grouping, _morphology, self._town_streets, _problem_words,
                                   _pubsub_client])
        return GroupAppealService(self.appeals, lambda: self.grouping, preparation)

    @cached_property
    def regional_handoff(self) -> RegionalHandoffService:
        from otklik.services.regional_handoff import RegionalHandoffService

        return RegionalHandoffService(self.appeals, self.outbox, utc_now)

    @cached_property
    def photos(self) -> CloudStoragePhotos:
        from otklik.adapters.photo_storage import CloudStoragePhotos, storage_client

        project_id = self.settings.project_id
        return CloudStoragePhotos(lambda: storage_client(project_id), self.settings.photo_bucket)

    @cached_property
    def work(self) -> WorkService:
        from otklik.services.work import WorkService

        return WorkService(self.appeals, self.appeals, self.towns, self.photos, self.ingest, self.outbox, utc_now,
                           retrain_trigger=self.retrain_trigger,
                           grouping=lambda: self.grouping)

    @cached_property
    def incident_lists(self) -> FirestoreIncidentLists:
        from otklik.adapters.firestore_incident_lists import FirestoreIncidentLists

        return FirestoreIncidentLists(self.firestore)

    @cached_property
    def incident_work(self) -> IncidentWorkService:
        from otklik.services.incident_work import IncidentWorkService

        return IncidentWorkService(self.incidents, self.incident_lists, self.appeal_feed, self.towns, self.photos,
                                   self.outbox, utc_now, reopen_share=self.settings.incident_reopen_share)

    @cached_property
    def incident_selection(self) -> IncidentSelection:
        from otklik.services.incident_selection import IncidentSelection

        return IncidentSelection(self.incidents, self.towns, self.outbox, utc_now)

    @cached_property
    def delivery(self) -> DeliveryService:
        from otklik.platforms.reply_clients import clients_for
        from otklik.services.delivery import DeliveryService

        clients = clients_for(self.settings.platform_base_urls, timeout=self.settings.platform_timeout_seconds)
        return DeliveryService(self.appeals, self.channels, self.secrets, clients, self.photos, utc_now)

    @cached_property
    def reply_dead_letters(self) -> ReplyDeadLetters:
        from otklik.services.reply_dead_letters import ReplyDeadLetters

        return ReplyDeadLetters(self.appeals, utc_now)

    @cached_property
    def callback_dead_letters(self) -> CallbackDeadLetters:
        from otklik.services.dead_letter_marks import CallbackDeadLetters

        return CallbackDeadLetters(self.appeals, utc_now)

    @cached_property
    def routing_dead_letters(self) -> RoutingDeadLetters:
        from otklik.services.dead_letter_marks import RoutingDeadLetters

        return RoutingDeadLetters(self.appeals, self.outbox, utc_now)

    @cached_property
    def dead_letters(self) -> DeadLetters:
        """What waits in the dead-letter subscriptions, and replaying it (`python -m otklik dead-letters`)."""
        from otklik.adapters.pubsub_dead_letters import PubSubDeadLetterQueue
        from otklik.services.dead_letters import DeadLetters

        queue = PubSubDeadLetterQueue(self.settings.project_id, self.settings.topics)
        return DeadLetters(queue, self.publisher, self.appeals, self.settings.topics, utc_now)

    @cached_property
    def sweep(self) -> SweepService:
        from otklik.services.incident_sweep import IncidentSweep
        from otklik.services.sweep import SweepService

        return SweepService(self.appeals, self.appeals, self.outbox, utc_now,
                            calendar_warning=self.calendars.warning_due, towns=self.towns,
                            incidents=IncidentSweep(self.incidents, self.incident_lists,
                                                    resolve=lambda i: self.incident_work.auto_resolve(i)))

    @cached_property
    def staff_notice_ledger(self) -> FirestoreStaffNoticeLedger:
        from otklik.adapters.firestore_staff_notices import FirestoreStaffNoticeLedger

        return FirestoreStaffNoticeLedger(self.firestore)

    @cached_property
    def staff_notifier(self) -> StaffNotifier:
        from otklik.platforms.reply_clients import clients_for
        from otklik.services.staff_notices import StaffNotifier

        clients = clients_for(self.settings.platform_base_urls, timeout=self.settings.platform_timeout_seconds)
        return StaffNotifier(self.appeal_feed, self.towns, self.channels, self.secrets, clients,
                             self.staff_notice_ledger, utc_now)

    @cached_property
    def reports(self) -> ReportService:
        from otklik.adapters.firestore_reports import FirestoreReportQueries
        from otklik.services.report import ReportService

        return ReportService(FirestoreReportQueries(self.firestore), self.towns, self.settings.timezone,
                             incidents=self.incident_lists)

    @cached_property
    def residents(self) -> ResidentData:
        from otklik.adapters.firestore_residents import FirestoreAuditLog, FirestoreResidentRecords
        from otklik.services.residents import ResidentData

        return ResidentData(self.appeals, FirestoreResidentRecords(self.firestore), self.appeals, self.photos,
                            self.towns, FirestoreAuditLog(self.firestore), utc_now, incidents=self.incidents)

    # The regional centre's API and callbacks, and Open311.

    @cached_property
    def regional_clients(self) -> FirestoreRegionalClients:
        from otklik.adapters.regional_clients import (
            REGIONAL_CLIENTS_CACHE_SECONDS,
            FirestoreRegionalClients,
        )

        return FirestoreRegionalClients(self.firestore, REGIONAL_CLIENTS_CACHE_SECONDS)

    @cached_property
    def regional_auth(self) -> RegionalAuthenticator:
        from otklik.regional.auth import RegionalAuthenticator

        return RegionalAuthenticator(self.regional_clients, self.secrets)

    @cached_property
    def regional_rate_limits(self) -> TokenBuckets:
        from otklik.regional.auth import TokenBuckets

        return TokenBuckets()

    @cached_property
    def regional_intake(self) -> RegionalIntake:
        from otklik.services.regional_intake import RegionalIntake

        return RegionalIntake(self.ingest, self.appeals, self.towns, utc_now)

    @cached_property
    def regional_callbacks(self) -> RegionalCallbacks:
        from otklik.adapters.callback_http import HttpCallbackSender
        from otklik.services.regional_callbacks import RegionalCallbacks

        return RegionalCallbacks(self.appeals, self.regional_clients, self.secrets, HttpCallbackSender(), utc_now)

    @cached_property
    def appeal_feed(self) -> FirestoreAppealFeed:
        from otklik.adapters.appeal_feed import FirestoreAppealFeed

        return FirestoreAppealFeed(self.firestore, self.settings.firestore_timeout_seconds)

    @cached_property
    def open311(self) -> Open311Service:
        from otklik.services.open311 import Open311Service

        return Open311Service(self.appeal_feed, self.appeals, self.towns, self.api_keys, self.ingest, utc_now,
                              incidents=self.incidents)

    # The operator console (otklik/console): its clock, its sessions and the towns' reply templates.

    @property
    def clock(self) -> Callable[[], datetime]:
        return utc_now

    @cached_property
    def console_sessions(self) -> ConsoleSessions:
        from otklik.adapters.firestore_console import FirestoreConsoleSessions
        from otklik.services.console_sessions import ConsoleSessions

        store = FirestoreConsoleSessions(self.firestore, self.settings.firestore_timeout_seconds)
        return ConsoleSessions(self.api_keys, store, utc_now)

    @cached_property
    def reply_template_store(self) -> FirestoreReplyTemplates:
        from otklik.adapters.firestore_console import FirestoreReplyTemplates

        return FirestoreReplyTemplates(self.firestore, self.settings.firestore_timeout_seconds)

    @cached_property
    def reply_templates(self) -> ReplyTemplates:
        from otklik.services.reply_templates import ReplyTemplates

        return ReplyTemplates(self.reply_template_store)


# Steps of a first message's preparation (services/preparation.py), given its town.

def _morphology(_: str) -> object:
    from otklik.domain.words import morph

    return morph()


def _pubsub_client(_: str) -> object:
    from otklik.adapters.pubsub_publisher import publisher_client

    return publisher_client()


def _problem_words(_: str) -> object:
    from otklik.domain.incidents.problem import problem_words

    return problem_words("нет воды", ())


@lru_cache(maxsize=1)
def container() -> Container:
    settings = get_settings()
    configure_logging(settings.log_level, log_format=settings.log_format)
    return Container(settings)
