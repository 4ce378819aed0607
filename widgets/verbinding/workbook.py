"""One learner's work across all modules: a versioned JSON document.

The workbook is autosaved to ``<data_home>/werkboeken/<code>.json`` after every change.
Several kernels may hold the same code (two tabs, an old tab, two devices), so a save
never writes its in-memory copy blindly:

* under a file lock it reads the file, and takes over every change another kernel saved
  since this one last read or wrote it (``restores`` ticks so the views reload);
* a module changed here *and* elsewhere is merged per item (the top-level keys of the
  module's state): an item changed on one side only takes that change; lists changed on
  both sides keep the additions of both; a plain value changed on both sides keeps this
  page's version (the one being saved now, so the newest) and the other version is kept
  in ``conflicts`` with a Dutch notice, so the learner can put it back
  (:meth:`Workbook.take_other`). Nothing is dropped silently.

Work that belongs to a case (``course.Module.per_case``) is kept per case: the file's
``modules`` holds the chosen case's work (what exports and the class overview read),
``other_cases`` the work on cases chosen before. Switching case never shows or overwrites
another case's work.

Writes are durable: a temporary file in the same folder, fsync, atomic rename, fsync of
the folder; no ``.tmp-*`` file is left behind. A change that would make the file larger
than a restorable download (:data:`MAX_UPLOAD_BYTES`) or a text longer than
:data:`MAX_TEXT_CHARS` is not saved; ``notice`` says so in Dutch and the saved work stays
as it was.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import secrets
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from traitlets import Bool, HasTraits, Int, List, Unicode

from .course import DEFAULT_CASE, PER_CASE_MODULES
from .paths import data_home
from .texts import t

try:  # POSIX; on Windows two tabs still merge, only without a lock between the two saves
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

FORMAT = "verbinding-werkboek"
SCHEMA_VERSION = 2  # 2: work per case ("other_cases"); 1 is read as is
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 20_000
MODULE_IDS = (
    "index",
    "kennismaken",
    "drempels",
    "outreach",
    "connection",
    "accountability",
    "eigen_dossier",
    "echte_agendas",
    "gesprekken",
    "afronding",
    "leerwinst",
)
# Parts that views other than the module's own keep inside a module's state (the knowledge
# check, the drietrapsraket exercise): kept when the module saves its model's dict.
KEPT_KEYS = ("kennischeck", "drietrapsraket")

Slot = tuple[str | None, str]  # (case reference or None, module id)


class WorkbookError(ValueError):
    """A workbook file cannot be used; ``str(error)`` is a Dutch message for the learner."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def empty_document(learner: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "learner": learner,
        "case": None,
        "created": _now(),
        "updated": None,
        "modules": {},
    }


def too_large_message() -> str:
    """Why a file over :data:`MAX_UPLOAD_BYTES` is refused (Dutch)."""
    return t("common.workbook.error_too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))


def _valid_modules(modules: object) -> bool:
    return (
        isinstance(modules, dict)
        and all(isinstance(k, str) and isinstance(v, dict) for k, v in modules.items())
        and not set(modules) - set(MODULE_IDS)
    )


def parse_document(raw: bytes | str, max_bytes: int = MAX_UPLOAD_BYTES) -> dict[str, Any]:
    """Validate an uploaded or stored workbook; raise :class:`WorkbookError` in Dutch."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) == 0:
        raise WorkbookError(t("common.workbook.error_empty"))
    if len(raw) > max_bytes:
        raise WorkbookError(too_large_message())
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise WorkbookError(t("common.workbook.error_not_json")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise WorkbookError(t("common.workbook.error_foreign"))
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkbookError(t("common.workbook.error_foreign"))
    if version > SCHEMA_VERSION:
        raise WorkbookError(t("common.workbook.error_newer", version=version))
    if not _valid_modules(doc.get("modules")):
        raise WorkbookError(t("common.workbook.error_broken"))
    others = doc.get("other_cases", {})
    if not isinstance(others, dict) or not all(
        isinstance(case, str) and _valid_modules(mods) and not set(mods) - PER_CASE_MODULES
        for case, mods in others.items()
    ):
        raise WorkbookError(t("common.workbook.error_broken"))
    case = doc.get("case")
    if case is not None and not isinstance(case, str):
        raise WorkbookError(t("common.workbook.error_broken"))
    return doc


# ----------------------------------------------------------------------------- the document

def _states_of(doc: dict[str, Any]) -> dict[Slot, dict]:
    """Every module state of a parsed document, keyed by (case, module).

    A per-case module in ``modules`` belongs to the document's case (the default case when
    none was chosen: that is what the pages showed)."""
    current = doc.get("case") or DEFAULT_CASE
    states: dict[Slot, dict] = {}
    for module_id, state in doc["modules"].items():
        states[(current if module_id in PER_CASE_MODULES else None, module_id)] = state
    for case, modules in doc.get("other_cases", {}).items():
        for module_id, state in modules.items():
            states.setdefault((case, module_id), state)
    return states


def _document_of(meta: dict[str, Any], case: str | None, states: dict[Slot, dict]) -> dict[str, Any]:
    current = case or DEFAULT_CASE
    doc = {**meta, "schema_version": SCHEMA_VERSION, "case": case, "modules": {}}
    others: dict[str, dict[str, dict]] = {}
    for (slot_case, module_id), state in sorted(states.items(), key=lambda item: (item[0][0] or "", item[0][1])):
        if not state:
            continue
        if slot_case is None or slot_case == current:
            doc["modules"][module_id] = state
        else:
            others.setdefault(slot_case, {})[module_id] = state
    doc["modules"] = {m: doc["modules"][m] for m in MODULE_IDS if m in doc["modules"]}
    if others:
        doc["other_cases"] = others
    return doc


def _longest_text(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max((_longest_text(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((_longest_text(v) for v in value), default=0)
    return 0


# ----------------------------------------------------------------------------- merging

_MISSING = object()


def _blank(value: object) -> bool:
    return value is _MISSING or value in ("", None, [], {})


def _same(one: object, other: object) -> bool:
    """Equal, where an empty field counts as no field: a view that saves its untouched
    fields as "" has not changed what another tab typed there."""
    return one == other or (_blank(one) and _blank(other))


def _merge_list(base: list, theirs: list, mine: list) -> list:
    """Mine, plus what the other side added, minus what the other side removed."""
    kept = [item for item in mine if not (item in base and item not in theirs)]
    return kept + [item for item in theirs if item not in base and item not in kept]


def merge_states(base: dict, theirs: dict, mine: dict) -> tuple[dict, dict]:
    """Three-way merge of one module's state: ``(merged, overruled)``.

    Per top-level item: a change on one side only is taken; lists changed on both sides
    keep both sides' additions; where both sides set a plain value differently, this
    side's value stays and the other side's goes into ``overruled``."""
    merged: dict = {}
    overruled: dict = {}
    for key in dict.fromkeys([*mine, *theirs, *base]):
        b, th, mi = (side.get(key, _MISSING) for side in (base, theirs, mine))
        if _same(th, b) or _same(th, mi):
            value = mi
        elif _same(mi, b):
            value = th
        elif isinstance(mi, list) and isinstance(th, list):
            value = _merge_list(b if isinstance(b, list) else [], th, mi)
        else:
            value = mi
            if th is not _MISSING:
                overruled[key] = th
        if value is not _MISSING:
            merged[key] = value
    return merged, overruled


class Workbook(HasTraits):
    """Observable learner workbook.

    ``revision`` ticks on every change; ``restores`` when work was replaced from outside
    this page (an upload, or changes another tab saved), so views reload; ``notice`` is a
    Dutch message for the learner (a refused save, a merged conflict, an unreadable file).
    """

    learner = Unicode()
    revision = Int(0)
    restores = Int(0)
    saved_at = Unicode("")
    notice = Unicode("")
    conflicts = List()  # [{"module": id, "case": ref|None, "other": state}]
    unsaved = Bool(False)  # the last change is not on disk (refused or failed); never an old "saved at"

    def __init__(self, learner: str, path: Path | None = None, document: dict | None = None):
        super().__init__(learner=learner)
        self.path = path
        doc = document if document is not None else empty_document(learner)
        self._meta = {k: doc.get(k) for k in ("format", "learner", "created", "updated")}
        self._meta["format"] = FORMAT
        self._meta["learner"] = learner
        self._case: str | None = doc.get("case")
        self._states = _states_of(doc)
        self._save_id = doc.get("save_id")
        self._base = self._snapshot()

    def _snapshot(self) -> tuple[str | None, dict[Slot, dict]]:
        return self._case, copy.deepcopy(self._states)

    # ----- opening and saving -------------------------------------------------
    @staticmethod
    def default_path(learner: str, home: Path | None = None) -> Path:
        return (home or data_home()) / "werkboeken" / f"{learner}.json"

    @classmethod
    def open(cls, learner: str, home: Path | None = None) -> "Workbook":
        """The learner's autosaved workbook, or a new empty one.

        An unreadable autosave is moved aside (never deleted), a new workbook starts, and
        ``notice`` tells the learner which file holds the old work and how to get it back.
        """
        path = cls.default_path(learner, home)
        aside = None
        if path.exists():
            try:
                doc = parse_document(path.read_bytes(), max_bytes=4 * MAX_UPLOAD_BYTES)
                wb = cls(learner, path, doc)
                wb.saved_at = doc.get("updated") or ""
                return wb
            except (WorkbookError, OSError) as error:
                aside = path.with_name(f"{learner}.onleesbaar-{_stamp()}.json")
                reason = str(error)
                with contextlib.suppress(OSError):
                    path.rename(aside)
        wb = cls(learner, path)
        if aside is not None:
            wb.notice = t("common.workbook.unreadable_kept", name=aside.name, folder=str(aside.parent), reason=reason)
        return wb

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self.path is None or fcntl is None:
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.parent / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _read_disk(self) -> dict | None:
        """The saved document, or None when there is none (or it cannot be read)."""
        if self.path is None or not self.path.exists():
            return None
        try:
            return parse_document(self.path.read_bytes(), max_bytes=4 * MAX_UPLOAD_BYTES)
        except (WorkbookError, OSError):
            return None

    def _pull(self, disk: dict) -> bool:
        """Take over what another kernel saved since our last sync; True if anything came in."""
        if disk.get("save_id") == self._save_id:
            return False
        base_case, base_states = self._base
        theirs = _states_of(disk)
        changed = False
        if disk.get("case") != base_case and self._case == base_case:
            self._case = disk.get("case")
            changed = True
        for slot in set(theirs) | set(base_states):
            b, th = base_states.get(slot, {}), theirs.get(slot, {})
            if th == b:
                continue
            mine = self._states.get(slot, {})
            merged, overruled = (th, {}) if mine == b else merge_states(b, th, mine)
            if merged != mine:
                changed = True
            self._states[slot] = merged
            if overruled:
                self._record_conflict(slot, th)
        return changed

    def _record_conflict(self, slot: Slot, other: dict) -> None:
        from .course import module as course_module  # noqa: PLC0415

        case, module_id = slot
        self.conflicts = [c for c in self.conflicts if (c["case"], c["module"]) != slot] + [
            {"case": case, "module": module_id, "other": copy.deepcopy(other)}
        ]
        self.notice = t("common.workbook.conflict", title=course_module(module_id).title)

    def _write(self, doc: dict) -> None:
        assert self.path is not None
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if hasattr(os, "O_DIRECTORY"):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def save(self) -> None:
        """Merge with the file, then write it (see the module docstring)."""
        if self.path is None:
            self.unsaved = False
            self.saved_at = self._meta["updated"] or _now()
            return
        pulled = False
        with self._locked():
            disk = self._read_disk()
            if disk is not None:
                pulled = self._pull(disk)
            self._save_id = secrets.token_hex(8)
            self._meta["updated"] = _now()
            doc = self._document()
            doc["save_id"] = self._save_id
            self._write(doc)
            self._base = self._snapshot()
        self.unsaved = False
        self.saved_at = self._meta["updated"]
        if pulled:
            self.restores += 1

    def refresh(self) -> bool:
        """Take over changes another tab saved (nothing is written). True if any came in."""
        if self.path is None:
            return False
        with self._locked():
            disk = self._read_disk()
            pulled = disk is not None and self._pull(disk)
            if pulled:
                self._save_id = disk.get("save_id")
                self._base = self._snapshot()
        if pulled:
            self.revision += 1
            self.restores += 1
        return pulled

    # ----- content ------------------------------------------------------------
    def _document(self) -> dict[str, Any]:
        return _document_of(self._meta, self._case, self._states)

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(json.dumps(self._document()))

    @property
    def case(self) -> str | None:
        return self._case

    @case.setter
    def case(self, case_id: str | None) -> None:
        if case_id != self._case:
            self._case = case_id
            self._changed()

    def _slot(self, module_id: str, case: str | None) -> Slot:
        if module_id not in MODULE_IDS:
            raise KeyError(module_id)
        if module_id not in PER_CASE_MODULES:
            return (None, module_id)
        return (case or self._case or DEFAULT_CASE, module_id)

    def module(self, module_id: str, case: str | None = None) -> dict[str, Any]:
        """A copy of one module's saved state ({} when the learner has not started it).

        Work that belongs to a case is that of ``case`` (default: the chosen case)."""
        return copy.deepcopy(self._states.get(self._slot(module_id, case), {}))

    def set_module(self, module_id: str, state: dict[str, Any], case: str | None = None) -> bool:
        """Store one module's state (must be JSON-able) and autosave.

        Returns False, and says why in ``notice``, when the change is refused (a text
        longer than :data:`MAX_TEXT_CHARS`, or a workbook too large to restore); the saved
        work then stays as it was."""
        slot = self._slot(module_id, case)
        clean = json.loads(json.dumps(state))
        previous = self._states.get(slot)
        for key in KEPT_KEYS:
            if previous and key in previous and key not in clean:
                clean[key] = previous[key]
        if (previous or {}) == clean:
            return True
        if _longest_text(clean) > MAX_TEXT_CHARS:
            self.unsaved = True
            self.notice = t("common.workbook.text_too_long", limit=f"{MAX_TEXT_CHARS:,}".replace(",", "."))
            return False
        self._states[slot] = clean
        if len(json.dumps(self._document(), ensure_ascii=False).encode("utf-8")) > MAX_UPLOAD_BYTES:
            if previous is None:
                del self._states[slot]
            else:
                self._states[slot] = previous
            self.unsaved = True
            self.notice = t("common.workbook.too_large_to_save", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
            return False
        if self.notice and not self.conflicts:
            self.notice = ""
        self._changed()
        return True

    def started_modules(self, case: str | None = None) -> list[str]:
        return [m for m in MODULE_IDS if self._states.get(self._slot(m, case))]

    def take_other(self, module_id: str) -> None:
        """Put back the other tab's version of a module after a conflict."""
        for conflict in self.conflicts:
            if conflict["module"] == module_id:
                self._states[(conflict["case"], module_id)] = copy.deepcopy(conflict["other"])
                self.conflicts = [c for c in self.conflicts if c is not conflict]
                self.notice = ""
                self._changed()
                self.restores += 1
                return

    def dismiss_conflicts(self) -> None:
        self.conflicts = []
        self.notice = ""

    def _changed(self) -> None:
        try:
            self.save()
        except OSError as error:
            self.unsaved = True
            print(f"verbinding: saving {self.path} failed: {error}", file=sys.__stderr__)
            self.notice = t("common.workbook.save_failed")
        self.revision += 1

    # ----- download and restore -----------------------------------------------
    def to_bytes(self) -> bytes:
        return json.dumps(self._document(), ensure_ascii=False, indent=2).encode("utf-8")

    def restore(self, raw: bytes) -> None:
        """Replace the work with an uploaded workbook, after validating it.

        Raises :class:`WorkbookError` and leaves everything untouched when the file is
        unusable. The replaced work is written to a backup file first.
        """
        doc = parse_document(raw)
        if self.path is not None and self._states:
            backup = self.path.with_name(f"{self.path.stem}.voor-herstel-{_stamp()}.json")
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_bytes(self.to_bytes())
        self._case = doc.get("case")
        self._states = _states_of(doc)
        # The upload replaces everything: the file's current content becomes the base, so
        # the save below writes the upload as it is instead of merging the old work back in.
        disk = self._read_disk()
        if disk is not None:
            self._save_id = disk.get("save_id")
            self._base = (disk.get("case"), _states_of(disk))
        self.conflicts = []
        self.notice = ""
        self._changed()
        self.restores += 1
