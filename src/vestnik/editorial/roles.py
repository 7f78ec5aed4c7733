"""Who may do what: every check of the back office, the API and the CLI comes from here."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet

from vestnik.content.models import Article, Edition
from vestnik.editorial.models import EditionRole

ADMINISTRATOR_GROUP = "administrator"
Role = EditionRole.Role
# What a contributor may still change: their own article before an editor took it over.
CONTRIBUTOR_EDITABLE = {Article.Status.DRAFT}


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_vestnik_is_admin", None)
    if cached is None:
        cached = user.groups.filter(name=ADMINISTRATOR_GROUP).exists()
        user._vestnik_is_admin = cached
    return cached


def roles_of(user) -> dict[int, str]:
    """edition id → role of an active, signed-in user (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_vestnik_roles", None)
    if cached is None:
        cached = dict(EditionRole.objects.filter(user=user).values_list("edition_id", "role"))
        user._vestnik_roles = cached
    return cached


def has_any_role(user) -> bool:
    return is_administrator(user) or bool(roles_of(user))


def is_editor(user, edition_id: int | None) -> bool:
    return is_administrator(user) or roles_of(user).get(edition_id or 0) == Role.EDITOR


def editions_for(user) -> QuerySet[Edition]:
    if is_administrator(user):
        return Edition.objects.all()
    return Edition.objects.filter(pk__in=list(roles_of(user)))


def visible_articles(user) -> QuerySet[Article]:
    """Articles the user may open in the back office."""
    qs = Article.objects.all()
    if is_administrator(user):
        return qs
    roles = roles_of(user)
    edited = [ed for ed, role in roles.items() if role == Role.EDITOR]
    contributed = [ed for ed, role in roles.items() if role == Role.CONTRIBUTOR]
    return qs.filter(
        Q(edition_id__in=edited) | Q(edition_id__in=contributed, created_by_id=user.pk)
    )


def can_view(user, article: Article) -> bool:
    if is_editor(user, article.edition_id):
        return True
    return (
        roles_of(user).get(article.edition_id) == Role.CONTRIBUTOR
        and article.created_by_id == user.pk
    )


def can_edit(user, article: Article) -> bool:
    if is_editor(user, article.edition_id):
        return True
    return can_view(user, article) and article.status in CONTRIBUTOR_EDITABLE


def can_create_in(user, edition_id: int | None) -> bool:
    return is_administrator(user) or (edition_id or 0) in roles_of(user)


@transaction.atomic
def grant_role(user, edition: Edition, role: str, *, by=None, request=None) -> EditionRole:
    """Give `user` a role in `edition` (replacing the one they had) and let them in the admin."""
    from vestnik.editorial import audit

    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    obj, _ = EditionRole.objects.update_or_create(
        user=user, edition=edition, defaults={"role": role}
    )
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit.record(
        "role.grant", actor=by, obj=user, request=request,
        details={"edition": edition.code, "role": role},
    )  # fmt: skip
    return obj


@transaction.atomic
def revoke_role(user, edition: Edition, *, by=None, request=None) -> None:
    from vestnik.editorial import audit

    deleted, _ = EditionRole.objects.filter(user=user, edition=edition).delete()
    if deleted:
        audit.record(
            "role.revoke", actor=by, obj=user, request=request, details={"edition": edition.code}
        )


def ensure_administrator_group() -> Group:
    """The "administrator" group, holding every permission there is (run after each migrate)."""
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR_GROUP)
    missing = Permission.objects.exclude(group=group)
    if missing.exists():
        group.permissions.add(*missing)
    return group


def make_administrator(user, *, by=None, request=None) -> None:
    group = ensure_administrator_group()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)
