"""The browser tab's title: '<page> – Verbindend leiderschap', as the Voilà template writes it.

The course app shows several modules on one page; its router (:mod:`verbinding.ui.router`)
sets the tab title to this for the module shown.
"""

from __future__ import annotations

from verbinding.texts import t


def course_title(page_title: str) -> str:
    """'<page> – Verbindend leiderschap', as the template writes it."""
    course = t("common.course_title")
    return course if not page_title or page_title == course else f"{page_title} – {course}"
