"""The class overview in a real browser: upload 30 workbooks and broken files at once."""

from __future__ import annotations

import json
import random

from test_classview import make_learner, workbook_bytes

from verbinding.quiz import questions
from verbinding.texts import t
from verbinding.ui.classview import read_text

from .conftest import wait_for_count


def test_klasoverzicht_upload_many_and_download(course_page_at, tmp_path, artifacts_dir):
    rng = random.Random(11)
    paths = []
    for i in range(30):
        path = tmp_path / f"verbinding-werkboek-code-{i:03d}.json"
        path.write_bytes(workbook_bytes(f"code-{i:03d}", make_learner(i, rng)[0]))
        paths.append(path)
    for name, data in (("kapot.json", b"{nee"), ("foto.json", b"\x89PNG\r\n"), ("leeg.json", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)

    opened = course_page_at("trainer/klasoverzicht.ipynb", code="trainer-1000", ready=".verbinding-classview")
    page = opened.page
    assert page.locator(".verbinding-savebar").count() == 0, "a trainer page keeps no learner work"
    opened.check_accessibility("opened")
    with page.expect_file_chooser() as chooser:
        page.locator(".verbinding-classview .verbinding-upload").first.click()
    assert chooser.value.is_multiple()
    chooser.value.set_files([str(p) for p in paths])
    page.wait_for_selector(f"text={read_text(30)}", timeout=60000)
    # The sections arrive after the status line: wait for the last one drawn.
    page.wait_for_selector(".verbinding-classview .verbinding-chart svg >> nth=1")
    body = page.inner_text(".verbinding-classview").replace("\xa0", " ")
    for name in ("kapot.json", "foto.json", "leeg.json"):
        assert name not in body  # file names are usually learner codes: never shown
    assert t("classview.skip_reasons.error_empty") in body
    # Learners are anonymised; everyone who weighed interests has a row in the weights table.
    weighed = [n for n, path in enumerate(paths[:30], start=1)
               if "accountability" in json.loads(path.read_bytes())["modules"]]
    assert weighed and all(t("classview.learner", n=n) in body for n in weighed)
    assert "code-001" not in body
    # Module 1's knowledge check: half the class (15) did it, and the question they all got
    # wrong is the one to discuss.
    assert t("classview.quiz.title") in body
    hardest = questions("drempels")[0].question
    assert t("classview.quiz.hardest", question=hardest, wrong=15) in body
    page.wait_for_selector(".verbinding-classview .verbinding-chart svg")
    wait_for_count(page, ".verbinding-classview .verbinding-chart svg", 2)
    assert page.locator(".verbinding-classview .verbinding-chart svg").count() == 2
    opened.assert_clean()
    opened.check_accessibility("33 files uploaded")

    with page.expect_download() as info:
        page.get_by_role("button", name=t("classview.download_md")).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8").replace("\\", "")
    assert t("classview.export_title") in text and "kapot.json" not in text
    page.screenshot(path=str(artifacts_dir / "klasoverzicht-30.png"), full_page=True)
