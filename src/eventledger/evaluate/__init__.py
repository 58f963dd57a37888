"""Scoring each stage against gold data: the library behind ``eventledger eval``.

One module per dataset family, each with one public scoring function that takes the shared
data folder and returns a :class:`~eventledger.evaluate.results.DatasetScore`:

    bodytext    page text vs hand-extracted bodies        scrapinghub-aeb
    snippets    page text by snippets; publication dates  trafilatura-eval
    articles    events in whole articles                  gold-en, gold-ru, gold-fakes, gold-all
    plover      event type of sentences (PLOVER -> ACLED)  plover-gsr
    wikievents  event type of sentences (KAIROS -> ACLED)  wikievents
    casualties  killed ranges in headlines vs UCDP         ucdp-ged
    toponyms    place recognition and resolution           geowebnews, lgl, tr-news, geovirus
    nerel       Russian place recognition                  nerel-places
    incidents   reports of one incident linked together    fakes-linking

``metrics`` holds the metric functions and the dev/test split, ``matching`` the event
alignment of ``shared/checks/el.py``, ``floors`` the quality gate; ``linking`` is the linker's
own scorer (pairwise and B-cubed, extraction apart from linking), used by its tests and
benchmarks. Every family module is imported only when its dataset is scored.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventledger.errors import UsageError
from eventledger.evaluate.results import DatasetScore

__all__ = ["DATASETS", "Dataset", "DatasetScore", "dataset_names", "evaluate"]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A dataset the evaluation knows: its name, and which function scores it."""

    name: str
    family: str
    scorer: str  # "module:function" inside this package
    options: tuple[tuple[str, Any], ...] = field(default=())

    def score(self, data: Path, fast: bool) -> DatasetScore:
        module, function = self.scorer.split(":")
        scorer: Callable[..., DatasetScore] = getattr(
            importlib.import_module(f"{__name__}.{module}"), function
        )
        return scorer(data, fast=fast, **dict(self.options))


DATASETS: tuple[Dataset, ...] = (
    Dataset("scrapinghub-aeb", "page text", "bodytext:score_aeb"),
    Dataset("trafilatura-eval", "page text", "snippets:score_trafilatura_eval"),
    Dataset("gold-en", "events", "articles:score_gold", (("gold", "en_dev.jsonl"),)),
    Dataset("gold-ru", "events", "articles:score_gold", (("gold", "ru_dev.jsonl"),)),
    Dataset("gold-fakes", "events", "articles:score_gold", (("gold", "fakes_dev.jsonl"),)),
    Dataset("gold-all", "events", "articles:score_gold", (("gold", "all"),)),
    Dataset("plover-gsr", "event typing", "plover:score_plover"),
    Dataset("wikievents", "event typing", "wikievents:score_wikievents"),
    Dataset("ucdp-ged", "casualties", "casualties:score_ucdp"),
    Dataset("geowebnews", "places", "toponyms:score_toponyms", (("corpus", "geowebnews"),)),
    Dataset("lgl", "places", "toponyms:score_toponyms", (("corpus", "lgl"),)),
    Dataset("tr-news", "places", "toponyms:score_toponyms", (("corpus", "tr-news"),)),
    Dataset("geovirus", "places", "toponyms:score_toponyms", (("corpus", "geovirus"),)),
    Dataset("nerel-places", "places", "nerel:score_nerel"),
    Dataset("fakes-linking", "linking", "incidents:score_fakes_linking"),
)


def dataset_names() -> tuple[str, ...]:
    return tuple(d.name for d in DATASETS)


def choose(names: Sequence[str] = ()) -> tuple[Dataset, ...]:
    """The datasets called ``names`` (all of them for none); UsageError for an unknown name."""
    if not names:
        return DATASETS
    known = {d.name: d for d in DATASETS}
    for name in names:
        if name not in known:
            raise UsageError(
                f"Unknown dataset '{name}'. Choose one of: {', '.join(dataset_names())}."
            )
    return tuple(known[n] for n in dict.fromkeys(names))


def evaluate(
    data: Path, names: Sequence[str] = (), *, fast: bool = False
) -> Iterator[DatasetScore]:
    """Score each chosen dataset in turn; one whose files are missing is skipped, saying which."""
    for dataset in choose(names):
        try:
            yield dataset.score(data, fast)
        except FileNotFoundError as exc:
            missing = exc.filename or str(exc)
            yield DatasetScore(
                dataset.name, dataset.family, skipped=f"no data: {missing} is missing"
            )
