"""Read a WordPress export (WXR 1.0–1.2) as a stream of plain records, safely.

The file is parsed with lxml's iterparse: entities are never resolved, nothing is fetched
from the network, and a document type declaration (the carrier of billion-laughs and
external-entity payloads) is refused before any content is read. Elements are freed as
soon as they are read, so memory stays flat however big the export is.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any

from lxml import etree

from vestnik.importers.errors import ImportFailed

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(?P<version>\d+\.\d+)/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
NAMESPACE_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# Longest text of one field we accept; a real post is far smaller (lxml's own cap is 10 MB).
MAX_FIELD = 5_000_000


@dataclass
class Category:
    term_id: str
    nicename: str
    parent: str
    name: str
    description: str = ""


@dataclass
class TagTerm:
    nicename: str
    name: str


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Item:
    """One <item>: a post, a page, an attachment or anything else WordPress stores."""

    post_id: str
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    pub_date: str = ""
    slug: str = ""
    status: str = ""
    parent: str = "0"
    menu_order: str = "0"
    sticky: bool = False
    attachment_url: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (nicename, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    comments: int = 0
    line: int = 0

    def content_hash(self) -> str:
        """Fingerprint of what the importer uses (not where in the file it was)."""
        data = [getattr(self, f.name) for f in fields(self) if f.name not in ("line", "comments")]
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()


@dataclass
class Channel:
    """What precedes the items: version, site, authors and the terms."""

    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    authors: list[Author] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    tags: list[TagTerm] = field(default_factory=list)


class _CountingReader:
    """A binary file that reports how far it has been read (for the progress bar)."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None] | None) -> None:
        self.raw = raw
        self.on_read = on_read

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if self.on_read is not None and data:
            self.on_read(len(data))
        return data


def _name(element: Any) -> str:
    """`wp:post_id`, `content:encoded`, `title`: the tag with the prefix WordPress uses."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return _prefixed(tag)


@functools.lru_cache(maxsize=512)
def _prefixed(tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if WP_NAMESPACE.match(namespace):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{local}"
    return f"{NAMESPACE_PREFIXES.get(namespace, namespace)}:{local}"


def _text(element: Any) -> str:
    value = element.text or ""
    if len(value) > MAX_FIELD:
        raise ImportFailed(
            f"line {element.sourceline}: <{_name(element)}> is {len(value):,} characters long; "
            f"the limit is {MAX_FIELD:,}"
        )
    return value.strip() if _name(element) not in ("content:encoded", "excerpt:encoded") else value


def _fields(element: Any) -> dict[str, str]:
    return {_name(child): _text(child) for child in element}


def _free(element: Any) -> None:
    """Drop an element already read, and the siblings before it, to keep memory flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _item(element: Any) -> Item:
    item = Item(post_id="", post_type="", line=element.sourceline or 0)
    for child in element:
        name = _name(child)
        if name == "category":
            pair = (child.get("nicename") or "", _text(child))
            if child.get("domain") == "category":
                item.categories.append(pair)
            elif child.get("domain") == "post_tag":
                item.tags.append(pair)
            continue
        if name == "wp:comment":
            item.comments += 1
            continue
        if name == "wp:postmeta":
            continue
        value = _text(child)
        match name:
            case "title":
                item.title = value
            case "link":
                item.link = value
            case "guid":
                item.guid = value
            case "dc:creator":
                item.creator = value
            case "content:encoded":
                item.content = value
            case "excerpt:encoded":
                item.excerpt = value
            case "pubDate":
                item.pub_date = value
            case "wp:post_id":
                item.post_id = value
            case "wp:post_date":
                item.post_date = value
            case "wp:post_date_gmt":
                item.post_date_gmt = value
            case "wp:post_name":
                item.slug = value
            case "wp:status":
                item.status = value
            case "wp:post_parent":
                item.parent = value or "0"
            case "wp:menu_order":
                item.menu_order = value or "0"
            case "wp:post_type":
                item.post_type = value
            case "wp:is_sticky":
                item.sticky = value == "1"
            case "wp:attachment_url":
                item.attachment_url = value
    return item


def _namespace_uri_complaint(entry: Any) -> bool:
    """libxml2 checks that namespace names are URIs; XML 1.0 (and WordPress) allow IRIs such
    as `http://пример.рф/ns/`, or relative ones: a complaint about one is no syntax error."""
    return entry.type in _NAMESPACE_URI_COMPLAINTS


_NAMESPACE_URI_COMPLAINTS = frozenset(
    {etree.ErrorTypes.WAR_NS_URI, etree.ErrorTypes.WAR_NS_URI_RELATIVE}
)


def _only_namespace_complaints(exc: etree.XMLSyntaxError) -> bool:
    entries = list(exc.error_log or [])
    return bool(entries) and all(_namespace_uri_complaint(e) for e in entries)


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> ImportFailed:
    line, column = exc.position if exc.position else (exc.lineno, 0)
    message = exc.msg or str(exc)
    # iterparse sometimes raises a generic error; the log has the real one.
    errors = [
        e
        for e in (exc.error_log.filter_from_errors() if exc.error_log else [])
        if not _namespace_uri_complaint(e)
    ]
    if errors and (not line or "no element found" in message or "not a valid URI" in message):
        first = errors[-1]  # the log may still hold errors of earlier parses
        line, column, message = first.line, first.column, first.message
    if "Input is not proper UTF-8" in message or "encoding" in message.lower():
        message += " (is the file in the encoding its XML declaration names?)"
    return ImportFailed(f"{path.name}: line {line}, column {column}: {message}")


def read(
    path: Path, on_read: Callable[[int], None] | None = None, channel: Channel | None = None
) -> Iterator[Channel | Item]:
    """Yield the channel once every term before the first item is read, then each item.

    Raises ImportFailed (with line and column) for anything that is not a well-formed,
    supported WordPress export.
    """
    channel = channel or Channel()
    channel_sent = False
    namespace_version = ""
    root_closed = False
    try:
        with path.open("rb") as raw:
            events = etree.iterparse(
                _CountingReader(raw, on_read),
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
            for event, element in events:
                if event == "start":
                    if element.getparent() is None:
                        if element.getroottree().docinfo.internalDTD is not None:
                            raise ImportFailed(
                                f"{path.name}: line 1: the file declares a document type "
                                "(<!DOCTYPE …>); WordPress exports never do, and entity "
                                "declarations can be an attack: refused"
                            )
                        if element.tag != "rss":
                            raise ImportFailed(
                                f"{path.name}: line {element.sourceline}: the root element is "
                                f"<{_name(element)}>, not <rss>: not a WordPress export"
                            )
                        for uri in (element.nsmap or {}).values():
                            found = WP_NAMESPACE.match(uri or "")
                            if found:
                                namespace_version = found["version"]
                    continue
                name = _name(element)
                if element.getparent() is None:
                    root_closed = True
                    continue
                if element.getparent().tag == "rss":
                    if name == "channel":
                        _free(element)
                    continue
                if element.getparent().tag != "channel":
                    continue  # children are read with their item or term
                match name:
                    case "wp:wxr_version":
                        channel.version = _text(element)
                        if channel.version not in SUPPORTED_VERSIONS:
                            raise ImportFailed(
                                f"{path.name}: line {element.sourceline}: WXR version "
                                f"{channel.version!r} is not supported (supported: "
                                f"{', '.join(SUPPORTED_VERSIONS)})"
                            )
                    case "wp:base_site_url":
                        channel.base_site_url = _text(element)
                    case "wp:base_blog_url":
                        channel.base_blog_url = _text(element)
                    case "link":
                        channel.link = _text(element)
                    case "wp:author":
                        f = _fields(element)
                        channel.authors.append(
                            Author(
                                f.get("wp:author_login", ""), f.get("wp:author_display_name", "")
                            )
                        )
                    case "wp:category":
                        f = _fields(element)
                        channel.categories.append(
                            Category(
                                term_id=f.get("wp:term_id", ""),
                                nicename=f.get("wp:category_nicename", ""),
                                parent=f.get("wp:category_parent", ""),
                                name=f.get("wp:cat_name", ""),
                                description=f.get("wp:category_description", ""),
                            )
                        )
                    case "wp:tag":
                        f = _fields(element)
                        channel.tags.append(
                            TagTerm(f.get("wp:tag_slug", ""), f.get("wp:tag_name", ""))
                        )
                    case "item":
                        if not channel_sent:
                            _check_version(path, channel, namespace_version)
                            channel_sent = True
                            yield channel
                        yield _item(element)
                _free(element)
    except etree.XMLSyntaxError as exc:
        # The whole document was read and the parser only disliked a namespace IRI: accept.
        if not (root_closed and _only_namespace_complaints(exc)):
            raise _syntax_error(path, exc) from exc
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    if not channel_sent:
        _check_version(path, channel, namespace_version)
        yield channel


def _check_version(path: Path, channel: Channel, namespace_version: str) -> None:
    if not channel.version and not namespace_version:
        raise ImportFailed(
            f"{path.name}: no <wp:wxr_version> and no WordPress export namespace: "
            "not a WordPress export"
        )
    if not channel.version:
        channel.version = namespace_version
    if channel.version not in SUPPORTED_VERSIONS:
        raise ImportFailed(
            f"{path.name}: WXR version {channel.version!r} is not supported "
            f"(supported: {', '.join(SUPPORTED_VERSIONS)})"
        )
