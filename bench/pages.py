"""Benchmark the public pages: generate N articles, serve with gunicorn, load with wrk.

    .venv/bin/python bench/pages.py [--articles 10000] [--duration 10] [--workers 4]

Prints requests/s and p50/p99 latency per page. Needs `wrk` (Debian package `wrk`).
Not a test: it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

VESTNIK = str(Path(sys.executable).with_name("vestnik"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--home", help="reuse this VESTNIK_HOME (skips generation if present)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    home = Path(args.home or tempfile.mkdtemp(prefix="vestnik-bench-"))
    env = {**os.environ, "VESTNIK_HOME": str(home)}
    env.pop("DATABASE_URL", None) if not os.environ.get("BENCH_DATABASE_URL") else env.update(
        DATABASE_URL=os.environ["BENCH_DATABASE_URL"]
    )
    fresh = not (home / "vestnik.sqlite3").exists() or os.environ.get("BENCH_DATABASE_URL")
    if fresh:
        subprocess.run([VESTNIK, "migrate", "-v0"], env=env, check=True)
        started = time.monotonic()
        subprocess.run(
            [VESTNIK, "generate", "--articles", str(args.articles), "--no-progress"],
            env=env, check=True,
        )  # fmt: skip
        print(f"generate {args.articles}: {time.monotonic() - started:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [VESTNIK, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(base + "/en/")
        import django

        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
        django.setup()
        from vestnik.content.models import Article

        article = Article.objects.published().filter(edition__code="en").order_by("-added").first()
        pages = {
            "home": "/en/",
            "section": f"/en/{article.section.path}/page/3/",
            "article": article.get_absolute_url(),
        }
        print(f"{'page':8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  url")
        for name, path in pages.items():
            r = wrk(base + path, args.duration, args.connections)
            print(f"{name:8} {r['rps']:9.0f} {r['p50']:8.2f} {r['p99']:8.2f}  {path}", end="")
            print(f"  ({r['non2xx']} non-2xx)" if r["non2xx"] else "")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
