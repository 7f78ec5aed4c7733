"""One declared list of settings (vestnik/conf.py): documented, read once, shown masked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from vestnik import conf

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "vestnik"
VESTNIK = str(Path(sys.executable).with_name("vestnik"))
DOCS = ROOT / "docs" / "settings.md"

# Reading the environment directly is allowed only here. publishing/ is being rewritten by
# the lead and converted there; ops/services.py records the operator's raw variables in a
# backup; cli.py and wsgi.py name the settings module.
ALLOWED_ENVIRONMENT_READERS = {"conf.py", "cli.py", "wsgi.py", "ops/services.py"}


def test_every_setting_is_in_the_reference_table_of_the_docs():
    text = DOCS.read_text(encoding="utf-8")
    table = text.split("<!-- settings:start", 1)[1].split("\n", 1)[1].split("<!-- settings:end")[0]
    assert table == conf.markdown_table(), (
        "docs/settings.md is out of date: paste `./dev vestnik settings --markdown` over its table"
    )
    undocumented = [s.name for s in conf.SETTINGS if not s.help.strip()]
    assert not undocumented


def test_every_vestnik_setting_django_has_is_declared(settings):
    from django.conf import settings as django_settings

    names = {n for n in dir(django_settings._wrapped) if n.startswith("VESTNIK_")}
    assert names - set(conf.BY_NAME) == {"VESTNIK_CONF"}


def test_nothing_reads_the_environment_or_a_setting_with_its_own_default():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative in ALLOWED_ENVIRONMENT_READERS or relative.startswith("publishing/"):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"os\.environ", r"os\.getenv", r"conf\.env\(", r"getattr\(settings,"):
            if re.search(pattern, text):
                offenders.append(f"{relative}: {pattern}")
    assert not offenders, "read settings as settings.X, declared in vestnik/conf.py"


def test_a_malformed_value_is_named_in_one_line():
    with pytest.raises(ImproperlyConfigured, match=r"VESTNIK_FEED_ITEMS='many': expected a whole"):
        conf.load({"VESTNIK_FEED_ITEMS": "many"})
    with pytest.raises(ImproperlyConfigured, match="VESTNIK_HTTPS='perhaps'"):
        conf.load({"VESTNIK_HTTPS": "perhaps"})
    with pytest.raises(ImproperlyConfigured, match="VESTNIK_FEED_CONTENT='all'"):
        conf.load({"VESTNIK_FEED_CONTENT": "all"})
    values = conf.load({"VESTNIK_HTTPS": "off", "ALLOWED_HOSTS": " a.org, ,b.org "})
    assert values.VESTNIK_HTTPS is False and values.ALLOWED_HOSTS == ["a.org", "b.org"]
    assert values.VESTNIK_FEED_ITEMS == 30 and values.set_names == {
        "VESTNIK_HTTPS",
        "ALLOWED_HOSTS",
    }
    older = conf.load({"VESTNIK_ALLOWED_HOSTS": "old.example.org"})
    assert older.ALLOWED_HOSTS == ["old.example.org"]


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in conf.BY_NAME}
    env.update(VESTNIK_HOME=str(tmp_path / "home"), **extra)
    return env


def test_importing_the_settings_writes_nothing(tmp_path):
    env = _clean_env(tmp_path)
    subprocess.run(
        [sys.executable, "-c", "import vestnik.settings"], env=env, check=True, timeout=60
    )
    assert not (tmp_path / "home").exists()


def test_vestnik_settings_shows_values_and_origins_and_masks_secrets(tmp_path):
    env = _clean_env(
        tmp_path,
        SECRET_KEY="k" * 30 + "secret-key-value-1234567890",
        DATABASE_URL="postgres://editor:pa55word@db.example.org:5432/vestnik",
        VESTNIK_BACKUP_PASSPHRASE="correct horse battery",
        VESTNIK_FEED_ITEMS="12",
    )
    result = subprocess.run(
        [VESTNIK, "settings"], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    out = result.stdout
    assert "pa55word" not in out and "secret-key-value" not in out and "horse" not in out
    assert "postgres://editor:****@db.example.org:5432/vestnik  [environment]" in out
    assert re.search(r"VESTNIK_FEED_ITEMS +12 +\[environment\]", out)
    assert re.search(r"VESTNIK_FEED_CONTENT +full +\[default\]", out)
    assert re.search(r"SECRET_KEY +\*\*\*\* \(set\) +\[environment\]", out)
    assert not (tmp_path / "home").exists()  # looking writes nothing


def test_a_malformed_variable_stops_the_command_with_one_line(tmp_path):
    env = _clean_env(tmp_path, VESTNIK_API_RATE="1/min", VESTNIK_PREVIEW_SECONDS="two days")
    result = subprocess.run(
        [VESTNIK, "migrate"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "vestnik: VESTNIK_PREVIEW_SECONDS='two days': expected a whole number."
    )
    assert not (tmp_path / "home").exists()  # nothing made before the mistake was found


def test_init_makes_the_data_folder_and_a_private_key_once(tmp_path):
    env = _clean_env(tmp_path)
    first = subprocess.run(
        [VESTNIK, "init"], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    key = tmp_path / "home" / "secret_key"
    assert f"vestnik: created {key}" in first.stderr
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_text().strip()) >= 50
    before = key.read_text()
    second = subprocess.run(
        [VESTNIK, "init"], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert "created" not in second.stderr and key.read_text() == before
    shown = subprocess.run(
        [VESTNIK, "settings"], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert re.search(r"SECRET_KEY +\*\*\*\* \(set\) +\[VESTNIK_HOME/secret_key\]", shown)
