"""Which changes of an appeal are operators' labels for the classifier (domain/learning/operator_labels.py)."""
from __future__ import annotations

from datetime import timedelta

from otklik.domain import actions, routing
from otklik.domain.learning import operator_labels
from otklik.domain.learning.operator_labels import operator_label
from otklik.domain.model import Appeal, Status
from otklik.domain.retention import erase_personal_data
from tests.builders import TOWN, an_appeal, routed
from tests.fakes import T0

AT = T0 + timedelta(hours=1)


def triaged(appeal: Appeal, category: str = "waste") -> Appeal:
    return actions.triage(appeal, "operator:op1", AT, category=category, municipality=TOWN, department="ecology",
                          due_at=None)


def test_the_classifiers_decisions_are_known_by_the_routers_actor() -> None:
    assert operator_labels.ROUTER == routing.ROUTER


def test_what_the_classifier_said_falls_back_on_the_appeal_when_its_entry_was_archived() -> None:
    before = routed(an_appeal("Баки переполнены"), category="yards")
    archived = before.model_copy(update={"history": (), "archived_history": len(before.history)})

    example = operator_label(archived, triaged(archived))

    assert example is not None and (example.classifier_category, example.source) == ("yards", "correction")


def test_no_label_from_an_appeal_whose_text_is_erased_or_from_no_change_at_all() -> None:
    before = an_appeal("Баки переполнены", status=Status.NEEDS_TRIAGE)
    assert operator_label(None, before) is None
    assert operator_label(before, before) is None
    erased = erase_personal_data(before, AT, "request")
    assert operator_label(erased, triaged(erased)) is None
