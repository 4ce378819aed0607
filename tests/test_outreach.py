"""The Outreach model: gap rules on small hand-made maps, state round trip, export."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from _charts import chart_svg
from _markdown import has_markup, render

from verbinding.document import to_docx, to_markdown
from verbinding.modules.outreach import (
    OutreachError,
    OutreachMap,
    export_blocks,
    insiders_from_connection,
)


def rules(model, dimension_id=None):
    return [g.rule for g in model.gaps() if dimension_id is None or g.dimension_id == dimension_id]


@pytest.fixture
def water():
    """One dimension 'Water', three case organisations of two types."""
    m = OutreachMap(case_id="test")
    dim = m.add_dimension("Water", "overstromingen raken wijken")
    ws = m.add_stakeholder("Waterschap Noord", org_id="o1", type="overheid", type_label="Overheid")
    gem = m.add_stakeholder("Gemeente Zuid", org_id="o2", type="overheid", type_label="Overheid")
    uni = m.add_stakeholder("Kennisinstituut Delta", org_id="o3", type="kennis", type_label="Kennisinstelling")
    return m, dim, ws, gem, uni


# ----- gap rules -----------------------------------------------------------------------


def test_empty_map_has_no_gaps_and_says_it_is_empty():
    m = OutreachMap()
    assert m.gaps() == []
    assert m.gap_dimensions() == []
    assert "leeg" in m.summary()
    state = m.to_dict()
    assert state["gap_dimensions"] == [] and state["dimensions"] == []
    assert m.heatmap_frame().empty
    assert "leeg" in m.heatmap_summary()


def test_one_dimension_without_stakeholders_is_a_gap_naming_it(water):
    m = OutreachMap()
    dim = m.add_dimension("Gezondheid van ouderen")
    gaps = m.gaps()
    assert [g.rule for g in gaps] == ["no_stakeholder"]
    assert "Gezondheid van ouderen" in gaps[0].message
    assert gaps[0].action  # something the learner can do
    assert m.gap_dimensions() == [dim.id]


def test_gap_appears_and_disappears_as_links_are_rated(water):
    m, dim, ws, gem, uni = water
    assert rules(m) == ["no_stakeholder"]
    m.set_link(dim.id, ws.id)
    assert rules(m) == ["unrated"]
    assert "Waterschap Noord" in m.gaps()[0].message
    assert m.gap_dimensions() == [dim.id]
    m.set_link(dim.id, ws.id, expertise=1, support=3)
    assert rules(m) == ["no_expertise"]
    m.set_link(dim.id, ws.id, expertise=3, support=3)
    assert rules(m) == ["single_type"]  # expertise only from one organisation type
    assert m.gap_dimensions() == []
    m.set_link(dim.id, uni.id, expertise=2, support=2)
    assert rules(m) == []
    assert "Geen gaten" in m.summary()


def test_expertise_from_one_type_names_the_type_and_organisations(water):
    m, dim, ws, gem, uni = water
    m.set_link(dim.id, ws.id, expertise=3, support=2)
    m.set_link(dim.id, gem.id, expertise=2, support=2)
    m.set_link(dim.id, uni.id, expertise=1, support=2)  # too little expertise to count
    (gap,) = m.gaps()
    assert gap.rule == "single_type"
    assert "Overheid" in gap.message
    assert "Waterschap Noord" in gap.message and "Gemeente Zuid" in gap.message
    assert "Kennisinstituut Delta" not in gap.message


def test_an_unknown_type_is_not_one_kind_of_organisation():
    """Walk finding: one learner-typed organisation without a type gave 'alle expertise van
    één soort organisatie: zelf ingevoerd', and the summary read 'expertise van zelf
    ingevoerd (redelijk)', as if 'zelf ingevoerd' were a type."""
    m = OutreachMap()
    dim = m.add_dimension("Betaalbaarheid voor huishoudens")
    ggd = m.add_stakeholder("ggd")  # typed by the learner, type left unknown
    m.set_link(dim.id, ggd.id, expertise=2, support=2)
    assert "single_type" not in rules(m)
    assert ggd.type_display == "soort onbekend"
    summary = m.heatmap_summary()
    assert "Betaalbaarheid voor huishoudens: expertise van ggd (soort onbekend, redelijk)." in summary
    assert "zelf ingevoerd" not in summary
    # one typed and one untyped expert: still not 'one kind'
    ws = m.add_stakeholder("Waterschap Noord", org_id="o1", type="overheid", type_label="Overheid")
    m.set_link(dim.id, ws.id, expertise=3, support=2)
    assert "single_type" not in rules(m)
    assert "expertise van Overheid (veel) en ggd (soort onbekend, redelijk)." in m.heatmap_summary()
    # two typed experts of one kind still are
    m.remove_link(dim.id, ggd.id)
    assert rules(m) == ["single_type"] and "één soort organisatie: Overheid" in m.gaps()[0].message


def test_expertise_without_support(water):
    m, dim, ws, gem, uni = water
    m.set_link(dim.id, ws.id, expertise=3, support=0)
    m.set_link(dim.id, uni.id, expertise=3)  # support not rated yet
    (gap,) = m.gaps()
    assert gap.rule == "no_support"
    assert "Water" in gap.message and "Kennisinstituut Delta" in gap.message
    assert m.gap_dimensions() == []  # expertise is there


def test_support_only_from_insiders_only_when_connection_work_present(water):
    m, dim, ws, gem, uni = water
    m.set_link(dim.id, ws.id, expertise=3, support=3)
    m.set_link(dim.id, uni.id, expertise=3, support=0)
    assert rules(m) == []  # Connection not done: rule skipped
    m.insiders = insiders_from_connection({"insiders": ["o1", "o9"]})
    (gap,) = m.gaps()
    assert gap.rule == "insiders_only_support"
    assert "Waterschap Noord" in gap.message
    m.set_link(dim.id, uni.id, expertise=3, support=2)  # support from an outsider too
    assert rules(m) == []


@pytest.mark.parametrize(
    "state, expected",
    [
        (None, None),
        ({}, None),
        ({"insiders": "o1"}, None),
        ({"insiders": []}, []),
        ({"insiders": ["o1", 7, None, {"org_id": "o3"}, {"id": "o4"}, True]}, ["o1", "7", "o3", "o4"]),
        ({"insiders": {"count": 3, "names": ["A", "B", "C"]}}, None),  # names only: skip
        ({"insiders": {"count": 2, "members": ["o1", "o2"]}}, ["o1", "o2"]),
    ],
)
def test_insiders_are_read_defensively(state, expected):
    assert insiders_from_connection(state) == expected


def test_low_power_high_interest_is_shown_as_underheard_not_ignorable(water):
    m, dim, ws, gem, uni = water
    bewoners = m.add_stakeholder("Bewonersgroep De Dijk", type="burgers", type_label="Burgers")
    m.set_link(dim.id, bewoners.id, expertise=2, support=3)
    m.place(bewoners.id, power="low", interest="high")
    found = {g.rule: g for g in m.gaps()}
    assert "underheard" in found and "underheard_only" in found
    assert "Bewonersgroep De Dijk" in found["underheard"].message
    assert "Water" in found["underheard"].message
    assert "geen reden om" in found["underheard"].action
    assert m.to_dict()["underheard"] == [bewoners.id]
    # once a powerful organisation also carries the dimension, only the stakeholder note stays
    m.set_link(dim.id, ws.id, expertise=3, support=2)
    m.place(ws.id, power="high", interest="high")
    assert "underheard_only" not in rules(m)
    assert "underheard" in rules(m)


def test_dimension_removed_after_ratings_drops_its_links_and_can_be_undone(water):
    m, dim, ws, gem, uni = water
    other = m.add_dimension("Hitte")
    m.set_link(dim.id, ws.id, expertise=3, support=3)
    m.set_link(dim.id, uni.id, expertise=2, support=2)
    m.set_link(other.id, ws.id, expertise=0, support=0)
    assert m.remove_dimension(dim.id) == 2
    assert [d.name for d in m.dimensions] == ["Hitte"]
    assert all(k.dimension_id == other.id for k in m.links)
    assert rules(m) == ["no_expertise"]
    # a stored state that still holds links to the removed dimension loads cleanly
    state = m.to_dict()
    state["links"].append({"dimension_id": dim.id, "stakeholder_id": "o1", "expertise": 3})
    again = OutreachMap.from_dict(json.loads(json.dumps(state)))
    assert [k.dimension_id for k in again.links] == [other.id]
    restored = again.undo_remove()
    assert restored.name == "Water"
    assert again.link(dim.id, ws.id).expertise == 3
    assert rules(again, dim.id) == []


def test_duplicate_names():
    m = OutreachMap()
    m.add_dimension("Water")
    with pytest.raises(OutreachError, match="staat al"):
        m.add_dimension("  water ")
    a = m.add_stakeholder("Bewonersgroep")
    assert m.add_stakeholder("BEWONERSGROEP ") is a
    # two case organisations that share a name stay apart and are told apart by id
    x = m.add_stakeholder("Stichting Groen", org_id="o1")
    y = m.add_stakeholder("Stichting Groen", org_id="o2")
    assert x is not y and m.add_stakeholder("Stichting Groen", org_id="o1") is x
    assert m.display_name(x) == "Stichting Groen (o1)"
    assert m.display_name(y) == "Stichting Groen (o2)"
    # duplicates in a stored state are merged, not doubled
    state = m.to_dict()
    state["dimensions"].append(dict(state["dimensions"][0], id="other-id"))
    assert len(OutreachMap.from_dict(state).dimensions) == 1


def test_ten_thousand_character_text_is_kept_and_longer_names_are_refused():
    m = OutreachMap()
    long_text = "Waarom dit telt. " * 588  # about 10,000 characters
    long_text = long_text[:10_000]
    dim = m.add_dimension("Water", long_text)
    alt = m.add_alternative(long_text, by="Bewoners")
    back = OutreachMap.from_dict(json.loads(json.dumps(m.to_dict())))
    assert back.dimension(dim.id).why == long_text.strip()
    assert back.alternatives[0].text == alt.text
    md = to_markdown(export_blocks(m.to_dict()))
    assert md.count("Waarom dit telt") >= 500
    with pytest.raises(OutreachError, match="20000"):
        m.add_dimension("Hitte", "x" * 20_001)
    with pytest.raises(OutreachError, match="tekens"):
        m.add_dimension("n" * 10_000)
    # feedback quotes a long proposal shortened, never the whole text
    assert all(len(line) < 400 for line in m.alternatives_feedback())


def test_html_in_a_name_stays_plain_text_in_feedback_and_exports():
    m = OutreachMap()
    evil = "<script>alert(1)</script><b>Groep</b>"
    dim = m.add_dimension(evil)
    sh = m.add_stakeholder(evil + " & co", type="ngo")  # one kind: the single_type gap names it
    m.set_link(dim.id, sh.id, expertise=3, support=3)
    messages = " ".join(g.message for g in m.gaps())
    assert "<script>alert(1)</script>" in messages  # plain text: the UI escapes it
    md = to_markdown(export_blocks(m.to_dict()))
    assert not has_markup(md) and "&lt;script&gt;alert(1)&lt;/script&gt;" in render(md)  # text, as typed
    docx = to_docx(export_blocks(m.to_dict()))
    import io

    from docx import Document

    text = "\n".join(c.text for tb in Document(io.BytesIO(docx)).tables for r in tb.rows for c in r.cells)
    assert "<script>alert(1)</script>" in text


def test_empty_or_blank_names_get_a_dutch_message():
    m = OutreachMap()
    with pytest.raises(OutreachError, match="Vul een naam in"):
        m.add_dimension("   ")
    with pytest.raises(OutreachError, match="niet"):
        m.set_link("nope", "nope", expertise=2)
    with pytest.raises(OutreachError, match="voorstel"):
        m.add_alternative("  ")


# ----- alternatives ----------------------------------------------------------------------


def test_alternatives_feedback_names_proposal_and_who():
    m = OutreachMap()
    assert "nog geen alternatieve" in m.alternatives_feedback()[0]
    rich = m.add_stakeholder("Bouwconcern Hoog")
    m.place(rich.id, power="high", interest="high")
    m.add_alternative("Groene daken verplicht", by="Bouwconcern Hoog", hearing="yes")
    feedback = " ".join(m.alternatives_feedback())
    assert "veel macht" in feedback  # only the powerful bring proposals
    m.add_alternative("Wadi's in elke wijk", by="Bewoners Oost", status="could", hearing="no")
    m.add_alternative("Hitteplan per buurt")
    feedback = m.alternatives_feedback()
    assert any("Wadi's in elke wijk" in f and "Bewoners Oost" in f for f in feedback)
    assert any("Hitteplan per buurt" in f and "nog niet wie" in f for f in feedback)
    assert not any("veel macht" in f for f in feedback)
    assert feedback[-1].startswith("1 van de 3")


def test_a_proposal_never_brought_in_was_not_refused_a_hearing():
    """A learner's walk: 'zou het kunnen inbrengen' with gehoor 'nee' gave 'Het voorstel ...
    heeft geen gehoor gekregen. Bespreek het alsnog', as if it had been brought in."""
    m = OutreachMap()
    m.add_alternative("Boeren betalen voor waterberging", by="Bewonerscomité Blauwe Dijk", status="could", hearing="no")
    feedback = " ".join(m.alternatives_feedback())
    assert "geen gehoor gekregen" not in feedback and "Bespreek het alsnog" not in feedback
    assert "Je enige voorstel kreeg geen gehoor" not in feedback
    assert "'Boeren betalen voor waterberging' (Bewonerscomité Blauwe Dijk) is nog niet ingebracht" in feedback
    assert "Nodig Bewonerscomité Blauwe Dijk uit om het in te brengen" in feedback
    assert m.alternatives_feedback()[-1] == "Je enige voorstel is nog niet ingebracht."
    m.alternatives[0].status = "brought"  # brought in and refused: then it got no hearing
    assert "heeft geen gehoor gekregen" in " ".join(m.alternatives_feedback())


# ----- state ------------------------------------------------------------------------------


def test_state_round_trip_and_contract_for_other_modules(water):
    m, dim, ws, gem, uni = water
    empty = m.add_dimension("Hitte")
    m.set_link(dim.id, ws.id, expertise=3, support=2)
    m.place(ws.id, power="high", interest="low")
    m.add_alternative("Ruimte voor de rivier", by="Kennisinstituut Delta", status="could", dimension_id=dim.id)
    state = json.loads(json.dumps(m.to_dict()))
    assert state["gap_dimensions"] == [empty.id]
    assert {"id": empty.id, "name": "Hitte"}.items() <= state["dimensions"][1].items()
    assert all({"id", "name", "why"} <= set(d) for d in state["dimensions"])
    assert {s["org_id"] for s in state["stakeholders"]} == {"o1", "o2", "o3"}
    assert any(g["rule"] == "single_type" and g["dimension"] == "Water" for g in state["gaps"])
    back = OutreachMap.from_dict(state)
    assert back.to_dict() == state


@pytest.mark.parametrize(
    "state",
    [
        None,
        {},
        {"dimensions": "nope", "links": 5},
        {"dimensions": [None, 3, {"name": ""}, {"name": "Water"}], "stakeholders": [{}, {"name": "x"}]},
        {"dimensions": [{"id": "w", "name": "Water"}], "stakeholders": [{"id": "s", "name": "S", "power": "huge"}],
         "links": [{"dimension_id": "w", "stakeholder_id": "s", "expertise": 9, "support": "2"},
                   {"dimension_id": "w", "stakeholder_id": "ghost"}],
         "alternatives": [{"text": ""}, {"text": "Plan", "hearing": "maybe", "dimension_id": "gone"}]},
    ],
)
def test_from_dict_is_tolerant(state):
    model = OutreachMap.from_dict(state)
    json.dumps(model.to_dict())
    for link in model.links:
        assert link.expertise in (None, 0, 1, 2, 3) and link.support in (None, 0, 1, 2, 3)
        assert model.stakeholder(link.stakeholder_id) is not None
    for alt in model.alternatives:
        assert alt.text and alt.hearing in (None, "yes", "partly", "no")
        assert alt.dimension_id is None or model.dimension(alt.dimension_id)


def test_from_case_seeds_the_case_dimensions():
    case = SimpleNamespace(
        id="demo",
        dimensions=[
            SimpleNamespace(id="water", name="Water", explanation="Overstromingen."),
            SimpleNamespace(id="hitte", name="Hitte", explanation="Hittegolven."),
            SimpleNamespace(id="water2", name="water", explanation="dubbel"),
        ],
    )
    m = OutreachMap.from_case(case)
    assert [d.id for d in m.dimensions] == ["water", "hitte"]
    assert m.case_id == "demo" and all(d.origin == "case" for d in m.dimensions)
    assert m.gap_dimensions() == ["water", "hitte"]


# ----- aggregated views and export --------------------------------------------------------


def test_heatmap_is_aggregated_per_dimension_and_type(water):
    m, dim, ws, gem, uni = water
    m.add_dimension("Hitte")
    m.set_link(dim.id, ws.id, expertise=1)
    m.set_link(dim.id, gem.id, expertise=3)
    m.set_link(dim.id, uni.id)
    frame = m.heatmap_frame()
    assert len(frame) == 4  # 2 dimensions × 2 types present
    cell = frame[(frame.dimension == "Water") & (frame.type == "Overheid")].iloc[0]
    assert cell.links == 2 and cell.expertise == 3 and cell.label == "veel"
    empty = frame[frame.dimension == "Hitte"]
    assert (empty.links == 0).all() and (empty.label == "geen koppeling").all()
    summary = m.heatmap_summary()
    assert "Water: expertise van Overheid (veel)" in summary
    assert "Hitte: nog geen organisatie" in summary
    assert len(m.heatmap_chart()["data"]["values"]) == 4


def test_grid_summary_lists_every_quadrant(water):
    m, dim, ws, gem, uni = water
    m.place(ws.id, power="high", interest="high")
    m.place(uni.id, power="low", interest="high")
    summary = m.grid_summary()
    assert "Veel macht, veel belang: Waterschap Noord." in summary
    assert "Weinig macht, veel belang: Kennisinstituut Delta." in summary
    assert "Nog niet geplaatst: Gemeente Zuid." in summary
    frame = m.grid_frame()
    assert frame.set_index("quadrant").loc["low_high", "count"] == 1
    assert chart_svg(m.grid_chart()).startswith("<svg")


def test_export_has_readable_tables(water):
    m, dim, ws, gem, uni = water
    m.set_link(dim.id, ws.id, expertise=3, support=1)
    m.place(ws.id, power="high", interest="low")
    m.add_alternative("Ruimte voor de rivier", by="Kennisinstituut Delta", hearing="partly")
    md = to_markdown(export_blocks(m.to_dict()))
    assert "| Water | Waterschap Noord | Overheid | veel | weinig |" in md
    assert "Waterschap Noord | hoog | laag" in md
    assert "Ruimte voor de rivier | Kennisinstituut Delta" in md
    assert "één soort organisatie" in md
    assert to_markdown(export_blocks({}))  # an empty state still exports


# ----- issue 14: plurals, double full stops, completion ---------------------------------
def test_counts_take_the_right_plural(water):
    m, dim, ws, gem, uni = water
    m.set_link(dim.id, ws.id, expertise=3, support=3)
    assert "De kaart telt 1 koppeling tussen 1 dimensie en 1 organisatie." in m.heatmap_summary()
    assert "(en)" not in m.summary() and "(s)" not in m.heatmap_summary()
    assert m.summary() == "Je kaart heeft 1 aandachtspunt bij je enige dimensie."
    m.add_alternative("Groene daken", by="Gemeente Zuid", hearing="yes")
    m.add_alternative("Waterpleinen", by="Waterschap Noord", hearing="no")
    m.add_alternative("Meer bomen", by="Kennisinstituut Delta", hearing="no")
    assert "1 van de 3 voorstellen kreeg (deels) gehoor." in m.alternatives_feedback()


def test_counts_of_one_zero_and_all_read_as_natural_dutch():
    """Walk findings: 'Je kaart heeft 7 aandachtspunten bij 7 van de 7 dimensies', '0 van de
    1 voorstel kregen (deels) gehoor', 'Dimensie ... verwijderd, met 0 koppelingen.'"""
    from verbinding.modules.outreach import removed_message, undone_message

    m = OutreachMap()
    for name in ("Water", "Hitte", "Natuur en groen"):
        m.add_dimension(name)
    assert m.summary() == "Je kaart heeft 3 aandachtspunten bij alle 3 dimensies."
    sh = m.add_stakeholder("Gemeente Zuid", org_id="o2", type="overheid", type_label="Overheid")
    water, hitte = (d.id for d in m.dimensions[:2])
    m.set_link(water, sh.id, expertise=3, support=3)
    m.set_link(hitte, sh.id, expertise=3, support=3)
    assert m.summary().endswith("bij alle 3 dimensies.")
    ngo = m.add_stakeholder("Stichting Groen", org_id="o4", type="ngo", type_label="Ngo")
    m.set_link(water, ngo.id, expertise=2, support=2)
    assert m.summary() == "Je kaart heeft 2 aandachtspunten bij 2 van de 3 dimensies."
    m.add_alternative("Waterpleinen", by="Gemeente Zuid", hearing="no")
    assert m.alternatives_feedback()[-1] == "Je enige voorstel kreeg geen gehoor."
    m.alternatives[0].hearing = None
    assert m.alternatives_feedback()[-1] == "Bij je enige voorstel heb je nog niet ingevuld of het gehoor kreeg."
    m.alternatives[0].hearing = "yes"
    assert m.alternatives_feedback()[-1] == "Je enige voorstel kreeg (deels) gehoor."
    m.add_alternative("Meer bomen", by="Stichting Groen", hearing="no")
    m.add_alternative("Groene daken", by="Stichting Groen", hearing="no")
    m.alternatives[0].hearing = "no"
    assert m.alternatives_feedback()[-1] == "Geen van de 3 voorstellen kreeg (deels) gehoor."
    for alt in m.alternatives:
        alt.hearing = "partly"
    assert m.alternatives_feedback()[-1] == "Alle 3 voorstellen kregen (deels) gehoor."
    removed = m.remove_dimension(m.dimensions[-1].id)  # 'Natuur en groen', never linked
    assert removed_message("Natuur en groen", removed) == "Dimensie 'Natuur en groen' verwijderd, zonder koppelingen."
    assert removed_message("Water", 2) == "Dimensie 'Water' verwijderd, met 2 koppelingen."
    assert removed_message("Water", 1) == "Dimensie 'Water' verwijderd, met 1 koppeling."
    assert undone_message("Natuur en groen", 0) == "Dimensie 'Natuur en groen' teruggezet."
    assert undone_message("Water", 2) == "Dimensie 'Water' teruggezet, met haar koppelingen."


def test_a_name_ending_in_a_full_stop_gets_no_second_one(water):
    m, dim, *_ = water
    bv = m.add_stakeholder("Aqua B.V.", org_id="o9", type="bedrijf", type_label="Bedrijf")
    m.set_link(dim.id, bv.id)
    messages = " ".join(g.message for g in m.gaps())
    assert "Aqua B.V." in messages and "B.V.." not in messages
    m.place(bv.id, power="low", interest="high")
    assert "B.V.." not in m.grid_summary()


def test_is_complete(water):
    from verbinding.modules.outreach import is_complete

    m, dim, ws, gem, uni = water
    assert not is_complete({}) and not is_complete(None)
    for sh in (ws, uni):
        m.set_link(dim.id, sh.id, expertise=3, support=2)
        m.place(sh.id, power="high", interest="high")
    m.add_alternative("Waterpleinen", by="Waterschap Noord", hearing="partly")
    assert is_complete(m.to_dict())
    unrated = m.to_dict()
    unrated["links"][0]["support"] = None
    assert not is_complete(unrated)
    no_why = m.to_dict()
    no_why["dimensions"][0]["why"] = ""
    assert not is_complete(no_why)
    no_alternative = m.to_dict()
    no_alternative["alternatives"] = []
    assert not is_complete(no_alternative)
    m.place(uni.id, power=None, interest=None)
    assert not is_complete(m.to_dict())


def test_a_lower_case_name_starting_a_gap_gets_a_capital_only_there():
    """Walk finding: 'bewonersgroep de meerpaal staat bij 'weinig macht, veel belang''."""
    m = OutreachMap()
    dim = m.add_dimension("Water")
    sh = m.add_stakeholder("bewonersgroep de meerpaal")
    m.set_link(dim.id, sh.id, expertise=3, support=3)
    m.place(sh.id, power="low", interest="high")
    underheard = next(g for g in m.gaps() if g.rule == "underheard")
    assert underheard.message.startswith("Bewonersgroep de meerpaal staat bij 'weinig macht, veel belang'")
    assert m.display_name(sh) == "bewonersgroep de meerpaal"  # the learner's spelling is kept
    assert "expertise van bewonersgroep de meerpaal (soort onbekend, veel)" in m.heatmap_summary()


def test_export_never_presents_the_case_text_as_the_learners_answer():
    """Walk finding: the export filled empty 'Waarom speelt dit hier?' answers with the case's text."""
    case = SimpleNamespace(id="demo", dimensions=[
        SimpleNamespace(id="water", name="Water", explanation="Overstromingen."),
        SimpleNamespace(id="hitte", name="Hitte", explanation="Hittegolven."),
    ])
    m = OutreachMap.from_case(case)
    m.update_dimension("hitte", why="Ouderen in de stad lijden onder hitte.")
    md = to_markdown(export_blocks(m.to_dict()))
    assert "| Water | (nog niet zelf ingevuld; uitleg uit de casus: Overstromingen.) |" in md, md
    assert "| Hitte | Ouderen in de stad lijden onder hitte. |" in md
