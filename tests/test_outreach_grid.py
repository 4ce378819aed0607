"""The Mendelow grid of Outreach step 5: names one a line, a few per quadrant, the rest counted.

A learner's walk: one line per quadrant, cut off mid-name ("Brancheplatform Akkerbouw De Oude
Roos, Wate…"). The browser test tests/browser/test_outreach_grid.py looks at it at 1366x768."""

from __future__ import annotations

from _charts import texts

from verbinding.modules.outreach import OutreachMap
from verbinding.modules.outreach.charts import GRID_NAMES, quadrant_lines

WALK = ["Brancheplatform Akkerbouw De Oude Roos", "Waterschap Rivierenland", "Gemeente Berkenveld",
        "Huurdersvereniging Blauwe Steen", "Stichting Blauwe Kade"]


def test_a_quadrant_shows_a_few_whole_names_one_a_line_and_counts_the_rest():
    assert quadrant_lines(WALK[:GRID_NAMES]).split("\n") == WALK[:GRID_NAMES]
    lines = quadrant_lines(WALK).split("\n")
    assert lines == [*WALK[:GRID_NAMES - 1], f"+ {len(WALK) - GRID_NAMES + 1} meer"]
    assert quadrant_lines([]) == ""


def test_the_drawn_grid_shows_the_names_whole():
    m = OutreachMap()
    for name in WALK:
        sh = m.add_stakeholder(name)
        m.place(sh.id, power="high", interest="high")
    m.place(m.add_stakeholder("Dorpsraad Oosterwolde").id, power="low", interest="high")
    drawn = texts(m.grid_chart(), width=640)
    assert "Brancheplatform Akkerbouw De Oude Roos" in drawn and "Waterschap Rivierenland" in drawn
    assert "+ 3 meer" in drawn and "Dorpsraad Oosterwolde" in drawn
    assert not [text for text in drawn if text.endswith("…")], drawn
    assert "Stichting Blauwe Kade" in m.grid_frame().set_index("quadrant").loc["high_high", "all_names"]
