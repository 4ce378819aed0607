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
    if os.geteuid() == 0:
        env[ENV["users"]] = hub.SYSTEM  # as root nothing else is allowed
    env.update({ENV[key]: value for key, value in values.items()})
    return env


def test_trainer_password_is_made_once_and_only_its_hash_is_kept(tmp_path):
    from verbinding.hub.security import verify_password

    first = hub.HubSettings.from_env(_env(tmp_path))
    again = hub.HubSettings.from_env(_env(tmp_path))
    path = tmp_path / hub.TRAINER_HASH_FILE
    assert first.new_trainer_password and len(first.trainer_password) >= 32
    assert not again.new_trainer_password and again.trainer_password == "", "shown once, then nowhere"
    assert again.trainer_password_hash == first.trainer_password_hash
    assert verify_password(first.trainer_password, again.trainer_password_hash)
    assert first.trainer_password not in path.read_text(), "the file holds a hash, not the password"
    assert path.stat().st_mode & 0o077 == 0 and tmp_path.stat().st_mode & 0o077 == 0


def test_an_old_plain_trainer_password_file_becomes_a_hash(tmp_path):
    from verbinding.hub.security import verify_password

    (tmp_path / hub.TRAINER_PASSWORD_FILE).write_text("oud-trainerwachtwoord-van-32-tekens!\n")
    settings = hub.HubSettings.from_env(_env(tmp_path))
    assert not (tmp_path / hub.TRAINER_PASSWORD_FILE).exists()
    assert verify_password("oud-trainerwachtwoord-van-32-tekens!", settings.trainer_password_hash)


@pytest.mark.skipif(os.geteuid() != 0, reason="the rule for root")
def test_as_root_the_hub_never_runs_learners_as_one_shared_user(tmp_path):
    assert hub.HubSettings.from_env(_env(tmp_path, users="")).users == hub.SYSTEM
    with pytest.raises(hub.HubError, match="Als root start de hub alleen met 'systeem'"):
        hub.HubSettings.from_env(_env(tmp_path, users=hub.SIMPLE))


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
    learner = hub.server_args(admin=False)
    trainer = hub.server_args(admin=True)
    for name in ("jupyterlab", "jupyter_server_terminals"):
        assert f"--ServerApp.jpserver_extensions={name}=False" in learner
        assert not any(name in arg for arg in trainer)
    assert "--KernelManager.transport=ipc" in learner and "--KernelManager.transport=ipc" in trainer
    assert not any("allow-root" in arg for arg in learner + trainer)
    assert f"--CappedKernelManager.max_kernels={hub.MAX_KERNELS}" in learner
    for args in (learner, trainer):  # idle kernels go, even with their page still open
        assert "--MappingKernelManager.cull_connected=True" in args
        assert f"--MappingKernelManager.cull_idle_timeout={hub.IDLE_MINUTES * 60}" in args


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
    import subprocess
    from concurrent.futures import ThreadPoolExecutor
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


def test_a_learners_capped_kernels_are_the_course_kernels(tmp_path):
    """The hub's cap replaces the server's kernel manager, so it must be the course's own:
    ipc sockets and a kernel that dies at start replaced (issue 27), not a plain one."""
    from verbinding.hub.limits import CappedKernelManager
    from verbinding.kernels import CourseKernelManager

    assert issubclass(CappedKernelManager, CourseKernelManager)
    manager = CappedKernelManager(connection_dir=str(tmp_path / "k"))
    assert manager._create_kernel_manager_factory().keywords.get("transport") == "ipc"
