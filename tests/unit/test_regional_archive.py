"""The regional archive (otklik/regional_archive.py): the development sets a town loads as its first examples. The
validation and held-out sets judge its model, so none of their texts may be in it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from otklik.cli import main
from otklik.domain.learning.examples import LABELS
from otklik.domain.learning.model import load_model
from otklik.regional_archive import ARCHIVE_SETS, DATA, archive_examples, archive_paths

# Never in the archive: the sets that judge it (tests/data/README.md).
JUDGES = ("portal_holdout.jsonl", "portal_holdout2.jsonl", "portal_holdout3.jsonl", "portal_holdout4.jsonl",
          "comments_holdout.jsonl", "classification_holdout.jsonl", "portal_dev13.jsonl", "comments_dev3.jsonl",
          "comments_dev8.jsonl")


def _normalised(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def test_the_archive_is_every_line_of_its_development_sets_with_known_labels() -> None:
    examples = archive_examples()

    lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in archive_paths())
    assert len(examples) == lines > 2000
    assert {example.category for example in examples} <= LABELS
    assert not set(ARCHIVE_SETS) & set(JUDGES)


def test_no_text_of_a_validation_or_held_out_set_is_in_the_archive() -> None:
    """Any writer writes «тест», «???» or «см. моё предыдущее обращение»: texts of up to five words may recur."""
    archived = {_normalised(example.text) for example in archive_examples()}
    for name in JUDGES:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        judged = {_normalised(json.loads(line)["text"]) for line in lines}
        assert not {text for text in archived & judged if len(text.split()) > 5}, name


def test_the_regional_archive_trains_a_model_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model_file = tmp_path / "model.json"

    code = main(["classifier", "train", "--regional-archive", "--town", "T", "--out", str(model_file)])

    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["examples"] == len(archive_examples())
    assert load_model(model_file.read_text(encoding="utf-8")).examples == summary["examples"]


def test_labelled_texts_come_from_a_file_or_the_regional_archive_not_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["classifier", "train", "--regional-archive", "--from", "labelled.jsonl", "--out", "m.json"])

    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
