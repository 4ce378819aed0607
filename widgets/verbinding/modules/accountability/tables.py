"""The rationale as document blocks: :class:`RationaleTables`, the part of
:class:`~.model.AccountabilityModel` that makes the tables and blocks for Markdown and Word."""

from __future__ import annotations

import re

from verbinding import dutch
from verbinding.document import Block, Heading, Paragraph, Table
from verbinding.modules.accountability.records import given_label, how_label, interest_label, source_label, weight_label
from verbinding.texts import t


class RationaleTables:
    """Mixin of :class:`~.model.AccountabilityModel`: the rationale's tables and document blocks."""

    def weighing_rows(self) -> list[tuple[str, ...]]:
        return [
            (
                dutch.capital(interest_label(i)),
                i.asked,
                source_label(i.source) if i.source.strip() else "",  # not 'onbekend' in every row
                self._kind_label(i.key, i.insider),
                weight_label(i.weight),
                i.reasoning,
            )
            for i in self.considered()
        ]

    def _kind_label(self, key: str, insider: bool) -> str:
        """'vaste gesprekspartner', 'andere partij', or for a group 'reacties uit de consultatie'."""
        if key in self._addressees():
            return t("accountability.group_label.kind")
        return t("accountability.insider_label") if insider else t("accountability.other_label")

    def feedback_rows(self) -> list[tuple[str, ...]]:
        rows = []
        addressees = self._addressees()
        for key, name, insider in self.stakeholders():
            entry = self.feedback_for(key)
            rows.append(
                (
                    dutch.capital(addressees.get(key, name)),
                    self._kind_label(key, insider),
                    given_label(entry.given),
                    how_label(entry.how),
                    entry.when,
                    entry.what,
                )
            )
        return rows

    def blocks(self, level: int = 3, with_checks: bool = True) -> list[Block]:
        """Headings, the rationale, a weighing table and the feedback coverage."""
        blocks: list[Block] = [Heading(t("accountability.export.rationale"), level)]
        text = self.draft_text or (self.generate_text() if self.interests else "")
        if text.strip():
            headings = {t(f"accountability.draft.heading_{k}") for k in ("involved", "brought", "done", "feedback")}
            for part in re.split(r"\n\s*\n", text.strip()):
                first, _, rest = part.strip().partition("\n")
                if first.strip() in headings:  # the draft's own section lines become headings
                    blocks.append(Heading(first.strip(), level + 1))
                    part = rest
                if part.strip():
                    blocks.append(Paragraph(" ".join(part.split())))
        else:
            blocks.append(Paragraph(t("accountability.export.empty"), italic=True))
        blocks.append(Heading(t("accountability.export.weighing"), level))
        if self.interests:
            blocks.append(
                Table(
                    [
                        t("accountability.export.col_name"),
                        t("accountability.export.col_asked"),
                        t("accountability.export.col_source"),
                        t("accountability.export.col_group"),
                        t("accountability.export.col_weight"),
                        t("accountability.export.col_reasoning"),
                    ],
                    self.weighing_rows(),
                )
            )
        else:
            blocks.append(Paragraph(t("accountability.export.empty"), italic=True))
        blocks.append(Heading(t("accountability.export.feedback"), level))
        blocks.append(Paragraph(self.coverage_text()))
        if self.interests:
            blocks.append(
                Table(
                    [
                        t("accountability.export.col_name"),
                        t("accountability.export.col_group"),
                        t("accountability.export.col_given"),
                        t("accountability.export.col_how"),
                        t("accountability.export.col_when"),
                        t("accountability.export.col_what"),
                    ],
                    self.feedback_rows(),
                )
            )
        if with_checks and self.interests:
            points = self.open_points() + [f.message for f in self.findings()]
            if points:
                from verbinding.document import Bullets

                blocks.append(Heading(t("accountability.export.checks"), level))
                blocks.append(Paragraph(t("accountability.export.checks_intro"), italic=True))
                blocks.append(Bullets(points))
        return blocks
