"""Knowledge checks and the drietrapsraket exercise: models, views, kept in the workbook."""

from __future__ import annotations

import html
from types import SimpleNamespace

import pytest

from verbinding import quiz
from verbinding.cases import load_course_case
from verbinding.drietrapsraket import RocketExercise, measure
from verbinding.quiz import KnowledgeCheckModel, QuizError, questions, result
from verbinding.workbook import Workbook

MODULES = ["drempels", "outreach", "connection", "accountability", "eigen_dossier", "echte_agendas"]


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_has_a_few_questions_with_explanations(module_id):
    items = questions(module_id)
    assert 2 <= len(items) <= 5
    for item in items:
        assert len(item.options) >= 2 and item.explanation


def test_answers_are_scored_and_explained():
    model = KnowledgeCheckModel.load("drempels")
    first, second = model.items[:2]
    wrong = next(i for i in range(1, len(first.options) + 1) if i != first.right)
    text = model.answer(first.id, wrong)
    assert text.startswith("Niet goed.") and first.right_text in text and first.explanation in text
    assert model.answer(second.id, second.right).startswith("Goed.")
    assert model.correct == 1
    open_ = len(model.items) - 2
    assert model.summary() == f"1 van de 2 beantwoorde vragen goed; {open_} {'vraag' if open_ == 1 else 'vragen'} nog open."
    again = KnowledgeCheckModel.load("drempels", {"answers": {**model.to_dict()["answers"], "onbekend": 2, second.id: 99}})
    assert again.answers == {first.id: wrong}, "unknown questions and bad numbers are dropped"
    assert result({"kennischeck": model.to_dict()}) == (2, 1, len(model.items))
    assert result({}) is None


def test_the_right_answer_in_feedback_ends_with_one_full_stop():
    with_stop = quiz.Question("a", "Vraag?", ("Fout.", "Goed antwoord."), 2, "Uitleg.")
    without = quiz.Question("b", "Vraag?", ("Fout", "Goed antwoord"), 2, "Uitleg.")
    asked = quiz.Question("c", "Vraag?", ("Fout", "Wie zat er aan tafel?"), 2, "Uitleg.")
    model = KnowledgeCheckModel("drempels", [with_stop, without, asked])
    assert model.answer("a", 1) == "Niet goed. Het goede antwoord is: Goed antwoord. Uitleg."
    assert model.answer("b", 1) == "Niet goed. Het goede antwoord is: Goed antwoord. Uitleg."
    assert model.answer("c", 1) == "Niet goed. Het goede antwoord is: Wie zat er aan tafel? Uitleg."
    for module_id in MODULES:
        real = KnowledgeCheckModel.load(module_id)
        for item in real.items:
            wrong = next(i for i in range(1, len(item.options) + 1) if i != item.right)
            assert ".." not in real.answer(item.id, wrong)


def test_a_broken_trainer_edit_is_reported(edit_texts):
    edit_texts("quiz.yaml", lambda data: data["modules"]["drempels"][0].__setitem__("goed", 9))
    with pytest.raises(QuizError, match="nummer van een optie"):
        questions("drempels")
    assert quiz.has_questions("drempels") and not quiz.has_questions("kennismaken")


def test_kennischeck_survives_the_module_saving_its_own_work(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.drempels.view import BarriersExercise
    from verbinding.ui.quiz import KnowledgeCheck

    case = load_course_case("klimaatadaptatie")
    page = SimpleNamespace(workbook=Workbook.open("quiz-1", home=data_home), case=case)
    view = BarriersExercise(page)
    check = next(c for c in view.children if isinstance(c, KnowledgeCheck))
    item = check.model.items[0]
    check.radios[item.id].value = item.right
    assert "Goed." in html.unescape(check.feedbacks[item.id].value)
    view.dossier.value = "Hittestress"  # the module saves its own model
    state = page.workbook.module("drempels")
    assert state["kennischeck"]["answers"] == {item.id: item.right}
    assert state["kennischeck"]["correct"] == 1
    reopened = BarriersExercise(SimpleNamespace(workbook=Workbook.open("quiz-1", home=data_home), case=case))
    again = next(c for c in reopened.children if isinstance(c, KnowledgeCheck))
    assert again.radios[item.id].value == item.right
    assert "1 van de 1 beantwoorde vraag goed" in html.unescape(again.score.value)


def test_drietrapsraket_in_the_builtin_cases():
    case = load_course_case("klimaatadaptatie")
    steps = measure(case, "burgers")
    assert [s.behind for s in steps] == [True, True, True], "citizen groups are behind at every step"
    union = measure(case, "vakbond")
    assert union[0].behind is False, "unions are well organised: the learner can be wrong"
    model = RocketExercise.from_dict({"group": "burgers", "guesses": {"1": "yes", "2": "no", "3": "unsure", "9": "yes"}})
    assert model.guesses == {"1": "yes", "2": "no", "3": "unsure"}
    lines = model.feedback(steps)
    assert "goed geschat" in lines[0] and "anders geschat" in lines[1] and "niet zeker" in lines[2]
    assert lines[0].startswith("Van de belangengroepen van burgers heeft")
    assert "alle drie de trappen" in model.conclusion(steps)


def test_drietrapsraket_view_guess_reveal_and_keep(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.drempels.view import BarriersExercise
    from verbinding.ui.drietrapsraket import RocketView

    case = load_course_case("vergrijzing")
    page = SimpleNamespace(workbook=Workbook.open("raket-1", home=data_home), case=case)
    view = BarriersExercise(page)
    rocket = next(c for c in view.children if isinstance(c, RocketView))
    rocket.group.value = "ngo"
    rocket.reveal.click()
    assert "Schat eerst" in html.unescape(rocket.result.value)
    for box in rocket.guesses.values():
        box.value = "yes"
    rocket.reveal.click()
    shown = html.unescape(rocket.result.value)
    assert "Van de maatschappelijke organisaties heeft" in shown and "Toegang is geen invloed" in shown
    rocket.reflection.value = "Zelf uitnodigen"
    view.dossier.value = "Mijn dossier"
    saved = page.workbook.module("drempels")["drietrapsraket"]
    assert saved == {"group": "ngo", "guesses": {"1": "yes", "2": "yes", "3": "yes"}, "revealed": True,
                     "reflection": "Zelf uitnodigen"}


def test_class_results_for_a_trainer():
    first, second, third = questions("drempels")[:3]
    wrong_first = next(i for i in range(1, len(first.options) + 1) if i != first.right)
    learners = [
        # two right; the stored "correct" (99) is a hand edit and not trusted
        {"drempels": {"kennischeck": {"answers": {first.id: first.right, second.id: second.right},
                                      "correct": 99, "total": 3}}},
        {"drempels": {"kennischeck": {"answers": {first.id: wrong_first, third.id: 99, "weg": 1}}}},
        {"outreach": {}},
        "kapot",
    ]
    rows = quiz.class_results(learners, ["drempels", "outreach"])
    drempels, outreach = rows
    assert drempels["learners"] == 2 and drempels["answered"] == 3, "an answer outside the options is not counted"
    assert drempels["share_right"] == 2 / 3
    assert drempels["hardest"] == first.question and drempels["hardest_wrong"] == 1
    assert outreach["learners"] == 0 and outreach["share_right"] is None and outreach["hardest"] is None


def test_later_modules_ask_an_earlier_idea_again():
    """Spaced retrieval: each module from 2 on repeats one question of an earlier module."""
    order = ["drempels", "outreach", "connection", "accountability", "eigen_dossier", "echte_agendas"]
    for module_id in order[1:]:
        recalled = [item for item in questions(module_id) if item.recall_from]
        assert recalled, module_id
        for item in recalled:
            assert order.index(item.recall_from) < order.index(module_id)
            original = next(q for q in questions(item.recall_from) if q.id == item.id)
            assert (item.question, item.options, item.right) == (original.question, original.options, original.right)
    assert not any(item.recall_from for item in questions("drempels"))


def test_a_recall_answer_counts_in_the_later_modules_own_score():
    model = KnowledgeCheckModel.load("outreach")
    recalled = next(item for item in model.items if item.recall_from == "drempels")
    model.answer(recalled.id, recalled.right)
    assert model.to_dict() == {"answers": {recalled.id: recalled.right}, "correct": 1, "total": len(model.items)}


def test_a_trainers_recall_list_with_an_unknown_id_is_reported_in_dutch(edit_texts):
    edit_texts("quiz.yaml", lambda data: data["herhaling"].__setitem__("outreach", ["drempels-typfout"]))
    with pytest.raises(QuizError, match="'drempels-typfout'.*geen vraag van een andere module"):
        questions("outreach")


def test_the_check_marks_a_recall_question_with_its_module(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.ui.quiz import KnowledgeCheck

    check = KnowledgeCheck(SimpleNamespace(workbook=Workbook.open("quiz-recall", home=data_home)), "accountability")
    text = " ".join(getattr(child, "value", "") for child in check.children if isinstance(getattr(child, "value", None), str))
    assert "Herhaling uit 1. Drempels" in text


def test_check_texts_reports_a_broken_recall_list(edit_texts):
    from verbinding.texts import TEXTS_DIR, check_texts, language

    edit_texts("quiz.yaml", lambda data: data["herhaling"].__setitem__("connection", ["bestaat-niet"]))
    assert any("'bestaat-niet'" in problem for problem in check_texts(TEXTS_DIR / language()))


def test_the_first_answer_counts_and_locks(data_home):
    """Walk finding: answers could be changed after the right answer was shown, and module 7
    then said '3 van de 3 goed' although the first answers were wrong."""
    from verbinding.ui.quiz import KnowledgeCheck

    model = KnowledgeCheckModel.load("drempels")
    item = model.items[0]
    wrong = next(i for i in range(1, len(item.options) + 1) if i != item.right)
    first = model.answer(item.id, wrong)
    assert model.answer(item.id, item.right) == first, "a second choice changes nothing"
    model.answer(item.id, None)
    assert model.answers == {item.id: wrong} and model.correct == 0

    page = SimpleNamespace(workbook=Workbook.open("quiz-lock", home=data_home))
    check = KnowledgeCheck(page, "drempels")
    radio = check.radios[item.id]
    assert not radio.disabled
    radio.value = wrong
    assert radio.disabled, "the answer locks once the feedback shows the right answer"
    assert "je eerste keuze telt" in html.unescape(check.feedbacks[item.id].value)
    radio.value = item.right  # a stale front end may still send a change
    assert radio.value == wrong
    saved = page.workbook.module("drempels")["kennischeck"]
    assert saved["answers"] == {item.id: wrong} and saved["correct"] == 0
    assert result({"kennischeck": saved}) == (1, 0, len(check.model.items))
    again = KnowledgeCheck(SimpleNamespace(workbook=Workbook.open("quiz-lock", home=data_home)), "drempels")
    assert again.radios[item.id].disabled and again.radios[item.id].value == wrong


def test_the_score_counts_only_answered_questions():
    """Walk findings: after one answer '0 van de 3'; 3 of 4 answered right and one open:
    '3 van de 4 vragen goed beantwoord'."""
    assert quiz.score_text(1, 0, 3) == "0 van de 1 beantwoorde vraag goed; 2 vragen nog open"
    assert quiz.score_text(3, 3, 4) == "3 van de 3 beantwoorde vragen goed; 1 vraag nog open"
    assert quiz.score_text(4, 3, 4) == "3 van de 4 vragen goed (alle vragen beantwoord)"
    model = KnowledgeCheckModel.load("drempels")
    first = model.items[0]
    model.answer(first.id, first.right)
    assert model.summary().startswith("1 van de 1 beantwoorde vraag goed; ")
