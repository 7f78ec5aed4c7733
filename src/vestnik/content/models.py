"""The newsroom's content: editions, sections, articles and what hangs off them."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vestnik.content.sanitize import clean_html
from vestnik.content.slugs import RESERVED_SLUGS

slug_validator = RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", _("Use a-z, 0-9 and hyphens."))


def not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by the site itself."), params={"slug": value})


class Edition(models.Model):
    """One language edition of the site: /en/, /ru/."""

    code = models.SlugField(max_length=10, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=100)
    language = models.CharField(max_length=10, help_text=_("Language code of the UI, e.g. ru."))
    site_title = models.CharField(max_length=200, blank=True)
    tagline = models.CharField(max_length=300, blank=True)
    date_format = models.CharField(
        max_length=20, default="d.m.Y", help_text=_("Django date format of site-news dates.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/{self.code}/"


class Section(models.Model):
    """A news section; sections nest (News > Russia)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, validators=[slug_validator, not_reserved])
    path = models.CharField(max_length=400, editable=False, db_index=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "path"], name="section_unique_path"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.path = f"{self.parent.path}/{self.slug}" if self.parent is not None else self.slug
        super().save(*args, **kwargs)
        for child in self.children.all():
            child.save()

    def get_absolute_url(self) -> str:
        return f"/{self.edition.code}/{self.path}/"

    def clean(self) -> None:
        if self.parent is not None and self.parent.edition_id != self.edition_id:
            raise ValidationError({"parent": _("The parent section is in another edition.")})
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A section cannot be inside itself.")})
            node = node.parent


class Source(models.Model):
    """The organisation whose text an article reprints (Human Rights Watch …)."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, validators=[slug_validator])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="tag_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/{self.edition.code}/tags/{self.slug}/"


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED, added__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        ARCHIVED = "archived", _("Archived")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="articles")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=80, validators=[slug_validator])
    translation_group = models.UUIDField(
        null=True, blank=True, db_index=True, help_text=_("Articles sharing this are translations.")
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    dateline_place = models.CharField(max_length=100, blank=True)
    dateline_date = models.DateField(null=True, blank=True)
    added = models.DateTimeField(default=timezone.now, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    body = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    show_in_site_news = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text=_("When a scheduled article goes live.")
    )
    # Optimistic locking: every save through the editorial services bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-added", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="article_unique_slug"),
        ]
        indexes = [
            models.Index(
                fields=["edition", "status", "-added", "-id"], name="article_edition_added"
            ),
            models.Index(
                fields=["section", "status", "-added", "-id"], name="article_section_added"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        self.summary = clean_html(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.edition.code}/{self.section.path}/{self.slug}/"

    def clean(self) -> None:
        if self.section_id and self.edition_id and self.section.edition_id != self.edition_id:
            raise ValidationError({"section": _("The section belongs to another edition.")})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class RelatedLink(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=1000)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Contact(models.Model):
    """One person of an article's "For more information, please contact" block."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    phones = models.TextField(
        blank=True, help_text=_("One number per line; a note may follow in brackets.")
    )
    email = models.EmailField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_list(self) -> list[str]:
        return [line.strip() for line in self.phones.splitlines() if line.strip()]


class Event(models.Model):
    """Something the article announces: a news conference, a hearing, a school."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=300)
    start = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=500, blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, help_text=_("Where it happens, e.g. Europe/Moscow.")
    )

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.time_zone:
            try:
                ZoneInfo(self.time_zone)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValidationError({"time_zone": _("Unknown time zone.")}) from exc

    @property
    def local_start(self):
        """The start in the time zone of the place (readers there read it so)."""
        if not self.time_zone:
            return timezone.localtime(self.start)
        try:
            return self.start.astimezone(ZoneInfo(self.time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            return timezone.localtime(self.start)


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{timezone.now():%Y/%m}/{filename}"


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    mime = models.CharField(max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.file:
            try:
                self.size = self.file.size
            except OSError:
                self.size = 0
        super().save(*args, **kwargs)


class SiteNewsItem(models.Model):
    """An entry of the "News of site" feed: what was added, and when."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="site_news")
    title = models.CharField(max_length=500, blank=True, help_text=_("Empty: the article's title."))
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="site_news"
    )
    link_url = models.CharField(max_length=1000, blank=True)
    added = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-added", "-id"]
        indexes = [models.Index(fields=["edition", "-added", "-id"], name="sitenews_edition_added")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.article is not None:
            return self.article.title
        return ""

    @property
    def url(self) -> str:
        if self.article is not None:
            return self.article.get_absolute_url()
        return self.link_url or f"/{self.edition.code}/site-news/#item-{self.pk}"


class Page(models.Model):
    """A plain page: About, Contacts."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pages")
    slug = models.SlugField(max_length=80, validators=[slug_validator, not_reserved])
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    show_in_menu = models.BooleanField(default=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="page_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.edition.code}/{self.slug}/"


class Redirect(models.Model):
    """An old URL that moved: changed slugs and sections, imported sites."""

    old_path = models.CharField(max_length=1000, unique=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects"
    )
    target_url = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return self.old_path

    @property
    def target(self) -> str:
        return self.article.get_absolute_url() if self.article is not None else self.target_url


def new_translation_group() -> uuid.UUID:
    return uuid.uuid4()
