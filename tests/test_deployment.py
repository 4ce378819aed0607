"""What a fresh machine, Binder and `verbinding start` rely on: the config files agree."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from verbinding import server

ROOT = Path(__file__).resolve().parents[1]


def _voila_config() -> dict:
    return json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))


def test_voila_config_keeps_code_and_tracebacks_hidden_and_culls_kernels():
    config = _voila_config()
    voila = config["VoilaConfiguration"]
    assert voila["template"] == "verbinding"
    assert voila["strip_sources"] is True and voila["show_tracebacks"] is False
    assert voila["file_allowlist"] == ["favicon\\.ico"], "only allow-listed files are served"
    culling = config["MappingKernelManager"]
    assert 0 < culling["cull_idle_timeout"] <= 600 and culling["cull_connected"] is False


def test_binder_installs_the_package_which_brings_the_server_settings():
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").split("\n")
    assert "-e ." in [line.strip() for line in requirements], "repo2docker ignores pyproject.toml"
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert tuple(map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())) >= (3, 11)
    assert not (ROOT / "binder" / "postBuild").exists(), "nothing to copy by hand: the package installs it"


def test_installing_the_package_gives_every_jupyter_server_the_course_settings():
    """`pip install -e .` (README, Binder) and a wheel both put the files in sys.prefix."""
    etc = Path(sys.prefix) / "etc" / "jupyter"
    assert json.loads((etc / "voila.json").read_text(encoding="utf-8")) == _voila_config(), (
        "the installed voila.json is the repository's (reinstall after changing it)")
    enabled = json.loads((etc / "jupyter_server_config.d" / "verbinding.json").read_text(encoding="utf-8"))
    assert enabled == {"ServerApp": {"jpserver_extensions": {"verbinding.jupyter_extension": True}}}
    template = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "verbinding"
    assert (template / "index.html.j2").is_file()


_SERVER_SETTINGS = """
import json, sys, tempfile
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(argv=["--no-browser", "--port=0", "--ServerApp.root_dir=" + tempfile.mkdtemp()] + sys.argv[1:])
km = app.kernel_manager
print(json.dumps({"mathjax_url": app.web_app.settings.get("mathjax_url", "unset"),
                  "extension": app.extension_manager.extensions["verbinding.jupyter_extension"].enabled,
                  "cull": [km.cull_idle_timeout, km.cull_interval, km.cull_connected],
                  "kernels": type(km).__name__}))
"""


def _server_settings(*argv: str) -> dict:
    result = subprocess.run([sys.executable, "-c", _SERVER_SETTINGS, *argv], capture_output=True,
                            text=True, timeout=120, cwd=ROOT / "tests")
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_jupyter_server_gets_no_mathjax_cdn_and_culls_like_voila():
    settings = _server_settings()
    assert settings["extension"]
    assert settings["mathjax_url"] is None, "Voilà pages in a Jupyter server would load MathJax from cdnjs"
    culling = _voila_config()["MappingKernelManager"]
    assert settings["cull"] == [culling["cull_idle_timeout"], culling["cull_interval"], culling["cull_connected"]]
    assert settings["kernels"] == "CourseKernelManager", "ipc sockets and replaced kernels (issue 27)"


def test_an_administrators_own_server_settings_win():
    settings = _server_settings("--MappingKernelManager.cull_idle_timeout=3600",
                                '--ServerApp.tornado_settings={"mathjax_url": "/static/mathjax.js"}')
    assert settings["cull"][0] == 3600 and settings["mathjax_url"] == "/static/mathjax.js"
    own = _server_settings("--ServerApp.kernel_manager_class=jupyter_server.services.kernels.kernelmanager.AsyncMappingKernelManager")
    assert own["kernels"] == "AsyncMappingKernelManager"


def test_readme_starts_with_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    assert commands[0].endswith("verbinding start")
    assert commands[1].endswith("python -m pytest")
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_start_command_serves_the_course_folder_with_the_shared_config():
    command = server.voila_command(8866, "127.0.0.1")
    assert command[:3] == [sys.executable, "-m", "verbinding.trainer_access"]  # Voilà with the trainer guard
    assert Path(command[3]) == server.notebooks_dir() and (server.notebooks_dir() / "index.ipynb").is_file()
    assert (server.config_dir() / "voila.json").is_file()
    assert "--Voila.ip=127.0.0.1" in command


def test_console_command_is_installed():
    result = subprocess.run([Path(sys.executable).with_name("verbinding"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "start" in result.stdout


def test_a_room_is_never_pointed_at_one_code():
    assert server.course_url(8866, "127.0.0.1").endswith("index.ipynb?werkboek=mijn-werk")
    for ip in ("0.0.0.0", "192.0.2.10"):
        url = server.course_url(8866, ip)
        assert "werkboek=" not in url and url.endswith("/voila/render/index.ipynb")


def test_only_the_course_app_is_preheated():
    import re as regex

    patterns = [regex.compile(p) for p in _voila_config()["VoilaKernelManager"]["preheat_denylist"]]
    course = ROOT / "course"

    def denied(path: Path) -> bool:
        return any(p.match(str(path)) or p.pattern in str(path) for p in patterns)

    assert not denied(course / "index.ipynb")
    assert all(denied(p) for p in course.rglob("*.ipynb") if p.name != "index.ipynb" or p.parent != course)
