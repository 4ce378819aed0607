"""Edits the browser keeps until the kernel has saved them: field keys and replay rules.

What a learner types is kept in the browser (``localStorage``, see :mod:`verbinding.ui.keeper`)
under a *field key* until the kernel confirms that the text is in the saved workbook. A key
names a text field by its module and its place in that module's widget tree, so the same
field has the same key after a reload or in a new kernel (the tree is built from the same
saved work). Inside a list (a party, a dimension, an invitation) the step is the item's
stable id, not its position: when another tab removed or added an item meanwhile, a kept
edit still goes to its own item, never to the one that moved into its place; an edit whose
item is gone is *orphaned* and shown to the learner instead of saved anywhere. When a page
comes back (a reload after a lost kernel, a reconnect), the kept edits are replayed into
their fields and saved through the workbook's normal save, which merges with what other
tabs saved.

Pure functions only: no widgets, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FIELD_CLASS_PREFIX = "verbinding-field--"
ITEM_STEP = re.compile(r"i[0-9a-f]{8}")
_STEP = r"(?:\d+|i[0-9a-f]{8})"
KEY_PATTERN = re.compile(rf"^[a-z][a-z0-9_]*--{_STEP}(?:-{_STEP})*$")
MAX_REPLAY_FIELDS = 500  # more pending fields than a page has: a damaged or forged store
MAX_REPLAY_CHARS = 10 * 1024 * 1024


def item_step(item_name: str) -> str:
    """The step of a list item in a field key (``"i1a2b3c4d"``): the same for the item
    wherever it stands in its list."""
    return f"i{text_hash(item_name):08x}"


def _step(step: int | str) -> str:
    if isinstance(step, str) and ITEM_STEP.fullmatch(step):
        return step
    return str(int(step))


def field_key(module_id: str, path: Iterable[int | str]) -> str:
    """``"outreach--3-1-0"``: the module and the steps from its box to the field (a child's
    index, or :func:`item_step` for a list item)."""
    steps = list(path)
    if not steps:
        raise ValueError("a field lies below its module's box")
    return f"{module_id}--" + "-".join(_step(step) for step in steps)


def in_list_item(key: str) -> bool:
    """True when the key's field lies in a list item (which another tab may remove)."""
    return any(ITEM_STEP.fullmatch(step) for step in key.split("--", 1)[1].split("-"))


def module_of(key: str) -> str:
    return key.split("--", 1)[0]


def field_class(key: str) -> str:
    """The CSS class that tells the browser which field an input belongs to."""
    return FIELD_CLASS_PREFIX + key


def text_hash(text: str) -> int:
    """FNV-1a (32 bit) over the code points; the browser computes the same number, so a
    confirmation need not send the text back."""
    value = 0x811C9DC5
    for char in text:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def _normal(text: str) -> str:
    return " ".join(text.split())


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


LIST_SEPARATORS = re.compile(r"[\n,;]")


def is_kept(text: str, state: dict[str, Any]) -> bool:
    """True when ``text`` needs no keeping in the browser: it is empty, or it stands in the
    module's saved state (whitespace aside, also as part of a longer text the view made of
    it, or, for a field the view saves as a list, one item per line or comma, each line in
    the list whatever its case). A form's draft that was never added stays unkept, so it
    survives a reload too."""
    wanted = _normal(text)
    if not wanted:
        return True
    saved = [_normal(value) for value in _strings(state)]
    if any(wanted in value for value in saved):
        return True
    pieces = [_normal(piece).casefold() for piece in LIST_SEPARATORS.split(text) if piece.strip()]
    folded = [value.casefold() for value in saved]
    return len(pieces) > 1 and all(any(piece in value for value in folded) for piece in pieces)


def replay(base: str, current: str, text: str) -> tuple[str, bool]:
    """The field's value after replaying a kept edit: ``(value, conflict)``.

    ``base`` is what the field held when the learner started this edit, ``current`` what
    the kernel holds now (the saved work, perhaps changed by another tab since), ``text``
    the kept edit. As between two tabs: a change on one side only is taken; when both
    sides changed the field, nothing is dropped: the field holds the saved text, then the
    kept text, and ``conflict`` is True so the learner is told."""
    if _normal(current) == _normal(base) or not current.strip():
        return text, False
    if _normal(text) in _normal(current):  # saved already, or continued elsewhere
        return current, False
    if _normal(current) in _normal(text):  # the kept edit continued what is saved
        return text, False
    return f"{current.rstrip()}\n\n{text.lstrip()}", True


def clean_edits(raw: object) -> dict[str, dict[str, str]]:
    """The pending edits a browser sent, keeping only well-formed entries (key ->
    ``{"text", "base"}``); anything else is ignored, never trusted."""
    if not isinstance(raw, dict):
        return {}
    edits: dict[str, dict[str, str]] = {}
    total = 0
    for key, entry in list(raw.items())[:MAX_REPLAY_FIELDS]:
        if not (isinstance(key, str) and KEY_PATTERN.match(key) and isinstance(entry, dict)):
            continue
        text, base = entry.get("text"), entry.get("base", "")
        if not isinstance(text, str) or not isinstance(base, str):
            continue
        total += len(text) + len(base)
        if total > MAX_REPLAY_CHARS:
            break
        edits[key] = {"text": text, "base": base}
    return edits


def clean_values(raw: object) -> dict[str, str]:
    """The field texts a browser sent before a click (key -> text), keeping only
    well-formed entries; anything else is ignored, never trusted."""
    if not isinstance(raw, dict):
        return {}
    values: dict[str, str] = {}
    total = 0
    for key, text in list(raw.items())[:MAX_REPLAY_FIELDS]:
        if not (isinstance(key, str) and KEY_PATTERN.match(key) and isinstance(text, str)):
            continue
        total += len(text)
        if total > MAX_REPLAY_CHARS:
            break
        values[key] = text
    return values


def after_clear(shown: str, added: str) -> str | None:
    """What a form field shows once the text ``added`` (taken by an 'add' button) is cleared
    from it in the browser, where ``shown`` is what the field holds by then: empty when it
    still holds just that text; what was typed after it when the learner already went on
    typing the next one; None (leave the field alone) when the text was changed otherwise,
    so nothing typed is lost, doubled or moved."""
    if shown == added:
        return ""
    if added and shown.startswith(added):
        return shown[len(added):]
    return None
