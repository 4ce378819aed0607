"""What module 2 asks of the dimensions before it is "afgerond" (part of
:func:`verbinding.modules.outreach.still_to_do`).

Eight reasons and eight linked dimensions for a case map was a grind for what the lesson
practises. Now a 'why' is asked for the dimensions the learner chose themselves (the case's
own dimensions come with the case's explanation), and an organisation for at least
:data:`MIN_LINKED_DIMENSIONS` of them (every one on a smaller map). The map's gaps still
name every dimension without an organisation, so the feedback stays honest.
"""

from __future__ import annotations

from typing import Any

from verbinding import dutch
from verbinding.texts import t

MIN_LINKED_DIMENSIONS = 5


def _counted(n: int) -> str:
    return dutch.count(n, t("outreach.words.dimension.one"), t("outreach.words.dimension.many"))


def _quoted(names: list[str]) -> str:
    return dutch.some(t("outreach.todo.name", name=name) for name in names)  # a name may hold a comma


def dimensions_todo(model: Any) -> list[str]:
    """The Dutch to-do lines about the dimensions of an :class:`OutreachMap`."""
    missing = []
    why = [d.name for d in model.dimensions if d.origin != "case" and not d.why.strip()]
    if why:
        missing.append(t(f"outreach.todo.why.{'one' if len(why) == 1 else 'many'}", names=_quoted(why),
                         count=_counted(len(why))))
    unlinked = [d.name for d in model.dimensions if not model.links_for(d.id)]
    needed = min(MIN_LINKED_DIMENSIONS, len(model.dimensions))
    short = needed - (len(model.dimensions) - len(unlinked))
    if unlinked and needed == len(model.dimensions):
        missing.append(t("outreach.todo.links", names=_quoted(unlinked), count=_counted(len(unlinked))))
    elif short > 0:
        missing.append(t("outreach.todo.links_some", count=_counted(short), needed=needed,
                         total=len(model.dimensions), names=_quoted(unlinked)))
    return missing
