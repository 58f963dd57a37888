"""Event typing of sentences: ``data/wikievents`` (WikiEvents dev, KAIROS ontology).

20 news documents with every KAIROS event annotated (trigger, arguments). Each sentence is
coded on its own by :mod:`labels` (no publication date is known). Its gold label comes from the
event mentions whose trigger lies in it, the first that applies of:

    Conflict.Attack.DetonateExplode                   Explosions/Remote violence
    Conflict.Attack.* (any other)                     Violence against civilians (Battles:
                                                      KAIROS does not say whether the target
                                                      was armed)
    Justice.ArrestJailDetain                          Strategic developments (ACLED: Arrests)
    Life.Die / Life.Injure with a Killer, Injurer     Violence against civilians (Battles,
      or Attacker argument                            Explosions/Remote violence)
    none of the kinds below                           none

Sentences that hold only a Life.Die / Life.Injure without a named agent, or another kind of
mention ACLED might code (Conflict.Demonstrate, damage and destruction, generic crime,
trials and other Justice events), are left out: their ACLED type cannot be read from the
annotation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventledger.evaluate.labels import Label, Typed, aggregate, code_sentence
from eventledger.evaluate.metrics import NONE_LABEL, part_of
from eventledger.evaluate.results import DatasetScore, Scored, rows_by_part

NAME = "wikievents"
TITLE = "Event type of single sentences: WikiEvents (KAIROS) mapped to ACLED"

EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
BATTLES = "Battles"
STRATEGIC = "Strategic developments"
AGENTS = frozenset({"Killer", "Injurer", "Attacker"})
# Mentions that may be ACLED events of a type the annotation does not fix.
UNCLEAR = ("Conflict.", "Life.", "Justice.", "ArtifactExistence.DamageDestroy", "GenericCrime.")


@dataclass(frozen=True, slots=True)
class Mention:
    event_type: str
    roles: frozenset[str]


@dataclass(frozen=True, slots=True)
class SentenceGold:
    key: str  # "<doc_id>#<sentence index>"
    doc_id: str
    text: str
    mentions: tuple[Mention, ...]


def label_of(mentions: Sequence[Mention]) -> Label | None:
    """The gold label of a sentence from its event mentions; None when it is not scored."""
    types = [m.event_type for m in mentions]
    if any(t.startswith("Conflict.Attack.DetonateExplode") for t in types):
        return Label(EXPLOSIONS)
    if any(t.startswith("Conflict.Attack.") for t in types):
        return Label(VIOLENCE, (BATTLES,))
    if any(t.startswith("Justice.ArrestJailDetain") for t in types):
        return Label(STRATEGIC)
    if any(
        m.event_type.startswith(("Life.Die", "Life.Injure")) and m.roles & AGENTS for m in mentions
    ):
        return Label(VIOLENCE, (BATTLES, EXPLOSIONS))
    if any(t.startswith(UNCLEAR) for t in types):
        return None
    return Label(NONE_LABEL)


def load_sentences(folder: Path) -> list[SentenceGold]:
    """Every sentence of the dev documents with the event mentions triggered in it."""
    out = []
    for line in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc["event_mentions"]:
            roles = frozenset(a["role"] for a in m.get("arguments", ()))
            by_sentence.setdefault(m["trigger"]["sent_idx"], []).append(
                Mention(m["event_type"], roles)
            )
        for i, (_, text) in enumerate(doc["sentences"]):
            out.append(
                SentenceGold(
                    f"{doc['doc_id']}#{i}", doc["doc_id"], text, tuple(by_sentence.get(i, ()))
                )
            )
    return out


def score_wikievents(data: Path, *, fast: bool = False) -> DatasetScore:
    """Accuracy and macro-F1 of the coder's event type per sentence, split by document."""
    from eventledger.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    items: list[Scored] = []
    left_out = 0
    for sentence in load_sentences(data / "data" / NAME):
        label = label_of(sentence.mentions)
        if label is None or not sentence.text.strip():
            left_out += 1
            continue
        predicted, seconds = code_sentence(sentence.text, None, gaz)
        items.append(
            Scored(sentence.key, part_of(sentence.doc_id), seconds, Typed(label, predicted))
        )
    events = sum(1 for i in items if i.detail.gold.primary != NONE_LABEL)
    notes = (
        f"{len(items)} sentences scored ({events} with an ACLED type, the rest 'none');"
        f" {left_out} left out (an event whose ACLED type the annotation does not fix).",
        "Parts are split by document, so no document's sentences are on both sides.",
    )
    return DatasetScore(NAME, TITLE, rows_by_part(items, aggregate), notes)
