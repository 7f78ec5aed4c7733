"""tests/needs.py: a missing program skips (fails under CI strict mode), listed at the end."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import needs


def test_a_hidden_program_skips_with_how_to_get_it(monkeypatch):
    monkeypatch.delenv(needs.STRICT_VARIABLE, raising=False)
    monkeypatch.setenv(needs.WITHOUT_VARIABLE, "sh, nginx")
    with pytest.raises(pytest.skip.Exception, match="needs nginx: apt-get install nginx"):
        needs.program("nginx")
    with pytest.raises(pytest.skip.Exception, match="needs sh: "):
        needs.program("sh", "", "/bin/sh")


def test_a_present_program_is_found(monkeypatch):
    monkeypatch.delenv(needs.WITHOUT_VARIABLE, raising=False)
    assert needs.program("sh").endswith("/sh")


def test_strict_mode_fails_instead_of_skipping(monkeypatch):
    monkeypatch.setenv(needs.STRICT_VARIABLE, "1")
    monkeypatch.setenv(needs.WITHOUT_VARIABLE, "chromium")
    with pytest.raises(pytest.fail.Exception, match="needs chromium.*CI runs every test"):
        needs.chromium()
    monkeypatch.setenv(needs.STRICT_VARIABLE, "0")
    with pytest.raises(pytest.skip.Exception):
        needs.missing("a thing")


def test_a_configured_chromium_that_does_not_exist_is_named(monkeypatch, tmp_path):
    monkeypatch.delenv(needs.STRICT_VARIABLE, raising=False)
    monkeypatch.delenv(needs.WITHOUT_VARIABLE, raising=False)
    monkeypatch.setenv("VESTNIK_CHROMIUM", str(tmp_path / "nowhere"))
    with pytest.raises(pytest.skip.Exception, match="VESTNIK_CHROMIUM=.*nowhere does not exist"):
        needs.chromium()


def test_the_run_ends_with_what_was_missing_counted_once_per_reason():
    def skipped(reason):
        return SimpleNamespace(longrepr=("tests/x.py", 1, f"Skipped: {reason}"))

    lines = needs.summary(
        [
            skipped("needs nginx: apt-get install nginx"),
            skipped("needs nginx: apt-get install nginx"),
            skipped("needs ../shared/ (seeds, corpora): set VESTNIK_SHARED_DIR"),
            skipped("not relevant on this database"),  # an ordinary skip is not listed
        ]
    )
    assert lines[0].startswith("3 test(s) did not run")
    assert "     2 × needs nginx: apt-get install nginx" in lines
    assert any("needs ../shared/" in line for line in lines)
    assert not any("not relevant" in line for line in lines)
    assert needs.summary([skipped("not relevant")]) == []


def test_a_server_nobody_listens_on_skips(monkeypatch):
    monkeypatch.delenv(needs.STRICT_VARIABLE, raising=False)
    monkeypatch.delenv(needs.WITHOUT_VARIABLE, raising=False)
    import socket

    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(pytest.skip.Exception, match=f"needs redis on 127.0.0.1:{port}"):
        needs.server("redis", "127.0.0.1", port)
