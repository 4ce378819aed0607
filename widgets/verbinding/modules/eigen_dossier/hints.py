"""Hints from modules 2-4: short Dutch reminders per question from the learner's earlier
work in the course, read defensively from the saved states. That work is on the practice
case, so every line in module 5 says so ('In de oefencasus ...'); none offers a
practice-case figure as a measure for the own dossier. :func:`hints` keeps each reminder as a
text key with its values (:class:`Hint`), so the Afronding, which labels the lines itself,
words them without saying 'In de oefencasus' a second time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from verbinding import dutch
from verbinding.modules.eigen_dossier.questions import PILLAR_MODULES, DossierTexts, load_texts
from verbinding.modules.outreach import attention_points
from verbinding.texts import plain_text, t

_text = plain_text


def _collection(state: Any, *keys: str) -> list | None:
    """The first list/dict found under one of ``keys`` (dict values), else None."""
    if not isinstance(state, dict):
        return None
    for key in keys:
        value = state.get(key)
        if isinstance(value, list):
            return [v for v in value if v not in (None, "", {}, [])]
        if isinstance(value, dict):
            return [v if isinstance(v, dict) and _name(v) else str(k)
                    for k, v in value.items() if v not in (None, "", {}, [], False)]
    return None


def _name(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("name", "naam", "label", "title", "organisation", "organisation_name",
                    "stakeholder", "dimension", "id"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _names(items: list, limit: int = 5) -> str:
    """'A, B en C'; past ``limit``: 'A, B, C, D, E en nog 2 andere' (not 'E, ....')."""
    names = [n for n in (_name(i) for i in items) if n]
    if len(names) > limit:
        rest = len(names) - limit
        return dutch.join([*names[:limit], t("dossier.hints.more_names", count=dutch.number(rest))])
    return dutch.join(names)


def _has_text(state: Any, *keys: str) -> bool:
    if not isinstance(state, dict):
        return False
    for key in keys:
        value = state.get(key)
        if isinstance(value, str) and value.strip():
            return True
        if isinstance(value, (dict, list)) and any(
            (isinstance(v, str) and v.strip()) or (isinstance(v, (dict, list)) and v)
            for v in (value.values() if isinstance(value, dict) else value)
        ):
            return True
    return False


CASE = "case"  # found in the practice case (modules 2-4)
OWN = "own"  # about the learner's own work (the partners named in Kennismaken)


@dataclass(frozen=True)
class Hint:
    """One reminder: where it comes from (:data:`CASE` or :data:`OWN`), its text key under
    ``dossier.hints`` and the values for its placeholders. Module 5 shows :attr:`text`
    ('In de oefencasus (module 2) noemde je ...'); a page that says where a line comes from
    in a label of its own (the Afronding) renders the same key and values with its own
    wording, so the label is not said twice."""

    source: str
    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def text(self) -> str:
        return t(f"dossier.hints.{self.key}", **dict(self.values))

    def text_as(self, prefix: str) -> str:
        """The same reminder in another page's wording: the text ``<prefix>.<key>``."""
        return t(f"{prefix}.{self.key}", **dict(self.values))


def module_hints(modules: Mapping[str, Any], texts: DossierTexts | None = None) -> dict[str, list[str]]:
    """Short Dutch reminders per question from the learner's earlier work in the course
    (:func:`sourced_hints` without where each comes from)."""
    return {qid: [text for _source, text in items] for qid, items in sourced_hints(modules, texts).items()}


def sourced_hints(modules: Mapping[str, Any], texts: DossierTexts | None = None) -> dict[str, list[tuple[str, str]]]:
    """Per question: (where it comes from, reminder as module 5 says it) (:func:`hints`)."""
    return {qid: [(hint.source, hint.text) for hint in items] for qid, items in hints(modules, texts).items()}


def hints(modules: Mapping[str, Any], texts: DossierTexts | None = None) -> dict[str, list[Hint]]:
    """Per question, the reminders (:class:`Hint`): :data:`CASE` for the practice case of
    modules 2-4, :data:`OWN` for the learner's own dossier data (their usual partners).

    ``modules`` maps module id (``kennismaken``, ``outreach``, ``connection``,
    ``accountability``) to that module's saved state. Shapes are read defensively: an
    unknown or broken state gives a generic pointer to the module, never an error.
    """
    texts = texts or load_texts()
    modules = modules if isinstance(modules, Mapping) else {}
    intro = modules.get("kennismaken")
    outreach = modules.get("outreach")
    connection = modules.get("connection")
    accountability = modules.get("accountability")
    specific: dict[str, list[Hint]] = {}

    def add(question_id: str, key: str, source: str = CASE, **values: Any) -> None:
        specific.setdefault(question_id, []).append(Hint(source, key, tuple(values.items())))

    try:
        dims = _collection(outreach, "dimensions")
        if dims:
            add("dimensions", "outreach_dimensions", count=len(dims), names=_names(dims))
        points = attention_points(outreach, connection)  # module 2's count, not its saved list
        if points:
            add("dimensions", "outreach_gaps", count=points)
        alternatives = _collection(outreach, "alternatives")
        if alternatives:
            add("alternatives", "outreach_alternatives", count=len(alternatives))
        elif dims:  # module 2 done without alternatives: do not say "you worked on this"
            add("alternatives", "outreach_no_alternatives")
        partners = _collection(intro, "partners")
        if partners:
            add("new_connections", "intro_partners", OWN, count=len(partners), names=_names(partners))
        invited = _collection(connection, "invited", "invitations", "invites",
                              "new_connections", "selected")
        if invited:
            add("new_connections", "connection_invited", count=len(invited), names=_names(invited))
        if _has_text(connection, "counter_voice", "countervoice", "tegengeluid", "counter"):
            add("counter_voice", "connection_counter_voice")
        interests = _collection(accountability, "interests")
        if interests:
            weighed = [i for i in interests if isinstance(i, dict) and _text(i.get("weight"))]
            add("weighing", "accountability_weighed", count=dutch.number(len(weighed)),
                total=dutch.count(len(interests), t("dossier.hints.interest"), t("dossier.hints.interests")))
        if _has_text(accountability, "draft", "rationale"):
            add("weighing", "accountability_rationale")
        if isinstance(accountability, dict) and accountability.get("interests"):
            # no count from the practice case here: '7 van de 7' under a question about the
            # own dossier invited a self-score the learner's own work does not show
            add("feedback", "accountability_feedback")
    except (TypeError, ValueError, AttributeError):  # pragma: no cover - defensive
        specific = {}

    found_per_question: dict[str, list[Hint]] = {}
    for question in texts.questions:
        found = list(dict.fromkeys(specific.get(question.id, [])))  # each line once
        module_id, number = PILLAR_MODULES[question.pillar]
        state = modules.get(module_id)
        if not any(hint.source == CASE for hint in found) and isinstance(state, dict) and state:
            found.append(Hint(CASE, "generic", (("number", number),)))
        if found:
            found_per_question[question.id] = found
    return found_per_question


def hint_module_ids() -> tuple[str, ...]:
    """The workbook modules :func:`module_hints` reads."""
    return ("kennismaken", "outreach", "connection", "accountability")

