"""Shapes of the JSON API's responses (pydantic models through django-ninja)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ErrorDetail(Schema):
    status: int
    code: str
    message: str
    details: list[dict] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class EditionOut(Schema):
    code: str
    name: str
    language: str
    site_title: str
    tagline: str
    url: str


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    path: str
    description: str
    url: str
    children: list[SectionOut]


class SourceOut(Schema):
    name: str
    url: str


class ArticleSummaryOut(Schema):
    id: int
    edition: str
    section: str
    title: str
    subtitle: str
    slug: str
    url: str
    summary: str
    added: dt.datetime
    updated: dt.datetime
    source: SourceOut | None
    tags: list[str]


class ArticlePageOut(Schema):
    items: list[ArticleSummaryOut]
    next_cursor: str | None


class DatelineOut(Schema):
    place: str
    date: dt.date | None


class ContactOut(Schema):
    name: str
    city: str
    languages: str
    phones: list[str]
    email: str
    note: str


class EventOut(Schema):
    title: str
    start: dt.datetime
    time_zone: str
    venue: str
    address: str


class LinkOut(Schema):
    title: str
    url: str


class AttachmentOut(Schema):
    title: str
    url: str
    size: int
    mime: str


class TranslationOut(Schema):
    id: int
    edition: str
    language: str
    title: str
    url: str


class ArticleDetailOut(ArticleSummaryOut):
    body: str
    dateline: DatelineOut
    contacts: list[ContactOut]
    events: list[EventOut]
    links: list[LinkOut]
    attachments: list[AttachmentOut]
    translations: list[TranslationOut]


class SiteNewsOut(Schema):
    id: int
    title: str
    url: str
    added: dt.datetime
    article_id: int | None


class SiteNewsPageOut(Schema):
    items: list[SiteNewsOut]
    next_cursor: str | None


class SearchResultOut(Schema):
    kind: str = Field(description="`article`, or `case:<edition>` / `casedoc:<edition>`.")
    id: int
    url: str
    title: str
    title_html: str = Field(description="Escaped title, matches in `<mark>`.")
    section: str
    date: dt.datetime
    snippet_html: str = Field(description="Escaped text around the matches, in `<mark>`.")
    score: float


class SearchPageOut(Schema):
    q: str
    total: int
    page: int
    per_page: int
    num_pages: int
    notes: list[str] = Field(description="What the query parser ignored or changed.")
    results: list[SearchResultOut]


class CaseCourtOut(Schema):
    slug: str
    name: str
    kind: str


class CaseSubjectOut(Schema):
    slug: str
    name: str


class CasePartyOut(Schema):
    role: str
    kind: str
    name: str | None = Field(description="null when the name is hidden for safety.")
    name_hidden: bool


class CaseEventOut(Schema):
    date: dt.date
    kind: str
    text: str
    url: str | None


class CaseDocumentOut(Schema):
    title: str
    type: str
    date: dt.date | None
    language: str
    official_id: str
    format: str
    size: int
    sha256: str
    url: str


class CaseOut(Schema):
    slug: str
    url: str
    title: str
    short_name: str
    court: CaseCourtOut
    number: str
    number_key: str
    status: str
    status_label: str
    status_changed: dt.datetime
    filed: dt.date | None
    subjects: list[CaseSubjectOut]
    parties: list[CasePartyOut]
    timeline: list[CaseEventOut]
    documents: list[CaseDocumentOut]
