"""Afronding: the learner's path from the workbook and the bewijs van deelname."""

from __future__ import annotations

import html
import io
from datetime import date
from types import SimpleNamespace

import pytest

from verbinding.course import MODULES, module
from verbinding.modules import afronding as closing
from verbinding.modules.afronding import (
    ClosingWork,
    certificate_docx,
    certificate_filename,
    course_path,
    done_modules,
    dutch_date,
    module_statuses,
)
from verbinding.texts import t
from verbinding.workbook import MODULE_IDS, Workbook


def test_the_closing_module_is_on_the_course_map():
    assert MODULES[-1].id == "afronding" and "afronding" in MODULE_IDS
    assert module("afronding").notebook == "07_afronding.ipynb" and module("afronding").minutes == 10


def test_dutch_date_and_filename():
    assert dutch_date(date(2026, 12, 2)) == "2 december 2026"
    assert certificate_filename("  Sam   de Vriës ") == "bewijs-van-deelname-sam-de-vries.docx"
    assert certificate_filename("") == "bewijs-van-deelname.docx"


def workbook_with_work(home):
    wb = Workbook.open("afronding-1", home=home)
    wb.set_module("outreach", {"dimensions": [{"id": "water", "name": "Water"}], "gaps": [{"rule": "x"}]})
    wb.set_module("drempels", {"answers": {"s1": "b"}, "kennischeck": {"answers": {"q": 1}, "correct": 1, "total": 3}})
    wb.set_module("eigen_dossier", {"version": 1, "title": "Laadpalen", "questions": {
        "dimensions": {"answer": "Wonen en natuur", "evidence": "", "score": 2, "next_step": "Huurders bellen", "when": "maart"},
    }})
    return wb


def test_path_and_statuses_come_from_the_workbook(data_home):
    wb = workbook_with_work(data_home)
    modules = wb.document["modules"]
    lines = {line.id: line for line in module_statuses(wb.document)}
    assert "afronding" not in lines
    assert lines["drempels"].status == "started" and lines["connection"].status == "not_started"
    assert lines["drempels"].quiz_label == "1 van de 1 beantwoorde vraag goed; 2 vragen nog open"  # column Kennischeck
    path = course_path(modules)
    assert len(path) == 6
    first = path[0]
    assert first.answer == "Wonen en natuur" and first.score.startswith("2 - ")
    assert any("Water" in hint for hint in first.found), "what the case module showed"
    assert closing.next_steps(path) == [f"{first.short}: Huurders bellen (wanneer: maart)"]


def all_answers(module_id: str) -> dict:
    """A kennischeck with every question answered (rightly)."""
    from verbinding.quiz import KnowledgeCheckModel

    model = KnowledgeCheckModel.load(module_id)
    for item in model.items:
        model.answer(item.id, item.right)
    return model.to_dict()


def test_is_complete_is_used_when_a_module_offers_it(monkeypatch):
    import verbinding.modules.drempels as barriers

    monkeypatch.setattr(barriers, "is_complete", lambda state: bool(state.get("done")), raising=False)
    # the work complete, the kennischeck not done: almost, not "afgerond"
    assert closing.module_status("drempels", {"done": True}) == "quiz"
    assert closing.module_status("drempels", {"done": True, "kennischeck": all_answers("drempels")}) == "complete"
    assert closing.module_status("drempels", {"x": 1}) == "started"
    assert closing.module_status("drempels", {}) == "not_started"


@pytest.fixture
def every_started_module_complete(monkeypatch):
    """Treat the hand-made module states as complete (each module's own check is tested with it)."""
    import verbinding.progress as progress

    monkeypatch.setattr(progress, "state_of", lambda state, _id, _modules=None: progress.DONE if state else progress.OPEN)


def test_certificate_lists_only_completed_modules(data_home):
    lines = module_statuses(workbook_with_work(data_home).document)
    assert [line.status for line in lines if line.status != "not_started"] == ["started"] * 3
    assert done_modules(lines) == []  # started is not done: the certificate never claims more


def test_certificate_names_learner_date_and_modules(data_home, every_started_module_complete):
    from docx import Document

    wb = workbook_with_work(data_home)
    lines = module_statuses(wb.document)
    data = certificate_docx("Sam de Vries", lines, date(2026, 3, 5), {"drempels": 40})
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "Bewijs van deelname"
    assert "Sam de Vries heeft deelgenomen" in text and "Datum: 5 maart 2026" in text
    titles = [row.cells[0].text for row in doc.tables[0].rows[1:]]
    assert titles == [module("drempels").title, f"{module('outreach').title} (casus Klimaatadaptatie)",
                      module("eigen_dossier").title]
    assert doc.tables[0].rows[1].cells[2].text == "40 minuten"
    assert "geen diploma" in text


def test_closing_view_saves_name_and_downloads(data_home, every_started_module_complete):
    pytest.importorskip("ipywidgets")
    from docx import Document

    from verbinding.modules.afronding.view import ClosingExercise

    wb = workbook_with_work(data_home)
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    assert view.download.disabled and "Typ eerst je naam" in html.unescape(view.certificate_status.value)
    assert "Wonen en natuur" in html.unescape(view.path.value)
    assert "Huurders bellen" in html.unescape(view.steps.value)
    view.name.value = "Sam de Vries"
    view.reflection.value = "Eerst de bedoeling"
    assert wb.module("afronding") == {"version": 1, "name": "Sam de Vries", "reflection": "Eerst de bedoeling"}
    assert not view.download.disabled
    assert "3 modules" in html.unescape(view.certificate_status.value) and "2 december 2026" in view.certificate_status.value
    filename, data = view._certificate()
    assert filename == "bewijs-van-deelname-sam-de-vries.docx"
    assert "Sam de Vries" in Document(io.BytesIO(data)).paragraphs[1].text
    wb.set_module("connection", {"insiders": ["a"]})  # work in another module shows at once
    assert "3 modules" not in view.certificate_status.value
    assert ClosingWork.from_dict({"name": 5}).name == ""


def test_path_summary_reads_naturally_for_none_some_and_all():
    # seen in the walk: "Je rondde 0 modules van de 7 af. ... 2 van de 6 OCA-vragen, met 0 volgende stappen."
    lines = [closing.ModuleLine(f"m{k}", f"Module {k}", "started") for k in range(7)]
    path = [closing.QuestionPath("outreach", f"Vraag {k}", f"V{k}", answer="ja" if k < 2 else "") for k in range(6)]
    text = closing.path_summary(path, lines)
    assert text == ("Je hebt nog geen van de 7 modules helemaal afgerond. In je eigen dossier beantwoordde je "
                    "2 van de 6 OCA-vragen, nog zonder volgende stap.")
    lines[0] = closing.ModuleLine("m0", "Module 0", "complete")
    path[0] = closing.QuestionPath("outreach", "Vraag 0", "V0", answer="ja", next_step="bellen", when="mei")
    assert closing.path_summary(path, lines).startswith("Je rondde 1 van de 7 modules af.")
    assert closing.path_summary(path, lines).endswith(", met 1 volgende stap.")
    done = [closing.ModuleLine(f"m{k}", f"Module {k}", "complete") for k in range(7)]
    empty = [closing.QuestionPath("outreach", f"Vraag {k}", f"V{k}") for k in range(6)]
    assert closing.path_summary(empty, done) == ("Je rondde alle 7 modules af. In je eigen dossier beantwoordde je "
                                                 "nog geen van de 6 OCA-vragen, nog zonder volgende stap.")


def test_no_check_is_not_a_check_not_done_and_begun_is_not_practised(data_home):
    """Walk findings: 'kennischeck nog niet gedaan' for Kennismaken, which has no check; the
    certificate listed all five skills as practised while four modules were only begun."""
    from verbinding.document import to_markdown

    lines = module_statuses(workbook_with_work(data_home).document)
    by_id = {line.id: line for line in lines}
    assert by_id["kennismaken"].quiz_label == "geen kennischeck in deze module"
    assert by_id["connection"].quiz_label == "nog niet gedaan"
    text = to_markdown(closing.certificate_blocks("Sam", lines, date(2026, 3, 5)))
    assert "geoefend" not in text, "nothing finished, so nothing is vouched for"
    lines = [closing.ModuleLine(line.id, line.title, "complete" if line.id == "outreach" else line.status)
             for line in lines]
    text = to_markdown(closing.certificate_blocks("Sam", lines, date(2026, 3, 5)))
    assert "expertise en draagvlak" in text
    assert "drempels" not in text.split("geoefend", 1)[1] and "eigen dossier" not in text.split("geoefend", 1)[1]


def test_switching_case_hides_no_work_and_claims_none(data_home, every_started_module_complete):
    """Walk finding: modules 2-4 done in Klimaatadaptatie, case switched to Vergrijzing: the
    Afronding said 'nog niet begonnen', 'Je rondde 2 van de 8 modules af' and the certificate
    listed only Kennismaken and module 6."""
    from docx import Document

    from verbinding import progress

    wb = workbook_with_work(data_home)
    wb.set_module("connection", {"insiders": ["a"], "kennischeck": {"answers": {"q": 1}, "correct": 1, "total": 3}})
    wb.case = "vergrijzing"
    wb.set_module("accountability", {"weights": ["x"]})  # begun in the new case only
    lines = {line.id: line for line in module_statuses(wb.document)}
    assert lines["outreach"].status == "complete" and lines["connection"].status == "complete"
    assert lines["outreach"].full_title.endswith("(casus Klimaatadaptatie)")
    assert lines["connection"].quiz_label != "nog niet gedaan"
    assert lines["accountability"].full_title.endswith("(casus Vergrijzing)")
    assert lines["echte_agendas"].status == "not_started" and lines["echte_agendas"].case == ""
    assert closing.path_summary([], list(lines.values())).startswith("Je rondde 5 van de 8 modules af.")
    doc = Document(io.BytesIO(certificate_docx("Sam", list(lines.values()), date(2026, 3, 5))))
    titles = [row.cells[0].text for row in doc.tables[0].rows[1:]]
    assert f"{module('connection').title} (casus Klimaatadaptatie)" in titles
    # the course map counts the work too, and says where it is
    assert progress.module_status(wb, "outreach") == "afgerond (casus Klimaatadaptatie)"
    assert progress.module_status(wb, "accountability") == "afgerond"
    assert "outreach" in progress.done_modules(wb)
    wb.case = "klimaatadaptatie"  # switching back: the same work, no case named
    assert progress.module_status(wb, "outreach") == "afgerond"


def test_work_in_no_case_is_never_claimed(data_home):
    wb = Workbook.open("afronding-2", home=data_home)
    wb.case = "vergrijzing"
    lines = {line.id: line for line in module_statuses(wb.document)}
    assert all(line.status == "not_started" and not line.case for line in lines.values())
    assert [line.full_title for line in done_modules(list(lines.values()))] == []


def test_closing_view_shows_work_of_another_case(data_home, every_started_module_complete):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise

    wb = workbook_with_work(data_home)
    wb.case = "vergrijzing"
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    text = html.unescape(view.modules.value)
    assert "(casus Klimaatadaptatie)" in text
    assert "Water" in html.unescape(view.path.value), "what module 2 showed, though done in the other case"


# ----- what a learner checks on the route: where each line comes from, the conversations, the reaction


def test_the_learners_own_partners_are_not_called_the_case():
    modules = {"kennismaken": {"dossier": "Laadpalen", "partners": ["LTO Nederland", "VNG"]},
               "connection": {"invited": ["Bewonersnetwerk Oost"]}}
    question = next(p for p in course_path(modules) if "LTO Nederland" in " ".join(p.own_found))
    assert not any("LTO Nederland" in line for line in question.found), "own partners are no case finding"
    assert any("Bewonersnetwerk Oost" in line for line in question.found), "the case's invitations are"
    only_own = next(p for p in course_path({"kennismaken": {"partners": ["VNG"]}}) if p.own_found)
    assert only_own.found == []


def test_the_route_labels_own_work_and_case_apart(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise

    wb = Workbook.open("afronding-eigen", home=data_home)
    wb.set_module("kennismaken", {"dossier": "Laadpalen", "partners": ["LTO Nederland"], "description": "", "missing": ""})
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    page = html.unescape(view.path.value)
    item = next(part for part in page.split("<li><p>") if "LTO Nederland" in part)
    assert "Over je eigen werk (bij Kennismaken)" in item
    assert item.index("Over je eigen werk") < item.index("LTO Nederland")
    assert "In de casus" not in page


def _walk(dialogue, judgement):
    from verbinding.modules import gesprekken as talk

    practice = talk.Practice()
    talk.start_walk(practice)
    while practice.current.ending is None:
        step = dialogue.steps[talk.position(practice.current, dialogue)]
        talk.choose(practice, dialogue, next(i for i, c in enumerate(step.choices) if c.judgement == judgement))
    return practice


def test_the_conversations_are_on_the_route_by_their_idea_with_the_first_try_that_counts():
    # a learner's walk: the module said 'Je eerste keer ... telt', the Afronding 'De laatste keer: ...'.
    # Both now say the module's own rule: the first walk counts.
    from verbinding.modules import gesprekken as talk

    dialogues = {d.id: d for d in talk.all_dialogues()[0]}
    chairing = _walk(dialogues["voorzitten"], "zwak")
    second = _walk(dialogues["voorzitten"], "sterk")
    chairing.walks += second.walks  # tried again, all strong
    chairing.response = "Ik nodig de bewonersgroep uit en plan tijd voor hun alternatieve voorstellen in het verslag."
    state = {"dialogues": {"voorzitten": chairing.to_dict(),
                           "terugkoppelen": {"walks": [{"choices": [["start", 0]], "ending": None}]}}}
    from verbinding.modules.eigen_dossier import load_texts

    by_id = {q.id: p for q, p in zip(load_texts().questions, course_path({"gesprekken": state}), strict=True)}
    counter = " ".join(by_id["counter_voice"].conversations)
    assert "tot het einde" in counter and "Je eerste keer, die telt: 3 keuzes zwak, 0 sterk, 0 redelijk." in counter
    assert "Je oefende het 2 keer." in counter and "laatste" not in counter
    view_rule = t("gesprekken.view.walk_number", number=2)
    assert "eerste keer" in view_rule and "telt" in view_rule, "the module says the same rule"
    assert "Je schreef er ook een antwoord bij." in counter
    feedback = " ".join(by_id["feedback"].conversations)
    assert "nog niet tot het einde" in feedback and "sterk" not in feedback, "begun is not claimed as played"
    assert by_id["alternatives"].conversations == [], "a conversation never begun is not on the route"
    assert all(not p.conversations for p in course_path({}))


@pytest.mark.parametrize(("text", "says", "never"), [
    ("", "", "Bewaard"),
    ("Eerst de bedoeling", "minstens 12 woorden", "Je noemt"),
    ("Ik ga volgende week mijn collega Ans bellen om de bewonersgroep uit te nodigen voor ons overleg.",
     "Je noemt wat je gaat doen (“bellen”), met wie (“collega”) en wanneer (“volgende week”). Zo is het een concreet plan.",
     "nog niet"),
    ("Ik vond de cursus nuttig en ik denk dat ik voortaan breder ga kijken naar wie er aan tafel zit.",
     "Je noemt nog niet wat je gaat doen, bijvoorbeeld bellen of uitnodigen, met wie en wanneer.", "Je noemt wat"),
    ("Op 12 maart schrijf ik in mijn notitie welke belangen zwaarder wogen en waarom, voor de lobbyparagraaf.",
     "Je noemt wat je gaat doen (“schrijf”) en wanneer (“maart”). Je noemt nog niet met wie.", "concreet plan"),
])
def test_what_you_take_along_gets_a_reaction_that_fits_the_text(text, says, never):
    reaction = closing.reflection_reaction(text)
    assert says in reaction
    assert never not in reaction


def test_the_closing_view_reacts_to_what_you_take_along(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise

    wb = Workbook.open("afronding-reactie", home=data_home)
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    view.reflection.value = "Ik bel morgen de fietsersvereniging en vraag wie er nog meer aan tafel hoort bij ons plan."
    status = html.unescape(view.status.value)
    assert status.startswith('<p role="status">Bewaard. Je noemt wat je gaat doen (“bel”)')
    assert "wanneer (“morgen”)" in status and status != '<p role="status">Bewaard.</p>'


def practice_case_workbook(home):
    """A workbook with practice-case work in modules 2-4 and partners from Kennismaken: every
    kind of reminder module 5 gives ('In de oefencasus (module N) ...')."""
    wb = Workbook.open("afronding-route", home=home)
    wb.set_module("kennismaken", {"dossier": "Laadpalen", "partners": ["LTO Nederland"], "description": "", "missing": ""})
    wb.set_module("outreach", {"dimensions": [{"id": "water", "name": "Water"}], "gaps": [{"rule": "x"}]})
    wb.set_module("connection", {"invited": ["Bewonersnetwerk Oost"], "counter_voice": {"whom": "Huurders"}})
    wb.set_module("accountability", {"interests": [{"name": "Waterschap", "weight": "meer"}], "draft": "Tekst."})
    return wb


def test_the_route_says_in_de_oefencasus_once_per_line(data_home):
    # A learner's walk: 'In de oefencasus' as the label, then 'In de oefencasus (module 2)
    # noemde je ...' under it. The label says where a line comes from; the line does not repeat it.
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise
    from verbinding.modules.eigen_dossier import module_hints

    wb = practice_case_workbook(data_home)
    modules = wb.document["modules"]
    assert any(hint.startswith("In de oefencasus (module 2)") for hints in module_hints(modules).values()
               for hint in hints), "module 5 keeps its wording"
    path = course_path(modules)
    lines = [line for item in path for line in item.found + item.own_found]
    assert len([line for item in path for line in item.found]) >= 6
    assert not [line for line in lines if "oefencasus" in line.casefold()]
    assert not [line for item in path for line in item.own_found if "kennismaken" in line.casefold()]
    assert any(line.startswith("In module 2 noemde je deze maatschappelijke dimensies (1): Water") for line in lines)
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    for item in html.unescape(view.path.value).split("<li><p>")[1:]:
        assert item.count("In de oefencasus") == 1, item
        assert item.casefold().count("kennismaken") <= 1, item


def test_route_lines_never_put_two_numbers_side_by_side_and_reactions_quote_whole_phrases():
    # seen on the page: 'Je gaf in module 4 2 van de 2 belangen een gewicht', and 'wanneer' quoting only 'volgende'
    modules = {"accountability": {"interests": [{"name": "Waterschap", "weight": "meer"}, {"name": "Buurt", "weight": "minder"}]}}
    lines = [line for item in course_path(modules) for line in item.found]
    assert "In module 4 gaf je 2 van de 2 belangen een gewicht." in lines
    assert not [line for line in lines if any(f"module {n} {m}" in line for n in range(10) for m in range(10))]
    reaction = closing.reflection_reaction("Ik bel volgende week de huurdersbond en nodig ze uit voor het overleg.")
    assert "wanneer (“volgende week”)" in reaction
    reaction = closing.reflection_reaction("Ik neem contact op met de wethouder voor de zomervakantie over de wijk en de bewoners.")
    assert "(“neem contact”)" in reaction and "(“voor de zomervakantie”)" in reaction


@pytest.mark.parametrize(("text", "word"), [
    # a learner's walk: 'PAS-melders, dorpsraden en iedereen die inbreng gaf' got 'Je noemt nog niet met wie.'
    ("Ik neem mee dat ik de PAS-melders, dorpsraden en iedereen die inbreng gaf volgende maand een terugkoppeling stuur.",
     "PAS-melders"),
    ("Ik wil bij het volgende dossier eerder de boeren en de natuurorganisaties uitnodigen, al in maart.", "boeren"),
    ("Na de zomer vraag ik de bewoners van de wijk en hun huurdersbond wat zij van het plan vinden.", "bewoners"),
    ("Ik ga voortaan ook iedereen die een zienswijze stuurde persoonlijk laten weten wat we ermee deden.", "iedereen"),
    ("Volgende week bel ik de insprekers van de vorige ronde om te vragen wat ze missen in ons plan.", "insprekers"),
    ("In januari organiseer ik een avond voor jongeren en ouderen uit het dorp, want die hoorden we nooit.",
     "jongeren"),
    ("Ik nodig in het voorjaar ook de melkveehouders en de dorpsraad uit voor een gesprek over de stikstof.",
     "melkveehouders"),
    ("Ik vraag LTO en Natuurmonumenten deze week om samen met ons de vragen voor de avond te maken.", "LTO"),
    ("- Bellen met de ambtenaren van het waterschap over wie er nog ontbreekt in onze lijst, voor 1 mei.",
     "ambtenaren"),
])
def test_what_you_take_along_recognises_groups_named_in_plain_words(text, word):
    reaction = closing.reflection_reaction(text)
    assert f"met wie (“{word}”)" in reaction, reaction
    assert "nog niet met wie" not in reaction


@pytest.mark.parametrize("text", [
    "Ik ga de OCA-vragen voortaan bij elk nieuw dossier gebruiken, vanaf maart, want dat helpt me echt.",
    "Ik schrijf in mijn notitie welke cijfers en kaders ik anders ga lezen, twee weken geleden begonnen.",
    "Ik zou de cursus aanraden, want ik wisten niet dat de stakeholderlijst zo veel mist in de dossiers.",
])
def test_what_you_take_along_names_nobody_when_no_one_is_named(text):
    assert "nog niet" in closing.reflection_reaction(text) and "met wie (“" not in closing.reflection_reaction(text)
