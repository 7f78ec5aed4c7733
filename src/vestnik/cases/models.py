"""Case files: a court case or application, its parties, timeline and documents."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vestnik.cases.numbers import normalise_number
from vestnik.content.models import Article, Edition, slug_validator
from vestnik.content.sanitize import clean_html


def _translated(default: str, translations: dict, code: str) -> str:
    value = translations.get(code) if isinstance(translations, dict) else None
    return value if isinstance(value, str) and value.strip() else default


class Court(models.Model):
    """A court or body: a district court, the European Court, a UN treaty body (editable list)."""

    class Kind(models.TextChoices):
        DOMESTIC = "domestic", _("Domestic court")
        CONSTITUTIONAL = "constitutional", _("Constitutional court")
        ECTHR = "ecthr", _("European Court of Human Rights")
        UN = "un", _("UN treaty body")
        OTHER = "other", _("Other body")

    slug = models.SlugField(max_length=60, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    name_translations = models.JSONField(
        default=dict, blank=True, help_text=_('Name per edition code, e.g. {"ru": "…"}.')
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DOMESTIC)
    level = models.PositiveSmallIntegerField(
        default=1, help_text=_("Domestic instance: 1 first instance, 2 appeal, 3 cassation …")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, code: str) -> str:
        return _translated(self.name, self.name_translations, code)


class Subject(models.Model):
    """What a case is about: right to a fair trial, privacy, detention conditions …"""

    slug = models.SlugField(max_length=60, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    name_translations = models.JSONField(
        default=dict, blank=True, help_text=_('Name per edition code, e.g. {"ru": "…"}.')
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, code: str) -> str:
        return _translated(self.name, self.name_translations, code)


class Case(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        FILED = "filed", _("Filed")
        PENDING = "pending", _("Pending")
        COMMUNICATED = "communicated", _("Communicated")
        HEARING = "hearing", _("Hearings under way")
        JUDGMENT = "judgment", _("Judgment delivered")
        DECISION = "decision", _("Decision delivered")
        FRIENDLY_SETTLEMENT = "friendly-settlement", _("Friendly settlement")
        APPEAL = "appeal", _("On appeal")
        EXECUTION = "execution", _("Judgment being executed")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(
        max_length=80, unique=True, validators=[slug_validator],
        help_text=_("Address of the case page in every edition: /en/cases/<slug>/."),
    )  # fmt: skip
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(
        max_length=60, blank=True, help_text=_("As the court writes it, e.g. No. 12345/06.")
    )
    number_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.PENDING)
    status_changed = models.DateTimeField(default=timezone.now)
    subjects = models.ManyToManyField(Subject, blank=True, related_name="cases")
    filed = models.DateField(null=True, blank=True, help_text=_("When the case was filed."))
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by",
        help_text=_("The earlier case this one continues (the domestic case before Strasbourg)."),
    )  # fmt: skip
    is_public = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-status_changed", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "number_key"],
                condition=~models.Q(number_key=""),
                name="case_unique_number_per_court",
                violation_error_message=_("This court already has a case with that number."),
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    def save(self, *args, **kwargs) -> None:
        if self.number and not self.number_key:
            try:
                self.number_key = normalise_number(self.number)
            except ValidationError:
                self.number_key = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self, code: str = "en") -> str:
        return f"/{code}/cases/{self.slug}/"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.number:
            strict = self.court_id is not None and self.court.kind == Court.Kind.ECTHR
            try:
                self.number_key = normalise_number(self.number, strict_ecthr=strict)
            except ValidationError as exc:
                errors.setdefault("number", []).extend(exc.messages)
        else:
            self.number_key = ""
        if self.filed and self.filed > timezone.localdate():
            errors.setdefault("filed", []).append(_("A case cannot be filed in the future."))
        node, seen = self.follows, set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                errors.setdefault("follows", []).append(_("A case cannot continue itself."))
                break
            seen.add(node.pk)
            node = node.follows
        if errors:
            raise ValidationError(errors)


class CaseTranslation(models.Model):
    """A case's title and story in one edition; a case is public in the editions it has."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="translations")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="case_texts")
    title = models.CharField(max_length=300, help_text=_("e.g. S. v. Russia"))
    short_name = models.CharField(max_length=100, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["edition__order", "edition__code"]
        constraints = [
            models.UniqueConstraint(fields=["case", "edition"], name="case_one_text_per_edition"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.summary = clean_html(self.summary)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.title


class Party(models.Model):
    class Role(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        RESPONDENT = "respondent", _("Respondent")
        REPRESENTATIVE = "representative", _("Representative")
        THIRD_PARTY = "third-party", _("Third party")

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=Role.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=200)
    name_translations = models.JSONField(default=dict, blank=True)
    hide_name = models.BooleanField(
        default=False,
        help_text=_("For the person's safety the name is never shown on the public site."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    def public_name(self, code: str) -> str | None:
        """The name a reader may see; None when it is hidden."""
        if self.hide_name:
            return None
        return _translated(self.name, self.name_translations, code)


class TimelineEvent(models.Model):
    class Kind(models.TextChoices):
        FILING = "filing", _("Filing")
        COMMUNICATION = "communication", _("Communication")
        HEARING = "hearing", _("Hearing")
        DECISION = "decision", _("Decision")
        JUDGMENT = "judgment", _("Judgment")
        APPEAL = "appeal", _("Appeal")
        EXECUTION = "execution", _("Execution")
        OTHER = "other", _("Other")

    # Only a hearing (or an "other" event) is planned ahead; the rest are facts.
    MAY_BE_FUTURE = frozenset({Kind.HEARING, Kind.OTHER})

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    time = models.TimeField(null=True, blank=True, help_text=_("Start time of a hearing."))
    time_zone = models.CharField(
        max_length=64, blank=True, default="Europe/Moscow", help_text=_("e.g. Europe/Moscow")
    )
    duration_minutes = models.PositiveIntegerField(default=120)
    venue = models.CharField(max_length=300, blank=True)
    text = models.CharField(max_length=500, help_text=_("Short text in the first edition."))
    text_translations = models.JSONField(
        default=dict, blank=True, help_text=_('Text per edition code, e.g. {"ru": "…"}.')
    )

    class Meta:
        ordering = ["date", "time", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def text_in(self, code: str) -> str:
        return _translated(self.text, self.text_translations, code)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.date and self.kind not in self.MAY_BE_FUTURE and self.date > timezone.localdate():
            errors["date"] = [
                _("A %(kind)s cannot be in the future.") % {"kind": self.get_kind_display()}
            ]
        if self.time_zone:
            try:
                ZoneInfo(self.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                errors["time_zone"] = [_("Unknown time zone.")]
        if self.date and not dt.date(1950, 1, 1) <= self.date <= dt.date(2200, 1, 1):
            errors["date"] = [_("That date is out of range.")]
        if errors:
            raise ValidationError(errors)

    @property
    def start(self) -> dt.datetime | None:
        """The moment a hearing starts, in the court's own time zone."""
        if self.time is None:
            return None
        try:
            zone = ZoneInfo(self.time_zone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        return dt.datetime.combine(self.date, self.time, tzinfo=zone)


def document_path(instance: CaseDocument, filename: str) -> str:
    # Named by content: replacing a file never overwrites another's bytes.
    return f"cases/{instance.sha256[:2]}/{instance.sha256}.{instance.file_format}"


class CaseDocument(models.Model):
    class Type(models.TextChoices):
        JUDGMENT = "judgment", _("Judgment")
        DECISION = "decision", _("Decision")
        APPLICATION = "application", _("Application")
        SUBMISSION = "submission", _("Submission")
        OBSERVATIONS = "observations", _("Observations")
        COMMUNICATION = "communication", _("Communication")
        OTHER = "other", _("Other document")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        DOC = "doc", "DOC"
        ODT = "odt", "ODT"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        TimelineEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(max_length=300)
    doc_type = models.CharField(max_length=20, choices=Type.choices, default=Type.OTHER)
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True, help_text=_("e.g. en, ru, fr"))
    official_id = models.CharField(
        max_length=120, blank=True, help_text=_("ECLI or the court's own number.")
    )
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=200, blank=True)
    file_format = models.CharField(max_length=10, choices=Format.choices, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    text = models.TextField(blank=True, editable=False)
    added = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sha256"],
                name="casedoc_unique_per_case",
                violation_error_message=_("This document is attached to the case already."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self, code: str = "en") -> str:
        return f"/{code}/cases/documents/{self.pk}/{self.download_name}"

    def clean(self) -> None:
        if self.event is not None and self.case_id and self.event.case_id != self.case_id:
            raise ValidationError({"event": _("That event belongs to another case.")})
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A document cannot be dated in the future.")})

    @property
    def download_name(self) -> str:
        return self.original_name or f"document-{self.pk}.{self.file_format}"


class CaseArticle(models.Model):
    """An article that belongs to a case (an article can belong to several)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="article_links")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="case_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "article"],
                name="casearticle_unique",
                violation_error_message=_("The article is linked to this case already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} ← {self.article}"


class CaseRevision(models.Model):
    """A full snapshot of a case with its texts, parties, timeline, documents and links."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    comment = models.CharField(max_length=300, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="caserevision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} of case {self.case_id}"
