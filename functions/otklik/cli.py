"""The admin command line: `python -m otklik --help`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otklik.domain.model import OPEN_STATUSES, Appeal
from otklik.logs import configure_logging

if TYPE_CHECKING:  # imported by the commands that use them, so that the others start quicker
    from otklik.domain.learning.examples import LabelledText
    from otklik.domain.principals import Role

RUN_FILE = Path.cwd() / ".otklik" / "run.env"


def _use_local_stack_if_running() -> None:
    """Without emulator settings in the environment, talk to the stack `make run` started."""
    configured = ("FIRESTORE_EMULATOR_HOST", "OTKLIK_PROJECT_ID", "GOOGLE_CLOUD_PROJECT")
    if any(name in os.environ for name in configured) or not RUN_FILE.exists():
        return  # an explicit project (the cloud, or tests) is never overridden by a local stack
    for line in RUN_FILE.read_text().splitlines():
        key, _, value = line.partition("=")
        os.environ.setdefault(key, value)
    print(f"(using the local stack of `make run`: {RUN_FILE})", file=sys.stderr)


LIST_COLUMNS = (("ID", 27), ("RECEIVED", 17), ("CHANNEL", 9), ("TOWN", 18), ("CATEGORY", 18), ("DEPARTMENT", 18),
                ("STATUS", 12), ("TIME LEFT", 15), ("TEXT", 0))


def _row(*cells: str) -> str:
    return "  ".join(cell.ljust(width) for cell, (_, width) in zip(cells, LIST_COLUMNS, strict=True)).rstrip()


def time_left(appeal: Appeal, now: datetime) -> str:
    """Until the deadline of an appeal still being worked on: "5h 12m left", "overdue 2d 03h"; "-" for the rest."""
    if appeal.status not in OPEN_STATUSES or appeal.due_at is None:
        return "-"
    left = appeal.due_at - now
    return f"{_duration(left)} left" if left > timedelta(0) else f"overdue {_duration(-left)}"


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours:02d}h"
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def _summary(appeal: Appeal, now: datetime) -> str:
    return _row(appeal.id, f"{appeal.received_at:%Y-%m-%d %H:%M}Z", appeal.channel, appeal.municipality,
                appeal.category or "-", appeal.department or "-", appeal.status, time_left(appeal, now),
                appeal.text.replace("\n", " ")[:60])


def cmd_appeals_list(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    appeals = container().appeals.recent(args.limit)
    if args.json:
        for appeal in appeals:
            print(appeal.model_dump_json())
        return 0
    now = datetime.now(UTC)
    print(_row(*(title for title, _ in LIST_COLUMNS)))
    for appeal in appeals:
        print(_summary(appeal, now))
    print(f"({len(appeals)} shown)", file=sys.stderr)
    return 0


def cmd_appeals_show(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    appeals = container().appeals
    appeal = appeals.get(args.appeal_id)
    if appeal is None:
        print(f"no appeal {args.appeal_id}", file=sys.stderr)
        return 1
    shown = appeal.model_dump(mode="json")
    if args.full_history and appeal.archived_history:
        archived = [entry.model_dump(mode="json") for entry in appeals.archived_history(appeal.id)]
        shown |= {"history": archived + shown["history"], "archived_history": 0}
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    return 0


def cmd_appeals_quarantined(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    found = container().appeals.quarantined(args.limit)
    for appeal in found:
        problem = (f"does not read ({appeal.problem})" if appeal.problem
                   else "reads; the sweep's change failed (see its log)")
        print(json.dumps({"appeal_id": appeal.appeal_id, "since": appeal.since.isoformat(), "problem": appeal.problem})
              if args.json else f"{appeal.appeal_id}  since {appeal.since:%Y-%m-%d %H:%M}Z  {problem}")
    if not args.json:
        print(f"({len(found)} set aside by the deadline sweep; `appeals release ID` puts one back)", file=sys.stderr)
    return 0


def cmd_appeals_release(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    try:
        released = container().appeals.release(args.appeal_id)
    except ValueError as error:  # it still does not parse
        print(f"appeal {args.appeal_id} still does not read ({type(error).__name__}); repair it first",
              file=sys.stderr)
        return 1
    if not released:
        print(f"no appeal {args.appeal_id}", file=sys.stderr)
        return 1
    print(f"appeal {args.appeal_id} is back in the deadline sweep", file=sys.stderr)
    return 0


def cmd_republish(args: argparse.Namespace) -> int:
    from otklik.services.sweep import STALE_OUTBOX_AFTER
    from otklik.wiring import container, utc_now

    published = container().outbox.flush_stale(utc_now() - STALE_OUTBOX_AFTER, limit=args.limit)
    print(json.dumps({"published": published}))
    return 0


def cmd_config_load(args: argparse.Namespace) -> int:
    from otklik.domain.towns import RegionConfig
    from otklik.wiring import container

    region = RegionConfig.model_validate_json(Path(args.file).read_text(encoding="utf-8"))
    deps = container()
    deps.towns.save(region.towns)
    if region.channels:
        deps.channels.save(region.channels)
    print(f"loaded version {region.version}: {len(region.towns)} towns, {len(region.channels)} channels")
    return 0


def cmd_towns_check(args: argparse.Namespace) -> int:
    """The towns' duty chats: each with its problem (a bot not configured, a chat that refused the bot) or "ok";
    exit status 1 when any has a problem."""
    from otklik.services.staff_notices import check_duty_chats
    from otklik.wiring import container

    deps = container()
    checks = check_duty_chats(deps.towns.all(), deps.channels, deps.staff_notice_ledger.chat_statuses())
    for check in checks:
        if args.json:
            print(json.dumps(vars(check), ensure_ascii=False))
        else:
            print(f"{check.town:<20} {check.serves:<20} {check.chat_key:<28} {check.problem or 'ok'}")
    return 1 if any(check.problem for check in checks) else 0


def cmd_classify(args: argparse.Namespace) -> int:
    """Each line classified on its own: a bad line is reported on stderr (its number and what is wrong with it)
    and skipped; the exit status is 2 when any was."""
    from otklik.domain.classification import Classification, classify
    from otklik.domain.classification.combined import Classifier

    classifier: Callable[[str], Classification] = classify
    if args.model:
        loaded = Classifier.from_document(Path(args.model).read_bytes())
        if loaded.model_problem:
            print(f"{args.model}: model refused, classifying by the rules alone: {loaded.model_problem}",
                  file=sys.stderr)
        classifier = loaded
    bad_lines = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item, text = _classify_input(line)
        except ValueError as problem:
            print(f"line {number}: {problem}; skipped", file=sys.stderr, flush=True)
            bad_lines += 1
            continue
        result = classifier(text)
        item.update(category=result.category, confidence=round(result.confidence, 3), triage=result.triage,
                    reasons=list(result.reasons), kind=result.kind)
        print(json.dumps(item, ensure_ascii=False), flush=args.flush)
    if bad_lines:
        print(f"{bad_lines} line(s) skipped", file=sys.stderr)
    return 2 if bad_lines else 0


def _classify_input(line: str) -> tuple[dict[str, Any], str]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise ValueError(f'expected a JSON object with a "text" field, got {type(item).__name__}')
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('the "text" field is missing' if "text" not in item else '"text" is not a string')
    return item, text


def _labelled(path: str) -> list[LabelledText]:
    from otklik.domain.learning.examples import read_examples

    with open(path, encoding="utf-8") as lines:
        return list(read_examples(lines))


def cmd_classifier_train(args: argparse.Namespace) -> int:
    from otklik.domain.learning.evaluation import rules_decision
    from otklik.domain.learning.examples import BadExample
    from otklik.domain.learning.model import train

    if args.regional_archive:
        from otklik.regional_archive import archive_examples

        source, examples = "regional archive", archive_examples()
    else:
        source = args.source
        try:
            examples = _labelled(source)
        except BadExample as error:
            print(f"{source}: {error}", file=sys.stderr)
            return 2
    if args.out is None:
        return _load_archive(args.town, source, examples)
    model = train(examples, rules=rules_decision, town=args.town,
                  trained_at=datetime.now(UTC).isoformat(timespec="seconds"))
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"model": args.out, "town": args.town, "examples": model.examples,
                      "categories": model.categories, "corrections": len(model.corrections)}, ensure_ascii=False))
    return 0


def _load_archive(town: str | None, source: str, examples: list[LabelledText]) -> int:
    """A town's archive stored as its examples (Firestore: the emulator of a running local stack, else the cloud of
    the settings), and its model trained from them at once."""
    from otklik.wiring import container

    deps = container()
    if town is None:
        print("name the model file (--out), or the town whose examples the archive becomes (--town)", file=sys.stderr)
        return 2
    if town not in deps.towns.all():
        print(f"unknown town {town!r} (python -m otklik config load … first)", file=sys.stderr)
        return 2
    stored = deps.retraining.load_archive(town, examples)
    trained = deps.retraining.retrain(town)
    print(json.dumps({"town": town, "archive": source, "examples_stored": stored,
                      "examples": trained.examples, "model_version": trained.version, "outcome": trained.reason},
                     ensure_ascii=False))
    return 0


def cmd_classifier_retrain(args: argparse.Namespace) -> int:
    """What retrain_classifier does with the nightly tick (every town), or for one town; --force trains even when
    no example is newer than the current model."""
    from otklik.wiring import container

    retraining = container().retraining
    towns = [args.town] if args.town else sorted(container().towns.all())
    for town in towns:
        done = retraining.retrain(town, force=args.force)
        print(json.dumps({"town": done.town, "model_version": done.version, "examples": done.examples,
                          "outcome": done.reason}))
    return 0


def cmd_classifier_versions(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    models = container().classifier_models
    current = models.current(args.town)
    for version in models.versions(args.town):
        print(json.dumps({"version": version.version, "trained_at": version.trained_at.isoformat(),
                          "examples": version.examples, "current": current is not None
                          and current.version == version.version}))
    return 0


def cmd_classifier_rollback(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    if not container().classifier_models.make_current(args.town, args.version):
        print(f"{args.town} keeps no version {args.version} (classifier versions --town {args.town})",
              file=sys.stderr)
        return 1
    print(json.dumps({"town": args.town, "current": args.version}))
    return 0


def cmd_classifier_evaluate(args: argparse.Namespace) -> int:
    from otklik.domain.learning.evaluation import cross_validate
    from otklik.domain.learning.examples import BadExample

    try:
        examples = _labelled(args.source)
    except BadExample as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return 2
    if len(examples) < args.folds:
        print(f"{args.source}: {len(examples)} labelled texts cannot make {args.folds} folds", file=sys.stderr)
        return 2
    quality = cross_validate(examples, args.folds)
    print(json.dumps({"folds": args.folds, **quality.as_dict()}, ensure_ascii=False, indent=2))
    return 0


def cmd_keys_issue(args: argparse.Namespace) -> int:
    from otklik.domain.principals import Role
    from otklik.wiring import container

    role = Role(args.role)
    towns = tuple(t.strip() for t in args.town.split(",") if t.strip())
    if role is Role.DEPARTMENT and not args.department:
        print("a department key needs --department", file=sys.stderr)
        return 2
    if role in (Role.OPERATOR, Role.DEPARTMENT, Role.SUPERVISOR) and len(towns) != 1:
        print(f"a {role} key is for exactly one town", file=sys.stderr)
        return 2
    principal, plaintext = container().api_keys.issue(role, towns, args.department, args.name)
    print(json.dumps({"key_id": principal.key_id, "role": str(role), "towns": list(towns),
                      "department": args.department, "api_key": plaintext}, ensure_ascii=False))
    print("The key is shown only now; it is stored hashed.", file=sys.stderr)
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from otklik.wiring import container

    revoked = container().api_keys.revoke(args.key_id)
    # The console's sessions signed in with it end now, not when they expire.
    ended = container().console_sessions.end_for_key(args.key_id)
    print(json.dumps({"key_id": args.key_id, "revoked": revoked, "console_sessions_ended": ended}))
    return 0 if revoked else 1


def cmd_sweep(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from otklik.wiring import container

    report = container().sweep.tick()
    print(json.dumps({k: v for k, v in asdict(report).items() if k != "touched"}))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from otklik.services.report import ReportRefused, as_csv
    from otklik.wiring import container

    try:
        report = container().reports.monthly(args.town, args.month)
    except ReportRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(as_csv(report) if args.format == "csv" else report.model_dump_json(indent=2), end="")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from otklik.adapters.appeal_migration import MAX_BATCH, MigrationReport
    from otklik.wiring import container

    if not 1 <= args.batch <= MAX_BATCH:
        print(f"--batch is 1 to {MAX_BATCH} appeals", file=sys.stderr)
        return 2

    def progress(report: MigrationReport) -> None:
        print(f"{report.examined} appeals examined, {report.rewritten} rewritten, up to {report.after} (committed: "
              f"a run stopped now resumes after it; or migrate --after {report.after})", file=sys.stderr, flush=True)

    migration = container().appeal_migration(args.batch)
    report = migration.run(args.after, from_checkpoint=not args.from_start, batches=args.batches, on_batch=progress)
    print(json.dumps(asdict(report), ensure_ascii=False))
    if report.unreadable:
        print(f"{len(report.unreadable)} documents do not read and were left as they are: repair them, then run "
              "migrate --from-start", file=sys.stderr)
    return 0 if not report.unreadable else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m otklik", description="Otklik administration")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    appeals = commands.add_parser("appeals", help="list and show stored appeals")
    appeal_commands = appeals.add_subparsers(dest="appeals_command", required=True, metavar="SUBCOMMAND")
    listing = appeal_commands.add_parser("list", help="the most recent appeals")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=cmd_appeals_list)
    show = appeal_commands.add_parser("show", help="one appeal with its history")
    show.add_argument("appeal_id")
    show.add_argument("--full-history", action="store_true", help="with the entries moved to the history archive")
    show.set_defaults(handler=cmd_appeals_show)
    quarantined = appeal_commands.add_parser("quarantined", help="appeals the deadline sweep set aside")
    quarantined.add_argument("--limit", type=int, default=100)
    quarantined.add_argument("--json", action="store_true", help="one JSON object per line")
    quarantined.set_defaults(handler=cmd_appeals_quarantined)
    release = appeal_commands.add_parser("release", help="put a quarantined appeal back in the deadline sweep")
    release.add_argument("appeal_id")
    release.set_defaults(handler=cmd_appeals_release)

    republish = commands.add_parser("republish", help="publish what changes left in their appeals' outbox for over a "
                                                     "minute (the sweep does this on every tick)")
    republish.add_argument("--limit", type=int, default=1000, help="at most this many messages (default 1000)")
    republish.set_defaults(handler=cmd_republish)

    config = commands.add_parser("config", help="town configuration: routing tables, deadlines, channels")
    config_commands = config.add_subparsers(dest="config_command", required=True, metavar="SUBCOMMAND")
    load = config_commands.add_parser("load", help="load a versioned configuration file into Firestore")
    load.add_argument("file", help="for example infra/config/towns.json")
    load.set_defaults(handler=cmd_config_load)

    towns = commands.add_parser("towns", help="the towns' configuration as it works")
    town_commands = towns.add_subparsers(dest="towns_command", required=True, metavar="SUBCOMMAND")
    towns_check = town_commands.add_parser(
        "check", help="duty chats: a bot that is not configured, a chat that refused the bot (kicked, blocked)")
    towns_check.add_argument("--json", action="store_true", help="one JSON object per line")
    towns_check.set_defaults(handler=cmd_towns_check)

    migrate = commands.add_parser(
        "migrate", help="rewrite stored appeals in the document shape this version writes (idempotent, resumable)",
        description="Rewrites stored appeals whose documents an older version wrote (records as JSON text, derived "
        "fields missing or stale, obsolete fields) as this version writes them, in batches in document-id order. "
        "Each batch commits with the position it reached: a run stopped anywhere resumes there. Documents already in "
        "the current shape are left alone. Run it once every function runs this version.")
    start = migrate.add_mutually_exclusive_group()
    start.add_argument("--after", help="start after this appeal id instead of where the last run stopped")
    start.add_argument("--from-start", action="store_true", help="start from the first appeal")
    migrate.add_argument("--batch", type=int, default=100, help="appeals per batch (1-400)")
    migrate.add_argument("--batches", type=int, help="stop after this many batches (default: go through all)")
    migrate.set_defaults(handler=cmd_migrate)

    sweep = commands.add_parser("sweep", help="run one tick of the deadline sweep")
    sweep.set_defaults(handler=cmd_sweep)

    report = commands.add_parser("report", help="the monthly report of a town")
    report.add_argument("--town", required=True)
    report.add_argument("--month", required=True, help="local month, e.g. 2026-06")
    report.add_argument("--format", choices=("json", "csv"), default="json")
    report.set_defaults(handler=cmd_report)

    keys = commands.add_parser("keys", help="API keys of operators, departments, supervisors and regional clients")
    key_commands = keys.add_subparsers(dest="keys_command", required=True, metavar="SUBCOMMAND")
    issue = key_commands.add_parser("issue", help="issue a key (printed once)")
    issue.add_argument("--role", required=True, choices=[r.value for r in _roles()])
    issue.add_argument("--town", required=True, help="town code; several comma-separated for regional/open311")
    issue.add_argument("--department", help="department code, for --role department")
    issue.add_argument("--name", default="", help="who holds the key")
    issue.set_defaults(handler=cmd_keys_issue)
    revoke = key_commands.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    revoke.set_defaults(handler=cmd_keys_revoke)

    classify = commands.add_parser("classify", help='classify JSON lines {"text": ...} from stdin')
    classify.add_argument("--flush", action="store_true", help="flush after every line")
    classify.add_argument("--model", help="a model file of `classifier train`: rules and the model together")
    classify.set_defaults(handler=cmd_classify)

    classifier = commands.add_parser("classifier", help="learn a town's model from labelled texts, and judge it")
    classifier_commands = classifier.add_subparsers(dest="classifier_command", required=True, metavar="SUBCOMMAND")
    training = classifier_commands.add_parser(
        "train", help='a model from JSON lines {"text": ..., "category": ...} (category or not_appeal)')
    learned_from = training.add_mutually_exclusive_group(required=True)
    learned_from.add_argument("--from", dest="source", help="labelled JSON lines")
    learned_from.add_argument("--regional-archive", action="store_true",
                              help="the region's labelled texts (otklik/regional_archive.py) as the first examples")
    training.add_argument("--out", help="the model file to write")
    training.add_argument("--town", help="the town the model is for (recorded in the model); without --out the "
                                         "texts are stored as the town's examples in Firestore and its model trained")
    training.set_defaults(handler=cmd_classifier_train)
    retraining = classifier_commands.add_parser(
        "retrain", help="train the towns' models from their examples now, as the nightly retrain_classifier does")
    retraining.add_argument("--town", help="only this town")
    retraining.add_argument("--force", action="store_true", help="even when no example is newer than the model")
    retraining.set_defaults(handler=cmd_classifier_retrain)
    versions = classifier_commands.add_parser("versions", help="a town's stored model versions, newest first")
    versions.add_argument("--town", required=True)
    versions.set_defaults(handler=cmd_classifier_versions)
    rollback = classifier_commands.add_parser("rollback", help="make a kept model version the town's current one")
    rollback.add_argument("--town", required=True)
    rollback.add_argument("--version", type=int, required=True)
    rollback.set_defaults(handler=cmd_classifier_rollback)
    evaluation = classifier_commands.add_parser(
        "evaluate", help="cross-validated quality of the rules with a model learned from the other folds")
    evaluation.add_argument("source", help="labelled JSON lines")
    evaluation.add_argument("--folds", type=int, default=5, help="folds (a text and its copies stay in one)")
    evaluation.set_defaults(handler=cmd_classifier_evaluate)

    from otklik.cli_regional import add_commands as add_regional_commands

    add_regional_commands(commands)
    from otklik.cli_calendar import add_commands as add_calendar_commands

    add_calendar_commands(commands)
    from otklik.cli_dead_letters import add_commands as add_dead_letter_commands

    add_dead_letter_commands(commands)
    from otklik.cli_residents import add_commands as add_resident_commands

    add_resident_commands(commands)
    return parser


def _roles() -> list[Role]:
    from otklik.domain.principals import Role

    return list(Role)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Output is the command's answer; logs go to stderr.
    configure_logging("WARNING", stream=sys.stderr)
    _use_local_stack_if_running()
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)
