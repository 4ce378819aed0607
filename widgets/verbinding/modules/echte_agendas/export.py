"""What leaves the register: the distribution chart and the blocks for the Word/Markdown export.
"""

from __future__ import annotations

import pandas as pd

from verbinding import dutch
from verbinding.document import Block, Bullets, Heading, Paragraph, Table
from verbinding.modules.echte_agendas.practice import practice_feedback
from verbinding.texts import t, tlist
from verbinding.vegalite import records

MAX_EXPORT_CORRECTIONS = 50

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue


def _whole_ticks(most: int, at_most: int = 6) -> list[int]:
    """Whole-number ticks from 0 to ``most`` with a round step (1, 2, 5, 10, 20, 50, …)."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            step = power * factor
            if most // step + 1 <= at_most:
                return list(range(0, most + 1, step))
        power *= 10


def distribution_chart(dist: pd.DataFrame) -> dict:
    """Horizontal bars (Vega-Lite spec): number of contact entries per organisation type (aggregated)."""
    values = records(dist[["label", "count"]]) if not dist.empty else []
    most = max([int(row["count"] or 0) for row in values] + [1])
    encoding = {
        # No label limit: the type names are short enough, and shortening a label to fit
        # costs Vega ~0.1 s of text measuring per render.
        "y": {"field": "label", "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 0}},
        # room beyond the longest bar for its number, which would otherwise be cut off
        "x": {"field": "count", "type": "quantitative", "title": t("agendas.summary.chart_axis_count"),
              "scale": {"domain": [0, most * 1.15]},
              # a count is whole: ticks on whole numbers only, never "0,5" (a search gives small counts)
              "axis": {"values": _whole_ticks(most), "format": "d"}},
    }
    return {
        "data": {"values": values},
        "title": t("agendas.summary.chart_axis_type"),
        "width": 300,
        "height": {"step": 22},
        "layer": [
            {"mark": {"type": "bar", "color": BAR_COLOUR}, "encoding": encoding},
            {"mark": {"type": "text", "align": "left", "dx": 3, "color": "#000000"},
             "encoding": {**encoding, "text": {"field": "count", "type": "quantitative"}}},
        ],
    }


def export_blocks(state: dict) -> list[Block]:
    """The learner's register for the Word/Markdown export (from the stored snapshot)."""
    state = state if isinstance(state, dict) else {}
    snap = state.get("snapshot") if isinstance(state.get("snapshot"), dict) else None
    blocks: list[Block] = []
    if not snap:
        blocks.append(Paragraph(t("agendas.export.no_snapshot")))
    else:
        total = snap.get("total") if isinstance(snap.get("total"), int) else 0
        blocks.append(
            Paragraph(
                t("agendas.export.selection", period=str(snap.get("period_label", "")),
                  selection=str(snap.get("selection_label", "")))
            )
        )
        blocks.append(
            Paragraph(t("agendas.export.total", total=dutch.number(total), corrected=dutch.number(int(snap.get("corrected") or 0))))
        )
        counts = [c for c in snap.get("counts") or [] if isinstance(c, dict)]
        if counts:
            blocks.append(
                Table(
                    tlist("agendas.export.table_header"),
                    [
                        (str(c.get("label", "")), int(c.get("count") or 0),
                         dutch.percent_of(int(c.get("count") or 0), total))
                        for c in sorted(counts, key=lambda c: -int(c.get("count") or 0))
                    ],
                )
            )
        blocks.append(Paragraph(t("common.access_caveat"), italic=True))
        corrections = [c for c in snap.get("corrections") or [] if isinstance(c, dict)]
        if corrections:
            blocks.append(Heading(t("agendas.export.corrections_title", limit=MAX_EXPORT_CORRECTIONS), level=3))
            blocks.append(
                Table(
                    tlist("agendas.export.corrections_header"),
                    [(c.get("date", ""), c.get("activity", ""), c.get("suggested", ""), c.get("chosen", ""))
                     for c in corrections],
                )
            )
        limits = [str(x) for x in snap.get("limits") or []]
        if limits:
            blocks.append(Heading(t("agendas.export.limits_title"), level=3))
            blocks.append(Bullets(limits))
    reflection = state.get("reflection")
    if isinstance(reflection, str) and reflection.strip():
        blocks.append(Heading(t("agendas.export.reflection_title"), level=3))
        blocks.append(Paragraph(reflection))
    practice = state.get("practice")
    if isinstance(practice, str) and practice.strip():
        blocks.append(Heading(t("practice.export_title"), level=3))
        blocks.append(Paragraph(practice))
        blocks.append(Bullets(practice_feedback(practice)))
    blocks.append(Paragraph(t("agendas.ui.source"), italic=True))
    return blocks
