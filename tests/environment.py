"""Loaded as a pytest plugin (-p) before Django reads its settings: keep tests off ./var.

The data folder is prepared the way `vestnik init` does it (settings never write files).
"""

import os
import tempfile

os.environ.setdefault("VESTNIK_HOME", tempfile.mkdtemp(prefix="vestnik-test-home-"))

from vestnik import home  # noqa: E402  (after VESTNIK_HOME is chosen)

home.prepare()
