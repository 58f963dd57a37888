"""Helpers for the tests of eventledger.evaluate: a miniature shared folder, built per test."""

from __future__ import annotations

import gzip
import shutil
import tarfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate" / "shared"
REAL_SHARED = Path(__file__).resolve().parents[2] / "shared"


def build_mini_shared(dst: Path) -> Path:
    """Copy the fixture tree to ``dst`` and pack what the real data keeps packed."""
    root = dst / "shared"
    shutil.copytree(FIXTURES, root)
    html = root / "data" / "scrapinghub-aeb" / "html"
    for page in html.glob("*.html"):
        (html / f"{page.name}.gz").write_bytes(gzip.compress(page.read_bytes()))
        page.unlink()
    traf = root / "data" / "trafilatura-eval"
    with tarfile.open(traf / "html.tar.gz", "w:gz") as tar:
        tar.add(traf / "traf_html", arcname="traf_html")
    shutil.rmtree(traf / "traf_html")
    return root
