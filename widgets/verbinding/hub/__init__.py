"""``verbinding hub``: a class on one server, with JupyterHub.

Every learner logs in with a name of their choice and the class password the trainer set;
each gets their own Jupyter server that opens the course (and nothing else: no JupyterLab,
no terminal). The trainer logs in as the hub's admin and gets JupyterLab too. With a class
list (``--klaslijst``) the learners' servers run before the lesson, and the trainer's class
overview follows the class live (``verbinding.hub.klas``).

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

from verbinding.hub.security import hash_password, normalize_username, verify_password, write_private
from verbinding.paths import PACKAGE_DIR
from verbinding.server import ignore_hangup, notebooks_dir, run_until_stopped
from verbinding.session import DEFAULT_CODE

SYSTEM, SIMPLE = "systeem", "eenvoudig"
# A JupyterHub name that is also a safe Linux user name and a short socket path (see
# runtime_dir): lower case letter first, then letters, digits or dashes, at most 30.
USERNAME_PATTERN = r"^[a-z][a-z0-9-]{1,29}$"
MIN_PASSWORD = 8
TRAINER_PASSWORD_FILE = "trainerwachtwoord"  # the old place, with the password itself
TRAINER_HASH_FILE = "trainerwachtwoord.scrypt"  # only a hash: the password is nowhere on disk
# Limits of one learner's server (README, "Wat een deelnemer kan, en wat niet").
MAX_KERNELS = 3              # course pages (kernels) open at once per learner
MEMORY_MB = 1536             # memory (RLIMIT_DATA) per process of a learner's server; not
                             # RLIMIT_AS: the chart engine's V8 reserves more than that and died
MAX_PROCESSES = 1024         # processes per learner account (rlimit, systeem)
IDLE_MINUTES = 60            # a kernel without activity is stopped, even with its tab open
# Jupyter server extensions a learner does not get: JupyterLab (and its language server
# and notebook shim) and terminals. Voilà stays. Measured: idle server 141 -> 133 MB.
LEARNER_OFF = ("jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "notebook_shim")
COURSE_URL = f"/voila/render/index.ipynb?werkboek={DEFAULT_CODE}"
TRAINER_URL = f"/voila/render/trainer/klasoverzicht.ipynb?werkboek={DEFAULT_CODE}"


class HubError(Exception):
    """A problem the trainer can fix; the message is Dutch and names the fix."""


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _default_users() -> str:
    """As root always real system users (a learner's server never runs as root); else one
    shared user."""
    return SYSTEM if _is_root() else SIMPLE


MODE_TEXT = {
    SYSTEM: ("Elke deelnemer krijgt een eigen Linux-account zonder beheerrechten; haar cursus en "
             "alles wat ze daarin uitvoert, draait onder dat account. Ze kan de bestanden van "
             "anderen, de database van de hub en het trainerwachtwoord niet lezen."),
    SIMPLE: ("Alle deelnemers draaien onder jouw eigen account, elk met een eigen map. De hub "
             "houdt ze uit elkaars cursus, maar wie code uitvoert in haar eigen Jupyter-server "
             "kan alles lezen wat jouw account kan lezen, ook het werk van anderen. Alleen voor "
             "een groep die je vertrouwt of een demonstratie."),
}


def _default_data() -> Path:
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        return Path("/srv/verbinding-hub")
    return Path.home() / ".verbinding" / "hub"


@dataclass(frozen=True)
class HubSettings:
    """What the trainer chooses, read from the environment (``from_env``)."""

    class_password: str
    trainer_password: str       # as given in the environment, or just made; "" when unknown
    trainer: str = "trainer"
    ip: str = "127.0.0.1"
    port: int = 8000
    data: Path = Path(".")
    users: str = SIMPLE
    group: str = "verbinding-klas"
    hub_port: int = 0          # the hub's internal API; 0: a free port at start
    proxy_api_port: int = 0    # configurable-http-proxy's API; 0: a free port at start
    trainer_password_hash: str = ""
    new_trainer_password: bool = False  # made just now: print it once
    class_list: tuple[tuple[str, str], ...] = ()  # (as typed, account): servers started before the lesson

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
        "class_list": "VERBINDING_HUB_KLASLIJST",
    }

    @classmethod
    def from_env(cls, environ: dict | None = None) -> HubSettings:
        env = os.environ if environ is None else environ
        get = lambda key, default="": env.get(cls.ENV[key], "").strip() or default  # noqa: E731
        data = Path(get("data", str(_default_data()))).expanduser().resolve()
        users = get("users", _default_users())
        if users not in (SYSTEM, SIMPLE):
            raise HubError(f"{cls.ENV['users']} moet '{SYSTEM}' of '{SIMPLE}' zijn, niet '{users}'.")
        if users == SIMPLE and _is_root():
            raise HubError(f"Als root start de hub alleen met '{SYSTEM}': met '{SIMPLE}' zou de cursus "
                           "van elke deelnemer als root draaien, en kan een deelnemer alles op deze "
                           f"server. Kies '{SYSTEM}' (een eigen account per deelnemer), of start de "
                           "hub als een gewone gebruiker.")
        if users == SYSTEM and not (_is_root() and sys.platform.startswith("linux") and shutil.which("useradd")):
            raise HubError(f"'{SYSTEM}' maakt een Linux-account per deelnemer en kan alleen als root op "
                           f"Linux (met useradd). Start de hub als root, of kies '{SIMPLE}'.")
        trainer = normalize_username(get("trainer", "trainer"))
        if not re.match(USERNAME_PATTERN, trainer):
            raise HubError(f"De naam van de trainer ('{trainer}') mag alleen kleine letters, cijfers en "
                           "streepjes bevatten, beginnen met een letter, en is 2 tot 30 tekens lang.")
        class_password = env.get(cls.ENV["class_password"], "")
        if len(class_password) < MIN_PASSWORD:
            raise HubError(f"Het klaswachtwoord moet minstens {MIN_PASSWORD} tekens lang zijn "
                           f"(zet het in {cls.ENV['class_password']}).")
        trainer_password, password_hash, new = trainer_password_from(data, env.get(cls.ENV["trainer_password"], ""))
        if verify_password(class_password, password_hash):
            raise HubError("Het trainerwachtwoord moet anders zijn dan het klaswachtwoord.")
        try:
            numbers = {key: int(get(key, default)) for key, default in
                       (("port", "8000"), ("hub_port", "0"), ("proxy_api_port", "0"))}
        except ValueError as error:
            raise HubError(f"Een poortnummer is geen getal: {error}") from None
        class_list = ()
        if get("class_list"):
            from verbinding.hub.klas import ClassListError, read_class_list

            try:
                class_list = tuple(read_class_list(Path(get("class_list")).expanduser(), trainer))
            except ClassListError as error:
                raise HubError(str(error)) from None
        return cls(class_password=class_password, trainer_password=trainer_password, trainer=trainer,
                   ip=get("ip", "127.0.0.1"), data=data, users=users, group=get("group", "verbinding-klas"),
                   trainer_password_hash=password_hash, new_trainer_password=new, class_list=class_list,
                   **numbers)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("0.0.0.0", "") else self.ip
        return f"http://{host}:{self.port}/"


def private_data_dir(data: Path) -> None:
    """The hub's data folder, readable by the hub's owner only (database, hashes, secrets)."""
    data.mkdir(mode=0o700, parents=True, exist_ok=True)
    data.chmod(0o700)


def trainer_password_from(data: Path, given: str = "") -> tuple[str, str, bool]:
    """(password or "", its scrypt hash, made just now) for the trainer.

    Only the hash is kept (``trainerwachtwoord.scrypt``, 0600 in a 0700 folder). A password
    given in the environment replaces the stored hash; without one and without a hash a new
    password of 32 characters is made (JupyterHub wants admins to have a long one), to be
    shown once. A plain password file of an older version is turned into a hash.
    """
    private_data_dir(data)
    path, old = data / TRAINER_HASH_FILE, data / TRAINER_PASSWORD_FILE
    if not given and old.is_file():
        given = old.read_text(encoding="utf-8").strip()
    if given:
        stored = hash_password(given)
        write_private(path, stored + "\n")
        old.unlink(missing_ok=True)
        return given, stored, False
    if path.is_file():
        return "", path.read_text(encoding="utf-8").strip(), False
    password = secrets.token_urlsafe(24)  # 32 characters
    stored = hash_password(password)
    write_private(path, stored + "\n")
    return password, stored, True


def server_args(admin: bool) -> list[str]:
    """Command-line options of one single-user server (never ``--allow-root``).

    Learners get the course only; the trainer keeps JupyterLab. Kernels talk over Unix
    sockets (``ipc``): with many servers on one machine starting kernels at once, two
    kernels raced for one TCP port here (``ZMQError: Address already in use``). At most
    :data:`MAX_KERNELS` kernels per server; a kernel idle for :data:`IDLE_MINUTES` is
    stopped even while its page is open (the work is saved after every change).
    """
    args = ["--KernelManager.transport=ipc",
            f"--MappingKernelManager.cull_idle_timeout={IDLE_MINUTES * 60}",
            "--MappingKernelManager.cull_interval=60",
            "--MappingKernelManager.cull_connected=True"]
    if not admin:
        args += ["--ServerApp.kernel_manager_class=verbinding.hub.limits.CappedKernelManager",
                 f"--CappedKernelManager.max_kernels={MAX_KERNELS}"]
        args += [f"--ServerApp.jpserver_extensions={name}=False" for name in LEARNER_OFF]
        args.append("--ServerApp.terminals_enabled=False")
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
    os.umask(0o077)  # the hub's database, cookie secret and pid files: for its owner only

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
    if settings.users == SYSTEM:
        from verbinding.hub.shared_python import SharedPythonError, shared_python

        try:
            python = shared_python()
        except SharedPythonError as error:
            print(f"De hub start niet: {error}", file=sys.stderr)
            return 2
        if python.copied:
            print(f"De deelnemers gebruiken een kopie van Python in {python.python.parents[2]} "
                  "(hun accounts kunnen de oorspronkelijke map niet openen).", flush=True)
    env.pop("VERBINDING_HOME", None)  # each learner keeps work in their own home folder
    # The hub reads the trainer's hash from its data folder; the password stays out of its
    # environment (and so out of every process it starts).
    env.pop(HubSettings.ENV["trainer_password"], None)
    if settings.new_trainer_password:
        trainer_text = (f"met dit wachtwoord: {settings.trainer_password}\n"
                        "  Schrijf het nu op: het staat nergens (de hub bewaart alleen een hash). "
                        f"Kwijt? Verwijder {settings.data / TRAINER_HASH_FILE} en start opnieuw.")
    else:
        trainer_text = "met het trainerwachtwoord dat je eerder kreeg of koos"
    print(
        f"De hub start op {settings.url}\n"
        f"Werkwijze: '{settings.users}'. {MODE_TEXT[settings.users]}\n"
        f"Grenzen per deelnemer: {MAX_KERNELS} cursuspagina's tegelijk, {MEMORY_MB} MB geheugen per "
        f"proces, {MAX_PROCESSES} processen; een pagina die {IDLE_MINUTES} minuten niets doet, wordt "
        "gestopt (het werk is dan al bewaard).\n"
        f"Deelnemers: log in met een eigen naam en het klaswachtwoord.\n"
        + (f"Klaslijst: {len(settings.class_list)} namen; hun servers starten nu al, zodat de cursus "
           "klaarstaat als ze inloggen. Wie niet op de lijst staat, kan ook inloggen.\n"
           if settings.class_list else "")
        + f"Trainer: log in als '{settings.trainer}' {trainer_text}\n"
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
    """After the hub stopped: its cookie secret and pid files, the kernel sockets and
    connection files (their keys) of every user it knows, and the trainer's copies of the
    workbooks. Returns what was removed."""
    import sqlite3

    removed = []
    database = data / "jupyterhub.sqlite"
    names = []
    if database.is_file():
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            with contextlib.suppress(sqlite3.Error):
                names = [name for (name,) in db.execute("SELECT name FROM users")]
    from verbinding.hub.klas import collected_dir

    # With them the trainer's copies of the learners' workbooks (the originals stay at home).
    for path in [*(data / name for name in RUNTIME_SECRETS), *(runtime_dir(os.geteuid(), n) for n in names),
                 *(collected_dir(os.geteuid(), n) for n in names)]:
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
                        ("gebruikers", "users"), ("klaslijst", "class_list")):
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
