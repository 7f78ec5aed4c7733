"""Restore's rules: empty sites only (unless --force), schemas forward not backward, a signal."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ArticleFactory
from tests.ops.conftest import run
from vestnik.content.models import Article
from vestnik.ops import archive, services
from vestnik.ops.signals import site_restored


@pytest.fixture
def site_archive(db, settings, tmp_path) -> Path:
    ArticleFactory.create_batch(4, title="Kept")
    User.objects.create_user("writer", password="pw-writer-1")
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "kept.txt").write_text("kept")
    file = tmp_path / "site.vbk"
    services.backup(file)
    return file


def _digests(manifest: dict) -> dict[str, str]:
    return {
        k: v["sha256"] for k, v in manifest["members"].items() if k.startswith(("db/", "media/"))
    }


def _rewrite(file: Path, out: Path, edit) -> Path:
    """Repack an archive with an edited manifest (what an older or newer vestnik would write)."""
    scratch = out.parent / "rewrite"
    scratch.mkdir()
    manifest = services.unpack(file, scratch, lambda: "")
    edit(manifest)
    writer = archive.ArchiveWriter(out)
    with tarfile.open(fileobj=writer.stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for name in manifest["members"]:
            data = (scratch / "files" / name).read_bytes()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    writer.commit()
    return out


def test_a_site_with_content_is_not_overwritten_without_force(site_archive):
    with pytest.raises(CommandError, match="not empty .* --force"):
        call_command("restore", str(site_archive))
    assert Article.objects.filter(title="Kept").count() == 4


def test_force_replaces_everything_with_the_archive(site_archive, settings):
    archived = _digests(json.loads(_manifest_text(site_archive)))
    Article.objects.filter(pk=Article.objects.first().pk).delete()
    ArticleFactory(title="Written after the backup")
    (settings.MEDIA_ROOT / "later.txt").write_text("later")
    out = io.StringIO()
    call_command("restore", str(site_archive), force=True, stdout=out)
    assert "Restored" in out.getvalue()
    assert not Article.objects.filter(title="Written after the backup").exists()
    assert Article.objects.filter(title="Kept").count() == 4
    assert not (settings.MEDIA_ROOT / "later.txt").exists()
    assert services.canonical_hashes() == archived
    # new rows get fresh ids after the restored ones (sequences moved on)
    new = ArticleFactory()
    assert new.pk > max(Article.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def _manifest_text(file: Path) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        return json.dumps(services.unpack(file, Path(scratch), lambda: ""))


def test_restore_sends_site_restored(site_archive):
    seen = []

    def receiver(sender, manifest, using, **kwargs):
        seen.append((manifest["format"], using, Article.objects.count()))

    site_restored.connect(receiver)
    try:
        services.restore(site_archive, force=True)
    finally:
        site_restored.disconnect(receiver)
    assert seen == [("vestnik-backup", "default", 4)]


def test_an_archive_from_a_newer_vestnik_is_refused(site_archive, tmp_path):
    def newer(manifest):
        manifest["schema"]["content"].append("0099_from_the_future")

    file = _rewrite(site_archive, tmp_path / "newer.vbk", newer)
    with pytest.raises(CommandError, match="newer vestnik: migration content.0099"):
        call_command("restore", str(file), force=True)
    assert Article.objects.filter(title="Kept").count() == 4  # nothing touched


def test_encrypted_restore_reads_the_passphrase_from_the_environment(
    site_archive, tmp_path, settings
):
    settings.VESTNIK_BACKUP_PASSPHRASE = "a long passphrase"
    file = tmp_path / "enc.vbk"
    call_command("backup", str(file), encrypt=True, stdout=io.StringIO())
    assert archive.kind(file) == "encrypted"
    Article.objects.all().delete()
    call_command("restore", str(file), force=True, stdout=io.StringIO())
    assert Article.objects.filter(title="Kept").count() == 4
    settings.VESTNIK_BACKUP_PASSPHRASE = "not it"
    with pytest.raises(CommandError, match="Wrong passphrase"):
        call_command("restore", str(file), force=True)
    settings.VESTNIK_BACKUP_PASSPHRASE = ""
    with pytest.raises(CommandError, match="passphrase is needed"):
        call_command("restore", str(file), force=True)


def test_keys_travel_only_with_include_keys(db, settings, tmp_path):
    keys = Path(settings.VESTNIK_HOME) / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    (keys / "publish-signing.key").write_bytes(b"private")
    try:
        without = services.backup(tmp_path / "a.vbk")
        with_keys = services.backup(tmp_path / "b.vbk", include_keys=True)
    finally:
        (keys / "publish-signing.key").unlink()
    assert not any(k.startswith("keys/") for k in without.manifest["members"])
    assert "keys/publish-signing.key" in with_keys.manifest["members"]
    assert "config/secret_key" in without.manifest["members"]


@pytest.mark.slow
def test_an_older_schema_is_migrated_forward(site_archive, cli_env, tmp_path):
    """An archive made before auth's last migration restores and ends on today's schema."""

    def older(manifest):
        manifest["schema"]["auth"].remove("0012_alter_user_first_name_max_length")

    file = _rewrite(site_archive, tmp_path / "older.vbk", older)
    result = run(cli_env, "restore", str(file))
    assert result.returncode == 0, result.stderr
    assert "schema migrated forward" in result.stdout
    check = run(
        cli_env, "shell", "-c",
        "from django.db.migrations.recorder import MigrationRecorder as R;"
        "from django.db import connection;"
        "from vestnik.content.models import Article;"
        "applied = {m for a, m in R(connection).applied_migrations() if a == 'auth'};"
        "print('0012_alter_user_first_name_max_length' in applied,"
        " Article.objects.filter(title='Kept').count())",
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert check.stdout.split()[-2:] == ["True", "4"]
