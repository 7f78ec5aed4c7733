"""Every forbidden action of every role, over HTTP: 403 or 404, and nothing changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.editorial.conftest import article_form_data, make_article
from vestnik.content.models import (
    Article,
    Contact,
    Edition,
    Page,
    Redirect,
    Section,
    SiteNewsItem,
    Source,
    Tag,
)
from vestnik.editorial import audit
from vestnik.editorial.models import AuditEntry, EditionRole, Revision, WorkflowStep

S = Article.Status
Membership = get_user_model().groups.through
WORKFLOW = ["submit", "request_changes", "schedule", "publish", "unpublish", "archive", "reopen"]


def state() -> dict:
    """Everything a forbidden request could change."""
    return {
        "articles": sorted(
            Article.objects.values_list("id", "title", "status", "version", "edition_id", "body")
        ),
        "roles": sorted(EditionRole.objects.values_list("user_id", "edition_id", "role")),
        "users": sorted(
            get_user_model().objects.values_list(
                "username", "is_staff", "is_superuser", "password"
            )
        ),
        "groups": sorted(Membership.objects.values_list("user_id", "group_id")),
        "audit": sorted(AuditEntry.objects.values_list("id", "action")),
        **{
            m.__name__: m.objects.count()
            for m in [Edition, Section, Source, Tag, Page, Redirect, SiteNewsItem, Contact,
                      Revision, WorkflowStep, Group]
        },
    }  # fmt: skip


@pytest.fixture
def world(newsroom):
    n = newsroom
    en_section, ru_section = n["section_en"], n["section_ru"]
    arts = {
        "own_draft": make_article(en_section, by=n["contributor"], title="Own draft"),
        "own_review": make_article(
            en_section, by=n["contributor"], status=S.REVIEW, title="Own review"
        ),
        "others_draft": make_article(en_section, by=n["other_contributor"], title="Other's"),
        "en_published": make_article(en_section, by=n["editor"], status=S.PUBLISHED, title="Pub"),
        "en_scheduled": make_article(
            en_section,
            by=n["editor"],
            status=S.SCHEDULED,
            title="Sched",
            publish_at=timezone.now() + timedelta(days=1),
        ),  # fmt: skip
        "ru_draft": make_article(ru_section, by=n["ru_editor"], title="Русский черновик"),
    }
    for a in arts.values():
        Revision.objects.create(article=a, number=1, version=a.version, data={"title": a.title})
    page = Page.objects.create(edition=n["en"], slug="about", title="About")
    entry = audit.record("login", actor=n["admin"])
    role = EditionRole.objects.get(user=n["contributor"])
    return {**n, "arts": arts, "page": page, "entry": entry, "role": role}


def admin_model_urls(world) -> list[tuple[str, str, dict]]:
    """GET and POST on every admin model page that only administrators may use."""
    en, section, user = world["en"], world["section_en"], world["contributor"]
    cases: list[tuple[str, str, dict]] = []
    objects = {
        "content/edition": en.pk, "content/section": section.pk, "content/page": world["page"].pk,
        "auth/user": user.pk, "vestnik_editorial/editionrole": world["role"].pk,
    }  # fmt: skip
    for model, pk in objects.items():
        cases += [
            ("get", f"/admin/{model}/", {}),
            ("get", f"/admin/{model}/add/", {}),
            ("post", f"/admin/{model}/add/", {"name": "x", "code": "xx", "title": "x"}),
            ("get", f"/admin/{model}/{pk}/change/", {}),
            ("post", f"/admin/{model}/{pk}/change/", {"name": "hacked", "title": "hacked"}),
            ("post", f"/admin/{model}/{pk}/delete/", {"post": "yes"}),
        ]
    for model in ["content/source", "content/tag", "content/redirect", "content/sitenewsitem",
                  "auth/group"]:  # fmt: skip
        cases += [("get", f"/admin/{model}/", {}), ("post", f"/admin/{model}/add/", {"name": "x"})]
    cases += [
        ("post", "/admin/vestnik_editorial/editionrole/add/",
         {"user": user.pk, "edition": en.pk, "role": "editor"}),
        ("post", f"/admin/auth/user/{user.pk}/change/",
         {"username": user.username, "is_superuser": "on", "is_staff": "on"}),
    ]  # fmt: skip
    return cases


def audit_urls(world) -> list[tuple[str, str, dict]]:
    pk = world["entry"].pk
    return [
        ("get", "/admin/vestnik_editorial/auditentry/", {}),
        ("get", f"/admin/vestnik_editorial/auditentry/{pk}/change/", {}),
    ]


def audit_write_urls(world) -> list[tuple[str, str, dict]]:
    pk = world["entry"].pk
    return [
        ("post", "/admin/vestnik_editorial/auditentry/add/", {"action": "forged"}),
        ("post", f"/admin/vestnik_editorial/auditentry/{pk}/change/", {"action": "forged"}),
        ("post", f"/admin/vestnik_editorial/auditentry/{pk}/delete/", {"post": "yes"}),
        ("post", "/admin/vestnik_editorial/auditentry/",
         {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}),
    ]  # fmt: skip


def article_urls(article: Article, *, change=True, delete=True, steps=WORKFLOW, restore=True):
    base = f"/admin/content/article/{article.pk}"
    cases: list[tuple[str, str, dict]] = []
    if change:
        cases.append(("post", f"{base}/change/", article_form_data(article, title="Hacked")))
    if delete:
        cases += [("get", f"{base}/delete/", {}), ("post", f"{base}/delete/", {"post": "yes"})]
        cases.append(
            ("post", "/admin/content/article/",
             {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"})
        )  # fmt: skip
    for step in steps:
        cases.append(
            ("post", f"{base}/workflow/{step}/", {"publish_at": "2099-01-01 10:00", "comment": "x"})
        )
    if restore:
        cases.append(("post", f"{base}/revisions/1/restore/", {}))
    return cases


def invisible_article_urls(article: Article):
    base = f"/admin/content/article/{article.pk}"
    return [
        ("get", f"{base}/change/", {}),
        ("get", f"{base}/history/", {}),
        ("get", f"{base}/revisions/", {}),
        *article_urls(article),
    ]


def new_article_in(section) -> tuple[str, str, dict]:
    stub = Article(edition=section.edition, section=section, title="Smuggled", slug="smuggled",
                   added=timezone.now())  # fmt: skip
    stub.version = 1
    return ("post", "/admin/content/article/add/", article_form_data(stub))


def check_all_forbidden(client, user, cases) -> None:
    client.force_login(user)
    before = state()
    failures = []
    for method, url, data in cases:
        response = getattr(client, method)(url, data)
        if response.status_code not in (403, 404):
            failures.append(f"{method.upper()} {url} → {response.status_code}")
        elif state() != before:
            failures.append(f"{method.upper()} {url} changed the database")
    assert not failures, "\n".join(failures)
    assert len(cases) > 5


def test_contributor_cannot_publish_review_delete_or_administer(client, world):
    arts = world["arts"]
    editor_steps = [s for s in WORKFLOW if s != "submit"]
    cases = [
        *article_urls(arts["own_draft"], change=False, steps=editor_steps, restore=False),
        *article_urls(arts["own_review"]),  # handed in: no more edits by its author
        *invisible_article_urls(arts["others_draft"]),
        *invisible_article_urls(arts["en_published"]),
        *invisible_article_urls(arts["en_scheduled"]),
        *invisible_article_urls(arts["ru_draft"]),
        new_article_in(world["section_ru"]),
        *admin_model_urls(world),
        *audit_urls(world),
        *audit_write_urls(world),
    ]
    check_all_forbidden(client, world["contributor"], cases)


def test_editor_cannot_touch_another_edition_or_administer(client, world):
    cases = [
        *invisible_article_urls(world["arts"]["ru_draft"]),
        new_article_in(world["section_ru"]),
        *admin_model_urls(world),
        *audit_urls(world),
        *audit_write_urls(world),
    ]
    check_all_forbidden(client, world["editor"], cases)


def test_staff_user_without_a_role_gets_nothing(client, world):
    cases = [
        ("get", "/admin/content/article/", {}),
        ("get", "/admin/content/article/add/", {}),
        new_article_in(world["section_en"]),
        *[c for a in world["arts"].values() for c in invisible_article_urls(a)],
        *admin_model_urls(world),
        *audit_urls(world),
    ]
    check_all_forbidden(client, world["outsider"], cases)


def test_administrators_cannot_rewrite_the_audit_log(client, world):
    for who in ("admin", "superuser"):
        check_all_forbidden(client, world[who], audit_write_urls(world) * 2)


def test_administrator_group_member_sees_the_audit_log_and_manages_roles(client, world):
    client.force_login(world["admin"])
    assert client.get("/admin/vestnik_editorial/auditentry/").status_code == 200
    assert client.get("/admin/vestnik_editorial/auditentry/?action=login").status_code == 200
    response = client.post(
        "/admin/vestnik_editorial/editionrole/add/",
        {"user": world["outsider"].pk, "edition": world["en"].pk, "role": "editor"},
    )
    assert response.status_code == 302
    assert EditionRole.objects.get(user=world["outsider"]).role == "editor"
    entry = AuditEntry.objects.filter(action="role.grant").first()
    assert entry.actor == world["admin"]
    assert entry.details == {"edition": "en", "role": "editor"}


def test_anonymous_visitors_are_sent_to_the_login_page_and_change_nothing(client, world):
    before = state()
    arts = world["arts"]
    for method, url, data in [
        *article_urls(arts["own_draft"]),
        *admin_model_urls(world),
        *audit_write_urls(world),
    ]:
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")
    assert state() == before
