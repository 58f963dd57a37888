"""The ``serve`` verb: the web app (map, timeline, event pages, JSON API) over a ledger."""

from __future__ import annotations

import sys

import click

from eventledger.cli import err as _err
from eventledger.cli import main

DEFAULT_DB = "eventledger.db"
MISSING = (
    "the web app needs FastAPI, uvicorn and Jinja2, which are not installed: "
    "pip install 'eventledger[web]'"
)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--write-token",
    envvar="EVENTLEDGER_WRITE_TOKEN",
    help="Secret that adding reports needs (or set EVENTLEDGER_WRITE_TOKEN); "
    "without it the server is read-only.",
)
@click.option(
    "--allow-private-fetch",
    is_flag=True,
    help="Let 'add a URL' fetch private, loopback and link-local addresses.",
)
@click.option(
    "--tile-url",
    help="XYZ tile server drawn under the offline basemap, "
    "e.g. https://tile.example.org/{z}/{x}/{y}.png",
)
@click.option("--tile-attribution", help="Attribution text the tile server asks for.")
def serve(db, host, port, write_token, allow_private_fetch, tile_url, tile_attribution) -> None:
    """Serve the web app: a map and timeline of events, each beside its source, and a JSON API."""
    run_server(
        db,
        host,
        port,
        write_token=write_token,
        allow_private_fetch=allow_private_fetch,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
    )


def run_server(db: str, host: str, port: int, **options: object) -> None:
    """Start the web app and serve until interrupted; exit 1 with a message when it cannot."""
    try:
        import uvicorn

        from eventledger.web import WebSettings, create_app
    except ImportError:
        _err(MISSING)
        sys.exit(1)
    from eventledger.errors import EventledgerError

    try:
        settings = WebSettings(db=db, **options)  # type: ignore[arg-type]
        app = create_app(settings)
    except EventledgerError as exc:
        _err(str(exc))
        sys.exit(1)
    mode = "read-write (token set)" if settings.write_token else "read-only"
    _err(f"serving {db} at http://{host}:{port}/ ({mode}); Ctrl+C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")
