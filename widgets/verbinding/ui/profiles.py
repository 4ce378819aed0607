"""Module 2 additions: the profile of the organisation being rated, and the comparison.

:func:`attach_profiles` adds two small widgets to an
:class:`~verbinding.modules.outreach.view.OutreachExercise` without changing its steps: a
:class:`ProfileCard` under the organisation box of step 3 (what the organisation does,
whom it speaks for, its knowledge, position and organising capacity) and a
:class:`ProfileFeedback` under the gaps of step 4 (the learner's ratings next to the
profiles, and dimensions known only through business voices).
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import scale_label
from verbinding.profiles import (
    checks_summary,
    position_label,
    profile_for,
    rating_checks,
    uneven_field_findings,
    uneven_field_summary,
)
from verbinding.texts import t
from verbinding.ui.markup import escape as _e


class ProfileCard(widgets.HTML):
    """The profile of the organisation chosen in step 3 (updates as the learner picks)."""

    def __init__(self, exercise):
        super().__init__()
        self.add_class("verbinding-profile")
        self.exercise = exercise
        exercise.link_org.observe(self._show, names="value")
        exercise.link_dimension.observe(self._show, names="value")
        self._show()

    def _record(self) -> dict | None:
        typed = " ".join(str(self.exercise.link_org.value or "").split())
        orgs = self.exercise._orgs
        return orgs.get(typed) or next((r for k, r in orgs.items() if k.casefold() == typed.casefold()), None)

    def _show(self, _change=None) -> None:
        rec = self._record()
        if rec is None:
            self.value = f"<p><small>{_e(t('profiles.pick'))}</small></p>" if getattr(self.exercise.case, "profiles", None) else ""
            return
        profile = profile_for(self.exercise.case, rec["org_id"])
        if profile is None:
            self.value = f'<div class="verbinding-notice"><p>{_e(t("profiles.no_profile"))}</p></div>'
            return
        self.value = profile_html(profile, self.exercise.case, self.exercise.link_dimension.value)


def profile_html(profile, case, dimension_id: str | None = None) -> str:
    names = {d.id: d.name for d in getattr(case, "dimensions", [])}
    known = [f"{names.get(d, d)}: {scale_label('expertise', level)}" for d, level in profile.knowledge.items() if level]
    rows = [
        (t("profiles.labels.work"), profile.work),
        (t("profiles.labels.members"), profile.members),
        (t("profiles.labels.knowledge"), "; ".join(known) or t("profiles.labels.knowledge_none")),
        (t("profiles.labels.position"), position_label(profile.position)),
        (t("profiles.labels.explanation"), profile.explanation),
        (t("profiles.labels.capacity"), profile.capacity_text()),
    ]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    extra = ""
    if dimension_id in names:
        extra = "<p><strong>" + _e(t(
            "profiles.labels.this_dimension", dimension=names[dimension_id],
            level=scale_label("expertise", profile.expertise(dimension_id)),
        )) + "</strong></p>"
    is_fictional = getattr(case, "fictional", getattr(case, "builtin", False))
    fictional = f"<p><small>{_e(t('profiles.fictional'))}</small></p>" if is_fictional else ""
    return (
        f'<div class="verbinding-notice" role="region" aria-label="{_e(t("profiles.title", name=profile.name))}">'
        f"<p><strong>{_e(t('profiles.title', name=profile.name))}</strong></p><dl>{items}</dl>{extra}{fictional}</div>"
    )


class ProfileFeedback(widgets.HTML):
    """Step 4: the learner's ratings next to the profiles; business-only dimensions."""

    def __init__(self, exercise):
        super().__init__()
        self.add_class("verbinding-profile-feedback")
        self.exercise = exercise
        exercise.workbook.observe(self.refresh, names=["revision", "restores"])
        self.refresh()

    def refresh(self, _change=None) -> None:
        model = getattr(self.exercise, "model", None)
        if model is None:
            return
        parts = []
        if getattr(self.exercise.case, "profiles", None):
            checks = rating_checks(model, self.exercise.case)
            items = "".join(f"<li>{_e(c.message)}</li>" for c in checks)
            parts.append(
                f"<h4>{_e(t('profiles.compare.title'))}</h4><p>{_e(t('profiles.compare.intro'))}</p>"
                f"<p>{_e(checks_summary(checks))}</p>" + (f"<ul>{items}</ul>" if items else "")
            )
        findings = uneven_field_findings(model)
        lines = "".join(f"<li>{_e(f.message)}</li>" for f in findings)
        parts.append(
            f"<h4>{_e(t('profiles.uneven.title'))}</h4>"
            + (f"<ul>{lines}</ul>" if lines else f"<p>{_e(uneven_field_summary(model, findings))}</p>")
        )
        self.value = '<div class="verbinding-feedback" role="status" aria-live="polite">' + "".join(parts) + "</div>"


def attach_profiles(exercise) -> tuple[ProfileCard, ProfileFeedback]:
    """Insert the card after step 3's type box and the feedback after step 4's gap list."""
    card, feedback = ProfileCard(exercise), ProfileFeedback(exercise)
    children = list(exercise.children)
    children.insert(children.index(exercise.link_type) + 1, card)
    children.insert(children.index(exercise.gap_list) + 1, feedback)
    exercise.children = children
    exercise.profile_card, exercise.profile_feedback = card, feedback
    return card, feedback


__all__ = ["ProfileCard", "ProfileFeedback", "attach_profiles", "profile_html"]
