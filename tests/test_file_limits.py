"""A trainer's file is bounded before it is parsed: size, rows, columns, and for .xlsx the
sizes its zip declares. Three "zip bombs" built here (shared strings, a huge sheet, a zip
inside the workbook) are refused in Dutch within seconds and a few hundred MB, by
check-case and when the course loads the case."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from verbinding import tabular
from verbinding.cases import CaseError, load_case
from verbinding.paths import datasets_dir

EXAMPLE = datasets_dir() / "voorbeeld-eigen-casus"


def _plain_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["contact_id", "datum", "organisatie_id"])
    sheet.append(["K1", "2021-03-01", "V01"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rebuild(replace: dict[str, object], extra: dict[str, object] | None = None) -> bytes:
    """A valid workbook with some parts replaced; a part's value may be a chunk generator."""
    source = zipfile.ZipFile(io.BytesIO(_plain_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        parts = {info.filename: source.read(info) for info in source.infolist()}
        parts.update(replace)
        parts.update(extra or {})
        for name, content in parts.items():
            with target.open(name, "w", force_zip64=True) as handle:
                if isinstance(content, bytes):
                    handle.write(content)
                else:
                    for chunk in content():
                        handle.write(chunk)
    return out.getvalue()


def shared_strings_bomb() -> bytes:
    def chunks():
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        piece = b"<si><t>" + b"A" * 1_000_000 + b"</t></si>"
        for _ in range(300):  # 300 MB of text
            yield piece
        yield b"</sst>"
    return _rebuild({"xl/sharedStrings.xml": chunks})


def huge_sheet_bomb() -> bytes:
    def chunks():
        yield (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>datum</t></is></c>'
               b'<c r="B1" t="inlineStr"><is><t>organisatie_id</t></is></c></row>')
        row = b'<row><c t="inlineStr"><is><t>2021-03-01</t></is></c><c t="inlineStr"><is><t>V01</t></is></c></row>'
        block = row * 10_000
        for _ in range(300):  # 3 million rows, ~300 MB of XML
            yield block
        yield b"</sheetData></worksheet>"
    return _rebuild({"xl/worksheets/sheet1.xml": chunks})


def nested_zip_bomb() -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("deeper.zip", b"PK" + b"\0" * 1000)
    return _rebuild({}, {"xl/embeddings/oleObject1.zip": inner.getvalue()})


BOMBS = {"shared_strings": shared_strings_bomb, "huge_sheet": huge_sheet_bomb, "nested": nested_zip_bomb}


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    files = {}
    for name, build in BOMBS.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(build())
        files[name] = path
    return files


@pytest.mark.parametrize("name", list(BOMBS))
def test_check_case_refuses_a_bomb_in_seconds_and_little_memory(bomb_files, name):
    path = bomb_files[name]
    assert path.stat().st_size < 5 * 1024 * 1024  # small on disk, that is the trick
    script = ("import resource, sys, subprocess\n"
              "r = subprocess.run([sys.executable, '-m', 'verbinding', 'check-case', sys.argv[1]],"
              " capture_output=True, text=True, timeout=60)\n"
              "print(r.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stdout)")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=90)
    elapsed = time.monotonic() - start
    code, peak_kb, out = result.stdout.split("\n", 2)
    assert code == "1", result.stdout + result.stderr
    assert "dit kan niet worden gebruikt" in out
    assert ("pakt uit tot" in out) or ("ander ingepakt bestand" in out), out
    assert "geen problemen" not in out
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert int(peak_kb) < 600 * 1024, f"{int(peak_kb) // 1024} MB"


@pytest.mark.parametrize("name", list(BOMBS))
def test_the_course_refuses_a_case_with_a_bomb(bomb_files, tmp_path, name):
    folder = tmp_path / "casus"
    shutil.copytree(EXAMPLE, folder)
    (folder / "contacts.csv").unlink()
    shutil.copy(bomb_files[name], folder / "contacts.xlsx")
    start = time.monotonic()
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    assert time.monotonic() - start < 10
    assert "contacts.xlsx" in str(caught.value)
    assert ("pakt uit tot" in str(caught.value)) or ("ingepakt bestand" in str(caught.value))


def test_a_plain_workbook_still_loads(tmp_path):
    path = tmp_path / "log.xlsx"
    path.write_bytes(_plain_xlsx())
    table = tabular.read_table(path, ["datum", "organisatie_id"])
    assert table.frame["organisatie_id"].tolist() == ["V01"]


def test_row_column_and_size_limits_for_csv(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    path.write_text("datum;organisatie_id\n" + "2021-03-01;V01\n" * 50, encoding="utf-8")
    monkeypatch.setattr(tabular.limits, "MAX_ROWS", 40)
    with pytest.raises(tabular.TableError, match="meer dan 40 rijen"):
        tabular.read_table(path, ["datum", "organisatie_id"])
    monkeypatch.setattr(tabular.limits, "MAX_ROWS", 1000)
    monkeypatch.setattr(tabular.limits, "MAX_COLUMNS", 1)
    with pytest.raises(tabular.TableError, match="2 kolommen; de grens is 1"):
        tabular.read_table(path, ["datum", "organisatie_id"])
    monkeypatch.setattr(tabular.limits, "MAX_COLUMNS", 500)
    monkeypatch.setattr(tabular.limits, "MAX_FILE_MB", 0.0005)
    with pytest.raises(tabular.TableError, match="de grens is 0.0005 MB"):
        tabular.read_table(path, ["datum", "organisatie_id"])


def test_row_limit_for_excel(tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["datum", "organisatie_id"])
    for _ in range(30):
        sheet.append(["2021-03-01", "V01"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    monkeypatch.setattr(tabular.limits, "MAX_ROWS", 20)
    with pytest.raises(tabular.TableError, match="meer dan 20 rijen"):
        tabular.read_table(path, ["datum", "organisatie_id"])
