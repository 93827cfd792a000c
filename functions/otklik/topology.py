"""How functions are triggered: one table read by the local stack and checked against infra/."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from otklik.settings import Topics

HTTP_FUNCTIONS: tuple[str, ...] = ("vk_webhook", "telegram_webhook", "ok_webhook", "max_webhook", "operator_api",
                                   "regional_api", "open311", "monthly_report", "console")


@dataclass(frozen=True)
class PushSubscription:
    """A push subscription delivering one topic to one Pub/Sub-triggered function."""

    name: str
    topic: str  # a field name of settings.Topics: the topic its messages are published to
    function: str
    filter: str | None = None
    ack_deadline_seconds: int = 60
    max_delivery_attempts: int = 5
    min_backoff_seconds: int = 10
    max_backoff_seconds: int = 600
    # Set for a consumer of the messages another subscription gave up on: it takes them from that subscription's
    # dead-letter topic, not from `topic`.
    dead_letters_of: str | None = None
    # Messages with the same ordering key are pushed one at a time, in the order published (OutboxMessage.ordering_key).
    ordered: bool = False

    @property
    def dead_letter_topic(self) -> str:
        return dead_letter_topic(self.name)

    def topic_id(self, topics: Topics) -> str:
        """The id of the topic this subscription is attached to."""
        if self.dead_letters_of is not None:
            return topics.name(dead_letter_topic(self.dead_letters_of))
        return topics.name(getattr(topics, self.topic))


def dead_letter_topic(subscription: str) -> str:
    return f"{subscription}.dead-letter"


PUSH_SUBSCRIPTIONS: tuple[PushSubscription, ...] = (
    PushSubscription(name="route-appeal", topic="appeal_received", function="route_appeal"),
    PushSubscription(name="hand-to-regional", topic="appeal_routed", function="hand_to_regional",
                     filter='attributes.department = "regional"'),
    # Routing's first decision about an appeal: grouped into incidents (services/group_appeal.py), apart from
    # route_appeal so that its cold start loads no grouping. A grouping that keeps failing leaves the appeal alone.
    PushSubscription(name="group-appeal", topic="appeal_routed", function="group_appeal",
                     filter='attributes.first_routing = "true"'),
    # Platforms' rate limits (Telegram 429, VK error 6) are waited out by Pub/Sub's backoff.
    PushSubscription(name="deliver-reply", topic="reply_requested", function="deliver_reply",
                     min_backoff_seconds=5, max_backoff_seconds=600, max_delivery_attempts=10),
    # A reply whose ten attempts all failed: its answer is marked undelivered, with the last error, for operators.
    # A dead letter that finds the claim of a sender that crashed waits out its lease (2 minutes) in retries.
    PushSubscription(name="mark-reply-undelivered", topic="reply_requested", dead_letters_of="deliver-reply",
                     function="mark_reply_undelivered", min_backoff_seconds=10, max_backoff_seconds=600,
                     max_delivery_attempts=10),
    # A callback whose retries ran out: its appeal lists it as not delivered (callback_not_delivered=true).
    PushSubscription(name="mark-callback-undelivered", topic="regional_callback",
                     dead_letters_of="deliver-regional-callback", function="mark_callback_undelivered"),
    # An appeal.received whose routing kept failing: the appeal goes to triage, reason "routing failed".
    PushSubscription(name="mark-routing-failed", topic="appeal_received", dead_letters_of="route-appeal",
                     function="mark_routing_failed"),
    # A regional centre that is down is tried for about 7.5 hours (10 s doubling to 10 min, 50 attempts), then the
    # callback goes to the dead-letter topic. The ack deadline covers a few recipients at a 10 s timeout each.
    PushSubscription(name="deliver-regional-callback", topic="regional_callback", function="deliver_regional_callback",
                     ack_deadline_seconds=60, min_backoff_seconds=10, max_backoff_seconds=600,
                     max_delivery_attempts=50),
    # Cloud Scheduler publishes a tick every 5 minutes; a tick that keeps failing is dropped, the next one
    # finds the same work (the sweep reads what is due, not what the tick says).
    # The sweep's digests of deadline notices, one per town per tick, posted to the duty chats. A platform's rate limit
    # (Telegram 429 retry_after, usually under a minute) is waited out by the backoff; a chat refusing the bot is
    # recorded, not retried.
    PushSubscription(name="notify-staff", topic="staff_notice", function="notify_staff",
                     min_backoff_seconds=10, max_backoff_seconds=600, max_delivery_attempts=20),
    # A step of work on an incident, carried on to its members a page (80 appeals) per message; each page's
    # replies are reply.requested messages of their own, paced by deliver-reply's backoff. Ordered by incident:
    # one incident's pages and folds of joins are handled one at a time (services/incident_joins.py).
    PushSubscription(name="fan-out-incident", topic="incident_fan_out", function="fan_out_incident",
                     max_delivery_attempts=10, ordered=True),
    PushSubscription(name="sweep-deadlines", topic="deadline_tick", function="sweep_deadlines",
                     ack_deadline_seconds=120, max_delivery_attempts=5, min_backoff_seconds=30),
    # Once a day: personal data past its town's retention period erased (services/residents.py). A tick that keeps
    # failing is dropped; the next day's finds the same work.
    PushSubscription(name="erase-expired", topic="retention_tick", function="erase_expired",
                     ack_deadline_seconds=600, max_delivery_attempts=5, min_backoff_seconds=60),
    # The classifier's models trained again: the nightly tick (every town), and a town whose operators' decisions
    # made enough new examples (services/learning.py). A retraining that keeps failing is dropped; the next tick
    # trains from the same examples.
    PushSubscription(name="retrain-classifier", topic="classifier_retrain", function="retrain_classifier",
                     ack_deadline_seconds=600, max_delivery_attempts=5, min_backoff_seconds=60),
)


@dataclass(frozen=True)
class DeadLetterSubscription:
    """A pull subscription on a push subscription's dead-letter topic, where its dead letters wait to be looked at
    and replayed (`python -m otklik dead-letters`). Nothing acknowledges them but a replay: infra/ alerts on any
    backlog. Named like its topic: "<push subscription>.dead-letter"."""

    of: PushSubscription
    ack_deadline_seconds: int = 60  # long enough to list a few hundred before they are released
    retention_seconds: int = 31 * 24 * 3600  # the most Pub/Sub keeps

    @property
    def name(self) -> str:
        return self.of.dead_letter_topic

    @property
    def topic(self) -> str:
        return self.of.dead_letter_topic


DEAD_LETTER_SUBSCRIPTIONS: tuple[DeadLetterSubscription, ...] = tuple(
    DeadLetterSubscription(of=s) for s in PUSH_SUBSCRIPTIONS)


def pubsub_functions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.function for s in PUSH_SUBSCRIPTIONS))


@dataclass(frozen=True)
class SecretGroup:
    """One Secret Manager secret: a JSON object {name: value} holding the secrets of one kind, under the names the
    configuration gives them (`config_field` of the channels of `platform`, or of every channel or regional client).
    A function mounts at most one group, as OTKLIK_CHANNEL_SECRETS (Settings.channel_secrets), so it can read the
    secrets it uses and no others; infra/README.md says how an operator fills each."""

    secret_id: str
    config_field: str  # ChannelConfig.webhook_secret_ref or api_token_ref, or RegionalClient.secret_ref
    platform: str | None = None  # a Channel value: only that platform's channels; None: every one


VK_WEBHOOK_SECRETS = SecretGroup("otklik-vk-webhook-secrets", "webhook_secret_ref", platform="vk")
TELEGRAM_WEBHOOK_SECRETS = SecretGroup("otklik-telegram-webhook-secrets", "webhook_secret_ref", platform="telegram")
OK_PATH_TOKENS = SecretGroup("otklik-ok-path-tokens", "webhook_secret_ref", platform="ok")
MAX_WEBHOOK_SECRETS = SecretGroup("otklik-max-webhook-secrets", "webhook_secret_ref", platform="max")
PLATFORM_TOKENS = SecretGroup("otklik-platform-tokens", "api_token_ref")
REGIONAL_CLIENT_KEYS = SecretGroup("otklik-regional-client-keys", "secret_ref")


@dataclass(frozen=True)
class FunctionNeeds:
    """What a deployed function touches. infra/ gives each function its own service account with exactly these
    rights and settings (tests/infra checks it): a new entry point needs a line in FUNCTION_NEEDS."""

    writes_firestore: bool = True  # False: reads only (roles/datastore.viewer)
    # Fields of settings.Topics it publishes to, directly or through the outbox (roles/pubsub.publisher on these
    # topics only). An outbox message a function cannot publish (another function's leftover) waits for the sweep.
    publishes_to: tuple[str, ...] = ()
    reads_photos: bool = False
    writes_photos: bool = False
    deletes_photos: bool = False  # photo reports of appeals whose personal data is erased
    secret: SecretGroup | None = None  # mounted as Settings.channel_secrets; secretAccessor on this secret only


APPEAL_RECEIVED = ("appeal_received",)
# Everything a change of an appeal can leave in its outbox (services/events.py), a new appeal's appeal.received
# included; the sweep publishes any leftover.
OUTBOX_TOPICS = ("appeal_received", "appeal_routed", "reply_requested", "regional_callback", "appeal_escalated",
                 "deadline_warning", "classifier_retrain", "incident_fan_out")
# The sweep's digests of the deadline notices of a tick (services/staff_digests.py).
STAFF_DIGESTS = ("staff_notice",)

FUNCTION_NEEDS: dict[str, FunctionNeeds] = {
    "vk_webhook": FunctionNeeds(publishes_to=APPEAL_RECEIVED, secret=VK_WEBHOOK_SECRETS),
    "telegram_webhook": FunctionNeeds(publishes_to=APPEAL_RECEIVED, secret=TELEGRAM_WEBHOOK_SECRETS),
    "ok_webhook": FunctionNeeds(publishes_to=APPEAL_RECEIVED, secret=OK_PATH_TOKENS),
    "max_webhook": FunctionNeeds(publishes_to=APPEAL_RECEIVED, secret=MAX_WEBHOOK_SECRETS),
    # Reception appeals; triage, assignment and reopening; answers to residents and to the regional centre.
    # ... and work on incidents, whose steps go on to their members through incident.fan-out.
    "operator_api": FunctionNeeds(publishes_to=("appeal_received", "appeal_routed", "reply_requested",
                                                "regional_callback", "classifier_retrain", "incident_fan_out"),
                                  writes_photos=True),
    # A member of an incident its resident reopens ("не решено") tells the incident (incident.fan-out).
    "route_appeal": FunctionNeeds(publishes_to=("appeal_routed", "incident_fan_out")),
    # An appeal that joins an incident is given its latest answer at once (reply.requested, or the regional
    # callback), an undecided one routed by its outage (appeal.routed), and the join folded (incident.fan-out).
    "group_appeal": FunctionNeeds(publishes_to=("appeal_routed", "reply_requested", "regional_callback",
                                                "incident_fan_out")),
    "hand_to_regional": FunctionNeeds(publishes_to=("regional_callback",)),
    # Delivery records publish nothing.
    "deliver_reply": FunctionNeeds(reads_photos=True, secret=PLATFORM_TOKENS),
    # Marks replies Pub/Sub gave up on as undelivered: a record, nothing to publish or send.
    "mark_reply_undelivered": FunctionNeeds(),
    # Marks callbacks Pub/Sub gave up on: a record, nothing to publish or send.
    "mark_callback_undelivered": FunctionNeeds(),
    # Sends appeals whose routing kept failing to triage, which publishes appeal.routed as routing does.
    "mark_routing_failed": FunctionNeeds(publishes_to=("appeal_routed",)),
    "regional_api": FunctionNeeds(publishes_to=APPEAL_RECEIVED, reads_photos=True, secret=REGIONAL_CLIENT_KEYS),
    "deliver_regional_callback": FunctionNeeds(secret=REGIONAL_CLIENT_KEYS),
    "open311": FunctionNeeds(publishes_to=APPEAL_RECEIVED),
    # Warnings and escalations, and any outbox message left behind (a new appeal's appeal.received too).
    "sweep_deadlines": FunctionNeeds(publishes_to=OUTBOX_TOPICS + STAFF_DIGESTS),
    # Carries a step of work on an incident on to its members, a page per message: their own answers (replies,
    # callbacks), moves (appeal.routed), and the next page.
    "fan_out_incident": FunctionNeeds(publishes_to=("appeal_routed", "reply_requested", "regional_callback",
                                                    "incident_fan_out")),
    # Posts the digests to the duty chats through the towns' bots: their tokens; records claims and chat statuses.
    "notify_staff": FunctionNeeds(secret=PLATFORM_TOKENS),
    "monthly_report": FunctionNeeds(writes_firestore=False),
    # The operator console: the operator API's work in a browser (its sessions and reply templates besides).
    # The same work as operator_api, through the same services.
    "console": FunctionNeeds(publishes_to=("appeal_received", "appeal_routed", "reply_requested",
                                           "regional_callback", "classifier_retrain", "incident_fan_out"),
                             writes_photos=True),
    # Erases personal data past its retention period: appeals, their archived history, their photo reports.
    "erase_expired": FunctionNeeds(deletes_photos=True),
    # Trains the towns' classifier models from their examples and stores them, versioned.
    "retrain_classifier": FunctionNeeds(),
}


def secret_groups() -> tuple[SecretGroup, ...]:
    """The Secret Manager secrets infra/ creates: those some function mounts."""
    return tuple(dict.fromkeys(n.secret for n in FUNCTION_NEEDS.values() if n.secret is not None))
