"""The begrippenlijst page: every term with its own anchor id, a letter index and a search box.

Links such as ``begrippen.ipynb#draagvlak`` land on the term: each entry is a ``<dt>``
whose id is the term's id, and a tiny script widget scrolls to the address's ``#id``
once the widgets are drawn (the browser cannot do that itself: the entry does not exist
yet when the page loads).
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets
from IPython.display import display

from verbinding.dutch import count
from verbinding.glossary import GlossaryError, letters, terms
from verbinding.texts import t
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import texts_or_alert

_SCROLL_ESM = r"""
function render({ model, el }) {
  const go = () => {
    const id = decodeURIComponent((window.location.hash || "").slice(1));
    if (!id) return;
    const target = document.getElementById(id);
    if (target) { target.scrollIntoView({ block: "start" }); target.classList.add("verbinding-target"); }
  };
  setTimeout(go, 50);
  window.addEventListener("hashchange", go);
}
export default { render };
"""


class ScrollToHash(anywidget.AnyWidget):
    """Scrolls to the element named by the page address's ``#id`` after rendering."""

    _esm = _SCROLL_ESM
    ready = traitlets.Bool(True).tag(sync=True)


class GlossaryView(widgets.VBox):
    """The glossary for learners (``page`` is the course page; no work is stored)."""

    def __init__(self, page=None):
        self.page = page
        self.message = widgets.HTML()
        self.items = texts_or_alert(terms, GlossaryError, t("glossary.errors.heading"), self.message) or []
        self.search = widgets.Text(
            description=t("glossary.page.search"), placeholder=t("glossary.page.search_placeholder"), continuous_update=True,
            layout=widgets.Layout(width="100%", max_width="32em"), style={"description_width": "9em"},
        )
        self.index = widgets.HTML(self._index_html())
        self.entries = widgets.HTML()
        self.search.observe(self._refresh, names="value")
        super().__init__([
            widgets.HTML(f"<h2>{_e(t('glossary.page.title'))}</h2><p>{_e(t('glossary.page.intro'))}</p>"),
            self.message, self.search, self.index, self.entries, ScrollToHash(),
        ])
        self.add_class("verbinding-glossary")
        self._refresh()

    def _index_html(self) -> str:
        if not self.items:
            return ""
        links = " ".join(f'<a href="#letter-{_e(letter.lower())}">{_e(letter)}</a>' for letter in letters(self.items))
        return f'<nav aria-label="{_e(t("glossary.page.index"))}"><p>{links}</p></nav>'

    def shown(self) -> list:
        query = " ".join(self.search.value.split()).casefold()
        if not query:
            return self.items
        return [i for i in self.items if query in i.term.casefold() or query in i.explanation.casefold()]

    def _refresh(self, _change=None) -> None:
        parts, current = [], None
        shown = self.shown()
        for item in shown:
            if item.letter != current:
                if current is not None:
                    parts.append("</dl>")
                current = item.letter
                parts.append(f'<h3 id="letter-{_e(current.lower())}">{_e(current)}</h3><dl>')
            extra = []
            if item.module:
                extra.append(_e(t("glossary.page.module", module=item.module)))
            if item.source:
                extra.append(_e(t("glossary.page.source", source=item.source)))
            small = f"<br><small>{' · '.join(extra)}</small>" if extra else ""
            parts.append(f'<dt id="{_e(item.id)}"><strong>{_e(item.term)}</strong></dt><dd>{_e(item.explanation)}{small}</dd>')
        if current is not None:
            parts.append("</dl>")
        header = f'<p role="status">{_e(t("glossary.page.count", count=count(len(shown), "begrip", "begrippen")))}</p>'
        self.entries.value = header + "".join(parts)

    def show(self) -> GlossaryView:
        display(self)
        return self
