"""Module 5's workbench: modules 2-3's analyses on the learner's own dossier and contacts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from verbinding.document import to_markdown
from verbinding.modules.eigen_dossier import DossierScan, export_blocks, scan_markdown
from verbinding.modules.eigen_dossier.view import DossierExercise
from verbinding.modules.eigen_dossier.workbench import Workbench, WorkbenchError
from verbinding.texts import t
from verbinding.workbook import Workbook


def _bench() -> Workbench:
    bench = Workbench()
    health = bench.add_dimension("Gezondheid")
    work = bench.add_dimension("Werkgelegenheid")
    bench.add_stakeholder("GGD Rivierland", kind="overheid", dimension_id=health.id, expertise=3, support=3, contacts=20)
    bench.add_stakeholder("Boerenbond Oost", kind="branche", dimension_id=work.id, expertise=3, support=0, contacts=30)
    return bench


def test_gaps_come_from_the_outreach_rules_on_the_learners_own_map():
    bench = _bench()
    bench.add_dimension("Natuur")
    messages = [g.message for g in bench.gaps()]
    assert any("'Natuur'" in m for m in messages)  # no stakeholder for a dimension
    assert any("'Werkgelegenheid'" in m and "draagvlak" in m for m in messages)
    assert bench.map.case_id is None
    assert {s.name for s in bench.map.stakeholders} == {"GGD Rivierland", "Boerenbond Oost"}


def test_the_contact_pattern_names_the_few_who_get_most_contacts_and_pairs_it_with_the_caveat():
    bench = _bench()
    for name, count in [("Bewonersgroep Oost", 1), ("Dorpsraad Heteren", 2), ("Imkers", 1)]:
        bench.add_stakeholder(name, contacts=count)
    pattern = bench.insider_pattern()
    assert pattern.stakeholders == 5 and pattern.contacts == 54
    assert pattern.frequent == ("Boerenbond Oost",)  # the top fifth of 5 is 1
    assert pattern.frequent_share == pytest.approx(30 / 54)
    lines = bench.insider_lines()
    assert lines[0].startswith("56% van je 54 gesprekken ging naar één partij: Boerenbond Oost.")
    assert "patroon van vaste gesprekspartners" in lines[1]
    assert any("toegang is geen invloed" in line for line in lines)


def test_an_even_spread_is_not_called_a_pattern():
    bench = Workbench()
    for name in ("A-groep", "B-groep", "C-groep", "D-groep", "E-groep", "F-groep"):
        bench.add_stakeholder(name, contacts=3)
    lines = bench.insider_lines()
    assert "redelijk verdeeld" in lines[1]
    assert not any("patroon" in line for line in lines)


def test_most_talks_with_one_of_three_is_not_called_an_even_spread():
    """A walk: 45% of 31 talks went to one of 3 parties, and the page said 'redelijk verdeeld'."""
    bench = Workbench()
    for name, count in (("Provincie", 14), ("Gemeente", 9), ("Bewoners", 8)):
        bench.add_stakeholder(name, contacts=count)
    lines = bench.insider_lines()
    assert lines[0].startswith("45% van je 31 gesprekken ging naar één partij: Provincie.")
    assert lines[1].startswith("Je gesprekken zijn niet gelijk verdeeld: als je iedereen even vaak sprak, was dat 33%.")
    assert not any("redelijk verdeeld" in line for line in lines)


def test_support_only_from_frequent_contacts_is_named_per_dimension():
    bench = Workbench()
    dim = bench.add_dimension("Bereikbaarheid")
    bench.add_stakeholder("Vervoersbedrijf", dimension_id=dim.id, expertise=3, support=3, contacts=40)
    for name in ("Ouderenbond", "Fietsersclub", "Wijkraad", "Taxicentrale"):
        bench.add_stakeholder(name, dimension_id=dim.id, expertise=1, support=0, contacts=1)
    assert bench.insider_pattern().dimensions_frequent_only == ("Bereikbaarheid",)
    assert any("'Bereikbaarheid'" in line for line in bench.insider_lines())


def test_pasted_spreadsheet_lines_are_taken_over_and_bad_lines_named():
    bench = Workbench()
    pasted = bench.paste_contacts("Organisatie\tAantal gesprekken\nGGD Rivierland\t12\nKerk;1.200\nalleen een naam\n")
    assert pasted.names == ["GGD Rivierland", "Kerk"] and pasted.header == "Organisatie\tAantal gesprekken"
    assert pasted.problems == ["Regel 4: bij 'alleen een naam' staat geen aantal gesprekken. Zet de naam en het aantal "
                               "in twee kolommen, of typ ze met een puntkomma ertussen: VNG;12."]
    assert bench.contacts[bench.map.stakeholders[1].id] == 1200


@pytest.mark.parametrize("text", [
    "VNG;12\nWoonbond;0",
    "VNG\t12\nWoonbond\t0",
    "Organisatie\tGesprekken\nVNG\t12\nWoonbond\t0",
    "Organisatie;Gesprekken\r\nVNG ; 12\r\nWoonbond;0\r\n",
    "VNG, 12\nWoonbond,0",
    "VNG 12\nWoonbond 0",
])
def test_a_typed_or_pasted_list_is_taken_over_with_or_without_header(text):
    """Walk finding: 'VNG;12<Enter>Woonbond;0' gave '0 overgenomen.' and no counts."""
    bench = Workbench()
    bench.add_stakeholder("VNG")  # already in the list: its count is filled in
    pasted = bench.paste_contacts(text)
    assert pasted.names == ["VNG", "Woonbond"] and pasted.problems == []
    assert {s.name: bench.contacts.get(s.id) for s in bench.map.stakeholders} == {"VNG": 12, "Woonbond": 0}


def test_each_unreadable_line_is_named_with_its_reason():
    bench = Workbench()
    pasted = bench.paste_contacts("VNG;12\n;4\nWoonbond;veel\nIPO")
    assert pasted.names == ["VNG"]
    assert pasted.problems[0].startswith("Regel 2: ';4' heeft geen naam")
    assert pasted.problems[1] == ("Regel 3: 'veel' is geen heel getal. Vul het aantal gesprekken in als heel getal, "
                                  "bijvoorbeeld 12.")
    assert pasted.problems[2].startswith("Regel 4: bij 'IPO' staat geen aantal gesprekken.")
    one_line = Workbench().paste_contacts("VNG;12⏎Woonbond;0")  # never skipped silently as a header
    assert one_line.names == [] and "'12⏎Woonbond' is geen heel getal" in one_line.problems[0]


def test_contacts_can_be_changed_after_adding():
    bench = Workbench()
    stakeholder = bench.add_stakeholder("VNG")
    bench.set_contacts(stakeholder.id, " 7 ")
    assert bench.contacts[stakeholder.id] == 7
    with pytest.raises(WorkbenchError, match="heel getal"):
        bench.set_contacts(stakeholder.id, "zeven")
    assert bench.contacts[stakeholder.id] == 7
    bench.set_contacts(stakeholder.id, "")
    assert stakeholder.id not in bench.contacts


@pytest.mark.parametrize("value", ["veel", "-3", "1e9", "100001"])
def test_a_wrong_number_of_contacts_is_refused_in_dutch_and_nothing_changes(value):
    bench = _bench()
    before = bench.to_dict()
    with pytest.raises(WorkbenchError, match="Gesprekken per jaar|tussen 0 en"):
        bench.add_stakeholder("Nieuwe partij", contacts=value)
    assert bench.to_dict() == before


def test_empty_names_are_refused_in_dutch():
    bench = Workbench()
    with pytest.raises(WorkbenchError, match="naam van de dimensie"):
        bench.add_dimension("   ")
    with pytest.raises(WorkbenchError, match="naam van de organisatie"):
        bench.add_stakeholder("")


def test_state_round_trips_and_ignores_stray_values():
    state = _bench().to_dict()
    state["contacts"]["vrij-onbekend"] = 5
    state["contacts"][next(iter(state["contacts"]))] = "veel"
    bench = Workbench.from_dict(state)
    assert "vrij-onbekend" not in bench.contacts
    assert len(bench.contacts) == 1
    assert Workbench.from_dict({"map": "kapot"}).to_dict()["map"]["dimensions"] == []


def test_the_oca_scan_keeps_the_workbench_and_exports_it():
    scan = DossierScan()
    scan.title = "Laadpalen in de wijk"
    scan.workbench = _bench().to_dict()
    state = scan.to_dict()
    assert DossierScan.from_dict(state).workbench == state["werkbank"]
    text = to_markdown(export_blocks(state))
    assert "Werkbank: je eigen dimensies en belanghebbenden" in text
    assert "| Boerenbond Oost | Brancheorganisatie of werkgeversorganisatie | Werkgelegenheid: expertise veel, draagvlak geen | 30 |" in text
    assert "toegang is geen invloed" in scan_markdown(state)


@pytest.fixture
def page(data_home):
    return SimpleNamespace(workbook=Workbook.open("test-werkbank-ui"))


def test_the_workbench_on_the_page_saves_and_feeds_the_oca_questions(page):
    ex = DossierExercise(page)
    bench = ex.workbench
    bench.dimension.value = "Gezondheid"
    bench.add_dimension.click()
    bench.name.value = "GGD Rivierland"
    bench.link.value = bench.link.options[1][1]
    bench.expertise.value = 3
    bench.support.value = 2
    bench.contacts.value = "12"
    bench.add_stakeholder.click()
    bench.paste.value = "Bewonersgroep Oost\t2\nImkers\t1"
    bench.paste_button.click()
    saved = page.workbook.module("eigen_dossier")["werkbank"]
    assert [s["name"] for s in saved["map"]["stakeholders"]] == ["GGD Rivierland", "Bewonersgroep Oost", "Imkers"]
    assert bench.name.value == "" and bench.contacts.value == ""  # the form is empty for the next one
    rows = bench.stakeholders.children
    assert [r._dom_classes[-1] for r in rows] == [f"verbinding-item-{s['id']}" for s in saved["map"]["stakeholders"]]
    assert "80% van je 15 gesprekken ging naar één partij: GGD Rivierland" in bench.results.value
    dims_box = next(b for b in ex.boxes if b.question_id == "dimensions")
    assert "Je werkbank heeft 1 dimensie" in dims_box.hints.value
    # removing the middle row keeps the others in their place
    rows[1].children[-1].children[-1].click()  # the row's button, below its name
    assert [s["name"] for s in page.workbook.module("eigen_dossier")["werkbank"]["map"]["stakeholders"]] == [
        "GGD Rivierland", "Imkers"]
    # a new page (reload) shows the same work
    again = DossierExercise(SimpleNamespace(workbook=Workbook.open("test-werkbank-ui")))
    assert "GGD Rivierland" in again.workbench.stakeholders.children[0].children[0].value


def test_after_adding_a_stakeholder_the_ratings_say_not_rated_yet(page):
    """Walk finding (issue 28): after adding, the expertise and draagvlak lists were blank;
    they show their explicit empty choice, as at the start and as in module 2."""
    bench = DossierExercise(page).workbench
    empty = t("dossier.werkbank.rating_empty")
    assert empty == "(nog niet beoordeeld)"
    for control in (bench.expertise, bench.support):
        assert control.label == empty and control.index == 0
    bench.dimension.value = "Gezondheid"
    bench.add_dimension.click()
    bench.name.value = "GGD Rivierland"
    bench.link.value = bench.link.options[1][1]
    bench.expertise.value = 3
    bench.support.value = 2
    bench.add_stakeholder.click()
    for control in (bench.expertise, bench.support):
        assert control.label == empty and control.index == 0, control.label
    # a stakeholder added without ratings is saved as not rated (not as a score)
    bench.name.value = "Imkers"
    bench.link.value = bench.link.options[1][1]
    bench.add_stakeholder.click()
    saved = page.workbook.module("eigen_dossier")["werkbank"]["map"]
    imkers = next(s["id"] for s in saved["stakeholders"] if s["name"] == "Imkers")
    link = next(k for k in saved["links"] if k["stakeholder_id"] == imkers)
    assert link.get("expertise") is None and link.get("support") is None


def test_a_broken_paste_keeps_the_text_and_names_the_line(page):
    ex = DossierExercise(page)
    ex.workbench.paste.value = "GGD Rivierland\t3\nzomaar tekst"
    ex.workbench.paste_button.click()
    assert ex.workbench.paste.value == "GGD Rivierland\t3\nzomaar tekst"
    assert "Regel 2" in ex.workbench.paste_message.value
    assert "Overgenomen: GGD Rivierland." in ex.workbench.paste_message.value


def test_the_page_never_empties_a_paste_it_did_not_take_over(page):
    bench = DossierExercise(page).workbench
    bench.paste.value = "Organisatie;Gesprekken"
    bench.paste_button.click()
    assert bench.paste.value == "Organisatie;Gesprekken"
    assert "Er is niets overgenomen." in bench.paste_message.value and "kopregel" in bench.paste_message.value
    bench.paste.value = ""
    bench.paste_button.click()
    assert "Het vak is leeg" in bench.paste_message.value
    bench.paste.value = "VNG;12\nWoonbond;0"
    bench.paste_button.click()
    assert bench.paste.value == "" and "Overgenomen: VNG en Woonbond." in bench.paste_message.value
    # the count stays editable in the stakeholder's row
    field = bench.stakeholders.children[0].children[1].children[0]
    assert field.description == "Gesprekken per jaar met VNG" and field.value == "12"
    field.value = "15"
    saved = page.workbook.module("eigen_dossier")["werkbank"]
    assert saved["contacts"]["vrij-vng"] == 15
    field.value = "vijftien"
    assert "heel getal" in bench.form_message.value
    assert page.workbook.module("eigen_dossier")["werkbank"]["contacts"]["vrij-vng"] == 15


def test_a_row_and_its_contacts_field_stay_the_same_widgets_while_the_learner_types(page):
    """Saving one row's contacts drew the whole list again with new fields: keys typed after
    the save went into a field that was gone. A row is made once; the kernel writes its
    field only when the saved number says something else."""
    ex = DossierExercise(page)
    bench = ex.workbench
    for name in ("GGD Rivierland", "Imkers"):
        bench.name.value = name
        bench.add_stakeholder.click()
    rows = list(bench.stakeholders.children)
    field = rows[0].children[-1].children[0]
    field.value = " 7 "
    assert field.value == " 7 ", "the typed text is not written over with '7'"
    assert list(bench.stakeholders.children) == rows and rows[0].children[-1].children[0] is field
    bench.name.value = "Natuurmonumenten"
    bench.add_stakeholder.click()
    assert bench.stakeholders.children[:2] == tuple(rows)
    stakeholders = page.workbook.module("eigen_dossier")["werkbank"]
    assert sorted(stakeholders["contacts"].values()) == [7]
    field.value = "zeven"  # refused: the learner's text stays to correct
    assert field.value == "zeven" and "verbinding-error" in bench.form_message.value
    bench.load(stakeholders)  # a restore shows the saved number
    assert field.value == "7"


@pytest.mark.parametrize("kind", ["burgers", "burger_individueel", "kennis"])
def test_the_one_kind_gap_never_advises_the_kind_that_is_already_there(kind):
    # A learner's walk: the only source was a citizens' group, and the advice read
    # 'Zoek ook bijvoorbeeld een kennisinstelling, een beroepsvereniging of een groep burgers'.
    bench = Workbench()
    dim = bench.add_dimension("Leefbaarheid")
    bench.add_stakeholder("Bewonersgroep De Horst", kind=kind, dimension_id=dim.id, expertise=3, support=3)
    bench.add_stakeholder("Dorpsraad Oosterwolde", kind=kind, dimension_id=dim.id, expertise=2, support=2)
    (gap,) = [g for g in bench.gaps() if g.rule == "single_type"]
    advised = {"burgers": "groep burgers", "burger_individueel": "groep burgers", "kennis": "kennisinstelling"}[kind]
    assert advised not in gap.action and "Zoek ook bijvoorbeeld een " in gap.action
    assert gap.action.count("een ") == 3 and " of een " in gap.action
