"""One client-address policy for lockout, audit log and rate limits, also behind a real nginx."""

from __future__ import annotations

import http.client
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tests.nginx import free_port, running_nginx
from vestnik.accounts.clientip import client_ip
from vestnik.editorial.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
PROXY_HEADERS = ROOT / "deploy" / "nginx" / "vestnik_proxy.conf"


def _ip(peer: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=peer, **extra))


@pytest.fixture
def behind_proxy(settings):
    settings.VESTNIK_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.VESTNIK_TRUSTED_PROXIES = "127.0.0.1/32, ::1/128, 10.0.0.0/8"
    return settings


def test_without_a_header_setting_the_peer_counts_and_the_header_is_ignored(settings):
    settings.VESTNIK_CLIENT_IP_HEADER = ""
    assert _ip("198.51.100.4", "203.0.113.9") == "198.51.100.4"


def test_the_right_most_address_our_proxies_did_not_write_is_the_client(behind_proxy):
    # nginx on 127.0.0.1 appended the address it saw; the client wrote the rest itself
    assert _ip("127.0.0.1", "6.6.6.6, 203.0.113.5") == "203.0.113.5"
    # a load balancer (10.0.0.0/8, trusted) in front of nginx: one hop further left
    assert _ip("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.2.3") == "203.0.113.5"
    # a client that talks to the app directly cannot choose its address with the header
    assert _ip("198.51.100.4", "203.0.113.5") == "198.51.100.4"


def test_odd_forwarded_values_never_let_the_client_choose(behind_proxy):
    assert _ip("127.0.0.1", "") == "127.0.0.1"
    assert _ip("127.0.0.1", "203.0.113.5, not-an-address") == "127.0.0.1"
    assert _ip("127.0.0.1", "evil, 203.0.113.5") == "203.0.113.5"
    assert _ip("127.0.0.1", "203.0.113.5:51000") == "203.0.113.5"
    assert _ip("127.0.0.1", "[2001:db8::7]:443") == "2001:db8::7"
    assert _ip("::1", "2001:DB8::7") == "2001:db8::7"
    assert _ip("127.0.0.1", "::ffff:203.0.113.5") == "203.0.113.5"
    assert _ip("127.0.0.1", ",".join(["10.0.0.1"] * 10_000) + ",") == "10.0.0.1"
    assert _ip("127.0.0.1", "\x00" * 100 + "<script>") == "127.0.0.1"
    assert _ip("not-an-address") is None


def test_a_typo_in_the_trusted_proxies_stops_the_site_instead_of_trusting_everyone(
    behind_proxy,
):
    behind_proxy.VESTNIK_TRUSTED_PROXIES = "127.0.0.1/33"
    with pytest.raises(ImproperlyConfigured, match="VESTNIK_TRUSTED_PROXIES"):
        _ip("127.0.0.1", "203.0.113.5")


# --- behind a real nginx ---------------------------------------------------------------


class Browser:
    """A cookie-keeping HTTP client that connects from a chosen loopback address."""

    def __init__(self, port: int, source: str) -> None:
        self.port, self.source, self.cookies = port, source, {}

    def request(self, method: str, path: str, body: str = "", **headers: str):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, source_address=(self.source, 0))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body.encode(), headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, text

    def login(self, username: str, password: str, **headers: str) -> int:
        _, form = self.request("GET", "/admin/login/?next=/admin/", **headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token is not None, form[:500]
        body = urlencode(
            {"username": username, "password": password, "next": "/admin/",
             "csrfmiddlewaretoken": token[1]}
        )  # fmt: skip
        status, _ = self.request("POST", "/admin/login/?next=/admin/", body, **headers)
        return status


@pytest.fixture
def proxied(live_server, tmp_path, settings):
    """The live test server behind nginx with the deploy guide's proxy headers."""
    settings.VESTNIK_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.VESTNIK_TRUSTED_PROXIES = "127.0.0.1/32"  # nginx; the readers are 127.0.0.2, .3
    settings.VESTNIK_API_RATE = "3/day"
    cache.clear()
    port = free_port()
    upstream = urlsplit(live_server.url).netloc
    server = (
        f"  server {{\n    listen 127.0.0.1:{port};\n"
        f"    location / {{\n      proxy_pass http://{upstream};\n"
        f"      include {PROXY_HEADERS};\n    }}\n  }}"
    )
    with running_nginx(tmp_path, server, port):
        yield port
    cache.clear()


def test_bad_logins_behind_nginx_lock_that_client_and_not_the_others(proxied, staff, password):
    attacker, editor = Browser(proxied, "127.0.0.2"), Browser(proxied, "127.0.0.3")
    statuses = [attacker.login(f"guess{n}", "wrong") for n in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    # Naming someone else in the header does not get the attacker out of the lockout.
    assert attacker.login("editor", password, **{"X-Forwarded-For": "127.0.0.3"}) == 429
    # The editor, from another address, signs in (and is sent on to the second factor).
    assert editor.login("editor", password) == 302
    failed = set(AuditEntry.objects.filter(action="login.failed").values_list("ip", flat=True))
    assert failed == {"127.0.0.2"}
    assert AuditEntry.objects.get(action="login").ip == "127.0.0.3"


def test_api_rate_limit_behind_nginx_counts_each_client(proxied, db):
    reader, other = Browser(proxied, "127.0.0.2"), Browser(proxied, "127.0.0.3")
    statuses = [reader.request("GET", "/api/v1/editions")[0] for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    spoofed = reader.request("GET", "/api/v1/editions", **{"X-Forwarded-For": "127.0.0.4"})
    assert spoofed[0] == 429
    assert other.request("GET", "/api/v1/editions")[0] == 200
