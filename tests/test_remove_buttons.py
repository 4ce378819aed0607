"""Remove buttons say in full what they remove (a learner's walk at 1366x768: "Verwijder
koppeling Bewonerscomité Blauwe Dijk bij Waterveiligheid en wat…"). One helper makes them
for every module (ui/layout.py), and the template lets their label wrap."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("ipywidgets")

from verbinding.cases import load_case
from verbinding.modules.outreach.view import OutreachExercise
from verbinding.ui.layout import MAX_REMOVE_LABEL, REMOVE_CLASS, remove_button
from verbinding.workbook import Workbook

TEMPLATE = Path(__file__).resolve().parents[1] / "widgets/verbinding/voila_template/verbinding/verbinding.css.j2"


def test_the_helper_keeps_the_whole_label_and_marks_the_button():
    label = "Verwijder koppeling Bewonerscomité Blauwe Dijk bij Waterveiligheid en wateroverlast"
    button = remove_button(label)
    assert button.description == label and button.tooltip == label
    assert REMOVE_CLASS in button._dom_classes
    long = remove_button("Verwijder voorstel " + "heel lang " * 40)
    assert len(long.description) == MAX_REMOVE_LABEL and long.tooltip.endswith("lang")


def test_the_template_lets_a_remove_label_wrap():
    css = TEMPLATE.read_text(encoding="utf-8")
    rule = css.split(f".jupyter-widgets.widget-button.{REMOVE_CLASS}", 1)[1].split("}", 1)[0]
    assert "overflow: visible" in rule and "text-overflow: clip" in rule


def test_outreach_links_dimensions_and_proposals_name_what_they_remove(data_home):
    case = load_case("klimaatadaptatie")
    ex = OutreachExercise(SimpleNamespace(workbook=Workbook.open("leerling-knop", home=data_home), case=case))
    name = max(case.organisations["name"], key=len)
    ex.link_dimension.value = "water"
    ex.link_org.value = name
    ex.link_add.click()
    (button,) = ex.remove_link_buttons.values()
    assert button.description == f"Verwijder koppeling {name} bij Waterveiligheid en wateroverlast"
    assert REMOVE_CLASS in button._dom_classes
    assert all(REMOVE_CLASS in b._dom_classes and not b.description.endswith("…")
               for b in ex.dimension_step.remove_dim_buttons.values())
