from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.site.conftest import site  # noqa: F401 - the small bilingual site


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached responses and rate counters never leak from one test into another."""
    cache.clear()
    yield
    cache.clear()
