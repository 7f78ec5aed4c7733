"""The published directory: builds side by side, `current` swapped atomically, one writer.

OUT/.lock                  flock: one publisher at a time
OUT/current -> builds/ID   what the web server serves (a relative symlink)
OUT/builds/ID/             a complete build; ID sorts by time
OUT/builds/ID.part/        a build being written (removed if the publisher died)
OUT/meta/ID.json           fingerprints of the build's pages (incremental builds)
OUT/.trash/ID/             pruned builds, deleted by a background process
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

CURRENT = "current"
BUILDS = "builds"
META = "meta"
PART = ".part"
TRASH = ".trash"


class PublishError(Exception):
    """A publish that cannot go on; the message says why."""


class PublishLocked(PublishError):
    pass


@contextmanager
def publish_lock(out: Path, wait: bool = True) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise PublishLocked(f"another publisher is writing to {out}") from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


def new_build_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def current_build(out: Path) -> Path | None:
    link = out / CURRENT
    if not link.is_symlink():
        return None
    target = (out / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def url_to_relpath(url: str) -> str:
    """`/en/news/` → `en/news/index.html`; refuses paths that would leave the tree."""
    if not url.startswith("/") or "\\" in url or "\x00" in url:
        raise PublishError(f"not a root-relative URL path: {url!r}")
    rel = url.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    parts = rel.split("/")
    if any(p in {"", ".", ".."} for p in parts):
        raise PublishError(f"unsafe URL path: {url!r}")
    return rel


class BuildWriter:
    """Writes files into one build directory; never the same path twice."""

    def __init__(self, root: Path, previous: Path | None, prev_files: dict, prev_fps: dict):
        self.root = root
        self.previous = previous
        self.prev_files = prev_files
        self.prev_fps = prev_fps
        self.files: dict[str, tuple[str, int]] = {}
        self.fps: dict[str, str] = {}
        self.rendered = 0
        self.spliced = 0
        self.linked = 0
        self._dirs: set[str] = set()

    def _open_dir(self, rel: str) -> None:
        parent = rel.rpartition("/")[0]
        if parent and parent not in self._dirs:
            # one mkdir when the grandparent is known to exist (most pages); else makedirs
            grand = parent.rpartition("/")[0]
            if not grand or grand in self._dirs:
                try:
                    os.mkdir(self.root / parent)
                except FileExistsError:
                    pass
            else:
                os.makedirs(self.root / parent, exist_ok=True)
                self._dirs.add(grand)
            self._dirs.add(parent)

    def claim(self, rel: str, fp: str) -> None:
        if rel in self.files or rel in self.fps:
            raise PublishError(f"two pages want the same file: {rel}")
        self.fps[rel] = fp

    def reuse(self, rel: str, fp: str) -> bool:
        """Hard-link the previous build's file when the page's inputs did not change."""
        if self.previous is None or self.prev_fps.get(rel) != fp or rel not in self.prev_files:
            return False
        self._open_dir(rel)
        try:
            os.link(self.previous / rel, self.root / rel)
        except OSError:
            return False
        self.claim(rel, fp)
        digest, size = self.prev_files[rel]
        self.files[rel] = (digest, size)
        self.linked += 1
        return True

    def previous_bytes(self, rel: str) -> bytes | None:
        """The previous build's file, if it had one."""
        if self.previous is None or rel not in self.prev_files:
            return None
        try:
            return (self.previous / rel).read_bytes()
        except OSError:
            return None

    def write(self, rel: str, fp: str, data: bytes, spliced: bool = False) -> None:
        self.claim(rel, fp)
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = (digest, len(data))
        self._open_dir(rel)
        if self.previous is not None and tuple(self.prev_files.get(rel, ())) == (
            digest,
            len(data),
        ):
            # Same bytes as before: link, so mirrors and rsync see an unchanged file.
            try:
                os.link(self.previous / rel, self.root / rel)
                self.linked += 1
                return
            except OSError:
                pass
        fd = os.open(self.root / rel, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        if spliced:
            self.spliced += 1
        else:
            self.rendered += 1


def read_previous(out: Path) -> tuple[Path | None, dict, dict]:
    """The current build, its manifest's files and its fingerprints (empty if unknown)."""
    from vestnik.publishing.signing import MANIFEST

    build = current_build(out)
    if build is None:
        return None, {}, {}
    try:
        files = json.loads((build / MANIFEST).read_bytes())["files"]
        fps = json.loads((out / META / f"{build.name}.json").read_bytes())
    except (OSError, ValueError, KeyError):
        return None, {}, {}
    return build, {p: (e["sha256"], e["size"]) for p, e in files.items()}, fps


def switch_current(out: Path, build_id: str) -> None:
    """Point `current` at the new build in one rename: readers see the old or the new tree."""
    tmp = out / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(f"{BUILDS}/{build_id}", tmp)
    os.replace(tmp, out / CURRENT)


def prune(out: Path, keep: int, background: bool = True) -> list[str]:
    """Remove unfinished builds and all but the `keep` newest complete ones.

    A doomed build is moved into OUT/.trash in one rename and deleted there by a separate
    process (`background`), so a publish does not wait for tens of thousands of unlinks.
    """
    builds = out / BUILDS
    if not builds.is_dir():
        return []
    current = current_build(out)
    removed = []
    complete = sorted(p.name for p in builds.iterdir() if p.is_dir() and PART not in p.name)
    doomed = [p for p in builds.iterdir() if p.name.endswith(PART)]
    for name in complete[: max(0, len(complete) - max(keep, 1))]:
        if current is None or name != current.name:
            doomed.append(builds / name)
    trash = out / TRASH
    for path in doomed:
        trash.mkdir(exist_ok=True)
        try:
            os.rename(path, trash / path.name)
        except OSError:
            shutil.rmtree(path, ignore_errors=True)
        (out / META / f"{path.name}.json").unlink(missing_ok=True)
        removed.append(path.name)
    empty_trash(out, background)
    meta = out / META
    if meta.is_dir():
        alive = {p.name for p in builds.iterdir()}
        for f in meta.iterdir():
            if f.name.removesuffix(".json") not in alive:
                f.unlink(missing_ok=True)
    for stray in out.glob(f".{CURRENT}.*"):
        stray.unlink(missing_ok=True)
    return removed


def write_meta(out: Path, build_id: str, fps: dict[str, str]) -> None:
    meta = out / META
    meta.mkdir(parents=True, exist_ok=True)
    tmp = meta / f".{build_id}.{os.getpid()}"
    tmp.write_text(json.dumps(fps, separators=(",", ":"), sort_keys=True))
    os.replace(tmp, meta / f"{build_id}.json")


def elapsed(start: float) -> float:
    return time.perf_counter() - start


def empty_trash(out: Path, background: bool = True) -> None:
    """Delete pruned builds: in a detached process, or here and now."""
    trash = out / TRASH
    if not trash.is_dir():
        return
    victims = [str(p) for p in trash.iterdir()]
    if not victims:
        return
    if background:
        try:
            # close_fds (the default) keeps the publish lock and database out of the child
            subprocess.Popen(  # noqa: S603 - our own interpreter, our own paths
                [sys.executable, "-c", _RMTREE, *victims],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            return
        except OSError:
            pass
    for victim in victims:
        shutil.rmtree(victim, ignore_errors=True)


_RMTREE = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"
