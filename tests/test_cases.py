"""verbinding.cases: built-in cases, a trainer's own case folder, a single contact log.

Each broken-file test checks what a trainer needs from the report: the file, the row and
the column of every problem, all problems at once, in Dutch.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from verbinding import cases
from verbinding.cases import (
    ORG_TYPES,
    Case,
    CaseError,
    builtin_cases,
    check_case_command,
    is_business,
    listing,
    load_case,
    load_contact_log,
)
from verbinding.paths import datasets_dir
from verbinding.tabular import parse_dates

EXAMPLE = datasets_dir() / "voorbeeld-eigen-casus"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def problem_at(report_or_error, file: str, row: int | None, column: str | None):
    problems = report_or_error.problems
    hits = [p for p in problems if p.file == file and p.row == row and p.column == column]
    assert hits, f"no problem at {file}, {row}, {column}: {[str(p) for p in problems]}"
    return hits[0]


@pytest.fixture
def own_case(tmp_path) -> Path:
    folder = tmp_path / "mijn-casus"
    shutil.copytree(EXAMPLE, folder)
    return folder


# ----------------------------------------------------------------------------- built-in


def test_builtin_cases_listed_with_dutch_titles():
    listed = dict(builtin_cases())
    assert set(listed) == {"klimaatadaptatie", "vergrijzing"}
    assert listed["klimaatadaptatie"].startswith("Klimaatadaptatie")
    assert listed["vergrijzing"].startswith("Vergrijzing")


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_builtin_case_loads_clean_and_complete(case_id):
    case = load_case(case_id)
    assert isinstance(case, Case)
    assert case.report.ok, str(case.report)
    assert case.id == case_id and case.title and case.challenge and case.ministry and case.period
    assert len(case.dimensions) >= 5
    assert all(d.id and d.name and d.explanation for d in case.dimensions)
    assert {"intro", "consultatie"} <= set(case.texts)

    orgs = case.organisations
    assert {"org_id", "name", "type", "staff_band", "region", "capacity"} <= set(orgs.columns)
    assert orgs["org_id"].is_unique
    assert set(orgs["type"]) <= {type_id for type_id, _ in ORG_TYPES}
    assert orgs["capacity"].between(1, 5).all()

    assert list(case.expertise.columns) == ["org_id", "dimension"]
    assert set(case.expertise["dimension"]) <= set(case.dimension_ids)
    assert set(case.expertise["org_id"]) <= set(orgs["org_id"])

    contacts = case.contacts
    for column in ("contact_id", "date", "year", "org_id", "format", "topic", "initiated_by"):
        assert column in contacts.columns
    assert pd.api.types.is_datetime64_any_dtype(contacts["date"])
    assert (contacts["year"] == contacts["date"].dt.year).all()
    assert set(contacts["org_id"]) <= set(orgs["org_id"])
    assert not contacts.duplicated(["contact_id", "org_id"]).any()
    # one row per link: a round table appears once per organisation present
    assert contacts.groupby("contact_id").size().max() > 1

    consultation = case.consultation
    assert consultation is not None and len(consultation) > 100
    assert consultation["org_id"].isna().sum() > 0, "individual citizens have no id"
    assert (consultation.loc[consultation["org_id"].isna(), "type"] == "burger_individueel").all()
    used = {d for cell in consultation["dimensions"] for d in cell.split(";") if d}
    assert used <= set(case.dimension_ids)

    first = orgs.iloc[0]
    assert case.org_name(first["org_id"]) == first["name"]
    assert case.org_name("bestaat-niet") == "bestaat-niet"


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_builtin_case_is_loaded_once_per_kernel(case_id):
    listing._load_builtin.cache_clear()
    first = load_case(case_id)
    assert load_case(case_id) is first  # speed: benchmarks/bench_cases.py


def test_org_types_follow_the_typology():
    ids = [type_id for type_id, _ in ORG_TYPES]
    assert ids == ["bedrijf", "branche", "vakbond", "beroeps", "ngo", "burgers", "overheid", "kennis", "burger_individueel"]
    labels = dict(ORG_TYPES)
    assert labels["vakbond"] == "Vakbond"
    assert is_business("bedrijf") and is_business("branche")
    assert not any(is_business(t) for t in ids if t not in ("bedrijf", "branche"))


def test_unknown_case_name_gets_dutch_error():
    with pytest.raises(CaseError) as err:
        load_case("bestaat-niet")
    assert "klimaatadaptatie" in str(err.value)
    assert "bestaat niet" in str(err.value)


# ----------------------------------------------------------------------------- own case


def test_example_trainer_case_loads_clean():
    case = load_case(EXAMPLE)
    assert case.report.ok, str(case.report)
    assert case.title.startswith("Voorbeeld")
    # a cell with three ids is three links of one contact
    k004 = case.contacts[case.contacts["contact_id"] == "K004"]
    assert sorted(k004["org_id"]) == ["V01", "V02", "V06"]
    assert case.contacts.loc[case.contacts["contact_id"] == "K001", "date"].iloc[0] == pd.Timestamp("2021-01-12")
    assert sorted(case.expertise.loc[case.expertise["org_id"] == "V05", "dimension"]) == ["geluid", "lucht"]


def test_own_case_with_several_problems_reports_all_at_once(own_case, capsys):
    contacts = own_case / "contacts.csv"
    text = contacts.read_text(encoding="utf-8")
    text += "K015;31-13-2024;V01;gesprek;Iets;organisatie\n"  # row 16: bad date
    text += "K016;01-06-2024;V99;gesprek;Iets;organisatie\n"  # row 17: unknown id
    text += 'K017;02-06-2024;"V01;V42";rondetafel;Iets;ministerie\n'  # row 18: one of two unknown
    contacts.write_text(text, encoding="utf-8")
    orgs = own_case / "organisations.csv"
    orgs.write_text(
        orgs.read_text(encoding="utf-8") + "V09;Stichting Test;clubhuis;1-9;Utrecht;9;lucht;zwemmen\n",
        encoding="utf-8",
    )
    # The last line has an unquoted ; inside the expertise cell: one cell too many (row 10).
    case = load_case(own_case)
    report = case.report
    assert not report.ok
    assert "31-13-2024" in problem_at(report, "contacts.csv", 16, "datum").message
    assert "V99" in problem_at(report, "contacts.csv", 17, "organisatie_id").message
    assert "V42" in problem_at(report, "contacts.csv", 18, "organisatie_id").message
    assert "cellen" in problem_at(report, "organisations.csv", 10, None).message
    # the valid link of row 18 is kept, the broken ones are set aside and counted
    assert "K017" in set(case.contacts["contact_id"])
    assert "V99" not in set(case.contacts["org_id"])
    assert report.rows_set_aside >= 4
    assert check_case_command(str(own_case)) == 1
    out = capsys.readouterr().out
    assert "contacts.csv, rij 16, kolom 'datum'" in out
    assert "contacts.csv, rij 17, kolom 'organisatie_id'" in out
    assert "organisations.csv, rij 10" in out
    assert "apart gezet" in out


def test_own_case_bad_type_capacity_and_dimension(own_case):
    orgs = own_case / "organisations.csv"
    orgs.write_text(
        orgs.read_text(encoding="utf-8") + 'V09;Stichting Test;clubhuis;1-9;Utrecht;9;"lucht;zwemmen"\n',
        encoding="utf-8",
    )
    case = load_case(own_case)
    assert "clubhuis" in problem_at(case.report, "organisations.csv", 10, "type").message
    assert "9" in problem_at(case.report, "organisations.csv", 10, "organisatiekracht").message
    assert "zwemmen" in problem_at(case.report, "organisations.csv", 10, "expertise").message
    row = case.organisations.set_index("org_id").loc["V09"]
    assert row["type"] == cases.UNKNOWN_TYPE and pd.isna(row["capacity"])


def test_own_case_labels_and_english_headers_accepted(own_case):
    orgs = own_case / "organisations.csv"
    frame = pd.read_csv(orgs, sep=";", dtype=str, keep_default_na=False)
    frame["type"] = frame["type"].map({"bedrijf": "Bedrijf", "branche": "brancheorganisatie"}).fillna(frame["type"])
    frame = frame.rename(columns={"id": "org_id", "naam": "name"})
    frame.to_csv(orgs, sep=",", index=False)
    case = load_case(own_case)
    assert case.report.ok, str(case.report)
    types = case.organisations.set_index("org_id")["type"]
    assert types["V01"] == "bedrijf" and types["V02"] == "branche"


def test_own_case_missing_yaml_and_file(tmp_path):
    folder = tmp_path / "leeg"
    folder.mkdir()
    with pytest.raises(CaseError) as err:
        load_case(folder)
    files = {p.file for p in err.value.problems}
    assert {"case.yaml", "organisations.csv", "contacts.csv"} <= files
    assert check_case_command(str(folder)) == 1


def test_own_case_broken_yaml_names_the_line(own_case):
    (own_case / "case.yaml").write_text("titel: Test\ndimensies:\n  - id: a\n   naam: fout ingesprongen\n", encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_case(own_case)
    problem = err.value.problems[0]
    assert problem.file == "case.yaml" and problem.row is not None
    assert "YAML" in str(err.value)


def test_own_case_in_excel(own_case):
    openpyxl = pytest.importorskip("openpyxl")
    frame = pd.read_csv(own_case / "contacts.csv", sep=";", dtype=str, keep_default_na=False)
    (own_case / "contacts.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Contacten directie Havens"])
    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False):
        values = list(values)
        values[1] = datetime.strptime(values[1], "%d-%m-%Y")  # a real Excel date cell
        sheet.append(values)
    book.save(own_case / "contacts.xlsx")
    case = load_case(own_case)
    assert case.report.ok, str(case.report)
    assert len(case.contacts) == 20
    assert case.contacts["row"].min() == 3  # title on row 1, header on row 2


# ----------------------------------------------------------------------------- contact log


def test_log_cp1252_semicolon_title_line_and_multi_org_cells(tmp_path):
    path = write(
        tmp_path / "agenda.csv",
        "Export agenda's minister, gemaakt op 1 maart 2024\r\n"
        "\r\n"
        "Datum;Organisatie;Onderwerp\r\n"
        "5-3-2021;Stichting Café Zeeën;Overleg\r\n"
        '2021-03-06;"Stichting Café Zeeën; Bedrijf Noord";Rondetafel\r\n'
        "8 maart 2021;Bedrijf Noord;Werkbezoek\r\n"
        "44263;Bond Zuid ;Excel-datum\r\n",
        encoding="cp1252",
    )
    log = load_contact_log(path, "organisatie", "datum", separator=";")
    assert log.report.ok, str(log.report)
    assert log.rows == 4
    links = log.links
    assert list(links.columns) == ["row", "date", "year", "organisation"]
    assert links["row"].tolist() == [4, 5, 5, 6, 7]
    assert links["organisation"].tolist() == [
        "Stichting Café Zeeën", "Stichting Café Zeeën", "Bedrijf Noord", "Bedrijf Noord", "Bond Zuid",
    ]
    assert links["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2021-03-05", "2021-03-06", "2021-03-06", "2021-03-08", "2021-03-08",
    ]
    assert (links["year"] == 2021).all()
    assert "Windows-1252" in str(log.report) and "rij 3" in str(log.report)


def test_log_utf8_bom_and_comma(tmp_path):
    path = write(tmp_path / "log.csv", "\ufeffdatum,organisatie\n2022-01-03,Vereniging Zilveren Draad\n2022-01-04,\"Groep, Oost\"\n")
    log = load_contact_log(path, "Organisatie", "Datum")
    assert log.links["organisation"].tolist() == ["Vereniging Zilveren Draad", "Groep, Oost"]
    assert log.links["row"].tolist() == [2, 3]


def test_log_bad_dates_and_empty_cells_listed_and_set_aside(tmp_path):
    path = write(
        tmp_path / "log.csv",
        "datum;organisatie\n"
        "2021-01-04;A\n"
        "31-02-2021;B\n"  # row 3: impossible date
        "morgen;C\n"  # row 4: not a date
        ";D\n"  # row 5: no date
        "2021-01-08;\n"  # row 6: no organisation
        "\n"  # row 7: blank, skipped and counted
        "2021-01-09;E\n",
    )
    log = load_contact_log(path, "organisatie", "datum")
    assert log.links["organisation"].tolist() == ["A", "E"]
    assert log.links["row"].tolist() == [2, 8]
    assert "31-02-2021" in problem_at(log.report, "log.csv", 3, "datum").message
    assert "morgen" in problem_at(log.report, "log.csv", 4, "datum").message
    problem_at(log.report, "log.csv", 5, "datum")
    problem_at(log.report, "log.csv", 6, "organisatie")
    assert log.report.rows_set_aside == 4
    text = str(log.report)
    assert "1 lege rij" in text and "apart gezet" in text
    assert check_case_command(str(path)) == 1


def test_log_many_bad_rows_are_counted_not_all_listed(tmp_path):
    lines = ["datum;organisatie"] + ["fout;A"] * 500 + ["2020-01-01;B"]
    path = write(tmp_path / "log.csv", "\n".join(lines) + "\n")
    log = load_contact_log(path, "organisatie", "datum")
    assert log.report.rows_set_aside == 500
    assert len(log.report.problems) <= 25
    assert "480" in str(log.report)  # "en nog 480 rijen ..."


def test_log_same_organisation_twice_in_one_cell_is_one_link(tmp_path):
    path = write(tmp_path / "log.csv", 'datum,organisatie\n2021-01-04,"A; A; B"\n')
    log = load_contact_log(path, "organisatie", "datum", separator=";")
    assert log.links["organisation"].tolist() == ["A", "B"]
    assert "twee keer" in str(log.report)


def test_log_missing_column_names_file_row_and_found_columns(tmp_path):
    path = write(tmp_path / "log.csv", "Titel van het overzicht\nDatum;Wie;Onderwerp\n2021-01-04;A;x\n")
    with pytest.raises(CaseError) as err:
        load_contact_log(path, "organisatie", "datum")
    problem = problem_at(err.value, "log.csv", 2, "organisatie")
    assert "'Wie'" in problem.message and "ontbreekt" in problem.message
    assert "log.csv, rij 2, kolom 'organisatie'" in str(err.value)


def test_log_wrong_separator(tmp_path):
    path = write(tmp_path / "log.csv", "datum|organisatie\n2021-01-04|A\n2021-01-05|B\n")
    with pytest.raises(CaseError) as err:
        load_contact_log(path, "organisatie", "datum")
    text = str(err.value)
    assert "'|'" in text and "puntkomma" in text
    assert {p.column for p in err.value.problems} >= {"organisatie", "datum"}


def test_log_row_with_too_many_cells(tmp_path):
    path = write(tmp_path / "log.csv", "datum;organisatie\n2021-01-04;A\n2021-01-05;B;extra\n2021-01-06;C\n")
    log = load_contact_log(path, "organisatie", "datum")
    assert log.links["organisation"].tolist() == ["A", "C"]
    assert "3 cellen" in problem_at(log.report, "log.csv", 3, None).message
    assert log.rows == 3 and log.report.rows_set_aside == 1


def test_log_empty_file(tmp_path):
    for content in (b"", b"   \n\n"):
        path = tmp_path / "leeg.csv"
        path.write_bytes(content)
        with pytest.raises(CaseError) as err:
            load_contact_log(path, "organisatie", "datum")
        assert "leeg.csv" in str(err.value) and "leeg" in err.value.problems[0].message


def test_log_header_only(tmp_path):
    path = write(tmp_path / "kop.csv", "datum;organisatie\n")
    log = load_contact_log(path, "organisatie", "datum")
    assert log.rows == 0 and log.links.empty


def test_log_binary_file(tmp_path):
    path = tmp_path / "foto.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CaseError) as err:
        load_contact_log(path, "organisatie", "datum")
    assert "geen tekstbestand" in str(err.value)
    assert check_case_command(str(path)) == 1


def test_log_old_excel_and_broken_xlsx(tmp_path):
    old = tmp_path / "oud.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(CaseError, match="xlsx"):
        load_contact_log(old, "organisatie", "datum")
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 niet echt een zip")
    with pytest.raises(CaseError, match="kan niet worden geopend"):
        load_contact_log(broken, "organisatie", "datum")


def test_log_xlsx_with_title_rows_dates_and_serials(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Contactregistratie 2021"])
    sheet.append([])
    sheet.append(["Datum", "Organisatie", "Opmerking"])
    sheet.append([datetime(2021, 3, 5), "Stichting Groene Kade", "echte datumcel"])
    sheet.append(["06-03-2021", "Vereniging Zilveren Draad; Stichting Groene Kade", "tekst"])
    sheet.append([44263, "Bond Zuid", "serienummer"])
    sheet.append(["geen datum", "Bond Noord", "fout"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    log = load_contact_log(path, "organisatie", "datum", separator=";")
    assert log.links["row"].tolist() == [4, 5, 5, 6]
    assert log.links["organisation"].tolist() == [
        "Stichting Groene Kade", "Vereniging Zilveren Draad", "Stichting Groene Kade", "Bond Zuid",
    ]
    assert log.links["date"].dt.strftime("%Y-%m-%d").tolist() == ["2021-03-05", "2021-03-06", "2021-03-06", "2021-03-08"]
    assert "geen datum" in problem_at(log.report, "log.xlsx", 7, "Datum").message


def test_log_xlsx_missing_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Wanneer", "Organisatie"])
    book.active.append(["2021-01-01", "A"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    with pytest.raises(CaseError) as err:
        load_contact_log(path, "organisatie", "datum")
    assert "'Wanneer'" in problem_at(err.value, "log.xlsx", 1, "datum").message


def test_log_missing_file(tmp_path):
    with pytest.raises(CaseError, match="niet gevonden"):
        load_contact_log(tmp_path / "nergens.csv", "organisatie", "datum")


def test_parse_dates_formats():
    values = pd.Series(
        ["2021-03-05", "5-3-2021", "05/03/2021", "5.3.2021", "5 maart 2021", "vrijdag 5 mrt. 2021",
         "44260", "2021-03-05 14:30", " 2021-03-05 ", "", "2021", "13-13-2021", "1-1-1700"]
    )
    parsed = parse_dates(values)
    assert (parsed.iloc[:9].dt.normalize() == pd.Timestamp("2021-03-05")).all()
    assert parsed.iloc[9:].isna().all()


def test_load_contact_log_takes_a_large_semicolon_file(tmp_path):
    rng = np.random.default_rng(1)
    rows = 200_000
    frame = pd.DataFrame(
        {
            "datum": (np.datetime64("2015-01-01") + rng.integers(0, 3650, rows).astype("timedelta64[D]")).astype(str),
            "organisatie": [f"Organisatie {i}" for i in rng.integers(0, 3000, rows)],
        }
    )
    path = tmp_path / "groot.csv"
    frame.to_csv(path, sep=";", index=False)
    log = load_contact_log(path, "organisatie", "datum")
    assert len(log.links) == rows  # speed on 1M rows: benchmarks/bench_cases.py
    assert log.links["organisation"].nunique() == frame["organisatie"].nunique()


# ----------------------------------------------------------------------------- CLI


def test_check_case_builtin_ok(capsys):
    assert check_case_command("klimaatadaptatie") == 0
    out = capsys.readouterr().out
    assert "geen problemen" in out and "organisaties" in out


def test_check_case_console_command_from_installed_package(tmp_path):
    exe = Path(sys.executable).with_name("verbinding")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "verbinding.cli"]
    ok = subprocess.run([*command, "check-case", str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "geen problemen" in ok.stdout
    bad = write(tmp_path / "log.csv", "datum;organisatie\nmorgen;A\n")
    result = subprocess.run([*command, "check-case", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "log.csv, rij 2, kolom 'datum'" in result.stdout
    assert "Traceback" not in result.stderr
