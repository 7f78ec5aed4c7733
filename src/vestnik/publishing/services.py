"""Publish the site as a static tree: collect → render (in processes) → write → sign → switch."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection, connections

from vestnik.publishing import origin, registry, signing, static_search
from vestnik.publishing.pages import (
    Job,
    Site,
    fingerprint,
    sidebar_only_changed,
    splice_sidebar,
)
from vestnik.publishing.tree import (
    BUILDS,
    PART,
    BuildWriter,
    PublishError,
    prune,
    publish_lock,
    read_previous,
    switch_current,
    url_to_relpath,
    write_meta,
)

DEFAULT_KEEP = 3
STATIC_SKIP = ("admin/",)  # the back office's assets are not part of the public site


@dataclass
class PublishResult:
    build_id: str
    path: Path
    files: int
    rendered: int
    linked: int
    seconds: float
    incremental: bool
    spliced: int = 0


def default_workers() -> int:
    """Fork render workers, except where a child could not see the data (tests)."""
    if connection.in_atomic_block:
        return 1
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and ("memory" in name or name in {"", ":memory:"}):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _die_with_parent() -> None:
    """A render worker must not outlive a killed publisher (Linux; elsewhere best effort)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _emit(site: Site, writer: BuildWriter, job: Job) -> None:
    """Link the unchanged page, splice a new site-news block into it, or render it."""
    rel = url_to_relpath(job.url)
    if writer.reuse(rel, job.fp):
        return
    if job.sidebar is not None and sidebar_only_changed(writer.prev_fps.get(rel), job.fp):
        old = writer.previous_bytes(rel)
        new = splice_sidebar(old, site.sidebar_block(job.sidebar)) if old is not None else None
        if new is not None:
            writer.write(rel, job.fp, new, spliced=True)
            return
    writer.write(rel, job.fp, job.render())


def _run_share(
    site: Site,
    writer: BuildWriter,
    jobs: list[Job],
    article_ids: list[int],
    claimed: set[str],
    urls: list[tuple[str, str]],
) -> None:
    for job in jobs:
        _emit(site, writer, job)
    for job in site.article_jobs(article_ids, claimed):
        _emit(site, writer, job)
    _fetch_provider_urls(writer, urls)


def _render_all(
    site: Site,
    writer: BuildWriter,
    jobs: list[Job],
    claimed: set[str],
    workers: int,
    urls: list[tuple[str, str]],
) -> None:
    """Pages, articles and other apps' URLs, shared out among `workers` processes."""
    ids = site.article_ids()
    if workers <= 1:
        _run_share(site, writer, jobs, ids, claimed, urls)
        return
    connections.close_all()  # each process opens its own database connection
    children = []
    for index in range(1, workers):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            _die_with_parent()
            code = 0
            try:
                _run_share(
                    site, writer, jobs[index::workers], ids[index::workers], claimed,
                    urls[index::workers],
                )  # fmt: skip
                payload = pickle.dumps(
                    ("ok", writer.files, writer.fps, writer.rendered, writer.spliced)
                )
            except BaseException:  # noqa: BLE001 - reported to the parent
                payload = pickle.dumps(("error", traceback.format_exc()))
                code = 1
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            os._exit(code)
        os.close(write_fd)
        children.append((pid, read_fd))
    failure = ""
    try:
        _run_share(site, writer, jobs[0::workers], ids[0::workers], claimed, urls[0::workers])
    finally:
        for pid, read_fd in children:
            with os.fdopen(read_fd, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            try:
                result = pickle.loads(data)  # noqa: S301 - our own forked child wrote it
            except Exception:  # noqa: BLE001
                result = ("error", "a render worker died")
            if result[0] != "ok":
                failure = failure or result[1]
                continue
            _, files, fps, rendered, spliced = result
            writer.files.update(files)
            writer.fps.update(fps)
            writer.rendered += rendered
            writer.spliced += spliced
            writer.linked += len(files) - rendered - spliced
    if failure:
        raise PublishError(f"rendering failed:\n{failure}")


def _copy_file(writer: BuildWriter, rel: str, source: str) -> None:
    st = os.stat(source)
    fp = fingerprint("file", source, st.st_size, st.st_mtime_ns)
    if not writer.reuse(rel, fp):
        with open(source, "rb") as fh:
            writer.write(rel, fp, fh.read())


def _static_files(writer: BuildWriter) -> None:
    seen: set[str] = set()
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            path = path.replace(os.sep, "/")
            if path in seen or path.startswith(STATIC_SKIP):
                continue
            seen.add(path)
            rel = url_to_relpath(settings.STATIC_URL.rstrip("/") + "/" + path)
            _copy_file(writer, rel, storage.path(path))


def _media_files(writer: BuildWriter) -> None:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for dirpath, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            source = os.path.join(dirpath, name)
            rel_media = os.path.relpath(source, root).replace(os.sep, "/")
            rel = url_to_relpath(settings.MEDIA_URL.rstrip("/") + "/" + rel_media)
            _copy_file(writer, rel, source)


def provider_urls() -> list[tuple[str, str]]:
    """(provider name, URL path) of every URL other apps registered."""
    return [
        (name, url) for name, provider in sorted(registry.providers().items()) for url in provider()
    ]


def _fetch_provider_urls(writer: BuildWriter, urls: list[tuple[str, str]]) -> None:
    """Other apps' URLs, fetched through the live views (so the bytes are the live bytes)."""
    if not urls:
        return
    from django.test import Client

    # the same origin as the pages rendered in pages.py, so every file of a tree names one
    scheme, host = origin.site_origin()
    client = Client(HTTP_HOST=host)
    for name, url in urls:
        response = client.get(url, secure=origin.is_secure(scheme))
        if response.status_code != 200:
            raise PublishError(f"{name}: {url} answered {response.status_code}")
        body = b"".join(response) if response.streaming else response.content
        rel, fp = url_to_relpath(url), fingerprint("url", body)
        if not writer.reuse(rel, fp):
            writer.write(rel, fp, body)


def root_redirect_page(target: str) -> bytes:
    """`/` of the static tree: the live site picks the reader's language; a file cannot."""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}"><title>vestnik</title></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    ).encode()


def publish(
    out: Path | str,
    full: bool = False,
    keep: int = DEFAULT_KEEP,
    workers: int | None = None,
    wait: bool = True,
    keep_search_index: bool = False,
) -> PublishResult:
    """Build the whole public site into OUT/builds/ID and make it OUT/current."""
    if keep < 1:
        raise PublishError("--keep must be at least 1")
    out = Path(out).resolve()
    start = time.perf_counter()
    with publish_lock(out, wait), origin.allowed(origin.site_origin()[1]):
        prune(out, keep + 1)  # leftovers of killed publishers first
        previous, prev_files, prev_fps = (None, {}, {}) if full else read_previous(out)
        key = signing.signing_key()
        build_id = _unique_build_id(out)
        part = out / BUILDS / f"{build_id}{PART}"
        part.mkdir(parents=True)
        writer = BuildWriter(part, previous, prev_files, prev_fps)

        site = Site()
        jobs = list(site.jobs())
        claimed: set[str] = set()
        for job in jobs:
            if job.url in claimed:
                raise PublishError(f"two pages want the same URL: {job.url}")
            claimed.add(job.url)
        article_urls = {
            site.by_id[i].get_absolute_url() for i in site.article_ids()
        } - claimed  # sections win a path over articles, as on the live site
        jobs += list(site.page_jobs(claimed | article_urls))
        urls = provider_urls()
        _render_all(site, writer, jobs, claimed, workers or default_workers(), urls)

        _static_files(writer)
        _media_files(writer)
        key_text = signing.public_key_text(key).encode()
        writer.write(signing.KEY_URL_PATH, fingerprint("key", key_text), key_text)
        if site.editions and "index.html" not in writer.files:
            page = root_redirect_page(site.editions[0].get_absolute_url())
            writer.write("index.html", fingerprint("root", page), page)

        # reads the pages written above; signed below
        static_search.build_index(writer, out, keep_stale=keep_search_index)
        manifest = signing.manifest_bytes(writer.files, build_id)
        (part / signing.MANIFEST).write_bytes(manifest)
        (part / signing.SIGNATURE).write_bytes(signing.sign(manifest, key))
        final = out / BUILDS / build_id
        os.rename(part, final)
        write_meta(out, build_id, writer.fps)
        switch_current(out, build_id)
        prune(out, keep)
    return PublishResult(
        build_id, final, len(writer.files), writer.rendered, writer.linked,
        time.perf_counter() - start, previous is not None, writer.spliced,
    )  # fmt: skip


def _unique_build_id(out: Path) -> str:
    from vestnik.publishing.tree import new_build_id

    while True:
        build_id = new_build_id()
        if not (out / BUILDS / build_id).exists():
            return build_id
