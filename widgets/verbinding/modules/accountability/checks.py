"""The checks on the weighing and the feedback: reasons that only restate the weight or point at
habit, and :class:`WeighingChecks`, the part of :class:`~.model.AccountabilityModel` that
finds what is open and counts who heard back."""

from __future__ import annotations

import re

from verbinding import dutch
from verbinding.modules.accountability.records import (
    GROUP_PREFIX,
    MAX_LISTED_FINDINGS,
    MAX_OVERVIEW_FINDINGS,
    MIN_REASON_WORDS,
    PATTERN_KINDS,
    TAKEN_ALONG,
    Finding,
    _parties,
    _pct,
    _short,
    addressee_label,
    interest_label,
    weight_label,
)
from verbinding.texts import catalogue, t, tlist

# --------------------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------------------
_WORD = re.compile(r"[a-zà-ÿ0-9]+", re.IGNORECASE)


def restates_weight(reasoning: str) -> bool:
    """True when the reasoning only repeats the weight ("meer meegenomen want belangrijk").

    Every word is one of the catalogue's ``restating_words`` (weight words, "belangrijk",
    filler words). A reasoning with one word of real content passes.
    """
    words = [w.lower() for w in _WORD.findall(reasoning)]
    if not words:
        return False
    vocabulary = {str(w).lower() for w in tlist("accountability.restating_words")}
    return all(w in vocabulary for w in words)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def habit_reason(reasoning: str) -> str:
    """The kind of reason ('gewoonte', 'status', 'insider') when the reasoning only points
    at habit, status or being an insider ("Ze zijn altijd betrokken.", "vaste partner"),
    else ''. The phrases and the words that add nothing come from the catalogue
    (``habit_reasons``, ``habit_filler``); one word of real content makes it pass."""
    words = _words(reasoning)
    if not words:
        return ""
    padded = f" {' '.join(words)} "
    hit = ""
    for kind in habit_kinds():
        for phrase in tlist(f"accountability.habit_reasons.{kind}.phrases"):
            needle = f" {' '.join(_words(str(phrase)))} "
            if needle.strip() and needle in padded:
                padded = padded.replace(needle, " ")
                hit = hit or kind
    if not hit:
        return ""
    filler = {str(w).lower() for w in tlist("accountability.restating_words")}
    filler |= {str(w).lower() for w in tlist("accountability.habit_filler")}
    return hit if all(w in filler for w in padded.split()) else ""


def habit_kinds() -> list[str]:
    """The kinds under ``accountability.habit_reasons`` (a trainer may add one)."""
    prefix, suffix = "accountability.habit_reasons.", ".phrases"
    return [k[len(prefix):-len(suffix)] for k in catalogue() if k.startswith(prefix) and k.endswith(suffix)]


def overview(findings: list[Finding], limit: int = MAX_OVERVIEW_FINDINGS) -> list[str]:
    """Messages for the overview under a step: the patterns first (what the weighing as a
    whole shows, :data:`PATTERN_KINDS`), then at most ``limit`` open points per kind. Each
    row already shows its own points: the overview lists a few and counts the rest, so
    that the lesson is not the last line of twenty. While nothing is weighed it only says so."""
    if any(f.kind == "none_weighed" for f in findings):
        return [f.message for f in findings if f.kind == "none_weighed"]
    patterns = [f for f in findings if f.kind in PATTERN_KINDS]
    return [f.message for f in patterns] + group_findings([f for f in findings if f.kind not in PATTERN_KINDS], limit)


def group_findings(findings: list[Finding], limit: int = MAX_LISTED_FINDINGS) -> list[str]:
    """Messages for display, kind by kind (in the order each kind first comes): at most
    ``limit`` per kind, each kind's 'and N more' right under its own (at the end of the list
    'van dezelfde soort' pointed at the last kind shown, not at its own)."""
    per_kind: dict[str, list[str]] = {}
    for f in findings:
        per_kind.setdefault(f.kind, []).append(f.message)
    out: list[str] = []
    for messages in per_kind.values():
        out += messages[:limit]
        hidden = len(messages) - limit
        if hidden > 0:
            out.append(t("accountability.checks.more_one") if hidden == 1
                       else t("accountability.checks.more_count", count=hidden))
    return out


class WeighingChecks:
    """Mixin of :class:`~.model.AccountabilityModel`: the checks and the feedback coverage."""

    def weighing_findings(self) -> list[Finding]:
        """Dutch feedback on the weighing, each naming the interest (or dimension)."""
        findings: list[Finding] = []
        if not self.interests:
            return [Finding("nothing_yet", t("accountability.checks.nothing_yet"))]
        scope = self.considered()  # untouched optional interests ask for nothing
        weighed = [i for i in scope if i.weight]
        if not weighed:
            findings.append(Finding("none_weighed", t("accountability.checks.none_weighed")))
        for i in scope:
            has_reason = bool(i.reasoning.strip())
            if i.weight and not has_reason:
                findings.append(
                    Finding(
                        "weight_without_reasoning",
                        t("accountability.checks.weight_without_reasoning", name=interest_label(i), weight=weight_label(i.weight)),
                        i.id,
                    )
                )
            elif i.weight and restates_weight(i.reasoning):
                findings.append(
                    Finding(
                        "reasoning_restates_weight",
                        t("accountability.checks.reasoning_restates_weight", name=interest_label(i), reasoning=_short(i.reasoning)),
                        i.id,
                    )
                )
            elif i.weight and habit_reason(i.reasoning):
                kind = habit_reason(i.reasoning)
                findings.append(
                    Finding(
                        "reasoning_habit",
                        t("accountability.checks.reasoning_habit", name=interest_label(i), reasoning=_short(i.reasoning),
                          why=t(f"accountability.habit_reasons.{kind}.why")),
                        i.id,
                    )
                )
            elif i.weight and len(i.reasoning.split()) < MIN_REASON_WORDS:
                findings.append(
                    Finding(
                        "reasoning_short",
                        t("accountability.checks.reasoning_short", name=interest_label(i), reasoning=_short(i.reasoning)),
                        i.id,
                    )
                )
            elif has_reason and not i.weight:
                findings.append(
                    Finding("reasoning_without_weight", t("accountability.checks.reasoning_without_weight", name=interest_label(i)), i.id)
                )
            elif not i.weight:  # every unweighed party is named, consultation groups and all
                kind = "consultation_unweighed" if (i.origin == "consultation" or i.source == "consultation") else "unweighed"
                findings.append(Finding(kind, t(f"accountability.checks.{kind}", name=interest_label(i)), i.id))
            # weighed 'meer' or 'even zwaar': no reason why it is not taken over is asked for
            # (whether it is adopted is an open point of the draft)
            if i.rejected and i.weight not in TAKEN_ALONG and not (i.weight and has_reason):
                findings.append(
                    Finding(
                        "rejected_unexplained",
                        t("accountability.checks.rejected_unexplained", name=interest_label(i), proposal=_short(i.rejected[0])),
                        i.id,
                    )
                )
        more = [i for i in scope if i.weight == "more"]
        if more and all(i.insider for i in more):
            findings.append(
                Finding(
                    "only_insiders_more",
                    t("accountability.checks.only_insiders_more", names=dutch.join([i.name for i in more])),
                )
            )
        weighed_dims = {d for i in weighed for d in i.dimensions}
        # a dimension whose own interest is still open in the list is asked for by that
        # interest's line ('nog niet gewogen'): a second line about the dimension said it twice
        waiting_dims = {d for i in scope if not i.weight for d in i.dimensions}
        if weighed:
            for d in self.dimensions:
                if not {d["id"], d["name"]} & (weighed_dims | waiting_dims):
                    findings.append(Finding("dimension_unweighed",
                                            t("accountability.checks.dimension_unweighed", dimension=d["name"]), d["id"]))
        return findings

    def coverage(self, parties_only: bool = False) -> dict[str, int]:
        """Feedback coverage: given / total, overall and for insiders vs others. With
        ``parties_only`` groups of consultation responses are left out, so the split adds up
        to the 'Partijen: x van de y' beside it (one basis on one page)."""
        counts = {"total": 0, "given": 0, "insiders_total": 0, "insiders_given": 0, "others_total": 0, "others_given": 0}
        groups = self.group_keys() if parties_only else set()
        for key, _name, insider in self.stakeholders():
            if key in groups:
                continue
            given = self.feedback_for(key).given == "yes"
            group = "insiders" if insider else "others"
            counts["total"] += 1
            counts[f"{group}_total"] += 1
            if given:
                counts["given"] += 1
                counts[f"{group}_given"] += 1
        return counts

    def feedback_parts(self) -> dict[str, tuple[int, int]]:
        """(heard back, total) for named parties and for groups of consultation responses
        apart: a group of 82 responses is no party ('3 van de 15 partijen' counted 7 of them)."""
        parts = {"parties": [0, 0], "groups": [0, 0]}
        groups = self.group_keys()
        for key, _name, _insider in self.stakeholders():
            part = parts["groups" if key in groups else "parties"]
            part[1] += 1
            part[0] += self.feedback_for(key).given == "yes"
        return {k: (v[0], v[1]) for k, v in parts.items()}

    def group_keys(self) -> set[str]:
        """The keys of the groups of consultation responses in the weighing (topics, not parties)."""
        return {i.key for i in self.considered() if i.id.startswith(GROUP_PREFIX) and not i.org_id}

    def feedback_parts_text(self) -> str:
        """'Partijen: 2 van de 8. Groepen consultatiereacties: 1 van de 7.' ('' without groups)."""
        parts = self.feedback_parts()
        if not parts["groups"][1]:
            return ""
        lines = []
        for part in ("parties", "groups"):
            given, total = parts[part]
            if not total:
                continue
            if total == 1:
                lines.append(t(f"accountability.coverage.part_single_{'given' if given else 'missing'}",
                               label=t(f"accountability.coverage.label_{part}_one")))
            else:
                lines.append(t("accountability.coverage.part", label=t(f"accountability.coverage.label_{part}"),
                               given=dutch.number(given), total=dutch.number(total)))
        return " ".join(lines)

    def coverage_text(self) -> str:
        c = self.coverage()
        if not c["total"]:
            return t("accountability.coverage.none")
        parts_text = self.feedback_parts_text()
        total = (t("accountability.coverage.listed", count=dutch.number(c["total"])) if parts_text
                 else _parties(c["total"], "accountability.coverage"))
        overall = t("accountability.coverage.summary_one" if c["given"] == 1 else "accountability.coverage.summary",
                    given=dutch.number(c["given"]), total=total, pct=_pct(c["given"], c["total"]))
        if parts_text:
            overall = f"{overall} {parts_text}"
            # the split is over the named parties only: 'Andere partijen: 4 van 6' beside
            # 'Partijen: 4 van de 6' counted the consultation groups in, another six
            c = self.coverage(parties_only=True)
        if not c["insiders_total"]:
            return f"{overall} {t('accountability.coverage.split_no_insiders')}"
        if not c["others_total"]:  # '... Andere partijen: 0 van 0 (geen)' compared with nothing
            one = "_one" if c["insiders_total"] == 1 else ""
            return f"{overall} {t(f'accountability.coverage.split_only_insiders{one}')}"
        split = t(
            "accountability.coverage.split",
            insiders_given=c["insiders_given"],
            insiders_total=c["insiders_total"],
            insiders_pct=_pct(c["insiders_given"], c["insiders_total"]),
            others_given=c["others_given"],
            others_total=c["others_total"],
            others_pct=_pct(c["others_given"], c["others_total"]),
        )
        return f"{overall} {split}"

    def _addressees(self) -> dict[str, str]:
        """Stakeholder key -> how a sentence names who hears back (groups: their senders)."""
        return {i.key: addressee_label(i) for i in self.interests if i.is_group}

    def feedback_findings(self) -> list[Finding]:
        findings: list[Finding] = []
        addressees = self._addressees()
        for key, name, _insider in self.stakeholders():
            name = addressees.get(key, name)
            entry = self.feedback_for(key)
            if not entry.given:
                findings.append(Finding("feedback_missing", t("accountability.checks.feedback_missing", name=name), key))
            elif entry.given == "yes" and not entry.complete:
                findings.append(Finding("feedback_incomplete", t("accountability.checks.feedback_incomplete", name=name,
                                                                  fields=dutch.join(entry.missing_fields())), key))
            if entry.given != "yes":
                rejected = next((p for i in self.considered() if i.key == key and i.weight not in TAKEN_ALONG
                                 for p in i.rejected), "")
                if rejected:
                    findings.append(Finding("rejected_no_feedback", t("accountability.checks.rejected_no_feedback",
                                                                        name=name, proposal=_short(rejected)), key))
        c = self.coverage()
        if c["insiders_total"] and c["others_total"]:
            ins = c["insiders_given"] / c["insiders_total"]
            oth = c["others_given"] / c["others_total"]
            if c["insiders_given"] and ins > oth + 0.2:
                # one insider is no pattern ('100% tegen 67%'): then say what holds, in counts
                key = "feedback_insider_one" if c["insiders_total"] == 1 else "feedback_insiders_only"
                findings.append(
                    Finding(
                        "feedback_insiders_only",
                        t(
                            f"accountability.checks.{key}",
                            insiders=_pct(c["insiders_given"], c["insiders_total"]),
                            others=_pct(c["others_given"], c["others_total"]),
                            others_given=dutch.number(c["others_given"]),
                            others_total=dutch.number(c["others_total"]),
                        ),
                    )
                )
        return findings

    def findings(self) -> list[Finding]:
        return self.weighing_findings() + (self.feedback_findings() if self.interests else [])

    def feedback_counts(self) -> tuple[int, int]:
        """(parties that heard back, parties weighed): the one definition modules 4 and 5 use.
        The parties are those of :meth:`considered` (the handful and what else was filled in)."""
        c = self.coverage()
        return c["given"], c["total"]
