"""Stopping ``verbinding hub`` cleanly: a service stop (SIGTERM), a closed terminal (SIGHUP)
and Ctrl+C (SIGINT) stop the hub, the proxy, every learner's server and its kernels, and
remove the runtime secrets (cookie secret, pid files, kernel connection files).
``running_hub`` asserts all of that on leaving; here each signal stops a hub that serves a
learner with an open course page (so a server and a kernel run)."""

from __future__ import annotations

import re
import signal
import time

import pytest
import requests
from browser.conftest import descendants

from .conftest import _require, running_hub


def open_course_over_http(class_hub, name: str, seconds: float = 300) -> requests.Session:
    """Log in through the hub's form and load the course page (its server and a kernel start)."""
    session = requests.Session()
    login = session.get(f"{class_hub.base}/hub/login", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', login.text).group(1)
    session.post(f"{class_hub.base}/hub/login", timeout=300, data={
        "username": name, "password": class_hub.settings.class_password, "_xsrf": xsrf})
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = session.get(f"{class_hub.base}/user/{name}/voila/render/index.ipynb?werkboek=x", timeout=300)
        if page.status_code == 200 and f"/user/{name}/voila/render/" in page.url:
            return session
        time.sleep(2)
    raise TimeoutError(f"{name}'s course page did not open")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_stops_the_hub_every_server_and_kernel_and_removes_the_secrets(sig):
    _require("configurable-http-proxy", "npm install -g configurable-http-proxy")
    with running_hub(stop_signal=sig) as class_hub:
        open_course_over_http(class_hub, class_hub.name("stop"))
        below = " ".join(descendants(class_hub.process.pid).values())
        assert "configurable-http-proxy" in below and "jupyterhub.singleuser" in below and "ipykernel" in below
        assert (class_hub.settings.data / "jupyterhub_cookie_secret").exists()
    # running_hub has stopped it with `sig` and checked that nothing runs and no secret is left.
