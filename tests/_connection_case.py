"""A small synthetic case for the Connection tests (until and besides the built-in cases).

Same attributes as ``verbinding.cases.Case``: id, dimensions, organisations, expertise,
contacts (one row per link), org_name(). Seeded: the same case every run.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

TYPES = ["bedrijf", "branche", "ngo", "burgers", "overheid", "kennis"]


def synthetic_case(n_orgs: int = 300, n_links: int = 5000, seed: int = 3, case_id: str = "testcasus"):
    rng = np.random.default_rng(seed)
    ids = [f"o{i:03d}" for i in range(n_orgs)]
    # the first organisations are mostly business and get most access (uneven playing field)
    types = [TYPES[i % 2] if i < n_orgs // 10 else TYPES[2 + i % 4] for i in range(n_orgs)]
    organisations = pd.DataFrame(
        {
            "org_id": ids,
            "name": [f"Organisatie {i:03d}" for i in range(n_orgs)],
            "type": types,
            "staff_band": ["10-49"] * n_orgs,
            "region": ["landelijk"] * n_orgs,
            "capacity": [3] * n_orgs,
        }
    )
    dims = [
        SimpleNamespace(id="water", name="Wateroverlast", explanation="Te veel water."),
        SimpleNamespace(id="hitte", name="Hittestress", explanation="Te warm in de stad."),
        SimpleNamespace(id="zorg", name="Zorg en kwetsbaren", explanation="Ouderen en zieken."),
        SimpleNamespace(id="wonen", name="Wonen", explanation="Huizen en wijken."),
    ]
    exp_rows = []
    for i, org in enumerate(ids):
        exp_rows.append((org, dims[i % 4].id))
        if i % 3 == 0:
            exp_rows.append((org, dims[(i + 1) % 4].id))
    # 'zorg' expertise only among organisations without much access (index >= 200)
    expertise = pd.DataFrame(exp_rows, columns=["org_id", "dimension"])
    expertise = expertise[~((expertise["dimension"] == "zorg") & (expertise["org_id"] < "o200"))]
    weights = 1.0 / np.arange(1, n_orgs + 1) ** 1.1
    weights[200:] = 0.0  # 100 organisations never had contact
    weights /= weights.sum()
    org_idx = rng.choice(n_orgs, size=n_links, p=weights)
    years = rng.integers(2015, 2025, size=n_links)
    dates = pd.to_datetime(pd.DataFrame({"year": years, "month": 6, "day": 1}))
    contacts = pd.DataFrame(
        {
            "contact_id": np.arange(n_links) // 2,
            "date": dates,
            "year": years.astype(np.int64),
            "org_id": np.array(ids)[org_idx],
            "format": "gesprek",
            "topic": "klimaat",
            "initiated_by": "ministerie",
        }
    )
    names = dict(zip(organisations["org_id"], organisations["name"]))
    return SimpleNamespace(
        id=case_id,
        title="Testcasus",
        dimensions=dims,
        organisations=organisations,
        expertise=expertise.reset_index(drop=True),
        contacts=contacts,
        org_name=lambda org_id: names.get(org_id, str(org_id)),
    )
