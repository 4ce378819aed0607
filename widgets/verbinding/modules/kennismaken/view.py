"""Widgets of the kennismaken exercise, thin over :class:`verbinding.modules.kennismaken.Introduction`."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.kennismaken import Introduction, clean_text, parse_partners
from verbinding.texts import t
from verbinding.ui.layout import WIDE, labels, subheading_html
from verbinding.ui.learning import BEFORE, LearningCheckView
from verbinding.ui.markup import feedback_box, list_items
from verbinding.ui.view import ModuleView

MODULE_ID = "kennismaken"
LABELS = labels("12em")


def _text(label: str, placeholder: str, rows: int | None = None) -> widgets.Widget:
    if rows:
        return widgets.Textarea(
            description=label, placeholder=placeholder, rows=rows,
            continuous_update=False, layout=WIDE, style=LABELS,
        )
    return widgets.Text(
        description=label, placeholder=placeholder, continuous_update=False, layout=WIDE, style=LABELS
    )


class IntroExercise(ModuleView):
    """Name your dossier and its usual partners; see feedback; all saved in the workbook."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.dossier = _text(t("intro.labels.dossier"), t("intro.labels.dossier_placeholder"))
        self.description = _text(t("intro.labels.description"), t("intro.labels.description_placeholder"), rows=3)
        self.partners = _text(t("intro.labels.partners"), t("intro.labels.partners_placeholder"), rows=5)
        self.missing = _text(t("intro.labels.missing"), t("intro.labels.missing_placeholder"), rows=3)
        self.feedback = widgets.HTML()
        super().__init__(page, [self.dossier, self.description, self.partners, self.missing, self.feedback,
                                LearningCheckView(page.workbook, BEFORE)])
        for control in (self.dossier, self.description, self.partners, self.missing):
            control.observe(self._changed, names="value")
        self.start()

    @property
    def model(self) -> Introduction:
        return Introduction(
            dossier=clean_text(self.dossier.value),
            description=clean_text(self.description.value),
            partners=parse_partners(self.partners.value),
            missing=clean_text(self.missing.value),
        )

    def read(self, data) -> None:
        intro = Introduction.from_dict(data)
        self.dossier.value = intro.dossier
        self.description.value = intro.description
        self.partners.value = "\n".join(intro.partners)
        self.missing.value = intro.missing

    def update(self) -> None:
        self.feedback.value = feedback_box(
            subheading_html(t("intro.feedback.title")) + list_items(self.model.feedback()))

    def _changed(self, _change) -> None:
        if self.save(self.model.to_dict()):
            self.update()
