"""The two kinds of list row of module 4: an interest to weigh (:class:`InterestRow`, step 1)
and the feedback to one stakeholder (:class:`FeedbackRow`, step 2).

A row passes every change of its fields to the exercise (``on_change``), which ignores
what it sets itself while loading (:meth:`verbinding.ui.view.ModuleView.quiet`); a row is
filled again with :meth:`load` inside that quiet block."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from verbinding.modules.accountability import (
    FEEDBACK_GIVEN,
    FEEDBACK_HOW,
    SOURCES,
    WEIGHTS,
    FeedbackEntry,
    Interest,
    given_label,
    how_label,
    source_label,
    weight_label,
)
from verbinding.modules.accountability.view.common import STYLE, insider_badge, open_points, row_layout
from verbinding.texts import t
from verbinding.ui.fields import item_class
from verbinding.ui.layout import WIDE, remove_button
from verbinding.ui.markup import escape as _e


def source_options() -> list[tuple[str, str]]:
    """'Onbekend' and the sources of an interest, as the choices of a dropdown."""
    return [(t("accountability.source_none"), "")] + [(source_label(s), s) for s in SOURCES]


def text_rows(text: str, per_row: int = 60, least: int = 2, most: int = 9) -> int:
    """Rows for a text box that shows ``text`` whole (up to ``most`` rows)."""
    lines = sum(max(1, -(-len(line) // per_row)) for line in str(text).splitlines() or [""])
    return max(least, min(most, lines))


class InterestRow(widgets.VBox):
    """One interest: who, what they asked, source, weight, reasoning, inline feedback, and
    a button that puts it into the handful or makes it optional."""

    def __init__(self, interest: Interest, on_change: Callable[[str, str, Any], None],
                 on_remove: Callable[[str], None], on_move: Callable[[str, bool], None] | None = None):
        self.interest_id = interest.id
        self._on_change = on_change
        self.title = widgets.HTML()
        self.asked = widgets.Textarea(description=t("accountability.ui.asked"), placeholder=t("accountability.ui.asked_help"),
                                      rows=4, continuous_update=False, style=STYLE, layout=WIDE)
        self.source = widgets.Dropdown(options=source_options(), description=t("accountability.ui.source"),
                                       style=STYLE, layout=WIDE)
        self.weight = widgets.Dropdown(
            options=[(t("accountability.weight_none"), "")] + [(weight_label(w), w) for w in WEIGHTS],
            description=t("accountability.ui.weight"), style=STYLE, layout=WIDE,
        )
        self.reasoning = widgets.Textarea(description=t("accountability.ui.reasoning"),
                                          placeholder=t("accountability.ui.reasoning_help"),
                                          rows=2, continuous_update=True, style=STYLE, layout=WIDE)
        self.status = widgets.HTML()
        children: list[widgets.Widget] = [self.title, self.asked, self.source, self.weight, self.reasoning, self.status]
        self.remove = None
        if interest.origin == "learner":
            self.remove = remove_button(t("accountability.ui.remove", name=interest.name))
            self.remove.icon = "trash"
            self.remove.on_click(lambda _b: on_remove(self.interest_id))
            children.append(self.remove)
        self.member = True
        self.move = widgets.Button(description=t("accountability.ui.handful_remove"))
        self.move.on_click(lambda _b: on_move(self.interest_id, not self.member) if on_move else None)
        self.move.add_class("verbinding-handful-move")
        children.append(self.move)
        self.name = interest.name
        super().__init__(children, layout=row_layout())
        self.add_class("verbinding-interest")
        self.add_class(item_class(interest.id))
        self.load(interest)
        for control, field in ((self.asked, "asked"), (self.source, "source"), (self.weight, "weight"),
                               (self.reasoning, "reasoning")):
            control.observe(lambda change, f=field: self._on_change(self.interest_id, f, change["new"]), names="value")

    def set_member(self, member: bool) -> None:
        """In the handful (a button to make it optional) or optional (a button to add it)."""
        self.member = member
        key = "remove" if member else "add"
        self.move.description = t(f"accountability.ui.handful_{key}")
        self.move.tooltip = t(f"accountability.ui.handful_{key}_tooltip", name=self.name)
        self.move.icon = "minus" if member else "plus"

    def load(self, interest: Interest) -> None:
        """Show ``interest`` (the exercise calls this while it is quiet)."""
        self.name = interest.name
        origin = t(f"accountability.origins.{interest.origin}")
        rejected = (f"<p><small>{_e(t('accountability.ui.rejected', proposals='; '.join(interest.rejected)))}</small></p>"
                    if interest.rejected else "")
        self.title.value = (f"<h4>{_e(interest.name)}{insider_badge(interest.insider)}</h4>"
                            f"<p><small>{_e(t('accountability.ui.origin', origin=origin))}</small></p>{rejected}")
        self.asked.value = interest.asked
        # what they asked is what the learner weighs: a consultation group's examples ran
        # past four lines into a box that only scrolls inside itself
        self.asked.rows = text_rows(interest.asked)
        self.source.value = interest.source if interest.source in SOURCES else ""
        self.weight.value = interest.weight
        self.weight.tooltip = t("accountability.ui.weight_tooltip", name=interest.name)
        self.reasoning.value = interest.reasoning

    def show_findings(self, messages: list[str]) -> None:
        """The row's open points; the tick only for a row with a weight and a reason and
        nothing open (the model names every unweighed row, so it never gets here empty)."""
        done = bool(self.weight.value and self.reasoning.value.strip())
        if messages or not done:
            value = open_points(messages)
        else:
            value = f'<p class="verbinding-ok-inline">✓ {_e(t("accountability.ui.row_ok"))}</p>'
        if self.status.value != value:
            self.status.value = value


class FeedbackRow(widgets.VBox):
    """Feedback to one stakeholder: whether, how, when, on what."""

    def __init__(self, key: str, name: str, insider: bool, on_change: Callable[[str, str, Any], None]):
        self.key = key
        self.name = name
        self.insider = insider
        self.title = widgets.HTML(f"<h4>{_e(name)}{insider_badge(insider)}</h4>")
        self.given = widgets.Dropdown(
            options=[(t("accountability.feedback_given_none"), "")] + [(given_label(g), g) for g in FEEDBACK_GIVEN],
            description=t("accountability.ui.given"), tooltip=t("accountability.ui.given_tooltip", name=name),
            style=STYLE, layout=WIDE,
        )
        self.how = widgets.Dropdown(
            options=[(t("accountability.ui.how_none"), "")] + [(how_label(h), h) for h in FEEDBACK_HOW],
            description=t("accountability.ui.how"), style=STYLE, layout=WIDE,
        )
        self.when = widgets.Text(description=t("accountability.ui.when"), placeholder=t("accountability.ui.when_help"),
                                 continuous_update=False, style=STYLE, layout=WIDE)
        self.what = widgets.Text(description=t("accountability.ui.what"), placeholder=t("accountability.ui.what_help"),
                                 continuous_update=False, style=STYLE, layout=WIDE)
        super().__init__([self.title, self.given, self.how, self.when, self.what], layout=row_layout())
        self.add_class("verbinding-feedback-row")
        self.add_class(item_class(key))
        for control, field in ((self.given, "given"), (self.how, "how"), (self.when, "when"), (self.what, "what")):
            control.observe(lambda change, f=field: on_change(self.key, f, change["new"]), names="value")

    def load(self, entry: FeedbackEntry) -> None:
        """Show ``entry`` (the exercise calls this while it is quiet)."""
        self.given.value = entry.given
        self.how.value = entry.how if entry.how in FEEDBACK_HOW else ""
        self.when.value = entry.when
        self.what.value = entry.what
