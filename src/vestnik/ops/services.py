"""Backup and restore: the whole site in one file, and back on any database.

The database goes into the archive as canonical JSON lines per table (see dump.py), read
inside one snapshot: a REPEATABLE READ, READ ONLY transaction on PostgreSQL, a read
transaction on SQLite in WAL mode (writers keep writing; the backup sees the moment it
began). We chose this over `pg_dump` / SQLite's backup API because one format restores on
either database, needs no client binaries of the right major version, and doubles as the
canonical dump that proves a round trip lost nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

import vestnik
from vestnik import conf
from vestnik.ops import dump
from vestnik.ops.archive import ArchiveError, ArchiveWriter, open_tar_stream
from vestnik.ops.signals import site_restored

FORMAT = "vestnik-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MARKER = "last-backup.json"
# Rows made by `migrate` itself or by first start: their presence does not make a site
# "non-empty" (they are replaced by the archive's rows on restore).
SETUP_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "content.edition",
}
# Environment passed on in config/settings.json: what the site was configured with
# (never secrets; the secret key travels separately).
SETTINGS_ENV = (
    "ALLOWED_HOSTS",
    "VESTNIK_ALLOWED_HOSTS",
    "VESTNIK_EDITIONS",
    "VESTNIK_HTTPS",
    "VESTNIK_TIME_ZONE",
    "VESTNIK_PUBLISH_DIR",
    "VESTNIK_MIRRORS",
    "VESTNIK_ONION_HOST",
    "VESTNIK_APP_SERVERS",
    "VESTNIK_WORKERS",
)
MAX_MEMBERS = 5_000_000


class RestoreRefused(Exception):
    """Restore stopped before writing anything; the message says why."""


@dataclass
class BackupResult:
    path: Path
    size: int
    rows: int
    media_files: int
    encrypted: bool
    manifest: dict[str, Any] = field(repr=False)


@dataclass
class RestoreResult:
    rows: int
    media_files: int
    migrated_forward: bool
    manifest: dict[str, Any] = field(repr=False)


def marker_path() -> Path:
    return Path(settings.VESTNIK_HOME) / MARKER


def keys_dir() -> Path:
    return Path(settings.VESTNIK_HOME) / "keys"


def schema_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Applied migrations per app, from the database itself."""
    recorder = MigrationRecorder(connections[using])
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@contextlib.contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Everything read inside sees one consistent moment of the database."""
    connection = connections[using]
    if connection.in_atomic_block:
        # Already inside a transaction (tests, or a caller's atomic block): it is the snapshot.
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite: a deferred read transaction; in WAL mode writers go on, we see our snapshot.
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        raw.execute("ROLLBACK")


def _site_settings() -> dict[str, Any]:
    return {
        "env": {k: os.environ[k] for k in SETTINGS_ENV if k in os.environ},
        "time_zone": settings.TIME_ZONE,
        "allowed_hosts": list(settings.ALLOWED_HOSTS),
        "editions": [list(pair) for pair in settings.VESTNIK_EDITIONS],
        "database_vendor": connections[DEFAULT_DB_ALIAS].vendor,
    }


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return found


def _key_files() -> list[tuple[str, Path]]:
    root = keys_dir()
    if not root.is_dir():
        return []
    return [
        (p.relative_to(root).as_posix(), p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    ]


def _add(tar: tarfile.TarFile, name: str, source: IO[bytes], size: int, mtime: float = 0) -> str:
    """Add one member, hashing it on the way; return its sha256."""
    digest = hashlib.sha256()

    class Reader:
        def read(self, n: int = -1) -> bytes:
            data = source.read(n)
            digest.update(data)
            return data

    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, Reader())
    return digest.hexdigest()


def backup(
    path: Path | str,
    *,
    passphrase: str | None = None,
    include_keys: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str], None] | None = None,
) -> BackupResult:
    """Write the whole site to `path` (via path.partial, renamed when complete)."""
    path = Path(path).absolute()
    if not path.parent.is_dir():
        raise ArchiveError(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory; give a file name.")
    say = progress or (lambda _msg: None)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "vestnik_version": vestnik.__version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database_vendor": connections[using].vendor,
        "include_keys": include_keys,
        "encrypted": passphrase is not None,
        "tables": {},
        "members": {},
    }
    members: dict[str, dict[str, Any]] = manifest["members"]
    total_rows = 0
    writer = ArchiveWriter(path, passphrase)
    try:
        with tempfile.TemporaryDirectory(prefix=".vestnik-backup-", dir=path.parent) as scratch:
            # 1. the database, inside one snapshot, into scratch files
            dumped: list[tuple[str, Path]] = []
            with snapshot(using):
                manifest["schema"] = schema_state(using)
                for model in dump.dumped_models(using):
                    label = model._meta.label_lower
                    file = Path(scratch) / f"{label}.jsonl"
                    with open(file, "wb") as out:
                        rows, _ = dump.dump_model(model, out, using)
                    manifest["tables"][label] = {"columns": dump.columns(model), "rows": rows}
                    dumped.append((f"db/{label}.jsonl", file))
                    total_rows += rows
            say(f"database: {total_rows} rows in {len(dumped)} tables")
            with tarfile.open(fileobj=writer.stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name, file in dumped:
                    with open(file, "rb") as f:
                        size = file.stat().st_size
                        members[name] = {"sha256": _add(tar, name, f, size), "size": size}
                    file.unlink()
                # 2. settings and keys
                config = {
                    "config/settings.json": json.dumps(
                        _site_settings(), sort_keys=True, indent=1
                    ).encode(),
                    "config/secret_key": settings.SECRET_KEY.encode(),
                }
                for name, data in config.items():
                    members[name] = {
                        "sha256": _add(tar, name, io.BytesIO(data), len(data)),
                        "size": len(data),
                    }
                if include_keys:
                    for rel, file in _key_files():
                        name = f"keys/{rel}"
                        with open(file, "rb") as f:
                            size = os.fstat(f.fileno()).st_size
                            members[name] = {"sha256": _add(tar, name, f, size), "size": size}
                # 3. media
                media = _media_files()
                for rel, file in media:
                    name = f"media/{rel}"
                    with open(file, "rb") as f:
                        stat = os.fstat(f.fileno())
                        members[name] = {
                            "sha256": _add(tar, name, f, stat.st_size, stat.st_mtime),
                            "size": stat.st_size,
                        }
                say(f"media: {len(media)} files")
                # 4. the manifest, last: it names every member above
                data = json.dumps(manifest, sort_keys=True, indent=1).encode()
                _add(tar, MANIFEST, io.BytesIO(data), len(data))
        size = writer.commit()
    except BaseException:
        writer.abort()
        raise
    _write_marker(path, size, manifest)
    return BackupResult(path, size, total_rows, len(media), passphrase is not None, manifest)


def _write_marker(path: Path, size: int, manifest: dict[str, Any]) -> None:
    marker = marker_path()
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        tmp = marker.with_name(marker.name + ".tmp")
        tmp.write_text(
            json.dumps(
                {"finished": manifest["created"], "file": str(path), "size": size},
                indent=1,
            )
        )
        os.replace(tmp, marker)
    except OSError:
        pass


def last_backup() -> dt.datetime | None:
    """When the last backup finished, from the marker `vestnik backup` writes."""
    try:
        data = json.loads(marker_path().read_text())
        when = dt.datetime.fromisoformat(data["finished"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


# --- restore -------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not name.startswith("/")
        and all(p not in ("", ".", "..") for p in parts)
        and "\x00" not in name
        and parts[0] in {"db", "config", "keys", "media", MANIFEST}
    )


def unpack(path: Path, scratch: Path, passphrase: Callable[[], str]) -> dict[str, Any]:
    """Check the archive fully and unpack it into `scratch`; return its manifest.

    Nothing outside `scratch` is written. Raises ArchiveError with a clear message for a
    truncated, altered, foreign or malformed file.
    """
    stream, close = open_tar_stream(path, scratch, passphrase)
    hashes: dict[str, tuple[str, int]] = {}
    manifest_bytes: bytes | None = None
    files = scratch / "files"
    try:
        try:
            tar = tarfile.open(fileobj=stream, mode="r|")
            for member in tar:
                if len(hashes) > MAX_MEMBERS:
                    raise ArchiveError("The archive has too many members; refused.")
                if not member.isfile() or not _safe_member(member.name):
                    raise ArchiveError(f"The archive holds an unexpected entry {member.name!r}.")
                if member.name in hashes:
                    raise ArchiveError(f"The archive holds {member.name!r} twice.")
                source = tar.extractfile(member)
                assert source is not None  # noqa: S101 - isfile() above
                digest = hashlib.sha256()
                if member.name == MANIFEST:
                    if member.size > 64 << 20:
                        raise ArchiveError("The manifest is too large; refused.")
                    manifest_bytes = source.read()
                    digest.update(manifest_bytes)
                else:
                    target = files / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with open(target, "wb") as out:
                        while chunk := source.read(1 << 20):
                            digest.update(chunk)
                            out.write(chunk)
                hashes[member.name] = (digest.hexdigest(), member.size)
            tar.close()
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise
            raise ArchiveError(f"{path} is damaged: {exc}") from exc
    finally:
        close()
    if manifest_bytes is None:
        raise ArchiveError(f"{path} has no manifest; it is not a complete vestnik backup.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise ArchiveError(f"{path} has an unreadable manifest.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a vestnik backup (its manifest is foreign).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"{path} uses backup format {manifest.get('format_version')!r}; "
            f"this vestnik reads format {FORMAT_VERSION}."
        )
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise ArchiveError(f"{path} has a malformed manifest.")
    present = {name for name in hashes if name != MANIFEST}
    if set(listed) != present:
        missing = sorted(set(listed) - present)[:5]
        extra = sorted(present - set(listed))[:5]
        raise ArchiveError(
            f"{path} does not match its manifest (missing {missing}, extra {extra})."
        )
    for name, (sha, size) in hashes.items():
        if name == MANIFEST:
            continue
        entry = listed[name]
        if not isinstance(entry, dict) or entry.get("sha256") != sha or entry.get("size") != size:
            raise ArchiveError(f"{path} is damaged or was altered: {name} fails its checksum.")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not isinstance(manifest.get("schema"), dict):
        raise ArchiveError(f"{path} has a malformed manifest.")
    for label, info in tables.items():
        if f"db/{label}.jsonl" not in listed or not isinstance(info, dict):
            raise ArchiveError(f"{path} has a malformed manifest (table {label}).")
        if not isinstance(info.get("columns"), list):
            raise ArchiveError(f"{path} has a malformed manifest (table {label}).")
    return manifest


def site_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """No content, users or media yet (setup rows such as editions do not count)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in global_apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.label_lower in SETUP_MODELS or table not in tables:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - quoted table name
            if cursor.fetchone():
                return False
    media = Path(settings.MEDIA_ROOT)
    return not (media.is_dir() and any(p.is_file() for p in media.rglob("*")))


def _targets(
    executor: MigrationExecutor, schema: dict[str, Any]
) -> tuple[list[tuple[str, str | None]], bool]:
    """Migration targets that rebuild the archive's schema; and whether it is older."""
    graph = executor.loader.graph
    targets: list[tuple[str, str | None]] = []
    older = False
    for app, names in sorted(schema.items()):
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise RestoreRefused("The manifest's schema list is malformed.")
        unknown = [n for n in names if (app, n) not in graph.nodes]
        if unknown:
            raise RestoreRefused(
                f"The backup was made by a newer vestnik: migration {app}.{unknown[0]} is "
                "unknown here. Upgrade vestnik, then restore."
            )
    for app in sorted(executor.loader.migrated_apps):
        names = set(schema.get(app, []))
        nodes = [(a, n) for (a, n) in graph.nodes if a == app]
        if not names:
            targets.append((app, None))
            older = older or bool(nodes)
            continue
        # the applied node whose history contains all the app's other applied nodes
        leaf = None
        for name in names:
            plan = {n for (a, n) in graph.forwards_plan((app, name)) if a == app}
            if names <= plan:
                leaf = name
                break
        if leaf is None:
            raise RestoreRefused(f"The manifest's migrations for {app} are inconsistent.")
        targets.append((app, leaf))
        older = older or any((a, n) not in {(app, m) for m in names} for (a, n) in nodes)
    return targets, older


def restore(
    path: Path | str,
    *,
    passphrase: Callable[[], str] | None = None,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str], None] | None = None,
) -> RestoreResult:
    """Restore the site from a backup; refuse (writing nothing) if anything is wrong."""
    path = Path(path)
    say = progress or (lambda _msg: None)

    def no_passphrase() -> str:
        raise ArchiveError("The archive is encrypted; a passphrase is needed.")

    with tempfile.TemporaryDirectory(prefix="vestnik-restore-") as scratch_name:
        scratch = Path(scratch_name)
        manifest = unpack(path, scratch, passphrase or no_passphrase)
        say(f"verified {len(manifest['members'])} members of the archive")
        connection = connections[using]
        executor = MigrationExecutor(connection)
        targets, older = _targets(executor, manifest["schema"])
        if not force and not site_is_empty(using):
            raise RestoreRefused(
                "This site is not empty (it has content, users or media). Restore into an "
                "empty site, or pass --force to replace everything in it."
            )
        state_apps = (
            executor.loader.project_state(
                [(a, n) for a, n in targets if n is not None], at_end=True
            ).apps
            if older
            else global_apps
        )
        state_labels = {
            m._meta.label_lower for m in state_apps.get_models(include_auto_created=True)
        }
        unknown = sorted(set(manifest["tables"]) - state_labels)
        if unknown:
            raise RestoreRefused(f"The backup holds tables this vestnik does not know: {unknown}.")
        files = scratch / "files"
        # --- from here on we write ---
        executor.loader.check_consistent_history(connection)
        plan = executor.migration_plan(targets)
        if force and plan:
            # Migrations must run on empty tables; without them the wipe and the load
            # share one transaction below (a failed load leaves the old site intact).
            with transaction.atomic(using=using):
                dump.delete_all(dump.dumped_models(using), using)
        if plan:
            executor.migrate(targets, plan=plan)
        rows = _load_tables(manifest, files, state_apps, using, wipe=force)
        say(f"database: {rows} rows loaded")
        if force:
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                shutil.rmtree(media_root)
        if older:
            say("migrating the restored schema forward")
        call_command("migrate", interactive=False, verbosity=0, database=using)
        media_count = _place_media(files)
        _place_config(files)
    site_restored.send(sender=restore, manifest=manifest, using=using)
    return RestoreResult(rows, media_count, older, manifest)


def _load_tables(
    manifest: dict[str, Any], files: Path, state_apps: Any, using: str, wipe: bool
) -> int:
    loaded: list[type[models.Model]] = []
    total = 0
    models_by_label = {
        m._meta.label_lower: m for m in state_apps.get_models(include_auto_created=True)
    }
    with transaction.atomic(using=using):
        tables = manifest["tables"]
        targets = [models_by_label[label] for label in sorted(tables)]
        # The freshly migrated database has setup rows (content types, permissions):
        # the archive's rows replace them. --force empties every table.
        dump.delete_all(dump.dumped_models(using) if wipe else targets, using)
        for model in targets:
            label = model._meta.label_lower
            try:
                count = dump.load_rows(
                    model,
                    tables[label]["columns"],
                    dump.read_lines(files / "db" / f"{label}.jsonl"),
                    using,
                )
            except (ValueError, TypeError) as exc:
                raise RestoreRefused(f"The rows of {label} cannot be loaded: {exc}") from exc
            if count != tables[label].get("rows"):
                raise RestoreRefused(f"{label}: the archive lists a different number of rows.")
            total += count
            loaded.append(model)
        connection = connections[using]
        if connection.vendor == "sqlite":
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        dump.reset_sequences(loaded, using)
    return total


def _place_media(files: Path) -> int:
    source = files / "media"
    if not source.is_dir():
        return 0
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for file in sorted(source.rglob("*")):
        if file.is_file():
            target = root / file.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
            count += 1
    return count


def _place_config(files: Path) -> None:
    home = Path(settings.VESTNIK_HOME)
    home.mkdir(parents=True, exist_ok=True)
    secret = files / "config" / "secret_key"
    # the key in use came from the file, not from SECRET_KEY: the backup's key replaces it
    if secret.is_file() and settings.SECRET_KEY in ("", conf.stored_secret_key(home)):
        target = home / "secret_key"
        target.write_bytes(secret.read_bytes())
        target.chmod(0o600)
    site_settings = files / "config" / "settings.json"
    if site_settings.is_file():
        shutil.copyfile(site_settings, home / "restored-settings.json")
    keys = files / "keys"
    if keys.is_dir():
        for file in sorted(keys.rglob("*")):
            if file.is_file():
                target = keys_dir() / file.relative_to(keys)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
                target.chmod(0o600)


def canonical_hashes(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """sha256 of each table's canonical dump, and of each media file: a site's fingerprint."""
    result: dict[str, str] = {}
    with snapshot(using):
        for model in dump.dumped_models(using):

            class Null:
                def write(self, data: bytes) -> int:
                    return len(data)

            _, sha = dump.dump_model(model, Null(), using)  # type: ignore[arg-type]
            result[f"db/{model._meta.label_lower}.jsonl"] = sha
    for rel, file in _media_files():
        result[f"media/{rel}"] = hashlib.sha256(file.read_bytes()).hexdigest()
    return result
