"""The JupyterHub configuration of ``verbinding hub`` (loaded by ``deploy/jupyterhub_config.py``).

Two ways to run the learners' servers (``VERBINDING_HUB_GEBRUIKERS``):

- ``systeem`` (default when the hub runs as root on Linux): every learner becomes a real
  Linux user (created on first login, home folder ``/home/<name>`` readable only by them) and
  their server and kernels run as that user. One learner cannot read another's files.
- ``eenvoudig``: every server runs as the user who started the hub, each with its own home
  folder under the hub's data folder. The hub keeps learners out of each other's server, but
  nothing on the machine does: the code a learner's kernel runs (and Jupyter's REST API of
  their own server lets them run any code) can read and change every learner's files and the
  hub's own. Only for a trusted group, a demonstration or a test.
"""

from __future__ import annotations

import grp
import asyncio
import os
import pwd
import socket
import subprocess
import sys
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner
from traitlets import Unicode

from ..trainer_access import LEARNER, ROLE_ENV, TRAINER
from . import (
    COURSE_URL, SYSTEM, TRAINER_URL, USERNAME_PATTERN, HubSettings, normalize_username,
    course_root, runtime_dir, server_args,
)


class ClassPasswordAuthenticator(SharedPasswordAuthenticator):
    """Any name with the class password; the trainer's name with the trainer's password."""

    def normalize_username(self, username):
        return normalize_username(super().normalize_username(username))


class SystemClassAuthenticator(ClassPasswordAuthenticator, LocalAuthenticator):
    """The class password, and a Linux user for every learner, made on first login.

    A learner may not take the name of an account that already exists on the machine
    (``root``, a colleague) unless the hub made it for the class (group ``klas_group``).
    """

    klas_group = Unicode("verbinding-klas", config=True,
                         help="Linux group of the accounts the hub made for learners")

    def _group_members(self) -> set[str]:
        try:
            return set(grp.getgrnam(self.klas_group).gr_mem)
        except KeyError:
            return set()

    async def authenticate(self, handler, data):
        result = await super().authenticate(handler, data)
        if result and not result.get("admin"):
            name = result["name"]
            try:
                pwd.getpwnam(name)
            except KeyError:
                return result  # a new learner: add_system_user makes the account
            if name not in self._group_members():
                self.log.warning("Refused learner name %s: a system account outside %s", name, self.klas_group)
                return None
        return result

    async def add_system_user(self, user):
        # In a subprocess the hub keeps answering while the account is made: a class logging
        # in at once would otherwise wait for every useradd before it, one by one.
        await _run("groupadd", "-f", self.klas_group)
        await _run("useradd", "--create-home", "--shell", "/usr/sbin/nologin", "--groups", self.klas_group, user.name)
        home = Path(pwd.getpwnam(user.name).pw_dir)
        home.chmod(0o700)  # Debian's useradd leaves a home readable for all


async def _run(*command: str) -> None:
    process = await asyncio.create_subprocess_exec(*command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output, _ = await process.communicate()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, output)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _uid_of(spawner) -> int:
    if isinstance(spawner, SimpleLocalProcessSpawner):
        return os.geteuid()
    return pwd.getpwnam(spawner.user.name).pw_uid


def _make_runtime_dir(spawner) -> str:
    uid = _uid_of(spawner)
    root = runtime_dir(os.geteuid(), spawner.user.name).parent
    root.mkdir(mode=0o711, exist_ok=True)
    folder = runtime_dir(os.geteuid(), spawner.user.name)
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.geteuid() == 0 and uid != 0:
        os.chown(folder, uid, -1)
    return str(folder)


def pre_spawn_hook(spawner) -> None:
    admin = spawner.user.admin
    spawner.args = server_args(admin=admin, runs_as_root=_uid_of(spawner) == 0)
    spawner.default_url = TRAINER_URL if admin else COURSE_URL
    spawner.environment = {**spawner.environment, "JUPYTER_RUNTIME_DIR": _make_runtime_dir(spawner),
                           ROLE_ENV: TRAINER if admin else LEARNER}  # trainer/ for trainers only


def configure(c, settings: HubSettings | None = None) -> HubSettings:
    """Fill JupyterHub's config object ``c`` for one class."""
    settings = settings or HubSettings.from_env()
    data = settings.data
    data.mkdir(parents=True, exist_ok=True)

    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
    # Dutch login and start page; no 7-second script time-out (hub/templates/page.html).
    c.JupyterHub.template_paths = [str(Path(__file__).with_name("templates"))]
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port or _free_port()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port or _free_port()}"
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(data / "jupyterhub.pid")

    authenticator = SystemClassAuthenticator if settings.users == SYSTEM else ClassPasswordAuthenticator
    c.JupyterHub.authenticator_class = authenticator
    c.Authenticator.allow_all = True  # anyone with the class password (JupyterHub >= 5 allows nobody)
    c.Authenticator.username_pattern = USERNAME_PATTERN
    c.Authenticator.admin_users = {settings.trainer}
    c.SharedPasswordAuthenticator.user_password = settings.class_password
    c.SharedPasswordAuthenticator.admin_password = settings.trainer_password
    if settings.users == SYSTEM:
        c.LocalAuthenticator.create_system_users = True
        c.SystemClassAuthenticator.klas_group = settings.group
        c.JupyterHub.spawner_class = LocalProcessSpawner
    else:
        c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
        c.SimpleLocalProcessSpawner.home_dir_template = str(data / "homes" / "{username}")

    c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
    c.Spawner.notebook_dir = str(course_root())
    c.Spawner.default_url = COURSE_URL
    c.Spawner.pre_spawn_hook = pre_spawn_hook
    # VERBINDING_HOME is not passed on: each learner's work stays in their own home folder.
    c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "VERBINDING_CASES"]
    # Twenty learners logging in at once took ~50 s per server on 2 cores (JupyterHub: 60 s).
    c.Spawner.start_timeout = 300
    c.Spawner.http_timeout = 300
    return settings

