"""Export a whole workbook to Markdown and Word, one heading per module.

Each module's pure model provides ``export_blocks(state: dict) -> list[Block]`` (see
:mod:`verbinding.document`); the table below names them, imported only on export so
that a page loads no more than it needs. A trainer's own exercise (``oefeningen/<id>/``,
:mod:`verbinding.exercises`) is exported at its place in the course.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from verbinding.course import SAVED_MODULES, module, saved_modules
from verbinding.document import Block, Heading, Paragraph, to_docx, to_markdown
from verbinding.dutch import date_time
from verbinding.texts import t
from verbinding.workbook import Workbook

# module id -> (title key in the catalogue, "module:function" producing blocks), from the
# course map (course.Module.model), in the order of the file
EXPORTERS: dict[str, tuple[str, str]] = {
    m.id: (f"common.modules.{m.id}.title", f"{m.model}:export_blocks") for m in SAVED_MODULES if m.model
}


def _exporter(spec: str) -> Callable[[dict], list[Block]]:
    module_name, function = spec.split(":")
    return getattr(importlib.import_module(module_name), function)


def export_order() -> list[str]:
    """The ids of every module with work to export, in course order (the trainer's
    exercises in their places)."""
    return [m.id for m in saved_modules() if m.model]


def _title_and_exporter(module_id: str) -> tuple[str, Callable[[dict], list[Block]]] | None:
    if module_id in EXPORTERS:
        title_key, spec = EXPORTERS[module_id]
        return t(title_key), _exporter(spec)
    try:
        item = module(module_id)
    except KeyError:  # a trainer's exercise folder with a problem: kept, not exported
        return None
    return (item.title, item.function("export_blocks")) if item.is_trainers else None


def case_title(reference: str) -> str:
    """The Dutch title a learner chose on the index (the reference itself if it is gone)."""
    from verbinding.cases import course_cases  # pandas only when exporting

    return dict(course_cases()).get(reference, reference)


def case_short_title(reference: str) -> str:
    """The case's title up to its colon: 'Klimaatadaptatie' (for a note such as
    '(casus Klimaatadaptatie)')."""
    return case_title(reference).split(":", 1)[0].strip() or reference


def workbook_blocks(workbook: Workbook, modules: list[str] | None = None) -> list[Block]:
    """All blocks of a workbook (or of the given modules), in course order."""
    doc = workbook.document
    blocks: list[Block] = [
        Paragraph(
            t(
                "common.workbook.export_intro",
                learner=workbook.learner,
                updated=date_time(doc["updated"]) if doc.get("updated") else "-",
            ),
            italic=True,
        )
    ]
    if doc.get("case"):
        blocks.append(Paragraph(t("common.workbook.export_case", case=case_title(doc["case"]))))
    wanted = modules or export_order()
    written = _module_blocks(blocks, doc["modules"], wanted, doc.get("case"), level=2)
    # the work on a case chosen before is the learner's too: exported, marked by its case
    for reference, states in sorted((doc.get("other_cases") or {}).items()):
        if not isinstance(states, dict) or not any(states.get(m) for m in wanted):
            continue
        blocks.append(Heading(t("common.workbook.export_other_case", case=case_title(reference)), level=2))
        written += _module_blocks(blocks, states, wanted, reference, level=3)
    if not written:
        blocks.append(Paragraph(t("common.workbook.export_empty")))
    return blocks


def _module_blocks(blocks: list[Block], states: dict, wanted: list[str], case_ref: str | None, level: int) -> int:
    """Append each wanted module's blocks, with its knowledge check and (module 1) the
    drietrapsraket; returns how many modules had work."""
    from verbinding import drietrapsraket, quiz

    written = 0
    for module_id in wanted:
        state = states.get(module_id)
        found = _title_and_exporter(module_id) if state else None
        if found is None:
            continue
        title, exporter = found
        blocks.append(Heading(title, level=level))
        module_blocks = exporter(state)
        if level > 2:  # one level deeper under the other case's heading
            module_blocks = [Heading(b.text, min(b.level + 1, 6)) if isinstance(b, Heading) else b
                             for b in module_blocks]
        blocks.extend(module_blocks)
        if isinstance(state, dict) and drietrapsraket.STATE_KEY in state:
            blocks.extend(drietrapsraket.export_blocks(state, _case_or_none(case_ref)))
        blocks.extend(quiz.export_blocks(module_id, state))
        written += 1
    return written


def _case_or_none(reference: str | None):
    """The case a module's work was done on, or None when it cannot be read now."""
    try:
        from verbinding.cases import load_course_case

        return load_course_case(reference) if reference else None
    except Exception:  # a missing or broken case: export the learner's work without it
        return None


def workbook_markdown(workbook: Workbook, modules: list[str] | None = None) -> str:
    return to_markdown(workbook_blocks(workbook, modules), title=t("common.workbook.export_title"))


def workbook_docx(workbook: Workbook, modules: list[str] | None = None) -> bytes:
    return to_docx(workbook_blocks(workbook, modules), title=t("common.workbook.export_title"))
