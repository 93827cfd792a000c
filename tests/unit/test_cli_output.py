"""What the admin command line prints for a person: the appeal list's columns and the classifier's bad lines."""
from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from otklik.cli import build_parser, time_left
from otklik.domain.model import Appeal, Author, Channel, SourceKind, SourceRef, Status

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def appeal(status: Status = Status.ROUTED, due_at: datetime | None = NOW + timedelta(hours=5, minutes=12)) -> Appeal:
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE, event_id="1:1",
                       chat_id="1")
    return Appeal(id="tg-0123456789abcdef01234567", municipality="yuzhno_sakhalinsk", channel=Channel.TELEGRAM,
                  source=source, author=Author(platform_user_id="1"), text="Яма на дороге", received_at=NOW,
                  status=status, category="roads", department="city_economy", due_at=due_at)


@pytest.mark.parametrize(("status", "due_at", "shown"), [
    (Status.ROUTED, NOW + timedelta(hours=5, minutes=12), "5h 12m left"),
    (Status.IN_PROGRESS, NOW + timedelta(minutes=7, seconds=59), "7m left"),
    (Status.ROUTED, NOW + timedelta(days=2, hours=3), "2d 03h left"),
    (Status.IN_PROGRESS, NOW - timedelta(hours=2, minutes=5), "overdue 2h 05m"),
    (Status.NEEDS_TRIAGE, None, "-"),
    (Status.ANSWERED, NOW + timedelta(hours=1), "-"),  # the clock stopped with the answer
    (Status.RESOLVED, NOW - timedelta(hours=1), "-"),
])
def test_time_left_counts_down_to_the_deadline_of_an_appeal_being_worked_on(
        status: Status, due_at: datetime | None, shown: str) -> None:
    assert time_left(appeal(status, due_at), NOW) == shown


def classify(stdin: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = build_parser().parse_args(["classify"])
    status = args.handler(args)
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_classify_reports_each_bad_line_with_its_number_and_goes_on_with_the_next(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['{"text": "Яма на дороге по ул. Ленина", "id": 1}', "not json", "[1, 2]", '{"id": 4}', '{"text": 5}',
             "", '{"text": "Нет воды в доме 3 по ул. Победы", "id": 7}']
    status, classified, errors = classify("\n".join(lines) + "\n", capsys, monkeypatch)

    assert [(item["id"], item["category"]) for item in classified] == [(1, "roads"), (7, "water")]
    reported = errors.splitlines()
    assert [line.split(":", 1)[0] for line in reported[:4]] == ["line 2", "line 3", "line 4", "line 5"]
    assert "not JSON" in reported[0] and "got list" in reported[1]
    assert '"text" field is missing' in reported[2] and '"text" is not a string' in reported[3]
    assert status == 2


def test_classify_of_good_lines_only_succeeds(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    status, classified, errors = classify('{"text": "Яма на дороге"}\n', capsys, monkeypatch)
    assert (status, len(classified), errors) == (0, 1, "")
