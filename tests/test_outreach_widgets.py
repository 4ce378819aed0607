"""The Outreach exercise widgets: set values, click, assert on the model and the workbook."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace

import pandas as pd
import pytest
from _charts import chart_svg

from verbinding.workbook import Workbook

pytest.importorskip("ipywidgets")

from verbinding.modules.outreach.view import UNRATED, OutreachExercise


def fake_case(n_orgs: int = 8):
    orgs = pd.DataFrame(
        {
            "org_id": [f"o{i}" for i in range(1, n_orgs + 1)],
            "name": [f"Organisatie {i}" for i in range(1, n_orgs + 1)],
            "type": ["overheid", "kennis", "ngo", "bedrijf"] * (n_orgs // 4) + ["ngo"] * (n_orgs % 4),
        }
    )
    orgs.loc[1, "name"] = "Waterschap Noord"
    return SimpleNamespace(
        id="demo",
        title="Hitte in de stad",
        challenge="Steden worden heter. <b>Wat</b> nu?",
        ministry="Ministerie van Voorbeelden",
        dimensions=[
            SimpleNamespace(id="water", name="Water", explanation="Overstromingen."),
            SimpleNamespace(id="gezondheid", name="Gezondheid", explanation="Hitte raakt ouderen."),
        ],
        organisations=orgs,
    )


@pytest.fixture
def page(data_home):
    wb = Workbook.open("leerling-1", home=data_home)
    return SimpleNamespace(workbook=wb, case=fake_case())


def shown(widget) -> str:
    """The text a learner reads in an HTML widget (entities such as &#x27; decoded)."""
    return html.unescape(widget.value)


def saved(page) -> dict:
    return page.workbook.module("outreach")


def link(ex, dimension_id, organisation, expertise=UNRATED, support=UNRATED, type_=None):
    ex.link_dimension.value = dimension_id
    ex.link_org.value = organisation
    if type_ is not None:
        ex.link_type.value = type_
    ex.link_expertise.value = expertise
    ex.link_support.value = support
    ex.link_add.click()


def test_step1_shows_the_case_and_its_challenge_as_text(page):
    ex = OutreachExercise(page)
    assert "Hitte in de stad" in ex.case_box.value
    assert "&lt;b&gt;Wat&lt;/b&gt;" in ex.case_box.value and "<b>Wat</b>" not in ex.case_box.value
    assert [d.id for d in ex.model.dimensions] == ["water", "gezondheid"]


def test_add_link_rate_and_see_a_gap_appear_and_disappear(page):
    ex = OutreachExercise(page)
    ex.dim_name.value = "Energie"
    ex.dim_why.value = "airco's vragen stroom"
    ex.dim_add.click()
    energie = ex.model.dimensions[-1]
    assert energie.name == "Energie" and energie.why == "airco's vragen stroom"
    assert "Bij 'Energie' heb je nog geen enkele organisatie gekoppeld" in shown(ex.gap_list)
    assert energie.id in saved(page)["gap_dimensions"]

    link(ex, energie.id, "Waterschap Noord", expertise=3, support=3)
    assert ex.model.link(energie.id, "o2").expertise == 3
    assert "Waterschap Noord" in ex.link_message.value
    assert "Bij 'Energie' heb je nog geen" not in shown(ex.gap_list)
    assert "Bij 'Energie' komt alle expertise van één soort" in shown(ex.gap_list)
    assert energie.id not in saved(page)["gap_dimensions"]

    link(ex, energie.id, "Organisatie 3", expertise=2, support=2)  # another type
    assert "'Energie'" not in shown(ex.gap_list)
    # the links list offers a remove button that names what it removes
    button = ex.remove_link_buttons[(energie.id, "o3")]
    assert "Organisatie 3" in button.description and "Energie" in button.description
    button.click()
    assert ex.model.link(energie.id, "o3") is None
    assert "Bij 'Energie' komt alle expertise van één soort" in shown(ex.gap_list)


def test_free_typed_stakeholder_with_type_and_rerating_updates_the_same_link(page):
    ex = OutreachExercise(page)
    ex.link_type.value = "burgers" if "burgers" in dict((v, k) for k, v in ex.link_type.options) else ""
    link(ex, "water", "Bewonersgroep De Dijk", expertise=1, support=3)
    sh = next(s for s in ex.model.stakeholders if s.name == "Bewonersgroep De Dijk")
    assert sh.org_id is None and sh.id.startswith("vrij-")
    link(ex, "water", "bewonersgroep de dijk", expertise=2, support=3)  # same name, other case
    assert len([s for s in ex.model.stakeholders if s.org_id is None]) == 1
    assert ex.model.link("water", sh.id).expertise == 2
    assert "bijgewerkt" in ex.link_message.value
    # choosing dimension and organisation shows the existing rating
    ex.link_org.value = "Bewonersgroep De Dijk"
    ex.link_dimension.value = "gezondheid"
    ex.link_dimension.value = "water"
    assert ex.link_expertise.value == 2 and ex.link_support.value == 3


def test_the_form_resets_completely_after_an_add_type_included(page):
    ex = OutreachExercise(page)
    some_type = next(value for _label, value in ex.link_type.options if value)
    link(ex, "water", "Vakbond Samen", expertise=2, support=2, type_=some_type)
    assert ex.link_org.value == "" and ex.link_expertise.value == UNRATED and ex.link_support.value == UNRATED
    assert ex.link_type.value == ex.link_type.options[0][1] and not ex.link_type.disabled
    link(ex, "water", "Regiotaxi")  # typed without a type: it gets none, not the previous one
    taxi = next(s for s in ex.model.stakeholders if s.name == "Regiotaxi")
    assert taxi.type == "" and taxi.type_label == ""
    assert next(s for s in saved(page)["stakeholders"] if s["name"] == "Regiotaxi")["type"] == ""
    # every row names its item: the link of Regiotaxi to "water" is found by its stable ids
    classes = [c for row in ex.link_rows.children for c in getattr(row, "_dom_classes", ())]
    assert f"verbinding-item-water--{taxi.id}" in classes


def test_missing_choice_and_bad_input_give_dutch_messages_and_keep_text(page):
    ex = OutreachExercise(page)
    assert ex.link_dimension.value == "water"  # the first dimension is preselected
    ex.link_org.value = ""
    ex.link_add.click()
    assert "Kies of typ eerst een organisatie" in ex.link_message.value
    ex.dim_name.value = "water"
    ex.dim_why.value = "mijn uitleg"
    ex.dim_add.click()
    assert "staat al op je kaart" in ex.dim_message.value
    assert ex.dim_why.value == "mijn uitleg"  # nothing typed is lost
    long_name = "x" * 10_000
    ex.dim_name.value = long_name
    ex.dim_add.click()
    assert "tekens" in ex.dim_message.value and ex.dim_name.value == long_name


def test_html_in_names_is_shown_as_text(page):
    ex = OutreachExercise(page)
    ex.dim_name.value = "<img src=x onerror=alert(1)>"
    ex.dim_add.click()
    dim = ex.model.dimensions[-1]
    link(ex, dim.id, "<script>alert(2)</script>", expertise=3, support=3, type_="ngo")
    html_out = ex.dim_rows.children[-1].children[0].value + ex.gap_list.value
    html_out += "".join(row.children[0].value for row in ex.link_rows.children)
    html_out += chart_svg(ex.heatmap) + ex.heatmap._summary.value  # as drawn + summary
    assert "<script>" not in html_out and "<img" not in html_out
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in ex.gap_list.value


def test_why_is_saved_and_dimension_removal_can_be_undone(page):
    ex = OutreachExercise(page)
    ex.why_boxes["water"].value = "wijken lopen onder"
    assert saved(page)["dimensions"][0]["why"] == "wijken lopen onder"
    link(ex, "water", "Waterschap Noord", expertise=3, support=2)
    ex.remove_dim_buttons["water"].click()
    assert ex.model.dimension("water") is None
    assert "met 1 koppeling" in ex.dim_message.value
    assert [d["id"] for d in saved(page)["dimensions"]] == ["gezondheid"]
    assert not ex.dim_undo.disabled
    ex.dim_undo.click()
    assert ex.model.dimension("water").why == "wijken lopen onder"
    assert ex.model.link("water", "o2").expertise == 3


def test_power_interest_placement_marks_underheard(page):
    ex = OutreachExercise(page)
    link(ex, "water", "Organisatie 3", expertise=2, support=2)
    ex.grid_org.value = "o3"
    ex.grid_power.value = "low"
    ex.grid_interest.value = "high"
    assert ex.model.stakeholder("o3").quadrant == "low_high"
    assert "Weinig macht, veel belang: Organisatie 3." in ex.grid_view.summary_text
    assert "keer op keer minder gehoord" in ex.grid_message.value
    assert saved(page)["underheard"] == ["o3"]
    assert "Organisatie 3 staat bij 'weinig macht, veel belang'" in shown(ex.gap_list)


def propose_schoolyards(ex) -> None:
    """Add a proposal with every field filled in, as a learner does."""
    ex.alt_text.value = "Groene schoolpleinen"
    ex.alt_by.value = "Ouders in de buurt"
    ex.alt_status.value = "could"
    ex.alt_hearing.value = "no"
    ex.alt_dimension.value = "gezondheid"
    ex.alt_add.click()


def test_alternatives_are_recorded_with_who_and_hearing(page):
    ex = OutreachExercise(page)
    ex.alt_add.click()
    assert "Beschrijf eerst" in ex.alt_message.value
    propose_schoolyards(ex)
    (alt,) = ex.model.alternatives
    assert (alt.by, alt.status, alt.hearing, alt.dimension_id) == ("Ouders in de buurt", "could", "no", "gezondheid")
    assert "Groene schoolpleinen" in ex.alt_feedback.value and "geen gehoor" in ex.alt_feedback.value
    assert saved(page)["alternatives"][0]["text"] == "Groene schoolpleinen"
    ex.remove_alt_buttons[alt.id].click()
    assert ex.model.alternatives == []


def test_work_is_restored_on_reopening_and_after_an_upload(page, data_home):
    ex = OutreachExercise(page)
    link(ex, "water", "Waterschap Noord", expertise=3, support=1)
    again = OutreachExercise(SimpleNamespace(workbook=Workbook.open("leerling-1", home=data_home), case=fake_case()))
    assert again.model.link("water", "o2").support == 1
    # an upload replaces the work: the open exercise reloads
    doc = page.workbook.document
    doc["modules"]["outreach"]["links"] = []
    page.workbook.restore(json.dumps(doc).encode())
    assert ex.model.links == []
    assert "opnieuw geladen" in ex.dim_message.value


def test_insiders_from_connection_feed_the_support_rule(data_home):
    wb = Workbook.open("leerling-2", home=data_home)
    wb.set_module("connection", {"insiders": {"count": 1, "members": ["o2"]}})
    ex = OutreachExercise(SimpleNamespace(workbook=wb, case=fake_case()))
    link(ex, "water", "Waterschap Noord", expertise=3, support=3)
    link(ex, "water", "Organisatie 3", expertise=3, support=0)
    assert "alleen van organisaties die je in Connection" in shown(ex.gap_list)


def test_works_without_a_case(data_home):
    wb = Workbook.open("leerling-3", home=data_home)

    class NoCase:
        workbook = wb

        @property
        def case(self):
            raise FileNotFoundError("no case")

    ex = OutreachExercise(NoCase())
    assert "nog geen casus" in ex.case_box.value
    ex.dim_name.value = "Water"
    ex.dim_add.click()
    link(ex, ex.model.dimensions[0].id, "Bewoners", expertise=2, support=2)
    assert len(ex.model.links) == 1


def test_a_map_made_for_another_case_is_kept_with_a_notice(page, data_home):
    ex = OutreachExercise(page)
    link(ex, "water", "Waterschap Noord", expertise=3, support=1)
    other = fake_case()
    other.id = "vergrijzing"
    again = OutreachExercise(SimpleNamespace(workbook=Workbook.open("leerling-1", home=data_home), case=other))
    assert again.model.link("water", "o2") is not None
    assert "andere casus (demo)" in again.dim_message.value


def test_insiders_recomputed_from_the_connection_rule_when_only_a_snapshot_is_stored(data_home):
    from _connection_case import synthetic_case

    case = synthetic_case()
    wb = Workbook.open("leerling-4", home=data_home)
    # Connection stores its rule and a snapshot with names only
    wb.set_module("connection", {"rule": {"kind": "top", "top_pct": 10}, "insiders": {"count": 30, "names": ["x"]}})
    ex = OutreachExercise(SimpleNamespace(workbook=wb, case=case))
    assert ex.model.insiders and "o000" in ex.model.insiders and "o250" not in ex.model.insiders
    link(ex, "water", "Organisatie 000", expertise=3, support=3)  # an insider
    link(ex, "water", "Organisatie 250", expertise=3, support=0)  # never had contact
    assert "als vaste gesprekspartners (insiders) hebt aangewezen: Organisatie 000" in shown(ex.gap_list)


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_built_in_case(case_id, data_home):
    from verbinding.cases import ORG_TYPES, load_case

    case = load_case(case_id)
    wb = Workbook.open(f"leerling-{case_id}", home=data_home)
    ex = OutreachExercise(SimpleNamespace(workbook=wb, case=case))
    assert case.title in ex.case_box.value
    # step 1 says the data is made up for practice, in plain words: no jargon, no file names
    assert "verzonnen, om mee te oefenen" in shown(ex.case_box)
    assert not any(word in shown(ex.case_box) for word in ("README", "datasets/", "gekalibreerd", ".md"))
    assert [d.id for d in ex.model.dimensions] == [d.id for d in case.dimensions]
    org = case.organisations.iloc[0]
    link(ex, case.dimensions[0].id, org["name"], expertise=3, support=3)
    (sh,) = ex.model.stakeholders
    assert sh.org_id == org["org_id"] and sh.type_label == dict(ORG_TYPES)[org["type"]]
    state = wb.module("outreach")
    assert state["case"] == case_id
    assert case.dimensions[0].id not in state["gap_dimensions"]
    assert set(state["gap_dimensions"]) == {d.id for d in case.dimensions[1:]}


def test_grid_preselects_a_stakeholder_and_gap_actions_are_not_repeated(page):
    ex = OutreachExercise(page)
    assert "Koppel eerst organisaties" in ex.grid_message.value
    link(ex, "water", "Waterschap Noord", expertise=3, support=3)
    assert ex.grid_org.value == "o2" and ex.grid_message.value == ""
    ex.why_boxes["water"].value = "x"
    ex.dim_name.value = "Energie"
    ex.dim_add.click()
    # two dimensions without organisations: both named, the advice shown once
    assert "Bij 'Gezondheid' heb je nog geen" in shown(ex.gap_list)
    assert "Bij 'Energie' heb je nog geen" in shown(ex.gap_list)
    assert shown(ex.gap_list).count("Zoek wie hier verstand van heeft") == 1


def test_type_field_shows_the_known_type_of_a_case_organisation(page):
    ex = OutreachExercise(page)
    ex.link_org.value = "Waterschap Noord"  # type "kennis" in the case
    assert ex.link_type.value == "kennis" and ex.link_type.disabled
    ex.link_org.value = "Organisatie 4"  # another case organisation: its own type, not the previous
    assert ex.link_type.value == "bedrijf"
    ex.link_org.value = "Bewonersgroep Nieuw"  # typed freely: the learner chooses
    assert ex.link_type.value == "" and not ex.link_type.disabled


def test_a_name_typed_in_lower_case_starts_the_status_sentence_with_a_capital(page):
    """Walk finding: 'ggd gekoppeld aan ...' began a sentence in lower case."""
    ex = OutreachExercise(page)
    dim = ex.model.dimensions[0]
    link(ex, dim.id, "ggd", expertise=2, support=2)
    assert ">Ggd gekoppeld aan 'Water'.<" in shown(ex.link_message)
    assert "ggd" in "".join(row.children[0].value for row in ex.link_rows.children)  # kept as typed


def test_after_adding_a_proposal_the_form_starts_blank(page):
    """Walk finding: after a proposal with 'Gehoor: nee' the next one kept 'nee'."""
    ex = OutreachExercise(page)
    propose_schoolyards(ex)
    assert ex.model.alternatives[-1].hearing == "no"
    assert (ex.alt_text.value, ex.alt_by.value, ex.alt_status.value, ex.alt_hearing.value) == ("", "", "brought", "unknown")
    assert not ex.alt_dimension.value
    ex.alt_text.value = "Waterpleinen"
    ex.alt_add.click()
    assert ex.model.alternatives[-1].hearing is None and ex.model.alternatives[-1].dimension_id is None
    ex.alt_add.click()  # an error keeps what was typed: nothing to reset
    assert "Beschrijf eerst" in ex.alt_message.value
