"""`verbinding hub` as root with its defaults, tried the way an attacker in the class would.

A learner knows only the class password. Jupyter lets her run code in her own server (the
REST API: start a kernel, send an ``execute_request`` on its websocket); the hub must make
sure that code runs as her own account and reaches nothing of the trainer's or of others.
Also: wrong passwords are throttled, names with accents log in, every learner's workbook
carries her own name (so five learners are five in the class overview), and a trainer's
module link opens the learner's own work.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from verbinding import hub
from verbinding.classview import ClassOverview

from .conftest import SPAWN_TIMEOUT_MS
from .test_hub import _new_context, _write_in_workbook

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the hub's defaults as root (CI runs as root)")


class FromAddress(HTTPAdapter):
    """Requests from another loopback address (127.0.0.2, …): another computer in the room."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def _session(address: str = "127.0.0.1") -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    return session


def _login(class_hub, session: requests.Session, name: str, password: str | None = None) -> requests.Response:
    """The hub's login form, posted as a browser does (with its _xsrf token)."""
    session.get(f"{class_hub.base}/hub/login", timeout=60)
    return session.post(f"{class_hub.base}/hub/login?next=", allow_redirects=False, timeout=60, data={
        "_xsrf": session.cookies.get("_xsrf", path="/hub/"), "username": name,
        "password": class_hub.settings.class_password if password is None else password})


def _server_up(class_hub, session: requests.Session, user: str) -> None:
    """Follow the hub to the learner's own server (spawn, OAuth) until its API answers."""
    import time

    session.get(f"{class_hub.base}/hub/spawn", timeout=60)  # where the login form leads
    deadline = time.monotonic() + min(SPAWN_TIMEOUT_MS / 1000, 240)
    while time.monotonic() < deadline:
        # A page of her server (not its API) sends her through the hub's OAuth for its cookie;
        # a missing notebook starts no kernel.
        session.get(f"{class_hub.base}/user/{user}/voila/render/geen.ipynb", timeout=60)
        response = session.get(f"{class_hub.base}/user/{user}/api/status", timeout=60)
        if response.status_code == 200:
            return
        time.sleep(2)
    raise AssertionError(f"{user}'s server did not come up")


def _run_in_own_kernel(class_hub, session: requests.Session, user: str, code: str,
                       env: dict | None = None) -> str:
    """What any learner can do: start a kernel in her server and execute code on its websocket."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    base = f"{class_hub.base}/user/{user}"
    xsrf = session.cookies.get("_xsrf", path=f"/user/{user}/") or ""
    response = session.post(f"{base}/api/kernels", json={"name": "python3", "env": env or {}},
                            headers={"X-XSRFToken": xsrf}, timeout=120)
    assert response.status_code == 201, (response.status_code, response.text[:300])
    kernel = response.json()["id"]
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)

    async def execute() -> str:
        request = HTTPRequest(f"ws://127.0.0.1:{class_hub.port}/user/{user}/api/kernels/{kernel}/channels",
                              headers={"Cookie": cookies, "X-XSRFToken": xsrf}, request_timeout=120)
        connection = await websocket_connect(request)
        msg_id = uuid.uuid4().hex
        connection.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": user,
                       "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        out = []
        while True:
            message = await asyncio.wait_for(connection.read_message(), 120)
            assert message is not None, "the kernel's websocket closed"
            msg = json.loads(message)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            if msg["msg_type"] == "error":
                out.append("\n".join(msg["content"]["traceback"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                connection.close()
                return "".join(out)

    try:
        # In a thread of its own: the browser tests' event loop may run in this one.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, execute()).result()
    finally:
        session.delete(f"{base}/api/kernels/{kernel}", headers={"X-XSRFToken": xsrf}, timeout=60)


PROBE = r'''
import json, os, pathlib
result = {"uid": os.getuid(), "user": os.environ.get("JUPYTERHUB_USER")}
for key, path in json.loads(TARGETS).items():
    p = pathlib.Path(path)
    try:
        list(p.iterdir()) if p.is_dir() else p.read_bytes()
        result[key] = "read"
    except PermissionError:
        result[key] = "denied"
    except FileNotFoundError:
        result[key] = "missing"
print(json.dumps(result))
'''


@pytest.fixture(scope="module")
def learner_with_server(class_hub):
    assert class_hub.settings.users == hub.SYSTEM, "as root the default is one account per learner"
    name = class_hub.name("safe")
    session = _session()
    assert _login(class_hub, session, name).status_code == 302
    _server_up(class_hub, session, name)
    return name, session


def test_the_hub_says_which_mode_it_runs_in(class_hub):
    log = class_hub.log.read_text(encoding="utf-8", errors="replace")
    assert "Werkwijze: 'systeem'" in log and "eigen Linux-account" in log
    assert f"{hub.MAX_KERNELS} cursuspagina's tegelijk" in log and f"{hub.MEMORY_MB} MB" in log


def test_code_a_learner_runs_in_her_server_is_not_root_and_reaches_nothing_of_others(class_hub, learner_with_server):
    name, session = learner_with_server
    other = class_hub.name("ander")
    other_session = _session()
    assert _login(class_hub, other_session, other).status_code == 302
    _server_up(class_hub, other_session, other)
    hub_pid = class_hub.process.pid
    data = class_hub.settings.data
    targets = {
        "trainer_password": str(data / hub.TRAINER_HASH_FILE),
        "old_trainer_password": str(data / hub.TRAINER_PASSWORD_FILE),
        "database": str(data / "jupyterhub.sqlite"),
        "cookie_secret": str(data / "jupyterhub_cookie_secret"),
        "data_folder": str(data),
        "other_home": str(class_hub.home(other)),
        "other_runtime": str(hub.runtime_dir(0, other)),
        "hub_environment": f"/proc/{hub_pid}/environ",
        "own_home": str(class_hub.home(name)),
    }
    output = _run_in_own_kernel(class_hub, session, name, f"TARGETS = {json.dumps(targets)!r}\n{PROBE}")
    result = json.loads(output.strip().splitlines()[-1])
    assert result["uid"] != 0 and result["user"] == name
    assert result["own_home"] == "read", "her own work is hers"
    for key in ("trainer_password", "database", "cookie_secret", "data_folder", "other_home",
                "other_runtime", "hub_environment"):
        assert result[key] == "denied", f"a learner's code could {result[key]} {key}"
    assert result["old_trainer_password"] in ("denied", "missing")
    # And on disk: only a hash of the trainer's password, only the hub can read it.
    stored = (data / hub.TRAINER_HASH_FILE).read_text()
    assert class_hub.settings.trainer_password not in stored and stored.startswith("scrypt$")
    assert (data / "jupyterhub.sqlite").stat().st_mode & 0o077 == 0


def test_a_learners_server_has_its_limits(class_hub, learner_with_server):
    name, session = learner_with_server
    output = _run_in_own_kernel(class_hub, session, name,
                                "import resource; print(resource.getrlimit(resource.RLIMIT_DATA)[0], "
                                "resource.getrlimit(resource.RLIMIT_NPROC)[0])")
    memory, processes = map(int, output.split()[:2])
    assert memory == hub.MEMORY_MB * 1024 * 1024 and processes == hub.MAX_PROCESSES
    grab = _run_in_own_kernel(class_hub, session, name, "try:\n    x = bytearray(2 * 1024**3)\n"
                              "    print('kreeg 2 GB')\nexcept MemoryError:\n    print('geweigerd')")
    assert grab.strip() == "geweigerd", "2 GB in one kernel is refused"


def test_a_learner_gets_no_more_kernels_than_the_cap(class_hub, learner_with_server):
    name, session = learner_with_server
    base = f"{class_hub.base}/user/{name}/api/kernels"
    xsrf = {"X-XSRFToken": session.cookies.get("_xsrf", path=f"/user/{name}/") or ""}
    started = []
    try:
        for _ in range(hub.MAX_KERNELS):
            response = session.post(base, json={"name": "python3"}, headers=xsrf, timeout=120)
            assert response.status_code == 201
            started.append(response.json()["id"])
        refused = session.post(base, json={"name": "python3"}, headers=xsrf, timeout=120)
        assert refused.status_code == 429
        assert "cursuspagina's open" in refused.json()["message"]
        page = session.get(f"{class_hub.base}/user/{name}/voila/render/index.ipynb", timeout=120)
        assert page.status_code == 429 and "Sluit een ander tabblad" in page.text, "a Dutch page when full"
    finally:
        for kernel in started:
            session.delete(f"{base}/{kernel}", headers=xsrf, timeout=60)


def test_fifty_wrong_passwords_are_throttled(class_hub):
    name = class_hub.name("doelwit")
    session = _session("127.0.0.2")  # another computer: the throttle counts per address too
    statuses = [_login(class_hub, session, name, f"fout-{attempt}").status_code for attempt in range(50)]
    assert statuses[:10] == [403] * 10
    assert set(statuses[10:]) == {429}, "after ten wrong passwords the name is blocked"
    refused = _login(class_hub, session, name)
    assert refused.status_code == 429, "even the right password waits ten minutes"
    assert "Te veel mislukte pogingen" in refused.text and "Wacht 10 minuten" in refused.text
    # 30 failures from one address block the address, whatever the names.
    other = _session("127.0.0.3")
    statuses = [_login(class_hub, other, f"vbt-gok-{attempt}", "fout").status_code for attempt in range(30)]
    assert set(statuses) == {403}
    assert _login(class_hub, other, class_hub.name("nieuw")).status_code == 429
    # Meanwhile the rest of the class logs in as usual; its login cookie is SameSite=Lax.
    welcome = _login(class_hub, _session("127.0.0.4"), class_hub.name("gewoon"))
    assert welcome.status_code == 302
    cookies = [v for k, v in welcome.raw.headers.items() if k.lower() == "set-cookie"]
    assert cookies and all("samesite=lax" in c.lower() for c in cookies), cookies


def test_a_name_with_accents_logs_in_and_a_look_alike_is_refused(class_hub):
    class_hub.created_users.append("chantal-ozturk")
    session = _session("127.0.0.5")
    response = _login(class_hub, session, "Chantal Öztürk")
    assert response.status_code == 302
    assert _login(class_hub, _session("127.0.0.5"), "chantal   ÖZTÜRK").status_code == 302, "her again"
    refused = _login(class_hub, _session("127.0.0.5"), "Chantal Ozturk")
    assert refused.status_code == 403 and "al iemand anders" in refused.text


def test_five_learners_are_five_in_the_class_overview(class_hub):
    """Each learner's course (the code Voilà runs for the course page, in her own server with
    the hub's course address) saves and downloads a workbook with her own name."""
    names = [class_hub.name(f"klas{n}") for n in range(5)]
    files = []
    for number, name in enumerate(names):
        session = _session()
        assert _login(class_hub, session, name).status_code == 302
        _server_up(class_hub, session, name)
        query = hub.COURSE_URL.split("?", 1)[1]
        code = (
            "from verbinding import session\n"
            "from verbinding.workbook import Workbook\n"
            "from verbinding.ui.savebar import SaveBar\n"
            "wb = Workbook.open(session.choose_code().code)\n"
            f"wb.set_module('kennismaken', {{'dossier': 'Dossier {number}'}})\n"
            "name, data = SaveBar(wb)._json_file()\n"
            "print(name); print(data.decode())\n")
        output = _run_in_own_kernel(class_hub, session, name, code,
                                    env={"QUERY_STRING": query, "VOILA_SERVER_URL": "/"})
        filename, content = output.split("\n", 1)
        assert filename == f"verbinding-werkboek-{name}.json", "the download carries her name"
        files.append((filename, content.encode()))
    overview = ClassOverview.from_files(files)
    assert len(overview.learners) == 5 and not overview.skipped_lines()


def test_a_module_link_opens_the_learners_own_work(class_hub, browser):
    context = _new_context(browser)
    try:
        name = class_hub.name("module")
        opened = class_hub.login(context, name)
        _write_in_workbook(opened, "Mijn eigen dossier")
        page = opened.page
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("Download mijn werk")).first.click()
        assert download.value.suggested_filename == f"verbinding-werkboek-{name}.json"
        page.goto(f"{class_hub.base}/hub/user-redirect/voila/render/index.ipynb?module=kennismaken",
                  wait_until="commit")
        opened.wait_ready(timeout_ms=SPAWN_TIMEOUT_MS)
        field = page.get_by_label("Mijn dossier", exact=True)
        field.wait_for(timeout=SPAWN_TIMEOUT_MS)
        assert field.input_value() == "Mijn eigen dossier", "the module link kept her work"
        assert name in page.locator(".verbinding-savebar").inner_text()
        home = Path(class_hub.home(name)) / ".verbinding" / "werkboeken"
        assert sorted(p.name for p in home.glob("*.json")) == [f"{name}.json"]
    finally:
        context.close()
