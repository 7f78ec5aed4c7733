"""What a reader typed, parsed into terms, phrases, prefixes and exclusions.

The syntax is small and forgiving: `"exact phrase"`, `prefix*`, `-excluded`, `-"excluded
phrase"`; every other character is text. Nothing a reader types reaches the database as
syntax: backends build their own query language from the parsed terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vestnik.search import analysis

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 12
MIN_PREFIX = 2

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PART_RE = re.compile(r'(-?)"([^"]*)("?)|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Clause:
    """A term (`terms` of one), a phrase (several terms in a row) or a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass
class ParsedQuery:
    text: str
    include: list[Clause] = field(default_factory=list)
    exclude: list[Clause] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.include

    def highlight_terms(self) -> tuple[set[str], tuple[str, ...]]:
        """Terms to mark in snippets, and prefixes to mark."""
        exact = {t for c in self.include if not c.prefix for t in c.terms}
        prefixes = tuple(c.terms[0] for c in self.include if c.prefix)
        return exact, prefixes


def parse(text: str, language: str = "en") -> ParsedQuery:
    """Parse a reader's query; junk never raises, it just yields fewer clauses."""
    text = text or ""
    truncated = len(text) > MAX_QUERY_CHARS
    text = CONTROL_RE.sub(" ", text[:MAX_QUERY_CHARS]).strip()
    query = ParsedQuery(text=text, truncated=truncated)
    seen: set[tuple[bool, Clause]] = set()
    for m in PART_RE.finditer(analysis.normalise(text)):
        if m.group(2) is not None:
            negative = m.group(1) == "-"
            terms = tuple(analysis.analyse(m.group(2), language))
            clause = Clause(terms) if terms else None
        else:
            negative = m.group(4) == "-"
            clause = _word_clause(m.group(5), language)
        if clause is None or (negative, clause) in seen:
            continue
        seen.add((negative, clause))
        if len(seen) > MAX_CLAUSES:
            query.truncated = True
            break
        (query.exclude if negative else query.include).append(clause)
    return query


def _word_clause(word: str, language: str) -> Clause | None:
    """One unquoted word, which may end in `*`; words the tokeniser splits become a phrase."""
    prefix = word.endswith("*")
    if prefix:
        base = analysis.prefix_term(word.rstrip("*"), language)
        if len(base) >= MIN_PREFIX and analysis.TOKEN_RE.fullmatch(base):
            return Clause((base,), prefix=True)
    terms = tuple(analysis.analyse(word, language))
    return Clause(terms) if terms else None
