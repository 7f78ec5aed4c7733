"""Where the workplace's shared data (../shared/) is: seeds, corpora."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """`VESTNIK_SHARED_DIR`, else the nearest `shared/` beside the repository or above it."""
    if os.environ.get("VESTNIK_SHARED_DIR"):
        return Path(os.environ["VESTNIK_SHARED_DIR"])
    for parent in REPO.parents:
        candidate = parent / "shared"
        if (candidate / "seeds").is_dir():
            return candidate
    from tests.needs import missing

    missing("needs ../shared/ (seeds, corpora): set VESTNIK_SHARED_DIR to the shared data folder")
    raise AssertionError("unreachable")  # pragma: no cover
