"""Widgets of the kennismaken exercise, thin over :class:`verbinding.intro.Introduction`."""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from ..intro import Introduction, clean_text, parse_partners
from ..texts import t
from .learning import BEFORE, LearningCheckView

MODULE_ID = "kennismaken"
WIDE = widgets.Layout(width="100%", max_width="46em")


def _text(label: str, placeholder: str, rows: int | None = None) -> widgets.Widget:
    style = {"description_width": "12em"}
    if rows:
        return widgets.Textarea(
            description=label, placeholder=placeholder, rows=rows,
            continuous_update=False, layout=WIDE, style=style,
        )
    return widgets.Text(
        description=label, placeholder=placeholder, continuous_update=False, layout=WIDE, style=style
    )


class IntroExercise(widgets.VBox):
    """Name your dossier and its usual partners; see feedback; all saved in the workbook."""

    def __init__(self, page):
        self.workbook = page.workbook
        self.dossier = _text(t("intro.labels.dossier"), t("intro.labels.dossier_placeholder"))
        self.description = _text(t("intro.labels.description"), t("intro.labels.description_placeholder"), rows=3)
        self.partners = _text(t("intro.labels.partners"), t("intro.labels.partners_placeholder"), rows=5)
        self.missing = _text(t("intro.labels.missing"), t("intro.labels.missing_placeholder"), rows=3)
        self.feedback = widgets.HTML()
        super().__init__([self.dossier, self.description, self.partners, self.missing, self.feedback,
                          LearningCheckView(page.workbook, BEFORE)])
        self._load()
        for control in (self.dossier, self.description, self.partners, self.missing):
            control.observe(self._changed, names="value")
        self.workbook.observe(lambda _c: self._load(), names="restores")

    @property
    def model(self) -> Introduction:
        return Introduction(
            dossier=clean_text(self.dossier.value),
            description=clean_text(self.description.value),
            partners=parse_partners(self.partners.value),
            missing=clean_text(self.missing.value),
        )

    def _load(self) -> None:
        self._loading = True
        intro = Introduction.from_dict(self.workbook.module(MODULE_ID))
        self.dossier.value = intro.dossier
        self.description.value = intro.description
        self.partners.value = "\n".join(intro.partners)
        self.missing.value = intro.missing
        self._loading = False
        self._show_feedback(intro)

    # The course app calls this when the module is shown again after other modules changed.
    refresh = _load

    def _changed(self, _change) -> None:
        if self._loading:
            return
        intro = self.model
        self.workbook.set_module(MODULE_ID, intro.to_dict())
        self._show_feedback(intro)

    def _show_feedback(self, intro: Introduction) -> None:
        items = "".join(f"<li>{html.escape(note)}</li>" for note in intro.feedback())
        self.feedback.value = (
            f'<div class="verbinding-feedback" role="status" aria-live="polite">'
            f"<h4>{html.escape(t('intro.feedback.title'))}</h4><ul>{items}</ul></div>"
        )

    def show(self) -> IntroExercise:
        display(self)
        return self
