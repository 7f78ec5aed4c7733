"""`vestnik mirror` pushes changed files to each target; one failure does not stop the rest."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import time

import pytest
from django.core.management import CommandError, call_command

from tests import needs
from tests.publishing.conftest import tree_files
from tests.publishing.factories import tiny_site
from vestnik.publishing import signing
from vestnik.publishing.services import publish

pytestmark = pytest.mark.django_db


def mirror(*args) -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("mirror", *args, stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


@pytest.fixture
def published(keys_home, tmp_path):
    site = tiny_site(4)
    out = tmp_path / "out"
    publish(out, workers=1)
    return site, out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dir_and_rsync_mirrors_equal_the_build_and_verify(published, tmp_path, monkeypatch):
    needs.program("rsync")
    site, out = published
    a, b = tmp_path / "mirror-a", tmp_path / "mirror-b"
    monkeypatch.setenv("VESTNIK_MIRRORS", f"dir:{a} rsync:{b}/")
    ok, text = mirror("--out", str(out))
    assert ok, text
    expected = tree_files(out / "current")
    assert tree_files(a) == expected and tree_files(b) == expected
    assert signing.verify_tree(a).ok and signing.verify_tree(b).ok
    untouched = a / "ru" / "index.html"  # the en sidebar changes, ru does not
    before = untouched.stat().st_ino
    article = site["articles"][0]
    article.title = "Changed title"
    article.save()
    (a / "stale.html").write_text("left over")
    publish(out, workers=1)
    ok, text = mirror("--out", str(out))
    assert ok, text
    assert tree_files(a) == tree_files(out / "current") == tree_files(b)
    assert untouched.stat().st_ino == before  # unchanged files are not sent again


def test_a_failing_target_is_named_and_the_others_still_run(published, tmp_path):
    needs.program("rsync")
    _site, out = published
    good = tmp_path / "good"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    ok, text = mirror(
        "--out", str(out), "--target", f"dir:{blocker}/sub", "--target", "ftp:nowhere",
        "--target", f"rsync:{tmp_path}/no/such/parent/dir/", "--target", f"dir:{good}",
    )  # fmt: skip
    assert not ok
    assert "3 of 4 mirrors failed" in text
    assert f"FAILED: dir:{blocker}/sub" in text and "FAILED: ftp:nowhere" in text
    assert "unknown target" in text and "rsync exited" in text
    assert f"ok: dir:{good}" in text and signing.verify_tree(good).ok


def test_nothing_to_mirror_is_a_clear_error(keys_home, tmp_path, monkeypatch):
    monkeypatch.delenv("VESTNIK_MIRRORS", raising=False)
    ok, text = mirror("--out", str(tmp_path))
    assert not ok and "No mirrors" in text
    ok, text = mirror("--out", str(tmp_path), "--target", f"dir:{tmp_path}/m")
    assert not ok and "no published build" in text


@pytest.mark.slow
def test_rclone_webdav_mirror_gets_only_changed_files(published, tmp_path, monkeypatch):
    rclone = needs.program("rclone")
    site, out = published
    served = tmp_path / "webdav-root"
    served.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [rclone, "serve", "webdav", str(served), "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "rclone serve webdav did not start"
                time.sleep(0.1)
        monkeypatch.setenv("RCLONE_CONFIG_VESTNIKDAV_TYPE", "webdav")
        monkeypatch.setenv("RCLONE_CONFIG_VESTNIKDAV_URL", f"http://127.0.0.1:{port}/")
        monkeypatch.setenv("RCLONE_CONFIG_VESTNIKDAV_VENDOR", "rclone")
        monkeypatch.setenv("VESTNIK_MIRRORS", "rclone:vestnikdav:site")
        ok, text = mirror("--out", str(out))
        assert ok, text
        assert tree_files(served / "site") == tree_files(out / "current")
        assert signing.verify_tree(served / "site").ok
        untouched = served / "site" / "ru" / "index.html"
        stamp = (untouched.stat().st_ino, untouched.stat().st_mtime_ns)
        article = site["articles"][1]
        article.title = "Changed for the mirror"
        article.save()
        publish(out, workers=1)
        ok, text = mirror("--out", str(out))
        assert ok, text
        assert tree_files(served / "site") == tree_files(out / "current")
        assert (untouched.stat().st_ino, untouched.stat().st_mtime_ns) == stamp
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert os.path.isdir(served)
