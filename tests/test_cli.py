"""The `vestnik` command as a user runs it: a real process, a real server."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

VESTNIK = str(Path(sys.executable).with_name("vestnik"))


def run(env, *args, timeout=300):
    return subprocess.run(
        [VESTNIK, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (tag, name) in {("a", "href"), ("link", "href"), ("img", "src")}:
                self.links.append(value)


def test_help_lists_vestnik_commands(cli_env):
    result = run(cli_env, "help")
    assert result.returncode == 0
    for command in ("demo", "serve", "generate", "migrate"):
        assert re.search(rf"^\s+{command}$", result.stdout, re.M), command


def test_serve_rejects_a_bad_port(cli_env):
    result = run(cli_env, "serve", "--port", "99999")
    assert result.returncode != 0
    assert "out of range" in result.stderr + result.stdout


def test_demo_twice_then_serve_and_crawl_every_link(cli_env):
    first = run(cli_env, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert "Demo content loaded" in first.stdout
    assert "username         demo-editor" in first.stdout  # how to reach the back office
    # a fresh start says what it made and nothing else: no warnings
    assert all(line.startswith("vestnik: created ") for line in first.stderr.splitlines()), (
        first.stderr
    )
    second = run(cli_env, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert "not loaded again" in second.stdout
    counts = run(
        cli_env, "shell", "-c",
        "from vestnik.content.models import Article, SiteNewsItem;"
        "print(Article.objects.count(), SiteNewsItem.objects.count())",
    )  # fmt: skip
    articles, news = map(int, counts.stdout.strip().splitlines()[-1].split())
    assert articles >= 40 and news >= 20

    port = free_port()
    server = subprocess.Popen(
        [VESTNIK, "serve", "--port", str(port), "--workers", "2"],
        env=cli_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, _ = fetch(base + "/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("server did not start: " + server.stderr.read().decode()[-2000:])
                time.sleep(0.2)
        assert status == 302 and headers["Location"] == "/en/"
        assert "gunicorn" in (headers.get("Server") or "")

        seen: dict[str, int] = {}
        queue = ["/en/", "/ru/"]
        while queue and len(seen) < 3000:
            path = queue.pop()
            if path in seen:
                continue
            status, headers, body = fetch(base + path)
            seen[path] = status
            if status in (301, 302):
                queue.append(urlsplit(urljoin(base + path, headers["Location"])).path)
                continue
            if status != 200 or "text/html" not in headers.get("Content-Type", ""):
                continue
            parser = Links()
            parser.feed(body.decode())
            for link in parser.links:
                target = urlsplit(urljoin(base + path, link))
                if target.netloc == f"127.0.0.1:{port}" and not target.path.startswith("/admin"):
                    if target.path not in seen:
                        queue.append(target.path)
        bad = {p: s for p, s in seen.items() if s >= 400}
        assert bad == {}
        assert len(seen) > 100
        assert any(p.startswith("/media/") for p in seen)  # attachments are served
        assert any("/page/2/" in p for p in seen)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Warning" not in server.stderr.read().decode()
