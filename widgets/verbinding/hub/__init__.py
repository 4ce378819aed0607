"""``verbinding hub``: a class on one server, with JupyterHub.

Every learner logs in with a name of their choice and the class password the trainer set;
each gets their own Jupyter server that opens the course (and nothing else: no JupyterLab,
no terminal). The trainer logs in as the hub's admin and gets JupyterLab too.

The hub's settings come from environment variables (``VERBINDING_HUB_*``, see
:class:`HubSettings`), so ``deploy/jupyterhub_config.py`` also works for an administrator
who runs ``jupyterhub -f deploy/jupyterhub_config.py`` without this command. This module
does not import JupyterHub; ``verbinding.hub.config`` does.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import PACKAGE_DIR
from ..server import ignore_hangup, notebooks_dir, run_until_stopped
from ..session import DEFAULT_CODE

SYSTEM, SIMPLE = "systeem", "eenvoudig"
# A JupyterHub name that is also a safe Linux user name and a short socket path (see
# runtime_dir): lower case letter first, then letters, digits or dashes, at most 30.
USERNAME_PATTERN = r"^[a-z][a-z0-9-]{1,29}$"
MIN_PASSWORD = 8
TRAINER_PASSWORD_FILE = "trainerwachtwoord"
# Jupyter server extensions a learner does not get: JupyterLab (and its language server
# and notebook shim) and terminals. Voilà stays. Measured: idle server 141 -> 133 MB.
LEARNER_OFF = ("jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "notebook_shim")
COURSE_URL = f"/voila/render/index.ipynb?werkboek={DEFAULT_CODE}"
TRAINER_URL = f"/voila/render/trainer/klasoverzicht.ipynb?werkboek={DEFAULT_CODE}"


class HubError(Exception):
    """A problem the trainer can fix; the message is Dutch and names the fix."""


def runnable_by_others(path: Path) -> bool:
    """True if a user other than the owner can run ``path`` (every folder on the way open)."""
    import stat

    path = path.resolve()
    for folder in [*reversed(path.parents), path]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            return False
    return True


def _default_users() -> str:
    """Real system users when the hub may create them and they can run this Python (root on
    Linux, Python not in a private folder such as /root/.pyenv), else one shared user."""
    can_create = (sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("useradd")
                  and runnable_by_others(Path(sys.executable)))
    return SYSTEM if can_create else SIMPLE


def _default_data() -> Path:
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        return Path("/srv/verbinding-hub")
    return Path.home() / ".verbinding" / "hub"


@dataclass(frozen=True)
class HubSettings:
    """What the trainer chooses, read from the environment (``from_env``)."""

    class_password: str
    trainer_password: str
    trainer: str = "trainer"
    ip: str = "127.0.0.1"
    port: int = 8000
    data: Path = Path(".")
    users: str = SIMPLE
    group: str = "verbinding-klas"
    hub_port: int = 0          # the hub's internal API; 0: a free port at start
    proxy_api_port: int = 0    # configurable-http-proxy's API; 0: a free port at start

    ENV = {
        "class_password": "VERBINDING_KLASWACHTWOORD",
        "trainer_password": "VERBINDING_TRAINERWACHTWOORD",
        "trainer": "VERBINDING_TRAINER",
        "ip": "VERBINDING_HUB_IP",
        "port": "VERBINDING_HUB_PORT",
        "data": "VERBINDING_HUB_DATA",
        "users": "VERBINDING_HUB_GEBRUIKERS",
        "group": "VERBINDING_HUB_GROEP",
        "hub_port": "VERBINDING_HUB_API_PORT",
        "proxy_api_port": "VERBINDING_HUB_PROXY_API_PORT",
    }

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "HubSettings":
        env = os.environ if environ is None else environ
        get = lambda key, default="": env.get(cls.ENV[key], "").strip() or default  # noqa: E731
        data = Path(get("data", str(_default_data()))).expanduser().resolve()
        users = get("users", _default_users())
        if users not in (SYSTEM, SIMPLE):
            raise HubError(f"{cls.ENV['users']} moet '{SYSTEM}' of '{SIMPLE}' zijn, niet '{users}'.")
        if users == SYSTEM and not runnable_by_others(Path(sys.executable)):
            raise HubError(f"Andere gebruikers kunnen {sys.executable} niet starten (een map op de weg "
                           "is afgeschermd). Installeer de cursus in een Python-omgeving die voor "
                           f"iedereen leesbaar is, of kies '{SIMPLE}'.")
        trainer = normalize_username(get("trainer", "trainer"))
        if not re.match(USERNAME_PATTERN, trainer):
            raise HubError(f"De naam van de trainer ('{trainer}') mag alleen kleine letters, cijfers en "
                           "streepjes bevatten, beginnen met een letter, en is 2 tot 30 tekens lang.")
        class_password = env.get(cls.ENV["class_password"], "")
        if len(class_password) < MIN_PASSWORD:
            raise HubError(f"Het klaswachtwoord moet minstens {MIN_PASSWORD} tekens lang zijn "
                           f"(zet het in {cls.ENV['class_password']}).")
        trainer_password = env.get(cls.ENV["trainer_password"], "") or trainer_password_from(data)
        if trainer_password == class_password:
            raise HubError("Het trainerwachtwoord moet anders zijn dan het klaswachtwoord.")
        try:
            numbers = {key: int(get(key, default)) for key, default in
                       (("port", "8000"), ("hub_port", "0"), ("proxy_api_port", "0"))}
        except ValueError as error:
            raise HubError(f"Een poortnummer is geen getal: {error}") from None
        return cls(class_password=class_password, trainer_password=trainer_password, trainer=trainer,
                   ip=get("ip", "127.0.0.1"), data=data, users=users, group=get("group", "verbinding-klas"),
                   **numbers)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("0.0.0.0", "") else self.ip
        return f"http://{host}:{self.port}/"


def normalize_username(name: str) -> str:
    """What a learner types ("Anna de Vries") as a hub and system user name ("anna-de-vries")."""
    return re.sub(r"\s+", "-", name.strip().lower())


def trainer_password_from(data: Path) -> str:
    """The trainer's password kept in the hub's data folder, made on first use.

    JupyterHub wants an admin password of at least 32 characters; nobody has to invent one.
    """
    path = data / TRAINER_PASSWORD_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    data.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)  # 32 characters
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


def server_args(admin: bool, runs_as_root: bool) -> list[str]:
    """Command-line options of one single-user server.

    Learners get the course only; the trainer keeps JupyterLab. Kernels talk over Unix
    sockets (``ipc``): with many servers on one machine starting kernels at once, two
    kernels raced for one TCP port here (``ZMQError: Address already in use``).
    """
    args = ["--KernelManager.transport=ipc"]
    if not admin:
        args += [f"--ServerApp.jpserver_extensions={name}=False" for name in LEARNER_OFF]
        args.append("--ServerApp.terminals_enabled=False")
    if runs_as_root:
        args.append("--allow-root")  # without it the hub only says "InvalidStateError"
    return args


def runtime_dir(data_uid: int, username: str) -> Path:
    """A short folder for a server's kernel sockets: ZMQ ipc paths must stay under ~107
    characters and ``~/.local/share/jupyter/runtime/kernel-<uuid>-ipc-<port>`` may not."""
    return Path("/tmp") / f"vbhub-{data_uid}" / username


def config_file() -> Path:
    """``deploy/jupyterhub_config.py`` in a checkout, or its copy in the installed package."""
    for candidate in (PACKAGE_DIR.parents[1] / "deploy", PACKAGE_DIR / "deploy"):
        if (candidate / "jupyterhub_config.py").is_file():
            return candidate / "jupyterhub_config.py"
    raise FileNotFoundError("jupyterhub_config.py not found")


def course_root() -> Path:
    """The folder every single-user server serves: the course notebooks."""
    return notebooks_dir()


def check_requirements() -> None:
    """Dutch errors for what a hub needs and pip does not install."""
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        raise HubError("JupyterHub is niet geïnstalleerd. Installeer het met: pip install -e '.[hub]'") from None
    if not shutil.which("configurable-http-proxy"):
        raise HubError("configurable-http-proxy ontbreekt. Installeer Node.js en daarna: "
                       "npm install -g configurable-http-proxy")


def hub_command() -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(config_file())]


def _default_sigint() -> None:
    # A shell that starts a job in the background makes it ignore SIGINT, and children
    # inherit that: JupyterHub stops servers with SIGINT, so each would wait for a timeout.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    ignore_hangup()


def start_hub(environ: dict | None = None) -> int:
    env = dict(os.environ if environ is None else environ)
    try:
        check_requirements()
        settings = HubSettings.from_env(env)
    except HubError as error:
        print(f"De hub start niet: {error}", file=sys.stderr)
        return 2
    settings.data.mkdir(parents=True, exist_ok=True)
    env.pop("VERBINDING_HOME", None)  # each learner keeps work in their own home folder
    print(
        f"De hub start op {settings.url}\n"
        f"Deelnemers: log in met een eigen naam en het klaswachtwoord.\n"
        f"Trainer: log in als '{settings.trainer}' met het wachtwoord in "
        f"{settings.data / TRAINER_PASSWORD_FILE if not env.get(HubSettings.ENV['trainer_password']) else HubSettings.ENV['trainer_password']}.\n"
        "Stoppen: Ctrl+C.",
        flush=True,
    )
    # Ctrl+C, SIGTERM and SIGHUP stop the hub, which stops the proxy and every learner's
    # server; whatever is left of them is stopped after, and the runtime secrets removed.
    return run_until_stopped(
        lambda: subprocess.Popen(hub_command(), cwd=settings.data, env=env, preexec_fn=_default_sigint),
        cleanup=lambda: remove_runtime_secrets(settings.data),
    )


RUNTIME_SECRETS = ("jupyterhub_cookie_secret", "jupyterhub.pid", "proxy.pid")


def remove_runtime_secrets(data: Path) -> list[Path]:
    """After the hub stopped: its cookie secret and pid files, and the kernel sockets and
    connection files (their keys) of every user it knows. Returns what was removed."""
    import sqlite3

    removed = []
    database = data / "jupyterhub.sqlite"
    names = []
    if database.is_file():
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            with contextlib.suppress(sqlite3.Error):
                names = [name for (name,) in db.execute("SELECT name FROM users")]
    for path in [*(data / name for name in RUNTIME_SECRETS), *(runtime_dir(os.geteuid(), n) for n in names)]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()
        else:
            continue
        removed.append(path)
    return removed


def start_hub_command(args) -> int:
    """``verbinding hub``: options override the environment; asks for the class password."""
    import getpass

    env = dict(os.environ)
    for option, key in (("port", "port"), ("ip", "ip"), ("trainer", "trainer"), ("map", "data"),
                        ("gebruikers", "users")):
        value = getattr(args, option)
        if value is not None:
            env[HubSettings.ENV[key]] = str(value)
    if not env.get(HubSettings.ENV["class_password"]):
        try:
            env[HubSettings.ENV["class_password"]] = getpass.getpass("Klaswachtwoord voor de deelnemers: ")
        except (EOFError, KeyboardInterrupt):
            print("\nGeen klaswachtwoord: de hub start niet.", file=sys.stderr)
            return 2
    return start_hub(env)
