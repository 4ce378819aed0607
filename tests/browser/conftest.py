"""Browser tests: Voilà on a free localhost port, driven by Playwright in Debian's Chromium.

Every page records its requests; a request to anything but the Voilà server fails the
test (the course must work offline). Chromium is never downloaded: without
/usr/bin/chromium the tests skip, except in CI (``CI=true``) where they fail.

Accessibility: ``OpenedPage.check_accessibility(step)`` runs axe-core 4 on the page as it is
now and fails on serious or critical violations (WCAG 2.1 AA). axe comes from the npm
registry through ``npm install`` into ``.cache/axe-core`` once (never from a CDN), and is
injected into the page from that file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("VERBINDING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# Voilà must be interactive within this many seconds on a 2-core machine.
PAGE_TIMEOUT_MS = int(os.environ.get("VERBINDING_PAGE_TIMEOUT_MS", "60000"))
CULL_IDLE_SECONDS = 8
# In a Jupyter server a page's kernel sits idle without a connection between Voilà running
# the notebook and the browser connecting to it; on a busy machine that took longer than
# 8 seconds here and the culler stopped the kernel of a page still loading.
SERVER_CULL_IDLE_SECONDS = 30
CULL_INTERVAL_SECONDS = 2


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows the end of its server's log: CI keeps nothing else of it."""
    report = yield
    if report.failed and report.when == "call":
        for name in ("voila_server", "jupyter_server"):
            server = item.funcargs.get(name)
            if isinstance(server, VoilaServer):
                kernels = len(server.kernel_ids())
                report.sections.append((f"{name}: {kernels} kernels now, end of its log", server.log_tail()))
    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            # Each request to a notebook starts a kernel: a short timeout on a busy machine
            # gives up and asks again, starting kernel after kernel (seen here at load 30+).
            with urllib.request.urlopen(url, timeout=120) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the server did not answer on {url}")


KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")


def child_processes(parent_pid: int) -> dict[int, str]:
    """Pid -> command line of the processes whose parent is ``parent_pid`` (from /proc)."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent_pid:  # field 4: the parent pid
            found[int(proc.name)] = cmdline
    return found


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid`` (children, their children, ...)."""
    found, todo = {}, [pid]
    while todo:
        children = child_processes(todo.pop())
        found.update(children)
        todo.extend(children)
    return found


def kernel_pids(server_pid: int) -> dict[str, int]:
    """Kernel id -> pid of the kernels a Voilà server started: its child processes whose
    command line names a connection file ``kernel-<id>.json``."""
    found = {}
    for pid, cmdline in child_processes(server_pid).items():
        match = KERNEL_FILE.search(cmdline)
        if match:
            found[match.group(1)] = pid
    return found


AXE_VERSION = "4"
AXE_DIR = Path(os.environ.get("VERBINDING_AXE_DIR", ROOT / ".cache" / "axe-core"))
# The WCAG 2.1 A and AA rules (and axe's best practices, which include "region" etc.).
AXE_OPTIONS = {"resultTypes": ["violations"]}
AXE_FAILING = ("serious", "critical")


@cache
def axe_script() -> Path:
    """axe.min.js, installed from the npm registry on first use (cached in AXE_DIR)."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        message = "npm is needed for the accessibility checks (apt-get install -y nodejs npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--no-package-lock",
         f"axe-core@{AXE_VERSION}"],
        check=True, timeout=300, stdout=subprocess.DEVNULL,
    )
    return script


class VoilaServer:
    def __init__(self, port: int, home: Path, process: subprocess.Popen, log: Path,
                 cull_idle_seconds: int = CULL_IDLE_SECONDS):
        self.port = port
        self.cull_idle_seconds = cull_idle_seconds
        self.home = home
        self.process = process
        self.log = log
        self.base = f"http://127.0.0.1:{port}"

    def url(self, notebook: str, code: str | None = None) -> str:
        query = f"?werkboek={code}" if code else ""
        return f"{self.base}/voila/render/{notebook}{query}"

    def kernel_ids(self) -> set[str]:
        """Ids of the kernels Voilà runs now (standalone Voilà has no /api/kernels)."""
        return set(kernel_pids(self.process.pid))

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, for the report of a failed test."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            return f"(no log: {error})"
        return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def _serving(command: list[str], prefix: str, ready_path: str, cwd: Path = ROOT, port: int | None = None,
             cull_idle_seconds: int = CULL_IDLE_SECONDS):
    """Run a server on a line of its own (we hold its PID), with a fresh VERBINDING_HOME."""
    port = port or free_port()
    home = Path(tempfile.mkdtemp(prefix=prefix))
    log = home / "server.log"
    env = dict(os.environ, VERBINDING_HOME=str(home))
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    server = VoilaServer(port, home, process, log, cull_idle_seconds)
    try:
        # Generous: on 2 cores all preheated kernels start at once; the page tests time themselves.
        _wait_http(f"{server.base}{ready_path}", process, seconds=300)
        yield server
    finally:
        stop_process(process, seconds=20)


def stop_process(process: subprocess.Popen, seconds: float) -> None:
    """Ask a server to stop; kill it when it has not stopped within ``seconds``."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def voila_server():
    port = free_port()
    command = [
        sys.executable, "-m", "voila", str(ROOT / "course"), "--no-browser",
        f"--port={port}", "--Voila.ip=127.0.0.1",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
    ]
    with _serving(command, "verbinding-browser-home-", "/voila/render/index.ipynb", port=port) as server:
        yield server


@pytest.fixture(scope="session")
def jupyter_server():
    """Voilà as a Jupyter server extension, as Binder runs the course: one Jupyter server on
    the repository (pages at ``/voila/render/course/...``). Its working folder holds no
    ``voila.json``: the settings must come from what the package installed. Only the
    culling times are shortened for the test."""
    port = free_port()
    command = [
        sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={ROOT}", "--IdentityProvider.token=",
        f"--MappingKernelManager.cull_idle_timeout={SERVER_CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    with _serving(command, "verbinding-server-home-", "/api/status", cwd=Path(tempfile.mkdtemp()), port=port,
                  cull_idle_seconds=SERVER_CULL_IDLE_SECONDS) as server:
        yield server


def launch_browser():
    """Debian's Chromium under Playwright, for the session-wide ``browser`` fixture in
    tests/conftest.py (one Playwright per test session: browser and hub tests share it)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium missing at {CHROMIUM}: CI must install it (apt-get install -y chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class OpenedPage:
    """A Playwright page on a course notebook, with the requests it made."""

    def __init__(self, page, server: VoilaServer):
        self.page = page
        self.server = server
        self.requests: list[str] = []
        self.local_ports = {server.port}  # a test's own relay to the server is this machine too
        page.on("request", lambda request: self.requests.append(request.url))

    def outside_requests(self) -> list[str]:
        allowed = {(host, port) for host in ("127.0.0.1", "localhost") for port in self.local_ports}
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if (parts.hostname, parts.port) not in allowed:
                outside.append(url)
        return outside

    def goto(self, notebook: str, code: str | None = "test-leerling", ready: str = ".verbinding-savebar"):
        self.page.goto(self.server.url(notebook, code), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        self.wait_ready(ready)
        return self.page

    def wait_ready(self, ready: str = ".verbinding-savebar", timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
        self.page.wait_for_selector(ready, state="visible", timeout=timeout_ms)
        self.page.wait_for_selector("#loading", state="hidden", timeout=timeout_ms)

    def kernel_id(self) -> str:
        """The id of the kernel Voilà started for this page."""
        return json.loads(self.page.locator("#jupyter-config-data").inner_text())["kernelId"]

    def check_accessibility(self, step: str) -> None:
        """Run axe-core on the page as the learner sees it after ``step``; fail on any
        serious or critical violation, naming the rule and the elements."""
        page = self.page
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(path=str(axe_script()))  # inline: no request leaves the page
        violations = page.evaluate(
            """async ([options, failing]) => {
                const result = await window.axe.run(document, options);
                return result.violations.filter((v) => failing.includes(v.impact)).map((v) => ({
                    rule: v.id, impact: v.impact, help: v.help,
                    where: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
                }));
            }""",
            [AXE_OPTIONS, list(AXE_FAILING)],
        )
        report = "\n".join(
            f"- {v['rule']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["where"]) for v in violations
        )
        assert not violations, f"axe after '{step}' on {page.url}:\n{report}"

    def assert_clean(self) -> None:
        """What a learner must never see: source code, tracebacks, error output."""
        page = self.page
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0, "code is visible"
        body = page.inner_text("body")
        for marker in ("Traceback", "Error:", "KeyError", "Exception"):
            assert marker not in body, f"{marker!r} visible on the page"
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count() == 0
        assert "Er ging iets mis op deze pagina" not in body, "the friendly crash message is shown"


def wait_for_count(page, selector: str, at_least: int, timeout_ms: int = 30000) -> None:
    """Wait until ``selector`` matches ``at_least`` elements: charts are drawn in the browser
    a moment after the module's text is there, so counting at once races the drawing."""
    page.wait_for_function("([selector, n]) => document.querySelectorAll(selector).length >= n",
                           arg=[selector, at_least], timeout=timeout_ms)


def assert_culled_when_closed(opened: OpenedPage, server: VoilaServer) -> None:
    """A closed tab's kernel lives on (Voilà's unload beacon is refused) until it is culled."""
    kernel = opened.kernel_id()
    assert kernel in server.kernel_ids()
    opened.page.close()
    deadline = time.monotonic() + server.cull_idle_seconds + 4 * CULL_INTERVAL_SECONDS + 20
    while time.monotonic() < deadline and kernel in server.kernel_ids():
        time.sleep(1)
    assert kernel not in server.kernel_ids(), "the kernel of a closed page is still running"


def _page_opener(browser, server):
    """Open course notebooks in a fresh browser context; fails on outside requests."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    opened: list[OpenedPage] = []

    def open_page(notebook: str, code: str | None = "test-leerling", ready: str = ".verbinding-savebar") -> OpenedPage:
        page = OpenedPage(context.new_page(), server)
        opened.append(page)
        page.goto(notebook, code, ready)
        return page

    yield open_page
    try:
        for page in opened:
            outside = page.outside_requests()
            assert not outside, f"requests left the machine: {outside[:5]}"
    finally:
        context.close()


@pytest.fixture
def course_page_at(browser, voila_server):
    """Course notebooks in standalone Voilà (``notebook`` relative to ``course/``)."""
    yield from _page_opener(browser, voila_server)


@pytest.fixture
def server_page_at(browser, jupyter_server):
    """Course notebooks in Voilà as a Jupyter server extension (``course/<notebook>``)."""
    yield from _page_opener(browser, jupyter_server)


@pytest.fixture
def artifacts_dir() -> Path:
    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def reset_home(server: VoilaServer) -> None:
    shutil.rmtree(server.home / "werkboeken", ignore_errors=True)
