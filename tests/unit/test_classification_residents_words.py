"""The failure patterns of issue 16, each as a case: how residents really write, on the city portal and under a
district administration's VK posts."""
from __future__ import annotations

import pytest

from otklik.domain.classification import Classification, classify
from otklik.domain.classification.rules import NOTHING_TO_ACT_ON


def assert_routed(text: str, category: str) -> Classification:
    result = classify(text)
    assert (result.kind, result.category, result.triage) == ("appeal", category, False), result
    return result


def assert_triaged(text: str) -> Classification:
    result = classify(text)
    assert result.triage, result
    return result


def assert_kept_from_departments(text: str) -> Classification:
    result = classify(text)
    assert result.triage and result.category in (None, "other"), result
    return result


@pytest.mark.parametrize("text", [
    "из горячего крана идёт холодная",
    "слабый напор горячей воды, ванну не набрать",
    "нет ГВС третий день, ул. Ленина 120",
])
def test_hot_water_is_heating_not_water(text: str) -> None:
    assert_routed(text, "heating")


def test_cold_water_abbreviation_is_water() -> None:
    assert_routed("нет ХВС с утра в д. 12", "water")


@pytest.mark.parametrize(("text", "category"), [
    ("между детским садом №6 и котельной сухое дерево", "greening"),
    ("на остановке \"Детский сад\" нет расписания автобусов", "public_transport"),
    ("в Овсянниковском саду упало дерево на дорожку", "greening"),
    ("нанести разметку на переходе у МБОУ СОШ №8", "roads"),
])
def test_an_institution_named_as_a_place_is_a_landmark_not_the_subject(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "category"), [
    ("аварийная опора освещения у дома 8 наклонилась", "lighting"),
    ("аварийное дерево во дворе качается", "greening"),
    ("дом признан аварийным, когда расселение?", "housing"),
])
def test_emergency_describes_a_state_not_only_a_condemned_house(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", ["окурки, бумажки по всей остановке", "не вывозят картон две недели"])
def test_lists_of_small_waste_are_waste(text: str) -> None:
    assert_routed(text, "waste")


def test_thanks_and_a_complaint_at_once_is_an_appeal() -> None:
    assert_routed("спасибо за площадку, но качели уже сломали, почините", "yards")


@pytest.mark.parametrize("text", [
    "спасибо что покосили траву у дома",
    "Прошу передать благодарность коллективу школы №1 за прекрасный выпускной",
])
def test_thanks_only_is_not_an_appeal(text: str) -> None:
    assert classify(text).kind == "thanks"


@pytest.mark.parametrize("text", [
    "Продам гараж в кооперативе Север, 8-914-123-45-67",
    "Ремонт холодильников на дому, выезд бесплатно т. 8 (4242) 55-66-77",
    "Отдам щенков в добрые руки, 2 мес",
    "С Днём города, дорогие земляки! 🎉",
    "Светлая память... соболезнования родным",
    "https://vk.com/wall-123456_789",
    "а билеты на концерт где купить?",
    "Когда следующий концерт в парке?",
    "Татьяна, вы не правы, у нас в районе всё нормально",
])
def test_non_appeals_under_a_post_never_go_to_a_department(text: str) -> None:
    assert_kept_from_departments(text)


def test_a_resident_giving_a_phone_number_is_still_an_appeal() -> None:
    assert_routed("Яма на дороге у дома 5 по ул. Мира, мой телефон 8-914-123-45-67", "roads")


@pytest.mark.parametrize(("text", "category"), [
    ("ВЕРНИТЕ ПЛОЩАДКУ!!!", "yards"),
    ("песочницы… на чьем балансе?", "yards"),
    ("Бардак полный. Баки оставляют во дворе", "waste"),
    ("УПРАВА ЖДЕТ ПОКА ВЕСНА растопит? тротуары сплошной каток", "snow"),
    ("с крыши сбросили снег и наледь прямо на тротуар", "management_company"),
])
def test_short_comments_that_lean_on_context(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "ЖКС опять трубку не берет, батареи ледяные",
    "Жилкомсервис деньги берет, а горячей воды нет неделю",
])
def test_a_management_company_by_its_local_name_blamed_for_heat_or_water(text: str) -> None:
    assert_routed(text, "management_company")


def test_paradnaya_is_an_entrance() -> None:
    assert_routed("в парадной не убираются, лампочки не горят", "management_company")


def test_a_redirect_to_the_management_company_is_not_blame() -> None:
    assert_routed("засор канализации, заливает подвал, водоканал отправляет в управляющую компанию", "water")


# Portal forms (issue 16, second round): what arrives through a portal without asking a department to act.

@pytest.mark.parametrize("text", [
    "Подскажите, пожалуйста, часы работы отдела опеки в субботу.",
    "Прошу сообщить, в какие сроки летом будет плановое отключение горячей воды, чтобы спланировать отпуск.",
    "Прошу предоставить информацию о графике движения автобусов в праздничные дни.",
    "Подскажите телефон диспетчерской ЖКХ, не могу найти на сайте",
])
def test_a_request_for_information_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


@pytest.mark.parametrize(("text", "category"), [
    ("Прошу разъяснить, почему мне прекратили выплату пособия на ребёнка с марта", "benefits"),
    ("подскажите, будет ли ремонт дороги на Лесной? асфальт весь в трещинах, ямы по колено, колёса бьём", "roads"),
])
def test_a_question_about_a_problem_is_still_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "kind"), [
    ("Моё мнение: новые автобусы — лучшее, что случилось с городом", "opinion"),
    ("Прошу отозвать мою жалобу на яму по ул. Ленина, дорогу уже отремонтировали", "withdrawal"),
    ("См. моё предыдущее обращение", "withdrawal"),
    ("Тестовое сообщение для проверки формы", "test"),
])
def test_opinions_withdrawals_and_tests_are_not_appeals(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


@pytest.mark.parametrize("text", [
    "Благодарю участкового терапевта Петрову И.А. за внимательное отношение к маме",
    "Выражаем признательность за новую детскую площадку во дворе",
])
def test_thanks_naming_a_person_by_initials_or_in_officialese_is_not_an_appeal(text: str) -> None:
    assert classify(text).kind == "thanks"


@pytest.mark.parametrize("text", [
    "Компания «Асфальт-Сервис» предлагает услуги по асфальтированию дворов и ямочному ремонту, цены ниже рынка.",
    "Предлагаем поставку противогололёдных реагентов для нужд города. Коммерческое предложение во вложении.",
    "Вывоз мусора и КГМ, грузчики, недорого. 8 900 123 45 67",
])
def test_an_advert_listing_a_trade_s_topic_words_is_not_an_appeal(text: str) -> None:
    assert_kept_from_departments(text)


def test_the_emergency_room_named_as_a_consequence_is_not_the_subject() -> None:
    assert_routed("Тротуары покрыты льдом, ни разу не посыпаны, люди падают, в травмпункте очереди с переломами",
                  "snow")


def test_street_lighting_stays_lighting_when_the_management_company_is_blamed() -> None:
    assert_routed("На ул. Лесной не горят фонари уличного освещения третью неделю, заявки в УК бесполезны", "lighting")


def test_a_utility_and_the_management_company_sending_the_resident_to_each_other_is_no_blame() -> None:
    assert_routed("Нет ГВС с 1 октября, в УК говорят — виновата теплосеть, в теплосети — что УК", "heating")


@pytest.mark.parametrize("text", [
    "На остановке не убран снег, люди ждут автобус на проезжей части",
    "Прошу обеспечить вывоз снега, обочины заужены сугробами, машины не могут разъехаться",
])
def test_snow_on_a_road_or_at_a_stop_is_snow(text: str) -> None:
    assert_routed(text, "snow")


def test_a_road_broken_after_winter_is_still_a_road() -> None:
    assert_routed("после зимы на дороге ямы и выбоины, асфальт разрушен, грейдер не приезжал", "roads")


def test_thanks_for_a_problem_solved_is_not_an_appeal() -> None:
    assert classify("Выражаю благодарность отделу ЖКХ за оперативное решение проблемы с отоплением в нашем доме"
                    ).kind == "thanks"


def test_a_proposal_to_name_or_commemorate_is_not_an_appeal() -> None:
    assert assert_kept_from_departments("Предлагаю в честь Дня Победы высадить аллею памяти в парке").kind == "proposal"


def test_a_proposal_of_works_is_an_appeal() -> None:
    assert_routed("Предлагаю установить лежачего полицейского у д. 8, машины носятся с огромной скоростью", "roads")


def test_an_offer_of_cooperation_is_an_advert() -> None:
    assert_kept_from_departments("Направляю предложение о сотрудничестве: наша организация выполняет благоустройство "
                                 "дворов и ремонт дорог. Тел.: +7 (924) 123-45-67")


# Portal forms (issue 16, third round): a request for information is one however many topic words it has, unless
# it states a fault or a harm now.

@pytest.mark.parametrize("text", [
    "где посмотреть график отключений электроэнергии на Садовой в июле?",
    "какие льготы положены многодетным на оплату коммунальных услуг и детский сад?",
    "Какой тариф на вывоз ТКО для частного дома с августа?",
    "Интересует расписание автобуса 104 до дачных участков по субботам",
    "С какого числа начинается отопительный сезон и будет ли летом плановое отключение горячей воды?",
])
def test_an_information_request_heavy_in_topic_words_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


@pytest.mark.parametrize(("text", "category"), [
    ("где посмотреть график отключений электроэнергии? света нет с утра, в графике нашей улицы нет", "electricity"),
    ("какие льготы положены многодетным, если пособие не выплачивают третий месяц?", "benefits"),
    ("Подскажите, кто обслуживает фонари на Лесной? Они не горят вторую неделю", "lighting"),
    ("Кто должен чистить тротуар у рынка? Там наледь, люди падают", "snow"),
    ("когда отремонтируют дорогу на Лесной?", "roads"),
])
def test_an_information_request_stating_a_fault_or_a_harm_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Прошу выдать справку о том, что дом по ул. Мира, 7 не признан аварийным, для банка",
    "Нужна выписка о том, что квартира не находится в залоге. Как её получить?",
    "Где взять бланк заявления на пандус? Пока ничего не сломано, заранее узнаём",
    "Будет ли перерасчёт платы за отопление, если мы не живём в квартире зимой? Какие нужны документы?",
])
def test_a_negation_inside_what_is_asked_for_is_no_complaint(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


def test_a_document_the_town_fails_to_issue_is_an_appeal() -> None:
    result = classify("Прошу выдать справку о признании дома аварийным: комиссия была в мае, справку так и не выдали, "
                      "дом в трещинах")
    assert result.kind == "appeal" and not result.triage, result


@pytest.mark.parametrize("text", [
    "Спасибо, что поставили фонари у школы: вечером больше не страшно ходить",
    "Спасибо за ремонт на Заречной! Раньше были сплошные ямы, а теперь ровный асфальт",
    "Спасибо аварийной бригаде: трубу заменили за день, вода снова есть",
])
def test_thanks_that_mention_the_fixed_problem_are_not_appeals(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


@pytest.mark.parametrize(("text", "kind"), [
    ("Приглашаем жителей на субботник в сквере у ДК в субботу, перчатки и мешки выдадим", "invitation"),
    ("Для сведения: жильцы дома 4 сами уберут двор в субботу, помощь не нужна", "notice"),
    ("Отзываю своё обращение о яме во дворе, её засыпали соседи", "withdrawal"),
    ("Хочу отметить работу кондуктора маршрута 7 — всегда вежлива и помогает пожилым", "praise"),
])
def test_invitations_notices_withdrawals_and_praise_are_not_appeals(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


@pytest.mark.parametrize(("text", "category"), [
    ("когда будет свет? Полевая 12", "electricity"),
    ("Водоканал, вы где? третий день без воды, ул. Озёрная 4", "water"),
    ("Сколько ещё будет отключение света на Лесной?", "electricity"),
])
def test_a_question_about_a_missing_supply_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


# Portal forms (issue 16, fourth round, portal_dev4): what a message says it is, proposals for the future, the
# structure of a question, and thanks that tell how the problem was fixed.

@pytest.mark.parametrize(("text", "kind"), [
    ("Это не жалоба, просто наболело: проезд опять дорожает, а зарплаты не растут", "opinion"),
    ("Прошу учесть моё мнение: повышать тариф на вывоз мусора нельзя, пенсии не растут", "opinion"),
    ("Чисто теоретически: кто платит, если на машину упадёт столб? У нас таких столбов нет", "question"),
    ("Отвечаю на ваш вопрос: подъезд третий, дома буду после 19", "reply"),
    ("Скорбим о смерти директора дома культуры, светлая память", "condolence"),
    ("Ищу работу водителем автобуса, стаж 10 лет. Куда прислать резюме?", "job"),
    ("Школьники проводят опрос о дорогах и дворах, просим пройти анкету", "survey"),
    ("Перешлите это всем соседям: завтра отключат свет во всём районе, где не поменяли счётчики!!!", "chain"),
    ("Отзываю жалобу на шум от котельной, больше не шумит", "withdrawal"),
])
def test_a_message_that_says_what_it_is_is_not_an_appeal(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


@pytest.mark.parametrize("text", [
    "Предлагаю высадить вдоль набережной каштаны, было бы красиво",
    "Хотелось бы, чтобы у стадиона когда-нибудь построили бассейн, детям нужно где-то плавать",
    "Было бы здорово сделать в парке площадку для выгула собак",
])
def test_a_proposal_for_the_future_with_nothing_broken_now_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "proposal"


@pytest.mark.parametrize(("text", "category"), [
    ("Предлагаю отремонтировать дорогу на Лесной, она вся в ямах", "roads"),
    ("Предлагаю поставить урны у остановки на Мира: мусор валяется по всему тротуару", "waste"),
])
def test_a_proposal_to_fix_what_is_broken_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


def test_what_someone_else_offers_is_no_proposal() -> None:
    result = classify("Живём в аварийном доме на Деповской, дом расселяют, но нам предлагают квартиру меньше прежней. "
                      "Прошу пересмотреть решение")
    assert result.kind == "appeal" and result.category == "housing", result


@pytest.mark.parametrize("text", [
    "Скажите, автобус 12 в праздники ходит по расписанию выходного дня?",
    "Объясните, как рассчитывается плата за вывоз ТКО для частного дома",
    "Прошу предоставить копию постановления о присвоении адреса дому на Озёрной",
    "Направьте, пожалуйста, копию договора управления нашим домом, наш экземпляр утерян",
    "Как считается плата за отопление, если в доме нет общедомового счётчика?",
    "Где теперь получить справку о составе семьи, если паспортного стола в ЖЭУ больше нет?",
    "Есть ли в городе пункт приёма батареек? Не хочу выбрасывать их в контейнер",
    "Пишу курсовую о ремонте школ. Есть ли открытые данные о программе капремонта на 2026 год?",
    "Как узнать текущую очередь на жильё онлайн?",
    "Как начисляют плату за воду по нормативу? Объясните формулу, хочу разобраться",
])
def test_a_question_or_a_document_request_with_no_fault_now_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


@pytest.mark.parametrize(("text", "category"), [
    ("Куда жаловаться, если завтра не дадут воду? Воды нет третий день, ул. Озёрная 4", "water"),
    ("Когда будут чистить Лесную от снега? Машины буксуют, люди идут по проезжей части", "snow"),
    ("Скажите, по какому графику вывозят мусор с площадки на Речной? Мешки с мусором гниют у баков", "waste"),
])
def test_a_question_with_a_fault_outside_its_condition_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Спасибо дворникам: всю зиму тротуары посыпаны, ни разу не упала",
    "Спасибо водоканалу: прочистили колодец во дворе, запаха больше нет",
    "Жаловалась на сосульки над подъездом, их сбили, а сейчас ещё и водостоки поменяли. Благодарю ЖЭУ",
    "Спасибо, что вернули маршрут 5: теперь до работы 20 минут, а не час",
])
def test_thanks_that_tell_how_the_problem_was_fixed_are_not_appeals(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


def test_a_trade_advert_with_discounts_is_not_an_appeal() -> None:
    assert assert_kept_from_departments("Ремонт ванных под ключ, замена стояков ГВС и ХВС. Пенсионерам скидки!").kind \
        == "spam"


def test_a_not_that_says_instead_of_is_no_fault() -> None:
    assert assert_kept_from_departments("Предлагаю пустить летом автобус до пляжа в Охотском: люди ездили бы на нём, "
                                        "а не на такси").kind == "proposal"


def test_a_feldsher_station_named_in_a_case_form_is_healthcare() -> None:
    assert_routed("В ФАПе в Луговом нет фельдшера с января, а автобус туда ходит два раза в день", "healthcare")


@pytest.mark.parametrize(("text", "category"), [
    ("Это не жалоба, но во дворе яма уже месяц, машины бьются. Ленина 5", "yards"),
    ("Не жалоба, а просьба: уберите наконец мусор с контейнерной площадки на Чехова 3", "waste"),
    ("Отвечаю на ваш вопрос: дом 5 по Ленина, свет так и не дали", "electricity"),
])
def test_a_declaration_turned_by_a_fault_after_it_is_an_appeal_after_all(text: str, category: str) -> None:
    result = classify(text)

    assert (result.kind, result.category, result.triage) == ("appeal", category, False)


@pytest.mark.parametrize(("text", "kind"), [
    ("Для статьи в районной газете: сколько дворов в Долинске отремонтировано за год и сколько ям засыпано?",
     "question"),
    ("Вопрос общий: если соседи сверху затопят квартиру, кто платит за ремонт — они или УК?", "question"),
    ("Хотим знать заранее: через сколько дней по закону должны починить лифт, если он сломается", "question"),
    ("Говорят, что с весны мусор начнут вывозить раз в неделю, правда ли что так будет или это слухи", "question"),
])
def test_a_question_that_declares_its_purpose_is_not_an_appeal(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Новость: на Комсомольской закончили ремонт теплотрассы, трубы заменили, горячая вода снова есть", "news"),
    ("С марта проезд в автобусах подорожает до 50 рублей, сообщает пресс-служба перевозчика", "news"),
    ("Тут кто-то написал, что у нас на Мира свет отключают каждый день. Живу там пять лет, такого не бывает",
     "rebuttal"),
    ("Анекдот: почему у нас дороги не ремонтируют? Потому что ямы уже в реестре памятников 😂", "joke"),
    ("Уважаемые жители! В субботу совет дома проводит собрание о ремонте крыши, приходите", "notice"),
    ("Пытаюсь подать жалобу на сломанный светофор, а форма выдаёт ошибку, что делать?", "portal"),
    ("Дерево, про которое я писала, уже спилили и вывезли, заявку можно закрывать", "withdrawal"),
    ("Поддерживаю решение администрации пустить автобусы по выделенной полосе, давно пора", "opinion"),
])
def test_news_rebuttals_jokes_notices_and_remarks_say_what_they_are(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


@pytest.mark.parametrize("text", [
    "В группе пишут: «во дворе на Ленина 5 уже неделю не вывозят мусор, баки переполнены». Пересылаю для справки",
    "Подскажите телефон аварийной службы водоканала на случай прорыва трубы, дома пока всё хорошо",
    "Просим предоставить сведения о числе отловленных безнадзорных собак и укушенных детей за 2024 год",
])
def test_a_fault_quoted_supposed_or_asked_about_is_no_fault_stated(text: str) -> None:
    assert_kept_from_departments(text)


@pytest.mark.parametrize("text", [
    "Огромное спасибо электрикам: когда у нас выбило автомат, приехали за полчаса и всё починили",
    "Спасибо за скорость! Воду дали через час, соседи даже заметить не успели",
])
def test_thanks_that_tell_when_and_how_fast_are_not_appeals(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


@pytest.mark.parametrize(("text", "category"), [
    ("Новость о ремонте дороги на Вокзальной неправда: ямы как были, так и есть, машины бьют колёса", "roads"),
    ("Соседи пишут «свет скоро дадут», но на Садовой 4 света нет уже вторые сутки", "electricity"),
    ("Предлагаю ликвидировать свалку шин за гаражами на Заводской", "waste"),
])
def test_news_or_quotes_beside_a_fault_stated_now_are_appeals(text: str, category: str) -> None:
    assert_routed(text, category)


def test_a_why_in_a_text_made_of_questions_asks_for_a_reason() -> None:
    assert assert_kept_from_departments("Какой тариф на вывоз мусора для частного сектора и почему он выше, чем для "
                                        "многоквартирных домов?").kind == "question"


def test_a_why_beside_a_fault_stated_is_an_appeal() -> None:
    assert_routed("Почему не вывозят мусор с площадки на Чехова? Баки переполнены, мешки лежат неделю.", "waste")


@pytest.mark.parametrize("text", [
    "Мой отец сорок лет проработал на городской котельной и водоканале, строил первые тепловые сети микрорайона, "
    "хочу, чтобы о таких людях писали в городской газете и на сайте администрации",
    "Интересно, какие школы и детские сады района первыми подключат к новой котельной и сколько будет стоить "
    "отопление после модернизации, хотелось бы почитать подробнее об этом проекте",
])
def test_a_long_text_that_states_no_fault_describes_no_problem_and_asks_no_action_goes_to_an_operator(
        text: str) -> None:
    result = classify(text)
    assert result.triage and NOTHING_TO_ACT_ON in result.reasons, result


@pytest.mark.parametrize(("text", "category"), [
    ("Старая опора освещения возле дома 14 по улице Лесной сильно накренилась после ветра, провода свисают прямо "
     "над тротуаром, по которому дети каждый день ходят в школу", "lighting"),
    ("Проведите, пожалуйста, освещение вдоль пешеходной дорожки от остановки Школьная до жилого квартала на улице "
     "Садовой, там вечером ходят школьники и пенсионеры с работы", "lighting"),
])
def test_a_long_text_that_describes_a_problem_or_asks_for_action_goes_to_its_department(text: str,
                                                                                       category: str) -> None:
    assert_routed(text, category)


def test_a_short_text_leans_on_context_and_goes_by_its_topic_words() -> None:
    assert NOTHING_TO_ACT_ON not in assert_routed("Освещение на Садовой у школы", "lighting").reasons


@pytest.mark.parametrize(("text", "category"), [
    # damage: a fence taken apart, a bench broken up
    ("Ограждение территории школы №3 со стороны стадиона разобрано почти целиком, по вечерам к крыльцу школы "
     "заходят чужие взрослые, а утром там дети", "schools"),
    # malfunction: a heat main steaming, the lagging hanging in rags
    ("Возле дома 9 на улице Заводской из колодца теплотрассы парит уже с утра, на трубе видна изоляция в лохмотьях, "
     "снег вокруг колодца растаял до земли", "heating"),
    # misconduct: drinking in a yard
    ("Каждый вечер у детской площадки во дворе домов 2 и 4 по улице Мира собираются выпивающие компании, сидят на "
     "качелях, бутылки оставляют в песочнице", "yards"),
    # shortage: an empty pharmacy, nowhere to buy
    ("В аптечном пункте при фельдшерском пункте нашего села пусто уже который раз, за лекарствами от давления мы "
     "ездим в районный центр за тридцать километров", "healthcare"),
    # discomfort: a stuffy classroom
    ("В кабинете начальных классов школы №4 окна заколочены с прошлой осени, на уроках так душно, что дети к "
     "третьему уроку сидят красные и сонные", "schools"),
])
def test_a_long_text_that_names_a_problem_in_everyday_words_goes_to_its_department(text: str,
                                                                                  category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "category"), [
    ("В детском саду №8 наша группа уже третью неделю без нянечки, детей на весь день раскидывают по другим группам "
     "и они там сидят вдвоём на одном стуле", "kindergartens"),
    ("Пособие на ребёнка мне назначено, но выплату по нему оформляют уже пятый месяц, документы у меня приняли ещё "
     "весной и расписку выдали", "benefits"),
])
def test_an_ordinal_before_a_unit_of_time_says_the_problem_still_goes_on(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "category"), [
    ("Почему управляющая компания выставляет за содержание жилья по 40 рублей за метр, если подъезды не моют с "
     "весны и лампочки на этажах не меняют?", "management_company"),
    ("На каком основании ЖКС подняла тариф на уборку, если во дворе не метут и мусор у подъездов не убирают?",
     "management_company"),
])
def test_an_if_after_a_why_states_the_facts_the_question_is_about(text: str, category: str) -> None:
    assert_routed(text, category)


def test_an_if_after_a_how_is_still_a_condition_asked_about() -> None:
    assert assert_kept_from_departments(
        "Как рассчитывается плата за содержание жилья, если в доме не работает лифт?").kind == "question"


@pytest.mark.parametrize(("text", "category"), [
    ("Кто у нас отвечает за лавочки у подъездов дома 4 по Пионерской? Их разломали ещё весной, старикам присесть "
     "негде", "yards"),
    ("Подскажите, кто будет спиливать тополь у дома 7 по Школьной? Ствол треснул, верхушка висит над дорожкой",
     "greening"),
    ("Предлагаю сделать тротуар вдоль Рабочей улицы — обочина там осыпалась, люди идут по проезжей части",
     "roads"),
])
def test_a_question_or_proposal_beside_a_problem_described_in_everyday_words_is_an_appeal(text: str,
                                                                                          category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Подскажите, в какие дни вывозят крупногабаритный мусор с нашей улицы",
    "С какого числа в этом году начнут давать тепло в дома на Садовой?",
])
def test_a_problem_word_that_names_the_topic_of_a_question_states_no_problem(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


@pytest.mark.parametrize(("text", "kind"), [
    ("Отзываю заявку о сломанной скамейке у дома 3 по Лесной, её уже починили соседи", "withdrawal"),
    ("Вопрос не срочный: кто должен грейдировать дорогу к садовому товариществу, округ или само товарищство?",
     "question"),
    ("Прошу сообщить мой номер в очереди на капремонт крыши, претензий нет, просто уточнить для себя",
     "question"),
    ("Срочно! Говорят, с понедельника отключат воду во всём районе на неделю. Передай другому!", "chain"),
    ("Живу на Речной с 1970 года, помню, как воду носили с колонки, а дорогу только грейдером ровняли. Просто "
     "хотела поделиться", "story"),
    ("Не согласен с вырубкой тополей на Лесной, это лишнее, пусть лучше сажают новые", "disagreement"),
    ("Да, я согласна, чтобы мои данные по заявке о ремонте дороги передали подрядчику", "reply"),
])
def test_withdrawals_purposes_chains_stories_disagreements_and_consents_are_not_appeals(text: str,
                                                                                       kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


def test_a_wish_for_the_future_with_nothing_broken_is_a_proposal() -> None:
    assert assert_kept_from_departments(
        "Хорошо бы в сквере у почты поставить скульптуру рыбака, город вырос из рыбокомбината").kind == "proposal"


@pytest.mark.parametrize("text", [
    "спасибо, фонари вдоль набережной включили, теперь вечером не страшно идти домой",
    "Спасибо водителю автобуса №5, который вчера помог бабушке с тележкой. Фамилию не знаю, номер 215.",
])
def test_thanks_with_a_not_that_tells_how_well_it_went_are_not_appeals(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


def test_a_copy_asked_to_be_forwarded_is_a_document_request() -> None:
    assert assert_kept_from_departments(
        "Прошу переслать нам копию ответа управляющей компании на коллективное обращение жильцов дома 22 по Кирова"
    ).kind == "question"


def test_a_broken_lamp_shade_at_a_stop_is_lighting() -> None:
    assert_routed("На остановке у рынка разбит плафон, вечером там темно, дети ждут автобус в темноте", "lighting")


@pytest.mark.parametrize("text", [
    "Благодарю аварийную службу! В четверг на Садовой порвало провод, фонари не горели, а к вечеру всё починили.",
    "Спасибо дорожникам: всю весну на въезде стояла лужа, а вчера положили асфальт и сделали ливнёвку.",
])
def test_thanks_that_tell_the_fixed_problem_in_the_past_tense_are_not_appeals(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


def test_thanks_turned_by_a_new_problem_are_an_appeal_even_in_the_past_tense() -> None:
    assert_routed("Спасибо, что в мае заменили фонари на Садовой, но вчера они опять погасли", "lighting")


@pytest.mark.parametrize("text", [
    "Набережная после ремонта красивая: новые фонари, удобные скамейки, гулять одно удовольствие",
    "Новая поликлиника на Мира просто замечательная, светлые кабинеты, приятно зайти",
])
def test_praise_without_thanks_and_without_a_problem_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "praise"


@pytest.mark.parametrize(("text", "category"), [
    ("Сквер после ремонта красивый, но фонари там не горят уже неделю", "lighting"),
    ("Площадка во дворе отличная, уберите только битое стекло из песочницы", "yards"),
])
def test_praise_beside_a_fault_or_a_request_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "category"), [
    ("Стёрлась разметка на переходе к школе №3, водители не тормозят", "roads"),
    ("По пути к поликлинике на Мира тротуар разбит, плитка вздыбилась", "roads"),
])
def test_an_institution_a_way_leads_to_is_a_landmark_not_the_topic(text: str, category: str) -> None:
    assert_routed(text, category)


def test_after_an_action_named_by_a_noun_to_names_the_topic() -> None:
    assert_routed("Будет ли подключение частных домов к центральному водопроводу в этом году?", "water")


def test_a_way_to_an_institution_is_no_kindergarten_matter() -> None:
    assert classify("Тропинка к детскому саду вся в лужах, не пройти").category != "kindergartens"


@pytest.mark.parametrize("text", [
    "Срочно! Разошлите всем: с понедельника свет будут отключать по всему району на неделю, заряжайте телефоны!",
    "Перешли 5 друзьям: в водопроводе нашли заразу, воду из крана не пить!!!",
])
def test_a_message_asking_to_be_passed_on_to_many_is_a_chain_letter(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "chain"


@pytest.mark.parametrize("text", [
    "Предложение на будущее: в новом микрорайоне сразу проложить велодорожку вдоль набережной и поставить стойки для "
    "велосипедов.",
    "Пожелание: построить в парке вторую детскую площадку с канатной дорогой и горкой.",
])
def test_a_message_that_names_itself_a_proposal_before_a_colon_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "proposal"


@pytest.mark.parametrize(("text", "category"), [
    ("Мнение жильца: на Садовой уже месяц не горят фонари, вечером идти страшно.", "lighting"),
    ("Предложение: отремонтировать тротуар на Ленина, плитка разбита.", "roads"),
])
def test_a_genre_label_before_a_fault_or_a_repair_leaves_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Отменяю заявку на вывоз веток со двора на Лесной, соседи увезли сами.",
    "Прошу закрыть моё обращение про упавший провод на Садовой, электрики уже приходили.",
])
def test_a_resident_withdrawing_their_own_appeal_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "withdrawal"


def test_an_appeal_closed_by_someone_else_is_a_complaint() -> None:
    assert_routed("Почему закрыли мою заявку? Провод на Садовой так и висит над тротуаром", "electricity")


@pytest.mark.parametrize("text", [
    "В 1998 году нашу улицу Портовую смыло штормом, мост снесло, неделю сидели без света и воды. Соседи помогали друг "
    "другу, вот такая была жизнь.",
    "Тридцать лет назад в котельной на Школьной взорвался котёл, полгода топили печки, в школе не было отопления. "
    "Помню это до слёз.",
])
def test_a_story_of_long_ago_told_in_the_past_tense_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "story"


@pytest.mark.parametrize(("text", "category"), [
    ("Много лет назад во дворе построили площадку, её давно сломали и не восстановили.", "yards"),
    ("В 2015 году затопило подвал на Ленина, 5, и до сих пор там сырость.", "water"),
])
def test_a_problem_of_long_ago_that_still_stands_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Заявление о перерасчёте за вывоз мусора отзываю, с бухгалтерией разобрались.",
    "Жалобу на сломанный фонарь у дома 4 снимаю, его уже починили.",
])
def test_an_appeal_named_before_the_residents_withdrawing_verb_is_withdrawn(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "withdrawal"


def test_a_fault_verb_in_the_infinitive_names_what_is_proposed_not_a_fault() -> None:
    text = "Предлагаю разбить на пустыре у реки цветник и поставить качели для детей."
    assert assert_kept_from_departments(text).kind == "proposal"


def test_an_infinitive_after_a_word_of_compulsion_is_a_harm_suffered() -> None:
    assert_routed("в туалетах на третьем этаже школы №4 двери заперты, детям приходится бегать вниз и опаздывать на "
                  "урок", "schools")


@pytest.mark.parametrize("text", [
    "Предлагаю сделать во дворе дома 8 ещё одну детскую площадку. Места там много, газон ровный, ничего там не мешает.",
    "Предлагаю поставить у остановки на Лесной второй павильон, людей много. Рядом пусто, никому не мешает.",
])
def test_nothing_said_to_be_wrong_leaves_a_proposal_a_proposal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "proposal"


def test_a_documents_content_told_by_o_tom_chto_runs_to_the_sentences_end() -> None:
    text = ("Прошу выдать справку о том, что дом 9 по ул. Лесной в нашем посёлке не признан аварийным и не включён в "
            "программу сноса, её просит банк.")
    assert assert_kept_from_departments(text).kind == "question"


def test_a_fault_in_the_next_sentence_after_a_document_request_is_an_appeal() -> None:
    text = "Прошу выдать справку о том, что я живу по ул. Лесной, 9. А ещё в подъезде третий день не горит свет."
    assert classify(text).kind == "appeal"


@pytest.mark.parametrize("text", [
    "Нет, в управляющую компанию мы ещё не звонили. Лицевой счёт 12/40, если понадобится.",
    "Да, в подвале дома 3 по Лесной, вход со двора, ключ у старшей по дому.",
])
def test_a_bare_yes_or_no_answering_an_operator_is_not_an_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "reply"


def test_an_answer_that_states_a_fault_is_an_appeal() -> None:
    assert_routed("Да, течь так и не устранили, вода капает с потолка на кухне.", "water")


# Ninth round (branch tune16h): rules developed on portal_dev8, each case fails without its rule.

def test_mud_on_an_unpaved_road_is_roads_when_no_snow_is_named() -> None:
    assert_routed("На Береговой после ливня грунтовку развезло в кашу, машины буксуют. Подсыпьте щебень.", "roads")


def test_snow_named_on_a_road_still_wins() -> None:
    assert_routed("На Береговой дорогу замело снегом, машины буксуют, подсыпьте песок.", "snow")


@pytest.mark.parametrize("text", [
    "С Днём медицинского работника всех врачей и медсестёр нашей больницы!",
    "Дорогие соседи и администрация, с праздником! Желаем здоровья, светлых улиц и чистых дворов.",
    "Поздравляем коллектив школы №3 с юбилеем!",
])
def test_a_holiday_greeting_is_no_appeal_whatever_its_wishes_name(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "greeting"


def test_a_holiday_greeting_beside_a_fault_is_an_appeal() -> None:
    assert_routed("С праздником! А у нас в доме 5 по Лесной третий день нет отопления, батареи ледяные.", "heating")


@pytest.mark.parametrize("text", [
    "По-моему, платная парковка у рынка только отпугнёт покупателей, лучше оставить её бесплатной.",
    "Я против того, чтобы вырубать старые тополя на набережной ради новой плитки.",
    "Мне кажется, плата за вывоз мусора для одиноких пенсионеров слишком высокая.",
    "Считаю, что площадь перед администрацией стоит засадить цветами, а не плиткой.",
    "Мы, жители Садовой, против новой автостоянки на месте сквера. Просим учесть наш голос при голосовании.",
])
def test_the_writers_own_opinion_without_a_fault_is_an_opinion(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "opinion"


@pytest.mark.parametrize(("text", "category"), [
    ("Мне кажется, ремонт моста на Речной идёт уже третий месяц.", "roads"),
])
def test_an_opinion_on_something_going_on_for_long_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


def test_an_opinion_that_states_a_fault_is_an_appeal() -> None:
    assert_routed("Мне кажется, в подъезде дома 7 по Лесной вообще не убирают, на лестнице грязь и окурки.",
                  "management_company")


@pytest.mark.parametrize("text", [
    "Спасибо за новый рейс автобуса до Озёрного, теперь не надо ждать на остановке по часу.",
    "Благодарю службу отлова: собаки месяц бегали стаей у садика, сейчас их нет, гуляем спокойно.",
])
def test_thanks_telling_how_things_are_since_the_fix_are_thanks(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


def test_thanks_turned_to_a_new_fault_now_is_an_appeal() -> None:
    assert_routed("Спасибо за ответ, но сейчас опять нет холодной воды в доме 5 по Лесной.", "water")


@pytest.mark.parametrize("text", [
    "Заявку про спил тополя у дома 6 прошу отозвать, сосед договорился с хозяином сам.",
    "Моё обращение о течи в подвале прошу закрыть, сантехник всё сделал.",
])
def test_a_withdrawal_naming_the_appeal_before_proshu_is_no_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "withdrawal"


def test_an_appeal_named_inside_a_fault_before_proshu_closes_nothing() -> None:
    assert_routed("По заявке 1234 на Лесной открытый люк так и стоит, прошу закрыть.", "roads")


def test_a_request_told_in_a_story_of_long_ago_asks_nothing_now() -> None:
    text = ("Двадцать лет назад на сходе все твердили, что котельную надо переносить из центра. Тогда не перенесли, "
            "потом про неё забыли.")
    assert assert_kept_from_departments(text).kind == "story"


def test_a_request_made_now_after_a_story_of_long_ago_is_an_appeal() -> None:
    assert_routed("Двадцать лет назад котельную построили прямо у школы. Надо её наконец перенести, дым идёт в классы.",
                  "heating")


@pytest.mark.parametrize(("text", "category"), [
    ("Дом 12 по Садовой после паводка просел, по стенам трещины, полгода ждём решения о признании аварийным.",
     "housing"),
    ("Уличный фонарь у подъезда мигает, то погаснет, то вспыхнет.", "lighting"),
    ("Переулок Тихий не чистили две недели, скорая не проедет к дому 4, мы откапываемся сами.", "snow"),
    ("Во дворе дома 9 машины стоят на газоне и у подъездов, скорая не может подъехать. Поставьте ограждение.",
     "yards"),
])
def test_residents_words_for_a_topic_named_by_its_consequence(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "kind"), [
    ("кто-нибудь знает, рейсовый автобус до Озёрского сегодня ходит или нет", "question"),
    ("Вопрос: кто чистит крышу от сосулек, управляющая компания или жильцы? Сосулек пока нет, хочу понимать заранее.",
     "question"),
    ("Пенсионер, ищу подработку — покос травы, уборка дворов, вывоз мусора на своей машине.", "job"),
])
def test_residents_ask_and_offer_in_their_own_words(text: str, kind: str) -> None:
    assert assert_kept_from_departments(text).kind == kind


def test_a_question_that_reports_no_supply_is_an_appeal() -> None:
    assert_routed("кто-нибудь знает, когда дадут воду? на Лесной 5 с утра нет воды", "water")


@pytest.mark.parametrize("text", [
    "Хочу отметить работу дворника нашего двора на Лесной: за всё лето ни одной жалобы, всегда подметено.",
    "Соседу в доме 4 наконец заменили трубы в подвале, которых он год не мог добиться. Рад за него, значит, "
    "обращения работают.",
])
def test_praise_of_work_with_no_problem_named_is_no_appeal(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "praise"


def test_gladness_beside_a_standing_fault_is_an_appeal() -> None:
    assert_routed("Рад, что ответили, но вода в подвале дома 4 по Лесной так и стоит, трубы текут.", "water")


@pytest.mark.parametrize("text", [
    "Мою пенсию с марта урезали на тысячу, хотя стаж не менялся. Проверьте, пожалуйста.",
    "Почему мне так и не проиндексировали пенсию? Разберитесь.",
    "Налоговый вычет за операцию в областной больнице так и не вернули, в налоговую не дозвониться.",
])
def test_the_writers_own_pension_or_a_tax_deduction_goes_to_an_operator_not_to_a_department(text: str) -> None:
    result = assert_triaged(text)
    assert any("another authority" in reason for reason in result.reasons), result


def test_a_town_benefit_for_pensioners_is_social_support() -> None:
    assert_routed("Пенсионерам с Лесной не выплатили компенсацию за уголь за прошлый сезон, прошу разобраться.",
                  "benefits")


@pytest.mark.parametrize("text", [
    "Чистка канализации и устранение засоров на дому. Выезжаем в любой район, работаем без выходных.",
    "Спил аварийных деревьев, вывоз веток, покос травы. Работаем круглосуточно, звоните.",
])
def test_a_business_offering_its_services_is_an_advert(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "spam"


def test_a_fault_that_names_a_house_is_no_advert() -> None:
    assert_routed("Сухое дерево у дома 5 по Лесной упало на дом, пробило крышу сарая, ветки висят на проводах. "
                  "Уберите, пожалуйста.", "greening")


def test_swings_are_the_yards_playground() -> None:
    assert_routed("Кто должен чинить качели у дома 4 по Лесной? Цепь оборвалась ещё в мае, сиденье лежит в луже.",
                  "yards")


def test_darkness_at_a_stop_is_lighting() -> None:
    assert_routed("Вечером на остановке у рынка темнота, люди ждут автобус и не видят, куда ступить.", "lighting")


def test_a_stop_without_a_timetable_is_public_transport() -> None:
    assert_routed("На остановке у рынка нет расписания автобусов, вечером люди ждут по часу.", "public_transport")


def test_a_shortage_in_a_proposal_of_something_new_is_the_want_it_answers() -> None:
    text = "Предлагаю поставить у поликлиники на Лесной крытые скамейки. Пожилым после приёма негде присесть."
    assert assert_kept_from_departments(text).kind == "proposal"


def test_a_proposal_beside_damage_is_an_appeal() -> None:
    assert_routed("Предлагаю поставить у дома 4 по Лесной новые скамейки: старые сломаны, сесть негде.", "yards")


def test_a_street_lamp_that_blinks_far_from_its_name_is_lighting() -> None:
    assert_routed("Фонарь на углу у аптеки третью ночь мигает, то погаснет, то загорится.", "lighting")


def test_blinking_light_in_a_flat_is_electricity() -> None:
    assert_routed("В квартире 12 дома 5 по Лесной весь вечер мигает свет и гаснет, напряжение скачет.", "electricity")


def test_a_problem_stated_before_the_question_word_is_stated_not_asked() -> None:
    assert_routed("У дома 8 по Лесной бродячая собака лает ночами и кидается на детей, кто должен её забрать?",
                  "animals")


def test_a_question_opening_with_its_question_word_asks() -> None:
    text = "Кто в нашем районе решает, почему соседская собака лает ночами и кидается на прохожих?"
    assert assert_kept_from_departments(text).kind == "question"


def test_thanks_turned_by_no_to_a_complaint_in_any_words_is_routed() -> None:
    assert_routed("Спасибо врачам городской больницы за операцию отца. Но условия в терапии ужасные: палаты по десять "
                  "человек, больные лежат в коридорах на раскладушках.", "healthcare")


# Round 10 (portal_dev9 opened for development): residents' words for asking.

def test_is_it_true_that_asks_about_a_rule() -> None:
    text = "А правда что теперь нельзя жечь листву на своём участке? Или это только в городе?"
    assert assert_kept_from_departments(text).kind == "question"


def test_no_claims_told_beside_a_question_states_no_fault() -> None:
    text = ("Скажите, из чего складывается тариф на вывоз мусора для частного дома? Претензий нет, интересуюсь "
            "для себя, как старшая по улице.")
    assert assert_kept_from_departments(text).kind == "question"


def test_just_wanting_to_understand_turns_why_into_a_question() -> None:
    text = "Почему плата за отопление в нашем посёлке считается по площади, а не по счётчику? Просто хочу понять."
    assert assert_kept_from_departments(text).kind == "question"


def test_why_with_a_fault_stays_an_appeal() -> None:
    assert_routed("Почему с Лесной, 4 вторую неделю не вывозят мусор? Хочу понять, кто за это отвечает.", "waste")


@pytest.mark.parametrize("text", [
    "Новая детская площадка у дома 7 просто супер, дети гуляют там до самого вечера!",
    "Водитель маршрутки №3 всегда вежливый, ждёт пожилых, помогает с сумками. Побольше бы таких.",
])
def test_super_and_polite_praise(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "praise"


def test_an_impolite_driver_is_a_complaint() -> None:
    assert_routed("Водитель автобуса №3 невежливый, грубит пассажирам и не ждёт пожилых на остановке.",
                  "public_transport")


def test_a_message_that_promises_a_reward_for_sending_it_on_is_a_chain_letter() -> None:
    text = ("Кто отправит это сообщение десяти знакомым, у того зимой не будет аварий на теплотрассе и батареи будут "
            "горячими. Проверено!")
    assert assert_kept_from_departments(text).kind == "chain"


def test_a_new_year_greeting_with_topic_wishes_is_a_greeting() -> None:
    """"Новым" capitalised is read as a street's name: the greeting is recognised as written."""
    text = "С Новым годом, Анива! Пусть в домах будет тепло, а на дорогах чисто!"
    assert assert_kept_from_departments(text).kind == "greeting"


def test_a_new_year_greeting_beside_a_fault_is_an_appeal() -> None:
    assert_routed("С Новым годом! На Лесной, 4 вторую неделю не греют батареи, в квартире плюс двенадцать.", "heating")


def test_a_fix_supposed_in_the_questions_condition_is_the_writers_plan() -> None:
    text = "Подскажите, будет ли перерасчёт за отопление, если заменить в квартире старые батареи на новые?"
    assert assert_kept_from_departments(text).kind == "question"


def test_asking_when_a_fix_comes_still_reports_a_fault() -> None:
    text = "Подскажите, когда будет ремонт дороги на Лесной? Обещали ещё летом."
    assert classify(text).kind == "appeal"


def test_a_fix_the_writer_means_to_do_themselves_asks_leave() -> None:
    text = "Можно ли самостоятельно обрезать ветки тополя, которые свисают над моим забором, или нужно разрешение?"
    assert assert_kept_from_departments(text).kind == "question"


def test_asking_whether_the_town_can_fix_it_reports_a_fault() -> None:
    text = "Можно ли обрезать ветки тополя у дома 4 по Лесной? Они лежат на проводах."
    assert classify(text).kind == "appeal"


@pytest.mark.parametrize("text", [
    "Прилагаю фото, это тот самый колодец во дворе.",
    "Прилагаю фото к заявке про колодец на Лесной.",
    "Кв. 42, второй подъезд, этаж 7.",
])
def test_a_short_follow_up_that_only_attaches_or_adds_details_is_a_reply(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "reply"


@pytest.mark.parametrize("text", [
    "Прилагаю фото: люк во дворе открыт, ребёнок чуть не упал.",
    "Кв. 42, второй подъезд, нет света.",
])
def test_a_follow_up_that_states_a_fault_is_an_appeal(text: str) -> None:
    assert classify(text).kind == "appeal"


def test_a_tradesman_telling_his_experience_and_a_discount_is_an_advert() -> None:
    text = "Замена труб отопления и батарей, сварка. Опыт 15 лет. Скидка многодетным."
    assert assert_kept_from_departments(text).kind == "spam"


@pytest.mark.parametrize("text", [
    "Прошу прислать схему новых автобусных маршрутов по городу, которую показывали на публичных слушаниях.",
    "Прошу направить мне на почту копию акта осмотра нашей дороги после ремонта.",
])
def test_a_plan_or_a_copy_asked_for_is_a_request_for_a_document(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "question"


def test_having_no_complaint_states_no_fault() -> None:
    text = ("Прошу разъяснить, обязан ли собственник частного дома сам чистить канаву вдоль своего забора. "
            "Спрашиваю для соседей, жалобы не имею.")
    assert assert_kept_from_departments(text).kind == "question"


def test_no_regret_and_a_concessive_ni_state_no_fault_in_an_opinion() -> None:
    text = "Голосовала за платные парковки в центре и не жалею: машин у школы стало меньше, кто бы что ни писал."
    assert assert_kept_from_departments(text).kind == "opinion"


def test_a_new_problem_told_since_the_fix_after_thanks_is_an_appeal() -> None:
    text = ("Спасибо, что засыпали яму у магазина на Лесной. Теперь вся вода стекает к нам во двор, у подъезда "
            "лужа по щиколотку.")
    assert classify(text).kind == "appeal"


def test_how_well_things_are_since_the_fix_stays_thanks() -> None:
    text = "Спасибо, что засыпали яму у магазина на Лесной. Теперь не надо обходить её по газону."
    assert assert_kept_from_departments(text).kind == "thanks"


def test_an_opinion_turned_by_but_after_its_own_clause_is_an_appeal() -> None:
    text = ("Я за то, чтобы у нас было больше детских площадок, но площадку у дома 4 по Лесной поставили и бросили: "
            "горка сломана, сетка на заборе порвана.")
    assert classify(text).kind == "appeal"


def test_an_opinion_whose_and_joins_its_own_words_stays_an_opinion() -> None:
    text = "Это не жалоба, просто наболело: тарифы растут каждый год, а зарплаты в посёлке не растут."
    assert assert_kept_from_departments(text).kind == "opinion"


def test_a_puddle_in_a_yard_is_the_yards() -> None:
    assert_routed("Во дворе дома 12 по Лесной после дождя лужа на весь проезд, из подъезда не выйти, засыпьте щебнем.",
                  "yards")


def test_a_puddle_on_a_street_is_the_roads() -> None:
    assert_routed("На улице Лесной у дома 12 после дождя лужа на всю проезжую часть, засыпьте щебнем.", "roads")


def test_not_now_in_a_proposal_for_the_future_is_no_fault() -> None:
    text = "Идея на будущее: проложить велодорожку вдоль набережной. Ясно, что не сейчас, но в планах стоит держать."
    assert assert_kept_from_departments(text).kind == "proposal"


@pytest.mark.parametrize("text", [
    "Продаю уголь каменный и берёзовые дрова, привезу к дому. Цена договорная.",
    "Продам щебень и песок для подсыпки дорог, цена договорная, самовывоз с Лесной 3.",
])
def test_selling_in_the_first_person_or_at_a_price_to_agree_is_an_advert(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "spam"


def test_residents_telling_what_is_sold_to_them_is_no_advert() -> None:
    assert_routed("В киоске на Лесной продают дрова сырыми, вся котельная в дыму, жильцы задыхаются.", "heating")


@pytest.mark.parametrize("text", ["Дом 7б, кв. 12, домофон 12К.", "Корпус 2а, подъезд 4, этаж 9"])
def test_a_reply_of_numbers_with_their_letters_is_a_follow_up(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "reply"


@pytest.mark.parametrize("text", [
    "Спасибо за ремонт лестницы в подъезде, стало чисто. Одна просьба: покрасьте перила, краска облезла.",
    "Благодарю за новые скамейки в сквере на Садовой. Просьба к вам: поставьте там же урны.",
])
def test_a_request_beside_thanks_asks_for_new_work(text: str) -> None:
    assert classify(text).kind == "appeal"


@pytest.mark.parametrize("text", [
    "Спасибо водителю автобуса № 5, который помог маме подняться в салон. Передайте ему благодарность.",
    "Спасибо, что спилили сухой тополь у дома 3, и пень выкорчевали.",
])
def test_thanks_relayed_or_telling_what_was_done_stays_thanks(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "thanks"


@pytest.mark.parametrize("text", [
    "Яму у подъезда на Лесной засыпали сами жильцы. Можно закрыть.",
    "Свет в доме 4 дали вечером, всё работает, можно снять.",
])
def test_leave_to_close_ending_a_message_withdraws_it(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "withdrawal"


def test_asking_whether_something_may_be_closed_is_no_withdrawal() -> None:
    assert classify("На Лесной у дома 4 открытый колодец, дети бегают рядом, можно закрыть?").kind != "withdrawal"


@pytest.mark.parametrize("text", [
    "Хочу отметить работу соцзащиты на Садовой: очереди нет, компенсацию оформили за 15 минут.",
    "Спасибо регистратуре поликлиники на Лесной, очередей нет, к терапевту записывают на следующий день.",
])
def test_no_queue_in_praise_or_thanks_is_no_complaint(text: str) -> None:
    assert_kept_from_departments(text)


def test_a_queue_complained_of_stays_an_appeal() -> None:
    assert_routed("В поликлинике на Лесной очередь к терапевту по три часа, талонов нет, запись не работает.",
                  "healthcare")


@pytest.mark.parametrize("text", [
    "Прошу починить тротуар от остановки до больницы, плитка шатается, люди спотыкаются.",
    "Прошу отремонтировать тротуар от аптеки до больницы, плитка разбита.",
])
def test_the_ends_of_a_stretch_say_where_it_runs(text: str) -> None:
    assert_routed(text, "roads")


def test_a_sender_named_after_from_stays_the_topic() -> None:
    assert_routed("Пришло письмо от поликлиники, что запись к хирургу до марта закрыта, талонов нет.", "healthcare")


@pytest.mark.parametrize("text", [
    "Сообщаю: на чердаке дома 8 по Лесной капает с крыши, стропила гнилые. Прошу починить.",
    "Сообщаю: в подъезде дома 3 по Садовой лампочки перегорели, перила шатаются. Просим заменить.",
])
def test_a_report_opened_by_soobshchayu_describing_a_problem_and_asking_is_an_appeal(text: str) -> None:
    assert classify(text).kind == "appeal"


def test_a_reply_with_nothing_to_add_stays_a_reply() -> None:
    text = "Отвечаю на ваш вопрос: подъезд второй, код домофона 12. Больше добавить нечего."
    assert assert_kept_from_departments(text).kind == "reply"


def test_the_writers_own_verb_keeps_a_thank_you_told_in_the_past() -> None:
    text = "Хочу поблагодарить учителей школы №3 за выпускной вечер, дети были счастливы, а мы, мамы, плакали."
    assert assert_kept_from_departments(text).kind == "thanks"


@pytest.mark.parametrize("text", [
    "Спасибо за уборку двора на Лесной, а мусор с контейнерной площадки так и не вывезли.",
    "Хочу поблагодарить за новый асфальт на Садовой, а яму у дома 5 до сих пор не засыпали.",
])
def test_something_still_undone_after_thanks_is_a_complaint(text: str) -> None:
    assert classify(text).kind == "appeal"


# Twelfth round (branch tune16k): rules developed on portal_dev11, each case fails without its rule.

@pytest.mark.parametrize("text", [
    "Помню, в 87-м зимой на Школьной перемёрзли трубы, неделю сидели без тепла, грелись у печки.",
    "Отец в 70-х работал на водозаборе, зимой долбили лёд у трубы, воды в домах не было по три дня.",
])
def test_a_year_of_the_last_century_written_short_marks_a_story_of_long_ago(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "story"


@pytest.mark.parametrize(("text", "category"), [
    ("С 80-х крышу дома 5 по Лесной не ремонтировали, в подъезд течёт с потолка.", "management_company"),
    ("На 63-м маршруте автобус вчера не пришёл, люди мёрзли на остановке час.", "public_transport"),
])
def test_a_short_number_that_is_no_year_before_now_tells_no_story(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "Бабушка в 1962 году сажала тополя вдоль Школьной, а мы с братом носили им вёдра с водой.",
    "Отец в 70-х водил первый автобус до Озёрного, его весь посёлок знал по имени.",
])
def test_a_memory_naming_no_fault_and_told_in_the_past_is_a_story(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "story"


def test_a_matter_since_a_year_long_ago_told_in_the_present_goes_on() -> None:
    assert_routed("Стоим в очереди на расселение с 2012 года, так и живём в бараке на Лесной.", "housing")


@pytest.mark.parametrize("text", [
    "С Днём энергетика! Пусть в наших домах никогда не гаснет свет.",
    "Поздравляем водоканал с праздником! Желаем, чтобы трубы не лопались и прорывов не было.",
])
def test_a_greetings_wish_hopes_a_fault_away_it_states_none(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "greeting"


def test_a_greeting_beside_a_fault_outside_its_wishes_is_an_appeal() -> None:
    assert_routed("С праздником! Пусть всё будет хорошо. А у нас в доме 5 по Лесной третий день нет воды.", "water")


@pytest.mark.parametrize("text", [
    "Ветку с дороги на Садовой убрали сами, помощь не нужна. Закройте заявку.",
    "Аннулируйте, пожалуйста, моё обращение про свет в подъезде, электрик уже всё сделал.",
])
def test_an_imperative_to_close_the_writers_appeal_withdraws_it(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "withdrawal"


def test_an_imperative_to_close_a_hatch_named_in_an_appeal_is_an_appeal() -> None:
    assert_routed("По заявке 1234 на Лесной открытый люк так и стоит, закройте.", "roads")


@pytest.mark.parametrize(("text", "category"), [
    ("Когда доделают спортзал в школе №2? Ремонт идёт уже третий месяц, дети занимаются в коридоре.", "schools"),
    ("Подскажите, кто отвечает за автобус до Озёрного? Ходим пешком четвёртый день.", "public_transport"),
])
def test_a_question_beside_something_going_on_for_long_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize(("text", "category"), [
    ("Водопровод на Речной провели в 1985 году. Напора нет, трубы сгнили.", "water"),
    ("Котельную на Школьной построили в 1979 году. Тепла в домах нет, трубы прогнили.", "heating"),
])
def test_something_missing_now_after_a_year_long_ago_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


def test_thanks_telling_what_is_missing_since_the_fix_stay_thanks() -> None:
    text = "Спасибо сантехникам: ночью прорвало трубу на Лесной, к утру заварили, теперь течи нет."
    assert assert_kept_from_departments(text).kind == "thanks"


@pytest.mark.parametrize("text", [
    "Поскорее бы лето, надоело ходить в пуховике.",
    "Скоро Новый год, а настроения всё нет.",
])
def test_soon_names_no_ambulance(text: str) -> None:
    assert classify(text).category != "healthcare"


@pytest.mark.parametrize("text", [
    "Скорая ехала к соседке полтора часа, бабушка лежала на полу.",
    "Вызвали скорую в 8 вечера, приехали только к полуночи.",
])
def test_the_ambulance_is_healthcares(text: str) -> None:
    assert_routed(text, "healthcare")


@pytest.mark.parametrize("text", [
    "хахах, у нас снег с октября по июнь, лыжи круглый год",
    "автобус — лучший тренажёр для ног 😂",
    "дед на санках с горки во дворе катался, весь двор смотрел))",
])
def test_a_laugh_with_no_fault_no_complaint_and_no_address_is_a_joke(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "joke"


@pytest.mark.parametrize(("text", "category"), [
    ("контейнеры на Лесной третий день полные 😂", "waste"),
    ("когда уже на Садовой фонари починят))", "lighting"),
    ("ахаха, на Озёрной опять яма на яме, колесо пробил", "roads"),
])
def test_a_laugh_beside_a_fault_an_address_or_a_complaint_stays_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "А раньше у дома был сквер с клумбами, мы с бабушкой там гуляли по вечерам.",
    "Помню старую котельную за школой, зимой дымила на всю улицу, мы бегали греться к кочегару.",
])
def test_a_memory_with_no_fault_and_nothing_set_against_now_is_a_story(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "story"


@pytest.mark.parametrize(("text", "category"), [
    ("Раньше автобус 8 ходил каждые полчаса, теперь раз в полтора часа, люди мёрзнут на остановке.",
     "public_transport"),
    ("Помню, обещали заасфальтировать дорогу на Лесной, так и не сделали, ямы по колено.", "roads"),
])
def test_a_memory_set_against_now_or_stating_a_fault_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)


@pytest.mark.parametrize("text", [
    "тротуары у нас кошмарные, как обычно",
    "с вывозом мусора у нас каждую весну одно и то же",
])
def test_a_grumble_about_how_things_always_are_with_no_address_or_fault_is_an_opinion(text: str) -> None:
    assert assert_kept_from_departments(text).kind == "opinion"


@pytest.mark.parametrize(("text", "category"), [
    ("как обычно не вывезли контейнеры с Садовой, мусор по всей площадке", "waste"),
    ("как всегда на Лесной 12 не горит фонарь у подъезда", "lighting"),
])
def test_a_grumble_stating_a_fault_or_naming_an_address_is_an_appeal(text: str, category: str) -> None:
    assert_routed(text, category)
