"""Module 0 (kennismaken): the learner's own dossier and its usual conversation partners.

The smallest complete exercise: a model with feedback, saved in the workbook under
``kennismaken`` and exported. State shape::

    {"dossier": str, "description": str, "partners": [str, ...], "missing": str}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verbinding import dutch, limits
from verbinding.document import Block, Bullets, Heading, Paragraph
from verbinding.texts import t

MAX_TEXT = limits.MAX_TEXT
SMALL_CIRCLE = 3


def clean_text(value: object) -> str:
    """Plain text, stray control characters removed; never cut (the workbook refuses a text
    over :data:`limits.MAX_TEXT` with a message instead)."""
    text = "" if value is None else str(value)
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " ")


def parse_partners(text: str) -> list[str]:
    """One partner per line (commas also separate); blanks and duplicates dropped."""
    seen: dict[str, str] = {}
    for line in clean_text(text).replace(",", "\n").splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


@dataclass
class Introduction:
    dossier: str = ""
    description: str = ""
    partners: list[str] = field(default_factory=list)
    missing: str = ""

    @classmethod
    def from_dict(cls, state: dict) -> Introduction:
        partners = state.get("partners") or []
        return cls(
            dossier=clean_text(state.get("dossier")),
            description=clean_text(state.get("description")),
            partners=[clean_text(p) for p in partners if isinstance(p, str) and p.strip()],
            missing=clean_text(state.get("missing")),
        )

    def to_dict(self) -> dict:
        return {
            "dossier": self.dossier,
            "description": self.description,
            "partners": list(self.partners),
            "missing": self.missing,
        }

    def feedback(self) -> list[str]:
        """Dutch feedback on what the learner wrote so far."""
        notes: list[str] = []
        if not self.dossier.strip():
            notes.append(t("intro.feedback.no_dossier"))
        count = len(self.partners)
        if count == 0:
            notes.append(t("intro.feedback.no_partners"))
        elif count <= SMALL_CIRCLE:
            notes.append(t("intro.feedback.small_circle",
                           partners=dutch.count(count, t("intro.feedback.partner"), t("intro.feedback.partners_word"))))
        else:
            notes.append(t("intro.feedback.partners", count=count))
        if count and not self.missing.strip():
            notes.append(t("intro.feedback.ask_missing"))
        elif self.missing.strip():
            notes.append(t("intro.feedback.missing_named"))
        return notes


def still_to_do(state: object) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the page: the dossier
    named, at least one usual conversation partner, and who is heard little."""
    intro = Introduction.from_dict(state if isinstance(state, dict) else {})
    missing = []
    if not intro.dossier.strip():
        missing.append(t("intro.todo.dossier"))
    if not intro.partners:
        missing.append(t("intro.todo.partners"))
    if not intro.missing.strip():
        missing.append(t("intro.todo.missing"))
    return missing


def is_complete(state: object) -> bool:
    """Module 0 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


def export_blocks(state: dict) -> list[Block]:
    intro = Introduction.from_dict(state)
    blocks: list[Block] = [
        Heading(t("intro.export.dossier"), level=3),
        Paragraph(intro.dossier or "-"),
    ]
    if intro.description:
        blocks.append(Paragraph(intro.description))
    blocks.append(Heading(t("intro.export.partners"), level=3))
    blocks.append(Bullets(intro.partners) if intro.partners else Paragraph("-"))
    blocks.append(Heading(t("intro.export.missing"), level=3))
    blocks.append(Paragraph(intro.missing or "-"))
    return blocks
