"""Steps 3 and 4 of Accountability: the belangenafweging draft (generated from the weighing,
edited by the learner; an edit is never overwritten, an earlier one can be restored) and its
download as Word or Markdown."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.accountability import rationale_docx, rationale_filename, rationale_markdown
from verbinding.modules.accountability.view.common import STYLE, Step, case_title, step_intro, wrapping
from verbinding.texts import t
from verbinding.ui.download import DownloadButton
from verbinding.ui.layout import WIDE
from verbinding.ui.markup import escape as _e


class DraftStep(Step):
    """Step 3: generate, replace, restore and edit the draft; its status lines."""

    public = ("generate", "replace", "restore_previous", "draft", "draft_status")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.generate = widgets.Button(description=t("accountability.ui.draft_generate"),
                                       tooltip=t("accountability.ui.draft_generate_tooltip"), icon="pencil")
        self.generate.on_click(lambda _b: self.make(replace=False))
        self.replace = widgets.Button(description=t("accountability.ui.draft_replace"),
                                      tooltip=t("accountability.ui.draft_replace_tooltip"), icon="refresh")
        self.replace.on_click(lambda _b: self.make(replace=True))
        self.restore_previous = widgets.Button(description=t("accountability.ui.draft_restore"), icon="undo")
        self.restore_previous.on_click(lambda _b: self.restore())
        self.draft = widgets.Textarea(description=t("accountability.ui.draft_label"), rows=16,
                                      continuous_update=False, style=STYLE, layout=WIDE)
        self.draft.observe(self._edited, names="value")
        self.draft_status = widgets.HTML()
        self.parts = [
            step_intro("draft"),
            widgets.HBox([self.generate, self.replace, self.restore_previous], layout=wrapping()),
            self.draft,
            self.draft_status,
        ]

    def show_text(self) -> None:
        """The draft as the model holds it (not the learner's typing: set quietly)."""
        with self.exercise.quiet():
            self.draft.value = self.model.draft_text

    def follow_weighing(self) -> None:
        """An untouched generated draft follows the weighing; an edit is never overwritten."""
        if self.model.draft["generated"] and not self.model.draft_edited:
            self.model.generate_draft()
            self.show_text()

    def make(self, replace: bool) -> None:
        had_edit = self.model.draft_edited
        self.model.generate_draft(replace_edit=replace)
        self.show_text()
        self.exercise.save_model()
        self.refresh(t("accountability.ui.draft_replaced") if replace and had_edit else "")

    def restore(self) -> None:
        try:
            self.model.restore_previous_edit()
        except ValueError as error:
            self.refresh(str(error))
            return
        self.show_text()
        self.exercise.save_model()
        self.refresh(t("accountability.ui.draft_restored"))

    def _edited(self, change) -> None:
        if self.exercise.loading:
            return
        self.model.edit_draft(change["new"])
        self.exercise.save_model()
        self.refresh()

    def refresh(self, message: str = "") -> None:
        """What the draft still needs (and ``message`` first), and which buttons apply."""
        lines = self.model.draft_status() if (self.model.draft["generated"] or self.model.draft_edited) else []
        if message:
            lines = [message] + lines
        self.draft_status.value = "".join(f"<p>{_e(line)}</p>" for line in lines)
        self.replace.disabled = not self.model.draft_edited
        self.restore_previous.disabled = not self.model.draft["history"]


class DownloadStep(Step):
    """Step 4: the rationale alone, as Word or Markdown."""

    public = ("download_docx", "download_md")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.download_docx = DownloadButton(t("accountability.ui.download_docx"), self.docx_file)
        self.download_md = DownloadButton(t("accountability.ui.download_md"), self.markdown_file)
        self.parts = [
            step_intro("download"),
            widgets.HBox([self.download_docx, self.download_md], layout=wrapping()),
        ]

    def docx_file(self) -> tuple[str, bytes]:
        return rationale_filename("docx"), rationale_docx(self.model.to_dict(), case_title(self.exercise.case))

    def markdown_file(self) -> tuple[str, bytes]:
        return (rationale_filename("md"),
                rationale_markdown(self.model.to_dict(), case_title(self.exercise.case)).encode("utf-8"))
