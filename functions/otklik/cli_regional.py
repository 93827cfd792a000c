"""`python -m otklik regional …`: register regional clients, and sign a request by hand (for curl)."""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from pydantic import ValidationError

from otklik.regional.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, RegionalClient
from otklik.regional.signing import signed_headers


def cmd_add_client(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    try:
        client = RegionalClient(id=args.id, name=args.name, secret_ref=args.secret_ref,
                                towns=tuple(t.strip() for t in args.towns.split(",") if t.strip()),
                                callback_url=args.callback_url, rate_limit_per_minute=args.rate_limit)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            print(f"{'.'.join(str(p) for p in problem['loc']) or 'client'}: {problem['msg']}", file=sys.stderr)
        return 2
    deps = container()
    unknown = [t for t in client.towns if t not in deps.towns.all()]
    if unknown:
        print(f"unknown towns: {', '.join(unknown)} (load the configuration first)", file=sys.stderr)
        return 2
    deps.regional_clients.save(client)
    print(json.dumps(client.model_dump(mode="json"), ensure_ascii=False))
    if deps.secrets.get(client.secret_ref) is None:
        print(f"note: no secret named {client.secret_ref} in OTKLIK_CHANNEL_SECRETS here; requests will be refused "
              "until the functions have it", file=sys.stderr)
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    secret = args.secret
    if secret is None:
        from otklik.wiring import container

        secret = container().secrets.get(args.secret_ref)
        if secret is None:
            print(f"no secret named {args.secret_ref} in OTKLIK_CHANNEL_SECRETS", file=sys.stderr)
            return 2
    body = Path(args.body_file).read_bytes() if args.body_file else b""
    headers = signed_headers(args.client, secret, args.method, args.path, body)
    if not args.url:
        print(json.dumps(headers))
        return 0
    parts = ["curl", "-sS", "-X", args.method.upper(), args.url.rstrip("/") + args.path,
             *[item for name, value in headers.items() for item in ("-H", f"{name}: {value}")]]
    if args.body_file:
        parts += ["-H", "Content-Type: application/json", "--data-binary", f"@{args.body_file}"]
    print(shlex.join(parts))
    print("(valid for 5 minutes)", file=sys.stderr)
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    regional = commands.add_parser("regional", help="regional centre clients and signed requests")
    regional_commands = regional.add_subparsers(dest="regional_command", required=True, metavar="SUBCOMMAND")

    add = regional_commands.add_parser("add-client", help="add or replace a regional client")
    add.add_argument("--id", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--towns", required=True, help="comma-separated town codes the client may use")
    add.add_argument("--callback-url", help="https URL for callbacks")
    add.add_argument("--secret-ref", required=True, help="the shared secret's name in the secret store")
    add.add_argument("--rate-limit", type=int, default=DEFAULT_RATE_LIMIT_PER_MINUTE, help="requests a minute")
    add.set_defaults(handler=cmd_add_client)

    sign = regional_commands.add_parser("sign", help="signature headers for one request (or a curl command)")
    sign.add_argument("--client", required=True)
    secret = sign.add_mutually_exclusive_group(required=True)
    secret.add_argument("--secret", help="the shared secret itself (local use)")
    secret.add_argument("--secret-ref", help="the secret's name in OTKLIK_CHANNEL_SECRETS")
    sign.add_argument("--method", default="POST")
    sign.add_argument("--path", required=True, help="e.g. /appeals or /appeals/R-1")
    sign.add_argument("--body-file", help="the exact body to send")
    sign.add_argument("--url", help="the API's base URL: print a complete curl command")
    sign.set_defaults(handler=cmd_sign)
