"""Everything fits: no chart, card or table is wider than its column or cut off.

A learner opens every module at a laptop (1366x768), a wide screen (1920x1080) and a phone
(390x844), does what makes its charts and cards appear, and sees each of them whole: no
element sticks out of the module, no box with hidden or auto overflow hides part of its
content (``scrollWidth > clientWidth``), no sideways scrolling of the page. A screenshot of
every module at every size is kept under ``test-artifacts/layout/`` with one contact sheet
(``contact-sheet.png``) a person can look over in a minute.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from verbinding.course import MODULES

from .conftest import PAGE_TIMEOUT_MS
from .test_scrolling import _show

APP = "index.ipynb"
READY = ".verbinding-course-nav a"
VIEWPORTS = {"laptop": (1366, 768), "wide": (1920, 1080), "phone": (390, 844)}
SHOTS: dict[tuple[str, str], Path] = {}  # (viewport, module) -> screenshot, for the contact sheet

# Boxes inside the module that stick out of it or hide part of their content.
MISFITS = """() => {
    const module = document.querySelector('.verbinding-module');
    const area = module.getBoundingClientRect();
    const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '')
        + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    const found = [];
    for (const el of module.querySelectorAll('*')) {
        if (el.closest('select, textarea, input, option, .widget-readout')) continue;
        const box = el.getBoundingClientRect();
        if (box.width < 2 || box.height < 2) continue;  // hidden, or a screen-reader-only text
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        if (box.right > area.right + 1 || box.left < area.left - 1) {
            found.push(`${name(el)} sticks out of the module (${Math.round(box.left)}..${Math.round(box.right)} `
                       + `outside ${Math.round(area.left)}..${Math.round(area.right)})`);
            continue;
        }
        const clips = ['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowX);
        if (clips && el.scrollWidth > el.clientWidth + 1) {
            found.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth}px of its content`);
        }
    }
    return found;
}"""

CHARTS_DRAWN = """() => [...document.querySelectorAll('.verbinding-module .verbinding-figure')]
    .filter((f) => f.getClientRects().length && f.querySelector('svg'))
    .every((f) => Math.abs(Number(f.dataset.width) - Math.floor(f.clientWidth)) <= 1)"""


def _charts(page) -> int:
    page.wait_for_function(CHARTS_DRAWN, timeout=60000)
    return page.locator(".verbinding-module .verbinding-figure svg").count()


# What a learner does in a module before its charts and cards appear.
def _drempels(page):
    page.locator(".verbinding-module select").filter(has_text="5 -").last.select_option(index=5)
    page.wait_for_selector(".verbinding-module .verbinding-figure svg", timeout=60000)


def _outreach(page):
    page.get_by_label("Nieuwe dimensie", exact=True).fill("Energie")
    page.get_by_label("Waarom telt dit hier?", exact=True).fill("airco's vragen veel stroom")
    page.get_by_role("button", name="Dimensie toevoegen").click()
    page.get_by_label("Dimensie", exact=True).select_option(label="Energie")
    page.get_by_label("Organisatie", exact=True).fill("Vereniging Kennisinstituut Stroom en Warmte Nederland")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    page.wait_for_selector(".verbinding-module .verbinding-figure svg", timeout=60000)


def _connection(page):
    number = page.get_by_label("Of typ je schatting (%)", exact=True)
    number.fill("25")
    number.press("Tab")
    page.get_by_role("button", name="Toon de echte cijfers").click()
    page.wait_for_selector(".verbinding-module .verbinding-figure svg >> nth=1", timeout=60000)


def _accountability(page):
    name = page.get_by_label("Naam partij", exact=True)
    name.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)  # module 4 builds its party rows first
    party = "Bewonersvereniging Oost en de Wijkraad Noordwest samen"
    name.fill(party)
    page.get_by_label("Inbreng", exact=True).last.fill("Een geluidsscherm langs de hele ringweg, ook bij de school")
    page.get_by_role("button", name="Partij toevoegen").click()
    # a party one adds joins the handful; the last row of the list may be an optional one, folded away
    page.locator(".verbinding-interest").filter(has_text=party).last.wait_for(state="visible")


def _dossier(page):
    page.locator(".verbinding-module select").filter(has_text="5 -").first.select_option(index=5)
    page.wait_for_selector(".verbinding-module .verbinding-figure svg", timeout=60000)


WITH_CHARTS = ("drempels", "outreach", "connection", "eigen_dossier", "echte_agendas")
STEPS = {"drempels": _drempels, "outreach": _outreach, "connection": _connection,
         "accountability": _accountability, "eigen_dossier": _dossier}


def _contact_sheet(browser, folder: Path) -> Path:
    """One image: a column per viewport, a row per module (drawn by the browser itself)."""
    cells = []
    for item in MODULES:
        row = "".join(
            f'<td><img src="data:image/png;base64,{base64.b64encode(SHOTS[(v, item.id)].read_bytes()).decode()}"></td>'
            if (v, item.id) in SHOTS else "<td></td>" for v in VIEWPORTS)
        cells.append(f"<tr><th>{item.id}</th>{row}</tr>")
    head = "".join(f"<th>{v} {w}×{h}</th>" for v, (w, h) in VIEWPORTS.items())
    page = browser.new_page(viewport={"width": 1400, "height": 800})
    try:
        page.set_content(
            "<style>body{font:14px sans-serif;margin:8px} td,th{vertical-align:top;padding:4px}"
            "img{width:420px;max-height:900px;object-fit:cover;object-position:top;border:1px solid #999}</style>"
            f"<table><tr><th></th>{head}</tr>{''.join(cells)}</table>")
        sheet = folder / "contact-sheet.png"
        page.screenshot(path=str(sheet), full_page=True)
        return sheet
    finally:
        page.close()


def _what_shows(page, errors: list[str]) -> str:
    """What the learner sees when a step fails: the module's text and the browser's errors."""
    shown = page.evaluate("""() => {
        const module = document.querySelector('.verbinding-module');
        const current = document.querySelector('.verbinding-course-nav a[aria-current=page]');
        return `menu: ${current?.dataset.module}; module text: `
            + (module ? module.innerText.replace(/\\s+/g, ' ').slice(0, 800) : '(no module)');
    }""")
    return f"{shown}\nbrowser errors: {errors[-5:]}"


def _walk(context, url: str, viewport: str, folder: Path) -> None:
    """Open the course at ``url``, show every module, make its charts appear, check the fit."""
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)[:300]))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text[:300]))
    page.goto(url, wait_until="load", timeout=120000)
    page.wait_for_selector(READY, state="visible", timeout=120000)
    page.wait_for_selector("#loading", state="hidden", timeout=120000)
    problems = []
    for item in MODULES:
        try:
            _show(page, item.id)
            if item.id in STEPS:
                STEPS[item.id](page)
            if item.id in WITH_CHARTS:  # drawn in the browser, a moment after the module shows
                page.wait_for_selector(".verbinding-module .verbinding-figure svg", timeout=60000)
            _charts(page)
        except Exception as error:
            raise AssertionError(f"{item.id}: {error}\n{_what_shows(page, errors)}") from error
        problems += [f"{item.id}: {p}" for p in page.evaluate(MISFITS)]
        sideways = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if sideways > 0:
            problems.append(f"{item.id}: the page scrolls sideways by {sideways}px")
        shot = folder / f"{viewport}-{MODULES.index(item) + 1:02d}-{item.id}.png"
        page.screenshot(path=str(shot), full_page=True)
        SHOTS[(viewport, item.id)] = shot
    assert not problems, "\n".join(problems[:30])
    outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", "localhost")
               and not u.startswith(("data:", "blob:"))]
    assert not outside, f"requests left the machine: {outside[:5]}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_module_fits_its_window_after_its_charts_appear(browser, voila_server, artifacts_dir, viewport):
    width, height = VIEWPORTS[viewport]
    folder = artifacts_dir / "layout"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        _walk(context, voila_server.url(APP, f"layout-{viewport}-{int(time.time())}"), viewport, folder)
    finally:
        context.close()
        _contact_sheet(browser, folder)


def test_every_module_fits_in_a_jupyter_server(browser, jupyter_server, artifacts_dir):
    """Binder and JupyterHub serve the page through Voilà's server extension: the chart
    bundles come from the same template folder there (a wrong path would draw no chart)."""
    folder = artifacts_dir / "layout"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        _walk(context, jupyter_server.url("course/index.ipynb", f"layout-server-{int(time.time())}"),
              "server-laptop", folder)
    finally:
        context.close()
