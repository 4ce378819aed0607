"""``verbinding access``: the JSON contract on fresh files, as a trainer's tool would call it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Log A of test_access.py as a trainer's export: Aap 4 links, Noot 2, Mies 1, Wim 1.
ROWS = [
    ("03-01-2019", "Stichting Aap | Vereniging Noot"),
    ("15-06-2019", "Stichting Aap"),
    ("2020-02-01", "Stichting Aap"),
    ("01-03-2020", "Coöperatie Mies"),
    ("10-10-2021", " Stichting Aap |Vereniging Noot "),
    ("11-11-2021", "Café Wim | Café Wim"),  # named twice in one cell: still one link
]
EXPECTED = {
    "organisations": 4,
    "links": 8,
    "top10_share": 1.0,
    "top1pct_share": 0.5,
    "top10pct_share": 0.5,
    "gini": 0.3125,
    "hhi": 0.34375,
    "single_link_share": 0.5,
}


def command() -> list[str]:
    script = Path(sys.executable).with_name("verbinding")
    if script.exists():
        return [str(script)]
    found = shutil.which("verbinding")
    return [found] if found else [sys.executable, "-m", "verbinding.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*command(), "access", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def csv_cp1252(tmp_path) -> Path:
    lines = ["Overzicht contacten directie Water;;", "datum;organisatie;onderwerp"]
    lines += [f"{d};{o};overleg" for d, o in ROWS]
    path = tmp_path / "contacten export.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def xlsx(tmp_path) -> Path:
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Contacten 2019-2021"])
    ws.append(["Datum", "Organisaties"])
    for d, o in ROWS:
        if "-" in d and len(d.split("-")[0]) == 2:
            day, month, year = (int(x) for x in d.split("-"))
            ws.append([datetime.datetime(year, month, day), o])  # a real Excel date
        else:
            ws.append([d, o])  # a date typed as text
    path = tmp_path / "contacten.xlsx"
    wb.save(path)
    return path


def check(result: subprocess.CompletedProcess, window: bool) -> dict:
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected_keys = list(EXPECTED) + (["persistent_core"] if window else [])
    # The contract's figures come first, in this order; what was read and set aside follows.
    assert list(data)[: len(expected_keys)] == expected_keys
    assert data["rows"] == len(ROWS) and data["rows_set_aside"] == 0
    for key, value in EXPECTED.items():
        assert data[key] == pytest.approx(value), key
    return data


def test_json_on_semicolon_cp1252_csv_with_title_line(csv_cp1252):
    data = check(
        run(str(csv_cp1252), "--organisation", "organisatie", "--date", "datum",
            "--separator", "|", "--window", "2019-2021", "--format", "json"),
        window=True,
    )
    assert data["persistent_core"] == {
        "years": [2019, 2020, 2021],
        "organisations": 1,
        "share_of_organisations": 0.25,
        "share_of_links": 0.5,
    }


def test_json_on_xlsx_with_excel_dates(xlsx):
    data = check(
        run(str(xlsx), "--organisation", "Organisaties", "--date", "Datum", "--separator", "|",
            "--window", "2020-2021", "--format", "json"),
        window=True,
    )
    # 2020-2021: Aap, Mies, Noot, Wim active; only Aap in both years with 2 of 5 links
    assert data["persistent_core"]["organisations"] == 1
    assert data["persistent_core"]["share_of_links"] == pytest.approx(0.4)


def test_without_separator_cells_split_on_semicolon_only(csv_cp1252):
    data = json.loads(run(str(csv_cp1252), "--organisation", "organisatie", "--date", "datum", "--format", "json").stdout)
    assert data["links"] == 6  # "A | B" is one name when cells split on ";" (as check-case)
    assert data["separator"] == ";"
    assert "persistent_core" not in data


def test_text_output_is_dutch_with_caveat(csv_cp1252):
    result = run(str(csv_cp1252), "--organisation", "organisatie", "--date", "datum", "--separator", "|")
    assert result.returncode == 0, result.stderr
    assert "4 organisaties" in result.stdout
    assert "toegang is geen invloed" in result.stdout


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--window", "2022-2019"], "eerste jaar"),
        (["--window", "volgend jaar"], "2019-2022"),
    ],
)
def test_bad_window_gives_dutch_error(csv_cp1252, args, needle):
    result = run(str(csv_cp1252), "--organisation", "organisatie", "--date", "datum", *args)
    assert result.returncode != 0
    assert needle in result.stderr
    assert result.stdout == ""


def test_unusable_files_give_dutch_errors(tmp_path, csv_cp1252):
    missing = run(str(tmp_path / "bestaat-niet.csv"), "--organisation", "organisatie", "--date", "datum", "--format", "json")
    assert missing.returncode != 0 and missing.stderr.strip() and "Traceback" not in missing.stderr
    wrong_column = run(str(csv_cp1252), "--organisation", "organisatienaam", "--date", "datum", "--format", "json")
    assert wrong_column.returncode != 0
    assert "organisatienaam" in wrong_column.stderr and "Traceback" not in wrong_column.stderr
    assert wrong_column.stdout == ""
