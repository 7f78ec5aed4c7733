"""Importers' entry points: the CLI, tests and any future admin screen call these."""

from __future__ import annotations

import mimetypes
import posixpath
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone

from vestnik.content.models import Article, Attachment, Edition
from vestnik.content.services import ensure_editions
from vestnik.importers import wxr
from vestnik.importers.errors import ImportFailed
from vestnik.importers.models import ImportRun
from vestnik.importers.summary import Summary
from vestnik.importers.wpcontent import MediaFile
from vestnik.importers.wxr_writer import WxrWriter, clean_title
from vestnik.syndication.services import bump_content_version

MAX_DOWNLOAD = 50 * 1024 * 1024
DOWNLOAD_TIMEOUT = 20
# Items written together: one query per kind fetches their import records.
BATCH = 500

Progress = Callable[[int], None]


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def check_edition_code(code: str) -> None:
    """Refuse an unknown edition before any work, writing nothing."""
    known = list(Edition.objects.values_list("code", flat=True))
    if not known:  # a fresh site gets the configured editions (inside the import's transaction)
        known = [c for c, _ in settings.VESTNIK_EDITIONS]
    if code not in known:
        raise ImportFailed(f"no edition “{code}” (editions: {', '.join(known) or 'none'})")


def edition_by_code(code: str) -> Edition:
    """The edition to import into; call inside the import's transaction (it may create it)."""
    check_edition_code(code)
    if not Edition.objects.exists():
        ensure_editions()  # a fresh site: the configured editions, as on first start
    return Edition.objects.get(code=code)


def survey_wxr(
    path: Path, progress: Progress | None = None
) -> tuple[wxr.Channel, dict[str, MediaFile], dict[str, list[str]]]:
    """First pass: the channel, and every attachment (galleries may name later ones)."""
    channel = wxr.Channel()
    media: dict[str, MediaFile] = {}
    children: dict[str, list[str]] = defaultdict(list)
    for record in wxr.read(path, progress):
        if isinstance(record, wxr.Channel):
            channel = record
        elif record.post_type == "attachment" and record.post_id:
            url = record.attachment_url or record.guid
            media[record.post_id] = MediaFile(url=url, title=clean_title(record.title, 200))
            if record.parent and record.parent != "0":
                children[record.parent].append(record.post_id)
    return channel, media, dict(children)


def download_attachment(article: Article, item: wxr.Item) -> str:
    """Fetch an attachment and attach it to its article; returns a problem or ''."""
    url = item.attachment_url or item.guid
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    name = posixpath.basename(unquote(parts.path)) or f"attachment-{item.post_id}"
    try:
        # The scheme is checked above: only http(s) is fetched.
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_DOWNLOAD + 1)
            mime = response.headers.get_content_type()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"download failed: {getattr(exc, 'reason', exc)}"
    if len(data) > MAX_DOWNLOAD:
        return f"larger than {MAX_DOWNLOAD // (1024 * 1024)} MB"
    attachment = Attachment(
        article=article,
        title=clean_title(item.title, 300) or name[:300],
        mime=(mime or mimetypes.guess_type(name)[0] or "")[:100],
    )
    attachment.file.save(name[-100:], ContentFile(data), save=True)
    return ""


def import_wxr(
    path: Path,
    edition_code: str = "en",
    dry_run: bool = False,
    download_attachments: bool = False,
    progress: Progress | None = None,
    downloader: Callable[[Article, wxr.Item], str] | None = None,
) -> Summary:
    """Import a WordPress export in one transaction; ImportFailed leaves the database as it was."""
    started = timezone.now()
    check_edition_code(edition_code)
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    channel, media, children = survey_wxr(path, progress)
    source = "wxr:" + (channel.base_blog_url or channel.link or path.name)[:290]
    summary = Summary(importer="WordPress", source=source, dry_run=dry_run)
    fetch = downloader or download_attachment
    saved: list[str] = []

    def download(article: Article, item: wxr.Item) -> str:
        before = set(article.attachments.values_list("file", flat=True))
        problem = fetch(article, item)
        saved.extend(set(article.attachments.values_list("file", flat=True)) - before)
        return problem

    committed = False
    try:
        with transaction.atomic():
            edition = edition_by_code(edition_code)
            writer = WxrWriter(
                edition, channel, source, summary, media, children,
                download if download_attachments else None,
            )  # fmt: skip
            writer.write_terms()
            attachments, batch = [], []
            for record in wxr.read(path, progress, channel=wxr.Channel()):
                if not isinstance(record, wxr.Item):
                    continue
                if record.post_type == "attachment":
                    attachments.append(record)  # after the posts they belong to
                    continue
                batch.append(record)
                if len(batch) >= BATCH:
                    writer.write_batch(batch)
                    batch = []
            writer.write_batch(batch)
            for start in range(0, len(attachments), BATCH):
                writer.write_batch(attachments[start : start + BATCH])
            bump_content_version()  # bulk writes send no signals: new ETags for readers
            ImportRun.objects.create(
                importer="wxr", source=source, file=str(path)[:1000], dry_run=dry_run,
                started=started, summary=summary.as_dict(),
            )  # fmt: skip
            if dry_run:
                raise _DryRun
            committed = True
    except _DryRun:
        pass
    except DatabaseError as exc:
        raise ImportFailed(f"the database refused the import: {exc}"[:500]) from exc
    finally:
        if not committed:  # the rows are rolled back; so are the files fetched for them
            for name in saved:
                default_storage.delete(name)
    return summary
