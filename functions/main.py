"""Cloud Functions entry points. Each reads its envelope, calls a service and maps errors to answers.

Every function is deployed from this one file, so the platform, message and API modules are imported inside
the function that serves them: a cold instance loads (and builds the models of) only what its own function
needs."""
from __future__ import annotations

from otklik.entrypoints.instance import hold_collection_until_settled, settles_instance

hold_collection_until_settled()  # before the imports below: see otklik/entrypoints/instance.py

import flask
import functions_framework
from cloudevents.http import CloudEvent
from werkzeug.exceptions import HTTPException

from otklik.domain.model import Channel
from otklik.entrypoints.bodies import read_model
from otklik.entrypoints.http import ApiError, http_endpoint, http_error_as_json
from otklik.entrypoints.pubsub import read_delivery
from otklik.wiring import container

# Platforms deliver updates by POST; anything else is refused before the body is read.
WEBHOOK_METHODS = ("POST",)
# What the framework refuses before a function runs (a path it cannot route) is answered as JSON, like the rest.
functions_framework.errorhandler(HTTPException)(http_error_as_json)


@functions_framework.http
@http_endpoint(methods=WEBHOOK_METHODS)
def telegram_webhook(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import webhooks
    from otklik.platforms.telegram import webhook as telegram

    deps = container()
    channel = webhooks.channel_from_path(request, Channel.TELEGRAM, deps)
    webhooks.require_secret(channel, request.headers.get(telegram.SECRET_HEADER), deps)
    update = read_model(request, telegram.Update, deps.settings.max_body_bytes)
    event = telegram.interpret(update, account=channel.account, bot_username=channel.bot_username,
                               bot_user_id=channel.bot_user_id)
    return webhooks.accept(event, channel, deps, ack=webhooks.json_ack())


@functions_framework.http
@http_endpoint(methods=WEBHOOK_METHODS)
def vk_webhook(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import webhooks
    from otklik.platforms.vk import webhook as vk

    deps = container()
    envelope = read_model(request, vk.CallbackEnvelope, deps.settings.max_body_bytes)
    channel = deps.channels.get(Channel.VK, str(envelope.group_id))
    if channel is None:
        raise ApiError(404, "unknown_channel", f"no VK community {envelope.group_id} is configured")
    if envelope.type == "confirmation":
        return webhooks.vk_confirmation(channel, envelope.secret, deps)
    webhooks.require_secret(channel, envelope.secret, deps)
    return webhooks.accept(vk.interpret(envelope, account=channel.account), channel, deps, ack=webhooks.text_ack())


@functions_framework.http
@http_endpoint(methods=WEBHOOK_METHODS)
def ok_webhook(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import webhooks
    from otklik.platforms.ok import webhook as ok

    deps = container()
    channel = webhooks.ok_channel_by_path_token(request, deps)
    update = read_model(request, ok.Update, deps.settings.max_body_bytes)
    event = ok.interpret(update, account=channel.account)
    return webhooks.accept(event, channel, deps, ack=webhooks.json_ack())


@functions_framework.http
@http_endpoint(methods=WEBHOOK_METHODS)
def max_webhook(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import webhooks
    from otklik.platforms.max import webhook as max_platform

    deps = container()
    channel = webhooks.channel_from_path(request, Channel.MAX, deps)
    webhooks.require_secret(channel, request.headers.get(max_platform.SECRET_HEADER), deps)
    update = read_model(request, max_platform.Update, deps.settings.max_body_bytes)
    event = max_platform.interpret(update, account=channel.account, bot_username=channel.bot_username,
                                   bot_user_id=channel.bot_user_id)
    return webhooks.accept(event, channel, deps, ack=webhooks.json_ack())


@functions_framework.cloud_event
@settles_instance
def route_appeal(event: CloudEvent) -> None:
    from otklik.messages import AppealReceived

    delivery = read_delivery(event, AppealReceived)
    if delivery is not None:
        container().routing.handle(delivery.body)


@functions_framework.cloud_event
@settles_instance
def group_appeal(event: CloudEvent) -> None:
    from otklik.messages import AppealRouted

    # Routing's first decision about an appeal (first_routing): the appeal joins or starts an incident, or stays alone.
    delivery = read_delivery(event, AppealRouted)
    if delivery is not None:
        container().group_appeal.handle(delivery.body)


@functions_framework.cloud_event
@settles_instance
def hand_to_regional(event: CloudEvent) -> None:
    from otklik.messages import AppealRouted

    delivery = read_delivery(event, AppealRouted)
    if delivery is not None:
        container().regional_handoff.handle(delivery.body, delivery.attributes)


@functions_framework.http
@http_endpoint()
def operator_api(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import operator_api as operator_routes

    return operator_routes.handle(request, container())


@functions_framework.cloud_event
@settles_instance
def deliver_reply(event: CloudEvent) -> None:
    from otklik.messages import ReplyRequested

    delivery = read_delivery(event, ReplyRequested)
    if delivery is not None:
        # RetryLater propagates: the push fails and Pub/Sub redelivers with backoff.
        container().delivery.deliver(delivery.body)


@functions_framework.cloud_event
@settles_instance
def mark_reply_undelivered(event: CloudEvent) -> None:
    from otklik.messages import ReplyRequested

    # A reply.requested that ran out of retries, from deliver-reply's dead-letter topic.
    delivery = read_delivery(event, ReplyRequested)
    if delivery is not None:
        container().reply_dead_letters.give_up(delivery.body, delivery.dead_letter_attempts)


@functions_framework.cloud_event
@settles_instance
def mark_callback_undelivered(event: CloudEvent) -> None:
    from otklik.messages import RegionalCallback

    # A regional callback that ran out of retries, from deliver-regional-callback's dead-letter topic.
    delivery = read_delivery(event, RegionalCallback)
    if delivery is not None:
        container().callback_dead_letters.give_up(delivery.body, delivery.dead_letter_attempts)


@functions_framework.cloud_event
@settles_instance
def mark_routing_failed(event: CloudEvent) -> None:
    from otklik.messages import AppealReceived

    # An appeal.received whose routing kept failing, from route-appeal's dead-letter topic.
    delivery = read_delivery(event, AppealReceived)
    if delivery is not None:
        container().routing_dead_letters.give_up(delivery.body, delivery.dead_letter_attempts)


@functions_framework.http
@http_endpoint()
def regional_api(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import regional_api as regional_routes

    return regional_routes.handle(request, container())


@functions_framework.cloud_event
@settles_instance
def deliver_regional_callback(event: CloudEvent) -> None:
    from otklik.messages import RegionalCallback

    delivery = read_delivery(event, RegionalCallback)
    if delivery is not None:
        # CallbackNotDelivered propagates: the push fails and Pub/Sub redelivers with backoff.
        container().regional_callbacks.deliver(delivery.body)


@functions_framework.http
@http_endpoint()
def open311(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import open311 as open311_routes

    return open311_routes.handle(request, container())


@functions_framework.cloud_event
@settles_instance
def sweep_deadlines(event: CloudEvent) -> None:
    # The tick's content does not matter: the sweep reads what is due at the time it runs.
    container().sweep.tick()


@functions_framework.cloud_event
@settles_instance
def notify_staff(event: CloudEvent) -> None:
    from otklik.messages import StaffNotices

    delivery = read_delivery(event, StaffNotices)
    if delivery is not None:
        # StaffNoticesPending propagates: the push fails and Pub/Sub redelivers with backoff (rate limits).
        container().staff_notifier.notify(delivery.body)


@functions_framework.cloud_event
@settles_instance
def erase_expired(event: CloudEvent) -> None:
    # The daily tick's content does not matter: the pass reads what is due when it runs.
    container().residents.erase_expired()


@functions_framework.cloud_event
@settles_instance
def retrain_classifier(event: CloudEvent) -> None:
    from otklik.messages import RetrainClassifier

    # The nightly tick (every town) or a town whose operators' decisions made enough new examples.
    delivery = read_delivery(event, RetrainClassifier)
    if delivery is not None:
        container().retraining.handle(delivery.body)


@functions_framework.http
@http_endpoint()
def monthly_report(request: flask.Request) -> flask.Response:
    from otklik.entrypoints import monthly_report as report_routes

    return report_routes.handle(request, container())


@functions_framework.cloud_event
@settles_instance
def fan_out_incident(event: CloudEvent) -> None:
    from otklik.messages import IncidentFanOut

    # A step of work on an incident carried on to the next page of its members, or a member's "не решено".
    delivery = read_delivery(event, IncidentFanOut)
    if delivery is not None:
        container().incident_work.fan_out(delivery.body)
@functions_framework.http
@settles_instance  # not http_endpoint: the console answers its failures with pages, not JSON
def console(request: flask.Request) -> flask.Response:
    from otklik.console import app as console_app

    # Pages, not JSON: the console maps its own failures to HTML pages (console/app.py).
    return console_app.handle(request, container())
