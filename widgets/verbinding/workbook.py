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
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from traitlets import Bool, HasTraits, Int, List, Unicode

from . import merge
from .course import DEFAULT_CASE, PER_CASE_MODULES, SAVED_MODULES, saved_ids
from .limits import MAX_TEXT
from .paths import data_home
from .texts import t

try:  # POSIX; on Windows two tabs still merge, only without a lock between the two saves
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

FORMAT = "verbinding-werkboek"
SCHEMA_VERSION = 2  # 2: work per case ("other_cases"); 1 is read as is
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = MAX_TEXT
MAX_DEPTH = 32  # nesting of lists and objects; the deepest module state is about 6
# The course's own modules; a trainer's exercise folder adds its id (known_ids()).
MODULE_IDS = tuple(m.id for m in SAVED_MODULES)
# Parts that views other than the module's own keep inside a module's state (the knowledge
# check, the drietrapsraket exercise): kept when the module saves its model's dict.
KEPT_KEYS = ("kennischeck", "drietrapsraket")

Slot = tuple[str | None, str]  # (case reference or None, module id)


class WorkbookError(ValueError):
    """A workbook file cannot be used; ``str(error)`` is a Dutch message for the learner."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


def known_ids() -> tuple[str, ...]:
    """Every module id a workbook may hold now: the course's and the trainer's exercises'
    (an id no module has any more makes the file unusable, as it always did)."""
    return saved_ids()


def _known(module_ids) -> bool:
    extra = set(module_ids) - set(MODULE_IDS)
    return not extra or not extra - set(known_ids())


def _valid_modules(modules: object) -> bool:
    return (
        isinstance(modules, dict)
        and all(isinstance(k, str) and isinstance(v, dict) for k, v in modules.items())
        and _known(modules)
    )


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a workbook holds")


def _too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """True when lists and objects nest deeper than ``limit`` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return False


def parse_document(raw: bytes | str, max_bytes: int = MAX_UPLOAD_BYTES) -> dict[str, Any]:
    """Validate an uploaded or stored workbook; raise :class:`WorkbookError` in Dutch."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) == 0:
        raise WorkbookError(t("common.workbook.error_empty"))
    if len(raw) > max_bytes:
        raise WorkbookError(too_large_message())
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        raise WorkbookError(t("common.workbook.error_not_json")) from None
    if _too_deep(doc):
        raise WorkbookError(t("common.workbook.error_too_deep"))
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
    order = MODULE_IDS if not set(doc["modules"]) - set(MODULE_IDS) else known_ids()
    doc["modules"] = {m: doc["modules"][m] for m in order if m in doc["modules"]}
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


def _long_text_paths(value: object, path: merge.Path = ()) -> list[merge.Path]:
    if isinstance(value, str):
        return [path] if len(value) > MAX_TEXT_CHARS else []
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in _long_text_paths(child, (*path, str(key)))]
    if isinstance(value, list):
        keys = list(merge._keyed(value))
        return [p for key, child in zip(keys, value) for p in _long_text_paths(child, (*path, key))]
    return []


def _keep_long_texts_out(state: dict, previous: dict) -> int:
    """Put back the saved value of every text longer than :data:`MAX_TEXT_CHARS` in
    ``state`` (in place): that text is refused, never cut, and the rest is saved.
    Returns how many texts were refused."""
    paths = _long_text_paths(state)
    for path in paths:
        before = merge.get_at(previous, path)
        if not merge.set_at(state, path, before if isinstance(before, str) or before is merge.MISSING else ""):
            merge.set_at(state, path, "")
    return len(paths)


# ----------------------------------------------------------------------------- merging

def merge_states(base: dict, theirs: dict, mine: dict) -> tuple[dict, list[merge.Conflict]]:
    """Three-way merge of one module's state, per item and per field (see :mod:`.merge`)."""
    return merge.merge_states(base, theirs, mine)


def _conflict_key(conflict: dict) -> tuple:
    return (conflict.get("case"), conflict.get("module"), tuple(conflict.get("path") or ()))


def _valid_conflicts(conflicts: object) -> list[dict]:
    """The well-formed conflict records of a document (others are ignored, not fatal)."""
    if not isinstance(conflicts, list):
        return []
    return [
        c for c in conflicts
        if isinstance(c, dict) and isinstance(c.get("module"), str) and _known([c["module"]]) and "other" in c
        and (c.get("case") is None or isinstance(c.get("case"), str))
        and isinstance(c.get("path"), list) and c["path"] and all(isinstance(p, str) for p in c["path"])
    ]


TMP_MAX_AGE_SECONDS = 600  # older than any save in progress: left by a killed kernel


def clean_temp_files(folder: Path, max_age: float = TMP_MAX_AGE_SECONDS) -> int:
    """Remove ``.tmp-*.json`` files a killed kernel left mid-save; returns how many.

    A save in progress holds its temporary file for well under a second, so files older
    than ``max_age`` are leftovers (they hold nothing the workbook itself does not)."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in folder.glob(".tmp-*.json"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime >= max_age:
                    tmp.unlink()
                    removed += 1
    return removed


def write_durably(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder,
    fsync, atomic rename, fsync of the folder. A failure (a full disk: ``OSError``) leaves
    ``path`` as it was and no temporary file behind."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
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


def check_states(doc: dict[str, Any]) -> None:
    """Load every module state of a parsed document the way the pages and the export do;
    raise :class:`WorkbookError` (Dutch) if any of them cannot be used."""
    from .export import EXPORTERS, _exporter  # the models load only here
    from .progress import state_of

    try:
        for (_case, module_id), state in _states_of(doc).items():
            if _longest_text(state) > MAX_TEXT_CHARS:
                raise WorkbookError(t("common.workbook.error_text_too_long",
                                      limit=f"{MAX_TEXT_CHARS:,}".replace(",", ".")))
            state_of(state, module_id)
            if module_id in EXPORTERS:
                _exporter(EXPORTERS[module_id][1])(state)
    except WorkbookError:
        raise
    except Exception:  # whatever a model trips over, the file is unusable
        raise WorkbookError(t("common.workbook.error_broken")) from None


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
    # [{"module": id, "case": ref|None, "path": [key or item id, ...], "other": value}]:
    # the other tab's value of one field that this tab's value overruled; kept in the file
    # (so a third tab, or a reload, still has it) until the learner takes it or keeps this.
    conflicts = List()
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
        self.conflicts = _valid_conflicts(doc.get("conflicts"))
        self._base = self._snapshot()

    def _snapshot(self) -> tuple[str | None, dict[Slot, dict], list[dict]]:
        return self._case, copy.deepcopy(self._states), copy.deepcopy(self.conflicts)

    # ----- opening and saving -------------------------------------------------
    @staticmethod
    def default_path(learner: str, home: Path | None = None) -> Path:
        return (home or data_home()) / "werkboeken" / f"{learner}.json"

    @classmethod
    def open(cls, learner: str, home: Path | None = None) -> Workbook:
        """The learner's autosaved workbook, or a new empty one.

        An unreadable autosave is moved aside (never deleted), a new workbook starts, and
        ``notice`` tells the learner which file holds the old work and how to get it back.
        """
        path = cls.default_path(learner, home)
        clean_temp_files(path.parent)
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
        base_case, base_states, base_conflicts = self._base
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
            merged, found = (th, []) if mine == b else merge_states(b, th, mine)
            if merged != mine:
                changed = True
            self._states[slot] = merged
            for conflict in found:
                self._record_conflict(slot, list(conflict.path), conflict.other)
        # Conflicts recorded by another tab come in too; those settled here stay settled.
        known = {_conflict_key(c) for c in self.conflicts}
        theirs_conflicts = _valid_conflicts(disk.get("conflicts"))
        settled_there = [c for c in base_conflicts if c not in theirs_conflicts]
        self.conflicts = [c for c in self.conflicts if c not in settled_there] + [
            c for c in theirs_conflicts if c not in base_conflicts and _conflict_key(c) not in known
        ]
        if any(c not in base_conflicts for c in theirs_conflicts):
            self._say_conflict(self.conflicts[-1]["module"] if self.conflicts else None)
        return changed

    def _record_conflict(self, slot: Slot, path: list[str], other: object) -> None:
        case, module_id = slot
        record = {"case": case, "module": module_id, "path": path, "other": copy.deepcopy(other)}
        self.conflicts = [c for c in self.conflicts if _conflict_key(c) != _conflict_key(record)] + [record]
        self._say_conflict(module_id)

    def _say_conflict(self, module_id: str | None) -> None:
        from .course import module as course_module

        if module_id is not None:
            try:
                title = course_module(module_id).title
            except KeyError:  # a trainer's exercise folder with a problem: its id, as saved
                title = module_id
            self.notice = t("common.workbook.conflict", title=title)

    def _write(self, doc: dict) -> None:
        assert self.path is not None
        write_durably(self.path, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))

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
            clean_temp_files(self.path.parent)  # what a kernel killed mid-save left behind
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
        doc = _document_of(self._meta, self._case, self._states)
        if self.conflicts:
            doc["conflicts"] = copy.deepcopy(self.conflicts)
        return doc

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
        if module_id not in MODULE_IDS and module_id not in known_ids():
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
        refused = _keep_long_texts_out(clean, previous or {})
        if refused:
            self.unsaved = True
            self.notice = t("common.workbook.text_too_long", limit=f"{MAX_TEXT_CHARS:,}".replace(",", "."))
        if (previous or {}) == clean:
            return not refused
        self._states[slot] = clean
        if len(json.dumps(self._document(), ensure_ascii=False).encode("utf-8")) > MAX_UPLOAD_BYTES:
            if previous is None:
                del self._states[slot]
            else:
                self._states[slot] = previous
            self.unsaved = True
            self.notice = t("common.workbook.too_large_to_save", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
            return False
        if self.notice and not self.conflicts and not refused:
            self.notice = ""
        self._changed()
        if refused:
            self.unsaved = True  # the rest is on disk, the refused text is not
        return not refused

    def save_module(self, module_id: str, state: dict[str, Any], base: dict | None = None,
                    case: str | None = None) -> bool:
        """Store one module's state like :meth:`set_module`; with ``base`` (the state the
        caller started from, e.g. edits kept in the browser while the kernel was away) the
        state is first merged with what is stored now, as a second tab's would be."""
        if base is None:
            return self.set_module(module_id, state, case)
        slot = self._slot(module_id, case)
        current = self._states.get(slot, {})
        merged, found = merge_states(json.loads(json.dumps(base)), current, json.loads(json.dumps(state)))
        for conflict in found:  # here "mine" is the replayed state, "other" what was stored
            self._record_conflict(slot, list(conflict.path), conflict.other)
        return self.set_module(module_id, merged, case)

    def started_modules(self, case: str | None = None) -> list[str]:
        return [m for m in known_ids() if self._states.get(self._slot(m, case))]

    def take_other(self, module_id: str) -> None:
        """Put back the other tab's value of each conflicting field of a module.

        Only those fields change: everything else in the module, including what was typed
        after the conflict, stays as it is."""
        taken = [c for c in self.conflicts if c["module"] == module_id]
        if not taken:
            return
        for conflict in taken:
            slot = (conflict["case"], module_id)
            state = copy.deepcopy(self._states.get(slot, {}))
            if merge.set_at(state, tuple(conflict["path"]), copy.deepcopy(conflict["other"])):
                self._states[slot] = state
        self.conflicts = [c for c in self.conflicts if c not in taken]
        self.notice = ""
        self._changed()
        self.restores += 1

    def dismiss_conflicts(self) -> None:
        self.conflicts = []
        self.notice = ""
        self._changed()

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

    def backups(self) -> list[Path]:
        """This learner's backups made before a restore, newest first."""
        if self.path is None:
            return []
        return sorted(self.path.parent.glob(f"{self.path.stem}.voor-herstel-*.json"), reverse=True)

    def restore(self, raw: bytes) -> Path | None:
        """Replace the work with an uploaded workbook, after validating it completely.

        In order: the file is parsed and bounded (size, nesting, numbers), every module
        state is loaded as the pages and the export load it, the current work is written
        to a backup (never empty; returned), the restored document is written, and only
        then is the work in this page replaced. Any failure raises :class:`WorkbookError`
        with a Dutch message and leaves the work on disk and on the page as it was.
        """
        try:
            doc = parse_document(raw)
            check_states(doc)
        except WorkbookError:
            raise
        except Exception:  # e.g. RecursionError, MemoryError: never a traceback
            raise WorkbookError(t("common.workbook.error_broken")) from None
        new_case, new_states = doc.get("case"), _states_of(doc)
        if self.path is None:
            self._case, self._states, self.conflicts, self.notice = new_case, new_states, [], ""
            self._changed()
            self.restores += 1
            return None
        backup = None
        try:
            with self._locked():
                disk = self._read_disk()
                if disk is not None:
                    self._pull(disk)
                if self._states:
                    backup = self.path.with_name(f"{self.path.stem}.voor-herstel-{_stamp()}.json")
                    n = 2
                    while backup.exists():
                        backup = self.path.with_name(f"{self.path.stem}.voor-herstel-{_stamp()}-{n}.json")
                        n += 1
                    write_durably(backup, self.to_bytes())
                save_id = secrets.token_hex(8)
                meta = {**self._meta, "updated": _now()}
                new_doc = _document_of(meta, new_case, new_states)
                new_doc["save_id"] = save_id
                write_durably(self.path, json.dumps(new_doc, ensure_ascii=False, indent=2).encode("utf-8"))
        except OSError as error:
            print(f"verbinding: restoring {self.path} failed: {error}", file=sys.__stderr__)
            raise WorkbookError(t("common.workbook.restore_disk_failed")) from None
        self._case, self._states, self._meta, self._save_id = new_case, new_states, meta, save_id
        self.conflicts = []
        self.notice = ""
        self._base = self._snapshot()
        self.saved_at = meta["updated"]
        self.revision += 1
        self.restores += 1
        return backup

    def take_back_backup(self, backup: Path) -> Path | None:
        """Restore the work as it was before a restore, from one of :meth:`backups`."""
        if backup not in self.backups():
            raise WorkbookError(t("common.workbook.error_broken"))
        try:
            raw = backup.read_bytes()
        except OSError:
            raise WorkbookError(t("common.workbook.error_broken")) from None
        return self.restore(raw)
