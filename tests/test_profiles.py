"""Organisation profiles (module 2): reading, the built-in cases, comparison with ratings."""

from __future__ import annotations

import html
from types import SimpleNamespace

import pandas as pd
import pytest

from verbinding.cases import load_course_case
from verbinding.modules.outreach import OutreachMap
from verbinding.profiles import profile_for, rating_checks, read_profiles, uneven_field_findings
from verbinding.workbook import Workbook


def test_every_builtin_organisation_has_a_profile_a_learner_can_read():
    for case_id in ("klimaatadaptatie", "vergrijzing"):
        case = load_course_case(case_id)
        assert set(case.profiles) == set(case.organisations["org_id"])
        first = case.organisations.iloc[0]
        profile = profile_for(case, first["org_id"])
        assert profile.name == first["name"]
        assert profile.work and profile.members and profile.position
        assert profile.capacity_text().startswith(("Heel", "Klein", "Gemiddeld", "Groot"))
        listed = set(first["expertise"].split(";"))
        assert {d for d, v in profile.knowledge.items() if v >= 2} == listed


def test_reading_is_lenient(tmp_path):
    assert read_profiles(tmp_path) == {}
    (tmp_path / "profielen.csv").write_text(
        "id,werk,achterban,kennis,standpunt,toelichting\n"
        "A1,Helpt boeren,Boeren,water=3;natuur=x;onbekend=2,steunt,Meer water\n"
        "A2,Iets,Niemand,water=9,misschien,\n"
        "A1,dubbel,,,,\n",
        encoding="utf-8",
    )
    profiles = read_profiles(tmp_path, ["water", "natuur"])
    assert profiles["A1"]["work"] == "Helpt boeren", "the first row of an id counts"
    assert profiles["A1"]["knowledge"] == {"water": 3}, "bad levels and unknown dimensions are left out"
    assert profiles["A2"]["knowledge"] == {} and profiles["A2"]["position"] == ""
    (tmp_path / "profielen.csv").write_text("id;werk;achterban;kennis;standpunt\nA3;Werk;Leden;natuur=2;kritisch\n")
    assert read_profiles(tmp_path)["A3"]["position"] == "kritisch", "a spreadsheet's ; works too"
    (tmp_path / "profielen.csv").write_bytes(b"\xff\xfe broken")
    assert read_profiles(tmp_path) == {}


def small_case():
    orgs = pd.DataFrame({
        "org_id": ["b1", "b2", "n1"], "name": ["Bouwbedrijf", "Bouwbranche", "Stichting Hitte"],
        "type": ["bedrijf", "branche", "ngo"], "capacity": [5, 4, 1], "staff_band": ["250+", "50-249", "1-9"],
    })
    profiles = {
        "b1": {"work": "Bouwt", "members": "Zichzelf", "knowledge": {"water": 3}, "position": "tegen", "explanation": ""},
        "n1": {"work": "Helpt", "members": "Ouderen", "knowledge": {"hitte": 3, "water": 1}, "position": "steunt",
               "explanation": ""},
    }
    dims = [SimpleNamespace(id="water", name="Water", explanation=""), SimpleNamespace(id="hitte", name="Hitte", explanation="")]
    return SimpleNamespace(id="demo", organisations=orgs, profiles=profiles, dimensions=dims, builtin=True)


def test_ratings_are_compared_with_the_profile():
    case = small_case()
    model = OutreachMap.from_case(case)
    b1 = model.add_stakeholder("Bouwbedrijf", org_id="b1", type="bedrijf")
    n1 = model.add_stakeholder("Stichting Hitte", org_id="n1", type="ngo")
    model.set_link("water", b1.id, expertise=3, support=3)   # expertise right, support far too high
    model.set_link("hitte", n1.id, expertise=0)              # far too low, support unrated
    checks = rating_checks(model, case)
    assert [(c.kind, c.learner, c.profile) for c in checks] == [("expertise", 3, 3), ("support", 3, 0), ("expertise", 0, 3)]
    assert "allebei 'veel' kennis" in checks[0].message
    assert "is tegen het voorstel" in checks[1].message and "rooskleurig" in checks[1].message
    assert "meer dan je denkt" in checks[2].message


def test_on_the_learners_own_dimension_the_profile_says_nothing_about_knowledge():
    """A walk: for her own dimension 'Werk in de buitenlucht' the page said 'het profiel maar
    geen', but the profile does not cover that dimension."""
    case = small_case()
    model = OutreachMap.from_case(case)
    own = model.add_dimension("Werk in de buitenlucht")
    n1 = model.add_stakeholder("Stichting Hitte", org_id="n1", type="ngo")
    model.set_link(own.id, n1.id, expertise=3, support=2)
    checks = rating_checks(model, case)
    assert [c.kind for c in checks] == ["support"], "draagvlak is about the organisation, kennis about a case dimension"


def test_dimension_known_only_through_business_is_the_uneven_playing_field():
    case = small_case()
    model = OutreachMap.from_case(case)
    b1 = model.add_stakeholder("Bouwbedrijf", org_id="b1", type="bedrijf")
    b2 = model.add_stakeholder("Bouwbranche", org_id="b2", type="branche")
    n1 = model.add_stakeholder("Stichting Hitte", org_id="n1", type="ngo")
    model.set_link("water", b1.id, expertise=3)
    model.set_link("water", b2.id, expertise=2)
    model.set_link("water", n1.id, expertise=1)  # a citizen voice with too little expertise does not count
    model.set_link("hitte", n1.id, expertise=3)
    findings = uneven_field_findings(model)
    assert [f.dimension_id for f in findings] == ["water"]
    assert "Bouwbedrijf en Bouwbranche" in findings[0].message and "ongelijk speelveld" in findings[0].message
    model.set_link("water", n1.id, expertise=2)
    assert uneven_field_findings(model) == []


def test_the_outreach_page_shows_the_profile_where_the_learner_rates(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.outreach.view import OutreachExercise

    case = load_course_case("klimaatadaptatie")
    page = SimpleNamespace(workbook=Workbook.open("profiel-1", home=data_home), case=case)
    ex = OutreachExercise(page)
    first = case.organisations.iloc[1]
    ex.link_dimension.value = "water"
    ex.link_org.value = first["name"]
    card = html.unescape(ex.profile_card.value)
    profile = profile_for(case, first["org_id"])
    assert profile.work in card and profile.members in card and "Organiserend vermogen" in card
    assert "Over 'Waterveiligheid en wateroverlast'" in card
    ex.link_expertise.value = 0
    ex.link_support.value = 3
    ex.link_add.click()
    feedback = html.unescape(ex.profile_feedback.value)
    assert "Jouw oordeel naast de profielen" in feedback
    assert f"{first['name']} op 'Waterveiligheid en wateroverlast': jij zegt 'geen' kennis" in feedback


def test_uneven_field_line_claims_nothing_on_an_empty_map():
    """Walk finding: an empty map said 'Op geen enkele dimensie komt de kennis alleen van
    bedrijven of brancheorganisaties', a tick for a map that holds nothing."""
    from verbinding.profiles import uneven_field_summary

    empty = OutreachMap()
    assert uneven_field_findings(empty) == []
    assert "nog niets te beoordelen" in uneven_field_summary(empty)
    assert "Op geen enkele dimensie" not in uneven_field_summary(empty)
    model = OutreachMap.from_case(small_case())  # dimensions, no organisations yet
    assert "nog niets te beoordelen" in uneven_field_summary(model)
    n1 = model.add_stakeholder("Stichting Hitte", org_id="n1", type="ngo")
    model.set_link("hitte", n1.id, expertise=3)
    partial = uneven_field_summary(model)
    assert partial.startswith("Bij 'Hitte' komt de kennis niet alleen van bedrijven") and "andere dimensies" in partial
    model.set_link("water", n1.id, expertise=2)
    assert uneven_field_summary(model) == "Op geen enkele dimensie komt de kennis alleen van bedrijven of brancheorganisaties."
    b1 = model.add_stakeholder("Bouwbedrijf", org_id="b1", type="bedrijf")
    model.set_link("water", b1.id, expertise=3)
    model.set_link("water", n1.id, expertise=1)
    assert uneven_field_findings(model) and uneven_field_summary(model) == ""


def test_checks_summary_agrees_with_one_and_counts_all():
    """Walk finding: '1 van de 2 oordelen liggen dicht bij het profiel'."""
    from verbinding.profiles import RatingCheck, checks_summary

    def check(learner, profile):
        return RatingCheck("expertise", "A", "Water", learner, profile, "")

    assert checks_summary([check(3, 3), check(0, 3)]).startswith("1 van de 2 oordelen ligt dicht bij het profiel")
    assert checks_summary([check(3, 3), check(2, 3)]).startswith("Beide oordelen liggen dicht bij")
    assert checks_summary([check(3, 3)] * 3).startswith("Alle 3 oordelen liggen dicht bij")
    assert checks_summary([check(0, 3)]).startswith("Je enige oordeel ligt niet dicht bij het profiel")
    assert checks_summary([check(0, 3)] * 3).startswith("Geen van de 3 oordelen ligt dicht bij")
