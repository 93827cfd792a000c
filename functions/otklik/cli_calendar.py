"""`python -m otklik calendar …`: load a newly published production calendar without a deploy, and list where each
year's calendar comes from."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo


def cmd_load(args: argparse.Namespace) -> int:
    from otklik.domain.calendar_years import CalendarFileRefused
    from otklik.wiring import container

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read it ({error})", file=sys.stderr)
        return 2
    try:
        production_year = container().calendars.load(text, path.name)
    except CalendarFileRefused as error:
        print(f"refused, nothing loaded: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"loaded": production_year.year, "holidays": len(production_year.holidays),
                      "working_weekends": len(production_year.working_weekends),
                      "short_days": len(production_year.short_days), "source": production_year.source},
                     ensure_ascii=False))
    print("Deadlines set from now on count with it (each instance within its configuration cache time); deadlines "
          "already set stay as they are.", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    deps = container()
    today = datetime.now(ZoneInfo(deps.settings.timezone)).date()
    sources = deps.calendars.sources(today)
    for year, source in sources.items():
        print(json.dumps({"year": year, "source": str(source)}) if args.json else f"{year}  {source}")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    calendar = commands.add_parser("calendar", help="production calendars: load a newly published year, list years")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", required=True, metavar="SUBCOMMAND")

    load = calendar_commands.add_parser(
        "load", help="load one year's production calendar into Firestore (it wins over the shipped one and over the "
                     "provisional statutory holidays)",
        description='A JSON file like functions/otklik/domain/data/calendars/ru/2027.json: {"year": 2028, "source": '
                    '"the decree", "holidays": [...], "working_weekends": [...], "short_days": [...]}, every date in '
                    'that year, each once.')
    load.add_argument("file", help="for example 2028.json")
    load.set_defaults(handler=cmd_load)

    listing = calendar_commands.add_parser(
        "list", help="which years are shipped, loaded, or provisional (the statutory holidays alone)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=cmd_list)
