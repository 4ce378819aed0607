"""One limit for every text field: said beside the field, refused whole, never cut."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets

import verbinding
from verbinding import drietrapsraket, limits
from verbinding.modules import afronding as closing
from verbinding.modules import connection
from verbinding.modules import kennismaken as intro
from verbinding.ui.fields import LimitNote, attach_limit_notes, item_class
from verbinding.workbook import Workbook

TOO_LONG = "woord " * 3333 + "xyz"  # 20,001 characters


def test_the_sample_is_one_over_the_limit():
    assert len(TOO_LONG) == limits.MAX_TEXT + 1


def test_models_keep_every_character():
    assert intro.clean_text(TOO_LONG) == TOO_LONG
    work = closing.ClosingWork()
    work.set_reflection("r" * 9_000)
    assert len(work.reflection) == 9_000
    rocket = drietrapsraket.RocketExercise()
    rocket.set_reflection("r" * 7_000)
    assert len(rocket.reflection) == 7_000
    assert connection.MAX_TEXT == closing.MAX_TEXT == limits.MAX_TEXT


def test_a_text_over_the_limit_is_refused_whole_and_the_rest_is_saved(data_home):
    wb = Workbook.open("limiet-1234")
    wb.set_module("kennismaken", {"dossier": "Hittestress", "description": "Eerste versie."})
    ok = wb.set_module("kennismaken", {"dossier": "Hittestress in de stad", "description": TOO_LONG})
    assert ok is False
    assert "20.000" in wb.notice
    saved = Workbook.open("limiet-1234").module("kennismaken")
    assert saved == {"dossier": "Hittestress in de stad", "description": "Eerste versie."}  # not cut, not lost
    exactly = "x" * limits.MAX_TEXT
    assert wb.set_module("kennismaken", {"dossier": "Hittestress in de stad", "description": exactly})
    assert Workbook.open("limiet-1234").module("kennismaken")["description"] == exactly


def test_a_ten_megabyte_paste_is_refused_the_same_way(data_home):
    wb = Workbook.open("limiet-plak")
    wb.set_module("afronding", {"name": "Sam", "reflection": "Kort."})
    assert wb.set_module("afronding", {"name": "Sam", "reflection": "p" * 10_000_000}) is False
    assert Workbook.open("limiet-plak").module("afronding") == {"name": "Sam", "reflection": "Kort."}
    on_disk = (data_home / "werkboeken" / "limiet-plak.json").stat().st_size
    assert on_disk < 10_000


def test_a_long_text_in_a_list_item_is_refused_for_that_item_only(data_home):
    wb = Workbook.open("limiet-lijst")
    items = [{"id": "a", "reasoning": "Oud."}, {"id": "b", "reasoning": ""}]
    wb.set_module("accountability", {"interests": items})
    wb.set_module("accountability", {"interests": [{"id": "a", "reasoning": TOO_LONG}, {"id": "b", "reasoning": "Nieuw."}]})
    assert Workbook.open("limiet-lijst").module("accountability")["interests"] == [
        {"id": "a", "reasoning": "Oud."}, {"id": "b", "reasoning": "Nieuw."}]


def test_the_note_beside_the_field_counts_down_and_then_refuses():
    field = widgets.Textarea()
    note = LimitNote(field)
    assert note.layout.display == "none"
    field.value = "x" * 19_000
    assert "19.000 van de 20.000" in note.value and note.layout.display is None
    field.value = TOO_LONG
    assert "te lang" in note.value and "20.001" in note.value and "verbinding-error" in note.value
    field.value = "kort"
    assert note.value == ""


def test_every_text_field_gets_its_note_also_in_rows_added_later():
    first = widgets.Text(description="Naam")
    rows = widgets.VBox([])
    root = widgets.VBox([first, widgets.HBox([rows])])
    attach_limit_notes(root)
    assert isinstance(root.children[1], LimitNote) and root.children[1].field is first
    later = widgets.Textarea(description="Waarom zo?")
    rows.children = [widgets.VBox([later])]
    row = rows.children[0]
    assert [type(c) for c in row.children] == [widgets.Textarea, LimitNote]
    rows.children = list(rows.children)  # a view that sets its rows again gets no second note
    assert len(row.children) == 2


def test_item_class_is_css_safe_and_stable():
    assert item_class("org:blauwe-wilg") == "verbinding-item-org-blauwe-wilg"
    assert item_class("naam:huurders vereniging") == item_class("naam:huurders vereniging")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", item_class('x"><script>'))


def test_the_page_refuses_long_pastes_at_the_same_limit():
    script = (Path(verbinding.__file__).parent / "voila_template" / "verbinding" / "verbinding.js.j2").read_text()
    assert f"const MAX_TEXT = {limits.MAX_TEXT};" in script
