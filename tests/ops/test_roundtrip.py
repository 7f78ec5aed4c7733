"""A whole site survives backup → restore on a new instance, on the same and the other database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.conftest import remote_fingerprint, run
from tests.ops.fingerprint import fingerprint, page_urls
from vestnik.ops import services


def _round_trip(env: dict, tmp_path: Path) -> None:
    urls = page_urls()
    before = fingerprint(urls)
    assert len(urls) > 50
    assert [url for url, (status, _) in before["pages"].items() if status != 200] == []
    assert any(k.startswith("media/uploads/") for k in before["hashes"])

    file = tmp_path / "site.vbk"
    result = services.backup(file)
    media = sum(1 for k in before["hashes"] if k.startswith("media/"))
    assert result.rows > 400 and result.media_files == media >= 7
    # the archive's members are the canonical dump: same hashes as the live site
    members = result.manifest["members"]
    assert {k: v["sha256"] for k, v in members.items() if k in before["hashes"]} == before["hashes"]

    restored = run(env, "restore", str(file))
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {result.rows} rows and {media} media files" in restored.stdout

    after = remote_fingerprint(env, urls, tmp_path)
    assert after["hashes"] == before["hashes"]  # every row and every media file
    assert after["pages"] == before["pages"]  # public pages byte for byte
    home = Path(env["VESTNIK_HOME"])
    from django.conf import settings

    assert (home / "secret_key").read_text() == settings.SECRET_KEY


@pytest.mark.slow
def test_backup_restores_identically_on_a_fresh_instance_of_the_same_database(
    full_site, cli_env, tmp_path
):
    _round_trip(cli_env, tmp_path)
    # users come back with their passwords, groups and permissions
    check = run(
        cli_env, "shell", "-c",
        "from django.contrib.auth import authenticate;"
        "from django.test import RequestFactory;"
        "u = authenticate(RequestFactory().post('/admin/login/'),"
        " username='редактор', password='battery staple 2');"
        "print(u.username, sorted(u.get_all_permissions())[:1])",
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert "редактор ['content.add_article']" in check.stdout


@pytest.mark.slow
def test_backup_restores_identically_on_the_other_database(full_site, other_db_env, tmp_path):
    _round_trip(other_db_env, tmp_path)
