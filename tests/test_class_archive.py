"""``verbinding klas-archiveren``: the class's work in one zip, then an empty hub for the next group."""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

import pytest
from test_classview import make_learner, workbook_bytes

from verbinding import cli, hub
from verbinding.hub import archive
from verbinding.texts import t

LEARNERS = ["anna-de-vries", "chantal-ozturk", "ruud-t-hart"]
TRAINER = "trainer"


def _hub_with_a_class(data: Path) -> None:
    """A stopped ``eenvoudig`` hub as JupyterHub leaves it: its database (JupyterHub's own
    schema), a home folder with a workbook per learner, the trainer's files."""
    from jupyterhub import orm

    session = orm.new_session_factory(f"sqlite:///{data / archive.DATABASE}")()
    for name in [TRAINER, *LEARNERS]:
        session.add(orm.User(name=name, admin=name == TRAINER))
    session.commit()
    session.close()
    rng = random.Random(3)
    for number, name in enumerate(LEARNERS):
        folder = data / "homes" / name / ".verbinding" / "werkboeken"
        folder.mkdir(parents=True)
        # Every hub learner's workbook had the same code: each must still count once.
        (folder / "mijn-werk.json").write_bytes(workbook_bytes("mijn-werk", make_learner(number, rng)[0]))
    (data / "homes" / TRAINER).mkdir(exist_ok=True)
    (data / "homes" / TRAINER / "eigen.txt").write_text("van de trainer")
    (data / hub.TRAINER_PASSWORD_FILE).write_text("geheim-van-de-trainer\n")
    (data / "jupyterhub_cookie_secret").write_bytes(os.urandom(32))


def test_archive_keeps_every_learners_work_and_empties_the_hub(tmp_path):
    data, target = tmp_path / "hub", tmp_path / "archief"
    data.mkdir()
    _hub_with_a_class(data)
    path, count = archive.archive_class(target, data, trainer=TRAINER, confirm=lambda n: n == 3)
    assert count == 3 and path.parent == target and path.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(path) as zipped:
        names = set(zipped.namelist())
        assert names == {f"werkboeken/{n}/mijn-werk.json" for n in LEARNERS} | {"klasoverzicht.md"}
        overview = zipped.read("klasoverzicht.md").decode("utf-8")
    assert t("classview.export_title") in overview.replace("\\", "")
    assert t("classview.learner", n=3) in overview and t("classview.learner", n=4) not in overview
    assert not any(name in overview for name in LEARNERS), "the overview names no learner"
    # The next group starts empty; the trainer keeps everything.
    assert not any((data / "homes" / n).exists() for n in LEARNERS)
    assert not (data / archive.DATABASE).exists() and not (data / "jupyterhub_cookie_secret").exists()
    assert (data / "homes" / TRAINER / "eigen.txt").read_text() == "van de trainer"
    assert (data / hub.TRAINER_PASSWORD_FILE).is_file()
    # A second archive the same day does not overwrite the first.
    _hub_with_a_class(data)
    second, _ = archive.archive_class(target, data, trainer=TRAINER)
    assert second != path and path.is_file()


def test_nothing_is_removed_without_confirmation_or_while_the_hub_runs(tmp_path):
    data = tmp_path / "hub"
    data.mkdir()
    _hub_with_a_class(data)
    with pytest.raises(hub.HubError, match="niet bevestigd"):
        archive.archive_class(tmp_path / "archief", data, trainer=TRAINER, confirm=lambda n: False)
    with pytest.raises(hub.HubError, match="niet in de map van de hub"):
        archive.archive_class(data / "archief", data, trainer=TRAINER)
    (data / "jupyterhub.pid").write_text(str(os.getpid()))
    with pytest.raises(hub.HubError, match="De hub draait nog"):
        archive.archive_class(tmp_path / "archief", data, trainer=TRAINER)
    assert all((data / "homes" / n / ".verbinding" / "werkboeken" / "mijn-werk.json").is_file() for n in LEARNERS)
    assert not (tmp_path / "archief").exists()


def test_the_command_says_in_dutch_what_it_did(tmp_path, capsys, monkeypatch):
    data = tmp_path / "hub"
    data.mkdir()
    _hub_with_a_class(data)
    monkeypatch.setenv("VERBINDING_TRAINER", TRAINER)
    assert cli.main(["klas-archiveren", str(tmp_path / "archief"), "--hub-map", str(data)]) == 2
    assert "--ja" in capsys.readouterr().err  # no terminal to ask: nothing removed
    assert (data / archive.DATABASE).exists()
    assert cli.main(["klas-archiveren", str(tmp_path / "archief"), "--hub-map", str(data), "--ja"]) == 0
    out = capsys.readouterr().out
    assert "3 deelnemers" in out and "bewaarbeleid" in out
    assert cli.main(["klas-archiveren", str(tmp_path / "archief"), "--hub-map", str(tmp_path / "leeg"), "--ja"]) == 2
    assert "geen hub" in capsys.readouterr().err
