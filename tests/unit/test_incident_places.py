"""Where an appeal's problem is (domain/incidents/places.py): residents' address forms read as the same keys."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from otklik.domain.incidents.places import Gazetteer, distance_m, read_places

TOWNS = Path(__file__).resolve().parents[2] / "infra" / "config" / "towns.json"
GAZETTEER = Gazetteer.of(next(t for t in json.loads(TOWNS.read_text(encoding="utf-8"))["towns"]
                              if t["code"] == "yuzhno_sakhalinsk")["districts"])


@pytest.mark.parametrize("text", [
    "Нет воды, ул. Ленина 5",
    "Ленина, д.5 — нет воды",
    "нет воды на Ленина у пятого дома",
    "дом 5 по ул. Ленина без воды",
    "ул.Ленина,5 воды нет",
    "улица Ленина, дом 5, воды нет",
])
def test_the_forms_of_one_address_read_as_the_same_house_street_and_district(text: str) -> None:
    places = read_places(text, GAZETTEER)
    assert places.houses == ("house:ленина:5",)
    assert places.streets == ("street:ленина",)
    assert places.districts == ("district:центр",), "the street is one of the centre's in the town's configuration"


def test_a_street_in_any_grammatical_form_is_one_street() -> None:
    forms = ["Лучистая 12", "на Лучистой 12", "ул. Лучистую 12", "Лучистая12", "лучистая д 12"]
    assert {read_places(f, GAZETTEER).keys for f in forms} == {
        ("district:лугов", "street:лучист", "house:лучист:12")}


def test_a_district_named_without_a_street() -> None:
    assert read_places("Луговое без воды с утра", GAZETTEER).keys == ("district:лугов",)
    assert read_places("в мкр. Луговое нет воды", GAZETTEER).keys == ("district:лугов",)
    assert "district:ново александровск" in read_places("в новоалександровске нет света", GAZETTEER).keys


def test_ordinary_words_that_are_also_street_names_are_not_streets() -> None:
    # «Детская», «Школьная», «Мира» are streets of the town, and ordinary words too.
    assert read_places("на детской площадке сломаны качели", GAZETTEER).keys == ()
    assert read_places("школьный автобус не пришёл", GAZETTEER).keys == ()
    assert read_places("Детская 5, нет воды", GAZETTEER).houses == ("house:детск:5",)


def test_a_street_the_configuration_does_not_list_is_read_after_a_street_word() -> None:
    places = read_places("ул. Абрикосовая 7, течёт труба", GAZETTEER)
    assert places.keys == ("street:абрикосов", "house:абрикосов:7")


def test_what_is_outdoors_after_na_ulitse_is_no_street() -> None:
    assert read_places("у нас воды нет, а на улице потоп. ирония", GAZETTEER).keys == ()
    assert read_places("на улице темнота, света нет", GAZETTEER).keys == ()
    assert read_places("ул. Абрикосовая 7, течёт труба", GAZETTEER).streets == ("street:абрикосов",)


def test_numbers_that_are_not_houses_are_not_read_as_houses() -> None:
    assert read_places("Электричества нет с 8 утра, ул. Советская", GAZETTEER).houses == ()
    assert read_places("нет воды на Лучистой с 6 утра", GAZETTEER).houses == ()


def test_coordinates_give_a_cell_and_look_into_the_cells_around_it() -> None:
    here = read_places("нет света", latitude=46.9590, longitude=142.7380, cell_m=500)
    near = read_places("нет света", latitude=46.9620, longitude=142.7380, cell_m=500)  # ~330 m north

    assert here.cell is not None and here.cell in here.keys
    assert near.cell in here.query_keys, "a neighbouring cell is looked into"
    assert 300 < distance_m((46.9590, 142.7380), (46.9620, 142.7380)) < 360


def test_a_street_named_after_on_with_no_noun_after_it_is_a_street() -> None:
    assert read_places("прорвало водопровод, вода бьёт на железнодорожной", GAZETTEER).streets == (
        "street:железнодорожн",)
    assert read_places("на Школьной, все без света", GAZETTEER).streets == ("street:школьн",)
    assert read_places("на железнодорожной станции нет воды", GAZETTEER).keys == ()
    assert read_places("на детской площадке сломаны качели", GAZETTEER).keys == ()


def test_a_street_known_only_as_a_surname_is_a_street_wherever_it_is_written() -> None:
    assert read_places("по комарова все дома обесточены", GAZETTEER).streets == ("street:комарова",)
    assert read_places("Пуркаева вся в воде", GAZETTEER).streets == ("street:пуркаева",)
    assert read_places("школьная форма", GAZETTEER).streets == (), "an ordinary word stays one"


def test_a_verb_or_a_preposition_after_a_street_word_is_not_a_street() -> None:
    assert read_places("улицу залило по щиколотку", GAZETTEER).streets == ()
    assert read_places("затопило улицу на Украинской", GAZETTEER).streets == ("street:украинск",)


def test_a_house_joined_to_its_street_by_a_hyphen() -> None:
    assert read_places("Крюкова-7 ручьи по тротуару", GAZETTEER).houses == ("house:крюкова:7",)
    assert read_places("в Ново-Александровске", GAZETTEER).districts == ("district:ново александровск",)


def test_a_street_at_a_clause_s_end_before_an_emoji() -> None:
    assert read_places("горячей воды нет на курильской 🥶", GAZETTEER).streets == ("street:курильск",)


def test_coordinates_pasted_in_the_text_give_the_cell_when_none_were_sent() -> None:
    pasted = read_places("потоп (46.9855 142.7305) канализация из люков", GAZETTEER)
    sent = read_places("потоп", GAZETTEER, 46.9855, 142.7305)

    assert pasted.coordinates == (46.9855, 142.7305)
    assert pasted.cell == sent.cell is not None
    assert read_places("дом 12, кв 5, с 6.30 утра", GAZETTEER).coordinates is None


@pytest.mark.parametrize(("text", "street"), [
    ("трубы отопления холодные улица Лессная 2", "street:лесн"),  # a letter doubled
    ("давление упало на Запандой", "street:западн"),  # one changed
    ("нет света на Вокзаьлной", "street:вокзальн"),  # two swapped
    ("света нет улица Есеина дом 24", "street:есенина"),  # one dropped
    ("у всей улицы совесткоя холодные батареи", "street:советск"),  # lower case, two swapped
])
def test_a_street_misspelt_one_letter_off_is_the_town_s_street(text: str, street: str) -> None:
    places = read_places(text, GAZETTEER)
    assert places.streets == (street,)
    assert places.misspelt_names, "the misspelling is a name, not a word of the problem"


def test_a_dictionary_word_a_letter_off_a_street_written_as_an_address_is_the_street() -> None:
    # «содовая», «ручная»: dictionary words, a letter off «Садовая», «Речная».
    assert read_places("Нет воды. Содовая 12", GAZETTEER).houses == ("house:садов:12",)
    assert read_places("нет воды, улица Ручная д. 4", GAZETTEER).houses == ("house:речн:4",)
    assert read_places("Ручная работа, 12 штук", GAZETTEER).keys == ()  # no house number after it
    assert read_places("содовая 12", GAZETTEER).keys == ()  # neither capitalised nor after a street word


def test_a_misspelt_district_is_the_district_and_a_known_word_or_an_ambiguous_slip_is_no_name() -> None:
    assert read_places("в районе Луовое нет воды", GAZETTEER).districts == ("district:лугов",)
    assert read_places("котельная встала, Новоалександрвоск", GAZETTEER).districts == (
        "district:ново александровск",)
    assert read_places("на Сееврном потоп", GAZETTEER).districts == ("district:северн",)
    assert read_places("лесной пожар", GAZETTEER).keys == ()  # a dictionary word, one letter off «Лесная»
    # One letter off both «Горная» and «Горькая»: neither; only an unambiguous slip counts.
    assert read_places("Горкая 5", Gazetteer.of({"А": ["Горная"], "Б": ["Горькая"]})).streets == ()


@pytest.mark.parametrize("text", ["Лучистая 5к2", "Лучистая, дом 5 корп 2", "ул.Лучистая д.5 корпус 2",
                                  "дом 5 корп 2 по Лучистой", "Лучистая 5 к.2"])
def test_a_house_s_building_is_part_of_its_number(text: str) -> None:
    assert read_places(text, GAZETTEER).houses == ("house:лучист:5к2",)


def test_glued_house_numbers_and_flats_are_the_house() -> None:
    assert read_places("Лучистая д5", GAZETTEER).houses == ("house:лучист:5",)
    assert read_places("ул.Лучистая 5/1", GAZETTEER).houses == ("house:лучист:5/1",)
    assert read_places("Лучистая 5 кв 12", GAZETTEER).houses == ("house:лучист:5",)


def test_a_street_named_before_a_street_word_and_a_district_after_all_of() -> None:
    assert read_places("давление упало на больничной и соседних улицах", GAZETTEER).streets == ("street:больничн",)
    assert read_places("по всему луговому нет воды", GAZETTEER).districts == ("district:лугов",)
    assert read_places("воооды нет на Лучистой", GAZETTEER).streets == ("street:лучист",)


@pytest.mark.parametrize(("text", "keys"), [
    ("включите отопление!!! лучистая", ("district:лугов", "street:лучист")),
    ("нет света, луговое", ("district:лугов",)),
    ("провода сорвало, лучистая/дружбы, у нас тьма", ("district:лугов", "street:лучист", "street:дружбы")),
])
def test_a_lower_case_street_or_district_that_is_a_clause_of_its_own_is_the_place(text: str,
                                                                                 keys: tuple[str, ...]) -> None:
    assert read_places(text, GAZETTEER).keys == keys


def test_a_lower_case_ordinary_word_inside_a_clause_is_no_street() -> None:
    assert read_places("у нас лучистая погода сегодня", GAZETTEER).keys == ()


def test_a_district_s_name_written_with_a_space_is_the_district_not_a_street_inside_it() -> None:
    # «Новая» is a street of Хомутово; «Ново Александровск» is a district.
    assert read_places("Когда дадут воду? в Ново Александровске", GAZETTEER).keys == (
        "district:ново александровск",)
    assert "street:нов" in read_places("Новая 5, нет света", GAZETTEER).keys


def test_a_street_named_after_on_with_a_verb_or_adverb_after_it_is_a_street() -> None:
    assert read_places("цтп на молодёжной опять встал? горячей воды нет", GAZETTEER).streets == (
        "street:молодежн",)
    assert read_places("на рабочей неделе воды не было", GAZETTEER).keys == ()


@pytest.mark.parametrize("text", ["на озёрной напряжение 170 вольт", "на озерной свет моргает"])
def test_a_street_named_after_on_with_a_noun_it_does_not_agree_with_after_it_is_a_street(text: str) -> None:
    assert read_places(text, GAZETTEER).streets == ("street:озерн",)


def test_an_adjective_on_the_noun_it_agrees_with_is_no_street() -> None:
    assert read_places("на новой машине", GAZETTEER).streets == ()
    assert read_places("в новом доме на зелёной траве", GAZETTEER).streets == ()


@pytest.mark.parametrize("text", ["Хвс 0. К. Маркса 13", "ул маркса д 13", "Маркса д13 без воды", "Карла Маркса, 13"])
def test_a_street_of_a_first_name_and_a_surname_is_read_with_the_first_name_as_an_initial_or_left_out(
        text: str) -> None:
    places = read_places(text, GAZETTEER)
    assert places.streets == ("street:карла маркса",)
    assert places.houses == ("house:карла маркса:13",)


def test_a_short_street_name_a_letter_off_is_the_street() -> None:
    assert read_places("Помыть ребёнка нечем, горячей воды нет, ул.Чеова, 11", GAZETTEER).streets == ("street:чехова",)
    assert read_places("Лесная 5, нет воды", GAZETTEER).streets == ("street:лесн",)


@pytest.mark.parametrize("text", ["в р-не луговое воды нет", "что с водой в р-на лугового?",
                                  "р-ну луговое свет дадут?"])
def test_a_district_after_the_district_word_s_abbreviation_in_any_case(text: str) -> None:
    assert read_places(text, GAZETTEER).keys == ("district:лугов",)
