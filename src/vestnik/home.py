"""The data folder (VESTNIK_HOME): created with its secret key by an explicit first step.

`vestnik init`, `vestnik demo`, `vestnik serve` and `vestnik migrate` call `prepare()` before
Django reads its settings (see cli.py); importing the settings only reads the key file.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from vestnik import conf


def prepare(values: conf.Values | None = None) -> list[str]:
    """Make the data folder, media/, static/ and (no SECRET_KEY) its key; say what was made."""
    values = values or conf.load()
    home: Path = values.VESTNIK_HOME
    made = []
    for folder in (home, home / "media", home / "static"):
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            made.append(f"{folder}/")
    key_file = home / conf.SECRET_KEY_FILE
    if not values.SECRET_KEY and not conf.stored_secret_key(home):
        # 0600 from the start: the key never exists readable by others, even briefly
        key_file.touch(mode=0o600, exist_ok=True)
        key_file.chmod(0o600)
        key_file.write_text(secrets.token_urlsafe(50) + "\n")
        made.append(str(key_file))
    return made
