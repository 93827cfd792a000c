"""The classifier learns from operators, over the in-memory fakes: each decision about a category is one labelled
example written with the appeal's change (and erased with its personal data); enough new examples ask for a
retraining; retraining stores a town's model as a new version, keeping a few; route_appeal uses the town's model,
loaded on first use, and falls back on the rules with a WARNING when the model is refused."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest

from otklik.domain.learning.examples import LabelledText
from otklik.domain.learning.model import MODEL_VERSION
from otklik.domain.learning.operator_labels import LabelledExample
from otklik.domain.model import Appeal, Author, Channel, HistoryAction, HistoryEntry, Status
from otklik.domain.principals import Principal, Role
from otklik.messages import AppealReceived, RetrainClassifier
from otklik.services import commands
from otklik.services.ingest import IngestService
from otklik.services.learning import Retraining, RetrainTrigger
from otklik.services.ports import ModelVersion, StorageUnavailable
from otklik.services.residents import ResidentData
from otklik.services.routing import RoutingService
from otklik.services.town_classifiers import TownClassifiers
from otklik.services.work import WorkService
from tests.builders import TOWN, an_appeal, routed
from tests.fakes import (
    T0,
    TOPICS,
    Audit,
    Clock,
    InMemoryAppeals,
    InMemoryIncidents,
    InMemoryModels,
    Photos,
    RecordingPublisher,
    configured_towns,
    decoded,
    relay,
)

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,))
ROADS = Principal(key_id="roads1", role=Role.DEPARTMENT, towns=(TOWN,), department="city_economy")
HOT_WATER = "Из горячего крана идёт холодная вода уже неделю, дом 12 по улице Мира"
# The rules send this to lighting; this town's operators keep giving texts like it to the management company (the
# lamps of a block's yard are its own).
YARD_LAMPS = "Во дворе дома 5 по улице Мира не горят фонари уже неделю"


def left_to_triage(text: str, guess: str | None = None) -> Appeal:
    """An appeal the classifier left to triage, as the router leaves it (with its guess, if any)."""
    appeal = an_appeal(text)
    entry = HistoryEntry(at=T0, actor="system:router", action=HistoryAction.NEEDS_TRIAGE,
                         details={"category": guess, "department": None, "triage_reason": "low confidence"})
    return appeal.changed(Status.NEEDS_TRIAGE, entry, category=guess, triage_reason="low confidence")


@pytest.fixture
def models() -> InMemoryModels:
    return InMemoryModels()


def work_service(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock,
                 trigger: RetrainTrigger | None = None) -> WorkService:
    outbox = relay(appeals, published)
    return WorkService(appeals, appeals, configured_towns(), Photos(), IngestService(appeals, outbox, clock), outbox,
                       clock, retrain_trigger=trigger)


@pytest.fixture
def work(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> WorkService:
    return work_service(appeals, published, clock)


# The example store


def test_triage_of_an_appeal_the_classifier_left_undecided_writes_one_example(
        work: WorkService, appeals: InMemoryAppeals, clock: Clock) -> None:
    undecided = left_to_triage("ВЕРНИТЕ ПЛОЩАДКУ!!! Детскую во дворе снесли", guess="yards")
    appeals.put(undecided)
    work.act(OPERATOR, undecided.id, "triage", commands.Triage(category="yards"))

    (example,) = appeals.examples.values()
    assert (example.id, example.town, example.text, example.category, example.source) == (
        undecided.id, TOWN, undecided.text, "yards", "triage")
    assert (example.classifier_category, example.classifier_triaged) == ("yards", True)
    assert (example.decided_by, example.decided_at) == (OPERATOR.actor, clock.now)


def test_a_correction_of_the_category_the_classifier_chose_writes_one_example(
        work: WorkService, appeals: InMemoryAppeals) -> None:
    misrouted = routed(an_appeal(HOT_WATER), category="water", department="city_economy")
    appeals.put(misrouted)
    work.act(OPERATOR, misrouted.id, "triage", commands.Triage(category="heating"))

    (example,) = appeals.examples.values()
    assert (example.category, example.source, example.classifier_category, example.classifier_triaged) == (
        "heating", "correction", "water", False)


def test_a_second_decision_about_the_same_appeal_replaces_its_example_and_keeps_what_the_classifier_said(
        work: WorkService, appeals: InMemoryAppeals) -> None:
    misrouted = routed(an_appeal(HOT_WATER), category="water", department="city_economy")
    appeals.put(misrouted)
    work.act(OPERATOR, misrouted.id, "triage", commands.Triage(category="heating"))
    work.act(OPERATOR, misrouted.id, "triage", commands.Triage(category="housing"))

    (example,) = appeals.examples.values()
    assert (example.category, example.classifier_category) == ("housing", "water")


def test_actions_that_do_not_decide_the_category_write_no_example(
        work: WorkService, appeals: InMemoryAppeals) -> None:
    road = routed(an_appeal("Яма на дороге у дома 5"), category="roads", department="city_economy")
    spam = left_to_triage("Продам гараж, звоните")
    appeals.put(road, spam)

    work.act(OPERATOR, road.id, "triage", commands.Triage(category="roads", department="ecology"))  # same category
    work.act(OPERATOR, road.id, "assign", commands.Assign(department="city_economy"))
    work.act(ROADS, road.id, "take")
    work.act(ROADS, road.id, "note", commands.Note(text="Выехала бригада"))
    # A rejection is not a label: duplicates and appeals outside the town's remit are rejected too.
    work.act(OPERATOR, spam.id, "triage", commands.Triage(reject_reason="реклама"))

    assert appeals.examples == {}


def test_erasing_a_residents_personal_data_deletes_the_examples_of_their_appeals(
        work: WorkService, appeals: InMemoryAppeals, clock: Clock) -> None:
    mine = routed(an_appeal(HOT_WATER, author=Author(platform_user_id="u1", display_name="Анна")), category="water")
    theirs = routed(an_appeal(HOT_WATER + ", подъезд 2", author=Author(platform_user_id="u2")), category="water")
    appeals.put(mine, theirs)
    work.act(OPERATOR, mine.id, "triage", commands.Triage(category="heating"))
    work.act(OPERATOR, theirs.id, "triage", commands.Triage(category="heating"))

    ResidentData(appeals, appeals, appeals, Photos(), configured_towns(), Audit(), clock,
                 incidents=InMemoryIncidents(appeals)).erase(
        Channel.TELEGRAM, "u1", "operator:op1")

    assert list(appeals.examples) == [theirs.id]


# Asking for a retraining


def test_the_decision_that_makes_every_nth_new_example_asks_for_the_towns_retraining(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock, models: InMemoryModels) -> None:
    work = work_service(appeals, published, clock, RetrainTrigger(appeals, models, every=2))
    texts = [HOT_WATER, HOT_WATER + " и в соседнем доме", "Нет горячей воды, ГВС отключили без объявления"]
    appeals.put(*(routed(an_appeal(text), category="water") for text in texts))
    asked = []
    for appeal in appeals.all:
        work.act(OPERATOR, appeal.id, "triage", commands.Triage(category="heating"))
        asked.append(decoded(published.published, TOPICS.name(TOPICS.classifier_retrain)))

    assert [len(a) for a in asked] == [0, 1, 1]
    assert asked[-1] == [{"municipality": TOWN, "examples_since_model": 2}]


def test_examples_the_current_model_learned_from_do_not_count_again(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock, models: InMemoryModels) -> None:
    appeals.put(routed(an_appeal(HOT_WATER), category="water"))
    work_service(appeals, published, clock).act(OPERATOR, appeals.all[0].id, "triage",
                                                commands.Triage(category="heating"))
    Retraining(appeals, models, configured_towns(), clock).retrain(TOWN)
    clock.advance(minutes=5)
    work = work_service(appeals, published, clock, RetrainTrigger(appeals, models, every=2))
    appeals.put(routed(an_appeal(HOT_WATER + " и в доме 14"), category="water"))
    work.act(OPERATOR, appeals.all[-1].id, "triage", commands.Triage(category="heating"))

    assert decoded(published.published, TOPICS.name(TOPICS.classifier_retrain)) == []


# Retraining


def test_retraining_stores_the_towns_model_as_a_new_version_only_when_there_are_new_examples(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    retraining = Retraining(appeals, models, configured_towns(), clock, keep_versions=2)
    assert retraining.retrain(TOWN).reason == "no examples"
    retraining.load_archive(TOWN, [LabelledText(HOT_WATER, "heating"), LabelledText("Яма на дороге", "roads")])

    first = retraining.retrain(TOWN)
    again = retraining.retrain(TOWN)

    assert (first.version, first.examples, again.version, again.reason) == (1, 2, None, "no new examples")
    current = models.current(TOWN)
    assert current is not None and current.version == 1
    document = json.loads(models.document(TOWN, 1) or "")
    assert (document["town"], document["version"], document["categories"]) == (
        TOWN, MODEL_VERSION, {"heating": 1, "roads": 1})


def test_retraining_keeps_the_latest_versions_for_rollback(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    retraining = Retraining(appeals, models, configured_towns(), clock, keep_versions=2)
    for number in range(3):
        clock.advance(minutes=1)
        retraining.load_archive(TOWN, [LabelledText(f"Яма на дороге номер {number}", "roads")])
        retraining.retrain(TOWN)

    assert [v.version for v in models.versions(TOWN)] == [3, 2]
    assert models.make_current(TOWN, 2) and not models.make_current(TOWN, 1)


def test_the_nightly_tick_retrains_every_town_with_new_examples(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    retraining = Retraining(appeals, models, configured_towns(), clock)
    retraining.load_archive(TOWN, [LabelledText(HOT_WATER, "heating")])

    results = {r.town: r.reason for r in retraining.handle(RetrainClassifier())}

    assert results[TOWN] == "trained" and set(results.values()) == {"trained", "no examples"}


def test_an_archive_loaded_twice_is_one_set_of_examples(appeals: InMemoryAppeals, models: InMemoryModels,
                                                         clock: Clock) -> None:
    retraining = Retraining(appeals, models, configured_towns(), clock)
    archive = [LabelledText(HOT_WATER, "heating"), LabelledText(HOT_WATER.upper() + "  ", "heating")]
    retraining.load_archive(TOWN, archive)
    retraining.load_archive(TOWN, archive)

    (example,) = appeals.examples.values()
    assert (example.source, example.town, example.category) == ("archive", TOWN, "heating")


class _CountingOnly:
    """The example store as the nightly tick may use it when nothing changed: counts, never a town's examples."""

    def __init__(self, examples: InMemoryAppeals) -> None:
        self._examples = examples

    def count_since(self, town: str, since: datetime | None) -> int:
        return self._examples.count_since(town, since)

    def of_town(self, town: str) -> list[LabelledExample]:
        raise AssertionError("the examples were read though the model learned from all of them")


def test_the_nightly_tick_counts_a_towns_examples_and_reads_none_when_its_model_learned_from_all(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    Retraining(appeals, models, configured_towns(), clock).start_from(
        TOWN, lambda: [LabelledText(HOT_WATER, "heating"), LabelledText("Яма на дороге", "roads")])
    counting = Retraining(_CountingOnly(appeals), models, configured_towns(), clock)  # type: ignore[arg-type]

    assert counting.retrain(TOWN).reason == "no new examples"
    clock.advance(minutes=1)
    Retraining(appeals, models, configured_towns(), clock).load_archive(TOWN, [LabelledText(YARD_LAMPS, "lighting")])
    with pytest.raises(AssertionError, match="were read"):
        counting.retrain(TOWN)  # a new example: the town's examples are read, and the model trained again


def test_a_town_without_examples_starts_from_the_archive_and_a_town_with_examples_keeps_its_own(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    retraining = Retraining(appeals, models, configured_towns(), clock)
    archive = [LabelledText(HOT_WATER, "heating"), LabelledText("Яма на дороге", "roads")]

    started = retraining.start_from(TOWN, lambda: archive)
    clock.advance(minutes=5)
    retraining.load_archive(TOWN, [LabelledText(YARD_LAMPS, "management_company")])  # its own decision, later
    again = retraining.start_from(TOWN, lambda: pytest.fail("a town with examples reads no archive"))

    assert started is not None and (started.version, started.examples) == (1, 2)
    assert again is None
    assert sorted(example.category for example in appeals.examples.values()) == [
        "heating", "management_company", "roads"]


# Routing with the town's model


def trained_on_corrections(appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock, town: str = TOWN) -> None:
    texts = [YARD_LAMPS, "Во дворе дома 7 по улице Ленина не горят фонари уже неделю",
             "Во дворе дома 3 по улице Мира не горят фонари, темно"]
    Retraining(appeals, models, configured_towns(), clock).load_archive(
        town, [LabelledText(text, "management_company") for text in texts]
        + [LabelledText("Яма на дороге у дома 5", "roads")])
    Retraining(appeals, models, configured_towns(), clock).retrain(town)


def router(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock,
           classifiers: TownClassifiers) -> RoutingService:
    return RoutingService(appeals, appeals, configured_towns(), relay(appeals, published), clock,
                          town_classifiers=classifiers)


def test_route_appeal_sends_a_text_like_the_corrected_ones_where_the_towns_operators_put_it(
        appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock, models: InMemoryModels) -> None:
    new = an_appeal("Во дворе дома 9 по улице Мира не горят фонари уже неделю")
    appeals.put(new)
    routing = router(appeals, published, clock, TownClassifiers(models))
    before = TownClassifiers(InMemoryModels())(TOWN)(new.text)
    assert before.category == "lighting"  # the rules alone: what operators keep correcting

    trained_on_corrections(appeals, models, clock)
    routing.handle(AppealReceived(appeal_id=new.id, municipality=TOWN, channel=new.channel, received_at=T0))

    after = appeals.current(new.id)
    assert (after.status, after.category) == (Status.ROUTED, "management_company")
    assert any(reason.startswith("operators' corrections") for reason in after.classification_reasons)


def test_a_towns_model_is_loaded_on_first_use_and_checked_again_after_the_cache_time(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    seconds = [0.0]
    classifiers = TownClassifiers(models, cache_seconds=60, monotonic=lambda: seconds[0])
    assert classifiers(TOWN).model is None
    trained_on_corrections(appeals, models, clock)
    reads = models.current_reads

    assert classifiers(TOWN).model is None  # within the cache time: the rules, as loaded
    seconds[0] = 61
    loaded = classifiers(TOWN)
    seconds[0] = 62
    assert loaded.model is not None and classifiers(TOWN) is loaded
    assert models.current_reads == reads + 1


@pytest.mark.parametrize("document", [
    "{not json", json.dumps({"format": "otklik.classifier-model", "version": MODEL_VERSION + 1}),
])
def test_a_refused_model_leaves_the_rules_with_a_warning(
        models: InMemoryModels, document: str, caplog: pytest.LogCaptureFixture) -> None:
    models.save(ModelVersion(TOWN, 0, T0, 10, T0 - timedelta(hours=1)), document, keep=3)

    with caplog.at_level(logging.WARNING, logger="otklik.services.town_classifiers"):
        classifier = TownClassifiers(models)(TOWN)

    assert classifier.model is None and classifier.model_problem
    assert classifier(YARD_LAMPS).category == "lighting"
    (warning,) = caplog.records
    assert warning.levelno == logging.WARNING and warning.__dict__["municipality"] == TOWN


def test_a_loaded_model_is_kept_when_its_version_cannot_be_checked(
        appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    trained_on_corrections(appeals, models, clock)
    seconds = [0.0]
    classifiers = TownClassifiers(models, cache_seconds=60, monotonic=lambda: seconds[0])
    loaded = classifiers(TOWN)

    def unavailable(town: str) -> ModelVersion | None:
        raise StorageUnavailable("Firestore is down")

    models.current = unavailable  # type: ignore[method-assign]
    seconds[0] = 61

    assert loaded.model is not None and classifiers(TOWN) is loaded
    with pytest.raises(StorageUnavailable):
        TownClassifiers(models)(TOWN)  # nothing loaded yet: routing fails and is delivered again


def test_a_model_is_trained_again_once_an_example_it_learned_from_is_erased(
        work: WorkService, appeals: InMemoryAppeals, models: InMemoryModels, clock: Clock) -> None:
    lamps = [routed(an_appeal(YARD_LAMPS, author=Author(platform_user_id=f"u{n}")), category="lighting")
             for n in range(2)]
    appeals.put(*lamps)
    for appeal in lamps:
        work.act(OPERATOR, appeal.id, "triage", commands.Triage(category="management_company"))
    retraining = Retraining(appeals, models, configured_towns(), clock)
    assert retraining.retrain(TOWN).version == 1
    ResidentData(appeals, appeals, appeals, Photos(), configured_towns(), Audit(), clock,
                 incidents=InMemoryIncidents(appeals)).erase(
        Channel.TELEGRAM, "u0", "operator:op1")

    again = retraining.retrain(TOWN)

    assert (again.version, again.examples) == (2, 1)
