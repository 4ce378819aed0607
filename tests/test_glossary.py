"""The begrippenlijst: terms from the catalogue, anchors, links from module texts."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from verbinding import glossary
from verbinding.glossary import GlossaryError, linked_ids, markdown_link, term, terms

COURSE = Path(__file__).resolve().parents[1] / "course"
REQUIRED = [
    "insider", "draagvlak", "dimensie", "tegengeluid", "gini", "lorenz-curve", "mendelow", "lobbyparagraaf",
    "consultatieparagraaf", "memorie-van-toelichting", "beleidskompas", "drietrapsraket", "ongelijk-speelveld",
    "werken-vanuit-de-bedoeling", "ambtelijk-vakmanschap", "samen-in-beleid", "verplicht-nummer",
]


def test_the_issue_terms_are_explained_in_short_sentences():
    ids = {item.id for item in terms()}
    assert set(REQUIRED) <= ids
    for item in terms():
        sentences = [s for s in item.explanation.replace("?", ".").replace("!", ".").split(".") if s.strip()]
        assert max(len(s.split()) for s in sentences) <= 35, f"{item.id}: a sentence too long for B1"
    assert [i.term.casefold() for i in terms()] == sorted(i.term.casefold() for i in terms())


def test_markdown_link_points_at_the_anchor():
    assert markdown_link("draagvlak") == "[Draagvlak](begrippen.ipynb#draagvlak)"
    assert markdown_link("gini", "Gini") == "[Gini](begrippen.ipynb#gini)"
    with pytest.raises(KeyError):
        term("bestaat-niet")


def test_every_term_link_in_the_course_has_its_term():
    ids = {item.id for item in terms()}
    found = 0
    for path in sorted(COURSE.rglob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                for term_id in linked_ids("".join(cell["source"])):
                    assert term_id in ids, f"{path.name} links to unknown term {term_id}"
                    found += 1
    assert found >= 10, "modules link their terms to the glossary"


def test_a_trainers_broken_edit_is_reported_in_dutch(edit_texts):
    edit_texts("glossary.yaml", lambda data: data["termen"].append(dict(data["termen"][0])))
    with pytest.raises(GlossaryError, match="twee keer"):
        terms()
    edit_texts("glossary.yaml", lambda data: data["termen"].__setitem__(0, {"id": "Met Spatie", "begrip": "x", "uitleg": "y"}))
    with pytest.raises(GlossaryError, match="kleine letters"):
        glossary.terms()


def test_view_gives_every_term_an_anchor_and_filters(edit_texts):
    pytest.importorskip("ipywidgets")
    from verbinding.ui.glossary import GlossaryView

    view = GlossaryView()
    shown = view.entries.value
    for term_id in REQUIRED:
        assert f'<dt id="{term_id}">' in shown
    view.search.value = "steun"
    text = html.unescape(view.entries.value)
    assert "Draagvlak" in text and "Lorenz" not in text
    edit_texts("glossary.yaml", lambda data: data.__setitem__("termen", 3))
    broken = GlossaryView()
    assert "moet 'termen' een lijst zijn" in html.unescape(broken.message.value)
