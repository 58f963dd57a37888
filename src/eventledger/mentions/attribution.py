"""Attribution: who says a fact ("according to 7x7", "police said", "X told Y"), and
official refusals to confirm or denials ("neither the governor nor the ministry confirmed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.records import Span, Stance

_NAME = r"(?:[A-Z0-9][\w’'.&-]*(?:\s+(?:of|the|for|and|de|al|al-)?\s*[A-Z0-9][\w’'.&-]*){0,6})"
_NP = (
    r"(?:(?:the|a|an|its|their|local|state|Syrian|Russian|Iraqi|Israeli|US|U\.S\.|British|"
    r"Ukrainian|Afghan|Turkish|Iranian|French|German|Chinese|Indian)\s+)*"
    r"(?:[A-Za-z][\w’'.&-]*\s+){0,3}"
    r"(?:police|officials?|authorities|witnesses|residents|relatives|mothers|activists|"
    r"observatory|ministry|military|army|spokesm[ae]n|spokeswoman|spokesperson|sources?|"
    r"media|agency|outlet|newspaper|journalists?|reporters?|doctors|medics|hospital officials|"
    r"government|statement|report|organizers|organisers|governor|mayor|president|minister|"
    r"coalition|group|network|monitor|committee|council|office|TV|television|channel|"
    r"broadcaster|news agency|mothers?|fathers?|relatives?|witness|residents?|sons?|wife|"
    r"husband|families|family|survivors?|victims?|eyewitness(?:es)?|"
    r"(?:[A-Z0-9][\w’'&-]*(?:\.[A-Za-z]+)*\.?))"
)
_SAY = (
    r"(?:said|says|say|reported|reports|report|told|claimed|claims|stated|announced|"
    r"confirmed|found|alleged|alleges|wrote|added|noted|estimated|according)"
)
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b[Aa]ccording to (?P<src>{_NP}(?:\s+(?:of|in|for|from|at)\s+{_NP})?)"),
    re.compile(rf"(?P<src>\b{_NP}(?:\s*\([^)]*\))?)\s+(?:has |have |had )?(?:also )?{_SAY}\b"),
    re.compile(rf"\b(?:said|reported)\s+(?P<src>{_NP})\s*[.,]"),
)
_NOT_CONFIRMED = re.compile(
    r"\b(?:neither (?P<a>[^,;]+?) nor (?P<b>[^,;]+?) (?:even )?(?:publicly |officially )?"
    r"(?:confirmed|reported|acknowledged|commented)|"
    r"(?P<c>[A-Z][^,;]{2,60}?|the [^,;]{2,60}?) (?:has|have|had|did) not (?:yet )?"
    r"(?:officially |publicly )?"
    r"(?:confirmed|reported|acknowledged|commented on)|"
    r"(?P<d>[A-Z][^,;]{2,60}?) declined to (?:confirm|comment)|"
    r"could not (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm))"
)
_DENIED = re.compile(
    r"(?P<src>\b[A-Z][^,;]{2,60}?|\bthe (?:[a-z]+ )?(?:army|military|police|government|"
    r"ministry|authorities|officials|rebels|militants|group)) (?:has |have |had )?"
    r"(?:denied|denies|rejected)\b"
)
_ANAPHORA = re.compile(
    r"^(?:the )?(?:outlet|newspaper|agency|news agency|publication|website|paper|channel|"
    r"broadcaster|investigation|report)$",
    re.IGNORECASE,
)
# "the independent outlet 7x7", "the newspaper Novaya Gazeta", "7x7 reported"
_OUTLET_INTRO = re.compile(
    r"\b(?:outlet|newspaper|news agency|agency|website|publication|channel|broadcaster|"
    r"news site)\s+(?P<name>[A-Z0-9][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3})"
)
_LEADING = re.compile(r"^(?:and|but|as|that|while|then|also|so)\s+", re.IGNORECASE)
_NOT_SOURCES = frozenset(
    {
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "there",
        "which",
        "who",
        "the",
        "a",
        "an",
        "one",
        "some",
        "many",
        "most",
        "report",
        "reports",
        "the report",
    }
)
# A source never starts with one of these words ("No claims were reported", "By Monday").
_NOT_FIRST_WORDS = frozenset(
    """no another by in on at after before what when where while if as of for from with
    without during since until also but and or so then however meanwhile earlier later
    other others such both either neither each every all any""".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str
    stance: Stance
    span: Span  # the words that attribute ("according to the outlet")


def outlets_named(text: str) -> list[tuple[int, str]]:
    """Outlets introduced in the text ("the independent outlet 7x7"), with their positions."""
    return [(m.start(), _clean_name(m.group("name"))) for m in _OUTLET_INTRO.finditer(text)]


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Attributions inside ``text[start:end]`` (one sentence), in order of appearance."""
    found: list[Attribution] = []
    for m in _NOT_CONFIRMED.finditer(text, start, end):
        names = [m.group(g) for g in ("a", "b", "c", "d") if m.group(g)]
        source = "; ".join(_clean_name(n) for n in names) or "independent verification"
        found.append(Attribution(source, "unconfirmed", Span.of(text, m.start(), m.end())))
    for m in _DENIED.finditer(text, start, end):
        found.append(
            Attribution(_clean_name(m.group("src")), "denies", Span.of(text, m.start(), m.end()))
        )
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(a.span.start <= m.start("src") < a.span.end for a in found):
                continue
            source = _clean_name(m.group("src"))
            named = _OUTLET_INTRO.search(text, m.start("src"), min(end, m.end("src") + 40))
            if named and named.start() < m.end("src"):
                source = _clean_name(named.group("name"))
            if not source or source.lower() in _NOT_SOURCES:
                continue
            if source.split()[0].lower() in _NOT_FIRST_WORDS:
                continue
            found.append(Attribution(source, "asserts", Span.of(text, m.start(), m.end())))
    found.sort(key=lambda a: a.span.start)
    return found


def resolve_source(source: str, text: str, position: int, outlet: str | None) -> str:
    """Resolve "the outlet" to the outlet last named before ``position``."""
    if not _ANAPHORA.match(source):
        return source
    named = [name for pos, name in outlets_named(text) if pos < position]
    if named:
        return named[-1]
    return outlet or source


def _clean_name(name: str) -> str:
    name = _LEADING.sub("", name.strip(" ,.;:“”\"'’‘"))
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s+(?:even|also|has|have|had|publicly|officially)$", "", name)
    return re.sub(r"’s$|'s$", "", name).strip()
