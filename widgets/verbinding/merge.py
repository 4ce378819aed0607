"""Three-way merge of one module's saved state (pure; no widgets, no files).

Two tabs (or two devices) can hold the same workbook. When one saves, what the other saved
since is merged in: ``base`` is what this tab last loaded or saved, ``theirs`` what is on
disk now, ``mine`` what this tab holds.

* Dicts merge per key, recursively: a change on one side only is taken.
* Lists merge per item. An item's identity is its ``id`` (or ``org_id``, or the
  ``dimension_id``/``stakeholder_id`` pair of a link); an item without one (a plain string,
  a history entry) is identified by its content, the n-th equal item by its count. Items
  added on either side are kept, items removed on either side go, unless the other side
  edited them (then they stay: no words are lost). The order is this tab's order; the
  other tab's new items are appended in their order. The order on screen never changes
  under the learner.
* Where both sides changed the same field of the same item differently, this side's value
  stays (it is the newest: it is being saved now) and a :class:`Conflict` records the other
  value with its ``path``, so the learner can take back exactly that field
  (:func:`set_at`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MISSING: Any = object()
Path = tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    path: Path  # dict keys and list item identities, from the module's state down
    other: Any  # the other side's value (MISSING when the other side removed it)


def blank(value: object) -> bool:
    return value is MISSING or value in ("", None, [], {})


def same(one: object, other: object) -> bool:
    """Equal, where an empty field counts as no field: a view that saves its untouched
    fields as "" has not changed what another tab typed there."""
    return one == other or (blank(one) and blank(other))


def identity(item: object) -> str:
    """The stable identity of a list item (see the module docstring)."""
    if isinstance(item, dict):
        for key in ("id", "org_id"):
            value = item.get(key)
            if isinstance(value, str) and value:
                return f"{key}:{value}"
        if isinstance(item.get("dimension_id"), str) and isinstance(item.get("stakeholder_id"), str):
            return f"link:{item['dimension_id']}|{item['stakeholder_id']}"
    return "=" + json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _keyed(items: list) -> dict[str, Any]:
    """Items by identity; the n-th item with an identity already seen gets ``#n``."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = identity(item)
        if key in keyed:
            n = 2
            while f"{key}#{n}" in keyed:
                n += 1
            key = f"{key}#{n}"
        keyed[key] = item
    return keyed


def merge(base: Any, theirs: Any, mine: Any, path: Path = ()) -> tuple[Any, list[Conflict]]:
    """``(merged, conflicts)``; ``merged`` is MISSING when both sides agree it is gone."""
    if same(theirs, base) or same(theirs, mine):
        return mine, []
    if same(mine, base):
        return theirs, []
    if theirs is MISSING or mine is MISSING:  # removed on one side, edited on the other: keep the words
        return (mine if theirs is MISSING else theirs), []
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(base if isinstance(base, dict) else {}, theirs, mine, path)
    if isinstance(mine, list) and isinstance(theirs, list):
        return _merge_lists(base if isinstance(base, list) else [], theirs, mine, path)
    return mine, [Conflict(path, theirs)]


def _merge_dicts(base: dict, theirs: dict, mine: dict, path: Path) -> tuple[dict, list[Conflict]]:
    merged: dict = {}
    conflicts: list[Conflict] = []
    for key in dict.fromkeys([*mine, *theirs, *base]):
        value, found = merge(base.get(key, MISSING), theirs.get(key, MISSING), mine.get(key, MISSING),
                             (*path, str(key)))
        conflicts += found
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def _merge_lists(base: list, theirs: list, mine: list, path: Path) -> tuple[list, list[Conflict]]:
    b, th, mi = _keyed(base), _keyed(theirs), _keyed(mine)
    merged: list = []
    conflicts: list[Conflict] = []
    for key, item in mi.items():
        if key in th:
            value, found = merge(b.get(key, MISSING), th[key], item, (*path, key))
            conflicts += found
            merged.append(value)
        elif key in b and same(item, b[key]):
            continue  # removed there, untouched here
        else:
            merged.append(item)  # new here, or edited here and removed there
    for key, item in th.items():
        if key in mi:
            continue
        if key in b and same(item, b[key]):
            continue  # removed here, untouched there
        merged.append(item)  # new there, or edited there and removed here
    return merged, conflicts


def merge_states(base: dict, theirs: dict, mine: dict) -> tuple[dict, list[Conflict]]:
    """Three-way merge of one module's state (dicts at the top)."""
    merged, conflicts = merge(base, theirs, mine)
    return (merged if isinstance(merged, dict) else {}), conflicts


def get_at(state: Any, path: Path) -> Any:
    """The value at ``path`` in ``state``, or MISSING."""
    node = state
    for step in path:
        if isinstance(node, dict):
            node = node.get(step, MISSING)
        elif isinstance(node, list):
            node = _keyed(node).get(step, MISSING)
        else:
            return MISSING
        if node is MISSING:
            return MISSING
    return node


def set_at(state: Any, path: Path, value: Any) -> bool:
    """Put ``value`` at ``path`` in ``state`` in place (MISSING removes it); True if done.

    Only that field changes: every other field, and everything typed since the conflict,
    stays. A list item that is gone is added back at the end."""
    if not path:
        return False
    node = state
    for step in path[:-1]:
        if isinstance(node, dict):
            if step not in node:
                return False
            node = node[step]
        elif isinstance(node, list):
            keyed = _keyed(node)
            if step not in keyed:
                return False
            node = keyed[step]
        else:
            return False
    last = path[-1]
    if isinstance(node, dict):
        if value is MISSING:
            node.pop(last, None)
        else:
            node[last] = value
        return True
    if isinstance(node, list):
        keys = list(_keyed(node))
        if last in keys:
            index = keys.index(last)
            if value is MISSING:
                del node[index]
            else:
                node[index] = value
        elif value is not MISSING:
            node.append(value)
        return True
    return False
