"""Module 5 "Eigen dossier": the six OCA questions applied to the learner's own dossier.

Pure model, no widgets. For each question (from the Leiden Leadership Centre factsheet,
texts in ``texts/nl/dossier.yaml``) the learner writes an answer and the evidence, gives a
score on the catalogue's scale and notes a concrete next step (what, and when). The model
gives feedback per question, pulls short hints from the learner's work in modules 2–4
(:func:`module_hints`, read defensively), and renders a one-page "OCA-scan" as document
blocks (Word and Markdown through :mod:`verbinding.document`) and a chart of the scores.

State (``workbook.module("eigen_dossier")``)::

    {"version": 1,
     "title": str, "description": str,
     "questions": {question_id: {"answer": str, "evidence": str, "score": int | None,
                                  "next_step": str, "when": str}},
     "werkbank": {...}}   # the learner's own map and contacts, see verbinding.modules.eigen_dossier.workbench

The package, in reading order (import from ``verbinding.modules.eigen_dossier``; it is the module's
``model``: ``export_blocks``, ``is_complete`` and ``still_to_do`` are looked up here):

* ``questions.py`` – pillars, questions and scale from the catalogue; the constants;
* ``hints.py`` – reminders per question from modules 2–4;
* ``evidence.py`` – whether the evidence for a question is evidence;
* ``scan.py`` – :class:`DossierScan`, feedback per question, and what is still to do;
* ``scores.py`` – the scores as a frame, a text alternative and a chart;
* ``export.py`` – the one-page OCA scan as document blocks, Markdown and Word.
"""

from verbinding.modules.eigen_dossier.evidence import evidence_kind
from verbinding.modules.eigen_dossier.export import export_blocks, scan_docx, scan_filename, scan_markdown, scan_title
from verbinding.modules.eigen_dossier.hints import hint_module_ids, module_hints
from verbinding.modules.eigen_dossier.questions import (
    FEEDBACK_QUESTION,
    FEW_HEARD_BACK,
    FIELDS,
    MAX_SEEN_NAMES,
    MIN_EVIDENCE_WORDS,
    MIN_STEM,
    PILLAR_COLOURS,
    PILLAR_IDS,
    PILLAR_MODULES,
    REMARK_KINDS,
    STATE_VERSION,
    Check,
    DossierTexts,
    DossierTextsError,
    Pillar,
    Question,
    load_texts,
)
from verbinding.modules.eigen_dossier.scan import DossierScan, is_complete, still_to_do
from verbinding.modules.eigen_dossier.scores import scores_chart, scores_frame, scores_summary
from verbinding.texts import t as t  # verbinding.modules.eigen_dossier.t, as before the split

__all__ = [
    "FEEDBACK_QUESTION",
    "FEW_HEARD_BACK",
    "FIELDS",
    "MAX_SEEN_NAMES",
    "MIN_EVIDENCE_WORDS",
    "MIN_STEM",
    "PILLAR_COLOURS",
    "PILLAR_IDS",
    "PILLAR_MODULES",
    "REMARK_KINDS",
    "STATE_VERSION",
    "Check",
    "DossierScan",
    "DossierTexts",
    "DossierTextsError",
    "Pillar",
    "Question",
    "evidence_kind",
    "export_blocks",
    "hint_module_ids",
    "is_complete",
    "load_texts",
    "module_hints",
    "scan_docx",
    "scan_filename",
    "scan_markdown",
    "scan_title",
    "scores_chart",
    "scores_frame",
    "scores_summary",
    "still_to_do",
]
