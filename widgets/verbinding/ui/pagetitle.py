"""The browser tab's title, set from the kernel.

The Voilà template names each page after its notebook's first heading. A page that shows
several modules in place (the course app) changes its title with :class:`PageTitle`::

    title = PageTitle(course_title(module.title))
    ...
    title.text = course_title(other.title)   # the tab follows, screen readers hear it

It renders nothing visible; it only sets ``document.title``.
"""

from __future__ import annotations

import anywidget
import traitlets

from ..texts import t

_ESM = r"""
function render({ model, el }) {
  el.hidden = true;
  const apply = () => { if (model.get("text")) document.title = model.get("text"); };
  apply();
  model.on("change:text", apply);
}
export default { render };
"""


def course_title(page_title: str) -> str:
    """'<page> – Verbindend leiderschap', as the template writes it."""
    course = t("common.course_title")
    return course if not page_title or page_title == course else f"{page_title} – {course}"


class PageTitle(anywidget.AnyWidget):
    """Sets the browser tab's title to ``text`` (an invisible widget)."""

    _esm = _ESM
    # Not "title"/"tooltip"/"description": those are DOMWidget's (see download.py).
    text = traitlets.Unicode("").tag(sync=True)

    def __init__(self, text: str = "", **kwargs):
        super().__init__(text=text, **kwargs)
