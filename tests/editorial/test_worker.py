"""`vestnik worker`: two real processes share the scheduled queue and never publish twice."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest


def _run(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "vestnik.cli", *args],
        env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


SETUP = """
from datetime import timedelta
from django.utils import timezone
from vestnik.content import services
from vestnik.content.models import Article
en, = services.ensure_editions([("en", "English")])
section = services.create_section(en, "News")
due = timezone.now() - timedelta(minutes=1)
for i in range({n}):
    data = services.ArticleData(edition=en, section=section, title=f"Item {{i}}")
    a = services.create_article(data)
    Article.objects.filter(pk=a.pk).update(status="scheduled", publish_at=due)
Article.objects.filter(title="Item 0").update(publish_at=timezone.now() + timedelta(days=1))
"""

CHECK = """
from vestnik.content.models import Article, SiteNewsItem
from vestnik.editorial.models import WorkflowStep
print(Article.objects.filter(status="published").count(),
      WorkflowStep.objects.filter(action="publish_scheduled").count(),
      SiteNewsItem.objects.count(),
      Article.objects.filter(status="scheduled").count())
"""


@pytest.mark.slow
def test_two_workers_publish_each_due_article_exactly_once(cli_env):
    # On PostgreSQL the workers share the queue with SKIP LOCKED; on SQLite the conditional
    # UPDATE alone must keep them from publishing twice.
    n = 60
    assert _run(cli_env, "migrate", "-v0").returncode == 0
    setup = _run(cli_env, "shell", "-v0", "-c", SETUP.format(n=n))
    assert setup.returncode == 0, setup.stderr
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "vestnik.cli", "worker", "--once"],
            env=cli_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outputs]
    published = [
        {line.split()[1] for line in out.splitlines() if line.startswith("published ")}
        for out, _ in outputs
    ]
    print("worker shares:", len(published[0]), len(published[1]))  # noqa: T201
    assert not published[0] & published[1], "an article was published by both workers"
    assert len(published[0] | published[1]) == n - 1
    check = _run(cli_env, "shell", "-v0", "-c", CHECK)
    assert check.stdout.split() == [str(n - 1), str(n - 1), str(n - 1), "1"]


def test_worker_rejects_a_bad_interval(cli_env):
    result = _run(cli_env, "worker", "--interval", "-3")
    assert result.returncode != 0
    assert "--interval" in result.stderr


SCHEDULE_ONE = """
from datetime import timedelta
from django.utils import timezone
from vestnik.content import services
from vestnik.content.models import Article
en, = services.ensure_editions([("en", "English")])
section = services.create_section(en, "News")
data = services.ArticleData(edition=en, section=section, title="Goes live by itself")
a = services.create_article(data)
soon = timezone.now() + timedelta(seconds=2)
Article.objects.filter(pk=a.pk).update(status="scheduled", publish_at=soon)
print(a.get_absolute_url())
"""


@pytest.mark.slow
def test_served_site_publishes_scheduled_articles_by_itself(cli_env):
    from tests.test_cli import fetch, free_port

    env = {**cli_env, "VESTNIK_SCHEDULER_INTERVAL": "0.3"}
    assert _run(env, "migrate", "-v0").returncode == 0
    setup = _run(env, "shell", "-v0", "-c", SCHEDULE_ONE)
    assert setup.returncode == 0, setup.stderr
    path = setup.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "vestnik.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _, body = fetch(f"http://127.0.0.1:{port}{path}")
            except OSError:
                status = None
            if status == 200:
                break
            time.sleep(0.3)
        assert status == 200, server.stderr.read().decode()[-2000:] if server.poll() else status
        assert "Goes live by itself" in body.decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
