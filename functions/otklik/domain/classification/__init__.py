"""Topic classification of residents' appeals (docs/domain.md, "Topic categories").

A weighted lexicon of lemmas and short phrases per category (data/category_lexicon.json) scores the text
(`scoring`); the precedence rules of the domain then override the raw winner (`precedence`): the institution named
as the subject wins over a building or street symptom, a management company blamed wins over the utility.
Greetings, thanks, spam and empty messages are recognised first (`message_kinds`, data/message_kinds.json) and go to
triage. `rules` puts these together; `combined.Classifier` adds a town's learned model (otklik.domain.learning).

Pure: no I/O apart from reading the data files of the domain package, lazily and once per process.
"""
from otklik.domain.classification.result import Classification
from otklik.domain.classification.rules import DEFAULT_THRESHOLD
from otklik.domain.classification.rules import classify_by_rules as classify

__all__ = ["DEFAULT_THRESHOLD", "Classification", "classify"]
