"""One layout for the exercise forms, so a view names its fields' widths instead of
writing its own ``Layout(...)`` (issue 22 item 2).

- :data:`WIDE` a field as wide as the text column, :data:`MID` a shorter one (a choice
  of a few words), :data:`REMOVE_BUTTON` a remove button under its list item;
  :func:`wide`, :func:`mid` a layout like :data:`WIDE`, :data:`MID` of a widget's own, for a
  widget that may be hidden;
- :func:`labels` the width of the labels before a form's fields (one per form, so its
  fields line up);
- :func:`heading`, :func:`paragraph` a step's title and introduction from the texts;
- :func:`status_box` the line under a form where its status and errors appear;
- :func:`one_line` a button's or an option's label cut to one line;
- :func:`remove_button` a remove button that shows what it removes in full.

The layouts are shared instances; never change one in place.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.texts import t
from verbinding.ui.markup import escape

WIDE = widgets.Layout(width="100%", max_width="46em")
MID = widgets.Layout(width="100%", max_width="32em")
REMOVE_BUTTON = widgets.Layout(width="auto", max_width="100%", align_self="flex-start")
REMOVE_CLASS = "verbinding-remove"  # the template lets its label wrap instead of cutting it off
MAX_REMOVE_LABEL = 160  # a long proposal is named by its start; the tooltip holds all of it


def wide() -> widgets.Layout:
    """:data:`WIDE` as a layout of its own, for a widget that may be hidden: hiding one
    that shares :data:`WIDE` hides every widget with it, in every view of the kernel."""
    return widgets.Layout(width=WIDE.width, max_width=WIDE.max_width)


def mid() -> widgets.Layout:
    """:data:`MID` as a layout of its own (see :func:`wide`): a slider the view may hide."""
    return widgets.Layout(width=MID.width, max_width=MID.max_width)


def labels(width: str) -> dict[str, str]:
    """The style of a form's fields whose labels are ``width`` wide (``"15em"``)."""
    return {"description_width": width}


def heading(key: str) -> widgets.HTML:
    """A step's title (``<h3>``) from the text at ``key``."""
    return widgets.HTML(f"<h3>{escape(t(key))}</h3>")


def subheading_html(text: object) -> str:
    """A title within a step or a feedback box (``<h4>``), as HTML."""
    return f"<h4>{escape(text)}</h4>"


def subheading(key: str) -> widgets.HTML:
    """A title within a step (``<h4>``) from the text at ``key``."""
    return widgets.HTML(f"<h4>{escape(t(key))}</h4>")


def paragraph(key: str) -> widgets.HTML:
    """A step's introduction (one ``<p>``) from the text at ``key``."""
    return widgets.HTML(f"<p>{escape(t(key))}</p>")


def status_box() -> widgets.HTML:
    """The line under a form for its status and errors; it keeps its height when empty,
    so the page does not jump when a message comes and goes."""
    return widgets.HTML(layout=widgets.Layout(min_height="1.5em"))


def one_line(text: object, limit: int = 60) -> str:
    """A button's or an option's label: one line, not endless (the full text stands in
    the list beside it)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def remove_button(label: object, layout: widgets.Layout = REMOVE_BUTTON) -> widgets.Button:
    """A button that removes one item of a list and says which, in full: "Verwijder
    koppeling Bewonerscomité Blauwe Dijk bij Waterveiligheid en wateroverlast". Its label
    wraps onto a second line in a narrow window (the template's ``verbinding-remove``)
    instead of being cut off, as it was at 1366 px; only a label longer than
    :data:`MAX_REMOVE_LABEL` (a long proposal) is shortened, with all of it in the tooltip."""
    text = " ".join(str(label).split())
    button = widgets.Button(description=one_line(text, MAX_REMOVE_LABEL), tooltip=text, layout=layout)
    button.add_class(REMOVE_CLASS)
    return button
