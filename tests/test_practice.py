"""Module 6 back to practice: the learner's own dossier in their ministry's agenda."""

from __future__ import annotations

import html

import pytest

from verbinding.modules.echte_agendas import AgendaRegister, export_blocks, practice_dossier, practice_feedback
from verbinding.workbook import Workbook


def test_feedback_asks_for_what_a_good_answer_has():
    assert practice_feedback("")[0].startswith("Schrijf een paar zinnen")
    short = practice_feedback("Veel gesprekken")
    assert any("concreter" in line for line in short) and any("níet" in line for line in short)
    assert any("alleen gesprekken van bewindspersonen" in line for line in short)
    good = practice_feedback(
        "In de agenda zouden twee gesprekken met de branche en een werkbezoek bij een gemeente staan. "
        "Huurders zouden ontbreken, en onze eigen gesprekken als ambtenaren staan er niet in.")
    assert good[0].startswith("Je noemt wie er zou staan") and "Toegang is geen invloed" in good[-1]
    assert any("gesprekken van ambtenaren" in line for line in good)


def test_named_organisations_count_as_who_would_be_on_the_agenda():
    # The walk: 'Welke soorten organisaties zouden er staan?' to a learner who named four.
    text = ("Ik verwacht gesprekken met LTO, Natuurmonumenten, IPO en Bouwend Nederland over de gebiedsplannen. "
            "De omwonenden rond Natura 2000 zouden ontbreken.")
    asked = "Welke organisaties zouden er staan?"
    assert not any(asked in line for line in practice_feedback(text))
    # the same answer without the names (and no kind of organisation) is still asked
    nameless = "Ik verwacht gesprekken over de gebiedsplannen, veel en vaak. De omwonenden zouden ontbreken."
    assert any(asked in line for line in practice_feedback(nameless))


def test_the_own_register_is_pointed_to_in_module_5():
    # The walk: 'Een eigen register per dossier (module 3)': the own register is module 5's workbench.
    lines = practice_feedback("Onze ambtenaren spreken de bedrijven, maar de bewoners niet, en dat staat nergens.")
    lines += practice_feedback("Bedrijven wel, huurders niet.")
    register = [line for line in lines if "register per dossier" in line]
    assert len(register) == 2 and all("module 5" in line and "module 3" not in line for line in register)


def test_dossier_title_is_taken_from_earlier_modules():
    assert practice_dossier({"kennismaken": {"dossier": " Laadpalen "}}) == "Laadpalen"
    assert practice_dossier({"eigen_dossier": {"title": "Hitteplan"}, "kennismaken": {"dossier": "X"}}) == "Hitteplan"
    assert practice_dossier(None) == ""


def test_saved_and_exported():
    register = AgendaRegister.from_dict({"practice": "Bedrijven wel, huurders niet."})
    assert register.to_dict(with_snapshot=False)["practice"] == "Bedrijven wel, huurders niet."
    texts = [getattr(b, "text", "") for b in export_blocks(register.to_dict(with_snapshot=False))]
    assert "Mijn dossier in de agenda" in texts and "Bedrijven wel, huurders niet." in texts


def test_view_prompts_with_the_dossier_and_responds(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.echte_agendas.view import AgendaExercise

    wb = Workbook.open("praktijk-1")
    wb.set_module("kennismaken", {"dossier": "Laadpalen"})

    class Page:
        workbook = wb

    view = AgendaExercise(Page())
    assert "je eigen dossier 'Laadpalen'" in html.unescape(view.practice_prompt.value)
    view.practice.value = "Gemeenten wel, bewoners niet."
    assert wb.module("echte_agendas")["practice"] == "Gemeenten wel, bewoners niet."
    assert "alleen gesprekken van bewindspersonen" in html.unescape(view.practice_feedback.value)
    again = AgendaExercise(Page())
    assert again.practice.value == "Gemeenten wel, bewoners niet."
