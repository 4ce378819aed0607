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

The package (import from ``verbinding.workbook``; names with a leading underscore are
shared between these files only):

* ``schema.py`` – the document's format and its validation (:func:`parse_document`,
  :func:`check_states`), slots per case, the text limit, the merge and its conflicts;
* ``storage.py`` – durable writes, leftover temporary files, the lock between kernels;
* ``book.py`` – :class:`Workbook`, what the pages hold.
"""

from verbinding.workbook.book import Workbook
from verbinding.workbook.schema import (
    FORMAT,
    KEPT_KEYS,
    MAX_DEPTH,
    MAX_TEXT_CHARS,
    MAX_UPLOAD_BYTES,
    MODULE_IDS,
    SCHEMA_VERSION,
    Slot,
    WorkbookError,
    check_states,
    empty_document,
    known_ids,
    merge_states,
    parse_document,
    too_large_message,
)
from verbinding.workbook.storage import TMP_MAX_AGE_SECONDS, clean_temp_files, folder_lock, write_durably

__all__ = [
    "FORMAT",
    "KEPT_KEYS",
    "MAX_DEPTH",
    "MAX_TEXT_CHARS",
    "MAX_UPLOAD_BYTES",
    "MODULE_IDS",
    "SCHEMA_VERSION",
    "TMP_MAX_AGE_SECONDS",
    "Slot",
    "Workbook",
    "WorkbookError",
    "check_states",
    "clean_temp_files",
    "empty_document",
    "folder_lock",
    "known_ids",
    "merge_states",
    "parse_document",
    "too_large_message",
    "write_durably",
]
