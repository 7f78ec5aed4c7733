"""Push the current build to mirrors: a directory, rsync, or any rclone remote.

VESTNIK_MIRRORS lists targets separated by whitespace:

    dir:/srv/mirror            a local or mounted directory
    rsync:user@host:/srv/www   anything rsync accepts as a destination (SSH or a path)
    rclone:remote:path         any rclone remote (S3, WebDAV, SFTP …) from rclone's config

Each target gets only the files that changed; the manifest and its signature go last,
so a mirror verifies as the old or the new build once a push finishes. One failed
target is reported and the others still run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from vestnik import conf
from vestnik.publishing import signing
from vestnik.publishing.tree import current_build

SCHEMES = ("dir", "rsync", "rclone")
TIMEOUT = 3600


@dataclass
class MirrorResult:
    target: str
    ok: bool
    message: str
    seconds: float = 0.0


class MirrorError(Exception):
    pass


def configured_targets() -> list[str]:
    return conf.env("VESTNIK_MIRRORS").split()


def mirror_all(out: Path | str, targets: list[str] | None = None) -> list[MirrorResult]:
    """Push OUT/current to every target; never stops at a failed one."""
    targets = configured_targets() if targets is None else targets
    build = current_build(Path(out))
    if build is None:
        raise MirrorError(f"{out} has no published build (run vestnik publish first)")
    results = []
    for target in targets:
        start = time.perf_counter()
        try:
            message = push(build, target)
            results.append(MirrorResult(target, True, message, time.perf_counter() - start))
        except (MirrorError, OSError, subprocess.SubprocessError) as exc:
            results.append(MirrorResult(target, False, str(exc), time.perf_counter() - start))
    return results


def push(build: Path, target: str) -> str:
    scheme, _, dest = target.partition(":")
    if scheme not in SCHEMES or not dest:
        raise MirrorError(
            f"unknown target {target!r}: use dir:PATH, rsync:DEST or rclone:REMOTE:PATH"
        )
    if scheme == "dir":
        return push_dir(build, Path(dest))
    if scheme == "rsync":
        return _run(
            ["rsync", "-rlt", "--checksum", "--delete-delay", "--delay-updates",
             f"--exclude=/{signing.MANIFEST}", f"--exclude=/{signing.SIGNATURE}",
             f"{build}/", dest],
            ["rsync", "-t", "--ignore-times", str(build / signing.MANIFEST),
             str(build / signing.SIGNATURE), dest.rstrip("/") + "/"],
        )  # fmt: skip
    return push_rclone(build, dest)


def push_rclone(build: Path, dest: str) -> str:
    """Send what the manifests say changed: many remotes (WebDAV) keep no hashes or times."""
    files = json.loads((build / signing.MANIFEST).read_bytes())["files"]
    pair = [signing.MANIFEST, signing.SIGNATURE]
    root = dest.rstrip("/")
    try:
        remote = _output(["rclone", "cat", f"{root}/{signing.MANIFEST}"])
        old = json.loads(remote)["files"]
    except (MirrorError, ValueError, KeyError, TypeError):
        old = None
    with tempfile.TemporaryDirectory() as tmp:
        if old is None:  # unknown remote state: send everything
            _run(["rclone", "sync", "--ignore-times", "--exclude", f"/{pair[0]}",
                  "--exclude", f"/{pair[1]}", str(build), dest])  # fmt: skip
            sent, gone = len(files), []
        else:
            changed = sorted(rel for rel, entry in files.items() if old.get(rel) != entry)
            gone = sorted(rel for rel in old if rel not in files)
            sent = len(changed)
            if changed:
                listing = Path(tmp) / "changed"
                listing.write_text("".join(f"{rel}\n" for rel in changed))
                _run(["rclone", "copy", "--ignore-times", "--files-from-raw", str(listing),
                      str(build), dest])  # fmt: skip
            if gone:
                listing = Path(tmp) / "gone"
                listing.write_text("".join(f"{rel}\n" for rel in gone))
                _run(["rclone", "delete", "--files-from-raw", str(listing), dest])
        for name in reversed(pair):  # signature, then the manifest it signs
            _run(["rclone", "copyto", "--ignore-times", str(build / name), f"{root}/{name}"])
    return f"{sent} sent, {len(gone)} removed"


def _output(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        raise MirrorError(f"{command[0]} is not installed")
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from configuration
        command, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise MirrorError(f"{command[0]} exited {done.returncode}")
    return done.stdout


def _run(*commands: list[str]) -> str:
    for command in commands:
        if shutil.which(command[0]) is None:
            raise MirrorError(f"{command[0]} is not installed")
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from configuration
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise MirrorError(
                f"{command[0]} exited {done.returncode}: {reason[-1] if reason else ''}"
            )
    return "synced"


def push_dir(build: Path, dest: Path) -> str:
    """Copy new and changed files (by the manifests' hashes), then delete the rest."""
    files = json.loads((build / signing.MANIFEST).read_bytes())["files"]
    try:
        old = json.loads((dest / signing.MANIFEST).read_bytes())["files"]
    except (OSError, ValueError, KeyError):
        old = {}
    dest.mkdir(parents=True, exist_ok=True)
    copied = 0
    for rel, entry in files.items():
        target = dest / rel
        if old.get(rel) == entry and target.is_file() and target.stat().st_size == entry["size"]:
            continue
        _copy(build / rel, target)
        copied += 1
    removed = 0
    keep = set(files) | {signing.MANIFEST, signing.SIGNATURE}
    for dirpath, _dirs, names in os.walk(dest, topdown=False):
        for name in names:
            path = os.path.join(dirpath, name)
            if os.path.relpath(path, dest).replace(os.sep, "/") not in keep:
                os.unlink(path)
                removed += 1
        if dirpath != str(dest) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    for name in (signing.SIGNATURE, signing.MANIFEST):
        _copy(build / name, dest / name)
    return f"{copied} copied, {removed} removed"


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.vestnik-tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
