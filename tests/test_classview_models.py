"""The class overview reads the states the real module models write (not hand-made dicts)."""

from __future__ import annotations

import pytest

from verbinding.classview import ClassOverview
from verbinding.workbook import Workbook


def learner_file(code: str, case, n: int) -> tuple[str, bytes]:
    from verbinding.modules.accountability import AccountabilityModel
    from verbinding.modules.connection import CaseAnalysis, ConnectionWork, InsiderRule
    from verbinding.modules.echte_agendas import AgendaRegister
    from verbinding.modules.eigen_dossier import DossierScan
    from verbinding.modules.outreach import OutreachMap

    wb = Workbook(code, path=None)
    outreach = OutreachMap(case_id=case.id)
    outreach.add_dimension("Gezondheid van ouderen")
    if n % 2:
        outreach.add_dimension("Betaalbaarheid")
    wb.set_module("outreach", outreach.to_dict())

    analysis = CaseAnalysis(case)
    rule = InsiderRule(kind="top", top_pct=5 + 5 * n)
    work = ConnectionWork(case=case.id, rule=rule)
    work.insiders = analysis.insiders(rule).snapshot(analysis.names)
    wb.set_module("connection", work.to_dict())

    model = AccountabilityModel()
    first = model.add_interest("Stichting Proef")
    model.add_interest("Vereniging Toets")
    model.update_interest(first.id, weight="more", reasoning="omdat het zwaar weegt")
    model.set_feedback(first.key, given="yes", how="letter", when="mei", what="uitleg")
    wb.set_module("accountability", model.to_dict())

    scan = DossierScan()
    question = scan.texts.questions[0].id
    scan.set_score(question, 1 + n)
    wb.set_module("eigen_dossier", scan.to_dict())

    register = AgendaRegister(ministry="Defensie")
    wb.set_module("echte_agendas", register.to_dict())
    return f"{code}.json", wb.to_bytes()


def test_overview_of_real_module_states():
    pytest.importorskip("verbinding.modules.connection")
    from verbinding.cases import load_case

    case = load_case("klimaatadaptatie")
    files = [learner_file(f"echt-{n}", case, n) for n in range(3)]
    overview = ClassOverview.from_files(files)
    assert len(overview.learners) == 3 and not overview.skipped

    dims = overview.dimensions().set_index("name")["learners"]
    assert dims["Gezondheid van ouderen"] == 3 and dims["Betaalbaarheid"] == 1

    counts = overview.insider_counts()
    assert len(counts) == 3 and counts[0] <= counts[1] <= counts[2] and counts[2] > 0
    insiders = overview.insiders()
    assert set(insiders["name"]) <= set(case.organisations["name"])
    assert len(overview.insider_rules()) == 3

    per = overview.accountability_per_learner()
    assert list(per["interests"]) == [2, 2, 2] and list(per["weighed"]) == [1, 1, 1]
    assert list(per["feedback"]) == [1, 1, 1]
    weights = overview.weights().set_index("name")
    assert weights.loc["Stichting Proef", "more"] == 3 and weights.loc["Vereniging Toets", "none"] == 3

    scores = overview.scores()
    assert len(scores) == 1 and scores.iloc[0]["mean"] == 2 and scores.iloc[0]["n"] == 3

    agenda, learners, _ = overview.agenda_types()
    assert learners == 3 and agenda["count"].sum() > 0
    assert overview.markdown()


def test_knowledge_checks_in_the_overview_and_its_export():
    from verbinding.quiz import KnowledgeCheckModel
    from verbinding.texts import t

    def learner(code, right):
        model = KnowledgeCheckModel.load("outreach")
        for n, item in enumerate(model.items):
            model.answer(item.id, item.right if n < right else item.right % len(item.options) + 1)
        wb = Workbook(code, path=None)
        wb.set_module("outreach", {"dimensions": [], "kennischeck": model.to_dict()})
        return f"{code}.json", wb.to_bytes()

    total = len(KnowledgeCheckModel.load("outreach").items)
    overview = ClassOverview.from_files([learner("a", total), learner("b", total - 1), learner("c", 0)])
    frame, broken = overview.knowledge_checks()
    assert not broken and list(frame["module"]) == ["outreach"], "modules nobody checked are left out"
    row = frame.iloc[0]
    assert row["learners"] == 3 and row["share_right"] == (2 * total - 1) / (3 * total)
    first = KnowledgeCheckModel.load("outreach").items[-1]
    assert row["hardest"] == first.question and row["hardest_wrong"] == 2
    assert overview.knowledge_checks_summary().startswith("Aantal cursisten met een of meer kennischecks: 3.")
    markdown = overview.markdown()
    assert t("classview.quiz.title") in markdown and f"{first.question} (2 keer fout)" in markdown


def test_a_broken_quiz_file_does_not_break_the_overview(edit_texts):
    from verbinding.texts import t

    edit_texts("quiz.yaml", lambda data: data["modules"]["outreach"][0].__setitem__("goed", 9))
    wb = Workbook("a", path=None)
    wb.set_module("outreach", {"dimensions": [], "kennischeck": {"answers": {"x": 1}}})
    overview = ClassOverview.from_files([("a.json", wb.to_bytes())])
    frame, broken = overview.knowledge_checks()
    assert frame.empty and broken.startswith("De kennischecks zijn niet te tonen:")
    assert "nummer van een optie" in broken
    assert t("classview.quiz.title") in overview.markdown() and broken in overview.markdown()
