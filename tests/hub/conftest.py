"""A real JupyterHub from the project's own config (``verbinding hub``) on free loopback ports.

Needs configurable-http-proxy (npm) and Chromium: without them the hub tests skip, except
in CI (``CI=true``) where they fail. As root (CI) the hub runs learners as real Linux users
(``systeem``, its default there); otherwise with the ``eenvoudig`` spawner (one user, a home
folder per learner).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser.conftest import PAGE_TIMEOUT_MS, ROOT, OpenedPage, _wait_http, descendants, free_port

from verbinding import hub
from verbinding.hub.klas import collected_dir

VERBINDING = Path(sys.executable).with_name("verbinding")
SPAWN_TIMEOUT_MS = int(os.environ.get("VERBINDING_SPAWN_TIMEOUT_MS", "300000"))


@dataclass
class ClassHub:
    """A running ``verbinding hub``, and the learners and trainer it knows."""

    port: int
    settings: hub.HubSettings
    process: subprocess.Popen
    log: Path
    created_users: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, code: str | None = None) -> str:
        return f"{self.base}{path}"

    def home(self, name: str) -> Path:
        """A learner's home folder: their own Linux user's, or one under the hub's data."""
        if self.settings.users == hub.SYSTEM:
            return Path(pwd.getpwnam(name).pw_dir)
        return self.settings.data / "homes" / name

    def name(self, role: str) -> str:
        """A fresh user name for this test run (and, in system mode, to remove afterwards)."""
        name = f"vbt-{role}-{secrets.token_hex(3)}"
        self.created_users.append(name)
        return name

    def login(self, context, name: str, password: str | None = None,
              ready: str = ".verbinding-savebar", account: str | None = None) -> OpenedPage:
        """Log in through the hub's form, as a learner does, and wait for the course.
        ``account``: the name the hub makes of ``name`` when it differs ("Anna Ö" -> anna-o)."""
        opened = OpenedPage(context.new_page(), self)
        page = opened.page
        # Signing in waits for the hub, which may be starting many servers at once.
        page.set_default_navigation_timeout(SPAWN_TIMEOUT_MS)
        page.goto(f"{self.base}/hub/login", wait_until="load", timeout=PAGE_TIMEOUT_MS)
        page.fill("#username_input", name)
        page.fill("#password_input", password or self.settings.class_password)
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf"/user/{re.escape(account or name)}/voila/render/"), wait_until="commit",
                          timeout=SPAWN_TIMEOUT_MS)
        # The first page of a fresh server on a busy machine: give it the spawn's time.
        opened.wait_ready(ready, timeout_ms=SPAWN_TIMEOUT_MS)
        return opened


def _require(tool: str, install: str) -> None:
    if shutil.which(tool):
        return
    message = f"{tool} not found; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must install it: .ci/run)")
    pytest.skip(message)


def _reset_sigint() -> None:
    # Started from a backgrounded shell, pytest ignores SIGINT and so would the hub and every
    # learner's server: JupyterHub stops servers with SIGINT.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stop(class_hub: ClassHub, sig: int = signal.SIGTERM) -> list[str]:
    """Stop the hub (it stops the proxy and every server); returns what had to be killed.
    SIGTERM goes to ``verbinding hub`` (a service stop); SIGHUP and SIGINT to its whole
    process group, as a closed terminal or Ctrl+C send them."""
    below = descendants(class_hub.process.pid)
    if sig == signal.SIGTERM:
        class_hub.process.terminate()
    else:
        os.killpg(class_hub.process.pid, sig)
    try:
        class_hub.process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        class_hub.process.kill()
    leftover = []
    deadline = time.monotonic() + 30
    for pid, cmdline in below.items():
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        if Path(f"/proc/{pid}").exists():
            leftover.append(cmdline)
            os.kill(pid, signal.SIGKILL)
    return leftover


def _remove_system_users(class_hub: ClassHub) -> None:
    for name in class_hub.created_users:
        subprocess.run(["userdel", "--remove", name], capture_output=True)
    subprocess.run(["groupdel", class_hub.settings.group], capture_output=True)


def servers(hub_pid: int) -> dict[str, int]:
    """Learner name -> pid of their single-user server (below the hub's process)."""
    found = {}
    for pid, cmdline in descendants(hub_pid).items():
        if "jupyterhub-singleuser" not in cmdline and "jupyterhub.singleuser" not in cmdline:
            continue
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for item in environ:
            if item.startswith(b"JUPYTERHUB_USER="):
                found[item.split(b"=", 1)[1].decode()] = pid
    return found


def wait_for_log(class_hub: ClassHub, text: str, seconds: float = SPAWN_TIMEOUT_MS / 1000) -> str:
    """The hub's output once it says ``text`` (e.g. that the class list's servers run)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = class_hub.log.read_text(encoding="utf-8", errors="replace")
        if text in log:
            return log
        assert class_hub.process.poll() is None, f"the hub stopped:\n{log[-3000:]}"
        time.sleep(1)
    raise AssertionError(f"the hub did not say {text!r} within {seconds:.0f} s")


@contextlib.contextmanager
def running_hub(stop_signal: int = signal.SIGTERM, class_list: list[str] | None = None,
                environ: dict | None = None):
    """``verbinding hub`` on free loopback ports with fresh names and passwords; stopped
    (with every server it started) on leaving, by ``stop_signal``. Raises if something still
    runs after, or a runtime secret (cookie secret, kernel connection files, the trainer's
    copies of the workbooks) is left. ``class_list``: names for ``--klaslijst``."""
    data = Path(tempfile.mkdtemp(prefix="verbinding-hub-test-"))
    port = free_port()
    env = dict(
        os.environ,
        VERBINDING_KLASWACHTWOORD="klas-" + secrets.token_hex(6),
        VERBINDING_TRAINERWACHTWOORD="trainer-" + secrets.token_hex(16),
        VERBINDING_TRAINER="vbt-trainer-" + secrets.token_hex(3),
        VERBINDING_HUB_DATA=str(data),
        VERBINDING_HUB_PORT=str(port),
        VERBINDING_HUB_API_PORT=str(free_port()),
        VERBINDING_HUB_PROXY_API_PORT=str(free_port()),
        VERBINDING_HUB_GROEP="vbt-klas-" + secrets.token_hex(3),
        **(environ or {}),
    )
    args = []
    if class_list:  # given as the trainer gives it: verbinding hub --klaslijst namen.txt
        names = data / "klaslijst.txt"
        names.write_text("\n".join(class_list) + "\n", encoding="utf-8")
        args = ["--klaslijst", str(names)]
    settings = hub.HubSettings.from_env({**env, hub.HubSettings.ENV["class_list"]: " ".join(args[1:])})
    log = data / "hub.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen([str(VERBINDING), "hub", *args], env=env, stdout=handle,
                                   stderr=subprocess.STDOUT, preexec_fn=_reset_sigint, start_new_session=True)
    class_hub = ClassHub(port, settings, process, log,
                         created_users=[settings.trainer, *(account for _, account in settings.class_list)])
    try:
        _wait_http(f"{class_hub.base}/hub/health", process, seconds=120)
        yield class_hub
    finally:
        runtime = [hub.runtime_dir(os.geteuid(), name) for name in class_hub.created_users]
        leftover = _stop(class_hub, stop_signal)
        collected = collected_dir(os.geteuid(), settings.trainer)
        secrets_left = [p for p in [*(data / n for n in hub.RUNTIME_SECRETS), *runtime, collected] if p.exists()]
        if settings.users == hub.SYSTEM:
            _remove_system_users(class_hub)
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copy(log, artifacts / "hub.log")  # what the hub and the servers said
        shutil.rmtree(data, ignore_errors=True)
        assert not leftover, f"still running after the hub stopped: {leftover}"
        assert not secrets_left, f"runtime secrets left after the hub stopped: {secrets_left}"


@pytest.fixture(scope="module")
def class_hub(browser):
    _require("configurable-http-proxy", "npm install -g configurable-http-proxy")
    with running_hub() as class_hub:
        yield class_hub
