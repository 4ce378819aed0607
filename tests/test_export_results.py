"""The export holds everything the learner did (issue 25 item 3): knowledge-check results
(first answers), the drietrapsraket, and the work on a case chosen before."""

from __future__ import annotations

from verbinding.cases import course_cases
from verbinding.export import workbook_markdown
from verbinding.quiz import KnowledgeCheckModel
from verbinding.workbook import Workbook


def test_export_holds_checks_rocket_and_the_other_case(data_home):
    wb = Workbook.open("export-all", home=data_home)
    wb.case = "klimaatadaptatie"
    check = KnowledgeCheckModel.load("drempels")
    first, second = check.items[:2]
    wrong = next(i for i in range(1, len(first.options) + 1) if i != first.right)
    check.answer(first.id, wrong)
    check.answer(first.id, first.right)  # locked: the first answer counts
    check.answer(second.id, second.right)
    wb.set_module("drempels", {
        "kennischeck": check.to_dict(),
        "drietrapsraket": {"group": "burgers", "guesses": {"1": "yes", "2": "no", "3": "unsure"},
                           "revealed": True, "reflection": "Ik nodig zelf huurders uit."},
    })
    wb.set_module("outreach", {"dimensions": [{"id": "eigen-a", "name": "Waterveiligheid", "why": "Dijken.",
                                               "origin": "learner"}]})
    wb.case = "vergrijzing"
    wb.set_module("outreach", {"dimensions": [{"id": "eigen-b", "name": "Eenzaamheid", "why": "Ouderen.",
                                               "origin": "learner"}]})
    md = workbook_markdown(wb)
    assert "Kennischeck" in md
    assert "1 van de 2 beantwoorde vragen goed;" in md and "Bij elke vraag telt je eerste antwoord." in md
    assert f"niet goed; goed is: {first.right_text}" in md
    assert "Drietrapsraket" in md and "Gevolgde groep: belangengroepen van burgers." in md
    assert "Trap 2, je schatting: nee" in md
    assert "Wat de gegevens van de casus zeggen:" in md and "Ik nodig zelf huurders uit." in md
    titles = dict(course_cases())
    assert f"Je werk aan de andere casus: {titles['klimaatadaptatie']}" in md
    assert "Eenzaamheid" in md and "Waterveiligheid" in md
    assert md.index("Eenzaamheid") < md.index("Je werk aan de andere casus") < md.index("Waterveiligheid")


def test_no_check_no_rocket_no_other_case_adds_nothing(data_home):
    wb = Workbook.open("export-little", home=data_home)
    wb.set_module("kennismaken", {"dossier": "Stikstof"})
    md = workbook_markdown(wb)
    assert "Kennischeck" not in md and "Drietrapsraket" not in md and "andere casus" not in md
