"""The OpenAPI document of the four platform webhooks (vk_webhook, telegram_webhook, ok_webhook, max_webhook).

They are four functions on one host, so each path starts with its function's name."""
from __future__ import annotations

from typing import Any

from otklik.entrypoints.wire import WebhookAck
from otklik.openapi.builder import Body, Document, Operation, Reply
from otklik.openapi.common import HEADERS, MALFORMED, TOO_LARGE, UNAVAILABLE, error, servers
from otklik.platforms.max import webhook as max_platform
from otklik.platforms.ok import webhook as ok
from otklik.platforms.telegram import webhook as telegram
from otklik.platforms.vk import webhook as vk

DESCRIPTION = """Where VK, Telegram, OK and MAX deliver what residents write. Each update is stored as an appeal (or
a follow-up, or an edit) before the answer, so a 2xx means it is kept; any other answer makes the platform send it
again, and a repeated update is recognised and stored once. Fields Otklik does not read are ignored. Only POST is
served: any other method is answered 405 with `Allow: POST` and nothing is stored. Errors are
`{error, message, details?}`; a 5xx is answered only when the platform should send again."""

_TAKEN = Reply("Taken: stored, or ignored as nothing to answer (a bot's message, a channel post).", WebhookAck)
_WRONG_SECRET = error("forbidden: the secret does not match the channel's.")


def _account(platform: str) -> dict[str, Any]:
    return {"name": "account", "in": "path", "required": True, "schema": {"type": "string"},
            "description": f"The receiving {platform} account as configured for its town, e.g. yuzhno."}


def _secret_header(name: str, how: str) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": True, "schema": {"type": "string"},
            "description": f"The channel's webhook secret, {how}."}


OPERATIONS = (
    Operation(
        "POST", "/vk_webhook", "vkCallback", "A VK Callback API event",
        description="The community is found by `group_id`, the secret is the body's `secret`. A `confirmation` "
                    "event is answered with the community's confirmation string, every other one with `ok`.",
        body=Body(vk.CallbackEnvelope),
        replies={"200": Reply("ok, or the confirmation string.", media_types=("text/plain",),
                              raw_schema={"type": "string"}),
                 "400": MALFORMED, "403": _WRONG_SECRET,
                 "404": error("unknown_channel: no community with this group_id is configured."),
                 "413": TOO_LARGE, "503": UNAVAILABLE}),
    Operation(
        "POST", "/telegram_webhook/{account}", "telegramUpdate", "A Telegram Bot API update",
        parameters=(_account("Telegram bot"),
                    _secret_header(telegram.SECRET_HEADER, "the secret_token given to setWebhook")),
        body=Body(telegram.Update),
        replies={"200": _TAKEN, "400": MALFORMED, "403": _WRONG_SECRET,
                 "404": error("unknown_channel: no Telegram bot with this account is configured."),
                 "413": TOO_LARGE, "503": UNAVAILABLE}),
    Operation(
        "POST", "/ok_webhook/{token}", "okUpdate", "An OK Bot API webhook update",
        description="OK signs nothing: the subscribed URL's unguessable path token names the group.",
        parameters=({"name": "token", "in": "path", "required": True, "schema": {"type": "string"},
                     "description": "The group's webhook secret, as the last path segment of the subscribed URL."},),
        body=Body(ok.Update),
        replies={"200": _TAKEN, "400": MALFORMED, "404": error("not_found: no OK group has this token."),
                 "413": TOO_LARGE, "503": UNAVAILABLE}),
    Operation(
        "POST", "/max_webhook/{account}", "maxUpdate", "A MAX Bot API update",
        parameters=(_account("MAX bot"), _secret_header(max_platform.SECRET_HEADER, "the subscription's secret")),
        body=Body(max_platform.Update),
        replies={"200": _TAKEN, "400": MALFORMED, "403": _WRONG_SECRET,
                 "404": error("unknown_channel: no MAX bot with this account is configured."),
                 "413": TOO_LARGE, "503": UNAVAILABLE}),
)


def webhooks_document() -> Document:
    return Document(title="Otklik platform webhooks", version="1.0.0", description=DESCRIPTION,
                    servers=servers(), operations=OPERATIONS, headers=HEADERS)
