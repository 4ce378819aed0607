"""A case folder's ``case.yaml``: its encoding, its YAML, the title and other facts, the
dimensions and the trainer's own organisation types.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from verbinding.cases.model import ORG_TYPES, Dimension, _type_lookup
from verbinding.cases.report import LoadReport
from verbinding.tabular import Problem
from verbinding.texts import t


def _decode_yaml(data: bytes, report: LoadReport) -> str:
    """The text of case.yaml; another encoding than UTF-8 is read anyway and reported."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_encoding", encoding=encoding.upper())))
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if len(data) >= 4 and b"\x00" in data[:64]:
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_encoding", encoding="UTF-16")))
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # saved by a Windows editor as Windows-1252
        line = data[:exc.start].count(b"\n") + 1
        report.add(Problem("case.yaml", line, None, t("cases.problems.yaml_encoding", encoding="Windows-1252")))
        return data.decode("cp1252", errors="replace")


def _read_yaml(folder: Path, report: LoadReport) -> dict | None:
    path = folder / "case.yaml"
    if not path.is_file():
        report.add(Problem("case.yaml", None, None, t("cases.problems.no_yaml")))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add(Problem("case.yaml", None, None, t("cases.read.unreadable", reason=exc.strerror or exc)))
        return None
    text = _decode_yaml(data, report)
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        where = t("cases.report.column", column=mark.column + 1) if mark else ""
        problem = str(getattr(exc, "problem", "") or "")
        key = "bad_yaml_tab" if "\\t" in problem or "tab" in problem else "bad_yaml"
        line = text.splitlines()[mark.line].strip()[:60] if mark and mark.line < len(text.splitlines()) else ""
        report.add(Problem("case.yaml", row, None, t(f"cases.problems.{key}", where=f" ({where})" if where else "",
                                                     line=line)))
        return None
    if not isinstance(raw, dict):
        report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_not_mapping")))
        return None
    try:
        node = yaml.compose(text)
        report.yaml_lines = {str(k.value): k.start_mark.line + 1 for k, _v in node.value}
    except (yaml.YAMLError, AttributeError, TypeError):
        pass
    return raw


LEVELS = ("ministerie", "provincie", "gemeente", "waterschap", "uitvoeringsorganisatie")


def _yaml_line(report: LoadReport, key: str) -> int | None:
    return getattr(report, "yaml_lines", {}).get(key)


def _meta(raw: dict, report: LoadReport, folder: Path) -> tuple[dict, list[Dimension]]:
    def get(key, *alts):
        for k in (key, *alts):
            value = raw.get(k)
            if value not in (None, ""):
                return str(value).strip()
        return ""

    meta = {
        "id": get("id") or folder.name,
        "title": get("titel", "title"),
        "challenge": get("uitdaging", "challenge", "beleidsopgave"),
        "ministry": get("ministerie", "ministry"),
        "period": get("periode", "period"),
        "level": "ministerie",
        "fictional": None,
    }
    level = get("organisatieniveau", "niveau").casefold()
    if level:
        if level in LEVELS:
            meta["level"] = level
        else:
            near = difflib.get_close_matches(level, LEVELS, n=1, cutoff=0.6)
            guess = " " + t("cases.read.did_you_mean", value=near[0]) if near else ""
            report.add(Problem("case.yaml", _yaml_line(report, "organisatieniveau"), "organisatieniveau",
                               t("cases.problems.unknown_level", value=level, allowed=", ".join(LEVELS), guess=guess)))
    fictional = raw.get("verzonnen")
    if fictional is not None:
        text = str(fictional).strip().casefold()
        if text in ("ja", "true", "yes", "1"):
            meta["fictional"] = True
        elif text in ("nee", "false", "no", "0"):
            meta["fictional"] = False
        else:
            report.add(Problem("case.yaml", _yaml_line(report, "verzonnen"), "verzonnen",
                               t("cases.problems.bad_fictional", value=str(fictional))))
    for key, english in (("titel", "title"), ("uitdaging", "challenge"), ("ministerie", "ministry")):
        if not meta[english]:
            report.add(Problem("case.yaml", None, key, t("cases.problems.yaml_missing", key=key)))
    dimensions: list[Dimension] = []
    raw_dims = raw.get("dimensies", raw.get("dimensions")) or []
    if not isinstance(raw_dims, list):
        report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimensions_not_list")))
        raw_dims = []
    elif not raw_dims:
        report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_no_dimensions")))
    seen = set()
    for number, item in enumerate(raw_dims, start=1):
        if not isinstance(item, dict):
            report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension_not_mapping", number=number)))
            continue
        dim_id = str(item.get("id") or "").strip()
        name = str(item.get("naam") or item.get("name") or "").strip()
        explanation = str(item.get("uitleg") or item.get("explanation") or "").strip()
        for key, value in (("id", dim_id), ("naam", name), ("uitleg", explanation)):
            if not value:
                report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension", number=number, key=key)))
        if dim_id in seen:
            report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension_duplicate", value=dim_id)))
            continue
        if dim_id:
            seen.add(dim_id)
            dimensions.append(Dimension(dim_id, name or dim_id, explanation))
    return meta, dimensions


# The interests the course compares, as a trainer may name them for an own type.
INTERESTS = {"economisch": "bedrijf", "burgers": "burgers", "maatschappelijk": "ngo", "publiek": "overheid",
             "kennis": "kennis"}


def _own_types(raw: dict, report: LoadReport) -> dict[str, str]:
    """``typen`` in case.yaml: own type name -> a course type or interest
    (``netbeheerder: publiek``, ``boerenbond: branche``). Lower-cased names -> type id."""
    value = raw.get("typen")
    if value is None:
        return {}
    line = _yaml_line(report, "typen")
    if not isinstance(value, dict):
        report.add(Problem("case.yaml", line, "typen", t("cases.problems.own_types_not_mapping")))
        return {}
    lookup = _type_lookup()
    own = {}
    for name, target in value.items():
        key = str(target or "").strip().casefold()
        type_id = INTERESTS.get(key) or lookup.get(key)
        if type_id is None:
            allowed = ", ".join(dict.fromkeys([*INTERESTS, *(type_id for type_id, _ in ORG_TYPES)]))
            report.add(Problem("case.yaml", line, "typen", t("cases.problems.own_type_target", name=name,
                                                               value=target, allowed=allowed)))
            continue
        own[str(name).strip().casefold()] = type_id
    return own
