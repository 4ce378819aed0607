"""The hub's class service without a hub: the class list, and the trainer's copies of the
workbooks read and written so that no learner reads what is not hers (verbinding.hub.klas)."""

from __future__ import annotations

import os
import stat

import pytest

from verbinding import hub
from verbinding.hub import klas

ENV = hub.HubSettings.ENV
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="ownership checks need root")
NOBODY = 65534


def test_a_class_list_gives_the_names_as_login_makes_them():
    text = "\ufeff# klas van maandag\nChantal Öztürk\n\n  Ruud 't  Hart \nAnna de Vries\n"
    assert klas.parse_class_list(text) == [("Chantal Öztürk", "chantal-ozturk"), ("Ruud 't Hart", "ruud-t-hart"),
                                           ("Anna de Vries", "anna-de-vries")]


@pytest.mark.parametrize(("text", "message"), [
    ("Anna Müller\nAnna Muller\n", "Regel 2 van de klaslijst: 'Anna Muller' wordt 'anna-muller', net als regel 1"),
    ("Anna\n123\n", "Regel 2 van de klaslijst: '123' kan geen inlognaam worden"),
    ("Anna\nTrainer\n", "Regel 2 van de klaslijst: 'Trainer' is de naam van de trainer"),
    ("x" * 40 + "\n", "hoogstens 30 tekens"),
])
def test_a_wrong_class_list_is_refused_with_its_line(text, message):
    with pytest.raises(klas.ClassListError, match=message):
        klas.parse_class_list(text, trainer="trainer")


def test_a_class_list_from_excel_in_windows_1252_reads(tmp_path):
    path = tmp_path / "namen.txt"
    path.write_bytes("José Núñez\r\nJan Jansen\r\n".encode("cp1252"))
    assert [account for _, account in klas.read_class_list(path)] == ["jose-nunez", "jan-jansen"]
    (tmp_path / "leeg.txt").write_text("# niemand\n")
    with pytest.raises(klas.ClassListError, match="bevat geen namen"):
        klas.read_class_list(tmp_path / "leeg.txt")
    with pytest.raises(klas.ClassListError, match="niet te lezen"):
        klas.read_class_list(tmp_path / "bestaat-niet.txt")


def _env(tmp_path, **values):
    env = {ENV["class_password"]: "klasgeheim", ENV["data"]: str(tmp_path / "hub")}
    if os.geteuid() == 0:
        env[ENV["users"]] = hub.SYSTEM
    env.update({ENV[key]: value for key, value in values.items()})
    return env


def test_the_hub_does_not_start_with_a_wrong_class_list(tmp_path, capsys):
    names = tmp_path / "namen.txt"
    names.write_text("Anna Müller\nAnna Muller\n", encoding="utf-8")
    with pytest.raises(hub.HubError, match="net als regel 1"):
        hub.HubSettings.from_env(_env(tmp_path, class_list=str(names)))
    names.write_text("Anna Müller\nChantal Öztürk\n", encoding="utf-8")
    settings = hub.HubSettings.from_env(_env(tmp_path, class_list=str(names)))
    assert [account for _, account in settings.class_list] == ["anna-muller", "chantal-ozturk"]


def test_the_class_service_may_create_users_and_start_servers_only(tmp_path):
    import dataclasses
    import json

    from traitlets.config import Config

    from verbinding.hub.config import class_service

    names = tmp_path / "namen.txt"
    names.write_text("Anna Müller\n", encoding="utf-8")
    settings = hub.HubSettings.from_env(_env(tmp_path, class_list=str(names)))
    for users in (hub.SYSTEM, hub.SIMPLE):
        c = Config()
        class_service(c, dataclasses.replace(settings, users=users))
        (service,) = c.JupyterHub.services
        assert service["name"] == klas.SERVICE and service["command"][-1] == "verbinding.hub.klas"
        told = json.loads(service["environment"][klas.SERVICE_ENV])
        assert told["names"] == [["Anna Müller", "anna-muller"]] and told["collect"] == (users == hub.SYSTEM)
        assert c.JupyterHub.load_roles[0]["scopes"] == ["admin:users", "admin:servers"]
    without = Config()
    class_service(without, dataclasses.replace(settings, users=hub.SIMPLE, class_list=()))
    assert "services" not in without.JupyterHub, "eenvoudig without a list: no service"


# ----- reading a learner's workbook as root ---------------------------------------------------


def _home(tmp_path, name="anna", data=b'{"learner": "anna"}'):
    folder = tmp_path / name / ".verbinding" / "werkboeken"
    folder.mkdir(parents=True)
    (folder / f"{name}.json").write_bytes(data)
    return tmp_path / name, folder / f"{name}.json"


def test_a_learners_own_workbook_is_read(tmp_path):
    home, _ = _home(tmp_path)
    assert klas.read_own_workbook(home, "anna", os.geteuid()) == b'{"learner": "anna"}'
    assert klas.read_own_workbook(home, "ben", os.geteuid()) is None, "no workbook yet"


def test_a_symlink_a_fifo_or_a_huge_file_is_not_read(tmp_path):
    secret = tmp_path / "geheim.json"
    secret.write_text('{"wachtwoord": "van root"}')
    home, path = _home(tmp_path)
    path.unlink()
    path.symlink_to(secret)
    assert klas.read_own_workbook(home, "anna", os.geteuid()) is None, "a symlink is never followed"
    path.unlink()
    os.mkfifo(path)
    assert klas.read_own_workbook(home, "anna", os.geteuid()) is None, "a FIFO neither (nor does it hang)"
    path.unlink()
    path.write_bytes(b"{" + b" " * (klas.MAX_UPLOAD_BYTES + 1) + b"}")
    assert klas.read_own_workbook(home, "anna", os.geteuid()) is None


@AS_ROOT
def test_a_file_of_another_account_is_not_read(tmp_path):
    """A learner who links (or points her folder) to someone else's file gets nothing."""
    home, path = _home(tmp_path)
    os.chown(path, NOBODY, -1)
    assert klas.read_own_workbook(home, "anna", os.geteuid()) is None
    assert klas.read_own_workbook(home, "anna", NOBODY) is not None


def test_the_copies_replace_a_planted_symlink_and_drop_who_left(tmp_path):
    folder = tmp_path / "klas"
    folder.mkdir(mode=0o700)
    target = tmp_path / "niet-overschrijven"
    target.write_text("blijft")
    (folder / "anna.json").symlink_to(target)
    (folder / "weg.json").write_text("{}")
    assert klas.write_copies(folder, {"anna.json": b"A", "ben.json": b"B"}, os.geteuid())
    assert target.read_text() == "blijft", "the symlink was replaced, not followed"
    assert sorted(p.name for p in folder.iterdir()) == ["anna.json", "ben.json"]
    assert (folder / "anna.json").read_bytes() == b"A" and not (folder / "anna.json").is_symlink()
    assert stat.S_IMODE((folder / "ben.json").stat().st_mode) == 0o600
    assert not klas.write_copies(folder, {"anna.json": b"A", "ben.json": b"B"}, os.geteuid()), "nothing new"


@AS_ROOT
def test_the_trainers_folder_is_hers_alone_and_a_planted_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(klas, "collected_dir", lambda uid, trainer: tmp_path / "vbhub" / f"_klas-{trainer}")
    folder = klas.prepare_collected_dir(0, "trainer", NOBODY)
    assert folder.stat().st_uid == NOBODY and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o711 and folder.parent.stat().st_uid == 0
    klas.write_copies(folder, {"anna.json": b"A"}, NOBODY)
    assert (folder / "anna.json").stat().st_uid == NOBODY
    # Someone made the hub's folder first (/tmp is open to all): the hub writes nothing there.
    monkeypatch.setattr(klas, "collected_dir", lambda uid, trainer: tmp_path / "vreemd" / "_klas-trainer")
    (tmp_path / "vreemd").mkdir()
    os.chown(tmp_path / "vreemd", NOBODY, -1)
    with pytest.raises(PermissionError):
        klas.prepare_collected_dir(0, "trainer", NOBODY)


def test_the_trainers_server_reads_the_copies(tmp_path, monkeypatch):
    from verbinding.classview import server_workbook_folders, server_workbooks

    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path / "eigen"))
    monkeypatch.setenv(klas.COLLECTED_ENV, str(tmp_path / "klas"))
    (tmp_path / "klas").mkdir()
    klas.write_copies(tmp_path / "klas", {"anna.json": b"{}", "ben.json": b"{}"}, os.geteuid())
    files, _ = server_workbooks(server_workbook_folders())
    assert sorted(name for name, _ in files) == ["anna.json", "ben.json"]


@AS_ROOT
def test_a_link_in_place_of_a_learners_folder_is_never_followed(tmp_path):
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir(mode=0o755)
    (tmp_path / "vbhub").mkdir()
    (tmp_path / "vbhub" / "anna").symlink_to(elsewhere)
    with pytest.raises(OSError):
        klas.give_folder(tmp_path / "vbhub" / "anna", NOBODY)
    assert elsewhere.stat().st_uid == 0 and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    klas.give_folder(tmp_path / "vbhub" / "ben", NOBODY)
    assert (tmp_path / "vbhub" / "ben").stat().st_uid == NOBODY
