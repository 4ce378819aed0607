"""Module 1: trace one group through the drietrapsraket in the case data (thin view)."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.drietrapsraket import GROUPS, MODULE_ID, STATE_KEY, STEPS, RocketExercise, group_label, measure
from verbinding.module_parts import read_part, write_part
from verbinding.texts import t
from verbinding.ui.markup import error_alert
from verbinding.ui.markup import escape as _e

WIDE = widgets.Layout(width="100%", max_width="46em")
STYLE = {"description_width": "8em"}
NONE = ""


class RocketView(widgets.VBox):
    """Choose a group, guess per step, then see the case's figures (``page`` has .workbook, .case)."""

    def __init__(self, page):
        self.page = page
        self.workbook = page.workbook
        self.model = RocketExercise.from_dict(read_part(self.workbook, MODULE_ID, STATE_KEY))
        self._loading = True
        self.group = widgets.Dropdown(
            description=t("drietrapsraket.group"), options=[(group_label(g), g) for g in GROUPS],
            value=self.model.group, layout=WIDE, style=STYLE,
        )
        options = [(t(f"drietrapsraket.guess_options.{k}"), k if k != "none" else NONE)
                   for k in ("none", "yes", "no", "unsure")]
        self.guesses: dict[int, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for step in STEPS:
            self.guesses[step] = widgets.Dropdown(
                description=t("drietrapsraket.step_label", number=step), options=options,
                value=self.model.guesses.get(str(step), NONE), layout=WIDE, style=STYLE,
            )
            rows += [
                widgets.HTML(f"<p><strong>{_e(t('drietrapsraket.step_label', number=step))}: "
                             f"{_e(t(f'drietrapsraket.steps.{step}.title'))}</strong><br>"
                             f"{_e(t(f'drietrapsraket.steps.{step}.question'))}</p>"),
                self.guesses[step],
            ]
        self.reveal = widgets.Button(description=t("drietrapsraket.reveal"), button_style="primary")
        self.result = widgets.HTML()
        self.reflection = widgets.Textarea(
            description=t("drietrapsraket.reflection"), placeholder=t("drietrapsraket.reflection_placeholder"),
            value=self.model.reflection, continuous_update=False, rows=3, layout=WIDE, style=STYLE,
        )
        self.status = widgets.HTML()
        title = getattr(page.case, "title", "")
        fictional = f" {t('drietrapsraket.fictional')}" if getattr(page.case, "fictional", True) else ""
        super().__init__([
            widgets.HTML(f"<h3>{_e(t('drietrapsraket.title'))}</h3><p>{_e(t('drietrapsraket.intro') + fictional)}</p>"
                         f"<p><em>{_e(t('drietrapsraket.case', title=title))}</em></p>"),
            self.group, *rows, self.reveal, self.result, self.reflection, self.status,
        ])
        self.add_class("verbinding-drietrapsraket")
        self.group.observe(self._on_group, names="value")
        for step, box in self.guesses.items():
            box.observe(lambda change, s=step: self._on_guess(s, change), names="value")
        self.reveal.on_click(self._on_reveal)
        self.reflection.observe(self._on_reflection, names="value")
        self._loading = False
        self._show()

    def _save(self) -> None:
        write_part(self.workbook, MODULE_ID, STATE_KEY, self.model.to_dict())

    def _on_group(self, change) -> None:
        if self._loading:
            return
        self.model.set_group(change["new"])
        self._loading = True
        try:
            for box in self.guesses.values():
                box.value = NONE
        finally:
            self._loading = False
        self._save()
        self._show()

    def _on_guess(self, step: int, change) -> None:
        if self._loading:
            return
        self.model.guess(step, change["new"] or None)
        self._save()
        self._show()

    def _on_reveal(self, _button=None) -> None:
        if not self.model.all_guessed:
            self.result.value = error_alert(t("drietrapsraket.need_guesses"))
            return
        self.model.revealed = True
        self._save()
        self._show()

    def _on_reflection(self, change) -> None:
        self.model.set_reflection(change["new"])
        self._save()
        self.status.value = f'<p role="status">{_e(t("drietrapsraket.saved"))}</p>'

    def _show(self) -> None:
        if not self.model.revealed:
            self.result.value = ""
            return
        steps = measure(self.page.case, self.model.group)
        items = "".join(f"<li>{_e(line)}</li>" for line in self.model.feedback(steps))
        self.result.value = (
            '<div class="verbinding-feedback" role="status" aria-live="polite">'
            f"<ol>{items}</ol><p><strong>{_e(self.model.conclusion(steps))}</strong></p>"
            f"<p><small>{_e(t('drietrapsraket.note'))}</small></p></div>"
        )
