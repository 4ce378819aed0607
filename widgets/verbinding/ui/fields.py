"""Shared field helpers: the text limit said beside every text field, and a CSS class per
list item so a row can be found by its stable id (tests, the browser-side edit keeper)."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from verbinding.limits import field_message, too_long


def item_class(item_id: str) -> str:
    """``verbinding-item-<id>``: a CSS class naming one list item by its stable id."""
    return "verbinding-item-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", str(item_id)).strip("-") or "x")


class LimitNote(widgets.HTML):
    """The line beside a text field: how much is left near the limit, and a Dutch message
    when the text is over it (the workbook then keeps the saved text; nothing is cut)."""

    def __init__(self, field: widgets.Widget):
        super().__init__(layout=widgets.Layout(display="none"))
        self.add_class("verbinding-limit-note")
        self.field = field
        field.observe(self._show, names="value")
        self._show()

    def _show(self, _change=None) -> None:
        message = field_message(self.field.value)
        over = too_long(self.field.value)
        css = "verbinding-error" if over else "verbinding-hint"
        role = "alert" if over else "status"
        self.value = f'<p class="{css}" role="{role}">{html.escape(message)}</p>' if message else ""
        self.layout.display = None if message else "none"


def attach_limit_notes(root: widgets.Widget) -> None:
    """Put a :class:`LimitNote` right after every text field under ``root``, now and
    whenever a box's children change (rows added later get theirs too)."""
    notes: dict[str, LimitNote] = {}
    watched: set[str] = set()

    def fix(box: widgets.Box) -> None:
        children = list(box.children)
        wanted: list[widgets.Widget] = []
        for child in children:
            if isinstance(child, LimitNote):
                continue
            wanted.append(child)
            if isinstance(child, (widgets.Text, widgets.Textarea)):
                note = notes.get(child.model_id)
                if note is None:
                    note = notes[child.model_id] = LimitNote(child)
                wanted.append(note)
        if wanted != children:
            box.children = wanted

    def walk(widget: widgets.Widget) -> None:
        if not isinstance(widget, widgets.Box):
            return
        if widget.model_id not in watched:
            watched.add(widget.model_id)
            widget.observe(lambda change, box=widget: (fix(box), [walk(c) for c in box.children]), names="children")
        fix(widget)
        for child in widget.children:
            walk(child)

    walk(root)
