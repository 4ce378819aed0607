"""What a keystroke costs: messages to the kernel and kernel CPU while a learner types.

Run (about a minute on 2 cores; Chromium at /usr/bin/chromium, no downloads)::

    .venv/bin/python benchmarks/bench_typing.py [--chars 120] [--delay-ms 60]

One standalone Voilà server on the course, as the browser tests start it. In module 0 the
learner types ``--chars`` characters into a text area at one key per ``--delay-ms``, in
three ways, each on a fresh page and code:

- ``blur``: as before issue 23: the keeper's typing listener is switched off in the page,
  the value goes to the kernel when the field loses focus (Tab at the end);
- ``keeper``: as now: the keeper keeps each edit in the browser and sends the value
  0.7 s after the last keystroke (here: one pause in the middle and one at the end);
- ``every-key``: for scale, what ``continuous_update=True`` does: the value on every key.

Per way: websocket frames and bytes the page sent, kernel CPU seconds, both also per
keystroke, and (``keeper``) the time from the last key until the text is in the saved file.
Figures on stdout and in ``benchmarks/results/typing.json``; noisy on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    CULL_INTERVAL_SECONDS,
    PAGE_TIMEOUT_MS,
    _serving,
    free_port,
    kernel_pids,
)
from verbinding.workbook import Workbook  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "typing.json"
FIELD = "Korte omschrijving"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Runs before the page's own scripts: switches the keeper's typing listener off (blur,
# every-key) and, for every-key, sends the value on every key as continuous_update does.
MODE_SCRIPT = """
(() => {
  const mode = %s;
  if (mode === "keeper") return;
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this === document && type === "input" && options === true) return;  // the keeper's
    return original.call(this, type, listener, options);
  };
  if (mode === "every-key") {
    original.call(document, "input", (event) => {
      event.target.dispatchEvent(new Event("change", { bubbles: true }));
    }, false);
  }
})();
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def measure(browser, server, mode: str, chars: int, delay_ms: int) -> dict:
    code = f"bench-{mode}-{int(time.time()) % 10**6}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MODE_SCRIPT % json.dumps(mode))
    page = context.new_page()
    frames = {"count": 0, "bytes": 0}

    def count(payload) -> None:
        frames["count"] += 1
        frames["bytes"] += len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)

    page.on("websocket", lambda ws: ws.on("framesent", count))
    page.goto(f"{server.url('index.ipynb', code)}&module=kennismaken", wait_until="load", timeout=PAGE_TIMEOUT_MS)
    field = page.get_by_label(FIELD, exact=True)
    field.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector("#loading", state="hidden", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(3000)  # the page settles (charts, warm-up)
    kernel = kernel_pids(server.process.pid)[json.loads(page.locator("#jupyter-config-data").inner_text())["kernelId"]]
    field.click()
    page.wait_for_timeout(500)
    frames.update(count=0, bytes=0)
    cpu_before = cpu_seconds(kernel)
    words = ("woord " * chars)[:chars]
    half = chars // 2
    page.keyboard.type(words[:half], delay=delay_ms)
    page.wait_for_timeout(1500)  # a pause, as when the learner thinks
    page.keyboard.type(words[half:], delay=delay_ms)
    last_key = time.monotonic()
    if mode == "blur":
        page.keyboard.press("Tab")
    latency = None
    while time.monotonic() - last_key < 15:
        if Workbook.open(code, server.home).module("kennismaken").get("description", "").strip() == words.strip():
            latency = time.monotonic() - last_key
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(1500)
    cpu = cpu_seconds(kernel) - cpu_before
    context.close()
    return {
        "mode": mode, "keys": chars, "frames_sent": frames["count"], "bytes_sent": frames["bytes"],
        "frames_per_key": round(frames["count"] / chars, 3), "bytes_per_key": round(frames["bytes"] / chars, 1),
        "kernel_cpu_s": round(cpu, 3), "kernel_cpu_ms_per_key": round(1000 * cpu / chars, 2),
        "saved_after_last_key_s": None if latency is None else round(latency, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=120)
    parser.add_argument("--delay-ms", type=int, default=60)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    command = [sys.executable, "-m", "voila", str(ROOT / "course"), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--MappingKernelManager.cull_idle_timeout=60",
               f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}"]
    rows = []
    with _serving(command, "verbinding-bench-typing-", "/voila/tree", port=port) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for mode in ("blur", "keeper", "every-key"):
            rows.append(measure(browser, server, mode, args.chars, args.delay_ms))
        browser.close()
    header = f"{'way':<10} {'frames':>6} {'/key':>6} {'bytes/key':>9} {'CPU s':>6} {'CPU ms/key':>10} {'saved after':>11}"
    print(header)
    for row in rows:
        saved = "-" if row["saved_after_last_key_s"] is None else f"{row['saved_after_last_key_s']} s"
        print(f"{row['mode']:<10} {row['frames_sent']:>6} {row['frames_per_key']:>6} {row['bytes_per_key']:>9} "
              f"{row['kernel_cpu_s']:>6} {row['kernel_cpu_ms_per_key']:>10} {saved:>11}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"chars": args.chars, "delay_ms": args.delay_ms, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
