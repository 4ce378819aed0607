"""Widgets of the conversation practice, thin over :mod:`verbinding.modules.gesprekken`.

The learner picks a conversation, reads who says what, chooses an answer, gets feedback on
it and goes on until an ending (a later walk is compared with the first); then writes a
short response, hears which of the conversation's key points it names, and checks it
against a checklist (a self-check the trainer can discuss). A choice once made is never taken back: "Opnieuw oefenen" starts a new walk and
keeps the first one, which is the one that counts.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules import gesprekken as model
from verbinding.texts import t
from verbinding.ui.layout import WIDE, labels, wide
from verbinding.ui.markup import error_alert, error_list_alert, escape, list_items, status_line
from verbinding.ui.view import ModuleView

LABELS = labels("initial")


class DialogueExercise(ModuleView):
    """All dialogues of the course (built-in and the trainer's), one shown at a time."""

    module_id = model.MODULE_ID  # where the learner's work is saved in the workbook

    def _found(self, page) -> tuple[tuple[model.Dialogue, ...], tuple[str, ...]]:
        """The dialogues to practise and the Dutch problems of files left out."""
        return model.all_dialogues()

    def __init__(self, page):
        self.dialogues, problems = self._found(page)
        self.problems = widgets.HTML(
            error_list_alert(t("gesprekken.view.file_problems"), problems) if problems else ""
        )
        self.picker = widgets.Dropdown(
            description=t("gesprekken.view.pick"), options=[(d.title, d.id) for d in self.dialogues],
            layout=wide(), style=LABELS,
        )
        self.situation = widgets.HTML()
        self.transcript = widgets.HTML()
        self.choices = widgets.VBox(layout=wide())
        self.again = widgets.Button(description=t("gesprekken.view.again"), icon="")
        self.response = widgets.Textarea(
            description=t("gesprekken.view.response"), rows=5, continuous_update=False,
            layout=wide(), style=LABELS,
        )
        self.reflection = widgets.HTML()
        self.reaction = widgets.HTML()  # what the written answer names, by the dialogue's key points
        self.checklist_intro = widgets.HTML()
        self.checklist = widgets.VBox()
        self.status = widgets.HTML()
        self.overview = widgets.HTML()
        self.practices: dict[str, model.Practice] = {}
        super().__init__(page, [
            self.problems, self.overview, self.picker, self.situation, self.transcript, self.choices,
            self.again, self.reflection, self.response, self.reaction, self.checklist_intro, self.checklist,
            self.status,
        ])
        self.add_class("verbinding-dialogue")
        if not self.dialogues:
            self.picker.layout.display = "none"
            self.again.layout.display = "none"
            self.response.layout.display = "none"
            self.status.value = f'<p class="verbinding-notice">{escape(t("gesprekken.view.none"))}</p>'
            return
        self.picker.observe(lambda _c: self._render(), names="value")
        self.again.on_click(self._again)
        self.response.observe(self._response_changed, names="value")
        self.start()

    # ----- state ---------------------------------------------------------------------------
    @property
    def current(self) -> model.Dialogue:
        return next(d for d in self.dialogues if d.id == self.picker.value)

    # ----- the view cycle ------------------------------------------------------------------
    def load(self) -> None:
        if self.dialogues:  # without any, the page only says so
            super().load()

    def read(self, data) -> None:
        self.practices = model.practices(data, self.dialogues)

    def update(self) -> None:
        self._render()

    def _save(self) -> None:
        saved = self.saved()
        dialogues = dict(saved.get("dialogues") or {}) if isinstance(saved, dict) else {}
        dialogues.update({key: practice.to_dict() for key, practice in self.practices.items()})
        self.save({"dialogues": dialogues})
        self._render_overview()

    # ----- rendering -----------------------------------------------------------------------
    def _render(self) -> None:
        dialogue = self.current
        practice = self.practices[dialogue.id]
        if practice.current is None:
            model.start_walk(practice)
        with self.quiet():
            self.response.value = practice.response
        idea = f' <span class="verbinding-nav-meta">{escape(t("gesprekken.view.idea", idea=dialogue.idea))}</span>' \
            if dialogue.idea else ""
        self.situation.value = (
            f"<h2>{escape(dialogue.title)}</h2>{idea}"
            f'<p class="verbinding-notice">{escape(dialogue.situation)}</p>'
        )
        self._render_walk(dialogue, practice)
        self.reflection.value = f"<h3>{escape(t('gesprekken.view.reflection_title'))}</h3>" \
            f"<p>{escape(dialogue.reflection_question)}</p>"
        self._render_checklist(dialogue, practice)
        self._render_reaction(dialogue, practice)
        self._render_overview()

    def _render_walk(self, dialogue: model.Dialogue, practice: model.Practice) -> None:
        walk = practice.current
        parts = []
        if len(practice.walks) > 1:
            parts.append(f"<p><i>{escape(t('gesprekken.view.walk_number', number=len(practice.walks)))}</i></p>")
        for step_id, index in walk.choices:
            step = dialogue.steps[step_id]
            choice = step.choices[index]
            parts.append(self._said(step))
            parts.append(
                f'<div class="verbinding-feedback"><p><b>{escape(t("gesprekken.view.you_said"))}</b> '
                f"{escape(choice.text)}</p><p><b>{escape(t(f'gesprekken.judgement.{choice.judgement}'))}</b> "
                f"{escape(choice.feedback)}</p></div>"
            )
        buttons: list[widgets.Widget] = []
        if walk.ending is None:
            step = dialogue.steps[model.position(walk, dialogue)]
            parts.append(self._said(step))
            parts.append(f"<p><b>{escape(step.question)}</b></p>")
            for number, choice in enumerate(step.choices):
                button = widgets.Button(description=choice.text, layout=widgets.Layout(width="100%", height="auto"),
                                        tooltip=choice.text)
                button.add_class("verbinding-choice")
                button.on_click(lambda _b, number=number: self._choose(number))
                buttons.append(button)
            self.again.layout.display = "none"
        else:
            # green only for a walk without a weak choice: a walk with 'zwak' choices ends in a
            # neutral box (its ending says what went wrong)
            weak = any(dialogue.steps[step_id].choices[index].judgement == "zwak" for step_id, index in walk.choices)
            box = "verbinding-notice" if weak else "verbinding-ok"
            comparison = model.compare_sentence(practice, dialogue)  # a later walk next to the first
            parts.append(f'<div class="{box}" role="status"><p>{escape(model.ending_text(dialogue, walk))}</p>'
                         f"<p>{escape(model.score_sentence(model.first_walk_score(practice, dialogue)))}</p>"
                         + (f"<p>{escape(comparison)}</p>" if comparison else "") + "</div>")
            self.again.layout.display = ""
        self.transcript.value = "".join(parts)
        self.choices.children = buttons

    @staticmethod
    def _said(step: model.Step) -> str:
        return f'<blockquote><p><b>{escape(step.speaker)}:</b> "{escape(step.says)}"</p></blockquote>'

    def _render_checklist(self, dialogue: model.Dialogue, practice: model.Practice) -> None:
        boxes = []
        for index, item in enumerate(dialogue.checklist):
            box = widgets.Checkbox(value=index in practice.checked, description=item, indent=False, layout=WIDE)
            box.observe(lambda change, index=index: self._check(index, change["new"]), names="value")
            boxes.append(box)
        self.checklist.children = boxes
        self.checklist_intro.value = f"<p>{escape(t('gesprekken.view.checklist_intro'))}</p>" if boxes else ""

    def _render_reaction(self, dialogue: model.Dialogue, practice: model.Practice) -> None:
        reaction = model.response_reaction(practice.response, dialogue)
        self.reaction.value = status_line(reaction) if reaction else ""

    def _render_overview(self) -> None:
        done = sum(model.is_done(p) for p in self.practices.values())
        self.overview.value = status_line(t("gesprekken.view.progress", done=done, total=len(self.dialogues)))

    # ----- actions -------------------------------------------------------------------------
    def _choose(self, number: int) -> None:
        dialogue = self.current
        practice = self.practices[dialogue.id]
        if practice.current is None or practice.current.ending is not None:
            return  # a double click on a finished walk changes nothing
        model.choose(practice, dialogue, number)
        self._save()
        self._render_walk(dialogue, practice)

    def _again(self, _button) -> None:
        dialogue = self.current
        practice = self.practices[dialogue.id]
        model.start_walk(practice)
        self._save()
        self._render_walk(dialogue, practice)

    def _response_changed(self, change) -> None:
        if self.loading:
            return
        text = change["new"]
        if len(text) > model.MAX_RESPONSE:
            self.status.value = error_alert(t("gesprekken.view.too_long", limit="20.000"))
            return
        self.status.value = ""
        practice = self.practices[self.current.id]
        practice.response = text
        self._save()
        self._render_reaction(self.current, practice)

    def _check(self, index: int, value: bool) -> None:
        practice = self.practices[self.current.id]
        checked = set(practice.checked)
        (checked.add if value else checked.discard)(index)
        practice.checked = sorted(checked)
        self._save()


class TrainerExercise(DialogueExercise):
    """A trainer's own exercise (``oefeningen/<id>/``, :mod:`verbinding.exercises`): its
    conversations, its work saved under its own id. A folder's problems are the trainer's
    to read in the template notebook, never shown to a learner."""

    def _found(self, page) -> tuple[tuple[model.Dialogue, ...], tuple[str, ...]]:
        from verbinding.exercises import exercise_of

        self.module_id = page.module.id
        exercise = exercise_of(page.module)
        return (exercise.dialogues if exercise is not None else ()), ()

    def __init__(self, page):
        super().__init__(page)
        if len(self.dialogues) == 1:  # one conversation: nothing to pick, no "0 van de 1"
            self.picker.layout.display = "none"
            self.overview.layout.display = "none"


def trainer_files_html() -> str:
    """For the template notebook: where a trainer's dialogue files go, which ones the
    course found there and what is wrong with the others (Dutch, escaped)."""
    from verbinding.modules.gesprekken import FOLDER, load_folder
    from verbinding.paths import course_folders

    folders = course_folders()
    if not folders:
        return f"<p>{escape(t('gesprekken.trainer.no_course'))}</p>"
    folder = folders[0] / FOLDER
    parts = [f"<p>{escape(t('gesprekken.trainer.folder', folder=str(folder)))}</p>"]
    if not folder.is_dir():
        parts.append(f"<p>{escape(t('gesprekken.trainer.no_folder'))}</p>")
        return "".join(parts)
    dialogues, problems = load_folder(folder)
    found = [t("gesprekken.trainer.found_item", title=d.title, id=d.id, minutes=d.minutes) for d in dialogues]
    parts.append(_found_and_problems_html("gesprekken.trainer", found, problems))
    return "".join(parts)


def _found_and_problems_html(texts: str, found: list[str], problems: list[str]) -> str:
    """What the course found (a status list) and what is wrong (an alert list), with the
    texts ``<texts>.found``, ``.empty`` and ``.problems``; every line escaped."""
    parts = []
    if found:
        parts.append(f'<div class="verbinding-ok" role="status"><p>{escape(t(texts + ".found"))}</p>'
                     f"{list_items(found)}</div>")
    elif not problems:
        parts.append(f"<p>{escape(t(texts + '.empty'))}</p>")
    if problems:
        parts.append(error_list_alert(t(texts + ".problems"), problems))
    return "".join(parts)


def trainer_exercises_html() -> str:
    """For the template notebook: where a trainer's exercise folders go, which ones the
    course shows in its menu and what is wrong with the others (Dutch, escaped)."""
    from verbinding.exercises import FOLDER, after_title, load_all
    from verbinding.paths import course_folders

    folders = course_folders()
    if not folders:
        return f"<p>{escape(t('gesprekken.trainer.no_course'))}</p>"
    folder = folders[0] / FOLDER
    from verbinding.course import course_modules

    names = "".join(f"<li><code>{escape(m.id)}</code>: {escape(m.title)}</li>" for m in course_modules())
    parts = [f"<p>{escape(t('trainer.exercises.folder', folder=str(folder)))}</p>",
             f"<p>{escape(t('trainer.exercises.after_names'))}</p><ul>{names}</ul>"]
    if not folder.is_dir():
        parts.append(f"<p>{escape(t('trainer.exercises.no_folder'))}</p>")
        return "".join(parts)
    exercises, problems = load_all()
    found = [t("trainer.exercises.found_item", title=e.module.title, id=e.module.id, minutes=e.module.minutes,
               after=after_title(e)) for e in exercises]
    parts.append(_found_and_problems_html("trainer.exercises", found, problems))
    return "".join(parts)
