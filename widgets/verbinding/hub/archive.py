"""``verbinding klas-archiveren MAP``: keep a class's work, then make the hub ready for the next group.

After the last session the trainer archives the class: one zip with every learner's
workbooks (``werkboeken/<name>/<file>.json``) and the class overview (``klasoverzicht.md``,
the same export as the class overview page, learners numbered, no names). Only when the zip
is written and reads back whole, the hub is reset: every learner's home folder (and, in
``systeem`` mode, their Linux account) is removed, with the hub's database of accounts and
its cookie secret, so next month's "anna-de-vries" starts empty. The trainer's account,
password file and home folder stay. The hub must be stopped first.

This module does not import JupyterHub: it reads the hub's SQLite database directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import grp
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from verbinding.hub import HubError, HubSettings, _default_data, remove_runtime_secrets

DATABASE = "jupyterhub.sqlite"
DEFAULT_GROUP = "verbinding-klas"


@dataclass(frozen=True)
class ClassLearner:
    name: str
    home: Path | None
    system_account: bool  # a Linux account the hub made for the class (systeem)


def hub_running(data: Path) -> bool:
    """True if the hub of ``data`` runs (its pid file names a live process)."""
    try:
        pid = int((data / "jupyterhub.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def hub_users(data: Path) -> list[tuple[str, bool]]:
    """(name, admin) of every account in the hub's database."""
    database = data / DATABASE
    if not database.is_file():
        return []
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return [(name, bool(admin)) for name, admin in db.execute("SELECT name, admin FROM users ORDER BY name")]


def _group_members(group: str) -> set[str]:
    try:
        return set(grp.getgrnam(group).gr_mem)
    except KeyError:
        return set()


def class_learners(data: Path, group: str = DEFAULT_GROUP, trainers: set[str] = frozenset()) -> list[ClassLearner]:
    """The learners of the hub in ``data``: not admins, not the trainer."""
    members = _group_members(group)
    learners = []
    for name, admin in hub_users(data):
        if admin or name in trainers:
            continue
        simple_home = data / "homes" / name
        if simple_home.is_dir():
            learners.append(ClassLearner(name, simple_home, False))
        elif name in members:
            learners.append(ClassLearner(name, Path(pwd.getpwnam(name).pw_dir), True))
        else:
            learners.append(ClassLearner(name, None, False))
    return learners


def workbook_files(learner: ClassLearner) -> list[Path]:
    folder = learner.home / ".verbinding" / "werkboeken" if learner.home else None
    return sorted(folder.glob("*.json")) if folder and folder.is_dir() else []


def class_overview_markdown(files_per_learner: list[list[tuple[str, bytes]]]) -> str:
    """The class overview export, each learner counted once (their newest workbook per code)."""
    from verbinding.classview import ClassOverview, Learner, read_workbooks
    from verbinding.texts import t

    learners, skipped = [], []
    for files in files_per_learner:
        result = read_workbooks(files)
        skipped += result.skipped
        learners += result.learners[:1] if result.learners else []
    numbered = [Learner(t("classview.learner", n=n), item.modules, item.updated)
                for n, item in enumerate(learners, start=1)]
    return ClassOverview(numbered, skipped).markdown()


def write_archive(target: Path, learners: list[ClassLearner], today: dt.date | None = None) -> Path:
    """The zip in folder ``target`` (readable by its owner only); never overwrites one."""
    today = today or dt.date.today()
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"klas-{today.isoformat()}.zip"
    number = 2
    while path.exists():
        path = target / f"klas-{today.isoformat()}-{number}.zip"
        number += 1
    per_learner = []
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for learner in learners:
            files = [(f.name, f.read_bytes()) for f in workbook_files(learner)]
            per_learner.append(files)
            for name, raw in files:
                archive.writestr(f"werkboeken/{learner.name}/{name}", raw)
        archive.writestr("klasoverzicht.md", class_overview_markdown(per_learner))
    with zipfile.ZipFile(path) as check:
        if check.testzip() is not None:
            raise HubError(f"Het archief {path} is beschadigd; er is niets verwijderd.")
    return path


def reset_hub(data: Path, learners: list[ClassLearner]) -> None:
    """Remove every learner (home, Linux account, hub account) and the hub's login state."""
    for learner in learners:
        if learner.system_account:
            subprocess.run(["userdel", "--remove", learner.name], check=True, capture_output=True)
        elif learner.home is not None:
            shutil.rmtree(learner.home)
    remove_runtime_secrets(data)  # the learners' kernel folders, while the database names them
    with contextlib.suppress(FileNotFoundError):
        (data / DATABASE).unlink()  # the hub makes it anew; the trainer is admin by its settings


def archive_class(target: Path, data: Path, group: str = DEFAULT_GROUP, trainer: str = "trainer",
                  confirm=None) -> tuple[Path, int]:
    """Archive, then reset; returns the zip and how many learners it holds."""
    if hub_running(data):
        raise HubError("De hub draait nog. Stop hem eerst (Ctrl+C in het venster van 'verbinding hub'), "
                       "en archiveer dan.")
    if not (data / DATABASE).is_file():
        raise HubError(f"In {data} staat geen hub. Geef de map van de hub met --hub-map.")
    learners = class_learners(data, group, {trainer})
    target = target.expanduser().resolve()
    if target == data or data in target.parents:
        raise HubError("Zet het archief niet in de map van de hub: kies een andere map.")
    if confirm is not None and not confirm(len(learners)):
        raise HubError("Niets gedaan: je hebt niet bevestigd.")
    path = write_archive(target, learners)
    reset_hub(data, learners)
    return path, len(learners)


def archive_class_command(args) -> int:
    """``verbinding klas-archiveren MAP [--hub-map MAP] [--ja]``."""
    env = os.environ
    data = Path(args.hub_map or env.get(HubSettings.ENV["data"], "").strip() or _default_data()).expanduser().resolve()
    group = env.get(HubSettings.ENV["group"], "").strip() or DEFAULT_GROUP
    trainer = env.get(HubSettings.ENV["trainer"], "").strip() or "trainer"

    def confirm(count: int) -> bool:
        if args.ja:
            return True
        if not sys.stdin.isatty():
            print("Bevestig met --ja (er wordt werk van deelnemers verwijderd).", file=sys.stderr)
            return False
        answer = input(f"{count} deelnemers archiveren in {args.map} en daarna van de hub verwijderen? "
                       "Typ ja om door te gaan: ")
        return answer.strip().lower() == "ja"

    try:
        path, count = archive_class(Path(args.map), data, group, trainer, confirm)
    except HubError as error:
        print(f"Archiveren lukt niet: {error}", file=sys.stderr)
        return 2
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"Archiveren stopte halverwege: {error}. Het archief dat al klaar was, blijft staan.", file=sys.stderr)
        return 1
    print(f"Archief: {path} ({count} deelnemers, met klasoverzicht.md).\n"
          "De hub is leeg voor de volgende groep; de trainer en het trainerwachtwoord blijven.\n"
          "Bewaar het archief volgens het bewaarbeleid van je organisatie (AVG) en verwijder het daarna.")
    return 0
