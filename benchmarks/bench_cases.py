"""Benchmark: load and validate a contact log of 1,000,000 rows with verbinding.cases.

    /work/venv/bin/python benchmarks/bench_cases.py [--rows 1000000] [--excel-rows 20000]

Writes a synthetic log (semicolon CSV, Windows-1252, a title line above the header, Dutch
and ISO dates, 5% of cells with two organisations, a few broken rows) into a temporary
folder, then reports rows per second and peak memory (peak resident set size of the
process, and the peak of Python/numpy allocations measured with tracemalloc in a second
run). Also times loading the built-in cases.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np


def write_log(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    orgs = np.array([f"Organisatie {i:05d} ëé" for i in range(8000)], dtype=object)
    weights = 1.0 / np.arange(1, len(orgs) + 1) ** 0.9
    picks = rng.choice(len(orgs), size=rows, p=weights / weights.sum())
    second = rng.choice(len(orgs), size=rows)
    days = rng.integers(0, 3650, size=rows)
    base = np.datetime64("2015-01-01")
    dates = (base + days.astype("timedelta64[D]")).astype(str)
    dutch = rng.random(rows) < 0.3
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("Export contactregistratie directie X\r\n")
        out.write("Datum;Organisatie;Onderwerp;Vorm\r\n")
        for i in range(rows):
            d = dates[i]
            if dutch[i]:
                d = f"{int(d[8:10])}-{int(d[5:7])}-{d[:4]}"
            org = orgs[picks[i]]
            if i % 20 == 0:
                org = f"\"{org}; {orgs[second[i]]}\""
            if i % 100_000 == 99_999:
                d = "onbekend"
            out.write(f"{d};{org};Onderwerp {i % 37};gesprek\r\n")


def measure(path: Path):
    from verbinding.cases import load_contact_log

    start, cpu = time.perf_counter(), time.process_time()
    log = load_contact_log(path, "organisatie", "datum", separator=";")
    measure.cpu = time.process_time() - cpu
    return time.perf_counter() - start, log


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--excel-rows", type=int, default=20_000)
    args = parser.parse_args(argv)
    import pandas  # noqa: F401  (import cost not part of the measurement)

    from verbinding import cases
    from verbinding.cases import listing

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contactlog.csv"
        t0 = time.perf_counter()
        write_log(path, args.rows)
        print(f"log written: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        seconds, log = measure(path)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"load_contact_log: {seconds:.2f} s, {args.rows / seconds:,.0f} rows/s, "
              f"{len(log.links):,} links, {log.report.rows_set_aside} rows set aside; "
              f"CPU time {measure.cpu:.2f} s ({args.rows / measure.cpu:,.0f} rows per CPU second)")
        print(f"peak RSS of the process: {rss_after:.0f} MB (was {rss_before:.0f} MB before loading)")
        del log
        tracemalloc.start()
        seconds_traced, log = measure(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced allocations while loading: {peak / 1e6:.0f} MB (traced run {seconds_traced:.2f} s)")

        if args.excel_rows:
            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(["Datum", "Organisatie"])
            for i in range(args.excel_rows):
                sheet.append([f"2021-03-{1 + i % 28:02d}", f"Organisatie {i % 500}"])
            xlsx = Path(tmp) / "log.xlsx"
            book.save(xlsx)
            start = time.perf_counter()
            cases.load_contact_log(xlsx, "organisatie", "datum")
            s = time.perf_counter() - start
            print(f"xlsx: {args.excel_rows:,} rows in {s:.2f} s ({args.excel_rows / s:,.0f} rows/s)")

    for case_id, _ in cases.builtin_cases():
        listing._load_builtin.cache_clear()
        start = time.perf_counter()
        cases.load_case(case_id)
        print(f"load_case({case_id!r}): {time.perf_counter() - start:.3f} s (uncached)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
