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
         "weight": "meer" | "evenveel" | "minder" | "",
         "reasoning": "why", "source": "consultatie" | "overleg" | ... | "",
         "origin": "outreach" | "connection" | "consultation" | "case" | "insider" | "learner",
         "dimensions": ["d1", ...], "insider": false}
      ],
      "dimensions": [{"id": "d1", "name": "..."}],    # to check that every dimension is weighed
      "dimensions_from": "outreach" | "case" | "",
      "feedback": {"<stakeholder key>": {"given": "ja" | "nee" | "", "how": "brief" | ...,
                                          "when": "free text", "what": "free text"}},
      "draft": {"generated": "...", "edited": null | "...", "based_on": "...",
                "history": ["earlier edits, newest last"]},
      "next_id": 1,
      "handful": {"ids": ["org:o12", ...],   # the interests the learner is asked to weigh
                  "insider": "org:o12"}       # the insider the course points out ("" if none)
    }

The handful (issue 28) is the part of the list that is required: a default of
:data:`HANDFUL_SIZE` chosen by :func:`default_handful` (always with an insider when the case
has one), which the learner may change. The other interests are optional: left untouched
they ask for nothing; started, they count like the rest (:meth:`AccountabilityModel.considered`).
A state without ``handful`` (saved before) gets the default.

Inputs from other modules are read defensively (:func:`sources_from_workbook`,
:func:`sources_from_case`); the model itself only sees plain dicts and lists, so the tests
do not depend on the other modules.

Every learner-facing string comes from ``texts/nl/accountability.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import dutch, limits
from ..document import Block, Heading, Paragraph, Table, to_docx, to_markdown
from ..texts import catalogue, sentence, t, tlist
from ..vegalite import records

STATE_VERSION = 1
WEIGHTS = ("meer", "evenveel", "minder")
SOURCES = ("consultatie", "overleg", "rondetafel", "gesprek", "brief", "bijeenkomst", "anders")
FEEDBACK_HOW = ("brief", "gesprek", "publicatie", "bijeenkomst")
FEEDBACK_GIVEN = ("ja", "nee")
ORIGINS = ("outreach", "connection", "counter_voice", "consultation", "case", "insider", "learner")
MAX_NAME = 200
MAX_TEXT = limits.MAX_TEXT  # longer texts are refused by the workbook with a message, never cut
MAX_HISTORY = 10
MAX_LISTED_FINDINGS = 8  # per kind, before "and N more"
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
        weight = _text(d.get("weight")).strip().lower()
        origin = _text(d.get("origin")).strip()
        return cls(
            id=_text(d.get("id")) or (f"org:{org_id}" if org_id else f"naam:{_norm_name(name)}"),
            name=name or org_id,
            org_id=org_id,
            asked=_text(d.get("asked")),
            weight=weight if weight in WEIGHTS else "",
            reasoning=_text(d.get("reasoning")),
            source=_text(d.get("source")),
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
    given: str = ""  # "ja" | "nee" | "" (not filled in)
    how: str = ""
    when: str = ""
    what: str = ""

    def to_dict(self) -> dict:
        return {"given": self.given, "how": self.how, "when": self.when, "what": self.what}

    @classmethod
    def from_dict(cls, d: Any) -> FeedbackEntry:
        if not isinstance(d, dict):
            return cls()
        given = d.get("given", "")
        if given is True:
            given = "ja"
        elif given is False:
            given = "nee"
        given = _text(given).strip().lower()
        return cls(
            given=given if given in FEEDBACK_GIVEN else "",
            how=_text(d.get("how")),
            when=_text(d.get("when")),
            what=_text(d.get("what")),
        )

    @property
    def complete(self) -> bool:
        return self.given == "ja" and bool(self.how.strip() and self.when.strip() and self.what.strip())

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


# --------------------------------------------------------------------------------------
# reading other modules' work and the case (defensive: shapes may differ or be absent)
# --------------------------------------------------------------------------------------
def _items(value: Any) -> list:
    """A list to iterate over, whatever shape another module stored (dict -> its values)."""
    if isinstance(value, dict):
        return [dict(v, org_id=v.get("org_id", k)) if isinstance(v, dict) else k for k, v in value.items()]
    return list(value) if isinstance(value, (list, tuple)) else []


def _as_id_list(value: Any) -> list[str]:
    out: list[str] = []
    if isinstance(value, dict):
        value = list(value.values()) if all(isinstance(v, dict) for v in value.values()) else list(value)
    if not isinstance(value, (list, tuple, set)):
        return out
    for item in value:
        if isinstance(item, dict):
            item = item.get("org_id") or item.get("id") or item.get("organisation")
        if item is not None and str(item).strip():
            out.append(str(item).strip())
    return out


def _dimension_list(value: Any) -> list[dict]:
    out: list[dict] = []
    if not isinstance(value, (list, tuple)):
        return out
    for item in value:
        if isinstance(item, dict):
            did = str(item.get("id") or item.get("name") or "").strip()
            name = str(item.get("name") or item.get("id") or "").strip()
        elif hasattr(item, "id") and hasattr(item, "name"):
            did, name = str(item.id), str(item.name)
        else:
            did = name = str(item).strip()
        if did:
            out.append({"id": did, "name": name or did})
    return out


def _stakeholder_from(item: Any, origin: str, names: dict[str, str]) -> dict | None:
    """One stakeholder row from another module's entry (a dict or a bare org id)."""
    if isinstance(item, dict):
        org_id = str(item.get("org_id") or item.get("organisation") or "").strip()
        sid = str(item.get("id") or org_id).strip()
        if not org_id and sid in names:
            org_id = sid
        name = str(item.get("name") or item.get("naam") or names.get(org_id, "") or org_id).strip()
        asked = str(item.get("asked") or item.get("position") or item.get("proposal") or "").strip()
        source = str(item.get("source") or item.get("format") or item.get("how") or "").strip()
        dims = _clean_list(item.get("dimensions") or item.get("dimension"))
    else:
        org_id = sid = str(item).strip()
        name = names.get(org_id, org_id)
        asked, source, dims = "", "", []
    if not name:
        return None
    return {"org_id": org_id, "name": name, "asked": asked, "source": source if source in SOURCES else "",
            "dimensions": dims, "origin": origin, "sid": sid}


def insider_ids(connection: Any, names: dict[str, str] | None = None) -> set[str]:
    """Insider org ids from the Connection work, read defensively.

    ``insiders`` may be a list of ids (or dicts with ``org_id``), a dict holding such a list
    under ``members``/``org_ids``/``ids``, or a snapshot with only ``names`` (matched to
    org ids through ``names``). Anything else gives an empty set.
    """
    if not isinstance(connection, dict):
        return set()
    raw = connection.get("insiders")
    if isinstance(raw, dict):
        listed = next((raw[k] for k in ("members", "org_ids", "ids") if isinstance(raw.get(k), list)), None)
        if listed is None and isinstance(raw.get("names"), list) and names:
            by_name = {_norm_name(v): k for k, v in names.items()}
            return {by_name[_norm_name(n)] for n in raw["names"] if _norm_name(str(n)) in by_name}
        raw = listed
    return set(_as_id_list(raw)) if isinstance(raw, (list, tuple)) else set()


def sources_from_workbook(
    outreach: dict | None,
    connection: dict | None,
    case_sources: Sources | None = None,
    org_names: dict[str, str] | None = None,
    insiders: Iterable[str] | None = None,
) -> Sources:
    """Combine the learner's Outreach and Connection work with the case.

    Stakeholders named in Outreach and invitations in Connection come first; respondents
    of the case's consultation are always included (so the check "consultation never
    weighed" can see them). When the learner has no Outreach/Connection work, the case's
    stakeholders are used. Insiders: ``insiders`` when given (e.g. recomputed from the
    learner's Connection rule), else read from the Connection work, else the case's.
    """
    outreach = outreach if isinstance(outreach, dict) else {}
    connection = connection if isinstance(connection, dict) else {}
    case_sources = case_sources or Sources()
    names = dict(org_names or {})
    for s in case_sources.stakeholders:
        if s.get("org_id"):
            names.setdefault(s["org_id"], s.get("name") or s["org_id"])
    for d in case_sources.top_insiders:
        names.setdefault(d["org_id"], d["name"])

    dims = _dimension_list(outreach.get("dimensions"))
    dims_from = "outreach" if dims else ""
    if not dims:
        dims = [dict(d) for d in case_sources.dimensions]
        dims_from = "case" if dims else ""
    dim_ids = {d["name"]: d["id"] for d in dims}
    dim_ids.update({d["id"]: d["id"] for d in dims})

    learner_rows: list[dict] = []
    # Outreach: stakeholders, links stakeholder x dimension, alternatives "by" someone.
    for item in _items(outreach.get("stakeholders")):
        row = _stakeholder_from(item, "outreach", names)
        if row:
            learner_rows.append(row)
    link_dims: dict[str, list[str]] = {}
    for link in _items(outreach.get("links")):
        if isinstance(link, dict):
            who = str(link.get("stakeholder_id") or link.get("org_id") or link.get("stakeholder") or "").strip()
            dim = str(link.get("dimension_id") or link.get("dimension") or "").strip()
            if who and dim:
                link_dims.setdefault(who, []).append(dim)
    alternatives: dict[str, list[str]] = {}
    rejected: dict[str, list[str]] = {}
    proposers: dict[str, str] = {}  # normalised name -> the name as typed
    for alt in _items(outreach.get("alternatives")):
        if isinstance(alt, dict):
            who = str(alt.get("by") or alt.get("proposed_by") or alt.get("org_id") or "").strip()
            text = str(alt.get("text") or alt.get("proposal") or "").strip()
            if not text:
                continue
            if not who:
                who = t("accountability.unknown_proposer")
            proposers.setdefault(_norm_name(who), who)
            alternatives.setdefault(_norm_name(who), []).append(text)
            if str(alt.get("hearing") or "") == "no":
                rejected.setdefault(_norm_name(who), []).append(text)
    by_name = {_norm_name(v): k for k, v in names.items()}
    for row in learner_rows:
        for who in dict.fromkeys((row["sid"], row["org_id"])):
            if who and who in link_dims:
                row["dimensions"] = list(dict.fromkeys(row["dimensions"] + link_dims[who]))
    # A proposer not on the map (typed freely in step 6) still gets a row: a proposal that
    # got no hearing must be explained to whoever made it (module 2 promises so).
    known = {_norm_name(w) for row in learner_rows for w in (row["name"], row["sid"], row["org_id"]) if w}
    for norm, who in proposers.items():
        if norm not in known:
            org_id = by_name.get(norm, "")
            learner_rows.append({"org_id": org_id, "name": names.get(org_id, who) if org_id else who,
                                 "asked": "", "source": "", "dimensions": [], "origin": "outreach", "sid": org_id})
            known.add(norm)
    for row in learner_rows:
        for who in (row["name"], row["sid"], row["org_id"]):
            if who and _norm_name(who) in alternatives:
                if not row["asked"]:
                    row["asked"] = "; ".join(alternatives[_norm_name(who)])
                row["rejected"] = rejected.get(_norm_name(who), [])
                break
    # Connection: invitations (dicts with org_id, name, dimension names; or bare ids).
    for item in _items(connection.get("invitations") or connection.get("invited")):
        row = _stakeholder_from(item, "connection", names)
        if row:
            row["dimensions"] = [dim_ids.get(d, d) for d in row["dimensions"]]
            learner_rows.append(row)
    # Connection: the parties named in the counter-voice plan ("Met wie?").
    counter_voice = connection.get("counter_voice")
    if isinstance(counter_voice, dict):
        for name in counter_voice_parties(str(counter_voice.get("whom") or ""), names):
            org_id = by_name.get(_norm_name(name), "")
            learner_rows.append({"org_id": org_id, "name": name, "asked": "", "source": "", "dimensions": [],
                                 "origin": "counter_voice", "sid": org_id})
    for row in learner_rows:
        row.pop("sid", None)

    if learner_rows:
        consultation = [s for s in case_sources.stakeholders if s.get("origin") == "consultation"]
        rows = learner_rows + consultation
    else:
        rows = list(case_sources.stakeholders)

    if insiders is not None:
        insider_set = {str(i) for i in insiders}
    else:
        insider_set = insider_ids(connection, names) or set(case_sources.insiders)
    counts = {d["org_id"]: d["contacts"] for d in case_sources.top_insiders}
    counts.update(case_sources.contact_counts)
    return Sources(tuple(rows), tuple(dims), dims_from, frozenset(insider_set), counts,
                   dict(case_sources.contact_topics), _top_insiders(insider_set, counts, names))


def _top_insiders(insiders: Iterable[str], counts: dict[str, int], names: dict[str, str]) -> tuple[dict, ...]:
    """The insiders with the most contacts (ties: by org id), with their names."""
    ranked = sorted((str(i) for i in insiders), key=lambda i: (-counts.get(i, 0), i))
    return tuple({"org_id": i, "name": names.get(i, i), "contacts": int(counts.get(i, 0))}
                 for i in ranked[:TOP_INSIDERS])


_FILLER_START = re.compile(r"^(bijvoorbeeld|bijv\.?|o\.a\.|onder andere|zoals|met|de|het)\s+", re.IGNORECASE)


def counter_voice_parties(whom: str, org_names: dict[str, str] | None = None) -> list[str]:
    """The parties a learner named in the counter-voice plan ("Met wie?"), in order.

    Organisations of the case are found by name wherever they stand (a name may contain
    "en" or a comma); the rest of the text is split on commas, semicolons, new lines and
    "en". A fragment of more than ten words is a sentence, not a party, and is skipped.
    """
    text = " ".join(str(whom or "").split())
    if not text:
        return []
    found: list[tuple[int, str]] = []
    lowered = text.lower()
    for name in sorted((org_names or {}).values(), key=len, reverse=True):
        pos = lowered.find(name.lower()) if len(name) >= 4 else -1
        if pos >= 0:
            found.append((pos, name))
            text = text[:pos] + "," + " " * (len(name) - 1) + text[pos + len(name):]
            lowered = text.lower()
    for match in re.finditer(r"[^,;\n]+", re.sub(r"\s+en\s+", ",", text)):
        fragment = _FILLER_START.sub("", match.group(0).strip(" .:!?")).strip(" .:!?")
        if fragment and len(fragment.split()) <= 10:
            found.append((match.start(), fragment[:MAX_NAME]))
    parties = [name for _pos, name in sorted(found)]
    unique = list(dict.fromkeys(parties))
    return unique[:MAX_COUNTER_VOICE_PARTIES]


def _cell(value: Any) -> str:
    """A table cell as trimmed text ('' for None/NaN)."""
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none", "<na>", "nat") else text


def consultation_groups(responses: list[dict], dimensions: list[dict]) -> list[dict]:
    """One interest per dimension for a large consultation: how many responded, their
    positions, and two example summaries (a response naming two dimensions counts in both)."""
    order = [d["id"] for d in dimensions]
    names = {d["id"]: d["name"] for d in dimensions}
    grouped: dict[str, list[dict]] = {}
    for r in responses:
        for dim in r["dimensions"] or [""]:
            grouped.setdefault(dim, []).append(r)
    keys = [d for d in order if d in grouped] + sorted(k for k in grouped if k not in order and k) + (
        [""] if "" in grouped else []
    )
    rows: list[dict] = []
    for dim in keys:
        members = grouped[dim]
        positions: dict[str, int] = {}
        for r in members:
            if r.get("position"):
                positions[r["position"]] = positions.get(r["position"], 0) + 1
        position_text = ", ".join(f"{p} {n}" for p, n in sorted(positions.items(), key=lambda kv: -kv[1]))
        examples = list(dict.fromkeys(r["summary"] for r in members if r.get("summary")))[:2]
        responses = _responses(len(members))
        asked = (t("accountability.consultation.asked", responses=responses, positions=position_text) if position_text
                 else t("accountability.consultation.asked_no_positions", responses=responses))
        if examples:
            asked += " " + t("accountability.consultation.examples", examples="; ".join(f"“{_short(e, 160)}”" for e in examples))
        label = names.get(dim, dim) if dim else t("accountability.consultation.other")
        rows.append(
            {
                "id": f"{GROUP_PREFIX}{dim or 'overig'}",
                "org_id": "",
                "name": t("accountability.consultation.group_name", dimension=label, count=len(members)),
                "asked": asked,
                "source": "consultatie",
                "dimensions": [dim] if dim else [],
                "origin": "consultation",
                "responses": len(members),
            }
        )
    return rows


def _responses(n: int) -> str:
    return dutch.count(n, t("accountability.consultation.response_one"), t("accountability.consultation.response_many"))


def sources_from_case(case: Any, insider_share: float = 0.1) -> Sources:
    """Stakeholders, dimensions and a fallback insider set from a loaded case.

    Uses the consultation (org_id, name, position, dimensions, summary) when the case has
    one: one interest per respondent for a small consultation, one per dimension for a
    large one (more than ``MAX_INDIVIDUAL_RESPONSES`` responses, see
    :func:`consultation_groups`).
    The fallback insiders (used only when the learner has no Connection work) are the
    organisations with the most contacts: the top ``insider_share`` of the contact log.
    """
    if case is None:
        return Sources()
    names: dict[str, str] = {}
    orgs = getattr(case, "organisations", None)
    try:
        if orgs is not None and hasattr(orgs, "columns"):
            names = dict(zip(orgs["org_id"].astype(str), orgs["name"].astype(str)))
        elif isinstance(orgs, (list, tuple)):
            for o in orgs:
                oid = getattr(o, "org_id", None) or (o.get("org_id") if isinstance(o, dict) else None)
                nm = getattr(o, "name", None) or (o.get("name") if isinstance(o, dict) else None)
                if oid:
                    names[str(oid)] = str(nm or oid)
    except Exception:  # a differently shaped case must not break the page
        names = {}
    dims = _dimension_list(getattr(case, "dimensions", None) or [])
    rows: list[dict] = []
    consultation = getattr(case, "consultation", None)
    responses: list[dict] = []
    if consultation is not None and hasattr(consultation, "iterrows"):
        for _, r in consultation.iterrows():
            org_id = _cell(r.get("org_id"))
            name = _cell(r.get("name")) or names.get(org_id, "") or org_id
            if not name:
                continue
            position, summary = _cell(r.get("position")), _cell(r.get("summary"))
            responses.append(
                {
                    "org_id": org_id,
                    "name": name,
                    "asked": ": ".join(v for v in (position, summary) if v),
                    "position": position,
                    "summary": summary,
                    "source": "consultatie",
                    "dimensions": _clean_list(_cell(r.get("dimensions"))),
                    "origin": "consultation",
                }
            )
    if len(responses) <= MAX_INDIVIDUAL_RESPONSES:
        rows = [{k: v for k, v in r.items() if k not in ("position", "summary")} for r in responses]
    else:
        rows = consultation_groups(responses, dims)
    insiders: set[str] = set()
    contact_counts: dict[str, int] = {}
    contact_topics: dict[str, list[str]] = {}
    contacts = getattr(case, "contacts", None)
    try:
        if contacts is not None and hasattr(contacts, "groupby") and "org_id" in contacts:
            counts = contacts["org_id"].astype(str).value_counts()
            top = max(1, int(round(len(counts) * insider_share)))
            insiders = set(counts.index[:top])
            contact_counts = {str(k): int(v) for k, v in counts.items()}
            if "topic" in contacts:
                busiest = contacts[contacts["org_id"].astype(str).isin(set(counts.index[:TOPIC_ORGS]))]
                for org_id, topics in busiest.groupby(busiest["org_id"].astype(str))["topic"]:
                    common = topics.dropna().astype(str).str.strip().value_counts()
                    contact_topics[org_id] = [_lower_start(str(x)) for x in common.index[:3] if x]
    except Exception:
        insiders, contact_counts, contact_topics = set(), {}, {}
    return Sources(tuple(rows), tuple(dims), "case" if dims else "", frozenset(insiders),
                   contact_counts, contact_topics, _top_insiders(insiders, contact_counts, names))


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


def _reason_clause(text: str) -> tuple[str, bool]:
    """The reasoning ready to follow the weight, and whether it starts with its own
    conjunction ('omdat ...', 'want ...'). A sentence starter such as 'Het' or 'Omdat' is
    lower-cased; names and abbreviations stay as typed."""
    body = _sentence_body(text)
    first = body.split(" ", 1)[0]
    conjunction = first.lower().strip(",:") in ("omdat", "want", "doordat", "aangezien", "vanwege", "gezien")
    vocabulary = {str(w).lower() for w in tlist("accountability.restating_words")}
    if first[:1].isupper() and first[1:].islower() and (conjunction or first.lower() in vocabulary):
        body = first.lower() + body[len(first):]
    return body, conjunction


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
    body = _sentence_body(text)
    return body if len(body) <= limit else body[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------
# the handful: a chosen few to weigh, the rest optional
# --------------------------------------------------------------------------------------
def pointed_insider(interests: list[Interest], contact_counts: dict[str, int] | None = None) -> Interest | None:
    """The insider the course points out: of the insiders in the list, the one with the most
    contacts in the case's log (ties and no counts: the first in the list)."""
    counts = contact_counts or {}
    insiders = [i for i in interests if i.insider]
    if not insiders:
        return None
    return min(enumerate(insiders), key=lambda pair: (-counts.get(pair[1].org_id, 0), pair[0]))[1]


def default_handful(interests: list[Interest], dimensions: list[dict] | None = None,
                    contact_counts: dict[str, int] | None = None) -> list[str]:
    """The interest ids the course asks the learner to weigh, in list order.

    A list of at most :data:`HANDFUL_MAX` interests is weighed whole. Otherwise
    :data:`HANDFUL_SIZE`: the insider the course points out (:func:`pointed_insider`), a
    party whose proposal got no hearing in module 2, one interest per origin (own map,
    invitations, counter-voice, the consultation, ...), one per dimension not yet covered,
    then the rest of the list, others before insiders; at most :data:`HANDFUL_GROUPS` groups
    of consultation responses while parties with a name are left. Deterministic: the same list gives
    the same handful.
    """
    if len(interests) <= HANDFUL_MAX:
        return [i.id for i in interests]
    chosen: list[str] = []

    groups = {i.id for i in interests if i.is_group}

    def take(candidates: Iterable[Interest]) -> None:
        for i in candidates:
            if len(chosen) >= HANDFUL_SIZE:
                return
            if i.id in groups and sum(c in groups for c in chosen) >= HANDFUL_GROUPS:
                continue  # parties with a name first: a group of responses is a topic
            if i.id not in chosen:
                chosen.append(i.id)
                return

    insider = pointed_insider(interests, contact_counts)
    if insider is not None:
        chosen.append(insider.id)
    others = [i for i in interests if not i.insider]
    take(i for i in others if i.rejected)
    for origin in ORIGINS:
        if not any(i.origin == origin for i in interests if i.id in chosen):
            take(i for i in others if i.origin == origin)
    for d in dimensions or []:
        if not any(d["id"] in i.dimensions or d["name"] in i.dimensions for i in interests if i.id in chosen):
            take(i for i in others if d["id"] in i.dimensions or d["name"] in i.dimensions)
    for i in [i for i in others if i.id not in groups] + [i for i in interests if i.insider]:
        take([i])
    for i in interests:  # a list of mostly groups: then more groups after all
        if len(chosen) < HANDFUL_SIZE and i.id not in chosen:
            chosen.append(i.id)
    order = {i.id: n for n, i in enumerate(interests)}
    return sorted(chosen, key=order.__getitem__)


# --------------------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------------------
class AccountabilityModel:
    """The learner's weighing, feedback tracker and rationale draft."""

    def __init__(self) -> None:
        self.interests: list[Interest] = []
        self.dimensions: list[dict] = []
        self.dimensions_from: str = ""
        self.feedback: dict[str, FeedbackEntry] = {}
        self.draft: dict[str, Any] = {"generated": "", "edited": None, "based_on": "", "history": []}
        self.next_id: int = 1
        self.handful: list[str] | None = None  # None: not chosen yet (the default applies)
        self.handful_insider: str = ""  # the insider the course points out (an interest id)

    # ----- (de)serialisation --------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": STATE_VERSION,
            "interests": [i.to_dict() for i in self.interests],
            "dimensions": [dict(d) for d in self.dimensions],
            "dimensions_from": self.dimensions_from,
            "feedback": {k: v.to_dict() for k, v in self.feedback.items()},
            "draft": {
                "generated": self.draft["generated"],
                "edited": self.draft["edited"],
                "based_on": self.draft["based_on"],
                "history": list(self.draft["history"]),
            },
            "next_id": self.next_id,
            "handful": {"ids": self.handful_ids(), "insider": self.handful_insider},
        }

    @classmethod
    def from_dict(cls, d: Any) -> AccountabilityModel:
        """Tolerant of missing keys, wrong types and older shapes: bad rows are skipped."""
        model = cls()
        if not isinstance(d, dict):
            return model
        seen: set[str] = set()
        for raw in d.get("interests") or []:
            interest = Interest.from_dict(raw)
            if interest is None or interest.id in seen:
                continue
            seen.add(interest.id)
            model.interests.append(interest)
        model.dimensions = _dimension_list(d.get("dimensions"))
        model.dimensions_from = _text(d.get("dimensions_from"))
        feedback = d.get("feedback")
        if isinstance(feedback, dict):
            model.feedback = {str(k): FeedbackEntry.from_dict(v) for k, v in feedback.items()}
        draft = d.get("draft")
        if isinstance(draft, str):  # older shape: just the text, treat as the learner's edit
            draft = {"generated": "", "edited": draft or None, "based_on": "", "history": []}
        if isinstance(draft, dict):
            edited = draft.get("edited")
            history = draft.get("history")
            model.draft = {
                "generated": _text(draft.get("generated")),
                "edited": None if edited is None else _text(edited),
                "based_on": _text(draft.get("based_on")),
                "history": [_text(h) for h in history][-MAX_HISTORY:]
                if isinstance(history, list)
                else [],
            }
        try:
            model.next_id = max(1, int(d.get("next_id", 1)))
        except (TypeError, ValueError):
            model.next_id = 1
        own = [int(i.id.split("-")[1]) for i in model.interests if re.fullmatch(r"eigen-\d+", i.id)]
        if own:
            model.next_id = max(model.next_id, max(own) + 1)
        handful = d.get("handful")  # absent in workbooks before issue 28: the default applies
        if isinstance(handful, dict) and isinstance(handful.get("ids"), list):
            ids = {i.id for i in model.interests}
            chosen = list(dict.fromkeys(str(x) for x in handful["ids"] if str(x) in ids))
            model.handful = chosen or None
            model.handful_insider = _text(handful.get("insider"))
        return model

    # ----- seeding from Outreach/Connection/case ------------------------------------
    def sync_sources(self, sources: Sources) -> int:
        """Add stakeholders from the sources that are not in the list yet; refresh flags.

        Never changes what the learner entered (weight, reasoning, asked, source) of an
        existing row; only refreshes the insider flag and adds dimensions. Returns the
        number of rows added.
        """
        by_id = {i.id: i for i in self.interests}
        added = 0
        for row in sources.stakeholders:
            org_id = str(row.get("org_id") or "").strip()
            name = str(row.get("name") or org_id).strip()[:MAX_NAME]
            if not name:
                continue
            explicit = str(row.get("id") or "")
            if explicit.startswith(GROUP_PREFIX):
                iid = explicit[:MAX_NAME]
            else:
                iid = f"org:{org_id}" if org_id else f"naam:{_norm_name(name)}"
            dims = _clean_list(row.get("dimensions"))
            existing = by_id.get(iid)
            if existing is not None:
                existing.dimensions = list(dict.fromkeys(existing.dimensions + dims))
                if not existing.asked and row.get("asked"):
                    existing.asked = _text(row.get("asked"))
                if not existing.source and row.get("source"):
                    existing.source = _text(row.get("source"))
                if row.get("rejected"):
                    existing.rejected = _text_list(row.get("rejected"))
                if row.get("responses"):
                    existing.responses = _count(row.get("responses"))
                continue
            origin = row.get("origin") if row.get("origin") in ORIGINS else "case"
            interest = Interest(
                id=iid,
                name=name,
                org_id=org_id,
                asked=_text(row.get("asked")),
                source=_text(row.get("source")),
                origin=origin,
                dimensions=dims,
                rejected=_text_list(row.get("rejected")),
                responses=_count(row.get("responses")),
            )
            self.interests.append(interest)
            by_id[iid] = interest
            added += 1
        for interest in self.interests:
            interest.insider = bool(interest.org_id) and interest.org_id in sources.insiders
        if sources.dimensions:
            self.dimensions = [dict(d) for d in sources.dimensions]
            self.dimensions_from = sources.dimensions_from
        return added + self._settle_handful(sources)

    def _settle_handful(self, sources: Sources) -> int:
        """Choose the default handful once, and keep an insider in it: when none of the
        list is an insider, the insider with the most contacts in the case's log joins
        the list (origin 'insider'). Returns the number of rows added (0 or 1)."""
        added = 0
        if not any(i.insider for i in self.interests) and sources.top_insiders:
            top = sources.top_insiders[0]
            iid = f"org:{top['org_id']}"
            if all(i.id != iid for i in self.interests):
                topics = sources.contact_topics.get(str(top["org_id"])) or []
                asked = t("accountability.insider_asked", topics=dutch.join(topics)) if topics else ""
                self.interests.append(Interest(id=iid, name=str(top["name"])[:MAX_NAME], org_id=str(top["org_id"]),
                                               asked=asked, source="overleg" if topics else "",
                                               origin="insider", insider=True))
                added = 1
        if not self.interests:
            return added
        counts = sources.contact_counts
        if self.handful is None:
            self.handful = default_handful(self.interests, self.dimensions, counts)
        members = [i for i in self.interests if i.id in self.handful]
        if not any(i.insider for i in members):
            insider = pointed_insider(self.interests, counts)
            if insider is not None:
                self.handful.append(insider.id)
                self.handful_insider = insider.id
        current = self.get_or_none(self.handful_insider)
        if current is None or not current.insider or current.id not in self.handful:
            pointed = pointed_insider([i for i in self.interests if i.id in self.handful], counts)
            self.handful_insider = pointed.id if pointed is not None else ""
        return added

    # ----- the handful ----------------------------------------------------------------
    def handful_ids(self) -> list[str]:
        """The ids the learner is asked to weigh, in list order (the default until chosen)."""
        if self.handful is None:
            return default_handful(self.interests, self.dimensions)
        chosen = set(self.handful)
        return [i.id for i in self.interests if i.id in chosen]

    def in_handful(self, interest_id: str) -> bool:
        return interest_id in self.handful_ids()

    def pointed_out(self) -> Interest | None:
        """The insider of the handful the course points out (see :meth:`sync_sources`)."""
        current = self.get_or_none(self.handful_insider)
        if current is not None and current.insider and self.in_handful(current.id):
            return current
        return pointed_insider([i for i in self.interests if self.in_handful(i.id)])

    def started(self, interest: Interest) -> bool:
        """The learner did something with this interest (a weight, a reason, feedback)."""
        return bool(interest.weight or interest.reasoning.strip() or self.feedback_for(interest.key).given)

    def considered(self) -> list[Interest]:
        """What the checks, the coverage and the text are about: the handful, plus every
        optional interest the learner started (what is filled in counts), in list order."""
        chosen = set(self.handful_ids())
        return [i for i in self.interests if i.id in chosen or self.started(i)]

    def optional(self) -> list[Interest]:
        """The interests outside the handful, started or not, in list order."""
        chosen = set(self.handful_ids())
        return [i for i in self.interests if i.id not in chosen]

    def add_to_handful(self, interest_id: str) -> Interest:
        interest = self.get(interest_id)
        ids = self.handful_ids()
        if interest.id not in ids:
            self.handful = [*ids, interest.id]
        return interest

    def remove_from_handful(self, interest_id: str) -> Interest:
        """Make an interest optional; raises ``ValueError`` (Dutch) when the handful would
        lose its last insider or drop under :data:`HANDFUL_MIN`."""
        interest = self.get(interest_id)
        ids = self.handful_ids()
        if interest.id not in ids:
            return interest
        rest = [i for i in self.interests if i.id in ids and i.id != interest.id]
        if interest.insider and not any(i.insider for i in rest):
            raise ValueError(t("accountability.errors.handful_last_insider"))
        if len(rest) < min(HANDFUL_MIN, len(self.interests)):
            raise ValueError(t("accountability.errors.handful_too_small", minimum=HANDFUL_MIN))
        self.handful = [i.id for i in rest]
        if self.handful_insider == interest.id:
            pointed = pointed_insider(rest)
            self.handful_insider = pointed.id if pointed is not None else ""
        return interest

    # ----- editing --------------------------------------------------------------------
    def get(self, interest_id: str) -> Interest:
        interest = self.get_or_none(interest_id)
        if interest is None:
            raise KeyError(t("accountability.errors.unknown_interest"))
        return interest

    def get_or_none(self, interest_id: str) -> Interest | None:
        return next((i for i in self.interests if i.id == interest_id), None)

    def add_interest(self, name: str, asked: str = "", source: str = "", dimensions: Iterable[str] = ()) -> Interest:
        """The learner adds a party; raises ``ValueError`` with a Dutch message when unusable."""
        name = re.sub(r"\s+", " ", str(name or "")).strip()
        if not name:
            raise ValueError(t("accountability.errors.name_empty"))
        if len(name) > MAX_NAME:
            raise ValueError(t("accountability.errors.name_too_long", limit=MAX_NAME))
        if any(_norm_name(i.name) == _norm_name(name) for i in self.interests):
            raise ValueError(sentence("accountability.errors.duplicate", name=name))
        interest = Interest(
            id=f"eigen-{self.next_id}",
            name=name,
            asked=_text(asked),
            source=_text(source),
            origin="learner",
            dimensions=_clean_list(list(dimensions)),
        )
        self.next_id += 1
        ids = self.handful_ids()
        self.interests.append(interest)
        self.handful = [*ids, interest.id]  # a party the learner adds is one to weigh
        return interest

    def remove_interest(self, interest_id: str) -> None:
        interest = self.get(interest_id)
        if interest.origin != "learner":
            raise ValueError(t("accountability.errors.not_removable"))
        ids = self.handful_ids()
        self.interests.remove(interest)
        self.handful = [i for i in ids if i != interest.id]
        if not any(i.key == interest.key for i in self.interests):
            self.feedback.pop(interest.key, None)

    def update_interest(self, interest_id: str, **fields: Any) -> Interest:
        """Set weight / reasoning / asked / source / dimensions of one interest."""
        interest = self.get(interest_id)
        for name, value in fields.items():
            if name == "weight":
                value = str(value or "").strip().lower()
                interest.weight = value if value in WEIGHTS else ""
            elif name in ("reasoning", "asked"):
                setattr(interest, name, _text(value))
            elif name == "source":
                interest.source = _text(value)
            elif name == "dimensions":
                interest.dimensions = _clean_list(value)
            else:
                raise TypeError(f"unknown field {name}")
        return interest

    def stakeholders(self, everyone: bool = False) -> list[tuple[str, str, bool]]:
        """(key, name, insider) per stakeholder, one per party: those of :meth:`considered`
        (the handful first, then the optional ones the learner started), or with
        ``everyone`` all of the list in list order."""
        out: dict[str, tuple[str, str, bool]] = {}
        if everyone:
            interests = self.interests
        else:
            chosen = set(self.handful_ids())
            scope = self.considered()
            interests = [i for i in scope if i.id in chosen] + [i for i in scope if i.id not in chosen]
        for i in interests:
            if i.key in out:
                key, name, insider = out[i.key]
                out[i.key] = (key, name, insider or i.insider)
            else:
                out[i.key] = (i.key, i.name, i.insider)
        return list(out.values())

    def feedback_for(self, key: str) -> FeedbackEntry:
        return self.feedback.get(key, FeedbackEntry())

    def set_feedback(self, key: str, **fields: Any) -> FeedbackEntry:
        entry = FeedbackEntry.from_dict({**self.feedback_for(key).to_dict(), **fields})
        self.feedback[key] = entry
        return entry

    # ----- checks ---------------------------------------------------------------------
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
                kind = "consultation_unweighed" if (i.origin == "consultation" or i.source == "consultatie") else "unweighed"
                findings.append(Finding(kind, t(f"accountability.checks.{kind}", name=interest_label(i)), i.id))
            if i.rejected and not (i.weight and has_reason):
                findings.append(
                    Finding(
                        "rejected_unexplained",
                        t("accountability.checks.rejected_unexplained", name=interest_label(i), proposal=_short(i.rejected[0])),
                        i.id,
                    )
                )
        more = [i for i in scope if i.weight == "meer"]
        if more and all(i.insider for i in more):
            findings.append(
                Finding(
                    "only_insiders_more",
                    t("accountability.checks.only_insiders_more", names=dutch.join([i.name for i in more])),
                )
            )
        weighed_dims = {d for i in weighed for d in i.dimensions}
        if weighed:
            for d in self.dimensions:
                if d["id"] not in weighed_dims and d["name"] not in weighed_dims:
                    findings.append(
                        Finding(
                            "dimension_unweighed",
                            t("accountability.checks.dimension_unweighed", dimension=d["name"]),
                            d["id"],
                        )
                    )
        return findings

    def coverage(self) -> dict[str, int]:
        """Feedback coverage: given / total, overall and for insiders vs others."""
        counts = {"total": 0, "given": 0, "insiders_total": 0, "insiders_given": 0, "others_total": 0, "others_given": 0}
        for key, _name, insider in self.stakeholders():
            given = self.feedback_for(key).given == "ja"
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
        groups = {i.key for i in self.considered() if i.id.startswith(GROUP_PREFIX) and not i.org_id}
        for key, _name, _insider in self.stakeholders():
            part = parts["groups" if key in groups else "parties"]
            part[1] += 1
            part[0] += self.feedback_for(key).given == "ja"
        return {k: (v[0], v[1]) for k, v in parts.items()}

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
        if not c["insiders_total"]:
            return f"{overall} {t('accountability.coverage.split_no_insiders')}"
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
            elif entry.given == "ja" and not entry.complete:
                findings.append(Finding("feedback_incomplete", t("accountability.checks.feedback_incomplete", name=name,
                                                                  fields=dutch.join(entry.missing_fields())), key))
            if entry.given != "ja":
                rejected = next((p for i in self.considered() if i.key == key for p in i.rejected), "")
                if rejected:
                    findings.append(Finding("rejected_no_feedback", t("accountability.checks.rejected_no_feedback",
                                                                        name=name, proposal=_short(rejected)), key))
        c = self.coverage()
        if c["insiders_total"] and c["others_total"]:
            ins = c["insiders_given"] / c["insiders_total"]
            oth = c["others_given"] / c["others_total"]
            if c["insiders_given"] and ins > oth + 0.2:
                findings.append(
                    Finding(
                        "feedback_insiders_only",
                        t(
                            "accountability.checks.feedback_insiders_only",
                            insiders=_pct(c["insiders_given"], c["insiders_total"]),
                            others=_pct(c["others_given"], c["others_total"]),
                        ),
                    )
                )
        return findings

    def findings(self) -> list[Finding]:
        return self.weighing_findings() + (self.feedback_findings() if self.interests else [])

    # ----- the rationale draft ----------------------------------------------------------
    def generate_text(self) -> str:
        """A short consultatieparagraaf from the learner's own entries (plain text).

        Four parts, each under its own heading line: who was involved and how; what they
        brought in; what was done with it and why ("we vroegen, u zei, wij deden"); how
        they heard back. The full tables are the annex of the export (:meth:`blocks`).
        """
        if not self.interests:
            return t("accountability.draft.empty")
        scope = self.considered()  # the handful and what else the learner filled in
        parties = self.stakeholders()
        groups = [i for i in scope if i.id.startswith(GROUP_PREFIX) and not i.org_id]
        named = [i for i in scope if i not in groups]
        sections: list[tuple[str, list[str]]] = []
        # 1. who was involved and how (consultation groups are counted as responses)
        # only a party with input or a known way of taking part was involved; one from the
        # learner's plan (an invitation, counter-voice) with neither is an open point, not nota text
        n_named = len({i.key for i in named if i.asked.strip() or i.source.strip() in SOURCES})
        involved = [t("accountability.draft.involved", parties=_parties(n_named))] if n_named else []
        by_source: dict[str, list[str]] = {}
        for i in named:
            src = i.source.strip() if i.source.strip() in SOURCES else ""
            by_source.setdefault(src, [])
            if i.name not in by_source[src]:
                by_source[src].append(i.name)
        for src in [s for s in SOURCES if s in by_source]:  # how unknown: an open point, not nota text
            involved.append(t(f"accountability.draft.how.{src}", names=dutch.join(by_source[src])))
        if groups:  # a response may name several topics: count topics, not a (double) total
            topics = [_group_topic(g) for g in groups]
            involved.append(t("accountability.draft.consultation_groups",
                              topics_count=dutch.count(len(topics), t("accountability.draft.topic"),
                                                       t("accountability.draft.topics")),
                              topics=dutch.join(topics)))
        sections.append((t("accountability.draft.heading_involved"), involved))
        # 2. what they brought in: the first few in full, the rest in the annex
        brought: list[str] = []
        described = [i for i in scope if i.asked.strip()]
        for i in described[:MAX_DRAFT_ITEMS]:
            if i in groups:  # the figures here, the example quotes in the annex
                brought.append(sentence("accountability.draft.brought_item", name=_group_topic(i),
                                 asked=_sentence_body(_without_examples(i.asked))))
            else:
                brought.append(sentence("accountability.draft.brought_item", name=i.name, asked=_sentence_body(i.asked)))
        if len(described) > MAX_DRAFT_ITEMS:  # a group of responses is a topic, not a party
            rest = described[MAX_DRAFT_ITEMS:]
            rest_groups = sum(1 for i in rest if i in groups)
            rest_parties = len(rest) - rest_groups
            parts = {
                "parties": dutch.count(rest_parties, t("accountability.draft.other_party"),
                                       t("accountability.draft.other_parties")),
                "topics": dutch.count(rest_groups, t("accountability.draft.other_topic"),
                                      t("accountability.draft.other_topics")),
            }
            key = ("brought_more_both" if rest_parties and rest_groups
                   else "brought_more_topics" if rest_groups else "brought_more")
            brought.append(t(f"accountability.draft.{key}", **parts))
        sections.append((t("accountability.draft.heading_brought"), brought))
        # 3. what was done with it and why: meer, evenveel, minder; then rejected proposals
        done: list[str] = []

        def weighed_name(i: Interest) -> str:  # 'de reacties over X', not the list label 'Consultatiereacties over X (82)'
            return t("accountability.draft.group_responses", topic=_group_topic(i)) if i in groups else i.name

        # In running prose, heaviest first; what is not yet weighed or explained is an open
        # point of the export, not a to-do inside the nota.
        for weight in WEIGHTS:
            for i in scope:
                if i.weight != weight:
                    continue
                phrase = t(f"accountability.draft.weight_phrase.{weight}")
                name = weighed_name(i)
                reason, conjunction = _reason_clause(i.reasoning)
                if not reason:
                    done.append(t("accountability.draft.prose_plain", name=name, phrase=phrase))
                elif conjunction:
                    done.append(t("accountability.draft.prose_conj", name=name, phrase=phrase, reasoning=reason))
                else:
                    done.append(t("accountability.draft.prose", name=name, phrase=phrase,
                                  reasoning=_sentence(i.reasoning)))
        for i in scope:
            for proposal in i.rejected:
                reason = _sentence(i.reasoning) if i.weight and i.reasoning.strip() else ""
                done.append(t("accountability.draft.rejected", proposal=_short(proposal, 120), name=i.name,
                              reason=reason).strip())
        sections.append((t("accountability.draft.heading_done"), done))
        # 4. how they heard back (who, grouped by how; the details are in the annex)
        # Parties and groups of consultation responses are counted apart: section 1 counted
        # "8 partijen" and 7 topics, so "3 van de 15 partijen" here would not add up.
        group_topics = {g.key: _group_topic(g) for g in groups}
        heard = {key: self.feedback_for(key).given == "ja" for key, _name, _insider in parties}
        party_keys = [key for key, _name, _insider in parties if key not in group_topics]
        back: list[str] = []
        given, total = sum(heard[k] for k in party_keys), len(party_keys)
        if total == 1:
            if given:
                back.append(sentence("accountability.draft.feedback_single",
                              name=next(n for k, n, _i in parties if k == party_keys[0])))
        elif total:
            back.append(t("accountability.draft.feedback_count_one" if given == 1 else "accountability.draft.feedback_count",
                          given=dutch.number(given), total=_parties(total)))
        if group_topics:
            given_topics = sum(heard[k] for k in group_topics)
            if len(group_topics) == 1:
                if given_topics:
                    back.append(t("accountability.draft.feedback_groups_single", topic=next(iter(group_topics.values()))))
            elif given_topics:
                back.append(t("accountability.draft.feedback_groups_count", given=dutch.number(given_topics),
                              total=dutch.count(len(group_topics), t("accountability.draft.topic"),
                                                t("accountability.draft.topics"))))
            else:
                back.append(t("accountability.draft.feedback_groups_none"))
        by_how: dict[str, list[str]] = {}
        declined, missing = [], []
        for key, name, _insider in parties:
            if key in group_topics:
                name = t("accountability.draft.group_senders", topic=group_topics[key])
            entry = self.feedback_for(key)
            if entry.given == "ja":
                when = " ".join(entry.when.split())  # how and when each party heard back
                by_how.setdefault(entry.how if entry.how in FEEDBACK_HOW else "", []).append(
                    t("accountability.draft.feedback_when", name=name, when=when) if when else name)
            elif entry.given == "nee":
                declined.append(name)
            else:
                missing.append(name)
        for how in [h for h in FEEDBACK_HOW if h in by_how]:
            back.append(t("accountability.draft.feedback_how",
                          how_cap=_capital(t(f"accountability.feedback_how_phrase.{how}")),
                          names=dutch.join(by_how[how])))
        if declined:
            back.append(t("accountability.draft.feedback_no", names=dutch.join(declined)))
        sections.append((t("accountability.draft.heading_feedback"), back))
        return dutch.tidy("\n\n".join(f"{heading}\n{' '.join(lines)}" for heading, lines in sections if lines))

    def open_points(self) -> list[str]:
        """What the nota cannot say yet, kept apart from its text (the export lists these
        under 'Open punten', beside the checks): how a party was involved, what it brought
        in, and how those who heard back were told."""
        points: list[str] = []
        scope = self.considered()
        groups = {i.key for i in scope if i.id.startswith(GROUP_PREFIX) and not i.org_id}
        named = [i for i in scope if i.key not in groups]
        unknown = list(dict.fromkeys(i.name for i in named if i.source.strip() not in SOURCES))
        if unknown:
            points.append(t("accountability.draft.open_how", names=dutch.join(unknown)))
        silent = [i.name for i in scope if not i.asked.strip()]
        if silent:
            points.append(t("accountability.draft.open_brought", names=dutch.join(silent)))
        addressees = self._addressees()
        told = [addressees.get(key, name) for key, name, _i in self.stakeholders()
                if self.feedback_for(key).given == "ja" and self.feedback_for(key).how not in FEEDBACK_HOW]
        if told:
            points.append(t("accountability.draft.open_feedback_how", names=dutch.join(told)))
        considered = {i.id for i in scope}
        untouched = [interest_label(i) for i in self.interests if i.id not in considered]
        if untouched:  # optional in the course, and not weighed: the export says so
            points.append(t("accountability.draft.open_optional", names=dutch.join(untouched)))
        return points

    def feedback_counts(self) -> tuple[int, int]:
        """(parties that heard back, parties weighed): the one definition modules 4 and 5 use.
        The parties are those of :meth:`considered` (the handful and what else was filled in)."""
        c = self.coverage()
        return c["given"], c["total"]

    @property
    def draft_text(self) -> str:
        """What the learner sees and exports: their edit if any, else the generated text."""
        return self.draft["edited"] if self.draft["edited"] is not None else self.draft["generated"]

    @property
    def draft_edited(self) -> bool:
        return self.draft["edited"] is not None

    @property
    def draft_outdated(self) -> bool:
        """The learner edited the text, and the weighing changed since."""
        return self.draft_edited and self.generate_text() != self.draft["based_on"]

    def generate_draft(self, replace_edit: bool = False) -> str:
        """(Re)generate the draft. An edit is only replaced when ``replace_edit`` is True,
        and then it is kept in the history so it can be restored."""
        generated = self.generate_text()
        self.draft["generated"] = generated
        if self.draft["edited"] is None:
            self.draft["based_on"] = generated
        elif replace_edit:
            self._push_history(self.draft["edited"])
            self.draft["edited"] = None
            self.draft["based_on"] = generated
        return self.draft_text

    def edit_draft(self, text: str) -> None:
        """Keep the learner's own version of the draft (an edit equal to the generated
        text is not an edit)."""
        text = "" if text is None else str(text)
        if self.draft["edited"] is None and text == self.draft["generated"]:
            return
        if self.draft["edited"] is None:
            self.draft["based_on"] = self.draft["generated"]
        self.draft["edited"] = text

    def restore_previous_edit(self) -> str:
        """Bring back the most recent earlier edit (the current edit goes into the history)."""
        if not self.draft["history"]:
            raise ValueError(t("accountability.errors.no_previous"))
        previous = self.draft["history"].pop()
        if self.draft["edited"] is not None and self.draft["edited"] != previous:
            self._push_history(self.draft["edited"])
        self.draft["edited"] = previous
        self.draft["based_on"] = self.draft["generated"] or self.generate_text()
        return previous

    def _push_history(self, text: str) -> None:
        history = self.draft["history"]
        if history and history[-1] == text:
            return
        history.append(text)
        del history[:-MAX_HISTORY]

    def draft_status(self) -> list[str]:
        lines = [t("accountability.draft.status_edited" if self.draft_edited else "accountability.draft.status_generated")]
        if self.draft_outdated:
            lines.append(t("accountability.draft.status_outdated"))
        n = len(self.draft["history"])
        if n:
            lines.append(t("accountability.draft.status_previous_one") if n == 1
                         else t("accountability.draft.status_previous", count=n))
        return lines

    # ----- export ---------------------------------------------------------------------------
    def weighing_rows(self) -> list[tuple[str, ...]]:
        return [
            (
                dutch.capital(interest_label(i)),
                i.asked,
                source_label(i.source) if i.source.strip() else "",  # not 'onbekend' in every row
                self._kind_label(i.key, i.insider),
                weight_label(i.weight),
                i.reasoning,
            )
            for i in self.considered()
        ]

    def _kind_label(self, key: str, insider: bool) -> str:
        """'vaste gesprekspartner', 'andere partij', or for a group 'reacties uit de consultatie'."""
        if key in self._addressees():
            return t("accountability.group_label.kind")
        return t("accountability.insider_label") if insider else t("accountability.other_label")

    def feedback_rows(self) -> list[tuple[str, ...]]:
        rows = []
        addressees = self._addressees()
        for key, name, insider in self.stakeholders():
            entry = self.feedback_for(key)
            rows.append(
                (
                    dutch.capital(addressees.get(key, name)),
                    self._kind_label(key, insider),
                    given_label(entry.given),
                    how_label(entry.how),
                    entry.when,
                    entry.what,
                )
            )
        return rows

    def blocks(self, level: int = 3, with_checks: bool = True) -> list[Block]:
        """Headings, the rationale, a weighing table and the feedback coverage."""
        blocks: list[Block] = [Heading(t("accountability.export.rationale"), level)]
        text = self.draft_text or (self.generate_text() if self.interests else "")
        if text.strip():
            headings = {t(f"accountability.draft.heading_{k}") for k in ("involved", "brought", "done", "feedback")}
            for part in re.split(r"\n\s*\n", text.strip()):
                first, _, rest = part.strip().partition("\n")
                if first.strip() in headings:  # the draft's own section lines become headings
                    blocks.append(Heading(first.strip(), level + 1))
                    part = rest
                if part.strip():
                    blocks.append(Paragraph(" ".join(part.split())))
        else:
            blocks.append(Paragraph(t("accountability.export.empty"), italic=True))
        blocks.append(Heading(t("accountability.export.weighing"), level))
        if self.interests:
            blocks.append(
                Table(
                    [
                        t("accountability.export.col_name"),
                        t("accountability.export.col_asked"),
                        t("accountability.export.col_source"),
                        t("accountability.export.col_group"),
                        t("accountability.export.col_weight"),
                        t("accountability.export.col_reasoning"),
                    ],
                    self.weighing_rows(),
                )
            )
        else:
            blocks.append(Paragraph(t("accountability.export.empty"), italic=True))
        blocks.append(Heading(t("accountability.export.feedback"), level))
        blocks.append(Paragraph(self.coverage_text()))
        if self.interests:
            blocks.append(
                Table(
                    [
                        t("accountability.export.col_name"),
                        t("accountability.export.col_group"),
                        t("accountability.export.col_given"),
                        t("accountability.export.col_how"),
                        t("accountability.export.col_when"),
                        t("accountability.export.col_what"),
                    ],
                    self.feedback_rows(),
                )
            )
        if with_checks and self.interests:
            points = self.open_points() + [f.message for f in self.findings()]
            if points:
                from ..document import Bullets

                blocks.append(Heading(t("accountability.export.checks"), level))
                blocks.append(Paragraph(t("accountability.export.checks_intro"), italic=True))
                blocks.append(Bullets(points))
        return blocks


# --------------------------------------------------------------------------------------
# chart (aggregated: at most 2 groups x 3 statuses)
# --------------------------------------------------------------------------------------
OKABE_ITO = ("#009E73", "#E69F00", "#999999")  # given, declined, not filled in


def coverage_frame(model: AccountabilityModel):
    """Parties per group (insiders / others) and feedback status, for the chart."""
    import pandas as pd

    statuses = [("ja", t("accountability.chart.given")), ("nee", t("accountability.chart.declined")),
                ("", t("accountability.chart.missing"))]
    counts: dict[tuple[str, str], int] = {}
    for key, _name, insider in model.stakeholders():
        group = t("accountability.chart.insiders") if insider else t("accountability.chart.others")
        status = dict(statuses)[model.feedback_for(key).given]
        counts[(group, status)] = counts.get((group, status), 0) + 1
    rows = [{"groep": g, "status": st, "partijen": n, "volgorde": [lab for _k, lab in statuses].index(st)}
            for (g, st), n in counts.items()]
    return pd.DataFrame(rows, columns=["groep", "status", "partijen", "volgorde"])


def coverage_chart_summary(model: AccountabilityModel) -> str:
    """The chart in words, for screen readers: per group how many parties have which status."""
    frame = coverage_frame(model)
    groups = []
    for group in (t("accountability.chart.insiders"), t("accountability.chart.others")):
        rows = frame[frame["groep"] == group].sort_values("volgorde")
        if not rows.empty:
            counts = ", ".join(f"{n} {status}" for status, n in zip(rows["status"], rows["partijen"]))
            groups.append(f"{group[:1].upper()}{group[1:]}: {counts}")
    return t("accountability.chart.summary", groups="; ".join(groups))


def coverage_chart(model: AccountabilityModel) -> dict:
    """A stacked bar per group (Vega-Lite spec): how many parties heard back (colour-blind-safe colours)."""
    labels = [t("accountability.chart.given"), t("accountability.chart.declined"), t("accountability.chart.missing")]
    return {
        "data": {"values": records(coverage_frame(model))},
        "title": t("accountability.chart.title"),
        "width": 380,
        "height": 90,
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "groep", "type": "nominal", "title": None},
            "x": {"field": "partijen", "type": "quantitative", "title": t("accountability.chart.x_title"),
                  "axis": {"tickMinStep": 1}},
            "color": {"field": "status", "type": "nominal", "scale": {"domain": labels, "range": list(OKABE_ITO)},
                      "legend": {"title": None, "orient": "bottom", "columns": 2}},
            "order": {"field": "volgorde", "type": "quantitative"},
            "tooltip": [{"field": "groep", "type": "nominal"}, {"field": "status", "type": "nominal"},
                        {"field": "partijen", "type": "quantitative"}],
        },
    }


# --------------------------------------------------------------------------------------
# module-level API used by verbinding.export and the UI
# --------------------------------------------------------------------------------------
def export_blocks(state: dict) -> list[Block]:
    """Blocks for the whole-workbook export (the module heading is added by the caller)."""
    return AccountabilityModel.from_dict(state).blocks(level=3)


def rationale_title(case_title: str | None = None) -> str:
    return t("accountability.export.title_case", case=case_title) if case_title else t("accountability.export.title")


def rationale_markdown(state: dict, case_title: str | None = None) -> str:
    """Just the rationale and its tables, as Markdown (learner text escaped)."""
    return to_markdown(AccountabilityModel.from_dict(state).blocks(level=2), title=rationale_title(case_title))


def rationale_docx(state: dict, case_title: str | None = None) -> bytes:
    """Just the rationale and its tables, as a Word document."""
    return to_docx(AccountabilityModel.from_dict(state).blocks(level=2), title=rationale_title(case_title))


def rationale_filename(extension: str) -> str:
    return f"{t('accountability.export.filename')}.{extension}"


def group_findings(findings: list[Finding], limit: int = MAX_LISTED_FINDINGS) -> list[str]:
    """Messages for display: at most ``limit`` per kind, then 'and N more'."""
    per_kind: dict[str, int] = {}
    out: list[str] = []
    hidden: dict[str, int] = {}
    for f in findings:
        per_kind[f.kind] = per_kind.get(f.kind, 0) + 1
        if per_kind[f.kind] <= limit:
            out.append(f.message)
        else:
            hidden[f.kind] = hidden.get(f.kind, 0) + 1
    out += [t("accountability.checks.more_one") if n == 1 else t("accountability.checks.more_count", count=n)
            for n in hidden.values()]
    return out


def feedback_counts(state: Any) -> tuple[int, int]:
    """(parties that heard back, parties weighed) from module 4's saved state.

    The one definition of "stakeholders that got feedback": module 4 shows it, module 5
    (the OCA scan) quotes it. A party is one stakeholder of the weighing list (a group of
    consultation responses counts once); it heard back when "Teruggekoppeld?" is "ja".
    """
    return AccountabilityModel.from_dict(state).feedback_counts()


def is_complete(state: Any) -> bool:
    """Module 4 done, from its saved state alone: every party of the handful (and every
    optional one the learner started) weighed with a real reason (proposals without a
    hearing explained), feedback filled in for those parties, and a draft text there.
    A state saved before the handful existed gets the default handful. Questions to think about (e.g. only insiders weighed more) do not
    block; missing work does (:data:`OPEN_KINDS`)."""
    model = AccountabilityModel.from_dict(state)
    if not model.interests or not model.draft_text.strip():
        return False
    return not any(f.kind in OPEN_KINDS for f in model.findings())
