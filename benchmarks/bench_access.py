"""Benchmark: every access metric on a synthetic 1,000,000-link contact log.

Run: ``python benchmarks/bench_access.py [--links N] [--organisations M]``.
Prints the time per metric and the total (target: about one second for 1M links).
The organisation column holds strings, as the contact-log loader gives it.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from verbinding import access


def synthetic_log(n_links: int, n_orgs: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    # heavy-tailed access: Zipf-like weights over organisations
    weights = 1.0 / np.arange(1, n_orgs + 1) ** 0.9
    weights /= weights.sum()
    org_idx = rng.choice(n_orgs, size=n_links, p=weights)
    ids = np.array([f"org{i:06d}" for i in range(n_orgs)], dtype=object)
    days = rng.integers(0, 3650, size=n_links)
    dates = pd.Timestamp("2014-01-01") + pd.to_timedelta(days, unit="D")
    links = pd.DataFrame(
        {
            "row": np.arange(n_links) // 2,
            "date": dates,
            "year": dates.year.astype(np.int64),
            "organisation": pd.array(ids[org_idx], dtype="str"),
        }
    )
    types = np.array(["bedrijf", "branche", "ngo", "burgers", "overheid", "kennis"], dtype=object)
    population = pd.DataFrame(
        {"org_id": ids, "name": ids, "type": types[rng.integers(0, len(types), n_orgs)]}
    )
    dims = np.array([f"d{i}" for i in range(8)], dtype=object)
    expertise = pd.DataFrame(
        {"org_id": np.repeat(ids, 2), "dimension": dims[rng.integers(0, len(dims), 2 * n_orgs)]}
    ).drop_duplicates()
    return links, population, expertise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    links, population, expertise = synthetic_log(args.links, args.organisations)
    org = "organisation"
    steps = {
        "concentration": lambda: access.concentration(links, org),
        "lorenz": lambda: access.lorenz(links, org),
        "persistent_core (4 years)": lambda: access.persistent_core(links, (2019, 2022), org),
        "insiders_by_presence": lambda: access.insiders_by_presence(links, 3, 4, org_col=org),
        "insiders_by_top": lambda: access.insiders_by_top(links, 10, org),
        "early_late": lambda: access.early_late(links, 2019, org),
        "representation": lambda: access.representation(links, population, org_col=org),
        "dimension_access": lambda: access.dimension_access(links, expertise, population, org),
        "quiet_corners": lambda: access.quiet_corners(population, expertise, links, "d1", 1, org),
        "unique_links (CLI)": lambda: access.unique_links(links, org),
        "summary (CLI JSON)": lambda: access.summary(links, (2019, 2022), org),
    }
    print(f"{args.links:,} links, {links[org].nunique():,} organisations")
    run(steps, args.repeat, "organisation column as strings")
    start = time.perf_counter()
    links[org] = links[org].astype("category")
    print(f"\n  converting to a categorical column once: {(time.perf_counter() - start) * 1000:.1f} ms")
    run(steps, args.repeat, "organisation column categorical")


def run(steps, repeat: int, label: str) -> None:
    print(f"\n{label} (best of {repeat}):")
    best_total = None
    for _ in range(repeat):
        total = 0.0
        timings = {}
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            timings[name] = time.perf_counter() - start
            total += timings[name]
        if best_total is None or total < best_total:
            best_total, best = total, timings
    for name, seconds in best.items():
        print(f"  {name:28s} {seconds * 1000:8.1f} ms")
    print(f"  {'total (all metrics)':28s} {best_total * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
