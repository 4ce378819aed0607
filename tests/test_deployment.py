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


def test_binder_installs_the_package_and_culls_like_voila():
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").split("\n")
    assert "-e ." in [line.strip() for line in requirements], "repo2docker ignores pyproject.toml"
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert tuple(map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())) >= (3, 11)
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    server_config = json.loads(re.search(r"<<'JSON'\n(.*?)\nJSON", post_build, re.S).group(1))
    assert server_config["MappingKernelManager"] == _voila_config()["MappingKernelManager"]


def test_readme_starts_with_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    assert commands[0].endswith("verbinding start")
    assert commands[1].endswith("python -m pytest")
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_start_command_serves_the_course_folder_with_the_shared_config():
    command = server.voila_command(8866, "127.0.0.1")
    assert command[:3] == [sys.executable, "-m", "voila"]
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
