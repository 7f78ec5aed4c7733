"""Reading pages the way a reader (or a checker) does."""

from __future__ import annotations

import html5lib
from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text().split()) if node is not None else ""


def html5_errors(markup: str) -> list:
    """Parse errors an HTML5 parser reports (empty for a well-formed document)."""
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(markup)
    return list(parser.errors)
