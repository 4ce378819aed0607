"""Offline charts: an Altair chart rendered to SVG in the kernel, shown in an HTML widget.

Why SVG: Altair's default renderer loads vega from a CDN (blank offline), and an offline
``JupyterChart`` ships ~1 MB of JavaScript per instance. A rendered SVG of an aggregated
chart is a few KB and updates in place in tens of milliseconds (vl-convert, no browser).
The text summary sits beside the chart for screen readers and is the SVG's label too.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

MAX_ROWS = 5000


def chart_svg(chart) -> str:
    """Render an ``alt.Chart`` (or a Vega-Lite dict) to an SVG string, offline."""
    import vl_convert

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    values = spec.get("data", {}).get("values")
    if values is not None and len(values) > MAX_ROWS:
        raise ValueError(f"chart data has {len(values)} rows; aggregate first (max {MAX_ROWS})")
    return vl_convert.vegalite_to_svg(spec)


def warm_up() -> None:
    """Render a tiny chart once so the first real chart is fast (~0.5 s saved)."""
    chart_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}})


class ChartView(widgets.VBox):
    """One chart slot: SVG + a visible text summary, updated in place."""

    def __init__(self, chart=None, summary: str = "", **kwargs):
        self._figure = widgets.HTML()
        self._summary = widgets.HTML()
        super().__init__([self._figure, self._summary], **kwargs)
        self.add_class("verbinding-chart")
        self.summary_text = ""
        if chart is not None:
            self.update(chart, summary)

    def update(self, chart, summary: str) -> None:
        svg = chart_svg(chart) if chart is not None else ""
        label = html.escape(summary, quote=True)
        if svg:
            svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        self._figure.value = f'<figure class="verbinding-figure">{svg}</figure>'
        self._summary.value = f'<p class="verbinding-chart-summary">{html.escape(summary)}</p>'
        self.summary_text = summary
