"""Chart specs rendered to SVG in tests, as the browser draws them (Vega's SVG renderer).

The course draws charts in the learner's browser; vl-convert (a test dependency) runs the
same Vega-Lite and Vega in tests, so a test can read the labels and links a learner sees.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from verbinding.ui.charts import fitted_spec

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def chart_svg(chart, width: int = 500) -> str:
    """SVG of a chart (alt.Chart, spec, or a ChartView) at a slot ``width`` px wide, in Dutch."""
    import vl_convert

    spec = chart.spec if hasattr(chart, "spec") and isinstance(chart.spec, dict) else fitted_spec(chart)
    spec = {**spec, "width": width, "autosize": {"type": "fit-x", "contains": "padding"}}
    return vl_convert.vegalite_to_svg(spec, format_locale="nl-NL", time_format_locale="nl-NL")


def svg_tree(chart, width: int = 500) -> ET.Element:
    return ET.fromstring(chart_svg(chart, width))


def texts(chart, width: int = 500) -> list[str]:
    """Every text in the drawn chart (a wrapped label gives one text per line)."""
    found = []
    for text in svg_tree(chart, width).iter(f"{SVG}text"):
        spans = [span.text for span in text.iter(f"{SVG}tspan") if span.text]
        found.extend(spans or ([text.text] if text.text else []))
    return found


def link_ids(view, width: int = 500) -> list[str]:
    """Ids of the marks a learner can click in a selectable chart view (its SVG links)."""
    hrefs = [a.get(XLINK_HREF) or a.get("href") or "" for a in svg_tree(view, width).iter(f"{SVG}a")]
    return [h[h.index("#kies-") + len("#kies-"):] for h in hrefs if "#kies-" in h]
