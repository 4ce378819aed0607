"""`verbinding hub` settings: what a trainer sets, checked before JupyterHub starts."""

from __future__ import annotations

import os
import shutil

import pytest

from verbinding import hub
from verbinding.cli import main

ENV = hub.HubSettings.ENV


def _env(tmp_path, **values):
    env = {ENV["class_password"]: "klasgeheim", ENV["data"]: str(tmp_path)}
    env.update({ENV[key]: value for key, value in values.items()})
    return env


def test_trainer_password_is_made_once_kept_private_and_reused(tmp_path):
    first = hub.HubSettings.from_env(_env(tmp_path))
    again = hub.HubSettings.from_env(_env(tmp_path))
    path = tmp_path / hub.TRAINER_PASSWORD_FILE
    assert len(first.trainer_password) >= 32 and first.trainer_password == again.trainer_password
    assert path.stat().st_mode & 0o077 == 0, "only the hub's owner can read the trainer's password"


@pytest.mark.parametrize(("values", "message"), [
    ({"class_password": "kort"}, "minstens 8 tekens"),
    ({"trainer_password": "klasgeheim"}, "anders zijn dan het klaswachtwoord"),
    ({"trainer": "1e trainer"}, "kleine letters"),
    ({"users": "iedereen"}, "'systeem' of 'eenvoudig'"),
    ({"port": "achtduizend"}, "geen getal"),
])
def test_wrong_settings_get_a_dutch_message(tmp_path, values, message):
    with pytest.raises(hub.HubError, match=message):
        hub.HubSettings.from_env(_env(tmp_path, **values))


def test_a_typed_name_becomes_a_safe_user_name():
    assert hub.normalize_username("  Anna de Vries ") == "anna-de-vries"


def test_learners_get_the_course_only_and_the_trainer_jupyterlab():
    learner = hub.server_args(admin=False, runs_as_root=False)
    trainer = hub.server_args(admin=True, runs_as_root=False)
    for name in ("jupyterlab", "jupyter_server_terminals"):
        assert f"--ServerApp.jpserver_extensions={name}=False" in learner
        assert not any(name in arg for arg in trainer)
    assert "--KernelManager.transport=ipc" in learner and "--KernelManager.transport=ipc" in trainer
    assert "--allow-root" in hub.server_args(admin=False, runs_as_root=True)


def test_kernel_socket_paths_stay_short():
    longest = hub.runtime_dir(65534, "a" * 30) / ("kernel-" + "0" * 36 + "-ipc-65535")
    assert len(str(longest)) < 107


def test_hub_command_explains_a_missing_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(hub, "check_requirements", lambda: None)
    monkeypatch.setenv(ENV["class_password"], "kort")
    assert main(["hub", "--map", str(tmp_path)]) == 2
    assert "minstens 8 tekens" in capsys.readouterr().err


@pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("useradd")),
                    reason="making a Linux account needs root and useradd")
def test_a_learner_account_is_made_without_stopping_the_hub():
    """In 'systeem' mode the hub makes a Linux account on a learner's first login, in a
    subprocess it awaits (the hub keeps answering others); the home folder is private."""
    import asyncio
    import pwd
    from concurrent.futures import ThreadPoolExecutor
    import subprocess
    from pathlib import Path
    from types import SimpleNamespace

    from verbinding.hub.config import SystemClassAuthenticator

    name, group = "vbt-account-check", "vbt-klas-check"
    authenticator = SystemClassAuthenticator(klas_group=group)

    def add():  # in a thread of its own: another test's event loop may run in this one
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, authenticator.add_system_user(SimpleNamespace(name=name))).result()

    try:
        add()
        home = Path(pwd.getpwnam(name).pw_dir)
        assert home.is_dir() and home.stat().st_mode & 0o077 == 0
        assert name in authenticator._group_members()
        with pytest.raises(subprocess.CalledProcessError):  # the account exists: useradd refuses
            add()
    finally:
        subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)


def test_the_hub_pages_for_a_class_are_dutch_and_never_give_up_on_a_script(tmp_path):
    """The templates the hub gets (c.JupyterHub.template_paths), rendered the way JupyterHub
    loads them: ours first, the hub's own under the ``templates/`` prefix."""
    from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
    from jupyterhub._data import DATA_FILES_PATH
    from traitlets.config import Config

    from verbinding.hub.config import configure

    c = Config()
    configure(c, hub.HubSettings.from_env(_env(tmp_path)))
    default = [os.path.join(DATA_FILES_PATH, "templates")]
    env = Environment(undefined=ChainableUndefined, loader=ChoiceLoader([
        FileSystemLoader(c.JupyterHub.template_paths),
        PrefixLoader({"templates": FileSystemLoader(default)}, "/"),
        FileSystemLoader(default),
    ]))
    context = {"static_url": lambda *a, **k: "/static", "progress_url": "/progress", "xsrf": "x"}
    pending = env.get_template("spawn_pending.html").render(**context)
    assert "Je cursus wordt klaargezet" in pending and "Your server is starting" not in pending
    assert "waitSeconds: 0" in pending and 'documentElement.lang = "nl"' in pending
    assert "new EventSource" in pending, "the hub's own progress stream and redirect stay"
    login = env.get_template("login.html").render(**context, login_error="Invalid username or password")
    assert "Klaswachtwoord" in login and 'id="login_submit"' in login and "Sign in" not in login
    assert "Controleer je naam" in login and "Invalid" not in login
