"""The ledger: documents, events and raw inputs in SQLite or PostgreSQL (SQLAlchemy Core).

    with Ledger.open("./eventledger.db") as ledger:
        ledger.add(result)                                  # False if already held
        rows = ledger.events(EventFilter(country="UA"))     # extract event dicts + document_id

``schema`` holds the tables and migrations, ``rows`` the records <-> rows mapping.
"""

from eventledger.store.ledger import DEFAULT_URL, EventFilter, Ledger

__all__ = ["DEFAULT_URL", "EventFilter", "Ledger"]
