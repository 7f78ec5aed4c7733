"""Import a saved copy of an old hand-made site (a folder of HTML pages, e.g. wget --mirror).

Each page is read in its own encoding, its main text found with trafilatura, and the parts
an NGO press release has (source, title and subtitle, dateline, contacts) taken out into the
article's fields. Folders become sections, English/Russian pairs become translations, and
every old path stays reachable as a permanent redirect. One transaction for the whole run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import lxml.html
import trafilatura
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone
from lxml import etree

from vestnik.content import services as content
from vestnik.content.models import Article, Edition, Section
from vestnik.content.sanitize import strip_control_references
from vestnik.content.slugs import RESERVED_SLUGS, make_slug
from vestnik.importers import records
from vestnik.importers.datelines import Dateline, find_dateline
from vestnik.importers.errors import ImportFailed
from vestnik.importers.models import ImportRun
from vestnik.importers.redirects import save_redirects
from vestnik.importers.summary import Summary

SOURCE = "html"
MAX_PAGE = 5 * 1024 * 1024
MIN_TEXT = 200
PAGE_SUFFIXES = (".html", ".htm", ".shtml")
LANGUAGE_DIRS = {"en", "ru", "eng", "rus"}
BLOCKS = ("p", "ul", "ol", "blockquote", "h2", "h3", "h4", "h5", "h6", "pre", "table", "dl")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
CONTACTS_HEAD = re.compile(
    r"^(for more information,? please contact|for further information|contacts?:|"
    r"для получения (дополнительной )?информации|контакты|контактная информация)",
    re.I,
)
CONTACT_LINE = re.compile(
    r"^(?:In|В|Во)\s+(?P<city>[^,]{2,60}),\s*(?P<name>[^(:]{2,120}?)\s*"
    r"(?:\((?P<langs>[^)]{1,100})\))?\s*:\s*(?P<rest>.+)$"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SUFFIX_LANGUAGE = re.compile(r"^(?P<stem>.+?)[._-](?P<lang>en|ru)$")


@dataclass
class Extracted:
    """What one old page is made of."""

    title: str
    subtitle: str = ""
    source: str = ""
    dateline: Dateline | None = None
    body: str = ""
    contacts: list[content.ContactData] = field(default_factory=list)
    language: str = ""
    alternates: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The page's text: its declared charset, else UTF-8, else the old Russian web's cp1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = CHARSET.search(data[:4096])
    candidates = [declared[1].decode("ascii").lower()] if declared else []
    candidates += ["utf-8", "cp1251"]
    for name in candidates:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _text(element: Any) -> str:
    if not isinstance(element.tag, str):  # a comment or processing instruction: no text
        return ""
    return " ".join(element.text_content().split())


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters) / len(letters)


def split_heading(heading: str) -> tuple[str, str]:
    """`Russia: Free X. Activist Targeted` → title and subtitle, at the first full stop."""
    match = re.match(r"^(?P<title>.{8,}?[^\s.]{3,})\.\s+(?P<sub>[A-ZА-ЯЁ«\"“].{8,})$", heading)
    if match is None:
        return heading, ""
    return match["title"], match["sub"].rstrip(".")


def _source_before(h1: Any) -> str:
    """The organisation named just above the heading (`<div class=source>` or a short line)."""
    root = h1.getroottree()
    marked = root.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' source ') or @id='source']"
    )
    for element in marked:
        text = _text(element)
        if text:
            return text[:200]
    # elements only: a comment above the heading (a banner's <!-- … -->) is not the source
    for element in h1.itersiblings(etree.Element, preceding=True):
        text = _text(element)
        if not text:
            continue
        if len(text) <= 100 and not re.search(r"[>»|]", text):
            return text[:200]
        break
    return ""


def _main_blocks(page: str, title: str) -> list[Any]:
    """The blocks of the main text, in order, from trafilatura's reading of the page."""
    extracted = trafilatura.extract(
        page,
        output_format="html",
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    if not extracted:
        return []
    tree = lxml.html.fromstring(extracted)
    heading = next((h for h in tree.iter("h1") if _text(h) == title), None)
    start = heading if heading is not None else tree
    axis = "following::*" if heading is not None else "descendant::*"
    blocks = start.xpath(f"{axis}[{' or '.join(f'self::{b}' for b in BLOCKS)}]")
    chosen: list[Any] = []
    for block in blocks:
        if any(block in set(c.iterdescendants()) for c in chosen[-3:]):
            continue
        chosen.append(block)
    return chosen


def _contacts(lines: list[str]) -> list[content.ContactData]:
    contacts = []
    for line in lines:
        match = CONTACT_LINE.match(line)
        if match is None:
            continue
        rest = match["rest"]
        email = EMAIL.search(rest)
        if email is not None:
            try:
                validate_email(email[0])
            except ValidationError:
                email = None
        numbers = EMAIL.sub("", rest)
        phones = [p.strip(" ,.") for p in re.split(r";\s*(?:or|или)?\s*|\s+or\s+", numbers)]
        phones = [p for p in phones if p and not EMAIL.fullmatch(p)]
        contacts.append(
            content.ContactData(
                name=match["name"].strip()[:200],
                city=match["city"].strip()[:100],
                languages=(match["langs"] or "").strip()[:200],
                phones=[p[:100] for p in phones][:10],
                email=email[0] if email else "",
            )
        )
    return contacts


def extract(page: str) -> Extracted | None:
    """The parts of one old page, or None when it is not an article (an index, a stub)."""
    # lxml and trafilatura drop a page with a control character in it (`&#1;` as well)
    page = strip_control_references(page)
    try:
        doc = lxml.html.document_fromstring(page)
    except (etree.LxmlError, ValueError):
        return None
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    h1 = next(iter(doc.iter("h1")), None)
    if h1 is None:
        return None
    heading = _text(h1)
    if not heading:
        return None
    title, subtitle = split_heading(heading)
    result = Extracted(title=title[:300], subtitle=subtitle[:500], source=_source_before(h1))
    blocks = _main_blocks(page, heading)
    if sum(len(_text(b)) for b in blocks) < MIN_TEXT:
        return None
    body: list[str] = []
    contact_lines: list[str] = []
    in_contacts = False
    for i, block in enumerate(blocks):
        text = _text(block)
        if i == 0 and block.tag == "p":
            dateline = find_dateline(text)
            if dateline is not None:
                result.dateline = dateline
                _strip_leading(block, dateline.matched)
        if CONTACTS_HEAD.match(text):
            in_contacts = True
            continue
        if in_contacts:
            if CONTACT_LINE.match(text):
                contact_lines.append(text)
                continue
            in_contacts = False
        body.append(lxml.html.tostring(block, encoding="unicode", with_tail=False))
    result.body = "\n".join(body)
    result.contacts = _contacts(contact_lines)
    lang = (doc.get("lang") or "").split("-")[0].lower()
    all_text = " ".join(_text(b) for b in blocks)
    result.language = lang if lang in ("en", "ru") else (
        "ru" if _cyrillic_share(all_text) > 0.3 else "en"
    )  # fmt: skip
    result.alternates = [
        a.get("href", "")
        for a in doc.xpath("//link[@rel='alternate'][@hreflang]|//a[@hreflang]")
        if a.get("href")
    ]
    return result


def _strip_leading(block: Any, matched: str) -> None:
    """Remove the dateline from the start of the first paragraph (any whitespace inside)."""
    pattern = r"^\s*" + r"\s+".join(re.escape(word) for word in matched.split()) + r"\s*"
    block.text = re.sub(pattern, "", block.text or "", count=1)


class SectionMap:
    """`folder = section/path` lines: old folders → sections (longest folder wins)."""

    def __init__(self, path: Path | None) -> None:
        self.rules: list[tuple[str, str]] = []
        if path is None:
            return
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ImportFailed(f"{path}: cannot read the section map: {exc}") from exc
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            folder, sep, target = (part.strip().strip("/") for part in line.partition("="))
            segments = target.split("/")
            if not sep or not target or any(make_slug(s, "") != s for s in segments):
                raise ImportFailed(
                    f"{path.name}: line {number}: expected `folder = section/path` with "
                    f"a-z, 0-9 and hyphens in the path, got {line[:80]!r}"
                )
            self.rules.append((folder, target))
        self.rules.sort(key=lambda rule: -len(rule[0]))

    def target(self, folder: str) -> str | None:
        for prefix, target in self.rules:
            if folder == prefix or folder.startswith(prefix + "/") or prefix == "":
                return target
        return None


class HtmlSiteImporter:
    def __init__(self, root: Path, edition: Edition, section_map: SectionMap, summary: Summary):
        self.root = root
        self.edition = edition
        self.editions = {e.code: e for e in Edition.objects.all()}
        self.section_map = section_map
        self.summary = summary
        self.sections: dict[tuple[int, str], Section] = {}
        self.articles: dict[str, Article] = {}  # relative path → article
        self.alternates: dict[str, list[str]] = {}

    @staticmethod
    def find_pages(root: Path, summary: Summary) -> list[Path]:
        found = []
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() not in PAGE_SUFFIXES or not path.is_file():
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                rel = path.relative_to(root).as_posix()
                summary.skip("page", rel, "", "a link outside the folder")
                continue
            found.append(path)
        return found

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def section(self, edition: Edition, rel: str) -> Section:
        folder = PurePosixPath(rel).parent.as_posix()
        folder = "" if folder == "." else folder
        parts = folder.split("/") if folder else []
        if parts and parts[0].lower() in LANGUAGE_DIRS:
            parts = parts[1:]
        mapped = self.section_map.target("/".join(parts))
        slugs = mapped.split("/") if mapped else [make_slug(p, "section") for p in parts]
        titles = [None] * len(slugs) if mapped else parts
        if not slugs:
            slugs, titles = ["archive"], ["Archive"]
        parent: Section | None = None
        for depth, slug in enumerate(slugs):
            if slug in RESERVED_SLUGS:
                slug = f"{slug}-1"
            path = "/".join(slugs[: depth + 1])
            key = (edition.pk, path)
            section = self.sections.get(key)
            if section is None:
                section = Section.objects.filter(edition=edition, path=path).first()
                if section is None:
                    raw = titles[depth] or slug
                    title = re.sub(r"[-_]+", " ", raw).strip().capitalize() or slug
                    section = Section(edition=edition, parent=parent, title=title[:200], slug=slug)
                    section.save()
                    self.summary.count("sections", "created")
                self.sections[key] = section
            parent = section
        if parent is None:  # unreachable: slugs is never empty
            raise ImportFailed(f"{rel}: no section")
        return parent

    def old_paths(self, rel: str) -> list[str]:
        paths = ["/" + rel]
        if PurePosixPath(rel).name.lower() in ("index.html", "index.htm"):
            folder = PurePosixPath(rel).parent.as_posix()
            paths.append("/" if folder == "." else f"/{folder}/")
        return paths

    def write(self, path: Path) -> None:
        rel = self.rel(path)
        size = path.stat().st_size
        if size > MAX_PAGE:
            self.summary.skip("page", rel, "", f"larger than {MAX_PAGE // 1024 // 1024} MB")
            return
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        record = records.find(SOURCE, "page", rel)
        if record is not None:
            article = records.target(record, Article)
            if article is None:
                self.summary.skip("page", rel, "", "deleted here since the last import")
                return
            self.articles[rel] = article
            if record.content_hash == digest:
                self.summary.count("articles", "unchanged")
                return
            if records.article_state(article) != record.written_hash:
                records.mark_conflict(record, digest)
                self.summary.count("articles", "kept_local")
                return
        page = extract(decode(data))
        if page is None:
            self.summary.skip("page", rel, "", "not an article (no heading or too little text)")
            return
        self.alternates[rel] = page.alternates
        edition = self.editions.get(page.language, self.edition)
        if record is not None:
            article = self.articles[rel]
            article.title, article.subtitle, article.body = page.title, page.subtitle, page.body
            if page.source:
                article.source = content.get_or_create_source(page.source)
            if page.dateline is not None:
                article.dateline_place = page.dateline.place[:100]
                article.dateline_date = page.dateline.date
            article.save()
            article.contacts.all().delete()
            for order, c in enumerate(page.contacts):
                article.contacts.create(
                    name=c.name, city=c.city, languages=c.languages, phones="\n".join(c.phones),
                    email=c.email, order=order,
                )  # fmt: skip
            records.update(record, digest, records.article_state(article))
            self.summary.count("articles", "updated")
            return
        section = self.section(edition, rel)
        dateline = page.dateline
        added = None
        if dateline is not None and dateline.date is not None:
            added = timezone.make_aware(dt.datetime.combine(dateline.date, dt.time(12)))
        added = added or timezone.now()
        data_ = content.ArticleData(
            edition=edition,
            section=section,
            title=page.title,
            subtitle=page.subtitle,
            body=page.body,
            source=content.get_or_create_source(page.source) if page.source else None,
            dateline_place=dateline.place[:100] if dateline else "",
            dateline_date=dateline.date if dateline else None,
            added=added,
            contacts=page.contacts,
            show_in_site_news=False,
            extra={"status": Article.Status.PUBLISHED, "published_at": added},
        )
        article = content.create_article(data_)
        self.articles[rel] = article
        records.save(
            None,
            SOURCE,
            "page",
            rel,
            article,
            digest,
            records.article_state(article),
            url="/" + rel,
        )
        save_redirects(self.old_paths(rel), article=article)
        self.summary.count("articles", "created")
        if page.contacts:
            self.summary.notes["contacts found"] += len(page.contacts)

    def pair_translations(self) -> None:
        """Link English/Russian pairs: hreflang links, en/ ↔ ru/ trees, page_ru.html names."""
        done: set[frozenset[str]] = set()
        for rel, article in self.articles.items():
            for other in self._partners(rel):
                partner = self.articles.get(other)
                pair = frozenset((rel, other))
                if partner is None or pair in done or partner.edition_id == article.edition_id:
                    continue
                done.add(pair)
                if article.translation_group and (
                    article.translation_group == partner.translation_group
                ):
                    continue
                content.link_translations(article, partner)
                self.summary.count("translation pairs", "created")

    def _partners(self, rel: str) -> list[str]:
        candidates = []
        base = PurePosixPath(rel)
        for href in self.alternates.get(rel, []):
            if "://" in href or href.startswith(("#", "mailto:")):
                continue
            target = href.split("#")[0].split("?")[0]
            joined = (
                PurePosixPath(target.lstrip("/"))
                if target.startswith("/")
                else base.parent / target
            )
            parts: list[str] = []
            for part in joined.parts:
                if part == "..":
                    if parts:
                        parts.pop()
                elif part != ".":
                    parts.append(part)
            candidates.append("/".join(parts))
        first, _, rest = rel.partition("/")
        swap = {"en": "ru", "ru": "en", "eng": "rus", "rus": "eng"}
        if first in swap and rest:
            candidates.append(f"{swap[first]}/{rest}")
        stem = SUFFIX_LANGUAGE.match(base.stem)
        if stem is not None:
            other = "ru" if stem["lang"] == "en" else "en"
            candidates.append(str(base.with_name(f"{stem['stem']}_{other}{base.suffix}")))
            candidates.append(str(base.with_name(f"{stem['stem']}{base.suffix}")))
        else:
            for lang in ("ru", "en"):
                candidates.append(str(base.with_name(f"{base.stem}_{lang}{base.suffix}")))
        return candidates


def import_html_site(
    root: Path,
    edition_code: str,
    section_map: Path | None = None,
    dry_run: bool = False,
    progress_factory: Callable[[int, str], Any] | None = None,
) -> Summary:
    """Import every page under `root` in one transaction; ImportFailed leaves nothing behind."""
    from vestnik.importers.services import _DryRun, check_edition_code, edition_by_code

    started = timezone.now()
    check_edition_code(edition_code)
    if not root.is_dir():
        raise ImportFailed(f"{root}: not a folder")
    mapping = SectionMap(section_map)
    summary = Summary(importer="HTML", source=str(root.name), dry_run=dry_run)
    pages = HtmlSiteImporter.find_pages(root, summary)
    if not pages:
        raise ImportFailed(f"{root}: no .html pages found")
    bar = progress_factory(len(pages), "pages") if progress_factory else None
    try:
        with transaction.atomic():
            # a fresh site gets its editions here, so a refused import leaves none behind
            importer = HtmlSiteImporter(root, edition_by_code(edition_code), mapping, summary)
            for path in pages:
                try:
                    with transaction.atomic():  # a page that fails leaves nothing behind
                        importer.write(path)
                except OSError as exc:
                    summary.skip("page", importer.rel(path), "", f"cannot read: {exc.strerror}")
                except ValidationError as exc:
                    reason = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                    summary.skip("page", importer.rel(path), "", f"invalid: {reason}"[:300])
                if bar is not None:
                    bar.update(1)
            importer.pair_translations()
            ImportRun.objects.create(
                importer="html", source=SOURCE, file=str(root)[:1000], dry_run=dry_run,
                started=started, summary=summary.as_dict(),
            )  # fmt: skip
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except DatabaseError as exc:
        raise ImportFailed(f"the database refused the import: {exc}"[:500]) from exc
    finally:
        if bar is not None:
            bar.close()
    return summary
