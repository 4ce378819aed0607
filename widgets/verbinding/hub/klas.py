"""The class of ``verbinding hub``: servers ready before the lesson, workbooks for the trainer.

Two jobs, run by the hub as a managed JupyterHub service (``python -m verbinding.hub.klas``,
started and stopped with the hub, as the hub's own user):

- **Ready before the bell.** With a class list (``verbinding hub --klaslijst namen.txt``,
  one name per line) the service creates every learner (their Linux account in ``systeem``)
  and starts their server through the hub's REST API, :data:`CONCURRENT` at a time, printing
  progress and "klaar voor N deelnemers". A learner who logs in finds her server running.
  Names are normalised as at login ("Chantal Öztürk" -> ``chantal-ozturk``) and their
  spelling is recorded as hers, so a look-alike is refused as at login. Anyone not on the
  list still logs in as before.
- **The trainer sees the room** (``systeem`` only). Every learner's home is hers alone
  (0700), so the trainer's server cannot read the workbooks. Every :data:`COLLECT_SECONDS`
  the service copies each learner's current workbook (``~/.verbinding/werkboeken/<name>.json``)
  into :func:`collected_dir`, a folder owned by the trainer's account and readable by it
  alone, below a folder of the hub's user. The trainer's server is told where
  (:data:`COLLECTED_ENV`), and its live class view reads it. A file is copied only if it is
  a regular file owned by that learner (no symlink, FIFO or another's file: the service runs
  as root and must not read for a learner what she could not read herself), and no larger
  than a workbook may be. Nothing of the trainer's is written anywhere a learner can read.

Pure helpers (class list, safe reading and writing) are unit-tested; the service needs
JupyterHub's API only through HTTP (``JUPYTERHUB_API_URL``, ``JUPYTERHUB_API_TOKEN``).
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import stat
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from verbinding.hub.security import NameRegistry, normalize_username
from verbinding.paths import COLLECTED_ENV  # noqa: F401 - the trainer's server is told this variable
from verbinding.workbook import MAX_UPLOAD_BYTES

# Servers started at once. Measured on a 2-core machine while other processes used 78-89%
# of its CPU (benchmarks/bench_hub.py --klaslijst 8, two runs): 8 learners ready in 88 and
# 97 s one at a time, 54 and 76 s two at a time, 43 and 43 s four at a time (one server then
# takes ~20 s instead of ~11 s: the CPU is the limit, more at once would only slow each).
CONCURRENT = 4
COLLECT_SECONDS = 5        # how often the trainer's copy of the workbooks is brought up to date
MAX_CLASS = 200            # names on one class list
SERVICE = "klas"           # the JupyterHub service's name
SERVICE_ENV = "VERBINDING_HUB_KLAS"   # the service's settings (JSON), from the hub's config
CONCURRENT_ENV = "VERBINDING_HUB_GELIJKTIJDIG"  # to measure another limit (benchmark)
START_SECONDS = 600        # one server may take this long to start on a busy machine


class ClassListError(ValueError):
    """A class list the trainer must fix; the message is Dutch and names the line."""


def parse_class_list(text: str, trainer: str = "", pattern: str = r"^[a-z][a-z0-9-]{1,29}$") -> list[tuple[str, str]]:
    """(name as typed, account name) for every name on the list, in its order.

    One name per line; empty lines and lines starting with ``#`` are skipped. A name that
    cannot be an account, two names that become one account, and the trainer's name are
    refused with the line number.
    """
    import re

    result, seen = [], {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        typed = " ".join(line.split())
        if not typed or typed.startswith("#"):
            continue
        account = normalize_username(typed)
        if not re.match(pattern, account):
            raise ClassListError(f"Regel {number} van de klaslijst: '{typed}' kan geen inlognaam worden. "
                                 "Gebruik een voornaam en achternaam: letters, cijfers, spaties en streepjes, "
                                 "beginnend met een letter, hoogstens 30 tekens.")
        if account == trainer:
            raise ClassListError(f"Regel {number} van de klaslijst: '{typed}' is de naam van de trainer.")
        if account in seen:
            raise ClassListError(f"Regel {number} van de klaslijst: '{typed}' wordt '{account}', net als "
                                 f"regel {seen[account]}. Maak de namen verschillend, bijvoorbeeld met een letter erbij.")
        seen[account] = number
        result.append((typed, account))
    if len(result) > MAX_CLASS:
        raise ClassListError(f"De klaslijst heeft {len(result)} namen; de hub start er hoogstens {MAX_CLASS}.")
    return result


def read_class_list(path: Path, trainer: str = "") -> list[tuple[str, str]]:
    """:func:`parse_class_list` of a file (UTF-8, or Windows-1252 as Excel saves it)."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise ClassListError(f"De klaslijst {path} is niet te lezen. Controleer de naam van het bestand.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    names = parse_class_list(text, trainer)
    if not names:
        raise ClassListError(f"De klaslijst {path} bevat geen namen (één naam per regel).")
    return names


# ----- the trainer's copy of the workbooks ------------------------------------------------------


def collected_dir(hub_uid: int, trainer: str) -> Path:
    """Where the trainer's copies of the learners' workbooks are: beside the servers' runtime
    folders (``/tmp/vbhub-<uid>/<name>``), under a name no account can have (two hubs on one
    machine have two trainers)."""
    return Path("/tmp") / f"vbhub-{hub_uid}" / f"_klas-{trainer}"


def hub_owned_folder(path: Path, mode: int) -> None:
    """``path`` as a real folder of this process's user (never a symlink or someone else's
    folder made there first: /tmp is open to all), with ``mode``."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=mode)
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        raise PermissionError(f"{path} is not a folder of this user")
    path.chmod(mode)


def prepare_collected_dir(hub_uid: int, trainer: str, trainer_uid: int) -> Path:
    """The trainer's folder: in a folder of the hub's user (0711: pass, not list), owned by
    the trainer's account, 0700. Nobody else can list or read it."""
    folder = collected_dir(hub_uid, trainer)
    hub_owned_folder(folder.parent, 0o711)
    give_folder(folder, trainer_uid)
    return folder


def give_folder(folder: Path, uid: int, mode: int = 0o700) -> None:
    """Make ``folder`` (in a folder of the hub's user) if needed and give it to ``uid`` with
    ``mode``, through its descriptor: never a link put in its place."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=mode)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)  # a link: ELOOP
    try:
        os.fchmod(descriptor, mode)
        if os.geteuid() == 0:
            os.fchown(descriptor, uid, -1)
    finally:
        os.close(descriptor)


def read_own_workbook(home: Path, name: str, uid: int) -> bytes | None:
    """The learner's current workbook, only if it is a regular file owned by her account and
    not larger than a workbook; else None (missing, a symlink, a FIFO, someone else's file)."""
    path = Path(home) / ".verbinding" / "werkboeken" / f"{name}.json"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != uid or info.st_size > MAX_UPLOAD_BYTES:
            return None
        data = handle.read(MAX_UPLOAD_BYTES + 1)
    return data if len(data) <= MAX_UPLOAD_BYTES else None


def write_copies(folder: Path, copies: dict[str, bytes], owner_uid: int) -> bool:
    """Make ``folder`` hold exactly ``copies`` (file name -> bytes), each file owned by
    ``owner_uid`` and 0600. Written next to the target and renamed into place, through the
    folder's descriptor: a symlink the folder's owner put there is replaced, never followed.
    True if anything changed."""
    changed = False
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        present = set(os.listdir(directory))
        for filename, data in copies.items():
            with contextlib.suppress(OSError):
                descriptor = os.open(filename, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
                with os.fdopen(descriptor, "rb") as handle:
                    if stat.S_ISREG(os.fstat(handle.fileno()).st_mode) and handle.read(len(data) + 1) == data:
                        continue
            temporary = f".{filename}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=directory)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                                 dir_fd=directory)
            with os.fdopen(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                if os.geteuid() == 0:
                    os.fchown(handle.fileno(), owner_uid, -1)
                handle.write(data)
            try:
                os.replace(temporary, filename, src_dir_fd=directory, dst_dir_fd=directory)
            except OSError:  # a folder of that name: leave it, drop the copy
                os.unlink(temporary, dir_fd=directory)
                continue
            changed = True
        for stale in present - set(copies):
            if stale.endswith(".json") and not stale.startswith("."):
                with contextlib.suppress(OSError):
                    os.unlink(stale, dir_fd=directory)
                    changed = True
    finally:
        os.close(directory)
    return changed


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    home: Path


def class_accounts(group: str, trainer: str) -> list[Account]:
    """The learners' Linux accounts: the members of the class group the hub made, without
    the trainer's account."""
    try:
        members = grp.getgrnam(group).gr_mem
    except KeyError:
        return []
    accounts = []
    for name in sorted(members):
        if name == trainer:
            continue
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            accounts.append(Account(name, entry.pw_uid, Path(entry.pw_dir)))
    return accounts


def collect(accounts: Iterable[Account], folder: Path, trainer_uid: int) -> bool:
    """One round: every learner's own workbook into the trainer's folder."""
    copies = {}
    for account in accounts:
        data = read_own_workbook(account.home, account.name, account.uid)
        if data is not None:
            copies[f"{account.name}.json"] = data
    return write_copies(folder, copies, trainer_uid)


# ----- the hub's REST API ---------------------------------------------------------------------


class HubAPI:
    """Just what the service asks of the hub (``JUPYTERHUB_API_URL``, the service's token)."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url.rstrip("/"), token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else {}
        except urllib.error.HTTPError as error:
            raw = error.read()
            with contextlib.suppress(ValueError):
                return error.code, json.loads(raw) if raw else {}
            return error.code, {}

    def wait_until_up(self, seconds: float = 300) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.call("GET", "/")[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the hub's API did not answer")
            time.sleep(1)

    def start_server(self, name: str) -> float:
        """Create ``name`` if needed and start her server; seconds until it is ready."""
        started = time.monotonic()
        status, _ = self.call("GET", f"/users/{name}")
        if status == 404:
            status, body = self.call("POST", f"/users/{name}")
            if status not in (201, 409):
                raise RuntimeError(body.get("message") or f"HTTP {status}")
        status, body = self.call("POST", f"/users/{name}/server")
        if status not in (201, 202, 400):  # 400: it runs already
            raise RuntimeError(body.get("message") or f"HTTP {status}")
        deadline = started + START_SECONDS
        while time.monotonic() < deadline:
            status, user = self.call("GET", f"/users/{name}")
            server = (user.get("servers") or {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - started
            if status == 200 and not server:
                raise RuntimeError("de server stopte tijdens het starten")
            time.sleep(1)
        raise TimeoutError(f"niet binnen {START_SECONDS} seconden")


def say(text: str) -> None:
    print(text, flush=True)


def prespawn(api: HubAPI, names: list[tuple[str, str]], names_file: str, concurrent: int = CONCURRENT) -> int:
    """Start the servers of the class list, ``concurrent`` at a time; returns how many run."""
    registry = NameRegistry(Path(names_file)) if names_file else None
    accounts = []
    for typed, account in names:
        if registry is not None and registry.claim(typed) is None:
            say(f"Klaslijst: {NameRegistry.collision_message(typed)} Deze naam slaat de hub over.")
            continue
        accounts.append(account)
    say(f"De hub start de servers van {len(accounts)} deelnemers van de klaslijst ({concurrent} tegelijk)…")
    started, ready = time.monotonic(), 0
    with ThreadPoolExecutor(max(1, concurrent)) as pool:
        futures = {pool.submit(api.start_server, name): name for name in accounts}
        for future in as_completed(futures):
            name = futures[future]
            try:
                seconds = future.result()
            except Exception as error:  # a failure is said, the rest goes on
                say(f"De server van {name} startte niet: {error}. Zij kan gewoon inloggen; dan start hij opnieuw.")
                continue
            ready += 1
            say(f"Server van {name} klaar ({ready} van {len(accounts)}, {seconds:.0f} s).")
    elapsed = time.monotonic() - started
    missing = len(accounts) - ready
    say(f"De hub is klaar voor {ready} deelnemers: hun cursus draait al ({elapsed:.0f} s)."
        + (f" {missing} servers startten niet (zie hierboven)." if missing else ""))
    return ready


def run(settings: dict, api: HubAPI) -> None:
    """The service: the class list first, then the trainer's copies, until the hub stops it."""
    api.wait_until_up()
    if settings.get("names"):
        concurrent = int(os.environ.get(CONCURRENT_ENV) or CONCURRENT)
        prespawn(api, [tuple(pair) for pair in settings["names"]], settings.get("names_file", ""), concurrent)
    if not settings.get("collect"):
        return
    trainer, hub_uid = settings["trainer"], os.geteuid()
    while True:
        try:
            trainer_uid = pwd.getpwnam(trainer).pw_uid
            folder = prepare_collected_dir(hub_uid, trainer, trainer_uid)
            collect(class_accounts(settings["group"], trainer), folder, trainer_uid)
        except (KeyError, OSError) as error:  # the trainer's account not there yet, a full disk
            print(f"[klas] collecting workbooks: {error}", file=sys.stderr, flush=True)
        time.sleep(COLLECT_SECONDS)


def main() -> int:
    import signal

    # The hub stops a service with SIGINT, then SIGTERM: end at once (every copy is written
    # by a rename, a server start is the hub's own work), without a traceback.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: os._exit(0))
    settings = json.loads(os.environ.get(SERVICE_ENV) or "{}")
    api = HubAPI(os.environ["JUPYTERHUB_API_URL"], os.environ["JUPYTERHUB_API_TOKEN"])
    run(settings, api)
    if settings.get("names"):
        # A managed service that ends is restarted by the hub: stay, without work.
        while True:
            time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
