"""Vega-Lite chart specifications of the access figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from verbinding.vegalite import records

# Okabe-Ito, colour-blind safe.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

# --------------------------------------------------------------------------- charts
# Vega-Lite specifications (plain dicts) built from AGGREGATED frames: a chart never gets a
# raw log. Plain dicts keep pages quick (no altair import, ~1 s); ``alt.Chart.from_dict``
# turns any of them into an Altair chart, and ``verbinding.ui.charts.ChartView`` renders
# them to SVG offline. Colours: Okabe-Ito (colour-blind safe).
BLUE, ORANGE, GREEN, GREY = PALETTE[0], PALETTE[1], PALETTE[2], "#999999"


def lorenz_spec(curve: pd.DataFrame) -> dict:
    """Lorenz curve (from :func:`lorenz`) with the line of equal access."""
    from verbinding.texts import t

    actual, equal = t("access.chart.lorenz_actual"), t("access.chart.lorenz_equal")
    rows = [{"x": float(r.org_share), "y": float(r.link_share), "series": actual} for r in curve.itertuples()]
    rows += [{"x": 0.0, "y": 0.0, "series": equal}, {"x": 1.0, "y": 1.0, "series": equal}]
    return {
        "data": {"values": rows},
        "title": t("access.chart.lorenz_title"),
        "width": 320,
        "height": 280,
        "mark": {"type": "line", "strokeWidth": 3},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": t("access.chart.lorenz_x"), "axis": {"format": "%"}},
            "y": {"field": "y", "type": "quantitative", "title": t("access.chart.lorenz_y"), "axis": {"format": "%"}},
            "color": {
                "field": "series", "type": "nominal", "title": t("access.chart.series"),
                "scale": {"domain": [actual, equal], "range": [BLUE, GREY]},
            },
            "strokeDash": {
                "field": "series", "type": "nominal", "legend": None,
                "scale": {"domain": [actual, equal], "range": [[1, 0], [6, 4]]},
            },
        },
    }


def top_spec(top: pd.DataFrame, selected: str | None = None) -> dict:
    """Horizontal bars: ``top`` has columns org_id, name, links (most first); the selected
    organisation in orange. Each bar carries its ``org_id`` so that a chart view can make it
    clickable."""
    from verbinding.texts import t

    rows = [
        {"org_id": str(r.org_id), "name": str(r.name), "links": int(r.links),
         "selected": str(r.org_id) == str(selected)}
        for r in top.itertuples()
    ]
    return {
        "data": {"values": rows},
        "title": t("access.chart.top_title"),
        "width": 300,
        "height": {"step": 18},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "name", "type": "nominal", "sort": None, "title": t("access.chart.top_y"),
                  "axis": {"labelLimit": 220}},
            "x": {"field": "links", "type": "quantitative", "title": t("access.chart.top_x")},
            "color": {"field": "selected", "type": "nominal", "legend": None,
                      "scale": {"domain": [False, True], "range": [BLUE, ORANGE]}},
        },
    }


def early_late_spec(
    table: pd.DataFrame, periods: tuple[int, int, int, int], selected: str | None = None
) -> dict:
    """Scatter of early against late links per organisation (from :func:`early_late_table`
    with a boolean ``insider`` column); insiders in orange, the selected one larger.

    Insiders are drawn last (on top) and carry their ``org_id``, so that a chart view can make
    them clickable; an optional ``name`` column names every point for screen readers."""
    from verbinding.texts import t

    insider, other = t("access.chart.insider"), t("access.chart.other")
    ids = table.index.astype(str)
    is_insider = table["insider"].to_numpy(dtype=bool)
    frame = pd.DataFrame(
        {
            "early": table["early"].to_numpy(),
            "late": table["late"].to_numpy(),
            "group": np.where(is_insider, insider, other),
            "selected": (ids == str(selected)) if selected is not None else False,
            "org_id": np.where(is_insider, ids, None),
        }
    )
    if "name" in table.columns:
        frame["name"] = table["name"].astype(str).to_numpy()
    frame = frame.iloc[np.lexsort((frame["selected"].to_numpy(), is_insider))]
    e0, e1, l0, l1 = periods
    return {
        "data": {"values": records(frame)},
        "title": t("access.chart.early_title"),
        "width": 320,
        "height": 280,
        "mark": {"type": "point", "filled": True, "opacity": 0.75},
        "encoding": {
            "x": {"field": "early", "type": "quantitative", "scale": {"type": "symlog"},
                  "title": t("access.chart.early_x", start=e0, end=e1)},
            "y": {"field": "late", "type": "quantitative", "scale": {"type": "symlog"},
                  "title": t("access.chart.early_y", start=l0, end=l1)},
            "color": {"field": "group", "type": "nominal", "title": t("access.chart.group_label"),
                      "scale": {"domain": [other, insider], "range": [BLUE, ORANGE]}},
            "shape": {"field": "group", "type": "nominal", "title": t("access.chart.group_label"),
                      "scale": {"domain": [other, insider], "range": ["circle", "diamond"]}},
            "size": {"field": "selected", "type": "nominal", "legend": None,
                     "scale": {"domain": [False, True], "range": [40, 260]}},
            "stroke": {"condition": {"test": "datum.selected", "value": "#000000"}, "value": None},
        },
    }


def shares_spec(frame: pd.DataFrame, label_col: str, title_key: str, y_title_key: str,
                population_col: str = "population_share", access_col: str = "access_share") -> dict:
    """Grouped bars: per group its share of the population (blue) and of access (orange)."""
    from verbinding.texts import t

    pop, acc = t("access.chart.rep_population"), t("access.chart.rep_access")
    rows = []
    for r in frame.itertuples():
        label = str(getattr(r, label_col))
        rows.append({"group": label, "series": pop, "share": float(getattr(r, population_col))})
        rows.append({"group": label, "series": acc, "share": float(getattr(r, access_col))})
    order = [str(x) for x in frame[label_col]]
    return {
        "data": {"values": rows},
        "title": t(title_key),
        "width": 300,
        "height": {"step": 14},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "group", "type": "nominal", "sort": order, "title": t(y_title_key),
                  "axis": {"labelLimit": 240}},
            "yOffset": {"field": "series", "type": "nominal", "sort": [pop, acc]},
            "x": {"field": "share", "type": "quantitative", "title": t("access.chart.rep_x"),
                  "axis": {"format": "%"}},
            "color": {"field": "series", "type": "nominal", "title": t("access.chart.series"),
                      "scale": {"domain": [pop, acc], "range": [BLUE, ORANGE]}},
        },
    }
