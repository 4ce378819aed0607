"""The trainer's class overview page, thin over :class:`verbinding.classview.ClassOverview`.

The trainer uploads many workbook files at once (and may add more later), or, on a class
server, reads the workbooks where the course saves them, once or live (every
:data:`~verbinding.classview.LIVE_SECONDS` seconds it looks whether one changed); the page shows the class anonymised,
section by section, with charts and their text summaries, lists the files it skipped, and
offers the overview as Markdown and Word.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import ipywidgets as widgets
from IPython.display import display

from verbinding.classview import (
    LIVE_SECONDS,
    ClassOverview,
    _fmt,
    server_workbook_folders,
    server_workbooks,
    too_large_reason,
    workbooks_signature,
)
from verbinding.dutch import count as counted
from verbinding.texts import t, tlist
from verbinding.ui.charts import ChartView
from verbinding.ui.download import DownloadButton
from verbinding.ui.markup import escape as _e
from verbinding.ui.savebar import local_time
from verbinding.ui.upload import Chosen, UploadButton
from verbinding.workbook import MAX_UPLOAD_BYTES


def html_table(header, rows) -> str:
    """A small accessible HTML table; every cell escaped."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="verbinding-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def read_text(count: int) -> str:
    """'1 werkboek gelezen.', '32 werkboeken gelezen.', or that none was read yet."""
    if not count:
        return t("classview.none_read")
    return t("classview.read", count=counted(count, t("classview.live.workbook"), t("classview.live.workbooks")))


class ClassOverviewApp(widgets.VBox):
    """Upload workbooks, see the aggregated class, download the overview."""

    def __init__(self, page=None):
        self.page = page
        self.files: list[tuple[str, bytes]] = []
        self.refused: list[tuple[str, str]] = []  # (file name, Dutch reason), never sent whole
        self.server_files: list[tuple[str, bytes]] = []  # read from this server's workbooks
        self.server_refused: list[tuple[str, str]] = []
        self._live_task: asyncio.Task | None = None
        self._signature: tuple | None = None  # of the workbooks last read from the server
        self.read_server = widgets.Button(description=t("classview.live.read"), layout=widgets.Layout(width="auto"))
        self.live = widgets.Checkbox(value=False, description=t("classview.live.auto", seconds=LIVE_SECONDS),
                                     indent=False, layout=widgets.Layout(width="auto"))
        self.live_status = widgets.HTML()
        self.read_server.on_click(lambda _b: self.read_server_workbooks())
        self.live.observe(self._on_live, names="value")
        self.overview = ClassOverview([])
        self.upload = UploadButton(
            t("classview.upload"), self._on_upload, hint=t("classview.upload_help"),
            accept=".json", multiple=True, max_bytes=MAX_UPLOAD_BYTES,
        )
        self.clear = widgets.Button(description=t("classview.clear"), tooltip=t("classview.clear_help"),
                                    layout=widgets.Layout(width="auto"))
        self.download_md = DownloadButton(t("classview.download_md"), self._markdown_file)
        self.download_docx = DownloadButton(t("classview.download_docx"), self._docx_file)
        self.status = widgets.HTML()
        self.skipped = widgets.HTML()
        self.modules = widgets.HTML()
        self.dimensions_chart = ChartView()
        self.dimensions = widgets.HTML()
        self.insiders = widgets.HTML()
        self.weights = widgets.HTML()
        self.scores_chart = ChartView()
        self.scores = widgets.HTML()
        self.checks = widgets.HTML()
        self.extra = widgets.HTML()
        self.ignored = widgets.HTML()
        self.sections = widgets.VBox([
            self.modules,
            widgets.HTML(f"<h3>{_e(t('classview.dimensions.title'))}</h3>"), self.dimensions_chart, self.dimensions,
            widgets.HTML(f"<h3>{_e(t('classview.insiders.title'))}</h3>"), self.insiders,
            widgets.HTML(f"<h3>{_e(t('classview.weights.title'))}</h3>"), self.weights,
            widgets.HTML(f"<h3>{_e(t('classview.scores.title'))}</h3>"), self.scores_chart, self.scores,
            widgets.HTML(f"<h3>{_e(t('classview.quiz.title'))}</h3>"), self.checks,
            self.extra, self.ignored,
            widgets.HTML(
                f"<h3>{_e(t('classview.discussion_title'))}</h3><ul>"
                + "".join(f"<li>{_e(q)}</li>" for q in tlist("classview.discussion")) + "</ul>"
            ),
        ])
        super().__init__([
            widgets.HTML(f"<h3>{_e(t('classview.live.title'))}</h3><p><small>{_e(t('classview.live.help'))}</small></p>"),
            widgets.HBox([self.read_server, self.live], layout=widgets.Layout(flex_flow="row wrap", grid_gap="12px")),
            self.live_status,
            widgets.HTML(f"<p><small>{_e(t('classview.upload_help'))}</small></p>"
                         f"<p><small>{_e(t('classview.privacy'))}</small></p>"),
            widgets.HBox([self.upload, self.clear], layout=widgets.Layout(flex_flow="row wrap")),
            self.status, self.skipped,
            widgets.HBox([self.download_md, self.download_docx], layout=widgets.Layout(flex_flow="row wrap")),
            self.sections,
        ])
        self.add_class("verbinding-classview")
        self.clear.on_click(self._on_clear)
        self.refresh()

    # ----- reactions ---------------------------------------------------------------------
    def add_files(self, files: list[tuple[str, bytes]]) -> None:
        self.files.extend(files)
        self.refresh()

    def _on_upload(self, chosen: Chosen) -> None:
        self.refused += [(name, too_large_reason()) for name in chosen.too_large]
        self.refused += [(name, t("classview.unreadable")) for name in chosen.unreadable]
        self.add_files(chosen.files)

    def read_server_workbooks(self) -> None:
        """Read the learners' workbooks where this server saves them (no uploads)."""
        folders = server_workbook_folders()
        self._signature = workbooks_signature(folders)
        self.server_files, self.server_refused = server_workbooks(folders)
        self.refresh()
        self._show_live_status()

    def _show_live_status(self) -> None:
        found = len(self.server_files) + len(self.server_refused)
        now = local_time(datetime.now(UTC).isoformat())
        text = (t("classview.live.status", time=now,
                  count=counted(found, t("classview.live.workbook"), t("classview.live.workbooks")))
                if found else t("classview.live.none"))
        self.live_status.value = f'<p role="status">{_e(text)}</p>'

    def _on_live(self, change) -> None:
        if change["new"]:
            self.read_server_workbooks()
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # no event loop (a test): read on demand only
                return
            if self._live_task is None or self._live_task.done():
                self._live_task = loop.create_task(self._follow())
        elif self._live_task is not None:
            self._live_task.cancel()
            self._live_task = None

    async def _follow(self) -> None:
        while self.live.value:
            await asyncio.sleep(LIVE_SECONDS)
            if not self.live.value:
                break
            if workbooks_signature(server_workbook_folders()) != self._signature:
                self.read_server_workbooks()
            else:  # nothing saved since: only the time of the check changes on the screen
                self._show_live_status()

    def _on_clear(self, _button=None) -> None:
        self.files = []
        self.refused = []
        self.server_files, self.server_refused = [], []
        self.live.value = False
        self.live_status.value = ""
        self.refresh()
        self.status.value = f'<p class="verbinding-ok" role="status">{_e(t("classview.cleared"))}</p>'

    # ----- display -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.overview = ClassOverview.from_files(
            [*self.server_files, *self.files], refused=[*self.server_refused, *self.refused],
            by_start=bool(self.server_files))
        ov = self.overview
        count = len(ov.learners)
        self.status.value = (
            f'<p role="status">{_e(read_text(count))}</p>'
        )
        if ov.skipped:
            items = "".join(f"<li>{_e(line)}</li>" for line in ov.skipped_lines())
            self.skipped.value = (
                f'<div class="verbinding-error" role="alert"><strong>{_e(t("classview.skipped_title"))}</strong>'
                f"<ul>{items}</ul></div>"
            )
        else:
            self.skipped.value = ""
        self.download_md.disabled = self.download_docx.disabled = count == 0
        self.sections.layout.display = "" if count else "none"
        if not count:
            return
        self.modules.value = f"<h3>{_e(t('classview.modules_title'))}</h3>" + html_table(
            tlist("classview.modules_header"), [(r.title, r.learners, r.done) for r in ov.module_counts().itertuples()])

        dims = ov.dimensions()
        if dims.empty:
            self.dimensions_chart.update(None, ov.dimensions_summary())
            self.dimensions.value = ""
        else:
            self.dimensions_chart.update(ov.dimensions_chart(), ov.dimensions_summary())
            self.dimensions.value = html_table(tlist("classview.dimensions.header"),
                                               [(r.name, r.learners, r.gap_learners) for r in dims.itertuples()])

        parts = [f"<p>{_e(ov.insiders_summary())}</p>"]
        insiders = ov.insiders()
        if not insiders.empty:
            parts.append(f"<p><i>{_e(t('classview.insiders.note'))}</i></p>")
            parts.append(html_table(tlist("classview.insiders.header"), [(r.name, r.learners) for r in insiders.itertuples()]))
        rules = ov.insider_rules()
        if not rules.empty:
            parts.append(html_table(tlist("classview.insiders.rules_header"), [(r.name, r.learners) for r in rules.itertuples()]))
        invitations = ov.invitations()
        if not invitations.empty:
            parts.append(html_table(tlist("classview.insiders.invitations_header"),
                                    [(r.name, r.learners) for r in invitations.itertuples()]))
        self.insiders.value = "".join(parts)

        parts = [f"<p>{_e(ov.accountability_summary())}</p>"]
        weights = ov.weights()
        if not weights.empty:
            parts.append(html_table(tlist("classview.weights.header"),
                                    [(r.name, r.more, r.equal, r.less, r.none) for r in weights.itertuples()]))
        per = ov.accountability_per_learner()
        if not per.empty:
            parts.append(html_table(tlist("classview.weights.learner_header"),
                                    [(r.learner, r.interests, r.weighed, r.reasoned, r.feedback) for r in per.itertuples()]))
        self.weights.value = "".join(parts)

        scores = ov.scores()
        if scores.empty:
            self.scores_chart.update(None, ov.scores_summary())
            self.scores.value = ""
        else:
            self.scores_chart.update(ov.scores_chart(), ov.scores_summary())
            self.scores.value = html_table(tlist("classview.scores.header"),
                                           [(r.question, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in scores.itertuples()])

        checks = ov.knowledge_check_rows()
        self.checks.value = f"<p>{_e(ov.knowledge_checks_summary())}</p>" + (
            html_table(tlist("classview.quiz.header"), checks) if checks else "")

        parts = []
        barriers = ov.barrier_ratings()
        if not barriers.empty:
            parts += [f"<h3>{_e(t('classview.barriers.title'))}</h3>",
                      html_table(tlist("classview.barriers.header"),
                                 [(r.barrier, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in barriers.itertuples()])]
        agenda, learners, corrected = ov.agenda_types()
        if not agenda.empty:
            parts += [f"<h3>{_e(t('classview.agendas.title'))}</h3>",
                      f"<p>{_e(t('classview.agendas.summary', learners=learners, corrected=corrected))}</p>",
                      html_table(tlist("classview.agendas.header"), [(r.label, r.count) for r in agenda.itertuples()]),
                      f"<p><i>{_e(t('common.access_caveat'))}</i></p>"]
        gain = ov.learning_gain_rows()
        if gain:
            parts += [f"<h3>{_e(t('classview.learning.title'))}</h3>",
                      f"<p>{_e(t('classview.learning.summary', learners=gain[0][1]))}</p>",
                      html_table(tlist("classview.learning.header"), gain)]
        conversations = ov.conversation_rows()
        if conversations:
            parts += [f"<h3>{_e(t('classview.conversations.title'))}</h3>",
                      f"<p>{_e(t('classview.conversations.summary'))}</p>",
                      html_table(tlist("classview.conversations.header"), conversations)]
            responses = ov.conversations()[1]
            if responses:
                parts += [f"<h4>{_e(t('classview.conversations.responses_title'))}</h4><ul>",
                          *(f"<li><b>{_e(title)}</b>: {_e(text)}</li>" for title, text in responses), "</ul>"]
        self.extra.value = "".join(parts)
        note = ov.ignored_note()
        self.ignored.value = f'<p class="verbinding-notice" role="status">{_e(note)}</p>' if note else ""

    # ----- downloads ---------------------------------------------------------------------
    def _stem(self) -> str:
        return f"klasoverzicht-{date.today():%Y-%m-%d}"

    def _markdown_file(self) -> tuple[str, bytes]:
        return f"{self._stem()}.md", self.overview.markdown().encode("utf-8")

    def _docx_file(self) -> tuple[str, bytes]:
        return f"{self._stem()}.docx", self.overview.docx()

    def show(self) -> ClassOverviewApp:
        display(self)
        return self
