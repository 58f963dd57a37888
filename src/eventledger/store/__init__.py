"""The ledger: documents, events and raw inputs in SQLite or PostgreSQL (SQLAlchemy Core).

    with Ledger.open("./eventledger.db") as ledger:
        ledger.add(result)                                  # False if already held
        rows = ledger.events(EventFilter(country="UA"))     # extract event dicts + document_id
        found = ledger.incidents(IncidentFilter(as_of="2023-06-01"))  # linked across documents

``schema`` holds the tables and migrations, ``rows`` the records <-> rows mapping,
``incidents`` the linking state and incident versions.
"""

from eventledger.store.incidents import IncidentFilter
from eventledger.store.ledger import DEFAULT_URL, EventFilter, Ledger

__all__ = ["DEFAULT_URL", "EventFilter", "IncidentFilter", "Ledger"]
