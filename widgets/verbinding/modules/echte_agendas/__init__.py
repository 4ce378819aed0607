"""Module 6 "Echte agenda's": a small access register from ministers' public agendas.

Pure pandas, no ipywidgets. The data are the public agendas of Dutch ministers and state
secretaries as collected by Integrity Watch NL (Transparency International Nederland) from
rijksoverheid.nl, shipped in ``datasets/echte_agendas/``. There is no organisation column:
keyword rules (``org_types`` in ``texts/<lang>/agendas.yaml``, editable by trainers) *suggest*
an organisation type per entry; the learner corrects suggestions per entry id.

Respect for real organisations: this module only counts organisation *types*; it never
labels a real organisation an insider.

Main API::

    register = AgendaRegister(period="rutteIV", ministry="Financiën")
    register.entries()          # selected contact entries with suggestion and final type
    register.set_correction(entry_id, "bedrijf")
    register.distribution()     # aggregated frame: type_id, label, count, share
    register.chart()            # Vega-Lite spec of the distribution (aggregated)
    register.summary()          # Dutch text summary for beside the chart
    register.limit_texts()      # what the data cannot show, with computed figures
    state = register.to_dict(); AgendaRegister.from_dict(state)
    export_blocks(state)        # blocks for the Word/Markdown export

Loading is cached per period (``load_period``); a cold load of Rutte IV takes about a tenth
of a second, later calls are free.

The package (import from ``verbinding.modules.echte_agendas``; names with a leading underscore are shared
between these files only):

* ``rules.py`` – the keyword rules and the types a learner may choose;
* ``data.py`` – one period's agendas, read and prepared once (:func:`load_period`);
* ``register.py`` – :class:`AgendaRegister`, the reflection feedback and :func:`is_complete`;
* ``export.py`` – the distribution chart and :func:`export_blocks`;
* ``practice.py`` – back to practice: the learner's own dossier.
"""

from verbinding.modules.echte_agendas.data import (
    AGENDA_COLUMNS,
    AGENDA_TEXT_COLUMNS,
    CACHE_VERSION,
    DEFAULT_PERIOD,
    MATCHING_COLUMNS,
    PERIODS,
    Agenda,
    data_dir,
    load_period,
    name_key,
    period_label,
)
from verbinding.modules.echte_agendas.export import BAR_COLOUR, MAX_EXPORT_CORRECTIONS, distribution_chart, export_blocks
from verbinding.modules.echte_agendas.practice import practice_dossier, practice_feedback
from verbinding.modules.echte_agendas.register import (
    MAX_REFLECTION,
    MODULE_ID,
    AgendaRegister,
    is_complete,
    reflection_feedback,
    still_to_do,
)
from verbinding.modules.echte_agendas.rules import (
    AgendaDataError,
    KeywordMatcher,
    OrgType,
    keyword_matcher,
    load_rules,
    other_type_id,
    suggest_types,
    type_labels,
    unknown_type_id,
)

__all__ = [
    "AGENDA_COLUMNS",
    "AGENDA_TEXT_COLUMNS",
    "BAR_COLOUR",
    "CACHE_VERSION",
    "DEFAULT_PERIOD",
    "MATCHING_COLUMNS",
    "MAX_EXPORT_CORRECTIONS",
    "MAX_REFLECTION",
    "MODULE_ID",
    "PERIODS",
    "Agenda",
    "AgendaDataError",
    "AgendaRegister",
    "KeywordMatcher",
    "OrgType",
    "data_dir",
    "distribution_chart",
    "export_blocks",
    "is_complete",
    "keyword_matcher",
    "load_period",
    "load_rules",
    "name_key",
    "other_type_id",
    "period_label",
    "practice_dossier",
    "practice_feedback",
    "reflection_feedback",
    "still_to_do",
    "suggest_types",
    "type_labels",
    "unknown_type_id",
]
