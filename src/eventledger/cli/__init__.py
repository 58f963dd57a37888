"""The ``eventledger`` command: thin verbs over the library.

Data goes to stdout (JSON Lines, CSV, tables); progress bars, summaries and errors go to
stderr, so pipes work. Exit status: 0 when every input could be read, 1 when an input could
not be opened (or the ledger could not be used), 2 for usage errors.

Each module of this package adds its verbs to :func:`main`; heavy imports happen inside the
verbs, so ``--help`` stays instant.
"""

from __future__ import annotations

import importlib

import click

# Modules that add verbs to `main`, in the order their verbs are listed.
VERB_MODULES = ("ledger", "incidents", "evaluate", "web", "batch")


def err(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    click.echo(f"eventledger: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventledger")
def main() -> None:
    """Turn news reports into a verifiable ledger of political-violence and protest events."""


for _name in VERB_MODULES:
    importlib.import_module(f"{__name__}.{_name}")
