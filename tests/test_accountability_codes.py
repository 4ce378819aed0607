"""One language for saved values (issue 22): module 4 saves English codes ("more", "yes",
"letter", "talks", ...), and a workbook saved before, with the Dutch codes ("meer", "ja",
"brief", "overleg", ...), opens, shows, exports and counts exactly as the same work saved
today. The learner sees the same Dutch labels either way."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from test_accountability_ui import FakePage, _case

from verbinding.classview import ClassOverview
from verbinding.export import workbook_markdown
from verbinding.modules.accountability import (
    DUTCH_CODES,
    FEEDBACK_GIVEN,
    FEEDBACK_HOW,
    SOURCES,
    WEIGHTS,
    AccountabilityModel,
    export_blocks,
    feedback_counts,
    rationale_markdown,
    saved_code,
    still_to_do,
)
from verbinding.modules.accountability.view import AccountabilityExercise
from verbinding.texts import t
from verbinding.workbook import Workbook

FIXTURE = Path(__file__).resolve().parent / "data" / "werkboek-main-b55c208.json"


def as_saved_before(state: dict) -> dict:
    """``state`` as a workbook of before issue 22 held it: every code in Dutch."""
    dutch = {kind: {new: old for old, new in codes.items()} for kind, codes in DUTCH_CODES.items()}
    old = copy.deepcopy(state)
    for interest in old.get("interests", []):
        interest["weight"] = dutch["weight"].get(interest["weight"], interest["weight"])
        interest["source"] = dutch["source"].get(interest["source"], interest["source"])
    for entry in old.get("feedback", {}).values():
        entry["given"] = dutch["given"].get(entry["given"], entry["given"])
        entry["how"] = dutch["how"].get(entry["how"], entry["how"])
    return old


def test_every_code_has_its_dutch_label_and_every_old_code_reads_as_a_new_one():
    for kind, codes, key in (("weight", WEIGHTS, "weights"), ("given", FEEDBACK_GIVEN, "feedback_given"),
                             ("how", FEEDBACK_HOW, "feedback_how"), ("source", SOURCES, "sources")):
        assert set(DUTCH_CODES[kind].values()) == set(codes)
        for old, new in DUTCH_CODES[kind].items():
            assert saved_code(kind, old) == new and saved_code(kind, new) == new
            assert t(f"accountability.{key}.{new}")  # the label the learner sees
    assert [t(f"accountability.weights.{w}") for w in WEIGHTS] == [
        "meer meegenomen", "evenveel meegenomen", "minder meegenomen"]
    assert [t(f"accountability.feedback_given.{g}") for g in FEEDBACK_GIVEN] == ["ja", "nee, bewust niet"]
    assert saved_code("weight", " Meer ") == "more" and saved_code("weight", "heel veel") == ""
    assert saved_code("given", True) == "yes" and saved_code("given", False) == "no"
    assert saved_code("given", "misschien") == ""
    assert saved_code("how", "per duif") == "per duif"  # free text is kept as written, as before
    assert saved_code("source", None) == ""


@pytest.fixture
def weighed(data_home):
    """A workbook with module 4 worked through today (English codes), and the same work as a
    workbook of before (Dutch codes)."""
    new = Workbook.open("acc-codes-nieuw")
    ex = AccountabilityExercise(FakePage(new, _case()))
    ex.rows["org:o1"].weight.value = "more"
    ex.rows["org:o1"].reasoning.value = "Zij wonen het dichtst bij de molens."
    ex.rows["org:o1"].source.value = "round_table"
    ex.rows["org:o2"].weight.value = "less"
    ex.rows["org:o2"].reasoning.value = "Hun zorg is opgelost met een geluidsnorm."
    first, second = list(ex.feedback_rows.values())[:2]
    first.given.value, first.how.value, first.when.value, first.what.value = "yes", "meeting", "mei", "de afstand"
    second.given.value = "no"
    ex.generate.click()
    state = new.module("accountability")
    old = Workbook.open("acc-codes-oud")
    old.set_module("accountability", as_saved_before(state))
    return new, old


def test_a_new_save_writes_english_codes(weighed):
    new, _old = weighed
    state = new.module("accountability")
    assert [i["weight"] for i in state["interests"]] == ["more", "less"]
    assert state["interests"][0]["source"] == "round_table"
    assert state["interests"][1]["source"] == "consultation"  # seeded from the case's consultation
    assert [(f["given"], f["how"]) for f in state["feedback"].values()] == [("yes", "meeting"), ("no", "")]


def test_an_old_workbook_reads_exports_and_counts_as_the_same_work_today(weighed):
    new, old = weighed
    today, before = new.module("accountability"), old.module("accountability")
    assert before["interests"][0]["weight"] == "meer" and before["interests"][0]["source"] == "rondetafel"
    assert AccountabilityModel.from_dict(before).to_dict() == AccountabilityModel.from_dict(today).to_dict()
    assert export_blocks(before) == export_blocks(today)
    assert rationale_markdown(before, "Windpark") == rationale_markdown(today, "Windpark")
    assert "meer meegenomen" in rationale_markdown(before, "Windpark")
    assert feedback_counts(before) == feedback_counts(today) == (1, 2)
    assert still_to_do(before) == still_to_do(today)
    def body(workbook):  # the export without its first lines (the workbook's code and time)
        return workbook_markdown(workbook).split("\n", 3)[3]

    assert "meer meegenomen" in body(old) and body(old) == body(new)
    classes = [ClassOverview.from_files([("x.json", wb.to_bytes())]) for wb in (new, old)]
    assert classes[0].weights().equals(classes[1].weights())
    assert classes[0].accountability_per_learner().drop(columns="learner").equals(
        classes[1].accountability_per_learner().drop(columns="learner"))
    weights = classes[1].weights().set_index("name")
    assert weights.loc["Organisatie o1", "more"] == 1 and weights.loc["Organisatie o2", "less"] == 1
    assert classes[1].accountability_per_learner()["feedback"].tolist() == [1]


def test_an_old_workbook_shows_the_same_page_and_is_saved_in_english_codes(weighed):
    new, old = weighed
    revision = new.revision
    pages = [AccountabilityExercise(FakePage(wb, _case())) for wb in (new, old)]
    today, before = pages
    assert new.revision == revision  # today's shape: opening it writes nothing
    # a begun module in an older shape is saved in today's at once (as a workbook without a
    # handful always was), so two tabs never each translate the codes under their edits
    assert old.module("accountability") == new.module("accountability")
    for interest_id, row in today.rows.items():
        other = before.rows[interest_id]
        assert (row.weight.value, row.source.value, row.reasoning.value, row.status.value) == (
            other.weight.value, other.source.value, other.reasoning.value, other.status.value)
    assert before.rows["org:o1"].weight.value == "more"
    assert before.rows["org:o1"].weight.label == "meer meegenomen"  # what the learner sees
    for key, row in today.feedback_rows.items():
        other = before.feedback_rows[key]
        assert (row.given.value, row.how.value) == (other.given.value, other.how.value)
    assert before.feedback_rows["org:o1"].given.label == "ja"
    for name in ("checks", "coverage", "draft", "draft_status"):
        assert getattr(today, name).value == getattr(before, name).value, name
    assert today.chart.summary_text == before.chart.summary_text
    before.rows["org:o2"].reasoning.value = "Hun zorg is opgelost met een strengere geluidsnorm."
    state = old.module("accountability")
    assert [i["weight"] for i in state["interests"]] == ["more", "less"]
    assert state["interests"][0]["source"] == "round_table"
    assert [(f["given"], f["how"]) for f in state["feedback"].values()] == [("yes", "meeting"), ("no", "")]


def test_the_workbook_of_main_b55c208_opens_with_its_weights_and_feedback(data_home):
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, folder / "oud-werkboek-1.json")
    workbook = Workbook.open("oud-werkboek-1", home=data_home)
    saved = json.loads(FIXTURE.read_text(encoding="utf-8"))["modules"]["accountability"]
    model = AccountabilityModel.from_dict(workbook.module("accountability"))
    assert [i.weight for i in model.interests] == ["more", "equal", "less", ""]
    assert [model.feedback_for(f"naam:{n}").given for n in range(4)] == ["yes", "no", "no", "yes"]
    assert {model.feedback_for(f"naam:{n}").how for n in range(4)} == {"letter"}
    assert model.to_dict()["interests"][0]["weight"] == "more"  # the next save writes English
    assert workbook.module("accountability") == saved  # reading it changes nothing
    tables = [b for b in export_blocks(saved) if hasattr(b, "rows")]
    assert [row[4] for row in tables[0].rows] == ["meer meegenomen", "evenveel meegenomen",
                                                   "minder meegenomen", "nog niet gewogen"]
