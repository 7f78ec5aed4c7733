"""WordPress post content → plain HTML: block comments, shortcodes, automatic paragraphs.

The result still goes through `clean_html` when the article is saved; here we only turn
WordPress's private notations into ordinary markup so nothing is lost to the sanitiser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(?P<attrs>\{.*?\})?\s*-->(?P<inner>.*?)"
    r"<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.S,
)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
CAPTION = re.compile(
    r"\[(?:caption|wp_caption)(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:wp_)?caption\]", re.S | re.I
)
EMBED = re.compile(r"\[embed(?P<attrs>[^\]]*)\](?P<url>.*?)\[/embed\]", re.S | re.I)
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]", re.I)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
BLOCK_START = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|figure|hr|dl|"
    r"dt|dd|address|section|article|aside|form|fieldset|iframe|script|style|object|video|"
    r"audio)\b",
    re.I,
)
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class MediaFile:
    url: str
    title: str = ""


def shortcode_attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTRIBUTE.finditer(text)}


def _link(url: str) -> str:
    url = url.strip()
    if not URL.match(url):
        return escape(url)
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


def _embed_block(match: re.Match[str]) -> str:
    url = ""
    try:
        url = str(json.loads(match["attrs"] or "{}").get("url", ""))
    except (ValueError, AttributeError):
        url = ""
    if not url:
        inner = re.sub(r"<[^>]+>", " ", match["inner"]).split()
        url = next((word for word in inner if URL.match(word)), "")
    return _link(url) if url else ""


def _caption(match: re.Match[str]) -> str:
    attrs = shortcode_attributes(match["attrs"])
    inner = match["inner"].strip()
    media = MEDIA.match(inner)
    if media is None:
        return inner
    caption = media[2].strip() or escape(attrs.get("caption", ""))
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media[1]}{figcaption}</figure>"


def _gallery(
    match: re.Match[str],
    post_id: str,
    media: Mapping[str, MediaFile],
    children: Mapping[str, Sequence[str]],
) -> str:
    attrs = shortcode_attributes(match["attrs"])
    ids = [i.strip() for i in attrs.get("ids", attrs.get("include", "")).split(",") if i.strip()]
    if not ids:
        ids = list(children.get(post_id, ()))
    files = [media[i] for i in ids if i in media]
    if not files:
        return ""
    items = "".join(
        f'<li><img src="{escape(f.url)}" alt="{escape(f.title)}" loading="lazy"></li>'
        for f in files
    )
    return f"<figure><ul>{items}</ul></figure>"


def autop(text: str) -> str:
    """WordPress's automatic paragraphs: blank lines part paragraphs, single newlines break."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def to_html(
    content: str,
    post_id: str = "",
    media: Mapping[str, MediaFile] | None = None,
    children: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Turn stored WordPress content into plain HTML (not yet sanitised)."""
    media = media or {}
    children = children or {}
    is_blocks = "<!-- wp:" in content
    text = EMBED_BLOCK.sub(_embed_block, content)
    text = BLOCK_COMMENT.sub("", text)
    text = CAPTION.sub(_caption, text)
    text = EMBED.sub(lambda m: _link(m["url"]), text)
    text = GALLERY.sub(lambda m: _gallery(m, post_id, media, children), text)
    if not is_blocks:
        text = autop(text)
    return text.strip()
