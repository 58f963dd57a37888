"""Shared fixtures: ledgers on SQLite files and on a real PostgreSQL server.

PostgreSQL tests use the server named by ``EVENTLEDGER_TEST_PG`` (a SQLAlchemy URL), read from
the environment or, failing that, from ``.ci/env`` (which ``.ci/setup.d/10-postgres.sh``
writes). The tests start no server themselves: with none reachable they are skipped, saying
what to run. Each test gets a schema of its own in that database (through ``search_path``),
dropped afterwards, so tests never see each other's tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_VARIABLE = "EVENTLEDGER_TEST_PG"
PG_HOW = (
    f"start one with `sudo bash .ci/setup.d/10-postgres.sh` (Debian's postgresql on "
    f"127.0.0.1:55432), or set {PG_VARIABLE} to a SQLAlchemy URL such as "
    "postgresql+psycopg://user:password@127.0.0.1/db of a database the tests may fill"
)


def pg_base_url() -> str | None:
    """The test server's URL: the environment first, then the ``.ci/env`` file."""
    if os.environ.get(PG_VARIABLE):
        return os.environ[PG_VARIABLE]
    env_file = ROOT / ".ci" / "env"
    if env_file.is_file():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            if name.strip() == PG_VARIABLE and value.strip():
                return value.strip()
    return None


@cache
def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    url = pg_base_url()
    if url is None:
        return f"PostgreSQL tests skipped: {PG_VARIABLE} is not set; {PG_HOW}"
    try:
        import psycopg  # noqa: F401
        import sqlalchemy as sa
    except ImportError:
        return "PostgreSQL tests skipped: psycopg is missing; pip install -e '.[test]'"
    engine = sa.create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "skip, and say why"
        shown = sa.make_url(url).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return f"PostgreSQL tests skipped: cannot connect to {shown} ({reason}); {PG_HOW}"
    finally:
        engine.dispose()
    return None


def _admin_execute(sql: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(pg_base_url() or "")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def pg_schema_url(schema: str) -> str:
    """The test server's URL with ``search_path`` set to ``schema``."""
    import sqlalchemy as sa

    url = sa.make_url(pg_base_url() or "")
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to an empty PostgreSQL schema of this test's own; dropped afterwards."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    _admin_execute(f"CREATE SCHEMA {schema}")
    try:
        yield pg_schema_url(schema)
    finally:
        _admin_execute(f"DROP SCHEMA {schema} CASCADE")


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty ledger location: an SQLite file path, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")
