"""Privacy by design for real data: strip personal contact data from free text.

The public agendas of ministers (module 6) end many entries with a press contact: "Media
kunnen voor meer informatie contact opnemen met <name>, tel: 06-… of …@minlnv.nl". That is
the name, mobile number and e-mail address of a civil servant who is not an office holder.
Published is not a purpose: the course has no use for them (AVG, data minimisation), so
they are removed when the shipped files are built (``datasets/generate_cases.py
--agendas-from``) and again whenever the course loads an agenda file (a trainer may drop in
a fresh copy from the source).

Rule: a sentence (or fragment between sentence ends) that holds a phone number, an e-mail
address or an invitation to make contact ("contact opnemen met …", "neem contact op") is
dropped whole, because that is where the person's name sits; any phone number or e-mail
address left elsewhere is replaced by ``[verwijderd]``. Names of office holders (in the
``bewindspersoon`` column and in sentences such as "Minister Wiersma spreekt …") stay.

Pure Python, no pandas needed; ``scrub_frame`` works on a pandas frame of strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A Dutch phone number: 0 and nine digits, or +31/0031 and nine digits (an optional "(0)"),
# with single spaces, dashes or dots between digit groups. A date like 05-09-2022 has eight
# digits and is not matched. A number cut short in the source ("+31 88 ...") counts too.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s.-]{0,2}(?:\(0\)[\s.-]{0,2})?|0)"
    r"(?:\d[\s.-]{0,2}){8}\d(?!\d)"
    r"|(?<![\w+])(?:\+|00)\s?31[\s.()-]{0,3}\d{1,3}\s*(?:\.\.\.|…)"
)
EMAIL = re.compile(r"[\w.+-]+ ?@ ?[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")
CONTACT = re.compile(r"contact\s+(?:op\b|opnemen)|neem\w*\s+contact|\btel(?:efoon)?\s*[.:]\s*\+?\d", re.IGNORECASE)
REMOVED = "[verwijderd]"
_ANY = re.compile(f"{PHONE.pattern}|{EMAIL.pattern}|{CONTACT.pattern}", re.IGNORECASE)
# Sentence ends: . ! ? followed by space (an e-mail address's dots are not followed by one).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"”’)])\s+")


def has_contact_data(text: str) -> bool:
    """True when the text holds a phone number or an e-mail address."""
    text = str(text or "")
    return bool(PHONE.search(text) or EMAIL.search(text))


def scrub_text(text: str) -> str:
    """The text without sentences carrying contact data, and without any left-over number."""
    text = "" if text is None else str(text)
    if not _ANY.search(text):
        return text
    kept = [part for part in _SENTENCE_END.split(text) if not _ANY.search(part)]
    out = " ".join(kept).strip()
    out = EMAIL.sub(REMOVED, PHONE.sub(REMOVED, out))
    return out


def scrub_rows(rows: Iterable[dict], columns: Iterable[str]) -> tuple[list[dict], int]:
    """Scrub the given columns of dict rows; returns the rows and how many values changed."""
    columns = tuple(columns)
    changed = 0
    out = []
    for row in rows:
        row = dict(row)
        for column in columns:
            if column in row:
                clean = scrub_text(row[column])
                if clean != row[column]:
                    row[column] = clean
                    changed += 1
        out.append(row)
    return out, changed


def scrub_frame(frame, columns: Iterable[str]):
    """A copy of a pandas frame of strings with the given columns scrubbed."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = [scrub_text(v) for v in frame[column]]
    return frame
