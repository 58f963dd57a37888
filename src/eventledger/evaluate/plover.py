"""Event typing of sentences: ``data/plover-gsr`` (PLOVER gold-standard records).

322 example sentences of the CAMEO manual, each coded with one PLOVER event category (and
often a mode). Every record whose category maps to ACLED is scored, one sentence at a time,
by :mod:`labels` (published: the record's ``date``, 2000-01-01 for all).

How PLOVER maps to ACLED event types (the table :data:`MAPPING` holds):

    PLOVER category (mode)                  ACLED event type (also right)
    PROTEST (demonstrations, strikes,       Protests
      obstruction)
    PROTEST (riot, riot-spon)               Riots
    ASSAULT (explosives, suicide-attack)    Explosions/Remote violence
    ASSAULT (any other mode)                Violence against civilians
    FIGHT (heavy-weapons, explosives)       Explosions/Remote violence (Battles)
    FIGHT (any other mode)                  Battles (Explosions/Remote violence)
    COERCE (arrest)                         Strategic developments
    COERCE (detain)                         Strategic developments (Violence against civilians)
    COERCE (destroy)                        Strategic developments (Explosions/Remote violence)
    COERCE (firearms)                       Violence against civilians (Protests)
    AGREE CONSULT SUPPORT CONCEDE DEMAND    none: ACLED codes no event for statements,
    DISAPPROVE REJECT THREATEN SANCTION     threats, aid, sanctions or talks
    AID COOPERATE INVESTIGATE
    not scored: COERCE (ban, censor, curfew, martial-law, deport, restrict, confiscate),
    MOBILIZE, RETREAT: ACLED codes some of these as "Strategic developments" at its
    discretion, so no fixed mapping is honest.

Caveats: the mapping is by category and mode, not by reading each sentence, so a few records
disagree with how ACLED would code the sentence (the one PROTEST "riot" record is police
dispersing a protest); and a "none" sentence that mentions a past attack in passing ("in
retaliation for an air raid ...") is a false positive for a coder that finds it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventledger.evaluate.labels import Label, Typed, aggregate, code_sentence
from eventledger.evaluate.metrics import NONE_LABEL, part_of
from eventledger.evaluate.results import DatasetScore, Scored, rows_by_part

NAME = "plover-gsr"
TITLE = "Event type of single sentences: PLOVER gold-standard records mapped to ACLED"

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# (category, mode) -> label; (category, None) is the category's default for other modes.
MAPPING: dict[tuple[str, str | None], Label | None] = {
    ("PROTEST", None): Label(PROTESTS),
    ("PROTEST", "riot"): Label(RIOTS),
    ("PROTEST", "riot-spon"): Label(RIOTS),
    ("ASSAULT", None): Label(VIOLENCE),
    ("ASSAULT", "explosives"): Label(EXPLOSIONS),
    ("ASSAULT", "suicide-attack"): Label(EXPLOSIONS),
    ("FIGHT", None): Label(BATTLES, (EXPLOSIONS,)),
    ("FIGHT", "heavy-weapons"): Label(EXPLOSIONS, (BATTLES,)),
    ("FIGHT", "explosives"): Label(EXPLOSIONS, (BATTLES,)),
    ("COERCE", None): None,
    ("COERCE", "arrest"): Label(STRATEGIC),
    ("COERCE", "detain"): Label(STRATEGIC, (VIOLENCE,)),
    ("COERCE", "destroy"): Label(STRATEGIC, (EXPLOSIONS,)),
    ("COERCE", "firearms"): Label(VIOLENCE, (PROTESTS,)),
    ("MOBILIZE", None): None,
    ("RETREAT", None): None,
    **{
        (category, None): Label(NONE_LABEL)
        for category in (
            "AGREE",
            "CONSULT",
            "SUPPORT",
            "CONCEDE",
            "DEMAND",
            "DISAPPROVE",
            "REJECT",
            "THREATEN",
            "SANCTION",
            "AID",
            "COOPERATE",
            "INVESTIGATE",
        )
    },
}


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    category: str
    mode: str | None
    published: date | None


def label_of(category: str, mode: str | None) -> Label | None:
    """The gold label of a PLOVER category and mode; None when it is not scored."""
    if (category, mode or None) in MAPPING:
        return MAPPING[(category, mode or None)]
    return MAPPING.get((category, None))


def load_records(folder: Path) -> list[Record]:
    """Every record with a sentence (the DOCUMENT record has none)."""
    raw = json.loads(
        (folder / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8")
    )
    records = []
    for r in raw:
        if not r.get("text"):
            continue
        try:
            published = date.fromisoformat(r.get("date") or "")
        except ValueError:
            published = None
        records.append(Record(r["id"], r["text"], r["event"], r.get("mode") or None, published))
    return records


def score_plover(data: Path, *, fast: bool = False) -> DatasetScore:
    """Accuracy and macro-F1 of the coder's event type per sentence (fast: the same run)."""
    from eventledger.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    items: list[Scored] = []
    skipped = 0
    for record in load_records(data / "data" / NAME):
        label = label_of(record.category, record.mode)
        if label is None:
            skipped += 1
            continue
        predicted, seconds = code_sentence(record.text, record.published, gaz)
        items.append(Scored(record.id, part_of(record.id), seconds, Typed(label, predicted)))
    notes = (
        f"{len(items)} sentences scored ({_count_events(items)} with an ACLED type, the rest"
        f" 'none'); {skipped} records without a fixed ACLED mapping left out.",
        "Time is the coder alone on one sentence.",
    )
    return DatasetScore(NAME, TITLE, rows_by_part(items, aggregate), notes)


def _count_events(items: Sequence[Scored]) -> int:
    return sum(1 for i in items if i.detail.gold.primary != NONE_LABEL)
