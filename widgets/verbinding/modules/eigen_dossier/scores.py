"""The scores as an aggregated frame, a Dutch text alternative and a chart."""

from __future__ import annotations

import pandas as pd

from verbinding import dutch
from verbinding.modules.eigen_dossier.evidence import says_nothing
from verbinding.modules.eigen_dossier.questions import PILLAR_COLOURS, DossierTexts, load_texts
from verbinding.modules.eigen_dossier.scan import DossierScan
from verbinding.texts import t
from verbinding.vegalite import records


def scores_frame(state: dict, texts: DossierTexts | None = None) -> pd.DataFrame:
    """One row per question: id, short title, pillar, score (NaN when not scored), label."""
    texts = texts or load_texts()
    scan = DossierScan.from_dict(state, texts)
    rows = []
    for order, question in enumerate(texts.questions):
        score = scan.score(question.id)
        rows.append({
            "question": question.id,
            "short": question.short,
            "order": order,
            "pillar": question.pillar,
            "pillar_name": texts.pillar(question.pillar).name,
            "score": float(score) if score is not None else float("nan"),
            "label": texts.scale[score - 1] if score else t("dossier.export.not_scored"),
        })
    return pd.DataFrame(rows)


def scores_summary(state: dict, texts: DossierTexts | None = None) -> str:
    """A Dutch text alternative for the chart."""
    texts = texts or load_texts()
    frame = scores_frame(state, texts)
    rated = frame.dropna(subset=["score"])
    if rated.empty:
        return t("dossier.summary.empty")
    parts = [t("dossier.summary.filled", filled=dutch.part_of(len(rated), len(frame), t("dossier.summary.question.one"),
                                                              t("dossier.summary.question.many")))]
    for pillar in texts.pillars:
        scores = rated.loc[rated["pillar"] == pillar.id, "score"]
        if len(scores) == 1:  # one score is no average
            parts.append(t("dossier.summary.pillar_single", pillar=pillar.name,
                           score=int(scores.iloc[0]), max=texts.scale_max))
        elif len(scores):
            parts.append(t("dossier.summary.pillar", pillar=pillar.name,
                           average=dutch.number(scores.mean(), 1), max=texts.scale_max))
    # a high score without evidence: the chart shows a long bar, the scan says little yet
    scan = DossierScan.from_dict(state, texts)
    upper = rated.loc[rated["score"] > (texts.scale_max + 1) / 2].sort_values("order")
    bare = [row.short for row in upper.itertuples() if says_nothing(scan.entry(row.question)["evidence"])]
    if bare:
        parts.append(t("dossier.summary.high_without_evidence", questions=dutch.join(bare)))
    low = rated.sort_values(["score", "order"]).iloc[0]
    if low["score"] < texts.scale_max:
        lows = rated.loc[rated["score"] == low["score"]].sort_values("order")  # a tie is named as one
        key = "dossier.summary.lowest" if len(lows) == 1 else "dossier.summary.lowest_tie"
        parts.append(t(key, question=dutch.join(list(lows["short"])), score=int(low["score"]),
                       max=texts.scale_max))
    return " ".join(parts)


def scores_chart(frame: pd.DataFrame, scale_max: int | None = None) -> dict:
    """Horizontal bars (Vega-Lite spec) of the score per question, coloured by pillar."""
    scale_max = scale_max or load_texts().scale_max
    data = frame.assign(score=frame["score"].fillna(0))
    names = list(dict.fromkeys(data["pillar_name"]))
    colours = [PILLAR_COLOURS[p] for p in dict.fromkeys(data["pillar"])]
    question = t("dossier.page.chart_axis_question")
    return {
        "data": {"values": records(data)},
        "title": t("dossier.page.chart_title"),
        "width": 360,
        "height": 200,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "score", "type": "quantitative", "title": t("dossier.page.chart_axis_score", max=scale_max),
                  "scale": {"domain": [0, scale_max]},
                  "axis": {"values": list(range(0, scale_max + 1)), "format": "d"}},
            "y": {"field": "short", "type": "nominal", "title": question, "sort": {"field": "order"}},
            "color": {"field": "pillar_name", "type": "nominal", "title": t("dossier.page.chart_legend"),
                      "scale": {"domain": names, "range": colours}},
            "tooltip": [{"field": "short", "type": "nominal", "title": question},
                        {"field": "label", "type": "nominal", "title": t("dossier.page.score_label")}],
        },
    }

