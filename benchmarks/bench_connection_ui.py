"""Reaction times of the Connection widgets on the built-in cases (target: < 200 ms each).

Run: ``python benchmarks/bench_connection_ui.py [case ...]``. Drives the widgets as a learner
would (set .value, click) without a browser and prints the median and worst wall time per
reaction, charts (SVG rendering) included; a click on a chart mark is driven as the browser
sends it (the chart's ``selected`` trait). Learner files go to a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from types import SimpleNamespace

os.environ.setdefault("VERBINDING_HOME", tempfile.mkdtemp(prefix="verbinding-bench-"))

from verbinding.cases import BUILTIN_CASES, load_case  # noqa: E402
from verbinding.ui.charts import warm_up  # noqa: E402
from verbinding.ui.connection import ConnectionExercise  # noqa: E402
from verbinding.workbook import Workbook  # noqa: E402


def measure(case_id: str, repeat: int = 5) -> None:
    case = load_case(case_id)
    wb = Workbook("bench", path=None)
    start = time.perf_counter()
    ex = ConnectionExercise(SimpleNamespace(workbook=wb, case=case))
    build = time.perf_counter() - start
    ex.reveal.click()
    dims = [v for _, v in ex.gap_select.options]
    times: dict[str, list[float]] = {}

    def timed(name, action):
        t0 = time.perf_counter()
        action()
        times.setdefault(name, []).append(time.perf_counter() - t0)

    for i in range(repeat):
        timed("insider rule: top %", lambda: setattr(ex.top_pct, "value", 5 + i))
        timed("insider rule: kind", lambda: setattr(ex.rule_kind, "value", "top" if i % 2 == 0 else "presence"))
        timed("insider rule: years", lambda: setattr(ex.min_years, "value", 1 + i % ex.min_years.max))
        timed("pick top organisation", lambda: setattr(ex.top_select, "value", ex.top_select.options[i][1]))
        if ex.insider_select.options:
            timed("pick insider", lambda: setattr(ex.insider_select, "value", ex.insider_select.options[i % len(ex.insider_select.options)][1]))
        # a click on a chart mark: the front end sets the chart's "selected" trait, as set_state does
        timed("click top bar in chart", lambda: ex.top_view._figure.set_state({"selected": ex.top_select.options[-1 - i][1]}))
        if len(ex.insider_select.options) > 1:
            insiders = [v for _, v in ex.insider_select.options if v != ex.insider_select.value]
            timed("click insider in chart", lambda: ex.scatter_view._figure.set_state({"selected": insiders[i % len(insiders)]}))
        timed("gap dimensions", lambda: setattr(ex.gap_select, "value", tuple(dims[: 1 + i % len(dims)])))
        timed("max contacts", lambda: setattr(ex.max_links, "value", i % 3))
        if ex.candidates.options:
            timed("invite", ex.invite_button.click)
        timed("counter-voice checkbox", lambda: setattr(ex.step_boxes["doel"], "value", i % 2 == 0))
        timed("counter-voice text", lambda: setattr(ex.whom, "value", f"Bewoners {i}"))
    print(f"{case_id}: {len(case.contacts):,} links, {len(case.organisations):,} organisations; "
          f"building the exercise {build * 1000:.0f} ms")
    for name, values in times.items():
        print(f"  {name:26s} median {statistics.median(values) * 1000:6.1f} ms   worst {max(values) * 1000:6.1f} ms")


def main() -> None:
    warm_up()
    for case_id in sys.argv[1:] or BUILTIN_CASES:
        measure(case_id)


if __name__ == "__main__":
    main()
