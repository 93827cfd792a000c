"""`python -m otklik dead-letters list|replay`: what waits in the dead-letter subscriptions, and sending it back."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta

COLUMNS = (("DEAD LETTERS OF", 28), ("APPEAL", 27), ("ATTEMPTS", 8), ("AGE", 10), ("ERROR", 0))


def _row(*cells: str) -> str:
    return "  ".join(cell.ljust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True)).rstrip()


def _age(span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d {hours:02d}h" if days else f"{hours}h {minutes:02d}m"


def cmd_list(args: argparse.Namespace) -> int:
    from otklik.services.dead_letters import UnknownTopic
    from otklik.wiring import container

    try:
        waiting = container().dead_letters.waiting(args.topic, args.limit)
    except UnknownTopic as error:
        print(error, file=sys.stderr)
        return 2
    if args.json:
        for letter in waiting:
            print(json.dumps({"subscription": letter.subscription, "gave_up": letter.gave_up, "topic": letter.topic,
                              "message_id": letter.message_id, "appeal_id": letter.appeal_id,
                              "attempts": letter.attempts, "age_seconds": int(letter.age.total_seconds()),
                              "error": letter.error}, ensure_ascii=False))
    else:
        print(_row(*(title for title, _ in COLUMNS)))
        for letter in waiting:
            print(_row(letter.gave_up, letter.appeal_id or "-", str(letter.attempts or "-"), _age(letter.age),
                       (letter.error or "-").replace("\n", " ")))
    print(f"({len(waiting)} waiting; none acknowledged: `dead-letters replay` sends them again)", file=sys.stderr)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from otklik.services.dead_letters import UnknownTopic
    from otklik.wiring import container

    try:
        report = container().dead_letters.replay(args.topic, args.limit)
    except UnknownTopic as error:
        print(error, file=sys.stderr)
        return 2
    for subscription, count in report.replayed.items():
        if count:
            print(f"{subscription}: {count} republished and acknowledged")
    print(f"({sum(report.replayed.values())} replayed)", file=sys.stderr)
    if report.failed:
        print(f"stopped: {report.failed}; what was not republished still waits", file=sys.stderr)
        return 1
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dead_letters = commands.add_parser("dead-letters", help="messages Pub/Sub gave up on: list them, replay them")
    dead_letter_commands = dead_letters.add_subparsers(dest="dead_letters_command", required=True,
                                                       metavar="SUBCOMMAND")
    topic_help = ("only the dead letters of this push subscription (deliver-reply), its dead-letter topic "
                  "(deliver-reply.dead-letter) or the topic it takes (reply.requested)")
    listing = dead_letter_commands.add_parser(
        "list", help="what waits in each dead-letter subscription (appeal, last error, attempts, age); "
                     "acknowledges nothing")
    listing.add_argument("--topic", help=topic_help)
    listing.add_argument("--limit", type=int, default=1000, help="at most this many per subscription")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=cmd_list)
    replay = dead_letter_commands.add_parser(
        "replay", help="publish them again to the topic they were first published to, once the cause is fixed; "
                       "each is acknowledged once republished")
    replay.add_argument("--topic", help=topic_help)
    replay.add_argument("--limit", type=int, default=1000, help="at most this many per subscription")
    replay.set_defaults(handler=cmd_replay)
