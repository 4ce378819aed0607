"""'Nog te doen': every module model says in Dutch what is missing for "afgerond".

For every model ``is_complete(state) == (not still_to_do(state))`` on empty, partial and
complete states (the complete states are those of each module's own tests), and the items
name what the learner has to do, in the order of the page.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from test_accountability import _complete_model as _complete_accountability
from test_connection import _complete_connection

from verbinding import dutch, progress
from verbinding.course import MODULES
from verbinding.modules import drempels as barriers
from verbinding.modules import eigen_dossier as dossier
from verbinding.modules import gesprekken as dialogue
from verbinding.modules import kennismaken as intro
from verbinding.modules.accountability import OPEN_KINDS
from verbinding.modules.drempels import BarrierExercise
from verbinding.modules.echte_agendas import AgendaRegister
from verbinding.modules.outreach import OutreachMap

LONG_REFLECTION = ("De agenda's laten zien wie een minister sprak, maar niet wat er besproken is of "
                   "wie via ambtenaren toegang had.")


# ----- complete states, as each module's own tests build them ------------------------------


def _intro() -> dict:
    return {"dossier": "Laadpalen", "description": "", "partners": ["Netbeheerder Oost"],
            "missing": "Huurders zonder eigen oprit."}


def _barriers() -> dict:
    texts = barriers.load_texts()
    model = BarrierExercise(texts)
    model.set_dossier("Laadpalen in woonwijken")
    for scenario in texts.scenarios:
        model.classify(scenario.id, scenario.answer)
    for b in texts.barriers:
        model.rate(b.id, 4)
        model.set_note(b.id, f"Voorbeeld bij {b.name}.")
    return model.to_dict()


def _outreach_map() -> OutreachMap:
    m = OutreachMap(case_id="test")
    dim = m.add_dimension("Water", "overstromingen raken wijken")
    ws = m.add_stakeholder("Waterschap Noord", org_id="o1", type="overheid", type_label="Overheid")
    uni = m.add_stakeholder("Kennisinstituut Delta", org_id="o3", type="kennis", type_label="Kennisinstelling")
    for sh in (ws, uni):
        m.set_link(dim.id, sh.id, expertise=3, support=2)
        m.place(sh.id, power="high", interest="high")
    m.add_alternative("Waterpleinen", by="Waterschap Noord", hearing="partly")
    return m


def _dossier() -> dict:
    texts = dossier.load_texts()
    scan = dossier.DossierScan(texts)
    scan.title = "Laadpalen in woonwijken"
    for q in texts.questions:
        scan.set_text(q.id, "answer", f"Antwoord op {q.short}.")
        scan.set_text(q.id, "evidence", f"Verslag over {q.short}, 3 maart.")
        scan.set_score(q.id, texts.scale_max)
    return scan.to_dict()


def _agendas() -> dict:
    register = AgendaRegister(period="rutteIV", ministry="Defensie")
    register.set_correction(register.entries().index[0], "overig")
    register.reflection = LONG_REFLECTION
    return register.to_dict()


def _walk_to_an_end(d) -> list:
    """Choices [[step, 0], ...] from the start to an ending (always the first choice)."""
    choices, position = [], d.start
    while position not in d.endings:
        choices.append([position, 0])
        position = d.steps[position].choices[0].next
    return choices


def _dialogue() -> dict:
    dialogues, _ = dialogue.all_dialogues()
    return {"dialogues": {d.id: {"walks": [{"choices": _walk_to_an_end(d)}], "response": "Ik zou eerst rustig vragen wat er bij de bewoners leeft en dan samen de volgende stap kiezen."}
                          for d in dialogues}}


COMPLETE = {
    "kennismaken": _intro,
    "drempels": _barriers,
    "outreach": lambda: _outreach_map().to_dict(),
    "connection": _complete_connection,
    "accountability": lambda: _complete_accountability().to_dict(),
    "eigen_dossier": _dossier,
    "echte_agendas": _agendas,
    "gesprekken": _dialogue,
    "afronding": lambda: {"name": "Sam de Vries",
                          "reflection": "Ik nodig bij elk dossier eerst de partijen uit die we nooit spreken."},
}


def _partials(module_id: str, full: dict) -> list[dict]:
    """States with one thing taken away (each not complete)."""
    if module_id == "kennismaken":
        return [{**full, "partners": []}, {**full, "missing": " "}, {"dossier": "Laadpalen"}]
    if module_id == "drempels":
        one_open = {**full, "answers": dict(full["answers"])}
        one_open["answers"].pop(next(iter(one_open["answers"])))
        return [one_open, {**full, "notes": {}}, {**full, "dossier": ""}]
    if module_id == "outreach":
        no_why = _outreach_map().to_dict()
        no_why["dimensions"][0]["why"] = ""
        unrated = _outreach_map().to_dict()
        unrated["links"][0]["support"] = None
        return [no_why, unrated, {**full, "alternatives": []}]
    if module_id == "connection":
        return [{**full, "revealed": False}, {**full, "playing_field_note": ""},
                {**full, "counter_voice": {"formats": ["rondetafel"]}}]
    if module_id == "accountability":
        habit = _complete_accountability()
        habit.update_interest("org:o1", reasoning="Ze zijn altijd betrokken.")
        no_feedback = _complete_accountability()
        no_feedback.set_feedback("org:o2", given="")
        return [habit.to_dict(), no_feedback.to_dict(), {**full, "draft": {"generated": "", "edited": None}}]
    if module_id == "eigen_dossier":
        first = next(iter(full["questions"]))
        no_evidence = {**full, "questions": {**full["questions"], first: {**full["questions"][first], "evidence": ""}}}
        return [no_evidence, {**full, "title": " "}]
    if module_id == "echte_agendas":
        return [{**full, "reflection": "Kort."}, {**full, "corrections": {}}, {**full, "ministry": ""}]
    if module_id == "gesprekken":
        first = next(iter(full["dialogues"]))
        no_response = {"dialogues": {**full["dialogues"], first: {**full["dialogues"][first], "response": ""}}}
        return [no_response, {"dialogues": {first: full["dialogues"][first]}}]
    if module_id == "afronding":
        return [{**full, "name": ""}, {**full, "reflection": "Veel."}]
    raise AssertionError(module_id)


def test_every_module_with_completion_rules_lists_what_is_missing():
    judged = {m.id for m in MODULES if hasattr(importlib.import_module(m.model), "is_complete")}
    listed = {m.id for m in MODULES if hasattr(importlib.import_module(m.model), "still_to_do")}
    assert judged == listed == set(COMPLETE)


@pytest.mark.parametrize("module_id", sorted(COMPLETE))
def test_complete_exactly_when_nothing_is_missing(module_id):
    model = importlib.import_module(progress.MODELS[module_id])
    full = COMPLETE[module_id]()
    assert model.still_to_do(full) == [] and model.is_complete(full)
    for state in ({}, None, "kapot", *_partials(module_id, full)):
        missing = model.still_to_do(state)
        assert missing, (module_id, state)
        assert model.is_complete(state) is False
        assert all(isinstance(item, str) and item.strip() and item[0].isupper() and item.endswith((".", ":"))
                   for item in missing), missing
        assert len(missing) == len(set(missing)), "no item twice"


def test_intro_names_each_missing_field_in_page_order():
    assert intro.still_to_do({}) == ["Geef je dossier een naam.", "Noem minstens één vaste gesprekspartner.",
                                     "Schrijf op wie je weinig hoort."]
    assert intro.still_to_do({**_intro(), "missing": ""}) == ["Schrijf op wie je weinig hoort."]


def test_barriers_names_the_open_scenarios_and_barriers():
    texts = barriers.load_texts()
    assert barriers.still_to_do({}) == [
        "Kies bij elke casus welke drempel het sterkst speelt.",
        "Vul bij de zelfscan in over welk dossier het gaat.",
        "Geef bij de zelfscan elke drempel een score.",
    ]
    state = _barriers()
    state["answers"].pop(texts.scenarios[1].id)
    state["answers"].pop(texts.scenarios[3].id)
    state["notes"].pop("ruimte")
    ruimte = texts.barrier("ruimte").name
    assert barriers.still_to_do(state) == [
        "Kies bij 2 casussen welke drempel het sterkst speelt (casus 2 en 4).",
        f"Schrijf een voorbeeld uit je dossier bij 1 drempel ({ruimte}).",
    ]
    state["ratings"]["ruimte"] = 1  # "speelt niet" needs no example
    assert barriers.still_to_do(state) == ["Kies bij 2 casussen welke drempel het sterkst speelt (casus 2 en 4)."]


def test_outreach_names_dimensions_links_and_proposals():
    m = OutreachMap(case_id="test")
    for name in ("Bestuurlijk", "Juridisch", "Water"):
        m.add_dimension(name, "telt" if name == "Water" else "")
    water = m.dimensions[2]
    ws = m.add_stakeholder("Waterschap Noord", org_id="o1", type="overheid", type_label="Overheid")
    m.set_link(water.id, ws.id)  # not rated, not placed
    m.add_alternative("Waterpleinen")
    from verbinding.modules.outreach import still_to_do

    assert still_to_do(m.to_dict()) == [
        "Schrijf bij 2 dimensies waarom die hier tellen ('Bestuurlijk' en 'Juridisch').",
        "Koppel een organisatie aan 2 dimensies ('Bestuurlijk' en 'Juridisch').",
        "Geef expertise en draagvlak aan bij 1 koppeling.",
        "Plaats 1 organisatie op het schema van macht en belang ('Waterschap Noord').",
        "Schrijf bij 1 voorstel op wie het inbrengt.",
        "Kies bij 1 voorstel of het gehoor kreeg.",
    ]
    assert still_to_do({}) == ["Kies welke maatschappelijke dimensies spelen (stap 2).",
                               "Noteer minstens één alternatief voorstel (stap 6)."]


def test_connection_names_the_steps_and_the_missing_parts_of_the_plan():
    from verbinding.modules.connection import still_to_do

    state = {**_complete_connection(), "counter_voice": {"formats": ["rondetafel"], "whom": "Bewoners"}}
    state["invitations"] = [{"org_id": "o1", "name": "Buurt", "reason": ""}]
    assert still_to_do(state) == [
        "Schrijf op waarom je Buurt uitnodigt (stap 4).",
        "Vul bij het tegengeluid nog in: ondersteuning, wanneer en alternatieve voorstellen (stap 5).",
    ]
    assert still_to_do({})[0] == "Schat het aandeel van de top 10% en bekijk de echte cijfers (stap 1)."


def test_accountability_groups_open_findings_by_what_to_do():
    from verbinding.modules.accountability import still_to_do
    from verbinding.modules.accountability.model import _TODO_GROUPS

    assert set().union(*(kinds for _todo, kinds in _TODO_GROUPS)) == OPEN_KINDS
    model = _complete_accountability()
    model.update_interest("org:o1", reasoning="Ze zijn altijd betrokken.")
    model.update_interest("org:o2", weight=None)
    model.set_feedback("org:o2", given="")
    missing = still_to_do(model.to_dict())
    assert missing[0].startswith("Kies meer, evenveel of minder meegenomen bij 1 belang (")
    assert missing[1] == "Noem het inhoudelijke argument bij 1 belang (Koepel)."
    assert missing[2].startswith("Vul in of je hebt teruggekoppeld aan ")
    state = model.to_dict()
    state["draft"] = {"generated": "", "edited": None, "based_on": "", "history": []}
    assert still_to_do(state)[-1] == "Schrijf de tekst van je belangenafweging (stap 3)."
    # opened and nothing done: the page shows the selection of parties to weigh (a walk read
    # "vul eerst Outreach of Connection in" beside a selection of 7 parties)
    assert still_to_do({}) == ["Weeg de partijen van je selectie in stap 1: kies bij elke partij meer, evenveel of minder meegenomen, en schrijf waarom."]


def test_dossier_name_from_kennismaken_is_not_asked_for_again():
    # The walk: 'Nog te doen: Geef je dossier een naam' under a page that showed the name
    # taken from Kennismaken. still_to_do reads the name as the page does.
    from verbinding.ui.todo import todo_html

    intro_state = {"dossier": "Stikstofreductie rond Natura 2000-gebieden", "description": "Gebiedsgerichte aanpak."}
    name_item = "Geef je dossier een naam."
    begun = {"questions": {"dimensions": {"answer": "Natuur en landbouw."}}}  # saved before Kennismaken had a name
    assert name_item in dossier.still_to_do(begun)
    assert name_item not in dossier.still_to_do(begun, modules={"kennismaken": intro_state})
    assert name_item not in progress.still_to_do(begun, "eigen_dossier", {"kennismaken": intro_state})
    # a description of its own keeps the page from taking Kennismaken's name: then it is asked
    assert name_item in dossier.still_to_do({"description": "Eigen tekst"}, modules={"kennismaken": intro_state})
    # the name from Kennismaken counts for "afgerond" too, as the page shows it
    named_by_intro = {**_dossier(), "title": ""}
    assert not dossier.is_complete(named_by_intro)
    assert dossier.is_complete(named_by_intro, modules={"kennismaken": intro_state})
    assert progress.state_of(named_by_intro, "eigen_dossier", {"kennismaken": intro_state}) != progress.STARTED
    scan = dossier.DossierScan()
    assert scan.adopt_intro(intro_state) and scan.title == intro_state["dossier"]  # what the page shows

    class Book:  # what todo_html reads of a workbook
        document = {"modules": {}}

        @staticmethod
        def module(module_id):
            return dict(intro_state) if module_id == "kennismaken" else {}

    assert name_item not in todo_html(Book(), "eigen_dossier")


def test_dossier_says_exactly_what_the_saved_state_misses():
    # A learner's walk: module 5 skipped (or only its kennischeck answered) and the Afronding
    # asked for a dossier name. Nothing of the dossier saved: begin the module, nothing else.
    begin = ["Begin met module 5: beantwoord alle 6 vragen over je eigen dossier."]
    assert dossier.still_to_do({}) == begin
    assert dossier.still_to_do({"kennischeck": {"answers": {"x": 1}}}) == begin
    assert dossier.still_to_do({"version": 1, "title": " ", "questions": {"dimensions": {"answer": "", "score": None}}}) == begin
    assert dossier.still_to_do({}, modules={"kennismaken": {"dossier": "Laadpalen"}}) == begin
    assert progress.still_to_do({}, "eigen_dossier")[0] == begin[0]
    # begun: each missing part, the name only when neither the module nor Kennismaken has one
    assert dossier.still_to_do({"title": "Laadpalen"}) == ["Beantwoord alle 6 vragen.", "Noem bewijs bij alle 6 vragen.",
                                                           "Geef jezelf een score bij alle 6 vragen."]
    assert dossier.still_to_do({"werkbank": {"dimensions": [{"name": "Natuur"}]}})[0] == "Geef je dossier een naam."


def test_dossier_names_questions_by_their_number_on_the_page():
    assert dossier.still_to_do({"description": "Laadpalen in de wijk."}) == [
        "Geef je dossier een naam.", "Beantwoord alle 6 vragen.",
        "Noem bewijs bij alle 6 vragen.", "Geef jezelf een score bij alle 6 vragen."]
    texts = dossier.load_texts()
    state = _dossier()
    first, third = texts.questions[0].id, texts.questions[2].id
    state["questions"][first]["evidence"] = ""
    state["questions"][third]["score"] = 2  # not the highest: a next step with a date
    assert dossier.still_to_do(state) == ["Noem bewijs bij vraag 1.", "Noem een volgende stap bij vraag 3."]
    state["questions"][third]["next_step"] = "Bellen met de huurdersbond."
    assert dossier.still_to_do(state) == ["Noem bewijs bij vraag 1.",
                                          "Schrijf bij vraag 3 op wanneer je de volgende stap zet."]


def test_agendas_says_what_each_step_still_needs():
    from verbinding.modules.echte_agendas import still_to_do

    assert still_to_do({}) == ["Kies een ministerie (stap 1).",
                               "Pas bij minstens één agendapunt de soort organisatie aan (stap 2).",
                               "Schrijf je reflectie (stap 5)."]
    assert still_to_do({**_agendas(), "reflection": "Kort."}) == [
        "Maak je reflectie iets langer: een paar zinnen (stap 5)."]


def test_dialogue_names_the_conversations_left():
    dialogues, _ = dialogue.all_dialogues()
    assert dialogue.still_to_do({}) == [f"Speel alle {len(dialogues)} gesprekken tot het einde.",
                                        f"Schrijf je antwoord bij alle {len(dialogues)} gesprekken, in een paar zinnen."]
    state = _dialogue()
    last = dialogues[-1]
    state["dialogues"][last.id]["response"] = ""
    assert dialogue.still_to_do(state) == [f"Schrijf je antwoord bij 1 gesprek, in een paar zinnen: “{last.title}”."]
    state["dialogues"][last.id]["response"] = "Ik zeg het zo."
    assert dialogue.still_to_do(state), "four words are not yet an answer to discuss"


def test_names_are_kept_short():
    assert dutch.some(["A", "B", "C"]) == "A, B en C"
    assert dutch.some(["A", "B", "C", "D", "E"]) == "A, B, C en nog 2"
    assert dutch.some(["A", "B", "C", "D"]) == "A, B, C en D"  # never "en nog 1"


def test_progress_reads_the_list_and_says_none_without_rules():
    assert progress.still_to_do({}, "kennismaken")[0] == "Geef je dossier een naam."
    assert progress.still_to_do(_intro(), "kennismaken") == []
    assert progress.still_to_do({"name": "Sam"}, "afronding") == [
        "Schrijf bij 'Wat neem je mee?' in een paar zinnen wat je vanaf morgen anders doet."]
    done = {"name": "Sam de Vries", "reflection": "Ik nodig bij elk dossier eerst de partijen uit die we nooit spreken."}
    assert progress.still_to_do(done, "afronding") == [] and progress.state_of(done, "afronding") == "done"
    assert progress.still_to_do({"name": "Sam", "reflection": "ok"}, "afronding")  # two words are not a reflection
    assert progress.still_to_do({"x": 1}, "gesprekken-bestaat-niet") is None
    assert progress.still_to_do({}, "bestaat-niet") is None


def test_outreach_asks_reasons_for_own_dimensions_and_organisations_for_five_not_all_eight():
    # A learner's walk: 'Nog te doen' asked a reason and an organisation for all 8 dimensions of
    # the case. The case's dimensions come with its explanation; 5 linked dimensions are enough
    # to practise linking and rating, and the gaps still name the empty ones.
    from verbinding.modules.outreach import MIN_LINKED_DIMENSIONS, is_complete, still_to_do

    case = SimpleNamespace(id="c", dimensions=[SimpleNamespace(id=f"d{n}", name=f"Dimensie {n}", explanation="uitleg")
                                               for n in range(1, 9)])
    m = OutreachMap.from_case(case)
    own = m.add_dimension("Energie")  # chosen by the learner: asks why
    ws = m.add_stakeholder("Waterschap Noord", org_id="o1", type="overheid", type_label="Overheid")
    m.place(ws.id, power="high", interest="high")
    for dim in m.dimensions[:3]:
        m.set_link(dim.id, ws.id, expertise=3, support=2)
    m.add_alternative("Waterpleinen", by="Bewonersnetwerk Oost", hearing="yes")
    todo = still_to_do(m.to_dict())
    assert todo[0] == "Schrijf bij 1 dimensie waarom die hier telt ('Energie')."
    assert todo[1].startswith("Koppel een organisatie aan nog 2 dimensies. Dan hebben 5 van de 9 dimensies er een.")
    assert not [line for line in todo if "Dimensie 1'" in line or "waarom die hier tellen" in line]
    own.why = "airco's vragen veel stroom"
    for dim in m.dimensions[3:MIN_LINKED_DIMENSIONS]:
        m.set_link(dim.id, ws.id, expertise=2, support=2)
    assert still_to_do(m.to_dict()) == [] and is_complete(m.to_dict())
    assert any(g.rule == "no_stakeholder" for g in m.gaps()), "the gaps still name the empty dimensions"
