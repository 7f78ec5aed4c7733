"""Restore refuses damaged, truncated, foreign and hostile files, and writes nothing."""

from __future__ import annotations

import gzip
import io
import random
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from tests.factories import ArticleFactory
from vestnik.content.models import Article
from vestnik.ops import archive, services
from vestnik.ops.archive import ArchiveError


@pytest.fixture
def small_site(db, settings):
    ArticleFactory.create_batch(3)
    User.objects.create_user("writer", password="pw-writer-1")
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "photo.jpg").write_bytes(b"\xff\xd8" + bytes(5000))


@pytest.fixture
def plain_archive(small_site, tmp_path) -> Path:
    file = tmp_path / "site.vbk"
    services.backup(file)
    return file


@pytest.fixture
def encrypted_archive(small_site, tmp_path) -> Path:
    file = tmp_path / "site-enc.vbk"
    services.backup(file, passphrase=PASSPHRASE)
    return file


PASSPHRASE = "correct horse battery"


def _unpack(file: Path, tmp_path: Path, passphrase: str = PASSPHRASE) -> dict:
    scratch = tmp_path / f"scratch-{random.random()}"
    scratch.mkdir()
    return services.unpack(file, scratch, lambda: passphrase)


def _flipped(file: Path, position: int, tmp_path: Path) -> Path:
    data = bytearray(file.read_bytes())
    data[position] ^= 0x01
    out = tmp_path / f"flipped-{position}.vbk"
    out.write_bytes(bytes(data))
    return out


def _empty_site(settings) -> None:
    """Make the test database look like a fresh instance (setup rows only)."""
    Article.objects.all().delete()
    User.objects.all().delete()
    from vestnik.content.models import Section, Source

    Section.objects.all().delete()
    Source.objects.all().delete()
    for file in settings.MEDIA_ROOT.rglob("*"):
        if file.is_file():
            file.unlink()


def test_a_good_archive_verifies(plain_archive, encrypted_archive, tmp_path):
    for file in (plain_archive, encrypted_archive):
        manifest = _unpack(file, tmp_path)
        assert manifest["format"] == "vestnik-backup"
        assert "media/photo.jpg" in manifest["members"]
        assert "content.article" in manifest["tables"]
        applied = sorted(
            name
            for app, name in MigrationRecorder(connection).applied_migrations()
            if app == "content"
        )
        assert manifest["schema"]["content"] == applied


def test_the_archive_and_marker_are_private_and_complete(plain_archive, settings):
    assert plain_archive.stat().st_mode & 0o777 == 0o600  # it holds the secret key
    assert not plain_archive.with_name(plain_archive.name + ".partial").exists()
    assert services.last_backup() is not None
    assert str(plain_archive) in services.marker_path().read_text()


def test_one_flipped_byte_anywhere_is_refused(plain_archive, encrypted_archive, tmp_path):
    rng = random.Random(8)
    for file in (plain_archive, encrypted_archive):
        size = file.stat().st_size
        # the header, the first bytes of the payload, the trailer, and random places
        positions = {0, 5, 20, 30, 40, 60, size // 2, size - 1, size - 20, size - 45}
        positions |= {rng.randrange(size) for _ in range(10)}
        for position in sorted(positions):
            with pytest.raises(ArchiveError):
                _unpack(_flipped(file, position, tmp_path), tmp_path)


def test_a_truncated_archive_is_refused(plain_archive, encrypted_archive, tmp_path):
    for file in (plain_archive, encrypted_archive):
        data = file.read_bytes()
        for cut in (0, 10, 27, 60, len(data) // 3, len(data) - 50, len(data) - 1):
            short = tmp_path / f"short-{cut}.vbk"
            short.write_bytes(data[:cut])
            with pytest.raises(ArchiveError) as error:
                _unpack(short, tmp_path)
            assert "truncated" in str(error.value) or "not a vestnik backup" in str(error.value)


def test_a_wrong_passphrase_is_refused(encrypted_archive, tmp_path):
    with pytest.raises(ArchiveError, match="Wrong passphrase"):
        _unpack(encrypted_archive, tmp_path, passphrase="wrong horse")


def test_encrypted_archives_hide_their_content(encrypted_archive, plain_archive):
    data = encrypted_archive.read_bytes()
    assert b"manifest" not in data and b"content.article" not in data
    payload = plain_archive.read_bytes()[len(archive.PLAIN_HEADER) : -archive.TRAILER_LEN]
    with gzip.open(io.BytesIO(payload)) as g:  # a plain archive frames an ordinary tar.gz
        assert b"content.article" in g.read()


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", b"\x1f\x8b" + bytes(300), b"VESTNIK-BACKUP 2 plain\n" + bytes(100)],
    ids=["empty", "text", "gzip-ish", "future-format"],
)
def test_foreign_files_are_refused(content, tmp_path):
    file = tmp_path / "foreign"
    file.write_bytes(content)
    with pytest.raises(ArchiveError, match="not a vestnik backup"):
        _unpack(file, tmp_path)


def test_a_real_tar_gz_is_not_a_backup(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    file = tmp_path / "other.tar.gz"
    file.write_bytes(buffer.getvalue())
    with pytest.raises(ArchiveError, match="not a vestnik backup"):
        _unpack(file, tmp_path)


def _framed(tmp_path: Path, members: dict[str, bytes]) -> Path:
    """A well-framed archive with arbitrary tar members (what an attacker could craft)."""
    file = tmp_path / "crafted.vbk"
    writer = archive.ArchiveWriter(file)
    with tarfile.open(fileobj=writer.stream, mode="w|") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    writer.commit()
    return file


@pytest.mark.parametrize(
    "name", ["../escape.txt", "/etc/evil", "media/../../escape", "other/file", "db/../x"]
)
def test_hostile_member_names_are_refused_before_writing(name, tmp_path):
    file = _framed(tmp_path, {name: b"x"})
    with pytest.raises(ArchiveError, match="unexpected entry"):
        _unpack(file, tmp_path)
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape").exists()


def test_a_manifest_that_does_not_match_is_refused(tmp_path):
    import json

    manifest = {
        "format": "vestnik-backup", "format_version": 1, "schema": {}, "tables": {},
        "members": {"media/a.txt": {"sha256": "0" * 64, "size": 1}},
    }  # fmt: skip
    file = _framed(tmp_path, {"media/a.txt": b"a", "manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ArchiveError, match="fails its checksum"):
        _unpack(file, tmp_path)
    file = _framed(tmp_path, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ArchiveError, match="does not match its manifest"):
        _unpack(file, tmp_path)
    file = _framed(tmp_path, {"media/a.txt": b"a"})
    with pytest.raises(ArchiveError, match="no manifest"):
        _unpack(file, tmp_path)


def test_restore_of_a_damaged_archive_writes_nothing(plain_archive, tmp_path, settings):
    _empty_site(settings)
    secret_before = settings.SECRET_KEY
    bad = _flipped(plain_archive, plain_archive.stat().st_size // 2, tmp_path)
    with pytest.raises(CommandError, match="Restore refused: .*damaged"):
        call_command("restore", str(bad))
    assert Article.objects.count() == 0 and User.objects.count() == 0
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
    assert settings.SECRET_KEY == secret_before


def test_restore_of_a_missing_file_or_a_folder_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore", str(tmp_path / "nope.vbk"))
    with pytest.raises(CommandError, match="is a directory"):
        call_command("restore", str(tmp_path))


def test_backup_into_a_missing_folder_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "no" / "such" / "site.vbk"))
