"""The Connection exercise as a pure model (no widgets).

Five steps (``course/03_connection.ipynb``):

1. guess what share of the contacts the top 10% of organisations get, then measure;
2. set an insider rule and see whom it catches (:class:`InsiderRule`);
3. compare access per organisation type with its share of the population;
4. choose organisations to invite, with a reason (:class:`Invitation`);
5. plan counter-voice (tegengeluid): format, facilitation, whom, when in the Beleidskompas
   steps and which alternative proposals it may bring (:class:`CounterVoice`).

What lives where:

- :mod:`.state`: what the workbook stores (module ``"connection"``), :class:`ConnectionWork`
  and its parts, with ``to_dict``/``from_dict`` tolerant of missing keys and older shapes;
  the dimensions of step 4 as module 2 left them (:func:`learner_dimensions`);
- :mod:`.analysis`: :class:`CaseAnalysis`, the figures of one case computed once so every
  widget reaction stays fast, and the search over the candidates (:func:`filter_candidates`);
- :mod:`.feedback`: the Dutch feedback texts, built from the learner's choices and the
  case's figures; they name the organisations, dimensions and percentages concerned;
- :mod:`.progress`: :func:`still_to_do` and :func:`is_complete` (module ``progress``);
- :mod:`.export`: :func:`export_blocks`, the saved state as document blocks for the
  Markdown/Word export.

Every name is offered here as well (``from verbinding.modules.connection import CaseAnalysis``);
``module.yaml`` names this package as the module's model.
"""

from verbinding.modules.connection.analysis import CaseAnalysis, InsiderResult, filter_candidates
from verbinding.modules.connection.export import export_blocks
from verbinding.modules.connection.feedback import (
    candidate_detail_text,
    candidate_text,
    candidates_count_text,
    counter_voice_feedback,
    early_late_text,
    field_note_feedback,
    gap_source_text,
    guess_feedback,
    insider_feedback,
    invitation_feedback,
    invited_text,
    no_candidates_text,
    organisations_text,
    pinned_text,
    playing_field_text,
    search_scope_text,
    untouched_guess_note,
)
from verbinding.modules.connection.progress import is_complete, still_to_do
from verbinding.modules.connection.state import (
    EARLY_STEPS,
    GOOD_GUESS_POINTS,
    MAX_TEXT,
    MODULE_ID,
    STEPS,
    ConnectionWork,
    CounterVoice,
    DimensionChoice,
    InsiderRule,
    Invitation,
    OutreachGaps,
    facilitation_ids,
    format_ids,
    gap_dimensions_from_outreach,
    learner_dimensions,
    outreach_gaps,
    step_label,
)

__all__ = [
    "EARLY_STEPS", "GOOD_GUESS_POINTS", "MAX_TEXT", "MODULE_ID", "STEPS",
    "CaseAnalysis", "ConnectionWork", "CounterVoice", "DimensionChoice", "InsiderResult", "InsiderRule",
    "Invitation", "OutreachGaps",
    "candidates_count_text", "counter_voice_feedback", "early_late_text", "export_blocks",
    "facilitation_ids", "field_note_feedback", "filter_candidates", "format_ids",
    "gap_dimensions_from_outreach", "gap_source_text", "guess_feedback", "insider_feedback", "invitation_feedback",
    "is_complete", "learner_dimensions", "no_candidates_text", "organisations_text", "outreach_gaps",
    "pinned_text", "playing_field_text", "search_scope_text", "step_label", "still_to_do", "untouched_guess_note",
    "candidate_detail_text", "candidate_text", "invited_text",
]
