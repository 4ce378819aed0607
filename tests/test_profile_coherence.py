"""Every built-in organisation's profile fits its name, type and field (issue 25 item 4).

Walk finding: "Langklaver Thuiszorg Groep" was "een bedrijf (vakgebied: thuiszorg) ... vooral
op het gebied van wonen" and knew nothing about care at home, so the course corrected a
learner's sensible "veel" with "het profiel zegt 'geen'"."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("generate_cases", DATASETS / "generate_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_cases"] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("generate_cases", None)


def rows(case_id: str, table: str) -> dict[str, dict]:
    with open(DATASETS / case_id / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return {r["id"]: r for r in csv.DictReader(handle)}


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_every_profile_follows_from_name_type_and_field(gen, case_id):
    cfg = next(c for c in gen.CASES if c.case_id == case_id)
    names = {str(d["id"]): str(d["naam"]).lower()
             for d in yaml.safe_load((DATASETS / case_id / "case.yaml").read_text(encoding="utf-8"))["dimensies"]}
    orgs, profiles = rows(case_id, "organisations"), rows(case_id, "profielen")
    with open(DATASETS / case_id / "consultation.csv", encoding="utf-8", newline="") as handle:
        stances = {r["organisatie_id"]: r["standpunt"] for r in csv.DictReader(handle) if r["organisatie_id"]}
    problems = []
    checked = {"named": 0, "all": 0}
    for org_id, org in orgs.items():
        profile = profiles[org_id]
        levels = {k: int(v) for k, v in (x.split("=") for x in profile["kennis"].split(";") if x)}
        expertise = [d for d in org["expertise"].split(";") if d]
        known = {d for d, level in levels.items() if level >= 2}
        checked["all"] += 1
        # knowledge per dimension follows the expertise column
        if set(expertise) != known:
            problems.append(f"{org['naam']}: expertise {expertise} but knows {sorted(known)}")
        # the request (toelichting) is about something the organisation knows
        if profile["toelichting"] and profile["toelichting"] not in {cfg.summaries[d] for d in known}:
            problems.append(f"{org['naam']}: asks about a field it does not know")
        # the stance is the one it gave in the consultation
        if org_id in stances and stances[org_id] != profile["standpunt"]:
            problems.append(f"{org['naam']}: stance {profile['standpunt']} vs consultation {stances[org_id]}")
        if org["type"] in gen.NAMED_FIELDS:
            word = gen.name_field(cfg, org["type"], org["naam"])
            field = set(cfg.field_dims.get(word, ()))
            checked["named"] += 1
            if not word or not field & known:
                problems.append(f"{org['naam']}: field '{word}' but knows {sorted(known)}")
            elif org["type"] == "bedrijf":
                said = profile["werk"].split("vooral op het gebied van ")[-1].rstrip(".")
                if said not in {names[d] for d in field & known}:
                    problems.append(f"{org['naam']}: works 'vooral op het gebied van {said}'")
        if org["type"] == "kennis" and expertise:
            said = profile["werk"].split("Doet onderzoek naar ")[-1].rstrip(".")
            if said not in {names[d] for d in expertise}:
                problems.append(f"{org['naam']}: researches '{said}'")
    print(f"{case_id}: {checked['all']} organisations checked, {checked['named']} with a field in the name, "
          f"{len(problems)} incoherent")
    assert not problems, "\n".join(problems[:20])
    assert checked["named"] > 200


def test_the_walk_example_now_knows_about_care_at_home(gen):
    cfg = next(c for c in gen.CASES if c.case_id == "vergrijzing")
    orgs, profiles = rows("vergrijzing", "organisations"), rows("vergrijzing", "profielen")
    homecare = [o for o in orgs.values() if o["type"] == "bedrijf" and " Thuiszorg " in f" {o['naam']} "]
    assert homecare
    for org in homecare:
        levels = dict(x.split("=") for x in profiles[org["id"]]["kennis"].split(";") if x)
        assert any(int(levels.get(d, 0)) >= 2 for d in cfg.field_dims["Thuiszorg"]), org["naam"]


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_citizen_groups_unions_and_governments_know_what_their_name_says(gen, case_id):
    """Walk finding: "Patiëntenvereniging Heldere Klaver" knew about nature and household
    costs, not health; a union 'in de sector senioren'. The group, sector or task in the
    name of every such organisation now fits what it knows."""
    cfg = next(c for c in gen.CASES if c.case_id == case_id)
    orgs, profiles = rows(case_id, "organisations"), rows(case_id, "profielen")
    odd = []
    for org in orgs.values():
        if org["type"] not in ("burgers", "vakbond", "overheid"):
            continue
        word = gen.name_field(cfg, org["type"], org["naam"])
        field = set(cfg.field_dims.get(word, ()))
        if not field & {d for d in org["expertise"].split(";") if d}:
            odd.append(f"{org['naam']} ({org['expertise']})")
        if "sector senioren" in profiles[org["id"]]["werk"]:
            odd.append(f"{org['naam']}: {profiles[org['id']]['werk']}")
    assert not odd, "\n".join(odd[:20])


@pytest.mark.parametrize("case_id", ["klimaatadaptatie", "vergrijzing"])
def test_a_foundation_works_on_its_field_rather_than_standing_up_for_drought(case_id):
    profiles = rows(case_id, "profielen")
    assert not [p["werk"] for p in profiles.values() if "Komt op voor " in p["werk"] and "stichting" in p["werk"]]
