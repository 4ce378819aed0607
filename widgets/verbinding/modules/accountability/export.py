"""The module-level export API used by :mod:`verbinding.export` and the UI."""

from __future__ import annotations

from verbinding.document import Block, to_docx, to_markdown
from verbinding.modules.accountability.model import AccountabilityModel
from verbinding.texts import t


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
