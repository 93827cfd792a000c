"""Classification by the lexicon and the domain's rules alone: score, precedence, message kinds."""
from __future__ import annotations

import re

from otklik.domain.classification.message_kinds import (
    gratitude_words,
    greeting_only_words,
    information_request,
    is_spam,
    non_appeal_intent,
    praise_words,
    spam_check,
    states_nothing_to_act_on,
)
from otklik.domain.classification.places import institution_mentions, spatial_landmark_positions
from otklik.domain.classification.precedence import apply_precedence, own_matter_elsewhere
from otklik.domain.classification.reading import ReadText, read
from otklik.domain.classification.result import Classification
from otklik.domain.classification.scoring import confidence, score
from otklik.domain.classification.work import Work

DEFAULT_THRESHOLD = 0.35
MIN_CATEGORY_SCORE = 2.0
# From this many content words a resident who has a problem says what is wrong or what should be done; a text as
# long that does neither only informs, asks or comments, and an operator reads it. Shorter ones lean on context
# ("ВЕРНИТЕ ПЛОЩАДКУ!!!", "песочницы… на чьем балансе?") and go by their topic words. 18 rather than 14: on the
# validation set (tests/data/README.md) 14 put as many more appeals in triage as it kept non-appeals away.
WORDS_THAT_SAY_WHAT_IS_WRONG = 18
NOTHING_TO_ACT_ON = "no fault, problem or request stated"
OWN_MATTER_ELSEWHERE = "the writer's own matter, decided by another authority"

_LETTER_OR_DIGIT_RE = re.compile(r"[0-9a-zа-яё]", re.IGNORECASE)


def _non_appeal(kind: str, reasons: list[str]) -> Classification:
    return Classification(category=None, confidence=1.0, triage=True, reasons=reasons, kind=kind)


def classify_by_rules(text: str, *, threshold: float = DEFAULT_THRESHOLD, work: Work | None = None) -> Classification:
    """`work`, when given, counts the steps taken (see work.py)."""
    if not _LETTER_OR_DIGIT_RE.search(text or ""):
        return _non_appeal("empty", ["no words"])
    words = read(text, work if work is not None else Work())
    landmarks = spatial_landmark_positions(words)
    mentions = institution_mentions(words, landmarks)
    evidence = score(words, landmarks)
    ranked = [item for item in evidence.ranked() if item[0] != "other"] or [("other", 0.0)]
    top_score = ranked[0][1]

    spam = spam_check(words)
    if is_spam(spam, top_score, words):
        return _non_appeal("spam", spam.cues)
    gratitude = gratitude_words(words)
    if gratitude:
        return _non_appeal("thanks", gratitude)
    praise = praise_words(words)
    if praise:
        return _non_appeal("praise", praise)
    intent = non_appeal_intent(words, top_score)
    if intent:
        return _non_appeal(*intent)
    information = information_request(words)
    if information:
        return _non_appeal(*information)
    greeting = greeting_only_words(words, top_score, MIN_CATEGORY_SCORE)
    if greeting:
        return _non_appeal("greeting", greeting)

    other_score = evidence.scores.get("other", 0.0)
    if top_score < MIN_CATEGORY_SCORE or other_score > top_score:
        reasons = evidence.top_labels("other") or ["no category cues"]
        return Classification(category="other", confidence=round(min(0.5, other_score / 10.0), 3), triage=True,
                              reasons=reasons, kind="appeal")

    decision = apply_precedence(ranked, mentions, words, evidence)
    certainty = confidence(decision.ranking)
    operators_reason = _for_an_operator(words)
    if operators_reason is not None:
        return Classification(category=decision.category, confidence=certainty, triage=True,
                              reasons=[*decision.reasons, operators_reason], kind="appeal")
    return Classification(category=decision.category, confidence=certainty, triage=certainty < threshold,
                          reasons=decision.reasons, kind="appeal")


def _for_an_operator(words: ReadText) -> str | None:
    """Why a text with a department's topic goes to an operator all the same: it states nothing to act on, or it is
    the writer's own matter that another authority decides. None when it may be routed."""
    if len(words.tokens) >= WORDS_THAT_SAY_WHAT_IS_WRONG and states_nothing_to_act_on(words):
        return NOTHING_TO_ACT_ON
    own_matter = own_matter_elsewhere(words)
    return f"{OWN_MATTER_ELSEWHERE} ({own_matter})" if own_matter is not None else None
