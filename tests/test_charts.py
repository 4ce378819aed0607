"""Chart slots: offline SVG with a text summary; selectable charts whose marks are links."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from verbinding.ui.charts import ChartView, SelectableChartView

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def bars(rows):
    return {
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {"y": {"field": "name", "type": "nominal", "sort": None},
                     "x": {"field": "n", "type": "quantitative"}},
    }


ROWS = [{"org_id": "a1", "name": "Stichting Aap", "n": 5},
        {"org_id": None, "name": "Niet te kiezen", "n": 3},
        {"org_id": "c3", "name": "Vereniging <Cito> & Co", "n": 1}]


def links(view) -> list[ET.Element]:
    markup = view._figure.value
    svg = ET.fromstring(markup[markup.index("<svg"): markup.rindex("</svg>") + 6])
    return list(svg.iter(f"{SVG}a"))


def test_plain_chart_is_an_image_with_its_summary():
    view = ChartView(bars(ROWS), "Drie organisaties.")
    assert '<svg role="img" aria-label="Drie organisaties."' in view._figure.value
    assert "Drie organisaties." in view._summary.value
    assert not links(view)


def test_selectable_chart_links_each_mark_with_an_id_and_names_it():
    view = SelectableChartView(key="org_id", label="name")
    view.update(bars(ROWS), "Drie organisaties, twee te kiezen.")
    found = links(view)
    assert [a.get(XLINK_HREF) for a in found] == ["#kies-a1", "#kies-c3"]  # page-local, no CDN base
    names = [a.find(f"{SVG}path").get("aria-label") for a in found]
    assert names == ["Stichting Aap", "Vereniging <Cito> & Co"]
    assert 'role="group"' in view._figure.value  # not "img", which would hide the links
    assert "twee te kiezen" in view._summary.value


def test_activating_a_mark_calls_back_but_mirroring_a_list_does_not():
    view = SelectableChartView(key="org_id", chart=bars(ROWS), summary="x")
    chosen = []
    view.on_select(chosen.append)
    view._figure.set_state({"selected": "c3"})  # what the front end sends on a click
    assert chosen == ["c3"] and view.selected == "c3"
    view.selected = "a1"  # the list beside the chart changed
    assert chosen == ["c3"] and view._figure.selected == "a1"
    view.selected = None
    assert view._figure.selected == ""


def axis_labels(view) -> list[str]:
    markup = view._figure.value
    svg = ET.fromstring(markup[markup.index("<svg"): markup.rindex("</svg>") + 6])
    return [text.text for text in svg.iter(f"{SVG}text") if text.text]


def test_chart_numbers_and_dates_read_as_dutch():
    """A learner reads '1.500' and '0,5' on an axis, and Dutch month names."""
    counts = ChartView(bars([{"name": "Aap", "n": 2500}, {"name": "Noot", "n": 400}]), "Twee organisaties.")
    assert "1.500" in axis_labels(counts) and "1,500" not in axis_labels(counts)
    shares = ChartView(bars([{"name": "Aap", "n": 0.75}, {"name": "Noot", "n": 0.2}]), "Aandelen.")
    assert "0,5" in axis_labels(shares)
    months = ChartView({
        "data": {"values": [{"d": "2024-03-01", "n": 1}, {"d": "2024-05-01", "n": 2}]},
        "mark": "line",
        "encoding": {"x": {"field": "d", "type": "temporal", "timeUnit": "yearmonth"},
                     "y": {"field": "n", "type": "quantitative"}},
    }, "Per maand.")
    assert {"mrt 2024", "mei 2024"} <= set(axis_labels(months))
