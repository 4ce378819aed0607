"""The class overview page, driven as a trainer would: upload many files at once."""

from __future__ import annotations

import html
import random

from _charts import chart_svg
from _front_end import choose_files
from test_classview import make_learner, workbook_bytes

from verbinding.texts import t
from verbinding.ui.classview import ClassOverviewApp


def class_files(n=32):
    rng = random.Random(3)
    return [(f"w{i}.json", workbook_bytes(f"code-{i:03d}", make_learner(i, rng)[0])) for i in range(n)]


def test_upload_many_files_with_broken_ones():
    app = ClassOverviewApp()
    assert app.upload.multiple and app.upload.label
    assert app.download_md.disabled and app.sections.layout.display == "none"
    files = class_files() + [("kapot.json", b"{nee"), ("<script>.json", b"")]
    choose_files(app.upload, files)
    assert t("classview.read", count=32) in app.status.value
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
