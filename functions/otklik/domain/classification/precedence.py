"""The domain's precedence when a text fits two categories (docs/domain.md): snow on a road or at a stop is snow, a
stop's darkness lighting; the
institution named wins over the symptom; the building's manager wins over the utility when the text blames it."""
from __future__ import annotations

from dataclasses import dataclass

from otklik.domain.classification.lexicon import lexicon
from otklik.domain.classification.places import InstitutionMention
from otklik.domain.classification.reading import ReadText
from otklik.domain.classification.scoring import Evidence

REPORTED_SPEECH_LOOKAHEAD = 3
REDIRECT_LOOKBEHIND = 2
# Snow and ice on a road, pavement or stop are snow's (docs/domain.md: "ice on pavements and stops"): the place's
# words ("проезжая часть", "остановка", "автобус") outweigh the few snow words of a short text. Only when snow or ice
# is named: "грунтовку размыло, подсыпьте щебень" clears and sprinkles a road after rain.
SNOW_MIN_SHARE = 0.5
# A stop's darkness is lighting's (docs/domain.md: "lights at crossings and stops"): the stop, the bus and the people
# waiting are the place and its circumstances, the dark or the lamp the fault. Lighting's words weigh less than the
# transport words of such a text ("темнота" 2.5 against "остановка", "автобус", "ждать"), hence a lower share. A street
# lamp named ("фонарь на остановке мигает, то гаснет") takes its blinking and going out from a flat's electricity too.
LIGHTING_MIN_SHARE = 0.4
# A fault in a yard ("во дворе лужа на весь проезд") is the yard's: the road's words of a puddle, a pit, gravel weigh
# more than the one yard word ("двор" 2.0 against "лужа", "щебень", "проезд").
YARD_MIN_SHARE = 0.3


def _yard_precedence(ranking: list[tuple[str, float]], best_score: float, text: ReadText, evidence: Evidence,
                     reasons: list[str]) -> list[tuple[str, float]]:
    """Yards first when the fault's place is a yard and yards scored a share of the winner (see YARD_MIN_SHARE);
    the reason is appended to `reasons`."""
    entries = lexicon()
    yards = evidence.scores.get("yards", 0.0)
    if ranking[0][0] not in entries.yard_beats or yards < YARD_MIN_SHARE * best_score or not _in_a_yard(text):
        return ranking
    reasons.append(f"precedence: yards ({', '.join(evidence.top_labels('yards', 2))}) on {ranking[0][0]}")
    rest = [item for item in ranking if item[0] != "yards"]
    return [("yards", best_score), *_without(rest, entries.yard_beats)]


def _in_a_yard(text: ReadText) -> bool:
    """"во дворе", "в двор": a yard named as the place, right after its preposition."""
    entries = lexicon()
    return any(index > 0 and text.tokens[index - 1] in entries.yard_prepositions
               for name in entries.yard_names for index in text.positions.get(name, ()))


def management_blamed(text: ReadText) -> str | None:
    """The management-company word when the text blames it: not when it merely relays what the company said ("в УК
    сказали ..."), nor when someone sent the resident there ("водоканал отправляет в УК"), nor when the utility's own
    company is named beside it ("в УК сказали, что виновата теплосеть, в теплосети — что УК")."""
    entries = lexicon()
    keys = text.keys
    if any(provider in text.positions for provider in entries.utility_providers):
        return None
    occurrences: list[tuple[int, int, str]] = []
    for name in entries.management_blame_words:
        occurrences.extend((index, 1, name) for index in text.positions.get(name, ()))
    for words in entries.management_blame_phrases:
        occurrences.extend((start, len(words), " ".join(words)) for start in text.phrase_starts(words))
    text.work.steps += len(occurrences)
    for index, length, name in sorted(occurrences):
        following = keys[index + length : index + length + REPORTED_SPEECH_LOOKAHEAD]
        preceding = keys[max(0, index - REDIRECT_LOOKBEHIND) : index]
        if any(token_keys & entries.reported_speech_verbs for token_keys in following):
            continue
        if any(token_keys & entries.redirect_verbs for token_keys in preceding):
            continue
        return name
    return None


def own_matter_elsewhere(text: ReadText) -> str | None:
    """The noun of a matter of the writer's own that another authority decides ("почему мне пенсию пересчитали?",
    "моя пенсия": a first-person word near it in its sentence), or of one that is another authority's whoever's it is
    ("налоговый вычет"). None otherwise."""
    entries = lexicon()
    always = next((text.tokens[text.positions[noun][0]] for noun in entries.matters_elsewhere
                   if noun in text.positions), None)
    if always is not None:
        return always
    before, after = entries.own_matter_reach
    keys = text.keys
    for noun in entries.own_matter_nouns:
        for index in text.positions.get(noun, ()):
            text.work.steps += before + after
            near = range(max(0, index - before), min(len(keys), index + after + 1))
            if any(keys[other] & entries.own_matter_owners and text.sentences[other] == text.sentences[index]
                   for other in near if other != index):
                return text.tokens[index]
    return None


@dataclass(frozen=True)
class Decision:
    category: str
    reasons: list[str]
    ranking: list[tuple[str, float]]  # what is left to compete once the rules removed the beaten readings


def _without(ranking: list[tuple[str, float]], beaten: frozenset[str]) -> list[tuple[str, float]]:
    return [(category, score) for category, score in ranking if category not in beaten]


def _precedence_reason(rule: str, name: str, beaten: list[str], evidence: Evidence) -> str:
    symptom = ", ".join(label for category in beaten[:2] for label in evidence.top_labels(category, 1))
    return f"precedence: {rule} ({name}) over {'symptom' if rule == 'institution' else 'utility'} ({symptom})"


def apply_precedence(
    ranked: list[tuple[str, float]], mentions: list[InstitutionMention], text: ReadText, evidence: Evidence
) -> Decision:
    entries = lexicon()
    reasons: list[str] = []
    ranking = ranked
    best_score = ranked[0][1]
    snow = evidence.scores.get("snow", 0.0)
    snow_named = any(name in text.positions for name in entries.snow_names)
    if ranking[0][0] in entries.snow_beats and snow >= SNOW_MIN_SHARE * best_score and snow_named:
        reasons.append(f"precedence: snow ({', '.join(evidence.top_labels('snow', 2))}) on {ranking[0][0]}")
        rest = [item for item in ranking if item[0] != "snow"]
        ranking = [("snow", best_score), *_without(rest, entries.snow_beats)]
    lighting = evidence.scores.get("lighting", 0.0)
    beaten_by_lighting = entries.lighting_beats | (
        entries.street_lamps_beat if any(name in text.positions for name in entries.street_lamps) else frozenset())
    if ranking[0][0] in beaten_by_lighting and lighting >= LIGHTING_MIN_SHARE * best_score:
        reasons.append(f"precedence: lighting ({', '.join(evidence.top_labels('lighting', 2))}) on {ranking[0][0]}")
        rest = [item for item in ranking if item[0] != "lighting"]
        ranking = [("lighting", best_score), *_without(rest, beaten_by_lighting)]
    if ranking[0][0] in entries.institution_beats | entries.institutions.keys():
        for category, _ in ranking:
            name = next((m.name for m in mentions if m.category == category and not m.landmark), None)
            if name:
                beaten = [c for c, _ in ranking if c in entries.institution_beats]
                if beaten:
                    reasons.append(_precedence_reason("institution", name, beaten, evidence))
                rest = [item for item in ranking if item[0] != category]
                ranking = [(category, best_score), *_without(rest, entries.institution_beats)]
                break
    ranking = _yard_precedence(ranking, best_score, text, evidence, reasons)
    top_category = ranking[0][0]
    if top_category in entries.management_beats | {"management_company"} and "management_company" in evidence.scores:
        name = management_blamed(text)
        if name:
            beaten = [c for c, _ in ranking if c in entries.management_beats]
            if beaten:
                reasons.append(_precedence_reason("management company", name, beaten, evidence))
            rest = [item for item in ranking if item[0] != "management_company"]
            ranking = [("management_company", best_score), *_without(rest, entries.management_beats)]
    category = ranking[0][0]
    return Decision(category, [*evidence.top_labels(category), *reasons], ranking)
