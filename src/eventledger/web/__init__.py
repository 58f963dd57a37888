"""The web app: a map, a timeline and filters over the ledger, pages that show each event
beside its source text, and a JSON API behind them (FastAPI).

    from eventledger.web import WebSettings, create_app
    app = create_app(WebSettings(db="eventledger.db"))      # then serve it with uvicorn

Modules: ``settings`` (what the operator sets), ``app`` (the application, its middleware and
error handling), ``api`` (``/api/...``), ``pages`` (HTML pages), ``params`` (query parameters
-> an :class:`~eventledger.store.EventFilter`), ``errors`` (the one error shape),
``security`` (headers, the write token, body limits), ``highlight`` (spans -> marked text),
``mentions`` (what the finders see in a document), ``reports`` (adding reports),
``assets`` (the built front-end files). Article text is hostile: templates autoescape,
pages carry no inline script, and the Content-Security-Policy forbids it.
"""

from eventledger.web.app import create_app
from eventledger.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
