"""The one analysis pipeline of the search index, used at index time and at query time.

text → NFKC → casefold → ё→е → tokens (words, numbers, case numbers such as ``12345/06``)
→ stop words dropped → by the token's script, Cyrillic words to their dictionary form
(pymorphy3), Latin words to their Snowball English stem; so an English article that quotes a
Russian name finds it in Russian. bench/search_analysis.py says why pymorphy3 for Russian.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3
import Stemmer

from vestnik.search.stopwords import STOP_WORDS

# A word is a run of letters, digits and combining marks; digits joined by "/" or "-"
# stay one token so that "No. 12345/06" and "12345-06" find the case they name.
TOKEN_RE = re.compile(r"\d+(?:[/-]\d+)+|[^\W_]+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LATIN_RE = re.compile(r"[a-z\u00e0-\u024f]")
# Tokens longer than this are junk (base64, long URLs) and would bloat the index.
MAX_TOKEN = 60


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text: its analysed term and where it is in the original text."""

    term: str
    start: int
    end: int


def normalise(text: str) -> str:
    """NFKC, case folding, ё→е; control characters become spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return text.casefold().replace("ё", "е")


def script_of(word: str, fallback: str = "en") -> str:
    """Which stemmer a normalised word goes to: 'ru', 'en' or '' (digits, other scripts)."""
    cyr = CYRILLIC_RE.search(word) is not None
    lat = LATIN_RE.search(word) is not None
    if cyr and lat:
        return fallback if fallback in ("ru", "en") else "ru"
    if cyr:
        return "ru"
    if lat:
        return "en"
    return ""


_local = threading.local()
_morph_lock = threading.Lock()
_morph: pymorphy3.MorphAnalyzer | None = None


def _english() -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe; gunicorn threads each get their own.
    stemmer = getattr(_local, "english", None)
    if stemmer is None:
        stemmer = _local.english = Stemmer.Stemmer("english")
    return stemmer


def _russian() -> pymorphy3.MorphAnalyzer:
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                _morph = pymorphy3.MorphAnalyzer(lang="ru")
    return _morph


def _lemma(word: str) -> str:
    return _russian().parse(word)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def _term(word: str, fallback: str) -> str:
    script = script_of(word, fallback)
    if not script:
        return word
    if word in STOP_WORDS[script]:
        return ""
    return _lemma(word) if script == "ru" else _english().stemWord(word)


def term(word: str, language: str = "en") -> str:
    """The index term of one already-normalised word; '' for a stop word."""
    if len(word) > MAX_TOKEN:
        return ""
    return _term(word, language)


def tokens(text: str, language: str = "en") -> Iterator[Token]:
    """Tokens of `text` with offsets into the normalised text; stop words left out."""
    for match in TOKEN_RE.finditer(text):
        t = term(match.group(), language)
        if t:
            yield Token(t, match.start(), match.end())


def analyse(text: str, language: str = "en") -> list[str]:
    """The index terms of a text, in order."""
    return [t.term for t in tokens(normalise(text), language)]


def prefix_term(word: str, language: str = "en") -> str:
    """The term a prefix query `word*` looks for: the word cut back to what stemming keeps."""
    word = normalise(word)
    match = TOKEN_RE.search(word)
    if match is None:
        return ""
    word = match.group()[:MAX_TOKEN]
    script = script_of(word, language)
    if not script:
        return word
    stem = _lemma(word) if script == "ru" else _english().stemWord(word)
    common = 0
    for a, b in zip(word, stem, strict=False):
        if a != b:
            break
        common += 1
    return word[:common]


def word_terms(text: str, language: str = "en") -> Iterator[tuple[int, int, str]]:
    """(start, end, term) for every word of the original `text`; term is '' for stop words."""
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end(), _raw_term(match.group(), language)


@lru_cache(maxsize=200_000)
def _raw_term(word: str, language: str) -> str:
    return term(normalise(word), language)
