#!/usr/bin/env python3
"""Throughput and peak memory of `eventledger extract` on real pages, beside trafilatura alone.

Pages: the 181 HTML pages of ../shared/data/scrapinghub-aeb (skipped when absent).
Reports, for 1, 45, 90 and 181 pages: wall time, documents per second and peak resident
memory of the whole process, for the full pipeline and for trafilatura alone; and the
latency of one `extract` on the seed article (start-up included).

usage: python benchmarks/extract_throughput.py [--json]
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
AEB = SHARED / "data" / "scrapinghub-aeb"
CLI = shutil.which("eventledger") or str(Path(sys.executable).parent / "eventledger")

BASELINE = r"""
import json, sys, trafilatura
for line in open(sys.argv[1]):
    r = json.loads(line)
    trafilatura.extract(r["html"], url=r["url"])
"""
MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if p.returncode:
    sys.exit(p.stderr.decode()[-500:])
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a command, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def pages() -> list[dict]:
    truth = json.loads((AEB / "ground-truth.json").read_text())
    rows = []
    for pid, g in sorted(truth.items()):
        path = AEB / "html" / f"{pid}.html.gz"
        if path.exists():
            html = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
            rows.append({"id": pid, "url": g.get("url"), "html": html})
    return rows


def main() -> int:
    if not AEB.exists():
        print(f"skipped: {AEB} not found (the benchmark pages live in ../shared)")
        return 0
    rows = pages()
    tmp = Path(tempfile.mkdtemp())
    report: dict[str, object] = {"pages": len(rows), "runs": []}
    try:
        seed = SHARED / "cases" / "meduza-belgorod-conscripts" / "article.txt"
        if seed.exists():
            measure([CLI, "extract", "-q", str(seed)])  # warm the gazetteer index
            wall, rss = measure([CLI, "extract", "-q", str(seed), "--published", "2023-05-24"])
            report["one_page"] = {"seconds": round(wall, 3), "peak_rss_mib": round(rss, 1)}
        for n in (1, 45, 90, len(rows)):
            src = tmp / f"aeb-{n}.jsonl"
            src.write_text("".join(json.dumps(r) + "\n" for r in rows[:n]))
            tw, trss = measure([sys.executable, "-c", BASELINE, str(src)])
            pw, prss = measure([CLI, "extract", "-q", str(src)])
            report["runs"].append(
                {
                    "pages": n,
                    "eventledger": {
                        "seconds": round(pw, 2),
                        "docs_per_s": round(n / pw, 1),
                        "peak_rss_mib": round(prss, 1),
                    },
                    "trafilatura": {
                        "seconds": round(tw, 2),
                        "docs_per_s": round(n / tw, 1),
                        "peak_rss_mib": round(trss, 1),
                    },
                    "ratio": round(pw / tw, 2),
                }
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return 0
    if "one_page" in report:
        one = report["one_page"]
        print(
            f"one page (seed case, start-up included): {one['seconds']} s, "
            f"peak RSS {one['peak_rss_mib']} MiB"
        )
    print(
        f"{'pages':>5} | {'eventledger s':>13} {'docs/s':>7} {'RSS MiB':>8} | "
        f"{'trafilatura s':>13} {'docs/s':>7} {'RSS MiB':>8} | ratio"
    )
    for r in report["runs"]:
        e, t = r["eventledger"], r["trafilatura"]
        print(
            f"{r['pages']:>5} | {e['seconds']:>13} {e['docs_per_s']:>7} {e['peak_rss_mib']:>8} | "
            f"{t['seconds']:>13} {t['docs_per_s']:>7} {t['peak_rss_mib']:>8} | {r['ratio']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
