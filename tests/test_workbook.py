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


# ----- two kernels on one code: two tabs, an old tab, two devices --------------------

def test_two_tabs_editing_different_modules_keep_both(data_home):
    tab1 = Workbook.open("reiger-2tab")
    tab2 = Workbook.open("reiger-2tab")
    tab1.set_module("outreach", {"dimensions": ["Water"]})
    tab2.set_module("eigen_dossier", {"title": "Hittestress"})
    reopened = Workbook.open("reiger-2tab")
    assert reopened.module("outreach") == {"dimensions": ["Water"]}
    assert reopened.module("eigen_dossier") == {"title": "Hittestress"}
    # the second tab took over the first tab's work, and its views were told to reload
    assert tab2.module("outreach") == {"dimensions": ["Water"]}
    assert tab2.restores == 1


def test_two_tabs_adding_to_one_list_keep_both_additions(data_home):
    tab1 = Workbook.open("reiger-lijst")
    tab1.set_module("outreach", {"dimensions": ["Water"]})
    tab2 = Workbook.open("reiger-lijst")
    tab1.set_module("outreach", {"dimensions": ["Water", "Zorg"]})
    tab2.set_module("outreach", {"dimensions": ["Water", "Wonen"]})
    assert Workbook.open("reiger-lijst").module("outreach") == {"dimensions": ["Water", "Wonen", "Zorg"]}
    assert tab2.conflicts == []


def test_untouched_empty_fields_do_not_overrule_another_tab(data_home):
    tab1 = Workbook.open("reiger-leeg")
    tab2 = Workbook.open("reiger-leeg")
    tab1.set_module("kennismaken", {"dossier": "Laadpalen", "partners": ""})
    tab2.set_module("kennismaken", {"dossier": "", "partners": "Netbeheer Oost"})  # a view saves every field
    assert Workbook.open("reiger-leeg").module("kennismaken") == {"dossier": "Laadpalen", "partners": "Netbeheer Oost"}
    assert tab2.conflicts == []


def test_removal_in_another_tab_is_kept(data_home):
    tab1 = Workbook.open("reiger-weg")
    tab1.set_module("outreach", {"dimensions": ["Water", "Zorg"], "note": "x"})
    tab2 = Workbook.open("reiger-weg")
    tab1.set_module("outreach", {"dimensions": ["Water"], "note": "x"})
    tab2.set_module("outreach", {"dimensions": ["Water", "Zorg"], "note": "y"})
    assert Workbook.open("reiger-weg").module("outreach") == {"dimensions": ["Water"], "note": "y"}


def test_same_field_changed_in_two_tabs_is_never_dropped_silently(data_home):
    tab1 = Workbook.open("reiger-veld")
    tab2 = Workbook.open("reiger-veld")
    tab1.set_module("eigen_dossier", {"title": "Versie van tab 1", "other": 1})
    tab2.set_module("eigen_dossier", {"title": "Versie van tab 2"})
    saved = Workbook.open("reiger-veld").module("eigen_dossier")
    assert saved == {"title": "Versie van tab 2", "other": 1}  # newest wins, the rest merges
    assert "ander tabblad" in tab2.notice
    assert [(c["path"], c["other"]) for c in tab2.conflicts] == [(["title"], "Versie van tab 1")]
    tab2.take_other("eigen_dossier")
    assert Workbook.open("reiger-veld").module("eigen_dossier")["title"] == "Versie van tab 1"
    assert tab2.conflicts == [] and tab2.notice == ""


def test_old_tab_changing_case_later_keeps_module_work(data_home):
    index_tab = Workbook.open("reiger-oud")
    index_tab.case = "klimaatadaptatie"
    module_tab = Workbook.open("reiger-oud")
    module_tab.set_module("outreach", {"dimensions": ["Water"]}, case="klimaatadaptatie")
    index_tab.case = "vergrijzing"  # the old index tab, its case changed much later
    reopened = Workbook.open("reiger-oud")
    assert reopened.case == "vergrijzing"
    assert reopened.module("outreach") == {}  # vergrijzing's own, empty work
    assert reopened.module("outreach", case="klimaatadaptatie") == {"dimensions": ["Water"]}


def test_refresh_takes_over_what_another_tab_saved(data_home):
    tab1 = Workbook.open("reiger-ververs")
    tab2 = Workbook.open("reiger-ververs")
    tab1.set_module("drempels", {"a": 1})
    assert tab2.refresh() is True
    assert tab2.module("drempels") == {"a": 1}
    assert tab2.refresh() is False


def test_restore_replaces_everything_even_with_another_tab_open(data_home):
    tab1 = Workbook.open("reiger-herstel")
    tab1.set_module("drempels", {"oud": True})
    upload = Workbook("elders")
    upload.set_module("eigen_dossier", {"title": "Uit bestand"})
    tab1.restore(upload.to_bytes())
    reopened = Workbook.open("reiger-herstel")
    assert reopened.module("drempels") == {}
    assert reopened.module("eigen_dossier") == {"title": "Uit bestand"}


# ----- work per case ------------------------------------------------------------------

def test_work_is_kept_per_case(data_home):
    wb = Workbook.open("kade-casus")
    wb.case = "klimaatadaptatie"
    wb.set_module("outreach", {"dimensions": ["Water"]})
    wb.set_module("eigen_dossier", {"title": "Mijn dossier"})
    wb.case = "vergrijzing"
    assert wb.module("outreach") == {}  # never the klimaat work under vergrijzing
    assert wb.module("eigen_dossier") == {"title": "Mijn dossier"}  # not tied to a case
    assert wb.started_modules() == ["eigen_dossier"]
    wb.set_module("outreach", {"dimensions": ["Zorg"]})
    wb.case = "klimaatadaptatie"
    assert Workbook.open("kade-casus").module("outreach") == {"dimensions": ["Water"]}
    doc = wb.document
    assert doc["modules"]["outreach"] == {"dimensions": ["Water"]}  # exports read the chosen case
    assert doc["other_cases"] == {"vergrijzing": {"outreach": {"dimensions": ["Zorg"]}}}


def test_version_1_file_keeps_its_work_under_its_case(data_home):
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True)
    old = {"format": "verbinding-werkboek", "schema_version": 1, "learner": "x", "case": "vergrijzing",
           "created": None, "updated": None, "modules": {"outreach": {"d": 1}, "drempels": {"s": 2}}}
    (folder / "oud-1234.json").write_text(json.dumps(old), encoding="utf-8")
    wb = Workbook.open("oud-1234")
    assert wb.module("outreach", case="vergrijzing") == {"d": 1}
    wb.case = "klimaatadaptatie"
    assert wb.module("outreach") == {} and wb.module("drempels") == {"s": 2}


def test_other_cases_cannot_smuggle_in_unknown_modules():
    doc = json.loads(Workbook("x").to_bytes())
    doc["other_cases"] = {"vergrijzing": {"drempels": {}}}  # not a per-case module
    with pytest.raises(WorkbookError):
        parse_document(json.dumps(doc))


# ----- nothing typed is discarded silently; durable files -------------------------------

def test_text_over_the_limit_is_refused_in_dutch_and_saved_work_stays(data_home):
    from verbinding.workbook import MAX_TEXT_CHARS

    wb = Workbook.open("lang-1234")
    assert wb.set_module("eigen_dossier", {"answer": "x" * 10_000}) is True  # a long answer is fine
    assert wb.set_module("eigen_dossier", {"answer": "y" * (MAX_TEXT_CHARS + 1)}) is False
    assert "te lang" in wb.notice and "20.000" in wb.notice
    assert Workbook.open("lang-1234").module("eigen_dossier") == {"answer": "x" * 10_000}
    assert wb.set_module("eigen_dossier", {"answer": "kort"}) is True
    assert wb.notice == ""


def test_workbook_never_grows_beyond_what_can_be_restored(data_home):
    wb = Workbook.open("groot-1234")
    big = {"items": ["z" * 19_000] * 300}  # ~5.7 MB
    assert wb.set_module("outreach", big) is False
    assert "MB" in wb.notice
    assert wb.module("outreach") == {}
    assert len(wb.to_bytes()) < MAX_UPLOAD_BYTES


def test_saving_leaves_no_temporary_files(data_home):
    wb = Workbook.open("schoon-1234")
    for n in range(5):
        wb.set_module("drempels", {"n": n})
    names = sorted(p.name for p in (data_home / "werkboeken").iterdir())
    assert names == [".lock", "schoon-1234.json"]


def test_unreadable_autosave_is_explained_on_the_page(data_home):
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True)
    (folder / "kapot-1000.json").write_text("{kapot", encoding="utf-8")
    wb = Workbook.open("kapot-1000")
    kept = list(folder.glob("kapot-1000.onleesbaar-*.json"))
    assert kept and kept[0].read_text(encoding="utf-8") == "{kapot"
    assert kept[0].name in wb.notice and "Werk herstellen" in wb.notice
