"""The classifier's learning on the Firestore emulator: operators' decisions are stored as labelled examples in the
appeal's own commit (and deleted with its personal data), counted by an aggregation query, and models are stored in
versions of several parts, the latest few kept; examples -> retraining -> a new appeal like the corrected ones is
routed where the operators put it."""
from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path

import pytest

from otklik import cli
from otklik.adapters.example_documents import EXAMPLES
from otklik.adapters.firestore_learning import CHUNKS, MODELS, VERSIONS, FirestoreModels
from otklik.domain.learning.examples import LabelledText
from otklik.domain.learning.model import MODEL_VERSION
from otklik.domain.model import Appeal, Author, Channel, Status
from otklik.domain.principals import Principal, Role
from otklik.messages import AppealReceived
from otklik.services import commands
from otklik.services.ports import AppealWrite, ModelVersion
from tests.builders import an_appeal, routed
from tests.conftest import Stack, seed_towns
from tests.fakes import T0
from tests.support import TOWN

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
LAMPS = ["Во дворе дома 5 по улице Мира не горят фонари уже неделю",
         "Во дворе дома 7 по улице Ленина не горят фонари уже неделю",
         "Во дворе дома 3 по улице Мира не горят фонари, темно"]


def stored(stack: Stack, appeal: Appeal) -> str:
    assert stack.deps.appeals.add(AppealWrite(appeal))
    return appeal.id


def examples(stack: Stack) -> dict[str, dict[str, object]]:
    return {s.id: s.to_dict() or {} for s in stack.deps.firestore.collection(EXAMPLES).stream()}


def test_triage_and_a_correction_each_write_one_example_and_other_actions_none(stack: Stack) -> None:
    seed_towns(stack)
    work = stack.deps.work
    undecided = stored(stack, an_appeal("Бардак полный. Баки оставляют во дворе", status=Status.NEEDS_TRIAGE))
    misrouted = stored(stack, routed(an_appeal(LAMPS[0], author=Author(platform_user_id="u1")), category="lighting"))
    road = stored(stack, routed(an_appeal("Яма на дороге у дома 5")))

    work.act(OPERATOR, undecided, "triage", commands.Triage(category="waste"))
    work.act(OPERATOR, misrouted, "triage", commands.Triage(category="management_company"))
    work.act(OPERATOR, road, "note", commands.Note(text="Передано подрядчику"))
    work.act(OPERATOR, road, "take")

    written = examples(stack)
    assert set(written) == {undecided, misrouted}
    assert {k: written[undecided][k] for k in ("town", "category", "source", "decided_by")} == {
        "town": TOWN, "category": "waste", "source": "triage", "decided_by": OPERATOR.actor}
    assert {k: written[misrouted][k] for k in ("category", "source", "classifier_category", "text")} == {
        "category": "management_company", "source": "correction", "classifier_category": "lighting",
        "text": LAMPS[0]}
    assert stack.deps.classifier_examples.count_since(TOWN, None) == 2

    stack.deps.residents.erase(Channel.TELEGRAM, "u1", "operator:op1")

    assert set(examples(stack)) == {undecided}


def test_examples_are_counted_since_a_time_by_an_aggregation_query(stack: Stack) -> None:
    retraining = stack.deps.retraining
    retraining.load_archive(TOWN, [LabelledText(text, "management_company") for text in LAMPS])
    retraining.load_archive("kholmsk", [LabelledText(LAMPS[0], "lighting")])
    counted = stack.deps.classifier_examples

    assert counted.count_since(TOWN, None) == 3
    assert counted.count_since(TOWN, T0) == 3  # loaded now, long after T0
    newest = max(e.decided_at for e in counted.of_town(TOWN))
    assert counted.count_since(TOWN, newest) == 0


def test_a_model_is_stored_in_parts_and_the_latest_versions_are_kept(stack: Stack) -> None:
    models = FirestoreModels(stack.deps.firestore, chunk_bytes=1000)
    document = json.dumps({"words": ["фонарь не гореть"] * 300}, ensure_ascii=False)  # ~6.6 kB of UTF-8
    for minutes in range(3):
        models.save(ModelVersion(TOWN, 0, T0 + timedelta(minutes=minutes), 3, T0), document, keep=2)

    assert models.document(TOWN, 3) == document
    versions = stack.deps.firestore.collection(MODELS).document(TOWN).collection(VERSIONS)
    assert len(list(versions.document("3").collection(CHUNKS).list_documents())) > 6
    assert [v.version for v in models.versions(TOWN)] == [3, 2]
    assert models.document(TOWN, 1) is None and not list(versions.document("1").collection(CHUNKS).list_documents())
    current = models.current(TOWN)
    assert current is not None and (current.version, current.examples) == (3, 3)
    assert models.make_current(TOWN, 2) and models.current(TOWN).version == 2  # type: ignore[union-attr]
    assert not models.make_current(TOWN, 1)


def test_operators_corrections_retrain_the_towns_model_and_a_like_appeal_goes_where_they_put_it(
        stack: Stack) -> None:
    seed_towns(stack)
    deps = stack.deps
    for text in LAMPS:
        appeal_id = stored(stack, routed(an_appeal(text), category="lighting"))
        deps.work.act(OPERATOR, appeal_id, "triage", commands.Triage(category="management_company"))
    new = an_appeal("Во дворе дома 9 по улице Мира не горят фонари уже неделю")
    road = an_appeal("Огромная яма на дороге у дома 5 по ул. Ленина")
    stored(stack, new), stored(stack, road)

    trained = deps.retraining.retrain(TOWN)
    for appeal in (new, road):
        deps.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                                           received_at=T0))

    assert (trained.version, trained.examples) == (1, 3)
    routed_appeal = deps.appeals.get(new.id)
    assert routed_appeal is not None
    assert (routed_appeal.status, routed_appeal.category, routed_appeal.department) == (
        Status.ROUTED, "management_company", "housing_utilities")
    assert routed_appeal.classification_reasons[0].startswith("operators' corrections: 3 similar texts lighting")
    # The rest of the town's appeals are the rules' still: a first model of a few corrections judges no others.
    other = deps.appeals.get(road.id)
    assert other is not None and (other.status, other.category) == (Status.ROUTED, "roads")


def test_a_new_towns_archive_becomes_its_examples_and_first_model_from_the_command_line(
        stack: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_towns(stack)
    archive = tmp_path / "archive.jsonl"
    archive.write_text("\n".join(json.dumps({"text": text, "category": "management_company"}, ensure_ascii=False)
                                 for text in LAMPS) + "\n", encoding="utf-8")

    assert cli.main(["classifier", "train", "--town", TOWN, "--from", str(archive)]) == 0
    assert cli.main(["classifier", "train", "--town", TOWN, "--from", str(archive)]) == 0  # again: the same examples

    first, again = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["examples_stored"], first["model_version"], first["examples"]) == (3, 1, 3)
    assert (again["model_version"], again["examples"]) == (2, 3)
    assert {e.source for e in stack.deps.classifier_examples.of_town(TOWN)} == {"archive"}
    assert len(examples(stack)) == 3
    assert cli.main(["classifier", "retrain", "--town", TOWN]) == 0
    assert cli.main(["classifier", "retrain", "--town", TOWN, "--force"]) == 0
    assert cli.main(["classifier", "rollback", "--town", TOWN, "--version", "1"]) == 0
    assert cli.main(["classifier", "versions", "--town", TOWN]) == 0
    retrained, forced, rolled_back, *versions = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (retrained["outcome"], forced["model_version"], rolled_back["current"]) == ("no new examples", 3, 1)
    assert [(v["version"], v["current"]) for v in versions] == [(3, False), (2, False), (1, True)]
    assert cli.main(["classifier", "train", "--town", "atlantis", "--from", str(archive)]) == 2


def test_a_stored_model_that_is_refused_leaves_routing_to_the_rules_with_a_warning(
        stack: Stack, caplog: pytest.LogCaptureFixture) -> None:
    seed_towns(stack)
    newer = json.dumps({"format": "otklik.classifier-model", "version": MODEL_VERSION + 1, "categories": {},
                        "features": {}})
    stack.deps.classifier_models.save(ModelVersion(TOWN, 0, T0, 3, T0), newer, keep=5)
    lamps = an_appeal(LAMPS[0])
    stored(stack, lamps)

    with caplog.at_level(logging.WARNING, logger="otklik.services.town_classifiers"):
        stack.deps.routing.handle(AppealReceived(appeal_id=lamps.id, municipality=TOWN, channel=lamps.channel,
                                                 received_at=T0))

    routed_appeal = stack.deps.appeals.get(lamps.id)
    assert routed_appeal is not None and (routed_appeal.status, routed_appeal.category) == (Status.ROUTED, "lighting")
    (refused,) = [r for r in caplog.records if r.getMessage().startswith("classifier model refused")]
    assert "newer than this code reads" in refused.__dict__["problem"]
