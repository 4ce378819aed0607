"""The save bar every module shows: status, download (JSON, Markdown, Word), restore."""

from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as widgets

from verbinding.export import workbook_docx, workbook_markdown
from verbinding.texts import t
from verbinding.ui.download import DownloadButton
from verbinding.ui.upload import Chosen, UploadButton
from verbinding.workbook import MAX_UPLOAD_BYTES, Workbook, WorkbookError, too_large_message

try:  # Dutch learners: show Dutch time even on a UTC server
    from zoneinfo import ZoneInfo

    LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
except Exception:  # pragma: no cover - no tz database
    LOCAL_ZONE = None


def local_time(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return moment.astimezone(LOCAL_ZONE).strftime("%H:%M:%S")


class WorkNotice(widgets.VBox):
    """The workbook's Dutch notices (a refused save, an unreadable file, a conflict between
    two tabs with the way back), announced to screen readers."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.text = widgets.HTML()
        self.take_other = widgets.Button(description=t("common.workbook.take_other"))
        self.keep = widgets.Button(description=t("common.workbook.keep_this"))
        self.take_other.on_click(self._take_other)
        self.keep.on_click(lambda _b: workbook.dismiss_conflicts())
        self.buttons = widgets.HBox([self.take_other, self.keep], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([self.text, self.buttons])
        workbook.observe(self._show, names=["notice", "conflicts"])
        self._show()

    def _take_other(self, _button) -> None:
        if self.workbook.conflicts:
            self.workbook.take_other(self.workbook.conflicts[-1]["module"])

    def _show(self, _change=None) -> None:
        notice = self.workbook.notice
        self.text.value = f'<p class="verbinding-error" role="alert">{html.escape(notice)}</p>' if notice else ""
        self.buttons.layout.display = None if self.workbook.conflicts else "none"


class SaveBar(widgets.VBox):
    """Download and restore the learner's workbook; shows when it was last saved."""

    def __init__(self, workbook: Workbook, **kwargs):
        self.workbook = workbook
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        self.download = DownloadButton(
            t("common.save.download"), self._json_file, hint=t("common.save.download_help")
        )
        self.download_md = DownloadButton(t("common.save.download_md"), self._markdown_file)
        self.download_docx = DownloadButton(t("common.save.download_docx"), self._docx_file)
        self.upload = UploadButton(
            t("common.save.restore"), self._on_upload, hint=t("common.save.restore_help"),
            accept=".json", max_bytes=MAX_UPLOAD_BYTES,
        )
        workbook.observe(self._show_status, names=["saved_at", "unsaved"])
        buttons = widgets.HBox(
            [self.download, self.download_md, self.download_docx, self.upload],
            layout=widgets.Layout(flex_flow="row wrap", grid_gap="6px"),
        )
        self.take_back = widgets.Button(description=t("common.save.backup_take_back"))
        self.take_back.add_class("verbinding-take-back")
        self.take_back.on_click(self._take_back)
        self.notice = WorkNotice(workbook)
        super().__init__([self.status, buttons, self.message, self.take_back, self.notice], **kwargs)
        self._show_take_back()
        self.add_class("verbinding-savebar")
        self._show_status()

    def _stem(self) -> str:
        return f"verbinding-werkboek-{self.workbook.learner}"

    def _json_file(self) -> tuple[str, bytes]:
        return f"{self._stem()}.json", self.workbook.to_bytes()

    def _markdown_file(self) -> tuple[str, bytes]:
        return f"{self._stem()}.md", workbook_markdown(self.workbook).encode("utf-8")

    def _docx_file(self) -> tuple[str, bytes]:
        return f"{self._stem()}.docx", workbook_docx(self.workbook)

    def _show_status(self, _change=None) -> None:
        saved = self.workbook.saved_at
        if self.workbook.unsaved:
            text = t("common.save.unsaved")
        else:
            text = t("common.save.saved_at", time=local_time(saved)) if saved else t("common.save.not_saved_yet")
        self.status.value = (
            f'<span class="verbinding-status" role="status">'
            f"{html.escape(t('common.save.code_label', code=self.workbook.learner))} · "
            f'<span class="verbinding-saved-time">{html.escape(text)}</span></span>'
        )

    def _show_take_back(self) -> None:
        """The way back to the work as it was before the last restore, when there is one."""
        self.take_back.layout.display = None if self.workbook.backups() else "none"

    def _take_back(self, _button=None) -> None:
        backups = self.workbook.backups()
        if not backups:
            self._say(t("common.save.backup_none"), ok=False)
            return
        try:
            self.workbook.take_back_backup(backups[0])
        except WorkbookError as error:
            self._say(t("common.save.restore_failed", reason=str(error)), ok=False)
        else:
            self._say(t("common.save.backup_taken_back"), ok=True)
        self._show_take_back()

    def _on_upload(self, chosen: Chosen) -> None:
        if chosen.files:
            name, data = chosen.files[0]
            try:
                self.workbook.restore(data)
            except WorkbookError as error:
                self._say(t("common.save.restore_failed", reason=str(error)), ok=False)
            except Exception:  # never a traceback; the work is untouched
                self._say(t("common.save.restore_failed", reason=t("common.workbook.error_broken")), ok=False)
            else:
                self._say(t("common.save.restored", name=name), ok=True)
            self._show_take_back()
        elif chosen.too_large:
            self._say(t("common.save.restore_failed", reason=too_large_message()), ok=False)
        else:
            reason = t("common.upload.unreadable", name=chosen.unreadable[0])
            self._say(t("common.save.restore_failed", reason=reason), ok=False)

    def _say(self, text: str, ok: bool) -> None:
        css = "verbinding-ok" if ok else "verbinding-error"
        self.message.value = f'<p class="{css}" role="alert">{html.escape(text)}</p>'
