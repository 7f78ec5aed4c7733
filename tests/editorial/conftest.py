"""A newsroom: an administrator, an editor and a contributor per edition, an outsider."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import SectionFactory
from vestnik.content import services as content_services
from vestnik.content.models import Article
from vestnik.editorial import roles

PASSWORD = "correct horse battery staple 42"


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **extra
    )


@pytest.fixture
def newsroom(editions):
    en, ru = editions["en"], editions["ru"]
    admin_user = make_user("ada", is_staff=True)
    roles.make_administrator(admin_user)
    superuser = make_user("root", is_staff=True, is_superuser=True)
    editor = make_user("edna")
    roles.grant_role(editor, en, "editor")
    contributor = make_user("carl")
    roles.grant_role(contributor, en, "contributor")
    other_contributor = make_user("cora")
    roles.grant_role(other_contributor, en, "contributor")
    ru_editor = make_user("rudolf")
    roles.grant_role(ru_editor, ru, "editor")
    outsider = make_user("otto", is_staff=True)
    section_en = SectionFactory(edition=en, title="News", slug="news")
    section_ru = SectionFactory(edition=ru, title="Новости", slug="novosti")
    return {
        "en": en, "ru": ru, "admin": admin_user, "superuser": superuser, "editor": editor,
        "contributor": contributor, "other_contributor": other_contributor,
        "ru_editor": ru_editor, "outsider": outsider, "section_en": section_en,
        "section_ru": section_ru,
    }  # fmt: skip


def make_article(section, *, by=None, status=Article.Status.DRAFT, title="A draft", **extra):
    article = content_services.create_article(
        content_services.ArticleData(
            edition=section.edition, section=section, title=title, body="<p>Body text.</p>"
        )
    )
    Article.objects.filter(pk=article.pk).update(created_by=by, status=status, **extra)
    article.refresh_from_db()
    return article


def article_form_data(article: Article, **overrides) -> dict:
    """What the admin change form posts for `article`, with overrides."""
    data = {
        "edition": article.edition_id, "section": article.section_id, "source": "",
        "title": article.title, "subtitle": article.subtitle, "slug": article.slug,
        "dateline_place": article.dateline_place, "dateline_date": "",
        "body": article.body, "summary": article.summary,
        "added_0": article.added.strftime("%Y-%m-%d"),
        "added_1": article.added.strftime("%H:%M:%S"),
        "show_in_site_news": "on", "translation_group": "", "base_version": article.version,
    }  # fmt: skip
    for prefix in ("contacts", "events", "links", "attachments"):
        data.update({
            f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000,
        })  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
