"""The course app's budgets, side by side with a one-slider notebook in the same run.

Run (about ten minutes on 2 cores; Chromium at /usr/bin/chromium, no downloads)::

    .venv/bin/python benchmarks/bench_app.py [--runs 5] [--crowd 20] [--budgets-only]

``--budgets-only`` (about five minutes) measures the issue-24 budgets only: the kernel's
memory, the module switch, time to interactive preheated, and the first screen's bytes;
no crowd, no cold servers.

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
- one learner with every module open: kernels of that page (1) and its RSS (≤ 150 MB,
  issue 24): after the first screen, after each module's first visit and at the end, beside
  the kernel of the one-slider page after its first screen;
- the first screen's bytes as the browser transferred them (Chromium's CDP Network events,
  ``encodedDataLength``: headers and compressed body), in a fresh context (nothing cached)
  and after a reload (cached), split into the HTML (with the course's inline CSS, given on
  its own, uncompressed), the course's CSS file (Utrecht components), the Vega bundle, Voilà
  and ipywidgets JavaScript, the lab template's CSS and the rest; the websocket bytes beside them. The Vega bundle
  loads with the first chart, so the bytes of opening a module with a chart are given too;
- ``--crowd`` learners opening the page at the same moment (preheated server): median and
  max time to interactive and failures, app vs slider (median ≤ 1.5×, 0 failures);
- idle server with its preheated pool: RSS of server + pool kernel (≤ 600 MB);
- the kernel's imports before the first screen (``python -X importtime``), heaviest first,
  and which heavy libraries a kernel holds with every module open (none of altair,
  vl-convert, python-docx, openpyxl, jsonschema: they load on an action, if at all).

Results: a table on stdout and ``benchmarks/results/app.json``. Timings are noisy when other
processes use the CPU: the share used by others during the run is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
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


async def page_kernel_mb(server: Server, page) -> float | None:
    """RSS of the kernel serving ``page``, once Voilà and its kernels are idle."""
    server.wait_settled()
    kernel = json.loads(await page.locator("#jupyter-config-data").inner_text())["kernelId"]
    pid = kernel_pids(server.pid).get(kernel)
    return (memory(pid)["rss"] or 0) / MB if pid else None


async def module_walk(browser, server: Server) -> dict:
    """One learner opens every module twice in one page: switch times, kernels, memory."""
    server.wait_pools()
    server.wait_settled()
    before = set(kernel_pids(server.pid))
    context, page, _took = await open_page(browser, server, APP_READY, "bench-walk-1")
    server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1
    kernel = json.loads(await page.locator("#jupyter-config-data").inner_text())["kernelId"]
    rss_after = {"first screen": await page_kernel_mb(server, page)}
    first, again = {}, {}
    for item in MODULES:
        first[item.id] = await switch_to(page, item.id)
        rss_after[item.id] = await page_kernel_mb(server, page)  # a learner reads before the next
    await switch_to(page, "index")
    for item in MODULES:
        again[item.id] = await switch_to(page, item.id)
    server.wait_settled()
    pids = kernel_pids(server.pid)
    # the page took the pool's kernel; the one new kernel Voilà starts is the pool's refill
    others = set(pids) - before - {kernel}
    result = {
        "first_visit_s": first, "visited_s": again, "kernel_rss_after_mb": rss_after,
        "kernels_of_page": 1 + max(0, len(others) - 1),
        "kernel_rss_mb": (memory(pids[kernel])["rss"] or 0) / MB if kernel in pids else None,
    }
    await context.close()
    return result


SLIDER_KERNEL_NOTE = "the one-slider page's kernel after its first screen"


async def slider_kernel(browser, server: Server) -> float | None:
    """RSS of the one-slider page's kernel after its first screen."""
    server.wait_pools()
    server.wait_settled()
    context, page, _took = await open_page(browser, server, SLIDER_READY, None)
    server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1
    rss = await page_kernel_mb(server, page)
    await context.close()
    return rss


# What the first screen loads, by the URL's path (the first match counts).
PARTS = (
    ("course CSS file", "/voila/templates/verbinding/static/utrecht/"),
    ("Vega bundle", "/voila/templates/verbinding/static/vega/"),
    ("Voilà + ipywidgets JS", ".js"),
    ("Voilà/JupyterLab CSS", ".css"),  # the lab template's index.css and theme
)


def _part(url: str, kind: str | None) -> str:
    if kind == "Document":
        return "HTML"
    if kind == "WebSocket" or url.startswith("ws"):
        return "websocket"
    path = url.split("?", 1)[0]
    return next((name for name, marker in PARTS if marker in path), "rest")


class Transfer:
    """Bytes the browser transferred for one page, per part, from CDP Network events."""

    def __init__(self, cdp):
        self.requests: dict[str, dict] = {}
        self.last_event = time.monotonic()
        self.socket_bytes = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)

    def _sent(self, event) -> None:
        self.requests[event["requestId"]] = {"url": event["request"]["url"], "type": event.get("type"), "bytes": 0}
        self.last_event = time.monotonic()

    def _response(self, event) -> None:
        request = self.requests.setdefault(event["requestId"], {"url": event["response"]["url"], "bytes": 0})
        request["type"] = event.get("type") or request.get("type")
        request["status"] = event["response"].get("status")
        request["cached"] = bool(event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"))

    def _finished(self, event) -> None:
        if event["requestId"] in self.requests:
            self.requests[event["requestId"]]["bytes"] = int(event.get("encodedDataLength") or 0)
        self.last_event = time.monotonic()

    def _frame(self, event) -> None:
        self.socket_bytes += len(event["response"].get("payloadData", ""))
        self.last_event = time.monotonic()

    async def quiet(self, page, seconds: float = 1.5, limit: float = 60) -> None:
        """Wait until no request or frame came for ``seconds``."""
        deadline = time.monotonic() + limit
        while time.monotonic() - self.last_event < seconds and time.monotonic() < deadline:
            await page.wait_for_timeout(200)

    def take(self) -> dict:
        """Bytes and requests per part since the last take (the websocket's frames apart)."""
        parts: dict[str, dict] = {}
        for request in sorted(self.requests.values(), key=lambda r: -r["bytes"]):
            part = parts.setdefault(_part(request["url"], request.get("type")),
                                    {"bytes": 0, "requests": 0, "cached": 0, "largest": []})
            part["bytes"] += request["bytes"]
            part["requests"] += 1
            part["cached"] += bool(request.get("cached")) or request.get("status") == 304
            if len(part["largest"]) < 3 and request["bytes"]:  # in the JSON: what the bytes are
                part["largest"].append([request["url"].split("?", 1)[0].split("/", 3)[-1], request["bytes"]])
        parts.setdefault("websocket", {"bytes": 0, "requests": 0, "cached": 0})["bytes"] += self.socket_bytes
        self.requests, self.socket_bytes = {}, 0
        return parts


INLINE_CSS = """() => [...document.querySelectorAll('style')]
  .filter(s => s.textContent.includes('verbinding: readable course pages'))
  .reduce((n, s) => n + new Blob([s.textContent]).size, 0)"""
CHART_MODULE = "drempels"  # its first screen holds a chart: the Vega bundle loads


async def first_screen_bytes(browser, server: Server, ready: str, chart_module: str | None) -> dict:
    """Transferred bytes of the first screen in a fresh context (uncached) and after a
    reload (cached); for the app also of then opening a module with a chart, which loads
    the Vega bundle, and of doing so again on a second visit (the bundle cached)."""
    result = {}
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    transfer = Transfer(cdp)
    url = f"{server.voila.base}/voila/render/index.ipynb" + ("?werkboek=bench-bytes-1" if chart_module else "")

    async def load(name: str, how) -> None:
        server.wait_pools()
        server.wait_settled()
        await how()
        server.served["index.ipynb"] = server.served.get("index.ipynb", 0) + 1
        await page.wait_for_selector(ready, state="visible")
        await page.wait_for_selector("#loading", state="hidden")
        await transfer.quiet(page)
        result[name] = transfer.take()

    async def chart(name: str) -> None:
        await switch_to(page, chart_module)
        await page.wait_for_selector(".verbinding-figure svg", timeout=60000)
        await transfer.quiet(page)
        result[name] = transfer.take()

    await load("uncached", lambda: page.goto(url, wait_until="load"))
    await load("reload", lambda: page.reload(wait_until="load"))
    if chart_module:
        result["inline course CSS"] = await page.evaluate(INLINE_CSS)
        await chart("chart, uncached")
        await load("second visit", lambda: page.goto(url, wait_until="load"))
        await chart("chart, cached")
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


HEAVY = ("pandas", "numpy", "altair", "vl_convert", "jsonschema", "docx", "openpyxl", "mistune", "yaml", "anywidget")
WALK_CODE = """
import sys
from pathlib import Path
from verbinding import session
from verbinding.ui import app
from verbinding.workbook import Workbook
app.warm_up_modules()
course = app.CourseApp(Workbook.open("bench-heavy-1"), session.CodeChoice("bench-heavy-1", True, None), None,
                       Path("course"))
for item in app.APP_MODULES:
    course.router.module = item.id
print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))
"""


def heavy_libraries() -> list[str]:
    """Which of HEAVY a kernel imports once every module of the app has been opened."""
    home = tempfile.mkdtemp(prefix="verbinding-bench-home-")
    result = subprocess.run([sys.executable, "-c", WALK_CODE, *HEAVY], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "VERBINDING_HOME": home})
    shutil.rmtree(home, ignore_errors=True)
    return result.stdout.split() if result.returncode == 0 else [f"failed: {result.stderr[-300:]}"]


async def measure(runs: int, learners: int, budgets_only: bool = False) -> dict:
    from playwright.async_api import async_playwright

    results: dict = {"runs": runs, "crowd": None if budgets_only else learners, "budgets_only": budgets_only}
    cpu_before = cpu_sample()
    slider = slider_folder()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, folder, ready in (("slider", slider, SLIDER_READY), ("app", ROOT / "course", APP_READY)):
            with Server(folder, preheat=True, name=f"{name} preheated", test_culling=False) as server:
                results[f"{name}_idle_mb"] = server.start["memory"]["total"]["rss"] / MB
                results[f"{name}_preheated_s"] = await time_to_interactive(browser, server, ready, runs)
                results[f"{name}_bytes"] = await first_screen_bytes(
                    browser, server, ready, CHART_MODULE if name == "app" else None)
                if name == "app":
                    results["walk"] = await module_walk(browser, server)
                else:
                    results["slider_kernel_mb"] = await slider_kernel(browser, server)
                if not budgets_only:
                    results[f"{name}_crowd"] = await crowd(browser, server, ready, learners)
            if not budgets_only:
                with Server(folder, preheat=False, name=f"{name} cold", test_culling=False) as server:
                    results[f"{name}_cold_s"] = await time_to_interactive(browser, server, ready, runs)
        await browser.close()
    shutil.rmtree(slider, ignore_errors=True)
    results["foreign_cpu_share"] = foreign_cpu(cpu_before, cpu_sample())
    results["imports"] = first_screen_imports()
    results["heavy_libraries"] = heavy_libraries()
    return results


def _ratio(app: float | None, base: float | None) -> str:
    return f"{app / base:.2f}×" if app and base else "-"


def _kb(n: float) -> str:
    return f"{n / 1024:.0f} kB"


def _bytes_table(r: dict) -> None:
    """The first screen's transferred bytes per part: app and slider, uncached and cached."""
    columns = [("app", "uncached"), ("app", "reload"), ("slider", "uncached"), ("slider", "reload"),
               ("app", "chart, uncached"), ("app", "chart, cached")]
    names = ["HTML", "course CSS file", "Vega bundle", "Voilà + ipywidgets JS", "Voilà/JupyterLab CSS", "rest",
             "websocket"]
    print("\nfirst screen, bytes transferred (1366×768; requests in brackets, 'c' = served from cache or 304)")
    print(f"{'':<24}" + "".join(f"{who + ' ' + when:>22}" for who, when in columns))
    for name in names:
        cells = []
        for who, when in columns:
            part = r[f"{who}_bytes"].get(when, {}).get(name)
            cells.append("-" if not part else f"{_kb(part['bytes'])} ({part['requests']}"
                         + (f", {part['cached']}c" if part["cached"] else "") + ")")
        print(f"{name:<24}" + "".join(f"{cell:>22}" for cell in cells))
    totals = [sum(p["bytes"] for k, p in r[f"{who}_bytes"].get(when, {}).items() if k != "websocket")
              for who, when in columns]
    print(f"{'HTTP total':<24}" + "".join(f"{_kb(total):>22}" for total in totals))
    print(f"(app HTML holds the course's inline CSS: {_kb(r['app_bytes']['inline course CSS'])} uncompressed; "
          f"'chart' = then opening module '{CHART_MODULE}', whose first screen draws a chart)")


def report(r: dict) -> None:
    def line(what, value, budget, ok):
        print(f"{what:<52} {value:<26} {budget:<22} {'ok' if ok else 'OVER'}")

    print(f"\n{'':<52} {'measured':<26} {'budget':<22}")
    for mode in ("cold", "preheated"):
        if f"app_{mode}_s" not in r:
            continue
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
    screen, slider = walk["kernel_rss_after_mb"]["first screen"], r["slider_kernel_mb"]
    line("kernel RSS after the first screen (app / slider)", f"{screen:.0f} MB / {slider:.0f} MB", "", True)
    line("every module open: kernel RSS", f"{walk['kernel_rss_mb']:.0f} MB (slider {slider:.0f} MB)", "≤ 150 MB",
         (walk["kernel_rss_mb"] or 0) <= 150)
    if r.get("app_crowd"):
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
    print("kernel RSS after each first visit (MB): " + ", ".join(
        f"{m} {mb:.0f}" for m, mb in walk["kernel_rss_after_mb"].items() if mb is not None))
    _bytes_table(r)
    print("\nheaviest imports before the first screen: " + ", ".join(f"{n} {s:.2f} s" for n, s in r["imports"]))
    print("heavy libraries in a kernel with every module open: " + (", ".join(r["heavy_libraries"]) or "none")
          + f" (of {', '.join(HEAVY)})")
    print(f"CPU used by other processes during the run: {r['foreign_cpu_share']:.0%} of the machine")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--crowd", type=int, default=20)
    parser.add_argument("--budgets-only", action="store_true",
                        help="only the issue-24 budgets: memory, module switch, bytes (no crowd, no cold servers)")
    args = parser.parse_args()
    results = asyncio.run(measure(args.runs, args.crowd, args.budgets_only))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    report(results)
    print(f"\nAll values: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
