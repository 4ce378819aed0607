"""A tiny neutral document model that renders to Markdown and to Word (.docx).

Each module turns its workbook section into a list of blocks
(:class:`Heading`, :class:`Paragraph`, :class:`Bullets`, :class:`Table`); this module
renders blocks, so every export looks alike and learner text is always plain text:
Markdown special characters and HTML are escaped, never interpreted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Iterable, Union


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


Block = Union[Heading, Paragraph, Bullets, Table]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
# Characters Word refuses in XML (control characters other than tab/newline).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_markdown(text: str) -> str:
    """Learner text as literal Markdown: no markup, no HTML, line breaks kept."""
    text = _XML_ILLEGAL.sub("", str(text))
    text = text.replace("&", "&amp;")
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def _md_cell(text: str) -> str:
    return escape_markdown(text).replace("  \n", "<br>")


def to_markdown(blocks: Iterable[Block], title: str | None = None) -> str:
    lines: list[str] = []
    if title:
        lines += [f"# {escape_markdown(title)}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            lines += [f"{'#' * level} {escape_markdown(block.text)}", ""]
        elif isinstance(block, Paragraph):
            body = escape_markdown(block.text)
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


def to_docx(blocks: Iterable[Block], title: str | None = None) -> bytes:
    """A Word document with real headings (Heading 1–3 styles) and tables."""
    from docx import Document  # imported here: python-docx is only needed on export

    doc = Document()
    doc.core_properties.title = _plain(title or "")
    doc.core_properties.language = "nl-NL"
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
