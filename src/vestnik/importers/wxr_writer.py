"""Write what wxr.read yields into the content model, idempotently."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils import timezone

from vestnik.content.models import Article, Edition, Page, Redirect, Section, Tag
from vestnik.content.sanitize import clean_html, clean_text_fields, plain_text
from vestnik.content.services import unique_article_slug
from vestnik.content.slugs import MAX_SLUG, RESERVED_SLUGS, make_slug
from vestnik.importers import records
from vestnik.importers.models import ImportedItem
from vestnik.importers.redirects import old_path, save_redirects
from vestnik.importers.summary import Summary
from vestnik.importers.wpcontent import MediaFile, to_html
from vestnik.importers.wxr import Category, Channel, Item
from vestnik.search.services import index_articles

WP_DATE = "%Y-%m-%d %H:%M:%S"
PUBLISHED_STATUSES = {"publish": "published", "future": "published"}
DRAFT_STATUSES = {"draft", "pending", "private"}
UNCATEGORIZED = "uncategorized"
MAX_SECTION_PATH = 400  # Section.path


def clean_title(raw: str, limit: int) -> str:
    """Titles are plain text: tags dropped, entities decoded, whitespace collapsed."""
    return html.unescape(plain_text(raw))[:limit].strip()


def suffixed(base: str, n: int) -> str:
    suffix = f"-{n}"
    return base[: MAX_SLUG - len(suffix)] + suffix


def parse_date(item: Item) -> dt.datetime:
    """When the post was published: the GMT date, else the local one, else the RSS date."""
    for value, zone in ((item.post_date_gmt, dt.UTC), (item.post_date, None)):
        if value and not value.startswith("0000"):
            try:
                parsed = dt.datetime.strptime(value, WP_DATE)
            except ValueError:
                continue
            if zone is None:
                return timezone.make_aware(parsed)
            return parsed.replace(tzinfo=zone)
    if item.pub_date:
        try:
            parsed = parsedate_to_datetime(item.pub_date)
            if parsed.tzinfo is None:
                parsed = timezone.make_aware(parsed)
            if parsed.year > 1900:
                return parsed
        except (TypeError, ValueError, IndexError):
            pass
    return timezone.now()


class WxrWriter:
    def __init__(
        self,
        edition: Edition,
        channel: Channel,
        source: str,
        summary: Summary,
        media: Mapping[str, MediaFile],
        children: Mapping[str, Sequence[str]],
        download: Callable[[Article, Item], str] | None = None,
    ) -> None:
        self.edition = edition
        self.channel = channel
        self.source = source
        self.summary = summary
        self.media = media
        self.children = children
        self.download = download
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {t.slug: t for t in Tag.objects.filter(edition=edition)}
        self.categories = {c.nicename: c for c in channel.categories if c.nicename}
        self.seen_posts: set[str] = set()
        self.taken_slugs: dict[int, set[str]] = {}
        self.pending: list[tuple[Article, list[str], Item, str]] = []
        self.batch_records: dict[tuple[str, str], ImportedItem | None] = {}
        self.batch_articles: dict[int, Article] = {}

    # --- terms -------------------------------------------------------------------

    def write_terms(self) -> None:
        self.summary.notes["authors in the export (recorded, not imported)"] = len(
            self.channel.authors
        )
        for category in self.channel.categories:
            if category.nicename:
                self.section_for(category.nicename)
        for term in self.channel.tags:
            name = clean_title(term.name, 100)
            if name:
                self.tag(name, count=True)

    def tag(self, name: str, count: bool = False) -> Tag:
        slug = make_slug(name, fallback="tag")
        tag = self.tags.get(slug)
        if tag is None:
            tag = Tag.objects.create(edition=self.edition, slug=slug, name=name[:100])
            self.tags[slug] = tag
            if count:
                self.summary.count("tags", "created")
        elif count:
            self.summary.count("tags", "unchanged")
        return tag

    def section_for(self, nicename: str) -> Section | None:
        """The section of a category, creating its parents first (no recursion: depth is data)."""
        if nicename in self.sections:
            return self.sections[nicename]
        chain: list[Category] = []
        seen: set[str] = set()
        current = self.categories.get(nicename)
        while current is not None and current.nicename not in seen:
            if current.nicename in self.sections:
                break
            seen.add(current.nicename)
            chain.append(current)
            current = self.categories.get(current.parent) if current.parent else None
        if not chain:
            return self.sections.get(nicename)
        parent = self.sections.get(chain[-1].parent) if chain[-1].parent else None
        for category in reversed(chain):
            parent = self._write_section(category, parent)
            self.sections[category.nicename] = parent
        return self.sections[nicename]

    def _write_section(self, category: Category, parent: Section | None) -> Section:
        title = clean_title(category.name, 200) or category.nicename[:200]
        description = plain_text(category.description)
        digest = records.digest(title, category.nicename, category.parent, description)
        record = records.find(self.source, "category", category.nicename)
        if record is not None:
            section = records.target(record, Section)
            if section is not None:
                state = records.section_state(section)
                if record.content_hash == digest:
                    self.summary.count("categories", "unchanged")
                    return section
                if state != record.written_hash:
                    records.mark_conflict(record, digest)
                    self.summary.count("categories", "kept_local")
                    return section
                section.title, section.description, section.parent = title, description, parent
                section.save()
                records.update(record, digest, records.section_state(section))
                self.summary.count("categories", "updated")
                return section
        slug = make_slug(unquote(category.nicename) or title, fallback="section")
        if slug in RESERVED_SLUGS:
            slug = suffixed(slug, 1)
        if parent is not None and len(parent.path) + 1 + len(slug) > MAX_SECTION_PATH:
            self.summary.notes["categories nested too deep, placed at the top level"] += 1
            parent = None
        path = f"{parent.path}/{slug}" if parent is not None else slug
        section = Section.objects.filter(edition=self.edition, path=path).first()
        outcome = "unchanged"
        if section is None:
            section = Section(
                edition=self.edition, parent=parent, title=title, slug=slug, description=description
            )
            section.save()
            outcome = "created"
        records.save(
            record, self.source, "category", category.nicename, section, digest,
            records.section_state(section),
        )  # fmt: skip
        self.summary.count("categories", outcome)
        return section

    def fallback_section(self) -> Section:
        section = self.sections.get(UNCATEGORIZED)
        if section is None:
            section = Section.objects.filter(edition=self.edition, path=UNCATEGORIZED).first()
            if section is None:
                section = Section(edition=self.edition, title="Uncategorized", slug=UNCATEGORIZED)
                section.save()
                self.summary.count("categories", "created")
            self.sections[UNCATEGORIZED] = section
        return section

    # --- items -------------------------------------------------------------------

    def write(self, item: Item) -> None:
        self.summary.notes["comments (counted, not imported)"] += item.comments
        label = clean_title(item.title, 100)
        if not item.post_id.isdigit():
            self.summary.skip(item.post_type or "item", item.post_id, label, "no numeric post ID")
            return
        try:
            match item.post_type:
                case "post":
                    self.write_post(item)
                case "page":
                    self.write_page(item)
                case "attachment":
                    self.write_attachment(item)
                case other:
                    self.summary.skip(
                        other or "item", item.post_id, label,
                        f"post type “{other or '?'}” is not imported",
                    )  # fmt: skip
        except ValidationError as exc:  # raised by clean_fields, before anything is written
            reason = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            self.summary.skip(item.post_type, item.post_id, label, f"invalid: {reason}"[:300])

    def _status(self, item: Item, label: str) -> str | None:
        if item.status in PUBLISHED_STATUSES:
            return Article.Status.PUBLISHED
        if item.status in DRAFT_STATUSES:
            if item.status != "draft":
                self.summary.notes[f"{item.status} posts kept as drafts"] += 1
            return Article.Status.DRAFT
        self.summary.skip("post", item.post_id, label, f"status “{item.status}” is not imported")
        return None

    def _title(self, item: Item, limit: int) -> str:
        title = clean_title(item.title, limit)
        if title:
            return title
        words = plain_text(item.content).split()
        if words:
            text = " ".join(words[:8])
            return html.unescape(text if len(words) <= 8 else text + " …")[:limit]
        return f"Untitled {item.post_id}"

    def write_post(self, item: Item) -> None:
        label = clean_title(item.title, 100)
        status = self._status(item, label)
        if status is None:
            return
        if item.post_id in self.seen_posts:
            self.summary.skip("post", item.post_id, label, "post ID appears twice in the file")
            return
        self.seen_posts.add(item.post_id)
        digest = item.content_hash()
        record = self._record("post", item.post_id)
        article = None
        if record is not None:
            article = self.batch_articles.get(record.target_id or 0)
            if article is None:
                self.summary.skip("post", item.post_id, label, "deleted here since the last import")
                return
            if record.content_hash == digest:
                self.summary.count("posts", "unchanged")
                return
            if records.article_state(article) != record.written_hash:
                records.mark_conflict(record, digest)
                self.summary.count("posts", "kept_local")
                return
        section = self._post_section(item)
        added = parse_date(item)
        title = self._title(item, 300)
        fields = {
            "title": title,
            "body": to_html(item.content, item.post_id, self.media, self.children),
            "summary": to_html(item.excerpt) if item.excerpt.strip() else "",
            "added": added,
            "status": status,
            "published_at": added if status == Article.Status.PUBLISHED else None,
        }
        tag_names = [n for n in (clean_title(name, 100) for _, name in item.tags) if n]
        if record is not None and article is not None:
            old_url = article.get_absolute_url()
            for name, value in fields.items():
                setattr(article, name, value)
            if article.section_id != section.pk:
                self.taken_slugs.pop(article.section_id, None)
                article.section = section
                article.slug = unique_article_slug(section, article.slug, exclude_pk=article.pk)
                self.taken_slugs.pop(section.pk, None)
            article.save()
            article.tags.set([self.tag(n) for n in tag_names])
            if article.get_absolute_url() != old_url:
                save_redirects([old_url], article=article)
            records.update(record, digest, records.article_state(article))
            self.summary.count("posts", "updated")
            return
        article = Article(
            edition=self.edition, section=section, show_in_site_news=False,
            slug=self._free_slug(section, unquote(item.slug) or title), **fields,
        )  # fmt: skip
        article.body = clean_html(article.body)  # what Article.save does; bulk_create skips it
        article.summary = clean_html(article.summary)
        clean_text_fields(article)  # the pre_save receiver's work, for the same reason
        article.clean_fields(exclude=["edition", "section", "source"])
        self.pending.append((article, tag_names, item, digest))
        if item.sticky:
            self.summary.notes["sticky posts (recorded on the import record)"] += 1
        self.summary.count("posts", "created")

    # --- batches: one query per kind instead of several per post ----------------------

    def _record(self, kind: str, key: str) -> ImportedItem | None:
        if (kind, key) in self.batch_records:
            return self.batch_records[(kind, key)]
        return records.find(self.source, kind, key)

    def _free_slug(self, section: Section, text: str) -> str:
        taken = self.taken_slugs.get(section.pk)
        if taken is None:
            taken = set(Article.objects.filter(section=section).values_list("slug", flat=True))
            self.taken_slugs[section.pk] = taken
        base = make_slug(text, fallback="article")
        slug, n = base, 2
        while slug in taken:
            slug = suffixed(base, n)
            n += 1
        taken.add(slug)
        return slug

    def write_batch(self, items: Sequence[Item]) -> None:
        """Write a run of items: records and their articles fetched together, posts inserted
        together."""
        keys: dict[str, list[str]] = {}
        for item in items:
            keys.setdefault(item.post_type, []).append(item.post_id[:500])
        self.batch_records = {}
        for kind in ("post", "page", "attachment"):
            if keys.get(kind):
                for record in ImportedItem.objects.filter(
                    source=self.source, kind=kind, key__in=keys[kind]
                ):
                    self.batch_records[(kind, record.key)] = record
        for kind, key in [(k, i.post_id) for i in items for k in (i.post_type,)]:
            self.batch_records.setdefault((kind, key[:500]), None)
        ids = [r.target_id for (k, _), r in self.batch_records.items() if r and k == "post"]
        self.batch_articles = Article.objects.select_related("section").in_bulk(
            [i for i in ids if i is not None]
        )
        for item in items:
            self.write(item)
        self.flush()
        self.batch_records, self.batch_articles = {}, {}

    def flush(self) -> None:
        if not self.pending:
            return
        articles = Article.objects.bulk_create([p[0] for p in self.pending])
        through = Article.tags.through
        links = []
        for article, (_, tag_names, _, _) in zip(articles, self.pending, strict=True):
            tag_ids = dict.fromkeys(self.tag(n).pk for n in tag_names)
            links += [through(article_id=article.pk, tag_id=t) for t in tag_ids]
        through.objects.bulk_create(links)
        # bulk_create sends no signals: index the new articles in this transaction ourselves
        index_articles([a.pk for a in articles])
        ImportedItem.objects.bulk_create(
            clean_text_fields(ImportedItem(
                source=self.source, kind="post", key=item.post_id[:500], guid=item.guid[:1000],
                url=item.link[:2000], target_model=article._meta.label_lower,
                target_id=article.pk, content_hash=digest,
                written_hash=records.article_state(article), sticky=item.sticky,
            ))
            for article, (_, _, item, digest) in zip(articles, self.pending, strict=True)
        )  # fmt: skip
        wanted: dict[str, Article] = {}
        for article, (_, _, item, _) in zip(articles, self.pending, strict=True):
            for path in self._old_paths(item, "p"):
                wanted.setdefault(path, article)
        self.pending = []
        existing = set(
            Redirect.objects.filter(old_path__in=list(wanted)).values_list("old_path", flat=True)
        )
        for path in existing:
            save_redirects([path], article=wanted[path])
        Redirect.objects.bulk_create(
            Redirect(old_path=path, article=article)
            for path, article in wanted.items()
            if path not in existing and path != article.get_absolute_url()
        )

    def _post_section(self, item: Item) -> Section:
        for nicename, _ in item.categories:
            section = self.section_for(nicename)
            if section is not None:
                return section
        return self.fallback_section()

    def _old_paths(self, item: Item, query: str) -> list[str]:
        paths = [f"/?{query}={item.post_id}"]
        for url in (item.link, item.guid):
            path = old_path(url)
            if path and path not in paths and path != "/":
                paths.append(path)
        return paths

    def write_page(self, item: Item) -> None:
        label = clean_title(item.title, 100)
        if item.status != "publish":
            self.summary.skip(
                "page", item.post_id, label,
                f"page is “{item.status}”; plain pages are always public, so not imported",
            )  # fmt: skip
            return
        digest = item.content_hash()
        record = self._record("page", item.post_id)
        title = self._title(item, 200)
        body = to_html(item.content, item.post_id, self.media, self.children)
        order = min(
            max(int(item.menu_order) if item.menu_order.lstrip("-").isdigit() else 0, 0), 32767
        )
        if record is not None:
            page = records.target(record, Page)
            if page is None:
                self.summary.skip("page", item.post_id, label, "deleted here since the last import")
                return
            if record.content_hash == digest:
                self.summary.count("pages", "unchanged")
                return
            if records.page_state(page) != record.written_hash:
                records.mark_conflict(record, digest)
                self.summary.count("pages", "kept_local")
                return
            page.title, page.body, page.order = title, body, order
            page.save()
            records.update(record, digest, records.page_state(page))
            self.summary.count("pages", "updated")
            return
        page = Page(
            edition=self.edition, title=title, body=body, order=order, show_in_menu=False,
            slug=self._page_slug(unquote(item.slug) or title),
        )  # fmt: skip
        page.clean_fields(exclude=["edition"])
        page.save()
        records.save(
            None, self.source, "page", item.post_id, page, digest, records.page_state(page),
            guid=item.guid, url=item.link,
        )  # fmt: skip
        save_redirects(self._old_paths(item, "page_id"), target_url=page.get_absolute_url())
        self.summary.count("pages", "created")

    def _page_slug(self, text: str) -> str:
        base = make_slug(text, fallback="page")
        taken = set(
            Page.objects.filter(edition=self.edition, slug__startswith=base[:40]).values_list(
                "slug", flat=True
            )
        ) | set(
            Section.objects.filter(
                edition=self.edition, parent=None, slug__startswith=base[:40]
            ).values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken or slug in RESERVED_SLUGS:
            n += 1
            slug = suffixed(base, n)
        return slug

    def write_attachment(self, item: Item) -> None:
        url = item.attachment_url or item.guid
        digest = item.content_hash()
        record = self._record("attachment", item.post_id)
        if record is not None and record.content_hash == digest:
            self.summary.count("attachments", "unchanged")
            return
        target = None
        if self.download is not None and item.parent != "0":
            parent = records.find(self.source, "post", item.parent)
            article = records.target(parent, Article) if parent is not None else None
            if article is None:
                self.summary.skip(
                    "attachment", item.post_id, url, "not attached to an imported post"
                )
            else:
                problem = self.download(article, item)
                if problem:
                    self.summary.skip("attachment", item.post_id, url, problem)
                else:
                    target = article.attachments.order_by("-id").first()
        records.save(
            record, self.source, "attachment", item.post_id, target, digest, "",
            guid=item.guid, url=url,
        )  # fmt: skip
        self.summary.count("attachments", "created" if record is None else "updated")
