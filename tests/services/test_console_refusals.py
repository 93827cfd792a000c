"""The services' refusals said in Russian on the console's pages (console/refusals.py): produced here by the real
services, so that a refusal whose English wording changes, or a new one, is noticed instead of shown untranslated."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from pydantic import ValidationError

from otklik.console.forms import AnswerForm, ReceptionForm
from otklik.console.refusals import in_russian
from otklik.domain.model import AnswerKind, Status
from otklik.services import commands
from otklik.services.work import Upload, WorkService
from tests.builders import an_appeal, routed
from tests.fakes import Clock, InMemoryAppeals, RecordingPublisher
from tests.services.console_support import OPERATOR, ROADS, SUPERVISOR, ConsoleDeps

RUSSIAN = re.compile(r"[а-яё«]", re.IGNORECASE)


@pytest.fixture
def work(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> WorkService:
    return ConsoleDeps(clock, appeals, published).work


@pytest.fixture
def road(appeals: InMemoryAppeals) -> str:
    appeal = routed(an_appeal("Яма у дома 5"), category="roads", department="city_economy")
    appeals.put(appeal)
    return appeal.id


REFUSED: dict[str, Callable[[WorkService, str], object]] = {
    "final answer without photos": lambda w, a: w.act(ROADS, a, "answer", commands.AnswerCommand(
        kind=AnswerKind.FINAL, text="Сделано")),
    "intermediate answer without a date": lambda w, a: w.act(ROADS, a, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Работаем")),
    "triage without a category": lambda w, a: w.act(OPERATOR, a, "triage", commands.Triage()),
    "unknown department": lambda w, a: w.act(OPERATOR, a, "assign", commands.Assign(department="mars")),
    "department hands over": lambda w, a: w.act(ROADS, a, "assign", commands.Assign(department="ecology")),
    "assign to nobody": lambda w, a: w.act(OPERATOR, a, "assign", commands.Assign()),
    "supervisor acts": lambda w, a: w.act(SUPERVISOR, a, "take"),
    "supervisor registers": lambda w, a: w.register(SUPERVISOR, commands.RegisterReception(
        resident_name="И", contact="1", text="Яма"), None),
    "resolve a routed appeal": lambda w, a: w.act(OPERATOR, a, "resolve", commands.Resolve()),
    "a photo that is no image": lambda w, a: w.act(ROADS, a, "answer", commands.AnswerCommand(
        kind=AnswerKind.INTERMEDIATE, text="Работаем", planned_date=date(2026, 6, 15)),
        [Upload(b"not an image", "report.jpg")]),
}


@pytest.mark.parametrize("case", REFUSED)
def test_every_refusal_of_the_work_service_is_said_in_russian(work: WorkService, road: str, case: str) -> None:
    with pytest.raises(Exception) as refused:
        REFUSED[case](work, road)
    said = in_russian(refused.value)
    # In Russian, with only the values (a code, a file name) left as they are.
    assert RUSSIAN.match(said) and said != str(refused.value), f"{case}: {refused.value!r} said as {said!r}"


def test_a_status_conflict_names_the_status_in_russian(work: WorkService, road: str,
                                                       appeals: InMemoryAppeals) -> None:
    with pytest.raises(Exception) as refused:
        work.act(OPERATOR, road, "resolve", commands.Resolve())
    assert appeals.current(road).status is Status.ROUTED
    assert "«Направлено»" in in_russian(refused.value)


@pytest.mark.parametrize(("form", "fields", "said"), [
    (ReceptionForm, {"resident_name": "Иван", "text": "Яма"}, "контакт: обязательное поле"),
    (AnswerForm, {"kind": "final", "planned_date": "15.06.2026"}, "плановая дата: дата в виде ГГГГ-ММ-ДД"),
    (AnswerForm, {"kind": "urgent"}, "вид ответа: недопустимое значение"),
])
def test_a_form_that_does_not_fit_names_the_field_in_russian(form: type, fields: dict[str, str], said: str) -> None:
    with pytest.raises(ValidationError) as refused:
        form.model_validate(fields)
    assert in_russian(refused.value) == said
