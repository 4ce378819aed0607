"""Fuzzing the loaders of a trainer's files: random and truncated bytes, wrong encodings,
mixed separators, unclosed quotes, huge cells.

The property: a Dutch report or a correct load; never another exception; never a row lost
without a word (a log whose report is clean has every written row among its links).
Seeded and bounded, so it is quick and the same on every run.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pytest

from verbinding import texts
from verbinding.cases import CaseError, load_case, load_contact_log
from verbinding.classview import read_workbooks
from verbinding.texts import t

SEED = 15
EXAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "voorbeeld-eigen-casus"

DATES = ("2021-03-05", "5-3-2021", "05/03/2021", "5 maart 2021", "44260", "2021-13-40", "gisteren", "", " ")
NAMES = ("Stichting Aap", "Coöperatie Één", "Vereniging \"Noot\"", "Café 't Hoekje", "Ærø BV", "A; B",
         "Wonen, Zorg en Welzijn", "", "x" * 5000, "日本語", "Tab\tin naam")


def assert_dutch(error: CaseError) -> None:
    """The report a trainer reads: the Dutch heading, every problem naming its file."""
    message = str(error)
    assert "Traceback" not in message and "Error" not in message
    assert t("cases.report.problems_header") in message
    assert error.problems and all(p.file and p.message for p in error.problems)


def load(path: Path, **kwargs):
    """The loader's answer: a ContactLog, or a CaseError with a Dutch report."""
    try:
        return load_contact_log(path, **kwargs)
    except CaseError as error:
        assert_dutch(error)
        return None


def quoted(cell: str, separator: str, rng: random.Random) -> str:
    if rng.random() < 0.03:
        return '"' + cell  # a quote never closed
    if separator in cell or '"' in cell or "\n" in cell or rng.random() < 0.2:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def random_log(rng: random.Random) -> tuple[bytes, int, str]:
    """A contact log as a trainer's export might be: bytes, non-blank data rows, suffix."""
    separator = rng.choice([";", ",", "\t"])
    lines = []
    if rng.random() < 0.3:
        lines.append("Export contactregistratie" + separator * rng.randint(0, 2))
    lines.append(separator.join(["datum", "organisatie", "onderwerp"]))
    rows = 0
    for _ in range(rng.randint(0, 40)):
        if rng.random() < 0.05:
            lines.append("")
            continue
        sep = separator if rng.random() > 0.05 else rng.choice([";", ",", "|"])  # mixed separators
        topic = "overleg" if rng.random() > 0.03 else "y" * rng.randint(1_000, 20_000)  # long cell
        cells = [rng.choice(DATES), rng.choice(NAMES), topic]
        if not any(c.strip() for c in cells):
            cells[2] = "overleg"
        lines.append(sep.join(quoted(c, sep, rng) for c in cells))
        rows += 1
    newline = rng.choice(["\n", "\r\n"])
    text = newline.join(lines) + (newline if rng.random() < 0.8 else "")
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
    data = text.encode(encoding, errors="replace")
    return data, rows, rng.choice([".csv", ".txt", ".CSV"])


def test_random_logs_give_a_report_or_every_row(tmp_path):
    rng = random.Random(SEED)
    clean = 0
    for number in range(60):
        data, rows, suffix = random_log(rng)
        path = tmp_path / f"log{number}{suffix}"
        path.write_bytes(data)
        log = load(path)
        if log is None:
            continue
        used = log.links["row"].nunique()
        # Every written row is used or set aside (counted); a quote never closed swallows
        # lines into one set-aside row, and its message says how many.
        swallowed = any(t("cases.read.reason_unclosed_quote") == reason for _f, reason in log.report.set_aside)
        if swallowed:
            assert used + log.report.rows_set_aside <= rows
        else:
            assert used + log.report.rows_set_aside == rows, (number, used, log.report.set_aside, rows)
        if log.report.ok:
            clean += 1
            assert used == rows, (number, used, rows)  # nothing lost without a word
        else:
            assert log.report.problems and all(str(p) for p in log.report.problems)
    assert clean  # some generated logs are clean: the property is not vacuous


def test_random_and_truncated_bytes(tmp_path):
    rng = random.Random(SEED + 1)
    valid_csv = (EXAMPLE / "contacts.csv").read_bytes()
    buffer = io.BytesIO()
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["datum", "organisatie"])
    for day in range(1, 29):
        book.active.append([f"2021-02-{day:02d}", f"Stichting {day}"])
    book.save(buffer)
    valid_xlsx = buffer.getvalue()
    samples = [b"", b"\x00" * 10, b"\xff\xfe", b"\xef\xbb\xbf", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]
    samples += [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000))) for _ in range(40)]
    samples += [valid_csv[: rng.randint(0, len(valid_csv))] for _ in range(20)]
    samples += [valid_xlsx[: rng.randint(0, len(valid_xlsx))] for _ in range(15)]
    for number, data in enumerate(samples):
        for suffix in (".csv", ".xlsx"):
            path = tmp_path / f"f{number}{suffix}"
            path.write_bytes(data)
            load(path, organisation_column="organisatie_id" if data[:20] == valid_csv[:20] else "organisatie")


def test_case_folders_with_broken_files(tmp_path):
    rng = random.Random(SEED + 2)
    for number in range(12):
        folder = tmp_path / f"casus{number}"
        shutil.copytree(EXAMPLE, folder)
        name = rng.choice(["case.yaml", "organisations.csv", "contacts.csv", "consultation.csv"])
        data = (folder / name).read_bytes()
        kind = rng.random()
        if kind < 0.4:
            data = data[: rng.randint(0, len(data))]
        elif kind < 0.7:
            data = data.decode("utf-8").encode("cp1252", errors="replace") + b"\n  - [\"onaf"
        else:
            position = rng.randint(0, len(data))
            data = data[:position] + bytes(rng.getrandbits(8) for _ in range(20)) + data[position:]
        (folder / name).write_bytes(data)
        try:
            case = load_case(folder)
        except CaseError as error:
            assert_dutch(error)
        else:
            assert len(case.organisations) > 0


def test_truncated_text_files_never_raise(edit_texts):
    rng = random.Random(SEED + 3)
    for name in ("barriers.yaml", "common.yaml"):
        original = (texts.TEXTS_DIR / "nl" / name).read_text(encoding="utf-8")
        cut = original[: rng.randint(10, len(original) - 10)] + rng.choice(["", "\n  bad: [", ": '", "{"])
        edit_texts(name, cut)
        catalogue = texts.catalogue()  # never raises
        assert isinstance(catalogue, dict)
        problems = texts.check_texts()
        assert all(isinstance(p, str) and p for p in problems)
        assert texts.friendly_message()
        edit_texts(name, original)


def test_random_workbook_uploads_are_skipped_with_a_reason():
    from verbinding.workbook import Workbook

    rng = random.Random(SEED + 4)
    valid = Workbook("fuzz", path=None).to_bytes()
    files = [(f"w{n}.json", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 500)))) for n in range(30)]
    files += [(f"t{n}.json", valid[: rng.randint(0, len(valid) - 1)]) for n in range(20)]
    result = read_workbooks(files)
    assert len(result.skipped) + len(result.learners) == len(files)
    assert all(reason and "Je huidige werk" not in reason for _, reason in result.skipped)


def test_a_huge_cell_is_read_or_reported(tmp_path):
    # Over the csv module's default limit of 128 KB per cell (which raised _csv.Error).
    path = tmp_path / "log.csv"
    path.write_text("datum;organisatie;onderwerp\n2021-01-01;A;\"" + "x" * 300_000 + "\"\n2021-01-02;B;kort\n",
                    encoding="utf-8")
    log = load_contact_log(path)
    assert log.report.ok and sorted(log.links["organisation"]) == ["A", "B"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "utf-8-sig"])
def test_a_clean_log_loads_whole_in_every_encoding(tmp_path, encoding):
    lines = ["datum\torganisatie"] + [f"2021-01-{d:02d}\tCoöperatie {d}" for d in range(1, 29)]
    text = "\r\n".join(lines) + "\r\n"
    data = ("\ufeff" + text).encode("utf-16-le") if encoding == "utf-16-le" else text.encode(encoding)
    path = tmp_path / "log.txt"
    path.write_bytes(data)
    log = load_contact_log(path)
    assert log.report.ok and log.links["row"].nunique() == 28
    assert sorted(log.links["organisation"])[0] == "Coöperatie 1"
