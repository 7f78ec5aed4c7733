"""The article form of the back office: rich text, sanitised, with optimistic locking."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from vestnik.content.models import Article, Page
from vestnik.content.sanitize import clean_html
from vestnik.editorial import revisions

# What the editor's toolbar offers; everything else is stripped by the editor on paste
# (Word markup included) and again by clean_html on the server.
EDITOR_EXTENSIONS = {
    "Bold": True, "Italic": True, "Strike": True, "Underline": True, "Subscript": True,
    "Superscript": True, "Heading": {"levels": [2, 3, 4]}, "BulletList": True,
    "OrderedList": True, "ListItem": True, "Blockquote": True, "HorizontalRule": True, "Link": True,
    "Image": True, "Table": True, "TableRow": True, "TableHeader": True, "TableCell": True,
    "HardBreak": True, "History": True,
}  # fmt: skip


def rich_text_field(required: bool = False) -> ProseEditorFormField:
    return ProseEditorFormField(
        extensions=EDITOR_EXTENSIONS, sanitize=clean_html, required=required
    )


class ArticleForm(forms.ModelForm):
    body = rich_text_field()
    summary = rich_text_field()
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Article
        fields = [
            "edition", "section", "source", "title", "subtitle", "slug", "dateline_place",
            "dateline_date", "body", "summary", "tags", "added", "show_in_site_news",
            "translation_group",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: list[revisions.Change] | None = None
        self.conflict_by: str = ""
        self.conflict_at = None
        if self.instance.pk and not self.is_bound:
            self.initial["base_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean() or {}
        if not self.instance.pk:
            return cleaned
        submitted = cleaned.get("base_version")
        # Locked until the admin's transaction ends (PostgreSQL), so the check and the save
        # cannot interleave with another editor's save.
        current = (
            Article.objects.select_for_update().filter(pk=self.instance.pk).only("version").first()
        )
        if current is None:
            raise forms.ValidationError(_("This article was deleted meanwhile."))
        if submitted is None or submitted != current.version:
            self.conflict = revisions.current_changes_since(current, submitted or 0)
            last = current.revisions.select_related("author").first()
            self.conflict_by = str(last.author) if last and last.author else "someone else"
            self.conflict_at = timezone.localtime(last.created) if last else None
            raise forms.ValidationError(
                _(
                    "Edit conflict: %(who)s saved this article while you were editing it. "
                    "Your changes were NOT saved and nothing was overwritten. Review what "
                    "changed below, reload the article and apply your edits again."
                ),
                code="conflict",
                params={"who": self.conflict_by},
            )
        return cleaned


class PageForm(forms.ModelForm):
    body = rich_text_field()

    class Meta:
        model = Page
        fields = ["edition", "slug", "title", "body", "order", "show_in_menu"]
