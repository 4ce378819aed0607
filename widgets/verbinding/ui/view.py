"""The one view cycle every module's exercise uses (issue 22 item 2).

A module view is a column of widgets over one part of the learner's workbook
(``workbook.module(module_id)``). :class:`ModuleView` owns the cycle around it, so a view
only says how its widgets read and show its saved work:

- **load**: :meth:`ModuleView.load` fills the widgets from the workbook (:meth:`read`) while
  their change handlers stay quiet, then shows the feedback (:meth:`update`);
- **save**: :meth:`ModuleView.save` writes the module's part of the workbook, unless the
  view is loading (a value set by :meth:`read` is not the learner's typing);
- **restore**: a restored or merged workbook (an upload, another tab's save that the keeper
  merged in) fires ``restores``; the view loads again (:meth:`restored`);
- **refresh**: the course app calls :meth:`refresh` when the module is shown again after
  other modules changed (by default: load again);
- **show**: display the view in a notebook cell and return it.

Layouts come from :mod:`verbinding.ui.layout`, status lines and feedback lists from
:mod:`verbinding.ui.markup`, so no view writes its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
from IPython.display import display


class ModuleView(widgets.VBox):
    """Base of a module's exercise view; a subclass sets :attr:`module_id`, builds its
    widgets, calls ``super().__init__(page, children)`` and then :meth:`start`."""

    #: the module's key in the workbook (its ``module.yaml`` id)
    module_id: str = ""

    def __init__(self, page, children=(), **kwargs):
        self.page = page
        self.workbook = page.workbook
        self._loading = False
        super().__init__(list(children), **kwargs)

    # ----- the cycle ---------------------------------------------------------------------
    def start(self) -> None:
        """Load the saved work and follow restores; call once, after the widgets exist
        and their change handlers are attached."""
        self.workbook.observe(lambda _change: self.restored(), names="restores")
        self.load()

    @property
    def loading(self) -> bool:
        """True while the widgets are being filled from the workbook."""
        return self._loading

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Set widget values without their handlers saving them (nests)."""
        before, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = before

    def saved(self) -> dict[str, Any]:
        """The module's part of the workbook as saved (a copy)."""
        return self.workbook.module(self.module_id)

    def load(self) -> None:
        """Fill the widgets from the workbook, then show the feedback."""
        with self.quiet():
            self.read(self.saved())
        self.update()

    def save(self, data: dict[str, Any]) -> bool:
        """Write ``data`` as the module's work; False (nothing written) while loading."""
        if self._loading:
            return False
        self.workbook.set_module(self.module_id, data)
        return True

    def restored(self) -> None:
        """The workbook was restored or merged: show what it holds now."""
        self.load()

    def refresh(self) -> None:
        """The module is shown again after other modules changed."""
        self.load()

    # ----- what a view says --------------------------------------------------------------
    def read(self, data: dict[str, Any]) -> None:
        """Put the saved ``data`` into the widgets (handlers are quiet meanwhile)."""
        raise NotImplementedError

    def update(self) -> None:
        """Show feedback for the current work (after a load and after each change)."""

    # ----- notebook ------------------------------------------------------------------------
    def show(self):
        display(self)
        return self
