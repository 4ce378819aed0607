"""A tiny neutral document model that renders to Markdown and to Word (.docx).

Each module turns its workbook section into a list of blocks
(:class:`Heading`, :class:`Paragraph`, :class:`Bullets`, :class:`Table`); this module
renders blocks, so every export looks alike and learner text is always plain text:
what Markdown would read as markup or HTML is escaped, never interpreted, and nothing else
(a date like "01-12-2026." is pasted into a nota as it is).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from verbinding.dutch import LOCAL_ZONE, date


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]

    def __init__(self, items: Iterable[str]):
        object.__setattr__(self, "items", tuple(str(i) for i in items))


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def __init__(self, header: Iterable[str], rows: Iterable[Iterable[object]]):
        object.__setattr__(self, "header", tuple(str(h) for h in header))
        object.__setattr__(
            self, "rows", tuple(tuple("" if c is None else str(c) for c in row) for row in rows)
        )


Block = Heading | Paragraph | Bullets | Table

# Characters Word refuses in XML (control characters other than tab/newline).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Learner text stays text, and reads like text: a character is escaped only where Markdown
# (CommonMark + GitHub tables) would read it as markup, so "test-1234" and "01-12-2026."
# stay as they are. Anywhere in a line: emphasis (* and _ at a word's edge, ~), code (`),
# links and images ([), HTML and autolinks ("<" before a letter, "/", "!" or "?"), table cells (|), a backslash before
# punctuation or at the end of a line (a hard break), "&" that would start an entity.
_INLINE = re.compile(
    r"[*`~\[|]|<(?=[A-Za-z/!?])"
    r"|(?<![0-9A-Za-zÀ-ÿ])_|_(?![0-9A-Za-zÀ-ÿ])"
    r"|\\(?=[!-/:-@\[-`{-~]|$)"
)
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: a heading (#), a quote (>), a list item (-, + or "1." / "1)"
# followed by a space), a thematic break or setext underline (---, ===).
_LINE_START = re.compile(r"^(#|>|[-+](?=\s|$)|=+\s*$|-+\s*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _escape_line(line: str) -> str:
    line = line.lstrip(" \t")  # indentation would make a code block
    line = _INLINE.sub(lambda m: "\\" + m.group(0), line)
    line = _ENTITY.sub(lambda m: "\\&", line)
    line = _LINE_START.sub(lambda m: "\\" + m.group(0), line)
    return _ORDERED.sub(r"\1\\\2", line)


def escape_markdown(text: str) -> str:
    """Learner text as literal Markdown: no markup, no HTML, line breaks kept."""
    text = _XML_ILLEGAL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return "  \n".join(_escape_line(line) for line in text.split("\n"))


_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")


def _md_heading(text: str) -> str:
    """Heading text on one line; a closing " #" would be eaten by the heading."""
    escaped = escape_markdown(text).replace("  \n", " ")
    return _CLOSING_HASHES.sub(r"\1\\\2", escaped)


def _md_cell(text: str) -> str:
    return escape_markdown(text).replace("  \n", "<br>")


def to_markdown(blocks: Iterable[Block], title: str | None = None) -> str:
    lines: list[str] = []
    if title:
        lines += [f"# {_md_heading(title)}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            lines += [f"{'#' * level} {_md_heading(block.text)}", ""]
        elif isinstance(block, Paragraph):
            body = escape_markdown(block.text.strip())
            lines += [f"*{body}*" if block.italic and body else body, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {escape_markdown(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            if not block.rows:
                continue
            lines.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
            lines.append("|" + "|".join("---" for _ in block.header) + "|")
            for row in block.rows:
                cells = list(row) + [""] * (len(block.header) - len(row))
                lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
            lines.append("")
        else:  # pragma: no cover - programming error
            raise TypeError(f"unknown block {block!r}")
    return "\n".join(lines).rstrip() + "\n"


def _plain(text: str) -> str:
    return _XML_ILLEGAL.sub("", str(text))


def _set_properties(properties, title: str | None) -> None:
    """What Word shows under File > Info: the title, the course as author, today (not
    python-docx's own author and its template's date of 2013)."""
    from verbinding.texts import t  # the catalogue only when exporting

    course = t("common.course_title")
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)  # OOXML: UTC, no zone
    properties.title = _plain(title or course)
    properties.author = course
    properties.last_modified_by = course
    properties.created = now
    properties.modified = now
    properties.last_printed = now
    properties.revision = 1
    properties.language = "nl-NL"
    properties.comments = t("common.workbook.export_made_on", date=date(datetime.now(LOCAL_ZONE).date()))


def to_docx(blocks: Iterable[Block], title: str | None = None) -> bytes:
    """A Word document with real headings (Heading 1–3 styles) and tables."""
    from docx import Document  # imported here: python-docx is only needed on export

    doc = Document()
    _set_properties(doc.core_properties, title)
    if title:
        doc.add_heading(_plain(title), level=0)
    for block in blocks:
        if isinstance(block, Heading):
            doc.add_heading(_plain(block.text), level=min(max(block.level - 1, 1), 4))
        elif isinstance(block, Paragraph):
            run = doc.add_paragraph().add_run(_plain(block.text))
            run.italic = block.italic
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(_plain(item), style="List Bullet")
        elif isinstance(block, Table):
            if not block.rows:
                continue
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.text = ""
                cell.paragraphs[0].add_run(_plain(text)).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = _plain(text)
            doc.add_paragraph()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
