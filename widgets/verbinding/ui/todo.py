"""'Nog te doen': what the current module still asks before the course map says "afgerond".

One box at the end of every module in the course app, above the link to the next module.
The app refreshes it whenever the workbook changes (a module saves); the texts come from the
module model's own ``still_to_do(state)`` through :func:`verbinding.progress.still_to_do`.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.progress import DONE, MODELS, best_progress, still_to_do
from verbinding.texts import t
from verbinding.ui.markup import escape


def todo_html(workbook, module_id: str) -> str:
    """The box for one module ('' for a module without completion rules)."""
    modules = {other: workbook.module(other) for other in MODELS if other != module_id}  # what its page shows of them
    items = still_to_do(workbook.module(module_id), module_id, modules)  # the work shown: the chosen case's
    if items is None:
        return ""
    title = escape(t("common.todo.title"))
    if not items:
        return f'<p class="verbinding-todo-box verbinding-ok">{escape(t("common.todo.done"))}</p>'
    best = best_progress(workbook.document, module_id)
    other = ""
    if best.status == DONE and best.other_case and best.case:
        from verbinding.export import case_short_title

        other = f"<p>{escape(t('common.todo.done_elsewhere', case=case_short_title(best.case)))}</p>"
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (f'<section class="verbinding-todo-box verbinding-notice">'
            f"<h2>{title}</h2>{other}<ul>{rows}</ul></section>")


class ModuleTodo(widgets.HTML):
    """The 'Nog te doen' box of one module; :meth:`refresh` re-reads the workbook."""

    def __init__(self, workbook, module_id: str):
        super().__init__()
        self.workbook = workbook
        self.module_id = module_id
        self.add_class("verbinding-todo")
        self.refresh()

    def refresh(self) -> None:
        value = todo_html(self.workbook, self.module_id)
        if value != self.value:
            self.value = value
