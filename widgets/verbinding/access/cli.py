"""``verbinding access``: the JSON and Dutch-text summaries, and the command that reads a
contact log for them."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd

from verbinding import dutch
from verbinding.access.counts import _years, concentration, org_column
from verbinding.access.persistence import parse_window, persistent_core


# --------------------------------------------------------------------------- summaries
def summary(links: pd.DataFrame, window: tuple[int, int] | None = None, org_col: str | None = None) -> dict:
    """The JSON object of ``verbinding access``."""
    result = concentration(links, org_col).to_dict()
    if window is not None:
        result["persistent_core"] = persistent_core(links, window, org_col).to_dict()
    return result


def summary_text(links: pd.DataFrame, window: tuple[int, int] | None = None, org_col: str | None = None) -> str:
    """The same figures as :func:`summary`, as Dutch sentences for a trainer."""
    from verbinding.texts import t

    c = concentration(links, org_col)
    lines = [
        t("access.cli.heading"),
        t("access.cli.size", organisations=c.organisations, links=c.links),
        t("access.cli.top10", share=dutch.percent(c.top10_share, 1)),
        t("access.cli.top1pct", count=c.top1pct_count, share=dutch.percent(c.top1pct_share, 1)),
        t("access.cli.top10pct", count=c.top10pct_count, share=dutch.percent(c.top10pct_share, 1)),
        t("access.cli.gini", gini=dutch.number(c.gini, 2)),
        t("access.cli.hhi", hhi=dutch.number(c.hhi, 3)),
        t("access.cli.single", share=dutch.percent(c.single_link_share, 1)),
    ]
    if window is not None:
        core = persistent_core(links, window, org_col)
        lines.append(
            t(
                "access.cli.core",
                start=core.years[0],
                end=core.years[1],
                organisations=core.organisations,
                share_orgs=dutch.percent(core.share_of_organisations, 1),
                share_links=dutch.percent(core.share_of_links, 1),
            )
        )
    lines += ["", t("common.access_caveat")]
    return "\n".join(lines)


def unique_links(links: pd.DataFrame, org_col: str | None = None, row_col: str = "row") -> pd.DataFrame:
    """One link per organisation per contact row: ``"A; A; B"`` in one cell is 2 links."""
    col = org_column(links, org_col)
    if row_col not in links.columns or len(links) == 0:
        return links
    duplicated = links.duplicated([row_col, col])
    return links[~duplicated.to_numpy()] if duplicated.any() else links


DEFAULT_SEPARATOR = ";"  # the same as ``verbinding check-case`` on a contact log
NO_SEPARATOR = ("geen", "none")


def command_separator(value: str | None) -> str | None:
    """``--separator``: ``;`` when not given (as ``check-case``), None for ``geen``."""
    if value is None:
        return DEFAULT_SEPARATOR
    return None if value.strip().casefold() in NO_SEPARATOR else value


def window_years_without_links(links: pd.DataFrame, window: tuple[int, int]) -> list[int]:
    """The years of a ``--window`` in which the log has no link at all."""
    present = set(np.unique(_years(links)).tolist()) if len(links) else set()
    return [year for year in range(window[0], window[1] + 1) if year not in present]


def read_report(log, links: pd.DataFrame, separator: str | None, window: tuple[int, int] | None) -> dict:
    """What was read and set aside: the extra fields of ``verbinding access --format json``
    (after the contract's figures) and the basis of the text's closing lines."""
    extra = {
        "rows": int(log.rows),
        "rows_set_aside": int(log.report.rows_set_aside),
        "set_aside": {reason: count for (_file, reason), count in log.report.set_aside.items()},
        "separator": separator,
    }
    if window is not None:
        extra["window_years_without_links"] = window_years_without_links(links, window)
    return extra


def read_report_lines(extra: dict, path: str) -> list[str]:
    """Dutch lines for the text output: rows read and set aside, an empty window."""
    from verbinding.cases import counted
    from verbinding.cli import command
    from verbinding.dutch import join as dutch_join
    from verbinding.texts import t

    separator = extra["separator"]
    lines = [t("access.cli.rows_read", rows=counted(extra["rows"], "row"),
               separator=t("access.cli.split_on", separator=separator) if separator else t("access.cli.no_split"))]
    if extra["rows_set_aside"]:
        reasons = ", ".join(f"{reason}: {count}" for reason, count in extra["set_aside"].items())
        lines.append(t("access.cli.set_aside", count=counted(extra["rows_set_aside"], "row"), reasons=reasons, path=path,
                       command=command()))
    empty = extra.get("window_years_without_links")
    if empty:
        lines.append(t("access.cli.window_empty", years=dutch_join(str(y) for y in empty)))
    return lines


def access_command(args) -> int:
    """``verbinding access PATH --organisation COL --date COL [...]``; returns the exit code.

    Prints one JSON object (``--format json``) or Dutch text; errors go to stderr in Dutch
    with a non-zero exit code (2: wrong arguments, 1: the file cannot be used). Cells naming
    several organisations are split on ``;`` unless ``--separator`` says otherwise, as
    ``check-case`` does; rows set aside and window years without data are reported in both
    outputs (JSON: extra fields after the contract's figures).
    """
    from verbinding.texts import t

    window = None
    if getattr(args, "window", None):
        try:
            window = parse_window(args.window)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    try:
        from verbinding.cases import CaseError, load_contact_log
    except ImportError:  # pragma: no cover - the cases module ships with the package
        print(t("access.cli.no_loader"), file=sys.stderr)
        return 1
    separator = command_separator(getattr(args, "separator", None))
    try:
        log = load_contact_log(args.path, args.organisation, args.date, separator=separator)
    except CaseError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(t("access.cli.unreadable", path=args.path, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    links = unique_links(log.links, "organisation")
    if len(links) == 0:
        print(t("access.cli.no_links", path=args.path), file=sys.stderr)
        return 1
    extra = read_report(log, links, separator, window)
    if getattr(args, "format", "text") == "json":
        print(json.dumps({**summary(links, window, org_col="organisation"), **extra}, ensure_ascii=False))
    else:
        text = summary_text(links, window, org_col="organisation")
        print("\n".join([*read_report_lines(extra, args.path), "", text]))
    return 0


