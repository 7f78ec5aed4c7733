"""Benchmark feeds, sitemaps and the JSON API: cold vs cached, and what a 304 costs.

    .venv/bin/python bench/syndication.py [--articles 20000] [--repeat 30]

Builds a throw-away SQLite site in a temporary folder (or uses DATABASE_URL as is), adds
synthetic articles, then times requests in-process through the whole Django stack
(middleware included, no network): "cold" clears the cache before every request,
"cached" serves from the response cache, "304" sends If-None-Match. Prints median and
p90 per URL. Not a test: it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(ordered):8.2f} {p90:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="vestnik-bench-")
    os.environ.setdefault("VESTNIK_HOME", home)
    Path(os.environ["VESTNIK_HOME"], "static").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    os.environ["VESTNIK_API_RATE"] = "100000000/min"
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from vestnik.content.models import Article
    from vestnik.demo.generate import generate
    from vestnik.syndication.services import bump_content_version

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < args.articles:
        generate(args.articles - have, progress=False)
    bump_content_version()  # bulk inserts send no signals
    total = Article.objects.count()
    article = Article.objects.published().order_by("-added").first()
    if article is None:
        raise SystemExit("no published article to benchmark")
    client = Client(SERVER_NAME="localhost")
    section = article.section.path.split("/")[0]
    urls = [
        "/en/",
        article.get_absolute_url(),
        "/en/feeds/atom.xml",
        "/en/feeds/rss.xml",
        f"/{article.edition.code}/feeds/sections/{section}/atom.xml",
        "/sitemap.xml",
        "/sitemap-en-articles.xml",
        "/sitemap-news.xml",
        "/api/v1/articles?edition=en&limit=50",
        f"/api/v1/articles/{article.pk}",
    ]
    print(f"{total} articles, database {django.db.connection.vendor}, {args.repeat} runs each")
    print(f"{'url':48} {'cold ms (median p90)':>20} {'cached':>17} {'304':>17} {'bytes':>9}")
    for url in urls:
        first = client.get(url)
        if first.status_code != 200:
            print(f"{url[:48]:48} HTTP {first.status_code}")
            continue
        etag = first["ETag"]

        def cold(url=url):
            cache.clear()
            client.get(url)

        cold_ms = timed(cold, args.repeat)
        client.get(url)
        cached_ms = timed(lambda url=url: client.get(url), args.repeat)
        not_modified = timed(
            lambda url=url, etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag), args.repeat
        )
        print(
            f"{url[:48]:48} {summary(cold_ms):>20} {summary(cached_ms):>17} "
            f"{summary(not_modified):>17} {len(first.content):>9}"
        )
    print("pages (/en/, the article) are not kept in the server cache: 'cached' = rendered again")


if __name__ == "__main__":
    main()
