"""``eventledger serve`` as a user runs it, and the demo's path to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from eventledger.cli import main
from web_support import build_ledger


def test_serve_help_names_every_option():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in (
        "--db",
        "--host",
        "--port",
        "--write-token",
        "--allow-private-fetch",
        "--tile-url",
    ):
        assert option in result.output


def test_serve_refuses_a_bad_ledger_or_tile_url_with_one_line(tmp_path: Path):
    (tmp_path / "not.db").write_text("hello")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "not.db")])
    assert result.exit_code == 1 and "not an SQLite database" in result.stderr
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "new.db"), "--tile-url", "nope"]
    )
    assert result.exit_code == 1 and "Bad tile URL" in result.stderr


def test_demo_with_no_serve_returns(tmp_path: Path):
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "d.db"), "--no-serve"])
    assert result.exit_code == 0 and "serving " not in result.stderr


def test_serve_answers_on_the_port_it_was_given(tmp_path: Path):
    db = build_ledger(tmp_path / "ledger.db", extracted=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "EVENTLEDGER_WRITE_TOKEN": "from-the-environment"}
    command = [
        sys.executable,
        "-c",
        "from eventledger.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        meta = None
        deadline = time.monotonic() + 30
        while meta is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=2) as r:
                    meta = json.load(r)
            except OSError:
                time.sleep(0.2)
        assert meta is not None, "the server never answered"
        assert meta["writable"] is True  # the token came from EVENTLEDGER_WRITE_TOKEN
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert f"serving {db} at http://127.0.0.1:{port}/ (read-write" in stderr


def test_readme_serve_commands_use_real_options():
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    lines = [line for line in readme.splitlines() if "eventledger serve" in line]
    assert lines
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    for line in lines:
        for option in re.findall(r"(--[a-z][a-z-]+)", line):
            assert option in help_text, option
