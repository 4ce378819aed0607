"""Module 0 (kennismaken): feedback in the right plural, and when the module is done."""

from __future__ import annotations

from verbinding.modules.kennismaken import Introduction, is_complete


def test_one_partner_in_the_singular():
    notes = Introduction(dossier="Laadpalen", partners=["Netbeheerder Oost"]).feedback()
    assert any("Je noemt 1 vaste gesprekspartner." in n for n in notes)
    assert not any("(s)" in n for n in notes)
    two = Introduction(dossier="Laadpalen", partners=["A", "B"]).feedback()
    assert any("Je noemt 2 vaste gesprekspartners." in n for n in two)


def test_no_dossier_points_to_module_5():
    notes = Introduction().feedback()
    assert any("module 5" in n for n in notes)


def test_is_complete():
    assert not is_complete({}) and not is_complete(None)
    full = {"dossier": "Laadpalen", "description": "", "partners": ["Netbeheerder Oost"],
            "missing": "Huurders zonder eigen oprit."}
    assert is_complete(full)
    assert not is_complete({**full, "partners": []})
    assert not is_complete({**full, "missing": "  "})
    assert not is_complete({**full, "dossier": ""})
