"""Organisation names as people write them: a key for comparing, abbreviations, cells naming
several organisations, and the ids a written name means.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

_LEGAL_FORMS = re.compile(
    r"\b(u\.?\s?a|b\.?\s?v|n\.?\s?v|v\.?\s?o\.?\s?f|c\.?\s?v|w\.?\s?a|e\.?\s?o)\.?(?=\s|$)")
_BRACKETS = re.compile(r"\(([^)]*)\)")
_SEVERAL = re.compile(r"\s+/\s+|\s*/\s*(?=[A-Z])|\s+&\s+|\s+en\s+|\s*;\s*")


def name_key(name: str) -> str:
    """A name for comparing: no case, accents, bracketed abbreviation, legal form or punctuation.

    "Coöperatie Windkracht Betuwe U.A." and "cooperatie windkracht betuwe" give the same key.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()
    text = _BRACKETS.sub(" ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _abbreviations(name: str) -> list[str]:
    """Abbreviations a name gives in brackets: "Waterschap Rivierzand (WRZ)" -> ["wrz"]."""
    return [name_key(m) for m in _BRACKETS.findall(str(name)) if name_key(m)]


def several_names(cell: str) -> list[str]:
    """The organisations a cell names when it names more than one ("A / B", "A en B"), else []."""
    parts = [p.strip() for p in _SEVERAL.split(str(cell).strip()) if p.strip()]
    if len(parts) < 2:
        return []
    if " / " in cell or ";" in cell:
        return parts
    # "Gemeente A en Gemeente B", but not "Vereniging Boeren en Tuinders Nederland".
    first_words = {p.split()[0].casefold() for p in parts}
    if len(first_words) == 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return []


def name_index(organisations: pd.DataFrame) -> dict[str, str]:
    """Name key (and bracketed abbreviation) -> org id, for finding an id from a written name."""
    index: dict[str, str] = {}
    for org_id, name in zip(organisations["org_id"], organisations["name"]):
        for key in (name_key(name), *_abbreviations(name), name_key(org_id)):
            if key:
                index.setdefault(key, org_id)
    return index


def suggest_ids(value: str, index: dict[str, str], known: set[str]) -> list[str]:
    """The org ids a contacts cell means when it holds names instead of ids (one per name)."""
    whole = _find_id(value, index)
    if whole is not None:
        return [whole]
    pieces = [p.strip() for p in _SEVERAL.split(str(value)) if p.strip()]
    if len(pieces) < 2:
        return []
    found = []
    for piece in pieces:
        org_id = _find_id(piece, index)
        if org_id is None:
            return []
        found.append(org_id)
    return list(dict.fromkeys(found))


def _find_id(piece: str, index: dict[str, str]) -> str | None:
    org_id = index.get(name_key(piece))
    if org_id is None:
        near = difflib.get_close_matches(name_key(piece), list(index), n=1, cutoff=0.85)
        org_id = index[near[0]] if near else None
    return org_id
