"""The one-page OCA scan as document blocks, and on its own as Markdown or Word."""

from __future__ import annotations

import re

from verbinding.document import Block, Bullets, Heading, Paragraph, Table, to_docx, to_markdown
from verbinding.modules.eigen_dossier.questions import FIELDS, load_texts
from verbinding.modules.eigen_dossier.scan import DossierScan
from verbinding.modules.eigen_dossier.scores import scores_summary
from verbinding.modules.eigen_dossier.workbench import Workbench
from verbinding.texts import t


def scan_title(state: dict) -> str:
    title = state.get("title") if isinstance(state, dict) else None
    if isinstance(title, str) and title.strip():
        return t("dossier.export.title", dossier=title.strip())
    return t("dossier.export.title_untitled")


def export_blocks(state: dict, heading_level: int = 3, with_title: bool = True) -> list[Block]:
    """The one-page OCA scan as document blocks (learner text stays plain text).

    ``verbinding.export`` puts these under the module's heading; :func:`scan_markdown`
    and :func:`scan_docx` use them on their own, with the scan's title as document title.
    """
    texts = load_texts()
    scan = DossierScan.from_dict(state, texts)
    bench = Workbench.from_dict(scan.workbench)
    has_work = scan.title.strip() or scan.description.strip() or bench.is_started() or any(
        e.get("score") is not None or any(str(e.get(f, "")).strip() for f in FIELDS)
        for e in scan.entries.values()
    )
    if not has_work:
        return [Paragraph(t("dossier.export.nothing"))]
    blocks: list[Block] = [Heading(scan_title(state), level=heading_level)] if with_title else []
    if scan.description.strip():
        blocks.append(Paragraph(t("dossier.export.description", description=scan.description)))
    rows = []
    steps = []
    for question in texts.questions:
        entry = scan.entry(question.id)
        score = scan.score(question.id)
        rows.append([
            texts.pillar(question.pillar).name,
            question.question,
            f"{score} - {texts.scale[score - 1]}" if score else t("dossier.export.not_scored"),
            entry["answer"],
            entry["evidence"],
        ])
        if entry["next_step"].strip():
            key = "next_step_item_when" if entry["when"].strip() else "next_step_item"
            steps.append(t(f"dossier.export.{key}", question=question.short,
                           step=entry["next_step"], when=entry["when"]))
    known = {q.id for q in texts.questions}
    for qid, entry in scan.entries.items():
        if qid not in known and any(str(entry.get(f, "")).strip() for f in FIELDS):
            rows.append(["", f"{qid} {t('dossier.export.unknown_question')}",
                         str(entry.get("score") or ""), entry["answer"], entry["evidence"]])
    blocks.append(Table([t("dossier.export.col_pillar"), t("dossier.export.col_question"),
                         t("dossier.export.col_score"), t("dossier.export.col_answer"),
                         t("dossier.export.col_evidence")], rows))
    blocks.append(Paragraph(scores_summary(scan.to_dict(), texts)))
    blocks.extend(bench.export_blocks(heading_level + 1 if with_title else heading_level))
    blocks.append(Heading(t("dossier.export.next_steps"),
                          level=heading_level + 1 if with_title else heading_level))
    blocks.append(Bullets(steps) if steps else Paragraph(t("dossier.export.no_next_steps")))
    blocks.append(Paragraph(t("dossier.export.source"), italic=True))
    return blocks


def scan_markdown(state: dict) -> str:
    """The OCA scan on its own, as Markdown."""
    return to_markdown(export_blocks(state, heading_level=2, with_title=False),
                       title=scan_title(state))


def scan_docx(state: dict) -> bytes:
    """The OCA scan on its own, as a Word document."""
    return to_docx(export_blocks(state, heading_level=2, with_title=False),
                   title=scan_title(state))


def scan_filename(state: dict, extension: str) -> str:
    """A safe file name such as ``oca-scan-laadpalen.docx``."""
    title = state.get("title") if isinstance(state, dict) else ""
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:40].strip("-")
    stem = t("dossier.export.file_stem")
    return f"{stem}-{slug}.{extension}" if slug else f"{stem}.{extension}"
