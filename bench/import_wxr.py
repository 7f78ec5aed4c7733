"""Benchmark the WordPress importer: write a synthetic export of N posts, import it, report.

    .venv/bin/python bench/import_wxr.py [--posts 10000] [--keep]

Runs `vestnik import wxr` as a child process on a fresh site (SQLite in a temporary
VESTNIK_HOME, or the database of DATABASE_URL) and prints the export size, the import
time, items/s, and the importer's peak RSS; then imports the same file again (the
idempotent pass, nothing changes). Not a test: it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VESTNIK = str(Path(sys.executable).with_name("vestnik"))
WORDS = (
    "court prisoner rights defender appeal hearing monitoring colony lawyer statement report "
    "freedom assembly detention torture evidence witness journalist activist region"
).split()


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_export(path: Path, posts: int, seed: int = 7) -> None:
    """A WXR 1.2 file: nested categories, tags, posts with blocks and shortcodes, comments."""
    rng = random.Random(seed)
    categories = [(f"region-{i}", "", f"Region {i}") for i in range(10)]
    categories += [(f"topic-{i}", f"region-{i % 10}", f"Topic {i}") for i in range(40)]
    tags = [f"tag-{i}" for i in range(300)]
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Bench</title><link>https://bench.example.org</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>\n"
        )
        for i, (nicename, parent, name) in enumerate(categories, 1):
            out.write(
                f"<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename>{nicename}"
                f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for tag in tags:
            out.write(f"<wp:tag><wp:tag_slug>{tag}</wp:tag_slug><wp:tag_name>{tag}</wp:tag_name>"
                      "</wp:tag>\n")  # fmt: skip
        for n in range(1, posts + 1):
            topic = rng.randrange(40)
            body = "\n\n".join(paragraph(rng, 40) for _ in range(4))
            if n % 3 == 0:
                body = (
                    "<!-- wp:paragraph -->\n<p>"
                    + paragraph(rng, 40)
                    + "</p>\n<!-- /wp:paragraph -->"
                )
            if n % 7 == 0:
                image = '<img src="https://bench.example.org/a.jpg">'
                body += f'\n\n[caption width="300"]{image} Photo[/caption]'
            post_tags = "".join(
                f'<category domain="post_tag" nicename="{t}">{t}</category>'
                for t in rng.sample(tags, 3)
            )
            day = f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00:00"
            out.write(
                f"<item><title>{cdata(paragraph(rng, 8))}</title>"
                f"<link>https://bench.example.org/{day[:4]}/post-{n}/</link>"
                f'<guid isPermaLink="false">https://bench.example.org/?p={n}</guid>'
                f"<content:encoded>{cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{cdata(paragraph(rng, 20) if n % 2 else '')}</excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>{day}</wp:post_date_gmt>"
                f"<wp:post_name>post-{n}</wp:post_name>"
                f"<wp:status>{'draft' if n % 50 == 0 else 'publish'}</wp:status>"
                f"<wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="topic-{topic}">Topic {topic}</category>'
                f"{post_tags}"
                f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
                f"<wp:comment_content>{cdata('Thanks')}</wp:comment_content></wp:comment>"
                "</item>\n"
            )
        out.write("</channel>\n</rss>\n")


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a child; its wall time, its own peak RSS in MB, and its output."""
    start = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read().decode() if child.stdout is not None else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return elapsed, usage.ru_maxrss // 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vestnik-bench-import-"))
    env = {**os.environ, "VESTNIK_HOME": str(work / "home")}
    export = work / "export.xml"
    start = time.perf_counter()
    write_export(export, options.posts)
    size = export.stat().st_size / 1024 / 1024
    print(f"export: {options.posts:,} posts, {size:.1f} MB, written in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    run([VESTNIK, "migrate", "-v0"], env)
    print(f"database: {os.environ.get('DATABASE_URL', 'SQLite').split('@')[-1]}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    for label in ("first import", "second import (nothing changes)"):
        elapsed, rss, output = run([VESTNIK, "import", "wxr", str(export)], env)
        print(f"{label}: {elapsed:.1f} s, {options.posts / elapsed:,.0f} posts/s, "
              f"peak RSS {rss} MB")  # fmt: skip
        for line in output.splitlines()[1:4]:
            print("   ", line.strip())
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if options.keep:
        print(f"kept: {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
