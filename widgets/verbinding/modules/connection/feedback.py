"""The Dutch feedback of the Connection exercise, built from the learner's choices and the
case's figures: each text names the organisations, dimensions and percentages concerned
(the guess, the insider rule, the playing field, the invitations and the search for them,
the counter-voice plan, the reflection of step 3)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from verbinding import access, dutch
from verbinding.modules.connection.analysis import InsiderResult
from verbinding.modules.connection.state import (
    EARLY_STEPS,
    GOOD_GUESS_POINTS,
    ConnectionWork,
    CounterVoice,
    DimensionChoice,
    OutreachGaps,
    _labels,
    step_label,
)
from verbinding.texts import sentence, t


def guess_feedback(guess: int | None, actual_share: float, count: int | None = None) -> str:
    """Names the real figure and how far off the guess was (percentage points)."""
    actual = round(actual_share * 100)
    if guess is None:
        return t("connection.guess.no_guess", actual=actual)
    diff = int(guess) - actual
    base = t("connection.guess.actual", guess=int(guess), actual=actual,
             organisations=organisations_text(count) if count is not None else "")
    if abs(diff) <= GOOD_GUESS_POINTS:
        verdict = t("connection.guess.close", points=abs(diff))
    elif diff < 0:
        verdict = t("connection.guess.too_low", points=-diff)
    else:
        verdict = t("connection.guess.too_high", points=diff)
    return f"{base} {verdict}"


def untouched_guess_note(guess: int, touched: bool, asked: bool) -> str | None:
    """Before the figures: a note when the learner never moved or typed the estimate and
    has not yet confirmed it (feedback never says "Je schatte 10%" of a value the learner
    left standing); None when the figures may be shown."""
    if touched or asked:
        return None
    return t("connection.guess.untouched", guess=int(guess), button=t("connection.ui.reveal"))


def _dimension_list(ids, names: dict[str, str]) -> str:
    return ", ".join(names.get(d, d) for d in ids) or t("connection.ui.no_expertise")


def candidate_text(name: str, contacts: str, type_label: str, org_dims, chosen, names: dict[str, str]) -> str:
    """One row of the invite list: the chosen dimensions it has expertise on ("past bij");
    all its expertise when none are chosen or it matches none (linked in module 2). Its
    full expertise is in :func:`candidate_detail_text` and under "Jouw uitnodigingen"."""
    matching = [d for d in org_dims if d in set(chosen)]
    if matching:
        return t("connection.ui.candidate_option_matching", name=name, links=contacts, type=type_label,
                 dimensions=_dimension_list(matching, names))
    return t("connection.ui.candidate_option", name=name, links=contacts, type=type_label,
             dimensions=_dimension_list(org_dims, names))


def candidate_detail_text(name: str, contacts: str, type_label: str, org_dims, names: dict[str, str]) -> str:
    """The chosen candidate in full, below the list (a list row is one line and may be cut)."""
    return t("connection.ui.candidate_detail", name=name, links=contacts, type=type_label,
             dimensions=_dimension_list(org_dims, names))


def invited_text(type_label: str, dimensions: list[str]) -> str:
    """An invitation's line under its name: its type and all its expertise."""
    return t("connection.ui.invited_info", type=type_label,
             dimensions=", ".join(dimensions) or t("connection.ui.no_expertise"))


def organisations_text(n: int) -> str:
    """"1 organisatie", "3 organisaties"."""
    return dutch.count(n, t("connection.organisation"), t("connection.organisations"))


def candidates_count_text(matched: int, shown: int) -> str:
    """'1 organisatie past bij je keuze.' / '12 organisaties passen ...; je ziet de eerste 10.'"""
    count = organisations_text(matched)
    if matched <= shown:
        return t("connection.ui.candidates_count_one" if matched == 1 else "connection.ui.candidates_count",
                 matched=count)
    return t("connection.ui.candidates_count_cut_one" if matched == 1 else "connection.ui.candidates_count_cut",
             matched=count, shown=dutch.number(shown))


def insider_feedback(result: InsiderResult, names: dict[str, str], early_late: access.EarlyLate | None = None,
                     revealed: bool = True) -> str:
    """Whom the rule catches. Before the learner has guessed and revealed in step 1 the
    share of contacts is left out ("eerst schatten, dan meten")."""
    n = len(result.members)
    if n == 0:
        return t("connection.rule.none")
    shown = [names.get(m, m) for m in result.members[:5]]
    if n > 5:
        shown.append(t("connection.rule.and_more", more=organisations_text(n - 5)))
    parts = [
        t(
            "connection.rule.caught" if revealed else "connection.rule.caught_hidden",
            rule=result.rule.describe(),
            organisations=organisations_text(n),
            share_orgs=dutch.percent(result.share_of_organisations),
            share_links=dutch.percent(result.share_of_links),
            names=dutch.join(shown),
        )
    ]
    if len(result.types):
        type_text = dutch.join(f"{row.label} ({row.organisations})" for row in result.types.itertuples())
        parts.append(t("connection.rule.types", types=type_text))
    return " ".join(parts)


def early_late_text(el: access.EarlyLate, first_year: int, last_year: int, revealed: bool = True) -> str:
    if not revealed:
        return t("connection.locked")
    return t(
        "connection.early_late.summary",
        early_start=first_year,
        early_end=el.split_year - 1,
        late_start=el.split_year,
        late_end=last_year,
        organisations=organisations_text(el.early_top_count),
        share_early=dutch.percent(el.early_top_share_early),
        share_late=dutch.percent(el.early_top_share_late),
        newcomers=dutch.percent(1 - el.late_share_early_active),
    )


def playing_field_text(rep: pd.DataFrame, business: tuple[float, float] | None = None) -> str:
    """Names the most over- and under-represented types with their two shares."""
    known = rep[(rep["group"] != "?") & (rep["population"] > 0)]
    if known.empty:
        return t("connection.field.empty")
    ordered = known.sort_values("ratio", ascending=False, kind="stable")
    over, under = ordered.iloc[0], ordered.iloc[-1]
    parts = [
        t(
            "connection.field.over",
            label=over["label"],
            access=dutch.percent(over["access_share"]),
            population=dutch.percent(over["population_share"]),
        ),
        t(
            "connection.field.under",
            label=under["label"],
            access=dutch.percent(under["access_share"]),
            population=dutch.percent(under["population_share"]),
        ),
    ]
    if business is not None and business[1] > 0:
        parts.append(
            t(
                "connection.field.business",
                access=dutch.percent(business[0]),
                population=dutch.percent(business[1]),
            )
        )
    return " ".join(parts)


def invitation_feedback(
    work: ConnectionWork,
    insider_ids: Iterable[str] = (),
    gap_dimensions: dict[str, str] | None = None,
    org_dimensions: dict[str, list[str]] | None = None,
) -> list[str]:
    """Dutch remarks on the chosen invitations; each names the organisations concerned.

    ``gap_dimensions`` maps dimension id -> name; ``org_dimensions`` maps org id -> ids.
    """
    invs = work.invitations
    if not invs:
        return [t("connection.invite.none")]
    out: list[str] = []
    no_reason = [i.name or i.org_id for i in invs if not i.reason.strip()]
    if no_reason:
        out.append(t("connection.invite.no_reason", names=dutch.join(no_reason)))
    insider_set = set(insider_ids)
    already = [i.name or i.org_id for i in invs if i.org_id in insider_set]
    if already:
        out.append(sentence("connection.invite.insiders_one" if len(already) == 1 else "connection.invite.insiders",
                     names=dutch.join(already)))
    if gap_dimensions and org_dimensions is not None:
        covered = {d for i in invs for d in org_dimensions.get(i.org_id, [])}
        missing = [name for dim, name in gap_dimensions.items() if dim not in covered]
        if missing:
            out.append(t("connection.invite.gap_open", dimensions=dutch.join(missing)))
        else:
            out.append(t("connection.invite.gap_covered", dimensions=dutch.join(gap_dimensions.values())))
    new = [i for i in invs if i.links == 0]
    types = sorted({i.type_label for i in invs if i.type_label})
    out.append(
        t(
            "connection.invite.summary",
            organisations=organisations_text(len(invs)),
            new=dutch.number(len(new)),
        )
        + ("" if not types else " " + t("connection.invite.types_one" if len(types) == 1 else "connection.invite.types",
                                        types=dutch.join(types)))
    )
    if len(invs) >= 3 and len(types) == 1:
        out.append(t("connection.invite.one_type", type=types[0]))
    return [dutch.tidy(line) for line in out]


def counter_voice_feedback(cv: CounterVoice) -> list[str]:
    """Dutch remarks on the counter-voice plan: what is missing, and whether it comes in time."""
    out: list[str] = []
    if not cv.formats:
        out.append(t("connection.counter.no_format"))
    if not cv.facilitation:
        out.append(t("connection.counter.no_facilitation"))
    if not cv.whom.strip():
        out.append(t("connection.counter.no_whom"))
    if not cv.steps:
        out.append(t("connection.counter.no_steps"))
    elif not any(s in EARLY_STEPS for s in cv.steps):
        out.append(t("connection.counter.late", steps=dutch.join(step_label(s) for s in cv.steps)))
    if not cv.alternative_list:
        out.append(t("connection.counter.no_alternatives"))
    if not out:
        formats = _labels("connection.counter_voice.formats")
        out.append(
            t(
                "connection.counter.complete",
                formats=dutch.join(formats.get(f, f).lower() for f in cv.formats),
                steps=dutch.join(step_label(s) for s in cv.steps),
                alternatives=dutch.count(len(cv.alternative_list), t("connection.counter.proposal"),
                                         t("connection.counter.proposals")),
            )
        )
    return out


def field_note_feedback(note: str) -> str:
    """A response to the reflection of step 3 ("Wat valt je op?"): a prompt when it is
    empty, an acknowledgement with a follow-up question when it is short, else an
    acknowledgement that points to step 4."""
    kind = dutch.reflection_kind(note)
    return t({"empty": "connection.note.empty", "short": "connection.note.short"}.get(kind, "connection.note.thanks"))


def search_scope_text(selected: list[DimensionChoice]) -> list[str]:
    """What filters the candidate list, said above it: the chosen dimensions (which the
    learner may not have chosen themselves: module 2's gaps are chosen for them), and a
    note for their own dimensions, on which the case data knows no expertise."""
    if not selected:
        return [t("connection.ui.scope_all")]
    lines = [t("connection.ui.scope_dimensions", dimensions=dutch.join(f"'{d.name}'" for d in selected))]
    own = [d for d in selected if d.own]
    if own:
        lines.append(t("connection.ui.scope_own", dimensions=dutch.join(f"'{d.name}'" for d in own)))
    return lines


def no_candidates_text(query: str, selected: list[DimensionChoice], without_dimensions: int) -> str:
    """Why the list is empty, and what would find more (a search that the dimensions filter
    out is said, with how many it finds without them)."""
    if selected and query.strip() and without_dimensions:
        return t("connection.ui.no_candidates_dimensions", query=query.strip(),
                 dimensions=dutch.join(f"'{d.name}'" for d in selected),
                 found=organisations_text(without_dimensions))
    return t("connection.ui.no_candidates")


def gap_source_text(gaps: OutreachGaps, names: dict[str, str], chosen: Iterable[str]) -> str:
    """Where the chosen dimensions of step 4 come from, said as module 2 holds it: its
    dimensions without expertise, or that every dimension there has enough (with its other
    points of attention counted), or that no map was saved there; and whether the choice
    under 'Dimensies' is still module 2's."""
    if gaps.expertise:
        text = t("connection.ui.gaps_from_outreach", dimensions=dutch.join(names.get(g, g) for g in gaps.expertise))
        if set(chosen) != set(gaps.expertise):
            text += " " + t("connection.ui.gaps_changed_here")
        return text
    if not gaps.started:
        return t("connection.ui.gaps_choose")
    if gaps.other:
        return t("connection.ui.gaps_none_missing_other",
                 points=dutch.count(gaps.other, t("connection.ui.point_one"), t("connection.ui.point_many")))
    return t("connection.ui.gaps_none_missing")


def pinned_text(shown: list[str], outside: list[str], hidden: list[str], max_links: int) -> list[str]:
    """What the list does with the organisations linked in module 2: on top (``shown``),
    there without expertise on the chosen dimensions (``outside``), or left out because
    they had more contacts than 'Hoogstens' allows (``hidden``)."""
    lines = []
    if shown:
        lines.append(t("connection.ui.candidates_pinned", names=dutch.join(shown)))
    if outside:
        key = "connection.ui.candidates_pinned_outside" + ("_one" if len(outside) == 1 else "")
        lines.append(t(key, names=dutch.join(outside)))
    if hidden:
        contacts = dutch.count(max_links, t("connection.ui.contacts_one"), t("connection.ui.contacts_many"))
        key = "connection.ui.candidates_pinned_hidden" + ("_one" if len(hidden) == 1 else "")
        lines.append(t(key, names=dutch.join(hidden), contacts=contacts))
    return [dutch.tidy(line) for line in lines]
