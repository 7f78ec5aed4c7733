"""The editorial workflow: draft → review → scheduled → published → unpublished/archived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from vestnik.content import services as content_services
from vestnik.content.models import Article
from vestnik.editorial import audit, roles
from vestnik.editorial.models import WorkflowStep

S = Article.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    editor_only: bool = True


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", "Submit for review", frozenset({S.DRAFT}), S.REVIEW, False),
        Transition("request_changes", "Request changes", frozenset({S.REVIEW}), S.DRAFT),
        Transition(
            "schedule", "Schedule", frozenset({S.DRAFT, S.REVIEW, S.UNPUBLISHED}), S.SCHEDULED
        ),
        Transition(
            "publish",
            "Publish now",
            frozenset({S.DRAFT, S.REVIEW, S.SCHEDULED, S.UNPUBLISHED}),
            S.PUBLISHED,
        ),  # fmt: skip
        Transition("unpublish", "Unpublish", frozenset({S.PUBLISHED, S.SCHEDULED}), S.UNPUBLISHED),
        Transition(
            "archive", "Archive", frozenset({S.DRAFT, S.PUBLISHED, S.UNPUBLISHED}), S.ARCHIVED
        ),
        Transition("reopen", "Back to draft", frozenset({S.UNPUBLISHED, S.ARCHIVED}), S.DRAFT),
    ]
}


def allowed_transitions(user, article: Article) -> list[Transition]:
    """The buttons this user gets on this article."""
    result = []
    for t in TRANSITIONS.values():
        if article.status not in t.sources:
            continue
        if t.editor_only and not roles.is_editor(user, article.edition_id):
            continue
        if not t.editor_only and not roles.can_edit(user, article):
            continue
        result.append(t)
    return result


def _go_live(article: Article, now: datetime) -> None:
    """What publishing does besides the status: published_at and the site-news entry."""
    content_services.publish_article(article, when=now)


def _take_down(article: Article) -> None:
    article.site_news.all().delete()


@transaction.atomic
def transition(
    article: Article,
    name: str,
    *,
    user,
    comment: str = "",
    publish_at: datetime | None = None,
    request=None,
) -> WorkflowStep:
    """Move an article one step; checks the user's role and the current status under a lock."""
    t = TRANSITIONS.get(name)
    if t is None:
        raise ValidationError(f"Unknown workflow step {name!r}.")
    locked = Article.objects.select_for_update().select_related("edition").get(pk=article.pk)
    if t.editor_only and not roles.is_editor(user, locked.edition_id):
        raise PermissionDenied("Only an editor of this edition can do that.")
    if not t.editor_only and not roles.can_edit(user, locked):
        raise PermissionDenied("You cannot submit this article.")
    if locked.status not in t.sources:
        raise ValidationError(
            f"A {locked.get_status_display().lower()} article cannot be moved with “{t.label}”."
        )
    comment = (comment or "").strip()
    if len(comment) > 5000:
        raise ValidationError("The comment is too long (5000 characters at most).")
    now = timezone.now()
    if t.name == "schedule":
        if publish_at is None:
            raise ValidationError("Give the date and time to publish at.")
        if publish_at <= now:
            raise ValidationError("The publishing time must be in the future.")
        locked.publish_at = publish_at
    from_status = locked.status
    locked.status = t.target
    locked.version = F("version") + 1
    locked.save(update_fields=["status", "publish_at", "version", "updated"])
    locked.refresh_from_db()
    if t.target == S.PUBLISHED:
        _go_live(locked, now)
    elif from_status == S.PUBLISHED:
        _take_down(locked)
    step = WorkflowStep.objects.create(
        article=locked, action=t.name, from_status=from_status, to_status=t.target,
        actor=user if getattr(user, "pk", None) else None, at=now, comment=comment,
    )  # fmt: skip
    details: dict = {"from": from_status, "to": t.target}
    if comment:
        details["comment"] = comment[:500]
    if t.name == "schedule" and publish_at is not None:
        details["publish_at"] = publish_at.isoformat()
    audit.record(f"workflow.{t.name}", actor=user, obj=locked, request=request, details=details)
    article.refresh_from_db()
    return step


def _due(now: datetime):
    return Article.objects.filter(status=S.SCHEDULED, publish_at__lte=now).order_by(
        "publish_at", "id"
    )


def publish_one_due(now: datetime | None = None) -> Article | None:
    """Publish the next scheduled article whose time has come; None when there is none.

    On PostgreSQL the row is locked with SKIP LOCKED, so several workers share the queue;
    the conditional UPDATE makes a second publication impossible on any database.
    """
    now = now or timezone.now()
    with transaction.atomic():
        qs = _due(now)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        article = qs.select_related("edition").first()
        if article is None:
            return None
        won = Article.objects.filter(pk=article.pk, status=S.SCHEDULED).update(
            status=S.PUBLISHED, version=F("version") + 1, updated=now
        )
        if not won:
            return None
        article.refresh_from_db()
        _go_live(article, now)
        WorkflowStep.objects.create(
            article=article, action="publish_scheduled", from_status=S.SCHEDULED,
            to_status=S.PUBLISHED, at=now,
        )  # fmt: skip
        audit.record(
            "workflow.publish_scheduled", obj=article,
            details={"publish_at": article.publish_at.isoformat() if article.publish_at else ""},
        )  # fmt: skip
    return article


def publish_due(now: datetime | None = None, limit: int = 1000) -> list[int]:
    """Publish every scheduled article that is due; returns their ids."""
    done: list[int] = []
    while len(done) < limit:
        article = publish_one_due(now)
        if article is None:
            break
        done.append(article.pk)
    return done
