"""Conversation practice: dialogue files a trainer writes, the learner's walks, the view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from verbinding import export, progress
from verbinding.modules import gesprekken as model
from verbinding.modules.gesprekken.view import DialogueExercise
from verbinding.texts import check_texts
from verbinding.ui.page import CoursePage
from verbinding.workbook import Workbook

BUILTIN = model.builtin_folder()


def _raw(name: str = "1_leidinggevende.yaml") -> dict:
    return yaml.safe_load((BUILTIN / name).read_text(encoding="utf-8"))


@pytest.fixture
def course_folder(tmp_path, monkeypatch) -> Path:
    """A trainer's copy of the course: dialogue files go in ``gesprekken/`` beside it."""
    (tmp_path / "index.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / model.FOLDER).mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path / "home"))
    return tmp_path


def _view(code: str = "test-gesprek") -> tuple[DialogueExercise, Workbook]:
    workbook = Workbook.open(code)
    return DialogueExercise(CoursePage("gesprekken", workbook, new_code=False)), workbook


def test_the_three_built_in_conversations_read_without_problems():
    dialogues, problems = model.all_dialogues()
    assert problems == ()
    assert [d.id for d in dialogues] == ["leidinggevende", "voorzitten", "terugkoppelen"]
    for dialogue in dialogues:
        judgements = {c.judgement for s in dialogue.steps.values() for c in s.choices}
        assert judgements == set(model.JUDGEMENTS), f"{dialogue.id}: every kind of choice occurs"
        assert len(dialogue.steps) >= 3 and dialogue.checklist


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["stappen"]["start"]["keuzes"][0].update(volgende="rsiico"),
         "'volgende: rsiico' is geen stap en geen einde"),
        (lambda r: r["stappen"]["start"]["keuzes"][1].update(oordeel="goed"),
         "oordeel 'goed' kan niet. Kies uit: sterk, redelijk, zwak"),
        (lambda r: r.update(begin="begin"), "'begin' noemt de stap 'begin', maar die bestaat niet"),
        (lambda r: r["stappen"]["tijd"].pop("vraag"), "stap 'tijd': het veld 'vraag' ontbreekt"),
        (lambda r: r["stappen"]["tijd"].update(keuzes=r["stappen"]["tijd"]["keuzes"][:1]),
         "stap 'tijd': geef minstens twee keuzes"),
        (lambda r: r.update(id="Mijn Gesprek"), "de id 'Mijn Gesprek' kan niet"),
        (lambda r: [c.update(volgende="start") for c in r["stappen"]["tijd"]["keuzes"]]
         and [c.update(volgende="tijd") for s in r["stappen"].values() for c in s["keuzes"]],
         "komt het gesprek nooit bij een einde"),
    ],
)
def test_a_trainers_mistake_gets_a_dutch_message_naming_file_and_place(edit, message):
    raw = _raw()
    edit(raw)
    with pytest.raises(model.DialogueError) as caught:
        model.parse_dialogue(raw, "mijn_gesprek.yaml")
    assert str(caught.value).startswith("mijn_gesprek.yaml")
    assert message in str(caught.value)


def test_check_texts_reports_a_broken_dialogue_file_of_the_trainer(course_folder):
    (course_folder / model.FOLDER / "kapot.yaml").write_text("id: kapot\ntitel: [niet af\n", encoding="utf-8")
    problems = check_texts()
    assert any("kapot.yaml (regel" in p and "geen geldige YAML" in p for p in problems), problems


def test_a_trainers_dialogue_file_appears_saves_and_exports(course_folder):
    raw = _raw("3_terugkoppelen.yaml")
    raw.update(id="waterschap", titel="Je belt de ijsclub over het peilbesluit")
    (course_folder / model.FOLDER / "waterschap.yaml").write_text(
        yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    view, workbook = _view()
    assert ("Je belt de ijsclub over het peilbesluit", "waterschap") in view.picker.options
    view.picker.value = "waterschap"
    view.choices.children[0].click()
    saved = workbook.module("gesprekken")["dialogues"]["waterschap"]
    assert saved["walks"][0]["choices"] == [["start", 0]]
    assert "Je belt de ijsclub over het peilbesluit" in export.workbook_markdown(workbook, ["gesprekken"])


def test_a_walk_gives_feedback_per_choice_and_the_first_walk_counts(course_folder):
    view, workbook = _view()
    dialogue = view.current
    weak = next(i for i, c in enumerate(dialogue.steps["start"].choices) if c.judgement == "zwak")
    view.choices.children[weak].click()
    assert dialogue.steps["start"].choices[weak].feedback[:40] in view.transcript.value
    assert "Zwakke keuze." in view.transcript.value
    # the weak choice leads somewhere else than the strong one: the branch the file names
    assert dialogue.steps[dialogue.steps["start"].choices[weak].next].says[:30] in view.transcript.value
    while view.choices.children:  # walk on to an ending with the first option each time
        view.choices.children[0].click()
    first = model.first_walk_score(view.practices[dialogue.id], dialogue)
    assert first["zwak"] >= 1
    assert view.again.layout.display != "none"
    view.again.click()
    strong = next(i for i, c in enumerate(dialogue.steps["start"].choices) if c.judgement == "sterk")
    view.choices.children[strong].click()
    practice = model.practices(workbook.module("gesprekken"), (dialogue,))[dialogue.id]
    assert len(practice.walks) == 2
    assert model.first_walk_score(practice, dialogue) == first, "a second try never rewrites the first"
    assert "2 keer geoefend" in export.workbook_markdown(workbook, ["gesprekken"])


def test_done_only_when_every_conversation_ended_and_has_a_written_answer(course_folder):
    view, workbook = _view()
    for dialogue_id in [d.id for d in view.dialogues]:
        view.picker.value = dialogue_id
        while view.choices.children:
            view.choices.children[-1].click()
        assert progress.state_of(workbook.module("gesprekken"), "gesprekken") != progress.DONE
        view.response.value = "Ik zou eerst vragen wat er leeft."
        assert progress.state_of(workbook.module("gesprekken"), "gesprekken") != progress.DONE, "a line is not yet an answer"
        view.response.value = "Ik zou eerst rustig vragen wat er bij de bewoners leeft en dan samen de volgende stap kiezen."
    assert progress.state_of(workbook.module("gesprekken"), "gesprekken") == progress.DONE


def test_an_answer_over_the_limit_is_refused_and_the_saved_one_kept(course_folder):
    view, workbook = _view()
    view.response.value = "Eerste versie."
    view.response.value = "x" * (model.MAX_RESPONSE + 1)
    assert "niet opgeslagen" in view.status.value
    saved = workbook.module("gesprekken")["dialogues"][view.current.id]
    assert saved["response"] == "Eerste versie."


def test_a_saved_walk_that_no_longer_fits_an_edited_file_is_cut_where_it_stops_fitting():
    dialogue = model.parse_dialogue(_raw(), "x.yaml")
    state = {"walks": [{"choices": [["start", 1], ["verdwenen", 0]], "ending": None}]}
    practice = model.Practice.from_dict(state, dialogue)
    assert practice.walks[0].choices == [("start", 1)]
    assert model.position(practice.walks[0], dialogue) == "tijd"


def test_the_built_in_files_are_copied_unchanged_by_a_trainer_without_duplicates(course_folder):
    shutil.copy(BUILTIN / "2_voorzitten.yaml", course_folder / model.FOLDER / "kopie.yaml")
    dialogues, problems = model.all_dialogues()
    assert [d.id for d in dialogues].count("voorzitten") == 1
    assert any("kopie.yaml" in p and "bestaat al" in p for p in problems)


def test_the_class_overview_counts_first_walks_and_shows_responses_without_names(course_folder):
    import json

    from verbinding.classview import ClassOverview

    files = []
    for number, weak_first in enumerate((True, True, False)):
        view, workbook = _view(f"klas-{number}")
        start = view.current.steps[view.current.start]
        wanted = "zwak" if weak_first else "sterk"
        view.choices.children[next(i for i, c in enumerate(start.choices) if c.judgement == wanted)].click()
        while view.choices.children:
            view.choices.children[0].click()
        view.again.click()  # a second try does not count for the class either
        view.choices.children[next(i for i, c in enumerate(start.choices) if c.judgement == "sterk")].click()
        view.response.value = f"Antwoord van cursist {number}: ik bel de bewonersgroep en leg uit wat we met hun inbreng deden."
        files.append((f"werkboek-{number}.json", json.dumps(workbook.document).encode()))
    overview = ClassOverview.from_files(files)
    row = overview.conversation_rows()[0]
    weak_text = next(c.text for c in start.choices if c.judgement == "zwak")
    assert row[:3] == (view.current.title, 3, 3)
    assert row[5] >= 2 and row[6] == weak_text
    markdown = overview.markdown()
    assert "Antwoord van cursist 2" in markdown and "klas-2" not in markdown


def test_the_template_notebook_lists_the_trainers_files_and_their_problems(course_folder):
    from verbinding.modules.gesprekken.view import trainer_files_html

    raw = _raw("2_voorzitten.yaml")
    raw.update(id="wethouder", titel="De wethouder wil <snel> besluiten")
    (course_folder / model.FOLDER / "4_wethouder.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (course_folder / model.FOLDER / "5_kapot.yaml").write_text("id: kapot\ntitel: [niet af\n", encoding="utf-8")
    text = trainer_files_html()
    assert str(course_folder / model.FOLDER) in text
    assert "De wethouder wil &lt;snel&gt; besluiten (id wethouder" in text
    assert "5_kapot.yaml" in text and "verbinding-error" in text


def test_the_template_notebook_says_where_the_folder_goes_when_it_is_missing(course_folder):
    from verbinding.modules.gesprekken.view import trainer_files_html

    (course_folder / model.FOLDER).rmdir()
    assert "bestaat nog niet" in trainer_files_html()


def test_the_first_walk_is_said_in_counted_choices():
    """Walk finding: 'Je eerste keer: 2 redelijk' (two what? and no strong ones?)."""
    from verbinding.modules.gesprekken import score_sentence

    assert score_sentence({"sterk": 0, "redelijk": 2, "zwak": 0}) == "Je eerste keer: 2 keuzes redelijk, 0 sterk, 0 zwak."
    assert score_sentence({"sterk": 1, "redelijk": 1, "zwak": 0}) == "Je eerste keer: 1 keuze sterk, 1 redelijk, 0 zwak."


# ----- what a learner checks: replies fit the choice, endings follow the path ---------------------


def _paths(dialogue: model.Dialogue, step_id: str | None = None, so_far=()):
    """Every walk through a dialogue: (the choices made, the ending reached)."""
    step = dialogue.steps[step_id or dialogue.start]
    for choice in step.choices:
        walk = (*so_far, (step, choice))
        if choice.next in dialogue.endings:
            yield walk, choice.next
        else:
            yield from _paths(dialogue, choice.next, walk)


def _built_in():
    return model.all_dialogues()[0]


def test_the_reply_after_the_weak_standard_answer_is_not_mirjams_reply_to_a_strong_plan():
    dialogue = next(d for d in _built_in() if d.id == "leidinggevende")
    step = dialogue.steps["risico"]
    standard = next(c for c in step.choices if "standaardreactie" in c.text)
    reply = dialogue.steps[standard.next]
    assert "Hoe wil je dat doen" not in reply.says and "geen tijd" not in reply.says
    assert "krant" in reply.says, "Mirjam reacts to what the standard answer caused"


def test_a_reply_that_assumes_a_plan_only_follows_choices_that_made_one():
    """Mirjam's 'Hoe wil je dat doen?' and 'Wat heeft het opgeleverd?' only come after a choice
    to involve the groups; the branch after a weak choice is its own."""
    dialogue = next(d for d in _built_in() if d.id == "leidinggevende")
    into = {}
    for step in dialogue.steps.values():
        for choice in step.choices:
            into.setdefault(choice.next, []).append(choice)
    assert {c.judgement for c in into["tijd"]} <= {"sterk", "redelijk"}
    assert {c.judgement for c in into["opbrengst"]} <= {"sterk", "redelijk"}
    assert all(c.judgement == "sterk" for c in into["tijd"] if c in dialogue.steps["risico"].choices), \
        "after the newspaper article, only calling the network leads Mirjam to plan the talks"
    dialogue = next(d for d in _built_in() if d.id == "voorzitten")
    # after 'mail it to me' at the coffee, Fatima does not speak up in the next meeting as if asked
    email = next(c for c in dialogue.steps["stil"].choices if "e-mail" in c.text)
    assert email.next != "kritiek" and "niets gestuurd" in dialogue.steps[email.next].says
    dialogue = next(d for d in _built_in() if d.id == "terugkoppelen")
    hang_up = next(c for c in dialogue.steps["boos"].choices if c.judgement == "zwak")
    assert "Waarom woog" not in dialogue.steps[hang_up.next].says, "Henk does not ask for reasons he refused"


def _ending(dialogue, walk, end) -> str:
    """The closing text a learner reads after ``walk`` (choices as (step, choice) pairs)."""
    choices = [(step.id, step.choices.index(choice)) for step, choice in walk]
    return model.ending_text(dialogue, model.Walk(choices, end))


@pytest.mark.parametrize("dialogue_id", ["leidinggevende", "voorzitten", "terugkoppelen"])
def test_weak_choices_end_in_a_weak_outcome_that_says_what_the_stronger_move_was(dialogue_id):
    dialogue = next(d for d in _built_in() if d.id == dialogue_id)
    paths = list(_paths(dialogue))
    strong_texts = {_ending(dialogue, walk, end) for walk, end in paths if all(c.judgement == "sterk" for _s, c in walk)}
    all_weak = [_ending(dialogue, walk, end) for walk, end in paths if all(c.judgement == "zwak" for _s, c in walk)]
    assert all_weak and strong_texts and set(all_weak).isdisjoint(strong_texts)
    for text in all_weak:
        assert "Wat ging er mis" in text and "sterkere zet" in text
    for walk, end in paths:
        if any(c.judgement == "zwak" for _s, c in walk):
            text = _ending(dialogue, walk, end)
            assert text not in strong_texts, f"{[c.text for _s, c in walk]} ends like the strong walk"
            assert "sterkere zet" in text, f"{end}: what the stronger move would have been"


def test_an_ending_may_have_its_own_text_after_a_weak_choice_and_a_trainers_file_without_it_reads_as_before():
    raw = _raw("2_voorzitten.yaml")
    dialogue = model.parse_dialogue(raw, "x.yaml")
    assert dialogue.endings["einde_sterk"] != dialogue.endings_after_weak["einde_sterk"]
    raw["eindes"] = {"einde_sterk": "Goed gedaan.", "einde_redelijk": "Redelijk.", "einde_bijgestuurd": "B.",
                     "einde_herstel": "H.", "einde_zwak": {"tekst": "Zwak."}}
    plain = model.parse_dialogue(raw, "x.yaml")
    assert plain.endings_after_weak == {} and plain.endings["einde_zwak"] == "Zwak."
    raw["eindes"]["einde_zwak"] = {"tekst": "Zwak.", "na_zwak": "?"}
    with pytest.raises(model.DialogueError, match="einde 'einde_zwak': 'na_zwak' kan niet"):
        model.parse_dialogue(raw, "x.yaml")


@pytest.mark.parametrize("dialogue_id", ["leidinggevende", "voorzitten", "terugkoppelen"])
def test_every_walk_has_three_or_four_choices_and_the_minutes_add_up_to_the_module(dialogue_id):
    from verbinding.course import module

    dialogue = next(d for d in _built_in() if d.id == dialogue_id)
    assert {len(walk) for walk, _end in _paths(dialogue)} <= {3, 4}
    total = sum(d.minutes for d in _built_in())
    assert abs(module("gesprekken").minutes - total) <= 2, "the stated duration fits the conversations"


def test_a_walk_finished_in_an_earlier_version_of_a_file_stays_finished_with_its_choices():
    dialogue = next(d for d in _built_in() if d.id == "leidinggevende")
    saved = {"walks": [{"choices": [["start", 0], ["risico", 0], ["tijd", 0]], "ending": "einde"}]}
    walk = model.Practice.from_dict(saved, dialogue).walks[0]
    assert walk.choices == [("start", 0), ("risico", 0), ("tijd", 0)] and walk.ending == "einde"
    assert "eerdere versie" in model.ending_text(dialogue, walk)
    cut = {"walks": [{"choices": [["start", 0], ["risico", 1], ["tijd", 0]], "ending": "einde"}]}
    walk = model.Practice.from_dict(cut, dialogue).walks[0]
    assert walk.choices == [("start", 0), ("risico", 1)] and walk.ending is None, "a walk that no longer fits stays open"


def test_every_reference_to_the_crossing_is_introduced_before_it_is_used():
    dialogue = next(d for d in _built_in() if d.id == "terugkoppelen")
    assert "kruising" in dialogue.situation
    assert "kruising" not in dialogue.steps[dialogue.start].says  # Henk does not bring it up first


def test_a_second_try_is_compared_with_the_first(course_folder):
    view, workbook = _view()
    dialogue = view.current
    for judgement in ("zwak", "sterk"):
        if judgement == "sterk":
            view.again.click()
        while view.choices.children:
            step = dialogue.steps[model.position(view.practices[dialogue.id].current, dialogue)]
            view.choices.children[next(i for i, c in enumerate(step.choices) if c.judgement == judgement)].click()
    text = view.transcript.value
    assert "Je eerste keer: 3 keuzes zwak, 0 sterk, 0 redelijk." in text
    assert "Je 2e keer: 3 keuzes sterk, 0 redelijk, 0 zwak." in text
    assert "Dat is 3 sterke keuzes meer en 3 zwakke keuzes minder dan je eerste keer." in text
    assert "Je 2e keer: 3 keuzes sterk" in export.workbook_markdown(workbook, ["gesprekken"])


def test_a_second_try_with_the_same_choices_says_so():
    dialogue = next(d for d in _built_in() if d.id == "voorzitten")
    practice = model.Practice()
    for _ in range(2):
        model.start_walk(practice)
        while practice.current.ending is None:
            model.choose(practice, dialogue, 0)
    assert model.compare_sentence(practice, dialogue).endswith("Evenveel sterke en zwakke keuzes als je eerste keer.")
    model.start_walk(practice)  # a third walk begun, not finished: the second is still compared
    assert model.compare_sentence(practice, dialogue).startswith("Je 2e keer:")


def test_the_written_answer_gets_a_reaction_on_what_it_names_and_never_more():
    dialogue = next(d for d in _built_in() if d.id == "terugkoppelen")
    react = model.response_reaction
    assert react("", dialogue) == ""
    assert "minstens 12 woorden" in react("Beste Henk, sorry.", dialogue)
    answer = ("Beste Henk, het fietspad komt er niet omdat wateroverlast honderden huizen raakt. "
              "Dank voor uw tijd en uw inzet.")
    reaction = react(answer, dialogue)
    assert "Je noemt de belangrijkste reden voor het besluit." in reaction
    assert "Je noemt nog niet wat er wel met zijn inbreng is gedaan en een volgend moment om mee te praten." \
        in reaction
    full = answer + " De kruising bij de school pakken we aan. In 2027 nodig ik u uit voor een gesprek."
    assert "nog niet" not in react(full, dialogue)
    assert "zoekt alleen naar woorden" in react(full, dialogue), "the reaction says how little it knows"
    nothing = react("Ik vond het een lastig gesprek en ik weet niet goed wat ik hem zou schrijven.", dialogue)
    assert "Je noemt nog niet de belangrijkste reden" in nothing and "Je noemt de" not in nothing


def test_the_view_reacts_to_the_answer_and_says_what_the_checkboxes_are_for(course_folder):
    view, _workbook = _view()
    assert "trainer kan het met je bespreken" in view.checklist_intro.value
    view.response.value = "Ik zou zeggen dat het beleid er beter van wordt als we ze vóór de keuze spreken."
    assert "Je noemt wat het beleid beter maakt" in view.reaction.value
    assert "nog niet een kleine, concrete eerste stap" in view.reaction.value


def test_key_points_and_oca_are_optional_and_checked():
    raw = _raw()
    raw.pop("oca")
    raw["reflectie"].pop("kernpunten")
    dialogue = model.parse_dialogue(raw, "eigen.yaml")
    assert dialogue.key_points == () and dialogue.oca == ""
    assert model.response_reaction("een antwoord van twaalf woorden of meer, zodat het echt een antwoord is",
                                   dialogue) == ""
    raw["oca"] = "tegengeluid"
    with pytest.raises(model.DialogueError, match="'oca: tegengeluid' kan niet. Kies uit: dimensions"):
        model.parse_dialogue(raw, "eigen.yaml")
    raw["oca"] = "counter_voice"
    raw["reflectie"]["kernpunten"] = [{"punt": "de reden"}]
    with pytest.raises(model.DialogueError, match="kernpunt 1: geef 'punt' en een lijst 'woorden'"):
        model.parse_dialogue(raw, "eigen.yaml")


def test_henk_only_knows_why_at_the_end_when_the_reason_was_said_in_the_conversation():
    # A learner's walk: 'Ik stuur u het verslag' (redelijk), then the strong next moment, and the
    # ending said 'hij weet waarom' although the reason was never said. Henk now asks for it.
    dialogue = next(d for d in _built_in() if d.id == "terugkoppelen")
    report = next(c for c in dialogue.steps["uitleg"].choices if "verslag" in c.text)
    assert report.judgement == "redelijk" and "waarom" in dialogue.steps[report.next].says
    paths = list(_paths(dialogue))
    assert any(any(c is report for _s, c in walk) for walk, _end in paths)
    for walk, end in paths:
        text = _ending(dialogue, walk, end).casefold()
        said_reason = any("wateroverlast" in c.text.casefold() for _s, c in walk)
        claims = any(claim in text for claim in ("weet waarom", "weet nu waarom", "weet nu hoe er is afgewogen",
                                                 "weet waarom het besluit"))
        assert said_reason or not claims, f"{[c.text for _s, c in walk]} -> {text}"
        if any(c is report for _s, c in walk) and not said_reason:
            assert "verslag" in text and "sterkere zet" in text
