"""schemas/ is what `make schemas` generates now, covers every topic and HTTP function, and what the code publishes
and answers fits it (validated with jsonschema_rs, which schemathesis of requirements-dev.txt brings)."""
from __future__ import annotations

import ast
import base64
import json
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from otklik.domain import actions
from otklik.domain.followups import reopen
from otklik.domain.model import Appeal, Delivery, DeliveryStatus, HistoryEntry, WarningPoint
from otklik.domain.sweep import apply_due_notices
from otklik.entrypoints.http import ApiError, error_response
from otklik.entrypoints.operator_wire import AppealPage, AppealSummary
from otklik.entrypoints.webhooks import json_ack
from otklik.openapi.__main__ import SCHEMAS, differences, main, rendered
from otklik.openapi.catalog import HTTP_APIS
from otklik.openapi.json_schema import schema_id
from otklik.openapi.message_schemas import TOPIC_BODIES, message_schema_path, topic_ids
from otklik.services.events import outbox_messages, write
from otklik.services.learning import RetrainTrigger
from otklik.services.ports import OutboxMessage
from otklik.settings import Topics
from otklik.topology import HTTP_FUNCTIONS, PUSH_SUBSCRIPTIONS, pubsub_functions
from tests.builders import a_regional_appeal, an_appeal, answered, routed
from tests.fakes import InMemoryAppeals, InMemoryModels
from tests.infra import code_facts
from tests.infra.checks import only
from tests.infra.terraform import Terraform
from tests.support import FIXTURES, TOWN

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"
T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)


@cache
def files() -> dict[str, str]:
    return rendered()


@cache
def schema(path: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(files()[path])
    return document


def problems(path: str, instance: Any) -> list[str]:
    validator = jsonschema_rs.validator_for(schema(path), validate_formats=True)
    return [f"{path}: {error.message} at /{'/'.join(map(str, error.instance_path))}"
            for error in validator.iter_errors(instance)]


def message_schema(topic_field: str) -> str:
    return message_schema_path(topic_ids()[topic_field])


# schemas/ and the generator


def test_schemas_holds_exactly_what_make_schemas_generates() -> None:
    stale, extra = differences(SCHEMAS, files())
    assert not stale, f"out of date or missing in schemas/: {', '.join(stale)}; run `make schemas`"
    assert not extra, f"in schemas/ but no longer generated: {', '.join(extra)}; run `make schemas`"


def test_check_names_stale_and_extra_files_and_a_write_removes_what_is_no_longer_generated(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--check", "--out", str(tmp_path)]) == 0
    capsys.readouterr()

    (tmp_path / "messages" / "appeal.routed.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "messages" / "appeal.retired.schema.json").write_text("{}", encoding="utf-8")
    assert main(["--check", "--out", str(tmp_path)]) == 1
    report = capsys.readouterr().err
    assert "messages/appeal.routed.schema.json" in report and "messages/appeal.retired.schema.json" in report
    assert "run `make schemas`" in report

    assert main(["--out", str(tmp_path)]) == 0
    assert not (tmp_path / "messages" / "appeal.retired.schema.json").exists()
    assert main(["--check", "--out", str(tmp_path)]) == 0

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["--out", str(tmp_path)]) == 1  # not a generated kind: left for a person to remove
    assert (tmp_path / "notes.txt").exists() and "notes.txt" in capsys.readouterr().err


def test_every_schema_is_valid_json_schema_with_its_own_id_and_a_title() -> None:
    ids = {}
    for path, text in files().items():
        if not path.endswith(".schema.json"):
            continue
        document = json.loads(text)
        assert jsonschema_rs.meta.is_valid(document), path
        assert document["$id"] == schema_id(path) and document["title"], path
        ids[document["$id"]] = path
    assert len(ids) == sum(p.endswith(".schema.json") for p in files())


# Coverage: topics and functions


def test_every_topic_has_a_message_schema_naming_the_topic_and_its_attributes() -> None:
    fields = [name for name in Topics.model_fields if name != "prefix"]
    assert sorted(TOPIC_BODIES) == sorted(fields), "otklik/openapi/message_schemas.py: TOPIC_BODIES"
    for field in fields:
        path = message_schema(field)
        assert path in files(), f"{path} is not generated"
        assert schema(path)["x-topic"] == topic_ids()[field]
        assert isinstance(schema(path)["x-attributes"], list)


def test_every_http_function_has_an_openapi_document_and_body_schemas() -> None:
    documented = [f for api in HTTP_APIS for f in api.functions]
    assert sorted(documented) == sorted(HTTP_FUNCTIONS), "otklik/openapi/catalog.py: HTTP_APIS"
    for api in HTTP_APIS:
        assert api.file_name in files()
    for function in HTTP_FUNCTIONS:
        assert any(p.startswith(f"http/{function}/") for p in files()), f"no body schema of {function}"


def _models_read_by_functions() -> dict[str, str]:
    """function name -> the model main.py reads its delivery as: read_delivery(event, Model)."""
    read = {}
    for node in ast.parse(MAIN.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef):
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "read_delivery"
                        and isinstance(call.args[1], ast.Name)):
                    read[node.name] = call.args[1].id
    return read


def test_every_pubsub_function_consumes_a_topic_whose_schema_is_the_model_it_reads() -> None:
    read = _models_read_by_functions()
    assert read, "no read_delivery(event, Model) found in functions/main.py"
    assert set(read) <= set(pubsub_functions())
    for subscription in PUSH_SUBSCRIPTIONS:
        path = message_schema(subscription.topic)
        assert path in files(), f"{subscription.function} consumes {subscription.topic}, which has no schema"
        expected = TOPIC_BODIES[subscription.topic].__name__
        assert schema(path)["title"] == expected
        assert read.get(subscription.function, expected) == expected, \
            f"{subscription.function} reads {read[subscription.function]}, the {path} schema is {expected}"


# What is published fits the message schemas


def _fits(topic_field: str, body: dict[str, Any], attributes: dict[str, str]) -> None:
    path = message_schema(topic_field)
    assert problems(path, body) == []
    model = TOPIC_BODIES[topic_field]
    assert model.model_validate(body).model_dump(mode="json") == body
    assert list(attributes) == schema(path)["x-attributes"], path


@pytest.mark.parametrize("topic_field", sorted(TOPIC_BODIES))
def test_the_example_in_each_message_schema_fits_it(topic_field: str) -> None:
    (example,) = schema(message_schema(topic_field))["examples"]
    model = TOPIC_BODIES[topic_field]
    attributes = getattr(model.model_validate(example), "attributes", dict)()
    _fits(topic_field, example, attributes)


def _from_a_resident() -> Appeal:
    return an_appeal("Яма у дома 5", received_at=T0)


def _handed_down() -> Appeal:
    return a_regional_appeal("Яма у дома 5", centre="cur-sakhalin", received_at=T0)


def test_appeal_received_as_a_new_appeal_publishes_it_fits_its_schema() -> None:
    (received,) = write(None, _from_a_resident()).messages
    assert received.topic == "appeal_received"
    _fits("appeal_received", received.body, received.attributes)


def _lifetime(received: Appeal) -> list[OutboxMessage]:
    """The messages an appeal's life publishes: routed, warned, escalated, answered, handed over, and reopened by its
    resident as a member of an incident."""
    steps = [received]
    steps.append(actions.triage(steps[-1], "operator:k", T0 + timedelta(minutes=5), category="roads",
                                municipality=TOWN, department="city_economy", due_at=T0 + timedelta(hours=12),
                                warnings=(WarningPoint(label="75%", at=T0 + timedelta(hours=9)),)))
    for hours in (9.5, 13):
        warned = apply_due_notices(steps[-1], T0 + timedelta(hours=hours))
        assert warned is not None
        steps.append(warned)
    steps.append(answered(steps[-1], "Заделали", at=T0 + timedelta(hours=14), by="department:k", answer_id="a1"))
    steps.append(steps[-1].with_entry(HistoryEntry(at=T0 + timedelta(hours=15), actor="system:regional_handoff",
                                                   action="handed_to_regional")))
    in_incident = steps[-1].model_copy(update={"incident_id": "in-5b0e2c7d9a1f3e4b6c8d0a2f"})
    steps.append(reopen(in_incident, T0 + timedelta(hours=16), T0 + timedelta(hours=28), "не решено",
                        f"resident:{in_incident.author.platform_user_id}"))
    return [m for before, after in pairwise(steps) for m in outbox_messages(before, after)]


def test_every_outbox_message_of_an_appeals_life_fits_its_topics_schema() -> None:
    from otklik.services.staff_digests import NOTICE_TOPICS, digests

    messages = _lifetime(_from_a_resident()) + _lifetime(_handed_down())
    # The sweep's digest of the deadline notices among them (services/staff_digests.py).
    messages += digests([(m.body["appeal_id"], m) for m in messages if m.topic in NOTICE_TOPICS], T0)
    # The operator's correction that asks for the town's model to be retrained (services/learning.py).
    received = _from_a_resident()
    corrected = write(routed(received), actions.triage(
        routed(received), "operator:k", T0 + timedelta(minutes=5), category="waste", municipality=TOWN,
        department="ecology", due_at=None))
    messages += RetrainTrigger(InMemoryAppeals(), InMemoryModels(), every=1)(corrected).messages
    for message in messages:
        _fits(message.topic, message.body, message.attributes)
    published = {m.topic for m in messages}
    assert published == set(TOPIC_BODIES) - {"appeal_received", "deadline_tick", "retention_tick"}, published


@pytest.mark.parametrize("topic", ["deadline_tick", "retention_tick"])
def test_the_scheduled_ticks_fit_their_schemas(topic: str) -> None:
    jobs = Terraform(code_facts.INFRA).instances("google_cloud_scheduler_job").values()
    (job,) = [j for j in jobs if str(only(j["pubsub_target"], "target")["topic_name"])
              == f'${{google_pubsub_topic.topic["{topic}"].id}}']
    ((target,),) = [job["pubsub_target"]]
    assert problems(message_schema(topic), json.loads(base64.b64decode(target["data"]))) == []


# What the HTTP functions receive and answer fits the body schemas


@pytest.mark.parametrize(("function", "body", "pattern"), [
    ("telegram_webhook", "update", "telegram/update_*.json"),
    ("vk_webhook", "callback_envelope", "vk/callback_*.json"),
    ("ok_webhook", "update", "ok/webhook_*.json"),
    ("max_webhook", "update", "max/webhook_*.json"),
])
def test_recorded_platform_updates_fit_the_webhook_schemas(function: str, body: str, pattern: str) -> None:
    fixtures = sorted(FIXTURES.glob(pattern))
    assert fixtures
    for fixture in fixtures:
        assert problems(f"http/{function}/{body}.schema.json", json.loads(fixture.read_text())) == [], fixture.name


def test_answers_the_code_builds_fit_the_body_schemas() -> None:
    error = error_response(ApiError(409, "conflict", "no", {"current_status": "answered"}))
    plain = error_response(ApiError(404, "not_found", "no appeal x"))
    for response in (error, plain):
        for function in ("operator_api", "telegram_webhook", "monthly_report"):
            assert problems(f"http/{function}/error_body.schema.json", response.get_json()) == []
    assert "details" not in plain.get_json()
    assert problems("http/telegram_webhook/webhook_ack.schema.json", json_ack().get_json()) == []

    undelivered = answered(routed(_from_a_resident(), category="roads", department="city_economy"), "Сделано",
                           at=T0 + timedelta(hours=2), by="department:k", answer_id="a1",
                           delivery=Delivery(status=DeliveryStatus.UNDELIVERED, reason="blocked"))
    page = AppealPage(appeals=[AppealSummary.of(undelivered), AppealSummary.of(_from_a_resident())], next_cursor=None)
    assert problems("http/operator_api/appeal_page.schema.json", page.model_dump(mode="json")) == []
    assert page.appeals[0].undelivered and page.appeals[0].answers == 1
    assert problems("http/operator_api/appeal.schema.json", undelivered.model_dump(mode="json")) == []
