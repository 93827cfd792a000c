"""What the console's pages show, as pure functions: time left and its colour, durations, short texts, months, the
queue's filters read from a URL, and the server-drawn charts."""
from __future__ import annotations

from datetime import timedelta

import pytest

from otklik.console import views
from otklik.console.charts import Bar, bar_chart
from otklik.console.dashboard_page import recent_months
from otklik.console.forms import ReceptionForm, TriageForm
from otklik.console.queue_page import OPEN, queue_query
from otklik.console.web import ConsoleError
from otklik.domain.model import Appeal, Status, WarningPoint
from tests.builders import TOWN, an_appeal, answered, routed
from tests.fakes import T0, configured_towns

DUE = T0 + timedelta(hours=10)


def an_open_appeal() -> Appeal:
    return routed(an_appeal(), due_at=DUE, warnings=(WarningPoint(label="75%", at=DUE - timedelta(hours=2)),))


@pytest.mark.parametrize(("delta", "said"), [
    (timedelta(minutes=5, seconds=59), "5 мин"), (timedelta(hours=3), "3 ч"),
    (timedelta(hours=3, minutes=20), "3 ч 20 мин"),
    (timedelta(days=1), "1 д"), (timedelta(days=2, hours=4, minutes=30), "2 д 4 ч"), (timedelta(seconds=-30), "0 мин"),
])
def test_a_duration_is_said_in_its_two_largest_units(delta: timedelta, said: str) -> None:
    assert views.span(delta) == said


def test_time_left_is_on_time_before_the_first_warning_point() -> None:
    left = views.time_left(an_open_appeal(), T0)
    assert (left.text, left.tone) == ("осталось 10 ч", "on_time")


def test_time_left_is_warned_once_a_warning_point_has_passed() -> None:
    left = views.time_left(an_open_appeal(), DUE - timedelta(hours=1, minutes=30))
    assert (left.text, left.tone) == ("осталось 1 ч 30 мин", "warned")


def test_time_left_is_overdue_past_the_deadline_and_says_by_how_much() -> None:
    left = views.time_left(an_open_appeal(), DUE + timedelta(days=1, hours=2))
    assert (left.text, left.tone) == ("просрочено на 1 д 2 ч", "overdue")


def test_an_appeal_the_sweep_marked_overdue_is_overdue_whatever_the_clock() -> None:
    escalated = an_open_appeal().model_copy(update={"overdue": True})
    assert views.time_left(escalated, T0).tone == "overdue"


def test_an_answered_or_untriaged_appeal_has_no_running_clock() -> None:
    assert views.time_left(answered(routed(an_appeal())), T0).tone == "closed"
    untriaged = an_appeal().model_copy(update={"status": Status.NEEDS_TRIAGE})
    assert (views.time_left(untriaged, T0).tone, views.time_left(untriaged, T0).text) == ("no_deadline",
                                                                                          "срок не назначен")


def test_times_are_shown_in_the_towns_time_zone() -> None:
    assert views.local_time(T0, "Asia/Sakhalin") == "10.06.2026 12:00"
    assert views.local_time(T0, "Europe/Moscow") == "10.06.2026 04:00"
    assert views.local_time(None, "Asia/Sakhalin") == "—"


def test_first_words_cut_at_a_word_and_flatten_lines() -> None:
    assert views.first_words("Яма\n\nна дороге", 120) == "Яма на дороге"
    assert views.first_words("Огромная яма на дороге у дома", 14) == "Огромная яма…"


def test_recent_months_go_back_across_a_year() -> None:
    assert recent_months("2026-02", 3) == ["2026-02", "2026-01", "2025-12", "2025-11"]


def reception(**fields: str) -> str:
    form = ReceptionForm.model_validate({"resident_name": "Иван", "contact": "+7 999", "csrf_token": "t"} | fields)
    return form.command(TOWN).text


def test_a_reception_forms_address_is_kept_apart_in_the_text() -> None:
    assert reception(text=" Не горит фонарь ", address=" ул.  Ленина, 5 ") == "Не горит фонарь\n\nАдрес: ул. Ленина, 5"
    assert reception(text="Не горит фонарь", address="  ") == "Не горит фонарь"


def test_triage_rejections_say_which_and_keep_the_comment() -> None:
    assert TriageForm.model_validate({"decision": "spam", "reject_reason": "реклама"}).command().reject_reason == (
        "спам: реклама")
    assert TriageForm.model_validate({"decision": "not_appeal", "reject_reason": ""}).command().reject_reason == (
        "не обращение")
    routed_to = TriageForm.model_validate({"category": "waste", "department": ""}).command()
    assert (routed_to.category, routed_to.department, routed_to.reject_reason) == ("waste", None, None)


def test_the_queue_reads_its_filters_from_the_url() -> None:
    config = configured_towns().all()[TOWN]
    query = queue_query({"category": "roads", "department": "city_economy", "channel": "vk", "overdue": "1"}, TOWN,
                        config, department_user=False)
    assert (query.category, query.department, str(query.channel), query.overdue) == ("roads", "city_economy", "vk",
                                                                                      True)
    assert query.statuses == OPEN and query.order_by == "due_at"
    assert queue_query({"status": "all"}, TOWN, config, department_user=False).statuses == ()
    assert queue_query({"status": "answered"}, TOWN, config, department_user=False).statuses == (Status.ANSWERED,)


def test_a_department_user_cannot_widen_the_queue_to_another_department() -> None:
    config = configured_towns().all()[TOWN]
    assert queue_query({"department": "ecology"}, TOWN, config, department_user=True).department is None


@pytest.mark.parametrize("args", [{"status": "lost"}, {"category": "weather"}, {"department": "mars"},
                                  {"channel": "fax"}, {"overdue": "yes"}, {"cursor": "../../etc"}])
def test_a_filter_no_appeal_can_match_is_a_400_naming_it(args: dict[str, str]) -> None:
    with pytest.raises(ConsoleError) as refused:
        queue_query(args, TOWN, configured_towns().all()[TOWN], department_user=False)
    assert refused.value.status == 400


def test_a_chart_writes_each_value_beside_its_bar_and_escapes_labels() -> None:
    svg = str(bar_chart("Поступило", [Bar("<script>", 3, "3"), Bar("Дороги", 6, "6")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert ">3</text>" in svg and ">6</text>" in svg
    assert 'width="300.0"' in svg and 'width="150.0"' in svg  # the largest value fills the bar


def test_a_chart_says_what_it_shows_above_it_even_when_it_has_no_bars() -> None:
    empty = str(bar_chart("Обработано по каналам", []))
    assert "<figcaption>Обработано по каналам</figcaption>" in empty and "нет данных" in empty


def test_only_web_links_of_platforms_are_offered_to_follow() -> None:
    assert views.web_link("https://vk.com/wall-1_2") == "https://vk.com/wall-1_2"
    assert views.web_link("javascript:alert(1)") is None and views.web_link("data:text/html,x") is None
    assert views.web_link(None) is None
