"""Done-when of issue 26: a provincial RES case, made the way a trainer at a provincial
academy makes one (organisations from an Excel sheet, meetings from an Outlook export that
names organisations), is checked by check-case, fixed with its help, and then runs in
modules 2-4 saying "je provincie" and naming a province's documents."""

from __future__ import annotations

import csv
import importlib
import random

import ipywidgets as widgets
import openpyxl
import pandas as pd
import pytest

from verbinding import paths
from verbinding.cases import load_course_case
from verbinding.cli import main
from verbinding.course import module
from verbinding.texts import set_case_level
from verbinding.ui.page import CoursePage
from verbinding.workbook import Workbook

CASE_YAML = """\
titel: "Regionale Energiestrategie Rivierland"
uitdaging: "Waar komen windmolens en zonnevelden in Rivierland, en wie praat daarover mee?"
ministerie: "Provincie Rivierland, team Energie"
organisatieniveau: provincie
verzonnen: nee
periode: "2023-2024"
dimensies:
  - id: landschap
    naam: "Landschap"
    uitleg: "Hoe de uiterwaarden en dijken eruitzien."
  - id: net
    naam: "Stroomnet"
    uitleg: "Ruimte op het stroomnet voor nieuwe opwek."
  - id: opbrengst
    naam: "Lokale opbrengst"
    uitleg: "Wie er geld aan verdient: bewoners of beleggers."
  - id: natuur
    naam: "Natuur"
    uitleg: "Vogels en vleermuizen in het rivierengebied."
"""

KINDS = [("Gemeente", "overheid"), ("Dorpsraad", "burgers"), ("Energiecoöperatie", "ngo"),
         ("Projectontwikkelaar", "bedrijf"), ("Natuurvereniging", "ngo"), ("Agrarisch Collectief", "branche")]
PLACES = ["Rivierstad", "Heteren", "Driel", "Zetten", "Andelst", "Randwijk", "Oosterhout"]


def organisations() -> list[list]:
    rows = [["ID", "Naam", "Type", "Organisatiekracht (1-5)", "Expertise"]]
    number = 0
    for kind, type_id in KINDS:
        for place in PLACES[: 6 if kind == "Gemeente" else 5]:
            number += 1
            rows.append([f"R{number:02d}", f"{kind} {place}", type_id, 1 + number % 5,
                         "landschap;natuur" if type_id in ("ngo", "burgers") else "net;opbrengst"])
    rows.append(["R90", "Coöperatie Windkracht Betuwe U.A.", "ngo", 2, "opbrengst"])
    rows.append(["R91", "Netbeheerder Rivierenland (NBR)", "bedrijf", 5, "net"])
    rows.append(["R92", "Cooperatie Windkracht Betuwe", "ngo", 2, "opbrengst"])  # the same one twice
    return rows


def outlook_export(names: list[str]) -> list[list]:
    """An Outlook calendar export (Dutch Windows): subject, start, times, place and a column
    the trainer added with the organisations at the table, by name."""
    rng = random.Random(26)
    rows = [["Onderwerp", "Begindatum", "Begintijd", "Einddatum", "Locatie", "Organisatie", "Initiatief"]]
    for number in range(71):
        month, day = 1 + number % 12, 1 + (number * 7) % 28
        year = 2023 + number % 2
        guests = rng.sample(names[:12], 1) if number % 3 else rng.sample(names, 3)
        guests = [g.casefold() if number % 5 == 0 else g for g in guests]
        rows.append([f"Overleg RES {number}", f"{day}-{month}-{year}", "10:00", f"{day}-{month}-{year}",
                     "Provinciehuis", " / ".join(guests), "provincie" if number % 2 else "organisatie"])
    return rows


@pytest.fixture
def own_dir(tmp_path, monkeypatch):
    folder = tmp_path / "casussen"
    folder.mkdir()
    monkeypatch.setattr(paths, "course_folders", lambda: [])
    monkeypatch.setenv("VERBINDING_CASES", str(folder))
    yield folder
    set_case_level("ministerie")


def write_xlsx(path, rows) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organisaties RES"
    sheet.append(["Deelnemers RES Rivierland, versie maart"])  # a title line above the header
    for row in rows:
        sheet.append(row)
    book.save(path)


def texts_of(widget) -> str:
    found, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, (widgets.HTML, widgets.Label)):
            found.append(node.value)
        stack.extend(getattr(node, "children", ()))
    return "\n".join(found)


def test_a_provincial_res_case_from_excel_and_outlook(own_dir, data_home, capsys):
    folder = own_dir / "res-rivierland"
    folder.mkdir()
    (folder / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
    orgs = organisations()
    write_xlsx(folder / "organisaties.xlsx", orgs)
    names = [row[1] for row in orgs[1:-1]]
    with (folder / "contacten.csv").open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(outlook_export(names))

    # 1. The first check: everything that is not used is named, with file, row, column, fix.
    assert main(["check-case", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "geen problemen" not in out
    assert ("organisaties.xlsx, rij 36, kolom 'Naam': 'Cooperatie Windkracht Betuwe' lijkt dezelfde organisatie "
            "als 'Coöperatie Windkracht Betuwe U.A.' (rij 34)") in out
    assert "contacten.csv, rij 1: deze kolommen worden niet gelezen: 'Begintijd', 'Einddatum', 'Locatie'" in out
    assert "contacten.csv, rij 2, kolom 'Organisatie': '" in out and "is een naam, geen id uit organisaties.xlsx. Bedoel je R" in out
    assert "--verbeter" in out

    # 2. The trainer removes the duplicate in Excel and lets check-case write the ids.
    write_xlsx(folder / "organisaties.xlsx", orgs[:-1])
    assert main(["check-case", str(folder), "--verbeter"]) == 1
    assert "Geschreven:" in capsys.readouterr().out
    fixed = pd.read_csv(folder / "contacts-verbeterd.csv", sep=";", dtype=str)
    assert fixed["Organisatie"].str.fullmatch(r"R\d\d(;R\d\d)*").all()
    # ... drops the calendar columns the course does not read, and keeps the new file.
    fixed[["Onderwerp", "Begindatum", "Organisatie", "Initiatief"]].to_csv(folder / "contacten.csv", sep=";", index=False)
    (folder / "contacts-verbeterd.csv").unlink()
    assert main(["check-case", str(folder)]) == 0, capsys.readouterr().out
    assert "geen problemen gevonden" in capsys.readouterr().out

    case = load_course_case("eigen:res-rivierland")
    assert case.level == "provincie" and not case.fictional
    assert len(case.organisations) == 33 and case.contacts["contact_id"].nunique() == 71
    assert set(case.contacts["initiated_by"]) == {"ministerie", "organisatie"}  # "provincie" is our side

    # 3. Modules 2-4 run with it and speak of the province.
    workbook = Workbook.open("res-1")
    workbook.case = "eigen:res-rivierland"
    shown = {}
    for module_id in ("outreach", "connection", "accountability", "drempels"):
        page = CoursePage(module_id, Workbook.open("res-1"), new_code=False)
        assert page.case.id == "eigen:res-rivierland"
        module_name, class_name = module(module_id).view.split(":")
        view = getattr(importlib.import_module(module_name), class_name)(page)
        shown[module_id] = texts_of(view)
        assert page.case_message.value == ""
    assert "je provincie" in shown["connection"]
    assert "je ministerie" not in shown["connection"]
    assert "Statenvoorstel" in shown["accountability"]
    assert "memorie van toelichting" not in shown["accountability"]
    assert "zijn verzonnen" not in "".join(shown.values())
