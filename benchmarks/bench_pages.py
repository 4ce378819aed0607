"""Page benchmark: time to interactive, websocket bytes and kernel memory of every course page.

Run (takes several minutes on 2 cores; Chromium at /usr/bin/chromium, no downloads)::

    .venv/bin/python benchmarks/bench_pages.py [--runs N] [--retries N] [--notebooks index.ipynb 'trainer/*']

Voilà is started as ``tests/browser/conftest.py`` starts it (``python -m voila <folder>
--no-browser --port=N --Voila.ip=127.0.0.1`` plus the tests' culling flags, cwd = repository
root so the root ``voila.json`` applies, ``VERBINDING_HOME`` a temporary folder). Four servers
run one after another, never at the same time:

- ``course``, preheated: ``course/`` with ``voila.json`` as it is (``preheat_kernel``, a pool
  of one kernel for ``index.ipynb``, the course app, only: every other notebook is
  denylisted and so loads cold, as trainers open them in JupyterLab or by direct link);
- ``course``, cold: the same with ``--VoilaConfiguration.preheat_kernel=False``, so every
  page load starts its own kernel (what a learner gets when the pool is empty, and what
  ``trainer/`` pages always get);
- ``empty``, preheated and cold: a temporary folder with one notebook without cells
  (the baseline: Voilà, the template and a bare kernel, no course code).

Each page load uses a fresh browser context (empty cache) and its own learner code.
Before every load the benchmark waits until every used pool is filled again (the Voilà log
says "Kernel pool of ... is filled") and Voilà with its kernels is idle: that log line comes
as soon as a pool kernel has started, while it still executes the notebook, so without the
wait a "preheated" load would compete with (or wait for) pool kernels still running. A pooled
page still shares the CPU with the refill Voilà starts one second after the request, as it
would for a learner.

A load during which processes outside this benchmark used more than 15% of the machine's
CPU (another person's browser tests, say) is repeated, up to ``--retries`` times (default 2).

Figures (medians over the ``--runs`` loads of a page, leaving out loads still disturbed after
the retries unless all were; every single value is in the JSON):

- ``cold s`` / ``preheated s``: seconds from ``page.goto`` until the page is interactive,
  as the browser tests define it: the ``load`` event, ``.verbinding-header`` visible and
  Voilà's ``#loading`` hidden (for the empty notebook: ``body`` rendered, ``#loading``
  hidden). Only ``index.ipynb`` has a pool, so the "preheated" load of any other page is a
  cold one.
- ``ws load kB``: websocket bytes received / sent from the start of the load until the
  websocket has been quiet for a second after the page became interactive.
- ``interaction``: one simple learner action per page (see ``INTERACTIONS``) and the
  websocket bytes received / sent for it, until the websocket is quiet again.
- ``kernel MB``: resident memory (RSS) of kernel processes, found as children of the
  Voilà server process (psutil if installed, else ``/proc``): ``pool`` is the idle
  preheated kernel just before a page takes it (it has run the notebook up to where the
  course waits for the page's request: imports, warm-up, default case);
  ``page`` the kernel serving the opened page after the interaction (preheated server);
  ``cold`` the same on the cold server.
- Server start: seconds until Voilà answers HTTP, until the log says all pools are filled,
  and until the pool kernels have run their notebooks that far (server and kernels idle); RSS of
  the server process itself and total RSS (and PSS, which counts shared pages once) of the
  server with all pool kernels, taken at that last moment.
- Outside requests: every request from a page to anything but the local Voilà server
  (must be none).

Results: a table on stdout and ``benchmarks/results/pages.json``, with each server's Voilà
log and a screenshot of any page that failed. Timings are noisy when other processes
(browser tests, builds) run: the CPU share used by processes outside this benchmark during
each load, and any other Voilà or Chromium seen, are recorded and a warning is printed.
"""

from __future__ import annotations

import argparse
import fnmatch
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    CULL_IDLE_SECONDS,
    CULL_INTERVAL_SECONDS,
    PAGE_TIMEOUT_MS,
    OpenedPage,
    VoilaServer,
    _wait_http,
    free_port,
    kernel_pids,
)
from verbinding.texts import t  # noqa: E402

try:
    import psutil
except ImportError:  # /proc fallback below
    psutil = None

COURSE = ROOT / "course"
RESULTS = ROOT / "benchmarks" / "results" / "pages.json"
READY = ".verbinding-header"
EMPTY_NOTEBOOK = "empty.ipynb"
POOL_FILLED = re.compile(r"Kernel pool of (\S+) is filled")
QUIET_SECONDS = 1.0
DISTURBED_CPU = 0.15  # share of the machine used by others during a load that makes timings suspect
MB = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# One simple learner action per page: (kind, label of the control).
INTERACTIONS = {
    "index.ipynb": ("select", t("intro.index.case_label")),
    "00_kennismaken.ipynb": ("fill", t("intro.labels.dossier")),
    "01_drempels.ipynb": ("select", t("barriers.exercise.choice_label", number=1)),
    "03_connection.ipynb": ("number", t("connection.ui.guess_type_label")),
    "05_eigen_dossier.ipynb": ("fill", t("dossier.page.answer_for", number=1)),
    "06_echte_agendas.ipynb": ("select", t("agendas.ui.ministry")),
}


# ----------------------------------------------------------------------------- processes

def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # field 4, after "pid (comm) state"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process plus its exited, reaped children (utime stime cutime cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / CLOCK_TICKS


def _tree(root: int) -> list[int]:
    """The process and all its living descendants."""
    parents = {pid: _ppid(pid) for pid in _pids()}
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        found.extend(frontier)
    return found


def cpu_sample() -> tuple[float, float, float]:
    """(wall, busy CPU seconds of the machine, CPU seconds of this benchmark's process tree)."""
    jiffies = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]  # the "cpu" line
    busy = sum(int(v) for i, v in enumerate(jiffies) if i not in (3, 4))  # all but idle, iowait
    return time.monotonic(), busy / CLOCK_TICKS, sum(_cpu_seconds(pid) for pid in _tree(os.getpid()))


def foreign_cpu(before: tuple[float, float, float], after: tuple[float, float, float]) -> float:
    """Share of the machine's CPUs used by processes outside this benchmark between two samples."""
    wall = after[0] - before[0]
    foreign = (after[1] - before[1]) - (after[2] - before[2])
    return max(foreign, 0.0) / (wall * (os.cpu_count() or 1)) if wall > 0 else 0.0


def memory(pid: int) -> dict[str, int | None]:
    """RSS and PSS in bytes (None when the process is gone or PSS cannot be read)."""
    try:
        if psutil is not None:
            info = psutil.Process(pid).memory_full_info()
            return {"rss": info.rss, "pss": getattr(info, "pss", None)}
        status = Path(f"/proc/{pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss = int(re.search(r"Pss:\s+(\d+) kB", rollup).group(1)) * 1024
        except (OSError, AttributeError):
            pss = None
        return {"rss": rss, "pss": pss}
    except Exception:  # the process ended between listing and reading
        return {"rss": None, "pss": None}


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid and pid > 1:
        if pid == ancestor:
            return True
        pid = _ppid(pid) or 0
    return False


def other_processes() -> list[str]:
    """Voilà servers and Chromium browsers on this machine that this benchmark did not start."""
    others = []
    for pid in _pids():
        line = _cmdline(pid)
        first = line.split(" ", 1)[0]
        browser = "chromium" in first and "--type=" not in line and "crashpad" not in first
        busy = re.search(r"-m voila\b|/voila\b", line) or browser
        if busy and not _descends_from(pid, os.getpid()):
            others.append(f"{pid}: {line[:100]}")
    return others


# ----------------------------------------------------------------------------- servers

class Server:
    """A Voilà server started as the browser tests start it, with its log and pools."""

    def __init__(self, folder: Path, preheat: bool, name: str, test_culling: bool = True):
        self.folder = folder
        self.preheat = preheat
        self.name = name
        # The tests' 8-second culling frees kernels between loads; with many pages opening at
        # once it also culls pages still loading, so a crowd is measured with voila.json's.
        self.test_culling = test_culling
        self.served: dict[str, int] = {}  # notebook -> loads taken from its pool

    def __enter__(self) -> Server:
        port = free_port()
        home = Path(tempfile.mkdtemp(prefix="verbinding-bench-home-"))
        log = home / "voila.log"
        command = [
            sys.executable, "-m", "voila", str(self.folder), "--no-browser",
            f"--port={port}", "--Voila.ip=127.0.0.1",
        ]
        if self.test_culling:
            command += [f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
                        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}"]
        if not self.preheat:
            command.append("--VoilaConfiguration.preheat_kernel=False")
        env = dict(os.environ, VERBINDING_HOME=str(home))
        start = time.perf_counter()
        with open(log, "wb") as handle:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        self.voila = VoilaServer(port, home, process, log)
        # the tree page answers without rendering a notebook (which would take a pool kernel)
        _wait_http(f"{self.voila.base}/voila/tree", process, seconds=120)
        self.start = {"answers_s": time.perf_counter() - start}
        self.pools = self._pooled_notebooks() if self.preheat else set()
        if self.preheat:
            self.wait_pools()
            self.start["pools_filled_s"] = time.perf_counter() - start
        self.wait_settled()
        if self.preheat:
            self.start["pools_idle_s"] = time.perf_counter() - start
        self.start["memory"] = self.memory_snapshot()
        return self

    def __exit__(self, *exc) -> None:
        process = self.voila.process
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.voila.log, RESULTS.parent / f"voila-{self.name.replace(' ', '-')}.log")
        shutil.rmtree(self.voila.home, ignore_errors=True)

    @property
    def pid(self) -> int:
        return self.voila.process.pid

    def _pooled_notebooks(self) -> set[str]:
        """Notebooks Voilà preheats: all but those matching voila.json's preheat_denylist."""
        config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
        denylist = config.get("VoilaKernelManager", {}).get("preheat_denylist", [])
        names = [str(p.relative_to(self.folder)) for p in self.folder.rglob("*.ipynb")]
        return {n for n in names if not any(d in n or re.match(d, n) for d in denylist)}

    def filled(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for name in POOL_FILLED.findall(self.voila.log.read_text(errors="replace")):
            counts[name] = counts.get(name, 0) + 1
        return counts

    def wait_pools(self, seconds: float = 300) -> None:
        """Wait until every pool holds a kernel again (one fill at start + one per load taken)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.voila.process.poll() is not None:
                raise RuntimeError(f"Voilà stopped; see {self.voila.log}")
            counts = self.filled()
            if all(counts.get(nb, 0) >= 1 + self.served.get(nb, 0) for nb in self.pools):
                return
            time.sleep(0.2)
        raise TimeoutError("kernel pools were not filled in time")

    def wait_settled(self, quiet: float = 1.0, threshold: float = 0.05, seconds: float = 300) -> None:
        """Wait until Voilà and its kernels use almost no CPU (pool kernels have run their notebook).

        "Kernel pool ... is filled" is logged once the kernel has started, while it still
        executes the notebook; only then is a pooled page really preheated.
        """
        deadline = time.monotonic() + seconds
        previous = sum(_cpu_seconds(pid) for pid in _tree(self.pid))
        while time.monotonic() < deadline:
            time.sleep(quiet)
            used = sum(_cpu_seconds(pid) for pid in _tree(self.pid))
            if used - previous < threshold * quiet:
                return
            previous = used

    def memory_snapshot(self) -> dict:
        kernels = {kid: memory(pid) for kid, pid in kernel_pids(self.pid).items()}
        server = memory(self.pid)
        parts = [server, *kernels.values()]
        total = {key: sum(p[key] or 0 for p in parts) for key in ("rss", "pss")}
        return {"server": server, "kernels": kernels, "total": total}


# ----------------------------------------------------------------------------- pages

class Traffic:
    """Websocket bytes of one page, counted per frame in both directions."""

    def __init__(self, page):
        self.page = page
        self.sent = self.received = 0
        self.sockets = 0
        self.last_frame = time.monotonic()
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        self.sockets += 1
        ws.on("framesent", lambda payload: self._count("sent", payload))
        ws.on("framereceived", lambda payload: self._count("received", payload))

    def _count(self, direction: str, payload) -> None:
        size = len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)
        setattr(self, direction, getattr(self, direction) + size)
        self.last_frame = time.monotonic()

    def reset(self) -> None:
        self.sent = self.received = 0

    def wait_quiet(self, quiet: float = QUIET_SECONDS, seconds: float = 20) -> dict[str, int]:
        """Wait (letting Playwright deliver events) until a websocket is open and no frame
        came for ``quiet`` seconds, counted from now at the earliest."""
        self.last_frame = max(self.last_frame, time.monotonic())
        deadline = time.monotonic() + seconds
        while (not self.sockets or time.monotonic() - self.last_frame < quiet) and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        return {"received": self.received, "sent": self.sent}


def interact(page, notebook: str) -> str | None:
    """Do the page's one learner action; returns its description (None: no action defined)."""
    if notebook not in INTERACTIONS:
        return None
    kind, label = INTERACTIONS[notebook]
    if kind == "select":
        select = page.get_by_label(label, exact=True).first
        current = select.input_value()
        values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
        select.select_option(value=next(v for v in values if v != current))
    elif kind == "fill":
        field = page.get_by_label(label, exact=True).first
        field.fill("Benchmark 2024")
        field.press("Tab")  # continuous_update=False: the value is sent on blur
    elif kind == "number":
        field = page.get_by_label(label, exact=True).first
        field.fill("37")
        field.press("Tab")
    return f"{kind} '{label}'"


def load_page(browser, server: Server, notebook: str, code: str | None, ready: str) -> dict:
    """Open one page in a fresh context; time, bytes, interaction and kernel memory."""
    if server.preheat:
        server.wait_pools()
    server.wait_settled()
    pooled = notebook in server.pools
    before = {kid: memory(pid) for kid, pid in kernel_pids(server.pid).items()}
    result = {"seconds": None, "pooled": pooled, "error": None, "interaction": None, "interaction_bytes": None}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = OpenedPage(context.new_page(), server.voila)
    traffic = Traffic(opened.page)
    if pooled:  # the request takes the pool's kernel; Voilà then refills the pool
        server.served[notebook] = server.served.get(notebook, 0) + 1
    try:
        cpu_before = cpu_sample()
        start = time.perf_counter()
        opened.goto(notebook, code, ready)
        result["seconds"] = time.perf_counter() - start
        result["foreign_cpu"] = foreign_cpu(cpu_before, cpu_sample())
        result["load_bytes"] = traffic.wait_quiet()
        traffic.reset()
        result["interaction"] = interact(opened.page, notebook)
        if result["interaction"]:
            result["interaction_bytes"] = traffic.wait_quiet()
        kernel_id = json.loads(opened.page.locator("#jupyter-config-data").inner_text())["kernelId"]
        pid = kernel_pids(server.pid).get(kernel_id)
        result["kernel_rss_pool"] = (before.get(kernel_id) or {}).get("rss")
        result["kernel_rss_page"] = memory(pid)["rss"] if pid else None
    except Exception as error:  # a failed page is reported with a screenshot, the run goes on
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        shot = RESULTS.parent / f"failed-{server.name.replace(' ', '-')}-{notebook.replace('/', '_')}-{code}.png"
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        opened.page.screenshot(path=str(shot), full_page=True)
        result["screenshot"] = str(shot.relative_to(ROOT))
    finally:
        result["outside_requests"] = opened.outside_requests()
        context.close()
    return result


# ----------------------------------------------------------------------------- run

def course_notebooks(patterns: list[str] | None) -> list[str]:
    names = sorted(str(p.relative_to(COURSE)) for p in COURSE.rglob("*.ipynb") if ".ipynb_checkpoints" not in str(p))
    if patterns:
        names = [n for n in names if any(fnmatch.fnmatch(n, p) or fnmatch.fnmatch(n, p + ".ipynb") for p in patterns)]
    return names


def make_empty_folder() -> Path:
    """A temporary folder with one notebook without cells, same kernel as the course."""
    folder = Path(tempfile.mkdtemp(prefix="verbinding-bench-empty-"))
    metadata = json.loads((COURSE / "index.ipynb").read_text(encoding="utf-8"))["metadata"]
    notebook = {"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    (folder / EMPTY_NOTEBOOK).write_text(json.dumps(notebook), encoding="utf-8")
    return folder


def measure_server(browser, name: str, folder: Path, preheat: bool, notebooks: list[str], runs: int,
                   retries: int, ready: str, code_prefix: str | None) -> tuple[dict, dict]:
    """Start one server, load each notebook ``runs`` times (interleaved), stop it.

    A load during which other processes used more than DISTURBED_CPU of the machine is
    repeated up to ``retries`` times; the last attempt counts, the others are kept aside.
    """
    print(f"starting Voilà ({name}) ...", flush=True)
    with Server(folder, preheat, name) as server:
        start = server.start
        print(f"  answers after {start['answers_s']:.1f} s" + (
            f", pools filled after {start['pools_filled_s']:.1f} s, pool kernels idle after {start['pools_idle_s']:.1f} s"
            if preheat else ""), flush=True)
        loads: dict[str, list[dict]] = {nb: [] for nb in notebooks}
        for run in range(runs):
            for index, nb in enumerate(notebooks):
                disturbed = []
                for attempt in range(retries + 1):
                    code = f"{code_prefix}-{run}{index:02d}{attempt}" if code_prefix else None
                    result = load_page(browser, server, nb, code, ready)
                    status = result["error"] or f"{result['seconds']:.2f} s"
                    print(f"  run {run + 1}/{runs} {nb}: {status}, others used "
                          f"{result.get('foreign_cpu', 0):.0%} CPU", flush=True)
                    if result.get("foreign_cpu", 0) <= DISTURBED_CPU or attempt == retries:
                        break
                    disturbed.append(result)
                result["disturbed_attempts"] = disturbed
                loads[nb].append(result)
    return start, loads


def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(cold: list[dict], warm: list[dict]) -> dict:
    """Medians per page, over the loads not disturbed by other processes (all if none is)."""
    def pick(loads, key, sub=None):
        loads = [r for r in loads if r.get("foreign_cpu", 0) <= DISTURBED_CPU] or loads
        return median((r.get(key) or {}).get(sub) if sub else r.get(key) for r in loads)

    return {
        "cold_s": pick(cold, "seconds"),
        "preheated_s": pick(warm, "seconds"),
        "pooled": bool(warm and warm[0]["pooled"]),
        "load_received": pick(warm, "load_bytes", "received"),
        "load_sent": pick(warm, "load_bytes", "sent"),
        "interaction": next((r["interaction"] for r in warm if r["interaction"]), None),
        "errors": [r["error"] for r in cold + warm if r["error"]],
        "interaction_received": pick(warm, "interaction_bytes", "received"),
        "interaction_sent": pick(warm, "interaction_bytes", "sent"),
        "kernel_rss_pool": pick(warm, "kernel_rss_pool"),
        "kernel_rss_page": pick(warm, "kernel_rss_page"),
        "kernel_rss_cold": pick(cold, "kernel_rss_page"),
    }


def _fmt(value, scale=1.0, digits=1) -> str:
    return "-" if value is None else f"{value / scale:.{digits}f}"


def print_table(summary: dict[str, dict], starts: dict[str, dict]) -> None:
    header = (f"{'page':30s} {'cold s':>7s} {'preh. s':>7s} {'ws load kB':>13s} "
              f"{'interaction kB':>15s} {'kernel MB pool/page/cold':>25s}")
    print("\n" + header + "\n" + "-" * len(header))
    for nb, s in summary.items():
        warm = _fmt(s["preheated_s"], digits=2) + ("" if s["pooled"] else "*")
        load = f"{_fmt(s['load_received'], 1024)}/{_fmt(s['load_sent'], 1024)}"
        action = f"{_fmt(s['interaction_received'], 1024)}/{_fmt(s['interaction_sent'], 1024)}" if s["interaction"] else "-"
        mem = "/".join(_fmt(s[k], MB, 0) for k in ("kernel_rss_pool", "kernel_rss_page", "kernel_rss_cold"))
        print(f"{nb:30s} {_fmt(s['cold_s'], digits=2):>7s} {warm:>7s} {load:>13s} {action:>15s} {mem:>25s}")
    print("* no kernel pool for this page (preheat_denylist): the load is a cold one.")
    print("ws and interaction kB: received/sent. Interactions: "
          + "; ".join(f"{nb}: {s['interaction']}" for nb, s in summary.items() if s["interaction"]))
    for name, start in starts.items():
        mem = start["memory"]
        kernels = [k["rss"] or 0 for k in mem["kernels"].values()]
        filled = (f", pools filled (log) after {start['pools_filled_s']:.1f} s, pool kernels idle "
                  f"after {start['pools_idle_s']:.1f} s" if "pools_filled_s" in start else "")
        pools = f", {len(kernels)} pool kernel(s) {' '.join(_fmt(k, MB, 0) for k in sorted(kernels))} MB" if kernels else ""
        print(f"server {name}: answers after {start['answers_s']:.1f} s{filled}; server RSS "
              f"{_fmt(mem['server']['rss'], MB, 0)} MB{pools}; total RSS "
              f"{_fmt(mem['total']['rss'], MB, 0)} MB (PSS {_fmt(mem['total']['pss'], MB, 0)} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="loads per page and server (median reported)")
    parser.add_argument("--retries", type=int, default=2,
                        help="repeat a load disturbed by other processes up to this many times")
    parser.add_argument("--notebooks", nargs="+", metavar="PATTERN",
                        help="course notebooks to measure, e.g. index.ipynb 'trainer/*' (default: all)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium")
    notebooks = course_notebooks(args.notebooks)
    if not notebooks:
        sys.exit("no course notebook matches --notebooks")

    from playwright.sync_api import sync_playwright

    empty_folder = make_empty_folder()
    started = time.time()
    disturbed = set(other_processes())
    loads: dict[str, dict[str, list[dict]]] = {}
    starts: dict[str, dict] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            plan = [
                ("empty preheated", empty_folder, True, [EMPTY_NOTEBOOK], "body", None),
                ("empty cold", empty_folder, False, [EMPTY_NOTEBOOK], "body", None),
                ("course preheated", COURSE, True, notebooks, READY, "bench"),
                ("course cold", COURSE, False, notebooks, READY, "bench"),
            ]
            for name, folder, preheat, nbs, ready, code in plan:
                starts[name], loads[name] = measure_server(browser, name, folder, preheat, nbs, args.runs, args.retries, ready, code)
                disturbed.update(other_processes())
            browser.close()
    finally:
        shutil.rmtree(empty_folder, ignore_errors=True)

    summary = {"(empty notebook)": summarise(loads["empty cold"][EMPTY_NOTEBOOK], loads["empty preheated"][EMPTY_NOTEBOOK])}
    for nb in notebooks:
        summary[nb] = summarise(loads["course cold"][nb], loads["course preheated"][nb])
    outside = sorted({url for server in loads.values() for runs in server.values() for r in runs for url in r["outside_requests"]})
    final = [r for server in loads.values() for runs in server.values() for r in runs]
    foreign = [r.get("foreign_cpu", 0.0) for r in final]
    repeated = sum(len(r["disturbed_attempts"]) for r in final)
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "duration_s": time.time() - started,
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "foreign_cpu_during_loads": {"median": median(foreign), "max": max(foreign), "repeated_loads": repeated},
        "other_voila_or_chromium_processes": sorted(disturbed),
        "outside_requests": outside,
        "servers": starts,
        "summary": summary,
        "loads": loads,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2), encoding="utf-8")

    print_table(summary, starts)
    print(f"requests leaving 127.0.0.1: {len(outside)}" + (f" {outside[:5]}" if outside else ""))
    for nb, s in summary.items():
        for error in s["errors"]:
            print(f"FAILED {nb}: {error}")
    print(f"CPU used by other processes during the counted page loads: median {median(foreign):.0%}, "
          f"max {max(foreign):.0%} of {os.cpu_count()} CPUs; {repeated} disturbed load(s) repeated")
    if disturbed or max(foreign) > DISTURBED_CPU:
        print("WARNING: other work ran meanwhile; timings may be disturbed (see foreign_cpu per load in the JSON).")
        for line in sorted(disturbed)[:10]:
            print("  " + line)
    print(f"JSON: {RESULTS.relative_to(ROOT)} ({report['duration_s'] / 60:.1f} min)")


if __name__ == "__main__":
    main()
