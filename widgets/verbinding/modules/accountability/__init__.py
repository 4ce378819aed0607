"""Accountability: a justified weighing of interests, feedback to every stakeholder, a rationale.

Pure model (no ipywidgets). The factsheet's two Accountability questions: is the weighing
of interests clear and is it justified why some interests count more or less; has active
feedback (terugkoppeling) reached all relevant stakeholders?

State shape (JSON, stored as ``workbook.module("accountability")``)::

    {
      "version": 1,
      "interests": [            # one row per interest to weigh
        {"id": "org:o12",       # "org:<org_id>" for seeded rows, "eigen-<n>" for the learner's own
         "org_id": "o12",       # "" when the learner typed a party that is not in the case
         "name": "Stichting X", "asked": "what it asked for",
         "weight": "more" | "equal" | "less" | "",
         "reasoning": "why", "source": "consultation" | "talks" | ... | "",
         "origin": "outreach" | "connection" | "consultation" | "case" | "insider" | "learner",
         "dimensions": ["d1", ...], "insider": false}
      ],
      "dimensions": [{"id": "d1", "name": "..."}],    # to check that every dimension is weighed
      "dimensions_from": "outreach" | "case" | "",
      "feedback": {"<stakeholder key>": {"given": "yes" | "no" | "", "how": "letter" | ...,
                                          "when": "free text", "what": "free text"}},
      "draft": {"generated": "...", "edited": null | "...", "based_on": "...",
                "history": ["earlier edits, newest last"]},
      "next_id": 1,
      "handful": {"ids": ["org:o12", ...],   # the interests the learner is asked to weigh
                  "insider": "org:o12"}       # the insider the course points out ("" if none)
    }

The choices are saved as English codes (:data:`WEIGHTS`, :data:`SOURCES`,
:data:`FEEDBACK_HOW`, :data:`FEEDBACK_GIVEN`); the learner sees their Dutch labels. Workbooks
saved before issue 22 hold Dutch codes ("meer", "ja", "brief", ...): every reader takes both,
through :func:`saved_code` (in ``Interest.from_dict`` and ``FeedbackEntry.from_dict``), and
the next save writes the English ones. Other modules that read this state raw (the class
view) use :func:`saved_code` too.

The handful (issue 28) is the part of the list that is required: a default of
:data:`HANDFUL_SIZE` chosen by :func:`default_handful` (always with an insider when the case
has one), which the learner may change. The other interests are optional: left untouched
they ask for nothing; started, they count like the rest (:meth:`AccountabilityModel.considered`).
A state without ``handful`` (saved before) gets the default.

Inputs from other modules are read defensively (:func:`sources_from_workbook`,
:func:`sources_from_case`); the model itself only sees plain dicts and lists, so the tests
do not depend on the other modules.

Every learner-facing string comes from ``texts/nl/accountability.yaml``.

The package (import from ``verbinding.modules.accountability``; names with a leading underscore are
shared between these files only):

* ``records.py`` – the records (:class:`Interest`, :class:`FeedbackEntry`, :class:`Finding`,
  :class:`Sources`), constants, Dutch labels and small text helpers;
* ``sources.py`` – :func:`sources_from_workbook` and :func:`sources_from_case`;
* ``handful.py`` – :func:`default_handful` and :func:`pointed_insider`;
* ``checks.py`` – the reason checks and :class:`WeighingChecks` (findings, coverage);
* ``draft.py`` – :class:`DraftText` (the generated draft, edits, open points);
* ``tables.py`` – :class:`RationaleTables` (the rationale's tables and document blocks);
* ``model.py`` – :class:`AccountabilityModel` (saved state, seeding, the handful, editing; the
  three classes above are its mixins), :func:`feedback_counts` and :func:`is_complete`;
* ``charts.py`` – the feedback chart as a Vega-Lite spec and its summary in words;
* ``export.py`` – :func:`export_blocks` and the rationale as Markdown and Word.
"""

from verbinding.modules.accountability.charts import OKABE_ITO, coverage_chart, coverage_chart_summary, coverage_frame
from verbinding.modules.accountability.checks import group_findings, habit_kinds, habit_reason, overview, restates_weight
from verbinding.modules.accountability.export import export_blocks, rationale_docx, rationale_filename, rationale_markdown, rationale_title
from verbinding.modules.accountability.handful import default_handful, pointed_insider
from verbinding.modules.accountability.model import AccountabilityModel, feedback_counts, is_complete, still_to_do
from verbinding.modules.accountability.records import (
    DUTCH_CODES,
    FEEDBACK_GIVEN,
    FEEDBACK_HOW,
    GROUP_PREFIX,
    HANDFUL_GROUPS,
    HANDFUL_MAX,
    HANDFUL_MIN,
    HANDFUL_SIZE,
    MAX_COUNTER_VOICE_PARTIES,
    MAX_DRAFT_ITEMS,
    MAX_HISTORY,
    MAX_INDIVIDUAL_RESPONSES,
    MAX_LISTED_FINDINGS,
    MAX_NAME,
    MAX_OVERVIEW_FINDINGS,
    MAX_TEXT,
    MIN_REASON_WORDS,
    OPEN_KINDS,
    ORIGINS,
    PATTERN_KINDS,
    SOURCES,
    STATE_VERSION,
    TOP_INSIDERS,
    TOPIC_ORGS,
    WEIGHTS,
    FeedbackEntry,
    Finding,
    Interest,
    Sources,
    addressee_label,
    given_label,
    how_label,
    interest_label,
    saved_code,
    source_label,
    stakeholder_key,
    weight_label,
)
from verbinding.modules.accountability.sources import (
    consultation_groups,
    counter_voice_parties,
    insider_ids,
    sources_from_case,
    sources_from_workbook,
)

__all__ = [
    "AccountabilityModel",
    "DUTCH_CODES",
    "FEEDBACK_GIVEN",
    "FEEDBACK_HOW",
    "FeedbackEntry",
    "Finding",
    "GROUP_PREFIX",
    "HANDFUL_GROUPS",
    "HANDFUL_MAX",
    "HANDFUL_MIN",
    "HANDFUL_SIZE",
    "Interest",
    "MAX_COUNTER_VOICE_PARTIES",
    "MAX_DRAFT_ITEMS",
    "MAX_HISTORY",
    "MAX_INDIVIDUAL_RESPONSES",
    "MAX_LISTED_FINDINGS",
    "MAX_NAME",
    "MAX_OVERVIEW_FINDINGS",
    "MAX_TEXT",
    "MIN_REASON_WORDS",
    "OKABE_ITO",
    "OPEN_KINDS",
    "ORIGINS",
    "PATTERN_KINDS",
    "SOURCES",
    "STATE_VERSION",
    "Sources",
    "TOPIC_ORGS",
    "TOP_INSIDERS",
    "WEIGHTS",
    "addressee_label",
    "consultation_groups",
    "counter_voice_parties",
    "coverage_chart",
    "coverage_chart_summary",
    "coverage_frame",
    "default_handful",
    "export_blocks",
    "feedback_counts",
    "given_label",
    "group_findings",
    "overview",
    "habit_kinds",
    "habit_reason",
    "how_label",
    "insider_ids",
    "interest_label",
    "is_complete",
    "pointed_insider",
    "rationale_docx",
    "rationale_filename",
    "rationale_markdown",
    "rationale_title",
    "restates_weight",
    "saved_code",
    "source_label",
    "sources_from_case",
    "sources_from_workbook",
    "still_to_do",
    "stakeholder_key",
    "weight_label",
]
