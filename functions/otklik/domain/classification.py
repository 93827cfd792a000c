"""Topic classification of residents' appeals (see shared/domain.md, "Topic categories").

A weighted lexicon of lemmas and short phrases per category (data/category_lexicon.json) scores the text;
the precedence rules of the domain then override the raw winner:
  * an institution named as the subject (school, kindergarten, clinic) wins over a building/street symptom;
  * a management company blamed in the text wins over the utility/yard symptom.
Greetings, thanks, spam and empty messages are recognised first (data/message_kinds.json) and go to triage.

Pure: no I/O apart from reading the two data files of this package, lazily and once per process.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from otklik.domain.words import (
    KINDERGARTEN_ABBREVIATION_RE,
    canonical_lemma,
    category_lexicon_data,
    fix_mixed_script,
    is_known_word,
    lemmas_of,
    message_kind_data,
    misspellings,
    morph,
)

DEFAULT_THRESHOLD = 0.35
MIN_CATEGORY_SCORE = 2.0
PHRASE_WINDOW = 3
REPORTED_SPEECH_LOOKAHEAD = 3


@dataclass(frozen=True)
class Classification:
    category: str | None
    confidence: float
    triage: bool
    reasons: list[str] = field(default_factory=list)
    kind: str = "appeal"


_LINK_RE = re.compile(
    r"https?://|www\.|t\.me/|vk\.cc/|bit\.ly/|\b[a-z0-9-]{2,}\.(?:ru|com|net|org|io|me|ly|cc|su|xyz|info|biz|site|online|club|pro|shop|top)\b",
    re.IGNORECASE,
)
_LETTER_OR_DIGIT_RE = re.compile(r"[0-9a-zа-яё]", re.IGNORECASE)

STREET_NAME = "<street>"
_CASED_TOKEN_RE = re.compile(r"[0-9]+(?:-?[а-яёa-z]+)?|[а-яёa-z]+", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?:[!?\n]|(?<!\bул)(?<!\bпер)(?<!\bпр)(?<!\bд)(?<!\bим)(?<!\bмкр)(?<!\bпос)(?<!\bг)(?<!\bс)\.)\s*$", re.IGNORECASE)


def _content_tokens(text: str) -> list[str]:
    """Like tokenize(), but a capitalised adjective inside a sentence ("на Школьной", "ул. Садовая") is a street
    name, not a topic, and becomes STREET_NAME."""
    corrections = misspellings()
    normalized = KINDERGARTEN_ABBREVIATION_RE.sub(" детсад ", text.replace("ё", "е").replace("Ё", "Е"))
    tokens: list[str] = []
    for match in _CASED_TOKEN_RE.finditer(normalized):
        raw = match.group()
        token = fix_mixed_script(raw.lower())
        sentence_start = not tokens or bool(_SENTENCE_END_RE.search(normalized[: match.start()]))
        if raw[:1].isupper() and raw[1:].islower() and not sentence_start and _is_adjective(token):
            tokens.append(STREET_NAME)
            continue
        tokens.extend(corrections.get(token, (token,)))
    return tokens


@lru_cache(maxsize=50_000)
def _part_of_speech(token: str) -> str | None:
    return morph().parse(token)[0].tag.POS


@lru_cache(maxsize=50_000)
def _has_instrumental_reading(token: str) -> bool:
    return any(parse.tag.case == "ablt" for parse in morph().parse(token))


def _is_adjective(token: str) -> bool:
    return _part_of_speech(token) in {"ADJF", "PRTF"}


def _is_modifier(token: str) -> bool:
    """Words that may stand between a preposition and its noun: "возле [нашей] [5] школы"."""
    return token[0].isdigit() or _part_of_speech(token) in {"ADJF", "PRTF", "NUMR"}


# ---------------------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class _Phrase:
    category: str
    words: tuple[str, ...]
    weight: float
    label: str


@dataclass(frozen=True)
class _Lexicon:
    unigrams: dict[str, dict[str, tuple[float, str]]]  # lemma -> category -> (weight, label)
    prefixes: dict[str, dict[str, tuple[float, str]]]  # lemma prefix -> category -> (weight, label)
    phrases_by_word: dict[str, tuple[_Phrase, ...]]
    institutions: dict[str, frozenset[str]]  # category -> lemmas (single words) naming the institution
    institution_phrases: dict[str, tuple[tuple[str, ...], ...]]
    institution_beats: frozenset[str]
    spatial_landmark_words: frozenset[str]
    route_words: frozenset[str]
    management_blame_words: frozenset[str]
    management_blame_phrases: tuple[tuple[str, ...], ...]
    management_beats: frozenset[str]
    reported_speech_verbs: frozenset[str]
    correction_targets: frozenset[str]


def _phrase_words(text: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    return tuple(canonical_lemma(word) for word in text.split() if word not in stopwords)


def _add_weight(table: dict[str, dict[str, tuple[float, str]]], key: str, category: str, weight: float, label: str) -> None:
    per_category = table.setdefault(key, {})
    if category not in per_category or per_category[category][0] < weight:
        per_category[category] = (weight, label)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = category_lexicon_data()
    stopwords = frozenset(raw["phrase_stopwords"])
    unigrams: dict[str, dict[str, tuple[float, str]]] = {}
    prefixes: dict[str, dict[str, tuple[float, str]]] = {}
    pending_phrases: list[tuple[str, tuple[str, ...], float, str]] = []
    for category, terms in raw["categories"].items():
        for term, weight in terms.items():
            term = term.lower().replace("ё", "е")
            if term.endswith("*"):
                _add_weight(prefixes, term[:-1], category, weight, term[:-1])
            elif " " in term:
                words = _phrase_words(term, stopwords)
                if len(words) == 1:
                    _add_weight(unigrams, words[0], category, weight, term)
                else:
                    pending_phrases.append((category, words, float(weight), term))
            else:
                # Both the written form and its lemma, so "травы"/"трава" or "ук"/"ука" all hit.
                _add_weight(unigrams, term, category, weight, term)
                _add_weight(unigrams, canonical_lemma(term), category, weight, term)
    # A phrase never scores less than its words would on their own in the same category.
    phrases = [
        _Phrase(category, words, max(weight, sum(unigrams.get(w, {}).get(category, (0.0, ""))[0] for w in words)), term)
        for category, words, weight, term in pending_phrases
    ]
    phrases_by_word: dict[str, list[_Phrase]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p.words), -p.weight)):
        for word in set(phrase.words):
            phrases_by_word.setdefault(word, []).append(phrase)

    institutions: dict[str, frozenset[str]] = {}
    institution_phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for category, names in raw["institutions"].items():
        institutions[category] = frozenset(canonical_lemma(n) for n in names if " " not in n)
        institution_phrases[category] = tuple(_phrase_words(n, stopwords) for n in names if " " in n)

    blame = raw["management_blame"]
    return _Lexicon(
        unigrams=unigrams,
        prefixes=prefixes,
        phrases_by_word={word: tuple(items) for word, items in phrases_by_word.items()},
        institutions=institutions,
        institution_phrases=institution_phrases,
        institution_beats=frozenset(raw["institution_beats"]),
        spatial_landmark_words=frozenset(raw["spatial_landmark_words"]),
        route_words=frozenset(raw["route_words"]),
        management_blame_words=frozenset(canonical_lemma(w) for w in blame if " " not in w) | frozenset(w for w in blame if " " not in w),
        management_blame_phrases=tuple(_phrase_words(w, stopwords) for w in blame if " " in w),
        management_beats=frozenset(raw["management_beats"]),
        reported_speech_verbs=frozenset(canonical_lemma(w) for w in raw["reported_speech_verbs"]),
        correction_targets=frozenset(unigrams) | frozenset(w for p in phrases for w in p.words),
    )


# ---------------------------------------------------------------------------------------------------------
# Typo tolerance: an unknown word one edit away from a lexicon word is read as that word.

_RUSSIAN_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_MIN_CORRECTABLE_LENGTH = 5


def _single_edits(word: str) -> Iterable[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
    for left, right in splits:
        if right:
            for letter in _RUSSIAN_ALPHABET:
                if letter != right[0]:
                    yield left + letter + right[1:]
    for left, right in splits:
        if right:
            yield left + right[1:]
    for left, right in splits:
        for letter in _RUSSIAN_ALPHABET:
            yield left + letter + right


@lru_cache(maxsize=200_000)
def _category_keys(token: str) -> frozenset[str]:
    """Lemmas used for lexicon look-up, with a one-edit typo correction for unknown words."""
    lemmas = lemmas_of(token)
    lexicon = _lexicon()
    if lemmas & lexicon.correction_targets or len(token) < _MIN_CORRECTABLE_LENGTH or not token.isalpha():
        return lemmas
    if is_known_word(token):
        return lemmas
    for candidate in _single_edits(token):
        if is_known_word(candidate):
            corrected = lemmas_of(candidate)
            if corrected & lexicon.correction_targets:
                return corrected | {token}
    return lemmas


@lru_cache(maxsize=200_000)
def _unigram_hits(token: str) -> tuple[tuple[str, float, str], ...]:
    """(category, weight, label) for every category this token alone points to; the best reading per category."""
    lexicon = _lexicon()
    best: dict[str, tuple[float, str]] = {}
    for key in _category_keys(token):
        for category, (weight, label) in lexicon.unigrams.get(key, {}).items():
            if category not in best or best[category][0] < weight:
                best[category] = (weight, label)
    if not best:
        for key in _category_keys(token):
            for length in range(len(key), 3, -1):
                for category, (weight, label) in lexicon.prefixes.get(key[:length], {}).items():
                    if category not in best or best[category][0] < weight:
                        best[category] = (weight, key)
    return tuple((category, weight, label) for category, (weight, label) in best.items())


# ---------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class _Evidence:
    scores: dict[str, float] = field(default_factory=dict)
    terms: dict[str, dict[str, float]] = field(default_factory=dict)  # category -> label -> weight

    def add(self, category: str, weight: float, label: str) -> None:
        labels = self.terms.setdefault(category, {})
        if label in labels:
            # Repeating a word adds a little, not a full weight again.
            bonus = min(0.5, weight * 0.2)
            labels[label] += bonus
            self.scores[category] += bonus
            return
        labels[label] = weight
        self.scores[category] = self.scores.get(category, 0.0) + weight

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))

    def top_labels(self, category: str, limit: int = 4) -> list[str]:
        labels = self.terms.get(category, {})
        return [label for label, _ in sorted(labels.items(), key=lambda item: -item[1])[:limit]]


def _positions_by_key(keys: list[frozenset[str]]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for index, token_keys in enumerate(keys):
        for key in token_keys:
            positions.setdefault(key, []).append(index)
    return positions


def _find_window(words: tuple[str, ...], positions: dict[str, list[int]], used: set[int]) -> list[int] | None:
    """Positions of all words within PHRASE_WINDOW of the first one, none already used by another phrase."""
    window = PHRASE_WINDOW + len(words) - 2
    for anchor in positions.get(words[0], []):
        if anchor in used:
            continue
        chosen = [anchor]
        for word in words[1:]:
            match = next(
                (p for p in positions.get(word, []) if p not in used and p not in chosen and abs(p - anchor) <= window),
                None,
            )
            if match is None:
                break
            chosen.append(match)
        else:
            return chosen
    return None


LANDMARK_DISCOUNT = 0.3
_DIRECTION_PREPOSITIONS = frozenset({"в", "во", "на"})
_WITH_PREPOSITIONS = frozenset({"с", "со"})
# Not "за": "за школой" is a place but "ходим за водой" is a purpose.
_SPATIAL_WITH_INSTRUMENTAL = frozenset({"перед", "над", "под"})


@dataclass(frozen=True)
class _InstitutionMention:
    category: str
    name: str
    start: int
    end: int
    landmark: bool  # "возле школы", "ходят в школу": the place is only a reference point, not the subject


@lru_cache(maxsize=50_000)
def _has_locative_reading(token: str) -> bool:
    return any(parse.tag.case in {"loct", "loc2"} for parse in morph().parse(token)) or not is_known_word(token)


def _phrase_start_positions(words: tuple[str, ...], keys: list[frozenset[str]]) -> list[int]:
    return [
        index
        for index in range(len(keys) - len(words) + 1)
        if all(words[offset] in keys[index + offset] for offset in range(len(words)))
    ]


def _governor(tokens: list[str], index: int) -> int | None:
    """Position of the word governing the noun group that contains `index` (its preposition, usually)."""
    position = index - 1
    while position >= 0 and _is_modifier(tokens[position]):
        position -= 1
    if position >= 1 and tokens[position] in _WITH_PREPOSITIONS:
        position -= 1  # "рядом со школой": the landmark word is before "со"
    return position if position >= 0 else None


def _spatial_landmark_positions(tokens: list[str], keys: list[frozenset[str]]) -> set[int]:
    """Positions of nouns used only to say where something is: "фонарь у остановки", "яма возле школы"."""
    spatial = _lexicon().spatial_landmark_words
    if not any(token_keys & spatial or token in _SPATIAL_WITH_INSTRUMENTAL for token, token_keys in zip(tokens, keys)):
        return set()
    positions: set[int] = set()
    for index in range(len(tokens)):
        governor = _governor(tokens, index)
        if governor is None:
            continue
        if keys[governor] & spatial:
            positions.add(index)
        elif tokens[governor] in _SPATIAL_WITH_INSTRUMENTAL and _has_instrumental_reading(tokens[index]):
            positions.add(index)  # "над площадкой", "под окнами"
    return positions


def _is_route_or_landmark(tokens: list[str], keys: list[frozenset[str]], start: int, end: int, spatial: set[int]) -> bool:
    if start in spatial:
        return True
    governor = _governor(tokens, start)
    if governor is None:
        return False
    if keys[governor] & _lexicon().route_words:
        return True
    # "ходят в школу" is a route to it, "в школе" is about it.
    return bool(keys[governor] & _DIRECTION_PREPOSITIONS) and not _has_locative_reading(tokens[end])


def _institution_mentions(tokens: list[str], keys: list[frozenset[str]], spatial: set[int]) -> list[_InstitutionMention]:
    lexicon = _lexicon()
    spans: list[tuple[str, str, int, int]] = []
    for category, names in lexicon.institutions.items():
        covered: set[int] = set()
        for words in lexicon.institution_phrases[category]:
            for start in _phrase_start_positions(words, keys):
                spans.append((category, " ".join(words), start, start + len(words) - 1))
                covered.update(range(start, start + len(words)))
        for index, token_keys in enumerate(keys):
            named = token_keys & names
            if named and index not in covered:
                spans.append((category, min(named), index, index))
    return [
        _InstitutionMention(category, name, start, end, _is_route_or_landmark(tokens, keys, start, end, spatial))
        for category, name, start, end in sorted(spans, key=lambda span: span[2])
    ]


def _match_phrases(keys: list[frozenset[str]], landmarks: set[int], evidence: _Evidence) -> set[int]:
    lexicon = _lexicon()
    positions = _positions_by_key(keys)
    candidates: dict[int, _Phrase] = {}
    for key in positions:
        for phrase in lexicon.phrases_by_word.get(key, ()):
            candidates[id(phrase)] = phrase
    used: set[int] = set()
    for phrase in sorted(candidates.values(), key=lambda p: (-len(p.words), -p.weight, p.label)):
        chosen = _find_window(phrase.words, positions, used)
        if chosen is not None:
            used.update(chosen)
            discounted = all(p in landmarks for p in chosen)
            evidence.add(phrase.category, phrase.weight * (LANDMARK_DISCOUNT if discounted else 1.0), phrase.label)
    return used


def _score(tokens: list[str], keys: list[frozenset[str]], landmarks: set[int]) -> _Evidence:
    evidence = _Evidence()
    used_by_phrases = _match_phrases(keys, landmarks, evidence)
    for index, token in enumerate(tokens):
        if index in used_by_phrases:
            continue
        factor = LANDMARK_DISCOUNT if index in landmarks else 1.0
        for category, weight, label in _unigram_hits(token):
            evidence.add(category, weight * factor, label)
    return evidence


# ---------------------------------------------------------------------------------------------------------
# Precedence rules from the domain


def _management_blamed(keys: list[frozenset[str]]) -> str | None:
    """The management-company word when the text blames it (not when it merely relays what the company said)."""
    lexicon = _lexicon()
    occurrences: list[tuple[int, int, str]] = []
    for index, token_keys in enumerate(keys):
        named = token_keys & lexicon.management_blame_words
        if named:
            occurrences.append((index, 1, min(named)))
    for words in lexicon.management_blame_phrases:
        occurrences.extend((start, len(words), " ".join(words)) for start in _phrase_start_positions(words, keys))
    for index, length, name in sorted(occurrences):
        following = keys[index + length : index + length + REPORTED_SPEECH_LOOKAHEAD]
        if not any(token_keys & lexicon.reported_speech_verbs for token_keys in following):
            return name
    return None


@dataclass(frozen=True)
class _Decision:
    category: str
    reasons: list[str]
    ranking: list[tuple[str, float]]  # what is left to compete once the rules removed the beaten readings


def _without(ranking: list[tuple[str, float]], beaten: frozenset[str]) -> list[tuple[str, float]]:
    return [(category, score) for category, score in ranking if category not in beaten]


def _precedence_reason(rule: str, name: str, beaten: list[str], evidence: _Evidence) -> str:
    symptom = ", ".join(label for category in beaten[:2] for label in evidence.top_labels(category, 1))
    return f"precedence: {rule} ({name}) over {'symptom' if rule == 'institution' else 'utility'} ({symptom})"


def _apply_precedence(
    ranked: list[tuple[str, float]], mentions: list[_InstitutionMention], keys: list[frozenset[str]], evidence: _Evidence
) -> _Decision:
    lexicon = _lexicon()
    reasons: list[str] = []
    ranking = ranked
    best_score = ranked[0][1]
    if ranking[0][0] in lexicon.institution_beats | lexicon.institutions.keys():
        for category, _ in ranking:
            name = next((m.name for m in mentions if m.category == category and not m.landmark), None)
            if name:
                beaten = [c for c, _ in ranking if c in lexicon.institution_beats]
                if beaten:
                    reasons.append(_precedence_reason("institution", name, beaten, evidence))
                rest = [item for item in ranking if item[0] != category]
                ranking = [(category, best_score), *_without(rest, lexicon.institution_beats)]
                break
    top_category = ranking[0][0]
    if top_category in lexicon.management_beats | {"management_company"} and "management_company" in evidence.scores:
        name = _management_blamed(keys)
        if name:
            beaten = [c for c, _ in ranking if c in lexicon.management_beats]
            if beaten:
                reasons.append(_precedence_reason("management company", name, beaten, evidence))
            rest = [item for item in ranking if item[0] != "management_company"]
            ranking = [("management_company", best_score), *_without(rest, lexicon.management_beats)]
    category = ranking[0][0]
    return _Decision(category, [*evidence.top_labels(category), *reasons], ranking)


# ---------------------------------------------------------------------------------------------------------
# Message kinds: greeting, thanks, spam, empty


@dataclass(frozen=True)
class _KindCues:
    greeting: frozenset[str]
    thanks: frozenset[str]
    complaint_markers: frozenset[str]
    spam_words: dict[str, float]
    spam_phrases: tuple[tuple[tuple[str, ...], float], ...]
    link_spam_weight: float


def _lemma_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words) | frozenset(canonical_lemma(w) for w in words)


@lru_cache(maxsize=1)
def _kind_cues() -> _KindCues:
    raw = message_kind_data()
    spam_words: dict[str, float] = {}
    spam_phrases: list[tuple[tuple[str, ...], float]] = []
    for word, weight in raw["spam_words"].items():
        if " " in word:
            spam_phrases.append((tuple(canonical_lemma(w) for w in word.split()), weight))
        else:
            spam_words[word] = weight
            spam_words[canonical_lemma(word)] = weight
    return _KindCues(
        greeting=_lemma_set(raw["greeting"]),
        thanks=_lemma_set(raw["thanks"]),
        complaint_markers=frozenset(raw["complaint_markers"]),
        spam_words=spam_words,
        spam_phrases=tuple(spam_phrases),
        link_spam_weight=float(raw["link_spam_weight"]),
    )


SPAM_MIN_SCORE = 3.0


@dataclass(frozen=True)
class _SpamCheck:
    score: float
    has_link: bool
    cues: list[str]


def _spam_check(text: str, keys: list[frozenset[str]]) -> _SpamCheck:
    cues = _kind_cues()
    has_link = bool(_LINK_RE.search(text))
    score = cues.link_spam_weight if has_link else 0.0
    found: list[str] = ["link"] if has_link else []
    for token_keys in keys:
        matched = sorted(key for key in token_keys if key in cues.spam_words)
        if matched and matched[0] not in found:
            found.append(matched[0])
            score += cues.spam_words[matched[0]]
    for words, weight in cues.spam_phrases:
        if _phrase_start_positions(words, keys):
            found.append(" ".join(words))
            score += weight
    return _SpamCheck(score, has_link, found)


def _is_spam(spam: _SpamCheck, top_score: float) -> bool:
    if top_score == 0.0 and spam.has_link:
        return True
    return spam.score >= SPAM_MIN_SCORE and spam.score >= top_score


def _gratitude_words(text: str, tokens: list[str], keys: list[frozenset[str]]) -> list[str]:
    """The thank-you words of a message that thanks without complaining or asking; empty otherwise."""
    cues = _kind_cues()
    if "?" in text or any(token in cues.complaint_markers for token in tokens):
        return []
    return [token for token, token_keys in zip(tokens, keys) if token_keys & cues.thanks]


def _greeting_only_words(keys: list[frozenset[str]], tokens: list[str], top_score: float) -> list[str]:
    """The greeting words of a message that greets and says (almost) nothing else; empty otherwise."""
    cues = _kind_cues()
    greeting = [token for token, token_keys in zip(tokens, keys) if token_keys & cues.greeting]
    other_words = len(tokens) - len(greeting)
    return greeting if greeting and top_score < MIN_CATEGORY_SCORE and other_words <= 3 else []


# ---------------------------------------------------------------------------------------------------------
# Public API


def _confidence(ranked: list[tuple[str, float]]) -> float:
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    strength = 1.0 - math.exp(-top / 3.0)
    margin = (top - second) / top
    return round(strength * (0.35 + 0.65 * margin), 3)


def _non_appeal(kind: str, reasons: list[str]) -> Classification:
    return Classification(category=None, confidence=1.0, triage=True, reasons=reasons, kind=kind)


def classify(text: str, *, threshold: float = DEFAULT_THRESHOLD) -> Classification:
    if not _LETTER_OR_DIGIT_RE.search(text or ""):
        return _non_appeal("empty", ["no words"])
    tokens = _content_tokens(text)
    keys = [_category_keys(token) for token in tokens]
    landmarks = _spatial_landmark_positions(tokens, keys)
    mentions = _institution_mentions(tokens, keys, landmarks)
    evidence = _score(tokens, keys, landmarks)
    ranked = [item for item in evidence.ranked() if item[0] != "other"] or [("other", 0.0)]
    top_score = ranked[0][1]

    spam = _spam_check(text, keys)
    if _is_spam(spam, top_score):
        return _non_appeal("spam", spam.cues)
    gratitude = _gratitude_words(text, tokens, keys)
    if gratitude:
        return _non_appeal("thanks", gratitude)
    greeting = _greeting_only_words(keys, tokens, top_score)
    if greeting:
        return _non_appeal("greeting", greeting)

    other_score = evidence.scores.get("other", 0.0)
    if top_score < MIN_CATEGORY_SCORE or other_score > top_score:
        reasons = evidence.top_labels("other") or ["no category cues"]
        confidence = round(min(0.5, other_score / 10.0), 3)
        return Classification(category="other", confidence=confidence, triage=True, reasons=reasons, kind="appeal")

    decision = _apply_precedence(ranked, mentions, keys, evidence)
    confidence = _confidence(decision.ranking)
    return Classification(
        category=decision.category,
        confidence=confidence,
        triage=confidence < threshold,
        reasons=decision.reasons,
        kind="appeal",
    )
