"""Topics and push subscriptions on the Pub/Sub emulator, wired as infra/ wires them in the cloud. Both are made
idempotently: a start finds whatever an earlier start left and makes the rest."""
from __future__ import annotations

from collections.abc import Iterable

from google.api_core import exceptions as google_exceptions
from google.cloud import pubsub_v1
from google.protobuf import duration_pb2

from otklik.settings import Settings
from otklik.topology import DEAD_LETTER_SUBSCRIPTIONS, PUSH_SUBSCRIPTIONS, DeadLetterSubscription, PushSubscription


def all_topics(settings: Settings) -> list[str]:
    topics = settings.topics
    names = [topics.name(getattr(topics, field)) for field in type(topics).model_fields if field != "prefix"]
    names += [topics.name(s.dead_letter_topic) for s in PUSH_SUBSCRIPTIONS]
    return names


def ensure_topics(settings: Settings) -> None:
    publisher = pubsub_v1.PublisherClient()
    for topic in all_topics(settings):
        try:
            publisher.create_topic(name=publisher.topic_path(settings.project_id, topic))
        except google_exceptions.AlreadyExists:
            pass


def push_endpoint(base_url: str, subscription: PushSubscription, settings: Settings) -> str:
    # functions-framework turns a raw push body into a CloudEvent, naming the topic from this path.
    topic = subscription.topic_id(settings.topics)
    return f"{base_url}/{subscription.function}/projects/{settings.project_id}/topics/{topic}"


def ensure_push_subscriptions(settings: Settings, base_url: str,
                              subscriptions: Iterable[PushSubscription] = PUSH_SUBSCRIPTIONS) -> list[str]:
    subscriber = pubsub_v1.SubscriberClient()
    created: list[str] = []
    with subscriber:
        for subscription in subscriptions:
            topic = subscription.topic_id(settings.topics)
            path = subscriber.subscription_path(settings.project_id, settings.topics.name(subscription.name))
            request = {
                "name": path,
                "topic": subscriber.topic_path(settings.project_id, topic),
                "push_config": {"push_endpoint": push_endpoint(base_url, subscription, settings)},
                "ack_deadline_seconds": subscription.ack_deadline_seconds,
                "dead_letter_policy": {
                    "dead_letter_topic": subscriber.topic_path(
                        settings.project_id, settings.topics.name(subscription.dead_letter_topic)
                    ),
                    "max_delivery_attempts": subscription.max_delivery_attempts,
                },
                "retry_policy": {
                    "minimum_backoff": duration_pb2.Duration(seconds=subscription.min_backoff_seconds),
                    "maximum_backoff": duration_pb2.Duration(seconds=subscription.max_backoff_seconds),
                },
            }
            if subscription.filter:
                request["filter"] = subscription.filter
            if subscription.ordered:
                request["enable_message_ordering"] = True
            try:
                subscriber.create_subscription(request=request)
            except google_exceptions.AlreadyExists:
                # Made by an earlier start: it pushes to this start's server from now on.
                subscriber.modify_push_config(request={"subscription": path, "push_config": request["push_config"]})
            created.append(path)
    return created


def ensure_dead_letter_subscriptions(settings: Settings,
                                     subscriptions: Iterable[DeadLetterSubscription] = DEAD_LETTER_SUBSCRIPTIONS
                                     ) -> list[str]:
    """The pull subscriptions where dead letters wait for `python -m otklik dead-letters`. Without infra/'s 31 days'
    retention, which the emulator refuses (7 days at most): it keeps nothing past its own stop anyway."""
    subscriber = pubsub_v1.SubscriberClient()
    created: list[str] = []
    with subscriber:
        for subscription in subscriptions:
            path = subscriber.subscription_path(settings.project_id, settings.topics.name(subscription.name))
            try:
                subscriber.create_subscription(request={
                    "name": path, "topic": subscriber.topic_path(settings.project_id,
                                                                 settings.topics.name(subscription.topic)),
                    "ack_deadline_seconds": subscription.ack_deadline_seconds})
            except google_exceptions.AlreadyExists:
                pass
            created.append(path)
    return created
