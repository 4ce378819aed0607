""":class:`Workbook`, the observable workbook the pages hold: open, merge-and-save, the
module states, conflicts, and download and restore."""

from __future__ import annotations

import contextlib
import copy
import json
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from traitlets import Bool, HasTraits, Int, List, Unicode

from verbinding import merge
from verbinding.course import DEFAULT_CASE, PER_CASE_MODULES
from verbinding.paths import data_home
from verbinding.texts import t
from verbinding.workbook.schema import (
    FORMAT,
    KEPT_KEYS,
    MAX_TEXT_CHARS,
    MAX_UPLOAD_BYTES,
    MODULE_IDS,
    Slot,
    WorkbookError,
    _conflict_key,
    _document_of,
    _keep_long_texts_out,
    _now,
    _stamp,
    _states_of,
    _valid_conflicts,
    check_states,
    empty_document,
    known_ids,
    merge_states,
    parse_document,
)
from verbinding.workbook.storage import clean_temp_files, folder_lock, write_durably


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
        if self.path is None:
            yield
            return
        with folder_lock(self.path.parent):
            yield

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
        from verbinding.course import module as course_module

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
