"""The course app's budgets, side by side with a one-slider notebook in the same run.

Run (about ten minutes on 2 cores; Chromium at /usr/bin/chromium, no downloads)::

    .venv/bin/python benchmarks/bench_app.py [--runs 5] [--crowd 20]

Two folders are served by Voilà exactly as ``verbinding start`` and the browser tests serve
the course (root ``voila.json``: only ``index.ipynb`` preheated, pool of one):

- ``course``: the real ``course/`` folder, whose ``index.ipynb`` is the course app;
- ``slider``: a temporary folder whose ``index.ipynb`` shows one ``IntSlider`` (the
  baseline: Voilà, the template and a kernel with ipywidgets, nothing of the course).

Culling as in ``voila.json`` (the tests' 8 seconds would cull pages of a crowd still
loading). Each folder is measured preheated (``voila.json`` as is) and cold
(``--VoilaConfiguration.preheat_kernel=False``, as in Voilà's server extension: Binder and
JupyterHub). Figures, each with its budget from issue 12:

- time to interactive (median of ``--runs`` loads, fresh browser context each, after the
  pool has refilled and Voilà is idle): app vs slider, cold and preheated (≤ 1.5×);
- module switch in one app page: first visit and visited again (median; ≤ 1 s / ≤ 300 ms),
  from the click in the course menu until the module's heading is shown;
- one learner with every module open: kernels of that page (1) and its RSS (≤ 300 MB);
- ``--crowd`` learners opening the page at the same moment (preheated server): median and
  max time to interactive and failures, app vs slider (median ≤ 1.5×, 0 failures);
- idle server with its preheated pool: RSS of server + pool kernel (≤ 600 MB);
- the kernel's imports before the first screen (``python -X importtime``), heaviest first.

Results: a table on stdout and ``benchmarks/results/app.json``. Timings are noisy when other
processes use the CPU: the share used by others during the run is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import Server, cpu_sample, foreign_cpu, memory  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, kernel_pids  # noqa: E402
from verbinding.course import MODULES  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "app.json"
APP_READY = ".verbinding-course-nav a"
SLIDER_READY = ".widget-slider"
MB = 1024 * 1024
SLIDER_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": ["import ipywidgets as widgets\n", "widgets.IntSlider(description='Waarde')"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def slider_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="verbinding-bench-slider-"))
    (folder / "index.ipynb").write_text(json.dumps(SLIDER_NOTEBOOK), encoding="utf-8")
    return folder


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


async def open_page(browser, server: Server, ready: str, code: str | None, timeout_s: float = 180):
    """(context, page, seconds to interactive) of one page load in a fresh context."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    query = f"?werkboek={code}" if code else ""
    started = time.perf_counter()
    await page.goto(f"{server.voila.base}/voila/render/index.ipynb{query}", wait_until="load", timeout=timeout_s * 1000)
    await page.wait_for_selector(ready, state="visible", timeout=timeout_s * 1000)
    await page.wait_for_selector("#loading", state="hidden", timeout=timeout_s * 1000)
    return context, page, time.perf_counter() - started


async def time_to_interactive(browser, server: Server, ready: str, runs: int) -> list[float]:
    seconds = []
    for run in range(runs):
        if server.preheat:
            server.wait_pools()
        server.wait_settled()
        context, _page, took = await open_page(browser, server, ready, f"bench-tti-{run}")
        server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1
        seconds.append(took)
        await context.close()
    return seconds


async def switch_to(page, module_id: str) -> float:
    started = time.perf_counter()
    await page.click(f".verbinding-course-nav a[data-module='{module_id}']")
    await page.wait_for_function(
        "id => document.querySelector('.verbinding-course-nav a[aria-current=page]')?.dataset.module === id"
        " && document.querySelector('.verbinding-module h1')",
        arg=module_id, timeout=120000,
    )
    return time.perf_counter() - started


async def module_walk(browser, server: Server) -> dict:
    """One learner opens every module twice in one page: switch times, kernels, memory."""
    server.wait_pools()
    server.wait_settled()
    before = set(kernel_pids(server.pid))
    context, page, _took = await open_page(browser, server, APP_READY, "bench-walk-1")
    server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1
    kernel = json.loads(await page.locator("#jupyter-config-data").inner_text())["kernelId"]
    first, again = {}, {}
    for item in MODULES:
        first[item.id] = await switch_to(page, item.id)
    await switch_to(page, "index")
    for item in MODULES:
        again[item.id] = await switch_to(page, item.id)
    server.wait_settled()
    pids = kernel_pids(server.pid)
    # the page took the pool's kernel; the one new kernel Voilà starts is the pool's refill
    others = set(pids) - before - {kernel}
    result = {
        "first_visit_s": first, "visited_s": again,
        "kernels_of_page": 1 + max(0, len(others) - 1),
        "kernel_rss_mb": (memory(pids[kernel])["rss"] or 0) / MB if kernel in pids else None,
    }
    await context.close()
    return result


async def crowd(browser, server: Server, ready: str, learners: int) -> dict:
    """``learners`` pages requested at the same moment."""
    if server.preheat:
        server.wait_pools()
    server.wait_settled()

    async def one(n: int):
        try:
            context, _page, took = await open_page(browser, server, ready, f"bench-crowd-{n}", timeout_s=300)
            return context, took
        except Exception as error:  # counted as a failure
            return None, repr(error)[:200]

    results = await asyncio.gather(*(one(n) for n in range(learners)))
    times = [r for _c, r in results if isinstance(r, float)]
    failures = [r for _c, r in results if not isinstance(r, float)]
    for context, _r in results:
        if context is not None:
            await context.close()
    server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1  # one came from the pool
    return {"median_s": median(times), "max_s": max(times) if times else None, "failures": failures}


def first_screen_imports(top: int = 12) -> list[tuple[str, float]]:
    """The heaviest imports (cumulative seconds) before the app's first screen."""
    code = "import verbinding.ui.app as a; a._warm_up_first_screen()"
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=ROOT)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and len(match.group(2)) <= 3:  # top-level imports only
            rows.append((match.group(3), int(match.group(1)) / 1e6))
    return sorted(rows, key=lambda row: -row[1])[:top]


async def measure(runs: int, learners: int) -> dict:
    from playwright.async_api import async_playwright

    results: dict = {"runs": runs, "crowd": learners}
    cpu_before = cpu_sample()
    slider = slider_folder()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, folder, ready in (("slider", slider, SLIDER_READY), ("app", ROOT / "course", APP_READY)):
            with Server(folder, preheat=True, name=f"{name} preheated", test_culling=False) as server:
                results[f"{name}_idle_mb"] = server.start["memory"]["total"]["rss"] / MB
                results[f"{name}_preheated_s"] = await time_to_interactive(browser, server, ready, runs)
                if name == "app":
                    results["walk"] = await module_walk(browser, server)
                results[f"{name}_crowd"] = await crowd(browser, server, ready, learners)
            with Server(folder, preheat=False, name=f"{name} cold", test_culling=False) as server:
                results[f"{name}_cold_s"] = await time_to_interactive(browser, server, ready, runs)
        await browser.close()
    results["foreign_cpu_share"] = foreign_cpu(cpu_before, cpu_sample())
    results["imports"] = first_screen_imports()
    return results


def _ratio(app: float | None, base: float | None) -> str:
    return f"{app / base:.2f}×" if app and base else "-"


def report(r: dict) -> None:
    def line(what, value, budget, ok):
        print(f"{what:<52} {value:<26} {budget:<22} {'ok' if ok else 'OVER'}")

    print(f"\n{'':<52} {'measured':<26} {'budget':<22}")
    for mode in ("cold", "preheated"):
        app, base = median(r[f"app_{mode}_s"]), median(r[f"slider_{mode}_s"])
        line(f"time to interactive, {mode} (app / slider)", f"{app:.2f} s / {base:.2f} s = {_ratio(app, base)}",
             "≤ 1.5× slider", app <= 1.5 * base)
    walk = r["walk"]
    first, again = median(list(walk["first_visit_s"].values())), median(list(walk["visited_s"].values()))
    line("module switch, first visit (median)", f"{first * 1000:.0f} ms (max {max(walk['first_visit_s'].values()) * 1000:.0f})",
         "≤ 1000 ms", first <= 1.0)
    line("module switch, visited (median)", f"{again * 1000:.0f} ms (max {max(walk['visited_s'].values()) * 1000:.0f})",
         "≤ 300 ms", again <= 0.3)
    line("every module open: kernels of the page", str(walk["kernels_of_page"]), "1", walk["kernels_of_page"] == 1)
    line("every module open: kernel RSS", f"{walk['kernel_rss_mb']:.0f} MB", "≤ 300 MB", (walk["kernel_rss_mb"] or 0) <= 300)
    app, base = r["app_crowd"], r["slider_crowd"]
    line(f"{r['crowd']} learners at once: median (app / slider)",
         f"{app['median_s']:.1f} s / {base['median_s']:.1f} s = {_ratio(app['median_s'], base['median_s'])}",
         "≤ 1.5× slider", app["median_s"] <= 1.5 * base["median_s"])
    line(f"{r['crowd']} learners at once: max, failures", f"{app['max_s']:.1f} s, {len(app['failures'])} failed",
         "0 failures", not app["failures"])
    line("idle server with preheated pool (app / slider)", f"{r['app_idle_mb']:.0f} MB / {r['slider_idle_mb']:.0f} MB",
         "≤ 600 MB", r["app_idle_mb"] <= 600)
    print("\nper module, first visit / visited (ms): " + ", ".join(
        f"{m} {walk['first_visit_s'][m] * 1000:.0f}/{walk['visited_s'][m] * 1000:.0f}" for m in walk["first_visit_s"]))
    print("heaviest imports before the first screen: " + ", ".join(f"{n} {s:.2f} s" for n, s in r["imports"]))
    print(f"CPU used by other processes during the run: {r['foreign_cpu_share']:.0%} of the machine")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--crowd", type=int, default=20)
    args = parser.parse_args()
    results = asyncio.run(measure(args.runs, args.crowd))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    report(results)
    print(f"\nAll values: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
