"""Outreach step 5 at a laptop (1366x768): the names in the Mendelow grid are readable.

A learner's walk: one line per quadrant, cut off mid-name ("Brancheplatform Akkerbouw De Oude
Roos, Wate…"). Moved by mouse wheel only (see test_scrolling); the screenshot is kept under
``test-artifacts/look/`` for a person to look at."""

from __future__ import annotations

from .test_controls_look import _open, app_page, shots  # noqa: F401 - fixtures

CODE = "look-grid"


def _placed_map(home) -> list[str]:
    """A workbook whose module-2 map has ten organisations of the case placed in the grid,
    with long names; their names."""
    from verbinding.cases import load_course_case
    from verbinding.course import DEFAULT_CASE
    from verbinding.modules.outreach import OutreachMap
    from verbinding.workbook import Workbook

    case = load_course_case(DEFAULT_CASE)
    model = OutreachMap.from_case(case)
    orgs = case.organisations.assign(length=case.organisations["name"].str.len())
    # nine names as long as the walk's ('Brancheplatform Akkerbouw De Oude Roos') and the longest
    chosen = [*orgs[orgs["length"].between(32, 40)].head(9).to_dict("records"),
              orgs.sort_values("length").iloc[-1].to_dict()]
    names = []
    for number, rec in enumerate(chosen):
        sh = model.add_stakeholder(rec["name"], org_id=str(rec["org_id"]), type=str(rec["type"]))
        model.place(sh.id, power=("high", "low")[number % 2], interest=("high", "high", "low")[number % 3])
        names.append(rec["name"])
    workbook = Workbook.open(CODE, home=home)
    workbook.set_module("outreach", model.to_dict(), case=DEFAULT_CASE)
    workbook.save()
    return names


def test_the_names_in_the_mendelow_grid_are_readable_at_a_laptop(app_page, shots):  # noqa: F811
    names = _placed_map(app_page.server.home)
    page = _open(app_page, CODE, "outreach")
    page.wait_for_selector(".verbinding-chart svg", state="attached", timeout=60000)

    def grid_box():
        return page.evaluate(
            """() => { for (const svg of document.querySelectorAll('.verbinding-chart svg')) {
                         if (svg.textContent.includes('Veel macht, veel belang')) { const b = svg.getBoundingClientRect();
                           return {top: b.top, bottom: b.bottom, x: b.x, width: b.width, height: b.height}; } }
                       return null; }""")

    page.mouse.move(683, 384)
    for _ in range(120):  # small turns of the wheel: the grid is almost as tall as the window
        box = grid_box()
        if box and 0 <= box["top"] and box["bottom"] <= page.viewport_size["height"]:
            break
        page.mouse.wheel(0, 150 if not box or box["top"] > 0 else -60)
        page.wait_for_timeout(80)
    page.wait_for_timeout(400)
    box = grid_box()
    page.screenshot(path=str(shots / "outreach-grid-1366x768.png"),
                    clip={"x": box["x"], "y": box["top"], "width": box["width"], "height": box["height"]})
    texts = page.evaluate(
        """() => { for (const svg of document.querySelectorAll('.verbinding-chart svg')) {
                     if (svg.textContent.includes('Veel macht, veel belang')) {
                       return [...svg.querySelectorAll('text')].flatMap(t => {
                         const spans = [...t.querySelectorAll('tspan')];
                         return spans.length ? spans.map(s => s.textContent) : [t.textContent]; }); } }
                   return []; }""")
    shown = [name for name in names if name in texts]
    assert len(shown) >= 6, texts  # most names whole, one a line
    assert any(text.startswith("+ ") and text.endswith(" meer") for text in texts), texts
    cut = [text for text in texts if text.endswith("…")]
    assert all(len(next((n for n in names if n.startswith(text[:-1])), "")) > 40 for text in cut), cut
