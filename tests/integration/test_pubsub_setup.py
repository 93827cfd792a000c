"""Topics and push subscriptions are made idempotently: `make run` makes them at every start (the Pub/Sub emulator
keeps nothing between runs), and a start that finds them pushes to its own server."""
from __future__ import annotations

from google.cloud import pubsub_v1

from otklik.devstack.pubsub_setup import all_topics, ensure_push_subscriptions, ensure_topics
from otklik.settings import Settings, Topics
from otklik.topology import PUSH_SUBSCRIPTIONS
from tests.conftest import RUN_ID, Stack


def test_a_second_setup_finds_everything_and_points_the_pushes_at_the_new_server(stack: Stack) -> None:
    settings = Settings(topics=Topics(prefix=f"s{RUN_ID}-setup-"))
    ensure_topics(settings)
    first = ensure_push_subscriptions(settings, "http://127.0.0.1:9001")

    ensure_topics(settings)
    again = ensure_push_subscriptions(settings, "http://127.0.0.1:9002")

    assert again == first
    publisher = pubsub_v1.PublisherClient()
    listed = {t.name for t in publisher.list_topics(project=f"projects/{settings.project_id}")}
    assert {publisher.topic_path(settings.project_id, topic) for topic in all_topics(settings)} <= listed
    with pubsub_v1.SubscriberClient() as subscriber:
        made = {path: subscriber.get_subscription(subscription=path) for path in again}
    endpoints = [subscription.push_config.push_endpoint for subscription in made.values()]
    assert endpoints and all(endpoint.startswith("http://127.0.0.1:9002/") for endpoint in endpoints)
    ordered = {path.rsplit("/", 1)[1].removeprefix(settings.topics.prefix)
               for path, subscription in made.items() if subscription.enable_message_ordering}
    assert ordered == {s.name for s in PUSH_SUBSCRIPTIONS if s.ordered} == {"fan-out-incident"}
