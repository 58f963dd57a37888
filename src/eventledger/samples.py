"""The bundled sample articles (openly licensed; see data/samples/NOTICE.md)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_path() -> Path:
    """Path of the bundled sample articles (JSON Lines)."""
    return Path(str(files("eventledger") / "data" / "samples" / "samples.jsonl"))
