"""`eventledger eval` as a user runs it, on the miniature shared folder of tests/fixtures."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from evaluate_support import build_mini_shared
from eventledger.cli import main


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    return build_mini_shared(tmp_path_factory.mktemp("cli"))


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["eval", *args], env=env, catch_exceptions=False)


def test_help_names_the_options_and_every_dataset():
    from eventledger.evaluate import dataset_names

    result = run("--help")
    assert result.exit_code == 0
    for word in ("--data", "--dataset", "--fast", "--json", "--floors", *dataset_names()):
        assert word in result.output


def test_eval_is_listed_among_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert "eval" in result.output.split("Commands:")[1]


def test_unknown_dataset_is_a_one_line_usage_error(shared):
    result = run("--data", str(shared), "--dataset", "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "eventledger: Unknown dataset 'nope'. Choose one of: scrapinghub-aeb, trafilatura-eval,"
        " gold-en, gold-ru, gold-fakes, gold-all, plover-gsr, wikievents, ucdp-ged, geowebnews,"
        " lgl, tr-news, geovirus, nerel-places, fakes-linking."
    ]


def test_missing_data_is_a_one_line_error(tmp_path):
    result = run("--data", str(tmp_path / "nowhere"), "--dataset", "ucdp-ged")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "no evaluation data" in line and "--data DIR" in line and "EVENTLEDGER_SHARED" in line


def test_json_output(shared):
    result = run(
        "--data", str(shared), "--dataset", "ucdp-ged", "--dataset", "plover-gsr", "--json", "-q"
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["fast"] is False and doc["data"] == str(shared.resolve())
    assert [d["name"] for d in doc["datasets"]] == ["ucdp-ged", "plover-gsr"]
    rows = {r["part"]: r for r in doc["datasets"][0]["rows"]}
    assert set(rows) == {"dev", "test", "all"}
    assert rows["all"]["metrics"]["found"] == pytest.approx(0.8)
    assert rows["all"]["support"]["found"] == 5
    assert rows["all"]["documents"] == 5 and rows["all"]["docs_per_second"] > 0


def test_table_output_and_progress(shared):
    result = run("--data", str(shared), "--dataset", "geowebnews")
    assert result.exit_code == 0
    for word in ("geowebnews", "acc_161", "median_km", "docs/s", "dev", "test"):
        assert word in result.stdout
    assert "geowebnews: scored" in result.stderr


def test_data_folder_from_the_environment(shared):
    result = run("--dataset", "ucdp-ged", "--json", "-q", env={"EVENTLEDGER_SHARED": str(shared)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["data"] == str(shared.resolve())


def test_skipped_linking_says_why(shared, monkeypatch):
    from eventledger.evaluate import incidents

    monkeypatch.setattr(incidents, "find_linker", lambda: None)
    result = run("--data", str(shared), "--dataset", "fakes-linking", "-q")
    assert result.exit_code == 0
    assert "fakes-linking: skipped: no linker yet" in result.stdout


def test_floors_fail_the_run_when_a_score_is_below(shared, tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"ucdp-ged": {"all/found": 0.9, "all/contains_best": 0.5}}))
    result = run(
        "--data", str(shared), "--dataset", "ucdp-ged", "--json", "-q", "--floors", str(floors)
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "eventledger: below floor: ucdp-ged all/found: 0.8000 < floor 0.900"
    ]
    floors.write_text(json.dumps({"ucdp-ged": {"all/found": 0.8}}))
    assert (
        run("--data", str(shared), "--dataset", "ucdp-ged", "-q", "--floors", str(floors)).exit_code
        == 0
    )


def test_a_malformed_floors_file_is_a_usage_error(shared, tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text("{not json")
    result = run("--data", str(shared), "--floors", str(floors))
    assert result.exit_code == 2
    assert "is not JSON" in result.stderr


def test_readme_reports_every_dataset():
    from pathlib import Path

    from eventledger.evaluate import dataset_names

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quality and speed", 1)[1]
    for name in dataset_names():
        assert name in section
    assert "quality/floors.json" in section and "floor-lowered:" in section
