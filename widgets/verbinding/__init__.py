"""verbinding: a Jupyter course and toolkit for *verbindend leiderschap*.

Pure models (cases, access, outreach, accountability, workbook, document) import no
ipywidgets; the widgets live in :mod:`verbinding.ui`. Keep this module lean: Voilà
imports it in every kernel.
"""

__version__ = "0.1.0"
