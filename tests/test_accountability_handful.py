"""Module 4's handful (issue 28): the learner weighs a chosen few parties, one of them an
insider the course points out; the rest is optional, and counts once filled in."""

from __future__ import annotations

import pytest

from verbinding import progress
from verbinding.cases import BUILTIN_CASES, load_case
from verbinding.document import Table
from verbinding.modules.accountability import (
    HANDFUL_MAX,
    AccountabilityModel,
    Sources,
    default_handful,
    is_complete,
    sources_from_case,
    sources_from_workbook,
)
from verbinding.texts import t
from verbinding.workbook import Workbook, parse_document

DIMS = ({"id": "econ", "name": "Economie"}, {"id": "leef", "name": "Leefomgeving"})
REASON = "Zij dragen de gevolgen van de maatregel in hun eigen wijk."


@pytest.fixture(scope="module", params=BUILTIN_CASES)
def case(request):
    return load_case(request.param)


def _names(case) -> dict[str, str]:
    return dict(zip(case.organisations["org_id"].astype(str), case.organisations["name"].astype(str)))


def _learner_sources(case, with_insider: bool) -> Sources:
    """What a learner who did modules 2 and 3 brings: 8 parties on the map, 4 invitations,
    and the case's consultation; with or without an insider among them."""
    case_src = sources_from_case(case)
    names = _names(case)
    plain = [o for o in names if o not in case_src.insiders]
    insiders = sorted(case_src.insiders)
    mapped = plain[:8] if not with_insider else [insiders[-1], *plain[:7]]
    outreach = {"dimensions": [{"id": d.id, "name": d.name} for d in case.dimensions],
                "stakeholders": [{"id": o, "org_id": o, "name": names[o]} for o in mapped],
                "alternatives": [{"text": "Een proef in één regio", "by": names[plain[3]], "hearing": "no"}]}
    connection = {"invitations": [{"org_id": o, "name": names[o]} for o in plain[20:24]]}
    return sources_from_workbook(outreach, connection, case_src, names)


def _model(sources: Sources) -> AccountabilityModel:
    model = AccountabilityModel()
    model.sync_sources(sources)
    return model


# ----- the default handful -------------------------------------------------------------------
@pytest.mark.parametrize("with_insider", [False, True])
def test_every_builtin_case_gives_6_to_8_parties_with_an_insider(case, with_insider):
    model = _model(_learner_sources(case, with_insider))
    handful = model.handful_ids()
    assert len(model.interests) > HANDFUL_MAX  # the grind of issue 28: far more than a handful
    assert 6 <= len(handful) <= 8
    members = [model.get(i) for i in handful]
    assert any(i.insider for i in members)
    pointed = model.pointed_out()
    assert pointed is not None and pointed.insider and pointed.id in handful
    # a spread: the consultation, the learner's own map and invitations, the rejected proposal
    origins = {i.origin for i in members}
    assert {"consultation", "outreach", "connection"} <= origins
    assert any(i.rejected for i in members)
    assert sum(i.is_group for i in members) <= 3  # parties with a name, not mostly topics
    # deterministic: the same work gives the same handful
    assert _model(_learner_sources(case, with_insider)).handful_ids() == handful


def test_without_outreach_and_connection_the_case_gives_6_to_8_with_an_insider(case):
    model = _model(sources_from_workbook({}, {}, sources_from_case(case), _names(case)))
    handful = model.handful_ids()
    assert 6 <= len(handful) <= 8
    insider = model.pointed_out()
    case_src = sources_from_case(case)
    # the consultation has no insider: the one with most contacts in the log joins the list
    assert insider is not None and insider.origin == "insider" and insider.org_id == case_src.top_insiders[0]["org_id"]
    assert insider.name == _names(case)[insider.org_id]


def test_the_pointed_insider_is_the_one_with_most_contacts():
    rows = tuple({"org_id": f"o{n}", "name": f"Partij {n}", "origin": "outreach"} for n in range(12))
    sources = Sources(rows, DIMS, "outreach", frozenset({"o2", "o9"}), {"o2": 3, "o9": 40})
    model = _model(sources)
    assert model.handful_insider == "org:o9" and "org:o9" in model.handful_ids()
    assert "org:o2" not in model.handful_ids()  # others before a second insider


def test_a_short_list_is_weighed_whole():
    rows = tuple({"org_id": f"o{n}", "name": f"Partij {n}"} for n in range(5))
    model = _model(Sources(rows, DIMS, "outreach", frozenset({"o1"})))
    assert model.handful_ids() == [f"org:o{n}" for n in range(5)] and model.optional() == []
    assert default_handful([]) == []


# ----- changing the handful ----------------------------------------------------------------
def _twelve() -> AccountabilityModel:
    rows = tuple({"org_id": f"o{n}", "name": f"Partij {n}", "origin": "outreach", "source": "talks",
                  "asked": f"iets voor partij {n}", "dimensions": ["econ" if n % 2 else "leef"]}
                 for n in range(12))
    return _model(Sources(rows, DIMS, "outreach", frozenset({"o4"}), {"o4": 30}))


def test_the_learner_adds_and_removes_but_keeps_an_insider_and_six():
    model = _twelve()
    handful = model.handful_ids()
    assert len(handful) == 7 and "org:o4" in handful
    with pytest.raises(ValueError, match="vaste gesprekspartner"):
        model.remove_from_handful("org:o4")  # the only insider stays
    optional = model.optional()[0].id
    model.add_to_handful(optional)
    assert optional in model.handful_ids() and len(model.handful_ids()) == 8
    for interest_id in [i for i in model.handful_ids() if i != "org:o4"][:2]:
        model.remove_from_handful(interest_id)
    assert len(model.handful_ids()) == 6
    with pytest.raises(ValueError, match="minstens 6"):
        model.remove_from_handful(next(i for i in model.handful_ids() if i != "org:o4"))
    own = model.add_interest("Jongerenraad")  # a party one adds oneself is one to weigh
    assert own.id in model.handful_ids()
    again = AccountabilityModel.from_dict(model.to_dict())
    assert again.handful_ids() == model.handful_ids() and again.handful_insider == "org:o4"


def _weigh(model: AccountabilityModel, interest_id: str, weight: str = "equal") -> None:
    model.update_interest(interest_id, weight=weight, reasoning=REASON)
    model.set_feedback(model.get(interest_id).key, given="yes", how="letter", when="mei", what="het besluit")


# ----- completeness and text ---------------------------------------------------------------
def test_the_handful_weighed_is_done_and_the_text_claims_no_more():
    model = _twelve()
    model.generate_draft()
    state = model.to_dict()
    assert not is_complete(state)
    for interest_id in model.handful_ids():
        _weigh(model, interest_id)
    model.generate_draft()
    assert is_complete(model.to_dict())
    # the work is done; "afgerond" also needs the module's kennischeck
    assert progress.state_of(model.to_dict(), "accountability") == progress.QUIZ
    from verbinding.quiz import questions

    checked = {**model.to_dict(), "kennischeck": {"answers": {q.id: 1 for q in questions("accountability")}}}
    assert progress.state_of(checked, "accountability") == progress.DONE
    # the untouched optional parties ask for nothing on the page ...
    optional = [i.name for i in model.optional()]
    messages = " ".join(f.message for f in model.findings())
    assert not any(name in messages for name in optional)
    assert "7 van de 7" in model.coverage_text()
    # ... stay out of the nota, which says what was weighed, never "alle"
    text = model.generate_text()
    assert "7 partijen" in text and "12 partijen" not in text and "alle" not in text.lower().split()
    assert not any(name in text for name in optional)
    # ... and the export says which were left out
    points = " ".join(model.open_points())
    assert t("accountability.draft.open_optional", names="").split(":")[0] in points
    assert all(name in points for name in optional)
    table = next(b for b in model.blocks() if isinstance(b, Table))
    assert len(table.rows) == 7


def test_an_optional_party_filled_in_counts_and_must_be_finished():
    model = _twelve()
    for interest_id in model.handful_ids():
        _weigh(model, interest_id)
    extra = model.optional()[0]
    model.update_interest(extra.id, weight="more")  # started: now it counts, and is checked
    model.generate_draft()
    assert not is_complete(model.to_dict())
    assert any(f.subject == extra.id and f.kind == "weight_without_reasoning" for f in model.findings())
    _weigh(model, extra.id, "more")
    model.generate_draft()
    assert is_complete(model.to_dict())
    assert extra.name in model.generate_text() and "8 van de 8" in model.coverage_text()
    table = next(b for b in model.blocks() if isinstance(b, Table))
    assert extra.name in [row[0] for row in table.rows]
    assert extra.id not in model.handful_ids()  # counted, but still optional


def test_a_workbook_saved_before_the_handful_loads_with_the_default(data_home):
    model = _twelve()
    old = model.to_dict()
    del old["handful"]
    wb = Workbook.open("voor-issue-28")
    wb.set_module("accountability", old)
    doc = parse_document(wb.to_bytes())  # an upload of such a workbook is valid
    again = AccountabilityModel.from_dict(doc["modules"]["accountability"])
    assert again.handful_ids() == default_handful(again.interests, again.dimensions)
    assert 6 <= len(again.handful_ids()) <= 8
    for interest_id in again.handful_ids():
        _weigh(again, interest_id)
    again.generate_draft()
    state = again.to_dict()
    assert is_complete(state) and state["handful"]["ids"] == again.handful_ids()
    wb.set_module("accountability", state)
    assert Workbook.open("voor-issue-28").module("accountability")["handful"] == state["handful"]


def test_a_broken_handful_falls_back_to_the_default():
    state = _twelve().to_dict()
    for broken in ("x", {"ids": "org:o1"}, {"ids": ["nergens"]}, None):
        state["handful"] = broken
        model = AccountabilityModel.from_dict(state)
        assert model.handful_ids() == default_handful(model.interests, model.dimensions)


def test_the_insider_added_from_the_log_brings_its_topics(case):
    model = _model(sources_from_workbook({}, {}, sources_from_case(case), _names(case)))
    insider = model.pointed_out()
    topics = case.contacts[case.contacts["org_id"].astype(str) == insider.org_id]["topic"].value_counts()
    first = str(topics.index[0])
    assert first[1:] in insider.asked and "contactlog" in insider.asked  # something to weigh, from the log
    assert insider.source == "talks" and not insider.weight


def test_two_tabs_that_each_add_a_party_to_the_handful_keep_both():
    from verbinding.merge import merge_states

    base = _twelve()
    one, two = (AccountabilityModel.from_dict(base.to_dict()) for _ in range(2))
    first, second = [i.id for i in base.optional()][:2]
    one.add_to_handful(first)
    two.add_to_handful(second)
    merged, conflicts = merge_states(base.to_dict(), one.to_dict(), two.to_dict())
    assert not conflicts
    ids = AccountabilityModel.from_dict(merged).handful_ids()
    assert first in ids and second in ids and set(base.handful_ids()) <= set(ids)


def test_the_class_view_counts_the_handful_not_the_whole_list():
    from test_classview import workbook_bytes

    from verbinding.classview import ClassOverview

    model = _twelve()
    for interest_id in model.handful_ids():
        _weigh(model, interest_id)
    overview = ClassOverview.from_files([("a.json", workbook_bytes("handvol-1", {"accountability": model.to_dict()}))])
    row = overview.accountability_per_learner().iloc[0]
    assert row["interests"] == 7 and row["weighed_share"] == 1.0 and row["reasoned_share"] == 1.0
