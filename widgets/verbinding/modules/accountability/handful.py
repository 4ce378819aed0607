"""The handful: a chosen few interests to weigh, the rest optional (issue 28)."""

from __future__ import annotations

from collections.abc import Iterable

from verbinding.modules.accountability.records import HANDFUL_GROUPS, HANDFUL_MAX, HANDFUL_SIZE, ORIGINS, Interest


def pointed_insider(interests: list[Interest], contact_counts: dict[str, int] | None = None) -> Interest | None:
    """The insider the course points out: of the insiders in the list, the one with the most
    contacts in the case's log (ties and no counts: the first in the list)."""
    counts = contact_counts or {}
    insiders = [i for i in interests if i.insider]
    if not insiders:
        return None
    return min(enumerate(insiders), key=lambda pair: (-counts.get(pair[1].org_id, 0), pair[0]))[1]


def default_handful(interests: list[Interest], dimensions: list[dict] | None = None,
                    contact_counts: dict[str, int] | None = None) -> list[str]:
    """The interest ids the course asks the learner to weigh, in list order.

    A list of at most :data:`HANDFUL_MAX` interests is weighed whole. Otherwise
    :data:`HANDFUL_SIZE`: the insider the course points out (:func:`pointed_insider`), a
    party whose proposal got no hearing in module 2, one interest per origin (own map,
    invitations, the consultation, ...) but every party of the counter-voice plan (the
    learner named them, module 3), one per dimension not yet covered,
    then the rest of the list, others before insiders; at most :data:`HANDFUL_GROUPS` groups
    of consultation responses while parties with a name are left. Deterministic: the same list gives
    the same handful.
    """
    if len(interests) <= HANDFUL_MAX:
        return [i.id for i in interests]
    chosen: list[str] = []

    groups = {i.id for i in interests if i.is_group}

    def take(candidates: Iterable[Interest]) -> None:
        for i in candidates:
            if len(chosen) >= HANDFUL_SIZE:
                return
            if i.id in groups and sum(c in groups for c in chosen) >= HANDFUL_GROUPS:
                continue  # parties with a name first: a group of responses is a topic
            if i.id not in chosen:
                chosen.append(i.id)
                return

    insider = pointed_insider(interests, contact_counts)
    if insider is not None:
        chosen.append(insider.id)
    others = [i for i in interests if not i.insider]
    take(i for i in others if i.rejected)
    for origin in ORIGINS:
        if origin == "counter_voice":  # every party the learner's own plan names, none left out
            for i in [i for i in others if i.origin == origin]:
                take([i])
        elif not any(i.origin == origin for i in interests if i.id in chosen):
            take(i for i in others if i.origin == origin)
    for d in dimensions or []:
        if not any(d["id"] in i.dimensions or d["name"] in i.dimensions for i in interests if i.id in chosen):
            take(i for i in others if d["id"] in i.dimensions or d["name"] in i.dimensions)
    for i in [i for i in others if i.id not in groups] + [i for i in interests if i.insider]:
        take([i])
    for i in interests:  # a list of mostly groups: then more groups after all
        if len(chosen) < HANDFUL_SIZE and i.id not in chosen:
            chosen.append(i.id)
    order = {i.id: n for n, i in enumerate(interests)}
    return sorted(chosen, key=order.__getitem__)
