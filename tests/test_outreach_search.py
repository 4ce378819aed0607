"""Searching the case's organisations in step 3 of Outreach: by name, type, dimension,
topic and profile, whatever the capitals and accents, fast, and with a Dutch hint when
nothing is found (a new learner typed "natuur" and found nothing useful)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from verbinding.cases import load_case
from verbinding.modules.outreach import OrganisationSearch, normalise, org_type_labels
from verbinding.workbook import Workbook

pytest.importorskip("ipywidgets")

from verbinding.modules.outreach.view import OutreachExercise
from verbinding.modules.outreach.view.case import organisation_index


def small_case():
    orgs = pd.DataFrame({
        "org_id": ["a", "b", "c", "d", "e"],
        "name": ["Zorgverzekeraars Nederland Oost", "Stichting Groene Kade", "Patiëntenvereniging Hart",
                 "Netbeheer Zuid", "Waterschap Aa"],
        "type": ["branche", "ngo", "burgers", "bedrijf", "overheid"],
        "region": ["landelijk", "Utrecht", "Limburg", "Zeeland", "Noord-Brabant"],
        "own_type": ["", "", "", "", ""],
        "expertise": ["zorg", "natuur", "zorg;hitte", "", "water"],
    })
    contacts = pd.DataFrame({"org_id": ["d", "d"], "topic": ["Energie uit wind op zee", "Energie uit wind op zee"]})
    return SimpleNamespace(
        id="klein", title="Klein", challenge="", ministry="", texts={},
        dimensions=[SimpleNamespace(id="zorg", name="Zorg thuis", explanation=""),
                    SimpleNamespace(id="natuur", name="Natuur en groen", explanation=""),
                    SimpleNamespace(id="hitte", name="Hitte en gezondheid", explanation=""),
                    SimpleNamespace(id="water", name="Water", explanation="")],
        organisations=orgs, contacts=contacts,
        profiles={"e": {"work": "Een waterschap: zorgt voor dijken en schoon water.", "members": "Inwoners",
                        "explanation": "Zorg dat er genoeg water is."}},
    )


def search_of(case) -> OrganisationSearch:
    return OrganisationSearch(organisation_index(case), case, org_type_labels())


def names(result) -> list[str]:
    return [found.name for found in result.found]


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise("  Patiënten-Vereniging  'De Eik' ") == "patienten vereniging de eik"
    assert normalise(None) == ""


def test_the_name_type_dimension_topic_and_region_all_count():
    search = search_of(small_case())
    assert names(search.find("natuur")) == ["Stichting Groene Kade"]  # by its dimension
    assert names(search.find("NATUUR en groen")) == ["Stichting Groene Kade"]
    assert names(search.find("energie")) == ["Netbeheer Zuid"]  # by the topic of its contacts
    assert names(search.find("limburg")) == ["Patiëntenvereniging Hart"]  # by region
    assert names(search.find("patienten")) == ["Patiëntenvereniging Hart"]  # accents do not matter
    assert names(search.find("vakbond")) == []
    # "zorg": the name first, then by dimension; not the water board that "zorgt voor dijken"
    assert names(search.find("zorg")) == ["Zorgverzekeraars Nederland Oost", "Patiëntenvereniging Hart"]
    assert names(search.find("maatschappelijke")) == ["Stichting Groene Kade"]  # by its type's label
    assert names(search.find("dijken")) == ["Waterschap Aa"]  # a whole word of its profile


def test_every_word_must_match():
    search = search_of(small_case())
    assert names(search.find("zorg limburg")) == ["Patiëntenvereniging Hart"]
    assert names(search.find("zorg zeeland")) == []


def test_the_message_counts_or_says_what_to_try():
    search = search_of(small_case())
    assert search.find("").message == ""
    assert search.find("zorg").message.startswith("2 organisaties gevonden")
    assert search.find("natuur").message.startswith("1 organisatie gevonden")
    none = search.find("ruimtevaart").message
    assert "Geen organisatie gevonden met 'ruimtevaart'" in none
    assert "onderwerp" in none and "soort organisatie" in none and "zelf" in none


def test_at_most_a_list_full_is_shown_with_the_total(monkeypatch):
    search = search_of(small_case())
    result = search.find("e", limit=2)
    assert len(result.found) == 2 and result.total == 5
    assert "5 organisaties gevonden" in result.message and "De eerste 2" in result.message


@pytest.mark.parametrize(("case_id", "query", "dimension"), [
    ("klimaatadaptatie", "natuur", "natuur"),
    ("vergrijzing", "ZORG", "zorg"),
])
def test_built_in_cases_find_every_organisation_that_knows_the_field(case_id, query, dimension):
    """(Its speed is measured in benchmarks/bench_reactions.py, not timed here.)"""
    case = load_case(case_id)
    search = search_of(case)
    assert len(search) == len(case.organisations)
    result = search.find(query)
    knows = case.organisations["expertise"].str.split(";").apply(lambda dims: dimension in dims)
    assert result.total >= knows.sum() > 50, result.message  # every organisation that knows the field


def test_a_topic_shows_several_kinds_of_organisation_first():
    """'natuur' matched 259 organisations whose first 40, alphabetical, were all
    'Bewonerscomité …': the list takes the types in turn."""
    result = search_of(load_case("klimaatadaptatie")).find("natuur")
    first = [found.type_label for found in result.found[:10]]
    assert len(set(first)) >= 5, first


@pytest.mark.parametrize("query", ["boer", "boeren", "landbouw", "agrarisch"])
def test_a_field_finds_who_knows_it_best_first(query):
    # A learner's walk: 'boer' found nothing, and 'landbouw' showed 'Vakbond Bouw ...' (which
    # knows little of 'Droogte en landbouw') near the top.
    case = load_case("klimaatadaptatie")
    result = search_of(case).find(query)
    assert result.total > 50, result.message
    knows = [case.profiles[found.org_id]["knowledge"].get("droogte", 0) for found in result.found]
    assert min(knows[:20]) >= 2 and knows[:3] == [3, 3, 3] and knows[:10].count(3) >= 5, knows
    # the first turn of types: who knows much first ('Vakbond Bouw De Open Reiger' knows 2 of 3)
    first_turn = knows[:len({found.type_label for found in result.found})]
    assert first_turn == sorted(first_turn, reverse=True), first_turn
    little = {found.org_id for found in result.found[:20] if found.name.startswith("Vakbond Bouw")
              and case.profiles[found.org_id]["knowledge"].get("droogte", 0) < 2}
    assert not little, "a union that knows little of the field is not near the top"
    weak = [i for i, k in enumerate(knows) if k < 2]
    strong = [i for i, k in enumerate(knows) if k >= 2]
    assert not weak or max(strong) < min(weak), "little knowledge comes after enough"


def test_a_profile_word_counts_as_the_start_of_a_word_but_not_as_a_verb():
    case = small_case()
    case.profiles["b"] = {"work": "Een stichting die opkomt voor boeren en tuinders.", "members": "Donateurs"}
    case.profiles["d"] = {"work": "Een netbeheerder. Wij zorgen voor kabels en zorgen dat de stroom blijft.",
                          "members": "Geen achterban"}
    search = search_of(case)
    assert names(search.find("boer")) == ["Stichting Groene Kade"]  # 'boeren' in its profile
    assert names(search.find("tuinder")) == ["Stichting Groene Kade"]
    assert names(search.find("zorg")) == ["Zorgverzekeraars Nederland Oost", "Patiëntenvereniging Hart"]
    assert names(search.find("di")) == []  # a short word counts only whole in a profile ("die")


def test_a_sector_in_the_name_comes_first():
    result = search_of(load_case("vergrijzing")).find("zorgverzekeraars")
    assert result.found and all("Zorgverzekeraars" in found.name for found in result.found)


# ----- the widget: thin over the search ------------------------------------------------


@pytest.fixture
def exercise(data_home):
    page = SimpleNamespace(workbook=Workbook.open("leerling-zoek", home=data_home), case=small_case())
    return OutreachExercise(page)


def test_typing_shows_the_matches_and_picking_one_fills_the_organisation_box(exercise):
    assert exercise.link_results.layout.display == "none"
    exercise.link_search.value = "natuur"
    assert exercise.link_results.layout.display is None
    assert exercise.link_results.options == ("Stichting Groene Kade",)
    assert "1 organisatie gevonden" in exercise.link_found.value
    exercise.link_results.value = "Stichting Groene Kade"
    assert exercise.link_org.value == "Stichting Groene Kade"
    assert exercise.link_type.value == "ngo" and exercise.link_type.disabled  # the known type


def test_nothing_found_gives_a_hint_and_an_empty_list(exercise):
    exercise.link_search.value = "ruimtevaart"
    assert exercise.link_results.options == ()
    assert exercise.link_results.layout.display == "none"
    assert "Geen organisatie gevonden met &#x27;ruimtevaart&#x27;" in exercise.link_found.value


def test_without_a_case_there_is_no_search(data_home):
    page = SimpleNamespace(workbook=Workbook.open("leerling-geen", home=data_home), case=None)
    ex = OutreachExercise(page)
    assert ex.link_step.search_box.layout.display == "none"
