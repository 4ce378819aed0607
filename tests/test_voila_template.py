"""The course's Voilà template (widgets/verbinding/voila_template/verbinding/): what a
learner sees without a browser test, read from the files themselves."""

from __future__ import annotations

import re
from pathlib import Path

import verbinding

TEMPLATE = Path(verbinding.__file__).parent / "voila_template" / "verbinding"


def test_a_dropdown_draws_its_chevron_inline():
    """Walk finding: the dropdowns showed no arrow (Utrecht's select takes it from
    --utrecht-select-background-image, which the course left unset)."""
    css = (TEMPLATE / "verbinding.css.j2").read_text(encoding="utf-8")
    token = re.search(r"--utrecht-select-background-image:\s*url\(\"([^\"]+)\"\)", css)
    assert token, "no chevron for the dropdowns"
    image = token.group(1)
    assert image.startswith("data:image/svg+xml,") and "%3Cpath" in image
    assert "stroke='%231a1a1a'" in image  # the text colour: contrast well over 3:1 on white
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css), "a style that fetches from the internet"
    assert re.search(r"--utrecht-select-padding-inline-end:\s*2\.2em", css)  # text stays clear of it


def test_the_start_page_is_dutch_and_drawn_without_script():
    """Walk finding: the server's own address showed Voilà's English 'Voilà Home'."""
    tree = (TEMPLATE / "tree.html").read_text(encoding="utf-8")
    assert '"Verbindend leiderschap — cursus"' in tree and "<h1>{{ course }}</h1>" in tree
    assert "voila/render/index.ipynb" in tree and "Naar de cursus" in tree
    assert "<script" not in tree and "Select items" not in tree and "http" not in tree
    lab = (TEMPLATE / "tree-lab.html").read_text(encoding="utf-8")
    assert '{% extends "tree.html" %}' in lab  # Voilà 0.5 draws its start page from tree-lab.html
