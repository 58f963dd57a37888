"""Where the evaluation data lives: the project's ``shared`` folder beside the checkout.

Looked for, in order: the folder given (``--data``), ``$EVENTLEDGER_SHARED``, ``../shared``
next to the repository root this package was installed from, and ``../shared`` next to the
current directory. The data is never copied into the package: much of it may only be used
for evaluation.
"""

from __future__ import annotations

import os
from pathlib import Path

from eventledger.errors import InputError

ENV = "EVENTLEDGER_SHARED"


def _repo_root() -> Path | None:
    root = Path(__file__).resolve().parents[3]
    return root if (root / "pyproject.toml").exists() else None


def candidates(given: str | None = None) -> list[Path]:
    """Every folder that would be tried, first to last."""
    if given:
        return [Path(given)]
    found = []
    if os.environ.get(ENV):
        return [Path(os.environ[ENV])]
    root = _repo_root()
    if root is not None:
        found.append(root.parent / "shared")
    found.append(Path.cwd().parent / "shared")
    return found


def locate(given: str | None = None) -> Path:
    """The evaluation data folder; raises InputError naming where it looked."""
    tried = candidates(given)
    for path in tried:
        if (path / "data").is_dir() or (path / "gold").is_dir():
            return path.resolve()
    where = ", ".join(str(p) for p in dict.fromkeys(tried))
    raise InputError(
        f"no evaluation data in {where} — give --data DIR or set {ENV} to the shared folder"
        " (it holds data/ and gold/)"
    )
