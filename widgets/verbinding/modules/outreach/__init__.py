"""Outreach (module 2): the dimension map of a policy challenge, pure model, no widgets.

The learner maps which societal dimensions a policy challenge touches, links stakeholders to
each dimension, rates expertise and support per link, places stakeholders on a power–interest
grid and records alternative proposals; the map turns that into gaps a learner can act on.
The saved state is described in :mod:`verbinding.modules.outreach.model`.

The package (import from ``verbinding.modules.outreach``; names with a leading underscore are shared
between these files only):

* ``records.py`` – the records, constants, small helpers and Dutch labels;
* ``model.py`` – :class:`OutreachMap` (edits, saved state, tolerant readers) and :func:`is_complete`;
* ``completion.py`` – what :func:`still_to_do` asks of the dimensions;
* ``gaps.py`` – the gap rules and the feedback on alternatives;
* ``charts.py`` – aggregated frames, their summaries and the Vega-Lite specs;
* ``export.py`` – :func:`export_blocks` for Markdown and Word;
* ``search.py`` – :class:`OrganisationSearch`, the search over a case's organisations.
"""

from verbinding.modules.outreach.charts import MapCharts, grid_spec, heatmap_spec
from verbinding.modules.outreach.completion import MIN_LINKED_DIMENSIONS
from verbinding.modules.outreach.export import export_blocks
from verbinding.modules.outreach.gaps import GapRules, attention_points
from verbinding.modules.outreach.model import OutreachMap, is_complete, still_to_do
from verbinding.modules.outreach.records import (
    DIMENSION_RULES,
    ENOUGH,
    EXPERTISE_MISSING,
    HEARINGS,
    LEVELS,
    MAX_NAME,
    MAX_REMOVED,
    MAX_TEXT,
    SCALE_MAX,
    STATE_VERSION,
    STATUSES,
    Alternative,
    Dimension,
    Gap,
    Link,
    OutreachError,
    Stakeholder,
    clean_name,
    clean_text,
    insiders_from_connection,
    level_label,
    link_count,
    org_type_labels,
    quadrant_of,
    removed_message,
    scale_label,
    undone_message,
)
from verbinding.modules.outreach.search import OrganisationSearch, SearchResult, normalise

__all__ = [
    "DIMENSION_RULES",
    "ENOUGH",
    "EXPERTISE_MISSING",
    "HEARINGS",
    "LEVELS",
    "MAX_NAME",
    "MIN_LINKED_DIMENSIONS",
    "MAX_REMOVED",
    "MAX_TEXT",
    "SCALE_MAX",
    "STATE_VERSION",
    "STATUSES",
    "SearchResult",
    "Alternative",
    "Dimension",
    "Gap",
    "GapRules",
    "Link",
    "MapCharts",
    "OrganisationSearch",
    "OutreachError",
    "OutreachMap",
    "Stakeholder",
    "attention_points",
    "clean_name",
    "clean_text",
    "export_blocks",
    "grid_spec",
    "heatmap_spec",
    "insiders_from_connection",
    "is_complete",
    "level_label",
    "link_count",
    "normalise",
    "org_type_labels",
    "quadrant_of",
    "removed_message",
    "scale_label",
    "still_to_do",
    "undone_message",
]
