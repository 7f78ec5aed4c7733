"""A site's fingerprint: canonical table hashes, media hashes and rendered public pages.

Imported by the tests (the site under test) and run as a script against a restored
instance: `python fingerprint.py URLS.json` prints the fingerprint as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys


def page_urls() -> list[str]:
    """The public pages worth comparing: homes, sections, articles, tags, pages, media."""
    from vestnik.content.models import Article, Attachment, Page, Section, Tag

    urls = ["/en/", "/ru/", "/en/site-news/", "/ru/site-news/"]
    urls += [s.get_absolute_url() for s in Section.objects.select_related("edition")]
    urls += [
        a.get_absolute_url()
        for a in Article.objects.published().select_related("edition", "section").order_by("pk")
    ]
    urls += [t.get_absolute_url() for t in Tag.objects.select_related("edition")[:10]]
    urls += [p.get_absolute_url() for p in Page.objects.select_related("edition")]
    urls += [a.file.url for a in Attachment.objects.order_by("pk")[:3]]
    return sorted(set(urls))


def render(urls: list[str]) -> dict[str, list]:
    from django.test import Client

    client = Client()
    pages: dict[str, list] = {}
    for url in urls:
        response = client.get(url)
        body = (
            b"".join(response.streaming_content)  # type: ignore[arg-type]
            if response.streaming
            else response.content
        )
        pages[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
    return pages


def fingerprint(urls: list[str]) -> dict:
    from vestnik.ops.services import canonical_hashes

    return {"hashes": canonical_hashes(), "pages": render(urls)}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    import django

    django.setup()
    with open(sys.argv[1]) as f:
        wanted = json.load(f)
    print(json.dumps(fingerprint(wanted), sort_keys=True))  # noqa: T201
