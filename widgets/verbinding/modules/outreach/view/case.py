"""Step 1 of Outreach: the case the learner maps (title, ministry, role, challenge), and
the case's organisations as the organisation box of step 3 offers them."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach.view.common import Step
from verbinding.texts import t
from verbinding.ui.layout import heading
from verbinding.ui.markup import escape as _e


def case_of(page):
    """The page's case, or None: without a case the exercise still works on typed input."""
    try:
        return page.case
    except Exception:  # no case available
        return None


def organisation_index(case) -> dict[str, dict]:
    """Option label -> case organisation (names made unique with the org id)."""
    frame = getattr(case, "organisations", None)
    if frame is None or len(frame) == 0:
        return {}
    records = frame[[c for c in ("org_id", "name", "type") if c in frame.columns]].to_dict("records")
    counts: dict[str, int] = {}
    for rec in records:
        key = " ".join(str(rec.get("name", "")).split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    index = {}
    for rec in records:
        name = " ".join(str(rec.get("name", "")).split())
        if not name:
            continue
        label = name if counts[name.casefold()] == 1 else f"{name} ({rec['org_id']})"
        index[label] = rec
    return index


class CaseStep(Step):
    """Step 1: the case as text (a learner's or trainer's markup shows as text)."""

    public = ("case_box",)

    def __init__(self, exercise):
        super().__init__(exercise)
        self.case_box = widgets.HTML()
        self.parts = [heading("outreach.ui.step1.title"), self.case_box]
        self.show_case(exercise.case)

    def show_case(self, case) -> None:
        if case is None:
            self.case_box.value = f"<p>{_e(t('outreach.ui.step1.no_case'))}</p>"
            return
        parts = [f"<p><strong>{_e(t('outreach.ui.step1.case', title=getattr(case, 'title', '')))}</strong></p>"]
        ministry = getattr(case, "ministry", "")
        if ministry:
            parts.append(f"<p>{_e(t('outreach.ui.step1.ministry', ministry=ministry))}</p>")
        texts = getattr(case, "texts", None)
        texts = texts if isinstance(texts, dict) else {}
        if texts.get("rol"):
            parts.append(f"<p>{_e(t('outreach.ui.step1.role', role=texts['rol']))}</p>")
        challenge = str(getattr(case, "challenge", "") or "")
        parts += [f"<p>{_e(p)}</p>" for p in challenge.split("\n\n") if p.strip()]
        if texts.get("intro"):
            parts.append(f"<p>{_e(texts['intro'])}</p>")
        if texts.get("bron"):
            parts.append(f"<p><small>{_e(t('outreach.ui.step1.source', source=texts['bron']))}</small></p>")
        self.case_box.value = '<div class="verbinding-notice">' + "".join(parts) + "</div>"
