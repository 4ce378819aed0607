"""The class overview reads the states the real module models write (not hand-made dicts)."""

from __future__ import annotations

import pytest

from verbinding.classview import ClassOverview
from verbinding.workbook import Workbook


def learner_file(code: str, case, n: int) -> tuple[str, bytes]:
    from verbinding.accountability import AccountabilityModel
    from verbinding.agendas import AgendaRegister
    from verbinding.connection import CaseAnalysis, ConnectionWork, InsiderRule
    from verbinding.dossier import DossierScan
    from verbinding.outreach import OutreachMap

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
    model.update_interest(first.id, weight="meer", reasoning="omdat het zwaar weegt")
    model.set_feedback(first.key, given="ja", how="brief", when="mei", what="uitleg")
    wb.set_module("accountability", model.to_dict())

    scan = DossierScan()
    question = scan.texts.questions[0].id
    scan.set_score(question, 1 + n)
    wb.set_module("eigen_dossier", scan.to_dict())

    register = AgendaRegister(ministry="Defensie")
    wb.set_module("echte_agendas", register.to_dict())
    return f"{code}.json", wb.to_bytes()


def test_overview_of_real_module_states():
    pytest.importorskip("verbinding.connection")
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
    assert weights.loc["Stichting Proef", "meer"] == 3 and weights.loc["Vereniging Toets", "none"] == 3

    scores = overview.scores()
    assert len(scores) == 1 and scores.iloc[0]["mean"] == 2 and scores.iloc[0]["n"] == 3

    agenda, learners, _ = overview.agenda_types()
    assert learners == 3 and agenda["count"].sum() > 0
    assert overview.markdown()
