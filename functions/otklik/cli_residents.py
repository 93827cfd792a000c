"""`python -m otklik residents …`: a resident's data on their request (export, erase), the retention pass by hand,
and the audit log of all three. Each export and erasure is recorded with who ran it (`--by`, else the system
user), when, which appeal ids and how many: never the data itself."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict

from otklik.domain.model import Channel


def _who(args: argparse.Namespace) -> str:
    return f"cli:{args.by or getpass.getuser()}"


def cmd_export(args: argparse.Namespace) -> int:
    from otklik.services.residents import TooManyAppeals
    from otklik.wiring import container

    try:
        exported = container().residents.export(Channel(args.channel), args.author, _who(args))
    except TooManyAppeals as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps({"channel": args.channel, "author": args.author, "appeals": exported.appeals,
                      "outbox": exported.outbox}, ensure_ascii=False, indent=2))
    print(f"({len(exported.appeals)} appeals and messages; the export is recorded in the audit log)", file=sys.stderr)
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from otklik.services.residents import TooManyAppeals
    from otklik.wiring import container

    try:
        report = container().residents.erase(Channel(args.channel), args.author, _who(args))
    except TooManyAppeals as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(report.counts() | {"appeal_ids": report.appeal_ids}))
    if report.still_open:
        print(f"{report.still_open} of them were still being worked on: their answers can no longer reach the "
              "resident", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_erase_expired(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    report = container().residents.erase_expired()
    print(json.dumps(report.counts() | {"finished": report.finished}))
    return 1 if report.failed else 0


def cmd_audit(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    for entry in container().residents.audit_log(args.limit):
        print(json.dumps(asdict(entry) | {"at": entry.at.isoformat(), "counts": dict(entry.counts)},
                         ensure_ascii=False))
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    residents = commands.add_parser("residents", help="a resident's personal data: export, erase; the retention pass")
    resident_commands = residents.add_subparsers(dest="residents_command", required=True, metavar="SUBCOMMAND")
    channels = [c.value for c in Channel]
    for name, handler, text in (("export", cmd_export, "print every appeal and message stored for one resident"),
                                ("erase", cmd_erase, "erase one resident's personal data now, in all their appeals")):
        command = resident_commands.add_parser(name, help=text)
        command.add_argument("--channel", required=True, choices=channels)
        command.add_argument("--author", required=True,
                             help="the resident's platform id (author.platform_user_id; for regional appeals the "
                                  "profile link)")
        command.add_argument("--by", help="who asks, for the audit log (default: the system user)")
        command.set_defaults(handler=handler)
    expired = resident_commands.add_parser(
        "erase-expired", help="erase what each town's retention period no longer allows keeping (the daily pass)")
    expired.set_defaults(handler=cmd_erase_expired)
    audit = resident_commands.add_parser("audit", help="the latest exports and erasures, newest first")
    audit.add_argument("--limit", type=int, default=20)
    audit.set_defaults(handler=cmd_audit)
