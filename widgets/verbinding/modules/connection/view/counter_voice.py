"""Step 5 of Connection: the counter-voice (tegengeluid) plan: format, facilitation,
whom, in which Beleidskompas steps, and the alternative proposals it may bring."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.connection import STEPS, counter_voice_feedback, step_label
from verbinding.modules.connection.view.common import STYLE, Step, feedback
from verbinding.texts import t, tlist
from verbinding.ui.layout import WIDE, heading, paragraph
from verbinding.ui.markup import escape as _e


def _choices(key: str) -> dict[str, widgets.Checkbox]:
    """One checkbox per choice in the texts at ``key`` (id -> box)."""
    return {str(item["id"]): widgets.Checkbox(description=str(item["label"]), indent=False, layout=WIDE)
            for item in tlist(key)}


def _group(key: str, boxes: dict[str, widgets.Checkbox]) -> widgets.VBox:
    """Checkboxes under their title, framed as one group."""
    return widgets.VBox([widgets.HTML(f"<strong>{_e(t(key))}</strong>"), *boxes.values()],
                        layout=widgets.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"))


def _text(label: str, placeholder: str) -> widgets.Textarea:
    return widgets.Textarea(description=t(label), placeholder=t(placeholder), continuous_update=False,
                            style=STYLE, layout=WIDE)


class CounterVoiceStep(Step):
    """Step 5: every part of the plan saved at once, with feedback on what is missing."""

    public = ("format_boxes", "facilitation_boxes", "step_boxes", "whom", "alternatives", "cv_note", "cv_feedback")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.format_boxes = _choices("connection.counter_voice.formats")
        self.facilitation_boxes = _choices("connection.counter_voice.facilitation")
        self.step_boxes = {s: widgets.Checkbox(description=step_label(s), indent=False) for s in STEPS}
        self.whom = _text("connection.ui.whom_label", "connection.ui.whom_placeholder")
        self.alternatives = _text("connection.ui.alternatives_label", "connection.ui.alternatives_placeholder")
        self.cv_note = _text("connection.ui.note_label", "connection.ui.note_placeholder")
        self.cv_feedback = widgets.HTML()
        self.build(heading("connection.ui.step5_title"), paragraph("connection.ui.step5_intro"),
                   _group("connection.ui.formats_label", self.format_boxes),
                   _group("connection.ui.facilitation_label", self.facilitation_boxes),
                   self.whom, _group("connection.ui.steps_label", self.step_boxes),
                   self.alternatives, self.cv_note, self.cv_feedback)

        for boxes in (self.format_boxes, self.facilitation_boxes, self.step_boxes):
            for box in boxes.values():
                box.observe(self._changed, names="value")
        for area in (self.whom, self.alternatives, self.cv_note):
            area.observe(self._changed, names="value")

    def read(self, work) -> None:
        cv = work.counter_voice
        for key, box in self.format_boxes.items():
            box.value = key in cv.formats
        for key, box in self.facilitation_boxes.items():
            box.value = key in cv.facilitation
        for key, box in self.step_boxes.items():
            box.value = key in cv.steps
        self.whom.value, self.alternatives.value, self.cv_note.value = cv.whom, cv.alternatives, cv.note

    def update(self) -> None:
        self.cv_feedback.value = feedback(counter_voice_feedback(self.work.counter_voice))

    def _changed(self, _change=None) -> None:
        if self.exercise.loading:
            return
        cv = self.work.counter_voice
        cv.formats = [k for k, box in self.format_boxes.items() if box.value]
        cv.facilitation = [k for k, box in self.facilitation_boxes.items() if box.value]
        cv.steps = [k for k, box in self.step_boxes.items() if box.value]
        cv.whom = self.whom.value
        cv.alternatives = self.alternatives.value
        cv.note = self.cv_note.value
        self.update()
        self.exercise.save_work()
