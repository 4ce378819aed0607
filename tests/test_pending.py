"""Edits kept in the browser until saved: field keys, replay rules, and the kernel side of
the keeper (tagging, confirming, replaying) without a browser."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from verbinding import pending, session
from verbinding.limits import MAX_TEXT
from verbinding.ui.app import CourseApp
from verbinding.ui.keeper import text_fields
from verbinding.workbook import Workbook

COURSE = Path(__file__).resolve().parents[1] / "course"


# ----- pure rules ----------------------------------------------------------------------------

def test_a_field_key_names_module_and_place_and_reads_back():
    key = pending.field_key("eigen_dossier", (3, 0, 12))
    assert key == "eigen_dossier--3-0-12"
    assert pending.module_of(key) == "eigen_dossier"
    assert pending.field_class(key) == "verbinding-field--eigen_dossier--3-0-12"
    assert pending.KEY_PATTERN.match(key)
    with pytest.raises(ValueError):
        pending.field_key("outreach", ())


def test_text_hash_is_fnv1a_over_code_points():
    assert pending.text_hash("") == 0x811C9DC5
    assert pending.text_hash("a") == 0xE40C292C  # the published FNV-1a test vector
    assert pending.text_hash("zorg") != pending.text_hash("zorG")


def test_kept_means_empty_or_in_the_saved_state():
    state = {"why": "Zij  kennen\nde wijk", "parties": [{"name": "Regiotaxi", "note": ""}]}
    assert pending.is_kept("", state) and pending.is_kept("   ", state)
    assert pending.is_kept("Zij kennen de wijk", state), "whitespace aside"
    assert pending.is_kept("Regiotaxi", state)
    assert not pending.is_kept("Zij kennen de wijk goed", state)
    assert not pending.is_kept("Buurthuis", {})


def test_a_text_the_view_saves_as_a_list_counts_as_kept():
    """Module 0 keeps "Vaste gesprekspartners" as a list (a line or comma per partner,
    duplicates dropped): such a text is kept when each of its lines is (the save bar said
    "Bezig met opslaan" for good before)."""
    state = {"partners": ["VNG", "Woonbond", "Gemeente Rivierstad", "GGD"]}
    assert pending.is_kept("VNG\nWoonbond\n\nGemeente  Rivierstad, GGD\nvng", state)
    assert not pending.is_kept("VNG\nWoonbond\nBuurthuis", state), "a line not in the list yet"


@pytest.mark.parametrize(
    ("base", "current", "text", "expected"),
    [
        ("", "", "nieuw", ("nieuw", False)),  # nothing saved yet
        ("oud", "oud", "oud en nieuw", ("oud en nieuw", False)),  # only this browser changed it
        ("oud en meer", "oud en meer", "oud", ("oud", False)),  # a deletion is an edit too
        ("oud", "oud en nieuw", "oud en nieuw", ("oud en nieuw", False)),  # saved already
        ("oud", "oud en nieuw en meer", "oud en nieuw", ("oud en nieuw en meer", False)),
        ("", "begin", "begin en verder", ("begin en verder", False)),  # continued the saved text
        ("oud", "ander tabblad", "deze browser", ("ander tabblad\n\ndeze browser", True)),
    ],
)
def test_replay_takes_one_sided_changes_and_keeps_both_on_a_conflict(base, current, text, expected):
    assert pending.replay(base, current, text) == expected


def test_clean_edits_keeps_only_well_formed_entries():
    raw = {
        "outreach--3-1": {"text": "a", "base": ""},
        "outreach--3-2": {"text": "b"},
        "../etc--1": {"text": "x", "base": ""},
        "outreach--x": {"text": "x", "base": ""},
        "outreach--4": {"text": 5, "base": ""},
        "outreach--5": "tekst",
    }
    assert pending.clean_edits(raw) == {
        "outreach--3-1": {"text": "a", "base": ""}, "outreach--3-2": {"text": "b", "base": ""},
    }
    assert pending.clean_edits(["outreach--1"]) == {}
    many = {f"outreach--{i}": {"text": "x", "base": ""} for i in range(pending.MAX_REPLAY_FIELDS + 50)}
    assert len(pending.clean_edits(many)) == pending.MAX_REPLAY_FIELDS


# ----- the keeper in the kernel ----------------------------------------------------------------

def _app(code="keeper-1234", start="kennismaken") -> tuple[CourseApp, list[dict]]:
    app = CourseApp(Workbook.open(code), session.CodeChoice(code, False, None), start, COURSE)
    sent: list[dict] = []
    app.keeper.send = sent.append
    return app, sent


def _field(app: CourseApp, module_id: str, index: int = 0):
    box = app._views[module_id][1]
    path, field = list(text_fields(box))[index]
    return pending.field_key(module_id, path), field


def test_every_text_field_of_a_built_module_carries_its_key(data_home):
    app, _sent = _app()
    fields = list(text_fields(app._views["kennismaken"][1]))
    assert fields, "module 0 has text fields"
    for path, field in fields:
        assert pending.field_class(pending.field_key("kennismaken", path)) in field._dom_classes
    start = app._box_for_keeper("index", build=True)
    code_fields = [w for w in _all(start) if isinstance(w, widgets.Text) and "verbinding-unkept" in w._dom_classes]
    assert code_fields, "the code form's field is marked as no work"
    assert all(not any(c.startswith("verbinding-field--") for c in w._dom_classes) for w in code_fields)


def _all(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _all(child)


def test_a_typed_text_is_confirmed_only_once_it_is_in_the_workbook(data_home):
    app, sent = _app()
    key, field = _field(app, "kennismaken")
    field.value = "Hittestress in de wijk"
    assert pending.is_kept("Hittestress in de wijk", Workbook.open("keeper-1234").module("kennismaken"))
    confirmations = [m for m in sent if m["key"] == key]
    assert confirmations and pending.text_hash("Hittestress in de wijk") in confirmations[-1]["hashes"]


def test_a_text_not_saved_whole_is_not_confirmed_so_the_browser_keeps_it(data_home):
    app, sent = _app()
    key, field = _field(app, "kennismaken")
    field.value = "woord " * (MAX_TEXT // 6 + 1)  # over the one limit: refused, never cut
    assert not [m for m in sent if m["key"] == key and pending.text_hash(field.value) in m["hashes"]]


def test_a_refused_change_makes_the_save_bar_say_not_saved(data_home):
    app, sent = _app()
    key, field = _field(app, "kennismaken")
    savebar = next(w for w in _all(app) if "verbinding-savebar" in w._dom_classes)
    field.value = "Eerst opgeslagen"
    assert "opgeslagen om" in savebar.status.value
    assert not app.workbook.set_module("kennismaken", {"dossier": "x" * 20_001})
    assert app.workbook.unsaved
    assert "Niet opgeslagen" in savebar.status.value and "opgeslagen om" not in savebar.status.value
    sent.clear()
    field.value = "Daarna korter"  # the view saves the whole module again
    assert not app.workbook.unsaved and "opgeslagen om" in savebar.status.value
    assert any(m["key"] == key and pending.text_hash("Daarna korter") in m["hashes"] for m in sent)


def test_replay_after_a_lost_kernel_saves_kept_edits_in_a_module_not_yet_opened(data_home):
    app, _sent = _app()
    key, _field_now = _field(app, "kennismaken")
    # a fresh kernel (a reload): the module is built from the saved work, the edit replayed
    fresh, sent = _app(start="index")
    fresh.keeper.replay(pending.clean_edits({key: {"text": "Gezonde wijken", "base": ""}}))
    assert pending.is_kept("Gezonde wijken", Workbook.open("keeper-1234").module("kennismaken"))
    assert any(m["key"] == key and pending.text_hash("Gezonde wijken") in m["hashes"] for m in sent)


def test_replay_over_another_tabs_change_keeps_both_texts_and_says_so(data_home):
    app, _sent = _app()
    key, field = _field(app, "kennismaken")
    field.value = "Tekst uit het andere tabblad"
    fresh, sent = _app()
    fresh.keeper.replay({key: {"text": "Tekst uit deze browser", "base": ""}})
    saved = Workbook.open("keeper-1234").module("kennismaken")
    assert pending.is_kept("Tekst uit het andere tabblad", saved) and pending.is_kept("Tekst uit deze browser", saved)
    assert "ander tabblad" in fresh.workbook.notice
    assert any(m["key"] == key and pending.text_hash("Tekst uit deze browser") in m["hashes"] for m in sent)


# ----- list items: a kept edit belongs to its item, not to a place in the list ---------------

def _outreach(app: CourseApp):
    from verbinding.modules.outreach.view import OutreachExercise

    box = app._box_for_keeper("outreach", build=True)
    app.keeper.tag("outreach", box)
    return box, next(w for w in _all(box) if isinstance(w, OutreachExercise))


def _key_of(box, widget) -> str:
    return next(pending.field_key("outreach", path) for path, field in text_fields(box) if field is widget)


def _two_dimensions(app: CourseApp):
    box, ex = _outreach(app)
    for name in ("Hittestress", "Wateroverlast"):
        ex.dim_name.value = name
        ex.dim_add.click()
    first, second = ex.model.dimensions[-2:]
    assert (first.name, second.name) == ("Hittestress", "Wateroverlast")
    return box, ex, first, second


def _saved_whys(code: str = "keeper-1234") -> dict[str, str]:
    return {d["name"]: d["why"] for d in Workbook.open(code).module("outreach")["dimensions"]}


def test_a_list_items_field_keeps_its_key_when_an_item_before_it_goes(data_home):
    app, _sent = _app(start="outreach")
    box, ex, first, second = _two_dimensions(app)
    key = _key_of(box, ex.why_boxes[second.id])
    assert pending.in_list_item(key) and pending.KEY_PATTERN.match(key)
    assert key != _key_of(box, ex.why_boxes[first.id])
    ex.remove_dim_buttons[first.id].click()
    app.keeper.retag()
    assert _key_of(box, ex.why_boxes[second.id]) == key


def test_a_kept_edit_goes_to_its_own_item_after_another_tab_removed_the_one_before_it(data_home):
    app, _sent = _app(start="outreach")
    box, ex, first, second = _two_dimensions(app)
    key = _key_of(box, ex.why_boxes[second.id])  # the learner types here; the kernel goes
    other, _ = _app(start="outreach")  # another tab removes the first dimension
    _other_box, other_ex = _outreach(other)
    other_ex.remove_dim_buttons[first.id].click()
    fresh, sent = _app(start="outreach")  # the reload replays what the browser kept
    fresh.keeper.replay(pending.clean_edits({key: {"text": "Kelders lopen onder", "base": ""}}))
    whys = _saved_whys()
    assert "Hittestress" not in whys and whys["Wateroverlast"] == "Kelders lopen onder"
    assert [name for name, why in whys.items() if why] == ["Wateroverlast"]
    assert any(m["type"] == "saved" and m["key"] == key for m in sent)


def test_a_kept_edit_whose_item_another_tab_removed_is_shown_and_saved_nowhere(data_home):
    app, _sent = _app(start="outreach")
    box, ex, first, second = _two_dimensions(app)
    key = _key_of(box, ex.why_boxes[first.id])
    other, _ = _app(start="outreach")
    _other_box, other_ex = _outreach(other)
    other_ex.remove_dim_buttons[first.id].click()
    fresh, sent = _app(start="outreach")
    fresh.keeper.replay(pending.clean_edits({key: {"text": "Oude mensen in bovenwoningen", "base": ""}}))
    whys = _saved_whys()
    assert "Hittestress" not in whys and not any(whys.values()), "never in the item that took its place"
    orphaned = [m for m in sent if m["type"] == "orphaned" and m["key"] == key]
    assert orphaned and "Outreach" in orphaned[0]["intro"] and "weggehaald" in orphaned[0]["intro"]
    assert not [m for m in sent if m["type"] == "saved" and m["key"] == key]


def test_a_forms_draft_that_was_added_and_cleared_is_confirmed(data_home):
    """Typed in "Nieuwe dimensie", then added: the view empties the field and the text is in
    the saved list, so the browser drops its kept draft (it came back after a reload before)."""
    app, sent = _app(start="outreach")
    view = app._views["outreach"][1]
    name_field = next(w for w in _all(view) if isinstance(w, widgets.Text) and w.description == "Nieuwe dimensie")
    key = next(k for k, f in app.keeper._fields.items() if f is name_field)
    name_field.value = "Werken in de hitte"
    assert not [m for m in sent if m["type"] == "saved" and m["key"] == key
                and pending.text_hash("Werken in de hitte") in m["hashes"]], \
        "a draft not yet added stays kept in the browser"
    button = next(w for w in _all(view) if isinstance(w, widgets.Button) and w.description == "Dimensie toevoegen")
    button.click()
    assert name_field.value == ""
    assert any(m["type"] == "saved" and m["key"] == key and pending.text_hash("Werken in de hitte") in m["hashes"]
               for m in sent)


# ----- a click reads every typed character; an 'add' never writes over typing -------------------

def test_clean_values_keeps_only_well_formed_field_texts():
    raw = {"outreach--3-1": "Natuur", "Kapot": "x", "outreach--4": 7, 5: "y", "kennismaken--2": ""}
    assert pending.clean_values(raw) == {"outreach--3-1": "Natuur", "kennismaken--2": ""}
    assert pending.clean_values(["outreach--3"]) == {}


@pytest.mark.parametrize(("shown", "added", "expected"), [
    ("Natuurmonumenten", "Natuurmonumenten", ""),  # still just the added text: empty
    ("NatuurmonumentenGez", "Natuurmonumenten", "Gez"),  # the next one typed already: it stays
    ("Gez", "Natuurmonumenten", None),  # changed otherwise (emptied by hand, retyped): left alone
    ("Natuur", "Natuurmonumenten", None),
])
def test_after_clear_removes_only_the_added_text(shown, added, expected):
    assert pending.after_clear(shown, added) == expected


def _dimension_form(app: CourseApp):
    view = app._views["outreach"][1]
    name_field = next(w for w in _all(view) if isinstance(w, widgets.Text) and w.description == "Nieuwe dimensie")
    button = next(w for w in _all(view) if isinstance(w, widgets.Button) and w.description == "Dimensie toevoegen")
    key = next(k for k, f in app.keeper._fields.items() if f is name_field)
    return name_field, button, key


def test_a_click_reads_the_text_the_browser_sent_before_it_not_an_older_keystroke(data_home):
    """On a busy kernel ipywidgets held back the field's last updates and the click overtook
    them: "Woningbouw en infrastructuur" was added as "...infrastructu" (a learner's walk).
    The keeper sends the field's text just before the click; the kernel takes it without
    sending it back (an echo would overwrite keys typed meanwhile)."""
    app, sent = _app(start="outreach")
    name_field, button, key = _dimension_form(app)
    name_field.value = "Woningbouw en infrastructu"  # the last keystrokes still held back
    echoed = []
    name_field.send_state = lambda key=None: echoed.append(key)
    app.keeper._on_message(app.keeper, {"type": "flush", "values": {key: "Woningbouw en infrastructuur"}}, [])
    assert name_field.value == "Woningbouw en infrastructuur" and not echoed
    button.click()
    names = [d["name"] for d in Workbook.open("keeper-1234").module("outreach")["dimensions"]]
    assert names[-1] == "Woningbouw en infrastructuur" and "Woningbouw en infrastructu" not in names
    # emptied in the kernel at once, in the browser only if it still shows the added text
    assert name_field.value == "" and not echoed
    assert {"type": "clear", "key": key, "text": "Woningbouw en infrastructuur"} in sent


def test_a_late_keystroke_after_the_add_is_the_start_of_the_next_text(data_home):
    """The held-back update with the old text arrives after the add emptied the field, then
    the browser's own clearing: the kernel ends with what the browser shows, and a second
    click adds nothing twice."""
    app, sent = _app(start="outreach")
    name_field, button, key = _dimension_form(app)
    app.keeper._on_message(app.keeper, {"type": "flush", "values": {key: "Natuurmonumenten"}}, [])
    button.click()
    name_field.set_state({"value": "Natuurmonumenten"})  # the update that was on its way
    name_field.set_state({"value": "Gez"})  # the browser cleared it, the learner typed on
    app.keeper._on_message(app.keeper, {"type": "flush", "values": {key: "Gezondheid"}}, [])
    button.click()
    names = [d["name"] for d in Workbook.open("keeper-1234").module("outreach")["dimensions"]]
    assert names[-2:] == ["Natuurmonumenten", "Gezondheid"] and names.count("Natuurmonumenten") == 1


def test_clear_typed_outside_the_app_empties_the_field(data_home):
    from verbinding.ui.keeper import clear_typed

    field = widgets.Text(value="Imkers")
    clear_typed(field)
    assert field.value == ""
