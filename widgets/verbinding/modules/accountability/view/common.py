"""What the steps of the Accountability view share: the base of a step, the width of the
labels, a row's frame, the HTML of a step's title and of a list of open points, and reading
the case and the learner's Connection rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from verbinding.modules.accountability import AccountabilityModel
from verbinding.texts import t
from verbinding.ui.layout import labels
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import list_items

if TYPE_CHECKING:
    from verbinding.modules.accountability.view.exercise import AccountabilityExercise

MODULE_ID = "accountability"
STYLE = labels("11em")


class Step:
    """One step of the exercise: its widgets in page order (:attr:`parts`) and what they do.

    A step is no box of its own: its widgets stand directly in the exercise's box, as they
    did before the split, so each text field keeps its place on the page and with it the
    key under which the browser keeps a learner's unsaved typing (:mod:`verbinding.pending`).
    A step changes the shared model (:attr:`model`) and tells the exercise
    (:meth:`AccountabilityExercise.changed`), which saves and shows the change."""

    #: the step's widgets that the exercise offers under the same name (tests, benchmarks)
    public: tuple[str, ...] = ()

    def __init__(self, exercise: AccountabilityExercise):
        self.exercise = exercise
        self.parts: list[widgets.Widget] = []

    @property
    def model(self) -> AccountabilityModel:
        return self.exercise.model


def row_layout() -> widgets.Layout:
    """A list row's frame: a line under it. One per row: the exercise folds a row away by
    changing its layout's ``display``."""
    return widgets.Layout(border_bottom="1px solid #c8d1e0", padding="4px 0 8px 0")


def wrapping() -> widgets.Layout:
    """A row of buttons that wraps on a narrow screen."""
    return widgets.Layout(flex_flow="row wrap")


def step_intro(key: str) -> widgets.HTML:
    """A step's title and introduction, in one widget (``accountability.ui.<key>_title`` and
    ``…_intro``)."""
    return widgets.HTML(f"<h3>{_e(t(f'accountability.ui.{key}_title'))}</h3>"
                        f"<p>{_e(t(f'accountability.ui.{key}_intro'))}</p>")


def insider_badge(insider: bool) -> str:
    """' (vaste gesprekspartner)' after a name, as HTML; empty for another party."""
    if not insider:
        return ""
    return f' <span class="verbinding-badge">({_e(t("accountability.ui.insider_badge"))})</span>'


def open_points(messages: list[str]) -> str:
    """The open points of a row or of the whole weighing as a list ('' when there are none).
    Not read out at every change: the checks change while the learner types a reason."""
    return f'<div class="verbinding-feedback">{list_items(messages)}</div>' if messages else ""


def case_of(page) -> Any:
    """The page's case, or None: without a case the exercise still works on typed input."""
    try:
        return page.case
    except Exception:  # no case available
        return None


def case_brief(case: Any) -> str:
    """The case in a few lines above the list, as HTML: its title, the challenge and what
    the weighing is about. A learner who comes back after a week, or skipped module 2,
    weighs 'belangen' without knowing of what ('' without a case)."""
    title = case_title(case)
    if not title:
        return ""
    challenge = " ".join(str(getattr(case, "challenge", "") or "").split())
    consultation = getattr(case, "texts", None)
    consultation = " ".join(str(consultation.get("consultatie", "") or "").split()) if isinstance(consultation, dict) else ""
    parts = [f"<p><strong>{_e(t('accountability.ui.case_title', title=title))}</strong></p>"]
    parts += [f"<p>{_e(text)}</p>" for text in (challenge, consultation) if text]
    parts.append(f"<p>{_e(t('accountability.ui.case_task'))}</p>")
    return '<div class="verbinding-notice verbinding-case-brief">' + "".join(parts) + "</div>"


def case_title(case: Any) -> str | None:
    title = getattr(case, "title", None)
    return str(title) if title else None


def insiders_from_rule(connection_state: dict, case: Any) -> list[str] | None:
    """Recompute the insiders with the learner's own Connection rule (org ids), or None."""
    if not isinstance(connection_state, dict) or not isinstance(connection_state.get("rule"), dict) or case is None:
        return None
    try:
        from verbinding.modules.connection import CaseAnalysis, InsiderRule

        return list(CaseAnalysis(case).insiders(InsiderRule.from_dict(connection_state["rule"])).members)
    except Exception:  # another shape or a case without a log: fall back to what is stored
        return None
