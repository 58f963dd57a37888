"""Words of a Russian text with their lemmas and grammatical tags, as spans.

One :class:`Word` per token; a token's analyses are pymorphy3's parses, most likely first.
The analyzer is built once per process (about 60 ms) and is read-only afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pymorphy3

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    lemma: str  # the likeliest parse's normal form, lower case
    lemmas: frozenset[str]  # every parse's normal form
    tags: frozenset[str]  # grammemes of the likeliest parse ("VERB", "past", "Geox", ...)
    any_tags: frozenset[str]  # grammemes of any parse

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process's morphological analyzer (its dictionaries ship in the package)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]``, analysed; offsets index the full text."""
    end = len(text) if end is None else end
    return [_word(m.group(0), m.start()) for m in _TOKEN.finditer(text, start, end)]


def _word(token: str, start: int) -> Word:
    lemma, lemmas, tags, any_tags = _analyse(token)
    return Word(start, start + len(token), token, lemma, lemmas, tags, any_tags)


@lru_cache(maxsize=50_000)
def _analyse(token: str) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
    if not _CYRILLIC.search(token):
        low = token.lower()
        kind = "NUMB" if token.isdigit() else "LATN"
        return low, frozenset({low}), frozenset({kind}), frozenset({kind})
    parses = analyzer().parse(token.replace("ё", "е").replace("Ё", "Е"))
    best = parses[0]
    return (
        best.normal_form,
        frozenset(p.normal_form for p in parses),
        frozenset(best.tag.grammemes),
        frozenset(g for p in parses for g in p.tag.grammemes),
    )


@lru_cache(maxsize=20_000)
def nominative(word: str, gender: str | None = None) -> str | None:
    """``word`` put in the nominative singular (an adjective in ``gender``), lower case."""
    for parse in analyzer().parse(word):
        wanted = {"nomn", "sing"} | ({gender} if gender and "ADJF" in parse.tag else set())
        if "ADJF" in parse.tag or "NOUN" in parse.tag:
            form = parse.inflect(wanted)
            if form is not None:
                return form.word
    return None


@lru_cache(maxsize=2_000)
def gender(word: str) -> str | None:
    """The grammatical gender of a noun ("masc", "femn", "neut")."""
    for parse in analyzer().parse(word):
        if "NOUN" in parse.tag and parse.tag.gender:
            return str(parse.tag.gender)
    return None


def is_russian_text(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether most letters of ``text[start:end]`` are Cyrillic."""
    sample = text[start : end if end is not None else len(text)][:2000]
    letters = sum(1 for c in sample if c.isalpha())
    return letters > 0 and len(_CYRILLIC.findall(sample)) * 2 > letters
