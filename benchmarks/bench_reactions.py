"""Reaction time of every module page's widgets (target: each well under 200 ms).

Run: ``python benchmarks/bench_reactions.py [--repeat N] [module ...]``. Drives the widgets
as a learner would (set ``.value``, click) without a browser, on the built-in cases, and
prints per reaction the median and worst wall time, charts (SVG rendering) included. A click
on a chart mark is driven as the browser sends it (the chart's ``selected`` trait). Learner
files go to a temporary folder and are saved on every change, as in the course. Wall time is what a learner waits for, so run it on a quiet
machine; the browser adds a few milliseconds for the websocket round trip on top.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from types import SimpleNamespace

os.environ.setdefault("VERBINDING_HOME", tempfile.mkdtemp(prefix="verbinding-bench-"))

from verbinding.cases import BUILTIN_CASES, load_case
from verbinding.ui.app import warm_up_modules
from verbinding.workbook import Workbook

Action = Callable[[int], object]  # called with the round number


_LEARNERS = itertools.count(1)


def _page(case=None) -> SimpleNamespace:
    """A page with a fresh learner's workbook that autosaves to disk, as in the course."""
    return SimpleNamespace(workbook=Workbook.open(f"bench-{next(_LEARNERS):04d}"), case=case)


def barriers(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.drempels.view import BarriersExercise

    ex = BarriersExercise(_page())
    ids = [b.id for b in ex.texts.barriers]
    return ex, {
        "classify a scenario": lambda i: setattr(ex.rows[i % len(ex.rows)].choice, "value", ids[i % 3]),
        "rate a barrier (chart)": lambda i: setattr(ex.assessment[i % 3].score, "value", 1 + i % ex.texts.scale_max),
        "type an example": lambda i: setattr(ex.assessment[0].note, "value", f"Voorbeeld {i}"),
    }


def outreach(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.outreach.view import OutreachExercise

    ex = OutreachExercise(_page(case))
    names = list(case.organisations["name"])

    def link(i: int) -> None:
        ex.link_dimension.value = ex.model.dimensions[i % len(ex.model.dimensions)].id
        ex.link_org.value = names[i]
        ex.link_expertise.value = 1 + i % 3
        ex.link_support.value = 1 + (i + 1) % 3
        ex.link_add.click()

    def add_dimension(i: int) -> None:
        ex.dim_name.value = f"Dimensie {i}"
        ex.dim_add.click()

    def alternative(i: int) -> None:
        ex.alt_text.value = f"Voorstel {i}"
        ex.alt_add.click()

    for i in range(20, 60):  # a realistic map before measuring
        link(i)
    return ex, {
        "link and rate (heat map)": link,
        "add a dimension": add_dimension,
        "place on the grid (chart)": lambda i: setattr(ex.grid_power, "value", ("high", "low")[i % 2]),
        "remove a link": lambda i: next(iter(ex.remove_link_buttons.values())).click(),
        "record an alternative": alternative,
        "search organisations (list)": lambda i: setattr(ex.link_step.link_search, "value",
                                                         ("natuur", "zorg", "gemeente", "")[i % 4]),
    }


def connection(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.connection.view import ConnectionExercise

    ex = ConnectionExercise(_page(case))
    ex.guess.value = 25
    ex.reveal.click()
    dims = [v for _, v in ex.gap_select.options]

    def click_insider(i: int) -> None:
        insiders = [v for _, v in ex.insider_select.options if v != ex.insider_select.value]
        if insiders:
            ex.scatter_view._figure.set_state({"selected": insiders[i % len(insiders)]})

    def invite(i: int) -> None:
        if ex.candidates.options:
            ex.invite_button.click()

    return ex, {
        "insider rule: top % (charts)": lambda i: setattr(ex.top_pct, "value", 5 + i % 10),
        "insider rule: kind (charts)": lambda i: setattr(ex.rule_kind, "value", ("top", "presence")[i % 2]),
        "insider rule: years (charts)": lambda i: setattr(ex.min_years, "value", 1 + i % ex.min_years.max),
        "pick in the top list": lambda i: setattr(ex.top_select, "value", ex.top_select.options[i % 10][1]),
        # a click on a chart mark: the front end sets the chart's "selected" trait
        "click a bar in the chart": lambda i: ex.top_view._figure.set_state(
            {"selected": ex.top_select.options[-1 - i % 10][1]}),
        "click an insider in the chart": click_insider,
        "gap dimensions": lambda i: setattr(ex.gap_select, "value", tuple(dims[: 1 + i % len(dims)])),
        "max contacts": lambda i: setattr(ex.max_links, "value", i % 3),
        "invite": invite,
        "counter-voice checkbox": lambda i: setattr(ex.step_boxes["doel"], "value", i % 2 == 0),
        "counter-voice text": lambda i: setattr(ex.whom, "value", f"Bewoners {i}"),
    }


def accountability(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.accountability.view import AccountabilityExercise

    ex = AccountabilityExercise(_page(case))
    rows = list(ex.rows.values())
    feedback = list(ex.feedback_rows.values())
    return ex, {
        "type reasoning (checks)": lambda i: setattr(
            rows[i % len(rows)].reasoning, "value", f"Zij dragen de lasten van de maatregel, punt {i}."),
        "set a weight (checks)": lambda i: setattr(
            rows[i % len(rows)].weight, "value", ("more", "equal", "less")[i % 3]),
        "feedback given (chart)": lambda i: setattr(feedback[i % len(feedback)].given, "value", ("yes", "no")[i % 2]),
        "generate the draft": lambda i: (ex.replace if ex.replace.layout.display != "none" else ex.generate).click(),
    }


def dossier(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.eigen_dossier.view import DossierExercise

    ex = DossierExercise(_page())
    boxes = ex.boxes
    return ex, {
        "type an answer (checks)": lambda i: setattr(boxes[i % len(boxes)].answer, "value", f"Antwoord {i}"),
        "score a question (chart)": lambda i: setattr(boxes[i % len(boxes)].score, "value",
                                                      1 + i % ex.texts.scale_max),
        "type a next step": lambda i: setattr(boxes[i % len(boxes)].next_step, "value", f"Stap {i}"),
    }


def agendas(case) -> tuple[object, dict[str, Action]]:
    from verbinding.modules.echte_agendas.view import AgendaExercise

    ex = AgendaExercise(_page())
    ministries = [value for _, value in ex.ministry.options if value][:6]
    return ex, {
        "choose a ministry (chart)": lambda i: setattr(ex.ministry, "value", ministries[i % len(ministries)]),
        "correct a type (chart)": lambda i: setattr(ex.rows[i % len(ex.rows)].choice, "value",
                                                    ("media", "kennis")[i % 2]),
        "next page": lambda i: ex.next.click(),
        "search": lambda i: setattr(ex.search, "value", ("bank", "")[i % 2]),
    }


MODULES = {"barriers": barriers, "outreach": outreach, "connection": connection,
           "accountability": accountability, "dossier": dossier, "agendas": agendas}
USES_CASE = {"outreach", "connection", "accountability"}


def measure(module: str, case_id: str | None, repeat: int) -> None:
    case = load_case(case_id) if case_id else None
    start = time.perf_counter()
    _exercise, actions = MODULES[module](case)
    build = time.perf_counter() - start
    print(f"{module}{f' ({case_id})' if case_id else ''}: page built in {build * 1000:.0f} ms")
    for name, action in actions.items():
        times = []
        for i in range(repeat):
            t0 = time.perf_counter()
            action(i)
            times.append(time.perf_counter() - t0)
        print(f"  {name:32s} median {statistics.median(times) * 1000:6.1f} ms"
              f"   worst {max(times) * 1000:6.1f} ms")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    args = parser.parse_args(argv)
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    warm_up_modules()
    for module in args.modules or MODULES:
        for case_id in (BUILTIN_CASES if module in USES_CASE else [None]):
            measure(module, case_id, args.repeat)


if __name__ == "__main__":
    main()
