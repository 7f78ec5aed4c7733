"""factory_boy factories for the content model."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from vestnik.content.models import (
    Article,
    Contact,
    Edition,
    Event,
    Page,
    Section,
    SiteNewsItem,
    Source,
    Tag,
)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("code",)

    code = "en"
    name = "English"
    language = factory.LazyAttribute(lambda o: o.code)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    url = "https://example.org/"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    section = factory.SubFactory(SectionFactory)
    edition = factory.LazyAttribute(lambda o: o.section.edition)
    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    added = factory.Sequence(
        lambda n: timezone.now() - dt.timedelta(days=1) + dt.timedelta(seconds=n)
    )
    status = Article.Status.PUBLISHED


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    article = factory.SubFactory(ArticleFactory)
    name = "Anna Example"
    city = "Perm"
    languages = "English, Russian"
    phones = "+7-900-000-0001 (mobile)"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    article = factory.SubFactory(ArticleFactory)
    title = "News conference"
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    venue = "Press Centre"


class SiteNewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteNewsItem

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Site news {n}")
    added = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n + 1))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    edition = factory.SubFactory(EditionFactory)
    slug = "about"
    title = "About"
    body = "<p>About us.</p>"
