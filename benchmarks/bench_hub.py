"""Hub benchmark: N learners log in to `verbinding hub` at the same moment and open the course.

Run (heavy: a hub and N Jupyter servers with a kernel each; Chromium at /usr/bin/chromium,
configurable-http-proxy from npm)::

    .venv/bin/python benchmarks/bench_hub.py [--learners 5 10 20]

For every N a fresh hub is started the way the hub test starts it (``verbinding hub`` on
free loopback ports, ``tests/hub/conftest.py``), then N browser contexts log in through the
login form at once (asyncio, one Chromium). Per learner:

- ``spawn s``: from pressing "Sign in" until the browser is on the learner's course URL
  (the hub started their server and redirected);
- ``page s``: from there until the course is interactive (the save bar visible, Voilà's
  ``#loading`` hidden), as the browser tests define it;
- failures: a login, spawn or page that did not finish within the time-outs, or showed an
  error;
- memory once every page is open: RSS of the learner's single-user server plus its
  kernels (``/proc``), the figure to size a server or a Kubernetes memory guarantee with;
- then one learner opens every module in their page (the course menu, as a learner
  clicks it): that learner's server + kernel with the whole course open (issue 13's budget:
  ≤ 450 MB), and how many kernels that one page holds (1).

Figures are medians and maxima over the learners; every value is in
``benchmarks/results/hub.json``.

``--klaslijst N [--gelijktijdig 1 2 4]`` measures the class list instead: a hub started with
N names, their servers started through the hub's API 1, 2 or 4 at a time; seconds until the
hub says "klaar voor N deelnemers", the CPU share other processes used meanwhile, idle memory
per learner, and one learner's login onto her running server (``hub_klaslijst.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_pages import cpu_sample, foreign_cpu, memory  # noqa: E402
from browser.conftest import CHROMIUM, CHROMIUM_ARGS, kernel_pids  # noqa: E402
from hub.conftest import running_hub, servers, wait_for_log  # noqa: E402

from benchmarks.bench_app import switch_to  # noqa: E402
from verbinding.course import MODULES  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "hub.json"
CLASS_LIST_RESULTS = ROOT / "benchmarks" / "results" / "hub_klaslijst.json"
SPAWN_TIMEOUT_MS = 600_000
PAGE_TIMEOUT_MS = 300_000
MB = 1024 * 1024


async def _learner(browser, class_hub, name: str, typed: str | None = None) -> dict:
    import re

    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = await context.new_page()
    result = {"name": name, "spawn_s": None, "page_s": None, "error": None}
    problems: list[str] = []  # what the browser saw go wrong, kept for a failure
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} {request.failure}"))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    try:
        await page.goto(f"{class_hub.base}/hub/login", wait_until="load", timeout=PAGE_TIMEOUT_MS)
        await page.fill("#username_input", typed or name)
        await page.fill("#password_input", class_hub.settings.class_password)
        started = time.monotonic()
        # A browser waits minutes for the hub's answer; Playwright's 30 s default would count a
        # busy hub as a failure.
        await page.click("#login_submit", timeout=SPAWN_TIMEOUT_MS)
        await page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/voila/render/"), timeout=SPAWN_TIMEOUT_MS)
        spawned = time.monotonic()
        result["spawn_s"] = round(spawned - started, 2)
        await page.wait_for_selector(".verbinding-savebar", state="visible", timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_selector("#loading", state="hidden", timeout=PAGE_TIMEOUT_MS)
        result["page_s"] = round(time.monotonic() - spawned, 2)
        body = await page.inner_text("body")
        if "Traceback" in body or "Er ging iets mis op deze pagina" in body:
            result["error"] = "error shown on the page"
    except Exception as error:  # a failure is a figure here, not a crash
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        result["stuck_at"] = page.url
        try:
            result["stuck_text"] = (await page.inner_text("body", timeout=5000))[:300]
        except Exception:  # the page may be gone
            pass
        result["browser_problems"] = problems[-20:]
    result["context"] = context
    return result


def _memory_per_learner(hub_pid: int) -> dict[str, dict]:
    figures = {}
    for name, pid in servers(hub_pid).items():
        server = memory(pid)["rss"] or 0
        kernels = [memory(kpid)["rss"] or 0 for kpid in kernel_pids(pid).values()]
        figures[name] = {"server_mb": round(server / MB), "kernels_mb": [round(k / MB) for k in kernels],
                         "total_mb": round((server + sum(kernels)) / MB)}
    return figures


async def _whole_course(class_hub, result: dict | None) -> dict:
    """One learner opens every module in their one page; their server + kernels after."""
    if result is None:
        return {"error": "no learner got the course"}
    page = result["context"].pages[0]
    try:
        for item in MODULES:
            await switch_to(page, item.id)
    except Exception as error:  # a failure is a figure here, not a crash
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"}
    figures = _memory_per_learner(class_hub.process.pid).get(result["name"], {})
    return {"learner": result["name"], "kernels": len(figures.get("kernels_mb", [])), **figures}


def _summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 1), "max": round(max(values), 1)} if values else {}


async def _run(n: int) -> dict:
    from playwright.async_api import async_playwright

    with running_hub() as class_hub:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            names = [class_hub.name(f"{i:02d}") for i in range(n)]
            started = time.monotonic()
            results = await asyncio.gather(*(_learner(browser, class_hub, name) for name in names))
            wall = time.monotonic() - started
            learners_memory = _memory_per_learner(class_hub.process.pid)
            whole_course = await _whole_course(class_hub, next((r for r in results if not r["error"]), None))
            for result in results:
                await result.pop("context").close()
            await browser.close()
    totals = [m["total_mb"] for m in learners_memory.values()]
    return {
        "learners": n,
        "users_mode": class_hub.settings.users,
        "wall_s": round(wall, 1),
        "failures": [r for r in results if r["error"]],
        "spawn_s": _summary([r["spawn_s"] for r in results if r["spawn_s"] is not None]),
        "page_s": _summary([r["page_s"] for r in results if r["page_s"] is not None]),
        "memory_mb": {"per_learner": _summary(totals),
                      "server": _summary([m["server_mb"] for m in learners_memory.values()]),
                      "all_learners": sum(totals)},
        "whole_course": whole_course,
        "each": results,
        "memory_each": learners_memory,
    }


async def _class_list_run(n: int, concurrent: int) -> dict:
    """``verbinding hub --klaslijst`` with ``n`` names, ``concurrent`` servers started at a
    time: seconds until the hub says it is ready, each server's start, the CPU others used,
    idle memory per learner, then one learner's login and page on her running server."""
    import re

    from playwright.async_api import async_playwright

    from verbinding.hub import klas

    tag = os.urandom(3).hex()
    names = [f"Vbt Bench {tag} {i:02d}" for i in range(n)]
    before = cpu_sample()
    with running_hub(class_list=names, environ={klas.CONCURRENT_ENV: str(concurrent)}) as class_hub:
        log = wait_for_log(class_hub, f"klaar voor {n} deelnemers", seconds=SPAWN_TIMEOUT_MS / 1000)
        after = cpu_sample()
        ready_s = float(re.search(r"klaar voor \d+ deelnemers: hun cursus draait al \((\d+) s\)", log).group(1))
        each = [float(v) for v in re.findall(r"Server van \S+ klaar \(\d+ van \d+, (\d+) s\)", log)]
        idle = [m["total_mb"] for m in _memory_per_learner(class_hub.process.pid).values()]
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            first = await _learner(browser, class_hub, names[0].lower().replace(" ", "-"), names[0])
            await first.pop("context").close()
            await browser.close()
    return {"learners": n, "concurrent": concurrent, "ready_s": ready_s, "server_s": _summary(each),
            "others_cpu_share": round(foreign_cpu(before, after), 2), "idle_mb_per_learner": _summary(idle),
            "arrival": first}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--klaslijst", type=int, default=0, metavar="N",
                        help="measure a class list of N names started before the lesson instead")
    parser.add_argument("--gelijktijdig", type=int, nargs="+", default=[1, 2, 4],
                        help="with --klaslijst: servers started at a time")
    args = parser.parse_args()
    if args.klaslijst:
        runs = []
        for concurrent in args.gelijktijdig:
            run = asyncio.run(_class_list_run(args.klaslijst, concurrent))
            runs.append(run)
            print(f"{args.klaslijst} on the class list, {concurrent} at a time: ready in {run['ready_s']:.0f} s "
                  f"(one server median {run['server_s'].get('median')} s, max {run['server_s'].get('max')}), "
                  f"others used {run['others_cpu_share']:.0%} of the CPU; idle per learner "
                  f"{run['idle_mb_per_learner'].get('median')} MB; then a login: on her server in "
                  f"{run['arrival']['spawn_s']} s, course interactive {run['arrival']['page_s']} s later"
                  + (f" ({run['arrival']['error']})" if run["arrival"]["error"] else ""), flush=True)
        CLASS_LIST_RESULTS.parent.mkdir(parents=True, exist_ok=True)
        CLASS_LIST_RESULTS.write_text(json.dumps({"cpus": os.cpu_count(), "runs": runs}, indent=2), encoding="utf-8")
        print(f"Details: {CLASS_LIST_RESULTS.relative_to(ROOT)}")
        return 0
    runs = []
    for n in args.learners:
        run = asyncio.run(_run(n))
        runs.append(run)
        print(f"{n:>3} learners: spawn median {run['spawn_s'].get('median')} s (max {run['spawn_s'].get('max')}), "
              f"page median {run['page_s'].get('median')} s (max {run['page_s'].get('max')}), "
              f"failures {len(run['failures'])}, memory per learner median {run['memory_mb']['per_learner'].get('median')} MB "
              f"(max {run['memory_mb']['per_learner'].get('max')}; server alone {run['memory_mb']['server'].get('median')}), "
              f"all learners {run['memory_mb']['all_learners']} MB; one learner with every module open: "
              f"{run['whole_course'].get('total_mb', run['whole_course'].get('error'))} MB "
              f"(server {run['whole_course'].get('server_mb')} MB, kernels {run['whole_course'].get('kernels_mb')})",
              flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"cpus": os.cpu_count(), "runs": runs}, indent=2), encoding="utf-8")
    print(f"Details: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
