"""check-case reports everything it does not use, in Dutch, naming file, row and column.

Each test writes a small case folder with one kind of mistake a trainer makes and reads
``verbinding check-case`` the way a trainer does: the printed report. "geen problemen"
may only show when nothing was ignored.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from verbinding.cases import check_case_command, load_case
from verbinding.cli import main

CASE_YAML = """\
titel: "Zonneweides in de Uiterwaarden"
uitdaging: "Waar komen zonneweides, en wie praat mee?"
ministerie: "Provincie Uiterwaarden (verzonnen)"
periode: "2022-2024"
dimensies:
  - id: natuur
    naam: "Natuur"
    uitleg: "Planten en dieren in de uiterwaarden."
  - id: energie
    naam: "Energie"
    uitleg: "Stroom uit zon en wind."
"""

ORGS = [
    ["id", "naam", "type", "organisatiekracht", "expertise"],
    ["U01", "Gemeente Waalkant", "overheid", "4", "energie"],
    ["U02", "Stichting Uiterwaard Natuur", "ngo", "2", "natuur"],
    ["U03", "Zonnepark Ontwikkeling Oost B.V.", "bedrijf", "5", "energie"],
    ["U04", "Netbeheer Rivierenland (NBR)", "bedrijf", "5", "energie"],
    ["U05", "Dorpsraad Ooij", "burgers", "1", "natuur"],
]
CONTACTS = [
    ["datum", "organisatie_id", "vorm", "onderwerp", "initiatief"],
    ["2023-01-10", "U01", "gesprek", "Locaties", "ministerie"],
    ["2023-02-14", "U03", "gesprek", "Netaansluiting", "organisatie"],
    ["2023-03-01", "U04", "werkbezoek", "Netcongestie", "ministerie"],
    ["2023-04-20", "U02", "gesprek", "Vogels", "organisatie"],
    ["2023-05-11", "U05", "rondetafel", "Zicht vanaf de dijk", "ministerie"],
]


def write_csv(path: Path, rows, separator=";") -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=separator).writerows(rows)


def make_case(folder: Path, orgs=None, contacts=None, yaml_text: str = CASE_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(yaml_text, encoding="utf-8")
    write_csv(folder / "organisations.csv", orgs or ORGS)
    write_csv(folder / "contacts.csv", contacts or CONTACTS)
    return folder


def run(path, *extra, capsys) -> tuple[int, str]:
    code = main(["check-case", str(path), *extra])
    return code, capsys.readouterr().out


def test_clean_case_says_no_problems(tmp_path, capsys):
    code, out = run(make_case(tmp_path / "zon"), capsys=capsys)
    assert code == 0
    assert "geen problemen gevonden" in out


def test_column_with_a_note_in_brackets_is_read(tmp_path, capsys):
    orgs = [list(row) for row in ORGS]
    orgs[0][3] = "Organisatiekracht (1-5)"
    case = load_case(make_case(tmp_path / "zon", orgs=orgs))
    assert case.report.ok, str(case.report)
    assert case.organisations["capacity"].notna().all()


def test_typo_in_optional_and_unknown_columns_are_reported_with_a_guess(tmp_path, capsys):
    orgs = [row + ["x"] for row in ORGS]
    orgs[0][3] = "organisatiekrcht"
    orgs[0][-1] = "Telefoonnummer"
    code, out = run(make_case(tmp_path / "zon", orgs=orgs), capsys=capsys)
    assert code == 1
    assert "geen problemen" not in out
    assert "organisations.csv, rij 1, kolom 'organisatiekrcht': de kolom 'organisatiekrcht' wordt niet gelezen. Bedoel je 'organisatiekracht'?" in out
    assert "'Telefoonnummer'" in out and "worden niet gelezen" in out


def test_typo_in_a_required_column_gets_did_you_mean(tmp_path, capsys):
    contacts = [list(row) for row in CONTACTS]
    contacts[0][1] = "organsatie_id"
    code, out = run(make_case(tmp_path / "zon", contacts=contacts), capsys=capsys)
    assert code == 1
    assert "kolom 'organisatie_id': de kolom 'organisatie_id' ontbreekt" in out
    assert "Bedoel je 'organsatie_id'?" in out


def test_values_that_cannot_be_used_name_the_allowed_ones(tmp_path, capsys):
    contacts = [list(row) for row in CONTACTS]
    contacts[2][4] = "de buurman"
    contacts[3][4] = "provincie"  # our own side at another level: used, not reported
    case = load_case(make_case(tmp_path / "zon", contacts=contacts))
    lines = [str(p) for p in case.report.problems]
    assert any("contacts.csv, rij 3, kolom 'initiatief': 'de buurman'" in line and "ministerie" in line for line in lines), lines
    assert len(lines) == 1, lines
    assert (case.contacts.set_index("org_id").loc["U04", "initiated_by"]) == "ministerie"


def test_unknown_position_in_consultation_is_reported(tmp_path, capsys):
    folder = make_case(tmp_path / "zon")
    write_csv(folder / "consultation.csv", [
        ["naam", "dimensies", "standpunt", "organisatie_id"],
        ["Dorpsraad Ooij", "natuur", "steunt", "U05"],
        ["Vogelwacht", "natuur", "neutraal", ""],
    ])
    code, out = run(folder, capsys=capsys)
    assert code == 1
    assert "consultation.csv, rij 3, kolom 'standpunt': 'neutraal' is geen standpunt" in out
    assert "steunt met voorwaarden" in out


@pytest.mark.parametrize("first, second", [
    ("Coöperatie Zonnedak Waalkant U.A.", "Cooperatie Zonnedak Waalkant"),
    ("Gemeente Waalkant", "gemeente  Waalkant "),
    ("Netbeheer Rivierenland (NBR)", "NBR"),
    ("Zonnepark Ontwikkeling Oost B.V.", "Zonnepark Ontwikkeling Oost"),
])
def test_near_duplicate_organisations_are_flagged(tmp_path, capsys, first, second):
    orgs = [ORGS[0], ["A1", first, "ngo", "3", "natuur"], ["A2", second, "ngo", "3", "natuur"]]
    contacts = [CONTACTS[0], ["2023-01-10", "A1", "gesprek", "x", "ministerie"]]
    code, out = run(make_case(tmp_path / "zon", orgs=orgs, contacts=contacts), capsys=capsys)
    assert code == 1
    assert f"organisations.csv, rij 3, kolom 'naam': '{second.strip() if second != 'gemeente  Waalkant ' else 'gemeente  Waalkant'}' lijkt dezelfde organisatie als '{first}' (rij 2)" in out


def test_a_cell_naming_two_organisations_is_flagged(tmp_path, capsys):
    orgs = [list(row) for row in ORGS] + [["U06", "Dorpsraad Ooij / Dorpsraad Persingen", "burgers", "1", "natuur"]]
    code, out = run(make_case(tmp_path / "zon", orgs=orgs), capsys=capsys)
    assert "organisations.csv, rij 7, kolom 'naam': 'Dorpsraad Ooij / Dorpsraad Persingen' noemt meer dan één organisatie (Dorpsraad Ooij | Dorpsraad Persingen)" in out


def test_contacts_naming_organisations_get_the_id_and_a_corrected_file(tmp_path, capsys):
    contacts = [CONTACTS[0],
                ["2023-01-10", "gemeente waalkant", "gesprek", "Locaties", "ministerie"],
                ["2023-02-14", "Zonnepark Ontwikkeling Oost", "gesprek", "Net", "organisatie"],
                ["2023-03-01", "NBR", "gesprek", "Net", "organisatie"],
                ["2023-03-02", "Dorpsraad Ooij en Gemeente Waalkant", "rondetafel", "Zicht", "ministerie"],
                ["2023-03-03", "Onbekende Club", "gesprek", "x", "organisatie"]]
    folder = make_case(tmp_path / "zon", contacts=contacts)
    original = (folder / "contacts.csv").read_bytes()
    code, out = run(folder, capsys=capsys)
    assert code == 1
    assert "contacts.csv, rij 2, kolom 'organisatie_id': 'gemeente waalkant' is een naam, geen id uit organisations.csv. Bedoel je U01?" in out
    assert "rij 4, kolom 'organisatie_id': 'NBR' is een naam" in out and "Bedoel je U04?" in out
    assert "Bedoel je U05;U01?" in out
    assert "'Onbekende Club' staat niet in organisations.csv" in out
    assert not (folder / "contacts-verbeterd.csv").exists()

    code, out = run(folder, "--verbeter", capsys=capsys)
    fixed = folder / "contacts-verbeterd.csv"
    assert "Geschreven:" in out and fixed.is_file()
    assert (folder / "contacts.csv").read_bytes() == original  # the trainer's file is untouched
    rows = list(csv.reader(fixed.open(encoding="utf-8"), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["U01", "U03", "U04", "U05;U01", "Onbekende Club"]
    assert rows[1][3] == "Locaties"  # the other columns are kept
    fixed.replace(folder / "contacts.csv")
    case = load_case(folder)
    assert set(case.contacts["org_id"]) == {"U01", "U03", "U04", "U05"}


def test_american_dates_are_said_and_read_month_first(tmp_path, capsys):
    contacts = [CONTACTS[0], ["4/3/2023", "U01", "gesprek", "x", "ministerie"],
                ["4/13/2023", "U02", "gesprek", "x", "ministerie"]]
    case = load_case(make_case(tmp_path / "zon", contacts=contacts))
    lines = [str(p) for p in case.report.problems]
    assert any("rij 3, kolom 'datum'" in line and "maand/dag/jaar" in line for line in lines), lines
    assert sorted(case.contacts["date"].dt.strftime("%Y-%m-%d")) == ["2023-04-03", "2023-04-13"]


def test_ambiguous_dutch_dates_are_reported_not_silently_read(tmp_path, capsys):
    contacts = [CONTACTS[0], ["4/3/2023", "U01", "gesprek", "x", "ministerie"],
                ["5/5/2023", "U02", "gesprek", "x", "ministerie"]]
    case = load_case(make_case(tmp_path / "zon", contacts=contacts))
    lines = [str(p) for p in case.report.problems]
    assert lines == ["contacts.csv, rij 2, kolom 'datum': '4/3/2023' kan dag/maand of maand/dag zijn; "
                     "gelezen als 2023-03-04 (dag/maand). Bedoel je 2023-04-03, schrijf dan die datum zo in de cel."]


def test_dates_outside_the_period_are_reported(tmp_path, capsys):
    contacts = [list(row) for row in CONTACTS] + [["2019-06-01", "U01", "gesprek", "x", "ministerie"]]
    code, out = run(make_case(tmp_path / "zon", contacts=contacts), capsys=capsys)
    assert code == 1
    assert "contacts.csv, rij 7, kolom 'datum': de datum 01-06-2019 valt buiten de periode 2022-2024" in out


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("cp1252", "Windows-1252")])
def test_case_yaml_in_another_encoding_is_read_and_said(tmp_path, capsys, encoding, name):
    folder = make_case(tmp_path / "zon")
    (folder / "case.yaml").write_bytes(CASE_YAML.replace("Natuur", "Natuur en één").encode(encoding))
    code, out = run(folder, capsys=capsys)
    assert code == 1
    assert f"case.yaml is opgeslagen als {name}" in out
    assert "geen geldige YAML" not in out
    assert load_case(folder).dimension_name("natuur") == "Natuur en één"


def test_broken_yaml_names_the_line_and_the_text(tmp_path, capsys):
    broken = CASE_YAML.replace('periode: "2022-2024"', 'periode "2022-2024"\n  extra: x')
    code, out = run(make_case(tmp_path / "zon", yaml_text=broken), capsys=capsys)
    assert code == 1
    assert "case.yaml, rij 5" in out or "case.yaml, rij 6" in out, out


def test_a_folder_of_cases_is_checked_in_one_run(tmp_path, capsys):
    make_case(tmp_path / "alle" / "goed")
    contacts = [list(row) for row in CONTACTS] + [["2023-07-01", "X99", "gesprek", "x", "ministerie"]]
    make_case(tmp_path / "alle" / "fout", contacts=contacts)
    code, out = run(tmp_path / "alle", capsys=capsys)
    assert code == 1
    assert "Controle van " + str(tmp_path / "alle" / "goed") + ": geen problemen gevonden." in out
    assert "'X99' staat niet in organisations.csv" in out
    assert "2 casussen gecontroleerd" in out and "1 zonder meldingen, 1 met meldingen" in out


def test_check_case_command_function_keeps_its_signature(tmp_path, capsys):
    assert check_case_command(str(make_case(tmp_path / "zon"))) == 0


def test_level_fictional_and_own_types_in_case_yaml(tmp_path, capsys):
    yaml_text = CASE_YAML + "organisatieniveau: provinsie\nverzonnen: misschien\ntypen:\n  netbeheerder: publiek\n  boerenbond: landbouw\n"
    orgs = [list(row) for row in ORGS]
    orgs[4][2] = "Netbeheerder"
    orgs[5][2] = "boerenbond"
    folder = make_case(tmp_path / "zon", orgs=orgs, yaml_text=yaml_text)
    code, out = run(folder, capsys=capsys)
    assert code == 1
    assert ("case.yaml, rij 12, kolom 'organisatieniveau': 'provinsie' is geen organisatieniveau dat de cursus kent. "
            "Kies uit: ministerie, provincie, gemeente, waterschap, uitvoeringsorganisatie. Bedoel je 'provincie'?") in out
    assert "case.yaml, rij 13, kolom 'verzonnen': 'misschien' bij 'verzonnen' kennen we niet" in out
    assert "case.yaml, rij 14, kolom 'typen': bij het eigen type 'boerenbond' staat 'landbouw'" in out
    assert "organisations.csv, rij 6, kolom 'type': 'boerenbond' is geen bekend type" in out
    case = load_case(folder)
    assert case.organisations.set_index("org_id").loc["U04", "type"] == "overheid"  # netbeheerder: publiek
    assert case.level == "ministerie" and case.fictional is False

    fixed = CASE_YAML + "organisatieniveau: gemeente\nverzonnen: ja\ntypen:\n  netbeheerder: publiek\n  boerenbond: branche\n"
    (folder / "case.yaml").write_text(fixed, encoding="utf-8")
    case = load_case(folder)
    assert case.report.ok, str(case.report)
    assert case.level == "gemeente" and case.fictional is True
    assert case.organisations.set_index("org_id").loc["U05", "type"] == "branche"


def test_a_small_case_gets_a_warning_but_no_problem(tmp_path, capsys):
    code, out = run(make_case(tmp_path / "zon"), capsys=capsys)
    assert code == 0
    assert "Let op: de casus is klein (5 organisaties, 5 contacten)" in out


def test_a_first_profile_file_is_made_from_the_organisation_list(tmp_path, capsys):
    folder = make_case(tmp_path / "zon")
    write_csv(folder / "consultation.csv", [["naam", "dimensies", "standpunt", "organisatie_id"],
                                            ["Dorpsraad Ooij", "natuur", "kritisch", "U05"]])
    code, out = run(folder, capsys=capsys)
    assert "Er is geen profielen.csv" in out and "--profielen" in out
    code, out = run(folder, "--profielen", capsys=capsys)
    assert "Geschreven:" in out
    rows = list(csv.DictReader((folder / "profielen.csv").open(encoding="utf-8"), delimiter=";"))
    assert [r["id"] for r in rows] == ["U01", "U02", "U03", "U04", "U05"]
    assert rows[4]["naam"] == "Dorpsraad Ooij" and rows[4]["kennis"] == "natuur=2" and rows[4]["standpunt"] == "kritisch"
    case = load_case(folder)
    assert case.profiles["U05"]["position"] == "kritisch"
    assert case.profiles["U01"]["knowledge"] == {"energie": 2}
    before = (folder / "profielen.csv").read_bytes()
    run(folder, "--profielen", capsys=capsys)
    assert (folder / "profielen.csv").read_bytes() == before  # never overwritten
    assert (folder / "profielen-eerste-versie.csv").is_file()
