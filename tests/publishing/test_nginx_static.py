"""The nginx example for the static tree, run for real over a published demo site."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import needs
from tests.ops.test_deploy import _self_signed
from vestnik.publishing.services import publish

ROOT = Path(__file__).resolve().parents[2]
NGINX = ROOT / "deploy" / "nginx"
ONION = "vestnikexampleonionaddressforteststwo234567abcdefghijklm.onion"


@pytest.fixture
def nginx() -> str:
    return needs.program("nginx", needs.HINTS["nginx"], "/usr/sbin/nginx")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(nginx, demo_site, tmp_path):
    """The demo site published and served by nginx with the example configuration."""
    out = tmp_path / "public"
    publish(out)
    cert, key = _self_signed(tmp_path)
    port, plain = _free_port(), _free_port()
    tree = (NGINX / "vestnik_static_tree.conf").read_text()
    tree = tree.replace("/srv/vestnik/public/current", str(out / "current"))
    (tmp_path / "tree.conf").write_text(tree)
    conf = (NGINX / "vestnik-static.conf").read_text()
    conf = conf.replace("REPLACE-WITH-YOUR-56-CHARACTER-ONION-NAME.onion", ONION)
    conf = conf.replace("/etc/letsencrypt/live/news.example.org/fullchain.pem", str(cert))
    conf = conf.replace("/etc/letsencrypt/live/news.example.org/privkey.pem", str(key))
    conf = conf.replace("/etc/nginx/vestnik_static_tree.conf", str(tmp_path / "tree.conf"))
    conf = conf.replace("/var/log/nginx/", f"{tmp_path}/")
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl;")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{plain};")
    conf = "\n".join(line for line in conf.splitlines() if "[::]" not in line)
    (tmp_path / "site.conf").write_text(conf)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "daemon off;\nworker_processes 1;\nevents {}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {tmp_path}/access.log;\n"
        f"  client_body_temp_path {tmp_path}/body;\n  proxy_temp_path {tmp_path}/proxy;\n"
        f"  fastcgi_temp_path {tmp_path}/fcgi;\n  uwsgi_temp_path {tmp_path}/uwsgi;\n"
        f"  scgi_temp_path {tmp_path}/scgi;\n"
        f"  include {tmp_path}/site.conf;\n}}\n"
    )
    proc = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode() if proc.stderr else "nginx exited")
            time.sleep(0.05)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    def get(path: str):
        request = urllib.request.Request(
            f"https://127.0.0.1:{port}{path}", headers={"Host": "news.example.org"}
        )
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context), NoRedirect
        )
        try:
            return opener.open(request, timeout=10)
        except urllib.error.HTTPError as exc:
            return exc

    yield get, out / "current"
    proc.terminate()
    proc.wait(10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_pages_are_the_published_bytes_with_the_live_headers(served, client):
    get, tree = served
    home = get("/en/")
    assert home.status == 200
    assert home.read() == (tree / "en" / "index.html").read_bytes()
    assert home.headers["Content-Type"] == "text/html; charset=utf-8"
    assert home.headers["Onion-Location"] == f"http://{ONION}/en/"
    live = client.get("/en/")
    assert home.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert live["X-Content-Type-Options"] == home.headers["X-Content-Type-Options"] == "nosniff"
    assert home.headers["X-Frame-Options"] == "DENY"
    # WebAssembly (the static search) is allowed on the search pages only
    assert "wasm-unsafe-eval" not in home.headers["Content-Security-Policy"]
    search = get("/ru/search/?q=%D1%81%D1%83%D0%B4")
    assert search.status == 200
    assert "script-src 'self' 'wasm-unsafe-eval';" in search.headers["Content-Security-Policy"]


def test_feeds_calendars_and_the_manifest_have_their_types(served):
    get, tree = served
    feed = get("/en/feeds/atom.xml")
    assert feed.status == 200 and feed.read() == (tree / "en/feeds/atom.xml").read_bytes()
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    assert "Onion-Location" not in feed.headers
    assert get("/en/feeds/rss.xml").headers["Content-Type"].startswith("application/rss+xml")
    assert get("/sitemap.xml").headers["Content-Type"].startswith("application/xml")
    cases = list((tree / "en" / "cases").rglob("atom.xml"))
    assert cases, "the demo has case feeds"
    case_feed = get("/" + str(cases[0].relative_to(tree)))
    assert case_feed.headers["Content-Type"].startswith("application/atom+xml")
    ics = next((tree / "en" / "cases").rglob("*.ics"))
    assert get("/" + str(ics.relative_to(tree))).headers["Content-Type"].startswith("text/calendar")
    manifest = get("/MANIFEST.json")
    assert manifest.headers["Content-Type"].startswith("application/json")
    assert manifest.read() == (tree / "MANIFEST.json").read_bytes()


def test_missing_pages_get_the_editions_404_and_directories_their_slash(served):
    get, tree = served
    missing = get("/ru/no-such-page/")
    assert missing.status == 404
    assert missing.read() == (tree / "ru" / "404.html").read_bytes()
    outside = get("/no-such-thing")
    assert outside.status == 404 and outside.read() == (tree / "404.html").read_bytes()
    moved = get("/en/news")
    assert moved.status == 301 and moved.headers["Location"].endswith("/en/news/")
    assert get("/../../etc/passwd").status in {400, 404}
