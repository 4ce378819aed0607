"""Not one word lost: two and three tabs on one list, restore files that try to break the
workbook, full disks, leftover temporary files (issue 23)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from verbinding.workbook import MAX_TEXT_CHARS, Workbook, WorkbookError, clean_temp_files
from verbinding.workbook import storage as workbook_storage  # where the durable write calls os.replace


def party(pid: str, name: str, reasoning: str = "") -> dict:
    return {"id": pid, "name": name, "reasoning": reasoning}


PARTIES = [party("a", "Gemeente"), party("b", "Blauwe Wilg"), party("c", "Zorgcoop"),
           party("d", "Huurders"), party("e", "Taxibedrijf")]


def with_reason(state: dict, pid: str, text: str) -> dict:
    state = json.loads(json.dumps(state))
    next(p for p in state["interests"] if p["id"] == pid)["reasoning"] = text
    return state


def saved(code: str, module: str = "accountability") -> dict:
    return Workbook.open(code).module(module)


def test_two_tabs_editing_different_parties_keep_both_and_the_order(data_home):
    tab1 = Workbook.open("lijst-twee")
    tab1.set_module("accountability", {"interests": PARTIES})
    tab2 = Workbook.open("lijst-twee")
    tab1.set_module("accountability", with_reason(tab1.module("accountability"), "b", "Vervoer naar de huisarts."))
    tab2.set_module("accountability", with_reason(tab2.module("accountability"), "e", "Ritten in de avond."))
    state = saved("lijst-twee")
    assert [p["name"] for p in state["interests"]] == [p["name"] for p in PARTIES]
    assert state["interests"][1]["reasoning"] == "Vervoer naar de huisarts."
    assert state["interests"][4]["reasoning"] == "Ritten in de avond."
    assert tab2.conflicts == [] and tab2.notice == ""
    # tab 1 sees tab 2's words on its next save, under the same party, in its own order
    tab1.set_module("accountability", with_reason(tab1.module("accountability"), "a", "Betaalt."))
    assert [p["reasoning"] for p in saved("lijst-twee")["interests"]] == [
        "Betaalt.", "Vervoer naar de huisarts.", "", "", "Ritten in de avond."]


def test_same_party_same_field_in_two_tabs_gives_the_notice_in_both_tabs(data_home):
    tab1 = Workbook.open("lijst-botsing")
    tab1.set_module("accountability", {"interests": PARTIES})
    tab2 = Workbook.open("lijst-botsing")
    tab1.set_module("accountability", with_reason(tab1.module("accountability"), "b", "Tekst van tab 1."))
    tab2.set_module("accountability", with_reason(tab2.module("accountability"), "b", "Tekst van tab 2."))
    assert "ander tabblad" in tab2.notice
    assert [(c["path"], c["other"]) for c in tab2.conflicts] == [
        (["interests", "id:b", "reasoning"], "Tekst van tab 1.")]
    on_disk = json.loads((data_home / "werkboeken" / "lijst-botsing.json").read_text(encoding="utf-8"))
    assert on_disk["conflicts"][0]["other"] == "Tekst van tab 1."  # kept in the file, not in memory only
    assert tab1.refresh() is True
    assert "ander tabblad" in tab1.notice and tab1.conflicts  # the first tab is told as well


def test_three_tabs_the_overruled_text_survives_in_the_file(data_home):
    tab1 = Workbook.open("lijst-drie")
    tab1.set_module("accountability", {"interests": PARTIES})
    tab2, tab3 = Workbook.open("lijst-drie"), Workbook.open("lijst-drie")
    tab1.set_module("accountability", with_reason(tab1.module("accountability"), "c", "Van tab 1."))
    tab2.set_module("accountability", with_reason(tab2.module("accountability"), "c", "Van tab 2."))
    tab3.set_module("accountability", with_reason(tab3.module("accountability"), "d", "Van tab 3."))
    fresh = Workbook.open("lijst-drie")  # a reload: tab 1's words must still be reachable
    assert [c["other"] for c in fresh.conflicts] == ["Van tab 1."]
    fresh.take_other("accountability")
    state = saved("lijst-drie")
    assert [p["reasoning"] for p in state["interests"]] == ["", "", "Van tab 1.", "Van tab 3.", ""]
    assert Workbook.open("lijst-drie").conflicts == []


def test_take_the_other_version_after_later_edits_changes_only_that_field(data_home):
    tab1 = Workbook.open("lijst-terug")
    tab1.set_module("accountability", {"interests": PARTIES, "draft": ""})
    tab2 = Workbook.open("lijst-terug")
    tab1.set_module("accountability", with_reason(tab1.module("accountability"), "b", "Tab 1."))
    tab2.set_module("accountability", with_reason(tab2.module("accountability"), "b", "Tab 2."))
    later = with_reason(tab2.module("accountability"), "a", "Later getypt.")
    later["draft"] = "Een beschrijving na het conflict."
    tab2.set_module("accountability", later)
    tab2.take_other("accountability")
    state = saved("lijst-terug")
    assert state["draft"] == "Een beschrijving na het conflict."
    assert [p["reasoning"] for p in state["interests"]] == ["Later getypt.", "Tab 1.", "", "", ""]
    assert tab2.conflicts == []


def test_adds_and_removes_in_two_tabs(data_home):
    tab1 = Workbook.open("lijst-erbij")
    tab1.set_module("accountability", {"interests": PARTIES})
    tab2 = Workbook.open("lijst-erbij")
    tab1.set_module("accountability", {"interests": [p for p in PARTIES if p["id"] != "c"] + [party("x", "Nieuw 1")]})
    tab2.set_module("accountability", {"interests": [p for p in PARTIES if p["id"] != "a"] + [party("y", "Nieuw 2")]})
    assert [p["name"] for p in saved("lijst-erbij")["interests"]] == [
        "Blauwe Wilg", "Huurders", "Taxibedrijf", "Nieuw 2", "Nieuw 1"]


def test_save_module_with_a_base_merges_replayed_edits(data_home):
    wb = Workbook.open("lijst-basis")
    wb.set_module("accountability", {"interests": PARTIES})
    base = wb.module("accountability")
    wb.set_module("accountability", with_reason(base, "a", "Al opgeslagen."))
    assert wb.save_module("accountability", with_reason(base, "e", "Teruggespeeld."), base=base)
    assert [p["reasoning"] for p in saved("lijst-basis")["interests"]] == ["Al opgeslagen.", "", "", "", "Teruggespeeld."]


# ----- restore: validated completely before anything changes -------------------------

def _doc(modules: dict) -> bytes:
    return json.dumps({"format": "verbinding-werkboek", "schema_version": 2, "modules": modules}).encode()


def _nested(depth: int) -> bytes:
    inner = "[" * depth + "]" * depth
    return ('{"format": "verbinding-werkboek", "schema_version": 2, "modules": {"kennismaken": {"partners": '
            + inner + "}}}").encode()


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (_nested(700), "dieper"),
        (_nested(40), "dieper"),
        (b" " * (50 * 1024 * 1024), "groter dan 5 mb"),
        (_doc({"kennismaken": {"dossier": "Halverwege"}})[:-7], "geen werkboek"),
        (bytes(range(256)) * 8, "geen werkboek"),
        (json.dumps({"format": "ander-formaat", "schema_version": 1, "modules": {}}).encode(), "geen werkboek"),
        (_doc({"kennismaken": {"dossier": "x" * (MAX_TEXT_CHARS + 1)}}), "20.000"),
        (b'{"format": "verbinding-werkboek", "schema_version": 2, "modules": {"drempels": {"ratings": {"x": NaN}}}}',
         "geen werkboek"),
        (_doc({"accountability": {"interests": "geen lijst", "feedback": [1, 2]}}), None),
    ],
)
def test_strange_restore_files_leave_the_work_untouched(data_home, raw, fragment):
    wb = Workbook.open("herstel-raar")
    wb.set_module("kennismaken", {"dossier": "Mijn werk"})
    path = data_home / "werkboeken" / "herstel-raar.json"
    before_disk, before = path.read_bytes(), wb.to_bytes()
    try:
        wb.restore(raw)
    except WorkbookError as error:
        assert fragment is None or fragment in str(error).lower()
        assert path.read_bytes() == before_disk and wb.to_bytes() == before
        assert not list(path.parent.glob("*.voor-herstel-*"))
    else:  # a tolerant model may load an odd shape: then the page must open it too
        assert fragment is None
        Workbook.open("herstel-raar").module("accountability")
    assert Workbook.open("herstel-raar").module("kennismaken") in ({"dossier": "Mijn werk"}, {})


def test_a_model_that_trips_is_a_dutch_message_not_a_traceback(data_home, monkeypatch):
    from verbinding import export

    def boom(_state):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(export.EXPORTERS, "kennismaken", ("common.modules.kennismaken.title", "os:getcwd"))
    monkeypatch.setattr(os, "getcwd", boom)
    wb = Workbook.open("herstel-model")
    wb.set_module("kennismaken", {"dossier": "Mijn werk"})
    with pytest.raises(WorkbookError, match="beschadigd"):
        wb.restore(_doc({"kennismaken": {"dossier": "Ander"}}))
    assert Workbook.open("herstel-model").module("kennismaken") == {"dossier": "Mijn werk"}


def test_backup_first_never_empty_and_taken_back_from_the_page(data_home):
    from verbinding.ui.savebar import SaveBar

    wb = Workbook.open("herstel-terug")
    wb.set_module("kennismaken", {"dossier": "Oud werk"})
    bar = SaveBar(wb)
    assert bar.take_back.layout.display == "none"
    backup = wb.restore(_doc({"kennismaken": {"dossier": "Nieuw werk"}}))
    assert backup is not None and b"Oud werk" in backup.read_bytes()
    bar._show_take_back()
    assert bar.take_back.layout.display is None
    bar.take_back.click()
    assert wb.module("kennismaken") == {"dossier": "Oud werk"}
    assert Workbook.open("herstel-terug").module("kennismaken") == {"dossier": "Oud werk"}
    assert "terug" in bar.message.value
    assert all(p.stat().st_size > 0 for p in wb.backups()) and len(wb.backups()) == 2


def _raise_enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_on_restore_is_said_in_dutch_and_nothing_is_replaced(data_home, monkeypatch):
    wb = Workbook.open("herstel-vol")
    wb.set_module("kennismaken", {"dossier": "Mijn werk"})
    path = data_home / "werkboeken" / "herstel-vol.json"
    before = path.read_bytes()
    monkeypatch.setattr(workbook_storage.os, "replace", _raise_enospc)
    with pytest.raises(WorkbookError, match="schijf"):
        wb.restore(_doc({"kennismaken": {"dossier": "Nieuw"}}))
    monkeypatch.undo()
    assert path.read_bytes() == before and wb.module("kennismaken") == {"dossier": "Mijn werk"}
    assert not list(path.parent.glob(".tmp-*")) and not list(path.parent.glob("*.voor-herstel-*"))


TMPFS_SCRIPT = r"""
import json, os, subprocess, sys
home = sys.argv[1]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", home], check=True)
os.environ["VERBINDING_HOME"] = home
from verbinding.workbook import Workbook, WorkbookError
wb = Workbook.open("klein-1234")
wb.set_module("kennismaken", {"dossier": "Mijn werk"})
filler = os.path.join(home, "vulling")
with open(filler, "wb") as handle:
    try:
        handle.write(b"x" * 10_000_000)
    except OSError:
        pass
try:
    wb.restore(json.dumps({"format": "verbinding-werkboek", "schema_version": 2,
                           "modules": {"kennismaken": {"dossier": "y" * 19_000}}}).encode())
    result = "restored"
except WorkbookError as error:
    result = str(error)
files = sorted(os.listdir(os.path.join(home, "werkboeken")))
saved = json.load(open(os.path.join(home, "werkboeken", "klein-1234.json")))["modules"]["kennismaken"]
empty = [f for f in files if os.path.getsize(os.path.join(home, "werkboeken", f)) == 0 and f != ".lock"]
print(json.dumps({"result": result, "saved": saved, "files": files, "empty": empty}))
"""


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare")
def test_full_tmpfs_on_restore(tmp_path):
    done = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable, "-c", TMPFS_SCRIPT,
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"no tmpfs here: {done.stderr[-200:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "schijf" in out["result"]
    assert out["saved"] == {"dossier": "Mijn werk"}
    assert out["empty"] == [] and not [f for f in out["files"] if f.startswith(".tmp-")]


def test_leftover_temp_files_are_removed_at_start(data_home):
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True)
    old, fresh = folder / ".tmp-abc.json", folder / ".tmp-nu.json"
    old.write_text("{half", encoding="utf-8")
    fresh.write_text("{bezig", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    Workbook.open("tijdelijk-1")
    assert not old.exists() and fresh.exists()  # a save in progress elsewhere is left alone
    assert clean_temp_files(folder, max_age=3000) == 0
    os.utime(fresh, (an_hour_ago, an_hour_ago))  # a kernel killed mid-save, seen at the next save
    Workbook.open("tijdelijk-3").set_module("kennismaken", {"dossier": "x"})
    assert not list(folder.glob(".tmp-*"))


def test_interrupted_save_leaves_no_temp_file_and_says_so(data_home, monkeypatch):
    wb = Workbook.open("tijdelijk-2")
    monkeypatch.setattr(workbook_storage.os, "replace", _raise_enospc)
    assert wb.set_module("kennismaken", {"dossier": "x"}) is True
    assert "Opslaan is niet gelukt" in wb.notice
    assert not list((data_home / "werkboeken").glob(".tmp-*"))


def test_a_page_replays_edits_into_the_case_it_was_opened_with(data_home):
    from verbinding.ui.page import CaseWorkbook

    wb = Workbook.open("lijst-casus")
    wb.case = "klimaatadaptatie"
    page = CaseWorkbook(wb, "vergrijzing")
    assert page.save_module("outreach", {"dimensions": ["Zorg"]}, base={})
    assert Workbook.open("lijst-casus").module("outreach", case="vergrijzing") == {"dimensions": ["Zorg"]}
    assert Workbook.open("lijst-casus").module("outreach") == {}
