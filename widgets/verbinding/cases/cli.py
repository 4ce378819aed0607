"""``verbinding check-case``: the Dutch report on a case, a folder of cases or a contact log,
with a corrected contacts file and a first ``profielen.csv`` on request.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from verbinding.cases.contacts import load_contact_log
from verbinding.cases.folder import CONTACT_SPEC, _find_file
from verbinding.cases.listing import BUILTIN_CASES, OWN_PREFIX, load_case
from verbinding.cases.model import Case
from verbinding.cases.report import CaseError, LoadReport, _command, counted
from verbinding.tabular import Problem, read_table
from verbinding.texts import t


def _check_one(path: str, correct: bool = False, profiles: bool = False) -> int:
    """``verbinding check-case PATH``: print the Dutch report; 0 when clean, 1 on problems.

    PATH is a built-in case id, an own case (``eigen:<map>``), a case folder, or one contact
    log file (CSV or .xlsx) with the columns ``organisatie`` and ``datum`` (several
    organisations in a cell split on ``;``).
    A file inside a case folder (``contacts.csv``) checks the whole folder.
    """
    target = Path(path).expanduser()
    try:
        if (str(path) in BUILTIN_CASES or str(path).startswith(OWN_PREFIX)) and not target.exists():
            report = load_case(str(path)).report
        elif target.is_dir() and not (target / "case.yaml").exists() and (target / "common.yaml").is_file():
            from verbinding.texts import check_texts_command  # a folder of exercise texts

            return check_texts_command(str(path))
        elif target.is_dir():
            case = load_case(target)
            report = case.report
            if correct and report.corrections:
                _write_corrected(target, report)
            if profiles:
                _write_first_profiles(case)
            elif not (target / "profielen.csv").is_file():
                report.notes.append(t("cases.report.no_profiles", path=path, command=_command()))
        elif target.is_file() and (target.parent / "case.yaml").is_file():
            report = load_case(target.parent).report
            if correct and report.corrections:
                _write_corrected(target.parent, report)
        elif target.is_file():
            try:
                report = load_contact_log(target, "organisatie", "datum", separator=";").report
            except CaseError as err:
                if any(p.column in ("organisatie", "datum") and p.row is not None for p in err.problems):
                    err.report.notes.append(t("cases.problems.contact_log_columns", command=_command()))
                raise
        else:
            report = LoadReport()
            report.add(Problem(str(path), None, None, t("cases.problems.not_a_case", path=path)))
            report.fatal = True
    except CaseError as err:
        report = err.report
    except Exception as exc:  # a trainer never sees a traceback
        report = LoadReport()
        report.add(Problem(str(path), None, None, t("cases.problems.unexpected", reason=type(exc).__name__, command=_command())))
        report.fatal = True
    count = len(report.problems)
    if report.fatal:
        print(t("cases.report.title_unusable", path=path, count=counted(count, "report")))
    elif report.ok:
        print(t("cases.report.title_ok", path=path))
    else:
        print(t("cases.report.title_problems", path=path, count=counted(count, "report")))
    for line in report.lines():
        print(line)
    if not report.ok:
        print(t("cases.report.fix_hint", path=path, command=_command()))
    sys.stdout.flush()
    return 0 if report.ok else 1


def _case_folders(folder: Path) -> list[Path]:
    """The case folders directly inside ``folder`` (each with a case.yaml)."""
    try:
        return sorted(entry for entry in folder.iterdir() if entry.is_dir() and (entry / "case.yaml").is_file())
    except OSError:
        return []


def check_case_command(path: str, correct: bool = False, profiles: bool = False) -> int:
    """``verbinding check-case PATH [--verbeter]``: the Dutch report; 0 when clean, 1 on problems.

    PATH may also be a folder of case folders: each is checked, then a one-line summary.
    With ``correct``, contact cells that name organisations get a corrected copy of the
    contacts file beside it (``contacts-verbeterd.csv``); the original is never changed.
    """
    target = Path(path).expanduser()
    if target.is_dir() and not (target / "case.yaml").exists():
        folders = _case_folders(target)
        if folders:
            results = []
            for folder in folders:
                results.append(_check_one(str(folder), correct, profiles))
                print()
            clean = results.count(0)
            print(t("cases.report.folder_summary", count=counted(len(results), "case"), path=path, clean=clean,
                    problems=len(results) - clean))
            return 0 if clean == len(results) else 1
    return _check_one(path, correct, profiles)


def first_profiles(case: Case) -> pd.DataFrame:
    """A first ``profielen.csv`` from the organisation list: id and name, knowledge 2 on the
    dimensions of ``expertise``, the position from the consultation; the rest to fill in."""
    positions = {}
    if case.consultation is not None and "org_id" in case.consultation:
        for org_id, position in zip(case.consultation["org_id"], case.consultation["position"]):
            if isinstance(org_id, str) and position:
                positions[org_id] = position
    orgs = case.organisations
    return pd.DataFrame({
        "id": orgs["org_id"],
        "naam": orgs["name"],
        "werk": "",
        "achterban": "",
        "kennis": [";".join(f"{d}=2" for d in e.split(";") if d) for e in orgs["expertise"]],
        "standpunt": [positions.get(org_id, "") for org_id in orgs["org_id"]],
        "toelichting": "",
    })


def _write_first_profiles(case: Case) -> None:
    """Write a first profielen.csv (or profielen-eerste-versie.csv beside an existing one)."""
    folder = Path(case.folder)
    out = folder / ("profielen-eerste-versie.csv" if (folder / "profielen.csv").exists() else "profielen.csv")
    try:
        first_profiles(case).to_csv(out, sep=";", index=False, encoding="utf-8")
    except OSError as exc:
        case.report.notes.append(t("cases.report.cannot_correct", reason=exc.strerror or type(exc).__name__))
        return
    case.report.notes.append(t("cases.report.profiles_written", path=out, count=len(case.organisations)))


def _write_corrected(folder: Path, report: LoadReport) -> None:
    """Write ``contacts-verbeterd.csv``: the contacts file with names replaced by ids."""
    source = _find_file(folder, "contacts")
    out = folder / "contacts-verbeterd.csv"
    try:
        table = read_table(source, **{k: v for k, v in CONTACT_SPEC.items() if k != "optional"}, optional=[])
        header = table.header_row - 1
        if table.separator is None:
            frame = pd.read_excel(source, sheet_name=table.sheet, header=header, dtype=str).fillna("")
            separator = ";"
        else:
            frame = pd.read_csv(source, sep=table.separator, encoding=table.encoding if table.encoding != "utf-16" else "utf-16",
                                header=header, dtype=str, keep_default_na=False, encoding_errors="replace")
            separator = table.separator
        column = table.columns["organisatie_id"]
        corrections = report.corrections

        def fix(cell: str) -> str:
            if cell.strip() in corrections:
                return corrections[cell.strip()]
            return ";".join(corrections.get(piece.strip(), piece.strip()) for piece in cell.split(";"))

        cells = frame[column].astype(str)
        fixed = cells.map(fix)
        count = int((fixed != cells.str.strip()).sum())
        frame[column] = fixed
        frame.to_csv(out, sep=separator, index=False, encoding="utf-8")
    except Exception as exc:  # said in Dutch, the original stays as it is
        report.notes.append(t("cases.report.cannot_correct", reason=type(exc).__name__))
        return
    report.notes.append(t("cases.report.corrected", path=out, count=counted(count, "cell"), name=source.name))
