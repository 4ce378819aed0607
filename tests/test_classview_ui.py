"""The class overview page, driven as a trainer would: upload many files at once."""

from __future__ import annotations

import html
import random

from _charts import chart_svg
from _front_end import choose_files
from test_classview import make_learner, workbook_bytes

from verbinding.texts import t
from verbinding.ui.classview import ClassOverviewApp, read_text


def class_files(n=32):
    rng = random.Random(3)
    return [(f"w{i}.json", workbook_bytes(f"code-{i:03d}", make_learner(i, rng)[0])) for i in range(n)]


def test_upload_many_files_with_broken_ones():
    app = ClassOverviewApp()
    assert app.upload.multiple and app.upload.label
    assert app.download_md.disabled and app.sections.layout.display == "none"
    files = class_files() + [("kapot.json", b"{nee"), ("<script>.json", b"")]
    choose_files(app.upload, files)
    assert read_text(32) in app.status.value and "32 werkboeken gelezen." in app.status.value
    # counted per reason, no file names (a file name is usually a learner code)
    assert "kapot.json" not in app.skipped.value and "script" not in app.skipped.value
    assert "1 bestand: " + html.escape(t("classview.skip_reasons.error_not_json")) in app.skipped.value
    assert not app.download_md.disabled and app.sections.layout.display == ""
    assert chart_svg(app.dimensions_chart).startswith("<svg") and app.dimensions_chart.summary_text
    assert "Stichting Voorbeeld A" in app.insiders.value
    assert t("classview.scores.title") in app.sections.children[8].value


def test_adding_a_second_batch_and_clearing():
    app = ClassOverviewApp()
    files = class_files(12)
    choose_files(app.upload, files[:6])
    choose_files(app.upload, files[6:] + files[:2])  # two re-submitted: counted once
    assert len(app.overview.learners) == 12
    assert len(app.overview.skipped) == 2
    app.clear.click()
    assert app.overview.learners == [] and t("classview.cleared") in app.status.value


def test_too_large_and_unreadable_files_are_listed_not_fatal():
    app = ClassOverviewApp()
    files = class_files(3) + [("enorm.json", b" " * (app.upload.max_bytes + 1))]
    choose_files(app.upload, files, unreadable=["slot.json"])
    assert len(app.overview.learners) == 3
    assert "enorm.json" not in app.skipped.value and "groter dan 5 MB" in app.skipped.value
    assert "slot.json" not in app.skipped.value and html.escape(t("classview.unreadable")) in app.skipped.value
    app.clear.click()
    assert app.skipped.value == ""


def test_learner_text_is_escaped_in_tables():
    app = ClassOverviewApp()
    modules = {"outreach": {"dimensions": [{"id": "d1", "name": "<img src=x onerror=alert(1)>"}]}}
    app.add_files([("x.json", workbook_bytes("xss-test", modules))])
    assert "<img" not in app.dimensions.value and "&lt;img" in app.dimensions.value


def test_downloads_produce_files():
    app = ClassOverviewApp()
    app.add_files(class_files(5))
    name, data = app._markdown_file()
    assert name.endswith(".md") and t("classview.export_title") in data.decode("utf-8").replace("\\", "")
    name, data = app._docx_file()
    assert name.endswith(".docx") and data[:2] == b"PK"


def test_knowledge_checks_are_shown_to_the_trainer():
    from verbinding.quiz import KnowledgeCheckModel
    from verbinding.workbook import Workbook

    model = KnowledgeCheckModel.load("connection")
    item = model.items[0]
    model.answer(item.id, item.right % len(item.options) + 1)
    wb = Workbook("k", path=None)
    wb.set_module("connection", {"kennischeck": model.to_dict()})
    app = ClassOverviewApp()
    app.add_files([("k.json", wb.to_bytes())])
    shown = html.unescape(app.checks.value)
    assert "Aantal cursisten met een of meer kennischecks: 1." in shown
    assert t("common.modules.connection.title") in shown and "0%" in shown
    assert f"{item.question} (1 keer fout)" in shown


# ----- live: the workbooks on this server, without uploads -----------------------------------

def _save_on_server(code: str, learner: int) -> None:
    """What the course does when a learner works: autosave ``<code>.json`` on the server
    (learner n started their workbook at 9:0n)."""
    import json

    from verbinding.workbook import Workbook

    workbook = Workbook.open(code)
    for module_id, state in make_learner(learner, random.Random(learner))[0].items():
        workbook.set_module(module_id, state)
    doc = json.loads(workbook.path.read_text(encoding="utf-8"))
    doc["created"] = f"2026-12-05T09:0{learner}:00+00:00"
    workbook.path.write_text(json.dumps(doc), encoding="utf-8")


def test_the_trainer_reads_the_class_from_the_server_and_numbers_stay_put(data_home):
    _save_on_server("reiger-aaaa11", 0)
    _save_on_server("zwaan-bbbb22", 1)
    folder = data_home / "werkboeken"
    (folder / "reiger-aaaa11.voor-herstel-20261205-090000.json").write_bytes((folder / "reiger-aaaa11.json").read_bytes())
    (folder / ".tmp-x1.json").write_bytes(b"{half")
    (folder / "te-groot.json").write_bytes(b" " * (6 * 1024 * 1024))
    app = ClassOverviewApp()
    app.read_server.click()
    assert read_text(2) in app.status.value, "backups and half-written files are not learners"
    assert "Bijgewerkt om" in app.live_status.value and "3 werkboeken op deze server" in app.live_status.value
    assert "te-groot" not in app.skipped.value and "groter dan 5 MB" in app.skipped.value
    first = {learner.label: learner.modules for learner in app.overview.learners}
    assert first["Cursist 1"] != first["Cursist 2"]
    _save_on_server("aalscholver-cccc33", 2)  # sorts first by name, but started last
    app.read_server.click()
    assert read_text(3) in app.status.value
    labels = {learner.label: learner.modules for learner in app.overview.learners}
    assert {k: labels[k] for k in first} == first, "Cursist 1 and 2 are the same people after a new learner"


def test_live_reading_follows_new_saves_by_itself(data_home, monkeypatch):
    import asyncio

    from verbinding.ui import classview as page

    monkeypatch.setattr(page, "LIVE_SECONDS", 0.05)
    _save_on_server("reiger-aaaa11", 0)

    async def lesson():
        app = ClassOverviewApp()
        app.live.value = True
        assert read_text(1) in app.status.value and "1 werkboek gelezen." in app.status.value
        _save_on_server("zwaan-bbbb22", 1)
        await asyncio.sleep(0.3)
        assert read_text(2) in app.status.value
        app.live.value = False
        await asyncio.sleep(0)
        assert app._live_task is None

    asyncio.run(lesson())


def test_an_empty_server_says_where_the_work_is_instead(data_home):
    app = ClassOverviewApp()
    app.read_server.click()
    assert "nog geen werkboeken" in app.live_status.value and "upload" in app.live_status.value


def test_live_view_reads_again_only_when_a_learner_saved(data_home, monkeypatch):
    """Looking every few seconds stays cheap: the workbooks are read only after a save."""
    import asyncio

    from verbinding.ui import classview as page

    monkeypatch.setattr(page, "LIVE_SECONDS", 0.05)
    readings = []
    real = page.server_workbooks
    monkeypatch.setattr(page, "server_workbooks", lambda folders: readings.append(1) or real(folders))
    _save_on_server("reiger-aaaa11", 0)

    async def lesson():
        app = ClassOverviewApp()
        app.live.value = True
        await asyncio.sleep(0.4)  # several looks, nobody saved
        assert len(readings) == 1
        _save_on_server("zwaan-bbbb22", 1)
        await asyncio.sleep(0.3)
        assert len(readings) == 2 and read_text(2) in app.status.value
        (data_home / "werkboeken" / "zwaan-bbbb22.voor-herstel-1.json").write_text("{}")  # a backup is no save
        await asyncio.sleep(0.3)
        assert len(readings) == 2
        app.live.value = False

    asyncio.run(lesson())
