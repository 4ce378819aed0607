"""The learner's Connection work as document blocks for the Markdown/Word export."""

from __future__ import annotations

from verbinding import dutch
from verbinding.document import Block, Bullets, Heading, Paragraph, Table
from verbinding.modules.connection.feedback import guess_feedback, organisations_text
from verbinding.modules.connection.state import ConnectionWork, _labels, step_label
from verbinding.texts import t


def export_blocks(state: dict) -> list[Block]:
    """The learner's Connection work as document blocks (plain text, escaped on render)."""
    work = ConnectionWork.from_dict(state)
    blocks: list[Block] = []
    m = work.measured
    blocks.append(Heading(t("connection.export.guess_heading"), level=3))
    if work.revealed and m:
        blocks.append(
            Paragraph(guess_feedback(work.guess, float(m.get("top10pct_share", 0.0)), m.get("top10pct_count")))
        )
        blocks.append(
            Paragraph(
                t(
                    "connection.export.measured",
                    organisations=organisations_text(int(m.get("organisations", 0))),
                    links=m.get("links", 0),
                    gini=dutch.number(float(m.get("gini", 0.0)), 2),
                    single=dutch.percent(float(m.get("single_link_share", 0.0))),
                )
            )
        )
    else:
        blocks.append(Paragraph(t("connection.export.not_done")))
    blocks.append(Heading(t("connection.export.rule_heading"), level=3))
    blocks.append(Paragraph(t("connection.export.rule", rule=work.rule.describe())))
    ins = work.insiders
    if ins.get("count"):
        blocks.append(
            Paragraph(
                t(
                    "connection.export.insiders",
                    organisations=organisations_text(int(ins.get("count", 0))),
                    share=dutch.percent(float(ins.get("share_of_links", 0.0))),
                )
            )
        )
        names = [str(n) for n in ins.get("names", [])]
        if names:
            blocks.append(Bullets(names))
    if work.playing_field_note.strip():
        blocks.append(Heading(t("connection.export.field_heading"), level=3))
        blocks.append(Paragraph(work.playing_field_note))
    blocks.append(Heading(t("connection.export.invite_heading"), level=3))
    if work.gap_dimensions:
        gap_names = work.gap_names if len(work.gap_names) == len(work.gap_dimensions) else work.gap_dimensions
        blocks.append(Paragraph(t("connection.export.gaps", dimensions=", ".join(gap_names))))
    if work.invitations:
        blocks.append(
            Table(
                [t("connection.export.col_org"), t("connection.export.col_type"),
                 t("connection.export.col_dims"), t("connection.export.col_links"),
                 t("connection.export.col_reason")],
                [
                    (i.name or i.org_id, i.type_label, ", ".join(i.dimensions), i.links, i.reason)
                    for i in work.invitations
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("connection.export.not_done")))
    cv = work.counter_voice
    blocks.append(Heading(t("connection.export.counter_heading"), level=3))
    formats = _labels("connection.counter_voice.formats")
    facilitation = _labels("connection.counter_voice.facilitation")
    rows = [
        (t("connection.export.cv_format"), ", ".join(formats.get(f, f) for f in cv.formats)),
        (t("connection.export.cv_facilitation"), ", ".join(facilitation.get(f, f) for f in cv.facilitation)),
        (t("connection.export.cv_whom"), cv.whom),
        (t("connection.export.cv_steps"), ", ".join(step_label(s) for s in cv.steps)),
        (t("connection.export.cv_note"), cv.note),
    ]
    rows = [r for r in rows if r[1].strip()]
    if rows:
        blocks.append(Table([t("connection.export.col_item"), t("connection.export.col_plan")], rows))
    if cv.alternative_list:
        blocks.append(Paragraph(t("connection.export.alternatives")))
        blocks.append(Bullets(cv.alternative_list))
    if not rows and not cv.alternative_list:
        blocks.append(Paragraph(t("connection.export.not_done")))
    blocks.append(Paragraph(t("common.access_caveat"), italic=True))
    return blocks
