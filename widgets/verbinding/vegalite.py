"""Vega-Lite specs as plain dicts: the rows of an aggregated frame, JSON-safe.

Charts are drawn in the learner's browser (:mod:`verbinding.ui.charts`); the kernel only
builds the spec. Building it through Altair cost every kernel ~50 MB of memory and ~1 s
for the import alone, so the course's chart functions write the dict themselves. Altair
still reads any of them (``alt.Chart.from_dict``), and a trainer's own exercise may pass an
``alt.Chart`` to ``ChartView``.
"""

from __future__ import annotations

MAX_ROWS = 5000  # a chart gets aggregated data, never a raw log


def _plain(value):
    if hasattr(value, "item"):  # numpy and pandas scalars
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def records(frame) -> list[dict]:
    """The rows of ``frame`` as JSON-safe dicts (NaN becomes null, numpy numbers plain)."""
    if len(frame) > MAX_ROWS:
        raise ValueError(f"chart data has {len(frame)} rows; aggregate first (max {MAX_ROWS})")
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]
