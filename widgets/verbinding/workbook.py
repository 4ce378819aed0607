"""One learner's work across all modules: a versioned JSON document.

The workbook is autosaved to ``<data_home>/werkboeken/<code>.json`` after every change
(atomic write). Restoring from an upload validates first and only then replaces the
current work; the replaced work is kept as a backup file. Module state is a plain
JSON-able dict per module id; each module's pure model converts to and from it.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from traitlets import HasTraits, Int, Unicode

from .paths import data_home
from .texts import t

FORMAT = "verbinding-werkboek"
SCHEMA_VERSION = 1
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MODULE_IDS = (
    "index",
    "kennismaken",
    "drempels",
    "outreach",
    "connection",
    "accountability",
    "eigen_dossier",
    "echte_agendas",
    "afronding",
)
# Parts that views other than the module's own keep inside a module's state (the knowledge
# check, the drietrapsraket exercise): kept when the module saves its model's dict.
KEPT_KEYS = ("kennischeck", "drietrapsraket")


class WorkbookError(ValueError):
    """A workbook file cannot be used; ``str(error)`` is a Dutch message for the learner."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


def parse_document(raw: bytes | str) -> dict[str, Any]:
    """Validate an uploaded or stored workbook; raise :class:`WorkbookError` in Dutch."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) == 0:
        raise WorkbookError(t("common.workbook.error_empty"))
    if len(raw) > MAX_UPLOAD_BYTES:
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
    modules = doc.get("modules")
    if not isinstance(modules, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) for k, v in modules.items()
    ):
        raise WorkbookError(t("common.workbook.error_broken"))
    unknown = sorted(set(modules) - set(MODULE_IDS))
    if unknown:
        raise WorkbookError(t("common.workbook.error_broken"))
    case = doc.get("case")
    if case is not None and not isinstance(case, str):
        raise WorkbookError(t("common.workbook.error_broken"))
    return doc


class Workbook(HasTraits):
    """Observable learner workbook. ``revision`` ticks on every change."""

    learner = Unicode()
    revision = Int(0)  # ticks on every change, including the learner's own edits
    restores = Int(0)  # ticks only when the whole work was replaced by an upload
    saved_at = Unicode("")

    def __init__(self, learner: str, path: Path | None = None, document: dict | None = None):
        super().__init__(learner=learner)
        self.path = path
        self._doc = document if document is not None else empty_document(learner)

    # ----- opening and saving -------------------------------------------------
    @staticmethod
    def default_path(learner: str, home: Path | None = None) -> Path:
        return (home or data_home()) / "werkboeken" / f"{learner}.json"

    @classmethod
    def open(cls, learner: str, home: Path | None = None) -> "Workbook":
        """The learner's autosaved workbook, or a new empty one.

        An unreadable autosave is moved aside (never deleted) and a new workbook starts.
        """
        path = cls.default_path(learner, home)
        if path.exists():
            try:
                doc = parse_document(path.read_bytes())
                doc["learner"] = learner
                wb = cls(learner, path, doc)
                wb.saved_at = doc.get("updated") or ""
                return wb
            except (WorkbookError, OSError):
                path.rename(path.with_suffix(f".onleesbaar-{datetime.now():%Y%m%d%H%M%S}.json"))
        return cls(learner, path)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "wb") as handle:
            handle.write(self.to_bytes())
        os.replace(tmp, self.path)
        self.saved_at = self._doc["updated"] or _now()

    # ----- content ------------------------------------------------------------
    @property
    def document(self) -> dict[str, Any]:
        return json.loads(json.dumps(self._doc))

    @property
    def case(self) -> str | None:
        return self._doc.get("case")

    @case.setter
    def case(self, case_id: str | None) -> None:
        if case_id != self._doc.get("case"):
            self._doc["case"] = case_id
            self._changed()

    def module(self, module_id: str) -> dict[str, Any]:
        """A copy of one module's saved state ({} when the learner has not started it)."""
        if module_id not in MODULE_IDS:
            raise KeyError(module_id)
        return json.loads(json.dumps(self._doc["modules"].get(module_id, {})))

    def set_module(self, module_id: str, state: dict[str, Any]) -> None:
        """Store one module's state (must be JSON-able) and autosave."""
        if module_id not in MODULE_IDS:
            raise KeyError(module_id)
        clean = json.loads(json.dumps(state))
        previous = self._doc["modules"].get(module_id) or {}
        for key in KEPT_KEYS:
            if key in previous and key not in clean:
                clean[key] = previous[key]
        if self._doc["modules"].get(module_id) == clean:
            return
        self._doc["modules"][module_id] = clean
        self._changed()

    def started_modules(self) -> list[str]:
        return [m for m in MODULE_IDS if self._doc["modules"].get(m)]

    def _changed(self) -> None:
        self._doc["updated"] = _now()
        self.save()
        self.revision += 1

    # ----- download and restore -----------------------------------------------
    def to_bytes(self) -> bytes:
        return json.dumps(self._doc, ensure_ascii=False, indent=2).encode("utf-8")

    def restore(self, raw: bytes) -> None:
        """Replace the work with an uploaded workbook, after validating it.

        Raises :class:`WorkbookError` and leaves everything untouched when the file is
        unusable. The replaced work is written to a backup file first.
        """
        doc = parse_document(raw)
        if self.path is not None and self._doc["modules"]:
            backup = self.path.with_name(
                f"{self.path.stem}.voor-herstel-{datetime.now():%Y%m%d%H%M%S}.json"
            )
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_bytes(self.to_bytes())
        doc["learner"] = self.learner
        self._doc = doc
        self._changed()
        self.restores += 1
