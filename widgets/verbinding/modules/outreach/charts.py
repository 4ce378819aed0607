"""Charts of an outreach map: aggregated frames and their text summaries (a mixin of the map),
and the Vega-Lite specs drawn from those frames.
"""

from __future__ import annotations

from verbinding import dutch
from verbinding.modules.outreach.records import ENOUGH, _count, level_label, scale_label
from verbinding.texts import t, tlist
from verbinding.vegalite import records


class MapCharts:
    """The chart half of :class:`~verbinding.modules.outreach.model.OutreachMap` (a mixin): frames
    aggregated from the map, never raw rows, and a Dutch summary beside every chart."""

    def heatmap_frame(self):
        """Dimension × stakeholder type: highest expertise and number of links (aggregated)."""
        import pandas as pd  # keep module import light

        rows = []
        for k in self.links:
            dim, sh = self.dimension(k.dimension_id), self.stakeholder(k.stakeholder_id)
            if dim is None or sh is None:
                continue
            rows.append(
                {
                    "dimension": dim.name,
                    "type": sh.type_display,
                    "expertise": -1 if k.expertise is None else k.expertise,
                }
            )
        columns = ["dimension", "type", "expertise", "links", "label"]
        if not rows:
            return pd.DataFrame(columns=columns)
        frame = (
            pd.DataFrame(rows)
            .groupby(["dimension", "type"], sort=False)
            .agg(expertise=("expertise", "max"), links=("expertise", "size"))
            .reset_index()
        )
        # every dimension × type cell, so an empty cell is visibly empty
        dims = [d.name for d in self.dimensions]
        types = sorted(frame["type"].unique())
        full = pd.MultiIndex.from_product([dims, types], names=["dimension", "type"]).to_frame(
            index=False
        )
        frame = full.merge(frame, on=["dimension", "type"], how="left")
        frame["links"] = frame["links"].fillna(0).astype(int)
        frame["expertise"] = frame["expertise"].astype("float")
        frame["label"] = [
            t("outreach.heatmap.none")
            if n == 0
            else scale_label("expertise", None if e < 0 else int(e))
            for e, n in zip(frame["expertise"], frame["links"])
        ]
        return frame[columns]

    def heatmap_summary(self) -> str:
        if not self.links:
            return t("outreach.heatmap.empty")
        lines = [
            t(
                "outreach.heatmap.summary_intro",
                links=_count(len(self.links), "link"),
                dimensions=_count(len({k.dimension_id for k in self.links}), "dimension"),
                stakeholders=_count(len({k.stakeholder_id for k in self.links}), "organisation"),
            )
        ]
        for dim in self.dimensions:
            best: dict[str, int] = {}
            untyped: list[tuple[str, int]] = []  # no kind to name: name the organisation
            for k in self.links_for(dim.id):
                sh = self.stakeholder(k.stakeholder_id)
                if sh is None or k.expertise is None or k.expertise < ENOUGH:
                    continue
                if sh.type_known:
                    best[sh.type_display] = max(best.get(sh.type_display, 0), k.expertise)
                else:
                    untyped.append((self.display_name(sh), k.expertise))
            if best or untyped:
                types = dutch.join(
                    [t("outreach.heatmap.summary_type", type=name, level=scale_label("expertise", v))
                     for name, v in sorted(best.items())]
                    + [t("outreach.heatmap.summary_type_unknown", organisation=name,
                         level=scale_label("expertise", v)) for name, v in untyped]
                )
                lines.append(t("outreach.heatmap.summary_dimension", dimension=dim.name, types=types))
            else:
                lines.append(t("outreach.heatmap.summary_dimension_none", dimension=dim.name))
        return dutch.tidy("\n".join(lines))

    def heatmap_chart(self):
        return heatmap_spec(self.heatmap_frame())

    def grid_frame(self):
        """Stakeholders per Mendelow quadrant (aggregated: one row per quadrant)."""
        import pandas as pd

        rows = []
        for quadrant in ("high_low", "high_high", "low_low", "low_high"):
            power, interest = quadrant.split("_")
            names = [self.display_name(s) for s in self.stakeholders if s.quadrant == quadrant]
            rows.append(
                {
                    "quadrant": quadrant,
                    "power": level_label(power),
                    "interest": level_label(interest),
                    "label": t(f"outreach.quadrant.{quadrant}"),
                    "count": len(names),
                    "names": quadrant_lines(names),  # one name a line, at most a few
                    "all_names": dutch.shorten(", ".join(names), 300),  # the tooltip
                    "underheard": quadrant == "low_high",
                }
            )
        return pd.DataFrame(rows)

    def grid_summary(self, include_unplaced: bool = True) -> str:
        lines = []
        for quadrant in ("high_high", "high_low", "low_high", "low_low"):
            names = [self.display_name(s) for s in self.stakeholders if s.quadrant == quadrant]
            lines.append(
                t(
                    "outreach.grid.summary_quadrant",
                    quadrant=t(f"outreach.quadrant.{quadrant}"),
                    organisations=dutch.join(names) or t("outreach.grid.summary_nobody"),
                )
            )
        unplaced = [self.display_name(s) for s in self.stakeholders if s.quadrant == "unplaced"]
        if unplaced and include_unplaced:
            lines.append(t("outreach.grid.summary_unplaced", organisations=dutch.join(unplaced)))
        return dutch.tidy("\n".join(lines))

    def unplaced_summary(self) -> str:
        unplaced = [self.display_name(s) for s in self.stakeholders if s.quadrant == "unplaced"]
        return dutch.tidy(t("outreach.grid.summary_unplaced", organisations=dutch.join(unplaced))) if unplaced else ""

    def grid_chart(self):
        return grid_spec(self.grid_frame())


# ----- charts (aggregated frames in, Vega-Lite spec out) ------------------------------
#
# The specs are written as plain Vega-Lite dicts: building them through Altair's object
# model took ~50 ms per update, the dict takes well under 1 ms, and the kernel need not
# import Altair at all (~50 MB). The model's ``*_chart`` methods return these specs.

# ColorBrewer "Blues" (sequential, colour-blind safe); grey for "no link" / "not rated".
_EXPERTISE_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"]
_NONE_COLOUR = "#d9d9d9"
_UNRATED_COLOUR = "#f7f7f7"
_UNDERHEARD_COLOUR = "#E69F00"  # Okabe-Ito orange


# A quadrant shows this many names, one a line, cut at NAME_CHARS, then '+ 4 meer': the
# summary beside the chart names them all (one line of 120 characters was cut off mid-name).
GRID_NAMES = 3
NAME_CHARS = 40


def quadrant_lines(names: list[str]) -> str:
    """The names for a quadrant of the grid, one a line ('\n'), the rest counted."""
    shown = names if len(names) <= GRID_NAMES else names[: GRID_NAMES - 1]
    lines = [dutch.shorten(name, NAME_CHARS) for name in shown]
    if len(shown) < len(names):
        lines.append(t("outreach.grid.more", count=len(names) - len(shown)))
    return "\n".join(lines)


def heatmap_spec(frame) -> dict:
    """Vega-Lite heat map dimension × stakeholder type from :meth:`OutreachMap.heatmap_frame`."""
    labels = [t("outreach.heatmap.none"), t("outreach.scale.unrated")] + [
        str(x) for x in tlist("outreach.scale.expertise")
    ]
    colours = [_NONE_COLOUR, _UNRATED_COLOUR] + _EXPERTISE_COLOURS
    values = records(frame) or [
        {"dimension": "", "type": "", "expertise": None, "links": 0, "label": labels[0]}
    ]
    n_dims = max(1, len({v["dimension"] for v in values}))
    dim_title, type_title = t("outreach.heatmap.dimension"), t("outreach.heatmap.type")
    exp_title = t("outreach.heatmap.expertise")
    return {
        "data": {"values": values},
        "title": t("outreach.heatmap.title"),
        "width": {"step": 70},
        "height": max(60, 28 * n_dims),
        "encoding": {
            "x": {"field": "type", "type": "nominal", "title": type_title,
                  "axis": {"labelAngle": -30, "labelLimit": 0}},  # full type names (the chart scrolls if wide)
            "y": {"field": "dimension", "type": "nominal", "title": dim_title, "sort": None,
                  "axis": {"labelLimit": 220}},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white"},
                "encoding": {
                    "color": {"field": "label", "type": "nominal", "title": exp_title,
                              "scale": {"domain": labels, "range": colours}, "sort": labels},
                    "tooltip": [
                        {"field": "dimension", "type": "nominal", "title": dim_title},
                        {"field": "type", "type": "nominal", "title": type_title},
                        {"field": "label", "type": "nominal", "title": exp_title},
                        {"field": "links", "type": "quantitative", "title": t("outreach.heatmap.links")},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 12},
                "transform": [{"filter": "datum.links > 0"}],
                "encoding": {
                    "text": {"field": "links", "type": "quantitative"},
                    "color": {"condition": {"test": "datum.expertise >= 3", "value": "white"}, "value": "black"},
                },
            },
        ],
    }


def grid_spec(frame) -> dict:
    """Vega-Lite 2×2 power–interest grid from :meth:`OutreachMap.grid_frame`."""
    order = [level_label("low"), level_label("high")]
    return {
        "data": {"values": records(frame)},
        "title": t("outreach.grid.title"),
        "width": 560,
        "height": 320,
        "encoding": {
            "x": {"field": "interest", "type": "nominal", "title": t("outreach.grid.interest"),
                  "sort": order, "axis": {"labelAngle": 0}},
            "y": {"field": "power", "type": "nominal", "title": t("outreach.grid.power"),
                  "sort": list(reversed(order))},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "color": {"field": "underheard", "type": "nominal", "legend": None,
                              "scale": {"domain": [False, True], "range": ["#eeeeee", _UNDERHEARD_COLOUR]}},
                    "tooltip": [{"field": "label", "type": "nominal"}, {"field": "all_names", "type": "nominal"},
                                {"field": "count", "type": "quantitative"}],
                },
            },
            # label, count and up to GRID_NAMES + 1 lines of names fit a quadrant of 160 px
            {"mark": {"type": "text", "dy": -58, "fontWeight": "bold", "limit": {"expr": "width / 2 - 8"}},
             "encoding": {"text": {"field": "label", "type": "nominal"}}},
            {"mark": {"type": "text", "dy": -30, "fontSize": 24},
             "encoding": {"text": {"field": "count", "type": "quantitative"}}},
            {"mark": {"type": "text", "baseline": "top", "dy": -8, "fontSize": 11, "lineHeight": 15,
                      "lineBreak": "\n", "limit": {"expr": "width / 2 - 8"}},
             "encoding": {"text": {"field": "names", "type": "nominal"}}},
        ],
    }
