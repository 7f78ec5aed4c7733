"""The served tree is always one complete build, whatever happens to the publisher."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest
from django.db import connections

from tests.publishing.conftest import tree_files
from tests.publishing.factories import tiny_site
from vestnik.publishing import signing
from vestnik.publishing.services import publish
from vestnik.publishing.tree import BUILDS, PublishLocked, current_build, publish_lock

KILLS = 50


def _publish_in_child(out) -> int:
    connections.close_all()  # the child must not share the parent's database socket
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            publish(out, full=True, keep=2)
            code = 0
        finally:
            os._exit(code)
    return pid


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sigkill_at_random_points_never_leaves_a_broken_tree(keys_home, tmp_path):
    tiny_site()
    out = tmp_path / "out"
    start = time.perf_counter()
    first = publish(out, full=True, keep=2)
    duration = time.perf_counter() - start
    expected = set(tree_files(first.path))
    rng = random.Random(4)
    finished = 0
    for _ in range(KILLS):
        pid = _publish_in_child(out)
        time.sleep(rng.uniform(0, duration * 1.6))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0
            finished += 1
        served = current_build(out)
        assert served is not None
        report = signing.verify_tree(served)
        assert report.ok, report.lines()
        assert set(tree_files(served)) == expected
    # the next publisher cleans up after the killed ones
    publish(out, full=True, keep=2)
    assert len(list((out / BUILDS).iterdir())) <= 2
    assert signing.verify_tree(out / "current").ok
    print(f"{KILLS} kills, {finished} publishes finished first, build {duration:.2f}s")


@pytest.mark.django_db
def test_a_second_publisher_waits_or_fails_clearly(keys_home, tmp_path):
    tiny_site(3)
    out = tmp_path / "out"
    with publish_lock(out):
        with pytest.raises(PublishLocked, match="another publisher"):
            publish(out, wait=False)
    assert publish(out, wait=False).files > 10


@pytest.mark.django_db
def test_old_builds_are_pruned_to_keep(keys_home, tmp_path):
    tiny_site(3)
    out = tmp_path / "out"
    for _ in range(4):
        last = publish(out, full=True, keep=2)
    assert sorted(p.name for p in (out / BUILDS).iterdir()) == sorted(
        [last.build_id, *[p.name for p in (out / BUILDS).iterdir() if p.name != last.build_id]]
    )
    assert len(list((out / BUILDS).iterdir())) == 2
    assert current_build(out) == last.path
    assert os.readlink(out / "current") == f"builds/{last.build_id}"  # relative: movable
    # pruned builds were moved aside at once and are deleted by a background process
    deadline = time.monotonic() + 60
    while any((out / ".trash").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any((out / ".trash").iterdir())
