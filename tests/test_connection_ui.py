"""The Connection widgets, driven as a learner would: set .value, click, read what is shown."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace

import pytest
from _charts import chart_svg, link_ids
from _connection_case import synthetic_case

from verbinding.modules.connection.view import ConnectionExercise
from verbinding.texts import t
from verbinding.workbook import Workbook

CASE = synthetic_case()


@pytest.fixture
def workbook(tmp_path):
    return Workbook("test-leerling", path=tmp_path / "wb.json")


def make(workbook):
    return ConnectionExercise(SimpleNamespace(workbook=workbook, case=CASE))


def saved(workbook):
    return workbook.module("connection")


def reveal(ex, guess: int = 20) -> None:
    """Estimate (the learner moves the slider), then show the figures."""
    ex.guess.value = guess
    ex.reveal.click()


def test_guess_then_measure(workbook):
    ex = make(workbook)
    assert ex.measured_box.layout.display == "none"  # no figures before the guess
    ex.guess.value = 25
    ex.reveal.click()
    shown = ex.guess_feedback.value
    actual = round(ex.analysis.concentration.top10pct_share * 100)
    assert f"{actual}%" in shown and "25%" in shown
    assert f"{actual - 25} procentpunt meer" in shown
    caveats = [w for w in ex.measured_box.children if "verbinding-caveat" in str(getattr(w, "value", ""))]
    assert len(caveats) == 1 and "toegang is geen invloed" in caveats[0].value  # one note beside the figures
    assert ex.guess.disabled and ex.measured_box.layout.display is None
    assert saved(workbook)["guess"] == 25 and saved(workbook)["revealed"] is True
    assert ex.lorenz_view.spec and chart_svg(ex.lorenz_view).startswith("<svg")
    assert ex.lorenz_view.summary_text


def test_picking_a_top_organisation_shows_it_and_selects_it_in_step_2(workbook):
    ex = make(workbook)
    reveal(ex)
    first = ex.top_select.options[0][1]
    ex.top_select.value = first
    assert ex.analysis.name(first) in ex.top_detail.value
    ex.rule_kind.value = "top"
    ex.top_pct.value = 10
    ex.top_select.value = None
    ex.top_select.value = first
    assert ex.insider_select.value == first  # the top organisation is an insider
    assert ex.analysis.name(first) in ex.insider_detail.value


def _chart_links(view) -> list[str]:
    """Ids of the organisations a learner can click in a chart (its SVG links)."""
    return link_ids(view)


def test_clicking_an_organisation_in_a_chart_selects_it(workbook):
    ex = make(workbook)
    reveal(ex)
    ex.rule_kind.value = "top"
    ex.top_pct.value = 20
    assert _chart_links(ex.top_view) == [value for _, value in ex.top_select.options]  # one link per bar
    assert sorted(_chart_links(ex.scatter_view)) == sorted(value for _, value in ex.insider_select.options)
    assert ex.top_view.summary_text and ex.scatter_view.summary_text

    second, third = ex.top_select.options[1][1], ex.top_select.options[2][1]
    ex.top_view._figure.set_state({"selected": second})  # what the browser sends on a click
    assert ex.top_select.value == second
    assert ex.analysis.name(second) in ex.top_detail.value
    assert ex.insider_select.value == second  # selected in step 2 too
    assert ex.top_view.selected == second  # the browser marks this bar

    ex.top_select.value = third  # the list, then the chart again: the click still counts
    assert ex.top_view.selected == third
    ex.top_view._figure.set_state({"selected": second})
    assert ex.top_select.value == second

    insider = ex.insider_select.options[-1][1]
    charts = ex.top_view.spec, ex.scatter_view.spec
    ex.scatter_view._figure.set_state({"selected": insider})
    assert ex.insider_select.value == insider
    assert ex.analysis.name(insider) in ex.insider_detail.value
    assert ex.scatter_view.selected == insider  # the browser marks it ...
    assert (ex.top_view.spec, ex.scatter_view.spec) == charts  # ... no new chart sent


def test_insider_rule_reacts_and_is_saved(workbook):
    ex = make(workbook)
    ex.rule_kind.value = "presence"
    ex.last_years.value = 5
    ex.min_years.value = 5
    strict = len(ex.insider_select.options)
    ex.min_years.value = 1
    loose = len(ex.insider_select.options)
    assert 0 < strict < loose
    assert f"{loose} organisaties" in ex.rule_feedback.value
    state = saved(workbook)
    assert state["rule"] == {"kind": "presence", "min_years": 1, "last_years": 5, "top_pct": 10}
    assert state["insiders"]["count"] == loose
    ex.rule_kind.value = "top"
    assert ex.top_pct.layout.display is None and ex.min_years.layout.display == "none"
    ex.last_years.value = 2
    assert ex.min_years.max == 2


def test_new_connections_from_outreach_gaps(workbook):
    workbook.set_module("outreach", {"gap_dimensions": ["zorg", "onbekend"]})
    ex = make(workbook)
    assert ex.gap_select.value == ("zorg",)
    assert "Zorg en kwetsbaren" in ex.gap_message.value
    assert ex.candidates.options
    first = ex.candidates.value
    ex.invite_button.click()
    assert [i["org_id"] for i in saved(workbook)["invitations"]] == [first]
    assert first not in {v for _, v in ex.candidates.options}
    assert "waarom" in ex.invite_feedback.value.lower()
    ex.reason_boxes[first].value = "<b>Kent</b> de zorg"
    assert saved(workbook)["invitations"][0]["reason"] == "<b>Kent</b> de zorg"
    assert "<b>Kent" not in ex.invited_box.children[0].children[0].value
    assert "Zorg en kwetsbaren" in ex.invite_feedback.value  # covered gap named
    ex.remove_buttons[first].click()
    assert saved(workbook)["invitations"] == []


def test_gaps_chosen_here_without_outreach(workbook):
    ex = make(workbook)
    assert ex.gap_select.value == ()
    assert t("connection.ui.gaps_choose") in ex.gap_message.value
    ex.gap_select.value = ("hitte",)
    assert saved(workbook)["gap_dimensions"] == ["hitte"]
    assert saved(workbook)["gap_names"] == ["Hittestress"]
    ex.max_links.value = 0
    assert all(label.split(" · ")[1] == "0 contacten" for label, _ in ex.candidates.options)


def test_counter_voice_plan(workbook):
    ex = make(workbook)
    assert t("connection.counter.no_format") in ex.cv_feedback.value
    ex.format_boxes["burgerpanel"].value = True
    ex.facilitation_boxes["vergoeding"].value = True
    ex.whom.value = "Bewonersgroepen <script>alert(1)</script>"
    ex.step_boxes["effecten"].value = True
    ex.alternatives.value = "Koelteplekken\nMeer groen"
    assert "4. Effecten" in ex.cv_feedback.value  # too late: named
    ex.step_boxes["probleem"].value = True
    assert "compleet" in ex.cv_feedback.value
    cv = saved(workbook)["counter_voice"]
    assert cv["formats"] == ["burgerpanel"] and cv["steps"] == ["probleem", "effecten"]
    assert "<script>" not in ex.cv_feedback.value


def test_reopening_and_restore_reload_the_work(workbook, tmp_path):
    ex = make(workbook)
    ex.guess.value = 40
    ex.reveal.click()
    ex.rule_kind.value = "top"
    ex.top_pct.value = 20
    ex.field_note.value = "x" * 10_000
    again = make(workbook)
    assert again.guess.value == 40 and again.guess.disabled
    assert again.rule_kind.value == "top" and again.top_pct.value == 20
    assert len(again.field_note.value) == 10_000
    other = Workbook("ander", path=tmp_path / "other.json")
    other.set_module("connection", {"guess": 70, "revealed": False, "rule": {"kind": "presence", "min_years": 2, "last_years": 3}})
    workbook.restore(other.to_bytes())
    assert again.guess.value == 70 and not again.guess.disabled
    assert again.rule_kind.value == "presence" and again.min_years.value == 2
    assert again.status.value


def test_export_contains_the_exercise(workbook):
    from verbinding.export import workbook_markdown

    ex = make(workbook)
    reveal(ex)
    ex.gap_select.value = ("zorg",)
    ex.invite_button.click()
    text = workbook_markdown(workbook, ["connection"])
    name = saved(workbook)["invitations"][0]["name"]
    assert name.replace(" ", " ") in text.replace("\\", "")


def test_every_control_has_a_label(workbook):
    import ipywidgets as widgets

    ex = make(workbook)
    ex.gap_select.value = ("zorg",)
    ex.invite_button.click()
    controls = [
        w for w in _walk(ex)
        if isinstance(w, (widgets.ValueWidget, widgets.Button)) and not isinstance(w, widgets.HTML)
    ]
    assert controls
    assert all(getattr(w, "description", "").strip() for w in controls)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_each_reaction_renders_at_most_two_charts(workbook, monkeypatch):
    """SVG rendering is the slow part of a reaction: no reaction redraws more than two charts
    (reaction times: benchmarks/bench_reactions.py)."""
    from verbinding.ui.charts import ChartView

    ex = make(workbook)
    reveal(ex)
    ex.gap_select.value = ("zorg",)
    renders = []
    original = ChartView.update
    monkeypatch.setattr(ChartView, "update", lambda self, *a: (renders.append(1), original(self, *a)))
    actions = [
        lambda: setattr(ex.top_pct, "value", 15),
        lambda: setattr(ex.rule_kind, "value", "top"),
        lambda: setattr(ex.top_select, "value", ex.top_select.options[2][1]),
        lambda: setattr(ex.insider_select, "value", ex.insider_select.options[0][1]),
        lambda: setattr(ex.gap_select, "value", ("zorg", "hitte")),
        lambda: ex.invite_button.click(),
        lambda: setattr(ex.whom, "value", "Bewoners"),
        lambda: setattr(ex.step_boxes["doel"], "value", True),
    ]
    for action in actions:
        renders.clear()
        action()
        assert len(renders) <= 2
    json.dumps(saved(workbook))


def test_steps_2_and_3_show_no_shares_before_the_reveal(workbook):
    ex = make(workbook)
    share = ex.analysis.insiders(ex.insider_step.current_rule()).share_of_links
    from verbinding import dutch

    assert dutch.percent(share) not in ex.rule_feedback.value
    assert ex.field_charts.layout.display == "none" and ex.field_locked.layout.display is None
    reveal(ex)
    assert dutch.percent(share) in ex.rule_feedback.value
    assert ex.field_charts.layout.display is None and ex.field_locked.layout.display == "none"


def test_reflection_gets_a_response(workbook):
    ex = make(workbook)
    assert t("connection.note.empty") in ex.field_note_feedback.value
    ex.field_note.value = "Veel bedrijven."
    assert t("connection.note.short") in ex.field_note_feedback.value


def test_invite_list_says_how_many_match_searches_and_keeps_outreach_organisations(workbook):
    linked = "o202"  # no contacts, expertise on 'zorg' only
    workbook.set_module("outreach", {"stakeholders": [{"id": linked, "org_id": linked, "name": CASE_NAME(linked)}]})
    ex = make(workbook)
    ex.gap_select.value = ("hitte",)
    ex.max_links.value = 0
    assert ex.candidates.options[0][1] == linked  # linked in module 2: always there, on top
    assert "passen bij je keuze" in ex.candidates_count.value and CASE_NAME(linked) in ex.candidates_count.value
    said = html.unescape(ex.candidates_count.value)  # on the list without 'hitte' expertise: said why
    assert f"{CASE_NAME(linked)} staat erbij omdat je die in module 2 koppelde" in said
    label = ex.candidates.options[1][0]
    assert "past bij: " in label  # the chosen dimensions it matches are in the option text
    assert "expertise: " in ex.candidates.options[0][0]  # the linked one matches none: all its expertise
    target = ex.candidates.options[-1][0].split(" · ")[0]
    ex.search.value = target
    assert [label.split(" · ")[0] for label, _ in ex.candidates.options if _ != linked] == [target]


def CASE_NAME(org_id):
    return dict(zip(CASE.organisations["org_id"], CASE.organisations["name"]))[org_id]


def test_step_4_uses_the_learners_own_dimension_list(workbook):
    """Walk finding: after removing 'Droogte en landbouw' and adding 'Werken in de hitte' in
    Outreach, Connection still offered Droogte and left out the new dimension."""
    case_dims = [d for d in CASE.dimensions]
    removed, kept = case_dims[0], case_dims[1:]
    workbook.set_module("outreach", {
        "dimensions": [{"id": d.id, "name": d.name, "origin": "case"} for d in kept]
        + [{"id": "eigen-werken", "name": "Werken in de hitte", "origin": "learner"}],
        # every kept dimension has an expert: module 2's rules leave 'Werken in de hitte' the gap
        "stakeholders": [{"id": "o001", "name": CASE_NAME("o001"), "org_id": "o001", "type": "bedrijf"}],
        "links": [{"dimension_id": d.id, "stakeholder_id": "o001", "expertise": 3, "support": 3} for d in kept],
        "gap_dimensions": ["eigen-werken"],
    })
    ex = make(workbook)
    labels = [label for label, _ in ex.gap_select.options]
    assert removed.name not in labels and labels[-1] == "Werken in de hitte"
    assert ex.gap_select.value == ("eigen-werken",)
    assert "Werken in de hitte" in ex.gap_message.value
    scope = html.unescape(ex.search_scope.value)
    assert "'Werken in de hitte'" in scope and "zelf toegevoegd" in scope
    assert saved(workbook).get("gap_names", ["Werken in de hitte"]) == ["Werken in de hitte"]
    # module 2 changes: the list follows when the module is shown again
    workbook.set_module("outreach", {"dimensions": [{"id": removed.id, "name": removed.name, "origin": "case"}]})
    ex.refresh()
    assert [label for label, _ in ex.gap_select.options] == [removed.name]


def test_a_search_emptied_by_chosen_dimensions_says_so(workbook):
    """Walk finding: 'Hitte' found nothing because dimensions chosen for the learner (module
    2's gaps) filtered the search, unseen."""
    workbook.set_module("outreach", {"gap_dimensions": ["zorg"]})
    ex = make(workbook)
    assert "alleen organisaties met expertise op 'Zorg en kwetsbaren'" in html.unescape(ex.search_scope.value)
    ex.search.value = "Hittestress"
    assert not ex.candidates.options
    message = html.unescape(ex.candidate_message.value)
    assert "Geen organisaties gevonden bij 'Hittestress' met expertise op 'Zorg en kwetsbaren'" in message
    assert "Zonder die keuze van dimensies vind je" in message
    ex.gap_select.value = ()
    assert ex.candidates.options and "alle dimensies" in ex.search_scope.value


def test_the_view_uses_the_one_view_cycle(workbook):
    """Issue 22 item 2: Connection is a ModuleView; opening the page loads quietly (no save)."""
    from verbinding.ui.view import ModuleView

    workbook.set_module("connection", {"guess": 30, "revealed": True, "rule": {"kind": "top", "top_pct": 20}})
    revision = workbook.revision
    ex = make(workbook)
    assert isinstance(ex, ModuleView) and ex.module_id == "connection"
    assert ex.guess.value == 30 and ex.rule_kind.value == "top" and ex.top_pct.value == 20
    assert workbook.revision == revision  # opening a page is not a save


def _module_2_map(rate: int, org_ids) -> dict:
    """Module 2's map as its view saves it: the organisations under-heard, linked to every
    dimension with expertise ``rate`` and no support."""
    from verbinding.modules.outreach import OutreachMap

    model = OutreachMap.from_case(CASE)
    for org_id in org_ids:
        sh = model.add_stakeholder(CASE_NAME(org_id), org_id=org_id, type="bedrijf")
        model.place(sh.id, power="low", interest="high")
        for dim in CASE.dimensions:
            model.set_link(dim.id, sh.id, expertise=rate, support=0)
    return model.to_dict()


def test_step_4_text_and_list_agree_with_module_2_and_the_maximum(workbook, tmp_path):
    """Walk finding: with 'Hoogstens (contacten)' at 1 the list showed an organisation with 5
    contacts, and the page said module 2 held no missing expertise while it listed 19 points."""
    from verbinding.modules.connection import CaseAnalysis

    counts = CaseAnalysis(CASE).counts

    def contacts_of(org_id: str) -> int:
        return int(counts.get(org_id, 0))

    busy = next(o for o in sorted(CASE.organisations["org_id"]) if 5 <= contacts_of(o) <= 10)
    state = _module_2_map(3, [busy, "o250"])  # every dimension has an expert; the points are about support
    assert not state["gap_dimensions"] and len(state["gaps"]) > 1
    workbook.set_module("outreach", state)
    ex = make(workbook)
    said = html.unescape(ex.gap_message.value)
    assert f"{len(state['gaps'])} aandachtspunten" in said and "genoeg expertise" in said
    assert "nog geen" not in said and ex.gap_select.value == ()
    ex.gap_select.value = ("hitte",)
    ex.max_links.value = 1
    shown = [v for _, v in ex.candidates.options]
    assert shown and busy not in shown and all(contacts_of(v) <= 1 for v in shown)
    assert all(label.split(" · ")[1] in ("0 contacten", "1 contact") for label, _ in ex.candidates.options)
    listed = html.unescape(ex.candidates_count.value)
    assert f"Niet in de lijst: {CASE_NAME(busy)}" in listed and "meer dan 1 contact." in listed
    ex.max_links.value = contacts_of(busy)
    assert ex.candidates.options[0][1] == busy and "Niet in de lijst" not in ex.candidates_count.value
    # module 2 changes in another tab (expertise now missing everywhere): restored, the text follows
    other = Workbook("test-leerling", path=tmp_path / "other.json")
    other.set_module("outreach", _module_2_map(1, [busy]))
    other.set_module("connection", workbook.module("connection"))
    workbook.restore(other.to_bytes())
    said = html.unescape(ex.gap_message.value)
    assert said.startswith("<p>Uit je werk in module 2 (Outreach): expertise ontbreekt bij Wateroverlast, Hittestress")
    assert t("connection.ui.gaps_changed_here") in said  # the choice here is still only 'Hittestress'
    assert ex.gap_select.value == ("hitte",)
    assert all(contacts_of(v) <= ex.max_links.value for _, v in ex.candidates.options)


def test_every_status_line_follows_the_last_action(workbook, tmp_path):
    """Walk finding: status lines (role="status") stayed on an old text after actions."""
    ex = make(workbook)
    ex.guess.value = 30
    ex.reveal.click()
    other = Workbook("test-leerling", path=tmp_path / "other.json")
    other.set_module("connection", {**workbook.module("connection"), "playing_field_note": "Uit het andere tabblad."})
    workbook.restore(other.to_bytes())  # another tab's save, taken over
    assert ex.field_note.value == "Uit het andere tabblad."
    assert t("connection.ui.restored") in ex.status.value
    ex.field_note.value = "Bedrijven hebben veel meer toegang dan burgergroepen in dit veld, dat valt op."
    assert ex.status.value == ""  # 'opnieuw geladen' is not what just happened
    # the insider detail follows the list when the chosen insider leaves it
    ex.min_years.value = 1
    ex.insider_select.value = "o044"
    assert "Organisatie 044" in ex.insider_detail.value
    ex.min_years.value = 4
    assert "o044" not in {v for _, v in ex.insider_select.options}
    assert ex.insider_select.value is None and ex.insider_detail.value == ""
    # the invitation feedback follows the insider rule
    ex.min_years.value = 1
    ex.gap_select.value = ()
    ex.max_links.value = 10
    ex.search.value = "Organisatie 044"
    assert ex.candidates.value == "o044"
    ex.invite_button.click()
    assert "Organisatie 044 valt al onder je insider-regel" in html.unescape(ex.invite_feedback.value)
    ex.min_years.value = 4
    assert "insider-regel" not in html.unescape(ex.invite_feedback.value)
    ex.min_years.value = 1
    assert "Organisatie 044 valt al onder je insider-regel" in html.unescape(ex.invite_feedback.value)
    # shown again after module 2 changed: read again, no old status
    workbook.restore(other.to_bytes())
    workbook.set_module("outreach", {"gap_dimensions": ["zorg"]})
    ex.refresh()
    assert ex.status.value == "" and "Zorg en kwetsbaren" in ex.gap_message.value


def test_an_untouched_estimate_is_confirmed_before_the_figures(workbook):
    """Feedback never says "Je schatte 10%" of a value the learner left standing: an
    untouched estimate is asked about once; the second click confirms it."""
    ex = make(workbook)
    ex.reveal.click()
    assert ex.measured_box.layout.display == "none" and not saved(workbook).get("revealed")
    assert "nog niet veranderd" in ex.guess_note.value and "10%" in ex.guess_note.value
    ex.reveal.click()  # "Denk je echt 10%? Klik dan nog een keer"
    assert saved(workbook)["guess"] == 10 and saved(workbook)["revealed"] is True
    assert ex.guess_note.value == ""


def test_the_estimate_can_be_typed_and_then_shows_at_once(workbook):
    ex = make(workbook)
    ex.guess_number.value = 35  # typed in the number box beside the slider
    assert ex.guess.value == 35
    ex.reveal.click()
    assert "Je schatte 35%" in ex.guess_feedback.value
    assert ex.guess_number.disabled and ex.guess.disabled


def test_a_saved_estimate_counts_as_the_learners_own(workbook, tmp_path):
    other = Workbook("ander", path=tmp_path / "other.json")
    other.set_module("connection", {"guess": 10, "revealed": False})
    workbook.restore(other.to_bytes())
    ex = make(workbook)
    ex.reveal.click()
    assert saved(workbook)["revealed"] is True


def test_an_organisation_says_what_its_expertise_is_in_the_list_and_as_invited(workbook):
    """The list row names the chosen dimensions it matches ('past bij'); the detail below the
    list and the invitation name all its expertise, and say so (a learner's walk: one
    organisation showed different expertise in two places)."""
    ex = make(workbook)
    ex.gap_select.value = ("hitte",)
    org_id = ex.candidates.value
    a = ex.analysis
    every = [a.dimension_names.get(d, d) for d in a.org_dimensions[org_id]]
    row = dict((value, label) for label, value in ex.candidates.options)[org_id]
    assert "past bij: " + a.dimension_names["hitte"] in row
    detail = html.unescape(ex.candidate_detail.value)
    assert a.name(org_id) in detail and "Alle expertise volgens de casus: " + ", ".join(every) in detail
    ex.invite_button.click()
    info = html.unescape(ex.invited_box.children[0].children[0].value)
    assert "alle expertise volgens de casus: " + ", ".join(every) in info


def test_the_reason_label_names_the_whole_organisation(workbook):
    ex = make(workbook)
    ex.gap_select.value = ("hitte",)
    org_id = ex.candidates.value
    ex.invite_button.click()
    assert ex.reason_boxes[org_id].description == f"Waarom {ex.analysis.name(org_id)}?"
