"""A backup killed at any moment never leaves a file that looks like a complete archive."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.factories import ArticleFactory
from tests.ops.conftest import VESTNIK, run
from vestnik.ops import services
from vestnik.ops.archive import ArchiveError

KILLS = 20


def _wait_for(path: Path, process: subprocess.Popen, limit: float = 60) -> bool:
    deadline = time.monotonic() + limit
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


@pytest.mark.slow
def test_sigkill_at_random_points_leaves_no_complete_looking_archive(
    db, settings, cli_env, tmp_path
):
    # A site whose backup takes a measurable time to write: rows plus 6 MB of media
    # that does not compress.
    ArticleFactory.create_batch(30)
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "video.bin").write_bytes(random.Random(1).randbytes(6 << 20))
    seed = tmp_path / "seed.vbk"
    services.backup(seed)
    assert run(cli_env, "restore", str(seed)).returncode == 0

    out = tmp_path / "backups"
    out.mkdir()
    # one complete run: how long the process takes to start writing, and the full size
    target = out / "full.vbk"
    started = time.monotonic()
    process = subprocess.Popen([VESTNIK, "backup", str(target)], env=cli_env)
    assert _wait_for(target.with_name("full.vbk.partial"), process) or process.poll() == 0
    startup = time.monotonic() - started
    assert process.wait(timeout=120) == 0
    full_size = target.stat().st_size

    rng = random.Random(20)
    outcomes = {
        "killed-before-writing": 0, "killed-while-writing": 0, "killed-before-rename": 0,
        "finished": 0,
    }  # fmt: skip
    for attempt in range(KILLS):
        target = out / f"site-{attempt}.vbk"
        partial = target.with_name(target.name + ".partial")
        process = subprocess.Popen(
            [VESTNIK, "backup", str(target)], env=cli_env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if attempt % 4 == 0:
            time.sleep(rng.uniform(0, startup))  # during start-up or the database dump
        elif _wait_for(partial, process):
            # when the archive has grown to a random size (whatever the machine's speed)
            threshold = rng.uniform(0, full_size)
            while process.poll() is None:
                try:
                    if partial.stat().st_size >= threshold:
                        break
                except FileNotFoundError:
                    break
                time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
        if target.exists():
            # the rename is the last step: a file under the real name is complete
            assert code in (0, -signal.SIGKILL)
            manifest = services.unpack(target, _scratch(tmp_path, attempt), lambda: "")
            assert "media/video.bin" in manifest["members"]
            outcomes["finished"] += 1
            continue
        if partial.exists():
            # Killed while writing: the .partial is incomplete and restore refuses it.
            # (Killed between the final fsync and the rename, it is whole but still
            # carries the .partial name; that is allowed and counted apart.)
            try:
                services.unpack(partial, _scratch(tmp_path, attempt), lambda: "")
            except ArchiveError:
                outcomes["killed-while-writing"] += 1
            else:
                outcomes["killed-before-rename"] += 1
        else:
            outcomes["killed-before-writing"] += 1
    assert outcomes["killed-while-writing"] >= 5, outcomes


def _scratch(tmp_path: Path, attempt: int) -> Path:
    folder = tmp_path / f"scratch-{attempt}"
    folder.mkdir()
    return folder


@pytest.mark.slow
def test_a_failing_backup_removes_its_partial_file(db, tmp_path, monkeypatch):
    from vestnik.ops import dump

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dump, "dump_model", broken)
    target = tmp_path / "site.vbk"
    with pytest.raises(OSError):
        services.backup(target)
    assert sorted(os.listdir(tmp_path)) == []
