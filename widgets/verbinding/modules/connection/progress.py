"""Whether the Connection module is done ("afgerond"), from its saved state alone, and
what is still to do if not."""

from __future__ import annotations

from typing import Any

from verbinding import dutch
from verbinding.modules.connection.state import ConnectionWork
from verbinding.texts import t


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the steps: the guess made
    and revealed, an insider rule applied, the playing field reflected on, at least one
    invitation and a reason for each, and a counter-voice plan with every part filled in."""
    work = ConnectionWork.from_dict(state)
    missing: list[str] = []
    if not (work.revealed and work.measured):
        missing.append(t("connection.todo.reveal"))
    if not work.insiders:
        missing.append(t("connection.todo.rule"))
    if not work.playing_field_note.strip():
        missing.append(t("connection.todo.note"))
    if not work.invitations:
        missing.append(t("connection.todo.invite"))
    no_reason = [i.name or i.org_id for i in work.invitations if not i.reason.strip()]
    if no_reason:
        missing.append(t("connection.todo.reasons", names=dutch.some(no_reason)))
    cv = work.counter_voice
    parts = [part for part, done in (("formats", cv.formats), ("facilitation", cv.facilitation),
                                     ("whom", cv.whom.strip()), ("steps", cv.steps),
                                     ("alternatives", cv.alternative_list)) if not done]
    if parts:
        missing.append(t("connection.todo.counter", parts=dutch.join(t(f"connection.todo.parts.{p}") for p in parts)))
    return missing


def is_complete(state: Any) -> bool:
    """Module 3 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)
