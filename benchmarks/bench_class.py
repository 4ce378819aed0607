"""Class mode before the bell: N learners ask for the course at the same moment (issue 27 item 4).

Run (a few minutes on 2 cores; no browser, so the learners' HTTP requests do not compete
with the server for the CPU)::

    .venv/bin/python benchmarks/bench_class.py [--learners 20 40]

For each number of learners N, in one run:

- **class mode**: ``verbinding start --deelnemers N`` as a trainer starts it; the benchmark
  waits for its line "klaar voor N deelnemers" (the seconds it took and the memory per
  waiting learner it printed are reported), then N learners request the course page
  (``/voila/render/index.ipynb?werkboek=<own code>``) at once;
- **one-slider floor**: stock Voilà serving a notebook with one ``IntSlider``, cold (no
  pool), the same N requests at once.

A request counts from sending it until the whole page has arrived (Voilà answers once the
notebook ran, so the page is complete); a failure is an HTTP error or no page within 180 s.
Printed: median and max per setup, failures, and the share of the CPU that processes outside
the benchmark used meanwhile. Results also go to ``benchmarks/results/class.json``.

``--browsers 3`` adds a second class server for N learners where that many real Chromium
pages open at the same moment (no HTTP crowd): seconds until each is interactive (the ``load`` event, the course header
visible, Voilà's loading screen gone), as the browser tests define it.

``--live 40`` measures the trainer's live view instead: 40 learners' workbooks (the shapes
the modules write) lie in the server's folder; a learner saves, and the view reads every
workbook and redraws the overview. The time from a save to the trainer's screen is the wait
for the next reading (at most ``LIVE_SECONDS``) plus that reading.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import cpu_sample, foreign_cpu  # noqa: E402
from tests.browser.conftest import free_port, stop_process  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "class.json"
TIMEOUT = 180
SLIDER_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": ["import ipywidgets as widgets\n", "widgets.IntSlider(description='Waarde')"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def _fetch(url: str) -> tuple[float, bool]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            response.read()
            ok = response.status == 200
    except OSError:
        ok = False
    return time.monotonic() - started, ok


def crowd(base: str, notebook: str, learners: int) -> dict:
    """``learners`` requests at the same moment; their times and failures."""
    urls = [f"{base}/voila/render/{notebook}?werkboek=bank-{n:03d}" for n in range(learners)]
    before = cpu_sample()
    with concurrent.futures.ThreadPoolExecutor(max_workers=learners) as pool:
        results = list(pool.map(_fetch, urls))
    after = cpu_sample()
    times = [seconds for seconds, ok in results if ok]
    return {
        "median_s": round(statistics.median(times), 2) if times else None,
        "max_s": round(max(times), 2) if times else None,
        "failed": sum(1 for _seconds, ok in results if not ok),
        "others_cpu_share": round(foreign_cpu(before, after), 2),
    }


def _wait_http(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def browsers_at_once(base: str, count: int) -> dict:
    """``count`` Chromium pages opened at the same moment; seconds until each is interactive."""
    import asyncio

    from playwright.async_api import async_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    async def one(browser, n: int) -> float:
        context = await browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
        page = await context.new_page()
        started = time.monotonic()
        await page.goto(f"{base}/voila/render/index.ipynb?werkboek=browser-{n:03d}", wait_until="load", timeout=180000)
        await page.wait_for_selector(".verbinding-header", state="visible", timeout=180000)
        await page.wait_for_selector("#loading", state="hidden", timeout=180000)
        seconds = time.monotonic() - started
        await context.close()
        return seconds

    async def run() -> list[float]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                return await asyncio.gather(*(one(browser, n) for n in range(count)))
            finally:
                await browser.close()

    times = asyncio.run(run())
    return {"browsers": count, "interactive_median_s": round(statistics.median(times), 2),
            "interactive_max_s": round(max(times), 2)}


def class_mode(learners: int, browsers: int = 0) -> dict:
    port = free_port()
    home = tempfile.mkdtemp(prefix="bench-class-")
    verbinding = Path(sys.executable).with_name("verbinding")
    process = subprocess.Popen(
        [str(verbinding), "start", "--no-browser", f"--port={port}", f"--deelnemers={learners}"],
        env={**os.environ, "VERBINDING_HOME": home}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        started = time.monotonic()
        ready_line = ""
        for line in process.stdout:
            if f"klaar voor {learners} deelnemers" in line or "plaatsen klaar" in line:
                ready_line = line.strip()
                break
        ready_s = time.monotonic() - started
        per_learner = re.search(r"ongeveer (\d+) MB", ready_line)
        if browsers:  # real browsers on a class server of their own, in place of the HTTP crowd
            result = browsers_at_once(f"http://127.0.0.1:{port}", browsers)
        else:
            result = crowd(f"http://127.0.0.1:{port}", "index.ipynb", learners)
        return {"ready_s": round(ready_s, 1), "ready_line": ready_line,
                "mb_per_waiting_learner": int(per_learner.group(1)) if per_learner else None, **result}
    finally:
        stop_process(process, seconds=60)


def slider_floor(learners: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-slider-"))
    (folder / "index.ipynb").write_text(json.dumps(SLIDER_NOTEBOOK), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder,
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}/voila/render/index.ipynb")
        time.sleep(5)  # the first request's kernel is gone from the CPU
        return crowd(f"http://127.0.0.1:{port}", "index.ipynb", learners)
    finally:
        stop_process(process, seconds=60)


def live_view(learners: int, rounds: int = 7) -> dict:
    """Seconds for the live class view to read ``learners`` workbooks and redraw, per round."""
    import random

    os.environ["VERBINDING_HOME"] = tempfile.mkdtemp(prefix="bench-live-")
    from tests.test_classview import make_learner, workbook_bytes
    from verbinding.classview import LIVE_SECONDS, server_workbook_folders
    from verbinding.ui.classview import ClassOverviewApp

    folder = server_workbook_folders()[0]
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(27)
    for i in range(learners):
        modules, _truth = make_learner(i, rng)
        (folder / f"cursist-{i:03d}.json").write_bytes(workbook_bytes(f"cursist-{i:03d}", modules))
    app = ClassOverviewApp()
    seconds = []
    for round_ in range(rounds):
        modules, _truth = make_learner(round_, rng)  # a learner saves
        (folder / "cursist-000.json").write_bytes(workbook_bytes("cursist-000", modules))
        started = time.perf_counter()
        app.read_server_workbooks()
        seconds.append(time.perf_counter() - started)
        assert str(learners) in app.status.value, app.status.value
    first, later = seconds[0], seconds[1:]  # the first reading also imports and draws for the first time
    read = statistics.median(later)
    return {"learners": learners, "first_read_s": round(first, 2), "read_and_draw_median_s": round(read, 3),
            "read_and_draw_max_s": round(max(later), 3), "poll_s": LIVE_SECONDS,
            "save_to_screen_mean_s": round(LIVE_SECONDS / 2 + read, 1),
            "save_to_screen_max_s": round(LIVE_SECONDS + max(later), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[20, 40])
    parser.add_argument("--browsers", type=int, default=0, help="also open this many real browsers at once")
    parser.add_argument("--live", type=int, metavar="N", help="measure the live class view with N workbooks instead")
    args = parser.parse_args()
    if args.live:
        figures = live_view(args.live)
        print(f"live class view, {figures['learners']} workbooks: first reading {figures['first_read_s']} s; "
              f"then read and redraw median "
              f"{figures['read_and_draw_median_s']} s (max {figures['read_and_draw_max_s']} s); it looks for saves every "
              f"{figures['poll_s']} s, so a save reaches the trainer's screen after {figures['save_to_screen_mean_s']} s "
              f"on average, at most {figures['save_to_screen_max_s']} s")
        return
    results = {}
    for learners in args.learners:
        results[learners] = {"class_mode": class_mode(learners), "one_slider_cold": slider_floor(learners)}
        row = results[learners]
        print(f"{learners} learners at once on {os.cpu_count()} cores")
        for name, figures in row.items():
            print(f"  {name:16} median {figures['median_s']} s, max {figures['max_s']} s, "
                  f"failed {figures['failed']}, other processes used {figures['others_cpu_share']:.0%} of the CPU")
        if args.browsers:
            shown = row["with_browsers"] = class_mode(learners, args.browsers)
            print(f"  {shown['browsers']} real browsers at once in class mode: interactive after median "
                  f"{shown['interactive_median_s']} s, max {shown['interactive_max_s']} s")
        print(f"  class mode ready after {row['class_mode']['ready_s']} s: {row['class_mode']['ready_line']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
