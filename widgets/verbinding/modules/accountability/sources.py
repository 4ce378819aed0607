"""Reading other modules' work and the case into :class:`~.records.Sources` (defensively:
shapes may differ or be absent)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from verbinding import dutch
from verbinding.modules.accountability.records import (
    GROUP_PREFIX,
    MAX_COUNTER_VOICE_PARTIES,
    MAX_INDIVIDUAL_RESPONSES,
    MAX_NAME,
    SOURCES,
    TOP_INSIDERS,
    TOPIC_ORGS,
    Sources,
    _clean_list,
    _lower_start,
    _norm_name,
    _short,
    saved_code,
)
from verbinding.texts import t


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
        source = saved_code("source", str(item.get("source") or item.get("format") or item.get("how") or "").strip())
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
    alternatives: dict[str, list[str]] = {}  # brought in: the party's input
    every: dict[str, list[str]] = {}  # brought in or not (what older versions took as input)
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
            every.setdefault(_norm_name(who), []).append(text)
            # 'zou het kunnen inbrengen' (status "could"): the party did not bring it in, so
            # it is no input and cannot have been refused a hearing
            if str(alt.get("status") or "brought") == "could":
                continue
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
            if who and _norm_name(who) in every:
                if not row["asked"]:
                    row["asked"] = "; ".join(alternatives.get(_norm_name(who), []))
                    # the input an older version seeded from every proposal (see sync_sources)
                    row["asked_before"] = "; ".join(every[_norm_name(who)])
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
    "en", a comma or a slash: "Boeren en Tuinders" stays whole); the rest of the text is
    split on commas, semicolons, slashes, new lines and "en". No part is dropped: when a
    part is a sentence (more than ten words) or there are more than
    :data:`MAX_COUNTER_VOICE_PARTIES` parts, the split is no list of parties and the whole
    text is one party.
    """
    text = " ".join(str(whom or "").split())
    if not text:
        return []
    whole = dutch.shorten(text.strip(" .:!?"), MAX_NAME)
    found: list[tuple[int, str]] = []
    lowered = text.lower()
    for name in sorted((org_names or {}).values(), key=len, reverse=True):
        pos = lowered.find(name.lower()) if len(name) >= 4 else -1
        if pos >= 0:
            found.append((pos, name))
            text = text[:pos] + "," + " " * (len(name) - 1) + text[pos + len(name):]
            lowered = text.lower()
    for match in re.finditer(r"[^,;/\n]+", re.sub(r"\s+en\s+", ",", text)):
        fragment = _FILLER_START.sub("", match.group(0).strip(" .:!?")).strip(" .:!?")
        if len(fragment.split()) > 10:
            return [whole]
        if fragment:
            found.append((match.start(), fragment[:MAX_NAME]))
    parties = list(dict.fromkeys(name for _pos, name in sorted(found)))
    return parties if len(parties) <= MAX_COUNTER_VOICE_PARTIES else [whole]


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
                "source": "consultation",
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
                    "source": "consultation",
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
