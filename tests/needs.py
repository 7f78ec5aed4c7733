"""What a test needs from the machine: a program, or the workplace's shared data.

A test that needs something missing is skipped with a one-line reason saying how to get
it, so `./dev test` passes on a fresh clone. CI sets `VESTNIK_TEST_STRICT=1`, which turns
every such skip into a failure: CI runs everything.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

STRICT_VARIABLE = "VESTNIK_TEST_STRICT"


def strict() -> bool:
    return os.environ.get(STRICT_VARIABLE, "") not in ("", "0")


def missing(reason: str) -> None:
    """Skip the calling test (fail it under VESTNIK_TEST_STRICT=1)."""
    if strict():
        pytest.fail(f"{reason} ({STRICT_VARIABLE} is set: CI runs every test)")
    pytest.skip(reason)


def program(name: str, hint: str, *extra_paths: str) -> str:
    """The path of program `name`; else skip with `hint` on how to install it."""
    found = shutil.which(name)
    if found:
        return found
    for path in extra_paths:
        if Path(path).exists():
            return path
    missing(f"needs {name}: {hint}")
    raise AssertionError("unreachable")  # pragma: no cover
