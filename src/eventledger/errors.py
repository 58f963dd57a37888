"""Exceptions raised by eventledger.

The tree::

    EventledgerError            base of everything raised on purpose
    ├── InputError              an input cannot be opened or read (missing file, bad URL)
    │   └── FetchError          an http(s) URL could not be fetched (refused, too big, timeout)
    ├── UsageError              arguments that make no sense (unknown format, bad date)
    └── StoreError              the ledger cannot be opened or written

Library code raises these; the CLI and the HTTP layer turn them into one-line messages.
Problems with one document's content are not exceptions: they are ``Problem`` records on
that document.
"""


class EventledgerError(Exception):
    """Base class of every error eventledger raises on purpose."""


class InputError(EventledgerError):
    """An input (file, directory, URL, stream) cannot be opened or read."""


class FetchError(InputError):
    """An http(s) URL could not be fetched."""


class UsageError(EventledgerError):
    """Arguments that make no sense."""


class StoreError(EventledgerError):
    """The ledger database cannot be opened or written."""
