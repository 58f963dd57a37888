"""HTML or scraped text -> Article: the body without page furniture, captions apart.

``clean(doc, doc_id)`` is a pure function that never raises on bad content. What it cannot
use becomes a ``Problem(stage="clean", code, message)`` on the article; when nothing usable
is left the article's text is "". The codes:

    empty       neither text nor HTML, or only whitespace
    binary      the text is mostly control characters (a binary file read as text)
    too-large   HTML over MAX_HTML_CHARS characters or MAX_HTML_ELEMENTS elements, or
                text over MAX_TEXT_CHARS characters
    html-error  the HTML could not be parsed or extracted (broken or hostile markup, or
                nesting deeper than the parser follows)
    no-body     nothing left that reads as article text
    bad-date    ``doc.published`` is not an ISO 8601 date or date-time

Where the body comes from:

- ``doc.text`` (already scraped, furniture and all) goes through the line rules below; the
  HTML, when there is some too, only supplies metadata and known caption strings.
- ``doc.html`` alone goes through trafilatura (comments off, precision first), whose
  output gets the same furniture and caption rules minus the positional ones.

The line rules for scraped text, in order:

1. furniture: lines matching general patterns (skip links, share bars, "Read more",
   "Advertisement", cookie and subscription notices, bylines, bare dates, credits) are
   dropped; so are short lines without sentence punctuation that occur more than once
   (teasers, menus); ``Source: X`` is dropped and, above the article, names the outlet;
2. a paragraph is a line that ends with sentence punctuation or is long; other lines are
   short, unless a paragraph ending in ":" introduces them (quoted posts, banners, lists);
3. the body is the run of lines where paragraph words most outweigh short and dropped
   lines (a maximum-sum window), so a whole page's menus and link lists fall outside it;
4. the short lines just before the body hold the title (the first of them when no title
   is known) and lead captions; short lines inside the body are captions (a caption and
   its credit on consecutive lines make one caption; a "—Name" line under a quotation
   stays in the body); whatever follows the body, such as related-story teasers, goes.

Paragraphs are kept exactly as written (a hard-wrapped paragraph is joined into one line)
and joined with a blank line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement
from tld import get_fld
from trafilatura.settings import Document as PageRecord

from eventledger.language import detect_language
from eventledger.records import Article, Document, Problem

STAGE = "clean"
MAX_HTML_CHARS = 8_000_000
MAX_TEXT_CHARS = 8_000_000
MAX_HTML_ELEMENTS = 150_000
MAX_DEPTH = 250
RETRY_BELOW_CHARS = 1000  # a shorter precision-mode body is retried in balanced mode
MAX_BINARY_SHARE = 0.1  # of the characters in a text, control characters allowed

SHORT_MAX_WORDS = 24  # a line this short without final punctuation is not a paragraph
SHORT_MAX_CHARS = 180
FURNITURE_MAX_WORDS = 12
NOTICE_MAX_WORDS = 60
CAPTION_MAX_CHARS = 400
DUPLICATE_MIN_WORDS = 20  # repeated paragraphs this long are kept once
# The body is the run of lines with the greatest weight: a paragraph weighs this much plus
# its word count, a short line or a dropped (furniture) line weighs against it this much.
PARAGRAPH_WEIGHT = 10
SHORT_LINE_COST = 6
DROPPED_LINE_COST = 6

# ------------------------------------------------------------------ records


@dataclass(frozen=True, slots=True)
class _Page:
    """What trafilatura found on a page."""

    text: str  # main text, one paragraph a line ("" when only metadata was asked for)
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None
    captions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Body:
    """The body of a text with what its lines said about the page."""

    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    block: int  # index of the blank-line-separated block the line stands in
    short: bool  # no final sentence punctuation and short: not a paragraph on its own
    dropped: bool = False  # furniture or a repeat: not output, but it weighs against the body


# ------------------------------------------------------------------ public


def clean(doc: Document, doc_id: str) -> Article:
    """The clean article of ``doc``: body text, captions, title, date, outlet, language."""
    problems: list[Problem] = []
    page = _read_page(doc, problems) if doc.html else None
    body = _body(doc, page, problems)
    text = "\n\n".join(body.paragraphs)
    if not text and not problems:
        problems.append(_problem("no-body", "nothing in the input reads as article text"))
    return Article(
        doc_id=doc_id,
        text=text,
        title=doc.title or (page.title if page else None) or body.title,
        published=_published(doc, page, problems),
        language=doc.language or (detect_language(text) if text else None),
        url=doc.url or (page.url if page else None),
        outlet=doc.outlet or body.source or _outlet_of_page(page, doc.url),
        captions=body.captions,
        problems=tuple(problems),
    )


def _problem(code: str, message: str) -> Problem:
    return Problem(stage=STAGE, code=code, message=message)


def _body(doc: Document, page: _Page | None, problems: list[Problem]) -> _Body:
    if doc.text is not None:
        if len(doc.text) > MAX_TEXT_CHARS:
            message = f"text of {len(doc.text)} characters; the limit is {MAX_TEXT_CHARS}"
            problems.append(_problem("too-large", message))
            return _Body(())
        if _is_binary(doc.text):
            problems.append(_problem("binary", "the text is mostly control characters"))
            return _Body(())
        if not doc.text.strip():
            problems.append(_problem("empty", "the text is empty or only whitespace"))
            return _Body(())
        known_title = doc.title or (page.title if page else None)
        known_captions = page.captions if page else ()
        return _clean_text(doc.text, known_title, known_captions)
    if page is not None:
        return _clean_extracted(page)
    if not problems:
        problems.append(_problem("empty", "the document has neither text nor HTML"))
    return _Body(())


def _is_binary(text: str) -> bool:
    sample = text[:10_000]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t") or ch == "\ufffd")
    return controls > MAX_BINARY_SHARE * max(len(sample), 1)


# ------------------------------------------------------------------ pages


def _read_page(doc: Document, problems: list[Problem]) -> _Page | None:
    """Parse ``doc.html`` once; extract the main text unless ``doc.text`` is the body."""
    html = doc.html or ""
    if not html.strip():
        problems.append(_problem("empty", "the HTML is empty or only whitespace"))
        return None
    if len(html) > MAX_HTML_CHARS:
        problems.append(
            _problem("too-large", f"HTML of {len(html)} characters; the limit is {MAX_HTML_CHARS}")
        )
        return None
    # trafilatura and lxml fail in many ways on hostile markup (RecursionError, ValueError,
    # lxml's own errors, and assorted TypeErrors deep inside); one page must not stop a run.
    try:
        return _extract_page(html, doc.url, doc.text is None, problems)
    except Exception as err:  # noqa: BLE001 -- see above
        problems.append(_problem("html-error", f"{type(err).__name__}: {err}"[:300]))
        return None


def _extract_page(
    html: str, url: str | None, want_text: bool, problems: list[Problem]
) -> _Page | None:
    tree = trafilatura.load_html(html)
    if tree is None:
        problems.append(_problem("html-error", "the HTML could not be parsed"))
        return None
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_HTML_ELEMENTS:
        problems.append(
            _problem("too-large", f"HTML of {elements} elements; the limit is {MAX_HTML_ELEMENTS}")
        )
        return None
    captions = _html_captions(tree)
    if not want_text:
        metadata = trafilatura.extract_metadata(tree, default_url=url)
        return _Page("", *_page_metadata(metadata, tree), captions)
    found = _extract(tree, url, precise=True)
    text = _main_text(tree, url, (found.text or "") if found else "")
    if not text and _too_deep(tree):
        message = f"elements nested over {MAX_DEPTH} deep; the parser stops there"
        problems.append(_problem("html-error", message))
    return _Page(text, *_page_metadata(found, tree), captions)


def _extract(tree: HtmlElement, url: str | None, *, precise: bool) -> PageRecord | None:
    """trafilatura's main text without comments; with the metadata in precision mode."""
    found = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, favor_precision=precise, with_metadata=precise
    )
    return found if isinstance(found, PageRecord) else None


def _main_text(tree: HtmlElement, url: str | None, precise: str) -> str:
    """The precision-mode text, or the balanced-mode one where precision kept too little
    (it can miss a body split into parts: +0.5 points of token F1 on the benchmark)."""
    if len(precise) >= RETRY_BELOW_CHARS:
        return precise
    again = _extract(tree, url, precise=False)
    balanced = (again.text or "") if again else ""
    return balanced if len(precise) * 2 < len(balanced) else precise


def _page_metadata(
    found: PageRecord | None, tree: HtmlElement
) -> tuple[str | None, str | None, str | None, str | None]:
    """Title, date, site name and URL of a page, as trafilatura read them."""
    if found is None:
        return None, None, None, None
    title = _page_title(found.title, found.sitename, tree)
    return title, found.date, found.sitename, found.url


def _too_deep(tree: HtmlElement) -> bool:
    """Whether some element stands MAX_DEPTH deep (libxml2 drops what lies below 256)."""
    for el in tree.iter():
        if len(el) == 0 and sum(1 for _ in el.iterancestors()) >= MAX_DEPTH:
            return True
    return False


_CAPTION_XPATH = (
    "//figcaption | //*[@itemprop='caption']"
    " | //*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]"
)
# "caption", "wp-caption-text", "article__media-caption", "image__caption"; not
# "no-caption", "caption-s5-fx" (a type style), "closed-captioning"
_CAPTION_CLASS = re.compile(r"^(?:[a-z0-9]*[-_])*caption(?:[-_]+(?:text|content|body))?$")
_NOT_CAPTION_PREFIX = re.compile(r"^(?:no|without|ad)(?:[-_]|caption)")
_NOT_CAPTION_TAGS = frozenset(
    "html body header footer nav main article section aside figure a li img".split()
)


def _html_captions(tree: HtmlElement) -> tuple[str, ...]:
    """Text of figcaptions and caption-classed elements, innermost ones only, in order."""
    found = [el for el in tree.xpath(_CAPTION_XPATH) if _is_caption_element(el)]
    inner = set(found)
    captions: list[str] = []
    for el in found:
        if any(other in inner for other in el.iterdescendants()):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if 3 <= len(text) <= CAPTION_MAX_CHARS and text not in captions:
            captions.append(text)
    return tuple(captions)


def _is_caption_element(el: HtmlElement) -> bool:
    if el.tag == "figcaption" or el.get("itemprop") == "caption":
        return True
    if el.tag in _NOT_CAPTION_TAGS:
        return False
    tokens = (el.get("class") or "").lower().split()
    return any(_CAPTION_CLASS.match(t) and not _NOT_CAPTION_PREFIX.match(t) for t in tokens)


_TITLE_SEPARATOR = re.compile(r"\s+[|»«–—:·•-]{1,2}\s+")


def _page_title(title: str | None, sitename: str | None, tree: HtmlElement) -> str | None:
    """The page's title, or the headline half of its <title> when the title is the site's."""
    if title and not (sitename and _same_site(title, sitename)):
        return title
    raw = " ".join(tree.findtext(".//title", default="").split())
    parts = [p for p in _TITLE_SEPARATOR.split(raw) if p and not _same_site(p, sitename or "")]
    if title:
        parts = [p for p in parts if not _same_site(p, title)]
    return max(parts, key=len) if parts else title


def _same_site(a: str, b: str) -> bool:
    x, y = _site_key(a), _site_key(b)
    return bool(x) and x == y


def _site_key(name: str) -> str:
    """'Global Voices Online' and 'globalvoicesonline.org' give the same key."""
    name = name.strip().casefold()
    if "." in name and " " not in name:
        name = name.removeprefix("www.").rsplit(".", 1)[0]
    return "".join(ch for ch in name if ch.isalnum())


def _clean_extracted(page: _Page) -> _Body:
    """trafilatura's text less furniture lines and captions.

    The positional rules for scraped text are not applied: trafilatura has already cut the
    page down to the article, where short lines are subheads and list items, and repeats
    are real (both cost body words on the benchmark pages).
    """
    captions = {_fold(c) for c in page.captions}
    lines = (line.strip() for line in page.text.splitlines())
    kept = [
        line for line in lines if line and not _is_furniture(line) and _fold(line) not in captions
    ]
    return _Body(tuple(kept), captions=page.captions)


# ------------------------------------------------------------------ scraped text


def _clean_text(
    text: str, known_title: str | None = None, known_captions: Sequence[str] = ()
) -> _Body:
    """Split scraped ``text`` into body paragraphs, captions, title line and source line."""
    lines = list(_lines(text))
    repeated = _repeated_short(line.text for line in lines)
    caption_keys = {_fold(c) for c in known_captions}
    source = None
    captions: list[str] = []
    kept: list[_Line] = []
    above_body = True
    for line in lines:
        if (named := _source_of(line.text)) is not None:
            if above_body:  # further down, "Source:" credits a chart or a quotation
                source = source or named
        elif (caption := _labelled_caption(line.text)) is not None:
            captions.append(caption)
        elif _fold(line.text) in caption_keys:
            captions.append(line.text)
        elif _is_furniture(line.text) or _fold(line.text) in repeated:
            kept.append(replace(line, dropped=True))
        else:
            kept.append(line)
            above_body = above_body and line.short
    body = _place_lines(_mark_quoted(kept), known_title)
    return _Body(
        paragraphs=tuple(_drop_duplicates(body.paragraphs)),
        captions=tuple(dict.fromkeys([*captions, *body.captions])),
        title=body.title,
        source=source,
    )


def _lines(text: str) -> Iterable[_Line]:
    """Non-blank lines, stripped, with their block index; hard-wrapped blocks unwrapped."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for index, block in enumerate(blocks):
        rows = [row.strip() for row in block.split("\n") if row.strip()]
        if _is_hard_wrapped(rows):
            rows = [" ".join(rows)]
        for row in rows:
            yield _Line(row, index, _is_short(row))


def _is_hard_wrapped(rows: Sequence[str]) -> bool:
    """Three or more lines of like width, most ending mid-sentence: one wrapped paragraph."""
    if len(rows) < 3:
        return False
    widths = [len(row) for row in rows[:-1]]
    open_ended = sum(1 for row in rows[:-1] if not _ends_sentence(row))
    alike = min(widths) >= 40 and max(widths) <= 100 and max(widths) - min(widths) <= 30
    return alike and open_ended * 2 >= len(widths)


def _mark_quoted(lines: Sequence[_Line]) -> list[_Line]:
    """Short lines that a paragraph ending in ":" introduces (posts, banners, lists) are body.

    The quotation runs on through short lines and through paragraphs that end in "?" or "!"
    (quoted posts), and stops at the next paragraph that ends otherwise.
    """
    marked: list[_Line] = []
    quoting = False
    for line in lines:
        if line.dropped:
            pass
        elif line.short and quoting:
            line = replace(line, short=False)
        elif not line.short:
            end = line.text.rstrip(_CLOSERS)[-1:]
            quoting = end == ":" or (quoting and end in "?!")
        marked.append(line)
    return marked


def _place_lines(lines: Sequence[_Line], known_title: str | None) -> _Body:
    """Sort lines by position: lead (title, captions), body, trailing teasers.

    The body is the run of lines where paragraph words most outweigh short and dropped
    lines (a maximum-sum window), so menus and link lists of a whole page fall outside
    it; when a line repeats the known title, the body is looked for after it.
    """
    window = _body_window(lines, start=_title_at(lines, known_title) + 1) or _body_window(lines)
    if window is None:  # nothing reads as a paragraph: keep it all rather than lose it
        present = [line for line in lines if not line.dropped]
        title, rest = _take_title(present, known_title)
        kept = [line.text for line in rest] or [line.text for line in present]
        return _Body(tuple(kept), title=title)
    first, last = window
    title, lead = _take_title(_lead_run(lines[:first]), known_title)
    paragraphs, captions = _middle([line for line in lines[first : last + 1] if not line.dropped])
    lead_captions = [line.text for line in lead if len(line.text.split()) > 1]
    return _Body(tuple(paragraphs), tuple(lead_captions + captions), title)


def _title_at(lines: Sequence[_Line], known: str | None) -> int:
    """Index of the first line that repeats the known title, -1 if none."""
    if known is None:
        return -1
    for i, line in enumerate(lines):
        if line.short and _same_title(line.text, known):
            return i
    return -1


def _body_window(lines: Sequence[_Line], start: int = 0) -> tuple[int, int] | None:
    """First and last index of the heaviest run of lines from ``start`` on (Kadane's
    maximum-sum subarray); None when no line there is a paragraph."""
    best: tuple[int, int] | None = None
    best_sum, run_sum, run_start = 0, 0, start
    for i in range(start, len(lines)):
        if run_sum <= 0:
            run_sum, run_start = 0, i
        run_sum += _weight(lines[i])
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best


def _weight(line: _Line) -> int:
    if line.dropped:
        return -DROPPED_LINE_COST
    if line.short:
        return -SHORT_LINE_COST
    return PARAGRAPH_WEIGHT + len(line.text.split())


def _lead_run(lines: Sequence[_Line]) -> list[_Line]:
    """The kept short lines just before the body, back to the nearest paragraph."""
    run: list[_Line] = []
    for line in reversed(lines):
        if line.dropped:
            continue
        if not line.short:
            break
        run.append(line)
    return run[::-1]


def _take_title(lines: Sequence[_Line], known: str | None) -> tuple[str | None, list[_Line]]:
    """The title line and the lead lines after it (lines before a found title are dropped)."""
    for i, line in enumerate(lines):
        if known is not None and _same_title(line.text, known):
            return line.text, list(lines[i + 1 :])
    if known is not None:
        return None, list(lines)
    for i, line in enumerate(lines):
        if len(line.text.split()) >= 2:
            return line.text, list(lines[i + 1 :])
    return None, list(lines)


def _same_title(line: str, title: str) -> bool:
    a, b = _fold(line), _fold(title)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return shorter in longer and len(shorter) * 2 >= len(longer)


def _middle(lines: Sequence[_Line]) -> tuple[list[str], list[str]]:
    """Paragraphs and captions of the body window (short lines there are captions)."""
    paragraphs: list[str] = []
    captions: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if not line.short or _is_attribution(line.text):
            paragraphs.append(line.text)
        elif captions and previous is captions[-1][-1] and previous.block == line.block:
            captions[-1].append(line)  # a credit line under its caption
        else:
            captions.append([line])
        previous = line
    return paragraphs, ["\n".join(line.text for line in group) for group in captions]


def _is_attribution(line: str) -> bool:
    """'—Name, title' under a quotation."""
    return line[:1] in "—―" or line.startswith("– ")


# ------------------------------------------------------------------ line tests

_CLOSERS = "\"'”’»)]*\u00a0 "
_SENTENCE_END = frozenset(".!?…:;,。！？")


def _ends_sentence(line: str) -> bool:
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def _is_short(line: str) -> bool:
    if _ends_sentence(line):
        return False
    return len(line) <= SHORT_MAX_CHARS and len(line.split()) <= SHORT_MAX_WORDS


def _fold(line: str) -> str:
    """A key for comparing lines: case, spacing and quote style ignored."""
    text = unicodedata.normalize("NFKC", line).casefold()
    text = re.sub(r"[‘’‚‛`´]", "'", text)
    text = re.sub(r"[“”„‟«»]", '"', text)
    return " ".join(text.split()).strip(" .:;,\"'")


def _repeated_short(lines: Iterable[str]) -> set[str]:
    """Folded short unpunctuated lines that occur more than once: teasers and menus."""
    counts = Counter(_fold(line) for line in lines if line and _is_short(line))
    return {key for key, n in counts.items() if n > 1 and key}


def _drop_duplicates(paragraphs: Iterable[str]) -> list[str]:
    """Long paragraphs repeated verbatim (a lead shown twice) are kept once."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        key = _fold(paragraph)
        if len(paragraph.split()) >= DUPLICATE_MIN_WORDS:
            if key in seen:
                continue
            seen.add(key)
        kept.append(paragraph)
    return kept


_BULLETS = "•·▪►▶◦‣∙|>»*■□●○◆◇-–—~ \t\u00a0"

_FURNITURE = re.compile(
    r"""(?ix)^(?:
      skip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation|menu|search|footer)
    | jump\ to\ (?:navigation|search|content)
    | (?:share|sharing|share\ this(?:\ article|\ story|\ page)?|поделиться|поділитися
        |teilen|partager|compartir)\b[^.!?]*
    | (?:read|see|watch|listen|view)(?:\ (?:more|also|next|now|full\ story|the\ full\ story
        |original|in\ app|comments?))\b.*
    | (?:читайте|читать|смотрите)\ (?:также|далее|еще|ещё|тоже)\b.*
    | continue\ reading\b.*
    | (?:more\ (?:on\ this\ story|from|stories|news|articles|about)|related(?:\ (?:articles?
        |stories|news|content|posts?|topics|coverage))?|see\ also|you\ (?:may|might)\ also
        \ like|recommended(?:\ for\ you)?|most\ (?:read|popular|viewed|shared)|trending
        (?:\ now)?|top\ stories|latest\ (?:news|stories)|editor'?s\ picks?|also\ read)\b.*
    | advertisement|advertising|sponsored(?:\ content)?|ad|реклама|anzeige|publicité|publicidad
    | (?:subscribe|sign\ up|sign\ in|log\ ?in|register|follow\ us|join\ us|donate|support\ us
        |подпишитесь|подписывайтесь|download\ (?:our|the)\ app|get\ the\ app)\b[^.!?]*
    | (?:print|e-?mail|copy(?:\ link)?|link\ copied|comments?|\d+\ comments?|leave\ a\ comment
        |show\ comments|view\ comments|add\ a\ comment|reply|report)
    | (?:(?:facebook|twitter|x|whatsapp|telegram|vk|vkontakte|reddit|linkedin|pinterest
        |flipboard|messenger|viber|ok|tumblr|threads|bluesky|mastodon|email|e-mail)[\s,|/]*)+
    | back\ to\ top|top|menu|close|search|home|next|previous|prev|open|loading\W*|more
    | (?:accept|reject|manage)(?:\ all)?(?:\ cookies)?|cookies?(?:\ (?:policy|settings
        |preferences))?|privacy\ policy|terms\ of\ (?:use|service)|contact\ us|about\ us
    | (?:by|von|par|por|автор:?)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3}
        (?:\s*(?:,|and|&|и)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,3})*
    | (?:photo(?:graph)?s?|images?|pictures?|video|credits?|illustration|фото(?:графия)?
        |видео|foto|bild)\s*(?::|by\b|©|/).*
    | (?:image|media|video)\ source\b.*
    | (?:updated|published|posted|last\ updated|обновлено|опубликовано)\b.*\d.*
    | (?:tags|topics|filed\ under|categories|темы|теги)\s*:.*
    )$""",
)

_NOTICES = (
    re.compile(r"(?i)\bcookies?\b.*\b(?:use|accept|consent|agree|continu|brows)"),
    re.compile(r"(?i)\b(?:use|accept|consent|agree)\b.*\bcookies?\b"),
    re.compile(r"(?i)\ball rights reserved\b|^\s*(?:©|\(c\)|copyright\b)"),
    re.compile(r"(?i)\bjavascript\b.*\b(?:enable|disabled|browser)"),
    re.compile(r"(?i)\b(?:subscribe|sign up)\b.*\bnewsletter\b"),
    re.compile(r"(?i)\bnewsletter\b.*\b(?:subscribe|sign up|inbox)\b"),
)

_MONTHS_AND_DAYS = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december mon monday tue tuesday wed wednesday thu
    thursday fri friday sat saturday sun sunday am pm gmt utc bst cet cest msk est edt pst
    at on updated января февраля марта апреля мая июня июля августа сентября октября ноября
    декабря січня лютого березня квітня травня червня липня серпня вересня жовтня листопада
    грудня""".split()
)


def _is_furniture(line: str) -> bool:
    core = line.strip(_BULLETS)
    words = core.split()
    if not any(ch.isalpha() for ch in core):
        return True  # rules, bullets, lone numbers
    if len(words) <= FURNITURE_MAX_WORDS and _FURNITURE.match(core):
        return len(words) <= 3 or not _ends_sentence(core)  # else a sentence that looks alike
    if len(words) <= NOTICE_MAX_WORDS and any(p.search(core) for p in _NOTICES):
        return True
    return len(words) <= 8 and _is_bare_date(words)


def _is_bare_date(words: Sequence[str]) -> bool:
    tokens = [w.strip(",.:;|()").casefold() for w in words]
    tokens = [t for t in tokens if t]
    return (
        bool(tokens)
        and any(ch.isdigit() for t in tokens for ch in t)
        and all(t in _MONTHS_AND_DAYS or re.fullmatch(r"[\d:/.\-]+(?:am|pm|h)?", t) for t in tokens)
    )


_SOURCE_LINE = re.compile(
    r"(?i)^(?:source|sources|источник|джерело|quelle|source\s+originale|fuente)\s*:\s*(.+)$"
)


def _source_of(line: str) -> str | None:
    match = _SOURCE_LINE.match(line.strip(_BULLETS))
    if not match or len(line.split()) > 8:
        return None
    name = match.group(1).strip(" .")
    if re.match(r"(?i)^(?:https?://|www\.)", name):
        return outlet_of_url(name)
    return name or None


_CAPTION_LABEL = re.compile(r"(?i)^(?:image|photo|picture|media|video)\s+caption\s*[,:]?\s*(.+)$")


def _labelled_caption(line: str) -> str | None:
    """'Image caption, Protesters in ...' (so BBC pages print their captions)."""
    match = _CAPTION_LABEL.match(line)
    return match.group(1) if match else None


# ------------------------------------------------------------------ metadata


def _published(doc: Document, page: _Page | None, problems: list[Problem]) -> date | None:
    if doc.published:
        parsed = _parse_iso_date(doc.published)
        if parsed is not None:
            return parsed
        problems.append(
            _problem("bad-date", f"published {doc.published!r} is not an ISO 8601 date")
        )
    return _parse_iso_date(page.date) if page and page.date else None


def _parse_iso_date(value: str) -> date | None:
    """The calendar date of an ISO 8601 date or date-time, as written (no zone shift)."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("z", "Z")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


KNOWN_OUTLETS: dict[str, str] = {
    "meduza.io": "Meduza",
    "reuters.com": "Reuters",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "wikinews.org": "Wikinews",
    "globalvoices.org": "Global Voices",
    "globalvoicesonline.org": "Global Voices",
    "7x7-journal.ru": "7x7",
    "apnews.com": "Associated Press",
    "aljazeera.com": "Al Jazeera",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "cnn.com": "CNN",
    "france24.com": "France 24",
    "dw.com": "DW",
    "euronews.com": "Euronews",
    "kyivindependent.com": "The Kyiv Independent",
    "pravda.com.ua": "Ukrainska Pravda",
    "ukrinform.net": "Ukrinform",
    "ukrinform.ua": "Ukrinform",
    "themoscowtimes.com": "The Moscow Times",
    "novayagazeta.ru": "Novaya Gazeta",
    "novayagazeta.eu": "Novaya Gazeta Europe",
    "zona.media": "Mediazona",
    "tass.ru": "TASS",
    "tass.com": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "rferl.org": "RFE/RL",
    "svoboda.org": "Radio Svoboda",
    "theins.ru": "The Insider",
}


def _outlet_of_page(page: _Page | None, url: str | None) -> str | None:
    """The outlet by the page's site name, else by the URL's domain."""
    sitename = page.sitename.strip() if page and page.sitename else None
    if sitename and not sitename.startswith("@"):
        if "." in sitename and " " not in sitename:
            return outlet_of_url(sitename)
        return sitename
    for candidate in (url, page.url if page else None):
        if candidate and (outlet := outlet_of_url(candidate)):
            return outlet
    return None


def outlet_of_url(url: str) -> str | None:
    """The outlet's name for a known news domain, else the registrable domain."""
    if "//" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        domain = get_fld(url, fail_silently=True) if host else None
    except ValueError:  # a malformed URL (bad port, unbalanced brackets)
        return None
    if not host:
        return None
    domain = domain or host
    return KNOWN_OUTLETS.get(host) or KNOWN_OUTLETS.get(domain) or domain
