"""Other apps' URLs in the static tree: feeds, sitemaps, case files, the search page.

An app registers a provider once (in its AppConfig.ready):

    from vestnik.publishing.registry import register_urls

    def feed_urls() -> Iterable[str]:
        for edition in Edition.objects.all():
            yield f"/{edition.code}/feed/"

    register_urls("syndication.feeds", feed_urls)

A provider returns root-relative URL paths. The publisher fetches each one through
Django's request handler (the live view, so the bytes are the live bytes) and writes
it to the tree: a path ending in "/" becomes `…/index.html`, any other path is written
as named (`/sitemap.xml`). Only 200 responses are written; anything else is an error
that stops the build, so a broken provider never publishes a half site.

An app that adds something to article pages (the cases an article belongs to, say)
registers what that depends on, so an incremental build re-renders the article pages it
changes:

    register_article_inputs("cases", lambda ids: {article_id: (case status, title…)})

The function gets a list of article ids and returns, for those it concerns, any value
that can be compared (its repr goes into the page's fingerprint). While rendering, each
article carries them as `article.publishing_inputs[name]` (None for an article the
function did not mention), so the app's template tag need not query again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

UrlProvider = Callable[[], Iterable[str]]
ArticleInputs = Callable[[list[int]], Mapping[int, object]]

_providers: dict[str, UrlProvider] = {}
_article_inputs: dict[str, ArticleInputs] = {}


def register_urls(name: str, provider: UrlProvider) -> None:
    """Add (or replace, by name) a provider of URL paths to publish."""
    _providers[name] = provider


def unregister_urls(name: str) -> None:
    _providers.pop(name, None)


def providers() -> dict[str, UrlProvider]:
    return dict(_providers)


def register_article_inputs(name: str, inputs: ArticleInputs) -> None:
    """Add (or replace, by name) what other apps' parts of article pages depend on."""
    _article_inputs[name] = inputs


def article_inputs() -> dict[str, ArticleInputs]:
    return dict(_article_inputs)
