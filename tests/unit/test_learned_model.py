"""A town's learned model: trained from labelled texts, stored as versioned JSON, combined with the rules, judged by
cross-validation (otklik.domain.learning, `python -m otklik classifier ...`)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from otklik.cli import main
from otklik.domain.classification import classify
from otklik.domain.classification.combined import MIN_SUPPORT, Classifier
from otklik.domain.learning.evaluation import split_folds
from otklik.domain.learning.examples import LabelledText
from otklik.domain.learning.model import MODEL_VERSION, ModelRefused, load_model, train

DATA = Path(__file__).resolve().parents[1] / "data"

# Operators of this town keep moving garage-row potholes from roads to yards (the garages' driveways are theirs).
GARAGE_POTHOLES = [
    LabelledText(f"яма на дороге у гаражей ГСК {name}, не проехать", "yards")
    for name in ("Север", "Юг", "Восток", "Запад", "Мотор", "Автомобилист")
]
OTHER_EXAMPLES = [
    LabelledText("яма на дороге на Ленина, колесо пробил", "roads"),
    LabelledText("не горят фонари на Мира", "lighting"),
    LabelledText("мусор не вывозят неделю", "waste"),
    LabelledText("Продам гараж, 89141234567", "not_appeal"),
]


def write_labelled(path: Path, examples: list[LabelledText]) -> Path:
    path.write_text("".join(json.dumps({"text": e.text, "category": e.category}, ensure_ascii=False) + "\n"
                            for e in examples), encoding="utf-8")
    return path


def run_cli(args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_train_then_classify_with_the_model_answers_as_classify_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = write_labelled(tmp_path / "labelled.jsonl", GARAGE_POTHOLES + OTHER_EXAMPLES)
    model_file = tmp_path / "model.json"
    code, out, _ = run_cli(["classifier", "train", "--from", str(labelled), "--out", str(model_file), "--town", "T"],
                           "", monkeypatch, capsys)
    assert code == 0 and json.loads(out)["examples"] == 10
    assert load_model(model_file.read_text(encoding="utf-8")).town == "T"

    line = json.dumps({"text": "не горят фонари на Победы", "id": 7}, ensure_ascii=False) + "\n"
    _, with_model, _ = run_cli(["classify", "--model", str(model_file)], line, monkeypatch, capsys)
    _, without, _ = run_cli(["classify"], line, monkeypatch, capsys)
    answered, plain = json.loads(with_model), json.loads(without)
    assert set(answered) == set(plain) == {"text", "id", "category", "confidence", "triage", "reasons", "kind"}
    assert answered["category"] == plain["category"] == "lighting"


def test_a_correction_operators_keep_making_wins_for_similar_texts() -> None:
    text = "яма на дороге у гаражей ГСК Рассвет, не проехать"
    assert classify(text).category == "roads"  # what the rules say
    classifier = Classifier(train(GARAGE_POTHOLES + OTHER_EXAMPLES, rules=lambda t: classify(t).category))
    result = classifier(text)
    assert (result.category, result.triage) == ("yards", False)
    assert result.reasons[0].startswith("operators' corrections:")
    # A text that only shares a word or two is not "similar": the rules still decide it.
    assert classifier("огромная яма на дороге на Комсомольской").category == "roads"


def test_the_model_decides_what_the_rules_leave_to_triage_and_says_so() -> None:
    examples = [LabelledText(f"самокаты брошены на тротуаре у дома {n}, не пройти", "yards") for n in range(1, 9)]
    text = "самокаты брошены на тротуаре у дома 12"
    assert classify(text).triage or classify(text).category != "yards"
    result = Classifier(train(examples + OTHER_EXAMPLES))(text)
    assert (result.category, result.triage) == ("yards", False)
    assert result.reasons[0].startswith("model: yards")


@pytest.mark.parametrize(("document", "problem"), [
    ("{not json", "not JSON"),
    (json.dumps({"format": "something else"}), "not a classifier model"),
    (json.dumps({"format": "otklik.classifier-model", "version": MODEL_VERSION + 1, "categories": {}, "features": {}}),
     "newer than this code reads"),
    (json.dumps({"format": "otklik.classifier-model", "version": 1, "categories": {"roads": "many"}, "features": {}}),
     "corrupt"),
    (json.dumps({"format": "otklik.classifier-model", "version": 1, "categories": {"roads": 1},
                 "features": {"яма": {"water": 1}}}), "corrupt"),
])
def test_a_corrupt_or_newer_model_is_refused_and_the_rules_decide(document: str, problem: str) -> None:
    with pytest.raises(ModelRefused, match=problem):
        load_model(document)
    classifier = Classifier.from_document(document)
    assert classifier.model is None and problem in (classifier.model_problem or "")
    assert classifier("яма на дороге на Ленина") == classify("яма на дороге на Ленина")


def test_classify_with_a_refused_model_says_so_and_classifies_by_the_rules(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    model_file = tmp_path / "model.json"
    model_file.write_text(json.dumps({"format": "otklik.classifier-model", "version": 99}), encoding="utf-8")
    code, out, err = run_cli(["classify", "--model", str(model_file)], '{"text": "яма на дороге"}\n', monkeypatch,
                             capsys)
    assert code == 0 and "model refused" in err and "version 99" in err
    assert json.loads(out)["category"] == "roads"


def test_a_model_survives_its_json() -> None:
    model = train(GARAGE_POTHOLES + OTHER_EXAMPLES, rules=lambda t: classify(t).category, town="T", trained_at="x")
    again = load_model(model.to_json())
    assert again == model
    text = "яма на дороге у гаражей ГСК Рассвет"
    assert Classifier(again)(text) == Classifier(model)(text)


def test_a_model_stored_by_the_first_version_still_loads() -> None:
    model = train(GARAGE_POTHOLES + OTHER_EXAMPLES, rules=lambda t: classify(t).category, town="T", trained_at="x")
    stored = model.to_document()
    by_feature: dict[str, dict[str, int]] = {}
    for label, occurrences in stored.pop("counts").items():
        for feature, count in occurrences.items():
            by_feature.setdefault(feature, {})[label] = count
    first_version = json.dumps(stored | {"version": 1, "features": by_feature}, ensure_ascii=False)

    assert load_model(first_version) == model
    assert json.loads(load_model(first_version).to_json())["version"] == MODEL_VERSION


@pytest.mark.parametrize("counts", [
    {"roads": {"яма": 1}, "water": {"вода": 1}},  # a label the model has no examples of
    {"roads": {"яма": "1"}},
    {"roads": ["яма"]},
])
def test_counts_that_do_not_fit_the_categories_are_refused(counts: object) -> None:
    document = json.dumps({"format": "otklik.classifier-model", "version": MODEL_VERSION, "categories": {"roads": 1},
                           "counts": counts}, ensure_ascii=False)
    with pytest.raises(ModelRefused, match="corrupt"):
        load_model(document)


def test_folds_never_share_a_text() -> None:
    examples = [LabelledText(json.loads(line)["text"], json.loads(line)["category"])
                for line in (DATA / "comments_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    copies = [LabelledText("  " + e.text.upper() + " ", e.category) for e in examples[:40]]
    folds = split_folds(examples + copies, 5)
    assert sum(len(fold) for fold in folds) == len(examples) + len(copies)
    assert all(folds)
    seen: dict[str, int] = {}
    for number, fold in enumerate(folds):
        for example in fold:
            key = " ".join(example.text.lower().split())
            assert seen.setdefault(key, number) == number, f"{example.text!r} is in folds {seen[key]} and {number}"


def test_evaluate_prints_the_cross_validated_measures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["classifier", "evaluate", "--folds", "5", str(DATA / "comments_dev.jsonl")], "",
                           monkeypatch, capsys)
    report = json.loads(out)
    assert code == 0 and report["folds"] == 5 and report["texts"] == 153
    assert {"accuracy_among_decided", "misrouted_share", "triage_share", "per_category"} <= set(report)
    assert {"precision", "recall", "support"} == set(report["per_category"]["roads"])


def test_a_bad_labelled_line_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text('{"text": "яма", "category": "roads"}\n{"text": "x", "category": "potholes"}\n',
                        encoding="utf-8")
    code, _, err = run_cli(["classifier", "train", "--from", str(labelled), "--out", str(tmp_path / "m.json")], "",
                           monkeypatch, capsys)
    assert code == 2 and "line 2" in err and "potholes" in err


# A town's first model: a handful of operators' corrections about one category.
YARD_LAMPS = [LabelledText(f"Во дворе дома {n} по улице Мира не горят фонари уже неделю", "management_company")
              for n in (3, 5, 7)]


def test_a_first_model_of_a_few_corrections_changes_only_texts_like_them() -> None:
    classifier = Classifier(train(YARD_LAMPS, rules=lambda t: classify(t).category))

    like_them = classifier("Во дворе дома 11 по улице Мира не горят фонари уже неделю")
    assert (like_them.category, like_them.triage) == ("management_company", False)
    for text, category in (("Огромная яма на дороге у дома 5 по ул. Ленина", "roads"),
                           ("Не вывозят мусор третий день, баки переполнены", "waste")):
        # Not sent to triage by a model that never saw such a text: the rules' answer, unchanged.
        assert classifier(text) == classify(text) and not classify(text).triage, text
        assert classify(text).category == category


def test_the_model_objects_only_to_a_category_it_has_seen_enough_of() -> None:
    lamps = [LabelledText(f"Во дворе дома {n} по улице Мира не горят фонари уже неделю", "management_company")
             for n in range(1, 8)]
    text = "Во дворе дома 5 по улице Мира мусор не вывозят уже неделю"
    assert (classify(text).category, classify(text).triage) == ("waste", False)
    waste_seen_once = Classifier(train([*lamps, LabelledText("контейнеры переполнены на площадке", "waste")]))
    waste_seen_enough = Classifier(train([*lamps, *(LabelledText(f"контейнеры переполнены на площадке {n}", "waste")
                                                    for n in range(MIN_SUPPORT))]))

    assert waste_seen_once(text) == classify(text)
    objected = waste_seen_enough(text)
    assert objected.triage and objected.reasons[-1].startswith("model disagrees: management_company")
