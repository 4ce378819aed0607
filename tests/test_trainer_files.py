"""A trainer's files never fail silently or crash (issue 15).

Each test builds a file like the one a trainer brought or edited (a case folder, a contact
log, an exercise text file, a workbook for the class overview) and checks what the trainer
sees: a Dutch message naming file, line or row, never a traceback, never a silent loss.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from verbinding import texts
from verbinding.cases import CaseError, check_case_command, load_case, load_contact_log
from verbinding.cli import main
from verbinding.texts import t

EXAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "voorbeeld-eigen-casus"


@pytest.fixture
def case_folder(tmp_path) -> Path:
    folder = tmp_path / "mijn-casus"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit_yaml(folder: Path, change) -> None:
    path = folder / "case.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def check_case(capsys, path) -> tuple[int, str]:
    code = check_case_command(str(path))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out


# ----- case.yaml --------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["uitleg", "naam", "id"])
def test_dimension_without_a_field_is_reported_not_a_traceback(case_folder, capsys, missing):
    edit_yaml(case_folder, lambda data: data["dimensies"][1].pop(missing))
    code, out = check_case(capsys, case_folder)
    assert code == 1
    assert f"dimensie 2 heeft geen '{missing}'" in out
    assert "case.yaml, kolom 'dimensies'" in out


def test_windows_1252_case_yaml_with_a_syntax_error(case_folder, capsys):
    text = (case_folder / "case.yaml").read_text(encoding="utf-8")
    broken = text.replace('titel: "Voorbeeld: een schonere haven"', 'titel: "Café \'t Hoekje: haven\n  - fout: [')
    (case_folder / "case.yaml").write_bytes(broken.encode("cp1252"))
    code, out = check_case(capsys, case_folder)
    assert code == 1
    assert "case.yaml is geen geldige YAML" in out and "case.yaml, rij " in out


def test_dimensions_not_a_list(case_folder, capsys):
    edit_yaml(case_folder, lambda data: data.__setitem__("dimensies", "lucht, banen, geluid"))
    code, out = check_case(capsys, case_folder)
    assert code == 1
    assert "'dimensies' in case.yaml moet een lijst zijn" in out
    assert "Bekende dimensies: ." not in out
    assert "daar staan (nog) geen bruikbare dimensies" in out  # organisations' expertise column


# ----- the tables of a case ---------------------------------------------------------------

def test_csv_and_xlsx_side_by_side_are_refused_naming_both(case_folder, capsys):
    import pandas as pd

    pd.read_csv(case_folder / "organisations.csv", sep=";", dtype=str).head(3).to_excel(
        case_folder / "organisations.xlsx", index=False)
    with pytest.raises(CaseError) as info:
        load_case(case_folder)
    message = str(info.value)
    assert "organisations.csv en organisations.xlsx" in message
    code, out = check_case(capsys, case_folder)
    assert code == 1 and "geen problemen" not in out and "organisations.xlsx" in out


def test_an_id_with_a_comma_matches(case_folder):
    orgs = (case_folder / "organisations.csv").read_text(encoding="utf-8").splitlines()
    header = orgs[0]
    assert header.startswith("id;")
    orgs.append('"Wonen, Zorg en Welzijn";Wonen, Zorg en Welzijn;ngo;10-49;Zeeland;2;lucht')
    (case_folder / "organisations.csv").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    contacts = (case_folder / "contacts.csv").read_text(encoding="utf-8").rstrip("\n").splitlines()
    first_id = orgs[1].split(";")[0]
    second_id = orgs[2].split(";")[0]
    contacts.append("K900;01-06-2022;Wonen, Zorg en Welzijn;gesprek;Zorg in de haven;organisatie")
    contacts.append(f"K901;02-06-2022;{first_id}, {second_id};gesprek;Samen;organisatie")
    (case_folder / "contacts.csv").write_text("\n".join(contacts) + "\n", encoding="utf-8")
    case = load_case(case_folder)
    assert not [p for p in case.report.problems if "Wonen" in p.message]
    links = case.contacts
    assert list(links.loc[links["contact_id"] == "K900", "org_id"]) == ["Wonen, Zorg en Welzijn"]
    assert sorted(links.loc[links["contact_id"] == "K901", "org_id"]) == sorted([first_id, second_id])


# ----- one contact log --------------------------------------------------------------------

def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_unclosed_quote_is_reported_and_its_row_set_aside(tmp_path, capsys):
    log = write(tmp_path / "log.csv", 'datum;organisatie\n2021-01-01;"Stichting A\n2021-01-02;B\n2021-01-03;C\n2021-01-04;D\n')
    code, out = check_case(capsys, log)
    assert code == 1 and "geen problemen" not in out
    assert "log.csv, rij 2: op deze rij opent een aanhalingsteken" in out
    assert "3 regels" in out and "apart gezet (aanhalingsteken niet gesloten)" in out


def test_quoted_cell_over_two_lines_keeps_the_row_numbers_of_the_file(tmp_path):
    log = write(tmp_path / "log.csv", 'datum;organisatie;onderwerp\n2021-01-01;A;"regel een\nregel twee"\n2021-01-02;B;x\n;C;y\n')
    result = load_contact_log(log)
    assert len(result.links) == 2
    assert [(p.row, p.column) for p in result.report.problems] == [(5, "datum")]


def test_utf16_unicode_text_from_excel_loads(tmp_path):
    text = "Datum\tOrganisatie\r\n05-03-2021\tCoöperatie Één\r\n06-03-2021\tStichting Ærø\r\n"
    log = write(tmp_path / "export.txt", "\ufeff" + text, "utf-16-le")
    result = load_contact_log(log)
    assert sorted(result.links["organisation"]) == ["Coöperatie Één", "Stichting Ærø"]
    assert any("UTF-16" in note for note in result.report.notes)


def test_a_folder_is_called_a_folder(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    code = main(["access", str(folder), "--organisation", "organisatie", "--date", "datum"])
    err = capsys.readouterr().err
    assert code == 1 and "dit is een map, geen bestand" in err and "niet gevonden" not in err


def workbook_with_sheets(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_data_on_the_second_sheet_is_found_and_named(tmp_path):
    path = workbook_with_sheets(tmp_path / "log.xlsx", [
        ("Toelichting", [["Dit bestand komt uit het registratiesysteem."]]),
        ("Contacten", [["datum", "organisatie"], ["2021-01-01", "A"], ["2021-02-01", "B"]]),
        ("Oud", [["datum", "organisatie"], ["2019-01-01", "Z"]]),
    ])
    result = load_contact_log(path)
    assert sorted(result.links["organisation"]) == ["A", "B"]
    notes = " ".join(result.report.notes)
    assert "werkblad 'Contacten'" in notes and "'Toelichting', 'Oud'" in notes


def test_excel_without_the_columns_on_any_sheet_names_the_sheets(tmp_path):
    path = workbook_with_sheets(tmp_path / "log.xlsx", [("Blad1", [["wie", "wanneer"], ["A", "2021"]]),
                                                        ("Blad2", [["x"]])])
    with pytest.raises(CaseError) as info:
        load_contact_log(path)
    assert "'Blad1', 'Blad2'" in str(info.value) and "de kolom 'organisatie' ontbreekt" in str(info.value)


# ----- verbinding access agrees with check-case -------------------------------------------

LOG = "\n".join([
    "Contacten directie Water;;",
    "datum;organisatie;onderwerp",
    "2021-01-05;Stichting Aap; Vereniging Noot;overleg",
    "2021-02-05;\"Stichting Aap; Coöperatie Mies\";overleg",
    "2021-03-05;;overleg",
    "31-02-2021;Stichting Aap;overleg",
    "2022-01-05;Vereniging Noot;overleg",
]) + "\n"


def test_access_json_and_text_agree_with_check_case(tmp_path, capsys):
    log = write(tmp_path / "log.csv", LOG.replace("Stichting Aap; Vereniging Noot;overleg", "\"Stichting Aap; Vereniging Noot\";overleg"))
    assert check_case_command(str(log)) == 1
    checked = capsys.readouterr().out
    report = load_contact_log(log, separator=";").report
    assert main(["access", str(log), "--organisation", "organisatie", "--date", "datum", "--format", "json",
                 "--window", "2019-2022"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["organisations"] == 3 and data["links"] == 5  # "A; B" split by default, as check-case
    assert "5 koppelingen van een organisatie aan een contact, van 3 verschillende organisaties" in checked
    assert data["rows"] == 5 and data["rows_set_aside"] == 2 == report.rows_set_aside
    assert data["set_aside"] == {"geen organisatie": 1, "datum onleesbaar": 1}
    assert "log.csv: 1 rij apart gezet (geen organisatie)." in checked
    assert data["window_years_without_links"] == [2019, 2020]
    assert main(["access", str(log), "--organisation", "organisatie", "--date", "datum", "--window", "2019-2022"]) == 0
    text = capsys.readouterr().out
    assert "2 rijen apart gezet en niet meegeteld (" in text
    assert "geen organisatie: 1" in text and "datum onleesbaar: 1" in text
    assert "geen contacten in 2019 en 2020" in text
    assert "3 organisaties met samen 5 koppelingen" in text
    assert t("common.access_caveat") in text


def test_access_separator_geen_keeps_cells_whole(tmp_path, capsys):
    log = write(tmp_path / "log.csv", "datum;organisatie\n2021-01-05;\"A; B\"\n2021-01-06;A\n")
    assert main(["access", str(log), "--organisation", "organisatie", "--date", "datum", "--format", "json",
                 "--separator", "geen"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["organisations"] == 2 and data["separator"] is None


# ----- exercise texts (texts/nl/*.yaml) ---------------------------------------------------

def test_bad_indentation_leaves_the_rest_of_the_catalogue_working(edit_texts):
    edit_texts("barriers.yaml", "barriers:\n  - id: speelveld\n   name: fout ingesprongen\n")
    with pytest.raises(texts.CatalogueError) as info:
        t("barriers.ui.heading")
    assert "barriers.yaml (regel 3" in str(info.value) and "geen geldige YAML" in str(info.value)
    assert t("common.errors.friendly") == texts.FALLBACK_TEXTS["common.errors.friendly"]
    assert texts.friendly_message(info.value) == str(info.value)
    assert any("barriers.yaml" in p for p in texts.catalogue_problems())


def test_friendly_message_does_not_need_the_catalogue(edit_texts):
    edit_texts("common.yaml", "errors:\n  friendly: 'niet dicht\n")
    assert texts.friendly_message() == texts.FALLBACK_TEXTS["common.errors.friendly"]
    assert t("common.errors.friendly") == texts.FALLBACK_TEXTS["common.errors.friendly"]
    assert texts.friendly_message(RuntimeError("x")) == texts.FALLBACK_TEXTS["common.errors.friendly"]


def test_fallback_texts_match_the_shipped_catalogue():
    shipped = texts.load_folder(texts.TEXTS_DIR / "nl")
    for key, text in texts.FALLBACK_TEXTS.items():
        assert shipped[key] == text, key


def test_broken_placeholder_still_shows_feedback_and_is_reported(edit_texts):
    edit_texts("barriers.yaml", lambda data: data["exercise"].__setitem__(
        "correct", "Goed. Hier speelt vooral: {barier. {explanation}"))
    text = t("barriers.exercise.correct", barrier="Insiders", explanation="Uitleg.")
    assert text.startswith("Goed. Hier speelt vooral: {barier.") and text.endswith("Uitleg.")
    assert any("barriers.yaml" in p and "exercise.correct" in p for p in texts.catalogue_problems())
    from verbinding.modules.drempels import judge, load_texts

    exercise = load_texts()
    scenario = exercise.scenarios[0]
    feedback = judge(scenario, scenario.answer, exercise)  # the learner still gets feedback
    assert feedback.verdict == "correct" and scenario.explanation in feedback.text
    problems = texts.check_texts()
    assert any(p.startswith("barriers.yaml") and "losse {" in p for p in problems)


def test_unknown_placeholder_is_shown_as_written_and_reported(edit_texts):
    edit_texts("barriers.yaml", lambda data: data["exercise"].__setitem__(
        "wrong", "Kijk nog eens, {naam}. Hier speelt vooral: {barrier}."))
    text = t("barriers.exercise.wrong", chosen="a", barrier="Ruimte", explanation="")
    assert text == "Kijk nog eens, {naam}. Hier speelt vooral: Ruimte."
    problems = texts.check_texts()
    assert any(p.startswith("barriers.yaml, regel ") and "{naam}" in p and "{barrier}" in p for p in problems)


def test_string_where_a_list_belongs(edit_texts):
    from verbinding.modules.drempels import BarrierTextsError, load_texts

    edit_texts("barriers.yaml", lambda data: data["scenarios"][1].__setitem__("also", "insiders"))
    with pytest.raises(BarrierTextsError) as info:
        load_texts()
    assert "also: [insiders]" in str(info.value) and "casus 2" in str(info.value)
    assert any("also: [insiders]" in p for p in texts.check_texts())


def test_check_texts_reports_types_and_keys_with_lines(edit_texts, capsys):
    edit_texts("classview.yaml", lambda data: (data.__setitem__("modules_header", "Module, Aantal"),
                                               data.pop("nobody")))
    problems = texts.check_texts()
    assert any(p.startswith("classview.yaml, regel ") and "'modules_header' moet een lijst zijn" in p for p in problems)
    assert any(p.startswith("classview.yaml") and "'nobody' ontbreekt" in p for p in problems)
    folder = texts.TEXTS_DIR / "nl"
    assert main(["check-texts", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "problemen gevonden" in out and "Traceback" not in out


def test_check_texts_on_a_copy_compares_with_the_shipped_files(tmp_path, capsys):
    copy = tmp_path / "nl"
    shutil.copytree(texts.TEXTS_DIR / "nl", copy)
    path = copy / "intro.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["labels"]["dossier"] = ["nu een lijst"]
    first = "labels.dossier"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (copy / "agendas.yaml").unlink()
    problems = texts.check_texts(copy)
    assert any(p.startswith("intro.yaml") and f"'{first}'" in p and "tekst" in p for p in problems)
    assert any(p.startswith("agendas.yaml") and "ontbreekt" in p for p in problems)
    assert main(["check-texts", str(copy)]) == 1
    assert main(["check-texts", str(tmp_path / "bestaat-niet")]) == 1
    assert "bestaat niet" in capsys.readouterr().out


def test_shipped_texts_pass_check_texts(capsys):
    assert texts.check_texts() == []
    assert main(["check-texts"]) == 0
    assert "geen problemen gevonden" in capsys.readouterr().out
    assert main(["check-case", str(texts.TEXTS_DIR / "nl")]) == 0  # check-case on a texts folder
    assert "Teksten in" in capsys.readouterr().out


def test_errors_section_fallback_survives_a_broken_common_file(edit_texts):
    from verbinding.modules.drempels import BarrierTextsError, load_texts

    edit_texts("common.yaml", "errors: [\n")
    edit_texts("barriers.yaml", lambda data: (data.pop("errors"), data.pop("scenarios")))
    with pytest.raises(BarrierTextsError) as info:
        load_texts()
    assert "Deze invoer kan niet worden gebruikt" in str(info.value)


# ----- the course pages -------------------------------------------------------------------

def test_every_page_names_a_broken_text_file(edit_texts, data_home):
    from verbinding.ui.page import CoursePage
    from verbinding.workbook import Workbook

    edit_texts("outreach.yaml", "titel: 'niet dicht\n")
    page = CoursePage("index", Workbook.open("test-code"), False)
    header = page.header()
    html = " ".join(getattr(child, "value", "") for child in header.children)
    assert "outreach.yaml" in html and "verbinding check-texts" in html


def test_friendly_error_handler_survives_a_broken_catalogue(edit_texts, monkeypatch):
    import IPython

    from verbinding.ui import page as page_module

    edit_texts("common.yaml", "errors: [\n")
    installed = {}

    class Shell:
        def set_custom_exc(self, types, handler):
            installed["handler"] = handler

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    monkeypatch.setattr(page_module.session, "in_voila", lambda: True)
    monkeypatch.setattr(page_module, "display", lambda widget: shown.append(widget.value))
    page_module.install_friendly_errors()
    try:
        t("common.save.download")
    except texts.CatalogueError as error:
        assert installed["handler"](None, type(error), error, error.__traceback__) == []
    else:  # pragma: no cover
        raise AssertionError("a broken common.yaml must raise CatalogueError")
    assert len(shown) == 1 and "common.yaml" in shown[0] and "Traceback" not in shown[0]
    installed["handler"](None, ZeroDivisionError, ZeroDivisionError("x"), None)
    assert "Er ging iets mis op deze pagina" in shown[1]


# ----- class overview ---------------------------------------------------------------------

def workbook_file(code: str, modules: dict) -> tuple[str, bytes]:
    from verbinding.workbook import Workbook

    wb = Workbook(code, path=None)
    for module_id, state in modules.items():
        wb.set_module(module_id, state)
    return f"{code}.json", wb.to_bytes()


def test_out_of_range_barrier_ratings_are_left_out_and_counted():
    from verbinding.classview import ClassOverview

    files = [
        workbook_file("a", {"drempels": {"ratings": {"speelveld": 999999, "insiders": 2}}}),
        workbook_file("b", {"drempels": {"ratings": {"speelveld": 3, "insiders": 4.5, "ruimte": -1}}}),
        workbook_file("c", {"drempels": {"ratings": {"speelveld": 1, "onbekend": 5}}}),
    ]
    overview = ClassOverview.from_files(files)
    frame = overview.barrier_ratings().set_index("barrier")
    names = {b["id"]: b["name"] for b in texts.tlist("barriers.barriers")}
    assert frame.loc[names["speelveld"], "mean"] == 2.0 and frame.loc[names["speelveld"], "n"] == 2
    assert frame.loc[names["insiders"], "n"] == 1
    assert names["ruimte"] not in frame.index and "onbekend" not in frame.index
    assert overview.ignored == 3
    markdown = overview.markdown().replace("\\", "")
    assert overview.ignored_note() in markdown and overview.ignored_note().startswith("Niet meegeteld: 3 waarden buiten de schaal")
    assert "27780" not in markdown


def test_trainer_sees_trainer_wording_and_no_file_names():
    from verbinding.classview import ClassOverview

    files = [workbook_file("a", {}), ("jan-de-vries.json", b'{"format": "iets anders"}'),
             ("piet-01.json", b"{kapot"), ("leeg.json", b"")]
    overview = ClassOverview.from_files(files)
    lines = overview.skipped_lines()
    assert len(lines) == 3
    text = overview.markdown().replace("\\", "")
    for name in ("jan-de-vries", "piet-01", "leeg.json"):
        assert name not in text
    assert "Je huidige werk" not in text
    assert t("classview.skip_reasons.error_foreign") in text
    assert t("classview.privacy") in text


def test_long_learner_given_names_are_cut():
    from verbinding.classview import MAX_NAME, ClassOverview

    long_name = "Dit is eigenlijk een hele zin die een cursist als naam van een dimensie typte " * 2
    files = [workbook_file("a", {"outreach": {"dimensions": [{"id": "d1", "name": long_name}]}})]
    frame = ClassOverview.from_files(files).dimensions()
    assert all(len(name) <= MAX_NAME for name in frame["name"])


# ----- a whole page in a kernel, as Voilà runs it -----------------------------------------

def break_indentation(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data.replace(b"\n  ", b"\n ", 1))


@pytest.mark.notebook
@pytest.mark.parametrize("notebook, broken", [("index.ipynb", "common.yaml"), ("index.ipynb", "cases.yaml"),
                                              ("01_drempels.ipynb", "barriers.yaml")])
def test_a_page_with_a_broken_text_file_shows_a_dutch_message(tmp_path, notebook, broken):
    """The notebook as Voilà executes it (VOILA_SERVER_URL set, so the friendly handler is
    on), with a trainer's bad indentation in one text file: no error output (Voilà would
    show "There was an error when executing cell"), the Dutch message names the file."""
    import os

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    folder = tmp_path / "texts"
    shutil.copytree(texts.TEXTS_DIR, folder)
    break_indentation(folder / "nl" / broken)
    course = Path(__file__).resolve().parents[1] / "course"
    nb = nbformat.read(course / notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        f"import verbinding.texts as _texts; from pathlib import Path; _texts.TEXTS_DIR = Path({str(folder)!r})"))
    env = {"VOILA_SERVER_URL": "http://127.0.0.1:1/", "VERBINDING_HOME": str(tmp_path / "home")}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(course)}})
        try:
            client.execute()
        except CellExecutionError:
            pass  # Voilà stops at a failed cell too; what matters is what the page shows
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    shown = " ".join(str(o.get("data", {}).get("text/plain", "")) + (o.get("text", "") if o.get("name") == "stdout" else "")
                     for o in outputs)
    # What the widgets show (the page header, the friendly message) is in their state.
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    shown += " ".join(str(model.get("state", {}).get("value", "")) for model in state.values())
    assert broken in shown and "Traceback" not in shown
