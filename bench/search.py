"""Search benchmark: index build time, index size and query latency on each backend.

    .venv/bin/python bench/search.py [--articles 10000] [--queries 1000]
        [--backends sqlite,postgres] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]

For each backend, in a scratch site: `vestnik generate --articles N` (which indexes as it
inserts), then a timed `reindex()`, the index size, and p50/p95/p99 latency of mixed one- to
three-word queries through `services.search` (first page of 20, snippets included).
`generate` has a vocabulary of ~60 words per language, so a common word matches about half
the corpus: the query mix also has phrases, prefixes, exclusions and words that match little.
Not a test: it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def make_queries(n: int) -> list[tuple[str, str]]:
    from vestnik.demo.generate import WORDS

    rng = random.Random(7)
    rare = {
        "en": ["Petrov", "Smirnova", "No. 12345/06", "hunger strike", "Memorial", "Kazan"],
        "ru": ["Петрова", "Смирновой", "№ 12345/06", "голодовка", "Мемориал", "Казани"],
    }
    queries = []
    for i in range(n):
        ed = ("en", "ru")[i % 2]
        words = WORDS[ed]
        kind = rng.random()
        if kind < 0.30:
            q = rng.choice(words)
        elif kind < 0.55:
            q = " ".join(rng.sample(words, 2))
        elif kind < 0.70:
            q = " ".join(rng.sample(words, 3))
        elif kind < 0.80:
            q = '"' + " ".join(rng.sample(words, 2)) + '"'
        elif kind < 0.87:
            q = rng.choice(words)[:5] + "*"
        elif kind < 0.92:
            a, b = rng.sample(words, 2)
            q = f"{a} -{b}"
        else:
            q = (
                f"{rng.choice(rare[ed])} {rng.choice(words)}"
                if rng.random() < 0.5
                else (rng.choice(rare[ed]))
            )
        queries.append((ed, q))
    return queries


def index_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('vestnik_search_searchentry')"
                " + pg_total_relation_size('vestnik_search_searchentry_tags')"
            )
            return int(cursor.fetchone()[0])
        try:
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'vestnik_search%'"
                " OR name LIKE 'sqlite_autoindex_vestnik_search%'"
            )
            return int(cursor.fetchone()[0] or 0)
        except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return int(pages * cursor.fetchone()[0])


def run_one(backend: str, articles: int, nqueries: int) -> dict:
    """Runs in a child process whose environment already names the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    from django.core.management import call_command

    from vestnik.content.models import Edition
    from vestnik.demo.generate import generate
    from vestnik.search import services

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(articles, seed=1, progress=False)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    entries = services.reindex()
    reindex_s = time.perf_counter() - started
    editions = {e.code: e for e in Edition.objects.all()}
    queries = make_queries(nqueries)
    for ed, q in queries[:50]:  # warm caches
        services.search(editions[ed], q)
    latencies, totals = [], []
    for ed, q in queries:
        t = time.perf_counter()
        result = services.search(editions[ed], q)
        latencies.append((time.perf_counter() - t) * 1000)
        totals.append(result.total)
    return {
        "backend": backend,
        "articles": articles,
        "entries": entries,
        "generate_with_index_s": round(generate_s, 1),
        "reindex_s": round(reindex_s, 1),
        "index_mb": round(index_size() / 2**20, 1),
        "queries": len(queries),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "mean_ms": round(statistics.mean(latencies), 1),
        "median_hits": int(statistics.median(totals)),
        "zero_hit_queries": sum(1 for t in totals if t == 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.articles, args.queries)))
        return
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix="vestnik-bench-search-") as home:
            env = {**os.environ, "VESTNIK_HOME": home}
            env.pop("DATABASE_URL", None)
            dbname = ""
            if backend == "postgres":
                import psycopg

                dbname = f"vestnik_bench_{uuid.uuid4().hex[:10]}"
                with psycopg.connect(args.pg_url, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{dbname}"')
                env["DATABASE_URL"] = args.pg_url.rsplit("/", 1)[0] + f"/{dbname}"
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", backend, "--articles",
                     str(args.articles), "--queries", str(args.queries)],
                    env=env, capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
            finally:
                if dbname:
                    with psycopg.connect(args.pg_url, autocommit=True) as conn:
                        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            result = json.loads(out.strip().splitlines()[-1])
            print(", ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
