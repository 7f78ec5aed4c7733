"""What a test needs from the machine: a program, or the workplace's shared data.

A test that needs something missing is skipped with a one-line reason saying how to get
it, so `./dev test` passes on a fresh clone; the run ends with the list of what was
skipped (tests/conftest.py). CI sets `VESTNIK_TEST_STRICT=1`, which turns every such skip
into a failure: CI runs everything.

`VESTNIK_TEST_WITHOUT=chromium,nginx` makes the named programs count as missing, to see
what a machine without them gets.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterable
from pathlib import Path

import pytest

STRICT_VARIABLE = "VESTNIK_TEST_STRICT"
WITHOUT_VARIABLE = "VESTNIK_TEST_WITHOUT"
# Every reason given by missing() starts with this, so the end-of-run list can find them.
PREFIX = "needs "

# How to get each program on Debian/Ubuntu (what .ci/run installs).
HINTS = {
    "chromium": "apt-get install chromium (or set VESTNIK_CHROMIUM to a Chromium binary)",
    "nginx": "apt-get install nginx",
    "rclone": "apt-get install rclone",
    "rsync": "apt-get install rsync",
    "systemd-analyze": "apt-get install systemd",
    "wrk": "apt-get install wrk",
    "redis": "apt-get install redis-server, then redis-server --daemonize yes",
}


def strict() -> bool:
    return os.environ.get(STRICT_VARIABLE, "") not in ("", "0")


def hidden() -> set[str]:
    """Programs the environment asks the tests to treat as missing."""
    return {p.strip() for p in os.environ.get(WITHOUT_VARIABLE, "").split(",") if p.strip()}


def missing(reason: str) -> None:
    """Skip the calling test (fail it under VESTNIK_TEST_STRICT=1); reason says how to get it."""
    if not reason.startswith(PREFIX):
        reason = PREFIX + reason
    if strict():
        pytest.fail(f"{reason} ({STRICT_VARIABLE} is set: CI runs every test)")
    pytest.skip(reason)


def find(name: str, *extra_paths: str) -> str | None:
    """The path of program `name` (PATH first, then the given places), None when missing."""
    if name in hidden():
        return None
    found = shutil.which(name)
    if found:
        return found
    for path in extra_paths:
        if Path(path).exists():
            return path
    return None


def program(name: str, hint: str = "", *extra_paths: str) -> str:
    """The path of program `name`; else skip with `hint` on how to install it."""
    found = find(name, *extra_paths)
    if found:
        return found
    missing(f"{PREFIX}{name}: {hint or HINTS.get(name, 'install it')}")
    raise AssertionError("unreachable")  # pragma: no cover


def chromium() -> str:
    """Debian's Chromium for Playwright (never a downloaded one); `VESTNIK_CHROMIUM` overrides."""
    configured = os.environ.get("VESTNIK_CHROMIUM", "")
    if configured and "chromium" not in hidden():
        if Path(configured).exists():
            return configured
        missing(f"{PREFIX}chromium: VESTNIK_CHROMIUM={configured} does not exist")
    return program("chromium", HINTS["chromium"], "/usr/bin/chromium")


def server(name: str, host: str, port: int) -> None:
    """Skip unless something listens on host:port (a Redis, a PostgreSQL ...)."""
    if name not in hidden():
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            pass
    missing(f"{PREFIX}{name} on {host}:{port}: {HINTS.get(name, 'start one')}")


def summary(skipped_reports: Iterable[object]) -> list[str]:
    """The end-of-run lines: each missing thing, how many tests it kept from running."""
    wanted: dict[str, int] = {}
    for report in skipped_reports:
        longrepr = getattr(report, "longrepr", None)
        reason = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith(PREFIX):
            wanted[reason] = wanted.get(reason, 0) + 1
    if not wanted:
        return []
    return [
        f"{sum(wanted.values())} test(s) did not run; they are not counted as passed:",
        *(f"  {count:4d} × {reason}" for reason, count in sorted(wanted.items())),
        f"CI runs them all: {STRICT_VARIABLE}=1 turns each of these skips into a failure.",
    ]
