"""What the four webhook entry points share: finding the receiving channel, checking its secret,
and turning an interpreted platform event into a stored appeal and the answer the platform expects."""
from __future__ import annotations

import json
import logging
from functools import lru_cache

import flask

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Channel
from otklik.entrypoints.http import ApiError, path_segments
from otklik.entrypoints.wire import WebhookAck
from otklik.platforms.events import EditedMessage, Ignored, NewMessage, PlatformEvent
from otklik.wiring import Container

log = logging.getLogger(__name__)


def channel_from_path(request: flask.Request, platform: Channel, deps: Container) -> ChannelConfig:
    segments = path_segments(request)
    if len(segments) != 1:
        raise ApiError(404, "unknown_channel", f"post to /<{platform} account>")
    channel = deps.channels.get(platform, segments[0])
    if channel is None:
        raise ApiError(404, "unknown_channel", f"no {platform} account {segments[0]!r} is configured")
    return channel


def require_secret(channel: ChannelConfig, presented: str | None, deps: Container) -> None:
    if not deps.secrets.matches(channel.webhook_secret_ref, presented):
        log.warning("webhook secret mismatch", extra={"channel": channel.key})
        raise ApiError(403, "forbidden", "the secret does not match this channel")


def vk_confirmation(channel: ChannelConfig, presented: str | None, deps: Container) -> flask.Response:
    """The community's confirmation string. VK's documented confirmation request carries only `type` and
    `group_id`, so it is answered without a secret; one that is sent must still match."""
    if presented is not None:
        require_secret(channel, presented, deps)
    return text_ack(channel.vk_confirmation or "")


def ok_channel_by_path_token(request: flask.Request, deps: Container) -> ChannelConfig:
    """OK signs nothing: an unguessable token in the subscribed URL path names the group."""
    segments = path_segments(request)
    token = segments[0] if len(segments) == 1 else None
    matches = [c for c in deps.channels.of_platform(Channel.OK) if deps.secrets.matches(c.webhook_secret_ref, token)]
    if not matches:
        raise ApiError(404, "not_found", "not found")
    return matches[0]


def accept(event: PlatformEvent, channel: ChannelConfig, deps: Container, ack: flask.Response) -> flask.Response:
    if isinstance(event, Ignored):
        log.info("event ignored", extra={"channel": channel.key, "reason": event.reason})
    elif isinstance(event, EditedMessage):
        deps.ingest.edit(channel.platform, channel.account, event.event_id, event.text, event.edited_at)
    elif isinstance(event, NewMessage):
        deps.ingest.receive(event.message, channel.municipality)
    return ack


def json_ack() -> flask.Response:
    return flask.Response(_json_ack_body(), status=200, mimetype="application/json")


@lru_cache(maxsize=1)
def _json_ack_body() -> str:
    return json.dumps(WebhookAck().model_dump())


def text_ack(body: str = "ok") -> flask.Response:
    return flask.Response(body, status=200, mimetype="text/plain")
