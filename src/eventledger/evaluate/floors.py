"""The quality gate: floors that scores may not fall below, and that may only rise.

Floors live in one JSON file (``quality/floors.json``): dataset name -> "part/metric" -> the
lowest acceptable value, for the ``eventledger`` rows of the fast run, e.g.
``{"gold-en": {"dev/f1": 0.40, "test/f1": 0.35}}``. A floor names a part (dev, test, all) so
that the held-out part is guarded as well as the tuned one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from eventledger.errors import UsageError
from eventledger.evaluate.results import SYSTEM, DatasetScore

Floors = dict[str, dict[str, float]]
LOWERED_MARK = "floor-lowered:"


def load_floors(path: str | Path) -> Floors:
    """Read and check a floors file; UsageError when it is not dataset -> key -> number."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read floors file {str(path)!r}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"floors file {str(path)!r} is not JSON: {exc.msg} (line {exc.lineno})"
        ) from None
    return parse_floors(raw, str(path))


def parse_floors(raw: object, where: str = "floors") -> Floors:
    """Check the shape of parsed floors: {dataset: {"part/metric": number}}."""
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: expected an object of datasets")
    floors: Floors = {}
    for dataset, metrics in raw.items():
        if dataset.startswith("_"):  # "_comment" and the like
            continue
        if not isinstance(metrics, dict):
            raise UsageError(f"{where}: {dataset!r} must map 'part/metric' to a number")
        floors[dataset] = {}
        for key, value in metrics.items():
            if key.count("/") != 1 or not isinstance(value, int | float) or isinstance(value, bool):
                raise UsageError(f"{where}: {dataset} {key!r}: expected 'part/metric': number")
            floors[dataset][key] = float(value)
    return floors


def shortfalls(
    scores: Iterable[DatasetScore], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """One line per floor not met: below it, or not measured at all."""
    by_name = {s.name: s for s in scores}
    lines = []
    for dataset, metrics in sorted(floors.items()):
        score = by_name.get(dataset)
        for key, floor in sorted(metrics.items()):
            part, metric = key.split("/")
            value = _value(score, part, metric)
            if value is None:
                why = score.skipped if score is not None and score.skipped else "not measured"
                lines.append(f"{dataset} {key}: {why} (floor {floor:.3f})")
            elif value < floor - 1e-9:
                lines.append(f"{dataset} {key}: {value:.4f} < floor {floor:.3f}")
    return lines


def _value(score: DatasetScore | None, part: str, metric: str) -> float | None:
    if score is None or score.skipped:
        return None
    row = score.row(part, SYSTEM)
    if row is None:
        return None
    try:
        return row.value(metric)
    except KeyError:
        return None


def lowered(
    before: Mapping[str, Mapping[str, float]], after: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """Floors that ``after`` lowers or drops relative to ``before``, one line each."""
    lines = []
    for dataset, metrics in sorted(before.items()):
        for key, old in sorted(metrics.items()):
            new = after.get(dataset, {}).get(key)
            if new is None:
                lines.append(f"{dataset} {key}: floor {old} removed")
            elif new < old:
                lines.append(f"{dataset} {key}: floor lowered from {old} to {new}")
    return lines


def lowering_reason(message: str) -> str | None:
    """The reason a commit message gives on a ``floor-lowered: <reason>`` line, if any."""
    for line in message.splitlines():
        line = line.strip()
        if line.lower().startswith(LOWERED_MARK):
            reason = line[len(LOWERED_MARK) :].strip()
            if reason:
                return reason
    return None


def ratchet_problems(repo: Path, path: str = "quality/floors.json") -> list[str]:
    """Floors lowered without a written reason, found in the git history of ``path``.

    Two comparisons: the working copy against the last commit that changed the file (an
    uncommitted lowering is a problem until it is committed with its reason), and that commit
    against the one before it that changed the file, whose lowering needs a line
    ``floor-lowered: <reason>`` in the later commit's message. Raises OSError or
    subprocess.CalledProcessError when git cannot be run there.
    """
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
        ).stdout

    def at(commit: str) -> Floors:
        return parse_floors(json.loads(git("show", f"{commit}:{path}")), f"{path} at {commit[:10]}")

    commits = git("log", "--format=%H", "--", path).split()
    problems = []
    if commits and (repo / path).exists():
        changed = lowered(at(commits[0]), load_floors(repo / path))
        if changed:
            problems += [
                f"uncommitted: {line} (commit it with a line '{LOWERED_MARK} <reason>')"
                for line in changed
            ]
    if len(commits) >= 2:
        changed = lowered(at(commits[1]), at(commits[0]))
        message = git("log", "-1", "--format=%B", commits[0])
        if changed and lowering_reason(message) is None:
            problems += [
                f"commit {commits[0][:10]}: {line} without a '{LOWERED_MARK} <reason>' line"
                for line in changed
            ]
    return problems
