"""Offline charts: an Altair chart rendered to SVG in the kernel, shown in an HTML widget.

Why SVG: Altair's default renderer loads vega from a CDN (blank offline), and an offline
``JupyterChart`` ships ~1 MB of JavaScript per instance. A rendered SVG of an aggregated
chart is a few KB and updates in place in tens of milliseconds (vl-convert, no browser).
The text summary sits beside the chart for screen readers and is the SVG's label too.

A :class:`SelectableChartView` makes marks clickable without shipping vega: the marks get a
Vega-Lite ``href`` (``#kies-<id>``), which Vega renders as SVG ``<a>`` links (focusable with
Tab), and a tiny anywidget catches a click or Enter on such a link and sets its ``selected``
trait. The SVG is still rendered in the kernel and sent only when the chart changes.
"""

from __future__ import annotations

import html
import json
import re
from typing import Callable

import anywidget
import ipywidgets as widgets
import traitlets

MAX_ROWS = 5000
LINK_PREFIX = "#kies-"
# vl-convert resolves a relative href against its data base URL (vega-datasets on a CDN,
# not configurable in vl-convert 1.9): keep only the fragment, so that even a click the
# front end misses stays on the page and nothing leaves the machine.
_RESOLVED_LINK = re.compile(r'((?:xlink:)?href=")[^"#]*' + re.escape(LINK_PREFIX))


def vega_lite(chart) -> dict:
    """The Vega-Lite dict of an ``alt.Chart`` (a dict is returned as it is).

    Our specs are built by our own code (and tested): Altair's schema validation is skipped
    (~20 ms per chart, a tenth of a widget reaction's budget).
    """
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


# Numbers and dates in charts as a Dutch reader writes them: "1.000", "0,5", "12%", "mrt 2024".
LOCALE = "nl-NL"


def chart_svg(chart) -> str:
    """Render an ``alt.Chart`` (or a Vega-Lite dict) to an SVG string, offline, in Dutch formats."""
    import vl_convert

    spec = vega_lite(chart)
    values = spec.get("data", {}).get("values")
    if values is not None and len(values) > MAX_ROWS:
        raise ValueError(f"chart data has {len(values)} rows; aggregate first (max {MAX_ROWS})")
    return vl_convert.vegalite_to_svg(spec, format_locale=LOCALE, time_format_locale=LOCALE)


def warm_up() -> None:
    """Render a tiny chart once so the first real chart is fast (~0.5 s saved)."""
    chart_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def selectable_spec(spec: dict, key: str, label: str | None = None) -> dict:
    """A copy of a single-view Vega-Lite spec whose marks link to ``#kies-<key>``.

    Only marks whose ``key`` field is set become links; ``label`` names the field that
    gives each link its accessible name (Vega writes it as the mark's ``aria-label``). Marks
    that are not links then get no label of their own: the chart's summary describes them,
    and hundreds of labelled points would only slow rendering and screen readers down.
    """
    field = json.dumps(key)
    is_link = f"isValid(datum[{field}])"
    spec = dict(spec)
    spec["transform"] = [*spec.get("transform", []),
                         {"calculate": f"{json.dumps(LINK_PREFIX)} + datum[{field}]", "as": "_link"}]
    encoding = dict(spec["encoding"])
    encoding["href"] = {"condition": {"test": is_link, "field": "_link"}, "value": None}
    if label:
        encoding["description"] = {"condition": {"test": is_link, "field": label}, "value": None}
    spec["encoding"] = encoding
    return spec


def selectable_svg(spec: dict, key: str, label: str | None = None) -> str:
    """SVG of :func:`selectable_spec` with page-local links (``href="#kies-<id>"``)."""
    return _RESOLVED_LINK.sub(lambda m: m.group(1) + LINK_PREFIX, chart_svg(selectable_spec(spec, key, label)))


class ChartView(widgets.VBox):
    """One chart slot: SVG + a visible text summary, updated in place."""

    _svg_role = "img"

    def __init__(self, chart=None, summary: str = "", **kwargs):
        self._figure = self._make_figure()
        self._summary = widgets.HTML()
        super().__init__([self._figure, self._summary], **kwargs)
        self.add_class("verbinding-chart")
        self.summary_text = ""
        if chart is not None:
            self.update(chart, summary)

    def _make_figure(self) -> widgets.DOMWidget:
        return widgets.HTML()

    def _svg(self, chart) -> str:
        return chart_svg(chart)

    def update(self, chart, summary: str) -> None:
        svg = self._svg(chart) if chart is not None else ""
        label = html.escape(summary, quote=True)
        if svg:
            svg = svg.replace("<svg ", f'<svg role="{self._svg_role}" aria-label="{label}" ', 1)
        self._figure.value = f'<figure class="verbinding-figure">{svg}</figure>'
        self._summary.value = f'<p class="verbinding-chart-summary">{html.escape(summary)}</p>' if summary else ""
        self.summary_text = summary


_SELECTABLE_ESM = r"""
const SVG = "http://www.w3.org/2000/svg";
const XLINK = "http://www.w3.org/1999/xlink";
const PREFIX = __LINK_PREFIX__;

function idOf(link) {
  const href = link.getAttribute("href") || link.getAttributeNS(XLINK, "href") || "";
  return href.startsWith(PREFIX) ? href.slice(PREFIX.length) : null;
}

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "verbinding-selectable";
  const links = () => Array.from(box.querySelectorAll("a")).filter((a) => idOf(a) !== null);
  const mark = () => {
    const selected = model.get("selected");
    for (const a of links()) a.setAttribute("aria-current", idOf(a) === selected ? "true" : "false");
  };
  const draw = () => {
    // a new chart replaces the links: keep the keyboard focus on the same organisation
    const active = document.activeElement;
    const focused = active && box.contains(active) && active.closest("a") ? idOf(active.closest("a")) : null;
    box.innerHTML = model.get("value");
    for (const a of links()) {
      const name = a.querySelector("[aria-label]");
      if (name && !a.querySelector("title")) {  // a tooltip with the organisation's name
        const title = document.createElementNS(SVG, "title");
        title.textContent = name.getAttribute("aria-label");
        a.prepend(title);
      }
    }
    mark();
    const again = focused === null ? null : links().find((a) => idOf(a) === focused);
    if (again) again.focus();
  };
  const choose = (event) => {
    const link = event.target.closest && event.target.closest("a");
    const id = link && box.contains(link) ? idOf(link) : null;
    if (id === null) return;
    event.preventDefault();
    model.set("selected", id);
    model.save_changes();
  };
  box.addEventListener("click", choose);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") choose(event);
  });
  model.on("change:value", draw);
  model.on("change:selected", mark);
  draw();
  el.appendChild(box);
}
export default { render };
""".replace("__LINK_PREFIX__", json.dumps(LINK_PREFIX))

# The selected mark is marked here (aria-current), not in the SVG: selecting sends no new chart.
# Orange with a black outline: Okabe-Ito, readable with colour-blindness.
_SELECTABLE_CSS = """
.verbinding-selectable a { cursor: pointer; }
.verbinding-selectable a path { paint-order: stroke; }
.verbinding-selectable a:hover path, .verbinding-selectable a:focus path { stroke: #000; stroke-width: 3px; }
.verbinding-selectable a:focus { outline: none; }
.verbinding-selectable a[aria-current="true"] path { fill: #E69F00; stroke: #000; stroke-width: 5px; }
"""


class _SelectableFigure(anywidget.AnyWidget):
    """SVG markup (``value``) whose ``#kies-`` links set ``selected`` when activated."""

    _esm = _SELECTABLE_ESM
    _css = _SELECTABLE_CSS
    # Trait names must not be DOMWidget's ("tooltip", "description", ...): see download.py.
    value = traitlets.Unicode("").tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)


class SelectableChartView(ChartView):
    """A chart slot whose marks can be clicked (or focused and activated with Enter).

    ``key`` is the data field holding each mark's id (marks without one are not links),
    ``label`` the field that names a mark for screen readers and in its tooltip.
    ``on_select(callback)`` calls ``callback(id)`` when the learner activates a mark;
    setting :attr:`selected` from Python (to mirror a list) does not call it.
    """

    _svg_role = "group"  # not "img": an image hides the links inside it from assistive tech

    def __init__(self, key: str, label: str | None = None, chart=None, summary: str = "", **kwargs):
        self.key, self.label = key, label
        self._callbacks: list[Callable[[str], None]] = []
        self._quiet = False
        super().__init__(chart, summary, **kwargs)
        self._figure.observe(self._activated, names="selected")

    def _make_figure(self) -> widgets.DOMWidget:
        return _SelectableFigure()

    def _svg(self, chart) -> str:
        return selectable_svg(vega_lite(chart), self.key, self.label)

    @property
    def selected(self) -> str:
        return self._figure.selected

    @selected.setter
    def selected(self, value: str | None) -> None:
        self._quiet = True
        try:
            self._figure.selected = str(value or "")
        finally:
            self._quiet = False

    def on_select(self, callback: Callable[[str], None]) -> None:
        self._callbacks.append(callback)

    def _activated(self, change) -> None:
        if self._quiet or not change["new"]:
            return
        for callback in self._callbacks:
            callback(change["new"])
