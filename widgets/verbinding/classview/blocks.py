"""The class overview rendered: its two charts as Vega-Lite specs, and the whole overview as
document blocks for Markdown and Word (through :mod:`verbinding.document`).

:class:`OverviewDocument` is a mixin of :class:`verbinding.classview.ClassOverview`; it only
calls the overview's own aggregates and summaries.
"""

from __future__ import annotations

from datetime import date

from verbinding.classview.common import _fmt
from verbinding.document import Block, Bullets, Heading, Paragraph, Table, to_docx, to_markdown
from verbinding.dutch import date as dutch_date
from verbinding.texts import t, tlist
from verbinding.vegalite import records

TOP_N = 15
BAR_COLOUR = "#0072B2"  # Okabe-Ito blue


class OverviewDocument:
    """The overview's charts and its export (see the module docstring)."""

    # ----- charts -------------------------------------------------------------------------
    def dimensions_chart(self) -> dict:
        """Vega-Lite spec: learners per dimension, the most named first."""
        return {
            "data": {"values": records(self.dimensions().head(TOP_N)[["name", "learners"]])},
            "title": t("classview.dimensions.chart_axis_item"),
            "width": 300,
            "height": {"step": 20},
            "mark": {"type": "bar", "color": BAR_COLOUR},
            "encoding": {
                "y": {"field": "name", "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 260}},
                "x": {"field": "learners", "type": "quantitative", "title": t("classview.dimensions.chart_axis"),
                      "axis": {"tickMinStep": 1}},
            },
        }

    def scores_chart(self) -> dict:
        """Vega-Lite spec: the mean score per question as a bar, the lowest to highest as a line."""
        question = {"field": "question", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 260}}
        return {
            "data": {"values": records(self.scores()[["question", "mean", "min", "max"]])},
            "title": t("classview.scores.chart_axis_item"),
            "width": 300,
            "height": {"step": 24},
            "layer": [
                {"mark": {"type": "bar", "color": BAR_COLOUR, "opacity": 0.8},
                 "encoding": {"y": question,
                              "x": {"field": "mean", "type": "quantitative", "scale": {"domain": [0, self.scale_max()]},
                                    "title": t("classview.scores.chart_axis", max=self.scale_max())}}},
                {"mark": {"type": "rule", "color": "#000000"},
                 "encoding": {"y": question, "x": {"field": "min", "type": "quantitative"},
                              "x2": {"field": "max"}}},
            ],
        }

    # ----- export -------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        """The whole overview as document blocks (Markdown and Word)."""
        blocks: list[Block] = [
            Paragraph(t("classview.export_intro", count=len(self.learners), date=dutch_date(date.today())),
                      italic=True),
            Paragraph(t("classview.privacy"), italic=True),
            Heading(t("classview.modules_title"), level=2),
            Table(tlist("classview.modules_header"),
                  [(r.title, r.learners, r.done) for r in self.module_counts().itertuples()]),
        ]
        dims = self.dimensions()
        blocks += [Heading(t("classview.dimensions.title"), level=2), Paragraph(self.dimensions_summary())]
        if not dims.empty:
            blocks.append(Table(tlist("classview.dimensions.header"),
                                [(r.name, r.learners, r.gap_learners) for r in dims.itertuples()]))
        blocks += [Heading(t("classview.insiders.title"), level=2), Paragraph(self.insiders_summary())]
        insiders = self.insiders()
        if not insiders.empty:
            blocks.append(Paragraph(t("classview.insiders.note"), italic=True))
            blocks.append(Table(tlist("classview.insiders.header"), [(r.name, r.learners) for r in insiders.itertuples()]))
        rules = self.insider_rules()
        if not rules.empty:
            blocks.append(Table(tlist("classview.insiders.rules_header"), [(r.name, r.learners) for r in rules.itertuples()]))
        invitations = self.invitations()
        if not invitations.empty:
            blocks.append(Table(tlist("classview.insiders.invitations_header"),
                                [(r.name, r.learners) for r in invitations.itertuples()]))
        blocks += [Heading(t("classview.weights.title"), level=2), Paragraph(self.accountability_summary())]
        weights = self.weights()
        if not weights.empty:
            blocks.append(Table(tlist("classview.weights.header"),
                                [(r.name, r.more, r.equal, r.less, r.none) for r in weights.itertuples()]))
        per_learner = self.accountability_per_learner()
        if not per_learner.empty:
            blocks.append(Table(tlist("classview.weights.learner_header"),
                                [(r.learner, r.interests, r.weighed, r.reasoned, r.feedback) for r in per_learner.itertuples()]))
        blocks += [Heading(t("classview.scores.title"), level=2), Paragraph(self.scores_summary())]
        scores = self.scores()
        if not scores.empty:
            blocks.append(Table(tlist("classview.scores.header"),
                                [(r.question, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in scores.itertuples()]))
        blocks += [Heading(t("classview.quiz.title"), level=2), Paragraph(self.knowledge_checks_summary())]
        checks = self.knowledge_check_rows()
        if checks:
            blocks.append(Table(tlist("classview.quiz.header"), checks))
        barriers = self.barrier_ratings()
        if not barriers.empty:
            blocks += [Heading(t("classview.barriers.title"), level=2),
                       Paragraph(t("classview.barriers.summary", learners=len(self._states("drempels")))),
                       Table(tlist("classview.barriers.header"),
                             [(r.barrier, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in barriers.itertuples()])]
        agenda, learners, corrected = self.agenda_types()
        if not agenda.empty:
            blocks += [Heading(t("classview.agendas.title"), level=2),
                       Paragraph(t("classview.agendas.summary", learners=learners, corrected=corrected)),
                       Table(tlist("classview.agendas.header"), [(r.label, r.count) for r in agenda.itertuples()]),
                       Paragraph(t("common.access_caveat"), italic=True)]
        gain = self.learning_gain_rows()
        if gain:
            blocks += [Heading(t("classview.learning.title"), level=2),
                       Paragraph(t("classview.learning.summary", learners=gain[0][1])),
                       Table(tlist("classview.learning.header"), gain)]
        conversations = self.conversation_rows()
        if conversations:
            blocks += [Heading(t("classview.conversations.title"), level=2),
                       Paragraph(t("classview.conversations.summary")),
                       Table(tlist("classview.conversations.header"), conversations)]
            responses = self.conversations()[1]
            if responses:
                blocks += [Heading(t("classview.conversations.responses_title"), level=3),
                           Bullets([f"{title}: {text}" for title, text in responses])]
        if self.ignored:
            blocks.append(Paragraph(self.ignored_note(), italic=True))
        blocks += [Heading(t("classview.discussion_title"), level=2), Bullets(tlist("classview.discussion"))]
        if self.skipped:
            blocks += [Heading(t("classview.skipped_title"), level=2), Bullets(self.skipped_lines())]
        return blocks

    def markdown(self) -> str:
        return to_markdown(self.blocks(), title=t("classview.export_title"))

    def docx(self) -> bytes:
        return to_docx(self.blocks(), title=t("classview.export_title"))
