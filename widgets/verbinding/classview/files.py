"""Reading learners' workbooks for the class overview: uploaded files (:func:`read_workbooks`,
foreign, broken and duplicate files skipped with a reason for the trainer) and, on a class
server or hub, the workbooks where the course saves them (:func:`server_workbook_folders`,
:func:`server_workbooks`, :func:`workbooks_signature` for the live view).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from verbinding.classview.common import _dict, _str
from verbinding.paths import COLLECTED_ENV, data_home
from verbinding.texts import t
from verbinding.workbook import MAX_UPLOAD_BYTES, WorkbookError, known_ids, parse_document, too_large_message

MAX_FILES = 500
LIVE_SECONDS = 5  # the live class view looks this often whether a workbook changed (and reads
# them all again only then: 40 workbooks take about 0.3 s to read and draw, bench_class.py --live)
# A learner's autosaved workbook: "<code>.json" (backups "<code>.voor-herstel-….json" and
# half-written ".tmp-….json" files are not the learner's current work).
WORKBOOK_FILE = re.compile(r"[a-z0-9][a-z0-9-]*\.json")


@dataclass
class Learner:
    label: str  # "Cursist 3": the only name the overview shows
    modules: dict[str, dict]
    updated: str = ""
    # module id -> how far the learner got (verbinding.progress: OPEN, STARTED, QUIZ, DONE),
    # judged as the learner's own course map judges it, over every case
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadResult:
    learners: list[Learner] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason for the trainer)


def trainer_reason(error: Exception) -> str:
    """Why a workbook was skipped, said to the trainer (the workbook's own messages speak to
    the learner: "Je huidige werk is niet veranderd")."""
    message = str(error)
    for kind in ("error_empty", "error_not_json", "error_foreign", "error_broken"):
        if message == t(f"common.workbook.{kind}"):
            return t(f"classview.skip_reasons.{kind}")
    before, _, after = t("common.workbook.error_newer", version="\x00").partition("\x00")
    if message.startswith(before) and message.endswith(after):
        return t("classview.skip_reasons.error_newer")
    if message == too_large_message():
        return t("classview.skip_reasons.too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    return t("classview.skip_reasons.other")


def too_large_reason() -> str:
    """Why a workbook file was not read: larger than a workbook can be."""
    return t("classview.skip_reasons.too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))


def server_workbook_folders() -> list[Path]:
    """Where this server keeps learners' workbooks: its own folder (one class server); on a
    hub the folder in each learner's home that the trainer's server may read (``eenvoudig``),
    and with ``systeem``, where every home is the learner's own and stays closed, the
    trainer-only folder into which the hub copies them (:data:`COLLECTED_ENV`)."""
    folders = [data_home() / "werkboeken"]
    if os.environ.get(COLLECTED_ENV):
        folders.append(Path(os.environ[COLLECTED_ENV]))
    if os.environ.get("JUPYTERHUB_USER") and not os.environ.get("VERBINDING_HOME"):
        own_home = Path.home()
        try:
            homes = sorted(own_home.parent.iterdir())
        except OSError:
            homes = []
        for home in homes:
            folder = home / ".verbinding" / "werkboeken"
            if home != own_home and os.access(folder, os.R_OK | os.X_OK):
                folders.append(folder)
    return folders


def workbooks_signature(folders: Iterable[Path]) -> tuple:
    """What changes when a learner saves: name, size and time of each current workbook."""
    found = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not WORKBOOK_FILE.fullmatch(entry.name):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            found.append((str(folder), entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def server_workbooks(folders: Iterable[Path]) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """The learners' current workbooks in ``folders``: (file name, bytes), and (file name,
    Dutch reason) of those too large or unreadable. Backups and temporary files are left out."""
    files, refused = [], []
    for folder in folders:
        try:
            paths = sorted(p for p in Path(folder).iterdir() if WORKBOOK_FILE.fullmatch(p.name))
        except OSError:
            continue
        for path in paths[:MAX_FILES]:
            try:
                if path.stat().st_size > MAX_UPLOAD_BYTES:
                    refused.append((path.name, too_large_reason()))
                    continue
                files.append((path.name, path.read_bytes()))
            except OSError:
                refused.append((path.name, t("classview.unreadable")))
    return files, refused


def read_workbooks(files: Iterable[tuple[str, bytes]], by_start: bool = False) -> ReadResult:
    """Parse uploaded files; skip foreign/broken/duplicate ones with a reason.

    Duplicates are files of the same learner code: the most recently updated one counts.
    ``by_start`` numbers learners in the order they started their workbook (a live view
    read again and again keeps "Cursist 3" the same person), else in the order of ``files``.
    """
    by_code: dict[str, tuple[str, dict, bytes]] = {}
    order: list[str] = []
    skipped: list[tuple[str, str]] = []
    for number, item in enumerate(files):
        name, raw = item
        name = str(name)
        if number >= MAX_FILES:
            skipped.append((name, t("classview.too_many", limit=MAX_FILES)))
            continue
        try:
            doc = parse_document(bytes(raw))
        except WorkbookError as error:
            skipped.append((name, trainer_reason(error)))
            continue
        except Exception:  # any unreadable upload is reported, never fatal
            skipped.append((name, t("classview.unreadable")))
            continue
        code = _str(doc.get("learner")) or f"zonder-code-{number}"
        updated = _str(doc.get("updated"))
        if code in by_code:
            old_name, old_doc, _old_raw = by_code[code]
            if updated >= _str(old_doc.get("updated")):
                skipped.append((old_name, t("classview.duplicate")))
                by_code[code] = (name, doc, bytes(raw))
            else:
                skipped.append((name, t("classview.duplicate")))
            continue
        by_code[code] = (name, doc, bytes(raw))
        order.append(code)
    if by_start:
        order.sort(key=lambda code: (_str(by_code[code][1].get("created")), code))
    learners = []
    known = set(known_ids())
    for n, code in enumerate(order, start=1):
        doc = by_code[code][1]
        modules = {k: v for k, v in _dict(doc.get("modules")).items() if k in known and isinstance(v, dict)}
        learners.append(Learner(t("classview.learner", n=n), modules, _str(doc.get("updated")),
                                _statuses(doc, by_code[code][2])))
    return ReadResult(learners, skipped)


# (workbook bytes, texts) -> statuses: the live view reads every workbook again when one
# learner saves, and judging a workbook's modules takes some milliseconds each
_STATUSES: dict[tuple[str, int], dict[str, str]] = {}


def _statuses(document: dict, raw: bytes = b"") -> dict[str, str]:
    """How far a learner got in each module, as the learner's own course map says it: a
    module is "afgerond" only with its work complete and its kennischeck done."""
    from verbinding.course import course_modules
    from verbinding.progress import OPEN, best_progress
    from verbinding.texts import catalogue

    key = (hashlib.sha256(raw).hexdigest(), id(catalogue())) if raw else None
    if key in _STATUSES:
        return dict(_STATUSES[key])
    try:
        found = {m.id: best_progress(document, m.id).status for m in course_modules()}
    except Exception:  # an odd workbook never breaks the overview: then it claims nothing
        return {}
    found = {module_id: status for module_id, status in found.items() if status != OPEN}
    if key is not None:
        if len(_STATUSES) >= 2 * MAX_FILES:
            _STATUSES.clear()
        _STATUSES[key] = dict(found)
    return found
