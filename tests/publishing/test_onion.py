"""Onion-Location on the live site when the site has an onion service."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

ONION = "vestnikexampleonionaddressforteststwo234567abcdefghijklm.onion"


@pytest.fixture
def site(db):
    from vestnik.demo.services import load_demo

    load_demo()


def test_pages_offer_the_same_path_on_the_onion(client, site, settings):
    settings.VESTNIK_ONION_HOST = ONION
    home = client.get("/en/")
    assert home["Onion-Location"] == f"http://{ONION}/en/"
    assert client.get("/en/news/")["Onion-Location"] == f"http://{ONION}/en/news/"
    search = client.get("/en/search/", {"q": "court"})
    assert search["Onion-Location"] == f"http://{ONION}/en/search/?q=court"


def test_no_header_without_an_address_on_the_onion_itself_or_on_non_pages(client, site, settings):
    assert "Onion-Location" not in client.get("/en/")
    settings.VESTNIK_ONION_HOST = ONION
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ONION]
    assert "Onion-Location" not in client.get("/en/", HTTP_HOST=ONION)
    feed = client.get("/en/feeds/atom.xml")
    assert feed.status_code == 200 and "Onion-Location" not in feed


@pytest.mark.parametrize(
    "bad", ["http://abc.onion", "example.org", "short.onion", ONION.replace("a", "1", 1)]
)
def test_a_malformed_onion_address_is_a_startup_error(settings, bad):
    settings.VESTNIK_ONION_HOST = bad
    with pytest.raises(SystemCheckError, match="vestnik.E101"):
        call_command("check")
    settings.VESTNIK_ONION_HOST = ONION
    call_command("check")
