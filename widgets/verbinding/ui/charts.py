"""Charts drawn in the learner's browser from a Vega-Lite spec, with a text summary.

The kernel only builds the spec (a dict) and sends it to one small anywidget per chart slot.
The browser loads Vega and Vega-Lite once per page from the course's own server (never a
CDN; see ``voila_template/verbinding/static/vega/README.md``), renders the spec to an SVG at
the width of the slot and draws it again when that width changes: a chart always fits its
column, at every window size, and no chart engine runs in the kernel.

The SVG is rendered as a string (Vega's SVG string renderer) and put into the page, so it is
plain markup: a :class:`SelectableChartView` gives its marks a Vega-Lite ``href``
(``#kies-<id>``), which becomes an SVG ``<a>`` link (focusable with Tab), and a click or
Enter on such a link sets the widget's ``selected`` trait. The text summary sits beside the
chart for everyone and is the SVG's accessible name too.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections.abc import Callable

import anywidget
import ipywidgets as widgets
import traitlets

from verbinding.vegalite import MAX_ROWS

LINK_PREFIX = "#kies-"
# An axis label longer than this wraps onto more lines instead of being cut off with "…".
WRAP_AT = 24
# A chart or axis title longer than this goes onto lines: at 320 px it must fit the chart.
TITLE_WRAP_AT = 34
LINE_HEIGHT = 12  # px per line of an axis label (Vega's default font size is 10 px)


def vega_lite(chart) -> dict:
    """The Vega-Lite dict of a chart: the course's chart functions return dicts (no Altair
    in the kernel, see :mod:`verbinding.vegalite`); an ``alt.Chart`` (a trainer's own
    exercise) is converted without Altair's schema validation (~20 ms per chart).
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    data = spec.get("data") if isinstance(spec.get("data"), dict) else {}
    values = data.get("values")
    if values is None and isinstance(spec.get("datasets"), dict):
        values = spec["datasets"].get(data.get("name"))
    if values is not None and len(values) > MAX_ROWS:
        raise ValueError(f"chart data has {len(values)} rows; aggregate first (max {MAX_ROWS})")
    return spec


_KEEP = "\x00"  # stands for a space that must not become a line break
_GROUP = re.compile(r"\([^()]{1,16}\)")  # a short "(…)" such as "(1 tot 5)": one piece


def _wrap_title(text: str) -> list[str]:
    """A title on lines of at most :data:`TITLE_WRAP_AT` characters; a short part in
    brackets stays whole on one line ("(1 tot" above "5)" read as "(1 tot5)")."""
    kept = _GROUP.sub(lambda m: m.group(0).replace(" ", _KEEP), text)
    return [line.replace(_KEEP, " ") for line in textwrap.wrap(kept, TITLE_WRAP_AT)]


def _wrapped_labels(spec: dict) -> dict:
    """A copy of ``spec`` whose long nominal axis labels wrap onto lines instead of "…".

    Vega cuts a label at ``labelLimit`` pixels; a label given as a list of lines is drawn
    on several lines. The lines are looked up by the label's text (``labelExpr``).
    """
    data = spec.get("data") if isinstance(spec.get("data"), dict) else {}
    values = data.get("values")
    if values is None and isinstance(spec.get("datasets"), dict):  # Altair keeps rows there
        values = spec["datasets"].get(data.get("name"))
    values = values if isinstance(values, list) else []

    lines_per_row = 1  # on the y axis: each row gets room for its wrapped label

    def wrap(encoding: dict) -> dict:
        nonlocal lines_per_row
        encoding = dict(encoding)
        for channel in ("x", "y"):
            enc = encoding.get(channel)
            if not isinstance(enc, dict) or enc.get("type") not in ("nominal", "ordinal") or "field" not in enc:
                continue
            axis = enc.get("axis", {})
            if axis is None or "labelExpr" in axis:
                continue
            texts = {str(row.get(enc["field"])) for row in values if isinstance(row, dict) and row.get(enc["field"])}
            long = {text: textwrap.wrap(text, WRAP_AT) for text in texts if len(text) > WRAP_AT}
            axis = {**axis, "labelLimit": 0}
            if long:
                axis["labelExpr"] = f"{json.dumps(long, ensure_ascii=False)}[datum.label] || datum.label"
                if channel == "y":
                    lines_per_row = max(lines_per_row, *(len(lines) for lines in long.values()))
            encoding[channel] = {**enc, "axis": axis}
        for channel in ("x", "y"):  # an axis title longer than a phone's plot: on lines
            enc = encoding.get(channel)
            if isinstance(enc, dict) and isinstance(enc.get("title"), str) and len(enc["title"]) > TITLE_WRAP_AT:
                encoding[channel] = {**enc, "title": _wrap_title(enc["title"])}
        return encoding

    spec = dict(spec)
    if isinstance(spec.get("encoding"), dict):
        spec["encoding"] = wrap(spec["encoding"])
    if isinstance(spec.get("layer"), list):
        spec["layer"] = [{**layer, "encoding": wrap(layer["encoding"])} if isinstance(layer.get("encoding"), dict)
                         else layer for layer in spec["layer"]]
    title = spec.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str) and len(title["text"]) > TITLE_WRAP_AT:
        spec["title"] = {**title, "text": _wrap_title(title["text"])}
    elif isinstance(title, str) and len(title) > TITLE_WRAP_AT:
        spec["title"] = _wrap_title(title)
    if lines_per_row > 1:
        height = spec.get("height")
        step = height.get("step", 20) if isinstance(height, dict) else 20
        spec["height"] = {"step": max(step, LINE_HEIGHT * lines_per_row + 6)}
    return spec


def fitted_spec(chart) -> dict:
    """The spec as the browser gets it: long labels wrapped, width set there to the slot's."""
    return _wrapped_labels(vega_lite(chart))


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


# Loads vega and vega-lite once per page (from the template's static folder, at the page's
# base URL: the same path standalone and inside a Jupyter server), renders the spec to an SVG
# string at the slot's width and redraws when that width changes. Numbers and dates read as
# Dutch ("1.000", "0,5", "mrt 2024").
_ESM = r"""
const SVG = "http://www.w3.org/2000/svg";
const XLINK = "http://www.w3.org/1999/xlink";
const PREFIX = __LINK_PREFIX__;
// "?v=" makes the server send a year-long Cache-Control: the bundles load once per browser.
const VERSIONS = "vega-6.2.0.vega-lite-6.4.1";
const NARROW = 560;  // px: below this a legend beside the plot would squeeze it
const NUMBER = { decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""] };
const TIME = {
  dateTime: "%a %e %B %Y %X", date: "%d-%m-%Y", time: "%H:%M:%S", periods: ["AM", "PM"],
  days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
  shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
  months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
  shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
};

function staticUrl() {
  let base = "/";
  try {
    base = JSON.parse(document.getElementById("jupyter-config-data").textContent).baseUrl || "/";
  } catch (e) { /* not in Voilà: the server's root */ }
  if (!base.endsWith("/")) base += "/";
  return base + "voila/templates/verbinding/static/vega/";
}

function script(src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    // UMD bundles: make them set window.vega / window.vegaLite, not an AMD module
    const amd = window.define;
    window.define = undefined;
    tag.src = src;
    tag.onload = () => { window.define = amd; resolve(); };
    tag.onerror = () => { window.define = amd; reject(new Error("not loaded: " + src)); };
    document.head.appendChild(tag);
  });
}

function vegaLoaded() {
  if (!window.__verbindingVega) {
    const dir = staticUrl();
    window.__verbindingVega = (window.vega && window.vegaLite ? Promise.resolve()
      : script(dir + "vega.min.js?v=" + VERSIONS).then(() => script(dir + "vega-lite.min.js?v=" + VERSIONS)))
      .then(() => { window.vega.defaultLocale(NUMBER, TIME); return { vega: window.vega, vl: window.vegaLite }; });
  }
  return window.__verbindingVega;
}

function idOf(link) {
  const href = link.getAttribute("href") || link.getAttributeNS(XLINK, "href") || "";
  const at = href.indexOf(PREFIX);
  return at < 0 ? null : href.slice(at + PREFIX.length);
}

function render({ model, el }) {
  const box = document.createElement("figure");
  box.className = "verbinding-figure";
  if (model.get("selectable")) box.classList.add("verbinding-selectable");
  el.appendChild(box);
  const links = () => Array.from(box.querySelectorAll("a")).filter((a) => idOf(a) !== null);
  const mark = () => {
    const selected = model.get("selected");
    for (const a of links()) a.setAttribute("aria-current", idOf(a) === selected ? "true" : "false");
  };
  let drawn = null;  // [spec, width] last drawn
  let turn = 0;
  const draw = async () => {
    const spec = model.get("spec");
    const width = Math.floor(box.clientWidth);
    if (!spec || !Object.keys(spec).length) { box.replaceChildren(); box.removeAttribute("data-width"); drawn = null; return; }
    if (width < 10) return;  // hidden: drawn when it is shown (the observer calls again)
    if (drawn && drawn[0] === spec && drawn[1] === width) return;
    const mine = ++turn;
    const { vega, vl } = await vegaLoaded();
    const fitted = { ...spec, width, autosize: { type: "fit-x", contains: "padding" } };
    if (width < NARROW) {  // a phone: legends under the chart, one item a line
      const config = spec.config || {};
      fitted.config = { ...config, legend: { ...(config.legend || {}), orient: "bottom", direction: "vertical" } };
    }
    const view = new vega.View(vega.parse(vl.compile(fitted).spec), { renderer: "none" });
    let svg = await view.toSVG();
    view.finalize();
    if (mine !== turn) return;  // a newer spec or width is being drawn
    // Vega fits the plot, but a centred title or a text mark can still stick out: measure the
    // drawing and draw it narrower (twice the overflow: a centred title moves by half).
    const overflow = (markup) => {
      const probe = document.createElement("div");
      probe.style.cssText = "position:absolute;visibility:hidden;left:0;top:0";
      probe.innerHTML = markup;
      document.body.appendChild(probe);
      const frame = probe.querySelector("svg");
      const content = frame && frame.querySelector("g");
      let over = 0;
      if (content) {
        const outer = frame.getBoundingClientRect();
        const inner = content.getBoundingClientRect();
        over = Math.ceil(Math.max(0, inner.right - outer.right) + Math.max(0, outer.left - inner.left));
      }
      probe.remove();
      return over;
    };
    let narrower = width;
    for (let tries = 0; tries < 3; tries++) {
      const over = overflow(svg);
      if (over <= 0 || narrower - 2 * over < width / 2) break;
      narrower -= 2 * over + 2;
      const again = new vega.View(vega.parse(vl.compile({ ...fitted, width: narrower }).spec), { renderer: "none" });
      svg = await again.toSVG();
      again.finalize();
      if (mine !== turn) return;
    }
    // a new chart replaces the links: keep the keyboard focus on the same mark
    const active = document.activeElement;
    const focused = active && box.contains(active) && active.closest("a") ? idOf(active.closest("a")) : null;
    box.innerHTML = svg;
    const image = box.querySelector("svg");
    if (image) {
      image.setAttribute("role", model.get("selectable") ? "group" : "img");
      image.setAttribute("aria-label", model.get("label"));
      image.removeAttribute("aria-roledescription");
      image.style.maxWidth = "100%";
      image.style.height = "auto";
    }
    for (const a of links()) {
      a.setAttribute("href", PREFIX + idOf(a));
      const name = a.querySelector("[aria-label]");
      if (name && !a.querySelector("title")) {  // a tooltip with the mark's name
        const title = document.createElementNS(SVG, "title");
        title.textContent = name.getAttribute("aria-label");
        a.prepend(title);
      }
    }
    mark();
    box.dataset.width = String(width);
    drawn = [spec, width];
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
  let pending = null;
  const soon = () => { clearTimeout(pending); pending = setTimeout(() => draw().catch(console.error), 60); };
  const resized = new ResizeObserver(soon);
  resized.observe(box);
  model.on("change:spec", () => draw().catch(console.error));
  model.on("change:label", () => box.querySelector("svg")?.setAttribute("aria-label", model.get("label")));
  model.on("change:selected", mark);
  draw().catch(console.error);
  return () => resized.disconnect();
}
export default { render };
""".replace("__LINK_PREFIX__", json.dumps(LINK_PREFIX))

# The selected mark is marked here (aria-current), not in the SVG: selecting sends no new chart.
# Orange with a black outline: Okabe-Ito, readable with colour-blindness.
_CSS = """
.verbinding-figure { margin: 0; width: 100%; min-width: 0; }
.verbinding-figure svg { display: block; max-width: 100%; height: auto; }
.verbinding-selectable a { cursor: pointer; }
.verbinding-selectable a path { paint-order: stroke; }
.verbinding-selectable a:hover path, .verbinding-selectable a:focus path { stroke: #000; stroke-width: 3px; }
.verbinding-selectable a:focus { outline: none; }
.verbinding-selectable a[aria-current="true"] path { fill: #E69F00; stroke: #000; stroke-width: 5px; }
"""


class _Figure(anywidget.AnyWidget):
    """One chart slot in the browser: a Vega-Lite ``spec`` drawn at the slot's width.

    ``selectable`` charts turn ``#kies-`` links into ``selected`` when activated.
    """

    _esm = _ESM
    _css = _CSS
    # Trait names must not be DOMWidget's ("tooltip", "description", ...): see download.py.
    spec = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    selectable = traitlets.Bool(False).tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)


class ChartView(widgets.VBox):
    """One chart slot: the chart (drawn in the browser) + a visible text summary, updated in place."""

    _selectable = False

    def __init__(self, chart=None, summary: str = "", **kwargs):
        self._figure = _Figure(selectable=self._selectable)
        self._summary = widgets.HTML()
        super().__init__([self._figure, self._summary], **kwargs)
        self.add_class("verbinding-chart")
        self.summary_text = ""
        if chart is not None:
            self.update(chart, summary)

    def _spec(self, chart) -> dict:
        return fitted_spec(chart)

    @property
    def spec(self) -> dict:
        """The Vega-Lite spec the browser draws (``{}`` when there is no chart)."""
        return self._figure.spec

    def update(self, chart, summary: str) -> None:
        spec = self._spec(chart) if chart is not None else {}
        with self._figure.hold_sync():
            self._figure.label = summary
            self._figure.spec = spec
        self._summary.value = f'<p class="verbinding-chart-summary">{html.escape(summary)}</p>' if summary else ""
        self.summary_text = summary


class SelectableChartView(ChartView):
    """A chart slot whose marks can be clicked (or focused and activated with Enter).

    ``key`` is the data field holding each mark's id (marks without one are not links),
    ``label`` the field that names a mark for screen readers and in its tooltip.
    ``on_select(callback)`` calls ``callback(id)`` when the learner activates a mark;
    setting :attr:`selected` from Python (to mirror a list) does not call it.
    """

    _selectable = True

    def __init__(self, key: str, label: str | None = None, chart=None, summary: str = "", **kwargs):
        self.key, self.label = key, label
        self._callbacks: list[Callable[[str], None]] = []
        self._quiet = False
        super().__init__(chart, summary, **kwargs)
        self._figure.observe(self._activated, names="selected")

    def _spec(self, chart) -> dict:
        return selectable_spec(fitted_spec(chart), self.key, self.label)

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
