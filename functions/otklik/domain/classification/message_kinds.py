"""Messages that are not appeals (data/message_kinds.json): greetings, thanks, spam and adverts, and messages that
ask for no department's work: a request for information, an opinion, a withdrawal or a reference to an earlier
appeal, a test of the form. They go to triage, never to a department."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from otklik.domain.classification.lexicon import category_keys
from otklik.domain.classification.reading import ReadText
from otklik.domain.classification.tokens import (
    STREET_NAME,
    first_person_or_infinitive_lemma,
    imperative_lemma,
    part_of_speech,
    verb_tense,
)
from otklik.domain.words import canonical_lemma, message_kind_data

SPAM_MIN_SCORE = 3.0
GREETING_MAX_OTHER_WORDS = 3

_LINK_RE = re.compile(
    r"https?://|www\.|t\.me/|vk\.cc/|bit\.ly/|\b[a-z0-9-]{2,}\.(?:ru|com|net|org|io|me|ly|cc|su|xyz|info|biz|site|online|club|pro|shop|top)\b",
    re.IGNORECASE,
)
# 8-914-123-45-67, +7 (924) 123 45 67, 89241234567, т. 8 (4242) 55-66-77
_PHONE_RE = re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")


@dataclass(frozen=True)
class KindCues:
    greeting: frozenset[str]
    thanks: frozenset[str]
    complaint_markers: frozenset[str]
    spam_words: dict[str, float]
    spam_phrases: tuple[tuple[tuple[str, ...], float], ...]
    link_spam_weight: float
    phone_spam_weight: float
    thanks_relayed_by: frozenset[str]
    advert_min_score: float
    intents: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # kind -> phrases of lemmas
    negations_that_ask: tuple[tuple[str, ...], ...]
    request_forms: frozenset[str]
    intent_max_topic_score: dict[str, float]
    resolved_phrases: tuple[tuple[str, ...], ...]
    information: InformationCues
    declared: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # kind -> phrases by which a message says what it is
    # Of those kinds, the ones a fault stated after the declaration makes an appeal after all; when words are given,
    # only when one of them turns the declaration ("не жалоба, но ...").
    declared_unless_a_fault: dict[str, frozenset[str]]
    proposals: tuple[tuple[str, ...], ...]
    proposal_forms: frozenset[str]  # as written: "предлагаю" proposes, "нам предлагают" does not
    proposal_repairs: tuple[tuple[str, ...], ...]
    thanks_conjunctions: frozenset[str]  # complaint markers that only join clauses in thanks, which ask nothing
    thanks_emphasis: frozenset[str]  # "даже": a "не" soon after it tells how well it went ("даже не успел")
    praise: frozenset[str]  # "удобный", "удовольствие": a message that only praises is no appeal
    thanks_turns: frozenset[str]  # "но", "опять": a new problem after thanks, even one told in the past tense
    problem_descriptions: frozenset[str]  # everyday words of a problem: "качается", "мутная", "кидается"
    action_requests: frozenset[str]  # "прошу", "требуем", "необходимо": someone is asked to act
    informing_verbs: frozenset[str]  # imperatives that ask for information, not action: "подскажите", "сообщите"
    problem_words_that_name_a_topic: frozenset[str]  # "мусор", "тепло": a topic, not a problem, outside a question
    ongoing_ordinals: frozenset[str]  # "второй", "который": before a unit of time, something still going on
    duration_units: frozenset[str]  # "день", "месяц"
    forwarding_verbs: frozenset[str]  # "разослать": asked as an imperative with many recipients, a chain letter
    forwarding_recipients: frozenset[str]  # "всем", "друзьям"
    forwarding_window: int
    genre_labels: dict[str, frozenset[str]]  # kind -> nouns by which a message names its genre before a colon
    genre_label_reach: tuple[int, int]  # words allowed before the noun and between it and the colon
    withdrawing_verbs: frozenset[str]  # "отменить": in the first person, or asked for, with an appeal's name after it
    withdrawn_appeals: frozenset[str]  # "заявка", "обращение"
    withdrawal_asking: frozenset[str]  # "просить" before an infinitive
    withdrawing_window: int
    withdrawing_window_before: int  # "заявление о перерасчёте отзываю": the appeal named before, in the sentence
    distant_past: tuple[tuple[str, ...], ...]  # "лет назад", "в детстве": a story of long ago
    still_ongoing: tuple[tuple[str, ...], ...]  # "до сих пор": the story reaches now
    memories: re.Pattern[str]  # "помню", "а раньше", as written: a memory, vaguer than a year
    remembering: frozenset[str]  # "помню": the narrator's present, not the story's
    memory_now: tuple[tuple[str, ...], ...]  # "теперь": a memory set against now complains
    still_undone: tuple[tuple[str, ...], ...]  # "так и не": told in the past, something is undone now
    nothing_wrong_pronouns: frozenset[str]  # "ничего": "ничего не мешает" says no problem
    nothing_wrong_reach: int
    compulsion: frozenset[str]  # "приходится": an infinitive after it in its sentence is a harm suffered
    writer_pronouns: frozenset[str]  # "я", "мы": "я не обращалась" tells what the writer did not do, no fault
    congratulations: tuple[tuple[str, ...], ...]  # "с днём", "поздравляю": a holiday greeting
    congratulations_written: re.Pattern[str]  # "с Новым годом", as written ("Новым" may be read as a street)
    wishes: frozenset[str]  # "пусть", "желать": a greeting's sentence that wishes ("не будет аварий") states nothing
    proposal_shortages: frozenset[str]  # "негде": in a proposal, the want it answers, not a fault
    advert_forms: re.Pattern[str]  # "работаем", "на дому": how a business offers, as written
    advert_form_weights: dict[str, float]
    thanks_results: frozenset[str]  # "теперь": a "не" soon after it tells how things are since the fix
    thanks_result_negations: frozenset[str]
    thanks_result_reach: int
    own_opinion: tuple[tuple[str, ...], ...]  # "мне кажется", "я против": the writer's own opinion
    own_opinion_written: re.Pattern[str]  # "по-моему", as written
    laughter: re.Pattern[str]  # "ахаха", "😂", "))": a comment that laughs, as written
    always_so: tuple[tuple[str, ...], ...]  # "как всегда": a grumble about how things always are
    attachments: tuple[tuple[str, ...], ...]  # "прикладываю фото": a short follow-up that only attaches
    attachment_max_words: int
    back_references: tuple[tuple[str, ...], ...]  # "тот самый", "к заявке": what the follow-up points back to
    details: frozenset[str]  # "кв", "подъезд", "этаж": a reply that only adds a flat, an entrance, a code
    detail_max_words: int


@dataclass(frozen=True)
class InformationCues:
    """What makes a message a request for information or a document (data/message_kinds.json, information_request)."""
    asks: tuple[tuple[str, ...], ...]
    question_words: frozenset[str]
    faults: tuple[tuple[str, ...], ...]
    fixes: tuple[tuple[str, ...], ...]
    fix_question_words: frozenset[str]
    document_nouns: frozenset[str]
    document_window: int
    clause_openers: frozenset[str]
    clause_window: int
    document_refusals: frozenset[str]
    negation_exempt_after: frozenset[str]
    no_action_phrases: tuple[tuple[str, ...], ...]
    ask_forms: frozenset[str]  # as written: "скажите" asks, "сказали" does not
    document_request_verbs: frozenset[str]
    document_request_window: int
    conditions: frozenset[str]
    asking_phrases: tuple[tuple[str, ...], ...]
    fault_lookalikes: frozenset[str]
    fix_question_exclusions: frozenset[str]
    hypotheticals: tuple[tuple[str, ...], ...]  # "на случай аварии": the rest of the sentence is supposed, not stated
    reasons_asked: frozenset[str]  # "почему": a fault word only outside a text made of questions alone
    concessive_after: frozenset[str]  # "почему ..., если ...": the "если" states facts, it sets no condition
    done_oneself: tuple[tuple[str, ...], ...]  # "самому", "своими силами": a fix the writer means to do


def _information_cues(raw: dict[str, Any]) -> InformationCues:
    return InformationCues(
        asks=tuple(_phrase(p) for p in raw["asks"]),
        question_words=_lemma_set(raw["question_words"]),
        faults=tuple(_phrase(p) for p in raw["faults"]),
        fixes=tuple(_phrase(p) for p in raw["fixes"]),
        fix_question_words=_lemma_set(raw["fix_question_words"]),
        document_nouns=_lemma_set(raw["document_nouns"]),
        document_window=int(raw["document_window"]),
        clause_openers=_lemma_set(raw["clause_openers"]),
        clause_window=int(raw["clause_window"]),
        document_refusals=_lemma_set(raw["document_refusals"]),
        negation_exempt_after=_lemma_set(raw["negation_exempt_after"]),
        no_action_phrases=tuple(_phrase(p) for p in raw["no_action_phrases"]),
        ask_forms=frozenset(raw["ask_forms"]),
        document_request_verbs=_lemma_set(raw["document_request_verbs"]),
        document_request_window=int(raw["document_request_window"]),
        conditions=_lemma_set(raw["conditions"]),
        asking_phrases=tuple(_phrase(p) for p in raw["asking_phrases"]),
        fault_lookalikes=frozenset(raw["fault_lookalikes"]),
        fix_question_exclusions=frozenset(raw["fix_question_exclusions"]),
        hypotheticals=tuple(_phrase(p) for p in raw["hypotheticals"]),
        reasons_asked=frozenset(raw["reasons_asked"]),
        concessive_after=_lemma_set(raw["concessive_after"]),
        done_oneself=tuple(_phrase(p) for p in raw["done_oneself"]),
    )


def _lemma_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words) | frozenset(canonical_lemma(w) for w in words)


@lru_cache(maxsize=1)
def kind_cues() -> KindCues:
    raw = message_kind_data()
    spam_words: dict[str, float] = {}
    spam_phrases: list[tuple[tuple[str, ...], float]] = []
    for word, weight in raw["spam_words"].items():
        if " " in word:
            spam_phrases.append((tuple(canonical_lemma(w) for w in word.split()), weight))
        else:
            spam_words[word] = weight
            spam_words[canonical_lemma(word)] = weight
    return KindCues(
        greeting=_lemma_set(raw["greeting"]),
        thanks=_lemma_set(raw["thanks"]),
        complaint_markers=frozenset(raw["complaint_markers"]),
        spam_words=spam_words,
        spam_phrases=tuple(spam_phrases),
        link_spam_weight=float(raw["link_spam_weight"]),
        phone_spam_weight=float(raw["phone_spam_weight"]),
        thanks_relayed_by=_lemma_set(raw["thanks_relayed_by"]),
        advert_min_score=float(raw["advert_min_score"]),
        intents=tuple((kind, tuple(_phrase(phrase) for phrase in phrases))
                      for kind, phrases in raw["non_appeal_intents"].items()),
        negations_that_ask=tuple(_phrase(p) for p in raw["negations_that_ask"]),
        request_forms=frozenset(raw["request_forms"]),
        intent_max_topic_score={kind: float(v) for kind, v in raw["intent_max_topic_score"].items()},
        resolved_phrases=tuple(_phrase(phrase) for phrase in raw["resolved_phrases"]),
        information=_information_cues(raw["information_request"]),
        declared=tuple((kind, tuple(_phrase(phrase) for phrase in phrases))
                       for kind, phrases in raw["declared_non_appeals"].items()),
        declared_unless_a_fault={kind: frozenset(turns) for kind, turns in raw["declared_unless_a_fault"].items()},
        proposals=tuple(_phrase(phrase) for phrase in raw["proposals"]),
        proposal_forms=frozenset(raw["proposal_forms"]),
        proposal_repairs=tuple(_phrase(phrase) for phrase in raw["proposal_repairs"]),
        thanks_conjunctions=frozenset(raw["thanks_conjunctions"]),
        thanks_emphasis=frozenset(raw["thanks_emphasis"]),
        thanks_turns=frozenset(raw["thanks_turns"]),
        praise=_lemma_set(raw["praise"]),
        problem_descriptions=_lemma_set(raw["problem_descriptions"]),
        action_requests=_lemma_set(raw["action_requests"]),
        informing_verbs=frozenset(raw["informing_verbs"]),
        problem_words_that_name_a_topic=_lemma_set(raw["problem_words_that_name_a_topic"]),
        ongoing_ordinals=_lemma_set(raw["ongoing_durations"]["ordinals"]),
        duration_units=_lemma_set(raw["ongoing_durations"]["units"]),
        forwarding_verbs=_lemma_set(raw["forwarding_requests"]["verbs"]),
        forwarding_recipients=_lemma_set(raw["forwarding_requests"]["recipients"]),
        forwarding_window=int(raw["forwarding_requests"]["window"]),
        genre_labels={kind: _lemma_set(raw["genre_labels"][kind]) for kind in ("opinion", "proposal")},
        genre_label_reach=(int(raw["genre_labels"]["max_words_before"]), int(raw["genre_labels"]["max_words_after"])),
        withdrawing_verbs=frozenset(raw["withdrawing"]["verbs"]),
        withdrawn_appeals=_lemma_set(raw["withdrawing"]["appeals"]),
        withdrawal_asking=_lemma_set(raw["withdrawing"]["asking"]),
        withdrawing_window=int(raw["withdrawing"]["window"]),
        withdrawing_window_before=int(raw["withdrawing"]["window_before"]),
        distant_past=tuple(_phrase(p) for p in raw["distant_past"]["phrases"]),
        still_ongoing=tuple(_phrase(p) for p in raw["distant_past"]["ongoing"]),
        memories=_memory_forms(raw["distant_past"]["memories"]["remember"], raw["distant_past"]["memories"]["before"]),
        remembering=frozenset(raw["distant_past"]["memories"]["remember"]),
        memory_now=tuple(_phrase(p) for p in raw["distant_past"]["memories"]["now"]),
        still_undone=tuple(_phrase(p) for p in raw["still_undone"]["phrases"]),
        nothing_wrong_pronouns=_lemma_set(raw["nothing_wrong"]["pronouns"]),
        nothing_wrong_reach=int(raw["nothing_wrong"]["reach"]),
        compulsion=_lemma_set(raw["forced"]["words"]),
        writer_pronouns=frozenset(raw["writer_pronouns"]),
        congratulations=tuple(_phrase(p) for p in raw["congratulations"]["phrases"]),
        congratulations_written=_written_forms(raw["congratulations"]["written"]),
        wishes=_lemma_set(raw["congratulations"]["wishes"]),
        proposal_shortages=_lemma_set(raw["proposal_shortages"]["words"]),
        advert_forms=re.compile(r"(?<!\w)(?:" + "|".join(re.escape(form) for form in sorted(
            raw["advert_forms"]["forms"], key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE),
        advert_form_weights={form.lower(): float(weight) for form, weight in raw["advert_forms"]["forms"].items()},
        thanks_results=frozenset(raw["thanks_results"]["words"]),
        thanks_result_negations=frozenset(raw["thanks_results"]["negations"]),
        thanks_result_reach=int(raw["thanks_results"]["reach"]),
        own_opinion=tuple(_phrase(p) for p in raw["own_opinion"]["phrases"]),
        own_opinion_written=_written_forms(raw["own_opinion"]["written"]),
        always_so=tuple(_phrase(p) for p in raw["always_so"]["phrases"]),
        laughter=_laughter_forms(raw["laughter"]["words"], raw["laughter"]["marks"]),
        attachments=tuple(_phrase(p) for p in raw["follow_ups"]["attachments"]),
        attachment_max_words=int(raw["follow_ups"]["attachment_max_words"]),
        back_references=tuple(_phrase(p) for p in raw["follow_ups"]["back_references"]),
        details=_lemma_set(raw["follow_ups"]["details"]),
        detail_max_words=int(raw["follow_ups"]["detail_max_words"]),
    )


def _written_forms(forms: Iterable[str]) -> re.Pattern[str]:
    """Whole words as written, in any case."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(form) for form in forms) + r")(?!\w)", re.IGNORECASE)


def _laughter_forms(words: Iterable[str], marks: Iterable[str]) -> re.Pattern[str]:
    """Words of laughter at a word's start ("ахаха", "хахах"), and marks anywhere ("😂", "))")."""
    return re.compile("|".join([r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + ")",
                                *(re.escape(mark) for mark in marks)]), re.IGNORECASE)


def _memory_forms(remember: Iterable[str], before: Iterable[str]) -> re.Pattern[str]:
    """"помню" not after "не"; "раньше" opening a sentence or after "а" ("раньше срока" compares, it recalls
    nothing)."""
    remembering = "|".join(re.escape(word) for word in remember)
    earlier = "|".join(re.escape(word) for word in before)
    return re.compile(rf"(?<!\w)(?<!не )(?:{remembering})(?!\w)|(?:^|[.!?…]\s*|(?<!\w)а\s+)(?:{earlier})(?!\w)",
                      re.IGNORECASE)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(canonical_lemma(word) for word in text.split())


@dataclass(frozen=True)
class SpamCheck:
    score: float
    has_link: bool
    cues: list[str]


def spam_check(text: ReadText) -> SpamCheck:
    cues = kind_cues()
    has_link = bool(_LINK_RE.search(text.text))
    score = cues.link_spam_weight if has_link else 0.0
    found: list[str] = ["link"] if has_link else []
    if _PHONE_RE.search(text.text):
        score += cues.phone_spam_weight
        found.append("phone number")
    text.work.steps += len(text.text) + len(text.tokens)
    for token in text.tokens:
        word = _spam_word(token)
        if word is not None and word not in found:
            found.append(word)
            score += cues.spam_words[word]
    for words, weight in cues.spam_phrases:
        if text.contains(words):
            found.append(" ".join(words))
            score += weight
    for match in cues.advert_forms.finditer(text.text):
        form = match.group().lower()
        if form not in found:
            found.append(form)
            score += cues.advert_form_weights[form]
    return SpamCheck(score, has_link, found)


@lru_cache(maxsize=100_000)
def _spam_word(token: str) -> str | None:
    spam_words = kind_cues().spam_words
    matched = sorted(key for key in category_keys(token) if key in spam_words)
    return matched[0] if matched else None


def is_spam(spam: SpamCheck, top_score: float, text: ReadText) -> bool:
    """Spam, or an advert: a business offering its services lists the topic words of its trade ("асфальтирование
    дворов, ямочный ремонт") but complains of nothing."""
    if top_score == 0.0 and spam.has_link:
        return True
    if spam.score >= SPAM_MIN_SCORE and spam.score >= top_score:
        return True
    return spam.score >= kind_cues().advert_min_score and not _complaint_positions(text, frozenset())


def _complaint_positions(text: ReadText, exempt: frozenset[int]) -> list[int]:
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    return [index for index, token in enumerate(text.tokens)
            if token in cues.complaint_markers and token not in cues.request_forms and index not in exempt]


def _phrase_positions(text: ReadText, phrases: Iterable[tuple[str, ...]]) -> set[int]:
    positions: set[int] = set()
    present = text.positions
    for words in phrases:
        if words[0] not in present:  # most phrases' first word is not in the text: skip the call
            continue
        for start in text.phrase_starts(words):
            positions.update(range(start, start + len(words)))
    return positions


def non_appeal_intent(text: ReadText, top_score: float) -> tuple[str, list[str]] | None:
    """(kind, cues) of a message that asks for information, gives an opinion, withdraws or points to an earlier
    appeal, or tests the form, and complains of nothing; None otherwise. "Прошу разъяснить, почему прекратили
    выплату" complains ("почему"), "Прошу сообщить сроки отключения горячей воды" only asks."""
    cues = kind_cues()
    for kind, phrases in cues.declared:
        found = _phrase_positions(text, phrases)
        if found and not _declaration_turned(text, kind, max(found), cues):
            return kind, [text.tokens[index] for index in sorted(found)]
    shaped = _kind_by_its_shape(text, cues)
    if shaped is not None:
        return shaped
    proposal = _phrase_positions(text, cues.proposals) | {
        index for index, token in enumerate(text.tokens) if token in cues.proposal_forms}
    if proposal and not _phrase_positions(text, cues.proposal_repairs) and not states_a_fault(text) \
            and not describes_a_problem(text, besides=cues.proposal_shortages):
        return "proposal", [text.tokens[index] for index in sorted(proposal)]
    for kind, phrases in cues.intents:
        found = _phrase_positions(text, phrases)
        if not found or top_score > cues.intent_max_topic_score.get(kind, float("inf")):
            continue
        exempt = frozenset(found | _phrase_positions(text, cues.negations_that_ask)
                           | _phrase_positions(text, cues.resolved_phrases))
        if _complaint_positions(text, exempt):
            return None
        if kind == "question" and (states_a_fault(text) or describes_a_problem(text)
                                   or _states_an_ongoing_duration(text, cues)):
            return None
        return kind, [text.tokens[index] for index in sorted(found)]
    return None


def _kind_by_its_shape(text: ReadText, cues: KindCues) -> tuple[str, list[str]] | None:
    """A chain letter, a joke, a grumble about how things always are, a message labelled an opinion or a proposal, a
    withdrawal, a story of long ago: kinds told by the message's grammar (an imperative to forward, a laugh, "как
    всегда" with no address, a label before a colon, a first-person withdrawing verb, the past tense) rather than by
    its topic's words."""
    forwarding = _forwarding_requests(text, cues)
    if forwarding:
        return "chain", forwarding
    greeted = cues.congratulations_written.search(text.text)
    congratulation = _said_without_a_fault(text, cues.congratulations, cues, greeted.group() if greeted else None,
                                           wished=_wished_positions(text, cues))
    if congratulation:
        return "greeting", congratulation
    written = cues.own_opinion_written.search(text.text)
    opinion = _said_without_a_fault(text, cues.own_opinion, cues, written.group() if written else None)
    if opinion:
        return "opinion", opinion
    joke = _joke(text, cues)
    if joke:
        return "joke", joke
    grumble = [] if _names_an_address(text) else _said_without_a_fault(text, cues.always_so, cues)
    if grumble:
        return "opinion", grumble
    labelled = _genre_label(text, cues)
    if labelled is not None:
        return labelled
    withdrawn = _own_appeal_withdrawn(text, cues)
    if withdrawn:
        return "withdrawal", withdrawn
    story = _story_of_long_ago(text, cues)
    if story:
        return "story", story
    answer = _answer_to_an_operator(text, cues) or _follow_up(text, cues)
    return ("reply", answer) if answer else None


def _follow_up(text: ReadText, cues: KindCues) -> list[str]:
    """A short follow-up to an earlier appeal: "Фото прикладываю, это тот самый люк" only attaches to what it points
    back to (unless it states a fault), "Кв. 15, третий подъезд", "дом 5а, домофон 58В" only add the flat, the
    entrance, the code (numbers, with a letter or not, and such words alone). The words found, or empty."""
    words = len(text.tokens)
    if 0 < words <= cues.detail_max_words and all(
            _is_a_number(token) or token == STREET_NAME or token_keys & cues.details
            or token_keys & cues.ongoing_ordinals for token, token_keys in zip(text.tokens, text.keys, strict=True)):
        return [token for token in text.tokens if not _is_a_number(token)]
    if words > cues.attachment_max_words or not _phrase_positions(text, cues.back_references):
        return []
    return _said_without_a_fault(text, cues.attachments, cues)


# "15", and a house's, a flat's or an intercom's number with its letter: "5а", "58В".
_NUMBER_RE = re.compile(r"\d+[а-яёa-z]?")


def _is_a_number(token: str) -> bool:
    return _NUMBER_RE.fullmatch(token) is not None


def _said_without_a_fault(text: ReadText, phrases: tuple[tuple[str, ...], ...], cues: KindCues,
                          written: str | None = None, wished: frozenset[int] = frozenset()) -> list[str]:
    """A holiday greeting ("С Новым годом, земляки! Желаем здоровья и тёплых батарей") or the writer's own opinion
    ("По-моему, повышение тарифов несправедливо") that states no fault, describes no problem, tells of nothing going
    on for long ("третий год") and asks no one to act:
    its topic words are wished for or weighed, not complained of. `written`: such a phrase found in the text as
    written; `wished`: positions of words wished for, never a fault. The phrases' words, or empty."""
    found = _phrase_positions(text, phrases)
    if not (found or written) or states_a_fault(text, exempt=wished) or describes_a_problem(text, exempt=wished) \
            or _asks_to_act(text, cues) \
            or _states_an_ongoing_duration(text, cues):
        return []
    return [text.tokens[index] for index in sorted(found)] or [written or ""]


def _joke(text: ReadText, cues: KindCues) -> list[str]:
    """"ахаха лопата лучший друг сахалинца", "Сахалин: где снегоуборка начинается в мае 😄": a laugh in a comment that
    names no address, has no complaint's word ("когда уже дорогу сделают 😂", "опять") and states no fault (see
    _said_without_a_fault) jokes about its topic; "мусор на Лесной неделю лежит 😂" reports it. The laugh, or empty."""
    laughter = cues.laughter.search(text.text)
    if laughter is None or _names_an_address(text) or _complaint_positions(text, frozenset()):
        return []
    return _said_without_a_fault(text, (), cues, laughter.group())


def _names_an_address(text: ReadText) -> bool:
    """A street's name or a number (a house's, a route's) among the words."""
    text.work.steps += len(text.tokens)
    return any(token == STREET_NAME or token[:1].isdigit() for token in text.tokens)


_ANSWER_RE = re.compile(r"^\W*(да|нет)\s*[,—–]", re.IGNORECASE)


def _answer_to_an_operator(text: ReadText, cues: KindCues) -> list[str]:
    """"Нет, в УК я пока не обращалась. Номер лицевого счёта 45/17": a message opening with a bare "да" or "нет"
    answers an operator's question; unless what follows states a fault or describes a problem, it is no appeal. The
    writer's own "я не обращалась" is no fault. The answer word, or empty."""
    match = _ANSWER_RE.match(text.text)
    if match is None:
        return []
    text.work.steps += len(text.tokens)
    own = frozenset(index for index, token_keys in enumerate(text.keys) if "не" in token_keys
                    and any(earlier & cues.writer_pronouns for earlier in text.keys[max(0, index - 3) : index]))
    if states_a_fault(text, after=0, exempt=own) or describes_a_problem(text):
        return []
    return [match.group(1).lower()]


def _forwarding_requests(text: ReadText, cues: KindCues) -> list[str]:
    """"Разошлите всем!", "перешли 10 друзьям": the reader asked to pass the message on to many is a chain letter's
    mark, whatever it says about water or power; the words of the imperative and its recipients, or empty."""
    text.work.steps += len(text.tokens)
    found: list[str] = []
    for index, token in enumerate(text.tokens):
        if imperative_lemma(token) not in cues.forwarding_verbs:
            continue
        following = range(index + 1, min(len(text.tokens), index + 1 + cues.forwarding_window))
        recipient = next((later for later in following if text.keys[later] & cues.forwarding_recipients), None)
        if recipient is not None:
            found += [token, text.tokens[recipient]]
    return found


def _own_appeal_withdrawn(text: ReadText, cues: KindCues) -> list[str]:
    """"Отменяю заявку про собак, их уже забрали", "прошу аннулировать моё обращение": the resident withdraws their
    own appeal (a withdrawing verb in the first person, the appeal named near it, or an infinitive after "прошу", the
    appeal named after it, or opening the sentence before "прошу": "Обращение про засор прошу закрыть"; an imperative
    asks as "прошу" does: "Снимите заявку"), or gives leave to close it ("Вопрос решился. Можно закрыть.");
    "почему отменили мою заявку?" is someone else's doing and complains. The words found, or empty."""
    text.work.steps += len(text.tokens)
    for index, token in enumerate(text.tokens):
        asked = imperative_lemma(token) in cues.withdrawing_verbs
        verb = (imperative_lemma(token) or "", True) if asked else first_person_or_infinitive_lemma(token)
        if verb is None or verb[0] not in cues.withdrawing_verbs:
            continue
        if verb[1] and _closes_with_leave(text, index):
            return [text.tokens[index - 1], token]
        if verb[1] and not asked and not (index > 0 and text.keys[index - 1] & cues.withdrawal_asking):
            continue
        nearby = [*range(index + 1, min(len(text.tokens), index + 1 + cues.withdrawing_window)),
                  *range(max(0, index - cues.withdrawing_window_before), index)]
        named = next((other for other in nearby if text.keys[other] & cues.withdrawn_appeals
                      and text.sentences[other] == text.sentences[index]
                      and (other > index or not verb[1] or _opens_its_sentence(text, other))), None)
        if named is not None:
            return [token, text.tokens[named]]
    return []


_LEAVE = "можно"


def _closes_with_leave(text: ReadText, index: int) -> bool:
    """"Собак забрали волонтёры. Можно закрыть.": a withdrawing infinitive after "можно" that ends a sentence, not a
    question, gives leave to close the appeal itself; "можно закрыть люк?" asks about something else."""
    ends_its_sentence = index + 1 == len(text.tokens) or text.sentences[index + 1] != text.sentences[index]
    return index > 0 and text.tokens[index - 1] == _LEAVE and ends_its_sentence and not text.in_question(index)


_POSSESSIVES = frozenset({"мой", "наш", "свой", "данный", "это", "этот"})


def _opens_its_sentence(text: ReadText, index: int) -> bool:
    """The word stands first in its sentence, or second after a possessive ("Моё обращение ... прошу закрыть"): the
    sentence is about it, not a word inside a fault ("по заявке люк открыт, прошу закрыть")."""
    first = index
    while first > 0 and text.sentences[first - 1] == text.sentences[index]:
        first -= 1
    return index - first <= 1 and (index == first or canonical_lemma(text.tokens[first]) in _POSSESSIVES)


# A year before this decade: "1985", "в 2016 году", and one of the last century as residents shorten it after "в"
# ("в 94-м", "в 60-х", "в 80-е"); "с 80-х" runs to now, "на 63-м маршруте" is no year.
_DISTANT_YEAR_RE = re.compile(r"(?<!\d)(?:19\d\d|20[01]\d)(?!\d)|(?<!\w)в\s+[3-9]\d-(?:х|е|м)(?!\w)", re.IGNORECASE)


def _story_of_long_ago(text: ReadText, cues: KindCues) -> list[str]:
    """"Сорок лет отработала в котельной. Вспоминаю зиму 1985-го, когда трое суток не уходили со смены, пока не
    заварили котёл": a story of long ago, every fault in it told in the past tense, asking nothing and no repair
    said undone, is no appeal. A request told in the past ("десять лет назад говорили, что надо переносить свалку")
    asks nothing now. The marks of the distant past found, or empty."""
    if "?" in text.text:
        return []
    year = _DISTANT_YEAR_RE.search(text.text)
    marks = [year.group()] if year else [" ".join(words) for words in cues.distant_past if text.contains(words)]
    if not marks:
        marks = _memory(text, cues)
    if not marks or any(text.contains(words) for words in cues.still_ongoing):
        return []
    text.work.steps += len(text.tokens)
    told_in_the_past = _past_only_sentences(text, narrator_aside=True)
    if any(token_keys & cues.action_requests and text.sentences[index] not in told_in_the_past
           for index, token_keys in enumerate(text.keys)):
        return []
    information = cues.information
    faulty = {text.sentences[index] for index in _phrase_positions(text, information.faults)} | {
        text.sentences[index] for index, token_keys in enumerate(text.keys)
        if "не" in token_keys or token_keys & cues.problem_descriptions}
    if not faulty:
        # A memory that names no fault ("дед строил котельную в 60-х, когда её сносили, он плакал") is a story only
        # when nothing in it is told in the present: "стоим в очереди с 2008 года" goes on.
        return [] if _told_now(text, aside=cues.remembering) else sorted(set(marks))
    if not faulty <= told_in_the_past or _repair_denied(text, cues):
        return []
    return sorted(set(marks))


def _memory(text: ReadText, cues: KindCues) -> list[str]:
    """"помню старую котельную за домом", "а раньше тут был кинотеатр": a memory with no fault stated anywhere and
    nothing set against now ("раньше ходил каждые 20 минут, теперь раз в час"). Its mark, or empty."""
    remembered = cues.memories.search(text.text)
    if remembered is None or _phrase_positions(text, cues.memory_now) or states_a_fault(text):
        return []
    return [remembered.group().strip(" .!?…").lower()]


def _told_now(text: ReadText, aside: frozenset[str] = frozenset()) -> bool:
    """A finite verb in the present or future tense or an imperative ("подскажите"), the writer's own included but
    the narrator's "помню" (`aside`), which tells when the story is told, not what goes on."""
    text.work.steps += len(text.tokens)
    return any(part_of_speech(token) == "VERB" and verb_tense(token) != "past" and token not in aside
               for token in text.tokens)


def _repair_denied(text: ReadText, cues: KindCues) -> bool:
    """"её сломали и не восстановили": a repair said not done leaves the problem standing now."""
    repairs = {words[0] for words in cues.proposal_repairs if len(words) == 1}
    return any(token_keys & repairs and index > 0 and "не" in text.keys[index - 1]
               for index, token_keys in enumerate(text.keys))


_LABEL_RE = re.compile(r"^\W*((?:[\w-]+\s+){0,4}?[\w-]+)\s*[:—–]")


def _genre_label(text: ReadText, cues: KindCues) -> tuple[str, list[str]] | None:
    """"Моё мнение: платные парковки не нужны", "Предложение на будущее: заложить велодорожку": a message that names
    its genre before a colon or a dash is an opinion or a proposal, unless it states a fault or describes a problem
    ("Мнение родителя: классы по 34 человека — это ненормально"), or proposes to repair something broken."""
    match = _LABEL_RE.match(text.text)
    if match is None:
        return None
    before, after = cues.genre_label_reach
    label_words = len(match.group(1).split())
    for index in range(min(before + 1, label_words, len(text.tokens))):
        kind = next((k for k, nouns in cues.genre_labels.items() if text.keys[index] & nouns), None)
        if kind is None or label_words - index - 1 > after:
            continue
        if kind == "proposal" and _phrase_positions(text, cues.proposal_repairs):
            return None
        if states_a_fault(text, after=label_words - 1) or describes_a_problem(text):
            return None
        return kind, [text.tokens[index]]
    return None


def _declaration_turned(text: ReadText, kind: str, end: int, cues: KindCues) -> bool:
    """"Это не жалоба, но во дворе яма", "отвечаю на ваш вопрос: свет так и не дали": a fault stated after the
    declaration, which is turned by the kind's words when it has any. "Это не жалоба, просто наболело: зарплаты не
    растут" stays an opinion."""
    turns = cues.declared_unless_a_fault.get(kind)
    if turns is None:
        return False
    if turns and not any(token in turns for token in text.tokens[end + 1 : end + 3]) \
            and not _turned_later_in_its_sentence(text, end, turns):
        return False
    # "Сообщаю: в подвале стоят стоки, труба лопнула. Прошу устранить": a problem described after a declaration that
    # no word turns, with a request to act, is the writer's own report.
    return states_a_fault(text, after=end) or (
        not turns and _describes_a_problem_after(text, end, cues) and _asks_to_act(text, cues))


def _describes_a_problem_after(text: ReadText, end: int, cues: KindCues) -> bool:
    """A problem described in everyday words after the declaration's last word, not negated."""
    text.work.steps += len(text.tokens) - end
    return any(token_keys & cues.problem_descriptions and not token_keys & cues.problem_words_that_name_a_topic
               and "не" not in text.keys[index - 1]
               for index, token_keys in enumerate(text.keys[end + 1 :], start=end + 1))


_FAR_TURNS = frozenset({"но", "однако"})


def _turned_later_in_its_sentence(text: ReadText, end: int, turns: frozenset[str]) -> bool:
    """"Я за то, чтобы в городе было больше зелени, но то, что сделали с клумбами, — позор": the declaration's own
    clause ("чтобы …") may stand between it and the turn, in its sentence. Only a "но" turns so far away: an "а"
    there joins the declaration's own words ("не жалоба, просто наболело: зарплаты не растут, а цены растут")."""
    text.work.steps += len(text.tokens) - end
    sentence = text.sentences[end] if text.sentences else 0
    return any(text.tokens[index] in turns & _FAR_TURNS for index in range(end + 1, len(text.tokens))
               if (text.sentences[index] if text.sentences else 0) == sentence)


def information_request(text: ReadText) -> tuple[str, list[str]] | None:
    """("question", cues) of a message that asks for information or a document and states no fault or harm now,
    however many topic words it has: "где посмотреть график отключений электроэнергии" asks, "когда дадут свет? нет
    с утра" reports a fault, and "когда достроят садик? стройка стоит второй год" something going on for long. None
    otherwise."""
    cues = kind_cues().information
    asked = sorted(_phrase_positions(text, cues.asks) | _document_requests(text, cues)
                   | {index for index, token in enumerate(text.tokens) if token in cues.ask_forms})
    if not asked and "?" in text.text:
        text.work.steps += len(text.tokens)
        asked = [index for index, token_keys in enumerate(text.keys) if token_keys & cues.question_words]
    if not asked or states_a_fault(text) or describes_a_problem(text) or _asks_when_fixed(text, cues) \
            or _states_an_ongoing_duration(text, kind_cues()):
        return None
    return "question", [text.tokens[index] for index in asked]


def _document_requests(text: ReadText, cues: InformationCues) -> set[int]:
    """"прошу предоставить выписку", "направьте копию договора": a document asked for."""
    text.work.steps += len(text.tokens)
    verb_at = -cues.document_request_window - 1
    found: set[int] = set()
    for index, token_keys in enumerate(text.keys):
        if token_keys & cues.document_request_verbs:
            verb_at = index
        elif token_keys & cues.document_nouns and index - verb_at <= cues.document_request_window:
            found.update((verb_at, index))
    return found


def _conditional_positions(text: ReadText, cues: InformationCues) -> frozenset[int]:
    """The words after "если" in a sentence that ends with a question mark: a condition asked about ("как считается
    плата, если в квартирах нет счётчиков?"), not a fault stated."""
    text.work.steps += len(text.tokens)
    positions: set[int] = set()
    for start in sorted(_phrase_positions(text, cues.hypotheticals)):
        positions.update(index for index in range(start, len(text.tokens))
                         if text.sentences[index] == text.sentences[start])
        text.work.steps += 1
    condition_sentence = -1
    concessive = _concessive_conditions(text, cues)
    for index, token_keys in enumerate(text.keys):
        if not text.in_question(index):
            continue
        if token_keys & cues.conditions and index not in concessive:
            condition_sentence = text.sentences[index]
        elif text.sentences[index] == condition_sentence:
            positions.add(index)
    return frozenset(positions)


def _concessive_conditions(text: ReadText, cues: InformationCues) -> frozenset[int]:
    """The "если" that follow "почему", "зачем", "на каком основании" in their sentence: "почему растёт плата, если
    подъезд не моют?" asks why despite the facts it states."""
    text.work.steps += len(text.tokens)
    reason_sentence = -1
    found: set[int] = set()
    for index, token_keys in enumerate(text.keys):
        sentence = text.sentences[index] if text.sentences else 0
        if token_keys & cues.concessive_after:
            reason_sentence = sentence
        elif token_keys & cues.conditions and sentence == reason_sentence:
            found.add(index)
    return frozenset(found)


def states_a_fault(text: ReadText, after: int = -1, exempt: frozenset[int] = frozenset()) -> bool:
    """A fault or a harm stated now: "не работает", "нет", "сломан", "течёт", "люди падают", a "не" that says
    something is not done (see _states_a_negation). "ничего не сломано" states none. Only the words after the
    token at `after` count, when given; the positions in `exempt` never do."""
    cues = kind_cues().information
    conditional = _not_stated_positions(text, cues)
    only_questions = _only_questions(text)
    suffered = _suffered_positions(text)
    faults = {index for index in _phrase_positions(text, cues.faults) - conditional - _phrase_positions(
        text, cues.asking_phrases) if text.tokens[index] not in cues.fault_lookalikes and index > after
        and index not in exempt
        and not (only_questions and text.tokens[index] in cues.reasons_asked)
        and not (part_of_speech(text.tokens[index]) == "INFN" and index not in suffered)}
    if any(index == 0 or "не" not in text.keys[index - 1] for index in faults):
        return True
    asking = _phrase_positions(text, kind_cues().negations_that_ask)  # "не могу найти" asks
    return _states_a_negation(text, cues, exempt=frozenset(asking | {index - 1 for index in faults}
                                                           | _nothing_wrong(text) | exempt),
                              conditional=conditional, after=after)


def _suffered_positions(text: ReadText) -> frozenset[int]:
    """The words after a word of compulsion in its sentence ("детям приходится бегать ... и опаздывать"): a fault
    verb there in the infinitive is a harm suffered. Elsewhere an infinitive names what is proposed or wished
    ("предлагаю разбить сквер"), no fault."""
    compulsion = kind_cues().compulsion
    text.work.steps += len(text.tokens)
    found: set[int] = set()
    compelled_sentence = -1
    for index, token_keys in enumerate(text.keys):
        sentence = text.sentences[index] if text.sentences else 0
        if sentence == compelled_sentence:
            found.add(index)
        if token_keys & compulsion:
            compelled_sentence = sentence
    return frozenset(found)


def _nothing_wrong(text: ReadText) -> frozenset[int]:
    """The "не" of "ничего там не мешает", "никому не мешает": a negative pronoun before it and a problem word after
    it say there is no problem."""
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    keys = text.keys
    return frozenset(
        index for index, token_keys in enumerate(keys)
        if "не" in token_keys and index + 1 < len(keys) and keys[index + 1] & cues.problem_descriptions
        and any(earlier & cues.nothing_wrong_pronouns
                for earlier in keys[max(0, index - cues.nothing_wrong_reach) : index]))


def states_nothing_to_act_on(text: ReadText) -> bool:
    """No fault stated, no problem described, no one asked to act: a text that only informs about, asks about or
    comments on a topic ("Считаю, что программа расселения аварийного жилья лучшая в области"; "кто решает, какие
    улицы чистить от снега первыми? Хотелось бы почитать")."""
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    if any(token_keys & cues.problem_descriptions for token_keys in text.keys):
        return False
    if _states_an_ongoing_duration(text, cues) or _asks_to_act(text, cues) or _thanks_turned(text, cues):
        return False
    return not states_a_fault(text)


def _thanks_turned(text: ReadText, cues: KindCues) -> bool:
    """"Спасибо хирургам за операцию. Но условия в отделении ужасные": thanks turned by "но", "однако", "опять"
    to what follows, which is a complaint however it is worded."""
    text.work.steps += len(text.tokens)
    thanked = False
    for token, token_keys in zip(text.tokens, text.keys, strict=True):
        if token_keys & cues.thanks:
            thanked = True
        elif thanked and token in cues.thanks_turns:
            return True
    return False


def _wished_positions(text: ReadText, cues: KindCues) -> frozenset[int]:
    """The words of the sentences that wish ("Пусть не будет аварий на теплотрассах", "желаем, чтобы свет не
    гас"): in a greeting they name what the writer hopes for, not a fault."""
    text.work.steps += len(text.tokens)
    wishing = {text.sentences[index] for index, token_keys in enumerate(text.keys) if token_keys & cues.wishes}
    return frozenset(index for index in range(len(text.tokens)) if text.sentences[index] in wishing) \
        if wishing and text.sentences else frozenset()


def describes_a_problem(text: ReadText, besides: frozenset[str] = frozenset(),
                        exempt: frozenset[int] = frozenset()) -> bool:
    """A problem described in everyday words in a sentence that asks nothing: "Кто отвечает за лавочки? Их
    разломали ещё в мае, присесть негде"; not a word asked about, supposed, quoted or in a document asked for, nor
    one of `besides`, nor one at the positions in `exempt`."""
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    problem_words = [index for index, token_keys in enumerate(text.keys)
                     if token_keys & cues.problem_descriptions and not token_keys & cues.problem_words_that_name_a_topic
                     and not token_keys & besides]
    if not problem_words:
        return False
    asked = [index for index in problem_words if text.in_question(index)]
    stated = _stated_before_the_question(text, cues.information) if asked else frozenset()
    candidates = [index for index in problem_words if not text.in_question(index) or index in stated]
    if not candidates:
        return False
    excluded = _not_stated_positions(text, cues.information) | exempt
    return any(index not in excluded and (index == 0 or "не" not in text.keys[index - 1]) for index in candidates)


# A question word this many words or more into its sentence follows a statement ("пёс лает …, кто должен забрать?").
_STATEMENT_MIN_WORDS = 4


def _stated_before_the_question(text: ReadText, cues: InformationCues) -> frozenset[int]:
    """The words of a question sentence before its first question word, when that word stands well inside it ("Во
    дворе пёс лает всю ночь и рычит на детей, кто должен забрать?"): a statement the question follows, not asked."""
    text.work.steps += len(text.tokens)
    found: set[int] = set()
    start = 0
    asked: set[int] = set()
    for index, token_keys in enumerate(text.keys):
        sentence = text.sentences[index] if text.sentences else 0
        if index > 0 and sentence != (text.sentences[index - 1] if text.sentences else 0):
            start = index
        if sentence in asked or not text.in_question(index) or not token_keys & cues.question_words:
            continue
        asked.add(sentence)
        if index - start >= _STATEMENT_MIN_WORDS:
            found.update(range(start, index))
    return frozenset(found)


def _states_an_ongoing_duration(text: ReadText, cues: KindCues) -> bool:
    """"второй день без воспитателя", "оформляют уже четвёртый месяц": something has lasted and still goes on."""
    text.work.steps += len(text.tokens)
    return any(keys & cues.ongoing_ordinals and following & cues.duration_units
               for keys, following in zip(text.keys, text.keys[1:], strict=False))


def _not_stated_positions(text: ReadText, cues: InformationCues) -> frozenset[int]:
    """Words the writer does not state as a fault now: a condition asked about or supposed, another's words quoted,
    the description of a document asked for."""
    return _conditional_positions(text, cues) | text.quoted | _requested_descriptions(text, cues)


def _only_questions(text: ReadText) -> bool:
    """Every sentence ends with "?": "какой тариф и почему он выше, чем у соседей?" asks for a reason, while
    "почему не вывозят мусор? Баки переполнены" states a fault beside the question."""
    return bool(text.sentences) and len(text.questions) == text.sentences[-1] + 1


def _requested_descriptions(text: ReadText, cues: InformationCues) -> frozenset[int]:
    """The words that describe a document or data asked for, up to the end of the sentence ("прошу предоставить
    сведения о количестве отловленных безнадзорных собак"): what is asked about, not a fault stated. Within a window
    of words, or, when a clause "о том, что" tells its content, to the sentence's end."""
    requested = _document_requests(text, cues)
    nouns = [index for index in requested if text.keys[index] & cues.document_nouns]
    positions: set[int] = set()
    for noun in nouns:
        end = min(len(text.tokens), noun + 1 + cues.document_window)
        if text.tokens[noun + 1 : noun + 4] == ["о", "том", "что"]:
            end = len(text.tokens)  # "справку о том, что дом не признан аварийным и не подлежит сносу": all of it
        positions.update(index for index in range(noun + 1, end) if text.sentences[index] == text.sentences[noun])
    text.work.steps += len(nouns)
    return frozenset(positions)


def _asks_when_fixed(text: ReadText, cues: InformationCues) -> bool:
    """"когда отремонтируют ...?", "дорогу отсыпать будут?": asking when a fix comes says something is broken; a fix
    supposed in the question's condition ("будет ли перерасчёт, если поставить счётчик?") is the writer's plan, and
    one the writer means to do themselves ("можно ли самому спилить черёмуху у забора?") asks leave, not a repair."""
    if "?" not in text.text:
        return False
    supposed = _conditional_positions(text, cues)
    own_sentences = {text.sentences[index] for index in _phrase_positions(text, cues.done_oneself)}
    asked_fixes = {text.sentences[index] for index in _phrase_positions(text, cues.fixes)
                   if text.in_question(index) and index not in supposed
                   and text.sentences[index] not in own_sentences}
    if not asked_fixes:
        return False
    text.work.steps += len(text.tokens)
    return any(token_keys & cues.fix_question_words and text.sentences[index] in asked_fixes
               and text.tokens[index] not in cues.fix_question_exclusions
               for index, token_keys in enumerate(text.keys))


def _states_a_negation(text: ReadText, cues: InformationCues, exempt: frozenset[int],
                       conditional: frozenset[int], after: int = -1) -> bool:
    """A "не" that says something is not done or not working; not one in a requested document's description ("справку
    о том, что дом не признан аварийным"), nor "чтобы не", "больше не", "не ... ли", "ответа не требуется"."""
    no_action = _phrase_positions(text, cues.no_action_phrases)
    concessive = _concessive_conditions(text, cues)
    document_at = -cues.document_window - 1
    clause_at = -cues.clause_window - 1
    keys = text.keys
    text.work.steps += len(text.tokens)
    for index, token_keys in enumerate(keys):
        if token_keys & cues.document_nouns:
            document_at = index
        if token_keys & cues.clause_openers and index not in concessive:
            clause_at = index
        if "не" not in token_keys or index in no_action or index in exempt or index <= after:
            continue
        following = keys[index + 1] if index + 1 < len(keys) else frozenset()
        if index > 0 and keys[index - 1] & cues.negation_exempt_after:
            continue
        if any("ли" in later for later in keys[index + 1 : index + 3]):
            continue
        described = (index - document_at <= cues.document_window or index - clause_at <= cues.clause_window
                     or index in conditional)
        if described and not following & cues.document_refusals:
            continue
        return True
    return False


def gratitude_words(text: ReadText) -> list[str]:
    """The thank-you words of a message that thanks without complaining or asking; empty otherwise."""
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    if (_complains_or_asks(text, cues) or _a_new_problem_since_the_fix(text, cues)
            or _asks_beside_the_thanks(text, cues)):
        return []
    return [token for token, token_keys in zip(text.tokens, text.keys, strict=True) if token_keys & cues.thanks]


# "замените", "уберите": the plural or polite imperative by which a resident asks the town ("пень" reads as one too).
_ADDRESSED_ENDING = "те"


def _asks_beside_the_thanks(text: ReadText, cues: KindCues) -> bool:
    """"Спасибо за лавочки. Одна просьба: замените скат горки": a request ("прошу", "просьба") or an imperative
    addressed to the town ("-те": "замените", "уберите") beside the thanks asks for new work; "прошу передать
    благодарность", "передайте спасибо" only relay the thanks, "подскажите" asks for information."""
    text.work.steps += len(text.tokens)
    for index, token in enumerate(text.tokens):
        if token in cues.request_forms and not _relays_thanks(text, index):
            return True
        lemma = imperative_lemma(token) if token.endswith(_ADDRESSED_ENDING) else None
        if lemma is not None and lemma not in cues.informing_verbs and lemma not in cues.thanks_relayed_by:
            return True
    return False



def _a_new_problem_since_the_fix(text: ReadText, cues: KindCues) -> bool:
    """"Спасибо, что убрали собак с рынка. Теперь они бегают стаей у садика и рычат на детей": a sentence opened by
    "теперь"/"сейчас" after the thanks that states a fault or describes a problem, not negated on either side
    ("теперь луж нет"), tells a new one."""
    text.work.steps += len(text.tokens)
    thanked = False
    since: set[int] = set()
    for index, (token, token_keys) in enumerate(zip(text.tokens, text.keys, strict=True)):
        thanked = thanked or bool(token_keys & cues.thanks)
        opens = index == 0 or text.sentences[index - 1] != text.sentences[index]
        if thanked and opens and token in cues.thanks_results:
            since.add(text.sentences[index])
    if not since:
        return False
    faults = _phrase_positions(text, cues.information.faults)
    return any(text.sentences[index] in since and (index in faults or token_keys & cues.problem_descriptions)
               and not token_keys & (cues.problem_words_that_name_a_topic | cues.thanks_result_negations)
               and not any(neighbour & cues.thanks_result_negations or "не" in neighbour
                           for neighbour in text.keys[index - 1 : index + 2] if neighbour is not token_keys)
               for index, token_keys in enumerate(text.keys) if index > 0)


def praise_words(text: ReadText) -> list[str]:
    """The words of praise of a message that praises without thanking, complaining, asking or describing a problem
    ("новые автобусы удобные, приятно видеть"); empty otherwise. A word of praise in a sentence with "бы" wishes
    ("было бы здорово сделать площадку"), it praises nothing there."""
    cues = kind_cues()
    text.work.steps += 2 * len(text.tokens)
    wished = {text.sentences[index] for index, token in enumerate(text.tokens) if token == "бы" and text.sentences}
    praise = [token for index, (token, token_keys) in enumerate(zip(text.tokens, text.keys, strict=True))
              if token_keys & cues.praise and not (text.sentences and text.sentences[index] in wished)]
    if not praise or _complains_or_asks(text, cues) or describes_a_problem(text) or _asks_to_act(text, cues):
        return []
    return praise


def _complains_or_asks(text: ReadText, cues: KindCues) -> bool:
    if "?" in text.text:
        return True
    resolved = (_phrase_positions(text, cues.resolved_phrases) | _emphasised_negations(text, cues)
                | _results_since_the_fix(text, cues))
    narrated = _past_only_sentences(text, narrator_aside=True) - _still_undone_sentences(text, cues)
    return any(token in cues.complaint_markers and token not in cues.thanks_conjunctions and index not in resolved
               and not (text.sentences and text.sentences[index] in narrated and token not in cues.thanks_turns)
               and not _relays_thanks(text, index) for index, token in enumerate(text.tokens))


def _still_undone_sentences(text: ReadText, cues: KindCues) -> frozenset[int]:
    """Sentences with "так и не", "до сих пор": told in the past tense, they say something is still undone now."""
    return frozenset(text.sentences[index] for index in _phrase_positions(text, cues.still_undone)) \
        if text.sentences else frozenset()


def _asks_to_act(text: ReadText, cues: KindCues) -> bool:
    """A request word or an imperative that asks for more than information."""
    text.work.steps += len(text.tokens)
    return any(token_keys & cues.action_requests for token_keys in text.keys) or any(
        (lemma := imperative_lemma(token)) is not None and lemma not in cues.informing_verbs
        for token in text.tokens)


# "Расселения нет": the present of "не было", something missing now.
_ABSENT_NOW = frozenset({"нет", "нету"})


def _past_only_sentences(text: ReadText, narrator_aside: bool = False) -> frozenset[int]:
    """Sentences whose finite verbs are all in the past tense ("ночью прорвало трубу, вода бежала по дороге, а к утру
    всё заварили"): in a thank-you they tell the problem that was fixed, not one that goes on. `narrator_aside`: the
    writer's own verbs in the first person ("вспоминаю") do not count, as in a story of long ago."""
    text.work.steps += len(text.tokens)
    past: set[int] = set()
    not_past: set[int] = set()
    for index, token in enumerate(text.tokens):
        tense = "pres" if token in _ABSENT_NOW else verb_tense(token)
        if tense is None or not text.sentences or (narrator_aside and first_person_or_infinitive_lemma(token)):
            continue
        (past if tense == "past" else not_past).add(text.sentences[index])
    return frozenset(past - not_past)


def _emphasised_negations(text: ReadText, cues: KindCues) -> set[int]:
    """"холодильник даже разморозиться не успел": a "не" within three words after "даже"."""
    return {index + offset for index, token in enumerate(text.tokens) if token in cues.thanks_emphasis
            for offset in range(1, 4) if index + offset < len(text.tokens) and text.tokens[index + offset] == "не"}


def _results_since_the_fix(text: ReadText, cues: KindCues) -> set[int]:
    """"Теперь не надо ехать на пароме", "сейчас их нет, дети ходят спокойно": a "не" or "нет" within reach after
    "теперь"/"сейчас", and the word right after it, tell how things are since the fix."""
    text.work.steps += len(text.tokens)
    found: set[int] = set()
    for index, token in enumerate(text.tokens):
        if token not in cues.thanks_results:
            continue
        for later in range(index + 1, min(len(text.tokens), index + 1 + cues.thanks_result_reach)):
            if text.tokens[later] in cues.thanks_result_negations:
                found.update(range(later, min(len(text.tokens), later + 2)))
                break
    return found


def _relays_thanks(text: ReadText, index: int) -> bool:
    """"прошу передать благодарность": the request is the thanks."""
    following = text.keys[index + 1 : index + 2]
    return any(token_keys & kind_cues().thanks_relayed_by for token_keys in following)


def greeting_only_words(text: ReadText, top_score: float, min_category_score: float) -> list[str]:
    """The greeting words of a message that greets and says (almost) nothing else; empty otherwise."""
    cues = kind_cues()
    text.work.steps += len(text.tokens)
    greeting = [token for token, token_keys in zip(text.tokens, text.keys, strict=True) if token_keys & cues.greeting]
    other_words = len(text.tokens) - len(greeting)
    return greeting if greeting and top_score < min_category_score and other_words <= GREETING_MAX_OTHER_WORDS else []
