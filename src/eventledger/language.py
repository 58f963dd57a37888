"""Language of a text: script first, then the commonest function words.

``detect_language(text)`` returns an ISO 639-1 code, or ``None`` when the text is too short
or no language stands out. It reads at most the first few thousand characters, needs no
model and no network, and costs well under a millisecond on an article.

Scripts used by one language decide at once (Greek, Hebrew, Hangul, kana, ...). Cyrillic is
split by the letters each language alone uses (Ukrainian і ї є ґ, Russian ы э ё ...) and by
function words; Latin-script languages by the share of words that are function words of
each language, with letters such as ß, ñ, ł, ã as a tie-breaker.
"""

from __future__ import annotations

import re
from collections import Counter

MIN_LETTERS = 20  # below this a guess is a coin toss: say None
SAMPLE_CHARS = 4000
MIN_SHARE = 0.04  # of the words: at least this share must be the winner's function words

_WORD = re.compile(r"[^\W\d_]+")

# Scripts that one language owns (for news text, at least). Checked by code-point range.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("el", 0x0370, 0x03FF),
    ("hy", 0x0530, 0x058F),
    ("he", 0x0590, 0x05FF),
    ("hi", 0x0900, 0x097F),
    ("th", 0x0E00, 0x0E7F),
    ("ka", 0x10A0, 0x10FF),
    ("ko", 0xAC00, 0xD7AF),
    ("ja", 0x3040, 0x30FF),  # kana; kanji alone reads as Chinese
)
_CYRILLIC = (0x0400, 0x04FF)
_ARABIC = (0x0600, 0x06FF)
_HAN = (0x4E00, 0x9FFF)

_PERSIAN_LETTERS = frozenset("پچژگکی")
_URDU_LETTERS = frozenset("ٹڈڑںےھ")

# Letters that mark one Cyrillic language against the others.
_CYRILLIC_MARKS: dict[str, frozenset[str]] = {
    "uk": frozenset("іїєґ"),
    "ru": frozenset("ыэё"),
    "be": frozenset("ў"),
    "sr": frozenset("ђћџљњј"),
}

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is was that for on with as by at from it he she they "
        "his her their are were have has had be been this which who said not but a an or will "
        "says after into over its than when while also could would we you",
        "de": "der die das und ist nicht ein eine einer den dem des von zu mit sich auf für "
        "im auch wurde sind wird nach bei aus sie es wie oder aber noch vor",
        "fr": "le la les et des un une du est dans que qui pour pas sur au aux avec ce il "
        "elle ont sont été par plus ses son sa leur mais selon",
        "es": "el la los las y a de del que en un una por con para es se no su sus al lo "
        "como más pero fue han según este esta entre",
        "it": "il lo la gli le a di del della che e un una per con non sono è nel nella "
        "anche come ha più ma dei delle stato",
        "pt": "o a os as e de do da dos das que em um uma para com não por no na se "
        "foi são mais ao pelo pela seu sua",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als door "
        "werd maar bij naar om",
        "pl": "i w na z się nie do to że jest o jak po od za przez jego ale był była są "
        "także oraz który która",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena ada "
        "oleh bisa sudah atau saat kami mereka",
        "tr": "ve bir bu da de için ile olarak çok daha gibi olan ama sonra kadar ancak "
        "ise her şey",
        "ru": "и в не на что с по как это из за он она они к но его от был была были так "
        "также для уже ее их при же или",
        "uk": "і в не на що з у до як це за він вона вони але його від був була були так "
        "також для вже її їх при й або та",
        "be": "і ў у на не з па што да як гэта за ён яна яны але яго ад быў была былі так "
        "таксама для ўжо яе іх пры ці",
        "bg": "и в на за се да от е че са с не по това като той тя те но който която бяха",
        "sr": "и у на за се да од је су са не по то као он она они али који која",
    }.items()
}

_LATIN_MARKS: dict[str, frozenset[str]] = {
    "de": frozenset("ßäöü"),
    "es": frozenset("ñ¿¡"),
    "fr": frozenset("çèêœ"),
    "pt": frozenset("ãõ"),
    "pl": frozenset("łąęśźżń"),
    "tr": frozenset("ışğ"),
}

_CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "sr")
_LATIN_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "id")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when unsure."""
    sample = text[:SAMPLE_CHARS]
    scripts = _script_counts(sample)
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    if count < letters / 2:
        return None
    if script == "cyrillic":
        return _cyrillic_language(sample.lower())
    if script == "latin":
        return _latin_language(sample.lower())
    if script == "arabic":
        return _arabic_language(sample)
    if script == "han":
        return "ja" if scripts["ja"] else "zh"
    return script


def _script_counts(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ch in sample:
        if ch.isalpha():
            counts[_script_of(ord(ch))] += 1
    return counts


def _script_of(code: int) -> str:
    if code < 0x0250:
        return "latin"
    if _CYRILLIC[0] <= code <= _CYRILLIC[1]:
        return "cyrillic"
    if _ARABIC[0] <= code <= _ARABIC[1]:
        return "arabic"
    if _HAN[0] <= code <= _HAN[1]:
        return "han"
    for lang, low, high in _SCRIPTS:
        if low <= code <= high:
            return lang
    return "other"


def _cyrillic_language(sample: str) -> str | None:
    scores = _function_word_shares(sample, _CYRILLIC_LANGS)
    for lang, marks in _CYRILLIC_MARKS.items():
        marked = sum(1 for ch in sample if ch in marks)
        scores[lang] = scores.get(lang, 0.0) + min(marked / max(len(sample), 1) * 20, 0.5)
    if "и" not in sample and scores.get("be", 0.0) > 0:
        return "be"  # Belarusian writes і where the others write и
    return _best(scores)


def _latin_language(sample: str) -> str | None:
    scores = _function_word_shares(sample, _LATIN_LANGS)
    marked = {lang for lang, marks in _LATIN_MARKS.items() if any(ch in marks for ch in sample)}
    for lang in marked:
        scores[lang] = scores.get(lang, 0.0) + 0.01
    best = _best(scores)
    if best not in (None, "en", *marked) and _function_word_hits(sample, best) < 2:
        # "Herdsmen attack Benue community, kill father, son": one short word French shares
        # ("son") is no evidence of French without a letter of its own; too little to tell.
        return None
    return best


def _function_word_hits(sample: str, lang: str) -> int:
    return sum(1 for w in _WORD.findall(sample) if w in _FUNCTION_WORDS[lang])


def _arabic_language(sample: str) -> str:
    letters = set(sample)
    if letters & _URDU_LETTERS:
        return "ur"
    if letters & _PERSIAN_LETTERS:
        return "fa"
    return "ar"


def _function_word_shares(sample: str, langs: tuple[str, ...]) -> dict[str, float]:
    words = _WORD.findall(sample)
    if not words:
        return {}
    counts = Counter(words)
    total = len(words)
    return {
        lang: sum(n for w, n in counts.items() if w in _FUNCTION_WORDS[lang]) / total
        for lang in langs
    }


def _best(scores: dict[str, float]) -> str | None:
    if not scores:
        return None
    lang, score = max(scores.items(), key=lambda item: item[1])
    return lang if score >= MIN_SHARE else None
