"""The Accountability model: checks, feedback coverage, the rationale draft, state."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from verbinding.document import Heading, Paragraph, Table
from verbinding.modules.accountability import (
    GROUP_PREFIX,
    MAX_DRAFT_ITEMS,
    AccountabilityModel,
    Finding,
    Sources,
    export_blocks,
    group_findings,
    restates_weight,
    sources_from_case,
    sources_from_workbook,
)
from verbinding.texts import check_catalogue, t

DIMS = ({"id": "econ", "name": "Economie"}, {"id": "leef", "name": "Leefomgeving"})


def _model(*rows, insiders=(), dims=DIMS) -> AccountabilityModel:
    model = AccountabilityModel()
    stakeholders = tuple(
        {"org_id": r[0], "name": r[1], "origin": r[2] if len(r) > 2 else "outreach",
         "source": "consultation" if (len(r) > 2 and r[2] == "consultation") else "talks",
         "dimensions": list(r[3]) if len(r) > 3 else [], "asked": f"iets voor {r[1]}"}
        for r in rows
    )
    model.sync_sources(Sources(stakeholders, dims, "outreach", frozenset(insiders)))
    return model


def kinds(model, kind=None):
    found = [(f.kind, f.subject) for f in model.findings()]
    return [f for f in found if kind is None or f[0] == kind]


def test_catalogue_is_valid():
    assert check_catalogue() == []


# ----- each check, on small hand-made inputs ------------------------------------------
def test_empty_model_says_nothing_to_weigh():
    model = AccountabilityModel.from_dict({})
    findings = model.findings()
    assert [f.kind for f in findings] == ["nothing_yet"]
    assert findings[0].message == t("accountability.checks.nothing_yet")


def test_weight_without_reasoning_names_the_interest():
    model = _model(("o1", "Huurdersbond Oost"), ("o2", "Vereniging Wind"))
    model.update_interest("org:o1", weight="more")
    found = [f for f in model.findings() if f.kind == "weight_without_reasoning"]
    assert [f.subject for f in found] == ["org:o1"]
    assert "Huurdersbond Oost" in found[0].message and "meer meegenomen" in found[0].message
    model.update_interest("org:o1", reasoning="Zij vertegenwoordigen 40.000 huurders met hoge energiekosten.")
    assert kinds(model, "weight_without_reasoning") == []


def test_whitespace_only_reasoning_counts_as_missing():
    model = _model(("o1", "Huurdersbond Oost"))
    model.update_interest("org:o1", weight="less", reasoning="   \n\t ")
    assert kinds(model, "weight_without_reasoning") == [("weight_without_reasoning", "org:o1")]


@pytest.mark.parametrize(
    "reasoning",
    ["meer meegenomen", "Omdat het belangrijk is.", "Dit belang weegt zwaarder, want het is belangrijker!", "MEER"],
)
def test_reasoning_that_only_restates_the_weight(reasoning):
    assert restates_weight(reasoning)
    model = _model(("o1", "Energie Coöperatie Zuid"))
    model.update_interest("org:o1", weight="more", reasoning=reasoning)
    found = [f for f in model.findings() if f.kind == "reasoning_restates_weight"]
    assert len(found) == 1 and "Energie Coöperatie Zuid" in found[0].message


@pytest.mark.parametrize(
    "reasoning",
    [
        "Zij vertegenwoordigen huurders die nu geen stem hebben.",
        "Meer meegenomen omdat de gezondheidsschade groot is.",
        "Het voorstel kost de gemeente 2 miljoen.",
    ],
)
def test_reasoning_with_content_passes(reasoning):
    assert not restates_weight(reasoning)
    model = _model(("o1", "Energie Coöperatie Zuid"))
    model.update_interest("org:o1", weight="more", reasoning=reasoning)
    assert kinds(model, "reasoning_restates_weight") == []
    assert kinds(model, "weight_without_reasoning") == []


@pytest.mark.parametrize("reasoning", ["commercieel", "te duur"])
def test_a_one_or_two_word_reason_is_flagged_not_accepted(reasoning):
    # seen in the walk: 'Minder meegenomen: Langklaver Thuiszorg Groep. Commercieel.' passed the check
    model = _model(("o1", "Langklaver Thuiszorg Groep"))
    model.update_interest("org:o1", weight="less", reasoning=reasoning)
    found = [f for f in model.findings() if f.kind == "reasoning_short"]
    assert len(found) == 1 and "Langklaver Thuiszorg Groep" in found[0].message and reasoning in found[0].message
    model.update_interest("org:o1", reasoning="Het bedrijf verdient aan de maatregel; de kosten liggen bij bewoners.")
    assert kinds(model, "reasoning_short") == []


def test_consultation_interest_never_weighed():
    model = _model(("o1", "Bond A"), ("o9", "Buurtcomité De Hoek", "consultation"))
    found = [f for f in model.findings() if f.kind == "consultation_unweighed"]
    assert [f.subject for f in found] == ["org:o9"]
    assert "Buurtcomité De Hoek" in found[0].message
    model.update_interest("org:o9", weight="less", reasoning="Hun zorg over geluid is al opgelost door de afstandsnorm.")
    assert kinds(model, "consultation_unweighed") == []


def test_only_insiders_given_more():
    model = _model(("o1", "Vaste Koepel"), ("o2", "Nieuwe Stem"), insiders={"o1"})
    assert model.get("org:o1").insider and not model.get("org:o2").insider
    model.update_interest("org:o1", weight="more", reasoning="Zij leveren de uitvoering.")
    model.update_interest("org:o2", weight="less", reasoning="Hun voorstel is te duur voor de regio.")
    found = [f for f in model.findings() if f.kind == "only_insiders_more"]
    assert len(found) == 1 and "Vaste Koepel" in found[0].message
    model.update_interest("org:o2", weight="more")
    assert kinds(model, "only_insiders_more") == []


def test_no_more_at_all_is_not_an_insider_problem():
    model = _model(("o1", "Vaste Koepel"), insiders={"o1"})
    model.update_interest("org:o1", weight="equal", reasoning="Gelijke behandeling van alle sectoren.")
    assert kinds(model, "only_insiders_more") == []


def test_outreach_dimension_without_any_weighed_interest():
    model = _model(("o1", "Bond A", "outreach", ["econ"]), ("o2", "Bond B", "outreach", []))
    model.update_interest("org:o1", weight="more", reasoning="Werkgelegenheid in de regio.")
    found = [f for f in model.findings() if f.kind == "dimension_unweighed"]
    assert [f.subject for f in found] == ["leef"]
    assert "Leefomgeving" in found[0].message
    model.add_interest("Bewonersraad", "minder geluid")
    model.update_interest("eigen-1", weight="less", reasoning="Geluidsnorm dekt dit al af.")
    assert kinds(model, "dimension_unweighed") == [("dimension_unweighed", "leef")]  # no dimension: still unspoken for


def test_a_dimension_whose_own_interest_waits_is_asked_for_once():
    """The walk of 6 December: 'De 40 reacties over Bouwen ...: nog niet gewogen' and 'Voor de
    dimensie Bouwen ... heb je nog geen enkel belang gewogen' said one thing twice. The
    interest's own line asks for it; the dimension's line comes when nobody in the list
    speaks for it."""
    model = _model(("o1", "Bond A", "outreach", ["econ"]), ("o2", "Bond B", "outreach", ["leef"]))
    model.update_interest("org:o1", weight="more", reasoning="Werkgelegenheid in de regio.")
    assert kinds(model, "dimension_unweighed") == []
    assert kinds(model, "unweighed") == [("unweighed", "org:o2")]
    model.update_interest("org:o2", weight="less", reasoning="Geluidsnorm dekt dit al af.")
    assert kinds(model, "dimension_unweighed") == []


def test_reasoning_without_weight_is_flagged():
    model = _model(("o1", "Bond A"))
    model.update_interest("org:o1", reasoning="Goed onderbouwd voorstel over netcapaciteit.")
    assert kinds(model, "reasoning_without_weight") == [("reasoning_without_weight", "org:o1")]


def test_group_findings_caps_long_lists():
    model = _model(*[(f"o{i}", f"Partij {i}", "consultation") for i in range(20)])
    for interest in model.interests:  # all 20 to weigh, not only the default handful
        model.add_to_handful(interest.id)
    messages = group_findings([f for f in model.findings() if f.kind == "consultation_unweighed"], limit=5)
    assert len(messages) == 6
    assert messages[-1] == t("accountability.checks.more_count", count=15)



def test_each_kinds_rest_is_counted_under_its_own_kind():
    """'Nog 2 andere punten van dezelfde soort' stood last, under a point of another kind."""
    findings = [Finding("a", f"a{i}") for i in range(4)] + [Finding("b", "b0")] + [Finding("a", "a4")]
    assert group_findings(findings, limit=3) == ["A0", "A1", "A2", t("accountability.checks.more_count", count=2), "B0"]


# ----- feedback tracker ---------------------------------------------------------------
def test_feedback_coverage_split_insiders_vs_others():
    model = _model(("o1", "Koepel"), ("o2", "Bond"), ("o3", "Buurt"), ("o4", "Stichting"), insiders={"o1", "o2"})
    model.set_feedback("org:o1", given="yes", how="letter", when="3 maart", what="de gekozen variant")
    model.set_feedback("org:o2", given="yes", how="conversation", when="4 maart", what="de gekozen variant")
    cov = model.coverage()
    assert (cov["given"], cov["total"]) == (2, 4)
    assert (cov["insiders_given"], cov["insiders_total"], cov["others_given"], cov["others_total"]) == (2, 2, 0, 2)
    text = model.coverage_text()
    assert "2 van de 4" in text and "50%" in text and "100%" in text and "0%" in text
    assert kinds(model, "feedback_insiders_only") == [("feedback_insiders_only", "")]
    model.set_feedback("org:o3", given="yes", how="publication", when="5 maart", what="samenvatting")
    model.set_feedback("org:o4", given="yes", how="meeting", when="6 maart", what="samenvatting")
    assert kinds(model, "feedback_insiders_only") == []
    assert kinds(model, "feedback_missing") == []


def test_one_insider_who_heard_back_is_no_pattern():
    """A learner's walk: 'Vooral de vaste gesprekspartners horen iets terug: 100% ... tegen
    67%' drew a conclusion from a single insider."""
    model = _model(("o1", "Koepel"), ("o2", "Bond"), ("o3", "Buurt"), ("o4", "Stichting"), insiders={"o1"})
    for key in ("org:o1", "org:o2", "org:o3"):
        model.set_feedback(key, given="yes", how="letter", when="3 maart", what="de gekozen variant")
    found = [f for f in model.findings() if f.kind == "feedback_insiders_only"]
    assert [f.message for f in found] == [
        "De ene vaste gesprekspartner in je afweging hoorde iets terug; van de anderen (andere partijen en "
        "reacties uit de consultatie) 2 van de 3. Koppel ook terug aan wie minder vaak aan tafel zit."]
    assert "Vooral" not in found[0].message and "%" not in found[0].message


def test_coverage_without_insiders_says_so_instead_of_0_of_0():
    model = _model(("o1", "Koepel"), ("o2", "Bond"))
    model.set_feedback("org:o1", given="yes", how="letter", when="3 maart", what="besluit")
    text = model.coverage_text()
    assert "1 van de 2" in text and "0 van 0" not in text
    assert t("accountability.coverage.split_no_insiders") in text


def test_chart_summary_counts_each_status_per_group():
    from verbinding.modules.accountability import coverage_chart_summary

    model = _model(("o1", "Koepel"), ("o2", "Bond"), ("o3", "Buurt"), insiders={"o1"})
    model.set_feedback("org:o1", given="yes")
    model.set_feedback("org:o2", given="no")
    summary = coverage_chart_summary(model)
    assert "Vaste gesprekspartners: 1 teruggekoppeld" in summary
    assert "Andere partijen: 1 bewust niet, 1 nog niet ingevuld" in summary


def test_coverage_split_and_chart_count_the_same_parties_as_the_parties_line():
    # The walk: 'Partijen: 4 van de 6' and 'Andere partijen: 4 van 6' on one page counted
    # two different sixes (the second had the consultation group in it).
    from verbinding.modules.accountability import coverage_chart_summary

    stakeholders = [{"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "talks"}
                    for k in range(6)]
    stakeholders.append({"id": "consultatie:water", "org_id": "", "origin": "consultation", "source": "consultation",
                         "name": "Consultatiereacties over Water (57)", "asked": "57 reacties", "dimensions": []})
    model = AccountabilityModel()
    model.sync_sources(Sources(tuple(stakeholders), DIMS, "outreach", frozenset({"o0"})))
    for key in ("org:o0", "org:o1", "org:o2", "org:o3", "consultatie:water"):
        model.set_feedback(key, given="yes", how="letter", when="mei", what="besluit")
    text = model.coverage_text()
    assert "5 van de 7 in je afweging" in text
    assert "Partijen: 4 van de 6." in text
    # the split adds up to the parties line: 1 + 3 = 4, 1 + 5 = 6
    assert "Vaste gesprekspartners: 1 van 1 (100%). Andere partijen: 3 van 5 (60%)." in text
    assert "4 van 6" not in text
    summary = coverage_chart_summary(model)
    assert "Andere partijen: 3 teruggekoppeld, 2 nog niet ingevuld" in summary
    assert "Consultatiereacties (groepen): 1 teruggekoppeld" in summary


def test_feedback_missing_and_incomplete_name_the_party():
    model = _model(("o1", "Koepel"), ("o2", "Bond"))
    model.set_feedback("org:o1", given="yes", how="letter")
    findings = {f.kind: f for f in model.findings() if f.kind.startswith("feedback")}
    assert "Koepel" in findings["feedback_incomplete"].message
    assert "Bond" in findings["feedback_missing"].message
    # walk finding: the check asked for 'hoe' although it was filled in
    assert findings["feedback_incomplete"].message.endswith("vul nog in: wanneer en waarover."), findings
    model.set_feedback("org:o1", given="yes", how="letter", when="maart")
    incomplete = next(f for f in model.findings() if f.kind == "feedback_incomplete")
    assert incomplete.message.endswith("vul nog in: waarover.") and "hoe" not in incomplete.message


def test_one_party_with_two_interests_gets_one_feedback_row():
    model = _model(("o1", "Koepel"))
    model.add_interest("Buurt Zuid", asked="Minder geluid")
    model.add_interest("Buurt Noord")
    assert [s[1] for s in model.stakeholders()] == ["Koepel", "Buurt Zuid", "Buurt Noord"]
    with pytest.raises(ValueError, match="staat al"):
        model.add_interest("  buurt   zuid ")
    with pytest.raises(ValueError, match="naam"):
        model.add_interest("   ")


def test_only_own_interests_can_be_removed():
    model = _model(("o1", "Koepel", "consultation"))
    own = model.add_interest("Jongerenraad")
    model.set_feedback(own.key, given="no")
    model.remove_interest(own.id)
    assert own.key not in model.feedback
    with pytest.raises(ValueError):
        model.remove_interest("org:o1")


# ----- the rationale draft ----------------------------------------------------------------
def _weighed_model():
    model = _model(("o1", "Koepel Energie", "outreach", ["econ"]), ("o2", "Buurtcomité De Hoek", "consultation", ["leef"]),
                   insiders={"o1"})
    model.update_interest("org:o1", weight="equal", reasoning="Zij voeren de maatregel uit.")
    model.update_interest("org:o2", weight="more", reasoning="omdat bewoners de geluidsoverlast dragen")
    model.set_feedback("org:o2", given="yes", how="meeting", when="12 april", what="de nieuwe afstandsnorm")
    return model


def test_draft_is_a_consultatieparagraaf_we_vroegen_u_zei_wij_deden():
    model = _weighed_model()
    text = model.generate_draft()
    paragraphs = text.split("\n\n")
    assert [p.split("\n")[0] for p in paragraphs] == [
        t("accountability.draft.heading_involved"), t("accountability.draft.heading_brought"),
        t("accountability.draft.heading_done"), t("accountability.draft.heading_feedback")]
    who, brought, done, back = paragraphs
    assert "In deze afweging hebben we de belangen van 2 partijen gewogen." in who
    assert "Al deze partijen hebben we bij de voorbereiding betrokken." in who
    assert "We overlegden met Koepel Energie." in who
    assert "Via de internetconsultatie reageerden Buurtcomité De Hoek." in who
    assert "gesproken met" not in text  # e-mail and consultation input are not conversations
    assert "Koepel Energie: iets voor Koepel Energie." in brought
    # running prose of a consultatieparagraaf, not a list ('Meer meegenomen: ... Ok.')
    assert "Het belang van Buurtcomité De Hoek hebben we zwaarder laten wegen, omdat bewoners de geluidsoverlast dragen." in done
    assert ("Het belang van Koepel Energie hebben we gewoon laten meewegen, niet zwaarder en niet minder zwaar. "
            "Zij voeren de maatregel uit.") in done
    assert done.index("zwaarder") < done.index("gewoon laten meewegen")  # heaviest first
    assert "meegenomen:" not in done
    assert "1 van de 2 partijen hoorde wat er met hun inbreng is gedaan." in back
    assert "Op een bijeenkomst: Buurtcomité De Hoek (12 april)." in back  # how and when
    assert "Koepel Energie" not in back  # no feedback yet: an open point, not nota text
    assert "Nog geen terugkoppeling" not in text and "nog niet" not in text
    for broken in (" op week", "vroeg om:", "Op een andere manier:", "..", "(en)"):
        assert broken not in text


def test_draft_names_a_few_parties_and_leaves_the_rest_to_the_annex():
    rows = [(f"o{i}", f"Partij {i}") for i in range(10)]
    model = _model(*rows)
    for interest in model.interests:  # all ten weighed, not only the default handful
        model.add_to_handful(interest.id)
    text = model.generate_text()
    assert "Partij 0: iets voor Partij 0." in text and "Partij 9: iets" not in text
    assert "De inbreng van 4 andere partijen staat in de bijlage." in text
    blocks = model.blocks(level=2)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert t("accountability.draft.heading_brought") in headings  # section lines become headings
    assert t("accountability.export.weighing") in headings and t("accountability.export.feedback") in headings
    table = next(b for b in blocks if isinstance(b, Table))
    assert len(table.rows) == 10  # the annex has everyone


def test_edit_is_kept_on_regenerate_and_recoverable_after_replace():
    model = _weighed_model()
    model.generate_draft()
    model.edit_draft("Mijn eigen tekst over de afweging.")
    model.update_interest("org:o1", weight="less")
    assert model.draft_outdated
    assert model.generate_draft() == "Mijn eigen tekst over de afweging."  # not overwritten
    state = model.to_dict()
    assert state["draft"]["edited"] == "Mijn eigen tekst over de afweging."
    assert "minder zwaar laten wegen" in state["draft"]["generated"]  # both texts stored
    fresh = model.generate_draft(replace_edit=True)
    assert "minder zwaar laten wegen" in fresh and not model.draft_edited
    assert model.draft["history"] == ["Mijn eigen tekst over de afweging."]
    assert model.restore_previous_edit() == "Mijn eigen tekst over de afweging."
    assert model.draft_text == "Mijn eigen tekst over de afweging."
    with pytest.raises(ValueError):
        model.restore_previous_edit()


def test_edit_equal_to_generated_is_not_an_edit():
    model = _weighed_model()
    text = model.generate_draft()
    model.edit_draft(text)
    assert not model.draft_edited


def test_empty_draft_text():
    assert AccountabilityModel().generate_draft() == t("accountability.draft.empty")


# ----- state ----------------------------------------------------------------------------------
def test_round_trip_and_tolerance():
    model = _weighed_model()
    model.add_interest("Jongerenraad", asked="<b>meer</b> inspraak")
    model.generate_draft()
    model.edit_draft("tekst")
    state = model.to_dict()
    again = AccountabilityModel.from_dict(state)
    assert again.to_dict() == state
    assert again.add_interest("Nog een").id == "eigen-2"
    junk = {"interests": [None, 3, {"name": ""}, {"name": "X", "weight": "heel veel", "dimensions": "a;b"}],
            "feedback": {"naam:x": {"given": True}, "y": "kapot"}, "draft": "oude tekst", "next_id": "x"}
    model = AccountabilityModel.from_dict(junk)
    assert [i.name for i in model.interests] == ["X"]
    assert model.interests[0].weight == "" and model.interests[0].dimensions == ["a", "b"]
    assert model.feedback["naam:x"].given == "yes"
    assert model.draft_text == "oude tekst"
    for bad in (None, [], "x", {"interests": "x", "draft": 5, "feedback": []}):
        assert AccountabilityModel.from_dict(bad).to_dict()["interests"] == []


def test_sync_never_overwrites_learner_entries():
    model = _weighed_model()
    src = Sources(({"org_id": "o1", "name": "Koepel Energie", "asked": "ander verzoek", "origin": "outreach",
                    "dimensions": ["leef"]}, {"org_id": "o5", "name": "Nieuw", "origin": "connection"}),
                  DIMS, "outreach", frozenset({"o5"}))
    assert model.sync_sources(src) == 1
    o1 = model.get("org:o1")
    assert o1.weight == "equal" and o1.reasoning == "Zij voeren de maatregel uit."
    assert o1.asked == "iets voor Koepel Energie" and o1.dimensions == ["econ", "leef"]
    assert not o1.insider and model.get("org:o5").insider


# ----- reading Outreach, Connection and the case -----------------------------------------------
def _case():
    return SimpleNamespace(
        dimensions=[SimpleNamespace(id="econ", name="Economie", explanation=""),
                    SimpleNamespace(id="leef", name="Leefomgeving", explanation="")],
        organisations=pd.DataFrame({"org_id": ["o1", "o2", "o3"], "name": ["Koepel", "Bond", "Buurt"]}),
        consultation=pd.DataFrame({"org_id": ["o3", None], "name": ["Buurt", "Burger J."],
                                   "position": ["Geen molens", float("nan")], "dimensions": ["leef", "econ;leef"]}),
        contacts=pd.DataFrame({"org_id": ["o1"] * 8 + ["o2", "o3"]}),
    )


def test_sources_from_case_alone():
    case_src = sources_from_case(_case())
    assert [s["name"] for s in case_src.stakeholders] == ["Buurt", "Burger J."]
    assert case_src.stakeholders[1]["dimensions"] == ["econ", "leef"] and case_src.stakeholders[1]["asked"] == ""
    assert case_src.insiders == {"o1"} and [d["id"] for d in case_src.dimensions] == ["econ", "leef"]
    combined = sources_from_workbook({}, {}, case_src)
    model = AccountabilityModel()
    model.sync_sources(combined)
    # no insider among the respondents: the one with most contacts joins, to weigh (issue 28)
    assert [i.origin for i in model.interests] == ["consultation", "consultation", "insider"]
    assert model.interests[-1].name == "Koepel" and model.interests[-1].insider
    assert model.handful_ids() == ["org:o3", "naam:burger j.", "org:o1"] and model.handful_insider == "org:o1"
    assert model.dimensions_from == "case"
    assert sources_from_case(None) == Sources()


def test_sources_prefer_learner_work_and_keep_consultation():
    outreach = {
        "dimensions": [{"id": "gez", "name": "Gezondheid", "why": "..."}],
        "stakeholders": [{"org_id": "o2"}, {"name": "Huisartsen Kring"}, "o1"],
        "links": [{"org_id": "o2", "dimension": "gez"}],
        "alternatives": [{"proposed_by": "o2", "text": "Eerst isoleren"}],
    }
    connection = {"insiders": ["o2"], "invitations": [{"org_id": "o3", "format": "rondetafel"}]}
    src = sources_from_workbook(outreach, connection, sources_from_case(_case()), {"o1": "Koepel", "o2": "Bond"})
    model = AccountabilityModel()
    model.sync_sources(src)
    names = [(i.name, i.origin) for i in model.interests]
    assert names == [("Bond", "outreach"), ("Huisartsen Kring", "outreach"), ("Koepel", "outreach"),
                     ("Buurt", "connection"), ("Burger J.", "consultation")]
    bond = model.get("org:o2")
    assert bond.insider and bond.dimensions == ["gez"] and bond.asked == "Eerst isoleren"
    assert model.get("org:o3").source == "round_table"  # Connection's format id, read as a source
    assert model.dimensions == [{"id": "gez", "name": "Gezondheid"}] and model.dimensions_from == "outreach"
    # odd shapes do not break anything
    assert sources_from_workbook({"stakeholders": 5, "links": [3]}, {"insiders": {"a": 1}}, None).stakeholders == ()


# ----- export blocks ----------------------------------------------------------------------------
def test_export_blocks_have_headings_weighing_table_and_coverage():
    blocks = export_blocks(_weighed_model().to_dict())
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    sections = [t(f"accountability.draft.heading_{k}") for k in ("involved", "brought", "done", "feedback")]
    assert headings[:7] == [t("accountability.export.rationale"), *sections, t("accountability.export.weighing"),
                            t("accountability.export.feedback")]
    tables = [b for b in blocks if isinstance(b, Table)]
    weighing = tables[0]
    assert ("Buurtcomité De Hoek", "iets voor Buurtcomité De Hoek", t("accountability.sources.consultation"),
            t("accountability.other_label"), "meer meegenomen", "omdat bewoners de geluidsoverlast dragen") in weighing.rows
    assert any("1 van de 2" in b.text for b in blocks if isinstance(b, Paragraph))
    assert len(tables[1].rows) == 2


def test_export_blocks_of_empty_state():
    blocks = export_blocks({})
    assert not [b for b in blocks if isinstance(b, Table)]
    assert t("accountability.export.empty") in [b.text for b in blocks if isinstance(b, Paragraph)]


def test_sources_from_the_documented_outreach_and_connection_shapes():
    """Shapes as written by verbinding.modules.outreach.OutreachMap and connection.ConnectionWork."""
    outreach = {
        "version": 1,
        "dimensions": [{"id": "econ", "name": "Economie", "why": "", "origin": "case"},
                       {"id": "eigen-1", "name": "Jongeren", "why": "", "origin": "learner"}],
        "stakeholders": [{"id": "o1", "name": "Koepel", "org_id": "o1", "type": "branche"},
                         {"id": "vrij-1", "name": "Jongerenraad Oost", "org_id": None, "type": ""}],
        "links": [{"dimension_id": "econ", "stakeholder_id": "o1", "expertise": 3, "support": 1},
                  {"dimension_id": "eigen-1", "stakeholder_id": "vrij-1", "expertise": None, "support": None}],
        "alternatives": [{"id": "a1", "text": "Een jongerenpanel", "by": "Jongerenraad Oost", "status": "brought"}],
        "gap_dimensions": ["eigen-1"],
    }
    connection = {
        "insiders": {"rule": "...", "count": 2, "names": ["Koepel", "Bond"]},
        "invitations": [{"org_id": "o3", "name": "Buurt", "dimensions": ["Jongeren"], "reason": "nooit gehoord"}],
    }
    src = sources_from_workbook(outreach, connection, None, {"o1": "Koepel", "o2": "Bond", "o3": "Buurt"})
    model = AccountabilityModel()
    model.sync_sources(src)
    assert [(i.id, i.name, i.origin) for i in model.interests] == [
        ("org:o1", "Koepel", "outreach"), ("naam:jongerenraad oost", "Jongerenraad Oost", "outreach"),
        ("org:o3", "Buurt", "connection")]
    assert model.get("org:o1").insider and model.get("org:o1").dimensions == ["econ"]
    jong = model.get("naam:jongerenraad oost")
    assert jong.asked == "Een jongerenpanel" and jong.dimensions == ["eigen-1"] and not jong.insider
    assert model.get("org:o3").dimensions == ["eigen-1"]
    # an explicit insider list (recomputed from the learner's rule) wins
    src = sources_from_workbook(outreach, connection, None, {"o1": "Koepel"}, insiders=["o3"])
    assert src.insiders == {"o3"}


def test_a_large_consultation_becomes_one_interest_per_dimension():
    n = 20
    case = SimpleNamespace(
        dimensions=[SimpleNamespace(id="econ", name="Economie"), SimpleNamespace(id="leef", name="Leefomgeving")],
        organisations=pd.DataFrame({"org_id": [], "name": []}),
        consultation=pd.DataFrame({
            "org_id": [None] * n, "name": [f"Inzender {i}" for i in range(n)],
            "position": ["tegen" if i % 4 == 0 else "steunt" for i in range(n)],
            "dimensions": ["leef" if i % 2 else "econ;leef" for i in range(n)],
            "summary": ["Minder geluid." if i % 2 else "Meer banen." for i in range(n)],
        }),
    )
    src = sources_from_case(case)
    assert [s["id"] for s in src.stakeholders] == ["consultatie:econ", "consultatie:leef"]
    econ, leef = src.stakeholders
    assert econ["name"] == t("accountability.consultation.group_name", dimension="Economie", count=10)
    assert "tegen 5" in econ["asked"] and "steunt 5" in econ["asked"] and "“Meer banen”" in econ["asked"]
    assert t("accountability.consultation.group_name", dimension="Leefomgeving", count=20) == leef["name"]
    model = AccountabilityModel()
    model.sync_sources(src)
    assert [k for k, _n, _i in model.stakeholders()] == ["consultatie:econ", "consultatie:leef"]
    assert len(kinds(model, "consultation_unweighed")) == 2
    model.update_interest("consultatie:leef", weight="more", reasoning="Geluid raakt de gezondheid van omwonenden.")
    model.set_feedback("consultatie:leef", given="yes", how="publication", when="juni", what="het consultatieverslag")
    text = model.generate_text()
    assert "Op de internetconsultatie kwamen reacties binnen over 2 onderwerpen: Economie en Leefomgeving." in text
    assert "Economie: 10 reacties (standpunten: " in text and "Meer banen" not in text  # quotes: annex
    assert "Via een publicatie: de indieners van de reacties over Leefomgeving (juni)." in text
    assert "Van de internetconsultatie hoorden de indieners bij 1 van de 2 gewogen onderwerpen wat er met hun reactie is gedaan." in text
    assert "Het belang van de reacties over Leefomgeving hebben we zwaarder laten wegen." in text
    assert "partij" not in text  # no party was involved, only responses on two topics
    # the annex and the open points name a group as the draft does, never as a party
    # (walk: 'Consultatiereacties over Leefomgeving (20)' marked 'andere partij')
    assert ("De indieners van de reacties over Leefomgeving", "reacties uit de consultatie", "ja",
            t("accountability.feedback_how.publication"), "juni",
            "het consultatieverslag") in [tuple(r) for r in model.feedback_rows()][1:]  # the details: annex
    weighing = {r[0]: r for r in model.weighing_rows()}
    assert set(weighing) == {"De 10 reacties over Economie", "De 20 reacties over Leefomgeving"}
    assert {r[3] for r in weighing.values()} == {"reacties uit de consultatie"}
    open_points = [f.message for f in model.findings()]
    assert any(m.startswith("De 10 reacties over Economie: ") for m in open_points)
    assert any(m.startswith("De indieners van de reacties over Economie: nog niet ingevuld") for m in open_points)
    assert not any("Consultatiereacties over" in m for m in open_points)
    annex = " ".join(" ".join(r) for r in model.weighing_rows() + model.feedback_rows())
    assert "Consultatiereacties over" not in annex and "andere partij" not in annex
    again = AccountabilityModel.from_dict(model.to_dict())
    assert again.feedback_for("consultatie:leef").given == "yes"  # the group key survives a round trip
    assert again.sync_sources(src) == 0


def _groups_and_parties(n_parties: int, n_topics: int) -> AccountabilityModel:
    dims = tuple({"id": f"d{k}", "name": f"Onderwerp {k}"} for k in range(n_topics))
    stakeholders = [{"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "talks",
                     "asked": f"iets voor Partij {k}"} for k in range(n_parties)]
    stakeholders += [{"id": f"consultatie:d{k}", "org_id": "", "origin": "consultation", "source": "consultation",
                      "name": t("accountability.consultation.group_name", dimension=f"Onderwerp {k}", count=10 + k),
                      "asked": f"{10 + k} reacties", "dimensions": [f"d{k}"]} for k in range(n_topics)]
    model = AccountabilityModel()
    model.sync_sources(Sources(tuple(stakeholders), dims, "outreach", frozenset()))
    return model


def test_draft_never_counts_groups_of_consultation_responses_as_parties():
    # seen in the walk: "hebben we 8 partijen betrokken" ... "De inbreng van 2 andere
    # partijen staat in de bijlage" (two consultation topics) ... "3 van de 15 partijen
    # hoorden" (8 parties + 7 topics)
    model = _groups_and_parties(3, 5)
    model.set_feedback("org:o0", given="yes", how="letter", when="maart", what="het besluit")
    model.set_feedback("consultatie:d4", given="yes", how="publication", when="april", what="het verslag")
    text = model.generate_text()
    assert "hebben we 3 partijen betrokken." in text
    assert "De reacties over 2 andere onderwerpen staan in de bijlage." in text
    assert "1 van de 3 partijen hoorde wat er met hun inbreng is gedaan." in text
    assert "Van de internetconsultatie hoorden de indieners bij 1 van de 5 gewogen onderwerpen" in text
    assert "Via een publicatie: de indieners van de reacties over Onderwerp 4 (april)." in text
    assert "Consultatiereacties over" not in text and "van de 8" not in text
    both = _groups_and_parties(7, 1).generate_text()
    assert "De inbreng van 1 andere partij en de reacties over 1 ander onderwerp staan in de bijlage." in both
    assert "De indieners van reacties op de internetconsultatie hoorden nog niet" not in both  # one topic: no count
    assert "De indieners van reacties op de internetconsultatie hoorden nog niet" in _groups_and_parties(1, 2).generate_text()


def test_draft_with_one_party_does_not_say_1_van_de_1():
    model = _groups_and_parties(1, 1)
    model.set_feedback("org:o0", given="yes", how="letter", when="maart", what="het besluit")
    model.set_feedback("consultatie:d0", given="yes", how="publication", when="april", what="het verslag")
    text = model.generate_text()
    assert "van de 1" not in text
    assert "Partij 0 hoorde wat er met de inbreng is gedaan." in text
    assert "De indieners van de reacties over Onderwerp 0 hoorden wat er met hun reactie is gedaan." in text


def test_a_small_consultation_stays_per_respondent():
    src = sources_from_case(_case())
    assert [s["origin"] for s in src.stakeholders] == ["consultation", "consultation"]
    assert src.stakeholders[0]["asked"] == "Geen molens"


def test_draft_counts_one_party_in_the_singular_and_several_in_the_plural():
    one = _model(("o1", "Waterschap Oost"))
    one.update_interest("org:o1", weight="more", reasoning="Zij beheren de dijken in het gebied.")
    assert "In deze afweging hebben we het belang van 1 partij gewogen." in one.generate_text()
    assert "Die partij hebben we bij de voorbereiding betrokken." in one.generate_text()
    two = _model(("o1", "Waterschap Oost"), ("o2", "Bewonersgroep Zuid"))
    two.update_interest("org:o1", weight="more", reasoning="Zij beheren de dijken in het gebied.")
    assert "hebben we 2 partijen betrokken." in two.generate_text()  # one weighed, two took part
    assert "In deze afweging hebben we het belang van 1 partij gewogen." in two.generate_text()


# ----- issue 14: no false ticks, hand-overs, one count, completion --------------------------
def test_every_unweighed_party_is_listed_not_only_consultation_groups():
    model = _model(("o1", "Bond A"), ("o2", "Bond B"), ("o9", "Buurtcomité De Hoek", "consultation"))
    model.update_interest("org:o1", weight="more", reasoning="Zij dragen de kosten van de dijkverhoging.")
    found = {(f.kind, f.subject) for f in model.findings()}
    assert ("unweighed", "org:o2") in found and ("consultation_unweighed", "org:o9") in found
    assert not any(subject == "org:o1" for kind, subject in found if kind in ("unweighed", "weight_without_reasoning"))
    # nothing weighed at all: still every party is named (a row never shows a tick)
    fresh = _model(("o1", "Bond A"), ("o2", "Bond B"))
    assert {s for k, s in kinds(fresh) if k == "unweighed"} == {"org:o1", "org:o2"}


@pytest.mark.parametrize("reasoning", [
    "Ze zijn altijd betrokken.", "Vaste partner.", "Zo doen we het altijd.", "Het is een grote organisatie.",
    "Zij zitten altijd aan tafel", "We kennen ze al jaren goed."])
def test_reasoning_that_only_points_at_habit_status_or_insider_is_flagged_with_why(reasoning):
    model = _model(("o1", "Vaste Koepel"), insiders={"o1"})
    model.update_interest("org:o1", weight="more", reasoning=reasoning)
    found = [f for f in model.findings() if f.kind == "reasoning_habit"]
    assert len(found) == 1 and "Vaste Koepel" in found[0].message and "Toegang is geen invloed" in found[0].message


@pytest.mark.parametrize("reasoning", [
    "Vaste partner, en zij beheren de dijken waar het water over moet.",
    "Een grote organisatie, maar vooral: 40.000 huurders betalen de rekening.",
    "De schade voor boeren in het gebied is groot."])
def test_habit_words_beside_a_real_argument_pass(reasoning):
    model = _model(("o1", "Vaste Koepel"))
    model.update_interest("org:o1", weight="more", reasoning=reasoning)
    assert kinds(model, "reasoning_habit") == []


def test_rejected_proposal_in_outreach_reaches_module_4_to_explain_and_feed_back():
    outreach = {"stakeholders": [{"id": "o1", "org_id": "o1", "name": "Koepel"}],
                "alternatives": [{"id": "alt-1", "text": "Een groene dijk in plaats van beton", "by": "Natuurclub Delta",
                                  "hearing": "no"},
                                 {"id": "alt-2", "text": "Meer bomen", "by": "Koepel", "hearing": "yes"}]}
    src = sources_from_workbook(outreach, {}, None, {"o1": "Koepel", "o7": "Natuurclub Delta"})
    rows = {s["name"]: s for s in src.stakeholders}
    assert rows["Natuurclub Delta"]["org_id"] == "o7"  # found in the case by name, though not on the map
    assert rows["Natuurclub Delta"]["rejected"] == ["Een groene dijk in plaats van beton"]
    assert not rows["Koepel"].get("rejected")
    model = AccountabilityModel()
    model.sync_sources(src)
    assert {f.kind for f in model.findings() if f.subject in ("org:o7",)} >= {"rejected_unexplained", "rejected_no_feedback"}
    model.update_interest("org:o7", weight="less", reasoning="Een groene dijk past niet op het smalle tracé bij de haven.")
    model.set_feedback("org:o7", given="yes", how="conversation", when="3 mei", what="waarom het tracé te smal is")
    assert not [f for f in model.findings() if f.kind.startswith("rejected")]
    text = model.generate_text()
    assert ("Het voorstel 'Een groene dijk in plaats van beton' van Natuurclub Delta nemen we niet over. "
            "Een groene dijk past niet op het smalle tracé bij de haven.") in text
    assert AccountabilityModel.from_dict(model.to_dict()).get("org:o7").rejected == ["Een groene dijk in plaats van beton"]


@pytest.mark.parametrize("weight", ["more", "equal"])
def test_module_4_weighing_decides_over_a_proposal_module_2_gave_no_hearing(weight):
    # The walk: 'Een hitteplan per wijk' got no hearing in Outreach, then weighed 'meer
    # meegenomen' with a pilot as reason. The nota must not say it is not taken over.
    outreach = {"alternatives": [{"text": "Een hitteplan per wijk, met koele plekken voor ouderen",
                                  "by": "Bewonersraad Zuid", "hearing": "no"}]}
    model = AccountabilityModel()
    model.sync_sources(sources_from_workbook(outreach, {}, None, {}))
    key = next(i.id for i in model.interests if i.name == "Bewonersraad Zuid")
    model.update_interest(key, weight=weight, source="talks",
                          reasoning="Hun voorstel voor een hitteplan per wijk nemen we op als pilot in drie gemeenten.")
    text = model.generate_text()
    assert "niet over" not in text
    assert "Hun voorstel voor een hitteplan per wijk nemen we op als pilot in drie gemeenten." in text
    # weighing the party 'meer' or 'even zwaar' is no decision to adopt its proposal (a
    # learner's walk: 'Na afweging nemen we het toch mee', a decision she never made)
    assert "toch mee" not in text
    weight_word = {"more": "zwaarder", "equal": "even zwaar als de andere belangen"}[weight]
    assert ("Het voorstel 'Een hitteplan per wijk, met koele plekken voor ouderen' van Bewonersraad Zuid "
            f"kreeg eerst geen gehoor. In deze afweging weegt het belang van Bewonersraad Zuid {weight_word}.") in text
    decide = [p for p in model.open_points() if p.startswith("Besluit of je het voorstel 'Een hitteplan per wijk")]
    assert decide and "nog geen besluit over het voorstel" in decide[0]
    # nor do the open points ask to explain why it is not taken along
    assert not [f for f in model.findings() if f.kind.startswith("rejected")]
    assert all("niet wordt meegenomen" not in f.message and "geen gehoor kreeg" not in f.message
               for f in model.findings())


def test_counter_voice_parties_reach_module_4():
    connection = {"counter_voice": {"whom": "Bijvoorbeeld bewonersgroepen uit wijken met veel hitte, "
                                            "Stichting Boer en Tuinder en de ouderenbond."}}
    src = sources_from_workbook({}, connection, None, {"o5": "Stichting Boer en Tuinder"})
    cv = [(s["name"], s["org_id"]) for s in src.stakeholders if s["origin"] == "counter_voice"]
    assert cv == [("bewonersgroepen uit wijken met veel hitte", ""), ("Stichting Boer en Tuinder", "o5"),
                  ("ouderenbond", "")]
    model = AccountabilityModel()
    model.sync_sources(src)
    assert model.get("org:o5").origin == "counter_voice"


def test_every_party_of_the_counter_voice_plan_is_weighed_none_dropped():
    """A learner's walk: 'Bewonerscomités en een denktank voor natuur' became one party in
    module 4; the denktank was left out of the parties to weigh."""
    from verbinding.modules.accountability import counter_voice_parties

    whom = "Bewonerscomités en een denktank voor natuur"
    assert counter_voice_parties(whom) == ["Bewonerscomités", "een denktank voor natuur"]
    assert counter_voice_parties("Huurders / jongeren; Boeren en Tuinders", {"o1": "Boeren en Tuinders"}) == [
        "Huurders", "jongeren", "Boeren en Tuinders"]
    sentence = "Bewoners die in de lage delen van de wijk wonen waar het water het eerst komt, en boeren"
    assert counter_voice_parties(sentence) == [sentence]  # a sentence is no list: kept whole, not skipped
    many = ", ".join(f"Groep {k}" for k in range(20))
    assert counter_voice_parties(many) == [many]
    outreach = {"stakeholders": [{"id": f"o{k}", "org_id": f"o{k}", "name": f"Partij {k}"} for k in range(6)]}
    groups = tuple({"id": f"consultatie:{d['id']}", "org_id": "", "origin": "consultation", "source": "consultation",
                    "name": t("accountability.consultation.group_name", dimension=d["name"], count=20),
                    "asked": "20 reacties", "dimensions": [d["id"]]} for d in DIMS)
    src = sources_from_workbook(outreach, {"counter_voice": {"whom": whom}}, Sources(groups, DIMS, "case", frozenset()), {})
    model = AccountabilityModel()
    model.sync_sources(src)
    assert len(model.interests) > 8  # a handful is chosen, not the whole list
    weighed = {i.name for i in model.considered()}
    assert {"Bewonerscomités", "een denktank voor natuur"} <= weighed


def test_feedback_count_is_one_definition_for_modules_4_and_5():
    from verbinding.modules.accountability import feedback_counts
    from verbinding.modules.eigen_dossier import DossierScan, module_hints

    model = _model(("o1", "A"), ("o2", "B"), ("o3", "C"))
    model.add_interest("Eigen partij")
    model.set_feedback("org:o1", given="yes", how="letter", when="mei", what="besluit")
    model.set_feedback("org:o2", given="no")
    state = model.to_dict()
    assert feedback_counts(state) == (1, 4)
    assert "1 van de 4 partijen" in model.coverage_text()
    # module 5 shows no practice-case count as a hint (no measure for the own dossier), but
    # its remark on a high self-score compares with this same count
    hint = module_hints({"accountability": state})["feedback"]
    assert not any("van de 4" in h for h in hint)
    scan = DossierScan()
    scan.course_modules = {"accountability": state}
    scan.set_score("feedback", 5)
    assert any("1 van de 4 in je afweging" in c.text for c in scan.checks("feedback"))


def _complete_model():
    model = _model(("o1", "Koepel"), ("o2", "Buurt", "consultation"))
    model.update_interest("org:o1", weight="equal", reasoning="Zij voeren de maatregel uit in de wijken.")
    model.update_interest("org:o2", weight="more", reasoning="Bewoners dragen de overlast van de bouw.")
    model.set_feedback("org:o1", given="yes", how="letter", when="mei", what="de keuze voor het tracé")
    model.set_feedback("org:o2", given="yes", how="meeting", when="juni", what="de geluidsnorm")
    model.generate_draft()
    return model


def test_is_complete():
    from verbinding.modules.accountability import is_complete

    assert not is_complete({})
    assert not is_complete(None)
    model = _complete_model()
    assert is_complete(model.to_dict())
    no_draft = model.to_dict()
    no_draft["draft"] = {"generated": "", "edited": None, "based_on": "", "history": []}
    assert not is_complete(no_draft)
    missing_reason = _complete_model()
    missing_reason.update_interest("org:o2", reasoning="")
    assert not is_complete(missing_reason.to_dict())
    habit = _complete_model()
    habit.update_interest("org:o1", reasoning="Ze zijn altijd betrokken.")
    assert not is_complete(habit.to_dict())
    no_feedback = _complete_model()
    no_feedback.set_feedback("org:o2", given="")
    assert not is_complete(no_feedback.to_dict())


def test_a_name_ending_in_a_full_stop_gets_no_second_one():
    model = _model(("o1", "Aqua B.V."))
    assert not any("B.V.." in f.message for f in model.findings())
    model.update_interest("org:o1", weight="more", reasoning="Zij leggen de leidingen aan.")
    assert "B.V.." not in model.generate_text()


def test_a_name_typed_in_lower_case_still_starts_the_sentence_with_a_capital():
    """Walk finding: names typed in lower case started sentences ('ggd: nog niet gewogen')."""
    model = _model(("o1", "ggd"))
    model.add_interest("bewonersgroep de meerpaal", asked="meer schaduw")
    messages = [f.message for f in model.findings()]
    assert any(m.startswith("Ggd: ") for m in messages)
    assert any(m.startswith("Bewonersgroep de meerpaal: ") for m in messages)  # only the first character
    assert not any(m[:1].islower() for m in messages)
    with pytest.raises(ValueError, match="^Bewonersgroep de meerpaal staat al in de lijst"):
        model.add_interest("bewonersgroep de meerpaal")
    model.update_interest("org:o1", weight="more", reasoning="Zij kennen de gezondheid van ouderen bij hitte goed.")
    draft = model.generate_text()
    assert "Ggd: iets voor ggd." in draft  # the learner's own spelling inside the sentence


def test_open_points_stay_out_of_the_nota_and_go_to_the_export():
    """Walk finding: to-dos inside the nota text ('is nog niet vastgelegd hoe zij betrokken
    waren') and 'Bron: onbekend' in almost every annex row."""
    from verbinding.document import to_markdown

    model = _model(("o1", "Koepel Energie", "", ["econ"]), ("o2", "Bond", "outreach", ["econ"]))
    model.update_interest("org:o1", weight="more", reasoning="", source="")
    model.set_feedback("org:o2", given="yes", how="", when="mei", what="de norm")
    text = model.generate_text()
    for todo in ("nog niet", "ontbreekt", "moet nog", "Nog geen"):
        assert todo not in text, text
    assert "Het belang van Koepel Energie hebben we zwaarder laten wegen." in text
    points = model.open_points()
    assert any("Koepel Energie" in p and "betrokken" in p for p in points)
    assert any("Bond" in p and "hoorden" in p for p in points)
    md = to_markdown(model.blocks())
    nota, _, rest = md.partition(t("accountability.export.weighing"))
    assert "Open punten" not in nota and "Open punten" in rest
    assert "Leg vast hoe deze partijen betrokken waren" in rest.split("Open punten", 1)[1]
    assert t("accountability.source_none") not in md


def test_draft_counts_as_involved_only_parties_that_took_part():
    """A learner's walk: "we hebben 6 partijen betrokken" while three came only from her plan
    (an invitation, counter-voice) with no input and no way of taking part recorded."""
    model = AccountabilityModel()
    took_part = [{"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "talks",
                  "dimensions": [], "asked": f"iets voor Partij {k}"} for k in range(3)]
    planned = [{"org_id": f"p{k}", "name": f"Uitgenodigd {k}", "origin": "invitation", "source": "",
                "dimensions": [], "asked": ""} for k in range(3)]
    model.sync_sources(Sources(tuple(took_part + planned), DIMS, "outreach", frozenset()))
    for k in range(3):
        model.update_interest(f"org:p{k}", weight="equal", reasoning="Zij wonen naast het tracé.")
    text = model.generate_text()
    assert "hebben we 3 partijen betrokken." in text and "hebben we 6" not in text


def test_coverage_line_compares_nothing_with_nothing_no_more():
    """'Vaste gesprekspartners: 1 van 1 (100%). Andere partijen: 0 van 0 (geen).' when the
    only party was the insider (the rest groups of consultation responses)."""
    model = AccountabilityModel()
    group = {"id": f"{GROUP_PREFIX}econ", "org_id": "", "name": "Consultatiereacties over Economie (14)",
             "origin": "consultation", "source": "consultation", "dimensions": ["econ"], "asked": "14 reacties"}
    insider = {"org_id": "o1", "name": "Vaste Koepel", "origin": "insider", "source": "talks", "dimensions": [], "asked": "x"}
    model.sync_sources(Sources((insider, group), DIMS, "outreach", frozenset({"o1"})))
    assert model.group_keys()  # the responses are one group: the insider is the only party
    model.set_feedback("org:o1", given="yes", how="letter", when="mei", what="het besluit")
    text = model.coverage_text()
    assert "0 van 0" not in text
    assert t("accountability.coverage.split_only_insiders_one") in text


def _walk_model() -> AccountabilityModel:
    """A learner's walk: five parties and two groups of consultation responses weighed; in
    module 2 she recorded a proposal the Bewonerscomité 'zou kunnen inbrengen', gehoor 'nee'."""
    outreach = {"stakeholders": [{"id": f"o{k}", "org_id": f"o{k}", "name": name} for k, name in
                                 enumerate(["Bewonerscomité Blauwe Dijk", "Waterschap Oost", "Boerenbond Noord",
                                            "Gemeente Zuid", "Natuurclub Delta"])],
                "alternatives": [{"id": "alt-1", "text": "Boeren betalen voor waterberging",
                                  "by": "Bewonerscomité Blauwe Dijk", "status": "could", "hearing": "no"}]}
    groups = tuple({"id": f"consultatie:{d['id']}", "org_id": "", "origin": "consultation", "source": "consultation",
                    "name": t("accountability.consultation.group_name", dimension=d["name"], count=20),
                    "asked": "20 reacties", "dimensions": [d["id"]]} for d in DIMS)
    src = sources_from_workbook(outreach, {}, Sources(groups, DIMS, "case", frozenset()), {})
    model = AccountabilityModel()
    model.sync_sources(src)
    model.update_interest("org:o1", source="talks", asked="Dijken eerst")
    reasons = {"o0": ("more", "Zij hebben de meeste last van het water."),
               "o1": ("more", "omdat het waterschap de dijken beheert"),
               "o2": ("equal", "De boeren verliezen grond aan de berging."),
               "o3": ("equal", ""), "o4": ("less", "Natuur is elders in het plan al geregeld.")}
    for org, (weight, reasoning) in reasons.items():
        model.update_interest(f"org:{org}", weight=weight, reasoning=reasoning)
    for d in DIMS:
        model.update_interest(f"consultatie:{d['id']}", weight="equal", reasoning="Veel reacties van omwonenden.")
    return model


def test_draft_counts_what_was_weighed_and_what_took_part_apart():
    """The walk's draft said 'hebben we 1 partij betrokken' after five parties and two
    groups of responses were weighed: the count and its basis were unclear."""
    model = _walk_model()
    assert len(model.considered()) == 7
    who = model.generate_text().split("\n\n")[0]
    assert ("In deze afweging hebben we de belangen van 5 partijen en 2 groepen reacties op de "
            "internetconsultatie gewogen.") in who
    assert "Bij de voorbereiding van dit voorstel hebben we 1 partij betrokken." in who  # only one took part
    assert "We overlegden met Waterschap Oost." in who


def test_a_proposal_a_party_only_could_bring_in_is_no_input_and_not_rejected():
    """The walk: 'Wat zij inbrachten: Bewonerscomité Blauwe Dijk: Boeren betalen voor
    waterberging' though module 2 recorded it as 'zou het kunnen inbrengen'."""
    model = _walk_model()
    comite = model.get("org:o0")
    assert comite.asked == "" and comite.rejected == []
    text = model.generate_text()
    assert "Boeren betalen voor waterberging" not in text
    assert not [f for f in model.findings() if f.kind.startswith("rejected")]
    # brought in, it is input, and without a hearing a rejected proposal
    brought = {"stakeholders": [{"id": "o0", "org_id": "o0", "name": "Bewonerscomité Blauwe Dijk"}],
               "alternatives": [{"text": "Boeren betalen voor waterberging", "by": "Bewonerscomité Blauwe Dijk",
                                 "status": "brought", "hearing": "no"}]}
    row = sources_from_workbook(brought, {}, None, {}).stakeholders[0]
    assert row["asked"] == "Boeren betalen voor waterberging" and row["rejected"] == ["Boeren betalen voor waterberging"]


def test_input_seeded_from_a_could_proposal_by_an_older_version_gives_way():
    """A weighing saved before this fix holds the 'could' proposal as the party's input and
    as rejected; the next sync corrects both, and input the learner typed is kept."""
    outreach = {"stakeholders": [{"id": "o0", "org_id": "o0", "name": "Comité"}, {"id": "o1", "org_id": "o1", "name": "Bond"}],
                "alternatives": [{"text": "Boeren betalen", "by": "Comité", "status": "could", "hearing": "no"},
                                 {"text": "Meer bomen", "by": "Bond", "status": "could", "hearing": "no"}]}
    saved = {"interests": [{"id": "org:o0", "org_id": "o0", "name": "Comité", "asked": "Boeren betalen",
                            "rejected": ["Boeren betalen"], "origin": "outreach"},
                           {"id": "org:o1", "org_id": "o1", "name": "Bond", "asked": "Eigen tekst van de cursist",
                            "rejected": ["Meer bomen"], "origin": "outreach"}]}
    model = AccountabilityModel.from_dict(saved)
    model.sync_sources(sources_from_workbook(outreach, {}, None, {}))
    assert model.get("org:o0").asked == "" and model.get("org:o0").rejected == []
    assert model.get("org:o1").asked == "Eigen tekst van de cursist" and model.get("org:o1").rejected == []


def test_draft_groups_the_weighing_by_weight_instead_of_one_formula_per_party():
    """The walk: 'Het belang van ... hebben we ... laten wegen' for every party."""
    done = _walk_model().generate_text().split("\n\n")[2]
    assert done.count("Het belang van") == 1  # only the one weighed 'minder'
    assert ("Deze belangen hebben we zwaarder laten wegen: Bewonerscomité Blauwe Dijk en Waterschap Oost. "
            "Bewonerscomité Blauwe Dijk: zij hebben de meeste last van het water. "
            "Waterschap Oost: omdat het waterschap de dijken beheert.") in done
    assert ("Deze belangen hebben we gewoon laten meewegen, niet zwaarder en niet minder zwaar: Boerenbond Noord, Gemeente Zuid, "
            "de reacties over Economie en de reacties over Leefomgeving. "
            "Boerenbond Noord: de boeren verliezen grond aan de berging.") in done
    assert "Gemeente Zuid:" not in done  # no reason yet: an open point, not nota text
    assert ("Het belang van Natuurclub Delta hebben we minder zwaar laten wegen. "
            "Natuur is elders in het plan al geregeld.") in done
    assert done.index("zwaarder") < done.index("gewoon laten meewegen") < done.index("minder zwaar laten wegen")


def test_draft_names_every_topic_of_the_consultation_not_only_those_weighed():
    """Walk: one of seven consultation groups weighed, and the draft said the consultation had
    'reacties … over 1 onderwerp': untrue. What was weighed is said in its own sentence."""
    model = _groups_and_parties(3, 7)
    assert sum(i.id.startswith("consultatie:") for i in model.considered()) < 7
    text = model.generate_text()
    assert "Op de internetconsultatie kwamen reacties binnen over 7 onderwerpen: Onderwerp 0," in text


def test_draft_shows_what_a_party_weighed_down_brought_in():
    """Walk: the one party weighed 'minder' (an insider) was the only one whose input went to
    the annex; a reader of the nota should see what the party weighed down asked for."""
    model = _model(*[(f"o{i}", f"Partij {i}") for i in range(10)])
    last = model.considered()[-1]
    assert model.considered().index(last) >= MAX_DRAFT_ITEMS  # beyond the first few named in full
    model.update_interest(last.id, weight="less", reasoning="Hun voorstel is te duur voor de regio.")
    text = model.generate_text()
    assert f"{last.name}: iets voor {last.name}." in text
