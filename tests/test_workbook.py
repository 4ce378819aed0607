"""The learner workbook: autosave, restore, and refusing bad uploads without losing work."""

from __future__ import annotations

import json

import pytest

from verbinding.workbook import (
    MAX_UPLOAD_BYTES,
    SCHEMA_VERSION,
    Workbook,
    WorkbookError,
    parse_document,
)


def test_change_is_autosaved_and_reopened(data_home):
    wb = Workbook.open("reiger-1234")
    wb.set_module("kennismaken", {"dossier": "Hittestress"})
    reopened = Workbook.open("reiger-1234")
    assert reopened.module("kennismaken") == {"dossier": "Hittestress"}
    assert reopened.saved_at  # the status line has a time to show
    saved = json.loads((data_home / "werkboeken" / "reiger-1234.json").read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert saved["format"] == "verbinding-werkboek"


def test_learners_do_not_share_work(data_home):
    Workbook.open("eik-1111").set_module("kennismaken", {"dossier": "A"})
    assert Workbook.open("wilg-2222").module("kennismaken") == {}


def test_revision_ticks_only_on_real_change(data_home):
    wb = Workbook.open("duin-1000")
    wb.set_module("outreach", {"x": 1})
    first = wb.revision
    wb.set_module("outreach", {"x": 1})
    assert wb.revision == first


def test_roundtrip_download_restore_into_empty_workbook(data_home):
    source = Workbook.open("kade-1000")
    source.set_module("kennismaken", {"dossier": "Vergrijzing", "partners": ["A", "B"]})
    source.case = "vergrijzing"
    target = Workbook.open("kade-2000")
    restores = target.restores
    target.restore(source.to_bytes())
    assert target.module("kennismaken") == source.module("kennismaken")
    assert target.case == "vergrijzing"
    assert target.learner == "kade-2000"  # the file is now this learner's
    assert target.restores == restores + 1
    assert Workbook.open("kade-2000").module("kennismaken")["dossier"] == "Vergrijzing"


def test_restore_keeps_a_backup_of_replaced_work(data_home):
    wb = Workbook.open("molen-1000")
    wb.set_module("kennismaken", {"dossier": "Oud werk"})
    other = Workbook("x")
    other.set_module("kennismaken", {"dossier": "Nieuw"})
    wb.restore(other.to_bytes())
    backups = list((data_home / "werkboeken").glob("molen-1000.voor-herstel-*.json"))
    assert backups and "Oud werk" in backups[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "geen werkboek"),
        (b"{not json", "geen werkboek"),
        (json.dumps({"hello": "world"}).encode(), "geen werkboek van deze cursus"),
        (json.dumps({"format": "verbinding-werkboek", "schema_version": 99, "modules": {}}).encode(), "nieuwere versie"),
        (json.dumps({"format": "verbinding-werkboek", "schema_version": 1, "modules": []}).encode(), "beschadigd"),
        (json.dumps({"format": "verbinding-werkboek", "schema_version": 1, "modules": {"hack": {}}}).encode(), "beschadigd"),
        (b"[" * 100000 + b"]" * 100000, "geen werkboek"),
    ],
)
def test_bad_upload_is_refused_in_dutch_and_work_is_untouched(data_home, raw, fragment):
    wb = Workbook.open("tulp-1000")
    wb.set_module("kennismaken", {"dossier": "Mijn werk"})
    before = wb.to_bytes()
    with pytest.raises(WorkbookError) as error:
        wb.restore(raw)
    assert fragment in str(error.value).lower()
    assert wb.to_bytes() == before
    assert Workbook.open("tulp-1000").module("kennismaken") == {"dossier": "Mijn werk"}


def test_too_large_upload_is_refused(data_home):
    with pytest.raises(WorkbookError, match="groter dan 5 MB"):
        parse_document(b" " * (MAX_UPLOAD_BYTES + 1))


def test_unreadable_autosave_is_kept_aside_not_deleted(data_home):
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True)
    (folder / "sluis-1000.json").write_text("{kapot", encoding="utf-8")
    wb = Workbook.open("sluis-1000")
    assert wb.module("kennismaken") == {}
    assert list(folder.glob("sluis-1000.onleesbaar-*.json"))


def test_unknown_module_is_a_programming_error():
    with pytest.raises(KeyError):
        Workbook("x").set_module("nope", {})


def test_export_names_the_chosen_case_by_its_title(data_home):
    from verbinding.cases import builtin_cases
    from verbinding.export import workbook_markdown

    workbook = Workbook.open("titel-1234", home=data_home)
    case_id, title = builtin_cases()[1]
    workbook.case = case_id
    text = workbook_markdown(workbook).replace("\\", "")
    assert title in text
    workbook.case = "eigen:verdwenen-map"  # an own case that is no longer there
    assert "eigen:verdwenen-map" in workbook_markdown(workbook).replace("\\", "")
