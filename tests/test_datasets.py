"""The shipped built-in cases: calibration targets, reproducibility, data package descriptor.

Metrics are computed here with plain pandas straight from the CSV files (not through
verbinding.cases or verbinding.access), so the test checks the data, not our own code.
Targets: issue 3 and shared/reference/facts.md ("Published figures on access").
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import numpy as np
import pandas as pd
import pytest
import yaml

from verbinding.paths import datasets_dir

DATASETS = datasets_dir()
CASES = ["klimaatadaptatie", "vergrijzing"]
BUSINESS = {"bedrijf", "branche"}
CITIZEN_NGO = {"ngo", "burgers", "burger_individueel"}


def read(case: str, table: str) -> pd.DataFrame:
    return pd.read_csv(DATASETS / case / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module", params=CASES)
def data(request):
    case = request.param
    orgs = read(case, "organisations")
    contacts = read(case, "contacts")
    contacts["year"] = pd.to_datetime(contacts["datum"], format="%Y-%m-%d").dt.year
    per_org = contacts.groupby("organisatie_id").size().sort_values(ascending=False, kind="stable")
    return case, orgs, contacts, per_org


def top_share(counts: pd.Series, fraction: float) -> float:
    k = int(np.ceil(fraction * len(counts)))
    return counts.sort_values(ascending=False).iloc[:k].sum() / counts.sum()


def gini(counts: pd.Series) -> float:
    x = np.sort(counts.to_numpy(dtype=float))
    n = len(x)
    cum = np.cumsum(x)
    return (n + 1 - 2 * cum.sum() / cum[-1]) / n


def test_gini_helper_is_right():
    assert gini(pd.Series([5, 5, 5, 5])) == pytest.approx(0)
    assert gini(pd.Series([0, 0, 0, 10])) == pytest.approx(0.75)


def test_volume_feels_real(data):
    case, orgs, contacts, per_org = data
    assert len(orgs) >= 300, "hundreds of organisations"
    assert contacts["contact_id"].nunique() >= 2000, "thousands of contacts"
    assert contacts["year"].max() - contacts["year"].min() >= 9, "about ten years"
    never = set(orgs["id"]) - set(per_org.index)
    assert len(never) >= 0.2 * len(orgs), "the population includes organisations never consulted"


def test_top_ten_percent_hold_about_half(data):
    _, _, _, per_org = data
    assert 0.45 <= top_share(per_org, 0.10) <= 0.60


def test_gini_of_contacts_per_organisation(data):
    _, _, _, per_org = data
    assert 0.55 <= gini(per_org) <= 0.70


def test_about_half_of_contacting_organisations_appear_once(data):
    _, _, _, per_org = data
    assert 0.40 <= (per_org == 1).mean() <= 0.60


def test_core_present_every_year_of_four_year_windows(data):
    _, _, contacts, _ = data
    first, last = contacts["year"].min(), contacts["year"].max()
    core_shares, link_shares = [], []
    for start in range(first, last - 2):
        window = contacts[contacts["year"].between(start, start + 3)]
        presence = window.groupby("organisatie_id")["year"].nunique()
        core = presence[presence == 4].index
        core_shares.append(len(core) / len(presence))
        link_shares.append(window["organisatie_id"].isin(core).mean())
    # "a core of about 10% ... holds about half of the meetings in those years"
    assert 0.07 <= np.mean(core_shares) <= 0.15
    assert 0.40 <= np.mean(link_shares) <= 0.60
    assert all(0.05 <= s <= 0.18 for s in core_shares)
    assert all(0.38 <= s <= 0.62 for s in link_shares)


def test_early_access_predicts_later_access(data):
    _, orgs, contacts, _ = data
    early = contacts[contacts["year"] <= 2017].groupby("organisatie_id").size()
    late = contacts[contacts["year"] >= 2022].groupby("organisatie_id").size()
    top_early = set(early.sort_values(ascending=False, kind="stable").index[: int(np.ceil(0.1 * len(early)))])
    top_late = set(late.sort_values(ascending=False, kind="stable").index[: int(np.ceil(0.1 * len(late)))])
    assert len(top_early & top_late) / len(top_early) >= 0.6
    first_half = contacts[contacts["year"] <= 2019].groupby("organisatie_id").size().reindex(orgs["id"], fill_value=0)
    second_half = contacts[contacts["year"] >= 2020].groupby("organisatie_id").size().reindex(orgs["id"], fill_value=0)
    repeat = (second_half[first_half >= 3] > 0).mean()
    one_off = (second_half[first_half == 1] > 0).mean()
    assert repeat >= 3 * one_off, (repeat, one_off)


def test_business_dominates_contacts_not_population(data):
    _, orgs, contacts, _ = data
    types = dict(zip(orgs["id"], orgs["type"]))
    link_types = contacts["organisatie_id"].map(types)
    business_links = link_types.isin(BUSINESS).mean()
    business_population = orgs["type"].isin(BUSINESS).mean()
    assert 0.45 <= business_links <= 0.50
    assert business_population <= 0.7 * business_links
    assert link_types.isin(CITIZEN_NGO).mean() < 0.15
    assert orgs["type"].isin(CITIZEN_NGO).mean() > 2 * link_types.isin(CITIZEN_NGO).mean()


def test_dimensions_missed_by_frequent_contacts(data):
    case, orgs, _, per_org = data
    dims = [d["id"] for d in yaml.safe_load((DATASETS / case / "case.yaml").read_text(encoding="utf-8"))["dimensies"]]
    expertise = orgs.assign(dimension=orgs["expertise"].str.split(";")).explode("dimension")
    frequent = set(per_org.index[: int(np.ceil(0.1 * len(per_org)))])
    never = set(orgs["id"]) - set(per_org.index)
    blind = []
    for dim in dims:
        holders = set(expertise.loc[expertise["dimension"] == dim, "id"])
        if not holders & frequent and len(holders & never) >= 3:
            blind.append(dim)
    assert len(blind) >= 2, blind


def test_organisation_names_are_invented_and_unique():
    real = [
        "Natuurmonumenten", "VNO-NCW", "FNV", "CNV", "Rijkswaterstaat", "KNMI", "LTO", "ANWB",
        "Greenpeace", "Milieudefensie", "KBO", "PCOB", "ActiZ", "Zorgverzekeraars Nederland", "Aedes",
        "Bouwend Nederland", "Unie van Waterschappen", "VNG", "Deltares", "RIVM", "Rabobank", "Vereniging Eigen Huis",
        "Woonbond", "Mantelzorg NL", "Alzheimer Nederland", "Verbond van Verzekeraars", "Nederland",
    ]
    for case in CASES:
        names = read(case, "organisations")["naam"]
        assert names.is_unique
        for word in real:
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            assert not names.str.contains(pattern).any(), word


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_cases", DATASETS / "generate_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_cases"] = module  # dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop("generate_cases", None)
    return module


def test_generator_is_byte_identical(tmp_path):
    generator = load_generator()
    assert generator.main(["--out", str(tmp_path)]) == 0
    compared = 0
    for case in CASES:
        for table in ("organisations", "contacts", "consultation", "profielen"):
            assert (tmp_path / case / f"{table}.csv").read_bytes() == (DATASETS / case / f"{table}.csv").read_bytes()
            compared += 1
    assert (tmp_path / "datapackage.json").read_bytes() == (DATASETS / "datapackage.json").read_bytes()
    assert compared == 8


def test_generator_documents_its_sources():
    source = (DATASETS / "generate_cases.py").read_text(encoding="utf-8")
    for number in range(1, 8):
        # defined in the docstring ("[F1] ...") and cited next to at least one parameter
        assert len(re.findall(rf"\bF{number}\b", source)) >= 2, f"F{number}"
    facts = "facts.md"
    assert facts in source


# ----------------------------------------------------------------------------- datapackage

DESCRIPTOR = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


def test_descriptor_covers_every_case_table():
    paths = {r["path"] for r in DESCRIPTOR["resources"]}
    for folder in [*CASES, "voorbeeld-eigen-casus"]:
        for table in ("organisations", "contacts", "consultation"):
            assert f"{folder}/{table}.csv" in paths
            assert (DATASETS / folder / f"{table}.csv").is_file()
    assert DESCRIPTOR["profile"] == "tabular-data-package"


TABLE_SUFFIXES = (".csv", ".csv.gz", ".xlsx", ".tsv")


def test_descriptor_covers_every_shipped_table_file():
    shipped = {
        path.relative_to(DATASETS).as_posix()
        for path in DATASETS.rglob("*")
        if path.is_file() and path.name.lower().endswith(TABLE_SUFFIXES)
    }
    described = {r["path"] for r in DESCRIPTOR["resources"]}
    assert "echte_agendas/agendas_rutteIV.csv.gz" in shipped  # the walk sees the agendas
    assert sorted(shipped - described) == [], "a shipped table is not described in datapackage.json"
    assert sorted(p for p in described if not (DATASETS / p).is_file()) == [], "a resource points to no file"


def test_compressed_tables_declare_gzip():
    compressed = [r for r in DESCRIPTOR["resources"] if r["path"].endswith(".gz")]
    assert compressed, "the ministers' agendas ship gzipped"
    for resource in compressed:
        # Frictionless "compression of resources": gz, inferred from the path or stated.
        assert resource["compression"] == "gz" and resource["format"] == "csv"
        assert (DATASETS / resource["path"]).read_bytes()[:2] == b"\x1f\x8b", resource["path"]
    assert all("compression" not in r for r in DESCRIPTOR["resources"] if not r["path"].endswith(".gz"))


def test_every_table_has_a_licence_or_names_its_source():
    for resource in DESCRIPTOR["resources"]:
        assert resource.get("licenses") or resource.get("sources"), resource["name"]
    real = [r for r in DESCRIPTOR["resources"] if r["path"].startswith("echte_agendas/agendas_")]
    assert real and all(not r.get("licenses") for r in real), "the source gives no licence: claim none"


def read_resource(resource: dict) -> pd.DataFrame:
    compression = {"gz": "gzip"}.get(resource.get("compression", ""), "infer")
    return pd.read_csv(
        DATASETS / resource["path"], sep=resource["dialect"]["delimiter"], dtype=str, keep_default_na=False,
        encoding=resource.get("encoding", "utf-8"), compression=compression,
    )


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_shipped_tables_match_descriptor(name):
    resource = RESOURCES[name]
    frame = read_resource(resource)
    fields = resource["schema"]["fields"]
    missing_values = resource["schema"].get("missingValues", [""])
    assert list(frame.columns) == [f["name"] for f in fields]
    for f in fields:
        column = frame[f["name"]]
        constraints = f.get("constraints", {})
        is_missing = column.isin(missing_values)
        present = column[~is_missing]
        if constraints.get("required"):
            assert not is_missing.any(), f["name"]
        if constraints.get("unique"):
            assert present.is_unique, f["name"]
        if "enum" in constraints:
            assert present.isin(constraints["enum"]).all(), (f["name"], set(present) - set(constraints["enum"]))
        if "pattern" in constraints:
            assert present.str.fullmatch(constraints["pattern"]).all(), f["name"]
        if f["type"] == "integer":
            values = pd.to_numeric(present, errors="raise")
            assert (values % 1 == 0).all()
            assert values.between(constraints.get("minimum", -np.inf), constraints.get("maximum", np.inf)).all()
        if f["type"] == "date":
            parsed = pd.to_datetime(present, format=f["format"], errors="coerce")
            assert parsed.notna().all(), f["name"]
    key = resource["schema"].get("primaryKey")
    if key:
        assert not frame.duplicated(subset=key).any()
    for fk in resource["schema"].get("foreignKeys", []):
        target = RESOURCES[fk["reference"]["resource"]]
        ids = set(read_resource(target)[fk["reference"]["fields"]])
        values = frame[fk["fields"]]
        assert values[values != ""].isin(ids).all()


def test_expertise_and_consultation_dimensions_exist_in_case_yaml():
    for case in [*CASES, "voorbeeld-eigen-casus"]:
        dims = {d["id"] for d in yaml.safe_load((DATASETS / case / "case.yaml").read_text(encoding="utf-8"))["dimensies"]}
        sep = ";" if case == "voorbeeld-eigen-casus" else ","
        for table, column in (("organisations", "expertise"), ("consultation", "dimensies")):
            frame = pd.read_csv(DATASETS / case / f"{table}.csv", sep=sep, dtype=str, keep_default_na=False)
            used = {d for cell in frame[column] for d in cell.split(";") if d}
            assert used <= dims, (case, table, used - dims)


# ----------------------------------------------------------------------------- profiles


def _levels(cell: str) -> dict[str, int]:
    return {k: int(v) for k, v in (part.split("=") for part in cell.split(";") if part)}


@pytest.mark.parametrize("case", CASES)
def test_every_organisation_has_a_profile_consistent_with_the_tables(case):
    orgs = read(case, "organisations")
    profiles = read(case, "profielen")
    consultation = read(case, "consultation")
    assert list(profiles["id"]) == list(orgs["id"]), "one profile per organisation, same order"
    assert (profiles["werk"].str.len() > 20).all() and (profiles["achterban"].str.len() > 10).all()
    merged = orgs.merge(profiles, on="id")
    for _, row in merged.iterrows():
        levels = _levels(row["kennis"])
        listed = {d for d in row["expertise"].split(";") if d}
        # enough expertise (2 or more) exactly where the organisations table says so
        assert {d for d, v in levels.items() if v >= 2} == listed, row["id"]
    answered = consultation[consultation["organisatie_id"] != ""].drop_duplicates("organisatie_id")
    same = answered.merge(profiles, left_on="organisatie_id", right_on="id", suffixes=("_c", "_p"))
    assert len(same) == len(answered) > 50
    assert (same["standpunt_c"] == same["standpunt_p"]).all(), "a known position matches the consultation"
    assert profiles["standpunt"].nunique() == 4, "positions differ, so a learner can be wrong"


@pytest.mark.parametrize("case", CASES)
def test_profiles_keep_the_blind_dimensions_blind(case):
    per_org = read(case, "contacts").groupby("organisatie_id").size().sort_values(ascending=False, kind="stable")
    profiles = read(case, "profielen").set_index("id")
    frequent = per_org.index[: int(np.ceil(0.1 * len(per_org)))]
    generator = load_generator()
    cfg = next(c for c in generator.CASES if c.case_id == case)
    for org_id in frequent:
        levels = _levels(profiles.loc[org_id, "kennis"])
        assert all(levels.get(d, 0) == 0 for d in cfg.blind), org_id

