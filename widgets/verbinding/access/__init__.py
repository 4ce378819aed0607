"""Access analytics on a contact log: who gets access, how concentrated, how persistent.

Pure pandas/numpy, no widgets. Every function takes a **links** frame: one row per
organisation on one contact (a contact with three organisations gives three links), with

* an organisation column (``org_id`` in a built-in case, ``organisation`` in a log read by
  :func:`verbinding.cases.load_contact_log`; pass ``org_col`` to name another one),
* a ``year`` column (int) where a function needs years (or a ``date`` column it derives it from).

Definitions (the contract of ``verbinding access``):

* an *organisation* is a distinct non-empty value of the organisation column;
* a *link* is one organisation on one contact row;
* ``top10_share``: share of all links held by the 10 organisations with most links (all of
  them when there are fewer than 10);
* ``top1pct_share`` / ``top10pct_share``: the same for the top 1% / 10% of organisations,
  the number of organisations rounded **up** (ceil): 30 organisations -> top 10% = 3,
  1 organisation -> top 1% = 1;
* **ties**: organisations are ranked on their number of links only. When the cut-off falls
  inside a group of organisations with the same count, *which* of them is counted does not
  matter for a share: the sum of the k largest counts is the same whichever tied
  organisation is picked. Lists shown to people break ties on the organisation id.
* ``gini``: Gini coefficient of links per organisation, among organisations with at least
  one link (0 = every organisation equally many links; towards 1 = one organisation has
  nearly all); one organisation gives 0;
* ``hhi``: Herfindahl-Hirschman index, the sum of squared link shares (0-1);
* ``single_link_share``: share of organisations with exactly one link;
* an empty log has no concentration: every figure is 0.

Access is not influence: every figure shown to a learner goes with
``t("common.access_caveat")``.

The package, in reading order (import from ``verbinding.access``; ``_years`` and ``_codes``
are shared between these files only):

* ``counts.py`` – reading a links frame, links per organisation, :class:`Concentration`, Lorenz;
* ``persistence.py`` – the persistent core of a window of years, and the insider rules;
* ``reinforcement.py`` – early against late access (:class:`EarlyLate`);
* ``groups.py`` – access per organisation type and per societal dimension, quiet corners;
* ``cli.py`` – the summaries of ``verbinding access`` and the command itself;
* ``charts.py`` – Vega-Lite specifications, built from aggregated frames only.
"""

from verbinding.access.charts import BLUE, GREEN, GREY, ORANGE, PALETTE, early_late_spec, lorenz_spec, shares_spec, top_spec
from verbinding.access.cli import (
    DEFAULT_SEPARATOR,
    NO_SEPARATOR,
    access_command,
    command_separator,
    read_report,
    read_report_lines,
    summary,
    summary_text,
    unique_links,
    window_years_without_links,
)
from verbinding.access.counts import (
    ORG_COLUMNS,
    Concentration,
    ceil_share,
    concentration,
    concentration_from_counts,
    link_counts,
    lorenz,
    lorenz_from_counts,
    org_column,
)
from verbinding.access.groups import dimension_access, quiet_corners, representation
from verbinding.access.persistence import (
    PersistentCore,
    insiders_by_presence,
    insiders_by_top,
    parse_window,
    persistent_core,
    share_of_links,
    top_organisations,
    years_present,
)
from verbinding.access.reinforcement import EARLY_BANDS, EarlyLate, default_split_year, early_late, early_late_table

__all__ = [
    "BLUE",
    "DEFAULT_SEPARATOR",
    "EARLY_BANDS",
    "GREEN",
    "GREY",
    "NO_SEPARATOR",
    "ORANGE",
    "ORG_COLUMNS",
    "PALETTE",
    "Concentration",
    "EarlyLate",
    "PersistentCore",
    "access_command",
    "ceil_share",
    "command_separator",
    "concentration",
    "concentration_from_counts",
    "default_split_year",
    "dimension_access",
    "early_late",
    "early_late_spec",
    "early_late_table",
    "insiders_by_presence",
    "insiders_by_top",
    "link_counts",
    "lorenz",
    "lorenz_from_counts",
    "lorenz_spec",
    "org_column",
    "parse_window",
    "persistent_core",
    "quiet_corners",
    "read_report",
    "read_report_lines",
    "representation",
    "share_of_links",
    "shares_spec",
    "summary",
    "summary_text",
    "top_organisations",
    "top_spec",
    "unique_links",
    "window_years_without_links",
    "years_present",
]
