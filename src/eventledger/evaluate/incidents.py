"""Linking reports into incidents, as a dataset of the evaluation: ``gold/fakes_dev.jsonl``.

(The linker's own scorer, :mod:`eventledger.evaluate.linking`, aligns gold and extracted
events by their evidence wording; this one aligns them by the rules every event score of
``eval`` uses, :mod:`matching`, so "matched" means the same here as in gold-fakes. The two
therefore differ a little end to end.)

22 FA-KES reports of the Syrian war; events in different reports with the same gold
``incident_key`` are one real-world incident (the Ghouta chemical attack is reported by 7).

Scoring: every report is extracted as in :mod:`articles`, and the linker of
``eventledger.link`` (see :func:`find_linker`) groups the predicted events into incidents, each
carrying ``members`` whose items name their event (``id`` or ``event_id``, as an attribute or
a key). Each gold event is aligned to a predicted event of its
own report (the matching of :mod:`matching`) and takes that event's incident; a gold event with
no predicted event, or whose event no incident holds, stands alone. The clustering of gold events
so obtained is compared with the gold one by pairwise and B-cubed precision/recall/F1, so a
missed event costs recall, as it would for a user.

Until a linker exists the dataset is reported as skipped. The set is small and its clusters
cross reports, so it is not split into parts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from eventledger.evaluate.articles import load_gold, load_texts
from eventledger.evaluate.matching import EventFields, align
from eventledger.evaluate.metrics import bcubed_prf, pairwise_prf
from eventledger.evaluate.results import DatasetScore, Metric, Row
from eventledger.records import Result

NAME = "fakes-linking"
TITLE = "Linking reports into incidents: FA-KES reports with gold incident keys"
NO_LINKER = "no linker yet"


def find_linker() -> Callable[[list[Result]], Iterable[Any]] | None:
    """A function from per-document Results to incidents, from ``eventledger.link``; None
    when there is no linker to call.

    Uses ``link.reports_of`` (one ``extract`` record -> its reports) and ``link.cluster``
    (reports -> (components, incidents)) when the module has them, else a
    ``link.link_events(results)`` that returns the incidents itself.
    """
    try:
        from eventledger import link  # type: ignore[attr-defined]
    except ImportError:
        return None
    reports_of, cluster = getattr(link, "reports_of", None), getattr(link, "cluster", None)
    if callable(reports_of) and callable(cluster):
        return partial(_cluster_results, reports_of, cluster)
    linker = getattr(link, "link_events", None)
    return linker if callable(linker) else None


def _cluster_results(reports_of: Callable, cluster: Callable, results: list[Result]) -> list[Any]:
    from eventledger.serialize import result_to_dict

    reports = [r for result in results for r in reports_of(result_to_dict(result))]
    _, incidents = cluster(reports)
    return list(incidents)


def member_ids(incident: Any) -> list[str]:
    """The event ids of an incident's members (objects or dicts, ``members`` or ``events``)."""
    members = _get(incident, "members")
    if members is None:
        members = _get(incident, "events") or ()
    ids = []
    for m in members:
        value = m if isinstance(m, str) else _get(m, "event_id") or _get(m, "id")
        if value is not None:
            ids.append(str(value))
    return ids


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def score_fakes_linking(data: Path, *, fast: bool = False) -> DatasetScore:
    """Pairwise and B-cubed P/R/F1 of the linker's incidents over the gold events."""
    linker = find_linker()
    if linker is None:
        return DatasetScore(NAME, TITLE, skipped=NO_LINKER)
    from eventledger.evaluate.documents import from_row, timed_extract
    from eventledger.gazetteer import Gazetteer
    from eventledger.mentions.homes import OutletHomes

    gold = load_gold(data / "gold" / "fakes_dev.jsonl")
    gaz = Gazetteer.open()
    homes = OutletHomes(gaz)  # one run over the texts, as ``eventledger extract`` makes
    results, seconds = [], 0.0
    for i, row in enumerate(load_texts(data, {g.doc_id for g in gold}), 1):
        result, took = timed_extract(from_row(row, "fakes.jsonl", i), gaz, homes)
        results.append(result)
        seconds += took
    start = time.perf_counter()
    try:
        incidents = list(linker(results))
    except (TypeError, AttributeError) as exc:
        return DatasetScore(NAME, TITLE, skipped=f"linker interface not recognised: {exc}")
    seconds += time.perf_counter() - start
    predicted_of = {
        eid: f"incident-{n}" for n, inc in enumerate(incidents) for eid in member_ids(inc)
    }
    gold_of, linked_of = clusterings(gold, results, predicted_of)
    pair, b3 = pairwise_prf(gold_of, linked_of), bcubed_prf(gold_of, linked_of)
    metrics = (
        Metric("pairwise_precision", pair.precision, len(gold_of)),
        Metric("pairwise_recall", pair.recall, len(gold_of)),
        Metric("pairwise_f1", pair.f1, len(gold_of)),
        Metric("bcubed_precision", b3.precision, len(gold_of)),
        Metric("bcubed_recall", b3.recall, len(gold_of)),
        Metric("bcubed_f1", b3.f1, len(gold_of)),
    )
    notes = (
        f"{len(gold_of)} gold events, {len(set(gold_of.values()))} gold incidents;"
        " time is extraction and linking of all reports.",
    )
    return DatasetScore(
        NAME, TITLE, (Row("all", "eventledger", metrics, len(results), seconds),), notes
    )


def clusterings(
    gold: Sequence[Any], results: Sequence[Any], incident_of: dict[str, str]
) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str]]:
    """(gold clustering, predicted clustering) of the gold events, keyed (doc id, index)."""
    from eventledger.serialize import event_to_dict

    predicted = {r.doc_id: r.events for r in results}
    gold_of: dict[tuple[str, int], str] = {}
    linked_of: dict[tuple[str, int], str] = {}
    for article in gold:
        events = predicted.get(article.doc_id, ())
        fields = [EventFields.from_output(event_to_dict(e)) for e in events]
        for gi, match in enumerate(align(article.events, fields)):
            key = (article.doc_id, gi)
            gold_of[key] = article.raw[gi].get("incident_key") or f"{article.doc_id}#{gi}"
            alone = f"alone:{article.doc_id}#{gi}"
            linked_of[key] = (
                incident_of.get(events[match].id, alone) if match is not None else alone
            )
    return gold_of, linked_of
