"""The begrippenlijst: terms of the course in plain Dutch (pure model, no widgets).

Terms live in ``texts/nl/glossary.yaml`` (a trainer may edit them). Each term's ``id`` is
its anchor: module texts link a term where it first appears as
``[draagvlak](begrippen.ipynb#draagvlak)`` (see :func:`markdown_link`), and the glossary
page gives every entry that id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verbinding.texts import ExerciseTexts

NOTEBOOK = "begrippen.ipynb"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class GlossaryError(ValueError):
    """The glossary file cannot be used; ``str(error)`` is Dutch for the trainer."""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    explanation: str
    source: str = ""
    module: str = ""

    @property
    def letter(self) -> str:
        return self.term[:1].upper()


def terms() -> list[Term]:
    """Every term, sorted the way a reader looks them up (case and accents ignored)."""
    texts = ExerciseTexts("glossary", GlossaryError)
    found = []
    for _number, values, raw in texts.numbered_items("termen", ["id", "begrip", "uitleg"], kind="term"):
        if not _ID.match(values["id"]):
            raise texts.error("term_id", id=values["id"])
        found.append(Term(
            id=values["id"], term=values["begrip"], explanation=values["uitleg"],
            source=str(raw.get("bron") or "").strip(), module=str(raw.get("module") or "").strip(),
        ))
    return sorted(found, key=lambda item: item.term.casefold())


def term(term_id: str) -> Term:
    """One term by id (KeyError when the glossary has no such term)."""
    for item in terms():
        if item.id == term_id:
            return item
    raise KeyError(term_id)


def markdown_link(term_id: str, text: str | None = None, notebook: str = NOTEBOOK) -> str:
    """The link a module text uses for a term: ``[text](begrippen.ipynb#id)``."""
    item = term(term_id)
    return f"[{text or item.term}]({notebook}#{item.id})"


def letters(items: list[Term]) -> list[str]:
    """The first letters present, in order (for the index at the top of the page)."""
    seen: list[str] = []
    for item in items:
        if item.letter not in seen:
            seen.append(item.letter)
    return seen


LINK = re.compile(r"\]\(begrippen\.ipynb#([a-z0-9-]+)\)")


def linked_ids(markdown: str) -> list[str]:
    """Term ids a Markdown text links to (to check that every link has its term)."""
    return LINK.findall(markdown)
