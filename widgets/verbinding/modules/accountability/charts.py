"""The feedback chart (aggregated: at most 3 groups x 3 statuses) as a Vega-Lite spec, and its
summary in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verbinding.texts import t
from verbinding.vegalite import records

if TYPE_CHECKING:
    from verbinding.modules.accountability.model import AccountabilityModel


OKABE_ITO = ("#009E73", "#E69F00", "#999999")  # given, declined, not filled in


def coverage_frame(model: AccountabilityModel):
    """Parties per group (insiders / other parties) and feedback status, for the chart. Groups
    of consultation responses get their own bar: counted under 'andere partijen' they made that
    bar count other things than the 'Andere partijen' in the text beside it."""
    import pandas as pd

    statuses = [("yes", t("accountability.chart.given")), ("no", t("accountability.chart.declined")),
                ("", t("accountability.chart.missing"))]
    counts: dict[tuple[str, str], int] = {}
    groups = model.group_keys()
    for key, _name, insider in model.stakeholders():
        group = (t("accountability.chart.groups") if key in groups
                 else t("accountability.chart.insiders") if insider else t("accountability.chart.others"))
        status = dict(statuses)[model.feedback_for(key).given]
        counts[(group, status)] = counts.get((group, status), 0) + 1
    rows = [{"groep": g, "status": st, "partijen": n, "volgorde": [lab for _k, lab in statuses].index(st)}
            for (g, st), n in counts.items()]
    return pd.DataFrame(rows, columns=["groep", "status", "partijen", "volgorde"])


def coverage_chart_summary(model: AccountabilityModel) -> str:
    """The chart in words, for screen readers: per group how many parties have which status."""
    frame = coverage_frame(model)
    groups = []
    for group in (t("accountability.chart.insiders"), t("accountability.chart.others"), t("accountability.chart.groups")):
        rows = frame[frame["groep"] == group].sort_values("volgorde")
        if not rows.empty:
            counts = ", ".join(f"{n} {status}" for status, n in zip(rows["status"], rows["partijen"]))
            groups.append(f"{group[:1].upper()}{group[1:]}: {counts}")
    return t("accountability.chart.summary", groups="; ".join(groups))


def coverage_chart(model: AccountabilityModel) -> dict:
    """A stacked bar per group (Vega-Lite spec): how many parties heard back (colour-blind-safe colours)."""
    labels = [t("accountability.chart.given"), t("accountability.chart.declined"), t("accountability.chart.missing")]
    return {
        "data": {"values": records(coverage_frame(model))},
        "title": t("accountability.chart.title"),
        "width": 380,
        "height": 90,
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "groep", "type": "nominal", "title": None},
            "x": {"field": "partijen", "type": "quantitative", "title": t("accountability.chart.x_title"),
                  "axis": {"tickMinStep": 1}},
            "color": {"field": "status", "type": "nominal", "scale": {"domain": labels, "range": list(OKABE_ITO)},
                      "legend": {"title": None, "orient": "bottom", "columns": 2}},
            "order": {"field": "volgorde", "type": "quantitative"},
            "tooltip": [{"field": "groep", "type": "nominal"}, {"field": "status", "type": "nominal"},
                        {"field": "partijen", "type": "quantitative"}],
        },
    }
