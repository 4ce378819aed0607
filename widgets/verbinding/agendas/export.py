"""What leaves the register: the distribution chart and the blocks for the Word/Markdown export.
"""

from __future__ import annotations

import pandas as pd

from .. import dutch
from ..document import Block, Bullets, Heading, Paragraph, Table
from ..texts import t, tlist
from .practice import practice_feedback

MAX_EXPORT_CORRECTIONS = 50

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue


def distribution_chart(dist: pd.DataFrame):
    """Horizontal bars: number of contact entries per organisation type (aggregated)."""
    import altair as alt

    data = dist[["label", "count"]].copy() if not dist.empty else pd.DataFrame({"label": [], "count": []})
    base = alt.Chart(data).encode(
        # No label limit: the type names are short enough, and shortening a label to fit
        # costs Vega ~0.1 s of text measuring per render.
        y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        # room beyond the longest bar for its number, which would otherwise be cut off
        x=alt.X("count:Q", title=t("agendas.summary.chart_axis_count"),
                scale=alt.Scale(domain=[0, max(1, int(data["count"].max() or 0) if len(data) else 1) * 1.15])),
    )
    bars = base.mark_bar(color=BAR_COLOUR)
    labels = base.mark_text(align="left", dx=3, color="#000000").encode(text="count:Q")
    return (bars + labels).properties(
        width=300, height=alt.Step(22), title=t("agendas.summary.chart_axis_type")
    )


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
