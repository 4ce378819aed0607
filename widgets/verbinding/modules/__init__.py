"""The course, one folder per module (see CONTRIBUTING.md).

Each ``modules/<id>/`` holds the module's spec (``module.yaml``: id, order, notebook, view, model),
its pure model (the package itself, no widgets) and its view (``view``, thin widgets over the
model, on :class:`verbinding.ui.view.ModuleView`). The course app, the workbook, export,
progress, the class view and the course map discover the modules from their specs
(:mod:`verbinding.course`). Shared pieces (workbook, cases, charts, texts, the app shell) stay
beside this folder.
"""
