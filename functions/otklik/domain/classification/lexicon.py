"""The weighted lexicon of the categories (data/category_lexicon.json) and how a token finds its entries:
lemmas, a one-edit typo correction for unknown words, and prefixes."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from otklik.domain.words import canonical_lemma, category_lexicon_data, is_known_word, lemmas_of, morph

Weights = dict[str, dict[str, tuple[float, str]]]  # lemma -> category -> (weight, label)


@dataclass(frozen=True)
class Phrase:
    category: str
    words: tuple[str, ...]
    weight: float
    label: str


@dataclass(frozen=True)
class Lexicon:
    unigrams: Weights
    prefixes: Weights  # lemma prefix -> category -> (weight, label)
    phrases_by_word: dict[str, tuple[Phrase, ...]]
    institutions: dict[str, frozenset[str]]  # category -> lemmas (single words) naming the institution
    institution_phrases: dict[str, tuple[tuple[str, ...], ...]]
    institution_beats: frozenset[str]
    spatial_landmark_words: frozenset[str]
    route_words: frozenset[str]
    management_blame_words: frozenset[str]
    management_blame_phrases: tuple[tuple[str, ...], ...]
    management_beats: frozenset[str]
    snow_beats: frozenset[str]
    snow_names: frozenset[str]  # lemmas that name snow or ice itself: snow's precedence needs one
    lighting_beats: frozenset[str]  # "public_transport": a stop's darkness is lighting's
    street_lamps: frozenset[str]  # "фонарь": a lamp named, its blinking is lighting's, not the flat's power
    street_lamps_beat: frozenset[str]  # "electricity"
    yard_names: frozenset[str]  # "двор": after "в"/"во", the fault's place is a yard
    yard_prepositions: frozenset[str]  # "в", "во"
    yard_beats: frozenset[str]  # "roads": a yard's puddle or pit is the yard's
    own_matter_nouns: frozenset[str]  # "пенсия": the writer's own is another authority's matter
    own_matter_owners: frozenset[str]  # "я", "мой"
    matters_elsewhere: frozenset[str]  # "вычет": another authority's whoever's it is
    own_matter_reach: tuple[int, int]  # words before and after the noun where the owner may stand
    utility_providers: frozenset[str]
    reported_speech_verbs: frozenset[str]
    redirect_verbs: frozenset[str]
    correction_targets: frozenset[str]
    nouns_from_adjectives: frozenset[str]  # "скорая": named by a full adjective only, not by "скоро"


def phrase_words(text: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    return tuple(canonical_lemma(word) for word in text.split() if word not in stopwords)


def _add_weight(table: Weights, key: str, category: str, weight: float, label: str) -> None:
    per_category = table.setdefault(key, {})
    if category not in per_category or per_category[category][0] < weight:
        per_category[category] = (weight, label)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = category_lexicon_data()
    stopwords = frozenset(raw["phrase_stopwords"])
    unigrams: Weights = {}
    prefixes: Weights = {}
    pending_phrases: list[tuple[str, tuple[str, ...], float, str]] = []
    for category, terms in raw["categories"].items():
        for term, weight in terms.items():
            term = term.lower().replace("ё", "е")
            if term.endswith("*"):
                _add_weight(prefixes, term[:-1], category, weight, term[:-1])
            elif " " in term:
                words = phrase_words(term, stopwords)
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
        Phrase(category, words, max(weight, sum(unigrams.get(w, {}).get(category, (0.0, ""))[0] for w in words)), term)
        for category, words, weight, term in pending_phrases
    ]
    phrases_by_word: dict[str, list[Phrase]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p.words), -p.weight)):
        for word in set(phrase.words):
            phrases_by_word.setdefault(word, []).append(phrase)

    institutions: dict[str, frozenset[str]] = {}
    institution_phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for category, names in raw["institutions"].items():
        institutions[category] = frozenset(canonical_lemma(n) for n in names if " " not in n)
        institution_phrases[category] = tuple(phrase_words(n, stopwords) for n in names if " " in n)

    blame = raw["management_blame"]
    return Lexicon(
        unigrams=unigrams,
        prefixes=prefixes,
        phrases_by_word={word: tuple(items) for word, items in phrases_by_word.items()},
        institutions=institutions,
        institution_phrases=institution_phrases,
        institution_beats=frozenset(raw["institution_beats"]),
        spatial_landmark_words=frozenset(raw["spatial_landmark_words"]),
        route_words=frozenset(raw["route_words"]),
        management_blame_words=(frozenset(canonical_lemma(w) for w in blame if " " not in w)
                                | frozenset(w for w in blame if " " not in w)),
        management_blame_phrases=tuple(phrase_words(w, stopwords) for w in blame if " " in w),
        management_beats=frozenset(raw["management_beats"]),
        snow_beats=frozenset(raw["snow_beats"]),
        snow_names=frozenset(canonical_lemma(w) for w in raw["snow_names"]),
        lighting_beats=frozenset(raw["lighting_beats"]),
        street_lamps=frozenset(canonical_lemma(w) for w in raw["street_lamps"]["names"]),
        street_lamps_beat=frozenset(raw["street_lamps"]["beat"]),
        yard_names=frozenset(canonical_lemma(w) for w in raw["yard_places"]["names"]),
        yard_prepositions=frozenset(raw["yard_places"]["prepositions"]),
        yard_beats=frozenset(raw["yard_places"]["beat"]),
        own_matter_nouns=frozenset(canonical_lemma(w) for w in raw["own_matters_elsewhere"]["nouns"]),
        own_matter_owners=frozenset(raw["own_matters_elsewhere"]["owners"]),
        matters_elsewhere=frozenset(canonical_lemma(w) for w in raw["own_matters_elsewhere"]["always"]),
        own_matter_reach=(int(raw["own_matters_elsewhere"]["before"]), int(raw["own_matters_elsewhere"]["after"])),
        utility_providers=frozenset(canonical_lemma(w) for w in raw["utility_providers"]),
        reported_speech_verbs=frozenset(canonical_lemma(w) for w in raw["reported_speech_verbs"]),
        redirect_verbs=frozenset(canonical_lemma(w) for w in raw["redirect_verbs"]),
        correction_targets=frozenset(unigrams) | frozenset(w for p in phrases for w in p.words),
        nouns_from_adjectives=frozenset(canonical_lemma(w) for w in raw["nouns_from_adjectives"]["words"]),
    )


# Typo tolerance: an unknown word one edit away from a lexicon word is read as that word.

_RUSSIAN_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_MIN_CORRECTABLE_LENGTH = 5


def _single_edits(word: str) -> Iterable[str]:
    """Every word one edit away, in the order tried: transposed, replaced, deleted, then inserted letters."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from _transpositions(splits)
    yield from _replacements(splits)
    yield from _deletions(splits)
    yield from _insertions(splits)


def _transpositions(splits: list[tuple[str, str]]) -> Iterator[str]:
    for left, right in splits:
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]


def _replacements(splits: list[tuple[str, str]]) -> Iterator[str]:
    for left, right in splits:
        if right:
            for letter in _RUSSIAN_ALPHABET:
                if letter != right[0]:
                    yield left + letter + right[1:]


def _deletions(splits: list[tuple[str, str]]) -> Iterator[str]:
    for left, right in splits:
        if right:
            yield left + right[1:]


def _insertions(splits: list[tuple[str, str]]) -> Iterator[str]:
    for left, right in splits:
        for letter in _RUSSIAN_ALPHABET:
            yield left + letter + right


@lru_cache(maxsize=200_000)
def category_keys(token: str) -> frozenset[str]:
    """Lemmas used for lexicon look-up, with a one-edit typo correction for unknown words."""
    lemmas = lemmas_of(token)
    targets = lexicon().correction_targets
    if lemmas & targets or len(token) < _MIN_CORRECTABLE_LENGTH or not token.isalpha():
        return lemmas
    if is_known_word(token):
        return lemmas
    for candidate in _single_edits(token):
        if is_known_word(candidate):
            corrected = lemmas_of(candidate)
            if corrected & targets:
                return corrected | {token}
    return lemmas


_FULL_ADJECTIVE = "ADJF"


def _names_as_an_adjective(token: str) -> bool:
    """The likeliest reading is a full adjective ("скорая", "скорой"): an adverb or a comparative of the same lemma
    ("скоро", "поскорее") means soon, it names no ambulance."""
    return morph().parse(token)[0].tag.POS == _FULL_ADJECTIVE


@lru_cache(maxsize=200_000)
def unigram_hits(token: str) -> tuple[tuple[str, float, str], ...]:
    """(category, weight, label) for every category this token alone points to; the best reading per category."""
    entries = lexicon()
    best: dict[str, tuple[float, str]] = {}
    keys = sorted(category_keys(token))  # in order: between equal weights the same label wins in every process
    if not _names_as_an_adjective(token):
        keys = [key for key in keys if key not in entries.nouns_from_adjectives]
    for key in keys:
        for category, (weight, label) in entries.unigrams.get(key, {}).items():
            if category not in best or best[category][0] < weight:
                best[category] = (weight, label)
    if not best:
        for key in keys:
            for length in range(len(key), 3, -1):
                for category, (weight, _label) in entries.prefixes.get(key[:length], {}).items():
                    if category not in best or best[category][0] < weight:
                        best[category] = (weight, key)
    return tuple((category, weight, label) for category, (weight, label) in best.items())

