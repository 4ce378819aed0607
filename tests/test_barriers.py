"""Module 1 (drempels): scenarios, feedback, self-assessment, chart, export, bad catalogue edits."""

from __future__ import annotations

import io
import math

import pytest
from _catalogue_edit import set_at
from _markdown import has_markup, render

from verbinding.document import to_docx, to_markdown
from verbinding.modules import drempels as barriers
from verbinding.modules.drempels import (
    BARRIER_IDS,
    Barrier,
    BarrierExercise,
    BarrierTexts,
    BarrierTextsError,
    Scenario,
    export_blocks,
    load_texts,
)
from verbinding.texts import t


def small_texts() -> BarrierTexts:
    """A hand-made catalogue: one scenario per barrier, a 4-step scale."""
    return BarrierTexts(
        barriers=(
            Barrier("speelveld", "Ongelijk speelveld", "uitleg s", "tip speelveld"),
            Barrier("insiders", "Kern van insiders", "uitleg i", "tip insiders"),
            Barrier("ruimte", "Beperkte ruimte", "uitleg r", "tip ruimte"),
        ),
        scenarios=(
            Scenario("a", "Bedrijven sturen lange reacties.", "speelveld", "Uitleg A."),
            Scenario("b", "Steeds dezelfde vier.", "insiders", "Uitleg B.", also=("ruimte",)),
            Scenario("c", "Baas wil geen critici.", "ruimte", "Uitleg C."),
        ),
        scale=("niet", "beetje", "duidelijk", "sterk"),
    )


# ----- the shipped catalogue ------------------------------------------------------------


def test_shipped_catalogue_has_three_barriers_and_usable_scenarios():
    texts = load_texts()
    assert [b.id for b in texts.barriers] == list(BARRIER_IDS)
    assert len(texts.scenarios) >= 6
    answers = {s.answer for s in texts.scenarios}
    assert answers == set(BARRIER_IDS), "every barrier needs at least one scenario"
    for scenario in texts.scenarios:
        assert len(scenario.explanation) > 40
        assert scenario.answer not in scenario.also
    assert len({s.id for s in texts.scenarios}) == len(texts.scenarios)
    assert texts.scale_max >= 3


def test_shipped_scenarios_use_fictional_organisations_only():
    # A proper name inside a sentence (two capitalised words) must be marked "verzonnen".
    import re

    for scenario in load_texts().scenarios:
        if re.search(r"[a-z,)] '?[A-Z]\w+ [A-Z]\w+", scenario.text):
            assert "verzonnen" in scenario.text, scenario.id


# ----- classification and feedback ------------------------------------------------------


def test_correct_partial_and_wrong_feedback_explains_and_names_the_barrier():
    model = BarrierExercise(small_texts())
    right = model.classify("b", "insiders")
    assert right.verdict == "correct"
    assert "Kern van insiders" in right.text and "Uitleg B." in right.text

    partial = model.classify("b", "ruimte")
    assert partial.verdict == "partial"
    assert "Beperkte ruimte" in partial.text and "Kern van insiders" in partial.text
    assert "Uitleg B." in partial.text

    wrong = model.classify("b", "speelveld")
    assert wrong.verdict == "wrong"
    assert "Ongelijk speelveld" in wrong.text and "Kern van insiders" in wrong.text
    assert wrong.text != right.text != partial.text


def test_every_shipped_scenario_gives_three_different_feedbacks():
    texts = load_texts()
    model = BarrierExercise(texts)
    for scenario in texts.scenarios:
        seen = {model.classify(scenario.id, choice).text for choice in BARRIER_IDS}
        assert len(seen) == 3
        assert model.feedback(scenario.id).verdict in {"correct", "partial", "wrong"}


def test_progress_counts_and_clearing_an_answer():
    model = BarrierExercise(small_texts())
    assert model.progress()["answered"] == 0
    model.classify("a", "speelveld")
    model.classify("b", "ruimte")
    model.classify("c", "insiders")
    counts = model.progress()
    assert counts == {"answered": 3, "correct": 1, "partial": 1, "wrong": 1, "total": 3}
    assert "3" in model.progress_text()
    model.classify("c", None)
    assert model.progress()["answered"] == 2
    assert model.feedback("c") is None


def test_unknown_scenario_or_barrier_is_refused():
    model = BarrierExercise(small_texts())
    with pytest.raises(KeyError):
        model.classify("zzz", "ruimte")
    with pytest.raises(KeyError):
        model.classify("a", "lobby")


# ----- self-assessment, chart and summary -----------------------------------------------


def test_self_assessment_frame_summary_and_tips():
    model = BarrierExercise(small_texts())
    assert "nog niet" in model.assessment_summary().lower()
    model.rate("insiders", 4)
    model.rate("speelveld", 2)
    frame = model.assessment_frame()
    assert list(frame["barrier"]) == list(BARRIER_IDS)
    assert frame.set_index("barrier").loc["insiders", "score"] == 4
    assert math.isnan(frame.set_index("barrier").loc["ruimte", "score"])
    summary = model.assessment_summary()
    assert "Kern van insiders" in summary and "2 van de 3" in summary
    # Every scored barrier gets a response: a tip from the middle up, a question below it,
    # and a prompt for the example that is still missing.
    assert model.tips() == [
        t("barriers.assessment.low", barrier="Ongelijk speelveld"),
        t("barriers.assessment.score_without_note", barrier="Ongelijk speelveld"),
        "Kern van insiders: tip insiders",
        t("barriers.assessment.score_without_note", barrier="Kern van insiders"),
    ]
    model.set_note("ruimte", "De minister wil snel resultaat.")
    assert t("barriers.assessment.note_without_score", barrier="Beperkte ruimte") in model.tips()
    with pytest.raises(ValueError):
        model.rate("ruimte", 5)
    model.rate("insiders", None)
    assert "insiders" not in model.ratings


def test_chart_renders_offline_from_three_rows():
    from _charts import chart_svg

    model = BarrierExercise(small_texts())
    model.rate("ruimte", 3)
    chart = barriers.assessment_chart(model.assessment_frame(), scale_max=4)
    values = chart["data"]["values"]
    assert len(values) == 3
    assert {v["name"]: v["score"] for v in values}["Beperkte ruimte"] == 3
    svg = chart_svg(chart)
    assert svg.startswith("<svg") and "Beperkte ruimte" in svg


# ----- state ----------------------------------------------------------------------------


def test_state_round_trip_and_json():
    import json

    model = BarrierExercise(small_texts())
    model.classify("a", "insiders")
    model.rate("speelveld", 3)
    model.set_note("speelveld", "Bedrijven schrijven mee, bewoners niet.")
    model.set_dossier("Laadpalen")
    state = json.loads(json.dumps(model.to_dict()))
    again = BarrierExercise.from_dict(state, small_texts())
    assert again.to_dict() == model.to_dict()


@pytest.mark.parametrize(
    "state",
    [None, {}, {"answers": "x"}, {"answers": {"a": "lobby", "b": None}},
     {"ratings": {"speelveld": "hoog", "insiders": True, "ruimte": -1, "x": 3}},
     {"notes": ["lijst"], "dossier": 12}],
)
def test_from_dict_is_tolerant(state):
    model = BarrierExercise.from_dict(state, small_texts())
    assert model.answers == {} and model.ratings == {}
    assert model.dossier == "" and model.notes == {}


def test_answers_to_removed_scenarios_are_kept_and_a_shorter_scale_caps_scores():
    texts = small_texts()
    model = BarrierExercise.from_dict(
        {"answers": {"weg": "ruimte", "a": "speelveld"}, "ratings": {"ruimte": 9}}, texts
    )
    assert model.to_dict()["answers"]["weg"] == "ruimte"
    assert model.progress()["answered"] == 1
    assert model.score("ruimte") == 4  # capped at the 4-step scale, value kept in state
    assert model.to_dict()["ratings"]["ruimte"] == 9
    md = to_markdown(export_blocks(model.to_dict()))
    assert "weg" in md


# ----- export ---------------------------------------------------------------------------


def _docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return paragraphs, cells


def test_export_to_word_and_markdown_keeps_html_and_long_text_as_plain_text():
    texts = load_texts()
    model = BarrierExercise(texts)
    first = texts.scenarios[0]
    model.classify(first.id, first.answer)
    script = "<script>alert('x')</script> **vet** # kop"
    long_note = "lang " * 2000  # 10,000 characters
    model.set_dossier(script)
    model.rate("speelveld", texts.scale_max)
    model.set_note("speelveld", long_note)
    model.set_note("ruimte", script)
    blocks = export_blocks(model.to_dict())

    paragraphs, cells = _docx_text(to_docx(blocks, title="Test"))
    flat = [c for row in cells for c in row]
    assert first.text in " ".join(flat)
    assert any(script in c for c in flat), "HTML comes out literally in Word"
    assert long_note in flat, "10,000 characters survive in Word"
    assert any(script in p for p in paragraphs)

    md = to_markdown(blocks)
    assert not has_markup(md) and "&lt;script&gt;" in render(md)  # text, as typed
    assert md.count("lang") >= 2000


def test_export_of_empty_state_says_so_and_workbook_export_includes_module(data_home):
    from verbinding.export import workbook_markdown
    from verbinding.workbook import Workbook

    assert len(export_blocks({})) == 1
    wb = Workbook.open("test-drempels")
    model = BarrierExercise()
    model.rate("insiders", 2)
    model.set_note("insiders", "Altijd dezelfde koepel")
    wb.set_module("drempels", model.to_dict())
    md = workbook_markdown(wb)
    assert "Altijd dezelfde koepel" in md


# ----- a trainer's bad edit -------------------------------------------------------------


@pytest.fixture
def edit_catalogue(edit_texts):
    return lambda change: edit_texts("barriers.yaml", change)


@pytest.mark.parametrize(
    "change, expected",
    [
        (set_at(("scenarios", 1, "answer"), "lobby"), ["casus 2", "lobby", "speelveld, insiders, ruimte"]),
        (set_at(("scenarios", 0, "explanation"), ""), ["casus 1", "explanation"]),
        (set_at(("scenarios", 2, "id"), "vaste-tafel"), ["vaste-tafel", "twee keer"]),
        (set_at(("scenarios", 3, "also"), ["speelveld", "onbekend"]), ["casus 4", "onbekend"]),
        (set_at(("scenarios", 4), "alleen een zin"), ["casus 5"]),
        (set_at(("scenarios",), []), ["geen casussen"]),
        (set_at(("scenarios",), "geen lijst"), ["scenarios", "lijst"]),
        (set_at(("barriers", 0, "id"), "speelveldje"), ["speelveldje", "speelveld, insiders en ruimte"]),
        (set_at(("barriers", 2, "name"), ""), ["ruimte", "name"]),
        (set_at(("assessment", "scale"), ["alleen"]), ["assessment.scale", "2 tot 10"]),
        (lambda data: data.pop("scenarios"), ["ontbreekt", "scenarios"]),
    ],
)
def test_bad_catalogue_edit_gives_a_dutch_message(edit_catalogue, change, expected):
    edit_catalogue(change)
    with pytest.raises(BarrierTextsError) as info:
        load_texts()
    message = str(info.value)
    assert "barriers.yaml" in message
    for part in expected:
        assert part in message


def test_yaml_syntax_error_is_reported_with_line(edit_catalogue):
    edit_catalogue("scenarios:\n  - id: a\n    text: 'open quote\n  bad: [\n")
    with pytest.raises(BarrierTextsError) as info:
        load_texts()
    assert "barriers.yaml" in str(info.value) and "regel" in str(info.value)


def test_trainer_can_add_a_scenario(edit_catalogue):
    def add(data):
        data["scenarios"].append({"id": "nieuw", "text": "Een nieuwe casus.", "answer": "ruimte",
                                  "explanation": "Omdat het zo is."})
    edit_catalogue(add)
    texts = load_texts()
    assert texts.scenarios[-1].id == "nieuw"
    assert BarrierExercise(texts).classify("nieuw", "ruimte").verdict == "correct"


def test_the_middle_of_the_scale_gets_a_tip_too():
    texts = barriers.load_texts()  # the course's own 5-step scale: 3 is the middle
    model = BarrierExercise(texts)
    model.rate("ruimte", 3)
    model.set_note("ruimte", "Weinig tijd voor overleg.")
    ruimte = texts.barrier("ruimte")
    assert model.tips() == [f"{ruimte.name}: {ruimte.tip}"]


def test_is_complete():
    texts = barriers.load_texts()
    assert not barriers.is_complete({}) and not barriers.is_complete(None)
    model = BarrierExercise(texts)
    model.set_dossier("Laadpalen in woonwijken")
    for scenario in texts.scenarios:
        model.classify(scenario.id, scenario.answer)
    for b in texts.barriers:
        model.rate(b.id, 4)
        model.set_note(b.id, f"Voorbeeld bij {b.name}.")
    assert barriers.is_complete(model.to_dict())
    one_open = model.to_dict()
    one_open["answers"].pop(texts.scenarios[0].id)
    assert not barriers.is_complete(one_open)
    no_note = model.to_dict()
    no_note["notes"].pop("ruimte")
    assert not barriers.is_complete(no_note)
    no_note["ratings"]["ruimte"] = 1  # "speelt niet" needs no example
    assert barriers.is_complete(no_note)


def test_a_single_score_is_summarised_once():
    """Walk finding: 'Het sterkst speelt volgens jou: X (score 4 van 5). X: Speelt sterk (4 van 5).'"""
    model = BarrierExercise(small_texts())
    model.rate("insiders", 4)
    summary = model.assessment_summary()
    assert summary.count("Kern van insiders") == 1, summary
    assert summary.startswith("Je gaf 1 van de 3 drempels een score: Kern van insiders, ")
    assert "(score 4 van " in summary
    for barrier in BARRIER_IDS:
        model.rate(barrier, 3)
    assert model.assessment_summary().startswith("Je gaf alle 3 drempels een score.")


def test_drietrapsraket_says_none_for_a_zero_share():
    """Walk finding: 'is 0% een van de belangengroepen van burgers'."""
    from verbinding.drietrapsraket import Step, group_label

    group = group_label("burgers")
    zero = Step(2, 0.0, 0.2, True).text(group)
    assert zero.startswith(f"Bij de 10% van de organisaties met de meeste contacten zitten geen {group}.") and " 0%" not in zero
    some = Step(2, 0.05, 0.2, True).text(group)
    assert f"hoort 5% bij de {group}" in some and "een van de" not in some
    assert Step(3, 0.0, 0.1, True).text(group).startswith("Van de contacten waar het ministerie zelf het initiatief nam, ging geen enkel contact naar")
    assert Step(1, 0.0, 0.3, False).text(group).startswith(f"Geen van de {group} heeft weinig organiserend vermogen")


def test_a_tie_for_strongest_is_named_as_a_tie():
    """Walk finding: 'Het sterkst speelt volgens jou: Ongelijk speelveld' while insiders also had 5."""
    model = BarrierExercise(small_texts())
    names = {b.id: b.name for b in small_texts().barriers}
    model.rate("speelveld", 4)
    model.rate("insiders", 4)
    model.rate("ruimte", 2)
    summary = model.assessment_summary()
    label = small_texts().scale[3].lower()
    assert f"even sterk: {names['speelveld']} en {names['insiders']}, {label} (elk score 4 van 4)" in summary, summary
    assert "Het sterkst speelt volgens jou" not in summary
    model.rate("insiders", 3)
    assert f"Het sterkst speelt volgens jou: {names['speelveld']}, {label} (score 4" in model.assessment_summary()


def test_the_summary_names_each_barrier_once():
    """Walk finding (issue 28): 'Het sterkst speelt volgens jou: Kern (score 4 van 5). … Kern: Speelt
    sterk (4 van 5).' The strongest barrier is said once, the others after it."""
    texts = load_texts()
    model = BarrierExercise(texts)
    names = {b.id: b.name for b in texts.barriers}
    model.rate("insiders", 4)
    model.rate("speelveld", 2)
    model.rate("ruimte", 3)
    summary = model.assessment_summary()
    for barrier in BARRIER_IDS:
        assert summary.count(names[barrier]) == 1, summary
    assert f"Het sterkst speelt volgens jou: {names['insiders']}, {texts.scale[3].lower()} (score 4 van 5)." in summary
    assert f"{names['speelveld']}: {texts.scale[1]} (2 van 5)." in summary
    model.rate("speelveld", 4)  # a tie: both named once, in the tie
    summary = model.assessment_summary()
    assert all(summary.count(names[b]) == 1 for b in BARRIER_IDS), summary


def test_the_chart_axis_says_1_tot_5_on_one_line():
    """Walk finding (issue 28): the score axis read "(1 tot5)": the title broke inside the brackets."""
    from _charts import texts as drawn_texts

    exercise = BarrierExercise()
    exercise.rate("insiders", 4)
    chart = barriers.assessment_chart(exercise.assessment_frame(), exercise.texts.scale_max)
    for width in (300, 1100):
        shown = drawn_texts(chart, width)
        assert any("(1 tot 5)" in line for line in shown), shown
        assert not any(line.rstrip().endswith("tot") or line.startswith("5)") for line in shown), shown


# ----- walk finding: module 1 spoke above B1 ----------------------------------------------
# Words a new learner stumbled on in module 1; each has a plain Dutch way to say it.
JARGON = ("institutionele", "organiserend vermogen", "capaciteit", "relevante", "andersdenkenden", "inbreng",
          "fulltime", "farmaceutisch", "juridische analyses", "routine", "vertegenwoordigen", "toets dat",
          "internetconsultatie", "wetsvoorstel", "verzendlijst", "bouwnorm", "versterkt zichzelf")


def _learner_strings(node, skip=("errors", "id", "answer", "also")):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _learner_strings(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from _learner_strings(value, skip)


def test_module_1_speaks_plain_dutch():
    """B1: no jargon, short sentences, and the two terms the barriers need explained once."""
    import re

    import yaml

    from verbinding.texts import TEXTS_DIR

    data = yaml.safe_load((TEXTS_DIR / "nl" / "barriers.yaml").read_text(encoding="utf-8"))
    texts = list(_learner_strings(data))
    found = sorted({word for text in texts for word in JARGON if word in text.casefold()})
    assert not found, f"jargon in barriers.yaml: {found}"
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]
    long = [s for s in sentences if len(s.split()) > 20]
    assert not long, long
    summaries = {b["id"]: b["summary"] for b in data["barriers"]}
    assert "heten insiders" in summaries["insiders"]
    assert "Dat bedoelen we met beperkte bestuurlijke en politieke ruimte." in summaries["ruimte"]
