"""Chart slots: a Vega-Lite spec drawn in the browser at the slot's width, with a text
summary; selectable charts whose marks are links; long labels wrap instead of "…"."""

from __future__ import annotations

from _charts import SVG, XLINK_HREF, link_ids, svg_tree, texts

from verbinding.ui.charts import ChartView, SelectableChartView


def bars(rows):
    return {
        "data": {"values": rows},
        "mark": "bar",
        "width": 600,
        "encoding": {"y": {"field": "name", "type": "nominal", "sort": None},
                     "x": {"field": "n", "type": "quantitative", "title": "Aantal"}},
    }


ROWS = [{"org_id": "a1", "name": "Stichting Aap", "n": 5},
        {"org_id": None, "name": "Niet te kiezen", "n": 3},
        {"org_id": "c3", "name": "Vereniging <Cito> & Co", "n": 1}]


def test_plain_chart_sends_its_spec_and_summary_not_a_picture():
    view = ChartView(bars(ROWS), "Drie organisaties.")
    assert view._figure.label == "Drie organisaties." and not view._figure.selectable
    assert view.spec["data"]["values"] == ROWS
    assert "Drie organisaties." in view._summary.value
    assert not link_ids(view)
    view.update(None, "")
    assert view.spec == {} and view._summary.value == ""


def test_chart_takes_the_width_of_its_slot():
    """Drawn at 320 px or at 900 px, the whole chart (axes and labels) fits the slot."""
    view = ChartView(bars(ROWS), "Drie organisaties.")
    for width in (320, 900):
        drawn = svg_tree(view, width)
        assert abs(float(drawn.get("width")) - width) <= 2


def test_selectable_chart_links_each_mark_with_an_id_and_names_it():
    view = SelectableChartView(key="org_id", label="name")
    view.update(bars(ROWS), "Drie organisaties, twee te kiezen.")
    assert view._figure.selectable
    assert link_ids(view) == ["a1", "c3"]
    found = list(svg_tree(view).iter(f"{SVG}a"))
    assert all(a.get(XLINK_HREF).endswith(("#kies-a1", "#kies-c3")) for a in found)
    names = [a.find(f"{SVG}path").get("aria-label") for a in found]
    assert names == ["Stichting Aap", "Vereniging <Cito> & Co"]
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


def test_long_labels_wrap_instead_of_being_cut_off():
    name = "Vereniging van Nederlandse Gemeenten en Provincies"
    view = ChartView(bars([{"name": name, "n": 2}, {"name": "Kort", "n": 1}]), "Twee.")
    shown = texts(view, 320)
    assert not any("…" in text for text in shown)
    assert " ".join(line for line in shown if line in name) == name  # every word, over lines
    assert "Kort" in shown


def test_chart_numbers_and_dates_read_as_dutch():
    """A learner reads '1.000' and '0,50' on an axis, and Dutch month names."""
    counts = ChartView(bars([{"name": "Aap", "n": 2500}, {"name": "Noot", "n": 400}]), "Twee organisaties.")
    assert "1.000" in texts(counts) and "1,000" not in texts(counts)
    shares = ChartView(bars([{"name": "Aap", "n": 0.75}, {"name": "Noot", "n": 0.2}]), "Aandelen.")
    assert "0,50" in texts(shares) and "0.50" not in texts(shares)
    months = ChartView({
        "data": {"values": [{"d": "2024-03-01", "n": 1}, {"d": "2024-05-01", "n": 2}]},
        "mark": "line",
        "encoding": {"x": {"field": "d", "type": "temporal", "timeUnit": "yearmonth"},
                     "y": {"field": "n", "type": "quantitative"}},
    }, "Per maand.")
    assert {"mrt 2024", "mei 2024"} <= set(texts(months))


def test_rows_with_wrapped_labels_get_room_for_every_line():
    names = ["Brancheorganisatie Akkerbouw De Ronde Ster", "Waterschap Berkenoord en Omstreken"]
    view = ChartView({**bars([{"name": n, "n": 1} for n in names]), "height": 40}, "Twee.")
    assert view.spec["height"]["step"] >= 2 * 12  # two lines per row, no overlap


def test_score_charts_show_their_whole_scale_at_every_width():
    """A 1-5 score axis runs to 5, on a phone as on a wide screen, and the chart fits its slot."""
    from verbinding.modules import drempels as barriers
    from verbinding.modules import eigen_dossier as dossier
    scan = dossier.DossierScan()
    scan.set_score("dimensions", 5)
    exercise = barriers.BarrierExercise()
    exercise.rate(exercise.texts.barriers[0].id, 5)
    charts = [dossier.scores_chart(scan.scores_frame(), scan.texts.scale_max),
              barriers.assessment_chart(exercise.assessment_frame(), exercise.texts.scale_max)]
    for chart in charts:
        for width in (300, 1100):
            drawn = svg_tree(chart, width)
            assert float(drawn.get("width")) <= width + 2
            assert "5" in texts(chart, width) and not any("…" in text for text in texts(chart, width))


def test_chart_rows_are_plain_json_and_never_a_raw_log():
    """The rows a chart gets travel as JSON to the browser: a missing score is null, numbers
    are plain numbers, and a frame too large for a chart (a raw log) is refused."""
    import json

    import numpy as np
    import pandas as pd
    import pytest

    from verbinding.vegalite import MAX_ROWS, records

    rows = records(pd.DataFrame({"name": ["Water", "Hitte"], "score": [3.0, np.nan], "links": np.array([2, 0])}))
    assert rows == [{"name": "Water", "score": 3.0, "links": 2}, {"name": "Hitte", "score": None, "links": 0}]
    assert json.loads(json.dumps(rows, allow_nan=False)) == rows
    with pytest.raises(ValueError, match="aggregate first"):
        records(pd.DataFrame({"x": range(MAX_ROWS + 1)}))
