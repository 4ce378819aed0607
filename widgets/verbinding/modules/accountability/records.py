"""The records of module 4 (interests, feedback, findings, the sources read from elsewhere),
its constants, Dutch labels and small text helpers shared by the other files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from verbinding import dutch, limits
from verbinding.texts import t

STATE_VERSION = 1
# The codes saved for a choice are English, like the rest of the code (issue 22); the
# learner sees their Dutch labels (texts/nl/accountability.yaml, keyed by these codes).
WEIGHTS = ("more", "equal", "less")
# Weighed so in module 4, a proposal that got no hearing in module 2 needs no reason why it is not
# taken over; whether it is adopted, the learner decides (the draft says what the weighing says).
TAKEN_ALONG = frozenset({"more", "equal"})
SOURCES = ("consultation", "talks", "round_table", "conversation", "letter", "meeting", "other")
FEEDBACK_HOW = ("letter", "conversation", "publication", "meeting")
FEEDBACK_GIVEN = ("yes", "no")
# What workbooks saved before issue 22 hold: the Dutch codes, read as today's (:func:`saved_code`).
DUTCH_CODES: dict[str, dict[str, str]] = {
    "weight": {"meer": "more", "evenveel": "equal", "minder": "less"},
    "given": {"ja": "yes", "nee": "no"},
    "how": {"brief": "letter", "gesprek": "conversation", "publicatie": "publication", "bijeenkomst": "meeting"},
    "source": {"consultatie": "consultation", "overleg": "talks", "rondetafel": "round_table",
               "gesprek": "conversation", "brief": "letter", "bijeenkomst": "meeting", "anders": "other"},
}
ORIGINS = ("outreach", "connection", "counter_voice", "consultation", "case", "insider", "learner")
MAX_NAME = 200
MAX_TEXT = limits.MAX_TEXT  # longer texts are refused by the workbook with a message, never cut
MAX_HISTORY = 10
MAX_LISTED_FINDINGS = 8  # per kind, before "and N more"
MAX_OVERVIEW_FINDINGS = 3  # per kind in a step's overview: each row shows its own points
# What the weighing or the feedback shows as a whole (questions to think about, not one
# row's open point): a step's overview puts them first.
PATTERN_KINDS = frozenset({"only_insiders_more", "dimension_unweighed", "feedback_insiders_only"})
MAX_DRAFT_ITEMS = 6  # parties whose input the draft names; the rest is in the annex
MAX_COUNTER_VOICE_PARTIES = 12
# Findings that mean "the module asks for more": the rest (e.g. "only insiders weighed
# more") are questions to think about, not missing work (see :func:`is_complete`).
OPEN_KINDS = frozenset({
    "nothing_yet", "none_weighed", "unweighed", "consultation_unweighed", "weight_without_reasoning",
    "reasoning_restates_weight", "reasoning_habit", "reasoning_short", "reasoning_without_weight",
    "rejected_unexplained", "feedback_missing", "feedback_incomplete", "rejected_no_feedback",
})
# A consultation with more responses than this is weighed per dimension (one interest per
# dimension: "Consultation responses on X"), not per respondent: 240 rows help nobody.
MAX_INDIVIDUAL_RESPONSES = 12
# A reason of one or two words ('commercieel', 'te duur') is no reason a reader of the nota
# can follow: the check asks for the argument.
MIN_REASON_WORDS = 3
GROUP_PREFIX = "consultatie:"
# The handful (issue 28): the learner weighs a chosen few, the rest is optional. The default
# is HANDFUL_SIZE interests, one of them an insider the course points out; a list of at most
# HANDFUL_MAX interests is weighed whole. The learner may add and remove, down to HANDFUL_MIN.
HANDFUL_SIZE = 7
HANDFUL_MAX = 8
HANDFUL_MIN = 6
HANDFUL_GROUPS = 3  # at most this many groups of consultation responses in a default handful
TOP_INSIDERS = 5  # insiders (most contacts first) the sources carry to pick the pointed one
TOPIC_ORGS = 30  # the busiest organisations of the log whose topics the sources carry


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _clean_list(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = re.split(r"[;,]", values)
    if not isinstance(values, (list, tuple, set)):
        return []
    return [str(v).strip() for v in values if str(v).strip()]


def _text_list(values: Any) -> list[str]:
    """A list of learner texts (kept whole: a proposal may contain commas)."""
    if not isinstance(values, (list, tuple)):
        return []
    return list(dict.fromkeys(_text(v).strip() for v in values if _text(v).strip()))


def _count(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _norm_name(name: str) -> str:
    return re.sub(r"\s+", " ", str(name)).strip().lower()


def _sentence_body(text: str) -> str:
    """Learner text as the inside of a sentence: trimmed, no final full stop, one line."""
    body = re.sub(r"\s+", " ", text).strip()
    return body.rstrip(" .")


def saved_code(kind: str, value: Any) -> str:
    """A saved choice of ``kind`` ("weight", "given", "how", "source") as today's code.

    The one reader of the codes in a workbook, old and new: a Dutch code saved before issue
    22 ("meer", "ja", "brief", ...) reads as its English code, an English code as itself.
    A weight or a "given" is a fixed choice: spaces and capitals are ignored and anything
    else (nothing chosen, a value no version saved) reads as "" (``True``/``False`` for
    "given" as "yes"/"no"). A "how" or a source that is no known code is kept as it was
    written, as before (the labels show it as it stands).
    """
    if kind == "given" and isinstance(value, bool):
        return "yes" if value else "no"
    text = _text(value)
    if kind in ("weight", "given"):
        text = text.strip().lower()
        text = DUTCH_CODES[kind].get(text, text)
        return text if text in (WEIGHTS if kind == "weight" else FEEDBACK_GIVEN) else ""
    return DUTCH_CODES[kind].get(text, text)


def weight_label(weight: str) -> str:
    if weight in WEIGHTS:
        return t(f"accountability.weights.{weight}")
    return t("accountability.weight_none")


def source_label(source: str) -> str:
    if source in SOURCES:
        return t(f"accountability.sources.{source}")
    return source or t("accountability.source_none")


def how_label(how: str) -> str:
    if how in FEEDBACK_HOW:
        return t(f"accountability.feedback_how.{how}")
    return how


def given_label(given: str) -> str:
    if given in FEEDBACK_GIVEN:
        return t(f"accountability.feedback_given.{given}")
    return t("accountability.feedback_given_none")


def _pct(part: int, whole: int) -> str:
    return dutch.percent(part / whole) if whole else t("accountability.coverage.no_group")


def _lower_start(text: str) -> str:
    """'Wateroverlast bij buien' -> 'wateroverlast bij buien' inside a sentence ('CO2' stays)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _parties(n: int, key: str = "accountability.draft") -> str:
    return dutch.count(n, t(f"{key}.party"), t(f"{key}.parties"))


# --------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------
@dataclass
class Interest:
    id: str
    name: str
    org_id: str = ""
    asked: str = ""
    weight: str = ""
    reasoning: str = ""
    source: str = ""
    origin: str = "learner"
    dimensions: list[str] = field(default_factory=list)
    insider: bool = False
    rejected: list[str] = field(default_factory=list)  # its proposals that got no hearing (module 2)
    responses: int = 0  # for a group of consultation responses: how many

    @property
    def is_group(self) -> bool:
        """A group of consultation responses (a topic, not a party)."""
        return not self.org_id and self.id.startswith(GROUP_PREFIX)

    @property
    def key(self) -> str:
        """The stakeholder this interest belongs to (feedback is tracked per stakeholder)."""
        if not self.org_id and self.id.startswith(GROUP_PREFIX):
            return self.id  # a group of consultation responses is one addressee
        return stakeholder_key(self.org_id, self.name)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "org_id": self.org_id,
            "name": self.name,
            "asked": self.asked,
            "weight": self.weight,
            "reasoning": self.reasoning,
            "source": self.source,
            "origin": self.origin,
            "dimensions": list(self.dimensions),
            "insider": self.insider,
            "rejected": list(self.rejected),
            "responses": self.responses,
        }

    @classmethod
    def from_dict(cls, d: Any) -> Interest | None:
        if not isinstance(d, dict):
            return None
        name = _text(d.get("name")).strip()
        org_id = _text(d.get("org_id")).strip()
        if not name and not org_id:
            return None
        origin = _text(d.get("origin")).strip()
        return cls(
            id=_text(d.get("id")) or (f"org:{org_id}" if org_id else f"naam:{_norm_name(name)}"),
            name=name or org_id,
            org_id=org_id,
            asked=_text(d.get("asked")),
            weight=saved_code("weight", d.get("weight")),
            reasoning=_text(d.get("reasoning")),
            source=saved_code("source", d.get("source")),
            origin=origin if origin in ORIGINS else "learner",
            dimensions=_clean_list(d.get("dimensions")),
            insider=bool(d.get("insider", False)),
            rejected=_text_list(d.get("rejected")),
            responses=_count(d.get("responses")),
        )


def stakeholder_key(org_id: str, name: str) -> str:
    return f"org:{org_id}" if org_id else f"naam:{_norm_name(name)}"


@dataclass
class FeedbackEntry:
    given: str = ""  # "yes" | "no" | "" (not filled in); "no" is a choice: deliberately not
    how: str = ""
    when: str = ""
    what: str = ""

    def to_dict(self) -> dict:
        return {"given": self.given, "how": self.how, "when": self.when, "what": self.what}

    @classmethod
    def from_dict(cls, d: Any) -> FeedbackEntry:
        if not isinstance(d, dict):
            return cls()
        return cls(
            given=saved_code("given", d.get("given", "")),
            how=saved_code("how", d.get("how")),
            when=_text(d.get("when")),
            what=_text(d.get("what")),
        )

    @property
    def complete(self) -> bool:
        return self.given == "yes" and bool(self.how.strip() and self.when.strip() and self.what.strip())

    def missing_fields(self) -> list[str]:
        """The Dutch names of the details still empty ('hoe', 'wanneer', 'waarover')."""
        values = {"how": self.how, "when": self.when, "what": self.what}
        return [t(f"accountability.checks.field.{k}") for k, v in values.items() if not v.strip()]


@dataclass(frozen=True)
class Finding:
    """One check result. ``kind`` is stable (tests, UI); ``message`` is Dutch."""

    kind: str
    message: str
    subject: str = ""  # the interest id, stakeholder key or dimension id it is about

    def __post_init__(self) -> None:  # a name such as 'Aqua B.V.' ends the sentence: no '..'
        # and a name typed in lower case ('ggd: nog niet gewogen') still starts it with a capital
        object.__setattr__(self, "message", dutch.capital(dutch.tidy(self.message)))


@dataclass(frozen=True)
class Sources:
    """Plain inputs the interests are seeded from (see :func:`sources_from_workbook`)."""

    stakeholders: tuple[dict, ...] = ()  # {"org_id", "name", "asked", "source", "dimensions", "origin"}
    dimensions: tuple[dict, ...] = ()  # {"id", "name"}
    dimensions_from: str = ""  # "outreach" | "case" | ""
    insiders: frozenset[str] = frozenset()  # org ids
    contact_counts: dict = field(default_factory=dict, compare=False)  # org id -> contacts in the log
    contact_topics: dict = field(default_factory=dict, compare=False)  # org id -> its most frequent topics
    # the insiders with the most contacts in the case's log, most first:
    # {"org_id", "name", "contacts"} (the one the course points out is the first listed)
    top_insiders: tuple[dict, ...] = ()


def _sentence(text: str) -> str:
    """Learner text as a sentence of its own: one line, a capital, a final full stop."""
    body = re.sub(r"\s+", " ", text).strip()
    if not body:
        return ""
    body = _capital(body)
    return body if body[-1] in ".!?" else body + "."


def _without_examples(asked: str) -> str:
    """A consultation group's summary without its example quotes ('Bijvoorbeeld: ...')."""
    prefix = t("accountability.consultation.examples", examples="\0").split("\0")[0].strip()
    return asked.split(f" {prefix}")[0] if prefix else asked


def _group_topic(interest: Interest) -> str:
    """The topic of a group of consultation responses ('Consultatiereacties over X (12)' -> X)."""
    template = t("accountability.consultation.group_name", dimension="\0", count="\1")
    before, _, rest = template.partition("\0")
    after = rest.split("\1")[0] if "\1" in rest else rest
    name = interest.name
    if before and name.startswith(before):
        name = name[len(before):]
    if after and after in name:
        name = name[: name.rindex(after)]
    return name.strip() or interest.name


def interest_label(interest: Interest) -> str:
    """How a sentence or a table names an interest: a party by its name, a group of
    consultation responses as 'de 82 reacties over X' (as the draft does), never by the
    list label 'Consultatiereacties over X (82)' and never as a party."""
    if not interest.is_group:
        return interest.name
    if interest.responses:
        return t("accountability.group_label.responses_count", count=dutch.number(interest.responses),
                 topic=_group_topic(interest))
    return t("accountability.draft.group_responses", topic=_group_topic(interest))


def addressee_label(interest: Interest) -> str:
    """Who hears back: a party by its name, for a group 'de indieners van de reacties over X'."""
    if not interest.is_group:
        return interest.name
    return t("accountability.draft.group_senders", topic=_group_topic(interest))


def _short(text: str, limit: int = 80) -> str:
    """Learner text quoted inside a sentence: its body (:func:`_sentence_body`), cut with '…'."""
    return dutch.shorten(_sentence_body(text), limit)
