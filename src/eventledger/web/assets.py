"""The built front-end files (``static/``, built from ``frontend/`` by ``make assets``).

Pages name them with a content hash (``/static/app.js?v=1a2b3c4d5e``) so browsers may cache
them for long and still get a new build at once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
BUILT = ("app.js", "app.css", "countries-50m.json", "favicon.svg")


@cache
def _version(name: str) -> str:
    path = STATIC_DIR / name
    if not path.is_file():
        return "missing"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def static_url(name: str) -> str:
    return f"/static/{name}?v={_version(name)}"


def missing() -> list[str]:
    """Built files that are not there (the front end was never built)."""
    return [name for name in BUILT if not (STATIC_DIR / name).is_file()]
