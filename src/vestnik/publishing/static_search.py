"""Search in the static tree: a Pagefind index in BUILD/pagefind/, built before signing.

Pagefind reads the written pages and indexes only the parts marked `data-pagefind-body`
(article and case pages), one index per `<html lang>` (Russian and English stemming). The
search page's script (vestnik_search/static-search.js) queries it in the reader's browser.

An incremental build whose indexed pages did not change hard-links the previous build's
index instead of running Pagefind again. The site-news block spliced into every page lies
outside the indexed part, so a splice alone does not count as a change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from vestnik.publishing.pages import fingerprint, sidebar_only_changed
from vestnik.publishing.tree import BuildWriter, PublishError

BUNDLE = "pagefind"
ENTRY = f"{BUNDLE}/pagefind-entry.json"
MARK = b"data-pagefind-body"
STALE = "stale"  # the entry file's fingerprint when an index was kept over changed pages
TIMEOUT = 3600  # seconds; a hung indexer must not hold the publish lock for ever


def enabled() -> bool:
    return bool(getattr(settings, "VESTNIK_PUBLISH_SEARCH", True))


def executable() -> Path:
    """The Pagefind binary of the installed `pagefind[extended]` wheel (or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise PublishError(
            "static search: the pagefind package is not installed "
            "(pip install 'pagefind[extended]', or set VESTNIK_PUBLISH_SEARCH=0)"
        ) from exc
    binary = get_executable()
    if binary is None or not binary.is_file():
        raise PublishError("static search: the pagefind binary was not found")
    return binary


def _indexed(path: Path) -> bool:
    try:
        return MARK in path.read_bytes()
    except OSError:
        return False


def index_unchanged(writer: BuildWriter) -> bool:
    """True when no page Pagefind indexes was added, removed or changed since the last build."""
    previous = writer.previous
    if previous is None or not any(r.startswith(BUNDLE + "/") for r in writer.prev_files):
        return False
    if writer.prev_fps.get(ENTRY) == STALE:
        return False  # kept from an older build: out of date by definition
    pages = {r for r in writer.files if r.endswith(".html")}
    pages |= {r for r in writer.prev_files if r.endswith(".html") and not r.startswith(BUNDLE)}
    for rel in pages:
        old, new = writer.prev_fps.get(rel), writer.fps.get(rel)
        if old == new and rel in writer.files and rel in writer.prev_files:
            continue
        if old and new and sidebar_only_changed(old, new):
            continue
        if (rel in writer.files and _indexed(writer.root / rel)) or (
            rel in writer.prev_files and _indexed(previous / rel)
        ):
            return False
    return True


def _link_previous(writer: BuildWriter) -> bool:
    """Hard-link the previous build's index; False (and nothing claimed) if a file is gone."""
    rels = sorted(r for r in writer.prev_files if r.startswith(BUNDLE + "/"))
    done: list[str] = []
    for rel in rels:
        if not writer.reuse(rel, writer.prev_fps.get(rel, "")):
            for undo in done:
                writer.files.pop(undo, None)
                writer.fps.pop(undo, None)
                writer.linked -= 1
            shutil.rmtree(writer.root / BUNDLE, ignore_errors=True)
            return False
        done.append(rel)
    return True


def _canonical_entry(data: bytes) -> bytes:
    """Pagefind writes the languages of its entry file in any order: sort them, so the same
    pages always give the same bytes (an incremental build equals a full one)."""
    try:
        entry = json.loads(data)
    except ValueError as exc:
        raise PublishError(f"static search: pagefind wrote a bad {ENTRY}") from exc
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _run(root: Path, bundle: Path) -> None:
    command = [
        str(executable()),
        "--site", str(root),
        "--output-path", str(bundle),
        "--quiet",
    ]  # fmt: skip
    try:
        done = subprocess.run(  # noqa: S603 - our own argument list, no shell
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PublishError(f"static search: pagefind could not run: {exc}") from exc
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip())[-2000:]
        raise PublishError(f"static search: pagefind failed ({done.returncode}): {message}")


def build_index(writer: BuildWriter, out: Path, keep_stale: bool = False) -> str:
    """Put the search index into the build; says "off", "linked", "kept" or "built".

    `keep_stale`: reuse the previous build's index even if indexed pages changed (the
    publish after each back-office save does, so a save does not wait for re-indexing the
    whole site; the next `vestnik publish` brings the index up to date).
    """
    if not enabled():
        return "off"
    if index_unchanged(writer) and _link_previous(writer):
        return "linked"
    if keep_stale and writer.previous is not None and _link_previous(writer):
        writer.fps[ENTRY] = STALE  # the next full refresh re-indexes
        return "kept"
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=out) as tmp:
        bundle = Path(tmp) / BUNDLE
        _run(writer.root, bundle)
        if not bundle.is_dir():
            raise PublishError("static search: pagefind wrote no index")
        rendered = writer.rendered  # "rendered" counts pages; the index is not one
        for dirpath, dirs, names in os.walk(bundle):
            dirs.sort()
            for name in sorted(names):
                path = Path(dirpath) / name
                rel = BUNDLE + "/" + path.relative_to(bundle).as_posix()
                data = path.read_bytes()
                if rel == ENTRY:
                    data = _canonical_entry(data)
                # content-named fragments keep their bytes: writer links them (mirrors, rsync)
                writer.write(rel, fingerprint("pagefind", hashlib.sha256(data).digest()), data)
        writer.rendered = rendered
    return "built"
