"""The front end is built from npm packages into the Python package, committed, and loads
nothing from elsewhere at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from eventledger.web import assets

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"


def test_built_files_ship_inside_the_package():
    static = resources.files("eventledger.web") / "static"
    for name in assets.BUILT:
        assert (static / name).is_file(), f"{name} is not built: run make assets"
    assert assets.missing() == []
    assert assets.static_url("app.js").startswith("/static/app.js?v=")


def test_front_end_comes_from_npm_with_a_lockfile():
    package = json.loads((FRONTEND / "package.json").read_text())
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    assert set(package["dependencies"]) == {"leaflet", "topojson-client", "world-atlas"}
    assert "esbuild" in package["devDependencies"]
    for name in [*package["dependencies"], *package["devDependencies"]]:
        assert f"node_modules/{name}" in lock["packages"]


def test_bundle_fetches_nothing_from_other_hosts():
    bundle = (assets.STATIC_DIR / "app.js").read_text()
    for cdn in ("unpkg.com", "cdn.jsdelivr", "cdnjs", "tile.openstreetmap", "googleapis"):
        assert cdn not in bundle
    assert "fetch(`${" in bundle or "fetch(" in bundle  # only relative API paths are fetched


@pytest.mark.skipif(
    shutil.which("node") is None or not (FRONTEND / "node_modules").is_dir(),
    reason="needs Node.js and frontend/node_modules (make assets)",
)
def test_committed_build_matches_the_sources(tmp_path: Path):
    env = {**os.environ, "EVENTLEDGER_STATIC_OUT": str(tmp_path)}
    subprocess.run(["node", "build.mjs"], cwd=FRONTEND, env=env, check=True, timeout=120)
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(assets.STATIC_DIR) for p in assets.STATIC_DIR.rglob("*") if p.is_file()
    )
    assert built == committed
    stale = [
        str(p) for p in built if (tmp_path / p).read_bytes() != (assets.STATIC_DIR / p).read_bytes()
    ]
    assert stale == [], f"rebuild the front end (make assets): {stale}"
