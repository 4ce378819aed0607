"""The keyword rules that suggest an organisation type per agenda entry (``org_types`` in
``texts/<lang>/agendas.yaml``, editable by trainers), and the types a learner may choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from verbinding.texts import t, tlist


class AgendaDataError(ValueError):
    """The shipped agenda data or the rules file cannot be used; message in Dutch."""


@dataclass(frozen=True)
class OrgType:
    id: str
    label: str
    keywords: tuple[str, ...] = ()
    agenda_types: tuple[str, ...] = ()


def _split_keyword(keyword: str) -> tuple[str, bool, bool]:
    """(text, prefix?, case-sensitive?) for one keyword of the rules file."""
    keyword = " ".join(str(keyword).split())
    prefix = keyword.endswith("*") and len(keyword) > 1
    if prefix:
        keyword = keyword[:-1]
    letters = [c for c in keyword if c.isalpha()]
    exact_case = len(letters) >= 2 and all(c.isupper() for c in letters)
    return keyword, prefix, exact_case


def _alternative(keyword: str, prefix: bool) -> str:
    body = re.escape(keyword).replace(r"\ ", r"\s+")
    return body + r"\w*" if prefix else body


def _combined(groups: list[list[str]]) -> re.Pattern | None:
    """One pattern with one capturing group per rule: ``m.lastindex`` names the rule."""
    if not any(groups):
        return None
    parts = [
        "(" + "|".join(sorted(alts, key=len, reverse=True)) + ")" if alts else "(?!x)x"
        for alts in groups
    ]
    parts = [p if p != "(?!x)x" else "((?!x)x)" for p in parts]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?!\w)")


class KeywordMatcher:
    """Finds, per text, the first rule (in rule order) with a keyword in the text.

    Keywords match whole words; ``*`` at the end matches longer words; keywords written in
    ALL CAPS match case-sensitively, all others case-insensitively. Two combined patterns
    (one on the lower-cased text, one on the original) keep this fast: about 0.1 s for
    7,000 agenda entries.
    """

    def __init__(self, keyword_lists: Iterable[Iterable[str]]):
        folded: list[list[str]] = []
        exact: list[list[str]] = []
        for keywords in keyword_lists:
            f_alts, e_alts = [], []
            for keyword in keywords:
                text, prefix, exact_case = _split_keyword(keyword)
                if not text:
                    continue
                if exact_case:
                    e_alts.append(_alternative(text, prefix))
                else:
                    f_alts.append(_alternative(text.lower(), prefix))
            folded.append(f_alts)
            exact.append(e_alts)
        self.size = len(folded)
        self._folded = _combined(folded)
        self._exact = _combined(exact)

    def first(self, text: str) -> tuple[int, str] | None:
        """(rule index, matched words) of the earliest rule that matches, or None."""
        best: tuple[int, str] | None = None
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        for pattern, source in ((self._folded, lowered), (self._exact, text)):
            if pattern is None:
                continue
            for match in pattern.finditer(source):
                index = match.lastindex - 1
                if best is None or index < best[0]:
                    start, stop = match.span()
                    words = text[start:stop] if same_length else match.group(0)
                    best = (index, " ".join(words.split()))
                    if index == 0:
                        return best
        return best

    def matches(self, text: str) -> bool:
        return self.first(text) is not None


def keyword_matcher(keywords: Iterable[str]) -> KeywordMatcher:
    """A matcher for one list of keywords (used for the generic terms)."""
    return KeywordMatcher([list(keywords)])


def load_rules() -> tuple[OrgType, ...]:
    """The keyword rules from the catalogue, validated with Dutch messages."""
    raw = tlist("agendas.org_types")
    if not isinstance(raw, list):
        raise AgendaDataError(t("agendas.errors.rules_not_list"))
    rules: list[OrgType] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise AgendaDataError(t("agendas.errors.rules_not_list"))
        for field in ("id", "label", "keywords"):
            if not item.get(field):
                raise AgendaDataError(t("agendas.errors.rule_missing", number=number, field=field))
        type_id = str(item["id"]).strip()
        if type_id in seen:
            raise AgendaDataError(t("agendas.errors.rule_duplicate", id=type_id))
        seen.add(type_id)
        keywords = item["keywords"]
        if not isinstance(keywords, list) or not all(isinstance(k, (str, int)) for k in keywords):
            raise AgendaDataError(t("agendas.errors.rule_keywords", id=type_id))
        agenda_types = item.get("agenda_types") or []
        if not isinstance(agenda_types, list):
            agenda_types = [agenda_types]
        rules.append(
            OrgType(
                type_id,
                str(item["label"]),
                tuple(str(k) for k in keywords),
                tuple(str(a) for a in agenda_types),
            )
        )
    return tuple(rules)


def other_type_id() -> str:
    return t("agendas.other_type.id")


def unknown_type_id() -> str:
    return t("agendas.unknown_type.id")


def type_labels() -> dict[str, str]:
    """Every type a learner may choose, in display order: rules, then 'other', 'unknown'."""
    labels = {rule.id: rule.label for rule in load_rules()}
    for key in ("agendas.other_type", "agendas.unknown_type"):
        labels[t(f"{key}.id")] = t(f"{key}.label")
    return labels


def suggest_types(texts: pd.Series, agenda_types: pd.Series, rules: Iterable[OrgType]) -> pd.DataFrame:
    """Suggested type per text: the first rule (in file order) with a keyword in the text.

    Returns a frame with ``suggested`` (type id, or the unknown id), ``keyword`` (the words
    that matched, '' when none) and ``by_type`` (True when the agenda type decided).
    """
    rules = tuple(rules)
    matcher = KeywordMatcher(rule.keywords for rule in rules)
    unknown = unknown_type_id()
    suggested, keyword, by_type = [], [], []
    for text, agenda_type in zip(texts, agenda_types):
        hit = matcher.first(text)
        if hit is not None:
            suggested.append(rules[hit[0]].id)
            keyword.append(hit[1])
            by_type.append(False)
            continue
        chosen = next((rule.id for rule in rules if agenda_type and agenda_type in rule.agenda_types), None)
        suggested.append(chosen or unknown)
        keyword.append("")
        by_type.append(chosen is not None)
    return pd.DataFrame(
        {"suggested": suggested, "keyword": keyword, "by_type": by_type}, index=texts.index
    )
