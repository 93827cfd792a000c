"""Specification of the appeal classifier (docs/domain.md, "Topic categories" and precedence)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from otklik.domain.categories import CATEGORY_GROUPS, CATEGORY_LABELS
from otklik.domain.classification import (
    DEFAULT_THRESHOLD,
    Classification,
    classify,
)

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "classification_dev.jsonl"

ALL_CATEGORIES = {
    "roads", "yards", "greening", "lighting", "snow", "waste", "schools", "kindergartens", "healthcare",
    "benefits", "housing", "water", "heating", "electricity", "management_company", "public_transport",
    "animals", "other",
}


def assert_routed(text: str, category: str) -> Classification:
    result = classify(text)
    assert result.kind == "appeal", result
    assert result.category == category, result
    assert not result.triage, result
    return result


def test_category_tables_cover_every_code() -> None:
    assert set(CATEGORY_LABELS) == ALL_CATEGORIES
    assert set(CATEGORY_GROUPS) == ALL_CATEGORIES
    assert set(CATEGORY_GROUPS.values()) == {"improvement", "social", "utilities", "transport", "other"}
    assert CATEGORY_LABELS["water"] == "Водоснабжение и канализация"
    assert CATEGORY_GROUPS["management_company"] == "utilities"
    assert CATEGORY_GROUPS["animals"] == "other"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("На улице Мира огромные ямы на дороге, ремонта не было лет десять", "roads"),
        ("во дворе сломали качели на детской площадке", "yards"),
        ("просим спилить сухое дерево, ветки падают на машины", "greening"),
        ("на нашей улице не горит ни один фонарь", "lighting"),
        ("тротуары не чистят, сплошной гололёд", "snow"),
        ("контейнеры переполнены, мусор не вывозят неделю", "waste"),
        ("учительница математики уволилась, уроков нет месяц", "schools"),
        ("третий год стоим в очереди в детский сад", "kindergartens"),
        ("к терапевту записаться невозможно, талонов нет", "healthcare"),
        ("не пришло пособие на ребёнка за два месяца", "benefits"),
        ("дом аварийный, когда будет расселение?", "housing"),
        ("нет холодной воды с утра", "water"),
        ("батареи ледяные, отопления нет", "heating"),
        ("скачки напряжения, сгорела техника", "electricity"),
        ("лифт не работает неделю", "management_company"),
        ("автобус 12 не ходит по расписанию", "public_transport"),
        ("стая бродячих собак кидается на детей", "animals"),
    ],
)
def test_each_category_is_recognised(text: str, category: str) -> None:
    assert_routed(text, category)


class TestPrecedence:
    """Institution named wins over the symptom; management company blamed wins over the utility."""

    def test_cold_school_is_schools(self) -> None:
        result = assert_routed("в школе холодно, дети сидят в куртках", "schools")
        assert any(reason.startswith("precedence: institution") for reason in result.reasons)

    def test_cold_flat_is_heating(self) -> None:
        assert_routed("в квартире холодно, дети мёрзнут", "heating")

    def test_leaking_school_roof_is_schools(self) -> None:
        assert_routed("в школе протекает крыша, в классе стоят вёдра", "schools")

    def test_leaking_roof_of_a_block_of_flats_is_management_company(self) -> None:
        assert_routed("на пятом этаже течёт крыша, потолок мокрый", "management_company")

    def test_kindergarten_without_hot_water_is_kindergartens(self) -> None:
        assert_routed("в садике нет горячей воды, детей моют холодной", "kindergartens")

    def test_cold_clinic_is_healthcare(self) -> None:
        assert_routed("в поликлинике холодно, сидим в куртках", "healthcare")

    def test_institution_as_a_landmark_does_not_win(self) -> None:
        assert_routed("возле школы огромная яма на дороге", "roads")
        assert_routed("около детского сада не горят фонари", "lighting")

    def test_route_to_institution_does_not_win(self) -> None:
        assert_routed("дорогу к поликлинике не чистят от снега, гололёд", "snow")

    def test_institution_does_not_beat_stray_dogs(self) -> None:
        assert_routed("у садика бегает стая собак", "animals")

    def test_flooded_basement_blamed_on_management_company(self) -> None:
        result = assert_routed("подвал затопило канализацией, УК ничего не делает", "management_company")
        assert any(reason.startswith("precedence: management company") for reason in result.reasons)

    def test_flooded_basement_without_blame_is_water(self) -> None:
        assert_routed("подвал затопило канализацией, вонь на весь дом", "water")

    def test_no_hot_water_blamed_on_management_company(self) -> None:
        assert_routed("нет горячей воды неделю, управляющая компания не чинит", "management_company")

    def test_management_company_relaying_news_is_not_blamed(self) -> None:
        assert_routed("воды нет с утра, в УК сказали авария у водоканала", "water")


class TestSlangTyposAndForm:
    @pytest.mark.parametrize("slang", ["управляйка", "УК", "ук", "Управляющая компания", "ТСЖ"])
    def test_management_company_slang(self, slang: str) -> None:
        assert_routed(f"{slang} опять собрала деньги, а в подъезде грязь", "management_company")

    def test_typos(self) -> None:
        assert_routed("атопление когда включат холодина дома", "heating")
        assert_routed("мусарку не вывозят кантейнеры полные", "waste")
        assert_routed("поликленика не берёт трубку, к врачу не записаться", "healthcare")
        assert_routed("асвальт на дороге весь в ямах", "roads")

    def test_unknown_misspelling_one_edit_from_a_lexicon_word(self) -> None:
        assert_routed("канализацыя течёт во дворе", "water")
        assert_routed("батарейи холодные, в квартире мёрзнем", "heating")

    def test_mixed_case_no_punctuation_yo_and_emoji(self) -> None:
        assert_routed("НЕТ ГОРЯЧЕЙ ВОДЫ ТРЕТИЙ ДЕНЬ 😡😡", "heating")
        assert_routed("гололёд на остановке", "snow")
        assert_routed("гололед на тротуаре", "snow")

    def test_latin_lookalike_letters(self) -> None:
        assert_routed("нет отоплeния в квартире", "heating")  # Latin "e"

    def test_street_named_like_a_topic_is_not_the_topic(self) -> None:
        assert_routed("на улице Школьной яма на дороге уже месяц", "roads")

    def test_greeting_then_complaint_is_an_appeal(self) -> None:
        assert_routed("Здравствуйте! На Ленина огромная яма на дороге", "roads")


class TestNonAppeals:
    @pytest.mark.parametrize("text", ["Здравствуйте!", "добрый день", "Доброе утро 🌞", "привет"])
    def test_greeting(self, text: str) -> None:
        result = classify(text)
        assert (result.kind, result.category, result.triage) == ("greeting", None, True)

    @pytest.mark.parametrize("text", ["Спасибо большое!", "спасибо что убрали снег", "благодарю за оперативность"])
    def test_thanks(self, text: str) -> None:
        result = classify(text)
        assert (result.kind, result.category, result.triage) == ("thanks", None, True)

    def test_thanks_in_advance_is_still_an_appeal(self) -> None:
        assert classify("фонари не горят на Мира, заранее спасибо").kind == "appeal"

    @pytest.mark.parametrize(
        "text",
        [
            "Заработок от 3000 в день, пиши в лс https://t.me/money",
            "Казино с бонусом, подпишись на канал",
            "https://bit.ly/abc",
        ],
    )
    def test_spam(self, text: str) -> None:
        result = classify(text)
        assert (result.kind, result.category, result.triage) == ("spam", None, True)

    def test_appeal_with_a_photo_link_is_not_spam(self) -> None:
        assert_routed("яма на дороге у дома 5, фото https://vk.com/photo123", "roads")

    @pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "!!!"])
    def test_empty(self, text: str) -> None:
        result = classify(text)
        assert (result.kind, result.category, result.triage) == ("empty", None, True)


def test_other_goes_to_triage() -> None:
    result = classify("соседи сверху шумят каждую ночь")
    assert result.category == "other"
    assert result.triage


def test_reasons_name_the_deciding_words() -> None:
    result = classify("на дороге огромная яма")
    assert "яма" in result.reasons


def test_confidence_is_a_probability_and_threshold_drives_triage() -> None:
    result = classify("яма на дороге")
    assert 0.0 <= result.confidence <= 1.0
    assert classify("яма на дороге", threshold=1.01).triage
    assert not classify("яма на дороге", threshold=0.0).triage
    assert 0.0 < DEFAULT_THRESHOLD < 1.0


def test_classification_is_immutable() -> None:
    result = classify("яма на дороге")
    with pytest.raises(FrozenInstanceError):
        result.category = "water"  # type: ignore[misc]


def test_dev_set_meets_quality_targets() -> None:
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    routed = correct = triaged = misrouted = 0
    for item in items:
        result = classify(item["text"])
        if result.triage:
            triaged += 1
            continue
        if item["kind"] == "appeal":
            routed += 1
        if item["kind"] == "appeal" and result.category == item["category"]:
            correct += 1
        else:
            misrouted += 1
    assert len(items) >= 320
    assert correct / routed >= 0.90
    assert triaged / len(items) <= 0.15
    assert misrouted / len(items) <= 0.05


class TestLemmaTableOfTheDataFiles:
    """The lexicon's lemmas are computed ahead (tools/lemma_table.py), so an instance's first
    classification does not parse a thousand lexicon words."""

    def test_the_shipped_table_is_what_the_dictionary_gives_for_the_current_data_files(self) -> None:
        from otklik.domain.words import DATA_DIR, LEMMA_TABLE_FILE
        from tools import lemma_table

        shipped = (DATA_DIR / LEMMA_TABLE_FILE).read_text(encoding="utf-8")
        assert shipped == lemma_table.render(lemma_table.computed_table()), (
            "stale: run make lemmas")

    def test_building_the_lexicon_and_the_cues_parses_no_word(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from otklik.domain import feedback, words
        from otklik.domain.classification import lexicon, message_kinds

        parsed: list[str] = []
        monkeypatch.setattr(words, "parsed_canonical_lemma", parsed.append)
        for cached in (words.canonical_lemma, lexicon.lexicon, message_kinds.kind_cues,
                       feedback._cues):
            cached.cache_clear()
        try:
            lexicon.lexicon()
            message_kinds.kind_cues()
            feedback._cues()
        finally:
            for cached in (words.canonical_lemma, lexicon.lexicon, message_kinds.kind_cues,
                           feedback._cues):
                cached.cache_clear()
        assert parsed == []

    def test_a_word_outside_the_table_is_still_lemmatised(self) -> None:
        from otklik.domain.words import canonical_lemma

        assert canonical_lemma("контейнеров") == "контейнер"
        assert canonical_lemma("Шлагбаумами") == "шлагбаум"


def test_tokens_know_their_sentence_and_which_sentences_ask() -> None:
    from otklik.domain.classification.tokens import content_tokens
    from otklik.domain.classification.work import Work

    tokens = content_tokens("Где справка? Дом на ул. Мира 5. А если нет?", Work())
    assert tokens.sentences == (0, 0, 1, 1, 1, 1, 1, 2, 2, 2)
    assert tokens.questions == frozenset({0, 2})


def test_a_text_scores_the_same_in_every_process_whatever_its_hash_seed() -> None:
    # A word read under two lemmas of equal weight ("травы": "травы", "трава") once took the label of whichever the
    # process's set order gave first, so a repeated word counted once or twice depending on the hash seed.
    program = ("from otklik.domain.classification import classify; "
               "print(classify('Прошу провести покос травы на пустыре, трава выше роста, сухостой горит').confidence)")
    results = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "3", "7")
    }
    assert len(results) == 1, results
