"""Benchmark backup and restore: N generated articles, one archive, a fresh instance.

    .venv/bin/python bench/backup.py [--articles 10000] [--database-url postgres://…/base]

Builds a site in a temporary VESTNIK_HOME (SQLite, or a scratch PostgreSQL database created
next to --database-url), runs `vestnik generate`, then times `vestnik backup` and
`vestnik restore` into a second, empty instance (same kind of database) as child processes,
and prints wall time, archive size and each child's peak RSS. Not a test: it never passes
or fails on time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

VESTNIK = str(Path(sys.executable).with_name("vestnik"))


def run(env: dict, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `vestnik` child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([VESTNIK, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def instance(root: Path, name: str, base_url: str) -> tuple[dict, str | None]:
    env = {**os.environ, "VESTNIK_HOME": str(root / name), "VESTNIK_REQUIRE_2FA": "0"}
    env.pop("DATABASE_URL", None)
    if not base_url:
        return env, None
    import psycopg

    db = f"vestnik_bench_{name}_{uuid.uuid4().hex[:8]}"
    server = base_url.rpartition("/")[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    env["DATABASE_URL"] = f"{server}/{db}"
    return env, db


def drop(base_url: str, db: str | None) -> None:
    if db is None:
        return
    import psycopg

    server = base_url.rpartition("/")[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to use (a base URL)")
    args = parser.parse_args()
    kind = "PostgreSQL" if args.database_url else "SQLite"
    with tempfile.TemporaryDirectory(prefix="vestnik-bench-backup-") as tmp:
        root = Path(tmp)
        source, source_db = instance(root, "source", args.database_url)
        target, target_db = instance(root, "target", args.database_url)
        try:
            run(source, "migrate", "-v0")
            gen, _ = run(source, "generate", "--articles", str(args.articles))
            archive = root / "site.vbk"
            backup_s, backup_rss = run(source, "backup", str(archive))
            restore_s, restore_rss = run(target, "restore", str(archive))
            size = archive.stat().st_size / 2**20
        finally:
            drop(args.database_url, source_db)
            drop(args.database_url, target_db)
    print(f"{kind}, {args.articles:,} generated articles (generate {gen:.1f} s)")
    print(f"  backup : {backup_s:7.1f} s, archive {size:.1f} MiB, peak RSS {backup_rss:.0f} MB")
    print(f"  restore: {restore_s:7.1f} s (incl. search reindex), peak RSS {restore_rss:.0f} MB")


if __name__ == "__main__":
    main()
