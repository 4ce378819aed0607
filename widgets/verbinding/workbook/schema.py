"""The workbook file's format: a versioned JSON document, validated in full before use.

The document holds module states by *slot* (case, module); :func:`_states_of` and
:func:`_document_of` convert between the two. Also here: the text limit applied to a
state before it is stored, and the per-field merge and its conflict records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from verbinding import merge
from verbinding.course import DEFAULT_CASE, PER_CASE_MODULES, SAVED_MODULES, saved_ids
from verbinding.limits import MAX_TEXT
from verbinding.texts import t

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


def check_states(doc: dict[str, Any]) -> None:
    """Load every module state of a parsed document the way the pages and the export do;
    raise :class:`WorkbookError` (Dutch) if any of them cannot be used."""
    from verbinding.export import EXPORTERS, _exporter  # the models load only here
    from verbinding.progress import state_of

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

