"""Walking a widget tree as a screen reader or a keyboard user meets it."""

from __future__ import annotations

import ipywidgets as widgets


def controls(widget) -> list:
    """Every dropdown and text field inside a widget tree."""
    found, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, (widgets.Dropdown, widgets.Text, widgets.Textarea)):
            found.append(node)
        stack.extend(getattr(node, "children", ()))
    return found
