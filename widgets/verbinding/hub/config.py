"""The JupyterHub configuration of ``verbinding hub`` (loaded by ``deploy/jupyterhub_config.py``).

Two ways to run the learners' servers (``VERBINDING_HUB_GEBRUIKERS``):

- ``systeem`` (always when the hub runs as root): every learner becomes a real Linux user
  (created on first login, home folder ``/home/<name>`` readable only by them) and their
  server and kernels run as that user, with a Python that account can run
  (``verbinding.hub.shared_python``). One learner cannot read another's files, the hub's
  data folder (0700: database, trainer's password hash, cookie secret) or the hub's
  environment. No server ever runs as root.
- ``eenvoudig`` (only without root): every server runs as the user who started the hub,
  each with its own home folder under the hub's data folder. The hub keeps learners out of
  each other's server, but nothing on the machine does: the code a learner's kernel runs (and
  Jupyter's REST API of their own server lets them run any code) can read and change every
  learner's files and the hub's own. Only for a trusted group, a demonstration or a test.

Both: failed logins are throttled per name and per address (:class:`LoginThrottle`), the
trainer's password is checked against a scrypt hash, two spellings of one account name are
refused (:class:`NameRegistry`), cookies are ``SameSite=Lax``, and every learner's server has
the limits of ``verbinding.hub`` (kernels, memory, processes, idle time).
"""

from __future__ import annotations

import asyncio
import grp
import json
import os
import pwd
import resource
import socket
import subprocess
import sys
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from jupyterhub.handlers.login import LoginHandler
from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner
from traitlets import Unicode

from verbinding.hub import (
    COURSE_URL,
    MAX_PROCESSES,
    MEMORY_MB,
    SYSTEM,
    TRAINER_URL,
    USERNAME_PATTERN,
    HubSettings,
    course_root,
    klas,
    private_data_dir,
    runtime_dir,
    server_args,
)
from verbinding.hub.security import (
    LoginThrottle,
    NameRegistry,
    normalize_username,
    throttled_message,
    verify_password,
)
from verbinding.trainer_access import LEARNER, ROLE_ENV, TRAINER

NAMES_FILE = "namen.json"
LOGIN_FAILED = ("Dat lukte niet. Controleer je naam en het klaswachtwoord dat je van de trainer kreeg.")
INVALID_NAME = ("Deze naam kan niet. Gebruik je voornaam en achternaam: letters, cijfers, spaties "
                "en streepjes, beginnend met een letter, hoogstens 30 tekens.")


class ClassLoginHandler(LoginHandler):
    """The hub's login form, with the Dutch reason when a login is refused."""

    def _render(self, login_error=None, username=None, **kwargs):
        if login_error:
            reason = getattr(self, "verbinding_refusal", None)
            login_error = reason[1] if reason else LOGIN_FAILED
            if reason and reason[0] == "throttled":
                self.set_status(429)
        return super()._render(login_error=login_error, username=username, **kwargs)


class ClassPasswordAuthenticator(SharedPasswordAuthenticator):
    """Any name with the class password; the trainer's name with the trainer's password.

    The trainer's password is checked against its scrypt hash (``admin_password_hash``);
    failed logins are throttled; a name whose spelling differs from the account's first
    one is refused (see ``verbinding.hub.security``).
    """

    admin_password_hash = Unicode("", config=True, help="scrypt hash of the trainer's password")
    names_file = Unicode("", config=True, help="JSON file: the first spelling of every account")
    per_name = 10
    per_address = 30
    window_seconds = 600

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.throttle = LoginThrottle(self.per_name, self.per_address, self.window_seconds)

    def normalize_username(self, username):
        return normalize_username(super().normalize_username(username))

    def get_handlers(self, app):
        return [("/login", ClassLoginHandler)]

    def check_allow_config(self):
        pass  # the trainer logs in with admin_password_hash, not admin_password

    @staticmethod
    def _refuse(handler, kind: str, message: str) -> None:
        if handler is not None:
            handler.verbinding_refusal = (kind, message)

    async def authenticate(self, handler, data):
        typed = data.get("username", "")
        name = self.normalize_username(typed)
        address = handler.request.remote_ip if handler is not None else ""
        wait = self.throttle.wait_seconds(name, address)
        if wait:
            self.log.warning("Login throttled for %r from %s (%.0f s)", name, address, wait)
            self._refuse(handler, "throttled", throttled_message(wait))
            return None
        password = data.get("password", "")
        admin = name in self.admin_users
        if admin:
            ok = verify_password(password, self.admin_password_hash)
        else:
            ok = bool(self.user_password) and verify_password_plain(password, self.user_password)
        if not ok:
            self.throttle.failed(name, address)
            return None
        if not self.validate_username(name):
            self._refuse(handler, "invalid", INVALID_NAME)
            return None
        if self.names_file and NameRegistry(Path(self.names_file)).claim(typed) is None:
            self._refuse(handler, "collision", NameRegistry.collision_message(typed))
            return None
        return {"name": name, "admin": admin, "groups": []}


def verify_password_plain(given: str, expected: str) -> bool:
    from secrets import compare_digest

    return compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


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
    folder = runtime_dir(os.geteuid(), spawner.user.name)
    # The hub's umask is 077: learners pass through (0711), list nothing. A folder someone
    # else made there first (/tmp is open to all) is refused: its owner could swap a
    # learner's folder for a link, and root would chown what it points to.
    klas.hub_owned_folder(folder.parent, 0o711)
    klas.give_folder(folder, uid)
    return str(folder)


def _limits() -> None:
    """Resource limits of a learner's server and its kernels, set before it becomes her."""
    memory = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))


class LimitedSpawner(LocalProcessSpawner):
    """A learner's server as her own account, within :func:`_limits`."""

    def make_preexec_fn(self, name):
        become = super().make_preexec_fn(name)

        def preexec():
            _limits()
            become()

        return preexec


class LimitedSimpleSpawner(SimpleLocalProcessSpawner):
    """``eenvoudig``: every server as the hub's user, each within its memory limit (the
    process limit would count the hub's own processes too)."""

    def make_preexec_fn(self, name):
        prepare = super().make_preexec_fn(name)

        def preexec():
            memory = MEMORY_MB * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
            prepare()

        return preexec


def pre_spawn_hook(spawner) -> None:
    if _uid_of(spawner) == 0:
        raise RuntimeError(f"refusing to run {spawner.user.name}'s server as root")
    admin = spawner.user.admin
    spawner.args = server_args(admin=admin)
    spawner.default_url = TRAINER_URL if admin else COURSE_URL
    environment = {"JUPYTER_RUNTIME_DIR": _make_runtime_dir(spawner),
                   ROLE_ENV: TRAINER if admin else LEARNER}  # trainer/ for trainers only
    if admin and isinstance(spawner, LimitedSpawner):
        # systeem: the learners' homes are closed; the class service copies their workbooks
        # for the trainer's live class view (verbinding.hub.klas).
        environment[klas.COLLECTED_ENV] = str(klas.collected_dir(os.geteuid(), spawner.user.name))
    spawner.environment = {**spawner.environment, **environment}


def class_service(c, settings: HubSettings) -> None:
    """The hub's service for the class (verbinding.hub.klas): the class list's servers
    started before the lesson, and in systeem the trainer's copies of the workbooks. It may
    create users and start and stop servers, nothing more."""
    collect = settings.users == SYSTEM
    if not (settings.class_list or collect):
        return
    service_settings = {"names": [list(pair) for pair in settings.class_list], "collect": collect,
                        "names_file": str(settings.data / NAMES_FILE), "trainer": settings.trainer,
                        "group": settings.group}
    environment = {klas.SERVICE_ENV: json.dumps(service_settings)}
    if os.environ.get(klas.CONCURRENT_ENV):
        environment[klas.CONCURRENT_ENV] = os.environ[klas.CONCURRENT_ENV]
    c.JupyterHub.services = [{"name": klas.SERVICE, "command": [sys.executable, "-m", "verbinding.hub.klas"],
                              "environment": environment}]
    c.JupyterHub.load_roles = [{"name": "verbinding-klas", "services": [klas.SERVICE],
                                "scopes": ["admin:users", "admin:servers"]}]


def configure(c, settings: HubSettings | None = None) -> HubSettings:
    """Fill JupyterHub's config object ``c`` for one class."""
    settings = settings or HubSettings.from_env()
    data = settings.data
    private_data_dir(data)
    database = data / "jupyterhub.sqlite"
    database.touch(mode=0o600, exist_ok=True)
    database.chmod(0o600)

    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
    # Dutch login and start page; no 7-second script time-out (hub/templates/page.html).
    c.JupyterHub.template_paths = [str(Path(__file__).with_name("templates"))]
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port or _free_port()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port or _free_port()}"
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{database}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(data / "jupyterhub.pid")

    authenticator = SystemClassAuthenticator if settings.users == SYSTEM else ClassPasswordAuthenticator
    c.JupyterHub.authenticator_class = authenticator
    c.Authenticator.allow_all = True  # anyone with the class password (JupyterHub >= 5 allows nobody)
    c.Authenticator.username_pattern = USERNAME_PATTERN
    c.Authenticator.admin_users = {settings.trainer}
    c.SharedPasswordAuthenticator.user_password = settings.class_password
    c.ClassPasswordAuthenticator.admin_password_hash = settings.trainer_password_hash
    c.ClassPasswordAuthenticator.names_file = str(data / NAMES_FILE)
    cookies = {"samesite": "Lax"}
    c.JupyterHub.tornado_settings = {"cookie_options": cookies}
    c.Spawner.cookie_options = cookies
    python, python_env = Path(sys.executable), {}
    if settings.users == SYSTEM:
        from verbinding.hub.shared_python import shared_python

        shared = shared_python()  # made by `verbinding hub` before the hub started
        python, python_env = shared.python, shared.environment
        c.LocalAuthenticator.create_system_users = True
        c.SystemClassAuthenticator.klas_group = settings.group
        c.JupyterHub.spawner_class = LimitedSpawner
    else:
        c.JupyterHub.spawner_class = LimitedSimpleSpawner
        c.SimpleLocalProcessSpawner.home_dir_template = str(data / "homes" / "{username}")

    c.Spawner.cmd = [str(python), "-m", "jupyterhub.singleuser"]
    c.Spawner.environment = python_env
    c.Spawner.notebook_dir = str(course_root())
    c.Spawner.default_url = COURSE_URL
    c.Spawner.pre_spawn_hook = pre_spawn_hook
    # VERBINDING_HOME is not passed on: each learner's work stays in their own home folder.
    c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "VERBINDING_CASES"]
    # Twenty learners logging in at once took ~50 s per server on 2 cores (JupyterHub: 60 s).
    c.Spawner.start_timeout = 300
    c.Spawner.http_timeout = 300
    class_service(c, settings)
    return settings

