"""The Outreach work as readable tables and text (Markdown and Word).
"""

from __future__ import annotations

from verbinding.document import Block, Bullets, Heading, Paragraph, Table
from verbinding.modules.outreach.model import OutreachMap
from verbinding.modules.outreach.records import level_label, scale_label
from verbinding.texts import t


def export_blocks(state: dict) -> list[Block]:
    """The Outreach work as readable tables and text (Markdown and Word)."""
    model = OutreachMap.from_dict(state)
    blocks: list[Block] = [Heading(t("outreach.export.dimensions"), level=3)]
    if model.dimensions:
        blocks.append(
            Table(
                [t("outreach.export.col_dimension"), t("outreach.export.col_why"), t("outreach.export.col_origin")],
                [
                    # the learner's own answer; the case's explanation only marked as the case's
                    (d.name, d.why or (t("outreach.export.why_case", text=d.explanation) if d.explanation
                                       else t("outreach.export.why_empty")),
                     t(f"outreach.origin.{d.origin}"))
                    for d in model.dimensions
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("outreach.gaps.empty_map")))

    blocks.append(Heading(t("outreach.export.links"), level=3))
    rows = []
    for dim in model.dimensions:
        for k in model.links_for(dim.id):
            sh = model.stakeholder(k.stakeholder_id)
            rows.append(
                (
                    dim.name,
                    model.display_name(sh),
                    sh.type_display,
                    scale_label("expertise", k.expertise),
                    scale_label("support", k.support),
                )
            )
    if rows:
        blocks.append(
            Table(
                [
                    t("outreach.export.col_dimension"),
                    t("outreach.export.col_organisation"),
                    t("outreach.export.col_type"),
                    t("outreach.export.col_expertise"),
                    t("outreach.export.col_support"),
                ],
                rows,
            )
        )
        blocks.append(Paragraph(t("outreach.export.access_caveat_note"), italic=True))
    else:
        blocks.append(Paragraph(t("outreach.export.no_links")))

    blocks.append(Heading(t("outreach.export.gaps"), level=3))
    gaps = model.gaps()
    blocks.append(Paragraph(model.summary(gaps)))
    if gaps:
        blocks.append(Bullets(f"{g.message} {g.action}" for g in gaps))

    placed = [s for s in model.stakeholders if s.quadrant != "unplaced"]
    if placed:
        blocks.append(Heading(t("outreach.export.grid"), level=3))
        blocks.append(
            Table(
                [
                    t("outreach.export.col_organisation"),
                    t("outreach.export.col_power"),
                    t("outreach.export.col_interest"),
                    t("outreach.export.col_quadrant"),
                ],
                [
                    (
                        model.display_name(s),
                        level_label(s.power),
                        level_label(s.interest),
                        t(f"outreach.quadrant.{s.quadrant}"),
                    )
                    for s in placed
                ],
            )
        )

    blocks.append(Heading(t("outreach.export.alternatives"), level=3))
    if model.alternatives:
        blocks.append(
            Table(
                [
                    t("outreach.export.col_proposal"),
                    t("outreach.export.col_by"),
                    t("outreach.export.col_status"),
                    t("outreach.export.col_hearing"),
                    t("outreach.export.col_alt_dimension"),
                ],
                [
                    (
                        a.text,
                        a.by or t("outreach.alternatives_feedback.by_unknown"),
                        t(f"outreach.alternative.status.{a.status}"),
                        t(f"outreach.alternative.hearing.{a.hearing or 'unknown'}"),
                        (model.dimension(a.dimension_id).name if model.dimension(a.dimension_id) else ""),
                    )
                    for a in model.alternatives
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("outreach.export.no_alternatives")))
    blocks.append(Bullets(model.alternatives_feedback()))
    return blocks
