"""Module 5 (eigen dossier): OCA questions, checks, hints from modules 2-4, scan export, bad edits."""

from __future__ import annotations

import io
import json
import math

import pytest
from _catalogue_edit import set_at
from _markdown import has_markup, render

from verbinding.document import to_markdown
from verbinding.modules import eigen_dossier as dossier
from verbinding.modules.accountability import AccountabilityModel
from verbinding.modules.eigen_dossier import (
    PILLAR_IDS,
    DossierScan,
    DossierTexts,
    DossierTextsError,
    Pillar,
    Question,
    export_blocks,
    load_texts,
    module_hints,
    scan_docx,
    scan_filename,
    scan_markdown,
)
from verbinding.modules.eigen_dossier.workbench import Workbench
from verbinding.modules.outreach import OutreachMap
from verbinding.texts import t


def small_texts() -> DossierTexts:
    """Hand-made: two questions, a 4-step scale."""
    return DossierTexts(
        pillars=(Pillar("outreach", "Outreach", "o"), Pillar("connection", "Connection", "c"),
                 Pillar("accountability", "Accountability", "a")),
        questions=(
            Question("dimensions", "outreach", "Dimensies", "Welke dimensies?", "h", "e"),
            Question("feedback", "accountability", "Terugkoppeling", "Teruggekoppeld?", "h", "e"),
        ),
        scale=("nee", "begin", "deels", "ja"),
    )


# ----- the shipped catalogue -------------------------------------------------------------


def test_shipped_catalogue_has_the_six_factsheet_questions():
    texts = load_texts()
    assert len(texts.questions) == 6
    per_pillar = {p: [q for q in texts.questions if q.pillar == p] for p in PILLAR_IDS}
    assert all(len(qs) == 2 for qs in per_pillar.values())
    joined = " ".join(q.question for q in texts.questions).lower()
    for word in ("maatschappelijke dimensies", "expertise", "draagvlak", "alternatieve voorstellen",
                 "normaal aan tafel", "tegengeluid", "belangenafweging", "teruggekoppeld"):
        assert word in joined, word


# ----- checks ----------------------------------------------------------------------------


def kinds(scan, qid):
    return [c.kind for c in scan.checks(qid)]


def test_checks_name_what_is_missing_and_reach_complete():
    scan = DossierScan(small_texts())
    assert kinds(scan, "dimensions") == ["no_answer", "no_score", "no_evidence"]
    assert scan.checks("dimensions")[0].text.startswith("Dimensies")

    scan.set_text("dimensions", "answer", "Economie, wonen en natuur spelen mee.")
    scan.set_score("dimensions", 4)
    assert kinds(scan, "dimensions") == ["high_without_evidence"]

    scan.set_text("dimensions", "evidence", "economie WONEN en natuur spelen mee!")
    assert kinds(scan, "dimensions") == ["evidence_repeats"]

    scan.set_text("dimensions", "evidence", "Verslag van de ronde tafel van 3 maart.")
    assert kinds(scan, "dimensions") == ["complete"]

    scan.set_score("dimensions", 2)  # not the top: a next step is needed
    assert kinds(scan, "dimensions") == ["no_next_step"]
    scan.set_text("dimensions", "next_step", "Huurders uitnodigen")
    assert kinds(scan, "dimensions") == ["no_when"]
    scan.set_text("dimensions", "when", "voor de zomer")
    assert kinds(scan, "dimensions") == ["complete"]
    assert not scan.complete()  # the other question is empty


@pytest.mark.parametrize("evidence", ["asdf", "zie boven", "ja ja ja ja ja", "ik weet het niet", "geen"])
def test_filler_is_no_evidence_for_a_high_score(evidence):
    """Walk finding (issue 28): any text as evidence gave 'compleet'. Filler is still no evidence."""
    scan = DossierScan(small_texts())
    scan.set_text("dimensions", "answer", "Economie, wonen en natuur spelen mee.")
    scan.set_score("dimensions", 4)
    scan.set_text("dimensions", "evidence", evidence)
    assert kinds(scan, "dimensions") == ["high_without_evidence"]
    assert "compleet" not in " ".join(c.text for c in scan.checks("dimensions"))


@pytest.mark.parametrize(("evidence", "tip"), [
    ("Ik heb vorige week een mooie fiets gekocht.", "evidence_unrelated"),
    ("Verslag", "evidence_short"),
])
def test_the_word_search_on_evidence_is_a_tip_not_a_hold_up(evidence, tip):
    # A learner's walk: the word search blocked the module for honest evidence; it cannot judge
    # real evidence, so it advises and the question is complete.
    scan = DossierScan(small_texts())
    scan.set_text("dimensions", "answer", "Economie, wonen en natuur spelen mee.")
    scan.set_score("dimensions", 4)
    scan.set_text("dimensions", "evidence", evidence)
    assert kinds(scan, "dimensions") == ["complete", tip]
    assert scan.checks("dimensions")[1].text.startswith("Tip bij Dimensies")
    assert all(c.ok for c in scan.checks("dimensions"))


@pytest.mark.parametrize("question", ["dimensions", "new_connections", "alternatives"])
def test_a_stakeholder_list_is_evidence_about_the_question(question):
    # the walk: 'Stakeholderlijst gebiedsprogramma 2025' got 'je bewijs lijkt niet over deze vraag te gaan'
    from verbinding.modules.eigen_dossier.evidence import evidence_kind

    assert evidence_kind("Stakeholderlijst gebiedsprogramma 2025", question) == "ok"
    assert evidence_kind("Gespreksverslag dorpsraad van 3 maart", question) == "ok"


def test_evidence_that_names_the_learners_own_work_counts():
    """No kind of document named, but an organisation from the own workbench: that is evidence."""
    scan = DossierScan(small_texts())
    bench = Workbench()
    bench.add_stakeholder("Stichting Groene Dijk")
    scan.workbench = bench.to_dict()
    scan.set_text("dimensions", "answer", "Natuur speelt mee.")
    scan.set_score("dimensions", 4)
    scan.set_text("dimensions", "evidence", "Stichting Groene Dijk schreef ons in mei.")
    assert kinds(scan, "dimensions") == ["complete"]


@pytest.mark.parametrize("evidence", ["", "geen", "Geen.", "nog geen"])
def test_an_honest_low_score_without_evidence_is_complete(evidence):
    # The walk: score 1 with evidence 'geen' held up the module, while the module's own key
    # point says an honest low score is worth more.
    scan = DossierScan(small_texts())
    scan.set_text("dimensions", "answer", "We spreken alleen de vaste partners.")
    scan.set_score("dimensions", 1)  # "1 - Nog niet"
    scan.set_text("dimensions", "evidence", evidence)
    scan.set_text("dimensions", "next_step", "Huurders uitnodigen")
    scan.set_text("dimensions", "when", "voor de zomer")
    assert kinds(scan, "dimensions") == ["complete"]
    text = scan.checks("dimensions")[0].text
    assert "eerlijke lage score" in text and "Je hebt een antwoord, bewijs" not in text
    scan.set_score("dimensions", 3)  # the upper half of this 4-step scale: what shows it?
    assert kinds(scan, "dimensions") == ["high_without_evidence"]
    scan.set_score("dimensions", None)
    assert kinds(scan, "dimensions") == ["no_score", "no_evidence"]
    scan.set_score("dimensions", 3)
    scan.set_text("dimensions", "evidence", "De deelnemerslijst van het overleg van maart.")
    assert kinds(scan, "dimensions") == ["complete"]


def test_an_honest_low_score_with_geen_finishes_the_module():
    from verbinding.modules.eigen_dossier import is_complete, load_texts, still_to_do

    texts = load_texts()
    scan = DossierScan(texts)
    scan.title = "Gebiedsprogramma"
    for question in texts.questions:
        scan.set_text(question.id, "answer", "Nog weinig gedaan, eerlijk gezegd.")
        scan.set_text(question.id, "evidence", "geen")
        scan.set_score(question.id, 1)
        scan.set_text(question.id, "next_step", "Stakeholderlijst maken met de dorpsraden")
        scan.set_text(question.id, "when", "voor de zomer")
    scan.set_text(texts.questions[0].id, "evidence", "Stakeholderlijst gebiedsprogramma 2025")
    scan.set_score(texts.questions[0].id, 3)
    assert still_to_do(scan.to_dict()) == [] and is_complete(scan.to_dict())


def test_is_complete_from_the_saved_state():
    from verbinding.modules.eigen_dossier import is_complete, load_texts

    assert not is_complete({}) and not is_complete(None)
    texts = load_texts()
    scan = DossierScan(texts)
    scan.title = "Laadpalen in woonwijken"
    for q in texts.questions:
        scan.set_text(q.id, "answer", f"Antwoord op {q.short}.")
        scan.set_text(q.id, "evidence", f"Verslag over {q.short}, 3 maart.")
        scan.set_score(q.id, texts.scale_max)
    assert is_complete(scan.to_dict())
    first = texts.questions[0].id
    without_evidence = scan.to_dict()
    without_evidence["questions"][first]["evidence"] = ""
    assert not is_complete(without_evidence)
    untitled = scan.to_dict()
    untitled["title"] = " "
    assert not is_complete(untitled)


def test_scores_are_validated_and_capped_when_the_scale_shrinks():
    scan = DossierScan(small_texts())
    with pytest.raises(ValueError):
        scan.set_score("dimensions", 5)
    with pytest.raises(KeyError):
        scan.set_score("onbekend", 1)
    with pytest.raises(KeyError):
        scan.set_text("dimensions", "score", "x")
    scan = DossierScan.from_dict({"questions": {"dimensions": {"score": 5}}}, small_texts())
    assert scan.score("dimensions") == 4
    assert scan.to_dict()["questions"]["dimensions"]["score"] == 5


# ----- chart and summary -----------------------------------------------------------------


def test_scores_frame_summary_and_chart():
    from _charts import chart_svg

    texts = load_texts()
    scan = DossierScan(texts)
    assert "nog geen scores" in scan.summary().lower()
    scan.set_score("dimensions", 4)
    scan.set_score("alternatives", 2)
    scan.set_score("feedback", 1)
    frame = scan.scores_frame()
    assert len(frame) == 6
    assert math.isnan(frame.set_index("question").loc["weighing", "score"])
    summary = scan.summary()
    assert "3 van de 6" in summary
    assert "Outreach: gemiddeld 3,0" in summary
    assert "Accountability: score 1 van 5." in summary  # one score is no average
    assert "Connection" not in summary
    assert texts.question("feedback").short in summary  # the lowest score is named
    assert t("dossier.summary.high_without_evidence", questions=texts.question("dimensions").short) in summary
    scan.set_text("dimensions", "evidence", "Verslag van het overleg met de GGD op 3 maart")
    assert "geen bewijs" not in scan.summary()  # the 4 now has its evidence
    chart = dossier.scores_chart(frame, texts.scale_max)
    values = chart["data"]["values"]
    assert len(values) == 6
    svg = chart_svg(chart)
    assert "Outreach" in svg and texts.question("weighing").short in svg


# ----- state -----------------------------------------------------------------------------


def test_round_trip_and_tolerant_loading():
    scan = DossierScan(small_texts())
    scan.title = "Laadpalen"
    scan.description = "Regels voor laadpalen."
    scan.set_text("feedback", "answer", "Nog niet")
    scan.set_score("feedback", 1)
    state = json.loads(json.dumps(scan.to_dict()))
    assert DossierScan.from_dict(state, small_texts()).to_dict() == scan.to_dict()

    for broken in (None, [], {"questions": "x"}, {"title": 3, "questions": {"a": "x"}},
                   {"questions": {"dimensions": {"answer": 5, "score": "hoog"}}}):
        loaded = DossierScan.from_dict(broken, small_texts())
        assert loaded.title == ""
        assert loaded.score("dimensions") is None
        assert loaded.entry("dimensions")["answer"] == ""


# ----- hints from earlier modules ----------------------------------------------------------


def test_hints_from_real_outreach_and_accountability_states():
    from verbinding.modules.accountability import AccountabilityModel
    from verbinding.modules.outreach import OutreachMap

    outreach = OutreachMap()
    outreach.add_dimension("Wonen", "huizen")
    outreach.add_dimension("Natuur", "groen")
    outreach.add_alternative("Groene daken in plaats van tegels", by="Bewonersgroep")
    accountability = AccountabilityModel()
    first = accountability.add_interest("Bewoners", asked="Meer groen")
    accountability.add_interest("Bouwers", asked="Snel bouwen")
    accountability.update_interest(first.id, weight="meer", reasoning="Zij wonen er.")
    modules = {
        "kennismaken": {"partners": ["Koepel A", "Bond B"]},
        "outreach": outreach.to_dict(),
        "accountability": accountability.to_dict(),
    }
    hints = module_hints(json.loads(json.dumps(modules)))
    assert "Wonen" in hints["dimensions"][0] and "Natuur" in hints["dimensions"][0]
    assert "(aantal: 1)" in " ".join(hints["alternatives"])
    assert "Koepel A" in hints["new_connections"][0]
    assert "1 van de 2" in hints["weighing"][0]
    assert "counter_voice" not in hints  # no Connection work, no hint


def test_hints_count_consultation_groups_apart_and_list_names_in_dutch():
    # seen in the walk: "aan 3 van de 15 partijen" (8 parties and 7 groups of responses),
    # "dimensies (7): A, B, C, D, E, ...." and "Je hebt in module 2 al aan dit onderwerp
    # gewerkt" for alternatives the learner never noted
    from verbinding.modules.accountability import Sources

    model = AccountabilityModel()
    stakeholders = [{"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "overleg"}
                    for k in range(2)]
    stakeholders += [{"id": f"consultatie:d{k}", "org_id": "", "origin": "consultation", "source": "consultatie",
                      "name": f"Consultatiereacties over D{k} (10)", "asked": "10 reacties", "dimensions": [f"d{k}"]}
                     for k in range(3)]
    model.sync_sources(Sources(tuple(stakeholders), ({"id": "d0", "name": "D0"},), "outreach", frozenset()))
    model.set_feedback("org:o0", given="ja", how="brief", when="mei", what="besluit")
    model.set_feedback("consultatie:d1", given="ja", how="publicatie", when="mei", what="verslag")
    outreach = OutreachMap()
    for k in range(7):
        outreach.add_dimension(f"Dimensie {k}")
    hints = module_hints({"accountability": model.to_dict(), "outreach": outreach.to_dict()})
    feedback = " ".join(hints["feedback"])
    # the practice case's feedback count is no measure for the own dossier (walk: '7 van de 7')
    assert feedback.startswith("In de oefencasus (module 4)") and not any(c.isdigit() for c in feedback.replace("module 4", ""))
    assert "Dimensie 4 en nog 2 andere." in hints["dimensions"][0] and "..." not in hints["dimensions"][0]
    assert "nog geen alternatieve voorstellen" in hints["alternatives"][0]
    assert "3 van de 5 in je afweging" not in model.coverage_text()
    assert model.coverage_text().startswith("2 van de 5 in je afweging kregen terugkoppeling (40%). Partijen: 1 van de 2.")
    single = AccountabilityModel()
    single.sync_sources(Sources(tuple(stakeholders[1:3]), (), "outreach", frozenset()))
    assert "De partij: nog niet teruggekoppeld. De groep consultatiereacties: nog niet teruggekoppeld." in single.coverage_text()


@pytest.mark.parametrize("modules", [{}, None, {"outreach": "kapot", "connection": [1, 2]},
                                     {"accountability": {"interests": "x", "feedback": [1]}}])
def test_hints_never_fail_on_broken_or_missing_work(modules):
    hints = module_hints(modules)
    assert isinstance(hints, dict)
    assert all(isinstance(h, str) for hs in hints.values() for h in hs)


def test_unknown_module_shape_gives_a_generic_pointer():
    hints = module_hints({"connection": {"something": {"a": 1}}})
    assert "module 3" in hints["new_connections"][0]
    assert "module 3" in hints["counter_voice"][0]


def test_practice_case_hints_are_labelled_never_a_score_for_the_own_dossier_and_never_repeated():
    # The walk: vraag 6 showed 'terugkoppeling aan 7 van de 7' from the invented case, and
    # module 4's weighing again under it; hints read as if about the own dossier.
    from verbinding.modules.accountability import Sources
    from verbinding.modules.connection import ConnectionWork

    model = AccountabilityModel()
    parties = tuple({"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "overleg"}
                    for k in range(7))
    model.sync_sources(Sources(parties, (), "outreach", frozenset()))
    for k in range(7):
        model.set_feedback(f"org:o{k}", given="ja", how="brief", when="mei", what="besluit")
        model.update_interest(f"org:o{k}", weight="meer", reasoning="Zij wonen er en betalen mee.")
    outreach = OutreachMap()
    outreach.add_dimension("Water")
    outreach.add_alternative("Groene daken", by="Bewonersgroep")
    connection = ConnectionWork.from_dict({
        "invitations": [{"org_id": "o1", "name": "Stichting Groen Dorp", "reason": "Weet veel van natuur"}],
        "counter_voice": {"whom": "Bewoners die tegen zijn", "steps": ["opties"]}}).to_dict()
    modules = json.loads(json.dumps({"kennismaken": {"partners": ["Koepel A"]}, "outreach": outreach.to_dict(),
                                     "connection": connection, "accountability": model.to_dict()}))
    hints = module_hints(modules)
    for question_id, lines in hints.items():
        assert len(lines) == len(set(lines)), question_id
        for line in lines:
            if "module" in line:  # from modules 2-4: the practice case, and it says so
                assert line.startswith("In de oefencasus (module "), line
    assert "7 van de 7" not in " ".join(hints["feedback"])
    assert not any(c.isdigit() for c in " ".join(hints["feedback"]).replace("module 4", ""))
    scan = DossierScan()
    scan.course_modules = modules
    scan.set_text("feedback", "evidence", "Brief aan alle indieners van de consultatie, juni.")
    scan.set_text("weighing", "evidence", "Alinea over de afweging in de beslisnota van juni.")
    for question_id in ("weighing", "feedback"):  # no practice-case names to check the own evidence against
        assert scan.evidence_seen(question_id) == ""
        assert not [c for c in scan.checks(question_id) if "Partij 1" in c.text or "module 4 gaf" in c.text]


def test_own_dossier_gaps_do_not_send_the_learner_to_the_case_list():
    own = OutreachMap(case_id=None)  # module 5's workbench map
    own.own_dossier = True
    own.add_dimension("Natuurherstel")
    actions = " ".join(g.action for g in own.gaps())
    assert "casus" not in actions and "kennisinstellingen" in actions
    empty = OutreachMap(case_id=None)
    empty.own_dossier = True
    assert "casus" not in empty.summary()
    case = OutreachMap(case_id="klimaat")
    case.add_dimension("Natuurherstel")
    assert "van de casus" in " ".join(g.action for g in case.gaps())


@pytest.mark.parametrize("evidence", ["24 gesprekken met LTO", "24 keer LTO en 3 keer IPO",
                                      "Vorig jaar 12 keer met Natuurmonumenten om tafel"])
def test_a_number_of_talks_with_a_named_organisation_is_contact_evidence(evidence):
    # The walk: 'Je bewijs noemt daar nog niets van' under '24 gesprekken met LTO' while the
    # workbench held 'LTO Nederland'.
    scan = DossierScan()
    bench = Workbench()
    bench.add_stakeholder("LTO Nederland", contacts=24)
    bench.add_stakeholder("Interprovinciaal Overleg (IPO)", contacts=3)
    bench.add_stakeholder("Natuurmonumenten", contacts=12)
    scan.workbench = bench.to_dict()
    scan.set_text("new_connections", "answer", "We spreken vooral de landbouw.")
    scan.set_text("new_connections", "evidence", evidence)
    kinds = [c.kind for c in scan.checks("new_connections")]
    assert "evidence_unrelated" not in kinds and "evidence_short" not in kinds
    seen = scan.evidence_seen("new_connections")
    assert "Je bewijs noemt:" in seen and "nog niets van" not in seen


@pytest.mark.parametrize("evidence", ["asdf", "zie boven", "Zie boven 3", "asdf qwerty LTO 3"])
def test_filler_still_is_no_contact_evidence(evidence):
    from verbinding.modules.eigen_dossier.evidence import evidence_kind

    assert evidence_kind(evidence, "new_connections", ["LTO Nederland"]) == "short"


def test_a_generic_word_of_a_name_does_not_name_the_organisation():
    from verbinding.modules.eigen_dossier.evidence import names_mentioned

    assert names_mentioned(["LTO Nederland"], "24 gesprekken met LTO")
    assert names_mentioned(["Gemeente Klaverwold"], "Overleg met Klaverwold in mei")
    assert not names_mentioned(["LTO Nederland"], "Overleg in heel Nederland")
    assert not names_mentioned(["Gemeente Klaverwold"], "Brief aan de gemeente")


# ----- export ------------------------------------------------------------------------------


def filled_state(answer: str, evidence: str = "Verslag") -> dict:
    texts = load_texts()
    scan = DossierScan(texts)
    scan.title = "Laadpalen <b>wijk</b>"
    scan.description = "<script>alert(1)</script>"
    for number, question in enumerate(texts.questions, start=1):
        scan.set_text(question.id, "answer", f"{answer} {number}")
        scan.set_text(question.id, "evidence", evidence)
        scan.set_score(question.id, 1 + number % texts.scale_max)
        scan.set_text(question.id, "next_step", f"Stap {number}")
        scan.set_text(question.id, "when", "mei")
    return scan.to_dict()


def test_scan_in_word_has_title_table_and_steps_with_html_as_text():
    from docx import Document

    state = filled_state("<img src=x onerror=alert(1)>")
    doc = Document(io.BytesIO(scan_docx(state)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "OCA-scan: Laadpalen <b>wijk</b>"
    assert any("<script>alert(1)</script>" in p for p in texts)
    table = doc.tables[0]
    assert len(table.rows) == 7
    assert [c.text for c in table.rows[0].cells][:3] == ["Onderdeel", "Vraag", "Score"]
    assert table.rows[1].cells[3].text == "<img src=x onerror=alert(1)> 1"
    assert any(p.startswith(load_texts().questions[0].short) and "Stap 1" in p for p in texts)
    styles = {p.style.name for p in doc.paragraphs}
    assert "Title" in styles and "List Bullet" in styles


def test_scan_markdown_escapes_markup_and_keeps_10000_characters():
    long_answer = "x" * 10_000
    md = scan_markdown(filled_state(long_answer, evidence="**vet** [link](http://a)"))
    assert render(md).startswith("<h1>OCA-scan: Laadpalen &lt;b&gt;wijk&lt;/b&gt;</h1>")
    assert not has_markup(md)
    assert "**vet** [link](http://a)" in render(md)  # the learner's evidence, as typed
    assert md.count("x" * 10_000) == 6


def test_empty_scan_and_workbook_export(data_home):
    from verbinding.export import workbook_docx, workbook_markdown
    from verbinding.workbook import Workbook

    assert len(export_blocks({})) == 1
    wb = Workbook.open("test-dossier")
    wb.set_module("eigen_dossier", filled_state("Mijn antwoord"))
    md = workbook_markdown(wb)
    assert "OCA-scan: Laadpalen" in md and "Mijn antwoord 6" in md
    assert workbook_docx(wb)[:2] == b"PK"


def test_answers_for_removed_questions_stay_in_the_export():
    state = {"questions": {"oude_vraag": {"answer": "Bewaard antwoord", "score": 2}}}
    md = to_markdown(export_blocks(state))
    assert "Bewaard antwoord" in md and "oude_vraag" in md


def test_scan_filename_is_safe():
    assert scan_filename({"title": "Laadpalen / Wijk <3>"}, "docx") == "oca-scan-laadpalen-wijk-3.docx"
    assert scan_filename({}, "md") == "oca-scan.md"
    assert scan_filename({"title": "../../etc"}, "md") == "oca-scan-etc.md"


# ----- a trainer's bad edit ------------------------------------------------------------------


@pytest.fixture
def edit_catalogue(edit_texts):
    return lambda change: edit_texts("dossier.yaml", change)


@pytest.mark.parametrize(
    "change, expected",
    [
        (set_at(("questions", 2, "pillar"), "verbinding"), ["vraag 3", "verbinding", "outreach, connection"]),
        (set_at(("questions", 0, "question"), ""), ["vraag 1", "question"]),
        (set_at(("questions", 1, "id"), "dimensions"), ["dimensions", "twee keer"]),
        (set_at(("questions", 4, "id"), "Belangen afweging"), ["vraag 5", "kleine letters"]),
        (set_at(("questions", 5), "losse zin"), ["vraag 6"]),
        (set_at(("questions",), []), ["geen vragen"]),
        (set_at(("pillars", 1, "id"), "verbinding"), ["verbinding", "outreach, connection en accountability"]),
        (set_at(("scale",), "heel goed"), ["scale", "lijst"]),
        (set_at(("scale",), ["a"] * 11), ["scale", "2 tot 10"]),
        (lambda data: data.pop("questions"), ["ontbreekt", "questions"]),
    ],
)
def test_bad_catalogue_edit_gives_a_dutch_message(edit_catalogue, change, expected):
    edit_catalogue(change)
    with pytest.raises(DossierTextsError) as info:
        load_texts()
    message = str(info.value)
    assert "dossier.yaml" in message
    for part in expected:
        assert part in message


def test_yaml_syntax_error_is_reported_with_line(edit_catalogue):
    edit_catalogue("questions:\n  - id: a\n   pillar: : x\n")
    with pytest.raises(DossierTextsError) as info:
        load_texts()
    assert "dossier.yaml" in str(info.value) and "regel" in str(info.value)


def test_trainer_can_reword_a_question(edit_catalogue):
    edit_catalogue(set_at(("questions", 0, "question"), "Welke kanten heeft je dossier?"))
    texts = load_texts()
    assert texts.question("dimensions").question == "Welke kanten heeft je dossier?"
    md = scan_markdown({"questions": {"dimensions": {"answer": "Veel", "score": 3}}})
    assert "Welke kanten heeft je dossier?" in md


def test_hints_from_a_real_connection_state():
    from verbinding.modules.connection import ConnectionWork

    empty = ConnectionWork.from_dict({}).to_dict()
    assert "counter_voice" not in module_hints({"connection": empty}) or \
        "module 3" in module_hints({"connection": empty})["counter_voice"][0]
    work = ConnectionWork.from_dict({
        "invitations": [{"org_id": "o1", "name": "Stichting Groen Dorp", "reason": "Weet veel van natuur"}],
        "counter_voice": {"whom": "Bewoners die tegen zijn", "steps": ["opties"]},
    }).to_dict()
    hints = module_hints(json.loads(json.dumps({"connection": work})))
    assert "Stichting Groen Dorp" in hints["new_connections"][0]
    assert hints["counter_voice"] == [dossier.t("dossier.hints.connection_counter_voice")]


def test_one_score_in_a_pillar_is_no_average():
    """Walk finding: 'gemiddeld 4,0 van 5' for a single score."""
    scan = DossierScan()
    scan.set_score("feedback", 4)
    summary = scan.summary()
    assert "score 4 van 5" in summary and "gemiddeld" not in summary
    scan.set_score("weighing", 3)
    assert "gemiddeld 3,5 van 5" in scan.summary()


def test_a_high_feedback_score_is_compared_with_module_4():
    """Walk finding: a self-score of 5 for terugkoppeling while module 4 shows that few heard back."""
    from verbinding.modules.accountability import Sources

    model = AccountabilityModel()
    parties = tuple({"org_id": f"o{k}", "name": f"Partij {k}", "origin": "outreach", "source": "overleg"}
                    for k in range(4))
    model.sync_sources(Sources(parties, (), "outreach", frozenset()))
    model.set_feedback("org:o0", given="ja", how="brief", when="mei", what="besluit")
    scan = DossierScan()
    scan.course_modules = {"accountability": model.to_dict()}
    scan.set_score("feedback", 5)
    remarks = [c for c in scan.checks("feedback") if c.kind == "feedback_score_high"]
    assert len(remarks) == 1 and remarks[0].ok  # a remark to think about, not missing work
    assert ("je geeft jezelf 5 van 5, maar in de oefencasus (module 4) hoorde nog maar 1 van de 4 in je afweging "
            "iets terug") in remarks[0].text
    scan.set_score("feedback", 2)  # a modest score: nothing to remark
    assert not [c for c in scan.checks("feedback") if c.kind == "feedback_score_high"]
    scan.set_score("feedback", 5)
    for k in range(1, 3):  # 3 of 4 heard back: the high score fits
        model.set_feedback(f"org:o{k}", given="ja", how="brief", when="mei", what="besluit")
    scan.course_modules = {"accountability": model.to_dict()}
    assert not [c for c in scan.checks("feedback") if c.kind == "feedback_score_high"]
    empty = AccountabilityModel()
    empty.sync_sources(Sources(parties, (), "outreach", frozenset()))
    scan.course_modules = {"accountability": empty.to_dict()}
    (remark,) = [c for c in scan.checks("feedback") if c.kind == "feedback_score_high"]
    assert "hoorde nog niemand in je afweging iets terug" in remark.text
    scan.course_modules = None  # without module 4 there is nothing to compare with
    assert [c.kind for c in scan.checks("feedback") if c.kind == "feedback_score_high"] == []


def test_a_tie_for_lowest_is_named_as_a_tie():
    """Walk finding: 'Je laagste score: …' while another question was also 1."""
    texts = load_texts()
    scan = DossierScan(texts)
    scan.set_score("dimensions", 1)
    scan.set_score("feedback", 1)
    scan.set_score("weighing", 3)
    summary = scan.summary()
    both = f"{texts.question('dimensions').short} en {texts.question('feedback').short}"
    assert f"Je laagste scores, even laag: {both} (elk 1 van 5)" in summary, summary
    assert "Je laagste score:" not in summary


def test_a_question_not_started_asks_for_nothing_on_the_page_but_stays_to_do():
    scan = DossierScan(load_texts())
    assert not scan.started("dimensions") and scan.shown_checks("dimensions") == []
    assert any(c.kind == "no_answer" for c in scan.checks("dimensions"))  # the to-do list still has it
    scan.set_text("dimensions", "when", "mei")
    assert scan.started("dimensions") and any(c.kind == "no_answer" for c in scan.shown_checks("dimensions"))
