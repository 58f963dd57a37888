"""The quality gate: the fast evaluation meets every floor in quality/floors.json, and floors
only rise (a lowered floor needs a 'floor-lowered: <reason>' line in its commit message)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from eventledger.errors import InputError
from eventledger.evaluate import dataset_names, evaluate
from eventledger.evaluate.floors import (
    load_floors,
    lowered,
    lowering_reason,
    parse_floors,
    ratchet_problems,
    shortfalls,
)
from eventledger.evaluate.metrics import PARTS
from eventledger.evaluate.results import DatasetScore, Metric, Row
from eventledger.evaluate.shared import locate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "quality" / "floors.json"


def _shared() -> Path | None:
    try:
        return locate()
    except InputError:
        return None


@pytest.mark.shared
def test_fast_evaluation_meets_every_floor():
    data = _shared()
    if data is None:
        pytest.skip(
            "needs ../shared (the evaluation data, or $EVENTLEDGER_SHARED): quality gate not run"
        )
    scores = list(evaluate(data, fast=True))
    short = shortfalls(scores, load_floors(FLOORS))
    assert not short, "scores below their floors:\n" + "\n".join(short)


def test_floors_name_known_datasets_parts_and_numbers():
    floors = load_floors(FLOORS)
    assert floors, "quality/floors.json holds no floors"
    for dataset, metrics in floors.items():
        assert dataset in dataset_names()
        for key, value in metrics.items():
            part, _ = key.split("/")
            assert part in PARTS
            assert 0.0 <= value


def test_floors_only_rise():
    if shutil.which("git") is None:
        pytest.skip("git is not installed: floor history not checked")
    try:
        problems = ratchet_problems(ROOT)
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"not a git checkout ({exc.stderr.strip()[:80]}): floor history not checked")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- the gate's parts


def _score(name: str, part: str, **metrics: float | None) -> DatasetScore:
    row = Row(part, "eventledger", tuple(Metric(k, v, 1) for k, v in metrics.items()), 1, 1.0)
    return DatasetScore(name, name, (row,))


@pytest.mark.parametrize(
    ("scores", "floors", "problems"),
    [
        ([_score("a", "dev", f1=0.5)], {"a": {"dev/f1": 0.5}}, []),
        ([_score("a", "dev", f1=0.49)], {"a": {"dev/f1": 0.5}}, ["a dev/f1: 0.4900 < floor 0.500"]),
        (
            [_score("a", "dev", f1=None)],
            {"a": {"dev/f1": 0.5}},
            ["a dev/f1: not measured (floor 0.500)"],
        ),
        (
            [_score("a", "dev", f1=0.9)],
            {"a": {"test/f1": 0.5}},
            ["a test/f1: not measured (floor 0.500)"],
        ),
        ([], {"a": {"dev/f1": 0.5}}, ["a dev/f1: not measured (floor 0.500)"]),
        (
            [DatasetScore("a", "a", skipped="no data")],
            {"a": {"dev/f1": 0.5}},
            ["a dev/f1: no data (floor 0.500)"],
        ),
    ],
)
def test_shortfalls(scores, floors, problems):
    assert shortfalls(scores, floors) == problems


@pytest.mark.parametrize(
    ("before", "after", "changes"),
    [
        ({"a": {"dev/f1": 0.5}}, {"a": {"dev/f1": 0.6}}, []),
        ({"a": {"dev/f1": 0.5}}, {"a": {"dev/f1": 0.5, "test/f1": 0.1}}, []),
        (
            {"a": {"dev/f1": 0.5}},
            {"a": {"dev/f1": 0.4}},
            ["a dev/f1: floor lowered from 0.5 to 0.4"],
        ),
        ({"a": {"dev/f1": 0.5}}, {}, ["a dev/f1: floor 0.5 removed"]),
    ],
)
def test_lowered(before, after, changes):
    assert lowered(before, after) == changes


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("Raise floors", None),
        (
            "Coder: date rules\n\nfloor-lowered: gold-en test/f1, one article was re-annotated\n",
            "gold-en test/f1, one article was re-annotated",
        ),
        ("x\nFloor-lowered:   the set changed", "the set changed"),
        ("x\nfloor-lowered:", None),  # a reason must be written
        ("mentions floor-lowered: inline", None),  # only on a line of its own
    ],
)
def test_lowering_reason(message, reason):
    assert lowering_reason(message) == reason


@pytest.mark.parametrize(
    "raw", [[], {"a": 1}, {"a": {"f1": 0.5}}, {"a": {"dev/f1": "high"}}, {"a": {"dev/f1": True}}]
)
def test_malformed_floors_are_usage_errors(raw):
    from eventledger.errors import UsageError

    with pytest.raises(UsageError):
        parse_floors(raw)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_ratchet_in_a_scratch_repository(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            check=True,
            capture_output=True,
        )

    def commit(floors: str, message: str) -> None:
        (tmp_path / "quality").mkdir(exist_ok=True)
        (tmp_path / "quality" / "floors.json").write_text(floors)
        git("add", "quality/floors.json")
        git("commit", "-q", "-m", message)

    git("init", "-q")
    commit('{"a": {"dev/f1": 0.5}}', "first floors")
    assert ratchet_problems(tmp_path) == []
    commit('{"a": {"dev/f1": 0.6}}', "raise")
    assert ratchet_problems(tmp_path) == []
    (tmp_path / "quality" / "floors.json").write_text('{"a": {"dev/f1": 0.55}}')
    assert ratchet_problems(tmp_path) == [
        "uncommitted: a dev/f1: floor lowered from 0.6 to 0.55 (commit it with a line"
        " 'floor-lowered: <reason>')"
    ]
    commit('{"a": {"dev/f1": 0.55}}', "lower without saying why")
    (problem,) = ratchet_problems(tmp_path)
    assert "floor lowered from 0.6 to 0.55 without a 'floor-lowered: <reason>' line" in problem
    commit('{"a": {"dev/f1": 0.5}}', "Lower again\n\nfloor-lowered: the gold was corrected")
    assert ratchet_problems(tmp_path) == []
