"""Loaded as a pytest plugin (-p) before Django reads its settings: keep tests off ./var."""

import os
import tempfile

os.environ.setdefault("VESTNIK_HOME", tempfile.mkdtemp(prefix="vestnik-test-home-"))
os.makedirs(os.path.join(os.environ["VESTNIK_HOME"], "static"), exist_ok=True)
